//! Kills the real binary at random moments while it changes the customer database (erasure,
//! rectification, restriction, a marketing objection, the end of legal holds), runs a
//! command that finishes what was interrupted, and checks that the customer data changed if
//! and only if the register records the change, once.
//!
//! `DSR_DESK_CRASH_PAUSE_MS` (test only) makes the binary wait before each step of a change
//! and after the last, so that random delays up to the operation's own duration land in
//! every window: before the intent, between the intent and the customer commit, between that
//! and the events, after the events.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const NOW: &str = "2025-11-20T10:00:00Z";
/// Every legal hold of the demo has ended by then.
const LATER: &str = "2040-06-01T10:00:00Z";
const PAUSE_MS: &str = "40";
const KILLS_PER_OPERATION: usize = 16;
const FILES: [&str; 3] = ["demo.db", "demo-customers.db", "demo-datamap.toml"];

struct Operation {
    name: &'static str,
    now: &'static str,
    args: &'static [&'static str],
    /// The event kind that records the change.
    kind: &'static str,
}

const OPERATIONS: &[Operation] = &[
    Operation {
        name: "erase",
        now: NOW,
        args: &["erase", "DSR-2025-0006", "--yes"],
        kind: "erased",
    },
    Operation {
        name: "rectify",
        now: NOW,
        args: &[
            "rectify",
            "DSR-2025-0010",
            "--customer",
            "6",
            "--table",
            "contact_details",
            "--field",
            "street",
            "--value",
            "Storgata 1",
        ],
        kind: "rectified",
    },
    Operation {
        name: "restrict",
        now: NOW,
        args: &["restrict", "DSR-2025-0015"],
        kind: "restricted",
    },
    Operation {
        name: "object",
        now: NOW,
        args: &["object", "DSR-2025-0009"],
        kind: "marketing-stopped",
    },
    Operation {
        name: "retention --run",
        now: LATER,
        args: &["retention", "--run"],
        kind: "retention-ended",
    },
];

fn command(dir: &Path, now: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
    c.args(["--db", "demo.db"])
        .args(args)
        .current_dir(dir)
        .env("DSR_DESK_NOW", now)
        .env("DSR_DESK_CONFIG", dir.join("no-config.toml"))
        .env_remove("DSR_DESK_DB")
        .env_remove("DSR_DESK_CRASH_PAUSE_MS");
    c
}

fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let out = command(dir, now, args).output().expect("run dsr-desk");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// splitmix64: a seeded generator, so that a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Whether any table's rows in `dir`'s customer database differ from `base`'s, the desk's
/// intent markers aside: compared inside SQLite, row by row with their rowids.
fn customer_data_changed(dir: &Path, base: &Path) -> bool {
    let conn = Connection::open(dir.join("demo-customers.db")).expect("customer db");
    conn.execute(
        "ATTACH DATABASE ?1 AS base",
        [base.join("demo-customers.db").display().to_string()],
    )
    .expect("attach");
    let tables = |schema: &str| -> Vec<(String, bool)> {
        conn.prepare(&format!(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM {schema}.sqlite_schema
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'dsr_intents_done'
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        ))
        .expect("tables")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables")
    };
    let mine = tables("main");
    if mine != tables("base") {
        return true;
    }
    mine.iter().any(|(t, without_rowid)| {
        let cols = if *without_rowid { "*" } else { "rowid, *" };
        let one_way = |a: &str, b: &str| {
            format!("SELECT {cols} FROM {a}.\"{t}\" EXCEPT SELECT {cols} FROM {b}.\"{t}\"")
        };
        conn.query_row(
            &format!(
                "SELECT EXISTS ({}) OR EXISTS ({})",
                one_way("main", "base"),
                one_way("base", "main")
            ),
            [],
            |r| r.get::<_, bool>(0),
        )
        .expect("compare")
    })
}

/// (events of `kind`, `interrupted` events, pending intents, the state of the newest intent
/// after the first `known` ones, if any).
fn register(dir: &Path, kind: &str, known: i64) -> (i64, i64, i64, Option<String>) {
    let conn = Connection::open(dir.join("demo.db")).expect("register");
    let count =
        |sql: &str, p: &str| -> i64 { conn.query_row(sql, [p], |r| r.get(0)).expect("count") };
    let events = count("SELECT count(*) FROM events WHERE kind = ?1", kind);
    let interrupted = count("SELECT count(*) FROM events WHERE kind = ?1", "interrupted");
    let pending = count("SELECT count(*) FROM intents WHERE state = ?1", "pending");
    let state = conn
        .query_row(
            "SELECT state FROM intents WHERE id > ?1 ORDER BY id DESC LIMIT 1",
            [known],
            |r| r.get(0),
        )
        .ok();
    (events, interrupted, pending, state)
}

fn copy_base(base: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for f in FILES {
        std::fs::copy(base.join(f), to.join(f)).expect("copy");
        for side in ["-wal", "-shm"] {
            let from = base.join(format!("{f}{side}"));
            if from.exists() {
                std::fs::copy(&from, to.join(format!("{f}{side}"))).expect("copy");
            }
        }
    }
}

#[test]
fn a_change_killed_at_any_moment_is_recorded_if_and_only_if_it_was_made() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().expect("dir");
    let base = tmp.path().join("base");
    std::fs::create_dir_all(&base).expect("dir");
    ok(&base, NOW, &["demo", "--customers", "3000"]);
    for (reference, customer) in [
        ("DSR-2025-0006", "3"),
        ("DSR-2025-0010", "6"),
        ("DSR-2025-0009", "5"),
        ("DSR-2025-0015", "9"),
    ] {
        ok(&base, NOW, &["link", reference, customer]);
    }
    // The demo's own erasures went through intents too.
    let known: i64 = Connection::open(base.join("demo.db"))
        .and_then(|c| c.query_row("SELECT ifnull(max(id), 0) FROM intents", [], |r| r.get(0)))
        .expect("intents");

    let mut rng = Rng(0x5eed_2025_1120);
    let mut states: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kills = 0;
    for (o, op) in OPERATIONS.iter().enumerate() {
        let (events_before, _, _, _) = register(&base, op.kind, known);
        // Uninterrupted, with the pauses: the change is made and recorded, and its run
        // time is the range the kills are drawn from.
        let clean = tmp.path().join(format!("clean-{o}"));
        copy_base(&base, &clean);
        let t = Instant::now();
        let out = command(&clean, op.now, op.args)
            .env("DSR_DESK_CRASH_PAUSE_MS", PAUSE_MS)
            .output()
            .expect("run");
        let duration = t.elapsed();
        assert!(
            out.status.success(),
            "{}: {}",
            op.name,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            customer_data_changed(&clean, &base),
            "{} changes data",
            op.name
        );
        let (events_clean, _, _, _) = register(&clean, op.kind, known);
        let recorded_once = events_clean - events_before;
        assert!(recorded_once > 0, "{} is recorded", op.name);

        for k in 0..KILLS_PER_OPERATION {
            let dir = tmp.path().join(format!("kill-{o}-{k}"));
            copy_base(&base, &dir);
            let delay = Duration::from_micros(rng.below(duration.as_micros() as u64));
            let mut child = command(&dir, op.now, op.args)
                .env("DSR_DESK_CRASH_PAUSE_MS", PAUSE_MS)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn");
            std::thread::sleep(delay);
            // SIGKILL: nothing of the process runs after it.
            let _ = child.kill();
            let _ = child.wait();
            kills += 1;
            let state = register(&dir, op.kind, known).3;

            // The next command finishes what was interrupted.
            let verified = if k % 2 == 0 {
                ok(&dir, op.now, &["audit", "verify"])
            } else {
                ok(&dir, op.now, &["list", "--status", "all"]);
                ok(&dir, op.now, &["audit", "verify"])
            };
            assert!(verified.contains("intact"), "{verified}");

            let changed = customer_data_changed(&dir, &base);
            let (events, interrupted, pending, _) = register(&dir, op.kind, known);
            let recorded = events - events_before;
            assert_eq!(pending, 0, "{} kill {k}: nothing left pending", op.name);
            assert_eq!(
                recorded,
                if changed { recorded_once } else { 0 },
                "{} killed after {delay:?} (intent {state:?}): data changed = {changed}, but {recorded} events",
                op.name
            );
            let label = match state.as_deref() {
                None => "killed before its intent",
                Some("pending") if changed => "completed on recovery",
                Some("pending") => "recorded as not carried out",
                Some("done") => "finished before the kill",
                Some(other) => panic!("unexpected intent state {other}"),
            };
            let expect_note = state.as_deref() == Some("pending");
            assert_eq!(
                interrupted > 0,
                expect_note,
                "{} kill {k} ({label}): the timeline says it was interrupted",
                op.name
            );
            *states.entry(label).or_default() += 1;
            std::fs::remove_dir_all(&dir).expect("clean up");
        }
    }
    eprintln!("{kills} kills in {:?}: {states:?}", started.elapsed());
    assert!(kills >= 50);
    for label in [
        "killed before its intent",
        "completed on recovery",
        "recorded as not carried out",
        "finished before the kill",
    ] {
        assert!(
            states.get(label).copied().unwrap_or(0) > 0,
            "no kill landed {label}: {states:?}"
        );
    }
}
