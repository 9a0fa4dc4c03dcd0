//! One raw e-mail message to an [`Incoming`]: MIME, transfer encodings, charsets and
//! encoded-word headers are mail-parser's work; choosing the requester, the body text,
//! the received time and what to keep is ours.

use chrono::{DateTime, Utc};
use mail_parser::{
    Address, HeaderName, HeaderValue, Message, MessageParser, MimeHeaders, PartType,
};

use super::header_bytes::utf8_headers;
use super::html::html_to_text;
use super::identification::Identification;
use super::quoted::own_words;
use super::receipt::{Delivery, Receipt, ReceiptSource, choose_receipt};
use super::rights::recognise;
use super::scope::objection_of;
use super::time::Stated;
use super::{
    Attachment, Incoming, IntakeError, MAX_LINE_BYTES, MAX_MESSAGE_BYTES, clean_body, clean_email,
    clean_line, clean_name, sha256_hex,
};
use crate::domain::request::Channel;

/// Parses one raw message. `delivery` is what the mailbox recorded (Maildir delivery, mbox
/// separator, or a file's time); `now` bounds what counts as absurd. Never panics,
/// whatever the bytes.
pub fn parse_message(
    raw: &[u8],
    source: &str,
    delivery: Option<Delivery>,
    now: DateTime<Utc>,
) -> Result<Incoming, IntakeError> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(IntakeError::new(
            source,
            format!(
                "the message is {} MB, over the {} MB limit: save it without its attachments and import that",
                raw.len() / (1024 * 1024),
                MAX_MESSAGE_BYTES / (1024 * 1024)
            ),
        ));
    }
    if raw.split(|&b| b == b'\n').any(|l| l.len() > MAX_LINE_BYTES) {
        return Err(super::mailbox::long_line(source));
    }
    // Raw 8-bit header bytes as UTF-8, else windows-1252 (mail-parser would make them U+FFFD).
    let fixed = utf8_headers(raw);
    let message = MessageParser::default()
        .parse(&fixed[..])
        .filter(|m| {
            m.headers().iter().any(|h| {
                MAIL_HEADERS
                    .iter()
                    .any(|k| h.name().eq_ignore_ascii_case(k))
            })
        })
        .ok_or_else(|| {
            IntakeError::new(
                source,
                "no e-mail headers found (From, Subject, Date ...): this is not an e-mail message",
            )
        })?;

    let body = body_text(&message, &fixed);
    let ident = Identification::find(&own_words(&body));
    let (sender_name, sender_email) = sender(&message);
    let email = ident.email.or(sender_email);
    let name = ident
        .name
        .or(sender_name)
        .or_else(|| email.clone())
        .unwrap_or_else(|| "unknown sender".into());

    let receipt = choose_receipt(receipt_candidates(&message, delivery), now);
    let disagrees = date_note(&message, &receipt);
    let received_note = match (receipt.note, disagrees) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    };

    let subject = message.subject().and_then(clean_line);
    let text = clean_body(&body);
    let automated = automated(&message);
    let rights = if automated.is_some() {
        Vec::new()
    } else {
        recognise(subject.as_deref().unwrap_or(""), &text)
    };
    let objection = objection_of(&rights, subject.as_deref().unwrap_or(""), &text);
    let representative = automated
        .is_none()
        .then(|| super::representative_phrase(subject.as_deref().unwrap_or(""), &text))
        .flatten();

    let mut in_reply_to = Vec::new();
    for id in ids(message.in_reply_to())
        .into_iter()
        .chain(ids(message.references()))
    {
        if !in_reply_to.contains(&id) {
            in_reply_to.push(id);
        }
    }

    Ok(Incoming {
        source: source.to_string(),
        channel: Channel::Email,
        name,
        email,
        phone: ident.phone,
        received: receipt.at,
        received_from: receipt.source,
        received_note,
        subject,
        text,
        message_id: message.message_id().and_then(clean_id),
        in_reply_to,
        content_hash: sha256_hex(raw),
        attachments: attachments(&message),
        automated,
        rights,
        objection,
        representative,
    })
}

/// Where the receipt may be read, best first: the topmost Received header (the company's
/// own server stamped it on arrival), the mailbox's delivery record, the sender's Date
/// header, a plain file's time.
fn receipt_candidates(
    message: &Message<'_>,
    delivery: Option<Delivery>,
) -> Vec<(ReceiptSource, Stated)> {
    let from_mailbox = |d: &Delivery| d.source != ReceiptSource::FileTime;
    let mut candidates = vec![(ReceiptSource::ReceivedHeader, topmost_received(message))];
    candidates.extend(
        delivery
            .filter(from_mailbox)
            .map(|d| (d.source, Stated::At(d.at))),
    );
    candidates.push((ReceiptSource::DateHeader, date_header(message)));
    candidates.extend(
        delivery
            .filter(|d| !from_mailbox(d))
            .map(|d| (d.source, Stated::At(d.at))),
    );
    candidates
}

/// The time the first (topmost) Received header ends with, after its `;`.
fn topmost_received(message: &Message<'_>) -> Stated {
    let Some(header) = message
        .headers()
        .iter()
        .find(|h| h.name().eq_ignore_ascii_case("Received"))
    else {
        return Stated::Missing;
    };
    let parsed = header.value().as_received().and_then(|r| r.date);
    if let Some(t) = parsed
        .filter(|d| d.is_valid())
        .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0))
    {
        return Stated::At(t);
    }
    let raw = message
        .raw_message()
        .get(header.offset_start() as usize..header.offset_end() as usize)
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let stamp = raw.rsplit(';').next().unwrap_or_default();
    let stamp = stamp.split_whitespace().collect::<Vec<_>>().join(" ");
    match DateTime::parse_from_rfc2822(stamp.split(" (").next().unwrap_or_default()) {
        Ok(t) => Stated::At(t.with_timezone(&Utc)),
        Err(_) => Stated::Unreadable(stamp),
    }
}

fn date_header(message: &Message<'_>) -> Stated {
    match (message.header_raw(HeaderName::Date), message.date()) {
        (None, _) => Stated::Missing,
        (Some(_), Some(d)) if d.is_valid() => match DateTime::from_timestamp(d.to_timestamp(), 0) {
            Some(t) => Stated::At(t),
            None => Stated::Unreadable(d.to_rfc3339()),
        },
        (Some(raw), _) => Stated::Unreadable(raw.trim().to_string()),
    }
}

/// What the officer should know about the receipt beyond its source: when arrival was read
/// elsewhere and the sender's Date header names another (Oslo) day, or when there was no
/// Date header and only a file or import time was left.
fn date_note(message: &Message<'_>, receipt: &Receipt) -> Option<String> {
    let weak = matches!(
        receipt.source,
        ReceiptSource::FileTime | ReceiptSource::ImportTime
    );
    let dated = match date_header(message) {
        Stated::Missing if weak && receipt.note.is_none() => {
            return Some(format!(
                "Date header missing: used {}",
                receipt.source.label()
            ));
        }
        Stated::At(t) if receipt.source != ReceiptSource::DateHeader => t,
        _ => return None,
    };
    let day = |t: DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::Oslo).date_naive();
    let days = (day(dated) - day(receipt.at)).num_days();
    let way = match days {
        0 => return None,
        1.. => "after",
        _ => "before",
    };
    let shown = dated
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%Y-%m-%d %H:%M");
    Some(format!(
        "the sender's Date header says {shown}, {} day(s) {way} it arrived",
        days.abs()
    ))
}

/// Headers any real message has at least one of; junk that merely parses has none.
const MAIL_HEADERS: &[&str] = &[
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Sender",
    "Reply-To",
    "Received",
    "MIME-Version",
    "Content-Type",
];

/// The plain-text bodies joined; HTML-only parts made readable. When MIME is too broken to
/// yield any text part, the raw body (less its MIME lines) is better than nothing.
fn body_text(message: &Message<'_>, raw: &[u8]) -> String {
    let as_text = |part: &mail_parser::MessagePart<'_>| match &part.body {
        PartType::Text(t) => Some(t.to_string()),
        PartType::Html(h) => Some(html_to_text(h)),
        _ => None,
    };
    let text: Vec<String> = message.text_bodies().filter_map(as_text).collect();
    let text = text.join("\n\n");
    if !text.trim().is_empty() {
        return text;
    }
    let html = message
        .html_bodies()
        .filter_map(as_text)
        .collect::<Vec<_>>()
        .join("\n\n");
    if !html.trim().is_empty() {
        return html;
    }
    let start = message.root_part().raw_body_offset() as usize;
    let rest = String::from_utf8_lossy(raw.get(start..).unwrap_or_default());
    let is_mime_line = |l: &str| {
        let lower = l.trim_start().to_ascii_lowercase();
        lower.starts_with("--")
            || lower.starts_with("content-")
            || lower.starts_with("mime-version:")
    };
    rest.lines()
        .filter(|l| !is_mime_line(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Name and address from From; from Reply-To when From is a no-reply robot (web-form mailers).
fn sender(message: &Message<'_>) -> (Option<String>, Option<String>) {
    let first = |a: Option<&Address<'_>>| {
        a.and_then(|a| a.first()).map(|a| {
            (
                a.name().and_then(clean_name),
                a.address().and_then(clean_email),
            )
        })
    };
    let from = first(message.from());
    let robot = from
        .as_ref()
        .and_then(|(_, e)| e.as_deref())
        .is_some_and(|e| {
            let local = e
                .split('@')
                .next()
                .unwrap_or_default()
                .replace(['-', '_', '.'], "");
            [
                "noreply",
                "donotreply",
                "mailerdaemon",
                "postmaster",
                "wordpress",
            ]
            .contains(&local.as_str())
        });
    match (robot, first(message.reply_to())) {
        (true, Some(reply)) if reply.1.is_some() => reply,
        _ => from.unwrap_or((None, None)),
    }
}

/// Why the message looks machine-sent: lists, newsletters, auto-replies, bounces.
fn automated(message: &Message<'_>) -> Option<String> {
    let raw = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    if raw("List-Unsubscribe").is_some() || raw("List-Id").is_some() {
        return Some("mailing-list headers: a newsletter or list message".into());
    }
    if let Some(p) = raw("Precedence").filter(|p| ["bulk", "list", "junk"].contains(&p.as_str())) {
        return Some(format!("Precedence: {p}: bulk mail"));
    }
    if let Some(a) = raw("Auto-Submitted").filter(|a| a != "no") {
        return Some(format!(
            "Auto-Submitted: {}: an automatic reply",
            clean_line(&a).unwrap_or_default()
        ));
    }
    let report = message.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    report.then(|| "a delivery report (bounce)".into())
}

/// Attachments listed by name, type and decoded size.
fn attachments(message: &Message<'_>) -> Vec<Attachment> {
    message
        .attachments()
        // A multipart container is structure, not a file (it shows up when MIME is broken).
        .filter(|part| {
            !matches!(part.body, PartType::Multipart(_))
                && !part
                    .content_type()
                    .is_some_and(|ct| ct.ctype().eq_ignore_ascii_case("multipart"))
        })
        .map(|part| Attachment {
            name: part
                .attachment_name()
                .and_then(clean_line)
                .unwrap_or_else(|| "(unnamed)".into()),
            mime: part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .and_then(|m| clean_line(&m.to_ascii_lowercase()))
                .unwrap_or_else(|| "application/octet-stream".into()),
            size: part.contents().len(),
        })
        .collect()
}

/// Message ids from an id header, without angle brackets.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => clean_id(t).into_iter().collect(),
        HeaderValue::TextList(list) => list.iter().filter_map(|t| clean_id(t)).collect(),
        _ => Vec::new(),
    }
}

fn clean_id(id: &str) -> Option<String> {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    clean_line(id).filter(|i| i.len() <= 998 && !i.contains(' '))
}
