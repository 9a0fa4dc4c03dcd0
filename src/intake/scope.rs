//! What an objection is to (legal-rules.md §3a): direct marketing (Art. 21(2), absolute) or
//! the person's particular situation (Art. 21(1), weighed against compelling grounds).
//! Conservative like the rights: a message that names both, or neither, leaves the scope to
//! the officer in triage, because stopping the wrong processing is worse than asking.

use std::sync::LazyLock;

use serde::Serialize;

use super::RecognisedRight;
use super::matcher::{Pattern, WordSet};
use super::rights::Words;
use super::rule_words::{ARTICLE_WORDS, MARKETING_NOUNS, REGULATION_WORDS};
use crate::domain::request::{ObjectionScope, Right};

/// What an objection is to, as the message words it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ObjectionReading {
    /// The first words naming direct marketing ("nyhetsbrev", "stop sending me offers").
    pub marketing: Option<String>,
    /// The first words naming the person's particular situation, the legal basis 21(1)
    /// covers, or a processing other than marketing ("min særlige situasjon").
    pub situation: Option<String>,
}

impl ObjectionReading {
    /// The scope with the words it was read from, when the message names exactly one.
    pub fn reason(&self) -> Option<(ObjectionScope, &str)> {
        match (&self.marketing, &self.situation) {
            (Some(m), None) => Some((ObjectionScope::Marketing, m)),
            (None, Some(s)) => Some((ObjectionScope::Situation, s)),
            _ => None,
        }
    }

    /// The scope when the message names exactly one; otherwise the officer decides.
    pub fn scope(&self) -> Option<ObjectionScope> {
        self.reason().map(|(scope, _)| scope)
    }
}

/// How the request view names a scope beside the rights ("why this right?").
pub fn scope_label(scope: ObjectionScope) -> &'static str {
    match scope {
        ObjectionScope::Marketing => "objection to direct marketing (Art. 21(2))",
        ObjectionScope::Situation => "objection on the particular situation (Art. 21(1))",
    }
}

/// Words that name marketing beside the rules' own marketing nouns: offers, campaigns, ads,
/// unsubscribing. Profiling alone is not here: it may be either scope.
const MORE_MARKETING: &str = "direktemarknadsforing*|\
     tilbud|tilbudet|tilbuda|tilbudene|tilbod|tilbodet|tilboda|tilbodi|kampanje*|\
     annonse*|annonsering*|reklamepost*|salgsmail*|telemarketing|offers|deals|ads|\
     unsubscribe*|avmeld*|avmelding*";

/// Words that name what Art. 21(1) covers, in phrases.
const SITUATION: &[&str] = &[
    // "min særlige situasjon", "mi særlege stode", "mine personlige forhold"
    "saerlig*|saerleg*|spesiell*|spesiel*|spesifikk*|personlig*|personleg*|konkret* situasjon*|stode|stoda|forhold|omstendighet*|omstende",
    "particular|specific|special|personal|individual situation*|circumstances",
    // The legal bases 21(1) is an objection to: Art. 6(1)(e) and (f).
    "berettig*|legitim*|rettmessig* interesse*",
    "legitimate interest*",
    "allmenn*|almenn*|allmenta|almenta|offentlig*|offentleg*|samfunnets interesse*",
    "public interest*",
    "public task*|function*",
    "official authority",
    "offentlig*|offentleg* myndighet*|mynde|styresmakt*|oppgave*",
    "myndighetsutovelse*",
];

/// Processing that is not marketing, objected to by name.
const OTHER_PROCESSING: &str = "kredittvurdering*|kredittsjekk*|kredittscore*|\
     kredittopplysning*|kredittrating*|kameraovervak*|videoovervak*|overvak*|cctv|\
     surveillance|monitoring|bakgrunnssjekk*|forskning*|research|publisering*|publisert|\
     publication|published|svindel*|fraud*";

struct Compiled {
    marketing: WordSet,
    situation: Vec<Pattern>,
    other_processing: WordSet,
    credit: Pattern,
    /// "Art. 21(2)", "artikkel 21 nr. 3": direct marketing.
    cites_marketing: Pattern,
    /// "Art. 21(1)", "art. 6 nr. 1 bokstav f": the situation.
    cites_situation: Vec<Pattern>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let article =
        format!("{}|{}", ARTICLE_WORDS, REGULATION_WORDS).replace(char::is_whitespace, "");
    Compiled {
        marketing: WordSet::new(&format!("{MARKETING_NOUNS}|{MORE_MARKETING}")),
        situation: SITUATION.iter().map(|p| Pattern::new(p)).collect(),
        other_processing: WordSet::new(OTHER_PROCESSING),
        credit: Pattern::new("credit score|scores|scoring|check|checks|rating|ratings"),
        cites_marketing: Pattern::new(&format!("{article} 21 nr|no|ledd|abs|para|paragraph? 2|3")),
        cites_situation: vec![
            Pattern::new(&format!("{article} 21 nr|no|ledd|abs|para|paragraph? 1")),
            Pattern::new(&format!(
                "{article} 6 nr|no|ledd|abs|para|paragraph? 1 bokstav|lit|letter|litra|point? e|f"
            )),
        ],
    }
});

/// What the objection in `subject` and `body` is to. Read from every sentence the requester
/// writes (the objection and what it is to often stand apart: "Dere sender meg nyhetsbrev.
/// Jeg protesterer."), except those that describe or sell rather than ask.
pub fn read_objection(subject: &str, body: &str) -> ObjectionReading {
    let words = Words::read(subject, body);
    let tokens = &words.tokens;
    let c = &*COMPILED;
    let mut reading = ObjectionReading::default();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if words.guarded[t.sentence] {
            continue;
        }
        if reading.marketing.is_none() {
            let end = if c.marketing.contains(&t.word) {
                Some(i + 1)
            } else {
                c.cites_marketing.match_at(tokens, i)
            };
            reading.marketing = end.map(|end| words.phrase(i, end));
        }
        if reading.situation.is_none() {
            let end = if c.other_processing.contains(&t.word) {
                Some(i + 1)
            } else {
                c.situation
                    .iter()
                    .chain(&c.cites_situation)
                    .chain([&c.credit])
                    .find_map(|p| p.match_at(tokens, i))
            };
            reading.situation = end.map(|end| words.phrase(i, end));
        }
    }
    reading
}

/// The objection's reading when `rights` holds an objection; empty otherwise.
pub(super) fn objection_of(
    rights: &[RecognisedRight],
    subject: &str,
    body: &str,
) -> ObjectionReading {
    if rights.iter().any(|r| r.right == Right::Objection) {
        read_objection(subject, body)
    } else {
        ObjectionReading::default()
    }
}
