//! SQL for the audit log: append-only rows written in the same transaction as the change.

use super::{Conn, StoreResult, query};
use crate::domain::audit::{AuditEntry, AuditFilter};
use chrono::{DateTime, NaiveTime, Utc};

/// A change to record.
pub struct NewAuditRow<'a> {
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub async fn insert(c: &mut Conn, row: &NewAuditRow<'_>) -> StoreResult<()> {
    query(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, entity_type, entity_id, before_json, after_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(row.at)
    .bind(row.actor_id)
    .bind(row.actor_name)
    .bind(row.action)
    .bind(row.entity_type)
    .bind(row.entity_id)
    .bind(row.before.as_ref().map(|v| v.to_string()))
    .bind(row.after.as_ref().map(|v| v.to_string()))
    .execute(c)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: DateTime<Utc>,
    actor_name: String,
    action: String,
    entity_type: String,
    entity_id: String,
    before_json: Option<String>,
    after_json: Option<String>,
}

/// Newest first, filtered, at most `limit` rows.
pub async fn list(c: &mut Conn, f: &AuditFilter, limit: i64) -> StoreResult<Vec<AuditEntry>> {
    let rows: Vec<Row> = query(
        "SELECT id, at, actor_name, action, entity_type, entity_id, before_json, after_json FROM audit_log
         WHERE ($1 IS NULL OR actor_name = $1)
           AND ($2 IS NULL OR entity_type = $2)
           AND ($3 IS NULL OR action = $3)
           AND ($4 IS NULL OR entity_id = $4)
           AND ($5 IS NULL OR at >= $5)
           AND ($6 IS NULL OR at < $6)
         ORDER BY id DESC LIMIT $7",
    )
    .bind(f.actor.as_deref())
    .bind(f.entity_type.as_deref())
    .bind(f.action.as_deref())
    .bind(f.entity_id.as_deref())
    .bind(f.from.map(|d| d.and_time(NaiveTime::MIN).and_utc()))
    .bind(f.to.and_then(|d| d.succ_opt()).map(|d| d.and_time(NaiveTime::MIN).and_utc()))
    .bind(limit)
    .fetch_all(c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at,
            actor_name: r.actor_name,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: r.before_json,
            after: r.after_json,
        })
        .collect())
}

/// Distinct names of real accounts (and the command line's `system`) in the log, for the
/// filter drop-down; failed sign-ins for unknown usernames are not accounts.
pub async fn actor_names(c: &mut Conn, system: &str) -> StoreResult<Vec<String>> {
    let rows: Vec<(String,)> = query(
        "SELECT DISTINCT actor_name FROM audit_log
         WHERE actor_id IS NOT NULL OR actor_name = $1 ORDER BY actor_name",
    )
    .bind(system)
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn count(c: &mut Conn) -> StoreResult<i64> {
    let (n,): (i64,) = query("SELECT COUNT(*) FROM audit_log").fetch_one(c).await?;
    Ok(n)
}
