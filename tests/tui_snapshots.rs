//! Every screen, modal and form of the desk, drawn on `TestBackend` at 120x40 from the demo
//! data at a fixed instant, driven by the same key events a terminal sends.
//!
//! The snapshots are text only; colours are checked by the assertions at the end.

mod common;

use common::*;
use dsr_desk::domain::request::Status;
use dsr_desk::tui::app::App;
use dsr_desk::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode::{self, Char, Enter, Tab};
use ratatui::style::{Color, Modifier};

/// The sizes every screen is drawn at: the smallest the desk lays out in, a common one and
/// a wide one. The first keeps the snapshot's plain name.
const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (200, 50)];

/// Snapshots the screen at every size in [`SIZES`], then lays out at 120x40 again so the
/// test goes on as before.
fn snapshot(name: &str, app: &mut App) {
    for (i, (width, height)) in SIZES.into_iter().enumerate() {
        let terminal = draw(app, width, height);
        let text = text_of(terminal.backend().buffer());
        // Whatever the size, the queue keeps 12 columns for the requester's name.
        if let Some(header) = text.lines().find(|l| l.contains("Requester")) {
            assert!(
                header.contains("Requester    "),
                "{name} at {width}x{height}: the name column is narrow: {header}"
            );
        }
        let shot = if i == 0 {
            name.to_string()
        } else {
            format!("{name}_{width}x{height}")
        };
        insta::assert_snapshot!(shot, terminal.backend());
    }
    draw(app, SIZES[0].0, SIZES[0].1);
}

/// Selects the queue row whose reference is `reference` (in the current view).
fn select(app: &mut App, reference: &str) {
    press(app, Char('g'));
    for _ in 0..app.queue.total {
        if app.selected_row().map(|r| r.reference.as_str()) == Some(reference) {
            return;
        }
        press(app, Char('j'));
    }
    panic!("{reference} is not in the queue");
}

// The queue ---------------------------------------------------------------------------------

#[test]
fn queue_open_is_the_home_screen() {
    let mut app = demo_app();
    snapshot("queue_open", &mut app);
}

#[test]
fn queue_overdue_view() {
    let mut app = demo_app();
    press(&mut app, Char('f'));
    snapshot("queue_overdue", &mut app);
}

#[test]
fn queue_closed_view() {
    let mut app = demo_app();
    // open -> overdue -> due this week -> awaiting identity -> extended -> needs triage -> closed
    press_n(&mut app, Char('f'), 6);
    snapshot("queue_closed", &mut app);
}

#[test]
fn queue_all_view() {
    let mut app = demo_app();
    // Backwards from the first view wraps round to the last, "all".
    press(&mut app, KeyCode::BackTab);
    snapshot("queue_all", &mut app);
}

#[test]
fn queue_filtered_by_right() {
    let mut app = demo_app();
    // R cycles access -> rectification -> erasure.
    press_n(&mut app, Char('R'), 3);
    snapshot("queue_right_erasure", &mut app);
}

#[test]
fn queue_search_while_typing() {
    let mut app = demo_app();
    press(&mut app, Char('/'));
    // Typed without the Norwegian letters: the search folds "Øverby" to "overby".
    type_text(&mut app, "overby");
    snapshot("queue_search", &mut app);
}

#[test]
fn queue_with_privacy_screen() {
    let mut app = demo_app();
    press(&mut app, Char('p'));
    snapshot("queue_privacy", &mut app);
}

#[test]
fn queue_counting_working_days() {
    let mut app = demo_app();
    press(&mut app, Char('w'));
    snapshot("queue_working_days", &mut app);
}

// The request view ----------------------------------------------------------------------

#[test]
fn request_view_of_the_most_urgent_overdue_request() {
    let mut app = demo_app();
    press(&mut app, Enter);
    snapshot("request_overdue", &mut app);
}

#[test]
fn request_view_of_an_extended_request() {
    let mut app = demo_app();
    // The extended request has the latest deadline of the open ones.
    press(&mut app, Char('G'));
    press(&mut app, Enter);
    let r = &app.detail.as_ref().expect("opened").request;
    assert!(r.extension.is_some(), "{} is not extended", r.reference);
    snapshot("request_extended", &mut app);
}

#[test]
fn request_view_with_privacy_screen() {
    let mut app = demo_app();
    press(&mut app, Enter);
    press(&mut app, Char('p'));
    snapshot("request_privacy", &mut app);
}

#[test]
fn request_view_says_when_a_refusal_was_late_and_nothing_when_on_time() {
    use dsr_desk::domain::change::{Change, Decide};
    use dsr_desk::domain::deadline::Extension;
    use dsr_desk::domain::request::{Channel, RefusalGround, Requester, Right, Verdict};
    use dsr_desk::store::{NewRequest, Store};
    let mut store = Store::open_in_memory().expect("store");
    let decided = now() - chrono::Duration::hours(1);
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
    // Received 5 October: one-month deadline 5 November, extended to 5 January.
    let refused = add("Refused Late", "2026-10-05T08:00:00Z");
    let answered = add("Answered In Time", "2026-11-02T08:00:00Z");
    let extend = Change::Extend(Extension {
        notified: "2026-10-20".parse().expect("date"),
        reason: "three systems".into(),
    });
    store
        .apply(&refused, None, &extend, "jk", decided)
        .expect("extend");
    let refuse = Change::Decide(Decide::new(vec![(
        Some(Right::Access),
        Verdict::Refused {
            ground: RefusalGround::ManifestlyExcessive,
            reason: "Fourth identical request.".into(),
        },
    )]));
    store
        .apply(&refused, None, &refuse, "jk", decided)
        .expect("refuse");
    let done = Change::Decide(Decide::new(vec![(Some(Right::Access), Verdict::Done)]));
    store
        .apply(&answered, None, &done, "jk", decided)
        .expect("answer");
    let mut app = app_on(store, Theme::colour());
    press(&mut app, KeyCode::BackTab);
    select(&mut app, &refused);
    press(&mut app, Enter);
    // Wide enough for the sentence to stay on one line.
    let text = text_of(draw(&mut app, 200, 40).backend().buffer());
    assert!(
        text.contains(
            "Late      refused 20 days late: a refusal is due within one month even when extended"
        ),
        "{text}"
    );
    press(&mut app, KeyCode::Esc);
    select(&mut app, &answered);
    press(&mut app, Enter);
    let text = text_of(draw(&mut app, 200, 40).backend().buffer());
    assert!(text.contains("closed as answered"), "{text}");
    assert!(!text.contains("Late "), "{text}");
}

// The customer lookup and the customer menu ----------------------------------------------

#[test]
fn customer_lookup_of_the_selected_request() {
    let mut app = demo_app();
    press(&mut app, Char('l'));
    assert_eq!(app.screen, dsr_desk::tui::app::Screen::Lookup);
    snapshot("lookup", &mut app);
}

#[test]
fn customer_lookup_with_the_records_beside_keeps_the_names() {
    let mut app = demo_app();
    press(&mut app, Char('l'));
    press(&mut app, Enter);
    snapshot("lookup_records", &mut app);
    for (w, h) in [(80, 24), (120, 40)] {
        let text = text_of(draw(&mut app, w, h).backend().buffer());
        // The list's own part of the line, left of the records.
        let list_line = text
            .lines()
            .find(|l| l.starts_with("│#1 "))
            .and_then(|l| l.split("││").next())
            .expect("the first match");
        assert!(list_line.contains("Åse Øverby"), "{w}x{h}: {list_line}");
    }
}

#[test]
fn customer_menu_of_the_selected_request() {
    let mut app = demo_app();
    press(&mut app, Char('C'));
    assert!(top_form(&app).is_some(), "{:?}", app.modals);
    snapshot("form_customer_menu", &mut app);
}

// Statistics and help -------------------------------------------------------------------

#[test]
fn statistics_screen() {
    let mut app = demo_app();
    press(&mut app, Char('S'));
    snapshot("stats", &mut app);
}

#[test]
fn help_modal() {
    let mut app = demo_app();
    press(&mut app, Char('?'));
    snapshot("help", &mut app);
}

// Forms ---------------------------------------------------------------------------------

#[test]
fn refuse_form_for_a_request_with_two_rights() {
    let mut app = demo_app();
    // Ingrid Haugen asks for access and portability: the form asks which rights it covers.
    select(&mut app, "DSR-2026-0007");
    press(&mut app, Char('r'));
    snapshot("form_refuse", &mut app);
}

#[test]
fn refuse_form_choosing_a_ground() {
    let mut app = demo_app();
    press(&mut app, Enter);
    press(&mut app, Char('r'));
    press(&mut app, Tab);
    type_text(&mut app, "mm");
    snapshot("form_refuse_ground_list", &mut app);
}

#[test]
fn extend_form() {
    let mut app = demo_app();
    select(&mut app, "DSR-2026-0009");
    press(&mut app, Char('x'));
    snapshot("form_extend", &mut app);
}

#[test]
fn identity_form() {
    let mut app = demo_app();
    press(&mut app, Char('i'));
    snapshot("form_identity", &mut app);
}

#[test]
fn note_form() {
    let mut app = demo_app();
    press(&mut app, Char('o'));
    type_text(&mut app, "Called the customer; the export comes tomorrow.");
    snapshot("form_note", &mut app);
}

#[test]
fn assign_form() {
    let mut app = demo_app();
    press(&mut app, Char('s'));
    snapshot("form_assign", &mut app);
}

#[test]
fn triage_form() {
    let mut app = demo_app();
    // Sofie Lien's request names no right yet.
    select(&mut app, "DSR-2026-0014");
    press(&mut app, Char('t'));
    snapshot("form_triage", &mut app);
}

#[test]
fn new_request_form() {
    let mut app = demo_app();
    press(&mut app, Char('n'));
    snapshot("form_new_request", &mut app);
}

#[test]
fn form_showing_validation_problems() {
    let mut app = demo_app();
    press(&mut app, Char('n'));
    type_text(&mut app, "Ola Nordmann");
    press(&mut app, Tab);
    type_text(&mut app, "ola.example.no");
    press(&mut app, Tab);
    // Saving with a bad e-mail address shows what is wrong and keeps everything typed.
    press(&mut app, Enter);
    assert!(top_form(&app).is_some(), "the form must stay open");
    snapshot("form_new_request_invalid", &mut app);
}

#[test]
fn refusal_without_reason_shows_the_problem() {
    let mut app = demo_app();
    press(&mut app, Enter);
    press(&mut app, Char('r'));
    press(&mut app, Tab);
    type_text(&mut app, "mm");
    press(&mut app, Enter);
    snapshot("form_refuse_without_reason", &mut app);
}

#[test]
fn confirmation_before_a_refusal_is_recorded() {
    let mut app = demo_app();
    press(&mut app, Enter);
    press(&mut app, Char('r'));
    press(&mut app, Tab);
    type_text(&mut app, "mm");
    press(&mut app, Tab);
    type_text(&mut app, "Fourth identical request this month.");
    press(&mut app, Enter);
    assert!(top_is_confirm(&app));
    snapshot("confirm_refusal", &mut app);
    // And what the officer sees once it is recorded.
    press(&mut app, Char('y'));
    assert_eq!(
        app.detail.as_ref().map(|d| d.request.status),
        Some(Status::Closed)
    );
    snapshot("request_after_refusal", &mut app);
}

// Small terminals and NO_COLOR ------------------------------------------------------------

#[test]
fn too_small_window_says_so() {
    let mut app = demo_app();
    let terminal = draw(&mut app, 60, 15);
    insta::assert_snapshot!("too_small", terminal.backend());
    // And the desk lays out again at a usable size.
    let text = text_of(draw(&mut app, 120, 40).backend().buffer());
    assert!(text.contains("Queue 1/11"), "{text}");
}

fn assert_no_colour(buffer: &Buffer, what: &str) {
    for (i, cell) in buffer.content.iter().enumerate() {
        let (x, y) = (i as u16 % buffer.area.width, i as u16 / buffer.area.width);
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "{what}: cell ({x},{y}) {:?} has fg {:?} bg {:?}",
            cell.symbol(),
            cell.fg,
            cell.bg
        );
    }
}

#[test]
fn no_color_theme_draws_no_colour_anywhere() {
    let mut app = demo_store().map(|store| app_on(store, Theme::monochrome()));
    let check = |app: &mut App, what: &str| {
        assert_no_colour(draw(app, 120, 40).backend().buffer(), what);
    };
    check(&mut app, "queue");
    press(&mut app, Char('p'));
    check(&mut app, "queue, privacy screen");
    press(&mut app, Char('p'));
    press(&mut app, Enter);
    check(&mut app, "request view");
    press(&mut app, Char('r'));
    press(&mut app, Enter);
    check(&mut app, "refuse form with problems");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.modals.is_empty());
    press(&mut app, Char('S'));
    check(&mut app, "statistics");
    press(&mut app, Char('?'));
    check(&mut app, "help");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, Char('n'));
    check(&mut app, "new request form");
    // Urgency still shows without colour: overdue is bold and underlined, due within a
    // week bold, later plain (on rows other than the selected, reversed one).
    press(&mut app, KeyCode::Esc);
    let terminal = draw(&mut app, 120, 40);
    let b = terminal.backend().buffer();
    let modifier = |reference: &str| b[countdown_cell(b, reference)].modifier;
    assert_eq!(
        modifier("DSR-2026-0006"),
        Modifier::BOLD | Modifier::UNDERLINED
    );
    assert_eq!(modifier("DSR-2026-0010"), Modifier::BOLD);
    assert_eq!(modifier("DSR-2026-0011"), Modifier::empty());
}

/// The position of the first cell of `needle` on screen.
fn cell_of(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let text = text_of(buffer);
    for (y, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{needle:?} is not on screen:\n{text}");
}

/// The countdown cell of `reference`'s row in the queue table.
fn countdown_cell(buffer: &Buffer, reference: &str) -> (u16, u16) {
    let (x, _) = cell_of(buffer, "Countdown");
    let (_, y) = cell_of(buffer, reference);
    (x, y)
}

#[test]
fn queue_colours_follow_urgency() {
    let mut app = demo_app();
    // Select a row that is not under test: the selection is drawn reversed.
    select(&mut app, "DSR-2026-0016");
    let terminal = draw(&mut app, 120, 40);
    let b = terminal.backend().buffer();
    let fg = |reference: &str| b[countdown_cell(b, reference)].fg;
    assert_eq!(fg("DSR-2026-0005"), Color::Red, "9 d overdue");
    assert_eq!(fg("DSR-2026-0007"), Color::Red, "due today");
    assert_eq!(fg("DSR-2026-0010"), Color::Yellow, "due in 5 days");
    assert_eq!(fg("DSR-2026-0011"), Color::Reset, "due in 12 days");
    let selected = &b[cell_of(b, "DSR-2026-0016")];
    assert!(
        selected.modifier.contains(Modifier::REVERSED),
        "the selection"
    );
    // Closed requests are dimmed, all across the row.
    press(&mut app, Char('F'));
    let terminal = draw(&mut app, 120, 40);
    let b = terminal.backend().buffer();
    let (x, y) = cell_of(b, "Geir Hansen");
    assert_eq!(b[(x, y)].fg, Color::DarkGray, "a closed row's name");
    let (x, _) = cell_of(b, "Countdown");
    assert_eq!(b[(x, y)].fg, Color::DarkGray, "a closed row's outcome");
}

#[test]
fn help_shows_every_description_in_full() {
    let mut app = demo_app();
    press(&mut app, Char('?'));
    // The help is generated from the key table, every layer, and scrolls: read it a line
    // at a time (the top line of each column), then the last window whole.
    let (width, height) = (120u16, 40u16);
    // Two columns inside the border, half each with two columns between them.
    let split = 1 + (width as usize - 2 - 2) / 2 + 2;
    let column_of = |line: &str, from: usize, to: usize| -> String {
        line.chars().skip(from).take(to - from).collect()
    };
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let mut last = String::new();
    loop {
        let terminal = draw(&mut app, width, height);
        let text = text_of(terminal.backend().buffer());
        let lines: Vec<&str> = text.lines().collect();
        if text == last {
            for line in &lines[2..] {
                left.push(column_of(line, 1, split));
                right.push(column_of(line, split, width as usize - 1));
            }
            break;
        }
        left.push(column_of(lines[1], 1, split));
        right.push(column_of(lines[1], split, width as usize - 1));
        last = text;
        press(&mut app, KeyCode::Down);
    }
    let joined = |lines: &[String]| {
        lines
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (left, right) = (joined(&left), joined(&right));
    for b in dsr_desk::tui::keys::bindings() {
        assert!(
            left.contains(b.description) || right.contains(b.description),
            "the help cuts {:?} short:\n{left}\n---\n{right}",
            b.description
        );
    }
}

#[test]
fn form_labels_never_run_into_their_values() {
    let forms: &[(&str, char)] = &[
        ("DSR-2026-0007", 'r'),
        ("DSR-2026-0009", 'x'),
        ("DSR-2026-0005", 'i'),
        ("DSR-2026-0005", 'o'),
        ("DSR-2026-0005", 's'),
        ("DSR-2026-0014", 't'),
        ("DSR-2026-0005", 'n'),
    ];
    for (reference, key) in forms {
        let mut app = demo_app();
        select(&mut app, reference);
        press(&mut app, Char(*key));
        let form = top_form(&app).expect("a form").clone();
        // Something in every text field, so a label that runs into it shows.
        for _ in &form.fields {
            type_text(&mut app, "x");
            press(&mut app, Tab);
        }
        let text = text_of(draw(&mut app, 120, 40).backend().buffer());
        for field in &form.fields {
            let label = format!("{}{}", field.label, if field.required { " *" } else { "" });
            let line = text
                .lines()
                .find(|l| l.contains(&format!(" {label}")))
                .unwrap_or_else(|| panic!("{label:?} is not on screen:\n{text}"));
            let after = &line[line.find(&label).expect("label") + label.len()..];
            assert!(
                after.starts_with(' '),
                "form {key}: {label:?} runs into its value: {line}"
            );
        }
    }
}

#[test]
fn every_screen_draws_at_the_minimum_size() {
    use dsr_desk::tui::screens::{MIN_HEIGHT, MIN_WIDTH};
    let sequences: &[&[KeyCode]] = &[
        &[],
        &[Char('?')],
        &[Enter],
        &[Enter, Char('?')],
        &[Char('S')],
        &[Char('j'), Char('j'), Char('r'), Tab, Enter],
        &[Char('x'), Enter],
        &[Char('i')],
        &[Char('o')],
        &[Char('s')],
        &[Char('t')],
        &[Char('n'), Enter],
        &[Char('a')],
        &[Char('/'), Char('x')],
    ];
    for keys in sequences {
        let mut app = demo_app();
        for k in *keys {
            press(&mut app, *k);
        }
        for (w, h) in [(MIN_WIDTH, MIN_HEIGHT), (MIN_WIDTH + 1, MIN_HEIGHT + 1)] {
            let text = text_of(draw(&mut app, w, h).backend().buffer());
            assert!(!text.contains("too small"), "{keys:?} at {w}x{h}:\n{text}");
        }
    }
}
