//! The multi-year plan (timeline) and the coverage view.

mod coverage_page;
mod timeline_page;

pub use coverage_page::{CoveragePage, PerYearTable};
pub use timeline_page::PlanPage;

use crate::domain::MandatePeriod;
use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// Links to the previous and next mandate period, keeping the rest of the query.
#[component]
fn PeriodNav(
    period: MandatePeriod,
    base: &'static str,
    #[prop(optional)] extra: String,
) -> impl IntoView {
    let href = |p: MandatePeriod| format!("{base}?period={}{extra}", p.first_year);
    view! {
        <nav class="period-nav" aria-label=t::PERIOD>
            <a href=href(period.previous())>"← " {t::PREVIOUS_PERIOD} " (" {period.previous().label()} ")"</a>
            <strong aria-current="page">{t::PERIOD} " " {period.label()}</strong>
            <a href=href(period.next())>{t::NEXT_PERIOD} " (" {period.next().label()} ") →"</a>
        </nav>
    }
}
