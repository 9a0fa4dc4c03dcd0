//! The register of every request for the accountability file: one row per request, as CSV
//! that opens safely in a spreadsheet (no cell runs as a formula) or as JSON. Streamed a
//! page at a time, so 100,000 rows cost no more memory than one page.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::request::{DecisionKind, Outcome, derive_outcome};
use crate::domain::text::export_value;
use crate::domain::timeliness::{Facts, Timeliness};
use crate::store::{Period, RegisterRow, Store};

/// Rows read from the store at a time.
const PAGE: u64 = 2000;

/// The columns, in order.
pub const HEADER: [&str; 14] = [
    "reference",
    "received",
    "channel",
    "rights",
    "status",
    "outcome",
    "refusal_ground",
    "due",
    "extended",
    "closed",
    "days_to_close",
    "on_time",
    "fee_nok",
    "fee_basis",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Csv,
    Json,
}

/// One register row as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterLine {
    /// `ref` in JSON, as in every JSON the desk writes; the CSV column says `reference`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub received: NaiveDate,
    pub channel: String,
    /// Space-separated; empty while the request needs triage.
    pub rights: String,
    pub status: String,
    pub outcome: Option<Outcome>,
    pub refusal_ground: Option<String>,
    /// The deadline in force.
    pub due: NaiveDate,
    pub extended: bool,
    pub closed: Option<NaiveDate>,
    pub days_to_close: Option<i64>,
    /// By the timeliness rule (legal-rules.md §3) on the day of the export: `yes`; `no` when
    /// answered late, refused after the one-month deadline even when extended, or open past
    /// the deadline in force; `open` while open and in time.
    pub on_time: &'static str,
    /// The reasonable fees charged, summed (legal-rules §3a); None when none was.
    pub fee_nok: Option<u64>,
    /// Their bases, `12(5)(a)` and/or `15(3)`, space-separated.
    pub fee_basis: Option<String>,
}

impl RegisterLine {
    /// The line of `row` as it stands on `today` (an Oslo date).
    pub fn from_row(row: &RegisterRow, today: NaiveDate) -> RegisterLine {
        let facts = Facts::new(
            row.received_date,
            row.due,
            &row.decisions,
            row.status,
            row.closed_at,
        );
        let closed = facts.closed;
        let mut grounds: Vec<&str> = Vec::new();
        for d in &row.decisions {
            if let (DecisionKind::Refused | DecisionKind::Partial, Some(g)) = (d.kind, d.ground)
                && !grounds.contains(&g.as_str())
            {
                grounds.push(g.as_str());
            }
        }
        RegisterLine {
            reference: row.reference.clone(),
            received: row.received_date,
            channel: row.channel.to_string(),
            rights: row
                .rights
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            status: row.status.to_string(),
            outcome: closed
                .is_some()
                .then(|| derive_outcome(&row.rights, &row.decisions))
                .flatten(),
            refusal_ground: (!grounds.is_empty()).then(|| grounds.join(" ")),
            due: row.due,
            extended: row.extended,
            closed,
            days_to_close: closed.map(|c| (c - row.received_date).num_days()),
            on_time: match facts.on(today) {
                Timeliness::OnTime => "yes",
                Timeliness::Open => "open",
                Timeliness::Late { .. } => "no",
            },
            fee_nok: (!row.fees.is_empty()).then(|| row.fees.iter().map(|f| f.0).sum()),
            fee_basis: (!row.fees.is_empty()).then(|| {
                let mut bases: Vec<&str> = row.fees.iter().map(|f| f.1.as_str()).collect();
                bases.dedup();
                bases.join(" ")
            }),
        }
    }

    fn cells(&self) -> [String; 14] {
        let opt = |v: Option<String>| v.unwrap_or_default();
        [
            self.reference.clone(),
            self.received.to_string(),
            self.channel.clone(),
            self.rights.clone(),
            self.status.clone(),
            opt(self.outcome.map(|o| o.to_string())),
            opt(self.refusal_ground.clone()),
            self.due.to_string(),
            if self.extended { "yes" } else { "no" }.into(),
            opt(self.closed.map(|d| d.to_string())),
            opt(self.days_to_close.map(|d| d.to_string())),
            self.on_time.into(),
            opt(self.fee_nok.map(|n| n.to_string())),
            opt(self.fee_basis.clone()),
        ]
    }
}

/// A cell as a spreadsheet will take it: one that would start a formula (`=`, `+`, `-`,
/// `@`, tab, carriage return, or their full-width forms) gets a leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// Writes cells as one CSV record, each cleaned of control characters and neutralised.
pub fn write_record<W: Write>(out: &mut csv::Writer<W>, cells: &[String]) -> io::Result<()> {
    out.write_record(
        cells
            .iter()
            .map(|c| neutralise(&export_value(c)).into_owned()),
    )
    .map_err(csv_error)
}

/// Cleans every string of a JSON value (keys too) of control characters, as
/// [`write_record`] does for CSV: the one rule for every JSON export.
pub fn clean_json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Cow::Owned(clean) = export_value(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_json),
        Value::Object(map) => {
            let dirty = map.keys().any(|k| matches!(export_value(k), Cow::Owned(_)));
            if dirty {
                let old = std::mem::take(map);
                for (k, v) in old {
                    map.insert(export_value(&k).into_owned(), v);
                }
            }
            map.values_mut().for_each(clean_json);
        }
        _ => {}
    }
}

/// `value` as JSON with every string cleaned ([`clean_json`]).
pub fn clean_json_of<T: Serialize>(value: &T) -> serde_json::Result<serde_json::Value> {
    let mut v = serde_json::to_value(value)?;
    clean_json(&mut v);
    Ok(v)
}

/// A whole small table as CSV bytes (header first), every cell neutralised: the one CSV
/// writer behind the register, access packages and portability exports.
pub fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        // Writing to memory cannot fail.
        let _ = write_record(&mut out, record);
    }
    out.into_inner().unwrap_or_default()
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Streams the register of `period`, as it stands on `today` (an Oslo date), to `out`;
/// returns the number of rows written. Store errors surface as I/O errors that carry the
/// store's message.
pub fn write(
    store: &Store,
    period: Period,
    today: NaiveDate,
    format: RegisterFormat,
    bom: bool,
    out: &mut dyn Write,
) -> io::Result<u64> {
    if bom && format == RegisterFormat::Csv {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut count = 0u64;
    let mut after = 0i64;
    match format {
        RegisterFormat::Csv => {
            let mut csv = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut *out);
            write_record(&mut csv, &HEADER.map(String::from))?;
            loop {
                let page = store
                    .register_page(period, after, PAGE)
                    .map_err(io::Error::other)?;
                let Some(last) = page.last() else { break };
                after = last.id;
                for row in &page {
                    write_record(&mut csv, &RegisterLine::from_row(row, today).cells())?;
                    count += 1;
                }
            }
            csv.flush()?;
        }
        RegisterFormat::Json => {
            out.write_all(b"[")?;
            loop {
                let page = store
                    .register_page(period, after, PAGE)
                    .map_err(io::Error::other)?;
                let Some(last) = page.last() else { break };
                after = last.id;
                for row in &page {
                    out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
                    let line = clean_json_of(&RegisterLine::from_row(row, today))?;
                    serde_json::to_writer(&mut *out, &line)?;
                    count += 1;
                }
            }
            out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
    }
    Ok(count)
}

/// The default file name: `register-2026-11-25.csv`, or with the period's dates.
pub fn file_name(today: NaiveDate, period: Period, format: RegisterFormat) -> String {
    let ext = match format {
        RegisterFormat::Csv => "csv",
        RegisterFormat::Json => "json",
    };
    match (period.from, period.to) {
        (None, None) => format!("register-{today}.{ext}"),
        (from, to) => format!(
            "register-{}-to-{}.{ext}",
            from.map(|d| d.to_string())
                .unwrap_or_else(|| "start".into()),
            to.map(|d| d.to_string())
                .unwrap_or_else(|| today.to_string())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(cells: &[String]) -> Vec<String> {
        let mut buf = Vec::new();
        {
            let mut w = csv::Writer::from_writer(&mut buf);
            write_record(&mut w, cells).expect("write");
            w.flush().expect("flush");
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(buf.as_slice());
        let record = r.records().next().expect("a record").expect("valid csv");
        record.iter().map(String::from).collect()
    }

    /// Every request received 5 March 2025 (one-month deadline 7 April, extended 5 June); the
    /// `on_time` cells of the register on `today`, by requester name.
    fn on_time_cells(today: &str) -> Vec<(String, String)> {
        use crate::domain::change::{Change, Decide};
        use crate::domain::deadline::Extension;
        use crate::domain::request::{Channel, RefusalGround, Requester, Right, Verdict};
        use crate::store::NewRequest;
        let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().expect("instant");
        let mut store = Store::open_in_memory().expect("store");
        let refuse = |ground| Verdict::Refused {
            ground,
            reason: "why".into(),
        };
        let access = Some(Right::Access);
        for (name, rights, extend, decision) in [
            (
                "refused late",
                vec![Right::Access],
                true,
                Some((access, refuse(RefusalGround::ManifestlyExcessive))),
            ),
            (
                "answered in month two",
                vec![Right::Access],
                true,
                Some((access, Verdict::Done)),
            ),
            (
                "not a GDPR request",
                vec![],
                true,
                Some((None, refuse(RefusalGround::NotAGdprRequest))),
            ),
            ("open overdue", vec![Right::Access], false, None),
            ("open extended", vec![Right::Access], true, None),
        ] {
            let new = NewRequest {
                received: at("2025-03-05T09:00:00Z"),
                channel: Channel::Email,
                requester: Requester {
                    name: name.into(),
                    ..Requester::default()
                },
                agent: None,
                agent_role: None,
                rights,
                message_id: None,
                original_text: None,
                objection_scope: None,
            };
            let r = store
                .add_request(&new, "jk", at("2025-03-05T10:00:00Z"))
                .expect("add");
            if extend {
                let ext = Change::Extend(Extension {
                    notified: "2025-03-20".parse().expect("date"),
                    reason: "many systems".into(),
                });
                store
                    .apply(&r.reference, None, &ext, "jk", at("2025-03-20T10:00:00Z"))
                    .expect("extend");
            }
            if let Some(item) = decision {
                let decide = Change::Decide(Decide::new(vec![item]));
                store
                    .apply(
                        &r.reference,
                        None,
                        &decide,
                        "jk",
                        at("2025-04-15T10:00:00Z"),
                    )
                    .expect("decide");
            }
        }
        let today = today.parse().expect("date");
        let mut out = Vec::new();
        write(
            &store,
            Period::default(),
            today,
            RegisterFormat::Json,
            false,
            &mut out,
        )
        .expect("write");
        let lines: serde_json::Value = serde_json::from_slice(&out).expect("json");
        let names: Vec<String> = store
            .register_page(Period::default(), 0, 10)
            .expect("page")
            .iter()
            .map(|row| store.get(&row.reference).expect("request").requester.name)
            .collect();
        names
            .into_iter()
            .zip(lines.as_array().expect("rows"))
            .map(|(name, line)| (name, line["on_time"].as_str().unwrap_or("").to_string()))
            .collect()
    }

    #[test]
    fn on_time_follows_the_timeliness_rule() {
        let cells = on_time_cells("2025-04-20");
        let cell = |name: &str| {
            cells
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, c)| c.as_str())
                .expect(name)
        };
        // Refused on 15 April, after the one-month deadline, though extended to 5 June.
        assert_eq!(cell("refused late"), "no");
        assert_eq!(cell("answered in month two"), "yes");
        // No refusal: held to the extended deadline like any answer.
        assert_eq!(cell("not a GDPR request"), "yes");
        assert_eq!(cell("open overdue"), "no");
        assert_eq!(cell("open extended"), "open");
        // Before its deadline passed, the open request was in time.
        let earlier = on_time_cells("2025-04-01");
        assert!(
            earlier.contains(&("open overdue".into(), "open".into())),
            "{earlier:?}"
        );
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("+47 912 34 567", "'+47 912 34 567"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=cmd", "'\t=cmd"),
            ("\r=cmd", "'\r=cmd"),
            ("＝HYPERLINK()", "'＝HYPERLINK()"),
            ("DSR-2026-0001", "DSR-2026-0001"),
            ("2026-11-25", "2026-11-25"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralise(cell), safe, "{cell:?}");
        }
        let cells = vec!["=HYPERLINK(\"http://x\",\"y\")".to_string(), "ok".into()];
        assert_eq!(
            round_trip(&cells),
            ["'=HYPERLINK(\"http://x\",\"y\")", "ok"]
        );
    }

    proptest! {
        /// Any cell survives CSV quoting exactly, apart from the `'` that disarms a formula,
        /// and no cell read back starts a formula.
        #[test]
        fn any_cell_round_trips_safely(cells in proptest::collection::vec(any::<String>(), 1..6)) {
            let back = round_trip(&cells);
            prop_assert_eq!(back.len(), cells.len());
            for (sent, got) in cells.iter().zip(&back) {
                let dangerous = sent.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);
                if dangerous {
                    prop_assert_eq!(got, &format!("'{sent}"));
                } else {
                    prop_assert_eq!(got, sent);
                }
                prop_assert!(!got.starts_with(['=', '+', '-', '@', '\t', '\r']));
            }
        }
    }
}
