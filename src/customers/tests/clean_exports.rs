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

/// The readable package follows the request's language, and a negative confirmation says
/// that one thing.
#[test]
fn the_readable_package_is_in_the_request_s_language() {
    let mut d = desk(10);
    fn add(store: &mut crate::store::Store, text: &str) -> String {
        store
            .add_request(
                &NewRequest {
                    received: now(),
                    channel: Channel::Email,
                    requester: Requester {
                        name: "Emily Clarke".into(),
                        email: Some("emily@example.com".into()),
                        phone: None,
                    },
                    agent: None,
                    agent_role: None,
                    rights: vec![Right::Access],
                    message_id: None,
                    original_text: Some(text.into()),
                    objection_scope: None,
                },
                "jk",
                now(),
            )
            .expect("request")
            .reference
    }
    let english = add(
        &mut d.store,
        "Please send me a copy of all personal data you hold about me.",
    );
    let nynorsk = add(
        &mut d.store,
        "Eg vil ha innsyn i kva opplysningar de har lagra om meg. Helsing Emily",
    );
    for r in [&english, &nynorsk] {
        d.store
            .link_customer(r, 4, "K100004", "test link", "jk", now())
            .expect("link");
    }
    let readable = |r: &str| {
        let (_, files) =
            access_files(&d.store, &d.db, r, &Controller::demo(), false, today()).expect("package");
        String::from_utf8(
            files
                .into_iter()
                .find(|f| f.0.ends_with("-access.md"))
                .expect("markdown")
                .1,
        )
        .expect("utf-8")
    };
    let en = readable(&english);
    for said in [
        "# Your personal data at ORINOR AS",
        "How long we keep it",
        "Customer number: K100004",
        "Processing restricted: no",
        "contract (Article 6(1)(b))",
        "What our privacy team holds about you",
        "Delivering what you order and administering the customer relationship",
    ] {
        assert!(en.contains(said), "{said}\n{en}");
    }
    assert!(!en.contains("customer_no"), "{en}");
    let nn = readable(&nynorsk);
    for said in [
        "# Opplysningane vi har om deg hos ORINOR AS",
        "Kor lenge vi lagrar dei",
        "Behandlinga avgrensa: nei",
        "avtale (artikkel 6 nr. 1 bokstav b)",
        "innsyn; under behandling",
        // The data map's own texts, in nynorsk where the map gives them.
        "Å levere det du bestiller og følgje opp kundeforholdet",
        "Frå deg: når du blir kunde",
        "Databehandlar: driftar serverane",
    ] {
        assert!(nn.contains(said), "{said}\n{nn}");
    }
    // Both requests are hers: the package names each.
    assert!(nn.contains(&english) && nn.contains(&nynorsk), "{nn}");

    let negative_ref = add(&mut d.store, "Please tell me what you hold about me.");
    let (_, files) = access_files(
        &d.store,
        &d.db,
        &negative_ref,
        &Controller::demo(),
        true,
        today(),
    )
    .expect("negative confirmation");
    let md = String::from_utf8(
        files
            .into_iter()
            .find(|f| f.0.ends_with("-access.md"))
            .expect("markdown")
            .1,
    )
    .expect("utf-8");
    assert!(
        md.contains("We process no personal data about you."),
        "{md}"
    );
    assert!(
        !md.contains("How long we keep it") && !md.contains("Your rights"),
        "{md}"
    );
}
