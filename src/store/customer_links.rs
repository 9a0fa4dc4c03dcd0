//! Where a request database's customer database is, and the customers linked to requests.

use std::path::{Path, PathBuf};

use super::sql::params;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::events::{EventKind, NewEvent, append};
use super::requests::fetch;
use super::{Result, Store, StoreError};

const CUSTOMER_DB: &str = "customer_db";
const DATA_MAP: &str = "data_map";

/// A customer linked to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerLink {
    pub customer_id: i64,
    pub linked_by: String,
    pub linked_at: String,
}

/// Where the customer database and its data map are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSource {
    pub customer_db: PathBuf,
    pub data_map: PathBuf,
}

pub(super) fn stamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Remembers where this request database's customer database and data map are, so that
    /// every later command finds them. Relative paths are taken from this database's folder.
    pub fn set_customer_source(
        &mut self,
        customer_db: &str,
        data_map: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        for (key, value) in [(CUSTOMER_DB, customer_db), (DATA_MAP, data_map)] {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
        }
        append(
            &tx,
            NewEvent {
                request_id: None,
                at: now,
                actor,
                kind: EventKind::CustomerSource,
                summary: format!("Customer database set to {customer_db} (data map {data_map})"),
                detail: serde_json::json!({"customer_db": customer_db, "data_map": data_map}),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The customer database and data map, if one was set.
    pub fn customer_source(&self) -> Result<Option<CustomerSource>> {
        let (Some(db), Some(map)) = (self.setting(CUSTOMER_DB)?, self.setting(DATA_MAP)?) else {
            return Ok(None);
        };
        let base = self.path.parent().unwrap_or(Path::new(""));
        let resolve = |p: &str| {
            let p = PathBuf::from(p);
            if p.is_absolute() || self.path.as_os_str() == ":memory:" {
                p
            } else {
                base.join(p)
            }
        };
        Ok(Some(CustomerSource {
            customer_db: resolve(&db),
            data_map: resolve(&map),
        }))
    }

    /// Links a customer to a request; `label` (a customer number, never a name) and `basis`
    /// (why the link is sound) go into the event. Linking twice is not an error: it returns
    /// `false`.
    pub fn link_customer(
        &mut self,
        reference: &str,
        customer_id: i64,
        label: &str,
        basis: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let tx = self.write_tx()?;
        let request = fetch(&tx, reference)?;
        let added = tx
            .prepare_cached(
                "INSERT INTO request_customers (request_id, customer_id, linked_by, linked_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![request.id, customer_id, actor, stamp(now)])?;
        if added == 1 {
            append(
                &tx,
                NewEvent {
                    request_id: Some(request.id),
                    at: now,
                    actor,
                    kind: EventKind::CustomerLinked,
                    summary: format!("Linked customer {customer_id} ({label}): {basis}"),
                    detail: serde_json::json!({"customer_id": customer_id, "label": label, "basis": basis}),
                },
            )?;
        }
        tx.commit()?;
        Ok(added == 1)
    }

    /// Removes a link made by mistake.
    pub fn unlink_customer(
        &mut self,
        reference: &str,
        customer_id: i64,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        let request = fetch(&tx, reference)?;
        let removed = tx.execute(
            "DELETE FROM request_customers WHERE request_id = ?1 AND customer_id = ?2",
            params![request.id, customer_id],
        )?;
        if removed == 0 {
            return Err(StoreError::Invalid(format!(
                "customer {customer_id} is not linked to {}",
                request.reference
            )));
        }
        append(
            &tx,
            NewEvent {
                request_id: Some(request.id),
                at: now,
                actor,
                kind: EventKind::CustomerUnlinked,
                summary: format!("Unlinked customer {customer_id}"),
                detail: serde_json::json!({"customer_id": customer_id}),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The customers linked to a request, in the order they were linked.
    pub fn linked_customers(&self, request_id: i64) -> Result<Vec<CustomerLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, linked_by, linked_at FROM request_customers
             WHERE request_id = ?1 ORDER BY linked_at, customer_id",
        )?;
        let rows = stmt.query_map([request_id], |r| {
            Ok(CustomerLink {
                customer_id: r.get(0)?,
                linked_by: r.get(1)?,
                linked_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The references of the requests a customer is linked to.
    pub fn requests_of_customer(&self, customer_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.reference FROM request_customers c JOIN requests r ON r.id = c.request_id
             WHERE c.customer_id = ?1 ORDER BY r.id",
        )?;
        let rows = stmt.query_map([customer_id], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
