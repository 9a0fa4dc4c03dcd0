//! `E`: opening the export menu on the request at hand, and writing what it chose.

use super::super::app::{App, Modal, Pending, Screen};
use super::super::forms::export_menu::{Choice, ExportMenu, write};
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

    /// Writes what the menu chose; says where in the footer, or why not (the menu stays).
    /// A file of the same name is replaced only with `replace`; without it the officer is
    /// asked first, naming the file.
    pub(crate) fn write_export(&mut self, choice: &Choice, replace: bool) {
        let now = self.clock.now();
        // The desk's open customer database names linked customers; without one the summary
        // gives ids and says why.
        let summary = matches!(choice, Choice::Summary { .. });
        if summary {
            // Opened once and kept, as for the desk's other customer work.
            let _ = self.customer_db();
        }
        let fallback: Box<dyn CustomerNames>;
        let names: &dyn CustomerNames = match &self.customer_db {
            Some(db) => db,
            None => {
                fallback = if summary {
                    // Not there: this says why, for the summary.
                    crate::customers::summary_names(&self.store, &self.config)
                } else {
                    Box::new(NoCustomerDb::not_connected())
                };
                &*fallback
            }
        };
        let written = write(
            choice,
            &mut self.store,
            names,
            &self.config,
            now,
            &self.exports_dir,
            replace,
        );
        match written {
            Err(ExportError::Exists(path)) if !replace => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.modals.push(Modal::confirm(
                    format!(
                        "{} is already in the exports folder. Replace it with this new export?",
                        crate::domain::text::one_line(&name)
                    ),
                    Pending::ReplaceExport(choice.clone()),
                ));
            }
            Ok(path) => {
                self.modals.pop();
                let shown = crate::domain::text::one_line(&path.display().to_string());
                self.flash = Some((true, format!("Wrote {shown}")));
                // The export's event belongs on the open request's timeline.
                if let Err(e) = self.reload_following() {
                    self.flash = Some((false, crate::domain::text::one_line(&e.to_string())));
                }
            }
            Err(e) => {
                self.flash = Some((false, crate::domain::text::one_line(&e.to_string())));
            }
        }
    }
}
