//! `dsr-desk import` end to end: the real binary on the shipped mail corpus.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{Workspace, write_message as message};
use serde_json::Value;

const NOW: &str = "2026-11-25T10:00:00Z";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail")
}

/// A register of its own, with this file's clock.
struct Desk(Workspace);

impl std::ops::Deref for Desk {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        &self.0
    }
}

impl Desk {
    /// A desk on a new register, made with `init`.
    fn new() -> Desk {
        Desk(Workspace::init(NOW))
    }

    fn import(&self, path: &Path) -> Vec<Value> {
        let p = path.to_string_lossy().to_string();
        match self.json(&["import", "--json", &p]) {
            Value::Array(items) => items,
            other => panic!("not an array: {other}"),
        }
    }

    fn events(&self) -> u64 {
        self.json(&["audit", "verify", "--json"])["events"]
            .as_u64()
            .expect("events")
    }
}

fn by_source<'a>(lines: &'a [Value], file: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["source"].as_str().is_some_and(|s| s.ends_with(file)))
        .unwrap_or_else(|| panic!("no line for {file}"))
}

#[test]
fn the_corpus_becomes_requests_with_the_rights_it_asks_for() {
    let desk = Desk::new();
    let lines = desk.import(&corpus());
    let rights = |file: &str| -> Vec<String> {
        let line = by_source(&lines, file);
        assert_eq!(line["result"], "created", "{file}: {line}");
        let reference = line["ref"].as_str().expect("ref").to_string();
        let shown = desk.json(&["show", &reference, "--json"]);
        assert_eq!(
            shown["channel"],
            if file.contains("webform") {
                "form"
            } else {
                "email"
            },
            "{file}"
        );
        shown["rights"]
            .as_array()
            .expect("rights")
            .iter()
            .map(|r| r.as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        rights("nb_multi_right.eml"),
        ["access", "erasure", "objection"]
    );
    assert_eq!(rights("de_art15_latin1.eml"), ["access"]);
    assert_eq!(rights("nn_erasure_qp.eml"), ["erasure"]);
    assert_eq!(rights("fr_art21_cp1252.eml"), ["objection"]);
    // Ordinary mail is not a request for any right: it waits for triage.
    for file in [
        "not_invoice_question.eml",
        "not_sales_pitch.eml",
        "not_thank_you.eml",
    ] {
        assert!(rights(file).is_empty(), "{file}");
    }
    // Machine-sent mail is filed away, not opened as a request.
    assert_eq!(by_source(&lines, "not_newsletter.eml")["result"], "skipped");
    // A bad input is reported and the rest still came in.
    let bad = by_source(&lines, "hostile_not_mail.eml");
    assert_eq!(bad["result"], "failed");
    assert!(bad["reason"].as_str().is_some_and(|r| !r.is_empty()));
    assert!(lines.iter().filter(|l| l["result"] == "created").count() > 25);
}

#[test]
fn reimporting_changes_nothing_and_names_the_existing_request() {
    let desk = Desk::new();
    let first = desk.import(&corpus());
    let events = desk.events();
    let open = desk
        .json(&["list", "--json", "--status", "all"])
        .as_array()
        .map(Vec::len);
    let second = desk.import(&corpus());
    assert_eq!(desk.events(), events, "a re-import writes nothing");
    assert_eq!(
        desk.json(&["list", "--json", "--status", "all"])
            .as_array()
            .map(Vec::len),
        open
    );
    for line in &second {
        if line["result"] == "failed" {
            continue;
        }
        assert_eq!(line["result"], "duplicate", "{line}");
        let before = first
            .iter()
            .find(|f| f["source"] == line["source"])
            .expect("same source");
        if before["ref"].is_string() {
            assert_eq!(line["ref"], before["ref"], "{line}");
        }
    }
    // The Message-ID is kept on the request.
    let created = by_source(&first, "nb_multi_right.eml");
    let shown = desk.json(&["show", created["ref"].as_str().expect("ref"), "--json"]);
    assert!(
        shown["message_id"]
            .as_str()
            .is_some_and(|m| m.contains('@')),
        "{shown}"
    );
}

#[test]
fn a_follow_up_joins_its_request_as_an_event() {
    let desk = Desk::new();
    let first = desk.import(&corpus().join("nb_access_id_block.eml"));
    let reference = first[0]["ref"].as_str().expect("ref").to_string();
    let events_before = desk.json(&["show", &reference, "--json"])["events"]
        .as_array()
        .map(Vec::len);
    let follow = desk.import(&corpus().join("reply_followup.eml"));
    assert_eq!(follow[0]["result"], "follow-up", "{}", follow[0]);
    assert_eq!(follow[0]["ref"], reference.as_str());
    let shown = desk.json(&["show", &reference, "--json"]);
    let events = shown["events"].as_array().expect("events");
    assert_eq!(Some(events.len()), events_before.map(|n| n + 1));
    assert_eq!(
        events.last().map(|e| e["kind"].clone()),
        Some(Value::from("follow-up"))
    );
    assert_eq!(
        desk.json(&["list", "--json", "--status", "all"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn hostile_text_is_stored_harmless_and_shown_harmless() {
    let desk = Desk::new();
    let lines = desk.import(&corpus().join("hostile_escapes.eml"));
    let reference = lines[0]["ref"].as_str().expect("ref").to_string();
    let (code, shown, _) = desk.run(&["show", &reference]);
    assert_eq!(code, 0);
    assert!(
        !shown.contains('\u{1b}'),
        "no escape byte reaches the terminal: {shown:?}"
    );
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
}

#[test]
fn the_exit_code_says_when_something_failed() {
    let desk = Desk::new();
    let (code, out, err) = desk.run(&[
        "import",
        &corpus().join("hostile_not_mail.eml").to_string_lossy(),
    ]);
    assert_eq!(code, 1);
    assert!(out.starts_with("failed\t"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, out, _) = desk.run(&["import", &corpus().join("sv_art17.eml").to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("created\tDSR-"), "{out}");
}

#[test]
fn watch_takes_in_files_as_they_arrive() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let desk = Desk::new();
    let inbox = desk.dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("inbox");
    let mut child = desk
        .command()
        .args(["import", "--watch", &inbox.to_string_lossy()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the watch");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Give the watch a moment to take its first look, then drop a message in.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::copy(corpus().join("sv_art17.eml"), inbox.join("new-message.eml")).expect("copy");
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen = None;
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            seen = Some(line);
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let line = seen.expect("the watch reported the new file");
    assert!(
        line.starts_with("created\tDSR-") && line.contains("new-message.eml"),
        "{line}"
    );
    assert_eq!(
        desk.json(&["list", "--json"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_new_right_in_a_later_message_is_a_request_of_its_own_with_its_own_deadline() {
    let desk = Desk::new();
    let mail = tempfile::tempdir().expect("mail");
    let kari = "Kari Nordmann <kari@example.no>";
    let first = message(
        mail.path(),
        "1.eml",
        &[
            ("From", kari),
            ("Subject", "Innsyn"),
            ("Date", "Mon, 16 Nov 2026 10:00:00 +0100"),
            ("Message-ID", "<k1@example.no>"),
        ],
        "Jeg ber om innsyn i personopplysningene dere har om meg.",
    );
    let access = desk.import(&first)[0]["ref"]
        .as_str()
        .expect("ref")
        .to_string();

    // A new e-mail (not a reply) asking for erasure: a request of its own, from its receipt.
    let later = message(
        mail.path(),
        "2.eml",
        &[
            ("From", kari),
            ("Subject", "Sletting"),
            ("Date", "Mon, 23 Nov 2026 09:00:00 +0100"),
            ("Message-ID", "<k2@example.no>"),
        ],
        "Jeg ber også om at alle opplysninger om meg slettes.",
    );
    let line = desk.import(&later)[0].clone();
    assert_eq!(line["result"], "new-rights", "{line}");
    let erasure = line["ref"].as_str().expect("ref").to_string();
    assert_ne!(erasure, access);
    let shown = desk.json(&["show", &erasure, "--json"]);
    assert_eq!(shown["rights"], serde_json::json!(["erasure"]), "{shown}");
    assert_eq!(shown["due"], "2026-12-23", "{shown}");
    // Linked both ways, on each timeline.
    let says = |reference: &str, other: &str| {
        desk.json(&["show", reference, "--json"])["events"]
            .as_array()
            .expect("events")
            .iter()
            .any(|e| e["summary"].as_str().is_some_and(|s| s.contains(other)))
    };
    assert!(says(&erasure, &access), "the new request names the first");
    assert!(says(&access, &erasure), "the first names the new request");
    // The first keeps its own rights and deadline.
    let first_shown = desk.json(&["show", &access, "--json"]);
    assert_eq!(first_shown["rights"], serde_json::json!(["access"]));
    assert_eq!(first_shown["due"], "2026-12-16");

    // A reply asking access again and nothing new stays a follow-up.
    let reply = message(
        mail.path(),
        "3.eml",
        &[
            ("From", kari),
            ("Subject", "Re: Innsyn"),
            ("Date", "Tue, 24 Nov 2026 09:00:00 +0100"),
            ("Message-ID", "<k3@example.no>"),
            ("In-Reply-To", "<k1@example.no>"),
        ],
        "Takk! Jeg venter fortsatt på innsyn i opplysningene mine.",
    );
    let line = desk.import(&reply)[0].clone();
    assert_eq!(line["result"], "follow-up", "{line}");
    assert_eq!(line["ref"], access.as_str());

    // Someone else asking for erasure is their own request, linked to nobody.
    let other = message(
        mail.path(),
        "4.eml",
        &[
            ("From", "Ola Hansen <ola@example.no>"),
            ("Subject", "Sletting"),
            ("Date", "Tue, 24 Nov 2026 10:00:00 +0100"),
            ("Message-ID", "<o1@example.no>"),
        ],
        "Jeg ber om at alle opplysninger om meg slettes.",
    );
    let line = desk.import(&other)[0].clone();
    assert_eq!(line["result"], "created", "{line}");
    assert_eq!(
        desk.json(&["list", "--json", "--status", "all"])
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

#[test]
fn import_watch_takes_new_files_in_on_the_injected_clock() {
    use std::io::BufRead;
    let desk = Desk::new();
    let mail = tempfile::tempdir().expect("mail");
    let mut watch = desk
        .command()
        .args(["import", "--watch", "--json"])
        .arg(mail.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("watch");
    // A message with no date of its own arrives while it watches: received is its clock.
    message(
        mail.path(),
        "late.eml",
        &[
            ("From", "Per Hansen <per@example.no>"),
            ("Subject", "Innsyn"),
            ("Message-ID", "<p1@example.no>"),
        ],
        "Jeg ber om innsyn i personopplysningene dere har om meg.",
    );
    let mut out = std::io::BufReader::new(watch.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("a line");
    let _ = watch.kill();
    let _ = watch.wait();
    let line: Value = serde_json::from_str(&line).expect("JSON line");
    assert_eq!(line["result"], "created", "{line}");
    let shown = desk.json(&["show", line["ref"].as_str().expect("ref"), "--json"]);
    let received: chrono::DateTime<chrono::Utc> = shown["received"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("received");
    let now: chrono::DateTime<chrono::Utc> = NOW.parse().expect("now");
    assert!(
        received >= now && received < now + chrono::Duration::seconds(60),
        "received {received}, the injected clock started at {now}"
    );
}
