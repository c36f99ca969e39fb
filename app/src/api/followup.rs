//! Server functions of the reporting calendar and the indicators.

use super::AppError;
use crate::domain::calendar::{Deadline, DeadlineInput};
use crate::domain::exercise::ForvaltningRef;
use crate::domain::indicator::{Indicator, IndicatorInput, Measure, ValueInput};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A deadline as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRow {
    pub deadline: Deadline,
    /// The recipient as the deadline's date names it ("MSB (nu MCF)" before 2026).
    pub recipient: String,
    pub overdue: bool,
    /// Days from today to the due date (negative when past).
    pub days_left: i64,
}

#[cfg(feature = "ssr")]
pub fn deadline_row(d: Deadline, today: NaiveDate) -> DeadlineRow {
    DeadlineRow {
        recipient: d.recipient_name(),
        overdue: d.is_overdue(today),
        days_left: (d.due_on - today).num_days(),
        deadline: d,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    pub deadlines: Vec<DeadlineRow>,
    /// The requirement areas a deadline can name: those of versions in force today or later.
    pub requirement_options: Vec<(i64, String)>,
    pub can_edit: bool,
    pub today: NaiveDate,
}

#[server(endpoint = "followup/calendar")]
pub async fn get_calendar() -> Result<CalendarView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let today = crate::backend::local_now((svc.clock)()).date();
    let deadlines = svc
        .followup
        .deadlines(&actor)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|d| deadline_row(d, today))
        .collect();
    let requirement_options = svc
        .nok
        .agreements(&actor)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|a| a.valid_to.is_none_or(|to| to >= today))
        .flat_map(|a| {
            a.requirements
                .into_iter()
                .map(move |r| (r.id, format!("{} {} ({})", r.code, r.title, a.name)))
        })
        .collect();
    Ok(CalendarView {
        deadlines,
        requirement_options,
        can_edit: actor.coordinates(),
        today,
    })
}

/// Saves deadline `id` at `version`, or (`id` 0) adds one.
#[server(endpoint = "followup/deadline/save")]
pub async fn save_deadline(id: i64, version: i64, input: DeadlineInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let at = (id > 0).then_some((id, version));
    let id = svc
        .followup
        .save_deadline(&actor, at, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/kalender?sparat={id}#frist-{id}"));
    Ok(id)
}

/// An indicator as the list shows it: the region's latest value against the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRow {
    pub indicator: Indicator,
    pub latest: Option<(i32, Measure)>,
    pub reaches: Option<bool>,
    pub progress: Option<i64>,
}

#[cfg(feature = "ssr")]
pub fn indicator_row(i: Indicator) -> IndicatorRow {
    let latest = i.latest();
    IndicatorRow {
        reaches: latest.map(|(_, v)| i.reaches_target(v)),
        progress: latest.and_then(|(_, v)| i.progress(v)),
        latest,
        indicator: i,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorsView {
    pub rows: Vec<IndicatorRow>,
    pub can_edit: bool,
}

#[server(endpoint = "followup/indicators")]
pub async fn list_indicators() -> Result<IndicatorsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let rows = svc
        .followup
        .indicators(&actor)
        .await
        .map_err(fail)?
        .into_iter()
        .map(indicator_row)
        .collect();
    Ok(IndicatorsView {
        rows,
        can_edit: actor.coordinates(),
    })
}

/// One indicator's page: its chart, its values by year and scope, and the forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub row: IndicatorRow,
    pub svg: String,
    /// From the baseline year to this year.
    pub years: Vec<i32>,
    /// The förvaltningar of an indicator followed per förvaltning.
    pub forvaltningar: Vec<ForvaltningRef>,
    /// Where the viewer may enter values: 0 for the region, else förvaltning ids.
    pub value_scopes: Vec<i64>,
    pub can_edit_definition: bool,
}

/// The indicator page of `id` (0: the form for a new one, for coordinators).
#[server(endpoint = "followup/indicator")]
pub async fn get_indicator(id: i64) -> Result<IndicatorView, AppError> {
    use super::ctx::{actor, fail, services};
    use chrono::Datelike;
    let (svc, actor) = (services()?, actor()?);
    let i = svc.followup.indicator(&actor, id).await.map_err(fail)?;
    let this_year = crate::backend::local_now((svc.clock)()).date().year();
    let svg =
        crate::charts::svg(&crate::charts::IndicatorChart { indicator: &i }).unwrap_or_else(|e| {
            tracing::error!(error = %e, "could not draw an indicator chart");
            String::new()
        });
    let first = i
        .values
        .iter()
        .map(|v| v.year)
        .min()
        .unwrap_or(i.baseline_year)
        .min(i.baseline_year);
    let forvaltningar: Vec<ForvaltningRef> = if i.per_forvaltning {
        svc.readiness
            .model(&actor)
            .await
            .map_err(fail)?
            .forvaltningar
            .clone()
    } else {
        Vec::new()
    };
    let mut value_scopes = Vec::new();
    if actor.coordinates() {
        value_scopes.push(0);
    }
    value_scopes.extend(
        forvaltningar
            .iter()
            .map(|f| f.id)
            .filter(|f| actor.coordinates() || actor.can_follow_up(Some(*f))),
    );
    Ok(IndicatorView {
        years: (first..=this_year.max(first)).collect(),
        svg,
        forvaltningar,
        value_scopes,
        can_edit_definition: actor.coordinates(),
        row: indicator_row(i),
    })
}

/// Saves indicator `id` at `version`, or (`id` 0) adds one.
#[server(endpoint = "followup/indicator/save")]
pub async fn save_indicator(id: i64, version: i64, input: IndicatorInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let at = (id > 0).then_some((id, version));
    let id = svc
        .followup
        .save_indicator(&actor, at, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/indikatorer/{id}?sparat=definition"));
    Ok(id)
}

/// Sets a year's value of indicator `id` for the region (`forvaltning` 0) or a förvaltning.
#[server(endpoint = "followup/indicator/value")]
pub async fn save_indicator_value(
    id: i64,
    version: i64,
    forvaltning: i64,
    input: ValueInput,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let scope = (forvaltning > 0).then_some(forvaltning);
    svc.followup
        .set_value(&actor, id, version, scope, &input)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("/indikatorer/{id}?sparat=varde#varden"));
    Ok(())
}
