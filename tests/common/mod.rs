//! Shared by the desk's test files: the fixed clock, the demo app, real key events and
//! drawing on `TestBackend` the way the event loop does.
#![allow(dead_code)]

pub mod cli;

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

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

/// Customers in the tests' demo customer database: every known one and enough others to
/// look through, quick to build.
pub const DEMO_CUSTOMERS: u64 = 400;

/// A value whose files live in a temporary folder as long as it does.
pub struct InDir<T> {
    value: T,
    dir: tempfile::TempDir,
}

impl<T> InDir<T> {
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The value made from this one, in the same folder.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> InDir<U> {
        InDir {
            value: f(self.value),
            dir: self.dir,
        }
    }
}

impl<T> Deref for InDir<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for InDir<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// The demo as `dsr-desk demo` builds it, at `requests.db` in a fresh folder: the requests,
/// the demo customer database beside them and the demo officer's work in it.
pub fn demo_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("requests.db");
    dsr_desk::cli::build_demo_with(&path, 0, DEMO_CUSTOMERS, false, now()).expect("demo");
    (dir, path)
}

/// The demo's request database, open.
pub fn demo_store() -> InDir<Store> {
    let (dir, path) = demo_file();
    InDir {
        value: Store::open(&path).expect("open the demo"),
        dir,
    }
}

pub fn app_on(store: Store, theme: Theme) -> App {
    App::new(store, config(), Clock::Fixed(now()), theme).expect("app")
}

pub fn demo_app() -> InDir<App> {
    demo_store().map(|store| app_on(store, Theme::colour()))
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
