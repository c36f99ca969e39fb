//! Förvaltningar (administrations) of the region, and owned entities such as companies.

use super::message::{Label, Msg};
use super::validation::{FieldErrors, checked, required_text};
use serde::{Deserialize, Serialize};

/// What kind of organisation a förvaltning is (domain.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ForvaltningKind {
    Care,
    Support,
    Other,
    Company,
}

impl ForvaltningKind {
    pub const ALL: [ForvaltningKind; 4] = [Self::Care, Self::Support, Self::Other, Self::Company];

    pub fn code(self) -> &'static str {
        match self {
            Self::Care => "vard",
            Self::Support => "stod",
            Self::Other => "ovrig",
            Self::Company => "bolag",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Care => "Vårdförvaltning",
            Self::Support => "Stödförvaltning",
            Self::Other => "Övrig förvaltning",
            Self::Company => "Bolag (ägd enhet)",
        }
    }
}

/// A förvaltning as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forvaltning {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: ForvaltningKind,
    pub active: bool,
}

/// Raw form input for creating or editing a förvaltning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForvaltningInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub active: Option<String>,
}

/// A validated förvaltning, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidForvaltning {
    pub code: String,
    pub name: String,
    pub kind: ForvaltningKind,
    pub active: bool,
}

impl ForvaltningInput {
    pub fn parse(&self) -> Result<ValidForvaltning, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = required_text(&mut e, "code", Label::Code, &self.code, 12);
        if !code.is_empty() && !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            e.add("code", Msg::CodeAlphanumericDash);
        }
        let name = required_text(&mut e, "name", Label::Name, &self.name, 120);
        let kind = ForvaltningKind::from_code(&self.kind);
        if kind.is_none() {
            e.add("kind", Msg::ForvaltningKindRequired);
        }
        let active = checked(self.active.as_deref());
        e.into_result(ValidForvaltning {
            code,
            name,
            kind: kind.unwrap_or(ForvaltningKind::Other),
            active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forvaltning_needs_a_plain_code_a_name_and_a_kind() {
        let input = ForvaltningInput {
            code: "H S".into(),
            name: "".into(),
            kind: "x".into(),
            active: None,
        };
        let errors = input.parse().unwrap_err();
        assert!(errors.get("code").is_some());
        assert_eq!(
            errors.get("name"),
            Some(&Msg::Required { label: Label::Name })
        );
        assert_eq!(errors.get("kind"), Some(&Msg::ForvaltningKindRequired));
    }

    #[test]
    fn a_checked_box_makes_it_active() {
        let input = ForvaltningInput {
            code: "HS".into(),
            name: "Hallands sjukhus".into(),
            kind: "vard".into(),
            active: Some("on".into()),
        };
        let valid = input.parse().unwrap();
        assert!(valid.active);
        assert_eq!(valid.kind, ForvaltningKind::Care);
    }
}
