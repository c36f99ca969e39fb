//! Field-level validation errors: which field, and a message key with arguments (`Msg`).

use super::message::{Label, Msg};
use serde::{Deserialize, Serialize};

/// One offending field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Msg,
}

/// One message per offending field, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: Msg) {
        self.0.push(FieldError {
            field: field.into(),
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&Msg> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.message)
    }

    /// `Ok(value)` when no errors were recorded, otherwise the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// Trims `raw` and checks it is present and at most `max` characters.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    label: Label,
    raw: &str,
    max: usize,
) -> String {
    let value = raw.trim();
    if value.is_empty() {
        errors.add(field, Msg::Required { label });
    } else if value.chars().count() > max {
        errors.add(field, Msg::TooLong { label, max });
    }
    value.to_string()
}

/// Trims `raw` and checks it is at most `max` characters; empty is allowed.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    label: Label,
    raw: &str,
    max: usize,
) -> String {
    let value = raw.trim();
    if value.chars().count() > max {
        errors.add(field, Msg::TooLong { label, max });
    }
    value.to_string()
}

/// True for the value a checked checkbox posts (`on`; `true` and `1` from scripts).
pub fn checked(value: Option<&str>) -> bool {
    matches!(value, Some("on" | "true" | "1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_rejects_blank_and_too_long_values() {
        let mut e = FieldErrors::new();
        required_text(&mut e, "name", Label::Name, "   ", 10);
        required_text(&mut e, "other", Label::Title, "elva tecken", 10);
        assert_eq!(e.get("name"), Some(&Msg::Required { label: Label::Name }));
        assert_eq!(
            e.get("other"),
            Some(&Msg::TooLong {
                label: Label::Title,
                max: 10
            })
        );
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let mut e = FieldErrors::new();
        let v = required_text(&mut e, "n", Label::Name, " åäö ", 3);
        assert!(e.is_empty());
        assert_eq!(v, "åäö");
    }
}
