//! The built-in demo: realistic requests in Norwegian and English across every state,
//! dated relative to today so the countdowns always mean something.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;

use crate::domain::change::{Change, Decide};
use crate::domain::deadline::{Extension, deadline, oslo_date};
use crate::domain::request::{Channel, IdentityStatus, RefusalGround, Requester, Right, Verdict};
use crate::store::{NewRequest, Store, StoreError};

/// What happens to a demo request after it arrives.
enum Then {
    Extend(&'static str),
    AskIdentity(&'static str),
    Verify(&'static str),
    Note(&'static str),
    Close(Vec<(Option<Right>, Verdict)>),
}

/// When a demo request arrived.
enum Arrived {
    DaysAgo(u64),
    /// So that its one-month deadline falls `n` days from today (or the nearest after).
    DueIn(u64),
}

struct Case {
    name: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    channel: Channel,
    arrived: Arrived,
    hour: u32,
    rights: &'static [Right],
    text: &'static str,
    then: Vec<Then>,
}

fn refused(ground: RefusalGround, reason: &str) -> Verdict {
    Verdict::Refused {
        ground,
        reason: reason.into(),
    }
}

fn cases() -> Vec<Case> {
    use Arrived::*;
    use Right::*;
    vec![
        Case {
            name: "Åse Øverby",
            email: Some("ase.overby@example.no"),
            phone: Some("+47 912 34 567"),
            channel: Channel::Email,
            arrived: DaysAgo(41),
            hour: 9,
            rights: &[Access],
            text: "Hei!\n\nJeg ber om innsyn i alle personopplysninger dere har lagret om meg, jf. \
                   personvernforordningen artikkel 15. Send gjerne en kopi elektronisk.\n\nMvh\nÅse Øverby",
            then: vec![Then::Note("Searched CRM and newsletter tool; waiting for the web-analytics export.")],
        },
        Case {
            name: "Lars Bjørnæs",
            email: Some("lars@bjornaes.no"),
            phone: None,
            channel: Channel::Form,
            arrived: DaysAgo(33),
            hour: 14,
            rights: &[Erasure],
            text: "Slett kontoen min og alle opplysninger om meg. Jeg vil ikke lenger være kunde.",
            then: vec![],
        },
        Case {
            name: "Ingrid Haugen",
            email: Some("ingrid.haugen@example.no"),
            phone: Some("98765432"),
            channel: Channel::Email,
            arrived: DueIn(0),
            hour: 11,
            rights: &[Access, Portability],
            text: "Hei, jeg ønsker innsyn og en maskinlesbar kopi (dataportabilitet) av mine data.",
            then: vec![],
        },
        Case {
            name: "Mohammed Ali",
            email: Some("m.ali@example.com"),
            phone: Some("0047 401 22 333"),
            channel: Channel::Email,
            arrived: DueIn(2),
            hour: 8,
            rights: &[Objection],
            text: "Please stop sending me marketing e-mails. I object to the use of my data for \
                   direct marketing (Article 21).",
            then: vec![],
        },
        Case {
            name: "Kari Nordmann",
            email: Some("kari.nordmann@example.no"),
            phone: Some("+4741234567"),
            channel: Channel::Letter,
            arrived: DueIn(4),
            hour: 10,
            rights: &[Rectification],
            text: "Adressen min er feil i kundeforholdet. Riktig adresse er Storgata 1, 0155 Oslo. \
                   Vennligst rett dette.",
            then: vec![],
        },
        Case {
            name: "Emily Clarke",
            email: Some("emily.clarke@example.co.uk"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(12),
            hour: 16,
            rights: &[Access, Erasure],
            text: "Under Articles 15 and 17 GDPR I request a copy of my personal data and then its erasure.",
            then: vec![Then::Extend(
                "The request covers ten years of order history across three systems and the \
                 archive; we need more time to collect it completely.",
            )],
        },
        Case {
            name: "Per Olav Dahl",
            email: Some("podahl@gmail.example"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(8),
            hour: 13,
            rights: &[Access],
            text: "Kan dere sende meg alt dere har om meg? Bruk denne adressen, den gamle er stengt.",
            then: vec![Then::AskIdentity(
                "Sent from an address we have never seen for this customer; the customer record \
                 holds a different e-mail and phone.",
            )],
        },
        Case {
            name: "Sofie Lien",
            email: Some("sofie.lien@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(5),
            hour: 9,
            rights: &[],
            text: "Hei, jeg lurer på hva dere gjør med dataene mine etter at jeg sa opp abonnementet?",
            then: vec![],
        },
        Case {
            name: "Jonas Berg",
            email: None,
            phone: Some("+47 22 33 44 55"),
            channel: Channel::Phone,
            arrived: DaysAgo(2),
            hour: 15,
            rights: &[Restriction],
            text: "Ringte kundeservice: bestrider at opplysningene om betalingsanmerkning stemmer og \
                   ber om at behandlingen begrenses mens det sjekkes.",
            then: vec![],
        },
        Case {
            name: "Hanne Solberg",
            email: Some("hanne.solberg@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(0),
            hour: 7,
            rights: &[Access],
            text: "Innsynsbegjæring etter GDPR art. 15.",
            then: vec![],
        },
        Case {
            name: "Thomas Müller",
            email: Some("t.mueller@example.de"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(20),
            hour: 12,
            rights: &[Access],
            text: "Gemäß Art. 15 DSGVO bitte ich um Auskunft über meine gespeicherten Daten.",
            then: vec![Then::AskIdentity("Name matches two customers; asked which customer number."),
                Then::Verify("Customer number and postcode confirmed by e-mail")],
        },
        Case {
            name: "Marte Kristiansen",
            email: Some("marte.k@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(60),
            hour: 10,
            rights: &[Access],
            text: "Jeg ber om innsyn i opplysningene dere har om meg.",
            then: vec![Then::Close(vec![(Some(Access), Verdict::Done)])],
        },
        Case {
            name: "Erik Johansen",
            email: Some("erik.johansen@example.no"),
            phone: None,
            channel: Channel::Form,
            arrived: DaysAgo(75),
            hour: 10,
            rights: &[Erasure],
            text: "Vennligst slett alle mine personopplysninger.",
            then: vec![Then::Close(vec![(Some(Erasure), Verdict::Erased)])],
        },
        Case {
            name: "Nora Pedersen",
            email: Some("nora.p@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(50),
            hour: 10,
            rights: &[Access, Erasure],
            text: "Jeg vil se hva dere har om meg, og deretter at alt slettes.",
            then: vec![Then::Close(vec![
                (Some(Access), Verdict::Done),
                (
                    Some(Erasure),
                    Verdict::Partial {
                        ground: RefusalGround::ErasureLegalObligation,
                        reason: "Sales records (invoices) are kept under bokføringsloven § 13 until \
                                 31.12 five years after the fiscal year, restricted and then deleted; \
                                 everything else was erased."
                            .into(),
                    },
                ),
            ])],
        },
        Case {
            name: "Anonymous Sender",
            email: Some("noreply@spam.example"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(30),
            hour: 3,
            rights: &[],
            text: "Buy cheap followers now!!!",
            then: vec![Then::Close(vec![(
                None,
                refused(RefusalGround::NotAGdprRequest, "A sales pitch, not a request about personal data."),
            )])],
        },
        Case {
            name: "Geir Hansen",
            email: Some("geir.h@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(90),
            hour: 10,
            rights: &[Access],
            text: "Innsyn igjen, takk. (Fjerde gang denne måneden.)",
            then: vec![Then::Close(vec![(
                Some(Access),
                refused(
                    RefusalGround::ManifestlyExcessive,
                    "Fourth identical request within one month, each answered in full; nothing has \
                     changed since the copy sent on the 2nd.",
                ),
            )])],
        },
    ]
}

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

/// Fills an empty store with the demo requests as of `now`.
pub fn populate(store: &mut Store, now: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
    let today = oslo_date(now);
    let mut refs = Vec::new();
    let mut dated: Vec<(DateTime<Utc>, Case)> = cases()
        .into_iter()
        .map(|case| {
            let day = match case.arrived {
                Arrived::DaysAgo(n) => today - Days::new(n),
                Arrived::DueIn(n) => received_for_due(today, n),
            };
            (at(day, case.hour).min(now), case)
        })
        .collect();
    // References follow the order of receipt, as they would in real life.
    dated.sort_by_key(|(received, _)| *received);
    for (received, case) in dated {
        let new = NewRequest {
            received,
            channel: case.channel,
            requester: Requester {
                name: case.name.into(),
                email: case.email.map(Into::into),
                phone: case.phone.map(Into::into),
            },
            agent: None,
            rights: case.rights.to_vec(),
            message_id: None,
            original_text: Some(case.text.into()),
            objection_scope: None,
        };
        let request = store.add_request(&new, "intake", received)?;
        let mut when = received;
        for then in case.then {
            when = (when + chrono::Duration::days(2)).min(now);
            let notified = oslo_date(when);
            let change = match then {
                Then::Extend(reason) => Change::Extend(Extension {
                    notified,
                    reason: reason.into(),
                }),
                Then::AskIdentity(reason) => Change::Identity {
                    status: IdentityStatus::Requested,
                    method: None,
                    reason: Some(reason.into()),
                },
                Then::Verify(method) => Change::Identity {
                    status: IdentityStatus::Verified,
                    method: Some(method.into()),
                    reason: None,
                },
                Then::Note(text) => Change::Note(text.into()),
                Then::Close(items) => Change::Decide(Decide::new(items)),
            };
            store.apply(&request.reference, None, &change, "jk", when)?;
        }
        refs.push(request.reference);
    }
    Ok(refs)
}

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
