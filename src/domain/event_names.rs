//! What each kind of audit-trail event is called for a person: the status line says "note
//! saved", not the trail's code for it ("rights-changed").

use super::request::EventKind;

impl EventKind {
    /// The event's name in a sentence, lower case: "decision", "rights named".
    pub fn human(self) -> &'static str {
        match self {
            EventKind::Created => "registration",
            EventKind::Decided => "decision",
            EventKind::Extended => "extension",
            EventKind::Note => "note",
            EventKind::Identity => "identity check",
            EventKind::Assigned => "assignment",
            EventKind::RightsChanged => "rights named",
            EventKind::Reopened => "reopening",
            EventKind::Settings => "settings",
            EventKind::FollowUp => "follow-up message",
            EventKind::CustomerSource => "customer database connection",
            EventKind::CustomerLinked => "customer link",
            EventKind::CustomerUnlinked => "customer unlink",
            EventKind::AccessPackage => "access package",
            EventKind::PortabilityExport => "portability export",
            EventKind::Rectified => "rectification",
            EventKind::Erased => "erasure",
            EventKind::Restricted => "restriction",
            EventKind::MarketingStopped => "marketing stop",
            EventKind::RestrictionLifted => "lifted restriction",
            EventKind::RetentionEnded => "end of legal hold",
            EventKind::Interrupted => "interrupted run",
            EventKind::RecipientsListed => "list of recipients",
            EventKind::RecipientNotified => "recipient told",
            EventKind::NoDataHeld => "no data held",
            EventKind::Fee => "fee",
            EventKind::Exported => "export",
            EventKind::LetterSent => "letter sent",
            EventKind::Representative => "representative",
            EventKind::Other => "change",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_name_that_is_not_its_code() {
        for kind in EventKind::ALL.iter().copied() {
            let name = kind.human();
            assert!(!name.is_empty(), "{kind:?}");
            assert_eq!(name, name.to_lowercase(), "{kind:?}");
            if kind.as_str().contains('-') {
                assert_ne!(name, kind.as_str(), "{kind:?} is called by its code");
            }
        }
    }
}
