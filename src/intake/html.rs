//! HTML-only mail turned into readable text: tags stripped, entities decoded, paragraphs
//! and list items kept as line breaks. Malformed markup degrades to text, never panics.

/// Readable plain text from an HTML body.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    // Inside <script>, <style>, <head> or <title>: skip until the matching end tag.
    let mut hidden: Option<String> = None;
    let mut pre = 0usize;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let starts_tag = c == '<'
            && rest[1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!');
        if starts_tag {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |i| &after[i + 3..]);
                continue;
            }
            let Some(end) = rest.find('>') else {
                break; // an unterminated tag: drop the tail rather than show markup
            };
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if let Some(h) = &hidden {
                if closing && *h == name {
                    hidden = None;
                }
                continue;
            }
            match name.as_str() {
                "script" | "style" | "head" | "title" | "template"
                    if !closing && !tag.ends_with('/') =>
                {
                    hidden = Some(name)
                }
                "br" => out.push('\n'),
                "p" | "div" | "table" | "blockquote" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4"
                | "h5" | "h6" | "section" | "article" | "header" | "footer" | "hr" => {
                    out.push_str("\n\n")
                }
                "tr" => out.push('\n'),
                "li" if !closing => out.push_str("\n- "),
                "td" | "th" => out.push(' '),
                "pre" if closing => pre = pre.saturating_sub(1),
                "pre" => pre += 1,
                _ => {}
            }
        } else if hidden.is_some() {
            rest = &rest[c.len_utf8()..];
        } else if c == '&' {
            rest = decode_entity(rest, &mut out);
        } else {
            rest = &rest[c.len_utf8()..];
            if c.is_whitespace() && pre == 0 {
                // Source layout is not text layout: any run of whitespace is one space.
                if !out.ends_with([' ', '\n']) && !out.is_empty() {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
    }
    tidy_lines(&out)
}

/// Decodes the entity at the start of `rest` (which starts with `&`) into `out`; returns the
/// text after it. Unknown or unterminated entities stay as written.
fn decode_entity<'a>(rest: &'a str, out: &mut String) -> &'a str {
    let body_end = rest[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map(|i| i + 1);
    if let Some(end) = body_end.filter(|&e| e > 1 && e <= 40 && rest[e..].starts_with(';')) {
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (num, 10),
            };
            u32::from_str_radix(digits, radix)
                .ok()
                .map(|n| char::from_u32(n).unwrap_or('\u{fffd}').to_string())
        } else {
            let mut buf = String::new();
            let token = format!("&{name};");
            // mail-parser carries the full HTML5 entity table; an unknown name comes back
            // as written.
            mail_parser::decoders::html::add_html_token(&mut buf, token.as_bytes(), false);
            Some(buf)
        };
        if let Some(text) = decoded {
            out.push_str(&text.replace('\u{a0}', " "));
            return &rest[end + 1..];
        }
    }
    out.push('&');
    &rest[1..]
}

/// Trims each line and keeps at most one blank line between paragraphs.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_entities() {
        let html = "<html><head><title>x</title><style>p{color:red}</style></head><body>\
            <p>Hei,</p><p>jeg ber om <b>innsyn</b>&nbsp;i mine opplysninger &amp; sletting.</p>\
            <ul><li>f&oslash;rste</li><li>&#229;&#x00E6;</li></ul>Mvh<br>Kari</body></html>";
        let text = html_to_text(html);
        assert_eq!(
            text,
            "Hei,\n\njeg ber om innsyn i mine opplysninger & sletting.\n\n- første\n- åæ\n\nMvh\nKari"
        );
    }

    #[test]
    fn scripts_comments_and_broken_markup_do_not_leak() {
        let text = html_to_text("<script>alert('x')</script><!-- hidden -->Hei &bogus; &amp <b");
        assert_eq!(text, "Hei &bogus; &amp");
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("&#99999999;"), "\u{fffd}");
    }

    #[test]
    fn whitespace_collapses_but_pre_keeps_lines() {
        assert_eq!(html_to_text("one\n   two"), "one two");
        assert_eq!(html_to_text("<pre>a\nb</pre>"), "a\nb");
    }
}
