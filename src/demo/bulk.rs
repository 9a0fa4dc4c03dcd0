//! Synthetic requests by the thousand, for trying the desk and the benchmarks at scale.

use chrono::{DateTime, Utc};

use crate::domain::change::{Change, Decide};
use crate::domain::request::{Channel, RefusalGround, Requester, Right, Verdict};
use crate::store::{NewRequest, Store, StoreError};

/// Adds `count` synthetic requests spread over the three years before `now` (most closed),
/// for trying the desk and benchmarks at scale. Deterministic for a given `now`.
pub fn populate_bulk(store: &mut Store, count: u64, now: DateTime<Utc>) -> Result<(), StoreError> {
    const FIRST: &[&str] = &[
        "Ola", "Kari", "Åse", "Lars", "Ingrid", "Per", "Sofie", "Jonas", "Nora", "Emil", "Maja",
        "Håkon",
    ];
    const LAST: &[&str] = &[
        "Hansen",
        "Johansen",
        "Olsen",
        "Larsen",
        "Andersen",
        "Pedersen",
        "Nilsen",
        "Kristiansen",
        "Jensen",
        "Bjørnæs",
        "Øverby",
        "Dahl",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        // xorshift64*: enough spread for demo data without a dependency.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    for i in 0..count {
        let first = FIRST[(next() % FIRST.len() as u64) as usize];
        let last = LAST[(next() % LAST.len() as u64) as usize];
        let days_ago = next() % (3 * 365);
        let received = now
            - chrono::Duration::days(days_ago as i64)
            - chrono::Duration::minutes((next() % 600) as i64);
        let right = Right::ALL[(next() % Right::ALL.len() as u64) as usize];
        let name = format!("{first} {last}");
        let new = NewRequest {
            received,
            channel: Channel::ALL[(next() % Channel::ALL.len() as u64) as usize],
            requester: Requester {
                email: Some(format!(
                    "{}.{}{}@example.no",
                    crate::domain::text::fold(first),
                    crate::domain::text::fold(last),
                    i
                )),
                phone: Some(format!("+47 9{:07}", next() % 10_000_000)),
                name,
            },
            agent: None,
            agent_role: None,
            rights: vec![right],
            message_id: None,
            original_text: Some("Generated request.".into()),
            objection_scope: None,
        };
        let request = store.add_request(&new, "intake", received)?;
        if days_ago > 40 || next() % 3 == 0 {
            let closed_at = (received + chrono::Duration::days((next() % 35) as i64)).min(now);
            let verdict = if next() % 10 == 0 {
                Verdict::Refused {
                    ground: RefusalGround::ManifestlyExcessive,
                    reason: "Repeated request.".into(),
                }
            } else if right == Right::Erasure {
                Verdict::Erased
            } else {
                Verdict::Done
            };
            store.apply(
                &request.reference,
                None,
                &Change::Decide(Decide::new(vec![(Some(right), verdict)])),
                "jk",
                closed_at,
            )?;
        }
    }
    Ok(())
}
