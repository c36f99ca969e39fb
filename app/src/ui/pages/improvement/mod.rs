//! The learning chain: the register of findings (`/brister`, `/brister/:id`), corrective actions
//! (`/atgarder`, `/atgarder/:id`) and the lessons library (`/lardomar`).

mod action_page;
mod actions_page;
mod finding_page;
mod findings_page;
mod lessons_page;

pub use action_page::ActionPage;
pub use actions_page::ActionsPage;
pub use finding_page::FindingPage;
pub use findings_page::FindingsPage;
pub use lessons_page::LessonsPage;

use crate::domain::improvement::{Finding, FindingKind};
use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// The three pages' shared sub-navigation.
#[component]
pub fn ImprovementNav(here: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str| {
        view! { <li><a href=href aria-current=(href == here).then_some("page")>{label}</a></li> }
    };
    view! {
        <nav class="sub-nav" aria-label=t::IMPROVEMENT_NAV>
            <ul>
                {link("/atgarder", t::ACTIONS_TITLE)}
                {link("/brister", t::FINDINGS_TITLE)}
                {link("/lardomar", t::LESSONS_TITLE)}
            </ul>
        </nav>
    }
}

/// Where a finding came from: the exercise (linked) or the source outside exercises.
#[component]
pub fn FindingSource(f: Finding) -> impl IntoView {
    match f.exercise.clone() {
        Some((x, name)) => view! {
            <span>{f.source.label()} ": " <a href=format!("/ovningar/{x}/rapport")>{name}</a></span>
        }
        .into_any(),
        None => view! {
            <span>{f.source.label()} {(!f.source_ref.is_empty()).then(|| format!(": {}", f.source_ref))}</span>
        }
        .into_any(),
    }
}

/// A finding's kind as a badge.
#[component]
pub fn KindBadge(kind: FindingKind) -> impl IntoView {
    view! { <span class=format!("badge finding-{}", kind.code())>{kind.label()}</span> }
}

/// A select of a GET filter form: `name` is its query parameter, `chosen` its current value.
#[component]
pub fn Choice(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=format!("f-{id}")>{label}</label>
            <select id=format!("f-{id}") name=id>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// An option list with a first "all"/"choose" entry.
pub fn with_first<T: ToString>(first: &str, items: &[(T, String)]) -> Vec<(String, String)> {
    std::iter::once((String::new(), first.to_string()))
        .chain(items.iter().map(|(k, v)| (k.to_string(), v.clone())))
        .collect()
}
