//! The rollover of an agreement into its next version (`/nok/ny-version/:id`, administrators):
//! the new version's name and validity, for each requirement area of the old version the codes it
//! continues as (kept, merged, split, dropped), and new areas. Evidence follows the mapping.

use crate::api::AppError;
use crate::api::nok::{RolloverAgreement, RolloverView, rollover_form};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, field_error_id, form_error, posted_or,
};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
fn Field(
    field: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] kind: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = format!("input[agreement][{field}]");
    let id = format!("ny-{field}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind.unwrap_or("text") name=name.clone() value=posted_or(&name, value) aria-describedby=field_error_id(field) />
            <FieldMessage field=field error />
        </div>
    }
}

#[component]
fn Form(v: RolloverView) -> impl IntoView {
    let error = form_error(RolloverAgreement::PATH, None);
    let title = format!("{}: {}", t::ROLLOVER_TITLE, v.previous.name);
    view! {
        <Title text=format!("{title} – Redo") />
        <p class="breadcrumb"><a href=format!("/nok?overenskommelse={}", v.previous.id)>{t::BACK_TO_NOK}</a></p>
        <h1>{title}</h1>
        <p class="lead">{t::ROLLOVER_INTRO}</p>
        <PostForm action=RolloverAgreement::PATH class="rollover-form">
            <FormAlert error />
            <input type="hidden" name="agreement" value=v.previous.id />
            <fieldset>
                <legend>{t::NEW_VERSION}</legend>
                <Field field="name" label=t::NAME value=v.suggested_name.clone() error />
                <Field field="counterparty" label=t::COUNTERPARTY value=v.suggested_counterparty.clone() error />
                <Field field="valid_from" label=t::VALID_FROM value=v.suggested_from.to_string() kind="date" error />
                <Field field="valid_to" label=t::VALID_TO value=String::new() kind="date" error />
            </fieldset>
            <fieldset>
                <legend>{t::MAPPING}</legend>
                <p class="hint" id="mappning-tips">{t::MAPPING_HINT}</p>
                <FieldMessage field="targets" error />
                <div class="table-wrap">
                    <table class="data compact">
                        <caption class="visually-hidden">{t::MAPPING}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t::OLD_AREA}</th>
                                <th scope="col">{t::CONTINUES_AS}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {v.areas.iter().map(|r| {
                                let name = format!("input[targets][{}]", r.id);
                                let id = format!("mappa-{}", r.id);
                                let field = format!("targets[{}]", r.id);
                                let value = posted_or(&name, r.code.clone());
                                view! {
                                    <tr>
                                        <th scope="row"><label for=id.clone()>{r.code.clone()} " " {r.title.clone()}</label></th>
                                        <td>
                                            <input id=id type="text" name=name value=value size="12" aria-describedby=format!("mappning-tips {}", field_error_id(&field)) />
                                            <FieldMessage field=field error />
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </fieldset>
            <div class="field">
                <label for="nya-omraden">{t::NEW_AREAS}</label>
                <p class="hint" id="nya-omraden-tips">{t::NEW_AREAS_HINT}</p>
                <textarea id="nya-omraden" name="input[new_areas]" rows="4" aria-describedby=format!("nya-omraden-tips {}", field_error_id("new_areas"))>
                    {posted_or("input[new_areas]", String::new())}
                </textarea>
                <FieldMessage field="new_areas" error />
            </div>
            <button type="submit" class="button primary">{t::CREATE_VERSION}</button>
        </PostForm>
    }
}

#[component]
pub fn RolloverPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) if id > 0 => rollover_form(id).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Form v /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
