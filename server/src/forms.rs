//! Plain form posts (no JavaScript) to server functions. Leptos answers them with a redirect to
//! the `Referer`, carrying a refusal as `__path`/`__err` in the query, and the page shows it.
//! This module makes that safe and precise:
//! - the redirect target goes through the one validator (`domain::redirect::safe_path`) after
//!   the site's own origin is taken off; anything else becomes `/`;
//! - a refusal's redirect is signed (`__sig`, an HMAC over the error, the form and the session),
//!   and a page request whose error is not signed by us loses it before rendering, so no link
//!   can put an outsider's sentence in the alert box of a real page;
//! - an error still in the `Referer` is dropped, so a later success does not show the old one;
//! - a refusal says which form was posted (`__form`), so a page with one form per row shows the
//!   messages in that row only.

use app::api::ctx::accepts_html;
use app::domain::redirect::safe_path;
use app::ui::components::FORM_FIELD;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Query parameters that describe a refused plain form post.
const FORM_ERROR_PARAMS: [&str; 4] = ["__path", "__err", FORM_FIELD, "__sig"];

/// Signs and checks refusal redirects with a key derived from the server secret.
#[derive(Clone)]
pub struct FormSigner {
    key: Vec<u8>,
}

impl FormSigner {
    pub fn new(secret: &[u8]) -> Self {
        let mut key = b"redo-form-error-v1|".to_vec();
        key.extend_from_slice(secret);
        Self { key }
    }

    fn mac(&self, path: &str, err: &str, form: &str, session: &str) -> Option<Hmac<Sha256>> {
        let mut m = Hmac::<Sha256>::new_from_slice(&self.key).ok()?;
        for part in [path, err, form, session] {
            m.update(part.as_bytes());
            m.update(b"\x00");
        }
        Some(m)
    }

    /// The signature: the first 16 bytes of the MAC, in hex.
    fn sign(&self, path: &str, err: &str, form: &str, session: &str) -> String {
        self.mac(path, err, form, session)
            .map(|m| hex::encode(&m.finalize().into_bytes()[..16]))
            .unwrap_or_default()
    }

    /// Whether `sig` signs these values (compared in constant time).
    fn verify(&self, sig: &str, path: &str, err: &str, form: &str, session: &str) -> bool {
        let Ok(sig) = hex::decode(sig) else {
            return false;
        };
        sig.len() == 16
            && self
                .mac(path, err, form, session)
                .is_some_and(|m| m.verify_truncated_left(&sig).is_ok())
    }
}

fn decode(s: &str) -> String {
    urlencoding::decode(&s.replace('+', " "))
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string())
}

/// The query's pairs, keys and values decoded as the router will decode them.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// True for a raw `key=value` pair whose decoded key describes a refusal (`%5F%5Ferr` is
/// `__err` to the router, so the check is on the decoded key).
fn is_refusal_pair(pair: &str) -> bool {
    let key = pair.split('=').next().unwrap_or_default();
    FORM_ERROR_PARAMS.contains(&decode(key).as_str())
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// `url` without the parameters of an earlier refused post.
fn without_form_error(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !is_refusal_pair(pair))
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

/// A redirect target as a path on this site: an absolute URL of this site (Leptos builds those
/// from the `Referer`) loses its origin; anything that is not a safe local path becomes `/`.
pub fn local_target(location: &str, origins: &[String]) -> String {
    let path = origins
        .iter()
        .find_map(|o| location.strip_prefix(o.as_str()))
        .map(|rest| if rest.is_empty() { "/" } else { rest })
        .unwrap_or(location);
    safe_path(path).unwrap_or("/").to_string()
}

/// Around every plain form post to `/api/…`: see the module documentation.
pub async fn plain_post(
    signer: &FormSigner,
    origins: &[String],
    session: &str,
    req: Request<Body>,
    run: impl AsyncFnOnce(Request<Body>) -> Response,
) -> Response {
    let (mut parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, crate::router::BODY_LIMIT).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Det du skickade är för stort.",
        )
            .into_response();
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
    let mut res = run(Request::from_parts(parts, Body::from(body))).await;
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
    else {
        return res;
    };
    // Leptos leaves a bare `?` when it strips its error parameters.
    let mut target = local_target(location.strip_suffix('?').unwrap_or(location), origins);
    if let Some((_, query)) = target.split_once('?') {
        let pairs = query_pairs(query);
        let err = param(&pairs, "__err");
        if !err.is_empty() {
            let form = form.as_deref().unwrap_or("");
            let sig = signer.sign(param(&pairs, "__path"), err, form, session);
            if !form.is_empty() {
                target.push_str(&format!("&{FORM_FIELD}={form}"));
            }
            target.push_str(&format!("&__sig={sig}"));
        }
    }
    if let Ok(v) = HeaderValue::from_str(&target) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// A page request that carries a refusal not signed by us (for this session) loses the refusal
/// parameters before rendering. Each may appear once: the router reads the last of repeated
/// keys, so a signed refusal followed by another `__err` would show the other one.
pub fn strip_unsigned_error(req: &mut Request<Body>, signer: &FormSigner, session: &str) {
    if *req.method() != Method::GET {
        return;
    }
    let Some(query) = req.uri().query() else {
        return;
    };
    if !query.contains("__") && !query.contains('%') {
        return;
    }
    let pairs = query_pairs(query);
    let count = |key: &str| pairs.iter().filter(|(k, _)| k == key).count();
    if FORM_ERROR_PARAMS.iter().all(|k| count(k) == 0) {
        return;
    }
    let valid = FORM_ERROR_PARAMS.iter().all(|k| count(k) <= 1)
        && signer.verify(
            param(&pairs, "__sig"),
            param(&pairs, "__path"),
            param(&pairs, "__err"),
            param(&pairs, FORM_FIELD),
            session,
        );
    if valid {
        return;
    }
    let path = req.uri().path().to_string();
    let clean = without_form_error(&format!("{path}?{query}"));
    if let Ok(uri) = clean.parse::<Uri>() {
        *req.uri_mut() = uri;
    }
}

/// True for a plain browser form post to a server function.
pub fn is_plain_post(req: &Request<Body>) -> bool {
    req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && accepts_html(req.headers())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_error_is_dropped_and_other_query_kept() {
        assert_eq!(
            without_form_error(
                "http://h/ovningar/ny?__path=%2Fapi%2Fx&__err=abc&__form=fv1&__sig=1"
            ),
            "http://h/ovningar/ny"
        );
        assert_eq!(
            without_form_error("http://h/plan?period=2025&__path=x&__err=abc"),
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

    #[test]
    fn redirect_targets_stay_on_the_site() {
        let origins = vec!["http://127.0.0.1:3000".to_string()];
        assert_eq!(
            local_target("http://127.0.0.1:3000/ovningar?x=1", &origins),
            "/ovningar?x=1"
        );
        assert_eq!(local_target("http://127.0.0.1:3000", &origins), "/");
        assert_eq!(local_target("https://evil.example/", &origins), "/");
        assert_eq!(local_target("/\t/evil.example", &origins), "/");
        assert_eq!(local_target("/ovningar", &origins), "/ovningar");
    }

    #[test]
    fn only_errors_signed_for_this_session_survive() {
        let signer = FormSigner::new(b"secret");
        let sig = signer.sign("/api/auth/login", "ZXJy", "", "");
        let mut ok = Request::get(format!(
            "/logga-in?__path=%2Fapi%2Fauth%2Flogin&__err=ZXJy&__sig={sig}"
        ))
        .body(Body::empty())
        .unwrap();
        strip_unsigned_error(&mut ok, &signer, "");
        assert!(ok.uri().query().unwrap().contains("__err"));
        let mut other_session = Request::get(ok.uri().clone()).body(Body::empty()).unwrap();
        strip_unsigned_error(&mut other_session, &signer, "someone-else");
        assert_eq!(other_session.uri().query(), None);
        let mut forged = Request::get("/logga-in?next=%2F&__path=x&__err=QXR0YWNr")
            .body(Body::empty())
            .unwrap();
        strip_unsigned_error(&mut forged, &signer, "");
        assert_eq!(forged.uri().to_string(), "/logga-in?next=%2F");
        let mut encoded = Request::get("/logga-in?%5F%5Ferr=QXR0YWNr&__path=x&a=1")
            .body(Body::empty())
            .unwrap();
        strip_unsigned_error(&mut encoded, &signer, "");
        assert_eq!(
            encoded.uri().to_string(),
            "/logga-in?a=1",
            "encoded keys are keys"
        );
        let mut repeated = Request::get(format!(
            "/logga-in?__path=%2Fapi%2Fauth%2Flogin&__err=ZXJy&__sig={sig}&__err=QXR0YWNr"
        ))
        .body(Body::empty())
        .unwrap();
        strip_unsigned_error(&mut repeated, &signer, "");
        assert_eq!(
            repeated.uri().query(),
            None,
            "a second __err voids the signature"
        );
    }
}
