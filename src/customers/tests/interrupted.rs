//! A change whose process died between the two databases: the next operation finishes its
//! record, or records that it was not carried out, by the marker in the customer database.

use std::time::Duration;

use super::{desk, now, reference_of, today};
use crate::customers::interrupted::commit_marked;
use crate::customers::{CustomerError, InterruptedOutcome, finish_interrupted};
use crate::domain::request::EventKind;
use crate::store::{CustomerAction, Event};

const WAIT: Duration = Duration::from_millis(100);

fn restriction() -> CustomerAction {
    CustomerAction {
        kind: EventKind::Restricted,
        summary: "Processing restricted to storage for customer 9".into(),
        detail: serde_json::json!({"customers": [9], "newly_restricted": 1}),
        notify: vec![("hosting".into(), "External hosting provider".into())],
        decide: None,
    }
}

/// A desk with Jonas Berg's request linked to customer 9, and his request's reference.
fn jonas() -> (super::Desk, String) {
    let mut d = desk(100);
    let jonas = reference_of(&d.store, "Jonas Berg");
    d.store
        .link_customer(&jonas, 9, "K100009", "test link", "jk", now())
        .expect("link");
    (d, jonas)
}

fn events(d: &super::Desk, reference: &str) -> Vec<Event> {
    let id = d.store.get(reference).expect("request").id;
    d.store.events_of(id).expect("events")
}

/// Restricts customer 9 and "dies" inside the customer commit: after it (`commit`), or
/// before it.
fn die_in_commit(d: &mut super::Desk, reference: &str, commit: bool) {
    let path = d.db.path().to_path_buf();
    let (tx, _) =
        d.db.begin_restrict(&[9], reference, today())
            .expect("begin");
    let died: Result<((), _), CustomerError> =
        d.store
            .record_customer_change(reference, &restriction(), ("jk", now()), &path, |token| {
                if commit {
                    commit_marked(tx, token, EventKind::Restricted, now())?;
                }
                Err(CustomerError::Invalid("killed".into()))
            });
    assert!(died.is_err());
    assert_eq!(d.store.pending_intents().expect("intents").len(), 1);
}

#[test]
fn a_change_made_before_the_crash_gets_its_record_completed_once() {
    let (mut d, jonas) = jonas();
    die_in_commit(&mut d, &jonas, true);
    assert!(
        d.db.records(9).expect("records").restricted,
        "the change was made"
    );
    assert!(
        !events(&d, &jonas)
            .iter()
            .any(|e| e.kind == EventKind::Restricted)
    );

    let later = now() + chrono::Duration::minutes(5);
    let done = finish_interrupted(&mut d.store, &mut d.db, "kl", later, WAIT).expect("finish");
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].outcome, InterruptedOutcome::Completed);
    assert_eq!(done[0].references, vec![jonas.clone()]);
    let evs = events(&d, &jonas);
    let recorded: Vec<&Event> = evs
        .iter()
        .filter(|e| e.kind == EventKind::Restricted)
        .collect();
    assert_eq!(recorded.len(), 1);
    assert!(
        recorded[0]
            .summary
            .ends_with("recorded after an interruption"),
        "{}",
        recorded[0].summary
    );
    assert_eq!(recorded[0].actor, "jk", "the officer who made the change");
    assert_eq!(recorded[0].detail["customers"], serde_json::json!([9]));
    let note = evs.last().expect("note");
    assert_eq!(note.kind, EventKind::Interrupted);
    assert_eq!(note.detail["outcome"], "completed");
    assert!(note.summary.contains("had changed the customer database"));
    let id = d.store.get(&jonas).expect("request").id;
    assert_eq!(d.store.checklist(id).expect("checklist").len(), 1);

    // Finished once: nothing is left, and nothing is written twice.
    assert!(
        finish_interrupted(&mut d.store, &mut d.db, "kl", later, WAIT)
            .expect("again")
            .is_empty()
    );
    assert_eq!(events(&d, &jonas).len(), evs.len());
    assert!(d.store.verify_chain().expect("chain").is_intact());
}

#[test]
fn a_change_not_made_before_the_crash_is_recorded_as_not_carried_out_with_its_plan() {
    let (mut d, jonas) = jonas();
    die_in_commit(&mut d, &jonas, false);
    assert!(!d.db.records(9).expect("records").restricted, "rolled back");

    let done = finish_interrupted(&mut d.store, &mut d.db, "kl", now(), WAIT).expect("finish");
    assert_eq!(done[0].outcome, InterruptedOutcome::NotCarriedOut);
    let evs = events(&d, &jonas);
    assert!(!evs.iter().any(|e| e.kind == EventKind::Restricted));
    let note = evs.last().expect("note");
    assert_eq!(note.kind, EventKind::Interrupted);
    assert!(note.summary.contains("not carried out"), "{}", note.summary);
    assert_eq!(note.detail["planned"]["summary"], restriction().summary);
    assert_eq!(note.detail["planned"]["detail"], restriction().detail);
    let id = d.store.get(&jonas).expect("request").id;
    assert!(d.store.checklist(id).expect("checklist").is_empty());
    assert!(d.store.pending_intents().expect("intents").is_empty());

    // The next real operation is not held up by it.
    let newly =
        crate::customers::restrict(&mut d.store, &mut d.db, &jonas, "jk", now()).expect("restrict");
    assert_eq!(newly, 1);
}

#[test]
fn a_change_another_desk_may_still_be_making_is_waited_for_not_overtaken() {
    let (mut d, jonas) = jonas();
    die_in_commit(&mut d, &jonas, false);
    // Another desk holds the customer database's write lock: it may be that very change.
    let other = rusqlite::Connection::open(d.db.path()).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let done = finish_interrupted(&mut d.store, &mut d.db, "kl", now(), WAIT).expect("finish");
    assert_eq!(done[0].outcome, InterruptedOutcome::Busy);
    assert_eq!(d.store.pending_intents().expect("intents").len(), 1);
    other.execute_batch("ROLLBACK").expect("unlock");
    let done = finish_interrupted(&mut d.store, &mut d.db, "kl", now(), WAIT).expect("finish");
    assert_eq!(done[0].outcome, InterruptedOutcome::NotCarriedOut);
}
