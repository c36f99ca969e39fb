//! Server functions of an exercise's evaluation and its evaluation report.

use super::AppError;
use crate::domain::evaluation::{Evaluation, FinalInput, RatingInput};
use crate::domain::improvement::FindingInput;
use leptos::prelude::*;

/// Where the evaluation page shows objective `objective` of exercise `id`.
pub fn objective_anchor(id: i64, objective: i64) -> String {
    format!("/ovningar/{id}/utvardering#mal-{objective}")
}

/// The evaluation of exercise `id`: in full for those who run or rate it; `participants`
/// asks for the participants' version (without the evaluators' justifications and notes).
#[server(endpoint = "evaluation/get")]
pub async fn get_evaluation(id: i64, participants: bool) -> Result<Evaluation, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .evaluation(&actor, id, participants)
        .await
        .map_err(fail)
}

/// Replaces the critical tasks of objective `objective` (one per line of `tasks`).
#[server(endpoint = "evaluation/tasks")]
pub async fn set_tasks(id: i64, objective: i64, tasks: String) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .set_tasks(&actor, id, objective, &tasks)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&objective_anchor(id, objective));
    Ok(())
}

/// Assigns the evaluators of objective `objective`, from the staff's utvärderare.
#[server(endpoint = "evaluation/evaluators")]
pub async fn set_evaluators(
    id: i64,
    objective: i64,
    #[server(default)] evaluators: Vec<i64>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .set_evaluators(&actor, id, objective, &evaluators)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&objective_anchor(id, objective));
    Ok(())
}

/// The signed-in evaluator's rating of objective `objective`. `version`: of the rating the form
/// showed, 0 for a first rating.
#[server(endpoint = "evaluation/rate")]
pub async fn rate_objective(
    id: i64,
    objective: i64,
    version: i64,
    input: RatingInput,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .rate(
            &actor,
            id,
            objective,
            &input,
            (version > 0).then_some(version),
        )
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&objective_anchor(id, objective));
    Ok(())
}

/// The exercise leader's final rating of objective `objective`, with the reason. `version`: of
/// the final rating the form showed, 0 when none was set.
#[server(endpoint = "evaluation/final")]
pub async fn set_final_rating(
    id: i64,
    objective: i64,
    version: i64,
    input: FinalInput,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .set_final(
            &actor,
            id,
            objective,
            &input,
            (version > 0).then_some(version),
        )
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&objective_anchor(id, objective));
    Ok(())
}

/// Records a strength or an area for improvement of exercise `id`: 201 with its id.
#[server(endpoint = "evaluation/finding")]
pub async fn add_finding(id: i64, input: FindingInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let finding = svc
        .evaluation
        .add_finding(&actor, id, &input)
        .await
        .map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    leptos_axum::redirect(&format!("/ovningar/{id}/utvardering#fynd-{finding}"));
    Ok(finding)
}

/// Removes a finding of exercise `id` that has no corrective actions.
#[server(endpoint = "evaluation/finding/delete")]
pub async fn delete_finding(id: i64, finding: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .delete_finding(&actor, id, finding)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/ovningar/{id}/utvardering#fynd"));
    Ok(())
}

/// Saves the hotwash notes and the report's summary of exercise `id` at `version` (0 before
/// the first save).
#[server(endpoint = "evaluation/report")]
pub async fn save_report(
    id: i64,
    version: i64,
    #[server(default)] hotwash: String,
    #[server(default)] summary: String,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .save_report(&actor, id, &hotwash, &summary, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/ovningar/{id}/utvardering#rapport"));
    Ok(())
}

/// Approves the evaluation report of exercise `id`.
#[server(endpoint = "evaluation/approve")]
pub async fn approve_report(id: i64, version: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .approve(&actor, id, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/ovningar/{id}/rapport"));
    Ok(())
}
