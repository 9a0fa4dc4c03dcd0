//! The desk's state and the one place it changes: keys become commands, commands change state.

use std::cell::Cell;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::customer_desk::{CustomerOp, CustomerSide, Lookup};
use super::form::{Form, FormOutcome};
use super::forms::{self, Submission};
use super::keys::{Command, Context, lookup};
use super::theme::Theme;
use crate::case::{self, Answer, Case, CaseError, CaseFacts, Decision, Edit, Op};
use crate::config::Config;
use crate::domain::deadline::oslo_date;
use crate::domain::request::{Request, Right};
use crate::export::letters;
use crate::store::{
    Event, IntakeInfo, QueueCounts, QueueFilter, QueueRow, Stats, Store, StoreError, View,
};

/// Where "now" comes from: the system clock, or a fixed instant for tests.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

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
    /// A question; `Yes` carries out the pending submission (or quits).
    Confirm {
        question: String,
        on_yes: Pending,
    },
    Message(String),
    /// `E`: what to export; written to the exports folder.
    Export(super::export_menu::ExportMenu),
}

#[derive(Debug, Clone)]
pub enum Pending {
    Submit(Submission),
    Customer(CustomerOp),
    /// Write the export again, replacing the file of the same name.
    ReplaceExport(super::export_menu::Choice),
    Quit,
    DiscardForm,
}

/// The queue screen's state: only the visible window of rows is loaded.
#[derive(Debug, Default)]
pub struct Queue {
    pub filter: QueueFilter,
    pub total: u64,
    /// Absolute index of the selected row within the filtered queue.
    pub selected: u64,
    /// Absolute index of `rows[0]`.
    pub offset: u64,
    pub rows: Vec<QueueRow>,
    pub counts: QueueCounts,
    pub searching: bool,
}

/// An opened request.
#[derive(Debug)]
pub struct Detail {
    pub request: Request,
    pub events: Vec<Event>,
    pub intake: IntakeInfo,
    pub customers: CustomerSide,
    pub scroll: u16,
}

pub struct App {
    pub store: Store,
    pub config: Config,
    pub clock: Clock,
    pub theme: Theme,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub screen: Screen,
    pub modals: Vec<Modal>,
    pub queue: Queue,
    pub detail: Option<Detail>,
    pub stats: Option<Stats>,
    pub privacy: bool,
    pub working_days: bool,
    pub suspension_enabled: bool,
    /// The controller's name for the header, as the register holds it (empty: none set).
    pub controller_name: String,
    /// The letters' default language, as the register holds it.
    pub letter_language: crate::export::letters::Lang,
    /// A one-line result of the last action, shown in the footer.
    pub flash: Option<(bool, String)>,
    pub quit: bool,
    /// Rows the queue table can show, set from the terminal size.
    pub page_rows: u64,
    /// Where the queue table was last drawn, for mouse clicks.
    pub table_area: Cell<Rect>,
    /// Where `E` writes files: the data folder's exports/ (tests point it elsewhere).
    pub exports_dir: std::path::PathBuf,
    data_version: i64,
    /// The customer database, opened on first use.
    pub(crate) customer_db: Option<crate::customers::CustomerDb>,
    pub lookup: Option<Lookup>,
    pub(crate) lookup_returns_to: Screen,
    /// Where background work reports (set by the running desk).
    pub(crate) jobs: Option<std::sync::mpsc::Sender<super::jobs::DeskEvent>>,
    /// What runs in the background now, shown in the footer.
    pub busy: Option<String>,
    /// The commands the case of the selected or open request does not allow now, and why:
    /// the footer greys them. Worked out when the state changes, not on every frame.
    pub blocked: Vec<(Command, String)>,
    /// Where the audit trail does not verify, as `audit verify` says it: shown in red at the
    /// top of every screen until the desk quits.
    pub audit_broken: Option<String>,
    /// The in-memory queue and cached statistics, and where they come from.
    pub(crate) source: super::queue_source::QueueSource,
}

impl App {
    pub fn new(
        store: Store,
        config: Config,
        clock: Clock,
        theme: Theme,
    ) -> Result<App, StoreError> {
        let now = clock.now();
        let data_version = store.data_version()?;
        let suspension_enabled = store.suspension_enabled()?;
        let controller_name = store.controller()?.map(|c| c.name).unwrap_or_default();
        let letter_language = store
            .letter_language()?
            .as_deref()
            .and_then(crate::export::letters::Lang::parse)
            .unwrap_or(crate::export::letters::Lang::Nb);
        let mut app = App {
            store,
            clock,
            theme,
            now,
            today: oslo_date(now),
            screen: Screen::Queue,
            modals: Vec::new(),
            queue: Queue {
                filter: QueueFilter::for_officer(&config.actor()),
                ..Queue::default()
            },
            detail: None,
            stats: None,
            privacy: false,
            working_days: false,
            suspension_enabled,
            controller_name,
            letter_language,
            flash: None,
            quit: false,
            page_rows: 30,
            table_area: Cell::new(Rect::default()),
            exports_dir: crate::export::files::default_exports_dir(
                &crate::config::Paths::standard().data_dir,
            ),
            data_version,
            customer_db: None,
            lookup: None,
            lookup_returns_to: Screen::Queue,
            jobs: None,
            busy: None,
            blocked: Vec::new(),
            audit_broken: None,
            config,
            source: Default::default(),
        };
        app.reload()?;
        Ok(app)
    }

    /// Reloads what is on screen: counts, the queue window, the open request.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        self.keep_queue_in_step();
        self.queue.counts = self.source.counts(&self.store, self.today)?;
        self.queue.counts.mine = self.source.count(
            &self.store,
            &QueueFilter {
                view: View::Mine,
                ..self.queue.filter.cleared()
            },
            self.today,
        )?;
        self.queue.total = self
            .source
            .count(&self.store, &self.queue.filter, self.today)?;
        if self.queue.selected >= self.queue.total {
            self.queue.selected = self.queue.total.saturating_sub(1);
        }
        self.load_window(true)?;
        if let Some(d) = &self.detail {
            let reference = d.request.reference.clone();
            let scroll = d.scroll;
            self.open_detail(&reference)?;
            if let Some(d) = self.detail.as_mut() {
                d.scroll = scroll;
            }
        }
        if self.screen == Screen::Stats {
            self.stats = Some(self.source.stats(&self.store)?);
        }
        self.refresh_blocked();
        Ok(())
    }

    /// Reloads, keeping the selection on the same request (the open one, else the selected
    /// one) when it moved in the queue: after an action or another officer's change re-sorts
    /// the queue, the next key still acts on the request the officer was looking at.
    pub fn reload_following(&mut self) -> Result<(), StoreError> {
        let reference = match (&self.detail, self.selected_row()) {
            (Some(d), _) => Some(d.request.reference.clone()),
            (None, Some(r)) => Some(r.reference.clone()),
            _ => None,
        };
        self.reload()?;
        self.select_reference(reference.as_deref())
    }

    /// Selects `reference` in the queue, if the view shows it.
    fn select_reference(&mut self, reference: Option<&str>) -> Result<(), StoreError> {
        let Some(reference) = reference else {
            return Ok(());
        };
        if let Some(at) = self
            .source
            .position(&self.store, &self.queue.filter, self.today, reference)?
            .filter(|at| *at != self.queue.selected)
        {
            self.queue.selected = at;
            self.load_window(false)?;
            self.refresh_blocked();
        }
        Ok(())
    }

    /// Loads the rows around the selection when it left the loaded window (or `force`).
    fn load_window(&mut self, force: bool) -> Result<(), StoreError> {
        let page = self.page_rows.max(1);
        let inside = self.queue.selected >= self.queue.offset
            && self.queue.selected < self.queue.offset + self.queue.rows.len() as u64;
        if force || !inside {
            if self.queue.selected < self.queue.offset {
                self.queue.offset = self.queue.selected;
            } else if self.queue.selected >= self.queue.offset + page {
                self.queue.offset = self.queue.selected + 1 - page;
            }
            self.queue.offset = self.queue.offset.min(self.queue.total.saturating_sub(page));
            self.queue.rows = self.source.page(
                &self.store,
                &self.queue.filter,
                self.today,
                self.queue.offset,
                page,
            )?;
        }
        Ok(())
    }

    pub fn selected_row(&self) -> Option<&QueueRow> {
        self.queue
            .rows
            .get(self.queue.selected.checked_sub(self.queue.offset)? as usize)
    }

    fn open_detail(&mut self, reference: &str) -> Result<(), StoreError> {
        let request = self.store.get(reference)?;
        let events = self.store.events_of(request.id)?;
        let intake = self.store.intake_info(request.id)?;
        let customers = self.customer_side(&request, &events);
        self.detail = Some(Detail {
            request,
            events,
            intake,
            customers,
            scroll: 0,
        });
        Ok(())
    }

    /// The case workflow for the officer at the desk, at the desk's clock.
    pub(crate) fn case(&mut self) -> Case<'_> {
        let actor = self.config.actor();
        let now = self.clock.now();
        Case::new(&mut self.store, &actor, now)
    }

    /// The case of `reference` as the record shows it now.
    pub(crate) fn facts_of(&self, reference: &str) -> Result<CaseFacts, StoreError> {
        CaseFacts::load(&self.store, reference, self.today)
    }

    /// The case an action applies to: the open request, or the queue's selection.
    fn target_facts(&mut self) -> Option<CaseFacts> {
        let reference = self.target_reference()?;
        self.facts_of(&reference).ok()
    }

    /// The request an action applies to: the open one, or the queue's selection.
    fn target(&mut self) -> Option<Request> {
        match self.screen {
            Screen::Request => self.detail.as_ref().map(|d| d.request.clone()),
            _ => self.store.get(&self.target_reference()?).ok(),
        }
    }

    /// The reference of the request an action applies to, read without a query: the footer's
    /// guards ask for it on every key, and the case's facts read the request once.
    fn target_reference(&self) -> Option<String> {
        match self.screen {
            Screen::Request => self.detail.as_ref().map(|d| d.request.reference.clone()),
            _ => self.selected_row().map(|r| r.reference.clone()),
        }
    }

    pub fn context(&self) -> Context {
        match self.screen {
            Screen::Queue => Context::Queue,
            Screen::Request => Context::Request,
            Screen::Stats => Context::Stats,
            Screen::Lookup => Context::Lookup,
        }
    }

    /// Whether a form holds input that quitting would lose.
    pub fn has_unsaved_input(&self) -> bool {
        self.modals
            .iter()
            .any(|m| matches!(m, Modal::Form(f) if f.touched))
    }

    /// The one entry point for keys. Returns whether anything visible changed.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return true;
        }
        self.flash = None;
        if !self.queue.searching {
            // A search key earlier in this burst left the queue to reload: before this key.
            self.flush_search();
        }
        let result = if !self.modals.is_empty() {
            self.modal_key(key)
        } else if self.queue.searching {
            self.search_key(key)
        } else if self.screen == Screen::Lookup && self.lookup.as_ref().is_some_and(|l| l.editing) {
            self.lookup_edit_key(key)
        } else {
            match lookup(self.context(), &key) {
                Some(command) => self.run(command),
                None => Ok(()),
            }
        };
        if let Err(e) = result {
            self.flash = Some((false, e.to_string()));
        }
        self.refresh_blocked();
        true
    }

    /// Why the case does not allow `command` now, if it does not.
    pub fn blocked(&self, command: Command) -> Option<&str> {
        self.blocked
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, why)| why.as_str())
    }

    /// Asks the case's guards about every command that acts on the case, for the current
    /// target (the selected or open request).
    pub(crate) fn refresh_blocked(&mut self) {
        self.blocked.clear();
        let Some(f) = (match self.screen {
            Screen::Queue | Screen::Request => self.target_facts(),
            _ => None,
        }) else {
            return;
        };
        for command in super::keys::CASE_COMMANDS {
            if let Some(op) = super::keys::case_op(command)
                && let Err(e) = case::allows(&f, op)
            {
                self.blocked.push((command, e.to_string()));
            }
        }
    }

    fn search_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        match key.code {
            KeyCode::Esc => {
                self.queue.searching = false;
                self.queue.filter.search.clear();
            }
            KeyCode::Enter => self.queue.searching = false,
            KeyCode::Backspace => {
                self.queue.filter.search.pop();
            }
            KeyCode::Up | KeyCode::Down => {
                self.queue.searching = false;
                self.flush_search();
                return self.run(if key.code == KeyCode::Up {
                    Command::Up
                } else {
                    Command::Down
                });
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                if self.queue.filter.search.chars().count() < 100 {
                    self.queue.filter.search.push(c);
                }
            }
            _ => return Ok(()),
        }
        self.queue.selected = 0;
        self.reload_after_search()
    }

    fn modal_key(&mut self, key: KeyEvent) -> Result<(), StoreError> {
        let Some(top) = self.modals.last_mut() else {
            return Ok(());
        };
        match top {
            Modal::Help(scroll) => match key.code {
                KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                KeyCode::PageDown => *scroll = scroll.saturating_add(10),
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Char('?') => {
                    self.modals.pop();
                }
                _ => {}
            },
            Modal::Export(menu) => match menu.handle_key(key) {
                super::export_menu::MenuOutcome::Browsing => {}
                super::export_menu::MenuOutcome::Close => {
                    self.modals.pop();
                }
                super::export_menu::MenuOutcome::Write(choice) => self.write_export(&choice, false),
            },
            Modal::Message(_) => {
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Char('?')
                ) {
                    self.modals.pop();
                }
            }
            // Only `y` says yes: Enter, pressed once too often, must not erase or close.
            Modal::Confirm { on_yes, .. } => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    let pending = on_yes.clone();
                    self.modals.pop();
                    match pending {
                        Pending::Quit => self.quit = true,
                        Pending::DiscardForm => {
                            self.modals.pop();
                        }
                        Pending::Submit(s) => self.submit(s)?,
                        Pending::ReplaceExport(choice) => self.write_export(&choice, true),
                        Pending::Customer(op) => {
                            // The form that asked for it (if any) is done either way.
                            if matches!(self.modals.last(), Some(Modal::Form(_))) {
                                self.modals.pop();
                            }
                            self.run_customer_op(op)?
                        }
                    }
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    self.modals.pop();
                }
                _ => {}
            },
            Modal::Form(form) => match form.handle_key(key) {
                FormOutcome::Cancel => {
                    if form.touched {
                        self.modals.push(Modal::Confirm {
                            question: "Discard what you typed in this form?".into(),
                            on_yes: Pending::DiscardForm,
                        });
                    } else {
                        self.modals.pop();
                    }
                }
                FormOutcome::Editing => {
                    let target = form.target.clone();
                    let facts = match &target {
                        Some((reference, _)) => self.facts_of(reference).ok(),
                        None => None,
                    };
                    if let Some(Modal::Form(form)) = self.modals.last_mut() {
                        forms::check(form, facts.as_ref(), self.now);
                    }
                }
                FormOutcome::Submit => {
                    let target = form.target.clone();
                    let facts = match &target {
                        Some((reference, _)) => Some(self.facts_of(reference)?),
                        None => None,
                    };
                    let now = self.now;
                    let Some(Modal::Form(form)) = self.modals.last_mut() else {
                        return Ok(());
                    };
                    form.submitted = true;
                    if let Some(submission) = forms::check(form, facts.as_ref(), now) {
                        match forms::confirmation(&submission) {
                            Some(question) => self.modals.push(Modal::Confirm {
                                question,
                                on_yes: Pending::Submit(submission),
                            }),
                            None => self.submit(submission)?,
                        }
                    }
                }
            },
        }
        Ok(())
    }

    /// Writes a submission. On failure the form stays open with its input and the reason.
    fn submit(&mut self, submission: Submission) -> Result<(), StoreError> {
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

    /// Carries out one command of the key table.
    pub fn run(&mut self, command: Command) -> Result<(), StoreError> {
        use Command::*;
        // The lookup screen gives a few commands its own meaning.
        if self.screen == Screen::Lookup {
            match command {
                Up | Down | PageUp | PageDown | Top | Bottom => {
                    let by = match command {
                        Up => -1,
                        Down => 1,
                        PageUp => -10,
                        PageDown => 10,
                        Top => -10_000,
                        _ => 10_000,
                    };
                    self.lookup_move(by);
                    return Ok(());
                }
                Open => return self.lookup_toggle_records(),
                Back => return self.close_lookup(),
                Search => {
                    self.lookup_search();
                    return Ok(());
                }
                Link => return self.lookup_link(),
                _ => {}
            }
        }
        match command {
            Quit => {
                if self.has_unsaved_input() {
                    self.modals.push(Modal::Confirm {
                        question: "A form holds unsaved input. Quit anyway?".into(),
                        on_yes: Pending::Quit,
                    });
                } else {
                    self.quit = true;
                }
            }
            Help => self.modals.push(Modal::Help(0)),
            Up | Down | Top | Bottom | PageUp | PageDown => self.navigate(command)?,
            Open => {
                if let Some((reference, unread)) =
                    self.selected_row().map(|r| (r.reference.clone(), r.unread))
                {
                    self.open_detail(&reference)?;
                    self.screen = Screen::Request;
                    if unread {
                        // Opened: no longer new. The queue shows it when we go back.
                        if let Some(d) = &self.detail {
                            self.store.mark_read(d.request.id)?;
                        }
                    }
                }
            }
            Import => self.import_mailbox()?,
            Back => {
                let open = self.detail.take().map(|d| d.request.reference);
                self.screen = Screen::Queue;
                self.reload()?;
                self.select_reference(open.as_deref())?;
            }
            Search => self.queue.searching = true,
            NextView | PrevView => {
                let views = View::ALL;
                let i = views
                    .iter()
                    .position(|v| *v == self.queue.filter.view)
                    .unwrap_or(0);
                let n = views.len();
                self.queue.filter.view = views[if command == NextView {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
                self.queue.selected = 0;
                self.reload()?;
            }
            NextRight => {
                let all = Right::ALL;
                self.queue.filter.right = match self.queue.filter.right {
                    None => Some(all[0]),
                    Some(r) => all
                        .iter()
                        .position(|x| *x == r)
                        .and_then(|i| all.get(i + 1))
                        .copied(),
                };
                self.queue.selected = 0;
                self.reload()?;
            }
            ClearFilters => {
                self.queue.filter = self.queue.filter.cleared();
                self.queue.selected = 0;
                self.reload()?;
            }
            Privacy => self.privacy = !self.privacy,
            WorkingDays => self.working_days = !self.working_days,
            Stats => {
                self.stats = Some(self.source.stats(&self.store)?);
                self.screen = Screen::Stats;
            }
            Answer | Erase => self.quick_decision(command == Erase)?,
            Refuse | Extend | Identity | Note | Assign | Triage | Reopen | Fee => {
                let Some(f) = self.target_facts() else {
                    return Ok(());
                };
                let op = match command {
                    Refuse => Op::Refuse,
                    Extend => Op::Extend,
                    Identity => Op::Identity,
                    Note => Op::Note,
                    Assign => Op::Assign,
                    Triage => Op::Triage,
                    Fee => Op::Fee(crate::domain::request::FeeBasis::UnfoundedOrExcessive),
                    _ => Op::Reopen,
                };
                // The same guard the case applies on saving: a form that could not be saved
                // does not open, and the status line says why.
                case::allows(&f, op).map_err(shown)?;
                let r = &f.request;
                let form = match command {
                    Refuse => forms::refuse(&f, letters::language_of(r, self.letter_language)),
                    Extend => forms::extend(r, self.today),
                    Identity => forms::identity(r),
                    Triage => forms::triage(r),
                    Note => forms::note(r),
                    Assign => forms::assign(r, &self.config.actor()),
                    Fee => forms::fee(r),
                    _ => forms::reopen(r),
                };
                self.modals.push(Modal::Form(form));
            }
            NewRequest => self.modals.push(Modal::Form(forms::new_request(self.now))),
            Lookup => {
                if let Some(r) = self.target() {
                    self.open_lookup(&r)?;
                }
            }
            CustomerActions => {
                if let Some(r) = self.target() {
                    let form = self.customer_actions_form(&r)?;
                    self.modals.push(Modal::Form(form));
                }
            }
            Link => {}
            Export => self.open_export_menu(),
        }
        Ok(())
    }

    /// `a` and `e`: decide every undecided right at once, after a confirmation. The case
    /// checks it first: `e` says so when nothing was erased.
    fn quick_decision(&mut self, erased: bool) -> Result<(), StoreError> {
        let Some(f) = self.target_facts() else {
            return Ok(());
        };
        let edit = Edit::Decide(Decision {
            rights: f.undecided(),
            ..Decision::new(if erased {
                Answer::Erased
            } else {
                Answer::Answered
            })
        });
        case::check_edit(&f, &edit, self.now).map_err(shown)?;
        let submission = Submission::Edit {
            reference: f.request.reference.clone(),
            version: f.request.version,
            edit,
        };
        let question = forms::confirmation(&submission).unwrap_or_default();
        self.modals.push(Modal::Confirm {
            question,
            on_yes: Pending::Submit(submission),
        });
        Ok(())
    }

    fn navigate(&mut self, command: Command) -> Result<(), StoreError> {
        use Command::*;
        if self.screen == Screen::Request {
            if let Some(d) = self.detail.as_mut() {
                d.scroll = match command {
                    Up => d.scroll.saturating_sub(1),
                    Down => d.scroll.saturating_add(1),
                    PageUp => d.scroll.saturating_sub(10),
                    PageDown => d.scroll.saturating_add(10),
                    Top => 0,
                    _ => d.scroll.saturating_add(1000),
                };
            }
            return Ok(());
        }
        let last = self.queue.total.saturating_sub(1);
        let page = self.page_rows.max(1);
        let s = self.queue.selected;
        self.queue.selected = match command {
            Up => s.saturating_sub(1),
            Down => (s + 1).min(last),
            Top => 0,
            Bottom => last,
            PageUp => s.saturating_sub(page),
            _ => (s + page).min(last),
        };
        self.load_window(false)
    }

    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> bool {
        let changed = self.mouse(mouse);
        self.refresh_blocked();
        changed
    }

    fn mouse(&mut self, mouse: MouseEvent) -> bool {
        if !self.modals.is_empty() {
            return false;
        }
        let command = match mouse.kind {
            MouseEventKind::ScrollUp => Some(Command::Up),
            MouseEventKind::ScrollDown => Some(Command::Down),
            MouseEventKind::Down(_) if self.screen == Screen::Queue => {
                let area = self.table_area.get();
                // The table's first line is its header.
                if mouse.row > area.y
                    && mouse.row < area.y + area.height
                    && mouse.column >= area.x
                    && mouse.column < area.x + area.width
                {
                    let index = self.queue.offset + (mouse.row - area.y - 1) as u64;
                    if index < self.queue.total {
                        if index == self.queue.selected {
                            return self.run(Command::Open).is_ok();
                        }
                        self.queue.selected = index;
                        return self.load_window(false).is_ok();
                    }
                }
                None
            }
            _ => None,
        };
        command.is_some_and(|c| self.run(c).is_ok())
    }

    /// The terminal now shows `rows` table lines.
    pub fn set_page_rows(&mut self, rows: u64) {
        // The audit banner takes a line from the table.
        let rows = rows.saturating_sub(self.audit_broken.is_some() as u64);
        if rows != self.page_rows && rows > 0 {
            self.page_rows = rows;
            let _ = self.load_window(true);
        }
    }

    /// Called on every tick: reloads when the date turned or another process wrote.
    /// Returns whether anything visible changed.
    pub fn tick(&mut self) -> bool {
        self.now = self.clock.now();
        let today = oslo_date(self.now);
        let version = self.store.data_version().unwrap_or(self.data_version);
        if today == self.today && version == self.data_version {
            return false;
        }
        self.today = today;
        self.data_version = version;
        if let Err(e) = self.reload_following() {
            self.flash = Some((false, e.to_string()));
        }
        true
    }
}

/// A refusal of the case as the desk shows it: one sentence on the status line or in the form.
pub(crate) fn shown(e: CaseError) -> StoreError {
    match e {
        CaseError::Store(s) => s,
        other => StoreError::Invalid(other.to_string()),
    }
}
