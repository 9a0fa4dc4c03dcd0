//! The desk's side of customer records: the lookup screen (`l`), a customer's records,
//! linking (`L`), and carrying out a right on the linked customers (`C`).

use super::app::{App, Modal, Pending, Screen, shown};
use super::customer_form::{self, CustomerChoice, RectifyTarget};
use super::form::Form;
use crate::case::{Case, CaseError};
use crate::customers::{self, CustomerDb, CustomerRecords, ErasurePlan, Match};
use crate::domain::request::{EventKind, Request};
use crate::export::case_facts::{self, CustomerNames, NoCustomerDb};
use crate::store::{ChecklistItem, Event, StoreError};

/// How many customers a lookup lists.
const RESULTS: usize = 30;

/// The lookup screen's state.
#[derive(Debug, Default)]
pub struct Lookup {
    /// The request the lookup is for.
    pub reference: String,
    pub requester: String,
    /// What the officer typed; empty means "prefilled from the requester".
    pub query: String,
    pub editing: bool,
    pub results: Vec<Match>,
    pub selected: usize,
    /// The selected customer's records, once asked for (`Enter`).
    pub records: Option<CustomerRecords>,
    pub scroll: u16,
    pub linked: Vec<i64>,
}

/// A customer-database operation waiting for the officer's yes.
#[derive(Debug, Clone)]
pub enum CustomerOp {
    Link {
        reference: String,
        customer_id: i64,
        label: String,
    },
    Erase {
        reference: String,
        plan: Box<ErasurePlan>,
    },
    Restrict {
        reference: String,
    },
    Object {
        reference: String,
    },
    NoDataHeld {
        reference: String,
    },
}

/// What the request view shows of the customer side.
#[derive(Debug, Clone, Default)]
pub struct CustomerSide {
    /// One line per linked customer.
    pub linked: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
}

fn to_store(e: customers::CustomerError) -> StoreError {
    match e {
        customers::CustomerError::Store(s) => s,
        other => StoreError::Invalid(other.to_string()),
    }
}

impl App {
    /// The customer database, opened on first use and kept open.
    pub(super) fn customer_db(&mut self) -> Result<&mut CustomerDb, StoreError> {
        if self.customer_db.is_none() {
            self.customer_db =
                Some(customers::open_configured(&self.store, &self.config).map_err(to_store)?);
        }
        self.customer_db
            .as_mut()
            .ok_or_else(|| StoreError::Invalid("no customer database".into()))
    }

    /// The store and the customer database side by side, for reads that need both.
    fn both(&mut self) -> Result<(&crate::store::Store, &CustomerDb), StoreError> {
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

    /// `l`: the lookup screen for the request, prefilled from its requester.
    pub(crate) fn open_lookup(&mut self, request: &Request) -> Result<(), StoreError> {
        let linked = self
            .store
            .linked_customers(request.id)?
            .into_iter()
            .map(|l| l.customer_id)
            .collect();
        let results = self
            .customer_db()?
            .lookup_requester(&request.requester, RESULTS)
            .map_err(to_store)?;
        self.lookup = Some(Lookup {
            reference: request.reference.clone(),
            requester: request.requester.name.clone(),
            results,
            linked,
            ..Lookup::default()
        });
        self.lookup_returns_to = self.screen;
        self.screen = Screen::Lookup;
        Ok(())
    }

    /// Runs the lookup again for what is typed (or the requester when nothing is).
    fn rerun_lookup(&mut self) -> Result<(), StoreError> {
        let Some(l) = &self.lookup else { return Ok(()) };
        let (query, reference) = (l.query.trim().to_string(), l.reference.clone());
        let results = if query.is_empty() {
            let request = self.store.get(&reference)?;
            self.customer_db()?
                .lookup_requester(&request.requester, RESULTS)
        } else {
            self.customer_db()?.lookup(&query, RESULTS)
        }
        .map_err(to_store)?;
        if let Some(l) = self.lookup.as_mut() {
            l.results = results;
            l.selected = 0;
            l.records = None;
            l.scroll = 0;
        }
        Ok(())
    }

    /// Typing in the lookup's query line.
    pub(crate) fn lookup_edit_key(
        &mut self,
        key: ratatui::crossterm::event::KeyEvent,
    ) -> Result<(), StoreError> {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let Some(l) = self.lookup.as_mut() else {
            return Ok(());
        };
        match key.code {
            KeyCode::Enter => l.editing = false,
            KeyCode::Esc => {
                l.editing = false;
                l.query.clear();
            }
            KeyCode::Backspace => {
                l.query.pop();
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                if l.query.chars().count() < 100 {
                    l.query.push(c);
                }
            }
            _ => return Ok(()),
        }
        self.rerun_lookup()
    }

    pub(crate) fn lookup_search(&mut self) {
        if let Some(l) = self.lookup.as_mut() {
            l.editing = true;
        }
    }

    /// Up/down through the results, or scrolling the records when they are shown.
    pub(crate) fn lookup_move(&mut self, by: i64) {
        if let Some(l) = self.lookup.as_mut() {
            if l.records.is_some() {
                l.scroll = (l.scroll as i64 + by).clamp(0, u16::MAX as i64) as u16;
            } else if !l.results.is_empty() {
                l.selected = (l.selected as i64 + by).clamp(0, l.results.len() as i64 - 1) as usize;
            }
        }
    }

    /// `Enter`: show the selected customer's records (again: back to the list).
    pub(crate) fn lookup_toggle_records(&mut self) -> Result<(), StoreError> {
        let Some(l) = &self.lookup else { return Ok(()) };
        if l.records.is_some() {
            if let Some(l) = self.lookup.as_mut() {
                l.records = None;
                l.scroll = 0;
            }
            return Ok(());
        }
        let Some(id) = l.results.get(l.selected).map(|m| m.customer_id) else {
            return Ok(());
        };
        let records = self.customer_db()?.records(id).map_err(to_store)?;
        if let Some(l) = self.lookup.as_mut() {
            l.records = Some(records);
        }
        Ok(())
    }

    /// `L`: link the selected customer to the request, after a confirmation. A customer who
    /// matches none of the requester's identifiers (and identity not verified) needs the
    /// officer's reason first, as the case requires.
    pub(crate) fn lookup_link(&mut self) -> Result<(), StoreError> {
        let Some(l) = &self.lookup else { return Ok(()) };
        let Some(m) = l.results.get(l.selected) else {
            return Ok(());
        };
        if l.linked.contains(&m.customer_id) {
            return Err(StoreError::Invalid(format!(
                "customer #{} is already linked to {}",
                m.customer_id, l.reference
            )));
        }
        let (reference, customer_id) = (l.reference.clone(), m.customer_id);
        let label = format!("#{} {}", m.customer_id, m.name);
        let reasons = m.reasons();
        let f = self.facts_of(&reference)?;
        crate::case::allows(&f, crate::case::Op::Link).map_err(shown)?;
        let sound = {
            let (_, db) = self.both()?;
            db.identifies(
                &f.request.requester,
                f.request.original_text.as_deref(),
                customer_id,
            )
            .map_err(to_store)?
            .is_some()
                || f.request.identity == crate::domain::request::IdentityStatus::Verified
        };
        if !sound {
            self.modals.push(Modal::Form(customer_form::link_reason(
                &reference,
                f.request.version,
                customer_id,
                &label,
            )));
            return Ok(());
        }
        let question = format!("Link customer {label} ({reasons}) to {reference}?");
        let op = CustomerOp::Link {
            reference,
            customer_id,
            label,
        };
        self.modals.push(Modal::Confirm {
            question,
            on_yes: Pending::Customer(op),
        });
        Ok(())
    }

    /// `Esc` on the lookup: back where it was opened from, refreshed.
    pub(crate) fn close_lookup(&mut self) -> Result<(), StoreError> {
        self.screen = self.lookup_returns_to;
        self.lookup = None;
        self.reload()
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
        Ok(customer_form::menu(
            &request.reference,
            request.version,
            &targets,
            recipients,
            self.today,
            |action| {
                !(action == "notify" && nobody_to_notify)
                    && customer_form::op_of(action)
                        .is_none_or(|op| crate::case::allows(&facts, op).is_ok())
            },
        ))
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

    /// Carries out the chosen customer action: at once where the form holds all it needs
    /// (rectify, lift a restriction, tick a recipient), after a question where it changes
    /// or erases more. Every action goes through the case, which checks it first.
    pub(crate) fn run_customer_action(
        &mut self,
        reference: &str,
        choice: &CustomerChoice,
    ) -> Result<String, StoreError> {
        match choice {
            CustomerChoice::Access
            | CustomerChoice::Portability
            | CustomerChoice::NegativeConfirmation => {
                let negative = *choice == CustomerChoice::NegativeConfirmation;
                let kind = if *choice == CustomerChoice::Portability {
                    EventKind::PortabilityExport
                } else {
                    EventKind::AccessPackage
                };
                let dir = self
                    .exports_dir
                    .join(crate::export::files::safe_file_name(reference));
                let (r, written) = self.with_case_db(|case, db| {
                    let (r, files) = if kind == EventKind::PortabilityExport {
                        case.portability_files(db, reference)?
                    } else {
                        case.access_files(db, reference, negative)?
                    };
                    let written = case.deliver(&r, kind, negative, files, (&dir, false))?;
                    Ok((r, written))
                })?;
                Ok(format!(
                    "{r}: wrote {} file(s) to {}",
                    written.len(),
                    dir.display()
                ))
            }
            CustomerChoice::Erase => {
                let plan = self.with_case_db(|case, db| case.erasure_preview(db, reference))?;
                let (delete, anonymise, keep) = plan.counts();
                let mut question = format!(
                    "Erase for {reference}: delete {delete} row(s), anonymise {anonymise}, keep {keep} on legal hold"
                );
                if let Some(until) = plan.hold_until() {
                    question.push_str(&format!(" until {until} ({})", plan.laws().join(", ")));
                }
                question.push_str(". This cannot be undone. Go ahead?");
                self.modals.push(Modal::Confirm {
                    question,
                    on_yes: Pending::Customer(CustomerOp::Erase {
                        reference: reference.to_string(),
                        plan: Box::new(plan),
                    }),
                });
                Ok(String::new())
            }
            CustomerChoice::Restrict | CustomerChoice::Object | CustomerChoice::NoDataHeld => {
                // Checked before the question, so a refusal is said at once.
                let f = self.facts_of(reference)?;
                let (op, guard) = match choice {
                    CustomerChoice::Restrict => (
                        CustomerOp::Restrict {
                            reference: reference.to_string(),
                        },
                        crate::case::Op::Restrict,
                    ),
                    CustomerChoice::Object => (
                        CustomerOp::Object {
                            reference: reference.to_string(),
                        },
                        crate::case::Op::StopMarketing,
                    ),
                    _ => (
                        CustomerOp::NoDataHeld {
                            reference: reference.to_string(),
                        },
                        crate::case::Op::NoDataHeld,
                    ),
                };
                crate::case::allows(&f, guard).map_err(shown)?;
                let question = match choice {
                    CustomerChoice::Restrict => format!(
                        "Restrict processing of {reference}'s linked customers to storage only?"
                    ),
                    CustomerChoice::Object => format!(
                        "Stop all marketing to {reference}'s linked customers and keep them suppressed?"
                    ),
                    _ => customer_form::confirmation(reference, choice).unwrap_or_default(),
                };
                self.modals.push(Modal::Confirm {
                    question,
                    on_yes: Pending::Customer(op),
                });
                Ok(String::new())
            }
            CustomerChoice::Notify { recipient, on } => {
                self.case()
                    .notify(reference, recipient, *on)
                    .map_err(shown)?;
                // The recipient's name, not the data map's id for it.
                let request = self.store.get(reference)?;
                let name = self
                    .store
                    .checklist(request.id)?
                    .into_iter()
                    .find(|c| c.recipient.eq_ignore_ascii_case(recipient))
                    .map(|c| c.name)
                    .unwrap_or_else(|| recipient.clone());
                Ok(format!("{reference}: {name} notified on {on}"))
            }
            CustomerChoice::Unrestrict { told } => {
                let lifted =
                    self.with_case_db(|case, db| case.lift_restriction(db, reference, *told))?;
                Ok(format!(
                    "{reference}: restriction lifted for {} customer(s); the person was told on {told}",
                    lifted.len()
                ))
            }
            CustomerChoice::Rectify {
                customer_id,
                row,
                table,
                field,
                value,
            } => {
                let done = self.with_case_db(|case, db| {
                    case.rectify(
                        db,
                        reference,
                        *customer_id,
                        (table, field, value.as_deref()),
                        Some(*row),
                    )
                })?;
                // The data map's title for the table, not its name in the database.
                let table = self
                    .customer_db
                    .as_ref()
                    .and_then(|db| db.map().table(&done.table))
                    .map(|t| t.title.clone())
                    .unwrap_or_else(|| done.table.clone());
                Ok(format!(
                    "{reference}: corrected {} in {table} for customer #{customer_id}; tick the recipients told (C, then notify)",
                    done.field
                ))
            }
            CustomerChoice::Link {
                customer_id,
                reason,
            } => {
                self.with_case_db(|case, db| case.link(db, reference, *customer_id, Some(reason)))?;
                if let Some(l) = self.lookup.as_mut() {
                    l.linked.push(*customer_id);
                }
                Ok(format!(
                    "{reference}: linked customer #{customer_id} (reason recorded)"
                ))
            }
        }
    }

    /// Runs a case operation that needs the customer database.
    fn with_case_db<T>(
        &mut self,
        f: impl FnOnce(&mut Case<'_>, &mut CustomerDb) -> Result<T, CaseError>,
    ) -> Result<T, StoreError> {
        self.customer_db()?;
        let mut db = self
            .customer_db
            .take()
            .ok_or_else(|| StoreError::Invalid("no customer database".into()))?;
        let (actor, now) = (self.config.actor(), self.clock.now());
        let done = f(&mut Case::new(&mut self.store, &actor, now), &mut db);
        self.customer_db = Some(db);
        done.map_err(shown)
    }

    /// Carries out a confirmed customer operation.
    pub(crate) fn run_customer_op(&mut self, op: CustomerOp) -> Result<(), StoreError> {
        let message = match op {
            CustomerOp::Link {
                reference,
                customer_id,
                label,
            } => {
                self.with_case_db(|case, db| case.link(db, &reference, customer_id, None))?;
                if let Some(l) = self.lookup.as_mut() {
                    l.linked.push(customer_id);
                }
                format!("{reference}: linked {label}")
            }
            CustomerOp::Erase { reference, plan } => {
                self.with_case_db(|case, db| case.erase(db, &reference, &plan))?;
                let (deleted, anonymised, kept) = plan.counts();
                format!(
                    "{reference}: erased ({deleted} deleted, {anonymised} anonymised, {kept} kept on legal hold)"
                )
            }
            CustomerOp::Restrict { reference } => {
                let n = self.with_case_db(|case, db| case.restrict(db, &reference))?;
                format!("{reference}: restricted {n} customer(s)")
            }
            CustomerOp::Object { reference } => {
                let done = self.with_case_db(|case, db| case.stop_marketing(db, &reference))?;
                format!(
                    "{reference}: marketing stopped for {} customer(s)",
                    done.len()
                )
            }
            CustomerOp::NoDataHeld { reference } => {
                self.case()
                    .record_no_data(&reference, None)
                    .map_err(shown)?;
                format!("{reference}: recorded that no data is held")
            }
        };
        self.flash = Some((true, crate::domain::text::one_line(&message)));
        self.reload_following()
    }
}
