//! The assessments of one period, förvaltning × capability area: each cell a link to its
//! assessment (or to a new one, for those who assess that förvaltning), in reading order for the
//! keyboard. Below-target and unverified levels carry a symbol as well as a colour.

use crate::api::readiness::{GridCell, GridView, readiness_grid};
use crate::domain::improvement::ActionCell;
use crate::domain::readiness::{AssessmentStatus, Period, is_shortfall};
use crate::ui::components::ErrorView;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn cell_class(c: &GridCell) -> &'static str {
    match (c.cell.status, is_shortfall(c.cell.level, c.cell.target)) {
        (_, true) => "lvl short",
        (AssessmentStatus::Approved, false) => "lvl ok",
        _ => "lvl draft",
    }
}

/// The open corrective actions of a cell, linked to their list.
fn actions_link(actions: Option<ActionCell>, label: &str) -> impl IntoView + use<> {
    actions.map(|a| {
        let href = format!(
            "/atgarder?forvaltning={}&capability={}",
            a.forvaltning_id, a.capability_code
        );
        let text = t::cell_actions(a.count.open, a.count.overdue);
        let late = a.count.overdue > 0;
        view! {
            <a class="cell-actions" class:late=late href=href>
                <span aria-hidden="true">{if late { "▲ " } else { "⚑ " }}</span>
                {text}
                <span class="visually-hidden">" " {label.to_string()}</span>
            </a>
        }
    })
}

#[component]
fn Cell(
    cell: Option<GridCell>,
    href_new: Option<String>,
    label: String,
    actions: Option<ActionCell>,
) -> impl IntoView {
    let extra = actions_link(actions, &label);
    match cell {
        Some(c) => {
            let short = is_shortfall(c.cell.level, c.cell.target);
            let status = t::assessment_status(c.cell.status);
            let level = if c.cell.level.is_assessed() {
                c.cell.level.get().to_string()
            } else {
                "0".to_string()
            };
            let mut spoken = format!("{label}: {} {level}", t::LEVEL);
            if short {
                spoken.push_str(&format!(", {}", t::BELOW_TARGET));
            }
            if !c.verified {
                spoken.push_str(&format!(", {}", t::UNVERIFIED));
            }
            spoken.push_str(&format!(", {status}"));
            view! {
                <td class=cell_class(&c)>
                    <a href=format!("/beredskap/bedomningar/{}", c.cell.id)>
                        <span class="visually-hidden">{spoken}</span>
                        <span aria-hidden="true">
                            <span class="lvl-n">{level}</span>
                            {short.then(|| view! { <span class="mark">{t::BELOW_TARGET_MARK}</span> })}
                            {(!c.verified).then(|| view! { <span class="mark">{t::UNVERIFIED_MARK}</span> })}
                            <span class="lvl-status">{status}</span>
                        </span>
                    </a>
                    {extra}
                </td>
            }
            .into_any()
        }
        None => match href_new {
            Some(href) => view! {
                <td class="lvl none">
                    <a href=href>{t::ASSESS} <span class="visually-hidden">" " {label}</span></a>
                    {extra}
                </td>
            }
            .into_any(),
            None => view! { <td class="lvl none"><span aria-hidden="true">"–"</span><span class="visually-hidden">{t::NOT_ASSESSED_CELL}</span>{extra}</td> }.into_any(),
        },
    }
}

#[component]
fn Grid(view_model: GridView) -> impl IntoView {
    let GridView {
        period,
        current,
        forvaltningar,
        areas,
        cells,
        levels,
        assesses,
        actions,
    } = view_model;
    let href = |p: Period| format!("/beredskap/bedomningar?period={}", p.code());
    let title = t::period_title(&period.label());
    let columns = areas.clone();
    view! {
        <Title text=format!("{title} – Redo") />
        <h1>{title}</h1>
        <p class="lead">{t::ASSESSMENTS_INTRO}</p>
        <nav class="period-nav" aria-label=t::ASSESSMENT_PERIOD>
            <a href=href(period.previous())>"← " {t::PREVIOUS} " (" {period.previous().label()} ")"</a>
            <strong aria-current="page">{period.label()}</strong>
            <a href=href(period.next())>{t::NEXT} " (" {period.next().label()} ") →"</a>
            {(period != current).then(|| view! { <a href=href(current)>{t::CURRENT_PERIOD} " (" {current.label()} ")"</a> })}
        </nav>
        <div class="table-wrap">
            <table class="data assessment-grid">
                <caption>{t::ASSESSMENT_GRID_CAPTION} ", " {period.label()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::FORVALTNING}</th>
                        {columns.iter().map(|(code, title)| view! { <th scope="col"><abbr title=title.clone()>{code.clone()}</abbr></th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {forvaltningar
                        .into_iter()
                        .map(|f| {
                            let may = assesses.contains(&f.id);
                            let row = areas
                                .iter()
                                .map(|(code, title)| {
                                    let cell = cells
                                        .iter()
                                        .find(|c| c.cell.forvaltning_id == f.id && &c.cell.capability_code == code)
                                        .cloned();
                                    let href_new = may.then(|| format!(
                                        "/beredskap/bedomningar/ny?forvaltning={}&formaga={}&period={}",
                                        f.id,
                                        code,
                                        period.code()
                                    ));
                                    let label = format!("{} {} {}", f.code, code, title);
                                    let actions = actions
                                        .iter()
                                        .find(|a| a.forvaltning_id == f.id && &a.capability_code == code)
                                        .cloned();
                                    view! { <Cell cell href_new label actions /> }
                                })
                                .collect_view();
                            view! {
                                <tr>
                                    <th scope="row">{f.name.clone()}</th>
                                    {row}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <section class="panel legend" aria-labelledby="teckenforklaring">
            <h2 id="teckenforklaring">{t::LEGEND}</h2>
            <dl class="levels">
                {levels.into_iter().map(|l| view! { <dt>{l.level.get()} " " {l.label}</dt><dd>{l.anchor}</dd> }).collect_view()}
                <dt><span aria-hidden="true">{t::BELOW_TARGET_MARK}</span> " " {t::BELOW_TARGET}</dt><dd></dd>
                <dt><span aria-hidden="true">{t::UNVERIFIED_MARK}</span> " " {t::UNVERIFIED}</dt><dd></dd>
            </dl>
        </section>
    }
}

#[component]
pub fn AssessmentGridPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("period"), readiness_grid);
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Grid view_model=v /> }.into_any(),
                    Err(crate::api::AppError::NotFound) => view! { <crate::ui::components::NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
