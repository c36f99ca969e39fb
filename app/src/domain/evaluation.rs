//! Evaluation of an exercise (domain.md §4.3, §5.2): critical tasks and evaluators per
//! objective, each evaluator's P/S/M/U rating (or "ej observerat") with its justification, the
//! flag when those who observed disagree, the final rating, and the evaluation report's approval.

use super::message::{Label, Msg};
use super::validation::{FieldErrors, optional_text, required_text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An HSEEP performance rating, or "ej observerat" (not observed), which does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    P,
    S,
    M,
    U,
    NotObserved,
}

impl Rating {
    pub const ALL: [Self; 5] = [Self::P, Self::S, Self::M, Self::U, Self::NotObserved];
    /// The ratings an objective can end with.
    pub const FINAL: [Self; 4] = [Self::P, Self::S, Self::M, Self::U];

    pub fn code(self) -> &'static str {
        match self {
            Self::P => "P",
            Self::S => "S",
            Self::M => "M",
            Self::U => "U",
            Self::NotObserved => "ej_observerat",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The short label shown in tables ("P", …, "Ej observerat").
    pub fn short(self) -> &'static str {
        match self {
            Self::NotObserved => "Ej observerat",
            other => other.code(),
        }
    }

    /// The HSEEP meaning in Swedish (domain.md §4.3).
    pub fn label(self) -> &'static str {
        match self {
            Self::P => "P – Genomfört utan utmaningar",
            Self::S => "S – Genomfört med vissa utmaningar",
            Self::M => "M – Genomfört med stora utmaningar",
            Self::U => "U – Kunde inte genomföras",
            Self::NotObserved => "Ej observerat",
        }
    }

    /// Whether the evaluator saw the objective performed (only those ratings are compared).
    pub fn observed(self) -> bool {
        self != Self::NotObserved
    }

    /// Whether an objective with this final rating re-tests a corrective action successfully.
    pub fn verifies(self) -> bool {
        matches!(self, Self::P | Self::S)
    }
}

/// One evaluator's rating of one objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluatorRating {
    pub objective_id: i64,
    pub evaluator_id: i64,
    pub evaluator: String,
    pub rating: Rating,
    pub justification: String,
    /// The evaluator's internal notes: not in the participants' report.
    pub notes: String,
    /// The log entries (by id) the rating cites.
    pub entries: Vec<i64>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// The final rating an exercise leader set, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRating {
    pub rating: Rating,
    pub reason: String,
    pub set_by: String,
    pub set_at: DateTime<Utc>,
    pub version: i64,
}

/// Where an objective's evaluation stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Nobody who observed has rated it yet.
    Open,
    /// Those who observed agree: their rating is the final one.
    Agreed(Rating),
    /// Those who observed disagree and nobody has set the final rating: flagged.
    Disputed,
    /// The exercise leader set it (needed when disputed; allowed anyway).
    Set(Rating),
}

impl Outcome {
    pub fn of(ratings: &[EvaluatorRating], set: Option<&SetRating>) -> Self {
        if let Some(s) = set {
            return Self::Set(s.rating);
        }
        let mut observed = ratings.iter().map(|r| r.rating).filter(|r| r.observed());
        match observed.next() {
            None => Self::Open,
            Some(first) if observed.all(|r| r == first) => Self::Agreed(first),
            Some(_) => Self::Disputed,
        }
    }

    /// The final rating, when there is one.
    pub fn rating(&self) -> Option<Rating> {
        match self {
            Self::Agreed(r) | Self::Set(r) => Some(*r),
            Self::Open | Self::Disputed => None,
        }
    }

    /// Whether the ratings of those who observed differ (shown even after the leader decided).
    pub fn disputed(ratings: &[EvaluatorRating]) -> bool {
        let mut observed = ratings.iter().map(|r| r.rating).filter(|r| r.observed());
        observed
            .next()
            .is_some_and(|first| observed.any(|r| r != first))
    }
}

/// The final rating of each objective that has one: the set rating, or the one its observing
/// evaluators agree on. `ratings`: (objective, evaluator's rating); `results`: (objective, set).
pub fn final_ratings(
    ratings: &[(i64, Rating)],
    results: &[(i64, Rating)],
) -> std::collections::BTreeMap<i64, Rating> {
    let mut out = std::collections::BTreeMap::new();
    let mut by_objective: std::collections::BTreeMap<i64, Vec<Rating>> = Default::default();
    for (o, r) in ratings {
        by_objective.entry(*o).or_default().push(*r);
    }
    for (o, rs) in by_objective {
        let mut observed = rs.into_iter().filter(|r| r.observed());
        if let Some(first) = observed.next()
            && observed.all(|r| r == first)
        {
            out.insert(o, first);
        }
    }
    for (o, r) in results {
        out.insert(*o, *r);
    }
    out
}

/// Most characters of a justification, a reason, notes and a critical task.
pub const JUSTIFICATION_MAX: usize = 4000;
pub const TASK_MAX: usize = 500;
/// Most critical tasks per objective and log entries per rating.
pub const TASKS_MAX: usize = 30;
pub const ENTRIES_MAX: usize = 50;

/// An evaluator's rating form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingInput {
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub notes: String,
    /// Ids of log entries of this exercise.
    #[serde(default)]
    pub entries: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidRating {
    pub rating: Rating,
    pub justification: String,
    pub notes: String,
    pub entries: Vec<i64>,
}

impl RatingInput {
    pub fn parse(&self) -> Result<ValidRating, FieldErrors> {
        let mut e = FieldErrors::new();
        let rating = Rating::from_code(self.rating.trim());
        if rating.is_none() {
            e.add("rating", Msg::RatingRequired);
        }
        // "Ej observerat" needs no justification; a rating does.
        let justification = if rating == Some(Rating::NotObserved) {
            optional_text(
                &mut e,
                "justification",
                Label::Justification,
                &self.justification,
                JUSTIFICATION_MAX,
            )
        } else {
            required_text(
                &mut e,
                "justification",
                Label::Justification,
                &self.justification,
                JUSTIFICATION_MAX,
            )
        };
        let notes = optional_text(&mut e, "notes", Label::Note, &self.notes, JUSTIFICATION_MAX);
        let mut entries = self.entries.clone();
        entries.sort_unstable();
        entries.dedup();
        if entries.len() > ENTRIES_MAX {
            e.add("entries", Msg::TooManyEntries { max: ENTRIES_MAX });
        }
        match rating {
            Some(rating) if e.is_empty() => Ok(ValidRating {
                rating,
                justification,
                notes,
                entries,
            }),
            _ => Err(e),
        }
    }
}

/// The exercise leader's final rating form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalInput {
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub reason: String,
}

impl FinalInput {
    pub fn parse(&self) -> Result<(Rating, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let rating = Rating::from_code(self.rating.trim()).filter(|r| r.observed());
        if rating.is_none() {
            e.add("rating", Msg::FinalRatingRequired);
        }
        let reason = required_text(
            &mut e,
            "reason",
            Label::Reason,
            &self.reason,
            JUSTIFICATION_MAX,
        );
        match rating {
            Some(r) if e.is_empty() => Ok((r, reason)),
            _ => Err(e),
        }
    }
}

/// The critical tasks of an objective, one per line of the form's text.
pub fn parse_tasks(raw: &str) -> Result<Vec<String>, FieldErrors> {
    let mut e = FieldErrors::new();
    let tasks: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if tasks.len() > TASKS_MAX {
        e.add("tasks", Msg::TooManyTasks { max: TASKS_MAX });
    }
    if tasks.iter().any(|t| t.chars().count() > TASK_MAX) {
        e.add(
            "tasks",
            Msg::TooLong {
                label: Label::CriticalTask,
                max: TASK_MAX,
            },
        );
    }
    e.into_result(tasks)
}

/// An objective as the evaluation shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveEvaluation {
    pub objective_id: i64,
    /// Its number in the exercise (1-based) and its text.
    pub number: usize,
    pub text: String,
    pub capability_code: String,
    pub capability_title: String,
    pub tasks: Vec<String>,
    /// The assigned evaluators: (user id, name).
    pub evaluators: Vec<(i64, String)>,
    pub ratings: Vec<EvaluatorRating>,
    pub set: Option<SetRating>,
    pub outcome: Outcome,
}

impl ObjectiveEvaluation {
    pub fn disputed(&self) -> bool {
        Outcome::disputed(&self.ratings)
    }

    /// Still needs the exercise leader: disputed and not decided.
    pub fn flagged(&self) -> bool {
        self.outcome == Outcome::Disputed
    }
}

/// What must hold before an evaluation report may be approved: every objective has a final
/// rating (none open or disputed).
pub fn approval_blockers(objectives: &[ObjectiveEvaluation]) -> Option<Msg> {
    let disputed = objectives.iter().filter(|o| o.flagged()).count();
    if disputed > 0 {
        return Some(Msg::ReportHasDisputes { count: disputed });
    }
    let open = objectives
        .iter()
        .filter(|o| o.outcome == Outcome::Open)
        .count();
    if open > 0 {
        return Some(Msg::ReportHasUnrated { count: open });
    }
    None
}

/// Whether an exercise's evaluation takes changes in `status`: from play until it closes (and
/// until its report is approved, which the caller checks).
pub fn takes_changes(status: super::lifecycle::ExerciseStatus) -> bool {
    use super::lifecycle::ExerciseStatus::*;
    matches!(status, Running | Conducted | Evaluating)
}

/// Who approved the report, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The exercise-wide part of the evaluation: hotwash notes, the report's summary, approval.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportState {
    pub hotwash: String,
    pub summary: String,
    pub approval: Option<Approval>,
    pub version: i64,
}

/// Most characters of the hotwash notes and the summary.
pub const REPORT_TEXT_MAX: usize = 20_000;

/// What the reader may do with an exercise's evaluation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalStanding {
    /// May edit the exercise (its lead's planners and exercise leads, administrators).
    pub manages: bool,
    /// On the staff as övningsledning.
    pub controls: bool,
    /// On the staff as utvärderare.
    pub evaluates: bool,
    /// Reads the full evaluation: each evaluator's rating, justification and notes.
    pub full: bool,
}

impl EvalStanding {
    /// Runs the evaluation: tasks, evaluators, final ratings, notes and summary.
    pub fn leads(&self) -> bool {
        self.manages || self.controls
    }

    /// Records strengths and areas for improvement.
    pub fn records(&self) -> bool {
        self.leads() || self.evaluates
    }
}

/// An exercise's evaluation as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub exercise: super::exercise::Exercise,
    pub objectives: Vec<ObjectiveEvaluation>,
    pub findings: Vec<super::improvement::Finding>,
    pub actions: Vec<super::improvement::Action>,
    pub report: ReportState,
    /// The staff's evaluators, who may be assigned: (user id, name).
    pub evaluators: Vec<(i64, String)>,
    /// The log's rows a rating or finding may cite: (id, number, kind label, text).
    pub entries: Vec<(i64, i64, String, String)>,
    /// Key log entries for the report's timeline: decisions, deviations, real events, injects.
    pub timeline: Vec<(i64, String, String, String)>,
    pub standing: EvalStanding,
    /// Why the report cannot be approved yet, if it cannot.
    pub blocker: Option<Msg>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(evaluator_id: i64, rating: Rating) -> EvaluatorRating {
        EvaluatorRating {
            objective_id: 1,
            evaluator_id,
            evaluator: format!("Utvärderare {evaluator_id}"),
            rating,
            justification: "Sågs i staben".into(),
            notes: String::new(),
            entries: Vec::new(),
            updated_at: DateTime::default(),
            version: 1,
        }
    }

    #[test]
    fn those_who_observed_decide_and_not_observed_does_not_count() {
        use Rating::*;
        assert_eq!(Outcome::of(&[], None), Outcome::Open);
        assert_eq!(Outcome::of(&[rated(1, NotObserved)], None), Outcome::Open);
        assert_eq!(
            Outcome::of(&[rated(1, S), rated(2, NotObserved), rated(3, S)], None),
            Outcome::Agreed(S)
        );
        let split = [rated(1, S), rated(2, M)];
        assert_eq!(Outcome::of(&split, None), Outcome::Disputed);
        assert!(Outcome::disputed(&split));
        let set = SetRating {
            rating: M,
            reason: "Säkerhetsrisk vid flytten".into(),
            set_by: "Olle".into(),
            set_at: DateTime::default(),
            version: 1,
        };
        assert_eq!(Outcome::of(&split, Some(&set)), Outcome::Set(M));
        assert_eq!(Outcome::of(&split, Some(&set)).rating(), Some(M));
        assert_eq!(Outcome::Disputed.rating(), None);
    }

    #[test]
    fn final_ratings_take_the_set_one_over_the_evaluators() {
        use Rating::*;
        let ratings = [(1, S), (1, S), (2, S), (2, M), (3, NotObserved), (4, P)];
        let results = [(2, M), (4, U)];
        let f = final_ratings(&ratings, &results);
        assert_eq!(f.get(&1), Some(&S));
        assert_eq!(f.get(&2), Some(&M));
        assert_eq!(f.get(&3), None);
        assert_eq!(f.get(&4), Some(&U));
    }

    #[test]
    fn only_p_and_s_verify_an_action() {
        assert!(Rating::P.verifies() && Rating::S.verifies());
        assert!(!Rating::M.verifies() && !Rating::U.verifies() && !Rating::NotObserved.verifies());
        for r in Rating::ALL {
            assert_eq!(Rating::from_code(r.code()), Some(r));
        }
    }

    #[test]
    fn a_rating_needs_its_justification_unless_not_observed() {
        let input = RatingInput {
            rating: "S".into(),
            ..Default::default()
        };
        assert_eq!(
            input.parse().unwrap_err().get("justification"),
            Some(&Msg::Required {
                label: Label::Justification
            })
        );
        let not_seen = RatingInput {
            rating: "ej_observerat".into(),
            entries: vec![4, 4, 2],
            ..Default::default()
        };
        assert_eq!(not_seen.parse().unwrap().entries, vec![2, 4]);
        let unknown = RatingInput {
            rating: "X".into(),
            justification: "text".into(),
            ..Default::default()
        };
        assert_eq!(
            unknown.parse().unwrap_err().get("rating"),
            Some(&Msg::RatingRequired)
        );
        let final_without_reason = FinalInput {
            rating: "ej_observerat".into(),
            reason: " ".into(),
        };
        let e = final_without_reason.parse().unwrap_err();
        assert_eq!(e.get("rating"), Some(&Msg::FinalRatingRequired));
        assert!(e.get("reason").is_some());
    }

    #[test]
    fn tasks_are_lines_and_bounded() {
        assert_eq!(
            parse_tasks(" Larma TiB \n\n Upprätta stab\n").unwrap(),
            vec!["Larma TiB", "Upprätta stab"]
        );
        let many = "uppgift\n".repeat(TASKS_MAX + 1);
        assert!(parse_tasks(&many).is_err());
    }

    #[test]
    fn a_report_waits_for_every_final_rating() {
        let objective = |outcome: Outcome| ObjectiveEvaluation {
            objective_id: 1,
            number: 1,
            text: "Mål".into(),
            capability_code: "CA01".into(),
            capability_title: "Ledning".into(),
            tasks: Vec::new(),
            evaluators: Vec::new(),
            ratings: Vec::new(),
            set: None,
            outcome,
        };
        assert_eq!(
            approval_blockers(&[
                objective(Outcome::Agreed(Rating::S)),
                objective(Outcome::Disputed)
            ]),
            Some(Msg::ReportHasDisputes { count: 1 })
        );
        assert_eq!(
            approval_blockers(&[objective(Outcome::Open)]),
            Some(Msg::ReportHasUnrated { count: 1 })
        );
        assert_eq!(
            approval_blockers(&[objective(Outcome::Set(Rating::M))]),
            None
        );
    }
}
