//! Objection to direct marketing (Art. 21(2)-(3)): every use the data map marks as marketing
//! stopped the way its `on_objection` says (columns set, or rows deleted), and a suppression
//! entry per e-mail address, in a write transaction handed back uncommitted.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::index::reindex_customer;
use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::datamap::TableMap;
use crate::domain::marketing::{MarketingStopped, StopAction, TableStopped};
use crate::domain::normalize;

impl CustomerDb {
    /// Stops every marketing use of the customers' data at once (Art. 21(3)): each table the
    /// map marks as marketing as its `on_objection` says, and a suppression entry per e-mail
    /// address so it stays off.
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
            // The addresses first: a marketing table deleted below may be where one is kept.
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
            let mut done = MarketingStopped {
                customer_id: id,
                tables: Vec::new(),
                suppression_entries_added: 0,
                suppressed_addresses: 0,
            };
            for t in self.map.marketing_tables() {
                // A map is checked when loaded; one built otherwise fails here, inside the
                // transaction, rather than claim a use stopped.
                done.tables.push(stop_table(&tx, t, id, today)?);
            }
            // Rows gone (or rewritten) may have held what the lookup index finds them by.
            if done.tables.iter().any(|t| t.rows > 0) {
                reindex_customer(&tx, &self.map, id)?;
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

/// Stops one marketing table's use for customer `id`, as its `on_objection` says.
fn stop_table(
    tx: &Transaction<'_>,
    t: &TableMap,
    id: i64,
    today: NaiveDate,
) -> Result<TableStopped> {
    let Some(how) = &t.on_objection else {
        return Err(CustomerError::Invalid(format!(
            "table '{}': the data map does not say how an objection stops it",
            t.name
        )));
    };
    let (table, person) = (ident(&t.name), ident(&t.person_column));
    if how.delete {
        let rows = tx.execute(&format!("DELETE FROM {table} WHERE {person} = ?1"), [id])?;
        return Ok(TableStopped {
            table: t.name.clone(),
            action: StopAction::Deleted,
            columns: Vec::new(),
            rows,
        });
    }
    let mut assignments = Vec::new();
    let mut values = vec![Value::Integer(id)];
    for (c, v) in &how.set {
        values.push(sql::to_sql(v));
        assignments.push(format!("{} = ?{}", ident(c), values.len()));
    }
    for c in &how.today {
        values.push(Value::Text(today.to_string()));
        assignments.push(format!("{} = ?{}", ident(c), values.len()));
    }
    let rows = tx.execute(
        &format!(
            "UPDATE {table} SET {} WHERE {person} = ?1",
            assignments.join(", ")
        ),
        rusqlite::params_from_iter(values),
    )?;
    Ok(TableStopped {
        table: t.name.clone(),
        action: StopAction::Updated,
        columns: how.columns().into_iter().map(String::from).collect(),
        rows,
    })
}
