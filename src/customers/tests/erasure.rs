//! Erasure does exactly what its preview lists, and the legal hold keeps exactly the sales
//! records still inside their bokføringsloven retention.

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::{desk, now, reference_of, rows_of, table_counts, today};
use crate::customers::{CustomerDb, CustomerError, erase, erasure_preview};
use crate::domain::request::{DecisionKind, EventKind, Outcome, RefusalGround};
use crate::export::letters::{Lang, words};

fn date_of(v: &Value) -> NaiveDate {
    v.as_str()
        .and_then(|s| s.get(..10))
        .and_then(|s| s.parse().ok())
        .expect("date")
}

#[test]
fn erasure_does_exactly_what_the_preview_lists() {
    let mut d = desk(2_000);
    let lars = reference_of(&d.store, "Lars Bjørnæs");
    d.store
        .link_customer(&lars, 3, "K100003", "test link", "jk", now())
        .expect("link");
    let plan = erasure_preview(&d.store, &d.db, &lars, today()).expect("preview");
    let before = rows_of(&d.db, 3);
    let counts_before = table_counts(&d.db);
    let neighbour_before = rows_of(&d.db, 4);

    let done = erase(&mut d.store, &mut d.db, &lars, &plan, "jk", now()).expect("erase");
    let after = rows_of(&d.db, 3);

    for t in plan.tables() {
        let old = &before.iter().find(|(n, _)| *n == t.table).expect("table").1;
        let new = &after.iter().find(|(n, _)| *n == t.table).expect("table").1;
        let row = |rows: &super::Rows, id: i64| {
            rows.iter().find(|(r, _)| *r == id).map(|(_, f)| f.clone())
        };
        let mut expected_left: Vec<i64> = t.anonymise.clone();
        expected_left.extend(t.hold.iter().map(|h| h.row_id));
        expected_left.sort_unstable();
        let left: Vec<i64> = new.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            left, expected_left,
            "{}: exactly the planned rows remain",
            t.table
        );
        for id in &t.anonymise {
            let (was, is) = (row(old, *id).expect("old"), row(new, *id).expect("new"));
            for (col, value) in &was {
                if !t.anonymise_columns.contains(col) {
                    assert_eq!(&is[col], value, "{}.{col} untouched", t.table);
                }
            }
            assert_eq!(is["first_name"], "Slettet");
            assert!(is["customer_no"].is_null());
        }
        for h in &t.hold {
            let (mut was, is) = (
                row(old, h.row_id).expect("old"),
                row(new, h.row_id).expect("new"),
            );
            was.insert("restricted".into(), Value::from(1));
            assert_eq!(
                is, was,
                "{} row {}: kept as it was, flagged restricted",
                t.table, h.row_id
            );
        }
    }
    // Evidence per table matches the plan; the counts of other rows did not move.
    for t in plan.tables() {
        let e = done
            .evidence
            .iter()
            .find(|e| e.table == t.table)
            .expect("evidence");
        assert_eq!(
            (e.deleted, e.anonymised, e.kept),
            (t.delete.len(), t.anonymise.len(), t.hold.len())
        );
        assert_eq!(
            e.sha256.is_some(),
            !t.delete.is_empty() || !t.anonymise.is_empty()
        );
    }
    for ((table, n_before), (_, n_after)) in counts_before.iter().zip(table_counts(&d.db)) {
        let deleted = plan
            .tables()
            .filter(|t| t.table == *table)
            .map(|t| t.delete.len())
            .sum::<usize>();
        assert_eq!(n_after, n_before - deleted as i64, "{table}");
    }
    assert_eq!(
        rows_of(&d.db, 4),
        neighbour_before,
        "another customer is untouched"
    );
    // The person is no longer found by what identified them.
    assert!(
        d.db.lookup("lars@bjornaes.no", 5)
            .expect("lookup")
            .is_empty()
    );
    assert!(
        d.db.lookup("Lars Bjørnæs", 5)
            .expect("lookup")
            .iter()
            .all(|m| m.customer_id != 3)
    );

    // The request records the erasure and its evidence, and the partial decision.
    let request = d.store.get(&lars).expect("request");
    let events = d.store.events_of(request.id).expect("events");
    let erased = events
        .iter()
        .find(|e| e.kind == EventKind::Erased)
        .expect("erased event");
    assert_eq!(erased.detail["sha256"], done.sha256.as_str());
    assert_eq!(
        erased.detail["tables"].as_array().map(Vec::len),
        Some(done.evidence.len())
    );
    assert!(
        !erased.detail.to_string().contains("Bjørnæs"),
        "the event holds no erased data"
    );
    assert_eq!(request.outcome(), Some(Outcome::Partial));
    let decision = &request.decisions[0];
    assert_eq!(decision.kind, DecisionKind::Partial);
    assert_eq!(decision.ground, Some(RefusalGround::ErasureLegalObligation));
    // The reason names the latest hold, in the letter's way of writing a date.
    let until = plan.hold_until().expect("held");
    assert_eq!(done.hold_until, Some(until));
    assert!(
        decision
            .reason
            .as_deref()
            .unwrap_or("")
            .contains(&words::until_date(until, Lang::Nb))
    );
    // Lars wrote in Norwegian: the reason his letter will quote is Norwegian too.
    assert!(
        decision
            .reason
            .as_deref()
            .unwrap_or("")
            .contains("må vi oppbevare"),
        "{:?}",
        decision.reason
    );
    assert!(events.iter().any(|e| e.kind == EventKind::RecipientsListed));
    assert!(d.store.verify_chain().expect("chain").is_intact());

    // The request is now closed: a second run is refused, and its customer changes roll back.
    let again = erasure_preview(&d.store, &d.db, &lars, today()).expect("preview");
    let held = rows_of(&d.db, 3);
    let err = erase(&mut d.store, &mut d.db, &lars, &again, "jk", now()).expect_err("closed");
    assert!(err.to_string().contains("reopen"), "{err}");
    assert_eq!(rows_of(&d.db, 3), held);
}

#[test]
fn the_legal_hold_keeps_exactly_the_sales_records_inside_retention() {
    let mut d = desk(2_000);
    let lars = reference_of(&d.store, "Lars Bjørnæs");
    d.store
        .link_customer(&lars, 3, "K100003", "test link", "jk", now())
        .expect("link");
    // Expected, worked out by hand from § 13: invoices through 31 Dec five years after their
    // fiscal year; packing slips through 30 June of the fourth year after it.
    let before = rows_of(&d.db, 3);
    let keep = |table: &str, col: &str, through: fn(i32) -> NaiveDate| -> Vec<i64> {
        before
            .iter()
            .find(|(t, _)| t == table)
            .expect("table")
            .1
            .iter()
            .filter(|(_, f)| through(date_of(&f[col]).year()) >= today())
            .map(|(r, _)| *r)
            .collect()
    };
    let orders = keep("orders", "invoice_date", |y| {
        NaiveDate::from_ymd_opt(y + 5, 12, 31).expect("d")
    });
    let slips = keep("shipments", "shipped_at", |y| {
        NaiveDate::from_ymd_opt(y + 4, 6, 30).expect("d")
    });
    assert_eq!(
        (orders.len(), slips.len()),
        (3, 2),
        "the demo has records on both sides"
    );

    let plan = erasure_preview(&d.store, &d.db, &lars, today()).expect("preview");
    erase(&mut d.store, &mut d.db, &lars, &plan, "jk", now()).expect("erase");
    let after = rows_of(&d.db, 3);
    let left = |t: &str| {
        after
            .iter()
            .find(|(n, _)| n == t)
            .expect("t")
            .1
            .iter()
            .map(|(r, _)| *r)
            .collect::<Vec<_>>()
    };
    assert_eq!(left("orders"), orders);
    assert_eq!(left("shipments"), slips);
    for t in [
        "web_events",
        "contact_details",
        "cookie_consents",
        "newsletter_subscriptions",
    ] {
        assert!(left(t).is_empty(), "{t} is erased");
    }
    let records = d.db.records(3).expect("records");
    let held: Vec<_> = records
        .tables()
        .flat_map(|t| t.records.iter())
        .filter_map(|r| r.held_until)
        .collect();
    assert_eq!(held.len(), 5, "each held row shows until when");

    // Only old sales records: everything goes, and the request is simply erased.
    let emily = reference_of(&d.store, "Emily Clarke");
    d.store
        .link_customer(&emily, 7, "K100007", "test link", "jk", now())
        .expect("link");
    let plan = erasure_preview(&d.store, &d.db, &emily, today()).expect("preview");
    assert_eq!(plan.hold_until(), None);
    let done = erase(&mut d.store, &mut d.db, &emily, &plan, "jk", now()).expect("erase");
    assert_eq!(done.ground, None);
    let request = d.store.get(&emily).expect("request");
    assert_eq!(
        request.decisions[0].kind,
        DecisionKind::Done,
        "erasure decided, access still open"
    );
}

#[test]
fn an_outdated_preview_is_refused_and_changes_nothing() {
    let mut d = desk(2_000);
    let kari = reference_of(&d.store, "Åse Øverby");
    let plan = erasure_preview(&d.store, &d.db, &kari, today()).expect("linked by the demo");
    d.db.conn
        .execute(
            "INSERT INTO web_events (customer_id, occurred_at, page, action) VALUES (1, '2025-11-20 09:00:00', '/', 'view')",
            [],
        )
        .expect("new activity");
    let before = rows_of(&d.db, 1);
    let err = erase(&mut d.store, &mut d.db, &kari, &plan, "jk", now()).expect_err("stale");
    assert!(matches!(err, CustomerError::Changed), "{err}");
    assert_eq!(rows_of(&d.db, 1), before);
    let tomorrow = now() + chrono::Duration::days(1);
    let fresh = erasure_preview(&d.store, &d.db, &kari, today()).expect("preview");
    assert!(
        matches!(
            erase(&mut d.store, &mut d.db, &kari, &fresh, "jk", tomorrow),
            Err(CustomerError::Changed)
        ),
        "a preview from yesterday is not today's plan"
    );
    let request = d.store.get(&kari).expect("request");
    assert!(
        d.store
            .events_of(request.id)
            .expect("events")
            .iter()
            .all(|e| e.kind != EventKind::Erased)
    );
}

/// Replaces a customer's invoices and packing slips with ones on the given dates.
fn sales(db: &CustomerDb, customer: i64, invoiced: &[&str], shipped: &[&str]) {
    for table in ["orders", "shipments"] {
        db.conn
            .execute(
                &format!("DELETE FROM {table} WHERE customer_id = ?1"),
                [customer],
            )
            .expect("clear");
    }
    for (i, day) in invoiced.iter().enumerate() {
        db.conn
            .execute(
                "INSERT INTO orders (customer_id, order_no, invoice_no, invoice_date, amount_nok, billing_name)
                 VALUES (?1, ?2, ?2, ?3, 100.0, 'x')",
                rusqlite::params![customer, format!("T{customer}-{i}"), day],
            )
            .expect("invoice");
    }
    for (i, day) in shipped.iter().enumerate() {
        db.conn
            .execute(
                "INSERT INTO shipments (customer_id, order_no, shipped_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![customer, format!("T{customer}-{i}"), day],
            )
            .expect("packing slip");
    }
}

#[test]
fn two_linked_customers_are_told_as_one_line_per_kind_with_each_law_once() {
    let mut d = desk(2_000);
    // Lars wrote in Norwegian, Emily in English; each has a second customer linked.
    for (name, customers, lang) in [
        ("Lars Bjørnæs", [3, 1500], Lang::Nb),
        ("Emily Clarke", [7, 1501], Lang::En),
    ] {
        let reference = reference_of(&d.store, name);
        // Fiscal year 2025: invoices kept through 31.12.2030; packing slips of 2024 through
        // 30.06.2028. The 2019 invoice is past its five years and goes.
        sales(
            &d.db,
            customers[0],
            &["2025-03-01", "2025-09-15"],
            &["2024-05-01"],
        );
        sales(
            &d.db,
            customers[1],
            &["2019-06-01", "2025-01-10", "2025-02-10", "2025-10-01"],
            &["2024-02-01", "2024-12-01"],
        );
        for id in customers {
            let label = d.db.label(id).expect("label");
            d.store
                .link_customer(&reference, id, &label, "test link", "jk", now())
                .expect("link");
        }
        let plan = erasure_preview(&d.store, &d.db, &reference, today()).expect("preview");
        let done = erase(&mut d.store, &mut d.db, &reference, &plan, "jk", now()).expect("erase");

        let kinds: Vec<_> = done
            .kept
            .kinds
            .iter()
            .map(|k| (k.table.as_str(), k.count, k.keep_through.to_string()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("orders", 5, "2030-12-31".to_string()),
                ("shipments", 3, "2028-06-30".to_string())
            ]
        );
        assert_eq!(
            done.laws,
            [
                "bokføringsloven § 13 (1) nr. 1-4",
                "bokføringsloven § 13 (1) nr. 5-8"
            ]
        );
        assert_eq!(done.hold_until, Some("2030-12-31".parse().expect("date")));

        let request = d.store.get(&reference).expect("request");
        let decision = request
            .decisions
            .iter()
            .find(|x| x.ground == Some(RefusalGround::ErasureLegalObligation))
            .expect("partial erasure");
        let reason = decision.reason.as_deref().unwrap_or("");
        let lines = match lang {
            Lang::Nb => {
                "5 fakturaer til og med 31. desember 2030; 3 pakksedler til og med 30. juni 2028"
            }
            Lang::Nn => {
                "5 fakturaer til og med 31. desember 2030; 3 pakksetlar til og med 30. juni 2028"
            }
            Lang::En => "5 invoices until 31 December 2030; 3 packing slips until 30 June 2028",
        };
        assert!(reason.contains(lines), "{reason}");
        assert_eq!(reason, words::kept_reason(&done.kept, lang));
        for law in &done.laws {
            assert_eq!(reason.matches(law.as_str()).count(), 1, "{reason}");
        }

        // The event says the same per kind, in English, and keeps the grouping for the
        // letter to read.
        let events = d.store.events_of(request.id).expect("events");
        let erased = events
            .iter()
            .find(|e| e.kind == EventKind::Erased)
            .expect("erased event");
        assert!(
            erased.summary.contains(
                "8 kept on legal hold (5 invoices until 31 December 2030; 3 packing slips until 30 June 2028) under bokføringsloven § 13 (1) nr. 1-4 and bokføringsloven § 13 (1) nr. 5-8"
            ),
            "{}",
            erased.summary
        );
        let kept: crate::customers::KeptRecords =
            serde_json::from_value(erased.detail["kept"].clone()).expect("kept in the detail");
        assert_eq!(kept, done.kept);
        assert_eq!(erased.detail["hold_until"], "2030-12-31");
    }
}
