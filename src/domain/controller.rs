//! The controller: the company that answers the requests, as its letters, access packages and
//! exports name it. Stored in the register, so every officer on it signs alike.

use serde::{Deserialize, Serialize};

use super::text::one_line;

/// The controller's details as letters and exports name them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Controller {
    pub name: String,
    pub org_number: String,
    pub privacy_email: String,
    /// The postal address, on one line (optional: letters leave it out when empty).
    pub address: String,
}

impl Controller {
    /// The details of ORINOR AS, the demo's made-up company: for demo registers only.
    pub fn demo() -> Controller {
        Controller {
            name: "ORINOR AS".into(),
            org_number: "983 251 463".into(),
            privacy_email: "jk@orinor.no".into(),
            address: String::new(),
        }
    }

    /// The details checked and tidied: a name, a valid Norwegian organisation number (written
    /// `983 251 463`), an e-mail address; `Err` says which is wrong.
    pub fn checked(self) -> Result<Controller, String> {
        let name = one_line(self.name.trim());
        if name.is_empty() {
            return Err("the controller needs a name (the company's legal name)".into());
        }
        let org_number = org_number(&self.org_number)?;
        let email = self.privacy_email.trim();
        let privacy_email = super::normalize::email(email)
            .map(|_| email.to_string())
            .ok_or_else(|| {
                format!(
                    "'{}' is not an e-mail address (the privacy contact letters give)",
                    one_line(email)
                )
            })?;
        Ok(Controller {
            name,
            org_number,
            privacy_email,
            address: one_line(
                &self
                    .address
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        })
    }
}

/// A Norwegian organisation number: nine digits whose last is the modulus 11 check digit
/// (Brønnøysundregistrene), written in groups of three.
pub fn org_number(text: &str) -> Result<String, String> {
    let digits: Vec<u32> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .map(|c| c.to_digit(10).ok_or(()))
        .collect::<Result<_, _>>()
        .map_err(|_| not_org_number(text, "it has other characters than digits"))?;
    if digits.len() != 9 {
        return Err(not_org_number(text, "it has nine digits"));
    }
    let sum: u32 = digits
        .iter()
        .zip([3, 2, 7, 6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return Err(not_org_number(text, "no number has this check digit")),
        c => c,
    };
    if digits[8] != check {
        return Err(not_org_number(text, "its check digit does not match"));
    }
    let s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
    Ok(format!("{} {} {}", &s[0..3], &s[3..6], &s[6..9]))
}

fn not_org_number(text: &str, why: &str) -> String {
    format!(
        "'{}' is not a Norwegian organisation number ({why})",
        one_line(text.trim())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_numbers_are_checked_and_written_in_groups() {
        assert_eq!(org_number("983251463").as_deref(), Ok("983 251 463"));
        assert_eq!(org_number(" 983 251 463 ").as_deref(), Ok("983 251 463"));
        // Brønnøysundregistrene's own number.
        assert_eq!(org_number("974 760 673").as_deref(), Ok("974 760 673"));
        for bad in ["983 251 464", "98325146", "9832514630", "98325146x", ""] {
            assert!(org_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn details_are_checked_and_tidied() {
        let c = Controller {
            name: "  ACME\nAS ".into(),
            org_number: "974760673".into(),
            privacy_email: " privacy@acme.no ".into(),
            address: "Storgata 1\n0155 Oslo".into(),
        }
        .checked()
        .expect("valid");
        assert_eq!(c.name, "ACME AS");
        assert_eq!(c.org_number, "974 760 673");
        assert_eq!(c.privacy_email, "privacy@acme.no");
        assert_eq!(c.address, "Storgata 1, 0155 Oslo");
        let no_name = Controller {
            name: " ".into(),
            ..Controller::demo()
        };
        assert!(no_name.checked().expect_err("no name").contains("name"));
        let bad_mail = Controller {
            privacy_email: "nobody".into(),
            ..Controller::demo()
        };
        assert!(
            bad_mail
                .checked()
                .expect_err("no e-mail")
                .contains("e-mail")
        );
        assert_eq!(Controller::demo().checked(), Ok(Controller::demo()));
    }
}
