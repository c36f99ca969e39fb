//! Plain form posts to server functions: the server half of the one form mechanism
//! (`app::ui::components::form`, docs/adr/0004-forms.md).
//!
//! A form posts to the page it is on, naming its server function in `__action` (so after a
//! refusal the address bar still shows the page). A browser's form post is run as a JSON call of
//! that server function. Then:
//! - the function redirected (`leptos_axum::redirect`): 303 to that address, made a safe local
//!   path;
//! - it succeeded without redirecting: 303 back to the form's page;
//! - the session had ended (401): 303 to the sign-in page, coming back to the form's page;
//! - it refused: the form's page is rendered in this same response, with the function's status
//!   (422 invalid input, 409 stale version, 403, 404, 429 …) and a [`Refusal`] in the render's
//!   request, from which the form shows its messages and the values that were posted.
//!
//! Nothing is stored between the post and the page, so any instance can answer either, and a
//! browser that sends no `Referer` is served the same way.

use app::api::AppError;
use app::api::ctx::accepts_html;
use app::domain::redirect::safe_path;
use app::ui::components::{ACTION_FIELD, FORM_FIELD, Refusal};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

fn decode(s: &str) -> String {
    urlencoding::decode(&s.replace('+', " "))
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string())
}

/// A urlencoded body's pairs, keys and values decoded.
fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The `__form` name: which of several forms on a page was posted. Only short plain names.
fn form_name(pairs: &[(String, String)]) -> Option<String> {
    param(pairs, FORM_FIELD)
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_string)
}

/// A redirect target as a path on this site: an absolute URL of this site loses its origin;
/// anything that is not a safe local path becomes `/`.
pub fn local_target(location: &str, origins: &[String]) -> String {
    let path = origins
        .iter()
        .find_map(|o| location.strip_prefix(o.as_str()))
        .map(|rest| if rest.is_empty() { "/" } else { rest })
        .unwrap_or(location);
    safe_path(path).unwrap_or("/").to_string()
}

/// The page a form post came from: the page it was posted to, or for a post straight to a
/// server function (not what our forms do) the `Referer` on this site, else `/`.
fn form_page(posted_to: &str, referer: Option<&str>, origins: &[String]) -> String {
    if !posted_to.starts_with("/api/") {
        return safe_path(posted_to).unwrap_or("/").to_string();
    }
    referer
        .map(|r| local_target(r, origins))
        .unwrap_or_else(|| "/".to_string())
}

fn see_other(mut res: Response, target: &str) -> Response {
    *res.status_mut() = StatusCode::SEE_OTHER;
    let headers = res.headers_mut();
    headers.remove("serverfnredirect");
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_LENGTH);
    if let Ok(v) = HeaderValue::from_str(target) {
        headers.insert(header::LOCATION, v);
    }
    *res.body_mut() = Body::empty();
    res
}

/// True for a plain browser form post to a server function.
pub fn is_plain_post(req: &Request<Body>) -> bool {
    req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && accepts_html(req.headers())
}

/// Runs a plain form post to a page or a server function: `is_action` says whether a path is a
/// server function, `call` runs one, `render` renders a page. See the module documentation.
pub async fn plain_post(
    req: Request<Body>,
    origins: &[String],
    is_action: impl Fn(&str) -> bool,
    call: impl AsyncFnOnce(Request<Body>) -> Response,
    render: impl AsyncFnOnce(Request<Body>) -> Response,
) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, crate::router::BODY_LIMIT).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Det du skickade är för stort.",
        )
            .into_response();
    };
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok());
    let (text, body) = match multipart {
        None => (String::from_utf8_lossy(&body).into_owned(), body),
        Some(boundary) => match multipart_as_form(body, boundary).await {
            Ok(converted) => converted,
            Err(()) => {
                return (
                    StatusCode::BAD_REQUEST,
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    "Begäran kunde inte tolkas.",
                )
                    .into_response();
            }
        },
    };
    let pairs = form_pairs(&text);
    let referer = parts
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok());
    let posted_to = parts
        .uri
        .path_and_query()
        .map_or("/", |pq| pq.as_str())
        .to_string();
    let page = form_page(&posted_to, referer, origins);
    let action = if parts.uri.path().starts_with("/api/") {
        parts.uri.path().to_string()
    } else {
        match param(&pairs, ACTION_FIELD).filter(|a| is_action(a)) {
            Some(a) => a.to_string(),
            None => {
                return (
                    StatusCode::BAD_REQUEST,
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    "Begäran kunde inte tolkas.",
                )
                    .into_response();
            }
        }
    };

    let mut call_parts = parts.clone();
    call_parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    call_parts.uri = match action.parse() {
        Ok(uri) => uri,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    call_parts
        .headers
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    call_parts.headers.remove(header::REFERER);
    let res = call(Request::from_parts(call_parts, Body::from(body))).await;

    if let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
    {
        let target = local_target(location, origins);
        return see_other(res, &target);
    }
    let status = res.status();
    if status.is_success() {
        return see_other(res, &page);
    }
    if status == StatusCode::UNAUTHORIZED {
        let next = urlencoding::encode(&page).into_owned();
        return see_other(res, &format!("/logga-in?next={next}"));
    }
    let error = match axum::body::to_bytes(res.into_body(), 64 * 1024).await {
        Ok(bytes) => serde_json::from_slice::<AppError>(&bytes)
            .unwrap_or_else(|_| AppError::Internal("okänt svar".into())),
        Err(_) => AppError::Internal("okänt svar".into()),
    };
    let refusal = Refusal {
        action,
        form: form_name(&pairs),
        body: text,
        fields: pairs,
        error,
    };
    let mut page_parts = parts;
    page_parts.method = Method::GET;
    page_parts.uri = match page.parse() {
        Ok(uri) => uri,
        Err(_) => axum::http::Uri::from_static("/"),
    };
    page_parts.headers.remove(header::CONTENT_TYPE);
    page_parts.headers.remove(header::CONTENT_LENGTH);
    page_parts.extensions.insert(Arc::new(refusal));
    let mut shown = render(Request::from_parts(page_parts, Body::empty())).await;
    if shown.status() == StatusCode::UNAUTHORIZED {
        // A page only the signed-in see (a stray Referer of a sign-in form).
        let next = urlencoding::encode(&page).into_owned();
        return see_other(shown, &format!("/logga-in?next={next}"));
    }
    // The page keeps its own error status (a 404 for an exercise that is gone); otherwise the
    // answer is the refusal's.
    if shown.status().is_success() {
        *shown.status_mut() = status;
    }
    shown
}

fn encode_pairs<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A multipart form (one with a file) as the urlencoded form a server function reads: a file
/// field `f` becomes `f` (its bytes as URL-safe base64 without padding) and `f_name` (its file
/// name). Returns the text fields alone (what a refused form shows again) and the whole body.
async fn multipart_as_form(
    body: axum::body::Bytes,
    boundary: String,
) -> Result<(String, axum::body::Bytes), ()> {
    use base64::Engine;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    while let Some(field) = form.next_field().await.map_err(|_| ())? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|_| ())?;
                if !bytes.is_empty() {
                    files.push((
                        name.clone(),
                        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes),
                    ));
                    files.push((format!("{name}_name"), file_name));
                }
            }
            None => texts.push((name, field.text().await.map_err(|_| ())?)),
        }
    }
    let shown = encode_pairs(texts.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let all = encode_pairs(
        texts
            .iter()
            .chain(files.iter())
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    Ok((shown, axum::body::Bytes::from(all)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_page_is_where_the_form_was_posted_or_the_referer_or_the_start() {
        let origins = vec!["http://h".to_string()];
        assert_eq!(
            form_page("/ovningar/ny?a=1", None, &origins),
            "/ovningar/ny?a=1"
        );
        assert_eq!(
            form_page("/api/x", Some("http://h/katalog"), &origins),
            "/katalog"
        );
        assert_eq!(
            form_page("/api/x", Some("https://evil.example/"), &origins),
            "/"
        );
        assert_eq!(form_page("/api/x", None, &origins), "/");
    }

    #[test]
    fn only_plain_form_names_are_taken() {
        assert_eq!(
            form_name(&form_pairs("id=3&__form=fv3")).as_deref(),
            Some("fv3")
        );
        assert_eq!(form_name(&form_pairs("__form=%3Cscript%3E")), None);
        assert_eq!(form_name(&form_pairs("__form=")), None);
        assert_eq!(
            form_pairs("input%5Bname%5D=A+b%26c"),
            vec![("input[name]".to_string(), "A b&c".to_string())]
        );
    }
}
