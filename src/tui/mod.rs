//! The terminal desk: one event loop that blocks on input, a one-second tick and database
//! changes, and draws only when something visible changed.

pub mod action;
pub mod app;
mod commands;
pub mod form;
pub mod forms;
pub mod jobs;
pub mod keys;
mod ops;
pub mod queue_source;
pub mod screens;
pub mod state;
mod submit;
pub mod theme;
mod update;

use std::io::{BufWriter, IsTerminal, Stdout};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::{execute, terminal};
use ratatui::{Terminal, prelude::CrosstermBackend};

use crate::cli::Session;
use app::{App, Clock};
use jobs::DeskEvent;
use theme::Theme;

/// How often the desk looks at the clock (midnight) and at `data_version` (other writers).
const TICK: Duration = Duration::from_secs(1);

/// Restores the terminal when dropped: on quit, on error and while unwinding from a panic.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// The terminal as `ratatui::try_init` sets it up, but writing through one large buffer:
/// a frame leaves in one `write`, not in the 1 KiB pieces of stdout's line buffer, so the
/// terminal draws it at once and a cursor move costs one system call.
fn open_terminal() -> std::io::Result<Terminal<CrosstermBackend<BufWriter<Stdout>>>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), terminal::EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        1 << 18,
        std::io::stdout(),
    )))
}

/// Opens the desk on the session's store and runs it until the officer quits.
pub fn run(session: Session, fixed_now: Option<DateTime<Utc>>) -> anyhow::Result<i32> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the desk needs a terminal; in scripts use the commands (dsr-desk list, show, close ...)"
        );
    }
    let clock = fixed_now.map(Clock::Fixed).unwrap_or(Clock::System);
    let mut app = App::new(session.store, session.config, clock, Theme::from_env())?;

    let mut terminal = open_terminal().context("cannot set up the terminal")?;
    let _guard = TerminalGuard;
    execute!(std::io::stdout(), EnableMouseCapture).context("cannot set up the terminal")?;

    let (tx, rx) = mpsc::channel();
    app.set_job_channel(tx.clone());
    app.start_audit_check();
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(DeskEvent::Terminal(ev)).is_err() {
                break;
            }
        }
    });

    let mut dirty = true;
    let mut first_frame = true;
    loop {
        if dirty {
            let size = terminal.size()?;
            app.set_page_rows(screens::table_rows_for(size.height));
            terminal.draw(|frame| screens::draw(frame, &app))?;
            dirty = false;
        }
        if std::mem::take(&mut first_frame) {
            // The first frame came from the database; the in-memory queue loads beside us.
            app.keep_queue_in_step();
        }
        match rx.recv_timeout(TICK) {
            Ok(first) => {
                // Drain whatever queued up (fast typing, paste), query once, draw once.
                app.begin_burst();
                for ev in std::iter::once(first).chain(rx.try_iter()) {
                    if !matches!(ev, DeskEvent::Terminal(Event::Key(_))) {
                        app.flush_search();
                    }
                    dirty |= match ev {
                        DeskEvent::Terminal(Event::Key(key)) => app.handle_key(key),
                        DeskEvent::Terminal(Event::Mouse(mouse)) => app.handle_mouse(mouse),
                        DeskEvent::Terminal(Event::Resize(..)) => true,
                        DeskEvent::Terminal(_) => false,
                        DeskEvent::Job(done) => app.job_done(done),
                        DeskEvent::Progress(text) => app.job_progress(text),
                        DeskEvent::Loaded(loaded) => {
                            app.queue_loaded(*loaded);
                            false
                        }
                    };
                }
                app.end_burst();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => dirty |= app.tick(),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if app.quit {
            break;
        }
    }
    Ok(0)
}
