//! SQL for exercises, their participants and objectives.

use super::{Conn, StoreResult, query};
use crate::domain::exercise::{
    Exercise, ExerciseFormat, ExerciseSummary, ForvaltningRef, Objective, RequirementRef,
    ValidExercise,
};
use crate::domain::lifecycle::ExerciseStatus;
use chrono::{DateTime, NaiveDateTime, Utc};

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    format: String,
    joint: bool,
    status: String,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    lead_id: i64,
    lead_code: String,
    lead_name: String,
}

/// An unknown code in the database is an error, never silently some other value.
fn decode_error(what: &str, code: &str) -> super::StorageError {
    super::StorageError::Decode(format!("unknown {what} {code:?} in the database"))
}

fn format_of(code: &str) -> StoreResult<ExerciseFormat> {
    ExerciseFormat::from_code(code).ok_or_else(|| decode_error("exercise format", code))
}

fn status_of(code: &str) -> StoreResult<ExerciseStatus> {
    ExerciseStatus::from_code(code).ok_or_else(|| decode_error("exercise status", code))
}

/// Summaries from their rows plus every participant and capability code, in three plain
/// queries (no per-row subqueries, and the same SQL on every engine).
async fn summaries(c: &mut Conn, rows: Vec<SummaryRow>) -> StoreResult<Vec<ExerciseSummary>> {
    use std::collections::HashMap;
    let participants: Vec<(i64, i64)> = query(
        "SELECT exercise_id, forvaltning_id FROM exercise_participants ORDER BY exercise_id, forvaltning_id",
    )
    .fetch_all(&mut *c)
    .await?;
    let capabilities: Vec<(i64, String)> = query(
        "SELECT DISTINCT exercise_id, capability_code FROM objectives ORDER BY exercise_id, capability_code",
    )
    .fetch_all(&mut *c)
    .await?;
    let mut by_exercise: HashMap<i64, (Vec<i64>, Vec<String>)> = HashMap::new();
    for (e, f) in participants {
        by_exercise.entry(e).or_default().0.push(f);
    }
    for (e, code) in capabilities {
        by_exercise.entry(e).or_default().1.push(code);
    }
    rows.into_iter()
        .map(|r| {
            let (participant_ids, capability_codes) = by_exercise.remove(&r.id).unwrap_or_default();
            Ok(ExerciseSummary {
                id: r.id,
                format: format_of(&r.format)?,
                status: status_of(&r.status)?,
                participant_ids,
                capability_codes,
                name: r.name,
                joint: r.joint,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                lead: ForvaltningRef {
                    id: r.lead_id,
                    code: r.lead_code,
                    name: r.lead_name,
                },
            })
        })
        .collect()
}

/// The shared SELECT of exercise summaries; a macro so queries stay `&'static str`.
macro_rules! summary_select {
    () => {
        "SELECT e.id, e.name, e.format, e.joint, e.status, e.starts_at, e.ends_at,
                f.id AS lead_id, f.code AS lead_code, f.name AS lead_name
         FROM exercises e JOIN forvaltningar f ON f.id = e.lead_id"
    };
}

/// Every exercise, ordered by start.
pub async fn list_summaries(c: &mut Conn) -> StoreResult<Vec<ExerciseSummary>> {
    let rows: Vec<SummaryRow> = query(concat!(summary_select!(), " ORDER BY e.starts_at, e.id"))
        .fetch_all(&mut *c)
        .await?;
    summaries(c, rows).await
}

#[derive(sqlx::FromRow)]
struct ExerciseRow {
    id: i64,
    name: String,
    format: String,
    joint: bool,
    status: String,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    location: String,
    lead_id: i64,
    lead_code: String,
    lead_name: String,
    external_participants: String,
    purpose: String,
    scenario: String,
    funding: String,
    cancel_reason: Option<String>,
    version: i64,
    /// One row per participant (none: one row with these empty).
    participant_id: Option<i64>,
    participant_code: Option<String>,
    participant_name: Option<String>,
}

/// One row per objective and requirement area it names (none: one row with these empty).
#[derive(sqlx::FromRow)]
struct ObjectiveRow {
    objective_id: i64,
    objective_text: String,
    capability_code: String,
    capability_title: String,
    requirement_id: Option<i64>,
    requirement_code: Option<String>,
    requirement_title: Option<String>,
}

/// A row of [`find`]'s statement: its `part` (an `integer` literal, so `i32`) says which of
/// the two it is.
enum DetailRow {
    Exercise(ExerciseRow),
    Objective(ObjectiveRow),
}

impl<'r, R: sqlx::Row> sqlx::FromRow<'r, R> for DetailRow
where
    &'r str: sqlx::ColumnIndex<R>,
    i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    ExerciseRow: sqlx::FromRow<'r, R>,
    ObjectiveRow: sqlx::FromRow<'r, R>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(match row.try_get::<i32, _>("part")? {
            0 => Self::Exercise(ExerciseRow::from_row(row)?),
            _ => Self::Objective(ObjectiveRow::from_row(row)?),
        })
    }
}

/// One exercise with participants and objectives, or `None`. A page that shows an exercise
/// reads it on every request, so this is one statement (one round trip on PostgreSQL, where a
/// second costs as much as the rest of the read): the exercise with one participant per row
/// (`part` 0), then its objectives with one requirement area per row (`part` 1), each part
/// NULL in the other's columns.
pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<Exercise>> {
    let rows: Vec<DetailRow> = query(
        "SELECT 0 AS part, e.id, e.name, e.format, e.joint, e.status, e.starts_at, e.ends_at, e.location,
                f.id AS lead_id, f.code AS lead_code, f.name AS lead_name, e.external_participants,
                e.purpose, e.scenario, e.funding, e.cancel_reason, e.version,
                pf.id AS participant_id, pf.code AS participant_code, pf.name AS participant_name,
                NULL AS objective_id, NULL AS objective_text, NULL AS capability_code,
                NULL AS capability_title, NULL AS objective_position, NULL AS requirement_id,
                NULL AS requirement_code, NULL AS requirement_title, NULL AS requirement_agreement
         FROM exercises e JOIN forvaltningar f ON f.id = e.lead_id
         LEFT JOIN exercise_participants p ON p.exercise_id = e.id
         LEFT JOIN forvaltningar pf ON pf.id = p.forvaltning_id
         WHERE e.id = $1
         UNION ALL
         SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                NULL, NULL, NULL, NULL, NULL, NULL,
                o.id, o.text, o.capability_code, c.title, o.position, r.id, r.code, r.title, r.agreement_id
         FROM objectives o JOIN capability_areas c ON c.code = o.capability_code
         LEFT JOIN objective_requirements l ON l.objective_id = o.id
         LEFT JOIN requirement_areas r ON r.id = l.requirement_area_id
         WHERE o.exercise_id = $1
         ORDER BY part, participant_name, objective_position, requirement_agreement, requirement_code",
    )
    .bind(id)
    .fetch_all(c)
    .await?;
    let mut exercise: Option<ExerciseRow> = None;
    let mut participants = Vec::new();
    let mut objectives: Vec<Objective> = Vec::new();
    for row in rows {
        match row {
            DetailRow::Exercise(mut r) => {
                if let (Some(id), Some(code), Some(name)) = (
                    r.participant_id,
                    r.participant_code.take(),
                    r.participant_name.take(),
                ) {
                    participants.push(ForvaltningRef { id, code, name });
                }
                exercise.get_or_insert(r);
            }
            DetailRow::Objective(r) => {
                let requirement = match (r.requirement_id, r.requirement_code, r.requirement_title)
                {
                    (Some(id), Some(code), Some(title)) => Some(RequirementRef { id, code, title }),
                    _ => None,
                };
                match objectives.last_mut() {
                    Some(o) if o.id == r.objective_id => o.requirements.extend(requirement),
                    _ => objectives.push(Objective {
                        id: r.objective_id,
                        text: r.objective_text,
                        capability_code: r.capability_code,
                        capability_title: r.capability_title,
                        requirements: requirement.into_iter().collect(),
                    }),
                }
            }
        }
    }
    let Some(r) = exercise else {
        return Ok(None);
    };
    Ok(Some(Exercise {
        id: r.id,
        name: r.name,
        format: format_of(&r.format)?,
        joint: r.joint,
        status: status_of(&r.status)?,
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        location: r.location,
        lead: ForvaltningRef {
            id: r.lead_id,
            code: r.lead_code,
            name: r.lead_name,
        },
        participants,
        external_participants: serde_json::from_str(&r.external_participants).unwrap_or_default(),
        purpose: r.purpose,
        scenario: r.scenario,
        funding: r.funding,
        objectives,
        cancel_reason: r.cancel_reason,
        version: r.version,
        design_withheld: false,
    }))
}

/// Inserts a new exercise with its children; returns the id.
pub async fn insert(
    c: &mut Conn,
    e: &ValidExercise,
    status: ExerciseStatus,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO exercises (name, format, joint, status, starts_at, ends_at, location, lead_id,
                                external_participants, purpose, scenario, funding, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14) RETURNING id",
    )
    .bind(&e.name)
    .bind(e.format.code())
    .bind(e.joint)
    .bind(status.code())
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(&e.location)
    .bind(e.lead_id)
    .bind(serde_json::to_string(&e.external_participants).unwrap_or_else(|_| "[]".into()))
    .bind(&e.purpose)
    .bind(&e.scenario)
    .bind(&e.funding)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    insert_children(c, id, e).await?;
    Ok(id)
}

/// Overwrites an exercise if it is still at `version`; returns false on a version mismatch.
pub async fn update(
    c: &mut Conn,
    id: i64,
    version: i64,
    e: &ValidExercise,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = query(
        "UPDATE exercises SET name = $1, format = $2, joint = $3, starts_at = $4, ends_at = $5, location = $6, lead_id = $7,
                external_participants = $8, purpose = $9, scenario = $10, funding = $11, version = version + 1, updated_at = $12
         WHERE id = $13 AND version = $14",
    )
    .bind(&e.name)
    .bind(e.format.code())
    .bind(e.joint)
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(&e.location)
    .bind(e.lead_id)
    .bind(serde_json::to_string(&e.external_participants).unwrap_or_else(|_| "[]".into()))
    .bind(&e.purpose)
    .bind(&e.scenario)
    .bind(&e.funding)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(&mut *c)
    .await?;
    if res.rows_affected() != 1 {
        return Ok(false);
    }
    query("DELETE FROM exercise_participants WHERE exercise_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    // Objectives keep their ids: rows that name a stored objective update it, the others are
    // new, and stored objectives no row names are removed.
    let stored: Vec<(i64,)> = query("SELECT id FROM objectives WHERE exercise_id = $1")
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
    for (gone,) in stored
        .iter()
        .filter(|(s,)| !e.objectives.iter().any(|o| o.id == Some(*s)))
    {
        query("DELETE FROM objectives WHERE id = $1")
            .bind(gone)
            .execute(&mut *c)
            .await?;
    }
    insert_children(c, id, e).await?;
    Ok(true)
}

async fn insert_children(c: &mut Conn, id: i64, e: &ValidExercise) -> StoreResult<()> {
    for p in &e.participant_ids {
        query("INSERT INTO exercise_participants (exercise_id, forvaltning_id) VALUES ($1, $2)")
            .bind(id)
            .bind(p)
            .execute(&mut *c)
            .await?;
    }
    for (position, o) in e.objectives.iter().enumerate() {
        let oid = match o.id {
            Some(oid) => {
                query(
                    "UPDATE objectives SET position = $1, text = $2, capability_code = $3 WHERE id = $4 AND exercise_id = $5",
                )
                .bind(position as i64)
                .bind(&o.text)
                .bind(&o.capability_code)
                .bind(oid)
                .bind(id)
                .execute(&mut *c)
                .await?;
                query("DELETE FROM objective_requirements WHERE objective_id = $1")
                    .bind(oid)
                    .execute(&mut *c)
                    .await?;
                oid
            }
            None => {
                let (oid,): (i64,) = query(
                    "INSERT INTO objectives (exercise_id, position, text, capability_code) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(id)
                .bind(position as i64)
                .bind(&o.text)
                .bind(&o.capability_code)
                .fetch_one(&mut *c)
                .await?;
                oid
            }
        };
        for r in &o.requirement_ids {
            query("INSERT INTO objective_requirements (objective_id, requirement_area_id) VALUES ($1, $2)")
                .bind(oid)
                .bind(r)
                .execute(&mut *c)
                .await?;
        }
    }
    Ok(())
}

/// Sets the status (and cancel reason) if the exercise is still at `version`.
pub async fn set_status(
    c: &mut Conn,
    id: i64,
    version: i64,
    status: ExerciseStatus,
    cancel_reason: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = query(
        "UPDATE exercises SET status = $1, cancel_reason = COALESCE($2, cancel_reason), version = version + 1,
                updated_at = $3 WHERE id = $4 AND version = $5",
    )
    .bind(status.code())
    .bind(cancel_reason)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn delete(c: &mut Conn, id: i64) -> StoreResult<bool> {
    let res = query("DELETE FROM exercises WHERE id = $1")
        .bind(id)
        .execute(c)
        .await?;
    Ok(res.rows_affected() == 1)
}

/// Capability codes among `codes` that exist.
pub async fn existing_capability_codes(c: &mut Conn, codes: &[String]) -> StoreResult<Vec<String>> {
    let mut found = Vec::new();
    for code in codes {
        let hit: Option<(String,)> = query("SELECT code FROM capability_areas WHERE code = $1")
            .bind(code)
            .fetch_optional(&mut *c)
            .await?;
        found.extend(hit.map(|h| h.0));
    }
    Ok(found)
}

/// Requirement area ids among `ids` that exist.
pub async fn existing_requirement_ids(c: &mut Conn, ids: &[i64]) -> StoreResult<Vec<i64>> {
    let mut found = Vec::new();
    for id in ids {
        let hit: Option<(i64,)> = query("SELECT id FROM requirement_areas WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?;
        found.extend(hit.map(|h| h.0));
    }
    Ok(found)
}

/// Adds an objective at the end of the exercise's list (a re-test of a corrective action), and
/// counts it as a change of the exercise (its version goes up).
pub async fn add_objective(
    c: &mut Conn,
    exercise_id: i64,
    text: &str,
    capability_code: &str,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (position,): (i64,) =
        query("SELECT COALESCE(MAX(position) + 1, 0) FROM objectives WHERE exercise_id = $1")
            .bind(exercise_id)
            .fetch_one(&mut *c)
            .await?;
    let (id,): (i64,) = query(
        "INSERT INTO objectives (exercise_id, position, text, capability_code) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(exercise_id)
    .bind(position)
    .bind(text)
    .bind(capability_code)
    .fetch_one(&mut *c)
    .await?;
    query("UPDATE exercises SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(exercise_id)
        .execute(c)
        .await?;
    Ok(id)
}

/// The exercise an objective belongs to.
pub async fn exercise_of_objective(c: &mut Conn, objective_id: i64) -> StoreResult<Option<i64>> {
    let row: Option<(i64,)> = query("SELECT exercise_id FROM objectives WHERE id = $1")
        .bind(objective_id)
        .fetch_optional(c)
        .await?;
    Ok(row.map(|(id,)| id))
}
