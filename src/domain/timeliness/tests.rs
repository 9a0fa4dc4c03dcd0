//! The timeliness rule on real dates: received 5 March 2025, one-month deadline 7 April,
//! extended deadline 5 June.

use super::*;
use crate::domain::deadline::{Extension, Suspension};
use crate::domain::request::{Channel, Requester, Right};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

/// Received 5 March 2025 (Oslo): one-month deadline 7 April, extended 5 June.
fn received(rights: &[Right], extended: bool) -> Request {
    let mut r = Request::arrived(
        "DSR-2025-0001".into(),
        at("2025-03-05T10:00:00Z"),
        Channel::Email,
        Requester {
            name: "A".into(),
            ..Requester::default()
        },
        rights,
    );
    if extended {
        r.extension = Some(Extension {
            notified: d("2025-03-20"),
            reason: "many systems".into(),
        });
    }
    r
}

fn decide(
    r: &mut Request,
    right: Option<Right>,
    kind: DecisionKind,
    ground: Option<RefusalGround>,
    when: &str,
) {
    r.decisions.push(Decision {
        right,
        kind,
        ground,
        reason: ground.map(|_| "why".into()),
        decided_by: "jk".into(),
        decided_at: at(when),
        internal: None,
        point: None,
        until: None,
    });
}

fn close(r: &mut Request, when: &str) {
    r.status = Status::Closed;
    r.closed_at = Some(at(when));
}

fn late(days: i64, why: Lateness) -> Timeliness {
    Timeliness::Late { days, why }
}

const TODAY: &str = "2025-08-01";

#[test]
fn an_extended_request_refused_in_month_two_is_late_but_answered_in_month_two_is_not() {
    let excessive = Some(RefusalGround::ManifestlyExcessive);
    let mut refused = received(&[Right::Access], true);
    assert_eq!(refused.deadline(false).in_force, d("2025-06-05"));
    decide(
        &mut refused,
        Some(Right::Access),
        DecisionKind::Refused,
        excessive,
        "2025-04-20T10:00:00Z",
    );
    close(&mut refused, "2025-04-20T10:00:00Z");
    // 20 April is 13 days after the one-month deadline of 7 April.
    assert_eq!(
        timeliness(&refused, false, d(TODAY)),
        late(13, Lateness::Refused)
    );

    let mut answered = received(&[Right::Access], true);
    decide(
        &mut answered,
        Some(Right::Access),
        DecisionKind::Done,
        None,
        "2025-04-20T10:00:00Z",
    );
    close(&mut answered, "2025-04-20T10:00:00Z");
    assert_eq!(timeliness(&answered, false, d(TODAY)), Timeliness::OnTime);

    // A partial refusal is a refusal too.
    let mut partial = received(&[Right::Erasure], true);
    decide(
        &mut partial,
        Some(Right::Erasure),
        DecisionKind::Partial,
        Some(RefusalGround::ErasureLegalObligation),
        "2025-04-08T10:00:00Z",
    );
    close(&mut partial, "2025-04-08T10:00:00Z");
    assert_eq!(
        timeliness(&partial, false, d(TODAY)),
        late(1, Lateness::Refused)
    );
}

#[test]
fn a_refusal_on_the_one_month_deadline_is_on_time() {
    let mut r = received(&[Right::Access], true);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Refused,
        Some(RefusalGround::ManifestlyExcessive),
        "2025-04-07T10:00:00Z",
    );
    close(&mut r, "2025-04-07T10:00:00Z");
    assert_eq!(timeliness(&r, false, d(TODAY)), Timeliness::OnTime);
}

#[test]
fn not_a_gdpr_request_is_held_to_the_deadline_in_force_not_the_refusal_rule() {
    let mut extended = received(&[], true);
    decide(
        &mut extended,
        None,
        DecisionKind::Refused,
        Some(RefusalGround::NotAGdprRequest),
        "2025-04-20T10:00:00Z",
    );
    close(&mut extended, "2025-04-20T10:00:00Z");
    assert!(!is_refusal(&extended.decisions[0]));
    assert_eq!(timeliness(&extended, false, d(TODAY)), Timeliness::OnTime);

    let mut plain = received(&[], false);
    decide(
        &mut plain,
        None,
        DecisionKind::Refused,
        Some(RefusalGround::NotAGdprRequest),
        "2025-04-10T10:00:00Z",
    );
    close(&mut plain, "2025-04-10T10:00:00Z");
    assert_eq!(
        timeliness(&plain, false, d(TODAY)),
        late(3, Lateness::Answered)
    );
}

#[test]
fn a_late_close_counts_from_the_deadline_in_force() {
    let mut r = received(&[Right::Access], true);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Done,
        None,
        "2025-06-10T10:00:00Z",
    );
    close(&mut r, "2025-06-10T10:00:00Z");
    assert_eq!(timeliness(&r, false, d(TODAY)), late(5, Lateness::Answered));
    // Not extended, a refusal closing 3 days late misses both deadlines by 3 days: the
    // refusal rule adds nothing, so it is the answer that was late.
    let mut plain = received(&[Right::Access], false);
    decide(
        &mut plain,
        Some(Right::Access),
        DecisionKind::Refused,
        Some(RefusalGround::ManifestlyExcessive),
        "2025-04-10T10:00:00Z",
    );
    close(&mut plain, "2025-04-10T10:00:00Z");
    assert_eq!(
        timeliness(&plain, false, d(TODAY)),
        late(3, Lateness::Answered)
    );
}

#[test]
fn the_deadline_missed_by_more_days_is_given() {
    // Access refused a day late; erasure carried out, closing 15 days after 5 June.
    let mut r = received(&[Right::Access, Right::Erasure], true);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Refused,
        Some(RefusalGround::RightsOfOthers),
        "2025-04-08T10:00:00Z",
    );
    decide(
        &mut r,
        Some(Right::Erasure),
        DecisionKind::Done,
        None,
        "2025-06-20T10:00:00Z",
    );
    close(&mut r, "2025-06-20T10:00:00Z");
    assert_eq!(
        timeliness(&r, false, d(TODAY)),
        late(15, Lateness::Answered)
    );
}

#[test]
fn an_open_request_is_late_once_past_its_deadline_in_force() {
    let r = received(&[Right::Access], false);
    assert_eq!(timeliness(&r, false, d("2025-04-07")), Timeliness::Open);
    assert_eq!(
        timeliness(&r, false, d("2025-04-10")),
        late(3, Lateness::Overdue)
    );
    let facts = Facts::of(&r, false);
    assert_eq!(facts.settled(), None);
    assert_eq!(
        open_on(facts.in_force, d("2025-04-08")),
        late(1, Lateness::Overdue)
    );
    // Extended, the same day is still in time.
    let ext = received(&[Right::Access], true);
    assert_eq!(timeliness(&ext, false, d("2025-04-10")), Timeliness::Open);
}

#[test]
fn an_open_request_with_a_late_refusal_is_late_already() {
    let mut r = received(&[Right::Access, Right::Erasure], true);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Refused,
        Some(RefusalGround::RightsOfOthers),
        "2025-04-17T10:00:00Z",
    );
    assert_eq!(
        timeliness(&r, false, d("2025-05-01")),
        late(10, Lateness::Refused)
    );
    assert_eq!(Facts::of(&r, false).settled(), Some(true));
    // Past the extended deadline the overdue days outnumber the refusal's.
    assert_eq!(
        timeliness(&r, false, d("2025-06-25")),
        late(20, Lateness::Overdue)
    );
}

#[test]
fn closed_requests_are_settled() {
    let mut r = received(&[Right::Access], false);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Done,
        None,
        "2025-03-20T10:00:00Z",
    );
    close(&mut r, "2025-03-20T10:00:00Z");
    assert_eq!(Facts::of(&r, false).settled(), Some(false));
    r.closed_at = Some(at("2025-04-09T10:00:00Z"));
    assert_eq!(Facts::of(&r, false).settled(), Some(true));
}

#[test]
fn decisions_count_by_their_oslo_date() {
    // 21:30Z on 7 April is 23:30 in Oslo (summer time): still the deadline day.
    let mut r = received(&[Right::Access], true);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Refused,
        Some(RefusalGround::ManifestlyExcessive),
        "2025-04-07T21:30:00Z",
    );
    assert_eq!(timeliness(&r, false, d("2025-04-20")), Timeliness::Open);
    // 22:30Z is half past midnight on 8 April.
    r.decisions[0].decided_at = at("2025-04-07T22:30:00Z");
    assert_eq!(
        timeliness(&r, false, d("2025-04-20")),
        late(1, Lateness::Refused)
    );
}

#[test]
fn a_counted_suspension_moves_the_answer_deadline() {
    let mut r = received(&[Right::Access], false);
    r.suspension = Some(Suspension {
        requested: d("2025-03-10"),
        reason: "doubt".into(),
        answered: Some(d("2025-03-17")),
    });
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Done,
        None,
        "2025-04-10T10:00:00Z",
    );
    close(&mut r, "2025-04-10T10:00:00Z");
    // Counted, the deadline in force is 14 April; not counted, it is 7 April.
    assert_eq!(timeliness(&r, true, d(TODAY)), Timeliness::OnTime);
    assert_eq!(timeliness(&r, false, d(TODAY)), late(3, Lateness::Answered));
}

#[test]
fn a_closed_status_without_a_closing_instant_counts_as_open() {
    let mut r = received(&[Right::Access], false);
    r.status = Status::Closed;
    assert_eq!(timeliness(&r, false, d("2025-04-01")), Timeliness::Open);
}

#[test]
fn sentences_say_how_late_and_why() {
    assert_eq!(
        late(1, Lateness::Answered).sentence().as_deref(),
        Some("answered 1 day late")
    );
    assert_eq!(
        late(13, Lateness::Refused).sentence().as_deref(),
        Some("refused 13 days late: a refusal is due within one month even when extended")
    );
    assert_eq!(
        late(2, Lateness::Overdue).sentence().as_deref(),
        Some("open 2 days past the deadline in force")
    );
    assert_eq!(Timeliness::OnTime.sentence(), None);
    assert_eq!(Timeliness::Open.sentence(), None);
    assert!(late(1, Lateness::Overdue).is_late() && !Timeliness::OnTime.is_late());
}

#[test]
fn a_closed_status_says_how_many_calendar_days_late_it_was_answered() {
    // Deadline Monday 7 April; answered Tuesday 15 April: 8 calendar days late (6 working
    // days, which is not what the rule counts).
    let mut r = received(&[Right::Access], false);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Done,
        None,
        "2025-04-15T09:00:00Z",
    );
    close(&mut r, "2025-04-15T09:00:00Z");
    let standing = timeliness(&r, false, d(TODAY));
    assert_eq!(closed_label("answered", standing), "answered 8 d late");
    // One day late is still said in days.
    let mut r = received(&[Right::Erasure], false);
    decide(
        &mut r,
        Some(Right::Erasure),
        DecisionKind::Done,
        None,
        "2025-04-08T09:00:00Z",
    );
    close(&mut r, "2025-04-08T09:00:00Z");
    assert_eq!(
        closed_label("erased", timeliness(&r, false, d(TODAY))),
        "erased 1 d late"
    );
}

#[test]
fn a_closed_status_on_time_is_the_plain_outcome() {
    let mut r = received(&[Right::Access], false);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Done,
        None,
        "2025-04-07T20:00:00Z",
    );
    close(&mut r, "2025-04-07T20:00:00Z");
    let standing = timeliness(&r, false, d(TODAY));
    assert_eq!(standing, Timeliness::OnTime);
    assert_eq!(closed_label("answered", standing), "answered");
    // An extended request refused in its second month: late by the refusal rule.
    let mut r = received(&[Right::Access], true);
    decide(
        &mut r,
        Some(Right::Access),
        DecisionKind::Refused,
        Some(RefusalGround::ManifestlyExcessive),
        "2025-04-10T09:00:00Z",
    );
    close(&mut r, "2025-04-10T09:00:00Z");
    assert_eq!(
        closed_label("refused", timeliness(&r, false, d(TODAY))),
        "refused 3 d late"
    );
    // An open request's label is not this function's: it has a countdown.
    assert_eq!(closed_label("answered", Timeliness::Open), "answered");
}
