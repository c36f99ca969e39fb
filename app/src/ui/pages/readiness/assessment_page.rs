//! One assessment: the form (POETE levels, target, justification, shortcomings, measures,
//! evidence, day), the workflow (submit, approve, return), whether an exercise verifies the
//! level, and every version. The same page, without an id, is the form for a new assessment.

use crate::api::AppError;
use crate::api::readiness::{AssessmentStep, AssessmentView, SaveAssessment, get_assessment};
use crate::domain::readiness::{AssessmentContent, Dimension, Level, LevelText, Scores};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, field_error_id, form_error,
    form_was_refused, posted_checked, posted_or,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn level_name(levels: &[LevelText], l: Level) -> String {
    levels.iter().find(|x| x.level == l).map_or_else(
        || l.get().to_string(),
        |x| format!("{} – {}", l.get(), x.label),
    )
}

/// A select of levels 0–5 (or 1–5 for the target), with the stored or posted value chosen.
#[component]
fn LevelSelect(
    field: &'static str,
    label: &'static str,
    value: Level,
    levels: Vec<LevelText>,
    #[prop(optional)] target: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = format!("input[{field}]");
    let chosen = posted_or(&name, value.get().to_string());
    let id = format!("bedomning-{field}");
    let options = levels
        .into_iter()
        .filter(|l| !target || l.level.is_assessed())
        .map(|l| {
            let v = l.level.get().to_string();
            let selected = v == chosen;
            view! { <option value=v selected=selected>{format!("{} – {}", l.level.get(), l.label)}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=field_error_id(field)>
                {options}
            </select>
            <FieldMessage field=field error />
        </div>
    }
}

#[component]
fn TextArea(
    field: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] hint: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = format!("input[{field}]");
    let id = format!("bedomning-{field}");
    let hint_id = format!("{id}-tips");
    let describedby = if hint.is_some() {
        format!("{hint_id} {}", field_error_id(field))
    } else {
        field_error_id(field)
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <textarea id=id name=name.clone() rows="4" aria-describedby=describedby>{posted_or(&name, value)}</textarea>
            <FieldMessage field=field error />
        </div>
    }
}

#[component]
fn AssessmentForm(v: AssessmentView) -> impl IntoView {
    let error = form_error(SaveAssessment::PATH, None);
    let content = v.content.clone().unwrap_or(AssessmentContent {
        scores: Scores::default(),
        target: v.default_target,
        justification: String::new(),
        shortcomings: Vec::new(),
        measures: Vec::new(),
        evidence: Vec::new(),
        assessed_on: v.today,
    });
    let chosen: Vec<String> = content.evidence.iter().map(|e| e.code()).collect();
    let levels = v.levels.clone();
    view! {
        <PostForm action=SaveAssessment::PATH class="assessment-form">
            <FormAlert error />
            <input type="hidden" name="id" value=v.id.unwrap_or(0) />
            <input type="hidden" name="version" value=v.version />
            <input type="hidden" name="forvaltning" value=v.forvaltning.id />
            <input type="hidden" name="capability" value=v.capability_code.clone() />
            <input type="hidden" name="period" value=v.period.code() />
            <fieldset>
                <legend>{t::DIMENSIONS}</legend>
                <p class="hint">{t::rule_hint(v.rule)}</p>
                <div class="dimension-grid">
                    {Dimension::ALL
                        .into_iter()
                        .map(|d| view! { <LevelSelect field=d.code() label=t::dimension(d) value=content.scores.get(d) levels=levels.clone() error /> })
                        .collect_view()}
                </div>
            </fieldset>
            <LevelSelect field="target" label=t::TARGET_LEVEL value=content.target levels=levels.clone() target=true error />
            <TextArea field="justification" label=t::JUSTIFICATION value=content.justification.clone() hint=t::JUSTIFICATION_HINT error />
            <TextArea field="shortcomings" label=t::SHORTCOMINGS value=content.shortcomings.join("\n") hint=t::LINES_HINT error />
            <TextArea field="measures" label=t::MEASURES value=content.measures.join("\n") hint=t::LINES_HINT error />
            <div class="field">
                <label for="bedomning-evidence">{t::EVIDENCE}</label>
                {if v.evidence_options.is_empty() {
                    view! { <p class="hint" id="bedomning-evidence-tips">{t::NO_EVIDENCE_OPTIONS}</p> }.into_any()
                } else {
                    view! { <p class="hint" id="bedomning-evidence-tips">{t::EVIDENCE_HINT}</p> }.into_any()
                }}
                <select id="bedomning-evidence" name="input[evidence][]" multiple size="6" aria-describedby=format!("bedomning-evidence-tips {}", field_error_id("evidence"))>
                    {v.evidence_options
                        .iter()
                        .map(|o| {
                            let selected = posted_checked("input[evidence][]", &o.code, chosen.contains(&o.code));
                            view! { <option value=o.code.clone() selected=selected>{o.label.clone()}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldMessage field="evidence" error />
            </div>
            <div class="field">
                <label for="bedomning-assessed_on">{t::ASSESSED_ON}</label>
                <input id="bedomning-assessed_on" type="date" name="input[assessed_on]" value=posted_or("input[assessed_on]", content.assessed_on.format("%Y-%m-%d").to_string()) aria-describedby=field_error_id("assessed_on") />
                <FieldMessage field="assessed_on" error />
            </div>
            <button type="submit" class="button primary">{t::SAVE_DRAFT}</button>
        </PostForm>
    }
}

/// The content, read only.
#[component]
fn ContentView(content: AssessmentContent, levels: Vec<LevelText>) -> impl IntoView {
    let list = |items: Vec<String>| {
        if items.is_empty() {
            view! { <p class="muted">{t::NOT_SET}</p> }.into_any()
        } else {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
    };
    view! {
        <dl class="facts">
            {Dimension::ALL
                .into_iter()
                .map(|d| view! { <dt>{t::dimension(d)}</dt><dd>{level_name(&levels, content.scores.get(d))}</dd> })
                .collect_view()}
            <dt>{t::TARGET_LEVEL}</dt>
            <dd>{level_name(&levels, content.target)}</dd>
            <dt>{t::ASSESSED_ON}</dt>
            <dd>{content.assessed_on.format("%Y-%m-%d").to_string()}</dd>
        </dl>
        <h3>{t::JUSTIFICATION}</h3>
        <p class="prose">{if content.justification.is_empty() { t::NOT_SET.to_string() } else { content.justification.clone() }}</p>
        <h3>{t::SHORTCOMINGS}</h3>
        {list(content.shortcomings.clone())}
        <h3>{t::MEASURES}</h3>
        {list(content.measures.clone())}
    }
}

#[component]
fn Workflow(v: AssessmentView) -> impl IntoView {
    let error = form_error(AssessmentStep::PATH, None);
    let return_error = form_error(AssessmentStep::PATH, Some("tillbaka"));
    let Some(id) = v.id else { return ().into_any() };
    let version = v.version;
    if !v.can_submit && !v.can_approve {
        return ().into_any();
    }
    view! {
        <section class="panel" aria-labelledby="granskning">
            <h2 id="granskning">{t::WORKFLOW}</h2>
            <FormAlert error />
            {v.can_submit.then(|| view! {
                <PostForm action=AssessmentStep::PATH>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="step" value="lamna-in" />
                    <button type="submit" class="button">{t::SUBMIT_ASSESSMENT}</button>
                </PostForm>
            })}
            {v.can_approve.then(|| view! {
                <PostForm action=AssessmentStep::PATH>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="step" value="faststall" />
                    <button type="submit" class="button primary">{t::APPROVE_ASSESSMENT}</button>
                </PostForm>
                <details class="cancel-box" open=form_was_refused("tillbaka")>
                    <summary>{t::RETURN_ASSESSMENT}</summary>
                    <PostForm action=AssessmentStep::PATH name="tillbaka">
                        <FormAlert error=return_error />
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="step" value="skicka-tillbaka" />
                        <div class="field">
                            <label for="comment">{t::RETURN_COMMENT}</label>
                            <textarea id="comment" name="comment" rows="3" aria-describedby=field_error_id("comment")>{posted_or("comment", String::new())}</textarea>
                            <FieldMessage field="comment" error=return_error />
                        </div>
                        <button type="submit" class="button">{t::RETURN_ASSESSMENT}</button>
                    </PostForm>
                </details>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn History(v: AssessmentView) -> impl IntoView {
    if v.versions.is_empty() {
        return ().into_any();
    }
    let levels = v.levels.clone();
    view! {
        <section aria-labelledby="historik">
            <h2 id="historik">{t::HISTORY}</h2>
            <div class="table-wrap">
                <table class="data">
                    <caption class="visually-hidden">{t::HISTORY}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t::VERSION}</th>
                            <th scope="col">{t::STEP}</th>
                            <th scope="col">{t::DERIVED_LEVEL}</th>
                            <th scope="col">{t::BY}</th>
                            <th scope="col">{t::AT}</th>
                            <th scope="col">{t::COMMENT}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {v.versions
                            .into_iter()
                            .map(|x| {
                                let levels = levels.clone();
                                view! {
                                    <tr>
                                        <td>{x.version}</td>
                                        <th scope="row">
                                            <details>
                                                <summary>{t::step(x.step)}</summary>
                                                <ContentView content=x.content.clone() levels />
                                            </details>
                                        </th>
                                        <td>{x.level.get()}</td>
                                        <td>{x.by.name.clone()}</td>
                                        <td>{crate::ui::components::format_instant(x.at)}</td>
                                        <td>{x.comment.clone()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The cell's open corrective actions, as evidence beside the assessment.
#[component]
fn OpenActions(
    actions: Vec<crate::domain::improvement::Action>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="oppna-atgarder">
            <h2 id="oppna-atgarder">{t::CELL_OPEN_ACTIONS}</h2>
            {if actions.is_empty() {
                view! { <p class="muted">{t::CELL_NO_OPEN_ACTIONS}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {actions.iter().map(|a| view! {
                            <li>
                                <a href=format!("/atgarder/{}", a.id)>{a.text.clone()}</a> " "
                                <crate::ui::pages::evaluation::ActionBadge status=a.status overdue=a.is_overdue(today) />
                                <span class="cell-notes">{format!("{} · {}", a.responsible.1, a.due_on)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Loaded(v: AssessmentView) -> impl IntoView {
    let heading = format!(
        "{} {} – {}",
        v.capability_code, v.capability_title, v.forvaltning.name
    );
    let levels = v.levels.clone();
    let status = v.status.map(t::assessment_status);
    let verified = match v.verified_by {
        Some(d) => view! { <p class="notice-inline ok">{t::VERIFIED_BY} " " {d.format("%Y-%m-%d").to_string()}</p> }.into_any(),
        None => view! { <p class="notice-inline warn"><span aria-hidden="true">{t::UNVERIFIED_MARK} " "</span>{t::unverified_long(v.evidence_window_months)}</p> }.into_any(),
    };
    let approval = match &v.approval {
        Some(a) => format!(
            "{}: {} ({} {}, {}), {}",
            t::LAST_APPROVED,
            level_name(&levels, a.level),
            t::TARGET_LEVEL_INLINE,
            a.target.get(),
            a.by.name,
            crate::ui::components::format_instant(a.at)
        ),
        None => t::NEVER_APPROVED.to_string(),
    };
    let awaiting =
        v.status == Some(crate::domain::readiness::AssessmentStatus::Submitted) && !v.can_approve;
    view! {
        <Title text=format!("{heading} – Redo") />
        <p class="breadcrumb">
            <a href=format!("/beredskap/bedomningar?period={}", v.period.code())>{t::BACK_TO_GRID}</a>
        </p>
        <div class="page-head">
            <h1>{heading} <span class="muted">", " {v.period.label()}</span></h1>
            {status.map(|s| view! { <span class="badge">{s}</span> })}
        </div>
        {v.id.is_some().then(|| view! {
            <p class="lead">{t::DERIVED_LEVEL} ": " <strong>{level_name(&levels, v.level)}</strong>
                {v.assessor.as_ref().map(|a| format!(" · {}: {}", t::ASSESSOR, a.name))}
            </p>
        })}
        {verified}
        <p>{approval}</p>
        {awaiting.then(|| view! { <p class="hint">{t::AWAITING_APPROVAL}</p> })}
        <div class="detail-grid">
            <div>
                {if v.can_edit {
                    view! { <AssessmentForm v=v.clone() /> }.into_any()
                } else {
                    v.content.clone().map(|c| view! { <ContentView content=c levels=levels.clone() /> }).into_any()
                }}
            </div>
            <div>
                <Workflow v=v.clone() />
                <OpenActions actions=v.open_actions.clone() today=v.today />
            </div>
        </div>
        <History v=v.clone() />
    }
}

fn show(data: Resource<Result<AssessmentView, AppError>>) -> impl IntoView {
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

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) if id > 0 => get_assessment(id, None, None, None).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    show(data)
}

#[component]
pub fn NewAssessmentPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (q.get("forvaltning"), q.get("formaga"), q.get("period"))
        },
        |(f, code, period)| async move {
            match f.and_then(|f| f.parse::<i64>().ok()) {
                Some(f) => get_assessment(0, Some(f), code, period).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    show(data)
}
