//! `audit verify` and `audit head` against a real database tampered with from outside: each
//! kind of tampering the keyed chain, the replay or a head seen earlier must name (exit 3),
//! and what stays undetectable without them.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

use sha2::{Digest, Sha256};

const NOW: &str = "2025-06-02T10:00:00Z";

struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Desk {
    /// A desk whose audit key is `key.hex` in its folder (made by `keyed`).
    /// A register made without an audit key (as registers of earlier versions were).
    fn new() -> Desk {
        let desk = Desk::folder();
        dsr_desk::store::Store::create(&desk.db, dsr_desk::store::RegisterKind::Register)
            .expect("an unkeyed register");
        desk
    }

    fn folder() -> Desk {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("requests.db");
        Desk { dir, db }
    }

    /// A desk with an audit key from its first write: `init` with the key in place.
    fn keyed() -> Desk {
        let desk = Desk::folder();
        let path = desk.key_file();
        fs::write(&path, format!("{}\n", "5a".repeat(32))).expect("key");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
        desk.ok(&[
            "init",
            "--name",
            "ACME AS",
            "--org-number",
            "974760673",
            "--email",
            "privacy@acme.example",
        ]);
        desk
    }

    fn key_file(&self) -> PathBuf {
        self.dir.path().join("audit.key")
    }

    fn run_with(&self, key: Option<&str>, args: &[&str]) -> Run {
        let key = match key {
            Some(name) => self.dir.path().join(name),
            None => self.key_file(),
        };
        let out = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("USER", "tester")
            .env("DSR_DESK_NOW", NOW)
            .env("DSR_DESK_CONFIG", self.dir.path().join("config.toml"))
            .env("DSR_DESK_AUDIT_KEY", key)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("run");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(None, args)
    }

    /// Without the key: a file that is not there.
    fn run_without_key(&self, args: &[&str]) -> Run {
        self.run_with(Some("no-such-key"), args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
        run.stdout
    }

    fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add", "--received", "2025-05-20"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }

    /// `audit verify` must fail with exit 3; returns its stderr.
    fn broken(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 3, "{args:?}: {}{}", run.stdout, run.stderr);
        run.stderr
    }

    fn sql(&self, sql: &str) {
        rusqlite::Connection::open(&self.db)
            .expect("open")
            .execute_batch(sql)
            .expect("tamper");
    }

    /// What someone holding only the database does after changing events: recompute every
    /// plain hash from event `from` on (the keyed hashes cannot be).
    fn rechain_from(&self, from: i64) {
        let conn = rusqlite::Connection::open(&self.db).expect("open");
        conn.execute_batch("DROP TRIGGER IF EXISTS events_no_update")
            .expect("drop");
        let rows: Vec<(i64, Option<i64>, [String; 5])> = conn
            .prepare(
                "SELECT id, request_id, at, actor, kind, summary, detail FROM events ORDER BY id",
            )
            .expect("prepare")
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
                ))
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let mut prev = "0".repeat(64);
        for (id, request_id, fields) in rows {
            if id >= from {
                let hash = plain_hash(&prev, id, request_id, &fields);
                conn.execute(
                    "UPDATE events SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
                    rusqlite::params![prev, hash, id],
                )
                .expect("rechain");
            }
            prev = conn
                .query_row("SELECT hash FROM events WHERE id = ?1", [id], |r| r.get(0))
                .expect("hash");
        }
    }
}

/// The plain SHA-256 of an event, as the desk computes it (its documented canonical form).
fn plain_hash(prev: &str, id: i64, request_id: Option<i64>, fields: &[String; 5]) -> String {
    let mut h = Sha256::new();
    let head = [
        prev.to_string(),
        id.to_string(),
        request_id.map(|r| r.to_string()).unwrap_or_default(),
    ];
    for part in head.iter().chain(fields) {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn an_intact_keyed_trail_says_what_it_checked() {
    let desk = Desk::keyed();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&["close", &r, "--answered"]);
    let out = desk.ok(&["audit", "verify"]);
    assert!(
        // The register's details (init), the request, its decision.
        out.starts_with("audit trail intact: 3 events, head "),
        "{out}"
    );
    assert!(
        out.contains("keyed from event 1, checked with the audit key"),
        "{out}"
    );
    assert!(out.contains("1 request matches its events"), "{out}");
    let j: serde_json::Value =
        serde_json::from_str(&desk.ok(&["audit", "verify", "--json"])).expect("json");
    assert_eq!(j["checked"], "keyed");
    assert_eq!(j["keyed_from"], 1);
    assert_eq!(j["replay"]["replayed"], 1);

    let without = desk.run_without_key(&["audit", "verify"]);
    assert_eq!(without.code, 0, "{}", without.stderr);
    assert!(
        without.stdout.contains(
            "integrity only: the trail is keyed from event 1 but the audit key is not here"
        ),
        "{}",
        without.stdout
    );
    // Writing a keyed register without its key is refused, not written unkeyed.
    let refused = desk.run_without_key(&["note", &r, "x"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("audit key is not here"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_unkeyed_register_says_it_was_checked_for_integrity_only() {
    let desk = Desk::new();
    desk.add(&["--name", "Siv", "--right", "access"]);
    let out = desk.ok(&["audit", "verify"]);
    assert!(
        out.contains("integrity only: not keyed (no audit key)"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn truncation_is_found_only_against_a_head_seen_earlier() {
    let desk = Desk::keyed();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    let early = desk.ok(&["audit", "head"]).trim().to_string();
    assert_eq!(early.len(), 64);
    desk.ok(&["note", &r, "called her"]);
    desk.ok(&["note", &r, "sent the copy"]);
    let late = desk.ok(&["audit", "head"]).trim().to_string();
    let j: serde_json::Value =
        serde_json::from_str(&desk.ok(&["audit", "head", "--json"])).expect("json");
    assert_eq!(
        (j["events"].as_i64(), j["head"].as_str()),
        (Some(4), Some(late.as_str()))
    );
    // A head seen earlier that is still there: later events are fine.
    let out = desk.ok(&["audit", "verify", "--head", &early]);
    assert!(out.contains("the head seen earlier is event 2"), "{out}");

    desk.sql("DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > 2;");
    // Without a head kept outside, the shorter trail is a valid trail.
    let out = desk.ok(&["audit", "verify"]);
    assert!(out.starts_with("audit trail intact: 2 events"), "{out}");
    let err = desk.broken(&["audit", "verify", "--head", &late]);
    assert!(
        err.contains(&format!("the head seen earlier ({late}) is not in the audit trail: the events after it were removed")),
        "{err}"
    );
    assert!(err.contains("it now ends at event 2"), "{err}");
    let bad = desk.run(&["audit", "verify", "--head", "abc"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("is not a head hash"), "{}", bad.stderr);
}

#[test]
fn a_forged_event_with_a_recomputed_plain_hash_is_found_with_the_key() {
    let desk = Desk::keyed();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&["note", &r, "called her"]);
    // Append an event with a correct plain hash, and the previous keyed hash copied in.
    desk.sql(
        "INSERT INTO events (id, request_id, at, actor, kind, summary, detail, prev_hash, hash, mac)
         SELECT 4, request_id, at, 'jk', 'note', 'She withdrew the request', '{}', hash, '', mac
         FROM events WHERE id = 3;",
    );
    desk.rechain_from(4);
    let err = desk.broken(&["audit", "verify"]);
    assert!(
        err.contains("the audit trail is broken at event 4: its keyed hash does not match"),
        "{err}"
    );
    // Without the key the forgery passes, and verify says it could not tell.
    let without = desk.run_without_key(&["audit", "verify"]);
    assert_eq!(without.code, 0);
    assert!(
        without.stdout.contains("integrity only"),
        "{}",
        without.stdout
    );
    // A forgery without even a keyed hash is found with or without the key.
    desk.sql("UPDATE events SET mac = NULL WHERE id = 4;");
    let without = desk.run_without_key(&["audit", "verify"]);
    assert_eq!(without.code, 3);
    assert!(
        without.stderr.contains("event 4: it has no keyed hash"),
        "{}",
        without.stderr
    );
}

#[test]
fn a_log_rechained_without_the_key_is_found_with_the_key() {
    let desk = Desk::keyed();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&["note", &r, "ID checked by phone"]);
    desk.ok(&["note", &r, "copy sent"]);
    desk.sql("DROP TRIGGER events_no_update; UPDATE events SET summary = 'nothing checked' WHERE id = 2;");
    // The plain chain alone names the edit...
    assert!(
        desk.broken(&["audit", "verify"])
            .contains("event 2: its content does not match its hash")
    );
    // ...until every later plain hash is recomputed: then only the key tells.
    desk.rechain_from(2);
    let err = desk.broken(&["audit", "verify"]);
    assert!(
        err.contains(
            "broken at event 2: its keyed hash does not match (forged or re-chained without the key"
        ),
        "{err}"
    );
    let without = desk.run_without_key(&["audit", "verify"]);
    assert_eq!(without.code, 0, "{}", without.stderr);
}

#[test]
fn an_edited_decision_row_is_found_by_the_replay() {
    let desk = Desk::keyed();
    let r = desk.add(&["--name", "Siv"]);
    desk.ok(&[
        "close",
        &r,
        "--refused",
        "NOT_A_GDPR_REQUEST",
        "--reason",
        "A complaint about a delivery",
    ]);
    desk.sql("UPDATE decisions SET kind = 'done', ground = NULL, reason = NULL;");
    let err = desk.broken(&["audit", "verify"]);
    assert!(
        err.contains(&format!("{r} differs from its events: the decision on the request: kind is 'done', its events say 'refused'")),
        "{err}"
    );
    assert!(
        err.contains("ground is none, its events say 'NOT_A_GDPR_REQUEST'"),
        "{err}"
    );
    // The chain itself is intact: only the replay sees it.
    assert!(!err.contains("broken at event"), "{err}");
}

#[test]
fn an_edited_request_row_is_found_by_the_replay() {
    let desk = Desk::keyed();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&[
        "extend",
        &r,
        "--reason",
        "Data in many systems",
        "--notified",
        "2025-06-02",
    ]);
    desk.ok(&["assign", &r, "jk"]);
    desk.sql(
        "UPDATE requests SET status = 'closed', is_open = 0, rights = 'access,erasure',
           rights_mask = 5, extension_notified = NULL, extension_reason = NULL,
           due_date = '2025-06-23', assignee = NULL;",
    );
    let err = desk.broken(&["audit", "verify"]);
    for want in [
        "status is 'closed', its events say 'open'",
        "rights is 'access,erasure', its events say 'access'",
        "extension notice is none, its events say '2025-06-02'",
        "extension reason is none, its events say 'Data in many systems'",
        "assignee is none, its events say 'jk'",
        "it is stored as closed, its events say open",
        "due date is '2025-06-23', its events say '2025-08-20'",
    ] {
        assert!(
            err.contains(&format!("{r} differs from its events: {want}")),
            "{want}:\n{err}"
        );
    }
}

#[test]
fn requests_written_before_replay_are_reported_apart_from_tampered_ones() {
    let desk = Desk::new();
    let old = desk.add(&["--name", "Old", "--right", "access"]);
    let new = desk.add(&["--name", "New", "--right", "access"]);
    // The first request's created event as an earlier version wrote it (no replay mark).
    desk.sql(
        "DROP TRIGGER events_no_update;
         UPDATE events SET detail = json_remove(detail, '$.replay', '$.reference', '$.objection_scope')
         WHERE id = 1;",
    );
    desk.rechain_from(1);
    let out = desk.ok(&["audit", "verify"]);
    assert!(
        out.contains(
            "1 request matches its events, 1 not replayable (written before schema version 7)"
        ),
        "{out}"
    );
    let j: serde_json::Value =
        serde_json::from_str(&desk.ok(&["audit", "verify", "--json"])).expect("json");
    assert_eq!(j["replay"]["not_replayable"][0], old.as_str());
    // An edit of the old one cannot be seen; of the new one it is.
    desk.sql("UPDATE requests SET status = 'closed', is_open = 0;");
    let err = desk.broken(&["audit", "verify"]);
    assert!(
        err.contains(&format!(
            "{new} differs from its events: status is 'closed'"
        )),
        "{err}"
    );
    assert!(!err.contains(&old), "{err}");
}
