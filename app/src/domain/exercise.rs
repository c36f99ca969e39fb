//! Exercises (övningar) with their objectives, and the rules for the planner's form.

use super::lifecycle::ExerciseStatus;
use super::message::{Label, Msg};
use super::text::split_list;
use super::validation::{FieldErrors, checked, optional_text, required_text};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;
pub const OBJECTIVES_MAX: usize = 30;
/// Objective rows a form may post, blank ones included (the form adds a few empty rows).
pub const OBJECTIVE_ROWS_MAX: usize = 100;
/// Participating förvaltningar at most (a region has about a dozen).
pub const PARTICIPANTS_MAX: usize = 100;
/// Requirement areas one objective may name (there are eighteen).
pub const REQUIREMENTS_PER_OBJECTIVE_MAX: usize = 30;

/// MSB's exercise formats mapped to HSEEP (domain.md §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExerciseFormat {
    Seminar,
    Tabletop,
    Drill,
    Functional,
    FullScale,
}

impl ExerciseFormat {
    pub const ALL: [ExerciseFormat; 5] = [
        Self::Seminar,
        Self::Tabletop,
        Self::Drill,
        Self::Functional,
        Self::FullScale,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Seminar => "seminar",
            Self::Tabletop => "tabletop",
            Self::Drill => "drill",
            Self::Functional => "functional",
            Self::FullScale => "fullscale",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Seminar => "Seminarieövning",
            Self::Tabletop => "Seminarieövning med scenario (spelövning)",
            Self::Drill => "Funktionsövning",
            Self::Functional => "Simuleringsövning med motspel",
            Self::FullScale => "Övning med fältenheter",
        }
    }

    /// Short label for dense places such as the timeline legend.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Seminar => "Seminarium",
            Self::Tabletop => "Spelövning",
            Self::Drill => "Funktion",
            Self::Functional => "Simulering",
            Self::FullScale => "Fältövning",
        }
    }

    /// The HSEEP counterpart, for readers who know the US doctrine.
    pub fn hseep(self) -> &'static str {
        match self {
            Self::Seminar => "Seminar / Workshop",
            Self::Tabletop => "Tabletop (TTX)",
            Self::Drill => "Drill",
            Self::Functional => "Functional exercise",
            Self::FullScale => "Full-scale exercise",
        }
    }

    /// Discussion-based formats talk a scenario through; the others act it out.
    pub fn is_discussion_based(self) -> bool {
        matches!(self, Self::Seminar | Self::Tabletop)
    }
}

/// A förvaltning as referred to from an exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForvaltningRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// A requirement area as referred to from an objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementRef {
    pub id: i64,
    pub code: String,
    pub title: String,
}

/// An exercise objective (övningsmål), tied to one capability area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    pub id: i64,
    pub text: String,
    pub capability_code: String,
    pub capability_title: String,
    pub requirements: Vec<RequirementRef>,
}

/// A whole exercise as shown on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: i64,
    pub name: String,
    pub format: ExerciseFormat,
    pub joint: bool,
    pub status: ExerciseStatus,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub lead: ForvaltningRef,
    pub participants: Vec<ForvaltningRef>,
    pub external_participants: Vec<String>,
    pub purpose: String,
    pub scenario: String,
    pub funding: String,
    pub objectives: Vec<Objective>,
    pub cancel_reason: Option<String>,
    /// Bumped on every change; the edit form sends it back to detect concurrent edits.
    pub version: i64,
    /// True when the scenario and funding were left out because the reader may not see the
    /// exercise's design (observers may be players; see `Actor::may_read`).
    #[serde(default)]
    pub design_withheld: bool,
}

impl Exercise {
    /// The förvaltningar the exercise concerns: its lead and every participant.
    pub fn forvaltning_ids(&self) -> Vec<i64> {
        std::iter::once(self.lead.id)
            .chain(self.participants.iter().map(|p| p.id))
            .collect()
    }

    /// The exercise without its design (scenario, funding), for readers who may not see it.
    pub fn without_design(self) -> Self {
        Self {
            scenario: String::new(),
            funding: String::new(),
            design_withheld: true,
            ..self
        }
    }

    /// The exercise as the form shows it, so editing starts from what is stored.
    pub fn to_input(&self) -> ExerciseInput {
        ExerciseInput {
            name: self.name.clone(),
            format: self.format.code().to_string(),
            joint: self.joint.then(|| "on".to_string()),
            starts_at: to_input_value(self.starts_at),
            ends_at: to_input_value(self.ends_at),
            location: self.location.clone(),
            lead: self.lead.id.to_string(),
            participants: self.participants.iter().map(|p| p.id).collect(),
            external_participants: self.external_participants.join("\n"),
            purpose: self.purpose.clone(),
            scenario: self.scenario.clone(),
            funding: self.funding.clone(),
            objectives: self
                .objectives
                .iter()
                .map(|o| ObjectiveInput {
                    id: o.id.to_string(),
                    text: o.text.clone(),
                    capability: o.capability_code.clone(),
                    requirements: o.requirements.iter().map(|r| r.id).collect(),
                })
                .collect(),
        }
    }
}

/// The fields of an exercise that lists, the plan and the coverage view need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseSummary {
    pub id: i64,
    pub name: String,
    pub format: ExerciseFormat,
    pub joint: bool,
    pub status: ExerciseStatus,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub lead: ForvaltningRef,
    pub participant_ids: Vec<i64>,
    pub capability_codes: Vec<String>,
}

impl ExerciseSummary {
    /// The lead and every participating förvaltning.
    pub fn involves(&self, forvaltning_id: i64) -> bool {
        self.lead.id == forvaltning_id || self.participant_ids.contains(&forvaltning_id)
    }
}

/// Filters for the exercise list; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseFilter {
    pub year: Option<i32>,
    pub forvaltning: Option<i64>,
    pub format: Option<ExerciseFormat>,
    pub status: Option<ExerciseStatus>,
    pub capability: Option<String>,
    pub search: Option<String>,
}

impl ExerciseFilter {
    /// Whether `e` passes every filter that is set.
    pub fn matches(&self, e: &ExerciseSummary) -> bool {
        self.year.is_none_or(|y| spans_year(e, y))
            && self.forvaltning.is_none_or(|f| e.involves(f))
            && self.format.is_none_or(|f| e.format == f)
            && self.status.is_none_or(|s| e.status == s)
            && self
                .capability
                .as_ref()
                .is_none_or(|c| e.capability_codes.contains(c))
            && self
                .search
                .as_ref()
                .is_none_or(|q| super::text::contains_ci(&e.name, q))
    }
}

fn spans_year(e: &ExerciseSummary, year: i32) -> bool {
    e.starts_at.year() <= year && year <= e.ends_at.year()
}

/// One objective row of the exercise form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveInput {
    /// The stored objective this row edits; empty for a new one. Ids stay stable across edits,
    /// because ratings, log entries and corrective actions point at objectives.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub capability: String,
    #[serde(default)]
    pub requirements: Vec<i64>,
}

impl ObjectiveInput {
    /// True for an untouched row of the form.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
            && self.capability.trim().is_empty()
            && self.requirements.is_empty()
    }
}

/// The exercise form as submitted; strings so that any input can be answered with a message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub joint: Option<String>,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub participants: Vec<i64>,
    #[serde(default)]
    pub external_participants: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub scenario: String,
    #[serde(default)]
    pub funding: String,
    #[serde(default)]
    pub objectives: Vec<ObjectiveInput>,
}

/// A validated objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidObjective {
    /// The form row it came from, so reference errors can point at the right field.
    pub row: usize,
    /// The stored objective this row keeps (an edit), or `None` for a new one.
    pub id: Option<i64>,
    pub text: String,
    pub capability_code: String,
    pub requirement_ids: Vec<i64>,
}

/// A validated exercise, ready to store. References (förvaltningar, capability areas,
/// requirement areas) are checked against the catalogue by the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidExercise {
    pub name: String,
    pub format: ExerciseFormat,
    pub joint: bool,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub lead_id: i64,
    pub participant_ids: Vec<i64>,
    pub external_participants: Vec<String>,
    pub purpose: String,
    pub scenario: String,
    pub funding: String,
    pub objectives: Vec<ValidObjective>,
}

/// Parses "2025-04-23T08:30", "2025-04-23 08:30", with seconds, or a bare date.
pub fn parse_local_datetime(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    })
    .filter(|d| (1900..=2200).contains(&d.year()))
}

/// The value an `<input type="datetime-local">` expects.
pub fn to_input_value(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%dT%H:%M").to_string()
}

fn parse_when(e: &mut FieldErrors, field: &str, label: Label, raw: &str) -> Option<NaiveDateTime> {
    if raw.trim().is_empty() {
        e.add(field, Msg::DateTimeRequired { label });
        return None;
    }
    let parsed = parse_local_datetime(raw);
    if parsed.is_none() {
        e.add(field, Msg::DateTimeFormat { label });
    }
    parsed
}

impl ExerciseInput {
    /// Validates the form; every problem becomes a message on its field.
    pub fn parse(&self) -> Result<ValidExercise, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = required_text(&mut e, "name", Label::Name, &self.name, NAME_MAX);
        let format = ExerciseFormat::from_code(self.format.trim());
        if format.is_none() {
            e.add("format", Msg::FormatRequired);
        }
        let starts_at = parse_when(&mut e, "starts_at", Label::Start, &self.starts_at);
        let ends_at = parse_when(&mut e, "ends_at", Label::End, &self.ends_at);
        if let (Some(s), Some(t)) = (starts_at, ends_at)
            && t < s
        {
            e.add("ends_at", Msg::EndBeforeStart);
        }
        let location = optional_text(&mut e, "location", Label::Location, &self.location, 200);
        let lead_id = match self.lead.trim() {
            "" => {
                e.add("lead", Msg::LeadRequired);
                0
            }
            raw => raw.parse::<i64>().unwrap_or_else(|_| {
                e.add("lead", Msg::UnknownForvaltning);
                0
            }),
        };
        let external = optional_text(
            &mut e,
            "external_participants",
            Label::ExternalParticipants,
            &self.external_participants,
            2000,
        );
        let purpose = optional_text(&mut e, "purpose", Label::Purpose, &self.purpose, 4000);
        let scenario = optional_text(&mut e, "scenario", Label::Scenario, &self.scenario, 8000);
        let funding = optional_text(&mut e, "funding", Label::Funding, &self.funding, 200);
        let objectives = self.parse_objectives(&mut e);
        let mut participant_ids = self.participants.clone();
        participant_ids.sort_unstable();
        participant_ids.dedup();
        participant_ids.retain(|id| *id != lead_id);
        if participant_ids.len() > PARTICIPANTS_MAX {
            e.add(
                "participants",
                Msg::TooManyParticipants {
                    max: PARTICIPANTS_MAX,
                },
            );
            participant_ids.clear();
        }
        e.into_result(ValidExercise {
            name,
            format: format.unwrap_or(ExerciseFormat::Seminar),
            joint: checked(self.joint.as_deref()),
            starts_at: starts_at.unwrap_or_default(),
            ends_at: ends_at.unwrap_or_default(),
            location,
            lead_id,
            participant_ids,
            external_participants: split_list(&external),
            purpose,
            scenario,
            funding,
            objectives,
        })
    }

    fn parse_objectives(&self, e: &mut FieldErrors) -> Vec<ValidObjective> {
        if self.objectives.len() > OBJECTIVE_ROWS_MAX {
            e.add(
                "objectives",
                Msg::TooManyObjectives {
                    max: OBJECTIVES_MAX,
                },
            );
            return Vec::new();
        }
        let rows: Vec<(usize, &ObjectiveInput)> = self
            .objectives
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.is_blank())
            .collect();
        if rows.len() > OBJECTIVES_MAX {
            e.add(
                "objectives",
                Msg::TooManyObjectives {
                    max: OBJECTIVES_MAX,
                },
            );
            return Vec::new();
        }
        rows.into_iter()
            .map(|(i, o)| {
                let text = required_text(
                    e,
                    &format!("objectives.{i}.text"),
                    Label::Objective,
                    &o.text,
                    1000,
                );
                let capability_code = o.capability.trim().to_string();
                if capability_code.is_empty() {
                    e.add(
                        format!("objectives.{i}.capability"),
                        Msg::ObjectiveCapabilityRequired,
                    );
                }
                let mut requirement_ids = o.requirements.clone();
                requirement_ids.sort_unstable();
                requirement_ids.dedup();
                if requirement_ids.len() > REQUIREMENTS_PER_OBJECTIVE_MAX {
                    e.add(
                        format!("objectives.{i}.requirements"),
                        Msg::TooManyObjectiveRequirements {
                            max: REQUIREMENTS_PER_OBJECTIVE_MAX,
                        },
                    );
                    requirement_ids.clear();
                }
                let id = match o.id.trim() {
                    "" => None,
                    raw => match raw.parse::<i64>() {
                        Ok(id) if id > 0 => Some(id),
                        _ => {
                            e.add(format!("objectives.{i}.text"), Msg::UnknownObjective);
                            None
                        }
                    },
                };
                ValidObjective {
                    row: i,
                    id,
                    text,
                    capability_code,
                    requirement_ids,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> ExerciseInput {
        ExerciseInput {
            name: "Övning Mörker".into(),
            format: "functional".into(),
            starts_at: "2025-04-23T08:30".into(),
            ends_at: "2025-04-23T16:00".into(),
            lead: "5".into(),
            participants: vec![2, 5, 2],
            external_participants: "Länsstyrelsen, Räddningstjänsten".into(),
            objectives: vec![
                ObjectiveInput {
                    text: "Hålla akutvården igång".into(),
                    capability: "CA09".into(),
                    requirements: vec![3, 3],
                    ..Default::default()
                },
                ObjectiveInput::default(),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses_and_drops_blank_objective_rows() {
        let v = valid_input().parse().unwrap();
        assert_eq!(v.objectives.len(), 1);
        assert_eq!(v.objectives[0].requirement_ids, vec![3]);
        assert_eq!(
            v.participant_ids,
            vec![2],
            "the lead is not also a participant"
        );
        assert_eq!(
            v.external_participants,
            vec!["Länsstyrelsen", "Räddningstjänsten"]
        );
    }

    #[test]
    fn an_empty_name_gets_a_field_message() {
        let input = ExerciseInput {
            name: "  ".into(),
            ..valid_input()
        };
        assert_eq!(
            input.parse().unwrap_err().get("name"),
            Some(&Msg::Required { label: Label::Name })
        );
    }

    #[test]
    fn a_megabyte_name_is_refused_with_a_message() {
        let input = ExerciseInput {
            name: "x".repeat(1 << 20),
            ..valid_input()
        };
        assert_eq!(
            input.parse().unwrap_err().get("name"),
            Some(&Msg::TooLong {
                label: Label::Name,
                max: 200
            })
        );
    }

    #[test]
    fn an_exercise_cannot_end_before_it_starts() {
        let input = ExerciseInput {
            ends_at: "2025-04-22T08:00".into(),
            ..valid_input()
        };
        assert_eq!(
            input.parse().unwrap_err().get("ends_at"),
            Some(&Msg::EndBeforeStart)
        );
    }

    #[test]
    fn an_objective_must_name_a_capability_area() {
        let mut input = valid_input();
        input.objectives[0].capability = String::new();
        assert_eq!(
            input.parse().unwrap_err().get("objectives.0.capability"),
            Some(&Msg::ObjectiveCapabilityRequired)
        );
    }

    #[test]
    fn a_non_numeric_lead_is_an_unknown_forvaltning() {
        let input = ExerciseInput {
            lead: "HS'; DROP TABLE".into(),
            ..valid_input()
        };
        assert_eq!(
            input.parse().unwrap_err().get("lead"),
            Some(&Msg::UnknownForvaltning)
        );
    }

    #[test]
    fn an_unknown_format_and_bad_dates_are_each_reported() {
        let input = ExerciseInput {
            format: "party".into(),
            starts_at: "imorgon".into(),
            ends_at: "".into(),
            ..valid_input()
        };
        let e = input.parse().unwrap_err();
        assert_eq!(e.get("format"), Some(&Msg::FormatRequired));
        assert_eq!(
            e.get("starts_at"),
            Some(&Msg::DateTimeFormat {
                label: Label::Start
            })
        );
        assert_eq!(
            e.get("ends_at"),
            Some(&Msg::DateTimeRequired { label: Label::End })
        );
    }

    #[test]
    fn dates_are_accepted_in_the_common_shapes() {
        for raw in [
            "2025-04-23T08:30",
            "2025-04-23 08:30",
            "2025-04-23T08:30:00",
            "2025-04-23",
        ] {
            assert!(parse_local_datetime(raw).is_some(), "{raw}");
        }
        assert!(parse_local_datetime("0001-01-01").is_none());
    }

    #[test]
    fn an_exercise_turned_back_into_form_input_parses_to_the_same_values() {
        let v = valid_input().parse().unwrap();
        let lead = ForvaltningRef {
            id: v.lead_id,
            code: "RGS".into(),
            name: "Regionservice".into(),
        };
        let exercise = Exercise {
            id: 7,
            name: v.name.clone(),
            format: v.format,
            joint: true,
            status: ExerciseStatus::Planned,
            starts_at: v.starts_at,
            ends_at: v.ends_at,
            location: "Sjukhuset".into(),
            lead,
            participants: v
                .participant_ids
                .iter()
                .map(|id| ForvaltningRef {
                    id: *id,
                    code: String::new(),
                    name: String::new(),
                })
                .collect(),
            external_participants: v.external_participants.clone(),
            purpose: "Syftet".into(),
            scenario: String::new(),
            funding: String::new(),
            objectives: v
                .objectives
                .iter()
                .map(|o| Objective {
                    id: 1,
                    text: o.text.clone(),
                    capability_code: o.capability_code.clone(),
                    capability_title: String::new(),
                    requirements: o
                        .requirement_ids
                        .iter()
                        .map(|id| RequirementRef {
                            id: *id,
                            code: String::new(),
                            title: String::new(),
                        })
                        .collect(),
                })
                .collect(),
            cancel_reason: None,
            version: 1,
            design_withheld: false,
        };
        let again = exercise.to_input().parse().unwrap();
        assert_eq!(again.name, v.name);
        assert_eq!((again.starts_at, again.ends_at), (v.starts_at, v.ends_at));
        assert_eq!(again.participant_ids, v.participant_ids);
        assert_eq!(again.external_participants, v.external_participants);
        assert!(again.joint);
        assert_eq!(again.location, "Sjukhuset");
        // The stored objectives' ids come back with them, so saving edits them in place.
        assert!(again.objectives.iter().all(|o| o.id == Some(1)));
        let without_ids: Vec<_> = again
            .objectives
            .into_iter()
            .map(|o| ValidObjective { id: None, ..o })
            .collect();
        assert_eq!(without_ids, v.objectives);
    }

    #[test]
    fn too_many_objectives_are_refused() {
        let mut input = valid_input();
        input.objectives = (0..=OBJECTIVES_MAX)
            .map(|i| ObjectiveInput {
                text: format!("Mål {i}"),
                capability: "CA01".into(),
                requirements: vec![],
                ..Default::default()
            })
            .collect();
        assert!(input.parse().unwrap_err().get("objectives").is_some());
    }

    #[test]
    fn overlong_lists_are_refused_before_anything_is_looked_up() {
        let mut input = valid_input();
        input.participants = (1..=(PARTICIPANTS_MAX as i64 + 5)).collect();
        assert!(input.parse().unwrap_err().get("participants").is_some());
        let mut input = valid_input();
        input.objectives = vec![ObjectiveInput::default(); OBJECTIVE_ROWS_MAX + 1];
        assert!(input.parse().unwrap_err().get("objectives").is_some());
        let mut input = valid_input();
        input.objectives = vec![ObjectiveInput {
            text: "Mål".into(),
            capability: "CA01".into(),
            requirements: (0..=REQUIREMENTS_PER_OBJECTIVE_MAX as i64).collect(),
            ..Default::default()
        }];
        assert!(
            input
                .parse()
                .unwrap_err()
                .get("objectives.0.requirements")
                .is_some()
        );
    }

    #[test]
    fn filters_combine() {
        let s = ExerciseSummary {
            id: 1,
            name: "Övning Sorl".into(),
            format: ExerciseFormat::FullScale,
            joint: true,
            status: ExerciseStatus::Planned,
            starts_at: parse_local_datetime("2025-10-08").unwrap(),
            ends_at: parse_local_datetime("2025-10-08T17:00").unwrap(),
            lead: ForvaltningRef {
                id: 4,
                code: "ADH".into(),
                name: "ADH".into(),
            },
            participant_ids: vec![1],
            capability_codes: vec!["CA07".into()],
        };
        let mut f = ExerciseFilter {
            year: Some(2025),
            forvaltning: Some(1),
            ..Default::default()
        };
        assert!(f.matches(&s));
        f.capability = Some("CA01".into());
        assert!(!f.matches(&s));
        let f = ExerciseFilter {
            search: Some("sorl".into()),
            status: Some(ExerciseStatus::Planned),
            ..Default::default()
        };
        assert!(f.matches(&s));
        let f = ExerciseFilter {
            year: Some(2026),
            ..Default::default()
        };
        assert!(!f.matches(&s));
    }
}
