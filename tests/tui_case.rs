//! The case workflow's guards as key sequences in the desk: what the law forbids cannot be
//! saved from a form or a menu either, the desk says why, and nothing changes.

mod common;

use common::*;
use dsr_desk::case::{Case, Edit};
use dsr_desk::domain::request::{IdentityStatus, ObjectionScope, Right as R};
use dsr_desk::store::Store;
use dsr_desk::tui::app::{App, Clock, Modal, Screen};
use dsr_desk::tui::form::FieldId;
use dsr_desk::tui::form::FormKind;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Right, Tab};

/// The full demo (requests and customers) in a temporary folder.
fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("desk.db");
    dsr_desk::cli::build_demo_with(&path, 0, 400, false, now()).expect("demo");
    (dir, path)
}

fn desk_on(path: &std::path::Path) -> App {
    let store = Store::open(path).expect("store");
    App::new(store, config(), Clock::Fixed(now()), Theme::colour()).expect("app")
}

/// Changes the case behind the desk's back, as another officer would.
fn with_case(path: &std::path::Path, f: impl FnOnce(&mut Case<'_>)) {
    let mut store = Store::open(path).expect("store");
    f(&mut Case::new(&mut store, "other officer", now()));
}

fn reference_of(path: &std::path::Path, name: &str) -> String {
    let store = Store::open(path).expect("store");
    let filter = dsr_desk::store::QueueFilter {
        view: dsr_desk::store::View::All,
        ..Default::default()
    };
    store
        .page(&filter, now().date_naive(), 0, 100)
        .expect("page")
        .into_iter()
        .find(|r| r.name == name)
        .map(|r| r.reference)
        .unwrap_or_else(|| panic!("no request from {name}"))
}

fn select(app: &mut App, reference: &str) {
    for _ in 0..40 {
        if app.selected_row().is_some_and(|r| r.reference == reference) {
            return;
        }
        press(app, Char('j'));
    }
    panic!("{reference} is not in the queue");
}

fn events(path: &std::path::Path, reference: &str) -> Vec<dsr_desk::store::Event> {
    let store = Store::open(path).expect("store");
    let id = store.get(reference).expect("request").id;
    store.events_of(id).expect("events")
}

#[test]
fn a_marketing_objection_cannot_be_refused_from_the_form() {
    let (_dir, path) = demo();
    let reference = reference_of(&path, "Mohammed Ali");
    with_case(&path, |c| {
        c.edit(
            &reference,
            None,
            &Edit::Rights(vec![R::Objection], Some(ObjectionScope::Marketing)),
        )
        .expect("scope");
    });
    let before = events(&path, &reference).len();
    let mut app = desk_on(&path);
    select(&mut app, &reference);
    press(&mut app, Char('r'));
    press(&mut app, Tab);
    type_text(&mut app, "o");
    assert_eq!(
        top_form(&app).expect("form").get(FieldId::Ground),
        "OBJECTION_COMPELLING_GROUNDS"
    );
    press(&mut app, Tab);
    type_text(&mut app, "We need the data for our campaigns.");
    press(&mut app, Enter);
    assert!(!top_is_confirm(&app), "nothing to confirm");
    let form = top_form(&app).expect("the form stays open");
    let problem = form
        .problem(FieldId::Ground)
        .expect("the ground is refused");
    assert!(problem.contains("21(2)"), "{problem}");
    assert_eq!(events(&path, &reference).len(), before, "nothing recorded");
}

#[test]
fn a_stranger_is_linked_from_the_desk_only_with_a_reason() {
    let (_dir, path) = demo();
    let reference = reference_of(&path, "Sofie Lien");
    let mut app = desk_on(&path);
    select(&mut app, &reference);
    press(&mut app, Char('l'));
    press(&mut app, Char('/'));
    type_text(&mut app, "ase overby");
    press(&mut app, Enter);
    press(&mut app, Char('L'));
    // Åse matches nothing of Sofie's: the desk asks why instead of asking to confirm.
    let form = top_form(&app).expect("a form asking why");
    assert_eq!(form.kind, FormKind::LinkReason);
    press(&mut app, Tab);
    press(&mut app, Enter);
    assert!(!top_is_confirm(&app), "no reason, no link");
    type_text(
        &mut app,
        "Sofie uses her mother's account; confirmed by phone",
    );
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "{:?}", app.modals.last());
    press(&mut app, Char('y'));
    let store = Store::open(&path).expect("store");
    let request = store.get(&reference).expect("request");
    assert_eq!(store.linked_customers(request.id).expect("links").len(), 1);
    let linked = events(&path, &reference)
        .into_iter()
        .find(|e| e.kind.as_str() == "customer-linked")
        .expect("a link event");
    assert!(
        linked.summary.contains("mother's account"),
        "{}",
        linked.summary
    );
}

#[test]
fn nothing_is_erased_from_the_desk_while_identity_is_asked() {
    let (_dir, path) = demo();
    let reference = reference_of(&path, "Lars Bjørnæs");
    with_case(&path, |c| {
        let db = dsr_desk::customers::open_for(c.store).expect("customer db");
        c.link(&db, &reference, 3, None)
            .expect("Lars's own address matches");
        c.edit(
            &reference,
            None,
            &Edit::Identity {
                status: IdentityStatus::Requested,
                method: None,
                reason: Some("Two customers share the name".into()),
            },
        )
        .expect("identity asked");
    });
    let before = events(&path, &reference).len();
    let mut app = desk_on(&path);
    select(&mut app, &reference);
    press(&mut app, Char('C'));
    let menu = top_form(&app).expect("the customer menu");
    let labels = match &menu.fields[0].kind {
        dsr_desk::tui::form::FieldKind::Choice { options, .. } => options.clone(),
        other => panic!("{other:?}"),
    };
    let erase = labels.iter().find(|(k, _)| k == "erase").expect("erase");
    assert!(erase.1.ends_with("[not now]"), "{erase:?}");
    while top_form(&app).is_some_and(|f| f.get(FieldId::Action) != "erase") {
        press(&mut app, Right);
    }
    press(&mut app, Enter);
    assert!(
        !matches!(app.modals.last(), Some(Modal::Confirm { .. })),
        "no erasure question"
    );
    let flash = app.flash.clone().map(|f| f.1).unwrap_or_default();
    let save = top_form(&app)
        .and_then(|f| f.save_error.clone())
        .unwrap_or_default();
    assert!(
        flash.contains("12(6)") || save.contains("12(6)"),
        "flash {flash:?} / form {save:?}"
    );
    assert_eq!(events(&path, &reference).len(), before, "nothing recorded");
    press(&mut app, Esc);
    assert_eq!(app.screen, Screen::Queue);
}

#[test]
fn a_menu_letter_chooses_by_the_label_shown() {
    let (_dir, path) = demo();
    let reference = reference_of(&path, "Mohammed Ali");
    let mut app = desk_on(&path);
    select(&mut app, &reference);
    press(&mut app, Char('C'));
    for (letter, action) in [
        ('s', "object"),
        ('t', "notify"),
        ('e', "erase"),
        ('l', "unrestrict"),
    ] {
        press(&mut app, Char(letter));
        assert_eq!(
            top_form(&app).expect("menu").get(FieldId::Action),
            action,
            "{letter}"
        );
    }
}

#[test]
fn a_fee_is_recorded_from_the_desk_with_its_amount_and_basis() {
    let (_dir, path) = demo();
    let reference = reference_of(&path, "Hanne Solberg");
    let before = events(&path, &reference).len();
    let mut app = desk_on(&path);
    select(&mut app, &reference);
    press(&mut app, Char('$'));
    assert_eq!(top_form(&app).map(|f| f.kind), Some(FormKind::Fee));
    type_text(&mut app, "0");
    press(&mut app, Tab);
    press(&mut app, Tab);
    type_text(&mut app, "The cost of a fourth copy");
    press(&mut app, Enter);
    assert!(!top_is_confirm(&app), "no fee of zero");
    assert_eq!(events(&path, &reference).len(), before);
    // 15(3) is for further copies: none was written yet.
    press(&mut app, ratatui::crossterm::event::KeyCode::BackTab);
    press(&mut app, Right);
    press(&mut app, ratatui::crossterm::event::KeyCode::BackTab);
    press(&mut app, ratatui::crossterm::event::KeyCode::Backspace);
    type_text(&mut app, "250");
    press(&mut app, Enter);
    let problem = top_form(&app).and_then(|f| f.problem(FieldId::Basis).map(str::to_string));
    assert!(problem.is_some_and(|p| p.contains("first copy is free")));
    press(&mut app, Tab);
    press(&mut app, Right);
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "{:?}", app.modals.last());
    press(&mut app, Char('y'));
    let fee = events(&path, &reference)
        .into_iter()
        .find(|e| e.kind.as_str() == "fee")
        .expect("a fee event");
    assert_eq!(fee.detail["amount_nok"], 250);
    assert_eq!(fee.detail["basis"], "12(5)(a)");
    // The statistics count it.
    press(&mut app, Esc);
    press(&mut app, Char('S'));
    let screen = screen_text(&mut app);
    assert!(
        screen.contains("fees under Art. 12(5)(a) 1 (NOK 250)"),
        "{screen}"
    );
}

#[test]
fn the_footer_guards_follow_a_change_made_by_another_officer() {
    use dsr_desk::tui::keys::Command;
    let (_dir, path) = demo();
    let mut app = desk_on(&path);
    // Walk down and back, so the guards of these requests were worked out once already.
    let mut extendable = None;
    for _ in 0..20 {
        let in_time = app
            .selected_row()
            .is_some_and(|r| r.due > now().date_naive());
        if in_time && app.blocked(Command::Extend).is_none() {
            extendable = app.selected_row().map(|r| r.reference.clone());
            break;
        }
        press(&mut app, Char('j'));
    }
    let reference = extendable.expect("an open request that can be extended");
    press(&mut app, Char('j'));
    press(&mut app, Char('k'));
    assert!(app.blocked(Command::Extend).is_none());
    with_case(&path, |c| {
        c.edit(
            &reference,
            None,
            &Edit::Extend {
                reason: "many requests from the same person this month".into(),
                notified: now().date_naive(),
            },
        )
        .expect("extend");
    });
    app.tick();
    assert_eq!(
        app.selected_row().map(|r| r.reference.clone()),
        Some(reference)
    );
    assert!(
        app.blocked(Command::Extend).is_some(),
        "the desk still offers to extend a request another officer extended"
    );
}

#[test]
fn a_representative_and_their_mandate_are_recorded_from_the_desk() {
    let (_dir, path) = demo();
    let reference = reference_of(&path, "Hanne Solberg");
    let mut app = desk_on(&path);
    select(&mut app, &reference);
    press(&mut app, Char('A'));
    assert_eq!(
        top_form(&app).map(|f| f.kind),
        Some(FormKind::Representative)
    );
    // A name is needed, and an address must be one.
    press(&mut app, Enter);
    assert!(!top_is_confirm(&app));
    assert!(top_form(&app).is_some_and(|f| f.problem(FieldId::Name).is_some()));
    type_text(&mut app, "Per Solberg");
    press(&mut app, Tab);
    type_text(&mut app, "per at home");
    press(&mut app, Enter);
    assert!(top_form(&app).is_some_and(|f| f.problem(FieldId::Email).is_some()));
    press_n(&mut app, ratatui::crossterm::event::KeyCode::Backspace, 11);
    type_text(&mut app, "per@example.no");
    press(&mut app, Tab);
    // Role: parent is the first (other is preset); mandate: shown is the first (the one
    // recorded, not yet seen, is preset).
    press_n(&mut app, ratatui::crossterm::event::KeyCode::Left, 3);
    press(&mut app, Tab);
    press_n(&mut app, ratatui::crossterm::event::KeyCode::Left, 2);
    press(&mut app, Enter);
    if top_is_confirm(&app) {
        press(&mut app, Char('y'));
    }
    let store = Store::open(&path).expect("store");
    let r = store.get(&reference).expect("request");
    assert_eq!(r.agent.as_deref(), Some("Per Solberg <per@example.no>"));
    assert_eq!(
        r.agent_role,
        Some(dsr_desk::domain::request::AgentRole::Parent)
    );
    assert_eq!(r.mandate, dsr_desk::domain::request::Mandate::Shown);
    let e = events(&path, &reference)
        .into_iter()
        .find(|e| e.kind.as_str() == "representative")
        .expect("a representative event");
    assert_eq!(e.detail["mandate"], "shown");
    // The request view says who acts for whom.
    if app.detail.is_none() {
        press(&mut app, Enter);
    }
    let screen = screen_text(&mut app);
    assert!(
        screen.contains("Per Solberg <per@example.no> (parent) acts for")
            && screen.contains("mandate shown"),
        "{screen}"
    );
}
