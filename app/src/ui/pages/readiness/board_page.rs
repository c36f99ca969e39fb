//! The board dashboard (`/beredskap`): for a chosen period the headlines, the readiness heatmap,
//! the trend of a chosen area and the exercise coverage, each chart with a summary sentence, a
//! table and downloads. Read-only, printable on A4, complete without JavaScript.

use crate::api::briefs::FreezeBrief;
use crate::api::followup::DeadlineRow;
use crate::api::readiness::{BoardView, NokBoard, readiness_board};
use crate::domain::board::{Heatmap, Trend};
use crate::domain::readiness::{Level, Period};
use crate::ui::components::{
    ChartDownload, ChartFigure, ErrorView, FieldMessage, FormAlert, NotFound, PostForm,
    field_error_id, form_error, form_was_refused, posted_or,
};
use crate::ui::pages::followup::{DeadlineBadge, ValuesTable, due_text};
use crate::ui::pages::nok::DueDate;
use crate::ui::pages::plan::PerYearTable;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// How many periods the period choice offers, ending with the next one.
const PERIOD_CHOICES: usize = 10;

fn level_text(level: Option<Level>) -> String {
    level.map_or_else(|| "–".to_string(), |l| l.get().to_string())
}

#[component]
fn HeatmapTable(
    heatmap: Heatmap,
    /// Open corrective actions per cell, noted in it.
    actions: Vec<crate::domain::improvement::ActionCell>,
) -> impl IntoView {
    let period = heatmap.period;
    let open_in = move |f: i64, area: &str| {
        actions
            .iter()
            .find(|a| a.forvaltning_id == f && a.capability_code == area)
            .map(|a| t::cell_actions(a.count.open, a.count.overdue))
    };
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
                        {row.iter().zip(&heatmap.forvaltningar).map(|(cell, f)| {
                            let actions = open_in(f.id, &area.code);
                            match cell {
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
                                    notes.extend(actions);
                                    view! {
                                        <td>
                                            <a href=format!("/beredskap/bedomningar/{}", c.assessment_id)>{c.level.get()}</a>
                                            {(!notes.is_empty()).then(|| view! { <span class="cell-notes">{notes.join(", ")}</span> })}
                                        </td>
                                    }.into_any()
                                }
                                None => view! {
                                    <td>
                                        "–" <span class="visually-hidden">{t::NO_LEVEL}</span>
                                        {actions.map(|a| view! { <span class="cell-notes">{a}</span> })}
                                    </td>
                                }.into_any(),
                            }
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

/// The NÖK table beside its chart.
#[component]
fn NokTable(nok: NokBoard) -> impl IntoView {
    view! {
        <table class="data compact">
            <caption>{t::NOK_CHART_TITLE} ": " {nok.agreement.clone()}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::REQUIREMENT}</th>
                    <th scope="col">{t::STATUS}</th>
                    <th scope="col">{t::BASIC_CRITERIA}</th>
                    <th scope="col">{t::QUALITY_CRITERIA}</th>
                    <th scope="col">{t::DUE}</th>
                </tr>
            </thead>
            <tbody>
                {nok.rows.iter().map(|r| view! {
                    <tr>
                        <th scope="row"><a href=format!("/nok/krav/{}", r.requirement_id)>{r.code.clone()} " " {r.title.clone()}</a></th>
                        <td>{t::fulfilment_status(r.status)}</td>
                        <td>{format!("{}/{}", r.basic.0, r.basic.1)}</td>
                        <td>{format!("{}/{}", r.quality.0, r.quality.1)}</td>
                        <td><DueDate due_on=r.due_on due=r.due /></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn DeadlineList(deadlines: Vec<DeadlineRow>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="rapportering">
            <h2 id="rapportering">{t::UPCOMING_DEADLINES}</h2>
            {if deadlines.is_empty() {
                view! { <p>{t::NO_UPCOMING_DEADLINES}</p> }.into_any()
            } else {
                view! {
                    <ul class="deadline-list">
                        {deadlines.iter().map(|d| view! {
                            <li class:overdue=d.overdue>
                                {d.overdue.then(|| view! { <span aria-hidden="true">"▲ "</span> })}
                                <strong>{due_text(d)}</strong> ": " {d.deadline.title.clone()}
                                {(!d.recipient.is_empty()).then(|| format!(" – {}", d.recipient))}
                                " " <DeadlineBadge status=d.deadline.status />
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href="/kalender">{t::TO_CALENDAR}</a></p>
        </section>
    }
}

/// Open and overdue corrective actions per förvaltning and capability area: the cells that have
/// any, most overdue first; live, each links to its actions.
#[component]
fn OpenActions(v: BoardView, live: bool) -> impl IntoView {
    let mut cells = v.actions.clone();
    cells.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.count.overdue),
            std::cmp::Reverse(a.count.open),
        )
    });
    let open: u32 = cells.iter().map(|a| a.count.open).sum();
    let overdue: u32 = cells.iter().map(|a| a.count.overdue).sum();
    view! {
        <section class="panel open-actions" aria-labelledby="oppna-atgarder">
            <h2 id="oppna-atgarder">{t::OPEN_ACTIONS_TITLE}</h2>
            <p>{t::open_actions_summary(open, overdue)}</p>
            {(!cells.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="data">
                        <caption class="visually-hidden">{t::OPEN_ACTIONS_TITLE}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::FORVALTNING}</th>
                                <th scope="col">{t::CAPABILITY}</th>
                                <th scope="col">{t::OPEN_ACTIONS}</th>
                                <th scope="col">{t::OVERDUE_ACTIONS}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {cells.iter().map(|a| {
                                let ((_, name), area) = crate::api::readiness::board_names(&v, a);
                                let href = format!("/atgarder?forvaltning={}&capability={}", a.forvaltning_id, a.capability_code);
                                view! {
                                    <tr class:overdue={a.count.overdue > 0}>
                                        <th scope="row">{name}</th>
                                        <td>{area}</td>
                                        <td>{if live { view! { <a href=href>{a.count.open}</a> }.into_any() } else { view! { {a.count.open} }.into_any() }}</td>
                                        <td>{a.count.overdue}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// The dashboard's content: what the board reads, and what a frozen brief stores. `live` adds
/// the download links (a brief's charts are downloaded from the brief).
#[component]
pub fn BoardBody(v: BoardView, live: bool) -> impl IntoView {
    let period = v.period;
    let query = format!("?period={}&area={}", period.code(), v.trend.area.code);
    let download = |name: &str| {
        live.then(|| ChartDownload {
            path: format!("/beredskap/diagram/{name}"),
            query: query.clone(),
        })
    };
    let mandate = v.mandate;
    view! {
        <section class="panel headlines" aria-labelledby="det-viktigaste">
            <h2 id="det-viktigaste">{t::HEADLINES}</h2>
            <ul>
                {v.headlines.iter().map(|h| view! { <li>{t::headline(h)}</li> }).collect_view()}
            </ul>
        </section>
        <DeadlineList deadlines=v.deadlines.clone() />
        <OpenActions v=v.clone() live />
        <ChartFigure
            id="formaga"
            title=format!("{}, {}", t::HEATMAP_TITLE, period.label())
            summary=t::heatmap_summary(&v.heatmap)
            svg=v.heatmap_svg.clone()
            download=download("formaga")
        >
            <HeatmapTable heatmap=v.heatmap.clone() actions=v.actions.clone() />
        </ChartFigure>
        <ChartFigure
            id="utveckling"
            title=format!("{}: {}", t::TREND_TITLE, v.trend.area.title)
            summary=t::trend_summary(&v.trend)
            svg=v.trend_svg.clone()
            download=download("trend")
        >
            <TrendTable trend=v.trend.clone() />
        </ChartFigure>
        {v.nok.clone().map(|nok| view! {
            <ChartFigure
                id="nok"
                title=format!("{}: {}", t::NOK_CHART_TITLE, nok.agreement)
                summary=t::nok_summary(&nok.rows, v.today)
                svg=nok.svg.clone()
                download=download("nok")
            >
                <NokTable nok=nok.clone() />
            </ChartFigure>
        })}
        {v.indicator.clone().map(|ind| {
            let i = ind.row.indicator.clone();
            view! {
                <ChartFigure
                    id="indikator"
                    title=format!("{} ({})", i.name, i.unit)
                    summary=t::indicator_summary(&i)
                    svg=ind.svg.clone()
                    download=download(&format!("indikator-{}", i.id))
                >
                    <ValuesTable indicator=i.clone() years=ind.years.clone() />
                </ChartFigure>
            }
        })}
        <h2 class="section-title">{t::COVERAGE_SECTION} " " {mandate.label()}</h2>
        <p>{t::gaps_summary(v.coverage_gaps, &mandate.label(), t::WHOLE_REGION)}</p>
        <ChartFigure
            id="per-ar"
            title=t::PER_YEAR_TITLE.to_string()
            summary=t::per_year_summary(&v.per_year)
            svg=v.per_year_svg.clone()
            download=download("ovningar-per-ar")
        >
            <PerYearTable counts=v.per_year.clone() />
        </ChartFigure>
    }
}

#[component]
fn FreezeForm(v: BoardView) -> impl IntoView {
    let error = form_error(FreezeBrief::PATH, Some("frys"));
    let title = t::brief_default_title(&v.period.label());
    view! {
        <details class="freeze no-print" open=form_was_refused("frys")>
            <summary>{t::FREEZE_BRIEF}</summary>
            <PostForm action=FreezeBrief::PATH name="frys">
                <FormAlert error />
                <p class="hint">{t::FREEZE_HINT}</p>
                <input type="hidden" name="period" value=v.period.code() />
                <input type="hidden" name="area" value=v.trend.area.code.clone() />
                <input type="hidden" name="indicator" value=v.indicator.as_ref().map_or(0, |i| i.row.indicator.id) />
                <div class="field">
                    <label for="brief-title">{t::BRIEF_TITLE}</label>
                    <input id="brief-title" name="title" value=posted_or("title", title) aria-describedby=field_error_id("title") />
                    <FieldMessage field="title" error />
                </div>
                <div class="field">
                    <label for="brief-date">{t::REPORTING_DATE}</label>
                    <input id="brief-date" type="date" name="reporting_date" value=posted_or("reporting_date", v.today.to_string()) aria-describedby=field_error_id("reporting_date") />
                    <FieldMessage field="reporting_date" error />
                </div>
                <button type="submit" class="button primary">{t::FREEZE}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn Board(v: BoardView) -> impl IntoView {
    let period = v.period;
    let title = t::board_title(&period.label());
    let area_code = v.trend.area.code.clone();
    let chosen_indicator = v.indicator.as_ref().map_or(0, |i| i.row.indicator.id);
    let mandate = v.mandate;
    view! {
        <Title text=format!("{title} – Redo") />
        <h1>{title}</h1>
        <p class="lead">{t::BOARD_INTRO}</p>
        <form method="get" action="/beredskap" class="filters" aria-label=t::BOARD_CHOICE>
            <div class="field">
                <label for="period">{t::ASSESSMENT_PERIOD}</label>
                <select id="period" name="period">
                    {period_choices(period, v.current).into_iter().map(|p| view! {
                        <option value=p.code() selected=p == period>{p.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="area">{t::AREA_FOR_TREND}</label>
                <select id="area" name="area">
                    {v.areas.iter().map(|a| view! {
                        <option value=a.code.clone() selected=a.code == area_code>{a.title.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            {(!v.indicators.is_empty()).then(|| view! {
                <div class="field">
                    <label for="indikator">{t::INDICATOR}</label>
                    <select id="indikator" name="indikator">
                        {v.indicators.iter().map(|r| view! {
                            <option value=r.indicator.id selected=r.indicator.id == chosen_indicator>{r.indicator.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="filter-actions">
                <button type="submit" class="button">{t::SHOW}</button>
            </div>
        </form>
        <BoardBody v=v.clone() live=true />
        {v.can_freeze.then(|| view! { <FreezeForm v=v.clone() /> })}
        <nav class="related" aria-label=t::RELATED>
            <ul>
                <li><a href=format!("/beredskap/bedomningar?period={}", period.code())>{t::TO_ASSESSMENTS} " (" {period.label()} ")"</a></li>
                <li><a href=format!("/tackning?period={}", mandate.first_year)>{t::TO_COVERAGE}</a></li>
                <li><a href="/nok">{t::NOK_TITLE}</a></li>
                <li><a href="/beredskap/rapporter">{t::BRIEFS_TITLE}</a></li>
            </ul>
        </nav>
    }
}

/// The dashboard's content rendered to HTML, as a frozen brief stores it.
#[cfg(feature = "ssr")]
pub fn render_board_body(v: &BoardView) -> String {
    let v = v.clone();
    view! { <BoardBody v live=false /> }.to_html()
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("period"), q.get("area"), q.get("indikator"))
        },
        |(p, a, i)| readiness_board(p, a, i),
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Board v /> }.into_any(),
                    Err(crate::api::AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
