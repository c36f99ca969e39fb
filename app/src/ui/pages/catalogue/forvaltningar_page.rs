//! Förvaltningar: list for everyone, create and edit for administrators.

use super::Input;
use crate::api::catalogue::{SaveForvaltning, list_forvaltningar};
use crate::domain::forvaltning::{Forvaltning, ForvaltningKind};
use crate::ui::components::{
    ErrorView, FormAlert, PostForm, form_error, form_was_refused, posted_checked,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The form's name on the page: its ids' prefix and its `__form` value.
fn form_name(f: Option<&Forvaltning>) -> String {
    f.map(|f| format!("fv{}", f.id))
        .unwrap_or_else(|| "fv-ny".into())
}

#[component]
fn ForvaltningForm(initial: Option<Forvaltning>) -> impl IntoView {
    let prefix = form_name(initial.as_ref());
    let error = form_error(SaveForvaltning::PATH, Some(&prefix));
    let id = initial
        .as_ref()
        .map(|f| f.id.to_string())
        .unwrap_or_default();
    let kind = initial
        .as_ref()
        .map(|f| f.kind)
        .unwrap_or(ForvaltningKind::Care);
    let active = initial.as_ref().is_none_or(|f| f.active);
    let (code, name) = initial.map(|f| (f.code, f.name)).unwrap_or_default();
    view! {
        <PostForm action=SaveForvaltning::PATH name=prefix.clone() class="inline-form">
            <FormAlert error />
            <input type="hidden" name="id" value=id />
            <Input prefix=prefix.clone() field="code" label=t::CODE value=code error required=true />
            <Input prefix=prefix.clone() field="name" label=t::NAME value=name error required=true />
            <div class="field">
                <label for=format!("{prefix}-kind")>{t::KIND}</label>
                <select id=format!("{prefix}-kind") name="input[kind]">
                    {ForvaltningKind::ALL
                        .iter()
                        .map(|k| view! { <option value=k.code() selected=posted_checked("input[kind]", k.code(), *k == kind)>{k.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <label class="check" for=format!("{prefix}-active")>
                <input id=format!("{prefix}-active") type="checkbox" name="input[active]" value="on" checked=posted_checked("input[active]", "on", active) />
                {t::ACTIVE}
            </label>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
pub fn ForvaltningarPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_forvaltningar());
    view! {
        <Title text=format!("{} – Redo", t::FORVALTNINGAR_TITLE) />
        <p class="breadcrumb"><a href="/katalog">{t::CATALOGUE_TITLE}</a></p>
        <h1>{t::FORVALTNINGAR_TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        let can_edit = list.can_edit;
                        view! {
                            <div class="table-wrap">
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t::CODE}</th>
                                            <th scope="col">{t::NAME}</th>
                                            <th scope="col">{t::KIND}</th>
                                            <th scope="col">{t::STATUS}</th>
                                            {can_edit.then(|| view! { <th scope="col">{t::EDIT}</th> })}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .items
                                            .into_iter()
                                            .map(|f| {
                                                view! {
                                                    <tr>
                                                        <td>{f.code.clone()}</td>
                                                        <th scope="row">{f.name.clone()}</th>
                                                        <td>{f.kind.label()}</td>
                                                        <td>{if f.active { t::ACTIVE } else { t::INACTIVE }}</td>
                                                        {can_edit.then(|| view! {
                                                            <td>
                                                                <details open=form_was_refused(&form_name(Some(&f)))>
                                                                    <summary>{t::EDIT} <span class="visually-hidden">" " {f.name.clone()}</span></summary>
                                                                    <ForvaltningForm initial=Some(f.clone()) />
                                                                </details>
                                                            </td>
                                                        })}
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {can_edit.then(|| view! {
                                <section class="panel">
                                    <h2>{t::NEW_FORVALTNING}</h2>
                                    <ForvaltningForm initial=None />
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
