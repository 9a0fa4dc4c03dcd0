//! The screens' commands: what each key of the queue, request, statistics and lookup layers
//! does. Called only from `update`.

use super::app::{App, Modal, Pending, Screen, shown};
use super::forms::{self, Submission};
use super::keys::Command;
use super::screens::palette::Palette as PaletteState;
use crate::case::{self, Answer, Decision, Edit, Op};
use crate::domain::request::Right;
use crate::export::letters;
use crate::store::{QueueFilter, StoreError, View};

impl App {
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
                    self.modals.push(Modal::confirm(
                        "A form holds unsaved input. Quit anyway?",
                        Pending::Quit,
                    ));
                } else {
                    self.quit = true;
                }
            }
            Help => self.modals.push(Modal::Help(0)),
            Palette => {
                let screen = self.screen_layer();
                self.modals.push(Modal::Palette(PaletteState::new(screen)));
            }
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
                let view = views[if command == NextView {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
                self.refilter(|f| f.view = view)?;
            }
            NextRight => {
                let all = Right::ALL;
                let right = match self.queue.filter.right {
                    None => Some(all[0]),
                    Some(r) => all
                        .iter()
                        .position(|x| *x == r)
                        .and_then(|i| all.get(i + 1))
                        .copied(),
                };
                self.refilter(|f| f.right = right)?;
            }
            ClearFilters => self.refilter(|f| *f = f.cleared())?,
            Privacy => self.privacy = !self.privacy,
            WorkingDays => self.working_days = !self.working_days,
            Stats => {
                self.stats = Some(self.source.stats(&self.store)?);
                self.screen = Screen::Stats;
            }
            Answer | Erase => self.quick_decision(command == Erase)?,
            Refuse | Extend | Identity | Note | Assign | Triage | Reopen | Fee | Representative => {
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
                    Representative => Op::Representative,
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
                    Representative => forms::representative(r),
                    _ => forms::reopen(r),
                };
                self.modals.push(Modal::Form(form.with_facts(f)));
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
            Export => self.open_export_menu(),
            // The layers' own commands never reach a screen.
            QuitNow | Link | Close | Yes | No | Save | Cancel | NextField | PrevField | Choose
            | NewLine | Tick | Type | KeepSearch | ClearSearch | Complete => {}
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
        self.modals
            .push(Modal::confirm(question, Pending::Submit(submission)));
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

    /// Changes the queue's filter, keeping the selection on the request it was on when the
    /// new view shows it (else the top): a filter must not move the next key to another
    /// person's request without the officer seeing it.
    fn refilter(&mut self, change: impl FnOnce(&mut QueueFilter)) -> Result<(), StoreError> {
        let reference = self.selected_row().map(|r| r.reference.clone());
        change(&mut self.queue.filter);
        self.queue.selected = 0;
        self.reload()?;
        self.select_reference(reference.as_deref())
    }
}
