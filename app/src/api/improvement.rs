//! Server functions of the learning chain: the register of findings (brister), the lessons
//! library and corrective actions through their lifecycle. Each is a thin call into
//! `ImprovementService`, which authorizes.

use super::AppError;
use crate::domain::improvement::{
    Action, ActionFilter, ActionInput, ActionStatus, ActionView, Chain, DecideInput, Finding,
    FindingInput, Source, VerifyInput,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The choices the register's and the actions' forms and filters offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// (code, "CA01 Ledning och samverkan")
    pub capabilities: Vec<(String, String)>,
    /// Active förvaltningar: (id, "RK – Regionkontoret")
    pub forvaltningar: Vec<(i64, String)>,
    /// People who may be responsible or verify: (id, name).
    pub people: Vec<(i64, String)>,
    /// May record shortcomings and propose actions (a planner).
    pub may_record: bool,
    pub today: NaiveDate,
}

#[cfg(feature = "ssr")]
async fn options(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
) -> Result<Options, AppError> {
    use super::ctx::fail;
    let (capabilities, forvaltningar) = super::evaluation::options(svc, actor).await?;
    Ok(Options {
        capabilities,
        forvaltningar,
        people: svc.improvement.people(actor).await.map_err(fail)?,
        may_record: actor.role == crate::domain::Role::Planner,
        today: svc.improvement.today(),
    })
}

/// Open and overdue actions per cell, for readers of the region's readiness (nothing for
/// others: they are the region's vulnerabilities).
#[cfg(feature = "ssr")]
pub async fn open_cells(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
) -> Result<Vec<crate::domain::improvement::ActionCell>, AppError> {
    use super::ctx::fail;
    if !actor.may_read(crate::domain::access::Data::Readiness, &[]) {
        return Ok(Vec::new());
    }
    let counts = svc.improvement.open_counts(actor).await.map_err(fail)?;
    Ok(crate::domain::improvement::action_cells(&counts))
}

/// The register of findings (brister) with the actions of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingsView {
    pub findings: Vec<Finding>,
    /// (finding id, open actions, overdue actions, all actions)
    pub counts: Vec<(i64, u32, u32, u32)>,
    pub options: Options,
}

#[server(endpoint = "findings/list")]
pub async fn list_findings() -> Result<FindingsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let findings = svc.improvement.findings(&actor).await.map_err(fail)?;
    let options = options(&svc, &actor).await?;
    let actions = svc
        .improvement
        .actions(&actor, &ActionFilter::default())
        .await
        .map_err(fail)?;
    let counts = findings
        .iter()
        .map(|f| {
            let mine: Vec<&Action> = actions.iter().filter(|a| a.finding_id == f.id).collect();
            let open = mine.iter().filter(|a| a.status.is_open()).count() as u32;
            let overdue = mine.iter().filter(|a| a.is_overdue(options.today)).count() as u32;
            (f.id, open, overdue, mine.len() as u32)
        })
        .collect();
    Ok(FindingsView {
        findings,
        counts,
        options,
    })
}

/// One finding with its chain, and the choices of the action form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainView {
    pub chain: Chain,
    pub options: Options,
}

#[server(endpoint = "findings/get")]
pub async fn get_finding(id: i64) -> Result<ChainView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let chain = svc.improvement.chain(&actor, id).await.map_err(fail)?;
    Ok(ChainView {
        chain,
        options: options(&svc, &actor).await?,
    })
}

/// Records a shortcoming found outside an exercise. Returns its id.
#[server(endpoint = "findings/record")]
pub async fn record_finding(input: FindingInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let id = svc.improvement.record(&actor, &input).await.map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    leptos_axum::redirect(&format!("/brister/{id}?sparat=1"));
    Ok(id)
}

/// The lessons library's search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub capability: String,
    #[serde(default)]
    pub forvaltning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsView {
    pub lessons: Vec<Chain>,
    pub options: Options,
}

#[server(endpoint = "lessons/list")]
pub async fn list_lessons(query: LessonQuery) -> Result<LessonsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let capability = Some(query.capability.trim()).filter(|c| !c.is_empty());
    let forvaltning = query.forvaltning.trim().parse::<i64>().ok();
    let lessons = svc
        .improvement
        .lessons(&actor, &query.q, capability, forvaltning)
        .await
        .map_err(fail)?;
    Ok(LessonsView {
        lessons,
        options: options(&svc, &actor).await?,
    })
}

/// The action list's filters as the page's query string has them (Swedish codes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub forvaltning: String,
    #[serde(default)]
    pub capability: String,
    #[serde(default)]
    pub overdue: String,
    #[serde(default)]
    pub source: String,
}

impl ActionQuery {
    /// The filter; unknown values filter nothing.
    pub fn filter(&self) -> ActionFilter {
        ActionFilter {
            status: ActionStatus::from_code(self.status.trim()),
            forvaltning: self.forvaltning.trim().parse().ok(),
            capability: Some(self.capability.trim().to_string()).filter(|c| !c.is_empty()),
            overdue: !self.overdue.trim().is_empty(),
            source: Source::from_code(self.source.trim()),
        }
    }

    /// "Open" means every status not yet final; that is the list's default view.
    pub fn open_only(&self) -> bool {
        self.status.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsView {
    pub actions: Vec<Action>,
    pub options: Options,
}

#[server(endpoint = "actions/list")]
pub async fn list_actions(query: ActionQuery) -> Result<ActionsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let mut actions = svc
        .improvement
        .actions(&actor, &query.filter())
        .await
        .map_err(fail)?;
    if query.open_only() {
        actions.retain(|a| a.status.is_open());
    }
    Ok(ActionsView {
        actions,
        options: options(&svc, &actor).await?,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPage {
    pub view: ActionView,
    pub options: Options,
}

#[server(endpoint = "actions/get")]
pub async fn get_action(id: i64) -> Result<ActionPage, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let view = svc.improvement.action(&actor, id).await.map_err(fail)?;
    Ok(ActionPage {
        view,
        options: options(&svc, &actor).await?,
    })
}

/// Proposes a corrective action on finding `finding`. Returns its id.
#[server(endpoint = "actions/add")]
pub async fn add_action(finding: i64, input: ActionInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let id = svc
        .improvement
        .add(&actor, finding, &input)
        .await
        .map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(id)
}

#[server(endpoint = "actions/update")]
pub async fn update_action(id: i64, version: i64, input: ActionInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .update(&actor, id, &input, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(())
}

#[server(endpoint = "actions/decide")]
pub async fn decide_action(id: i64, version: i64, input: DecideInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .decide(&actor, id, &input, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(())
}

/// Beslutad → Pågår, or Pågår → Genomförd.
#[server(endpoint = "actions/step")]
pub async fn step_action(id: i64, version: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .step(&actor, id, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(())
}

#[server(endpoint = "actions/drop")]
pub async fn drop_action(
    id: i64,
    version: i64,
    #[server(default)] reason: Option<String>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .drop(&actor, id, &reason.unwrap_or_default(), version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(())
}

#[server(endpoint = "actions/verify")]
pub async fn verify_action(id: i64, version: i64, input: VerifyInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.improvement
        .verify(&actor, id, &input, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(())
}

/// Accepts the proposed re-test objective into its exercise. Returns the exercise's id.
#[server(endpoint = "actions/retest")]
pub async fn accept_retest(id: i64, version: i64) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let exercise = svc
        .improvement
        .accept_retest(&actor, id, version)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/atgarder/{id}?sparat=1"));
    Ok(exercise)
}
