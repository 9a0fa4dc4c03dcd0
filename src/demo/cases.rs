//! The demo requests: who asks for what, when it arrived, and what the officer has done
//! about it so far. Everything a closed request's decision says was done is done here, in
//! the order an officer would do it, so the record shows it (legal-rules.md §3a).

use crate::case::Answer;
use crate::domain::request::{Channel, ObjectionScope, RefusalGround, Right};

/// One step of the officer's work on a demo request, two days after the one before.
pub(super) enum Then {
    Extend(&'static str),
    AskIdentity(&'static str),
    Verify(&'static str),
    Note(&'static str),
    /// Assigned to an officer (the demo's own, or a colleague).
    Assign(&'static str),
    /// Refused on a ground that needs nothing from the customer records.
    Refuse(RefusalGround, &'static str),
    /// A sitting in the customer records, a few minutes per step. Runs once the demo
    /// customer database exists; the steps after it wait for it too.
    Records(Vec<Work>),
}

/// Work in the customer records, and the decisions it allows.
pub(super) enum Work {
    /// Link the demo customers who are this requester (`linked_to` in the demo people);
    /// the link's basis is checked as for any link.
    Link,
    /// Write the access package into the demo's own exports folder.
    AccessPackage,
    /// Erase the linked customers; the request's erasure right is decided by what it did.
    Erase,
    /// Search the customer records by the requester's e-mail, phone and name, find nobody
    /// and record it.
    NoDataHeld,
    /// Decide the named rights (none named: every right still open).
    Decide(Answer, &'static [Right]),
}

/// When a demo request arrived.
pub(super) enum Arrived {
    DaysAgo(u64),
    /// So that its one-month deadline falls `n` days from today (or the nearest after).
    DueIn(u64),
}

pub(super) struct DemoRequest {
    pub name: &'static str,
    pub email: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub channel: Channel,
    pub arrived: Arrived,
    pub hour: u32,
    pub rights: &'static [Right],
    pub objection_scope: Option<ObjectionScope>,
    pub text: &'static str,
    pub then: Vec<Then>,
}

impl DemoRequest {
    /// Where the steps that need the customer records begin (`then.len()`: none do).
    pub fn records_from(&self) -> usize {
        self.then
            .iter()
            .position(|t| matches!(t, Then::Records(_)))
            .unwrap_or(self.then.len())
    }
}

pub(super) fn all() -> Vec<DemoRequest> {
    use Arrived::*;
    use Right::*;
    vec![
        DemoRequest {
            name: "Åse Øverby",
            email: Some("ase.overby@example.no"),
            phone: Some("+47 912 34 567"),
            channel: Channel::Email,
            arrived: DaysAgo(41),
            hour: 9,
            rights: &[Access],
            objection_scope: None,
            text: "Hei!\n\nJeg ber om innsyn i alle personopplysninger dere har lagret om meg, jf. \
                   personvernforordningen artikkel 15. Send gjerne en kopi elektronisk.\n\nMvh\nÅse Øverby",
            then: vec![
                Then::Note(
                    "Searched CRM and newsletter tool; waiting for the web-analytics export.",
                ),
                Then::Records(vec![Work::Link]),
            ],
        },
        DemoRequest {
            name: "Lars Bjørnæs",
            email: Some("lars@bjornaes.no"),
            phone: None,
            channel: Channel::Form,
            arrived: DaysAgo(33),
            hour: 14,
            rights: &[Erasure],
            objection_scope: None,
            text: "Slett kontoen min og alle opplysninger om meg. Jeg vil ikke lenger være kunde.",
            then: vec![],
        },
        DemoRequest {
            name: "Ingrid Haugen",
            email: Some("ingrid.haugen@example.no"),
            phone: Some("98765432"),
            channel: Channel::Email,
            arrived: DueIn(0),
            hour: 11,
            rights: &[Access, Portability],
            objection_scope: None,
            text: "Hei, jeg ønsker innsyn og en maskinlesbar kopi (dataportabilitet) av mine data.",
            then: vec![Then::Assign(super::OFFICER)],
        },
        DemoRequest {
            name: "Mohammed Ali",
            email: Some("m.ali@example.com"),
            phone: Some("0047 401 22 333"),
            channel: Channel::Email,
            arrived: DueIn(2),
            hour: 8,
            rights: &[Objection],
            // He objects to direct marketing in so many words: Art. 21(2), absolute.
            objection_scope: Some(ObjectionScope::Marketing),
            text: "Please stop sending me marketing e-mails. I object to the use of my data for \
                   direct marketing (Article 21).",
            then: vec![],
        },
        DemoRequest {
            name: "Kari Nordmann",
            email: Some("kari.nordmann@example.no"),
            phone: Some("+4741234567"),
            channel: Channel::Letter,
            arrived: DueIn(4),
            hour: 10,
            rights: &[Rectification],
            objection_scope: None,
            text: "Adressen min er feil i kundeforholdet. Riktig adresse er Storgata 1, 0155 Oslo. \
                   Vennligst rett dette.",
            then: vec![],
        },
        DemoRequest {
            name: "Emily Clarke",
            email: Some("emily.clarke@example.co.uk"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(12),
            hour: 16,
            rights: &[Access, Erasure],
            objection_scope: None,
            text: "Under Articles 15 and 17 GDPR I request a copy of my personal data and then its erasure.",
            then: vec![Then::Extend(
                "The request covers ten years of order history across three systems and the \
                 archive; we need more time to collect it completely.",
            )],
        },
        DemoRequest {
            name: "Per Olav Dahl",
            email: Some("podahl@gmail.example"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(8),
            hour: 13,
            rights: &[Access],
            objection_scope: None,
            text: "Kan dere sende meg alt dere har om meg? Bruk denne adressen, den gamle er stengt.",
            then: vec![Then::AskIdentity(
                "Sent from an address we have never seen for this customer; the customer record \
                 holds a different e-mail and phone.",
            )],
        },
        DemoRequest {
            name: "Sofie Lien",
            email: Some("sofie.lien@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(5),
            hour: 9,
            rights: &[],
            objection_scope: None,
            text: "Hei, jeg lurer på hva dere gjør med dataene mine etter at jeg sa opp abonnementet?",
            then: vec![],
        },
        DemoRequest {
            name: "Jonas Berg",
            email: None,
            phone: Some("+47 22 33 44 55"),
            channel: Channel::Phone,
            arrived: DaysAgo(2),
            hour: 15,
            rights: &[Restriction],
            objection_scope: None,
            text: "Ringte kundeservice: bestrider at opplysningene om betalingsanmerkning stemmer og \
                   ber om at behandlingen begrenses mens det sjekkes.",
            then: vec![Then::Assign("mh")],
        },
        DemoRequest {
            name: "Hanne Solberg",
            email: Some("hanne.solberg@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(0),
            hour: 7,
            rights: &[Access],
            objection_scope: None,
            text: "Innsynsbegjæring etter GDPR art. 15.",
            then: vec![Then::Assign(super::OFFICER)],
        },
        DemoRequest {
            name: "Thomas Müller",
            email: Some("t.mueller@example.de"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(20),
            hour: 12,
            rights: &[Access],
            objection_scope: None,
            text: "Gemäß Art. 15 DSGVO bitte ich um Auskunft über meine gespeicherten Daten.",
            then: vec![
                Then::AskIdentity("Name matches two customers; asked which customer number."),
                Then::Verify("Customer number and postcode confirmed by e-mail"),
            ],
        },
        DemoRequest {
            name: "Marte Kristiansen",
            email: Some("marte.k@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(60),
            hour: 10,
            rights: &[Access],
            objection_scope: None,
            text: "Jeg ber om innsyn i opplysningene dere har om meg.",
            then: vec![Then::Records(vec![
                Work::Link,
                Work::AccessPackage,
                Work::Decide(Answer::Answered, &[]),
            ])],
        },
        DemoRequest {
            name: "Erik Johansen",
            email: Some("erik.johansen@example.no"),
            phone: None,
            channel: Channel::Form,
            arrived: DaysAgo(75),
            hour: 10,
            rights: &[Erasure],
            objection_scope: None,
            text: "Vennligst slett alle mine personopplysninger.",
            then: vec![Then::Records(vec![
                Work::NoDataHeld,
                Work::Decide(Answer::Erased, &[]),
            ])],
        },
        DemoRequest {
            name: "Nora Pedersen",
            email: Some("nora.p@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(50),
            hour: 10,
            rights: &[Access, Erasure],
            objection_scope: None,
            text: "Jeg vil se hva dere har om meg, og deretter at alt slettes.",
            // Her invoices are kept under bokføringsloven § 13: the erasure decides itself
            // as partly refused on that legal obligation, with the date they are kept until.
            then: vec![Then::Records(vec![
                Work::Link,
                Work::AccessPackage,
                Work::Decide(Answer::Answered, &[Access]),
                Work::Erase,
            ])],
        },
        DemoRequest {
            name: "Anonymous Sender",
            email: Some("noreply@spam.example"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(30),
            hour: 3,
            rights: &[],
            objection_scope: None,
            text: "Buy cheap followers now!!!",
            then: vec![Then::Refuse(
                RefusalGround::NotAGdprRequest,
                "A sales pitch, not a request about personal data.",
            )],
        },
        DemoRequest {
            name: "Geir Hansen",
            email: Some("geir.h@example.no"),
            phone: None,
            channel: Channel::Email,
            arrived: DaysAgo(90),
            hour: 10,
            rights: &[Access],
            objection_scope: None,
            text: "Innsyn igjen, takk. (Fjerde gang denne måneden.)",
            then: vec![Then::Refuse(
                RefusalGround::ManifestlyExcessive,
                "Fourth identical request within one month, each answered in full; nothing has \
                 changed since the copy sent on the 2nd.",
            )],
        },
    ]
}
