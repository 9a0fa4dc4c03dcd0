//! Intake: `.eml` files, Maildir folders, mbox files and web-form exports (JSON, CSV) turned
//! into parsed, sanitised, bounded [`Incoming`] messages, each with the rights it asks for.
//!
//! No database and no clock: the caller passes `now`, and the store decides what an
//! `Incoming` becomes (a new request, a follow-up, a duplicate). Reading the files it is
//! pointed at is the only I/O.
//!
//! - [`read_path`] / [`visit_path`]: any supported file or folder, one result per message or row.
//! - [`parse_message`]: one raw RFC 5322 message already in memory.
//! - [`recognise`]: which rights a subject and body ask for (empty = needs triage).
//! - [`read_objection`]: what an objection is to: direct marketing or the person's particular
//!   situation (neither or both: the officer decides).

mod broad;
mod eu_words;
mod form_rows;
mod forms;
mod header_bytes;
mod html;
mod identification;
mod mail;
mod mailbox;
mod matcher;
mod quoted;
mod receipt;
mod representative;
mod rights;
mod rule_words;
mod rules;
mod scope;
mod time;
mod tokens;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod rights_tests;
#[cfg(test)]
mod scope_tests;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::normalize::{check_email, check_phone};
use crate::domain::request::{Channel, ObjectionScope, Requester, Right};
use crate::domain::text::{clean_name as visible_name, sanitize};

pub use mail::parse_message;
pub use mailbox::{read_path, visit_path};
pub use receipt::{Delivery, ReceiptSource};
pub use representative::{representative_phrase, role_of};
pub use rights::recognise;
pub use scope::{ObjectionReading, read_objection, scope_label};

/// A single message (or a whole form export) larger than this is refused unread.
pub const MAX_MESSAGE_BYTES: usize = 25 * 1024 * 1024;
/// A message with a line longer than this is refused: mail lines are at most 998 characters
/// (RFC 5322), so this is far beyond any real message, and it bounds what one line costs.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// A web-form export larger than this is refused unread.
pub const MAX_EXPORT_BYTES: u64 = 64 * 1024 * 1024;
/// Body text kept per message; the rest is cut and a marker says how much.
pub const MAX_TEXT_BYTES: usize = 200 * 1024;
/// One-line fields (name, subject, e-mail, phone) are cut to this many characters.
pub const MAX_LINE_CHARS: usize = 300;

/// One message or form submission, parsed and made safe to store and display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incoming {
    /// Where it came from: a file path, `mail.mbox:message 3` or `export.csv:row 3`.
    pub source: String,
    pub channel: Channel,
    /// The requester's name (identification block, then From display name, then address).
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// When it was received: for mail the topmost Received header, else the mailbox's
    /// delivery record, else the Date header, else the file time, else `now`; for a form its
    /// submitted-at time, else the file time, else `now`. Never later than `now`.
    pub received: DateTime<Utc>,
    /// Which of those `received` is.
    pub received_from: ReceiptSource,
    /// Set when `received` is not the stated time, saying why (e.g. "Date header missing: ...").
    pub received_note: Option<String>,
    pub subject: Option<String>,
    /// Sanitised body text (lines kept), at most [`MAX_TEXT_BYTES`] plus a truncation marker.
    pub text: String,
    /// Message-ID without angle brackets.
    pub message_id: Option<String>,
    /// In-Reply-To and References ids, in order, without duplicates: for matching follow-ups.
    pub in_reply_to: Vec<String>,
    /// SHA-256 (hex) of the raw message, or of a form row's fields: dedupe without a Message-ID.
    pub content_hash: String,
    /// Attachments listed, never stored.
    pub attachments: Vec<Attachment>,
    /// Why this looks machine-sent (newsletter, auto-reply, bounce); its rights are then left
    /// empty and the store may file it away instead of opening a request.
    pub automated: Option<String>,
    /// Rights asked for, sorted and unique; empty means "needs triage".
    pub rights: Vec<RecognisedRight>,
    /// What the objection is to, when one is asked for (empty otherwise).
    pub objection: ObjectionReading,
    /// The words showing it is written for someone else (a parent, guardian, lawyer).
    pub representative: Option<String>,
}

/// An attachment as listed in the message; its content is not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub name: String,
    pub mime: String,
    pub size: usize,
}

/// A right recognised in a message, with the words that triggered it ("why this right?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecognisedRight {
    pub right: Right,
    pub phrase: String,
}

/// A file, message or row that could not be taken in; the others go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct IntakeError {
    /// The file, or `file:message N` / `file:row N`.
    pub path: String,
    /// One sentence: what is wrong and, where it helps, what to do.
    pub reason: String,
}

impl IntakeError {
    pub(crate) fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        IntakeError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl Incoming {
    /// The rights alone, in order (empty means "needs triage").
    pub fn right_list(&self) -> Vec<Right> {
        self.rights.iter().map(|r| r.right).collect()
    }

    /// What the objection is to, when the message asks for one and names exactly one scope.
    pub fn objection_scope(&self) -> Option<ObjectionScope> {
        self.objection_reason().map(|(scope, _)| scope)
    }

    /// The objection's scope with the words it was read from (see [`Incoming::objection_scope`]).
    pub fn objection_reason(&self) -> Option<(ObjectionScope, &str)> {
        if self.right_list().contains(&Right::Objection) {
            self.objection.reason()
        } else {
            None
        }
    }

    /// The key a re-import must find again: the Message-ID when there is one, else the hash.
    pub fn dedupe_key(&self) -> String {
        match &self.message_id {
            Some(id) => format!("message-id:{id}"),
            None => format!("sha256:{}", self.content_hash),
        }
    }

    /// The requester as the domain stores it.
    pub fn requester(&self) -> Requester {
        Requester {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
        }
    }
}

/// SHA-256 of `bytes` as lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Outside text as one safe, trimmed, bounded line; `None` when nothing is left.
pub(crate) fn clean_line(text: &str) -> Option<String> {
    let line = sanitize(text, false);
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = line.chars().take(MAX_LINE_CHARS).collect();
    (!cut.is_empty()).then_some(cut)
}

/// A requester's name from outside: one bounded line, zero-width, direction and
/// byte-order-mark characters removed.
pub(crate) fn clean_name(text: &str) -> Option<String> {
    clean_line(&visible_name(text))
}

/// Body text made safe (lines kept) and bounded, with a marker saying how much was cut.
pub(crate) fn clean_body(text: &str) -> String {
    let safe = sanitize(text, true);
    let trimmed = safe.trim_matches(|c: char| c == '\n' || c == ' ');
    if trimmed.len() <= MAX_TEXT_BYTES {
        return trimmed.to_string();
    }
    let mut end = MAX_TEXT_BYTES;
    while !trimmed.is_char_boundary(end) {
        end -= 1;
    }
    let cut = trimmed.len() - end;
    format!(
        "{}\n[… message truncated: {cut} more bytes not kept]",
        &trimmed[..end]
    )
}

/// An e-mail address from outside text, by the one check ([`check_email`]), in lookup form.
pub(crate) fn clean_email(text: &str) -> Option<String> {
    check_email(text).ok()
}

/// A phone number from outside text, by the one check ([`check_phone`]), as written.
pub(crate) fn clean_phone(text: &str) -> Option<String> {
    check_phone(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_bounded_with_a_marker() {
        let long = "å".repeat(MAX_TEXT_BYTES); // two bytes each: cut falls inside a char
        let kept = clean_body(&long);
        assert!(kept.len() < MAX_TEXT_BYTES + 100);
        assert!(
            kept.ends_with("more bytes not kept]"),
            "{}",
            &kept[kept.len() - 60..]
        );
        assert_eq!(clean_body("  hei\n"), "hei");
    }

    #[test]
    fn lines_are_one_safe_line() {
        assert_eq!(
            clean_line(" Kari\r\n \u{1b}[31mNordmann ").as_deref(),
            Some("Kari ␛Nordmann")
        );
        assert_eq!(clean_line(" \n "), None);
        assert_eq!(
            clean_line(&"x".repeat(1000)).map(|s| s.len()),
            Some(MAX_LINE_CHARS)
        );
    }

    #[test]
    fn addresses_and_phones_are_checked() {
        assert_eq!(
            clean_email("<Kari@Example.NO>").as_deref(),
            Some("kari@example.no")
        );
        assert_eq!(clean_email("mailto:a@b.no").as_deref(), Some("a@b.no"));
        assert_eq!(clean_email("kari at example.no"), None);
        assert_eq!(clean_email("a@b@c"), None);
        assert_eq!(
            clean_phone("+47 912 34 567").as_deref(),
            Some("+47 912 34 567")
        );
        assert_eq!(clean_phone("ring meg"), None);
        assert_eq!(clean_phone("123"), None);
        assert_eq!(
            clean_phone("12345"),
            None,
            "the same rule as add and rectify"
        );
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn dedupe_key_prefers_the_message_id() {
        let mut inc = corpus_tests::sample_incoming();
        inc.message_id = Some("a@b".into());
        assert_eq!(inc.dedupe_key(), "message-id:a@b");
        inc.message_id = None;
        assert!(inc.dedupe_key().starts_with("sha256:"));
    }
}
