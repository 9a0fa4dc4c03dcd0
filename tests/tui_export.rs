//! `E` in the desk: the export menu drawn (snapshots at 120x40, as tests/tui_snapshots.rs),
//! and what its keys write into the exports folder.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::*;
use dsr_desk::store::EventKind;
use dsr_desk::tui::app::{App, Modal, Screen};
use dsr_desk::tui::forms::export_menu::Item;
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Right};

/// Snapshots at 120x40 (the plain name), 80x24 and 200x50, then lays out at 120x40 again.
fn snapshot(name: &str, app: &mut App) {
    for (i, (width, height)) in [(120, 40), (80, 24), (200, 50)].into_iter().enumerate() {
        let terminal = draw(app, width, height);
        let shot = if i == 0 {
            name.to_string()
        } else {
            format!("{name}_{width}x{height}")
        };
        insta::assert_snapshot!(shot, terminal.backend());
    }
    draw(app, 120, 40);
}

/// The demo desk writing into an exports folder of its own, beside the demo.
fn desk() -> InDir<App> {
    let mut app = demo_app();
    app.exports_dir = app.dir().join("exports");
    app
}

fn menu(app: &App) -> &dsr_desk::tui::forms::export_menu::ExportMenu {
    match app.modals.last() {
        Some(Modal::Export(m)) => m,
        other => panic!("no export menu on top: {other:?}"),
    }
}

/// Moves the selection to `item`.
fn choose(app: &mut App, item: Item) {
    for _ in 0..10 {
        if menu(app).current() == Some(item) {
            return;
        }
        press(app, Down);
    }
    panic!("{item:?} is not in the menu");
}

fn flash(app: &App) -> (bool, String) {
    app.flash.clone().expect("a message in the footer")
}

#[test]
fn export_menu_on_an_open_request() {
    let mut app = desk();
    app.exports_dir = "exports".into();
    press(&mut app, Enter);
    press(&mut app, Char('E'));
    snapshot("export_menu_request", &mut app);
}

#[test]
fn export_menu_on_the_queue_offers_the_register() {
    let mut app = desk();
    app.exports_dir = "exports".into();
    press(&mut app, Char('E'));
    choose(&mut app, Item::Letter);
    snapshot("export_menu_queue", &mut app);
}

#[test]
fn enter_writes_the_summary_owner_only_and_never_over_an_existing_file() {
    let mut app = desk();
    press(&mut app, Enter);
    let reference = app.detail.as_ref().expect("open").request.reference.clone();
    press(&mut app, Char('E'));
    assert_eq!(menu(&app).current(), Some(Item::SummaryMarkdown));
    press(&mut app, Enter);
    assert!(app.modals.is_empty(), "the menu closes after writing");
    let path = app.exports_dir.join(format!("{reference}-summary.md"));
    let (ok, message) = flash(&app);
    assert!(
        ok && message.contains(&path.display().to_string()),
        "{message}"
    );
    let text = fs::read_to_string(&path).expect("written");
    assert!(text.starts_with(&format!("# Case summary {reference}")));
    // Recorded on the request, and the timeline on screen shows it.
    let last = app
        .detail
        .as_ref()
        .and_then(|d| d.events.last())
        .expect("an event");
    assert_eq!(last.kind, EventKind::Exported);
    assert_eq!(
        last.detail["file"],
        format!("{reference}-summary.md").as_str()
    );
    assert_eq!(last.detail["sha256"].as_str().map(str::len), Some(64));
    let mode = |p: &std::path::Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&app.exports_dir), 0o700);
    // Again: the desk asks before replacing, naming the file; only `y` replaces it.
    fs::write(&path, "kept").expect("mark");
    press(&mut app, Char('E'));
    press(&mut app, Enter);
    let question = match app.modals.last() {
        Some(Modal::Confirm { question, .. }) => question.clone(),
        other => panic!("no question: {other:?}"),
    };
    assert!(
        question.contains(&format!("{reference}-summary.md")) && question.contains("Replace"),
        "{question}"
    );
    for key in [Enter, Char('x'), Char(' ')] {
        press(&mut app, key);
        assert!(top_is_confirm(&app), "{key:?} must not answer the question");
    }
    assert_eq!(fs::read_to_string(&path).expect("read"), "kept");
    // n keeps the file and goes back to the menu.
    press(&mut app, Char('n'));
    assert!(matches!(app.modals.last(), Some(Modal::Export(_))));
    assert_eq!(fs::read_to_string(&path).expect("read"), "kept");
    press(&mut app, Esc);
    assert!(app.modals.is_empty());
    assert_eq!(app.screen, Screen::Request);
    // y replaces it, says so, and records the new file.
    press(&mut app, Char('E'));
    press(&mut app, Enter);
    assert!(top_is_confirm(&app));
    press(&mut app, Char('y'));
    assert!(app.modals.is_empty(), "{:?}", app.modals);
    let (ok, message) = flash(&app);
    assert!(ok && message.contains("summary.md"), "{message}");
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with(&format!("# Case summary {reference}")),
        "{text}"
    );
    let exports = app.detail.as_ref().map(|d| {
        d.events
            .iter()
            .filter(|e| e.kind == EventKind::Exported)
            .count()
    });
    assert_eq!(exports, Some(2), "both writes are in the audit trail");
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_letter_of_a_chosen_kind_and_language() {
    let mut app = desk();
    // The most urgent open request is Åse Øverby's access request, written in Norwegian.
    press(&mut app, Enter);
    let reference = app.detail.as_ref().expect("open").request.reference.clone();
    press(&mut app, Char('E'));
    choose(&mut app, Item::Letter);
    // Only kinds that fit are offered: an open, undecided access request gets only the
    // acknowledgement.
    assert_eq!(menu(&app).kinds.len(), 1);
    assert_eq!(menu(&app).lang.as_str(), "nb");
    press(&mut app, Down);
    press(&mut app, Right);
    assert_eq!(menu(&app).lang.as_str(), "nn");
    press(&mut app, Right);
    assert_eq!(menu(&app).lang.as_str(), "en");
    press(&mut app, Enter);
    let path = app
        .exports_dir
        .join(format!("{reference}-acknowledgement-en.txt"));
    let text = fs::read_to_string(&path).expect("letter written");
    assert!(text.contains("We have received your request"), "{text}");
}

#[test]
fn the_register_from_the_queue() {
    let mut app = desk();
    press(&mut app, Char('E'));
    choose(&mut app, Item::RegisterCsv);
    press(&mut app, Enter);
    let (ok, message) = flash(&app);
    assert!(ok, "{message}");
    let path = app.exports_dir.join("register-2026-11-25.csv");
    let text = fs::read_to_string(&path).expect("register");
    assert_eq!(text.lines().count(), 17, "header + 16 demo requests");
    let recorded = app.store.events_without_request().expect("events");
    let last = recorded.last().expect("the register's event");
    assert_eq!(last.kind, EventKind::Exported);
    assert_eq!(last.detail["file"], "register-2026-11-25.csv");
    assert!(app.store.verify_chain().expect("chain").is_intact());
    // The request view has no register line.
    press(&mut app, Enter);
    press(&mut app, Char('E'));
    assert!(!menu(&app).items.contains(&Item::RegisterCsv));
}

/// The demo desk with a sender for e-mail and a mail server on a loopback port nobody
/// listens on.
fn desk_with_mail() -> InDir<App> {
    let mut config = config();
    config.mail = Some(dsr_desk::config::MailConfig {
        from: Some("ORINOR Personvern <personvern@orinor.no>".into()),
        smtp: Some(dsr_desk::config::SmtpConfig {
            host: "127.0.0.1".into(),
            port: Some(9),
            security: dsr_desk::config::SmtpSecurity::None,
            username: None,
            password_env: None,
        }),
    });
    let mut app = demo_store().map(|store| {
        App::new(
            store,
            config,
            dsr_desk::tui::app::Clock::Fixed(now()),
            dsr_desk::tui::theme::Theme::colour(),
        )
        .expect("app")
    });
    app.exports_dir = app.dir().join("exports");
    app
}

#[test]
fn the_letter_leaves_as_an_e_mail_draft_or_is_sent_after_a_question_showing_it() {
    let mut app = desk_with_mail();
    let reference = app.selected_row().expect("row").reference.clone();
    press(&mut app, Enter);
    press(&mut app, Char('E'));
    choose(&mut app, Item::LetterDraft);
    press(&mut app, Enter);
    let (ok, message) = flash(&app);
    assert!(ok && message.contains(".eml"), "{message}");
    let draft = fs::read_dir(&app.exports_dir)
        .expect("exports")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "eml"))
        .expect("the draft");
    let raw = fs::read(&draft).expect("read");
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("From: \"ORINOR Personvern\" <personvern@orinor.no>"),
        "{text}"
    );
    assert!(text.contains(&reference), "{text}");

    // Send: the question shows where it goes; n sends nothing.
    press(&mut app, Char('E'));
    choose(&mut app, Item::LetterSend);
    press(&mut app, Enter);
    let details = match app.modals.last() {
        Some(Modal::Confirm { details, .. }) => details.clone(),
        other => panic!("no question: {other:?}"),
    };
    assert!(details.iter().any(|l| l.starts_with("To: ")), "{details:?}");
    assert!(
        details
            .iter()
            .any(|l| l.starts_with("Subject: ") && l.contains(&reference)),
        "{details:?}"
    );
    assert!(
        details.iter().any(|l| l.starts_with("Attachments: ")),
        "{details:?}"
    );
    press(&mut app, Enter);
    assert!(top_is_confirm(&app), "Enter is not yes");
    press(&mut app, Char('n'));
    // y with the server down: said in one line, nothing recorded as sent.
    press(&mut app, Char('E'));
    choose(&mut app, Item::LetterSend);
    press(&mut app, Enter);
    press(&mut app, Char('y'));
    let (ok, message) = flash(&app);
    assert!(!ok && message.contains("127.0.0.1:9"), "{message}");
    let request = app.store.get(&reference).expect("request");
    let events = app.store.events_of(request.id).expect("events");
    assert!(!events.iter().any(|e| e.kind == EventKind::LetterSent));
}
