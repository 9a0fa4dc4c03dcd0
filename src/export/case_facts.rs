//! The facts behind the case summary's three standard sections, read from the stores: the
//! customers linked to the request, what was done in the customer records per right (from
//! the request's own events), and the Art. 19 checklist.
//!
//! Names come from the customer database through [`CustomerNames`], so this module needs no
//! customer database: without one, linked customers are given by id and the summary says why.

use crate::domain::erasure::TableEvidence;
use crate::domain::marketing::MarketingStopped;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::deadline::oslo_date;
use crate::domain::request::{EventKind, Request, Right};
use crate::store::{Event, Result, Store};

/// The facts of the three standard sections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    pub customers_linked: Vec<LinkedCustomer>,
    /// Only the rights something was done for, in the order of Art. 15–21.
    pub done_per_right: Vec<RightDone>,
    pub art19_notifications: Vec<Notification>,
}

/// A customer linked to the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedCustomer {
    pub customer_id: i64,
    /// From the customer database; `None` when it could not say, or the data was erased.
    pub name: Option<String>,
    pub customer_number: Option<String>,
    pub linked_by: String,
    pub linked_at: Option<DateTime<Utc>>,
    /// The day the customer's data was erased for this request (the name is no longer held).
    pub erased_on: Option<NaiveDate>,
    /// Why no name is given, when the customer database could not give one.
    pub name_unavailable: Option<String>,
}

/// What was done for one right, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightDone {
    pub right: Right,
    pub actions: Vec<ActionDone>,
}

/// One change or disclosure in the customer records, as its event recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDone {
    /// The event in the audit trail that records it.
    pub event: i64,
    pub at: DateTime<Utc>,
    pub by: String,
    pub done: Done,
}

/// What an action did. Old values of rectified fields and erased data are never here: only
/// which table and field, counts, and SHA-256 evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Done {
    /// An access package or portability export, with its manifest.
    FilesWritten {
        files: Vec<WrittenFile>,
    },
    Rectified {
        customer_id: i64,
        table: String,
        field: String,
        rows: usize,
    },
    Erased {
        customers: Vec<i64>,
        tables: Vec<TableEvidence>,
        /// Over the per-table hashes, in order.
        sha256: String,
    },
    Restricted {
        customers: Vec<i64>,
    },
    /// Per customer, every marketing table and how its use was stopped, and the suppression.
    MarketingStopped {
        stopped: Vec<MarketingStopped>,
    },
    /// An event whose detail this version cannot read: its summary as recorded.
    Recorded {
        summary: String,
    },
}

/// One file of a disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenFile {
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A recipient to notify under Art. 19, and whether and when it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub recipient: String,
    pub name: String,
    pub notified_on: Option<NaiveDate>,
    pub notified_by: Option<String>,
}

/// What the customer database says about a linked customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerLookup {
    Found {
        name: String,
        customer_number: Option<String>,
    },
    /// The customer database has no such customer (any more).
    NotFound,
    /// The customer database could not be asked; the reason, as the summary gives it.
    Unavailable(String),
}

/// Where linked customers' names come from: the customer database, when it is connected.
pub trait CustomerNames {
    fn name_of(&self, customer_id: i64) -> CustomerLookup;
}

/// No customer database to ask: linked customers are given by id, with this reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoCustomerDb(pub String);

impl NoCustomerDb {
    pub fn not_connected() -> NoCustomerDb {
        NoCustomerDb("the customer database is not connected".into())
    }
}

impl CustomerNames for NoCustomerDb {
    fn name_of(&self, _: i64) -> CustomerLookup {
        CustomerLookup::Unavailable(self.0.clone())
    }
}

/// Reads the facts of the standard sections for `request`, whose events are `events`.
pub fn gather(
    store: &Store,
    request: &Request,
    events: &[Event],
    names: &dyn CustomerNames,
) -> Result<CaseFacts> {
    let mut done_per_right: Vec<RightDone> = Vec::new();
    for e in events {
        let Some((right, done)) = action_of(e) else {
            continue;
        };
        let action = ActionDone {
            event: e.id,
            at: e.at,
            by: e.actor.clone(),
            done,
        };
        match done_per_right.iter_mut().find(|d| d.right == right) {
            Some(d) => d.actions.push(action),
            None => done_per_right.push(RightDone {
                right,
                actions: vec![action],
            }),
        }
    }
    // "Art. 15" .. "Art. 21" sort as the articles do.
    done_per_right.sort_by_key(|d| d.right.article());
    let erased_on = |id: i64| {
        done_per_right
            .iter()
            .flat_map(|d| d.actions.iter())
            .find_map(|a| match &a.done {
                Done::Erased { customers, .. } if customers.contains(&id) => Some(oslo_date(a.at)),
                _ => None,
            })
    };
    let customers_linked = store
        .linked_customers(request.id)?
        .into_iter()
        .map(|link| {
            let id = link.customer_id;
            let mut c = LinkedCustomer {
                customer_id: id,
                name: None,
                customer_number: label_at_linking(events, id),
                linked_by: link.linked_by,
                linked_at: DateTime::parse_from_rfc3339(&link.linked_at)
                    .ok()
                    .map(|t| t.with_timezone(&Utc)),
                erased_on: erased_on(id),
                name_unavailable: None,
            };
            // After erasure the customer database holds placeholders, not the person.
            if c.erased_on.is_none() {
                match names.name_of(id) {
                    CustomerLookup::Found {
                        name,
                        customer_number,
                    } => {
                        c.name = Some(name);
                        c.customer_number = customer_number.or(c.customer_number);
                    }
                    CustomerLookup::NotFound => {
                        c.name_unavailable = Some("not in the customer database".into())
                    }
                    CustomerLookup::Unavailable(why) => c.name_unavailable = Some(why),
                }
            }
            c
        })
        .collect();
    let art19_notifications = store
        .checklist(request.id)?
        .into_iter()
        .map(|i| Notification {
            recipient: i.recipient,
            name: i.name,
            notified_on: i.notified_on,
            notified_by: i.notified_by,
        })
        .collect();
    Ok(CaseFacts {
        customers_linked,
        done_per_right,
        art19_notifications,
    })
}

/// The customer number the link event recorded (a label such as `#17` is not one).
fn label_at_linking(events: &[Event], customer_id: i64) -> Option<String> {
    events
        .iter()
        .filter(|e| e.kind == EventKind::CustomerLinked)
        .filter(|e| e.detail["customer_id"].as_i64() == Some(customer_id))
        .filter_map(|e| e.detail["label"].as_str())
        .rfind(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

#[derive(Deserialize)]
struct FilesDetail {
    files: Vec<WrittenFile>,
}

#[derive(Deserialize)]
struct RectifiedDetail {
    customer_id: i64,
    table: String,
    field: String,
    rows: Vec<i64>,
}

#[derive(Deserialize)]
struct ErasedDetail {
    customers: Vec<i64>,
    tables: Vec<TableEvidence>,
    sha256: String,
}

#[derive(Deserialize)]
struct RestrictedDetail {
    customers: Vec<i64>,
}

/// The right an event did something for, and what.
fn action_of(e: &Event) -> Option<(Right, Done)> {
    fn read<T: DeserializeOwned>(e: &Event) -> Option<T> {
        serde_json::from_value(e.detail.clone()).ok()
    }
    let (right, done) = match e.kind {
        EventKind::AccessPackage | EventKind::PortabilityExport => {
            let right = if e.kind == EventKind::AccessPackage {
                Right::Access
            } else {
                Right::Portability
            };
            let done = read::<FilesDetail>(e).map(|d| Done::FilesWritten { files: d.files });
            (right, done)
        }
        EventKind::Rectified => (
            Right::Rectification,
            read::<RectifiedDetail>(e).map(|d| Done::Rectified {
                customer_id: d.customer_id,
                table: d.table,
                field: d.field,
                rows: d.rows.len(),
            }),
        ),
        EventKind::Erased => (
            Right::Erasure,
            read::<ErasedDetail>(e).map(|d| Done::Erased {
                customers: d.customers,
                tables: d.tables,
                sha256: d.sha256,
            }),
        ),
        EventKind::Restricted => (
            Right::Restriction,
            read::<RestrictedDetail>(e).map(|d| Done::Restricted {
                customers: d.customers,
            }),
        ),
        EventKind::MarketingStopped => (
            Right::Objection,
            read::<Vec<MarketingStopped>>(e).map(|stopped| Done::MarketingStopped { stopped }),
        ),
        _ => return None,
    };
    Some((
        right,
        done.unwrap_or_else(|| Done::Recorded {
            summary: e.summary.clone(),
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, detail: serde_json::Value) -> Event {
        Event {
            id: 7,
            reference: Some("DSR-2026-0001".into()),
            at: "2026-03-06T10:00:00Z".parse().expect("t"),
            actor: "jk".into(),
            kind,
            summary: "as recorded".into(),
            detail,
            hash: "00".into(),
        }
    }

    #[test]
    fn events_become_actions_per_right_and_unreadable_details_keep_their_summary() {
        use crate::domain::marketing::{StopAction, TableStopped};
        let stopped = event(
            EventKind::MarketingStopped,
            serde_json::json!([{"customer_id": 5, "tables": [
                    {"table": "newsletter", "action": "updated", "columns": ["subscribed"], "rows": 1},
                    {"table": "profiles", "action": "deleted", "rows": 3}],
                "suppression_entries_added": 1, "suppressed_addresses": 1}]),
        );
        let table = |table: &str, action, columns: &[&str], rows| TableStopped {
            table: table.into(),
            action,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
        };
        assert_eq!(
            action_of(&stopped),
            Some((
                Right::Objection,
                Done::MarketingStopped {
                    stopped: vec![MarketingStopped {
                        customer_id: 5,
                        tables: vec![
                            table("newsletter", StopAction::Updated, &["subscribed"], 1),
                            table("profiles", StopAction::Deleted, &[], 3),
                        ],
                        suppression_entries_added: 1,
                        suppressed_addresses: 1,
                    }]
                }
            ))
        );
        // Events written before tables said how they were stopped still read.
        let before = event(
            EventKind::MarketingStopped,
            serde_json::json!([{"customer_id": 5, "tables": [["newsletter", 1]],
                "suppression_entries_added": 1, "suppressed_addresses": 1}]),
        );
        let Some((_, Done::MarketingStopped { stopped })) = action_of(&before) else {
            panic!("not read: {:?}", action_of(&before));
        };
        assert_eq!(
            stopped[0].tables,
            vec![table("newsletter", StopAction::Updated, &[], 1)]
        );
        let rectified = event(
            EventKind::Rectified,
            serde_json::json!({"customer_id": 6, "table": "customers", "field": "street",
                "rows": [6], "before_sha256": "ab"}),
        );
        assert_eq!(
            action_of(&rectified).map(|a| a.1),
            Some(Done::Rectified {
                customer_id: 6,
                table: "customers".into(),
                field: "street".into(),
                rows: 1
            })
        );
        let odd = event(EventKind::Erased, serde_json::json!({"something": "else"}));
        assert_eq!(
            action_of(&odd),
            Some((
                Right::Erasure,
                Done::Recorded {
                    summary: "as recorded".into()
                }
            ))
        );
        assert_eq!(
            action_of(&event(EventKind::Note, serde_json::json!({}))),
            None
        );
    }

    #[test]
    fn the_customer_number_comes_from_the_link_event_not_a_bare_id() {
        let events = [
            event(
                EventKind::CustomerLinked,
                serde_json::json!({"customer_id": 3, "label": "K100003"}),
            ),
            event(
                EventKind::CustomerLinked,
                serde_json::json!({"customer_id": 4, "label": "#4"}),
            ),
        ];
        assert_eq!(label_at_linking(&events, 3).as_deref(), Some("K100003"));
        assert_eq!(label_at_linking(&events, 4), None);
        assert_eq!(label_at_linking(&events, 5), None);
    }
}
