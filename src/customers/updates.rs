//! Rectification and restriction in the customer database, each in a write transaction
//! handed back uncommitted so the request's event commits with it.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::index::reindex_customer;
use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};

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

/// A customer whose restriction was lifted, and since when and for which request it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestrictionLifted {
    pub customer_id: i64,
    pub since: Option<NaiveDate>,
    pub restricted_by: Option<String>,
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
        let allowed = self.map.rectifiable(t);
        if !allowed.iter().any(|c| c.eq_ignore_ascii_case(&column)) {
            return Err(CustomerError::Invalid(if allowed.is_empty() {
                format!(
                    "the data map lets no field of {} be rectified; list the ones that may be wrong under `rectifiable`",
                    t.name
                )
            } else {
                format!(
                    "{}.{column} is not rectifiable in the data map; {} lets these be: {}",
                    t.name,
                    t.name,
                    allowed.join(", ")
                )
            }));
        }
        if let Some(v) = value {
            t.value_kind(&column).check(v).map_err(|e| {
                CustomerError::Invalid(format!("{}.{column} is not changed: {e}", t.name))
            })?;
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

    /// Lifts the restriction (Art. 18) of those of the customers that are restricted: the
    /// person table's flag and the desk's record. Rows on legal hold stay restricted: that
    /// restriction is the law's, not the person's. Refuses a `told` date from before the
    /// restriction began.
    pub(crate) fn begin_lift_restriction(
        &mut self,
        customers: &[i64],
        told: NaiveDate,
    ) -> Result<(Transaction<'_>, Vec<RestrictionLifted>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut lifted = Vec::new();
        for &id in customers {
            if !sql::person_exists(&tx, &self.map, id)? {
                return Err(CustomerError::NoSuchCustomer(id));
            }
            let recorded: Option<(String, String)> = tx
                .query_row(
                    "SELECT since, request FROM dsr_restrictions WHERE customer_id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let flag_sql = self.map.person.restricted_column.as_ref().map(|col| {
                format!(
                    "UPDATE {} SET {} = 0 WHERE {} = ?1 AND {} <> 0",
                    ident(&self.map.person.table),
                    ident(col),
                    ident(&self.map.person.key),
                    ident(col)
                )
            });
            let flagged = match &flag_sql {
                Some(sql) => tx.execute(sql, [id])? > 0,
                None => false,
            };
            if recorded.is_none() && !flagged {
                continue;
            }
            let since: Option<NaiveDate> = recorded.as_ref().and_then(|(d, _)| d.parse().ok());
            if let Some(since) = since.filter(|s| told < *s) {
                return Err(CustomerError::Invalid(format!(
                    "customer {id} was restricted on {since}, after the person was told on {told}; tell them again before lifting it (Art. 18(3))"
                )));
            }
            tx.execute("DELETE FROM dsr_restrictions WHERE customer_id = ?1", [id])?;
            lifted.push(RestrictionLifted {
                customer_id: id,
                since,
                restricted_by: recorded.map(|(_, r)| r),
            });
        }
        Ok((tx, lifted))
    }
}
