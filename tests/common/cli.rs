//! The binary on a register of its own, for end-to-end tests of the command line: a fresh
//! home folder, the register made with `init`, the config file beside it and a fixed clock.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Workspace {
    pub dir: tempfile::TempDir,
    now: &'static str,
}

impl Workspace {
    /// A register made with `init` for ACME AS, at `now`.
    pub fn init(now: &'static str) -> Workspace {
        let ws = Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
            now,
        };
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
    #[allow(dead_code)]
    pub fn bare(now: &'static str) -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
            now,
        }
    }

    /// The config file the binary reads (none there: the defaults).
    pub fn config_file(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// Runs the binary: exit code, stdout, stderr. A panic fails the test.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command().args(args).output().expect("run dsr-desk");
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
        let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("DSR_DESK_DB", self.dir.path().join("desk.db"))
            .env("DSR_DESK_CONFIG", self.config_file())
            .env("DSR_DESK_NOW", self.now);
        c
    }

    /// What a command that must succeed prints.
    #[allow(dead_code)]
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
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
