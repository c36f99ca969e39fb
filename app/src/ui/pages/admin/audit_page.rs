//! The audit log with filters (in the URL, a GET form).

use crate::api::audit::{AuditQuery, AuditView, list_audit};
use crate::domain::audit::{ACTIONS, ENTITIES, action_label, entity_label};
use crate::ui::components::ErrorView;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn Select(
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
                {options.into_iter().map(|(v, l)| {
                    let is = v == selected;
                    view! { <option value=v selected=is>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Filters(view_model: AuditView, q: AuditQuery) -> impl IntoView {
    let actors = view_model
        .actors
        .iter()
        .map(|a| (a.clone(), a.clone()))
        .collect();
    let entities = ENTITIES
        .iter()
        .map(|e| (e.to_string(), entity_label(e).to_string()))
        .collect();
    let actions = ACTIONS
        .iter()
        .map(|a| (a.to_string(), action_label(a).to_string()))
        .collect();
    view! {
        <form method="get" action="/admin/logg" class="filters">
            <Select id="vem" label=t::AUDIT_WHO options=actors selected=q.vem.clone() />
            <Select id="typ" label=t::AUDIT_ENTITY options=entities selected=q.typ.clone() />
            <Select id="handelse" label=t::AUDIT_ACTION options=actions selected=q.handelse.clone() />
            <div class="field">
                <label for="id">{t::AUDIT_ID}</label>
                <input id="id" name="id" type="text" value=q.id.clone().unwrap_or_default() size="6" />
            </div>
            <div class="field">
                <label for="fran">{t::AUDIT_FROM}</label>
                <input id="fran" name="fran" type="date" value=q.fran.clone().unwrap_or_default() />
            </div>
            <div class="field">
                <label for="till">{t::AUDIT_TO}</label>
                <input id="till" name="till" type="date" value=q.till.clone().unwrap_or_default() />
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t::FILTER}</button>
                <a href="/admin/logg">{t::CLEAR_FILTER}</a>
            </div>
        </form>
    }
}

#[component]
fn Entries(view_model: AuditView) -> impl IntoView {
    if view_model.entries.is_empty() {
        return view! { <p class="empty">{t::AUDIT_NONE}</p> }.into_any();
    }
    view! {
        <p class="muted">{t::AUDIT_LIMIT} " (högst " {view_model.limit} ")."</p>
        <div class="table-wrap">
            <table class="data audit">
                <thead>
                    <tr>
                        <th scope="col">{t::AUDIT_AT}</th>
                        <th scope="col">{t::AUDIT_WHO}</th>
                        <th scope="col">{t::AUDIT_ACTION}</th>
                        <th scope="col">{t::AUDIT_ENTITY}</th>
                        <th scope="col">{t::AUDIT_CHANGE}</th>
                    </tr>
                </thead>
                <tbody>
                    {view_model.entries.into_iter().map(|e| {
                        let has_change = e.before.is_some() || e.after.is_some();
                        view! {
                            <tr>
                                <td class="nowrap">{e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string()}</td>
                                <td>{e.actor_name.clone()}</td>
                                <td>{action_label(&e.action).to_string()}</td>
                                <td>{entity_label(&e.entity_type).to_string()} " " {e.entity_id.clone()}</td>
                                <td>
                                    {has_change.then(|| view! {
                                        <details>
                                            <summary>{t::AUDIT_CHANGE}</summary>
                                            {e.before.clone().map(|b| view! { <h3 class="small">{t::AUDIT_BEFORE}</h3><pre>{b}</pre> })}
                                            {e.after.clone().map(|a| view! { <h3 class="small">{t::AUDIT_AFTER}</h3><pre>{a}</pre> })}
                                        </details>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let q = use_query_map();
    let query = Memo::new(move |_| {
        let q = q.read();
        AuditQuery {
            vem: q.get("vem"),
            typ: q.get("typ"),
            handelse: q.get("handelse"),
            id: q.get("id"),
            fran: q.get("fran"),
            till: q.get("till"),
        }
    });
    let data = Resource::new(move || query.get(), list_audit);
    view! {
        <Title text=format!("{} – Redo", t::AUDIT_TITLE) />
        <h1>{t::AUDIT_TITLE}</h1>
        <p class="lead-text">{t::AUDIT_INTRO}</p>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Filters view_model=v.clone() q=query.get_untracked() /> <Entries view_model=v /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
