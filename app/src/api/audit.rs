//! Server function of the audit log page.

use super::AppError;
use crate::domain::audit::{AuditEntry, AuditFilter};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The audit filters as they appear in the page URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub vem: Option<String>,
    pub typ: Option<String>,
    pub handelse: Option<String>,
    pub id: Option<String>,
    pub fran: Option<String>,
    pub till: Option<String>,
}

impl AuditQuery {
    pub fn to_filter(&self) -> AuditFilter {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.chars().take(100).collect())
        };
        let date = |v: &Option<String>| {
            v.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        };
        AuditFilter {
            actor: text(&self.vem),
            entity_type: text(&self.typ),
            action: text(&self.handelse),
            entity_id: text(&self.id),
            from: date(&self.fran),
            to: date(&self.till),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub actors: Vec<String>,
    pub limit: i64,
}

#[server(endpoint = "audit/list")]
pub async fn list_audit(query: AuditQuery) -> Result<AuditView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let entries = svc
        .audit
        .list(&actor, &query.to_filter())
        .await
        .map_err(fail)?;
    let actors = svc.audit.actor_names(&actor).await.map_err(fail)?;
    Ok(AuditView {
        entries,
        actors,
        limit: crate::backend::audit::PAGE_SIZE,
    })
}
