//! Coverage: capability area × year (optionally for one förvaltning) and × förvaltning.
//! Each cell says in words what it shows; colour only repeats it.

use super::PeriodNav;
use crate::api::plan::{CoverageView, plan_coverage};
use crate::domain::coverage::{CellState, Coverage, CoverageCell, YearCount};
use crate::ui::components::ErrorView;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn cell_class(cell: CoverageCell) -> &'static str {
    match cell.state() {
        CellState::Gap => "cov gap",
        CellState::PlannedOnly => "cov planned",
        CellState::Exercised => "cov exercised",
    }
}

#[component]
fn Cell(cell: CoverageCell, #[prop(optional)] total: bool) -> impl IntoView {
    let body = match cell.state() {
        CellState::Gap => view! { <span class="cov-state">{if total { t::GAP_LONG } else { t::GAP }}</span> }.into_any(),
        _ => view! {
            {(cell.conducted > 0).then(|| view! { <span class="cov-count">{t::conducted_count(cell.conducted)}</span> })}
            {(cell.planned > 0).then(|| view! { <span class="cov-count">{t::planned_count(cell.planned)}</span> })}
        }
        .into_any(),
    };
    view! { <td class=cell_class(cell)>{body}</td> }
}

#[component]
fn Matrix(coverage: Coverage, caption: String, with_total: bool) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data coverage">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::CAPABILITY}</th>
                        {coverage.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                        {with_total.then(|| view! { <th scope="col">{t::TOTAL}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {coverage
                        .rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/ovningar?formaga={}", r.code)>{r.code.clone()}</a>
                                        " "
                                        {r.title.clone()}
                                    </th>
                                    {r.cells.into_iter().map(|c| view! { <Cell cell=c /> }).collect_view()}
                                    {with_total.then(|| view! { <Cell cell=r.total total=true /> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Exercises per year as a table: the per-year chart's numbers.
#[component]
pub fn PerYearTable(counts: Vec<YearCount>) -> impl IntoView {
    view! {
        <table class="data compact">
            <caption>{t::PER_YEAR_TABLE}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::YEAR}</th>
                    <th scope="col">{t::CONDUCTED_COL}</th>
                    <th scope="col">{t::PLANNED_COL}</th>
                    <th scope="col">{t::CANCELLED_COL}</th>
                </tr>
            </thead>
            <tbody>
                {counts.into_iter().map(|c| view! {
                    <tr>
                        <th scope="row">{c.year}</th>
                        <td>{c.conducted}</td>
                        <td>{c.planned}</td>
                        <td>{c.cancelled}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The per-year chart with its text alternative and the same numbers as a table.
#[component]
fn PerYear(counts: Vec<YearCount>, svg: String) -> impl IntoView {
    let summary = counts
        .iter()
        .map(|c| {
            format!(
                "{}: {} genomförda, {} planerade",
                c.year, c.conducted, c.planned
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section class="chart-block" aria-labelledby="per-ar">
            <h2 id="per-ar">{t::PER_YEAR_TITLE}</h2>
            <figure class="chart">
                <div class="chart-svg" role="img" aria-label=format!("{}. {summary}.", t::PER_YEAR_TITLE) inner_html=svg></div>
                <figcaption>
                    <span class="legend-swatch conducted" aria-hidden="true"></span> {t::EXERCISED}
                    " "
                    <span class="legend-swatch planned" aria-hidden="true"></span> {t::PLANNED_ONLY}
                </figcaption>
            </figure>
            <div class="table-wrap">
                <PerYearTable counts />
            </div>
        </section>
    }
}

#[component]
fn Loaded(view_model: CoverageView) -> impl IntoView {
    let period = view_model.by_year.period;
    let selected = view_model.selected;
    let selected_name = view_model
        .forvaltningar
        .iter()
        .find(|f| Some(f.id) == selected)
        .map(|f| f.name.clone())
        .unwrap_or_else(|| t::WHOLE_REGION.to_string());
    let gaps = view_model.by_year.gaps().len();
    let extra = selected
        .map(|s| format!("&forvaltning={s}"))
        .unwrap_or_default();
    view! {
        <PeriodNav period base="/tackning" extra />
        <form method="get" action="/tackning" class="filters">
            <input type="hidden" name="period" value=period.first_year />
            <div class="field">
                <label for="forvaltning">{t::FORVALTNING}</label>
                <select id="forvaltning" name="forvaltning">
                    <option value="">{t::WHOLE_REGION}</option>
                    {view_model
                        .forvaltningar
                        .iter()
                        .map(|f| view! { <option value=f.id selected=Some(f.id) == selected>{format!("{} – {}", f.code, f.name)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t::SHOW}</button>
            </div>
        </form>
        <p class="summary" aria-live="polite">
            {t::gaps_summary(gaps, &period.label(), &selected_name)}
        </p>
        {(!view_model.untested.is_empty()).then(|| view! {
            <section class="panel gap-panel" aria-labelledby="utan-aterprov">
                <h2 id="utan-aterprov"><span aria-hidden="true">"⚑ "</span>{t::UNTESTED_TITLE}</h2>
                <p>{t::UNTESTED_INTRO}</p>
                <ul class="gap-list">
                    {view_model.untested.iter().map(|a| view! {
                        <li>
                            <a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a>
                            <span class="cell-notes">{format!("{} · {} {} · {} {}", a.forvaltning.1, a.capability_code, a.capability_title, t::DUE_DATE, a.due_on)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <PerYear counts=view_model.per_year svg=view_model.per_year_svg />
        <h2>{t::COVERAGE_BY_YEAR}</h2>
        <Matrix coverage=view_model.by_year caption=format!("{} – {}", t::COVERAGE_BY_YEAR, selected_name) with_total=true />
        <h2>{t::COVERAGE_BY_FORVALTNING}</h2>
        <Matrix coverage=view_model.by_forvaltning caption=format!("{} {}", t::COVERAGE_BY_FORVALTNING, period.label()) with_total=true />
    }
}

#[component]
pub fn CoveragePage() -> impl IntoView {
    let q = use_query_map();
    let params = Memo::new(move |_| (q.read().get("period"), q.read().get("forvaltning")));
    let data = Resource::new(move || params.get(), |(p, f)| plan_coverage(p, f));
    view! {
        <Title text=format!("{} – Redo", t::COVERAGE_TITLE) />
        <h1>{t::COVERAGE_TITLE}</h1>
        <p class="lead-text">{t::COVERAGE_INTRO}</p>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Loaded view_model=v /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
