use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn in_layer(layer: Layer) -> impl Iterator<Item = &'static Binding> {
    bindings().filter(move |b| b.layers.contains(&layer))
}

#[test]
fn no_key_is_bound_twice_in_one_layer() {
    for layer in Layer::ALL {
        let mut seen = std::collections::HashMap::new();
        for b in in_layer(layer) {
            for key in b.keys {
                if let Some(other) = seen.insert(*key, b.command) {
                    panic!(
                        "{key:?} is bound to {other:?} and {:?} in {layer:?}",
                        b.command
                    );
                }
            }
        }
    }
}

#[test]
fn every_binding_is_described_and_reachable() {
    for b in bindings() {
        assert!(
            !b.description.is_empty() && !b.keys.is_empty() && !b.layers.is_empty(),
            "{:?}",
            b.command
        );
        for layer in b.layers {
            for key in b.keys {
                let event = match key {
                    Key::Code(code, mods) => KeyEvent::new(*code, *mods),
                    // A character no layer binds on its own.
                    Key::Text => KeyEvent::new(KeyCode::Char('ø'), KeyModifiers::NONE),
                };
                let found = binding(*layer, &event).map(|x| x.command);
                assert_eq!(found, Some(b.command), "{key:?} in {layer:?}");
            }
        }
    }
}

#[test]
fn every_layer_has_its_bindings_and_a_way_out() {
    for layer in Layer::ALL {
        let commands: Vec<Command> = in_layer(layer).map(|b| b.command).collect();
        assert!(!commands.is_empty(), "{layer:?} has no binding");
        let out = [
            Command::Back,
            Command::Quit,
            Command::Close,
            Command::No,
            Command::Cancel,
            Command::KeepSearch,
        ];
        assert!(
            commands.iter().any(|c| out.contains(c)),
            "{layer:?} has no way out: {commands:?}"
        );
        assert!(commands.contains(&Command::QuitNow), "{layer:?}: Ctrl-C");
    }
}

#[test]
fn only_y_says_yes() {
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(lookup(Layer::Confirm, &enter), None);
    let y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(lookup(Layer::Confirm, &y), Some(Command::Yes));
    let yes: Vec<&Binding> = in_layer(Layer::Confirm)
        .filter(|b| b.command == Command::Yes)
        .collect();
    assert_eq!(yes.len(), 1);
    assert_eq!(
        yes[0].keys,
        &[Key::Code(KeyCode::Char('y'), KeyModifiers::NONE)]
    );
}

#[test]
fn palette_names_are_unique_per_screen_and_found_by_prefix_substring_and_letters() {
    for layer in Layer::ALL.into_iter().filter(|l| l.is_screen()) {
        let mut names = std::collections::HashSet::new();
        for b in palette_actions(layer) {
            assert!(names.insert(b.name), "{} twice in {layer:?}", b.name);
            assert_eq!(
                palette_matches(layer, b.name).first().map(|m| m.name),
                Some(b.name),
                "its own name finds {} first",
                b.name
            );
        }
    }
    let first = |q: &str| {
        palette_matches(Layer::Request, q)
            .first()
            .map(|b| b.command)
    };
    assert_eq!(first("ref"), Some(Command::Refuse));
    assert_eq!(first("ext"), Some(Command::Extend));
    assert_eq!(first("xtnd"), Some(Command::Extend));
    assert!(palette_matches(Layer::Request, "zzzz").is_empty());
    // A screen offers only what works there.
    assert!(
        palette_matches(Layer::Stats, "refuse")
            .iter()
            .all(|b| b.command != Command::Refuse)
    );
}

#[test]
fn a_disabled_binding_says_why() {
    let available = Availability {
        blocked: vec![(Command::Extend, "already extended".into())],
        no_import: Some("no mailbox is set".into()),
        ..Availability::default()
    };
    assert_eq!(
        available.enabled(Command::Extend),
        Err("already extended".into())
    );
    assert_eq!(
        available.enabled(Command::Import),
        Err("no mailbox is set".into())
    );
    assert_eq!(available.enabled(Command::Refuse), Ok(()));
}
