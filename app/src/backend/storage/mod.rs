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
pub mod events;
pub mod exercises;
pub mod forvaltningar;
pub mod idempotency;
pub mod sessions;
pub mod users;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// A connection, borrowed from a pool or from a transaction. Only storage functions use it.
pub type Conn = sqlx::SqliteConnection;
/// A write transaction on the single writer connection; only the unit of work holds one.
pub(in crate::backend) type Tx = Transaction<'static, Sqlite>;

/// What storage reports to services: constraint violations by name, everything else opaque.
/// Services never see the driver's error type.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// A UNIQUE (or primary key) constraint refused the write.
    #[error("unique constraint violated: {0}")]
    Unique(String),
    /// A reference to a row that does not exist.
    #[error("foreign key constraint violated")]
    ForeignKey,
    /// A CHECK constraint refused the write.
    #[error("check constraint violated: {0}")]
    Check(String),
    /// A stored value that the code cannot read (an unknown code, a malformed time).
    #[error("undecodable value: {0}")]
    Decode(String),
    #[error("database: {0}")]
    Other(String),
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => Self::Unique(d.message().into()),
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => Self::ForeignKey,
            sqlx::Error::Database(d) if d.is_check_violation() => Self::Check(d.message().into()),
            sqlx::Error::Decode(d) | sqlx::Error::ColumnDecode { source: d, .. } => {
                Self::Decode(d.to_string())
            }
            _ => Self::Other(e.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StorageError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Self::Other(format!("migration: {e}"))
    }
}

impl From<std::io::Error> for StorageError {
    fn from(e: std::io::Error) -> Self {
        Self::Other(format!("file: {e}"))
    }
}

pub type StoreResult<T> = Result<T, StorageError>;

/// A read-only connection from the readers' pool.
pub struct Reader(sqlx::pool::PoolConnection<Sqlite>);

impl std::ops::Deref for Reader {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl std::ops::DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

/// The database: one writer, several readers.
#[derive(Clone, Debug)]
pub struct Db {
    writer: SqlitePool,
    reader: SqlitePool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

impl Db {
    /// Opens (creating if missing) the SQLite database at `url` (`sqlite:path` or a plain path).
    pub async fn open(url: &str) -> StoreResult<Self> {
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
            create_private_dir(parent)?;
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(base.clone())
            .await?;
        make_private(&file)?;
        // A local file needs no liveness ping before each use (sqlx pings by default, a round
        // trip to the connection's thread on every read).
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .connect_with(base.read_only(true).create_if_missing(false))
            .await?;
        Ok(Self { writer, reader })
    }

    /// Applies the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> StoreResult<()> {
        Ok(MIGRATOR.run(&self.writer).await?)
    }

    /// Starts a write transaction. Only the unit of work (`backend::work`) calls this: every
    /// change goes through it.
    pub(in crate::backend) async fn begin(&self) -> StoreResult<Tx> {
        Ok(self.writer.begin().await?)
    }

    /// A read-only connection for queries.
    pub async fn read(&self) -> StoreResult<Reader> {
        Ok(Reader(self.reader.acquire().await?))
    }

    /// Writes a consistent snapshot of the database to `to` (which must not exist) while
    /// others go on writing: `VACUUM INTO` reads in one read transaction. Not in a transaction
    /// of ours, so the writer is never held.
    pub async fn snapshot_into(&self, to: &Path) -> StoreResult<()> {
        let target = to
            .to_str()
            .ok_or_else(|| StorageError::Other("backup path is not UTF-8".into()))?;
        let mut c = self.reader.acquire().await?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&mut *c)
            .await?;
        Ok(make_private(to)?)
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

/// `PRAGMA integrity_check` of the SQLite file at `path`, opened read-only: `ok` or the
/// problems found.
pub async fn integrity_check(path: &Path) -> StoreResult<String> {
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
