//! NÖK fulfilment: how far the region has come on each requirement area of an agreement version,
//! judged from checklist criteria (domain.md §3.3, §3.6), and the rollover of an agreement into
//! the next version with a mapping of its requirement areas.
//!
//! A requirement area's criteria are *grundläggande krav* (the minimum to meet the agreement) or
//! *kvalitetsmått* (quality measures), the split of MSB's gemensamma bedömningskriterier. The
//! status is suggested from them ([`suggest`]); a planner may set another with a reason.

use super::catalogue::{Agreement, AgreementInput, RequirementArea, ValidAgreement, parse_date};
use super::exercise::ForvaltningRef;
use super::message::{Label, Msg};
use super::readiness::Person;
use super::validation::{FieldErrors, optional_text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The follow-up status of a requirement area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FulfilmentStatus {
    NotStarted,
    Started,
    Partly,
    Met,
    NotApplicable,
}

impl FulfilmentStatus {
    pub const ALL: [Self; 5] = [
        Self::NotStarted,
        Self::Started,
        Self::Partly,
        Self::Met,
        Self::NotApplicable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "ej_paborjad",
            Self::Started => "paborjad",
            Self::Partly => "delvis",
            Self::Met => "uppfylld",
            Self::NotApplicable => "ej_tillampligt",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the area still needs work (and so can be overdue).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Met | Self::NotApplicable)
    }
}

/// Which half of the checklist a criterion belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CriterionKind {
    /// Grundläggande krav: all of them met is what meeting the agreement means.
    Basic,
    /// Kvalitetsmått: shown as a share beside the status.
    Quality,
}

impl CriterionKind {
    pub const ALL: [Self; 2] = [Self::Basic, Self::Quality];

    pub fn code(self) -> &'static str {
        match self {
            Self::Basic => "grundlaggande",
            Self::Quality => "kvalitet",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A checklist line of a requirement area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: i64,
    pub requirement_id: i64,
    pub position: i64,
    pub kind: CriterionKind,
    pub text: String,
    /// A retired line counts no more; what was ticked against it stays in the history.
    pub active: bool,
}

/// What the criteria say about an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub status: FulfilmentStatus,
    pub basic_met: usize,
    pub basic_total: usize,
    pub quality_met: usize,
    pub quality_total: usize,
}

/// The status the criteria suggest: Uppfylld when every grundläggande krav is met, Delvis
/// uppfylld when some are, Påbörjad when work is recorded (a kvalitetsmått met, evidence, a note
/// of progress) but no grundläggande krav is met, Ej påbörjad otherwise. An area without any
/// grundläggande krav cannot be suggested as met: nothing says what meeting it means.
pub fn suggest(criteria: &[Criterion], met: &BTreeSet<i64>, work_recorded: bool) -> Suggestion {
    let count = |kind: CriterionKind| {
        let lines = criteria.iter().filter(|c| c.active && c.kind == kind);
        let total = lines.clone().count();
        let met = lines.filter(|c| met.contains(&c.id)).count();
        (met, total)
    };
    let (basic_met, basic_total) = count(CriterionKind::Basic);
    let (quality_met, quality_total) = count(CriterionKind::Quality);
    let status = if basic_total > 0 && basic_met == basic_total {
        FulfilmentStatus::Met
    } else if basic_met > 0 {
        FulfilmentStatus::Partly
    } else if work_recorded || quality_met > 0 {
        FulfilmentStatus::Started
    } else {
        FulfilmentStatus::NotStarted
    };
    Suggestion {
        status,
        basic_met,
        basic_total,
        quality_met,
        quality_total,
    }
}

/// A criterion ticked as met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetCriterion {
    pub criterion_id: i64,
    pub by: Person,
    pub at: DateTime<Utc>,
}

/// What a piece of evidence is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceKind {
    Exercise {
        id: i64,
        name: String,
        /// The day it ended, when conducted; `None` while it is still planned.
        conducted_on: Option<NaiveDate>,
    },
    Assessment {
        id: i64,
        label: String,
    },
    Document(String),
}

/// Evidence of a fulfilment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The stored row; `None` for an exercise counted automatically.
    pub id: Option<i64>,
    pub kind: EvidenceKind,
    /// "K4 · Överenskommelse 2024–2026" when a rollover carried it here.
    pub carried_from: String,
}

impl Evidence {
    /// Whether it shows that work was done: a planned exercise does not (yet).
    pub fn counts(&self) -> bool {
        !matches!(
            self.kind,
            EvidenceKind::Exercise {
                conducted_on: None,
                ..
            }
        )
    }
}

/// The region's (or a förvaltning's) work on one requirement area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fulfilment {
    /// `None`: nobody has started; the fields are empty.
    pub id: Option<i64>,
    pub requirement_id: i64,
    /// `None` for the region as a whole.
    pub forvaltning: Option<ForvaltningRef>,
    pub version: i64,
    pub manual: Option<FulfilmentStatus>,
    pub reason: String,
    pub responsible: String,
    pub due_on: Option<NaiveDate>,
    pub progress: String,
    pub met: Vec<MetCriterion>,
    pub evidence: Vec<Evidence>,
}

impl Fulfilment {
    /// A fulfilment nobody has started.
    pub fn empty(requirement_id: i64, forvaltning: Option<ForvaltningRef>) -> Self {
        Self {
            id: None,
            requirement_id,
            forvaltning,
            version: 0,
            manual: None,
            reason: String::new(),
            responsible: String::new(),
            due_on: None,
            progress: String::new(),
            met: Vec::new(),
            evidence: Vec::new(),
        }
    }

    pub fn met_ids(&self) -> BTreeSet<i64> {
        self.met.iter().map(|m| m.criterion_id).collect()
    }

    pub fn work_recorded(&self) -> bool {
        !self.progress.trim().is_empty() || self.evidence.iter().any(Evidence::counts)
    }

    pub fn suggestion(&self, criteria: &[Criterion]) -> Suggestion {
        suggest(criteria, &self.met_ids(), self.work_recorded())
    }

    /// The status shown: the manual one when set, else the suggestion.
    pub fn status(&self, criteria: &[Criterion]) -> FulfilmentStatus {
        self.manual
            .unwrap_or_else(|| self.suggestion(criteria).status)
    }
}

/// How many days ahead a due date counts as soon.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where a due date stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Due {
    /// Past its date and still open, by this many days.
    Overdue(i64),
    /// Open and due within [`DUE_SOON_DAYS`], in this many days (0 is today).
    Soon(i64),
    Later,
    /// Met, not applicable, or no date.
    NotDue,
}

pub fn due(due_on: Option<NaiveDate>, status: FulfilmentStatus, today: NaiveDate) -> Due {
    let Some(day) = due_on.filter(|_| status.is_open()) else {
        return Due::NotDue;
    };
    let days = (day - today).num_days();
    if days < 0 {
        Due::Overdue(-days)
    } else if days <= DUE_SOON_DAYS {
        Due::Soon(days)
    } else {
        Due::Later
    }
}

/// The region's status of an area followed per förvaltning: the least advanced förvaltning's,
/// leaving out those for which it does not apply; not applicable when it applies to none.
pub fn combined(statuses: &[FulfilmentStatus]) -> FulfilmentStatus {
    statuses
        .iter()
        .copied()
        .filter(|s| *s != FulfilmentStatus::NotApplicable)
        .min()
        .unwrap_or(if statuses.is_empty() {
            FulfilmentStatus::NotStarted
        } else {
            FulfilmentStatus::NotApplicable
        })
}

/// The status form: a status code, or empty to follow the suggestion, and the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusInput {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub reason: String,
}

/// Most characters of a reason or a note.
pub const REASON_MAX: usize = 2000;

impl StatusInput {
    /// The manual status to store (`None`: follow the suggestion) and its reason. A status equal
    /// to the suggestion is the suggestion; any other needs a reason.
    pub fn parse(
        &self,
        suggested: FulfilmentStatus,
    ) -> Result<(Option<FulfilmentStatus>, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let reason = optional_text(&mut e, "reason", Label::Reason, &self.reason, REASON_MAX);
        let status = match self.status.trim() {
            "" | "forslag" => None,
            code => match FulfilmentStatus::from_code(code) {
                Some(s) if s == suggested => None,
                Some(s) => Some(s),
                None => {
                    e.add("status", Msg::UnknownStatus);
                    None
                }
            },
        };
        if status.is_some() && reason.is_empty() {
            e.add("reason", Msg::StatusReasonRequired);
        }
        let reason = if status.is_some() {
            reason
        } else {
            String::new()
        };
        e.into_result((status, reason))
    }
}

/// The details form: who is responsible, by when, and what has been done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailsInput {
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub progress: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    pub responsible: String,
    pub due_on: Option<NaiveDate>,
    pub progress: String,
}

impl DetailsInput {
    pub fn parse(&self) -> Result<Details, FieldErrors> {
        let mut e = FieldErrors::new();
        let responsible = optional_text(
            &mut e,
            "responsible",
            Label::Responsible,
            &self.responsible,
            200,
        );
        let due_on = parse_date(&mut e, "due_on", &self.due_on, false);
        let progress = optional_text(
            &mut e,
            "progress",
            Label::Progress,
            &self.progress,
            REASON_MAX,
        );
        e.into_result(Details {
            responsible,
            due_on,
            progress,
        })
    }
}

/// Most characters of a document reference.
pub const DOCUMENT_MAX: usize = 300;

/// A document reference added as evidence ("Regionstyrelsen 2025-03-12 § 45", a diarienummer).
pub fn parse_document(raw: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let text =
        super::validation::required_text(&mut e, "document", Label::Document, raw, DOCUMENT_MAX);
    e.into_result(text)
}

/// The checklist form of an area: one line per criterion, grundläggande krav and kvalitetsmått
/// apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriteriaInput {
    #[serde(default)]
    pub basic: String,
    #[serde(default)]
    pub quality: String,
}

/// Most lines of each kind, and characters per line.
pub const CRITERIA_MAX: usize = 30;
pub const CRITERION_MAX: usize = 500;

impl CriteriaInput {
    /// The lines, in order, each with its kind; blank lines are skipped, repeats dropped.
    pub fn parse(&self) -> Result<Vec<(CriterionKind, String)>, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut out: Vec<(CriterionKind, String)> = Vec::new();
        for (field, label, kind, raw) in [
            (
                "basic",
                Label::BasicCriteria,
                CriterionKind::Basic,
                &self.basic,
            ),
            (
                "quality",
                Label::QualityCriteria,
                CriterionKind::Quality,
                &self.quality,
            ),
        ] {
            let lines: Vec<&str> = raw
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if lines.len() > CRITERIA_MAX {
                e.add(
                    field,
                    Msg::TooManyLines {
                        label,
                        max: CRITERIA_MAX,
                    },
                );
            }
            if lines.iter().any(|l| l.chars().count() > CRITERION_MAX) {
                e.add(
                    field,
                    Msg::LineTooLong {
                        label,
                        max: CRITERION_MAX,
                    },
                );
            }
            for line in lines {
                if !out.iter().any(|(k, t)| *k == kind && t == line) {
                    out.push((kind, line.to_string()));
                }
            }
        }
        e.into_result(out)
    }
}

/// What a rollover did to a requirement area, seen from the old version or the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MappingKind {
    /// One old area continues as one new area.
    Kept,
    /// Several old areas continue as one.
    Merged,
    /// One old area continues as several.
    Split,
    /// A new area continues nothing.
    New,
    /// An old area continues as nothing.
    Dropped,
}

/// How each area of a rollover's two versions was mapped, from the pairs (old id, new id).
pub fn mapping_kinds(
    pairs: &[(i64, i64)],
    old: &[i64],
    new: &[i64],
) -> (BTreeMap<i64, MappingKind>, BTreeMap<i64, MappingKind>) {
    let targets = |o: i64| pairs.iter().filter(move |(f, _)| *f == o).map(|(_, t)| *t);
    let sources = |n: i64| pairs.iter().filter(move |(_, t)| *t == n).map(|(f, _)| *f);
    let old_kinds = old
        .iter()
        .map(|&o| {
            let to: Vec<i64> = targets(o).collect();
            let kind = match to.as_slice() {
                [] => MappingKind::Dropped,
                [t] if sources(*t).count() > 1 => MappingKind::Merged,
                [_] => MappingKind::Kept,
                _ => MappingKind::Split,
            };
            (o, kind)
        })
        .collect();
    let new_kinds = new
        .iter()
        .map(|&n| {
            let from: Vec<i64> = sources(n).collect();
            let kind = match from.as_slice() {
                [] => MappingKind::New,
                [f] if targets(*f).count() > 1 => MappingKind::Split,
                [_] => MappingKind::Kept,
                _ => MappingKind::Merged,
            };
            (n, kind)
        })
        .collect();
    (old_kinds, new_kinds)
}

/// The rollover form: the new version's own fields, for each area of the previous version the
/// codes of the new areas it continues as (empty: dropped; several: split; the same code on two
/// areas: merged), and new areas, one per line as `KOD Benämning`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolloverInput {
    pub agreement: AgreementInput,
    /// Keyed by the id of an area of the previous version.
    #[serde(default)]
    pub targets: BTreeMap<String, String>,
    #[serde(default)]
    pub new_areas: String,
}

/// An area of the new version, and the old areas it continues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedArea {
    pub code: String,
    pub title: String,
    /// Ids of the old areas, in the old version's order. The first lends the new area its
    /// deliverable, cadence, recipient, source and scope; all lend their criteria.
    pub from: Vec<i64>,
}

/// A validated rollover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RolloverPlan {
    pub agreement: ValidAgreement,
    pub areas: Vec<PlannedArea>,
}

/// Most areas a version may have.
pub const AREAS_MAX: usize = 60;

fn valid_code(code: &str) -> bool {
    !code.is_empty() && code.chars().count() <= 8 && code.chars().all(|c| c.is_ascii_alphanumeric())
}

impl RolloverInput {
    /// Checks the form against the previous version `old`: every mapped id must be one of its
    /// areas (an area of another agreement is refused), codes well formed, the new version
    /// starting after the old one did. An old area the form leaves out is kept under its code.
    pub fn parse(&self, old: &Agreement) -> Result<RolloverPlan, FieldErrors> {
        let mut e = FieldErrors::new();
        let agreement = match self.agreement.parse() {
            Ok(a) => Some(a),
            Err(errors) => {
                e.0.extend(errors.0);
                None
            }
        };
        if let Some(a) = &agreement
            && a.valid_from <= old.valid_from
        {
            e.add("valid_from", Msg::RolloverStartsTooEarly);
        }
        for key in self.targets.keys() {
            let known = key
                .parse::<i64>()
                .ok()
                .is_some_and(|id| old.requirements.iter().any(|r| r.id == id));
            if !known {
                e.add("targets", Msg::MappingOtherAgreement);
                break;
            }
        }
        let mut areas: Vec<PlannedArea> = Vec::new();
        for r in &old.requirements {
            let raw = self
                .targets
                .get(&r.id.to_string())
                .cloned()
                .unwrap_or_else(|| r.code.clone());
            let field = format!("targets[{}]", r.id);
            for code in super::text::split_list(&raw) {
                if !valid_code(&code) {
                    e.add(field.clone(), Msg::CodeAlphanumeric);
                    continue;
                }
                match areas.iter_mut().find(|a| a.code == code) {
                    Some(a) => a.from.push(r.id),
                    None => areas.push(PlannedArea {
                        title: r.title.clone(),
                        code,
                        from: vec![r.id],
                    }),
                }
            }
        }
        for line in self
            .new_areas
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let (code, title) = line
                .split_once(char::is_whitespace)
                .map(|(c, t)| {
                    (
                        c.trim(),
                        t.trim().trim_start_matches(['–', '-', ':']).trim(),
                    )
                })
                .unwrap_or((line, ""));
            if !valid_code(code) || title.is_empty() {
                e.add("new_areas", Msg::NewAreaLine);
                continue;
            }
            if title.chars().count() > 200 {
                e.add(
                    "new_areas",
                    Msg::TooLong {
                        label: Label::RequirementTitle,
                        max: 200,
                    },
                );
                continue;
            }
            match areas.iter_mut().find(|a| a.code == code) {
                // A line naming a continuing code renames it (a merged area's new title).
                Some(a) => a.title = title.to_string(),
                None => areas.push(PlannedArea {
                    code: code.to_string(),
                    title: title.to_string(),
                    from: Vec::new(),
                }),
            }
        }
        if areas.is_empty() {
            e.add("new_areas", Msg::RolloverWithoutAreas);
        }
        if areas.len() > AREAS_MAX {
            e.add("new_areas", Msg::TooManyAreas { max: AREAS_MAX });
        }
        match agreement {
            Some(agreement) if e.is_empty() => Ok(RolloverPlan { agreement, areas }),
            _ => Err(e),
        }
    }
}

/// An area as the NÖK chart and the dashboard show it: its status, its grundläggande krav and
/// kvalitetsmått met (summed over förvaltningar when followed per förvaltning), its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NokRow {
    pub requirement_id: i64,
    pub code: String,
    pub title: String,
    pub status: FulfilmentStatus,
    pub basic: (usize, usize),
    pub quality: (usize, usize),
    pub due_on: Option<NaiveDate>,
    pub due: Due,
}

/// One row of a version's fulfilment overview: the area, its checklist and where the region
/// (or each förvaltning) stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaStatus {
    pub requirement: RequirementArea,
    pub criteria: Vec<Criterion>,
    /// One for the region, or one per active förvaltning when followed per förvaltning.
    pub fulfilments: Vec<Fulfilment>,
}

impl AreaStatus {
    /// The region's status: the fulfilment's, or the least advanced förvaltning's.
    pub fn status(&self) -> FulfilmentStatus {
        let statuses: Vec<FulfilmentStatus> = self
            .fulfilments
            .iter()
            .map(|f| f.status(&self.criteria))
            .collect();
        combined(&statuses)
    }

    /// The earliest due date of an open fulfilment.
    pub fn due_on(&self) -> Option<NaiveDate> {
        self.fulfilments
            .iter()
            .filter(|f| f.status(&self.criteria).is_open())
            .filter_map(|f| f.due_on)
            .min()
    }

    pub fn due(&self, today: NaiveDate) -> Due {
        due(self.due_on(), self.status(), today)
    }

    /// The area as a row of the NÖK chart.
    pub fn row(&self, today: NaiveDate) -> NokRow {
        let (bm, bt) = self
            .fulfilments
            .iter()
            .map(|f| f.suggestion(&self.criteria))
            .fold((0, 0), |(m, t), s| (m + s.basic_met, t + s.basic_total));
        NokRow {
            requirement_id: self.requirement.id,
            code: self.requirement.code.clone(),
            title: self.requirement.title.clone(),
            status: self.status(),
            basic: (bm, bt),
            quality: self.quality(),
            due_on: self.due_on(),
            due: self.due(today),
        }
    }

    /// Kvalitetsmått met over all fulfilments, and how many there are to meet.
    pub fn quality(&self) -> (usize, usize) {
        self.fulfilments
            .iter()
            .map(|f| f.suggestion(&self.criteria))
            .fold((0, 0), |(m, t), s| (m + s.quality_met, t + s.quality_total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(id: i64, kind: CriterionKind) -> Criterion {
        Criterion {
            id,
            requirement_id: 1,
            position: id,
            kind,
            text: format!("Kriterium {id}"),
            active: true,
        }
    }

    fn checklist() -> Vec<Criterion> {
        vec![
            criterion(1, CriterionKind::Basic),
            criterion(2, CriterionKind::Basic),
            criterion(3, CriterionKind::Quality),
            criterion(4, CriterionKind::Quality),
        ]
    }

    fn met(ids: &[i64]) -> BTreeSet<i64> {
        ids.iter().copied().collect()
    }

    #[test]
    fn every_basic_criterion_met_suggests_met_whatever_the_quality_measures() {
        let s = suggest(&checklist(), &met(&[1, 2]), false);
        assert_eq!(s.status, FulfilmentStatus::Met);
        assert_eq!((s.basic_met, s.basic_total), (2, 2));
        assert_eq!((s.quality_met, s.quality_total), (0, 2));
    }

    #[test]
    fn some_basic_criteria_met_suggests_partly() {
        let s = suggest(&checklist(), &met(&[2, 3, 4]), false);
        assert_eq!(s.status, FulfilmentStatus::Partly);
        assert_eq!(s.quality_met, 2);
    }

    #[test]
    fn recorded_work_without_a_basic_criterion_suggests_started() {
        assert_eq!(
            suggest(&checklist(), &met(&[]), true).status,
            FulfilmentStatus::Started
        );
        assert_eq!(
            suggest(&checklist(), &met(&[3]), false).status,
            FulfilmentStatus::Started,
            "a quality measure met is work recorded"
        );
        assert_eq!(
            suggest(&checklist(), &met(&[]), false).status,
            FulfilmentStatus::NotStarted
        );
    }

    #[test]
    fn retired_criteria_and_unknown_ticks_do_not_count() {
        let mut list = checklist();
        list[1].active = false;
        let s = suggest(&list, &met(&[1, 99]), false);
        assert_eq!(s.status, FulfilmentStatus::Met, "the one active basic line");
        assert_eq!(s.basic_total, 1);
    }

    #[test]
    fn an_area_without_basic_criteria_is_never_suggested_as_met() {
        let list = vec![criterion(3, CriterionKind::Quality)];
        assert_eq!(
            suggest(&list, &met(&[3]), true).status,
            FulfilmentStatus::Started
        );
        assert_eq!(
            suggest(&[], &met(&[]), false).status,
            FulfilmentStatus::NotStarted
        );
    }

    #[test]
    fn a_planned_exercise_is_not_work_done_but_a_conducted_one_is() {
        let mut f = Fulfilment::empty(1, None);
        f.evidence.push(Evidence {
            id: None,
            kind: EvidenceKind::Exercise {
                id: 7,
                name: "Övning".into(),
                conducted_on: None,
            },
            carried_from: String::new(),
        });
        assert!(!f.work_recorded());
        f.evidence[0].kind = EvidenceKind::Exercise {
            id: 7,
            name: "Övning".into(),
            conducted_on: NaiveDate::from_ymd_opt(2026, 3, 4),
        };
        assert!(f.work_recorded());
        assert_eq!(f.status(&checklist()), FulfilmentStatus::Started);
    }

    #[test]
    fn a_manual_status_other_than_the_suggestion_needs_a_reason() {
        let input = StatusInput {
            status: "uppfylld".into(),
            reason: "  ".into(),
        };
        let e = input.parse(FulfilmentStatus::Partly).unwrap_err();
        assert_eq!(e.get("reason"), Some(&Msg::StatusReasonRequired));
        let ok = StatusInput {
            reason: "Beslut i RS 2026-05-12 § 88".into(),
            ..input
        };
        assert_eq!(
            ok.parse(FulfilmentStatus::Partly).unwrap(),
            (
                Some(FulfilmentStatus::Met),
                "Beslut i RS 2026-05-12 § 88".to_string()
            )
        );
    }

    #[test]
    fn choosing_the_suggestion_follows_it_and_drops_the_reason() {
        let input = StatusInput {
            status: "delvis".into(),
            reason: "gammal motivering".into(),
        };
        assert_eq!(
            input.parse(FulfilmentStatus::Partly).unwrap(),
            (None, String::new())
        );
        let follow = StatusInput::default();
        assert_eq!(
            follow.parse(FulfilmentStatus::Met).unwrap(),
            (None, String::new())
        );
        let unknown = StatusInput {
            status: "klar".into(),
            reason: "x".into(),
        };
        assert_eq!(
            unknown
                .parse(FulfilmentStatus::Met)
                .unwrap_err()
                .get("status"),
            Some(&Msg::UnknownStatus)
        );
    }

    #[test]
    fn open_areas_past_their_date_are_overdue_and_soon_within_thirty_days() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        assert_eq!(
            due(day(11, 30), FulfilmentStatus::Partly, today),
            Due::Overdue(2)
        );
        assert_eq!(
            due(day(12, 2), FulfilmentStatus::Started, today),
            Due::Soon(0)
        );
        assert_eq!(
            due(
                NaiveDate::from_ymd_opt(2027, 1, 1),
                FulfilmentStatus::Started,
                today
            ),
            Due::Soon(30)
        );
        assert_eq!(
            due(
                NaiveDate::from_ymd_opt(2027, 1, 2),
                FulfilmentStatus::Started,
                today
            ),
            Due::Later
        );
        assert_eq!(due(day(11, 30), FulfilmentStatus::Met, today), Due::NotDue);
        assert_eq!(due(None, FulfilmentStatus::Started, today), Due::NotDue);
    }

    #[test]
    fn an_area_followed_per_forvaltning_is_as_far_as_the_least_advanced() {
        use FulfilmentStatus::*;
        assert_eq!(combined(&[Met, Partly, Met]), Partly);
        assert_eq!(combined(&[Met, NotApplicable]), Met);
        assert_eq!(combined(&[NotApplicable, NotApplicable]), NotApplicable);
        assert_eq!(combined(&[]), NotStarted);
    }

    #[test]
    fn mapping_kinds_follow_from_the_pairs() {
        // Old 1 → new 10 (kept); old 2 and 3 → new 11 (merged); old 4 → new 12 and 13 (split);
        // old 5 → nothing (dropped); new 14 ← nothing (new).
        let pairs = [(1, 10), (2, 11), (3, 11), (4, 12), (4, 13)];
        let (old, new) = mapping_kinds(&pairs, &[1, 2, 3, 4, 5], &[10, 11, 12, 13, 14]);
        use MappingKind::*;
        assert_eq!(
            old.values().copied().collect::<Vec<_>>(),
            vec![Kept, Merged, Merged, Split, Dropped]
        );
        assert_eq!(
            new.values().copied().collect::<Vec<_>>(),
            vec![Kept, Merged, Split, Split, New]
        );
    }

    fn old_agreement() -> Agreement {
        let area = |id: i64, code: &str| RequirementArea {
            id,
            agreement_id: 1,
            code: code.into(),
            title: format!("Område {code}"),
            deliverable: String::new(),
            cadence: String::new(),
            recipient: String::new(),
            source: String::new(),
            per_forvaltning: false,
        };
        Agreement {
            id: 1,
            counterparty: "MSB och SKR".into(),
            name: "Överenskommelse 2024–2026".into(),
            valid_from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            valid_to: NaiveDate::from_ymd_opt(2026, 12, 31),
            previous_id: None,
            requirements: vec![
                area(1, "K1"),
                area(2, "C8"),
                area(3, "C10"),
                area(4, "C6"),
                area(5, "F1"),
            ],
        }
    }

    fn rollover(targets: &[(&str, &str)], new_areas: &str) -> RolloverInput {
        RolloverInput {
            agreement: AgreementInput {
                counterparty: "MCF och SKR".into(),
                name: "Överenskommelse 2027–2030".into(),
                valid_from: "2027-01-01".into(),
                valid_to: "2030-12-31".into(),
            },
            targets: targets
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            new_areas: new_areas.into(),
        }
    }

    #[test]
    fn a_rollover_keeps_merges_splits_drops_and_adds_areas() {
        let input = rollover(
            &[("2", "C8"), ("3", "C8"), ("4", "C6A, C6B"), ("5", "")],
            "C8 Driftsäkerhet och robusthet\nC11 Lagringsskyldighet sjukvårdsprodukter",
        );
        let plan = input.parse(&old_agreement()).unwrap();
        let summary: Vec<(&str, &str, Vec<i64>)> = plan
            .areas
            .iter()
            .map(|a| (a.code.as_str(), a.title.as_str(), a.from.clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("K1", "Område K1", vec![1]),
                ("C8", "Driftsäkerhet och robusthet", vec![2, 3]),
                ("C6A", "Område C6", vec![4]),
                ("C6B", "Område C6", vec![4]),
                ("C11", "Lagringsskyldighet sjukvårdsprodukter", vec![]),
            ]
        );
    }

    #[test]
    fn a_mapping_from_an_area_of_another_agreement_is_refused() {
        let e = rollover(&[("99", "K1")], "")
            .parse(&old_agreement())
            .unwrap_err();
        assert_eq!(e.get("targets"), Some(&Msg::MappingOtherAgreement));
        let e = rollover(&[("x", "K1")], "")
            .parse(&old_agreement())
            .unwrap_err();
        assert_eq!(e.get("targets"), Some(&Msg::MappingOtherAgreement));
    }

    #[test]
    fn a_rollover_must_start_after_the_old_version_and_name_codes_properly() {
        let mut input = rollover(&[("1", "K 1!")], "K9");
        input.agreement.valid_from = "2024-01-01".into();
        let e = input.parse(&old_agreement()).unwrap_err();
        assert_eq!(e.get("valid_from"), Some(&Msg::RolloverStartsTooEarly));
        assert_eq!(e.get("targets[1]"), Some(&Msg::CodeAlphanumeric));
        assert_eq!(e.get("new_areas"), Some(&Msg::NewAreaLine));
    }

    #[test]
    fn dropping_every_area_without_new_ones_is_refused() {
        let targets: Vec<(String, String)> =
            (1..=5).map(|i| (i.to_string(), String::new())).collect();
        let refs: Vec<(&str, &str)> = targets
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let e = rollover(&refs, "").parse(&old_agreement()).unwrap_err();
        assert_eq!(e.get("new_areas"), Some(&Msg::RolloverWithoutAreas));
    }

    #[test]
    fn criteria_lines_are_trimmed_deduplicated_and_limited() {
        let input = CriteriaInput {
            basic: " RSA fastställd \n\nRSA fastställd\nRSA rapporterad".into(),
            quality: "Åtgärder har ansvarig".into(),
        };
        assert_eq!(
            input.parse().unwrap(),
            vec![
                (CriterionKind::Basic, "RSA fastställd".to_string()),
                (CriterionKind::Basic, "RSA rapporterad".to_string()),
                (CriterionKind::Quality, "Åtgärder har ansvarig".to_string()),
            ]
        );
        let long = CriteriaInput {
            basic: "x".repeat(CRITERION_MAX + 1),
            quality: "y\n".repeat(CRITERIA_MAX + 1),
        };
        let e = long.parse().unwrap_err();
        assert!(matches!(e.get("basic"), Some(Msg::LineTooLong { .. })));
        assert!(matches!(e.get("quality"), Some(Msg::TooManyLines { .. })));
    }
}
