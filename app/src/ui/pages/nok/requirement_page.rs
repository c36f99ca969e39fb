//! One requirement area (`/nok/krav/:id`, for a förvaltning `?forvaltning=`): the checklist of
//! grundläggande krav and kvalitetsmått, the status they suggest (and a manual one with its
//! reason), who is responsible by when, the evidence (exercises whose objectives name the area
//! count by themselves) and every change. An area followed per förvaltning first lists the
//! förvaltningar.

use super::overview_page::{DueDate, FulfilmentBadge};
use crate::api::AppError;
use crate::api::nok::{
    AddFulfilmentEvidence, ChosenFulfilment, RemoveFulfilmentEvidence, RequirementView,
    SaveFulfilmentDetails, SaveFulfilmentStatus, SaveRequirementCriteria, TickCriteria,
    nok_requirement,
};
use crate::domain::nok::{Criterion, CriterionKind, EvidenceKind, FulfilmentStatus};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, PostedCheckbox, PostedSelect,
    field_error_id, form_error, form_was_refused, format_instant, posted_or,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The hidden fields every fulfilment form posts.
#[component]
fn Target(requirement: i64, forvaltning: i64, version: i64) -> impl IntoView {
    view! {
        <input type="hidden" name="requirement" value=requirement />
        <input type="hidden" name="forvaltning" value=forvaltning />
        <input type="hidden" name="version" value=version />
    }
}

#[component]
fn Checklist(
    v: RequirementView,
    chosen: ChosenFulfilment,
    requirement: i64,
    forvaltning: i64,
) -> impl IntoView {
    let error = form_error(TickCriteria::PATH, Some("kriterier"));
    let met = chosen.fulfilment.met.clone();
    let group = move |kind: CriterionKind, list: Vec<Criterion>| {
        let met = met.clone();
        let can_edit = v.can_edit;
        let legend = match kind {
            CriterionKind::Basic => t::BASIC_CRITERIA,
            CriterionKind::Quality => t::QUALITY_CRITERIA,
        };
        let lines: Vec<Criterion> = list
            .into_iter()
            .filter(|c| c.kind == kind && c.active)
            .collect();
        view! {
            <fieldset class="checklist">
                <legend>{legend}</legend>
                {lines.is_empty().then(|| view! { <p class="muted">{t::NO_CRITERIA}</p> })}
                <ul>
                    {lines.into_iter().map(|c| {
                        let id = format!("kriterium-{}", c.id);
                        let tick = met.iter().find(|m| m.criterion_id == c.id).cloned();
                        let checked = tick.is_some();
                        let note = tick.map(|m| format!("{} {}, {}", t::MET_BY, m.by.name, format_instant(m.at)));
                        view! {
                            <li>
                                {if can_edit {
                                    view! { <PostedCheckbox id=id.clone() name="input[met][]".to_string() value=c.id.to_string() stored=checked /> }.into_any()
                                } else {
                                    view! { <span class="tick" aria-hidden="true">{if checked { "☑" } else { "☐" }}</span> }.into_any()
                                }}
                                <label for=id>{c.text.clone()}
                                    {(!can_edit).then(|| view! { <span class="visually-hidden">{if checked { t::MET } else { t::NOT_MET }}</span> })}
                                </label>
                                {note.map(|n| view! { <span class="cell-notes">{n}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
        }
    };
    let basic = group(CriterionKind::Basic, v.criteria.clone());
    let quality = group(CriterionKind::Quality, v.criteria.clone());
    if v.can_edit {
        view! {
            <PostForm action=TickCriteria::PATH name="kriterier" class="checklist-form">
                <FormAlert error />
                <Target requirement forvaltning version=chosen.fulfilment.version />
                {basic}
                {quality}
                <FieldMessage field="criteria" error />
                <button type="submit" class="button primary">{t::SAVE_CRITERIA}</button>
            </PostForm>
        }
        .into_any()
    } else {
        view! { <div>{basic}{quality}</div> }.into_any()
    }
}

#[component]
fn StatusForm(chosen: ChosenFulfilment, requirement: i64, forvaltning: i64) -> impl IntoView {
    let error = form_error(SaveFulfilmentStatus::PATH, Some("status"));
    let stored = chosen
        .fulfilment
        .manual
        .map(|s| s.code().to_string())
        .unwrap_or_default();
    let suggested = chosen.suggestion.status;
    let options: Vec<(String, String)> = std::iter::once((
        String::new(),
        t::follow_suggestion(t::fulfilment_status(suggested)),
    ))
    .chain(
        FulfilmentStatus::ALL
            .into_iter()
            .filter(|s| *s != suggested)
            .map(|s| (s.code().to_string(), t::fulfilment_status(s).to_string())),
    )
    .collect();
    view! {
        <PostForm action=SaveFulfilmentStatus::PATH name="status">
            <FormAlert error />
            <Target requirement forvaltning version=chosen.fulfilment.version />
            <div class="field">
                <label for="status-val">{t::STATUS}</label>
                <PostedSelect id="status-val".to_string() name="input[status]".to_string() stored options describedby=field_error_id("status") />
                <FieldMessage field="status" error />
            </div>
            <div class="field">
                <label for="status-reason">{t::STATUS_REASON}</label>
                <p class="hint" id="status-reason-tips">{t::STATUS_REASON_HINT}</p>
                <textarea id="status-reason" name="input[reason]" rows="3" aria-describedby=format!("status-reason-tips {}", field_error_id("reason"))>
                    {posted_or("input[reason]", chosen.fulfilment.reason.clone())}
                </textarea>
                <FieldMessage field="reason" error />
            </div>
            <button type="submit" class="button">{t::SAVE_STATUS}</button>
        </PostForm>
    }
}

#[component]
fn DetailsForm(chosen: ChosenFulfilment, requirement: i64, forvaltning: i64) -> impl IntoView {
    let error = form_error(SaveFulfilmentDetails::PATH, Some("ansvar"));
    let f = chosen.fulfilment.clone();
    view! {
        <PostForm action=SaveFulfilmentDetails::PATH name="ansvar">
            <FormAlert error />
            <Target requirement forvaltning version=f.version />
            <div class="field">
                <label for="ansvar-responsible">{t::RESPONSIBLE}</label>
                <input id="ansvar-responsible" type="text" name="input[responsible]" value=posted_or("input[responsible]", f.responsible.clone()) aria-describedby=field_error_id("responsible") />
                <FieldMessage field="responsible" error />
            </div>
            <div class="field">
                <label for="ansvar-due_on">{t::DUE}</label>
                <input id="ansvar-due_on" type="date" name="input[due_on]" value=posted_or("input[due_on]", f.due_on.map(|d| d.to_string()).unwrap_or_default()) aria-describedby=field_error_id("due_on") />
                <FieldMessage field="due_on" error />
            </div>
            <div class="field">
                <label for="ansvar-progress">{t::PROGRESS}</label>
                <p class="hint" id="ansvar-progress-tips">{t::PROGRESS_HINT}</p>
                <textarea id="ansvar-progress" name="input[progress]" rows="3" aria-describedby=format!("ansvar-progress-tips {}", field_error_id("progress"))>
                    {posted_or("input[progress]", f.progress.clone())}
                </textarea>
                <FieldMessage field="progress" error />
            </div>
            <button type="submit" class="button">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn EvidenceList(
    v: RequirementView,
    chosen: ChosenFulfilment,
    requirement: i64,
    forvaltning: i64,
) -> impl IntoView {
    let remove_error = form_error(RemoveFulfilmentEvidence::PATH, None);
    let version = chosen.fulfilment.version;
    let evidence = chosen.fulfilment.evidence.clone();
    view! {
        <FormAlert error=remove_error />
        {evidence.is_empty().then(|| view! { <p class="muted">{t::NO_FULFILMENT_EVIDENCE}</p> })}
        <ul class="evidence-list">
            {evidence.into_iter().map(|e| {
                let text = match &e.kind {
                    EvidenceKind::Exercise { id, name, conducted_on } => view! {
                        <a href=format!("/ovningar/{id}")>{name.clone()}</a>
                        " " <span class="muted">{match conducted_on {
                            Some(d) => format!("({} {})", t::CONDUCTED_ON, d.format("%Y-%m-%d")),
                            None => format!("({})", t::PLANNED_NOT_COUNTED),
                        }}</span>
                    }.into_any(),
                    EvidenceKind::Assessment { id, label } => view! {
                        {t::ASSESSMENT} " " <a href=format!("/beredskap/bedomningar/{id}")>{label.clone()}</a>
                    }.into_any(),
                    EvidenceKind::Document(d) => view! { {t::DOCUMENT} ": " {d.clone()} }.into_any(),
                };
                let auto = e.id.is_none();
                let carried = (!e.carried_from.is_empty()).then(|| e.carried_from.clone());
                view! {
                    <li>
                        {text}
                        {auto.then(|| view! { <span class="tag">{t::AUTOMATIC_EVIDENCE}</span> })}
                        {carried.map(|c| view! { <span class="tag carried">{t::CARRIED_FROM} " " {c}</span> })}
                        {(v.can_edit && !auto).then(|| e.id.map(|id| view! {
                            <PostForm action=RemoveFulfilmentEvidence::PATH class="inline">
                                <Target requirement forvaltning version />
                                <input type="hidden" name="evidence" value=id />
                                <button type="submit" class="button-link">{t::REMOVE} <span class="visually-hidden">" " {t::EVIDENCE}</span></button>
                            </PostForm>
                        }))}
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint">{t::AUTOMATIC_EVIDENCE_HINT}</p>
    }
}

#[component]
fn AddEvidence(
    v: RequirementView,
    chosen: ChosenFulfilment,
    requirement: i64,
    forvaltning: i64,
) -> impl IntoView {
    let version = chosen.fulfilment.version;
    let form = |name: &'static str| form_error(AddFulfilmentEvidence::PATH, Some(name));
    let (ex_error, as_error, doc_error) = (
        form("underlag-ovning"),
        form("underlag-bedomning"),
        form("underlag-dokument"),
    );
    view! {
        <details class="add-evidence" open=form_was_refused("underlag-ovning") || form_was_refused("underlag-bedomning") || form_was_refused("underlag-dokument")>
            <summary>{t::ADD_EVIDENCE}</summary>
            <PostForm action=AddFulfilmentEvidence::PATH name="underlag-ovning">
                <FormAlert error=ex_error />
                <Target requirement forvaltning version />
                <input type="hidden" name="input[kind]" value="ovning" />
                <div class="field">
                    <label for="underlag-exercise">{t::EXERCISE}</label>
                    <select id="underlag-exercise" name="input[exercise]" aria-describedby="fel-underlag-exercise">
                        {v.exercise_options.iter().map(|(id, label)| view! { <option value=*id>{label.clone()}</option> }).collect_view()}
                    </select>
                    <FieldMessage field="exercise" error=ex_error id="fel-underlag-exercise" />
                </div>
                <button type="submit" class="button">{t::ADD_EXERCISE}</button>
            </PostForm>
            <PostForm action=AddFulfilmentEvidence::PATH name="underlag-bedomning">
                <FormAlert error=as_error />
                <Target requirement forvaltning version />
                <input type="hidden" name="input[kind]" value="bedomning" />
                <div class="field">
                    <label for="underlag-assessment">{t::ASSESSMENT}</label>
                    {v.assessment_options.is_empty().then(|| view! { <p class="hint">{t::NO_ASSESSMENT_OPTIONS}</p> })}
                    <select id="underlag-assessment" name="input[assessment]" aria-describedby="fel-underlag-assessment">
                        {v.assessment_options.iter().map(|(id, label)| view! { <option value=*id>{label.clone()}</option> }).collect_view()}
                    </select>
                    <FieldMessage field="assessment" error=as_error id="fel-underlag-assessment" />
                </div>
                <button type="submit" class="button">{t::ADD_ASSESSMENT}</button>
            </PostForm>
            <PostForm action=AddFulfilmentEvidence::PATH name="underlag-dokument">
                <FormAlert error=doc_error />
                <Target requirement forvaltning version />
                <input type="hidden" name="input[kind]" value="dokument" />
                <div class="field">
                    <label for="underlag-document">{t::DOCUMENT_REF}</label>
                    <p class="hint" id="underlag-document-tips">{t::DOCUMENT_HINT}</p>
                    <input id="underlag-document" type="text" name="input[document]" value=posted_or("input[document]", String::new()) aria-describedby="underlag-document-tips fel-underlag-document" />
                    <FieldMessage field="document" error=doc_error id="fel-underlag-document" />
                </div>
                <button type="submit" class="button">{t::ADD_DOCUMENT}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn CriteriaEditor(v: RequirementView, requirement: i64, forvaltning: i64) -> impl IntoView {
    let error = form_error(SaveRequirementCriteria::PATH, Some("kriterielista"));
    let lines = |kind: CriterionKind| {
        v.criteria
            .iter()
            .filter(|c| c.kind == kind && c.active)
            .map(|c| c.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (basic, quality) = (lines(CriterionKind::Basic), lines(CriterionKind::Quality));
    view! {
        <details class="criteria-editor" open=form_was_refused("kriterielista")>
            <summary>{t::EDIT_CRITERIA}</summary>
            <PostForm action=SaveRequirementCriteria::PATH name="kriterielista">
                <FormAlert error />
                <input type="hidden" name="requirement" value=requirement />
                <input type="hidden" name="forvaltning" value=forvaltning />
                <p class="hint">{t::CRITERIA_EDIT_HINT}</p>
                <div class="field">
                    <label for="kriterier-basic">{t::BASIC_CRITERIA}</label>
                    <textarea id="kriterier-basic" name="input[basic]" rows="5" aria-describedby=field_error_id("basic")>{posted_or("input[basic]", basic)}</textarea>
                    <FieldMessage field="basic" error />
                </div>
                <div class="field">
                    <label for="kriterier-quality">{t::QUALITY_CRITERIA}</label>
                    <textarea id="kriterier-quality" name="input[quality]" rows="5" aria-describedby=field_error_id("quality")>{posted_or("input[quality]", quality)}</textarea>
                    <FieldMessage field="quality" error />
                </div>
                <button type="submit" class="button">{t::SAVE_CRITERIA_LIST}</button>
            </PostForm>
        </details>
    }
}

#[component]
fn History(chosen: ChosenFulfilment) -> impl IntoView {
    if chosen.history.is_empty() {
        return view! { <p class="muted">{t::NO_HISTORY}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data compact">
                <caption class="visually-hidden">{t::HISTORY}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::VERSION}</th>
                        <th scope="col">{t::CHANGE}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::BASIC_CRITERIA}</th>
                        <th scope="col">{t::QUALITY_CRITERIA}</th>
                        <th scope="col">{t::BY}</th>
                        <th scope="col">{t::AT}</th>
                    </tr>
                </thead>
                <tbody>
                    {chosen.history.into_iter().map(|h| view! {
                        <tr>
                            <td>{h.version}</td>
                            <th scope="row">{t::fulfilment_action(&h.action)}
                                {(!h.reason.is_empty()).then(|| view! { <span class="cell-notes">{t::STATUS_REASON} ": " {h.reason.clone()}</span> })}
                            </th>
                            <td>{h.status.map(t::fulfilment_status).unwrap_or("–")}</td>
                            <td>{h.basic.clone()}</td>
                            <td>{h.quality.clone()}</td>
                            <td>{h.by.clone()}</td>
                            <td>{format_instant(h.at)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Fulfilment(v: RequirementView, chosen: ChosenFulfilment) -> impl IntoView {
    let requirement = v.requirement.id;
    let forvaltning = chosen.fulfilment.forvaltning.as_ref().map_or(0, |f| f.id);
    let s = chosen.suggestion;
    let saved = use_query_map().read_untracked().get("sparat").is_some();
    let differs = chosen.fulfilment.manual.is_some();
    view! {
        {saved.then(|| view! { <p class="notice-inline ok" role="status">{t::SAVED}</p> })}
        <section class="panel nok-status" aria-labelledby="status">
            <h2 id="status">{t::STATUS}</h2>
            <p class="lead">
                <FulfilmentBadge status=chosen.status />
                " " {t::basic_summary(s.basic_met, s.basic_total)}
                " · " {t::quality_summary(s.quality_met, s.quality_total)}
            </p>
            {if differs {
                view! {
                    <p>{t::MANUAL_STATUS_SET} " " {t::SUGGESTED} ": " <strong>{t::fulfilment_status(s.status)}</strong> "."</p>
                    <p><strong>{t::STATUS_REASON} ":"</strong> " " {chosen.fulfilment.reason.clone()}</p>
                }.into_any()
            } else {
                view! { <p class="hint">{t::STATUS_FOLLOWS_SUGGESTION}</p> }.into_any()
            }}
            <dl class="facts">
                <dt>{t::RESPONSIBLE}</dt>
                <dd>{if chosen.fulfilment.responsible.is_empty() { t::NOT_SET.to_string() } else { chosen.fulfilment.responsible.clone() }}</dd>
                <dt>{t::DUE}</dt>
                <dd><DueDate due_on=chosen.fulfilment.due_on due=chosen.due /></dd>
                <dt>{t::PROGRESS}</dt>
                <dd>{if chosen.fulfilment.progress.is_empty() { t::NOT_SET.to_string() } else { chosen.fulfilment.progress.clone() }}</dd>
            </dl>
        </section>
        <div class="detail-grid">
            <section aria-labelledby="kriterier">
                <h2 id="kriterier">{t::CRITERIA}</h2>
                <Checklist v=v.clone() chosen=chosen.clone() requirement forvaltning />
                {v.can_edit_criteria.then(|| view! { <CriteriaEditor v=v.clone() requirement forvaltning /> })}
            </section>
            <div>
                {v.can_edit.then(|| view! {
                    <section aria-labelledby="ange-status">
                        <h2 id="ange-status">{t::SET_STATUS}</h2>
                        <StatusForm chosen=chosen.clone() requirement forvaltning />
                    </section>
                    <section aria-labelledby="ansvar">
                        <h2 id="ansvar">{t::RESPONSIBILITY}</h2>
                        <DetailsForm chosen=chosen.clone() requirement forvaltning />
                    </section>
                })}
            </div>
        </div>
        <section aria-labelledby="underlag">
            <h2 id="underlag">{t::FULFILMENT_EVIDENCE}</h2>
            <EvidenceList v=v.clone() chosen=chosen.clone() requirement forvaltning />
            {v.can_edit.then(|| view! { <AddEvidence v=v.clone() chosen=chosen.clone() requirement forvaltning /> })}
        </section>
        <section aria-labelledby="historik">
            <h2 id="historik">{t::HISTORY}</h2>
            <History chosen />
        </section>
    }
}

#[component]
fn ForvaltningList(v: RequirementView) -> impl IntoView {
    let criteria = v.criteria.clone();
    view! {
        <p>{t::PER_FORVALTNING_INTRO}</p>
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{t::PER_FORVALTNING}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::FORVALTNING}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::BASIC_CRITERIA}</th>
                        <th scope="col">{t::RESPONSIBLE}</th>
                        <th scope="col">{t::DUE}</th>
                    </tr>
                </thead>
                <tbody>
                    {v.per_forvaltning.iter().map(|(f, status, due)| {
                        let fv = f.forvaltning.clone().unwrap_or(crate::domain::exercise::ForvaltningRef { id: 0, code: String::new(), name: String::new() });
                        let s = f.suggestion(&criteria);
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/nok/krav/{}?forvaltning={}", v.requirement.id, fv.id)>{fv.name.clone()}</a></th>
                                <td><FulfilmentBadge status=*status /></td>
                                <td>{format!("{} {} {}", s.basic_met, t::OF, s.basic_total)}</td>
                                <td>{if f.responsible.is_empty() { "–".to_string() } else { f.responsible.clone() }}</td>
                                <td><DueDate due_on=f.due_on due=*due /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Loaded(v: RequirementView) -> impl IntoView {
    let r = v.requirement.clone();
    let scope_name = v
        .chosen
        .as_ref()
        .and_then(|c| c.fulfilment.forvaltning.as_ref())
        .map(|f| f.name.clone());
    let heading = match &scope_name {
        Some(name) => format!("{} {} – {name}", r.code, r.title),
        None => format!("{} {}", r.code, r.title),
    };
    let back = match &scope_name {
        Some(_) => view! { <a href=format!("/nok/krav/{}", r.id)>{t::BACK_TO_AREA}</a> }.into_any(),
        None => view! { <a href=format!("/nok?overenskommelse={}", v.agreement.id)>{t::BACK_TO_NOK}</a> }.into_any(),
    };
    let field = |label: &'static str, value: &str| {
        (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value.to_string()}</dd> })
    };
    view! {
        <Title text=format!("{heading} – Redo") />
        <p class="breadcrumb">{back}</p>
        <h1>{heading}</h1>
        <p class="muted">{v.agreement.name.clone()} " · " {v.agreement.counterparty.clone()}</p>
        <dl class="facts">
            {field(t::DELIVERABLE, &r.deliverable)}
            {field(t::CADENCE, &r.cadence)}
            {field(t::RECIPIENT, &r.recipient)}
            {field(t::SOURCE, &r.source)}
        </dl>
        {(!v.continues.is_empty()).then(|| view! {
            <p>{t::CONTINUES_AREAS} " "
                {v.continues.iter().map(|(id, label, agreement)| view! { <a href=format!("/nok/krav/{id}")>{label.clone()}</a> " (" {agreement.clone()} ") " }).collect_view()}
            </p>
        })}
        {(!v.continued_by.is_empty()).then(|| view! {
            <p>{t::CONTINUED_BY} " "
                {v.continued_by.iter().map(|(id, label, agreement)| view! { <a href=format!("/nok/krav/{id}")>{label.clone()}</a> " (" {agreement.clone()} ") " }).collect_view()}
            </p>
        })}
        {match v.chosen.clone() {
            Some(chosen) => view! { <Fulfilment v=v.clone() chosen /> }.into_any(),
            None => view! {
                <ForvaltningList v=v.clone() />
                {v.can_edit_criteria.then(|| view! {
                    <section aria-labelledby="kriterier">
                        <h2 id="kriterier">{t::CRITERIA}</h2>
                        <CriteriaEditor v=v.clone() requirement=v.requirement.id forvaltning=0 />
                    </section>
                })}
            }.into_any(),
        }}
    }
}

#[component]
pub fn RequirementPage() -> impl IntoView {
    let id = id_from_url();
    let query = use_query_map();
    let data = Resource::new(
        move || (id.get(), query.read().get("forvaltning")),
        |(id, f)| async move {
            let forvaltning = match f.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => 0,
                Some(s) => match s.parse::<i64>() {
                    Ok(f) if f > 0 => f,
                    _ => return Err(AppError::NotFound),
                },
            };
            match id {
                Some(id) if id > 0 => nok_requirement(id, forvaltning).await,
                _ => Err(AppError::NotFound),
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
