//! The evaluation report (`/ovningar/:id/rapport`): drafted from the exercise and its
//! evaluation — purpose, format, participants, objectives with final ratings and
//! justifications, strengths, areas for improvement, a timeline of key log entries, the
//! corrective actions, the hotwash and the summary — printable on A4. `?deltagare=1` is the
//! participants' version, without the evaluators' internal notes. The exercise's managers
//! approve it (who, when); only then can the exercise move to Avslutad.

use super::{ActionBadge, RatingBadge};
use crate::api::AppError;
use crate::api::evaluation::{ApproveReport, EvaluationView, get_evaluation};
use crate::domain::ExerciseStatus;
use crate::domain::evaluation::Outcome;
use crate::domain::improvement::FindingKind;
use crate::ui::components::{
    ErrorView, FormAlert, NotFound, PostForm, form_error, format_instant, format_span,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        t::NOT_SET.to_string()
    } else {
        s.to_string()
    }
}

#[component]
fn Approval(v: EvaluationView) -> impl IntoView {
    let e = v.evaluation;
    let id = e.exercise.id;
    let error = form_error(ApproveReport::PATH, None);
    let approvable = matches!(
        e.exercise.status,
        ExerciseStatus::Conducted | ExerciseStatus::Evaluating
    );
    match &e.report.approval {
        Some(a) => view! {
            <p class="approval approved">
                <strong>{t::REPORT_APPROVED}</strong> " " {t::report_approved(&a.by, &format_instant(a.at))}
            </p>
        }
        .into_any(),
        None if e.standing.manages && approvable => view! {
            <div class="approval panel">
                <p><strong>{t::REPORT_NOT_APPROVED}</strong> " " {t::REPORT_APPROVE_HINT}</p>
                {e.blocker.as_ref().map(|m| view! { <p class="notice-inline warn">{t::message(m)}</p> })}
                <PostForm action=ApproveReport::PATH>
                    <FormAlert error />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=e.report.version />
                    <button type="submit" class="button primary">{t::REPORT_APPROVE}</button>
                </PostForm>
            </div>
        }
        .into_any(),
        None => view! { <p class="approval"><strong>{t::REPORT_NOT_APPROVED}</strong></p> }.into_any(),
    }
}

#[component]
fn Loaded(v: EvaluationView) -> impl IntoView {
    let e = v.evaluation.clone();
    let x = e.exercise.clone();
    let id = x.id;
    let participants = v.participants;
    let approved_now = use_query_map().read_untracked().get("godkand").is_some();
    let participants_list = x
        .participants
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let strengths: Vec<_> = e
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Strength)
        .cloned()
        .collect();
    let improvements: Vec<_> = e
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Improvement)
        .cloned()
        .collect();
    let version_label = if participants {
        t::REPORT_PARTICIPANT_VERSION
    } else {
        t::REPORT_FULL_VERSION
    };
    view! {
        <Title text=format!("{} – {} – Redo", t::REPORT_TITLE, x.name) />
        <p class="breadcrumb">
            <a href=format!("/ovningar/{id}")>{t::LIVE_BACK}</a>
            " · "
            <a href=format!("/ovningar/{id}/utvardering")>{t::EVAL_TITLE}</a>
        </p>
        <article class="report">
            <header class="report-head">
                <p class="report-kind">{t::REPORT_TITLE}</p>
                <h1>{x.name.clone()}</h1>
                <p class="muted">{format!("{} · {}", format_span(x.starts_at, x.ends_at), version_label)}</p>
            </header>
            {approved_now.then(|| view! { <p class="notice-inline ok" role="status">{t::REPORT_APPROVED_NOW}</p> })}
            <nav class="report-versions" aria-label=t::REPORT_VERSIONS>
                {if participants {
                    if e.standing.full {
                        view! { <a href=format!("/ovningar/{id}/rapport")>{t::REPORT_SHOW_FULL}</a> }.into_any()
                    } else {
                        ().into_any()
                    }
                } else {
                    view! { <a href=format!("/ovningar/{id}/rapport?deltagare=1")>{t::REPORT_SHOW_PARTICIPANTS}</a> }.into_any()
                }}
                " · " <span class="muted">{t::REPORT_PRINT_HINT}</span>
            </nav>
            <Approval v=v.clone() />
            <section aria-labelledby="r-ovningen">
                <h2 id="r-ovningen">{t::REPORT_ABOUT}</h2>
                <dl class="facts">
                    <dt>{t::PURPOSE}</dt><dd>{or_none(&x.purpose)}</dd>
                    <dt>{t::FORMAT}</dt><dd>{x.format.label()} {x.joint.then_some(" · samverkansövning")}</dd>
                    <dt>{t::WHEN}</dt><dd>{format_span(x.starts_at, x.ends_at)}</dd>
                    <dt>{t::LOCATION}</dt><dd>{or_none(&x.location)}</dd>
                    <dt>{t::LEAD}</dt><dd>{x.lead.name.clone()}</dd>
                    <dt>{t::PARTICIPANTS}</dt><dd>{or_none(&participants_list)}</dd>
                    <dt>{t::EXTERNAL}</dt><dd>{or_none(&x.external_participants.join(", "))}</dd>
                    {(!x.design_withheld).then(|| view! { <dt>{t::SCENARIO}</dt><dd>{or_none(&x.scenario)}</dd> })}
                </dl>
            </section>
            <section aria-labelledby="r-sammanfattning">
                <h2 id="r-sammanfattning">{t::EVAL_SUMMARY}</h2>
                <p class="prose">{if e.report.summary.is_empty() { t::REPORT_NO_SUMMARY.to_string() } else { e.report.summary.clone() }}</p>
            </section>
            <section aria-labelledby="r-mal">
                <h2 id="r-mal">{t::REPORT_OBJECTIVES}</h2>
                {if e.objectives.is_empty() {
                    view! { <p class="muted">{t::EVAL_NO_OBJECTIVES}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="data report-objectives">
                                <caption class="visually-hidden">{t::REPORT_OBJECTIVES}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t::EVAL_OBJECTIVE}</th>
                                        <th scope="col">{t::CAPABILITY}</th>
                                        <th scope="col">{t::EVAL_FINAL}</th>
                                        <th scope="col">{t::EVAL_JUSTIFICATION}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {e.objectives.iter().map(|o| {
                                        let rating = o.outcome.rating();
                                        view! {
                                            <tr>
                                                <th scope="row">{format!("{}. {}", o.number, o.text)}</th>
                                                <td>{format!("{} {}", o.capability_code, o.capability_title)}</td>
                                                <td>{match (rating, &o.outcome) {
                                                    (Some(r), _) => view! { <RatingBadge rating=r /> }.into_any(),
                                                    (None, Outcome::Disputed) => view! { <span>{t::EVAL_FLAGGED}</span> }.into_any(),
                                                    _ => view! { <span>{t::EVAL_NOT_RATED}</span> }.into_any(),
                                                }}</td>
                                                <td>
                                                    {o.set.as_ref().map(|s| view! { <p>{s.reason.clone()}</p> })}
                                                    {o.ratings.iter().filter(|r| r.rating.observed()).map(|r| view! {
                                                        <p class="rating-note">
                                                            <span class="muted">{format!("{} ({}): ", r.evaluator, r.rating.short())}</span>
                                                            {r.justification.clone()}
                                                            {(!participants && !r.notes.is_empty()).then(|| view! {
                                                                <span class="internal-note"><strong>{t::EVAL_NOTES} ": "</strong>{r.notes.clone()}</span>
                                                            })}
                                                        </p>
                                                    }).collect_view()}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="r-styrkor">
                <h2 id="r-styrkor">{t::STRENGTHS}</h2>
                {if strengths.is_empty() {
                    view! { <p class="muted">{t::NONE_YET}</p> }.into_any()
                } else {
                    view! { <ul>{strengths.iter().map(|f| view! { <li><strong>{f.title.clone()}</strong> {(!f.description.is_empty()).then(|| format!(" – {}", f.description))}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section aria-labelledby="r-forbattring">
                <h2 id="r-forbattring">{t::IMPROVEMENTS}</h2>
                {if improvements.is_empty() {
                    view! { <p class="muted">{t::NONE_YET}</p> }.into_any()
                } else {
                    view! { <ul>{improvements.iter().map(|f| view! { <li><strong>{f.title.clone()}</strong> {(!f.description.is_empty()).then(|| format!(" – {}", f.description))}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section aria-labelledby="r-atgarder">
                <h2 id="r-atgarder">{t::ACTIONS_TITLE}</h2>
                {if e.actions.is_empty() {
                    view! { <p class="muted">{t::NONE_YET}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="data">
                                <caption class="visually-hidden">{t::ACTIONS_TITLE}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t::ACTION_TEXT}</th>
                                        <th scope="col">{t::ACTION_OWNER}</th>
                                        <th scope="col">{t::RESPONSIBLE}</th>
                                        <th scope="col">{t::DUE_DATE}</th>
                                        <th scope="col">{t::STATUS}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {e.actions.iter().map(|a| view! {
                                        <tr>
                                            <th scope="row"><a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a></th>
                                            <td>{a.forvaltning.1.clone()}</td>
                                            <td>{a.responsible.1.clone()}</td>
                                            <td>{a.due_on.to_string()}</td>
                                            <td><ActionBadge status=a.status /></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="r-tidslinje">
                <h2 id="r-tidslinje">{t::REPORT_TIMELINE}</h2>
                {if e.timeline.is_empty() {
                    view! { <p class="muted">{t::REPORT_NO_TIMELINE}</p> }.into_any()
                } else {
                    view! {
                        <ol class="report-timeline">
                            {e.timeline.iter().map(|(seq, when, kind, text)| view! {
                                <li><span class="muted">{format!("#{seq} {when} · {kind}")}</span> <span>{text.clone()}</span></li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="r-genomgang">
                <h2 id="r-genomgang">{t::EVAL_HOTWASH}</h2>
                <p class="prose">{if e.report.hotwash.is_empty() { t::NONE_YET.to_string() } else { e.report.hotwash.clone() }}</p>
            </section>
        </article>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let id = id_from_url();
    let query = use_query_map();
    let participants = Memo::new(move |_| query.read().get("deltagare").is_some());
    let data = Resource::new(
        move || (id.get(), participants.get()),
        |(id, participants)| async move {
            match id {
                Some(id) => get_evaluation(id, Some(participants)).await,
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
