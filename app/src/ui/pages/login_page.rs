//! The login page: the only page anonymous visitors see.

use crate::api::auth::Login;
use crate::ui::components::{
    FieldMessage, FormAlert, PostForm, field_error_id, form_error, posted_or,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    // A plain POST, so that the new session cookie comes with a full page load.
    let error = form_error(Login::PATH, None);
    let next = use_query_map()
        .read_untracked()
        .get("next")
        .unwrap_or_else(|| "/".to_string());
    view! {
        <Title text=format!("{} – Redo", t::LOGIN_TITLE) />
        <section class="login-card">
            <h1>{t::LOGIN_TITLE}</h1>
            <p>{t::LOGIN_INTRO}</p>
            <FormAlert error />
            <PostForm action=Login::PATH>
                <input type="hidden" name="next" value=posted_or("next", next) />
                <div class="field">
                    <label for="username">{t::USERNAME}</label>
                    <input
                        id="username"
                        name="username"
                        type="text"
                        autocomplete="username"
                        value=posted_or("username", String::new())
                        required
                        autofocus
                        aria-describedby=field_error_id("username")
                    />
                    <FieldMessage field="username" error />
                </div>
                <div class="field">
                    <label for="password">{t::PASSWORD}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button type="submit" class="button primary">
                    {t::LOGIN_BUTTON}
                </button>
            </PostForm>
        </section>
    }
}
