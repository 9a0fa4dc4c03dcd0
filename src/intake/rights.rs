//! Which GDPR rights a message asks for. Conservative on purpose: a wrong right is worse
//! than none, because none sends the message to triage where a person decides.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::RecognisedRight;
use super::broad;
use super::matcher::{Pattern, WordSet};
use super::quoted::own_words;
use super::rule_words;
use super::rules::{self, MARKETING, PERSONAL, PROCESSING, Rule};
use super::tokens::{Token, tokenize};
use crate::domain::request::Right;

/// The tables compiled once: folding every word of every table per message would be slow.
struct Compiled {
    rules: Vec<(&'static Rule, Pattern)>,
    personal_after: Vec<Pattern>,
    personal_before: Vec<Pattern>,
    guards: Vec<Pattern>,
    processing: WordSet,
    marketing: WordSet,
    negations: WordSet,
    markers: WordSet,
    wrong_words: WordSet,
    fact_nouns: WordSet,
    change_verbs: WordSet,
    imperatives: WordSet,
    thanks: WordSet,
    greetings: WordSet,
    coordinators: WordSet,
    article_words: WordSet,
    article_words_after: WordSet,
    regulation_words: WordSet,
    list_words: WordSet,
    other_documents: WordSet,
    data_nouns: WordSet,
    anaphors: WordSet,
    determiners: WordSet,
    other_things: WordSet,
    persons: WordSet,
    polite_verbs: WordSet,
    addressees: WordSet,
    be_words: WordSet,
    future_words: WordSet,
    then_words: WordSet,
    when_words: WordSet,
    want_words: WordSet,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let all = |list: &[&str]| list.iter().map(|p| Pattern::new(p)).collect();
    Compiled {
        rules: rules::RULES
            .iter()
            .map(|r| (r, Pattern::new(r.pattern)))
            .collect(),
        personal_after: all(rule_words::PERSONAL_AFTER),
        personal_before: all(rule_words::PERSONAL_BEFORE),
        guards: all(rule_words::GUARDS),
        processing: WordSet::new(rule_words::PROCESSING_NOUNS),
        marketing: WordSet::new(rule_words::MARKETING_NOUNS),
        negations: WordSet::new(rule_words::NEGATIONS),
        markers: WordSet::new(&format!(
            "{}|{}",
            rule_words::REQUESTER_MARKERS,
            super::eu_words::ASKING
        )),
        wrong_words: WordSet::new(rule_words::WRONG_WORDS),
        fact_nouns: WordSet::new(rule_words::FACT_NOUNS),
        change_verbs: WordSet::new(rule_words::CHANGE_VERBS),
        imperatives: WordSet::new(rule_words::IMPERATIVES),
        thanks: WordSet::new("takk|tusen|thanks|thank|thx|danke|tack|tak|gracias|merci|grazie"),
        greetings: WordSet::new("hei|hi|hello|hallo|dear|kjaere|hej|ok|okay"),
        coordinators: WordSet::new(COORDINATORS),
        article_words: WordSet::new(rule_words::ARTICLE_WORDS),
        article_words_after: WordSet::new(rule_words::ARTICLE_WORDS_AFTER),
        regulation_words: WordSet::new(rule_words::REGULATION_WORDS),
        list_words: WordSet::new(LIST_WORDS),
        other_documents: WordSet::new(rule_words::OTHER_DOCUMENTS),
        data_nouns: WordSet::new(rule_words::DATA_NOUNS),
        anaphors: WordSet::new(rule_words::ANAPHORS),
        determiners: WordSet::new(rule_words::DETERMINERS),
        other_things: WordSet::new(rule_words::OTHER_THINGS),
        persons: WordSet::new(rule_words::PERSONS),
        polite_verbs: WordSet::new("kan|kunne|can|could|would|will|kann|konnen|kunnen"),
        addressees: WordSet::new(ADDRESSEES),
        be_words: WordSet::new(BE_WORDS),
        future_words: WordSet::new("will|shall|skal|skall|wird|werden|ll|gonna|going"),
        then_words: WordSet::new("then|deretter|etterpa|sa|so|da|finally"),
        when_words: WordSet::new("nar|once|when|after|etter|etterpa|as|nachdem|wenn|sobald"),
        want_words: WordSet::new(WANT_WORDS),
    }
});

/// How far from a verb its object may stand, in words.
const WINDOW_AFTER: usize = 8;
const WINDOW_BEFORE: usize = 5;
/// The recipient addressed ("Kan dere ...", "Can you ...", "Dere har feil adresse"). Not the
/// Danish "I": folded, it is the Norwegian "i" ("in").
const ADDRESSEES: &str = "dere|de|dykk|dokk|dokker|dokkers|you|your|ye|ni|jer|jeres|sie|u|ur";
/// Words before a passive or wanted verb that leave its object before it ("at det blir
/// slettet", "I want it deleted"); past forms ("ble", "was") tell what happened instead.
const BE_WORDS: &str = "be|blir|bli|vert|verte|blive|bliver|being|get|gets";
/// Words that want what follows done to it ("I'd like it removed", "vil at det slettes").
const WANT_WORDS: &str = "like|want|wants|at|that|ask|vil|onsker|ynskjer|wish|have|need";
/// Words that end a verb's reach: "slette fakturaen og sende meg ny" is not about "meg".
const COORDINATORS: &str =
    "og|and|und|och|samt|men|but|aber|eller|or|oder|mens|while|fordi|because";

struct Found {
    right: Right,
    sentence: usize,
    start: usize,
    end: usize,
    copy_like: bool,
}

/// A message as words: the subject's, then the requester's own (quoted replies left out),
/// with the sentences that describe or sell rather than ask, and those a requester speaks in.
pub(super) struct Words<'a> {
    pub subject: &'a str,
    /// The body without its quoted replies.
    pub own: String,
    pub tokens: Vec<Token>,
    /// The first sentence of the body (the subject's come before).
    pub body_first: usize,
    pub guarded: Vec<bool>,
    pub has_marker: Vec<bool>,
    /// Sentences in which a person acts ("I", "ho", "my son"), found once.
    pub has_person: Vec<bool>,
}

impl<'a> Words<'a> {
    pub(super) fn read(subject: &'a str, body: &str) -> Words<'a> {
        let own = own_words(body);
        let mut tokens = tokenize(subject, 0);
        let body_first = tokens.last().map_or(0, |t| t.sentence + 1);
        tokens.extend(tokenize(&own, body_first));
        let sentences = tokens.last().map_or(0, |t| t.sentence + 1);
        let mut guarded = vec![false; sentences];
        let mut has_marker = vec![false; sentences];
        let mut has_person = vec![false; sentences];
        for (i, t) in tokens.iter().enumerate() {
            if t.capital_i || COMPILED.persons.contains(&t.word) {
                has_person[t.sentence] = true;
            }
            if COMPILED
                .guards
                .iter()
                .any(|g| g.match_at(&tokens, i).is_some())
            {
                guarded[t.sentence] = true;
            }
            if t.capital_i || COMPILED.markers.contains(&t.word) {
                has_marker[t.sentence] = true;
            }
        }
        // A sentence that starts with a request verb (an imperative: "Slett kontoen min",
        // "Please stop", "Ret venligst") is someone asking too.
        let mut first_of = vec![None; sentences];
        for (i, t) in tokens.iter().enumerate() {
            // A list item's number or letter ("2) Stop ...", "b. delete ...") is not its first word.
            let list_mark =
                t.word.chars().count() == 1 || t.word.chars().all(|c| c.is_ascii_digit());
            if first_of[t.sentence].is_none() && !list_mark {
                first_of[t.sentence] = Some(i);
            }
        }
        // Thanks for something done ("Takk for svaret", "Thanks, got it"), first in its
        // sentence or after a greeting: nothing in it asks. "Takk på forhånd" and "thanks in
        // advance" still do, and so does a request that ends in "takk".
        for (sentence, first) in first_of.iter().enumerate() {
            let Some(&i) = first.as_ref() else { continue };
            let at = if COMPILED.greetings.contains(&tokens[i].word) {
                i + 1
            } else {
                i
            };
            let Some(t) = tokens.get(at).filter(|t| t.sentence == sentence) else {
                continue;
            };
            let next = tokens.get(at + 1).filter(|n| n.sentence == sentence);
            let you = next.is_some_and(|n| n.word == "you");
            let after = if you { tokens.get(at + 2) } else { next }
                .filter(|n| n.sentence == sentence)
                .map(|n| n.word.as_str());
            if COMPILED.thanks.contains(&t.word)
                && !matches!(after, Some("pa" | "in" | "im" | "i" | "en" | "de"))
            {
                guarded[sentence] = true;
            }
        }
        for (sentence, first) in first_of.iter().enumerate() {
            if let Some(&i) = first.as_ref()
                && COMPILED.imperatives.contains(&tokens[i].word)
            {
                has_marker[sentence] = true;
            }
            // After "then" or a clause saying when: "Then delete everything", "Når dere har
            // svart på punkt 1, slett alt", "Once you've answered, delete everything".
            if let Some(&i) = first.as_ref() {
                let imperative_at = |j: usize| {
                    tokens.get(j).is_some_and(|t| {
                        t.sentence == sentence && COMPILED.imperatives.contains(&t.word)
                    })
                };
                let then = COMPILED.then_words.contains(&tokens[i].word) && imperative_at(i + 1);
                let after_when = COMPILED.when_words.contains(&tokens[i].word)
                    && (i + 1..tokens.len())
                        .take_while(|&j| tokens[j].sentence == sentence)
                        .find(|&j| tokens[j].clause != tokens[i].clause)
                        .is_some_and(imperative_at);
                if then || after_when {
                    has_marker[sentence] = true;
                }
            }
            // A polite question asks too: "Kan dere slette kontoen hennes?", "Could you ...".
            if let Some(&i) = first.as_ref()
                && COMPILED.polite_verbs.contains(&tokens[i].word)
                && tokens.get(i + 1).is_some_and(|n| {
                    n.sentence == sentence && COMPILED.addressees.contains(&n.word)
                })
            {
                has_marker[sentence] = true;
            }
        }
        Words {
            subject,
            own,
            tokens,
            body_first,
            guarded,
            has_marker,
            has_person,
        }
    }

    pub(super) fn in_subject(&self, t: &Token) -> bool {
        t.sentence < self.body_first
    }

    /// The words of tokens `start..end` as one short line.
    pub(super) fn phrase(&self, start: usize, end: usize) -> String {
        let text = if self.in_subject(&self.tokens[start]) {
            self.subject
        } else {
            self.own.as_str()
        };
        phrase_text(&text[self.tokens[start].start..self.tokens[end - 1].end])
    }
}

/// The rights `subject` and `body` ask for, sorted and unique, each with the words that
/// triggered it. Quoted replies are ignored. Empty means "needs triage".
pub fn recognise(subject: &str, body: &str) -> Vec<RecognisedRight> {
    // A reply's or a forward's subject is the earlier message's: "Re: Your access request"
    // over "Thanks, got it" asks nothing; what the reply asks is in its own words.
    let subject = if is_reply_subject(subject) {
        ""
    } else {
        subject
    };
    let words = Words::read(subject, body);
    if broad::machine_sent(&words) {
        return Vec::new();
    }
    let tokens = &words.tokens;
    let in_subject = |t: &Token| words.in_subject(t);
    let (guarded, has_marker) = (&words.guarded, &words.has_marker);

    let mut found = Vec::new();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if guarded[t.sentence] || negated(tokens, i) {
            continue;
        }
        found.extend(cited_articles(tokens, i));
        if !in_subject(t) && !has_marker[t.sentence] {
            continue;
        }
        for (rule, pattern) in &COMPILED.rules {
            let Some(end) = pattern.match_at(tokens, i) else {
                continue;
            };
            let span = if rule.needs == 0 {
                Some((i, end))
            } else {
                context(tokens, i, end, rule.needs)
                    .or_else(|| pointed_back(&words, rule, i, end))
                    .or_else(|| objectless(&words, rule, i, end))
            };
            if let Some((start, end)) = span {
                found.push(Found {
                    right: rule.right,
                    sentence: t.sentence,
                    start,
                    end,
                    copy_like: rule.copy_like,
                });
            }
        }
    }

    // The second reading, by meaning: what people write around the phrases.
    let keep_instead = broad::keep_instead_of_delete(&words);
    // Asked not to delete and to keep: whatever else speaks of deleting there is what the
    // person does not want ("Your letter says my records will be destroyed. Please don't").
    let kept = keep_instead.is_some();
    if kept {
        found.retain(|f| f.right != Right::Erasure);
    }
    for r in broad::read(&words)
        .into_iter()
        .filter(|r| !kept || r.right != Right::Erasure)
        .chain(keep_instead)
    {
        found.push(Found {
            right: r.right,
            sentence: tokens[r.start].sentence,
            start: r.start,
            end: r.end,
            copy_like: false,
        });
    }

    // A few findings of one right in one sentence are enough to judge it: a hostile
    // sentence repeating a phrase thousands of times must not cost thousands of checks.
    let mut seen: BTreeMap<(Right, usize), usize> = BTreeMap::new();
    found.retain(|f| {
        let n = seen.entry((f.right, f.sentence)).or_insert(0);
        *n += 1;
        *n <= 8
    });
    // Asked about, told as done, planned or not wanted: not asked.
    found.retain(|f| broad::stands(&words, f.right, f.start, f.end));

    if !found.iter().any(|f| f.right == Right::Rectification)
        && let Some((start, end)) = rectification_across_sentences(&words)
    {
        found.push(Found {
            right: Right::Rectification,
            sentence: tokens[start].sentence,
            start,
            end,
            copy_like: false,
        });
    }

    // Data handed over machine-readable is portability, not also access ("få mine data
    // udleveret i et maskinlæsbart format"); a copy asked for in a format is both ("a copy of
    // all my data, preferably as JSON, so I can import it elsewhere").
    // The sentences naming a copy, found in one pass.
    let copies: std::collections::BTreeSet<usize> = tokens
        .iter()
        .filter(|t| broad::is_copy_word(&t.word))
        .map(|t| t.sentence)
        .collect();
    let portable: Vec<usize> = found
        .iter()
        .filter(|f| f.right == Right::Portability && !copies.contains(&f.sentence))
        .map(|f| f.sentence)
        .collect();
    let mut first: BTreeMap<Right, String> = BTreeMap::new();
    for f in found.iter().filter(|f| {
        let handed = f.copy_like
            || tokens[f.start..f.end.min(tokens.len())].iter().any(|t| {
                t.word.starts_with("utlever")
                    || t.word.starts_with("udlever")
                    || matches!(t.word.as_str(), "levert" | "levere" | "send" | "sende")
            });
        !(f.right == Right::Access && handed && portable.contains(&f.sentence))
    }) {
        first
            .entry(f.right)
            .or_insert_with(|| words.phrase(f.start, f.end));
    }
    first
        .into_iter()
        .map(|(right, phrase)| RecognisedRight { right, phrase })
        .collect()
}

/// Whether a subject line is a reply's or a forward's ("Re:", "SV:", "AW:", "Fwd:", "VS:").
fn is_reply_subject(subject: &str) -> bool {
    let lower = subject.trim_start().to_lowercase();
    let Some((prefix, _)) = lower.split_once(':') else {
        return false;
    };
    let prefix = prefix
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
    matches!(
        prefix,
        "re" | "sv"
            | "aw"
            | "vs"
            | "fw"
            | "fwd"
            | "vb"
            | "wg"
            | "tr"
            | "odp"
            | "r"
            | "res"
            | "rv"
            | "antw"
            | "ynt"
            | "ref"
    )
}

/// A correction asked in two steps, as people write it: one sentence says a fact about the
/// person is wrong, old or new ("Telefonnummeret mitt er feil", "My new address is ..."),
/// another asks to change it ("Kan dere rette det?", "Please update them"). Returns the
/// asking verb's span.
fn rectification_across_sentences(words: &Words<'_>) -> Option<(usize, usize)> {
    let tokens = &words.tokens;
    let c = &*COMPILED;
    let usable = |i: usize| !words.guarded[tokens[i].sentence] && !negated(tokens, i);
    // Someone speaking of themselves, or to the recipient about what it holds ("Dere har feil
    // adresse på ham", "Your records say ..."), or a subject line, or the body's first line
    // standing for one ("Feil kjønn registrert").
    let speaking = |s: usize| {
        words.has_marker[s]
            || s <= words.body_first
            || tokens
                .iter()
                .any(|t| t.sentence == s && c.addressees.contains(&t.word))
    };
    // A fact: a fact noun, or data held on the person ("registrert på meg", "against me").
    let fact_at = |j: usize| {
        let w = tokens[j].word.as_str();
        c.fact_nouns.contains(w)
            // Compounds: "gatenavnet", "Nachname", "Handynummer", "Geburtsdatum".
            || ["navn", "namn", "name", "adress", "nummer", "number", "dato", "datum"]
                .iter()
                .any(|part| w.len() > part.len() + 2 && w.contains(part))
            // Being named: "jeg heter Jørgen, ikke Jorgen", "I'm called", "ich heiße".
            || matches!(w, "heter" | "heiter" | "hedder" | "heisst" | "heisse" | "called")
            || (matches!(tokens[j].word.as_str(), "meg" | "me" | "mig")
                && j > 0
                && matches!(
                    tokens[j - 1].word.as_str(),
                    "pa" | "on" | "om" | "about" | "against" | "for"
                ))
    };
    // The fact within six words, or further in the same clause ("Telefonnummeret dere har er
    // til et sykehjem hun ikke lenger bor på").
    let wrong_fact = (0..tokens.len()).any(|i| {
        usable(i)
            && speaking(tokens[i].sentence)
            && c.wrong_words.contains(&tokens[i].word)
            && (i.saturating_sub(12)..(i + 12).min(tokens.len())).any(|j| {
                let (t, u) = (&tokens[j], &tokens[i]);
                t.sentence == u.sentence
                    && (j.abs_diff(i) <= 6 || t.clause == u.clause)
                    && fact_at(j)
            })
    }) || records_disagree(words);
    if !wrong_fact {
        return None;
    }
    // The asking step may also give the right value outright: "Riktig er Vestre gate 7",
    // "(should be 07911 123456)". Not "should be deleted": that asks for something else.
    let word = |i: usize| tokens.get(i).map_or("", |t| t.word.as_str());
    let gives_value = |i: usize| {
        let same = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| t.sentence == tokens[i].sentence)
        };
        let next = word(i + 2);
        let value_follows = same(i + 2)
            && !["ed", "et", "t"].iter().any(|e| next.ends_with(e))
            && !matches!(next, "sletta" | "fjerna" | "retta" | "endra" | "borte");
        // "Riktig dato er ...", "rätt nummer är ...", "the correct number is ...".
        let right_word = |w: &str| {
            matches!(
                w,
                "riktig"
                    | "riktige"
                    | "korrekt"
                    | "korrekte"
                    | "rigtige"
                    | "rigtig"
                    | "ratt"
                    | "ratta"
                    | "correct"
                    | "right"
                    | "richtige"
                    | "richtig"
            )
        };
        if right_word(word(i))
            && same(i + 2)
            && fact_at(i + 1)
            && matches!(word(i + 2), "er" | "ar" | "is" | "ist")
        {
            return true;
        }
        match (word(i), word(i + 1)) {
            ("riktig" | "riktige" | "korrekt" | "korrekte" | "rigtige" | "rigtig", "er") => {
                same(i + 1)
            }
            ("correct" | "right", "is")
            | ("should", "be")
            | ("skal" | "skulle" | "ska", "vaere" | "vere" | "vera" | "vara") => {
                same(i + 1) && value_follows
            }
            _ => false,
        }
    };
    (0..tokens.len())
        .find(|&i| {
            usable(i) && c.change_verbs.contains(&tokens[i].word) && broad::asks_change(words, i)
        })
        .map(|i| (i, i + 1))
        .or_else(|| {
            (0..tokens.len())
                .find(|&i| usable(i) && gives_value(i))
                .map(|i| (i, i + 2))
        })
}

/// Whether the message sets what the records say against what is so: "I brevene står det at
/// jeg bor i Kirkegata 5, men jeg har bodd i Elvegata 7", "ni har registrerat mig som ogift,
/// men jag är gift", "it says 2019 but it was 2023". A fact told wrong without naming it.
fn records_disagree(words: &Words<'_>) -> bool {
    let tokens = &words.tokens;
    let recorded = |w: &str| {
        matches!(
            w,
            "star"
                | "sto"
                | "stod"
                | "registrert"
                | "registrerat"
                | "registreret"
                | "registriert"
                | "registered"
                | "says"
                | "say"
                | "states"
                | "shows"
                | "listed"
                | "skriver"
                | "sier"
                | "viser"
                | "ifolge"
                | "according"
                | "eingetragen"
                | "steht"
        )
    };
    // What the person then says is so is who or where they are: "men jeg bor i", "but I am
    // divorced", "men eg har vore fast tilsett"; not "men jeg har ikke fått pakken".
    let tells_a_fact = |k: usize| {
        let mut k = k;
        while tokens.get(k).is_some_and(|t| {
            matches!(
                t.word.as_str(),
                "har"
                    | "have"
                    | "has"
                    | "had"
                    | "hadde"
                    | "vart"
                    | "ble"
                    | "blei"
                    | "blev"
                    | "was"
                    | "habe"
                    | "bin"
                    | "faktisk"
                    | "actually"
                    | "really"
                    | "now"
                    | "na"
                    | "no"
                    | "nu"
                    | "jetzt"
            )
        }) {
            k += 1;
        }
        tokens.get(k).is_some_and(|t| {
            matches!(
                t.word.as_str(),
                "er" | "ar"
                    | "am"
                    | "is"
                    | "ist"
                    | "bin"
                    | "bor"
                    | "bodd"
                    | "budd"
                    | "bott"
                    | "boet"
                    | "live"
                    | "lives"
                    | "lived"
                    | "wohne"
                    | "wohnt"
                    | "heter"
                    | "hedder"
                    | "heiter"
                    | "heisse"
                    | "heisst"
                    | "called"
                    | "flyttet"
                    | "flytta"
                    | "flyttat"
                    | "flyttede"
                    | "moved"
                    | "umgezogen"
                    | "gift"
                    | "married"
                    | "skilt"
                    | "skild"
                    | "divorced"
                    | "ansatt"
                    | "tilsett"
                    | "employed"
                    | "vaert"
                    | "vore"
                    | "vert"
                    | "varit"
                    | "been"
                    | "fodt"
                    | "fodd"
                    | "born"
            )
        })
    };
    (0..tokens.len()).any(|i| {
        if words.guarded[tokens[i].sentence] || !recorded(&tokens[i].word) || negated(tokens, i) {
            return false;
        }
        (i + 2..(i + 16).min(tokens.len().saturating_sub(1))).any(|j| {
            tokens[j].sentence == tokens[i].sentence
                && tokens[j + 1].sentence == tokens[i].sentence
                && matches!(tokens[j].word.as_str(), "men" | "but" | "aber" | "whereas")
                && matches!(
                    tokens[j + 1].word.as_str(),
                    "jeg"
                        | "eg"
                        | "jag"
                        | "i"
                        | "ich"
                        | "vi"
                        | "we"
                        | "han"
                        | "hun"
                        | "ho"
                        | "he"
                        | "she"
                        | "min"
                        | "mitt"
                        | "my"
                        | "mein"
                        | "meine"
                )
                && tells_a_fact(j + 2)
        })
    })
}

/// Whether a negation stands up to four words before token `i` in its sentence
/// ("ikke slett", "don't want you to erase").
pub(super) fn negated(tokens: &[Token], i: usize) -> bool {
    // Not across a comma: "Jeg vil ikke være kunde lenger, slett alt om meg" asks.
    let (sentence, clause) = (tokens[i].sentence, tokens[i].clause);
    tokens[i.saturating_sub(4)..i].iter().any(|t| {
        t.sentence == sentence && t.clause == clause && COMPILED.negations.contains(&t.word)
    })
}

/// Article numbers cited at token `i`: "Art. 15", "artikkel 15 og 17", "GDPR 17".
/// A bare number never counts, and neither does a range ("Art. 15–21" describes, not asks).
fn cited_articles(tokens: &[Token], i: usize) -> Vec<Found> {
    let t = &tokens[i];
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    // The number before the word: "15. cikk", "17. pants", "15 straipsnis", "15 artikla".
    if COMPILED.article_words_after.contains(&t.word) {
        let cited = i
            .checked_sub(1)
            .map(|j| &tokens[j])
            .filter(|n| n.sentence == t.sentence && digits(&n.word) && !n.after_dash);
        return cited
            .and_then(|n| rules::right_of_article(&n.word))
            .map(|right| {
                vec![Found {
                    right,
                    sentence: t.sentence,
                    start: i - 1,
                    end: i + 1,
                    copy_like: false,
                }]
            })
            .unwrap_or_default();
    }
    if !COMPILED.article_words.contains(&t.word) && !COMPILED.regulation_words.contains(&t.word) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for j in i + 1..=(i + 8).min(tokens.len().saturating_sub(1)) {
        let n = &tokens[j];
        if n.sentence != t.sentence {
            break;
        }
        if digits(&n.word)
            && tokens
                .get(j + 1)
                .is_some_and(|m| m.after_dash && digits(&m.word))
        {
            return Vec::new();
        }
        match digits(&n.word)
            .then(|| rules::right_of_article(&n.word))
            .flatten()
        {
            Some(right) => out.push(Found {
                right,
                sentence: t.sentence,
                start: i,
                end: j + 1,
                copy_like: false,
            }),
            // The first word must be a cited number ("Art. 6", "art deco": nothing cited).
            None if j == i + 1 => break,
            // Later words may be sub-paragraphs, letters or "og": "Art. 15 (1) og 17".
            None if n.word.len() == 1 || COMPILED.list_words.contains(&n.word) => {}
            None => break,
        }
    }
    // "Article 17 of your terms" cites another document.
    let last = out.last().map_or(i, |f| f.end);
    let other = tokens[last..(last + 4).min(tokens.len())]
        .iter()
        .any(|n| n.sentence == t.sentence && COMPILED.other_documents.contains(&n.word));
    if other {
        out.clear();
    }
    out
}

/// Words that may stand between the numbers of one citation ("Art. 15 (1) og 17").
const LIST_WORDS: &str =
    "og|and|und|et|y|e|och|samt|or|eller|oder|ou|o|abs|ledd|lit|stk|nr|para|paragraph";

/// The span of verb `start..end` widened to the personal data (or processing, marketing)
/// beside it, or `None` when there is none within reach.
fn context(tokens: &[Token], start: usize, end: usize, needs: u8) -> Option<(usize, usize)> {
    let nouns_ok = |w: &str| {
        (needs & PROCESSING != 0 && COMPILED.processing.contains(w))
            || (needs & MARKETING != 0 && COMPILED.marketing.contains(w))
    };
    let sentence = tokens[end - 1].sentence;
    let clause = tokens[end - 1].clause;
    for p in end..(end + WINDOW_AFTER).min(tokens.len()) {
        let t = &tokens[p];
        if t.sentence != sentence || t.clause != clause || COMPILED.coordinators.contains(&t.word) {
            break;
        }
        if nouns_ok(&t.word) {
            return Some((start, p + 1));
        }
        if let Some(e) = COMPILED
            .personal_after
            .iter()
            .find_map(|pat| pat.match_at(tokens, p))
        {
            return Some((start, e));
        }
    }
    for p in (start.saturating_sub(WINDOW_BEFORE)..start).rev() {
        let t = &tokens[p];
        if t.sentence != tokens[start].sentence || COMPILED.coordinators.contains(&t.word) {
            break;
        }
        if nouns_ok(&t.word) {
            return Some((p, end));
        }
        let hit = COMPILED
            .personal_before
            .iter()
            .find_map(|pat| pat.match_at(tokens, p));
        if hit.is_some_and(|e| e <= start) {
            return Some((p, end));
        }
    }
    None
}

/// The triggering words as one short line.
fn phrase_text(raw: &str) -> String {
    let one: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        one.chars().take(79).chain(['…']).collect()
    } else {
        one
    }
}

/// The span of a verb whose object points back to personal data named before it in the
/// message: "Jeg hadde en konto hos dere. Kan dere slette den?", "a photo of me ... please
/// delete it", "Hva har dere om meg? ... Slett alt", "I'd like it removed", "at profilen og
/// alle bildene slettes"; for an objection, marketing named before counts too ("Dykk har
/// sendt meg SMS med tilbod. Eg vil ikkje ha det meir."). Not for a correction: that points
/// back through `rectification_across_sentences`. `None` when nothing points back, or when
/// the nearest thing named before is not personal data ("Fakturaen er feil, kan dere slette
/// den?").
fn pointed_back(
    words: &Words<'_>,
    rule: &Rule,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let personal = rule.needs & PERSONAL != 0 && rule.right == Right::Erasure;
    let marketing = rule.needs & MARKETING != 0 && rule.right == Right::Objection;
    if !personal && !marketing {
        return None;
    }
    let tokens = &words.tokens;
    let c = &*COMPILED;
    let sentence = tokens[start].sentence;
    let here = |j: usize| tokens.get(j).is_some_and(|t| t.sentence == sentence);
    // The object after the verb ("slett den", "delete all of it", "slett kontoen og"), or
    // inside it ("take it down").
    let mut object = None;
    for j in start + 1..end + 4 {
        if !here(j) || (j >= end && tokens[j].clause != tokens[end - 1].clause) {
            break;
        }
        let w = &tokens[j].word;
        if c.anaphors.contains(w) || (j >= end && c.data_nouns.contains(w)) {
            object = Some(j);
            break;
        }
        if j >= end && !c.determiners.contains(w) {
            break;
        }
    }
    // Or before it, passive or wanted: "at bildet fjernes", "at det blir slettet", "I'd like
    // it removed", "all of it erased". A pronoun there needs a wish before it.
    if object.is_none() && start > 0 {
        let mut j = start - 1;
        if c.be_words.contains(&tokens[j].word) && j > 0 {
            j -= 1;
        }
        let w = &tokens[j].word;
        let wished =
            (j.saturating_sub(3)..j).any(|k| here(k) && c.want_words.contains(&tokens[k].word));
        if here(j) && (c.data_nouns.contains(w) || (c.anaphors.contains(w) && wished)) {
            object = Some(j);
        }
    }
    let object = object?;
    // A plan of theirs, not a request: "you ... will delete it".
    if start > 0 && c.future_words.contains(&tokens[start - 1].word) {
        return None;
    }
    for p in (back_within(tokens, start, 3)..object.min(start)).rev() {
        let t = &tokens[p];
        if words.guarded[t.sentence] {
            continue;
        }
        if c.other_things.contains(&t.word) {
            return None;
        }
        let named = if personal {
            names_personal_data(words, p)
        } else {
            c.marketing.contains(&t.word)
        };
        if named {
            return Some((start.min(object), end.max(object + 1)));
        }
    }
    None
}

/// The first token at most `n` sentences before token `at` (sentence numbers may skip: a
/// short line ending in a full stop ends two), and at most `LOOK_BACK` tokens before it, so
/// that looking back costs the same in a letter and in a hostile 200 KB sentence.
fn back_within(tokens: &[Token], at: usize, n: usize) -> usize {
    const LOOK_BACK: usize = 300;
    let floor = at.saturating_sub(LOOK_BACK);
    let mut changes = 0;
    let mut p = at;
    while p > floor {
        if tokens[p - 1].sentence != tokens[p].sentence {
            changes += 1;
            if changes > n {
                break;
            }
        }
        p -= 1;
    }
    p
}

/// Whether token `p` names someone's personal data: a data noun that is someone's ("my
/// account", "kontoen hennes", "a photo of me", or in a sentence where a person acts: "Ho
/// hadde ein konto"), or data about the writer ("om meg", "on me").
fn names_personal_data(words: &Words<'_>, p: usize) -> bool {
    let tokens = &words.tokens;
    let c = &*COMPILED;
    let t = &tokens[p];
    if c.data_nouns.contains(&t.word) {
        let covered = (p.saturating_sub(3)..=p).any(|q| {
            c.personal_after
                .iter()
                .chain(&c.personal_before)
                .any(|pat| pat.match_at(tokens, q).is_some_and(|e| e > p))
        });
        let person = words.has_person[t.sentence];
        return covered || person;
    }
    matches!(t.word.as_str(), "meg" | "me" | "mig" | "mich")
        && p > 0
        && tokens[p - 1].sentence == t.sentence
        && matches!(
            tokens[p - 1].word.as_str(),
            "om" | "about" | "on" | "uber" | "pa"
        )
}

/// The span of an objection verb with nothing after it ("Jeg protesterer.") when one of the
/// two sentences before names the person's data, its processing or marketing ("Dere bruker
/// posisjonsdataene mine til å sende meg tilbud. Det vil jeg ikke. Jeg protesterer.").
fn objectless(words: &Words<'_>, rule: &Rule, start: usize, end: usize) -> Option<(usize, usize)> {
    if rule.right != Right::Objection {
        return None;
    }
    let tokens = &words.tokens;
    let c = &*COMPILED;
    let sentence = tokens[start].sentence;
    if tokens.get(end).is_some_and(|t| t.sentence == sentence) || sentence < 1 {
        return None;
    }
    let before = (back_within(tokens, start, 2)..start).rev();
    for q in before.filter(|&q| !words.guarded[tokens[q].sentence]) {
        let w = &tokens[q].word;
        let noun = (rule.needs & PROCESSING != 0 && c.processing.contains(w))
            || (rule.needs & MARKETING != 0 && c.marketing.contains(w));
        if noun || names_personal_data(words, q) {
            return Some((start, end));
        }
    }
    None
}
