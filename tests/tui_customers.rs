//! The desk's customer side: look the person up (`l`), read their records, link them (`L`),
//! and carry out a right in the customer database (`C`: erase, rectify a field, lift a
//! restriction ...), checked through both databases.

mod common;

use common::*;
use dsr_desk::store::Store;
use dsr_desk::tui::app::{App, Clock, Modal, Screen};
use dsr_desk::tui::form::FieldId;
use dsr_desk::tui::form::FieldKind;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Backspace, Char, Down, Enter, Esc, Right};

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
    menu_at(&mut app, "erase");
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

    menu_at(&mut app, "erase");
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
    // The request view says the customer was erased, not the placeholder left behind.
    let view = screen_text(&mut app);
    assert!(
        view.contains("erased") && view.contains("the name is no"),
        "{view}"
    );
    assert!(!view.contains("Slettet"), "{view}");
    assert!(store.verify_chain().expect("chain").is_intact());
}

/// Links the lookup's best match to the request from `name`, back on the request view.
fn link_best_match(app: &mut App, name: &str) -> (String, i64) {
    let reference = select(app, name);
    press(app, Char('l'));
    let customer = app
        .lookup
        .as_ref()
        .and_then(|l| l.results.first())
        .map(|m| m.customer_id)
        .expect("the requester is found");
    press(app, Char('L'));
    press(app, Char('y'));
    press(app, Esc);
    press(app, Enter);
    (reference, customer)
}

/// Opens `C` and turns the action choice to `action`.
fn menu_at(app: &mut App, action: &str) {
    press(app, Char('C'));
    for _ in 0..10 {
        if top_form(app).is_some_and(|f| f.get(FieldId::Action) == action) {
            return;
        }
        press(app, Right);
    }
    panic!("no action {action} in the menu");
}

/// Moves the focus down to the field `key`.
fn focus(app: &mut App, key: FieldId) {
    let at = top_form(app)
        .and_then(|f| f.fields.iter().position(|x| x.key == key))
        .unwrap_or_else(|| panic!("no field {key:?}"));
    for _ in 0..10 {
        if top_form(app).is_some_and(|f| f.focus == at) {
            return;
        }
        press(app, Down);
    }
    panic!("cannot reach {key:?}");
}

/// The problem the open form shows beside `key`, if any.
fn shown_problem(app: &App, key: FieldId) -> Option<String> {
    let form = top_form(app)?;
    let at = form.fields.iter().position(|x| x.key == key)?;
    form.visible_problem(at).map(str::to_string)
}

/// Turns the menu's field choice to `table.column`.
fn choose_field(app: &mut App, table: &str, column: &str) {
    focus(app, FieldId::Field);
    let wanted = format!("{table}\u{1f}{column}\u{1f}");
    for _ in 0..40 {
        if top_form(app).is_some_and(|f| f.get(FieldId::Field).starts_with(&wanted)) {
            return;
        }
        press(app, Right);
    }
    panic!("no field {table}.{column} to rectify");
}

fn events_of(path: &std::path::Path, reference: &str) -> Vec<dsr_desk::store::Event> {
    let store = Store::open(path).expect("store");
    let request = store.get(reference).expect("request");
    store.events_of(request.id).expect("events")
}

#[test]
fn rectifying_from_the_desk_checks_as_you_type_and_logs_the_field_not_the_old_value() {
    let (dir, path, mut app) = desk();
    // Kari Nordmann asks for rectification (her address); the e-mail shows the check.
    let (reference, customer) = link_best_match(&mut app, "Kari Nordmann");
    menu_at(&mut app, "rectify");
    // Only what the data map lets be rectified, from the linked customer's own records.
    let options: Vec<String> = match top_form(&app).and_then(|f| {
        f.fields
            .iter()
            .find(|x| x.key == FieldId::Field)
            .map(|x| x.kind.clone())
    }) {
        Some(FieldKind::Choice { options, .. }) => options.into_iter().map(|o| o.1).collect(),
        other => panic!("expected a choice of fields, got {other:?}"),
    };
    assert!(
        options
            .iter()
            .any(|o| o.starts_with("contact_details.email = kari.nordmann@example.no")),
        "{options:?}"
    );
    assert!(
        options
            .iter()
            .all(|o| !o.starts_with("orders.") && !o.contains("customer_no")),
        "no sales record or customer number: {options:?}"
    );

    choose_field(&mut app, "contact_details", "email");
    focus(&mut app, FieldId::Value);
    type_text(&mut app, "kari at ny.example");
    let problem = shown_problem(&app, FieldId::Value).expect("checked as you type");
    assert!(problem.contains("@"), "{problem}");
    press(&mut app, Enter);
    assert!(top_form(&app).is_some(), "an invalid value is not saved");
    press_n(&mut app, Backspace, " at ny.example".len());
    type_text(&mut app, "@ny.example");
    assert_eq!(shown_problem(&app, FieldId::Value), None);
    press(&mut app, Enter);
    let question = match app.modals.last() {
        Some(Modal::Confirm { question, .. }) => question.clone(),
        other => panic!("expected a question first, got {other:?}"),
    };
    assert!(
        question.contains("contact_details.email") && question.contains("kari@ny.example"),
        "{question}"
    );
    press(&mut app, Char('y'));
    assert!(app.modals.is_empty(), "done: {:?}", app.modals.last());
    let store = Store::open(&path).expect("store");
    let db = dsr_desk::customers::open_for(&store).expect("customer db");
    assert_eq!(
        db.lookup("kari@ny.example", 5).expect("lookup")[0].customer_id,
        customer
    );
    let events = events_of(&path, &reference);
    let rectified = events
        .iter()
        .find(|e| e.kind.as_str() == "rectified")
        .expect("event");
    assert!(
        rectified.summary.contains("contact_details.email"),
        "{}",
        rectified.summary
    );
    assert!(
        !rectified
            .detail
            .to_string()
            .to_lowercase()
            .contains("nordmann"),
        "never the old value: {}",
        rectified.detail
    );
    assert!(store.verify_chain().expect("chain").is_intact());

    // A failure on saving keeps the form open with what was typed, and says why.
    menu_at(&mut app, "rectify");
    choose_field(&mut app, "contact_details", "street");
    focus(&mut app, FieldId::Value);
    type_text(&mut app, "Storgata 1");
    let customers_db =
        rusqlite::Connection::open(dir.path().join("desk-customers.db")).expect("customer db");
    customers_db
        .execute(
            "DELETE FROM contact_details WHERE customer_id = ?1",
            [customer],
        )
        .expect("delete behind the desk's back");
    press(&mut app, Enter);
    press(&mut app, Char('y'));
    let form = top_form(&app).expect("the form stays");
    assert_eq!(form.get(FieldId::Value), "Storgata 1");
    assert!(
        form.save_error
            .as_deref()
            .is_some_and(|e| e.contains("no rows in contact_details")),
        "{:?}",
        form.save_error
    );
}

#[test]
fn lifting_a_restriction_from_the_desk_needs_the_day_the_person_was_told() {
    let (_dir, path, mut app) = desk();
    let (reference, customer) = link_best_match(&mut app, "Jonas Berg");
    menu_at(&mut app, "restrict");
    press(&mut app, Enter);
    press(&mut app, Char('y'));
    let restricted = |path: &std::path::Path| {
        let store = Store::open(path).expect("store");
        dsr_desk::customers::open_for(&store)
            .expect("customer db")
            .is_restricted(customer)
            .expect("flag")
    };
    assert!(restricted(&path));

    menu_at(&mut app, "unrestrict");
    press(&mut app, Enter);
    let missing = shown_problem(&app, FieldId::Told).expect("refused without the date");
    assert!(missing.contains("Art. 18(3)"), "{missing}");
    assert!(!top_is_confirm(&app));
    focus(&mut app, FieldId::Told);
    type_text(&mut app, "2026-11-26");
    let future = shown_problem(&app, FieldId::Told).expect("checked as you type");
    assert!(future.contains("in the future"), "{future}");
    press(&mut app, Enter);
    assert!(restricted(&path), "nothing lifted yet");
    press_n(&mut app, Backspace, 2);
    type_text(&mut app, "25");
    assert_eq!(shown_problem(&app, FieldId::Told), None);
    press(&mut app, Enter);
    assert!(top_is_confirm(&app));
    press(&mut app, Char('y'));
    assert!(app.modals.is_empty(), "done: {:?}", app.modals.last());
    assert!(!restricted(&path));
    let lifted = events_of(&path, &reference)
        .into_iter()
        .find(|e| e.kind.as_str() == "restriction-lifted")
        .expect("event");
    assert_eq!(lifted.detail["told_on"], "2026-11-25");
}
