//! The queue's "mine" view and what its rows say about channel, assignee and lateness.

use super::tests::{d, new, t};
use super::*;
use crate::domain::change::{Change, Decide};
use crate::domain::request::{Channel, Right, Verdict};
use crate::domain::timeliness::{Lateness, Timeliness};
use chrono::NaiveDate;

fn names(s: &Store, f: &QueueFilter, today: NaiveDate) -> Vec<String> {
    s.page(f, today, 0, 10)
        .expect("page")
        .into_iter()
        .map(|r| r.name)
        .collect()
}

fn assign(s: &mut Store, reference: &str, who: Option<&str>) {
    let change = Change::Assign(who.map(str::to_string));
    s.apply(reference, None, &change, "jk", t("2025-03-10T10:00:00Z"))
        .expect("assign");
}

#[test]
fn the_mine_view_shows_the_officer_s_open_requests_only() {
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2025-03-06T10:00:00Z");
    let mut add = |name: &str, received: &str| {
        s.add_request(&new(name, received, &[Right::Access]), "jk", now)
            .expect("add")
            .reference
    };
    let mine_late = add("Mine Late", "2025-03-01T09:00:00Z");
    let mine_soon = add("Mine Soon", "2025-03-05T09:00:00Z");
    let theirs = add("Theirs", "2025-03-02T09:00:00Z");
    add("Nobody", "2025-03-03T09:00:00Z");
    let mine_closed = add("Mine Closed", "2025-03-04T09:00:00Z");
    assign(&mut s, &mine_late, Some("Jon K"));
    assign(&mut s, &mine_soon, Some("Jon K"));
    assign(&mut s, &theirs, Some("Kari"));
    assign(&mut s, &mine_closed, Some("Jon K"));
    let done = Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)]));
    s.apply(&mine_closed, None, &done, "jk", now)
        .expect("close");
    let today = d("2025-03-20");
    let mine = QueueFilter {
        view: View::Mine,
        ..QueueFilter::for_officer(" Jon K ")
    };
    assert_eq!(names(&s, &mine, today), ["Mine Late", "Mine Soon"]);
    assert_eq!(s.count(&mine, today).expect("count"), 2);
    // The selection can follow a request within it, and not one outside it.
    assert_eq!(s.position(&mine, today, &mine_soon).expect("pos"), Some(1));
    assert_eq!(s.position(&mine, today, &theirs).expect("pos"), None);
    // Another officer sees their own; one with none sees none.
    let kari = QueueFilter {
        view: View::Mine,
        ..QueueFilter::for_officer("Kari")
    };
    assert_eq!(names(&s, &kari, today), ["Theirs"]);
    let nobody = QueueFilter {
        view: View::Mine,
        ..QueueFilter::default()
    };
    assert!(names(&s, &nobody, today).is_empty());
    // Reassigned away, it leaves the view.
    assign(&mut s, &mine_late, None);
    assert_eq!(names(&s, &mine, today), ["Mine Soon"]);
    // The row carries its assignee for the column.
    let row = &s.page(&mine, today, 0, 1).expect("page")[0];
    assert_eq!(row.assignee.as_deref(), Some("Jon K"));
    assert_eq!(row.channel, Channel::Email);
}

#[test]
fn the_view_is_listed_parsed_and_cleared_filters_keep_the_officer() {
    assert!(View::ALL.contains(&View::Mine));
    assert_eq!(View::parse("mine"), Some(View::Mine));
    assert_eq!(View::Mine.label(), "mine");
    let f = QueueFilter {
        view: View::Mine,
        search: "ola".into(),
        ..QueueFilter::for_officer("Jon K")
    };
    assert!(f.is_narrowed());
    let cleared = f.cleared();
    assert_eq!(cleared.officer, "Jon K");
    assert_eq!(cleared.view, View::Open);
    assert!(!cleared.is_narrowed());
}

#[test]
fn a_closed_row_knows_how_late_it_was_answered() {
    let mut s = Store::open_in_memory().expect("store");
    // Received 5 March 2025: due 7 April. Closed 15 April (8 days late) and 1 April.
    let late = s
        .add_request(
            &new("Late", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add")
        .reference;
    let on_time = s
        .add_request(
            &new("On Time", "2025-03-05T09:30:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add")
        .reference;
    let done = Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)]));
    s.apply(&late, None, &done, "jk", t("2025-04-15T09:00:00Z"))
        .expect("close late");
    s.apply(&on_time, None, &done, "jk", t("2025-04-01T09:00:00Z"))
        .expect("close");
    let closed = QueueFilter {
        view: View::Closed,
        ..QueueFilter::default()
    };
    let rows = s.page(&closed, d("2025-05-01"), 0, 10).expect("page");
    let standing = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .and_then(|r| r.standing)
            .expect("closed row")
    };
    assert_eq!(
        standing("Late"),
        Timeliness::Late {
            days: 8,
            why: Lateness::Answered
        }
    );
    assert_eq!(standing("On Time"), Timeliness::OnTime);
    // Open rows leave it to the countdown.
    let open = s
        .page(&QueueFilter::default(), d("2025-05-01"), 0, 10)
        .expect("page");
    assert!(open.iter().all(|r| r.standing.is_none()));
}
