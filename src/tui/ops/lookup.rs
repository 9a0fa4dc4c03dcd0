//! The lookup screen's work (`l`): finding customers for a request, showing one's records,
//! and linking one (`L`) after the officer's yes.

use super::super::app::{App, Modal, Pending, Screen, shown};
use super::super::screens::lookup::LookupState;
use super::super::state::CustomerOp;
use super::customers::to_store;
use crate::domain::request::Request;
use crate::store::StoreError;

/// How many customers a lookup lists.
const RESULTS: usize = 30;

impl App {
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
        self.lookup = Some(LookupState {
            reference: request.reference.clone(),
            requester: request.requester.name.clone(),
            results,
            linked,
            ..LookupState::default()
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
            l.step(by);
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
            let version = f.request.version;
            let form =
                super::super::forms::link::link_reason(&reference, version, customer_id, &label);
            self.modals.push(Modal::Form(form.with_facts(f)));
            return Ok(());
        }
        let question = format!("Link customer {label} ({reasons}) to {reference}?");
        let op = CustomerOp::Link {
            reference,
            customer_id,
            label,
        };
        self.modals
            .push(Modal::confirm(question, Pending::Customer(op)));
        Ok(())
    }

    /// `Esc` on the lookup: back where it was opened from, refreshed.
    pub(crate) fn close_lookup(&mut self) -> Result<(), StoreError> {
        self.screen = self.lookup_returns_to;
        self.lookup = None;
        self.reload()
    }
}
