//! Agreements and their requirement areas: the versioned catalogue the region is followed up
//! against. Read for everyone; administrators add versions and edit areas.

use super::Input;
use crate::api::catalogue::{SaveAgreement, SaveRequirementArea, list_agreements};
use crate::domain::catalogue::{Agreement, RequirementArea};
use crate::ui::components::{ErrorView, FormAlert, PostForm, form_error, form_was_refused};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Form names on the page (ids' prefix and `__form`); `None` is the form for a new one.
fn agreement_form(id: Option<i64>) -> String {
    id.map(|id| format!("avt-{id}"))
        .unwrap_or_else(|| "avt-ny".to_string())
}

fn requirement_form(agreement_id: i64, id: Option<i64>) -> String {
    id.map(|id| format!("krav-{id}"))
        .unwrap_or_else(|| format!("krav-ny-{agreement_id}"))
}

#[component]
fn AgreementForm(initial: Option<Agreement>) -> impl IntoView {
    let id = initial
        .as_ref()
        .map(|a| a.id.to_string())
        .unwrap_or_default();
    let prefix = agreement_form(initial.as_ref().map(|a| a.id));
    let error = form_error(SaveAgreement::PATH, Some(&prefix));
    let (counterparty, name, from, to) = initial
        .map(|a| {
            (
                a.counterparty,
                a.name,
                a.valid_from.to_string(),
                a.valid_to.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .unwrap_or_default();
    view! {
        <PostForm action=SaveAgreement::PATH name=prefix.clone() class="inline-form">
            <FormAlert error />
            <input type="hidden" name="id" value=id />
            <Input prefix=prefix.clone() field="counterparty" label=t::COUNTERPARTY value=counterparty error required=true />
            <Input prefix=prefix.clone() field="name" label=t::NAME value=name error required=true />
            <Input prefix=prefix.clone() field="valid_from" label=t::VALID_FROM value=from error kind="date" required=true />
            <Input prefix=prefix field="valid_to" label=t::VALID_TO value=to error kind="date" />
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn RequirementForm(agreement_id: i64, initial: Option<RequirementArea>) -> impl IntoView {
    let id = initial
        .as_ref()
        .map(|r| r.id.to_string())
        .unwrap_or_default();
    let prefix = requirement_form(agreement_id, initial.as_ref().map(|r| r.id));
    let error = form_error(SaveRequirementArea::PATH, Some(&prefix));
    let r = initial.unwrap_or(RequirementArea {
        id: 0,
        agreement_id,
        code: String::new(),
        title: String::new(),
        deliverable: String::new(),
        cadence: String::new(),
        recipient: String::new(),
        source: String::new(),
        per_forvaltning: false,
    });
    let per_id = format!("{prefix}-per_forvaltning");
    let stored_per = r.per_forvaltning;
    view! {
        <PostForm action=SaveRequirementArea::PATH name=prefix.clone() class="inline-form">
            <FormAlert error />
            <input type="hidden" name="agreement_id" value=agreement_id />
            <input type="hidden" name="id" value=id />
            <Input prefix=prefix.clone() field="code" label=t::CODE value=r.code error required=true />
            <Input prefix=prefix.clone() field="title" label=t::REQUIREMENT value=r.title error required=true />
            <Input prefix=prefix.clone() field="deliverable" label=t::DELIVERABLE value=r.deliverable error />
            <Input prefix=prefix.clone() field="cadence" label=t::CADENCE value=r.cadence error />
            <Input prefix=prefix.clone() field="recipient" label=t::RECIPIENT value=r.recipient error />
            <Input prefix=prefix field="source" label=t::SOURCE value=r.source error />
            <div class="field checkbox">
                <crate::ui::components::PostedCheckbox id=per_id.clone() name="input[per_forvaltning]".to_string() value="on".to_string() stored=stored_per />
                <label for=per_id>{t::PER_FORVALTNING}</label>
            </div>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn AgreementSection(agreement: Agreement, can_edit: bool) -> impl IntoView {
    let a = agreement.clone();
    let validity = format!(
        "{} – {}",
        a.valid_from,
        a.valid_to
            .map(|d| d.to_string())
            .unwrap_or_else(|| t::OPEN_ENDED.to_string())
    );
    let heading_id = format!("avtal-{}", a.id);
    let labelledby = heading_id.clone();
    view! {
        <section class="agreement" aria-labelledby=labelledby>
            <h2 id=heading_id>{a.name.clone()}</h2>
            <p class="muted">{t::COUNTERPARTY} ": " {a.counterparty.clone()} " · " {validity}</p>
            {can_edit.then(|| view! {
                <details open=form_was_refused(&agreement_form(Some(a.id)))>
                    <summary>{t::EDIT} <span class="visually-hidden">" " {a.name.clone()}</span></summary>
                    <AgreementForm initial=Some(agreement.clone()) />
                </details>
            })}
            <div class="table-wrap">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">{t::CODE}</th>
                            <th scope="col">{t::REQUIREMENT}</th>
                            <th scope="col">{t::DELIVERABLE}</th>
                            <th scope="col">{t::CADENCE}</th>
                            <th scope="col">{t::RECIPIENT}</th>
                            {can_edit.then(|| view! { <th scope="col">{t::EDIT}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {a.requirements.into_iter().map(|r| view! {
                            <tr>
                                <td>{r.code.clone()}</td>
                                <th scope="row">{r.title.clone()} <span class="muted block">{r.source.clone()}</span></th>
                                <td>{r.deliverable.clone()}</td>
                                <td>{r.cadence.clone()}</td>
                                <td>{r.recipient.clone()}</td>
                                {can_edit.then(|| view! {
                                    <td>
                                        <details open=form_was_refused(&requirement_form(r.agreement_id, Some(r.id)))>
                                            <summary>{t::EDIT} <span class="visually-hidden">" " {r.code.clone()}</span></summary>
                                            <RequirementForm agreement_id=r.agreement_id initial=Some(r.clone()) />
                                        </details>
                                    </td>
                                })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {can_edit.then(|| view! {
                <details open=form_was_refused(&requirement_form(a.id, None))>
                    <summary>{t::NEW_REQUIREMENT}</summary>
                    <RequirementForm agreement_id=a.id initial=None />
                </details>
            })}
        </section>
    }
}

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_agreements());
    view! {
        <Title text=format!("{} – Redo", t::AGREEMENTS_TITLE) />
        <p class="breadcrumb"><a href="/katalog">{t::CATALOGUE_TITLE}</a></p>
        <h1>{t::AGREEMENTS_TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        let can_edit = list.can_edit;
                        view! {
                            {list.items.into_iter().map(|a| view! { <AgreementSection agreement=a can_edit /> }).collect_view()}
                            {can_edit.then(|| view! {
                                <section class="panel">
                                    <h2>{t::NEW_AGREEMENT}</h2>
                                    <AgreementForm initial=None />
                                </section>
                            })}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
