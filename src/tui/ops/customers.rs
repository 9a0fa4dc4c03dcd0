//! The desk's side of the customer database: opening it once, the request view's customer
//! lines, and the customer-records menu (`C`) with what the request's rights call for.

use super::super::app::App;
use super::super::form::Form;
use super::super::forms::customer_menu::{self, RectifyTarget};
use super::super::screens::request::CustomerSide;
use crate::customers::{self, CustomerDb};
use crate::domain::request::Request;
use crate::export::case_facts::{self, CustomerNames, NoCustomerDb};
use crate::store::{Event, StoreError};

pub(crate) fn to_store(e: customers::CustomerError) -> StoreError {
    match e {
        customers::CustomerError::Store(s) => s,
        other => StoreError::Invalid(other.to_string()),
    }
}

impl App {
    /// The customer database, opened on first use and kept open.
    pub(crate) fn customer_db(&mut self) -> Result<&mut CustomerDb, StoreError> {
        if self.customer_db.is_none() {
            self.customer_db =
                Some(customers::open_configured(&self.store, &self.config).map_err(to_store)?);
        }
        self.customer_db
            .as_mut()
            .ok_or_else(|| StoreError::Invalid("no customer database".into()))
    }

    /// The store and the customer database side by side, for reads that need both.
    pub(crate) fn both(&mut self) -> Result<(&crate::store::Store, &CustomerDb), StoreError> {
        self.customer_db()?;
        let db = self
            .customer_db
            .as_ref()
            .ok_or_else(|| StoreError::Invalid("no customer database".into()))?;
        Ok((&self.store, db))
    }

    /// The request view's customer lines: linked customers and the Art. 19 checklist, from
    /// the same facts the case summary reports (an erased customer shows as erased, not by
    /// the placeholder erasure leaves behind).
    pub(crate) fn customer_side(&mut self, request: &Request, events: &[Event]) -> CustomerSide {
        let _ = self.customer_db();
        let fallback = NoCustomerDb::not_connected();
        let names: &dyn CustomerNames = match &self.customer_db {
            Some(db) => db,
            None => &fallback,
        };
        let Ok(facts) = case_facts::gather(&self.store, request, events, names) else {
            return CustomerSide::default();
        };
        let linked = facts
            .customers_linked
            .iter()
            .map(|c| match (&c.name, c.erased_on) {
                (_, Some(day)) => format!(
                    "#{} erased {day}; the name is no longer held",
                    c.customer_id
                ),
                (Some(name), None) => format!(
                    "#{} {name}{}",
                    c.customer_id,
                    c.customer_number
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default()
                ),
                (None, None) => format!("customer #{}", c.customer_id),
            })
            .collect();
        let checklist = self.store.checklist(request.id).unwrap_or_default();
        CustomerSide { linked, checklist }
    }

    /// `C`: the menu of what can be done in the customer database for this request.
    pub(crate) fn customer_actions_form(&mut self, request: &Request) -> Result<Form, StoreError> {
        let recipients: Vec<(String, String)> = self
            .store
            .checklist(request.id)?
            .iter()
            .map(|c| {
                let done = c
                    .notified_on
                    .map(|d| format!(" (notified {d})"))
                    .unwrap_or_default();
                (c.recipient.clone(), format!("{}{done}", c.name))
            })
            .collect();
        let targets = self.rectify_targets(request);
        let facts = self.facts_of(&request.reference)?;
        // Nobody on the Art. 19 checklist yet: nothing to tick.
        let nobody_to_notify = recipients.is_empty();
        // The rights still to carry out decide where the menu opens.
        let rights = match facts.undecided() {
            open if open.is_empty() => facts.request.rights.clone(),
            open => open,
        };
        let form = customer_menu::menu(
            &request.reference,
            request.version,
            &targets,
            recipients,
            self.today,
            &rights,
            |action| {
                !(action == "notify" && nobody_to_notify)
                    && customer_menu::op_of(action)
                        .is_none_or(|op| crate::case::allows(&facts, op).is_ok())
            },
        );
        Ok(form.with_facts(facts))
    }

    /// Every field of the request's linked customers that the data map lets be rectified.
    /// Empty when nobody is linked or the customer database cannot be read: the menu then
    /// says so when rectification is chosen.
    fn rectify_targets(&mut self, request: &Request) -> Vec<RectifyTarget> {
        let links = self.store.linked_customers(request.id).unwrap_or_default();
        let privacy = self.privacy;
        let Some(db) = self.customer_db().ok().filter(|_| !links.is_empty()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for link in links {
            let Ok(records) = db.records(link.customer_id) else {
                continue;
            };
            for t in records.tables() {
                let Some(mapped) = db.map().table(&t.table) else {
                    continue;
                };
                let allowed = db.map().rectifiable(mapped);
                for rec in &t.records {
                    for (column, value) in &rec.fields {
                        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(column)) {
                            continue;
                        }
                        let current = match value {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        out.push(RectifyTarget {
                            customer_id: records.customer_id,
                            customer_name: if privacy {
                                String::new()
                            } else {
                                records.name.clone()
                            },
                            row: rec.row_id,
                            one_of_several: t.records.len() > 1,
                            table: t.table.clone(),
                            field: column.clone(),
                            kind: mapped.value_kind(column),
                            current: (!privacy).then_some(current),
                        });
                    }
                }
            }
        }
        out
    }
}
