//! User accounts as shown to administrators, and the rules for creating them.

use super::access::Role;
use super::message::{Label, Msg};
use super::validation::{FieldErrors, checked, required_text};
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;

/// A user account without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub forvaltningar: Vec<i64>,
    pub active: bool,
}

/// Form input for a new account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInput {
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    pub role: String,
    #[serde(default)]
    pub forvaltningar: Vec<i64>,
    #[serde(default)]
    pub password: String,
    /// "on" when the account plans for the whole region (a checkbox).
    #[serde(default)]
    pub region_wide: Option<String>,
}

/// A validated new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub forvaltningar: Vec<i64>,
    pub password: String,
}

/// Checks a new password against the length rules.
pub fn check_password(errors: &mut FieldErrors, field: &str, password: &str) {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        errors.add(field, Msg::PasswordTooShort { min: PASSWORD_MIN });
    } else if n > PASSWORD_MAX {
        errors.add(field, Msg::PasswordTooLong { max: PASSWORD_MAX });
    }
}

/// The most förvaltningar one account can be scoped to (there are about a dozen).
pub const SCOPE_MAX: usize = 100;

/// A role's förvaltning scope from the form: planners and exercise leads choose either "Hela
/// regionen" or at least one förvaltning (an empty list is never taken to mean the whole region
/// by accident); other roles have none. Duplicates are dropped. Returns the scope to store, in
/// which an empty list means the whole region.
pub fn parse_scope(
    errors: &mut FieldErrors,
    role: Role,
    region_wide: bool,
    ids: &[i64],
) -> Vec<i64> {
    if !role.can_be_scoped() {
        return Vec::new();
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    match (region_wide, ids.is_empty()) {
        (true, true) => Vec::new(),
        (false, false) if ids.len() <= SCOPE_MAX => ids,
        (false, false) => {
            errors.add(
                "forvaltningar",
                Msg::TooManyScopeForvaltningar { max: SCOPE_MAX },
            );
            Vec::new()
        }
        (true, false) => {
            errors.add("forvaltningar", Msg::ScopeBoth);
            Vec::new()
        }
        (false, true) => {
            errors.add("forvaltningar", Msg::ScopeMissing);
            Vec::new()
        }
    }
}

/// Usernames are lower-case, so `Anna` and `anna` are the same account.
pub fn normalize_username(raw: &str) -> String {
    raw.trim().to_lowercase()
}

impl UserInput {
    pub fn parse(&self) -> Result<ValidUser, FieldErrors> {
        let mut e = FieldErrors::new();
        let username = normalize_username(&required_text(
            &mut e,
            "username",
            Label::Username,
            &self.username,
            64,
        ));
        if !username.is_empty()
            && !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
        {
            e.add("username", Msg::UsernameCharacters);
        }
        let display = self.display_name.trim();
        let display_name = if display.is_empty() {
            username.clone()
        } else {
            display.to_string()
        };
        if display_name.chars().count() > 120 {
            e.add(
                "display_name",
                Msg::TooLong {
                    label: Label::Name,
                    max: 120,
                },
            );
        }
        let role = Role::from_code(&self.role);
        if role.is_none() {
            e.add("role", Msg::RoleRequired);
        }
        let role = role.unwrap_or(Role::Observer);
        let forvaltningar = parse_scope(
            &mut e,
            role,
            checked(self.region_wide.as_deref()),
            &self.forvaltningar,
        );
        check_password(&mut e, "password", &self.password);
        e.into_result(ValidUser {
            username,
            display_name,
            role,
            forvaltningar,
            password: self.password.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lower_cased_and_plain() {
        let input = UserInput {
            username: " Anna.Berg ".into(),
            role: "planner".into(),
            password: "ett långt lösenord".into(),
            region_wide: Some("on".into()),
            ..Default::default()
        };
        assert_eq!(input.parse().unwrap().username, "anna.berg");
        let bad = UserInput {
            username: "anna berg".into(),
            ..input
        };
        assert!(bad.parse().unwrap_err().get("username").is_some());
    }

    #[test]
    fn a_short_password_is_refused() {
        let input = UserInput {
            username: "a".into(),
            role: "admin".into(),
            password: "kort".into(),
            ..Default::default()
        };
        assert_eq!(
            input.parse().unwrap_err().get("password"),
            Some(&Msg::PasswordTooShort { min: 10 })
        );
    }

    #[test]
    fn only_planners_and_leads_keep_a_forvaltning_scope() {
        let input = UserInput {
            username: "s".into(),
            role: "board_viewer".into(),
            forvaltningar: vec![1],
            password: "0123456789".into(),
            ..Default::default()
        };
        assert!(input.parse().unwrap().forvaltningar.is_empty());
        let planner = UserInput {
            role: "planner".into(),
            forvaltningar: vec![3, 1, 3],
            ..input
        };
        assert_eq!(planner.parse().unwrap().forvaltningar, vec![1, 3]);
    }

    #[test]
    fn a_scoped_role_chooses_the_whole_region_explicitly() {
        let mut e = FieldErrors::new();
        assert!(parse_scope(&mut e, Role::Planner, true, &[]).is_empty());
        assert!(e.is_empty());
        parse_scope(&mut e, Role::Planner, false, &[]);
        assert!(e.get("forvaltningar") == Some(&Msg::ScopeMissing));
        let mut e = FieldErrors::new();
        parse_scope(&mut e, Role::ExerciseLead, true, &[2]);
        assert!(e.get("forvaltningar") == Some(&Msg::ScopeBoth));
        let mut e = FieldErrors::new();
        let many: Vec<i64> = (0..=SCOPE_MAX as i64).collect();
        parse_scope(&mut e, Role::Planner, false, &many);
        assert!(e.get("forvaltningar").is_some());
    }
}
