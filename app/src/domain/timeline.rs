//! Layout of the multi-year plan: one row per förvaltning, exercises placed by date, overlapping
//! exercises stacked into lanes. Pure arithmetic so the page needs no JavaScript.

use super::exercise::{ExerciseSummary, ForvaltningRef};
use super::period::MandatePeriod;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The narrowest an item is drawn, as a share of the period, so one-day exercises stay visible.
const MIN_WIDTH_PCT: f64 = 0.9;

/// Whether the row's förvaltning leads the exercise or takes part in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Involvement {
    Lead,
    Participant,
}

/// One exercise placed on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub exercise: ExerciseSummary,
    pub involvement: Involvement,
    pub left_pct: f64,
    pub width_pct: f64,
}

/// One förvaltning's row; each lane holds items that do not overlap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub forvaltning: ForvaltningRef,
    pub lanes: Vec<Vec<TimelineItem>>,
}

fn period_bounds(period: MandatePeriod) -> (NaiveDateTime, NaiveDateTime) {
    let start = NaiveDate::from_ymd_opt(period.first_year, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(period.last_year() + 1, 1, 1).unwrap_or_default();
    (
        start.and_time(chrono::NaiveTime::MIN),
        end.and_time(chrono::NaiveTime::MIN),
    )
}

/// Position of `at` within the period, in percent, clamped to 0–100.
pub fn position_pct(period: MandatePeriod, at: NaiveDateTime) -> f64 {
    let (start, end) = period_bounds(period);
    let total = (end - start).num_minutes() as f64;
    let offset = (at - start).num_minutes() as f64;
    (offset / total * 100.0).clamp(0.0, 100.0)
}

fn place(period: MandatePeriod, e: &ExerciseSummary, involvement: Involvement) -> TimelineItem {
    let left = position_pct(period, e.starts_at);
    let right = position_pct(period, e.ends_at);
    let width = (right - left).max(MIN_WIDTH_PCT).min(100.0 - left).max(0.0);
    TimelineItem {
        exercise: e.clone(),
        involvement,
        left_pct: left,
        width_pct: width,
    }
}

fn stack(mut items: Vec<TimelineItem>) -> Vec<Vec<TimelineItem>> {
    items.sort_by(|a, b| a.left_pct.total_cmp(&b.left_pct));
    let mut lanes: Vec<Vec<TimelineItem>> = Vec::new();
    for item in items {
        let free = lanes.iter_mut().find(|lane| {
            lane.last()
                .is_none_or(|last| last.left_pct + last.width_pct <= item.left_pct)
        });
        match free {
            Some(lane) => lane.push(item),
            None => lanes.push(vec![item]),
        }
    }
    lanes
}

/// Lays out the exercises of `period` on one row per förvaltning, in the given order.
pub fn layout(
    period: MandatePeriod,
    forvaltningar: &[ForvaltningRef],
    exercises: &[ExerciseSummary],
) -> Vec<TimelineRow> {
    let (start, end) = period_bounds(period);
    let visible: Vec<&ExerciseSummary> = exercises
        .iter()
        .filter(|e| e.ends_at >= start && e.starts_at < end)
        .collect();
    forvaltningar
        .iter()
        .map(|f| {
            let items = visible
                .iter()
                .filter_map(|e| {
                    if e.lead.id == f.id {
                        Some(place(period, e, Involvement::Lead))
                    } else if e.participant_ids.contains(&f.id) {
                        Some(place(period, e, Involvement::Participant))
                    } else {
                        None
                    }
                })
                .collect();
            TimelineRow {
                forvaltning: f.clone(),
                lanes: stack(items),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exercise::{ExerciseFormat, parse_local_datetime};
    use crate::domain::lifecycle::ExerciseStatus;

    fn fv(id: i64) -> ForvaltningRef {
        ForvaltningRef {
            id,
            code: format!("F{id}"),
            name: format!("F{id}"),
        }
    }

    fn ex(id: i64, from: &str, to: &str, lead: i64, participants: Vec<i64>) -> ExerciseSummary {
        ExerciseSummary {
            id,
            name: format!("E{id}"),
            format: ExerciseFormat::Drill,
            joint: false,
            status: ExerciseStatus::Planned,
            starts_at: parse_local_datetime(from).unwrap(),
            ends_at: parse_local_datetime(to).unwrap(),
            lead: fv(lead),
            participant_ids: participants,
            capability_codes: vec![],
        }
    }

    #[test]
    fn positions_run_from_january_of_the_first_year_to_december_of_the_last() {
        let p = MandatePeriod::containing(2024);
        assert_eq!(
            position_pct(p, parse_local_datetime("2023-01-01").unwrap()),
            0.0
        );
        let mid = position_pct(p, parse_local_datetime("2025-01-01").unwrap());
        assert!((mid - 50.0).abs() < 0.1, "{mid}");
        assert_eq!(
            position_pct(p, parse_local_datetime("2031-01-01").unwrap()),
            100.0
        );
    }

    #[test]
    fn overlapping_exercises_go_to_separate_lanes_and_participants_get_a_row_item() {
        let p = MandatePeriod::containing(2025);
        let exercises = [
            ex(1, "2025-04-01", "2025-04-30", 1, vec![2]),
            ex(2, "2025-04-10", "2025-04-12", 1, vec![]),
            ex(3, "2026-01-10", "2026-01-10", 1, vec![]),
            ex(4, "2019-01-10", "2019-01-10", 1, vec![]),
        ];
        let rows = layout(p, &[fv(1), fv(2), fv(3)], &exercises);
        assert_eq!(rows[0].lanes.len(), 2);
        let ids: Vec<i64> = rows[0].lanes[0].iter().map(|i| i.exercise.id).collect();
        assert_eq!(ids, vec![1, 3], "exercise 4 is outside the period");
        assert_eq!(rows[1].lanes[0][0].involvement, Involvement::Participant);
        assert!(rows[2].lanes.is_empty());
    }

    #[test]
    fn a_one_day_exercise_is_still_visible_and_never_overflows() {
        let p = MandatePeriod::containing(2025);
        let rows = layout(
            p,
            &[fv(1)],
            &[ex(1, "2026-12-31T10:00", "2026-12-31T12:00", 1, vec![])],
        );
        let item = &rows[0].lanes[0][0];
        assert!(item.width_pct > 0.0);
        assert!(item.left_pct + item.width_pct <= 100.0 + 1e-9);
    }
}
