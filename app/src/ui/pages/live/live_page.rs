//! The live view of a running exercise (`/ovningar/:id/live`): the exercise clock, control's
//! buttons, the entry form, the inject list with its send buttons and checklists, and the log.
//! Without JavaScript it is plain forms and an "Uppdatera" link; with it the islands keep the
//! clock ticking and the log current, and queue entries while the network is down.

use super::live_island::{ClockProps, LiveClock, LiveEntry, StreamProps};
use super::log::{Banner, EntryFields, EntryList, LogFilterProps, LogProps, Refused};
use crate::api::AppError;
use crate::api::conduct::{
    ClockAction, CorrectEntry, LiveView, LogEntry, SendInject, SetClock, SkipInject, TickAction,
    get_live,
};
use crate::api::exercises::TransitionExercise;
use crate::domain::ExerciseStatus;
use crate::domain::conduct::{ClockState, EntryKind, Inject, InjectStatus, scenario_label};
use crate::ui::components::{
    ACTION_FIELD, ErrorView, FieldMessage, FormAlert, KEY_FIELD, NotFound, PostForm, StatusBadge,
    form_error, posted_or, refusal_of,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What a refused post of the form posting to `action` sent, as the log's fields.
fn refused(action: &str, form: Option<&str>) -> Option<Refused> {
    let r = refusal_of(action, form)?;
    let value = |k: &str| r.value(k).unwrap_or_default().to_string();
    let (messages, alert) = match &r.error {
        AppError::Invalid(f) => (
            f.0.iter()
                .map(|e| (e.field.clone(), t::message(&e.message)))
                .collect(),
            Some(t::FIX_FIELDS.to_string()),
        ),
        other => (Vec::new(), Some(other.to_string())),
    };
    Some(Refused {
        kind: value("input[kind]"),
        text: value("input[text]"),
        inject: value("input[inject]"),
        objective: value("input[objective]"),
        forvaltning: value("input[forvaltning]"),
        messages,
        alert,
    })
}

fn scenario_now(v: &LiveView) -> String {
    let ms = v.clock_view.scenario_ms;
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| scenario_label(t.naive_utc(), v.clock.scenario_start))
        .unwrap_or_default()
}

/// The props of the log part, from the view and the page's query.
pub fn log_props(v: &LiveView, page: String, filter: LogFilterProps) -> LogProps {
    let kinds = match v.role {
        Some(r) => EntryKind::WRITTEN
            .into_iter()
            .filter(|k| r.may_log(*k))
            .collect(),
        None => Vec::new(),
    };
    LogProps {
        exercise_id: v.exercise.id,
        user_id: v.user_id,
        page,
        role: v.role,
        kinds,
        injects: v
            .injects
            .iter()
            .map(|i| {
                let content: String = i.content.chars().take(50).collect();
                (i.id.to_string(), format!("{} – {content}", i.number))
            })
            .collect(),
        objectives: v
            .exercise
            .objectives
            .iter()
            .enumerate()
            .map(|(n, o)| {
                let text: String = o.text.chars().take(50).collect();
                (o.id.to_string(), format!("{}. {text}", n + 1))
            })
            .collect(),
        forvaltningar: v
            .forvaltningar
            .iter()
            .filter(|f| f.active)
            .map(|f| (f.id.to_string(), format!("{} – {}", f.code, f.name)))
            .collect(),
        entries: v.entries.clone(),
        last_seq: v.last_seq,
        form_key: v.form_key.clone(),
        filter,
        corrects_all: v.role.is_some_and(|r| r.controls()),
        refused: refused(LogEntry::PATH, None),
    }
}

/// What the browser half of the page needs.
fn stream_props(props: &LogProps) -> StreamProps {
    StreamProps {
        exercise_id: props.exercise_id,
        user_id: props.user_id,
        page: props.page.clone(),
        can_log: props.role.is_some(),
        kinds: props.kinds.clone(),
        last_seq: props.last_seq,
        filter: props.filter.clone(),
        corrects_all: props.corrects_all,
    }
}

/// The entry form's fields (the island puts the form around them).
#[component]
fn EntryFormFields(props: LogProps) -> impl IntoView {
    let values = props.refused.clone().unwrap_or_default();
    let alert = values.alert.clone();
    view! {
        {alert.map(|a| view! { <div class="form-alert" role="alert">{a}</div> })}
        <input type="hidden" name=ACTION_FIELD value=LogEntry::PATH />
        <input type="hidden" name=KEY_FIELD value=props.form_key.clone() />
        <input type="hidden" name="id" value=props.exercise_id />
        <EntryFields props=props.clone() values prefix="" />
    }
}

#[component]
fn ClockPanel(v: LiveView) -> impl IntoView {
    let state = v.clock.state();
    let (id, version) = (v.exercise.id, v.clock.version);
    let error = form_error(ClockAction::PATH, None);
    let set_error = form_error(SetClock::PATH, None);
    let start_error = form_error(TransitionExercise::PATH, None);
    view! {
            {v.controls
                .then(|| {
                    view! {
                        <FormAlert error />
                        <FormAlert error=set_error />
                        <FormAlert error=start_error />
                        <div class="transition-buttons">
                            {(v.exercise.status == ExerciseStatus::Ready)
                                .then(|| {
                                    view! {
                                        <PostForm action=TransitionExercise::PATH>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="version" value=v.exercise.version />
                                            <input type="hidden" name="to" value="pagar" />
                                            <button type="submit" class="button primary">{t::LIVE_START}</button>
                                        </PostForm>
                                    }
                                })}
                            {(state == ClockState::Running)
                                .then(|| {
                                    view! {
                                        <PostForm action=ClockAction::PATH>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="version" value=version />
                                            <input type="hidden" name="action" value="pausa" />
                                            <button type="submit" class="button">{t::LIVE_PAUSE}</button>
                                        </PostForm>
                                    }
                                })}
                            {(state == ClockState::Paused)
                                .then(|| {
                                    view! {
                                        <PostForm action=ClockAction::PATH>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="version" value=version />
                                            <input type="hidden" name="action" value="fortsatt" />
                                            <button type="submit" class="button primary">{t::LIVE_RESUME}</button>
                                        </PostForm>
                                    }
                                })}
                            {(v.exercise.status == ExerciseStatus::Running)
                                .then(|| {
                                    view! {
                                        <PostForm action=TransitionExercise::PATH name="avsluta">
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="version" value=v.exercise.version />
                                            <input type="hidden" name="to" value="genomford" />
                                            <button type="submit" class="button">{t::LIVE_END}</button>
                                        </PostForm>
                                    }
                                })}
                        </div>
                        {(state != ClockState::Ended)
                            .then(|| {
                                view! {
                                    <details class="cancel-box">
                                        <summary>{t::LIVE_CLOCK_SETTINGS}</summary>
                                        <PostForm action=SetClock::PATH>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="version" value=version />
                                            <div class="field">
                                                <label for="klocka-start">{t::LIVE_SCENARIO_START}</label>
                                                <input
                                                    id="klocka-start"
                                                    type="datetime-local"
                                                    name="input[scenario_start]"
                                                    value=posted_or("input[scenario_start]", v.clock.scenario_start.format("%Y-%m-%dT%H:%M").to_string())
                                                    aria-describedby="fel-scenario_start"
                                                />
                                                <FieldMessage field="scenario_start" error=set_error />
                                            </div>
                                            <div class="field">
                                                <label for="klocka-offset">{t::LIVE_OFFSET}</label>
                                                <input
                                                    id="klocka-offset"
                                                    type="number"
                                                    name="input[offset_minutes]"
                                                    value=posted_or("input[offset_minutes]", (v.clock.offset_seconds / 60).to_string())
                                                    aria-describedby="fel-offset_minutes"
                                                />
                                                <FieldMessage field="offset_minutes" error=set_error />
                                            </div>
                                            <button type="submit" class="button">{t::LIVE_CLOCK_SAVE}</button>
                                        </PostForm>
                                    </details>
                                }
                            })}
                    }
                })}
    }
}

#[component]
fn InjectCard(inject: Inject, v: LiveView) -> impl IntoView {
    let (id, iid, version) = (v.exercise.id, inject.id, inject.version);
    let form = format!("inspel-{iid}");
    let (done, total) = inject.actions_done();
    let running = v.clock.state() == ClockState::Running;
    let can_send = v.sends_injects && running && inject.status == InjectStatus::Planned;
    let planned = inject
        .planned_at
        .map(|p| scenario_label(p, v.clock.scenario_start))
        .unwrap_or_else(|| t::NO_VALUE.to_string());
    let sent = inject
        .sent_scenario
        .map(|p| scenario_label(p, v.clock.scenario_start));
    let error = form_error(SendInject::PATH, Some(&form));
    let tick_error = form_error(TickAction::PATH, Some(&form));
    let (actions, status, ticks) = (inject.actions.clone(), inject.status, v.ticks_actions);
    let tick_form = form.clone();
    let class = format!(
        "inject inject-{}{}",
        inject.status.code(),
        if inject.reserve {
            " inject-reserve"
        } else {
            ""
        }
    );
    view! {
        <li class=class id=format!("inspel-{iid}")>
            <p class="inject-head">
                <strong>{format!("Inspel {}", inject.number)}</strong>
                " "
                <span class="muted">{format!("{} {planned}", t::LIVE_PLANNED)}</span>
                {sent.map(|s| view! { " " <span class="muted">{format!("· {} {s}", t::LIVE_SENT_AT)}</span> })}
                " "
                <span class=format!("badge inject-status-{}", inject.status.code())>{inject.status.label()}</span>
                {inject.reserve.then(|| view! { " " <span class="tag">{t::LIVE_RESERVE}</span> })}
                {inject.adhoc.then(|| view! { " " <span class="tag">{t::LIVE_ADHOC}</span> })}
            </p>
            <p class="inject-route">
                {format!("{} → {} · {}", or_dash(&inject.sender), or_dash(&inject.recipient), inject.channel.label())}
            </p>
            <p class="inject-content">{inject.content.clone()}</p>
            {(total > 0)
                .then(move || {
                    view! {
                        <p class="inject-progress">{format!("{done} av {total} åtgärder")}</p>
                        <FormAlert error=tick_error />
                        <ul class="inject-actions">
                            {actions
                                .into_iter()
                                .map(|a| {
                                    let is_done = a.done_at.is_some();
                                    let can_tick = ticks && status == InjectStatus::Sent;
                                    let who = a.done_by.clone().map(|b| format!(" ({b})")).unwrap_or_default();
                                    view! {
                                        <li class=if is_done { "action done" } else { "action" }>
                                            <span>{if is_done { "☑ " } else { "☐ " }} {a.text.clone()} {who}</span>
                                            {can_tick
                                                .then(|| {
                                                    view! {
                                                        <PostForm action=TickAction::PATH name=tick_form.clone() class="inline-form">
                                                            <input type="hidden" name="id" value=id />
                                                            <input type="hidden" name="inject" value=iid />
                                                            <input type="hidden" name="action" value=a.id />
                                                            <input type="hidden" name="done" value=if is_done { "nej" } else { "ja" } />
                                                            <button type="submit" class="button small">
                                                                {if is_done { t::LIVE_ACTIONS_UNDO } else { t::LIVE_ACTIONS_DONE }}
                                                                <span class="visually-hidden">{format!(": {}", a.text)}</span>
                                                            </button>
                                                        </PostForm>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {can_send
                .then(|| {
                    view! {
                        <FormAlert error />
                        <div class="transition-buttons">
                            <PostForm action=SendInject::PATH name=form.clone()>
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="inject" value=iid />
                                <input type="hidden" name="version" value=version />
                                <button type="submit" class="button primary">
                                    {t::LIVE_SEND}
                                    <span class="visually-hidden">{format!(" inspel {}", inject.number)}</span>
                                </button>
                            </PostForm>
                            <PostForm action=SkipInject::PATH name=form.clone()>
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="inject" value=iid />
                                <input type="hidden" name="version" value=version />
                                <button type="submit" class="button">
                                    {t::LIVE_SKIP}
                                    <span class="visually-hidden">{format!(" inspel {}", inject.number)}</span>
                                </button>
                            </PostForm>
                        </div>
                    }
                })}
        </li>
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        t::NO_VALUE.to_string()
    } else {
        s.to_string()
    }
}

#[component]
fn Injects(v: LiveView) -> impl IntoView {
    let id = v.exercise.id;
    let injects = v.injects.clone();
    view! {
        <section class="panel live-injects" aria-labelledby="inspel-rubrik">
            <h2 id="inspel-rubrik">{t::LIVE_INJECTS_HEADING}</h2>
            {v.edits_injects
                .then(|| view! { <p><a href=format!("/ovningar/{id}/inspel")>{t::LIVE_EDIT_INJECTS}</a></p> })}
            {if injects.is_empty() {
                view! { <p class="empty">{t::LIVE_NO_INJECTS}</p> }.into_any()
            } else {
                view! {
                    <ol class="injects">
                        {injects.into_iter().map(|i| view! { <InjectCard inject=i v=v.clone() /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The log's filter form (a GET: the filter is in the address, so a reload keeps it).
#[component]
fn Filters(v: LiveView, filter: LogFilterProps, page: String) -> impl IntoView {
    let mut authors: Vec<(i64, String)> = v
        .entries
        .iter()
        .map(|e| (e.author_id, e.author.clone()))
        .collect();
    authors.sort();
    authors.dedup();
    let opt = |value: String, label: String, chosen: bool| {
        view! { <option value=value selected=chosen>{label}</option> }
    };
    view! {
        <form method="get" action=page.clone() class="log-filter" aria-label=t::LIVE_FILTER>
            <div class="field">
                <label for="filter-sort">{t::LIVE_KIND}</label>
                <select id="filter-sort" name="sort">
                    <option value="">{t::LIVE_FILTER_ALL}</option>
                    {EntryKind::ALL
                        .iter()
                        .map(|k| opt(k.code().to_string(), k.label().to_string(), filter.kind == Some(*k)))
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-forfattare">{t::LIVE_AUTHOR}</label>
                <select id="filter-forfattare" name="forfattare">
                    <option value="">{t::LIVE_FILTER_ALL}</option>
                    {authors
                        .into_iter()
                        .map(|(a, name)| opt(a.to_string(), name, filter.author == Some(a)))
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-mal">{t::LIVE_OBJECTIVE}</label>
                <select id="filter-mal" name="mal">
                    <option value="">{t::LIVE_FILTER_ALL}</option>
                    {v.exercise
                        .objectives
                        .iter()
                        .enumerate()
                        .map(|(n, o)| opt(o.id.to_string(), format!("Mål {}", n + 1), filter.objective == Some(o.id)))
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-inspel">{t::LIVE_INJECT}</label>
                <select id="filter-inspel" name="inspel">
                    <option value="">{t::LIVE_FILTER_ALL}</option>
                    {v.injects
                        .iter()
                        .map(|i| opt(i.id.to_string(), format!("Inspel {}", i.number), filter.inject == Some(i.id)))
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t::LIVE_FILTER}</button>
            {(!filter.is_empty()).then(|| view! { <a href=page.clone()>{t::LIVE_CLEAR_FILTER}</a> })}
        </form>
    }
}

/// The correction form of entry `entry_id`, when the address asks for it (`?ratta=N`).
#[component]
fn CorrectForm(v: LiveView, props: LogProps, entry_id: i64) -> impl IntoView {
    let current = super::log::current(&v.entries)
        .into_iter()
        .map(|(e, _)| e)
        .find(|e| e.entry_id == entry_id);
    let Some(e) = current else {
        return ().into_any();
    };
    let values = refused(CorrectEntry::PATH, None).unwrap_or(Refused {
        kind: e.kind.code().to_string(),
        text: e.text.clone(),
        inject: e
            .inject
            .as_ref()
            .map(|i| i.id.to_string())
            .unwrap_or_default(),
        objective: e.objective_id.map(|o| o.to_string()).unwrap_or_default(),
        forvaltning: v
            .forvaltningar
            .iter()
            .find(|f| Some(&f.code) == e.forvaltning.as_ref())
            .map(|f| f.id.to_string())
            .unwrap_or_default(),
        messages: Vec::new(),
        alert: None,
    });
    let alert = values.alert.clone();
    let mut props = props;
    if !props.kinds.contains(&e.kind) {
        props.kinds.insert(0, e.kind);
    }
    view! {
        <section class="panel" id="ratta" aria-labelledby="ratta-rubrik">
            <h2 id="ratta-rubrik">{format!("{} nr {}", t::LIVE_CORRECT_HEADING, e.seq)}</h2>
            {alert.map(|a| view! { <div class="form-alert" role="alert">{a}</div> })}
            <PostForm action=CorrectEntry::PATH>
                <input type="hidden" name="id" value=v.exercise.id />
                <input type="hidden" name="entry" value=e.entry_id />
                <super::log::EntryFields props values prefix="ratta" />
                <button type="submit" class="button primary">{t::LIVE_CORRECT_SAVE}</button>
                " "
                <a href=format!("/ovningar/{}/live", v.exercise.id)>{t::LIVE_CORRECT_CANCEL}</a>
            </PostForm>
        </section>
    }
    .into_any()
}

#[component]
fn Loaded(v: LiveView) -> impl IntoView {
    let query = use_query_map();
    let q = |k: &str| query.with_untracked(|m| m.get(k));
    let num = |k: &str| q(k).and_then(|s| s.parse::<i64>().ok());
    let filter = LogFilterProps {
        kind: q("sort").and_then(|s| EntryKind::from_code(&s)),
        author: num("forfattare"),
        objective: num("mal"),
        inject: num("inspel"),
    };
    let id = v.exercise.id;
    let page = format!("/ovningar/{id}/live");
    let props = log_props(&v, page.clone(), filter.clone());
    let can_log = props.role.is_some();
    let (stream, fields) = (stream_props(&props), props.clone());
    let correcting = num("ratta");
    let controls = v.clone();
    let clock = ClockProps {
        view: v.clock_view.clone(),
        scenario: scenario_now(&v),
        wall: v.wall_now.clone(),
    };
    let role = v
        .role
        .map(|r| r.label().to_string())
        .unwrap_or_else(|| t::LIVE_NO_ROLE.to_string());
    view! {
        <Title text=format!("{} – {} – Redo", t::LIVE_TITLE, v.exercise.name) />
        <p class="breadcrumb">
            <a href=format!("/ovningar/{id}")>{t::LIVE_BACK}</a>
        </p>
        <div class="page-head">
            <h1>{format!("{}: {}", t::LIVE_TITLE, v.exercise.name)}</h1>
            <span class="badges"><StatusBadge status=v.exercise.status /></span>
        </div>
        <p class="live-meta">
            {format!("{}: {role}", t::LIVE_YOUR_ROLE)}
            " · "
            <a href=page.clone() class="live-refresh">{t::LIVE_REFRESH}</a>
            " · "
            <a href=format!("/ovningar/{id}/bemanning")>{t::LIVE_STAFF}</a>
        </p>
        <noscript><p class="hint">{t::LIVE_REFRESH_HINT}</p></noscript>
        <div class="live-grid">
            <div class="live-main">
                <Banner entries=v.entries.clone() />
                {correcting.map(|entry_id| view! { <CorrectForm v=v.clone() props=props.clone() entry_id /> })}
                <LiveClock clock=clock>
                    <ClockPanel v=controls />
                </LiveClock>
                <section class="panel live-entry" aria-labelledby="post-rubrik">
                    <h2 id="post-rubrik">{t::LIVE_ENTRY_HEADING}</h2>
                    <LiveEntry props=stream>
                        {can_log.then(|| view! { <EntryFormFields props=fields /> })}
                    </LiveEntry>
                    {(!can_log).then(|| view! { <p class="hint">{t::LIVE_NOT_ON_STAFF}</p> })}
                </section>
                <section class="panel live-log" aria-labelledby="logg-rubrik">
                    <h2 id="logg-rubrik">{t::LIVE_LOG_HEADING}</h2>
                    <EntryList props=props.clone() />
                </section>
                <section class="panel" aria-labelledby="filter-rubrik">
                    <h2 id="filter-rubrik" class="visually-hidden">{t::LIVE_FILTER}</h2>
                    <Filters v=v.clone() filter page=page.clone() />
                    <p class="exports">
                        {t::LIVE_EXPORT} ": "
                        <a href=format!("/ovningar/{id}/export/logg.xlsx")>"Excel (.xlsx)"</a>
                        " · "
                        <a href=format!("/ovningar/{id}/export/logg.csv")>"CSV"</a>
                    </p>
                </section>
            </div>
            {v.sees_injects.then(|| view! { <div class="live-side"><Injects v=v.clone() /></div> })}
        </div>
    }
}

#[component]
pub fn LivePage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_live(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Loaded v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
