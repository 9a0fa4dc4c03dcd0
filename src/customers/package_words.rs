//! The words of the readable access package in the request's language (bokmål, nynorsk,
//! English): headings, the fixed texts of Art. 15, column names and values as a person
//! reads them ("Kundenummer", "ja", "3 802,00 kr", "1. desember 2026").

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value as Json;

use crate::domain::datamap::{Category, Label, LegalBasis};
use crate::export::letters::{Lang, words};

/// The fixed texts of the package, per language.
pub struct PackageWords {
    pub title: &'static str,
    pub answer: &'static str,
    pub prepared: &'static str,
    pub controller: &'static str,
    pub org_number: &'static str,
    pub contact: &'static str,
    pub none_processed: &'static str,
    pub why: &'static str,
    pub categories: &'static str,
    pub recipients: &'static str,
    pub retention: &'static str,
    pub source: &'static str,
    pub automated: &'static str,
    pub transfers: &'static str,
    pub rights: &'static str,
    pub rights_list: [&'static str; 6],
    pub complaint: &'static str,
    pub data: &'static str,
    pub customer: &'static str,
    pub kept_until: &'static str,
    pub held_by_desk: &'static str,
    pub held_intro: &'static str,
    pub open: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

pub fn package_words(lang: Lang) -> PackageWords {
    match lang {
        Lang::Nb => PackageWords {
            title: "Opplysningene vi har om deg hos",
            answer: "Svar på kravet ditt om innsyn",
            prepared: "laget",
            controller: "Behandlingsansvarlig",
            org_number: "org.nr.",
            contact: "Kontakt om personvern",
            none_processed: "Vi behandler ingen personopplysninger om deg.",
            why: "Hvorfor vi behandler opplysningene, og på hvilket grunnlag",
            categories: "Hvilke typer opplysninger",
            recipients: "Hvem som får opplysningene",
            retention: "Hvor lenge vi lagrer dem",
            source: "Hvor opplysningene kommer fra",
            automated: "Automatiserte avgjørelser og profilering",
            transfers: "Overføring til land utenfor EU/EØS",
            rights: "Rettighetene dine",
            rights_list: [
                "Du kan be oss rette feil eller ufullstendige opplysninger (artikkel 16).",
                "Du kan be oss slette opplysninger (artikkel 17).",
                "Du kan be oss begrense bruken av opplysninger (artikkel 18).",
                "Du kan få opplysninger du har gitt oss etter samtykke eller avtale, i et format du kan ta med deg (artikkel 20).",
                "Du kan protestere mot bruk som bygger på berettiget interesse, og alltid mot direkte markedsføring (artikkel 21).",
                "Du kan når som helst trekke tilbake et samtykke. Det gjelder fra da av (artikkel 7 nr. 3).",
            ],
            complaint: "Er du uenig i hvordan vi behandler opplysningene dine, kan du klage til Datatilsynet, Postboks 458 Sentrum, 0105 Oslo, postkasse@datatilsynet.no. Klageskjemaet finner du på www.datatilsynet.no (artikkel 77). Du kan også gå til domstolene (artikkel 79).",
            data: "Opplysningene",
            customer: "kunde",
            kept_until: "oppbevares til og med",
            held_by_desk: "Det personvernavdelingen har om deg",
            held_intro: "Henvendelsene du har sendt oss om personvern, og hva vi har svart:",
            open: "under behandling",
            yes: "ja",
            no: "nei",
        },
        Lang::Nn => PackageWords {
            title: "Opplysningane vi har om deg hos",
            answer: "Svar på kravet ditt om innsyn",
            prepared: "laga",
            controller: "Behandlingsansvarleg",
            org_number: "org.nr.",
            contact: "Kontakt om personvern",
            none_processed: "Vi behandlar ingen personopplysningar om deg.",
            why: "Kvifor vi behandlar opplysningane, og på kva grunnlag",
            categories: "Kva typar opplysningar",
            recipients: "Kven som får opplysningane",
            retention: "Kor lenge vi lagrar dei",
            source: "Kvar opplysningane kjem frå",
            automated: "Automatiserte avgjerder og profilering",
            transfers: "Overføring til land utanfor EU/EØS",
            rights: "Rettane dine",
            rights_list: [
                "Du kan be oss rette feil eller ufullstendige opplysningar (artikkel 16).",
                "Du kan be oss slette opplysningar (artikkel 17).",
                "Du kan be oss avgrense bruken av opplysningar (artikkel 18).",
                "Du kan få opplysningar du har gitt oss etter samtykke eller avtale, i eit format du kan ta med deg (artikkel 20).",
                "Du kan protestere mot bruk som byggjer på berettiga interesse, og alltid mot direkte marknadsføring (artikkel 21).",
                "Du kan når som helst trekkje tilbake eit samtykke. Det gjeld frå då av (artikkel 7 nr. 3).",
            ],
            complaint: "Er du usamd i korleis vi behandlar opplysningane dine, kan du klage til Datatilsynet, Postboks 458 Sentrum, 0105 Oslo, postkasse@datatilsynet.no. Klageskjemaet finn du på www.datatilsynet.no (artikkel 77). Du kan også gå til domstolane (artikkel 79).",
            data: "Opplysningane",
            customer: "kunde",
            kept_until: "blir tekne vare på til og med",
            held_by_desk: "Det personvernavdelinga har om deg",
            held_intro: "Førespurnadene du har sendt oss om personvern, og kva vi har svart:",
            open: "under behandling",
            yes: "ja",
            no: "nei",
        },
        Lang::En => PackageWords {
            title: "Your personal data at",
            answer: "Answer to your request for access",
            prepared: "prepared",
            controller: "Controller",
            org_number: "org. no.",
            contact: "Privacy contact",
            none_processed: "We process no personal data about you.",
            why: "Why we process it, and on what legal basis",
            categories: "Categories of data",
            recipients: "Who receives it",
            retention: "How long we keep it",
            source: "Where it comes from",
            automated: "Automated decisions and profiling",
            transfers: "Transfers outside the EU/EEA",
            rights: "Your rights",
            rights_list: [
                "You can ask us to correct inaccurate or incomplete data (Article 16).",
                "You can ask us to erase data (Article 17).",
                "You can ask us to restrict the use of data (Article 18).",
                "You can receive the data you gave us on consent or contract in a format you can take elsewhere (Article 20).",
                "You can object to use based on legitimate interests, and at any time to direct marketing (Article 21).",
                "You can withdraw consent at any time; it applies from then on (Article 7(3)).",
            ],
            complaint: "If you disagree with how we process your data, you can complain to Datatilsynet, the Norwegian Data Protection Authority, Postboks 458 Sentrum, 0105 Oslo, Norway, postkasse@datatilsynet.no. Its complaint form is at www.datatilsynet.no (Article 77). You can also go to the courts (Article 79).",
            data: "The data",
            customer: "customer",
            kept_until: "kept until",
            held_by_desk: "What our privacy team holds about you",
            held_intro: "The privacy requests you have sent us, and what we answered:",
            open: "being handled",
            yes: "yes",
            no: "no",
        },
    }
}

/// A category of the privacy notice in the person's language.
pub fn category(c: Category, lang: Lang) -> &'static str {
    use Category::*;
    match (c, lang) {
        (Basic, Lang::Nb) => "Grunnopplysninger",
        (Basic, Lang::Nn) => "Grunnopplysningar",
        (Contact, Lang::Nb) => "Kontaktopplysninger",
        (Contact, Lang::Nn) => "Kontaktopplysningar",
        (CustomerActivity, Lang::Nb | Lang::Nn) => "Kundeaktivitet",
        (Cookies, Lang::Nb) => "Informasjonskapsler",
        (Cookies, Lang::Nn) => "Informasjonskapslar",
        (Sales, Lang::Nb) => "Salgsopplysninger",
        (Sales, Lang::Nn) => "Salsopplysningar",
        (Marketing, Lang::Nb) => "Markedsføring",
        (Marketing, Lang::Nn) => "Marknadsføring",
        (c, Lang::En) => c.label(),
    }
}

/// The legal bases of Art. 6(1), named in the person's language with their point.
pub fn bases(list: &[LegalBasis], lang: Lang) -> String {
    use LegalBasis::*;
    let named: Vec<&str> = list
        .iter()
        .map(|b| match (b, lang) {
            (Consent, Lang::Nb | Lang::Nn) => "samtykke (artikkel 6 nr. 1 bokstav a)",
            (Contract, Lang::Nb | Lang::Nn) => "avtale (artikkel 6 nr. 1 bokstav b)",
            (LegalObligation, Lang::Nb) => "rettslig forpliktelse (artikkel 6 nr. 1 bokstav c)",
            (LegalObligation, Lang::Nn) => "rettsleg plikt (artikkel 6 nr. 1 bokstav c)",
            (LegitimateInterest, Lang::Nb) => "berettiget interesse (artikkel 6 nr. 1 bokstav f)",
            (LegitimateInterest, Lang::Nn) => "berettiga interesse (artikkel 6 nr. 1 bokstav f)",
            (Consent, Lang::En) => "consent (Article 6(1)(a))",
            (Contract, Lang::En) => "contract (Article 6(1)(b))",
            (LegalObligation, Lang::En) => "legal obligation (Article 6(1)(c))",
            (LegitimateInterest, Lang::En) => "legitimate interest (Article 6(1)(f))",
        })
        .collect();
    words::list(&named, lang)
}

/// A column's name for the person: the data map's label in `lang` (nynorsk falls back to
/// bokmål), else readable words made from the column's name ("customer_no" -> "Customer no").
pub fn column_label(
    labels: &std::collections::BTreeMap<String, Label>,
    column: &str,
    lang: Lang,
) -> String {
    labels
        .get(column)
        .and_then(|l| lang.pick(l.nb.as_ref(), l.nn.as_ref(), l.en.as_ref()))
        .cloned()
        .unwrap_or_else(|| readable(column))
}

/// `customer_no` -> `Customer no`, `firstName` -> `First name`.
pub fn readable(column: &str) -> String {
    let mut words = String::new();
    let mut previous_lower = false;
    for c in column.chars() {
        if c == '_' || c == '-' || c == '.' {
            words.push(' ');
            previous_lower = false;
        } else if c.is_uppercase() && previous_lower {
            words.push(' ');
            words.extend(c.to_lowercase());
            previous_lower = false;
        } else {
            words.push(c);
            previous_lower = c.is_lowercase();
        }
    }
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a column holds a yes/no flag, told by its name: "is_active", "has_consented",
/// "processing_restricted", "newsletter_opt_in".
fn is_flag(column: &str) -> bool {
    let c = column.to_ascii_lowercase();
    c.starts_with("is_")
        || c.starts_with("has_")
        || [
            "restricted",
            "opt_in",
            "optin",
            "consent",
            "consented",
            "subscribed",
            "active",
            "verified",
            "enabled",
        ]
        .iter()
        .any(|w| c.ends_with(w))
}

/// Whether a column holds an amount of money in kroner, told by its name.
fn is_amount(column: &str) -> bool {
    let c = column.to_ascii_lowercase();
    ["amount", "_nok", "price", "total", "sum", "belop", "beløp"]
        .iter()
        .any(|w| c.contains(w))
}

/// A value as the person reads it in `lang`; `labels` may say a column is a yes/no flag.
pub fn value(
    labels: &std::collections::BTreeMap<String, Label>,
    column: &str,
    v: &Json,
    lang: Lang,
) -> String {
    let w = package_words(lang);
    let flag = labels.get(column).is_some_and(|l| l.yes_no) || is_flag(column);
    match v {
        Json::Null => String::new(),
        Json::Bool(b) => if *b { w.yes } else { w.no }.to_string(),
        Json::Number(n) if flag && (n.as_i64() == Some(0) || n.as_i64() == Some(1)) => {
            if n.as_i64() == Some(1) { w.yes } else { w.no }.to_string()
        }
        Json::Number(n) if is_amount(column) => {
            n.as_f64().map_or(n.to_string(), |x| kroner(x, lang))
        }
        Json::Number(n) => n.to_string(),
        Json::String(s) => date_or_text(s, lang),
        other => other.to_string(),
    }
}

/// `3 802,00 kr` or `NOK 3,802.00`.
pub fn kroner(amount: f64, lang: Lang) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (whole, part) = (cents.abs() / 100, cents.abs() % 100);
    let digits = whole.to_string();
    let (group, decimal) = match lang {
        Lang::Nb | Lang::Nn => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    match lang {
        Lang::Nb | Lang::Nn => format!("{sign}{grouped}{decimal}{part:02}\u{a0}kr"),
        Lang::En => format!("{sign}NOK {grouped}{decimal}{part:02}"),
    }
}

/// A date (`2026-12-01`) or a time (`2026-12-01 14:30:00`, `2026-12-01T14:30:00Z`) written
/// out; any other text as it is.
fn date_or_text(s: &str, lang: Lang) -> String {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return words::date(d, lang);
    }
    let time = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|t| t.with_timezone(&chrono_tz::Europe::Oslo).naive_local())
        });
    match time {
        Some(t) => format!("{} {}", words::date(t.date(), lang), t.format("%H:%M")),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_in_words_and_values_as_a_person_reads_them() {
        let mut labels = std::collections::BTreeMap::new();
        labels.insert(
            "customer_no".to_string(),
            Label {
                nb: Some("Kundenummer".into()),
                nn: None,
                en: Some("Customer number".into()),
                yes_no: false,
            },
        );
        labels.insert(
            "opened".to_string(),
            Label {
                yes_no: true,
                ..Label::default()
            },
        );
        assert_eq!(value(&labels, "opened", &Json::from(1), Lang::Nb), "ja");
        let labels = &labels;
        assert_eq!(column_label(labels, "customer_no", Lang::Nb), "Kundenummer");
        assert_eq!(column_label(labels, "customer_no", Lang::Nn), "Kundenummer");
        assert_eq!(
            column_label(labels, "customer_no", Lang::En),
            "Customer number"
        );
        assert_eq!(
            column_label(labels, "processing_restricted", Lang::Nb),
            "Processing restricted"
        );
        assert_eq!(readable("firstName"), "First name");
        assert!(!column_label(labels, "amount_nok", Lang::En).contains('_'));

        assert_eq!(
            value(labels, "processing_restricted", &Json::from(0), Lang::Nb),
            "nei"
        );
        assert_eq!(
            value(labels, "processing_restricted", &Json::from(1), Lang::En),
            "yes"
        );
        assert_eq!(value(labels, "quantity", &Json::from(1), Lang::Nb), "1");
        assert_eq!(
            value(labels, "amount_nok", &Json::from(3802.0), Lang::Nb),
            "3\u{a0}802,00\u{a0}kr"
        );
        assert_eq!(
            value(labels, "amount_nok", &Json::from(3802.5), Lang::En),
            "NOK 3,802.50"
        );
        assert_eq!(
            value(labels, "ordered_on", &Json::from("2026-12-01"), Lang::Nn),
            "1. desember 2026"
        );
        assert_eq!(
            value(
                labels,
                "sent_at",
                &Json::from("2026-12-01 14:30:00"),
                Lang::En
            ),
            "1 December 2026 14:30"
        );
        assert_eq!(value(labels, "city", &Json::from("Oslo"), Lang::Nb), "Oslo");
        assert_eq!(value(labels, "note", &Json::Null, Lang::Nb), "");
    }
}
