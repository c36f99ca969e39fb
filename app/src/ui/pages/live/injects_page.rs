//! An exercise's inject list (`/ovningar/:id/inspel`, händelselista / MSEL): add, edit,
//! reorder and remove injects, and import or export the list as xlsx or csv. Only control,
//! motspel, evaluators and the exercise's editors see it: observers may be players.

use crate::api::AppError;
use crate::api::conduct::{
    AddInject, DeleteInject, ImportInjects, InjectsView, MoveInject, UpdateInject, get_injects,
};
use crate::domain::conduct::{Channel, Inject, InjectInput, InjectStatus, scenario_label};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, form_error, form_was_refused,
    posted_or, refusal_of,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The fields of one inject, filled from `initial` (or what a refused post sent).
#[component]
fn InjectFields(
    prefix: String,
    initial: InjectInput,
    objectives: usize,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let fid = {
        let p = prefix.clone();
        move |f: &str| format!("{p}-{f}")
    };
    let mid = {
        let p = prefix.clone();
        move |f: &str| format!("{p}-fel-{f}")
    };
    let text = |f: &'static str, label: &'static str, value: String, kind: &'static str| {
        let (id, msg) = (fid(f), mid(f));
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind name=format!("input[{f}]") value=posted_or(&format!("input[{f}]"), value) aria-describedby=msg.clone() />
                <FieldMessage field=f error id=msg />
            </div>
        }
    };
    let channel = posted_or("input[channel]", initial.channel.clone());
    let objective = posted_or("input[objective]", initial.objective.clone());
    let reserve = initial.reserve.is_some();
    let reserve = crate::ui::components::posted_checked("input[reserve]", "on", reserve);
    view! {
        <div class="field-row">
            {text("number", t::INJECTS_NUMBER, initial.number.clone(), "text")}
            {text("planned_at", t::INJECTS_PLANNED, initial.planned_at.clone(), "text")}
            <div class="field">
                <label for=fid("channel")>{t::INJECTS_CHANNEL}</label>
                <select id=fid("channel") name="input[channel]" aria-describedby=mid("channel")>
                    {Channel::ALL
                        .iter()
                        .map(|c| view! { <option value=c.code() selected=c.code() == channel>{c.label()}</option> })
                        .collect_view()}
                </select>
                <FieldMessage field="channel" error id=mid("channel") />
            </div>
        </div>
        <div class="field-row">
            {text("sender", t::INJECTS_SENDER, initial.sender.clone(), "text")}
            {text("recipient", t::INJECTS_RECIPIENT, initial.recipient.clone(), "text")}
            <div class="field">
                <label for=fid("objective")>{t::INJECTS_OBJECTIVE}</label>
                <select id=fid("objective") name="input[objective]" aria-describedby=mid("objective")>
                    <option value="">{t::LIVE_NONE}</option>
                    {(1..=objectives)
                        .map(|n| view! { <option value=n selected=n.to_string() == objective>{format!("Mål {n}")}</option> })
                        .collect_view()}
                </select>
                <FieldMessage field="objective" error id=mid("objective") />
            </div>
        </div>
        <div class="field">
            <label for=fid("content")>{t::INJECTS_CONTENT}</label>
            <textarea id=fid("content") name="input[content]" rows="3" maxlength="4000" required aria-describedby=mid("content")>
                {posted_or("input[content]", initial.content.clone())}
            </textarea>
            <FieldMessage field="content" error id=mid("content") />
        </div>
        <div class="field">
            <label for=fid("actions")>{t::INJECTS_ACTIONS}</label>
            <textarea id=fid("actions") name="input[actions]" rows="3" aria-describedby=mid("actions")>
                {posted_or("input[actions]", initial.actions.clone())}
            </textarea>
            <FieldMessage field="actions" error id=mid("actions") />
        </div>
        <div class="field">
            <label for=fid("reserve") class="check">
                <input id=fid("reserve") type="checkbox" name="input[reserve]" value="on" checked=reserve />
                {t::INJECTS_RESERVE}
            </label>
        </div>
    }
}

#[component]
fn Row(inject: Inject, v: InjectsView) -> impl IntoView {
    let id = v.exercise.id;
    let iid = inject.id;
    let form = format!("inspel-{iid}");
    let error = form_error(UpdateInject::PATH, Some(&form));
    let other_error = Signal::derive({
        let form = form.clone();
        move || {
            form_error(DeleteInject::PATH, Some(&form))
                .get()
                .or_else(|| form_error(MoveInject::PATH, Some(&form)).get())
        }
    });
    let objective_number = inject
        .objective_id
        .and_then(|o| v.exercise.objectives.iter().position(|x| x.id == o))
        .map(|n| n + 1);
    let planned = inject
        .planned_at
        .map(|p| scenario_label(p, v.scenario_start))
        .unwrap_or_else(|| t::NO_VALUE.to_string());
    let editable = v.can_edit && inject.status == InjectStatus::Planned;
    let input = inject.to_input(objective_number);
    let actions = inject.actions.clone();
    let open = form_was_refused(&form);
    let edit_form = form.clone();
    view! {
        <li class=format!("inject inject-{}", inject.status.code()) id=format!("inspel-{iid}")>
            <p class="inject-head">
                <strong>{format!("Inspel {}", inject.number)}</strong>
                " "
                <span class="muted">{planned}</span>
                " "
                <span class=format!("badge inject-status-{}", inject.status.code())>{inject.status.label()}</span>
                {inject.reserve.then(|| view! { " " <span class="tag">{t::LIVE_RESERVE}</span> })}
                {objective_number.map(|n| view! { " " <span class="tag">{format!("Mål {n}")}</span> })}
            </p>
            <p class="inject-route">
                {format!("{} → {} · {}", inject.sender, inject.recipient, inject.channel.label())}
            </p>
            <p class="inject-content">{inject.content.clone()}</p>
            {(!actions.is_empty())
                .then(|| {
                    view! {
                        <ul class="inject-actions">
                            {actions.into_iter().map(|a| view! { <li>{a.text}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <FormAlert error=other_error />
            {v.can_edit
                .then(|| {
                    view! {
                        <div class="transition-buttons">
                            <PostForm action=MoveInject::PATH name=form.clone() class="inline-form">
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="inject" value=iid />
                                <input type="hidden" name="direction" value="upp" />
                                <button type="submit" class="button small">
                                    {t::INJECTS_UP}
                                    <span class="visually-hidden">{format!(": inspel {}", inject.number)}</span>
                                </button>
                            </PostForm>
                            <PostForm action=MoveInject::PATH name=form.clone() class="inline-form">
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="inject" value=iid />
                                <input type="hidden" name="direction" value="ned" />
                                <button type="submit" class="button small">
                                    {t::INJECTS_DOWN}
                                    <span class="visually-hidden">{format!(": inspel {}", inject.number)}</span>
                                </button>
                            </PostForm>
                            {editable
                                .then(|| {
                                    view! {
                                        <PostForm action=DeleteInject::PATH name=form.clone() class="inline-form">
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="inject" value=iid />
                                            <button type="submit" class="button small danger">
                                                {t::INJECTS_DELETE}
                                                <span class="visually-hidden">{format!(": inspel {}", inject.number)}</span>
                                            </button>
                                        </PostForm>
                                    }
                                })}
                        </div>
                    }
                })}
            {editable
                .then(|| {
                    view! {
                        <details class="cancel-box" open=open>
                            <summary>
                                {t::INJECTS_EDIT}
                                <span class="visually-hidden">{format!(": inspel {}", inject.number)}</span>
                            </summary>
                            <PostForm action=UpdateInject::PATH name=edit_form.clone()>
                                <FormAlert error />
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="inject" value=iid />
                                <input type="hidden" name="version" value=inject.version />
                                <InjectFields prefix=edit_form.clone() initial=input objectives=v.exercise.objectives.len() error />
                                <button type="submit" class="button primary">{t::INJECTS_SAVE}</button>
                            </PostForm>
                        </details>
                    }
                })}
        </li>
    }
}

#[component]
fn Loaded(v: InjectsView) -> impl IntoView {
    let id = v.exercise.id;
    let add_error = form_error(AddInject::PATH, None);
    let import_error = form_error(ImportInjects::PATH, None);
    let import_messages: Vec<String> = refusal_of(ImportInjects::PATH, None)
        .map(|r| match &r.error {
            AppError::Invalid(f) => f.0.iter().map(|e| t::message(&e.message)).collect(),
            other => vec![other.to_string()],
        })
        .unwrap_or_default();
    let imported = use_query_map().with_untracked(|q| q.get("inlasta"));
    let injects = v.injects.clone();
    view! {
        <Title text=format!("{} – {} – Redo", t::INJECTS_TITLE, v.exercise.name) />
        <p class="breadcrumb">
            <a href=format!("/ovningar/{id}")>{t::LIVE_BACK}</a>
            " · "
            <a href=format!("/ovningar/{id}/live")>{t::LIVE_OPEN}</a>
        </p>
        <h1>{format!("{}: {}", t::INJECTS_TITLE, v.exercise.name)}</h1>
        <p class="prose">{t::INJECTS_INTRO}</p>
        {imported.map(|n| view! { <p class="notice-inline" role="status">{format!("{n} {}", t::INJECTS_IMPORTED)}</p> })}
        <p class="exports">
            {t::INJECTS_EXPORT} ": "
            <a href=format!("/ovningar/{id}/export/inspel.xlsx")>"Excel (.xlsx)"</a>
            " · "
            <a href=format!("/ovningar/{id}/export/inspel.csv")>"CSV"</a>
        </p>
        <div class="detail-grid">
            <div>
                {if injects.is_empty() {
                    view! { <p class="empty">{t::INJECTS_EMPTY}</p> }.into_any()
                } else {
                    view! {
                        <ol class="injects">
                            {injects.into_iter().map(|i| view! { <Row inject=i v=v.clone() /> }).collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
            </div>
            {v.can_edit
                .then(|| {
                    view! {
                        <div>
                            <section class="panel" aria-labelledby="nytt-rubrik">
                                <h2 id="nytt-rubrik">{t::INJECTS_ADD_HEADING}</h2>
                                <PostForm action=AddInject::PATH>
                                    <FormAlert error=add_error />
                                    <input type="hidden" name="id" value=id />
                                    <InjectFields prefix="nytt".to_string() initial=InjectInput { channel: "telefon".into(), ..Default::default() } objectives=v.exercise.objectives.len() error=add_error />
                                    <button type="submit" class="button primary">{t::INJECTS_ADD}</button>
                                </PostForm>
                            </section>
                            <section class="panel" aria-labelledby="fil-rubrik">
                                <h2 id="fil-rubrik">{t::INJECTS_IMPORT_HEADING}</h2>
                                <p class="hint" id="fil-hjalp">{t::INJECTS_IMPORT_HINT}</p>
                                <FormAlert error=import_error />
                                {(!import_messages.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="import-errors" id="fel-file">
                                                {import_messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                            </ul>
                                        }
                                    })}
                                <form method="post" action=format!("/ovningar/{id}/inspel") enctype="multipart/form-data">
                                    <input type="hidden" name=crate::ui::components::ACTION_FIELD value=ImportInjects::PATH />
                                    <input type="hidden" name="id" value=id />
                                    <div class="field">
                                        <label for="fil">{t::INJECTS_FILE}</label>
                                        <input id="fil" type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="fil-hjalp fel-file" />
                                    </div>
                                    <button type="submit" class="button">{t::INJECTS_IMPORT}</button>
                                </form>
                            </section>
                        </div>
                    }
                })}
        </div>
    }
}

#[component]
pub fn InjectsPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_injects(id).await,
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
