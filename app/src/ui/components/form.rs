//! The one form mechanism (docs/adr/0004-forms.md).
//!
//! Every form is a [`PostForm`]: a plain `<form method="post">` to the page it sits on, naming its
//! server function (`__action`) and, when a page has several forms posting to the same function,
//! its name (`__form`). The server (`server::forms`) runs the function; on success it
//! answers 303 to where the function redirects (or back to the page); on a refusal it renders the
//! page again in the same response, with status 422 (invalid input), 409 (stale version) or
//! whatever the refusal was, and a [`Refusal`] in the request: what was posted and the error.
//! The form that was posted finds it here and shows the messages next to the fields and the
//! values the user typed. Nothing is kept between requests, and the same happens with JavaScript
//! on or off (the pages are server-rendered; forms are never islands).

use crate::api::AppError;
use leptos::prelude::*;
use std::sync::Arc;

/// The hidden field naming which of a page's forms was posted.
pub const FORM_FIELD: &str = "__form";
/// The hidden field naming the server function a form posts to.
pub const ACTION_FIELD: &str = "__action";
/// The hidden field carrying a form's idempotency key.
pub const KEY_FIELD: &str = "idempotency_key";

/// A refused form post, put into the page render's request by the server.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The server function's path, e.g. `/api/exercises/create`.
    pub action: String,
    /// The `__form` name, when the form had one.
    pub form: Option<String>,
    /// The posted body, urlencoded as the browser sent it.
    pub body: String,
    /// The posted pairs, decoded.
    pub fields: Vec<(String, String)>,
    pub error: AppError,
}

impl Refusal {
    /// The first posted value of `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether `name` was posted with `value` (a checked box, a selected option).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.fields.iter().any(|(k, v)| k == name && v == value)
    }
}

/// The refusal of the request being rendered, if any.
fn current() -> Option<Arc<Refusal>> {
    #[cfg(feature = "ssr")]
    {
        with_context::<http::request::Parts, _>(|p| p.extensions.get::<Arc<Refusal>>().cloned())
            .flatten()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The refusal of the form posting to `action` named `form` (`None` for a page's only form).
pub fn refusal_of(action: &str, form: Option<&str>) -> Option<Arc<Refusal>> {
    current().filter(|r| r.action == action && r.form.as_deref() == form)
}

/// The error shown by the form posting to `action` named `form`.
pub fn form_error(action: &str, form: Option<&str>) -> Signal<Option<AppError>> {
    let error = refusal_of(action, form).map(|r| r.error.clone());
    Signal::derive(move || error.clone())
}

/// True when the page is shown after the form named `form` was refused (so the `<details>` it
/// sits in starts open).
pub fn form_was_refused(form: &str) -> bool {
    current().is_some_and(|r| r.form.as_deref() == Some(form))
}

/// What the refused form posting to `action` named `form` sent, decoded as the server function
/// decodes it: the values to show again, typed.
pub fn refused_args<T: serde::de::DeserializeOwned>(action: &str, form: Option<&str>) -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        refusal_of(action, form).and_then(|r| {
            serde_qs::Config::new(5, false)
                .deserialize_str::<T>(&r.body)
                .ok()
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (action, form);
        None
    }
}

/// The refusal of the enclosing [`PostForm`], for its fields.
#[derive(Clone)]
struct Scope(Option<Arc<Refusal>>);

/// Within a [`PostForm`]: what the user posted as `name` when the form was refused, otherwise
/// `stored`. Never use it for passwords.
pub fn posted_or(name: &str, stored: String) -> String {
    use_context::<Scope>()
        .and_then(|s| s.0)
        .map_or(stored, |r| r.value(name).unwrap_or_default().to_string())
}

/// Within a [`PostForm`]: whether the box `name`=`value` is checked (or the option selected) —
/// as posted when the form was refused, otherwise `stored`.
pub fn posted_checked(name: &str, value: &str, stored: bool) -> bool {
    use_context::<Scope>()
        .and_then(|s| s.0)
        .map_or(stored, |r| r.has(name, value))
}

/// The path and query of the page being rendered, where its forms post.
fn current_page() -> String {
    #[cfg(feature = "ssr")]
    {
        with_context::<http::request::Parts, _>(|p| {
            p.uri
                .path_and_query()
                .map_or_else(|| "/".to_string(), |pq| pq.as_str().to_string())
        })
        .unwrap_or_else(|| "/".to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/".to_string()
    }
}

/// A new random idempotency key for a form that creates something.
fn new_key() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().simple().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// A form posting to the server function at `action`; see the module documentation.
#[component]
pub fn PostForm(
    /// The server function's path (`CreateExercise::PATH`).
    action: &'static str,
    /// Names the form among several on the page that post to the same function.
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(optional, into)] class: Option<String>,
    /// Sends a fresh idempotency key, so a double submit creates one thing, not two.
    #[prop(optional)]
    idempotent: bool,
    children: Children,
) -> impl IntoView {
    provide_context(Scope(refusal_of(action, name.as_deref())));
    view! {
        <form method="post" action=current_page() class=class>
            <input type="hidden" name=ACTION_FIELD value=action />
            {name.map(|n| view! { <input type="hidden" name=FORM_FIELD value=n /> })}
            {idempotent.then(|| view! { <input type="hidden" name=KEY_FIELD value=new_key() /> })}
            {children()}
        </form>
    }
}

/// A select inside a [`PostForm`] whose choice is the refused post's, otherwise `stored`.
/// (`posted_or` only sees the refusal inside the form: a component rendered there does.)
#[component]
pub fn PostedSelect(
    id: String,
    name: String,
    stored: String,
    /// (value, label)
    options: Vec<(String, String)>,
    #[prop(optional, into)] describedby: Option<String>,
) -> impl IntoView {
    let chosen = posted_or(&name, stored);
    view! {
        <select id=id name=name aria-describedby=describedby>
            {options
                .into_iter()
                .map(|(value, label)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{label}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// A checkbox inside a [`PostForm`], checked as posted when the form was refused.
#[component]
pub fn PostedCheckbox(
    id: String,
    name: String,
    value: String,
    stored: bool,
    #[prop(optional, into)] describedby: Option<String>,
) -> impl IntoView {
    let checked = posted_checked(&name, &value, stored);
    view! { <input id=id type="checkbox" name=name value=value checked=checked aria-describedby=describedby /> }
}
