//! Long work beside the desk: an erasure and the register export run on a worker with
//! connections of its own, say how far they are on the status line, and the desk keeps
//! answering keys meanwhile, while what writes (and quitting) waits for the work to finish.

mod common;

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use common::*;
use dsr_desk::domain::request::EventKind;
use dsr_desk::store::Store;
use dsr_desk::tui::action::DeskEvent;
use dsr_desk::tui::app::App;
use dsr_desk::tui::form::FieldId;
use dsr_desk::tui::forms::export_menu::Item;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Right};

/// Hands the worker's reports to the desk as its loop does, until the work is done; returns
/// the progress lines the status line showed on the way.
fn until_done(app: &mut App, rx: &Receiver<DeskEvent>) -> Vec<String> {
    let mut shown = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(DeskEvent::Progress(text)) => {
                app.job_progress(text);
                shown.push(status_line(app));
            }
            Ok(DeskEvent::Job(done)) => {
                app.job_done(done);
                return shown;
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => panic!("the work did not finish"),
            Err(RecvTimeoutError::Disconnected) => panic!("the worker went away"),
        }
    }
}

fn status_line(app: &mut App) -> String {
    let text = screen_text(app);
    text.lines().last().unwrap_or_default().to_string()
}

fn refused_with_wait(app: &App) -> bool {
    app.flash
        .as_ref()
        .is_some_and(|(ok, m)| !ok && m.contains("in the background; wait for it to finish"))
}

#[test]
fn an_erasure_runs_beside_the_desk_says_how_far_it_is_and_writes_wait_for_it() {
    let (_dir, path) = demo_file();
    let mut app = app_on(Store::open(&path).expect("open"), Theme::colour());
    for _ in 0..30 {
        if app.selected_row().is_some_and(|r| r.name == "Lars Bjørnæs") {
            break;
        }
        press(&mut app, Char('j'));
    }
    let reference = app.selected_row().expect("Lars").reference.clone();
    press(&mut app, Char('l'));
    press(&mut app, Char('L'));
    press(&mut app, Char('y'));
    press(&mut app, Esc);
    press(&mut app, Char('C'));
    while top_form(&app).expect("menu").get(FieldId::Action) != "erase" {
        press(&mut app, Right);
    }
    press(&mut app, Enter);
    let (tx, rx) = std::sync::mpsc::channel();
    app.set_job_channel(tx);
    press(&mut app, Char('y'));
    let busy = app
        .busy
        .clone()
        .expect("the erasure runs in the background");
    assert_eq!(busy.what, format!("Erasing for {reference}"));
    assert!(
        status_line(&mut app).contains(&format!("Erasing for {reference}")),
        "{}",
        status_line(&mut app)
    );

    // Reading goes on: the cursor moves and comes back.
    press(&mut app, Char('j'));
    assert_ne!(app.selected_row().expect("row").reference, reference);
    press(&mut app, Char('k'));
    assert_eq!(app.selected_row().expect("row").reference, reference);
    // Writing waits, and says why; so does quitting (the erasure would stop half-way).
    for key in [Char('a'), Char('n'), Char('E'), Char('C')] {
        app.flash = None;
        press(&mut app, key);
        assert!(refused_with_wait(&app), "{key:?}: {:?}", app.flash);
        assert!(app.modals.is_empty(), "{key:?} opened {:?}", app.modals);
    }
    press(&mut app, Char('q'));
    assert!(refused_with_wait(&app) && !app.quit, "{:?}", app.flash);

    // The next key clears the refusal; the progress line is back.
    press(&mut app, Char('j'));
    press(&mut app, Char('k'));
    let shown = until_done(&mut app, &rx);
    assert!(
        shown
            .iter()
            .any(|l| l.contains("rows (") && l.contains(" of ")),
        "a progress line in rows: {shown:?}"
    );
    assert!(app.busy.is_none());
    let (ok, message) = app.flash.clone().expect("the result");
    assert!(ok && message.contains("erased"), "{message}");
    // Done by the worker's own connection, seen by the desk's.
    let request = app.store.get(&reference).expect("request");
    let events = app.store.events_of(request.id).expect("events");
    assert!(events.iter().any(|e| e.kind == EventKind::Erased));
    assert!(app.store.verify_chain().expect("chain").is_intact());
    // Writing works again.
    app.flash = None;
    press(&mut app, Char('n'));
    assert!(!refused_with_wait(&app), "{:?}", app.flash);
}

#[test]
fn the_register_export_runs_beside_the_desk_and_the_menu_closes_when_written() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("requests.db");
    dsr_desk::cli::build_demo_with(&path, 3_000, DEMO_CUSTOMERS, false, now()).expect("demo");
    let mut app = app_on(Store::open(&path).expect("open"), Theme::colour());
    app.exports_dir = dir.path().join("exports");
    let (tx, rx) = std::sync::mpsc::channel();
    app.set_job_channel(tx);
    press(&mut app, Char('E'));
    for _ in 0..10 {
        if matches!(app.modals.last(), Some(dsr_desk::tui::app::Modal::Export(m)) if m.current() == Some(Item::RegisterCsv))
        {
            break;
        }
        press(&mut app, Down);
    }
    press(&mut app, Enter);
    assert!(
        app.busy.is_some(),
        "the register is written in the background"
    );
    // A second export from the menu waits its turn.
    press(&mut app, Enter);
    assert!(refused_with_wait(&app), "{:?}", app.flash);

    // The next key clears the refusal; the progress line is back.
    press(&mut app, Char('j'));
    press(&mut app, Char('k'));
    let shown = until_done(&mut app, &rx);
    assert!(
        shown.iter().any(|l| l.contains("MB written")),
        "a progress line in bytes: {shown:?}"
    );
    let (ok, message) = app.flash.clone().expect("the result");
    assert!(
        ok && message.contains("register-2026-11-25.csv"),
        "{message}"
    );
    assert!(app.modals.is_empty(), "the menu closed: {:?}", app.modals);
    let file = app.exports_dir.join("register-2026-11-25.csv");
    let lines = std::fs::read_to_string(&file)
        .expect("register")
        .lines()
        .count();
    let requests: i64 = rusqlite::Connection::open(&path)
        .expect("open")
        .query_row("SELECT count(*) FROM requests", [], |r| r.get(0))
        .expect("count");
    assert!(requests > 3_000);
    assert_eq!(lines as i64, requests + 1, "header + every request");
    let recorded = app.store.events_without_request().expect("events");
    assert_eq!(recorded.last().map(|e| e.kind), Some(EventKind::Exported));
}

#[test]
fn an_access_package_written_before_is_replaced_only_after_a_yes() {
    let (dir, path) = demo_file();
    let mut app = app_on(Store::open(&path).expect("open"), Theme::colour());
    app.exports_dir = dir.path().join("exports");
    let write_access = |app: &mut App| {
        press(app, Char('C'));
        while top_form(app).expect("menu").get(FieldId::Action) != "access" {
            press(app, Right);
        }
        press(app, Enter);
    };
    write_access(&mut app);
    let (ok, message) = app.flash.clone().expect("the result");
    assert!(ok && message.contains("file(s)"), "{message}");
    let folder = std::fs::read_dir(&app.exports_dir)
        .expect("exports")
        .next()
        .expect("the request's folder")
        .expect("entry")
        .path();
    let first = std::fs::read_dir(&folder)
        .expect("package")
        .next()
        .expect("a file")
        .expect("entry")
        .path();
    std::fs::write(&first, "kept").expect("mark");

    // Again: asked first, naming what is there; `n` leaves it.
    write_access(&mut app);
    let question = match app.modals.last() {
        Some(dsr_desk::tui::app::Modal::Confirm { question, .. }) => question.clone(),
        other => panic!("no question: {other:?}"),
    };
    assert!(
        question.contains("Replace") && question.contains("already"),
        "{question}"
    );
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "Enter is not yes");
    press(&mut app, Char('n'));
    assert!(app.modals.is_empty());
    assert_eq!(std::fs::read_to_string(&first).expect("read"), "kept");
    // `y` writes it anew.
    write_access(&mut app);
    press(&mut app, Char('y'));
    let (ok, message) = app.flash.clone().expect("the result");
    assert!(ok && message.contains("file(s)"), "{message}");
    assert_ne!(std::fs::read_to_string(&first).expect("read"), "kept");
}
