//! The page frame: skip link, top navigation with the signed-in user, and the footer.

use crate::api::auth::Logout;
use crate::domain::Actor;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
fn NavLinks(actor: Actor) -> impl IntoView {
    let admin = actor.is_admin();
    view! {
        <nav aria-label=t::NAV_LABEL class="main-nav">
            <ul>
                <li>
                    <A href="/" exact=true>
                        {t::NAV_HOME}
                    </A>
                </li>
                <li>
                    <A href="/ovningar">{t::NAV_EXERCISES}</A>
                </li>
                <li>
                    <A href="/plan">{t::NAV_PLAN}</A>
                </li>
                <li>
                    <A href="/tackning">{t::NAV_COVERAGE}</A>
                </li>
                <li>
                    <A href="/katalog">{t::NAV_CATALOGUE}</A>
                </li>
                <Show when=move || admin>
                    <li>
                        <A href="/admin/anvandare">{t::NAV_USERS}</A>
                    </li>
                    <li>
                        <A href="/admin/logg">{t::NAV_AUDIT}</A>
                    </li>
                </Show>
            </ul>
        </nav>
        <div class="user-box">
            <span class="user-name">
                <span class="visually-hidden">{t::SIGNED_IN_AS} " "</span>
                {actor.display_name.clone()}
                <span class="user-role">{actor.role.label()}</span>
            </span>
            // A plain form: logging out reloads the whole page, with or without JavaScript.
            <super::PostForm action=Logout::PATH class="logout">
                <button type="submit" class="button-link">
                    {t::LOGOUT}
                </button>
            </super::PostForm>
        </div>
    }
}

/// The signed-in user of the request being rendered. The header is not an island, so it only
/// ever renders on the server, where the session is in the request: no Resource, no Suspense.
fn signed_in() -> Option<Actor> {
    #[cfg(feature = "ssr")]
    {
        crate::api::ctx::session().actor
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let me = signed_in();
    view! {
        <a class="skip-link" href="#innehall">
            {t::SKIP_TO_CONTENT}
        </a>
        <header class="site-header">
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">
                    "R"
                </span>
                <span class="brand-text">
                    <span class="brand-name">{t::APP_NAME}</span>
                    <span class="brand-tagline">{t::TAGLINE}</span>
                </span>
            </a>
            {me.map(|actor| view! { <NavLinks actor /> })}
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{t::NOT_CLASSIFIED}</p>
        </footer>
    }
}
