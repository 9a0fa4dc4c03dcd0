//! `E`: opening the export menu on the request at hand, and writing what it chose.

use std::path::Path;

use super::super::app::{App, Modal, Pending, Screen};
use super::super::forms::export_menu::{Choice, ExportMenu, write};
use super::super::jobs::{JobDone, Needs, Worker};
use crate::export::ExportError;
use crate::export::case_facts::{CustomerNames, NoCustomerDb};

impl App {
    /// `E`: the menu for the open request or the queue's selection (and, on the queue, the
    /// register).
    pub(crate) fn open_export_menu(&mut self) {
        let request = match self.screen {
            Screen::Request => self.detail.as_ref().map(|d| d.request.clone()),
            _ => self
                .selected_row()
                .map(|r| r.reference.clone())
                .and_then(|r| self.store.get(&r).ok()),
        };
        let default_lang = self.letter_language;
        let facts = request
            .as_ref()
            .and_then(|r| self.facts_of(&r.reference).ok());
        let menu = ExportMenu::new(
            facts.as_ref(),
            self.screen == Screen::Queue,
            default_lang,
            &self.exports_dir,
        );
        self.modals.push(Modal::Export(menu));
    }

    /// Writes what the menu chose, beside the loop (the register export of 100,000 requests
    /// takes a while); says where on the status line, or why not. A file of the same name is
    /// replaced only with `replace`; without it the officer is asked first, naming the file.
    /// The menu stays until the file is written (a question to replace one goes over it).
    pub(crate) fn write_export(&mut self, choice: &Choice, replace: bool) {
        // A summary names linked customers from the customer database; letters and the
        // register do not need it.
        let needs = match choice {
            Choice::Summary { .. } => Needs::Customers,
            _ => Needs::Register,
        };
        let what = match choice {
            Choice::Register { .. } => "Exporting the register".to_string(),
            Choice::Summary { reference, .. } | Choice::Letter { reference, .. } => {
                format!("Writing the export for {reference}")
            }
        };
        let (choice, folder) = (choice.clone(), self.exports_dir.clone());
        self.run_job(what, needs, move |w| export_on(w, choice, &folder, replace));
    }

    /// The letter as e-mail from the export menu: a draft written into the exports folder,
    /// or (after a question showing From, To, Subject and the attachments) sent.
    pub(crate) fn mail_letter(&mut self, choice: &Choice, send: bool) {
        if send {
            self.ask_to_send(choice);
            return;
        }
        let Choice::Letter { reference, .. } = choice else {
            return;
        };
        let what = format!("Writing the e-mail draft for {reference}");
        let (choice, folder) = (choice.clone(), self.exports_dir.clone());
        self.run_job(what, Needs::Register, move |w| {
            JobDone::Exported(draft_on(w, &choice, &folder))
        });
    }

    /// The question before sending: the e-mail as it will leave, made now.
    fn ask_to_send(&mut self, choice: &Choice) {
        let made = crate::case::mail::outgoing(
            &self.store,
            &self.config,
            choice,
            &self.exports_dir,
            self.clock.now(),
        );
        let mail = match made {
            Ok((mail, _)) => mail,
            Err(e) => {
                self.flash = Some((false, crate::domain::text::one_line(&e.to_string())));
                return;
            }
        };
        let attached: Vec<String> = mail
            .attachments
            .iter()
            .map(|(name, bytes)| format!("{name} ({} KB)", bytes.len().div_ceil(1024)))
            .collect();
        let details = vec![
            format!("From: {}", mail.from),
            format!("To: {}", mail.to.join(", ")),
            format!("Subject: {}", mail.subject),
            match attached.is_empty() {
                true => "Attachments: none".to_string(),
                false => format!("Attachments: {}", attached.join(", ")),
            },
        ]
        .into_iter()
        .map(|l| crate::domain::text::one_line(&l))
        .collect();
        self.modals.push(Modal::Confirm {
            question:
                "Send this letter by e-mail? It is recorded as sent once the server accepts it."
                    .into(),
            details,
            scroll: 0,
            on_yes: Pending::SendLetter(choice.clone()),
        });
    }

    /// Sends the letter the officer said yes to, on the worker (the server may be slow).
    pub(crate) fn send_letter(&mut self, choice: Choice) {
        if matches!(self.modals.last(), Some(Modal::Export(_))) {
            self.modals.pop();
        }
        let Choice::Letter { reference, .. } = &choice else {
            return;
        };
        let what = format!("Sending the letter for {reference}");
        let folder = self.exports_dir.clone();
        self.run_job(what, Needs::Register, move |w| {
            JobDone::Done(send_on(w, &choice, &folder))
        });
    }
}

/// Writes the letter as an e-mail draft into the exports folder, through the case.
fn draft_on(w: &mut Worker<'_>, choice: &Choice, folder: &Path) -> Result<String, String> {
    let (mail, prepared) = crate::case::mail::outgoing(w.store, w.config, choice, folder, w.now)
        .map_err(|e| e.to_string())?;
    let name = crate::case::mail::draft_file_name(&prepared);
    let path = crate::export::files::target_path(None, folder, &name).map_err(|e| e.to_string())?;
    let written =
        crate::case::mail::save_draft(w.store, (&mail, &prepared), (&path, false), &w.actor, w.now)
            .map_err(|e| e.to_string())?;
    Ok(format!("Wrote the e-mail draft {}", written.display()))
}

/// Makes the e-mail again on the worker's connection and sends it through the case.
fn send_on(w: &mut Worker<'_>, choice: &Choice, folder: &Path) -> Result<String, String> {
    let Choice::Letter { reference, .. } = choice else {
        return Err("only a letter is sent by e-mail".into());
    };
    let (mail, _) = crate::case::mail::outgoing(w.store, w.config, choice, folder, w.now)
        .map_err(|e| e.to_string())?;
    (w.progress)(format!("to {}", mail.to.join(", ")));
    crate::case::mail::send(
        w.store,
        w.config,
        (reference, &mail),
        folder,
        (&w.actor, w.now),
    )
    .map_err(|e| e.to_string())?;
    Ok(format!("{reference}: sent to {}", mail.to.join(", ")))
}

/// Writes an export on the worker's connections: where it went, the question to ask when it
/// would replace a file, or why not.
fn export_on(w: &mut Worker<'_>, choice: Choice, folder: &Path, replace: bool) -> JobDone {
    let fallback: Box<dyn CustomerNames>;
    let names: &dyn CustomerNames = match &w.customers {
        Ok(db) => &**db,
        Err(_) => {
            fallback = match choice {
                // Not there: this says why, for the summary.
                Choice::Summary { .. } => crate::customers::summary_names(w.store, w.config),
                _ => Box::new(NoCustomerDb::not_connected()),
            };
            &*fallback
        }
    };
    let written = write(
        &choice,
        w.store,
        names,
        w.config,
        w.now,
        (folder, replace),
        &mut *w.progress,
    );
    match written {
        Err(ExportError::Exists(path)) if !replace => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            JobDone::ExportExists { choice, name }
        }
        Ok(path) => JobDone::Exported(Ok(format!("Wrote {}", path.display()))),
        Err(e) => JobDone::Exported(Err(e.to_string())),
    }
}
