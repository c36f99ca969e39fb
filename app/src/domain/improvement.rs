//! The learning chain (domain.md §5.2, §5.4, §8.5): an observation becomes a finding — a
//! strength, or an area for improvement (a lesson identified, a brist) from an exercise, a real
//! event, the risk and vulnerability analysis, an inspection or an audit — which is decided,
//! gets corrective actions, whose verification in a later exercise makes it a lesson learned.

use super::catalogue::parse_date;
use super::message::{Label, Msg};
use super::validation::{FieldErrors, optional_text, required_text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FindingKind {
    Strength,
    Improvement,
}

impl FindingKind {
    pub const ALL: [Self; 2] = [Self::Strength, Self::Improvement];

    pub fn code(self) -> &'static str {
        match self {
            Self::Strength => "styrka",
            Self::Improvement => "forbattring",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Strength => "Styrka",
            Self::Improvement => "Förbättringsområde",
        }
    }
}

/// Where a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    Exercise,
    RealEvent,
    Rsa,
    Inspection,
    Audit,
}

impl Source {
    pub const ALL: [Self; 5] = [
        Self::Exercise,
        Self::RealEvent,
        Self::Rsa,
        Self::Inspection,
        Self::Audit,
    ];
    /// The sources a finding can be recorded from outside an exercise's evaluation.
    pub const OUTSIDE: [Self; 4] = [Self::RealEvent, Self::Rsa, Self::Inspection, Self::Audit];

    pub fn code(self) -> &'static str {
        match self {
            Self::Exercise => "ovning",
            Self::RealEvent => "verklig_handelse",
            Self::Rsa => "rsa",
            Self::Inspection => "tillsyn",
            Self::Audit => "revision",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Exercise => "Övning",
            Self::RealEvent => "Verklig händelse",
            Self::Rsa => "Risk- och sårbarhetsanalys",
            Self::Inspection => "Tillsyn eller inspektion",
            Self::Audit => "Revision",
        }
    }
}

/// The POETE element a corrective action strengthens (HSEEP: planning, organization,
/// equipment, training, exercises).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Poete {
    Planning,
    Organisation,
    Equipment,
    Training,
    Exercise,
}

impl Poete {
    pub const ALL: [Self; 5] = [
        Self::Planning,
        Self::Organisation,
        Self::Equipment,
        Self::Training,
        Self::Exercise,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Planning => "planering",
            Self::Organisation => "organisation",
            Self::Equipment => "utrustning",
            Self::Training => "utbildning",
            Self::Exercise => "ovning",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Planning => "P – Planering",
            Self::Organisation => "O – Organisation",
            Self::Equipment => "E – Utrustning",
            Self::Training => "T – Utbildning",
            Self::Exercise => "E – Övning",
        }
    }
}

/// A corrective action's lifecycle: Föreslagen → Beslutad → Pågår → Genomförd → Verifierad, or
/// Avförd with a reason from any state before Verifierad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActionStatus {
    Proposed,
    Decided,
    InProgress,
    Done,
    Verified,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [Self; 6] = [
        Self::Proposed,
        Self::Decided,
        Self::InProgress,
        Self::Done,
        Self::Verified,
        Self::Dropped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Proposed => "foreslagen",
            Self::Decided => "beslutad",
            Self::InProgress => "pagar",
            Self::Done => "genomford",
            Self::Verified => "verifierad",
            Self::Dropped => "avford",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "Föreslagen",
            Self::Decided => "Beslutad",
            Self::InProgress => "Pågår",
            Self::Done => "Genomförd",
            Self::Verified => "Verifierad",
            Self::Dropped => "Avförd",
        }
    }

    /// Not yet done: it counts as open on the heatmap and the dashboard.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Proposed | Self::Decided | Self::InProgress)
    }

    /// Nothing more happens to it.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Verified | Self::Dropped)
    }

    /// The states it may move to by the step forms (deciding, verifying and dropping have their
    /// own forms, as they need more than the step).
    pub fn next_step(self) -> Option<Self> {
        match self {
            Self::Decided => Some(Self::InProgress),
            Self::InProgress => Some(Self::Done),
            _ => None,
        }
    }
}

/// A finding in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: i64,
    pub kind: FindingKind,
    pub source: Source,
    /// The exercise (and objective) it came from, for an exercise's finding: (id, name).
    pub exercise: Option<(i64, String)>,
    pub objective_id: Option<i64>,
    /// The log entry it was observed in: (id, number in the log, text).
    pub entry: Option<(i64, i64, String)>,
    /// What it refers to outside an exercise ("Tillsyn IVO mars 2026").
    pub source_ref: String,
    pub title: String,
    pub description: String,
    pub capability_code: String,
    pub capability_title: String,
    pub forvaltning: Option<(i64, String)>,
    pub observed_on: NaiveDate,
    /// The decision: who decided that it is to be acted on, when, and what.
    pub decided: Option<Decision>,
    pub lesson: String,
    pub created_by: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub by: String,
    pub at: DateTime<Utc>,
    pub text: String,
}

/// Most characters of a finding's title, its texts and an action's text.
pub const TITLE_MAX: usize = 300;
pub const TEXT_MAX: usize = 4000;

/// The finding form: an exercise's evaluation posts `kind` and the objective; the register
/// posts a source outside exercises.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub source_ref: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub capability: String,
    #[serde(default)]
    pub forvaltning: String,
    #[serde(default)]
    pub observed_on: String,
    /// An objective of the exercise (evaluation only).
    #[serde(default)]
    pub objective: String,
    /// A log entry of the exercise (evaluation only).
    #[serde(default)]
    pub entry: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidFinding {
    pub kind: FindingKind,
    pub source: Source,
    pub source_ref: String,
    pub title: String,
    pub description: String,
    pub capability_code: String,
    pub forvaltning_id: Option<i64>,
    pub observed_on: Option<NaiveDate>,
    pub objective_id: Option<i64>,
    pub entry_id: Option<i64>,
}

fn optional_id(e: &mut FieldErrors, field: &str, raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            e.add(field, Msg::UnknownChoice);
            None
        }
    }
}

impl FindingInput {
    /// Checks the form. `in_exercise`: posted from an exercise's evaluation (source Övning; a
    /// strength is possible), otherwise from the register (a shortcoming from one of
    /// `Source::OUTSIDE`, with the day it was found).
    pub fn parse(&self, in_exercise: bool) -> Result<ValidFinding, FieldErrors> {
        let mut e = FieldErrors::new();
        let (kind, source) = if in_exercise {
            let kind = FindingKind::from_code(self.kind.trim());
            if kind.is_none() {
                e.add("kind", Msg::FindingKindRequired);
            }
            (kind, Some(Source::Exercise))
        } else {
            let source = Source::from_code(self.source.trim()).filter(|s| *s != Source::Exercise);
            if source.is_none() {
                e.add("source", Msg::FindingSourceRequired);
            }
            (Some(FindingKind::Improvement), source)
        };
        let source_ref = optional_text(
            &mut e,
            "source_ref",
            Label::SourceRef,
            &self.source_ref,
            TITLE_MAX,
        );
        let title = required_text(&mut e, "title", Label::FindingTitle, &self.title, TITLE_MAX);
        let description = optional_text(
            &mut e,
            "description",
            Label::Description,
            &self.description,
            TEXT_MAX,
        );
        let capability_code = self.capability.trim().to_string();
        if capability_code.is_empty() {
            e.add("capability", Msg::CapabilityRequired);
        }
        let forvaltning_id = optional_id(&mut e, "forvaltning", &self.forvaltning);
        let observed_on = parse_date(&mut e, "observed_on", &self.observed_on, !in_exercise);
        let objective_id = optional_id(&mut e, "objective", &self.objective);
        let entry_id = optional_id(&mut e, "entry", &self.entry);
        match (kind, source) {
            (Some(kind), Some(source)) if e.is_empty() => Ok(ValidFinding {
                kind,
                source,
                source_ref,
                title,
                description,
                capability_code,
                forvaltning_id,
                observed_on,
                objective_id,
                entry_id,
            }),
            _ => Err(e),
        }
    }
}

/// A corrective action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: i64,
    pub finding_id: i64,
    pub finding_title: String,
    pub source: Source,
    pub text: String,
    pub forvaltning: (i64, String),
    pub responsible: (i64, String),
    pub due_on: NaiveDate,
    pub poete: Poete,
    pub capability_code: String,
    pub capability_title: String,
    pub criterion: String,
    pub verifier: Option<(i64, String)>,
    pub status: ActionStatus,
    pub decided: Option<(String, DateTime<Utc>)>,
    /// The exercise Redo proposed for a re-test: (id, name, starts).
    pub retest_exercise: Option<(i64, String, NaiveDate)>,
    /// The re-test objective a planner accepted: (objective id, exercise id, exercise name).
    pub retest_objective: Option<(i64, i64, String)>,
    pub verification: Option<Verification>,
    pub dropped_reason: Option<String>,
    pub version: i64,
}

/// How an action was verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub by: String,
    pub at: DateTime<Utc>,
    /// The objective cited: (objective id, exercise id, exercise name, objective text, rating).
    pub objective: Option<(i64, i64, String, String, super::evaluation::Rating)>,
    /// The reason when verified without an exercise.
    pub reason: Option<String>,
}

impl Action {
    /// Open and past its due day.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_on < today
    }
}

/// The corrective action form (new, or edited while still Föreslagen or Beslutad).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionInput {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub forvaltning: String,
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub poete: String,
    #[serde(default)]
    pub capability: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidAction {
    pub text: String,
    pub forvaltning_id: i64,
    pub responsible_id: i64,
    pub due_on: NaiveDate,
    pub poete: Poete,
    pub capability_code: String,
}

fn required_id(e: &mut FieldErrors, field: &str, raw: &str, missing: Msg) -> Option<i64> {
    if raw.trim().is_empty() {
        e.add(field, missing);
        return None;
    }
    optional_id(e, field, raw)
}

impl ActionInput {
    pub fn parse(&self) -> Result<ValidAction, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = required_text(&mut e, "text", Label::ActionText, &self.text, TEXT_MAX);
        let forvaltning_id =
            required_id(&mut e, "forvaltning", &self.forvaltning, Msg::OwnerRequired);
        let responsible_id = required_id(
            &mut e,
            "responsible",
            &self.responsible,
            Msg::ResponsibleRequired,
        );
        let due_on = parse_date(&mut e, "due_on", &self.due_on, true);
        let poete = Poete::from_code(self.poete.trim());
        if poete.is_none() {
            e.add("poete", Msg::PoeteRequired);
        }
        let capability_code = self.capability.trim().to_string();
        if capability_code.is_empty() {
            e.add("capability", Msg::CapabilityRequired);
        }
        match (forvaltning_id, responsible_id, due_on, poete) {
            (Some(f), Some(r), Some(d), Some(p)) if e.is_empty() => Ok(ValidAction {
                text,
                forvaltning_id: f,
                responsible_id: r,
                due_on: d,
                poete: p,
                capability_code,
            }),
            _ => Err(e),
        }
    }
}

/// The decision form: the verification criterion and the verifier, who is not the responsible
/// person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideInput {
    #[serde(default)]
    pub criterion: String,
    #[serde(default)]
    pub verifier: String,
}

impl DecideInput {
    pub fn parse(&self, responsible_id: i64) -> Result<(String, i64), FieldErrors> {
        let mut e = FieldErrors::new();
        let criterion = required_text(
            &mut e,
            "criterion",
            Label::Criterion,
            &self.criterion,
            TEXT_MAX,
        );
        let verifier = required_id(&mut e, "verifier", &self.verifier, Msg::VerifierRequired);
        if verifier == Some(responsible_id) {
            e.add("verifier", Msg::VerifierIsResponsible);
        }
        match verifier {
            Some(v) if e.is_empty() => Ok((criterion, v)),
            _ => Err(e),
        }
    }
}

/// The verification form: an objective of a later exercise, or a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyInput {
    #[serde(default)]
    pub objective: String,
    #[serde(default)]
    pub reason: String,
    /// The lesson learned, written on the finding.
    #[serde(default)]
    pub lesson: String,
}

/// What a verification cites, once checked against the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    Objective(i64),
    Reason(String),
}

impl VerifyInput {
    pub fn parse(&self) -> Result<(Cited, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let objective = optional_id(&mut e, "objective", &self.objective);
        let reason = optional_text(&mut e, "reason", Label::Reason, &self.reason, TEXT_MAX);
        let lesson = optional_text(&mut e, "lesson", Label::Lesson, &self.lesson, TEXT_MAX);
        let cited = match objective {
            Some(id) => Some(Cited::Objective(id)),
            None if !reason.is_empty() => Some(Cited::Reason(reason)),
            None => {
                if e.get("objective").is_none() {
                    e.add("objective", Msg::VerificationNeedsExercise);
                }
                None
            }
        };
        match cited {
            Some(c) if e.is_empty() => Ok((c, lesson)),
            _ => Err(e),
        }
    }
}

/// An objective offered as the evidence of a verification: of an exercise conducted after the
/// action was decided, with its final rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub objective_id: i64,
    pub exercise_id: i64,
    pub exercise: String,
    pub starts_on: NaiveDate,
    pub text: String,
    pub capability_code: String,
    pub rating: Option<super::evaluation::Rating>,
}

/// Why an objective cannot verify an action, if it cannot: it must belong to a conducted
/// exercise other than the one the finding came from (`source`), held on or after the decision.
pub fn check_citation(
    c: &Candidate,
    decided_on: NaiveDate,
    conducted: bool,
    source: Option<i64>,
) -> Option<Msg> {
    if !conducted || c.starts_on < decided_on || source == Some(c.exercise_id) {
        return Some(Msg::VerificationNeedsLaterExercise);
    }
    match c.rating {
        Some(r) if r.verifies() => None,
        Some(_) => Some(Msg::VerificationNeedsPassingRating),
        None => Some(Msg::VerificationNeedsRating),
    }
}

/// An exercise to propose a re-test in: planned, not yet started, and led or attended by the
/// action's owner förvaltning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upcoming {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub forvaltningar: Vec<i64>,
}

/// The next exercise the owner takes part in after `today`, soonest first (then by id).
pub fn retest_target(exercises: &[Upcoming], owner: i64, today: NaiveDate) -> Option<&Upcoming> {
    exercises
        .iter()
        .filter(|x| x.starts_on > today && x.forvaltningar.contains(&owner))
        .min_by_key(|x| (x.starts_on, x.id))
}

/// The text of a proposed re-test objective.
pub fn retest_text(action: &str) -> String {
    let short: String = action.chars().take(200).collect();
    format!("Återpröva åtgärd: {short}")
}

/// Open and overdue actions of one cell (förvaltning × capability area).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCount {
    pub open: u32,
    pub overdue: u32,
}

/// The open and overdue actions per (förvaltning id, capability code).
pub fn open_counts(
    actions: &[(i64, String, ActionStatus, NaiveDate)],
    today: NaiveDate,
) -> std::collections::BTreeMap<(i64, String), OpenCount> {
    let mut out = std::collections::BTreeMap::new();
    for (f, cap, status, due) in actions {
        if !status.is_open() {
            continue;
        }
        let c: &mut OpenCount = out.entry((*f, cap.clone())).or_default();
        c.open += 1;
        if *due < today {
            c.overdue += 1;
        }
    }
    out
}

/// The open and overdue actions of one cell (förvaltning × capability area), as the heatmap,
/// the dashboard, briefs, the plan and assessments show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionCell {
    pub forvaltning_id: i64,
    pub capability_code: String,
    pub count: OpenCount,
}

/// The cells of `counts` in förvaltning and area order.
pub fn action_cells(
    counts: &std::collections::BTreeMap<(i64, String), OpenCount>,
) -> Vec<ActionCell> {
    counts
        .iter()
        .map(|((f, cap), count)| ActionCell {
            forvaltning_id: *f,
            capability_code: cap.clone(),
            count: *count,
        })
        .collect()
}

/// A finding with its corrective actions: the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chain {
    pub finding: Finding,
    pub actions: Vec<Action>,
    /// May propose a corrective action on it.
    pub may_add: bool,
}

/// A corrective action as its page shows it, with what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub action: Action,
    pub finding: Finding,
    pub overdue: bool,
    /// Objectives of exercises conducted since the decision, to cite when verifying.
    pub candidates: Vec<Candidate>,
    /// People who may be named responsible or verifier: (id, name).
    pub people: Vec<(i64, String)>,
    pub may_edit: bool,
    pub may_decide: bool,
    pub may_step: bool,
    pub may_verify: bool,
    pub may_drop: bool,
    pub may_accept_retest: bool,
}

/// Filters of the action list; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionFilter {
    pub status: Option<ActionStatus>,
    pub forvaltning: Option<i64>,
    pub capability: Option<String>,
    pub overdue: bool,
    pub source: Option<Source>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evaluation::Rating;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_lifecycle_steps_and_what_counts_as_open() {
        use ActionStatus::*;
        assert_eq!(Decided.next_step(), Some(InProgress));
        assert_eq!(InProgress.next_step(), Some(Done));
        for s in [Proposed, Done, Verified, Dropped] {
            assert_eq!(s.next_step(), None, "{s:?}");
        }
        assert!(Proposed.is_open() && Decided.is_open() && InProgress.is_open());
        assert!(!Done.is_open() && !Verified.is_open() && !Dropped.is_open());
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn the_verifier_is_not_the_responsible_person() {
        let input = DecideInput {
            criterion: "Prov 48 h utan anmärkning".into(),
            verifier: "5".into(),
        };
        assert_eq!(
            input.parse(5).unwrap_err().get("verifier"),
            Some(&Msg::VerifierIsResponsible)
        );
        assert_eq!(
            input.parse(6).unwrap(),
            ("Prov 48 h utan anmärkning".into(), 5)
        );
        let empty = DecideInput::default().parse(6).unwrap_err();
        assert!(empty.get("criterion").is_some());
        assert_eq!(empty.get("verifier"), Some(&Msg::VerifierRequired));
    }

    #[test]
    fn a_verification_cites_a_later_conducted_exercise_rated_p_or_s() {
        let decided = day(2025, 5, 10);
        let c = |starts_on, rating| Candidate {
            objective_id: 1,
            exercise_id: 2,
            exercise: "Övning Järnvilja".into(),
            starts_on,
            text: "Återpröva".into(),
            capability_code: "CA05".into(),
            rating,
        };
        assert_eq!(
            check_citation(
                &c(day(2026, 5, 20), Some(Rating::S)),
                decided,
                true,
                Some(9)
            ),
            None
        );
        assert_eq!(
            check_citation(
                &c(day(2026, 5, 20), Some(Rating::S)),
                decided,
                true,
                Some(2)
            ),
            Some(Msg::VerificationNeedsLaterExercise),
            "not the exercise the finding came from"
        );
        assert_eq!(
            check_citation(&c(day(2026, 5, 20), Some(Rating::U)), decided, true, None),
            Some(Msg::VerificationNeedsPassingRating)
        );
        assert_eq!(
            check_citation(&c(day(2025, 4, 23), Some(Rating::P)), decided, true, None),
            Some(Msg::VerificationNeedsLaterExercise)
        );
        assert_eq!(
            check_citation(&c(day(2026, 5, 20), Some(Rating::P)), decided, false, None),
            Some(Msg::VerificationNeedsLaterExercise)
        );
        assert_eq!(
            check_citation(&c(day(2026, 5, 20), None), decided, true, None),
            Some(Msg::VerificationNeedsRating)
        );
        let neither = VerifyInput::default().parse().unwrap_err();
        assert_eq!(
            neither.get("objective"),
            Some(&Msg::VerificationNeedsExercise)
        );
        let by_reason = VerifyInput {
            reason: "Avtalet är tecknat och arkiverat".into(),
            ..Default::default()
        };
        assert_eq!(
            by_reason.parse().unwrap().0,
            Cited::Reason("Avtalet är tecknat och arkiverat".into())
        );
    }

    #[test]
    fn the_retest_goes_to_the_owners_next_exercise() {
        let today = day(2026, 1, 10);
        let x = |id, starts_on, f: Vec<i64>| Upcoming {
            id,
            name: format!("Övning {id}"),
            starts_on,
            forvaltningar: f,
        };
        let plan = [
            x(1, day(2026, 9, 9), vec![2, 3]),
            x(2, day(2026, 5, 20), vec![1, 2]),
            x(3, day(2026, 2, 4), vec![1]),
            x(4, day(2026, 1, 5), vec![2]),
        ];
        assert_eq!(retest_target(&plan, 2, today).map(|x| x.id), Some(2));
        assert_eq!(retest_target(&plan, 4, today), None);
    }

    #[test]
    fn a_register_finding_needs_its_source_and_day_an_exercises_its_kind() {
        let e = FindingInput::default().parse(false).unwrap_err();
        assert_eq!(e.get("source"), Some(&Msg::FindingSourceRequired));
        assert_eq!(e.get("observed_on"), Some(&Msg::DateRequired));
        assert_eq!(e.get("capability"), Some(&Msg::CapabilityRequired));
        let exercise_source = FindingInput {
            source: "ovning".into(),
            ..Default::default()
        };
        assert_eq!(
            exercise_source.parse(false).unwrap_err().get("source"),
            Some(&Msg::FindingSourceRequired)
        );
        let real = FindingInput {
            source: "verklig_handelse".into(),
            title: "Reservkraften startade inte vid strömavbrottet".into(),
            capability: "CA05".into(),
            observed_on: "2026-02-11".into(),
            forvaltning: "5".into(),
            ..Default::default()
        }
        .parse(false)
        .unwrap();
        assert_eq!(
            (real.kind, real.source, real.forvaltning_id),
            (FindingKind::Improvement, Source::RealEvent, Some(5))
        );
        let e = FindingInput {
            title: "Bra samverkan".into(),
            capability: "CA01".into(),
            objective: "x".into(),
            ..Default::default()
        }
        .parse(true)
        .unwrap_err();
        assert_eq!(e.get("kind"), Some(&Msg::FindingKindRequired));
        assert_eq!(e.get("objective"), Some(&Msg::UnknownChoice));
    }

    #[test]
    fn open_counts_per_cell_with_overdue_apart() {
        use ActionStatus::*;
        let today = day(2026, 12, 2);
        let rows = vec![
            (1, "CA05".to_string(), Decided, day(2026, 11, 1)),
            (1, "CA05".to_string(), InProgress, day(2027, 1, 1)),
            (1, "CA05".to_string(), Verified, day(2025, 1, 1)),
            (2, "CA01".to_string(), Done, day(2025, 1, 1)),
        ];
        let c = open_counts(&rows, today);
        assert_eq!(
            c.get(&(1, "CA05".into())),
            Some(&OpenCount {
                open: 2,
                overdue: 1
            })
        );
        assert_eq!(c.get(&(2, "CA01".into())), None);
    }
}
