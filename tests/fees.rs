//! Reasonable fees (legal-rules §3a) end to end: recorded with amount and basis, told to
//! the person in a letter that says how to complain, and counted in the register.

mod common;

use common::cli::Workspace;

const NOW: &str = "2026-11-25T10:00:00Z";

#[test]
fn a_fee_is_told_in_every_language_and_counted_in_the_register() {
    let ws = Workspace::init(NOW);
    let r = ws.json(&[
        "add",
        "--name",
        "Geir Hansen",
        "--email",
        "geir@example.no",
        "--right",
        "access",
        "--text",
        "Jeg ber om innsyn igjen, for femte gang denne måneden.",
        "--json",
    ])["ref"]
        .as_str()
        .expect("reference")
        .to_string();
    let (code, _, err) = ws.run(&["letter", &r, "fee"]);
    assert_ne!(code, 0);
    assert!(err.contains("no fee recorded"), "{err}");

    ws.ok(&[
        "fee",
        &r,
        "--amount",
        "350",
        "--basis",
        "12(5)(a)",
        "--reason",
        "Femte like krav på en måned; gebyret dekker arbeidet med å hente ut opplysningene igjen.",
    ]);
    for (lang, says) in [
        (
            "nb",
            "Vi behandler kravet ditt fra 25. november 2026 mot et gebyr på 350 kroner",
        ),
        (
            "nn",
            "Vi behandlar kravet ditt frå 25. november 2026 mot eit gebyr på 350 kroner",
        ),
        ("en", "for a fee of NOK 350"),
    ] {
        let letter = ws.ok(&["letter", &r, "fee", "--lang", lang]);
        for said in [
            says,
            "12",
            "Femte like krav på en måned",
            "Datatilsynet",
            "Postboks 458 Sentrum",
        ] {
            assert!(letter.contains(said), "{lang}: {said}\n{letter}");
        }
    }

    let csv = ws.ok(&["export", "--register", "-o", "-"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let row: Vec<&str> = lines.next().expect("row").split(',').collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .expect(name)
    };
    assert_eq!(row[at("fee_nok")], "350", "{csv}");
    assert_eq!(row[at("fee_basis")], "12(5)(a)", "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&ws.ok(&["export", "--register", "--format", "json", "-o", "-"]))
            .expect("json");
    let line = &json.as_array().expect("rows")[0];
    assert_eq!(line["fee_nok"], 350);
    assert_eq!(line["fee_basis"], "12(5)(a)");
}
