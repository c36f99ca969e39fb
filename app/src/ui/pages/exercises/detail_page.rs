//! One exercise: its details, objectives, and the status transitions the user may make.

use crate::api::AppError;
use crate::api::exercises::{DeleteExercise, ExerciseView, TransitionExercise, get_exercise};
use crate::domain::ExerciseStatus;
use crate::domain::exercise::Exercise;
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, FormatBadge, NotFound, PostForm, StatusBadge,
    field_error_id, form_error, form_was_refused, format_span, posted_or,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The id from the URL, or `None` when it is not a number (answered with 404).
pub fn id_from_url() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    })
}

#[component]
fn Facts(exercise: Exercise) -> impl IntoView {
    let or_dash = |s: String| {
        if s.trim().is_empty() {
            t::NOT_SET.to_string()
        } else {
            s
        }
    };
    let participants = exercise
        .participants
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <dl class="facts">
            <dt>{t::WHEN}</dt>
            <dd>{format_span(exercise.starts_at, exercise.ends_at)}</dd>
            <dt>{t::FORMAT}</dt>
            <dd>
                {exercise.format.label()} {exercise.joint.then_some(" · samverkansövning")}
            </dd>
            <dt>{t::LOCATION}</dt>
            <dd>{or_dash(exercise.location.clone())}</dd>
            <dt>{t::LEAD}</dt>
            <dd>{exercise.lead.name.clone()}</dd>
            <dt>{t::PARTICIPANTS}</dt>
            <dd>{or_dash(participants)}</dd>
            <dt>{t::EXTERNAL}</dt>
            <dd>{or_dash(exercise.external_participants.join(", "))}</dd>
            {(!exercise.design_withheld).then(|| view! {
                <dt>{t::FUNDING}</dt>
                <dd>{or_dash(exercise.funding.clone())}</dd>
            })}
        </dl>
        <h2>{t::PURPOSE}</h2>
        <p class="prose">{or_dash(exercise.purpose.clone())}</p>
        <h2>{t::SCENARIO}</h2>
        {if exercise.design_withheld {
            view! { <p class="hint">{t::DESIGN_WITHHELD}</p> }.into_any()
        } else {
            view! { <p class="prose">{or_dash(exercise.scenario.clone())}</p> }.into_any()
        }}
    }
}

#[component]
fn Objectives(exercise: Exercise) -> impl IntoView {
    if exercise.objectives.is_empty() {
        return view! {
            <h2>{t::OBJECTIVES}</h2>
            <p class="empty">{t::NO_OBJECTIVES}</p>
        }
        .into_any();
    }
    view! {
        <h2>{t::OBJECTIVES}</h2>
        <ol class="objectives">
            {exercise
                .objectives
                .into_iter()
                .map(|o| {
                    let reqs = o.requirements.iter().map(|r| format!("{} {}", r.code, r.title)).collect::<Vec<_>>().join("; ");
                    view! {
                        <li>
                            <p>{o.text.clone()}</p>
                            <p class="muted">
                                <span class="tag">{o.capability_code.clone()}</span>
                                " "
                                {o.capability_title.clone()}
                                {(!reqs.is_empty()).then(|| format!(" · {reqs}"))}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn Transitions(exercise: Exercise) -> impl IntoView {
    let error = form_error(TransitionExercise::PATH, None);
    let cancel_error = form_error(TransitionExercise::PATH, Some("installd"));
    let (id, version, from) = (exercise.id, exercise.version, exercise.status);
    let next: Vec<ExerciseStatus> = exercise.status.next_states().to_vec();
    let forward: Vec<ExerciseStatus> = next
        .iter()
        .copied()
        .filter(|s| *s != ExerciseStatus::Cancelled)
        .collect();
    let can_cancel = next.contains(&ExerciseStatus::Cancelled);
    view! {
        <section class="panel" aria-labelledby="status-rubrik">
            <h2 id="status-rubrik">{t::CHANGE_STATUS}</h2>
            <FormAlert error />
            <div class="transition-buttons">
                {forward
                    .into_iter()
                    .map(|to| {
                        view! {
                            <PostForm action=TransitionExercise::PATH>
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="version" value=version />
                                <input type="hidden" name="to" value=to.code() />
                                <button type="submit" class="button">
                                    {from.action_label_to(to)}
                                </button>
                            </PostForm>
                        }
                    })
                    .collect_view()}
            </div>
            {can_cancel
                .then(|| {
                    view! {
                <details class="cancel-box" open=form_was_refused("installd")>
                    <summary>{ExerciseStatus::Cancelled.action_label()}</summary>
                    <PostForm action=TransitionExercise::PATH name="installd">
                        <FormAlert error=cancel_error />
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="to" value="installd" />
                        <div class="field">
                            <label for="reason">{t::CANCEL_REASON}</label>
                            <textarea id="reason" name="reason" rows="3" maxlength="1000" aria-describedby=field_error_id("reason")>
                                {posted_or("reason", String::new())}
                            </textarea>
                            <FieldMessage field="reason" error=cancel_error />
                        </div>
                        <button type="submit" class="button danger">
                            {ExerciseStatus::Cancelled.action_label()}
                        </button>
                    </PostForm>
                </details>
                    }
                })}
        </section>
    }
}

#[component]
fn Loaded(view_model: ExerciseView) -> impl IntoView {
    let delete_error = form_error(DeleteExercise::PATH, None);
    let (can_edit, can_delete) = (view_model.can_edit, view_model.can_delete);
    let e = view_model.exercise.clone();
    let id = e.id;
    view! {
        <Title text=format!("{} – Redo", e.name) />
        <p class="breadcrumb">
            <a href="/ovningar">{t::BACK_TO_LIST}</a>
        </p>
        <div class="page-head">
            <h1>{e.name.clone()}</h1>
            <span class="badges">
                <FormatBadge format=e.format />
                <StatusBadge status=e.status />
            </span>
            {can_edit
                .then(|| {
                    view! {
                        <a class="button" href=format!("/ovningar/{id}/redigera")>
                            {t::EDIT}
                        </a>
                    }
                })}
        </div>
        {e.cancel_reason.clone().map(|r| view! { <p class="notice-inline"><strong>{t::CANCELLED_BECAUSE}</strong> " " {r}</p> })}
        <div class="detail-grid">
            <div>
                <Facts exercise=e.clone() />
                <Objectives exercise=e.clone() />
            </div>
            <div>
                {view_model
                    .watches_live
                    .then(|| {
                        view! {
                            <section class="panel" aria-labelledby="genomforande-rubrik">
                                <h2 id="genomforande-rubrik">{t::CONDUCT_HEADING}</h2>
                                <ul class="link-list">
                                    <li><a href=format!("/ovningar/{id}/live")>{t::LIVE_OPEN}</a></li>
                                    {view_model
                                        .sees_injects
                                        .then(|| view! { <li><a href=format!("/ovningar/{id}/inspel")>{t::INJECTS_TITLE}</a></li> })}
                                    <li><a href=format!("/ovningar/{id}/bemanning")>{t::STAFF_TITLE}</a></li>
                                </ul>
                            </section>
                        }
                    })}
                {view_model
                    .reads_evaluation
                    .then(|| {
                        view! {
                            <section class="panel" aria-labelledby="utvardering-rubrik">
                                <h2 id="utvardering-rubrik">{t::EVAL_HEADING}</h2>
                                <ul class="link-list">
                                    <li><a href=format!("/ovningar/{id}/utvardering")>{t::EVAL_TITLE}</a></li>
                                    <li><a href=format!("/ovningar/{id}/rapport")>{t::REPORT_TITLE}</a></li>
                                </ul>
                            </section>
                        }
                    })}
                {can_edit.then(|| view! { <Transitions exercise=e.clone() /> })}
                {can_delete
                    .then(|| {
                        view! {
                    <section class="panel">
                        <FormAlert error=delete_error />
                        <details class="cancel-box" open=move || delete_error.with(Option::is_some)>
                            <summary>{t::DELETE_OPEN}</summary>
                            <PostForm action=DeleteExercise::PATH>
                                <input type="hidden" name="id" value=id />
                                <p class="muted">{t::DELETE_CONFIRM}</p>
                                <div class="field">
                                    <label for="confirm-delete" class="check">
                                        <input id="confirm-delete" type="checkbox" name="confirm" value="ja" required aria-describedby=field_error_id("confirm") />
                                        {t::DELETE_CONFIRM_CHECK}
                                    </label>
                                    <FieldMessage field="confirm" error=delete_error />
                                </div>
                                <button type="submit" class="button danger">
                                    {t::DELETE}
                                </button>
                            </PostForm>
                        </details>
                    </section>
                        }
                    })}
            </div>
        </div>
    }
}

#[component]
pub fn ExerciseDetailPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_exercise(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Loaded view_model=v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
