//! Raw 8-bit bytes in message headers. RFC 5322 headers are ASCII (other text goes in
//! encoded words), but real mailers send raw bytes: UTF-8 from modern ones, Latin-1 or
//! windows-1252 from old ones. mail-parser reads every raw byte as UTF-8 and turns the rest
//! into U+FFFD ("Sp�rsm�l"), so the header block is made UTF-8 here first: each header line
//! that is valid UTF-8 is kept, any other is read as windows-1252 (a superset of the
//! printable Latin-1). The body is left alone: its charset is declared by MIME.

use std::borrow::Cow;

/// The message with its top-level header lines in UTF-8; borrowed when nothing changes.
pub(crate) fn utf8_headers(raw: &[u8]) -> Cow<'_, [u8]> {
    let end = header_end(raw);
    let head = &raw[..end];
    if head.is_ascii() || std::str::from_utf8(head).is_ok() {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len() + 64);
    for line in head.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(_) => out.extend_from_slice(line),
            Err(_) => out.extend_from_slice(windows_1252(line).as_bytes()),
        }
    }
    out.extend_from_slice(&raw[end..]);
    Cow::Owned(out)
}

/// Where the header block ends: just after the first empty line (or the whole message).
fn header_end(raw: &[u8]) -> usize {
    let mut at = 0;
    for line in raw.split_inclusive(|&b| b == b'\n') {
        at += line.len();
        if line == b"\n" || line == b"\r\n" {
            return at;
        }
    }
    raw.len()
}

/// Bytes as windows-1252: Latin-1 with printable characters in 0x80–0x9F.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_header_lines_become_utf8() {
        let raw = b"Subject: Sp\xf8rsm\xe5l\r\nFrom: Kari <k@x.no>\r\n\r\nbody \xf8 stays\r\n";
        let fixed = utf8_headers(raw);
        assert_eq!(
            &fixed[..],
            "Subject: Spørsmål\r\nFrom: Kari <k@x.no>\r\n\r\nbody "
                .as_bytes()
                .iter()
                .chain(b"\xf8 stays\r\n")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice()
        );
    }

    #[test]
    fn utf8_and_ascii_headers_are_kept_as_they_are() {
        let raw = "Subject: Spørsmål\n\nhei".as_bytes();
        assert!(matches!(utf8_headers(raw), Cow::Borrowed(_)));
        let ascii = b"Subject: hei\n\n\xf8";
        assert!(matches!(utf8_headers(ascii), Cow::Borrowed(_)));
    }

    #[test]
    fn windows_1252_has_its_own_high_characters() {
        assert_eq!(windows_1252(b"\x80 \x93ja\x94 \x96 \xe6"), "€ “ja” – æ");
    }

    #[test]
    fn each_line_is_judged_on_its_own() {
        let raw = b"Subject: Sp\xc3\xb8rsm\xc3\xa5l\nFrom: =?x?= J\xf8rn <j@x.no>\n\n";
        let fixed = utf8_headers(raw);
        let text = String::from_utf8(fixed.into_owned()).expect("utf-8");
        assert_eq!(text, "Subject: Spørsmål\nFrom: =?x?= Jørn <j@x.no>\n\n");
    }
}
