//! The built-in demo: realistic requests in Norwegian and English across every state,
//! dated relative to today so the countdowns always mean something.
//!
//! Built in two passes, as the work would happen. [`populate`] registers the requests and
//! what is done to them in the register alone (notes, extensions, identity checks, refusals
//! that need nothing from the customer records). Once the demo customer database exists,
//! [`finish`] does the work in the customer records (links, access packages, erasures, "no
//! data held") and the decisions that work allows. Every step goes through the case
//! workflow, so no demo request says more than its record shows (legal-rules.md §3a).

mod bulk;
mod cases;
mod records;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;

use crate::case::{Case, CaseError, Decision, Edit};
use crate::domain::deadline::{deadline, oslo_date};
use crate::domain::request::{IdentityStatus, Requester};
use crate::store::{NewRequest, Store};

pub use bulk::populate_bulk;
pub use records::{exports_beside, finish};

use cases::{Arrived, DemoRequest, Then};

/// The demo's privacy officer, as the audit trail names them: who works at the desk on the
/// demo, so that its "mine" view holds the requests assigned to them.
pub const OFFICER: &str = "jk";

/// The receipt date whose one-month deadline is `today + n` days, or the nearest one after.
fn received_for_due(today: NaiveDate, n: u64) -> NaiveDate {
    let target = today + Days::new(n);
    (20..=45)
        .filter_map(|back| today.checked_sub_days(Days::new(back)))
        .filter(|r| deadline(*r) >= target)
        .min_by_key(|r| deadline(*r))
        .unwrap_or(today)
}

/// An instant at `hour` o'clock Oslo time on `date`.
fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let local = date.and_time(NaiveTime::from_hms_opt(hour, 17, 0).unwrap_or_default());
    Oslo.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

/// When each step of a request received at `received` happens: two days after the one
/// before, never after `now`.
fn step_times(received: DateTime<Utc>, steps: usize, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    (1..=steps as i64)
        .map(|n| (received + chrono::Duration::days(2 * n)).min(now))
        .collect()
}

/// Records a step that needs only the register. `Then::Records` is [`finish`]'s.
fn register_step(
    store: &mut Store,
    reference: &str,
    then: &Then,
    when: DateTime<Utc>,
) -> Result<(), CaseError> {
    let edit = match then {
        Then::Extend(reason) => Edit::Extend {
            reason: (*reason).into(),
            notified: oslo_date(when),
        },
        Then::AskIdentity(reason) => Edit::Identity {
            status: IdentityStatus::Requested,
            method: None,
            reason: Some((*reason).into()),
        },
        Then::Verify(method) => Edit::Identity {
            status: IdentityStatus::Verified,
            method: Some((*method).into()),
            reason: None,
        },
        Then::Note(text) => Edit::Note((*text).into()),
        Then::Assign(who) => Edit::Assign(Some((*who).into())),
        Then::Refuse(ground, reason) => {
            let answer = crate::case::Answer::Refused(*ground);
            Edit::Decide(Decision {
                reason: Some((*reason).into()),
                ..Decision::new(answer)
            })
        }
        Then::Records(_) => {
            return Err(CaseError::Invalid(format!(
                "{reference}: the demo's work in the customer records waits for the customer database"
            )));
        }
    };
    Case::new(store, OFFICER, when).edit(reference, None, &edit)?;
    Ok(())
}

fn new_request(r: &DemoRequest, received: DateTime<Utc>) -> NewRequest {
    NewRequest {
        received,
        channel: r.channel,
        requester: Requester {
            name: r.name.into(),
            email: r.email.map(Into::into),
            phone: r.phone.map(Into::into),
        },
        agent: None,
        agent_role: None,
        rights: r.rights.to_vec(),
        message_id: None,
        original_text: Some(r.text.into()),
        objection_scope: r.objection_scope,
    }
}

/// Fills an empty store with the demo requests as of `now`, and what was done about them in
/// the register alone. The work in the customer records waits for [`finish`].
pub fn populate(store: &mut Store, now: DateTime<Utc>) -> Result<Vec<String>, CaseError> {
    let today = oslo_date(now);
    let mut refs = Vec::new();
    let mut dated: Vec<(DateTime<Utc>, DemoRequest)> = cases::all()
        .into_iter()
        .map(|r| {
            let day = match r.arrived {
                Arrived::DaysAgo(n) => today - Days::new(n),
                Arrived::DueIn(n) => received_for_due(today, n),
            };
            (at(day, r.hour).min(now), r)
        })
        .collect();
    // References follow the order of receipt, as they would in real life.
    dated.sort_by_key(|(received, _)| *received);
    for (received, r) in dated {
        let request =
            Case::new(store, "intake", received).add_request(&new_request(&r, received))?;
        let times = step_times(received, r.then.len(), now);
        for (then, when) in r.then.iter().zip(times).take(r.records_from()) {
            register_step(store, &request.reference, then, when)?;
        }
        refs.push(request.reference);
    }
    Ok(refs)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::case::letters;
    use crate::domain::request::{Outcome, Right, Status};
    use crate::export::letters::LetterKind;
    use crate::store::{QueueFilter, View};

    fn now() -> DateTime<Utc> {
        "2026-11-25T10:00:00Z".parse().expect("instant")
    }

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn every_closed_demo_request_says_only_what_its_record_shows() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("demo.db");
        crate::cli::build_demo_with(&path, 0, 300, false, now()).expect("demo");
        // A rebuilt demo clears what an earlier one wrote, and only that.
        let exports = exports_beside(&path);
        let earlier = exports.join("DSR-1999-0001");
        std::fs::create_dir(&earlier).expect("folder");
        std::fs::write(earlier.join("DSR-1999-0001-access.json"), "{}").expect("write");
        std::fs::write(exports.join("notes.txt"), "mine").expect("write");
        crate::cli::build_demo_with(&path, 0, 300, true, now()).expect("rebuilt");
        assert!(!earlier.exists());
        assert!(exports.join("notes.txt").exists());
        let store = Store::open(&path).expect("store");
        let filter = QueueFilter {
            view: View::Closed,
            ..QueueFilter::default()
        };
        let today = oslo_date(now());
        let mut outcomes = Vec::new();
        for row in store.page(&filter, today, 0, 100).expect("closed") {
            let f = crate::case::CaseFacts::load(&store, &row.reference, today).expect("facts");
            assert_eq!(f.request.status, Status::Closed);
            outcomes.extend(f.request.outcome());
            // The letter for each decided right fits the record.
            for d in &f.request.decisions {
                let kind = match (d.right, d.kind) {
                    (_, crate::domain::request::DecisionKind::Refused) => LetterKind::Refusal,
                    (Some(Right::Access), _) => LetterKind::Access,
                    (Some(Right::Erasure), _) => LetterKind::Erasure,
                    (other, _) => panic!("{}: no demo decision for {other:?}", row.reference),
                };
                letters::check(kind, &f).unwrap_or_else(|e| panic!("{}: {e}", row.reference));
            }
        }
        outcomes.sort_by_key(|o| o.as_str());
        outcomes.dedup();
        assert_eq!(
            outcomes,
            [
                Outcome::Answered,
                Outcome::Erased,
                Outcome::Partial,
                Outcome::Refused
            ]
        );
        // The access packages are in the demo's own folder, owner-only.
        assert_eq!(exports, dir.path().join("demo-exports"));
        assert_eq!(mode(&exports), 0o700);
        let folders: Vec<_> = std::fs::read_dir(&exports)
            .expect("folders")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .collect();
        assert_eq!(folders.len(), 2, "Marte Kristiansen's and Nora Pedersen's");
        for folder in folders {
            assert_eq!(mode(&folder), 0o700);
            for file in std::fs::read_dir(&folder).expect("files") {
                assert_eq!(mode(&file.expect("file").path()), 0o600);
            }
        }
    }

    #[test]
    fn the_demo_requests_without_customer_records_stop_before_them() {
        let mut store = Store::open_in_memory().expect("store");
        let refs = populate(&mut store, now()).expect("demo");
        assert_eq!(refs.len(), cases::all().len());
        // Only the refusals close without the customer records.
        let closed: Vec<_> = refs
            .iter()
            .map(|r| store.get(r).expect("request"))
            .filter(|r| r.status == Status::Closed)
            .map(|r| r.requester.name)
            .collect();
        assert_eq!(closed, ["Geir Hansen", "Anonymous Sender"]);
    }
}
