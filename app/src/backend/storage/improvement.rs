//! SQL for findings (the register of strengths, areas for improvement and brister) and their
//! corrective actions.

use super::{Conn, StoreResult, decode_error, query};
use crate::domain::evaluation::Rating;
use crate::domain::improvement::{
    Action, ActionStatus, Decision, Finding, FindingKind, Poete, Source, ValidAction, ValidFinding,
    Verification,
};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct FindingRow {
    id: i64,
    kind: String,
    source: String,
    exercise_id: Option<i64>,
    exercise_name: Option<String>,
    objective_id: Option<i64>,
    entry_id: Option<i64>,
    entry_seq: Option<i64>,
    entry_text: Option<String>,
    source_ref: String,
    title: String,
    description: String,
    capability_code: String,
    capability_title: String,
    forvaltning_id: Option<i64>,
    forvaltning_code: Option<String>,
    observed_on: NaiveDate,
    decided_by: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    decision: String,
    lesson: String,
    created_by: String,
    version: i64,
}

const FINDING_SELECT: &str =
    "SELECT f.id, f.kind, f.source, f.exercise_id, x.name AS exercise_name,
    f.objective_id, f.log_entry_id AS entry_id, l.seq AS entry_seq, l.text AS entry_text,
    f.source_ref, f.title, f.description, f.capability_code, c.title AS capability_title,
    f.forvaltning_id, fv.code AS forvaltning_code, f.observed_on, d.display_name AS decided_by,
    f.decided_at, f.decision, f.lesson, u.display_name AS created_by, f.version
    FROM findings f JOIN capability_areas c ON c.code = f.capability_code
    JOIN users u ON u.id = f.created_by LEFT JOIN users d ON d.id = f.decided_by
    LEFT JOIN exercises x ON x.id = f.exercise_id LEFT JOIN log_entries l ON l.id = f.log_entry_id
    LEFT JOIN forvaltningar fv ON fv.id = f.forvaltning_id";

fn finding_of(r: FindingRow) -> StoreResult<Finding> {
    Ok(Finding {
        kind: FindingKind::from_code(&r.kind)
            .ok_or_else(|| decode_error("finding kind", &r.kind))?,
        source: Source::from_code(&r.source).ok_or_else(|| decode_error("source", &r.source))?,
        exercise: r.exercise_id.zip(r.exercise_name),
        objective_id: r.objective_id,
        entry: match (r.entry_id, r.entry_seq, r.entry_text) {
            (Some(id), Some(seq), Some(text)) => Some((id, seq, text)),
            _ => None,
        },
        decided: match (r.decided_by, r.decided_at) {
            (Some(by), Some(at)) => Some(Decision {
                by,
                at,
                text: r.decision,
            }),
            _ => None,
        },
        forvaltning: r.forvaltning_id.zip(r.forvaltning_code),
        id: r.id,
        source_ref: r.source_ref,
        title: r.title,
        description: r.description,
        capability_code: r.capability_code,
        capability_title: r.capability_title,
        observed_on: r.observed_on,
        lesson: r.lesson,
        created_by: r.created_by,
        version: r.version,
    })
}

/// Every finding, newest first.
pub async fn findings(c: &mut Conn) -> StoreResult<Vec<Finding>> {
    let rows: Vec<FindingRow> = super::sql::query_built(format!(
        "{FINDING_SELECT} ORDER BY f.observed_on DESC, f.id DESC"
    ))
    .fetch_all(c)
    .await?;
    rows.into_iter().map(finding_of).collect()
}

/// The findings of one exercise's evaluation, in the order they were recorded.
pub async fn findings_of_exercise(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<Finding>> {
    let rows: Vec<FindingRow> = super::sql::query_built(format!(
        "{FINDING_SELECT} WHERE f.exercise_id = $1 ORDER BY f.id"
    ))
    .bind(exercise_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(finding_of).collect()
}

pub async fn finding(c: &mut Conn, id: i64) -> StoreResult<Option<Finding>> {
    let row: Option<FindingRow> =
        super::sql::query_built(format!("{FINDING_SELECT} WHERE f.id = $1"))
            .bind(id)
            .fetch_optional(c)
            .await?;
    row.map(finding_of).transpose()
}

pub async fn insert_finding(
    c: &mut Conn,
    f: &ValidFinding,
    exercise_id: Option<i64>,
    observed_on: NaiveDate,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO findings (kind, source, exercise_id, objective_id, log_entry_id, source_ref,
             title, description, capability_code, forvaltning_id, observed_on, created_by,
             created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1) RETURNING id",
    )
    .bind(f.kind.code())
    .bind(f.source.code())
    .bind(exercise_id)
    .bind(f.objective_id)
    .bind(f.entry_id)
    .bind(&f.source_ref)
    .bind(&f.title)
    .bind(&f.description)
    .bind(&f.capability_code)
    .bind(f.forvaltning_id)
    .bind(observed_on)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// Records the decision on an area for improvement; false when `version` is not the stored one.
pub async fn decide_finding(
    c: &mut Conn,
    id: i64,
    text: &str,
    by: i64,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE findings SET decided_by = $1, decided_at = $2, decision = $3, version = version + 1
         WHERE id = $4 AND version = $5 AND decided_at IS NULL",
    )
    .bind(by)
    .bind(now)
    .bind(text)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes the lesson learned on a finding (when one of its actions is verified).
pub async fn set_lesson(c: &mut Conn, id: i64, lesson: &str) -> StoreResult<()> {
    query("UPDATE findings SET lesson = $1, version = version + 1 WHERE id = $2")
        .bind(lesson)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete_finding(c: &mut Conn, id: i64) -> StoreResult<()> {
    query("DELETE FROM findings WHERE id = $1")
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    finding_id: i64,
    finding_title: String,
    source: String,
    text: String,
    forvaltning_id: i64,
    forvaltning_code: String,
    responsible_id: i64,
    responsible: String,
    due_on: NaiveDate,
    poete: String,
    capability_code: String,
    capability_title: String,
    criterion: String,
    verifier_id: Option<i64>,
    verifier: Option<String>,
    status: String,
    decided_by: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    retest_exercise_id: Option<i64>,
    retest_exercise: Option<String>,
    retest_starts: Option<chrono::NaiveDateTime>,
    retest_objective_id: Option<i64>,
    retest_objective_exercise_id: Option<i64>,
    retest_objective_exercise: Option<String>,
    verified_objective_id: Option<i64>,
    verified_exercise_id: Option<i64>,
    verified_exercise: Option<String>,
    verified_objective_text: Option<String>,
    verified_reason: Option<String>,
    verified_by: Option<String>,
    verified_at: Option<DateTime<Utc>>,
    dropped_reason: Option<String>,
    version: i64,
}

const ACTION_SELECT: &str = "SELECT a.id, a.finding_id, f.title AS finding_title, f.source, a.text,
    a.forvaltning_id, fv.code AS forvaltning_code, a.responsible_id, r.display_name AS responsible,
    a.due_on, a.poete, a.capability_code, c.title AS capability_title, a.criterion, a.verifier_id,
    v.display_name AS verifier, a.status, d.display_name AS decided_by, a.decided_at,
    a.retest_exercise_id, rx.name AS retest_exercise, rx.starts_at AS retest_starts,
    a.retest_objective_id, ro.exercise_id AS retest_objective_exercise_id,
    rox.name AS retest_objective_exercise, a.verified_objective_id,
    vo.exercise_id AS verified_exercise_id, vox.name AS verified_exercise,
    vo.text AS verified_objective_text, a.verified_reason, vb.display_name AS verified_by,
    a.verified_at, a.dropped_reason, a.version
    FROM corrective_actions a JOIN findings f ON f.id = a.finding_id
    JOIN forvaltningar fv ON fv.id = a.forvaltning_id JOIN users r ON r.id = a.responsible_id
    JOIN capability_areas c ON c.code = a.capability_code
    LEFT JOIN users v ON v.id = a.verifier_id LEFT JOIN users d ON d.id = a.decided_by
    LEFT JOIN users vb ON vb.id = a.verified_by
    LEFT JOIN exercises rx ON rx.id = a.retest_exercise_id
    LEFT JOIN objectives ro ON ro.id = a.retest_objective_id
    LEFT JOIN exercises rox ON rox.id = ro.exercise_id
    LEFT JOIN objectives vo ON vo.id = a.verified_objective_id
    LEFT JOIN exercises vox ON vox.id = vo.exercise_id";

fn action_of(r: ActionRow, ratings: &[(i64, Rating)]) -> StoreResult<Action> {
    let verification = match (r.verified_by, r.verified_at) {
        (Some(by), Some(at)) => Some(Verification {
            by,
            at,
            objective: match (
                r.verified_objective_id,
                r.verified_exercise_id,
                r.verified_exercise,
                r.verified_objective_text,
            ) {
                (Some(o), Some(x), Some(name), Some(text)) => ratings
                    .iter()
                    .find(|(id, _)| *id == o)
                    .map(|(_, rating)| (o, x, name, text, *rating)),
                _ => None,
            },
            reason: r.verified_reason,
        }),
        _ => None,
    };
    Ok(Action {
        source: Source::from_code(&r.source).ok_or_else(|| decode_error("source", &r.source))?,
        poete: Poete::from_code(&r.poete).ok_or_else(|| decode_error("poete", &r.poete))?,
        status: ActionStatus::from_code(&r.status)
            .ok_or_else(|| decode_error("action status", &r.status))?,
        forvaltning: (r.forvaltning_id, r.forvaltning_code),
        responsible: (r.responsible_id, r.responsible),
        verifier: r.verifier_id.zip(r.verifier),
        decided: r.decided_by.zip(r.decided_at),
        retest_exercise: match (r.retest_exercise_id, r.retest_exercise, r.retest_starts) {
            (Some(id), Some(name), Some(starts)) => Some((id, name, starts.date())),
            _ => None,
        },
        retest_objective: match (
            r.retest_objective_id,
            r.retest_objective_exercise_id,
            r.retest_objective_exercise,
        ) {
            (Some(o), Some(x), Some(name)) => Some((o, x, name)),
            _ => None,
        },
        verification,
        id: r.id,
        finding_id: r.finding_id,
        finding_title: r.finding_title,
        text: r.text,
        due_on: r.due_on,
        capability_code: r.capability_code,
        capability_title: r.capability_title,
        criterion: r.criterion,
        dropped_reason: r.dropped_reason,
        version: r.version,
    })
}

/// The final ratings of cited objectives, which a verification shows (read by the caller from
/// the evaluation: set, or agreed).
pub type CitedRatings = Vec<(i64, Rating)>;

/// Every corrective action, soonest due first.
pub async fn actions(c: &mut Conn, ratings: &CitedRatings) -> StoreResult<Vec<Action>> {
    let rows: Vec<ActionRow> =
        super::sql::query_built(format!("{ACTION_SELECT} ORDER BY a.due_on, a.id"))
            .fetch_all(c)
            .await?;
    rows.into_iter().map(|r| action_of(r, ratings)).collect()
}

pub async fn action(c: &mut Conn, id: i64, ratings: &CitedRatings) -> StoreResult<Option<Action>> {
    let row: Option<ActionRow> =
        super::sql::query_built(format!("{ACTION_SELECT} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(c)
            .await?;
    row.map(|r| action_of(r, ratings)).transpose()
}

/// The objectives verifications cite.
pub async fn cited_objectives(c: &mut Conn) -> StoreResult<Vec<i64>> {
    let rows: Vec<(i64,)> = query(
        "SELECT DISTINCT verified_objective_id FROM corrective_actions
         WHERE verified_objective_id IS NOT NULL",
    )
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// What the heatmap and the dashboard count: (förvaltning, capability, status, due) of every
/// action.
pub async fn action_cells(
    c: &mut Conn,
) -> StoreResult<Vec<(i64, String, ActionStatus, NaiveDate)>> {
    let rows: Vec<(i64, String, String, NaiveDate)> =
        query("SELECT forvaltning_id, capability_code, status, due_on FROM corrective_actions")
            .fetch_all(c)
            .await?;
    rows.into_iter()
        .map(|(f, cap, s, due)| {
            Ok((
                f,
                cap,
                ActionStatus::from_code(&s).ok_or_else(|| decode_error("action status", &s))?,
                due,
            ))
        })
        .collect()
}

pub async fn insert_action(
    c: &mut Conn,
    finding_id: i64,
    a: &ValidAction,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO corrective_actions (finding_id, text, forvaltning_id, responsible_id, due_on,
             poete, capability_code, status, created_by, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'foreslagen', $8, $9, 1) RETURNING id",
    )
    .bind(finding_id)
    .bind(&a.text)
    .bind(a.forvaltning_id)
    .bind(a.responsible_id)
    .bind(a.due_on)
    .bind(a.poete.code())
    .bind(&a.capability_code)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// Edits an action's content; false when `version` is not the stored one.
pub async fn update_action(
    c: &mut Conn,
    id: i64,
    a: &ValidAction,
    version: i64,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE corrective_actions SET text = $1, forvaltning_id = $2, responsible_id = $3,
             due_on = $4, poete = $5, capability_code = $6, version = version + 1
         WHERE id = $7 AND version = $8",
    )
    .bind(&a.text)
    .bind(a.forvaltning_id)
    .bind(a.responsible_id)
    .bind(a.due_on)
    .bind(a.poete.code())
    .bind(&a.capability_code)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Decides an action: criterion, verifier, and the re-test Redo proposes (if any).
#[allow(clippy::too_many_arguments)]
pub async fn decide_action(
    c: &mut Conn,
    id: i64,
    criterion: &str,
    verifier: i64,
    retest_exercise: Option<i64>,
    by: i64,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE corrective_actions SET status = 'beslutad', criterion = $1, verifier_id = $2,
             retest_exercise_id = $3, decided_by = $4, decided_at = $5, version = version + 1
         WHERE id = $6 AND version = $7 AND status = 'foreslagen'",
    )
    .bind(criterion)
    .bind(verifier)
    .bind(retest_exercise)
    .bind(by)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an action from `from` to `to`; false when it is not in `from` at `version`.
pub async fn step_action(
    c: &mut Conn,
    id: i64,
    from: ActionStatus,
    to: ActionStatus,
    version: i64,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE corrective_actions SET status = $1, version = version + 1
         WHERE id = $2 AND version = $3 AND status = $4",
    )
    .bind(to.code())
    .bind(id)
    .bind(version)
    .bind(from.code())
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn drop_action(c: &mut Conn, id: i64, reason: &str, version: i64) -> StoreResult<bool> {
    let done = query(
        "UPDATE corrective_actions SET status = 'avford', dropped_reason = $1, version = version + 1
         WHERE id = $2 AND version = $3 AND status NOT IN ('verifierad', 'avford')",
    )
    .bind(reason)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Verifies a done action, citing an objective or giving a reason.
pub async fn verify_action(
    c: &mut Conn,
    id: i64,
    objective: Option<i64>,
    reason: Option<&str>,
    by: i64,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE corrective_actions SET status = 'verifierad', verified_objective_id = $1,
             verified_reason = $2, verified_by = $3, verified_at = $4, version = version + 1
         WHERE id = $5 AND version = $6 AND status = 'genomford'",
    )
    .bind(objective)
    .bind(reason)
    .bind(by)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Links the accepted re-test objective.
pub async fn set_retest_objective(
    c: &mut Conn,
    id: i64,
    objective: i64,
    version: i64,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE corrective_actions SET retest_objective_id = $1, version = version + 1
         WHERE id = $2 AND version = $3 AND retest_objective_id IS NULL",
    )
    .bind(objective)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}
