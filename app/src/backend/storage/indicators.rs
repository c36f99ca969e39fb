//! SQL for indicators and their yearly values.

use super::{Conn, StorageError, StoreResult, query};
use crate::domain::exercise::ForvaltningRef;
use crate::domain::indicator::{Direction, Indicator, IndicatorValue, Measure, ValidIndicator};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    id: i64,
    name: String,
    unit: String,
    direction: String,
    baseline_year: i64,
    baseline_value: i64,
    target_value: i64,
    target_year: i64,
    per_forvaltning: bool,
    source: String,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct ValueRow {
    indicator_id: i64,
    forvaltning_id: Option<i64>,
    code: Option<String>,
    name: Option<String>,
    year: i64,
    value: i64,
}

fn year(y: i64) -> i32 {
    i32::try_from(y).unwrap_or(0)
}

/// Every indicator with its values, in the catalogue's order.
pub async fn list(c: &mut Conn) -> StoreResult<Vec<Indicator>> {
    let rows: Vec<IndicatorRow> = query(
        "SELECT id, name, unit, direction, baseline_year, baseline_value, target_value, target_year,
                per_forvaltning, source, version
         FROM indicators ORDER BY sort_order, id",
    )
    .fetch_all(&mut *c)
    .await?;
    let values: Vec<ValueRow> = query(
        "SELECT v.indicator_id, v.forvaltning_id, f.code, f.name, v.year, v.value
         FROM indicator_values v LEFT JOIN forvaltningar f ON f.id = v.forvaltning_id
         ORDER BY v.indicator_id, f.id, v.year",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Indicator {
                direction: Direction::from_code(&r.direction).ok_or_else(|| {
                    StorageError::Decode(format!("unknown direction {:?}", r.direction))
                })?,
                values: values
                    .iter()
                    .filter(|v| v.indicator_id == r.id)
                    .map(|v| IndicatorValue {
                        forvaltning: match (v.forvaltning_id, &v.code, &v.name) {
                            (Some(id), Some(code), Some(name)) => Some(ForvaltningRef {
                                id,
                                code: code.clone(),
                                name: name.clone(),
                            }),
                            _ => None,
                        },
                        year: year(v.year),
                        value: Measure(v.value),
                    })
                    .collect(),
                id: r.id,
                name: r.name,
                unit: r.unit,
                baseline_year: year(r.baseline_year),
                baseline: Measure(r.baseline_value),
                target: Measure(r.target_value),
                target_year: year(r.target_year),
                per_forvaltning: r.per_forvaltning,
                source: r.source,
                version: r.version,
            })
        })
        .collect()
}

pub async fn find(c: &mut Conn, id: i64) -> StoreResult<Option<Indicator>> {
    Ok(list(c).await?.into_iter().find(|i| i.id == id))
}

pub async fn insert(c: &mut Conn, i: &ValidIndicator) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO indicators (name, unit, direction, baseline_year, baseline_value, target_value,
                                 target_year, per_forvaltning, source, sort_order, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                 (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM indicators), 1)
         RETURNING id",
    )
    .bind(&i.name)
    .bind(&i.unit)
    .bind(i.direction.code())
    .bind(i64::from(i.baseline_year))
    .bind(i.baseline.0)
    .bind(i.target.0)
    .bind(i64::from(i.target_year))
    .bind(i.per_forvaltning)
    .bind(&i.source)
    .fetch_one(c)
    .await?;
    Ok(id)
}

pub async fn update(c: &mut Conn, id: i64, version: i64, i: &ValidIndicator) -> StoreResult<bool> {
    let done = query(
        "UPDATE indicators SET name = $1, unit = $2, direction = $3, baseline_year = $4,
                baseline_value = $5, target_value = $6, target_year = $7, per_forvaltning = $8,
                source = $9, version = version + 1
         WHERE id = $10 AND version = $11",
    )
    .bind(&i.name)
    .bind(&i.unit)
    .bind(i.direction.code())
    .bind(i64::from(i.baseline_year))
    .bind(i.baseline.0)
    .bind(i.target.0)
    .bind(i64::from(i.target_year))
    .bind(i.per_forvaltning)
    .bind(&i.source)
    .bind(id)
    .bind(version)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an indicator to its next version (a value changed); false when someone else did first.
pub async fn bump(c: &mut Conn, id: i64, version: i64) -> StoreResult<bool> {
    let done = query("UPDATE indicators SET version = version + 1 WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(version)
        .execute(c)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets (or with `None` removes) the value of a year for the region or a förvaltning.
pub async fn set_value(
    c: &mut Conn,
    indicator_id: i64,
    forvaltning: Option<i64>,
    year: i32,
    value: Option<Measure>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    match forvaltning {
        None => {
            query("DELETE FROM indicator_values WHERE indicator_id = $1 AND year = $2 AND forvaltning_id IS NULL")
                .bind(indicator_id)
                .bind(i64::from(year))
                .execute(&mut *c)
                .await?
        }
        Some(f) => {
            query("DELETE FROM indicator_values WHERE indicator_id = $1 AND year = $2 AND forvaltning_id = $3")
                .bind(indicator_id)
                .bind(i64::from(year))
                .bind(f)
                .execute(&mut *c)
                .await?
        }
    };
    if let Some(v) = value {
        query(
            "INSERT INTO indicator_values (indicator_id, forvaltning_id, year, value, updated_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(indicator_id)
        .bind(forvaltning)
        .bind(i64::from(year))
        .bind(v.0)
        .bind(now)
        .execute(c)
        .await?;
    }
    Ok(())
}
