//! Lookups over 100,000 generated customers: the demo requesters are found (or not) and
//! ranked as the demo intends, and every lookup path is an index seek.

use super::{desk, reference_of};
use crate::customers::{CustomerDb, Match, lookup_sql};
use crate::domain::matching::{Hit, MatchField};
use crate::domain::request::Requester;

fn ids(m: &[Match]) -> Vec<i64> {
    m.iter().map(|x| x.customer_id).collect()
}

fn requester(db: &CustomerDb, name: &str, email: Option<&str>, phone: Option<&str>) -> Vec<Match> {
    let r = Requester {
        name: name.into(),
        email: email.map(Into::into),
        phone: phone.map(Into::into),
    };
    db.lookup_requester(&r, 10).expect("lookup")
}

fn query(db: &CustomerDb, q: &str) -> Vec<Match> {
    db.lookup(q, 20).expect("lookup")
}

#[test]
fn demo_requesters_are_found_and_ranked_among_100k_customers() {
    let d = desk(100_000);
    let db = &d.db;

    // Same e-mail, phone and name first; the namesake without æøå second, by name alone.
    let ase = requester(
        db,
        "Åse Øverby",
        Some("ase.overby@example.no"),
        Some("+47 912 34 567"),
    );
    assert_eq!(ids(&ase), vec![1, 2]);
    assert_eq!(
        ase[0].hits,
        vec![Hit::EmailExact, Hit::PhoneExact, Hit::NameExact]
    );
    assert_eq!((ase[0].matched_on, ase[0].exact), (MatchField::Email, true));
    assert_eq!(ase[1].hits, vec![Hit::NameExact]);

    // E-mail in another case; phone written 0047 against a plain number.
    assert_eq!(
        ids(&requester(
            db,
            "Lars Bjørnæs",
            Some("lars@bjornaes.no"),
            None
        )),
        vec![3]
    );
    let ali = requester(
        db,
        "Mohammed Ali",
        Some("m.ali@example.com"),
        Some("0047 401 22 333"),
    );
    assert_eq!(ali[0].customer_id, 5);
    assert!(ali[0].hits.contains(&Hit::PhoneExact), "{:?}", ali[0].hits);

    // Fuzzy: another e-mail, same phone and name; name only; phone only.
    let ingrid = requester(
        db,
        "Ingrid Haugen",
        Some("ingrid.haugen@example.no"),
        Some("98765432"),
    );
    assert_eq!(ids(&ingrid), vec![4]);
    assert_eq!(ingrid[0].hits, vec![Hit::PhoneExact, Hit::NameExact]);
    let per = requester(db, "Per Olav Dahl", Some("podahl@gmail.example"), None);
    assert_eq!(
        (ids(&per), per[0].hits.clone()),
        (vec![8], vec![Hit::NameExact])
    );
    let jonas = requester(db, "Jonas Berg", None, Some("+47 22 33 44 55"));
    assert_eq!(ids(&jonas), vec![9]);

    // Two customers named Thomas Müller/Muller: the one with the same e-mail first.
    let thomas = requester(db, "Thomas Müller", Some("t.mueller@example.de"), None);
    assert_eq!(ids(&thomas), vec![10, 11]);
    assert!(thomas[0].score > thomas[1].score);

    // Nobody: these requesters are not customers.
    for (name, email) in [
        ("Sofie Lien", "sofie.lien@example.no"),
        ("Hanne Solberg", "hanne.solberg@example.no"),
        ("Erik Johansen", "erik.johansen@example.no"),
    ] {
        assert!(requester(db, name, Some(email), None).is_empty(), "{name}");
    }

    // Typed queries: every spelling of a phone, e-mail in any case, customer number, names.
    for spelling in [
        "0047 401 22 333",
        "+4740122333",
        "401-22-333",
        "40122333",
        "(+47) 40 12 23 33",
    ] {
        let m = query(db, spelling);
        assert_eq!(m[0].customer_id, 5, "{spelling}");
        assert_eq!(
            (m[0].matched_on, m[0].exact),
            (MatchField::Phone, true),
            "{spelling}"
        );
    }
    let suffix = query(db, "22 333");
    assert!(
        suffix
            .iter()
            .any(|m| m.customer_id == 5 && m.hits.contains(&Hit::PhoneSuffix))
    );
    assert_eq!(ids(&query(db, "LARS@Bjornaes.NO")), vec![3]);
    let typed = query(db, "ase.overby@");
    assert_eq!((ids(&typed), typed[0].exact), (vec![1], false));
    let number = query(db, "k100004");
    assert_eq!(
        (number[0].customer_id, number[0].matched_on),
        (4, MatchField::CustomerNumber)
    );
    let plain = query(db, "Ase Overby");
    assert_eq!(
        ids(&plain),
        vec![2, 1],
        "both are the same words; by name then"
    );
    assert!(plain.iter().all(|m| m.hits == vec![Hit::NameExact]));
    let part = query(db, "øver");
    assert!(
        part.iter()
            .any(|m| m.customer_id == 1 && m.hits == vec![Hit::NamePrefix])
    );
    assert!(
        part.iter().all(|m| m.name.contains("verby")),
        "only Øverby/Overby names"
    );
    assert!(
        query(db, "verby").is_empty(),
        "inside a word is not a match"
    );
    let common = query(db, "Hansen");
    assert_eq!(common.len(), 20, "a common surname fills the page");
    assert!(common.iter().all(|m| m.hits == vec![Hit::NameWords]));

    // Every statement a lookup runs is an index seek, never a scan of a table.
    for statement in lookup_sql::statements(db.map()) {
        let mut stmt = db
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {statement}"))
            .expect("explain");
        let params = vec![rusqlite::types::Value::Null; stmt.parameter_count()];
        let plan: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                r.get::<_, String>(3)
            })
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        for step in &plan {
            let fts = step.starts_with("SCAN dsr_names VIRTUAL TABLE INDEX");
            assert!(!step.contains("SCAN") || fts, "{statement}: {plan:?}");
        }
        if statement.contains("dsr_keys") {
            assert!(
                plan.iter()
                    .any(|s| s.contains("USING COVERING INDEX dsr_keys_lookup")),
                "{statement}: {plan:?}"
            );
        }
    }
    // The demo request is there to be looked up from.
    assert!(!reference_of(&d.store, "Åse Øverby").is_empty());
}
