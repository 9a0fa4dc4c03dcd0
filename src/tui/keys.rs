//! Every key binding in one table: the handler, the footer and the help screen all read it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
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
}

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Queue,
    Request,
    Stats,
    Lookup,
}

/// One row of the table.
pub struct Binding {
    pub command: Command,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the footer and help.
    pub key_label: &'static str,
    /// The footer's word for it; empty keeps it out of the footer (help still lists it).
    pub footer: &'static str,
    pub description: &'static str,
    pub contexts: &'static [Context],
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALL: &[Context] = &[
    Context::Queue,
    Context::Request,
    Context::Stats,
    Context::Lookup,
];
const LOOKUP: &[Context] = &[Context::Lookup];
const ON_REQUEST: &[Context] = &[Context::Queue, Context::Request];
const QUEUE: &[Context] = &[Context::Queue];

macro_rules! ch {
    ($c:literal) => {
        (KeyCode::Char($c), NONE)
    };
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        command: Command::Help,
        keys: &[ch!('?')],
        key_label: "?",
        footer: "help",
        description: "Show every key",
        contexts: ALL,
    },
    Binding {
        command: Command::Quit,
        keys: &[ch!('q')],
        key_label: "q",
        footer: "quit",
        description: "Quit (Ctrl-C always quits)",
        contexts: ALL,
    },
    Binding {
        command: Command::Open,
        keys: &[(KeyCode::Enter, NONE)],
        key_label: "Enter",
        footer: "open",
        description: "Open the selected request (lookup: show the customer's records)",
        contexts: &[Context::Queue, Context::Lookup],
    },
    Binding {
        command: Command::Back,
        keys: &[(KeyCode::Esc, NONE)],
        key_label: "Esc",
        footer: "back",
        description: "Back to the queue (selection kept)",
        contexts: &[Context::Request, Context::Stats, Context::Lookup],
    },
    Binding {
        command: Command::Search,
        keys: &[ch!('/')],
        key_label: "/",
        footer: "search",
        description: "Search reference, name, e-mail, phone",
        contexts: &[Context::Queue, Context::Lookup],
    },
    Binding {
        command: Command::NextView,
        keys: &[ch!('f'), (KeyCode::Tab, NONE)],
        key_label: "f",
        footer: "view",
        description: "Next view (also Tab): open, overdue, ..., all",
        contexts: QUEUE,
    },
    Binding {
        command: Command::NewRequest,
        keys: &[ch!('n')],
        key_label: "n",
        footer: "new",
        description: "Register a new request",
        contexts: QUEUE,
    },
    Binding {
        command: Command::Import,
        keys: &[ch!('I')],
        key_label: "I",
        footer: "",
        description: "Import from the privacy mailbox (config: mailbox)",
        contexts: QUEUE,
    },
    Binding {
        command: Command::Answer,
        keys: &[ch!('a')],
        key_label: "a",
        footer: "answer",
        description: "Mark answered (every undecided right)",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Refuse,
        keys: &[ch!('r')],
        key_label: "r",
        footer: "refuse",
        description: "Refuse in whole or part: ground + reason",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Extend,
        keys: &[ch!('x')],
        key_label: "x",
        footer: "extend",
        description: "Extend by two months (reasons, notice date)",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Erase,
        keys: &[ch!('e')],
        key_label: "e",
        footer: "erase",
        description: "Mark erased (the erasure right)",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Identity,
        keys: &[ch!('i')],
        key_label: "i",
        footer: "ID",
        description: "Identity check: asked, verified, failed",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Note,
        keys: &[ch!('o')],
        key_label: "o",
        footer: "note",
        description: "Add a note to the timeline",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Assign,
        keys: &[ch!('s')],
        key_label: "s",
        footer: "assign",
        description: "Assign to an officer",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Lookup,
        keys: &[ch!('l')],
        key_label: "l",
        footer: "lookup",
        description: "Look the person up in the customer records",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::CustomerActions,
        keys: &[ch!('C')],
        key_label: "C",
        footer: "customer",
        description: "Customer data: access, portability, erase, rectify, restrict and lift, object, Art. 19",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Link,
        keys: &[ch!('L')],
        key_label: "L",
        footer: "link",
        description: "Link the selected customer to the request",
        contexts: LOOKUP,
    },
    Binding {
        command: Command::Export,
        keys: &[ch!('E')],
        key_label: "E",
        footer: "export",
        description: "Export: summary, letter; register (queue)",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Stats,
        keys: &[ch!('S')],
        key_label: "S",
        footer: "stats",
        description: "Statistics: months, on-time rate, rights",
        contexts: &[Context::Queue, Context::Request],
    },
    Binding {
        command: Command::NextRight,
        keys: &[ch!('R')],
        key_label: "R",
        footer: "right",
        description: "Filter by right (cycles; all at the end)",
        contexts: QUEUE,
    },
    Binding {
        command: Command::Privacy,
        keys: &[ch!('p')],
        key_label: "p",
        footer: "privacy",
        description: "Privacy screen: mask names, e-mails, phones",
        contexts: ALL,
    },
    Binding {
        command: Command::Up,
        keys: &[(KeyCode::Up, NONE), ch!('k')],
        key_label: "↑/k",
        footer: "",
        description: "Previous request / scroll up",
        contexts: ALL,
    },
    Binding {
        command: Command::Down,
        keys: &[(KeyCode::Down, NONE), ch!('j')],
        key_label: "↓/j",
        footer: "",
        description: "Next request / scroll down",
        contexts: ALL,
    },
    Binding {
        command: Command::Top,
        keys: &[ch!('g'), (KeyCode::Home, NONE)],
        key_label: "g",
        footer: "",
        description: "First request / top",
        contexts: ALL,
    },
    Binding {
        command: Command::Bottom,
        keys: &[ch!('G'), (KeyCode::End, NONE)],
        key_label: "G",
        footer: "",
        description: "Last request / bottom",
        contexts: ALL,
    },
    Binding {
        command: Command::PageUp,
        keys: &[(KeyCode::PageUp, NONE)],
        key_label: "PgUp",
        footer: "",
        description: "A page up",
        contexts: ALL,
    },
    Binding {
        command: Command::PageDown,
        keys: &[(KeyCode::PageDown, NONE)],
        key_label: "PgDn",
        footer: "",
        description: "A page down",
        contexts: ALL,
    },
    Binding {
        command: Command::PrevView,
        keys: &[
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
            ch!('F'),
        ],
        key_label: "F",
        footer: "",
        description: "Previous view (also Shift-Tab)",
        contexts: QUEUE,
    },
    Binding {
        command: Command::ClearFilters,
        keys: &[ch!('c')],
        key_label: "c",
        footer: "",
        description: "Clear view, right and search filters",
        contexts: QUEUE,
    },
    Binding {
        command: Command::WorkingDays,
        keys: &[ch!('w')],
        key_label: "w",
        footer: "",
        description: "Count down in working days (toggle)",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Triage,
        keys: &[ch!('t')],
        key_label: "t",
        footer: "",
        description: "Set the rights asked for (triage)",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Reopen,
        keys: &[ch!('O')],
        key_label: "O",
        footer: "",
        description: "Reopen a closed request",
        contexts: ON_REQUEST,
    },
    Binding {
        command: Command::Fee,
        keys: &[ch!('$')],
        key_label: "$",
        footer: "",
        description: "Record a reasonable fee: instead of refusing (Art. 12(5)(a)), or for further copies (Art. 15(3))",
        contexts: ON_REQUEST,
    },
];

/// The command a key stands for in `context`.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Command> {
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| {
            b.keys.iter().any(|(code, m)| {
                *code == key.code
                    && (*m == mods
                        || (matches!(code, KeyCode::Char(_)) && mods == SHIFT && *m == NONE))
            })
        })
        .map(|b| b.command)
}

/// The footer's entries for a context, in table order.
pub fn footer(context: Context) -> Vec<(Command, &'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context) && !b.footer.is_empty())
        .map(|b| (b.command, b.key_label, b.footer))
        .collect()
}

/// The commands that act on the selected or open request's case.
pub const CASE_COMMANDS: [Command; 10] = [
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
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [Context::Queue, Context::Request, Context::Stats] {
            let mut seen = std::collections::HashMap::new();
            for b in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for key in b.keys {
                    if let Some(other) = seen.insert(*key, b.command) {
                        panic!(
                            "{key:?} is bound to {other:?} and {:?} in {context:?}",
                            b.command
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_is_described_and_reachable() {
        for b in BINDINGS {
            assert!(
                !b.description.is_empty() && !b.keys.is_empty(),
                "{:?}",
                b.command
            );
            for context in b.contexts {
                for (code, mods) in b.keys {
                    let found = lookup(*context, &KeyEvent::new(*code, *mods));
                    assert_eq!(found, Some(b.command), "{code:?} in {context:?}");
                }
            }
        }
    }
}
