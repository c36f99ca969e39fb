//! The axum router: server functions under `/api`, SSR pages, static files, and the layers
//! every request passes (security headers, origin check, session, compression, body limit).

use crate::{security, session};
use app::api::ctx::accepts_html;
use app::backend::Services;
use app::ui::components::FORM_FIELD;
use app::ui::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;

/// Largest accepted request body. Big enough that an overlong field gets a field message
/// rather than a bare 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// What every render and server function gets in its context: the services, and the request's
/// CSP nonce in place of the one Leptos would make up, so inline scripts match the header.
fn app_context(services: Services) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(services.clone());
        let nonce = use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<security::CspNonce>().cloned());
        if let Some(nonce) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
}

/// Query parameters that describe a refused plain form post: the server function and its error
/// (added by Leptos) and which form on the page was posted (added here).
const FORM_ERROR_PARAMS: [&str; 3] = ["__path", "__err", FORM_FIELD];

/// `url` without the parameters of an earlier refused post.
fn without_form_error(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !FORM_ERROR_PARAMS.contains(&key)
        })
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// The `__form` field of a urlencoded body: which of several forms on a page was posted. Only
/// short plain names are taken (they go back into a URL).
fn posted_form(body: &[u8]) -> Option<String> {
    let prefix = format!("{FORM_FIELD}=");
    body.split(|b| *b == b'&')
        .filter_map(|pair| std::str::from_utf8(pair).ok())
        .find_map(|pair| pair.strip_prefix(prefix.as_str()))
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_string)
}

/// A plain form post (no JavaScript) to a server function is answered with a redirect to its
/// `Referer`, with `__err` added when it was refused. This layer adds two things around that:
/// - an error still in the `Referer` (the form was shown after an earlier refusal) is dropped, so
///   a later success does not show the old error and a later refusal does not show two;
/// - a refusal's redirect says which form was posted (`__form`), so a page with one form per row
///   shows the messages in that row's form only.
async fn plain_form_posts(req: Request<Body>, next: Next) -> Response {
    if req.method() != Method::POST
        || !req.uri().path().starts_with("/api/")
        || !accepts_html(req.headers())
    {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let form = posted_form(&body);
    if let Some(clean) = parts
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(without_form_error)
        .and_then(|r| HeaderValue::from_str(&r).ok())
    {
        parts.headers.insert(header::REFERER, clean);
    }
    let mut res = next.run(Request::from_parts(parts, Body::from(body))).await;
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(|l| match &form {
            Some(form) if l.contains("__err=") => format!("{l}&{FORM_FIELD}={form}"),
            // Leptos leaves a bare `?` when it strips its error parameters.
            _ => l.strip_suffix('?').unwrap_or(l).to_string(),
        })
        .and_then(|l| HeaderValue::from_str(&l).ok());
    if let Some(location) = location {
        res.headers_mut().insert(header::LOCATION, location);
    }
    res
}

/// Server functions are registered by `leptos_routes_with_context`; this answers unknown ones.
async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(app_context(state.services.clone()), req).await
}

async fn health() -> &'static str {
    "ok"
}

/// Static files from the site root; anything else is rendered by the app (its 404 page).
async fn fallback(State(state): State<AppState>, req: Request<Body>) -> Response {
    let handler = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        app_context(state.services.clone()),
        shell,
    );
    let uri = req.uri().clone();
    handler(uri, State(state), req).await.into_response()
}

/// The complete application router.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let services = state.services.clone();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health))
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_context(&state, routes, app_context(services), move || {
            shell(options.clone())
        })
        .fallback(fallback)
        .layer(axum::middleware::from_fn(plain_form_posts))
        .layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            session::layer,
        ))
        .layer(axum::middleware::from_fn(security::reject_cross_origin))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(CompressionLayer::new())
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_error_is_dropped_and_other_query_kept() {
        assert_eq!(
            without_form_error("http://h/ovningar/ny?__path=%2Fapi%2Fx&__err=abc&__form=fv1"),
            "http://h/ovningar/ny"
        );
        assert_eq!(
            without_form_error("http://h/plan?period=2025&__path=x&__err=abc"),
            "http://h/plan?period=2025"
        );
        assert_eq!(
            without_form_error("http://h/plan?period=2025"),
            "http://h/plan?period=2025"
        );
        assert_eq!(without_form_error("http://h/plan"), "http://h/plan");
    }

    #[test]
    fn the_posted_form_is_read_from_the_body_and_only_plain_names_are_taken() {
        assert_eq!(
            posted_form(b"id=3&__form=fv3&input[code]=HS").as_deref(),
            Some("fv3")
        );
        assert_eq!(posted_form(b"id=3"), None);
        assert_eq!(posted_form(b"__form=%3Cscript%3E"), None);
        assert_eq!(posted_form(b"__form="), None);
    }
}
