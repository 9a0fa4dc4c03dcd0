//! Words and phrase patterns for recognising rights: case- and diacritic-insensitive,
//! whole words only, never across a sentence.
//!
//! Pattern syntax, one item per space-separated word:
//! `a|b` either word; `word*` any word starting so; `word?` optional; `..` up to three
//! words of anything; `!a|b` the next word is none of these (or the sentence ends).

/// One word of the text, folded, with where it sits in the original.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Lower-case, diacritics folded (`ø` -> `o`, `æ` -> `ae`), apostrophes dropped.
    pub word: String,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Commas and colons also end a clause; context windows stay inside one.
    pub clause: usize,
    /// Joined to the previous word by a dash (`15-21`).
    pub after_dash: bool,
    /// Written exactly `I`: the English first person, not the Norwegian preposition.
    pub capital_i: bool,
}

/// Lower-cases and folds diacritics so `Sletting`, `SLETTING` and `slétting` are one word.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' | 'č' | 'ć' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ė' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'ł' => out.push('l'),
            'ś' | 'š' => out.push('s'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            c => out.push(c),
        }
    }
    out
}

/// Words after which a full stop does not end the sentence (`Art. 15`, `jf.`, `nr.`).
const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "nr", "no", "jf", "jfr", "bl", "ca", "evt", "pkt", "abs", "dvs", "eks", "ref",
    "vs", "etc", "mr", "mrs", "dr",
];

/// Splits `text` into tokens; sentence and clause numbers start at `first_sentence`.
pub(crate) fn tokenize(text: &str, first_sentence: usize) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let (mut sentence, mut clause) = (first_sentence, 0);
    let mut dash = false;
    let mut newlines = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut raw = String::from(c);
            while let Some(&(j, n)) = chars.peek() {
                // "don't" is one word, "l'article" and "dell'articolo" are two.
                let joins_apostrophe = matches!(n, '\'' | '’') && {
                    let tail = &text[j + n.len_utf8()..];
                    let letters = tail.chars().take_while(|c| c.is_alphanumeric()).count();
                    (1..=2).contains(&letters)
                };
                if n.is_alphanumeric() {
                    raw.push(n);
                } else if !joins_apostrophe {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            tokens.push(Token {
                word: fold(&raw),
                start: i,
                end,
                sentence,
                clause,
                after_dash: dash,
                capital_i: raw == "I",
            });
            dash = false;
            newlines = 0;
            continue;
        }
        let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        let sentence_before = sentence;
        match c {
            '!' | '?' | ';' => sentence += 1,
            '.' if next_is_space => {
                let after_abbreviation = tokens.last().is_some_and(|t| {
                    t.end == i
                        && (t.word.chars().count() == 1 || ABBREVIATIONS.contains(&t.word.as_str()))
                });
                if !after_abbreviation {
                    sentence += 1;
                }
            }
            ',' | ':' | '(' | ')' => clause += 1,
            '\n' => {
                newlines += 1;
                if newlines == 2 {
                    sentence += 1; // a blank line ends a paragraph, and so a sentence
                }
            }
            _ => {}
        }
        if sentence != sentence_before {
            clause += 1;
        }
        dash = matches!(c, '-' | '–' | '—') || (dash && c == ' ');
        if !c.is_whitespace() {
            newlines = 0;
        }
    }
    tokens
}

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

    fn words(text: &str) -> Vec<(String, usize)> {
        tokenize(text, 0)
            .into_iter()
            .map(|t| (t.word, t.sentence))
            .collect()
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(
            fold("SLETTING Gløymd Æra Straße Löschung"),
            "sletting gloymd aera strasse loschung"
        );
    }

    #[test]
    fn sentences_split_but_not_after_abbreviations() {
        let w = words("Jf. Art. 15 ber jeg om innsyn. Takk! Mvh\n\nKari");
        let sentences: Vec<usize> = w.iter().map(|(_, s)| *s).collect();
        assert_eq!(sentences, vec![0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
        assert_eq!(words("kari@example.no er meg")[1], ("example".into(), 0));
        let w = words("don't d’accès dell'articolo");
        let w: Vec<&str> = w.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(w, ["dont", "d", "acces", "dell", "articolo"]);
    }

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

    #[test]
    fn dashes_and_capital_i_are_noted() {
        let toks = tokenize("Art. 15–21 I i", 0);
        assert!(toks[2].after_dash && !toks[1].after_dash);
        assert!(toks[3].capital_i && !toks[4].capital_i);
    }
}
