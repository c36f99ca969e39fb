//! One finding and its learning chain (`/brister/:id`): observation → lesson identified →
//! decision → corrective action → verification → lesson learned, each step with who and when.
//! Those who plan its owner propose corrective actions here.

use super::{FindingSource, ImprovementNav, KindBadge, with_first};
use crate::api::AppError;
use crate::api::improvement::{AddAction, ChainView, Options, get_finding};
use crate::domain::improvement::{Action, ActionStatus, Poete};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, PostedSelect, form_error,
    format_instant, posted_or,
};
use crate::ui::pages::evaluation::ActionBadge;
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The corrective action's fields (new, or edited while still Föreslagen or Beslutad).
#[component]
pub fn ActionFields(
    options: Options,
    initial: Option<Action>,
    #[prop(into)] error: Signal<Option<crate::api::AppError>>,
    prefix: &'static str,
) -> impl IntoView {
    let fid = move |f: &str| format!("{prefix}-{f}");
    let a = initial.as_ref();
    let poete: Vec<(String, String)> = with_first(
        t::CHOOSE,
        &Poete::ALL
            .into_iter()
            .map(|p| (p.code(), p.label().to_string()))
            .collect::<Vec<_>>(),
    );
    view! {
        <div class="field">
            <label for=fid("text")>{t::ACTION_TEXT}</label>
            <textarea id=fid("text") name="input[text]" rows="3" required aria-describedby=fid("text-fel")>{posted_or("input[text]", a.map(|a| a.text.clone()).unwrap_or_default())}</textarea>
            <FieldMessage field="text" error id=fid("text-fel") />
        </div>
        <div class="field">
            <label for=fid("forvaltning")>{t::ACTION_OWNER}</label>
            <PostedSelect id=fid("forvaltning") name="input[forvaltning]".to_string() stored=a.map(|a| a.forvaltning.0.to_string()).unwrap_or_default() options=with_first(t::CHOOSE, &options.forvaltningar) describedby=fid("forvaltning-fel") />
            <FieldMessage field="forvaltning" error id=fid("forvaltning-fel") />
        </div>
        <div class="field">
            <label for=fid("responsible")>{t::RESPONSIBLE}</label>
            <PostedSelect id=fid("responsible") name="input[responsible]".to_string() stored=a.map(|a| a.responsible.0.to_string()).unwrap_or_default() options=with_first(t::CHOOSE, &options.people) describedby=fid("responsible-fel") />
            <FieldMessage field="responsible" error id=fid("responsible-fel") />
        </div>
        <div class="field">
            <label for=fid("due_on")>{t::DUE_DATE}</label>
            <input id=fid("due_on") type="date" name="input[due_on]" value=posted_or("input[due_on]", a.map(|a| a.due_on.to_string()).unwrap_or_default()) required aria-describedby=fid("due_on-fel") />
            <FieldMessage field="due_on" error id=fid("due_on-fel") />
        </div>
        <div class="field">
            <label for=fid("poete")>{t::ACTION_POETE}</label>
            <PostedSelect id=fid("poete") name="input[poete]".to_string() stored=a.map(|a| a.poete.code().to_string()).unwrap_or_default() options=poete describedby=fid("poete-fel") />
            <FieldMessage field="poete" error id=fid("poete-fel") />
        </div>
        <div class="field">
            <label for=fid("capability")>{t::CAPABILITY}</label>
            <PostedSelect id=fid("capability") name="input[capability]".to_string() stored=a.map(|a| a.capability_code.clone()).unwrap_or_default() options=with_first(t::CHOOSE, &options.capabilities) describedby=fid("capability-fel") />
            <FieldMessage field="capability" error id=fid("capability-fel") />
        </div>
    }
}

/// One step of the chain.
#[component]
fn Step(done: bool, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <li class=if done { "chain-step done" } else { "chain-step" }>
            <h3>
                <span class="visually-hidden">{if done { t::CHAIN_DONE } else { t::CHAIN_PENDING }} " "</span>
                {title}
            </h3>
            {children()}
        </li>
    }
}

#[component]
fn Loaded(v: ChainView) -> impl IntoView {
    let f = v.chain.finding.clone();
    let actions = v.chain.actions.clone();
    let saved = use_query_map().read_untracked().get("sparat").is_some();
    let error = form_error(AddAction::PATH, None);
    let decided = f.decided.clone();
    let any_action = !actions.is_empty();
    let verified: Vec<&Action> = actions
        .iter()
        .filter(|a| a.status == ActionStatus::Verified)
        .collect();
    let verified_any = !verified.is_empty();
    let verifications = verified
        .iter()
        .map(|a| {
            match a.verification.as_ref() {
                Some(vf) => match &vf.objective {
                    Some((_, x, name, objective, rating)) => view! {
                        <li>
                            <a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a> ": "
                            {t::verified_by_exercise(&vf.by, &format_instant(vf.at))} " "
                            <a href=format!("/ovningar/{x}/rapport")>{name.clone()}</a>
                            {format!(" – {objective} ({})", rating.short())}
                        </li>
                    }
                    .into_any(),
                    None => view! {
                        <li>
                            <a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a> ": "
                            <strong>{t::VERIFIED_WITHOUT_EXERCISE}</strong>
                            {format!(" ({}, {}) – {}", vf.by, format_instant(vf.at), vf.reason.clone().unwrap_or_default())}
                        </li>
                    }
                    .into_any(),
                },
                None => ().into_any(),
            }
        })
        .collect_view();
    let today = v.options.today;
    let finding_id = f.id;
    let (source, observed_on, entry) = (f.clone(), f.observed_on, f.entry.clone());
    let (description, created_by, lesson) = (
        f.description.clone(),
        f.created_by.clone(),
        f.lesson.clone(),
    );
    let has_lesson = !lesson.is_empty();
    view! {
        <Title text=format!("{} – {} – Redo", f.title, t::FINDINGS_TITLE) />
        <ImprovementNav here="" />
        <p class="breadcrumb"><a href="/brister">{t::FINDINGS_BACK}</a></p>
        <h1>{f.title.clone()}</h1>
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::SAVED}</p> })}
        <p class="badges">
            <KindBadge kind=f.kind />
            <span class="tag">{format!("{} {}", f.capability_code, f.capability_title)}</span>
            <span>{f.forvaltning.clone().map(|(_, n)| n).unwrap_or_else(|| t::FINDING_REGION_WIDE.to_string())}</span>
        </p>
        <ol class="chain" aria-label=t::CHAIN_LABEL>
            <Step done=true title=t::CHAIN_OBSERVATION>
                <p><FindingSource f=source /> {format!(" · {}", observed_on)}</p>
                {entry.map(|(_, seq, text)| view! { <p class="muted">{format!("{} #{seq}: {text}", t::FINDING_FROM_ENTRY)}</p> })}
            </Step>
            <Step done=true title=t::CHAIN_IDENTIFIED>
                {(!description.is_empty()).then(|| view! { <p class="prose">{description.clone()}</p> })}
                <p class="muted">{format!("{} {}", t::RECORDED_BY, created_by)}</p>
            </Step>
            <Step done=decided.is_some() title=t::CHAIN_DECISION>
                {match decided.clone() {
                    Some(d) => view! { <p>{d.text.clone()}</p> <p class="muted">{format!("{}, {}", d.by, format_instant(d.at))}</p> }.into_any(),
                    None => view! { <p class="muted">{t::CHAIN_NOT_DECIDED}</p> }.into_any(),
                }}
            </Step>
            <Step done=any_action title=t::CHAIN_ACTIONS>
                {if actions.is_empty() {
                    view! { <p class="muted">{t::CHAIN_NO_ACTIONS}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain">
                            {actions.iter().map(|a| view! {
                                <li>
                                    <a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a> " "
                                    <ActionBadge status=a.status overdue=a.is_overdue(today) />
                                    <span class="muted">{format!(" {} · {} · {}", a.forvaltning.1, a.responsible.1, a.due_on)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Step>
            <Step done=verified_any title=t::CHAIN_VERIFICATION>
                {if verified_any {
                    view! { <ul class="plain">{verifications}</ul> }.into_any()
                } else {
                    view! { <p class="muted">{t::CHAIN_NOT_VERIFIED}</p> }.into_any()
                }}
            </Step>
            <Step done=has_lesson title=t::CHAIN_LESSON>
                {if has_lesson {
                    view! { <p class="prose lesson">{lesson}</p> }.into_any()
                } else {
                    view! { <p class="muted">{t::CHAIN_NO_LESSON}</p> }.into_any()
                }}
            </Step>
        </ol>
        {v.chain.may_add.then(|| view! {
            <section aria-labelledby="ny-atgard-rubrik">
                <h2 id="ny-atgard-rubrik">{t::ACTION_PROPOSE}</h2>
                <PostForm action=AddAction::PATH class="stacked panel">
                    <FormAlert error />
                    <input type="hidden" name="finding" value=finding_id />
                    <ActionFields options=v.options.clone() initial=None error prefix="ny" />
                    <button type="submit" class="button primary">{t::ACTION_PROPOSE_SAVE}</button>
                </PostForm>
            </section>
        })}
    }
}

#[component]
pub fn FindingPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_finding(id).await,
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
