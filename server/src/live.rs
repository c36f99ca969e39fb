//! The live log's event stream and the conduct downloads.
//!
//! `GET /api/live/{id}/handelser` is a Server-Sent Events stream of the exercise's log rows
//! after the last one the viewer saw (`Last-Event-ID`, or `?efter=N` for a new connection),
//! each as `id: N`, `event: entry`, `data: {…}`. An `event: puls` every [`HEARTBEAT`] keeps
//! proxies and the browser from timing the stream out and lets the page tell a live stream
//! from a dead one. `?koll=1` answers at once (204, or 401 when the session has ended), so a
//! page whose stream failed can tell an expired session from a lost network.
//!
//! Behind a reverse proxy the stream must not be buffered: the response says
//! `X-Accel-Buffering: no` (nginx) and is never compressed; see the README.

use crate::router::AppState;
use app::backend::ServiceError;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How often an idle stream says it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn actor_of(req: &Request<Body>) -> Option<app::domain::Actor> {
    req.extensions()
        .get::<app::api::ctx::Session>()
        .and_then(|s| s.actor.clone())
}

#[derive(serde::Deserialize)]
pub struct StreamQuery {
    efter: Option<i64>,
    koll: Option<String>,
}

fn refused(e: ServiceError) -> Response {
    match e {
        ServiceError::NotFound => plain(StatusCode::NOT_FOUND, "Övningen finns inte."),
        ServiceError::Forbidden => plain(
            StatusCode::FORBIDDEN,
            "Du ingår inte i övningens bemanning.",
        ),
        ServiceError::Unauthenticated => plain(StatusCode::UNAUTHORIZED, "Logga in igen."),
        e => {
            tracing::error!(error = %e, "could not open a live stream");
            plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "Loggen kunde inte öppnas. Försök igen om en stund.",
            )
        }
    }
}

/// The event stream of exercise `id`'s log.
pub async fn stream(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StreamQuery>,
    req: Request<Body>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return plain(StatusCode::NOT_FOUND, "Övningen finns inte.");
    };
    let Some(actor) = actor_of(&req) else {
        return plain(StatusCode::UNAUTHORIZED, "Logga in igen.");
    };
    let after = req
        .headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(q.efter)
        .unwrap_or(0);
    let sub = match state.services.conduct.subscribe(&actor, id, after).await {
        Ok(s) => s,
        Err(e) => return refused(e),
    };
    if q.koll.is_some() {
        return StatusCode::NO_CONTENT.into_response();
    }
    // One state per viewer: its place in the log. A dropped connection drops it.
    let frames = futures_util::stream::unfold((sub, false), |(mut sub, started)| async move {
        if !started {
            // Tell the browser how soon to reconnect after a drop.
            let retry = Bytes::from_static(b"retry: 2000\n\n");
            return Some((Ok::<_, std::io::Error>(retry), (sub, true)));
        }
        match tokio::time::timeout(HEARTBEAT, sub.next()).await {
            Ok(Ok(m)) => Some((Ok(m.frame(app::ui::pages::live::rendered)), (sub, true))),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "live stream ended");
                None
            }
            // An event, not a comment: the page sees it and knows the stream is alive.
            Err(_) => Some((
                Ok(Bytes::from_static(b"event: puls\ndata: 1\n\n")),
                (sub, true),
            )),
        }
    });
    let body = Body::from_stream(frames);
    let mut res = Response::new(body);
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The inject list or the log as a file: `inspel.xlsx`, `inspel.csv`, `logg.xlsx`, `logg.csv`.
pub async fn export(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
    req: Request<Body>,
) -> Response {
    let not_found = || plain(StatusCode::NOT_FOUND, "Filen finns inte.");
    let Ok(id) = id.parse::<i64>() else {
        return not_found();
    };
    let Some(actor) = actor_of(&req) else {
        return plain(StatusCode::UNAUTHORIZED, "Logga in igen.");
    };
    let Some((what, ext)) = file.split_once('.') else {
        return not_found();
    };
    let conduct = &state.services.conduct;
    let sheet = match what {
        "inspel" => conduct.inject_sheet(&actor, id).await,
        "logg" => conduct.log_sheet(&actor, id).await,
        _ => return not_found(),
    };
    let (name, rows) = match sheet {
        Ok(s) => s,
        Err(e) => return refused(e),
    };
    let (bytes, content_type) = match ext {
        "csv" => (
            app::domain::sheet::to_csv(&rows).into_bytes(),
            "text/csv; charset=utf-8",
        ),
        "xlsx" => (
            app::backend::xlsx::write(
                if what == "inspel" {
                    "Händelselista"
                } else {
                    "Logg"
                },
                &rows,
            ),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return not_found(),
    };
    let base: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .to_lowercase();
    let ascii: String = base
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c if c.is_ascii() => c,
            _ => '-',
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}-{what}.{ext}\"; filename*=UTF-8''{}-{what}.{ext}",
        urlencoding::encode(&base)
    );
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}
