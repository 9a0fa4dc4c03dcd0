//! The traps a new officer fell into, each driven by the keys a terminal sends and checked
//! against the desk's state and what the database holds.

mod common;

use common::*;
use dsr_desk::domain::request::{IdentityStatus, Right};
use dsr_desk::store::Store;
use dsr_desk::tui::app::{App, Modal, Screen};
use dsr_desk::tui::form::FieldId;
use dsr_desk::tui::form::{FieldKind, FormKind};
use dsr_desk::tui::forms::customer_menu::ACTIONS;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{self, Char, Down, Enter, Esc, Right as RightKey, Tab};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

fn desk() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let (dir, path) = demo_file();
    let app = app_on(Store::open(&path).expect("open"), Theme::colour());
    (dir, path, app)
}

fn selected(app: &App) -> String {
    app.selected_row()
        .expect("a selected row")
        .reference
        .clone()
}

/// Moves the queue's selection to the first request whose rights start with `right` (or
/// hold it, when none starts with it), and returns its reference.
fn select_asking(app: &mut App, right: Right) -> String {
    press(app, Char('g'));
    let rows: Vec<(String, Vec<Right>)> = (0..app.queue.total)
        .map(|_| {
            let row = app.selected_row().expect("row");
            let r = (row.reference.clone(), row.rights.clone());
            press(app, Char('j'));
            r
        })
        .collect();
    let wanted = rows
        .iter()
        .find(|(_, rights)| rights.first() == Some(&right))
        .or_else(|| rows.iter().find(|(_, rights)| rights.contains(&right)))
        .map(|(reference, _)| reference.clone())
        .unwrap_or_else(|| panic!("no request asks for {right:?}"));
    press(app, Char('g'));
    while selected(app) != wanted {
        press(app, Char('j'));
    }
    wanted
}

fn confirm_text(app: &App) -> Option<(String, Vec<String>)> {
    match app.modals.last() {
        Some(Modal::Confirm {
            question, details, ..
        }) => Some((question.clone(), details.clone())),
        _ => None,
    }
}

#[test]
fn a_key_bound_to_nothing_changes_nothing_and_draws_nothing() {
    let (_dir, _path, mut app) = desk();
    press(&mut app, Char('I'));
    let flash = app.flash.clone();
    assert!(flash.is_some(), "a refused key says why");
    let before = selected(&app);
    for code in [Char('Z'), Char('%'), KeyCode::F(5), KeyCode::Insert] {
        assert!(
            !app.handle_key(key_event(code)),
            "{code:?} is bound to nothing: no redraw"
        );
    }
    assert_eq!(
        app.flash, flash,
        "nothing changed, not even the status line"
    );
    assert_eq!(selected(&app), before);
    // Inside a form too: F5 is nothing there.
    press(&mut app, Char('o'));
    assert!(!app.handle_key(key_event(KeyCode::F(5))));
}

#[test]
fn a_disabled_key_says_why_and_the_footer_greys_it() {
    let (_dir, _path, mut app) = desk();
    // No mailbox in the tests' config: `I` cannot import.
    assert!(app.handle_key(key_event(Char('I'))), "the reason is drawn");
    let (ok, why) = app.flash.clone().expect("a reason");
    assert!(!ok && why.contains("no mailbox is set"), "{why}");
    assert!(app.modals.is_empty());
    // A case command the case refuses: reopening an open request.
    press(&mut app, Char('O'));
    let (ok, why) = app.flash.clone().expect("a reason");
    assert!(!ok && !why.is_empty(), "{why}");
    assert!(app.modals.is_empty(), "no form for what cannot be done");
    assert_eq!(
        app.blocked(dsr_desk::tui::keys::Command::Reopen),
        Some(why.as_str())
    );
}

#[test]
fn the_customer_menu_opens_on_what_the_requests_right_calls_for() {
    for (right, action) in [
        (Right::Erasure, "erase"),
        (Right::Access, "access"),
        (Right::Objection, "object"),
    ] {
        let (_dir, _path, mut app) = desk();
        let reference = select_asking(&mut app, right);
        press(&mut app, Char('C'));
        let form = top_form(&app).expect("the customer menu");
        assert_eq!(form.kind, FormKind::CustomerActions);
        let rights = app.store.get(&reference).expect("request").rights;
        // The first right asked for decides (one the case does not allow yet opens there
        // too, and Enter says why).
        let first = dsr_desk::tui::forms::customer_menu::action_for(rights[0]);
        assert_eq!(
            form.get(FieldId::Action),
            first,
            "{reference} asks for {rights:?}: the menu opens on {first}"
        );
        if rights[0] == right {
            assert_eq!(form.get(FieldId::Action), action, "{reference}");
        }
        // What the focused line says is what Enter will do.
        let label = ACTIONS
            .iter()
            .find(|(k, _)| *k == form.get(FieldId::Action))
            .map(|(_, l)| *l)
            .expect("label");
        let text = screen_text(&mut app);
        let focused = text
            .lines()
            .find(|l| l.contains('▶'))
            .expect("a focused line");
        assert!(focused.contains(label), "{focused}");
    }
}

#[test]
fn the_long_customer_menu_scrolls_to_its_last_items_with_an_indicator() {
    let (_dir, _path, mut app) = desk();
    press(&mut app, Char('C'));
    assert!(ACTIONS.len() > 7, "the menu is longer than its window");
    // To the first item, then to the 8th and the last.
    let start = ACTIONS
        .iter()
        .position(|(k, _)| *k == top_form(&app).expect("menu").get(FieldId::Action))
        .expect("known action");
    for _ in 0..(ACTIONS.len() - start) % ACTIONS.len() {
        press(&mut app, RightKey);
    }
    assert_eq!(
        top_form(&app).expect("menu").get(FieldId::Action),
        ACTIONS[0].0
    );
    let text = screen_text(&mut app);
    assert!(text.contains("↓ 3 more"), "{text}");
    for index in [7, ACTIONS.len() - 1] {
        while top_form(&app).expect("menu").get(FieldId::Action) != ACTIONS[index].0 {
            press(&mut app, RightKey);
        }
        for (w, h) in [(80, 24), (120, 40)] {
            let terminal = draw(&mut app, w, h);
            let text = text_of(terminal.backend().buffer());
            let focused = text
                .lines()
                .find(|l| l.contains('▶'))
                .expect("a focused line");
            // The label may be cut at 80 columns; its start is on the focused line.
            let head: String = ACTIONS[index].1.chars().take(30).collect();
            assert!(focused.contains(&head), "item {index} at {w}x{h}:\n{text}");
            assert!(text.contains("more"), "an indicator of the rest:\n{text}");
        }
    }
}

#[test]
fn an_identity_result_is_confirmed_only_with_y_and_says_what_is_recorded() {
    let (_dir, path, mut app) = desk();
    let reference = selected(&app);
    press(&mut app, Char('i'));
    let form = top_form(&app).expect("identity form");
    // The focused choice line shows the option Enter will record.
    let choice = form.get(FieldId::Status);
    let text = screen_text(&mut app);
    let focused = text.lines().find(|l| l.contains('▶')).expect("focused");
    assert!(
        focused.contains(&choice.replace('-', " ")),
        "{choice}: {focused}"
    );
    // Choose "failed": the focused line follows.
    while top_form(&app).expect("form").get(FieldId::Status) != "failed" {
        press(&mut app, RightKey);
    }
    let text = screen_text(&mut app);
    let focused = text.lines().find(|l| l.contains('▶')).expect("focused");
    assert!(focused.contains("failed"), "{focused}");
    press(&mut app, Tab);
    type_text(&mut app, "BankID");
    press(&mut app, Enter);
    let (question, _) = confirm_text(&app).expect("an identity result asks first");
    assert!(
        question.contains("failed") && question.contains(&reference),
        "{question}"
    );
    // Enter, pressed once too often, does nothing.
    press(&mut app, Enter);
    assert!(confirm_text(&app).is_some());
    let before = Store::open(&path)
        .expect("open")
        .get(&reference)
        .expect("r");
    assert_ne!(before.identity, IdentityStatus::Failed);
    press(&mut app, Char('y'));
    let after = Store::open(&path)
        .expect("open")
        .get(&reference)
        .expect("r");
    assert_eq!(after.identity, IdentityStatus::Failed);
}

#[test]
fn the_selection_follows_the_request_across_filters() {
    let (_dir, _path, mut app) = desk();
    press(&mut app, Char('G'));
    let last_open = selected(&app);
    assert!(app.queue.selected > 0);
    // Through every view: when the new view shows the selected request, it stays selected
    // wherever it now stands; when not, the selection is at the top (never on whatever row
    // happens to sit where it was).
    let mut followed = 0;
    for _ in 0..dsr_desk::store::View::ALL.len() {
        let Some(before) = app.selected_row().map(|r| r.reference.clone()) else {
            // An empty view (nobody's requests are "mine" here): nothing to follow.
            press(&mut app, Char('f'));
            continue;
        };
        press(&mut app, Char('f'));
        let shown = app
            .store
            .position(&app.queue.filter, app.today, &before)
            .expect("position");
        match shown {
            Some(at) => {
                assert_eq!(selected(&app), before, "{:?}", app.queue.filter.view);
                assert_eq!(app.queue.selected, at);
                followed += 1;
            }
            None => assert_eq!(app.queue.selected, 0, "{:?}", app.queue.filter.view),
        }
    }
    assert!(
        followed >= 1,
        "a view showed the selected request ({followed})"
    );
    // Clearing the filters from a view where it stands first takes it back to its place.
    while app.queue.filter.view != dsr_desk::store::View::Extended {
        press(&mut app, Char('f'));
    }
    press(&mut app, Char('g'));
    assert_eq!(
        selected(&app),
        last_open,
        "the extended one is the last open one"
    );
    press(&mut app, Char('R'));
    press(&mut app, Char('c'));
    assert_eq!(selected(&app), last_open, "clearing the filters keeps it");
    assert!(app.queue.selected > 0, "at its place in the open view");
}

#[test]
fn the_erasure_question_shows_every_table_and_scrolls() {
    let (_dir, path, mut app) = desk();
    for _ in 0..30 {
        if app.selected_row().is_some_and(|r| r.name == "Lars Bjørnæs") {
            break;
        }
        press(&mut app, Char('j'));
    }
    let reference = selected(&app);
    press(&mut app, Char('l'));
    press(&mut app, Char('L'));
    press(&mut app, Char('y'));
    press(&mut app, Esc);
    assert_eq!(app.screen, Screen::Queue);
    press(&mut app, Char('C'));
    while top_form(&app).expect("menu").get(FieldId::Action) != "erase" {
        press(&mut app, RightKey);
    }
    press(&mut app, Enter);
    let (question, details) = confirm_text(&app).expect("the erasure preview");
    assert!(question.contains("cannot be undone"), "{question}");
    // The command line's per-table lines: a customer line, then each table.
    assert!(details[0].starts_with("Customer "), "{details:?}");
    let tables = details
        .iter()
        .filter(|l| {
            ["  delete", "  anonymise", "  keep"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .count();
    assert!(tables >= 3, "{details:?}");
    // At 80x24 it does not fit: the rest is below, and the arrows bring it up.
    let terminal = draw(&mut app, 80, 24);
    let text = text_of(terminal.backend().buffer());
    assert!(text.contains("more (↑/↓ scroll)"), "{text}");
    let last = details.last().expect("a last line").trim().to_string();
    assert!(!text.contains(&last), "{text}");
    for _ in 0..details.len() {
        press(&mut app, Down);
    }
    let terminal = draw(&mut app, 80, 24);
    let text = text_of(terminal.backend().buffer());
    let shown: String = last.chars().take(40).collect();
    assert!(text.contains(&shown), "scrolled to the end:\n{text}");
    // Enter does not erase; y does.
    press(&mut app, Enter);
    assert!(confirm_text(&app).is_some());
    let store = Store::open(&path).expect("open");
    let request = store.get(&reference).expect("request");
    let erased_before = store
        .events_of(request.id)
        .expect("events")
        .iter()
        .any(|e| e.kind == dsr_desk::domain::request::EventKind::Erased);
    assert!(!erased_before);
    press(&mut app, Char('y'));
    assert!(confirm_text(&app).is_none());
    assert!(
        app.flash
            .as_ref()
            .is_some_and(|(ok, m)| *ok && m.contains("erased")),
        "{:?}",
        app.flash
    );
}

#[test]
fn the_palette_finds_completes_and_runs_an_action_as_its_key_would() {
    let (_dir, path, mut app) = desk();
    let reference = selected(&app);
    press(&mut app, Char(':'));
    assert!(matches!(app.modals.last(), Some(Modal::Palette(_))));
    type_text(&mut app, "ext");
    let text = screen_text(&mut app);
    assert!(text.contains(":ext"), "{text}");
    assert!(text.contains("extend"), "{text}");
    press(&mut app, Tab);
    match app.modals.last() {
        Some(Modal::Palette(p)) => assert_eq!(p.input, "extend"),
        other => panic!("{other:?}"),
    }
    press(&mut app, Enter);
    let form = top_form(&app).expect("Enter ran extend: its form is open");
    assert_eq!(form.kind, FormKind::Extend);
    assert_eq!(form.target.as_ref().map(|t| t.0.clone()), Some(reference));
    press(&mut app, Esc);
    // An action that does not work now is refused the way its key is.
    press(&mut app, Char(':'));
    type_text(&mut app, "import");
    press(&mut app, Enter);
    assert!(app.modals.is_empty());
    assert!(
        app.flash
            .as_ref()
            .is_some_and(|(ok, m)| !ok && m.contains("no mailbox")),
        "{:?}",
        app.flash
    );
    // Letters in order find it too, and Esc closes without running anything.
    press(&mut app, Char(':'));
    type_text(&mut app, "stts");
    match app.modals.last() {
        Some(Modal::Palette(p)) => {
            assert_eq!(p.chosen().map(|b| b.name), Some("statistics"))
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, Esc);
    assert!(app.modals.is_empty());
    assert_eq!(app.screen, Screen::Queue);
    // Ctrl-C still quits from inside it.
    press(&mut app, Char(':'));
    app.handle_key(KeyEvent::new(Char('c'), KeyModifiers::CONTROL));
    assert!(app.quit);
    drop(path);
}

#[test]
fn choice_fields_show_the_choice_on_the_focused_line_for_short_and_long_lists() {
    let (_dir, _path, mut app) = desk();
    press(&mut app, Char('r'));
    // The ground list is long: the label stands on the chosen option's line.
    press(&mut app, Tab);
    if top_form(&app).is_some_and(|f| f.fields[f.focus].key != FieldId::Ground) {
        press(&mut app, Tab);
    }
    type_text(&mut app, "m");
    let form = top_form(&app).expect("refuse form");
    let chosen = form.get(FieldId::Ground);
    assert!(chosen.starts_with("MANIFESTLY"), "{chosen}");
    assert!(matches!(
        &form.fields[form.focus].kind,
        FieldKind::Choice { .. }
    ));
    let text = screen_text(&mut app);
    let focused = text.lines().find(|l| l.contains('▶')).expect("focused");
    assert!(focused.contains(&chosen), "{focused}");
}

#[test]
fn a_note_typed_over_two_lines_is_stored_whole() {
    let (_dir, path, mut app) = desk();
    let reference = selected(&app);
    press(&mut app, Char('o'));
    type_text(&mut app, "Called back.");
    app.handle_key(KeyEvent::new(Enter, KeyModifiers::ALT));
    type_text(&mut app, "They will send the order number.");
    // Ctrl-J starts a new line too.
    app.handle_key(KeyEvent::new(Char('j'), KeyModifiers::CONTROL));
    type_text(&mut app, "Third.");
    press(&mut app, Enter);
    assert!(app.modals.is_empty(), "{:?}", app.modals);
    let store = Store::open(&path).expect("open");
    let request = store.get(&reference).expect("request");
    let last = store.events_of(request.id).expect("events");
    let note = last.last().expect("the note");
    assert!(
        note.summary
            .contains("Called back.\nThey will send the order number.\nThird."),
        "{:?}",
        note.summary
    );
}

#[test]
fn typing_in_a_form_or_the_palette_reads_nothing_from_the_store() {
    let (_dir, _path, mut app) = desk();
    press(&mut app, Char('r'));
    let opened = app.case_reads;
    press(&mut app, Tab);
    type_text(&mut app, "mm");
    press(&mut app, Tab);
    type_text(&mut app, "Fourth identical request this month.");
    press(&mut app, RightKey);
    assert_eq!(app.case_reads, opened, "the case was read while typing");
    // The form's checks still ran, against the case read when it opened.
    assert!(top_form(&app).is_some_and(|f| f.problem(FieldId::Ground).is_none()));
    press(&mut app, Esc);
    press(&mut app, Char('y'));
    press(&mut app, Char(':'));
    let closed = app.case_reads;
    type_text(&mut app, "refuse");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.case_reads, closed);
}

#[test]
fn a_refusal_longer_than_the_status_line_is_shown_whole() {
    let (_dir, _path, mut app) = desk();
    let why = "DSR-2026-0005 cannot be closed as erased: the erasure of customer K100001 \
               is recorded as interrupted, so no erasure was carried out; run it again from \
               the customer menu (C) before closing"
        .to_string();
    app.flash = Some((false, why.clone()));
    let screen = screen_text_at(&mut app, 80, 24);
    let shown: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    let said: String = why.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(shown.contains(&said), "not all of «{said}» is on\n{screen}");
}

fn screen_text_at(app: &mut App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    text_of(terminal.backend().buffer())
}
