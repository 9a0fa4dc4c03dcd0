//! The layers over the screens (help, palette, customer menu, questions) drawn at the three
//! sizes an officer's terminal has: 80x24, 120x40 and 200x50.

mod common;

use common::*;
use dsr_desk::tui::app::App;
use dsr_desk::tui::form::FieldId;
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Right, Tab};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn at_every_size(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn help_at_every_size() {
    let mut app = demo_app();
    press(&mut app, Char('?'));
    at_every_size("layer_help", &mut app);
}

#[test]
fn palette_at_every_size() {
    let mut app = demo_app();
    press(&mut app, Char(':'));
    at_every_size("layer_palette_empty", &mut app);
    type_text(&mut app, "re");
    at_every_size("layer_palette_re", &mut app);
}

#[test]
fn customer_menu_at_every_size() {
    let mut app = demo_app();
    press(&mut app, Char('C'));
    at_every_size("layer_customer_menu", &mut app);
}

#[test]
fn identity_result_question_at_every_size() {
    let mut app = demo_app();
    press(&mut app, Char('i'));
    while top_form(&app).map(|f| f.get(FieldId::Status)) != Some("verified".into()) {
        press(&mut app, Right);
    }
    press(&mut app, Tab);
    type_text(&mut app, "BankID");
    press(&mut app, Enter);
    assert!(top_is_confirm(&app));
    at_every_size("layer_confirm_identity", &mut app);
}

#[test]
fn erasure_question_at_every_size() {
    let mut app = demo_app();
    for _ in 0..30 {
        if app.selected_row().is_some_and(|r| r.name == "Lars Bjørnæs") {
            break;
        }
        press(&mut app, Char('j'));
    }
    press(&mut app, Char('l'));
    press(&mut app, Char('L'));
    press(&mut app, Char('y'));
    press(&mut app, Esc);
    press(&mut app, Char('C'));
    while top_form(&app).map(|f| f.get(FieldId::Action)) != Some("erase".into()) {
        press(&mut app, Right);
    }
    press(&mut app, Enter);
    assert!(top_is_confirm(&app));
    at_every_size("layer_confirm_erasure", &mut app);
}

#[test]
fn a_note_wraps_and_takes_new_lines_at_every_size() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = demo_app();
    press(&mut app, Char('o'));
    type_text(
        &mut app,
        "Called the person back: they want the complete order history, including the returns from last spring.",
    );
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
    type_text(&mut app, "Second line.");
    let form = top_form(&app).expect("the note form");
    assert!(
        form.get(dsr_desk::tui::form::FieldId::Text)
            .ends_with("spring.\nSecond line."),
        "{:?}",
        form.get(dsr_desk::tui::form::FieldId::Text)
    );
    at_every_size("layer_form_note_multiline", &mut app);
}

#[test]
fn the_palette_s_columns_stay_put_while_typing_narrows_it() {
    let mut app = demo_app();
    press(&mut app, Char(':'));
    // Where the key of "answer" stands, before and after typing narrows the list to it.
    let key_column = |app: &mut App| {
        let text = text_of(draw(app, 120, 40).backend().buffer());
        let line = text
            .lines()
            .find(|l| l.contains("│answer "))
            .expect("the answer line")
            .to_string();
        let start = line.find("│answer").expect("name") + "│answer".len();
        let after: String = line[start..].chars().take_while(|c| *c == ' ').collect();
        line[..start].chars().count() + after.chars().count()
    };
    let before = key_column(&mut app);
    for c in "answ".chars() {
        press(&mut app, Char(c));
        assert_eq!(key_column(&mut app), before, "after typing {c}");
    }
}
