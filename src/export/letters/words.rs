//! The words letters are made of, in bokmål and English: dates, rights, and what each
//! refusal ground means to the person who receives it.

use chrono::{Datelike, NaiveDate};

use super::Lang;
use crate::domain::erasure::{KeptKind, KeptRecords};
use crate::domain::request::{RefusalGround, Right};

const MONTHS_NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `25. november 2026` or `25 November 2026`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let month = d.month0() as usize;
    match lang {
        Lang::Nb => format!("{}. {} {}", d.day(), MONTHS_NB[month], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[month], d.year()),
    }
}

/// The last day something is kept: `31.12.2031` or `31 December 2031`.
pub fn until_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb => d.format("%d.%m.%Y").to_string(),
        Lang::En => date(d, lang),
    }
}

/// Records of one kind kept until one date: `5 fakturaer til og med 31.12.2031`, `5 invoices
/// until 31 December 2031`. Without a name for the records in `lang`, the table's title:
/// `Orders and invoices: 5 records until 31 December 2031`.
pub fn kept_kind(k: &KeptKind, lang: Lang) -> String {
    let name = k.record_name.as_ref().and_then(|n| match lang {
        Lang::Nb => n.nb.as_ref(),
        Lang::En => n.en.as_ref(),
    });
    let (until, one, many) = match lang {
        Lang::Nb => ("til og med", "oppføring", "oppføringer"),
        Lang::En => ("until", "record", "records"),
    };
    let day = until_date(k.keep_through, lang);
    match name {
        Some(noun) => format!("{} {} {until} {day}", k.count, noun.counted(k.count)),
        None => {
            let noun = if k.count == 1 { one } else { many };
            format!("{}: {} {noun} {until} {day}", k.title, k.count)
        }
    }
}

/// Everything an erasure kept, per kind of record and date: `5 fakturaer til og med
/// 31.12.2031; 3 pakksedler til og med 30.06.2029`.
pub fn kept(kept: &KeptRecords, lang: Lang) -> String {
    kept.kinds
        .iter()
        .map(|k| kept_kind(k, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The laws that require keeping, each once: `bokføringsloven § 13 (1) nr. 1-4 og
/// bokføringsloven § 13 (1) nr. 5-8`.
pub fn kept_laws(kept: &KeptRecords, lang: Lang) -> String {
    let laws: Vec<&str> = kept.laws.iter().map(String::as_str).collect();
    list(&laws, lang)
}

/// The reason a partial erasure gives the person (ERASURE_LEGAL_OBLIGATION): what is kept
/// until when and under which laws. Empty when nothing is kept.
pub fn kept_reason(kept_records: &KeptRecords, lang: Lang) -> String {
    if kept_records.is_empty() {
        return String::new();
    }
    let what = kept(kept_records, lang);
    let laws = kept_laws(kept_records, lang);
    match (lang, laws.is_empty()) {
        (Lang::Nb, false) => format!(
            "Alt annet er slettet. Dette må oppbevares etter {laws}: {what}. Opplysningene er sperret for all annen bruk og slettes når datoen er passert."
        ),
        (Lang::Nb, true) => format!(
            "Alt annet er slettet. Dette må oppbevares: {what}. Opplysningene er sperret for all annen bruk og slettes når datoen er passert."
        ),
        (Lang::En, false) => format!(
            "Everything else was erased. We must keep the following under {laws}: {what}. They are restricted to storage, and each is deleted once its date has passed."
        ),
        (Lang::En, true) => format!(
            "Everything else was erased. We must keep the following: {what}. They are restricted to storage, and each is deleted once its date has passed."
        ),
    }
}

/// What a request "concerns": `innsyn` / `access`.
pub fn right(r: Right, lang: Lang) -> &'static str {
    use Right::*;
    match (lang, r) {
        (Lang::Nb, Access) => "innsyn",
        (Lang::Nb, Rectification) => "retting",
        (Lang::Nb, Erasure) => "sletting",
        (Lang::Nb, Restriction) => "begrensning av behandlingen",
        (Lang::Nb, Objection) => "protest mot behandlingen",
        (Lang::Nb, Portability) => "dataportabilitet",
        (Lang::En, Access) => "access",
        (Lang::En, Rectification) => "rectification",
        (Lang::En, Erasure) => "erasure",
        (Lang::En, Restriction) => "restriction of processing",
        (Lang::En, Objection) => "objection to processing",
        (Lang::En, Portability) => "data portability",
    }
}

/// A right as a heading with its article: `Innsyn (personvernforordningen artikkel 15)`.
pub fn right_heading(r: Option<Right>, lang: Lang) -> String {
    let Some(r) = r else {
        return match lang {
            Lang::Nb => "Henvendelsen".into(),
            Lang::En => "Your request".into(),
        };
    };
    let number = r.article().trim_start_matches("Art. ");
    let word = right(r, lang);
    let mut chars = word.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    match lang {
        Lang::Nb => format!("{capital} (personvernforordningen artikkel {number})"),
        Lang::En => format!("{capital} (GDPR Article {number})"),
    }
}

/// `innsyn og sletting`, `access, rectification and erasure`.
pub fn list(items: &[&str], lang: Lang) -> String {
    let and = match lang {
        Lang::Nb => "og",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// The point of the law a refusal rests on, in words: the letter of personopplysningsloven
/// § 16(1) for NATIONAL_RESTRICTION, the point of Art. 17(3) for ERASURE_OTHER_EXCEPTION.
pub fn point(g: RefusalGround, point: &str, lang: Lang) -> Option<String> {
    let p = point.trim().to_ascii_lowercase();
    match (g, lang) {
        (RefusalGround::NationalRestriction, Lang::Nb) => Some(format!(
            "Unntaket vi bygger på, er personopplysningsloven § 16 første ledd bokstav {p}."
        )),
        (RefusalGround::NationalRestriction, Lang::En) => Some(format!(
            "The exemption we rely on is section 16(1)({p}) of the Norwegian Personal Data Act (personopplysningsloven)."
        )),
        (RefusalGround::ErasureOtherException, Lang::Nb) => Some(format!(
            "Unntaket vi bygger på, er personvernforordningen artikkel 17 nr. 3 bokstav {p}."
        )),
        (RefusalGround::ErasureOtherException, Lang::En) => Some(format!(
            "The exception we rely on is GDPR Article 17(3)({p})."
        )),
        _ => None,
    }
}

/// NO_AUTHORITY_AGENT told to the representative: what mandate to send for `person`.
pub fn mandate_to_send(person: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(
            "Du har fremsatt kravet på vegne av {person}, men ikke dokumentert fullmakt til det. Send oss en skriftlig fullmakt undertegnet av {person}; for et barn dokumentasjon på foreldreansvar, og for en verge vedtaket om oppnevning. Når vi har fått den, behandler vi kravet."
        ),
        Lang::En => format!(
            "You made the request on behalf of {person} but have not shown that you are authorised to do so. Send us a written authorisation signed by {person}; for a child, proof of parental responsibility, and for a guardian (verge), the appointment. Once we have it, we will handle the request."
        ),
    }
}

/// What a refusal ground means, in words the person can follow, with its legal basis.
pub fn ground(g: RefusalGround, lang: Lang) -> &'static str {
    use RefusalGround::*;
    match lang {
        Lang::Nb => match g {
            IdUnverified => {
                "Vi ba om opplysninger for å bekrefte identiteten din, men har ikke fått dem, og kan derfor ikke være sikre på at vi gir opplysningene til rett person (personvernforordningen artikkel 12 nr. 6)."
            }
            CannotIdentify => {
                "Vi kan ikke identifisere deg i opplysningene vi behandler (personvernforordningen artikkel 11 nr. 2 og artikkel 12 nr. 2). Gir du oss flere opplysninger som gjør det mulig å identifisere deg, for eksempel kundenummer, telefonnummer eller e-postadressen du er registrert med, behandler vi kravet ditt."
            }
            NoAuthorityAgent => {
                "Den som fremsatte kravet på dine vegne, har ikke dokumentert fullmakt til å gjøre det."
            }
            ManifestlyUnfounded => {
                "Kravet er åpenbart grunnløst (personvernforordningen artikkel 12 nr. 5 bokstav b)."
            }
            ManifestlyExcessive => {
                "Kravet er åpenbart overdrevent, særlig fordi det gjentas (personvernforordningen artikkel 12 nr. 5 bokstav b)."
            }
            RightsOfOthers => {
                "Å gi deg opplysningene ville gripe inn i andres rettigheter og friheter (personvernforordningen artikkel 15 nr. 4 og artikkel 20 nr. 4)."
            }
            NationalRestriction => {
                "Opplysningene er unntatt fra retten til innsyn etter personopplysningsloven § 16, slik personvernforordningen artikkel 23 gir adgang til."
            }
            PortabilityNotApplicable => {
                "Retten til dataportabilitet gjelder bare opplysninger du selv har gitt oss, og som vi behandler automatisert på grunnlag av samtykke eller avtale (personvernforordningen artikkel 20 nr. 1 og nr. 3)."
            }
            ErasureNoGround => {
                "Ingen av vilkårene for sletting i personvernforordningen artikkel 17 nr. 1 er oppfylt."
            }
            ErasureLegalObligation => {
                "Vi har en rettslig plikt til å oppbevare opplysningene (personvernforordningen artikkel 17 nr. 3 bokstav b), for eksempel etter bokføringsloven § 13. De blir sperret for all annen bruk og slettet når oppbevaringsplikten utløper."
            }
            ErasureLegalClaims => {
                "Opplysningene er nødvendige for å fastsette, gjøre gjeldende eller forsvare rettskrav (personvernforordningen artikkel 17 nr. 3 bokstav e)."
            }
            ErasureOtherException => {
                "Et av unntakene i personvernforordningen artikkel 17 nr. 3 bokstav a, c eller d gjelder (ytrings- og informasjonsfrihet, folkehelse, eller arkiv, forskning og statistikk)."
            }
            RectificationDataAccurate => {
                "Vi har kontrollert opplysningene og mener at de er riktige (personvernforordningen artikkel 16)."
            }
            RestrictionConditionsNotMet => {
                "Ingen av vilkårene for begrensning av behandlingen i personvernforordningen artikkel 18 nr. 1 er oppfylt."
            }
            ObjectionCompellingGrounds => {
                "Vi har tvingende berettigede grunner for behandlingen som går foran dine interesser, rettigheter og friheter (personvernforordningen artikkel 21 nr. 1). Dette gjelder aldri direkte markedsføring."
            }
            ObjectionNotApplicable => {
                "Retten til å protestere etter personvernforordningen artikkel 21 nr. 1 gjelder behandling som bygger på artikkel 6 nr. 1 bokstav e eller f. Behandlingen du protesterer mot, bygger på et annet rettslig grunnlag."
            }
            NotAGdprRequest => {
                "Henvendelsen gjelder ikke behandling av personopplysninger om deg, og er derfor ikke et krav etter personvernforordningen."
            }
        },
        Lang::En => match g {
            IdUnverified => {
                "We asked for information to confirm your identity but have not received it, so we cannot be sure that we would be giving the information to the right person (GDPR Article 12(6))."
            }
            CannotIdentify => {
                "We are not in a position to identify you in the data we process (GDPR Articles 11(2) and 12(2)). If you give us additional information that makes it possible to identify you, such as your customer number or the phone number or e-mail address registered with us, we will handle your request."
            }
            NoAuthorityAgent => {
                "The person who made the request on your behalf has not shown that they are authorised to do so."
            }
            ManifestlyUnfounded => "The request is manifestly unfounded (GDPR Article 12(5)(b)).",
            ManifestlyExcessive => {
                "The request is manifestly excessive, in particular because of its repetitive character (GDPR Article 12(5)(b))."
            }
            RightsOfOthers => {
                "Giving you the data would adversely affect the rights and freedoms of others (GDPR Articles 15(4) and 20(4))."
            }
            NationalRestriction => {
                "The data is exempt from the right of access under section 16 of the Norwegian Personal Data Act (personopplysningsloven), as GDPR Article 23 allows."
            }
            PortabilityNotApplicable => {
                "The right to data portability covers only data you provided to us that we process by automated means on the basis of your consent or a contract (GDPR Article 20(1) and (3))."
            }
            ErasureNoGround => "None of the grounds for erasure in GDPR Article 17(1) applies.",
            ErasureLegalObligation => {
                "We are under a legal obligation to keep the data (GDPR Article 17(3)(b)), for example under section 13 of the Norwegian Bookkeeping Act (bokføringsloven). It is blocked from any other use and deleted when that obligation ends."
            }
            ErasureLegalClaims => {
                "The data is necessary for the establishment, exercise or defence of legal claims (GDPR Article 17(3)(e))."
            }
            ErasureOtherException => {
                "One of the exceptions in GDPR Article 17(3)(a), (c) or (d) applies (freedom of expression and information, public health, or archiving, research and statistics)."
            }
            RectificationDataAccurate => {
                "We have checked the data and consider it accurate (GDPR Article 16)."
            }
            RestrictionConditionsNotMet => {
                "None of the conditions for restricting processing in GDPR Article 18(1) is met."
            }
            ObjectionCompellingGrounds => {
                "We have compelling legitimate grounds for the processing which override your interests, rights and freedoms (GDPR Article 21(1)). This never applies to direct marketing."
            }
            ObjectionNotApplicable => {
                "The right to object under GDPR Article 21(1) covers processing based on Article 6(1)(e) or (f). The processing you object to rests on another legal basis."
            }
            NotAGdprRequest => {
                "Your message does not concern the processing of personal data about you, so it is not a request under the GDPR."
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::erasure::tests::kind;

    #[test]
    fn dates_and_lists() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 5).expect("date");
        assert_eq!(date(d, Lang::Nb), "5. november 2026");
        assert_eq!(date(d, Lang::En), "5 November 2026");
        assert_eq!(
            list(&["innsyn", "sletting"], Lang::Nb),
            "innsyn og sletting"
        );
        assert_eq!(list(&["a", "b", "c"], Lang::En), "a, b and c");
        assert_eq!(
            right_heading(Some(Right::Erasure), Lang::Nb),
            "Sletting (personvernforordningen artikkel 17)"
        );
        assert_eq!(until_date(d, Lang::Nb), "05.11.2026");
        assert_eq!(until_date(d, Lang::En), "5 November 2026");
    }

    /// Two customers linked, invoices and packing slips held until different dates.
    fn two_customers() -> KeptRecords {
        KeptRecords::of([
            kind("orders", 2, "2031-12-31"),
            kind("shipments", 1, "2029-06-30"),
            kind("orders", 3, "2031-12-31"),
            kind("shipments", 2, "2029-06-30"),
        ])
    }

    #[test]
    fn what_is_kept_is_said_per_kind_with_summed_counts_and_each_law_once() {
        let kept_records = two_customers();
        assert_eq!(
            kept(&kept_records, Lang::Nb),
            "5 fakturaer til og med 31.12.2031; 3 pakksedler til og med 30.06.2029"
        );
        assert_eq!(
            kept(&kept_records, Lang::En),
            "5 invoices until 31 December 2031; 3 packing slips until 30 June 2029"
        );
        assert_eq!(
            kept_reason(&kept_records, Lang::Nb),
            "Alt annet er slettet. Dette må oppbevares etter bokføringsloven § 13 (1) nr. 1-4 og bokføringsloven § 13 (1) nr. 5-8: 5 fakturaer til og med 31.12.2031; 3 pakksedler til og med 30.06.2029. Opplysningene er sperret for all annen bruk og slettes når datoen er passert."
        );
        assert_eq!(
            kept_reason(&kept_records, Lang::En),
            "Everything else was erased. We must keep the following under bokføringsloven § 13 (1) nr. 1-4 and bokføringsloven § 13 (1) nr. 5-8: 5 invoices until 31 December 2031; 3 packing slips until 30 June 2029. They are restricted to storage, and each is deleted once its date has passed."
        );
        for lang in Lang::ALL {
            let reason = kept_reason(&kept_records, lang);
            assert_eq!(reason.matches("nr. 1-4").count(), 1, "{reason}");
            assert_eq!(reason.matches("nr. 5-8").count(), 1, "{reason}");
        }
    }

    #[test]
    fn one_record_is_singular_and_an_unnamed_kind_is_given_by_its_title() {
        let mut k = kind("orders", 1, "2031-12-31");
        assert_eq!(kept_kind(&k, Lang::Nb), "1 faktura til og med 31.12.2031");
        assert_eq!(kept_kind(&k, Lang::En), "1 invoice until 31 December 2031");
        k.record_name = None;
        k.title = "Orders and invoices".into();
        k.count = 2;
        assert_eq!(
            kept_kind(&k, Lang::En),
            "Orders and invoices: 2 records until 31 December 2031"
        );
        assert_eq!(
            kept_kind(&k, Lang::Nb),
            "Orders and invoices: 2 oppføringer til og med 31.12.2031"
        );
        assert_eq!(kept_reason(&KeptRecords::default(), Lang::En), "");
    }
}
