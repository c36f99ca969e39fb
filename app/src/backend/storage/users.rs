//! SQL for user accounts and their förvaltning scope.

use super::{Conn, StoreResult};
use crate::domain::access::Role;
use crate::domain::user::User;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    active: bool,
    scope: Option<String>,
}

impl TryFrom<Row> for User {
    type Error = super::StorageError;

    /// An unknown role in the database is an error, never silently some other role.
    fn try_from(r: Row) -> StoreResult<Self> {
        let role = Role::from_code(&r.role).ok_or_else(|| {
            super::StorageError::Decode(format!("unknown role {:?} for user {}", r.role, r.id))
        })?;
        Ok(User {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role,
            forvaltningar: r
                .scope
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect(),
            active: r.active,
        })
    }
}

macro_rules! select_users {
    () => {
        "SELECT u.id, u.username, u.display_name, u.role, u.active,
    (SELECT group_concat(forvaltning_id) FROM user_forvaltningar s WHERE s.user_id = u.id) AS scope
    FROM users u"
    };
}

pub async fn list(c: &mut Conn) -> StoreResult<Vec<User>> {
    let rows: Vec<Row> = sqlx::query_as(concat!(select_users!(), " ORDER BY u.username"))
        .fetch_all(c)
        .await?;
    rows.into_iter().map(User::try_from).collect()
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<User>> {
    let row: Option<Row> = sqlx::query_as(concat!(select_users!(), " WHERE u.id = ?"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.map(User::try_from).transpose()
}

/// What sign-in needs of an account: the account, its password hash, and the version of its
/// credentials (see `bump_credential_version`).
pub struct StoredLogin {
    pub user: User,
    pub password_hash: String,
    pub credential_version: i64,
}

/// The account named `username` with its password hash, for login.
pub async fn find_login(c: &mut Conn, username: &str) -> StoreResult<Option<StoredLogin>> {
    let row: Option<Row> = sqlx::query_as(concat!(select_users!(), " WHERE u.username = ?"))
        .bind(username)
        .fetch_optional(&mut *c)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (password_hash, credential_version): (String, i64) =
        sqlx::query_as("SELECT password_hash, credential_version FROM users WHERE id = ?")
            .bind(row.id)
            .fetch_one(c)
            .await?;
    Ok(Some(StoredLogin {
        user: row.try_into()?,
        password_hash,
        credential_version,
    }))
}

/// Invalidates the account's device cookies (on a new password or deactivation).
pub async fn bump_credential_version(c: &mut Conn, id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE users SET credential_version = credential_version + 1 WHERE id = ?")
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub forvaltningar: &'a [i64],
}

pub async fn insert(c: &mut Conn, u: &NewUser<'_>, now: DateTime<Utc>) -> StoreResult<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (username, display_name, password_hash, role, active, created_at)
         VALUES (?, ?, ?, ?, 1, ?) RETURNING id",
    )
    .bind(u.username)
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(u.role.code())
    .bind(now)
    .fetch_one(&mut *c)
    .await?;
    set_scope(c, id, u.forvaltningar).await?;
    Ok(id)
}

pub async fn set_scope(c: &mut Conn, user_id: i64, forvaltningar: &[i64]) -> StoreResult<()> {
    sqlx::query("DELETE FROM user_forvaltningar WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *c)
        .await?;
    for f in forvaltningar {
        sqlx::query("INSERT INTO user_forvaltningar (user_id, forvaltning_id) VALUES (?, ?)")
            .bind(user_id)
            .bind(f)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub async fn update_role_and_status(
    c: &mut Conn,
    id: i64,
    role: Role,
    active: bool,
) -> StoreResult<bool> {
    let res = sqlx::query("UPDATE users SET role = ?, active = ? WHERE id = ?")
        .bind(role.code())
        .bind(active)
        .bind(id)
        .execute(c)
        .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn set_password_hash(c: &mut Conn, id: i64, hash: &str) -> StoreResult<bool> {
    let res = sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(id)
        .execute(c)
        .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn count(c: &mut Conn) -> StoreResult<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(c)
        .await?;
    Ok(n)
}
