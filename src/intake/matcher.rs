//! Phrase patterns over [`Token`]s: case- and diacritic-insensitive, whole words only,
//! never across a sentence.
//!
//! Pattern syntax, one item per space-separated word:
//! `a|b` either word; `word*` any word starting so; `word?` optional; `..` up to three
//! words of anything; `!a|b` the next word is none of these (or the sentence ends).

use super::tokens::{Token, fold};

#[derive(Debug, Clone)]
enum Item {
    Word {
        alts: Vec<(String, bool)>,
        optional: bool,
    },
    NotNext(Vec<(String, bool)>),
    Gap(usize),
}

/// A compiled phrase pattern (see the module docs for the syntax).
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    items: Vec<Item>,
}

fn alternatives(spec: &str) -> Vec<(String, bool)> {
    spec.split('|')
        .map(|a| match a.strip_suffix('*') {
            Some(stem) => (fold(stem), true),
            None => (fold(a), false),
        })
        .collect()
}

fn word_is(alts: &[(String, bool)], word: &str) -> bool {
    alts.iter().any(|(a, prefix)| {
        if *prefix {
            word.starts_with(a.as_str())
        } else {
            word == a
        }
    })
}

impl Pattern {
    pub(crate) fn new(source: &str) -> Pattern {
        let items = source
            .split_whitespace()
            .map(|w| {
                if w == ".." {
                    Item::Gap(3)
                } else if let Some(rest) = w.strip_prefix('!') {
                    Item::NotNext(alternatives(rest))
                } else if let Some(rest) = w.strip_suffix('?') {
                    Item::Word {
                        alts: alternatives(rest),
                        optional: true,
                    }
                } else {
                    Item::Word {
                        alts: alternatives(w),
                        optional: false,
                    }
                }
            })
            .collect();
        Pattern { items }
    }

    /// The end (exclusive) of a match starting at token `at`, if one starts there.
    pub(crate) fn match_at(&self, tokens: &[Token], at: usize) -> Option<usize> {
        let sentence = tokens.get(at)?.sentence;
        match_items(&self.items, tokens, at, sentence, true)
    }
}

fn match_items(
    items: &[Item],
    tokens: &[Token],
    at: usize,
    sentence: usize,
    first: bool,
) -> Option<usize> {
    let Some((item, rest)) = items.split_first() else {
        return Some(at);
    };
    let word_here = |alts: &[(String, bool)]| {
        tokens
            .get(at)
            .is_some_and(|t| t.sentence == sentence && word_is(alts, &t.word))
    };
    match item {
        Item::Word { alts, optional } => {
            let taken = word_here(alts)
                .then(|| match_items(rest, tokens, at + 1, sentence, false))
                .flatten();
            // A pattern never starts with a skipped word: matches are reported from a real word.
            taken.or_else(|| {
                (*optional && !first)
                    .then(|| match_items(rest, tokens, at, sentence, false))
                    .flatten()
            })
        }
        Item::NotNext(alts) => (!word_here(alts))
            .then(|| match_items(rest, tokens, at, sentence, false))
            .flatten(),
        Item::Gap(n) => (0..=*n).find_map(|skip| {
            let in_sentence =
                (at..at + skip).all(|i| tokens.get(i).is_some_and(|t| t.sentence == sentence));
            in_sentence
                .then(|| match_items(rest, tokens, at + skip, sentence, false))
                .flatten()
        }),
    }
}

/// A compiled list of `|`-separated words (with `*` prefixes), for testing one word.
pub(crate) struct WordSet(Vec<(String, bool)>);

impl WordSet {
    pub(crate) fn new(spec: &str) -> WordSet {
        WordSet(alternatives(&spec.split_whitespace().collect::<String>()))
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        word_is(&self.0, word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::tokens::tokenize;

    #[test]
    fn patterns_match_whole_words_with_gaps_and_options() {
        let toks = tokenize(
            "Hvilke opplysninger dere har om meg? Slett meg fra nyhetsbrevet.",
            0,
        );
        let p = Pattern::new("hvilke opplysning* .. har om meg");
        assert_eq!(p.match_at(&toks, 0), Some(6));
        assert_eq!(
            Pattern::new("hvilke opplysning* om").match_at(&toks, 0),
            None
        );
        // The gap never crosses the sentence end.
        assert_eq!(Pattern::new("meg .. slett").match_at(&toks, 5), None);
        assert_eq!(Pattern::new("slett meg !fra").match_at(&toks, 6), None);
        assert_eq!(Pattern::new("slett meg? fra").match_at(&toks, 6), Some(9));
        assert_eq!(
            Pattern::new("nyhetsbrev").match_at(&toks, 9),
            None,
            "whole words only"
        );
        assert_eq!(Pattern::new("nyhetsbrev*").match_at(&toks, 9), Some(10));
    }
}
