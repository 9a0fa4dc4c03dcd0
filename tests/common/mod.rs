//! Shared by the desk's test files: the fixed clock, the demo app, real key events and
//! drawing on `TestBackend` the way the event loop does.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use dsr_desk::config::Config;
use dsr_desk::store::Store;
use dsr_desk::tui::app::{App, Clock, Modal};
use dsr_desk::tui::form::Form;
use dsr_desk::tui::screens;
use dsr_desk::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The instant every desk test lives at: a Wednesday, 11:00 in Oslo.
pub const NOW: &str = "2026-11-25T10:00:00Z";

pub fn now() -> DateTime<Utc> {
    NOW.parse().expect("NOW is RFC 3339")
}

/// The defaults, with a fixed officer so no login name leaks into snapshots or the audit trail.
pub fn config() -> Config {
    Config {
        officer: Some("tester".into()),
        ..Config::default()
    }
}

/// The demo requests in a fresh in-memory store.
pub fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    dsr_desk::demo::populate(&mut store, now()).expect("demo data");
    store
}

pub fn app_on(store: Store, theme: Theme) -> App {
    App::new(store, config(), Clock::Fixed(now()), theme).expect("app")
}

pub fn demo_app() -> App {
    app_on(demo_store(), Theme::colour())
}

/// A key as a terminal reports it: upper-case letters and `?` come with SHIFT.
pub fn key_event(code: KeyCode) -> KeyEvent {
    let mods = match code {
        KeyCode::Char(c) if c.is_uppercase() || "?~!@#$%^&*()_+{}|:\"<>".contains(c) => {
            KeyModifiers::SHIFT
        }
        KeyCode::BackTab => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, mods)
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(key_event(code));
}

pub fn press_n(app: &mut App, code: KeyCode, n: usize) {
    for _ in 0..n {
        press(app, code);
    }
}

/// Types `text` one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Draws one frame as the event loop does: page size from the height first, then the screens.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    app.set_page_rows(screens::table_rows_for(height));
    terminal
        .draw(|frame| screens::draw(frame, app))
        .expect("draw");
    terminal
}

/// The drawn screen as text, one line per row.
pub fn text_of(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn screen_text(app: &mut App) -> String {
    text_of(draw(app, 120, 40).backend().buffer())
}

/// The form on top, if the top modal is one.
pub fn top_form(app: &App) -> Option<&Form> {
    match app.modals.last() {
        Some(Modal::Form(f)) => Some(f),
        _ => None,
    }
}

pub fn top_is_confirm(app: &App) -> bool {
    matches!(app.modals.last(), Some(Modal::Confirm { .. }))
}
