//! Server functions of the exercise plan.

use super::AppError;
use crate::domain::catalogue::{Agreement, CapabilityArea};
use crate::domain::exercise::{Exercise, ExerciseFilter, ExerciseInput, ExerciseSummary};
use crate::domain::forvaltning::Forvaltning;
use crate::domain::lifecycle::ExerciseStatus;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The list filters as they appear in the page URL (`/ovningar?ar=2025&status=redo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseQuery {
    pub ar: Option<String>,
    pub forvaltning: Option<String>,
    pub form: Option<String>,
    pub status: Option<String>,
    pub formaga: Option<String>,
    pub q: Option<String>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ExerciseQuery {
    /// Lenient: a value that does not parse is ignored rather than failing the page.
    pub fn to_filter(&self) -> ExerciseFilter {
        ExerciseFilter {
            year: non_empty(&self.ar).and_then(|y| y.parse().ok()),
            forvaltning: non_empty(&self.forvaltning).and_then(|f| f.parse().ok()),
            format: non_empty(&self.form).and_then(crate::domain::ExerciseFormat::from_code),
            status: non_empty(&self.status).and_then(ExerciseStatus::from_code),
            capability: non_empty(&self.formaga).map(str::to_string),
            search: non_empty(&self.q).map(|q| q.chars().take(200).collect()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseListView {
    pub items: Vec<ExerciseSummary>,
    pub years: Vec<i32>,
    pub forvaltningar: Vec<Forvaltning>,
    pub capability_areas: Vec<CapabilityArea>,
    pub can_create: bool,
}

#[server(endpoint = "exercises/list")]
pub async fn list_exercises(query: ExerciseQuery) -> Result<ExerciseListView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let year = chrono::Datelike::year(&crate::backend::local_now((svc.clock)()));
    let (items, years) = svc
        .exercises
        .list_with_years(&actor, &query.to_filter(), year)
        .await
        .map_err(fail)?;
    Ok(ExerciseListView {
        items,
        years,
        forvaltningar: svc.catalogue.forvaltningar(&actor).await.map_err(fail)?,
        capability_areas: svc.catalogue.capability_areas(&actor).await.map_err(fail)?,
        can_create: actor.can_plan(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseView {
    pub exercise: Exercise,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Watches the live log (is on the staff, or edits the exercise).
    pub watches_live: bool,
    /// Sees the inject list.
    pub sees_injects: bool,
    /// Reads the evaluation and its report (play has started, and the reader is on the staff,
    /// edits the exercise or reads the region's readiness).
    pub reads_evaluation: bool,
}

#[server(endpoint = "exercises/get")]
pub async fn get_exercise(id: i64) -> Result<ExerciseView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let exercise = svc.exercises.get(&actor, id).await.map_err(fail)?;
    let (watches_live, sees_injects) = svc.conduct.access(&actor, id).await.map_err(fail)?;
    let reads_evaluation = (exercise.status.is_conducted()
        || exercise.status == ExerciseStatus::Running)
        && (watches_live || actor.may_read(crate::domain::access::Data::Readiness, &[]));
    Ok(ExerciseView {
        reads_evaluation,
        watches_live,
        sees_injects,
        can_edit: actor.can_edit_exercise(exercise.lead.id) && !exercise.status.is_final(),
        can_delete: actor.can_delete_exercise(exercise.lead.id)
            && !exercise.status.is_conducted()
            && exercise.status != ExerciseStatus::Running,
        exercise,
    })
}

/// What the exercise form offers to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub forvaltningar: Vec<Forvaltning>,
    pub capability_areas: Vec<CapabilityArea>,
    pub agreements: Vec<Agreement>,
    /// Förvaltningar the user may choose as lead (their scope, or all).
    pub lead_choices: Vec<i64>,
    /// Whether the user may create new exercises (not only edit).
    pub can_create: bool,
}

/// What the exercise form offers.
#[server(endpoint = "exercises/form-options")]
pub async fn exercise_form_options() -> Result<FormOptions, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    if !actor.edits_exercises() {
        return Err(fail(crate::backend::ServiceError::Forbidden));
    }
    let forvaltningar = svc.catalogue.forvaltningar(&actor).await.map_err(fail)?;
    Ok(FormOptions {
        can_create: actor.can_plan(),
        lead_choices: forvaltningar
            .iter()
            .filter(|f| actor.can_edit_exercise(f.id))
            .map(|f| f.id)
            .collect(),
        forvaltningar,
        capability_areas: svc.catalogue.capability_areas(&actor).await.map_err(fail)?,
        agreements: svc.catalogue.agreements(&actor).await.map_err(fail)?,
    })
}

/// Creates an exercise: 201 with its id. An `Idempotency-Key` header (or the form's
/// `idempotency_key` field) makes a retry answer with the first request's exercise.
#[server(endpoint = "exercises/create")]
pub async fn create_exercise(
    input: ExerciseInput,
    idempotency_key: Option<String>,
) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, header, services, set_status};
    use crate::backend::exercises::CREATE_ENDPOINT;
    use crate::backend::idempotency::Key;
    let (svc, actor) = (services()?, actor()?);
    let raw = header("idempotency-key").or(idempotency_key);
    let key = raw
        .filter(|k| !k.is_empty())
        .map(|k| Key::new(&actor, CREATE_ENDPOINT, &k, &input))
        .transpose()
        .map_err(fail)?;
    let created = svc
        .exercises
        .create_idempotent(&actor, &input, key.as_ref())
        .await
        .map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    if created.replayed
        && let Ok(res) = super::ctx::response()
    {
        res.insert_header(
            http::HeaderName::from_static("idempotent-replayed"),
            http::HeaderValue::from_static("true"),
        );
    }
    leptos_axum::redirect(&format!("/ovningar/{}", created.id));
    Ok(created.id)
}

#[server(endpoint = "exercises/update")]
pub async fn update_exercise(id: i64, version: i64, input: ExerciseInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.exercises
        .update(&actor, id, version, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/ovningar/{id}"));
    Ok(())
}

#[server(endpoint = "exercises/transition")]
pub async fn transition_exercise(
    id: i64,
    version: i64,
    to: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let to = ExerciseStatus::from_code(&to).ok_or_else(|| {
        fail(crate::backend::ServiceError::field(
            "reason",
            crate::domain::Msg::UnknownStatus,
        ))
    })?;
    svc.exercises
        .transition(&actor, id, version, to, reason.as_deref().unwrap_or(""))
        .await
        .map_err(fail)?;
    // Starting play opens the live view.
    if to == ExerciseStatus::Running {
        leptos_axum::redirect(&format!("/ovningar/{id}/live"));
    } else {
        leptos_axum::redirect(&format!("/ovningar/{id}"));
    }
    Ok(())
}

#[server(endpoint = "exercises/delete")]
pub async fn delete_exercise(id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let confirmed = confirm.as_deref() == Some("ja");
    svc.exercises
        .delete(&actor, id, confirmed)
        .await
        .map_err(fail)?;
    leptos_axum::redirect("/ovningar");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_filters_are_parsed_leniently() {
        let q = ExerciseQuery {
            ar: Some("2025".into()),
            forvaltning: Some("abc".into()),
            status: Some("redo".into()),
            q: Some("  ".into()),
            ..Default::default()
        };
        let f = q.to_filter();
        assert_eq!(f.year, Some(2025));
        assert_eq!(f.forvaltning, None);
        assert_eq!(f.status, Some(ExerciseStatus::Ready));
        assert_eq!(f.search, None);
    }
}
