//! All SQL of Redo lives in this module. Functions are named for their SQL intent, take a
//! connection so that callers own the transaction, and map rows into domain types.
//!
//! The embedded engine is SQLite (WAL, foreign keys, busy timeout) with one writer connection and a
//! small pool of read-only readers. Commits are `synchronous=FULL`: in WAL mode that syncs the
//! log at every commit, so a write acknowledged to the user survives a power cut (NORMAL may lose
//! the last commits; the cost is one fsync per write, and Redo writes little). A PostgreSQL implementation replaces this module's internals;
//! services only see [`Db`], [`Conn`] and the functions here.

pub mod audit;
pub mod catalogue;
pub mod exercises;
pub mod forvaltningar;
pub mod sessions;
pub mod users;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// A connection, borrowed from a pool or from a transaction.
pub type Conn = sqlx::SqliteConnection;
/// A write transaction on the single writer connection.
pub type Tx = Transaction<'static, Sqlite>;

/// The database: one writer, several readers.
#[derive(Clone, Debug)]
pub struct Db {
    writer: SqlitePool,
    reader: SqlitePool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

impl Db {
    /// Opens (creating if missing) the SQLite database at `url` (`sqlite:path` or a plain path).
    pub async fn open(url: &str) -> Result<Self, sqlx::Error> {
        let url = if url.starts_with("sqlite:") {
            url.to_string()
        } else {
            format!("sqlite:{url}")
        };
        let base = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let file = Path::new(base.get_filename()).to_path_buf();
        if let Some(parent) = file.parent()
            && !parent.as_os_str().is_empty()
        {
            create_private_dir(parent).map_err(sqlx::Error::Io)?;
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(base.clone())
            .await?;
        make_private(&file).map_err(sqlx::Error::Io)?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(base.read_only(true).create_if_missing(false))
            .await?;
        Ok(Self { writer, reader })
    }

    /// Applies the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        MIGRATOR.run(&self.writer).await
    }

    /// Starts a write transaction; every change goes through one of these.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        self.writer.begin().await
    }

    /// A read-only connection for queries.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<Sqlite>, sqlx::Error> {
        self.reader.acquire().await
    }

    /// Writes a consistent snapshot of the database to `to` (which must not exist) while
    /// others go on writing: `VACUUM INTO` reads in one read transaction. Not in a transaction
    /// of ours, so the writer is never held.
    pub async fn snapshot_into(&self, to: &Path) -> Result<(), sqlx::Error> {
        let target = to
            .to_str()
            .ok_or_else(|| sqlx::Error::Protocol("backup path is not UTF-8".into()))?;
        let mut c = self.reader.acquire().await?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&mut *c)
            .await?;
        make_private(to).map_err(sqlx::Error::Io)
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

/// `PRAGMA integrity_check` of the SQLite file at `path`, opened read-only: `ok` or the
/// problems found.
pub async fn integrity_check(path: &Path) -> Result<String, sqlx::Error> {
    use sqlx::Connection;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false);
    let mut c = sqlx::SqliteConnection::connect_with(&options).await?;
    let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut c)
        .await?;
    c.close().await?;
    Ok(rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join("; "))
}

/// Creates `dir` (and missing parents) readable by the owner only. An existing directory is left
/// as it is: it may be a shared one the operator chose.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Makes the database file and its WAL companions readable by the owner only.
pub fn make_private(db: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
    Ok(())
}

/// True when `e` is a UNIQUE constraint violation (turned into 409 by services).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// True when `e` is a FOREIGN KEY violation (a reference to something that does not exist).
pub fn is_foreign_key_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_foreign_key_violation())
}
