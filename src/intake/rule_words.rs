//! The word lists around the rules: what counts as personal data, processing and
//! marketing beside a verb; negations; words that show a requester speaking; sentences
//! that describe or sell rather than ask; article words. Folded before use, like patterns.

macro_rules! data_nouns {
    () => {
        "opplysning*|opplysing*|personopplysning*|personopplysing*|data|dataene|dataa|datane|persondata*|informasjon*|info|\
         konto|kontoen|kontoer|kundekonto*|brukerkonto*|brukarkonto*|profil|profilen|kundeprofil*|\
         kundeforhold*|kundeopplysning*|kundedata*|adresse*|adressa|postadresse*|postadressa|\
         epostadresse*|epostadressa|\
         mailadresse*|navn|navnet|namn|namnet|telefonnummer*|mobilnummer*|fodselsnummer*|\
         personnummer*|historikk*|kjopshistorikk*|account|accounts|profile|information|details|\
         name|address|phone|records|history|daten|kundendaten|uppgifter|personuppgifter|\
         oplysninger|personoplysninger|datos|donnees|dati|cuenta|compte|kundenkonto|konto|records|\
         bilde|bildet|bildene|bilder|biletet|bileta|photo|photos|picture|pictures|foto|fotos|cv|soknad*|\
         anmeldelse*|review|reviews|fingeravtrykk*|fingerprint*|opptak*|recording*|video|videos|\
         videoar|epostadresse*|epostadressa|email|emailadresse*|\
         acc|acct|nummer*|brukaren|brukeren|oplysning*|personoplysning*|surname|etternavn*|\
         fornavn*|efternavn*|efternamn*|fodselsdato*|adress|adressen|birth|birthdate"
    };
}
macro_rules! possessives {
    () => {
        "min|mi|mitt|mine|my|mein|meine|meiner|meinen|meines|mina|mis|mes|mon|miei|mie|mio|mia"
    };
}

/// Personal data after a verb. A bare "meg"/"me" counts unless "from ..." follows: "slett meg
/// fra nyhetsbrevet" is about a list, "slett meg fra databasen" about data.
pub(crate) const PERSONAL_AFTER: &[&str] = &[
    // The data of someone the writer acts for: "kontoen hennes", "his account".
    concat!("hans|hennes|his|her|their .. ", data_nouns!()),
    concat!(data_nouns!(), " hans|hennes|hennar"),
    "meg|me|mich|mig|moi !fra|fraa|from|av|off|von|fran|ut|out|ur|of",
    // Everything held on the person: "fjern alt om meg".
    "alt|allt|everything|anything|noe|noko om|about|on meg|me|mig",
    "meg|me|mich|mig|ham|henne|him|her ut|out? fra|fraa|from|av|off|von|fran|ur .. database*|databas*|system*|register*|registre*|records|kunderegister*|kundedatabase*|crm|arkiv*|archive*|kundelist*|kundekartotek*|kartotek*|kundeklubb*|medlemsregister*",
    concat!(possessives!(), " .. ", data_nouns!()),
    concat!(data_nouns!(), " min|mi|mitt|mine|mina"),
    // Data showing or naming the person: "bildet av meg", "a photo of me", "an email of mine".
    concat!(data_nouns!(), " av|of|med|with meg|me|mine|mig"),
    // Data about someone the writer acts for: "opplysingane om han", "information about her".
    THIRD_PERSON_DATA,
    "personopplysning*|personopplysing*|personuppgift*|personoplysning*|persondata*|personenbezogen*",
    "personal|personlige|personlege|personliga|personlig data|information|details|opplysning*|opplysing*|uppgifter|oplysninger",
    "datos personales",
    "donnees personnelles",
    "dati personali",
];

/// Personal data before a verb ("mine opplysninger skal slettes", "all data about me deleted").
pub(crate) const PERSONAL_BEFORE: &[&str] = &[
    concat!("hans|hennes|his|her|their .. ", data_nouns!()),
    concat!(data_nouns!(), " hans|hennes|hennar"),
    concat!(possessives!(), " .. ", data_nouns!()),
    concat!(data_nouns!(), " min|mi|mitt|mine|mina"),
    "personopplysning*|personopplysing*|personuppgift*|personoplysning*|persondata*|personenbezogen*",
    "personal|personlige|personlege|personliga|personlig data|information|details|opplysning*|opplysing*",
    "om|about|on|of|uber|sobre|concernant meg|me|mich|mig|mi|moi",
    // Data showing the person, before the verb: "bildene av meg må slettes".
    concat!(data_nouns!(), " av|of|med|with meg|me|mig"),
    THIRD_PERSON_DATA,
];

const THIRD_PERSON_DATA: &str = "opplysning*|opplysing*|oplysning*|personopplysning*|data|dataene|\
     information|informasjon|details|uppgifter om|about|on|of ham|henne|han|ho|him|her|honom|hende";

pub(crate) const PROCESSING_NOUNS: &str = "behandling|behandlingen|behandlinga|behandlingar|behandlinger|\
     processing|verarbeitung|tratamiento|traitement|trattamento|bruk|bruken|use|usage|nutzung|\
     profilering*|profiling|profilbildung|weitergabe";

pub(crate) const MARKETING_NOUNS: &str = "markedsføring*|direktemarkedsføring*|reklame*|nyhetsbrev*|nyheitsbrev*|\
     telefonsalg*|salgshenvendelse*|marketing|newsletter*|advertising|adverts|promotional|promotions|\
     werbung|direktwerbung|werbe*|marknadsföring*|reklam|nyhedsbrev*|publicidad|prospection|publicite|spam|\
     markedsanalyse*|segmentering|kundesegmentering|segmentation|tilbud|tilbod|offers|ads|annonser";

/// Words that, just before a phrase, turn it around ("ikke slett", "do not delete").
pub(crate) const NEGATIONS: &str = "ikke|ikkje|not|never|aldri|nicht|nie|kein|keine|keinen|inte|aldrig|\
     dont|doesnt|didnt|wont|cannot|cant|shouldnt|isnt|arent|wasnt|werent|niet|pas|jamais|nunca";

/// Words that show someone asking for themselves; a phrase in the body needs one in its
/// sentence (`I` is checked apart, written as a capital).
pub(crate) const REQUESTER_MARKERS: &str = "jeg|eg|meg|min|mi|mitt|mine|me|my|myself|ich|mich|mir|mein|\
     meine|meiner|meinen|meines|jag|mig|mina|yo|mis|je|moi|mes|mon|io|miei|mie|mio|ber|krever|krev|\
     ønsker|ynskjer|vennligst|venligst|please|request*|bitte|beantrage|begär|solicito|demande|\
     chiedo|richiedo|kindly|vil|want|wants|ich|jag|eg|mig|mit|min|jeres|venligst|gerne|gärna|\
     would|wish|wishes|ask|asks";

/// Words saying a fact about the person is wrong, old or new (a correction in two steps).
pub(crate) const WRONG_WORDS: &str = "feil|feilaktig*|uriktig*|ukorrekt*|feilstava|feilstavet|\
     feilregistrert|gammel|gamle|utdatert|wrong|incorrect|incorrectly|misspelled|misspelt|outdated|\
     old|untrue|inaccurate|forkert|forkerte|fel|felaktig*|falsch|ny|nytt|nye|new|moved|flyttet|\
     flytta|ändrats|endret|endra|skiftet|skifta|changed|riktig|rigtige|actually|\
     says|say|states|lists|listed|shows|registrert|registered|står|skriver|sier|viser|\
     error|errors|mistake*|feilen|feila|feilstaving*|stimmt|instead|statt|stedet|staden|\
     istedenfor|ikke|ikkje|inte|nicht|not|recorded|down|noted|lenger|longer|anymore|\
     neue|neuer|neues|nya|nyt|umgezogen|flyttat|flyttede|registrerat|registreret|registriert|\
     eingetragen|fortsatt|fortfarande|stadig|still|sto|stod|ifolge|according|galt|gale|wrongly|\
     vorher|fruher|previously|tidligere|tidlegare|tidigare";

/// Facts about a person that a correction is about.
pub(crate) const FACT_NOUNS: &str = "telefonnummer*|nummer|nummeret|mobilnummer*|telefon|navn|navnet|\
     namn|namnet|etternavn*|fornavn*|efternamn*|efternavn*|adresse*|adressa|adress|adressen|epost*|\
     e|mail|mailadresse*|fodselsdato*|fodselsdatoen|kjonn|kontonummer*|alder|sivilstand*|phone|number|\
     name|surname|address|email|birth|spelling|title|gender|age|status|contact|record|records|\
     postnummer|telefonnummeret|kundenummer|navnet|born|født|fødd|fødselsdag*|employer|\
     arbeidsgiver*|arbeidsgjevar*|income|inntekt*|allergi*|marital|sivilstatus|birthday|\
     barn|children|kids|names|skilt|skild|separert|separated|divorced|married|ugift|ogift|\
     geschieden|verheiratet|smoker|royker|roykar|gift|eircode|postcode|postal|zip|postnr|\
     diagnose*|diagnosis|entry|entries|eintrag|oppforing*|stilling*|position|job|tittel";

/// Verbs asking for a change.
pub(crate) const CHANGE_VERBS: &str = "rett|rette|rettes|retta|rettast|ret|ratta|korriger*|endre|endres|\
     endra|aendre|oppdater*|uppdatera|opdater*|fiks|fikse|fikses|fix|update|change|amend|correct|\
     berigtige|berichtig*|andern|korrigier*|aktualisier*|istaisyti|andra|andras|ändrar|ändring*|\
     ratta|rattas|rätta*|korrigera*|ordne|ordn|ordna|bytt|erstatt*|replace|suppler*|\
     supplement*|ergänz*|erganz*|tilfoy*|add|amended|aendr*|opdater*|rettelse*|retting|\
     berigtigelse|correction|berichtigung|korrigering|rattelse";

/// Verbs that, first in a sentence, ask (imperatives): the sentence counts as a requester's.
pub(crate) const IMPERATIVES: &str = "slett|slette|fjern|rett|korriger|endre|oppdater|send|stopp|stop|\
     slutt|gi|vis|frys|begrens|avslutt|delete|remove|erase|correct|fix|update|change|amend|restrict|\
     freeze|unsubscribe|cease|provide|give|radera|ta|rätta|uppdatera|sluta|slet|ret|opdater|stands|\
     loschen|berichtigen|sperren|ikke|ikkje|dont|vil|ønsker|ønskjer|want|instead|also|og|and";

/// Sentences that describe rights or sell something rather than ask: nothing in them counts.
pub(crate) const GUARDS: &[&str] = &[
    "du|dere har rett*",
    "du|dere kan be|kreve|krevje",
    "you have the right",
    "you can|may request|ask|exercise|object|withdraw",
    "your rights",
    "dine|di|deres rettigheter|rettar",
    "rettighetene|rettane dine",
    "les|lær|read|learn mer|more",
    "slik|hvordan|korleis ber|kan du",
    "how to",
    "ihre rechte",
    "sie haben das recht",
    "dina rättigheter",
    "dine rettigheder",
    // Selling automation, not asking about an automated decision ("automatisk avgjerd").
    "automat*|webinar*|demo|demoen|prøveperiode* !avgjerd*|avgjord*|avgjørelse*|beslut*|decision*|entschied*|entscheidung*|afgørelse*|vedtak*|behandling*|processing|bedömning*|vurdering*",
    "free trial",
    // Passing something on to read: "FYI - thought this article might interest you".
    "fyi",
    "til orientering",
    "for your information",
    "zur info|kenntnis",
    "gratis prøve*",
    "our platform|tool|solution|software",
    "vår|vårt|våre løsning*|verktøy*|plattform*|programvare*",
    "correct me if",
    // Asking how to do it oneself: "How do I update my email in the app?"
    "how do i",
    "hvordan|korleis gjør|gjer|endrer|endrar|oppdaterer|sletter|slettar jeg|eg",
    "rett|retta|korriger meg hvis|om|viss",
    // Knowing one could ask is not asking: "Jag vet att jag kan begära ...", "I know I can".
    "vet|veit|ved|know|knows|aware|klar|weiss|znam at|att|that|dass|da .. kan|can|could|may|kunne|kann|konnte|mogu|rett|right|recht",
    "man|one kan|can bede|be|ask|begara|request",
    // Thinking of it for later: "I'm thinking about closing my account and asking you to ...".
    "thinking|considering about|of|closing|leaving|cancelling",
    "tenker|tenkjer|vurderer|overveier|overvejer|funderar pa|om|a|paa|att",
    "estou|estoy a? pensar|pensando",
    "at some point",
    "later this|next year|month",
    "how many|much",
    "hvor|kor|hur mange|många|mye|mycket",
    "wie viele|viel",
];

/// Words naming an article in the languages letters arrive in.
pub(crate) const ARTICLE_WORDS: &str = "art|arts|article|articles|artikel|artikeln|artiklar|artikla|\
     artikkel|artikkelen|artikler|artiklene|artiklane|artículo|artículos|articolo|articoli|artigo|\
     artigos|artykuł|artykułu|artykule|artykułem|článek|článku|článkem|článok|članak|članka|članku|\
     clanak|clanka|člen|člena|členu|členom|clen|άρθρο|άρθρου|άρθρα|αρθρο|αρθρου|член|члена|чл|articolul|\
     articolului|artikolu|airteagal|artikli|artiklis|artiklit|artikkeli|artiklassa";

/// Words naming an article after its number ("15. cikk", "17. pants", "15 straipsnis",
/// "15 artikla").
pub(crate) const ARTICLE_WORDS_AFTER: &str = "cikk|cikke|cikkely|cikkelye|cikkében|cikkének|\
     cikkben|pants|panta|pantu|straipsnis|straipsnio|straipsnį|straipsnyje|straipsniu|straipsnių|artikla|artiklan|\
     artiklaa|artiklassa";

/// Names of the regulation that may stand straight before an article number ("GDPR 17").
pub(crate) const REGULATION_WORDS: &str = "gdpr|dsgvo|rgpd|avg|uavg|rodo|gkpd|γκπδ|ouzp|suvp|bdar|\
     vdar|ikum|orzd|орзд|rgcs|asetuksen|tietosuoja";

/// Documents other than the GDPR whose articles letters cite ("Article 17 of your terms").
pub(crate) const OTHER_DOCUMENTS: &str = "terms|conditions|vilkår*|avtale*|kontrakt*|contract*|\
     agreement*|vedtekt*|statutes|satzung|konvensjon*|convention|grunnlov*|constitution|\
     kjøpslov*|forbrukerkjøpslov*|markedsføringslov*|ekomlov*|avtalelov*|arbeidsmiljølov*|\
     contrat*|contrato*|contratto*|polza|poliz*|police|polisa|apolice|vertrag*|condiciones|\
     condizioni|voorwaarden|umowy|umowa|smlouvy|zmluvy|pogodbe|ugovora|szerzodes*|\
     contractului|sopimuksen|lepingu|liguma|sutarties|kuntratt|conartha";

/// Data nouns on their own, for telling what a pronoun points back to.
pub(crate) const DATA_NOUNS: &str = data_nouns!();

/// Words pointing back to something named before ("slett den", "delete it", "slett alt").
/// Not "him"/"her"/"ham"/"henne": those are people.
pub(crate) const ANAPHORS: &str = "it|them|this|that|these|those|everything|den|det|dem|dei|dette|\
     disse|desse|alt|allt|alles|es|sie|copies|kopier|kopiene|kopiane";

/// Words that may stand between a verb and what it points back to ("delete all of it").
pub(crate) const DETERMINERS: &str = "all|alle|the|any|every|of|av|helt|completely|fully";

/// Things that are not personal data, for both [`OTHER_THINGS`] and [`NOT_PERSONAL`].
macro_rules! things {
    () => {
        "faktura*|invoice*|regning*|bill|bills|ordre*|order|orders|\
         bestilling*|vare|varen|varer|pakke*|package*|parcel*|produkt*|product*|abonnement*|\
         subscription*|kvittering*|receipt*|betaling*|payment*|booking*|ticket*|\
         kort|kortet|card|avtale*|kontrakt*|contract*|dokument*|\
         document*|rapport*|report*|mote*|meeting*|appointment*|levering*|leveranse*|\
         delivery|deliveries|nettside*|nettstad*|website*|webside*|hjemmeside*|apningstid*"
    };
}

/// Things other than personal data that a pronoun may point back to ("Fakturaen er feil,
/// kan dere slette den?"): the nearest such word before the verb wins over data further back.
pub(crate) const OTHER_THINGS: &str = concat!(things!(), "|sak|saken|case");

/// What a verb may act on that is not personal data, for the reading by meaning ("slette
/// fakturaen", "delete the app", "change my password").
pub(crate) const NOT_PERSONAL: &str = concat!(
    things!(),
    "|invite*|invitation*|kalender*|calendar*|app|appen|apps|password|passord*|passwort|\
     losenord*|adgangskode*|cookie*|cookies|charge|charges|gebyr*|item|items|cart|\
     handlekurv*|kurv|basket|billett*|cache|nettleserhistorikk*|browsing|sporing|tracking|\
     status|statusen"
);

/// A person doing something in a sentence: with a data noun there, the data is theirs
/// ("Jeg hadde en konto hos dere", "Ho hadde ein konto", "my son made an account").
pub(crate) const PERSONS: &str = "jeg|eg|jag|ich|vi|we|han|hun|ho|he|she|min|mi|mitt|mine|my|\
     meg|me|mig|mich|sonen|son|datteren|dottera|daughter|mor|mother|far|father";
