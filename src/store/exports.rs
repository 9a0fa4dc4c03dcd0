//! Files written from the desk, recorded in the audit trail: which file, its size and its
//! SHA-256, never its content.

use chrono::{DateTime, Utc};

use super::events::{EventKind, NewEvent, append};
use super::requests::fetch;
use super::{Result, Store};

/// A file an export wrote, as its event records it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRecord {
    /// The request it was made from; `None` for a file about every request (the register).
    pub reference: Option<String>,
    /// What was written, for the event's summary, e.g. "Case summary (Markdown)".
    pub what: String,
    /// The file's name, without its folder.
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
    /// Facts about the export that are not its content (format, letter kind, period).
    pub about: serde_json::Value,
}

impl Store {
    /// Appends an `exported` event for a file just written. It may be made from a closed
    /// request: a case file is exported most often once the case is closed.
    pub fn record_export(
        &mut self,
        record: &ExportRecord,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        let request_id = match &record.reference {
            Some(r) => Some(fetch(&tx, r)?.id),
            None => None,
        };
        let mut detail = serde_json::Map::new();
        if let serde_json::Value::Object(about) = &record.about {
            detail.extend(about.clone());
        }
        detail.insert("file".into(), record.file.clone().into());
        detail.insert("bytes".into(), record.bytes.into());
        detail.insert("sha256".into(), record.sha256.clone().into());
        append(
            &tx,
            NewEvent {
                request_id,
                at: now,
                actor,
                kind: EventKind::Exported,
                summary: format!("{} written: {}", record.what, record.file),
                detail: serde_json::Value::Object(detail),
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// A letter the SMTP server accepted, as its event records it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentLetter {
    pub reference: String,
    /// The e-mail's subject.
    pub what: String,
    /// Without angle brackets.
    pub message_id: String,
    pub recipients: Vec<String>,
    /// The copy kept under the request's exports folder.
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Store {
    /// Records a letter the server accepted: a `letter-sent` event with its Message-ID,
    /// recipients and SHA-256, and its Message-ID among the request's messages, so that a
    /// reply to it threads back to the request.
    pub fn record_sent(
        &mut self,
        sent: &SentLetter,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        let request = fetch(&tx, &sent.reference)?;
        append(
            &tx,
            NewEvent {
                request_id: Some(request.id),
                at: now,
                actor,
                kind: EventKind::LetterSent,
                summary: format!(
                    "Sent by e-mail to {}: {}",
                    sent.recipients.join(", "),
                    sent.what
                ),
                detail: serde_json::json!({
                    "message_id": sent.message_id,
                    "recipients": sent.recipients,
                    "file": sent.file,
                    "bytes": sent.bytes,
                    "sha256": sent.sha256,
                }),
            },
        )?;
        tx.prepare_cached(
            "INSERT INTO intake_messages
             (dedupe_key, message_id, request_id, role, source, imported_at)
             VALUES (?1, ?2, ?3, 'sent', ?4, ?5) ON CONFLICT DO NOTHING",
        )?
        .execute(super::sql::params![
            format!("sent:{}", sent.message_id),
            sent.message_id,
            request.id,
            sent.file,
            now.to_rfc3339()
        ])?;
        tx.commit()?;
        Ok(())
    }
}
