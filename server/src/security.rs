//! Request checks and response headers that protect every route.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// True when a state-changing request comes from another site (cross-site request forgery).
/// Browsers send `Sec-Fetch-Site` and/or `Origin`; other clients send neither and carry no
/// ambient cookies, so they are let through.
pub fn is_cross_origin(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin.split("://").nth(1).unwrap_or(origin);
    origin == "null" || origin_host != host
}

pub async fn reject_cross_origin(req: Request<Body>, next: Next) -> Response {
    if is_cross_origin(req.method(), req.headers()) {
        return (
            StatusCode::FORBIDDEN,
            "Förfrågan kom från en annan webbplats och avvisades.",
        )
            .into_response();
    }
    next.run(req).await
}

/// The per-request nonce that inline scripts must carry (Leptos's hydration and resource scripts
/// do). Put into the request's extensions for the renderer and into the CSP header.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    fn new() -> Self {
        Self(hex::encode(rand::random::<[u8; 16]>()))
    }
}

/// The Content-Security-Policy: scripts only from this origin or inline with this response's nonce
/// (no other inline script runs), WebAssembly allowed, nothing from other sites. Inline styles are
/// allowed because the timeline positions exercises with `style` attributes.
pub fn content_security_policy(nonce: &CspNonce) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; \
         form-action 'self'",
        nonce.0
    )
}

pub async fn headers(mut req: Request<Body>, next: Next) -> Response {
    let nonce = CspNonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn a_post_from_another_site_is_cross_origin() {
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "redo.region.se")
            ])
        ));
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[("origin", "null"), ("host", "redo.region.se")])
        ));
    }

    #[test]
    fn same_origin_reads_and_non_browser_clients_pass() {
        assert!(!is_cross_origin(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!is_cross_origin(
            &Method::POST,
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ])
        ));
        assert!(!is_cross_origin(&Method::POST, &headers(&[])));
        assert!(!is_cross_origin(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
    }
}
