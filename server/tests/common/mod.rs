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
    seed::seed_demo(&db, PASSWORD, seeded_at())
        .await
        .expect("seed");
    db
}
