//! Mandate periods (mandatperioder): four calendar years, 2023–2026, 2027–2030 and so on.

use serde::{Deserialize, Serialize};

/// The first year of a known mandate period; every period is four years from here.
const ANCHOR_YEAR: i32 = 2023;

/// A four-year planning period, January of `first_year` to December of `last_year()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MandatePeriod {
    pub first_year: i32,
}

impl MandatePeriod {
    /// The period that contains `year`.
    pub fn containing(year: i32) -> Self {
        let offset = (year - ANCHOR_YEAR).rem_euclid(4);
        Self {
            first_year: year - offset,
        }
    }

    /// Parses "2023" or "2023-2026"; the year may be any year inside the period.
    pub fn parse(raw: &str) -> Option<Self> {
        let first = raw.trim().split(['-', '–']).next()?.trim();
        let year: i32 = first.parse().ok()?;
        (1900..=2200)
            .contains(&year)
            .then(|| Self::containing(year))
    }

    pub fn last_year(self) -> i32 {
        self.first_year + 3
    }

    pub fn years(self) -> [i32; 4] {
        let y = self.first_year;
        [y, y + 1, y + 2, y + 3]
    }

    pub fn contains(self, year: i32) -> bool {
        (self.first_year..=self.last_year()).contains(&year)
    }

    pub fn previous(self) -> Self {
        Self {
            first_year: self.first_year - 4,
        }
    }

    pub fn next(self) -> Self {
        Self {
            first_year: self.first_year + 4,
        }
    }

    /// "2023–2026"
    pub fn label(self) -> String {
        format!("{}–{}", self.first_year, self.last_year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_aligned_to_the_swedish_election_cycle() {
        assert_eq!(MandatePeriod::containing(2026).first_year, 2023);
        assert_eq!(MandatePeriod::containing(2027).first_year, 2027);
        assert_eq!(MandatePeriod::containing(2019).first_year, 2019);
        assert_eq!(MandatePeriod::containing(2018).first_year, 2015);
    }

    #[test]
    fn parse_accepts_a_year_or_a_range_and_rejects_nonsense() {
        assert_eq!(
            MandatePeriod::parse("2025"),
            Some(MandatePeriod { first_year: 2023 })
        );
        assert_eq!(
            MandatePeriod::parse("2027–2030"),
            Some(MandatePeriod { first_year: 2027 })
        );
        assert_eq!(MandatePeriod::parse("abc"), None);
        assert_eq!(MandatePeriod::parse("99999"), None);
    }

    #[test]
    fn a_period_has_four_years_and_neighbours() {
        let p = MandatePeriod::containing(2024);
        assert_eq!(p.years(), [2023, 2024, 2025, 2026]);
        assert_eq!(p.label(), "2023–2026");
        assert_eq!(p.next().first_year, 2027);
        assert_eq!(p.previous().first_year, 2019);
    }
}
