//! Store tests against real SQLite files, and against PostgreSQL when a test server is named
//! (see `postgres_scratch`).

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::domain::change::{Change, Decide};
use crate::domain::deadline::Extension;
use crate::domain::request::{Channel, Outcome, RefusalGround, Requester, Right, Status, Verdict};

/// The server the suite also runs on, when `DSR_DESK_TEST_POSTGRES` names one: the address
/// of a role that may create databases (e.g. `postgres://dsr@127.0.0.1:54329/postgres`).
pub(crate) fn postgres_server() -> Option<String> {
    std::env::var("DSR_DESK_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// A fresh, empty database on that server, and its address.
pub(crate) fn postgres_scratch() -> Option<String> {
    static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let server = postgres_server()?;
    let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("dsr_test_{}_{n}", std::process::id());
    let mut admin = ::postgres::Client::connect(&server, ::postgres::NoTls)
        .expect("the test server in DSR_DESK_TEST_POSTGRES answers");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("a scratch database");
    Some(with_database(&server, &name))
}

/// `address` with its database replaced by `name`.
pub(crate) fn with_database(address: &str, name: &str) -> String {
    let (scheme, rest) = address.split_once("://").unwrap_or(("postgres", address));
    let (authority, query) = match rest.split_once('/') {
        Some((authority, tail)) => (authority, tail.split_once('?').map(|(_, q)| q)),
        None => (rest, None),
    };
    match query {
        Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
        None => format!("{scheme}://{authority}/{name}"),
    }
}

/// A tamperer's SQL, written for SQLite, as it reads on the store's engine: on PostgreSQL the
/// owner disables the append-only trigger (it cannot drop what the trigger guards) and turns
/// foreign keys off with the replication role.
pub(crate) fn tamper(s: &Store, sql: &str) {
    let sql = match s.engine() {
        Engine::Sqlite => sql.to_string(),
        Engine::Postgres => sql
            .replace(
                "DROP TRIGGER events_no_update;",
                "ALTER TABLE events DISABLE TRIGGER events_no_change;",
            )
            .replace(
                "DROP TRIGGER events_no_delete;",
                "ALTER TABLE events DISABLE TRIGGER events_no_change;",
            )
            .replace(
                "PRAGMA foreign_keys = OFF;",
                "SET session_replication_role = replica;",
            )
            .replace(
                "FROM request_search WHERE rowid",
                "FROM request_search WHERE id",
            ),
    };
    s.conn.execute_batch(&sql).expect("tamper");
}

pub(crate) fn t(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A request from `name` (with an e-mail made from the name), received at `received`.
pub(crate) fn new(name: &str, received: &str, rights: &[Right]) -> NewRequest {
    NewRequest {
        received: t(received),
        channel: Channel::Email,
        requester: Requester {
            name: name.into(),
            email: Some(format!(
                "{}@example.no",
                name.to_lowercase().replace(' ', ".")
            )),
            phone: None,
        },
        agent: None,
        agent_role: None,
        rights: rights.to_vec(),
        message_id: None,
        original_text: Some("Hei".into()),
        objection_scope: None,
    }
}

#[test]
fn round_trip_with_references_per_year() {
    let mut s = Store::open_in_memory().expect("store");
    let a = s
        .add_request(
            &new(
                "Åse Øverby",
                "2025-03-05T09:00:00Z",
                &[Right::Erasure, Right::Access],
            ),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    let b = s
        .add_request(
            &new("Ola", "2025-12-31T23:30:00Z", &[]),
            "jk",
            t("2026-01-01T10:00:00Z"),
        )
        .expect("add");
    assert_eq!(a.reference, "DSR-2025-0001");
    assert_eq!(
        b.reference, "DSR-2026-0001",
        "the Oslo receipt year names the reference"
    );
    let back = s.get("dsr-2025-0001").expect("get");
    assert_eq!(back.rights, vec![Right::Access, Right::Erasure]);
    assert_eq!(back.requester.name, "Åse Øverby");
    assert_eq!(back.deadline(false).in_force, d("2025-04-07"));
    assert!(matches!(
        s.get("DSR-1999-0001"),
        Err(StoreError::NotFound(_))
    ));
    let events = s.events_of(a.id).expect("events");
    assert_eq!(events.len(), 1);
    assert!(
        events[0].summary.contains("due 2025-04-07"),
        "{}",
        events[0].summary
    );
}

#[test]
fn a_stale_write_is_refused() {
    let mut s = Store::open_in_memory().expect("store");
    let r = s
        .add_request(
            &new("Kari", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    let now = t("2025-03-06T10:00:00Z");
    // Officer A assigns with the version she read; officer B then writes with the same old version.
    s.apply(
        &r.reference,
        Some(r.version),
        &Change::Assign(Some("A".into())),
        "A",
        now,
    )
    .expect("first");
    let stale = s.apply(
        &r.reference,
        Some(r.version),
        &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
        "B",
        now,
    );
    assert!(matches!(stale, Err(StoreError::Stale(_))), "{stale:?}");
    let back = s.get(&r.reference).expect("get");
    assert_eq!(back.status, Status::Open);
    assert_eq!(back.assignee.as_deref(), Some("A"));
    // A note never makes a form stale.
    s.apply(
        &r.reference,
        None,
        &Change::Note("called her".into()),
        "A",
        now,
    )
    .expect("note");
    assert_eq!(s.get(&r.reference).expect("get").version, back.version);
}

#[test]
fn decisions_close_the_request_and_derive_the_outcome() {
    let mut s = Store::open_in_memory().expect("store");
    let r = s
        .add_request(
            &new(
                "Kari",
                "2025-03-05T09:00:00Z",
                &[Right::Access, Right::Erasure],
            ),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    let refuse = Verdict::Refused {
        ground: RefusalGround::ErasureLegalObligation,
        reason: "bokføringsloven § 13".into(),
    };
    let done = s
        .apply(
            &r.reference,
            None,
            &Change::Decide(Decide::new(vec![
                (Some(Right::Access), Verdict::Done),
                (Some(Right::Erasure), refuse),
            ])),
            "jk",
            t("2025-03-20T10:00:00Z"),
        )
        .expect("decide");
    assert_eq!(done.request.status, Status::Closed);
    let back = s.get(&r.reference).expect("get");
    assert_eq!(back.outcome(), Some(Outcome::Partial));
    assert_eq!(
        back.refusal().map(|(g, _)| g),
        Some(RefusalGround::ErasureLegalObligation)
    );
    let page = s
        .page(
            &QueueFilter {
                view: View::Closed,
                ..Default::default()
            },
            d("2025-03-20"),
            0,
            10,
        )
        .expect("page");
    assert_eq!(page[0].outcome, Some(Outcome::Partial));
}

#[test]
fn the_event_chain_breaks_when_a_row_is_altered() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    let mut s = Store::create(&path, RegisterKind::Register).expect("store");
    for i in 0..3 {
        let r = s
            .add_request(
                &new(&format!("P{i}"), "2025-03-05T09:00:00Z", &[Right::Access]),
                "jk",
                t("2025-03-05T10:00:00Z"),
            )
            .expect("add");
        s.apply(
            &r.reference,
            None,
            &Change::Note("x".into()),
            "jk",
            t("2025-03-06T10:00:00Z"),
        )
        .expect("note");
    }
    let ok = s.verify_chain().expect("verify");
    assert!(ok.is_intact());
    assert_eq!(ok.events, 6);
    assert_eq!(ok.head, s.chain_head().expect("head"));
    // The triggers refuse an ordinary edit...
    assert!(
        s.conn
            .execute("UPDATE events SET summary = 'nothing' WHERE id = 3", ())
            .is_err()
    );
    // ...and an edit behind their back is found.
    tamper(
        &s,
        "DROP TRIGGER events_no_update; UPDATE events SET actor = 'mallory' WHERE id = 3;",
    );
    let broken = s.verify_chain().expect("verify");
    assert_eq!(broken.first_broken.map(|(id, _)| id), Some(3));
}

#[test]
fn a_removed_event_is_found() {
    let mut s = Store::open_in_memory().expect("store");
    for i in 0..3 {
        s.add_request(
            &new(&format!("P{i}"), "2025-03-05T09:00:00Z", &[]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    }
    tamper(
        &s,
        "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 2;",
    );
    let report = s.verify_chain().expect("verify");
    assert_eq!(report.first_broken.map(|(id, _)| id), Some(3));
}

#[test]
fn queue_is_most_urgent_first_and_counts_agree() {
    let mut s = Store::open_in_memory().expect("store");
    let today = d("2025-04-03");
    let now = t("2025-04-03T10:00:00Z");
    s.add_request(
        &new("Late", "2025-02-20T09:00:00Z", &[Right::Access]),
        "jk",
        now,
    )
    .expect("add");
    s.add_request(
        &new("Soon", "2025-03-05T09:00:00Z", &[Right::Erasure]),
        "jk",
        now,
    )
    .expect("add");
    s.add_request(&new("Fresh", "2025-04-01T09:00:00Z", &[]), "jk", now)
        .expect("add");
    let closed = s
        .add_request(
            &new("Done", "2025-03-01T09:00:00Z", &[Right::Access]),
            "jk",
            now,
        )
        .expect("add");
    s.apply(
        &closed.reference,
        None,
        &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
        "jk",
        now,
    )
    .expect("close");
    let names = |f: &QueueFilter| {
        s.page(f, today, 0, 10)
            .expect("page")
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&QueueFilter::default()), ["Late", "Soon", "Fresh"]);
    assert_eq!(
        names(&QueueFilter {
            view: View::All,
            ..Default::default()
        }),
        ["Late", "Soon", "Fresh", "Done"]
    );
    assert_eq!(
        names(&QueueFilter {
            view: View::Overdue,
            ..Default::default()
        }),
        ["Late"]
    );
    assert_eq!(
        names(&QueueFilter {
            view: View::NeedsTriage,
            ..Default::default()
        }),
        ["Fresh"]
    );
    assert_eq!(
        names(&QueueFilter {
            right: Some(Right::Erasure),
            ..Default::default()
        }),
        ["Soon"]
    );
    // Due 7 April (Monday): not this week as seen on Thursday 3 April.
    assert_eq!(
        names(&QueueFilter {
            view: View::DueThisWeek,
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    // A page that starts in the closed half.
    let all = QueueFilter {
        view: View::All,
        ..Default::default()
    };
    assert_eq!(s.page(&all, today, 3, 10).expect("page")[0].name, "Done");
    assert_eq!(
        s.page(&all, today, 2, 2)
            .expect("page")
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Fresh", "Done"]
    );
    let c = s.counts(today).expect("counts");
    assert_eq!((c.open, c.overdue, c.needs_triage), (3, 1, 1));
    assert_eq!(s.count(&all, today).expect("count"), 4);
}

#[test]
fn search_ignores_case_and_diacritics() {
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2025-04-03T10:00:00Z");
    s.add_request(
        &new("Åse Øverby", "2025-03-05T09:00:00Z", &[Right::Access]),
        "jk",
        now,
    )
    .expect("add");
    s.add_request(
        &new("Ola Nordmann", "2025-03-06T09:00:00Z", &[Right::Access]),
        "jk",
        now,
    )
    .expect("add");
    let find = |q: &str| {
        let f = QueueFilter {
            view: View::All,
            search: q.into(),
            ..Default::default()
        };
        s.page(&f, d("2025-04-03"), 0, 10)
            .expect("page")
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(find("ase"), ["Åse Øverby"]);
    assert_eq!(find("OVERBY"), ["Åse Øverby"]);
    assert_eq!(find("nordmann@"), ["Ola Nordmann"]);
    assert_eq!(find("0002"), ["Ola Nordmann"]);
    // One or two characters filter too (a scan, not the trigram index), and LIKE's
    // wildcards are taken as themselves.
    assert_eq!(find("Ol"), ["Ola Nordmann"]);
    assert_eq!(find("Y"), ["Åse Øverby"]);
    assert_eq!(find("%"), Vec::<String>::new());
    assert_eq!(find("_"), Vec::<String>::new());
    assert_eq!(find("\"quote"), Vec::<String>::new());
}

#[test]
fn extension_changes_the_stored_deadline_in_force() {
    let mut s = Store::open_in_memory().expect("store");
    let r = s
        .add_request(
            &new("Kari", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    let ext = Extension {
        notified: d("2025-03-20"),
        reason: "many systems".into(),
    };
    s.apply(
        &r.reference,
        Some(r.version),
        &Change::Extend(ext),
        "jk",
        t("2025-03-20T10:00:00Z"),
    )
    .expect("extend");
    let page = s
        .page(
            &QueueFilter {
                view: View::Extended,
                ..Default::default()
            },
            d("2025-03-20"),
            0,
            10,
        )
        .expect("page");
    assert_eq!(page[0].due, d("2025-06-05"));
    assert!(page[0].extended);
}

#[test]
fn files_are_owner_only_and_bad_files_are_reported() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("sub").join("desk.db");
    Store::create(&path, RegisterKind::Register).expect("create");
    assert!(is_owner_only(&path));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path.parent().expect("dir"))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "folder is owner-only");

    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        b"this is not sqlite at all, just some text that is long enough",
    )
    .expect("write");
    let err = Store::open(&junk).err().expect("must fail");
    assert!(matches!(err, StoreError::NotARegister { .. }), "{err:?}");
    assert!(err.to_string().contains("not a dsr-desk register"));

    let newer = dir.path().join("newer.db");
    {
        let c = rusqlite::Connection::open(&newer).expect("open");
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .expect("set");
        c.pragma_update(None, "user_version", 99).expect("set");
    }
    let err = Store::open(&newer).err().expect("must fail");
    assert!(
        err.to_string()
            .contains("newer than this dsr-desk supports"),
        "{err}"
    );
}

#[test]
fn a_write_to_a_read_only_database_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    Store::create(&path, RegisterKind::Register)
        .expect("create")
        .add_request(
            &new("Ola", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    // A read-only connection stands in for a file without write permission, which root
    // (as in many CI containers) could write anyway.
    let conn =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open read-only");
    let mut store = Store::setup(conn, path.clone()).expect("a read-only database opens");
    assert_eq!(
        store.get("DSR-2025-0001").expect("read").requester.name,
        "Ola"
    );
    let err = store
        .apply(
            "DSR-2025-0001",
            None,
            &Change::Note("x".into()),
            "jk",
            t("2025-03-06T10:00:00Z"),
        )
        .expect_err("must fail");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("is read-only; check its permissions"),
        "{err}"
    );
    let err = store
        .add_request(
            &new("Kari", "2025-03-05T09:00:00Z", &[]),
            "jk",
            t("2025-03-06T10:00:00Z"),
        )
        .expect_err("must fail");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
}

#[test]
fn lookups_by_reference_use_the_index() {
    // The query the store really runs, planned: it must search the unique index.
    let s = Store::open_in_memory().expect("store");
    if s.engine() == Engine::Sqlite {
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT {} FROM requests WHERE reference = ?1",
            super::requests::COLUMNS
        );
        let plan: String = s
            .conn
            .query_row(&sql, ["DSR-2025-0001"], |r| r.get(3))
            .expect("plan");
        assert!(plan.contains("INDEX"), "{plan}");
    }
    assert!(
        s.get("dsr-2025-0001")
            .is_err_and(|e| matches!(e, StoreError::NotFound(_)))
    );
}

#[test]
fn exports_are_recorded_on_closed_requests_and_on_none() {
    let mut s = Store::open_in_memory().expect("store");
    let r = s
        .add_request(
            &new("Kari", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    s.apply(
        &r.reference,
        None,
        &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
        "jk",
        t("2025-03-20T10:00:00Z"),
    )
    .expect("close");
    let record = |reference: Option<String>, file: &str| ExportRecord {
        reference,
        what: "Case summary (Markdown)".into(),
        file: file.into(),
        bytes: 12,
        sha256: "ab".repeat(32),
        about: serde_json::json!({"export": "case-summary", "format": "md"}),
    };
    let summary = record(Some(r.reference.clone()), "summary.md");
    s.record_export(&summary, "jk", t("2025-03-21T10:00:00Z"))
        .expect("a closed request's summary is recorded");
    s.record_export(
        &record(None, "register.csv"),
        "jk",
        t("2025-03-21T10:00:00Z"),
    )
    .expect("the register belongs to no request");
    let events = s.events_of(r.id).expect("events");
    let e = events.last().expect("event");
    assert_eq!(e.kind, EventKind::Exported);
    assert_eq!(e.summary, "Case summary (Markdown) written: summary.md");
    assert_eq!(
        e.detail,
        serde_json::json!({"export": "case-summary", "format": "md", "file": "summary.md",
            "bytes": 12, "sha256": "ab".repeat(32)})
    );
    let loose = s.events_without_request().expect("events");
    assert_eq!(loose.last().map(|e| e.kind), Some(EventKind::Exported));
    assert_eq!(loose.last().map(|e| e.reference.clone()), Some(None));
    assert!(s.verify_chain().expect("chain").is_intact());
    let err = s
        .record_export(
            &record(Some("DSR-2025-9999".into()), "x.md"),
            "jk",
            t("2025-03-21T10:00:00Z"),
        )
        .expect_err("no such request");
    assert!(err.to_string().contains("DSR-2025-9999"), "{err}");
}

#[test]
fn an_imported_objection_keeps_its_scope_and_why() {
    use crate::domain::request::ObjectionScope;
    use crate::intake::parse_message;
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2025-03-05T10:00:00Z");
    let mut import = |id: &str, body: &str| {
        let raw = format!(
            "From: {id}@example.no\nMessage-ID: <{id}@example.no>\nDate: Wed, 5 Mar 2025 09:00:00 +0100\nSubject: Personvern\n\n{body}"
        );
        let incoming = parse_message(raw.as_bytes(), id, None, now).expect("parses");
        match s.import(&incoming, "jk", now).expect("import") {
            ImportOutcome::Created { reference } => reference,
            other => panic!("not created: {other:?}"),
        }
    };
    let marketing = import("a", "Jeg vil ikke lenger motta nyhetsbrev fra dere.");
    let situation = import(
        "b",
        "I object to the processing of my personal data on grounds relating to my particular situation.",
    );
    let both = import(
        "c",
        "Stop sending me marketing. I also object to processing based on your legitimate interests.",
    );
    let scope = |s: &Store, r: &str| s.get(r).expect("get").objection_scope;
    assert_eq!(scope(&s, &marketing), Some(ObjectionScope::Marketing));
    assert_eq!(scope(&s, &situation), Some(ObjectionScope::Situation));
    assert_eq!(scope(&s, &both), None, "both named: the officer decides");

    let why = |s: &Store, r: &str| {
        let id = s.get(r).expect("get").id;
        s.intake_info(id).expect("info").recognised
    };
    assert_eq!(
        why(&s, &marketing),
        vec![
            (
                "objection".to_string(),
                "ikke lenger motta nyhetsbrev".to_string()
            ),
            (
                "objection to direct marketing (Art. 21(2))".to_string(),
                "nyhetsbrev".to_string()
            ),
        ]
    );
    assert_eq!(
        why(&s, &situation)[1],
        (
            "objection on the particular situation (Art. 21(1))".to_string(),
            "particular situation".to_string()
        )
    );
    assert_eq!(why(&s, &both).len(), 1, "no scope, no reason for one");
    let created = |s: &Store, r: &str| {
        let id = s.get(r).expect("get").id;
        s.events_of(id).expect("events")[0].summary.clone()
    };
    let summary = created(&s, &marketing);
    assert!(
        summary.contains("objection to direct marketing (Art. 21(2)) («nyhetsbrev»)"),
        "{summary}"
    );
    let summary = created(&s, &both);
    assert!(
        summary.contains("objection scope left to triage")
            && summary.contains("«marketing»")
            && summary.contains("«legitimate interests»"),
        "{summary}"
    );
}

#[test]
fn a_request_s_position_is_where_the_page_shows_it_in_every_view() {
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2026-11-25T10:00:00Z");
    crate::demo::populate(&mut s, now).expect("demo");
    s.batch(|s| crate::demo::populate_bulk(s, 300, now))
        .expect("bulk");
    let today = d("2026-11-25");
    for view in View::ALL {
        for search in ["", "hansen"] {
            let filter = QueueFilter {
                view,
                right: None,
                search: search.into(),
                // The demo assigns some requests to its officer.
                officer: "jk".into(),
            };
            let rows = s.page(&filter, today, 0, 1000).expect("page");
            for (i, row) in rows.iter().enumerate() {
                assert_eq!(
                    s.position(&filter, today, &row.reference)
                        .expect("position"),
                    Some(i as u64),
                    "{view:?} {search:?} {}",
                    row.reference
                );
            }
        }
    }
    // A request the view does not select has no position in it.
    let open = QueueFilter {
        view: View::Open,
        ..QueueFilter::default()
    };
    let closed = s
        .page(
            &QueueFilter {
                view: View::Closed,
                ..QueueFilter::default()
            },
            today,
            0,
            1,
        )
        .expect("page");
    assert_eq!(
        s.position(&open, today, &closed[0].reference)
            .expect("position"),
        None
    );
    assert_eq!(
        s.position(&open, today, "DSR-1999-0001").expect("none"),
        None
    );
}

#[test]
fn reading_request_after_request_reuses_the_compiled_statements() {
    let mut s = Store::open_in_memory().expect("store");
    let ids: Vec<i64> = ["Ola Nordmann", "Kari Nordmann", "Per Hansen"]
        .iter()
        .map(|name| {
            let at = "2026-03-02T10:00:00Z";
            s.add_request(&new(name, at, &[Right::Access]), "jk", t(at))
                .expect("add")
                .id
        })
        .collect();
    for _ in 0..3 {
        for &id in &ids {
            s.events_of(id).expect("events");
            s.linked_customers(id).expect("links");
            requests::decisions_for(&s.conn, id).expect("decisions");
        }
    }
    // What the desk reads on every cursor move: the cache hands back the statements the
    // first reads compiled, and none was compiled again for a new request id.
    let decisions =
        "SELECT right_asked, kind, ground, reason, decided_by, decided_at, internal, point,
         until_date FROM decisions WHERE request_id = ?1 ORDER BY id";
    let links = "SELECT customer_id, linked_by, linked_at FROM request_customers
             WHERE request_id = ?1 ORDER BY linked_at, customer_id";
    for sql in [decisions, links] {
        let Some(conn) = s.conn.as_sqlite() else {
            return; // SQLite's statement cache; PostgreSQL prepares each statement once.
        };
        let stmt = conn.prepare_cached(sql).expect("cached");
        assert_eq!(
            stmt.get_status(rusqlite::StatementStatus::RePrepare),
            0,
            "{sql}"
        );
    }
}
