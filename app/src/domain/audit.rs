//! Audit log entries and the filters administrators use to read them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One recorded change: who, when, what, and the state before and after (JSON text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Filters for the audit log page; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub entity_type: Option<String>,
    pub action: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Swedish label of an audit action code.
pub fn action_label(action: &str) -> &str {
    match action {
        "create" => "Skapad",
        "update" => "Ändrad",
        "delete" => "Borttagen",
        "transition" => "Statusändring",
        "login" => "Inloggning",
        "login_failed" => "Misslyckad inloggning",
        "logout" => "Utloggning",
        "password" => "Lösenord bytt",
        other => other,
    }
}

/// Swedish label of an entity type.
pub fn entity_label(entity: &str) -> &str {
    match entity {
        "exercise" => "Övning",
        "forvaltning" => "Förvaltning",
        "capability_area" => "Förmågeområde",
        "agreement" => "Överenskommelse",
        "requirement_area" => "Kravområde",
        "user" => "Användare",
        "session" => "Session",
        other => other,
    }
}

pub const ACTIONS: [&str; 8] = [
    "create",
    "update",
    "delete",
    "transition",
    "login",
    "login_failed",
    "logout",
    "password",
];
pub const ENTITIES: [&str; 7] = [
    "exercise",
    "forvaltning",
    "capability_area",
    "agreement",
    "requirement_area",
    "user",
    "session",
];
