//! Login, logout and "who am I".

use super::AppError;
use crate::domain::Actor;
use leptos::prelude::*;

pub const SESSION_COOKIE: &str = "redo_session";

/// Only local paths are followed after login, never another site.
pub fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.starts_with("/api/");
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(feature = "ssr")]
fn session_cookie(token: &str, max_age_secs: i64) -> String {
    let secure = if std::env::var("REDO_COOKIE_SECURE").is_ok_and(|v| v == "1" || v == "true") {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    )
}

#[server(endpoint = "auth/login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::ctx;
    let svc = ctx::services()?;
    let session = ctx::session();
    let new = svc
        .auth
        .login(
            &username,
            &password,
            &session.client,
            session.token.as_deref(),
        )
        .await
        .map_err(ctx::fail)?;
    let res = expect_context::<leptos_axum::ResponseOptions>();
    let max_age = svc.auth.policy().absolute.num_seconds();
    if let Ok(v) = http::HeaderValue::from_str(&session_cookie(&new.token, max_age)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect(&safe_next(next.as_deref().unwrap_or("/")));
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
    let res = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(v) = http::HeaderValue::from_str(&session_cookie("", 0)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect("/logga-in");
    Ok(())
}

/// The signed-in user, or `None` for anonymous visitors.
#[server(endpoint = "auth/whoami")]
pub async fn whoami() -> Result<Option<Actor>, AppError> {
    Ok(super::ctx::session().actor)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/ovningar?ar=2025"), "/ovningar?ar=2025");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/api/auth/logout"), "/");
    }
}
