//! SQL for server-side sessions. Only the SHA-256 of a session token is stored.

use super::{Conn, StoreResult, query};
use chrono::{DateTime, Utc};

pub async fn insert(
    c: &mut Conn,
    token_hash: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// (user id, created at, last seen at) of a session.
pub async fn find(
    c: &mut Conn,
    token_hash: &str,
) -> StoreResult<Option<(i64, DateTime<Utc>, DateTime<Utc>)>> {
    query("SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(c)
        .await
}

pub async fn touch(c: &mut Conn, token_hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
    query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete(c: &mut Conn, token_hash: &str) -> StoreResult<()> {
    query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete_for_user(c: &mut Conn, user_id: i64) -> StoreResult<()> {
    query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Removes sessions idle since before `idle_cutoff` or created before `absolute_cutoff`.
pub async fn delete_expired(
    c: &mut Conn,
    idle_cutoff: DateTime<Utc>,
    absolute_cutoff: DateTime<Utc>,
) -> StoreResult<u64> {
    let res = query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_cutoff)
        .bind(absolute_cutoff)
        .execute(c)
        .await?;
    Ok(res.rows_affected())
}
