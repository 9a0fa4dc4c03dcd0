//! `E`: opening the export menu on the request at hand, and writing what it chose.

use std::path::Path;

use super::super::app::{App, Modal, Screen};
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
        if let Some(busy) = &self.busy {
            self.flash = Some((false, busy.wait()));
            return;
        }
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
