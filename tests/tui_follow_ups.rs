//! The request view shows what the person wrote after the request came in: each follow-up's
//! text, newest first, those that came after the officer last opened the request marked.

mod common;

use std::path::Path;

use common::*;
use dsr_desk::store::Store;
use dsr_desk::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode::{Enter, Esc};

fn message(dir: &Path, name: &str, headers: &[(&str, &str)], body: &str) {
    let mut text = String::new();
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\n");
    text.push_str(body);
    std::fs::write(dir.join(name), text).expect("write message");
}

fn import(store: &mut Store, path: &Path) {
    dsr_desk::importer::import_path(store, path, "intake", now(), &mut |_| {});
}

#[test]
fn follow_ups_show_newest_first_and_unread_until_opened() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::create(
        &dir.path().join("r.db"),
        dsr_desk::store::RegisterKind::Register,
    )
    .expect("store");
    let mail = tempfile::tempdir().expect("mail");
    let kari = "Kari Nordmann <kari@example.no>";
    message(
        mail.path(),
        "1.eml",
        &[
            ("From", kari),
            ("Subject", "Innsyn"),
            ("Date", "Mon, 16 Nov 2026 10:00:00 +0100"),
            ("Message-ID", "<k1@example.no>"),
        ],
        "Jeg ber om innsyn i personopplysningene dere har om meg.",
    );
    import(&mut store, mail.path());
    std::fs::remove_file(mail.path().join("1.eml")).expect("rm");
    message(
        mail.path(),
        "2.eml",
        &[
            ("From", kari),
            ("Subject", "Re: Innsyn"),
            ("Date", "Thu, 19 Nov 2026 08:00:00 +0100"),
            ("Message-ID", "<k2@example.no>"),
            ("In-Reply-To", "<k1@example.no>"),
        ],
        "Kundenummeret mitt er K100042.",
    );
    import(&mut store, mail.path());
    std::fs::remove_file(mail.path().join("2.eml")).expect("rm");

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
    message(
        mail.path(),
        "3.eml",
        &[
            ("From", kari),
            ("Subject", "Re: Innsyn"),
            ("Date", "Tue, 24 Nov 2026 08:30:00 +0100"),
            ("Message-ID", "<k3@example.no>"),
            ("In-Reply-To", "<k1@example.no>"),
        ],
        "Har dere fått kundenummeret?",
    );
    import(&mut other, mail.path());
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
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::create(
        &dir.path().join("r.db"),
        dsr_desk::store::RegisterKind::Register,
    )
    .expect("store");
    let mail = tempfile::tempdir().expect("mail");
    let kari = "Kari Nordmann <kari@example.no>";
    message(
        mail.path(),
        "1.eml",
        &[
            ("From", kari),
            ("Subject", "Innsyn"),
            ("Date", "Mon, 16 Nov 2026 10:00:00 +0100"),
            ("Message-ID", "<k1@example.no>"),
        ],
        "Jeg ber om innsyn i personopplysningene dere har om meg.",
    );
    import(&mut store, mail.path());
    std::fs::remove_file(mail.path().join("1.eml")).expect("rm");
    message(
        mail.path(),
        "2.eml",
        &[
            ("From", kari),
            ("Subject", "Sletting"),
            ("Date", "Mon, 23 Nov 2026 09:00:00 +0100"),
            ("Message-ID", "<k2@example.no>"),
        ],
        "Jeg ber også om at alle opplysninger om meg slettes.",
    );
    import(&mut store, mail.path());
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
