//! Registers know they are one; anything else is refused untouched; backups are checked.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::*;
use crate::domain::request::{Channel, Requester, Right};
use crate::store::NewRequest;

fn now() -> chrono::DateTime<chrono::Utc> {
    "2025-06-02T10:00:00Z".parse().expect("time")
}

fn hash(path: &Path) -> String {
    Sha256::digest(fs::read(path).expect("read"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn beside(path: &Path) -> Vec<String> {
    let dir = path.parent().expect("dir");
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn add_one(store: &mut Store) {
    store
        .add_request(
            &NewRequest {
                received: now(),
                channel: Channel::Email,
                requester: Requester {
                    name: "Kari".into(),
                    email: None,
                    phone: None,
                },
                agent: None,
                agent_role: None,
                rights: vec![Right::Access],
                message_id: None,
                original_text: None,
                objection_scope: None,
            },
            "jk",
            now(),
        )
        .expect("add");
}

#[test]
fn only_create_makes_a_register_and_it_is_marked() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("nowhere").join("requests.db");
    let err = Store::open(&missing).err().expect("no register");
    assert!(matches!(err, StoreError::NoRegister { .. }), "{err:?}");
    assert!(
        !missing.parent().expect("dir").exists(),
        "open creates nothing, not even the folder"
    );

    let path = dir.path().join("requests.db");
    let store = Store::create(&path, RegisterKind::Register).expect("create");
    assert_eq!(
        store.register_kind().expect("kind"),
        Some(RegisterKind::Register)
    );
    let id: i32 = store
        .conn
        .query_row("PRAGMA application_id", (), |r| r.get(0))
        .expect("id");
    assert_eq!(id, APPLICATION_ID);
    drop(store);
    assert_eq!(
        inspect(&path).expect("inspect"),
        Some(Found {
            kind: RegisterKind::Register,
            legacy: false
        })
    );
    let again = Store::create(&path, RegisterKind::Demo)
        .err()
        .expect("exists");
    assert!(matches!(again, StoreError::Exists { .. }), "{again:?}");
    Store::open(&path).expect("reopens");
}

#[test]
fn any_other_file_is_refused_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    fs::write(d.join("empty.db"), b"").expect("write");
    fs::write(d.join("text.db"), b"name,email\nKari,kari@example.no\n").expect("write");
    {
        let c = Connection::open(d.join("other-app.db")).expect("open");
        c.pragma_update(None, "application_id", 0x1234).expect("id");
        c.execute_batch("CREATE TABLE requests (x); CREATE TABLE events (x); CREATE TABLE meta (key, value); CREATE TABLE decisions (x);")
            .expect("tables");
        let c = Connection::open(d.join("plain.db")).expect("open");
        c.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Kari');")
            .expect("table");
    }
    // A WAL-mode database in use by its own application: its -wal is live while we look.
    let live = Connection::open(d.join("crm.db")).expect("open");
    live.query_row("PRAGMA journal_mode = WAL", (), |_| Ok(()))
        .expect("wal");
    live.execute_batch(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY); INSERT INTO customers DEFAULT VALUES;",
    )
    .expect("table");
    let closed_wal = d.join("closed-wal.db");
    {
        let c = Connection::open(&closed_wal).expect("open");
        c.query_row("PRAGMA journal_mode = WAL", (), |_| Ok(()))
            .expect("wal");
        c.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY);")
            .expect("table");
    }
    for name in [
        "empty.db",
        "text.db",
        "other-app.db",
        "plain.db",
        "crm.db",
        "closed-wal.db",
    ] {
        let path = d.join(name);
        let files = beside(&path);
        let before = hash(&path);
        let err = Store::open(&path).err().expect("refused");
        assert!(
            matches!(err, StoreError::NotARegister { .. }),
            "{name}: {err:?}"
        );
        assert!(err.to_string().contains("not a dsr-desk register"), "{err}");
        assert_eq!(hash(&path), before, "{name} changed");
        assert_eq!(beside(&path), files, "{name}: files appeared beside it");
        assert!(Store::create(&path, RegisterKind::Register).is_err());
        assert_eq!(hash(&path), before, "{name} changed by create");
    }
    drop(live);
}

#[test]
fn a_register_from_an_earlier_version_opens_and_is_marked_by_a_writer() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("requests.db");
    let mut store = Store::create(&path, RegisterKind::Register).expect("create");
    add_one(&mut store);
    // What an earlier version left: no application id, no register_kind row.
    store
        .conn
        .execute_batch("PRAGMA application_id = 0; DELETE FROM meta WHERE key = 'register_kind';")
        .expect("unmark");
    drop(store);
    assert_eq!(
        inspect(&path).expect("inspect"),
        Some(Found {
            kind: RegisterKind::Register,
            legacy: true
        })
    );
    let store = Store::open(&path).expect("an earlier register opens");
    assert_eq!(
        store.get("DSR-2025-0001").expect("kept").requester.name,
        "Kari"
    );
    assert_eq!(
        store.register_kind().expect("kind"),
        Some(RegisterKind::Register)
    );
    drop(store);
    assert_eq!(
        inspect(&path).expect("inspect").map(|f| f.legacy),
        Some(false)
    );

    // An earlier demo remembers the customer database the demo built beside it.
    let demo = dir.path().join("demo.db");
    let mut store = Store::create(&demo, RegisterKind::Demo).expect("create");
    store
        .set_customer_source("demo-customers.db", "demo-datamap.toml", "demo", now())
        .expect("source");
    store
        .conn
        .execute_batch("PRAGMA application_id = 0; DELETE FROM meta WHERE key = 'register_kind';")
        .expect("unmark");
    drop(store);
    assert_eq!(
        inspect(&demo).expect("inspect"),
        Some(Found {
            kind: RegisterKind::Demo,
            legacy: true
        })
    );
}

#[test]
fn a_backup_is_a_checked_owner_only_copy_that_never_replaces_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("requests.db");
    let mut store = Store::create(&path, RegisterKind::Register).expect("create");
    add_one(&mut store);
    let target = dir.path().join("backup.db");
    let report = store.backup_to(&target).expect("backup");
    assert_eq!(report.events, store.verify_chain().expect("chain").events);
    let mode = fs::metadata(&target).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        beside(&path),
        [
            "backup.db",
            "requests.db",
            "requests.db-shm",
            "requests.db-wal"
        ],
        "no temporary file is left"
    );
    let copy = Store::open(&target).expect("the backup is a register");
    assert_eq!(
        copy.get("DSR-2025-0001").expect("copied").requester.name,
        "Kari"
    );
    drop(copy);

    let before = hash(&target);
    let err = store.backup_to(&target).expect_err("exists");
    assert!(matches!(err, StoreError::Exists { .. }), "{err:?}");
    assert_eq!(hash(&target), before);
}
