//! The command line on a register on PostgreSQL: the same commands as on a file, a move from
//! a file with its audit trail, several processes writing at once, and a role that cannot
//! alter the event log. Needs a server: `DSR_DESK_TEST_POSTGRES` names a role that may create
//! databases (`.ci/postgres start DIR` prints one); without it every test says it was skipped.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::cli::Workspace;

const NOW: &str = "2026-12-03T09:00:00Z";

/// A fresh, empty database on the test server, and its address; `None`, said loudly, when
/// there is no server.
fn scratch(tag: &str) -> Option<String> {
    let address = common::cli::postgres_scratch(tag);
    if address.is_none() {
        eprintln!("SKIPPED: no PostgreSQL test server (set DSR_DESK_TEST_POSTGRES)");
    }
    address
}

/// `add`: the reference it prints.
fn add(ws: &Workspace, name: &str, email: &str, right: &str) -> String {
    let out = ws.ok(&["add", "--name", name, "--email", email, "--right", right]);
    out.trim().to_string()
}

#[test]
fn the_same_commands_work_on_a_register_on_postgresql() {
    let Some(address) = scratch("commands") else {
        return;
    };
    let ws = Workspace::init_at(NOW, &address);
    let kari = add(&ws, "Kari Nordmann", "kari@example.no", "access");
    let per = add(&ws, "Per Bjørnæs", "per@example.no", "erasure");
    assert_eq!(
        (kari.as_str(), per.as_str()),
        ("DSR-2026-0001", "DSR-2026-0002")
    );
    let list = ws.ok(&["list"]);
    assert!(
        list.contains("Kari Nordmann") && list.contains("Per Bjørnæs"),
        "{list}"
    );
    // The same stale-write rule: a second `init` is refused, the register left as it was.
    let (code, _, err) = ws.run(&[
        "init",
        "--name",
        "X",
        "--org-number",
        "974760673",
        "--email",
        "x@x.no",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("already") || err.contains("exists"), "{err}");
    let verify = ws.ok(&["audit", "verify"]);
    assert!(verify.contains("audit trail intact: 3 events"), "{verify}");
    assert!(verify.contains("2 requests match their events"), "{verify}");
    // The address is shown without a password, whatever the message.
    let with_password = address.replacen("dsr@", "dsr:hemmelig@", 1);
    let (_, out, err) = ws.run_on(&with_password, &["list"]);
    assert!(
        !out.contains("hemmelig") && !err.contains("hemmelig"),
        "{out}{err}"
    );
}

#[test]
fn a_register_moves_from_its_file_with_its_audit_trail_intact() {
    let Some(address) = scratch("move") else {
        return;
    };
    let ws = Workspace::init_file(NOW);
    for (name, right) in [("Kari Nordmann", "access"), ("Ola Berg", "objection")] {
        ws.ok(&[
            "add",
            "--name",
            name,
            "--email",
            "a@example.no",
            "--right",
            right,
        ]);
    }
    ws.ok(&["assign", "DSR-2026-0002", "jk"]);
    let head = ws.ok(&["audit", "head"]);
    let moved = ws.ok(&["migrate", "--to", &address]);
    assert!(
        moved.contains("2 requests") && moved.contains("verifies at both ends"),
        "{moved}"
    );
    // The same trail, to the hash, and the same requests, on PostgreSQL.
    assert_eq!(ws.ok(&["audit", "head"]), head);
    let show = ws.ok(&["show", "DSR-2026-0002"]);
    assert!(show.contains("Ola Berg") && show.contains("jk"), "{show}");
    // New references go on from where the file's ended.
    let next = add(&ws, "Siri", "s@example.no", "access");
    assert_eq!(next, "DSR-2026-0003");
    // A target with a register in it is never written over.
    let (code, _, err) = ws.run(&["migrate", "--to", &address]);
    assert_ne!(code, 0);
    assert!(err.contains("exists") || err.contains("nothing"), "{err}");
    assert!(ws.ok(&["audit", "verify"]).contains("audit trail intact"));
}

#[test]
fn processes_writing_at_once_lose_no_update() {
    let Some(address) = scratch("writers") else {
        return;
    };
    let ws = Workspace::init_at(NOW, &address);
    add(&ws, "Emma Berg", "e@example.no", "access");
    // Eight new requests and eight changes to one request, all at once.
    let mut children = Vec::new();
    for i in 0..8 {
        let name = format!("Person {i}");
        children.push(
            ws.command()
                .args([
                    "add",
                    "--name",
                    &name,
                    "--email",
                    "p@example.no",
                    "--right",
                    "access",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn"),
        );
    }
    let mut writers = Vec::new();
    for i in 0..8 {
        let mut c = ws.command();
        c.args(["assign", "DSR-2026-0001", &format!("officer{i}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        writers.push(c.spawn().expect("spawn"));
    }
    for c in children {
        let out = c.wait_with_output().expect("add");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut done = 0;
    for w in writers {
        let out = w.wait_with_output().expect("assign");
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        if out.status.success() {
            done += 1;
        } else {
            assert!(
                err.contains("changed by someone else") || err.contains("try again"),
                "{err}"
            );
        }
    }
    assert!(done >= 1);
    let list = ws.ok(&["list", "--json"]);
    assert_eq!(list.matches("\"ref\":").count(), 9, "{list}");
    // Every assignment that said it was made is in the request's version; none was lost.
    let emma: serde_json::Value =
        serde_json::from_str(&ws.ok(&["show", "DSR-2026-0001", "--json"])).expect("json");
    assert_eq!(emma["version"], 1 + done, "{emma}");
    let verify = ws.ok(&["audit", "verify"]);
    assert!(verify.contains("audit trail intact"), "{verify}");
    assert!(verify.contains("9 requests match their events"), "{verify}");
}

#[test]
fn the_officers_role_cannot_alter_the_event_log_and_the_owner_is_refused_too() {
    let Some(address) = scratch("roles") else {
        return;
    };
    let ws = Workspace::init_at(NOW, &address);
    add(&ws, "Kari", "k@example.no", "access");
    let mut owner = postgres::Client::connect(&address, postgres::NoTls).expect("owner");
    let grants = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/postgres/officer-role.sql"),
    )
    .expect("grants");
    owner
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE dsr_officer LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        )
        .expect("role");
    owner.batch_execute(&grants).expect("grants");
    let officer_address = address.replacen("://dsr@", "://dsr_officer@", 1);
    // The officer's desk works as the owner's does...
    let added = ws.ok_on(
        &officer_address,
        &[
            "add",
            "--name",
            "Per",
            "--email",
            "p@example.no",
            "--right",
            "erasure",
        ],
    );
    assert_eq!(added.trim(), "DSR-2026-0002");
    // ...but may not change or remove an event,
    let mut officer =
        postgres::Client::connect(&officer_address, postgres::NoTls).expect("officer");
    for tamper in [
        "UPDATE events SET actor = 'mallory' WHERE id = 2",
        "DELETE FROM events WHERE id = 2",
        "TRUNCATE events CASCADE",
    ] {
        let e = officer.batch_execute(tamper).expect_err(tamper);
        assert!(
            e.to_string().contains("permission denied")
                || format!("{e:?}").contains("InsufficientPrivilege")
                || format!("{e:?}").contains("42501"),
            "{tamper}: {e:?}"
        );
    }
    // and the owner, who has the privilege, is stopped by the trigger.
    let e = owner
        .batch_execute("UPDATE events SET actor = 'mallory' WHERE id = 2")
        .expect_err("owner's update");
    assert!(format!("{e:?}").contains("append-only"), "{e:?}");
    let verify = ws.ok(&["audit", "verify"]);
    assert!(verify.contains("audit trail intact"), "{verify}");
}

#[test]
fn tls_checks_the_server_s_certificate_against_the_root_named_or_the_system_s() {
    let Some(address) = scratch("tls") else {
        return;
    };
    let Some(ca) = std::env::var("DSR_DESK_TEST_POSTGRES_CA")
        .ok()
        .filter(|p| Path::new(p).is_file())
    else {
        eprintln!("SKIPPED: the test server has no TLS (set DSR_DESK_TEST_POSTGRES_CA to its CA)");
        return;
    };
    let verified = format!("{address}?sslmode=verify-full&sslrootcert={ca}");
    let ws = Workspace::init_at(NOW, &verified);
    add(&ws, "Kari", "k@example.no", "access");
    // A certificate no root vouches for is refused, in one line, and nothing is written.
    let (code, _, err) = ws.run_on(
        &format!("{address}?sslmode=require"),
        &[
            "add",
            "--name",
            "Per",
            "--email",
            "p@example.no",
            "--right",
            "access",
        ],
    );
    assert_ne!(code, 0);
    assert!(err.to_lowercase().contains("certificate"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let list = ws.ok(&["list"]);
    assert!(list.contains("Kari") && !list.contains("Per"), "{list}");
}
