//! Whether a message is written for someone else: a parent, a guardian ("verge"), a lawyer
//! or another representative. The request then has an agent whose mandate the officer must
//! see before anything is disclosed (legal-rules §3, §3a).

use std::sync::LazyLock;

use super::matcher::Pattern;
use super::quoted::own_words;
use super::tokens::tokenize;

/// Phrases of someone writing for another person.
const PHRASES: &[&str] = &[
    "pa vegne av|af",
    "pa hans|hennes|deres|min|mi|mitt|mine|vår|vårt|vegne",
    "on behalf of",
    "jeg|eg er mor|far|forelder|foresatt|verge|mamma|pappa til|for",
    "som verge|foresatt|fullmektig|advokat for|til",
    "i am the|a|his|her|their parent|mother|father|guardian|lawyer|solicitor|attorney of|for",
    "im the|a|his|her|their parent|mother|father|guardian|lawyer|solicitor|attorney of|for",
    "as the|a|his|her|their? parent|mother|father|guardian|lawyer|solicitor|attorney|representative of|for",
    "legal guardian",
    "power of attorney",
    "fullmakt*",
    "my|our|min|vår client|clients|klient|klienten|klients|mandant|mandantin",
    "im namen|auftrag von|meiner|meines|meinem",
    "vollmacht",
    "för min|mitt|hans|hennes .. räkning",
];

/// The role the words that show a representative say they act in: a parent, a guardian,
/// a lawyer, or (not said) another representative.
pub fn role_of(phrase: &str) -> crate::domain::request::AgentRole {
    use crate::domain::request::AgentRole;
    let words: Vec<String> = tokenize(phrase, 0).into_iter().map(|t| t.word).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(&[
        "mor", "far", "forelder", "foresatt", "mamma", "pappa", "parent", "mother", "father",
    ]) {
        AgentRole::Parent
    } else if has(&["verge", "guardian"]) {
        AgentRole::Guardian
    } else if has(&[
        "advokat",
        "lawyer",
        "solicitor",
        "attorney",
        "klient",
        "klienten",
        "klients",
        "client",
        "clients",
        "mandant",
        "mandantin",
    ]) && !has(&["power"])
    {
        AgentRole::Lawyer
    } else {
        AgentRole::Other
    }
}

static COMPILED: LazyLock<Vec<Pattern>> =
    LazyLock::new(|| PHRASES.iter().map(|p| Pattern::new(p)).collect());

/// The words that show the message is written for someone else, if they are there (quoted
/// replies left out).
pub fn representative_phrase(subject: &str, body: &str) -> Option<String> {
    for text in [subject.to_string(), own_words(body)] {
        let tokens = tokenize(&text, 0);
        for i in 0..tokens.len() {
            if let Some(end) = COMPILED.iter().find_map(|p| p.match_at(&tokens, i)) {
                let raw = &text[tokens[i].start..tokens[end - 1].end];
                return Some(raw.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::representative_phrase as rep;

    #[test]
    fn someone_writing_for_another_is_seen() {
        for (text, phrase) in [
            ("Jeg skriver på vegne av min sønn Ola.", "på vegne av"),
            ("Eg er mor til Emma og ber om innsyn.", "Eg er mor til"),
            (
                "Som verge for min far ber jeg om sletting.",
                "Som verge for",
            ),
            ("I am writing on behalf of my client.", "on behalf of"),
            ("I'm the parent of a 12-year-old.", "I'm the parent of"),
            ("Vedlagt følger fullmakt.", "fullmakt"),
            ("Ich schreibe im Namen meiner Mutter.", "im Namen meiner"),
        ] {
            assert_eq!(rep("", text).as_deref(), Some(phrase), "{text}");
        }
    }

    #[test]
    fn a_person_asking_for_themselves_is_no_representative() {
        for text in [
            "Jeg ber om innsyn i mine opplysninger.",
            "Please delete my account.",
            "Kan dere sende faktura til min far sin adresse?",
            "> Skrevet på vegne av kundeservice",
        ] {
            assert_eq!(rep("", text), None, "{text}");
        }
    }
}
