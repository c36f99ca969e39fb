//! The board's view of readiness: the heatmap of a period (the latest fastställd level of every
//! capability area × förvaltning), the trend of one area over periods, and the headline
//! sentences computed from them. Pure functions of the assessments and the conducted exercises;
//! the texts render the headlines.

use super::exercise::ForvaltningRef;
use super::readiness::{AssessmentCell, ExerciseEvidence, Level, Period, is_shortfall, median};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A capability area as the board's charts name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaRef {
    pub code: String,
    pub title: String,
}

/// One cell of the heatmap: the latest fastställd level of an area and förvaltning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatCell {
    pub assessment_id: i64,
    /// The period the level was fastställd for: the heatmap's, or an earlier one when the
    /// heatmap's has not been fastställd yet.
    pub period: Period,
    pub level: Level,
    pub target: Level,
    /// Whether a conducted exercise backs the level within the evidence window before the end
    /// of the heatmap's period.
    pub verified: bool,
}

impl HeatCell {
    pub fn shortfall(&self) -> bool {
        is_shortfall(self.level, self.target)
    }

    /// At or above target ("Ej bedömd" never is).
    pub fn meets_target(&self) -> bool {
        self.level.is_assessed() && !self.shortfall()
    }
}

/// Capability areas (rows) × förvaltningar (columns) for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heatmap {
    pub period: Period,
    pub forvaltningar: Vec<ForvaltningRef>,
    pub areas: Vec<AreaRef>,
    /// `cells[area][forvaltning]`, `None` where nothing has been fastställt.
    pub cells: Vec<Vec<Option<HeatCell>>>,
}

impl Heatmap {
    pub fn filled(&self) -> impl Iterator<Item = &HeatCell> {
        self.cells.iter().flatten().flatten()
    }

    pub fn row(&self, area_code: &str) -> Option<&[Option<HeatCell>]> {
        let i = self.areas.iter().position(|a| a.code == area_code)?;
        Some(&self.cells[i])
    }
}

/// The window (start exclusive, end inclusive) in which an exercise verifies a level of
/// `period`: `window_months` back from the period's last day.
pub fn evidence_window(period: Period, window_months: u32) -> (NaiveDate, NaiveDate) {
    let end = period.last_day();
    let start = end
        .checked_sub_months(Months::new(window_months))
        .unwrap_or(NaiveDate::MIN);
    (start, end)
}

/// Verification looked up by förvaltning and area: the days conducted exercises ended.
struct EvidenceIndex<'a> {
    ended: HashMap<(i64, &'a str), Vec<NaiveDate>>,
}

impl<'a> EvidenceIndex<'a> {
    fn new(evidence: &'a [ExerciseEvidence]) -> Self {
        let mut ended: HashMap<(i64, &str), Vec<NaiveDate>> = HashMap::new();
        for x in evidence {
            for f in &x.forvaltningar {
                for c in &x.capability_codes {
                    ended.entry((*f, c.as_str())).or_default().push(x.ended_on);
                }
            }
        }
        Self { ended }
    }

    fn any_within(
        &self,
        forvaltning: i64,
        area: &str,
        (start, end): (NaiveDate, NaiveDate),
    ) -> bool {
        self.ended
            .get(&(forvaltning, area))
            .is_some_and(|days| days.iter().any(|d| *d > start && *d <= end))
    }
}

/// The heatmap of `period`: per area and förvaltning the fastställd level of the newest period
/// up to `period` (of the same kind), with its target, verified against `period`'s window.
pub fn heatmap(
    period: Period,
    forvaltningar: Vec<ForvaltningRef>,
    areas: Vec<AreaRef>,
    cells: &[AssessmentCell],
    evidence: &[ExerciseEvidence],
    window_months: u32,
) -> Heatmap {
    let column: HashMap<i64, usize> = forvaltningar
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id, i))
        .collect();
    let row: HashMap<&str, usize> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i))
        .collect();
    let mut grid: Vec<Vec<Option<HeatCell>>> = vec![vec![None; forvaltningar.len()]; areas.len()];
    for c in cells
        .iter()
        .filter(|c| c.period <= period && c.period.kind() == period.kind())
    {
        let (Some((level, target)), Some(&f), Some(&a)) = (
            c.approved,
            column.get(&c.forvaltning_id),
            row.get(c.capability_code.as_str()),
        ) else {
            continue;
        };
        let slot = &mut grid[a][f];
        if slot.is_none_or(|s| s.period < c.period) {
            *slot = Some(HeatCell {
                assessment_id: c.id,
                period: c.period,
                level,
                target,
                verified: false,
            });
        }
    }
    let index = EvidenceIndex::new(evidence);
    let window = evidence_window(period, window_months);
    for (a, area) in areas.iter().enumerate() {
        for (f, forvaltning) in forvaltningar.iter().enumerate() {
            if let Some(cell) = &mut grid[a][f] {
                cell.verified = index.any_within(forvaltning.id, &area.code, window);
            }
        }
    }
    Heatmap {
        period,
        forvaltningar,
        areas,
        cells: grid,
    }
}

/// One förvaltning's fastställda levels over the trend's periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendSeries {
    pub forvaltning: ForvaltningRef,
    pub levels: Vec<Option<Level>>,
}

/// The levels of one area over consecutive periods, per förvaltning and as the region median.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    pub area: AreaRef,
    pub periods: Vec<Period>,
    pub series: Vec<TrendSeries>,
    /// The median (rounded down) of the förvaltningar's levels in each period.
    pub median: Vec<Option<Level>>,
}

/// The trend of `area` over `periods` (oldest first): the level fastställd for each period
/// itself, not carried from an earlier one.
pub fn trend(
    area: AreaRef,
    periods: Vec<Period>,
    forvaltningar: Vec<ForvaltningRef>,
    cells: &[AssessmentCell],
) -> Trend {
    let column: HashMap<i64, usize> = forvaltningar
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id, i))
        .collect();
    let at: HashMap<Period, usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut levels = vec![vec![None; periods.len()]; forvaltningar.len()];
    for c in cells.iter().filter(|c| c.capability_code == area.code) {
        if let (Some((level, _)), Some(&f), Some(&p)) =
            (c.approved, column.get(&c.forvaltning_id), at.get(&c.period))
        {
            levels[f][p] = Some(level).filter(|l| l.is_assessed());
        }
    }
    let median = (0..periods.len())
        .map(|p| median(&levels.iter().filter_map(|s| s[p]).collect::<Vec<_>>()))
        .collect();
    Trend {
        area,
        periods,
        series: forvaltningar
            .into_iter()
            .zip(levels)
            .map(|(forvaltning, levels)| TrendSeries {
                forvaltning,
                levels,
            })
            .collect(),
        median,
    }
}

/// A plain-language finding for the board; `ui::texts` words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Headline {
    /// "4 av 7 förvaltningar når målnivån för Krisledning och samverkan".
    MeetsTarget {
        area: String,
        meeting: usize,
        of: usize,
        /// Förvaltningar with no fastställd level in the area.
        unassessed: usize,
    },
    /// "3 förmågeområden saknar genomförd övning sedan januari 2025".
    WithoutExercise { areas: usize, since: NaiveDate },
    /// "9 av 42 fastställda nivåer är inte verifierade genom övning".
    Unverified { count: usize, of: usize },
    /// "Regionens median för X har stigit från 2 till 3 sedan H1 2025" (or fallen, or is
    /// unchanged).
    MedianChange {
        area: String,
        from: Level,
        to: Level,
        since: Period,
    },
    /// "12 av 98 förmågor har en fastställd nivå för H2 2026" (the rest show an earlier one).
    Approved {
        count: usize,
        of: usize,
        period: Period,
    },
}

/// The board's headlines for a heatmap and the trend of its chosen area. Areas that no
/// förvaltning has exercised within the evidence window count as without exercise.
pub fn headlines(
    heatmap: &Heatmap,
    trend: &Trend,
    evidence: &[ExerciseEvidence],
    window_months: u32,
) -> Vec<Headline> {
    let mut out = Vec::new();
    if let Some(row) = heatmap.row(&trend.area.code) {
        out.push(Headline::MeetsTarget {
            area: trend.area.title.clone(),
            meeting: row.iter().flatten().filter(|c| c.meets_target()).count(),
            of: row.len(),
            unassessed: row.iter().filter(|c| c.is_none()).count(),
        });
    }
    let (start, end) = evidence_window(heatmap.period, window_months);
    let without = heatmap
        .areas
        .iter()
        .filter(|a| {
            !evidence.iter().any(|x| {
                x.ended_on > start && x.ended_on <= end && x.capability_codes.contains(&a.code)
            })
        })
        .count();
    if without > 0 {
        out.push(Headline::WithoutExercise {
            areas: without,
            since: start.succ_opt().unwrap_or(start),
        });
    }
    let filled: Vec<&HeatCell> = heatmap.filled().collect();
    if !filled.is_empty() {
        out.push(Headline::Unverified {
            count: filled.iter().filter(|c| !c.verified).count(),
            of: filled.len(),
        });
    }
    let known: Vec<(Period, Level)> = trend
        .periods
        .iter()
        .zip(&trend.median)
        .filter_map(|(p, m)| m.map(|m| (*p, m)))
        .collect();
    if let (Some(first), Some(last)) = (known.first(), known.last())
        && known.len() > 1
    {
        out.push(Headline::MedianChange {
            area: trend.area.title.clone(),
            from: first.1,
            to: last.1,
            since: first.0,
        });
    }
    out.push(Headline::Approved {
        count: filled.iter().filter(|c| c.period == heatmap.period).count(),
        of: heatmap.areas.len() * heatmap.forvaltningar.len(),
        period: heatmap.period,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::readiness::AssessmentStatus;

    fn lvl(n: u8) -> Level {
        Level::new(i64::from(n)).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn f(id: i64, code: &str) -> ForvaltningRef {
        ForvaltningRef {
            id,
            code: code.into(),
            name: format!("{code} förvaltning"),
        }
    }

    fn area(code: &str, title: &str) -> AreaRef {
        AreaRef {
            code: code.into(),
            title: title.into(),
        }
    }

    fn cell(
        id: i64,
        forvaltning_id: i64,
        code: &str,
        period: Period,
        approved: Option<(u8, u8)>,
    ) -> AssessmentCell {
        AssessmentCell {
            id,
            forvaltning_id,
            capability_code: code.into(),
            period,
            version: 1,
            status: if approved.is_some() {
                AssessmentStatus::Approved
            } else {
                AssessmentStatus::Draft
            },
            level: lvl(approved.map_or(2, |a| a.0)),
            target: lvl(3),
            approved: approved.map(|(l, t)| (lvl(l), lvl(t))),
        }
    }

    fn exercise(ended: &str, forvaltningar: &[i64], codes: &[&str]) -> ExerciseEvidence {
        ExerciseEvidence {
            exercise_id: 1,
            ended_on: day(ended),
            forvaltningar: forvaltningar.to_vec(),
            capability_codes: codes.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn h(year: i32, half: u8) -> Period {
        Period::half_year(year, half)
    }

    fn fixture() -> (
        Vec<ForvaltningRef>,
        Vec<AreaRef>,
        Vec<AssessmentCell>,
        Vec<ExerciseEvidence>,
    ) {
        let fs = vec![f(1, "HS"), f(2, "PH"), f(3, "RS")];
        let areas = vec![area("CA01", "Krisledning"), area("CA02", "Försörjning")];
        let cells = vec![
            cell(1, 1, "CA01", h(2025, 2), Some((2, 3))),
            cell(2, 1, "CA01", h(2026, 1), Some((3, 3))),
            // A newer draft does not replace the fastställd level.
            cell(3, 1, "CA01", h(2026, 2), None),
            cell(4, 2, "CA01", h(2026, 2), Some((1, 3))),
            cell(5, 2, "CA02", h(2026, 2), Some((4, 3))),
            // After the heatmap's period: not shown.
            cell(6, 3, "CA01", h(2027, 1), Some((5, 3))),
            cell(7, 3, "CA01", h(2025, 2), Some((4, 4))),
        ];
        let evidence = vec![
            exercise("2025-03-10", &[1], &["CA01"]),
            // Too old for 2026H2's 24-month window.
            exercise("2024-11-01", &[3], &["CA01"]),
        ];
        (fs, areas, cells, evidence)
    }

    #[test]
    fn the_heatmap_shows_the_latest_approved_level_up_to_its_period() {
        let (fs, areas, cells, evidence) = fixture();
        let m = heatmap(h(2026, 2), fs, areas, &cells, &evidence, 24);
        let ca01 = m.row("CA01").unwrap();
        let hs = ca01[0].unwrap();
        assert_eq!(
            (hs.assessment_id, hs.period, hs.level),
            (2, h(2026, 1), lvl(3))
        );
        assert!(hs.verified && !hs.shortfall() && hs.meets_target());
        let ph = ca01[1].unwrap();
        assert_eq!(
            (ph.level, ph.shortfall(), ph.verified),
            (lvl(1), true, false)
        );
        let rs = ca01[2].unwrap();
        assert_eq!(
            (rs.assessment_id, rs.level),
            (7, lvl(4)),
            "2027 is after the period"
        );
        assert!(
            rs.meets_target() && !rs.verified,
            "the exercise is older than 24 months"
        );
        let ca02 = m.row("CA02").unwrap();
        assert_eq!(ca02[0], None);
        assert_eq!(ca02[1].unwrap().level, lvl(4));
        assert_eq!(m.filled().count(), 4);
    }

    #[test]
    fn verification_follows_the_window_of_the_heatmap_period() {
        let (fs, areas, cells, evidence) = fixture();
        // 2024-11-01 is outside 2026H2's 24 months but inside 2026H1's.
        let m = heatmap(h(2026, 1), fs, areas, &cells, &evidence, 24);
        assert!(m.row("CA01").unwrap()[2].unwrap().verified);
        let m = heatmap(h(2026, 1), m.forvaltningar, m.areas, &cells, &evidence, 12);
        assert!(
            !m.row("CA01").unwrap()[2].unwrap().verified,
            "a 12-month window leaves it out"
        );
    }

    #[test]
    fn the_trend_takes_each_period_s_own_level_and_the_median_rounded_down() {
        let (fs, _, cells, _) = fixture();
        let t = trend(
            area("CA01", "Krisledning"),
            h(2026, 2).last_n(3),
            fs,
            &cells,
        );
        assert_eq!(t.periods, vec![h(2025, 2), h(2026, 1), h(2026, 2)]);
        assert_eq!(t.series[0].levels, vec![Some(lvl(2)), Some(lvl(3)), None]);
        assert_eq!(t.series[1].levels, vec![None, None, Some(lvl(1))]);
        assert_eq!(t.series[2].levels, vec![Some(lvl(4)), None, None]);
        // 2025H2: median of 2 and 4 is 3; 2026H1: 3; 2026H2: 1.
        assert_eq!(t.median, vec![Some(lvl(3)), Some(lvl(3)), Some(lvl(1))]);
    }

    #[test]
    fn headlines_count_targets_unexercised_areas_unverified_levels_and_the_median_change() {
        let (fs, areas, cells, evidence) = fixture();
        let m = heatmap(h(2026, 2), fs.clone(), areas, &cells, &evidence, 24);
        let t = trend(
            area("CA01", "Krisledning"),
            h(2026, 2).last_n(3),
            fs,
            &cells,
        );
        let lines = headlines(&m, &t, &evidence, 24);
        assert_eq!(
            lines,
            vec![
                Headline::MeetsTarget {
                    area: "Krisledning".into(),
                    meeting: 2,
                    of: 3,
                    unassessed: 0
                },
                Headline::WithoutExercise {
                    areas: 1,
                    since: day("2025-01-01")
                },
                Headline::Unverified { count: 3, of: 4 },
                Headline::MedianChange {
                    area: "Krisledning".into(),
                    from: lvl(3),
                    to: lvl(1),
                    since: h(2025, 2)
                },
                Headline::Approved {
                    count: 2,
                    of: 6,
                    period: h(2026, 2)
                },
            ]
        );
    }

    #[test]
    fn an_empty_region_has_only_the_count_of_approved_levels() {
        let m = heatmap(h(2026, 2), vec![f(1, "HS")], vec![], &[], &[], 24);
        let t = trend(
            area("CA01", "Krisledning"),
            h(2026, 2).last_n(2),
            vec![],
            &[],
        );
        assert_eq!(
            headlines(&m, &t, &[], 24),
            vec![Headline::Approved {
                count: 0,
                of: 0,
                period: h(2026, 2)
            }]
        );
    }
}
