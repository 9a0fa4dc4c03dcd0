//! A long import and other writers at once, as separate processes: the import commits in
//! short batches so other writers get in, and a writer that waits in vain is told who holds
//! the register, never SQLite's "database is locked".

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dsr_desk::store::Store;

const NOW: &str = "2026-11-25T10:00:00Z";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    /// A folder with a register in it (only `init` makes one).
    fn new() -> Desk {
        let desk = Desk {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let (code, _, err) = desk.run(&[
            "init",
            "--name",
            "ACME AS",
            "--org-number",
            "974760673",
            "--email",
            "privacy@acme.example",
        ]);
        assert_eq!(code, 0, "init: {err}");
        desk
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("desk.db")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        c.args(args)
            .env_clear()
            .env("HOME", self.dir.path())
            .env("DSR_DESK_DB", self.db())
            .env("DSR_DESK_NOW", NOW);
        c
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command(args).output().expect("run dsr-desk");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    }

    fn add(&self, name: &str) -> (i32, String, String) {
        self.run(&["add", "--name", name, "--right", "access"])
    }
}

/// An mbox of `count` small requests, each with its own Message-ID.
fn mbox(dir: &Path, count: usize) -> PathBuf {
    let mut text = String::with_capacity(count * 400);
    for i in 0..count {
        text.push_str(&format!(
            "From kari{i}@example.no Mon Nov  3 10:00:00 2025\n\
             From: Kari Nordmann {i} <kari{i}@example.no>\nTo: personvern@orinor.no\n\
             Subject: Innsyn {i}\nDate: Mon, 3 Nov 2025 10:{:02}:00 +0100\n\
             Message-ID: <lock-{i}@example.no>\n\n\
             Jeg ber om innsyn i alle personopplysninger dere har om meg.\n\n",
            i % 60
        ));
    }
    let path = dir.join("big.mbox");
    std::fs::write(&path, text).expect("mbox");
    path
}

fn wait_bounded(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let give_up = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if Instant::now() > give_up {
            let _ = child.kill();
            panic!("the import did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn other_writers_get_in_while_an_import_runs() {
    let desk = Desk::new();
    // The database exists before the two processes race for it.
    assert_eq!(desk.run(&["list"]).0, 0);
    let mbox = mbox(desk.dir.path(), 4_000);
    // Its report goes to a file: a pipe nobody reads before it ends would stall it.
    let report = desk.dir.path().join("report.json");
    let mut import = desk
        .command(&["import", "--json", &mbox.to_string_lossy()])
        .stdout(std::fs::File::create(&report).expect("report"))
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn import");
    // Wait until the import has committed a first batch, so the adds below overlap it.
    let started = Instant::now();
    loop {
        let (_, out, _) = desk.run(&["list", "--json", "--status", "all"]);
        let n = serde_json::from_str::<serde_json::Value>(&out)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len))
            .unwrap_or(0);
        if n > 0 || import.try_wait().expect("wait").is_some() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no batch came");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut during = 0;
    while import.try_wait().expect("wait").is_none() && during < 5 {
        let asked = Instant::now();
        let (code, _, err) = desk.add(&format!("Ola Writer {during}"));
        assert!(!err.contains("locked"), "{err}");
        assert_eq!(code, 0, "a writer gets in between batches: {err}");
        assert!(
            asked.elapsed() < Duration::from_secs(4),
            "it waited {:?}",
            asked.elapsed()
        );
        during += 1;
    }
    assert!(wait_bounded(&mut import, Duration::from_secs(300)).success());
    let lines: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("json");
    let created = lines
        .as_array()
        .expect("lines")
        .iter()
        .filter(|l| l["result"] == "created")
        .count();
    assert_eq!(created, 4_000);
    assert!(
        during > 0,
        "the import finished before any writer could try"
    );
    let (_, out, _) = desk.run(&["list", "--json", "--status", "all"]);
    let all: serde_json::Value = serde_json::from_str(&out).expect("list");
    assert_eq!(all.as_array().map(Vec::len), Some(4_000 + during));
}

#[test]
fn a_writer_that_waits_in_vain_is_told_an_import_is_writing() {
    let desk = Desk::new();
    let mut store = Store::open(&desk.db()).expect("store");
    let mut bulk = store.bulk("an import").expect("bulk");
    bulk.store().expect("a batch holds the write lock");
    let (code, _, err) = desk.add("Ola Waiting");
    assert_ne!(code, 0);
    assert!(
        err.contains("an import is writing; try again in a moment"),
        "{err}"
    );
    assert!(!err.contains("locked"), "{err}");
    drop(bulk);
    assert_eq!(desk.add("Ola After").0, 0, "the lock is free again");
}

#[test]
fn a_holder_that_died_is_not_named() {
    let desk = Desk::new();
    drop(Store::open(&desk.db()).expect("create"));
    let mut child = Command::new("true").spawn().expect("spawn");
    let dead = child.id();
    child.wait().expect("wait");
    let conn = rusqlite::Connection::open(desk.db()).expect("open");
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('long_writer', ?1)",
        [format!(
            r#"{{"what":"an import","pid":{dead},"started":1}}"#
        )],
    )
    .expect("a holder row left by a crashed import");
    conn.execute_batch("BEGIN IMMEDIATE")
        .expect("hold the lock");
    let (code, _, err) = desk.add("Ola Waiting");
    assert_ne!(code, 0);
    assert!(
        err.contains("another dsr-desk is writing; try again in a moment"),
        "{err}"
    );
    assert!(!err.contains("import") && !err.contains("locked"), "{err}");
    conn.execute_batch("ROLLBACK").expect("release");
}

/// The batch timing at 40,000 messages: `cargo test --test import_locks -- --ignored
/// --nocapture` prints it. Ignored by default: it takes a minute in a debug build.
#[test]
#[ignore]
fn batches_stay_short_at_forty_thousand_messages() {
    let desk = Desk::new();
    let mbox = mbox(desk.dir.path(), 40_000);
    let mut store = Store::open(&desk.db()).expect("store");
    let now = NOW.parse().expect("now");
    let started = Instant::now();
    let mut created = 0;
    let stats = dsr_desk::importer::import_path(&mut store, &mbox, "test", now, &mut |line| {
        created += usize::from(line.result == "created");
    });
    println!(
        "40000 messages in {:?}: {} batches, the longest held the lock {:?}",
        started.elapsed(),
        stats.batches,
        stats.longest_batch
    );
    assert_eq!(created, 40_000);
    assert!(stats.longest_batch < Duration::from_secs(1), "{stats:?}");
}
