//! The words letters are made of, in bokmål, nynorsk and English: dates, rights, and what
//! each refusal ground means to the person who receives it. Plain words, the decision
//! first, the law cited at the end of its sentence.

use chrono::{Datelike, NaiveDate};

use super::{Lang, LetterKind};
use crate::domain::erasure::{KeptKind, KeptRecords};
use crate::domain::request::{AgentRole, RefusalGround, Right};

/// The months, the same in bokmål and nynorsk.
const MONTHS_NO: [&str; 12] = [
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
        Lang::Nb | Lang::Nn => format!("{}. {} {}", d.day(), MONTHS_NO[month], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[month], d.year()),
    }
}

/// The last day something is kept, written out as every other date in a letter:
/// `31. desember 2031`, `31 December 2031`.
pub fn until_date(d: NaiveDate, lang: Lang) -> String {
    date(d, lang)
}

/// Records of one kind kept until one date: `5 fakturaer til og med 31. desember 2031`, `5 invoices
/// until 31 December 2031`. Without a name for the records in `lang` (nynorsk falls back
/// to bokmål), the table's title: `Orders and invoices: 5 records until 31 December 2031`.
pub fn kept_kind(k: &KeptKind, lang: Lang) -> String {
    let name = k
        .record_name
        .as_ref()
        .and_then(|n| lang.pick(n.nb.as_ref(), n.nn.as_ref(), n.en.as_ref()));
    let (until, one, many) = match lang {
        Lang::Nb => ("til og med", "oppføring", "oppføringer"),
        Lang::Nn => ("til og med", "oppføring", "oppføringar"),
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
/// 31. desember 2031; 3 pakksedler til og med 30. juni 2029`.
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
    // The letter has said that everything else was erased: this says what was kept.
    match (lang, laws.is_empty()) {
        (Lang::Nb, false) => format!(
            "Dette må vi oppbevare etter {laws}: {what}. Vi bruker ikke opplysningene til noe annet, og sletter dem når datoen er passert."
        ),
        (Lang::Nb, true) => format!(
            "Dette må vi oppbevare: {what}. Vi bruker ikke opplysningene til noe annet, og sletter dem når datoen er passert."
        ),
        (Lang::Nn, false) => format!(
            "Dette må vi ta vare på etter {laws}: {what}. Vi brukar ikkje opplysningane til noko anna, og slettar dei når datoen er passert."
        ),
        (Lang::Nn, true) => format!(
            "Dette må vi ta vare på: {what}. Vi brukar ikkje opplysningane til noko anna, og slettar dei når datoen er passert."
        ),
        (Lang::En, false) => format!(
            "We must keep the following under {laws}: {what}. We use it for nothing else and delete it once its date has passed."
        ),
        (Lang::En, true) => format!(
            "We must keep the following: {what}. We use it for nothing else and delete it once its date has passed."
        ),
    }
}

/// What a letter is about, as its subject line says (in the letter and on the e-mail).
pub fn title(kind: LetterKind, lang: Lang) -> &'static str {
    use LetterKind::*;
    match (kind, lang) {
        (Acknowledgement, Lang::Nb) => "Vi har mottatt henvendelsen din",
        (Identity, Lang::Nb) => "Vi må vite at det er deg",
        (Extension, Lang::Nb) => "Vi trenger mer tid til å svare",
        (Access, Lang::Nb) => "Innsyn i opplysningene om deg",
        (Erasure, Lang::Nb) => "Sletting av opplysningene om deg",
        (Rectification, Lang::Nb) => "Retting av opplysningene om deg",
        (Restriction, Lang::Nb) => "Begrensning av bruken av opplysningene om deg",
        (Objection, Lang::Nb) => "Protesten din",
        (Refusal, Lang::Nb) => "Svar på henvendelsen din",
        (Fee, Lang::Nb) => "Gebyr for kravet ditt",
        (Fee, Lang::Nn) => "Gebyr for kravet ditt",
        (Fee, Lang::En) => "A fee for your request",
        (Acknowledgement, Lang::Nn) => "Vi har motteke førespurnaden din",
        (Identity, Lang::Nn) => "Vi må vite at det er deg",
        (Extension, Lang::Nn) => "Vi treng meir tid til å svare",
        (Access, Lang::Nn) => "Innsyn i opplysningane om deg",
        (Erasure, Lang::Nn) => "Sletting av opplysningane om deg",
        (Rectification, Lang::Nn) => "Retting av opplysningane om deg",
        (Restriction, Lang::Nn) => "Avgrensing av bruken av opplysningane om deg",
        (Objection, Lang::Nn) => "Protesten din",
        (Refusal, Lang::Nn) => "Svar på førespurnaden din",
        (Acknowledgement, Lang::En) => "We have received your request",
        (Identity, Lang::En) => "We need to know it is you",
        (Extension, Lang::En) => "We need more time to answer",
        (Access, Lang::En) => "Access to your personal data",
        (Erasure, Lang::En) => "Erasure of your personal data",
        (Rectification, Lang::En) => "Correction of your personal data",
        (Restriction, Lang::En) => "Restricting the use of your personal data",
        (Objection, Lang::En) => "Your objection",
        (Refusal, Lang::En) => "Our answer to your request",
    }
}

/// The role a representative acts in, as a letter names it ("som forelder", "as guardian").
pub fn agent_role(role: Option<AgentRole>, lang: Lang) -> &'static str {
    use AgentRole::*;
    match (role, lang) {
        (Some(Parent), Lang::Nb | Lang::Nn) => "forelder",
        (Some(Guardian), Lang::Nb) => "verge",
        (Some(Guardian), Lang::Nn) => "verje",
        (Some(Lawyer), Lang::Nb | Lang::Nn) => "advokat",
        (Some(Other) | None, Lang::Nb | Lang::Nn) => "representant",
        (Some(Parent), Lang::En) => "their parent",
        (Some(Guardian), Lang::En) => "their guardian",
        (Some(Lawyer), Lang::En) => "their lawyer",
        (Some(Other) | None, Lang::En) => "their representative",
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
        (Lang::Nn, Access) => "innsyn",
        (Lang::Nn, Rectification) => "retting",
        (Lang::Nn, Erasure) => "sletting",
        (Lang::Nn, Restriction) => "avgrensing av behandlinga",
        (Lang::Nn, Objection) => "protest mot behandlinga",
        (Lang::Nn, Portability) => "dataportabilitet",
        (Lang::En, Access) => "access",
        (Lang::En, Rectification) => "rectification",
        (Lang::En, Erasure) => "erasure",
        (Lang::En, Restriction) => "restriction of processing",
        (Lang::En, Objection) => "objection to processing",
        (Lang::En, Portability) => "data portability",
    }
}

/// The regulation as a letter cites it, before an article number.
pub fn regulation(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "personvernforordningen artikkel",
        Lang::Nn => "personvernforordninga artikkel",
        Lang::En => "GDPR Article",
    }
}

/// A right as a heading with its article: `Innsyn (personvernforordningen artikkel 15)`.
pub fn right_heading(r: Option<Right>, lang: Lang) -> String {
    let Some(r) = r else {
        return match lang {
            Lang::Nb => "Henvendelsen din".into(),
            Lang::Nn => "Førespurnaden din".into(),
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
    format!("{capital} ({} {number})", regulation(lang))
}

/// `innsyn og sletting`, `access, rectification and erasure`.
pub fn list(items: &[&str], lang: Lang) -> String {
    let and = match lang {
        Lang::Nb | Lang::Nn => "og",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// The point of the law a refusal rests on, in words: what personopplysningsloven § 16(1)
/// says in the letter relied on (NATIONAL_RESTRICTION), or the point of Art. 17(3)
/// (ERASURE_OTHER_EXCEPTION). None for another ground or a letter the law does not have.
pub fn point(g: RefusalGround, point: &str, lang: Lang) -> Option<String> {
    let p = point.trim().to_ascii_lowercase();
    match g {
        RefusalGround::NationalRestriction => {
            let said = section16(&p, lang)?;
            Some(match lang {
                Lang::Nb => {
                    format!("{said} (personopplysningsloven § 16 første ledd bokstav {p}).")
                }
                Lang::Nn => format!("{said} (personopplysningslova § 16 første ledd bokstav {p})."),
                Lang::En => format!(
                    "{said} (section 16(1)({p}) of the Norwegian Personal Data Act, personopplysningsloven)."
                ),
            })
        }
        RefusalGround::ErasureOtherException => {
            let said = article17_3(&p, lang)?;
            Some(match lang {
                Lang::Nb => {
                    format!("{said} (personvernforordningen artikkel 17 nr. 3 bokstav {p}).")
                }
                Lang::Nn => {
                    format!("{said} (personvernforordninga artikkel 17 nr. 3 bokstav {p}).")
                }
                Lang::En => format!("{said} (GDPR Article 17(3)({p}))."),
            })
        }
        _ => None,
    }
}

/// What each letter of personopplysningsloven § 16(1) exempts from the right of access, told
/// to the person.
fn section16(p: &str, lang: Lang) -> Option<&'static str> {
    Some(match (p, lang) {
        ("a", Lang::Nb) => {
            "Opplysningene har betydning for Norges utenrikspolitiske interesser eller for nasjonale forsvars- og sikkerhetsinteresser"
        }
        ("a", Lang::Nn) => {
            "Opplysningane har noko å seie for dei utanrikspolitiske interessene til Noreg eller for nasjonale forsvars- og tryggleiksinteresser"
        }
        ("a", Lang::En) => {
            "The data concerns Norway's foreign policy interests or national defence and security interests"
        }
        ("b", Lang::Nb) => {
            "Opplysningene må holdes hemmelige for å forebygge, etterforske, avsløre eller straffeforfølge lovbrudd"
        }
        ("b", Lang::Nn) => {
            "Opplysningane må haldast hemmelege for å førebyggje, etterforske, avsløre eller straffeforfølgje lovbrot"
        }
        ("b", Lang::En) => {
            "The data must be kept secret to prevent, investigate, detect or prosecute criminal offences"
        }
        ("c", Lang::Nb) => {
            "Det vil være utilrådelig at du får kjennskap til opplysningene, av hensyn til helsen din eller forholdet til personer som står deg nær"
        }
        ("c", Lang::Nn) => {
            "Det vil vere urådeleg at du får kjennskap til opplysningane, av omsyn til helsa di eller forholdet til personar som står deg nær"
        }
        ("c", Lang::En) => {
            "It would be inadvisable for you to learn of the data, for the sake of your health or your relationship with people close to you"
        }
        ("d", Lang::Nb) => "Opplysningene er underlagt taushetsplikt etter lov",
        ("d", Lang::Nn) => "Opplysningane er omfatta av teieplikt etter lov",
        ("d", Lang::En) => "The data is subject to a duty of confidentiality under the law",
        ("e", Lang::Nb) => {
            "Opplysningene finnes bare i tekst vi har skrevet for vår egen interne saksforberedelse, og som ikke er gitt til andre"
        }
        ("e", Lang::Nn) => {
            "Opplysningane finst berre i tekst vi har skrive for den interne saksførebuinga vår, og som ikkje er gitt til andre"
        }
        ("e", Lang::En) => {
            "The data exists only in text we wrote for our own internal preparation of the matter and have not given to anyone else"
        }
        ("f", Lang::Nb) => {
            "Det vil være i strid med åpenbare og grunnleggende private eller offentlige interesser å gi deg opplysningene"
        }
        ("f", Lang::Nn) => {
            "Det vil vere i strid med openberre og grunnleggjande private eller offentlege interesser å gi deg opplysningane"
        }
        ("f", Lang::En) => {
            "Giving you the data would go against obvious and fundamental private or public interests"
        }
        _ => return None,
    })
}

/// What each exception of Art. 17(3) that ERASURE_OTHER_EXCEPTION covers means.
fn article17_3(p: &str, lang: Lang) -> Option<&'static str> {
    Some(match (p, lang) {
        ("a", Lang::Nb) => "Vi trenger opplysningene for å utøve ytrings- og informasjonsfriheten",
        ("a", Lang::Nn) => "Vi treng opplysningane for å utøve ytrings- og informasjonsfridomen",
        ("a", Lang::En) => {
            "We need the data to exercise the right of freedom of expression and information"
        }
        ("c", Lang::Nb) => "Vi trenger opplysningene av hensyn til folkehelsen",
        ("c", Lang::Nn) => "Vi treng opplysningane av omsyn til folkehelsa",
        ("c", Lang::En) => {
            "We need the data for reasons of public interest in the area of public health"
        }
        ("d", Lang::Nb) => {
            "Vi trenger opplysningene til arkiv i allmennhetens interesse, til forskning eller til statistikk"
        }
        ("d", Lang::Nn) => {
            "Vi treng opplysningane til arkiv i interessa til allmenta, til forsking eller til statistikk"
        }
        ("d", Lang::En) => {
            "We need the data for archiving in the public interest, for research or for statistics"
        }
        _ => return None,
    })
}

/// NO_AUTHORITY_AGENT told to the representative: what mandate to send for `person`.
pub fn mandate_to_send(person: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(
            "Du har sendt kravet på vegne av {person}, men har ikke vist at du har fullmakt til det. Send oss en skriftlig fullmakt som {person} har skrevet under. Gjelder det et barn, trenger vi dokumentasjon på at du har foreldreansvar. Er du verge, trenger vi vedtaket om at du er oppnevnt. Når vi har fått dette, behandler vi kravet."
        ),
        Lang::Nn => format!(
            "Du har sendt kravet på vegner av {person}, men har ikkje vist at du har fullmakt til det. Send oss ei skriftleg fullmakt som {person} har skrive under. Gjeld det eit barn, treng vi dokumentasjon på at du har foreldreansvar. Er du verje, treng vi vedtaket om at du er oppnemnd. Når vi har fått dette, behandlar vi kravet."
        ),
        Lang::En => format!(
            "You sent the request on behalf of {person} but have not shown that you are authorised to do so. Please send us a written authorisation signed by {person}. For a child, we need proof that you have parental responsibility. For a guardian (verge), we need the decision appointing you. Once we have it, we will handle the request."
        ),
    }
}

/// What a refusal ground means, in words the person can follow, with its legal basis.
pub fn ground(g: RefusalGround, lang: Lang) -> &'static str {
    use RefusalGround::*;
    match lang {
        Lang::Nb => match g {
            IdUnverified => {
                "Vi ba deg bekrefte hvem du er, men har ikke fått opplysninger som gjør det. Vi kan derfor ikke være sikre på at vi svarer rett person (personvernforordningen artikkel 12 nr. 6)."
            }
            CannotIdentify => {
                "Vi finner deg ikke i opplysningene våre ut fra det vi har fått (personvernforordningen artikkel 11 nr. 2 og artikkel 12 nr. 2). Send oss gjerne kundenummeret ditt, eller telefonnummeret eller e-postadressen du er registrert med. Da behandler vi kravet ditt."
            }
            NoAuthorityAgent => {
                "Den som sendte kravet på dine vegne, har ikke vist at de har fullmakt til det (personvernforordningen artikkel 12 nr. 2 og 6)."
            }
            ManifestlyUnfounded => {
                "Vi mener kravet er åpenbart grunnløst (personvernforordningen artikkel 12 nr. 5 bokstav b)."
            }
            ManifestlyExcessive => {
                "Vi mener kravet er åpenbart overdrevent, særlig fordi det er gjentatt (personvernforordningen artikkel 12 nr. 5 bokstav b)."
            }
            RightsOfOthers => {
                "Vi kan ikke gi deg disse opplysningene uten å skade andres rettigheter og friheter (personvernforordningen artikkel 15 nr. 4 og artikkel 20 nr. 4)."
            }
            NationalRestriction => {
                "Loven gjør unntak fra innsynsretten for disse opplysningene (personopplysningsloven § 16, jf. personvernforordningen artikkel 23)."
            }
            PortabilityNotApplicable => {
                "Retten til dataportabilitet gjelder bare opplysninger du selv har gitt oss, som vi behandler automatisk, og som bygger på samtykke eller avtale (personvernforordningen artikkel 20 nr. 1 og 3)."
            }
            ErasureNoGround => {
                "Ingen av vilkårene for sletting er oppfylt (personvernforordningen artikkel 17 nr. 1)."
            }
            ErasureLegalObligation => {
                "Loven pålegger oss å oppbevare noen av opplysningene, for eksempel bokføringsloven § 13 (personvernforordningen artikkel 17 nr. 3 bokstav b). Vi bruker dem ikke til noe annet, og sletter dem når plikten opphører."
            }
            ErasureLegalClaims => {
                "Vi trenger opplysningene for å fastsette, gjøre gjeldende eller forsvare et rettskrav (personvernforordningen artikkel 17 nr. 3 bokstav e)."
            }
            ErasureOtherException => {
                "Et unntak fra retten til sletting gjelder (personvernforordningen artikkel 17 nr. 3)."
            }
            RectificationDataAccurate => {
                "Vi har kontrollert opplysningene og mener de er riktige (personvernforordningen artikkel 16)."
            }
            RestrictionConditionsNotMet => {
                "Ingen av vilkårene for å begrense behandlingen er oppfylt (personvernforordningen artikkel 18 nr. 1)."
            }
            ObjectionCompellingGrounds => {
                "Vi har tungtveiende grunner til å fortsette behandlingen, og de veier tyngre enn dine interesser, rettigheter og friheter (personvernforordningen artikkel 21 nr. 1). Dette gjelder aldri direkte markedsføring."
            }
            ObjectionNotApplicable => {
                "Retten til å protestere gjelder behandling som bygger på personvernforordningen artikkel 6 nr. 1 bokstav e eller f. Behandlingen du protesterer mot, bygger på et annet grunnlag (personvernforordningen artikkel 21 nr. 1)."
            }
            NotAGdprRequest => {
                "Henvendelsen gjelder ikke personopplysninger om deg, og er derfor ikke et krav etter personvernforordningen."
            }
        },
        Lang::Nn => match g {
            IdUnverified => {
                "Vi bad deg stadfeste kven du er, men har ikkje fått opplysningar som gjer det. Vi kan difor ikkje vere sikre på at vi svarar rett person (personvernforordninga artikkel 12 nr. 6)."
            }
            CannotIdentify => {
                "Vi finn deg ikkje i opplysningane våre ut frå det vi har fått (personvernforordninga artikkel 11 nr. 2 og artikkel 12 nr. 2). Send oss gjerne kundenummeret ditt, eller telefonnummeret eller e-postadressa du er registrert med. Då behandlar vi kravet ditt."
            }
            NoAuthorityAgent => {
                "Den som sende kravet på vegner av deg, har ikkje vist at dei har fullmakt til det (personvernforordninga artikkel 12 nr. 2 og 6)."
            }
            ManifestlyUnfounded => {
                "Vi meiner kravet er openbert grunnlaust (personvernforordninga artikkel 12 nr. 5 bokstav b)."
            }
            ManifestlyExcessive => {
                "Vi meiner kravet er openbert overdrive, særleg fordi det er gjenteke (personvernforordninga artikkel 12 nr. 5 bokstav b)."
            }
            RightsOfOthers => {
                "Vi kan ikkje gi deg desse opplysningane utan å skade rettane og fridomane til andre (personvernforordninga artikkel 15 nr. 4 og artikkel 20 nr. 4)."
            }
            NationalRestriction => {
                "Lova gjer unntak frå innsynsretten for desse opplysningane (personopplysningslova § 16, jf. personvernforordninga artikkel 23)."
            }
            PortabilityNotApplicable => {
                "Retten til dataportabilitet gjeld berre opplysningar du sjølv har gitt oss, som vi behandlar automatisk, og som byggjer på samtykke eller avtale (personvernforordninga artikkel 20 nr. 1 og 3)."
            }
            ErasureNoGround => {
                "Ingen av vilkåra for sletting er oppfylte (personvernforordninga artikkel 17 nr. 1)."
            }
            ErasureLegalObligation => {
                "Lova pålegg oss å ta vare på nokre av opplysningane, til dømes bokføringslova § 13 (personvernforordninga artikkel 17 nr. 3 bokstav b). Vi brukar dei ikkje til noko anna, og slettar dei når plikta tek slutt."
            }
            ErasureLegalClaims => {
                "Vi treng opplysningane for å fastsetje, gjere gjeldande eller forsvare eit rettskrav (personvernforordninga artikkel 17 nr. 3 bokstav e)."
            }
            ErasureOtherException => {
                "Eit unntak frå retten til sletting gjeld (personvernforordninga artikkel 17 nr. 3)."
            }
            RectificationDataAccurate => {
                "Vi har kontrollert opplysningane og meiner dei er rette (personvernforordninga artikkel 16)."
            }
            RestrictionConditionsNotMet => {
                "Ingen av vilkåra for å avgrense behandlinga er oppfylte (personvernforordninga artikkel 18 nr. 1)."
            }
            ObjectionCompellingGrounds => {
                "Vi har tungtvegande grunnar til å halde fram med behandlinga, og dei veg tyngre enn interessene, rettane og fridomane dine (personvernforordninga artikkel 21 nr. 1). Dette gjeld aldri direkte marknadsføring."
            }
            ObjectionNotApplicable => {
                "Retten til å protestere gjeld behandling som byggjer på personvernforordninga artikkel 6 nr. 1 bokstav e eller f. Behandlinga du protesterer mot, byggjer på eit anna grunnlag (personvernforordninga artikkel 21 nr. 1)."
            }
            NotAGdprRequest => {
                "Førespurnaden gjeld ikkje personopplysningar om deg, og er difor ikkje eit krav etter personvernforordninga."
            }
        },
        Lang::En => match g {
            IdUnverified => {
                "We asked you to confirm who you are but have not received information that does. So we cannot be sure we would be answering the right person (GDPR Article 12(6))."
            }
            CannotIdentify => {
                "We cannot find you in our records from what we have been given (GDPR Articles 11(2) and 12(2)). Please send us your customer number, or the phone number or e-mail address you are registered with. We will then handle your request."
            }
            NoAuthorityAgent => {
                "The person who sent the request on your behalf has not shown that they are authorised to do so (GDPR Article 12(2) and (6))."
            }
            ManifestlyUnfounded => {
                "We consider the request manifestly unfounded (GDPR Article 12(5)(b))."
            }
            ManifestlyExcessive => {
                "We consider the request manifestly excessive, in particular because it is repeated (GDPR Article 12(5)(b))."
            }
            RightsOfOthers => {
                "We cannot give you this data without harming the rights and freedoms of others (GDPR Articles 15(4) and 20(4))."
            }
            NationalRestriction => {
                "The law exempts this data from the right of access (section 16 of the Norwegian Personal Data Act, as GDPR Article 23 allows)."
            }
            PortabilityNotApplicable => {
                "The right to data portability covers only data you gave us yourself, that we process by automated means, on the basis of your consent or a contract (GDPR Article 20(1) and (3))."
            }
            ErasureNoGround => "None of the conditions for erasure is met (GDPR Article 17(1)).",
            ErasureLegalObligation => {
                "The law requires us to keep some of the data, for example section 13 of the Norwegian Bookkeeping Act (GDPR Article 17(3)(b)). We use it for nothing else and delete it when that duty ends."
            }
            ErasureLegalClaims => {
                "We need the data to establish, exercise or defend a legal claim (GDPR Article 17(3)(e))."
            }
            ErasureOtherException => {
                "An exception to the right to erasure applies (GDPR Article 17(3))."
            }
            RectificationDataAccurate => {
                "We have checked the data and consider it accurate (GDPR Article 16)."
            }
            RestrictionConditionsNotMet => {
                "None of the conditions for restricting processing is met (GDPR Article 18(1))."
            }
            ObjectionCompellingGrounds => {
                "We have compelling legitimate grounds to continue the processing, and they override your interests, rights and freedoms (GDPR Article 21(1)). This never applies to direct marketing."
            }
            ObjectionNotApplicable => {
                "The right to object covers processing based on GDPR Article 6(1)(e) or (f). The processing you object to rests on another basis (GDPR Article 21(1))."
            }
            NotAGdprRequest => {
                "Your message does not concern personal data about you, so it is not a request under the GDPR."
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
        assert_eq!(until_date(d, Lang::Nb), "5. november 2026");
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
            "5 fakturaer til og med 31. desember 2031; 3 pakksedler til og med 30. juni 2029"
        );
        assert_eq!(
            kept(&kept_records, Lang::En),
            "5 invoices until 31 December 2031; 3 packing slips until 30 June 2029"
        );
        assert_eq!(
            kept_reason(&kept_records, Lang::Nb),
            "Dette må vi oppbevare etter bokføringsloven § 13 (1) nr. 1-4 og bokføringsloven § 13 (1) nr. 5-8: 5 fakturaer til og med 31. desember 2031; 3 pakksedler til og med 30. juni 2029. Vi bruker ikke opplysningene til noe annet, og sletter dem når datoen er passert."
        );
        assert_eq!(
            kept_reason(&kept_records, Lang::En),
            "We must keep the following under bokføringsloven § 13 (1) nr. 1-4 and bokføringsloven § 13 (1) nr. 5-8: 5 invoices until 31 December 2031; 3 packing slips until 30 June 2029. We use it for nothing else and delete it once its date has passed."
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
        assert_eq!(
            kept_kind(&k, Lang::Nb),
            "1 faktura til og med 31. desember 2031"
        );
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
            "Orders and invoices: 2 oppføringer til og med 31. desember 2031"
        );
        assert_eq!(kept_reason(&KeptRecords::default(), Lang::En), "");
    }
}
