//! A register knows it is one: SQLite's `application_id` in the file header and a
//! `register_kind` row in `meta` (a register, or a demo). Only [`Store::create`] makes one;
//! [`Store::open`] opens only a file that is one, and refuses anything else before a byte of
//! it is written (no WAL switch, no migration, no `-wal` file).
//!
//! Registers made before the mark existed carry `application_id` 0: they are recognised by
//! their own tables and marked on the first open by a writer.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError, classify};

/// `DSRD` in ASCII: what SQLite's header says of every register (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x4453_5244;

const KIND_KEY: &str = "register_kind";

/// The tables every register has had since its first schema version.
const OWN_TABLES: [&str; 4] = ["requests", "decisions", "events", "meta"];

/// What a register is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterKind {
    /// The controller's real register.
    Register,
    /// A demo register: made by `dsr-desk demo`, and the only kind the demo replaces.
    Demo,
}

impl RegisterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RegisterKind::Register => "register",
            RegisterKind::Demo => "demo",
        }
    }

    fn parse(text: &str) -> Option<RegisterKind> {
        match text {
            "register" => Some(RegisterKind::Register),
            "demo" => Some(RegisterKind::Demo),
            _ => None,
        }
    }
}

/// A register found on disk, read without writing to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: RegisterKind,
    /// Made before registers were marked: it is marked on the first open by a writer.
    pub legacy: bool,
}

fn not_a_register(path: &Path, why: impl Into<String>) -> StoreError {
    StoreError::NotARegister {
        path: path.display().to_string(),
        why: why.into(),
    }
}

/// What is at `path`: `None` when there is nothing; a register; or an error saying why the
/// file there is not one. Reads the file's header and, for an unmarked SQLite file, its
/// schema, through a connection that can neither write nor create files.
pub fn inspect(path: &Path) -> Result<Option<Found>> {
    let io = |e: std::io::Error| StoreError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    if meta.is_dir() {
        return Err(not_a_register(path, "it is a folder"));
    }
    let mut header = Vec::with_capacity(100);
    fs::File::open(path)
        .map_err(io)?
        .take(100)
        .read_to_end(&mut header)
        .map_err(io)?;
    if header.is_empty() {
        return Err(not_a_register(path, "the file is empty"));
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(not_a_register(path, "it is not an SQLite database"));
    }
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != APPLICATION_ID && application_id != 0 {
        return Err(not_a_register(
            path,
            format!(
                "it is another application's SQLite database, application id {application_id:#010x}"
            ),
        ));
    }
    let legacy = application_id == 0;
    let (tables, meta) = peek(path).map_err(|e| classify(path, e))?;
    if legacy && !OWN_TABLES.iter().all(|t| tables.iter().any(|x| x == t)) {
        return Err(not_a_register(
            path,
            "it is an SQLite database without the register's tables",
        ));
    }
    let kind = match meta.get(KIND_KEY).and_then(|k| RegisterKind::parse(k)) {
        Some(kind) => kind,
        None => legacy_kind(path, &meta),
    };
    Ok(Some(Found { kind, legacy }))
}

/// An unmarked register is a demo when it remembers the customer database and data map the
/// demo command builds beside it (`NAME-customers.db`, `NAME-datamap.toml`): what every
/// earlier `dsr-desk demo` wrote, and nothing else did by default.
fn legacy_kind(path: &Path, meta: &HashMap<String, String>) -> RegisterKind {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let demo_db = format!("{stem}-customers.db");
    let demo_map = format!("{stem}-datamap.toml");
    if meta.get("customer_db") == Some(&demo_db) && meta.get("data_map") == Some(&demo_map) {
        RegisterKind::Demo
    } else {
        RegisterKind::Register
    }
}

/// The table names and `meta` rows of the database at `path`, read-only. Without a `-wal`
/// file beside it the file is opened immutable, so SQLite takes no lock and creates no
/// `-wal` or `-shm`; with one, both already exist and a read-only connection adds nothing.
fn peek(path: &Path) -> rusqlite::Result<(Vec<String>, HashMap<String, String>)> {
    let wal = suffixed(path, "-wal").exists();
    let uri = format!(
        "file:{}?mode=ro{}",
        uri_path(path),
        if wal { "" } else { "&immutable=1" }
    );
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
        .query_map((), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut meta = HashMap::new();
    if tables.iter().any(|t| t == "meta") {
        let mut stmt = conn.prepare("SELECT key, value FROM meta")?;
        let mut rows = stmt.query(())?;
        while let Some(r) = rows.next()? {
            meta.insert(r.get(0)?, r.get(1)?);
        }
    }
    Ok((tables, meta))
}

/// `path` as the path part of an SQLite URI: absolute, every byte that could be read as URI
/// syntax percent-encoded.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `path` with `suffix` added to its file name (`requests.db-wal`).
pub fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

impl Store {
    /// Makes a new register of `kind` at `path` (and its folder, owner-only), marked as one;
    /// refuses a path where there is anything already. A failure leaves nothing behind.
    pub fn create(path: &Path, kind: RegisterKind) -> Result<Store> {
        if super::postgres::is_address(path) {
            return Store::open_postgres(path, Some(kind));
        }
        let io = |e: std::io::Error| StoreError::Io {
            path: path.display().to_string(),
            detail: e.to_string(),
        };
        if fs::symlink_metadata(path).is_ok() {
            return Err(StoreError::Exists {
                path: path.display().to_string(),
            });
        }
        if let Some(dir) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io)?;
        }
        // Made here so it is 0600 from its first byte (SQLite gives its -wal and -shm the same
        // mode); of two processes creating the same register, the second is refused.
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Exists {
                    path: path.display().to_string(),
                });
            }
            Err(e) => return Err(io(e)),
        }
        let made = (|| {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| classify(path, e))?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| classify(path, e))?;
            let mut store = Store::setup(conn, path.to_path_buf())?;
            store.mark(kind)?;
            Ok(store)
        })();
        if made.is_err() {
            for suffix in ["", "-wal", "-shm"] {
                let _ = fs::remove_file(suffixed(path, suffix));
            }
        }
        made
    }

    /// What this register is for (`None`: an unmarked register opened read-only).
    pub fn register_kind(&self) -> Result<Option<RegisterKind>> {
        Ok(self
            .setting(KIND_KEY)?
            .as_deref()
            .and_then(RegisterKind::parse))
    }

    pub(super) fn mark(&mut self, kind: RegisterKind) -> Result<()> {
        let tx = self.write_tx()?;
        if tx.engine() == super::Engine::Sqlite {
            tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
            [KIND_KEY, kind.as_str()],
        )?;
        tx.commit()
    }

    /// Marks a register made before registers were marked, once a writer opens it; a reader
    /// leaves it as it is.
    pub(super) fn mark_legacy(&mut self, found: &Found) -> Result<()> {
        let read_only = match self.conn.as_sqlite() {
            Some(conn) => conn.is_readonly(rusqlite::MAIN_DB)?,
            None => false,
        };
        if !found.legacy || read_only {
            return Ok(());
        }
        self.mark(found.kind)
    }
}

#[cfg(test)]
#[path = "identity_tests.rs"]
mod tests;
