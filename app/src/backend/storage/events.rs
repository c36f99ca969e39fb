//! SQL for domain events: appended by the unit of work in the transaction of the change, read by
//! the bus to publish them and by subscribers that catch up.

use super::{Conn, StoreResult};
use crate::domain::event::Event;
use chrono::{DateTime, Utc};

pub async fn insert(c: &mut Conn, at: DateTime<Utc>, e: &NewEventRow<'_>) -> StoreResult<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO events (at, entity_type, entity_id, kind, forvaltningar) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(at)
    .bind(e.entity_type)
    .bind(e.entity_id)
    .bind(e.kind)
    .bind(serde_json::to_string(e.forvaltningar).unwrap_or_else(|_| "[]".into()))
    .fetch_one(c)
    .await?;
    Ok(id)
}

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
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, at, entity_type, entity_id, kind, forvaltningar FROM events WHERE id > ? ORDER BY id LIMIT ?",
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
    let (id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM events")
        .fetch_one(c)
        .await?;
    Ok(id.unwrap_or(0))
}
