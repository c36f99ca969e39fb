//! All SQL of Redo lives in this module. Functions are named for their SQL intent, take a
//! connection so that callers own the transaction, and map rows into domain types.
//!
//! Two engines, chosen by the database URL ([ADR 0005](../../../../docs/adr/0005-two-engines.md)):
//! - SQLite, embedded (WAL, foreign keys, busy timeout), with one writer connection and a small
//!   pool of read-only readers. Commits are `synchronous=FULL`: in WAL mode that syncs the log at
//!   every commit, so a write acknowledged to the user survives a power cut (NORMAL may lose the
//!   last commits; the cost is one fsync per write, and Redo writes little).
//! - PostgreSQL, for several instances and managed databases: one pool.
//!
//! Every statement is written once ([`sql::query`], numbered placeholders, SQL both engines
//! read); services only see [`Db`], [`Conn`] and the functions here.

pub mod audit;
pub mod briefs;
pub mod calendar;
pub mod catalogue;
pub mod conduct;
pub mod copy;
pub mod evaluation;
pub mod events;
pub mod exercises;
pub mod forvaltningar;
pub mod idempotency;
pub mod improvement;
pub mod indicators;
pub mod nok;
pub mod readiness;
pub mod sessions;
pub mod users;

pub mod sql;

pub use sql::{Conn, Done, Query, query};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// A write transaction; only the unit of work holds one.
pub(in crate::backend) struct Tx(Conn);

impl Tx {
    pub(in crate::backend) async fn commit(self) -> StoreResult<()> {
        self.0.commit().await
    }
}

impl std::ops::Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

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

/// A stored code the code does not know (`what` names the column's meaning).
pub(super) fn decode_error(what: &str, value: &str) -> StorageError {
    StorageError::Decode(format!("unknown {what} {value:?} in the database"))
}

/// A connection for queries: a read-only one on SQLite.
pub struct Reader(Conn);

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

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// `postgres://` and `postgresql://` name PostgreSQL; `sqlite:` or a plain path SQLite.
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }
}

#[derive(Clone, Debug)]
enum Pools {
    /// One writer, several read-only readers: SQLite has one writer at a time anyway.
    Sqlite {
        writer: SqlitePool,
        reader: SqlitePool,
    },
    Postgres(PgPool),
}

/// The database, on either engine.
#[derive(Clone, Debug)]
pub struct Db {
    pools: Pools,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Connections to PostgreSQL per instance unless `REDO_DATABASE_CONNECTIONS` says otherwise:
/// twice the instance's cores plus one, the PostgreSQL wiki's rule of thumb with the instance's
/// cores standing in for the database server's, which it cannot see. More connections than the
/// cores can keep busy only add backends that take turns: on two cores, ten connections served
/// an exercise page at four fifths of the rate five did.
fn pg_connections() -> u32 {
    std::env::var("REDO_DATABASE_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or_else(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
            2 * cores + 1
        })
}

impl Db {
    /// Opens the database at `url`: `postgres://…`, or SQLite as `sqlite:path` or a plain path
    /// (created when missing).
    pub async fn open(url: &str) -> StoreResult<Self> {
        match Engine::of_url(url) {
            Engine::Postgres => Self::open_postgres(url).await,
            Engine::Sqlite => Self::open_sqlite(url).await,
        }
    }

    async fn open_postgres(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?.application_name("redo");
        // No ping before each use (sqlx's default: one more round trip per request); a connection
        // that broke fails its query, is dropped, and the pool opens a new one. Connections are
        // renewed every half hour, so a failover or a proxy's idle cut does not keep dead ones.
        let pool = PgPoolOptions::new()
            .max_connections(pg_connections())
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(false)
            .max_lifetime(Duration::from_secs(30 * 60))
            .idle_timeout(Duration::from_secs(10 * 60))
            .connect_with(options)
            .await?;
        Ok(Self {
            pools: Pools::Postgres(pool),
        })
    }

    async fn open_sqlite(url: &str) -> StoreResult<Self> {
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
        Ok(Self {
            pools: Pools::Sqlite { writer, reader },
        })
    }

    pub fn engine(&self) -> Engine {
        match self.pools {
            Pools::Sqlite { .. } => Engine::Sqlite,
            Pools::Postgres(_) => Engine::Postgres,
        }
    }

    /// The PostgreSQL pool, for the event listener; `None` on SQLite.
    pub(in crate::backend) fn postgres(&self) -> Option<&PgPool> {
        match &self.pools {
            Pools::Postgres(p) => Some(p),
            Pools::Sqlite { .. } => None,
        }
    }

    /// Brings the query planner's statistics up to date after a bulk load (the demo region, a
    /// copy). PostgreSQL's autovacuum analyzes a table only once 50 rows plus a tenth of it have
    /// changed, so the small tables of a freshly loaded region would be planned from default
    /// guesses of thousands of rows: hash joins over sequential scans, half the throughput of
    /// an exercise page. SQLite gets `PRAGMA optimize`, which it asks applications to run.
    pub async fn refresh_statistics(&self) -> StoreResult<()> {
        let (mut c, sql) = match &self.pools {
            Pools::Sqlite { writer, .. } => (
                Conn::SqlitePooled(writer.acquire().await?),
                "PRAGMA optimize",
            ),
            Pools::Postgres(p) => (Conn::PgPooled(p.acquire().await?), "ANALYZE"),
        };
        query(sql).execute(&mut c).await?;
        Ok(())
    }

    /// Applies the embedded migrations of the engine that have not run yet.
    pub async fn migrate(&self) -> StoreResult<()> {
        match &self.pools {
            Pools::Sqlite { writer, .. } => SQLITE_MIGRATIONS.run(writer).await?,
            Pools::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Starts a write transaction. Only the unit of work (`backend::work`) calls this: every
    /// change goes through it.
    pub(in crate::backend) async fn begin(&self) -> StoreResult<Tx> {
        Ok(Tx(match &self.pools {
            Pools::Sqlite { writer, .. } => Conn::SqliteTx(writer.begin().await?),
            Pools::Postgres(p) => Conn::PgTx(p.begin().await?),
        }))
    }

    /// A connection for queries (read-only on SQLite).
    pub async fn read(&self) -> StoreResult<Reader> {
        Ok(Reader(match &self.pools {
            Pools::Sqlite { reader, .. } => Conn::SqlitePooled(reader.acquire().await?),
            Pools::Postgres(p) => Conn::PgPooled(p.acquire().await?),
        }))
    }

    /// Writes a consistent snapshot of a SQLite database to `to` (which must not exist) while
    /// others go on writing: `VACUUM INTO` reads in one read transaction. Not in a transaction
    /// of ours, so the writer is never held. PostgreSQL has its own tools (`pg_dump`, the
    /// provider's backups) and is refused.
    pub async fn snapshot_into(&self, to: &Path) -> StoreResult<()> {
        let Pools::Sqlite { reader, .. } = &self.pools else {
            return Err(StorageError::Other(
                "backup is for SQLite; back up PostgreSQL with pg_dump or the provider's backups"
                    .into(),
            ));
        };
        let target = to
            .to_str()
            .ok_or_else(|| StorageError::Other("backup path is not UTF-8".into()))?;
        let mut c = reader.acquire().await?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&mut *c)
            .await?;
        Ok(make_private(to)?)
    }

    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { writer, reader } => {
                writer.close().await;
                reader.close().await;
            }
            Pools::Postgres(p) => p.close().await,
        }
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
