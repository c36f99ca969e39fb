//! The follow-up around NÖK: the reporting calendar, indicators, and frozen board briefs.

mod briefs_page;
mod calendar_page;
mod indicators_page;

pub use briefs_page::{BriefPage, BriefsPage, CompareBriefsPage};
pub use calendar_page::{CalendarPage, DeadlineBadge, due_text};
pub use indicators_page::{IndicatorPage, IndicatorsPage, ValuesTable, latest_text, target_text};
