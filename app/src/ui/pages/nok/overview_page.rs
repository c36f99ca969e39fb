//! The NÖK follow-up of an agreement version (`/nok`): every requirement area with its status
//! (suggested from the criteria or set by hand), its grundläggande krav and kvalitetsmått, who is
//! responsible, when it is due (overdue and due-soon stand out) and how much evidence there is.

use crate::api::AppError;
use crate::api::nok::{AreaRow, NokView, nok_overview};
use crate::domain::nok::{Due, FulfilmentStatus, MappingKind};
use crate::ui::components::{ErrorView, NotFound};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A status as a badge: the word, on a shade that follows how far it has come.
#[component]
pub fn FulfilmentBadge(status: FulfilmentStatus) -> impl IntoView {
    view! { <span class=format!("badge nok-{}", status.code())>{t::fulfilment_status(status)}</span> }
}

/// A due date with its state: "försenad 3 dagar", "om 12 dagar".
#[component]
pub fn DueDate(due_on: Option<chrono::NaiveDate>, due: Due) -> impl IntoView {
    let Some(day) = due_on else {
        return view! { <span class="muted">"–"</span> }.into_any();
    };
    let text = day.format("%Y-%m-%d").to_string();
    match due {
        Due::Overdue(days) => view! {
            <span class="due overdue"><span aria-hidden="true">"▲ "</span>{text} " " <strong>{t::overdue_days(days)}</strong></span>
        }
        .into_any(),
        Due::Soon(days) => view! {
            <span class="due soon">{text} " " <strong>{t::due_in_days(days)}</strong></span>
        }
        .into_any(),
        _ => view! { <span class="due">{text}</span> }.into_any(),
    }
}

fn responsible(row: &AreaRow) -> String {
    let names: Vec<String> = row
        .area
        .fulfilments
        .iter()
        .map(|f| f.responsible.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    match names.as_slice() {
        [] => "–".to_string(),
        [one] => one.clone(),
        [one, rest @ ..] if rest.iter().all(|r| r == one) => one.clone(),
        _ => t::SEVERAL_RESPONSIBLE.to_string(),
    }
}

#[component]
fn AreaTable(rows: Vec<AreaRow>, rolled_over: bool) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data nok-table">
                <caption class="visually-hidden">{t::NOK_AREAS}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::CODE}</th>
                        <th scope="col">{t::REQUIREMENT}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::BASIC_CRITERIA}</th>
                        <th scope="col">{t::QUALITY_CRITERIA}</th>
                        <th scope="col">{t::RESPONSIBLE}</th>
                        <th scope="col">{t::DUE}</th>
                        <th scope="col">{t::EVIDENCE_COUNT}</th>
                        {rolled_over.then(|| view! { <th scope="col">{t::CONTINUES}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let r = row.area.requirement.clone();
                        let basic = match (&row.suggestion, row.met_of) {
                            (Some(s), _) => format!("{} {} {}", s.basic_met, t::OF, s.basic_total),
                            (None, Some((met, all))) => t::forvaltningar_met(met, all),
                            _ => "–".to_string(),
                        };
                        let (qm, qt) = row.quality;
                        let manual = row.area.fulfilments.iter().any(|f| f.manual.is_some());
                        let who = responsible(&row);
                        let overdue = matches!(row.due, Due::Overdue(_));
                        view! {
                            <tr class:overdue=overdue>
                                <td>{r.code.clone()}</td>
                                <th scope="row">
                                    <a href=format!("/nok/krav/{}", r.id)>{r.title.clone()}</a>
                                    {r.per_forvaltning.then(|| view! { <span class="cell-notes">{t::PER_FORVALTNING}</span> })}
                                </th>
                                <td>
                                    <FulfilmentBadge status=row.status />
                                    {manual.then(|| view! { <span class="cell-notes">{t::MANUAL_STATUS}</span> })}
                                </td>
                                <td>{basic}</td>
                                <td>{if qt == 0 { "–".to_string() } else { format!("{qm} {} {qt}", t::OF) }}</td>
                                <td>{who}</td>
                                <td><DueDate due_on=row.due_on due=row.due /></td>
                                <td>{row.evidence}</td>
                                {rolled_over.then(|| {
                                    let text = match &row.mapping {
                                        Some((kind, from)) => match kind {
                                            MappingKind::New => t::mapping_kind(*kind).to_string(),
                                            _ => format!("{} ({})", from.join(", "), t::mapping_kind(*kind)),
                                        },
                                        None => "–".to_string(),
                                    };
                                    view! { <td>{text}</td> }
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Overview(v: NokView) -> impl IntoView {
    let a = v.agreement.clone();
    let title = format!("{} – {}", t::NOK_TITLE, a.name);
    let validity = format!(
        "{} – {}",
        a.valid_from,
        a.valid_to
            .map(|d| d.to_string())
            .unwrap_or_else(|| t::OPEN_ENDED.to_string())
    );
    let counts: Vec<(FulfilmentStatus, usize)> = FulfilmentStatus::ALL
        .into_iter()
        .map(|s| (s, v.rows.iter().filter(|r| r.status == s).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let overdue = v
        .rows
        .iter()
        .filter(|r| matches!(r.due, Due::Overdue(_)))
        .count();
    let soon = v
        .rows
        .iter()
        .filter(|r| matches!(r.due, Due::Soon(_)))
        .count();
    let saved = use_query_map().read_untracked().get("sparat").is_some();
    let rolled_over = v.previous.is_some();
    view! {
        <Title text=format!("{title} – Redo") />
        <h1>{t::NOK_TITLE}</h1>
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::NEW_VERSION_CREATED}</p> })}
        <form method="get" action="/nok" class="filters" aria-label=t::CHOOSE_AGREEMENT>
            <div class="field">
                <label for="overenskommelse">{t::AGREEMENT_VERSION}</label>
                <select id="overenskommelse" name="overenskommelse">
                    {v.agreements.iter().map(|x| view! {
                        <option value=x.id selected=x.id == a.id>
                            {x.name.clone()} {x.in_force.then_some(t::IN_FORCE_SUFFIX)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t::SHOW}</button>
            </div>
        </form>
        <h2>{a.name.clone()}</h2>
        <p class="muted">{t::COUNTERPARTY} ": " {a.counterparty.clone()} " · " {validity}</p>
        {v.previous.as_ref().map(|p| view! {
            <p>{t::ROLLED_OVER_FROM} " " <a href=format!("/nok?overenskommelse={}", p.id)>{p.name.clone()}</a></p>
        })}
        {v.successor.map(|s| view! {
            <p class="notice-inline">{t::HAS_SUCCESSOR} " " <a href=format!("/nok?overenskommelse={s}")>{t::OPEN_SUCCESSOR}</a></p>
        })}
        <section class="panel" aria-labelledby="lage">
            <h2 id="lage">{t::NOK_SITUATION}</h2>
            <ul class="inline-list">
                {counts.into_iter().map(|(s, n)| view! { <li><FulfilmentBadge status=s /> " " {n}</li> }).collect_view()}
            </ul>
            <p>{t::overdue_summary(overdue, soon)}</p>
            <p class="hint">{t::NOK_RULE_HINT}</p>
        </section>
        <AreaTable rows=v.rows.clone() rolled_over />
        {(!v.dropped.is_empty()).then(|| view! {
            <section aria-labelledby="utgatt">
                <h2 id="utgatt">{t::DROPPED_AREAS}</h2>
                <ul>{v.dropped.iter().map(|(code, title)| view! { <li>{code.clone()} " " {title.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <nav class="related" aria-label=t::RELATED>
            <ul>
                <li><a href="/beredskap">{t::TO_BOARD}</a></li>
                <li><a href="/kalender">{t::CALENDAR_TITLE}</a></li>
                <li><a href="/indikatorer">{t::INDICATORS_TITLE}</a></li>
                {v.can_rollover.then(|| view! {
                    <li><a href=format!("/nok/ny-version/{}", a.id)>{t::ROLLOVER_LINK}</a></li>
                })}
            </ul>
        </nav>
    }
}

#[component]
pub fn NokPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("overenskommelse"),
        |raw| async move {
            match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => nok_overview(0).await,
                Some(s) => match s.parse::<i64>() {
                    Ok(id) if id > 0 => nok_overview(id).await,
                    _ => Err(AppError::NotFound),
                },
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Overview v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
