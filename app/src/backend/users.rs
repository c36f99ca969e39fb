//! Account administration: list, create, change role or status, set passwords.

use super::audit::{self, Change};
use super::auth::SessionCache;
use super::error::ServiceResult;
use super::storage::{self, Db, is_unique_violation};
use super::{Clock, ServiceError, password};
use crate::domain::access::Data;
use crate::domain::user::{User, UserInput, check_password, parse_scope};
use crate::domain::{Actor, FieldErrors, Role};

/// An administrator's change to an account, as the form posts it.
pub struct AccountChange<'a> {
    pub role: &'a str,
    pub active: bool,
    /// The account plans for the whole region (checkbox "Hela regionen").
    pub region_wide: bool,
    pub scope: &'a [i64],
}

#[derive(Clone)]
pub struct UserService {
    db: Db,
    clock: Clock,
    sessions: SessionCache,
}

impl UserService {
    pub fn new(db: Db, clock: Clock, sessions: SessionCache) -> Self {
        Self {
            db,
            clock,
            sessions,
        }
    }

    pub async fn list(&self, actor: &Actor) -> ServiceResult<Vec<User>> {
        if !actor.may_read(Data::Accounts, &[]) {
            return Err(ServiceError::Forbidden);
        }
        Ok(storage::users::list(&mut *self.db.read().await?).await?)
    }

    /// Creates an account; the password is hashed with argon2id and never stored or logged.
    pub async fn create(&self, actor: &Actor, input: &UserInput) -> ServiceResult<i64> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let valid = input.parse()?;
        let hash = password::hash(&valid.password).await?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        if storage::forvaltningar::existing_ids(&mut tx, &valid.forvaltningar)
            .await?
            .len()
            != valid.forvaltningar.len()
        {
            return Err(ServiceError::field(
                "forvaltningar",
                "En eller flera förvaltningar finns inte.",
            ));
        }
        let new = storage::users::NewUser {
            username: &valid.username,
            display_name: &valid.display_name,
            password_hash: &hash,
            role: valid.role,
            forvaltningar: &valid.forvaltningar,
        };
        let id = storage::users::insert(&mut tx, &new, now)
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    ServiceError::field("username", "Användarnamnet är upptaget.")
                } else {
                    e.into()
                }
            })?;
        let after = storage::users::find(&mut tx, id).await?;
        let change = Change::<(), _> {
            action: "create",
            entity_type: "user",
            entity_id: id.to_string(),
            before: None,
            after: after.as_ref(),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes role, active flag and förvaltning scope. Deactivating ends the user's sessions.
    pub async fn update(
        &self,
        actor: &Actor,
        id: i64,
        change: &AccountChange<'_>,
    ) -> ServiceResult<()> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let mut e = FieldErrors::new();
        let role = Role::from_code(change.role);
        if role.is_none() {
            e.add("role", "Välj en roll.");
        }
        let role = role.unwrap_or(Role::Observer);
        let scope = parse_scope(&mut e, role, change.region_wide, change.scope);
        if !e.is_empty() {
            return Err(ServiceError::Invalid(e));
        }
        let active = change.active;
        if id == actor.user_id && (role != Role::Admin || !active) {
            return Err(ServiceError::field(
                "role",
                "Du kan inte ta bort din egen administratörsbehörighet.",
            ));
        }
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let before = storage::users::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if storage::forvaltningar::existing_ids(&mut tx, &scope)
            .await?
            .len()
            != scope.len()
        {
            return Err(ServiceError::field(
                "forvaltningar",
                "En eller flera förvaltningar finns inte.",
            ));
        }
        storage::users::update_role_and_status(&mut tx, id, role, active).await?;
        storage::users::set_scope(&mut tx, id, &scope).await?;
        if !active {
            storage::sessions::delete_for_user(&mut tx, id).await?;
            storage::users::bump_credential_version(&mut tx, id).await?;
        }
        storage::users::bump_generation(&mut tx).await?;
        let after = storage::users::find(&mut tx, id).await?;
        let change = Change {
            action: "update",
            entity_type: "user",
            entity_id: id.to_string(),
            before: Some(&before),
            after: after.as_ref(),
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        self.sessions.clear();
        Ok(())
    }

    /// Sets a user's password (administrators, or the user themself) and ends their other sessions.
    pub async fn set_password(
        &self,
        actor: &Actor,
        username: &str,
        new_password: &str,
    ) -> ServiceResult<()> {
        let mut e = FieldErrors::new();
        check_password(&mut e, "password", new_password);
        if !e.is_empty() {
            return Err(ServiceError::Invalid(e));
        }
        let hash = password::hash(new_password).await?;
        let now = (self.clock)();
        let mut tx = self.db.begin().await?;
        let username = crate::domain::user::normalize_username(username);
        let user = storage::users::find_login(&mut tx, &username)
            .await?
            .ok_or(ServiceError::NotFound)?
            .user;
        if !actor.is_admin() && actor.user_id != user.id {
            return Err(ServiceError::Forbidden);
        }
        storage::users::set_password_hash(&mut tx, user.id, &hash).await?;
        storage::sessions::delete_for_user(&mut tx, user.id).await?;
        storage::users::bump_credential_version(&mut tx, user.id).await?;
        storage::users::bump_generation(&mut tx).await?;
        let change = Change::<(), ()> {
            action: "password",
            entity_type: "user",
            entity_id: user.id.to_string(),
            before: None,
            after: None,
        };
        audit::record_change(&mut tx, actor, now, change).await?;
        tx.commit().await?;
        self.sessions.clear();
        Ok(())
    }

    pub async fn count(&self) -> ServiceResult<i64> {
        Ok(storage::users::count(&mut *self.db.read().await?).await?)
    }
}
