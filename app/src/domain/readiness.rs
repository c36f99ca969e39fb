//! Capability assessments (förmågebedömningar): one per förvaltning × capability area × period,
//! a level 0–5 (domain.md §4.5) scored per POETE dimension, against a target level, with the
//! shortcomings and measures the risk- och sårbarhetsanalys asks for. Pure rules: levels, the
//! derivation of the overall level, periods, the workflow, evidence age and the headline facts
//! of the board dashboard.

use super::exercise::ForvaltningRef;
use super::message::{Label, Msg};
use super::validation::{FieldErrors, optional_text};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A level on the 0–5 scale. 0 is "Ej bedömd": not assessed, never a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Level(u8);

impl Level {
    pub const NOT_ASSESSED: Level = Level(0);
    pub const MAX: u8 = 5;
    /// "Grundläggande förmåga", the default target.
    pub const BASIC: Level = Level(3);
    pub const ALL: [Level; 6] = [Level(0), Level(1), Level(2), Level(3), Level(4), Level(5)];

    pub fn new(n: i64) -> Option<Level> {
        u8::try_from(n).ok().filter(|n| *n <= Self::MAX).map(Level)
    }

    pub fn get(self) -> u8 {
        self.0
    }

    pub fn is_assessed(self) -> bool {
        self.0 > 0
    }
}

/// The POETE dimensions a level is scored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Plans,
    Organisation,
    Equipment,
    Training,
    Exercises,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Self::Plans,
        Self::Organisation,
        Self::Equipment,
        Self::Training,
        Self::Exercises,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Plans => "plans",
            Self::Organisation => "organisation",
            Self::Equipment => "equipment",
            Self::Training => "training",
            Self::Exercises => "exercises",
        }
    }
}

/// One level per dimension, in [`Dimension::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Scores(pub [Level; 5]);

impl Default for Level {
    fn default() -> Self {
        Self::NOT_ASSESSED
    }
}

impl Scores {
    pub fn get(&self, d: Dimension) -> Level {
        self.0[Dimension::ALL.iter().position(|x| *x == d).unwrap_or(0)]
    }
}

/// How the overall level follows from the dimensions that were assessed (configured per region).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The weakest dimension decides: a plan without equipment is not a capability.
    Minimum,
    /// The median, rounded down between the two middle values.
    Median,
}

impl Rule {
    pub const ALL: [Rule; 2] = [Self::Minimum, Self::Median];

    pub fn code(self) -> &'static str {
        match self {
            Self::Minimum => "minimum",
            Self::Median => "median",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The overall level: the rule over the assessed dimensions (0 left out); none assessed is
    /// "Ej bedömd".
    pub fn derive(self, scores: &Scores) -> Level {
        let weakest = || scores.0.iter().copied().filter(|l| l.is_assessed()).min();
        match self {
            Self::Minimum => weakest(),
            Self::Median => median(&scores.0),
        }
        .unwrap_or(Level::NOT_ASSESSED)
    }
}

/// Whether a region assesses per half-year or per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    HalfYear,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 2] = [Self::HalfYear, Self::Year];

    pub fn code(self) -> &'static str {
        match self {
            Self::HalfYear => "half_year",
            Self::Year => "year",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// An assessment period: a half-year ("2025H1") or a year ("2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    /// 1 or 2 for a half-year; `None` for a whole year.
    pub half: Option<u8>,
}

impl Period {
    pub fn half_year(year: i32, half: u8) -> Self {
        Self {
            year,
            half: Some(half),
        }
    }

    pub fn year(year: i32) -> Self {
        Self { year, half: None }
    }

    pub fn kind(self) -> PeriodKind {
        match self.half {
            Some(_) => PeriodKind::HalfYear,
            None => PeriodKind::Year,
        }
    }

    /// The period of `kind` that contains `day`.
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Self {
        match kind {
            PeriodKind::Year => Self::year(day.year()),
            PeriodKind::HalfYear => {
                Self::half_year(day.year(), if day.month() <= 6 { 1 } else { 2 })
            }
        }
    }

    /// "2025H1", "2025H2" or "2025": the stored form and the one in addresses.
    pub fn code(self) -> String {
        match self.half {
            Some(h) => format!("{}H{h}", self.year),
            None => self.year.to_string(),
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let (year, half) = match raw.split_once(['H', 'h']) {
            Some((y, h)) => (
                y,
                Some(h.parse::<u8>().ok().filter(|h| *h == 1 || *h == 2)?),
            ),
            None => (raw, None),
        };
        let year: i32 = year.parse().ok().filter(|y| (1900..=2200).contains(y))?;
        Some(Self { year, half })
    }

    /// "H1 2025" or "2025".
    pub fn label(self) -> String {
        match self.half {
            Some(h) => format!("H{h} {}", self.year),
            None => self.year.to_string(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let month = if self.half == Some(2) { 7 } else { 1 };
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        let (m, d) = if self.half == Some(1) {
            (6, 30)
        } else {
            (12, 31)
        };
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or_default()
    }

    pub fn previous(self) -> Self {
        match self.half {
            Some(2) => Self::half_year(self.year, 1),
            Some(_) => Self::half_year(self.year - 1, 2),
            None => Self::year(self.year - 1),
        }
    }

    pub fn next(self) -> Self {
        match self.half {
            Some(1) => Self::half_year(self.year, 2),
            Some(_) => Self::half_year(self.year + 1, 1),
            None => Self::year(self.year + 1),
        }
    }

    /// `n` periods ending with this one, oldest first.
    pub fn last_n(self, n: usize) -> Vec<Self> {
        let mut out = Vec::with_capacity(n);
        let mut p = self;
        for _ in 0..n {
            out.push(p);
            p = p.previous();
        }
        out.reverse();
        out
    }
}

/// The workflow of an assessment: the assessor enters and submits, a region-wide planner who
/// is not the assessor approves (fastställer). A change after submission or approval starts a
/// new draft; the heatmap keeps showing the last approved level until the next approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatus {
    Draft,
    Submitted,
    Approved,
}

impl AssessmentStatus {
    pub const ALL: [AssessmentStatus; 3] = [Self::Draft, Self::Submitted, Self::Approved];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "utkast",
            Self::Submitted => "inlamnad",
            Self::Approved => "faststalld",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What a user does to an assessment, for the workflow check and the version history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Create,
    Update,
    Submit,
    Approve,
    /// Back from Inlämnad to Utkast, with a comment for the assessor.
    Return,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Self::Create,
        Self::Update,
        Self::Submit,
        Self::Approve,
        Self::Return,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Submit => "submit",
            Self::Approve => "approve",
            Self::Return => "return",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status after this step from `from`, or why it is not allowed.
    pub fn apply(self, from: AssessmentStatus) -> Result<AssessmentStatus, Msg> {
        use AssessmentStatus::*;
        match (self, from) {
            (Self::Create | Self::Update, _) => Ok(Draft),
            (Self::Submit, Draft) => Ok(Submitted),
            (Self::Approve, Submitted) => Ok(Approved),
            (Self::Return, Submitted) => Ok(Draft),
            (Self::Submit, _) => Err(Msg::AssessmentNotDraft),
            (Self::Approve | Self::Return, _) => Err(Msg::AssessmentNotSubmitted),
        }
    }
}

pub const JUSTIFICATION_MAX: usize = 4000;
pub const LINE_MAX: usize = 500;
pub const LINES_MAX: usize = 30;
pub const EVIDENCE_MAX: usize = 50;

/// The assessment form as posted. Levels come as text so "7" or "x" get a message, not a
/// decoding error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentInput {
    #[serde(default)]
    pub plans: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub equipment: String,
    #[serde(default)]
    pub training: String,
    #[serde(default)]
    pub exercises: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub justification: String,
    /// One shortcoming (brist) per line.
    #[serde(default)]
    pub shortcomings: String,
    /// One needed measure (åtgärd) per line.
    #[serde(default)]
    pub measures: String,
    /// Evidence: exercises, and objectives of them ("övning" or "övning:mål" ids).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The day of the assessment, `YYYY-MM-DD`.
    #[serde(default)]
    pub assessed_on: String,
}

impl AssessmentInput {
    pub fn level_field(&self, d: Dimension) -> &str {
        match d {
            Dimension::Plans => &self.plans,
            Dimension::Organisation => &self.organisation,
            Dimension::Equipment => &self.equipment,
            Dimension::Training => &self.training,
            Dimension::Exercises => &self.exercises,
        }
    }
}

/// A link to an exercise, or to one of its objectives, that backs an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub exercise_id: i64,
    pub objective_id: Option<i64>,
}

impl EvidenceRef {
    /// "12" or "12:40".
    pub fn code(self) -> String {
        match self.objective_id {
            Some(o) => format!("{}:{o}", self.exercise_id),
            None => self.exercise_id.to_string(),
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let (e, o) = match raw.trim().split_once(':') {
            Some((e, o)) => (e, Some(o.parse().ok()?)),
            None => (raw.trim(), None),
        };
        Some(Self {
            exercise_id: e.parse().ok()?,
            objective_id: o,
        })
    }
}

/// The content of one version of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentContent {
    pub scores: Scores,
    pub target: Level,
    pub justification: String,
    pub shortcomings: Vec<String>,
    pub measures: Vec<String>,
    pub evidence: Vec<EvidenceRef>,
    pub assessed_on: NaiveDate,
}

impl AssessmentContent {
    /// Whether the level, derived by `rule`, falls short of the target.
    pub fn below_target(&self, rule: Rule) -> bool {
        is_shortfall(rule.derive(&self.scores), self.target)
    }
}

/// A level short of its target; "Ej bedömd" is not a shortfall but a gap of its own.
pub fn is_shortfall(level: Level, target: Level) -> bool {
    level.is_assessed() && level < target
}

fn lines(errors: &mut FieldErrors, field: &str, label: Label, raw: &str) -> Vec<String> {
    let lines: Vec<String> = raw
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '•', '*'])
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > LINES_MAX {
        errors.add(
            field,
            Msg::TooManyLines {
                label,
                max: LINES_MAX,
            },
        );
    } else if lines.iter().any(|l| l.chars().count() > LINE_MAX) {
        errors.add(
            field,
            Msg::LineTooLong {
                label,
                max: LINE_MAX,
            },
        );
    }
    lines
}

fn level(errors: &mut FieldErrors, field: &str, raw: &str, allow_zero: bool) -> Level {
    let raw = raw.trim();
    let parsed = if raw.is_empty() && allow_zero {
        Some(Level::NOT_ASSESSED)
    } else {
        raw.parse::<i64>().ok().and_then(Level::new)
    };
    match parsed {
        Some(l) if allow_zero || l.is_assessed() => l,
        _ => {
            errors.add(
                field,
                if allow_zero {
                    Msg::LevelRange
                } else {
                    Msg::TargetRange
                },
            );
            Level::NOT_ASSESSED
        }
    }
}

impl AssessmentInput {
    /// Checks the form: each dimension 0–5 (empty is "Ej bedömd"), a target 1–5, a
    /// justification when the derived level is below the target, the lines, the evidence ids
    /// and the day (not after `today`).
    pub fn parse(&self, rule: Rule, today: NaiveDate) -> Result<AssessmentContent, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut scores = Scores::default();
        for (i, d) in Dimension::ALL.into_iter().enumerate() {
            scores.0[i] = level(&mut e, d.code(), self.level_field(d), true);
        }
        let target = level(&mut e, "target", &self.target, false);
        let justification = optional_text(
            &mut e,
            "justification",
            Label::Justification,
            &self.justification,
            JUSTIFICATION_MAX,
        );
        let shortcomings = lines(
            &mut e,
            "shortcomings",
            Label::Shortcomings,
            &self.shortcomings,
        );
        let measures = lines(&mut e, "measures", Label::Measures, &self.measures);
        let mut evidence: Vec<EvidenceRef> = Vec::new();
        for raw in self.evidence.iter().filter(|r| !r.trim().is_empty()) {
            match EvidenceRef::parse(raw) {
                Some(r) => evidence.push(r),
                None => {
                    e.add("evidence", Msg::UnknownEvidence);
                    break;
                }
            }
        }
        evidence.sort_unstable();
        evidence.dedup();
        if evidence.len() > EVIDENCE_MAX {
            e.add("evidence", Msg::TooMuchEvidence { max: EVIDENCE_MAX });
        }
        let assessed_on = match self.assessed_on.trim() {
            "" => {
                e.add("assessed_on", Msg::DateRequired);
                today
            }
            raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    e.add("assessed_on", Msg::AssessedInFuture);
                    today
                }
                Ok(d) => d,
                Err(_) => {
                    e.add("assessed_on", Msg::DateFormat);
                    today
                }
            },
        };
        let content = AssessmentContent {
            scores,
            target,
            justification,
            shortcomings,
            measures,
            evidence,
            assessed_on,
        };
        if e.is_empty() && content.below_target(rule) && content.justification.is_empty() {
            e.add("justification", Msg::JustificationBelowTarget);
        }
        e.into_result(content)
    }
}

/// What a level's verification looks at: a conducted exercise, the förvaltningar that took
/// part (the lead included) and the capability areas of its objectives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseEvidence {
    pub exercise_id: i64,
    pub ended_on: NaiveDate,
    pub forvaltningar: Vec<i64>,
    pub capability_codes: Vec<String>,
}

/// The newest conducted exercise that verifies a level of `forvaltning` in `capability` for
/// `period`: one the förvaltning took part in, with an objective in the area, that ended within
/// `window_months` before the period's end (and not after it). `None`: "ej verifierad genom
/// övning".
pub fn verifying<'a>(
    exercises: &'a [ExerciseEvidence],
    forvaltning: i64,
    capability: &str,
    period: Period,
    window_months: u32,
) -> Option<&'a ExerciseEvidence> {
    let end = period.last_day();
    let start = end
        .checked_sub_months(Months::new(window_months))
        .unwrap_or(NaiveDate::MIN);
    exercises
        .iter()
        .filter(|x| x.ended_on > start && x.ended_on <= end)
        .filter(|x| x.forvaltningar.contains(&forvaltning))
        .filter(|x| x.capability_codes.iter().any(|c| c == capability))
        .max_by_key(|x| x.ended_on)
}

/// The day the [`verifying`] exercise ended.
pub fn verifying_exercise(
    exercises: &[ExerciseEvidence],
    forvaltning: i64,
    capability: &str,
    period: Period,
    window_months: u32,
) -> Option<NaiveDate> {
    verifying(exercises, forvaltning, capability, period, window_months).map(|x| x.ended_on)
}

/// The median of levels, rounded down; `None` for none.
pub fn median(levels: &[Level]) -> Option<Level> {
    let mut v: Vec<Level> = levels.iter().copied().filter(|l| l.is_assessed()).collect();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some(Level((v[n / 2 - 1].0 + v[n / 2].0) / 2)),
    }
}

/// The region's assessment settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessSettings {
    pub period_kind: PeriodKind,
    pub rule: Rule,
    /// How many months before a period's end an exercise may have ended to verify a level.
    pub evidence_months: u32,
    pub default_target: Level,
    pub version: i64,
}

impl ReadinessSettings {
    /// The period of the region's kind that contains `day`.
    pub fn period_of(&self, day: NaiveDate) -> Period {
        Period::containing(self.period_kind, day)
    }
}

/// The settings form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsInput {
    #[serde(default)]
    pub period_kind: String,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub evidence_months: String,
    #[serde(default)]
    pub default_target: String,
}

pub const EVIDENCE_MONTHS_MAX: u32 = 120;

impl SettingsInput {
    /// The settings to save, at `version`.
    pub fn parse(&self, version: i64) -> Result<ReadinessSettings, FieldErrors> {
        let mut e = FieldErrors::new();
        let period_kind = PeriodKind::from_code(self.period_kind.trim());
        if period_kind.is_none() {
            e.add("period_kind", Msg::PeriodKindRequired);
        }
        let rule = Rule::from_code(self.rule.trim());
        if rule.is_none() {
            e.add("rule", Msg::RuleRequired);
        }
        let months = self
            .evidence_months
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=EVIDENCE_MONTHS_MAX).contains(m));
        if months.is_none() {
            e.add(
                "evidence_months",
                Msg::EvidenceMonthsRange {
                    max: EVIDENCE_MONTHS_MAX as usize,
                },
            );
        }
        let default_target = level(&mut e, "default_target", &self.default_target, false);
        e.into_result(())?;
        Ok(ReadinessSettings {
            period_kind: period_kind.unwrap_or(PeriodKind::HalfYear),
            rule: rule.unwrap_or(Rule::Minimum),
            evidence_months: months.unwrap_or(24),
            default_target,
            version,
        })
    }
}

pub const LEVEL_LABEL_MAX: usize = 60;
pub const ANCHOR_MAX: usize = 500;

/// A level's texts as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelTextInput {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub anchor: String,
}

impl LevelTextInput {
    pub fn parse(&self, level: Level) -> Result<LevelText, FieldErrors> {
        let mut e = FieldErrors::new();
        let label = super::validation::required_text(
            &mut e,
            "label",
            Label::LevelLabel,
            &self.label,
            LEVEL_LABEL_MAX,
        );
        let anchor = super::validation::required_text(
            &mut e,
            "anchor",
            Label::Anchor,
            &self.anchor,
            ANCHOR_MAX,
        );
        e.into_result(LevelText {
            level,
            label,
            anchor,
        })
    }
}

/// A level's label and anchor text on the region's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelText {
    pub level: Level,
    pub label: String,
    pub anchor: String,
}

/// Who did something, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
}

/// The last approval of an assessment: what the heatmap shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub version: i64,
    pub level: Level,
    pub target: Level,
    pub by: Person,
    pub at: DateTime<Utc>,
}

/// One assessment with its current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: i64,
    pub forvaltning: ForvaltningRef,
    pub capability_code: String,
    pub capability_title: String,
    pub period: Period,
    pub version: i64,
    pub status: AssessmentStatus,
    pub level: Level,
    pub content: AssessmentContent,
    pub assessor: Person,
    pub approval: Option<Approval>,
    pub updated_at: DateTime<Utc>,
}

/// One saved version: the step that made it, by whom and when, and the content then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentVersion {
    pub version: i64,
    pub step: Step,
    pub status: AssessmentStatus,
    pub level: Level,
    pub content: AssessmentContent,
    pub comment: String,
    pub by: Person,
    pub at: DateTime<Utc>,
}

/// An assessment as a cell of the grid, the heatmap and the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentCell {
    pub id: i64,
    pub forvaltning_id: i64,
    pub capability_code: String,
    pub period: Period,
    pub version: i64,
    pub status: AssessmentStatus,
    pub level: Level,
    pub target: Level,
    pub approved: Option<(Level, Level)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(v: [u8; 5]) -> Scores {
        Scores(v.map(|n| Level::new(i64::from(n)).unwrap()))
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_minimum_rule_takes_the_weakest_assessed_dimension() {
        assert_eq!(Rule::Minimum.derive(&scores([3, 4, 2, 5, 4])).get(), 2);
        assert_eq!(
            Rule::Minimum.derive(&scores([3, 0, 4, 0, 0])).get(),
            3,
            "0 is left out"
        );
    }

    #[test]
    fn the_median_rule_rounds_down_between_the_middle_values() {
        assert_eq!(Rule::Median.derive(&scores([1, 4, 2, 5, 4])).get(), 4);
        assert_eq!(
            Rule::Median.derive(&scores([2, 3, 0, 0, 0])).get(),
            2,
            "(2+3)/2 down"
        );
        assert_eq!(
            Rule::Median.derive(&scores([2, 5, 4, 3, 0])).get(),
            3,
            "(3+4)/2 down"
        );
    }

    #[test]
    fn nothing_assessed_is_ej_bedomd_under_every_rule() {
        for rule in Rule::ALL {
            assert_eq!(rule.derive(&scores([0; 5])), Level::NOT_ASSESSED);
        }
    }

    #[test]
    fn a_shortfall_is_an_assessed_level_below_target() {
        assert!(is_shortfall(Level(2), Level::BASIC));
        assert!(!is_shortfall(Level(3), Level::BASIC));
        assert!(!is_shortfall(Level::NOT_ASSESSED, Level::BASIC));
    }

    #[test]
    fn periods_parse_print_and_step() {
        let p = Period::parse("2025H2").unwrap();
        assert_eq!((p.code(), p.label()), ("2025H2".into(), "H2 2025".into()));
        assert_eq!(p.next().code(), "2026H1");
        assert_eq!(p.previous().previous().code(), "2024H2");
        assert_eq!(Period::parse("2026").unwrap().last_day(), day("2026-12-31"));
        assert_eq!(
            Period::parse("2026h1").unwrap().last_day(),
            day("2026-06-30")
        );
        assert_eq!(
            Period::parse("2025H2").unwrap().first_day(),
            day("2025-07-01")
        );
        for bad in ["2025H3", "H1", "abc", "2025H", "99999"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Period::containing(PeriodKind::HalfYear, day("2026-12-01")).code(),
            "2026H2"
        );
        let codes: Vec<String> = Period::parse("2026H1")
            .unwrap()
            .last_n(3)
            .iter()
            .map(|p| p.code())
            .collect();
        assert_eq!(codes, ["2025H1", "2025H2", "2026H1"]);
    }

    #[test]
    fn the_workflow_goes_draft_submitted_approved_and_back_only_from_submitted() {
        use AssessmentStatus::*;
        assert_eq!(Step::Submit.apply(Draft), Ok(Submitted));
        assert_eq!(Step::Approve.apply(Submitted), Ok(Approved));
        assert_eq!(Step::Return.apply(Submitted), Ok(Draft));
        assert_eq!(
            Step::Update.apply(Approved),
            Ok(Draft),
            "a change starts a new draft"
        );
        assert_eq!(Step::Approve.apply(Draft), Err(Msg::AssessmentNotSubmitted));
        assert_eq!(Step::Submit.apply(Approved), Err(Msg::AssessmentNotDraft));
        assert_eq!(
            Step::Return.apply(Approved),
            Err(Msg::AssessmentNotSubmitted)
        );
    }

    fn input(levels: [&str; 5], target: &str, justification: &str) -> AssessmentInput {
        AssessmentInput {
            plans: levels[0].into(),
            organisation: levels[1].into(),
            equipment: levels[2].into(),
            training: levels[3].into(),
            exercises: levels[4].into(),
            target: target.into(),
            justification: justification.into(),
            assessed_on: "2026-06-15".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_level_outside_the_scale_and_a_missing_target_are_field_messages() {
        let today = day("2026-12-01");
        let e = input(["7", "3", "x", "", "3"], "", "")
            .parse(Rule::Minimum, today)
            .unwrap_err();
        assert_eq!(e.get("plans"), Some(&Msg::LevelRange));
        assert_eq!(e.get("equipment"), Some(&Msg::LevelRange));
        assert_eq!(e.get("training"), None, "empty is Ej bedömd");
        assert_eq!(e.get("target"), Some(&Msg::TargetRange));
        let e = input(["3"; 5], "0", "")
            .parse(Rule::Minimum, today)
            .unwrap_err();
        assert_eq!(
            e.get("target"),
            Some(&Msg::TargetRange),
            "the target is 1–5"
        );
    }

    #[test]
    fn below_target_needs_a_justification_under_the_regions_rule() {
        let today = day("2026-12-01");
        let i = input(["2", "4", "4", "4", "4"], "3", "");
        assert_eq!(
            i.parse(Rule::Minimum, today)
                .unwrap_err()
                .get("justification"),
            Some(&Msg::JustificationBelowTarget)
        );
        assert!(i.parse(Rule::Median, today).is_ok(), "the median is 4");
        let ok = input(["2", "4", "4", "4", "4"], "3", "Reservkraften saknas.")
            .parse(Rule::Minimum, today)
            .unwrap();
        assert_eq!(Rule::Minimum.derive(&ok.scores).get(), 2);
        assert!(
            input(["0"; 5], "3", "").parse(Rule::Minimum, today).is_ok(),
            "Ej bedömd is no shortfall"
        );
    }

    #[test]
    fn lines_evidence_and_the_day_are_parsed_and_checked() {
        let today = day("2026-12-01");
        let mut i = input(["3"; 5], "3", "");
        i.shortcomings = "- Reservkraft saknas\n\n• Rutin för TiB saknas ".into();
        i.evidence = vec!["4:12".into(), "4".into(), "4:12".into()];
        let c = i.parse(Rule::Minimum, today).unwrap();
        assert_eq!(
            c.shortcomings,
            ["Reservkraft saknas", "Rutin för TiB saknas"]
        );
        assert_eq!(
            c.evidence,
            [
                EvidenceRef {
                    exercise_id: 4,
                    objective_id: None
                },
                EvidenceRef {
                    exercise_id: 4,
                    objective_id: Some(12)
                }
            ]
        );
        i.evidence = vec!["fyra".into()];
        i.assessed_on = "2027-01-01".into();
        i.measures = "x".repeat(LINE_MAX + 1);
        let e = i.parse(Rule::Minimum, today).unwrap_err();
        assert_eq!(e.get("evidence"), Some(&Msg::UnknownEvidence));
        assert_eq!(e.get("assessed_on"), Some(&Msg::AssessedInFuture));
        assert_eq!(
            e.get("measures"),
            Some(&Msg::LineTooLong {
                label: Label::Measures,
                max: LINE_MAX
            })
        );
    }

    fn exercise(id: i64, ended: &str, fs: &[i64], caps: &[&str]) -> ExerciseEvidence {
        ExerciseEvidence {
            exercise_id: id,
            ended_on: day(ended),
            forvaltningar: fs.to_vec(),
            capability_codes: caps.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn a_level_is_verified_by_a_conducted_exercise_of_that_forvaltning_and_area_in_the_window() {
        let xs = [
            exercise(1, "2023-03-01", &[1], &["CA02"]),
            exercise(2, "2025-04-24", &[1, 2], &["CA02", "CA09"]),
            exercise(3, "2026-09-01", &[1], &["CA02"]),
        ];
        let h1 = Period::parse("2026H1").unwrap();
        assert_eq!(
            verifying_exercise(&xs, 1, "CA02", h1, 24),
            Some(day("2025-04-24"))
        );
        assert_eq!(
            verifying_exercise(&xs, 2, "CA09", h1, 24),
            Some(day("2025-04-24"))
        );
        assert_eq!(
            verifying_exercise(&xs, 3, "CA02", h1, 24),
            None,
            "did not take part"
        );
        assert_eq!(
            verifying_exercise(&xs, 2, "CA01", h1, 24),
            None,
            "no objective in the area"
        );
        assert_eq!(
            verifying_exercise(&xs, 1, "CA02", h1, 12),
            None,
            "older than the window"
        );
        let h2 = Period::parse("2026H2").unwrap();
        assert_eq!(
            verifying_exercise(&xs, 1, "CA02", h2, 24),
            Some(day("2026-09-01"))
        );
        assert_eq!(
            verifying_exercise(&xs, 1, "CA02", Period::parse("2023H1").unwrap(), 24),
            Some(day("2023-03-01")),
            "exercises after the period do not count"
        );
    }

    #[test]
    fn the_median_of_levels_leaves_out_ej_bedomd_and_rounds_down() {
        let l = |v: &[u8]| v.iter().map(|n| Level(*n)).collect::<Vec<_>>();
        assert_eq!(median(&l(&[2, 3, 4, 0])), Some(Level(3)));
        assert_eq!(median(&l(&[2, 3, 4, 5])), Some(Level(3)));
        assert_eq!(median(&l(&[0, 0])), None);
    }

    #[test]
    fn settings_and_level_texts_are_checked() {
        let ok = SettingsInput {
            period_kind: "year".into(),
            rule: "median".into(),
            evidence_months: "36".into(),
            default_target: "4".into(),
        };
        let s = ok.parse(7).unwrap();
        assert_eq!(
            (
                s.period_kind,
                s.rule,
                s.evidence_months,
                s.default_target.get(),
                s.version
            ),
            (PeriodKind::Year, Rule::Median, 36, 4, 7)
        );
        let bad = SettingsInput {
            period_kind: "kvartal".into(),
            rule: "".into(),
            evidence_months: "0".into(),
            default_target: "6".into(),
        };
        let e = bad.parse(1).unwrap_err();
        assert_eq!(e.get("period_kind"), Some(&Msg::PeriodKindRequired));
        assert_eq!(e.get("rule"), Some(&Msg::RuleRequired));
        assert_eq!(
            e.get("evidence_months"),
            Some(&Msg::EvidenceMonthsRange { max: 120 })
        );
        assert_eq!(e.get("default_target"), Some(&Msg::TargetRange));
        let e = LevelTextInput {
            label: " ".into(),
            anchor: "x".repeat(ANCHOR_MAX + 1),
        }
        .parse(Level::BASIC)
        .unwrap_err();
        assert_eq!(
            e.get("label"),
            Some(&Msg::Required {
                label: Label::LevelLabel
            })
        );
        assert_eq!(
            e.get("anchor"),
            Some(&Msg::TooLong {
                label: Label::Anchor,
                max: ANCHOR_MAX
            })
        );
    }

    #[test]
    fn evidence_refs_round_trip() {
        for code in ["12", "12:40"] {
            assert_eq!(EvidenceRef::parse(code).unwrap().code(), code);
        }
        assert_eq!(EvidenceRef::parse("12:x"), None);
    }
}
