//! Roles and the permission rules of Redo, as pure functions so they can be tested on their own.
//! The service layer calls these for every request; the UI only uses them to hide buttons.

use serde::{Deserialize, Serialize};

/// What a user may do, from the users in product.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Planner,
    ExerciseLead,
    Evaluator,
    Observer,
    BoardViewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Self::Admin,
        Self::Planner,
        Self::ExerciseLead,
        Self::Evaluator,
        Self::Observer,
        Self::BoardViewer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Planner => "planner",
            Self::ExerciseLead => "exercise_lead",
            Self::Evaluator => "evaluator",
            Self::Observer => "observer",
            Self::BoardViewer => "board_viewer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "Systemförvaltare",
            Self::Planner => "Beredskapssamordnare",
            Self::ExerciseLead => "Övningsledare",
            Self::Evaluator => "Utvärderare",
            Self::Observer => "Observatör",
            Self::BoardViewer => "Styrelse (läsbehörighet)",
        }
    }

    /// Only planners and exercise leads are ever scoped to förvaltningar.
    pub fn can_be_scoped(self) -> bool {
        matches!(self, Self::Planner | Self::ExerciseLead)
    }
}

/// The signed-in user on whose behalf a request runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Förvaltningar the user is limited to; empty means the whole region.
    pub forvaltningar: Vec<i64>,
}

impl Actor {
    fn in_scope(&self, lead: i64) -> bool {
        self.forvaltningar.is_empty() || self.forvaltningar.contains(&lead)
    }

    /// May create an exercise led by förvaltning `lead`.
    pub fn can_create_exercise(&self, lead: i64) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Planner => self.in_scope(lead),
            _ => false,
        }
    }

    /// Whether the user could create any exercise at all (to show the "Ny övning" button).
    pub fn can_plan(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Planner)
    }

    /// May edit and change the status of an exercise led by `lead`.
    pub fn can_edit_exercise(&self, lead: i64) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Planner | Role::ExerciseLead => self.in_scope(lead),
            _ => false,
        }
    }

    /// May delete an exercise led by `lead` (only planners and admins).
    pub fn can_delete_exercise(&self, lead: i64) -> bool {
        self.can_create_exercise(lead)
    }

    /// Whether the user edits exercises at all (planners, exercise leads, administrators).
    pub fn edits_exercises(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Planner | Role::ExerciseLead)
    }

    /// Catalogues, users and the audit log are the administrator's.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, scope: Vec<i64>) -> Actor {
        Actor {
            user_id: 1,
            username: "u".into(),
            display_name: "U".into(),
            role,
            forvaltningar: scope,
        }
    }

    #[test]
    fn a_board_viewer_may_not_change_anything() {
        let a = actor(Role::BoardViewer, vec![]);
        assert!(!a.can_create_exercise(1) && !a.can_edit_exercise(1) && !a.can_delete_exercise(1));
        assert!(!a.is_admin() && !a.can_plan());
    }

    #[test]
    fn a_scoped_planner_may_only_edit_exercises_their_forvaltning_leads() {
        let a = actor(Role::Planner, vec![3]);
        assert!(a.can_create_exercise(3) && a.can_edit_exercise(3));
        assert!(!a.can_create_exercise(4) && !a.can_edit_exercise(4));
    }

    #[test]
    fn an_unscoped_planner_plans_for_the_whole_region() {
        let a = actor(Role::Planner, vec![]);
        assert!(a.can_create_exercise(42) && a.can_edit_exercise(42) && a.can_delete_exercise(42));
    }

    #[test]
    fn an_exercise_lead_edits_but_does_not_create_or_delete() {
        let a = actor(Role::ExerciseLead, vec![2]);
        assert!(a.can_edit_exercise(2) && !a.can_edit_exercise(5));
        assert!(!a.can_create_exercise(2) && !a.can_delete_exercise(2));
    }

    #[test]
    fn evaluators_and_observers_are_read_only_here() {
        for role in [Role::Evaluator, Role::Observer] {
            let a = actor(role, vec![]);
            assert!(!a.can_edit_exercise(1) && !a.can_create_exercise(1));
        }
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
    }
}
