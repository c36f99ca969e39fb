//! Server functions of frozen board briefs: freezing the dashboard as of a reporting date, the
//! list, one brief as it was frozen, and the comparison of two.

use super::AppError;
use crate::domain::brief::{Brief, BriefSummary, FactChange};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefsView {
    pub briefs: Vec<BriefSummary>,
    pub can_freeze: bool,
}

#[server(endpoint = "briefs/list")]
pub async fn briefs_list() -> Result<BriefsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    Ok(BriefsView {
        briefs: svc.followup.briefs(&actor).await.map_err(fail)?,
        can_freeze: actor.can_follow_up(None),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefView {
    pub brief: Brief,
    /// The brief frozen before this one, to compare with.
    pub previous: Option<BriefSummary>,
}

#[server(endpoint = "briefs/get")]
pub async fn get_brief(id: i64) -> Result<BriefView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let brief = svc.followup.brief(&actor, id).await.map_err(fail)?;
    let all = svc.followup.briefs(&actor).await.map_err(fail)?;
    let key = |b: &BriefSummary| (b.reporting_date, b.id);
    let previous = all
        .into_iter()
        .filter(|b| key(b) < key(&brief.summary))
        .max_by_key(key);
    Ok(BriefView { brief, previous })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareView {
    pub older: BriefSummary,
    pub newer: BriefSummary,
    pub changes: Vec<FactChange>,
    pub facts: usize,
    pub briefs: Vec<BriefSummary>,
}

/// What changed from brief `from` to brief `to` (whichever order they are given in, the older
/// reporting date comes first).
#[server(endpoint = "briefs/compare")]
pub async fn compare_briefs(from: i64, to: i64) -> Result<CompareView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let a = svc.followup.brief(&actor, from).await.map_err(fail)?;
    let b = svc.followup.brief(&actor, to).await.map_err(fail)?;
    let key = |x: &Brief| (x.summary.reporting_date, x.summary.id);
    let (older, newer) = if key(&a) <= key(&b) { (a, b) } else { (b, a) };
    Ok(CompareView {
        changes: crate::domain::brief::compare(&older.facts, &newer.facts),
        facts: newer.facts.len(),
        older: older.summary,
        newer: newer.summary,
        briefs: svc.followup.briefs(&actor).await.map_err(fail)?,
    })
}

/// Freezes the dashboard as it shows `period`, `area` and `indicator` now, as brief `title` of
/// `reporting_date`, and opens it.
#[server(endpoint = "briefs/freeze")]
pub async fn freeze_brief(
    period: String,
    area: String,
    indicator: i64,
    title: String,
    reporting_date: String,
) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    use crate::domain::Msg;
    let (svc, actor) = (services()?, actor()?);
    if !actor.can_follow_up(None) {
        return Err(fail(ServiceError::Forbidden));
    }
    let day = chrono::NaiveDate::parse_from_str(reporting_date.trim(), "%Y-%m-%d")
        .map_err(|_| fail(ServiceError::field("reporting_date", Msg::DateFormat)))?;
    let area = Some(area).filter(|a| !a.trim().is_empty());
    let board = super::readiness::board_view(&svc, &actor, Some(period), area, indicator).await?;
    let brief = super::readiness::brief_of(&board, title, day).map_err(fail)?;
    let id = svc.followup.freeze(&actor, &brief).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/beredskap/rapporter/{id}"));
    Ok(id)
}
