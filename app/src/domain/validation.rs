//! Field-level validation errors that are safe to show to users (Swedish messages).

use serde::{Deserialize, Serialize};

/// One message per offending field, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push((field.into(), message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
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
    label: &str,
    raw: &str,
    max: usize,
) -> String {
    let value = raw.trim();
    if value.is_empty() {
        errors.add(field, format!("{label} måste fyllas i."));
    } else if value.chars().count() > max {
        errors.add(field, format!("{label} får vara högst {max} tecken."));
    }
    value.to_string()
}

/// Trims `raw` and checks it is at most `max` characters; empty is allowed.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    raw: &str,
    max: usize,
) -> String {
    let value = raw.trim();
    if value.chars().count() > max {
        errors.add(field, format!("{label} får vara högst {max} tecken."));
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
        required_text(&mut e, "name", "Namn", "   ", 10);
        required_text(&mut e, "other", "Annat", "elva tecken", 10);
        assert_eq!(e.get("name"), Some("Namn måste fyllas i."));
        assert_eq!(e.get("other"), Some("Annat får vara högst 10 tecken."));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let mut e = FieldErrors::new();
        let v = required_text(&mut e, "n", "N", " åäö ", 3);
        assert!(e.is_empty());
        assert_eq!(v, "åäö");
    }
}
