//! The exercise lifecycle (domain.md §5.4) as a state machine.
//!
//! Planerad → Under planering → Redo → Pågår → Genomförd → Utvärderas → Avslutad, and Inställd
//! (with a reason) from any state that is not already finished.

use super::message::Msg;
use serde::{Deserialize, Serialize};

/// Where an exercise is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ExerciseStatus {
    Planned,
    InPreparation,
    Ready,
    Running,
    Conducted,
    Evaluating,
    Closed,
    Cancelled,
}

pub const CANCEL_REASON_MAX: usize = 1000;

impl ExerciseStatus {
    pub const ALL: [ExerciseStatus; 8] = [
        Self::Planned,
        Self::InPreparation,
        Self::Ready,
        Self::Running,
        Self::Conducted,
        Self::Evaluating,
        Self::Closed,
        Self::Cancelled,
    ];

    /// Stable identifier used in URLs, forms and the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Planned => "planerad",
            Self::InPreparation => "under_planering",
            Self::Ready => "redo",
            Self::Running => "pagar",
            Self::Conducted => "genomford",
            Self::Evaluating => "utvarderas",
            Self::Closed => "avslutad",
            Self::Cancelled => "installd",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Swedish label as used in MSB's and the regions' own documents.
    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planerad",
            Self::InPreparation => "Under planering",
            Self::Ready => "Redo",
            Self::Running => "Pågår",
            Self::Conducted => "Genomförd",
            Self::Evaluating => "Utvärderas",
            Self::Closed => "Avslutad",
            Self::Cancelled => "Inställd",
        }
    }

    /// The label of the button that moves an exercise into this state.
    pub fn action_label(self) -> &'static str {
        match self {
            Self::Planned => "Återställ till Planerad",
            Self::InPreparation => "Börja planera",
            Self::Ready => "Markera som Redo",
            Self::Running => "Starta övningen",
            Self::Conducted => "Markera som Genomförd",
            Self::Evaluating => "Börja utvärdera",
            Self::Closed => "Avsluta",
            Self::Cancelled => "Ställ in",
        }
    }

    /// The label of the button that moves an exercise from `self` to `to`: going back reads as
    /// going back, not as starting over.
    pub fn action_label_to(self, to: ExerciseStatus) -> String {
        if to < self && to != Self::Cancelled {
            format!("Tillbaka till {}", to.label())
        } else {
            to.action_label().to_string()
        }
    }

    /// True once the exercise has actually taken place (it counts as "övad").
    pub fn is_conducted(self) -> bool {
        matches!(self, Self::Conducted | Self::Evaluating | Self::Closed)
    }

    /// True for states from which nothing but history follows.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Closed | Self::Cancelled)
    }

    /// The states this one may move to, in the order the UI offers them.
    pub fn next_states(self) -> &'static [ExerciseStatus] {
        use ExerciseStatus::*;
        match self {
            Planned => &[InPreparation, Cancelled],
            InPreparation => &[Ready, Planned, Cancelled],
            Ready => &[Running, InPreparation, Cancelled],
            Running => &[Conducted, Cancelled],
            Conducted => &[Evaluating],
            Evaluating => &[Closed],
            Closed | Cancelled => &[],
        }
    }

    pub fn can_move_to(self, to: ExerciseStatus) -> bool {
        self.next_states().contains(&to)
    }

    /// Checks a transition with everything it needs: the reason when cancelling and the number of
    /// objectives when moving to Redo. Returns the trimmed reason to store.
    pub fn check_transition(
        self,
        to: ExerciseStatus,
        reason: &str,
        objective_count: usize,
    ) -> Result<Option<String>, Msg> {
        if !self.can_move_to(to) {
            return Err(Msg::TransitionNotAllowed { from: self, to });
        }
        if to == Self::Ready && objective_count == 0 {
            return Err(Msg::NeedsObjective);
        }
        if to != Self::Cancelled {
            return Ok(None);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Msg::CancelReasonRequired);
        }
        if reason.chars().count() > CANCEL_REASON_MAX {
            return Err(Msg::CancelReasonTooLong {
                max: CANCEL_REASON_MAX,
            });
        }
        Ok(Some(reason.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::ExerciseStatus::*;
    use super::*;

    /// Every allowed transition; everything not listed must be refused.
    const ALLOWED: &[(ExerciseStatus, ExerciseStatus)] = &[
        (Planned, InPreparation),
        (Planned, Cancelled),
        (InPreparation, Ready),
        (InPreparation, Planned),
        (InPreparation, Cancelled),
        (Ready, Running),
        (Ready, InPreparation),
        (Ready, Cancelled),
        (Running, Conducted),
        (Running, Cancelled),
        (Conducted, Evaluating),
        (Evaluating, Closed),
    ];

    #[test]
    fn the_transition_table_is_exactly_the_lifecycle() {
        for from in ExerciseStatus::ALL {
            for to in ExerciseStatus::ALL {
                let expected = ALLOWED.contains(&(from, to));
                assert_eq!(from.can_move_to(to), expected, "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn a_cancelled_exercise_cannot_be_started() {
        assert_eq!(
            Cancelled.check_transition(Running, "", 1),
            Err(Msg::TransitionNotAllowed {
                from: Cancelled,
                to: Running
            })
        );
    }

    #[test]
    fn cancelling_needs_a_reason() {
        assert_eq!(
            Planned.check_transition(Cancelled, "  ", 0),
            Err(Msg::CancelReasonRequired)
        );
        assert_eq!(
            Planned.check_transition(Cancelled, " Pandemin ", 0),
            Ok(Some("Pandemin".to_string()))
        );
    }

    #[test]
    fn an_overlong_cancel_reason_is_refused() {
        let long = "x".repeat(CANCEL_REASON_MAX + 1);
        assert_eq!(
            Ready.check_transition(Cancelled, &long, 1),
            Err(Msg::CancelReasonTooLong {
                max: CANCEL_REASON_MAX
            })
        );
    }

    #[test]
    fn an_exercise_without_objectives_cannot_become_ready() {
        assert_eq!(
            InPreparation.check_transition(Ready, "", 0),
            Err(Msg::NeedsObjective)
        );
        assert_eq!(InPreparation.check_transition(Ready, "", 2), Ok(None));
    }

    #[test]
    fn finished_exercises_have_no_next_state() {
        assert!(Closed.next_states().is_empty());
        assert!(Cancelled.next_states().is_empty());
        assert!(Closed.is_final() && Cancelled.is_final() && !Ready.is_final());
    }

    #[test]
    fn going_back_is_labelled_as_going_back() {
        assert_eq!(
            Ready.action_label_to(InPreparation),
            "Tillbaka till Under planering"
        );
        assert_eq!(Planned.action_label_to(InPreparation), "Börja planera");
        assert_eq!(Ready.action_label_to(Cancelled), "Ställ in");
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        for s in ExerciseStatus::ALL {
            assert_eq!(ExerciseStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(ExerciseStatus::from_code("okänd"), None);
    }

    #[test]
    fn only_taken_place_states_count_as_conducted() {
        let conducted: Vec<_> = ExerciseStatus::ALL
            .into_iter()
            .filter(|s| s.is_conducted())
            .collect();
        assert_eq!(conducted, vec![Conducted, Evaluating, Closed]);
    }
}
