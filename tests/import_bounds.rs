//! `dsr-desk import` at its bounds, through the real binary: files that are not files,
//! endless lines, invisible characters in names, receipt times outside the GDPR's years.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const NOW: &str = "2026-11-25T10:00:00Z";

/// The binary on the register in `dir`, made with `init` the first time.
fn desk(dir: &Path, args: &[&str]) -> Command {
    let command = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        c.env_clear()
            .env("HOME", dir)
            .env("DSR_DESK_DB", dir.join("desk.db"))
            .env("DSR_DESK_NOW", NOW);
        c
    };
    if !dir.join("desk.db").exists() {
        let init = command()
            .args(["init", "--name", "ACME AS", "--org-number", "974760673"])
            .args(["--email", "privacy@acme.example"])
            .output()
            .expect("init");
        assert!(
            init.status.success(),
            "{}",
            String::from_utf8_lossy(&init.stderr)
        );
    }
    let mut c = command();
    c.args(args);
    c
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = desk(dir, args).output().expect("run");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn import(dir: &Path, path: &Path) -> Vec<Value> {
    match json(dir, &["import", "--json", &path.to_string_lossy()]) {
        Value::Array(lines) => lines,
        other => panic!("{other}"),
    }
}

fn shown(dir: &Path, line: &Value) -> Value {
    json(dir, &["show", line["ref"].as_str().expect("ref"), "--json"])
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("mail.eml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let mut child = desk(dir.path(), &["import", "--json", &fifo.to_string_lossy()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let give_up = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > give_up {
            let _ = child.kill();
            panic!("import waited on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(1));
    let lines: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(lines[0]["result"], "failed");
    assert!(
        lines[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("not a regular file")),
        "{lines}"
    );
}

#[test]
fn a_message_with_an_endless_line_is_refused_and_the_others_come_in() {
    let dir = tempfile::tempdir().expect("dir");
    let head = |i: usize| {
        format!(
            "From kari{i}@example.no Mon Nov  3 10:00:00 2025\nFrom: Kari {i} <kari{i}@example.no>\n\
             Subject: Innsyn\nDate: Mon, 3 Nov 2025 10:00:00 +0100\nMessage-ID: <long-{i}@example.no>\n\n\
             Jeg ber om innsyn.\n"
        )
    };
    let long = "x".repeat(1024 * 1024 + 10);
    let mbox = format!("{}{long}\n{}", head(1), head(2));
    let path = dir.path().join("long.mbox");
    std::fs::write(&path, mbox).expect("mbox");
    let lines = import(dir.path(), &path);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["result"], "failed");
    assert!(
        lines[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("a line is over the 1 MB limit")),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1]["result"], "created");
    // The same rule for a single .eml.
    let eml = dir.path().join("long.eml");
    std::fs::write(&eml, format!("From: a@example.no\nSubject: x\n\n{long}\n")).expect("eml");
    let lines = import(dir.path(), &eml);
    assert!(
        lines[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("line is over")),
        "{}",
        lines[0]
    );
}

#[test]
fn names_lose_invisible_characters_at_intake() {
    let dir = tempfile::tempdir().expect("dir");
    let eml = dir.path().join("invisible.eml");
    // =E2=80=8B is U+200B, =E2=80=AE U+202E, =EF=BB=BF U+FEFF.
    std::fs::write(
        &eml,
        "From: =?utf-8?q?=EF=BB=BFKari=E2=80=8B_Nord=E2=80=AEmann?= <kari@example.no>\n\
         Subject: Innsyn\nDate: Mon, 3 Nov 2025 10:00:00 +0100\nMessage-ID: <inv@example.no>\n\n\
         Jeg ber om innsyn.\n",
    )
    .expect("eml");
    let csv = dir.path().join("form.csv");
    std::fs::write(
        &csv,
        "name,email,request type,submitted at\n\u{feff}Per\u{200b} Ha\u{202e}nsen,per@example.no,innsyn,2025-11-03 10:00\n",
    )
    .expect("csv");
    for (path, name) in [(&eml, "Kari Nordmann"), (&csv, "Per Hansen")] {
        let lines = import(dir.path(), path);
        assert_eq!(lines[0]["result"], "created", "{}", lines[0]);
        assert_eq!(shown(dir.path(), &lines[0])["requester"]["name"], name);
    }
}

#[test]
fn form_receipts_outside_the_gdpr_years_fall_back_with_a_note() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("form.csv");
    std::fs::write(
        &csv,
        "name,email,request type,submitted at\n\
         Ola Early,ola@example.no,innsyn,2018-05-01 10:00\n\
         Ola Late,late@example.no,innsyn,2027-01-01 10:00\n\
         Ola Fine,fine@example.no,innsyn,2025-11-03 10:00\n",
    )
    .expect("csv");
    let lines = import(dir.path(), &csv);
    let received = |i: usize| {
        let s = shown(dir.path(), &lines[i]);
        (
            s["received"].as_str().unwrap_or_default().to_string(),
            s.to_string(),
        )
    };
    for (i, why) in [(0, "before the GDPR applied"), (1, "in the future")] {
        let (at, all) = received(i);
        assert!(
            !at.starts_with("2018-05-01") && !at.starts_with("2027"),
            "{at}"
        );
        assert!(all.contains(why), "{all}");
    }
    assert!(received(2).0.starts_with("2025-11-03"), "{}", received(2).1);
}
