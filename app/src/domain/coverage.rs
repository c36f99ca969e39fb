//! The coverage view: which capability areas have been exercised, per year or per förvaltning,
//! within a mandate period — so gaps stand out.

use super::catalogue::CapabilityArea;
use super::exercise::{ExerciseSummary, ForvaltningRef};
use super::lifecycle::ExerciseStatus;
use super::period::MandatePeriod;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// Counts for one capability area in one column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageCell {
    /// Exercises that will or may still take place (not conducted, not cancelled).
    pub planned: u32,
    /// Exercises that have taken place.
    pub conducted: u32,
}

/// How a cell should read at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellState {
    Gap,
    PlannedOnly,
    Exercised,
}

impl CoverageCell {
    pub fn state(self) -> CellState {
        if self.conducted > 0 {
            CellState::Exercised
        } else if self.planned > 0 {
            CellState::PlannedOnly
        } else {
            CellState::Gap
        }
    }

    fn add(&mut self, status: ExerciseStatus) {
        if status.is_conducted() {
            self.conducted += 1;
        } else if status != ExerciseStatus::Cancelled {
            self.planned += 1;
        }
    }
}

/// One capability area across all columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub code: String,
    pub title: String,
    pub cells: Vec<CoverageCell>,
    /// The whole period, counting each exercise once.
    pub total: CoverageCell,
}

/// A capability area × column matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub period: MandatePeriod,
    pub columns: Vec<String>,
    pub rows: Vec<CoverageRow>,
}

impl Coverage {
    /// Capability areas that nothing in the period has exercised or planned.
    pub fn gaps(&self) -> Vec<&CoverageRow> {
        self.rows
            .iter()
            .filter(|r| r.total.state() == CellState::Gap)
            .collect()
    }

    /// Capability areas with exercises planned but none conducted yet.
    pub fn not_yet_exercised(&self) -> Vec<&CoverageRow> {
        self.rows
            .iter()
            .filter(|r| r.total.state() == CellState::PlannedOnly)
            .collect()
    }
}

/// How many exercises each year of a period has, by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCount {
    pub year: i32,
    pub conducted: u32,
    pub planned: u32,
    pub cancelled: u32,
}

/// Exercises per year of `period`: conducted, still planned, and cancelled.
pub fn per_year(period: MandatePeriod, exercises: &[ExerciseSummary]) -> Vec<YearCount> {
    let mut counts: Vec<YearCount> = period
        .years()
        .iter()
        .map(|&year| YearCount {
            year,
            ..Default::default()
        })
        .collect();
    for e in exercises.iter().filter(|e| in_period(period, e)) {
        let c = &mut counts[(e.starts_at.year() - period.first_year) as usize];
        if e.status == ExerciseStatus::Cancelled {
            c.cancelled += 1;
        } else if e.status.is_conducted() {
            c.conducted += 1;
        } else {
            c.planned += 1;
        }
    }
    counts
}

fn in_period(period: MandatePeriod, e: &ExerciseSummary) -> bool {
    period.contains(e.starts_at.year())
}

fn empty_rows(areas: &[CapabilityArea], columns: usize) -> Vec<CoverageRow> {
    areas
        .iter()
        .map(|a| CoverageRow {
            code: a.code.clone(),
            title: a.title.clone(),
            cells: vec![CoverageCell::default(); columns],
            total: CoverageCell::default(),
        })
        .collect()
}

/// Capability area × year of `period`, optionally only for exercises involving `forvaltning`.
pub fn by_year(
    period: MandatePeriod,
    areas: &[CapabilityArea],
    exercises: &[ExerciseSummary],
    forvaltning: Option<i64>,
) -> Coverage {
    let mut rows = empty_rows(areas, 4);
    let relevant = exercises
        .iter()
        .filter(|e| in_period(period, e) && forvaltning.is_none_or(|f| e.involves(f)));
    for e in relevant {
        let col = (e.starts_at.year() - period.first_year) as usize;
        for row in rows
            .iter_mut()
            .filter(|r| e.capability_codes.contains(&r.code))
        {
            row.cells[col].add(e.status);
            row.total.add(e.status);
        }
    }
    let columns = period.years().iter().map(|y| y.to_string()).collect();
    Coverage {
        period,
        columns,
        rows,
    }
}

/// Capability area × förvaltning for the whole of `period` (lead or participant).
pub fn by_forvaltning(
    period: MandatePeriod,
    areas: &[CapabilityArea],
    forvaltningar: &[ForvaltningRef],
    exercises: &[ExerciseSummary],
) -> Coverage {
    let mut rows = empty_rows(areas, forvaltningar.len());
    for e in exercises.iter().filter(|e| in_period(period, e)) {
        for row in rows
            .iter_mut()
            .filter(|r| e.capability_codes.contains(&r.code))
        {
            for (col, f) in forvaltningar.iter().enumerate() {
                if e.involves(f.id) {
                    row.cells[col].add(e.status);
                }
            }
            row.total.add(e.status);
        }
    }
    let columns = forvaltningar.iter().map(|f| f.code.clone()).collect();
    Coverage {
        period,
        columns,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exercise::{ExerciseFormat, parse_local_datetime};

    fn area(code: &str) -> CapabilityArea {
        CapabilityArea {
            code: code.into(),
            title: code.into(),
            description: String::new(),
            nato_blr: vec![],
            requirements: vec![],
        }
    }

    fn fv(id: i64) -> ForvaltningRef {
        ForvaltningRef {
            id,
            code: format!("F{id}"),
            name: format!("F{id}"),
        }
    }

    fn ex(date: &str, status: ExerciseStatus, lead: i64, caps: &[&str]) -> ExerciseSummary {
        let at = parse_local_datetime(date).unwrap();
        ExerciseSummary {
            id: 1,
            name: "x".into(),
            format: ExerciseFormat::Seminar,
            joint: false,
            status,
            starts_at: at,
            ends_at: at,
            lead: fv(lead),
            participant_ids: vec![],
            capability_codes: caps.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn conducted_and_planned_exercises_land_in_their_year_and_gaps_remain() {
        let period = MandatePeriod::containing(2025);
        let areas = [area("CA01"), area("CA02"), area("CA03")];
        let exercises = [
            ex("2025-03-05", ExerciseStatus::Closed, 1, &["CA01"]),
            ex("2026-05-20", ExerciseStatus::Planned, 1, &["CA02", "CA01"]),
            ex("2026-06-01", ExerciseStatus::Cancelled, 1, &["CA03"]),
            ex("2027-01-10", ExerciseStatus::Closed, 1, &["CA03"]),
        ];
        let c = by_year(period, &areas, &exercises, None);
        assert_eq!(c.columns, vec!["2023", "2024", "2025", "2026"]);
        assert_eq!(
            c.rows[0].cells[2],
            CoverageCell {
                planned: 0,
                conducted: 1
            }
        );
        assert_eq!(
            c.rows[0].cells[3],
            CoverageCell {
                planned: 1,
                conducted: 0
            }
        );
        assert_eq!(c.rows[0].total.state(), CellState::Exercised);
        assert_eq!(c.rows[1].total.state(), CellState::PlannedOnly);
        let gaps: Vec<_> = c.gaps().iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            gaps,
            vec!["CA03"],
            "cancelled and next-period exercises do not cover"
        );
    }

    #[test]
    fn the_forvaltning_filter_counts_only_its_exercises() {
        let period = MandatePeriod::containing(2025);
        let mut shared = ex("2025-03-05", ExerciseStatus::Conducted, 1, &["CA01"]);
        shared.participant_ids = vec![2];
        let exercises = [
            shared,
            ex("2025-04-05", ExerciseStatus::Conducted, 3, &["CA02"]),
        ];
        let areas = [area("CA01"), area("CA02")];
        let c = by_year(period, &areas, &exercises, Some(2));
        assert_eq!(c.rows[0].total.conducted, 1);
        assert_eq!(c.rows[1].total.state(), CellState::Gap);
    }

    #[test]
    fn per_year_counts_each_exercise_once_by_outcome() {
        let period = MandatePeriod::containing(2025);
        let exercises = [
            ex("2025-03-05", ExerciseStatus::Closed, 1, &["CA01", "CA02"]),
            ex("2025-06-05", ExerciseStatus::Cancelled, 1, &[]),
            ex("2026-05-20", ExerciseStatus::Ready, 1, &[]),
            ex("2030-01-01", ExerciseStatus::Planned, 1, &[]),
        ];
        let counts = per_year(period, &exercises);
        assert_eq!(counts.len(), 4);
        assert_eq!(
            counts[2],
            YearCount {
                year: 2025,
                conducted: 1,
                planned: 0,
                cancelled: 1
            }
        );
        assert_eq!(
            counts[3],
            YearCount {
                year: 2026,
                conducted: 0,
                planned: 1,
                cancelled: 0
            }
        );
        assert_eq!(counts[0].conducted + counts[0].planned, 0);
    }

    #[test]
    fn by_forvaltning_credits_lead_and_participants() {
        let period = MandatePeriod::containing(2025);
        let mut e = ex("2025-03-05", ExerciseStatus::Ready, 1, &["CA01"]);
        e.participant_ids = vec![3];
        let c = by_forvaltning(period, &[area("CA01")], &[fv(1), fv(2), fv(3)], &[e]);
        assert_eq!(c.columns, vec!["F1", "F2", "F3"]);
        let planned: Vec<u32> = c.rows[0].cells.iter().map(|c| c.planned).collect();
        assert_eq!(planned, vec![1, 0, 1]);
        assert_eq!(
            c.rows[0].total.planned, 1,
            "the exercise is counted once in the total"
        );
    }
}
