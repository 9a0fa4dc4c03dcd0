//! The binary on a register of its own, for end-to-end tests of the command line: a fresh
//! home folder, the register made with `init`, the config file beside it and a fixed clock.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Workspace {
    pub dir: tempfile::TempDir,
    now: &'static str,
    /// The register: a file in `dir`, or a fresh database on the PostgreSQL test server
    /// when `DSR_DESK_TEST_POSTGRES` names one.
    pub db: String,
}

/// A fresh database on the PostgreSQL test server, when there is one.
pub fn postgres_scratch(tag: &str) -> Option<String> {
    static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let server = std::env::var("DSR_DESK_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.trim().is_empty())?;
    let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("dsr_e2e_{tag}_{}_{n}", std::process::id());
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("test server");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .expect("old scratch database gone");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("scratch database");
    let (head, _) = server.rsplit_once('/').expect("an address with a database");
    Some(format!("{head}/{name}"))
}

/// Runs SQL on the register at `db` behind the desk's back: `sqlite` on a file, `postgres`
/// on a server (their tampering differs: a trigger is dropped on one, disabled on the other).
pub fn behind_its_back(db: &str, sqlite: &str, postgres: &str) -> Result<(), String> {
    if db.starts_with("postgres") {
        let mut c = postgres::Client::connect(db, postgres::NoTls).expect("register");
        c.batch_execute(postgres).map_err(|e| format!("{e:?}"))
    } else {
        let c = rusqlite::Connection::open(db).expect("register");
        c.execute_batch(sqlite).map_err(|e| e.to_string())
    }
}

impl Workspace {
    /// A register made with `init` for ACME AS, at `now`: on the PostgreSQL test server when
    /// there is one, else in a file.
    pub fn init(now: &'static str) -> Workspace {
        Workspace::bare(now).made()
    }

    /// A register made with `init` in a file, whatever the test server.
    #[allow(dead_code)]
    pub fn init_file(now: &'static str) -> Workspace {
        Workspace::with_db(now, None).made()
    }

    /// A register made with `init` at `db` (a file or a PostgreSQL address).
    #[allow(dead_code)]
    pub fn init_at(now: &'static str, db: &str) -> Workspace {
        Workspace::with_db(now, Some(db.to_string())).made()
    }

    fn made(self) -> Workspace {
        let ws = self;
        let (code, _, err) = ws.run(&[
            "init",
            "--name",
            "ACME AS",
            "--org-number",
            "974760673",
            "--email",
            "privacy@acme.no",
        ]);
        assert_eq!(code, 0, "init: {err}");
        ws
    }

    /// A fresh home, config and clock, and no register made yet.
    pub fn bare(now: &'static str) -> Workspace {
        Workspace::with_db(now, postgres_scratch("ws"))
    }

    /// A fresh home, config and clock, with the register at `db`, else a file in the home.
    fn with_db(now: &'static str, db: Option<String>) -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = db.unwrap_or_else(|| dir.path().join("desk.db").display().to_string());
        Workspace { dir, now, db }
    }

    /// Runs a tamperer's SQL on the register behind the desk's back, on either engine.
    #[allow(dead_code)]
    pub fn tamper(&self, sql: &str) {
        behind_its_back(&self.db, sql, sql).expect("tamper");
    }

    /// The config file the binary reads (none there: the defaults).
    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// Runs the binary: exit code, stdout, stderr. A panic fails the test.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_on(&self.db, args)
    }

    /// Runs the binary on the register at `db` instead (another address of the same one).
    pub fn run_on(&self, db: &str, args: &[&str]) -> (i32, String, String) {
        let out = self
            .command_on(db)
            .args(args)
            .output()
            .expect("run dsr-desk");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!stderr.contains("panicked"), "{stderr}");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            stderr,
        )
    }

    /// The binary with this workspace's environment, to run as the caller likes.
    pub fn command(&self) -> Command {
        self.command_on(&self.db)
    }

    /// The binary with this workspace's environment on the register at `db`.
    pub fn command_on(&self, db: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("DSR_DESK_DB", db)
            .env("DSR_DESK_CONFIG", self.config_file())
            .env("DSR_DESK_NOW", self.now);
        c
    }

    /// What a command that must succeed prints.
    #[allow(dead_code)]
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_on(&self.db, args)
    }

    /// What a command on the register at `db` that must succeed prints.
    #[allow(dead_code)]
    pub fn ok_on(&self, db: &str, args: &[&str]) -> String {
        let (code, out, err) = self.run_on(db, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    /// What a command that must fail says on stderr.
    #[allow(dead_code)]
    pub fn fails(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_ne!(code, 0, "{args:?} should fail: {out}");
        err
    }

    /// The JSON a command prints.
    pub fn json(&self, args: &[&str]) -> Value {
        let (_, out, err) = self.run(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out} {err}"))
    }
}

/// Writes a plain-text e-mail into `dir` as `name`, with `headers` in order, and returns
/// its path.
pub fn write_message(dir: &Path, name: &str, headers: &[(&str, &str)], body: &str) -> PathBuf {
    let mut text = String::new();
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\n");
    text.push_str(body);
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write message");
    path
}
