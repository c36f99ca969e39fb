//! The multi-year exercise plan as a timeline: one row per förvaltning, four years across.
//! Every item is a link (keyboard-reachable in date order per row) with a full text label, and
//! the same exercises follow as a table for screen readers and print.

use super::PeriodNav;
use crate::api::plan::{PlanView, plan_timeline};
use crate::domain::ExerciseFormat;
use crate::domain::timeline::{Involvement, TimelineItem, TimelineRow};
use crate::ui::components::{ErrorView, FormatBadge, StatusBadge, format_span};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn item_label(item: &TimelineItem) -> String {
    let e = &item.exercise;
    let role = match item.involvement {
        Involvement::Lead => "leder",
        Involvement::Participant => "deltar",
    };
    format!(
        "{}, {}, {}, {}, förvaltningen {}",
        e.name,
        format_span(e.starts_at, e.ends_at),
        e.format.label(),
        e.status.label(),
        role
    )
}

#[component]
fn Item(item: TimelineItem) -> impl IntoView {
    let e = &item.exercise;
    let class = format!(
        "tl-item fmt-{} status-{} {}",
        e.format.code(),
        e.status.code(),
        if item.involvement == Involvement::Participant {
            "participant"
        } else {
            "lead"
        }
    );
    let style = format!("left:{:.3}%;width:{:.3}%", item.left_pct, item.width_pct);
    view! {
        <a class=class style=style href=format!("/ovningar/{}", e.id) aria-label=item_label(&item) title=item_label(&item)>
            <span class="tl-name" aria-hidden="true">{e.name.clone()}</span>
        </a>
    }
}

#[component]
fn Row(row: TimelineRow) -> impl IntoView {
    let lanes = row.lanes.len().max(1);
    let f = row.forvaltning;
    view! {
        <li class="tl-row">
            <div class="tl-label">
                <abbr title=f.name.clone()>{f.code.clone()}</abbr>
                <span class="tl-fullname">{f.name.clone()}</span>
            </div>
            <div class="tl-track" style=format!("--lanes:{lanes}")>
                {row
                    .lanes
                    .into_iter()
                    .enumerate()
                    .map(|(i, lane)| {
                        view! {
                            <div class="tl-lane" style=format!("--lane:{i}")>
                                {lane.into_iter().map(|item| view! { <Item item /> }).collect_view()}
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </li>
    }
}

#[component]
fn Legend() -> impl IntoView {
    view! {
        <div class="legend" aria-label=t::LEGEND role="group">
            <span class="legend-title">{t::LEGEND}:</span>
            {ExerciseFormat::ALL.iter().map(|f| view! { <FormatBadge format=*f /> }).collect_view()}
            <span class="legend-lead">"Fylld = leder"</span>
            <span class="legend-part">"Streckad = deltar"</span>
            <span class="legend-cancelled">"Överstruken = inställd"</span>
        </div>
    }
}

#[component]
fn Timeline(plan: PlanView) -> impl IntoView {
    let years = plan.period.years();
    view! {
        <Legend />
        <div class="timeline" role="region" aria-label=format!("{} {}", t::PLAN_TITLE, plan.period.label()) tabindex="-1">
            <div class="tl-years" aria-hidden="true">
                <div class="tl-label"></div>
                <div class="tl-track">
                    {years.iter().map(|y| view! { <span class="tl-year">{*y}</span> }).collect_view()}
                    {plan.today_pct.map(|p| view! { <span class="tl-today" style=format!("left:{p:.3}%")>{t::TODAY}</span> })}
                </div>
            </div>
            <ul class="tl-rows">{plan.rows.into_iter().map(|row| view! { <Row row /> }).collect_view()}</ul>
        </div>
    }
}

#[component]
fn PlanList(plan: PlanView) -> impl IntoView {
    view! {
        <h2 id="lista">{t::PLAN_LIST}</h2>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t::NAME}</th>
                        <th scope="col">{t::WHEN}</th>
                        <th scope="col">{t::FORMAT}</th>
                        <th scope="col">{t::LEAD}</th>
                        <th scope="col">{t::STATUS}</th>
                    </tr>
                </thead>
                <tbody>
                    {plan
                        .exercises
                        .into_iter()
                        .map(|e| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/ovningar/{}", e.id)>{e.name.clone()}</a>
                                    </th>
                                    <td class="nowrap">{format_span(e.starts_at, e.ends_at)}</td>
                                    <td><FormatBadge format=e.format /></td>
                                    <td>{e.lead.name.clone()}</td>
                                    <td><StatusBadge status=e.status /></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Open and overdue corrective actions per förvaltning, with the areas they concern: what the
/// plan's exercises should re-test.
#[component]
fn PlanActions(plan: PlanView) -> impl IntoView {
    let mut rows: Vec<(i64, String, u32, u32, Vec<String>)> = Vec::new();
    for a in &plan.actions {
        let name = plan
            .forvaltningar
            .iter()
            .find(|(id, _)| *id == a.forvaltning_id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        match rows.iter_mut().find(|r| r.0 == a.forvaltning_id) {
            Some(r) => {
                r.2 += a.count.open;
                r.3 += a.count.overdue;
                r.4.push(a.capability_code.clone());
            }
            None => rows.push((
                a.forvaltning_id,
                name,
                a.count.open,
                a.count.overdue,
                vec![a.capability_code.clone()],
            )),
        }
    }
    (!rows.is_empty()).then(|| view! {
        <section aria-labelledby="plan-atgarder">
            <h2 id="plan-atgarder">{t::OPEN_ACTIONS_TITLE}</h2>
            <p class="hint">{t::PLAN_ACTIONS_INTRO}</p>
            <div class="table-wrap">
                <table class="data">
                    <caption class="visually-hidden">{t::OPEN_ACTIONS_TITLE}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t::FORVALTNING}</th>
                            <th scope="col">{t::OPEN_ACTIONS}</th>
                            <th scope="col">{t::OVERDUE_ACTIONS}</th>
                            <th scope="col">{t::CAPABILITY}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(id, name, open, overdue, areas)| view! {
                            <tr class:overdue={overdue > 0}>
                                <th scope="row"><a href=format!("/atgarder?forvaltning={id}")>{name}</a></th>
                                <td>{open}</td>
                                <td>{overdue}</td>
                                <td>{areas.join(", ")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    })
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let q = use_query_map();
    let period = Memo::new(move |_| q.read().get("period"));
    let data = Resource::new(move || period.get(), plan_timeline);
    view! {
        <Title text=format!("{} – Redo", t::PLAN_TITLE) />
        <h1>{t::PLAN_TITLE}</h1>
        <p class="lead-text">{t::PLAN_INTRO} " " <a href="#lista">{t::SHOW_AS_LIST}</a></p>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(plan) => view! {
                        <PeriodNav period=plan.period base="/plan" />
                        <Timeline plan=plan.clone() />
                        <PlanActions plan=plan.clone() />
                        <PlanList plan />
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
