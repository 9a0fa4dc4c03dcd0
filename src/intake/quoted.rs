//! Telling the requester's own words from what they quote: a reply's history and `>`
//! lines are not them asking, and an identification block there is not theirs. Their
//! signature is theirs, so it stays.

/// The requester's own words: quoted lines (`> ...`) and the history under a reply header
/// ("On ... wrote:", "-----Original Message-----") go; a forwarded message stays.
pub(crate) fn own_words(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let lower = line.trim().to_lowercase();
        let opens_reply = |starts: &[&str], ends: &[&str]| {
            starts.iter().any(|s| lower.starts_with(s)) && ends.iter().any(|e| lower.ends_with(e))
        };
        let reply_header = opens_reply(&["-----"], &["-----"])
            || opens_reply(
                &["on ", "den ", "am ", "le ", "el "],
                &[
                    "wrote:",
                    "skrev:",
                    "skreiv:",
                    "schrieb:",
                    "écrit :",
                    "écrit:",
                    "escribió:",
                ],
            );
        if reply_header && !lower.contains("forward") && !lower.contains("videresend") {
            break;
        }
        // A quoted line becomes blank, so the sentences around it stay apart.
        out.push_str(if lower.starts_with('>') { "" } else { line });
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_history_and_quoted_lines_go() {
        let body = "Her er nummeret.\n> Vi har mottatt din begjæring.\nMvh\n\nOn Mon, 5 Feb 2024, ORINOR wrote:\nJeg ber om innsyn.";
        assert_eq!(own_words(body), "Her er nummeret.\n\nMvh\n\n");
        let outlook = "Ja.\n-----Original Message-----\nFrom: x";
        assert_eq!(own_words(outlook), "Ja.\n");
        // A signature is still the sender's own: it often carries their phone number.
        assert!(own_words("Hei\n-- \nKari\nTelefon: 912 34 567").contains("Telefon"));
    }

    #[test]
    fn a_forwarded_message_stays() {
        let body = "Se under.\n---------- Forwarded message ----------\nJeg ber om innsyn.";
        assert!(own_words(body).contains("Jeg ber om innsyn."));
    }
}
