//! The case workflow's guards end to end on the command line: each refusal is one line that
//! names the rule, and a refused command changes nothing (no event, no row, no file).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2025-11-20T10:00:00Z";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    /// A demo register with its demo customers (Lars Bjørnæs is customer 3,
    /// Lars@Bjornaes.no), and no requests of ours yet.
    fn new() -> Desk {
        let desk = Desk {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        desk.ok(&["demo", "--customers", "300"]);
        desk
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .args(["--db", "demo.db"])
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("HOME", self.dir.path())
            .env("USER", "tester")
            .env("DSR_DESK_NOW", NOW)
            .env("DSR_DESK_CONFIG", self.dir.path().join("no-config.toml"))
            .output()
            .expect("run dsr-desk")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Fails with one line on stderr, and changes nothing: the audit trail and the request
    /// read the same before and after.
    fn refused(&self, reference: &str, args: &[&str]) -> String {
        let (events, before) = (self.events(), self.show(reference));
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?} should be refused");
        let err = String::from_utf8(out.stderr).expect("utf-8");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert_eq!(self.events(), events, "{args:?} appended an event");
        assert_eq!(self.show(reference), before, "{args:?} changed the request");
        err
    }

    fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add", "--received", "2025-11-10"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }

    fn show(&self, reference: &str) -> Value {
        serde_json::from_str(&self.ok(&["show", reference, "--json"])).expect("json")
    }

    fn events(&self) -> u64 {
        let v: Value =
            serde_json::from_str(&self.ok(&["audit", "verify", "--json"])).expect("json");
        v["events"].as_u64().expect("events")
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn a_direct_marketing_objection_cannot_be_refused_on_compelling_grounds() {
    let d = Desk::new();
    let r = d.add(&[
        "--name",
        "Mia",
        "--right",
        "objection",
        "--objection-scope",
        "marketing",
        "--text",
        "Stop sending me your newsletter.",
    ]);
    for ground in ["OBJECTION_COMPELLING_GROUNDS", "OBJECTION_NOT_APPLICABLE"] {
        let err = d.refused(
            &r,
            &["close", &r, "--refused", ground, "--reason", "We need it"],
        );
        assert!(
            err.contains("direct marketing") && err.contains("21(2)"),
            "{err}"
        );
    }
    // In the person's particular situation the grounds apply.
    d.ok(&[
        "rights",
        &r,
        "--right",
        "objection",
        "--objection-scope",
        "situation",
    ]);
    assert_eq!(d.show(&r)["objection_scope"], "situation");
    d.ok(&[
        "close",
        &r,
        "--refused",
        "OBJECTION_COMPELLING_GROUNDS",
        "--reason",
        "Fraud prevention outweighs it, as explained.",
    ]);
}

#[test]
fn a_ground_refuses_only_the_rights_it_covers() {
    let d = Desk::new();
    let r = d.add(&["--name", "Per", "--right", "erasure", "--right", "access"]);
    let err = d.refused(
        &r,
        &[
            "close",
            &r,
            "--right",
            "erasure",
            "--refused",
            "NATIONAL_RESTRICTION",
            "--section16",
            "c",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("cannot refuse erasure") && err.contains("§ 16"),
        "{err}"
    );
    let no_letter = d.refused(
        &r,
        &[
            "close",
            &r,
            "--right",
            "access",
            "--refused",
            "NATIONAL_RESTRICTION",
            "--reason",
            "x",
        ],
    );
    assert!(no_letter.contains("--section16"), "{no_letter}");
    let not_gdpr = d.refused(
        &r,
        &[
            "close",
            &r,
            "--refused",
            "NOT_A_GDPR_REQUEST",
            "--reason",
            "x",
        ],
    );
    assert!(not_gdpr.contains("asks for a right"), "{not_gdpr}");
    let no_until = d.refused(
        &r,
        &[
            "close",
            &r,
            "--right",
            "erasure",
            "--partial",
            "ERASURE_LEGAL_OBLIGATION",
            "--reason",
            "Invoices are kept",
        ],
    );
    assert!(no_until.contains("--until"), "{no_until}");
    d.ok(&[
        "close",
        &r,
        "--right",
        "access",
        "--refused",
        "NATIONAL_RESTRICTION",
        "--section16",
        "c",
        "--reason",
        "The data concerns an ongoing investigation.",
    ]);
    let letter = d.ok(&["letter", &r, "refusal", "--lang", "en"]);
    assert!(letter.contains("section 16(1)(c)"), "{letter}");
}

#[test]
fn id_unverified_only_after_identity_was_asked_and_never_once_verified() {
    let d = Desk::new();
    let r = d.add(&[
        "--name",
        "Eve",
        "--email",
        "eve@example.org",
        "--right",
        "access",
    ]);
    let refuse = [
        "close",
        &r,
        "--refused",
        "ID_UNVERIFIED",
        "--reason",
        "No answer",
    ];
    let never = d.refused(&r, &refuse);
    assert!(never.contains("asked for"), "{never}");
    d.ok(&[
        "identity",
        &r,
        "--status",
        "requested",
        "--reason",
        "A new address",
    ]);
    d.ok(&["identity", &r, "--status", "verified", "--method", "BankID"]);
    let verified = d.refused(&r, &refuse);
    assert!(verified.contains("verified"), "{verified}");
    let other = d.add(&["--name", "Ola", "--right", "access"]);
    d.ok(&[
        "identity",
        &other,
        "--status",
        "requested",
        "--reason",
        "A new address",
    ]);
    d.ok(&[
        "close",
        &other,
        "--refused",
        "ID_UNVERIFIED",
        "--reason",
        "No answer came",
    ]);
}

#[test]
fn a_stranger_is_linked_only_with_a_reason_and_nothing_is_disclosed_while_identity_is_asked() {
    let d = Desk::new();
    let eve = d.add(&[
        "--name",
        "Eve",
        "--email",
        "eve@evil.example",
        "--right",
        "access",
    ]);
    // Customer 3 is Lars: no e-mail, phone or customer number of Eve's matches him.
    let err = d.refused(&eve, &["link", &eve, "3"]);
    assert!(
        err.contains("does not match") && err.contains("--reason"),
        "{err}"
    );
    d.ok(&[
        "link",
        &eve,
        "3",
        "--reason",
        "She wrote from her work address; called back",
    ]);
    let linked = d.show(&eve);
    let events = linked["events"].as_array().expect("events");
    assert!(
        events.iter().any(|e| e["summary"]
            .as_str()
            .is_some_and(|s| s.contains("called back"))),
        "the reason is recorded: {events:?}"
    );
    d.ok(&[
        "identity",
        &eve,
        "--status",
        "requested",
        "--reason",
        "Sender unknown",
    ]);
    let dir = d.path("package");
    let dir = dir.to_str().expect("utf-8");
    let pending = d.refused(&eve, &["access", &eve, "--out", dir]);
    assert!(pending.contains("12(6)"), "{pending}");
    d.ok(&[
        "identity",
        &eve,
        "--status",
        "failed",
        "--method",
        "no answer to the call",
    ]);
    let failed = d.refused(&eve, &["access", &eve, "--out", dir]);
    assert!(failed.contains("failed"), "{failed}");
    for args in [vec!["erase", &eve], vec!["restrict", &eve]] {
        let err = d.refused(&eve, &args);
        assert!(
            err.contains("12(6)") || err.contains("does not ask"),
            "{err}"
        );
    }
    assert!(!Path::new(dir).exists(), "no file was written");
    // Lars himself, from his own address, links without a reason.
    let lars = d.add(&[
        "--name",
        "Lars Bjørnæs",
        "--email",
        "lars@bjornaes.no",
        "--right",
        "access",
    ]);
    assert!(d.ok(&["link", &lars, "3"]).contains("linked"));
}

#[test]
fn letters_and_closings_state_only_what_happened() {
    let d = Desk::new();
    let r = d.add(&[
        "--name",
        "Nils",
        "--email",
        "nils@example.org",
        "--right",
        "access",
        "--right",
        "erasure",
        "--text",
        "Please tell me what you hold and then delete it.",
    ]);
    let erased = d.refused(&r, &["close", &r, "--erased"]);
    assert!(erased.contains("no erasure was carried out"), "{erased}");
    for (kind, says) in [
        ("erasure", "erasure ran"),
        ("access", "access package"),
        ("identity", "while identity is being asked"),
        ("extension", "extension recorded"),
        ("refusal", "no refusal decision"),
    ] {
        let err = d.refused(&r, &["letter", &r, kind]);
        assert!(err.contains(says), "{kind}: {err}");
    }
    // The search found nobody: a negative confirmation, and the erasure closes on it.
    let dir = d.path("nils");
    d.ok(&[
        "access",
        &r,
        "--no-data",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    let letter = d.ok(&["letter", &r, "access"]);
    assert!(
        letter.contains("We hold no personal data about you") && !letter.contains("enclosed"),
        "{letter}"
    );
    let erasure = d.ok(&["letter", &r, "erasure"]);
    assert!(erasure.contains("nothing to erase"), "{erasure}");
    d.ok(&["close", &r, "--erased"]);
    assert_eq!(d.show(&r)["outcome"], "erased");
}

#[test]
fn an_extension_notice_is_never_in_the_future_and_its_letter_only_in_the_first_month() {
    let d = Desk::new();
    // Received 10 November 2025: the first month ends 10 December.
    let r = d.add(&["--name", "Tor", "--right", "access"]);
    let err = d.refused(
        &r,
        &[
            "extend",
            &r,
            "--reason",
            "Many systems",
            "--notified",
            "2025-11-21",
        ],
    );
    assert!(err.contains("in the future"), "{err}");
    d.ok(&[
        "extend",
        &r,
        "--reason",
        "Many systems",
        "--notified",
        "2025-11-20",
    ]);
    assert!(d.ok(&["letter", &r, "extension"]).contains("Many systems"));
    let late = d.refused(
        &r,
        &["letter", &r, "extension", "--now", "2025-12-11T10:00:00Z"],
    );
    assert!(late.contains("2025-12-10"), "{late}");
}

#[test]
fn an_internal_note_stays_in_the_case_record_and_out_of_the_letter() {
    let d = Desk::new();
    let r = d.add(&[
        "--name",
        "Geir",
        "--right",
        "access",
        "--text",
        "Send me a copy.",
    ]);
    let note = "Sent from an address we have never seen";
    d.ok(&[
        "close",
        &r,
        "--refused",
        "MANIFESTLY_EXCESSIVE",
        "--reason",
        "Your fourth identical request this month.",
        "--internal",
        note,
    ]);
    let j = d.show(&r);
    assert_eq!(j["decisions"][0]["internal"], note, "{j}");
    for lang in ["nb", "en"] {
        let letter = d.ok(&["letter", &r, "refusal", "--lang", lang]);
        assert!(letter.contains("fourth identical request"), "{letter}");
        assert!(!letter.contains("never seen"), "the note leaked:\n{letter}");
    }
    let summary = d.ok(&["export", &r, "-o", "-"]);
    assert!(
        summary.contains(&format!(
            "Internal note (never sent to the person):** {note}"
        )),
        "{summary}"
    );
}

#[test]
fn a_fee_is_recorded_with_its_amount_and_basis_and_further_copies_need_a_first() {
    let d = Desk::new();
    let r = d.add(&["--name", "Geir", "--right", "access"]);
    let first = d.refused(
        &r,
        &[
            "fee",
            &r,
            "--amount",
            "250",
            "--basis",
            "15(3)",
            "--reason",
            "A second copy",
        ],
    );
    assert!(first.contains("first copy is free"), "{first}");
    let zero = d.refused(
        &r,
        &[
            "fee", &r, "--amount", "0", "--basis", "12(5)(a)", "--reason", "Repeated",
        ],
    );
    assert!(zero.contains("above zero"), "{zero}");
    d.ok(&[
        "fee",
        &r,
        "--amount",
        "250",
        "--basis",
        "12(5)(a)",
        "--reason",
        "The fourth request this month: the cost of a fourth copy",
    ]);
    let j = d.show(&r);
    let fee = j["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["kind"] == "fee")
        .expect("a fee event");
    assert_eq!(fee["detail"]["amount_nok"], 250);
    assert_eq!(fee["detail"]["basis"], "12(5)(a)");
}

#[test]
fn with_json_an_error_is_a_json_object_on_stderr() {
    let d = Desk::new();
    let out = d.run(&["show", "DSR-1999-0001", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err: Value = serde_json::from_slice(&out.stderr).expect("a JSON error");
    assert!(
        err["error"]
            .as_str()
            .is_some_and(|e| e.contains("DSR-1999-0001")),
        "{err}"
    );
    assert_eq!(err["exit"], 1);
    let future = d.run(&["add", "--name", "X", "--received", "2031-01-01", "--json"]);
    let err: Value = serde_json::from_slice(&future.stderr).expect("a JSON error");
    assert!(
        err["error"].as_str().is_some_and(|e| e.contains("future")),
        "{err}"
    );
    // Without --json it is one plain line.
    let plain = d.run(&["show", "DSR-1999-0001"]);
    assert!(String::from_utf8_lossy(&plain.stderr).starts_with("dsr-desk: "));
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_itself() {
    let d = Desk {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = d.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("no-data") && text.contains("section16"),
            "{shell}"
        );
    }
    let man = d.run(&["man"]);
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(
        text.starts_with(".ie") && text.contains(".TH dsr-desk 1"),
        "{text}"
    );
    assert!(!d.path("demo.db").exists(), "no register was made");
}

#[test]
fn a_refusal_for_want_of_a_mandate_goes_to_the_representative() {
    let d = Desk::new();
    let alone = d.add(&["--name", "Per", "--right", "access"]);
    let err = d.refused(
        &alone,
        &[
            "close",
            &alone,
            "--refused",
            "NO_AUTHORITY_AGENT",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("representative"), "{err}");
    let r = d.add(&[
        "--name",
        "Per Hansen",
        "--email",
        "per@example.org",
        "--agent",
        "Advokat Kari Berg",
        "--right",
        "access",
    ]);
    d.ok(&[
        "close",
        &r,
        "--refused",
        "NO_AUTHORITY_AGENT",
        "--reason",
        "The request came from your office with no signed authorisation.",
    ]);
    for (lang, to, concerning, send) in [
        (
            "en",
            "To: Advokat Kari Berg",
            "Concerning: Per Hansen",
            "written authorisation",
        ),
        (
            "nb",
            "Til: Advokat Kari Berg",
            "Gjelder: Per Hansen",
            "skriftlig fullmakt",
        ),
    ] {
        let letter = d.ok(&["letter", &r, "refusal", "--lang", lang]);
        assert!(
            letter.contains(to) && letter.contains(concerning) && letter.contains(send),
            "{lang}:\n{letter}"
        );
        assert!(
            !letter.contains("per@example.org"),
            "{lang}: to the person:\n{letter}"
        );
        assert!(letter.contains("Datatilsynet"), "{lang}: the remedies stay");
    }
}
