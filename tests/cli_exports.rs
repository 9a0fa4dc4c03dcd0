//! The export commands end to end: the real binary on a demo database in its own folder,
//! with its own HOME (so the default exports folder is inside it) and a fixed clock.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2026-11-25T10:00:00Z";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Desk {
    /// A fresh demo database.
    fn demo() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("requests.db");
        let desk = Desk { dir, db };
        desk.ok(&["demo"]);
        desk
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .env_clear()
            .env("HOME", self.dir.path())
            .env("USER", "tester")
            .env("DSR_DESK_NOW", NOW)
            .env("DSR_DESK_CONFIG", self.dir.path().join("config.toml"))
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("run dsr-desk");
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
    }

    /// A failing command's one line on stderr.
    fn fails(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_ne!(run.code, 0, "{args:?} should fail: {}", run.stdout);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert!(!lines.is_empty(), "{args:?}: nothing on stderr");
        assert!(
            !run.stderr.contains('\u{1b}'),
            "raw escape: {:?}",
            run.stderr
        );
        run.stderr
    }

    fn exports(&self) -> PathBuf {
        self.dir.path().join(".local/share/dsr-desk/exports")
    }

    /// The reference of the demo request from `name`.
    fn reference(&self, name: &str) -> String {
        self.ok(&["list", "--status", "all"])
            .lines()
            .find(|l| l.contains(name))
            .and_then(|l| l.split('\t').next())
            .unwrap_or_else(|| panic!("{name} is not in the demo"))
            .to_string()
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn export_writes_into_the_exports_folder_owner_only_and_never_over_a_file() {
    let desk = Desk::demo();
    let nora = desk.reference("Nora Pedersen");
    let out = desk.ok(&["export", &nora]);
    let path = desk.exports().join(format!("{nora}-summary.md"));
    assert_eq!(out.trim(), path.display().to_string());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&desk.exports()), 0o700);
    let first = fs::read_to_string(&path).expect("summary");
    assert!(first.contains("ERASURE_LEGAL_OBLIGATION"), "{first}");
    let err = desk.fails(&["export", &nora]);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    desk.ok(&["export", &nora, "--force"]);
    // JSON, printed, parses and names the request.
    let json: serde_json::Value =
        serde_json::from_str(&desk.ok(&["export", &nora, "--format", "json", "-o", "-"]))
            .expect("JSON summary");
    assert_eq!(json["ref"], nora.as_str());
    assert_eq!(json["format"], "dsr-desk case summary");
    // -o naming a folder puts the default name in it.
    let folder = desk.dir.path().join("out");
    fs::create_dir(&folder).expect("folder");
    desk.ok(&[
        "export",
        &nora,
        "--format",
        "json",
        "-o",
        folder.to_str().expect("utf-8"),
    ]);
    assert!(folder.join(format!("{nora}-summary.json")).exists());
    let err = desk.fails(&["export", &nora, "--format", "csv"]);
    assert!(err.contains("md or json"), "{err}");
}

#[test]
fn path_escape_attempts_fail_cleanly() {
    let desk = Desk::demo();
    for hostile in ["../x", "/etc/passwd", "DSR-\u{1b}[2J../../x"] {
        let err = desk.fails(&["export", hostile]);
        assert!(err.contains("no request"), "{hostile:?}: {err}");
        let err = desk.fails(&["letter", hostile, "acknowledgement"]);
        assert!(err.contains("no request"), "{hostile:?}: {err}");
    }
    assert!(!desk.dir.path().join("x").exists());
    let written = fs::read_dir(desk.exports()).map(|d| d.count()).unwrap_or(0);
    assert_eq!(
        written, 0,
        "nothing is written for a request that is not there"
    );
}

#[test]
fn the_register_as_csv_with_a_period_and_a_bom_and_as_json() {
    let desk = Desk::demo();
    let all = desk.dir.path().join("all.csv");
    desk.ok(&["export", "--register", "-o", all.to_str().expect("utf-8")]);
    let text = fs::read_to_string(&all).expect("csv");
    assert!(text.starts_with("reference,received,channel,rights,status,outcome,"));
    assert_eq!(text.lines().count(), 17);
    assert!(text.contains("\r\n"), "CRLF rows for spreadsheets");
    assert_eq!(mode(&all), 0o600);
    let recent = desk.dir.path().join("recent.csv");
    desk.ok(&[
        "export",
        "--register",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--bom",
        "-o",
        recent.to_str().expect("utf-8"),
    ]);
    let bytes = fs::read(&recent).expect("csv");
    assert!(bytes.starts_with("\u{feff}reference,".as_bytes()));
    let rows = String::from_utf8_lossy(&bytes).lines().count() - 1;
    assert!(rows > 0 && rows < 16, "{rows}");
    let json: serde_json::Value =
        serde_json::from_str(&desk.ok(&["export", "--register", "--format", "json", "-o", "-"]))
            .expect("JSON register");
    assert_eq!(json.as_array().map(Vec::len), Some(16));
    // Default name in the exports folder.
    let out = desk.ok(&["export", "--register"]);
    assert!(
        out.trim().ends_with("exports/register-2026-11-25.csv"),
        "{out}"
    );
    let err = desk.fails(&["export", "--register", "--format", "json", "--bom"]);
    assert!(err.contains("--bom"), "{err}");
    let err = desk.fails(&[
        "export",
        "--register",
        "--from",
        "2026-12-01",
        "--to",
        "2026-11-01",
    ]);
    assert!(err.contains("after"), "{err}");
}

#[test]
fn letters_print_or_write_and_refuse_kinds_that_do_not_fit() {
    let desk = Desk::demo();
    let geir = desk.reference("Geir Hansen");
    let text = desk.ok(&["letter", &geir, "refusal"]);
    // Geir wrote in Norwegian: the letter is in bokmål unless asked otherwise.
    assert!(
        text.contains("Vår referanse") && text.contains("domstolene"),
        "{text}"
    );
    for s in [
        "Datatilsynet",
        "Postboks 458 Sentrum",
        "0105 Oslo",
        "postkasse@datatilsynet.no",
        "www.datatilsynet.no",
    ] {
        assert!(text.contains(s), "{s}");
    }
    let en = desk.ok(&["letter", &geir, "refusal", "--lang", "en"]);
    assert!(en.contains("Our reference"), "{en}");
    let marte = desk.reference("Marte Kristiansen");
    let err = desk.fails(&["letter", &marte, "erasure"]);
    assert!(err.contains("does not ask for erasure"), "{err}");
    let err = desk.fails(&["letter", &marte, "refusal"]);
    assert!(err.contains("no refusal decision"), "{err}");
    let err = desk.fails(&["letter", &marte, "thanks"]);
    assert!(err.contains("acknowledgement"), "{err}");
    let err = desk.fails(&["letter", &marte, "access", "--lang", "de"]);
    assert!(err.contains("nb, nn or en"), "{err}");
    let file = desk.dir.path().join("letter.txt");
    let out = desk.ok(&[
        "letter",
        &marte,
        "access",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.trim(), file.display().to_string());
    assert_eq!(mode(&file), 0o600);
    // The demo wrote her access package, so the letter may say it is enclosed; the package
    // is in the demo's own folder beside its database, not in the exports folder.
    let letter = fs::read_to_string(&file).expect("letter");
    assert!(letter.contains("vedlagt får du en kopi"), "{letter}");
    let package = desk
        .dir
        .path()
        .join("requests-exports")
        .join(&marte)
        .join(format!("{marte}-access.json"));
    assert_eq!(mode(&package), 0o600);
    assert!(!desk.exports().join(&marte).exists());
    let err = desk.fails(&[
        "letter",
        &marte,
        "access",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn the_calendar_keeps_its_uids_across_runs_and_names_out() {
    let desk = Desk::demo();
    let out = desk.ok(&["calendar"]);
    let path = PathBuf::from(out.trim());
    assert_eq!(path, desk.exports().join("deadlines.ics"));
    let first = fs::read_to_string(&path).expect("ics");
    assert!(first.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(!first.replace("\r\n", "").contains('\n'));
    assert!(
        !first.contains("Øverby") && !first.contains("Emily"),
        "names leak"
    );
    let err = desk.fails(&["calendar"]);
    assert!(err.contains("--force"), "{err}");
    desk.ok(&["calendar", "--force"]);
    let second = fs::read_to_string(&path).expect("ics");
    let uids = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&second));
    assert!(uids(&first).iter().all(|u| u.ends_with("@dsr-desk")));
    let named = desk.ok(&["calendar", "--names", "-o", "-"]);
    assert!(named.contains("Emily Clarke"));
}

#[test]
fn due_lists_what_falls_due_overdue_first() {
    let desk = Desk::demo();
    let text = desk.ok(&["due", "--within", "2"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3, "{text}");
    assert!(lines[0].contains("overdue"), "{text}");
    assert!(!text.contains("Øverby"), "names only with --names");
    let json: serde_json::Value =
        serde_json::from_str(&desk.ok(&["due", "--within", "0", "--json"])).expect("json");
    let items = json.as_array().expect("array");
    assert!(
        items
            .iter()
            .all(|i| i["due"].as_str() <= Some("2026-11-25"))
    );
    assert!(
        desk.ok(&["due", "--within", "0", "--names"])
            .contains("Øverby")
    );
}

/// The events of a request, as `show --json` gives them.
fn events_of(desk: &Desk, reference: &str) -> Vec<serde_json::Value> {
    let json: serde_json::Value =
        serde_json::from_str(&desk.ok(&["show", reference, "--json"])).expect("show --json");
    json["events"].as_array().cloned().unwrap_or_default()
}

/// How many events the whole audit trail holds, checking it is intact.
fn trail_length(desk: &Desk) -> u64 {
    let json: serde_json::Value =
        serde_json::from_str(&desk.ok(&["audit", "verify", "--json"])).expect("verify --json");
    assert!(json["first_broken"].is_null(), "{json}");
    json["events"].as_u64().expect("count")
}

fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let bytes = fs::read(path).expect("read");
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn files_written_are_recorded_with_their_hash_and_printing_records_nothing() {
    let desk = Desk::demo();
    let nora = desk.reference("Nora Pedersen");
    let before = trail_length(&desk);
    // A summary file: one event on the request, naming the file and its SHA-256.
    let path = PathBuf::from(desk.ok(&["export", &nora]).trim());
    let events = events_of(&desk, &nora);
    let e = events.last().expect("an event");
    assert_eq!(e["kind"], "exported");
    assert_eq!(
        e["summary"],
        format!("Case summary (Markdown) written: {nora}-summary.md").as_str()
    );
    assert_eq!(e["detail"]["file"], format!("{nora}-summary.md").as_str());
    assert_eq!(e["detail"]["sha256"], sha256_of(&path).as_str());
    assert_eq!(
        e["detail"]["bytes"].as_u64(),
        Some(fs::metadata(&path).expect("meta").len())
    );
    assert!(
        !e["detail"].to_string().contains("Pedersen"),
        "no content in the event"
    );
    assert_eq!(trail_length(&desk), before + 1);
    // Printed (a summary with -o -, a letter without -o): a view, nothing recorded.
    desk.ok(&["export", &nora, "--format", "json", "-o", "-"]);
    desk.ok(&["letter", &nora, "refusal"]);
    assert_eq!(trail_length(&desk), before + 1);
    // A letter written to a file is recorded, with its kind and language.
    let file = desk.dir.path().join("refusal.txt");
    desk.ok(&[
        "letter",
        &nora,
        "refusal",
        "--lang",
        "en",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    let events = events_of(&desk, &nora);
    let e = events.last().expect("an event");
    assert_eq!(
        (&e["kind"], &e["detail"]["letter"], &e["detail"]["lang"]),
        (&"exported".into(), &"refusal".into(), &"en".into())
    );
    assert_eq!(e["detail"]["file"], "refusal.txt");
    assert_eq!(e["detail"]["sha256"], sha256_of(&file).as_str());
    // The register: an event on no request.
    let n = events_of(&desk, &nora).len();
    desk.ok(&["export", "--register"]);
    assert_eq!(trail_length(&desk), before + 3);
    assert_eq!(events_of(&desk, &nora).len(), n);
    // A refused write (the file exists) records nothing.
    desk.fails(&["export", &nora]);
    assert_eq!(trail_length(&desk), before + 3);
    let out = desk.ok(&["audit", "verify"]);
    assert!(out.starts_with("audit trail intact"), "{out}");
}

#[test]
fn a_summary_is_written_when_the_customer_database_is_missing() {
    let desk = Desk::demo();
    let ase = desk.reference("Åse Øverby");
    let text = desk.ok(&["export", &ase, "-o", "-"]);
    assert!(
        text.contains("- Customer 1: Åse Øverby, customer number K100001;"),
        "{text}"
    );
    let customer_db = fs::read_dir(desk.dir.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().ends_with("customers.db"))
        .expect("the demo customer database");
    fs::remove_file(&customer_db).expect("remove");
    let path = PathBuf::from(desk.ok(&["export", &ase]).trim());
    let text = fs::read_to_string(path).expect("summary");
    assert!(
        text.contains("- Customer 1, customer number K100001 (name not shown: the customer database could not be opened)"),
        "{text}"
    );
}

#[test]
fn letters_come_in_nynorsk_and_from_the_company_s_own_templates() {
    let desk = Desk::demo();
    let geir = desk.reference("Geir Hansen");
    let nn = desk.ok(&["letter", &geir, "refusal", "--lang", "nn"]);
    for said in [
        "Referansen vår",
        "Vi kan ikkje gjere det du bad om",
        "Er du usamd i avgjerda vår, kan du klage til Datatilsynet.",
        "domstolane",
        "Med venleg helsing",
    ] {
        assert!(nn.contains(said), "{said}\n{nn}");
    }

    // A folder beside the config replaces the templates it holds, and only those.
    let own = desk.dir.path().join("letters");
    fs::create_dir_all(own.join("nb")).expect("folder");
    fs::write(
        own.join("nb/_signature.txt"),
        "Hilsen personvernombudet\n{{ controller.name }}\n",
    )
    .expect("template");
    fs::write(
        desk.dir.path().join("config.toml"),
        "templates = \"letters\"\n",
    )
    .expect("config");
    let nb = desk.ok(&["letter", &geir, "refusal", "--lang", "nb"]);
    assert!(nb.contains("Hilsen personvernombudet\nORINOR AS"), "{nb}");
    assert!(nb.contains("kan du klage til Datatilsynet"), "{nb}");
    let en = desk.ok(&["letter", &geir, "refusal", "--lang", "en"]);
    assert!(en.contains("Kind regards"), "{en}");

    // An own template cannot drop what the law requires of a refusal.
    fs::write(own.join("nb/_remedies.txt"), "Klag gjerne.\n").expect("template");
    let err = desk.fails(&["letter", &geir, "refusal", "--lang", "nb"]);
    assert!(
        err.contains("lacks") && err.contains("Postboks 458 Sentrum"),
        "{err}"
    );
    fs::remove_file(own.join("nb/_remedies.txt")).expect("remove");

    // A misspelt template would be ignored without a word: it is an error instead.
    fs::write(own.join("nb/acces.txt"), "x").expect("template");
    let err = desk.fails(&["letter", &geir, "refusal"]);
    assert!(
        err.contains("nb/acces.txt replaces no shipped template"),
        "{err}"
    );
    fs::remove_file(own.join("nb/acces.txt")).expect("remove");
    fs::write(
        desk.dir.path().join("config.toml"),
        "templates = \"nowhere\"\n",
    )
    .expect("config");
    let err = desk.fails(&["letter", &geir, "refusal"]);
    assert!(err.contains("cannot read the folder"), "{err}");
}
