//! What the desk tells the officer is true and complete: whose requests are whose (the
//! "mine" view and the assignee column), how late a closing was, a broken audit trail on
//! every screen, and names (not codes) on the status line.

mod common;

use common::*;
use dsr_desk::domain::change::{Change, Decide};
use dsr_desk::domain::request::{Channel, Requester, Right, Verdict};
use dsr_desk::store::{NewRequest, Store, View};
use dsr_desk::tui::app::{App, Screen};
use dsr_desk::tui::jobs::{JobDone, audit_break};
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc};
use ratatui::style::Color;

/// Presses `f` until the queue shows `view`.
fn show_view(app: &mut App, view: View) {
    for _ in 0..View::ALL.len() {
        if app.queue.filter.view == view {
            return;
        }
        press(app, Char('f'));
    }
    assert_eq!(app.queue.filter.view, view, "f never reached {view:?}");
}

#[test]
fn the_mine_view_lists_what_the_officer_took_on() {
    let mut app = demo_app();
    // Nothing is assigned to "tester" in the demo: the view is empty and says how to leave it.
    show_view(&mut app, View::Mine);
    assert_eq!(app.queue.total, 0);
    assert!(screen_text(&mut app).contains("View: mine"));
    press(&mut app, Char('c'));
    assert_eq!(app.queue.filter.view, View::Open);
    // `s` then Enter: the assign form offers the officer's own name (config: "tester").
    press(&mut app, Char('j'));
    let taken = app.selected_row().expect("row").reference.clone();
    press(&mut app, Char('s'));
    press(&mut app, Enter);
    assert!(app.modals.is_empty(), "{:?}", app.modals);
    assert_eq!(app.queue.counts.mine, 1);
    assert!(screen_text(&mut app).contains("1 mine"));
    show_view(&mut app, View::Mine);
    assert_eq!(app.queue.total, 1);
    let row = app.selected_row().expect("the officer's request");
    assert_eq!(row.reference, taken);
    assert_eq!(row.assignee.as_deref(), Some("tester"));
    // Clearing filters keeps who "mine" is: back to it, it still finds the request.
    press(&mut app, Char('c'));
    show_view(&mut app, View::Mine);
    assert_eq!(app.queue.total, 1);
    // The wide queue names the assignee; the 80-column one has no room for it.
    let wide = text_of(draw(&mut app, 200, 50).backend().buffer());
    assert!(
        wide.contains("Assignee") && wide.contains("tester"),
        "{wide}"
    );
    let narrow = text_of(draw(&mut app, 80, 24).backend().buffer());
    assert!(!narrow.contains("Assignee"), "{narrow}");
}

#[test]
fn the_demo_s_officer_finds_work_assigned_under_mine() {
    let store = demo_store();
    let config = dsr_desk::config::Config {
        officer: Some(dsr_desk::demo::OFFICER.into()),
        ..config()
    };
    let mut app = App::new(
        Store::open(store.path()).expect("open"),
        config,
        dsr_desk::tui::app::Clock::Fixed(now()),
        Theme::colour(),
    )
    .expect("app");
    assert!(app.queue.counts.mine >= 2, "{:?}", app.queue.counts);
    show_view(&mut app, View::Mine);
    assert_eq!(app.queue.total, app.queue.counts.mine);
    let row = app.selected_row().expect("a request of theirs");
    assert_eq!(row.assignee.as_deref(), Some(dsr_desk::demo::OFFICER));
}

#[test]
fn with_no_officer_configured_mine_is_the_login_name() {
    let store = demo_store();
    let config = dsr_desk::config::Config {
        officer: None,
        ..config()
    };
    let app = App::new(
        Store::open(store.path()).expect("open"),
        config.clone(),
        dsr_desk::tui::app::Clock::Fixed(now()),
        Theme::colour(),
    )
    .expect("app");
    // The one rule the case signs with, so "mine" is what assigning to oneself writes.
    assert_eq!(app.queue.filter.officer, config.actor());
}

/// A store with one request answered 8 days late and one on time.
fn closed_late_and_on_time() -> (Store, String, String) {
    let mut store = Store::open_in_memory().expect("store");
    let mut add = |name: &str, received: &str| {
        let new = NewRequest {
            received: received.parse().expect("instant"),
            channel: Channel::Email,
            requester: Requester {
                name: name.into(),
                ..Requester::default()
            },
            agent: None,
            agent_role: None,
            rights: vec![Right::Access],
            message_id: None,
            original_text: None,
            objection_scope: None,
        };
        store.add_request(&new, "jk", now()).expect("add").reference
    };
    // Received 5 October: due 5 November; answered 13 November, 8 days late.
    let late = add("Answered Late", "2026-10-05T08:00:00Z");
    let on_time = add("Answered In Time", "2026-11-02T08:00:00Z");
    let done = Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)]));
    let at = |s: &str| s.parse().expect("instant");
    store
        .apply(&late, None, &done, "jk", at("2026-11-13T09:00:00Z"))
        .expect("late");
    store
        .apply(&on_time, None, &done, "jk", at("2026-11-20T09:00:00Z"))
        .expect("on time");
    (store, late, on_time)
}

/// The screen line that shows `needle`.
fn line_with(text: &str, needle: &str) -> String {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"))
        .to_string()
}

#[test]
fn a_late_answer_says_how_late_in_the_queue_and_the_request() {
    let (store, late, on_time) = closed_late_and_on_time();
    let mut app = app_on(store, Theme::colour());
    show_view(&mut app, View::Closed);
    let text = screen_text(&mut app);
    assert!(
        line_with(&text, &late).contains("answered 8 d late"),
        "{text}"
    );
    let in_time = line_with(&text, &on_time);
    assert!(
        in_time.contains("answered") && !in_time.contains("late"),
        "{in_time}"
    );
    // The late status is drawn as urgent (red), the on-time one is not.
    let terminal = draw(&mut app, 120, 40);
    let b = terminal.backend().buffer();
    let y = text_of(b)
        .lines()
        .position(|l| l.contains(&late))
        .expect("row");
    let x = line_with(&text, &late)
        .find("answered 8")
        .map(|byte| line_with(&text, &late)[..byte].chars().count())
        .expect("cell");
    assert_eq!(b[(x as u16, y as u16)].fg, Color::Red);
    insta::assert_snapshot!("queue_closed_late", terminal.backend());
    // Opened, the request says it too.
    press(&mut app, Char('g'));
    while app.selected_row().map(|r| r.reference.as_str()) != Some(late.as_str()) {
        press(&mut app, Char('j'));
    }
    press(&mut app, Enter);
    assert_eq!(app.screen, Screen::Request);
    let text = screen_text(&mut app);
    assert!(text.contains("closed as answered 8 d late"), "{text}");
    assert!(text.contains("answered 8 days late"), "{text}");
}

/// The demo at `requests.db` in a folder, with event 3's summary changed from outside.
fn tampered_demo() -> (tempfile::TempDir, Store) {
    let (dir, path) = demo_file();
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS events_no_update;
         UPDATE events SET summary = summary || ' (edited)' WHERE id = 3;",
    )
    .expect("tamper");
    drop(conn);
    let store = Store::open(&path).expect("reopen");
    (dir, store)
}

#[test]
fn a_broken_audit_trail_is_said_in_red_on_every_screen_until_quitting() {
    let (_dir, store) = tampered_demo();
    let broken = audit_break(&store).expect("verify");
    let mut app = app_on(store, Theme::colour());
    assert!(
        broken
            .as_deref()
            .is_some_and(|b| b.contains("broken at event 3")),
        "{broken:?}"
    );
    // The start-up check reports as the worker does.
    assert!(app.job_done(JobDone::AuditChecked(broken)));
    let banner = |app: &mut App, what: &str| {
        let terminal = draw(app, 120, 40);
        let b = terminal.backend().buffer();
        let first = text_of(b).lines().next().unwrap_or_default().to_string();
        assert!(
            first.contains("The audit trail is broken at event 3: its content does not match its hash (altered)"),
            "{what}: {first}"
        );
        assert_eq!(b[(0, 0)].bg, Color::Red, "{what}");
        assert_eq!(b[(119, 0)].bg, Color::Red, "{what}");
    };
    banner(&mut app, "queue");
    // The queue still shows its selection: the banner's line comes out of the table.
    press(&mut app, Char('G'));
    let last = app.selected_row().expect("row").reference.clone();
    assert!(
        screen_text(&mut app).contains(&last),
        "the last row is hidden"
    );
    insta::assert_snapshot!("queue_audit_banner", draw(&mut app, 120, 40).backend());
    press(&mut app, Enter);
    banner(&mut app, "request");
    press(&mut app, Char('?'));
    banner(&mut app, "help");
    press(&mut app, Esc);
    press(&mut app, Esc);
    press(&mut app, Char('S'));
    banner(&mut app, "statistics");
    press(&mut app, Esc);
    press(&mut app, Char('n'));
    banner(&mut app, "new request form");
    press(&mut app, Esc);
    // A later check that finds nothing does not take it away: the trail was broken.
    app.job_done(JobDone::AuditChecked(None));
    banner(&mut app, "after a second report");
}

#[test]
fn an_intact_audit_trail_shows_no_banner() {
    let store = demo_store();
    assert_eq!(audit_break(&store).expect("verify"), None);
    let mut app = demo_app();
    app.job_done(JobDone::AuditChecked(None));
    assert!(app.audit_broken.is_none());
    let text = screen_text(&mut app);
    assert!(!text.contains("audit trail"), "{text}");
    assert!(text.starts_with("ORINOR AS"), "{text}");
}

#[test]
fn the_status_line_names_what_was_saved_not_its_code() {
    let mut app = demo_app();
    // With the privacy screen on, a saved change is named, not quoted.
    press(&mut app, Char('p'));
    press(&mut app, Char('o'));
    type_text(&mut app, "Called back.");
    press(&mut app, Enter);
    let (ok, message) = app.flash.clone().expect("a status line");
    assert!(ok, "{message}");
    assert!(message.ends_with(": note saved"), "{message}");
    // Triage names the rights, not the trail's "rights-changed".
    let mut app = demo_app();
    press(&mut app, Char('p'));
    press(&mut app, Char('g'));
    while app.selected_row().map(|r| r.rights.is_empty()) != Some(true) {
        press(&mut app, Char('j'));
    }
    press(&mut app, Char('t'));
    press(&mut app, Char(' '));
    press(&mut app, Enter);
    let (_, message) = app.flash.clone().expect("a status line");
    assert!(!message.contains("rights-changed"), "{message}");
    assert!(message.contains("rights named saved"), "{message}");
}

#[test]
fn a_narrow_header_wraps_its_counts_and_keeps_the_privacy_warning() {
    let mut app = demo_app();
    press(&mut app, Char('p'));
    for width in [80, 100, 120, 200] {
        let terminal = draw(&mut app, width, 24);
        let text = text_of(terminal.backend().buffer());
        let head: String = text.lines().take(2).collect::<Vec<_>>().join("\n");
        for label in [
            "open",
            "overdue",
            "due today",
            "due this week",
            "awaiting identity",
            "needs triage",
            "new",
            "mine",
            "PRIVACY SCREEN ON",
        ] {
            assert!(head.contains(label), "{width}: no {label:?} in\n{head}");
        }
    }
}
