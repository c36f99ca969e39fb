//! Capability areas (förmågeområden): list for everyone, create and edit for administrators.

use super::Input;
use crate::api::catalogue::{SaveCapabilityArea, list_capability_areas};
use crate::domain::{Agreement, CapabilityArea};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, PostForm, form_error, form_was_refused, posted_checked,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The form's name on the page (ids' prefix and `__form`); `code` is empty for a new area.
fn form_name(code: &str) -> String {
    if code.is_empty() {
        "cap-ny".to_string()
    } else {
        format!("cap-{code}")
    }
}

#[component]
fn CapabilityForm(initial: Option<CapabilityArea>, agreements: Vec<Agreement>) -> impl IntoView {
    let original = initial.as_ref().map(|c| c.code.clone()).unwrap_or_default();
    let prefix = form_name(&original);
    let error = form_error(SaveCapabilityArea::PATH, Some(&prefix));
    let c = initial.unwrap_or(CapabilityArea {
        code: String::new(),
        title: String::new(),
        description: String::new(),
        nato_blr: vec![],
        requirements: vec![],
    });
    let linked: Vec<i64> = c.requirements.iter().map(|r| r.id).collect();
    let (select_id, message_id) = (
        format!("{prefix}-requirements"),
        format!("{prefix}-requirements-fel"),
    );
    view! {
        <PostForm action=SaveCapabilityArea::PATH name=prefix.clone() class="inline-form">
            <FormAlert error />
            <input type="hidden" name="code" value=original />
            <Input prefix=prefix.clone() field="code" label=t::CODE value=c.code.clone() error required=true />
            <Input prefix=prefix.clone() field="title" label=t::TITLE value=c.title.clone() error required=true />
            <Input prefix=prefix.clone() field="description" label=t::DESCRIPTION value=c.description.clone() error />
            <Input prefix=prefix.clone() field="nato_blr" label=t::NATO_BLR value=join(&c.nato_blr) error />
            <div class="field">
                <label for=select_id.clone()>{t::REQUIREMENT_CODES}</label>
                <select id=select_id name="input[requirements][]" multiple size="6" aria-describedby=message_id.clone()>
                    {agreements
                        .into_iter()
                        .map(|a| {
                            let options = a
                                .requirements
                                .into_iter()
                                .map(|r| {
                                    let selected = posted_checked("input[requirements][]", &r.id.to_string(), linked.contains(&r.id));
                                    view! { <option value=r.id selected=selected>{format!("{} {}", r.code, r.title)}</option> }
                                })
                                .collect_view();
                            view! { <optgroup label=a.name>{options}</optgroup> }
                        })
                        .collect_view()}
                </select>
                <FieldMessage field="requirements" error id=message_id />
            </div>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
pub fn CapabilitiesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_capability_areas());
    view! {
        <Title text=format!("{} – Redo", t::CAPABILITIES_TITLE) />
        <p class="breadcrumb"><a href="/katalog">{t::CATALOGUE_TITLE}</a></p>
        <h1>{t::CAPABILITIES_TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        let can_edit = list.can_edit;
                        let agreements = list.items.agreements.clone();
                        let new_form_agreements = agreements.clone();
                        view! {
                            <div class="table-wrap">
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t::CODE}</th>
                                            <th scope="col">{t::TITLE}</th>
                                            <th scope="col">{t::REQUIREMENT_CODES}</th>
                                            <th scope="col">{t::NATO_BLR}</th>
                                            {can_edit.then(|| view! { <th scope="col">{t::EDIT}</th> })}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list.items.areas.into_iter().map(|c| view! {
                                            <tr>
                                                <td>{c.code.clone()}</td>
                                                <th scope="row">{c.title.clone()} <span class="muted block">{c.description.clone()}</span></th>
                                                <td>
                                                    <ul class="plain">
                                                        {c.requirements.iter().map(|r| view! { <li>{format!("{} {}", r.code, r.title)}</li> }).collect_view()}
                                                    </ul>
                                                </td>
                                                <td>{join(&c.nato_blr)}</td>
                                                {can_edit.then(|| view! {
                                                    <td>
                                                        <details open=form_was_refused(&form_name(&c.code))>
                                                            <summary>{t::EDIT} <span class="visually-hidden">" " {c.code.clone()}</span></summary>
                                                            <CapabilityForm initial=Some(c.clone()) agreements=agreements.clone() />
                                                        </details>
                                                    </td>
                                                })}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {can_edit.then(|| view! {
                                <section class="panel">
                                    <h2>{t::NEW_CAPABILITY}</h2>
                                    <CapabilityForm initial=None agreements=new_form_agreements />
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
