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
        "innsyn* i !avtale*|avtalen|databehandleravtale*|kontrakt*|faktura*|dokument*|saksdokument*|sak|saken|regnskap*|anbud*|journal*|postjournal*|hvordan|hvorfor|korleis|kvifor|pris*",
    ),
    // A medical or case record about the writer is theirs: "innsyn i journalen dere har om meg".
    phrase(Access, "innsyn* i journal* .. om meg"),
    phrase(Access, "innsyn* i journal* min|mi|mitt"),
    phrase(Access, "innsyn* i min|mi|mitt journal*"),
    phrase(Access, "subject access"),
    phrase(Access, "dsar|dsars"),
    phrase(Access, "data access request*"),
    phrase(Access, "sar|sars"),
    phrase(Access, "right of|to access"),
    phrase(Access, "access to all? my .. data|information|personal"),
    copy(
        Access,
        "copy|copies of .. personal|my .. data|information|details",
    ),
    copy(Access, "copy|copies of .. data|information .. about|on me"),
    phrase(
        Access,
        "what .. data|information .. hold|have|store|keep|process|processing|collect|collected .. about|on me|her|him",
    ),
    copy(
        Access,
        "kopi|kopiar|kopier av|af|over alle|all? mine|mi|dei|de|dere? personlige|personlege? opplysning*|personopplysning*|persondata|dataene|dataa|datane",
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
    // An extract or a handing over: "ett utdrag av mina personuppgifter", "få utlevert alle
    // personopplysninger".
    phrase(
        Access,
        "utdrag|utskrift av|ur|over|fra .. personuppgifter|uppgifter|opplysning*|personopplysning*|personoplysning*|oplysning*",
    ),
    phrase(
        Access,
        "utlevert|utlevere|utlevering|utlevering av? .. opplysning*|personopplysning*|opplysing*|personopplysing*|persondata",
    ),
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
        "access to the|any|all|my? the|my? personal|personnel? data|information|details|opplysning*|personopplysning*|file|records",
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
        "se|vite|veta|vide|know|see hvilke|hva|kva|vilka|what .. opplysning*|personopplysning*|uppgifter|personuppgifter|data|information|details .. ligger|finnes|har|sparat|lagrat|hold|have",
    ),
    // What is stored, with no data noun: "jeg vil se hva dere har lagret".
    phrase(
        Access,
        "se|vite|veta|know|see hva|kva|vad|what dere|de|dykk|ni|you har|have? lagret|lagra|registrert|sparat|lagrat|stored|recorded",
    ),
    phrase(
        Access,
        "vilka .. uppgifter|personuppgifter .. har|sparat|lagrat|behandlar .. om mig|henne|honom",
    ),
    // The person named before the verb: "welche Daten Sie über mich gespeichert haben".
    phrase(
        Access,
        "welche .. daten|informationen .. uber|von mich|mir .. gespeichert|speichern|haben|verarbeiten|verarbeitet",
    ),
    // Held on file: "What personal information do you have on file for me?"
    phrase(
        Access,
        "what|which .. data|information|details .. you .. have|hold|keep on file",
    ),
    // "Please provide all personal data relating to me."
    phrase(
        Access,
        "provide|send|give|disclose|supply .. data|information|details relating|related|pertaining|concerning|regarding to? me",
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
        "hvilke|hva|kva|what|which .. opplysning*|personopplysning*|oplysning*|personoplysning*|data|informasjon|information|info .. om|about meg|me|mig",
    ),
    // Asked whether anything is held: "Har dere noen opplysninger om meg?", "Do you have any
    // data on me?"
    phrase(
        Access,
        "har|have|hold|lagrer|store dere|de|dykk|you noen|noko|nokon|nogen|any .. opplysning*|opplysing*|oplysning*|data|informasjon|information|info|details|personal .. om|on|about meg|me|mig",
    ),
    phrase(
        Access,
        "hva|kva|what har|have|do|does|did dere|de|dykk|you .. om|on|about|pa meg|me",
    ),
    phrase(
        Access,
        "send|gi|give|tell meg|me alt|alle|everything|all|det|what .. dere|de|dykk|you|youve .. har|have|hold|got|lagret|lagra|stored|lagrar .. om|on|about meg|me",
    ),
    copy(
        Access,
        "kopi|copy|utskrift av|af .. alt|alle|all|mine|mi|mitt .. registrert|lagret|data|opplysning*|oplysning*|personoplysning*",
    ),
    // Seeing or getting one's data: "I want to see my data", "Kan jeg få dataene mine?".
    // Not "get my data deleted": what follows says it asks for something else.
    copy(
        Access,
        "see|get|receive|se|sja|fa|motta my|mine|mitt|mi? data|dataene|dataa|datane|opplysningene|opplysningane|personopplysningene|information !deleted|removed|erased|corrected|updated|changed|transferred|moved|exported|sent|in|as|to|slettet|sletta|fjernet|fjerna|rettet|retta|endret|endra|oppdatert|overfort|flyttet|flytta|i|som|til|levert|mine|mi",
    ),
    copy(
        Access,
        "see|get|receive|se|sja|fa|motta dataene|dataa|datane|opplysningene|opplysningane|personopplysningene mine|mi !deleted|removed|erased|corrected|updated|changed|transferred|moved|exported|sent|in|as|to|slettet|sletta|fjernet|fjerna|rettet|retta|endret|endra|oppdatert|overfort|flyttet|flytta|i|som|til|levert",
    ),
    copy(
        Access,
        "send me|meg my|mine data|dataene|opplysningene|information mine? !in|as|to|i|som|til",
    ),
    phrase(
        Access,
        "se|sja|see|vite|veit|know|fa|get .. alt|alle|everything|all .. dere|de|dykk|you|youve .. har|have|hold|got|lagret|lagra|stored .. om|on|about|pa meg|me",
    ),
    phrase(
        Access,
        "hva|kva|what vet|veit|know|knows dere|de|dykk|you om|about|pa meg|me",
    ),
    // Asked for outright: "I'd like to request my personal data". Not "request all personal
    // data be deleted": what follows says it asks for something else.
    phrase(
        Access,
        "request|requesting all|any|the? my? personal data|information|details !be|deleted|erased|removed|to|corrected|restricted|transferred|in|as",
    ),
    phrase(
        Access,
        "send|give|provide me|meg .. data|information|details|opplysning*|opplysing* .. you|dere|de|dykk .. hold|have|har|lagret|lagra|stored .. on|about|om|pa me|meg",
    ),
    phrase(
        Access,
        "provide|send|give me with? my|all personal? data|information|details !to|in|as",
    ),
    phrase(
        Access,
        "tilsendt|tilsendte .. opplysning*|personopplysning*|opplysing*|persondata|dataene|dataa|datane",
    ),
    phrase(
        Access,
        "oversikt|oversyn|overview|list over|of .. mine|mi|my|all|alle .. data|opplysning*|personopplysning*|opplysing*|personal|information",
    ),
    copy(
        Access,
        "kopi|copy av|of det|alt|what|everything dere|de|dykk|you har|have|hold|holds|lagret|lagra|registrert|stored",
    ),
    // A printout by post of what is held: "en utskrift i posten av det dere har lagret om meg".
    copy(
        Access,
        "utskrift*|printout* .. av|of .. det|alt|all|everything|what .. om|on|about meg|me",
    ),
    // Who the data went to: "hvem dere har delt dem med", "who you've shared it with".
    phrase(
        Access,
        "hvem|kven|who|whom .. dere|de|dykk|you|youve .. delt|shared|disclosed|utlevert|solgt|sold",
    ),
    near(
        Access,
        "vite|know|see om|if|whether .. delt|shared|disclosed|utlevert|solgt|sold",
        PERSONAL,
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
        "rette|retta|retting|rettinga|rettelse|rettelser|korriger*|correct|correcting|correction|rectify|rectifying|berichtigen|berigtig*|korrigera|rätta|rectificar|rectifier|oppdatere|oppdater|oppdatera|update|updating|uppdatera|opdater|opdatere|amend",
        PERSONAL,
    ),
    // Changing a fact: "please change my address", "endre adressen min", "rett opp adressa mi".
    near(
        Rectification,
        "change|changing|endre|endres|endra|aendre|ændre|ändern",
        PERSONAL,
    ),
    near(
        Rectification,
        "rett|rette|retter|rettar|retta opp",
        PERSONAL,
    ),
    // A new fact given outright: "My new address is ...", "Jeg har fått nytt telefonnummer".
    phrase(
        Rectification,
        "min|mi|mitt|mine|my ny|nytt|nye|new adresse*|adressa|address|telefonnummer*|mobilnummer*|nummer|phone|number|email|epost*|epostadresse*|etternavn*|surname|navn|namn|name",
    ),
    phrase(
        Rectification,
        "jeg|eg|i har|have fatt|got? en|ein|a? ny|nytt|nye|new e? adresse*|adressa|address|telefonnummer*|mobilnummer*|nummer|phone|number|email|epost*|epostadresse*|etternavn*|surname|navn|namn|name",
    ),
    // A fact changed to a new value: "Telefonnummeret mitt er endret til ...", "My email
    // address has changed to ...", "Jeg har skiftet navn til ...".
    phrase(
        Rectification,
        "adresse*|adressa|address|telefonnummer*|mobilnummer*|nummer|number|email|epost*|epostadresse*|etternavn*|surname|navn|namn|name|navnet|namnet mitt|mi|min? er|is|has|har|ble|blei|vart .. endret|endra|changed|ændret|skiftet|skifta til|to",
    ),
    phrase(
        Rectification,
        "skiftet|byttet|bytta|skifta|changed navn|namn|etternavn*|name|surname|adresse*|address|telefonnummer*|nummer til|to",
    ),
    phrase(
        Rectification,
        "name|navn|navnet|namn|namnet|surname|etternavn*|etternavnet .. spelt|spelled|stavet|stava|skrevet wrong|feil|incorrectly",
    ),
    phrase(
        Rectification,
        "you|dere|de|dykk have|har my|mitt|min|mi .. wrong|feil|incorrect",
    ),
    // A named fact said to be wrong, the writer's own: "Etternavnet mitt er feil", "registrert
    // feil adresse på meg". Not "opplysningene om meg er feil": contesting data in general
    // comes before a restriction.
    phrase(
        Rectification,
        "min|mi|mitt|mine|my adresse*|adressa|address|navn|namn|name|surname|etternavn*|fodselsdato*|telefonnummer*|mobilnummer*|number|phone|email|epost* .. er|is|are feil|wrong|incorrect|uriktige|uriktig|feilaktige|feilaktig|inaccurate|forkert|forkerte|fel|falsch|utdatert|outdated|untrue",
    ),
    phrase(
        Rectification,
        "adressen|adressa|navnet|namnet|etternavnet|fodselsdato*|telefonnummer*|mobilnummer*|nummeret min|mi|mitt|mine er|is|are feil|wrong|incorrect|uriktige|uriktig|feilaktige|feilaktig|inaccurate|utdatert|outdated|untrue",
    ),
    phrase(
        Rectification,
        "feil|wrong|incorrect|uriktig|forkert|fel adresse*|adressa|address|navn|namn|name|etternavn*|surname|fodselsdato*|telefonnummer*|mobilnummer*|number|nummer|email|epost* pa|on|for|om meg|me|mig",
    ),
    phrase(
        Rectification,
        "jeg|eg|i har|have byttet|bytta|skiftet|skifta|changed my|mitt|min|mi? adresse*|adressa|address|telefonnummer*|mobilnummer*|nummer|number|email|epost*|epostadresse*|etternavn*|surname|navn|namn|name",
    ),
    // Danish "ret min adresse"; not the noun "ret til" (a right to).
    near(
        Rectification,
        "ret !til|pa|paa|at|i|og|som|in|er|har|hvis|om",
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
        "slett|slette|sletter|slettar|slettes|sletting|slettingen|slettinga|sletta|slettast|slettet|sleter|slet|sletning|fjern|fjerne|fjernes|fjerning|fjerna|fjernet|delete|deleted|deleting|deletion|erase|erased|erasing|erasure|remove|removed|removing|removal|wipe|wiped|löschen|lösche|löschung|radera|raderar|raderas|radering|borrar|borren|supresión|suprimir|eliminar|supprimer|suppression|effacer|effacement|cancellare|cancellazione",
        PERSONAL,
    ),
    near(Erasure, "be|being deleted|erased|removed", PERSONAL),
    near(Erasure, "ta|tar|tas bort", PERSONAL),
    near(Erasure, "ta|tar|tas ned", PERSONAL),
    // Everything, with nothing after to narrow it: "Slett alt.", "delete everything".
    phrase(
        Erasure,
        "slett|slette|slettar|sletter|slet|delete|erase|radera alt|allt|everything|alles !i|in|fra|from|pa|on|som|that|i",
    ),
    near(Erasure, "get|getting rid of", PERSONAL),
    phrase(
        Erasure,
        "glem|glemme|glemmer|gløym|gløyme|forget meg|me|mig",
    ),
    // Out of a register: "bli slettet fra registrene deres", "ta meg ut av registeret".
    phrase(
        Erasure,
        "bli|blir|verte|vere|be|being slettet|sletta|fjernet|fjerna|deleted|removed|erased fra|frå|from|av|ur .. register*|registre*|database*|databas*|system*|records|kunderegister*|kundedatabase*|arkiv*",
    ),
    phrase(
        Erasure,
        "ta|tak|take meg|me|mig ut av|of|ur .. register*|registre*|database*|databas*|system*|records|kunderegister*|kundedatabase*",
    ),
    // Taking a photo or a post down: "please take it down".
    near(Erasure, "take|taking it|them|this|that down", PERSONAL),
    phrase(
        Erasure,
        "want|vil|ønsker my|mine|mitt .. data|opplysning*|konto*|account|information .. gone|borte|deleted|slettet|removed|fjernet|erased",
    ),
    // Informal: "I want everything about me gone".
    phrase(
        Erasure,
        "everything|alt|all about|om me|meg gone|borte|deleted|slettet|sletta|removed|fjernet|erased",
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
        // Two words at the end: "til noe annet", "for anything else", "til noko før"; a bare
        // "til noe" is a reason ("jeg bruker den ikke til noe").
        "dont|not|ikke|ikkje at? dere|de|dykk|you? use|bruk|bruke|bruker|brukar .. my|mine|mitt|min|them|dem|dei|it|this|han|ho .. data|opplysning*|information|opplysingane? .. for|til|in|i anything|noe|noko|any? else|annet|anna|credit|kreditt*|for|before|until|inntil",
    ),
    // Not used until something is settled: "don't use them until it has been verified".
    near(
        Restriction,
        "dont|not|ikke|ikkje use|bruk|bruke|bruker|brukar|process|behandle .. until|inntil|innan",
        PERSONAL,
    ),
    phrase(
        Restriction,
        "dont|not|ikke|ikkje use|bruk|bruke|bruker|brukar|process|behandle the|my|mine? data|dataene|information|opplysning*|opplysingane|details|records .. until|inntil|innan",
    ),
    // Not used while something is checked: "Inntil dere har kontrollert om de er riktige, vil
    // jeg ikke at dere bruker dem", "While my complaint is being investigated, do not use ...".
    phrase(
        Restriction,
        "inntil|until|while|mens .. .. kontrollert|verifisert|verified|checked|investigated|undersøkt|vurdert|avklart|sjekket|resolved|settled .. .. ikke|ikkje|not|dont .. use|bruk|bruke|bruker|brukar|process|behandle|share|dele|disclose",
    ),
    phrase(
        Restriction,
        "limit|begrens|avgrens processing|behandlingen|bruken .. my|mine|mitt .. data|opplysning*",
    ),
    near(
        Restriction,
        "begrens*|avgrens*|restrict*|einschränk*|schränken|begräns*|begræns*|limitación|limitation|limitazione|limitar|limiter",
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
    // The imperative first: "send ikkje meir marknadsføring".
    phrase(
        Objection,
        "send|sende|skicka ikke|ikkje|inte meg|me|mig? noe|noko|mer|meir|fler|flere|fleire|any? .. reklame*|reklam|markedsføring*|marknadsføring*|nyhetsbrev*|nyheitsbrev*|tilbud*|tilbod*",
    ),
    // Objecting to a use: "Jeg protesterer mot at dere bruker ...", "I object to you using".
    phrase(
        Objection,
        "protesterer|protestere|protesterar|object|objecting|motsetter|motset .. mot|to at|that? dere|de|dykk|you bruker|brukar|use|uses|using|behandler|behandlar|process|processes|processing",
    ),
    // "Jeg vil ikke at opplysningene mine brukes til markedsanalyse."
    phrase(
        Objection,
        "vil|will ikke|ikkje|inte at? .. brukes|brukast|bruker|brukar|used .. til|for markedsføring*|marknadsføring*|marketing|reklame*|markedsanalyse*|segmentering|kundesegmentering|profilering|profiling|advertising|ads",
    ),
    // "Jeg ønsker ikke at dere bruker opplysningene mine til markedsføring."
    phrase(
        Objection,
        "ikke|ikkje|inte|not at|that dere|de|dykk|ni|you bruk|bruke|bruker|brukar|använder|use|using .. til|for markedsføring*|marknadsføring*|marknadsföring*|marketing|reklame*|reklam|markedsanalyse*|profilering|profiling|advertising|ads",
    ),
    phrase(
        Objection,
        "vil|want|ønsker|ynskjer ikke|ikkje|not bli|be|verte kontaktet|kontakta|ringt|called .. tilbud*|tilbod*|salg|sales|marketing|markedsføring*|reklame*|kampanje*|offers",
    ),
    // "Ikke bruk adressen min til reklame."
    phrase(
        Objection,
        "ikke|ikkje|inte|dont|not bruk|bruke|bruker|use|using .. til|for markedsføring*|marknadsføring*|marketing|reklame*|markedsanalyse*|profilering|profiling|advertising|ads",
    ),
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
        "stop|stopp|slutt|slutte|cease å? profiling|profilere|tracking|spore meg|me",
    ),
    phrase(
        Objection,
        "stop|stopp|slutt|slutte|cease å? emailing|texting|spamming|epost|mailing meg|me",
    ),
    phrase(
        Objection,
        "ikke|ikkje|inte|dont send|sende|skicka meg|me|mig flere|fleire|fler|mer|meir|more|any e|epost*|eposter|emails|mails|sms*|texts|meldinger",
    ),
    phrase(
        Objection,
        "dont|not|ikke|ikkje want|vil|ønsker .. shared|deler|deles|selger|selges|sold|sell|sharing .. marketing|markedsføring*|reklame*|annonsering*|advertising",
    ),
    phrase(
        Objection,
        "inte|ikke|ikkje få|ha|motta fler|flere|fleire|mer|meir .. nyhetsbrev*|erbjudanden|reklam|reklame*|nyheitsbrev*|sms*",
    ),
    phrase(
        Objection,
        concat!(
            "reserver*|reservasjon* .. mot .. ",
            "markedsføring*|direktemarkedsføring*|marknadsføring*|reklame*|telefonsalg*|salgshenvendelse*|nyhetsbrev*|nyheitsbrev*"
        ),
    ),
    // "reservere meg mot å bli kontaktet i kampanjer".
    phrase(
        Objection,
        "reserver*|reservasjon* .. mot .. kontaktet|kontakta|oppringt|ringt",
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
        "stop|stopp|slutt|slutte|sluta|slutta|stans|cease å? sende|senda|sending|send|skicka|contacting|kontakte meg|me|mig? .. markedsføring*|marknadsføring*|reklame*|nyhetsbrev*|nyheitsbrev*|tilbud*|tilbod*|marketing|newsletter*|promotional|offers|advertising|spam|ads",
    ),
    phrase(Objection, "unsubscribe me"),
    // Marketing named before, then refused: "Dykk har sendt meg SMS med tilbod kvar veke. Eg
    // vil ikkje ha det meir.", "You keep sending me offers. I don't want them anymore."
    near(
        Objection,
        "vil|ønsker|ynskjer ikke|ikkje|inte ha|få|motta|modtage det|dette|dei|dem|disse|desse mer|meir|lenger|lengre|längre",
        MARKETING,
    ),
    near(
        Objection,
        "dont|not want|need|receive|get it|them|this|these|those anymore|again|any",
        MARKETING,
    ),
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
    // Every list at once: "Take me off every list". Not "the waiting list".
    phrase(
        Objection,
        "fjern|slett|ta|remove|take|delete meg|me ut? fra|av|from|off every|all|alle|any|your list|lists|liste|lista|listen|lister|listene|listane",
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
        "json|csv|xml|standardformat|maskinlæsbart|maskinlaesbart|structured .. sa|so|slik|for .. jeg|eg|i|jag .. kan|can|could|skal|vil|will .. flytte|flytta|move|import|importere|overføre|overføra|ta|tage|take|share|switch|bytte|gi|give|upload|use|bruke",
    ),
    phrase(
        Portability,
        "i|in et|eit|a .. format|file|fil|fila|filen .. jeg|eg|i|jag .. kan|can .. importere|import|flytte|flytta|move|overføre|overføra|bruke|use|upload|laste",
    ),
    near(
        Portability,
        "maskinlesbar*|maskinleseleg*|maskinläsbar*|maskinlæsbar*|maschinenlesbar*",
        PERSONAL,
    ),
    // The data named earlier, then the format: "ha dataene levert i et maskinlesbart format".
    phrase(
        Portability,
        "dataene|dataa|datane|opplysningene|opplysningane|data|information .. maskinlesbar*|maskinleseleg*|maskinläsbar*|maskinlæsbar*|maschinenlesbar*",
    ),
    // Personal data as a file of a data format: "meine Daten als CSV-Datei".
    near(
        Portability,
        "som|as|als|in|i|im en|a|an|et|eit|einer? csv|json|xml|excel|spreadsheet|regneark*",
        PERSONAL,
    ),
    // Sent straight to the new provider: "overføre kundedataene mine direkte til Telenor".
    phrase(
        Portability,
        "overføre|overføra|overfør|transfer|transmit|send|sende|flytte|flytta|move .. data|dataene|kundedata*|persondata*|opplysning*|personopplysning*|mine|my .. direkte|directly til|to",
    ),
    near(
        Portability,
        "export|exporting|eksporter|eksportere|eksportera|exportieren",
        PERSONAL,
    ),
    // Two words: an alternative list takes one word each ("machine readable" apart).
    near(Portability, "machine readable", PERSONAL),
    // Taken along: "ha med meg dataene mine til en ny leverandør".
    phrase(
        Portability,
        "ha|ta|tage|take med|with meg|me|mig? .. data|dataene|dataa|datane|opplysning*|historikk*|history .. til|to .. annen|anna|anden|ny|nytt|nye|another|new",
    ),
    // The data moved on, named before its owner: "overføre dataene mine til en annen tjeneste".
    phrase(
        Portability,
        "flytte|flytta|overføre|overføra|transfer|move|port|send|sende .. data|dataene|dataa|datane|opplysning*|personopplysning*|historikk*|history .. til|to .. annen|anna|ny|nytt|nye|another|new|other",
    ),
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
