//! Every key binding in one table, in layers: the screens (queue, request, statistics,
//! lookup) and what can lie over them (form, customer-records menu, confirmation, search,
//! help, palette, export menu, message). The key handler, the footer, the help screen and
//! the `:` palette all read it; each binding says whether it works now, and why not.

mod table;
#[cfg(test)]
mod tests;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use table::bindings;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    /// Ctrl-C: quits at once, from anywhere.
    QuitNow,
    Help,
    Palette,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    Search,
    NextView,
    PrevView,
    NextRight,
    ClearFilters,
    Privacy,
    WorkingDays,
    Stats,
    Answer,
    Erase,
    Refuse,
    Extend,
    Identity,
    Note,
    Assign,
    Triage,
    Reopen,
    NewRequest,
    Import,
    Lookup,
    Link,
    CustomerActions,
    Export,
    Fee,
    Representative,
    // What the layers over a screen understand.
    /// Close what is on top (help, message, export menu, palette).
    Close,
    /// Yes to a confirmation: only `y`.
    Yes,
    No,
    /// Save a form, write the export chosen, run the palette's action.
    Save,
    /// Cancel a form (asks first when something was typed).
    Cancel,
    NextField,
    PrevField,
    /// ←/→: the previous or next option, or the cursor in a text.
    Choose,
    /// Space: tick a check, or the next option.
    Tick,
    /// Typing: text, or a choice's highlighted letter.
    Type,
    /// A new line in a reason or note.
    NewLine,
    /// Keep what was typed into a search and leave the line.
    KeepSearch,
    /// Clear a search and leave the line.
    ClearSearch,
    /// Tab in the palette: complete to the highlighted action's name.
    Complete,
}

impl Command {
    /// Whether the command writes to the register (or starts what does): such commands
    /// wait while work in the background writes, so that nothing waits on its lock.
    pub fn writes(self) -> bool {
        CASE_COMMANDS.contains(&self)
            || matches!(
                self,
                Command::NewRequest
                    | Command::Import
                    | Command::Link
                    | Command::CustomerActions
                    | Command::Export
            )
    }
}

/// Where a binding works: the screen, or the layer on top of it that gets the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Queue,
    Request,
    Stats,
    Lookup,
    /// The customer-records menu (`C`): a form whose first field is the action.
    Records,
    Form,
    Confirm,
    /// Typing a search (the queue's `/`, the lookup's query line).
    Search,
    Help,
    Palette,
    Export,
    Message,
}

impl Layer {
    pub const ALL: [Layer; 12] = [
        Layer::Queue,
        Layer::Request,
        Layer::Stats,
        Layer::Lookup,
        Layer::Records,
        Layer::Form,
        Layer::Confirm,
        Layer::Search,
        Layer::Help,
        Layer::Palette,
        Layer::Export,
        Layer::Message,
    ];

    /// The help screen's heading for the layer.
    pub fn title(self) -> &'static str {
        match self {
            Layer::Queue => "Queue",
            Layer::Request => "Request",
            Layer::Stats => "Statistics",
            Layer::Lookup => "Customer lookup (l)",
            Layer::Records => "The customer menu (C)",
            Layer::Form => "In a form (the customer menu too)",
            Layer::Confirm => "A question",
            Layer::Search => "Typing a search (/)",
            Layer::Help => "This help (?)",
            Layer::Palette => "Command palette (:)",
            Layer::Export => "Export menu (E)",
            Layer::Message => "A message",
        }
    }

    /// Whether the layer is a screen (its actions are the palette's).
    pub fn is_screen(self) -> bool {
        matches!(
            self,
            Layer::Queue | Layer::Request | Layer::Stats | Layer::Lookup
        )
    }
}

/// A key of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Code(KeyCode, KeyModifiers),
    /// Any printable character without Ctrl or Alt (a binding of the same character wins).
    Text,
}

/// One row of the table.
pub struct Binding {
    pub command: Command,
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub key_label: &'static str,
    /// The footer's word for it; empty keeps it out of the footer (help still lists it).
    pub footer: &'static str,
    /// The palette's name for it; empty keeps it out of the palette.
    pub name: &'static str,
    pub description: &'static str,
    pub layers: &'static [Layer],
}

/// What decides whether a binding works now, worked out when the state changes (never per
/// frame, never per key): the case's refusals for the target request and the few facts the
/// other bindings need.
#[derive(Debug, Clone, Default)]
pub struct Availability {
    /// The case commands the case does not allow now, and why.
    pub blocked: Vec<(Command, String)>,
    /// Why there is no request to act on, if there is none.
    pub no_target: Option<String>,
    /// Why `I` cannot import now (no mailbox, or an import runs).
    pub no_import: Option<String>,
    /// Why `L` cannot link the lookup's selection.
    pub no_link: Option<String>,
    /// Why nothing that writes works now: work in the background is writing.
    pub busy: Option<String>,
}

impl Availability {
    /// Whether `command` works now; the reason, said on the status line, when not.
    pub fn enabled(&self, command: Command) -> Result<(), String> {
        // Quitting too: the work would stop half-way (Ctrl-C still quits at once; the
        // next start finishes or undoes an erasure it left).
        if let Some(why) = self
            .busy
            .as_ref()
            .filter(|_| command.writes() || command == Command::Quit)
        {
            return Err(why.clone());
        }
        if let Some((_, why)) = self.blocked.iter().find(|(c, _)| *c == command) {
            return Err(why.clone());
        }
        let missing = match command {
            Command::Open
            | Command::Lookup
            | Command::CustomerActions
            | Command::Answer
            | Command::Erase
            | Command::Refuse
            | Command::Extend
            | Command::Identity
            | Command::Note
            | Command::Assign
            | Command::Triage
            | Command::Reopen
            | Command::Fee
            | Command::Representative => &self.no_target,
            Command::Import => &self.no_import,
            Command::Link => &self.no_link,
            _ => &None,
        };
        match missing {
            Some(why) => Err(why.clone()),
            None => Ok(()),
        }
    }
}

fn matches(k: &Key, key: &KeyEvent) -> bool {
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    match k {
        Key::Code(code, m) => {
            *code == key.code
                && (*m == mods
                    || (matches!(code, KeyCode::Char(_))
                        && mods == KeyModifiers::SHIFT
                        && *m == KeyModifiers::NONE))
        }
        Key::Text => {
            matches!(key.code, KeyCode::Char(_))
                && !mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        }
    }
}

/// The binding a key stands for in `layer`: a binding of the key itself before one of "any
/// character".
pub fn binding(layer: Layer, key: &KeyEvent) -> Option<&'static Binding> {
    let in_layer = || bindings().filter(|b| b.layers.contains(&layer));
    in_layer()
        .find(|b| {
            b.keys
                .iter()
                .any(|k| !matches!(k, Key::Text) && matches(k, key))
        })
        .or_else(|| in_layer().find(|b| b.keys.iter().any(|k| matches(k, key))))
}

/// The command a key stands for in `layer`.
pub fn lookup(layer: Layer, key: &KeyEvent) -> Option<Command> {
    binding(layer, key).map(|b| b.command)
}

/// The footer's entries for a layer, in table order.
pub fn footer(layer: Layer) -> Vec<(Command, &'static str, &'static str)> {
    bindings()
        .filter(|b| b.layers.contains(&layer) && !b.footer.is_empty())
        .map(|b| (b.command, b.key_label, b.footer))
        .collect()
}

/// The palette's actions on a screen: every named binding of that screen's layer.
pub fn palette_actions(layer: Layer) -> impl Iterator<Item = &'static Binding> {
    bindings().filter(move |b| b.layers.contains(&layer) && !b.name.is_empty())
}

/// The palette's matches for `query` on a screen, best first: names that start with it,
/// then names or descriptions that contain it, then names holding its letters in order.
pub fn palette_matches(layer: Layer, query: &str) -> Vec<&'static Binding> {
    let q = query.trim().to_lowercase();
    let mut scored: Vec<(u8, usize, &'static Binding)> = palette_actions(layer)
        .enumerate()
        .filter_map(|(i, b)| {
            let name = b.name.to_lowercase();
            let score = if q.is_empty() || name.starts_with(&q) {
                0
            } else if name.contains(&q) {
                1
            } else if b.description.to_lowercase().contains(&q) {
                2
            } else if subsequence(&q, &name) {
                3
            } else {
                return None;
            };
            Some((score, i, b))
        })
        .collect();
    scored.sort_by_key(|(score, i, _)| (*score, *i));
    scored.into_iter().map(|(_, _, b)| b).collect()
}

/// Whether the letters of `needle` occur in `hay` in order.
fn subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|c| hay.any(|h| h == c))
}

/// The commands that act on the selected or open request's case.
pub const CASE_COMMANDS: [Command; 11] = [
    Command::Answer,
    Command::Erase,
    Command::Refuse,
    Command::Extend,
    Command::Identity,
    Command::Triage,
    Command::Reopen,
    Command::Note,
    Command::Assign,
    Command::Fee,
    Command::Representative,
];

/// The case operation a command starts, whose guard says whether it can be done now.
pub fn case_op(command: Command) -> Option<crate::case::Op> {
    use crate::case::Op;
    Some(match command {
        Command::Answer => Op::Answer,
        Command::Erase => Op::MarkErased,
        Command::Refuse => Op::Refuse,
        Command::Extend => Op::Extend,
        Command::Identity => Op::Identity,
        Command::Triage => Op::Triage,
        Command::Reopen => Op::Reopen,
        Command::Note => Op::Note,
        Command::Assign => Op::Assign,
        Command::Link => Op::Link,
        // The basis is chosen in the form; what the key needs is an open request.
        Command::Fee => Op::Fee(crate::domain::request::FeeBasis::UnfoundedOrExcessive),
        Command::Representative => Op::Representative,
        _ => return None,
    })
}
