//! Letters as e-mail: the message (RFC 5322, built by mail-builder) and its sending over
//! SMTP (lettre). What a letter says is decided elsewhere; this is given its text.

use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::letters::{Lang, LetterKind};
use crate::config::{SmtpConfig, SmtpSecurity};
use crate::domain::text::one_line;

/// A letter on its way out as an e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// `Name <address>` or a bare address.
    pub from: String,
    /// The addresses it goes to.
    pub to: Vec<String>,
    pub subject: String,
    /// Without angle brackets, as mail-parser gives them and the register stores them.
    pub message_id: String,
    /// The request's own message, so the reply threads under it in the person's mail.
    pub in_reply_to: Option<String>,
    pub date: DateTime<Utc>,
    pub text: String,
    /// File name and content.
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// The subject of a letter sent as e-mail: what it is about, then the reference.
pub fn subject(kind: LetterKind, lang: Lang, reference: &str) -> String {
    let title = super::letters::words::title(kind, lang);
    format!("{title} ({})", one_line(reference))
}

pub use crate::domain::normalize::mailbox;

/// A Message-ID for a letter: unique by the reference, the kind and the instant, in the
/// sender's domain.
pub fn message_id(reference: &str, kind: LetterKind, from: &str, now: DateTime<Utc>) -> String {
    let domain = mailbox(from)
        .and_then(|(_, a)| a.split_once('@').map(|(_, d)| d.to_string()))
        .unwrap_or_else(|| "dsr-desk.invalid".into());
    let safe: String = reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!(
        "{safe}.{}.{}@{domain}",
        kind.as_str(),
        now.format("%Y%m%dT%H%M%S%.6fZ")
    )
}

impl Outgoing {
    /// The message as it is sent (and saved as a draft): plain text, UTF-8, attachments as
    /// MIME parts.
    pub fn to_eml(&self) -> Vec<u8> {
        let address = |text: &str| match mailbox(text) {
            Some((Some(name), a)) => {
                mail_builder::headers::address::Address::new_address(Some(name), a)
            }
            Some((None, a)) => {
                mail_builder::headers::address::Address::new_address(None::<String>, a)
            }
            None => mail_builder::headers::address::Address::new_address(
                None::<String>,
                text.to_string(),
            ),
        };
        let to: Vec<_> = self.to.iter().map(|t| address(t)).collect();
        let mut message = mail_builder::MessageBuilder::new()
            .from(address(&self.from))
            .to(mail_builder::headers::address::Address::new_list(to))
            .subject(self.subject.as_str())
            .message_id(self.message_id.as_str())
            .date(self.date.timestamp())
            .text_body(self.text.as_str());
        if let Some(id) = &self.in_reply_to {
            message = message.in_reply_to(id.as_str()).references(id.as_str());
        }
        for (name, bytes) in &self.attachments {
            message = message.attachment(content_type(name), name.as_str(), bytes.as_slice());
        }
        message.write_to_vec().unwrap_or_default()
    }
}

/// The content type an attachment is sent with, from its file name.
fn content_type(name: &str) -> &'static str {
    match name
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => "application/json",
        Some("csv") => "text/csv",
        Some("txt") | Some("md") => "text/plain",
        Some("html") => "text/html",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Whether `host` is this machine: the only place `security = "none"` may send to.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(|c| c == '[' || c == ']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Sends `raw` (the message [`Outgoing::to_eml`] made) to its recipients through the
/// configured server. Ok only when the server accepted it for every recipient; otherwise
/// one line saying what failed: the connection, TLS, the login or a refused address.
pub fn send(smtp: &SmtpConfig, o: &Outgoing, raw: &[u8]) -> Result<(), String> {
    use lettre::Transport;
    use lettre::transport::smtp::SmtpTransport;
    use lettre::transport::smtp::authentication::Credentials;

    let parse = |text: &str| -> Result<lettre::Address, String> {
        let (_, address) = mailbox(text)
            .ok_or_else(|| format!("'{}' is not an e-mail address", one_line(text)))?;
        address
            .parse()
            .map_err(|e| format!("'{}' is not an e-mail address: {e}", one_line(&address)))
    };
    let from = parse(&o.from)?;
    let to =
        o.to.iter()
            .map(|t| parse(t))
            .collect::<Result<Vec<_>, _>>()?;
    let envelope = lettre::address::Envelope::new(Some(from), to)
        .map_err(|e| format!("the letter has no recipient: {e}"))?;
    let host = smtp.host.trim();
    let (builder, port) = match smtp.security {
        SmtpSecurity::Tls => (
            SmtpTransport::relay(host).map_err(|e| one_line(&e.to_string()))?,
            smtp.port.unwrap_or(465),
        ),
        SmtpSecurity::Starttls => (
            SmtpTransport::starttls_relay(host).map_err(|e| one_line(&e.to_string()))?,
            smtp.port.unwrap_or(587),
        ),
        SmtpSecurity::None => {
            if !is_loopback(host) {
                return Err(format!(
                    "[mail.smtp] security = \"none\" sends in the clear: only to this machine (localhost, 127.0.0.1, ::1), not to {}; use \"tls\" or \"starttls\"",
                    one_line(host)
                ));
            }
            (
                SmtpTransport::builder_dangerous(host),
                smtp.port.unwrap_or(25),
            )
        }
    };
    let mut builder = builder.port(port).timeout(Some(Duration::from_secs(30)));
    if let Some(user) = &smtp.username {
        let var = smtp.password_env.as_deref().ok_or_else(|| {
            "[mail.smtp] has a username but no password_env naming the variable that holds the password".to_string()
        })?;
        let password = std::env::var(var).map_err(|_| {
            format!("the environment variable {var} (the SMTP password) is not set")
        })?;
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    let where_to = format!("{}:{port}", one_line(host));
    builder
        .build()
        .send_raw(&envelope, raw)
        .map(drop)
        .map_err(|e| {
            let what = if e.is_permanent() {
                "the server refused the letter"
            } else if e.is_transient() {
                "the server could not take the letter now"
            } else if e.is_tls() {
                "the TLS connection failed"
            } else {
                "could not send"
            };
            one_line(&format!("{what} ({where_to}): {e}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MimeHeaders;

    #[test]
    fn mailboxes_are_read_with_and_without_a_name() {
        assert_eq!(
            mailbox("ORINOR Personvern <personvern@orinor.no>"),
            Some((
                Some("ORINOR Personvern".into()),
                "personvern@orinor.no".into()
            ))
        );
        assert_eq!(
            mailbox("kari@example.no"),
            Some((None, "kari@example.no".into()))
        );
        assert_eq!(mailbox("Kari Nordmann"), None);
        assert_eq!(mailbox("a b@example.no"), None);
        assert_eq!(mailbox("<@example.no>"), None);
        // A header smuggled into an address is no address.
        assert_eq!(mailbox("kari@example.no\r\nBcc: all@example.no"), None);
        assert_eq!(mailbox("Kari <kari@example.no\nBcc: all@example.no>"), None);
    }

    #[test]
    fn only_this_machine_is_loopback() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]", "127.0.0.2"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "mail.example.no",
            "10.0.0.1",
            "192.168.1.1",
            "localhost.example.no",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn a_draft_parses_back_with_its_headers_text_and_attachments() {
        let o = Outgoing {
            from: "ORINOR Personvern <personvern@orinor.no>".into(),
            to: vec!["kari@example.no".into()],
            subject: subject(LetterKind::Access, Lang::Nb, "DSR-2026-0005"),
            message_id: "DSR-2026-0005.access.x@orinor.no".into(),
            in_reply_to: Some("first-1@example.no".into()),
            date: "2026-11-25T10:00:00Z".parse().expect("date"),
            text: "Hei Kari,\n\nHer er innsynet. Æ ø å.\n".into(),
            attachments: vec![("data.json".into(), b"{\"a\":1}".to_vec())],
        };
        let raw = o.to_eml();
        let parsed = mail_parser::MessageParser::default()
            .parse(&raw)
            .expect("parses");
        assert_eq!(
            parsed.subject(),
            Some("Innsyn i opplysningene om deg (DSR-2026-0005)")
        );
        assert_eq!(
            parsed.message_id(),
            Some("DSR-2026-0005.access.x@orinor.no")
        );
        assert_eq!(parsed.in_reply_to().as_text(), Some("first-1@example.no"));
        assert_eq!(
            parsed
                .from()
                .and_then(|a| a.first())
                .and_then(|a| a.address()),
            Some("personvern@orinor.no")
        );
        assert_eq!(
            parsed
                .to()
                .and_then(|a| a.first())
                .and_then(|a| a.address()),
            Some("kari@example.no")
        );
        assert!(
            parsed
                .body_text(0)
                .is_some_and(|t| t.contains("Her er innsynet. Æ ø å."))
        );
        let attachment = parsed.attachment(0).expect("the attachment");
        assert_eq!(attachment.attachment_name(), Some("data.json"));
        assert_eq!(attachment.contents(), b"{\"a\":1}");
    }
}
