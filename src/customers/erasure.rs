//! Erasure planning: exactly which rows are deleted, anonymised or kept on legal hold (until
//! when, under which law). Carrying the plan out is in `erasure_run`.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::datamap::{Category, DataMap, Erasure, RecordName, TableMap};
pub use crate::domain::erasure::{KeptKind, KeptRecords, TableEvidence};
use crate::domain::retention::parse_record_date;

/// What erasure will do for the given customers, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasurePlan {
    pub today: NaiveDate,
    pub customers: Vec<CustomerPlan>,
}

/// The plan for one customer: each table that holds rows about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerPlan {
    pub customer_id: i64,
    pub customer_number: Option<String>,
    pub name: String,
    pub tables: Vec<TablePlan>,
}

/// One table's rows by what happens to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TablePlan {
    pub table: String,
    pub title: String,
    /// What the person is told one row is called (from the data map).
    pub record_name: Option<RecordName>,
    pub category: Category,
    pub delete: Vec<i64>,
    pub anonymise: Vec<i64>,
    /// The columns anonymisation overwrites.
    pub anonymise_columns: Vec<String>,
    pub hold: Vec<HeldRow>,
    /// The law that requires the held rows to be kept.
    pub law: Option<String>,
}

/// A row kept because the law requires it, and the last day it must be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeldRow {
    pub row_id: i64,
    pub keep_through: NaiveDate,
}

impl ErasurePlan {
    pub fn tables(&self) -> impl Iterator<Item = &TablePlan> {
        self.customers.iter().flat_map(|c| c.tables.iter())
    }

    /// (deleted, anonymised, kept on hold) rows.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.tables().fold((0, 0, 0), |(d, a, h), t| {
            (d + t.delete.len(), a + t.anonymise.len(), h + t.hold.len())
        })
    }

    /// The last day any held row must be kept.
    pub fn hold_until(&self) -> Option<NaiveDate> {
        self.tables()
            .flat_map(|t| t.hold.iter().map(|h| h.keep_through))
            .max()
    }

    /// The laws behind the holds, each once.
    pub fn laws(&self) -> Vec<String> {
        self.kept().laws
    }

    /// The preview line by line, as the command line's `erase` prints it and the desk's
    /// question shows it: per customer, each table's rows deleted, anonymised (which
    /// columns) and kept (until when, under which law, row by row). Outside text is made
    /// one line.
    pub fn preview_lines(&self) -> Vec<String> {
        use crate::domain::text::one_line;
        let mut out = Vec::new();
        for c in &self.customers {
            out.push(format!(
                "Customer {} ({}) {}",
                c.customer_id,
                one_line(c.customer_number.as_deref().unwrap_or("-")),
                one_line(&c.name)
            ));
            for t in &c.tables {
                if !t.delete.is_empty() {
                    out.push(format!(
                        "  delete     {:<26} {:>5} rows",
                        t.table,
                        t.delete.len()
                    ));
                }
                if !t.anonymise.is_empty() {
                    out.push(format!(
                        "  anonymise  {:<26} {:>5} rows ({})",
                        t.table,
                        t.anonymise.len(),
                        t.anonymise_columns.join(", ")
                    ));
                }
                if let Some(until) = t.hold.iter().map(|h| h.keep_through).max() {
                    out.push(format!(
                        "  keep       {:<26} {:>5} rows, restricted, until {until} ({})",
                        t.table,
                        t.hold.len(),
                        t.law.as_deref().unwrap_or("legal hold")
                    ));
                    for h in &t.hold {
                        out.push(format!(
                            "               row {} until {}",
                            h.row_id, h.keep_through
                        ));
                    }
                }
            }
        }
        out
    }

    /// What is kept, per kind of record and date, summed over the customers.
    pub fn kept(&self) -> KeptRecords {
        KeptRecords::of(self.tables().flat_map(|t| {
            t.hold.iter().map(|h| KeptKind {
                table: t.table.clone(),
                title: t.title.clone(),
                record_name: t.record_name.clone(),
                count: 1,
                keep_through: h.keep_through,
                law: t.law.clone(),
            })
        }))
    }
}

impl CustomerDb {
    /// The erasure plan for these customers as of `today`: nothing is changed.
    pub fn erasure_plan(&self, customers: &[i64], today: NaiveDate) -> Result<ErasurePlan> {
        plan(&self.conn, &self.map, customers, today)
    }
}

pub(super) fn plan(
    conn: &Connection,
    map: &DataMap,
    ids: &[i64],
    today: NaiveDate,
) -> Result<ErasurePlan> {
    let mut customers = Vec::new();
    for &id in ids {
        let (name, customer_number) =
            sql::person_summary(conn, map, id)?.ok_or(CustomerError::NoSuchCustomer(id))?;
        let mut tables = Vec::new();
        for t in &map.tables {
            if let Some(p) = plan_table(conn, map, t, id, today)? {
                tables.push(p);
            }
        }
        customers.push(CustomerPlan {
            customer_id: id,
            customer_number,
            name,
            tables,
        });
    }
    Ok(ErasurePlan { today, customers })
}

fn plan_table(
    conn: &Connection,
    map: &DataMap,
    t: &TableMap,
    id: i64,
    today: NaiveDate,
) -> Result<Option<TablePlan>> {
    let date_col = t
        .retention
        .date_column()
        .map(ident)
        .unwrap_or("NULL".into());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, {date_col} FROM {} WHERE {} = ?1 ORDER BY rowid",
        ident(&t.name),
        ident(&t.person_column)
    ))?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, i64>(0)?, sql::to_json(r.get_ref(1)?)))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut p = TablePlan {
        table: t.name.clone(),
        title: t.title.clone(),
        record_name: t.record_name.clone(),
        category: t.category,
        delete: Vec::new(),
        anonymise: Vec::new(),
        anonymise_columns: Vec::new(),
        hold: Vec::new(),
        law: None,
    };
    match &t.erasure {
        Erasure::Delete => p.delete = rows.into_iter().map(|(r, _)| r).collect(),
        Erasure::Anonymise { set, clear } => {
            p.anonymise = rows.into_iter().map(|(r, _)| r).collect();
            p.anonymise_columns = set.keys().chain(clear.iter()).cloned().collect();
        }
        Erasure::Hold => {
            for (row_id, date) in rows {
                let text = date
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or(date.to_string());
                let keep = parse_record_date(&text)
                    .and_then(|d| t.retention.keep_through(d, map.fiscal_year_end))
                    .ok_or_else(|| {
                        CustomerError::Invalid(format!(
                            "{} row {row_id}: {} '{text}' is not a date, so its retention cannot be computed; correct it before erasing",
                            t.name,
                            t.retention.date_column().unwrap_or("the date")
                        ))
                    })?;
                if keep >= today {
                    p.hold.push(HeldRow {
                        row_id,
                        keep_through: keep,
                    });
                } else {
                    p.delete.push(row_id);
                }
            }
            p.law = t.retention.law().map(str::to_string);
        }
    }
    Ok(Some(p))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
