//! Rectification, restriction and objection to marketing in the customer database, each in a
//! write transaction handed back uncommitted so the request's event commits with it.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::index::reindex_customer;
use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::normalize;

/// What a rectification changed: which rows of which field, and a SHA-256 of the rows as
/// they were (evidence without the old value in clear).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rectified {
    pub customer_id: i64,
    pub table: String,
    pub field: String,
    pub rows: Vec<i64>,
    pub before_sha256: String,
}

/// What an objection to marketing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MarketingStopped {
    pub customer_id: i64,
    /// (table, rows updated).
    pub tables: Vec<(String, usize)>,
    pub suppression_entries_added: usize,
    /// Addresses that now stay off the marketing lists (already there or added).
    pub suppressed_addresses: usize,
}

impl CustomerDb {
    /// Sets `field` of the customer's row in `table` to `value` (`None`: empty it).
    pub(crate) fn begin_rectify(
        &mut self,
        customer_id: i64,
        table: &str,
        field: &str,
        value: Option<&str>,
        row: Option<i64>,
    ) -> Result<(Transaction<'_>, Rectified)> {
        let t = self.map.table(table).ok_or_else(|| {
            CustomerError::Invalid(format!(
                "table '{table}' is not in the data map; it lists: {}",
                self.map
                    .tables
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rows = sql::person_rows(&tx, t, customer_id)?;
        let Some((_, first)) = rows.first() else {
            return Err(CustomerError::Invalid(format!(
                "customer {customer_id} has no rows in {}",
                t.name
            )));
        };
        let column = first
            .keys()
            .find(|c| c.eq_ignore_ascii_case(field))
            .cloned()
            .ok_or_else(|| {
                CustomerError::Invalid(format!(
                    "{} has no field '{field}'; it has: {}",
                    t.name,
                    first.keys().cloned().collect::<Vec<_>>().join(", ")
                ))
            })?;
        if column.eq_ignore_ascii_case(&t.person_column) {
            return Err(CustomerError::Invalid(format!(
                "'{column}' links the row to the person; it cannot be rectified"
            )));
        }
        let targets: Vec<&(i64, serde_json::Map<String, serde_json::Value>)> = match row {
            Some(r) => rows.iter().filter(|(id, _)| *id == r).collect(),
            None => rows.iter().collect(),
        };
        if targets.is_empty() || (row.is_none() && targets.len() > 1) {
            return Err(CustomerError::Invalid(format!(
                "customer {customer_id} has {} rows in {}; name one with --row (rows: {})",
                rows.len(),
                t.name,
                rows.iter()
                    .map(|(id, _)| id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut hash = Sha256::new();
        for (id, fields) in &targets {
            hash.update(
                format!("{id}\t{}\n", serde_json::Value::Object(fields.clone())).as_bytes(),
            );
            tx.prepare_cached(&format!(
                "UPDATE {} SET {} = ?2 WHERE rowid = ?1",
                ident(&t.name),
                ident(&column)
            ))?
            .execute(rusqlite::params![id, value])?;
        }
        reindex_customer(&tx, &self.map, customer_id)?;
        let done = Rectified {
            customer_id,
            table: t.name.clone(),
            field: column,
            rows: targets.iter().map(|(id, _)| *id).collect(),
            before_sha256: hex(&hash.finalize()),
        };
        Ok((tx, done))
    }

    /// Restricts processing of the customers' data to storage (Art. 18).
    pub(crate) fn begin_restrict(
        &mut self,
        customers: &[i64],
        reference: &str,
        today: NaiveDate,
    ) -> Result<(Transaction<'_>, usize)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut newly = 0;
        for &id in customers {
            if !sql::person_exists(&tx, &self.map, id)? {
                return Err(CustomerError::NoSuchCustomer(id));
            }
            if let Some(col) = &self.map.person.restricted_column {
                tx.execute(
                    &format!(
                        "UPDATE {} SET {} = 1 WHERE {} = ?1",
                        ident(&self.map.person.table),
                        ident(col),
                        ident(&self.map.person.key)
                    ),
                    [id],
                )?;
            }
            newly += tx.execute(
                "INSERT OR IGNORE INTO dsr_restrictions (customer_id, since, request) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, today.to_string(), reference],
            )?;
        }
        Ok((tx, newly))
    }

    /// Stops marketing to the customers (Art. 21(2)-(3)): the map's `on_objection` updates,
    /// and a suppression entry per e-mail address so it stays off.
    pub(crate) fn begin_object(
        &mut self,
        customers: &[i64],
        reason: &str,
        today: NaiveDate,
    ) -> Result<(Transaction<'_>, Vec<MarketingStopped>)> {
        let suppression = self.map.suppression.clone().ok_or_else(|| {
            CustomerError::Invalid(
                "the data map has no [suppression] table; an objection to marketing needs one so marketing stays off".into(),
            )
        })?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::new();
        for &id in customers {
            if !sql::person_exists(&tx, &self.map, id)? {
                return Err(CustomerError::NoSuchCustomer(id));
            }
            let mut done = MarketingStopped {
                customer_id: id,
                tables: Vec::new(),
                suppression_entries_added: 0,
                suppressed_addresses: 0,
            };
            for t in &self.map.tables {
                let Some(update) = &t.on_objection else {
                    continue;
                };
                let mut assignments = Vec::new();
                let mut values = vec![rusqlite::types::Value::Integer(id)];
                for (c, v) in &update.set {
                    values.push(sql::to_sql(v));
                    assignments.push(format!("{} = ?{}", ident(c), values.len()));
                }
                for c in &update.today {
                    values.push(rusqlite::types::Value::Text(today.to_string()));
                    assignments.push(format!("{} = ?{}", ident(c), values.len()));
                }
                let n = tx.execute(
                    &format!(
                        "UPDATE {} SET {} WHERE {} = ?1",
                        ident(&t.name),
                        assignments.join(", "),
                        ident(&t.person_column)
                    ),
                    rusqlite::params_from_iter(values),
                )?;
                done.tables.push((t.name.clone(), n));
            }
            let mut addresses = Vec::new();
            for t in &self.map.tables {
                for c in &t.email {
                    for (_, fields) in sql::person_rows(&tx, t, id)? {
                        if let Some(e) = fields
                            .get(c)
                            .and_then(|v| v.as_str())
                            .and_then(normalize::email)
                        {
                            addresses.push(e);
                        }
                    }
                }
            }
            addresses.sort();
            addresses.dedup();
            for address in &addresses {
                let digest = hex(&Sha256::digest(address.as_bytes()));
                let table = ident(&suppression.table);
                let hash_col = ident(&suppression.email_hash_column);
                let listed = tx
                    .query_row(
                        &format!("SELECT 1 FROM {table} WHERE {hash_col} = ?1"),
                        [&digest],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some();
                if listed {
                    continue;
                }
                let (reason_col, reason_val) = match &suppression.reason_column {
                    Some(c) => (format!(", {}", ident(c)), ", ?3"),
                    None => (String::new(), ""),
                };
                let sql_insert = format!(
                    "INSERT INTO {table} ({hash_col}, {}{reason_col}) VALUES (?1, ?2{reason_val})",
                    ident(&suppression.date_column)
                );
                if suppression.reason_column.is_some() {
                    tx.execute(
                        &sql_insert,
                        rusqlite::params![digest, today.to_string(), reason],
                    )?;
                } else {
                    tx.execute(&sql_insert, rusqlite::params![digest, today.to_string()])?;
                }
                done.suppression_entries_added += 1;
            }
            done.suppressed_addresses = addresses.len();
            out.push(done);
        }
        Ok((tx, out))
    }
}
