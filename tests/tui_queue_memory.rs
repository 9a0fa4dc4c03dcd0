//! The desk's queue from memory: the same screens as from the database, kept in step with
//! every write, and a burst of search keys reloading the queue once.

mod common;

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use common::*;
use dsr_desk::domain::request::{Channel, Requester, Right};
use dsr_desk::store::{NewRequest, Store};
use dsr_desk::tui::app::App;
use dsr_desk::tui::jobs::DeskEvent;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{self, Backspace, Char, Esc};

fn bulk_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("requests.db");
    dsr_desk::cli::build_demo_with(&path, 1500, DEMO_CUSTOMERS, false, now()).expect("demo");
    (dir, path)
}

fn app_on_file(path: &Path) -> App {
    app_on(Store::open(path).expect("open"), Theme::colour())
}

/// Waits for the worker's load and hands it to the desk.
fn take_load(app: &mut App, rx: &Receiver<DeskEvent>) {
    match rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the worker loads the queue")
    {
        DeskEvent::Loaded(loaded) => app.queue_loaded(*loaded),
        other => panic!("unexpected {other:?}"),
    }
}

/// What the queue screen shows after each of `keys`: the header counts, the total and the
/// loaded rows' references.
fn walk(app: &mut App, keys: &[KeyCode]) -> Vec<String> {
    let mut seen = Vec::new();
    for key in keys {
        press(app, *key);
        let refs: Vec<&str> = app
            .queue
            .rows
            .iter()
            .map(|r| r.reference.as_str())
            .collect();
        seen.push(format!(
            "{key:?} {:?} {} {} {}",
            app.queue.counts,
            app.queue.total,
            app.queue.selected,
            refs.join(",")
        ));
    }
    seen
}

fn keys() -> Vec<KeyCode> {
    let mut keys = Vec::new();
    // Every view (back to "open"), the right filter through every right, a search and its
    // clearing, moves far down the queue.
    keys.extend([Char('f'); 9]);
    keys.extend([Char('R'); 7]);
    keys.extend([
        Char('F'),
        Char('/'),
        Char('h'),
        Char('a'),
        Char('n'),
        Char('s'),
    ]);
    keys.extend([Backspace, Esc, Char('G'), Char('k'), Char('g'), Char('c')]);
    keys
}

#[test]
fn the_queue_from_memory_shows_what_the_database_shows() {
    let (_dir, path) = bulk_file();
    let mut from_db = app_on_file(&path);
    let expected = walk(&mut from_db, &keys());
    assert!(
        !from_db.queue_in_memory(),
        "without workers the database answers"
    );

    let mut app = app_on_file(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    app.set_job_channel(tx);
    app.keep_queue_in_step();
    take_load(&mut app, &rx);
    assert!(app.queue_in_memory());
    assert_eq!(walk(&mut app, &keys()), expected);
    assert!(app.queue_in_memory(), "reading keeps the index");
}

#[test]
fn another_officer_s_write_is_shown_at_once_and_the_index_follows() {
    let (_dir, path) = bulk_file();
    let mut app = app_on_file(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    app.set_job_channel(tx);
    app.keep_queue_in_step();
    take_load(&mut app, &rx);
    let open_before = app.queue.counts.open;

    let mut other = Store::open(&path).expect("second connection");
    let new = NewRequest {
        received: now() - chrono::Duration::days(40),
        channel: Channel::Email,
        requester: Requester {
            name: "Zelda Quist".into(),
            email: Some("zelda@example.no".into()),
            phone: None,
        },
        agent: None,
        agent_role: None,
        rights: vec![Right::Access],
        message_id: None,
        objection_scope: None,
        original_text: None,
    };
    let added = other.add_request(&new, "intake", now()).expect("add");
    assert!(app.tick(), "the tick sees the other connection's commit");
    assert!(!app.queue_in_memory(), "a stale index is not used");
    assert_eq!(app.queue.counts.open, open_before + 1);
    press(&mut app, Char('/'));
    for c in "zelda".chars() {
        press(&mut app, Char(c));
    }
    assert_eq!(app.queue.total, 1);
    assert_eq!(
        app.selected_row().map(|r| r.reference.clone()),
        Some(added.reference.clone())
    );

    take_load(&mut app, &rx);
    assert!(app.queue_in_memory(), "the reloaded index is used");
    press(&mut app, Backspace);
    press(&mut app, Char('a'));
    assert_eq!(app.queue.total, 1);
    assert_eq!(
        app.selected_row().map(|r| r.reference.clone()),
        Some(added.reference)
    );
}

#[test]
fn a_burst_of_search_keys_reloads_the_queue_once_at_its_end() {
    let (_dir, path) = bulk_file();
    let mut app = app_on_file(&path);
    let total = app.queue.total;
    press(&mut app, Char('/'));
    app.begin_burst();
    for c in "hansen".chars() {
        press(&mut app, Char(c));
    }
    assert_eq!(app.queue.filter.search, "hansen");
    assert_eq!(app.queue.total, total, "no query during the burst");
    app.end_burst();
    let mut direct = app_on_file(&path);
    press(&mut direct, Char('/'));
    for c in "hansen".chars() {
        press(&mut direct, Char(c));
    }
    assert!(app.queue.total < total);
    assert_eq!(app.queue.total, direct.queue.total);
    assert_eq!(app.queue.rows, direct.queue.rows);

    // A key after the search in the same burst sees the searched queue.
    app.begin_burst();
    press(&mut app, Esc);
    press(&mut app, Char('j'));
    app.end_burst();
    assert_eq!(app.queue.total, total);
    assert_eq!(app.queue.selected, 1);
}
