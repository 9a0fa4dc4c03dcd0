//! Requests, the rights they ask for, the decisions taken on them, and the outcome derived
//! from those decisions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::deadline::{DeadlineExplanation, Extension, Suspension, oslo_date};

/// Declares a closed vocabulary stored and typed as lower-case words, so the database,
/// the command line and JSON all use the same spelling.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $word)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and typed spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parses the stored spelling (case-insensitive; `-` and `_` alike).
            pub fn parse(text: &str) -> Option<Self> {
                let wanted = text.trim().replace('-', "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().replace('-', "_").eq_ignore_ascii_case(&wanted))
            }

            /// Every accepted spelling, for error messages.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The data-subject rights of Art. 15–21.
    Right {
        Access = "access",
        Rectification = "rectification",
        Erasure = "erasure",
        Restriction = "restriction",
        Objection = "objection",
        Portability = "portability",
    }
}

impl Right {
    pub fn article(self) -> &'static str {
        match self {
            Right::Access => "Art. 15",
            Right::Rectification => "Art. 16",
            Right::Erasure => "Art. 17",
            Right::Restriction => "Art. 18",
            Right::Portability => "Art. 20",
            Right::Objection => "Art. 21",
        }
    }

    /// A short label for narrow table columns.
    pub fn abbrev(self) -> &'static str {
        match self {
            Right::Access => "ACC",
            Right::Rectification => "REC",
            Right::Erasure => "ERA",
            Right::Restriction => "RES",
            Right::Objection => "OBJ",
            Right::Portability => "POR",
        }
    }
}

vocabulary! {
    /// How the request reached the company.
    Channel { Email = "email", Phone = "phone", Form = "form", Letter = "letter" }
}

vocabulary! {
    /// Where the request stands in the workflow. Overdue, extended and "needs triage" are
    /// derived from dates and rights, not stored.
    Status { Open = "open", AwaitingIdentity = "awaiting-identity", Closed = "closed" }
}

vocabulary! {
    /// Identity check (Art. 12(6)): only on reasonable doubt; ID copies are never stored.
    IdentityStatus {
        NotRequired = "not-required",
        Requested = "requested",
        Verified = "verified",
        Failed = "failed",
    }
}

impl IdentityStatus {
    /// The status in words, as screens and summaries say it ("not needed", not the
    /// register's "not-required").
    pub fn words(self) -> &'static str {
        match self {
            IdentityStatus::NotRequired => "not needed",
            IdentityStatus::Requested => "requested",
            IdentityStatus::Verified => "verified",
            IdentityStatus::Failed => "failed",
        }
    }
}

vocabulary! {
    /// What an audit-trail event records.
    EventKind {
        Created = "created",
        Decided = "decided",
        Extended = "extended",
        Note = "note",
        Identity = "identity",
        Assigned = "assigned",
        RightsChanged = "rights-changed",
        Reopened = "reopened",
        Settings = "settings",
        FollowUp = "follow-up",
        CustomerSource = "customer-db",
        CustomerLinked = "customer-linked",
        CustomerUnlinked = "customer-unlinked",
        AccessPackage = "access-package",
        PortabilityExport = "portability-export",
        Rectified = "rectified",
        Erased = "erased",
        Restricted = "restricted",
        MarketingStopped = "marketing-stopped",
        RestrictionLifted = "restriction-lifted",
        RetentionEnded = "retention-ended",
        Interrupted = "interrupted",
        RecipientsListed = "recipients-listed",
        RecipientNotified = "recipient-notified",
        NoDataHeld = "no-data-held",
        Fee = "fee",
        Exported = "exported",
        LetterSent = "letter-sent",
        Representative = "representative",
        Other = "other",
    }
}

vocabulary! {
    /// What an objection (Art. 21) is to: direct marketing (21(2)-(3): absolute, stop at
    /// once) or processing in the person's particular situation (21(1)).
    ObjectionScope { Marketing = "marketing", Situation = "situation" }
}

vocabulary! {
    /// In what capacity a representative acts for the person (legal-rules §3a).
    AgentRole { Parent = "parent", Guardian = "guardian", Lawyer = "lawyer", Other = "other" }
}

vocabulary! {
    /// Whether a representative has shown a mandate to act for the person: until it is
    /// shown, nothing about the person goes to them.
    Mandate { Unknown = "unknown", Shown = "shown", Missing = "missing" }
}

vocabulary! {
    /// The basis of a fee (legal-rules §3a): instead of refusing a manifestly unfounded or
    /// excessive request (Art. 12(5)(a)), or for further copies (Art. 15(3)).
    FeeBasis { UnfoundedOrExcessive = "12(5)(a)", FurtherCopies = "15(3)" }
}

vocabulary! {
    /// What was decided for one right.
    DecisionKind { Done = "done", Refused = "refused", Partial = "partial" }
}

vocabulary! {
    /// The request's outcome, derived from its decisions.
    Outcome { Answered = "answered", Erased = "erased", Refused = "refused", Partial = "partial" }
}

vocabulary! {
    /// Refusal ground codes of legal-rules.md §3.
    RefusalGround {
        IdUnverified = "ID_UNVERIFIED",
        CannotIdentify = "CANNOT_IDENTIFY",
        NoAuthorityAgent = "NO_AUTHORITY_AGENT",
        ManifestlyUnfounded = "MANIFESTLY_UNFOUNDED",
        ManifestlyExcessive = "MANIFESTLY_EXCESSIVE",
        RightsOfOthers = "RIGHTS_OF_OTHERS",
        NationalRestriction = "NATIONAL_RESTRICTION",
        PortabilityNotApplicable = "PORTABILITY_NOT_APPLICABLE",
        ErasureNoGround = "ERASURE_NO_GROUND",
        ErasureLegalObligation = "ERASURE_LEGAL_OBLIGATION",
        ErasureLegalClaims = "ERASURE_LEGAL_CLAIMS",
        ErasureOtherException = "ERASURE_OTHER_EXCEPTION",
        RectificationDataAccurate = "RECTIFICATION_DATA_ACCURATE",
        RestrictionConditionsNotMet = "RESTRICTION_CONDITIONS_NOT_MET",
        ObjectionCompellingGrounds = "OBJECTION_COMPELLING_GROUNDS",
        ObjectionNotApplicable = "OBJECTION_NOT_APPLICABLE",
        NotAGdprRequest = "NOT_A_GDPR_REQUEST",
    }
}

impl RefusalGround {
    /// What the ground is called in a sentence: the status line, a question, the timeline.
    pub fn title(self) -> &'static str {
        use RefusalGround::*;
        match self {
            IdUnverified => "identity not verified",
            CannotIdentify => "the person cannot be identified",
            NoAuthorityAgent => "the agent showed no mandate",
            ManifestlyUnfounded => "manifestly unfounded",
            ManifestlyExcessive => "manifestly excessive",
            RightsOfOthers => "the rights and freedoms of others",
            NationalRestriction => "a national restriction",
            PortabilityNotApplicable => "portability does not apply",
            ErasureNoGround => "no ground for erasure",
            ErasureLegalObligation => "a legal obligation to keep the data",
            ErasureLegalClaims => "legal claims",
            ErasureOtherException => "another exception of Art. 17(3)",
            RectificationDataAccurate => "the data is accurate",
            RestrictionConditionsNotMet => "no condition for restriction is met",
            ObjectionCompellingGrounds => "compelling legitimate grounds",
            ObjectionNotApplicable => "the objection does not apply",
            NotAGdprRequest => "not a data-subject request",
        }
    }

    /// The title with its legal basis, as a sentence names a ground.
    pub fn named(self) -> String {
        match self.basis() {
            "-" => self.title().to_string(),
            basis => format!("{}, {basis}", self.title()),
        }
    }

    /// The legal basis the ground rests on.
    pub fn basis(self) -> &'static str {
        use RefusalGround::*;
        match self {
            IdUnverified => "Art. 12(6)",
            CannotIdentify => "Art. 11(2), 12(2)",
            NoAuthorityAgent => "EDPB Guidelines 01/2022 §§ 80-81",
            ManifestlyUnfounded | ManifestlyExcessive => "Art. 12(5)(b)",
            RightsOfOthers => "Art. 15(4), 20(4)",
            NationalRestriction => "Art. 23 + personopplysningsloven § 16",
            PortabilityNotApplicable => "Art. 20(1), 20(3)",
            ErasureNoGround => "Art. 17(1)",
            ErasureLegalObligation => "Art. 17(3)(b)",
            ErasureLegalClaims => "Art. 17(3)(e)",
            ErasureOtherException => "Art. 17(3)(a), (c), (d)",
            RectificationDataAccurate => "Art. 16",
            RestrictionConditionsNotMet => "Art. 18(1)",
            ObjectionCompellingGrounds => "Art. 21(1)",
            ObjectionNotApplicable => "Art. 21(1), 21(6)",
            NotAGdprRequest => "-",
        }
    }

    /// A one-line reminder of when the ground applies.
    pub fn note(self) -> &'static str {
        use RefusalGround::*;
        match self {
            IdUnverified => "requested identity information never came",
            CannotIdentify => "must be demonstrated",
            NoAuthorityAgent => "agent showed no mandate",
            ManifestlyUnfounded => "very narrow",
            ManifestlyExcessive => "e.g. repetitive; a yearly request is never excessive",
            RightsOfOthers => "usually partial: redact instead",
            NationalRestriction => "name the letter of § 16",
            PortabilityNotApplicable => "basis not consent/contract, or not automated",
            ErasureNoGround => "none of Art. 17(1)(a)-(f) applies",
            ErasureLegalObligation => {
                "e.g. bokføringsloven § 13: keep, restrict, delete at retention end"
            }
            ErasureLegalClaims => "establishment, exercise or defence of legal claims",
            ErasureOtherException => "expression, public health, archiving/research",
            RectificationDataAccurate => "restrict while checking (Art. 18(1)(a))",
            RestrictionConditionsNotMet => "none of Art. 18(1)(a)-(d) applies",
            ObjectionCompellingGrounds => "must be demonstrated; never for direct marketing",
            ObjectionNotApplicable => "processing not based on Art. 6(1)(e) or (f)",
            NotAGdprRequest => "close with an explanation",
        }
    }
}

/// The decision on one right (or, for a request that asks for none, on the whole request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub right: Option<Right>,
    pub kind: DecisionKind,
    pub ground: Option<RefusalGround>,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
    /// The officer's internal note: kept in the case record, never in a letter or package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal: Option<String>,
    /// The point of the law a refusal rests on (personopplysningsloven § 16(1) a-f,
    /// Art. 17(3) a/c/d).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    /// How long records are kept under a legal obligation (ERASURE_LEGAL_OBLIGATION).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

impl Decision {
    /// A decision with only what an outcome is derived from (for rows read in bulk).
    pub fn outline(
        right: Option<Right>,
        kind: DecisionKind,
        ground: Option<RefusalGround>,
    ) -> Self {
        Decision {
            right,
            kind,
            ground,
            reason: None,
            decided_by: String::new(),
            decided_at: DateTime::<Utc>::UNIX_EPOCH,
            internal: None,
            point: None,
            until: None,
        }
    }
}

impl EventKind {
    /// The change an event of this kind records, as a sentence names it: "an erasure".
    pub fn change_noun(self) -> &'static str {
        match self {
            EventKind::Erased => "an erasure",
            EventKind::Rectified => "a rectification",
            EventKind::Restricted => "a restriction",
            EventKind::RestrictionLifted => "lifting a restriction",
            EventKind::MarketingStopped => "stopping marketing",
            EventKind::RetentionEnded => "ending legal holds",
            EventKind::AccessPackage => "an access package",
            EventKind::PortabilityExport => "a portability export",
            _ => "a change",
        }
    }
}

/// What the officer decides, before it is stamped with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Answered / carried out.
    Done,
    /// Carried out as erasure (valid only for the erasure right).
    Erased,
    Refused {
        ground: RefusalGround,
        reason: String,
    },
    /// Partly done, partly refused on a ground with reasons.
    Partial {
        ground: RefusalGround,
        reason: String,
    },
}

impl Verdict {
    /// The structural checks every verdict meets; which ground may refuse which right on
    /// which facts is the case workflow's (`case::grounds`).
    pub fn validate(&self, right: Option<Right>) -> Result<(), String> {
        match self {
            Verdict::Done => Ok(()),
            Verdict::Erased => match right {
                Some(Right::Erasure) | None => Ok(()),
                Some(r) => Err(format!("'erased' applies to the erasure right, not {r}")),
            },
            Verdict::Refused { reason, .. } | Verdict::Partial { reason, .. } => {
                if reason.trim().is_empty() {
                    return Err("a refusal needs a written reason (Art. 12(4))".into());
                }
                Ok(())
            }
        }
    }

    /// The ground of a refusal, whole or partial.
    pub fn ground(&self) -> Option<RefusalGround> {
        match self {
            Verdict::Refused { ground, .. } | Verdict::Partial { ground, .. } => Some(*ground),
            _ => None,
        }
    }

    pub fn kind(&self) -> DecisionKind {
        match self {
            Verdict::Done | Verdict::Erased => DecisionKind::Done,
            Verdict::Refused { .. } => DecisionKind::Refused,
            Verdict::Partial { .. } => DecisionKind::Partial,
        }
    }
}

/// The outcome of a set of decisions; `None` while any right asked for is undecided.
pub fn derive_outcome(rights: &[Right], decisions: &[Decision]) -> Option<Outcome> {
    let decided = |r: Option<Right>| decisions.iter().find(|d| d.right == r);
    let relevant: Vec<&Decision> = if rights.is_empty() {
        vec![decided(None)?]
    } else {
        rights
            .iter()
            .map(|r| decided(Some(*r)))
            .collect::<Option<Vec<_>>>()?
    };
    let all = |k: DecisionKind| relevant.iter().all(|d| d.kind == k);
    Some(if all(DecisionKind::Refused) {
        Outcome::Refused
    } else if all(DecisionKind::Done) {
        if relevant.iter().any(|d| d.right == Some(Right::Erasure)) {
            Outcome::Erased
        } else {
            Outcome::Answered
        }
    } else {
        Outcome::Partial
    })
}

/// A data-subject request as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub id: i64,
    pub reference: String,
    pub received: DateTime<Utc>,
    pub channel: Channel,
    pub requester: Requester,
    /// Someone acting for the person: `Name <address>` or a name.
    pub agent: Option<String>,
    pub agent_role: Option<AgentRole>,
    pub mandate: Mandate,
    /// Empty means "needs triage".
    pub rights: Vec<Right>,
    pub status: Status,
    pub extension: Option<Extension>,
    pub suspension: Option<Suspension>,
    pub identity: IdentityStatus,
    pub identity_method: Option<String>,
    /// What an objection is to; `None` until recorded (and for requests without one).
    pub objection_scope: Option<ObjectionScope>,
    pub assignee: Option<String>,
    pub message_id: Option<String>,
    pub original_text: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub decisions: Vec<Decision>,
    /// Optimistic-concurrency version: a write that names an older version is refused.
    pub version: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Requester {
    /// The requester with the e-mail address and phone number checked by the one validator
    /// of each (the address in its lookup form), or why one of them is not what it says.
    pub fn checked(&self) -> Result<Requester, String> {
        Ok(Requester {
            name: self.name.clone(),
            email: self
                .email
                .as_deref()
                .map(super::normalize::check_email)
                .transpose()?,
            phone: self
                .phone
                .as_deref()
                .map(super::normalize::check_phone)
                .transpose()?,
        })
    }
}

/// A representative as the request records them: `Name <address>`, or the name alone. The
/// address is checked by the one validator of addresses.
pub fn agent_text(name: &str, email: Option<&str>) -> Result<String, String> {
    let name = super::text::one_line(name.trim());
    if name.is_empty() {
        return Err("the representative's name is empty".into());
    }
    match email.map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => Ok(format!("{name} <{}>", super::normalize::check_email(e)?)),
        None => Ok(name),
    }
}

impl Request {
    /// Who acts for whom, in a line: "Ola Nordmann <ola@example.no> (parent) acts for Kari
    /// Nordmann; mandate shown".
    pub fn representation(&self) -> Option<String> {
        let agent = self.agent.as_deref().filter(|a| !a.trim().is_empty())?;
        let role = self
            .agent_role
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let mandate = match self.mandate {
            Mandate::Shown => "mandate shown",
            Mandate::Missing => "mandate missing",
            Mandate::Unknown => "mandate not yet seen",
        };
        Some(format!(
            "{agent}{role} acts for {}; {mandate}",
            self.requester.name
        ))
    }

    /// A representative acts for the person and has shown a mandate: letters go to them.
    pub fn agent_with_mandate(&self) -> Option<&str> {
        self.agent
            .as_deref()
            .filter(|a| !a.trim().is_empty() && self.mandate == Mandate::Shown)
    }

    /// A representative acts for the person without a mandate shown, and the only address
    /// there is for the person is theirs: nothing about the person may go out yet.
    pub fn agent_without_mandate(&self) -> Option<&str> {
        let agent = self.agent.as_deref().filter(|a| !a.trim().is_empty())?;
        if self.mandate == Mandate::Shown {
            return None;
        }
        let agent_address = super::normalize::mailbox(agent).map(|(_, a)| a.to_lowercase());
        let own = self.requester.email.as_deref().map(str::to_lowercase);
        (own.is_none() || own == agent_address).then_some(agent)
    }

    /// A request as it stands when it arrives: open, undecided, not extended, version 1.
    /// Rights are sorted without repeats; the e-mail address is kept in lower case, the form
    /// follow-ups and lookups match it in.
    pub fn arrived(
        reference: String,
        received: DateTime<Utc>,
        channel: Channel,
        requester: Requester,
        rights: &[Right],
    ) -> Request {
        let mut rights = rights.to_vec();
        rights.sort();
        rights.dedup();
        Request {
            id: 0,
            reference,
            received,
            channel,
            requester: Requester {
                email: requester.email.as_ref().map(|e| e.trim().to_lowercase()),
                ..requester
            },
            agent: None,
            agent_role: None,
            mandate: Mandate::Unknown,
            rights,
            status: Status::Open,
            extension: None,
            suspension: None,
            identity: IdentityStatus::NotRequired,
            identity_method: None,
            objection_scope: None,
            assignee: None,
            message_id: None,
            original_text: None,
            closed_at: None,
            decisions: Vec::new(),
            version: 1,
        }
    }

    pub fn receipt_date(&self) -> NaiveDate {
        oslo_date(self.received)
    }

    pub fn deadline(&self, suspension_enabled: bool) -> DeadlineExplanation {
        DeadlineExplanation::compute(
            self.receipt_date(),
            self.extension.as_ref(),
            self.suspension.as_ref(),
            suspension_enabled,
        )
    }

    pub fn outcome(&self) -> Option<Outcome> {
        if self.status == Status::Closed {
            derive_outcome(&self.rights, &self.decisions)
        } else {
            None
        }
    }

    pub fn needs_triage(&self) -> bool {
        self.rights.is_empty() && self.status != Status::Closed
    }

    /// The first refusal ground among the decisions, and its reason.
    pub fn refusal(&self) -> Option<(RefusalGround, &str)> {
        self.decisions
            .iter()
            .find_map(|d| Some((d.ground?, d.reason.as_deref().unwrap_or(""))))
    }
}

/// Formats a list of rights as `access, erasure` (or `needs triage`).
pub fn rights_label(rights: &[Right]) -> String {
    if rights.is_empty() {
        "needs triage".into()
    } else {
        rights
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(right: Option<Right>, kind: DecisionKind) -> Decision {
        Decision {
            right,
            kind,
            ground: None,
            reason: None,
            decided_by: "t".into(),
            decided_at: DateTime::<Utc>::UNIX_EPOCH,
            internal: None,
            point: None,
            until: None,
        }
    }

    #[test]
    fn vocabularies_round_trip() {
        for r in Right::ALL {
            assert_eq!(Right::parse(r.as_str()), Some(*r));
        }
        for g in RefusalGround::ALL {
            assert_eq!(RefusalGround::parse(g.as_str()), Some(*g));
            assert_eq!(RefusalGround::parse(&g.as_str().to_lowercase()), Some(*g));
        }
        assert_eq!(RefusalGround::ALL.len(), 17);
        assert_eq!(
            Status::parse("awaiting_identity"),
            Some(Status::AwaitingIdentity)
        );
        assert_eq!(Right::parse("deletion"), None);
    }

    #[test]
    fn outcome_is_derived_from_decisions() {
        use DecisionKind::*;
        let rights = [Right::Access, Right::Erasure];
        assert_eq!(
            derive_outcome(&rights, &[decision(Some(Right::Access), Done)]),
            None
        );
        let both_done = [
            decision(Some(Right::Access), Done),
            decision(Some(Right::Erasure), Done),
        ];
        assert_eq!(derive_outcome(&rights, &both_done), Some(Outcome::Erased));
        assert_eq!(
            derive_outcome(&[Right::Access], &[decision(Some(Right::Access), Done)]),
            Some(Outcome::Answered)
        );
        let mixed = [
            decision(Some(Right::Access), Done),
            decision(Some(Right::Erasure), Partial),
        ];
        assert_eq!(derive_outcome(&rights, &mixed), Some(Outcome::Partial));
        let refused = [
            decision(Some(Right::Access), Refused),
            decision(Some(Right::Erasure), Refused),
        ];
        assert_eq!(derive_outcome(&rights, &refused), Some(Outcome::Refused));
        assert_eq!(
            derive_outcome(&[], &[decision(None, Refused)]),
            Some(Outcome::Refused)
        );
    }

    #[test]
    fn verdicts_need_a_reason_and_erased_fits_only_erasure() {
        let blank = Verdict::Refused {
            ground: RefusalGround::ManifestlyExcessive,
            reason: "  ".into(),
        };
        assert!(blank.validate(Some(Right::Access)).is_err());
        assert!(Verdict::Erased.validate(Some(Right::Access)).is_err());
        assert!(Verdict::Erased.validate(Some(Right::Erasure)).is_ok());
    }
}
