//! Which language to answer in, told from the request's own text: Norwegian letters
//! (æ, ø, å) or common Norwegian words mean bokmål; any other text means English.

use super::Lang;

/// Common words of bokmål and nynorsk that English and German do not share.
const NORWEGIAN: &[&str] = &[
    "jeg",
    "eg",
    "meg",
    "deg",
    "ikke",
    "ikkje",
    "og",
    "dere",
    "dykk",
    "hei",
    "mvh",
    "hilsen",
    "helsing",
    "vennligst",
    "takk",
    "ber",
    "innsyn",
    "slett",
    "slette",
    "sletting",
    "kopi",
    "opplysninger",
    "opplysningar",
    "personopplysninger",
    "mine",
    "mitt",
    "hva",
    "kva",
    "har",
    "til",
    "om",
    "på",
    "av",
    "fra",
    "frå",
    "det",
    "som",
    "er",
    "kan",
    "vil",
    "alle",
    "kunde",
];

/// Common English words.
const ENGLISH: &[&str] = &[
    "the", "and", "i", "my", "me", "please", "request", "data", "of", "to", "you", "your", "under",
    "personal", "is", "for", "with", "a", "copy", "all", "stop", "delete", "about",
];

/// The language of `text`, or `None` when there is no text to tell from.
pub fn detect(text: &str) -> Option<Lang> {
    if text.trim().is_empty() {
        return None;
    }
    if text.chars().any(|c| "æøåÆØÅ".contains(c)) {
        return Some(Lang::Nb);
    }
    let (mut nb, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        nb += NORWEGIAN.contains(&w.as_str()) as usize;
        en += ENGLISH.contains(&w.as_str()) as usize;
    }
    Some(if nb >= 2 && nb > en {
        Lang::Nb
    } else {
        Lang::En
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_or_words_mean_bokmal() {
        for text in [
            "Slett kontoen min og alle opplysninger om meg.",
            "Innsynsbegjæring etter GDPR art. 15.",
            "Kan dere sende meg alt dere har om meg?",
            "Eg vil ha innsyn i kva de har om meg, takk",
            "Jeg ber om innsyn",
        ] {
            assert_eq!(detect(text), Some(Lang::Nb), "{text}");
        }
    }

    #[test]
    fn anything_else_is_english() {
        for text in [
            "Please stop sending me marketing e-mails.",
            "Under Articles 15 and 17 GDPR I request a copy of my personal data.",
            "Gemäß Art. 15 DSGVO bitte ich um Auskunft über meine gespeicherten Daten.",
            "Buy cheap followers now!!!",
        ] {
            assert_eq!(detect(text), Some(Lang::En), "{text}");
        }
        assert_eq!(detect("  \n"), None);
    }
}
