//! Status and format badges: colour plus text, never colour alone.

use crate::domain::{ExerciseFormat, ExerciseStatus};
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: ExerciseStatus) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.code())>{status.label()}</span> }
}

#[component]
pub fn FormatBadge(format: ExerciseFormat) -> impl IntoView {
    view! {
        <span class=format!("badge fmt fmt-{}", format.code()) title=format.hseep()>
            {format.short_label()}
        </span>
    }
}
