//! Idempotent writes: a client that may retry (a double-clicked form, the live log's offline
//! queue) sends a key with the write (`Idempotency-Key`, or a form field). The first request
//! claims the key; its write stores the response with the key in the same transaction
//! (`Work::complete_key`); a retry with the same key and content gets the stored response, with
//! other content 422, and while the first is still in flight 409. A failed write releases its
//! claim. Keys are per user and endpoint and kept 30 days.

use super::error::ServiceResult;
use super::storage::{self, idempotency::KeyRef};
use super::work::{Work, Writer};
use super::{Clock, ServiceError};
use crate::domain::{Actor, Msg};
use chrono::Duration;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How long keys are kept.
pub const KEEP: Duration = Duration::days(30);
/// A claim older than this belongs to a request that died; a retry may take it over.
pub const STALE_CLAIM: Duration = Duration::minutes(2);
/// The longest key accepted.
pub const KEY_MAX: usize = 255;

/// One write's key: the caller, the endpoint, the key, and a hash of what was sent.
#[derive(Debug, Clone)]
pub struct Key {
    user_id: i64,
    endpoint: &'static str,
    key: String,
    request_hash: String,
}

impl Key {
    /// The key `raw` for `endpoint`, sent by `actor` with `request`; refused when it is not
    /// 1–255 visible ASCII characters.
    pub fn new(
        actor: &Actor,
        endpoint: &'static str,
        raw: &str,
        request: &impl Serialize,
    ) -> ServiceResult<Self> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > KEY_MAX || !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ServiceError::field(
                "idempotency_key",
                Msg::IdempotencyKeyFormat,
            ));
        }
        let body =
            serde_json::to_vec(request).map_err(|e| ServiceError::Internal(e.to_string()))?;
        Ok(Self {
            user_id: actor.user_id,
            endpoint,
            key: raw.to_string(),
            request_hash: hex::encode(Sha256::digest(&body)),
        })
    }

    fn as_ref(&self) -> KeyRef<'_> {
        KeyRef {
            user_id: self.user_id,
            endpoint: self.endpoint,
            key: &self.key,
        }
    }
}

/// What a key says about a write about to run.
#[derive(Debug, PartialEq, Eq)]
pub enum Begun {
    /// The key is ours now: run the write and complete the key in its work.
    Fresh,
    /// The write ran before: answer with what it answered.
    Replay { status: u16, response: String },
}

#[derive(Clone)]
pub struct Idempotency {
    writer: Writer,
    clock: Clock,
}

impl Idempotency {
    pub fn new(writer: Writer, clock: Clock) -> Self {
        Self { writer, clock }
    }

    /// Claims `key`, or says how the earlier request with it ended.
    pub async fn begin(&self, key: &Key) -> ServiceResult<Begun> {
        let now = (self.clock)();
        let mut w = self.writer.housekeeping().await?;
        let k = key.as_ref();
        if storage::idempotency::claim(w.conn(), &k, &key.request_hash, now).await? {
            w.commit().await?;
            return Ok(Begun::Fresh);
        }
        let stored = storage::idempotency::find(w.conn(), &k)
            .await?
            .ok_or_else(|| ServiceError::Internal("idempotency key vanished".into()))?;
        if stored.request_hash != key.request_hash {
            return Err(ServiceError::field(
                "idempotency_key",
                Msg::IdempotencyKeyReused,
            ));
        }
        if stored.done {
            return Ok(Begun::Replay {
                status: stored.status.unwrap_or(200),
                response: stored.response.unwrap_or_default(),
            });
        }
        if storage::idempotency::reclaim_stale(
            w.conn(),
            &k,
            &key.request_hash,
            now - STALE_CLAIM,
            now,
        )
        .await?
        {
            w.commit().await?;
            return Ok(Begun::Fresh);
        }
        Err(ServiceError::Conflict(Msg::RequestInProgress))
    }

    /// Gives the key back after the write failed, so a corrected retry may use it.
    pub async fn release(&self, key: &Key) {
        let released = async {
            let mut w = self.writer.housekeeping().await?;
            storage::idempotency::release(w.conn(), &key.as_ref()).await?;
            w.commit().await
        };
        if let Err(e) = released.await {
            tracing::warn!(error = %e, "could not release an idempotency key; it goes stale");
        }
    }

    /// Removes keys older than [`KEEP`]; run periodically by the server.
    pub async fn purge(&self) -> ServiceResult<u64> {
        let mut w = self.writer.housekeeping().await?;
        let n = storage::idempotency::purge(w.conn(), (self.clock)() - KEEP).await?;
        w.commit().await?;
        Ok(n)
    }
}

impl Work {
    /// Stores the response of the write that claimed `key`, in this work's transaction.
    pub async fn complete_key(
        &mut self,
        key: &Key,
        status: u16,
        response: &str,
    ) -> ServiceResult<()> {
        storage::idempotency::complete(self.conn(), &key.as_ref(), status, response).await?;
        Ok(())
    }
}
