//! The axum router: server functions under `/api` (plain form posts through `forms`), SSR pages,
//! static files, and the one front middleware every request passes (host and origin checks,
//! session, timeout, security headers, request id and log line), plus compression and body
//! limits.

use crate::config::Network;
use crate::forms;
use crate::page_cache::{CACHE_HEADER, PageCache};
use crate::security::{self, CspNonce, Hosts};
use crate::session;
use app::api::ctx::RequestId;
use app::backend::Services;
use app::backend::site::Site;
use app::ui::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tower_http::compression::CompressionLayer;

/// Largest accepted request body. Big enough that an overlong field gets a field message
/// rather than a bare 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// A request must be read and answered within this time. The time ends when the response's
/// headers are ready, so a long-lived event stream (its body) is not cut by it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What the front middleware needs to know about where Redo is served.
pub struct Web {
    pub site: Site,
    pub hosts: Hosts,
    pub trusted_proxies: Vec<Network>,
    /// Whole documents of hot read-only pages (`page_cache`).
    pub pages: PageCache,
}

impl Web {
    /// Served on the site of the services' session policy, answering its host only.
    pub fn for_services(services: &Services, trusted_proxies: Vec<Network>) -> Self {
        let policy = services.auth.policy();
        let site = policy.site.clone();
        Self {
            hosts: Hosts::Only(vec![site.host.clone()]),
            site,
            trusted_proxies,
            pages: PageCache::listening(&services.bus),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub web: Arc<Web>,
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
            .and_then(|p| p.extensions.get::<CspNonce>().cloned());
        if let Some(nonce) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
}

/// The paths of the registered server functions.
fn server_fn_paths() -> &'static HashSet<&'static str> {
    static PATHS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATHS.get_or_init(|| {
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect()
    })
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// Server functions; an unknown one is a terse 404 without framework text. A plain browser form
/// post straight to one also goes through the form mechanism (`forms`).
async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    if !server_fn_paths().contains(req.uri().path()) {
        return plain(StatusCode::NOT_FOUND, "Okänd adress.");
    }
    if !forms::is_plain_post(&req) {
        return leptos_axum::handle_server_fns_with_context(
            app_context(state.services.clone()),
            req,
        )
        .await
        .into_response();
    }
    form_post(state, req).await
}

/// A form posted to its page (`forms`): 303 on success, the page with the refusal otherwise.
async fn form_post(state: AppState, req: Request<Body>) -> Response {
    let web = &state.web;
    let mut origins = vec![web.site.origin.clone()];
    if let Some(host) = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
    {
        let scheme = if web.site.https { "https" } else { "http" };
        origins.push(format!("{scheme}://{host}"));
    }
    let context = app_context(state.services.clone());
    forms::plain_post(
        req,
        &origins,
        |path| server_fn_paths().contains(path),
        async |req| {
            leptos_axum::handle_server_fns_with_context(context, req)
                .await
                .into_response()
        },
        async |req| render_page(&state, req).await,
    )
    .await
}

async fn page_post_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    form_post(state, req).await
}

/// Renders the page at the request's path (every route is `SsrMode::Async`).
async fn render_page(state: &AppState, req: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        app_context(state.services.clone()),
        move || shell(options.clone()),
    );
    render(req).await.into_response()
}

/// Most bytes of a page kept by the page cache.
const CACHED_PAGE_LIMIT: usize = 8 * 1024 * 1024;

/// Renders a page, or answers it from the page cache when it may be.
async fn page_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    let pages = &state.web.pages;
    let today = app::backend::local_now((state.services.clock)()).date();
    let Some(key) = pages.key(&req, today) else {
        return render_page(&state, req).await;
    };
    let nonce = req
        .extensions()
        .get::<CspNonce>()
        .map(|n| n.0.clone())
        .unwrap_or_default();
    if let Some(hit) = pages.get(&key, &req, &nonce) {
        return hit;
    }
    let _turn = pages.render_turn().await;
    if let Some(hit) = pages.get(&key, &req, &nonce) {
        return hit;
    }
    let generation = pages.generation();
    let res = render_page(&state, req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, CACHED_PAGE_LIMIT).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "could not read a rendered page");
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sidan kunde inte visas. Försök igen om en stund.",
            );
        }
    };
    if let Some(content_type) = parts.headers.get(header::CONTENT_TYPE).cloned() {
        pages.store(key, generation, content_type, &bytes, &nonce);
    }
    parts
        .headers
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(bytes))
}

#[derive(serde::Deserialize)]
struct ChartQuery {
    period: Option<String>,
    area: Option<String>,
}

/// A dashboard chart as a file to save (`/beredskap/diagram/formaga.png?period=2026H2`).
async fn chart_handler(
    State(state): State<AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<ChartQuery>,
    req: Request<Body>,
) -> Response {
    use app::backend::ServiceError;
    let Some(actor) = req
        .extensions()
        .get::<app::api::ctx::Session>()
        .and_then(|s| s.actor.clone())
    else {
        return plain(
            StatusCode::UNAUTHORIZED,
            "Logga in för att hämta diagrammet.",
        );
    };
    let file = app::api::readiness::chart_file(
        &state.services,
        &actor,
        &file,
        q.period.as_deref(),
        q.area.as_deref(),
    )
    .await;
    match file {
        Ok(f) => (
            [
                (header::CONTENT_TYPE, f.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", f.filename),
                ),
                (header::CACHE_CONTROL, "private, no-cache".to_string()),
            ],
            f.bytes,
        )
            .into_response(),
        Err(ServiceError::NotFound) => plain(StatusCode::NOT_FOUND, "Diagrammet finns inte."),
        Err(ServiceError::Forbidden) => plain(
            StatusCode::FORBIDDEN,
            "Du har inte behörighet att se beredskapen.",
        ),
        Err(ServiceError::Unauthenticated) => plain(
            StatusCode::UNAUTHORIZED,
            "Logga in för att hämta diagrammet.",
        ),
        Err(e) => {
            tracing::error!(error = %e, "could not make a chart file");
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Diagrammet kunde inte ritas. Försök igen om en stund.",
            )
        }
    }
}

/// A chart of a frozen brief as it was drawn (`/beredskap/rapporter/3/diagram/nok.png`).
async fn brief_chart_handler(
    State(state): State<AppState>,
    axum::extract::Path((id, file)): axum::extract::Path<(String, String)>,
    req: Request<Body>,
) -> Response {
    use app::backend::ServiceError;
    let Some(actor) = req
        .extensions()
        .get::<app::api::ctx::Session>()
        .and_then(|s| s.actor.clone())
    else {
        return plain(
            StatusCode::UNAUTHORIZED,
            "Logga in för att hämta diagrammet.",
        );
    };
    let not_found = || plain(StatusCode::NOT_FOUND, "Diagrammet finns inte.");
    let (Ok(id), Some((name, ext))) = (id.parse::<i64>(), file.rsplit_once('.')) else {
        return not_found();
    };
    let (png, content_type) = match ext {
        "svg" => (false, "image/svg+xml"),
        "png" => (true, "image/png"),
        _ => return not_found(),
    };
    match state
        .services
        .followup
        .brief_chart(&actor, id, name, png)
        .await
    {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"rapport-{id}-{name}.{ext}\""),
                ),
                (header::CACHE_CONTROL, "private, max-age=3600".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(ServiceError::NotFound) => not_found(),
        Err(ServiceError::Forbidden) => plain(
            StatusCode::FORBIDDEN,
            "Du har inte behörighet att se beredskapen.",
        ),
        Err(e) => {
            tracing::error!(error = %e, "could not read a brief's chart");
            plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Diagrammet kunde inte läsas. Försök igen om en stund.",
            )
        }
    }
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

fn new_request_id() -> String {
    hex::encode(rand::random::<[u8; 6]>())
}

/// The checks before a request reaches its handler; see the module documentation.
async fn guarded(state: &AppState, mut req: Request<Body>, next: Next) -> Response {
    let web = &state.web;
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(host) = &host
        && !web.hosts.allows(&web.site, host)
    {
        return plain(StatusCode::BAD_REQUEST, "Okänd värd.");
    }
    if security::is_cross_origin(req.method(), req.headers(), &web.site) {
        return plain(
            StatusCode::FORBIDDEN,
            "Förfrågan kom från en annan webbplats och avvisades.",
        );
    }
    if let Err(redirect) = session::attach(&state.services, web, &mut req).await {
        return redirect;
    }
    next.run(req).await
}

/// The front middleware: request id, checks, security headers on every response, a log line.
async fn front(State(state): State<AppState>, mut req: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let id = new_request_id();
    let nonce = CspNonce::new();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "-".to_string(), |m| m.as_str().to_string());
    req.extensions_mut().insert(nonce.clone());
    req.extensions_mut().insert(RequestId(id.clone()));
    // Reading a body counts: a client that trickles one is cut off like a slow handler.
    let mut res = match tokio::time::timeout(REQUEST_TIMEOUT, guarded(&state, req, next)).await {
        Ok(res) => res,
        Err(_) => plain(
            StatusCode::SERVICE_UNAVAILABLE,
            "Servern hann inte svara. Försök igen om en stund.",
        ),
    };
    security::protect(res.headers_mut(), &nonce, &state.web.site, &path);
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert("x-request-id", v);
    }
    let status = res.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    // Method, route and status only: never the query, cookies or bodies.
    if path != "/healthz" {
        tracing::info!(target: "redo::http", request_id = %id, %method, %route, status, latency_ms, "request");
    }
    res
}

/// The complete application router.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    // Pages only: server functions are served by `server_fn_handler` (not by the routes
    // `leptos_routes` would add for them). A page also takes the posts of its forms.
    let mut pages = Router::new();
    for listing in &routes {
        pages = pages.route(listing.path(), post(page_post_handler));
    }
    Router::new()
        .route("/healthz", get(health))
        .route("/beredskap/diagram/{file}", get(chart_handler))
        .route(
            "/beredskap/rapporter/{id}/diagram/{file}",
            get(brief_chart_handler),
        )
        .route("/api/live/{id}/handelser", get(crate::live::stream))
        .route("/ovningar/{id}/export/{file}", get(crate::live::export))
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_handler(routes, page_handler)
        .merge(pages)
        .fallback(fallback)
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), front))
        .layer(CompressionLayer::new())
        .with_state(state)
}
