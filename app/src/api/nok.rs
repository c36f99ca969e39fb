//! Server functions of NÖK fulfilment: an agreement version's overview, one requirement area
//! with its checklist, evidence and history, the changes to a fulfilment, the checklist editor and
//! the rollover into a new agreement version.

use super::AppError;
use crate::domain::catalogue::RequirementArea;
use crate::domain::nok::{
    AreaStatus, CriteriaInput, Criterion, DetailsInput, Due, Fulfilment, FulfilmentStatus,
    MappingKind, RolloverInput, StatusInput, Suggestion,
};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An agreement version as a list of versions names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementRef {
    pub id: i64,
    pub name: String,
    /// As the version's start date names it ("MSB (nu MCF)" before 2026).
    pub counterparty: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub in_force: bool,
}

#[cfg(feature = "ssr")]
fn agreement_ref(a: &crate::domain::catalogue::Agreement, today: NaiveDate) -> AgreementRef {
    AgreementRef {
        id: a.id,
        name: a.name.clone(),
        counterparty: crate::domain::calendar::agency_name(&a.counterparty, a.valid_from),
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        in_force: a.is_valid_on(today),
    }
}

/// One row of the overview: an area and where the region stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaRow {
    pub area: AreaStatus,
    pub status: FulfilmentStatus,
    /// The suggestion, for an area followed for the region as a whole.
    pub suggestion: Option<Suggestion>,
    pub quality: (usize, usize),
    pub due_on: Option<NaiveDate>,
    pub due: Due,
    /// For an area followed per förvaltning: how many förvaltningar have met it, of how many.
    pub met_of: Option<(usize, usize)>,
    /// What the area was in the rollover from the previous version, and the codes it continues.
    pub mapping: Option<(MappingKind, Vec<String>)>,
    pub evidence: usize,
}

/// An agreement version's fulfilment overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NokView {
    pub agreements: Vec<AgreementRef>,
    pub agreement: AgreementRef,
    pub previous: Option<AgreementRef>,
    pub successor: Option<i64>,
    pub rows: Vec<AreaRow>,
    /// Areas of the previous version that the rollover dropped.
    pub dropped: Vec<(String, String)>,
    pub today: NaiveDate,
    pub can_rollover: bool,
}

/// Builds the overview rows of an agreement's status.
#[cfg(feature = "ssr")]
pub fn area_rows(
    s: &crate::backend::nok::AgreementStatus,
    today: NaiveDate,
) -> (Vec<AreaRow>, Vec<(String, String)>) {
    use crate::domain::nok::mapping_kinds;
    let old_ids: Vec<i64> = s
        .previous
        .as_ref()
        .map(|p| p.requirements.iter().map(|r| r.id).collect())
        .unwrap_or_default();
    let new_ids: Vec<i64> = s.areas.iter().map(|a| a.requirement.id).collect();
    let (old_kinds, new_kinds) = mapping_kinds(&s.mapping, &old_ids, &new_ids);
    let old_code = |id: i64| {
        s.previous
            .as_ref()
            .and_then(|p| p.requirements.iter().find(|r| r.id == id))
            .map(|r| r.code.clone())
            .unwrap_or_default()
    };
    let rows = s
        .areas
        .iter()
        .map(|a| {
            let id = a.requirement.id;
            let per = a.requirement.per_forvaltning;
            AreaRow {
                status: a.status(),
                suggestion: (!per).then(|| a.fulfilments[0].suggestion(&a.criteria)),
                quality: a.quality(),
                due_on: a.due_on(),
                due: a.due(today),
                met_of: per.then(|| {
                    let met = a
                        .fulfilments
                        .iter()
                        .filter(|f| f.status(&a.criteria) == FulfilmentStatus::Met)
                        .count();
                    (met, a.fulfilments.len())
                }),
                mapping: s.previous.as_ref().map(|_| {
                    let from = s
                        .mapping
                        .iter()
                        .filter(|(_, t)| *t == id)
                        .map(|(f, _)| old_code(*f))
                        .collect();
                    (
                        new_kinds.get(&id).copied().unwrap_or(MappingKind::New),
                        from,
                    )
                }),
                evidence: a.fulfilments.iter().map(|f| f.evidence.len()).sum(),
                area: a.clone(),
            }
        })
        .collect();
    let dropped = s
        .previous
        .as_ref()
        .map(|p| {
            p.requirements
                .iter()
                .filter(|r| old_kinds.get(&r.id) == Some(&MappingKind::Dropped))
                .map(|r| (r.code.clone(), r.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    (rows, dropped)
}

/// The fulfilment overview of agreement `agreement`, or (0) of the version of the regions' NÖK
/// in force today: the first in force, else the newest.
#[server(endpoint = "nok/overview")]
pub async fn nok_overview(agreement: i64) -> Result<NokView, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    let (svc, actor) = (services()?, actor()?);
    let today = crate::backend::local_now((svc.clock)()).date();
    let all = svc.nok.agreements(&actor).await.map_err(fail)?;
    let id = match agreement {
        0 => all
            .iter()
            .find(|a| a.is_valid_on(today))
            .or(all.first())
            .map(|a| a.id)
            .ok_or_else(|| fail(ServiceError::NotFound))?,
        id => id,
    };
    let status = svc.nok.agreement(&actor, id).await.map_err(fail)?;
    let (rows, dropped) = area_rows(&status, today);
    Ok(NokView {
        agreements: all.iter().map(|a| agreement_ref(a, today)).collect(),
        agreement: agreement_ref(&status.agreement, today),
        previous: status.previous.as_ref().map(|p| agreement_ref(p, today)),
        successor: status.successor,
        rows,
        dropped,
        today,
        can_rollover: actor.is_admin() && status.successor.is_none(),
    })
}

/// One entry of a fulfilment's history, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub version: i64,
    pub action: String,
    pub status: Option<FulfilmentStatus>,
    pub basic: String,
    pub quality: String,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The fulfilment a requirement page shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenFulfilment {
    pub fulfilment: Fulfilment,
    pub suggestion: Suggestion,
    pub status: FulfilmentStatus,
    pub due: Due,
    pub history: Vec<HistoryView>,
}

/// A requirement area's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementView {
    pub agreement: AgreementRef,
    pub requirement: RequirementArea,
    pub criteria: Vec<Criterion>,
    /// For an area followed per förvaltning: each förvaltning's fulfilment with its status.
    pub per_forvaltning: Vec<(Fulfilment, FulfilmentStatus, Due)>,
    pub chosen: Option<ChosenFulfilment>,
    /// The areas of the previous version this one continues, and of the next that continue it.
    pub continues: Vec<(i64, String, String)>,
    pub continued_by: Vec<(i64, String, String)>,
    pub exercise_options: Vec<(i64, String)>,
    pub assessment_options: Vec<(i64, String)>,
    pub can_edit: bool,
    pub can_edit_criteria: bool,
    pub today: NaiveDate,
}

/// The page of requirement area `id`: for the region, or (`forvaltning` > 0) for a förvaltning
/// of an area followed per förvaltning.
#[server(endpoint = "nok/requirement")]
pub async fn nok_requirement(id: i64, forvaltning: i64) -> Result<RequirementView, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    let (svc, actor) = (services()?, actor()?);
    let today = crate::backend::local_now((svc.clock)()).date();
    let all = svc.nok.agreements(&actor).await.map_err(fail)?;
    let agreement = all
        .iter()
        .find(|a| a.requirements.iter().any(|r| r.id == id))
        .ok_or_else(|| fail(ServiceError::NotFound))?;
    let status = svc
        .nok
        .agreement(&actor, agreement.id)
        .await
        .map_err(fail)?;
    let area = status
        .areas
        .iter()
        .find(|a| a.requirement.id == id)
        .cloned()
        .ok_or_else(|| fail(ServiceError::NotFound))?;
    let per = area.requirement.per_forvaltning;
    let chosen_scope = match (per, forvaltning) {
        (false, 0) => Some(None),
        (false, _) => return Err(fail(ServiceError::NotFound)),
        (true, 0) => None,
        (true, f) => Some(Some(f)),
    };
    let chosen = match chosen_scope {
        None => None,
        Some(scope) => {
            let f = area
                .fulfilments
                .iter()
                .find(|f| f.forvaltning.as_ref().map(|x| x.id) == scope)
                .cloned()
                .ok_or_else(|| fail(ServiceError::NotFound))?;
            let history = svc
                .nok
                .history(&actor, f.id)
                .await
                .map_err(fail)?
                .into_iter()
                .map(|h| {
                    let text = |k: &str| {
                        h.state
                            .get(k)
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string()
                    };
                    HistoryView {
                        version: h.version,
                        status: FulfilmentStatus::from_code(&text("status")),
                        basic: text("basic"),
                        quality: text("quality"),
                        reason: text("reason"),
                        action: h.action,
                        by: h.by,
                        at: h.at,
                    }
                })
                .collect();
            let status = f.status(&area.criteria);
            Some(ChosenFulfilment {
                suggestion: f.suggestion(&area.criteria),
                due: crate::domain::nok::due(f.due_on, status, today),
                status,
                history,
                fulfilment: f,
            })
        }
    };
    let per_forvaltning = if per {
        area.fulfilments
            .iter()
            .map(|f| {
                let s = f.status(&area.criteria);
                (f.clone(), s, crate::domain::nok::due(f.due_on, s, today))
            })
            .collect()
    } else {
        Vec::new()
    };
    let name_of = |agreement_id: i64| {
        all.iter()
            .find(|a| a.id == agreement_id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let continues = status
        .previous
        .iter()
        .flat_map(|p| p.requirements.iter())
        .filter(|r| status.mapping.contains(&(r.id, id)))
        .map(|r| {
            (
                r.id,
                format!("{} {}", r.code, r.title),
                name_of(r.agreement_id),
            )
        })
        .collect();
    let continued_by = match status.successor {
        None => Vec::new(),
        Some(next) => {
            let s = svc.nok.agreement(&actor, next).await.map_err(fail)?;
            s.areas
                .iter()
                .filter(|a| s.mapping.contains(&(id, a.requirement.id)))
                .map(|a| {
                    (
                        a.requirement.id,
                        format!("{} {}", a.requirement.code, a.requirement.title),
                        s.agreement.name.clone(),
                    )
                })
                .collect()
        }
    };
    let scope = chosen_scope.flatten();
    let can_edit = chosen_scope.is_some() && actor.can_follow_up(scope);
    let (exercise_options, assessment_options) = if can_edit {
        evidence_options(&svc, &actor, id, scope).await?
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(RequirementView {
        agreement: agreement_ref(&status.agreement, today),
        requirement: area.requirement.clone(),
        criteria: area.criteria.clone(),
        per_forvaltning,
        chosen,
        continues,
        continued_by,
        exercise_options,
        assessment_options,
        can_edit,
        can_edit_criteria: actor.coordinates(),
        today,
    })
}

/// The exercises (newest first, not cancelled) and the assessments of the capability areas linked
/// to the requirement (of the förvaltning, when there is one) that a planner can add as evidence.
#[cfg(feature = "ssr")]
async fn evidence_options(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
    requirement: i64,
    forvaltning: Option<i64>,
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), AppError> {
    use super::ctx::fail;
    use crate::domain::exercise::ExerciseFilter;
    use crate::domain::lifecycle::ExerciseStatus;
    let mut exercises = svc
        .exercises
        .list(actor, &ExerciseFilter::default())
        .await
        .map_err(fail)?;
    exercises.retain(|x| {
        x.status != ExerciseStatus::Cancelled && forvaltning.is_none_or(|f| x.involves(f))
    });
    exercises.sort_by_key(|x| std::cmp::Reverse(x.ends_at));
    let exercise_options = exercises
        .iter()
        .map(|x| {
            (
                x.id,
                format!("{} ({})", x.name, x.ends_at.format("%Y-%m-%d")),
            )
        })
        .collect();
    let codes: Vec<String> = svc
        .catalogue
        .capability_areas(actor)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|a| a.requirements.iter().any(|r| r.id == requirement))
        .map(|a| a.code)
        .collect();
    let model = svc.readiness.model(actor).await.map_err(fail)?;
    let code_of = |f: i64| {
        model
            .forvaltningar
            .iter()
            .find(|x| x.id == f)
            .map(|x| x.code.clone())
            .unwrap_or_default()
    };
    let mut cells: Vec<_> = model
        .cells
        .iter()
        .filter(|c| codes.contains(&c.capability_code))
        .filter(|c| forvaltning.is_none_or(|f| c.forvaltning_id == f))
        .collect();
    cells.sort_by(|a, b| {
        b.period
            .cmp(&a.period)
            .then(a.forvaltning_id.cmp(&b.forvaltning_id))
    });
    let assessment_options = cells
        .into_iter()
        .map(|c| {
            (
                c.id,
                format!(
                    "{} · {} · {} (nivå {})",
                    code_of(c.forvaltning_id),
                    c.capability_code,
                    c.period.label(),
                    c.level.get()
                ),
            )
        })
        .collect();
    Ok((exercise_options, assessment_options))
}

#[cfg(feature = "ssr")]
fn scope_of(forvaltning: i64) -> Option<i64> {
    (forvaltning > 0).then_some(forvaltning)
}

#[cfg(feature = "ssr")]
fn back_to(requirement: i64, forvaltning: i64, anchor: &str) -> String {
    match forvaltning {
        0 => format!("/nok/krav/{requirement}?sparat={anchor}#{anchor}"),
        f => format!("/nok/krav/{requirement}?forvaltning={f}&sparat={anchor}#{anchor}"),
    }
}

/// The checklist form's ticks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TickInput {
    #[serde(default)]
    pub met: Vec<i64>,
}

#[cfg(feature = "ssr")]
async fn apply(
    requirement: i64,
    forvaltning: i64,
    version: i64,
    change: crate::backend::nok::FulfilmentChange,
    anchor: &str,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.nok
        .change(&actor, requirement, scope_of(forvaltning), version, &change)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&back_to(requirement, forvaltning, anchor));
    Ok(())
}

/// Saves which criteria are met (every box not ticked is not met).
#[server(endpoint = "nok/criteria/tick")]
pub async fn tick_criteria(
    requirement: i64,
    forvaltning: i64,
    version: i64,
    // No box ticked posts no `input` at all.
    #[server(default)] input: TickInput,
) -> Result<(), AppError> {
    use crate::backend::nok::FulfilmentChange;
    let met = input.met.into_iter().collect();
    apply(
        requirement,
        forvaltning,
        version,
        FulfilmentChange::Criteria(met),
        "kriterier",
    )
    .await
}

/// Sets a manual status (with its reason), or follows the suggestion again.
#[server(endpoint = "nok/status")]
pub async fn save_fulfilment_status(
    requirement: i64,
    forvaltning: i64,
    version: i64,
    input: StatusInput,
) -> Result<(), AppError> {
    use crate::backend::nok::FulfilmentChange;
    apply(
        requirement,
        forvaltning,
        version,
        FulfilmentChange::Status(input),
        "status",
    )
    .await
}

/// Saves who is responsible, the due date and the note of progress.
#[server(endpoint = "nok/details")]
pub async fn save_fulfilment_details(
    requirement: i64,
    forvaltning: i64,
    version: i64,
    input: DetailsInput,
) -> Result<(), AppError> {
    use crate::backend::nok::FulfilmentChange;
    apply(
        requirement,
        forvaltning,
        version,
        FulfilmentChange::Details(input),
        "ansvar",
    )
    .await
}

/// The evidence form: what kind, and the exercise, assessment or document reference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub exercise: String,
    #[serde(default)]
    pub assessment: String,
    #[serde(default)]
    pub document: String,
}

/// Adds evidence: an exercise, an assessment or a document reference.
#[server(endpoint = "nok/evidence/add")]
pub async fn add_fulfilment_evidence(
    requirement: i64,
    forvaltning: i64,
    version: i64,
    input: EvidenceInput,
) -> Result<(), AppError> {
    use super::ctx::fail;
    use crate::backend::ServiceError;
    use crate::backend::nok::FulfilmentChange;
    use crate::domain::Msg;
    let id = |field: &str, raw: &str| {
        raw.trim()
            .parse::<i64>()
            .map_err(|_| fail(ServiceError::field(field, Msg::UnknownEvidenceItem)))
    };
    let change = match input.kind.as_str() {
        "ovning" => FulfilmentChange::AddExercise(id("exercise", &input.exercise)?),
        "bedomning" => FulfilmentChange::AddAssessment(id("assessment", &input.assessment)?),
        "dokument" => FulfilmentChange::AddDocument(input.document),
        _ => return Err(fail(ServiceError::field("kind", Msg::UnknownEvidenceItem))),
    };
    apply(requirement, forvaltning, version, change, "underlag").await
}

/// Removes a piece of evidence added by hand.
#[server(endpoint = "nok/evidence/remove")]
pub async fn remove_fulfilment_evidence(
    requirement: i64,
    forvaltning: i64,
    version: i64,
    evidence: i64,
) -> Result<(), AppError> {
    use crate::backend::nok::FulfilmentChange;
    apply(
        requirement,
        forvaltning,
        version,
        FulfilmentChange::RemoveEvidence(evidence),
        "underlag",
    )
    .await
}

/// Replaces an area's checklist (region-wide planners and administrators).
#[server(endpoint = "nok/criteria/save")]
pub async fn save_requirement_criteria(
    requirement: i64,
    forvaltning: i64,
    input: CriteriaInput,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.nok
        .save_criteria(&actor, requirement, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&back_to(requirement, forvaltning, "kriterier"));
    Ok(())
}

/// The rollover form of an agreement version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolloverView {
    pub previous: AgreementRef,
    pub areas: Vec<RequirementArea>,
    /// What the form suggests: the day after the old version ends, and MCF as counterparty.
    pub suggested_from: NaiveDate,
    pub suggested_counterparty: String,
    pub suggested_name: String,
}

#[server(endpoint = "nok/rollover/form")]
pub async fn rollover_form(agreement: i64) -> Result<RolloverView, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    let (svc, actor) = (services()?, actor()?);
    if !actor.is_admin() {
        return Err(fail(ServiceError::Forbidden));
    }
    let today = crate::backend::local_now((svc.clock)()).date();
    let status = svc.nok.agreement(&actor, agreement).await.map_err(fail)?;
    if let Some(next) = status.successor {
        leptos_axum::redirect(&format!("/nok?overenskommelse={next}"));
    }
    let a = status.agreement;
    let suggested_from = a.valid_to.and_then(|d| d.succ_opt()).unwrap_or(today);
    Ok(RolloverView {
        previous: agreement_ref(&a, today),
        areas: a.requirements.clone(),
        suggested_from,
        suggested_counterparty: if a.counterparty.contains("SKR") {
            "Myndigheten för civilt försvar (MCF) och SKR".into()
        } else {
            a.counterparty.clone()
        },
        suggested_name: a.name.clone(),
    })
}

/// Creates the next version of `agreement` from the rollover form and opens it.
#[server(endpoint = "nok/rollover")]
pub async fn rollover_agreement(agreement: i64, input: RolloverInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let id = svc
        .nok
        .rollover(&actor, agreement, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/nok?overenskommelse={id}&sparat=ny-version"));
    Ok(id)
}
