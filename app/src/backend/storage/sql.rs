//! One query API over both engines, so each statement is written once.
//!
//! Storage functions write `query("… WHERE id = $1").bind(id).fetch_optional(c)`: numbered
//! placeholders, which SQLite and PostgreSQL both read, and SQL the two agree on. The builder keeps
//! the bound values as [`Value`]s and binds them when it runs, on the engine of the connection,
//! with that engine's types:
//!
//! | value            | PostgreSQL      | SQLite                                         |
//! |------------------|-----------------|------------------------------------------------|
//! | `DateTime<Utc>`  | `timestamptz`   | text `2026-12-01T14:56:04.738864Z` (fixed width) |
//! | `NaiveDateTime`  | `timestamp`     | text `2026-12-01 14:56:04`                      |
//! | `NaiveDate`      | `date`          | text `2026-12-01`                               |
//! | `bool`           | `boolean`       | integer 0/1 (CHECK in the schema)              |
//! | `i64`, text      | `bigint`, text  | integer, text                                  |
//!
//! The fixed-width UTC text sorts and compares in time order, so SQLite compares instants as
//! PostgreSQL does. Rows are read with `#[derive(sqlx::FromRow)]` structs or tuples, which decode
//! on either engine.

use super::{StorageError, StoreResult};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, AssertSqlSafe};
use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection, Transaction};
use std::borrow::Cow;

/// The SQLite text form of an instant: UTC, microseconds, always the same width.
pub const SQLITE_INSTANT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";
/// The SQLite text form of a local date and time (exercise times are wall-clock times).
pub const SQLITE_LOCAL: &str = "%Y-%m-%d %H:%M:%S";

/// A connection, borrowed from a pool or inside a transaction, on either engine. Only storage
/// functions use it.
pub enum Conn {
    SqlitePooled(PoolConnection<Sqlite>),
    SqliteTx(Transaction<'static, Sqlite>),
    PgPooled(PoolConnection<Postgres>),
    PgTx(Transaction<'static, Postgres>),
}

pub(super) enum Raw<'a> {
    Sqlite(&'a mut SqliteConnection),
    Pg(&'a mut PgConnection),
}

impl Conn {
    /// The driver's connection: for this module, and for the copy between engines, which reads
    /// rows of any table by column type.
    pub(super) fn raw(&mut self) -> Raw<'_> {
        match self {
            Self::SqlitePooled(c) => Raw::Sqlite(c),
            Self::SqliteTx(t) => Raw::Sqlite(t),
            Self::PgPooled(c) => Raw::Pg(c),
            Self::PgTx(t) => Raw::Pg(t),
        }
    }

    /// True on PostgreSQL, for the few statements the engines spell differently.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::PgPooled(_) | Self::PgTx(_))
    }

    /// Commits a transaction; a pooled connection has nothing to commit.
    pub(super) async fn commit(self) -> StoreResult<()> {
        match self {
            Self::SqliteTx(t) => t.commit().await?,
            Self::PgTx(t) => t.commit().await?,
            Self::SqlitePooled(_) | Self::PgPooled(_) => {}
        }
        Ok(())
    }
}

/// A bound value; see the module documentation for how each is stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Instant(Option<DateTime<Utc>>),
    Local(Option<NaiveDateTime>),
    Date(Option<NaiveDate>),
}

/// What `bind` accepts.
pub trait Bind {
    fn value(self) -> Value;
}

macro_rules! bind_as {
    ($variant:ident: $($t:ty => $conv:expr),* $(,)?) => {
        $(
            impl Bind for $t {
                fn value(self) -> Value {
                    #[allow(clippy::redundant_closure_call)]
                    Value::$variant(Some(($conv)(self)))
                }
            }
            impl Bind for Option<$t> {
                fn value(self) -> Value {
                    #[allow(clippy::redundant_closure_call)]
                    Value::$variant(self.map($conv))
                }
            }
        )*
    };
}

bind_as!(Int: i64 => |v| v, &i64 => |v: &i64| *v);
bind_as!(Text: &str => str::to_string, String => |v| v, &String => |v: &String| v.clone());
bind_as!(Bool: bool => |v| v);
bind_as!(Instant: DateTime<Utc> => |v| v);
bind_as!(Local: NaiveDateTime => |v| v);
bind_as!(Date: NaiveDate => |v| v);

/// A value read by the copy between engines goes back in as it came out.
impl Bind for Value {
    fn value(self) -> Value {
        self
    }
}

/// A row type that decodes on both engines (`#[derive(sqlx::FromRow)]` structs and tuples are).
pub trait Record:
    for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}

impl<T> Record for T where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}

/// A statement with its bound values.
#[must_use = "a query does nothing until it is run"]
pub struct Query {
    sql: Cow<'static, str>,
    args: Vec<Value>,
}

/// A statement to run: numbered placeholders (`$1`, `$2` …) on both engines.
pub fn query(sql: &'static str) -> Query {
    Query {
        sql: Cow::Borrowed(sql),
        args: Vec::new(),
    }
}

/// A statement put together at run time from names in this crate, never from input: the copy
/// between engines writes each table with a statement built from its column list.
pub(super) fn query_built(sql: String) -> Query {
    Query {
        sql: Cow::Owned(sql),
        args: Vec::new(),
    }
}

/// What a statement that returns no rows did.
pub struct Done {
    rows: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows
    }
}

type Args<A> = Result<A, sqlx::error::BoxDynError>;

fn bound<A>(a: Args<A>) -> StoreResult<A> {
    a.map_err(|e| StorageError::Other(format!("bind: {e}")))
}

fn sqlite_args(values: Vec<Value>) -> Args<SqliteArguments> {
    let mut a = SqliteArguments::default();
    for v in values {
        match v {
            Value::Int(v) => a.add(v)?,
            Value::Text(v) => a.add(v)?,
            Value::Bool(v) => a.add(v)?,
            Value::Instant(v) => a.add(v.map(|t| t.format(SQLITE_INSTANT).to_string()))?,
            Value::Local(v) => a.add(v.map(|t| t.format(SQLITE_LOCAL).to_string()))?,
            Value::Date(v) => a.add(v.map(|d| d.format("%Y-%m-%d").to_string()))?,
        }
    }
    Ok(a)
}

fn pg_args(values: Vec<Value>) -> Args<PgArguments> {
    let mut a = PgArguments::default();
    for v in values {
        match v {
            Value::Int(v) => a.add(v)?,
            Value::Text(v) => a.add(v)?,
            Value::Bool(v) => a.add(v)?,
            Value::Instant(v) => a.add(v)?,
            Value::Local(v) => a.add(v)?,
            Value::Date(v) => a.add(v)?,
        }
    }
    Ok(a)
}

impl Query {
    pub fn bind(mut self, v: impl Bind) -> Self {
        self.args.push(v.value());
        self
    }

    pub async fn execute(self, c: &mut Conn) -> StoreResult<Done> {
        let sql = AssertSqlSafe(self.sql);
        let rows = match c.raw() {
            Raw::Sqlite(c) => sqlx::query_with(sql, bound(sqlite_args(self.args))?)
                .execute(c)
                .await?
                .rows_affected(),
            Raw::Pg(c) => sqlx::query_with(sql, bound(pg_args(self.args))?)
                .execute(c)
                .await?
                .rows_affected(),
        };
        Ok(Done { rows })
    }

    pub async fn fetch_all<T: Record>(self, c: &mut Conn) -> StoreResult<Vec<T>> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match c.raw() {
            Raw::Sqlite(c) => {
                sqlx::query_as_with(sql, bound(sqlite_args(self.args))?)
                    .fetch_all(c)
                    .await?
            }
            Raw::Pg(c) => {
                sqlx::query_as_with(sql, bound(pg_args(self.args))?)
                    .fetch_all(c)
                    .await?
            }
        })
    }

    pub async fn fetch_optional<T: Record>(self, c: &mut Conn) -> StoreResult<Option<T>> {
        let sql = AssertSqlSafe(self.sql);
        Ok(match c.raw() {
            Raw::Sqlite(c) => {
                sqlx::query_as_with(sql, bound(sqlite_args(self.args))?)
                    .fetch_optional(c)
                    .await?
            }
            Raw::Pg(c) => {
                sqlx::query_as_with(sql, bound(pg_args(self.args))?)
                    .fetch_optional(c)
                    .await?
            }
        })
    }

    /// The one row a statement must return (an aggregate, `RETURNING`); none is an error.
    pub async fn fetch_one<T: Record>(self, c: &mut Conn) -> StoreResult<T> {
        self.fetch_optional(c).await?.ok_or_else(|| {
            StorageError::Other("no rows returned by a query that expected one".into())
        })
    }
}
