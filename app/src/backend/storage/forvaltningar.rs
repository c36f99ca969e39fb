//! SQL for förvaltningar.

use super::{Conn, StoreResult, query};
use crate::domain::forvaltning::{Forvaltning, ForvaltningKind, ValidForvaltning};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    code: String,
    name: String,
    kind: String,
    active: bool,
}

impl From<Row> for Forvaltning {
    fn from(r: Row) -> Self {
        Forvaltning {
            id: r.id,
            code: r.code,
            name: r.name,
            kind: ForvaltningKind::from_code(&r.kind).unwrap_or(ForvaltningKind::Other),
            active: r.active,
        }
    }
}

pub async fn list_all(c: &mut Conn) -> StoreResult<Vec<Forvaltning>> {
    let rows: Vec<Row> = query(
        "SELECT id, code, name, kind, active FROM forvaltningar
         ORDER BY CASE kind WHEN 'bolag' THEN 1 ELSE 0 END, name",
    )
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<Forvaltning>> {
    let row: Option<Row> =
        query("SELECT id, code, name, kind, active FROM forvaltningar WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await?;
    Ok(row.map(Into::into))
}

/// Which of `ids` exist; used to report unknown references as field errors.
pub async fn existing_ids(c: &mut Conn, ids: &[i64]) -> StoreResult<Vec<i64>> {
    let mut found = Vec::new();
    for id in ids {
        let hit: Option<(i64,)> = query("SELECT id FROM forvaltningar WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?;
        found.extend(hit.map(|h| h.0));
    }
    Ok(found)
}

pub async fn insert(c: &mut Conn, f: &ValidForvaltning) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO forvaltningar (code, name, kind, active) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&f.code)
    .bind(&f.name)
    .bind(f.kind.code())
    .bind(f.active)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn update(c: &mut Conn, id: i64, f: &ValidForvaltning) -> StoreResult<bool> {
    let res = query(
        "UPDATE forvaltningar SET code = $1, name = $2, kind = $3, active = $4 WHERE id = $5",
    )
    .bind(&f.code)
    .bind(&f.name)
    .bind(f.kind.code())
    .bind(f.active)
    .bind(id)
    .execute(c)
    .await?;
    Ok(res.rows_affected() == 1)
}
