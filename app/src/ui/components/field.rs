//! Field-level error messages placed next to their field and linked with `aria-describedby`.

use crate::api::AppError;
use crate::ui::texts::sv as t;
use leptos::prelude::*;

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
    let message = Memo::new(move |_| {
        error.with(|e| e.as_ref().and_then(|e| e.field(&field)).map(t::message))
    });
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
