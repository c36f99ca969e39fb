//! Components shared by several pages. They depend on `domain` and `api` types only.

mod badges;
mod chart;
mod error_view;
mod field;
mod form;
mod layout;

pub use badges::{FormatBadge, StatusBadge};
pub use chart::{ChartDownload, ChartFigure};
pub use error_view::{ErrorView, NotFound, set_not_found_status};
pub use field::{FieldMessage, FormAlert, field_error_id};
pub use form::{
    ACTION_FIELD, FORM_FIELD, KEY_FIELD, PostForm, PostedCheckbox, PostedSelect, Refusal,
    form_error, form_was_refused, posted_checked, posted_or, refusal_of, refused_args,
};
pub use layout::{Footer, Header};

/// "2025-04-23 08:30"; same-day ends show only the time.
pub fn format_span(start: chrono::NaiveDateTime, end: chrono::NaiveDateTime) -> String {
    let s = start.format("%Y-%m-%d %H:%M").to_string();
    if start.date() == end.date() {
        format!("{s}–{}", end.format("%H:%M"))
    } else {
        format!("{s} – {}", end.format("%Y-%m-%d %H:%M"))
    }
}

/// "2026-11-20 09:00 UTC", as the audit log shows instants.
pub fn format_instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// "2025-04-23"
pub fn format_date(d: chrono::NaiveDateTime) -> String {
    d.format("%Y-%m-%d").to_string()
}
