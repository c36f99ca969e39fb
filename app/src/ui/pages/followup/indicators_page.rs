//! Indicators (`/indikatorer`, `/indikatorer/:id`): each with its unit, which way is better, its
//! baseline and target, the region's latest value against the target, and per indicator the
//! chart against the baseline and target lines, the values by year, and the forms to enter them.

use crate::api::AppError;
use crate::api::followup::{
    IndicatorRow, IndicatorView, IndicatorsView, SaveIndicator, SaveIndicatorValue, get_indicator,
    list_indicators,
};
use crate::domain::indicator::{Direction, Indicator, Measure};
use crate::ui::components::{
    ChartDownload, ChartFigure, ErrorView, FieldMessage, FormAlert, NotFound, PostForm,
    PostedCheckbox, PostedSelect, form_error, form_was_refused, posted_or,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// "22 st (2025)", or a dash.
pub fn latest_text(row: &IndicatorRow) -> String {
    match row.latest {
        Some((year, v)) => format!("{} {} ({year})", v.format(), row.indicator.unit),
        None => "–".to_string(),
    }
}

/// Whether the latest value reaches the target, in words.
pub fn target_text(row: &IndicatorRow) -> String {
    match (row.reaches, row.progress) {
        (Some(true), _) => t::TARGET_REACHED.to_string(),
        (Some(false), Some(p)) => t::target_progress(p),
        (Some(false), None) => t::TARGET_NOT_REACHED.to_string(),
        (None, _) => "–".to_string(),
    }
}

#[component]
fn IndicatorForm(initial: Option<Indicator>) -> impl IntoView {
    let prefix = if initial.is_some() {
        "indikator"
    } else {
        "indikator-ny"
    };
    let error = form_error(SaveIndicator::PATH, Some(prefix));
    let (id, version) = initial.as_ref().map_or((0, 0), |i| (i.id, i.version));
    let text = {
        let initial = initial.clone();
        move |f: fn(&Indicator) -> String| initial.as_ref().map(f).unwrap_or_default()
    };
    let stored_direction = initial
        .as_ref()
        .map_or(String::new(), |i| i.direction.code().to_string());
    let directions: Vec<(String, String)> = std::iter::once((String::new(), t::CHOOSE.to_string()))
        .chain(
            Direction::ALL
                .into_iter()
                .map(|d| (d.code().to_string(), t::direction(d).to_string())),
        )
        .collect();
    let stored_per = initial.as_ref().is_some_and(|i| i.per_forvaltning);
    let field = move |f: &'static str, label: &'static str, value: String, kind: &'static str| {
        let id = format!("{prefix}-{f}");
        let msg = format!("{prefix}-{f}-fel");
        let name = format!("input[{f}]");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind name=name.clone() value=posted_or(&name, value) aria-describedby=msg.clone() />
                <FieldMessage field=f error id=msg />
            </div>
        }
    };
    let dir_id = format!("{prefix}-direction");
    let per_id = format!("{prefix}-per");
    view! {
        <PostForm action=SaveIndicator::PATH name=prefix class="indicator-form">
            <FormAlert error />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            {field("name", t::NAME, text(|i| i.name.clone()), "text")}
            {field("unit", t::UNIT, text(|i| i.unit.clone()), "text")}
            <div class="field">
                <label for=dir_id.clone()>{t::DIRECTION}</label>
                <PostedSelect id=dir_id name="input[direction]".to_string() stored=stored_direction options=directions describedby=format!("{prefix}-direction-fel") />
                <FieldMessage field="direction" error id=format!("{prefix}-direction-fel") />
            </div>
            {field("baseline_year", t::BASELINE_YEAR, text(|i| i.baseline_year.to_string()), "text")}
            {field("baseline", t::BASELINE, text(|i| i.baseline.format()), "text")}
            {field("target", t::TARGET_VALUE, text(|i| i.target.format()), "text")}
            {field("target_year", t::TARGET_YEAR, text(|i| i.target_year.to_string()), "text")}
            {field("source", t::SOURCE, text(|i| i.source.clone()), "text")}
            <div class="field checkbox">
                <PostedCheckbox id=per_id.clone() name="input[per_forvaltning]".to_string() value="on".to_string() stored=stored_per />
                <label for=per_id>{t::PER_FORVALTNING}</label>
            </div>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn List(v: IndicatorsView) -> impl IntoView {
    view! {
        <Title text=format!("{} – Redo", t::INDICATORS_TITLE) />
        <h1>{t::INDICATORS_TITLE}</h1>
        <p class="lead">{t::INDICATORS_INTRO}</p>
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{t::INDICATORS_TITLE}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::INDICATOR}</th>
                        <th scope="col">{t::DIRECTION}</th>
                        <th scope="col">{t::BASELINE}</th>
                        <th scope="col">{t::TARGET_VALUE}</th>
                        <th scope="col">{t::LATEST}</th>
                        <th scope="col">{t::AGAINST_TARGET}</th>
                    </tr>
                </thead>
                <tbody>
                    {v.rows.into_iter().map(|row| {
                        let i = row.indicator.clone();
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/indikatorer/{}", i.id)>{i.name.clone()}</a></th>
                                <td>{t::direction(i.direction)}</td>
                                <td>{format!("{} {} ({})", i.baseline.format(), i.unit, i.baseline_year)}</td>
                                <td>{format!("{} {} ({})", i.target.format(), i.unit, i.target_year)}</td>
                                <td>{latest_text(&row)}</td>
                                <td>{target_text(&row)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {v.can_edit.then(|| view! {
            <details class="add-indicator" open=form_was_refused("indikator-ny")>
                <summary>{t::ADD_INDICATOR}</summary>
                <IndicatorForm initial=None />
            </details>
        })}
    }
}

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_indicators());
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

/// The values by year: the region, then each förvaltning.
#[component]
pub fn ValuesTable(indicator: Indicator, years: Vec<i32>) -> impl IntoView {
    let series = indicator.series();
    let value = move |s: &crate::domain::indicator::IndicatorSeries, year: i32| {
        s.points
            .iter()
            .find(|(y, _)| *y == year)
            .map_or_else(|| "–".to_string(), |(_, v): &(i32, Measure)| v.format())
    };
    view! {
        <table class="data compact">
            <caption>{format!("{} ({})", indicator.name, indicator.unit)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t::VALUE_FOR}</th>
                    {years.iter().map(|y| view! { <th scope="col">{*y}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                <tr class="total">
                    <th scope="row">{t::TARGET_VALUE}</th>
                    {years.iter().map(|y| view! { <td>{if *y == indicator.target_year { indicator.target.format() } else { String::new() }}</td> }).collect_view()}
                </tr>
                {series.iter().map(|s| {
                    let name = s.forvaltning.as_ref().map_or_else(|| t::REGION.to_string(), |f| f.name.clone());
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            {years.iter().map(|y| view! { <td>{value(s, *y)}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn ValueForm(v: IndicatorView) -> impl IntoView {
    let error = form_error(SaveIndicatorValue::PATH, Some("varde"));
    let name_of = |scope: i64| {
        if scope == 0 {
            t::REGION.to_string()
        } else {
            v.forvaltningar
                .iter()
                .find(|f| f.id == scope)
                .map(|f| f.name.clone())
                .unwrap_or_default()
        }
    };
    let scopes: Vec<(i64, String)> = v.value_scopes.iter().map(|s| (*s, name_of(*s))).collect();
    let first_scope = scopes.first().map(|s| s.0.to_string()).unwrap_or_default();
    let scopes: Vec<(String, String)> = scopes
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let latest_year = v.years.last().copied().unwrap_or_default();
    let years: Vec<(String, String)> = v
        .years
        .iter()
        .rev()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    view! {
        <PostForm action=SaveIndicatorValue::PATH name="varde" class="inline-form value-form">
            <FormAlert error />
            <input type="hidden" name="id" value=v.row.indicator.id />
            <input type="hidden" name="version" value=v.row.indicator.version />
            <div class="field">
                <label for="varde-scope">{t::VALUE_FOR}</label>
                <PostedSelect id="varde-scope".to_string() name="forvaltning".to_string() stored=first_scope options=scopes describedby="varde-scope-fel" />
                <FieldMessage field="forvaltning" error id="varde-scope-fel" />
            </div>
            <div class="field">
                <label for="varde-year">{t::YEAR}</label>
                <PostedSelect id="varde-year".to_string() name="input[year]".to_string() stored=(latest_year - 1).to_string() options=years describedby="varde-year-fel" />
                <FieldMessage field="year" error id="varde-year-fel" />
            </div>
            <div class="field">
                <label for="varde-value">{t::VALUE} " (" {v.row.indicator.unit.clone()} ")"</label>
                <input id="varde-value" type="text" name="input[value]" inputmode="decimal" value=posted_or("input[value]", String::new()) aria-describedby="varde-value-tips varde-value-fel" />
                <p class="hint" id="varde-value-tips">{t::VALUE_HINT}</p>
                <FieldMessage field="value" error id="varde-value-fel" />
            </div>
            <button type="submit" class="button">{t::SAVE_VALUE}</button>
        </PostForm>
    }
}

#[component]
fn Detail(v: IndicatorView) -> impl IntoView {
    let i = v.row.indicator.clone();
    let saved = use_query_map().read_untracked().get("sparat").is_some();
    let title = format!("{} ({})", i.name, i.unit);
    let download = Some(ChartDownload {
        path: format!("/beredskap/diagram/indikator-{}", i.id),
        query: String::new(),
    });
    let (years, scopes, can_edit) = (
        v.years.clone(),
        v.value_scopes.clone(),
        v.can_edit_definition,
    );
    let (summary, svg, latest, target) = (
        t::indicator_summary(&i),
        v.svg.clone(),
        latest_text(&v.row),
        target_text(&v.row),
    );
    let (table_i, form_i) = (i.clone(), i.clone());
    view! {
        <Title text=format!("{} – Redo", i.name) />
        <p class="breadcrumb"><a href="/indikatorer">{t::BACK_TO_INDICATORS}</a></p>
        <h1>{i.name.clone()}</h1>
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::SAVED}</p> })}
        <dl class="facts">
            <dt>{t::UNIT}</dt><dd>{i.unit.clone()}</dd>
            <dt>{t::DIRECTION}</dt><dd>{t::direction(i.direction)}</dd>
            <dt>{t::BASELINE}</dt><dd>{format!("{} ({})", i.baseline.format(), i.baseline_year)}</dd>
            <dt>{t::TARGET_VALUE}</dt><dd>{format!("{} ({})", i.target.format(), i.target_year)}</dd>
            <dt>{t::LATEST}</dt><dd>{latest} " · " {target}</dd>
            {(!i.source.is_empty()).then(|| view! { <dt>{t::SOURCE}</dt><dd>{i.source.clone()}</dd> })}
        </dl>
        <ChartFigure id="diagram" title=title summary=summary svg=svg download=download>
            <ValuesTable indicator=table_i.clone() years=years.clone() />
        </ChartFigure>
        {(!scopes.is_empty()).then(|| view! {
            <section aria-labelledby="varden">
                <h2 id="varden">{t::ENTER_VALUES}</h2>
                <p class="hint">{t::ENTER_VALUES_HINT}</p>
                <ValueForm v=v.clone() />
            </section>
        })}
        {can_edit.then(|| view! {
            <details class="edit-indicator" open=form_was_refused("indikator")>
                <summary>{t::EDIT_INDICATOR}</summary>
                <IndicatorForm initial=Some(form_i.clone()) />
            </details>
        })}
    }
}

#[component]
pub fn IndicatorPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) if id > 0 => get_indicator(id).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Detail v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
