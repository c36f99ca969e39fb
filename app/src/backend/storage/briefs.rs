//! SQL for frozen board briefs. Written once, never updated.

use super::{Conn, StorageError, StoreResult, query};
use crate::domain::brief::{Brief, BriefSummary, Fact};
use chrono::{DateTime, NaiveDate, Utc};

/// A brief to store: its facts, its body as rendered, and its charts (name, SVG, PNG as base64).
pub struct NewBrief<'a> {
    pub title: &'a str,
    pub reporting_date: NaiveDate,
    pub period: &'a str,
    pub facts: &'a [Fact],
    pub body: &'a str,
    pub created_by: i64,
}

pub async fn insert(
    c: &mut Conn,
    b: &NewBrief<'_>,
    charts: &[(String, String, String)],
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let facts = serde_json::to_string(b.facts).unwrap_or_else(|_| "[]".into());
    let (id,): (i64,) = query(
        "INSERT INTO board_briefs (title, reporting_date, period, facts, body, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(b.title)
    .bind(b.reporting_date)
    .bind(b.period)
    .bind(facts)
    .bind(b.body)
    .bind(b.created_by)
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    for (name, svg, png) in charts {
        query("INSERT INTO board_brief_charts (brief_id, name, svg, png) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(name)
            .bind(svg)
            .bind(png)
            .execute(&mut *c)
            .await?;
    }
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    title: String,
    reporting_date: NaiveDate,
    period: String,
    display_name: String,
    created_at: DateTime<Utc>,
}

fn summary(r: SummaryRow) -> BriefSummary {
    BriefSummary {
        id: r.id,
        title: r.title,
        reporting_date: r.reporting_date,
        period: r.period,
        created_by: r.display_name,
        created_at: r.created_at,
    }
}

/// Every brief, newest reporting date first.
pub async fn list(c: &mut Conn) -> StoreResult<Vec<BriefSummary>> {
    let rows: Vec<SummaryRow> = query(
        "SELECT b.id, b.title, b.reporting_date, b.period, u.display_name, b.created_at
         FROM board_briefs b JOIN users u ON u.id = b.created_by
         ORDER BY b.reporting_date DESC, b.id DESC",
    )
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

#[derive(sqlx::FromRow)]
struct BriefRow {
    id: i64,
    title: String,
    reporting_date: NaiveDate,
    period: String,
    display_name: String,
    created_at: DateTime<Utc>,
    facts: String,
    body: String,
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<Brief>> {
    let row: Option<BriefRow> = query(
        "SELECT b.id, b.title, b.reporting_date, b.period, u.display_name, b.created_at, b.facts, b.body
         FROM board_briefs b JOIN users u ON u.id = b.created_by WHERE b.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await?;
    let Some(BriefRow {
        id,
        title,
        reporting_date,
        period,
        display_name: created_by,
        created_at,
        facts,
        body,
    }) = row
    else {
        return Ok(None);
    };
    let charts: Vec<(String,)> =
        query("SELECT name FROM board_brief_charts WHERE brief_id = $1 ORDER BY name")
            .bind(id)
            .fetch_all(c)
            .await?;
    Ok(Some(Brief {
        summary: BriefSummary {
            id,
            title,
            reporting_date,
            period,
            created_by,
            created_at,
        },
        facts: serde_json::from_str(&facts)
            .map_err(|e| StorageError::Decode(format!("brief facts: {e}")))?,
        body,
        charts: charts.into_iter().map(|(n,)| n).collect(),
    }))
}

/// A stored chart of a brief: its SVG and its PNG (base64).
pub async fn chart(
    c: &mut Conn,
    brief_id: i64,
    name: &str,
) -> StoreResult<Option<(String, String)>> {
    query("SELECT svg, png FROM board_brief_charts WHERE brief_id = $1 AND name = $2")
        .bind(brief_id)
        .bind(name)
        .fetch_optional(c)
        .await
}
