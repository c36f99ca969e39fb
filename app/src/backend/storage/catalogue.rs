//! SQL for capability areas, agreements and requirement areas.

use super::Conn;
use crate::domain::catalogue::{
    Agreement, CapabilityArea, RequirementArea, ValidAgreement, ValidRequirementArea,
};
use crate::domain::text::split_list;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct CapabilityRow {
    code: String,
    title: String,
    description: String,
    nato_blr: String,
    requirement_codes: String,
}

impl From<CapabilityRow> for CapabilityArea {
    fn from(r: CapabilityRow) -> Self {
        CapabilityArea {
            code: r.code,
            title: r.title,
            description: r.description,
            nato_blr: split_list(&r.nato_blr)
                .iter()
                .filter_map(|n| n.parse().ok())
                .collect(),
            requirement_codes: split_list(&r.requirement_codes),
        }
    }
}

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn list_capability_areas(c: &mut Conn) -> Result<Vec<CapabilityArea>, sqlx::Error> {
    let rows: Vec<CapabilityRow> = sqlx::query_as(
        "SELECT code, title, description, nato_blr, requirement_codes FROM capability_areas ORDER BY sort_order, code",
    )
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn find_capability_area(
    c: &mut Conn,
    code: &str,
) -> Result<Option<CapabilityArea>, sqlx::Error> {
    let row: Option<CapabilityRow> = sqlx::query_as(
        "SELECT code, title, description, nato_blr, requirement_codes FROM capability_areas WHERE code = ?",
    )
    .bind(code)
    .fetch_optional(c)
    .await?;
    Ok(row.map(Into::into))
}

pub async fn insert_capability_area(c: &mut Conn, a: &CapabilityArea) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO capability_areas (code, title, description, nato_blr, requirement_codes, sort_order)
         VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM capability_areas))",
    )
    .bind(&a.code)
    .bind(&a.title)
    .bind(&a.description)
    .bind(join(&a.nato_blr))
    .bind(join(&a.requirement_codes))
    .execute(c)
    .await?;
    Ok(())
}

pub async fn update_capability_area(
    c: &mut Conn,
    code: &str,
    a: &CapabilityArea,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query(
        "UPDATE capability_areas SET code = ?, title = ?, description = ?, nato_blr = ?, requirement_codes = ? WHERE code = ?",
    )
    .bind(&a.code)
    .bind(&a.title)
    .bind(&a.description)
    .bind(join(&a.nato_blr))
    .bind(join(&a.requirement_codes))
    .bind(code)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct AgreementRow {
    id: i64,
    counterparty: String,
    name: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
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
        }
    }
}

macro_rules! requirement_select {
    () => {
        "SELECT id, agreement_id, code, title, deliverable, cadence, recipient, source FROM requirement_areas"
    };
}

/// Every agreement with its requirement areas, newest first.
pub async fn list_agreements(c: &mut Conn) -> Result<Vec<Agreement>, sqlx::Error> {
    let agreements: Vec<AgreementRow> =
        sqlx::query_as("SELECT id, counterparty, name, valid_from, valid_to FROM agreements ORDER BY valid_from DESC, id")
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
        })
        .collect())
}

pub async fn list_requirement_areas(c: &mut Conn) -> Result<Vec<RequirementArea>, sqlx::Error> {
    let rows: Vec<RequirementRow> = sqlx::query_as(concat!(
        requirement_select!(),
        " ORDER BY agreement_id, CASE substr(code, 1, 1) WHEN 'K' THEN 0 WHEN 'C' THEN 1 ELSE 2 END,
                  CAST(substr(code, 2) AS INTEGER)"
    ))
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn find_requirement_area(
    c: &mut Conn,
    id: i64,
) -> Result<Option<RequirementArea>, sqlx::Error> {
    let row: Option<RequirementRow> =
        sqlx::query_as(concat!(requirement_select!(), " WHERE id = ?"))
            .bind(id)
            .fetch_optional(c)
            .await?;
    Ok(row.map(Into::into))
}

/// The agreement's own fields (without requirement areas), for the audit trail.
pub async fn find_agreement(c: &mut Conn, id: i64) -> Result<Option<ValidAgreement>, sqlx::Error> {
    let row: Option<AgreementRow> = sqlx::query_as(
        "SELECT id, counterparty, name, valid_from, valid_to FROM agreements WHERE id = ?",
    )
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

pub async fn agreement_exists(c: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    let hit: Option<(i64,)> = sqlx::query_as("SELECT id FROM agreements WHERE id = ?")
        .bind(id)
        .fetch_optional(c)
        .await?;
    Ok(hit.is_some())
}

pub async fn insert_agreement(c: &mut Conn, a: &ValidAgreement) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO agreements (counterparty, name, valid_from, valid_to) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(&a.counterparty)
    .bind(&a.name)
    .bind(a.valid_from)
    .bind(a.valid_to)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn update_agreement(
    c: &mut Conn,
    id: i64,
    a: &ValidAgreement,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query("UPDATE agreements SET counterparty = ?, name = ?, valid_from = ?, valid_to = ? WHERE id = ?")
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
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO requirement_areas (agreement_id, code, title, deliverable, cadence, recipient, source)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(agreement_id)
    .bind(&r.code)
    .bind(&r.title)
    .bind(&r.deliverable)
    .bind(&r.cadence)
    .bind(&r.recipient)
    .bind(&r.source)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn update_requirement_area(
    c: &mut Conn,
    id: i64,
    r: &ValidRequirementArea,
) -> Result<bool, sqlx::Error> {
    let res = sqlx::query(
        "UPDATE requirement_areas SET code = ?, title = ?, deliverable = ?, cadence = ?, recipient = ?, source = ?
         WHERE id = ?",
    )
    .bind(&r.code)
    .bind(&r.title)
    .bind(&r.deliverable)
    .bind(&r.cadence)
    .bind(&r.recipient)
    .bind(&r.source)
    .bind(id)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}
