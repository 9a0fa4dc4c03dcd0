//! Rectification, restriction, objection, access, portability, links and the Art. 19
//! checklist: each change lands in the customer database and in the request's audit trail.

use sha2::{Digest, Sha256};

use super::{desk, now, reference_of, today};
use crate::config::Controller;
use crate::customers::{
    CustomerDb, CustomerError, StopAction, access_package, erase, erasure_preview,
    lift_restriction, object_to_marketing, portability, rectify, restrict,
};
use crate::domain::datamap::DataMap;
use crate::domain::request::EventKind;

#[test]
fn rectification_changes_the_field_and_logs_which_field_not_the_old_value() {
    let mut d = desk(100);
    let kari = reference_of(&d.store, "Kari Nordmann");
    let unlinked = rectify(
        &mut d.store,
        &mut d.db,
        &kari,
        6,
        ("contact_details", "street", Some("Storgata 1")),
        None,
        "jk",
        now(),
    );
    assert!(
        matches!(unlinked, Err(CustomerError::Invalid(ref m)) if m.contains("link")),
        "{unlinked:?}"
    );
    d.store
        .link_customer(&kari, 6, "K100006", "test link", "jk", now())
        .expect("link");
    let bad = rectify(
        &mut d.store,
        &mut d.db,
        &kari,
        6,
        ("contact_details", "steet", Some("x")),
        None,
        "jk",
        now(),
    );
    assert!(
        matches!(bad, Err(CustomerError::Invalid(ref m)) if m.contains("'steet'") && m.contains("street")),
        "{bad:?}"
    );
    // Only what the data map lists as rectifiable, not, say, when the customer joined.
    let held = rectify(
        &mut d.store,
        &mut d.db,
        &kari,
        6,
        ("customers", "created_at", Some("2020-01-01")),
        None,
        "jk",
        now(),
    );
    assert!(
        matches!(held, Err(CustomerError::Invalid(ref m)) if m.contains("customers.created_at is not rectifiable") && m.contains("first_name, last_name")),
        "{held:?}"
    );
    let done = rectify(
        &mut d.store,
        &mut d.db,
        &kari,
        6,
        ("contact_details", "street", Some("Storgata 1")),
        None,
        "jk",
        now(),
    )
    .expect("rectify");
    assert_eq!(
        (done.table.as_str(), done.field.as_str()),
        ("contact_details", "street")
    );
    let records = d.db.records(6).expect("records");
    let contact = records
        .tables()
        .find(|t| t.table == "contact_details")
        .expect("contact");
    assert_eq!(contact.records[0].fields["street"], "Storgata 1");
    let request = d.store.get(&kari).expect("request");
    let events = d.store.events_of(request.id).expect("events");
    let e = events
        .iter()
        .find(|e| e.kind == EventKind::Rectified)
        .expect("event");
    assert!(
        e.summary.contains("contact_details.street"),
        "{}",
        e.summary
    );
    assert!(
        !e.detail.to_string().contains("Storgata 10"),
        "no old value in clear: {}",
        e.detail
    );
    assert_eq!(e.detail["before_sha256"].as_str().map(str::len), Some(64));
    let not_an_address = rectify(
        &mut d.store,
        &mut d.db,
        &kari,
        6,
        ("contact_details", "email", Some("kari at ny.example")),
        None,
        "jk",
        now(),
    );
    assert!(
        matches!(not_an_address, Err(CustomerError::Invalid(ref m)) if m.contains("an @")),
        "{not_an_address:?}"
    );
    // A new e-mail is found at once; the old one no longer.
    rectify(
        &mut d.store,
        &mut d.db,
        &kari,
        6,
        ("contact_details", "email", Some("Kari@Ny.example")),
        None,
        "jk",
        now(),
    )
    .expect("email");
    assert_eq!(
        d.db.lookup("kari@ny.example", 5).expect("lookup")[0].customer_id,
        6
    );
    assert!(
        d.db.lookup("kari.nordmann@example.no", 5)
            .expect("lookup")
            .is_empty()
    );
    let checklist = d.store.checklist(request.id).expect("checklist");
    assert_eq!(
        checklist.len(),
        3,
        "contact details go to hosting, case archive and video"
    );
}

#[test]
fn objection_turns_marketing_off_for_good() {
    let mut d = desk(100);
    let ali = reference_of(&d.store, "Mohammed Ali");
    d.store
        .link_customer(&ali, 5, "K100005", "test link", "jk", now())
        .expect("link");
    let done = object_to_marketing(&mut d.store, &mut d.db, &ali, "jk", now()).expect("object");
    let how: Vec<(&str, StopAction)> = done[0]
        .tables
        .iter()
        .map(|t| (t.table.as_str(), t.action))
        .collect();
    assert_eq!(
        how,
        [
            ("email_events", StopAction::Deleted),
            ("newsletter_subscriptions", StopAction::Updated)
        ],
        "every table the map marks as marketing, in its order"
    );
    assert_eq!(done[0].tables[1].rows, 1);
    assert_eq!(done[0].tables[1].columns, ["subscribed", "unsubscribed_at"]);
    let (subscribed, until): (i64, String) = d.db.conn
        .query_row("SELECT subscribed, unsubscribed_at FROM newsletter_subscriptions WHERE customer_id = 5", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("row");
    assert_eq!((subscribed, until.as_str()), (0, "2025-11-20"));
    let digest: String = Sha256::digest(b"m.ali@example.com")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let suppressed = |d: &super::Desk| -> i64 {
        d.db.conn
            .query_row(
                "SELECT count(*) FROM marketing_suppression WHERE email_sha256 = ?1",
                [&digest],
                |r| r.get(0),
            )
            .expect("count")
    };
    assert_eq!(suppressed(&d), 1);
    // Twice is harmless, and the suppression outlives erasure of the customer.
    object_to_marketing(&mut d.store, &mut d.db, &ali, "jk", now()).expect("again");
    let plan = erasure_preview(&d.store, &d.db, &ali, today()).expect("preview");
    erase(&mut d.store, &mut d.db, &ali, &plan, "jk", now()).expect("erase");
    assert_eq!(suppressed(&d), 1);
}

/// Rows of `table` for `customer`.
fn count_of(db: &CustomerDb, table: &str, customer: i64) -> i64 {
    db.conn
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE customer_id = ?1"),
            [customer],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn objection_stops_the_newsletter_and_the_marketing_profile_at_once() {
    let mut d = desk(100);
    // A customer on the newsletter with campaign statistics about them, and a marketing
    // profile (a table the demo does not have, mapped as a company's own map would).
    let id: i64 = d
        .db
        .conn
        .query_row(
            "SELECT n.customer_id FROM newsletter_subscriptions n
             WHERE n.subscribed = 1 AND EXISTS (SELECT 1 FROM email_events e WHERE e.customer_id = n.customer_id)
             ORDER BY n.customer_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a subscriber with campaign statistics");
    d.db.conn
        .execute_batch(&format!(
            "CREATE TABLE marketing_profiles (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,
                 email TEXT, segment TEXT NOT NULL);
             INSERT INTO marketing_profiles (customer_id, email, segment) VALUES
                 ({id}, 'Ads.Only@Example.com', 'outdoor'), ({id}, NULL, 'bargain'),
                 ({other}, 'someone@example.com', 'outdoor');",
            other = id + 1
        ))
        .expect("profile table");
    let map = DataMap::parse(&format!(
        "{}\n[[tables]]\nname = \"marketing_profiles\"\ntitle = \"Marketing profile\"\n\
         category = \"marketing\"\nperson_column = \"customer_id\"\n\
         purpose = \"Choosing which offers to show you\"\nbasis = \"legitimate-interest\"\n\
         retention = {{ rule = \"purpose\", note = \"Until you object\" }}\n\
         provided_by_person = false\nemail = [\"email\"]\nerasure = {{ action = \"delete\" }}\n\
         marketing = true\non_objection = {{ delete = true }}\n",
        crate::customers::demo::DATA_MAP
    ))
    .expect("the map with a marketing profile");
    let mut db = CustomerDb::open(d.db.path(), map).expect("open");
    let reference = reference_of(&d.store, "Mohammed Ali");
    let number = format!("K{}", 100_000 + id);
    d.store
        .link_customer(&reference, id, &number, "test link", "jk", now())
        .expect("link");
    let statistics = count_of(&db, "email_events", id);
    assert!(statistics > 0);
    db.reindex().expect("index the profile table");
    assert!(
        !db.lookup("ads.only@example.com", 5)
            .expect("lookup")
            .is_empty()
    );

    let done = object_to_marketing(&mut d.store, &mut db, &reference, "jk", now()).expect("object");

    // Nothing of theirs is used for marketing any more: the subscription is off (the row
    // stays, with the day it ended), the statistics and the profile are gone.
    let (subscribed, until): (i64, String) = db
        .conn
        .query_row(
            "SELECT subscribed, unsubscribed_at FROM newsletter_subscriptions WHERE customer_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("subscription");
    assert_eq!((subscribed, until.as_str()), (0, "2025-11-20"));
    assert_eq!(count_of(&db, "email_events", id), 0);
    assert_eq!(count_of(&db, "marketing_profiles", id), 0);
    assert_eq!(
        count_of(&db, "marketing_profiles", id + 1),
        1,
        "only theirs"
    );
    let what: Vec<(&str, StopAction, usize)> = done[0]
        .tables
        .iter()
        .map(|t| (t.table.as_str(), t.action, t.rows))
        .collect();
    assert_eq!(
        what,
        [
            ("email_events", StopAction::Deleted, statistics as usize),
            ("newsletter_subscriptions", StopAction::Updated, 1),
            ("marketing_profiles", StopAction::Deleted, 2),
        ]
    );
    // The suppression list has every address, the one only the deleted profile held too.
    let listed = |address: &str| -> i64 {
        let digest: String = Sha256::digest(address.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        db.conn
            .query_row(
                "SELECT count(*) FROM marketing_suppression WHERE email_sha256 = ?1",
                [&digest],
                |r| r.get(0),
            )
            .expect("count")
    };
    assert_eq!(listed("ads.only@example.com"), 1);
    assert_eq!(
        done[0].suppressed_addresses,
        done[0].suppression_entries_added
    );
    assert!(done[0].suppressed_addresses >= 2, "{done:?}");
    // The event says per table what was done.
    let request = d.store.get(&reference).expect("request");
    let events = d.store.events_of(request.id).expect("events");
    let event = events
        .iter()
        .find(|e| e.kind == EventKind::MarketingStopped)
        .expect("event");
    assert_eq!(event.detail[0]["tables"][2]["table"], "marketing_profiles");
    assert_eq!(event.detail[0]["tables"][2]["action"], "deleted");
    assert_eq!(event.detail[0]["tables"][1]["columns"][0], "subscribed");
    assert!(
        event
            .summary
            .contains("newsletter_subscriptions 1 row turned off")
            && event.summary.contains("marketing_profiles 2 rows deleted"),
        "{}",
        event.summary
    );
    // Deleted rows are no longer found by the address they held.
    assert!(
        db.lookup("ads.only@example.com", 5)
            .expect("lookup")
            .is_empty()
    );
}

#[test]
fn restriction_flags_the_customer_and_lists_the_recipients() {
    let mut d = desk(100);
    let jonas = reference_of(&d.store, "Jonas Berg");
    let none = restrict(&mut d.store, &mut d.db, &jonas, "jk", now()).expect_err("nobody linked");
    assert!(none.to_string().contains("link them first"), "{none}");
    d.store
        .link_customer(&jonas, 9, "K100009", "test link", "jk", now())
        .expect("link");
    assert_eq!(
        restrict(&mut d.store, &mut d.db, &jonas, "jk", now()).expect("restrict"),
        1
    );
    assert!(d.db.is_restricted(9).expect("flag"));
    assert!(d.db.lookup("22334455", 5).expect("lookup")[0].restricted);
    let request = d.store.get(&jonas).expect("request");
    let list = d.store.checklist(request.id).expect("checklist");
    assert!(list.iter().any(|i| i.recipient == "hosting"));
    d.store
        .tick_recipient(&jonas, "HOSTING", today(), "jk", now())
        .expect("tick");
    let err = d
        .store
        .tick_recipient(&jonas, "nobody", today(), "jk", now())
        .expect_err("unknown");
    assert!(
        err.to_string().contains("hosting"),
        "names the ones on the list: {err}"
    );
    let ticked = d.store.checklist(request.id).expect("checklist");
    assert_eq!(
        ticked
            .iter()
            .find(|i| i.recipient == "hosting")
            .and_then(|i| i.notified_on),
        Some(today())
    );
    assert!(d.store.verify_chain().expect("chain").is_intact());
}

#[test]
fn a_restriction_is_lifted_only_once_the_person_was_told_and_legal_holds_stay() {
    let mut d = desk(100);
    let jonas = reference_of(&d.store, "Jonas Berg");
    d.store
        .link_customer(&jonas, 9, "K100009", "test link", "jk", now())
        .expect("link");
    let nothing = lift_restriction(&mut d.store, &mut d.db, &jonas, today(), "jk", now())
        .expect_err("not restricted");
    assert!(nothing.to_string().contains("nothing to lift"), "{nothing}");
    restrict(&mut d.store, &mut d.db, &jonas, "jk", now()).expect("restrict");
    // A legal hold's own restriction flag is the law's, not the person's.
    d.db.conn
        .execute("UPDATE orders SET restricted = 1 WHERE customer_id = 9", [])
        .expect("hold flag");
    // A told date in the future is refused by the case workflow before this is reached.
    let before = today().pred_opt().expect("day");
    let stale = lift_restriction(&mut d.store, &mut d.db, &jonas, before, "jk", now())
        .expect_err("told before the restriction");
    assert!(stale.to_string().contains("restricted on"), "{stale}");
    assert!(
        d.db.is_restricted(9).expect("flag"),
        "refusals change nothing"
    );

    let lifted =
        lift_restriction(&mut d.store, &mut d.db, &jonas, today(), "jk", now()).expect("lift");
    assert_eq!(lifted.len(), 1);
    assert_eq!(lifted[0].restricted_by.as_deref(), Some(jonas.as_str()));
    assert!(!d.db.is_restricted(9).expect("flag"));
    let held: i64 =
        d.db.conn
            .query_row(
                "SELECT min(restricted) FROM orders WHERE customer_id = 9",
                [],
                |r| r.get(0),
            )
            .expect("orders");
    assert_eq!(held, 1, "rows on legal hold stay restricted");
    let request = d.store.get(&jonas).expect("request");
    let events = d.store.events_of(request.id).expect("events");
    let e = events
        .iter()
        .find(|e| e.kind == EventKind::RestrictionLifted)
        .expect("event");
    assert_eq!(e.detail["told_on"], today().to_string());
    assert!(e.summary.contains("told on"), "{}", e.summary);
    assert!(d.store.verify_chain().expect("chain").is_intact());
}

#[test]
fn access_and_portability_cover_what_the_law_says() {
    let mut d = desk(100);
    let ingrid = reference_of(&d.store, "Ingrid Haugen");
    let controller = Controller::default();
    assert!(access_package(&d.store, &d.db, &ingrid, &controller, false, today()).is_err());
    let negative =
        access_package(&d.store, &d.db, &ingrid, &controller, true, today()).expect("none");
    assert!(!negative.processing_confirmed);
    d.store
        .link_customer(&ingrid, 4, "K100004", "test link", "jk", now())
        .expect("link");
    let package =
        access_package(&d.store, &d.db, &ingrid, &controller, false, today()).expect("package");
    assert!(package.processing_confirmed);
    let rows: usize = package.customers.iter().map(|c| c.row_count()).sum();
    assert_eq!(rows, d.db.records(4).expect("records").row_count());
    let info = &package.information;
    assert!(info.categories.contains(&"Sales records"));
    assert!(info.recipients.iter().any(|r| r.id == "hosting"));
    assert!(info.complaint.contains("Datatilsynet"));
    assert!(
        info.retention
            .iter()
            .any(|r| r.retention.contains("bokføringsloven"))
    );

    let export = portability(&d.store, &d.db, &ingrid).expect("export");
    let tables: Vec<&str> = export.tables.iter().map(|t| t.table.as_str()).collect();
    assert!(tables.contains(&"contact_details") && tables.contains(&"orders"));
    assert!(
        !tables.contains(&"web_events"),
        "legitimate interest is not covered"
    );
    assert!(!tables.contains(&"shipments"), "not provided by the person");
    let csv = export
        .tables
        .iter()
        .find(|t| t.table == "contact_details")
        .expect("t")
        .to_csv();
    assert!(csv.starts_with("id,customer_id,email,phone"), "{csv}");
}

#[test]
fn links_are_events_and_can_be_undone() {
    let mut d = desk(100);
    let per = reference_of(&d.store, "Per Olav Dahl");
    assert!(
        d.store
            .link_customer(&per, 8, "K100008", "test link", "jk", now())
            .expect("link")
    );
    assert!(
        !d.store
            .link_customer(&per, 8, "K100008", "test link", "jk", now())
            .expect("twice")
    );
    let request = d.store.get(&per).expect("request");
    assert_eq!(
        d.store.linked_customers(request.id).expect("links")[0].customer_id,
        8
    );
    assert_eq!(
        d.store.requests_of_customer(8).expect("refs"),
        vec![per.clone()]
    );
    d.store
        .unlink_customer(&per, 8, "jk", now())
        .expect("unlink");
    assert!(d.store.unlink_customer(&per, 8, "jk", now()).is_err());
    let kinds: Vec<EventKind> = d
        .store
        .events_of(request.id)
        .expect("events")
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == EventKind::CustomerLinked)
            .count(),
        1
    );
    assert!(kinds.contains(&EventKind::CustomerUnlinked));
    // The demo links Åse Øverby from the start; the request database knows its customer db.
    let ase = d
        .store
        .get(&reference_of(&d.store, "Åse Øverby"))
        .expect("ase");
    assert_eq!(d.store.linked_customers(ase.id).expect("links").len(), 1);
    let source = d.store.customer_source().expect("source").expect("set");
    assert_eq!(source.customer_db, d.dir.path().join("demo-customers.db"));
    assert!(crate::store::is_owner_only(&source.customer_db));
}
