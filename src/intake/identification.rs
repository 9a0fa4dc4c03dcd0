//! The identification block people put in their letters and web-form mailers put in
//! theirs ("Navn: ...", "E-post: ...", "Telefon: ..."). It names the requester better than
//! the From header, which is often a relative's or a form robot's address.

use super::{clean_email, clean_name, clean_phone};

/// Who the body says is asking ("Navn: ...", "E-post: ...", "Telefon: ..."): web forms
/// and careful writers put it there, and it beats the From header.
#[derive(Default)]
pub(crate) struct Identification {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

const NAME_LABELS: &[&str] = &[
    "navn",
    "name",
    "namn",
    "fulltnavn",
    "fullname",
    "fulltnamn",
    "fornavnogetternavn",
];
const EMAIL_LABELS: &[&str] = &[
    "epost",
    "email",
    "mail",
    "epostadresse",
    "emailaddress",
    "emailadresse",
    "mailadresse",
];
const PHONE_LABELS: &[&str] = &[
    "telefon",
    "tlf",
    "mobil",
    "telefonnummer",
    "mobilnummer",
    "phone",
    "telephone",
    "mobile",
    "phonenumber",
];

impl Identification {
    /// The first name, address and phone labelled in `body`; each checked, or `None`.
    pub(crate) fn find(body: &str) -> Identification {
        let mut found = Identification::default();
        for line in body.lines().take(400) {
            let Some((label, value)) = line.split_once(':') else {
                continue;
            };
            let label: String = label
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if label.len() > 24 {
                continue;
            }
            let value = value.trim();
            if found.name.is_none() && NAME_LABELS.contains(&label.as_str()) {
                found.name = clean_name(value);
            } else if found.email.is_none() && EMAIL_LABELS.contains(&label.as_str()) {
                found.email = clean_email(value);
            } else if found.phone.is_none() && PHONE_LABELS.contains(&label.as_str()) {
                found.phone = clean_phone(value);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_any_usual_spelling() {
        let id = Identification::find(
            "Hei\nFullt navn : Kari Nordmann\nE-mail: <Kari@Example.no>\nTlf.: 912 34 567\n",
        );
        assert_eq!(id.name.as_deref(), Some("Kari Nordmann"));
        assert_eq!(id.email.as_deref(), Some("kari@example.no"));
        assert_eq!(id.phone.as_deref(), Some("912 34 567"));
    }

    #[test]
    fn the_first_label_wins_and_bad_values_are_dropped() {
        let id = Identification::find(
            "Navn: Kari\nName: Other\nE-post: ikke oppgitt\nTelefon: ring meg",
        );
        assert_eq!(id.name.as_deref(), Some("Kari"));
        assert_eq!((id.email, id.phone), (None, None));
        assert!(
            Identification::find("Subject: Navn er viktig\nMøte: kl 10")
                .name
                .is_none()
        );
    }
}
