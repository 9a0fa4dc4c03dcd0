//! Web-form exports to [`Incoming`]s: a JSON list of objects or a CSV file with a header
//! row (name, email, phone, request type, text, submitted at, in any usual spelling).
//! A bad row is an error of its own; the rows around it still come in.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::form_rows::{Field, Row, field_of, row_to_incoming};
use super::mailbox::read_bounded;
use super::{Incoming, IntakeError, MAX_EXPORT_BYTES};

type Item = Result<Incoming, IntakeError>;

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

#[cfg(test)]
#[path = "forms_tests.rs"]
mod tests;
