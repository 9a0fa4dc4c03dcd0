//! Choosing when a message was received, and reading the time spellings found in
//! mail headers, mbox separator lines, Maildir file names and form exports.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::receipt::{Receipt, ReceiptSource};
use crate::domain::deadline::check_receipt;
use chrono_tz::Europe::Oslo;

/// What the message itself says about its time.
pub(crate) enum Stated {
    Missing,
    Unreadable(String),
    At(DateTime<Utc>),
}

/// A form row's receipt: its stated time when plausible, else the file time, else `now`,
/// never later than `now`; the note says why the stated time was not used (`what` names
/// it: "submitted at").
pub(crate) fn settle_received(
    what: &str,
    stated: Stated,
    file_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Receipt {
    let problem = match stated {
        Stated::At(t) => match check_receipt(t, now) {
            Ok(()) => {
                return Receipt {
                    at: t.min(now),
                    source: ReceiptSource::FormTime,
                    note: None,
                };
            }
            Err(why) => format!("{what}: {why}"),
        },
        Stated::Missing => format!("{what} missing"),
        Stated::Unreadable(raw) => format!("{what} '{}' could not be read", shown(&raw)),
    };
    // The same bounds as a receipt typed by hand (domain::deadline::check_receipt).
    match file_time.filter(|t| check_receipt(*t, now).is_ok()) {
        Some(t) => Receipt {
            at: t.min(now),
            source: ReceiptSource::FileTime,
            note: Some(format!("{problem}: used the file time")),
        },
        None => Receipt {
            at: now,
            source: ReceiptSource::ImportTime,
            note: Some(format!("{problem}: used the import time")),
        },
    }
}

/// Outside text quoted in a note: no control characters, at most 60 characters.
pub(crate) fn shown(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_control()).take(60).collect()
}

/// A form's "submitted at": RFC 3339, ISO or Norwegian dates with or without a time
/// (read as Oslo time), or Unix seconds.
pub(crate) fn parse_form_time(text: &str) -> Option<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
        return Some(dt.with_timezone(&Utc));
    }
    if t.len() >= 9 && t.chars().all(|c| c.is_ascii_digit()) {
        return DateTime::from_timestamp(t.parse().ok()?, 0);
    }
    const WITH_TIME: [&str; 6] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    let naive = WITH_TIME
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| {
            ["%Y-%m-%d", "%d.%m.%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    // A time without an offset is the company's local time; `earliest` settles DST folds.
    Oslo.from_local_datetime(&naive)
        .earliest()
        .map(|dt| dt.with_timezone(&Utc))
}

/// The delivery time in an mbox separator line: `From addr Thu Nov 24 18:22:48 1986`.
pub(crate) fn parse_mbox_from_line(line: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    // The date is the last five words, possibly followed by a zone we ignore.
    (0..=2).find_map(|skip| {
        let end = words.len().checked_sub(skip)?;
        let start = end.checked_sub(5)?;
        let joined = words.get(start..end)?.join(" ");
        NaiveDateTime::parse_from_str(&joined, "%a %b %d %H:%M:%S %Y")
            .ok()
            .map(|n| n.and_utc())
    })
}

/// The delivery time a Maildir file name starts with: `1700000000.M1P2.host:2,S`.
pub(crate) fn parse_maildir_name(name: &str) -> Option<DateTime<Utc>> {
    let secs: i64 = name.split('.').next()?.parse().ok()?;
    DateTime::from_timestamp(secs, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .expect("test time")
    }

    #[test]
    fn stated_time_wins_when_plausible() {
        let now = at("2024-03-01T12:00:00Z");
        let Receipt { at: t, note, .. } = settle_received(
            "Date header",
            Stated::At(at("2024-02-28T08:00:00Z")),
            None,
            now,
        );
        assert_eq!((t, note), (at("2024-02-28T08:00:00Z"), None));
    }

    #[test]
    fn absurd_or_missing_times_fall_back_with_a_note() {
        let now = at("2024-03-01T12:00:00Z");
        let file = Some(at("2024-02-29T10:00:00Z"));
        let Receipt { at: t, note, .. } = settle_received(
            "Date header",
            Stated::At(at("2031-01-01T00:00:00Z")),
            file,
            now,
        );
        assert_eq!(t, at("2024-02-29T10:00:00Z"));
        assert_eq!(
            note.as_deref(),
            Some(
                "Date header: the receipt time 2031-01-01 01:00 is in the future: used the file time"
            )
        );
        // Before the GDPR applied: the same bound as a receipt typed by hand.
        let Receipt { at: t, note, .. } = settle_received(
            "Date header",
            Stated::At(at("2018-05-24T12:00:00Z")),
            file,
            now,
        );
        assert_eq!(t, at("2024-02-29T10:00:00Z"));
        assert!(note.is_some_and(|n| n.contains("before the GDPR applied")));
        let Receipt { at: t, .. } = settle_received(
            "submitted at",
            Stated::At(at("2024-03-01T12:04:00Z")),
            None,
            now,
        );
        assert_eq!(
            t, now,
            "within the clock tolerance, but never after the import"
        );
        let Receipt { at: t, .. } = settle_received(
            "submitted at",
            Stated::At(at("2017-01-01T00:00:00Z")),
            Some(at("2017-06-01T00:00:00Z")),
            now,
        );
        assert_eq!(t, now, "a file time before the GDPR is no better");
        let Receipt { at: t, note, .. } =
            settle_received("Date header", Stated::Missing, None, now);
        assert_eq!(
            (t, note.as_deref()),
            (now, Some("Date header missing: used the import time"))
        );
        // A file time from 1970 (e.g. unpacked archives) is no better than none.
        let Receipt { at: t, .. } = settle_received(
            "Date header",
            Stated::Unreadable("x".into()),
            Some(at("1970-01-01T00:00:00Z")),
            now,
        );
        assert_eq!(t, now);
    }

    #[test]
    fn form_times_in_common_spellings() {
        assert_eq!(
            parse_form_time("2024-02-01T10:00:00+01:00"),
            Some(at("2024-02-01T09:00:00Z"))
        );
        assert_eq!(
            parse_form_time("2024-02-01 10:00"),
            Some(at("2024-02-01T09:00:00Z"))
        );
        assert_eq!(
            parse_form_time("01.07.2024 10:00"),
            Some(at("2024-07-01T08:00:00Z"))
        );
        assert_eq!(
            parse_form_time("2024-07-01"),
            Some(at("2024-06-30T22:00:00Z"))
        );
        assert_eq!(
            parse_form_time("1706778000"),
            Some(at("2024-02-01T09:00:00Z"))
        );
        assert_eq!(parse_form_time("yesterday"), None);
    }

    #[test]
    fn mbox_and_maildir_times() {
        assert_eq!(
            parse_mbox_from_line("From kari@example.no Thu Feb  1 10:00:00 2024"),
            Some(at("2024-02-01T10:00:00Z"))
        );
        assert_eq!(parse_mbox_from_line("From MAILER-DAEMON"), None);
        assert_eq!(
            parse_maildir_name("1706781600.M1P2.host:2,S"),
            Some(at("2024-02-01T10:00:00Z"))
        );
        assert_eq!(parse_maildir_name("notes.txt"), None);
    }
}
