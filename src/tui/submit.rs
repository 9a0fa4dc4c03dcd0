//! Forms and questions: a form's keys, checking it as the officer types (against the case
//! read when it opened), and writing what it submits through the case. Called only from
//! `update`.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Modal, Pending, shown};
use super::form::FormOutcome;
use super::forms::{self, Submission};
use crate::case::Case;
use crate::store::StoreError;

impl App {
    /// A key for the form on top: edits it, cancels it (asking first when something was
    /// typed) or saves it (asking first when saving closes, erases or extends).
    pub(crate) fn form_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let now = self.now;
        let Some(Modal::Form(form)) = self.modals.last_mut() else {
            return Ok(());
        };
        match form.handle_key(key) {
            FormOutcome::Cancel => {
                if form.touched {
                    self.modals.push(Modal::confirm(
                        "Discard what you typed in this form?",
                        Pending::DiscardForm,
                    ));
                } else {
                    self.modals.pop();
                }
            }
            FormOutcome::Editing => {
                // The case read when the form opened: typing queries nothing.
                let facts = form.facts.take();
                forms::check(form, facts.as_deref(), now);
                form.facts = facts;
            }
            FormOutcome::Submit => {
                // Saving reads the case again: it may have changed since the form opened.
                let target = form.target.clone();
                let facts = match &target {
                    Some((reference, _)) => Some(self.facts_of(reference)?),
                    None => None,
                };
                let Some(Modal::Form(form)) = self.modals.last_mut() else {
                    return Ok(());
                };
                form.submitted = true;
                if let Some(submission) = forms::check(form, facts.as_ref(), now) {
                    match forms::confirmation(&submission) {
                        Some(question) => self
                            .modals
                            .push(Modal::confirm(question, Pending::Submit(submission))),
                        None => self.submit(submission)?,
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes a submission. On failure the form stays open with its input and the reason.
    pub(crate) fn submit(&mut self, submission: Submission) -> Result<(), StoreError> {
        let actor = self.config.actor();
        let now = self.clock.now();
        let privacy = self.privacy;
        let result = match &submission {
            Submission::Edit {
                reference,
                version,
                edit,
            } => Case::new(&mut self.store, &actor, now)
                .edit(reference, Some(*version), edit)
                .map_err(shown)
                .map(|a| {
                    // A summary can quote names (a note, a reason): hidden like the timeline's.
                    if privacy {
                        format!("{}: {} saved", a.request.reference, a.kind.human())
                    } else {
                        format!("{}: {}", a.request.reference, a.summary)
                    }
                }),
            Submission::Fee {
                reference,
                amount_nok,
                basis,
                reason,
            } => Case::new(&mut self.store, &actor, now)
                .charge_fee(reference, *amount_nok, *basis, reason)
                .map_err(shown)
                .map(|()| format!("{reference}: fee of NOK {amount_nok} recorded (Art. {basis})")),
            Submission::Create(new) => Case::new(&mut self.store, &actor, now)
                .add_request(new)
                .map_err(shown)
                .map(|r| format!("Registered {}", r.reference)),
            Submission::Customer { reference, action } if action.keeps_form() => {
                self.run_customer_action(reference, action)
            }
            Submission::Customer { reference, action } => {
                // The menu has done its job; what it starts asks its own question.
                self.modals.pop();
                let message = self.run_customer_action(reference, action)?;
                if !message.is_empty() {
                    self.flash = Some((true, crate::domain::text::one_line(&message)));
                    self.reload_following()?;
                }
                return Ok(());
            }
        };
        match result {
            Ok(message) => {
                if matches!(self.modals.last(), Some(Modal::Form(_))) {
                    self.modals.pop();
                }
                self.flash = Some((true, crate::domain::text::one_line(&message)));
                self.reload_following()
            }
            Err(e) => {
                if let Some(Modal::Form(form)) = self.modals.last_mut() {
                    form.save_error = Some(e.to_string());
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }
}
