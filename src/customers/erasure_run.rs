//! Carrying out an erasure plan: inside one write transaction, after checking the data still
//! gives the same plan; deleted and anonymised content goes into a SHA-256, never the log.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::erasure::{ErasurePlan, TableEvidence, TablePlan, hex, plan};
use super::index::reindex_customer;
use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::datamap::{Erasure, TableMap};

impl CustomerDb {
    /// Carries out `plan` inside a write transaction it returns uncommitted, with the
    /// evidence. Refuses when the data no longer gives the same plan. `progress` hears how
    /// many of the plan's rows are done.
    pub(crate) fn begin_erasure(
        &mut self,
        plan_seen: &ErasurePlan,
        reference: &str,
        progress: &mut dyn FnMut(String),
    ) -> Result<(Transaction<'_>, Vec<TableEvidence>)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = plan_seen.customers.iter().map(|c| c.customer_id).collect();
        if plan(&tx, &self.map, &ids, plan_seen.today)? != *plan_seen {
            return Err(CustomerError::Changed);
        }
        let mut evidence = Vec::new();
        let (delete, anonymise, keep) = plan_seen.counts();
        let mut rows = RowsDone {
            done: 0,
            total: delete + anonymise + keep,
            progress,
        };
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
                    (customer.customer_id, reference),
                    plan_seen.today,
                    &mut rows,
                )?);
            }
            reindex_customer(&tx, &self.map, customer.customer_id)?;
        }
        Ok((tx, evidence))
    }
}

/// How far an erasure has come, in rows of its plan.
struct RowsDone<'a> {
    done: usize,
    total: usize,
    progress: &'a mut dyn FnMut(String),
}

impl RowsDone<'_> {
    fn one_more(&mut self, table: &str) {
        self.done += 1;
        (self.progress)(format!("{} of {} rows ({table})", self.done, self.total));
    }
}

fn apply_table(
    tx: &Connection,
    t: &TableMap,
    p: &TablePlan,
    (customer, reference): (i64, &str),
    today: NaiveDate,
    rows: &mut RowsDone<'_>,
) -> Result<TableEvidence> {
    let mut hash = Sha256::new();
    let name = ident(&t.name);
    for row in &p.delete {
        hash_row(tx, &name, "*", *row, &mut hash)?;
        tx.prepare_cached(&format!("DELETE FROM {name} WHERE rowid = ?1"))?
            .execute([row])?;
        rows.one_more(&t.title);
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
            rows.one_more(&t.title);
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
        rows.one_more(&t.title);
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
pub(super) fn hash_row(
    tx: &Connection,
    table: &str,
    cols: &str,
    row: i64,
    hash: &mut Sha256,
) -> Result<()> {
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
