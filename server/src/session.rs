//! Session middleware: resolves the session cookie to an actor for every request, and sends
//! anonymous visitors of pages to the login page.

use app::api::auth::SESSION_COOKIE;
use app::api::ctx::Session;
use app::backend::Services;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

/// The value of cookie `name` in the request, if any.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

/// Paths anyone may load: the login page, static assets and the server functions (which
/// authorize themselves and answer 401).
fn is_public(path: &str) -> bool {
    path == "/logga-in"
        || path == "/healthz"
        || path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path == "/favicon.svg"
        || path == "/favicon.ico"
}

pub async fn layer(
    State(services): State<Services>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let token = cookie(req.headers(), SESSION_COOKIE).filter(|t| t.len() <= 128);
    let actor = match token.as_deref() {
        Some(t) => services.auth.resolve(t).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "session lookup failed");
            None
        }),
        None => None,
    };
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "okänd".into());
    let anonymous = actor.is_none();
    req.extensions_mut().insert(Session {
        actor,
        token,
        client,
    });
    let path = req.uri().path();
    if anonymous && *req.method() == Method::GET && !is_public(path) {
        let next_path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let target = format!("/logga-in?next={}", urlencoding::encode(next_path));
        return Redirect::to(&target).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; redo_session=abc; b=2"),
        );
        assert_eq!(cookie(&h, "redo_session"), Some("abc".into()));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
