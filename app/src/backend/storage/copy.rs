//! Moving a region's database from one engine to the other (`server copy`), and the canonical
//! typed dump that proves the copy equal.
//!
//! The copy reads every table of the source and writes it, ids included, into a freshly migrated
//! target in one transaction: it first empties the target (a fresh PostgreSQL database holds the
//! reference catalogue its first migration installed), inserts every row with its typed values,
//! and moves each identity sequence past the largest id, so records created afterwards get new
//! ids. Like a migration it is installation, not a change by a user: no audit rows or events.
//!
//! The dump renders every value by its type (an instant as UTC with microseconds, a flag as
//! true/false, text as JSON), table by table in key order, so the dumps of the two databases are
//! equal exactly when they hold the same data, whatever each engine stores.

use super::sql::{Conn, Query, Raw, SQLITE_INSTANT, SQLITE_LOCAL, Value, query_built};
use super::{Db, StorageError, StoreResult};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// How a column is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
    Bool,
    /// An instant (timestamptz / fixed-width UTC text).
    Instant,
    /// A local wall-clock time (timestamp / text).
    Local,
    Date,
}

/// A table, its columns, and the key it is dumped in order of.
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    pub order_by: &'static str,
    /// Its `id` is an identity whose sequence the copy moves on (PostgreSQL).
    pub identity: bool,
}

use Kind::*;

/// Every table, parents before children. A test checks this against the SQLite schema, so a
/// table or column added by a migration cannot be left out of the copy.
pub const TABLES: &[Table] = &[
    Table {
        name: "forvaltningar",
        columns: &[
            ("id", Int),
            ("code", Text),
            ("name", Text),
            ("kind", Text),
            ("active", Bool),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "capability_areas",
        columns: &[
            ("code", Text),
            ("title", Text),
            ("description", Text),
            ("sort_order", Int),
        ],
        order_by: "code",
        identity: false,
    },
    Table {
        name: "agreements",
        columns: &[
            ("id", Int),
            ("counterparty", Text),
            ("name", Text),
            ("valid_from", Date),
            ("valid_to", Date),
            ("previous_id", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "requirement_areas",
        columns: &[
            ("id", Int),
            ("agreement_id", Int),
            ("code", Text),
            ("title", Text),
            ("deliverable", Text),
            ("cadence", Text),
            ("recipient", Text),
            ("source", Text),
            ("per_forvaltning", Bool),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "capability_requirements",
        columns: &[("capability_code", Text), ("requirement_area_id", Int)],
        order_by: "capability_code, requirement_area_id",
        identity: false,
    },
    Table {
        name: "capability_nato",
        columns: &[("capability_code", Text), ("blr", Int)],
        order_by: "capability_code, blr",
        identity: false,
    },
    Table {
        name: "exercises",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("format", Text),
            ("joint", Bool),
            ("status", Text),
            ("starts_at", Local),
            ("ends_at", Local),
            ("location", Text),
            ("lead_id", Int),
            ("external_participants", Text),
            ("purpose", Text),
            ("scenario", Text),
            ("funding", Text),
            ("cancel_reason", Text),
            ("version", Int),
            ("created_at", Instant),
            ("updated_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "exercise_participants",
        columns: &[("exercise_id", Int), ("forvaltning_id", Int)],
        order_by: "exercise_id, forvaltning_id",
        identity: false,
    },
    Table {
        name: "objectives",
        columns: &[
            ("id", Int),
            ("exercise_id", Int),
            ("position", Int),
            ("text", Text),
            ("capability_code", Text),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "objective_requirements",
        columns: &[("objective_id", Int), ("requirement_area_id", Int)],
        order_by: "objective_id, requirement_area_id",
        identity: false,
    },
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("username", Text),
            ("display_name", Text),
            ("password_hash", Text),
            ("role", Text),
            ("active", Bool),
            ("created_at", Instant),
            ("credential_version", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "user_forvaltningar",
        columns: &[("user_id", Int), ("forvaltning_id", Int)],
        order_by: "user_id, forvaltning_id",
        identity: false,
    },
    Table {
        name: "readiness_settings",
        columns: &[
            ("id", Int),
            ("period_kind", Text),
            ("rule", Text),
            ("evidence_months", Int),
            ("default_target", Int),
            ("version", Int),
        ],
        order_by: "id",
        identity: false,
    },
    Table {
        name: "capability_levels",
        columns: &[("level", Int), ("label", Text), ("anchor", Text)],
        order_by: "level",
        identity: false,
    },
    Table {
        name: "assessments",
        columns: &[
            ("id", Int),
            ("forvaltning_id", Int),
            ("capability_code", Text),
            ("period", Text),
            ("version", Int),
            ("status", Text),
            ("level", Int),
            ("target", Int),
            ("content", Text),
            ("assessor_id", Int),
            ("assessed_on", Date),
            ("approved_version", Int),
            ("approved_level", Int),
            ("approved_target", Int),
            ("approved_by", Int),
            ("approved_at", Instant),
            ("updated_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "assessment_versions",
        columns: &[
            ("assessment_id", Int),
            ("version", Int),
            ("step", Text),
            ("status", Text),
            ("level", Int),
            ("target", Int),
            ("content", Text),
            ("comment", Text),
            ("changed_by", Int),
            ("changed_at", Instant),
        ],
        order_by: "assessment_id, version",
        identity: false,
    },
    Table {
        name: "requirement_criteria",
        columns: &[
            ("id", Int),
            ("requirement_area_id", Int),
            ("position", Int),
            ("kind", Text),
            ("text", Text),
            ("active", Bool),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "requirement_mappings",
        columns: &[("from_id", Int), ("to_id", Int)],
        order_by: "from_id, to_id",
        identity: false,
    },
    Table {
        name: "fulfilments",
        columns: &[
            ("id", Int),
            ("requirement_area_id", Int),
            ("forvaltning_id", Int),
            ("version", Int),
            ("status", Text),
            ("reason", Text),
            ("responsible", Text),
            ("due_on", Date),
            ("progress", Text),
            ("updated_by", Int),
            ("updated_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "fulfilment_criteria",
        columns: &[
            ("fulfilment_id", Int),
            ("criterion_id", Int),
            ("met_by", Int),
            ("met_at", Instant),
        ],
        order_by: "fulfilment_id, criterion_id",
        identity: false,
    },
    Table {
        name: "fulfilment_evidence",
        columns: &[
            ("id", Int),
            ("fulfilment_id", Int),
            ("kind", Text),
            ("exercise_id", Int),
            ("assessment_id", Int),
            ("document", Text),
            ("carried_from", Text),
            ("added_by", Int),
            ("added_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "fulfilment_versions",
        columns: &[
            ("fulfilment_id", Int),
            ("version", Int),
            ("action", Text),
            ("state", Text),
            ("changed_by", Int),
            ("changed_at", Instant),
        ],
        order_by: "fulfilment_id, version",
        identity: false,
    },
    Table {
        name: "reporting_deadlines",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("kind", Text),
            ("recipient", Text),
            ("due_on", Date),
            ("owner", Text),
            ("status", Text),
            ("note", Text),
            ("version", Int),
            ("updated_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "deadline_requirements",
        columns: &[("deadline_id", Int), ("requirement_area_id", Int)],
        order_by: "deadline_id, requirement_area_id",
        identity: false,
    },
    Table {
        name: "indicators",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("unit", Text),
            ("direction", Text),
            ("baseline_year", Int),
            ("baseline_value", Int),
            ("target_value", Int),
            ("target_year", Int),
            ("per_forvaltning", Bool),
            ("source", Text),
            ("sort_order", Int),
            ("version", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "indicator_values",
        columns: &[
            ("id", Int),
            ("indicator_id", Int),
            ("forvaltning_id", Int),
            ("year", Int),
            ("value", Int),
            ("updated_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "board_briefs",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("reporting_date", Date),
            ("period", Text),
            ("facts", Text),
            ("body", Text),
            ("created_by", Int),
            ("created_at", Instant),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "board_brief_charts",
        columns: &[
            ("brief_id", Int),
            ("name", Text),
            ("svg", Text),
            ("png", Text),
        ],
        order_by: "brief_id, name",
        identity: false,
    },
    Table {
        name: "exercise_staff",
        columns: &[("exercise_id", Int), ("user_id", Int), ("role", Text)],
        order_by: "exercise_id, user_id",
        identity: false,
    },
    Table {
        name: "exercise_conduct",
        columns: &[
            ("exercise_id", Int),
            ("scenario_start", Local),
            ("offset_seconds", Int),
            ("started_at", Instant),
            ("paused_at", Instant),
            ("paused_seconds", Int),
            ("ended_at", Instant),
            ("last_seq", Int),
            ("version", Int),
        ],
        order_by: "exercise_id",
        identity: false,
    },
    Table {
        name: "injects",
        columns: &[
            ("id", Int),
            ("exercise_id", Int),
            ("number", Int),
            ("position", Int),
            ("planned_at", Local),
            ("sender", Text),
            ("recipient", Text),
            ("channel", Text),
            ("content", Text),
            ("objective_id", Int),
            ("reserve", Bool),
            ("adhoc", Bool),
            ("status", Text),
            ("sent_at", Instant),
            ("sent_scenario", Local),
            ("sent_by", Int),
            ("version", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "inject_actions",
        columns: &[
            ("id", Int),
            ("inject_id", Int),
            ("position", Int),
            ("text", Text),
            ("done_at", Instant),
            ("done_by", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "log_entries",
        columns: &[
            ("id", Int),
            ("exercise_id", Int),
            ("seq", Int),
            ("entry_id", Int),
            ("kind", Text),
            ("text", Text),
            ("observed_at", Instant),
            ("received_at", Instant),
            ("scenario_at", Local),
            ("author_id", Int),
            ("author_name", Text),
            ("author_role", Text),
            ("inject_id", Int),
            ("objective_id", Int),
            ("forvaltning_id", Int),
            ("client_key", Text),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "objective_tasks",
        columns: &[
            ("id", Int),
            ("objective_id", Int),
            ("position", Int),
            ("text", Text),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "objective_evaluators",
        columns: &[("objective_id", Int), ("user_id", Int)],
        order_by: "objective_id, user_id",
        identity: false,
    },
    Table {
        name: "objective_ratings",
        columns: &[
            ("id", Int),
            ("objective_id", Int),
            ("evaluator_id", Int),
            ("rating", Text),
            ("justification", Text),
            ("notes", Text),
            ("updated_at", Instant),
            ("version", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "rating_entries",
        columns: &[("rating_id", Int), ("log_entry_id", Int)],
        order_by: "rating_id, log_entry_id",
        identity: false,
    },
    Table {
        name: "objective_results",
        columns: &[
            ("objective_id", Int),
            ("rating", Text),
            ("reason", Text),
            ("set_by", Int),
            ("set_at", Instant),
            ("version", Int),
        ],
        order_by: "objective_id",
        identity: false,
    },
    Table {
        name: "evaluation_reports",
        columns: &[
            ("exercise_id", Int),
            ("hotwash", Text),
            ("summary", Text),
            ("approved_by", Int),
            ("approved_at", Instant),
            ("version", Int),
        ],
        order_by: "exercise_id",
        identity: false,
    },
    Table {
        name: "findings",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("source", Text),
            ("exercise_id", Int),
            ("objective_id", Int),
            ("log_entry_id", Int),
            ("source_ref", Text),
            ("title", Text),
            ("description", Text),
            ("capability_code", Text),
            ("forvaltning_id", Int),
            ("observed_on", Date),
            ("decided_by", Int),
            ("decided_at", Instant),
            ("decision", Text),
            ("lesson", Text),
            ("created_by", Int),
            ("created_at", Instant),
            ("version", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "corrective_actions",
        columns: &[
            ("id", Int),
            ("finding_id", Int),
            ("text", Text),
            ("forvaltning_id", Int),
            ("responsible_id", Int),
            ("due_on", Date),
            ("poete", Text),
            ("capability_code", Text),
            ("criterion", Text),
            ("verifier_id", Int),
            ("status", Text),
            ("decided_by", Int),
            ("decided_at", Instant),
            ("retest_exercise_id", Int),
            ("retest_objective_id", Int),
            ("verified_objective_id", Int),
            ("verified_reason", Text),
            ("verified_by", Int),
            ("verified_at", Instant),
            ("dropped_reason", Text),
            ("created_by", Int),
            ("created_at", Instant),
            ("version", Int),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "sessions",
        columns: &[
            ("token_hash", Text),
            ("user_id", Int),
            ("created_at", Instant),
            ("last_seen_at", Instant),
        ],
        order_by: "token_hash",
        identity: false,
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("at", Instant),
            ("actor_id", Int),
            ("actor_name", Text),
            ("action", Text),
            ("entity_type", Text),
            ("entity_id", Text),
            ("before_json", Text),
            ("after_json", Text),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "events",
        columns: &[
            ("id", Int),
            ("at", Instant),
            ("entity_type", Text),
            ("entity_id", Text),
            ("kind", Text),
            ("forvaltningar", Text),
        ],
        order_by: "id",
        identity: true,
    },
    Table {
        name: "idempotency_keys",
        columns: &[
            ("user_id", Int),
            ("endpoint", Text),
            ("key", Text),
            ("request_hash", Text),
            ("state", Text),
            ("status", Int),
            ("response", Text),
            ("created_at", Instant),
        ],
        order_by: "user_id, endpoint, key",
        identity: false,
    },
];

/// Rows per table as copied.
pub struct Copied {
    pub tables: Vec<(&'static str, usize)>,
}

fn select_sql(t: &Table) -> String {
    let cols: Vec<&str> = t.columns.iter().map(|(c, _)| *c).collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        cols.join(", "),
        t.name,
        t.order_by
    )
}

fn insert_sql(t: &Table) -> String {
    let cols: Vec<&str> = t.columns.iter().map(|(c, _)| *c).collect();
    let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        t.name,
        cols.join(", "),
        params.join(", ")
    )
}

/// A row of `t` as typed values, in the order of its columns.
fn decode<R: Row>(row: &R, t: &Table) -> StoreResult<Vec<Value>>
where
    usize: sqlx::ColumnIndex<R>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<bool>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<chrono::DateTime<chrono::Utc>>:
        sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<chrono::NaiveDateTime>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<chrono::NaiveDate>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    t.columns
        .iter()
        .enumerate()
        .map(|(i, (_, kind))| {
            Ok(match kind {
                Int => Value::Int(row.try_get(i)?),
                Text => Value::Text(row.try_get(i)?),
                Bool => Value::Bool(row.try_get(i)?),
                Instant => Value::Instant(row.try_get(i)?),
                Local => Value::Local(row.try_get(i)?),
                Date => Value::Date(row.try_get(i)?),
            })
        })
        .collect()
}

/// Every row of `t` in key order, as typed values.
async fn rows(c: &mut Conn, t: &Table) -> StoreResult<Vec<Vec<Value>>> {
    let sql = sqlx::AssertSqlSafe(select_sql(t));
    match c.raw() {
        Raw::Sqlite(c) => sqlx::query(sql)
            .fetch_all(c)
            .await?
            .iter()
            .map(|r| decode(r, t))
            .collect(),
        Raw::Pg(c) => sqlx::query(sql)
            .fetch_all(c)
            .await?
            .iter()
            .map(|r| decode(r, t))
            .collect(),
    }
}

/// A canonical text of a value: the same on both engines for the same data.
fn canonical(v: &Value) -> String {
    fn or_null<T>(v: &Option<T>, f: impl Fn(&T) -> String) -> String {
        v.as_ref().map(f).unwrap_or_else(|| "null".into())
    }
    match v {
        Value::Int(v) => or_null(v, i64::to_string),
        Value::Text(v) => or_null(v, |s| serde_json::Value::from(s.as_str()).to_string()),
        Value::Bool(v) => or_null(v, bool::to_string),
        Value::Instant(v) => or_null(v, |t| t.format(SQLITE_INSTANT).to_string()),
        Value::Local(v) => or_null(v, |t| t.format(SQLITE_LOCAL).to_string()),
        Value::Date(v) => or_null(v, |d| d.format("%Y-%m-%d").to_string()),
    }
}

/// One line per table: its name, row count and the SHA-256 of its canonical rows.
pub async fn dump(db: &Db) -> StoreResult<Vec<String>> {
    let mut c = db.read().await?;
    let mut out = Vec::new();
    for t in TABLES {
        let rows = rows(&mut c, t).await?;
        let mut h = Sha256::new();
        for row in &rows {
            let line: Vec<String> = row.iter().map(canonical).collect();
            h.update(line.join("\t").as_bytes());
            h.update(b"\n");
        }
        out.push(format!(
            "{} {} {}",
            t.name,
            rows.len(),
            hex::encode(h.finalize())
        ));
    }
    Ok(out)
}

/// Copies every table of `from` into `to` (both migrated to the same version), replacing what
/// `to` holds, in one transaction. Refuses a target that has accounts or exercises: a copy is
/// for moving to a new, empty database, never for overwriting a region's data.
pub async fn copy(from: &Db, to: &Db) -> StoreResult<Copied> {
    {
        let mut c = to.read().await?;
        for table in ["users", "exercises"] {
            let (n,): (i64,) = query_built(format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut c)
                .await?;
            if n > 0 {
                return Err(StorageError::Other(format!(
                    "the target already has {n} rows in {table}: copy only into a new, empty database"
                )));
            }
        }
    }
    let mut source = from.read().await?;
    let mut tx = to.begin().await?;
    for t in TABLES.iter().rev() {
        query_built(format!("DELETE FROM {}", t.name))
            .execute(&mut tx)
            .await?;
    }
    let mut copied = Vec::new();
    for t in TABLES {
        let rows = rows(&mut source, t).await?;
        copied.push((t.name, rows.len()));
        let insert = insert_sql(t);
        for row in rows {
            row.into_iter()
                .fold(query_built(insert.clone()), Query::bind)
                .execute(&mut tx)
                .await?;
        }
        if t.identity && tx.is_postgres() {
            query_built(format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                t.name
            ))
            .execute(&mut tx)
            .await?;
        }
    }
    tx.commit().await?;
    to.refresh_statistics().await?;
    Ok(Copied { tables: copied })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_every_column_with_numbered_placeholders() {
        let t = &TABLES[0];
        assert_eq!(
            insert_sql(t),
            "INSERT INTO forvaltningar (id, code, name, kind, active) VALUES ($1, $2, $3, $4, $5)"
        );
        assert_eq!(
            select_sql(t),
            "SELECT id, code, name, kind, active FROM forvaltningar ORDER BY id"
        );
    }

    #[test]
    fn canonical_values_do_not_depend_on_the_engine() {
        use chrono::TimeZone;
        let t = chrono::Utc
            .with_ymd_and_hms(2026, 12, 1, 14, 56, 4)
            .unwrap();
        assert_eq!(
            canonical(&Value::Instant(Some(t))),
            "2026-12-01T14:56:04.000000Z"
        );
        assert_eq!(canonical(&Value::Bool(Some(true))), "true");
        assert_eq!(canonical(&Value::Text(Some("a\tb".into()))), r#""a\tb""#);
        assert_eq!(canonical(&Value::Int(None)), "null");
    }
}
