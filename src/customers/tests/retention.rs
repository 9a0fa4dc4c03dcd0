//! The end of a legal hold when the data moved underneath: a held row deleted outside the
//! desk, a rowid that now belongs to someone else, a request this database does not know.

use chrono::{DateTime, Utc};

use super::{desk, now, reference_of, today};
use crate::customers::{end_retention, erase, erasure_preview};
use crate::domain::request::EventKind;

fn count(d: &super::Desk, sql: &str) -> i64 {
    d.db.conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn only_the_held_rows_still_there_are_deleted_and_every_hold_is_cleared() {
    let mut d = desk(300);
    // The demo's own erasure (Nora Pedersen's) holds rows already; theirs end too.
    let held_before = count(&d, "SELECT count(*) FROM dsr_holds") as usize;
    assert!(held_before > 0, "the demo keeps Nora Pedersen's invoices");
    let lars = reference_of(&d.store, "Lars Bjørnæs");
    d.store
        .link_customer(&lars, 3, "K100003", "test link", "jk", now())
        .expect("link");
    let plan = erasure_preview(&d.store, &d.db, &lars, today()).expect("preview");
    erase(&mut d.store, &mut d.db, &lars, &plan, "jk", now()).expect("erase");
    let held: Vec<(String, i64)> = plan
        .tables()
        .flat_map(|t| t.hold.iter().map(|h| (t.table.clone(), h.row_id)))
        .collect();
    let [(t1, gone), (t2, reused), (t3, foreign), ..] = held.as_slice() else {
        panic!("the demo holds at least three rows: {held:?}");
    };
    // One row deleted by hand, one rowid now someone else's, one hold from another desk.
    d.db.conn
        .execute(&format!("DELETE FROM {t1} WHERE rowid = {gone}"), [])
        .expect("delete");
    d.db.conn
        .execute(
            &format!("UPDATE {t2} SET customer_id = 4 WHERE rowid = {reused}"),
            [],
        )
        .expect("move");
    d.db.conn
        .execute(
            "UPDATE dsr_holds SET request = 'DSR-1999-0001' WHERE table_name = ?1 AND row_id = ?2",
            rusqlite::params![t3, foreign],
        )
        .expect("foreign");

    let later: DateTime<Utc> = "2040-01-01T10:00:00Z".parse().expect("instant");
    let done = end_retention(&mut d.store, &mut d.db, "jk", later).expect("end");
    assert_eq!(done.deleted(), held_before + held.len() - 2);
    assert_eq!(
        done.evidence.iter().map(|e| e.already_gone).sum::<usize>(),
        2
    );
    assert_eq!(done.unknown_requests, ["DSR-1999-0001"]);
    assert_eq!(count(&d, "SELECT count(*) FROM dsr_holds"), 0);
    assert_eq!(
        count(
            &d,
            &format!("SELECT count(*) FROM {t2} WHERE rowid = {reused} AND customer_id = 4")
        ),
        1,
        "another customer's row is kept"
    );
    let request = d.store.get(&lars).expect("request");
    let ended = d
        .store
        .events_of(request.id)
        .expect("events")
        .into_iter()
        .filter(|e| e.kind == EventKind::RetentionEnded)
        .count();
    assert_eq!(ended, 1, "one event on the request that held them");
    assert!(d.store.verify_chain().expect("chain").is_intact());
    let again = end_retention(&mut d.store, &mut d.db, "jk", later).expect("again");
    assert!(again.evidence.is_empty() && again.deleted() == 0);
}
