//! SQL for idempotency keys (see `backend::idempotency`).

use super::{Conn, StoreResult, query};
use chrono::{DateTime, Utc};

/// The caller's key for one write: who, where, which key.
pub struct KeyRef<'a> {
    pub user_id: i64,
    pub endpoint: &'a str,
    pub key: &'a str,
}

/// What is stored for a key.
pub struct StoredKey {
    pub request_hash: String,
    pub done: bool,
    pub status: Option<u16>,
    pub response: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Claims `k` for a write in flight; false when the key is already there.
pub async fn claim(
    c: &mut Conn,
    k: &KeyRef<'_>,
    request_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = query(
        "INSERT INTO idempotency_keys (user_id, endpoint, key, request_hash, state, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT DO NOTHING",
    )
    .bind(k.user_id)
    .bind(k.endpoint)
    .bind(k.key)
    .bind(request_hash)
    .bind(now)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}

/// Takes over a claim left pending since before `stale_before` (its request died).
pub async fn reclaim_stale(
    c: &mut Conn,
    k: &KeyRef<'_>,
    request_hash: &str,
    stale_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = query(
        "UPDATE idempotency_keys SET request_hash = $1, created_at = $2
         WHERE user_id = $3 AND endpoint = $4 AND key = $5 AND state = 'pending' AND created_at < $6",
    )
    .bind(request_hash)
    .bind(now)
    .bind(k.user_id)
    .bind(k.endpoint)
    .bind(k.key)
    .bind(stale_before)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}

/// (request hash, state, status, response, created at) as stored.
type KeyRow = (String, String, Option<i64>, Option<String>, DateTime<Utc>);

pub async fn find(c: &mut Conn, k: &KeyRef<'_>) -> StoreResult<Option<StoredKey>> {
    let row: Option<KeyRow> = query(
        "SELECT request_hash, state, status, response, created_at FROM idempotency_keys
         WHERE user_id = $1 AND endpoint = $2 AND key = $3",
    )
    .bind(k.user_id)
    .bind(k.endpoint)
    .bind(k.key)
    .fetch_optional(c)
    .await?;
    Ok(row.map(
        |(request_hash, state, status, response, created_at)| StoredKey {
            request_hash,
            done: state == "done",
            status: status.and_then(|s| u16::try_from(s).ok()),
            response,
            created_at,
        },
    ))
}

/// Stores the response of the write that held the claim; called in the write's transaction.
pub async fn complete(
    c: &mut Conn,
    k: &KeyRef<'_>,
    status: u16,
    response: &str,
) -> StoreResult<()> {
    query(
        "UPDATE idempotency_keys SET state = 'done', status = $1, response = $2
         WHERE user_id = $3 AND endpoint = $4 AND key = $5",
    )
    .bind(i64::from(status))
    .bind(response)
    .bind(k.user_id)
    .bind(k.endpoint)
    .bind(k.key)
    .execute(c)
    .await?;
    Ok(())
}

/// Gives up a claim whose write failed, so the key can be used again.
pub async fn release(c: &mut Conn, k: &KeyRef<'_>) -> StoreResult<()> {
    query(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND endpoint = $2 AND key = $3 AND state = 'pending'",
    )
    .bind(k.user_id)
    .bind(k.endpoint)
    .bind(k.key)
    .execute(c)
    .await?;
    Ok(())
}

/// Removes keys created before `before`.
pub async fn purge(c: &mut Conn, before: DateTime<Utc>) -> StoreResult<u64> {
    let res = query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(before)
        .execute(c)
        .await?;
    Ok(res.rows_affected())
}
