//! Domain events: what a committed change did, for whoever must react (caches, read models,
//! live viewers). One event per audited change, written in the change's own transaction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kinds of things that change (`Event::entity_type`).
pub mod entity {
    pub const EXERCISE: &str = "exercise";
    pub const FORVALTNING: &str = "forvaltning";
    pub const CAPABILITY_AREA: &str = "capability_area";
    pub const AGREEMENT: &str = "agreement";
    pub const REQUIREMENT_AREA: &str = "requirement_area";
    pub const USER: &str = "user";
    pub const SESSION: &str = "session";
    pub const ASSESSMENT: &str = "assessment";
    /// The region's assessment settings and the level scale.
    pub const READINESS_SETTINGS: &str = "readiness_settings";
    /// The region's (or a förvaltning's) work on a NÖK requirement area.
    pub const FULFILMENT: &str = "fulfilment";
    pub const DEADLINE: &str = "deadline";
    pub const INDICATOR: &str = "indicator";
    pub const BRIEF: &str = "brief";
    /// A row of an exercise's live log; the id is `exercise/row`.
    pub const LOG_ENTRY: &str = "log_entry";
    /// An inject of an exercise's list; the id is `exercise/inject`.
    pub const INJECT: &str = "inject";
    pub const EXERCISE_CLOCK: &str = "exercise_clock";
    /// A person's place on an exercise's staff; the id is `exercise/user`.
    pub const EXERCISE_STAFF: &str = "exercise_staff";
    /// An exercise's evaluation: the id is `exercise` (report, hotwash) or `exercise/objective`.
    pub const EVALUATION: &str = "evaluation";
    /// A strength, area for improvement or shortcoming in the register.
    pub const FINDING: &str = "finding";
    pub const CORRECTIVE_ACTION: &str = "corrective_action";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Increasing in commit order; subscribers remember the last one they saw.
    pub id: i64,
    pub at: DateTime<Utc>,
    pub entity_type: String,
    pub entity_id: String,
    /// What happened: `create`, `update`, `transition`, `delete`, `login` …
    pub kind: String,
    /// The förvaltningar the change concerns (empty for region-wide data).
    pub forvaltningar: Vec<i64>,
}

impl Event {
    pub fn is(&self, entity_type: &str) -> bool {
        self.entity_type == entity_type
    }
}
