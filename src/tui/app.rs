//! The desk's state: what each screen shows, what lies over it, and what the officer's
//! keys may do now. Keys become actions in the screens' pure `handle_key`; actions change
//! this state in one place, `App::update` (update.rs).

use std::cell::Cell;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::layout::Rect;

use super::keys::{Availability, Command, Layer};
pub use super::screens::lookup::LookupState;
pub use super::screens::queue::Queue;
pub use super::screens::request::{CustomerSide, Detail};
pub use super::state::{CustomerOp, Modal, Pending, Screen};
use super::theme::Theme;
use crate::case::{self, Case, CaseError, CaseFacts};
use crate::config::Config;
use crate::domain::deadline::oslo_date;
use crate::domain::request::Request;
use crate::store::{ChangeMark, QueueFilter, QueueRow, Stats, Store, StoreError, View};

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
    pub(crate) data_version: i64,
    /// The customer database, opened on first use.
    pub(crate) customer_db: Option<crate::customers::CustomerDb>,
    pub lookup: Option<LookupState>,
    pub(crate) lookup_returns_to: Screen,
    /// Where background work reports (set by the running desk).
    pub(crate) jobs: Option<std::sync::mpsc::Sender<super::action::DeskEvent>>,
    /// What runs in the background now, shown in the footer.
    pub busy: Option<super::jobs::Busy>,
    /// What the keys may do now and why not: the footer greys what does not work, the key
    /// says why. Worked out when the state changes, not on every frame.
    pub available: Availability,
    /// Where the audit trail does not verify, as `audit verify` says it: shown in red at the
    /// top of every screen until the desk quits.
    pub audit_broken: Option<String>,
    /// How many times the target request's case was read from the store (tests check that
    /// typing in a form reads it never).
    pub case_reads: u64,
    /// The cases the footer's guards were last worked out from, while the register has not
    /// changed: moving the cursor back to a request seen since does not read it again.
    pub(crate) guard_facts: GuardFacts,
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
            available: Availability::default(),
            audit_broken: None,
            case_reads: 0,
            guard_facts: GuardFacts::default(),
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
    pub(crate) fn select_reference(&mut self, reference: Option<&str>) -> Result<(), StoreError> {
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
    pub(crate) fn load_window(&mut self, force: bool) -> Result<(), StoreError> {
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

    pub(crate) fn open_detail(&mut self, reference: &str) -> Result<(), StoreError> {
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
    pub(crate) fn target_facts(&mut self) -> Option<CaseFacts> {
        let reference = self.target_reference()?;
        self.case_reads += 1;
        self.facts_of(&reference).ok()
    }

    /// The target's case for the footer's guards, from [`GuardFacts`] when the register has
    /// not changed since it was read. Actions never use this: they read the case afresh.
    fn guard_target_facts(&mut self) -> Option<&CaseFacts> {
        let reference = self.target_reference()?;
        let mark = self.store.change_mark().ok()?;
        if !self.guard_facts.holds(mark, self.today, &reference) {
            let facts = self.target_facts()?;
            self.guard_facts.put(mark, self.today, facts);
        }
        self.guard_facts.get(mark, self.today, &reference)
    }

    /// The request an action applies to: the open one, or the queue's selection.
    pub(crate) fn target(&mut self) -> Option<Request> {
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

    /// The screen's layer of the key table.
    pub fn screen_layer(&self) -> Layer {
        match self.screen {
            Screen::Queue => Layer::Queue,
            Screen::Request => Layer::Request,
            Screen::Stats => Layer::Stats,
            Screen::Lookup => Layer::Lookup,
        }
    }

    /// The layer that gets the keys now: the top modal's, else the screen's (or its line
    /// being typed into).
    pub fn layer(&self) -> Layer {
        match self.modals.last() {
            Some(Modal::Help(_)) => Layer::Help,
            Some(Modal::Form(f)) if f.kind == super::form::FormKind::CustomerActions => {
                Layer::Records
            }
            Some(Modal::Form(_)) => Layer::Form,
            Some(Modal::Confirm { .. }) => Layer::Confirm,
            Some(Modal::Message(_)) => Layer::Message,
            Some(Modal::Export(_)) => Layer::Export,
            Some(Modal::Palette(_)) => Layer::Palette,
            None if self.screen == Screen::Queue && self.queue.searching => Layer::Search,
            None if self.screen == Screen::Lookup => self
                .lookup
                .as_ref()
                .map(|l| l.layer())
                .unwrap_or(Layer::Lookup),
            None => self.screen_layer(),
        }
    }

    /// Whether a form holds input that quitting would lose.
    pub fn has_unsaved_input(&self) -> bool {
        self.modals
            .iter()
            .any(|m| matches!(m, Modal::Form(f) if f.touched))
    }

    /// Why the case does not allow `command` now, if it does not.
    pub fn blocked(&self, command: Command) -> Option<&str> {
        self.available
            .blocked
            .iter()
            .find(|(c, _)| *c == command)
            .map(|(_, why)| why.as_str())
    }

    /// Works out what the keys may do now: the case's guards for every command that acts on
    /// the target request (the selected or open one), and the few facts other keys need.
    pub(crate) fn refresh_blocked(&mut self) {
        let mut available = Availability {
            no_import: match &self.config.mailbox {
                None => Some(
                    "no mailbox is set: add mailbox = \"/path/to/Maildir\" to the config file"
                        .into(),
                ),
                Some(_) => None,
            },
            busy: self.busy.as_ref().map(super::jobs::Busy::wait),
            no_link: self.lookup.as_ref().and_then(|l| l.no_link()),
            ..Availability::default()
        };
        let (screen, total) = (self.screen, self.queue.total);
        let facts = match screen {
            Screen::Queue | Screen::Request => self.guard_target_facts(),
            _ => None,
        };
        match facts {
            Some(f) => {
                for command in super::keys::CASE_COMMANDS {
                    if let Some(op) = super::keys::case_op(command)
                        && let Err(e) = case::allows(f, op)
                    {
                        available.blocked.push((command, e.to_string()));
                    }
                }
            }
            None if matches!(screen, Screen::Queue | Screen::Request) => {
                available.no_target = Some(if total == 0 {
                    "no request in this view: change the view (f) or clear the filters (c)".into()
                } else {
                    "no request is selected".into()
                });
            }
            None => {}
        }
        self.available = available;
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
}

/// A refusal of the case as the desk shows it: one sentence on the status line or in the form.
pub(crate) fn shown(e: CaseError) -> StoreError {
    match e {
        CaseError::Store(s) => s,
        other => StoreError::Invalid(other.to_string()),
    }
}

/// Cases read for the footer's guards, valid for one state of the register and one day.
#[derive(Debug, Default)]
pub(crate) struct GuardFacts {
    valid_for: Option<(ChangeMark, NaiveDate)>,
    by_reference: std::collections::HashMap<String, CaseFacts>,
}

impl GuardFacts {
    /// Enough for the pages around the cursor; beyond it the cache starts again.
    const MOST: usize = 512;

    fn get(&self, mark: ChangeMark, today: NaiveDate, reference: &str) -> Option<&CaseFacts> {
        if self.valid_for != Some((mark, today)) {
            return None;
        }
        self.by_reference.get(reference)
    }

    fn holds(&self, mark: ChangeMark, today: NaiveDate, reference: &str) -> bool {
        self.get(mark, today, reference).is_some()
    }

    fn put(&mut self, mark: ChangeMark, today: NaiveDate, facts: CaseFacts) {
        if self.valid_for != Some((mark, today)) || self.by_reference.len() >= Self::MOST {
            self.by_reference.clear();
            self.valid_for = Some((mark, today));
        }
        self.by_reference
            .insert(facts.reference().to_string(), facts);
    }
}
