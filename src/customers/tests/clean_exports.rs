//! Control characters in a requester's name or in customer data never reach an exported
//! CSV or JSON value: the register, the access package and the portability export.

use super::{desk, now, today};
use crate::config::Controller;
use crate::customers::{access_files, portability_files};
use crate::domain::request::{Channel, Requester, Right};
use crate::export::register::{self, RegisterFormat};
use crate::store::{NewRequest, Period};

const HOSTILE: &str = "Ola\u{7}\u{1b}[31m Nord\u{0}mann\r\n\u{202e}x";

fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
}

fn json_strings_clean(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => !has_control(s),
        serde_json::Value::Array(a) => a.iter().all(json_strings_clean),
        serde_json::Value::Object(m) => m
            .iter()
            .all(|(k, v)| !has_control(k) && json_strings_clean(v)),
        _ => true,
    }
}

fn csv_cells_clean(bytes: &[u8]) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    reader
        .records()
        .all(|r| r.expect("csv").iter().all(|cell| !has_control(cell)))
}

#[test]
fn control_characters_never_reach_an_exported_value() {
    let mut d = desk(10);
    let request = d
        .store
        .add_request(
            &NewRequest {
                received: now(),
                channel: Channel::Email,
                requester: Requester {
                    name: HOSTILE.into(),
                    email: None,
                    phone: None,
                },
                agent: None,
                agent_role: None,
                rights: vec![Right::Access, Right::Portability],
                message_id: None,
                original_text: Some(HOSTILE.into()),
                objection_scope: None,
            },
            "jk",
            now(),
        )
        .expect("request");
    let reference = request.reference;
    d.store
        .link_customer(&reference, 4, "K100004", "test link", "jk", now())
        .expect("link");
    d.db.conn
        .execute(
            "UPDATE contact_details SET street = ?1 WHERE customer_id = 4",
            [HOSTILE],
        )
        .expect("hostile customer data");

    for format in [RegisterFormat::Csv, RegisterFormat::Json] {
        let mut out = Vec::new();
        register::write(
            &d.store,
            Period::default(),
            today(),
            format,
            false,
            &mut out,
        )
        .expect("register");
        let text = String::from_utf8(out).expect("utf-8");
        match format {
            RegisterFormat::Csv => assert!(csv_cells_clean(text.as_bytes()), "{text}"),
            RegisterFormat::Json => {
                let v: serde_json::Value = serde_json::from_str(&text).expect("json");
                assert!(json_strings_clean(&v), "{text}");
            }
        }
    }

    let (_, access) = access_files(
        &d.store,
        &d.db,
        &reference,
        &Controller::default(),
        false,
        today(),
    )
    .expect("access package");
    let (_, portable) = portability_files(&d.store, &d.db, &reference, today()).expect("export");
    let mut seen = 0;
    for (name, bytes) in access.iter().chain(portable.iter()) {
        if name.ends_with(".json") {
            let v: serde_json::Value = serde_json::from_slice(bytes).expect("json");
            assert!(json_strings_clean(&v), "{name}");
            seen += 1;
        } else if name.ends_with(".csv") {
            assert!(csv_cells_clean(bytes), "{name}");
            seen += 1;
        }
        // Every file whole, not only its values: no raw control character, no escape
        // written out as JSON's \u001b, no direction override (line ends aside).
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\r')
                    || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{name}: {text}"
        );
        assert!(
            !text.contains("\\u001b") && !text.contains("\\u0007"),
            "{name}: {text}"
        );
    }
    assert!(seen >= 4, "JSON and CSV of both packages");
    let access_json = &access
        .iter()
        .find(|f| f.0.ends_with("-access.json"))
        .expect("json")
        .1;
    let package: serde_json::Value = serde_json::from_slice(access_json).expect("json");
    assert_eq!(package["data_subject"], "Ola\u{fffd}␛ Nord\u{fffd}mann  x");
}
