//! Which language to answer in, told from the request's own text: Norwegian letters
//! (æ, ø, å) or common Norwegian words mean Norwegian, nynorsk when its own words outnumber
//! bokmål's; any other text means English.

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

/// Words of nynorsk that bokmål does not write ("eg", "ikkje", "kva"), and bokmål's own
/// spelling of the same words: which of the two a Norwegian letter is written in.
const NYNORSK_ONLY: &[&str] = &[
    "eg",
    "ikkje",
    "dykk",
    "dykkar",
    "kva",
    "kvifor",
    "korleis",
    "kven",
    "kor",
    "frå",
    "ein",
    "eit",
    "berre",
    "noko",
    "nokon",
    "meir",
    "helsing",
    "venleg",
    "opplysningar",
    "personopplysningar",
    "opplysningane",
    "vere",
    "vore",
    "sjølv",
    "hjå",
    "me",
    "dei",
    "bad",
    "treng",
    "veit",
    "gjer",
    "gjeld",
    "fekk",
    "ynskjer",
    "ønskjer",
    "mykje",
    "sletta",
    "slettar",
    "lagra",
    "lagrar",
    "brukar",
    "behandlar",
    "vert",
    "vart",
    "ho",
    "heile",
    "difor",
    "då",
    "òg",
    "søkje",
];
const BOKMAL_ONLY: &[&str] = &[
    "jeg",
    "ikke",
    "dere",
    "deres",
    "hva",
    "hvorfor",
    "hvordan",
    "hvem",
    "hvor",
    "fra",
    "en",
    "et",
    "bare",
    "noe",
    "noen",
    "mer",
    "hilsen",
    "vennlig",
    "vennligst",
    "opplysninger",
    "personopplysninger",
    "opplysningene",
    "være",
    "vært",
    "selv",
    "ba",
    "trenger",
    "vet",
    "gjør",
    "gjelder",
    "fikk",
    "ønsker",
    "mye",
    "slettet",
    "sletter",
    "lagret",
    "lagrer",
    "bruker",
    "behandler",
    "blir",
    "ble",
    "hun",
    "hele",
    "derfor",
    "da",
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
    let (mut nb, mut en) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        nb += NORWEGIAN.contains(&w.as_str()) as usize;
        en += ENGLISH.contains(&w.as_str()) as usize;
    }
    if (nb >= 2 && nb > en) || text.chars().any(|c| "æøåÆØÅ".contains(c)) {
        Some(norwegian(text))
    } else {
        Some(Lang::En)
    }
}

/// Bokmål or nynorsk: nynorsk when more of its own words are used than bokmål's.
fn norwegian(text: &str) -> Lang {
    let (mut nn, mut nb) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_lowercase();
        nn += NYNORSK_ONLY.contains(&w.as_str()) as usize;
        nb += BOKMAL_ONLY.contains(&w.as_str()) as usize;
    }
    if nn > nb { Lang::Nn } else { Lang::Nb }
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
            "Jeg ber om innsyn",
        ] {
            assert_eq!(detect(text), Some(Lang::Nb), "{text}");
        }
    }

    #[test]
    fn nynorsk_is_told_by_its_own_words() {
        for text in [
            "Eg vil ha innsyn i kva de har om meg, takk",
            "Hei! Eg ber om at de slettar alle opplysningane de har lagra om meg. Helsing Ola",
            "Kva personopplysningar har de om meg? Eg vil ikkje ha meir reklame frå dykk.",
        ] {
            assert_eq!(detect(text), Some(Lang::Nn), "{text}");
        }
        // Bokmål with a word nynorsk shares stays bokmål.
        assert_eq!(
            detect("Hei, jeg vil vite hva dere har lagret om meg. Hilsen Ola"),
            Some(Lang::Nb)
        );
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
