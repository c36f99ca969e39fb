//! Turns an `AppError` into Swedish text; "not found" also sets the HTTP status to 404.

use crate::api::AppError;
use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// On the server, answer the current page with 404.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    view! {
        <leptos_meta::Title text=format!("{} – Redo", t::NOT_FOUND_TITLE) />
        <section class="notice">
            <h1>{t::NOT_FOUND_TITLE}</h1>
            <p>{t::NOT_FOUND_TEXT}</p>
            <p>
                <a href="/">{t::TO_START}</a>
            </p>
        </section>
    }
}

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(error.status());
    }
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Unauthenticated => view! {
            <section class="notice" role="alert">
                <h1>{t::ERROR_TITLE}</h1>
                <p>{AppError::Unauthenticated.to_string()}</p>
                <p>
                    <a href="/logga-in">{t::LOGIN_AGAIN}</a>
                </p>
            </section>
        }
        .into_any(),
        other => view! {
            <section class="notice" role="alert">
                <h1>{t::ERROR_TITLE}</h1>
                <p>{other.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}
