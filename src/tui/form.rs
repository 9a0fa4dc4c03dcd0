//! A small form engine: one-line text, multi-line text (wrapped), choice and check-list
//! fields, validated as you type. Each concrete form (forms/) is a list of fields named by
//! `FieldId` plus a function from their values to a change.

use ratatui::crossterm::event::{Event as CtEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

/// Every field a form can have: a form's values and problems are keyed by these, never by
/// strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    // Deciding a case.
    Rights,
    Kind,
    Ground,
    Reason,
    Point,
    Until,
    Internal,
    Notified,
    Status,
    Method,
    Text,
    Who,
    Scope,
    Amount,
    Basis,
    // A new request.
    Name,
    Email,
    Phone,
    Channel,
    Received,
    // The customer menu and linking.
    Action,
    Field,
    Value,
    Told,
    Recipient,
    Date,
    Customer,
}

/// One field's value and how it is edited.
#[derive(Debug, Clone)]
pub enum FieldKind {
    Text(Input),
    /// Several lines, wrapped at words: reasons and notes. Enter saves the form; Alt-Enter
    /// or Ctrl-J starts a new line.
    Area(Box<TextArea<'static>>),
    /// One of several options; `(value, label)`.
    Choice {
        options: Vec<(String, String)>,
        selected: usize,
    },
    /// Several may be ticked; `(value, label, ticked)`.
    Checks {
        options: Vec<(String, String, bool)>,
        cursor: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: FieldId,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// A text field opened with a value (today's date, the officer's name): typing a
    /// character replaces it whole; any other key keeps it for editing.
    pub prefilled: bool,
}

impl Field {
    pub fn text(
        key: FieldId,
        label: &'static str,
        value: &str,
        required: bool,
        hint: &'static str,
    ) -> Field {
        Field {
            key,
            label,
            hint,
            kind: FieldKind::Text(Input::new(value.to_string())),
            required,
            prefilled: !value.is_empty(),
        }
    }

    /// A multi-line text, wrapped at words.
    pub fn area(key: FieldId, label: &'static str, required: bool, hint: &'static str) -> Field {
        let mut area = TextArea::default();
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        Field {
            key,
            label,
            hint,
            kind: FieldKind::Area(Box::new(area)),
            required,
            prefilled: false,
        }
    }

    pub fn choice(
        key: FieldId,
        label: &'static str,
        options: Vec<(String, String)>,
        selected: usize,
        hint: &'static str,
    ) -> Field {
        Field {
            key,
            label,
            hint,
            kind: FieldKind::Choice { options, selected },
            required: true,
            prefilled: false,
        }
    }

    pub fn checks(
        key: FieldId,
        label: &'static str,
        options: Vec<(String, String, bool)>,
        required: bool,
        hint: &'static str,
    ) -> Field {
        Field {
            key,
            label,
            hint,
            kind: FieldKind::Checks { options, cursor: 0 },
            required,
            prefilled: false,
        }
    }

    /// The text value, the chosen value, or the ticked values joined by commas.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text(input) => input.value().trim().to_string(),
            FieldKind::Area(area) => area.lines().join("\n").trim().to_string(),
            FieldKind::Choice { options, selected } => options
                .get(*selected)
                .map(|o| o.0.clone())
                .unwrap_or_default(),
            FieldKind::Checks { options, .. } => options
                .iter()
                .filter(|o| o.2)
                .map(|o| o.0.as_str())
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

/// Which form is open; decides what its values become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Refuse,
    Extend,
    Identity,
    Note,
    Assign,
    Triage,
    Reopen,
    NewRequest,
    CustomerActions,
    LinkReason,
    Fee,
    Representative,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// The request the form acts on and the version it was opened at (None: new request).
    pub target: Option<(String, i64)>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Problems per field, recomputed on every change.
    pub problems: Vec<(FieldId, String)>,
    /// A problem from saving (e.g. the request changed underneath); the input is kept.
    pub save_error: Option<String>,
    /// Whether anything was typed or changed since the form opened.
    pub touched: bool,
    /// The furthest field reached, and whether saving was tried: problems show only for
    /// fields left behind, or all of them once saving was tried.
    pub reached: usize,
    pub submitted: bool,
    /// The case as it was when the form opened: read once, so typing queries nothing (the
    /// case is read again when saving).
    pub facts: Option<Box<crate::case::CaseFacts>>,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Submit,
    Cancel,
}

impl Form {
    pub fn new(
        kind: FormKind,
        title: String,
        target: Option<(String, i64)>,
        fields: Vec<Field>,
    ) -> Form {
        Form {
            kind,
            title,
            target,
            fields,
            focus: 0,
            problems: Vec::new(),
            save_error: None,
            touched: false,
            reached: 0,
            submitted: false,
            facts: None,
        }
    }

    /// The form, knowing the case it acts on.
    pub fn with_facts(mut self, facts: crate::case::CaseFacts) -> Form {
        self.facts = Some(Box::new(facts));
        self
    }

    pub fn get(&self, key: FieldId) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value())
            .unwrap_or_default()
    }

    /// Whether the form has the field.
    pub fn has(&self, key: FieldId) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }

    pub fn problem(&self, key: FieldId) -> Option<&str> {
        self.problems
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, p)| p.as_str())
    }

    /// The problem to show beside field `index` now (see `reached`).
    pub fn visible_problem(&self, index: usize) -> Option<&str> {
        let field = self.fields.get(index)?;
        let shown = self.submitted
            || index < self.reached
            || (index == self.focus && !field.value().is_empty());
        if shown { self.problem(field.key) } else { None }
    }

    /// Keys: Tab/Shift-Tab or Up/Down move between fields; Left/Right pick a choice;
    /// Space ticks a check; Enter submits (on a check list it ticks); Esc cancels.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancel,
            KeyCode::Tab => self.move_focus(1),
            KeyCode::BackTab => self.move_focus(-1),
            KeyCode::Enter if ctrl => return FormOutcome::Submit,
            KeyCode::Char('s') if ctrl => return FormOutcome::Submit,
            _ => {
                let field = &mut self.fields[self.focus];
                match &mut field.kind {
                    FieldKind::Text(input) => match key.code {
                        KeyCode::Up => self.step_focus(-1),
                        KeyCode::Down => self.step_focus(1),
                        KeyCode::Enter => return FormOutcome::Submit,
                        _ => {
                            let typed = matches!(key.code, KeyCode::Char(_))
                                && !key
                                    .modifiers
                                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                            if std::mem::take(&mut field.prefilled) && typed {
                                *input = Input::default();
                            }
                            if input.handle_event(&CtEvent::Key(key)).is_some() {
                                self.touched = true;
                            }
                        }
                    },
                    FieldKind::Area(area) => match key.code {
                        KeyCode::Up => self.step_focus(-1),
                        KeyCode::Down => self.step_focus(1),
                        KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) => {
                            area.insert_newline();
                            self.touched = true;
                        }
                        KeyCode::Char('j') if ctrl => {
                            area.insert_newline();
                            self.touched = true;
                        }
                        KeyCode::Enter => return FormOutcome::Submit,
                        _ => {
                            if area.input(key) {
                                self.touched = true;
                            }
                        }
                    },
                    FieldKind::Choice { options, selected } => {
                        let n = options.len().max(1);
                        let before = *selected;
                        match key.code {
                            KeyCode::Left => *selected = (*selected + n - 1) % n,
                            KeyCode::Right | KeyCode::Char(' ') => *selected = (*selected + 1) % n,
                            KeyCode::Up | KeyCode::Down => {
                                self.step_focus(if key.code == KeyCode::Up { -1 } else { 1 });
                                return FormOutcome::Editing;
                            }
                            KeyCode::Enter => return FormOutcome::Submit,
                            // A letter jumps to the next option whose shown label starts with
                            // it (what the officer reads), else whose value does.
                            KeyCode::Char(c) => {
                                let c = c.to_lowercase().next().unwrap_or(c);
                                let starts = |text: &str| {
                                    text.chars()
                                        .next()
                                        .is_some_and(|f| f.to_lowercase().next() == Some(c))
                                };
                                let next_where = |hit: &dyn Fn(usize) -> bool| {
                                    (1..=n).map(|k| (*selected + k) % n).find(|i| hit(*i))
                                };
                                if let Some(next) = next_where(&|i| starts(&options[i].1))
                                    .or_else(|| next_where(&|i| starts(&options[i].0)))
                                {
                                    *selected = next;
                                }
                            }
                            _ => return FormOutcome::Editing,
                        }
                        // Moving between fields, or a letter no option starts with, changes
                        // nothing that Esc would lose.
                        self.touched |= *selected != before;
                    }
                    FieldKind::Checks { options, cursor } => match key.code {
                        KeyCode::Up | KeyCode::Char('k') if *cursor > 0 => *cursor -= 1,
                        KeyCode::Down | KeyCode::Char('j') if *cursor + 1 < options.len() => {
                            *cursor += 1
                        }
                        KeyCode::Up | KeyCode::Char('k') => self.step_focus(-1),
                        KeyCode::Down | KeyCode::Char('j') => self.step_focus(1),
                        KeyCode::Char(' ') | KeyCode::Char('x') => {
                            if let Some(o) = options.get_mut(*cursor) {
                                o.2 = !o.2;
                                self.touched = true;
                            }
                        }
                        KeyCode::Enter => return FormOutcome::Submit,
                        _ => {}
                    },
                }
            }
        }
        FormOutcome::Editing
    }

    /// Tab and Shift-Tab wrap around; arrows stop at the first and last field.
    fn move_focus(&mut self, by: isize) {
        let n = self.fields.len() as isize;
        self.reached = self.reached.max(self.focus + 1);
        self.focus = ((self.focus as isize + by).rem_euclid(n)) as usize;
    }

    fn step_focus(&mut self, by: isize) {
        let next = self.focus as isize + by;
        if next >= 0 && next < self.fields.len() as isize {
            self.move_focus(by);
        }
    }
}
