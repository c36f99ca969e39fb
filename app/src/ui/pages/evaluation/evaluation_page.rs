//! The evaluation of an exercise (`/ovningar/:id/utvardering`): per objective its critical tasks,
//! evaluators, each evaluator's rating with justification and cited log entries, the flag when
//! those who observed disagree and the exercise leader's final rating; strengths and areas for
//! improvement; the hotwash notes and the report's summary.

use super::{ActionBadge, OutcomeBadge, RatingBadge};
use crate::api::AppError;
use crate::api::evaluation::{
    AddFinding, DeleteFinding, EvaluationView, RateObjective, SaveReport, SetEvaluators,
    SetFinalRating, SetTasks, get_evaluation,
};
use crate::domain::evaluation::{EvaluatorRating, ObjectiveEvaluation, Rating, takes_changes};
use crate::domain::improvement::{Finding, FindingKind};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, PostedSelect, form_error,
    form_was_refused, format_instant, posted_checked, posted_or,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Whether the evaluation still takes changes.
pub fn is_open(v: &EvaluationView) -> bool {
    takes_changes(v.evaluation.exercise.status) && v.evaluation.report.approval.is_none()
}

fn entry_label(entries: &[(i64, i64, String, String)], id: i64) -> String {
    entries
        .iter()
        .find(|(e, ..)| *e == id)
        .map(|(_, seq, kind, text)| format!("#{seq} {kind}: {text}"))
        .unwrap_or_else(|| format!("#{id}"))
}

#[component]
fn RatingRow(r: EvaluatorRating, entries: Vec<(i64, i64, String, String)>) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{r.evaluator.clone()}</th>
            <td><RatingBadge rating=r.rating /></td>
            <td>
                <p class="prose">{r.justification.clone()}</p>
                {(!r.entries.is_empty()).then(|| view! {
                    <ul class="plain cited">
                        {r.entries.iter().map(|e| view! { <li>{entry_label(&entries, *e)}</li> }).collect_view()}
                    </ul>
                })}
            </td>
            <td class="internal">{if r.notes.is_empty() { "–".to_string() } else { r.notes.clone() }}</td>
        </tr>
    }
}

/// The signed-in evaluator's rating form for one objective.
#[component]
fn RateForm(
    id: i64,
    o: ObjectiveEvaluation,
    mine: Option<EvaluatorRating>,
    entries: Vec<(i64, i64, String, String)>,
) -> impl IntoView {
    let form = format!("betyg-{}", o.objective_id);
    let error = form_error(RateObjective::PATH, Some(&form));
    let fid = {
        let f = form.clone();
        move |x: &str| format!("{f}-{x}")
    };
    let ratings: Vec<(String, String)> = std::iter::once((String::new(), t::CHOOSE.to_string()))
        .chain(
            Rating::ALL
                .into_iter()
                .map(|r| (r.code().to_string(), r.label().to_string())),
        )
        .collect();
    let stored = mine
        .as_ref()
        .map(|r| r.rating.code().to_string())
        .unwrap_or_default();
    let cited: Vec<i64> = mine.as_ref().map(|r| r.entries.clone()).unwrap_or_default();
    view! {
        <PostForm action=RateObjective::PATH name=form.clone() class="stacked rate-form">
            <h4>{if mine.is_some() { t::EVAL_MY_RATING_CHANGE } else { t::EVAL_MY_RATING }}</h4>
            <FormAlert error />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="objective" value=o.objective_id />
            <input type="hidden" name="version" value=mine.as_ref().map_or(0, |r| r.version) />
            <div class="field">
                <label for=fid("rating")>{t::EVAL_RATING}</label>
                <PostedSelect id=fid("rating") name="input[rating]".to_string() stored options=ratings describedby=fid("rating-fel") />
                <FieldMessage field="rating" error id=fid("rating-fel") />
            </div>
            <div class="field">
                <label for=fid("justification")>{t::EVAL_JUSTIFICATION}</label>
                <textarea id=fid("justification") name="input[justification]" rows="3" aria-describedby=fid("justification-fel")>
                    {posted_or("input[justification]", mine.as_ref().map(|r| r.justification.clone()).unwrap_or_default())}
                </textarea>
                <FieldMessage field="justification" error id=fid("justification-fel") />
            </div>
            <div class="field">
                <label for=fid("notes")>{t::EVAL_NOTES}</label>
                <p class="hint" id=fid("notes-hint")>{t::EVAL_NOTES_HINT}</p>
                <textarea id=fid("notes") name="input[notes]" rows="2" aria-describedby=format!("{} {}", fid("notes-hint"), fid("notes-fel"))>
                    {posted_or("input[notes]", mine.as_ref().map(|r| r.notes.clone()).unwrap_or_default())}
                </textarea>
                <FieldMessage field="notes" error id=fid("notes-fel") />
            </div>
            {(!entries.is_empty()).then(|| view! {
                <div class="field">
                    <label for=fid("entries")>{t::EVAL_CITED_ENTRIES}</label>
                    <select id=fid("entries") name="input[entries][]" multiple size="5" aria-describedby=fid("entries-fel")>
                        {entries.iter().map(|(eid, seq, kind, text)| {
                            let selected = posted_checked("input[entries][]", &eid.to_string(), cited.contains(eid));
                            view! { <option value=*eid selected=selected>{format!("#{seq} {kind}: {text}")}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage field="entries" error id=fid("entries-fel") />
                </div>
            })}
            <button type="submit" class="button primary">{t::EVAL_SAVE_RATING}</button>
        </PostForm>
    }
}

/// The exercise leader's final rating form.
#[component]
fn FinalForm(id: i64, o: ObjectiveEvaluation) -> impl IntoView {
    let form = format!("slutbetyg-{}", o.objective_id);
    let error = form_error(SetFinalRating::PATH, Some(&form));
    let fid = {
        let f = form.clone();
        move |x: &str| format!("{f}-{x}")
    };
    let ratings: Vec<(String, String)> = std::iter::once((String::new(), t::CHOOSE.to_string()))
        .chain(
            Rating::FINAL
                .into_iter()
                .map(|r| (r.code().to_string(), r.label().to_string())),
        )
        .collect();
    let stored = o
        .set
        .as_ref()
        .map(|s| s.rating.code().to_string())
        .unwrap_or_default();
    let open = form_was_refused(&form) || o.flagged();
    view! {
        <details class="final-form" open=open>
            <summary>{if o.set.is_some() { t::EVAL_FINAL_CHANGE } else { t::EVAL_FINAL_SET }}</summary>
            <PostForm action=SetFinalRating::PATH name=form.clone() class="stacked">
                <FormAlert error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="objective" value=o.objective_id />
                <input type="hidden" name="version" value=o.set.as_ref().map_or(0, |s| s.version) />
                <div class="field">
                    <label for=fid("rating")>{t::EVAL_FINAL}</label>
                    <PostedSelect id=fid("rating") name="input[rating]".to_string() stored options=ratings describedby=fid("rating-fel") />
                    <FieldMessage field="rating" error id=fid("rating-fel") />
                </div>
                <div class="field">
                    <label for=fid("reason")>{t::EVAL_FINAL_REASON}</label>
                    <textarea id=fid("reason") name="input[reason]" rows="3" required aria-describedby=fid("reason-fel")>
                        {posted_or("input[reason]", o.set.as_ref().map(|s| s.reason.clone()).unwrap_or_default())}
                    </textarea>
                    <FieldMessage field="reason" error id=fid("reason-fel") />
                </div>
                <button type="submit" class="button primary">{t::EVAL_FINAL_SAVE}</button>
            </PostForm>
        </details>
    }
}

/// Critical tasks and evaluators, for those who run the evaluation.
#[component]
fn SetupForms(id: i64, o: ObjectiveEvaluation, evaluators: Vec<(i64, String)>) -> impl IntoView {
    let tasks_form = format!("uppgifter-{}", o.objective_id);
    let tasks_error = form_error(SetTasks::PATH, Some(&tasks_form));
    let eval_form = format!("utvarderare-{}", o.objective_id);
    let eval_error = form_error(SetEvaluators::PATH, Some(&eval_form));
    let assigned: Vec<i64> = o.evaluators.iter().map(|(u, _)| *u).collect();
    let open = form_was_refused(&tasks_form) || form_was_refused(&eval_form);
    let oid = o.objective_id;
    view! {
        <details class="setup" open=open>
            <summary>{t::EVAL_SETUP}</summary>
            <PostForm action=SetTasks::PATH name=tasks_form.clone() class="stacked">
                <FormAlert error=tasks_error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="objective" value=oid />
                <div class="field">
                    <label for=format!("{tasks_form}-text")>{t::EVAL_TASKS}</label>
                    <p class="hint" id=format!("{tasks_form}-hint")>{t::EVAL_TASKS_HINT}</p>
                    <textarea id=format!("{tasks_form}-text") name="tasks" rows="4" aria-describedby=format!("{tasks_form}-hint {tasks_form}-fel")>
                        {posted_or("tasks", o.tasks.join("\n"))}
                    </textarea>
                    <FieldMessage field="tasks" error=tasks_error id=format!("{tasks_form}-fel") />
                </div>
                <button type="submit" class="button">{t::EVAL_TASKS_SAVE}</button>
            </PostForm>
            <PostForm action=SetEvaluators::PATH name=eval_form.clone() class="stacked">
                <FormAlert error=eval_error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="objective" value=oid />
                <fieldset aria-describedby=format!("{eval_form}-fel")>
                    <legend>{t::EVAL_EVALUATORS}</legend>
                    {if evaluators.is_empty() {
                        view! { <p class="hint">{t::EVAL_NO_EVALUATORS_ON_STAFF} " " <a href=format!("/ovningar/{id}/bemanning")>{t::STAFF_TITLE}</a></p> }.into_any()
                    } else {
                        evaluators.iter().map(|(u, name)| {
                            let box_id = format!("{eval_form}-{u}");
                            let checked = posted_checked("evaluators[]", &u.to_string(), assigned.contains(u));
                            view! {
                                <label for=box_id.clone() class="check">
                                    <input id=box_id.clone() type="checkbox" name="evaluators[]" value=*u checked=checked />
                                    {name.clone()}
                                </label>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <FieldMessage field="evaluators" error=eval_error id=format!("{eval_form}-fel") />
                <button type="submit" class="button">{t::EVAL_EVALUATORS_SAVE}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn ObjectiveSection(v: EvaluationView, o: ObjectiveEvaluation) -> impl IntoView {
    let id = v.evaluation.exercise.id;
    let open = is_open(&v);
    let standing = v.evaluation.standing;
    let assigned = o.evaluators.iter().any(|(u, _)| *u == v.user_id);
    let mine = o
        .ratings
        .iter()
        .find(|r| r.evaluator_id == v.user_id)
        .cloned();
    let entries = v.evaluation.entries.clone();
    let disputed = o.disputed();
    view! {
        <section class="objective-eval card" id=format!("mal-{}", o.objective_id) aria-labelledby=format!("mal-{}-rubrik", o.objective_id)>
            <h2 id=format!("mal-{}-rubrik", o.objective_id)>{format!("{} {}: {}", t::EVAL_OBJECTIVE, o.number, o.text)}</h2>
            <p class="badges">
                <span class="tag">{format!("{} {}", o.capability_code, o.capability_title)}</span>
                <OutcomeBadge objective=o.clone() />
                {(disputed && !o.flagged()).then(|| view! { <span class="muted">{t::EVAL_WAS_DISPUTED}</span> })}
            </p>
            {o.flagged().then(|| view! { <p class="notice-inline warn">{t::EVAL_FLAGGED_TEXT}</p> })}
            {o.set.clone().map(|s| view! {
                <p class="set-reason">
                    <strong>{t::EVAL_FINAL_REASON} ": "</strong>{s.reason.clone()}
                    {(!s.set_by.is_empty()).then(|| view! { <span class="muted">{format!(" ({}, {})", s.set_by, format_instant(s.set_at))}</span> })}
                </p>
            })}
            <div class="two-col">
                <div>
                    <h3>{t::EVAL_TASKS}</h3>
                    {if o.tasks.is_empty() {
                        view! { <p class="muted">{t::EVAL_NO_TASKS}</p> }.into_any()
                    } else {
                        view! { <ul>{o.tasks.iter().map(|task| view! { <li>{task.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </div>
                <div>
                    <h3>{t::EVAL_EVALUATORS}</h3>
                    {if o.evaluators.is_empty() {
                        view! { <p class="muted">{t::EVAL_NO_EVALUATORS}</p> }.into_any()
                    } else {
                        view! { <ul class="plain">{o.evaluators.iter().map(|(_, n)| view! { <li>{n.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </div>
            </div>
            {(!v.participants && !o.ratings.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="data ratings">
                        <caption>{format!("{} {}", t::EVAL_RATINGS_OF, o.number)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::EVAL_EVALUATOR}</th>
                                <th scope="col">{t::EVAL_RATING}</th>
                                <th scope="col">{t::EVAL_JUSTIFICATION}</th>
                                <th scope="col">{t::EVAL_NOTES}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {o.ratings.iter().cloned().map(|r| view! { <RatingRow r entries=entries.clone() /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(v.participants && !o.ratings.is_empty()).then(|| view! {
                <p class="muted">{t::rated_by(o.ratings.len())}</p>
            })}
            {(open && standing.evaluates && assigned).then(|| view! { <RateForm id o=o.clone() mine entries=entries.clone() /> })}
            {(open && standing.evaluates && !assigned).then(|| view! { <p class="muted">{t::EVAL_NOT_ASSIGNED}</p> })}
            {(open && standing.leads()).then(|| view! {
                <FinalForm id o=o.clone() />
                <SetupForms id o=o.clone() evaluators=v.evaluation.evaluators.clone() />
            })}
        </section>
    }
}

#[component]
fn FindingItem(f: Finding, id: i64, may_delete: bool, has_actions: bool) -> impl IntoView {
    let form = format!("ta-bort-{}", f.id);
    let error = form_error(DeleteFinding::PATH, Some(&form));
    view! {
        <li id=format!("iakttagelse-{}", f.id) class=format!("finding finding-{}", f.kind.code())>
            <p>
                <strong>{f.title.clone()}</strong>
                " "
                <span class="tag">{f.capability_code.clone()}</span>
                {f.forvaltning.clone().map(|(_, n)| view! { " " <span class="muted">{n}</span> })}
            </p>
            {(!f.description.is_empty()).then(|| view! { <p class="prose">{f.description.clone()}</p> })}
            {f.entry.clone().map(|(_, seq, text)| view! { <p class="muted">{format!("{} #{seq}: {text}", t::FINDING_FROM_ENTRY)}</p> })}
            <p class="muted">{format!("{} {}", t::RECORDED_BY, f.created_by)}</p>
            {(f.kind == FindingKind::Improvement).then(|| view! {
                <p><a href=format!("/brister/{}", f.id)>{t::FINDING_OPEN_CHAIN}</a></p>
            })}
            {(may_delete && !has_actions).then(|| view! {
                <PostForm action=DeleteFinding::PATH name=form.clone() class="inline">
                    <FormAlert error />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="finding" value=f.id />
                    <button type="submit" class="button-link danger">
                        {t::REMOVE} <span class="visually-hidden">" " {f.title.clone()}</span>
                    </button>
                </PostForm>
            })}
        </li>
    }
}

#[component]
fn FindingForm(v: EvaluationView) -> impl IntoView {
    let id = v.evaluation.exercise.id;
    let error = form_error(AddFinding::PATH, None);
    let kinds: Vec<(String, String)> = [FindingKind::Improvement, FindingKind::Strength]
        .into_iter()
        .map(|k| (k.code().to_string(), k.label().to_string()))
        .collect();
    let caps: Vec<(String, String)> = std::iter::once((String::new(), t::CHOOSE.to_string()))
        .chain(v.capabilities.iter().cloned())
        .collect();
    let forvaltningar: Vec<(String, String)> =
        std::iter::once((String::new(), t::NOT_SET.to_string()))
            .chain(
                v.forvaltningar
                    .iter()
                    .map(|(i, n)| (i.to_string(), n.clone())),
            )
            .collect();
    let objectives: Vec<(String, String)> =
        std::iter::once((String::new(), t::EVAL_WHOLE_EXERCISE.to_string()))
            .chain(v.evaluation.objectives.iter().map(|o| {
                (
                    o.objective_id.to_string(),
                    format!("{} {}: {}", t::EVAL_OBJECTIVE, o.number, o.text),
                )
            }))
            .collect();
    let entries: Vec<(String, String)> =
        std::iter::once((String::new(), t::NONE_CHOSEN.to_string()))
            .chain(
                v.evaluation
                    .entries
                    .iter()
                    .map(|(i, seq, kind, text)| (i.to_string(), format!("#{seq} {kind}: {text}"))),
            )
            .collect();
    view! {
        <details class="add-finding" open=form_was_refused("ny-iakttagelse") || error.with_untracked(Option::is_some)>
            <summary>{t::FINDING_ADD}</summary>
            <PostForm action=AddFinding::PATH class="stacked">
                <FormAlert error />
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="ny-kind">{t::FINDING_KIND}</label>
                    <PostedSelect id="ny-kind".to_string() name="input[kind]".to_string() stored="forbattring".to_string() options=kinds describedby="ny-kind-fel" />
                    <FieldMessage field="kind" error id="ny-kind-fel" />
                </div>
                <div class="field">
                    <label for="ny-title">{t::FINDING_TITLE}</label>
                    <input id="ny-title" type="text" name="input[title]" value=posted_or("input[title]", String::new()) required aria-describedby="ny-title-fel" />
                    <FieldMessage field="title" error id="ny-title-fel" />
                </div>
                <div class="field">
                    <label for="ny-description">{t::DESCRIPTION}</label>
                    <textarea id="ny-description" name="input[description]" rows="3" aria-describedby="ny-description-fel">{posted_or("input[description]", String::new())}</textarea>
                    <FieldMessage field="description" error id="ny-description-fel" />
                </div>
                <div class="field">
                    <label for="ny-objective">{t::EVAL_OBJECTIVE}</label>
                    <PostedSelect id="ny-objective".to_string() name="input[objective]".to_string() stored=String::new() options=objectives describedby="ny-objective-fel" />
                    <FieldMessage field="objective" error id="ny-objective-fel" />
                </div>
                <div class="field">
                    <label for="ny-capability">{t::CAPABILITY}</label>
                    <PostedSelect id="ny-capability".to_string() name="input[capability]".to_string() stored=String::new() options=caps describedby="ny-capability-fel" />
                    <FieldMessage field="capability" error id="ny-capability-fel" />
                </div>
                <div class="field">
                    <label for="ny-forvaltning">{t::FORVALTNING}</label>
                    <PostedSelect id="ny-forvaltning".to_string() name="input[forvaltning]".to_string() stored=String::new() options=forvaltningar describedby="ny-forvaltning-fel" />
                    <FieldMessage field="forvaltning" error id="ny-forvaltning-fel" />
                </div>
                <div class="field">
                    <label for="ny-entry">{t::FINDING_ENTRY}</label>
                    <PostedSelect id="ny-entry".to_string() name="input[entry]".to_string() stored=String::new() options=entries describedby="ny-entry-fel" />
                    <FieldMessage field="entry" error id="ny-entry-fel" />
                </div>
                <button type="submit" class="button primary">{t::FINDING_SAVE}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn ReportTextForm(v: EvaluationView) -> impl IntoView {
    let id = v.evaluation.exercise.id;
    let error = form_error(SaveReport::PATH, None);
    let r = v.evaluation.report.clone();
    view! {
        <PostForm action=SaveReport::PATH class="stacked">
            <FormAlert error />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=r.version />
            <div class="field">
                <label for="hotwash">{t::EVAL_HOTWASH}</label>
                <p class="hint" id="hotwash-hint">{t::EVAL_HOTWASH_HINT}</p>
                <textarea id="hotwash" name="hotwash" rows="6" aria-describedby="hotwash-hint hotwash-fel">{posted_or("hotwash", r.hotwash.clone())}</textarea>
                <FieldMessage field="hotwash" error id="hotwash-fel" />
            </div>
            <div class="field">
                <label for="summary">{t::EVAL_SUMMARY}</label>
                <p class="hint" id="summary-hint">{t::EVAL_SUMMARY_HINT}</p>
                <textarea id="summary" name="summary" rows="6" aria-describedby="summary-hint summary-fel">{posted_or("summary", r.summary.clone())}</textarea>
                <FieldMessage field="summary" error id="summary-fel" />
            </div>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn Loaded(v: EvaluationView) -> impl IntoView {
    let e = v.evaluation.clone();
    let id = e.exercise.id;
    let open = is_open(&v);
    let standing = e.standing;
    let query = use_query_map();
    let saved = query.read_untracked().get("sparat").is_some();
    let removed = query.read_untracked().get("borttagen").is_some();
    let flagged = e.objectives.iter().filter(|o| o.flagged()).count();
    let rated = e
        .objectives
        .iter()
        .filter(|o| o.outcome.rating().is_some())
        .count();
    let (strengths, improvements): (Vec<Finding>, Vec<Finding>) = e
        .findings
        .iter()
        .cloned()
        .partition(|f| f.kind == FindingKind::Strength);
    let actor_may_delete = |f: &Finding| open && (standing.leads() || f.created_by == v.user_name);
    let with_actions = |f: &Finding| e.actions.iter().any(|a| a.finding_id == f.id);
    let finding_items = |list: Vec<Finding>| {
        list.into_iter()
            .map(|f| {
                let may = actor_may_delete(&f);
                let has = with_actions(&f);
                view! { <FindingItem f id may_delete=may has_actions=has /> }
            })
            .collect_view()
    };
    let strengths_view = finding_items(strengths.clone());
    let improvements_view = finding_items(improvements.clone());
    view! {
        <Title text=format!("{} – {} – Redo", t::EVAL_TITLE, e.exercise.name) />
        <p class="breadcrumb">
            <a href=format!("/ovningar/{id}")>{t::LIVE_BACK}</a>
            " · "
            <a href=format!("/ovningar/{id}/rapport")>{t::REPORT_TITLE}</a>
            " · "
            <a href=format!("/ovningar/{id}/live")>{t::LIVE_OPEN}</a>
        </p>
        <h1>{format!("{}: {}", t::EVAL_TITLE, e.exercise.name)}</h1>
        <p class="lead">{t::EVAL_INTRO}</p>
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::SAVED}</p> })}
        {removed.then(|| view! { <p class="notice-inline ok" role="status">{t::REMOVED}</p> })}
        <p class="eval-summary">
            {t::eval_progress(rated, e.objectives.len())}
            {(flagged > 0).then(|| view! { " " <strong class="flag-count"><span aria-hidden="true">"⚑ "</span>{t::eval_flagged_count(flagged)}</strong> })}
        </p>
        {match (&e.report.approval, open) {
            (Some(a), _) => view! { <p class="notice-inline ok">{t::report_approved(&a.by, &format_instant(a.at))}</p> }.into_any(),
            (None, false) => view! { <p class="notice-inline">{t::EVAL_NOT_OPEN}</p> }.into_any(),
            (None, true) => ().into_any(),
        }}
        {v.participants.then(|| view! { <p class="muted">{t::EVAL_PARTICIPANT_VIEW}</p> })}
        {e.objectives.iter().cloned().map(|o| view! { <ObjectiveSection v=v.clone() o /> }).collect_view()}
        {e.objectives.is_empty().then(|| view! { <p class="empty">{t::EVAL_NO_OBJECTIVES}</p> })}
        <section id="iakttagelser" aria-labelledby="iakttagelser-rubrik">
            <h2 id="iakttagelser-rubrik">{t::FINDINGS_OF_EXERCISE}</h2>
            <div class="two-col">
                <div>
                    <h3>{t::STRENGTHS}</h3>
                    {if strengths.is_empty() { view! { <p class="muted">{t::NONE_YET}</p> }.into_any() } else { view! { <ul class="plain findings">{strengths_view}</ul> }.into_any() }}
                </div>
                <div>
                    <h3>{t::IMPROVEMENTS}</h3>
                    {if improvements.is_empty() { view! { <p class="muted">{t::NONE_YET}</p> }.into_any() } else { view! { <ul class="plain findings">{improvements_view}</ul> }.into_any() }}
                </div>
            </div>
            {(open && standing.records()).then(|| view! { <FindingForm v=v.clone() /> })}
        </section>
        {(!e.actions.is_empty()).then(|| view! {
            <section aria-labelledby="atgarder-rubrik">
                <h2 id="atgarder-rubrik">{t::ACTIONS_TITLE}</h2>
                <ul class="plain">
                    {e.actions.iter().map(|a| view! {
                        <li><a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a> " " <ActionBadge status=a.status /></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section id="rapporttext" aria-labelledby="rapporttext-rubrik">
            <h2 id="rapporttext-rubrik">{t::EVAL_HOTWASH_AND_SUMMARY}</h2>
            {if open && standing.leads() {
                view! { <ReportTextForm v=v.clone() /> }.into_any()
            } else {
                view! {
                    <h3>{t::EVAL_HOTWASH}</h3>
                    <p class="prose">{if e.report.hotwash.is_empty() { t::NONE_YET.to_string() } else { e.report.hotwash.clone() }}</p>
                    <h3>{t::EVAL_SUMMARY}</h3>
                    <p class="prose">{if e.report.summary.is_empty() { t::NONE_YET.to_string() } else { e.report.summary.clone() }}</p>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn EvaluationPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_evaluation(id, None).await,
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
