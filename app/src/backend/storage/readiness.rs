//! SQL for capability assessments, their versions, the region's settings and the level scale.

use super::{Conn, StorageError, StoreResult, decode_error, query};
use crate::domain::exercise::ForvaltningRef;
use crate::domain::readiness::{
    Approval, Assessment, AssessmentCell, AssessmentContent, AssessmentStatus, AssessmentVersion,
    ExerciseEvidence, Level, LevelText, Period, PeriodKind, Person, ReadinessSettings, Rule, Step,
};
use chrono::{DateTime, Utc};

fn level_of(n: i64) -> StoreResult<Level> {
    Level::new(n).ok_or_else(|| decode_error("level", &n.to_string()))
}

fn status_of(code: &str) -> StoreResult<AssessmentStatus> {
    AssessmentStatus::from_code(code).ok_or_else(|| decode_error("assessment status", code))
}

fn period_of(code: &str) -> StoreResult<Period> {
    Period::parse(code).ok_or_else(|| decode_error("period", code))
}

fn content_of(json: &str) -> StoreResult<AssessmentContent> {
    serde_json::from_str(json).map_err(|e| StorageError::Decode(format!("assessment content: {e}")))
}

fn content_json(c: &AssessmentContent) -> String {
    // A struct of plain values always serialises.
    serde_json::to_string(c).unwrap_or_default()
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    period_kind: String,
    rule: String,
    evidence_months: i64,
    default_target: i64,
    version: i64,
}

pub async fn settings(c: &mut Conn) -> StoreResult<ReadinessSettings> {
    let r: SettingsRow = query(
        "SELECT period_kind, rule, evidence_months, default_target, version FROM readiness_settings WHERE id = 1",
    )
    .fetch_one(c)
    .await?;
    Ok(ReadinessSettings {
        period_kind: PeriodKind::from_code(&r.period_kind)
            .ok_or_else(|| decode_error("period kind", &r.period_kind))?,
        rule: Rule::from_code(&r.rule).ok_or_else(|| decode_error("rule", &r.rule))?,
        evidence_months: u32::try_from(r.evidence_months).unwrap_or(24),
        default_target: level_of(r.default_target)?,
        version: r.version,
    })
}

/// Saves the settings if they are still at `version`; false when someone else saved first.
pub async fn update_settings(
    c: &mut Conn,
    s: &ReadinessSettings,
    version: i64,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE readiness_settings SET period_kind = $1, rule = $2, evidence_months = $3,
                default_target = $4, version = version + 1
         WHERE id = 1 AND version = $5",
    )
    .bind(s.period_kind.code())
    .bind(s.rule.code())
    .bind(i64::from(s.evidence_months))
    .bind(i64::from(s.default_target.get()))
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn levels(c: &mut Conn) -> StoreResult<Vec<LevelText>> {
    let rows: Vec<(i64, String, String)> =
        query("SELECT level, label, anchor FROM capability_levels ORDER BY level")
            .fetch_all(c)
            .await?;
    rows.into_iter()
        .map(|(level, label, anchor)| {
            Ok(LevelText {
                level: level_of(level)?,
                label,
                anchor,
            })
        })
        .collect()
}

pub async fn update_level(c: &mut Conn, t: &LevelText) -> StoreResult<bool> {
    let done = query("UPDATE capability_levels SET label = $1, anchor = $2 WHERE level = $3")
        .bind(&t.label)
        .bind(&t.anchor)
        .bind(i64::from(t.level.get()))
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    id: i64,
    forvaltning_id: i64,
    forvaltning_code: String,
    forvaltning_name: String,
    capability_code: String,
    capability_title: String,
    period: String,
    version: i64,
    status: String,
    level: i64,
    content: String,
    assessor_id: i64,
    assessor_name: String,
    approved_version: Option<i64>,
    approved_level: Option<i64>,
    approved_target: Option<i64>,
    approved_by: Option<i64>,
    approver_name: Option<String>,
    approved_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<Assessment>> {
    let row: Option<AssessmentRow> = query(
        "SELECT a.id, a.forvaltning_id, f.code AS forvaltning_code, f.name AS forvaltning_name,
                a.capability_code, ca.title AS capability_title, a.period, a.version, a.status,
                a.level, a.content, a.assessor_id, u.display_name AS assessor_name,
                a.approved_version, a.approved_level, a.approved_target, a.approved_by,
                v.display_name AS approver_name, a.approved_at, a.updated_at
         FROM assessments a
         JOIN forvaltningar f ON f.id = a.forvaltning_id
         JOIN capability_areas ca ON ca.code = a.capability_code
         JOIN users u ON u.id = a.assessor_id
         LEFT JOIN users v ON v.id = a.approved_by
         WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(c)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let approval = match (
        r.approved_version,
        r.approved_level,
        r.approved_target,
        r.approved_by,
        r.approved_at,
    ) {
        (Some(version), Some(level), Some(target), Some(by), Some(at)) => Some(Approval {
            version,
            level: level_of(level)?,
            target: level_of(target)?,
            by: Person {
                id: by,
                name: r.approver_name.unwrap_or_default(),
            },
            at,
        }),
        _ => None,
    };
    Ok(Some(Assessment {
        id: r.id,
        forvaltning: ForvaltningRef {
            id: r.forvaltning_id,
            code: r.forvaltning_code,
            name: r.forvaltning_name,
        },
        capability_code: r.capability_code,
        capability_title: r.capability_title,
        period: period_of(&r.period)?,
        version: r.version,
        status: status_of(&r.status)?,
        level: level_of(r.level)?,
        content: content_of(&r.content)?,
        assessor: Person {
            id: r.assessor_id,
            name: r.assessor_name,
        },
        approval,
        updated_at: r.updated_at,
    }))
}

/// The id of the assessment of a förvaltning, area and period, if there is one.
pub async fn find_id(
    c: &mut Conn,
    forvaltning_id: i64,
    capability_code: &str,
    period: Period,
) -> StoreResult<Option<i64>> {
    let row: Option<(i64,)> = query(
        "SELECT id FROM assessments WHERE forvaltning_id = $1 AND capability_code = $2 AND period = $3",
    )
    .bind(forvaltning_id)
    .bind(capability_code)
    .bind(period.code())
    .fetch_optional(c)
    .await?;
    Ok(row.map(|(id,)| id))
}

#[derive(sqlx::FromRow)]
struct CellRow {
    id: i64,
    forvaltning_id: i64,
    capability_code: String,
    period: String,
    version: i64,
    status: String,
    level: i64,
    target: i64,
    approved_level: Option<i64>,
    approved_target: Option<i64>,
}

fn cell(r: CellRow) -> StoreResult<AssessmentCell> {
    let approved = match (r.approved_level, r.approved_target) {
        (Some(l), Some(t)) => Some((level_of(l)?, level_of(t)?)),
        _ => None,
    };
    Ok(AssessmentCell {
        id: r.id,
        forvaltning_id: r.forvaltning_id,
        capability_code: r.capability_code,
        period: period_of(&r.period)?,
        version: r.version,
        status: status_of(&r.status)?,
        level: level_of(r.level)?,
        target: level_of(r.target)?,
        approved,
    })
}

/// Every assessment as a cell, for the read model of the grid, heatmap and trend.
pub async fn all_cells(c: &mut Conn) -> StoreResult<Vec<AssessmentCell>> {
    let rows: Vec<CellRow> = query(
        "SELECT id, forvaltning_id, capability_code, period, version, status, level, target,
                approved_level, approved_target
         FROM assessments ORDER BY period, forvaltning_id, capability_code",
    )
    .fetch_all(c)
    .await?;
    rows.into_iter().map(cell).collect()
}

/// A new assessment's row at version 1 (its version row is written by [`insert_version`]).
pub struct NewAssessment<'a> {
    pub forvaltning_id: i64,
    pub capability_code: &'a str,
    pub period: Period,
    pub level: Level,
    pub content: &'a AssessmentContent,
    pub assessor_id: i64,
}

pub async fn insert(c: &mut Conn, a: &NewAssessment<'_>, now: DateTime<Utc>) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO assessments (forvaltning_id, capability_code, period, version, status, level,
                                  target, content, assessor_id, assessed_on, updated_at)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(a.forvaltning_id)
    .bind(a.capability_code)
    .bind(a.period.code())
    .bind(AssessmentStatus::Draft.code())
    .bind(i64::from(a.level.get()))
    .bind(i64::from(a.content.target.get()))
    .bind(content_json(a.content))
    .bind(a.assessor_id)
    .bind(a.content.assessed_on)
    .bind(now)
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// Saves new content over an assessment still at `version`, as a draft by `assessor_id`;
/// false when someone else saved first.
pub async fn update(
    c: &mut Conn,
    id: i64,
    version: i64,
    level: Level,
    content: &AssessmentContent,
    assessor_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE assessments SET version = version + 1, status = $1, level = $2, target = $3,
                content = $4, assessor_id = $5, assessed_on = $6, updated_at = $7
         WHERE id = $8 AND version = $9",
    )
    .bind(AssessmentStatus::Draft.code())
    .bind(i64::from(level.get()))
    .bind(i64::from(content.target.get()))
    .bind(content_json(content))
    .bind(assessor_id)
    .bind(content.assessed_on)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an assessment still at `version` to `status`; false when someone else changed it.
pub async fn set_status(
    c: &mut Conn,
    id: i64,
    version: i64,
    status: AssessmentStatus,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE assessments SET version = version + 1, status = $1, updated_at = $2
         WHERE id = $3 AND version = $4",
    )
    .bind(status.code())
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Approves an assessment still at `version`: its current level and target become the ones
/// the heatmap shows.
pub async fn approve(
    c: &mut Conn,
    id: i64,
    version: i64,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE assessments SET version = version + 1, status = $1, approved_version = version + 1,
                approved_level = level, approved_target = target, approved_by = $2,
                approved_at = $3, updated_at = $3
         WHERE id = $4 AND version = $5",
    )
    .bind(AssessmentStatus::Approved.code())
    .bind(by)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One row of the history; written in the same transaction as the change it records.
pub struct NewVersion<'a> {
    pub assessment_id: i64,
    pub version: i64,
    pub step: Step,
    pub status: AssessmentStatus,
    pub level: Level,
    pub content: &'a AssessmentContent,
    pub comment: &'a str,
    pub by: i64,
}

pub async fn insert_version(
    c: &mut Conn,
    v: &NewVersion<'_>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    query(
        "INSERT INTO assessment_versions (assessment_id, version, step, status, level, target,
                                          content, comment, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(v.assessment_id)
    .bind(v.version)
    .bind(v.step.code())
    .bind(v.status.code())
    .bind(i64::from(v.level.get()))
    .bind(i64::from(v.content.target.get()))
    .bind(content_json(v.content))
    .bind(v.comment)
    .bind(v.by)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    version: i64,
    step: String,
    status: String,
    level: i64,
    content: String,
    comment: String,
    changed_by: i64,
    changed_by_name: String,
    changed_at: DateTime<Utc>,
}

/// The history of an assessment, newest first.
pub async fn versions(c: &mut Conn, id: i64) -> StoreResult<Vec<AssessmentVersion>> {
    let rows: Vec<VersionRow> = query(
        "SELECT v.version, v.step, v.status, v.level, v.content, v.comment, v.changed_by,
                u.display_name AS changed_by_name, v.changed_at
         FROM assessment_versions v JOIN users u ON u.id = v.changed_by
         WHERE v.assessment_id = $1 ORDER BY v.version DESC",
    )
    .bind(id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AssessmentVersion {
                version: r.version,
                step: Step::from_code(&r.step).ok_or_else(|| decode_error("step", &r.step))?,
                status: status_of(&r.status)?,
                level: level_of(r.level)?,
                content: content_of(&r.content)?,
                comment: r.comment,
                by: Person {
                    id: r.changed_by,
                    name: r.changed_by_name,
                },
                at: r.changed_at,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ExerciseEndRow {
    id: i64,
    ends_at: chrono::NaiveDateTime,
    lead_id: i64,
    status: String,
}

/// The exercises whose status is one of `statuses` (the conducted ones), with the förvaltningar
/// that took part (the lead included) and the areas of their objectives: what verifies a level.
pub async fn exercise_evidence(
    c: &mut Conn,
    statuses: &[&str],
) -> StoreResult<Vec<ExerciseEvidence>> {
    use std::collections::BTreeMap;
    let rows: Vec<ExerciseEndRow> = query("SELECT id, ends_at, lead_id, status FROM exercises")
        .fetch_all(&mut *c)
        .await?;
    let mut by_id: BTreeMap<i64, ExerciseEvidence> = rows
        .into_iter()
        .filter(|r| statuses.contains(&r.status.as_str()))
        .map(|r| {
            let x = ExerciseEvidence {
                exercise_id: r.id,
                ended_on: r.ends_at.date(),
                forvaltningar: vec![r.lead_id],
                capability_codes: Vec::new(),
            };
            (r.id, x)
        })
        .collect();
    let participants: Vec<(i64, i64)> =
        query("SELECT exercise_id, forvaltning_id FROM exercise_participants")
            .fetch_all(&mut *c)
            .await?;
    for (e, f) in participants {
        if let Some(x) = by_id.get_mut(&e) {
            x.forvaltningar.push(f);
        }
    }
    let capabilities: Vec<(i64, String)> =
        query("SELECT DISTINCT exercise_id, capability_code FROM objectives")
            .fetch_all(&mut *c)
            .await?;
    for (e, code) in capabilities {
        if let Some(x) = by_id.get_mut(&e) {
            x.capability_codes.push(code);
        }
    }
    Ok(by_id.into_values().collect())
}
