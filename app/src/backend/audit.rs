//! The audit log: what a change records (`Change`, written by `work::Work::record` in the
//! change's own transaction) and reading it back.

use super::ServiceError;
use super::error::ServiceResult;
use super::storage::{self, Db};
use crate::domain::Actor;
use crate::domain::access::Data;
use crate::domain::audit::{AuditEntry, AuditFilter};

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
pub struct Change<'a, B: serde::Serialize, A: serde::Serialize> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
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
