//! One corrective action (`/atgarder/:id`) through its lifecycle: Föreslagen → Beslutad (the
//! verification criterion and a verifier other than the responsible person; Redo proposes a
//! re-test in the owner's next planned exercise) → Pågår → Genomförd → Verifierad (citing an
//! objective of a later conducted exercise rated P or S, or a reason), or Avförd with a reason.

use super::finding_page::ActionFields;
use super::{FindingSource, ImprovementNav, with_first};
use crate::api::AppError;
use crate::api::improvement::{
    AcceptRetest, ActionPage as ActionData, DecideAction, DropAction, StepAction, UpdateAction,
    VerifyAction, get_action,
};
use crate::domain::improvement::ActionStatus;
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, PostedSelect, form_error,
    form_was_refused, format_instant, posted_or,
};
use crate::ui::pages::evaluation::{ActionBadge, RatingBadge};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn Lifecycle(status: ActionStatus) -> impl IntoView {
    let steps = [
        ActionStatus::Proposed,
        ActionStatus::Decided,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Verified,
    ];
    view! {
        <ol class="lifecycle" aria-label=t::ACTION_LIFECYCLE>
            {steps.into_iter().map(|s| {
                let current = s == status;
                let passed = status != ActionStatus::Dropped && s < status;
                view! {
                    <li class:current=current class:passed=passed aria-current=current.then_some("step")>
                        {s.label()}
                    </li>
                }
            }).collect_view()}
            {(status == ActionStatus::Dropped).then(|| view! { <li class="current dropped" aria-current="step">{ActionStatus::Dropped.label()}</li> })}
        </ol>
    }
}

#[component]
fn Retest(d: ActionData) -> impl IntoView {
    let a = d.view.action.clone();
    let error = form_error(AcceptRetest::PATH, None);
    match (&a.retest_objective, &a.retest_exercise) {
        (Some((_, x, name)), _) => view! {
            <p>{t::RETEST_ACCEPTED} " " <a href=format!("/ovningar/{x}")>{name.clone()}</a></p>
        }
        .into_any(),
        (None, Some((x, name, day))) if *day < d.options.today => view! {
            <p class="notice-inline warn">
                {t::RETEST_MISSED} " " <a href=format!("/ovningar/{x}")>{name.clone()}</a> {format!(" ({day}). ")}
                {t::RETEST_MISSED_AFTER}
            </p>
        }
        .into_any(),
        (None, Some((x, name, day))) => view! {
            <p>{t::RETEST_PROPOSED} " " <a href=format!("/ovningar/{x}")>{name.clone()}</a> {format!(" ({day})")}</p>
            {d.view.may_accept_retest.then(|| view! {
                <PostForm action=AcceptRetest::PATH>
                    <FormAlert error />
                    <input type="hidden" name="id" value=a.id />
                    <input type="hidden" name="version" value=a.version />
                    <p class="hint">{t::retest_objective_hint(&crate::domain::improvement::retest_text(&a.text))}</p>
                    <button type="submit" class="button primary">{t::RETEST_ACCEPT}</button>
                </PostForm>
            })}
        }
        .into_any(),
        (None, None) if a.decided.is_some() => view! {
            <p class="notice-inline warn">{t::RETEST_NONE}</p>
        }
        .into_any(),
        (None, None) => view! { <p class="muted">{t::RETEST_AFTER_DECISION}</p> }.into_any(),
    }
}

#[component]
fn Loaded(d: ActionData) -> impl IntoView {
    let v = d.view.clone();
    let a = v.action.clone();
    let saved = use_query_map().read_untracked().get("sparat").is_some();
    let edit_error = form_error(UpdateAction::PATH, None);
    let decide_error = form_error(DecideAction::PATH, None);
    let step_error = form_error(StepAction::PATH, None);
    let drop_error = form_error(DropAction::PATH, None);
    let verify_error = form_error(VerifyAction::PATH, None);
    let people = with_first(t::CHOOSE, &d.options.people);
    let candidates: Vec<(String, String)> =
        std::iter::once((String::new(), t::VERIFY_NO_EXERCISE.to_string()))
            .chain(v.candidates.iter().map(|c| {
                let rating = c
                    .rating
                    .map_or(t::EVAL_NOT_RATED.to_string(), |r| r.short().to_string());
                (
                    c.objective_id.to_string(),
                    format!("{} ({}) – {} [{}]", c.exercise, c.starts_on, c.text, rating),
                )
            }))
            .collect();
    let retest_stored = a
        .retest_objective
        .as_ref()
        .map(|(o, ..)| o.to_string())
        .unwrap_or_default();
    let next = a.status.next_step();
    view! {
        <Title text=format!("{} – {} – Redo", a.text, t::ACTIONS_TITLE) />
        <ImprovementNav here="" />
        <p class="breadcrumb"><a href="/atgarder">{t::ACTIONS_BACK}</a></p>
        <h1>{a.text.clone()}</h1>
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::SAVED}</p> })}
        <p class="badges"><ActionBadge status=a.status overdue=v.overdue /></p>
        <Lifecycle status=a.status />
        <dl class="facts">
            <dt>{t::FINDING}</dt>
            <dd><a href=format!("/brister/{}", a.finding_id)>{a.finding_title.clone()}</a> " · " <FindingSource f=v.finding.clone() /></dd>
            <dt>{t::ACTION_OWNER}</dt><dd>{a.forvaltning.1.clone()}</dd>
            <dt>{t::RESPONSIBLE}</dt><dd>{a.responsible.1.clone()}</dd>
            <dt>{t::DUE_DATE}</dt><dd class:overdue=v.overdue>{v.overdue.then(|| view! { <span aria-hidden="true">"▲ "</span> })}{a.due_on.to_string()}{v.overdue.then(|| format!(" ({})", t::OVERDUE))}</dd>
            <dt>{t::ACTION_POETE}</dt><dd>{a.poete.label()}</dd>
            <dt>{t::CAPABILITY}</dt><dd>{format!("{} {}", a.capability_code, a.capability_title)}</dd>
            <dt>{t::ACTION_CRITERION}</dt><dd>{if a.criterion.is_empty() { t::NOT_SET.to_string() } else { a.criterion.clone() }}</dd>
            <dt>{t::ACTION_VERIFIER}</dt><dd>{a.verifier.clone().map(|(_, n)| n).unwrap_or_else(|| t::NOT_SET.to_string())}</dd>
            <dt>{t::ACTION_DECIDED}</dt><dd>{a.decided.clone().map(|(by, at)| format!("{by}, {}", format_instant(at))).unwrap_or_else(|| t::NOT_YET.to_string())}</dd>
            {a.verification.clone().map(|vf| view! {
                <dt>{t::ACTION_VERIFICATION}</dt>
                <dd>
                    {match vf.objective.clone() {
                        Some((_, x, name, text, rating)) => view! {
                            {t::verified_by_exercise(&vf.by, &format_instant(vf.at))} " "
                            <a href=format!("/ovningar/{x}/rapport")>{name}</a> {format!(" – {text} ")} <RatingBadge rating />
                        }.into_any(),
                        None => view! {
                            <strong>{t::VERIFIED_WITHOUT_EXERCISE}</strong>
                            {format!(" ({}, {}): {}", vf.by, format_instant(vf.at), vf.reason.clone().unwrap_or_default())}
                        }.into_any(),
                    }}
                </dd>
            })}
            {a.dropped_reason.clone().map(|r| view! { <dt>{t::ACTION_DROPPED_REASON}</dt><dd>{r}</dd> })}
        </dl>
        <section aria-labelledby="aterprov-rubrik">
            <h2 id="aterprov-rubrik">{t::ACTION_RETEST}</h2>
            <Retest d=d.clone() />
        </section>
        {v.may_decide.then(|| { let a = a.clone(); view! {
            <section aria-labelledby="beslut-rubrik" class="panel">
                <h2 id="beslut-rubrik">{t::ACTION_DECIDE}</h2>
                <PostForm action=DecideAction::PATH class="stacked">
                    <FormAlert error=decide_error />
                    <input type="hidden" name="id" value=a.id />
                    <input type="hidden" name="version" value=a.version />
                    <div class="field">
                        <label for="d-criterion">{t::ACTION_CRITERION}</label>
                        <p class="hint" id="d-criterion-hint">{t::ACTION_CRITERION_HINT}</p>
                        <textarea id="d-criterion" name="input[criterion]" rows="2" required aria-describedby="d-criterion-hint d-criterion-fel">{posted_or("input[criterion]", a.criterion.clone())}</textarea>
                        <FieldMessage field="criterion" error=decide_error id="d-criterion-fel" />
                    </div>
                    <div class="field">
                        <label for="d-verifier">{t::ACTION_VERIFIER}</label>
                        <p class="hint" id="d-verifier-hint">{t::ACTION_VERIFIER_HINT}</p>
                        <PostedSelect id="d-verifier".to_string() name="input[verifier]".to_string() stored=String::new() options=people.clone() describedby="d-verifier-hint d-verifier-fel" />
                        <FieldMessage field="verifier" error=decide_error id="d-verifier-fel" />
                    </div>
                    <button type="submit" class="button primary">{t::ACTION_DECIDE}</button>
                </PostForm>
            </section>
        }})}
        {(v.may_step && next.is_some()).then(|| view! {
            <PostForm action=StepAction::PATH class="panel">
                <FormAlert error=step_error />
                <input type="hidden" name="id" value=a.id />
                <input type="hidden" name="version" value=a.version />
                <button type="submit" class="button primary">{t::action_step(next.unwrap_or(ActionStatus::Done))}</button>
            </PostForm>
        })}
        {v.may_verify.then(|| view! {
            <section aria-labelledby="verifiera-rubrik" class="panel">
                <h2 id="verifiera-rubrik">{t::ACTION_VERIFY}</h2>
                <p class="hint">{t::ACTION_VERIFY_HINT}</p>
                <PostForm action=VerifyAction::PATH class="stacked">
                    <FormAlert error=verify_error />
                    <input type="hidden" name="id" value=a.id />
                    <input type="hidden" name="version" value=a.version />
                    <div class="field">
                        <label for="v-objective">{t::VERIFY_OBJECTIVE}</label>
                        <PostedSelect id="v-objective".to_string() name="input[objective]".to_string() stored=retest_stored.clone() options=candidates.clone() describedby="v-objective-fel" />
                        <FieldMessage field="objective" error=verify_error id="v-objective-fel" />
                    </div>
                    <div class="field">
                        <label for="v-reason">{t::VERIFY_REASON}</label>
                        <p class="hint" id="v-reason-hint">{t::VERIFY_REASON_HINT}</p>
                        <textarea id="v-reason" name="input[reason]" rows="2" aria-describedby="v-reason-hint v-reason-fel">{posted_or("input[reason]", String::new())}</textarea>
                        <FieldMessage field="reason" error=verify_error id="v-reason-fel" />
                    </div>
                    <div class="field">
                        <label for="v-lesson">{t::LESSON}</label>
                        <p class="hint" id="v-lesson-hint">{t::VERIFY_LESSON_HINT}</p>
                        <textarea id="v-lesson" name="input[lesson]" rows="2" aria-describedby="v-lesson-hint v-lesson-fel">{posted_or("input[lesson]", v.finding.lesson.clone())}</textarea>
                        <FieldMessage field="lesson" error=verify_error id="v-lesson-fel" />
                    </div>
                    <button type="submit" class="button primary">{t::ACTION_VERIFY}</button>
                </PostForm>
            </section>
        })}
        {v.may_edit.then(|| { let a = a.clone(); view! {
            <details class="panel" open=move || edit_error.with(Option::is_some)>
                <summary>{t::ACTION_EDIT}</summary>
                <PostForm action=UpdateAction::PATH class="stacked">
                    <FormAlert error=edit_error />
                    <input type="hidden" name="id" value=a.id />
                    <input type="hidden" name="version" value=a.version />
                    <ActionFields options=d.options.clone() initial=Some(a.clone()) error=edit_error prefix="andra" />
                    <button type="submit" class="button primary">{t::SAVE}</button>
                </PostForm>
            </details>
        }})}
        {v.may_drop.then(|| view! {
            <details class="cancel-box" open=form_was_refused("avfor") || drop_error.with_untracked(Option::is_some)>
                <summary>{t::ACTION_DROP}</summary>
                <PostForm action=DropAction::PATH class="stacked">
                    <FormAlert error=drop_error />
                    <input type="hidden" name="id" value=a.id />
                    <input type="hidden" name="version" value=a.version />
                    <div class="field">
                        <label for="drop-reason">{t::ACTION_DROPPED_REASON}</label>
                        <textarea id="drop-reason" name="reason" rows="2" required aria-describedby="drop-reason-fel">{posted_or("reason", String::new())}</textarea>
                        <FieldMessage field="reason" error=drop_error id="drop-reason-fel" />
                    </div>
                    <button type="submit" class="button danger">{t::ACTION_DROP}</button>
                </PostForm>
            </details>
        })}
    }
}

#[component]
pub fn ActionPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_action(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Loaded d /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
