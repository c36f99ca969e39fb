//! An exercise's evaluation (`/ovningar/:id/utvardering`) and its evaluation report
//! (`/ovningar/:id/rapport`), and the pieces both show.

mod evaluation_page;
mod report_page;

pub use evaluation_page::EvaluationPage;
pub use report_page::ReportPage;

use crate::domain::evaluation::{ObjectiveEvaluation, Outcome, Rating};
use crate::domain::improvement::ActionStatus;
use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// A rating as a badge: its code, with the HSEEP meaning for screen readers and on hover.
#[component]
pub fn RatingBadge(rating: Rating) -> impl IntoView {
    view! {
        <span class=format!("badge rating rating-{}", rating.code()) title=rating.label()>
            {rating.short()}
            <span class="visually-hidden">" – " {rating.label()}</span>
        </span>
    }
}

/// Where an objective's evaluation stands, as the evaluation and the report show it.
#[component]
pub fn OutcomeBadge(objective: ObjectiveEvaluation) -> impl IntoView {
    match objective.outcome {
        Outcome::Open => view! { <span class="badge outcome-open">{t::EVAL_NOT_RATED}</span> }.into_any(),
        Outcome::Disputed => view! {
            <span class="badge outcome-flagged"><span aria-hidden="true">"⚑ "</span>{t::EVAL_FLAGGED}</span>
        }
        .into_any(),
        Outcome::Agreed(r) | Outcome::Set(r) => view! {
            <span class="outcome">{t::EVAL_FINAL} ": " <RatingBadge rating=r /></span>
        }
        .into_any(),
    }
}

/// A corrective action's status as a badge.
#[component]
pub fn ActionBadge(status: ActionStatus, #[prop(optional)] overdue: bool) -> impl IntoView {
    view! {
        <span class=format!("badge action-{}", status.code())>{status.label()}</span>
        {overdue.then(|| view! { " " <span class="badge overdue"><span aria-hidden="true">"▲ "</span>{t::OVERDUE}</span> })}
    }
}
