//! Key sequences -> the desk's state -> what the database holds.
//!
//! Writes go to a database file and are read back through a second connection, as another
//! `dsr-desk` would see them.

mod common;

use std::path::Path;

use common::*;
use dsr_desk::domain::change::{Change, Decide};
use dsr_desk::domain::request::{
    Channel, Outcome, RefusalGround, Request, Requester, Right, Status, Verdict,
};
use dsr_desk::store::{NewRequest, Store, View};
use dsr_desk::tui::app::{App, Clock, Modal, Screen};
use dsr_desk::tui::form::FieldId;
use dsr_desk::tui::form::FormKind;
use dsr_desk::tui::keys::Command;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{self, Backspace, Char, Enter, Esc, Tab};
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn app_on_file(path: &Path) -> App {
    app_on(Store::open(path).expect("open"), Theme::colour())
}

/// What another process reading the same file sees.
fn read_back(path: &Path, reference: &str) -> Request {
    Store::open(path)
        .expect("second connection")
        .get(reference)
        .expect("request")
}

fn selected_reference(app: &App) -> String {
    app.selected_row()
        .expect("a selected row")
        .reference
        .clone()
}

fn form_text(app: &App, key: FieldId) -> String {
    top_form(app).expect("a form on top").get(key)
}

/// Opens the refuse form on the open request and chooses MANIFESTLY_EXCESSIVE: the ground
/// list starts at "(choose a ground)"; `m` jumps to MANIFESTLY_UNFOUNDED, `m` again to
/// MANIFESTLY_EXCESSIVE.
fn start_refusal(app: &mut App) {
    press(app, Char('r'));
    assert_eq!(top_form(app).map(|f| f.kind), Some(FormKind::Refuse));
    press(app, Tab);
    type_text(app, "mm");
    assert_eq!(form_text(app, FieldId::Ground), "MANIFESTLY_EXCESSIVE");
}

#[test]
fn refusing_the_most_urgent_request_stores_ground_and_reason() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    let reference = selected_reference(&app);
    let before = read_back(&path, &reference);
    assert_eq!(before.status, Status::Open, "the top of the queue is open");
    assert!(
        before.deadline(false).in_force < app.today,
        "the top of the queue is overdue"
    );

    press(&mut app, Enter);
    assert_eq!(app.screen, Screen::Request);
    start_refusal(&mut app);
    press(&mut app, Tab);
    let reason = "Fourth identical request this month; each was answered in full.";
    type_text(&mut app, reason);
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "a closing action asks first");
    // Nothing is written before the officer says yes.
    assert_eq!(read_back(&path, &reference).version, before.version);
    press(&mut app, Char('y'));

    assert!(app.modals.is_empty(), "{:?}", app.modals);
    assert!(
        matches!(&app.flash, Some((true, m)) if m.contains(&reference)),
        "{:?}",
        app.flash
    );
    let after = read_back(&path, &reference);
    assert_eq!(after.status, Status::Closed);
    assert_eq!(after.outcome(), Some(Outcome::Refused));
    assert_eq!(
        after.refusal(),
        Some((RefusalGround::ManifestlyExcessive, reason))
    );
    let decision = &after.decisions[0];
    assert_eq!(decision.right, Some(Right::Access));
    assert_eq!(after.closed_at, Some(now()));
    // The desk shows what was stored.
    assert_eq!(
        app.detail.as_ref().map(|d| d.request.status),
        Some(Status::Closed)
    );
    assert!(screen_text(&mut app).contains("closed as refused"));
    // One event, by the configured officer.
    let store = Store::open(&path).expect("open");
    let events = store.events_of(after.id).expect("events");
    let last = events.last().expect("an event");
    assert_eq!(last.actor, "tester");
    assert!(
        last.summary.contains("manifestly excessive, Art. 12(5)(b)"),
        "{}",
        last.summary
    );
    assert!(store.verify_chain().expect("verify").is_intact());
}

#[test]
fn a_refusal_without_a_reason_is_not_saved_and_keeps_the_input() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    let reference = selected_reference(&app);
    start_refusal(&mut app);
    press(&mut app, Enter);

    assert!(
        !top_is_confirm(&app),
        "an invalid form must not ask to save"
    );
    let form = top_form(&app).expect("the form stays open");
    assert!(
        form.problem(FieldId::Reason).is_some(),
        "{:?}",
        form.problems
    );
    assert_eq!(
        form.get(FieldId::Ground),
        "MANIFESTLY_EXCESSIVE",
        "the choice is kept"
    );
    let text = screen_text(&mut app);
    assert!(text.contains("Reason to the person is required"), "{text}");
    assert_eq!(read_back(&path, &reference).status, Status::Open);

    // A reason of blanks is no reason either.
    press(&mut app, Tab);
    type_text(&mut app, "   ");
    press(&mut app, Enter);
    assert!(!top_is_confirm(&app));
    assert!(
        top_form(&app)
            .expect("still open")
            .problem(FieldId::Reason)
            .is_some()
    );

    // Writing one then saves, with the ground chosen before.
    type_text(&mut app, "Repeated.");
    press(&mut app, Enter);
    press(&mut app, Char('y'));
    let after = read_back(&path, &reference);
    assert_eq!(
        after.refusal(),
        Some((RefusalGround::ManifestlyExcessive, "Repeated."))
    );
}

#[test]
fn a_refusal_without_a_ground_keeps_the_typed_reason() {
    let mut app = demo_app();
    press(&mut app, Char('r'));
    press_n(&mut app, Tab, 2);
    type_text(&mut app, "Typed with care");
    press(&mut app, Enter);
    let form = top_form(&app).expect("the form stays open");
    assert!(
        form.problem(FieldId::Ground).is_some(),
        "{:?}",
        form.problems
    );
    assert_eq!(form.get(FieldId::Reason), "Typed with care");
    assert!(screen_text(&mut app).contains("Typed with care"));
}

#[test]
fn esc_on_a_form_with_input_asks_before_discarding() {
    let mut app = demo_app();
    // An untouched form closes at once.
    press(&mut app, Char('o'));
    press(&mut app, Esc);
    assert!(app.modals.is_empty());

    press(&mut app, Char('o'));
    type_text(&mut app, "Half a thought");
    press(&mut app, Esc);
    assert!(top_is_confirm(&app), "{:?}", app.modals);
    assert!(screen_text(&mut app).contains("Discard what you typed"));
    // No: back to the form, input intact, typing goes on.
    press(&mut app, Char('n'));
    type_text(&mut app, ".");
    assert_eq!(form_text(&app, FieldId::Text), "Half a thought.");
    // Yes: gone, and nothing was written.
    press(&mut app, Esc);
    press(&mut app, Char('y'));
    assert!(app.modals.is_empty(), "{:?}", app.modals);
    assert_eq!(app.screen, Screen::Queue);
    let reference = selected_reference(&app);
    let request = app.store.get(&reference).expect("request");
    let events = app.store.events_of(request.id).expect("events");
    assert!(events.iter().all(|e| !e.summary.contains("Half a thought")));
}

#[test]
fn q_never_loses_what_a_form_holds() {
    let mut app = demo_app();
    press(&mut app, Char('o'));
    type_text(&mut app, "Draft");
    // In a text field q is a letter like any other.
    press(&mut app, Char('q'));
    assert!(!app.quit);
    assert_eq!(form_text(&app, FieldId::Text), "Draftq");

    // On a field that takes no text, q neither quits nor loses the form.
    let mut app = demo_app();
    press(&mut app, Char('i'));
    press(&mut app, KeyCode::Right);
    let status = form_text(&app, FieldId::Status);
    press(&mut app, Char('q'));
    assert!(!app.quit);
    assert_eq!(form_text(&app, FieldId::Status), status);

    // With no form open, q quits at once; the help screen closes first.
    let mut app = demo_app();
    press(&mut app, Char('?'));
    press(&mut app, Char('q'));
    assert!(!app.quit && app.modals.is_empty());
    press(&mut app, Char('q'));
    assert!(app.quit);
}

#[test]
fn quitting_with_unsaved_input_asks_first() {
    let mut app = demo_app();
    press(&mut app, Char('o'));
    type_text(&mut app, "Draft");
    // While a form is open it takes every key (q is typed, see above), so no key reaches
    // the quit command; its guard is checked through the command itself, so that a later
    // binding or a menu cannot quit past unsaved input.
    app.run(Command::Quit).expect("quit command");
    assert!(!app.quit, "quit must ask while a form holds input");
    assert!(top_is_confirm(&app));
    assert!(screen_text(&mut app).contains("unsaved input"));
    press(&mut app, Char('n'));
    assert_eq!(form_text(&app, FieldId::Text), "Draft");
    app.run(Command::Quit).expect("quit command");
    press(&mut app, Char('y'));
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut app = demo_app();
    press(&mut app, Enter);
    press(&mut app, Char('o'));
    type_text(&mut app, "Draft");
    ctrl(&mut app, 'c');
    assert!(app.quit);
}

#[test]
fn extension_noticed_after_the_one_month_deadline_is_refused_visibly() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    let reference = selected_reference(&app);
    let due = read_back(&path, &reference).deadline(false).in_force;
    assert!(
        due < app.today,
        "the test needs a request past its deadline"
    );

    press(&mut app, Char('x'));
    type_text(&mut app, "Three archives to search");
    press(&mut app, Tab);
    // The notice date is filled in with today, after the deadline.
    assert_eq!(form_text(&app, FieldId::Notified), app.today.to_string());
    press(&mut app, Enter);
    assert!(
        !top_is_confirm(&app),
        "an out-of-time extension must not be offered"
    );
    let problem = top_form(&app)
        .expect("the form stays open")
        .problem(FieldId::Notified)
        .expect("a problem with the notice date")
        .to_string();
    assert!(
        problem.contains("after the one-month deadline"),
        "{problem}"
    );
    let text = screen_text(&mut app);
    assert!(text.contains("after the one-month"), "{text}");
    assert_eq!(read_back(&path, &reference).extension, None);

    // A notice sent in time is accepted; the reason typed first is still there.
    press_n(&mut app, Backspace, 10);
    let in_time = due - chrono::Days::new(3);
    type_text(&mut app, &in_time.to_string());
    press(&mut app, Enter);
    assert!(
        top_is_confirm(&app),
        "{:?}",
        top_form(&app).map(|f| &f.problems)
    );
    press(&mut app, Char('y'));
    let after = read_back(&path, &reference);
    let extension = after.extension.expect("extended");
    assert_eq!(extension.notified, in_time);
    assert_eq!(extension.reason, "Three archives to search");
}

#[test]
fn another_writer_is_seen_on_the_next_tick() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    press(&mut app, Enter);
    let reference = app
        .detail
        .as_ref()
        .expect("opened")
        .request
        .reference
        .clone();
    assert!(!app.tick(), "nothing changed: no redraw");

    let mut other = Store::open(&path).expect("second writer");
    other
        .apply(
            &reference,
            None,
            &Change::Assign(Some("kari".into())),
            "kari",
            now(),
        )
        .expect("assign");
    assert!(app.tick(), "a change by another process redraws");
    let shown = &app.detail.as_ref().expect("still open").request;
    assert_eq!(shown.assignee.as_deref(), Some("kari"));
    assert!(screen_text(&mut app).contains("kari"));
    assert!(!app.tick(), "and only once");

    // The queue and its counts follow too.
    other
        .apply(
            &reference,
            None,
            &Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)])),
            "kari",
            now(),
        )
        .expect("close");
    let open_before = app.queue.counts.open;
    assert!(app.tick());
    assert_eq!(app.queue.counts.open, open_before - 1);
    press(&mut app, Esc);
    assert_ne!(
        selected_reference(&app),
        reference,
        "closed: gone from the open view"
    );
}

#[test]
fn a_form_opened_before_another_writer_changed_the_request_is_refused_as_stale() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    select_reference(&mut app, "DSR-2026-0009");
    press(&mut app, Enter);
    let reference = "DSR-2026-0009";
    press(&mut app, Char('x'));
    type_text(&mut app, "Need the archive export");

    let mut other = Store::open(&path).expect("second writer");
    other
        .apply(
            reference,
            None,
            &Change::Assign(Some("kari".into())),
            "kari",
            now(),
        )
        .expect("assign");
    app.tick();

    press(&mut app, Enter);
    if top_is_confirm(&app) {
        press(&mut app, Char('y'));
    }
    let form = top_form(&app).expect("the form stays open with its input");
    let error = form.save_error.clone().expect("a save error");
    assert!(error.contains("changed by someone else"), "{error}");
    assert_eq!(form.get(FieldId::Reason), "Need the archive export");
    let text = screen_text(&mut app);
    assert!(text.contains("Not saved"), "{text}");
    let stored = read_back(&path, reference);
    assert_eq!(stored.extension, None, "not overwritten");
    assert_eq!(stored.assignee.as_deref(), Some("kari"));
}

fn select_reference(app: &mut App, reference: &str) {
    press(app, Char('g'));
    while selected_reference(app) != reference {
        let before = app.queue.selected;
        press(app, Char('j'));
        assert_ne!(
            app.queue.selected, before,
            "{reference} is not in the queue"
        );
    }
}

/// The loaded window holds the selection and never more than a page.
fn assert_window(app: &App) {
    let q = &app.queue;
    assert!(
        q.selected < q.total.max(1),
        "selected {} of {}",
        q.selected,
        q.total
    );
    assert!(
        q.rows.len() as u64 <= app.page_rows,
        "{} rows loaded",
        q.rows.len()
    );
    assert!(
        q.offset <= q.selected && q.selected < q.offset + q.rows.len() as u64,
        "selected {} outside the window {}+{}",
        q.selected,
        q.offset,
        q.rows.len()
    );
    // The selected row is the one the store has at that position.
    let expected = app
        .store
        .page(&q.filter, app.today, q.selected, 1)
        .expect("page");
    assert_eq!(
        app.selected_row().map(|r| &r.reference),
        expected.first().map(|r| &r.reference)
    );
}

#[test]
fn navigation_stays_in_bounds_and_loads_one_page() {
    // Enough for sixty pages; more only costs build-up time (debug SQLite).
    const BULK: u64 = 2000;
    let mut store = demo_store();
    dsr_desk::demo::populate_bulk(&mut store, BULK, now()).expect("bulk");
    let last = BULK + 16 - 1;
    let mut app = store.map(|store| app_on(store, Theme::colour()));
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.queue.filter.view, View::All);
    draw(&mut app, 120, 40);
    let page = app.page_rows;
    assert_eq!(page, 34);
    assert_eq!(app.queue.total, last + 1);
    assert_eq!(app.queue.rows.len() as u64, page);

    let steps: &[(KeyCode, u64)] = &[
        (Char('k'), 0),
        (KeyCode::Up, 0),
        (Char('j'), 1),
        (KeyCode::Down, 2),
        (KeyCode::PageDown, 2 + page),
        (KeyCode::PageDown, 2 + 2 * page),
        (KeyCode::PageUp, 2 + page),
        (Char('G'), last),
        (Char('j'), last),
        (KeyCode::PageDown, last),
        (Char('k'), last - 1),
        (KeyCode::PageUp, last - 1 - page),
        (Char('g'), 0),
        (KeyCode::PageUp, 0),
        (KeyCode::End, last),
        (KeyCode::Home, 0),
    ];
    for (code, expected) in steps {
        press(&mut app, *code);
        assert_eq!(app.queue.selected, *expected, "after {code:?}");
        assert_window(&app);
    }
    press(&mut app, Char('G'));
    let text = screen_text(&mut app);
    assert!(text.contains(&format!("Queue {0}/{0}", last + 1)), "{text}");
    assert!(text.contains(&selected_reference(&app)), "{text}");

    // A smaller terminal shrinks the page; the selection stays loaded.
    draw(&mut app, 100, 20);
    assert_eq!(app.page_rows, 14);
    assert_window(&app);
    press(&mut app, KeyCode::PageUp);
    assert_window(&app);

    // An empty view: nothing selected, nothing breaks.
    press(&mut app, Char('/'));
    type_text(&mut app, "no such person anywhere");
    press(&mut app, Enter);
    assert_eq!(app.queue.total, 0);
    for code in [
        Char('j'),
        Char('k'),
        Char('G'),
        KeyCode::PageDown,
        Enter,
        Char('r'),
    ] {
        press(&mut app, code);
    }
    assert_eq!(app.screen, Screen::Queue);
    assert!(app.modals.is_empty());
    assert!(screen_text(&mut app).contains("nothing here"));
}

#[test]
fn esc_from_the_request_view_keeps_selection_and_filter() {
    let mut app = demo_app();
    press(&mut app, Char('R'));
    press(&mut app, Char('/'));
    type_text(&mut app, "example");
    press(&mut app, Enter);
    press_n(&mut app, Char('j'), 2);
    let filter = app.queue.filter.clone();
    let selected = app.queue.selected;
    let reference = selected_reference(&app);
    assert_eq!(filter.right, Some(Right::Access));
    assert!(app.queue.total > 3, "the filter must leave a few rows");

    press(&mut app, Enter);
    assert_eq!(app.screen, Screen::Request);
    assert_eq!(
        app.detail.as_ref().map(|d| d.request.reference.clone()),
        Some(reference.clone())
    );
    press_n(&mut app, Char('j'), 3);
    press(&mut app, Esc);
    assert_eq!(app.screen, Screen::Queue);
    assert_eq!(app.queue.filter, filter);
    assert_eq!(app.queue.selected, selected);
    assert_eq!(selected_reference(&app), reference);
    // And from the statistics too.
    press(&mut app, Char('S'));
    press(&mut app, Esc);
    assert_eq!(app.queue.filter, filter);
    assert_eq!(selected_reference(&app), reference);
}

fn click(app: &mut App, column: u16, row: u16) -> bool {
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_mouse_click_selects_a_row_and_a_second_opens_it() {
    let mut app = demo_app();
    let terminal = draw(&mut app, 120, 40);
    let text = text_of(terminal.backend().buffer());
    let row = text
        .lines()
        .position(|l| l.trim_start().starts_with("DSR-2026-0010"))
        .expect("row on screen") as u16;
    assert!(click(&mut app, 30, row));
    assert_eq!(selected_reference(&app), "DSR-2026-0010");
    assert_eq!(app.screen, Screen::Queue);
    // The header line is not a row.
    let header = text
        .lines()
        .position(|l| l.starts_with("Reference"))
        .expect("header") as u16;
    click(&mut app, 30, header);
    assert_eq!(selected_reference(&app), "DSR-2026-0010");
    // Below the last row: nothing.
    click(&mut app, 30, 35);
    assert_eq!(selected_reference(&app), "DSR-2026-0010");
    // The wheel moves the selection.
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 30,
        row,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(selected_reference(&app), "DSR-2026-0011");
    click(&mut app, 30, row + 1);
    assert_eq!(app.screen, Screen::Request);
    assert_eq!(
        app.detail.as_ref().map(|d| d.request.reference.as_str()),
        Some("DSR-2026-0011")
    );
    // In a scrolled window a click still picks the row under the pointer.
    press(&mut app, Esc);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, Char('G'));
    let terminal = draw(&mut app, 100, 20);
    assert!(app.queue.offset > 0, "the window must be scrolled");
    let text = text_of(terminal.backend().buffer());
    let (first_row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start_matches(['●', ' ']).starts_with("DSR-"))
        .expect("a row on screen");
    let shown = line
        .trim_start_matches(['●', ' '])
        .split_whitespace()
        .next()
        .expect("reference")
        .to_string();
    assert!(click(&mut app, 30, first_row as u16));
    assert_eq!(selected_reference(&app), shown);
    // Clicks do not reach through a modal.
    press(&mut app, Char('o'));
    assert!(!click(&mut app, 30, row));
    assert!(top_form(&app).is_some());
}

#[test]
fn a_hostile_requester_is_drawn_without_control_characters() {
    let mut store = demo_store();
    let hostile = NewRequest {
        received: now() - chrono::Duration::days(40),
        channel: Channel::Email,
        requester: Requester {
            name: "Mallory\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[31mRed\r\nX\u{8}\u{202e}gpj.exe"
                .into(),
            email: Some("m\u{1b}[5m@evil.example\u{9b}31m".into()),
            phone: Some("\u{7}\u{7}+47 1".into()),
        },
        agent: Some("Agent\u{1b}P+q\u{1b}\\".into()),
        agent_role: None,
        rights: vec![Right::Access],
        message_id: None,
        objection_scope: None,
        original_text: Some(
            "Line one\u{1b}[2J\u{1b}[H\r\nLine two\u{1b}]52;c;b3duZWQ=\u{7}\tend\u{0}".into(),
        ),
    };
    let request = store
        .add_request(&hostile, "intake", now())
        .expect("add hostile request");
    let mut app = store.map(|store| app_on(store, Theme::colour()));
    select_reference(&mut app, &request.reference);

    let check = |app: &mut App, what: &str| {
        let terminal = draw(app, 120, 40);
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            for c in cell.symbol().chars() {
                assert!(
                    !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c),
                    "{what}: {c:?} reached the screen:\n{}",
                    text_of(buffer)
                );
            }
        }
        text_of(buffer)
    };
    let queue = check(&mut app, "queue");
    assert!(queue.contains("Mallory␛"), "tampering shows:\n{queue}");
    press(&mut app, Enter);
    let view = check(&mut app, "request view");
    assert!(view.contains("Line two"), "{view}");
    press(&mut app, Char('p'));
    check(&mut app, "request view, privacy screen");
    press(&mut app, Char('s'));
    check(&mut app, "assign form");
    press(&mut app, Esc);
    press(&mut app, Char('a'));
    check(&mut app, "confirmation");
}

#[test]
fn countdowns_move_on_at_midnight_in_oslo() {
    // 23:59:59 in Oslo on 25 November.
    let before: chrono::DateTime<chrono::Utc> = "2026-11-25T22:59:59Z".parse().expect("instant");
    let mut app = demo_store().map(|store| {
        App::new(store, config(), Clock::Fixed(before), Theme::colour()).expect("app")
    });
    select_reference(&mut app, "DSR-2026-0007");
    assert!(screen_text(&mut app).contains("today"));
    assert!(!app.tick(), "the same day: nothing to redraw");

    app.clock = Clock::Fixed("2026-11-25T23:00:01Z".parse().expect("instant"));
    assert!(app.tick(), "a new day redraws");
    assert_eq!(app.today.to_string(), "2026-11-26");
    let text = screen_text(&mut app);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("DSR-2026-0007"))
        .expect("row");
    assert!(row.contains("1 d overdue"), "{row}");
    assert_eq!(app.queue.counts.overdue, 3);
}

#[test]
fn a_key_that_changes_nothing_leaves_a_form_untouched() {
    let mut app = demo_app();
    // The identity form opens on a list of choices; no option starts with q or z.
    press(&mut app, Char('i'));
    let status = form_text(&app, FieldId::Status);
    type_text(&mut app, "qz");
    assert_eq!(form_text(&app, FieldId::Status), status);
    assert!(!top_form(&app).expect("form").touched);
    // So Esc closes it without asking about input there never was.
    press(&mut app, Esc);
    assert!(app.modals.is_empty(), "{:?}", app.modals);
}

#[test]
fn the_privacy_screen_also_hides_what_was_just_saved() {
    let mut app = demo_app();
    press(&mut app, Enter);
    press(&mut app, Char('p'));
    press(&mut app, Char('o'));
    let note = "Spoke to Ase Overby on +47 912 34 567";
    type_text(&mut app, note);
    press(&mut app, Enter);
    assert!(app.modals.is_empty(), "{:?}", app.modals);
    let text = screen_text(&mut app);
    assert!(
        !text.contains("Overby"),
        "a name shows while screen sharing:\n{text}"
    );
    assert!(
        !text.contains("912 34"),
        "a phone shows while screen sharing:\n{text}"
    );
    // The officer still sees that it was saved, and it was.
    let footer = text.lines().last().expect("footer");
    assert!(footer.contains("DSR-2026-0005"), "{footer}");
    let request = app.store.get("DSR-2026-0005").expect("request");
    let events = app.store.events_of(request.id).expect("events");
    assert!(events.iter().any(|e| e.summary.contains(note)));
    // With the privacy screen off, the summary shows as before.
    press(&mut app, Char('p'));
    press(&mut app, Char('o'));
    type_text(&mut app, "Second note");
    press(&mut app, Enter);
    assert!(screen_text(&mut app).contains("DSR-2026-0005: Second note"));
}

#[test]
fn help_scrolls_to_every_key_in_the_smallest_window() {
    let mut app = demo_app();
    press(&mut app, Char('?'));
    let first = text_of(draw(&mut app, 80, 20).backend().buffer());
    assert!(first.contains("Show every key"), "{first}");
    assert!(
        !first.contains("grey closed"),
        "the end does not fit at 80x20"
    );
    press_n(&mut app, KeyCode::PageDown, 30);
    let end = text_of(draw(&mut app, 80, 20).backend().buffer());
    assert!(end.contains("grey closed"), "{end}");
    press(&mut app, Esc);
    assert!(app.modals.is_empty());
}

#[test]
fn the_privacy_screen_masks_the_request_view_too() {
    let mut app = demo_app();
    press(&mut app, Enter);
    let plain = screen_text(&mut app);
    assert!(plain.contains("Åse Øverby"), "{plain}");
    press(&mut app, Char('p'));
    let masked = screen_text(&mut app);
    assert!(masked.contains("PRIVACY SCREEN ON"), "{masked}");
    for secret in ["Åse Øverby", "ase.overby@example.no", "912 34 567"] {
        assert!(!masked.contains(secret), "{secret} shows: {masked}");
    }
}

#[test]
fn i_imports_the_mailbox_and_new_requests_stay_marked_until_opened() {
    let mailbox = tempfile::tempdir().expect("mailbox");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    for file in ["nb_multi_right.eml", "not_newsletter.eml"] {
        std::fs::copy(corpus.join(file), mailbox.path().join(file)).expect("copy");
    }
    let mut app = demo_app();
    // Without a mailbox in the config, I says how to set one.
    press(&mut app, Char('I'));
    let said = app.flash.clone().map(|(_, m)| m).unwrap_or_default();
    assert!(said.contains("mailbox"), "{said}");

    app.set_mailbox(Some(mailbox.path().to_path_buf()));
    let open_before = app.queue.counts.open;
    press(&mut app, Char('I'));
    let report = match app.modals.last() {
        Some(Modal::Message(text)) => text.clone(),
        other => panic!("expected a report, got {other:?}"),
    };
    assert!(
        report.contains("1 created") && report.contains("1 skipped"),
        "{report}"
    );
    assert_eq!(app.queue.counts.open, open_before + 1);
    assert_eq!(app.queue.counts.unread, 1);
    press(&mut app, Esc);

    // The new request is the most overdue (dated 2024): first row, marked, and it explains
    // why each right was recognised.
    let row = app.selected_row().expect("row").clone();
    assert!(row.unread, "{row:?}");
    press(&mut app, Enter);
    let view = screen_text(&mut app);
    assert!(view.contains("erasure: the message says"), "{view}");
    assert!(
        view.contains(", read from the "),
        "which time was arrival: {view}"
    );
    press(&mut app, Esc);
    assert_eq!(app.queue.counts.unread, 0, "opened: no longer new");

    // Importing again changes nothing.
    press(&mut app, Char('I'));
    let again = match app.modals.last() {
        Some(Modal::Message(text)) => text.clone(),
        other => panic!("expected a report, got {other:?}"),
    };
    assert!(again.contains("2 duplicate"), "{again}");
    assert_eq!(app.queue.counts.open, open_before + 1);
}

#[test]
fn a_mailbox_import_runs_beside_the_desk_and_reports_when_done() {
    let (_dir, path) = demo_file();
    let mailbox = tempfile::tempdir().expect("mailbox");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    std::fs::copy(
        corpus.join("nb_multi_right.eml"),
        mailbox.path().join("a.eml"),
    )
    .expect("copy");
    let mut app = app_on_file(&path);
    app.set_mailbox(Some(mailbox.path().to_path_buf()));
    let (tx, rx) = std::sync::mpsc::channel();
    app.set_job_channel(tx);
    let open_before = app.queue.counts.open;

    press(&mut app, Char('I'));
    assert!(app.busy.is_some(), "the import runs in the background");
    // The desk still answers keys while it runs, and a second import waits its turn.
    press(&mut app, Char('j'));
    press(&mut app, Char('I'));
    assert!(
        app.flash
            .as_ref()
            .is_some_and(|(ok, m)| !ok && m.contains("wait")),
        "{:?}",
        app.flash
    );

    // The in-memory queue may load meanwhile; the import's report is what this waits for.
    let done = loop {
        match rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the worker reports")
        {
            dsr_desk::tui::jobs::DeskEvent::Job(done) => break done,
            dsr_desk::tui::jobs::DeskEvent::Loaded(loaded) => app.queue_loaded(*loaded),
            other => panic!("unexpected {other:?}"),
        }
    };
    assert!(app.job_done(done));
    assert!(app.busy.is_none());
    assert!(matches!(app.modals.last(), Some(Modal::Message(m)) if m.contains("1 created")));
    assert_eq!(
        app.queue.counts.open,
        open_before + 1,
        "the queue shows what came in"
    );
}

/// The request in the demo queue asking for `right` (and open), selected.
fn select_open_asking(app: &mut App, right: Right) -> String {
    for _ in 0..40 {
        let row = app.selected_row().expect("a row").clone();
        if row.rights.contains(&right) && row.outcome.is_none() {
            return row.reference;
        }
        press(app, KeyCode::Down);
    }
    panic!("no open request asks for {right}");
}

#[test]
fn the_footer_greys_what_the_case_does_not_allow_and_the_key_says_why() {
    let mut app = demo_app();
    let reference = select_open_asking(&mut app, Right::Erasure);
    // Nothing was erased yet: `e` is greyed, and pressing it changes nothing but says why.
    let why = app
        .blocked(Command::Erase)
        .expect("erase is blocked")
        .to_string();
    assert!(why.contains("no erasure was carried out"), "{why}");
    assert!(app.blocked(Command::Reopen).is_some(), "an open request");
    assert!(app.blocked(Command::Note).is_none());
    // The greyed key is drawn dim, the allowed ones are not.
    let terminal = draw(&mut app, 200, 40);
    let buffer = terminal.backend().buffer();
    let footer_y = buffer.area.height - 1;
    let style_of = |word: &str| {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, footer_y)].symbol().to_string())
            .collect();
        let x = line
            .find(word)
            .unwrap_or_else(|| panic!("{word} in {line}")) as u16;
        buffer[(x, footer_y)].style()
    };
    assert_eq!(style_of(" erase").fg, app.theme.dim.fg);
    assert_ne!(style_of(" note").fg, app.theme.dim.fg);
    let before = app.store.get(&reference).expect("request");
    press(&mut app, Char('e'));
    assert!(app.modals.is_empty(), "no question is asked");
    let flash = app.flash.clone().expect("a status line");
    assert_eq!((flash.0, flash.1.as_str()), (false, why.as_str()));
    assert_eq!(app.store.get(&reference).expect("request"), before);
}

#[test]
fn the_selection_follows_the_request_when_an_action_re_sorts_the_queue() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    // An open request in time and not extended: extending it sends it down the queue.
    let reference = loop {
        let r = read_back(&path, &selected_reference(&app));
        if r.extension.is_none() && r.deadline(false).in_force >= app.today && !r.rights.is_empty()
        {
            break r.reference;
        }
        press(&mut app, KeyCode::Down);
    };
    let row_before = app.queue.selected;
    press(&mut app, Char('x'));
    type_text(&mut app, "Three archives to search");
    press(&mut app, Enter);
    press(&mut app, Char('y'));
    assert!(read_back(&path, &reference).extension.is_some(), "extended");
    assert_ne!(
        app.queue.selected, row_before,
        "the request moved in the queue"
    );
    assert_eq!(
        selected_reference(&app),
        reference,
        "and the selection with it"
    );
    // The next key acts on it, not on whoever took its old row.
    press(&mut app, Char('o'));
    let form = top_form(&app).expect("the note form");
    assert_eq!(
        form.target.as_ref().map(|t| t.0.as_str()),
        Some(reference.as_str())
    );
}

#[test]
fn enter_never_says_yes_to_a_question() {
    let (_dir, path) = demo_file();
    let mut app = app_on_file(&path);
    let reference = selected_reference(&app);
    start_refusal(&mut app);
    press(&mut app, Tab);
    type_text(&mut app, "Repeated.");
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "the question before recording");
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "Enter leaves the question open");
    assert_eq!(read_back(&path, &reference).status, Status::Open);
    press(&mut app, Char('y'));
    assert_eq!(read_back(&path, &reference).status, Status::Closed);
}

#[test]
fn a_long_choice_shows_the_chosen_option_on_the_focused_line() {
    let mut app = demo_app();
    press(&mut app, Char('i'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(form_text(&app, FieldId::Status), "failed");
    let text = screen_text(&mut app);
    let focused = text
        .lines()
        .find(|l| l.contains("▶ Status"))
        .expect("the focused line");
    assert!(focused.contains("failed"), "{focused}");
}

#[test]
fn typing_into_a_prefilled_field_replaces_it_and_other_keys_edit_it() {
    let mut app = demo_app();
    press(&mut app, Char('s'));
    // The assign form opens with the officer's name: typing replaces it.
    assert!(!form_text(&app, FieldId::Who).is_empty());
    type_text(&mut app, "Kari");
    assert_eq!(form_text(&app, FieldId::Who), "Kari");
    press(&mut app, Esc);
    press(&mut app, Char('y'));
    // The extension's notice date is today's: Backspace edits it instead.
    press(&mut app, Char('x'));
    press(&mut app, Tab);
    let today = app.today.to_string();
    assert_eq!(form_text(&app, FieldId::Notified), today);
    press(&mut app, Backspace);
    type_text(&mut app, "1");
    assert_eq!(
        form_text(&app, FieldId::Notified),
        format!("{}1", &today[..today.len() - 1])
    );
}
