//! The register itself, end to end through the real binary: only `init` and `demo` make one,
//! the controller's details live in it and sign every letter, any other file is refused
//! untouched, the demo replaces only demo registers, and `backup` writes a checked copy.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

const NOW: &str = "2025-06-02T10:00:00Z";

const ACME: [&str; 6] = [
    "--name",
    "ACME AS",
    "--org-number",
    "974760673",
    "--email",
    "privacy@acme.no",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A folder of its own: HOME, no config, a fixed clock, no DSR_DESK_DB unless given.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("USER", "tester")
            .env("DSR_DESK_NOW", NOW)
            .env("DSR_DESK_CONFIG", self.path("config.toml"))
            .current_dir(self.dir.path())
            .stdin(std::process::Stdio::null());
        c
    }

    fn run_with(&self, mut c: Command, args: &[&str]) -> Run {
        let out = c.args(args).output().expect("run dsr-desk");
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run
    }

    /// `dsr-desk --db DB ARGS...`.
    fn on(&self, db: &str, args: &[&str]) -> Run {
        let mut c = self.command();
        c.arg("--db").arg(self.path(db));
        self.run_with(c, args)
    }

    fn ok(&self, db: &str, args: &[&str]) -> String {
        let run = self.on(db, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
    }

    /// The one line on stderr of a command that must fail with exit code 1.
    fn fails(&self, db: &str, args: &[&str]) -> String {
        let run = self.on(db, args);
        assert_eq!(run.code, 1, "{args:?} should fail: {}", run.stdout);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line: {:?}", run.stderr);
        lines[0].to_string()
    }

    fn init(&self, db: &str, extra: &[&str]) -> String {
        let mut args = vec!["init"];
        args.extend_from_slice(&ACME);
        args.extend_from_slice(extra);
        self.ok(db, &args)
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn hash(path: &Path) -> String {
    Sha256::digest(fs::read(path).expect("read"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn without_a_register_every_command_says_so_and_creates_nothing() {
    let f = Folder::new();
    let db = "nested/requests.db";
    let want = format!(
        "dsr-desk: no register at {}; create one with `dsr-desk init`",
        f.path(db).display()
    );
    for args in [
        &[][..],
        &["list"],
        &["add", "--name", "Kari", "--right", "access"],
        &["show", "DSR-2025-0001"],
        &["settings"],
        &["settings", "--suspension", "on"],
        &["audit", "verify"],
        &["letter", "DSR-2025-0001", "acknowledgement"],
        &["lookup", "kari"],
        &["backup", "copy.db"],
        &["import", "mail.eml"],
    ] {
        assert_eq!(f.fails(db, args), want, "{args:?}");
    }
    // The standard data folder is not made either.
    let line = f.run_with(f.command(), &["list"]);
    assert_eq!(line.code, 1);
    assert!(line.stderr.contains("create one with `dsr-desk init`"));
    assert_eq!(f.files(), Vec::<String>::new(), "nothing was created");
}

#[test]
fn init_stores_the_controller_and_every_letter_signs_with_it() {
    let f = Folder::new();
    // Without a terminal, what is missing is refused, and nothing is made.
    let line = f.fails("r.db", &["init", "--name", "ACME AS"]);
    assert!(
        line.contains("--org-number, --email") && line.contains("terminal"),
        "{line}"
    );
    let bad = f.fails(
        "r.db",
        &[
            "init",
            "--name",
            "A",
            "--org-number",
            "974760674",
            "--email",
            "a@b.no",
        ],
    );
    assert!(bad.contains("check digit"), "{bad}");
    assert_eq!(f.files(), Vec::<String>::new());

    let out = f.init(
        "r.db",
        &["--address", "Storgata 1, 0155 Oslo", "--language", "en"],
    );
    assert!(
        out.contains("ACME AS") && out.contains("974 760 673"),
        "{out}"
    );
    assert_eq!(
        fs::metadata(f.path("r.db"))
            .expect("db")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    assert_eq!(
        f.ok("r.db", &["settings"]),
        "register\tregister\nname\tACME AS\norg_number\t974 760 673\nemail\tprivacy@acme.no\naddress\tStorgata 1, 0155 Oslo\nlanguage\ten\nsuspension\toff\n"
    );
    let again = f.fails("r.db", &["init", "--name", "X"]);
    assert!(again.contains("already a register"), "{again}");

    let r = f.ok("r.db", &["add", "--name", "Kari", "--right", "access"]);
    let letter = f.ok("r.db", &["letter", r.trim(), "acknowledgement"]);
    for want in [
        "ACME AS",
        "974 760 673",
        "privacy@acme.no",
        "Storgata 1, 0155 Oslo",
        "To: Kari",
    ] {
        assert!(letter.contains(want), "{want}: {letter}");
    }
    assert!(!letter.contains("ORINOR"), "{letter}");

    // settings changes what is given and keeps the rest; the change is on record.
    f.ok(
        "r.db",
        &["settings", "--email", "dpo@acme.no", "--language", "nb"],
    );
    let letter = f.ok("r.db", &["letter", r.trim(), "acknowledgement"]);
    assert!(
        letter.contains("dpo@acme.no") && letter.contains("ACME AS"),
        "{letter}"
    );
    assert!(
        letter.contains("Vår referanse"),
        "the register's language: {letter}"
    );
    let bad = f.fails("r.db", &["settings", "--org-number", "12"]);
    assert!(bad.contains("nine digits"), "{bad}");
    let audit = f.ok("r.db", &["audit", "verify"]);
    assert!(audit.starts_with("audit trail intact: 3 events"), "{audit}");
}

#[test]
fn a_register_without_controller_details_refuses_letters_with_the_fix() {
    let f = Folder::new();
    f.init("r.db", &[]);
    let r = f.ok("r.db", &["add", "--name", "Kari", "--right", "access"]);
    // What a register made by an earlier version looks like: no mark, no controller.
    {
        let c = rusqlite::Connection::open(f.path("r.db")).expect("open");
        c.execute_batch(
            "PRAGMA application_id = 0;
             DELETE FROM meta WHERE key LIKE 'controller_%' OR key IN ('register_kind', 'letter_language');",
        )
        .expect("make it old");
    }
    assert!(
        f.ok("r.db", &["list"]).contains("Kari"),
        "an earlier register opens"
    );
    let id: i32 = rusqlite::Connection::open(f.path("r.db"))
        .expect("open")
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("id");
    assert_ne!(id, 0, "marked on the first open by a writer");
    let line = f.fails("r.db", &["letter", r.trim(), "acknowledgement"]);
    assert!(
        line.contains("no controller details")
            && line.contains("dsr-desk settings --name ORG --org-number N --email E"),
        "{line}"
    );
    let out = f.fails(
        "r.db",
        &["letter", r.trim(), "acknowledgement", "-o", "letter.txt"],
    );
    assert!(out.contains("no controller details"), "{out}");
    assert!(!f.path("letter.txt").exists());
    let half = f.fails("r.db", &["settings", "--name", "ACME AS"]);
    assert!(
        half.contains("--name, --org-number and --email together"),
        "{half}"
    );
    f.ok(
        "r.db",
        &[
            "settings",
            "--name",
            "ACME AS",
            "--org-number",
            "974 760 673",
            "--email",
            "privacy@acme.no",
        ],
    );
    assert!(
        f.ok("r.db", &["letter", r.trim(), "acknowledgement"])
            .contains("ACME AS")
    );
}

#[test]
fn any_other_file_is_refused_and_left_byte_for_byte_as_it_was() {
    let f = Folder::new();
    f.ok("demo.db", &["demo", "--customers", "200"]);
    fs::write(f.path("empty.db"), b"").expect("write");
    fs::write(f.path("notes.db"), b"not a database at all").expect("write");
    for name in ["demo-customers.db", "empty.db", "notes.db"] {
        let before = hash(&f.path(name));
        let files = f.files();
        for args in [
            &["list"][..],
            &["add", "--name", "K", "--right", "access"],
            &["settings", "--suspension", "on"],
        ] {
            let line = f.fails(name, args);
            assert!(
                line.contains("is not a dsr-desk register"),
                "{name}: {line}"
            );
        }
        let line = f.fails(
            name,
            &[
                "init",
                "--name",
                "A",
                "--org-number",
                "974760673",
                "--email",
                "a@b.no",
            ],
        );
        assert!(line.contains("is not a dsr-desk register"), "{line}");
        let line = f.fails(name, &["demo", "--force"]);
        assert!(
            line.contains("replaces only a demo register") && !line.contains("run: "),
            "{line}"
        );
        assert_eq!(hash(&f.path(name)), before, "{name} changed");
        assert_eq!(f.files(), files, "{name}: files appeared beside it");
    }
}

#[test]
fn the_demo_writes_only_demo_registers() {
    let f = Folder::new();
    f.init("requests.db", &[]);
    let r = f.ok(
        "requests.db",
        &["add", "--name", "Real person", "--right", "access"],
    );
    let before = hash(&f.path("requests.db"));
    let line = f.fails("requests.db", &["demo", "--force"]);
    assert!(line.contains("is a register, not a demo"), "{line}");
    assert!(
        !line.contains("--force"),
        "no message suggests replacing it: {line}"
    );
    assert_eq!(hash(&f.path("requests.db")), before);

    // DSR_DESK_DB names the register, not the demo's target: the demo goes to demo.db.
    let mut c = f.command();
    c.env("DSR_DESK_DB", f.path("requests.db"));
    let run = f.run_with(c, &["demo", "--force", "--customers", "200"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let demo = f.path(".local/share/dsr-desk/demo.db");
    assert!(
        run.stdout.contains(&demo.display().to_string()),
        "{}",
        run.stdout
    );
    assert!(
        f.ok("requests.db", &["show", r.trim()])
            .contains("Real person")
    );
    let demo_db = demo.to_str().expect("utf-8");
    let settings = f.ok(demo_db, &["settings"]);
    assert!(
        settings.starts_with("register\tdemo\nname\tORINOR AS\n"),
        "{settings}"
    );

    // A demo register is replaced only with --force, and the message says how.
    let line = f.fails(demo_db, &["demo", "--customers", "200"]);
    assert!(
        line.contains("is a demo register") && line.contains("--force"),
        "{line}"
    );
    f.ok(demo_db, &["demo", "--force", "--customers", "200"]);
}

#[test]
fn backup_writes_a_checked_owner_only_copy_and_never_replaces_a_file() {
    let f = Folder::new();
    f.init("r.db", &[]);
    let r = f.ok("r.db", &["add", "--name", "Kari", "--right", "access"]);
    let out = f.ok("r.db", &["backup", "copy.db"]);
    assert!(
        out.contains("copy.db") && out.contains("integrity ok") && out.contains("2 events"),
        "{out}"
    );
    let copy = f.path("copy.db");
    assert_eq!(
        fs::metadata(&copy).expect("copy").permissions().mode() & 0o777,
        0o600
    );
    assert!(
        f.files().iter().all(|n| !n.contains(".tmp")),
        "no temporary file left: {:?}",
        f.files()
    );
    assert!(f.ok("copy.db", &["show", r.trim()]).contains("Kari"));
    assert!(
        f.ok("copy.db", &["audit", "verify"])
            .starts_with("audit trail intact: 2 events")
    );
    assert!(f.ok("copy.db", &["settings"]).contains("name\tACME AS"));

    let before = hash(&copy);
    let line = f.fails("r.db", &["backup", "copy.db"]);
    assert!(
        line.contains("exists") && line.contains("never replaces"),
        "{line}"
    );
    assert_eq!(hash(&copy), before);
    let json: serde_json::Value =
        serde_json::from_str(&f.ok("r.db", &["backup", "second.db", "--json"])).expect("json");
    assert_eq!(json["events"], 2);
}
