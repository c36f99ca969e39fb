//! Reference catalogues: capability areas (domain.md §8.2), agreements and their requirement
//! areas (§3.3). All of it is data that administrators can edit; nothing here is hard-coded.

use super::message::{Label, Msg};
use super::validation::{FieldErrors, optional_text, required_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A capability area (förmågeområde) that objectives and assessments refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapabilityArea {
    pub code: String,
    pub title: String,
    pub description: String,
    /// NATO baseline requirement numbers (7BLR), 1–7.
    pub nato_blr: Vec<u8>,
    /// The requirement areas this capability area supports, by id: codes repeat across
    /// agreements (C3 is in two), so a code alone does not say which is meant.
    pub requirements: Vec<crate::domain::exercise::RequirementRef>,
}

/// A validated capability area, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidCapabilityArea {
    pub code: String,
    pub title: String,
    pub description: String,
    pub nato_blr: Vec<u8>,
    pub requirement_ids: Vec<i64>,
}

/// An agreement or grant regime the region is followed up against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: i64,
    pub counterparty: String,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// The version this one was rolled over from, if any.
    pub previous_id: Option<i64>,
    pub requirements: Vec<RequirementArea>,
}

impl Agreement {
    /// Whether the agreement is in force on `day`.
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// A requirement area (kravområde) of one agreement version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementArea {
    pub id: i64,
    pub agreement_id: i64,
    pub code: String,
    pub title: String,
    pub deliverable: String,
    pub cadence: String,
    pub recipient: String,
    pub source: String,
    /// Followed per förvaltning (each has its own fulfilment) instead of for the region.
    pub per_forvaltning: bool,
}

/// Form input for a capability area.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapabilityAreaInput {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub nato_blr: String,
    #[serde(default)]
    pub requirements: Vec<i64>,
}

/// Most requirement areas one capability area may link to.
pub const CAPABILITY_REQUIREMENTS_MAX: usize = 50;

impl CapabilityAreaInput {
    pub fn parse(&self) -> Result<ValidCapabilityArea, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = required_text(&mut e, "code", Label::Code, &self.code, 8);
        if !code.is_empty() && !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            e.add("code", Msg::CodeAlphanumeric);
        }
        let title = required_text(&mut e, "title", Label::Title, &self.title, 200);
        let description = optional_text(
            &mut e,
            "description",
            Label::Description,
            &self.description,
            2000,
        );
        let mut nato_blr = Vec::new();
        for part in super::text::split_list(&self.nato_blr) {
            match part.parse::<u8>() {
                Ok(n @ 1..=7) => nato_blr.push(n),
                _ => {
                    e.add("nato_blr", Msg::NatoRequirementList);
                    break;
                }
            }
        }
        nato_blr.sort_unstable();
        nato_blr.dedup();
        let mut requirement_ids = self.requirements.clone();
        requirement_ids.sort_unstable();
        requirement_ids.dedup();
        if requirement_ids.len() > CAPABILITY_REQUIREMENTS_MAX {
            e.add(
                "requirements",
                Msg::TooManyRequirements {
                    max: CAPABILITY_REQUIREMENTS_MAX,
                },
            );
        }
        e.into_result(ValidCapabilityArea {
            code,
            title,
            description,
            nato_blr,
            requirement_ids,
        })
    }
}

/// Form input for an agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementInput {
    pub counterparty: String,
    pub name: String,
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
}

/// A validated agreement without its requirement areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidAgreement {
    pub counterparty: String,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl AgreementInput {
    pub fn parse(&self) -> Result<ValidAgreement, FieldErrors> {
        let mut e = FieldErrors::new();
        let counterparty = required_text(
            &mut e,
            "counterparty",
            Label::Counterparty,
            &self.counterparty,
            120,
        );
        let name = required_text(&mut e, "name", Label::Name, &self.name, 300);
        let valid_from = parse_date(&mut e, "valid_from", &self.valid_from, true);
        let valid_to = parse_date(&mut e, "valid_to", &self.valid_to, false);
        if let (Some(from), Some(to)) = (valid_from, valid_to)
            && to < from
        {
            e.add("valid_to", Msg::ValidToBeforeValidFrom);
        }
        let valid_from = valid_from.unwrap_or_default();
        e.into_result(ValidAgreement {
            counterparty,
            name,
            valid_from,
            valid_to,
        })
    }
}

/// Form input for a requirement area.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementAreaInput {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub deliverable: String,
    #[serde(default)]
    pub cadence: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub source: String,
    /// The checkbox: present (`on`) when the area is followed per förvaltning.
    #[serde(default)]
    pub per_forvaltning: Option<String>,
}

/// A validated requirement area without ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequirementArea {
    pub code: String,
    pub title: String,
    pub deliverable: String,
    pub cadence: String,
    pub recipient: String,
    pub source: String,
    pub per_forvaltning: bool,
}

impl RequirementAreaInput {
    pub fn parse(&self) -> Result<ValidRequirementArea, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = required_text(&mut e, "code", Label::Code, &self.code, 8);
        let title = required_text(&mut e, "title", Label::RequirementTitle, &self.title, 200);
        let deliverable = optional_text(
            &mut e,
            "deliverable",
            Label::Deliverable,
            &self.deliverable,
            1000,
        );
        let cadence = optional_text(&mut e, "cadence", Label::Cadence, &self.cadence, 300);
        let recipient = optional_text(&mut e, "recipient", Label::Recipient, &self.recipient, 300);
        let source = optional_text(&mut e, "source", Label::Source, &self.source, 300);
        e.into_result(ValidRequirementArea {
            code,
            title,
            deliverable,
            cadence,
            recipient,
            source,
            per_forvaltning: super::validation::checked(self.per_forvaltning.as_deref()),
        })
    }
}

/// A date `ÅÅÅÅ-MM-DD` from a form field, or a message on `field`.
pub fn parse_date(
    e: &mut FieldErrors,
    field: &str,
    raw: &str,
    required: bool,
) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        if required {
            e.add(field, Msg::DateRequired);
        }
        return None;
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            e.add(field, Msg::DateFormat);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agreement_cannot_end_before_it_starts() {
        let input = AgreementInput {
            counterparty: "MCF".into(),
            name: "Överenskommelse".into(),
            valid_from: "2027-01-01".into(),
            valid_to: "2026-12-31".into(),
        };
        assert_eq!(
            input.parse().unwrap_err().get("valid_to"),
            Some(&Msg::ValidToBeforeValidFrom)
        );
    }

    #[test]
    fn an_open_ended_agreement_is_valid_from_its_start() {
        let a = Agreement {
            id: 1,
            counterparty: "Socialstyrelsen".into(),
            name: "Statsbidrag".into(),
            valid_from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            valid_to: None,
            previous_id: None,
            requirements: vec![],
        };
        assert!(a.is_valid_on(NaiveDate::from_ymd_opt(2030, 6, 1).unwrap()));
        assert!(!a.is_valid_on(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap()));
    }

    #[test]
    fn nato_requirements_must_be_between_one_and_seven() {
        let input = CapabilityAreaInput {
            code: "CA99".into(),
            title: "Test".into(),
            nato_blr: "1, 8".into(),
            ..Default::default()
        };
        assert!(input.parse().unwrap_err().get("nato_blr").is_some());
        let ok = CapabilityAreaInput {
            nato_blr: "2, 4".into(),
            ..input
        };
        assert_eq!(ok.parse().unwrap().nato_blr, vec![2, 4]);
    }

    #[test]
    fn a_malformed_date_is_refused_with_the_format() {
        let input = AgreementInput {
            valid_from: "1 jan".into(),
            ..Default::default()
        };
        assert_eq!(
            input.parse().unwrap_err().get("valid_from"),
            Some(&Msg::DateFormat)
        );
    }
}
