//! SQL for NÖK fulfilment: criteria, fulfilments with their ticks, evidence and versions, the
//! exercises that count as evidence, and the mapping between agreement versions.

use super::{Conn, StorageError, StoreResult, decode_error, query};
use crate::domain::exercise::ForvaltningRef;
use crate::domain::nok::{
    Criterion, CriterionKind, Evidence, EvidenceKind, Fulfilment, FulfilmentStatus, MetCriterion,
};
use crate::domain::readiness::Person;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

#[derive(sqlx::FromRow)]
struct CriterionRow {
    id: i64,
    requirement_area_id: i64,
    position: i64,
    kind: String,
    text: String,
    active: bool,
}

fn criterion(r: CriterionRow) -> StoreResult<Criterion> {
    Ok(Criterion {
        id: r.id,
        requirement_id: r.requirement_area_id,
        position: r.position,
        kind: CriterionKind::from_code(&r.kind)
            .ok_or_else(|| decode_error("criterion kind", &r.kind))?,
        text: r.text,
        active: r.active,
    })
}

/// The criteria of every area of `agreement_id`, retired ones too, in checklist order.
pub async fn criteria_of_agreement(c: &mut Conn, agreement_id: i64) -> StoreResult<Vec<Criterion>> {
    let rows: Vec<CriterionRow> = query(
        "SELECT k.id, k.requirement_area_id, k.position, k.kind, k.text, k.active
         FROM requirement_criteria k JOIN requirement_areas r ON r.id = k.requirement_area_id
         WHERE r.agreement_id = $1
         ORDER BY k.requirement_area_id, k.kind, k.position, k.id",
    )
    .bind(agreement_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(criterion).collect()
}

pub async fn criteria_of(c: &mut Conn, requirement_id: i64) -> StoreResult<Vec<Criterion>> {
    let rows: Vec<CriterionRow> = query(
        "SELECT id, requirement_area_id, position, kind, text, active FROM requirement_criteria
         WHERE requirement_area_id = $1 ORDER BY kind, position, id",
    )
    .bind(requirement_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(criterion).collect()
}

/// Makes the area's active checklist `lines`, in order: a line already there (active or
/// retired) keeps its id, so its ticks stay; a line no longer there is retired.
pub async fn replace_criteria(
    c: &mut Conn,
    requirement_id: i64,
    lines: &[(CriterionKind, String)],
) -> StoreResult<()> {
    let existing = criteria_of(c, requirement_id).await?;
    let mut kept = Vec::new();
    for (i, (kind, text)) in lines.iter().enumerate() {
        let position = i64::try_from(i).unwrap_or(i64::MAX) + 1;
        match existing
            .iter()
            .find(|e| e.kind == *kind && e.text == *text && !kept.contains(&e.id))
        {
            Some(e) => {
                kept.push(e.id);
                query("UPDATE requirement_criteria SET position = $1, active = $2 WHERE id = $3")
                    .bind(position)
                    .bind(true)
                    .bind(e.id)
                    .execute(c)
                    .await?;
            }
            None => {
                insert_criterion(c, requirement_id, position, *kind, text).await?;
            }
        }
    }
    for e in existing
        .iter()
        .filter(|e| e.active && !kept.contains(&e.id))
    {
        query("UPDATE requirement_criteria SET active = $1 WHERE id = $2")
            .bind(false)
            .bind(e.id)
            .execute(c)
            .await?;
    }
    Ok(())
}

pub async fn insert_criterion(
    c: &mut Conn,
    requirement_id: i64,
    position: i64,
    kind: CriterionKind,
    text: &str,
) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO requirement_criteria (requirement_area_id, position, kind, text) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(requirement_id)
    .bind(position)
    .bind(kind.code())
    .bind(text)
    .fetch_one(c)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct FulfilmentRow {
    id: i64,
    requirement_area_id: i64,
    forvaltning_id: Option<i64>,
    forvaltning_code: Option<String>,
    forvaltning_name: Option<String>,
    version: i64,
    status: Option<String>,
    reason: String,
    responsible: String,
    due_on: Option<NaiveDate>,
    progress: String,
}

macro_rules! fulfilment_select {
    () => {
        "SELECT u.id, u.requirement_area_id, u.forvaltning_id, f.code AS forvaltning_code,
                f.name AS forvaltning_name, u.version, u.status, u.reason, u.responsible, u.due_on,
                u.progress
         FROM fulfilments u
         JOIN requirement_areas r ON r.id = u.requirement_area_id
         LEFT JOIN forvaltningar f ON f.id = u.forvaltning_id"
    };
}

fn fulfilment(r: FulfilmentRow) -> StoreResult<Fulfilment> {
    let manual = match r.status.as_deref() {
        None => None,
        Some(code) => Some(
            FulfilmentStatus::from_code(code)
                .ok_or_else(|| decode_error("fulfilment status", code))?,
        ),
    };
    let forvaltning = match (r.forvaltning_id, r.forvaltning_code, r.forvaltning_name) {
        (Some(id), Some(code), Some(name)) => Some(ForvaltningRef { id, code, name }),
        _ => None,
    };
    Ok(Fulfilment {
        id: Some(r.id),
        requirement_id: r.requirement_area_id,
        forvaltning,
        version: r.version,
        manual,
        reason: r.reason,
        responsible: r.responsible,
        due_on: r.due_on,
        progress: r.progress,
        met: Vec::new(),
        evidence: Vec::new(),
    })
}

#[derive(sqlx::FromRow)]
struct MetRow {
    fulfilment_id: i64,
    criterion_id: i64,
    met_by: i64,
    display_name: String,
    met_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct EvidenceRow {
    id: i64,
    fulfilment_id: i64,
    kind: String,
    exercise_id: Option<i64>,
    exercise_name: Option<String>,
    exercise_status: Option<String>,
    exercise_ends_at: Option<NaiveDateTime>,
    assessment_id: Option<i64>,
    assessment_label: Option<String>,
    document: String,
    carried_from: String,
}

macro_rules! met_select {
    () => {
        "SELECT m.fulfilment_id, m.criterion_id, m.met_by, u.display_name, m.met_at
         FROM fulfilment_criteria m JOIN users u ON u.id = m.met_by"
    };
}

macro_rules! evidence_select {
    () => {
        "SELECT e.id, e.fulfilment_id, e.kind, e.exercise_id, x.name AS exercise_name,
                x.status AS exercise_status, x.ends_at AS exercise_ends_at, e.assessment_id,
                CASE WHEN a.id IS NULL THEN NULL
                     ELSE f.code || ' · ' || a.capability_code || ' · ' || a.period END AS assessment_label,
                e.document, e.carried_from
         FROM fulfilment_evidence e
         LEFT JOIN exercises x ON x.id = e.exercise_id
         LEFT JOIN assessments a ON a.id = e.assessment_id
         LEFT JOIN forvaltningar f ON f.id = a.forvaltning_id"
    };
}

/// Whose ticks and evidence to read: one statement each, whatever the count.
#[derive(Clone, Copy)]
enum Of {
    Agreement(i64),
    Fulfilment(i64),
}

/// Fills in the ticks and the stored evidence of `list`, the fulfilments `of`.
async fn complete(
    c: &mut Conn,
    list: &mut [Fulfilment],
    of: Of,
    conducted: &[&str],
) -> StoreResult<()> {
    if list.is_empty() {
        return Ok(());
    }
    let (met, evidence) = match of {
        Of::Agreement(a) => (
            query(concat!(
                met_select!(),
                " WHERE m.fulfilment_id IN (SELECT u.id FROM fulfilments u
                   JOIN requirement_areas r ON r.id = u.requirement_area_id WHERE r.agreement_id = $1)
                 ORDER BY m.fulfilment_id, m.criterion_id"
            ))
            .bind(a),
            query(concat!(
                evidence_select!(),
                " WHERE e.fulfilment_id IN (SELECT u.id FROM fulfilments u
                   JOIN requirement_areas r ON r.id = u.requirement_area_id WHERE r.agreement_id = $1)
                 ORDER BY e.fulfilment_id, e.id"
            ))
            .bind(a),
        ),
        Of::Fulfilment(id) => (
            query(concat!(
                met_select!(),
                " WHERE m.fulfilment_id = $1 ORDER BY m.criterion_id"
            ))
            .bind(id),
            query(concat!(
                evidence_select!(),
                " WHERE e.fulfilment_id = $1 ORDER BY e.id"
            ))
            .bind(id),
        ),
    };
    let met: Vec<MetRow> = met.fetch_all(&mut *c).await?;
    let evidence: Vec<EvidenceRow> = evidence.fetch_all(&mut *c).await?;
    for f in list.iter_mut() {
        let Some(id) = f.id else { continue };
        f.met = met
            .iter()
            .filter(|m| m.fulfilment_id == id)
            .map(|m| MetCriterion {
                criterion_id: m.criterion_id,
                by: Person {
                    id: m.met_by,
                    name: m.display_name.clone(),
                },
                at: m.met_at,
            })
            .collect();
        for e in evidence.iter().filter(|e| e.fulfilment_id == id) {
            let kind = match (e.kind.as_str(), e.exercise_id, e.assessment_id) {
                ("exercise", Some(x), _) => EvidenceKind::Exercise {
                    id: x,
                    name: e.exercise_name.clone().unwrap_or_default(),
                    conducted_on: e
                        .exercise_status
                        .as_deref()
                        .filter(|s| conducted.contains(s))
                        .and(e.exercise_ends_at)
                        .map(|t| t.date()),
                },
                ("assessment", _, Some(a)) => EvidenceKind::Assessment {
                    id: a,
                    label: e.assessment_label.clone().unwrap_or_default(),
                },
                ("document", _, _) => EvidenceKind::Document(e.document.clone()),
                (other, _, _) => return Err(decode_error("evidence kind", other)),
            };
            f.evidence.push(Evidence {
                id: Some(e.id),
                kind,
                carried_from: e.carried_from.clone(),
            });
        }
    }
    Ok(())
}

/// Every stored fulfilment of the areas of `agreement_id`, with ticks and stored evidence.
pub async fn fulfilments_of_agreement(
    c: &mut Conn,
    agreement_id: i64,
    conducted: &[&str],
) -> StoreResult<Vec<Fulfilment>> {
    let rows: Vec<FulfilmentRow> = query(concat!(
        fulfilment_select!(),
        " WHERE r.agreement_id = $1 ORDER BY u.requirement_area_id, u.forvaltning_id"
    ))
    .bind(agreement_id)
    .fetch_all(&mut *c)
    .await?;
    let mut list = rows
        .into_iter()
        .map(fulfilment)
        .collect::<StoreResult<Vec<_>>>()?;
    complete(c, &mut list, Of::Agreement(agreement_id), conducted).await?;
    Ok(list)
}

/// The fulfilment of an area for the region (`forvaltning` `None`) or a förvaltning.
pub async fn find_fulfilment(
    c: &mut Conn,
    requirement_id: i64,
    forvaltning: Option<i64>,
    conducted: &[&str],
) -> StoreResult<Option<Fulfilment>> {
    let row: Option<FulfilmentRow> = match forvaltning {
        None => {
            query(concat!(
                fulfilment_select!(),
                " WHERE u.requirement_area_id = $1 AND u.forvaltning_id IS NULL"
            ))
            .bind(requirement_id)
            .fetch_optional(&mut *c)
            .await?
        }
        Some(f) => {
            query(concat!(
                fulfilment_select!(),
                " WHERE u.requirement_area_id = $1 AND u.forvaltning_id = $2"
            ))
            .bind(requirement_id)
            .bind(f)
            .fetch_optional(&mut *c)
            .await?
        }
    };
    let Some(row) = row else { return Ok(None) };
    let id = row.id;
    let mut list = vec![fulfilment(row)?];
    complete(c, &mut list, Of::Fulfilment(id), conducted).await?;
    Ok(list.pop())
}

/// Starts the fulfilment of an area (version 1).
pub async fn insert_fulfilment(
    c: &mut Conn,
    requirement_id: i64,
    forvaltning: Option<i64>,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO fulfilments (requirement_area_id, forvaltning_id, version, updated_by, updated_at)
         VALUES ($1, $2, 1, $3, $4) RETURNING id",
    )
    .bind(requirement_id)
    .bind(forvaltning)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// Moves a fulfilment from `version` to the next; false when someone else changed it first.
pub async fn bump_fulfilment(
    c: &mut Conn,
    id: i64,
    version: i64,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE fulfilments SET version = version + 1, updated_by = $1, updated_at = $2
         WHERE id = $3 AND version = $4",
    )
    .bind(by)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_status(
    c: &mut Conn,
    id: i64,
    status: Option<FulfilmentStatus>,
    reason: &str,
) -> StoreResult<()> {
    query("UPDATE fulfilments SET status = $1, reason = $2 WHERE id = $3")
        .bind(status.map(FulfilmentStatus::code))
        .bind(reason)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn set_details(
    c: &mut Conn,
    id: i64,
    responsible: &str,
    due_on: Option<NaiveDate>,
    progress: &str,
) -> StoreResult<()> {
    query("UPDATE fulfilments SET responsible = $1, due_on = $2, progress = $3 WHERE id = $4")
        .bind(responsible)
        .bind(due_on)
        .bind(progress)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn tick(
    c: &mut Conn,
    fulfilment_id: i64,
    criterion_id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query("INSERT INTO fulfilment_criteria (fulfilment_id, criterion_id, met_by, met_at) VALUES ($1, $2, $3, $4)")
        .bind(fulfilment_id)
        .bind(criterion_id)
        .bind(by)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn untick(c: &mut Conn, fulfilment_id: i64, criterion_id: i64) -> StoreResult<()> {
    query("DELETE FROM fulfilment_criteria WHERE fulfilment_id = $1 AND criterion_id = $2")
        .bind(fulfilment_id)
        .bind(criterion_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Evidence to store.
pub enum NewEvidence<'a> {
    Exercise(i64),
    Assessment(i64),
    Document(&'a str),
}

pub async fn insert_evidence(
    c: &mut Conn,
    fulfilment_id: i64,
    e: &NewEvidence<'_>,
    carried_from: &str,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (kind, exercise, assessment, document) = match e {
        NewEvidence::Exercise(x) => ("exercise", Some(*x), None, ""),
        NewEvidence::Assessment(a) => ("assessment", None, Some(*a), ""),
        NewEvidence::Document(d) => ("document", None, None, *d),
    };
    let (id,): (i64,) = query(
        "INSERT INTO fulfilment_evidence (fulfilment_id, kind, exercise_id, assessment_id, document, carried_from, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(fulfilment_id)
    .bind(kind)
    .bind(exercise)
    .bind(assessment)
    .bind(document)
    .bind(carried_from)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// Removes evidence `id` of fulfilment `fulfilment_id`; false when it is not one of its.
pub async fn delete_evidence(c: &mut Conn, fulfilment_id: i64, id: i64) -> StoreResult<bool> {
    let done = query("DELETE FROM fulfilment_evidence WHERE id = $1 AND fulfilment_id = $2")
        .bind(id)
        .bind(fulfilment_id)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_version(
    c: &mut Conn,
    fulfilment_id: i64,
    version: i64,
    action: &str,
    state: &serde_json::Value,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO fulfilment_versions (fulfilment_id, version, action, state, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(fulfilment_id)
    .bind(version)
    .bind(action)
    .bind(state.to_string())
    .bind(by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// One entry of a fulfilment's history.
#[derive(Debug, Clone)]
pub struct VersionRow {
    pub version: i64,
    pub action: String,
    pub state: serde_json::Value,
    pub by: String,
    pub at: DateTime<Utc>,
}

pub async fn versions(c: &mut Conn, fulfilment_id: i64) -> StoreResult<Vec<VersionRow>> {
    let rows: Vec<(i64, String, String, String, DateTime<Utc>)> = query(
        "SELECT v.version, v.action, v.state, u.display_name, v.changed_at
         FROM fulfilment_versions v JOIN users u ON u.id = v.changed_by
         WHERE v.fulfilment_id = $1 ORDER BY v.version DESC",
    )
    .bind(fulfilment_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|(version, action, state, by, at)| {
            Ok(VersionRow {
                version,
                action,
                state: serde_json::from_str(&state)
                    .map_err(|e| StorageError::Decode(format!("fulfilment state: {e}")))?,
                by,
                at,
            })
        })
        .collect()
}

/// An exercise whose objectives name a requirement area.
#[derive(Debug, Clone)]
pub struct ExerciseLink {
    pub requirement_id: i64,
    pub exercise_id: i64,
    pub name: String,
    pub status: String,
    pub ends_at: NaiveDateTime,
    /// The lead and the participants.
    pub forvaltningar: Vec<i64>,
}

/// The exercises whose objectives name an area of `agreement_id`, by area, newest first.
pub async fn exercise_links(c: &mut Conn, agreement_id: i64) -> StoreResult<Vec<ExerciseLink>> {
    let rows: Vec<(i64, i64, String, String, NaiveDateTime, i64)> = query(
        "SELECT DISTINCT q.requirement_area_id, x.id, x.name, x.status, x.ends_at, x.lead_id
         FROM objective_requirements q
         JOIN requirement_areas r ON r.id = q.requirement_area_id
         JOIN objectives o ON o.id = q.objective_id
         JOIN exercises x ON x.id = o.exercise_id
         WHERE r.agreement_id = $1
         ORDER BY x.ends_at DESC, x.id",
    )
    .bind(agreement_id)
    .fetch_all(&mut *c)
    .await?;
    let participants: Vec<(i64, i64)> =
        query("SELECT exercise_id, forvaltning_id FROM exercise_participants")
            .fetch_all(&mut *c)
            .await?;
    Ok(rows
        .into_iter()
        .map(
            |(requirement_id, exercise_id, name, status, ends_at, lead)| {
                let mut forvaltningar = vec![lead];
                forvaltningar.extend(
                    participants
                        .iter()
                        .filter(|(x, _)| *x == exercise_id)
                        .map(|(_, f)| *f),
                );
                ExerciseLink {
                    requirement_id,
                    exercise_id,
                    name,
                    status,
                    ends_at,
                    forvaltningar,
                }
            },
        )
        .collect())
}

pub async fn insert_mapping(c: &mut Conn, from: i64, to: i64) -> StoreResult<()> {
    query("INSERT INTO requirement_mappings (from_id, to_id) VALUES ($1, $2)")
        .bind(from)
        .bind(to)
        .execute(c)
        .await?;
    Ok(())
}

/// The pairs (old area, new area) mapping into the areas of `agreement_id`.
pub async fn mappings_into(c: &mut Conn, agreement_id: i64) -> StoreResult<Vec<(i64, i64)>> {
    query(
        "SELECT m.from_id, m.to_id FROM requirement_mappings m
         JOIN requirement_areas r ON r.id = m.to_id
         WHERE r.agreement_id = $1 ORDER BY m.from_id, m.to_id",
    )
    .bind(agreement_id)
    .fetch_all(c)
    .await
}

/// Whether an agreement has been rolled over into a newer version already.
pub async fn successor_of(c: &mut Conn, agreement_id: i64) -> StoreResult<Option<i64>> {
    let row: Option<(i64,)> = query("SELECT id FROM agreements WHERE previous_id = $1")
        .bind(agreement_id)
        .fetch_optional(c)
        .await?;
    Ok(row.map(|(id,)| id))
}

pub async fn set_previous(c: &mut Conn, agreement_id: i64, previous: i64) -> StoreResult<()> {
    query("UPDATE agreements SET previous_id = $1 WHERE id = $2")
        .bind(previous)
        .bind(agreement_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Links area `to` to the capability areas area `from` is linked to.
pub async fn copy_capability_links(c: &mut Conn, from: i64, to: i64) -> StoreResult<()> {
    query(
        "INSERT INTO capability_requirements (capability_code, requirement_area_id)
         SELECT capability_code, $1 FROM capability_requirements WHERE requirement_area_id = $2
         ON CONFLICT DO NOTHING",
    )
    .bind(to)
    .bind(from)
    .execute(c)
    .await?;
    Ok(())
}
