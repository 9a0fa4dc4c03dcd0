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
        .env("DSR_DESK_AUDIT_KEY", dir.join("audit.key"))
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
    assert!(unlinked.contains("link them first"), "{unlinked}");
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
        // Åse wrote in Norwegian: her package is in bokmål, its columns and values in words.
        readable.contains("Datatilsynet")
            && readable.contains("Hvor lenge vi lagrer dem")
            && readable.contains("Kundenummer: K100001")
            && readable.contains("Behandlingen begrenset: nei")
            && !readable.contains("customer_no")
            && readable.contains("Det personvernavdelingen har om deg")
            && readable.contains("Å levere det du bestiller og følge opp kundeforholdet")
            && !readable.contains("Delivering what you order"),
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

fn run_at(dir: &Path, now: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
        .args(["--db", "demo.db"])
        .args(args)
        .current_dir(dir)
        .env("DSR_DESK_NOW", now)
        .env("DSR_DESK_CONFIG", dir.join("no-config.toml"))
        .env_remove("DSR_DESK_DB")
        .env("DSR_DESK_AUDIT_KEY", dir.join("audit.key"))
        .output()
        .expect("run dsr-desk");
    assert!(
        out.status.success(),
        "{args:?} at {now}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every row of every company table in the customer database, as `table/rowid -> row`.
fn company_rows(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let conn = rusqlite::Connection::open(dir.join("demo-customers.db")).expect("customer db");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'dsr_%' AND name NOT LIKE 'sqlite_%'")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut rows = std::collections::BTreeMap::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT rowid, * FROM \"{t}\""))
            .expect("select");
        let n = stmt.column_count();
        let mut q = stmt.query([]).expect("rows");
        while let Some(r) = q.next().expect("row") {
            let id: i64 = r.get(0).expect("rowid");
            let values: Vec<String> = (1..n)
                .map(|i| format!("{:?}", r.get_ref(i).expect("value")))
                .collect();
            rows.insert(format!("{t}/{id}"), values.join("|"));
        }
    }
    rows
}

/// (table, row, keep-through) of every row an erasure preview keeps on legal hold.
fn held_in_preview(preview: &serde_json::Value) -> Vec<(String, i64, String)> {
    let mut held = Vec::new();
    for c in preview["customers"].as_array().expect("customers") {
        for t in c["tables"].as_array().expect("tables") {
            for h in t["hold"].as_array().expect("hold") {
                held.push((
                    t["table"].as_str().expect("table").to_string(),
                    h["row_id"].as_i64().expect("row"),
                    h["keep_through"].as_str().expect("date").to_string(),
                ));
            }
        }
    }
    held
}

/// (table, row, keep-through) of every row on legal hold in the customer database.
fn holds(dir: &Path) -> Vec<(String, i64, String)> {
    let conn = rusqlite::Connection::open(dir.join("demo-customers.db")).expect("customer db");
    conn.prepare("SELECT table_name, row_id, keep_through FROM dsr_holds ORDER BY 1, 2")
        .expect("holds")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn legal_holds_end_on_their_date_and_exactly_the_held_rows_go() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(d, &["demo", "--customers", "300"]);
    // The demo's own erasure (Nora Pedersen's) keeps her invoices on hold already.
    let demo_held = holds(d);
    assert!(
        !demo_held.is_empty(),
        "the demo keeps Nora Pedersen's invoices"
    );
    let lars = reference(d, "Lars Bjørnæs");
    ok(d, &["link", &lars, "3"]);
    let preview: serde_json::Value =
        serde_json::from_str(&ok(d, &["erase", &lars, "--json"])).expect("json");
    let held = held_in_preview(&preview);
    ok(d, &["erase", &lars, "--yes"]);
    assert!(
        held.len() >= 2,
        "the demo keeps some sales records: {held:?}"
    );
    let first = held.iter().map(|h| h.2.clone()).min().expect("a hold");
    let next_day = chrono::NaiveDate::parse_from_str(&first, "%Y-%m-%d")
        .expect("date")
        .succ_opt()
        .expect("day");
    // Late on the last day, Oslo time, the rows are still kept; just after midnight they go.
    let last_evening = format!("{first}T21:30:00Z");
    let first_hour = format!("{next_day}T00:30:00+01:00");
    let due_then: Vec<&(String, i64, String)> = held.iter().filter(|h| h.2 == first).collect();
    assert!(
        due_then.len() < held.len(),
        "some holds run longer: {held:?}"
    );
    assert!(
        demo_held.iter().all(|h| h.2 > first),
        "the demo's own holds end after Lars's first: {demo_held:?}"
    );

    let before = company_rows(d);
    let nothing = run_at(d, NOW, &["retention"]);
    assert!(nothing.contains("No legal hold has ended"), "{nothing}");
    assert!(run_at(d, &last_evening, &["retention", "--run"]).contains("No legal hold has ended"));
    assert_eq!(company_rows(d), before, "nothing goes before its date");

    let listed: serde_json::Value =
        serde_json::from_str(&run_at(d, &first_hour, &["retention", "--json"])).expect("json");
    let mut listed_rows: Vec<(String, i64)> = Vec::new();
    for g in listed["groups"].as_array().expect("groups") {
        assert_eq!(g["request"], lars.as_str(), "the request that held them");
        for r in g["rows"].as_array().expect("rows") {
            listed_rows.push((
                g["table"].as_str().expect("table").to_string(),
                r["row_id"].as_i64().expect("row"),
            ));
        }
    }
    let mut expected: Vec<(String, i64)> = due_then.iter().map(|h| (h.0.clone(), h.1)).collect();
    expected.sort();
    listed_rows.sort();
    assert_eq!(listed_rows, expected);
    assert_eq!(company_rows(d), before, "listing changes nothing");

    let done = run_at(d, &first_hour, &["retention", "--run"]);
    assert!(
        done.contains(&format!("Deleted {} rows", expected.len())) && done.contains("sha256"),
        "{done}"
    );
    let after = company_rows(d);
    let gone: Vec<&String> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let expected_keys: Vec<String> = expected.iter().map(|(t, r)| format!("{t}/{r}")).collect();
    assert_eq!(
        gone,
        expected_keys.iter().collect::<Vec<_>>(),
        "exactly the held rows whose date passed"
    );
    for (k, v) in &after {
        assert_eq!(before.get(k), Some(v), "{k} is untouched");
    }

    // The request that held them says so: counts and a hash, none of the content.
    let shown: serde_json::Value =
        serde_json::from_str(&run_at(d, &first_hour, &["show", &lars, "--json"])).expect("json");
    let event = shown["events"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["kind"] == "retention-ended"))
        .expect("retention event");
    let deleted: i64 = event["detail"]["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| t["deleted"].as_i64().expect("count"))
        .sum();
    assert_eq!(deleted, expected.len() as i64);
    assert_eq!(event["detail"]["sha256"].as_str().map(str::len), Some(64));
    assert!(
        !event.to_string().contains("Bjørnæs") && !event.to_string().contains("F0000"),
        "no content: {event}"
    );

    // Idempotent: a second run finds nothing and changes nothing.
    let again = run_at(d, &first_hour, &["retention", "--run"]);
    assert!(again.contains("No legal hold has ended"), "{again}");
    assert_eq!(company_rows(d), after);

    // Once every date has passed, every held row is gone and no hold is left.
    let last = held.iter().map(|h| h.2.clone()).max().expect("a hold");
    let years_later = format!(
        "{}-06-01T10:00:00Z",
        &last[..4].parse::<i32>().expect("year") + 1
    );
    assert!(demo_held.iter().all(|h| h.2 < years_later));
    run_at(d, &years_later, &["retention", "--run"]);
    let end = company_rows(d);
    for (t, r, _) in held.iter().chain(&demo_held) {
        assert!(!end.contains_key(&format!("{t}/{r}")), "{t}/{r} is gone");
    }
    assert_eq!(end.len(), before.len() - held.len() - demo_held.len());
    let empty: serde_json::Value =
        serde_json::from_str(&run_at(d, &years_later, &["retention", "--json"])).expect("json");
    assert_eq!(empty["groups"], serde_json::json!([]));
    assert!(empty["next"].is_null(), "no hold left: {empty}");
    assert!(run_at(d, &years_later, &["audit", "verify"]).contains("intact"));
}

#[test]
fn a_restriction_is_lifted_only_with_the_date_the_person_was_told() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(d, &["demo", "--customers", "300"]);
    let jonas = reference(d, "Jonas Berg");
    ok(d, &["link", &jonas, "9"]);
    ok(d, &["restrict", &jonas]);
    let untold = fails(d, &["unrestrict", &jonas]);
    assert!(
        untold.contains("Art. 18(3)") && untold.contains("--told"),
        "{untold}"
    );
    let future = fails(d, &["unrestrict", &jonas, "--told", "2025-11-21"]);
    assert!(
        future.contains("is in the future") && future.contains("once it has happened"),
        "{future}"
    );
    let restricted = |d: &Path| -> bool {
        let r: serde_json::Value =
            serde_json::from_str(&ok(d, &["records", "9", "--json"])).expect("json");
        r["restricted"] == true
    };
    assert!(restricted(d), "refusals change nothing");
    let lifted = ok(d, &["unrestrict", &jonas, "--told", "2025-11-20"]);
    assert!(lifted.contains("restriction lifted"), "{lifted}");
    assert!(!restricted(d));
    let shown: serde_json::Value =
        serde_json::from_str(&ok(d, &["show", &jonas, "--json"])).expect("json");
    let event = shown["events"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["kind"] == "restriction-lifted"))
        .expect("event");
    assert_eq!(event["detail"]["told_on"], "2025-11-20");
    let again = fails(d, &["unrestrict", &jonas, "--told", "2025-11-20"]);
    assert!(again.contains("nothing to lift"), "{again}");
    assert!(ok(d, &["audit", "verify"]).contains("intact"));
}

#[test]
fn the_config_can_name_the_customer_database_and_its_data_map() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    ok(d, &["demo", "--customers", "500"]);
    // A second request database that was never connected to the customer records.
    let other = |config: &str, args: &[&str]| {
        std::fs::write(d.join("desk.toml"), config).expect("config");
        Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .args(["--db", "other.db", "--config", "desk.toml"])
            .args(args)
            .current_dir(d)
            .env("DSR_DESK_NOW", NOW)
            .env_remove("DSR_DESK_DB")
            .env("DSR_DESK_AUDIT_KEY", d.join("audit.key"))
            .env_remove("DSR_DESK_CONFIG")
            .output()
            .expect("run")
    };
    let made = other(
        "",
        &[
            "init",
            "--name",
            "ACME AS",
            "--org-number",
            "974760673",
            "--email",
            "privacy@acme.no",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let unconnected = other("", &["lookup", "ase.overby@example.no"]);
    assert_eq!(unconnected.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unconnected.stderr).contains("no customer database"));

    let both = "customer_db = \"demo-customers.db\"\ndata_map = \"demo-datamap.toml\"\n";
    let found = other(both, &["lookup", "ase.overby@example.no"]);
    assert!(
        found.status.success(),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
    assert!(String::from_utf8_lossy(&found.stdout).contains("Åse Øverby"));

    let half = other("customer_db = \"demo-customers.db\"\n", &["lookup", "ase"]);
    assert_eq!(half.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&half.stderr).contains("set both"),
        "{}",
        String::from_utf8_lossy(&half.stderr)
    );
}
