//! The exercise list with filters in the URL, so a filtered list can be bookmarked and works
//! without JavaScript (a GET form).

use crate::api::exercises::{ExerciseListView, ExerciseQuery, list_exercises};
use crate::domain::{ExerciseFormat, ExerciseStatus};
use crate::ui::components::{ErrorView, FormatBadge, StatusBadge, format_span};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn query_from_url() -> Memo<ExerciseQuery> {
    let q = use_query_map();
    Memo::new(move |_| {
        let q = q.read();
        ExerciseQuery {
            ar: q.get("ar"),
            forvaltning: q.get("forvaltning"),
            form: q.get("form"),
            status: q.get("status"),
            formaga: q.get("formaga"),
            q: q.get("q"),
        }
    })
}

/// A `<select>` whose options are (value, label) pairs, with "Alla" first.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    let selected = selected.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="">{t::ALL}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Filters(view_model: FilterChoices, query: ExerciseQuery) -> impl IntoView {
    let years = view_model
        .years
        .iter()
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let forvaltningar = view_model
        .forvaltningar
        .iter()
        .map(|f| (f.id.to_string(), format!("{} – {}", f.code, f.name)))
        .collect();
    let formats = ExerciseFormat::ALL
        .iter()
        .map(|f| (f.code().to_string(), f.label().to_string()))
        .collect();
    let statuses = ExerciseStatus::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.label().to_string()))
        .collect();
    let capabilities = view_model
        .capability_areas
        .iter()
        .map(|c| (c.code.clone(), format!("{} {}", c.code, c.title)))
        .collect();
    view! {
        <form method="get" action="/ovningar" class="filters" role="search">
            <div class="field grow">
                <label for="q">{t::SEARCH}</label>
                <input id="q" name="q" type="search" value=query.q.clone().unwrap_or_default() />
            </div>
            <FilterSelect id="ar" label=t::YEAR options=years selected=query.ar.clone() />
            <FilterSelect id="forvaltning" label=t::FORVALTNING options=forvaltningar selected=query.forvaltning.clone() />
            <FilterSelect id="form" label=t::FORMAT options=formats selected=query.form.clone() />
            <FilterSelect id="status" label=t::STATUS options=statuses selected=query.status.clone() />
            <FilterSelect id="formaga" label=t::CAPABILITY options=capabilities selected=query.formaga.clone() />
            <div class="filter-actions">
                <button type="submit" class="button">
                    {t::FILTER}
                </button>
                <a href="/ovningar">{t::CLEAR_FILTER}</a>
            </div>
        </form>
    }
}

/// What the filters offer (the list view model without its rows).
struct FilterChoices {
    years: Vec<i32>,
    forvaltningar: Vec<crate::domain::Forvaltning>,
    capability_areas: Vec<crate::domain::CapabilityArea>,
}

#[component]
fn ExerciseTable(items: Vec<crate::domain::exercise::ExerciseSummary>) -> impl IntoView {
    let count = items.len();
    if count == 0 {
        return view! { <p class="empty">{t::NO_EXERCISES}</p> }.into_any();
    }
    view! {
        <p class="muted" aria-live="polite">
            {count} " " {t::COUNT_SUFFIX}
        </p>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t::NAME}</th>
                        <th scope="col">{t::WHEN}</th>
                        <th scope="col">{t::FORMAT}</th>
                        <th scope="col">{t::LEAD}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::CAPABILITY}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|e| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/ovningar/{}", e.id)>{e.name.clone()}</a>
                                    </th>
                                    <td class="nowrap">{format_span(e.starts_at, e.ends_at)}</td>
                                    <td>
                                        <FormatBadge format=e.format />
                                    </td>
                                    <td>
                                        <abbr title=e.lead.name.clone()>{e.lead.code.clone()}</abbr>
                                    </td>
                                    <td>
                                        <StatusBadge status=e.status />
                                    </td>
                                    <td>{e.capability_codes.join(", ")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One await for the whole page body: the list is read once, rendered once. (A `Resource` per
/// part would spawn tasks and build the parts more than once on the server; pages that are not
/// islands never hydrate, so they need none.)
#[component]
pub fn ExerciseListPage() -> impl IntoView {
    let query = query_from_url().get_untracked();
    view! {
        <Title text=format!("{} – Redo", t::EXERCISES_TITLE) />
        {Suspend::new(async move {
            match list_exercises(query.clone()).await {
                Ok(ExerciseListView { items, years, forvaltningar, capability_areas, can_create }) => {
                    let choices = FilterChoices { years, forvaltningar, capability_areas };
                    view! {
                        <div class="page-head">
                            <h1>{t::EXERCISES_TITLE}</h1>
                            {can_create
                                .then(|| {
                                    view! {
                                        <a class="button primary" href="/ovningar/ny">
                                            {t::NEW_EXERCISE}
                                        </a>
                                    }
                                })}
                        </div>
                        <Filters view_model=choices query />
                        <ExerciseTable items />
                    }
                        .into_any()
                }
                Err(e) => {
                    view! {
                        <div class="page-head">
                            <h1>{t::EXERCISES_TITLE}</h1>
                        </div>
                        <ErrorView error=e />
                    }
                        .into_any()
                }
            }
        })}
    }
}
