//! Small pure text helpers shared by domain parsing.

/// Splits a free-text list (one item per line or comma) into trimmed, non-empty items.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Case-insensitive "contains" used for searches, tolerant of Swedish letters.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_list_accepts_commas_and_newlines_and_drops_blanks() {
        assert_eq!(
            split_list("Länsstyrelsen, Polisen\n\n Försvarsmakten ,"),
            vec!["Länsstyrelsen", "Polisen", "Försvarsmakten"]
        );
    }

    #[test]
    fn contains_ci_matches_swedish_letters_case_insensitively() {
        assert!(contains_ci("Övning Mörker", "mörk"));
        assert!(contains_ci("Övning Mörker", "ÖVNING"));
        assert!(!contains_ci("Övning Mörker", "ljus"));
    }
}
