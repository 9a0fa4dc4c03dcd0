//! What lies over the screens, and what waits for the officer's yes. Plain data: no store,
//! no drawing, no keys.

use super::form::Form;
use super::forms::Submission;
use super::forms::export_menu::ExportMenu;
use super::screens::palette::Palette;
use crate::customers::ErasurePlan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Request,
    Stats,
    Lookup,
}

/// A layer drawn over the screen; the top one gets the keys.
#[derive(Debug, Clone)]
pub enum Modal {
    /// Every key; the number is how far it is scrolled (small terminals).
    Help(u16),
    Form(Form),
    /// A question; `Yes` carries out the pending submission (or quits). `details` say what
    /// will happen, line by line (an erasure's rows per table), scrolled by `scroll`.
    Confirm {
        question: String,
        details: Vec<String>,
        scroll: u16,
        on_yes: Pending,
    },
    Message(String),
    /// `E`: what to export; written to the exports folder.
    Export(ExportMenu),
    /// `:`: every action of the screen by name.
    Palette(Palette),
}

impl Modal {
    /// A question with nothing more to show than itself.
    pub fn confirm(question: impl Into<String>, on_yes: Pending) -> Modal {
        Modal::Confirm {
            question: question.into(),
            details: Vec::new(),
            scroll: 0,
            on_yes,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Pending {
    Submit(Submission),
    Customer(CustomerOp),
    /// Write the export again, replacing the file of the same name.
    ReplaceExport(super::forms::export_menu::Choice),
    /// Send the letter by e-mail, as the question showed it.
    SendLetter(super::forms::export_menu::Choice),
    Quit,
    DiscardForm,
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
    /// Write the package again, replacing the files of the same names.
    ReplacePackage {
        reference: String,
        kind: crate::domain::request::EventKind,
        negative: bool,
    },
}
