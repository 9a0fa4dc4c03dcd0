//! Representatives end to end (legal-rules §3a): who acts for whom, in what role and with
//! what mandate; nothing about the person goes to a representative without a mandate, and
//! with one every letter goes to them, naming the person it concerns.

mod common;

use common::cli::Workspace;

const NOW: &str = "2026-11-25T10:00:00Z";

struct Desk(Workspace);

impl std::ops::Deref for Desk {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        &self.0
    }
}

impl Desk {
    /// A father writing for his daughter Emma, who has no address of her own here.
    fn emma(&self) -> String {
        let added = self.json(&[
            "add",
            "--name",
            "Emma Berg",
            "--right",
            "access",
            "--agent",
            "Ola Berg",
            "--agent-email",
            "Ola@Example.no",
            "--agent-role",
            "parent",
            "--text",
            "Jeg er far til Emma (12) og ber om innsyn i det dere har om henne.",
            "--json",
        ]);
        added["ref"].as_str().expect("reference").to_string()
    }
}

#[test]
fn without_a_mandate_only_the_acknowledgement_and_the_mandate_refusal_go_out() {
    let desk = Desk(Workspace::init(NOW));
    let r = desk.emma();
    let shown = desk.json(&["show", &r, "--json"]);
    assert_eq!(shown["agent"], "Ola Berg <ola@example.no>");
    assert_eq!(shown["agent_role"], "parent");
    assert_eq!(shown["mandate"], "unknown");
    let text = desk.ok(&["show", &r]);
    assert!(
        text.contains(
            "agent: Ola Berg <ola@example.no> (parent) acts for Emma Berg; mandate not yet seen"
        ),
        "{text}"
    );

    // The acknowledgement says nothing about her: it may go.
    desk.ok(&["letter", &r, "acknowledgement"]);
    // Nothing that tells of her may go to him (her package is refused by the same rule:
    // see the case workflow's tests).
    let err = desk.fails(&["letter", &r, "extension"]);
    assert!(err.contains("no mandate is shown"), "{err}");

    // Refused for want of a mandate: the letter goes to the father, names Emma, and says
    // what to send.
    desk.ok(&[
        "close",
        &r,
        "--refused",
        "NO_AUTHORITY_AGENT",
        "--reason",
        "Vi har ikke fått dokumentasjon på foreldreansvar.",
    ]);
    let letter = desk.ok(&["letter", &r, "refusal"]);
    for said in [
        "Til: Ola Berg <ola@example.no>",
        "Gjelder: Emma Berg",
        "Du har sendt kravet på vegne av Emma Berg",
        "foreldreansvar",
        "Datatilsynet",
    ] {
        assert!(letter.contains(said), "{said}\n{letter}");
    }
    assert!(!letter.contains("Til: Emma Berg"), "{letter}");
    // Her own name is never used as the address of his mail.
    let out = desk.ok(&["audit", "verify"]);
    assert!(out.contains("1 request matches its events"), "{out}");
}

#[test]
fn with_a_mandate_letters_go_to_the_representative_and_name_the_person() {
    let desk = Desk(Workspace::init(NOW));
    let r = desk.emma();
    let said = desk.ok(&["agent", &r, "--mandate", "shown"]);
    assert!(
        said.contains(
            "Representative: Ola Berg <ola@example.no> (parent) acts for Emma Berg; mandate shown"
        ),
        "{said}"
    );
    for lang in ["nb", "nn", "en"] {
        let letter = desk.ok(&["letter", &r, "acknowledgement", "--lang", lang]);
        let (to, about, role) = match lang {
            "nb" => (
                "Til: Ola Berg <ola@example.no>",
                "Gjelder: Emma Berg",
                "som forelder",
            ),
            "nn" => (
                "Til: Ola Berg <ola@example.no>",
                "Gjeld: Emma Berg",
                "som forelder",
            ),
            _ => (
                "To: Ola Berg <ola@example.no>",
                "Concerning: Emma Berg",
                "as their parent",
            ),
        };
        for said in [to, about, role] {
            assert!(letter.contains(said), "{lang}: {said}\n{letter}");
        }
    }
    // A mandate shown is not refused for want of one.
    let err = desk.fails(&[
        "close",
        &r,
        "--refused",
        "NO_AUTHORITY_AGENT",
        "--reason",
        "x",
    ]);
    assert!(err.contains("has shown no mandate"), "{err}");

    // Recorded as missing after all: the letters stop going to him.
    desk.ok(&["agent", &r, "--mandate", "missing", "--role", "guardian"]);
    let shown = desk.json(&["show", &r, "--json"]);
    assert_eq!(shown["mandate"], "missing");
    assert_eq!(shown["agent_role"], "guardian");
    let err = desk.fails(&["letter", &r, "extension"]);
    assert!(err.contains("no mandate is shown"), "{err}");
    let out = desk.ok(&["audit", "verify"]);
    assert!(out.contains("1 request matches its events"), "{out}");

    // The row cannot be changed behind the trail's back.
    desk.tamper("UPDATE requests SET agent_mandate = 'shown'");
    let (code, out, err) = desk.run(&["audit", "verify"]);
    assert_ne!(code, 0, "{out}");
    assert!(
        format!("{out}{err}")
            .contains("representative's mandate is 'shown', its events say 'missing'"),
        "{out}{err}"
    );
}

#[test]
fn a_representative_needs_a_name_and_a_valid_address() {
    let desk = Desk(Workspace::init(NOW));
    let r = desk.json(&["add", "--name", "Siv", "--right", "erasure", "--json"])["ref"]
        .as_str()
        .expect("reference")
        .to_string();
    let err = desk.fails(&["agent", &r, "--mandate", "shown"]);
    assert!(err.contains("has no representative"), "{err}");
    let err = desk.fails(&[
        "agent",
        &r,
        "--mandate",
        "shown",
        "--name",
        "Advokat Lie",
        "--email",
        "not an address",
    ]);
    assert!(err.contains("e-mail"), "{err}");
    let err = desk.fails(&["agent", &r, "--mandate", "sure"]);
    assert!(
        err.contains("shown, missing") || err.contains("unknown, shown, missing"),
        "{err}"
    );
    desk.ok(&[
        "agent",
        &r,
        "--mandate",
        "shown",
        "--name",
        "Advokat Lie",
        "--email",
        "lie@law.no",
        "--role",
        "lawyer",
    ]);
    let letter = desk.ok(&["letter", &r, "acknowledgement", "--lang", "en"]);
    assert!(
        letter.contains("To: Advokat Lie <lie@law.no>") && letter.contains("as their lawyer"),
        "{letter}"
    );
}
