//! Statistics on real SQLite: the timeliness rule, refusals per ground, extensions and
//! identity checks, counted in one pass.

use crate::domain::change::{Change, Decide};
use crate::domain::deadline::Extension;
use crate::domain::request::{IdentityStatus, Outcome, RefusalGround, Right, Verdict};
use crate::store::Store;
use crate::store::tests::{d, new, t};

fn refuse(ground: RefusalGround) -> Verdict {
    Verdict::Refused {
        ground,
        reason: "why".into(),
    }
}

#[test]
fn late_refusals_on_extended_requests_and_open_overdue_requests_count_late() {
    let mut s = Store::open_in_memory().expect("store");
    // Each received 5 March 2025: one-month deadline 7 April, extended to 5 June.
    let mut add = |name: &str, rights: &[Right], extend: bool| {
        let r = s
            .add_request(
                &new(name, "2025-03-05T09:00:00Z", rights),
                "jk",
                t("2025-03-05T10:00:00Z"),
            )
            .expect("add");
        if extend {
            let ext = Change::Extend(Extension {
                notified: d("2025-03-20"),
                reason: "many systems".into(),
            });
            s.apply(&r.reference, None, &ext, "jk", t("2025-03-20T10:00:00Z"))
                .expect("extend");
        }
        r.reference
    };
    let refused = add("refused late", &[Right::Access], true);
    let answered = add("answered in month two", &[Right::Access], true);
    let not_gdpr = add("not a GDPR request", &[], true);
    let overdue = add("open overdue", &[Right::Access], false);
    let half_refused = add("open, refused late", &[Right::Access, Right::Erasure], true);
    add("open extended", &[Right::Erasure], true);
    let decide = |s: &mut Store, r: &str, item: (Option<Right>, Verdict)| {
        s.apply(
            r,
            None,
            &Change::Decide(Decide::new(vec![item])),
            "jk",
            t("2025-04-15T10:00:00Z"),
        )
        .expect("decide");
    };
    decide(
        &mut s,
        &refused,
        (
            Some(Right::Access),
            refuse(RefusalGround::ManifestlyExcessive),
        ),
    );
    decide(&mut s, &answered, (Some(Right::Access), Verdict::Done));
    decide(
        &mut s,
        &not_gdpr,
        (None, refuse(RefusalGround::NotAGdprRequest)),
    );
    decide(
        &mut s,
        &half_refused,
        (Some(Right::Access), refuse(RefusalGround::RightsOfOthers)),
    );
    let asked = Change::Identity {
        status: IdentityStatus::Requested,
        method: None,
        reason: Some("the address differs from the one we know".into()),
    };
    s.apply(&overdue, None, &asked, "jk", t("2025-03-06T10:00:00Z"))
        .expect("identity asked");

    let stats = s.stats().expect("stats");
    assert_eq!((stats.total, stats.closed, stats.closed_on_time), (6, 3, 2));
    // The refusal of 15 April is late though the request runs to 5 June.
    assert_eq!(stats.closed_late(), 1);
    assert_eq!(stats.open_refused_late, 1);
    assert_eq!(
        stats.open_by_deadline,
        [(d("2025-04-07"), 1), (d("2025-06-05"), 1)]
    );
    // 1 April: only the two late refusals. 20 April: and the one past 7 April.
    // 6 June: and the extended one past 5 June.
    assert_eq!(stats.late(d("2025-04-01")), 2);
    assert_eq!(stats.late(d("2025-04-20")), 3);
    assert_eq!(stats.open_late(d("2025-04-20")), 2);
    assert_eq!(stats.late(d("2025-06-06")), 4);
    assert_eq!(
        stats.refusals,
        [
            (RefusalGround::ManifestlyExcessive, 1),
            (RefusalGround::RightsOfOthers, 1)
        ]
    );
    assert_eq!(stats.not_a_gdpr_request, 1);
    assert_eq!(
        stats.per_outcome,
        [(Outcome::Answered, 1), (Outcome::Refused, 1)]
    );
    assert_eq!((stats.extended, stats.identity_asked), (5, 1));
}

#[test]
fn statistics_count_on_time_closures_outcomes_and_months() {
    let mut s = Store::open_in_memory().expect("store");
    let decide = |s: &mut Store, r: &str, items: Vec<(Option<Right>, Verdict)>, at: &str| {
        s.apply(r, None, &Change::Decide(Decide::new(items)), "jk", t(at))
            .expect("decide");
    };
    // Received 5 March (due 7 April): answered on 20 March, 15 days, on time.
    let a = s
        .add_request(
            &new("A", "2025-03-05T09:00:00Z", &[Right::Access]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    decide(
        &mut s,
        &a.reference,
        vec![(Some(Right::Access), Verdict::Done)],
        "2025-03-20T10:00:00Z",
    );
    // Received 5 March: erased on 10 April, 36 days, late.
    let b = s
        .add_request(
            &new("B", "2025-03-05T09:00:00Z", &[Right::Erasure]),
            "jk",
            t("2025-03-05T10:00:00Z"),
        )
        .expect("add");
    decide(
        &mut s,
        &b.reference,
        vec![(Some(Right::Erasure), Verdict::Erased)],
        "2025-04-10T10:00:00Z",
    );
    // Received 1 April: access done, erasure partly refused on 2 April, 1 day, on time.
    let c = s
        .add_request(
            &new(
                "C",
                "2025-04-01T09:00:00Z",
                &[Right::Access, Right::Erasure],
            ),
            "jk",
            t("2025-04-01T10:00:00Z"),
        )
        .expect("add");
    let partial = Verdict::Partial {
        ground: RefusalGround::ErasureLegalObligation,
        reason: "§ 13".into(),
    };
    decide(
        &mut s,
        &c.reference,
        vec![
            (Some(Right::Access), Verdict::Done),
            (Some(Right::Erasure), partial),
        ],
        "2025-04-02T10:00:00Z",
    );
    // A request that named no right, refused; and one still open.
    let d = s
        .add_request(
            &new("D", "2025-04-03T09:00:00Z", &[]),
            "jk",
            t("2025-04-03T10:00:00Z"),
        )
        .expect("add");
    let refused = Verdict::Refused {
        ground: RefusalGround::NotAGdprRequest,
        reason: "spam".into(),
    };
    decide(
        &mut s,
        &d.reference,
        vec![(None, refused)],
        "2025-04-03T11:00:00Z",
    );
    s.add_request(
        &new("E", "2025-04-04T09:00:00Z", &[Right::Objection]),
        "jk",
        t("2025-04-04T10:00:00Z"),
    )
    .expect("add");

    let stats = s.stats().expect("stats");
    assert_eq!((stats.total, stats.closed, stats.closed_on_time), (5, 4, 3));
    assert_eq!(stats.on_time_rate, Some(0.75));
    // Days to close: 0, 1, 15, 36 -> median 8.
    assert_eq!(stats.median_days_to_close, Some(8.0));
    let outcome = |o: Outcome| {
        stats
            .per_outcome
            .iter()
            .find(|(x, _)| *x == o)
            .map(|(_, n)| *n)
    };
    assert_eq!(outcome(Outcome::Answered), Some(1));
    assert_eq!(outcome(Outcome::Erased), Some(1));
    assert_eq!(outcome(Outcome::Partial), Some(1));
    // D was closed as not a GDPR request: no refusal, counted on its own.
    assert_eq!(outcome(Outcome::Refused), None);
    assert_eq!(stats.not_a_gdpr_request, 1);
    assert_eq!(stats.refusals, [(RefusalGround::ErasureLegalObligation, 1)]);
    let right = |r: Right| {
        stats
            .per_right
            .iter()
            .find(|(x, _)| *x == r)
            .map(|(_, n)| *n)
    };
    assert_eq!(
        (
            right(Right::Access),
            right(Right::Erasure),
            right(Right::Objection)
        ),
        (Some(2), Some(2), Some(1))
    );
    let months: Vec<(&str, u64, u64, u64)> = stats
        .months
        .iter()
        .map(|m| (m.month.as_str(), m.received, m.closed, m.closed_on_time))
        .collect();
    assert_eq!(months, [("2025-03", 2, 1, 1), ("2025-04", 3, 3, 2)]);
}

#[test]
fn fees_are_counted_per_basis_with_their_total() {
    use crate::case::Case;
    use crate::domain::request::FeeBasis;
    let mut s = Store::open_in_memory().expect("store");
    let mut refs = Vec::new();
    for name in ["a", "b", "c"] {
        let r = s
            .add_request(
                &new(name, "2025-03-05T09:00:00Z", &[Right::Access]),
                "jk",
                t("2025-03-05T10:00:00Z"),
            )
            .expect("add");
        refs.push(r.reference);
    }
    let at = t("2025-03-06T10:00:00Z");
    let mut case = Case::new(&mut s, "jk", at);
    case.charge_fee(
        &refs[0],
        300,
        FeeBasis::UnfoundedOrExcessive,
        "the fifth copy this month",
    )
    .expect("fee");
    case.charge_fee(&refs[1], 200, FeeBasis::UnfoundedOrExcessive, "repeated")
        .expect("fee");
    let stats = s.stats().expect("stats");
    assert_eq!(stats.fees.len(), 1, "{:?}", stats.fees);
    let f = &stats.fees[0];
    assert_eq!(
        (f.basis, f.count, f.total_nok),
        (FeeBasis::UnfoundedOrExcessive, 2, 500)
    );
}
