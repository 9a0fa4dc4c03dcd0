//! Web-form exports to [`Incoming`]s: a JSON list of objects or a CSV file with a header
//! row (name, email, phone, request type, text, submitted at, in any usual spelling).
//! A bad row is an error of its own; the rows around it still come in.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::mailbox::read_bounded;
use super::matcher::{WordSet, fold, tokenize};
use super::time::{Stated, parse_form_time, settle_received};
use super::{
    Incoming, IntakeError, MAX_EXPORT_BYTES, RecognisedRight, clean_body, clean_email, clean_line,
    clean_phone, recognise, sha256_hex,
};
use crate::domain::request::{Channel, Right};

type Item = Result<Incoming, IntakeError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Email,
    Phone,
    RequestType,
    Text,
    Submitted,
}

/// The column a header names, whatever its case, spacing or language.
fn field_of(header: &str) -> Option<Field> {
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
struct Row(BTreeMap<u8, String>);

impl Row {
    fn set(&mut self, field: Field, value: String) {
        let value = value.trim().to_string();
        if !value.is_empty() {
            self.0.entry(field as u8).or_insert(value);
        }
    }
    fn get(&self, field: Field) -> Option<&str> {
        self.0.get(&(field as u8)).map(String::as_str)
    }
}

pub(crate) fn read_csv(
    path: &Path,
    file_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Item> {
    let shown = path.display().to_string();
    let raw = match read_bounded(path, MAX_EXPORT_BYTES) {
        Ok(raw) => raw,
        Err(e) => return vec![Err(e)],
    };
    let raw = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&raw);
    // Spreadsheets set to Norwegian write `;` between columns.
    let first_line = raw.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| count(d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(raw);
    let columns: Vec<Option<Field>> = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|c| field_of(&String::from_utf8_lossy(c)))
            .collect(),
        Err(e) => {
            return vec![Err(IntakeError::new(
                shown,
                format!("the header row cannot be read as CSV: {e}"),
            ))];
        }
    };
    if let Some(missing) = missing_columns(&columns) {
        return vec![Err(IntakeError::new(shown, missing))];
    }
    let mut out = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let source = format!("{shown}:row {}", i + 2); // row 1 is the header, as a spreadsheet shows it
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.push(Err(IntakeError::new(
                    source,
                    format!("cannot be read as CSV: {e}"),
                )));
                continue;
            }
        };
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // blank lines at the end of exports are not submissions
        }
        if record.len() != columns.len() {
            let reason = format!(
                "has {} fields but the header has {}: check for a stray separator",
                record.len(),
                columns.len()
            );
            out.push(Err(IntakeError::new(source, reason)));
            continue;
        }
        let mut row = Row::default();
        for (column, value) in columns.iter().zip(record.iter()) {
            if let Some(field) = column {
                row.set(*field, String::from_utf8_lossy(value).into_owned());
            }
        }
        out.push(row_to_incoming(&row, source, file_time, now));
    }
    out
}

fn missing_columns(columns: &[Option<Field>]) -> Option<String> {
    let has = |f: Field| columns.contains(&Some(f));
    if !has(Field::Name) && !has(Field::Email) && !has(Field::Phone) {
        Some("no name, email or phone column: the header row must name who asked".into())
    } else if !has(Field::Text) && !has(Field::RequestType) {
        Some("no text or request type column: the header row must name what was asked".into())
    } else {
        None
    }
}

pub(crate) fn read_json(
    path: &Path,
    file_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Item> {
    let shown = path.display().to_string();
    let raw = match read_bounded(path, MAX_EXPORT_BYTES) {
        Ok(raw) => raw,
        Err(e) => return vec![Err(e)],
    };
    let value: Value = match serde_json::from_slice(&raw) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(IntakeError::new(
                shown,
                format!("is not valid JSON: {e}"),
            ))];
        }
    };
    // A bare list, or an object holding one list ({"submissions": [...]}).
    let list = match value {
        Value::Array(list) => list,
        Value::Object(map) => match map.into_iter().find_map(|(_, v)| {
            if let Value::Array(a) = v {
                Some(a)
            } else {
                None
            }
        }) {
            Some(list) => list,
            None => {
                return vec![Err(IntakeError::new(
                    shown,
                    "holds no list of form submissions",
                ))];
            }
        },
        _ => {
            return vec![Err(IntakeError::new(
                shown,
                "holds no list of form submissions",
            ))];
        }
    };
    list.into_iter()
        .enumerate()
        .map(|(i, item)| {
            let source = format!("{shown}:item {}", i + 1);
            let Value::Object(map) = item else {
                return Err(IntakeError::new(
                    source,
                    "is not an object with named fields",
                ));
            };
            let mut row = Row::default();
            for (key, value) in map {
                let text = match value {
                    Value::String(s) => s,
                    Value::Null => continue,
                    Value::Array(items) => items
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => other.to_string(),
                };
                if let Some(field) = field_of(&key) {
                    row.set(field, text);
                }
            }
            row_to_incoming(&row, source, file_time, now)
        })
        .collect()
}

fn row_to_incoming(
    row: &Row,
    source: String,
    file_time: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Item {
    let email = match row.get(Field::Email) {
        Some(raw) => Some(clean_email(raw).ok_or_else(|| {
            IntakeError::new(
                &source,
                format!(
                    "email '{}' is not an e-mail address",
                    clean_line(raw).unwrap_or_default()
                ),
            )
        })?),
        None => None,
    };
    let phone = row
        .get(Field::Phone)
        .and_then(|p| clean_phone(p).or_else(|| clean_line(p)));
    let name = row
        .get(Field::Name)
        .and_then(clean_line)
        .or_else(|| email.clone())
        .or_else(|| phone.clone());
    let Some(name) = name else {
        return Err(IntakeError::new(
            source,
            "no name, email or phone: nobody to answer",
        ));
    };
    let request_type = row.get(Field::RequestType).and_then(clean_line);
    let text = clean_body(row.get(Field::Text).unwrap_or_default());
    if request_type.is_none() && text.is_empty() {
        return Err(IntakeError::new(
            source,
            "neither a request type nor a message: nothing was asked",
        ));
    }
    let stated = match row.get(Field::Submitted) {
        None => Stated::Missing,
        Some(raw) => {
            parse_form_time(raw).map_or_else(|| Stated::Unreadable(raw.to_string()), Stated::At)
        }
    };
    let (received, received_note) = settle_received("submitted at", stated, file_time, now);
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
    Ok(Incoming {
        source,
        channel: Channel::Form,
        name,
        email,
        phone,
        received,
        received_note,
        subject: request_type,
        text,
        message_id: None,
        in_reply_to: Vec::new(),
        content_hash: sha256_hex(canonical.join("\u{1f}").as_bytes()),
        attachments: Vec::new(),
        automated: None,
        rights,
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::super::corpus_tests::{file_time, fixtures, now};
    use super::*;

    fn csv_rows() -> Vec<Item> {
        read_csv(&fixtures().join("webform.csv"), Some(file_time()), now())
    }

    #[test]
    fn csv_rows_become_form_requests() {
        let rows = csv_rows();
        assert_eq!(rows.len(), 7, "the blank last line is no row");
        let kari = rows[0].as_ref().expect("row 2");
        assert!(kari.source.ends_with("webform.csv:row 2"));
        assert_eq!(
            (
                kari.name.as_str(),
                kari.email.as_deref(),
                kari.phone.as_deref()
            ),
            (
                "Kari Nordmann",
                Some("kari@example.no"),
                Some("+47 912 34 567")
            )
        );
        assert_eq!(kari.channel, Channel::Form);
        assert_eq!(kari.text, "Jeg vil se hva dere har.\nTakk.");
        assert_eq!(
            kari.received,
            DateTime::parse_from_rfc3339("2024-02-01T09:00:00Z").expect("t")
        );
        assert_eq!(
            kari.rights,
            vec![RecognisedRight {
                right: Right::Access,
                phrase: "request type: Innsyn".into()
            }]
        );
        let ola = rows[1].as_ref().expect("row 3");
        assert_eq!(
            (ola.right_list(), ola.text.as_str()),
            (vec![Right::Erasure], "")
        );
    }

    #[test]
    fn bad_csv_rows_are_errors_of_their_own() {
        let rows = csv_rows();
        let err = |i: usize| rows[i].as_ref().expect_err("bad row").to_string();
        assert!(
            err(2).ends_with("row 4: email 'per(at)example.no' is not an e-mail address"),
            "{}",
            err(2)
        );
        assert!(
            err(3).contains("row 5: has 2 fields but the header has 6"),
            "{}",
            err(3)
        );
        assert!(
            err(4).contains("row 6: no name, email or phone"),
            "{}",
            err(4)
        );
        // The rows after the bad ones still come in.
        let anne = rows[5].as_ref().expect("row 7");
        assert_eq!(
            anne.right_list(),
            vec![Right::Access],
            "read from the free text"
        );
        assert_eq!(anne.received, file_time());
        assert_eq!(
            anne.received_note.as_deref(),
            Some("submitted at 'i går' could not be read: used the file time")
        );
        let evil = rows[6].as_ref().expect("row 8");
        assert_eq!(evil.name, "Evil␛ Name");
    }

    #[test]
    fn semicolon_exports_and_header_spellings_are_understood() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("skjema.csv");
        fs::write(&path, "Navn;E-post;Telefon;request_type;Melding;submitted_at\nKari;kari@example.no;91234567;Sletting;;2024-02-01 10:00\n").expect("write");
        let rows = read_csv(&path, None, now());
        let kari = rows[0].as_ref().expect("parses");
        assert_eq!(
            (kari.name.as_str(), kari.phone.as_deref()),
            ("Kari", Some("91234567"))
        );
        assert_eq!(kari.right_list(), vec![Right::Erasure]);
        fs::write(&path, "when,what\n2024,x\n").expect("write");
        let rows = read_csv(&path, None, now());
        assert!(
            matches!(&rows[..], [Err(e)] if e.reason.starts_with("no name, email or phone column"))
        );
    }

    #[test]
    fn json_items_become_form_requests() {
        let items = read_json(&fixtures().join("webform.json"), Some(file_time()), now());
        assert_eq!(items.len(), 5);
        let kari = items[0].as_ref().expect("item 1");
        assert_eq!(
            (kari.phone.as_deref(), kari.right_list()),
            (Some("91234567"), vec![Right::Access])
        );
        assert_eq!(
            kari.received,
            DateTime::parse_from_rfc3339("2024-02-01T09:00:00Z").expect("t")
        );
        let ola = items[1].as_ref().expect("item 2");
        assert_eq!(
            (ola.name.as_str(), ola.email.as_deref()),
            ("Ola Nordmann", Some("ola@example.no"))
        );
        assert_eq!(ola.right_list(), vec![Right::Erasure, Right::Objection]);
        assert!(
            items[2]
                .as_ref()
                .is_err_and(|e| e.path.ends_with(":item 3") && e.reason.contains("not an object"))
        );
        assert!(
            items[3]
                .as_ref()
                .is_err_and(|e| e.reason.contains("nobody to answer"))
        );
        let later = items[4].as_ref().expect("item 5");
        assert!(
            later
                .received_note
                .as_deref()
                .is_some_and(|n| n.contains("is in the future"))
        );
    }

    #[test]
    fn json_wrappers_and_broken_json() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("export.json");
        fs::write(
            &path,
            r#"{"count": 1, "submissions": [{"email": "a@b.no", "type": "innsyn"}]}"#,
        )
        .expect("write");
        assert_eq!(
            read_json(&path, None, now())[0]
                .as_ref()
                .map(|m| m.name.clone()),
            Ok("a@b.no".into())
        );
        fs::write(&path, "[{").expect("write");
        assert!(
            matches!(&read_json(&path, None, now())[..], [Err(e)] if e.reason.starts_with("is not valid JSON"))
        );
    }

    #[test]
    fn the_same_submission_hashes_alike_in_csv_and_json() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (csv, json) = (dir.path().join("a.csv"), dir.path().join("a.json"));
        fs::write(
            &csv,
            "email,name,text\nkari@example.no,Kari,Jeg ber om innsyn\n",
        )
        .expect("write");
        fs::write(
            &json,
            r#"[{"name": "Kari", "email": "kari@example.no", "text": "Jeg ber om innsyn"}]"#,
        )
        .expect("write");
        let hash = |items: Vec<Item>| {
            items[0]
                .as_ref()
                .map(|m| m.content_hash.clone())
                .expect("parses")
        };
        assert_eq!(
            hash(read_csv(&csv, None, now())),
            hash(read_json(&json, None, now()))
        );
        fs::write(
            &json,
            r#"[{"name": "Kari", "email": "kari@example.no", "text": "Jeg ber om sletting"}]"#,
        )
        .expect("write");
        assert_ne!(
            hash(read_csv(&csv, None, now())),
            hash(read_json(&json, None, now()))
        );
    }
}
