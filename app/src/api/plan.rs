//! Server functions of the multi-year plan and the coverage view.

use super::AppError;
use crate::domain::MandatePeriod;
use crate::domain::coverage::{Coverage, YearCount};
use crate::domain::exercise::ExerciseSummary;
use crate::domain::forvaltning::Forvaltning;
use crate::domain::timeline::TimelineRow;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub period: MandatePeriod,
    pub rows: Vec<TimelineRow>,
    /// Every exercise of the period in date order, for the list alternative.
    pub exercises: Vec<ExerciseSummary>,
    /// Today's position on the timeline in percent, when today is inside the period.
    pub today_pct: Option<f64>,
    /// Open and overdue corrective actions per förvaltning and area (for readers of readiness).
    pub actions: Vec<crate::domain::improvement::ActionCell>,
    /// The förvaltningar the actions name: (id, name).
    pub forvaltningar: Vec<(i64, String)>,
}

#[cfg(feature = "ssr")]
fn period_or_current(raw: Option<String>, now: chrono::NaiveDateTime) -> MandatePeriod {
    raw.as_deref()
        .and_then(MandatePeriod::parse)
        .unwrap_or_else(|| MandatePeriod::containing(chrono::Datelike::year(&now)))
}

#[server(endpoint = "plan/timeline")]
pub async fn plan_timeline(period: Option<String>) -> Result<PlanView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let now = crate::backend::local_now((svc.clock)());
    let period = period_or_current(period, now);
    let (rows, exercises) = svc.plan.timeline(&actor, period).await.map_err(fail)?;
    let today_pct = period
        .contains(chrono::Datelike::year(&now))
        .then(|| crate::domain::timeline::position_pct(period, now));
    let actions = super::improvement::open_cells(&svc, &actor).await?;
    let forvaltningar = svc
        .catalogue
        .forvaltningar(&actor)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect();
    Ok(PlanView {
        period,
        rows,
        exercises,
        today_pct,
        actions,
        forvaltningar,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageView {
    pub by_year: Coverage,
    pub by_forvaltning: Coverage,
    pub forvaltningar: Vec<Forvaltning>,
    pub selected: Option<i64>,
    pub per_year: Vec<YearCount>,
    /// `per_year` drawn as an SVG bar chart on the server (empty if drawing failed).
    pub per_year_svg: String,
    /// Decided corrective actions with no planned exercise to re-test them in: a gap in the
    /// plan (for readers of readiness).
    pub untested: Vec<crate::domain::improvement::Action>,
}

#[server(endpoint = "plan/coverage")]
pub async fn plan_coverage(
    period: Option<String>,
    forvaltning: Option<String>,
) -> Result<CoverageView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let now = crate::backend::local_now((svc.clock)());
    let period = period_or_current(period, now);
    let selected = forvaltning.as_deref().and_then(|f| f.parse::<i64>().ok());
    let per_year = svc.plan.per_year(&actor, period).await.map_err(fail)?;
    let per_year_svg = crate::charts::exercises_per_year(&per_year).unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not draw the per-year chart");
        String::new()
    });
    Ok(CoverageView {
        per_year,
        per_year_svg,
        by_year: svc
            .plan
            .coverage_by_year(&actor, period, selected)
            .await
            .map_err(fail)?,
        by_forvaltning: svc
            .plan
            .coverage_by_forvaltning(&actor, period)
            .await
            .map_err(fail)?,
        forvaltningar: svc.catalogue.forvaltningar(&actor).await.map_err(fail)?,
        selected,
        untested: untested(&svc, &actor).await?,
    })
}

/// Open decided actions that no planned exercise re-tests.
#[cfg(feature = "ssr")]
async fn untested(
    svc: &crate::backend::Services,
    actor: &crate::domain::Actor,
) -> Result<Vec<crate::domain::improvement::Action>, AppError> {
    if !actor.may_read(crate::domain::access::Data::Readiness, &[]) {
        return Ok(Vec::new());
    }
    Ok(svc
        .improvement
        .actions(actor, &Default::default())
        .await
        .map_err(super::ctx::fail)?
        .into_iter()
        .filter(|a| a.status.is_open() && a.decided.is_some() && a.retest_exercise.is_none())
        .collect())
}
