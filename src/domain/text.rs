//! Text from outside (names, subjects, bodies) made safe for a terminal.

/// Replaces control characters and escape sequences so that outside text can never drive
/// the terminal. Newlines and tabs survive only when `keep_lines` is set (bodies);
/// tabs become spaces. Each escape sequence is shown as a visible `␛` so tampering shows.
pub fn sanitize(text: &str, keep_lines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(if keep_lines { '\n' } else { ' ' }),
            '\t' => out.push_str(if keep_lines { "    " } else { " " }),
            '\r' => {
                if !keep_lines {
                    out.push(' ');
                }
            }
            '\u{1b}' => {
                out.push('␛');
                // Swallow a CSI/OSC body so its parameters do not show as noise.
                match chars.peek() {
                    Some('[') => {
                        chars.next();
                        while let Some(&n) = chars.peek() {
                            chars.next();
                            if ('\u{40}'..='\u{7e}').contains(&n) {
                                break;
                            }
                        }
                    }
                    Some(']') => {
                        chars.next();
                        while let Some(n) = chars.next() {
                            if n == '\u{7}' || (n == '\u{1b}' && chars.peek() == Some(&'\\')) {
                                if n == '\u{1b}' {
                                    chars.next();
                                }
                                break;
                            }
                        }
                    }
                    _ => {}
                }
            }
            c if c.is_control() => out.push('\u{fffd}'),
            // Bidirectional overrides can make text display differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Characters that show as nothing yet change what text is or how it reads: zero-width
/// spaces and joiners, direction marks and overrides, the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061c}'
            | '\u{feff}'
    )
}

/// A name from outside as one safe line with the invisible characters removed (not
/// replaced: "Kari\u{200b}Nordmann" is Kari Nordmann, and must be found as her).
pub fn clean_name(text: &str) -> String {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    one_line(&visible)
}

/// A value as it may leave the desk in a CSV or JSON export: control characters (line
/// breaks too), escape sequences and direction overrides made visible as in [`one_line`].
/// Borrowed when there is nothing to clean, as for almost every value.
pub fn export_value(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if text.chars().any(unsafe_char) {
        std::borrow::Cow::Owned(one_line(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// One-line form of outside text, for table cells and titles.
pub fn one_line(text: &str) -> String {
    sanitize(text, false)
}

/// The form names and addresses are searched in: lower case, diacritics and special
/// letters spelled out in ASCII ("Åse Øverby" -> "ase overby", "Bjørnæs" -> "bjornaes"),
/// so that a search typed on any keyboard finds them.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        let hostile = "Hi \u{1b}[2J\u{1b}]0;pwned\u{7}there\u{1b}[31mred\u{8}";
        let safe = one_line(hostile);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe:?}");
        assert_eq!(safe, "Hi ␛␛there␛red\u{fffd}");
    }

    #[test]
    fn bodies_keep_their_lines() {
        assert_eq!(sanitize("a\r\nb\tc", true), "a\nb    c");
        assert_eq!(one_line("a\r\nb"), "a  b");
    }

    #[test]
    fn bidi_overrides_are_replaced() {
        assert!(!one_line("abc\u{202e}fed").contains('\u{202e}'));
    }

    #[test]
    fn names_lose_their_invisible_characters() {
        assert_eq!(
            clean_name("\u{feff}Kari\u{200b} Nord\u{202e}mann\u{2066}"),
            "Kari Nordmann"
        );
        assert_eq!(clean_name("Ola\u{7}"), "Ola\u{fffd}");
    }

    #[test]
    fn folding_for_search() {
        assert_eq!(fold("Åse Øverby"), "ase overby");
        assert_eq!(fold("BJØRNÆS"), "bjornaes");
        assert_eq!(fold("José Müller"), "jose muller");
    }
}
