//! The request view shows what the person wrote after the request came in: each follow-up's
//! text, newest first, those that came after the officer last opened the request marked.

mod common;

use std::path::Path;

use common::cli::write_message;
use common::*;
use dsr_desk::store::Store;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Enter, Esc};

fn import(store: &mut Store, path: &Path) {
    dsr_desk::importer::import_path(store, path, "intake", now(), &mut |_| {});
}

const KARI: &str = "Kari Nordmann <kari@example.no>";

/// Kari's access request of 16 November (Message-ID k1), taken in by intake.
fn kari_asked_for_access() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::create(
        &dir.path().join("r.db"),
        dsr_desk::store::RegisterKind::Register,
    )
    .expect("store");
    kari_writes(
        &mut store,
        &[
            ("Subject", "Innsyn"),
            ("Date", "Mon, 16 Nov 2026 10:00:00 +0100"),
            ("Message-ID", "<k1@example.no>"),
        ],
        "Jeg ber om innsyn i personopplysningene dere har om meg.",
    );
    (dir, store)
}

/// One more message from Kari, taken in by intake.
fn kari_writes(store: &mut Store, headers: &[(&str, &str)], body: &str) {
    let mail = tempfile::tempdir().expect("mail");
    let all: Vec<(&str, &str)> = std::iter::once(("From", KARI))
        .chain(headers.iter().copied())
        .collect();
    let path = write_message(mail.path(), "m.eml", &all, body);
    import(store, &path);
}

#[test]
fn follow_ups_show_newest_first_and_unread_until_opened() {
    let (_dir, mut store) = kari_asked_for_access();
    kari_writes(
        &mut store,
        &[
            ("Subject", "Re: Innsyn"),
            ("Date", "Thu, 19 Nov 2026 08:00:00 +0100"),
            ("Message-ID", "<k2@example.no>"),
            ("In-Reply-To", "<k1@example.no>"),
        ],
        "Kundenummeret mitt er K100042.",
    );
    let path = store.path().to_path_buf();
    drop(store);
    let mut app = app_on(Store::open(&path).expect("open"), Theme::colour());
    press(&mut app, Enter);
    let text = screen_text(&mut app);
    assert!(
        text.contains("Follow-up 19.11.26 08:00: Re: Innsyn  unread"),
        "{text}"
    );
    assert!(text.contains("Kundenummeret mitt er K100042."), "{text}");
    assert!(text.contains("The request as it came in"), "{text}");
    // Newest first: the follow-up stands above the first message.
    let at = |needle: &str| text.find(needle).expect(needle);
    assert!(at("K100042") < at("Jeg ber om innsyn"), "{text}");

    // Opened once: read. A newer one is unread above it.
    press(&mut app, Esc);
    press(&mut app, Enter);
    assert!(!screen_text(&mut app).contains("unread"));
    press(&mut app, Esc);
    let mut other = Store::open(&path).expect("open");
    kari_writes(
        &mut other,
        &[
            ("Subject", "Re: Innsyn"),
            ("Date", "Tue, 24 Nov 2026 08:30:00 +0100"),
            ("Message-ID", "<k3@example.no>"),
            ("In-Reply-To", "<k1@example.no>"),
        ],
        "Har dere fått kundenummeret?",
    );
    app.tick();
    press(&mut app, Enter);
    let text = screen_text(&mut app);
    assert!(
        text.contains("Follow-up 24.11.26 08:30: Re: Innsyn  unread"),
        "{text}"
    );
    assert!(
        text.contains("Follow-up 19.11.26 08:00: Re: Innsyn")
            && !text.contains("08:00: Re: Innsyn  unread"),
        "{text}"
    );
    assert!(
        at_of(&text, "fått kundenummeret") < at_of(&text, "K100042"),
        "{text}"
    );
}

fn at_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {text}"))
}

#[test]
fn a_message_that_became_a_request_of_its_own_says_which() {
    let (_dir, mut store) = kari_asked_for_access();
    kari_writes(
        &mut store,
        &[
            ("Subject", "Sletting"),
            ("Date", "Mon, 23 Nov 2026 09:00:00 +0100"),
            ("Message-ID", "<k2@example.no>"),
        ],
        "Jeg ber også om at alle opplysninger om meg slettes.",
    );
    let path = store.path().to_path_buf();
    drop(store);
    let mut app = app_on(Store::open(&path).expect("open"), Theme::colour());
    // The access request (received first) is first in the queue.
    press(&mut app, Enter);
    let text = screen_text(&mut app);
    // Said on the follow-up's own heading in the message pane (it may wrap there).
    let pane: String = text
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        pane.contains("new rights:") && pane.contains("DSR-2026-0002"),
        "{pane}"
    );
}
