//! The message corpus: fixture files under tests/fixtures/mail/ and generated hostile input.

use super::*;

pub(super) fn sample_incoming() -> Incoming {
    parse_message(b"From: a@b.no\nSubject: x\n\nhei", "t", None, DateTime::<Utc>::UNIX_EPOCH).expect("sample parses")
}
