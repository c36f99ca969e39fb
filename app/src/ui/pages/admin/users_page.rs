//! Accounts: list, create, change role, scope and status.

use crate::api::users::{CreateUser, UpdateUser, UsersView, list_users};
use crate::domain::Role;
use crate::domain::forvaltning::Forvaltning;
use crate::domain::user::User;
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, PostForm, form_error, form_was_refused, posted_checked,
    posted_or,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
fn RoleSelect(
    id: String,
    name: &'static str,
    selected: Role,
    #[prop(optional)] describedby: Option<String>,
) -> impl IntoView {
    view! {
        <select id=id name=name aria-describedby=describedby>
            {Role::ALL.iter().map(|r| view! { <option value=r.code() selected=posted_checked(name, r.code(), *r == selected)>{r.label()}</option> }).collect_view()}
        </select>
    }
}

/// The förvaltning scope: "Hela regionen" is a choice of its own, never implied by leaving every
/// förvaltning unticked.
#[component]
fn ScopeChecks(
    prefix: String,
    name: &'static str,
    region_name: &'static str,
    forvaltningar: Vec<Forvaltning>,
    selected: Vec<i64>,
    region_wide: bool,
    error: Signal<Option<crate::api::AppError>>,
) -> impl IntoView {
    let region_id = format!("{prefix}-region");
    let region_for = region_id.clone();
    let error_id = format!("{prefix}-scope-fel");
    let described_by = error_id.clone();
    view! {
        <fieldset class="checks compact" aria-describedby=described_by>
            <legend>{t::SCOPE}</legend>
            <p class="hint">{t::SCOPE_HINT}</p>
            <label class="check whole" for=region_for>
                <input id=region_id type="checkbox" name=region_name value="on" checked=posted_checked(region_name, "on", region_wide) />
                {t::WHOLE_REGION_SCOPE}
            </label>
            {forvaltningar.into_iter().map(|f| {
                let id = format!("{prefix}-f{}", f.id);
                let for_id = id.clone();
                view! {
                    <label class="check" for=for_id>
                        <input id=id type="checkbox" name=name value=f.id checked=posted_checked(name, &f.id.to_string(), selected.contains(&f.id)) />
                        {f.code.clone()}
                    </label>
                }
            }).collect_view()}
            <FieldMessage field="forvaltningar" error id=error_id />
        </fieldset>
    }
}

#[component]
fn EditUser(user: User, forvaltningar: Vec<Forvaltning>) -> impl IntoView {
    let prefix = format!("u{}", user.id);
    let error = form_error(UpdateUser::PATH, Some(&prefix));
    view! {
        <PostForm action=UpdateUser::PATH name=prefix.clone() class="inline-form">
            <FormAlert error />
            <input type="hidden" name="id" value=user.id />
            <div class="field">
                <label for=format!("{prefix}-role")>{t::ROLE}</label>
                <RoleSelect
                    id=format!("{prefix}-role")
                    name="role"
                    selected=user.role
                    describedby=format!("{prefix}-role-fel")
                />
                <FieldMessage field="role" error id=format!("{prefix}-role-fel") />
            </div>
            <ScopeChecks
                prefix=prefix.clone()
                name="forvaltningar[]"
                region_name="region_wide"
                forvaltningar
                selected=user.forvaltningar.clone()
                region_wide=user.role.can_be_scoped() && user.forvaltningar.is_empty()
                error
            />
            <label class="check" for=format!("{prefix}-active")>
                <input id=format!("{prefix}-active") type="checkbox" name="active" value="on" checked=posted_checked("active", "on", user.active) />
                {t::ACTIVE}
            </label>
            <button type="submit" class="button primary">{t::SAVE}</button>
        </PostForm>
    }
}

#[component]
fn NewUser(forvaltningar: Vec<Forvaltning>) -> impl IntoView {
    let error = form_error(CreateUser::PATH, Some("nu"));
    let field = move |id: &'static str,
                      name: &'static str,
                      label: &'static str,
                      kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    name=format!("input[{name}]")
                    type=kind
                    // A password is never sent back to the browser.
                    value=(kind != "password").then(|| posted_or(&format!("input[{name}]"), String::new()))
                    aria-describedby=format!("{id}-fel")
                    autocomplete="off"
                />
                <FieldMessage field=name error id=format!("{id}-fel") />
            </div>
        }
    };
    view! {
        <PostForm action=CreateUser::PATH name="nu" class="inline-form">
            <FormAlert error />
            {field("nu-username", "username", t::USERNAME, "text")}
            {field("nu-display", "display_name", t::DISPLAY_NAME, "text")}
            <div class="field">
                <label for="nu-role">{t::ROLE}</label>
                <RoleSelect id="nu-role".into() name="input[role]" selected=Role::Observer />
            </div>
            <ScopeChecks
                prefix="nu".into()
                name="input[forvaltningar][]"
                region_name="input[region_wide]"
                forvaltningar
                selected=vec![]
                region_wide=false
                error
            />
            {field("nu-password", "password", t::PASSWORD, "password")}
            <button type="submit" class="button primary">{t::CREATE_USER}</button>
        </PostForm>
    }
}

#[component]
fn Loaded(view_model: UsersView) -> impl IntoView {
    let fv = view_model.forvaltningar.clone();
    let code_of = move |id: &i64| {
        fv.iter()
            .find(|f| f.id == *id)
            .map(|f| f.code.clone())
            .unwrap_or_default()
    };
    view! {
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t::USERNAME}</th>
                        <th scope="col">{t::DISPLAY_NAME}</th>
                        <th scope="col">{t::ROLE}</th>
                        <th scope="col">{t::SCOPE}</th>
                        <th scope="col">{t::STATUS}</th>
                        <th scope="col">{t::EDIT}</th>
                    </tr>
                </thead>
                <tbody>
                    {view_model.users.into_iter().map(|u| {
                        let scope = if !u.role.can_be_scoped() {
                            t::NOT_SCOPED.to_string()
                        } else if u.forvaltningar.is_empty() {
                            t::WHOLE_REGION_SCOPE.to_string()
                        } else {
                            u.forvaltningar.iter().map(&code_of).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <tr>
                                <th scope="row">{u.username.clone()}</th>
                                <td>{u.display_name.clone()}</td>
                                <td>{u.role.label()}</td>
                                <td>{scope}</td>
                                <td>{if u.active { t::ACTIVE } else { t::INACTIVE }}</td>
                                <td>
                                    <details open=form_was_refused(&format!("u{}", u.id))>
                                        <summary>{t::EDIT} <span class="visually-hidden">" " {u.username.clone()}</span></summary>
                                        <EditUser user=u.clone() forvaltningar=view_model.forvaltningar.clone() />
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section class="panel">
            <h2>{t::NEW_USER}</h2>
            <NewUser forvaltningar=view_model.forvaltningar />
        </section>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_users());
    view! {
        <Title text=format!("{} – Redo", t::USERS_TITLE) />
        <h1>{t::USERS_TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Loaded view_model=v /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
