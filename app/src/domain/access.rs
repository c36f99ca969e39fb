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

/// Kinds of data, for the read policy (docs/adr/0003-read-policy.md). Every service read asks
/// [`Actor::may_read`] with one of these; new kinds of data get a variant here first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Data {
    /// The exercise plan: names, dates, formats, who leads and takes part, objectives, status;
    /// the multi-year plan and coverage. Every signed-in role reads it.
    Plan,
    /// Förvaltningar, capability areas, agreements and requirement areas.
    Catalogue,
    /// An exercise's design: the scenario and funding now, the inject list later. Players must
    /// not know it in advance, and observers may be players.
    ExerciseDesign,
    /// User accounts.
    Accounts,
    /// The audit log.
    AuditLog,
    /// Capability assessments, their shortcomings and the readiness charts: the region's
    /// vulnerabilities, so not for observers (who may be outside players).
    Readiness,
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

    /// May enter and submit assessments of förvaltning `f`: planners whose scope includes it.
    pub fn can_assess(&self, f: i64) -> bool {
        self.role == Role::Planner && self.in_scope(f)
    }

    /// Whether the user enters assessments at all (to show the grid's links as forms).
    pub fn assesses(&self) -> bool {
        self.role == Role::Planner
    }

    /// May approve (fastställa) assessments: planners for the whole region. Never their own,
    /// which the service checks against the assessor.
    pub fn can_approve_assessments(&self) -> bool {
        self.role == Role::Planner && self.forvaltningar.is_empty()
    }

    /// May record NÖK follow-up (tick criteria, set status, add evidence) for the region
    /// (`None`) or förvaltning `f`: planners; the region's own follow-up needs a region-wide one.
    pub fn can_follow_up(&self, f: Option<i64>) -> bool {
        self.role == Role::Planner
            && match f {
                None => self.forvaltningar.is_empty(),
                Some(f) => self.in_scope(f),
            }
    }

    /// Keeps the region's follow-up catalogue: requirement criteria, the reporting calendar,
    /// indicators. Region-wide planners and administrators.
    pub fn coordinates(&self) -> bool {
        self.is_admin() || (self.role == Role::Planner && self.forvaltningar.is_empty())
    }

    /// Catalogues, users and the audit log are the administrator's.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// The read policy: whether this user may read `data` that concerns the förvaltningar
    /// `concerns` (an exercise's lead and participants; empty for region-wide data).
    /// - plan and catalogue: every role;
    /// - exercise design: administrators and evaluators, and planners and exercise leads whose
    ///   scope includes a förvaltning the exercise concerns; never observers or board viewers;
    /// - accounts and the audit log: administrators.
    pub fn may_read(&self, data: Data, concerns: &[i64]) -> bool {
        match data {
            Data::Plan | Data::Catalogue => true,
            Data::Accounts | Data::AuditLog => self.is_admin(),
            Data::Readiness => self.role != Role::Observer,
            Data::ExerciseDesign => match self.role {
                Role::Admin | Role::Evaluator => true,
                Role::Planner | Role::ExerciseLead => concerns.iter().any(|f| self.in_scope(*f)),
                Role::Observer | Role::BoardViewer => false,
            },
        }
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
    fn exercise_design_is_for_planners_leads_in_scope_and_evaluators_only() {
        let concerns = [3, 7];
        let may =
            |role, scope: Vec<i64>| actor(role, scope).may_read(Data::ExerciseDesign, &concerns);
        assert!(may(Role::Admin, vec![]));
        assert!(may(Role::Evaluator, vec![]));
        assert!(may(Role::Planner, vec![]));
        assert!(may(Role::Planner, vec![7]), "a participant's planner");
        assert!(!may(Role::Planner, vec![4]));
        assert!(may(Role::ExerciseLead, vec![3]));
        assert!(!may(Role::ExerciseLead, vec![4]));
        assert!(!may(Role::Observer, vec![]));
        assert!(!may(Role::BoardViewer, vec![]));
    }

    #[test]
    fn every_role_reads_the_plan_and_only_admins_read_accounts_and_the_log() {
        for role in Role::ALL {
            let a = actor(role, vec![]);
            assert!(a.may_read(Data::Plan, &[]) && a.may_read(Data::Catalogue, &[]));
            assert_eq!(a.may_read(Data::Accounts, &[]), role == Role::Admin);
            assert_eq!(a.may_read(Data::AuditLog, &[]), role == Role::Admin);
        }
    }

    #[test]
    fn assessments_are_entered_by_planners_in_scope_and_approved_by_region_wide_planners() {
        let scoped = actor(Role::Planner, vec![3]);
        assert!(scoped.can_assess(3) && !scoped.can_assess(4));
        assert!(!scoped.can_approve_assessments());
        let region = actor(Role::Planner, vec![]);
        assert!(region.can_assess(4) && region.can_approve_assessments());
        for role in [
            Role::Admin,
            Role::ExerciseLead,
            Role::Evaluator,
            Role::Observer,
            Role::BoardViewer,
        ] {
            let a = actor(role, vec![]);
            assert!(!a.can_assess(3) && !a.can_approve_assessments(), "{role:?}");
        }
    }

    #[test]
    fn readiness_is_read_by_every_role_but_observers() {
        for role in Role::ALL {
            let a = actor(role, vec![]);
            assert_eq!(
                a.may_read(Data::Readiness, &[]),
                role != Role::Observer,
                "{role:?}"
            );
        }
    }

    #[test]
    fn nok_follow_up_is_for_planners_and_the_regions_own_for_region_wide_ones() {
        let scoped = actor(Role::Planner, vec![3]);
        assert!(scoped.can_follow_up(Some(3)) && !scoped.can_follow_up(Some(4)));
        assert!(!scoped.can_follow_up(None) && !scoped.coordinates());
        let region = actor(Role::Planner, vec![]);
        assert!(
            region.can_follow_up(None) && region.can_follow_up(Some(4)) && region.coordinates()
        );
        let admin = actor(Role::Admin, vec![]);
        assert!(!admin.can_follow_up(None) && admin.coordinates());
        for role in [
            Role::ExerciseLead,
            Role::Evaluator,
            Role::Observer,
            Role::BoardViewer,
        ] {
            let a = actor(role, vec![]);
            assert!(
                !a.can_follow_up(None) && !a.can_follow_up(Some(3)) && !a.coordinates(),
                "{role:?}"
            );
        }
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
    }
}
