//! A letter leaving as e-mail: made from the same letter the case workflow writes, to the
//! person (or the representative it is addressed to), threaded under the request's own
//! message, with the package's files attached to an access letter. Saved as a draft, or
//! sent; a letter is recorded as sent only once the server accepted it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::CaseError;
use super::exports::{Choice, Prepared};
use crate::config::Config;
use crate::domain::text::one_line;
use crate::export::ExportError;
use crate::export::letters::{self, LetterKind};
use crate::export::mail::{self, Outgoing};
use crate::store::{SentLetter, Store};

/// The letter `choice` names, as an e-mail, and the letter export it was made from.
/// `exports` is the exports folder: an access or portability letter carries the files of
/// the package written into the request's folder there.
pub fn outgoing(
    store: &Store,
    config: &Config,
    choice: &Choice,
    exports: &Path,
    now: DateTime<Utc>,
) -> Result<(Outgoing, Prepared), CaseError> {
    let Choice::Letter {
        reference,
        kind,
        lang,
    } = choice
    else {
        return Err(CaseError::Invalid("only a letter is sent as e-mail".into()));
    };
    let from = config
        .mail
        .as_ref()
        .and_then(|m| m.from.clone())
        .filter(|f| mail::mailbox(f).is_some())
        .ok_or_else(|| {
            CaseError::Invalid(
                "no sender for e-mail: add [mail] from = \"Name <privacy@example.no>\" to the config file".into(),
            )
        })?;
    let names = crate::export::case_facts::NoCustomerDb::not_connected();
    let prepared = super::exports::prepare(store, choice, &names, &config.templates(), now)?;
    let mut text = Vec::new();
    prepared
        .write_to(store, &mut text)
        .map_err(|e| CaseError::Export(ExportError::Render(e.to_string())))?;
    let request = store.get(reference)?;
    // A refusal for want of a mandate goes to the representative; any other letter to the
    // person.
    let to = match letters::addressed_to_agent(*kind, &request) {
        Some(agent) => mail::mailbox(&agent).map(|(_, a)| a).ok_or_else(|| {
            CaseError::Invalid(format!(
                "the letter goes to the representative ({}), and no e-mail address is recorded for them",
                one_line(&agent)
            ))
        })?,
        None => request
            .requester
            .email
            .as_deref()
            .and_then(mail::mailbox)
            .map(|(_, a)| a)
            .ok_or_else(|| {
                CaseError::Invalid(format!(
                    "{} has no e-mail address recorded: send the letter by post",
                    request.reference
                ))
            })?,
    };
    let attachments = match kind {
        LetterKind::Access => package_files(exports, &request.reference)?,
        _ => Vec::new(),
    };
    if *kind == LetterKind::Access && attachments.is_empty() {
        return Err(CaseError::Invalid(format!(
            "no package for {} in {}: write it first (C in the desk, or dsr-desk access {})",
            request.reference,
            exports.display(),
            request.reference
        )));
    }
    Ok((
        Outgoing {
            message_id: mail::message_id(&request.reference, *kind, &from, now),
            from,
            to: vec![to],
            subject: mail::subject(*kind, *lang, &request.reference),
            in_reply_to: request.message_id.clone(),
            date: now,
            text: String::from_utf8_lossy(&text).into_owned(),
            attachments,
        },
        prepared,
    ))
}

/// The files of the package written for `reference` (its folder under the exports), by name.
fn package_files(exports: &Path, reference: &str) -> Result<Vec<(String, Vec<u8>)>, CaseError> {
    let folder = exports.join(crate::export::files::safe_file_name(reference));
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // Letters sent before are kept there too; they are not part of the package.
        if !path.is_file() || name.ends_with(".eml") {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| CaseError::Export(ExportError::io(&path, e)))?;
        files.push((name, bytes));
    }
    files.sort();
    Ok(files)
}

/// The draft's file name: the letter's own, as e-mail.
pub fn draft_file_name(prepared: &Prepared) -> String {
    format!("{}.eml", prepared.file_name.trim_end_matches(".txt"))
}

/// Writes the e-mail as a draft (.eml) at `path`, recorded as the letter's export.
pub fn save_draft(
    store: &mut Store,
    (o, prepared): (&Outgoing, &Prepared),
    (path, overwrite): (&Path, bool),
    actor: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, ExportError> {
    let raw = o.to_eml();
    let mut record = prepared.record.clone();
    record.what = format!("{} as an e-mail draft", record.what);
    crate::export::record::write_recorded(store, path, overwrite, &record, actor, now, |_, out| {
        out.write_all(&raw)
    })
}

/// Sends the e-mail through `[mail.smtp]`, then keeps a copy under the request's exports
/// folder and records it as sent. Nothing is recorded unless the server accepted it.
pub fn send(
    store: &mut Store,
    config: &Config,
    (reference, o): (&str, &Outgoing),
    exports: &Path,
    (actor, now): (&str, DateTime<Utc>),
) -> Result<PathBuf, CaseError> {
    let smtp = config
        .mail
        .as_ref()
        .and_then(|m| m.smtp.as_ref())
        .ok_or_else(|| {
            CaseError::Invalid(
                "no mail server: add [mail.smtp] with host, port and security to the config file"
                    .into(),
            )
        })?;
    store.check_writable()?;
    let raw = o.to_eml();
    mail::send(smtp, o, &raw).map_err(CaseError::Invalid)?;
    let folder = exports.join(crate::export::files::safe_file_name(reference));
    let name = format!(
        "{}.eml",
        crate::export::files::safe_file_name(&o.message_id)
    );
    // Sent is sent: the copy and the event follow even if the copy cannot be written.
    let copy = crate::export::files::ensure_private_dir(&folder).and_then(|()| {
        crate::export::files::write_atomic(&folder.join(&name), false, |out| out.write_all(&raw))
    });
    use sha2::Digest;
    let sent = SentLetter {
        reference: reference.to_string(),
        what: o.subject.clone(),
        message_id: o.message_id.clone(),
        recipients: o.to.clone(),
        file: name,
        bytes: raw.len() as u64,
        sha256: crate::export::record::hex(&sha2::Sha256::digest(&raw)),
    };
    store.record_sent(&sent, actor, now)?;
    copy.map_err(CaseError::Export)
}
