//! One SQL interface over both engines: the register's queries are written once, in SQL that
//! SQLite and PostgreSQL both read (`?N` placeholders, `ON CONFLICT`, `coalesce`, `CASE`),
//! and run on an embedded SQLite file or a PostgreSQL server alike. The few statements that
//! differ (search, JSON, the engine's own settings) choose their text with [`Db::pick`].
//!
//! Values cross the boundary as [`Val`]: it binds to any column type either engine infers,
//! so a query never depends on how strictly an engine types its parameters.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;

use postgres::fallible_iterator::FallibleIterator;

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql as PgToSql, Type};

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// What a query failed with.
#[derive(Debug)]
pub(crate) enum Error {
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// `query_row` found no row.
    NoRows,
    /// A column held something its reader cannot turn into the type asked for.
    Convert(String),
    /// A dropped PostgreSQL session could not be opened again (the sentence says why).
    Reconnect(String),
}

pub(crate) type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "{e}"),
            Error::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}", db.message()),
                None => write!(f, "{e}"),
            },
            Error::NoRows => write!(f, "no row found"),
            Error::Convert(what) | Error::Reconnect(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Postgres(e)
    }
}

impl Error {
    /// A uniqueness, foreign-key or check constraint refused the write.
    pub(crate) fn is_constraint(&self) -> bool {
        match self {
            Error::Sqlite(e) => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            }
            Error::Postgres(e) => e.code().is_some_and(|c| c.code().starts_with("23")),
            _ => false,
        }
    }

    /// The engine gave up waiting for another writer's lock.
    pub(crate) fn is_busy(&self) -> bool {
        match self {
            Error::Sqlite(e) => super::is_busy(e),
            Error::Postgres(e) => e.code().is_some_and(|c| {
                *c == postgres::error::SqlState::LOCK_NOT_AVAILABLE
                    || *c == postgres::error::SqlState::T_R_DEADLOCK_DETECTED
                    || *c == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE
            }),
            _ => false,
        }
    }

    /// The engine refused for want of a privilege (PostgreSQL's `GRANT`s).
    pub(crate) fn is_denied(&self) -> bool {
        matches!(self, Error::Postgres(e)
            if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE))
    }
}

/// Turns `Err(NoRows)` into `Ok(None)`, as rusqlite's extension of that name does.
pub(crate) trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Anything that can be bound as a parameter.
pub(crate) trait ToVal {
    fn to_val(&self) -> Val;
}

macro_rules! int_to_val {
    ($($t:ty),*) => {$(
        impl ToVal for $t {
            fn to_val(&self) -> Val {
                Val::Int(*self as i64)
            }
        }
    )*};
}
int_to_val!(i64, i32, i16, u32, u16, u8, usize);

impl ToVal for bool {
    fn to_val(&self) -> Val {
        Val::Int(*self as i64)
    }
}
impl ToVal for f64 {
    fn to_val(&self) -> Val {
        Val::Real(*self)
    }
}
impl ToVal for str {
    fn to_val(&self) -> Val {
        Val::Text(self.to_string())
    }
}
impl ToVal for String {
    fn to_val(&self) -> Val {
        Val::Text(self.clone())
    }
}
impl ToVal for [u8] {
    fn to_val(&self) -> Val {
        Val::Blob(self.to_vec())
    }
}
impl ToVal for Vec<u8> {
    fn to_val(&self) -> Val {
        Val::Blob(self.clone())
    }
}
impl<T: ToVal> ToVal for Option<T> {
    fn to_val(&self) -> Val {
        self.as_ref().map_or(Val::Null, ToVal::to_val)
    }
}
impl<T: ToVal + ?Sized> ToVal for &T {
    fn to_val(&self) -> Val {
        (**self).to_val()
    }
}

/// The parameters of a statement: `()`, an array of one type, [`params!`]'s values, a list.
pub(crate) trait Params {
    fn into_vals(self) -> Vec<Val>;
}

impl Params for () {
    fn into_vals(self) -> Vec<Val> {
        Vec::new()
    }
}
impl<T: ToVal, const N: usize> Params for [T; N] {
    fn into_vals(self) -> Vec<Val> {
        self.iter().map(ToVal::to_val).collect()
    }
}
impl Params for Vec<Val> {
    fn into_vals(self) -> Vec<Val> {
        self
    }
}
impl Params for &[Val] {
    fn into_vals(self) -> Vec<Val> {
        self.to_vec()
    }
}
/// [`params!`]'s values (an array of `Val`, which is not itself [`ToVal`]).
pub(crate) struct Bound<const N: usize>(pub [Val; N]);
impl<const N: usize> Params for Bound<N> {
    fn into_vals(self) -> Vec<Val> {
        self.0.into()
    }
}

/// Parameters of mixed types, as rusqlite's macro of that name: `params![id, name, None::<i64>]`.
macro_rules! params {
    ($($x:expr),* $(,)?) => {
        $crate::store::sql::Bound([$($crate::store::sql::ToVal::to_val(&$x)),*])
    };
}
pub(crate) use params;

/// Reads a column into a Rust type.
pub(crate) trait FromVal: Sized {
    fn from_val(v: Val) -> Result<Self>;
}

fn wrong(v: &Val, want: &str) -> Error {
    Error::Convert(format!("expected {want}, found {v:?}"))
}

impl FromVal for i64 {
    fn from_val(v: Val) -> Result<Self> {
        match v {
            Val::Int(i) => Ok(i),
            v => Err(wrong(&v, "an integer")),
        }
    }
}
macro_rules! int_from_val {
    ($($t:ty),*) => {$(
        impl FromVal for $t {
            fn from_val(v: Val) -> Result<Self> {
                let i = i64::from_val(v)?;
                <$t>::try_from(i).map_err(|_| Error::Convert(format!("{i} is out of range")))
            }
        }
    )*};
}
int_from_val!(i32, u32, u16, u8, usize, u64);

impl FromVal for bool {
    fn from_val(v: Val) -> Result<Self> {
        Ok(i64::from_val(v)? != 0)
    }
}
impl FromVal for f64 {
    fn from_val(v: Val) -> Result<Self> {
        match v {
            Val::Int(i) => Ok(i as f64),
            Val::Real(f) => Ok(f),
            v => Err(wrong(&v, "a number")),
        }
    }
}
impl FromVal for String {
    fn from_val(v: Val) -> Result<Self> {
        match v {
            Val::Text(s) => Ok(s),
            v => Err(wrong(&v, "text")),
        }
    }
}
impl FromVal for Vec<u8> {
    fn from_val(v: Val) -> Result<Self> {
        match v {
            Val::Blob(b) => Ok(b),
            Val::Text(s) => Ok(s.into_bytes()),
            v => Err(wrong(&v, "bytes")),
        }
    }
}
impl FromVal for serde_json::Value {
    fn from_val(v: Val) -> Result<Self> {
        let text = String::from_val(v)?;
        serde_json::from_str(&text).map_err(|e| Error::Convert(format!("not JSON: {e}")))
    }
}
impl FromVal for chrono::NaiveDate {
    fn from_val(v: Val) -> Result<Self> {
        let text = String::from_val(v)?;
        text.parse()
            .map_err(|e| Error::Convert(format!("not a date ({text}): {e}")))
    }
}
impl FromVal for chrono::DateTime<chrono::Utc> {
    fn from_val(v: Val) -> Result<Self> {
        let text = String::from_val(v)?;
        chrono::DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|e| Error::Convert(format!("not a time ({text}): {e}")))
    }
}
impl<T: FromVal> FromVal for Option<T> {
    fn from_val(v: Val) -> Result<Self> {
        match v {
            Val::Null => Ok(None),
            v => T::from_val(v).map(Some),
        }
    }
}

/// A column's position; only `usize`, so that `r.get(0)` needs no suffix.
pub(crate) trait ColumnIndex {
    fn index(self) -> usize;
}
impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// A row being read, from either engine.
pub(crate) enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// Column `i` (from 0) as a `T`; `r.get::<_, T>(i)` as with rusqlite.
    pub(crate) fn get<I: ColumnIndex, T: FromVal>(&self, i: I) -> Result<T> {
        T::from_val(self.value(i.index())?)
    }

    /// Column `i` as it is stored.
    pub(crate) fn value(&self, i: usize) -> Result<Val> {
        match self {
            Row::Sqlite(r) => Ok(match r.get_ref(i)? {
                rusqlite::types::ValueRef::Null => Val::Null,
                rusqlite::types::ValueRef::Integer(n) => Val::Int(n),
                rusqlite::types::ValueRef::Real(f) => Val::Real(f),
                rusqlite::types::ValueRef::Text(t) => {
                    Val::Text(String::from_utf8_lossy(t).into_owned())
                }
                rusqlite::types::ValueRef::Blob(b) => Val::Blob(b.to_vec()),
            }),
            Row::Postgres(r) => pg_val(r, i),
        }
    }
}

fn pg_val(r: &postgres::Row, i: usize) -> Result<Val> {
    let ty = r
        .columns()
        .get(i)
        .ok_or_else(|| Error::Convert(format!("no column {i}")))?
        .type_()
        .clone();
    let v = match ty {
        Type::BOOL => r.try_get::<_, Option<bool>>(i)?.map(|b| Val::Int(b as i64)),
        Type::INT2 => r.try_get::<_, Option<i16>>(i)?.map(|n| Val::Int(n.into())),
        Type::INT4 => r.try_get::<_, Option<i32>>(i)?.map(|n| Val::Int(n.into())),
        Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Val::Int),
        Type::FLOAT4 => r.try_get::<_, Option<f32>>(i)?.map(|f| Val::Real(f.into())),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Val::Real),
        Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i)?.map(Val::Blob),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            r.try_get::<_, Option<String>>(i)?.map(Val::Text)
        }
        other => {
            return Err(Error::Convert(format!(
                "column {i} has type {other}, which the register does not read; cast it in the query"
            )));
        }
    };
    Ok(v.unwrap_or(Val::Null))
}

impl PgToSql for Val {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                Type::FLOAT4 => (*n as f32).to_sql(ty, out),
                _ => n.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            Val::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => f.to_string().as_str().to_sql(&Type::TEXT, out),
            },
            Val::Text(s) => match *ty {
                // JSONB's binary form is a version byte and the text.
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                // TEXT, VARCHAR, JSON and anything else with a text form.
                _ => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
            },
            Val::Blob(b) => b.as_slice().to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(n) => ValueRef::Integer(*n),
            Val::Real(f) => ValueRef::Real(*f),
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
            Val::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// Rewrites SQLite's `?N` and `?` placeholders as PostgreSQL's `$N`, outside quotes.
pub(crate) fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut highest = 0u32;
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse().unwrap_or(highest + 1);
                highest = highest.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            c => out.push(c),
        }
    }
    out
}

/// A PostgreSQL session with the statements it has prepared.
pub(crate) struct PgSession {
    pub(crate) client: postgres::Client,
    prepared: HashMap<String, postgres::Statement>,
    /// The server's address, for the change listener's own session.
    address: String,
    listener: Option<super::postgres::Listener>,
}

impl PgSession {
    pub(crate) fn new(client: postgres::Client, address: &str) -> PgSession {
        PgSession {
            client,
            prepared: HashMap::new(),
            address: address.to_string(),
            listener: None,
        }
    }

    /// The statement to run: prepared once and kept, or (`cached` false) sent unnamed, so the
    /// server plans it for the values bound each time (a search's pattern decides whether
    /// the trigram index pays; one plan kept for every pattern can be far off).
    fn target(&mut self, sql: &str, cached: bool) -> Result<Target> {
        if cached {
            self.statement(sql).map(Target::Named)
        } else {
            Ok(Target::Unnamed(to_postgres(sql)))
        }
    }

    /// A session the server dropped (it restarted, the network broke) is opened again before
    /// the next statement, when no transaction was open on it (one that was is lost, and
    /// its write was refused with the error).
    fn reopen_if_lost(&mut self, depth: u32) -> Result<()> {
        if depth == 0 && self.client.is_closed() {
            self.client = super::postgres::reconnect(&self.address)?;
            self.prepared.clear();
        }
        Ok(())
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(&to_postgres(sql))?;
        if self.prepared.len() > 256 {
            self.prepared.clear();
        }
        self.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

enum Target {
    Named(postgres::Statement),
    Unnamed(String),
}

/// Runs `$body` with `$s` the target as the client takes it (a statement or its text).
macro_rules! on_target {
    ($target:expr, |$s:ident| $body:expr) => {
        match $target {
            Target::Named(named) => {
                let $s = &named;
                $body
            }
            Target::Unnamed(text) => {
                let $s = text.as_str();
                $body
            }
        }
    };
}

enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<PgSession>>),
}

/// A connection to the register, on either engine.
pub(crate) struct Db {
    conn: Conn,
    /// Open transactions and savepoints (the outermost is 1).
    depth: Cell<u32>,
    /// The key the event log's keyed hashes are made with, when this process has it.
    audit_key: Option<super::AuditKey>,
    /// This session's own commits, and questions asked without a listener (PostgreSQL).
    notified: Cell<i64>,
}

impl Db {
    pub(crate) fn sqlite(conn: rusqlite::Connection) -> Db {
        Db {
            conn: Conn::Sqlite(conn),
            depth: Cell::new(0),
            audit_key: None,
            notified: Cell::new(0),
        }
    }

    pub(crate) fn postgres(session: PgSession) -> Db {
        Db {
            conn: Conn::Postgres(Box::new(RefCell::new(session))),
            depth: Cell::new(0),
            audit_key: None,
            notified: Cell::new(0),
        }
    }

    pub(crate) fn set_audit_key(&mut self, key: super::AuditKey) {
        self.audit_key = Some(key);
    }

    pub(crate) fn audit_key(&self) -> Option<&super::AuditKey> {
        self.audit_key.as_ref()
    }

    pub(crate) fn engine(&self) -> Engine {
        match self.conn {
            Conn::Sqlite(_) => Engine::Sqlite,
            Conn::Postgres(_) => Engine::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (its pragmas, backups, FTS5).
    pub(crate) fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.conn {
            Conn::Sqlite(c) => Some(c),
            Conn::Postgres(_) => None,
        }
    }

    /// The statement text for this engine, where the two differ.
    pub(crate) fn pick<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        match self.engine() {
            Engine::Sqlite => sqlite,
            Engine::Postgres => postgres,
        }
    }

    /// The SQL for field `field` of the JSON text in `column`, as text.
    pub(crate) fn json_text(&self, column: &str, field: &str) -> String {
        match self.engine() {
            Engine::Sqlite => format!("json_extract({column}, '$.{field}')"),
            Engine::Postgres => format!("(CAST({column} AS jsonb) ->> '{field}')"),
        }
    }

    pub(crate) fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(Stmt {
            db: self,
            sql: sql.to_string(),
            cached: true,
        })
    }

    /// A statement planned for the values bound each time it runs (PostgreSQL; SQLite
    /// keeps its compiled statements either way).
    pub(crate) fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(Stmt {
            db: self,
            sql: sql.to_string(),
            cached: false,
        })
    }

    pub(crate) fn execute(&self, sql: &str, p: impl Params) -> Result<usize> {
        self.prepare_cached(sql)?.execute(p)
    }

    /// Runs `f` on every row as the rows arrive, until it returns `false`.
    pub(crate) fn each(
        &self,
        sql: &str,
        p: impl Params,
        f: impl FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        self.prepare_cached(sql)?.each(p, f)
    }

    pub(crate) fn query_map<T>(
        &self,
        sql: &str,
        p: impl Params,
        f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        self.prepare_cached(sql)?.query_map(p, f)
    }

    pub(crate) fn query_row<T>(
        &self,
        sql: &str,
        p: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(p, f)
    }

    /// Several statements without parameters (a migration, `BEGIN`).
    pub(crate) fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.conn {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Postgres(s) => {
                let mut s = s.borrow_mut();
                s.reopen_if_lost(self.depth.get())?;
                Ok(s.client.batch_execute(sql)?)
            }
        }
    }

    /// Whether no transaction is open.
    pub(crate) fn is_autocommit(&self) -> bool {
        match &self.conn {
            Conn::Sqlite(c) => c.is_autocommit(),
            Conn::Postgres(_) => self.depth.get() == 0,
        }
    }

    /// Starts a transaction: on SQLite an IMMEDIATE one (the write lock up front); on
    /// PostgreSQL one that first takes the register's write lock, so that writers queue as
    /// they do on SQLite and the event chain has one writer at a time. Inside a transaction,
    /// a savepoint.
    pub(crate) fn begin(&self, write: bool) -> Result<Tx<'_>> {
        self.open_transaction(write)?;
        Ok(Tx {
            db: self,
            done: false,
        })
    }

    /// Opens a transaction (or a savepoint inside one) that [`Db::close_transaction`] ends:
    /// for a long write whose batches outlive any one borrow.
    pub(crate) fn open_transaction(&self, write: bool) -> Result<()> {
        let nested = !self.is_autocommit();
        let sql = match (self.engine(), nested, write) {
            (_, true, _) => "SAVEPOINT dsr_tx",
            (Engine::Sqlite, false, true) => "BEGIN IMMEDIATE",
            (Engine::Sqlite, false, false) => "BEGIN",
            (Engine::Postgres, false, true) => {
                "BEGIN; SET LOCAL lock_timeout = '5s'; SELECT pg_advisory_xact_lock(7303916213)"
            }
            (Engine::Postgres, false, false) => "BEGIN",
        };
        self.execute_batch(sql)?;
        self.depth.set(self.depth.get() + 1);
        Ok(())
    }

    /// Commits or rolls back the innermost open transaction or savepoint.
    pub(crate) fn close_transaction(&self, commit: bool) -> Result<()> {
        let depth = self.depth.get();
        if commit && depth == 1 && self.engine() == Engine::Postgres {
            // This session's own commit: counted now (its notification is not).
            self.notified.set(self.notified.get() + 1);
        }
        self.depth.set(depth.saturating_sub(1));
        let sql = match (depth > 1, commit) {
            (true, true) => "RELEASE dsr_tx",
            (true, false) => "ROLLBACK TO dsr_tx; RELEASE dsr_tx",
            (false, true) => "COMMIT",
            (false, false) => "ROLLBACK",
        };
        self.execute_batch(sql)
    }

    /// SQLite's page cache, in KiB (PostgreSQL sizes its own).
    pub(crate) fn set_cache_kib(&self, kib: i64) -> Result<()> {
        if let Some(c) = self.as_sqlite() {
            c.pragma_update(None, "cache_size", -kib)?;
        }
        Ok(())
    }

    /// How many change notifications the register has sent since this connection first
    /// asked (`None` on SQLite): read from the listener, without a query or a wait. The
    /// listener starts at the first question, so only a desk has one.
    pub(crate) fn notifications_received(&self) -> Option<i64> {
        let Conn::Postgres(s) = &self.conn else {
            return None;
        };
        let mut s = s.borrow_mut();
        if s.listener.is_none() {
            let own = s
                .client
                .query_one("SELECT pg_backend_pid()", &[])
                .map(|r| r.get::<_, i32>(0))
                .unwrap_or(0);
            match super::postgres::Listener::start(&s.address, own) {
                Ok(l) => s.listener = Some(l),
                // Without a listener every question counts as a change: read afresh.
                Err(_) => {
                    self.notified.set(self.notified.get() + 1);
                    return Some(self.notified.get());
                }
            }
        }
        Some(s.listener.as_ref().map_or(0, |l| l.heard()) + self.notified.get())
    }

    /// Rows changed by this connection since it opened (SQLite), for the desk's change mark.
    pub(crate) fn total_changes(&self) -> u64 {
        match &self.conn {
            Conn::Sqlite(c) => c.total_changes(),
            Conn::Postgres(_) => 0,
        }
    }
}

/// A transaction or savepoint; dropped without [`Tx::commit`] it rolls back.
pub(crate) struct Tx<'a> {
    db: &'a Db,
    done: bool,
}

impl Tx<'_> {
    pub(crate) fn commit(mut self) -> Result<()> {
        self.done = true;
        self.db.close_transaction(true)
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.db.close_transaction(false);
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db
    }
}

/// A statement to run, as rusqlite's: `db.prepare_cached(sql)?.query_row(params, f)`.
pub(crate) struct Stmt<'a> {
    db: &'a Db,
    sql: String,
    /// Kept prepared (PostgreSQL) or planned for its values each time.
    cached: bool,
}

impl Stmt<'_> {
    /// The connection this statement runs on; a PostgreSQL session the server dropped is
    /// opened again first.
    fn on(&self) -> Result<On<'_>> {
        match &self.db.conn {
            Conn::Sqlite(c) => Ok(On::Sqlite(c)),
            Conn::Postgres(s) => {
                let mut s = s.borrow_mut();
                s.reopen_if_lost(self.db.depth.get())?;
                Ok(On::Postgres(s))
            }
        }
    }

    pub(crate) fn execute(&mut self, p: impl Params) -> Result<usize> {
        let vals = p.into_vals();
        match self.on()? {
            On::Sqlite(c) => Ok(c
                .prepare_cached(&self.sql)?
                .execute(rusqlite::params_from_iter(vals.iter()))?),
            On::Postgres(mut s) => {
                if self.db.depth.get() == 0 {
                    // A write outside a transaction commits at once: this session's own change.
                    self.db.notified.set(self.db.notified.get() + 1);
                }
                let target = s.target(&self.sql, self.cached)?;
                let refs = bound(&vals);
                Ok(on_target!(target, |t| s.client.execute(t, &refs))? as usize)
            }
        }
    }

    /// The first row, read by `f` once the engine is free again (so `f` may query).
    pub(crate) fn query_row<T>(
        &mut self,
        p: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let vals = p.into_vals();
        match self.on()? {
            On::Sqlite(c) => {
                let mut stmt = c.prepare_cached(&self.sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(vals.iter()))?;
                f(&Row::Sqlite(rows.next()?.ok_or(Error::NoRows)?))
            }
            On::Postgres(mut s) => {
                let target = s.target(&self.sql, self.cached)?;
                let refs = bound(&vals);
                let row = on_target!(target, |t| s.client.query_opt(t, &refs))?;
                drop(s);
                f(&Row::Postgres(&row.ok_or(Error::NoRows)?))
            }
        }
    }

    pub(crate) fn query_map<T>(
        &mut self,
        p: impl Params,
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let mut out = Vec::new();
        self.each(p, |r| {
            out.push(f(r));
            Ok(true)
        })?;
        Ok(out.into_iter())
    }

    /// Runs `f` on every row as the rows arrive, until it returns `false`.
    pub(crate) fn each(
        &mut self,
        p: impl Params,
        mut f: impl FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        let vals = p.into_vals();
        match self.on()? {
            On::Sqlite(c) => {
                let mut stmt = c.prepare_cached(&self.sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(vals.iter()))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row::Sqlite(r))? {
                        break;
                    }
                }
            }
            On::Postgres(mut s) => {
                let target = s.target(&self.sql, self.cached)?;
                let mut rows = on_target!(target, |t| s.client.query_raw(t, bound(&vals)))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row::Postgres(&r))? {
                        break;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Where a statement runs.
enum On<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(std::cell::RefMut<'a, PgSession>),
}

/// The values as PostgreSQL's client binds them.
fn bound(vals: &[Val]) -> Vec<&(dyn PgToSql + Sync)> {
    vals.iter().map(|v| v as &(dyn PgToSql + Sync)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?2 OR e = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $2 OR e = $3"
        );
        assert_eq!(to_postgres("x = ? AND y = ?"), "x = $1 AND y = $2");
    }

    #[test]
    fn values_round_trip_through_sqlite() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().expect("open"));
        db.execute_batch("CREATE TABLE t (a INTEGER, b TEXT, c REAL)")
            .expect("table");
        db.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            params![7_i64, "sju", 7.5_f64],
        )
        .expect("insert");
        db.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            params![None::<i64>, None::<String>, 1.0],
        )
        .expect("insert");
        let rows: Vec<(Option<i64>, Option<String>)> = db
            .query_map("SELECT a, b FROM t ORDER BY c DESC", (), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("rows")
            .collect::<Result<_>>()
            .expect("read");
        assert_eq!(rows, [(Some(7), Some("sju".into())), (None, None)]);
        let missing = db
            .query_row("SELECT a FROM t WHERE b = ?1", ["åtte"], |r| {
                r.get::<_, i64>(0)
            })
            .optional()
            .expect("query");
        assert_eq!(missing, None);
    }

    #[test]
    fn a_dropped_transaction_rolls_back_and_a_savepoint_nests() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().expect("open"));
        db.execute_batch("CREATE TABLE t (a INTEGER)")
            .expect("table");
        {
            let tx = db.begin(true).expect("begin");
            tx.execute("INSERT INTO t VALUES (1)", ()).expect("insert");
            let inner = tx.begin(true).expect("savepoint");
            inner
                .execute("INSERT INTO t VALUES (2)", ())
                .expect("insert");
            drop(inner);
            tx.commit().expect("commit");
        }
        {
            let tx = db.begin(true).expect("begin");
            tx.execute("INSERT INTO t VALUES (3)", ()).expect("insert");
        }
        let all: Vec<i64> = db
            .query_map("SELECT a FROM t", (), |r| r.get(0))
            .expect("rows")
            .collect::<Result<_>>()
            .expect("read");
        assert_eq!(all, [1]);
        assert!(db.is_autocommit());
    }
}
