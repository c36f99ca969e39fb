//! Sessions: resolves the session cookie to an actor for every request, works out the client's
//! address, and sends anonymous visitors of pages to the login page.

use crate::client::client_addr;
use crate::router::Web;
use app::api::ctx::{Session, cookie_in};
use app::backend::Services;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::Method;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::{IpAddr, SocketAddr};

/// Paths anyone may load: the login page, static assets and the server functions (which
/// authorize themselves and answer 401).
fn is_public(path: &str) -> bool {
    path == "/logga-in"
        || path == "/healthz"
        || path.starts_with("/api/")
        || crate::security::is_static(path)
}

/// Puts the request's [`Session`] into its extensions and returns the session token, or the
/// redirect to the login page for an anonymous visitor of a page.
pub async fn attach(
    services: &Services,
    web: &Web,
    req: &mut Request<Body>,
) -> Result<Option<String>, Response> {
    let token = cookie_in(req.headers(), web.site.session_cookie()).filter(|t| t.len() <= 128);
    let actor = match token.as_deref() {
        Some(t) => services.auth.resolve(t).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "session lookup failed");
            None
        }),
        None => None,
    };
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    let client = client_addr(peer, req.headers(), &web.trusted_proxies);
    let anonymous = actor.is_none();
    req.extensions_mut().insert(Session {
        actor,
        token: token.clone(),
        client,
    });
    let path = req.uri().path();
    if anonymous && *req.method() == Method::GET && !is_public(path) {
        let next_path = req.uri().path_and_query().map_or("/", |p| p.as_str());
        let target = format!("/logga-in?next={}", urlencoding::encode(next_path));
        return Err(Redirect::to(&target).into_response());
    }
    Ok(token)
}
