//! Field-level error messages placed next to their field and linked with `aria-describedby`.

use crate::api::AppError;
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The id of the message element for `field`, for the input's `aria-describedby`.
pub fn field_error_id(field: &str) -> String {
    format!("fel-{}", field.replace('.', "-"))
}

/// The message for `field` from the latest result of a form, if any.
#[component]
pub fn FieldMessage(
    #[prop(into)] field: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// Overrides the element id when one page has several forms with the same fields.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_error_id(&field));
    let message = Memo::new(move |_| error.get().and_then(|e| e.field(&field)));
    // Always rendered, so the input's aria-describedby never points at a missing element.
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || message.get()}
        </p>
    }
}

/// A summary at the top of a form: "fix the fields" for validation errors, the text otherwise.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let text = Memo::new(move |_| {
        error.get().map(|e| match e {
            AppError::Invalid(_) => t::FIX_FIELDS.to_string(),
            other => other.to_string(),
        })
    });
    view! {
        <Show when=move || text.get().is_some()>
            <div class="form-alert" role="alert">
                {move || text.get()}
            </div>
        </Show>
    }
}

/// The hidden field that names which form of a page was posted. Several forms on one page can post
/// to the same server function (one per table row); a refused post comes back as the page's
/// address with the error in it, and the server adds this form name (see `server::router`).
pub const FORM_FIELD: &str = "__form";

/// True when the page is shown after the form named `form` was refused, so the `<details>` it sits
/// in starts open.
pub fn form_was_refused(form: &str) -> bool {
    use_query_map().with_untracked(|q| q.get(FORM_FIELD).as_deref() == Some(form))
}

/// The error of `action` when it belongs to the form named `form`: the error shows in the form
/// that was posted, not in every form of the page that uses the same server function.
pub fn form_error<S>(action: ServerAction<S>, form: String) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || {
        let posted = query.with(|q| q.get(FORM_FIELD));
        if posted.is_some_and(|p| p != form) {
            return None;
        }
        action
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    })
}
