//! The desk's customer side: look the person up (`l`), read their records, link them (`L`),
//! and carry out a right in the customer database (`C`), checked through both databases.

mod common;

use common::*;
use dsr_desk::store::Store;
use dsr_desk::tui::app::{App, Clock, Modal, Screen};
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Right};

/// The full demo (requests and customers) in a temporary folder, and a desk on it.
fn desk() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    dsr_desk::cli::build_demo_with(&path, 0, 400, false, now()).expect("demo");
    let store = Store::open(&path).expect("store");
    let app = App::new(store, config(), Clock::Fixed(now()), Theme::colour()).expect("app");
    (dir, path, app)
}

/// Selects the queue row of the request from `name`.
fn select(app: &mut App, name: &str) -> String {
    for _ in 0..30 {
        if let Some(row) = app.selected_row().filter(|r| r.name == name) {
            return row.reference.clone();
        }
        press(app, Char('j'));
    }
    panic!("no request from {name} in the queue");
}

#[test]
fn look_up_read_the_records_and_link_the_customer() {
    let (_dir, path, mut app) = desk();
    let reference = select(&mut app, "Lars Bjørnæs");
    press(&mut app, Char('l'));
    assert_eq!(app.screen, Screen::Lookup);
    let lookup = app.lookup.as_ref().expect("lookup");
    let first = lookup
        .results
        .first()
        .expect("Lars is found from his request");
    assert_eq!(first.name, "Lars Bjørnæs");
    assert!(first.reasons().contains("email"), "{}", first.reasons());
    let customer = first.customer_id;

    press(&mut app, Enter);
    let records = screen_text(&mut app);
    assert!(records.contains("Basic information"), "{records}");
    let shown = app
        .lookup
        .as_ref()
        .and_then(|l| l.records.as_ref())
        .expect("records");
    let categories: Vec<&str> = shown.categories.iter().map(|c| c.label).collect();
    assert!(categories.len() >= 4, "every category held: {categories:?}");
    assert!(
        categories.iter().any(|c| c.contains("Sales")),
        "{categories:?}"
    );
    press(&mut app, Enter);
    press(&mut app, Char('L'));
    assert!(top_is_confirm(&app));
    press(&mut app, Char('y'));
    let store = Store::open(&path).expect("reopen");
    let request = store.get(&reference).expect("request");
    let links = store.linked_customers(request.id).expect("links");
    assert_eq!(
        links.iter().map(|l| l.customer_id).collect::<Vec<_>>(),
        [customer]
    );
    assert!(store.verify_chain().expect("chain").is_intact());

    // Back to the request, which now names the customer.
    press(&mut app, Esc);
    press(&mut app, Enter);
    let view = screen_text(&mut app);
    assert!(
        view.contains(&format!("#{customer} Lars Bjørnæs")),
        "{view}"
    );
}

#[test]
fn typing_a_search_finds_someone_else_and_nobody_is_said_plainly() {
    let (_dir, _path, mut app) = desk();
    select(&mut app, "Sofie Lien");
    press(&mut app, Char('l'));
    // The demo's Sofie Lien is not a customer.
    assert!(app.lookup.as_ref().is_some_and(|l| l.results.is_empty()));
    assert!(screen_text(&mut app).contains("Nobody found"));
    press(&mut app, Char('/'));
    type_text(&mut app, "ase overby");
    let names: Vec<String> = app
        .lookup
        .as_ref()
        .expect("lookup")
        .results
        .iter()
        .map(|m| m.name.clone())
        .collect();
    assert!(names.iter().any(|n| n == "Åse Øverby"), "{names:?}");
}

#[test]
fn erasure_from_the_desk_deletes_keeps_the_legal_hold_and_decides_the_right() {
    let (_dir, path, mut app) = desk();
    let reference = select(&mut app, "Lars Bjørnæs");
    press(&mut app, Char('l'));
    press(&mut app, Char('L'));
    press(&mut app, Char('y'));
    press(&mut app, Esc);
    press(&mut app, Enter);
    press(&mut app, Char('C'));
    press_n(&mut app, Right, 2);
    press(&mut app, Enter);
    let question = match app.modals.last() {
        Some(Modal::Confirm { question, .. }) => question.clone(),
        other => panic!("expected the erasure preview, got {other:?}"),
    };
    assert!(
        question.contains("legal hold until") && question.contains("bokføringsloven"),
        "{question}"
    );
    // Saying no changes nothing.
    press(&mut app, Char('n'));
    assert_eq!(
        Store::open(&path)
            .expect("store")
            .get(&reference)
            .expect("r")
            .status
            .as_str(),
        "open"
    );

    press(&mut app, Char('C'));
    press_n(&mut app, Right, 2);
    press(&mut app, Enter);
    press(&mut app, Char('y'));
    let store = Store::open(&path).expect("reopen");
    let request = store.get(&reference).expect("request");
    assert_eq!(request.status.as_str(), "closed");
    let (ground, reason) = request.refusal().expect("partial refusal");
    assert_eq!(ground.as_str(), "ERASURE_LEGAL_OBLIGATION");
    assert!(reason.contains("bokføringsloven"), "{reason}");
    // Every recipient from the data map is on the Art. 19 checklist.
    assert!(!store.checklist(request.id).expect("checklist").is_empty());
    assert!(store.verify_chain().expect("chain").is_intact());
}
