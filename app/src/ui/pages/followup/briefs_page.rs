//! Frozen board briefs (`/beredskap/rapporter`): the list with a comparison form, one brief as it
//! was frozen (its body and charts as stored, printable on A4), and "vad har ändrats sedan förra
//! rapporten", which compares the facts two briefs reported.

use crate::api::AppError;
use crate::api::briefs::{
    BriefView, BriefsView, CompareView, briefs_list, compare_briefs, get_brief,
};
use crate::domain::brief::BriefSummary;
use crate::ui::components::{ErrorView, NotFound, format_instant};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn label(b: &BriefSummary) -> String {
    format!("{} – {}", b.reporting_date.format("%Y-%m-%d"), b.title)
}

#[component]
fn CompareForm(briefs: Vec<BriefSummary>, from: Option<i64>, to: Option<i64>) -> impl IntoView {
    if briefs.len() < 2 {
        return ().into_any();
    }
    let from = from.or_else(|| briefs.get(1).map(|b| b.id));
    let to = to.or_else(|| briefs.first().map(|b| b.id));
    view! {
        <form method="get" action="/beredskap/rapporter/jamfor" class="filters" aria-label=t::COMPARE_BRIEFS>
            <div class="field">
                <label for="fran">{t::COMPARE_FROM}</label>
                <select id="fran" name="fran">
                    {briefs.iter().map(|b| view! { <option value=b.id selected=Some(b.id) == from>{label(b)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="till">{t::COMPARE_TO}</label>
                <select id="till" name="till">
                    {briefs.iter().map(|b| view! { <option value=b.id selected=Some(b.id) == to>{label(b)}</option> }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t::COMPARE}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn List(v: BriefsView) -> impl IntoView {
    view! {
        <Title text=format!("{} – Redo", t::BRIEFS_TITLE) />
        <p class="breadcrumb"><a href="/beredskap">{t::TO_BOARD}</a></p>
        <h1>{t::BRIEFS_TITLE}</h1>
        <p class="lead">{t::BRIEFS_INTRO}</p>
        {if v.briefs.is_empty() {
            view! { <p class="muted">{if v.can_freeze { t::NO_BRIEFS_FREEZE } else { t::NO_BRIEFS }}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="data">
                        <caption class="visually-hidden">{t::BRIEFS_TITLE}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::REPORTING_DATE}</th>
                                <th scope="col">{t::BRIEF_TITLE}</th>
                                <th scope="col">{t::ASSESSMENT_PERIOD}</th>
                                <th scope="col">{t::FROZEN_BY}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.briefs.iter().map(|b| view! {
                                <tr>
                                    <td>{b.reporting_date.format("%Y-%m-%d").to_string()}</td>
                                    <th scope="row"><a href=format!("/beredskap/rapporter/{}", b.id)>{b.title.clone()}</a></th>
                                    <td>{crate::domain::readiness::Period::parse(&b.period).map(|p| p.label()).unwrap_or_else(|| b.period.clone())}</td>
                                    <td>{b.created_by.clone()} ", " {format_instant(b.created_at)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <CompareForm briefs=v.briefs.clone() from=None to=None />
    }
}

#[component]
pub fn BriefsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| briefs_list());
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <List v /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Frozen(v: BriefView) -> impl IntoView {
    let b = v.brief.summary.clone();
    let id = b.id;
    view! {
        <Title text=format!("{} – Redo", b.title) />
        <p class="breadcrumb"><a href="/beredskap/rapporter">{t::TO_BRIEFS}</a></p>
        <div class="brief-head">
            <h1>{b.title.clone()}</h1>
            <p class="lead">{t::REPORTING_DATE} ": " {b.reporting_date.format("%Y-%m-%d").to_string()}</p>
            <p class="notice-inline">{t::frozen_note(&b.created_by, &format_instant(b.created_at))}</p>
        </div>
        <nav class="related no-print" aria-label=t::BRIEF_ACTIONS>
            <ul>
                {v.previous.as_ref().map(|p| view! {
                    <li><a href=format!("/beredskap/rapporter/jamfor?fran={}&till={id}", p.id)>{t::CHANGED_SINCE_LAST}</a></li>
                })}
                {v.brief.charts.iter().map(|name| view! {
                    <li>
                        <a href=format!("/beredskap/rapporter/{id}/diagram/{name}.svg") download="">{t::chart_file_label(name)} " (SVG)"</a>
                        " · "
                        <a href=format!("/beredskap/rapporter/{id}/diagram/{name}.png") download="">"PNG" <span class="visually-hidden">": " {t::chart_file_label(name)}</span></a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        <div class="brief-body" inner_html=v.brief.body.clone()></div>
    }
}

#[component]
pub fn BriefPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) if id > 0 => get_brief(id).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Frozen v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Comparison(v: CompareView) -> impl IntoView {
    let title = t::compare_title(&label(&v.older), &label(&v.newer));
    let mut sections: Vec<String> = Vec::new();
    for c in &v.changes {
        if !sections.contains(&c.section) {
            sections.push(c.section.clone());
        }
    }
    view! {
        <Title text=format!("{} – Redo", t::CHANGED_SINCE_LAST) />
        <p class="breadcrumb"><a href="/beredskap/rapporter">{t::TO_BRIEFS}</a></p>
        <h1>{t::CHANGED_SINCE_LAST}</h1>
        <p class="lead">{title}</p>
        <CompareForm briefs=v.briefs.clone() from=Some(v.older.id) to=Some(v.newer.id) />
        <p>{t::changes_summary(v.changes.len(), v.facts)}</p>
        {sections.into_iter().map(|section| {
            let rows: Vec<_> = v.changes.iter().filter(|c| c.section == section).cloned().collect();
            view! {
                <div class="table-wrap">
                    <table class="data compact changes">
                        <caption>{section.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::FACT}</th>
                                <th scope="col">{format!("{} ({})", t::BEFORE, v.older.reporting_date.format("%Y-%m-%d"))}</th>
                                <th scope="col">{format!("{} ({})", t::AFTER, v.newer.reporting_date.format("%Y-%m-%d"))}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.label.clone()}</th>
                                    <td>{c.before.clone().unwrap_or_else(|| t::NOT_REPORTED.to_string())}</td>
                                    <td>{c.after.clone().unwrap_or_else(|| t::NOT_REPORTED.to_string())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        }).collect_view()}
        <p><a href=format!("/beredskap/rapporter/{}", v.newer.id)>{t::OPEN_BRIEF} " " {v.newer.title.clone()}</a></p>
    }
}

#[component]
pub fn CompareBriefsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || (query.read().get("fran"), query.read().get("till")),
        |(from, to)| async move {
            let id = |s: Option<String>| {
                s.and_then(|s| s.trim().parse::<i64>().ok())
                    .filter(|i| *i > 0)
            };
            match (id(from), id(to)) {
                (Some(from), Some(to)) => compare_briefs(from, to).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Comparison v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
