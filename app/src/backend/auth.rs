//! Login, logout and session resolution. Sessions live in the database; the browser holds a
//! random token whose SHA-256 is the key.

use super::audit::{self, Change};
use super::error::ServiceResult;
use super::ratelimit::LoginLimiter;
use super::storage::{self, Db};
use super::{Clock, ServiceError, SessionPolicy, password};
use crate::domain::Actor;
use crate::domain::user::{User, normalize_username};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Sessions are refreshed in the database at most this often.
const TOUCH_AFTER: Duration = Duration::seconds(60);
use sha2::{Digest, Sha256};

/// The message for every failed login, so it never tells which part was wrong.
pub const BAD_CREDENTIALS: &str = "Fel användarnamn eller lösenord.";

#[derive(Clone)]
pub struct AuthService {
    db: Db,
    clock: Clock,
    policy: SessionPolicy,
    limiter: LoginLimiter,
    cache: SessionCache,
}

/// How long a resolved session is trusted without asking the database again.
const CACHE_SECONDS: i64 = 30;

/// Recently resolved sessions, so most page views need no database round trip. An entry lives at
/// most `CACHE_SECONDS`; logout removes it and any change to accounts clears the whole cache.
#[derive(Clone, Default)]
pub struct SessionCache(Arc<Mutex<HashMap<String, CachedSession>>>);

#[derive(Clone)]
struct CachedSession {
    actor: Actor,
    created: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    cached_at: DateTime<Utc>,
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CachedSession>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(&self, key: &str, now: DateTime<Utc>) -> Option<CachedSession> {
        self.lock()
            .get(key)
            .filter(|c| now - c.cached_at < Duration::seconds(CACHE_SECONDS))
            .cloned()
    }

    fn put(&self, key: String, entry: CachedSession) {
        let mut map = self.lock();
        if map.len() > 10_000 {
            map.clear();
        }
        map.insert(key, entry);
    }

    fn remove(&self, key: &str) {
        self.lock().remove(key);
    }

    /// Forgets every session; called whenever accounts change.
    pub fn clear(&self) {
        self.lock().clear();
    }
}

/// A new session: the token for the cookie and who it belongs to.
pub struct NewSession {
    pub token: String,
    pub actor: Actor,
}

/// The database key of a session token: SHA-256 over the server secret and the token.
pub fn hash_token(secret: &[u8], token: &str) -> String {
    let mut h = Sha256::new();
    h.update(secret);
    h.update(token.as_bytes());
    hex::encode(h.finalize())
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn actor_of(user: &User) -> Actor {
    Actor {
        user_id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        forvaltningar: user.forvaltningar.clone(),
    }
}

impl AuthService {
    pub fn new(db: Db, clock: Clock, policy: SessionPolicy, cache: SessionCache) -> Self {
        Self {
            db,
            clock,
            policy,
            limiter: LoginLimiter::default(),
            cache,
        }
    }

    fn expired(
        &self,
        now: DateTime<Utc>,
        created: DateTime<Utc>,
        last_seen: DateTime<Utc>,
    ) -> bool {
        now - last_seen > self.policy.idle || now - created > self.policy.absolute
    }

    pub fn policy(&self) -> &SessionPolicy {
        &self.policy
    }

    fn key(&self, token: &str) -> String {
        hash_token(&self.policy.secret, token)
    }

    /// Checks the credentials and opens a new session (rotating away `old_token`, if any).
    /// `client` identifies the caller's address for rate limiting.
    pub async fn login(
        &self,
        username: &str,
        password_attempt: &str,
        client: &str,
        old_token: Option<&str>,
    ) -> ServiceResult<NewSession> {
        let now = (self.clock)();
        let username = normalize_username(username);
        let keys = [format!("user:{username}"), format!("client:{client}")];
        if let Some(minutes) = keys
            .iter()
            .filter_map(|k| self.limiter.blocked_for(k, now))
            .max()
        {
            return Err(ServiceError::TooManyAttempts { minutes });
        }
        if username.is_empty()
            || password_attempt.is_empty()
            || username.len() > 64
            || password_attempt.len() > 1024
        {
            return Err(ServiceError::field("username", BAD_CREDENTIALS));
        }
        let found = storage::users::find_with_hash(&mut *self.db.read().await?, &username).await?;
        let hash = found
            .as_ref()
            .map(|(_, h)| h.as_str())
            .unwrap_or_else(|| password::dummy_hash());
        let ok = password::verify(password_attempt, hash);
        let mut tx = self.db.begin().await?;
        match found {
            Some((user, _)) if ok && user.active => {
                keys.iter().for_each(|k| self.limiter.clear(k));
                if let Some(old) = old_token {
                    let old_key = self.key(old);
                    self.cache.remove(&old_key);
                    storage::sessions::delete(&mut tx, &old_key).await?;
                }
                let token = new_token();
                storage::sessions::insert(&mut tx, &self.key(&token), user.id, now).await?;
                let actor = actor_of(&user);
                let change = Change::<(), ()> {
                    action: "login",
                    entity_type: "session",
                    entity_id: user.id.to_string(),
                    before: None,
                    after: None,
                };
                audit::record_change(&mut tx, &actor, now, change).await?;
                tx.commit().await?;
                Ok(NewSession { token, actor })
            }
            _ => {
                keys.iter()
                    .for_each(|k| self.limiter.record_failure(k, now));
                let change = Change::<(), ()> {
                    action: "login_failed",
                    entity_type: "session",
                    entity_id: username.clone(),
                    before: None,
                    after: None,
                };
                audit::record(&mut tx, None, &username, now, change).await?;
                tx.commit().await?;
                Err(ServiceError::field("username", BAD_CREDENTIALS))
            }
        }
    }

    /// The actor behind a session token, if the session is alive; expired sessions are removed.
    pub async fn resolve(&self, token: &str) -> ServiceResult<Option<Actor>> {
        let now = (self.clock)();
        let key = self.key(token);
        if let Some(c) = self.cache.get(&key, now)
            && !self.expired(now, c.created, c.last_seen)
            && now - c.last_seen <= TOUCH_AFTER
        {
            return Ok(Some(c.actor));
        }
        self.cache.remove(&key);
        let Some((user_id, created, last_seen)) =
            storage::sessions::find(&mut *self.db.read().await?, &key).await?
        else {
            return Ok(None);
        };
        if self.expired(now, created, last_seen) {
            let mut tx = self.db.begin().await?;
            storage::sessions::delete(&mut tx, &key).await?;
            tx.commit().await?;
            return Ok(None);
        }
        let user = storage::users::find(&mut *self.db.read().await?, user_id).await?;
        let Some(user) = user.filter(|u| u.active) else {
            return Ok(None);
        };
        // Refreshing at most once a minute keeps page views free of writes.
        let mut last_seen = last_seen;
        if now - last_seen > TOUCH_AFTER {
            let mut tx = self.db.begin().await?;
            storage::sessions::touch(&mut tx, &key, now).await?;
            tx.commit().await?;
            last_seen = now;
        }
        let actor = actor_of(&user);
        self.cache.put(
            key,
            CachedSession {
                actor: actor.clone(),
                created,
                last_seen,
                cached_at: now,
            },
        );
        Ok(Some(actor))
    }

    /// Ends the session behind `token`.
    pub async fn logout(&self, actor: &Actor, token: &str) -> ServiceResult<()> {
        let now = (self.clock)();
        let key = self.key(token);
        self.cache.remove(&key);
        let mut tx = self.db.begin().await?;
        storage::sessions::delete(&mut tx, &key).await?;
        let change = Change::<(), ()> {
            action: "logout",
            entity_type: "session",
            entity_id: actor.user_id.to_string(),
            before: None,
            after: None,
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes expired sessions; run periodically by the server.
    pub async fn purge_expired(&self) -> ServiceResult<u64> {
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let n = storage::sessions::delete_expired(
            &mut tx,
            now - self.policy.idle,
            now - self.policy.absolute,
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}
