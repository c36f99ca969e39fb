//! Server functions of the register of findings, the corrective actions and the lessons
//! library.

use super::AppError;
use crate::domain::improvement::{
    Action, ActionFilter, ActionInput, ActionView, Chain, DecideInput, Finding, FindingInput,
    OpenCount, VerifyInput,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The choices the register's and the actions' forms and filters offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// (code, title)
    pub capabilities: Vec<(String, String)>,
    /// (id, "code – name"), active only.
    pub forvaltningar: Vec<(i64, String)>,
}

#[cfg(feature = "ssr")]
pub async fn choices(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
) -> Result<Choices, AppError> {
    use super::ctx::fail;
    let areas = svc.catalogue.capability_areas(actor).await.map_err(fail)?;
    let forvaltningar = svc.catalogue.forvaltningar(actor).await.map_err(fail)?;
    Ok(Choices {
        capabilities: areas
            .iter()
            .map(|a| (a.code.clone(), format!("{} {}", a.code, a.title)))
            .collect(),
        forvaltningar: forvaltningar
            .iter()
            .filter(|f| f.active)
            .map(|f| (f.id, format!("{} – {}", f.code, f.name)))
            .collect(),
    })
}

/// The register: every finding, with the choices of its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterView {
    pub findings: Vec<Finding>,
    pub choices: Choices,
    /// May record a shortcoming (planners).
    pub may_record: bool,
}

#[server(endpoint = "improvement/register")]
pub async fn get_register() -> Result<RegisterView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let findings = svc.improvement.findings(&actor).await.map_err(fail)?;
    Ok(RegisterView {
        findings,
        choices: choices(&svc, &actor).await?,
        may_record: actor.role == crate::domain::Role::Planner,
    })
}

/// Records a shortcoming found outside an exercise: 201 with its id.
#[server(endpoint = "improvement/record")]
pub async fn record_finding(input: FindingInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let id = svc.improvement.record(&actor, &input).await.map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    leptos_axum::redirect(&format!("/brister/{id}"));
    Ok(id)
}

/// One finding and its chain, with the choices of the action form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainView {
    pub chain: Chain,
    pub choices: Choices,
    /// People who may be named responsible: (id, name).
    pub people: Vec<(i64, String)>,
}

#[server(endpoint = "improvement/finding")]
pub async fn get_chain(id: i64) -> Result<ChainView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let chain = svc.improvement.chain(&actor, id).await.map_err(fail)?;
    let people = svc.improvement.people(&actor).await.map_err(fail)?;
    Ok(ChainView {
        chain,
        choices: choices(&svc, &actor).await?,
        people,
    })
}

/// The action list with its filters' choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsView {
    pub actions: Vec<(Action, bool)>,
    pub choices: Choices,
}

/// The corrective actions matching the filters (each with whether it is overdue).
#[server(endpoint = "improvement/actions")]
pub async fn get_actions(filter: ActionFilter) -> Result<ActionsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let actions = svc
        .improvement
        .actions(&actor, &filter)
        .await
        .map_err(fail)?;
    let today = svc.improvement.today();
    Ok(ActionsView {
        actions: actions
            .into_iter()
            .map(|a| {
                let overdue = a.is_overdue(today);
                (a, overdue)
            })
            .collect(),
        choices: choices(&svc, &actor).await?,
    })
}

/// Open and overdue actions per (förvaltning id, capability code).
#[server(endpoint = "improvement/open")]
pub async fn get_open_counts() -> Result<Vec<((i64, String), OpenCount)>, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    Ok(svc
        .improvement
        .open_counts(&actor)
        .await
        .map_err(fail)?
        .into_iter()
        .collect())
}

/// One corrective action, with what the reader may do and the choices of its forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPage {
    pub view: ActionView,
    pub choices: Choices,
}

#[server(endpoint = "improvement/action")]
pub async fn get_action(id: i64) -> Result<ActionPage, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let view = svc.improvement.action(&actor, id).await.map_err(fail)?;
    Ok(ActionPage {
        view,
        choices: choices(&svc, &actor).await?,
    })
}

/// Proposes a corrective action on finding `finding`: 201 with its id.
#[server(endpoint = "improvement/action/add")]
pub async fn add_action(finding: i64, input: ActionInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let id = svc
        .improvement
        .add(&actor, finding, &input)
        .await
        .map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(id)
}

#[server(endpoint = "improvement/action/update")]
pub async fn update_action(id: i64, version: i64, input: ActionInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .update(&actor, id, &input, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(())
}

/// Decides action `id`: the verification criterion and the verifier.
#[server(endpoint = "improvement/action/decide")]
pub async fn decide_action(id: i64, version: i64, input: DecideInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .decide(&actor, id, &input, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(())
}

/// Moves action `id` one step on: Beslutad → Pågår → Genomförd.
#[server(endpoint = "improvement/action/step")]
pub async fn step_action(id: i64, version: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .step(&actor, id, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(())
}

/// Drops action `id` (Avförd) with the reason.
#[server(endpoint = "improvement/action/drop")]
pub async fn drop_action(
    id: i64,
    version: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .drop(&actor, id, &reason, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(())
}

/// Verifies action `id`: an objective of a later exercise rated P or S, or a reason.
#[server(endpoint = "improvement/action/verify")]
pub async fn verify_action(id: i64, version: i64, input: VerifyInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .verify(&actor, id, &input, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(())
}

/// Accepts the re-test Redo proposed for action `id`: the objective goes into the exercise.
#[server(endpoint = "improvement/action/retest")]
pub async fn accept_retest(id: i64, version: i64) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let exercise = svc
        .improvement
        .accept_retest(&actor, id, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}"));
    Ok(exercise)
}

/// The lessons library, searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsView {
    pub lessons: Vec<Chain>,
    pub choices: Choices,
}

#[server(endpoint = "improvement/lessons")]
pub async fn get_lessons(
    #[server(default)] q: String,
    #[server(default)] capability: Option<String>,
    #[server(default)] forvaltning: Option<i64>,
) -> Result<LessonsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let lessons = svc
        .improvement
        .lessons(&actor, &q, capability.as_deref(), forvaltning)
        .await
        .map_err(fail)?;
    Ok(LessonsView {
        lessons,
        choices: choices(&svc, &actor).await?,
    })
}
