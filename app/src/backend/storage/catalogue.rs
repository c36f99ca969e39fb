//! SQL for capability areas, agreements and requirement areas.

use super::{Conn, StoreResult, query};
use crate::domain::catalogue::{
    Agreement, CapabilityArea, RequirementArea, ValidAgreement, ValidCapabilityArea,
    ValidRequirementArea,
};
use crate::domain::exercise::RequirementRef;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct CapabilityRow {
    code: String,
    title: String,
    description: String,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    capability_code: String,
    id: i64,
    code: String,
    title: String,
}

/// The areas of `rows` with their NATO numbers and requirement links.
async fn with_links(c: &mut Conn, rows: Vec<CapabilityRow>) -> StoreResult<Vec<CapabilityArea>> {
    let nato: Vec<(String, i64)> =
        query("SELECT capability_code, blr FROM capability_nato ORDER BY capability_code, blr")
            .fetch_all(&mut *c)
            .await?;
    let links: Vec<LinkRow> = query(
        "SELECT l.capability_code, r.id, r.code, r.title
         FROM capability_requirements l JOIN requirement_areas r ON r.id = l.requirement_area_id
         ORDER BY l.capability_code, r.agreement_id, r.id",
    )
    .fetch_all(&mut *c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CapabilityArea {
            nato_blr: nato
                .iter()
                .filter(|(code, _)| *code == r.code)
                .filter_map(|(_, n)| u8::try_from(*n).ok())
                .collect(),
            requirements: links
                .iter()
                .filter(|l| l.capability_code == r.code)
                .map(|l| RequirementRef {
                    id: l.id,
                    code: l.code.clone(),
                    title: l.title.clone(),
                })
                .collect(),
            code: r.code,
            title: r.title,
            description: r.description,
        })
        .collect())
}

pub async fn list_capability_areas(c: &mut Conn) -> StoreResult<Vec<CapabilityArea>> {
    let rows: Vec<CapabilityRow> =
        query("SELECT code, title, description FROM capability_areas ORDER BY sort_order, code")
            .fetch_all(&mut *c)
            .await?;
    with_links(c, rows).await
}

pub async fn find_capability_area(c: &mut Conn, code: &str) -> StoreResult<Option<CapabilityArea>> {
    let rows: Vec<CapabilityRow> =
        query("SELECT code, title, description FROM capability_areas WHERE code = $1")
            .bind(code)
            .fetch_all(&mut *c)
            .await?;
    Ok(with_links(c, rows).await?.into_iter().next())
}

/// Replaces the area's NATO numbers and requirement links.
async fn set_links(c: &mut Conn, a: &ValidCapabilityArea) -> StoreResult<()> {
    query("DELETE FROM capability_nato WHERE capability_code = $1")
        .bind(&a.code)
        .execute(&mut *c)
        .await?;
    query("DELETE FROM capability_requirements WHERE capability_code = $1")
        .bind(&a.code)
        .execute(&mut *c)
        .await?;
    for n in &a.nato_blr {
        query("INSERT INTO capability_nato (capability_code, blr) VALUES ($1, $2)")
            .bind(&a.code)
            .bind(i64::from(*n))
            .execute(&mut *c)
            .await?;
    }
    for id in &a.requirement_ids {
        query("INSERT INTO capability_requirements (capability_code, requirement_area_id) VALUES ($1, $2)")
            .bind(&a.code)
            .bind(id)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub async fn insert_capability_area(c: &mut Conn, a: &ValidCapabilityArea) -> StoreResult<()> {
    query(
        "INSERT INTO capability_areas (code, title, description, sort_order)
         VALUES ($1, $2, $3, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM capability_areas))",
    )
    .bind(&a.code)
    .bind(&a.title)
    .bind(&a.description)
    .execute(&mut *c)
    .await?;
    set_links(c, a).await
}

/// Updates the area now called `code` (its code may change: references follow by cascade).
pub async fn update_capability_area(
    c: &mut Conn,
    code: &str,
    a: &ValidCapabilityArea,
) -> StoreResult<bool> {
    let res = query(
        "UPDATE capability_areas SET code = $1, title = $2, description = $3 WHERE code = $4",
    )
    .bind(&a.code)
    .bind(&a.title)
    .bind(&a.description)
    .bind(code)
    .execute(&mut *c)
    .await?;
    if res.rows_affected() != 1 {
        return Ok(false);
    }
    set_links(c, a).await?;
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct AgreementRow {
    id: i64,
    counterparty: String,
    name: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    previous_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RequirementRow {
    id: i64,
    agreement_id: i64,
    code: String,
    title: String,
    deliverable: String,
    cadence: String,
    recipient: String,
    source: String,
    per_forvaltning: bool,
}

impl From<RequirementRow> for RequirementArea {
    fn from(r: RequirementRow) -> Self {
        RequirementArea {
            id: r.id,
            agreement_id: r.agreement_id,
            code: r.code,
            title: r.title,
            deliverable: r.deliverable,
            cadence: r.cadence,
            recipient: r.recipient,
            source: r.source,
            per_forvaltning: r.per_forvaltning,
        }
    }
}

macro_rules! requirement_select {
    () => {
        "SELECT id, agreement_id, code, title, deliverable, cadence, recipient, source, per_forvaltning FROM requirement_areas"
    };
}

/// Every agreement with its requirement areas, newest first.
pub async fn list_agreements(c: &mut Conn) -> StoreResult<Vec<Agreement>> {
    let agreements: Vec<AgreementRow> =
        query("SELECT id, counterparty, name, valid_from, valid_to, previous_id FROM agreements ORDER BY valid_from DESC, id")
            .fetch_all(&mut *c)
            .await?;
    let requirements = list_requirement_areas(c).await?;
    Ok(agreements
        .into_iter()
        .map(|a| Agreement {
            requirements: requirements
                .iter()
                .filter(|r| r.agreement_id == a.id)
                .cloned()
                .collect(),
            id: a.id,
            counterparty: a.counterparty,
            name: a.name,
            valid_from: a.valid_from,
            valid_to: a.valid_to,
            previous_id: a.previous_id,
        })
        .collect())
}

pub async fn list_requirement_areas(c: &mut Conn) -> StoreResult<Vec<RequirementArea>> {
    let mut rows: Vec<RequirementRow> = query(requirement_select!()).fetch_all(c).await?;
    // K1…K7, then C1…C10, then the rest (F1 …), each by number: the order of the agreement.
    rows.sort_by_cached_key(|r| (r.agreement_id, requirement_order(&r.code)));
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Sort key of a requirement code: its group (K, C, other), its number, then the code itself.
fn requirement_order(code: &str) -> (u8, u32, String) {
    let group = match code.chars().next() {
        Some('K') => 0,
        Some('C') => 1,
        _ => 2,
    };
    let number = code
        .get(1..)
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(u32::MAX);
    (group, number, code.to_string())
}

pub async fn find_requirement_area(c: &mut Conn, id: i64) -> StoreResult<Option<RequirementArea>> {
    let row: Option<RequirementRow> = query(concat!(requirement_select!(), " WHERE id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    Ok(row.map(Into::into))
}

/// The agreement's own fields (without requirement areas), for the audit trail.
pub async fn find_agreement(c: &mut Conn, id: i64) -> StoreResult<Option<ValidAgreement>> {
    let row: Option<AgreementRow> =
        query("SELECT id, counterparty, name, valid_from, valid_to, previous_id FROM agreements WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await?;
    Ok(row.map(|a| ValidAgreement {
        counterparty: a.counterparty,
        name: a.name,
        valid_from: a.valid_from,
        valid_to: a.valid_to,
    }))
}

pub async fn agreement_exists(c: &mut Conn, id: i64) -> StoreResult<bool> {
    let hit: Option<(i64,)> = query("SELECT id FROM agreements WHERE id = $1")
        .bind(id)
        .fetch_optional(c)
        .await?;
    Ok(hit.is_some())
}

pub async fn insert_agreement(c: &mut Conn, a: &ValidAgreement) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO agreements (counterparty, name, valid_from, valid_to) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&a.counterparty)
    .bind(&a.name)
    .bind(a.valid_from)
    .bind(a.valid_to)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn update_agreement(c: &mut Conn, id: i64, a: &ValidAgreement) -> StoreResult<bool> {
    let res = query("UPDATE agreements SET counterparty = $1, name = $2, valid_from = $3, valid_to = $4 WHERE id = $5")
        .bind(&a.counterparty)
        .bind(&a.name)
        .bind(a.valid_from)
        .bind(a.valid_to)
        .bind(id)
        .execute(c)
        .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn insert_requirement_area(
    c: &mut Conn,
    agreement_id: i64,
    r: &ValidRequirementArea,
) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO requirement_areas (agreement_id, code, title, deliverable, cadence, recipient, source, per_forvaltning)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(agreement_id)
    .bind(&r.code)
    .bind(&r.title)
    .bind(&r.deliverable)
    .bind(&r.cadence)
    .bind(&r.recipient)
    .bind(&r.source)
    .bind(r.per_forvaltning)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn update_requirement_area(
    c: &mut Conn,
    id: i64,
    r: &ValidRequirementArea,
) -> StoreResult<bool> {
    let res = query(
        "UPDATE requirement_areas SET code = $1, title = $2, deliverable = $3, cadence = $4, recipient = $5, source = $6,
                per_forvaltning = $7
         WHERE id = $8",
    )
    .bind(&r.code)
    .bind(&r.title)
    .bind(&r.deliverable)
    .bind(&r.cadence)
    .bind(&r.recipient)
    .bind(&r.source)
    .bind(r.per_forvaltning)
    .bind(id)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}
