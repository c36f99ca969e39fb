//! The start page: what is coming up and which capability areas lack exercises this period.

use crate::api::exercises::{ExerciseQuery, list_exercises};
use crate::api::plan::plan_coverage;
use crate::domain::ExerciseStatus;
use crate::ui::components::{ErrorView, FormatBadge, StatusBadge, format_span};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let exercises = Resource::new(|| (), |_| list_exercises(ExerciseQuery::default()));
    let cover = Resource::new(|| (), |_| plan_coverage(None, None));
    view! {
        <Title text=format!("{} – Redo", t::HOME_TITLE) />
        <h1>{t::HOME_TITLE}</h1>
        <div class="two-col">
            <section aria-labelledby="kommande">
                <h2 id="kommande">{t::HOME_UPCOMING}</h2>
                <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
                    {move || Suspend::new(async move {
                        match exercises.await {
                            Ok(v) => {
                                let upcoming: Vec<_> = v
                                    .items
                                    .into_iter()
                                    .filter(|e| !e.status.is_conducted() && e.status != ExerciseStatus::Cancelled)
                                    .take(6)
                                    .collect();
                                if upcoming.is_empty() {
                                    view! { <p>{t::HOME_NONE_UPCOMING}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="card-list">
                                            {upcoming
                                                .into_iter()
                                                .map(|e| {
                                                    view! {
                                                        <li class="card">
                                                            <a href=format!("/ovningar/{}", e.id)>{e.name.clone()}</a>
                                                            <span class="muted">
                                                                {format_span(e.starts_at, e.ends_at)} " · " {e.lead.code.clone()}
                                                            </span>
                                                            <span class="badges">
                                                                <FormatBadge format=e.format />
                                                                <StatusBadge status=e.status />
                                                            </span>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }
                            }
                            Err(e) => view! { <ErrorView error=e /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="luckor">
                <h2 id="luckor">{t::HOME_GAPS}</h2>
                <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
                    {move || Suspend::new(async move {
                        match cover.await {
                            Ok(c) => {
                                let gaps: Vec<_> = c
                                    .by_year
                                    .rows
                                    .iter()
                                    .filter(|r| r.total.conducted == 0)
                                    .map(|r| (r.code.clone(), r.title.clone(), r.total.planned))
                                    .collect();
                                let period = c.by_year.period.label();
                                view! {
                                    <p class="muted">{t::PERIOD} " " {period}</p>
                                    {if gaps.is_empty() {
                                        view! { <p>{t::HOME_NO_GAPS}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="gap-list">
                                                {gaps
                                                    .into_iter()
                                                    .map(|(code, title, planned)| {
                                                        let (note, class) = if planned > 0 { (t::PLANNED_ONLY, "tag planned") } else { (t::GAP_LONG, "tag gap") };
                                                        view! {
                                                            <li>
                                                                <a href=format!("/ovningar?formaga={code}")>{code.clone()} " " {title}</a>
                                                                <span class=class>{note}</span>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }}
                                    <p>
                                        <a href="/tackning">{t::COVERAGE_TITLE} " →"</a>
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <ErrorView error=e /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}
