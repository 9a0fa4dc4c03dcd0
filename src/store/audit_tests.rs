//! The keyed chain and the replay check, on stores in memory.

use super::tests::{new, t};
use super::*;
use crate::domain::change::{Change, Decide};
use crate::domain::request::{RefusalGround, Right, Verdict};

fn key(b: u8) -> AuditKey {
    AuditKey::from_bytes([b; 32])
}

fn note(s: &mut Store, reference: &str, text: &str) -> Result<RequestChange> {
    s.apply(
        reference,
        None,
        &Change::Note(text.into()),
        "jk",
        t("2025-03-06T10:00:00Z"),
    )
}

/// A store with two plain events, then keyed with `key(1)` for two more.
fn half_keyed() -> Store {
    let mut s = Store::open_in_memory().expect("store");
    let r = s
        .add_request(
            &new("Siv", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    note(&mut s, &r.reference, "plain").expect("note");
    s.set_audit_key(key(1)).expect("key");
    note(&mut s, &r.reference, "keyed").expect("note");
    note(&mut s, &r.reference, "keyed too").expect("note");
    s
}

#[test]
fn a_register_is_keyed_from_its_first_write_with_a_key_and_old_events_still_verify() {
    let s = half_keyed();
    let report = s.verify_chain().expect("verify");
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.events, report.keyed_from), (4, Some(3)));
    assert!(report.key_checked);
    let macs: Vec<Option<String>> = s
        .conn
        .prepare("SELECT mac FROM events ORDER BY id")
        .expect("prepare")
        .query_map((), |r| r.get(0))
        .expect("query")
        .collect::<crate::store::sql::Result<_>>()
        .expect("rows");
    assert!(macs[0].is_none() && macs[1].is_none());
    assert!(macs[2].is_some() && macs[3].is_some());
    // The key is nowhere in the database.
    let hex = key(1).to_hex();
    let dump: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM meta WHERE value LIKE '%' || ?1 || '%'",
            [&hex],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(dump, 0);
}

#[test]
fn a_keyed_register_refuses_writes_without_its_key_and_verifies_integrity_only() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let mut s = Store::create(&path, super::RegisterKind::Register).expect("create");
    s.set_audit_key(key(1)).expect("key");
    let r = s
        .add_request(
            &new("Siv", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    drop(s);
    let mut bare = Store::open(&path).expect("open");
    let err = note(&mut bare, &r.reference, "x").expect_err("no key");
    assert!(err.to_string().contains("audit key is not here"), "{err}");
    let report = bare.verify_chain().expect("verify");
    assert!(report.is_intact());
    assert!(!report.key_checked, "without the key only integrity");
    // Another key is not this register's.
    bare.set_audit_key(key(2)).expect("key");
    let wrong = bare.verify_chain().expect("verify");
    assert_eq!(wrong.first_broken.map(|(id, _)| id), Some(1));
}

#[test]
fn a_forged_event_with_a_recomputed_plain_hash_is_found_with_the_key() {
    let mut s = half_keyed();
    // Forge a fifth event through a store that has another key: its plain hash is right.
    s.set_audit_key(key(9)).expect("another key");
    note(&mut s, "DSR-2025-0001", "forged").expect("forge");
    s.set_audit_key(key(1)).expect("the key");
    let report = s.verify_chain().expect("verify");
    let (id, why) = report.first_broken.expect("found");
    assert_eq!(id, 5);
    assert!(why.contains("keyed hash does not match"), "{why}");
}

#[test]
fn moving_or_removing_the_keyed_from_marker_is_found() {
    for (sql, want) in [
        (
            "UPDATE meta SET value = '4' WHERE key = 'audit_keyed_from'",
            "marker was moved",
        ),
        (
            "UPDATE meta SET value = '2' WHERE key = 'audit_keyed_from'",
            "no keyed hash",
        ),
        (
            "DELETE FROM meta WHERE key = 'audit_keyed_from'",
            "marker is gone",
        ),
        (
            "UPDATE meta SET value = '9' WHERE key = 'audit_keyed_from'",
            "marker was moved",
        ),
        (
            "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id >= 3",
            "the events from 3 on were removed",
        ),
    ] {
        let s = half_keyed();
        crate::store::tests::tamper(&s, sql);
        let report = s.verify_chain().expect("verify");
        let (_, why) = report.first_broken.expect(sql);
        assert!(why.contains(want), "{sql}: {why}");
    }
}

#[test]
fn replay_matches_every_change_and_names_an_edited_row() {
    let mut s = Store::open_in_memory().expect("store");
    s.set_audit_key(key(1)).expect("key");
    let now = t("2025-03-10T10:00:00Z");
    let r = s
        .add_request(
            &new(
                "Siv",
                "2025-03-05T09:00:00Z",
                &[Right::Erasure, Right::Objection],
            ),
            "intake",
            now,
        )
        .expect("add");
    let changes = [
        Change::Assign(Some("jk".into())),
        Change::SetRights(
            vec![Right::Erasure, Right::Objection],
            Some(crate::domain::request::ObjectionScope::Marketing),
        ),
        Change::Decide(Decide::new(vec![(
            Some(Right::Erasure),
            Verdict::Refused {
                ground: RefusalGround::ErasureNoGround,
                reason: "none applies".into(),
            },
        )])),
    ];
    for c in &changes {
        s.apply(&r.reference, None, c, "jk", now).expect("apply");
    }
    s.set_suspension_enabled(true, "jk", now).expect("setting");
    let report = s.replay_check().expect("replay");
    assert_eq!(
        report,
        ReplayReport {
            replayed: 1,
            ..ReplayReport::default()
        }
    );

    s.conn
        .execute_batch(
            "UPDATE decisions SET kind = 'done', ground = NULL WHERE request_id = 1;
             UPDATE requests SET assignee = 'mallory', due_date = '2031-01-01' WHERE id = 1;
             UPDATE meta SET value = 'false' WHERE key = 'suspension_enabled';",
        )
        .expect("tamper");
    let report = s.replay_check().expect("replay");
    let said: Vec<String> = report
        .differences
        .iter()
        .map(|d| format!("{}: {}", d.reference, d.what))
        .collect();
    for want in [
        "settings: suspension while identity is checked is off, its events say on",
        "DSR-2025-0001: assignee is 'mallory', its events say 'jk'",
        "DSR-2025-0001: the decision on erasure: kind is 'done', its events say 'refused'",
        "DSR-2025-0001: due date is '2031-01-01'",
    ] {
        assert!(
            said.iter().any(|s| s.starts_with(want)),
            "{want}: {said:#?}"
        );
    }
    assert_eq!(report.replayed, 0);
}

#[test]
fn a_request_without_its_events_or_events_without_their_request_are_named() {
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2025-03-10T10:00:00Z");
    for name in ["A", "B"] {
        s.add_request(
            &new(name, "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            now,
        )
        .expect("add");
    }
    crate::store::tests::tamper(
            &s,
            "PRAGMA foreign_keys = OFF;
             DELETE FROM request_search WHERE rowid = 2;
             DELETE FROM requests WHERE id = 2;
             INSERT INTO requests (id, reference, received_utc, received_date, channel, requester_name,
               rights, rights_mask, status, due_date)
               VALUES (7, 'DSR-2025-0099', '2025-03-05T09:00:00Z', '2025-03-05', 'email', 'X',
               'access', 1, 'open', '2025-04-07');",
        );
    let report = s.replay_check().expect("replay");
    let said: Vec<String> = report
        .differences
        .iter()
        .map(|d| format!("{}: {}", d.reference, d.what))
        .collect();
    assert_eq!(report.replayed, 1, "{said:?}");
    assert!(said.iter().any(|s| s.starts_with("request id 2: event 2 belongs to a request that is not stored")), "{said:?}");
    assert!(
        said.iter()
            .any(|s| s.starts_with("DSR-2025-0099: it has no created event")),
        "{said:?}"
    );
}

#[test]
fn a_row_put_under_another_requests_events_is_named() {
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2025-03-10T10:00:00Z");
    s.add_request(
        &new("A", "2025-03-05T09:00:00Z", &[Right::Access]),
        "jk",
        now,
    )
    .expect("add");
    s.conn
        .execute(
            "UPDATE requests SET reference = 'DSR-2025-0042' WHERE id = 1",
            (),
        )
        .expect("tamper");
    let report = s.replay_check().expect("replay");
    assert_eq!(report.differences.len(), 1, "{report:?}");
    assert!(
        report.differences[0]
            .what
            .contains("it created DSR-2025-0001, not DSR-2025-0042"),
        "{report:?}"
    );
}
