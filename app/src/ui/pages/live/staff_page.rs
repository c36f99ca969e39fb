//! An exercise's staff (`/ovningar/:id/bemanning`): who takes part in which role. Those who
//! edit the exercise and its control add people, change roles and take people off.

use crate::api::AppError;
use crate::api::conduct::{LiveView, RemoveStaff, SaveStaff, get_live};
use crate::domain::conduct::StaffRole;
use crate::ui::components::{ErrorView, FieldMessage, FormAlert, NotFound, PostForm, form_error};
use crate::ui::pages::exercises::id_from_url;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn role_options(chosen: Option<StaffRole>, observer_only: bool) -> impl IntoView {
    StaffRole::ALL
        .iter()
        .filter(|r| !observer_only || **r == StaffRole::Observer)
        .map(|r| {
            view! { <option value=r.code() selected=Some(*r) == chosen>{r.label()}</option> }
        })
        .collect_view()
}

#[component]
fn Loaded(v: LiveView) -> impl IntoView {
    let id = v.exercise.id;
    let manages = v.manages || v.controls;
    let add_error = form_error(SaveStaff::PATH, Some("ny"));
    view! {
        <Title text=format!("{} – {} – Redo", t::STAFF_TITLE, v.exercise.name) />
        <p class="breadcrumb">
            <a href=format!("/ovningar/{id}")>{t::LIVE_BACK}</a>
            " · "
            <a href=format!("/ovningar/{id}/live")>{t::LIVE_OPEN}</a>
        </p>
        <h1>{format!("{}: {}", t::STAFF_TITLE, v.exercise.name)}</h1>
        <p class="prose">{t::STAFF_INTRO}</p>
        {if v.staff.is_empty() {
            view! { <p class="empty">{t::STAFF_EMPTY}</p> }.into_any()
        } else {
            view! {
                <table class="data">
                    <caption class="visually-hidden">{t::STAFF_TITLE}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t::STAFF_PERSON}</th>
                            <th scope="col">{t::STAFF_ROLE}</th>
                            {manages.then(|| view! { <th scope="col"><span class="visually-hidden">{t::STAFF_CHANGE}</span></th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {v.staff
                            .clone()
                            .into_iter()
                            .map(|s| {
                                let form = format!("person-{}", s.user_id);
                                let error = form_error(SaveStaff::PATH, Some(&form));
                                let remove_error = form_error(RemoveStaff::PATH, Some(&form));
                                let select_id = format!("roll-{}", s.user_id);
                                let (role_label, remove_label) =
                                    (format!("{} för {}", t::STAFF_ROLE, s.name), format!(" {}", s.name));
                                view! {
                                    <tr>
                                        <td>{s.name.clone()} <span class="muted">{format!(" ({})", s.username)}</span></td>
                                        <td>{s.role.label()}</td>
                                        {manages
                                            .then(|| {
                                                view! {
                                                    <td>
                                                        <FormAlert error />
                                                        <FormAlert error=remove_error />
                                                        <PostForm action=SaveStaff::PATH name=form.clone() class="inline-form">
                                                            <input type="hidden" name="id" value=id />
                                                            <input type="hidden" name="user" value=s.user_id />
                                                            <label for=select_id.clone() class="visually-hidden">{role_label}</label>
                                                            <select id=select_id name="role">{role_options(Some(s.role), false)}</select>
                                                            <button type="submit" class="button small">{t::STAFF_CHANGE}</button>
                                                        </PostForm>
                                                        <PostForm action=RemoveStaff::PATH name=form.clone() class="inline-form">
                                                            <input type="hidden" name="id" value=id />
                                                            <input type="hidden" name="user" value=s.user_id />
                                                            <button type="submit" class="button small danger">
                                                                {t::STAFF_REMOVE}
                                                                <span class="visually-hidden">{remove_label}</span>
                                                            </button>
                                                        </PostForm>
                                                    </td>
                                                }
                                            })}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        {manages
            .then(|| {
                view! {
                    <section class="panel" aria-labelledby="ny-rubrik">
                        <h2 id="ny-rubrik">{t::STAFF_ADD_HEADING}</h2>
                        {if v.candidates.is_empty() {
                            view! { <p class="empty">{t::STAFF_NO_CANDIDATES}</p> }.into_any()
                        } else {
                            view! {
                                <PostForm action=SaveStaff::PATH name="ny">
                                    <FormAlert error=add_error />
                                    <input type="hidden" name="id" value=id />
                                    <div class="field-row">
                                        <div class="field">
                                            <label for="ny-person">{t::STAFF_PERSON}</label>
                                            <select id="ny-person" name="user" aria-describedby="fel-user">
                                                {v.candidates
                                                    .iter()
                                                    .map(|c| view! { <option value=c.user_id>{c.name.clone()}</option> })
                                                    .collect_view()}
                                            </select>
                                            <FieldMessage field="user" error=add_error />
                                        </div>
                                        <div class="field">
                                            <label for="ny-roll">{t::STAFF_ROLE}</label>
                                            <select id="ny-roll" name="role" aria-describedby="fel-role">
                                                {role_options(Some(StaffRole::Observer), false)}
                                            </select>
                                            <FieldMessage field="role" error=add_error />
                                        </div>
                                    </div>
                                    <button type="submit" class="button primary">{t::STAFF_ADD}</button>
                                </PostForm>
                            }
                                .into_any()
                        }}
                    </section>
                }
            })}
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let id = id_from_url();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_live(id).await,
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
