//! The reporting calendar: the deadlines the region reports against (domain.md §9.2), who owns
//! each, how far it has come, and the requirement areas that feed it.

use super::catalogue::parse_date;
use super::exercise::RequirementRef;
use super::message::{Label, Msg};
use super::validation::{FieldErrors, optional_text, required_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The day MSB became the Myndigheten för civilt försvar.
pub fn mcf_since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

/// A counterparty or recipient as a record dated `on` should name it: records from before 2026
/// that say MSB say "MSB (nu MCF)"; later ones are written with MCF already.
pub fn agency_name(text: &str, on: NaiveDate) -> String {
    if on >= mcf_since() || text.contains("MCF") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 10);
    let mut rest = text;
    while let Some(at) = rest.find("MSB") {
        let after = &rest[at + 3..];
        // MSBFS 2015:4 stays as issued.
        let in_word = after.chars().next().is_some_and(char::is_alphanumeric)
            || rest[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if in_word { "MSB" } else { "MSB (nu MCF)" });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeadlineKind {
    Rsa,
    Plan,
    TrainingExercise,
    FollowUp,
    Grant,
    Other,
}

impl DeadlineKind {
    pub const ALL: [Self; 6] = [
        Self::Rsa,
        Self::Plan,
        Self::TrainingExercise,
        Self::FollowUp,
        Self::Grant,
        Self::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Rsa => "rsa",
            Self::Plan => "plan",
            Self::TrainingExercise => "utbildning_ovning",
            Self::FollowUp => "uppfoljning",
            Self::Grant => "bidrag",
            Self::Other => "annat",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeadlineStatus {
    NotStarted,
    InProgress,
    Submitted,
}

impl DeadlineStatus {
    pub const ALL: [Self; 3] = [Self::NotStarted, Self::InProgress, Self::Submitted];

    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "ej_paborjad",
            Self::InProgress => "pagar",
            Self::Submitted => "inlamnad",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A reporting deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub id: i64,
    pub title: String,
    pub kind: DeadlineKind,
    pub recipient: String,
    pub due_on: NaiveDate,
    pub owner: String,
    pub status: DeadlineStatus,
    pub note: String,
    /// The requirement areas whose work feeds this report.
    pub feeds: Vec<RequirementRef>,
    pub version: i64,
}

impl Deadline {
    /// The recipient as this deadline's date names it ("MSB (nu MCF)" before 2026).
    pub fn recipient_name(&self) -> String {
        agency_name(&self.recipient, self.due_on)
    }

    /// Still to be submitted and past its day.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != DeadlineStatus::Submitted && self.due_on < today
    }
}

/// How far ahead the dashboard looks.
pub const UPCOMING_DAYS: i64 = 90;

/// The deadlines not yet submitted that fall due within `days` from `today`, or are overdue,
/// soonest first.
pub fn upcoming(deadlines: &[Deadline], today: NaiveDate, days: i64) -> Vec<Deadline> {
    let until = today + chrono::Duration::days(days);
    let mut out: Vec<Deadline> = deadlines
        .iter()
        .filter(|d| d.status != DeadlineStatus::Submitted && d.due_on <= until)
        .cloned()
        .collect();
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.id.cmp(&b.id)));
    out
}

/// The deadline form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineInput {
    pub title: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub feeds: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidDeadline {
    pub title: String,
    pub kind: DeadlineKind,
    pub recipient: String,
    pub due_on: NaiveDate,
    pub owner: String,
    pub status: DeadlineStatus,
    pub note: String,
    pub feeds: Vec<i64>,
}

/// Most requirement areas one deadline names.
pub const FEEDS_MAX: usize = 30;

impl DeadlineInput {
    pub fn parse(&self) -> Result<ValidDeadline, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = required_text(&mut e, "title", Label::Title, &self.title, 300);
        let kind = DeadlineKind::from_code(self.kind.trim());
        if kind.is_none() {
            e.add("kind", Msg::DeadlineKindRequired);
        }
        let recipient = optional_text(&mut e, "recipient", Label::Recipient, &self.recipient, 300);
        let due_on = parse_date(&mut e, "due_on", &self.due_on, true);
        let owner = optional_text(&mut e, "owner", Label::Responsible, &self.owner, 200);
        let status = DeadlineStatus::from_code(self.status.trim());
        if status.is_none() {
            e.add("status", Msg::UnknownStatus);
        }
        let note = optional_text(&mut e, "note", Label::Note, &self.note, 2000);
        let mut feeds = self.feeds.clone();
        feeds.sort_unstable();
        feeds.dedup();
        if feeds.len() > FEEDS_MAX {
            e.add("feeds", Msg::TooManyRequirements { max: FEEDS_MAX });
        }
        match (kind, due_on, status) {
            (Some(kind), Some(due_on), Some(status)) if e.is_empty() => Ok(ValidDeadline {
                title,
                kind,
                recipient,
                due_on,
                owner,
                status,
                note,
                feeds,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn deadline(id: i64, due_on: NaiveDate, status: DeadlineStatus) -> Deadline {
        Deadline {
            id,
            title: format!("Rapport {id}"),
            kind: DeadlineKind::FollowUp,
            recipient: "MCF".into(),
            due_on,
            owner: String::new(),
            status,
            note: String::new(),
            feeds: Vec::new(),
            version: 1,
        }
    }

    #[test]
    fn records_from_before_2026_say_msb_now_mcf() {
        let before = day(2025, 10, 31);
        assert_eq!(
            agency_name("MSB och länsstyrelsen", before),
            "MSB (nu MCF) och länsstyrelsen"
        );
        assert_eq!(
            agency_name("Rapport enligt MSBFS 2015:4 till MSB", before),
            "Rapport enligt MSBFS 2015:4 till MSB (nu MCF)"
        );
        assert_eq!(
            agency_name("MSB (MCF från 2026-01-01)", before),
            "MSB (MCF från 2026-01-01)"
        );
        assert_eq!(agency_name("MSB", day(2026, 1, 1)), "MSB");
        assert_eq!(agency_name("Socialstyrelsen", before), "Socialstyrelsen");
    }

    #[test]
    fn upcoming_holds_what_is_open_within_the_window_and_what_is_overdue() {
        let today = day(2026, 12, 2);
        let list = vec![
            deadline(1, day(2027, 10, 31), DeadlineStatus::NotStarted),
            deadline(2, day(2027, 2, 15), DeadlineStatus::InProgress),
            deadline(3, day(2026, 11, 30), DeadlineStatus::NotStarted),
            deadline(4, day(2027, 1, 10), DeadlineStatus::Submitted),
            deadline(5, day(2027, 3, 2), DeadlineStatus::NotStarted),
            deadline(6, day(2027, 3, 3), DeadlineStatus::NotStarted),
        ];
        let ids: Vec<i64> = upcoming(&list, today, UPCOMING_DAYS)
            .iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, vec![3, 2, 5]);
        assert!(list[2].is_overdue(today) && !list[1].is_overdue(today));
    }

    #[test]
    fn a_deadline_needs_a_title_a_kind_a_day_and_a_status() {
        let e = DeadlineInput {
            title: " ".into(),
            due_on: "31/10/2027".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert!(e.get("title").is_some());
        assert_eq!(e.get("kind"), Some(&Msg::DeadlineKindRequired));
        assert_eq!(e.get("due_on"), Some(&Msg::DateFormat));
        assert_eq!(e.get("status"), Some(&Msg::UnknownStatus));
        let ok = DeadlineInput {
            title: "RSA 2027–2030".into(),
            kind: "rsa".into(),
            due_on: "2027-10-31".into(),
            status: "pagar".into(),
            feeds: vec![3, 1, 3],
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(ok.feeds, vec![1, 3]);
        assert_eq!(ok.status, DeadlineStatus::InProgress);
    }
}
