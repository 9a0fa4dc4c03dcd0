//! The customer commands end to end, through the real binary: a demo with its customer
//! database, lookups as JSON, linking, an erasure previewed then carried out, the access
//! package on disk, and errors as one line.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2025-11-20T10:00:00Z";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .args(["--db", "demo.db"])
        .args(args)
        .current_dir(dir)
        .env("DSR_DESK_NOW", NOW)
        .env("DSR_DESK_CONFIG", dir.join("no-config.toml"))
        .env_remove("DSR_DESK_DB")
        .output()
        .expect("run dsr-desk")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

/// The reference of the demo request from `name`.
fn reference(dir: &Path, name: &str) -> String {
    ok(dir, &["list", "--status", "all"])
        .lines()
        .find(|l| l.split('\t').nth(4) == Some(name))
        .and_then(|l| l.split('\t').next())
        .expect("demo request")
        .to_string()
}

#[test]
fn lookup_link_erase_and_access_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let built = ok(d, &["demo", "--customers", "3000"]);
    assert!(built.contains("demo-customers.db"), "{built}");
    for file in ["demo.db", "demo-customers.db"] {
        let mode = std::fs::metadata(d.join(file))
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{file} is owner-only");
    }
    let again = fails(d, &["demo"]);
    assert!(again.contains("--force"), "{again}");

    // JSON: an array, best match first, with the documented fields.
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["lookup", "0047 401 22 333", "--json"])).expect("json");
    let first = &json[0];
    assert_eq!(first["customer_id"], 5);
    assert_eq!(first["name"], "Mohammed Ali");
    assert_eq!(first["matched_on"], "phone");
    assert!(first["email"].is_string() && first["phone"].is_string());
    let words = ok(d, &["lookup", "ase", "overby"]);
    assert!(
        words.contains("Åse Øverby") && words.contains("Ase Overby"),
        "{words}"
    );

    // Erasure: preview changes nothing; --yes with the preview's fingerprint does it.
    let lars = reference(d, "Lars Bjørnæs");
    let unlinked = fails(d, &["erase", &lars]);
    assert!(unlinked.contains("dsr-desk link"), "{unlinked}");
    assert!(ok(d, &["link", &lars, "3"]).contains("linked"));
    let preview = ok(d, &["erase", &lars]);
    assert!(
        preview.contains("keep") && preview.contains("bokføringsloven"),
        "{preview}"
    );
    let fingerprint = preview
        .split("--plan ")
        .nth(1)
        .map(str::trim)
        .expect("fingerprint")
        .to_string();
    assert!(
        ok(d, &["records", "3"]).contains("Bjørnæs"),
        "nothing changed yet"
    );
    let stale = fails(d, &["erase", &lars, "--yes", "--plan", "000000"]);
    assert!(stale.contains("preview it again"), "{stale}");
    let done = ok(d, &["erase", &lars, "--yes", "--plan", &fingerprint]);
    assert!(
        done.contains("ERASURE_LEGAL_OBLIGATION") && done.contains("sha256"),
        "{done}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(d, &["show", &lars, "--json"])).expect("json");
    assert_eq!(shown["outcome"], "partial");
    assert_eq!(shown["refusal_ground"], "ERASURE_LEGAL_OBLIGATION");
    let checklist = ok(d, &["notify", &lars, "hosting", "--date", "2025-11-20"]);
    assert!(checklist.contains("notified 2025-11-20") && checklist.contains("not yet notified"));
    assert!(ok(d, &["audit", "verify"]).contains("intact"));

    // The access package: a private file, recorded on the request.
    let ase = reference(d, "Åse Øverby");
    let written = ok(d, &["access", &ase, "-o", "out"]);
    let paths: Vec<&str> = written.lines().collect();
    let find = |end: &str| {
        d.join(
            paths
                .iter()
                .find(|p| p.ends_with(end))
                .unwrap_or_else(|| panic!("no {end} in {written}")),
        )
    };
    // A folder per request: the package as JSON, a readable Markdown with the Art. 15
    // information, a CSV per table, and a manifest of every file's SHA-256.
    let file = find("-access.json");
    let readable = std::fs::read_to_string(find("-access.md")).expect("markdown");
    assert!(
        readable.contains("Datatilsynet") && readable.contains("How long we keep it"),
        "{readable}"
    );
    assert!(paths.iter().any(|p| p.ends_with(".csv")), "{written}");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(find("-access-manifest.json")).expect("manifest"))
            .expect("json");
    let listed = manifest["files"].as_array().expect("files");
    assert_eq!(
        listed.len(),
        paths.len() - 1,
        "every other file is in the manifest"
    );
    for entry in listed {
        use sha2::Digest;
        let bytes = std::fs::read(d.join("out").join(entry["file"].as_str().expect("name")))
            .expect("listed file");
        let hex: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry["sha256"].as_str(), Some(hex.as_str()), "{entry}");
    }
    // A second package into the same folder is refused unless asked.
    let again = fails(d, &["access", &ase, "-o", "out"]);
    assert!(again.contains("already exists"), "{again}");
    ok(d, &["access", &ase, "-o", "out", "--force"]);
    assert_eq!(
        std::fs::metadata(&file)
            .expect("package")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    assert_eq!(package["processing_confirmed"], true);
    assert!(
        package["information"]["complaint"]
            .as_str()
            .unwrap_or("")
            .contains("Datatilsynet")
    );
    assert!(ok(d, &["show", &ase]).contains("Access package written"));

    // A data map that does not fit the database is refused with the table named.
    let map = std::fs::read_to_string(d.join("demo-datamap.toml")).expect("map");
    std::fs::write(
        d.join("bad.toml"),
        map.replace("\"web_events\"", "\"web_event\""),
    )
    .expect("write");
    let bad = fails(d, &["connect", "demo-customers.db", "bad.toml"]);
    assert!(bad.contains("no table 'web_event'"), "{bad}");
}
