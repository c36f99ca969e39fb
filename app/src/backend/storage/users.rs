//! SQL for user accounts and their förvaltning scope.

use super::{Conn, StoreResult, query};
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
}

/// The account of `r` with its förvaltning scope. An unknown role in the database is an error,
/// never silently some other role.
fn user(r: Row, forvaltningar: Vec<i64>) -> StoreResult<User> {
    let role = Role::from_code(&r.role).ok_or_else(|| {
        super::StorageError::Decode(format!("unknown role {:?} for user {}", r.role, r.id))
    })?;
    Ok(User {
        id: r.id,
        username: r.username,
        display_name: r.display_name,
        role,
        forvaltningar,
        active: r.active,
    })
}

async fn scope_of(c: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    let rows: Vec<(i64,)> = query(
        "SELECT forvaltning_id FROM user_forvaltningar WHERE user_id = $1 ORDER BY forvaltning_id",
    )
    .bind(user_id)
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

macro_rules! select_users {
    () => {
        "SELECT id, username, display_name, role, active FROM users"
    };
}

/// Every account, by username: the accounts and all scopes in two plain queries.
pub async fn list(c: &mut Conn) -> StoreResult<Vec<User>> {
    let rows: Vec<Row> = query(concat!(select_users!(), " ORDER BY username"))
        .fetch_all(&mut *c)
        .await?;
    let scopes: Vec<(i64, i64)> = query(
        "SELECT user_id, forvaltning_id FROM user_forvaltningar ORDER BY user_id, forvaltning_id",
    )
    .fetch_all(c)
    .await?;
    let mut by_user: std::collections::HashMap<i64, Vec<i64>> = Default::default();
    for (u, f) in scopes {
        by_user.entry(u).or_default().push(f);
    }
    rows.into_iter()
        .map(|r| {
            let scope = by_user.remove(&r.id).unwrap_or_default();
            user(r, scope)
        })
        .collect()
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<User>> {
    let row: Option<Row> = query(concat!(select_users!(), " WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    match row {
        Some(r) => {
            let scope = scope_of(c, r.id).await?;
            Ok(Some(user(r, scope)?))
        }
        None => Ok(None),
    }
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
    let row: Option<Row> = query(concat!(select_users!(), " WHERE username = $1"))
        .bind(username)
        .fetch_optional(&mut *c)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (password_hash, credential_version): (String, i64) =
        query("SELECT password_hash, credential_version FROM users WHERE id = $1")
            .bind(row.id)
            .fetch_one(&mut *c)
            .await?;
    let scope = scope_of(c, row.id).await?;
    Ok(Some(StoredLogin {
        user: user(row, scope)?,
        password_hash,
        credential_version,
    }))
}

/// Invalidates the account's device cookies (on a new password or deactivation).
pub async fn bump_credential_version(c: &mut Conn, id: i64) -> StoreResult<()> {
    query("UPDATE users SET credential_version = credential_version + 1 WHERE id = $1")
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
    let (id,): (i64,) = query(
        "INSERT INTO users (username, display_name, password_hash, role, active, created_at)
         VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id",
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
    query("DELETE FROM user_forvaltningar WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *c)
        .await?;
    for f in forvaltningar {
        query("INSERT INTO user_forvaltningar (user_id, forvaltning_id) VALUES ($1, $2)")
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
    let res = query("UPDATE users SET role = $1, active = $2 WHERE id = $3")
        .bind(role.code())
        .bind(active)
        .bind(id)
        .execute(c)
        .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn set_password_hash(c: &mut Conn, id: i64, hash: &str) -> StoreResult<bool> {
    let res = query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(c)
        .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn count(c: &mut Conn) -> StoreResult<i64> {
    let (n,): (i64,) = query("SELECT COUNT(*) FROM users").fetch_one(c).await?;
    Ok(n)
}
