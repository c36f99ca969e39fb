//! Server-side context for server functions: the services, the signed-in actor, and `fail`,
//! the one place that turns a `ServiceError` into an `AppError` with its HTTP status.

use super::AppError;
use crate::backend::{ServiceError, Services};
use crate::domain::Actor;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// Inserted into every request's extensions by the session middleware.
#[derive(Clone, Debug)]
pub struct Session {
    pub actor: Option<Actor>,
    /// The raw token from the cookie, needed to log out or rotate.
    pub token: Option<String>,
    /// The client's address: the socket peer, or what a trusted proxy says it forwarded.
    pub client: std::net::IpAddr,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            actor: None,
            token: None,
            client: std::net::IpAddr::from([0, 0, 0, 0]),
        }
    }
}

/// The request id the server gave this request (in logs and error references).
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// The value of cookie `name` in the request's headers, if any.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

/// The value of cookie `name` in the current request.
pub fn cookie(name: &str) -> Option<String> {
    with_context::<Parts, _>(|p| cookie_in(&p.headers, name)).flatten()
}

/// Where a server function sets headers and the status.
pub fn response() -> Result<ResponseOptions, AppError> {
    use_context::<ResponseOptions>().ok_or_else(|| {
        fail(ServiceError::Internal(
            "response options missing from context".into(),
        ))
    })
}

pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        fail(ServiceError::Internal(
            "services missing from context".into(),
        ))
    })
}

pub fn session() -> Session {
    with_context::<Parts, _>(|p| p.extensions.get::<Session>().cloned())
        .flatten()
        .unwrap_or_default()
}

/// The signed-in user, or 401.
pub fn actor() -> Result<Actor, AppError> {
    session()
        .actor
        .ok_or_else(|| fail(ServiceError::Unauthenticated))
}

/// True when a request accepts HTML: a plain browser form post.
pub fn accepts_html(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The value of request header `name`, if present and text.
pub fn header(name: &str) -> Option<String> {
    with_context::<Parts, _>(|p| {
        p.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    })
    .flatten()
}

/// Sets the response status. Plain form posts reach server functions as JSON calls
/// (`server::forms`), so the status is always the function's own.
pub fn set_status(status: http::StatusCode) {
    if let Some(res) = use_context::<ResponseOptions>() {
        res.set_status(status);
    }
}

/// Maps a service error to the wire error, logs internal detail with a reference, sets the status.
pub fn fail(e: ServiceError) -> AppError {
    let app = match e {
        ServiceError::Unauthenticated => AppError::Unauthenticated,
        ServiceError::Forbidden => AppError::Forbidden,
        ServiceError::NotFound => AppError::NotFound,
        ServiceError::Invalid(f) => AppError::Invalid(f),
        ServiceError::Conflict(m) => AppError::Conflict(m),
        ServiceError::TooManyAttempts { minutes } => AppError::TooManyRequests(minutes),
        ServiceError::AccountLocked { minutes } => AppError::AccountLocked(minutes),
        ServiceError::Storage(_) | ServiceError::Internal(_) => {
            // The reference is the request id, so the log line of the request is easy to find.
            let reference =
                with_context::<Parts, _>(|p| p.extensions.get::<RequestId>().map(|r| r.0.clone()))
                    .flatten()
                    .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()[..12].to_string());
            tracing::error!(%reference, error = %e, "internal error");
            AppError::Internal(reference)
        }
    };
    set_status(app.status());
    app
}
