//! The register of shortcomings (`/brister`): every area for improvement in one place — from
//! exercises, real events, the risk and vulnerability analysis, inspections and audits — with
//! its decision, its actions and its lesson. Planners record shortcomings found outside
//! exercises here.

use super::{FindingSource, ImprovementNav, with_first};
use crate::api::improvement::{FindingsView, RecordFinding, list_findings};
use crate::domain::improvement::{FindingKind, Source};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, PostForm, PostedSelect, form_error, posted_or,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn RecordForm(v: FindingsView) -> impl IntoView {
    let error = form_error(RecordFinding::PATH, None);
    let sources: Vec<(String, String)> = Source::OUTSIDE
        .into_iter()
        .map(|s| (s.code().to_string(), s.label().to_string()))
        .collect();
    let caps = with_first(t::CHOOSE, &v.options.capabilities);
    let forvaltningar = with_first(t::FINDING_REGION_WIDE, &v.options.forvaltningar);
    view! {
        <details class="add-finding" open=move || error.with(Option::is_some)>
            <summary>{t::FINDING_RECORD}</summary>
            <PostForm action=RecordFinding::PATH class="stacked">
                <FormAlert error />
                <div class="field">
                    <label for="b-source">{t::FINDING_SOURCE}</label>
                    <PostedSelect id="b-source".to_string() name="input[source]".to_string() stored="verklig_handelse".to_string() options=sources describedby="b-source-fel" />
                    <FieldMessage field="source" error id="b-source-fel" />
                </div>
                <div class="field">
                    <label for="b-ref">{t::FINDING_SOURCE_REF}</label>
                    <p class="hint" id="b-ref-hint">{t::FINDING_SOURCE_REF_HINT}</p>
                    <input id="b-ref" type="text" name="input[source_ref]" value=posted_or("input[source_ref]", String::new()) aria-describedby="b-ref-hint b-ref-fel" />
                    <FieldMessage field="source_ref" error id="b-ref-fel" />
                </div>
                <div class="field">
                    <label for="b-title">{t::FINDING_TITLE}</label>
                    <input id="b-title" type="text" name="input[title]" value=posted_or("input[title]", String::new()) required aria-describedby="b-title-fel" />
                    <FieldMessage field="title" error id="b-title-fel" />
                </div>
                <div class="field">
                    <label for="b-description">{t::DESCRIPTION}</label>
                    <textarea id="b-description" name="input[description]" rows="3" aria-describedby="b-description-fel">{posted_or("input[description]", String::new())}</textarea>
                    <FieldMessage field="description" error id="b-description-fel" />
                </div>
                <div class="field">
                    <label for="b-capability">{t::CAPABILITY}</label>
                    <PostedSelect id="b-capability".to_string() name="input[capability]".to_string() stored=String::new() options=caps describedby="b-capability-fel" />
                    <FieldMessage field="capability" error id="b-capability-fel" />
                </div>
                <div class="field">
                    <label for="b-forvaltning">{t::FORVALTNING}</label>
                    <PostedSelect id="b-forvaltning".to_string() name="input[forvaltning]".to_string() stored=String::new() options=forvaltningar describedby="b-forvaltning-fel" />
                    <FieldMessage field="forvaltning" error id="b-forvaltning-fel" />
                </div>
                <div class="field">
                    <label for="b-observed">{t::FINDING_OBSERVED_ON}</label>
                    <input id="b-observed" type="date" name="input[observed_on]" value=posted_or("input[observed_on]", v.options.today.to_string()) required aria-describedby="b-observed-fel" />
                    <FieldMessage field="observed_on" error id="b-observed-fel" />
                </div>
                <button type="submit" class="button primary">{t::FINDING_RECORD_SAVE}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn Loaded(v: FindingsView) -> impl IntoView {
    let query = use_query_map();
    let source = query
        .read_untracked()
        .get("kalla")
        .and_then(|s| Source::from_code(&s));
    let rows: Vec<_> = v
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Improvement)
        .filter(|f| source.is_none_or(|s| f.source == s))
        .cloned()
        .collect();
    let count = |id: i64| {
        v.counts
            .iter()
            .find(|(f, ..)| *f == id)
            .map(|(_, open, overdue, all)| (*open, *overdue, *all))
            .unwrap_or_default()
    };
    let sources: Vec<(String, String)> = std::iter::once((String::new(), t::ALL.to_string()))
        .chain(
            Source::ALL
                .into_iter()
                .map(|s| (s.code().to_string(), s.label().to_string())),
        )
        .collect();
    let chosen = source.map(|s| s.code().to_string()).unwrap_or_default();
    view! {
        <Title text=format!("{} – Redo", t::FINDINGS_TITLE) />
        <ImprovementNav here="/brister" />
        <h1>{t::FINDINGS_TITLE}</h1>
        <p class="lead">{t::FINDINGS_INTRO}</p>
        <form method="get" action="/brister" class="filters">
            <div class="field">
                <label for="f-kalla">{t::FINDING_SOURCE}</label>
                <select id="f-kalla" name="kalla">
                    {sources.into_iter().map(|(code, label)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t::FILTER}</button>
        </form>
        {v.options.may_record.then(|| view! { <RecordForm v=v.clone() /> })}
        <p>{t::findings_count(rows.len())}</p>
        {if rows.is_empty() {
            view! { <p class="empty">{t::FINDINGS_EMPTY}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data findings-table">
                        <caption class="visually-hidden">{t::FINDINGS_TITLE}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::FINDING_TITLE}</th>
                                <th scope="col">{t::FINDING_SOURCE}</th>
                                <th scope="col">{t::FORVALTNING}</th>
                                <th scope="col">{t::CAPABILITY}</th>
                                <th scope="col">{t::FINDING_OBSERVED_ON}</th>
                                <th scope="col">{t::ACTIONS_TITLE}</th>
                                <th scope="col">{t::LESSON}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|f| {
                                let (open, overdue, all) = count(f.id);
                                let late = overdue > 0;
                                view! {
                                    <tr class:overdue=late>
                                        <th scope="row"><a href=format!("/brister/{}", f.id)>{f.title.clone()}</a></th>
                                        <td><FindingSource f=f.clone() /></td>
                                        <td>{f.forvaltning.clone().map(|(_, n)| n).unwrap_or_else(|| t::FINDING_REGION_WIDE.to_string())}</td>
                                        <td>{f.capability_code.clone()}</td>
                                        <td>{f.observed_on.to_string()}</td>
                                        <td>{t::action_counts(all, open, overdue)}</td>
                                        <td>{if f.lesson.is_empty() { "–".to_string() } else { f.lesson.clone() }}</td>
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
pub fn FindingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_findings());
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Loaded v /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
