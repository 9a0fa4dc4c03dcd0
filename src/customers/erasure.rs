//! Erasure: a plan listing exactly which rows are deleted, anonymised or kept on legal hold
//! (until when, under which law), and its execution in one transaction that first checks the
//! data still gives the same plan. The evidence hashes what was removed, without keeping it.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::index::reindex_customer;
use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::datamap::{Category, DataMap, Erasure, TableMap};
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

/// What erasure did to one table: counts and a SHA-256 over the removed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableEvidence {
    pub customer_id: i64,
    pub table: String,
    pub deleted: usize,
    pub anonymised: usize,
    pub kept: usize,
    pub keep_through: Option<NaiveDate>,
    pub law: Option<String>,
    /// Over each deleted row and each anonymised row's old values; `None` if nothing left.
    pub sha256: Option<String>,
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
        let mut laws: Vec<String> = self
            .tables()
            .filter(|t| !t.hold.is_empty())
            .filter_map(|t| t.law.clone())
            .collect();
        laws.dedup();
        laws
    }
}

impl CustomerDb {
    /// The erasure plan for these customers as of `today`: nothing is changed.
    pub fn erasure_plan(&self, customers: &[i64], today: NaiveDate) -> Result<ErasurePlan> {
        plan(&self.conn, &self.map, customers, today)
    }

    /// Carries out `plan` inside a write transaction it returns uncommitted, with the
    /// evidence. Refuses when the data no longer gives the same plan.
    pub(crate) fn begin_erasure(
        &mut self,
        plan_seen: &ErasurePlan,
        reference: &str,
    ) -> Result<(Transaction<'_>, Vec<TableEvidence>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = plan_seen.customers.iter().map(|c| c.customer_id).collect();
        if plan(&tx, &self.map, &ids, plan_seen.today)? != *plan_seen {
            return Err(CustomerError::Changed);
        }
        let mut evidence = Vec::new();
        for customer in &plan_seen.customers {
            // The person table last: other tables may refer to it.
            let mut tables: Vec<&TablePlan> = customer.tables.iter().collect();
            tables.sort_by_key(|t| t.table.eq_ignore_ascii_case(&self.map.person.table));
            for t in tables {
                let map_table = self
                    .map
                    .table(&t.table)
                    .ok_or_else(|| CustomerError::Invalid(format!("no table {}", t.table)))?;
                evidence.push(apply_table(
                    &tx,
                    map_table,
                    t,
                    customer.customer_id,
                    reference,
                    plan_seen.today,
                )?);
            }
            reindex_customer(&tx, &self.map, customer.customer_id)?;
        }
        Ok((tx, evidence))
    }
}

fn plan(conn: &Connection, map: &DataMap, ids: &[i64], today: NaiveDate) -> Result<ErasurePlan> {
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

fn apply_table(
    tx: &Connection,
    t: &TableMap,
    p: &TablePlan,
    customer: i64,
    reference: &str,
    today: NaiveDate,
) -> Result<TableEvidence> {
    let mut hash = Sha256::new();
    let name = ident(&t.name);
    for row in &p.delete {
        hash_row(tx, &name, "*", *row, &mut hash)?;
        tx.prepare_cached(&format!("DELETE FROM {name} WHERE rowid = ?1"))?
            .execute([row])?;
    }
    if let Erasure::Anonymise { set, clear } = &t.erasure {
        let cols: Vec<String> = p.anonymise_columns.iter().map(|c| ident(c)).collect();
        let assignments: Vec<String> = set
            .keys()
            .enumerate()
            .map(|(i, c)| format!("{} = ?{}", ident(c), i + 2))
            .chain(clear.iter().map(|c| format!("{} = NULL", ident(c))))
            .collect();
        let sql_update = format!(
            "UPDATE {name} SET {} WHERE rowid = ?1",
            assignments.join(", ")
        );
        for row in &p.anonymise {
            hash_row(tx, &name, &cols.join(", "), *row, &mut hash)?;
            let mut values = vec![rusqlite::types::Value::Integer(*row)];
            values.extend(set.values().map(sql::to_sql));
            tx.prepare_cached(&sql_update)?
                .execute(rusqlite::params_from_iter(values))?;
        }
    }
    for held in &p.hold {
        if let Some(col) = &t.restricted_column {
            tx.prepare_cached(&format!(
                "UPDATE {name} SET {} = 1 WHERE rowid = ?1",
                ident(col)
            ))?
            .execute([held.row_id])?;
        }
        tx.prepare_cached(
            "INSERT OR REPLACE INTO dsr_holds
             (table_name, row_id, customer_id, keep_through, law, request, held_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            t.name,
            held.row_id,
            customer,
            held.keep_through.to_string(),
            p.law.clone().unwrap_or_default(),
            reference,
            today.to_string()
        ])?;
    }
    let removed = p.delete.len() + p.anonymise.len();
    Ok(TableEvidence {
        customer_id: customer,
        table: t.name.clone(),
        deleted: p.delete.len(),
        anonymised: p.anonymise.len(),
        kept: p.hold.len(),
        keep_through: p.hold.iter().map(|h| h.keep_through).max(),
        law: (!p.hold.is_empty()).then(|| p.law.clone()).flatten(),
        sha256: (removed > 0).then(|| hex(&hash.finalize())),
    })
}

/// Feeds one row (the given columns) into the evidence hash: its rowid and its values as
/// JSON, each row on its own line so rows cannot run into each other.
fn hash_row(tx: &Connection, table: &str, cols: &str, row: i64, hash: &mut Sha256) -> Result<()> {
    let mut stmt = tx.prepare_cached(&format!("SELECT {cols} FROM {table} WHERE rowid = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let values = stmt.query_row([row], |r| {
        let mut m = serde_json::Map::new();
        for (i, n) in names.iter().enumerate() {
            m.insert(n.clone(), sql::to_json(r.get_ref(i)?));
        }
        Ok(m)
    })?;
    hash.update(format!("{row}\t{}\n", serde_json::Value::Object(values)).as_bytes());
    Ok(())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
