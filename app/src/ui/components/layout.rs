//! The page frame: skip link, top navigation with the signed-in user, and the footer.

use crate::api::auth::Logout;
use crate::domain::Actor;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The path of the page being rendered (server only: the header is not an island).
fn current_path() -> String {
    #[cfg(feature = "ssr")]
    {
        with_context::<http::request::Parts, _>(|p| p.uri.path().to_string()).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// A plain link of the main navigation, `aria-current="page"` where the visitor is (the start
/// page only on itself, the others on every page below them).
fn nav_link(href: &'static str, label: &'static str, here: &str) -> impl IntoView + use<> {
    let current = if href == "/" {
        here == "/"
    } else {
        here == href
            || here
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    view! {
        <li>
            <a href=href aria-current=current.then_some("page")>
                {label}
            </a>
        </li>
    }
}

#[component]
fn NavLinks(actor: Actor) -> impl IntoView {
    let here = current_path();
    let admin = actor.is_admin();
    view! {
        <nav aria-label=t::NAV_LABEL class="main-nav">
            <ul>
                {nav_link("/", t::NAV_HOME, &here)}
                {nav_link("/ovningar", t::NAV_EXERCISES, &here)}
                {nav_link("/plan", t::NAV_PLAN, &here)}
                {nav_link("/tackning", t::NAV_COVERAGE, &here)}
                {actor.may_read(crate::domain::access::Data::Readiness, &[]).then(|| nav_link("/beredskap", t::NAV_READINESS, &here))}
                {actor.may_read(crate::domain::access::Data::Readiness, &[]).then(|| nav_link("/nok", t::NAV_NOK, &here))}
                {actor.may_read(crate::domain::access::Data::Readiness, &[]).then(|| nav_link("/atgarder", t::NAV_ACTIONS, &here))}
                {nav_link("/katalog", t::NAV_CATALOGUE, &here)}
                {admin.then(|| nav_link("/admin/anvandare", t::NAV_USERS, &here))}
                {admin.then(|| nav_link("/admin/logg", t::NAV_AUDIT, &here))}
                {admin.then(|| nav_link("/admin/beredskap", t::NAV_READINESS_SETTINGS, &here))}
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
