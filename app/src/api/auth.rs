//! Login, logout and "who am I".

use super::AppError;
use crate::domain::Actor;
use leptos::prelude::*;

/// Sets a cookie on the response (an invalid value is impossible: they are hex and digits).
#[cfg(feature = "ssr")]
fn set_cookie(res: &leptos_axum::ResponseOptions, value: &str) {
    if let Ok(v) = http::HeaderValue::from_str(value) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

#[server(endpoint = "auth/login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::ctx;
    use crate::backend::auth::{Caller, Credentials};
    use crate::backend::device;
    let svc = ctx::services()?;
    let session = ctx::session();
    let policy = svc.auth.policy();
    let site = &policy.site;
    let device_cookie = ctx::cookie(site.device_cookie());
    let credentials = Credentials {
        username: &username,
        password: &password,
    };
    let caller = Caller {
        source: crate::backend::throttle::Source::of(session.client),
        device_cookie: device_cookie.as_deref(),
        old_token: session.token.as_deref(),
    };
    let new = svc
        .auth
        .login(credentials, caller)
        .await
        .map_err(ctx::fail)?;
    let res = ctx::response()?;
    let max_age = policy.absolute.num_seconds();
    set_cookie(
        &res,
        &site.cookie(site.session_cookie(), &new.token, max_age),
    );
    let device_age = device::LIFETIME.num_seconds();
    set_cookie(
        &res,
        &site.cookie(site.device_cookie(), &new.device_cookie, device_age),
    );
    leptos_axum::redirect(crate::domain::redirect::after_login(next.as_deref()));
    Ok(())
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::ctx;
    let svc = ctx::services()?;
    let session = ctx::session();
    if let (Some(actor), Some(token)) = (session.actor.as_ref(), session.token.as_deref()) {
        svc.auth.logout(actor, token).await.map_err(ctx::fail)?;
    }
    let res = ctx::response()?;
    let site = &svc.auth.policy().site;
    set_cookie(&res, &site.cookie(site.session_cookie(), "", 0));
    leptos_axum::redirect("/logga-in");
    Ok(())
}

/// The signed-in user, or `None` for anonymous visitors.
#[server(endpoint = "auth/whoami")]
pub async fn whoami() -> Result<Option<Actor>, AppError> {
    Ok(super::ctx::session().actor)
}
