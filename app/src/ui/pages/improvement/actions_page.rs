//! Corrective actions across exercises and events (`/atgarder`): filtered by status, owner,
//! capability area, source and overdue; overdue ones stand out. Open ones by default.

use super::{Choice, ImprovementNav, with_first};
use crate::api::improvement::{ActionQuery, ActionsView, list_actions};
use crate::domain::improvement::{ActionStatus, Source};
use crate::ui::components::ErrorView;
use crate::ui::pages::evaluation::ActionBadge;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn Loaded(v: ActionsView, q: ActionQuery) -> impl IntoView {
    let today = v.options.today;
    let overdue = v.actions.iter().filter(|a| a.is_overdue(today)).count();
    let statuses: Vec<(String, String)> = [
        (String::new(), t::ACTIONS_OPEN.to_string()),
        ("alla".to_string(), t::ALL.to_string()),
    ]
    .into_iter()
    .chain(
        ActionStatus::ALL
            .into_iter()
            .map(|s| (s.code().to_string(), s.label().to_string())),
    )
    .collect();
    let sources: Vec<(String, String)> = std::iter::once((String::new(), t::ALL.to_string()))
        .chain(
            Source::ALL
                .into_iter()
                .map(|s| (s.code().to_string(), s.label().to_string())),
        )
        .collect();
    view! {
        <Title text=format!("{} – Redo", t::ACTIONS_TITLE) />
        <ImprovementNav here="/atgarder" />
        <h1>{t::ACTIONS_TITLE}</h1>
        <p class="lead">{t::ACTIONS_INTRO}</p>
        <form method="get" action="/atgarder" class="filters">
            <Choice id="status" label=t::STATUS options=statuses chosen=q.status.clone() />
            <Choice id="forvaltning" label=t::ACTION_OWNER options=with_first(t::ALL, &v.options.forvaltningar) chosen=q.forvaltning.clone() />
            <Choice id="capability" label=t::CAPABILITY options=with_first(t::ALL, &v.options.capabilities) chosen=q.capability.clone() />
            <Choice id="source" label=t::FINDING_SOURCE options=sources chosen=q.source.clone() />
            <div class="field">
                <label for="f-overdue" class="check">
                    <input id="f-overdue" type="checkbox" name="overdue" value="ja" checked=!q.overdue.is_empty() />
                    {t::ACTIONS_ONLY_OVERDUE}
                </label>
            </div>
            <button type="submit" class="button">{t::FILTER}</button>
            <a href="/atgarder">{t::CLEAR_FILTER}</a>
        </form>
        <p>{t::actions_summary(v.actions.len(), overdue)}</p>
        {if v.actions.is_empty() {
            view! { <p class="empty">{t::ACTIONS_EMPTY}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data actions-table">
                        <caption class="visually-hidden">{t::ACTIONS_TITLE}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::ACTION_TEXT}</th>
                                <th scope="col">{t::FINDING}</th>
                                <th scope="col">{t::ACTION_OWNER}</th>
                                <th scope="col">{t::RESPONSIBLE}</th>
                                <th scope="col">{t::DUE_DATE}</th>
                                <th scope="col">{t::STATUS}</th>
                                <th scope="col">{t::ACTION_RETEST}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.actions.iter().map(|a| {
                                let late = a.is_overdue(today);
                                view! {
                                    <tr class:overdue=late>
                                        <th scope="row">
                                            <a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a>
                                            <span class="cell-notes">{format!("{} · {}", a.poete.label(), a.capability_code)}</span>
                                        </th>
                                        <td><a href=format!("/brister/{}", a.finding_id)>{a.finding_title.clone()}</a> <span class="cell-notes">{a.source.label()}</span></td>
                                        <td>{a.forvaltning.1.clone()}</td>
                                        <td>{a.responsible.1.clone()}</td>
                                        <td>{late.then(|| view! { <span aria-hidden="true">"▲ "</span> })}{a.due_on.to_string()}</td>
                                        <td><ActionBadge status=a.status overdue=late /></td>
                                        <td>{t::retest_short(a)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
pub fn ActionsPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| {
        let m = query.read();
        let get = |k: &str| m.get(k).unwrap_or_default();
        ActionQuery {
            status: get("status"),
            forvaltning: get("forvaltning"),
            capability: get("capability"),
            overdue: get("overdue"),
            source: get("source"),
        }
    });
    let data = Resource::new(move || q.get(), list_actions);
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
