//! Text split into words for recognising rights: lower-cased, diacritics folded, each word
//! knowing its sentence and clause, so phrases never match across a sentence.

/// One word of the text, folded, with where it sits in the original.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Lower-case, diacritics folded (`ø` -> `o`, `æ` -> `ae`), the apostrophe of a
    /// contraction dropped (`don't` -> `dont`).
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
            // The ordinal indicators of "15.º", "1.ª": the number stands alone.
            'º' | 'ª' => {}
            c => out.push(c),
        }
    }
    out
}

/// Words after which a full stop does not end the sentence (`Art. 15`, `jf.`, `nr.`).
const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "nr", "no", "jf", "jfr", "bl", "ca", "evt", "pkt", "abs", "dvs", "eks", "ref",
    "vs", "etc", "mr", "mrs", "dr", "чл",
];

/// Months written with a capital after a day's ordinal ("17. Mai", "1. Januar").
const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "marz",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "jaenner",
    "janner",
];

/// A line shorter than this ends its sentence: hard-wrapped mail runs on at 60-78.
const SHORT_LINE: usize = 45;

/// Splits `text` into tokens; sentence and clause numbers start at `first_sentence`.
pub(crate) fn tokenize(text: &str, first_sentence: usize) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let (mut sentence, mut clause) = (first_sentence, 0);
    let mut dash = false;
    let mut newlines = 0;
    // The last line break ended a sentence already (a short line): a blank line after it
    // does not end another.
    let mut line_ended = false;
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
                // "I", and its contractions "I'd", "I'm", "I've", "I'll".
                capital_i: raw == "I"
                    || text[i..end].starts_with("I'")
                    || text[i..end].starts_with("I’"),
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
                // An ordinal ("15. cikk", "23. november", "17. pants") goes on.
                // A number before a capital ends its sentence ("I'm 34, not 43. Please
                // correct it"), unless a month follows ("am 17. Mai").
                let next_word: String = text[i + 1..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                let capital_follows = next_word.chars().next().is_some_and(char::is_uppercase)
                    && !MONTHS.contains(&fold(&next_word).as_str());
                let after_abbreviation = tokens.last().is_some_and(|t| {
                    t.end == i
                        && (t.word.chars().count() == 1
                            || ABBREVIATIONS.contains(&t.word.as_str())
                            || (t.word.chars().all(|c| c.is_ascii_digit()) && !capital_follows))
                });
                if !after_abbreviation {
                    sentence += 1;
                }
            }
            ',' | ':' | '(' | ')' => clause += 1,
            '\n' => {
                newlines += 1;
                // A blank line ends a paragraph, and so a sentence; so does the end of a
                // short line (a list item, a greeting), where a wrapped line runs on.
                let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                let short = text[line_start..i].trim().chars().count() < SHORT_LINE;
                if (newlines == 1 && short) || (newlines == 2 && !line_ended) {
                    sentence += 1;
                }
                line_ended = newlines == 1 && short;
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
    fn dashes_and_capital_i_are_noted() {
        let toks = tokenize("Art. 15–21 I i", 0);
        assert!(toks[2].after_dash && !toks[1].after_dash);
        assert!(toks[3].capital_i && !toks[4].capital_i);
    }
}
