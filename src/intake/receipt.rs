//! When a message was received: the company's own server's stamp, else the mailbox's
//! delivery record, else what the sender claims; never later than the import. Pure: the
//! caller reads the candidates and passes `now`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::time::{Stated, shown};
use crate::domain::deadline::check_receipt;

/// Where a receipt time was read from, best first for mail: the company's own server
/// stamped it, the mailbox recorded delivery, or the sender claims it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReceiptSource {
    /// The topmost `Received:` header: added by the company's own mail server on arrival.
    ReceivedHeader,
    /// The delivery time a Maildir file name starts with (or the file's time there).
    MaildirDelivery,
    /// The time on an mbox file's `From ` separator line.
    MboxSeparator,
    /// The sender's own `Date:` header.
    DateHeader,
    /// A web form's "submitted at".
    FormTime,
    /// The time of the file the message or export was saved in.
    FileTime,
    /// When it was imported: nothing better was known.
    ImportTime,
}

impl ReceiptSource {
    /// The stored name (kebab-case, as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptSource::ReceivedHeader => "received-header",
            ReceiptSource::MaildirDelivery => "maildir-delivery",
            ReceiptSource::MboxSeparator => "mbox-separator",
            ReceiptSource::DateHeader => "date-header",
            ReceiptSource::FormTime => "form-time",
            ReceiptSource::FileTime => "file-time",
            ReceiptSource::ImportTime => "import-time",
        }
    }

    /// Read back from [`ReceiptSource::as_str`].
    pub fn parse(name: &str) -> Option<ReceiptSource> {
        ALL_SOURCES.iter().copied().find(|s| s.as_str() == name)
    }

    /// In words, for the request view and `show`.
    pub fn label(self) -> &'static str {
        match self {
            ReceiptSource::ReceivedHeader => "the topmost Received header (our mail server)",
            ReceiptSource::MaildirDelivery => "the Maildir delivery time",
            ReceiptSource::MboxSeparator => "the mbox separator line",
            ReceiptSource::DateHeader => "the sender's Date header",
            ReceiptSource::FormTime => "the form's submitted-at time",
            ReceiptSource::FileTime => "the file time",
            ReceiptSource::ImportTime => "the import time",
        }
    }
}

const ALL_SOURCES: [ReceiptSource; 7] = [
    ReceiptSource::ReceivedHeader,
    ReceiptSource::MaildirDelivery,
    ReceiptSource::MboxSeparator,
    ReceiptSource::DateHeader,
    ReceiptSource::FormTime,
    ReceiptSource::FileTime,
    ReceiptSource::ImportTime,
];

/// A time the mailbox recorded for a message, outside the message itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub at: DateTime<Utc>,
    /// [`ReceiptSource::MaildirDelivery`], [`ReceiptSource::MboxSeparator`] or
    /// [`ReceiptSource::FileTime`].
    pub source: ReceiptSource,
}

impl Delivery {
    pub fn file(at: DateTime<Utc>) -> Delivery {
        Delivery {
            at,
            source: ReceiptSource::FileTime,
        }
    }
}

/// The receipt chosen, where it came from, and a note when something better was unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Receipt {
    pub at: DateTime<Utc>,
    pub source: ReceiptSource,
    pub note: Option<String>,
}

/// The first plausible candidate, in the order given (the caller's order is the rule);
/// the import time when none is. A time is plausible by the one receipt rule
/// ([`check_receipt`]) and is never later than `now`. Candidates that were there but
/// unusable are named in the note; missing ones are not.
pub(crate) fn choose_receipt(
    candidates: Vec<(ReceiptSource, Stated)>,
    now: DateTime<Utc>,
) -> Receipt {
    let mut problems = Vec::new();
    for (source, stated) in candidates {
        let name = source_name(source);
        match stated {
            Stated::Missing => {}
            Stated::At(t) => match check_receipt(t, now) {
                Ok(()) => {
                    let note = (!problems.is_empty())
                        .then(|| format!("{}: used {}", problems.join("; "), source.label()));
                    return Receipt {
                        at: t.min(now),
                        source,
                        note,
                    };
                }
                Err(why) => problems.push(format!("{name}: {why}")),
            },
            Stated::Unreadable(raw) => {
                problems.push(format!("{name} '{}' could not be read", shown(&raw)));
            }
        }
    }
    let note = match problems.is_empty() {
        true => "no time found in the message: used the import time".to_string(),
        false => format!("{}: used the import time", problems.join("; ")),
    };
    Receipt {
        at: now,
        source: ReceiptSource::ImportTime,
        note: Some(note),
    }
}

fn source_name(source: ReceiptSource) -> &'static str {
    match source {
        ReceiptSource::ReceivedHeader => "Received header",
        ReceiptSource::MaildirDelivery => "Maildir delivery time",
        ReceiptSource::MboxSeparator => "mbox separator time",
        ReceiptSource::DateHeader => "Date header",
        ReceiptSource::FormTime => "submitted at",
        ReceiptSource::FileTime => "file time",
        ReceiptSource::ImportTime => "import time",
    }
}

#[cfg(test)]
#[path = "receipt_tests.rs"]
mod tests;
