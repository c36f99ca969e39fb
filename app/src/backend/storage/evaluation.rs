//! SQL for an exercise's evaluation: critical tasks, evaluators, ratings, final ratings and the
//! evaluation report.

use super::{Conn, StoreResult, decode_error, query};
use crate::domain::evaluation::{
    Approval, EvaluatorRating, Rating, ReportState, SetRating, ValidRating,
};
use chrono::{DateTime, Utc};

fn rating_of(code: &str) -> StoreResult<Rating> {
    Rating::from_code(code).ok_or_else(|| decode_error("rating", code))
}

/// The critical tasks of the exercise's objectives: (objective id, text), in order.
pub async fn tasks(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<(i64, String)>> {
    query(
        "SELECT t.objective_id, t.text FROM objective_tasks t
         JOIN objectives o ON o.id = t.objective_id
         WHERE o.exercise_id = $1 ORDER BY t.objective_id, t.position",
    )
    .bind(exercise_id)
    .fetch_all(c)
    .await
}

/// Replaces an objective's critical tasks.
pub async fn set_tasks(c: &mut Conn, objective_id: i64, tasks: &[String]) -> StoreResult<()> {
    query("DELETE FROM objective_tasks WHERE objective_id = $1")
        .bind(objective_id)
        .execute(&mut *c)
        .await?;
    for (position, text) in tasks.iter().enumerate() {
        query("INSERT INTO objective_tasks (objective_id, position, text) VALUES ($1, $2, $3)")
            .bind(objective_id)
            .bind(position as i64)
            .bind(text)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// The evaluators assigned to the exercise's objectives: (objective id, user id, name).
pub async fn evaluators(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<(i64, i64, String)>> {
    query(
        "SELECT a.objective_id, u.id, u.display_name FROM objective_evaluators a
         JOIN objectives o ON o.id = a.objective_id JOIN users u ON u.id = a.user_id
         WHERE o.exercise_id = $1 ORDER BY a.objective_id, u.display_name",
    )
    .bind(exercise_id)
    .fetch_all(c)
    .await
}

/// Replaces an objective's evaluators.
pub async fn set_evaluators(c: &mut Conn, objective_id: i64, users: &[i64]) -> StoreResult<()> {
    query("DELETE FROM objective_evaluators WHERE objective_id = $1")
        .bind(objective_id)
        .execute(&mut *c)
        .await?;
    for user in users {
        query("INSERT INTO objective_evaluators (objective_id, user_id) VALUES ($1, $2)")
            .bind(objective_id)
            .bind(*user)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct RatingRow {
    id: i64,
    objective_id: i64,
    evaluator_id: i64,
    evaluator: String,
    rating: String,
    justification: String,
    notes: String,
    updated_at: DateTime<Utc>,
    version: i64,
}

/// Every evaluator's rating of the exercise's objectives, with the log entries each cites.
pub async fn ratings(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<EvaluatorRating>> {
    let rows: Vec<RatingRow> = query(
        "SELECT r.id, r.objective_id, r.evaluator_id, u.display_name AS evaluator, r.rating,
                r.justification, r.notes, r.updated_at, r.version
         FROM objective_ratings r JOIN objectives o ON o.id = r.objective_id
         JOIN users u ON u.id = r.evaluator_id
         WHERE o.exercise_id = $1 ORDER BY r.objective_id, u.display_name",
    )
    .bind(exercise_id)
    .fetch_all(&mut *c)
    .await?;
    let cited: Vec<(i64, i64)> = query(
        "SELECT e.rating_id, e.log_entry_id FROM rating_entries e
         JOIN objective_ratings r ON r.id = e.rating_id JOIN objectives o ON o.id = r.objective_id
         WHERE o.exercise_id = $1 ORDER BY e.rating_id, e.log_entry_id",
    )
    .bind(exercise_id)
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(EvaluatorRating {
                rating: rating_of(&r.rating)?,
                entries: cited
                    .iter()
                    .filter(|(id, _)| *id == r.id)
                    .map(|(_, e)| *e)
                    .collect(),
                objective_id: r.objective_id,
                evaluator_id: r.evaluator_id,
                evaluator: r.evaluator,
                justification: r.justification,
                notes: r.notes,
                updated_at: r.updated_at,
                version: r.version,
            })
        })
        .collect()
}

/// Stores an evaluator's rating. `version`: the one the form was made from (`None` for a first
/// rating); false when the stored rating is not that one.
pub async fn save_rating(
    c: &mut Conn,
    objective_id: i64,
    evaluator_id: i64,
    r: &ValidRating,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let id: Option<(i64,)> = match version {
        None => {
            query(
                "INSERT INTO objective_ratings
                 (objective_id, evaluator_id, rating, justification, notes, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, 1)
             ON CONFLICT (objective_id, evaluator_id) DO NOTHING RETURNING id",
            )
            .bind(objective_id)
            .bind(evaluator_id)
            .bind(r.rating.code())
            .bind(&r.justification)
            .bind(&r.notes)
            .bind(now)
            .fetch_optional(&mut *c)
            .await?
        }
        Some(v) => {
            query(
                "UPDATE objective_ratings SET rating = $1, justification = $2, notes = $3,
                 updated_at = $4, version = version + 1
             WHERE objective_id = $5 AND evaluator_id = $6 AND version = $7 RETURNING id",
            )
            .bind(r.rating.code())
            .bind(&r.justification)
            .bind(&r.notes)
            .bind(now)
            .bind(objective_id)
            .bind(evaluator_id)
            .bind(v)
            .fetch_optional(&mut *c)
            .await?
        }
    };
    let Some((id,)) = id else { return Ok(false) };
    query("DELETE FROM rating_entries WHERE rating_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for entry in &r.entries {
        query("INSERT INTO rating_entries (rating_id, log_entry_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*entry)
            .execute(&mut *c)
            .await?;
    }
    Ok(true)
}

#[derive(sqlx::FromRow)]
struct ResultRow {
    objective_id: i64,
    rating: String,
    reason: String,
    set_by: String,
    set_at: DateTime<Utc>,
    version: i64,
}

/// The final ratings an exercise leader set: (objective id, rating).
pub async fn results(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<(i64, SetRating)>> {
    let rows: Vec<ResultRow> = query(
        "SELECT r.objective_id, r.rating, r.reason, u.display_name AS set_by, r.set_at, r.version
         FROM objective_results r JOIN objectives o ON o.id = r.objective_id
         JOIN users u ON u.id = r.set_by WHERE o.exercise_id = $1",
    )
    .bind(exercise_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.objective_id,
                SetRating {
                    rating: rating_of(&r.rating)?,
                    reason: r.reason,
                    set_by: r.set_by,
                    set_at: r.set_at,
                    version: r.version,
                },
            ))
        })
        .collect()
}

/// Sets an objective's final rating; false when `version` is not the stored one's.
pub async fn set_result(
    c: &mut Conn,
    objective_id: i64,
    rating: Rating,
    reason: &str,
    by: i64,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = match version {
        None => query(
            "INSERT INTO objective_results (objective_id, rating, reason, set_by, set_at, version)
             VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (objective_id) DO NOTHING",
        )
        .bind(objective_id)
        .bind(rating.code())
        .bind(reason)
        .bind(by)
        .bind(now)
        .execute(c)
        .await?,
        Some(v) => {
            query(
                "UPDATE objective_results SET rating = $1, reason = $2, set_by = $3, set_at = $4,
                 version = version + 1
             WHERE objective_id = $5 AND version = $6",
            )
            .bind(rating.code())
            .bind(reason)
            .bind(by)
            .bind(now)
            .bind(objective_id)
            .bind(v)
            .execute(c)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    hotwash: String,
    summary: String,
    approved_by: Option<String>,
    approved_at: Option<DateTime<Utc>>,
    version: i64,
}

/// The exercise's hotwash notes, report summary and approval (empty and version 0 before the
/// first save).
pub async fn report(c: &mut Conn, exercise_id: i64) -> StoreResult<ReportState> {
    let row: Option<ReportRow> = query(
        "SELECT r.hotwash, r.summary, u.display_name AS approved_by, r.approved_at, r.version
         FROM evaluation_reports r LEFT JOIN users u ON u.id = r.approved_by
         WHERE r.exercise_id = $1",
    )
    .bind(exercise_id)
    .fetch_optional(c)
    .await?;
    Ok(row
        .map(|r| ReportState {
            hotwash: r.hotwash,
            summary: r.summary,
            approval: match (r.approved_by, r.approved_at) {
                (Some(by), Some(at)) => Some(Approval { by, at }),
                _ => None,
            },
            version: r.version,
        })
        .unwrap_or_default())
}

/// Saves the hotwash notes and the summary; false when `version` is not the stored one's (0:
/// none stored yet).
pub async fn save_report(
    c: &mut Conn,
    exercise_id: i64,
    hotwash: &str,
    summary: &str,
    version: i64,
) -> StoreResult<bool> {
    let done = if version == 0 {
        query(
            "INSERT INTO evaluation_reports (exercise_id, hotwash, summary, version)
             VALUES ($1, $2, $3, 1) ON CONFLICT (exercise_id) DO NOTHING",
        )
        .bind(exercise_id)
        .bind(hotwash)
        .bind(summary)
        .execute(c)
        .await?
    } else {
        query(
            "UPDATE evaluation_reports SET hotwash = $1, summary = $2, version = version + 1
             WHERE exercise_id = $3 AND version = $4",
        )
        .bind(hotwash)
        .bind(summary)
        .bind(exercise_id)
        .bind(version)
        .execute(c)
        .await?
    };
    Ok(done.rows_affected() == 1)
}

/// Records the report's approval; false when `version` is not the stored one's.
pub async fn approve_report(
    c: &mut Conn,
    exercise_id: i64,
    by: i64,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    if version == 0 {
        let done = query(
            "INSERT INTO evaluation_reports (exercise_id, approved_by, approved_at, version)
             VALUES ($1, $2, $3, 1) ON CONFLICT (exercise_id) DO NOTHING",
        )
        .bind(exercise_id)
        .bind(by)
        .bind(now)
        .execute(c)
        .await?;
        return Ok(done.rows_affected() == 1);
    }
    let done = query(
        "UPDATE evaluation_reports SET approved_by = $1, approved_at = $2, version = version + 1
         WHERE exercise_id = $3 AND version = $4 AND approved_at IS NULL",
    )
    .bind(by)
    .bind(now)
    .bind(exercise_id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Which of `ids` are rows of the exercise's log.
pub async fn entries_of(c: &mut Conn, exercise_id: i64, ids: &[i64]) -> StoreResult<Vec<i64>> {
    let mut out = Vec::new();
    for id in ids {
        let found: Option<(i64,)> =
            query("SELECT id FROM log_entries WHERE exercise_id = $1 AND id = $2")
                .bind(exercise_id)
                .bind(*id)
                .fetch_optional(&mut *c)
                .await?;
        out.extend(found.map(|(id,)| id));
    }
    Ok(out)
}

/// Every rating and every set final rating: (objective, rating) each, for the final ratings
/// verifications and lists cite.
pub async fn all_ratings(c: &mut Conn) -> StoreResult<(Vec<(i64, Rating)>, Vec<(i64, Rating)>)> {
    let rows: Vec<(i64, String)> = query("SELECT objective_id, rating FROM objective_ratings")
        .fetch_all(&mut *c)
        .await?;
    let set: Vec<(i64, String)> = query("SELECT objective_id, rating FROM objective_results")
        .fetch_all(&mut *c)
        .await?;
    let decode = |rows: Vec<(i64, String)>| {
        rows.into_iter()
            .map(|(o, r)| Ok((o, rating_of(&r)?)))
            .collect::<StoreResult<Vec<_>>>()
    };
    Ok((decode(rows)?, decode(set)?))
}

/// Which of `ids` carry evaluation or the learning chain: ratings, a final rating, findings, or
/// a corrective action's re-test or verification. Removing such an objective would lose them.
pub async fn objectives_in_use(c: &mut Conn, ids: &[i64]) -> StoreResult<Vec<i64>> {
    let mut used = Vec::new();
    for id in ids {
        let (n,): (i64,) = query(
            "SELECT (SELECT COUNT(*) FROM objective_ratings WHERE objective_id = $1)
                  + (SELECT COUNT(*) FROM objective_results WHERE objective_id = $1)
                  + (SELECT COUNT(*) FROM findings WHERE objective_id = $1)
                  + (SELECT COUNT(*) FROM corrective_actions
                       WHERE retest_objective_id = $1 OR verified_objective_id = $1)",
        )
        .bind(*id)
        .fetch_one(&mut *c)
        .await?;
        if n > 0 {
            used.push(*id);
        }
    }
    Ok(used)
}
