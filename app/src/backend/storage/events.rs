//! SQL for domain events: appended by the unit of work in the transaction of the change, read by
//! the bus to publish them and by subscribers that catch up.

use super::{Conn, StoreResult, query};
use crate::domain::event::Event;
use chrono::{DateTime, Utc};

/// The advisory lock that writers of events hold until they commit (PostgreSQL).
const EVENT_WRITER_LOCK: i64 = 0x7265_646f; // "redo"

/// Appends an event in the change's transaction.
///
/// On PostgreSQL the transaction first takes [`EVENT_WRITER_LOCK`] until it commits, so event ids
/// become visible in id order (a sequence alone hands out ids in one order and commits may land in
/// another, and a reader would skip the id that commits late). After the insert it sends the id
/// with `NOTIFY redo_events`, which PostgreSQL delivers to every listening instance at commit and
/// drops on rollback. SQLite has one writer at a time: nothing to do.
pub async fn insert(c: &mut Conn, at: DateTime<Utc>, e: &NewEventRow<'_>) -> StoreResult<i64> {
    if c.is_postgres() {
        query("SELECT pg_advisory_xact_lock($1)")
            .bind(EVENT_WRITER_LOCK)
            .execute(c)
            .await?;
    }
    let (id,): (i64,) = query(
        "INSERT INTO events (at, entity_type, entity_id, kind, forvaltningar) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(at)
    .bind(e.entity_type)
    .bind(e.entity_id)
    .bind(e.kind)
    .bind(serde_json::to_string(e.forvaltningar).unwrap_or_else(|_| "[]".into()))
    .fetch_one(&mut *c)
    .await?;
    if c.is_postgres() {
        query("SELECT pg_notify('redo_events', $1)")
            .bind(id.to_string())
            .execute(c)
            .await?;
    }
    Ok(id)
}

/// The channel events are announced on (PostgreSQL).
pub const CHANNEL: &str = "redo_events";

pub struct NewEventRow<'a> {
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub kind: &'a str,
    pub forvaltningar: &'a [i64],
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: DateTime<Utc>,
    entity_type: String,
    entity_id: String,
    kind: String,
    forvaltningar: String,
}

/// Events after `after`, oldest first, at most `limit`.
pub async fn after(c: &mut Conn, after: i64, limit: i64) -> StoreResult<Vec<Event>> {
    let rows: Vec<Row> = query(
        "SELECT id, at, entity_type, entity_id, kind, forvaltningar FROM events WHERE id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Event {
            id: r.id,
            at: r.at,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            kind: r.kind,
            forvaltningar: serde_json::from_str(&r.forvaltningar).unwrap_or_default(),
        })
        .collect())
}

/// The id of the newest event, 0 when there is none.
pub async fn last_id(c: &mut Conn) -> StoreResult<i64> {
    let (id,): (Option<i64>,) = query("SELECT MAX(id) FROM events").fetch_one(c).await?;
    Ok(id.unwrap_or(0))
}
