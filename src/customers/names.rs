//! Linked customers' names for case summaries: from the customer database when it can be
//! opened; otherwise the summary gives ids and says why, and the export still goes ahead.

use super::{CustomerDb, CustomerError, sql};
use crate::export::case_facts::{CustomerLookup, CustomerNames, NoCustomerDb};
use crate::store::Store;

impl CustomerNames for CustomerDb {
    fn name_of(&self, customer_id: i64) -> CustomerLookup {
        match sql::person_summary(&self.conn, &self.map, customer_id) {
            Ok(Some((name, customer_number))) => CustomerLookup::Found {
                name,
                customer_number,
            },
            Ok(None) => CustomerLookup::NotFound,
            Err(_) => CustomerLookup::Unavailable("the customer database could not be read".into()),
        }
    }
}

/// Why a case summary names linked customers by id only.
fn reason(e: &CustomerError) -> NoCustomerDb {
    match e {
        CustomerError::NotConnected => NoCustomerDb::not_connected(),
        CustomerError::MapUnreadable { .. }
        | CustomerError::MapInvalid { .. }
        | CustomerError::MapMismatch { .. } => {
            NoCustomerDb("the customer database's data map could not be used".into())
        }
        _ => NoCustomerDb("the customer database could not be opened".into()),
    }
}

/// Where case summaries take linked customers' names from: the request database's customer
/// database, or — when there is none, or it cannot be opened — nowhere, with the reason.
pub fn summary_names(store: &Store, config: &crate::config::Config) -> Box<dyn CustomerNames> {
    match super::open_configured(store, config) {
        Ok(db) => Box::new(db),
        Err(e) => Box::new(reason(&e)),
    }
}
