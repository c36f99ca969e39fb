//! Shared by the integration tests: a fresh database seeded with the demo region.
//!
//! The engine is SQLite (a file in the test's temporary directory) unless `REDO_TEST_POSTGRES`
//! names a PostgreSQL server (`postgres://user:password@host:port/postgres`): then each test gets
//! a database of its own on it, so the same suites run on both engines (`make test` does both).
#![expect(clippy::expect_used, reason = "a failed setup step is a failed test")]
#![allow(dead_code)]

use app::backend::seed;
use app::backend::storage::Db;
use chrono::{DateTime, TimeZone, Utc};
use sqlx::Connection;
use std::path::Path;

pub const PASSWORD: &str = "test-password-123";

/// The day the demo data is seeded as of, so demo statuses (and expectations) never drift.
pub fn seeded_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a valid date")
}

/// True when the suites run against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("REDO_TEST_POSTGRES").is_ok_and(|u| !u.is_empty())
}

/// The file in `dir` that names the test's database.
fn url_file(dir: &Path) -> std::path::PathBuf {
    dir.join("database-url")
}

/// The URL of the test database that belongs to `dir`.
pub fn database_url(dir: &Path) -> String {
    std::fs::read_to_string(url_file(dir)).expect("the test database was made by fresh_url")
}

/// A new, empty database for the test in `dir`: a SQLite file there, or a fresh database on the
/// PostgreSQL server of `REDO_TEST_POSTGRES`.
pub async fn fresh_url(dir: &Path) -> String {
    let url = match std::env::var("REDO_TEST_POSTGRES") {
        Ok(server) if !server.is_empty() => {
            let name = format!("redo_test_{:016x}", rand::random::<u64>());
            let mut c = sqlx::PgConnection::connect(&server)
                .await
                .expect("connect to REDO_TEST_POSTGRES");
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut c)
                .await
                .expect("create the test database");
            c.close().await.expect("close");
            let (base, _) = server.rsplit_once('/').expect("a database in the URL");
            format!("{base}/{name}")
        }
        _ => format!("sqlite:{}", dir.join("redo.db").display()),
    };
    std::fs::write(url_file(dir), &url).expect("write the test database URL");
    url
}

/// A migrated database for the test in `dir`, seeded with the demo region as of `seeded_at()`.
pub async fn seeded_db(dir: &Path) -> Db {
    let url = fresh_url(dir).await;
    seeded_at_url(&url).await
}

/// A migrated SQLite database in `dir` seeded with the demo region, whatever the engine of the
/// run (the source of a copy).
pub async fn seeded_sqlite(dir: &Path) -> Db {
    seeded_at_url(&format!("sqlite:{}", dir.join("redo.db").display())).await
}

async fn seeded_at_url(url: &str) -> Db {
    let db = Db::open(url).await.expect("open");
    db.migrate().await.expect("migrate");
    let bus = app::backend::work::Bus::start(db.clone())
        .await
        .expect("bus");
    let writer = app::backend::work::Writer::new(db.clone(), std::sync::Arc::new(seeded_at), bus);
    seed::seed_demo(&writer, PASSWORD, seeded_at())
        .await
        .expect("seed");
    db
}

/// Runs `sql` (one or more statements) on the test database of `dir` over a connection of its
/// own, as another program would: past the unit of work, so no audit row and no event.
pub async fn raw_sql(dir: &Path, sql: &str) {
    let url = database_url(dir);
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
        sqlx::raw_sql(sql).execute(&mut c).await.expect("raw sql");
        c.close().await.expect("close");
    } else {
        let mut c = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("connect");
        sqlx::raw_sql(sql).execute(&mut c).await.expect("raw sql");
        c.close().await.expect("close");
    }
}

/// The number of rows in `table` of the test database of `dir`.
pub async fn count(dir: &Path, table: &str) -> i64 {
    let url = database_url(dir);
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
    let (n,): (i64,) = if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
        sqlx::query_as(sql).fetch_one(&mut c).await.expect("count")
    } else {
        let mut c = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("connect");
        sqlx::query_as(sql).fetch_one(&mut c).await.expect("count")
    };
    n
}

/// A trigger that makes every insert into the audit log fail, in the engine's own dialect.
pub fn refuse_audit_sql() -> &'static str {
    if on_postgres() {
        "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no audit'; END $$;
         CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();"
    } else {
        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no audit'); END"
    }
}

/// Drops the trigger of [`refuse_audit_sql`].
pub fn allow_audit_sql() -> &'static str {
    if on_postgres() {
        "DROP TRIGGER refuse_audit ON audit_log; DROP FUNCTION refuse_audit();"
    } else {
        "DROP TRIGGER refuse_audit"
    }
}

/// (table, column) of every table of the test database of `dir`, sorted; the migrations'
/// bookkeeping left out.
pub async fn schema_columns(dir: &Path) -> Vec<(String, String)> {
    let url = database_url(dir);
    let mut cols: Vec<(String, String)> = if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(&url).await.expect("connect");
        sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(&mut c)
        .await
        .expect("columns")
    } else {
        let mut c = sqlx::SqliteConnection::connect(&url)
            .await
            .expect("connect");
        sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
        )
        .fetch_all(&mut c)
        .await
        .expect("columns")
    };
    cols.sort();
    cols
}
