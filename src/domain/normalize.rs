//! Normal forms of e-mail addresses, phone numbers, customer numbers and names, so that every
//! spelling a person or a form uses leads to the same index key.

use super::text::fold;

/// Country code assumed for numbers written without one (Norway).
const HOME_COUNTRY: &str = "47";
/// Length of a Norwegian national number; the part every spelling of a number shares.
pub const NATIONAL_DIGITS: usize = 8;
/// Fewer digits than this are too common to look up as a phone suffix.
pub const MIN_PHONE_QUERY: usize = 5;

/// An e-mail address in its lookup form: trimmed, without `mailto:` or angle brackets, lower
/// case. `None` unless [`check_email`] accepts it.
pub fn email(text: &str) -> Option<String> {
    check_email(text).ok()
}

/// The one e-mail check, for `add`, the desk's forms, intake and rectification: a local
/// part, one `@` and a domain with a dot; no spaces, control or invisible characters, nor
/// the punctuation that separates addresses in a header. Gives the address in lookup form
/// (lower case, without `mailto:` or angle brackets), or why it is not one.
pub fn check_email(text: &str) -> Result<String, String> {
    let t = text
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    let t = t
        .strip_prefix("mailto:")
        .or_else(|| t.strip_prefix("MAILTO:"))
        .unwrap_or(t);
    let lower = t.trim().to_lowercase();
    let plausible = lower.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && domain.split('.').all(|label| !label.is_empty())
    }) && lower.len() <= 254
        && !lower.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || super::text::is_invisible(c)
                || "<>,;\"()[]\\".contains(c)
        });
    if plausible {
        Ok(lower)
    } else {
        let shown: String = super::text::one_line(text.trim())
            .chars()
            .take(80)
            .collect();
        Err(format!(
            "'{shown}' is not an e-mail address (it has a name, an @ and a domain, and no spaces)"
        ))
    }
}

/// The one phone check, for `add`, the desk's forms, intake and rectification: 8 to 15
/// digits once written in international form, with only the usual separators. Gives the
/// number trimmed as written (the canonical form is [`phone`]), or why it is not one.
pub fn check_phone(text: &str) -> Result<String, String> {
    let t = text.trim();
    match phone(t) {
        Some(_) => Ok(t.to_string()),
        None => {
            let shown: String = super::text::one_line(t).chars().take(80).collect();
            Err(format!(
                "'{shown}' is not a phone number (it has 8 to 15 digits; +, spaces and dashes are fine)"
            ))
        }
    }
}

/// The digits of a phone number as written, with whether it started with `+`; `None` when it
/// holds anything but digits and the usual separators.
fn phone_digits(text: &str) -> Option<(bool, String)> {
    let t = text.trim();
    let plus = t.starts_with('+') || t.starts_with("(+");
    let mut digits = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' | '+' | '\u{a0}' => {}
            _ => return None,
        }
    }
    Some((plus, digits))
}

/// A phone number in canonical international form: digits only, country code first, no `+`.
/// `+47 412 34 567`, `0047 41234567`, `412-34-567` and `41234567` all give `4741234567`.
pub fn phone(text: &str) -> Option<String> {
    let (plus, digits) = phone_digits(text)?;
    let canonical = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if digits.len() == NATIONAL_DIGITS {
        format!("{HOME_COUNTRY}{digits}")
    } else {
        digits
    };
    (NATIONAL_DIGITS..=15)
        .contains(&canonical.len())
        .then_some(canonical)
}

/// The index key of a phone number: its canonical digits reversed, so that a suffix search
/// (the national part, whatever prefix was written) is a prefix range on an index.
pub fn phone_key(text: &str) -> Option<String> {
    phone(text).map(|p| p.chars().rev().collect())
}

/// What a typed phone number can be looked up by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneQuery {
    /// The full reversed canonical key, when the input is a whole number.
    pub exact: Option<String>,
    /// A reversed suffix (at most the national digits) that every spelling shares.
    pub suffix: String,
}

/// Reads typed text as a phone number: at least [`MIN_PHONE_QUERY`] digits and nothing else.
pub fn phone_query(text: &str) -> Option<PhoneQuery> {
    let (_, digits) = phone_digits(text)?;
    if digits.len() < MIN_PHONE_QUERY {
        return None;
    }
    let exact = phone_key(text);
    let tail: String = digits.chars().rev().take(NATIONAL_DIGITS).collect();
    Some(PhoneQuery {
        exact,
        suffix: tail,
    })
}

/// The exclusive upper bound of a prefix range over digit strings (`:` sorts after `9`).
pub fn digit_range_end(prefix: &str) -> String {
    format!("{prefix}:")
}

/// A customer number in lookup form: upper case, letters and digits only (`k-100 042` ->
/// `K100042`). `None` when nothing is left.
pub fn customer_number(text: &str) -> Option<String> {
    let n: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    (!n.is_empty()).then_some(n)
}

/// The folded words of a name ("Åse-Marie Øverby" -> `["ase", "marie", "overby"]`): what the
/// name index stores and what a query is split into.
pub fn name_tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The address in `Name <address>` or a bare address, with the name if there is one; None
/// when there is no address in it.
pub fn mailbox(text: &str) -> Option<(Option<String>, String)> {
    let text = text.trim();
    let (name, address) = match (text.rfind('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => {
            let name = text[..open].trim().trim_matches('"').trim();
            (
                (!name.is_empty()).then(|| name.to_string()),
                text[open + 1..close].trim(),
            )
        }
        _ => (None, text),
    };
    let valid = address.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !address.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    valid.then(|| (name, address.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        assert_eq!(
            email("  Lars@Bjornaes.NO ").as_deref(),
            Some("lars@bjornaes.no")
        );
        assert_eq!(
            email("<mailto:A@B.no>").as_deref(),
            Some("a@b.no"),
            "angle brackets and mailto: are not part of the address"
        );
        assert_eq!(email("no-at-sign"), None);
        assert_eq!(email("@example.no"), None);
        assert_eq!(email("a b@example.no"), None);
    }

    #[test]
    fn one_check_for_every_address_and_number() {
        assert_eq!(
            check_email(" <Kari@Example.NO> ").as_deref(),
            Ok("kari@example.no")
        );
        for bad in [
            "kari at example.no",
            "a@b@c.no",
            "kari@localhost",
            "kari@example..no",
            "kari@.no",
            "\"kari\"@example.no",
            "kari;per@example.no",
            "kari\u{200b}@example.no",
            "kari\u{7}@example.no",
        ] {
            let e = check_email(bad).expect_err(bad);
            assert!(e.contains("is not an e-mail address"), "{e}");
            assert!(!e.chars().any(char::is_control), "{e:?}");
        }
        assert_eq!(
            check_phone(" +47 412 34 567 ").as_deref(),
            Ok("+47 412 34 567")
        );
        for bad in [
            "12345",
            "ring meg",
            "+47 412 34 567 ext 3",
            "1234567890123456",
        ] {
            assert!(
                check_phone(bad).is_err_and(|e| e.contains("not a phone number")),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_norwegian_spelling_of_a_number_is_one_key() {
        let spellings = [
            "+4741234567",
            "+47 412 34 567",
            "0047 412 34 567",
            "004741234567",
            "412 34 567",
            "41 23 45 67",
            "412-34-567",
            "(+47) 41234567",
            "4741234567",
        ];
        for s in spellings {
            assert_eq!(phone(s).as_deref(), Some("4741234567"), "{s}");
        }
        assert_eq!(phone_key("41234567").as_deref(), Some("7654321474"));
    }

    #[test]
    fn foreign_numbers_keep_their_country_code() {
        assert_eq!(phone("+44 7700 900123").as_deref(), Some("447700900123"));
        assert_eq!(phone("0044 7700 900123").as_deref(), Some("447700900123"));
        assert_eq!(phone("12345"), None, "too short to be a number");
        assert_eq!(phone("call me"), None);
    }

    #[test]
    fn phone_queries_share_the_national_suffix() {
        let a = phone_query("+47 401 22 333").expect("query");
        let b = phone_query("0047 40122333").expect("query");
        let c = phone_query("40122333").expect("query");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.suffix, "33322104");
        assert_eq!(a.exact.as_deref(), Some("3332210474"));
        let partial = phone_query("22 333").expect("five digits");
        assert_eq!((partial.exact, partial.suffix.as_str()), (None, "33322"));
        assert_eq!(phone_query("2233"), None);
        assert_eq!(phone_query("Åse"), None);
        assert!(digit_range_end("123").as_str() > "1239999");
    }

    #[test]
    fn customer_numbers_ignore_case_and_separators() {
        assert_eq!(customer_number(" k-100 042").as_deref(), Some("K100042"));
        assert_eq!(customer_number(" - "), None);
    }

    #[test]
    fn names_fold_to_ascii_words() {
        assert_eq!(
            name_tokens("Åse-Marie  ØVERBY"),
            vec!["ase", "marie", "overby"]
        );
        assert_eq!(name_tokens("Lars Bjørnæs"), vec!["lars", "bjornaes"]);
        assert_eq!(name_tokens("Thomas Müller"), vec!["thomas", "muller"]);
        assert!(name_tokens("  --  ").is_empty());
    }
}
