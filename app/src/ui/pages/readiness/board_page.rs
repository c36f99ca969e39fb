//! The board dashboard (`/beredskap`): for a chosen period the headlines, the readiness heatmap,
//! the trend of a chosen area and the exercise coverage, each chart with a summary sentence, a
//! table and downloads. Read-only, printable on A4, complete without JavaScript.

use crate::api::readiness::{BoardView, readiness_board};
use crate::domain::board::{Heatmap, Trend};
use crate::domain::readiness::{Level, Period};
use crate::ui::components::{ChartDownload, ChartFigure, ErrorView, NotFound};
use crate::ui::pages::plan::PerYearTable;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// How many periods the period choice offers, ending with the next one.
const PERIOD_CHOICES: usize = 10;

fn level_text(level: Option<Level>) -> String {
    level.map_or_else(|| "–".to_string(), |l| l.get().to_string())
}

#[component]
fn HeatmapTable(heatmap: Heatmap) -> impl IntoView {
    let period = heatmap.period;
    view! {
        <table class="data compact heat-table">
            <caption>{t::HEATMAP_TITLE} ", " {period.label()}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::CAPABILITY}</th>
                    {heatmap.forvaltningar.iter().map(|f| view! { <th scope="col"><abbr title=f.name.clone()>{f.code.clone()}</abbr></th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {heatmap.areas.iter().zip(&heatmap.cells).map(|(area, row)| view! {
                    <tr>
                        <th scope="row">{area.title.clone()}</th>
                        {row.iter().map(|cell| match cell {
                            Some(c) => {
                                let mut notes = Vec::new();
                                if c.shortfall() {
                                    notes.push(format!("{} {}", t::BELOW_TARGET_MARK, t::BELOW_TARGET));
                                }
                                if !c.verified {
                                    notes.push(format!("{} {}", t::UNVERIFIED_MARK, t::UNVERIFIED));
                                }
                                if c.period != period {
                                    notes.push(format!("fastställd {}", c.period.label()));
                                }
                                view! {
                                    <td>
                                        <a href=format!("/beredskap/bedomningar/{}", c.assessment_id)>{c.level.get()}</a>
                                        {(!notes.is_empty()).then(|| view! { <span class="cell-notes">{notes.join(", ")}</span> })}
                                    </td>
                                }.into_any()
                            }
                            None => view! { <td>"–" <span class="visually-hidden">{t::NO_LEVEL}</span></td> }.into_any(),
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn TrendTable(trend: Trend) -> impl IntoView {
    view! {
        <table class="data compact">
            <caption>{t::TREND_TITLE} ": " {trend.area.title.clone()}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::FORVALTNING}</th>
                    {trend.periods.iter().map(|p| view! { <th scope="col">{p.label()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                <tr class="total">
                    <th scope="row">{t::REGION_MEDIAN}</th>
                    {trend.median.iter().map(|m| view! { <td>{level_text(*m)}</td> }).collect_view()}
                </tr>
                {trend.series.iter().map(|s| view! {
                    <tr>
                        <th scope="row">{s.forvaltning.name.clone()}</th>
                        {s.levels.iter().map(|l| view! { <td>{level_text(*l)}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The periods to choose from: the current one's neighbours and the chosen one.
fn period_choices(chosen: Period, current: Period) -> Vec<Period> {
    let mut periods = current.next().last_n(PERIOD_CHOICES);
    if !periods.contains(&chosen) {
        periods.insert(0, chosen);
    }
    periods.sort();
    periods.reverse();
    periods
}

#[component]
fn Board(view_model: BoardView) -> impl IntoView {
    let BoardView {
        period,
        current,
        areas,
        heatmap,
        trend,
        headlines,
        evidence_months: _,
        heatmap_svg,
        trend_svg,
        mandate,
        per_year,
        per_year_svg,
        coverage_gaps,
    } = view_model;
    let title = t::board_title(&period.label());
    let area_code = trend.area.code.clone();
    let query = format!("?period={}&area={}", period.code(), area_code);
    let download = |name: &str| ChartDownload {
        path: format!("/beredskap/diagram/{name}"),
        query: query.clone(),
    };
    view! {
        <Title text=format!("{title} – Redo") />
        <h1>{title}</h1>
        <p class="lead">{t::BOARD_INTRO}</p>
        <form method="get" action="/beredskap" class="filters" aria-label=t::BOARD_CHOICE>
            <div class="field">
                <label for="period">{t::ASSESSMENT_PERIOD}</label>
                <select id="period" name="period">
                    {period_choices(period, current).into_iter().map(|p| view! {
                        <option value=p.code() selected=p == period>{p.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="area">{t::AREA_FOR_TREND}</label>
                <select id="area" name="area">
                    {areas.iter().map(|a| view! {
                        <option value=a.code.clone() selected=a.code == area_code>{a.title.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="submit" class="button">{t::SHOW}</button>
            </div>
        </form>
        <section class="panel headlines" aria-labelledby="det-viktigaste">
            <h2 id="det-viktigaste">{t::HEADLINES}</h2>
            <ul>
                {headlines.iter().map(|h| view! { <li>{t::headline(h)}</li> }).collect_view()}
            </ul>
        </section>
        <ChartFigure
            id="formaga"
            title=format!("{}, {}", t::HEATMAP_TITLE, period.label())
            summary=t::heatmap_summary(&heatmap)
            svg=heatmap_svg
            download=download("formaga")
        >
            <HeatmapTable heatmap=heatmap />
        </ChartFigure>
        <ChartFigure
            id="utveckling"
            title=format!("{}: {}", t::TREND_TITLE, trend.area.title)
            summary=t::trend_summary(&trend)
            svg=trend_svg
            download=download("trend")
        >
            <TrendTable trend=trend />
        </ChartFigure>
        <h2 class="section-title">{t::COVERAGE_SECTION} " " {mandate.label()}</h2>
        <p>{t::gaps_summary(coverage_gaps, &mandate.label(), t::WHOLE_REGION)}</p>
        <ChartFigure
            id="per-ar"
            title=t::PER_YEAR_TITLE.to_string()
            summary=t::per_year_summary(&per_year)
            svg=per_year_svg
            download=download("ovningar-per-ar")
        >
            <PerYearTable counts=per_year />
        </ChartFigure>
        <nav class="related" aria-label=t::RELATED>
            <ul>
                <li><a href=format!("/beredskap/bedomningar?period={}", period.code())>{t::TO_ASSESSMENTS} " (" {period.label()} ")"</a></li>
                <li><a href=format!("/tackning?period={}", mandate.first_year)>{t::TO_COVERAGE}</a></li>
            </ul>
        </nav>
    }
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || (query.read().get("period"), query.read().get("area")),
        |(p, a)| readiness_board(p, a),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Board view_model=v /> }.into_any(),
                    Err(crate::api::AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
