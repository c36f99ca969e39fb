//! Writing and reading the audit log. `record` is called inside the transaction of every change.

use super::ServiceError;
use super::error::ServiceResult;
use super::storage::{self, Conn, Db};
use crate::domain::Actor;
use crate::domain::access::Data;
use crate::domain::audit::{AuditEntry, AuditFilter};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The pseudo-user that command-line administration runs as.
pub fn system_actor() -> Actor {
    Actor {
        user_id: 0,
        username: "system".into(),
        display_name: "system (kommandorad)".into(),
        role: crate::domain::Role::Admin,
        forvaltningar: vec![],
    }
}

/// What changed, for one audit row.
pub struct Change<'a, B: Serialize, A: Serialize> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

/// Writes one audit row on `c`, which must be the transaction of the change itself.
pub async fn record<B: Serialize, A: Serialize>(
    c: &mut Conn,
    actor: Option<&Actor>,
    actor_name: &str,
    now: DateTime<Utc>,
    change: Change<'_, B, A>,
) -> ServiceResult<()> {
    let json = |v: serde_json::Result<serde_json::Value>| v.ok();
    storage::audit::insert(
        c,
        &storage::audit::NewAuditRow {
            at: now,
            actor_id: actor.map(|a| a.user_id).filter(|id| *id > 0),
            actor_name,
            action: change.action,
            entity_type: change.entity_type,
            entity_id: &change.entity_id,
            before: change.before.and_then(|b| json(serde_json::to_value(b))),
            after: change.after.and_then(|a| json(serde_json::to_value(a))),
        },
    )
    .await?;
    Ok(())
}

/// Shorthand for the common case: an actor changes an entity.
pub async fn record_change<B: Serialize, A: Serialize>(
    c: &mut Conn,
    actor: &Actor,
    now: DateTime<Utc>,
    change: Change<'_, B, A>,
) -> ServiceResult<()> {
    record(c, Some(actor), &actor.username, now, change).await
}

pub const PAGE_SIZE: i64 = 200;

#[derive(Clone)]
pub struct AuditService {
    db: Db,
}

impl AuditService {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The newest entries matching `filter`; administrators only.
    pub async fn list(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
    ) -> ServiceResult<Vec<AuditEntry>> {
        if !actor.may_read(Data::AuditLog, &[]) {
            return Err(ServiceError::Forbidden);
        }
        let mut c = self.db.read().await?;
        Ok(storage::audit::list(&mut c, filter, PAGE_SIZE).await?)
    }

    pub async fn actor_names(&self, actor: &Actor) -> ServiceResult<Vec<String>> {
        if !actor.may_read(Data::AuditLog, &[]) {
            return Err(ServiceError::Forbidden);
        }
        let mut c = self.db.read().await?;
        Ok(storage::audit::actor_names(&mut c, &system_actor().username).await?)
    }
}
