//! The lessons library (`/lardomar`): lessons across exercises and events, searchable by words,
//! capability area and förvaltning, each with the chain behind it.

use super::{Choice, FindingSource, ImprovementNav, with_first};
use crate::api::improvement::{LessonQuery, LessonsView, list_lessons};
use crate::domain::improvement::ActionStatus;
use crate::ui::components::ErrorView;
use crate::ui::pages::evaluation::ActionBadge;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn Loaded(v: LessonsView, q: LessonQuery) -> impl IntoView {
    let learned = v
        .lessons
        .iter()
        .filter(|c| !c.finding.lesson.is_empty())
        .count();
    view! {
        <Title text=format!("{} – Redo", t::LESSONS_TITLE) />
        <ImprovementNav here="/lardomar" />
        <h1>{t::LESSONS_TITLE}</h1>
        <p class="lead">{t::LESSONS_INTRO}</p>
        <form method="get" action="/lardomar" class="filters" role="search">
            <div class="field">
                <label for="l-q">{t::LESSONS_SEARCH}</label>
                <input id="l-q" type="search" name="q" value=q.q.clone() />
            </div>
            <Choice id="capability" label=t::CAPABILITY options=with_first(t::ALL, &v.options.capabilities) chosen=q.capability.clone() />
            <Choice id="forvaltning" label=t::FORVALTNING options=with_first(t::ALL, &v.options.forvaltningar) chosen=q.forvaltning.clone() />
            <button type="submit" class="button">{t::SEARCH_BUTTON}</button>
            <a href="/lardomar">{t::CLEAR_FILTER}</a>
        </form>
        <p>{t::lessons_summary(v.lessons.len(), learned)}</p>
        {if v.lessons.is_empty() {
            view! { <p class="empty">{t::LESSONS_EMPTY}</p> }.into_any()
        } else {
            view! {
                <ul class="plain lessons">
                    {v.lessons.iter().map(|c| {
                        let f = c.finding.clone();
                        let verified = c.actions.iter().filter(|a| a.status == ActionStatus::Verified).count();
                        view! {
                            <li class="card lesson-card">
                                <h2><a href=format!("/brister/{}", f.id)>{f.title.clone()}</a></h2>
                                <p class="muted">
                                    <FindingSource f=f.clone() />
                                    {format!(" · {} · {} {}", f.observed_on, f.capability_code, f.capability_title)}
                                    {f.forvaltning.clone().map(|(_, n)| format!(" · {n}"))}
                                </p>
                                {if f.lesson.is_empty() {
                                    view! { <p class="muted">{t::CHAIN_NO_LESSON}</p> }.into_any()
                                } else {
                                    view! { <p class="lesson"><strong>{t::LESSON} ": "</strong>{f.lesson.clone()}</p> }.into_any()
                                }}
                                {(!c.actions.is_empty()).then(|| view! {
                                    <ul class="plain">
                                        {c.actions.iter().map(|a| view! {
                                            <li><a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a> " " <ActionBadge status=a.status /></li>
                                        }).collect_view()}
                                    </ul>
                                })}
                                {(verified > 0).then(|| view! { <p class="muted">{t::lessons_verified(verified)}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
pub fn LessonsPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| {
        let m = query.read();
        LessonQuery {
            q: m.get("q").unwrap_or_default(),
            capability: m.get("capability").unwrap_or_default(),
            forvaltning: m.get("forvaltning").unwrap_or_default(),
        }
    });
    let data = Resource::new(move || q.get(), list_lessons);
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Loaded v q=q.get_untracked() /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
