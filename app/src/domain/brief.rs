//! Frozen board briefs: the dashboard as of a reporting date, kept as it was reported.
//!
//! A brief stores its body and charts as rendered, and the facts it reported as plain labelled
//! text under stable keys ("nok/1/K1", "heat/HS/CA01"). Comparing two briefs compares their
//! facts, so the comparison needs nothing but the two briefs: not today's data, not today's code.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One reported fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable across briefs: what the fact is about, not what it says.
    pub key: String,
    /// The part of the brief ("NÖK-uppfyllnad", "Indikatorer" …).
    pub section: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefSummary {
    pub id: i64,
    pub title: String,
    pub reporting_date: NaiveDate,
    pub period: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub summary: BriefSummary,
    pub facts: Vec<Fact>,
    /// The body as rendered when frozen (HTML made by Redo from escaped text).
    pub body: String,
    /// The names of its stored charts.
    pub charts: Vec<String>,
}

/// A fact that differs between two briefs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactChange {
    pub section: String,
    pub label: String,
    /// `None`: not in the older brief.
    pub before: Option<String>,
    /// `None`: not in the newer brief.
    pub after: Option<String>,
}

/// What changed from `older` to `newer`: facts whose value differs, new facts and facts no longer
/// reported, in the newer brief's order with the dropped ones after, in the older's order.
/// Labels come from the newer brief when both have the fact.
pub fn compare(older: &[Fact], newer: &[Fact]) -> Vec<FactChange> {
    let mut out = Vec::new();
    for n in newer {
        match older.iter().find(|o| o.key == n.key) {
            Some(o) if o.value == n.value => {}
            found => out.push(FactChange {
                section: n.section.clone(),
                label: n.label.clone(),
                before: found.map(|o| o.value.clone()),
                after: Some(n.value.clone()),
            }),
        }
    }
    for o in older
        .iter()
        .filter(|o| !newer.iter().any(|n| n.key == o.key))
    {
        out.push(FactChange {
            section: o.section.clone(),
            label: o.label.clone(),
            before: Some(o.value.clone()),
            after: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(key: &str, value: &str) -> Fact {
        Fact {
            key: key.into(),
            section: "NÖK-uppfyllnad".into(),
            label: format!("Kravområde {key}"),
            value: value.into(),
        }
    }

    #[test]
    fn the_comparison_lists_changed_new_and_dropped_facts_only() {
        let older = vec![
            fact("nok/1/K1", "Delvis uppfylld"),
            fact("nok/1/K2", "Uppfylld"),
            fact("nok/1/F1", "Påbörjad"),
        ];
        let newer = vec![
            fact("nok/1/K1", "Uppfylld"),
            fact("nok/1/K2", "Uppfylld"),
            fact("ind/1/2026", "22 st"),
        ];
        let changes = compare(&older, &newer);
        let rows: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.label.as_str(), c.before.as_deref(), c.after.as_deref()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "Kravområde nok/1/K1",
                    Some("Delvis uppfylld"),
                    Some("Uppfylld")
                ),
                ("Kravområde ind/1/2026", None, Some("22 st")),
                ("Kravområde nok/1/F1", Some("Påbörjad"), None),
            ]
        );
    }

    #[test]
    fn a_brief_compared_with_itself_has_no_changes() {
        let facts = vec![fact("a", "1"), fact("b", "2")];
        assert!(compare(&facts, &facts).is_empty());
    }
}
