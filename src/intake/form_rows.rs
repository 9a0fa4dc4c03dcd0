//! One web-form submission (a CSV row or a JSON object) checked and turned into an
//! [`Incoming`]: who asked, what for, when. Column names are matched in any usual spelling.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::matcher::WordSet;
use super::scope::objection_of;
use super::time::{Stated, parse_form_time, settle_received};
use super::tokens::{fold, tokenize};
use super::{
    Incoming, IntakeError, RecognisedRight, clean_body, clean_line, clean_name, clean_phone,
    recognise, sha256_hex,
};
use crate::domain::normalize::check_email;
use crate::domain::request::{Channel, Right};

/// A column the desk understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    Name,
    Email,
    Phone,
    RequestType,
    Text,
    Submitted,
}

/// The column a header names, whatever its case, spacing or language.
pub(crate) fn field_of(header: &str) -> Option<Field> {
    let key: String = fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let is = |names: &str| names.split('|').any(|n| n == key);
    if is("name|fullname|navn|namn|fulltnavn|requester|requestername") {
        Some(Field::Name)
    } else if is("email|emailaddress|epost|epostadresse|mail") {
        Some(Field::Email)
    } else if is(
        "phone|phonenumber|telephone|tel|telefon|tlf|mobile|mobil|telefonnummer|mobilnummer",
    ) {
        Some(Field::Phone)
    } else if is(
        "requesttype|type|right|rights|request|kind|category|henvendelsestype|foresporselstype|rettighet|sakstype",
    ) {
        Some(Field::RequestType)
    } else if is(
        "text|message|body|description|details|comment|comments|melding|tekst|beskrivelse|kommentar|henvendelse",
    ) {
        Some(Field::Text)
    } else if is(
        "submittedat|submitted|date|time|timestamp|createdat|created|received|receivedat|innsendt|dato|tidspunkt|sentat",
    ) {
        Some(Field::Submitted)
    } else {
        None
    }
}

/// One submission's raw values, before checking.
#[derive(Default)]
pub(crate) struct Row(BTreeMap<Field, String>);

impl Row {
    pub(crate) fn set(&mut self, field: Field, value: String) {
        let value = value.trim().to_string();
        if !value.is_empty() {
            self.0.entry(field).or_insert(value);
        }
    }
    fn get(&self, field: Field) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }
}

/// The submission as an [`Incoming`], or why it cannot be one.
pub(crate) fn row_to_incoming(
    row: &Row,
    source: String,
    file_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Incoming, IntakeError> {
    let email = match row.get(Field::Email) {
        Some(raw) => {
            Some(check_email(raw).map_err(|e| IntakeError::new(&source, format!("email {e}")))?)
        }
        None => None,
    };
    // A phone field that holds no number ("ring meg etter 16") is not a number to call,
    // but it is what the person wrote: it goes with the text.
    let raw_phone = row.get(Field::Phone);
    let phone = raw_phone.and_then(clean_phone);
    let not_a_number = raw_phone
        .filter(|_| phone.is_none())
        .and_then(clean_line)
        .map(|p| format!("[phone field, not a phone number: {p}]"));
    let name = row
        .get(Field::Name)
        .and_then(clean_name)
        .or_else(|| email.clone())
        .or_else(|| phone.clone());
    let Some(name) = name else {
        return Err(IntakeError::new(
            source,
            "no name, email or phone: nobody to answer",
        ));
    };
    let request_type = row.get(Field::RequestType).and_then(clean_line);
    let mut text = clean_body(row.get(Field::Text).unwrap_or_default());
    if request_type.is_none() && text.is_empty() {
        return Err(IntakeError::new(
            source,
            "neither a request type nor a message: nothing was asked",
        ));
    }
    if let Some(note) = not_a_number {
        text = if text.is_empty() {
            note
        } else {
            format!("{text}\n\n{note}")
        };
    }
    let stated = match row.get(Field::Submitted) {
        None => Stated::Missing,
        Some(raw) => {
            parse_form_time(raw).map_or_else(|| Stated::Unreadable(raw.to_string()), Stated::At)
        }
    };
    let receipt = settle_received("submitted at", stated, file_time, now);
    let fields = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::RequestType,
        Field::Text,
        Field::Submitted,
    ];
    let canonical: Vec<&str> = fields
        .iter()
        .map(|f| row.get(*f).unwrap_or_default())
        .collect();
    let rights = form_rights(request_type.as_deref().unwrap_or_default(), &text);
    let objection = objection_of(&rights, request_type.as_deref().unwrap_or_default(), &text);
    let representative = super::representative_phrase("", &text);
    Ok(Incoming {
        source,
        channel: Channel::Form,
        name,
        email,
        phone,
        received: receipt.at,
        received_from: receipt.source,
        received_note: receipt.note,
        subject: request_type,
        text,
        message_id: None,
        in_reply_to: Vec::new(),
        content_hash: sha256_hex(canonical.join("\u{1f}").as_bytes()),
        attachments: Vec::new(),
        automated: None,
        rights,
        objection,
        representative,
    })
}

/// The form's own choice of right is trusted as chosen ("Innsyn", "erasure"); the free text
/// is read as a message would be.
fn form_rights(request_type: &str, text: &str) -> Vec<RecognisedRight> {
    const CHOICES: &[(Right, &str)] = &[
        (
            Right::Access,
            "innsyn*|access|tilgang|kopi|auskunft|dsar|sar",
        ),
        (
            Right::Rectification,
            "retting|rettelse|korriger*|rectif*|correct*",
        ),
        (
            Right::Erasure,
            "slett*|sletting|erasure|delet*|erase|forgotten|glemt|gloymd",
        ),
        (Right::Restriction, "begrens*|avgrens*|restrict*"),
        (
            Right::Objection,
            "protest*|innsigelse*|objection|object|reservasjon*|motsegn|unsubscribe",
        ),
        (Right::Portability, "portab*|dataportabilitet*|flytting"),
    ];
    let mut rights: BTreeMap<Right, String> = BTreeMap::new();
    let choices: Vec<(Right, WordSet)> =
        CHOICES.iter().map(|(r, w)| (*r, WordSet::new(w))).collect();
    for token in tokenize(request_type, 0) {
        for (right, words) in &choices {
            if words.contains(&token.word) {
                rights
                    .entry(*right)
                    .or_insert_with(|| format!("request type: {request_type}"));
            }
        }
    }
    for r in recognise(request_type, text) {
        rights.entry(r.right).or_insert(r.phrase);
    }
    rights
        .into_iter()
        .map(|(right, phrase)| RecognisedRight { right, phrase })
        .collect()
}
