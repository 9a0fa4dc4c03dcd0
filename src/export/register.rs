//! The register of every request for the accountability file: one row per request, as CSV
//! that opens safely in a spreadsheet (no cell runs as a formula) or as JSON. Streamed a
//! page at a time, so 100,000 rows cost no more memory than one page.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::deadline::oslo_date;
use crate::domain::request::{Decision, DecisionKind, Outcome, Status, derive_outcome};
use crate::store::{Period, RegisterRow, Store};

/// Rows read from the store at a time.
const PAGE: u64 = 2000;

/// The columns, in order.
pub const HEADER: [&str; 12] = [
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
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Csv,
    Json,
}

/// One register row as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterLine {
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
    /// `yes`, `no`, or `open` while the request is open.
    pub on_time: &'static str,
}

impl RegisterLine {
    pub fn from_row(row: &RegisterRow) -> RegisterLine {
        let decisions: Vec<Decision> = row
            .decisions
            .iter()
            .map(|(right, kind, ground)| Decision::outline(*right, *kind, *ground))
            .collect();
        let closed = (row.status == Status::Closed)
            .then_some(row.closed_at)
            .flatten()
            .map(oslo_date);
        let mut grounds: Vec<&str> = Vec::new();
        for (_, kind, ground) in &row.decisions {
            if let (DecisionKind::Refused | DecisionKind::Partial, Some(g)) = (kind, ground)
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
                .then(|| derive_outcome(&row.rights, &decisions))
                .flatten(),
            refusal_ground: (!grounds.is_empty()).then(|| grounds.join(" ")),
            due: row.due,
            extended: row.extended,
            closed,
            days_to_close: closed.map(|c| (c - row.received_date).num_days()),
            on_time: match closed {
                None => "open",
                Some(c) if c <= row.due => "yes",
                Some(_) => "no",
            },
        }
    }

    fn cells(&self) -> [String; 12] {
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

/// Writes cells as one CSV record, each neutralised.
pub fn write_record<W: Write>(out: &mut csv::Writer<W>, cells: &[String]) -> io::Result<()> {
    out.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
        .map_err(csv_error)
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

/// Streams the register of `period` to `out`; returns the number of rows written.
/// Store errors surface as I/O errors that carry the store's message.
pub fn write(
    store: &Store,
    period: Period,
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
                    write_record(&mut csv, &RegisterLine::from_row(row).cells())?;
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
                    serde_json::to_writer(&mut *out, &RegisterLine::from_row(row))?;
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
