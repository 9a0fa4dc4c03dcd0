//! The command line end to end: the real binary against a temporary database, with the
//! clock fixed (`DSR_DESK_NOW` / `--now`) so that every date below is deterministic.
//!
//! Each test gets its own folder, its own HOME and no inherited environment, so nothing
//! here reads or writes the files of the person running the tests.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;

/// "Today" for most tests: Monday 2 June 2025, 12:00 in Oslo.
const NOW: &str = "2025-06-02T10:00:00Z";

/// Every refusal ground code of legal-rules.md §3.
const GROUNDS: [&str; 16] = [
    "ID_UNVERIFIED",
    "CANNOT_IDENTIFY",
    "NO_AUTHORITY_AGENT",
    "MANIFESTLY_UNFOUNDED",
    "MANIFESTLY_EXCESSIVE",
    "RIGHTS_OF_OTHERS",
    "NATIONAL_RESTRICTION",
    "PORTABILITY_NOT_APPLICABLE",
    "ERASURE_NO_GROUND",
    "ERASURE_LEGAL_OBLIGATION",
    "ERASURE_LEGAL_CLAIMS",
    "ERASURE_OTHER_EXCEPTION",
    "RECTIFICATION_DATA_ACCURATE",
    "RESTRICTION_CONDITIONS_NOT_MET",
    "OBJECTION_COMPELLING_GROUNDS",
    "NOT_A_GDPR_REQUEST",
];

/// The worked vectors of legal-rules.md §1 (received, deadline, extended deadline), from the
/// one table the unit tests and the command-line tests share.
fn vectors() -> Vec<(&'static str, &'static str, &'static str)> {
    include_str!("../assets/legal-vectors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let mut next = || f.next().expect("three columns");
            (next(), next(), next())
        })
        .collect()
}

/// What one run of the binary left behind.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stdout.contains("panicked") && !run.stderr.contains("panicked"),
            "dsr-desk panicked: {run:?}"
        );
        assert!(run.code >= 0, "dsr-desk was killed by a signal: {run:?}");
        run
    }

    /// The one line on stderr of a failed command (asserting it is exactly one).
    fn error_line(&self) -> &str {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "want one line on stderr, got {:?}",
            self.stderr
        );
        assert!(
            lines[0].starts_with("dsr-desk: "),
            "stderr should name the program: {:?}",
            lines[0]
        );
        assert!(
            !self.stderr.contains('\u{1b}'),
            "raw escape on stderr: {:?}",
            self.stderr
        );
        lines[0]
    }
}

/// A desk in its own temporary folder.
struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
}

/// The controller every test register is made for (`init`).
const INIT: [&str; 7] = [
    "init",
    "--name",
    "ACME AS",
    "--org-number",
    "974760673",
    "--email",
    "privacy@acme.no",
];

impl Desk {
    /// A desk on a new register, made with `init`: on the PostgreSQL test server when
    /// `DSR_DESK_TEST_POSTGRES` names one (so these tests run on both engines), else in a
    /// file.
    fn new() -> Desk {
        let desk = match common::cli::postgres_scratch("cli") {
            Some(address) => Desk {
                dir: tempfile::tempdir().expect("temp dir"),
                db: PathBuf::from(address),
            },
            None => Desk::empty(),
        };
        desk.ok(&INIT);
        desk
    }

    /// A desk on a new register in a file, for what only a file has (permissions, bytes).
    fn new_file() -> Desk {
        let desk = Desk::empty();
        desk.ok(&INIT);
        desk
    }

    fn on_postgres(&self) -> bool {
        self.db.to_string_lossy().starts_with("postgres")
    }

    /// Runs SQL on the register behind the desk's back: `sqlite` on a file, `postgres` on
    /// the server.
    fn behind_its_back(&self, sqlite: &str, postgres: &str) -> Result<(), String> {
        common::cli::behind_its_back(&self.db.to_string_lossy(), sqlite, postgres)
    }

    /// A desk whose register does not exist yet.
    fn empty() -> Desk {
        Desk::at(tempfile::tempdir().expect("temp dir"))
    }

    /// A desk (with no register yet) in memory-backed storage where there is some: for
    /// tests that commit thousands of transactions, each of which a disk would have to sync.
    fn in_ram() -> Desk {
        match tempfile::tempdir_in("/dev/shm") {
            Ok(dir) => Desk::at(dir),
            Err(_) => Desk::empty(),
        }
    }

    fn at(dir: tempfile::TempDir) -> Desk {
        let db = dir.path().join("data").join("requests.db");
        Desk { dir, db }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with a clean environment: its own HOME, a fixed clock and user, no config.
    fn bare_command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("USER", "tester")
            .env("DSR_DESK_NOW", NOW)
            .env("DSR_DESK_CONFIG", self.path("config.toml"))
            .current_dir(self.dir.path());
        c
    }

    /// The binary on this desk's database.
    fn command(&self) -> Command {
        let mut c = self.bare_command();
        c.arg("--db").arg(&self.db);
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("run dsr-desk"))
    }

    /// Runs a command that must succeed and returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "dsr-desk {args:?} failed: {run:?}");
        run.stdout
    }

    /// Runs a command that must fail with `code` and one line on stderr; returns that line.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let run = self.run(args);
        assert_eq!(run.code, code, "dsr-desk {args:?}: {run:?}");
        run.error_line().to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} gave no JSON ({e}): {out}"))
    }

    fn show(&self, reference: &str) -> Value {
        self.json(&["show", reference, "--json"])
    }

    /// `add` with these arguments; returns the printed reference.
    fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        let reference = out.trim().to_string();
        assert_eq!(out.lines().count(), 1, "add prints one line: {out:?}");
        reference
    }

    /// The references `list` prints as JSON, in order.
    fn list(&self, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        refs(&self.json(&all))
    }

    fn event_count(&self) -> u64 {
        self.json(&["audit", "verify", "--json"])["events"]
            .as_u64()
            .expect("event count")
    }

    fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open the database directly")
    }
}

fn refs(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|r| r["ref"].as_str().expect("ref").to_string())
        .collect()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Whether this process can write a file whose mode forbids it (root can).
fn permissions_enforced(read_only_file: &Path) -> bool {
    fs::OpenOptions::new()
        .append(true)
        .open(read_only_file)
        .is_err()
}

#[test]
fn add_prints_a_reference_and_show_json_has_every_documented_field() {
    let desk = Desk::new();
    let first = desk.add(&[
        "--name",
        "Kari Nordmann",
        "--email",
        "kari@example.no",
        "--phone",
        "+47 912 34 567",
        "--right",
        "access",
        "--right",
        "erasure",
        "--received",
        "2025-05-20",
        "--channel",
        "letter",
        "--text",
        "Jeg ber om innsyn og sletting.",
    ]);
    assert_eq!(first, "DSR-2025-0001");
    let second = desk.add(&["--name", "Ola", "--right", "portability"]);
    assert_eq!(second, "DSR-2025-0002", "references count up per year");

    let r = desk.show(&first);
    assert_eq!(r["ref"], "DSR-2025-0001");
    // A bare date is taken as noon in Oslo (10:00 UTC in summer), stored as RFC 3339.
    assert_eq!(r["received"], "2025-05-20T10:00:00Z");
    let received = r["received"].as_str().expect("received");
    assert!(chrono::DateTime::parse_from_rfc3339(received).is_ok());
    assert_eq!(r["due"], "2025-06-20");
    let due = r["due"].as_str().expect("due");
    assert!(
        due.len() == 10 && due.parse::<chrono::NaiveDate>().is_ok(),
        "due is YYYY-MM-DD: {due}"
    );
    assert_eq!(r["status"], "open");
    assert_eq!(r["rights"], serde_json::json!(["access", "erasure"]));
    assert_eq!(
        r["requester"],
        serde_json::json!({"name": "Kari Nordmann", "email": "kari@example.no", "phone": "+47 912 34 567"})
    );
    assert_eq!(r["channel"], "letter");
    for null in ["outcome", "refusal_ground", "reason", "message_id"] {
        assert!(r.get(null).is_some(), "show --json lacks {null}");
        assert!(r[null].is_null(), "{null} should be null: {}", r[null]);
    }
    assert_eq!(r["original_text"], "Jeg ber om innsyn og sletting.");
    assert_eq!(r["events"][0]["kind"], "created");
    assert_eq!(r["events"][0]["actor"], "tester");

    // Without --received the request is received now; without e-mail and phone they are null.
    let o = desk.show(&second);
    assert_eq!(o["received"], NOW);
    assert_eq!(o["due"], "2025-07-02");
    assert_eq!(o["channel"], "email", "e-mail is the default channel");
    assert!(o["requester"]["email"].is_null() && o["requester"]["phone"].is_null());

    // `add --json` prints the same document as `list --json` does for the request.
    let added = desk.json(&["add", "--name", "Åse", "--right", "rectification", "--json"]);
    assert_eq!(added["ref"], "DSR-2025-0003");
    assert_eq!(added["rights"], serde_json::json!(["rectification"]));
    assert_eq!(desk.list(&[]).len(), 3);
}

#[test]
fn receipt_date_is_the_oslo_date_and_references_follow_its_year() {
    let desk = Desk::new();
    // 23:30 UTC on 31 January is 1 February in Oslo (legal-rules.md §1).
    let r = desk.add(&[
        "--name",
        "Nils",
        "--right",
        "access",
        "--received",
        "2025-01-31T23:30:00Z",
    ]);
    let j = desk.show(&r);
    assert_eq!(j["received_date"], "2025-02-01");
    assert_eq!(j["due"], "2025-03-03");
    // New Year's Eve 23:30 UTC is already the new year in Oslo.
    let new_year = desk.add(&[
        "--name",
        "Nina",
        "--right",
        "access",
        "--received",
        "2024-12-31T23:30:00+00:00",
    ]);
    assert_eq!(new_year, "DSR-2025-0002");
    let old_year = desk.add(&[
        "--name",
        "Nora",
        "--right",
        "access",
        "--received",
        "2024-12-31T22:30:00Z",
    ]);
    assert_eq!(old_year, "DSR-2024-0001");
}

#[test]
fn show_explains_the_deadline_and_neutralises_escapes() {
    let desk = Desk::new();
    let r = desk.add(&[
        "--name",
        "Evil\u{1b}[2J Name",
        "--right",
        "access",
        "--received",
        "2025-03-05",
        "--text",
        "Hei\n\u{1b}]0;pwned\u{7}Slett alt",
        "--now",
        "2025-03-06T09:00:00Z",
    ]);
    let out = desk.ok(&["show", &r, "--now", "2025-03-06T09:00:00Z"]);
    for line in [
        "Received 2025-03-05",
        "+ 1 month = 2025-04-05",
        "2025-04-05 is Saturday",
        "2025-04-06 is Sunday",
        "Deadline 2025-04-07",
        "status: open   due 2025-04-07",
    ] {
        assert!(out.contains(line), "show lacks {line:?}:\n{out}");
    }
    assert!(
        !out.contains('\u{1b}'),
        "raw escape reached the terminal:\n{out}"
    );
    assert!(out.contains("Slett alt"));
}

#[test]
fn list_is_most_urgent_first_and_filters_by_status() {
    let desk = Desk::new();
    // Added out of deadline order, so that the order below is the queue's doing.
    let c = desk.add(&[
        "--name",
        "C",
        "--right",
        "erasure",
        "--received",
        "2025-05-20",
    ]);
    let d = desk.add(&[
        "--name",
        "D",
        "--right",
        "access",
        "--received",
        "2025-05-05",
    ]);
    let a = desk.add(&[
        "--name",
        "A",
        "--right",
        "access",
        "--received",
        "2025-04-22",
    ]);
    let b = desk.add(&[
        "--name",
        "B",
        "--right",
        "access",
        "--right",
        "portability",
        "--received",
        "2025-05-02",
    ]);
    let e = desk.add(&[
        "--name",
        "E",
        "--right",
        "access",
        "--received",
        "2025-05-10",
    ]);
    let f = desk.add(&[
        "--name",
        "F",
        "--right",
        "objection",
        "--received",
        "2025-05-01",
    ]);
    desk.ok(&["extend", &d, "--reason", "Data in many systems"]);
    desk.ok(&["close", &e, "--answered", "--now", "2025-06-01T10:00:00Z"]);
    desk.ok(&["close", &f, "--answered"]);

    // Open: by deadline in force. A 2025-05-22 (overdue), B 2025-06-02 (today),
    // C 2025-06-20, D extended to 2025-08-05.
    assert_eq!(
        desk.list(&[]),
        [a.as_str(), b.as_str(), c.as_str(), d.as_str()]
    );
    assert_eq!(
        desk.list(&["--status", "open"]),
        [a.as_str(), b.as_str(), c.as_str(), d.as_str()]
    );
    assert_eq!(desk.list(&["--status", "overdue"]), [a.as_str()]);
    // Closed: most recently closed first.
    assert_eq!(desk.list(&["--status", "closed"]), [f.as_str(), e.as_str()]);
    assert_eq!(
        desk.list(&["--status", "all"]),
        [
            a.as_str(),
            b.as_str(),
            c.as_str(),
            d.as_str(),
            f.as_str(),
            e.as_str()
        ]
    );
    assert_eq!(desk.list(&["--status", "extended"]), [d.as_str()]);
    assert_eq!(desk.list(&["--right", "erasure"]), [c.as_str()]);
    assert_eq!(
        desk.list(&["--status", "all", "--right", "access"]),
        [a.as_str(), b.as_str(), d.as_str(), e.as_str()]
    );

    let open = desk.json(&["list", "--json"]);
    assert_eq!(open[0]["due"], "2025-05-22");
    assert_eq!(open[0]["overdue"], true);
    assert_eq!(open[1]["overdue"], false);
    assert_eq!(open[3]["due"], "2025-08-05");

    // The text form: one tab-separated line per request with its countdown.
    let text = desk.ok(&["list"]);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        [
            a.as_str(),
            "2025-04-22",
            "2025-05-22",
            "11 d overdue",
            "A",
            "access"
        ]
    );
    assert_eq!(lines[1][3], "today");
    assert_eq!(lines[1][5], "access, portability");
    let closed = desk.ok(&["list", "--status", "closed"]);
    assert!(
        closed
            .lines()
            .all(|l| l.split('\t').nth(3) == Some("answered"))
    );
}

#[test]
fn list_pages_through_more_than_a_thousand_requests() {
    let desk = Desk::in_ram();
    desk.ok(&["demo", "--requests", "1100"]);
    let all = desk.json(&["list", "--status", "all", "--json"]);
    let rows = all.as_array().expect("array");
    assert_eq!(rows.len(), 1116);
    let mut unique = refs(&all);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 1116, "a request was listed twice");
    // Open ones first by deadline, then closed ones, most recently closed first.
    let split = rows
        .iter()
        .position(|r| r["status"] == "closed")
        .expect("some closed");
    assert!(rows[split..].iter().all(|r| r["status"] == "closed"));
    let dues: Vec<&str> = rows[..split]
        .iter()
        .map(|r| r["due"].as_str().expect("due"))
        .collect();
    assert!(
        dues.windows(2).all(|w| w[0] <= w[1]),
        "open not by deadline"
    );
    let closed_at: Vec<&str> = rows[split..]
        .iter()
        .map(|r| r["closed_at"].as_str().expect("closed_at"))
        .collect();
    assert!(
        closed_at.windows(2).all(|w| w[0] >= w[1]),
        "closed not newest first"
    );
    assert_eq!(desk.ok(&["list", "--status", "all"]).lines().count(), 1116);
}

#[test]
fn close_decides_each_right_and_derives_the_outcome() {
    let desk = Desk::new();
    let add = |rights: &[&str]| {
        let mut args = vec!["--name", "Per", "--received", "2025-05-20"];
        for r in rights {
            args.extend_from_slice(&["--right", r]);
        }
        desk.add(&args)
    };

    let answered = add(&["access"]);
    let out = desk.ok(&["close", &answered, "--answered"]);
    assert_eq!(
        out.trim(),
        format!("{answered}: Decided access: done - closed as answered")
    );
    let j = desk.show(&answered);
    assert_eq!(
        (&j["status"], &j["outcome"]),
        (&"closed".into(), &"answered".into())
    );
    assert!(j["refusal_ground"].is_null() && j["reason"].is_null());

    // --erased on access + erasure: erasure carried out, access answered: erased.
    let erased = add(&["access", "erasure"]);
    // Closing as erased states a fact: here the search found nothing to erase.
    let nothing = desk.fails(&["close", &erased, "--erased"], 1);
    assert!(nothing.contains("no erasure was carried out"), "{nothing}");
    desk.ok(&["no-data", &erased, "--searched", "customer database"]);
    desk.ok(&["close", &erased, "--erased"]);
    let j = desk.show(&erased);
    assert_eq!(j["outcome"], "erased");
    assert_eq!(j["decisions"].as_array().expect("decisions").len(), 2);

    // A request that names no right is decided as a whole.
    let triage = add(&[]);
    assert_eq!(desk.show(&triage)["needs_triage"], true);
    desk.ok(&[
        "close",
        &triage,
        "--refused",
        "NOT_A_GDPR_REQUEST",
        "--reason",
        "A complaint about a late delivery",
    ]);
    let j = desk.show(&triage);
    assert_eq!(j["outcome"], "refused");
    assert_eq!(j["refusal_ground"], "NOT_A_GDPR_REQUEST");
    assert_eq!(j["reason"], "A complaint about a late delivery");

    // Per right: access answered now, erasure partly refused later: partial.
    let partial = add(&["access", "erasure"]);
    desk.ok(&["close", &partial, "--right", "access", "--answered"]);
    let j = desk.show(&partial);
    assert_eq!(j["status"], "open", "erasure is still undecided");
    assert!(j["outcome"].is_null());
    desk.ok(&[
        "close",
        &partial,
        "--right",
        "erasure",
        "--partial",
        "ERASURE_LEGAL_OBLIGATION",
        "--reason",
        "Sales records are kept until 2030-12-31 (bokføringsloven § 13)",
        "--until",
        "2030-12-31",
    ]);
    let j = desk.show(&partial);
    assert_eq!(j["status"], "closed");
    assert_eq!(j["outcome"], "partial");
    assert_eq!(j["refusal_ground"], "ERASURE_LEGAL_OBLIGATION");
    assert_eq!(
        j["reason"],
        "Sales records are kept until 2030-12-31 (bokføringsloven § 13)"
    );
    let kinds: Vec<(&str, &str)> = j["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| {
            (
                d["right"].as_str().expect("right"),
                d["decision"].as_str().expect("decision"),
            )
        })
        .collect();
    assert_eq!(kinds, [("access", "done"), ("erasure", "partial")]);
    assert_eq!(j["decisions"][1]["basis"], "Art. 17(3)(b)");

    // One refusal for every right asked for: refused.
    let refused = add(&["access", "portability"]);
    desk.ok(&[
        "close",
        &refused,
        "--refused",
        "MANIFESTLY_EXCESSIVE",
        "--reason",
        "The fourth identical request this month",
    ]);
    assert_eq!(desk.show(&refused)["outcome"], "refused");

    // Erasure refused on its own, then the rest answered without --right: partial.
    let mixed = add(&["access", "erasure"]);
    desk.ok(&[
        "close",
        &mixed,
        "--right",
        "erasure",
        "--refused",
        "ERASURE_LEGAL_CLAIMS",
        "--reason",
        "Pending court case",
    ]);
    desk.ok(&["close", &mixed, "--answered"]);
    let j = desk.show(&mixed);
    assert_eq!(j["outcome"], "partial");
    assert_eq!(j["decisions"][1]["right"], "access");

    let outcomes: Vec<Value> = desk
        .json(&["list", "--status", "closed", "--json"])
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["outcome"].clone())
        .collect();
    assert_eq!(outcomes.len(), 6);
    assert!(outcomes.iter().all(|o| o.is_string()));
}

#[test]
fn close_rejects_bad_decisions_and_writes_nothing() {
    let desk = Desk::new();
    let access = desk.add(&["--name", "Per", "--right", "access"]);
    let both = desk.add(&["--name", "Pia", "--right", "access", "--right", "erasure"]);
    let events = desk.event_count();

    let unknown = desk.fails(
        &["close", &access, "--refused", "TOO_BUSY", "--reason", "x"],
        1,
    );
    assert!(
        unknown.contains("unknown refusal ground 'TOO_BUSY'"),
        "{unknown}"
    );
    for code in GROUNDS {
        assert!(
            unknown.contains(code),
            "the message lacks {code}: {unknown}"
        );
    }
    let no_reason = desk.fails(&["close", &access, "--refused", "MANIFESTLY_EXCESSIVE"], 1);
    assert!(no_reason.contains("--reason"), "{no_reason}");
    assert!(
        no_reason.contains("MANIFESTLY_UNFOUNDED"),
        "lists the codes: {no_reason}"
    );
    let blank = desk.fails(
        &[
            "close",
            &access,
            "--partial",
            "RIGHTS_OF_OTHERS",
            "--reason",
            "   ",
        ],
        1,
    );
    assert!(blank.contains("--reason"), "{blank}");
    let not_erasure = desk.fails(&["close", &access, "--erased"], 1);
    assert!(
        not_erasure.contains("does not ask for erasure"),
        "{not_erasure}"
    );
    let wrong_right = desk.fails(&["close", &both, "--erased", "--right", "access"], 1);
    assert!(
        wrong_right.contains("erasure right") && !wrong_right.contains("does not ask for"),
        "{wrong_right}"
    );
    let unfit = desk.fails(
        &[
            "close",
            &access,
            "--refused",
            "ERASURE_NO_GROUND",
            "--reason",
            "x",
        ],
        1,
    );
    assert!(unfit.contains("cannot refuse access"), "{unfit}");
    let not_asked = desk.fails(
        &["close", &access, "--right", "portability", "--answered"],
        1,
    );
    assert!(
        not_asked.contains("does not ask for portability"),
        "{not_asked}"
    );
    let bad_right = desk.fails(&["close", &access, "--right", "deletion", "--answered"], 1);
    assert!(
        bad_right.contains("unknown right 'deletion'"),
        "{bad_right}"
    );
    // No verdict at all is a usage error.
    assert_eq!(desk.run(&["close", &access]).code, 2);
    // The help the --refused option points to lists the codes.
    let help = desk.ok(&["close", "--help"]);
    for code in GROUNDS {
        assert!(help.contains(code), "close --help lacks {code}");
    }

    // Nothing of the above was written.
    assert_eq!(desk.event_count(), events);
    for r in [&access, &both] {
        let j = desk.show(r);
        assert_eq!(j["status"], "open");
        assert_eq!(j["decisions"], serde_json::json!([]));
    }

    // Deciding what is already decided is refused too.
    desk.ok(&["close", &access, "--answered"]);
    let again = desk.fails(&["close", &access, "--answered"], 1);
    assert!(again.contains(&access), "{again}");
    let closed = desk.fails(&["close", &access, "--right", "access", "--answered"], 1);
    assert!(closed.contains("is closed"), "{closed}");
}

#[test]
fn extend_needs_reasons_and_a_notice_within_the_first_month() {
    let desk = Desk::new();
    // Received 17 Feb 2025: deadline 17 March, extended 17 May (a Saturday) -> 19 May.
    let r = desk.add(&[
        "--name",
        "Eva",
        "--right",
        "access",
        "--received",
        "2025-02-17",
        "--now",
        "2025-02-18T09:00:00Z",
    ]);
    let at = ["--now", "2025-03-10T09:00:00Z"];
    assert_eq!(
        desk.run(&["extend", &r, at[0], at[1]]).code,
        2,
        "--reason is required"
    );
    let blank = desk.fails(&["extend", &r, "--reason", " ", at[0], at[1]], 1);
    assert!(blank.contains("reasons"), "{blank}");
    let ahead = desk.fails(
        &[
            "extend",
            &r,
            "--reason",
            "Many systems",
            "--notified",
            "2025-03-11",
            at[0],
            at[1],
        ],
        1,
    );
    assert!(ahead.contains("is in the future"), "{ahead}");
    let late = desk.fails(
        &[
            "extend",
            &r,
            "--reason",
            "Many systems",
            "--notified",
            "2025-03-18",
            "--now",
            "2025-03-20T09:00:00Z",
        ],
        1,
    );
    assert!(
        late.contains("after the one-month deadline 2025-03-17"),
        "{late}"
    );
    let early = desk.fails(
        &[
            "extend",
            &r,
            "--reason",
            "Many systems",
            "--notified",
            "2025-02-16",
            at[0],
            at[1],
        ],
        1,
    );
    assert!(early.contains("before the request was received"), "{early}");
    assert_eq!(desk.show(&r)["due"], "2025-03-17", "nothing changed yet");

    let out = desk.ok(&[
        "extend",
        &r,
        "--reason",
        "Data in five systems",
        "--notified",
        "2025-03-17",
        "--now",
        "2025-03-17T15:00:00Z",
    ]);
    assert_eq!(out.trim(), format!("{r}: extended; due 2025-05-19"));
    let j = desk.show(&r);
    assert_eq!(j["due"], "2025-05-19");
    assert_eq!(
        j["extension"],
        serde_json::json!({"notified": "2025-03-17", "reason": "Data in five systems"})
    );
    assert_eq!(
        j["deadline"]["one_month"], "2025-03-17",
        "the hard deadline stays shown"
    );
    assert_eq!(j["deadline"]["extended"], "2025-05-19");
    assert_eq!(desk.list(&["--status", "extended"]), [r.as_str()]);
    let twice = desk.fails(&["extend", &r, "--reason", "More", at[0], at[1]], 1);
    assert!(twice.contains("already extended"), "{twice}");

    // The notice defaults to today: after the one-month deadline that is refused.
    let late_today = desk.add(&[
        "--name",
        "Tor",
        "--right",
        "access",
        "--received",
        "2025-04-17",
    ]);
    let refused = desk.fails(
        &[
            "extend",
            &late_today,
            "--reason",
            "x",
            "--now",
            "2025-05-20T09:00:00Z",
        ],
        1,
    );
    assert!(refused.contains("2025-05-19"), "{refused}");
    assert_eq!(desk.show(&late_today)["due"], "2025-05-19");
}

#[test]
fn note_adds_to_the_timeline() {
    let desk = Desk::new();
    let r = desk.add(&["--name", "Mia", "--right", "access"]);
    let out = desk.ok(&["note", &r, "Searched the CRM and the newsletter tool"]);
    assert_eq!(out.trim(), format!("{r}: note added"));
    let events = desk.show(&r)["events"].clone();
    let last = events.as_array().expect("events").last().expect("an event");
    assert_eq!(last["kind"], "note");
    assert_eq!(last["summary"], "Searched the CRM and the newsletter tool");
    assert_eq!(last["actor"], "tester");
    let empty = desk.fails(&["note", &r, "  "], 1);
    assert!(empty.contains("empty"), "{empty}");
    assert_eq!(desk.event_count(), 3, "init, created, the note");
    let text = desk.ok(&["show", &r]);
    assert!(text.contains("Searched the CRM"), "{text}");
}

#[test]
fn identity_checks_are_recorded_and_do_not_pause_the_clock_by_default() {
    let desk = Desk::new();
    let r = desk.add(&[
        "--name",
        "Ida",
        "--right",
        "access",
        "--received",
        "2025-05-20",
        "--now",
        "2025-05-20T12:00:00Z",
    ]);
    let asked_at = ["--now", "2025-05-22T10:00:00Z"];
    let no_reason = desk.fails(
        &[
            "identity",
            &r,
            "--status",
            "requested",
            asked_at[0],
            asked_at[1],
        ],
        1,
    );
    assert!(no_reason.contains("reasonable doubt"), "{no_reason}");
    let unknown = desk.fails(&["identity", &r, "--status", "maybe"], 1);
    assert!(
        unknown.contains("unknown identity status 'maybe'") && unknown.contains("verified"),
        "{unknown}"
    );
    desk.ok(&[
        "identity",
        &r,
        "--status",
        "requested",
        "--reason",
        "The e-mail address is not the one we know",
        asked_at[0],
        asked_at[1],
    ]);
    let j = desk.show(&r);
    assert_eq!(j["status"], "awaiting-identity");
    assert_eq!(j["identity"]["status"], "requested");
    assert_eq!(
        j["due"], "2025-06-20",
        "asking for ID does not stop the clock"
    );
    assert_eq!(desk.list(&["--status", "awaiting-identity"]), [r.as_str()]);

    let no_method = desk.fails(&["identity", &r, "--status", "verified"], 1);
    assert!(
        no_method.contains("how identity was checked"),
        "{no_method}"
    );
    desk.ok(&[
        "identity",
        &r,
        "--status",
        "verified",
        "--method",
        "BankID",
        "--now",
        "2025-05-29T10:00:00Z",
    ]);
    let j = desk.show(&r);
    assert_eq!(j["status"], "open");
    assert_eq!(
        j["identity"],
        serde_json::json!({"status": "verified", "method": "BankID"})
    );
    assert_eq!(j["due"], "2025-06-20", "suspension is off by default");
    assert!(j["deadline"]["adjusted_for_suspension"].is_null());
    assert!(desk.list(&["--status", "awaiting-identity"]).is_empty());
}

#[test]
fn suspension_switched_on_in_the_database_moves_the_deadline() {
    let desk = Desk::new();
    desk.add(&["--name", "Setup", "--right", "access"]);
    let suspension = |desk: &Desk| desk.ok(&["settings"]).lines().last().map(str::to_string);
    assert_eq!(suspension(&desk).as_deref(), Some("suspension\toff"));
    desk.ok(&["settings", "--suspension", "on"]);
    assert_eq!(suspension(&desk).as_deref(), Some("suspension\ton"));
    let r = desk.add(&[
        "--name",
        "Ida",
        "--right",
        "access",
        "--received",
        "2025-05-20",
    ]);
    desk.ok(&[
        "identity",
        &r,
        "--status",
        "requested",
        "--reason",
        "Unknown address",
        "--now",
        "2025-05-22T10:00:00Z",
    ]);
    assert_eq!(
        desk.show(&r)["due"],
        "2025-06-20",
        "no answer yet: hard deadline"
    );
    desk.ok(&[
        "identity",
        &r,
        "--status",
        "verified",
        "--method",
        "BankID",
        "--now",
        "2025-05-29T10:00:00Z",
    ]);
    // Seven days suspended: 20 June + 7 = 27 June (a Friday).
    let j = desk.show(&r);
    assert_eq!(j["due"], "2025-06-27");
    assert_eq!(j["deadline"]["adjusted_for_suspension"], "2025-06-27");
    assert_eq!(
        j["deadline"]["one_month"], "2025-06-20",
        "the hard deadline stays shown"
    );
    // Switching the model off recomputes the stored deadline of every open request at once
    // (the queue's order and overdue filter read it), and the change is in the audit trail.
    let out = desk.ok(&["settings", "--suspension", "off"]);
    assert!(out.contains("1 open deadlines moved"), "{out}");
    assert_eq!(desk.show(&r)["due"], "2025-06-20");
    assert!(
        desk.list(&["--status", "overdue", "--now", "2025-06-23T10:00:00Z"])
            .contains(&r),
        "overdue again by the hard deadline"
    );
    let bad = desk.fails(&["settings", "--suspension", "maybe"], 1);
    assert!(bad.contains("on or off"), "{bad}");
}

#[test]
fn deadline_prints_every_worked_vector_of_the_law() {
    let desk = Desk::empty();
    let vectors = vectors();
    assert_eq!(vectors.len(), 13);
    let dates: Vec<&str> = vectors.iter().map(|v| v.0).collect();
    let mut args = vec!["deadline"];
    args.extend(&dates);
    let want: String = vectors
        .iter()
        .map(|(r, d, _)| format!("{r}\t{d}\n"))
        .collect();
    assert_eq!(desk.ok(&args), want);

    let mut args = vec!["deadline", "--extended"];
    args.extend(&dates);
    let want: String = vectors
        .iter()
        .map(|(r, _, e)| format!("{r}\t{e}\n"))
        .collect();
    assert_eq!(desk.ok(&args), want);

    // One at a time too, and without touching any database.
    for (received, due, extended) in vectors {
        let run = Run::from(
            desk.bare_command()
                .args(["deadline", received])
                .output()
                .expect("run"),
        );
        assert_eq!(run.stdout, format!("{received}\t{due}\n"));
        let run = Run::from(
            desk.bare_command()
                .args(["deadline", "--extended", received])
                .output()
                .expect("run"),
        );
        assert_eq!(run.stdout, format!("{received}\t{extended}\n"));
    }
    assert!(!desk.db.exists(), "deadline needs no database");
    assert!(
        !desk.path(".local").exists(),
        "deadline created a data folder"
    );

    let bad = desk.fails(&["deadline", "2025-02-30"], 1);
    assert!(bad.contains("'2025-02-30' is not a date"), "{bad}");
    assert_eq!(desk.run(&["deadline"]).code, 2, "a date is required");
}

#[test]
fn audit_verify_passes_on_an_intact_trail() {
    let desk = Desk::new();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&["note", &r, "one"]);
    desk.ok(&["close", &r, "--answered"]);
    let out = desk.ok(&["audit", "verify"]);
    assert!(
        out.starts_with("audit trail intact: 4 events, head "),
        "{out}"
    );
    let j = desk.json(&["audit", "verify", "--json"]);
    assert_eq!(j["events"], 4, "init, created, note, closed");
    assert!(j["first_broken"].is_null());
    assert_eq!(j["head"].as_str().map(str::len), Some(64));
}

#[test]
fn audit_verify_names_the_event_that_was_tampered_with() {
    let desk = Desk::new();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&["note", &r, "Called her back"]);
    desk.ok(&["close", &r, "--answered"]);
    // The log refuses changes through SQL...
    let update = "UPDATE events SET summary = 'nothing' WHERE id = 2";
    let blocked = desk.behind_its_back(update, update);
    assert!(
        blocked.is_err(),
        "the append-only trigger let an update through"
    );
    assert_eq!(desk.run(&["audit", "verify"]).code, 0);
    // ...so someone with the file (or the server) drops the trigger first.
    desk.behind_its_back(
        "DROP TRIGGER events_no_update;
         UPDATE events SET summary = 'Nothing happened' WHERE id = 2;",
        "ALTER TABLE events DISABLE TRIGGER events_no_change;
         UPDATE events SET summary = 'Nothing happened' WHERE id = 2;",
    )
    .expect("tamper");
    let line = desk.fails(&["audit", "verify"], 3);
    assert!(line.contains("event 2"), "{line}");
    assert!(line.contains("altered"), "{line}");
    let run = desk.run(&["audit", "verify", "--json"]);
    assert_eq!(run.code, 3);
    let j: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(j["first_broken"][0], 2);
}

#[test]
fn audit_verify_finds_a_removed_event() {
    let desk = Desk::new();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    desk.ok(&["note", &r, "one"]);
    desk.ok(&["note", &r, "two"]);
    desk.behind_its_back(
        "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 3;",
        "ALTER TABLE events DISABLE TRIGGER events_no_change; DELETE FROM events WHERE id = 3;",
    )
    .expect("tamper");
    // Event 1 is the register's details (init), 2 the request, 3 the first note.
    let line = desk.fails(&["audit", "verify"], 3);
    assert!(line.contains("event 3 is missing"), "{line}");
}

#[test]
fn unknown_references_are_one_clear_line() {
    let desk = Desk::new();
    desk.add(&["--name", "Siv", "--right", "access"]);
    let missing = "DSR-2025-0999";
    let cases: [&[&str]; 5] = [
        &["show", missing],
        &["note", missing, "text"],
        &["close", missing, "--answered"],
        &["extend", missing, "--reason", "x"],
        &[
            "identity", missing, "--status", "verified", "--method", "BankID",
        ],
    ];
    for args in cases {
        let line = desk.fails(args, 1);
        assert_eq!(line, "dsr-desk: no request DSR-2025-0999", "{args:?}");
    }
    // Asked for JSON, the error is JSON too.
    let run = desk.run(&["show", missing, "--json"]);
    assert_eq!(run.code, 1);
    let error: Value = serde_json::from_str(run.stderr.trim()).expect("a JSON error");
    assert_eq!(error["error"], "no request DSR-2025-0999");
    // A reference is found whatever its case.
    assert_eq!(desk.show("dsr-2025-0001")["ref"], "DSR-2025-0001");
    // Terminal escapes in what was typed are not echoed raw.
    let line = desk.fails(&["show", "DSR\u{1b}]0;owned\u{7}-1\nsecond line"], 1);
    assert!(line.contains("no request"), "{line}");
}

#[test]
fn bad_input_is_one_clear_line_and_adds_nothing() {
    let desk = Desk::new();
    desk.add(&["--name", "Siv", "--right", "access"]);
    let cases: [(&[&str], &str); 9] = [
        (
            &[
                "add",
                "--name",
                "A",
                "--right",
                "access",
                "--received",
                "2025-13-01",
            ],
            "'2025-13-01' is not a date (YYYY-MM-DD) or an RFC 3339 time",
        ),
        (
            &[
                "add",
                "--name",
                "A",
                "--right",
                "access",
                "--received",
                "yesterday",
            ],
            "'yesterday' is not a date",
        ),
        (
            &[
                "add",
                "--name",
                "A",
                "--right",
                "access",
                "--received",
                "2025-07-01",
            ],
            "in the future",
        ),
        (
            &["add", "--name", "A", "--right", "deletion"],
            "unknown right 'deletion'; use one of: access, rectification, erasure, restriction, objection, portability",
        ),
        (
            &[
                "add",
                "--name",
                "A",
                "--right",
                "access",
                "--channel",
                "fax",
            ],
            "unknown channel 'fax'; use one of: email, phone, form, letter",
        ),
        (
            &["add", "--name", "  ", "--right", "access"],
            "name is empty",
        ),
        (&["list", "--right", "deletion"], "unknown right 'deletion'"),
        (&["list", "--status", "pending"], "unknown status 'pending'"),
        (&["deadline", "5 March"], "'5 March' is not a date"),
    ];
    for (args, want) in cases {
        let line = desk.fails(args, 1);
        assert!(line.contains(want), "{args:?}: {line}");
    }
    assert_eq!(
        desk.list(&["--status", "all"]).len(),
        1,
        "a failed add wrote"
    );
    // Usage errors are exit code 2, and never a panic.
    assert_eq!(desk.run(&["frobnicate"]).code, 2);
    assert_eq!(desk.run(&["add", "--right", "access"]).code, 2);
    assert_eq!(
        desk.run(&[
            "extend",
            "DSR-2025-0001",
            "--reason",
            "x",
            "--notified",
            "2025-13-40"
        ])
        .code,
        2
    );
    assert_eq!(desk.run(&["list", "--now", "not-a-time"]).code, 2);
}

#[test]
fn a_corrupt_database_is_reported_and_left_alone() {
    let desk = Desk::new_file();
    fs::create_dir_all(desk.db.parent().expect("parent")).expect("dir");
    // Deterministic noise (xorshift) rather than a real database.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..8192)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    fs::write(&desk.db, &noise).expect("write noise");
    for args in [
        &["list"][..],
        &["show", "DSR-2025-0001"],
        &["add", "--name", "A", "--right", "access"],
        &["audit", "verify"],
    ] {
        let line = desk.fails(args, 1);
        assert!(
            line.contains("is not a dsr-desk register (it is not an SQLite database)"),
            "{args:?}: {line}"
        );
        assert!(line.contains("requests.db"), "names the file: {line}");
    }
    assert_eq!(
        fs::read(&desk.db).expect("read"),
        noise,
        "the file was changed"
    );
}

#[test]
fn a_read_only_database_is_reported_and_can_still_be_read() {
    let desk = Desk::new_file();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    fs::set_permissions(&desk.db, fs::Permissions::from_mode(0o400)).expect("chmod");
    if !permissions_enforced(&desk.db) {
        eprintln!("skipped: file permissions are not enforced for this user (root)");
        return;
    }
    let line = desk.fails(&["note", &r, "text"], 1);
    assert!(line.contains("read-only"), "{line}");
    let line = desk.fails(&["add", "--name", "B", "--right", "access"], 1);
    assert!(line.contains("read-only"), "{line}");
    assert_eq!(desk.list(&[]), [r.as_str()]);
    assert_eq!(desk.show(&r)["events"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_database_from_a_newer_schema_is_refused() {
    let desk = Desk::new();
    desk.add(&["--name", "Siv", "--right", "access"]);
    desk.behind_its_back(
        "PRAGMA user_version = 99",
        "UPDATE dsr_schema SET version = 99",
    )
    .expect("set version");
    for args in [&["list"][..], &["add", "--name", "B", "--right", "access"]] {
        let line = desk.fails(args, 1);
        assert!(
            line.contains("schema version 99, newer than this dsr-desk supports"),
            "{line}"
        );
    }
    // Nothing was written: setting it again to what it was changes nothing.
    assert!(
        desk.behind_its_back(
            "SELECT 1 FROM pragma_user_version WHERE user_version = 99",
            "DO $$ BEGIN IF (SELECT version FROM dsr_schema) <> 99 THEN RAISE EXCEPTION 'touched'; END IF; END $$",
        )
        .is_ok(),
        "the newer database was touched"
    );
    if !desk.on_postgres() {
        let version: i64 = desk
            .sqlite()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 99, "the newer database was touched");
    }
}

#[test]
fn files_are_created_owner_only() {
    let desk = Desk::new();
    let db = desk.path("data/nested/requests.db");
    let run = Run::from(
        desk.bare_command()
            .arg("--db")
            .arg(&db)
            .args(INIT)
            .output()
            .expect("run"),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&desk.path("data/nested")), 0o700);
    assert_eq!(mode(&desk.path("data")), 0o700);
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "{}", side.display());
        }
    }
    let demo = desk.path("demo/demo.db");
    let run = Run::from(
        desk.bare_command()
            .arg("demo")
            .arg("--db")
            .arg(&demo)
            .output()
            .expect("run"),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(mode(&demo), 0o600);
    assert_eq!(mode(&desk.path("demo")), 0o700);
}

#[test]
fn the_database_path_comes_from_the_environment_or_the_data_folder() {
    let desk = Desk::empty();
    // DSR_DESK_DB stands in for --db.
    let via_env = desk.path("env/requests.db");
    for args in [&INIT[..], &["add", "--name", "Siv", "--right", "access"]] {
        let run = Run::from(
            desk.bare_command()
                .env("DSR_DESK_DB", &via_env)
                .args(args)
                .output()
                .expect("run"),
        );
        assert_eq!(run.code, 0, "{run:?}");
    }
    assert!(via_env.exists());
    // Without either: the XDG data folder under HOME.
    for args in [&INIT[..], &["add", "--name", "Siv", "--right", "access"]] {
        let run = Run::from(desk.bare_command().args(args).output().expect("run"));
        assert_eq!(run.code, 0, "{run:?}");
    }
    let standard = desk.path(".local/share/dsr-desk/requests.db");
    assert!(standard.exists(), "no database at {}", standard.display());
    assert_eq!(mode(&standard), 0o600);
}

#[test]
fn the_config_file_names_the_officer_and_a_broken_one_is_reported() {
    let desk = Desk::new();
    let config = desk.path("config.toml");
    fs::write(&config, "officer = \"Jon K\"\n").expect("write");
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    assert_eq!(desk.show(&r)["events"][0]["actor"], "Jon K");
    // --config beats DSR_DESK_CONFIG.
    let other = desk.path("other.toml");
    fs::write(&other, "officer = \"Kari\"\n").expect("write");
    let other_arg = other.to_str().expect("utf-8");
    desk.ok(&["note", &r, "hello", "--config", other_arg]);
    let events = desk.show(&r)["events"].clone();
    assert_eq!(events[1]["actor"], "Kari");

    fs::write(&config, "officer = [").expect("write");
    let line = desk.fails(&["list"], 1);
    assert!(
        line.contains("config.toml") && line.contains("not valid"),
        "{line}"
    );
}

#[test]
fn demo_has_overdue_due_today_and_extended_requests_on_any_day() {
    // Two working days a year and a half apart: the demo is dated relative to today.
    for now in [NOW, "2026-12-24T08:00:00Z"] {
        let desk = Desk::empty();
        let mut demo = desk.command();
        demo.env("DSR_DESK_NOW", now).arg("demo");
        let run = Run::from(demo.output().expect("run"));
        assert_eq!(run.code, 0, "{run:?}");
        assert!(
            run.stdout.starts_with("demo database with 16 requests at "),
            "{run:?}"
        );

        let mut list = desk.command();
        list.env("DSR_DESK_NOW", now).arg("list");
        let text = Run::from(list.output().expect("run")).stdout;
        let countdowns: Vec<&str> = text.lines().filter_map(|l| l.split('\t').nth(3)).collect();
        assert!(
            countdowns.iter().any(|c| c.ends_with("overdue")),
            "{now}:\n{text}"
        );
        assert!(countdowns.contains(&"today"), "{now}:\n{text}");

        let status = |s: &str| {
            let mut c = desk.command();
            c.env("DSR_DESK_NOW", now)
                .args(["list", "--json", "--status", s]);
            let out = Run::from(c.output().expect("run")).stdout;
            serde_json::from_str::<Value>(&out).expect("json")
        };
        let extended = status("extended");
        assert!(!refs(&extended).is_empty(), "{now}: no extended request");
        assert!(extended[0]["extension"]["reason"].is_string());
        assert!(!refs(&status("awaiting-identity")).is_empty(), "{now}");
        assert!(!refs(&status("needs-triage")).is_empty(), "{now}");
        let closed = status("closed");
        let mut outcomes: Vec<&str> = closed
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|r| r["outcome"].as_str())
            .collect();
        outcomes.sort();
        outcomes.dedup();
        assert_eq!(
            outcomes,
            ["answered", "erased", "partial", "refused"],
            "{now}"
        );
        let mut verify = desk.command();
        verify.env("DSR_DESK_NOW", now).args(["audit", "verify"]);
        assert_eq!(Run::from(verify.output().expect("run")).code, 0);
    }
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let desk = Desk::empty();
    desk.ok(&["demo"]);
    let mine = desk.add(&["--name", "Mine", "--right", "access"]);
    let line = desk.fails(&["demo"], 1);
    assert!(
        line.contains("is a demo register") && line.contains("--force"),
        "{line}"
    );
    assert_eq!(
        desk.show(&mine)["requester"]["name"],
        "Mine",
        "the database was replaced"
    );
    desk.ok(&["demo", "--force"]);
    assert_eq!(desk.list(&["--status", "all"]).len(), 16);
    let gone = desk.fails(&["show", &mine], 1);
    assert!(
        gone.contains("no request"),
        "--force did not give a fresh demo: {gone}"
    );
}

#[test]
fn the_demo_flag_never_replaces_an_existing_database() {
    let desk = Desk::new();
    let r = desk.add(&["--name", "Real person", "--right", "access"]);
    // --demo with DSR_DESK_DB pointing at the real register (e.g. from a shell profile):
    // the demo is built in the demo database, and only the missing terminal stops the desk.
    let run = Run::from(
        desk.bare_command()
            .env("DSR_DESK_DB", &desk.db)
            .arg("--demo")
            .output()
            .expect("run"),
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.error_line().contains("terminal"), "{run:?}");
    assert!(desk.path(".local/share/dsr-desk/demo.db").exists());
    let run = Run::from(desk.command().arg("--demo").output().expect("run"));
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.error_line().contains("is a register, not a demo"),
        "{run:?}"
    );
    assert_eq!(desk.list(&["--status", "all"]), [r.as_str()]);
    assert_eq!(desk.show(&r)["requester"]["name"], "Real person");
}

#[test]
fn two_concurrent_writers_both_succeed_and_the_chain_stays_intact() {
    let desk = Desk::new();
    let r = desk.add(&["--name", "Siv", "--right", "access"]);
    let rounds = 5;
    for round in 0..rounds {
        let children: Vec<_> = ["first", "second"]
            .iter()
            .map(|who| {
                desk.command()
                    .args(["note", &r, &format!("{who} officer, round {round}")])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let run = Run::from(child.wait_with_output().expect("wait"));
            assert_eq!(run.code, 0, "round {round}: {run:?}");
        }
    }
    assert_eq!(desk.ok(&["audit", "verify"]).lines().count(), 1);
    assert_eq!(desk.event_count(), 2 + 2 * rounds);
    let summaries: Vec<String> = desk.show(&r)["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["summary"].as_str().expect("summary").to_string())
        .collect();
    for round in 0..rounds {
        for who in ["first", "second"] {
            let note = format!("{who} officer, round {round}");
            assert!(summaries.contains(&note), "lost: {note}");
        }
    }
}

#[test]
fn concurrent_first_use_creates_one_database() {
    // Several officers making the same register at once: one makes it, the others are told.
    for round in 0..5 {
        let desk = Desk::empty();
        let children: Vec<_> = (0..4)
            .map(|_| {
                desk.command()
                    .args(INIT)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let made = children
            .into_iter()
            .map(|child| Run::from(child.wait_with_output().expect("wait")))
            .filter(|run| {
                if run.code != 0 {
                    let line = run.error_line();
                    assert!(
                        line.contains("register") || line.contains("exists"),
                        "round {round}: {line}"
                    );
                }
                run.code == 0
            })
            .count();
        assert_eq!(made, 1, "round {round}");
    }
    // Several officers (or cron jobs) starting on a new register at once.
    for round in 0..5 {
        let desk = Desk::new();
        let children: Vec<_> = (0..4)
            .map(|i| {
                desk.command()
                    .args(["add", "--name", &format!("P{i}"), "--right", "access"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let mut printed: Vec<String> = children
            .into_iter()
            .map(|child| {
                let run = Run::from(child.wait_with_output().expect("wait"));
                assert_eq!(run.code, 0, "round {round}: {run:?}");
                run.stdout.trim().to_string()
            })
            .collect();
        printed.sort();
        assert_eq!(
            printed,
            [
                "DSR-2025-0001",
                "DSR-2025-0002",
                "DSR-2025-0003",
                "DSR-2025-0004"
            ]
        );
        assert_eq!(desk.event_count(), 5);
    }
}
