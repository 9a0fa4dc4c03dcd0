//! Deadlines for the officer's calendar: an iCalendar file (RFC 5545) with one all-day event
//! per open request's deadline in force, and one for the last day to notify an extension
//! while that is still possible. UIDs are made from the reference alone, so importing a
//! newer file updates the events instead of adding copies; requests closed in the last
//! [`CANCEL_DAYS`] days and extension reminders no longer needed come as cancelled events,
//! so a re-import takes them off the calendar. Names stay out unless asked for.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::ExportError;
use crate::domain::deadline::{deadline, oslo_date};
use crate::domain::request::{Status, rights_label};
use crate::domain::text::one_line;
use crate::store::{QueueFilter, QueueRow, Store, View};

/// How far back closed requests are sent as cancellations.
pub const CANCEL_DAYS: u64 = 30;

const PAGE: u64 = 500;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEvent {
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
    pub cancelled: bool,
    /// Grows with every change of the request, so calendars take the newer event.
    pub sequence: i64,
}

/// The stable UID of a request's deadline event.
pub fn deadline_uid(reference: &str) -> String {
    format!("{reference}-deadline@dsr-desk")
}

/// The stable UID of a request's extension-notice event.
pub fn notice_uid(reference: &str) -> String {
    format!("{reference}-extension-notice@dsr-desk")
}

fn label(row: &QueueRow, names: bool) -> String {
    let rights = rights_label(&row.rights);
    if names {
        format!("{} ({})", rights, one_line(&row.name))
    } else {
        rights
    }
}

/// The events of one request as of `today`.
pub fn events_for(row: &QueueRow, today: NaiveDate, names: bool) -> Vec<DayEvent> {
    let one_month = deadline(row.received_date);
    let what = label(row, names);
    let closed = row.status == Status::Closed;
    let mut events = vec![DayEvent {
        uid: deadline_uid(&row.reference),
        date: row.due,
        summary: if closed {
            format!("{} closed: {what}", row.reference)
        } else {
            format!("{} due: {what}", row.reference)
        },
        description: format!(
            "Deadline in force for {} ({}), received {}. One-month deadline {one_month}{}.",
            row.reference,
            rights_label(&row.rights),
            row.received_date,
            if row.extended {
                format!("; extended to {}", row.due)
            } else {
                String::new()
            }
        ),
        cancelled: closed,
        sequence: row.version,
    }];
    let possible = !closed && !row.extended && today <= one_month;
    if possible || closed || row.extended {
        events.push(DayEvent {
            uid: notice_uid(&row.reference),
            date: one_month,
            summary: format!("{} last day to notify an extension: {what}", row.reference),
            description: format!(
                "An extension by two months (Art. 12(3)) must be notified to the person, with \
                 reasons, by {one_month}. A refusal must also be sent by then."
            ),
            cancelled: !possible,
            sequence: row.version,
        });
    }
    events
}

/// Every event the calendar holds as of `now`: open requests, then recent closings.
pub fn collect(
    store: &Store,
    now: DateTime<Utc>,
    names: bool,
) -> Result<Vec<DayEvent>, ExportError> {
    let today = oslo_date(now);
    let mut events = Vec::new();
    let open = QueueFilter {
        view: View::Open,
        ..QueueFilter::default()
    };
    let mut offset = 0;
    loop {
        let page = store.page(&open, today, offset, PAGE)?;
        for row in &page {
            events.extend(events_for(row, today, names));
        }
        if (page.len() as u64) < PAGE {
            break;
        }
        offset += PAGE;
    }
    // Closed requests come newest closing first: stop at the first one closed too long ago.
    let since = now - chrono::Duration::days(CANCEL_DAYS as i64);
    let closed = QueueFilter {
        view: View::Closed,
        ..QueueFilter::default()
    };
    let mut offset = 0;
    'pages: loop {
        let page = store.page(&closed, today, offset, PAGE)?;
        for row in &page {
            let request = store.get(&row.reference)?;
            if request.closed_at.is_none_or(|at| at < since) {
                break 'pages;
            }
            events.extend(events_for(row, today, names));
        }
        if (page.len() as u64) < PAGE {
            break;
        }
        offset += PAGE;
    }
    Ok(events)
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character (RFC 5545 §3.1);
/// every line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// The calendar file for `events`, stamped `now`.
pub fn ics(events: &[DayEvent], now: DateTime<Utc>) -> String {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//dsr-desk//request deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Data-subject request deadlines",
    ] {
        out.push_str(&fold(line));
    }
    for e in events {
        let end = e.date.checked_add_days(Days::new(1)).unwrap_or(e.date);
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("SEQUENCE:{}", e.sequence.max(0)),
            format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            format!(
                "STATUS:{}",
                if e.cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                }
            ),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_folded_at_75_octets() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d e");
        let long = format!("SUMMARY:{}", "ø".repeat(60));
        let folded = fold(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
        assert!(!folded.replace("\r\n", "").contains('\n'));
    }
}
