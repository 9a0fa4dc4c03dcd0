//! Objection to direct marketing (Art. 21(2)-(3)): the data map's `on_objection` updates and
//! a suppression entry per e-mail address, in a write transaction handed back uncommitted.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::normalize;

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
