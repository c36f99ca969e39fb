//! Indicators of the region's security goals (seeds: Halland's guideline "fires and burglaries
//! halved by 2022 against 2019", SBA self-checks): a unit, which way is better, a baseline and a
//! target, and yearly values for the region or per förvaltning.

use super::exercise::ForvaltningRef;
use super::message::{Label, Msg};
use super::validation::{FieldErrors, checked, optional_text, required_text};
use serde::{Deserialize, Serialize};

/// A measured value in hundredths: 12,5 is `Measure(1250)`. Exact, so stored and compared values
/// never drift as floating point would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Measure(pub i64);

/// The largest value a measure may hold (a billion).
const MEASURE_MAX: i64 = 1_000_000_000 * 100;

impl Measure {
    /// Parses "12", "12,5", "12.50", "−3" or "1 250" (spaces group thousands); at most two
    /// decimals.
    pub fn parse(raw: &str) -> Option<Self> {
        let s: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == '−' { '-' } else { c })
            .collect();
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.as_str()),
        };
        let (whole, frac) = match digits.split_once([',', '.']) {
            Some((_, "")) => return None,
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        if whole.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 2
            || !frac.chars().all(|c| c.is_ascii_digit())
            || whole.len() > 12
        {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        let value = whole.checked_mul(100)?.checked_add(frac)?;
        if value > MEASURE_MAX {
            return None;
        }
        Some(Self(if negative { -value } else { value }))
    }

    /// Swedish form: "12,5", "46", "1 250".
    pub fn format(self) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
        let frac = match frac {
            0 => String::new(),
            f if f % 10 == 0 => format!(",{}", f / 10),
            f => format!(",{f:02}"),
        };
        format!("{}{grouped}{frac}", if negative { "−" } else { "" })
    }

    /// As a float, for drawing only.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    Lower,
    Higher,
}

impl Direction {
    pub const ALL: [Self; 2] = [Self::Lower, Self::Higher];

    pub fn code(self) -> &'static str {
        match self {
            Self::Lower => "lower",
            Self::Higher => "higher",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Whether `value` reaches `target` in this direction.
    pub fn reaches(self, value: Measure, target: Measure) -> bool {
        match self {
            Self::Lower => value <= target,
            Self::Higher => value >= target,
        }
    }
}

/// A value of one year, for the region (`forvaltning` `None`) or one förvaltning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub forvaltning: Option<ForvaltningRef>,
    pub year: i32,
    pub value: Measure,
}

/// An indicator with its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline_year: i32,
    pub baseline: Measure,
    pub target: Measure,
    pub target_year: i32,
    pub per_forvaltning: bool,
    pub source: String,
    pub version: i64,
    pub values: Vec<IndicatorValue>,
}

/// One line of an indicator's chart: the region, or a förvaltning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorSeries {
    /// The förvaltning's code, or `None` for the region.
    pub forvaltning: Option<ForvaltningRef>,
    pub points: Vec<(i32, Measure)>,
}

impl Indicator {
    /// The series, region first, then förvaltningar in the order their values came; each by year.
    pub fn series(&self) -> Vec<IndicatorSeries> {
        let mut out: Vec<IndicatorSeries> = Vec::new();
        for v in &self.values {
            let key = v.forvaltning.as_ref().map(|f| f.id);
            match out
                .iter_mut()
                .find(|s| s.forvaltning.as_ref().map(|f| f.id) == key)
            {
                Some(s) => s.points.push((v.year, v.value)),
                None => out.push(IndicatorSeries {
                    forvaltning: v.forvaltning.clone(),
                    points: vec![(v.year, v.value)],
                }),
            }
        }
        for s in &mut out {
            s.points.sort_by_key(|(y, _)| *y);
        }
        out.sort_by_key(|s| s.forvaltning.is_some());
        out
    }

    /// The region's latest value: its own, or for an indicator kept per förvaltning, nothing
    /// (a sum would not mean the same for a share).
    pub fn latest(&self) -> Option<(i32, Measure)> {
        self.values
            .iter()
            .filter(|v| v.forvaltning.is_none())
            .max_by_key(|v| v.year)
            .map(|v| (v.year, v.value))
    }

    /// The share of the way from the baseline to the target that `value` has come, in percent
    /// (above 100 beyond the target, below 0 the wrong way); `None` when the target is the
    /// baseline.
    pub fn progress(&self, value: Measure) -> Option<i64> {
        let span = self.target.0 - self.baseline.0;
        if span == 0 {
            return None;
        }
        Some(((value.0 - self.baseline.0) * 100) / span)
    }

    pub fn reaches_target(&self, value: Measure) -> bool {
        self.direction.reaches(value, self.target)
    }
}

/// The indicator form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub baseline_year: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub target_year: String,
    #[serde(default)]
    pub per_forvaltning: Option<String>,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidIndicator {
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub baseline_year: i32,
    pub baseline: Measure,
    pub target: Measure,
    pub target_year: i32,
    pub per_forvaltning: bool,
    pub source: String,
}

/// Years an indicator may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn parse_year(e: &mut FieldErrors, field: &str, raw: &str) -> Option<i32> {
    match raw.trim().parse::<i32>() {
        Ok(y) if YEARS.contains(&y) => Some(y),
        _ => {
            e.add(
                field,
                Msg::YearRange {
                    min: *YEARS.start(),
                    max: *YEARS.end(),
                },
            );
            None
        }
    }
}

fn parse_measure(e: &mut FieldErrors, field: &str, raw: &str) -> Option<Measure> {
    let m = Measure::parse(raw);
    if m.is_none() {
        e.add(field, Msg::NumberFormat);
    }
    m
}

impl IndicatorInput {
    pub fn parse(&self) -> Result<ValidIndicator, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = required_text(&mut e, "name", Label::Name, &self.name, 300);
        let unit = required_text(&mut e, "unit", Label::Unit, &self.unit, 40);
        let direction = Direction::from_code(self.direction.trim());
        if direction.is_none() {
            e.add("direction", Msg::DirectionRequired);
        }
        let baseline_year = parse_year(&mut e, "baseline_year", &self.baseline_year);
        let baseline = parse_measure(&mut e, "baseline", &self.baseline);
        let target = parse_measure(&mut e, "target", &self.target);
        let target_year = parse_year(&mut e, "target_year", &self.target_year);
        if let (Some(b), Some(t)) = (baseline_year, target_year)
            && t < b
        {
            e.add("target_year", Msg::TargetYearBeforeBaseline);
        }
        let source = optional_text(&mut e, "source", Label::Source, &self.source, 300);
        match (direction, baseline_year, baseline, target, target_year) {
            (
                Some(direction),
                Some(baseline_year),
                Some(baseline),
                Some(target),
                Some(target_year),
            ) if e.is_empty() => Ok(ValidIndicator {
                name,
                unit,
                direction,
                baseline_year,
                baseline,
                target,
                target_year,
                per_forvaltning: checked(self.per_forvaltning.as_deref()),
                source,
            }),
            _ => Err(e),
        }
    }
}

/// A yearly value from the values form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueInput {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub value: String,
}

impl ValueInput {
    /// The year and the value; an empty value removes the year's value (`None`).
    pub fn parse(&self) -> Result<(i32, Option<Measure>), FieldErrors> {
        let mut e = FieldErrors::new();
        let year = parse_year(&mut e, "year", &self.year);
        let value = if self.value.trim().is_empty() {
            None
        } else {
            parse_measure(&mut e, "value", &self.value)
        };
        match year {
            Some(year) if e.is_empty() => Ok((year, value)),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_read_swedish_and_english_decimals_and_print_swedish() {
        assert_eq!(Measure::parse("12,5"), Some(Measure(1250)));
        assert_eq!(Measure::parse(" 12.50 "), Some(Measure(1250)));
        assert_eq!(Measure::parse("1 250"), Some(Measure(125_000)));
        assert_eq!(Measure::parse("−3"), Some(Measure(-300)));
        assert_eq!(Measure::parse("0,05"), Some(Measure(5)));
        for bad in [
            "",
            "12,555",
            "tolv",
            "1e3",
            "12,",
            ",5",
            "--1",
            "9999999999999",
        ] {
            assert_eq!(Measure::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Measure(1250).format(), "12,5");
        assert_eq!(Measure(4600).format(), "46");
        assert_eq!(Measure(5).format(), "0,05");
        assert_eq!(Measure(125_000).format(), "1\u{a0}250");
        assert_eq!(Measure(-300).format(), "−3");
        for raw in ["46", "12,5", "0,05", "1 250", "−3"] {
            let m = Measure::parse(raw).unwrap();
            assert_eq!(Measure::parse(&m.format()), Some(m), "{raw}");
        }
    }

    fn fires() -> Indicator {
        Indicator {
            id: 1,
            name: "Bränder".into(),
            unit: "st".into(),
            direction: Direction::Lower,
            baseline_year: 2019,
            baseline: Measure(4600),
            target: Measure(2300),
            target_year: 2022,
            per_forvaltning: false,
            source: String::new(),
            version: 1,
            values: vec![
                IndicatorValue {
                    forvaltning: None,
                    year: 2021,
                    value: Measure(3700),
                },
                IndicatorValue {
                    forvaltning: None,
                    year: 2019,
                    value: Measure(4600),
                },
            ],
        }
    }

    #[test]
    fn halving_fires_is_reached_at_or_below_the_target() {
        let i = fires();
        assert!(i.reaches_target(Measure(2300)) && i.reaches_target(Measure(2200)));
        assert!(!i.reaches_target(Measure(2400)));
        assert_eq!(i.progress(Measure(3450)), Some(50));
        assert_eq!(i.progress(Measure(5000)).map(|p| p < 0), Some(true));
        assert_eq!(i.latest(), Some((2021, Measure(3700))));
        assert_eq!(i.series()[0].points[0].0, 2019, "points by year");
    }

    #[test]
    fn an_indicator_needs_a_direction_years_in_order_and_numbers() {
        let e = IndicatorInput {
            name: "Egenkontroller SBA".into(),
            unit: "%".into(),
            direction: "up".into(),
            baseline_year: "2019".into(),
            baseline: "62".into(),
            target: "nittio".into(),
            target_year: "2018".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(e.get("direction"), Some(&Msg::DirectionRequired));
        assert_eq!(e.get("target"), Some(&Msg::NumberFormat));
        assert_eq!(e.get("target_year"), Some(&Msg::TargetYearBeforeBaseline));
        assert!(matches!(
            ValueInput {
                year: "1999".into(),
                value: "1".into()
            }
            .parse()
            .unwrap_err()
            .get("year"),
            Some(Msg::YearRange { .. })
        ));
        assert_eq!(
            ValueInput {
                year: "2025".into(),
                value: " ".into()
            }
            .parse()
            .unwrap(),
            (2025, None)
        );
    }
}
