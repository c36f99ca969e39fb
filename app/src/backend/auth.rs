//! Login, logout and session resolution. Sessions live in the database; the browser holds a
//! random token whose SHA-256 is the key.

use super::audit::Change;
use super::error::ServiceResult;
use super::storage::{self, Db};
use super::throttle::{Attempt, Refusal, Source, Throttle};
use super::work::Writer;
use super::{Clock, ServiceError, SessionPolicy, device, password};
use crate::domain::event::{Event, entity};
use crate::domain::user::{User, normalize_username};
use crate::domain::{Actor, Msg};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Sessions are refreshed in the database at most this often.
const TOUCH_AFTER: Duration = Duration::seconds(60);
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct AuthService {
    db: Db,
    writer: Writer,
    clock: Clock,
    policy: SessionPolicy,
    throttle: Throttle,
    cache: SessionCache,
}

/// How long a resolved session is trusted without asking the database again.
const CACHE_SECONDS: i64 = 30;

/// Recently resolved sessions, so most page views need no database round trip. An entry lives at
/// most `CACHE_SECONDS`; logout removes it, and any event about an account (from this process or
/// another one) clears the whole cache.
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

    /// Forgets every session.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Forgets every session when an account changed (role, scope, status, password).
    pub fn on_event(&self, event: &Event) {
        if event.is(entity::USER) {
            self.clear();
        }
    }
}

/// A new session: the token for the cookie, who it belongs to, and the device cookie that
/// marks this browser as one the account has signed in from.
pub struct NewSession {
    pub token: String,
    pub actor: Actor,
    pub device_cookie: String,
}

/// What the user typed.
pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

/// Where a sign-in comes from: the client's source (after trusted proxies), the device cookie
/// the browser sent, and the session it may already have (rotated away on success).
pub struct Caller<'a> {
    pub source: Source,
    pub device_cookie: Option<&'a str>,
    pub old_token: Option<&'a str>,
}

/// The audit log's name for a failed sign-in whose username matches no account: what was typed
/// is not stored.
pub const UNKNOWN_USERNAME: &str = "(okänt användarnamn)";

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
    pub fn new(
        db: Db,
        writer: Writer,
        clock: Clock,
        policy: SessionPolicy,
        cache: SessionCache,
    ) -> Self {
        Self {
            db,
            writer,
            clock,
            policy,
            throttle: Throttle::default(),
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

    /// Checks the credentials and opens a new session (rotating away the caller's old one).
    ///
    /// The throttle counts the attempt before the password is hashed, in one step with the check
    /// (see `backend::throttle`); a right password gives the attempt back. A failed attempt is
    /// audited under the account it named, or, for an unknown username, without the typed text
    /// (it is often a password typed into the wrong field).
    pub async fn login(
        &self,
        credentials: Credentials<'_>,
        caller: Caller<'_>,
    ) -> ServiceResult<NewSession> {
        let now = (self.clock)();
        let username = normalize_username(credentials.username);
        let attempt = credentials.password;
        if username.is_empty() || attempt.is_empty() || username.len() > 64 || attempt.len() > 1024
        {
            return Err(ServiceError::field("username", Msg::BadCredentials));
        }
        let found = storage::users::find_login(&mut *self.db.read().await?, &username).await?;
        let device = found.as_ref().and_then(|f| {
            let secret = &self.policy.secret;
            device::find(
                secret,
                caller.device_cookie,
                f.user.id,
                f.credential_version,
                now,
            )
        });
        let permit = self
            .throttle
            .begin(
                &Attempt {
                    source: caller.source,
                    username: &username,
                    account_exists: found.is_some(),
                    device: device.as_ref().map(|d| d.id.as_str()),
                },
                now,
            )
            .map_err(|r| match r {
                Refusal::Source { minutes } => ServiceError::TooManyAttempts { minutes },
                Refusal::AccountUntrusted { minutes } => ServiceError::AccountLocked { minutes },
            })?;
        let hash = match &found {
            Some(f) => f.password_hash.as_str(),
            None => password::dummy_hash().await?,
        };
        let ok = password::verify(attempt, hash).await?;
        match found {
            Some(f) if ok && f.user.active => {
                self.throttle.succeeded(permit);
                let session = self.open_session(&f.user, caller.old_token, now).await?;
                let device_cookie = device::remember(
                    &self.policy.secret,
                    caller.device_cookie,
                    f.user.id,
                    f.credential_version,
                    now,
                );
                Ok(NewSession {
                    device_cookie,
                    ..session
                })
            }
            found => {
                drop(permit);
                let (actor, name, entity_id) = match &found {
                    Some(f) => (
                        Some(actor_of(&f.user)),
                        f.user.username.clone(),
                        f.user.id.to_string(),
                    ),
                    None => (None, UNKNOWN_USERNAME.to_string(), String::new()),
                };
                let change = Change::<(), ()> {
                    action: "login_failed",
                    entity_type: entity::SESSION,
                    entity_id,
                    before: None,
                    after: None,
                };
                let concerns = actor
                    .as_ref()
                    .map(|a| a.forvaltningar.clone())
                    .unwrap_or_default();
                let mut w = self.writer.begin_named(actor.as_ref(), &name).await?;
                w.record(change, &concerns).await?;
                w.commit().await?;
                Err(ServiceError::field("username", Msg::BadCredentials))
            }
        }
    }

    /// Writes the new session (and removes the one it replaces) with its audit row.
    async fn open_session(
        &self,
        user: &User,
        old_token: Option<&str>,
        now: DateTime<Utc>,
    ) -> ServiceResult<NewSession> {
        let actor = actor_of(user);
        let mut w = self.writer.begin(&actor).await?;
        if let Some(old) = old_token {
            let old_key = self.key(old);
            self.cache.remove(&old_key);
            storage::sessions::delete(w.conn(), &old_key).await?;
        }
        let token = new_token();
        storage::sessions::insert(w.conn(), &self.key(&token), user.id, now).await?;
        let change = Change::<(), ()> {
            action: "login",
            entity_type: entity::SESSION,
            entity_id: user.id.to_string(),
            before: None,
            after: None,
        };
        w.record(change, &actor.forvaltningar).await?;
        w.commit().await?;
        Ok(NewSession {
            token,
            actor,
            device_cookie: String::new(),
        })
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
            let mut w = self.writer.housekeeping().await?;
            storage::sessions::delete(w.conn(), &key).await?;
            w.commit().await?;
            return Ok(None);
        }
        let user = storage::users::find(&mut *self.db.read().await?, user_id).await?;
        let Some(user) = user.filter(|u| u.active) else {
            return Ok(None);
        };
        // Refreshing at most once a minute keeps page views free of writes.
        let mut last_seen = last_seen;
        if now - last_seen > TOUCH_AFTER {
            let mut w = self.writer.housekeeping().await?;
            storage::sessions::touch(w.conn(), &key, now).await?;
            w.commit().await?;
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
        let key = self.key(token);
        self.cache.remove(&key);
        let mut w = self.writer.begin(actor).await?;
        storage::sessions::delete(w.conn(), &key).await?;
        let change = Change::<(), ()> {
            action: "logout",
            entity_type: entity::SESSION,
            entity_id: actor.user_id.to_string(),
            before: None,
            after: None,
        };
        w.record(change, &actor.forvaltningar).await?;
        w.commit().await
    }

    /// Removes expired sessions; run periodically by the server.
    pub async fn purge_expired(&self) -> ServiceResult<u64> {
        let now = (self.clock)();
        let mut w = self.writer.housekeeping().await?;
        let n = storage::sessions::delete_expired(
            w.conn(),
            now - self.policy.idle,
            now - self.policy.absolute,
        )
        .await?;
        w.commit().await?;
        Ok(n)
    }
}
