//! `E`: the export menu. On a request: its case summary (Markdown or JSON) or a letter of
//! a kind that fits it, in a language; on the queue also the register of every request.
//! Files go to the exports folder through the atomic writer, replace a file only when the
//! officer says `y` to it, and are recorded in the audit trail with their SHA-256 (on the
//! request; the register's on none).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use crate::case::exports::Choice;
use crate::case::{CaseError, CaseFacts};
use crate::config::Config;
use crate::export::case_facts::CustomerNames;
use crate::export::letters::{self, Lang, LetterKind};
use crate::export::register::RegisterFormat;
use crate::export::{ExportError, files};
use crate::store::{Period, Store};

/// One line of the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    SummaryMarkdown,
    SummaryJson,
    /// The letter of the chosen kind (←/→ on this line).
    Letter,
    /// The letter's language (←/→ on this line); Enter here writes the letter too.
    Language,
    /// The letter as an e-mail draft (.eml).
    LetterDraft,
    /// The letter sent by e-mail (asks first, showing To, Subject and attachments).
    LetterSend,
    RegisterCsv,
    RegisterJson,
}

impl Item {
    pub fn label(self) -> &'static str {
        match self {
            Item::SummaryMarkdown => "Case summary (Markdown)",
            Item::SummaryJson => "Case summary (JSON)",
            Item::Letter => "Letter",
            Item::Language => "Language",
            Item::LetterDraft => "Letter as an e-mail draft (.eml)",
            Item::LetterSend => "Send the letter by e-mail",
            Item::RegisterCsv => "Register of every request (CSV)",
            Item::RegisterJson => "Register of every request (JSON)",
        }
    }
}

/// What a key did to the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuOutcome {
    Browsing,
    Close,
    Write(Choice),
    /// The letter as e-mail: a draft, or sent.
    Mail {
        choice: Choice,
        send: bool,
    },
}

#[derive(Debug, Clone)]
pub struct ExportMenu {
    /// The request exported, if any (the queue may have none selected).
    pub reference: Option<String>,
    pub items: Vec<Item>,
    pub selected: usize,
    /// The letter kinds that fit the request.
    pub kinds: Vec<LetterKind>,
    pub kind: usize,
    pub lang: Lang,
    /// The request's own language, shown as the default.
    pub request_lang: Lang,
    /// Where files go, for display.
    pub folder: PathBuf,
}

impl ExportMenu {
    /// The menu for `request` (if any); `register` adds the register lines (queue only).
    pub fn new(
        case: Option<&CaseFacts>,
        register: bool,
        default_lang: Lang,
        folder: &Path,
    ) -> ExportMenu {
        let mut items = Vec::new();
        let mut kinds = Vec::new();
        let mut request_lang = default_lang;
        let request = case.map(|f| &f.request);
        if let Some(f) = case {
            let r = &f.request;
            items.extend([Item::SummaryMarkdown, Item::SummaryJson]);
            kinds = crate::case::letters::fitting(f);
            if !kinds.is_empty() {
                items.extend([
                    Item::Letter,
                    Item::Language,
                    Item::LetterDraft,
                    Item::LetterSend,
                ]);
            }
            request_lang = letters::language_of(r, default_lang);
        }
        if register {
            items.extend([Item::RegisterCsv, Item::RegisterJson]);
        }
        ExportMenu {
            reference: request.map(|r| r.reference.clone()),
            items,
            selected: 0,
            kinds,
            kind: 0,
            lang: request_lang,
            request_lang,
            folder: folder.to_path_buf(),
        }
    }

    pub fn current(&self) -> Option<Item> {
        self.items.get(self.selected).copied()
    }

    pub fn letter_kind(&self) -> Option<LetterKind> {
        self.kinds.get(self.kind).copied()
    }

    /// ↑/↓ (or k/j) choose a line, ←/→ change the letter kind or language, Enter writes,
    /// Esc closes.
    pub fn handle_key(&mut self, key: KeyEvent) -> MenuOutcome {
        let n = self.items.len().max(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return MenuOutcome::Close,
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                self.selected = (self.selected + n - 1) % n
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.selected = (self.selected + 1) % n
            }
            KeyCode::Left | KeyCode::Right => {
                let back = key.code == KeyCode::Left;
                match self.current() {
                    Some(Item::Letter) if !self.kinds.is_empty() => {
                        let k = self.kinds.len();
                        self.kind = if back {
                            (self.kind + k - 1) % k
                        } else {
                            (self.kind + 1) % k
                        };
                    }
                    Some(Item::Language) => self.lang = self.lang.next(),
                    _ => {}
                }
            }
            KeyCode::Enter => {
                if let Some(choice) = self.choice() {
                    return match self.current() {
                        Some(Item::LetterDraft) => MenuOutcome::Mail {
                            choice,
                            send: false,
                        },
                        Some(Item::LetterSend) => MenuOutcome::Mail { choice, send: true },
                        _ => MenuOutcome::Write(choice),
                    };
                }
            }
            _ => {}
        }
        MenuOutcome::Browsing
    }

    fn choice(&self) -> Option<Choice> {
        let reference = self.reference.clone();
        Some(match self.current()? {
            Item::SummaryMarkdown => Choice::Summary {
                reference: reference?,
                json: false,
            },
            Item::SummaryJson => Choice::Summary {
                reference: reference?,
                json: true,
            },
            Item::Letter | Item::Language | Item::LetterDraft | Item::LetterSend => {
                Choice::Letter {
                    reference: reference?,
                    kind: self.letter_kind()?,
                    lang: self.lang,
                }
            }
            Item::RegisterCsv => Choice::Register {
                format: RegisterFormat::Csv,
                period: Period::default(),
                bom: false,
            },
            Item::RegisterJson => Choice::Register {
                format: RegisterFormat::Json,
                period: Period::default(),
                bom: false,
            },
        })
    }
}

/// Writes `choice` into `folder` (created owner-only), over an existing file only when
/// `replace` (the officer said yes), and records it in the audit trail; `names` names
/// linked customers in a summary. The case
/// workflow makes it first: a letter the record does not allow creates nothing.
pub fn write(
    choice: &Choice,
    store: &mut Store,
    names: &dyn CustomerNames,
    config: &Config,
    now: DateTime<Utc>,
    (folder, replace): (&Path, bool),
    progress: &mut dyn FnMut(String),
) -> Result<PathBuf, ExportError> {
    let export = crate::case::exports::prepare(store, choice, names, &config.templates(), now)
        .map_err(|e| match e {
            CaseError::Export(x) => x,
            CaseError::NoController => ExportError::NotApplicable(format!(
                "{e}; `dsr-desk settings --name ... --org-number ... --email ...` stores them"
            )),
            CaseError::Store(x) => ExportError::Store(x),
            other => ExportError::NotApplicable(other.to_string()),
        })?;
    let path = files::target_path(None, folder, &export.file_name)?;
    export.write_file_reporting(store, (&path, replace), &config.actor(), now, progress)
}
