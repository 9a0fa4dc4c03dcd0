//! The one place the desk's state changes: `App::update(Action)`. Keys and mouse events
//! become actions in the screens' and layers' pure `handle_key`; the event loop's tick and
//! workers' results are actions too. What an action carries out lives in commands.rs (the
//! screens' commands), submit.rs (forms and questions) and ops/ (the work behind them).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};

use super::action::{Action, for_key};
use super::app::{App, Modal, Pending, Screen};
use super::keys::{Availability, Command, Layer};
use super::screens::{export, help, lookup, modal, palette, queue, request, stats};
use crate::store::StoreError;

impl App {
    /// The one entry point for keys. Returns whether anything visible changed: a key bound
    /// to nothing in the layer on top changes nothing, and nothing is drawn.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        if !self.queue.searching {
            // A search key earlier in this burst left the queue to reload: before this key.
            self.flush_search();
        }
        match self.key_action(key) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// What a key asks for, from the layer on top. Pure: no store, no change.
    pub fn key_action(&self, key: KeyEvent) -> Option<Action> {
        let none = Availability::default();
        match self.modals.last() {
            Some(Modal::Help(scroll)) => help::handle_key(*scroll, key),
            Some(Modal::Form(form)) => modal::handle_form_key(form, key),
            Some(Modal::Confirm { .. }) => for_key(Layer::Confirm, &none, key),
            Some(Modal::Message(_)) => for_key(Layer::Message, &none, key),
            Some(Modal::Export(menu)) => export::handle_key(menu, key),
            Some(Modal::Palette(p)) => palette::handle_key(p, key),
            None => match self.screen {
                Screen::Queue => queue::handle_key(&self.queue, &self.available, key),
                Screen::Request => match &self.detail {
                    Some(d) => request::handle_key(d, &self.available, key),
                    None => for_key(Layer::Request, &self.available, key),
                },
                Screen::Stats => match &self.stats {
                    Some(s) => stats::handle_key(s, &self.available, key),
                    None => for_key(Layer::Stats, &self.available, key),
                },
                Screen::Lookup => match &self.lookup {
                    Some(l) => lookup::handle_key(l, &self.available, key),
                    None => for_key(Layer::Lookup, &self.available, key),
                },
            },
        }
    }

    /// Mouse events: the wheel moves, a click selects a queue row (a second click opens it).
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> bool {
        match self.mouse_action(mouse) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    fn mouse_action(&self, mouse: MouseEvent) -> Option<Action> {
        if !self.modals.is_empty() {
            return None;
        }
        let run = |command| Some(Action::Run(command, KeyEvent::from(KeyCode::Null)));
        match mouse.kind {
            MouseEventKind::ScrollUp => run(Command::Up),
            MouseEventKind::ScrollDown => run(Command::Down),
            MouseEventKind::Down(_) if self.screen == Screen::Queue => {
                let area = self.table_area.get();
                // The table's first line is its header.
                let inside = mouse.row > area.y
                    && mouse.row < area.y + area.height
                    && mouse.column >= area.x
                    && mouse.column < area.x + area.width;
                let index = self.queue.offset + u64::from(mouse.row.saturating_sub(area.y + 1));
                (inside && index < self.queue.total).then_some(Action::Click(index))
            }
            _ => None,
        }
    }

    /// Called on every tick by the event loop. Returns whether anything visible changed.
    pub fn tick(&mut self) -> bool {
        self.update(Action::Tick)
    }

    /// Carries out an action: the one place the desk's state changes. Returns whether
    /// anything visible changed.
    pub fn update(&mut self, action: Action) -> bool {
        // Keys that stay inside a layer over the screen (typing in a form or the palette,
        // scrolling the help) change nothing the keys' availability depends on: no store
        // query for them.
        let inside = matches!(
            self.layer(),
            Layer::Form | Layer::Records | Layer::Palette | Layer::Help | Layer::Export
        );
        let depth = self.modals.len();
        match action {
            Action::Tick => return self.on_tick(),
            Action::Job(done) => self.finish_job(done),
            Action::Refused(why) => {
                self.flash = Some((false, why));
                return true;
            }
            Action::Click(index) => {
                self.flash = None;
                let result = if index == self.queue.selected {
                    self.run(Command::Open)
                } else {
                    self.queue.selected = index;
                    self.load_window(false)
                };
                if let Err(e) = result {
                    self.flash = Some((false, e.to_string()));
                }
            }
            Action::Run(command, key) => {
                self.flash = None;
                if let Err(e) = self.dispatch(command, key) {
                    self.flash = Some((false, e.to_string()));
                }
            }
        }
        if !(inside && self.modals.len() == depth) {
            self.refresh_blocked();
        }
        true
    }

    /// A command goes to the layer that got the key.
    fn dispatch(&mut self, command: Command, key: KeyEvent) -> Result<(), StoreError> {
        if command == Command::QuitNow {
            self.quit = true;
            return Ok(());
        }
        match self.layer() {
            Layer::Help => self.help_command(command),
            Layer::Message => {
                self.modals.pop();
            }
            Layer::Confirm => return self.confirm_command(command),
            Layer::Form | Layer::Records => return self.form_key(key),
            Layer::Export => self.export_key(key),
            Layer::Palette => return self.palette_command(command, key),
            Layer::Search => return self.search_command(command, key),
            Layer::Queue | Layer::Request | Layer::Stats | Layer::Lookup => {
                return self.run(command);
            }
        }
        Ok(())
    }

    fn help_command(&mut self, command: Command) {
        if command == Command::Close {
            self.modals.pop();
        } else if let Some(Modal::Help(scroll)) = self.modals.last_mut() {
            *scroll = scrolled(*scroll, command);
        }
    }

    /// Only `y` says yes: Enter, pressed once too often, must not erase or close.
    fn confirm_command(&mut self, command: Command) -> Result<(), StoreError> {
        let Some(Modal::Confirm { on_yes, scroll, .. }) = self.modals.last_mut() else {
            return Ok(());
        };
        match command {
            Command::Yes => {
                let pending = on_yes.clone();
                self.modals.pop();
                match pending {
                    Pending::Quit => self.quit = true,
                    Pending::DiscardForm => {
                        self.modals.pop();
                    }
                    Pending::Submit(s) => self.submit(s)?,
                    Pending::ReplaceExport(choice) => self.write_export(&choice, true),
                    Pending::SendLetter(choice) => self.send_letter(choice),
                    Pending::Customer(op) => {
                        // The form that asked for it (if any) is done either way.
                        if matches!(self.modals.last(), Some(Modal::Form(_))) {
                            self.modals.pop();
                        }
                        self.run_customer_op(op)?
                    }
                }
            }
            Command::No => {
                self.modals.pop();
            }
            other => *scroll = scrolled(*scroll, other),
        }
        Ok(())
    }

    fn export_key(&mut self, key: KeyEvent) {
        use super::forms::export_menu::MenuOutcome;
        let Some(Modal::Export(menu)) = self.modals.last_mut() else {
            return;
        };
        match menu.handle_key(key) {
            MenuOutcome::Browsing => {}
            MenuOutcome::Close => {
                self.modals.pop();
            }
            MenuOutcome::Write(choice) => self.write_export(&choice, false),
            MenuOutcome::Mail { choice, send } => self.mail_letter(&choice, send),
        }
    }

    /// The palette: typing filters, Tab completes, Enter runs the highlighted action as its
    /// key would, refused the same way when it does not work now.
    fn palette_command(&mut self, command: Command, key: KeyEvent) -> Result<(), StoreError> {
        let Some(Modal::Palette(p)) = self.modals.last_mut() else {
            return Ok(());
        };
        match command {
            Command::Type => p.edit(key),
            Command::Complete => p.complete(),
            Command::Up => p.step(-1),
            Command::Down => p.step(1),
            Command::Close => {
                self.modals.pop();
            }
            Command::Save => {
                let chosen = p.chosen();
                self.modals.pop();
                if let Some(b) = chosen {
                    match self.available.enabled(b.command) {
                        Ok(()) => return self.run(b.command),
                        Err(why) => self.flash = Some((false, why)),
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Typing a search: the queue's (`/`) or the lookup's query line.
    fn search_command(&mut self, command: Command, key: KeyEvent) -> Result<(), StoreError> {
        if self.screen == Screen::Lookup {
            return match command {
                Command::Up | Command::Down => {
                    if let Some(l) = self.lookup.as_mut() {
                        l.editing = false;
                        l.step(if command == Command::Up { -1 } else { 1 });
                    }
                    Ok(())
                }
                _ => self.lookup_edit_key(key),
            };
        }
        match command {
            Command::ClearSearch => {
                self.queue.searching = false;
                self.queue.filter.search.clear();
            }
            Command::KeepSearch => self.queue.searching = false,
            Command::Up | Command::Down => {
                self.queue.searching = false;
                self.flush_search();
                return self.run(command);
            }
            Command::Type => match key.code {
                KeyCode::Backspace => {
                    self.queue.filter.search.pop();
                }
                KeyCode::Char(c) if self.queue.filter.search.chars().count() < 100 => {
                    self.queue.filter.search.push(c)
                }
                _ => return Ok(()),
            },
            _ => return Ok(()),
        }
        self.queue.selected = 0;
        self.reload_after_search()
    }

    /// Reloads when the date turned or another process wrote. Returns whether anything
    /// visible changed.
    fn on_tick(&mut self) -> bool {
        self.now = self.clock.now();
        let today = crate::domain::deadline::oslo_date(self.now);
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

/// A scroll position moved by a scrolling command.
fn scrolled(scroll: u16, command: Command) -> u16 {
    match command {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::PageUp => scroll.saturating_sub(10),
        Command::PageDown => scroll.saturating_add(10),
        _ => scroll,
    }
}
