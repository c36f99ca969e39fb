//! Server functions of an exercise's evaluation and its report: critical tasks, evaluators,
//! ratings, final ratings, strengths and areas for improvement, hotwash notes, the summary and
//! the approval. Each is a thin call into `EvaluationService`, which authorizes.

use super::AppError;
use crate::domain::evaluation::{Evaluation, FinalInput, RatingInput};
use crate::domain::improvement::FindingInput;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The evaluation page's (and the report's) data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationView {
    pub evaluation: Evaluation,
    /// The reader's user id: an evaluator sees their own rating form.
    pub user_id: i64,
    /// The reader's name, as a finding names its author.
    pub user_name: String,
    /// The participants' version: without the evaluators' justifications and notes.
    pub participants: bool,
    /// Capability areas and förvaltningar a finding may name: (code or id, label).
    pub capabilities: Vec<(String, String)>,
    pub forvaltningar: Vec<(i64, String)>,
}

/// The evaluation of exercise `id`; `participants` asks for the participants' version.
#[server(endpoint = "evaluation/get")]
pub async fn get_evaluation(
    id: i64,
    #[server(default)] participants: Option<bool>,
) -> Result<EvaluationView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let evaluation = svc
        .evaluation
        .evaluation(&actor, id, participants.unwrap_or(false))
        .await
        .map_err(fail)?;
    let participants = participants.unwrap_or(false) || !evaluation.standing.full;
    let (capabilities, forvaltningar) = if evaluation.standing.records() {
        options(&svc, &actor).await?
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(EvaluationView {
        evaluation,
        user_id: actor.user_id,
        user_name: actor.display_name.clone(),
        participants,
        capabilities,
        forvaltningar,
    })
}

/// The capability areas and active förvaltningar a form may choose from.
#[cfg(feature = "ssr")]
pub async fn options(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
) -> Result<(Vec<(String, String)>, Vec<(i64, String)>), AppError> {
    use super::ctx::fail;
    let capabilities = svc
        .catalogue
        .capability_areas(actor)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|a| (a.code.clone(), format!("{} {}", a.code, a.title)))
        .collect();
    let forvaltningar = svc
        .catalogue
        .forvaltningar(actor)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|f| f.active)
        .map(|f| (f.id, format!("{} – {}", f.code, f.name)))
        .collect();
    Ok((capabilities, forvaltningar))
}

/// Replaces objective `objective`'s critical tasks (one per line).
#[server(endpoint = "evaluation/tasks")]
pub async fn set_tasks(id: i64, objective: i64, tasks: String) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .set_tasks(&actor, id, objective, &tasks)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!(
        "/ovningar/{id}/utvardering?sparat=1#mal-{objective}"
    ));
    Ok(())
}

/// Assigns objective `objective`'s evaluators (none when the list is left out).
#[server(endpoint = "evaluation/evaluators")]
pub async fn set_evaluators(
    id: i64,
    objective: i64,
    #[server(default)] evaluators: Option<Vec<i64>>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .set_evaluators(&actor, id, objective, &evaluators.unwrap_or_default())
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!(
        "/ovningar/{id}/utvardering?sparat=1#mal-{objective}"
    ));
    Ok(())
}

/// The signed-in evaluator's rating of objective `objective`; `version` 0 for a first rating.
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
    leptos_axum::redirect(&format!(
        "/ovningar/{id}/utvardering?sparat=1#mal-{objective}"
    ));
    Ok(())
}

/// The exercise leader's final rating of objective `objective`; `version` 0 when none is set.
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
    leptos_axum::redirect(&format!(
        "/ovningar/{id}/utvardering?sparat=1#mal-{objective}"
    ));
    Ok(())
}

/// Records a strength or an area for improvement of exercise `id`. Returns its id.
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
    leptos_axum::redirect(&format!(
        "/ovningar/{id}/utvardering?sparat=1#iakttagelse-{finding}"
    ));
    Ok(finding)
}

/// Removes finding `finding` of exercise `id` (only while it has no corrective actions).
#[server(endpoint = "evaluation/finding-delete")]
pub async fn delete_finding(id: i64, finding: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .delete_finding(&actor, id, finding)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!(
        "/ovningar/{id}/utvardering?borttagen=1#iakttagelser"
    ));
    Ok(())
}

/// Saves the hotwash notes and the report's summary of exercise `id` at `version`.
#[server(endpoint = "evaluation/report")]
pub async fn save_report(
    id: i64,
    version: i64,
    #[server(default)] hotwash: Option<String>,
    #[server(default)] summary: Option<String>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .save_report(
            &actor,
            id,
            &hotwash.unwrap_or_default(),
            &summary.unwrap_or_default(),
            version,
        )
        .await
        .map_err(fail)
}

/// Approves the evaluation report of exercise `id` at `version`.
#[server(endpoint = "evaluation/approve")]
pub async fn approve_report(id: i64, version: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.evaluation
        .approve(&actor, id, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/ovningar/{id}/rapport?godkand=1"));
    Ok(())
}
