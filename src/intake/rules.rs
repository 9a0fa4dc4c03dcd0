//! The phrase rules behind right recognition (syntax in `matcher`, word lists in
//! `rule_words`). Spelled naturally:
//! patterns are folded before matching, so `ø`, `Ø` and `o` are the same letter.
//!
//! A phrase rule counts on its own; a `near` rule is a verb that counts only with personal
//! data (or processing, or marketing) beside it, because "slette", "rette" and "object"
//! are everyday words ("kan dere slette fakturaen?").

use crate::domain::request::Right::{self, *};

/// Personal data must stand beside the verb ("mine opplysninger", "kontoen min", "about me").
pub(crate) const PERSONAL: u8 = 1;
/// Processing counts too ("behandlingen", "processing").
pub(crate) const PROCESSING: u8 = 2;
/// Marketing counts too ("markedsføring", "newsletters").
pub(crate) const MARKETING: u8 = 4;

pub(crate) struct Rule {
    pub right: Right,
    pub pattern: &'static str,
    /// Context flags; 0 means the phrase counts on its own.
    pub needs: u8,
    /// Asks for a copy: yields to portability in the same sentence ("machine-readable copy").
    pub copy_like: bool,
}

const fn phrase(right: Right, pattern: &'static str) -> Rule {
    Rule {
        right,
        pattern,
        needs: 0,
        copy_like: false,
    }
}
const fn near(right: Right, pattern: &'static str, needs: u8) -> Rule {
    Rule {
        right,
        pattern,
        needs,
        copy_like: false,
    }
}
const fn copy(right: Right, pattern: &'static str) -> Rule {
    Rule {
        right,
        pattern,
        needs: 0,
        copy_like: true,
    }
}

/// The rules, in the order their phrase is preferred when several fire.
pub(crate) const RULES: &[Rule] = &[
    // Access (Art. 15)
    // "Innsyn" also means access to records ("innsyn i avtalen", offentleglova): not Art. 15.
    phrase(Access, "innsyn* !i"),
    phrase(
        Access,
        "innsyn* i !avtale*|avtalen|databehandleravtale*|kontrakt*|faktura*|dokument*|saksdokument*|sak|saken|regnskap*|anbud*|journal*|postjournal*",
    ),
    phrase(Access, "subject access"),
    phrase(Access, "dsar|dsars"),
    phrase(Access, "data access request*"),
    phrase(Access, "right of|to access"),
    phrase(Access, "access to all? my .. data|information|personal"),
    copy(
        Access,
        "copy|copies of .. personal|my .. data|information|details",
    ),
    copy(Access, "copy|copies of .. data|information .. about|on me"),
    phrase(
        Access,
        "what .. data|information .. hold|have|store|keep|process|processing|collect|collected .. about|on me",
    ),
    copy(
        Access,
        "kopi|kopiar|kopier av|over alle|all? mine|mi|dei|de|dere? personlige|personlege? opplysning*|personopplysning*|persondata|dataene|dataa|datane",
    ),
    phrase(
        Access,
        "hvilke|hvilken|hvilket|hva|kva .. opplysning*|personopplysning*|data|informasjon|persondata .. har|lagrer|lagrar|behandler|behandlar|registrert|lagret|lagra .. om meg",
    ),
    phrase(
        Access,
        "auskunftsersuchen|auskunftsanfrage|auskunftsantrag|auskunftsrecht|auskunftsbegehren|datenauskunft|selbstauskunft",
    ),
    phrase(
        Access,
        "auskunft uber .. meine|mich|personenbezogen*|gespeichert*",
    ),
    copy(Access, "kopie meiner .. daten"),
    phrase(Access, "registerutdrag"),
    phrase(
        Access,
        "hva|kva|what dere|de|dykk|you .. har|have|vet|veit|know|lagret|lagra|lagrar|lagrer|registrerer|stored|store|stores|keep|hold|holding|got .. om|on|about meg|me",
    ),
    phrase(
        Access,
        "what|hva|kva .. stored|lagret|lagra|registrert|held|kept|recorded .. about|om|on me|meg",
    ),
    phrase(
        Access,
        "access to the|any|all|my? personal? data|information|details|opplysning*|personopplysning*|file|records",
    ),
    phrase(
        Access,
        "request|requesting|ask|asking for? information|details about|on|regarding my personal data|information",
    ),
    phrase(
        Access,
        "oversikt|oversyn|overview|list over|of hva|kva|hvilke|kva|what|all .. registrert|lagret|lagra|hold|stored|har|have",
    ),
    phrase(
        Access,
        "se|vite|veta|know|see hvilke|hva|kva|vilka|what .. opplysning*|personopplysning*|uppgifter|personuppgifter|data|information .. ligger|finnes|har|sparat|lagrat|hold|have",
    ),
    phrase(
        Access,
        "vilka .. uppgifter|personuppgifter .. har|sparat|lagrat|behandlar .. om mig|henne|honom",
    ),
    phrase(
        Access,
        "welche .. daten|informationen .. haben|speichern|gespeichert|verarbeiten .. uber|von mich|mir",
    ),
    phrase(
        Access,
        "whether|if you .. process|hold|store|have .. any? personal .. data|information",
    ),
    copy(
        Access,
        "copy|copies of .. my .. records|file|files|data|information",
    ),
    copy(
        Access,
        "copy|copies|kopi|kopiar of|av|af .. recording|recordings|opptak|opptaket|opptaka|opptakene|emails|e|epost*|meldinger|meldingane|messages|chatmeldinger|notes|notater|personnel|personalmappe*",
    ),
    phrase(
        Access,
        "hvilke|hva|kva|what|which .. opplysning*|personopplysning*|data|informasjon|information .. om|about meg|me",
    ),
    phrase(
        Access,
        "hva|kva|what har|have|do|does|did dere|de|dykk|you .. om|on|about meg|me",
    ),
    phrase(
        Access,
        "send|gi|give|tell meg|me alt|alle|everything|all|det|what .. dere|de|dykk|you .. har|have|hold|got|lagret|lagra|stored|lagrar .. om|on|about meg|me",
    ),
    copy(
        Access,
        "kopi av|af .. alt|alle|mine|mi|mitt .. registrert|lagret|data|opplysning*",
    ),
    phrase(Access, "tillgang till .. mina .. personuppgifter|uppgifter"),
    phrase(Access, "indsigtsanmodning|indsigtsbegæring|indsigtsret"),
    phrase(Access, "indsigt i .. oplysning*|personoplysning*|data"),
    phrase(Access, "derecho de acceso"),
    phrase(Access, "acceso a .. mis .. datos"),
    phrase(Access, "droit d acces"),
    phrase(Access, "acces a|aux .. mes .. donnees"),
    phrase(Access, "diritto di accesso"),
    // Rectification (Art. 16)
    phrase(
        Rectification,
        "rectification|berichtigung|rättelse|rectificación|rettifica",
    ),
    near(
        Rectification,
        "rette|retta|retting|rettinga|rettelse|rettelser|korriger*|correct|correcting|correction|rectify|rectifying|berichtigen|korrigera|rätta|rectificar|rectifier|oppdatere|oppdater|oppdatera|update|updating|uppdatera|opdater|opdatere|amend",
        PERSONAL,
    ),
    phrase(
        Rectification,
        "feil|feilaktige|uriktige|ukorrekte|inaccurate|incorrect|wrong opplysning*|personopplysning*|informasjon|data|information|details .. om|about meg|me",
    ),
    // Erasure (Art. 17)
    phrase(Erasure, "right to be forgotten"),
    phrase(
        Erasure,
        "bli|verte|vere|blive glemt|gløymd|gløymt|bortglömd",
    ),
    phrase(Erasure, "vergessenwerden|olvido|oubli|oblio"),
    phrase(
        Erasure,
        "sletteforespørsel*|sletteanmodning*|slettebegjæring*|slettekrav*",
    ),
    phrase(Erasure, "deletion|erasure request*"),
    phrase(
        Erasure,
        "löschantrag|löschungsantrag|löschersuchen|löschungsersuchen",
    ),
    phrase(
        Erasure,
        "ber|krever|ønsker|ynskjer|request|requesting om? sletting|slettinga|erasure|deletion !av|of",
    ),
    near(
        Erasure,
        "slett|slette|sletter|slettar|slettes|sletting|slettingen|slettinga|sletta|slettast|slettet|sleter|slet|sletning|fjern|fjerne|fjernes|fjerning|fjerna|fjernet|delete|deleted|deleting|deletion|erase|erasing|erasure|remove|removing|removal|löschen|lösche|löschung|radera|raderar|raderas|radering|borrar|borren|supresión|suprimir|eliminar|supprimer|suppression|effacer|effacement|cancellare|cancellazione",
        PERSONAL,
    ),
    near(Erasure, "be|being deleted|erased|removed", PERSONAL),
    near(Erasure, "ta|tar|tas bort", PERSONAL),
    phrase(
        Erasure,
        "want|vil|ønsker my|mine|mitt .. data|opplysning*|konto*|account|information .. gone|borte|deleted|slettet|removed|fjernet|erased",
    ),
    // Restriction (Art. 18)
    phrase(Restriction, "restriction of processing"),
    near(
        Restriction,
        "freeze|frys|fryse|frysa|sperren|sperre|suspend|suspending|stans|stanse|pause|pauser",
        PERSONAL | PROCESSING,
    ),
    phrase(
        Restriction,
        "dont|not|ikke|ikkje use|bruk|bruke|bruker .. my|mine|mitt|min|them|dem|dei|it|this .. data|opplysning*|information|opplysingane? .. for|til|in anything|noe|noko|any else|annet|anna|credit|kreditt*",
    ),
    phrase(
        Restriction,
        "limit|begrens|avgrens processing|behandlingen|bruken .. my|mine|mitt .. data|opplysning*",
    ),
    near(
        Restriction,
        "begrens*|avgrens*|restrict*|einschränk*|begräns*|begræns*|limitación|limitation|limitazione|limitar|limiter",
        PERSONAL | PROCESSING,
    ),
    // Objection (Art. 21)
    near(
        Objection,
        "object|objecting to",
        PERSONAL | PROCESSING | MARKETING,
    ),
    near(
        Objection,
        "protester*|innsigelse*|innvending*|objection|objections|widerspruch|widerspreche|widersprechen|invändning|invänder|indsigelse|oposición|opongo|opposition|oppose|opposizione|oppongo",
        PERSONAL | PROCESSING | MARKETING,
    ),
    near(
        Objection,
        "motsetter|motsette|motset|motseier meg",
        PERSONAL | PROCESSING | MARKETING,
    ),
    phrase(Objection, "jeg|eg|jag|i motsetter|motset|motsätter meg|mig"),
    phrase(
        Objection,
        "ikke|ikkje|inte|dont send|sende|skicka meg|me|mig? noe|noko|mer|meir|fler|flere|fleire|more|any .. reklame*|reklam|markedsføring*|marknadsføring*|nyhetsbrev*|nyheitsbrev*|tilbud*|tilbod*|marketing|newsletter*|offers",
    ),
    phrase(Objection, "ikke|ikkje ring|ringe meg|me"),
    phrase(
        Objection,
        "stop|stopp|stans|stanse|sluta|slutt|cease .. marketing|markedsføring*|marknadsføring*|marknadsföring*|reklame*|reklam|newsletters|nyhetsbrev*|nyhedsbrev*|utsendelse*|utsendingar|advertising|promotions|spamming|spam",
    ),
    phrase(
        Objection,
        "stop|stopp|slutt|slutte|cease å? using|use|bruke|bruk|analysing|analysere|tracking .. for|til .. marketing|markedsføring*|marknadsføring*|reklame*|advertising|ads|annonsering*|profilering",
    ),
    phrase(
        Objection,
        "dont|not|ikke|ikkje want|vil|ønsker|ynskjer to? be? contacted|kontaktet|kontakta|ringt|called .. sales|salg|marketing|markedsføring*|promotions|reklame*|surveys|kampanje*",
    ),
    phrase(
        Objection,
        "trekker|trekk|trekkjer|withdraw|withdrawing|withdrew .. samtykke*|consent .. nyhetsbrev*|nyheitsbrev*|markedsføring*|reklame*|marketing|newsletter*|profiling",
    ),
    phrase(
        Objection,
        "stop|stopp|slutt|slutte|cease å? calling|ringe|ringing|phoning me|meg",
    ),
    phrase(Objection, "sales|marketing calls|texts"),
    phrase(
        Objection,
        "dont|not|ikke|ikkje want|vil|ønsker .. shared|deler|deles|selger|selges|sold|sell|sharing .. marketing|markedsføring*|reklame*|annonsering*|advertising",
    ),
    phrase(
        Objection,
        "inte|ikke|ikkje få|ha|motta fler|flere|fleire|mer|meir .. nyhetsbrev*|erbjudanden|reklam|reklame*|nyheitsbrev*",
    ),
    phrase(
        Objection,
        concat!(
            "reserver*|reservasjon* .. mot .. ",
            "markedsføring*|direktemarkedsføring*|marknadsføring*|reklame*|telefonsalg*|salgshenvendelse*|nyhetsbrev*|nyheitsbrev*"
        ),
    ),
    phrase(
        Objection,
        "ikke|ikkje|inte lenger|langre|laengere? .. motta|få|ha|modtage|modta .. nyhedsbrev*|reklam|markedsføring*|marknadsføring*|reklame*|nyhetsbrev*|nyheitsbrev*|tilbud*|tilbod*|salgshenvendelse*|kampanje*",
    ),
    phrase(
        Objection,
        "no longer .. receive|get .. marketing|newsletter*|promotional|offers|advertising|adverts|promotions",
    ),
    phrase(
        Objection,
        "not .. receive|get .. marketing|newsletter*|promotional|offers|advertising|adverts|promotions",
    ),
    phrase(
        Objection,
        "dont|not|never want|wish .. marketing|newsletter*|promotional|advertising",
    ),
    phrase(
        Objection,
        "stop|stopp|slutt|slutte|sluta|stans|cease å? sende|sending|send|skicka|contacting|kontakte meg|me|mig? .. markedsføring*|marknadsføring*|reklame*|nyhetsbrev*|nyheitsbrev*|tilbud*|tilbod*|marketing|newsletter*|promotional|offers|advertising|spam",
    ),
    phrase(Objection, "unsubscribe me"),
    phrase(
        Objection,
        "ikke|ikkje|inte|dont|not want|vil .. brukes|bruke|brukast|used|use|usar .. til|for .. markedsføring*|marknadsføring*|marketing|reklame*|markedsanalyse*|market|research|segmentering|kundesegmentering|segmentation|profilering|profiling|advertising|ads",
    ),
    phrase(Objection, "opt me out"),
    phrase(Objection, "opt out of .. marketing|newsletter*|profiling"),
    phrase(Objection, "meld|melde|melder|meldar meg av|ut"),
    phrase(Objection, "avmeld*|avregistrer* meg"),
    phrase(
        Objection,
        "fjern|slett|ta|remove|take|delete meg|me ut|out? fra|fraa|av|from|off .. nyhetsbrev*|nyheitsbrev*|postliste*|epostliste*|mailingliste*|utsendelse*|markedsføring*|reklame*|newsletter*|marketing|mailing|mailinglist*|sms*",
    ),
    phrase(Objection, "keine .. werbung|newsletter|werbemails"),
    // Portability (Art. 20)
    phrase(Portability, "data portability"),
    phrase(
        Portability,
        "dataportabilitet*|portabilitet|portabiliteten|datenübertragbarkeit|datenportabilität|portabilidad|portabilité|portabilità",
    ),
    phrase(Portability, "right to portability"),
    phrase(Portability, "portability of .. data"),
    phrase(
        Portability,
        "maskinlesbar*|maskinleseleg*|maskinläsbar* kopi|eksport|export",
    ),
    phrase(Portability, "machine readable copy|export"),
    phrase(
        Portability,
        "json|csv|xml|standardformat|maskinlæsbart|maskinlaesbart|structured .. sa|so|slik|for .. jeg|eg|i|jag .. kan|can|could .. flytte|flytta|move|import|importere|overføre|overføra|ta|take|share|switch|bytte",
    ),
    phrase(
        Portability,
        "i|in et|eit|a .. format .. jeg|eg|i|jag .. kan|can .. importere|import|flytte|flytta|move|overføre|overføre|bruke",
    ),
    near(
        Portability,
        "maskinlesbar*|maskinleseleg*|maskinläsbar*|maskinlæsbar*|maschinenlesbar*",
        PERSONAL,
    ),
    // Two words: an alternative list takes one word each ("machine readable" apart).
    near(Portability, "machine readable", PERSONAL),
    phrase(
        Portability,
        "flytte|flytta|overføre|overføra|transfer|move|port .. mine|my|all|alle .. data|opplysning*|personopplysning*|personal .. til|to .. annen|anna|ny|nytt|another|new|other",
    ),
];

/// The right each cited article number stands for.
pub(crate) fn right_of_article(number: &str) -> Option<Right> {
    match number {
        "15" => Some(Access),
        "16" => Some(Rectification),
        "17" => Some(Erasure),
        "18" => Some(Restriction),
        "20" => Some(Portability),
        "21" => Some(Objection),
        _ => None,
    }
}
