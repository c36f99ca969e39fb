//! Request checks and response headers that protect every route: the `Host` must name this
//! site, state-changing requests must come from its origin, and every response — pages, API,
//! static files, errors — carries the security headers.

use app::backend::site::Site;
use axum::http::{HeaderMap, HeaderValue, Method, header};

/// The per-request nonce that inline scripts must carry (Leptos's hydration and resource scripts
/// do). Put into the request's extensions for the renderer and into the CSP header.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    pub fn new() -> Self {
        Self(hex::encode(rand::random::<[u8; 16]>()))
    }
}

impl Default for CspNonce {
    fn default() -> Self {
        Self::new()
    }
}

/// Which `Host` headers this server answers (DNS rebinding sends a foreign one).
#[derive(Debug, Clone)]
pub enum Hosts {
    /// The public URL's host, or the listen address (and `localhost`) on loopback.
    Only(Vec<String>),
    /// No public URL and a wildcard listen address: any host, said at start.
    Any,
}

impl Hosts {
    pub fn for_site(site: &Site, configured: bool, listen: std::net::SocketAddr) -> Self {
        if configured {
            return Self::Only(vec![site.host.clone()]);
        }
        if listen.ip().is_unspecified() {
            return Self::Any;
        }
        let mut hosts = vec![listen.to_string()];
        if listen.ip().is_loopback() {
            hosts.push(format!("localhost:{}", listen.port()));
        }
        Self::Only(hosts)
    }

    pub fn allows(&self, site: &Site, host: &str) -> bool {
        match self {
            Self::Any => true,
            Self::Only(hosts) => {
                hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) || site.allows_host(host)
            }
        }
    }
}

/// True when a state-changing request comes from another site (cross-site request forgery).
/// Browsers send `Sec-Fetch-Site` and/or `Origin`; the origin must be this site's scheme and
/// the request's (already checked) host. Other clients send neither and carry no ambient
/// cookies, so they are let through.
pub fn is_cross_origin(method: &Method, headers: &HeaderMap, site: &Site) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(fetch_site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(fetch_site, "same-origin" | "none")
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let scheme = if site.https { "https" } else { "http" };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(site.host.as_str());
    !origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"))
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

/// Static files (the wasm bundle, CSS, favicon) may be cached; everything else is `no-store`, so
/// a shared computer in a command post keeps no page of another user's.
pub fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/favicon.ico"
}

/// The headers every response gets.
pub fn protect(h: &mut HeaderMap, nonce: &CspNonce, site: &Site, path: &str) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if site.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if !is_static(path) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
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

    fn site() -> Site {
        Site::parse("https://redo.region.se").unwrap()
    }

    #[test]
    fn a_post_from_another_site_is_cross_origin() {
        let s = site();
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &s
        ));
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "redo.region.se")
            ]),
            &s
        ));
        assert!(is_cross_origin(
            &Method::POST,
            &headers(&[("origin", "null"), ("host", "redo.region.se")]),
            &s
        ));
        assert!(
            is_cross_origin(
                &Method::POST,
                &headers(&[
                    ("origin", "http://redo.region.se"),
                    ("host", "redo.region.se")
                ]),
                &s
            ),
            "the scheme is part of the origin"
        );
    }

    #[test]
    fn same_origin_reads_and_non_browser_clients_pass() {
        let s = site();
        assert!(!is_cross_origin(
            &Method::POST,
            &headers(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "https://redo.region.se"),
                ("host", "redo.region.se")
            ]),
            &s
        ));
        assert!(!is_cross_origin(&Method::POST, &headers(&[]), &s));
        assert!(!is_cross_origin(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &s
        ));
    }

    #[test]
    fn only_the_sites_hosts_are_answered() {
        let listen: std::net::SocketAddr = "127.0.0.1:3000".parse().unwrap();
        let local = Site::from_listen(listen);
        let hosts = Hosts::for_site(&local, false, listen);
        assert!(hosts.allows(&local, "127.0.0.1:3000") && hosts.allows(&local, "localhost:3000"));
        assert!(!hosts.allows(&local, "evil.example"));
        let public = site();
        let hosts = Hosts::for_site(&public, true, listen);
        assert!(hosts.allows(&public, "redo.region.se"));
        assert!(!hosts.allows(&public, "127.0.0.1:3000"));
        let any: std::net::SocketAddr = "0.0.0.0:3000".parse().unwrap();
        assert!(matches!(
            Hosts::for_site(&Site::from_listen(any), false, any),
            Hosts::Any
        ));
    }
}
