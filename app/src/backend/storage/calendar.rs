//! SQL for the reporting calendar.

use super::{Conn, StoreResult, decode_error, query};
use crate::domain::calendar::{Deadline, DeadlineKind, DeadlineStatus, ValidDeadline};
use crate::domain::exercise::RequirementRef;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct DeadlineRow {
    id: i64,
    title: String,
    kind: String,
    recipient: String,
    due_on: NaiveDate,
    owner: String,
    status: String,
    note: String,
    version: i64,
}

/// Every deadline with the requirement areas that feed it, soonest first.
pub async fn list(c: &mut Conn) -> StoreResult<Vec<Deadline>> {
    let rows: Vec<DeadlineRow> = query(
        "SELECT id, title, kind, recipient, due_on, owner, status, note, version
         FROM reporting_deadlines ORDER BY due_on, id",
    )
    .fetch_all(&mut *c)
    .await?;
    let feeds: Vec<(i64, i64, String, String)> = query(
        "SELECT d.deadline_id, r.id, r.code, r.title FROM deadline_requirements d
         JOIN requirement_areas r ON r.id = d.requirement_area_id
         ORDER BY d.deadline_id, r.agreement_id, r.code",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Deadline {
                kind: DeadlineKind::from_code(&r.kind)
                    .ok_or_else(|| decode_error("deadline kind", &r.kind))?,
                status: DeadlineStatus::from_code(&r.status)
                    .ok_or_else(|| decode_error("deadline status", &r.status))?,
                feeds: feeds
                    .iter()
                    .filter(|(d, ..)| *d == r.id)
                    .map(|(_, id, code, title)| RequirementRef {
                        id: *id,
                        code: code.clone(),
                        title: title.clone(),
                    })
                    .collect(),
                id: r.id,
                title: r.title,
                recipient: r.recipient,
                due_on: r.due_on,
                owner: r.owner,
                note: r.note,
                version: r.version,
            })
        })
        .collect()
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<Deadline>> {
    Ok(list(c).await?.into_iter().find(|d| d.id == id))
}

pub async fn insert(c: &mut Conn, d: &ValidDeadline, now: DateTime<Utc>) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO reporting_deadlines (title, kind, recipient, due_on, owner, status, note, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8) RETURNING id",
    )
    .bind(&d.title)
    .bind(d.kind.code())
    .bind(&d.recipient)
    .bind(d.due_on)
    .bind(&d.owner)
    .bind(d.status.code())
    .bind(&d.note)
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    set_feeds(c, id, &d.feeds).await?;
    Ok(id)
}

/// Saves deadline `id` if still at `version`; false when someone else saved first.
pub async fn update(
    c: &mut Conn,
    id: i64,
    version: i64,
    d: &ValidDeadline,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE reporting_deadlines SET title = $1, kind = $2, recipient = $3, due_on = $4, owner = $5,
                status = $6, note = $7, version = version + 1, updated_at = $8
         WHERE id = $9 AND version = $10",
    )
    .bind(&d.title)
    .bind(d.kind.code())
    .bind(&d.recipient)
    .bind(d.due_on)
    .bind(&d.owner)
    .bind(d.status.code())
    .bind(&d.note)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(&mut *c)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    set_feeds(c, id, &d.feeds).await?;
    Ok(true)
}

async fn set_feeds(c: &mut Conn, id: i64, feeds: &[i64]) -> StoreResult<()> {
    query("DELETE FROM deadline_requirements WHERE deadline_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for r in feeds {
        query(
            "INSERT INTO deadline_requirements (deadline_id, requirement_area_id) VALUES ($1, $2)",
        )
        .bind(id)
        .bind(*r)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}
