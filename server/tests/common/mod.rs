//! Shared by the integration tests: a fresh SQLite file seeded with the demo region.
#![expect(clippy::expect_used, reason = "a failed setup step is a failed test")]

use app::backend::seed;
use app::backend::storage::Db;
use chrono::{DateTime, TimeZone, Utc};
use std::path::Path;

pub const PASSWORD: &str = "test-password-123";

/// The day the demo data is seeded as of, so demo statuses (and expectations) never drift.
pub fn seeded_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("a valid date")
}

/// A migrated database in `dir`, seeded with the demo region as of `seeded_at()`.
pub async fn seeded_db(dir: &Path) -> Db {
    let path = dir.join("redo.db");
    let db = Db::open(path.to_str().expect("a UTF-8 temp path"))
        .await
        .expect("open");
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

#[allow(dead_code)]
/// Runs `sql` on the database in `dir` over a connection of its own, as another program would:
/// past the unit of work, so no audit row and no event.
pub async fn raw_sql(dir: &Path, sql: &'static str) {
    use sqlx::Connection;
    let mut c =
        sqlx::SqliteConnection::connect(&format!("sqlite:{}", dir.join("redo.db").display()))
            .await
            .expect("connect");
    sqlx::query(sql).execute(&mut c).await.expect("raw sql");
    c.close().await.expect("close");
}
