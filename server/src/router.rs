//! The axum router: server functions under `/api`, SSR pages, static files, and the layers
//! every request passes (security headers, origin check, session, compression, body limit).

use crate::{security, session};
use app::backend::Services;
use app::ui::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
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

async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    let services = state.services.clone();
    leptos_axum::handle_server_fns_with_context(move || provide_context(services.clone()), req)
        .await
}

async fn health() -> &'static str {
    "ok"
}

/// Static files from the site root; anything else is rendered by the app (its 404 page).
async fn fallback(State(state): State<AppState>, req: Request<Body>) -> Response {
    let handler = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        {
            let services = state.services.clone();
            move || provide_context(services.clone())
        },
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
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(services.clone()),
            move || shell(options.clone()),
        )
        .fallback(fallback)
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
