//! Account administration: list, create, change role or status, set passwords.

use super::audit::Change;
use super::cache::Cached;
use super::error::ServiceResult;
use super::storage::{self, Db, StorageError};
use super::work::Writer;
use super::{ServiceError, password};
use crate::domain::access::Data;
use crate::domain::event::{Event, entity};
use crate::domain::user::{User, UserInput, check_password, parse_scope};
use crate::domain::{Actor, FieldErrors, Msg, Role};

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
    writer: Writer,
    /// The account list, kept until an event says an account changed (here, or in another
    /// process such as `server user add`, which the bus's poller notices).
    accounts: Cached<Vec<User>>,
}

impl UserService {
    pub fn new(db: Db, writer: Writer) -> Self {
        Self {
            db,
            writer,
            accounts: Cached::default(),
        }
    }

    pub fn on_event(&self, event: &Event) {
        if event.is(entity::USER) {
            self.accounts.clear();
        }
    }

    pub async fn list(&self, actor: &Actor) -> ServiceResult<Vec<User>> {
        if !actor.may_read(Data::Accounts, &[]) {
            return Err(ServiceError::Forbidden);
        }
        let list = self
            .accounts
            .get_or_load(|| async {
                let mut c = self.db.read().await?;
                Ok::<_, ServiceError>(storage::users::list(&mut c).await?)
            })
            .await?;
        Ok(list.as_ref().clone())
    }

    /// Creates an account; the password is hashed with argon2id and never stored or logged.
    pub async fn create(&self, actor: &Actor, input: &UserInput) -> ServiceResult<i64> {
        if !actor.is_admin() {
            return Err(ServiceError::Forbidden);
        }
        let valid = input.parse()?;
        let hash = password::hash(&valid.password).await?;
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        if storage::forvaltningar::existing_ids(w.conn(), &valid.forvaltningar)
            .await?
            .len()
            != valid.forvaltningar.len()
        {
            return Err(ServiceError::field(
                "forvaltningar",
                Msg::UnknownForvaltningar,
            ));
        }
        let new = storage::users::NewUser {
            username: &valid.username,
            display_name: &valid.display_name,
            password_hash: &hash,
            role: valid.role,
            forvaltningar: &valid.forvaltningar,
        };
        let id = storage::users::insert(w.conn(), &new, now)
            .await
            .map_err(|e| match e {
                StorageError::Unique(_) => ServiceError::field("username", Msg::UsernameTaken),
                e => e.into(),
            })?;
        let after = storage::users::find(w.conn(), id).await?;
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::USER,
            entity_id: id.to_string(),
            before: None,
            after: after.as_ref(),
        };
        w.record(change, &valid.forvaltningar).await?;
        w.commit().await?;
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
            e.add("role", Msg::RoleRequired);
        }
        let role = role.unwrap_or(Role::Observer);
        let scope = parse_scope(&mut e, role, change.region_wide, change.scope);
        if !e.is_empty() {
            return Err(ServiceError::Invalid(e));
        }
        let active = change.active;
        if id == actor.user_id && (role != Role::Admin || !active) {
            return Err(ServiceError::field("role", Msg::OwnAdminRole));
        }
        let mut w = self.writer.begin(actor).await?;
        let before = storage::users::find(w.conn(), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if storage::forvaltningar::existing_ids(w.conn(), &scope)
            .await?
            .len()
            != scope.len()
        {
            return Err(ServiceError::field(
                "forvaltningar",
                Msg::UnknownForvaltningar,
            ));
        }
        storage::users::update_role_and_status(w.conn(), id, role, active).await?;
        storage::users::set_scope(w.conn(), id, &scope).await?;
        if !active {
            storage::sessions::delete_for_user(w.conn(), id).await?;
            storage::users::bump_credential_version(w.conn(), id).await?;
        }
        let after = storage::users::find(w.conn(), id).await?;
        let concerns: Vec<i64> = before.forvaltningar.iter().chain(&scope).copied().collect();
        let change = Change {
            action: "update",
            entity_type: entity::USER,
            entity_id: id.to_string(),
            before: Some(&before),
            after: after.as_ref(),
        };
        w.record(change, &concerns).await?;
        w.commit().await
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
        let mut w = self.writer.begin(actor).await?;
        let username = crate::domain::user::normalize_username(username);
        let user = storage::users::find_login(w.conn(), &username)
            .await?
            .ok_or(ServiceError::NotFound)?
            .user;
        if !actor.is_admin() && actor.user_id != user.id {
            return Err(ServiceError::Forbidden);
        }
        storage::users::set_password_hash(w.conn(), user.id, &hash).await?;
        storage::sessions::delete_for_user(w.conn(), user.id).await?;
        storage::users::bump_credential_version(w.conn(), user.id).await?;
        let change = Change::<(), ()> {
            action: "password",
            entity_type: entity::USER,
            entity_id: user.id.to_string(),
            before: None,
            after: None,
        };
        w.record(change, &user.forvaltningar).await?;
        w.commit().await
    }

    pub async fn count(&self) -> ServiceResult<i64> {
        Ok(storage::users::count(&mut *self.db.read().await?).await?)
    }
}
