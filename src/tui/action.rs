//! What the desk is asked to do. Keys become actions in the screens' and layers' pure
//! `handle_key`; actions change state in one place, `App::update`.

use ratatui::crossterm::event::KeyEvent;

use super::keys::{Availability, Binding, Layer, binding};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A command of the key table, with the key that asked for it: the layers over a screen
    /// hand the key to what they hold (a form's field, the search line, the palette).
    Run(super::keys::Command, KeyEvent),
    /// A key whose binding does not work now: its reason goes on the status line.
    Refused(String),
    /// A click on the queue's row at this absolute index.
    Click(u64),
    /// The one-second tick: the date, and other writers' changes.
    Tick,
    /// A worker finished.
    Job(JobDone),
}

/// The action a key stands for in `layer`: none for an unbound key (nothing to redraw), the
/// reason for one that does not work now.
pub fn for_key(layer: Layer, available: &Availability, key: KeyEvent) -> Option<Action> {
    let b: &Binding = binding(layer, &key)?;
    Some(match available.enabled(b.command) {
        Ok(()) => Action::Run(b.command, key),
        Err(why) => Action::Refused(why),
    })
}

/// What the event loop receives: the terminal's events, and workers' results.
#[derive(Debug)]
pub enum DeskEvent {
    Terminal(ratatui::crossterm::event::Event),
    Job(JobDone),
    /// How far the work in the background has come.
    Progress(String),
    /// The in-memory queue and statistics a worker loaded.
    Loaded(Box<super::queue_source::Loaded>),
}

/// A finished piece of background work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobDone {
    /// An import finished; the report to show.
    Imported(String),
    /// Work run through `App::run_job` finished: what it did, or why not.
    Done(Result<String, String>),
    /// The export menu's file was written (the menu closes), or why not (it stays).
    Exported(Result<String, String>),
    /// An export would replace a file: the officer is asked first.
    ExportExists {
        choice: crate::case::exports::Choice,
        name: String,
    },
    /// A package would replace files in its folder: the officer is asked first.
    PackageExists {
        reference: String,
        kind: crate::domain::request::EventKind,
        negative: bool,
        name: String,
    },
    Failed(String),
    /// The audit chain was walked at start: where it breaks, if it does.
    AuditChecked(Option<String>),
}
