//! The second reading of a message, by meaning rather than by phrase: a sentence that asks
//! (a requester speaking, an imperative, a question, "please") and holds both a right's
//! action and what it acts on, in any of their forms: "ber om at alle bildene av meg blir
//! slettet", "no more promotional e-mails", "ikke bruk opplysningene mine mens klagen
//! behandles", "all my contacts exported in a machine-readable format so I can move them".
//!
//! The phrase rules (`rules`) say exactly what they match; this reading catches what people
//! write around them, and is kept conservative by what must stand beside the action: the
//! person's own data, marketing, a time while something is checked, a place to move to.
//! Sentences that ask how, why or what if ("How can I delete my account?", "Why was my
//! account removed?") are left to the phrase rules, and so is anything negated, past or
//! planned by the company ("I deleted it", "you will delete it").

use std::sync::LazyLock;

use super::eu_words;
use super::matcher::WordSet;
use super::rights::{Words, negated};
use super::rule_words;
use super::tokens::Token;
use crate::domain::request::Right;

/// A right read this way, with the token span that shows it.
pub(super) struct Reading {
    pub right: Right,
    pub start: usize,
    pub end: usize,
}

struct Sets {
    eu_correct: WordSet,
    settled: WordSet,
    legal_need: WordSet,
    asked: WordSet,
    automated: Vec<super::matcher::Pattern>,
    eu_portability: WordSet,
    erase: WordSet,
    correct: WordSet,
    facts: WordSet,
    me: WordSet,
    data: WordSet,
    records: WordSet,
    information: WordSet,
    anaphors: WordSet,
    not_personal: WordSet,
    marketing: WordSet,
    opt_out: WordSet,
    unsubscribe: WordSet,
    contact_verbs: WordSet,
    mailings: WordSet,
    again: WordSet,
    off_list_verbs: WordSet,
    reader: WordSet,
    writer: WordSet,
    company_own: WordSet,
    here: WordSet,
    told_before: WordSet,
    ask_now: WordSet,
    after_negation: WordSet,
    restrict: WordSet,
    use_verbs: WordSet,
    keep: WordSet,
    formats: WordSet,
    moves: WordSet,
    access_nouns: WordSet,
    recordings: WordSet,
    know: WordSet,
    question_words: WordSet,
    holding: WordSet,
    disclosing: WordSet,
    see: WordSet,
    giving: WordSet,
    yes_no: WordSet,
    automated_words: WordSet,
    decisions: WordSet,
    obtained: WordSet,
    please: WordSet,
    openers_left: WordSet,
    how: WordSet,
    reporting: WordSet,
    conditionals: WordSet,
    possible: WordSet,
    past_subjects: WordSet,
    wishes: WordSet,
    from_words: WordSet,
    lists: WordSet,
    registers: WordSet,
    future: WordSet,
    negations: WordSet,
    plain_negations: WordSet,
    no_words: WordSet,
    processing: WordSet,
    holders: WordSet,
    negations_after: WordSet,
    relatives: WordSet,
    greetings: WordSet,
    received: WordSet,
    access_actions: WordSet,
    about: WordSet,
}

/// One word set from the Nordic, English and German words and the other EU languages'.
fn with_eu(own: &str, eu: &str) -> WordSet {
    WordSet::new(&format!("{own}|{eu}"))
}

static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
    eu_correct: WordSet::new(eu_words::CORRECT),
    settled: WordSet::new(
        "avgjort|avgjorte|ferdigbehandla|ferdigbehandlet|ferdigbehandlet|behandla|concluded|\
         settled|resolved|decided|avklart|avklara|sjekket|sjekka|checked|verified|verifisert|\
         vurdert|closed|avgjord|afgjort|entschieden|geklart|gepruft|prufung|ferdig|pagaende|\
         ongoing|verserende|pagar|laufend*|pending",
    ),
    legal_need: WordSet::new(
        "rettssak*|rettsak*|legal|claim|claims|evidence|bevis*|tvist*|lawsuit|court|retten|\
         verfahren|klage*|klaga*|complaint|erstatning*|erstatningssak*|compensation|forsikring*|\
         insurance|arbeidsrett*|arbetsratts*|process|prozess|sak|saka|saken|sag|sagen|case",
    ),
    asked: WordSet::new("asked|requested|ba|bad|bedt|spurte|bat|bad|gebeten|bat|bad|badt"),
    automated: [
        "automatisk|automatic|automated|automatiske|automatische|automatiskt|automatiserad \
         melding|meddelelse|message|reply|svar|antwort|nachricht|email|mail|beskjed|utskick",
        "auto reply|svar",
        "autoreply|autosvar|noreply",
        "do not|please dont|dont reply|respond to this",
        "svar|svara|antworten|besvar venligst|vennligst|bitte|inte|ikke|nicht",
        "out of office",
        "ikke|inte|nicht svar|svara|antworten pa|auf denne|detta|diese",
    ]
    .iter()
    .map(|p| super::matcher::Pattern::new(p))
    .collect(),
    eu_portability: WordSet::new(eu_words::PORTABILITY),
    erase: with_eu(
        "slett*|slet|sletning*|delet*|eras*|remov*|fjern|fjerne|fjernes|fjernet|fjerna|fjernast|\
         fjerning*|radera*|radering*|losch*|loesch*|entfern*|wipe*|purge*|forget|forgotten|\
         glemt|glemmes|glem|gloym*|glomd*|bort|vekk|utslett*|destroy*|makuler*|tilintetgjor*",
        eu_words::ERASE,
    ),
    correct: with_eu(
        "rett|rette|rettes|rettet|retta|rettast|rettar|rettas|ratta*|ret|rettelse*|retting|\
         korriger*|korrig*|correct|corrected|correcting|correction|rectif*|amend*|update|updated|\
         updating|fix|fixed|oppdater*|opdater*|uppdatera*|aktualisier*|berichtig*|endre|endres|\
         endret|endra|endrast|endring*|andra|andras|aendr*|andern|aenderung|anderung|berigtig*|\
         change|changed",
        eu_words::CORRECT,
    ),
    facts: WordSet::new(
        "adresse*|adressa|adress|adressen|address|addresses|anschrift|navn|navnet|namn|namnet|\
         name|names|surname|etternavn*|etternamn*|efternamn*|efternavn*|nachname*|vorname*|\
         fornavn*|fornamn*|telefonnummer*|mobilnummer*|phone|telephone|mobile|telefon|tlf|\
         epost*|email|mailadresse*|emailadresse*|fodselsdato*|geburtsdatum|birth|birthdate|dob|\
         fodselsar|sivilstatus|sivilstand*|civilstand|marital|kjonn|gender|geschlecht|spelling|\
         stavemate*|personnummer*|fodselsnummer*|inntekt*|income|allergi*|arbeidsgiver*|\
         arbeidsgjevar*|employer|kontonummer*|postnummer*|postcode|zip|titel|title",
    ),
    me: with_eu(
        "meg|me|mig|mich|mir|my|mine|min|mi|mitt|mina|mitt|myself|mae|maeg|mein|meine|meiner|meinen|\
         meinem|meines|hans|hennes|henne|ham|honom|hende|hennar|him|his|their",
        eu_words::PERSONAL,
    ),
    data: WordSet::new(rule_words::DATA_NOUNS),
    // What a correction acts on besides a named fact: the entry or record held on the person.
    records: WordSet::new(
        "entry|entries|eintrag*|record|records|registrering*|oppforing*|oppfoering*|journal*|\
         diagnos*|kontaktinfo*|kontaktopplysning*|kreditoplysning*|kredittopplysning*|file|\
         contact|kontaktperson*|parorende",
    ),
    // Generic words for what is held, which need the person beside them ("my information",
    // "opplysningene mine", "uppgiften om mig"; not "your information on the website").
    information: WordSet::new(
        "opplysning*|opplysing*|oplysning*|uppgift*|information|informasjon|angaben|details|\
         detaljer|profil|profile|profilen",
    ),
    anaphors: WordSet::new(
        "it|them|this|that|everything|den|det|dem|dei|dette|disse|desse|alt|allt|alles|es|sie|\
         all",
    ),
    not_personal: WordSet::new(rule_words::NOT_PERSONAL),
    marketing: with_eu(
        "markedsforing*|direktemarkedsforing*|marknadsforing*|markedsfor*|reklame*|reklam*|\
         nyhetsbrev*|nyheitsbrev*|nyhedsbrev*|newsletter*|marketing|advertising|advert*|ads|\
         promo|promos|promotional|promotions|promokode*|offers|offer|tilbud*|tilbod*|erbjudand*|catalog*|katalog*|brosjyr*|utskick*|\
         telefonsalg*|telemarketing|salgsanrop*|salgshenvendelse*|werbung|werbe*|direktwerbung|\
         mailing*|utsendelse*|profilering*|profiling|profiled|profilert*|profileret|\
         profileras|profilerad*|profiliert*|profilbildung|targeted|malrettet*|malretta|\
         malrettede|riktad|personalised|personalized|annonse*|annons*|annonc*|sales|salg|\
         direktemarknad*|telefonsal|telefonforsaljning*|telefonforsalj*|saljsyfte|\
         salgsojemed|salgsoyemed|salgsformal|salgsformaal|personalisiert*|malgrupp*|\
         demarche|demarchee|demarches",
        eu_words::MARKETING,
    ),
    opt_out: with_eu(
        "stop|stopp|stoppe|stopping|slutt|slutte|sluta|cease|unsubscrib*|avmeld*|afmeld*|abmeld*|\
         austragen|opt|reserver*|reservasjon*|object|objects|objecting|objection|protest*|\
         indsigelse|invand*|invaend*|widersprech*|widerspruch|motsett*|motset|aufhoren|hor|horen|\
         ophor*|frabe*|ubestilt|slutter|sluttar|slutta|stopped|untersag*|avregistrer*|rayez|\
         ugovor*",
        eu_words::OBJECT,
    ),
    // Unsubscribing names the mailing it ends: it objects to marketing standing alone
    // ("Subject: UNSUBSCRIBE", "Avregistrera mig", "opt out of product research").
    unsubscribe: WordSet::new(
        "unsubscrib*|avmeld*|afmeld*|abmeld*|avregistrer*|austragen|desinscri*|desabonn*|\
         uitschrijv*|odhlas*",
    ),
    // Reaching the person: what "stop sending me ...", "never email me again" end.
    contact_verbs: WordSet::new(
        "send|sende|sendes|sending|sender|senda|sendar|skicka|skickar|schicken|zusenden|email|\
         emailing|emailen|mail|mailing|maile|mailer|call|calling|ring|ringe|ringer|ringa|ringja|\
         ringje|ringes|ringt|oppringt|uppringd|anrufen|angerufen|contact|contacting|kontakte|\
         kontakta|kontaktes|kontaktas|kontakten|kontaktieren|kontaktiert|text|texting|\
         messaging|spam|spamming|spamme|appeler|envoyer|bother|pester",
    ),
    mailings: WordSet::new(
        "calls|appels|anrop|oppringinger|oppringningar|samtal|opkald|anrufe|emails|mails|mailene|\
         mailane|mailer|eposter|epostar|epostene|poster|postar|sms|smser|texts|messages|meldinger|meldingar|\
         flyers|flyere|brev|brevene|letters|utskick|utskicken|mailing*|zusendungen",
    ),
    again: WordSet::new(
        "again|igjen|att|igen|wieder|mer|meir|more|anymore|lenger|lengre|longer|laengere|langre|\
         mehr|fler|flere|fleire|plus|future|framtiden|fremtiden|fremover|framover|forward",
    ),
    off_list_verbs: WordSet::new(
        "take|ta|tak|tag|tar|stryk|stryg|stryke|strike|remove|fjern|fjerne|delete|slett|radera|\
         entfern*|streich*|rayez|drop|get",
    ),
    // A newsletter's own footer speaks to its reader in the singular ("Ønsker du ikke flere
    // nyhetsbrev? Meld deg av her.") of the company's own mailings ("våra utskick").
    reader: WordSet::new("du|deg|dig|dich|dir|dej"),
    writer: WordSet::new(
        "jeg|eg|jag|ich|meg|mig|mich|mir|me|my|min|mitt|mine|mina|mein|meine|meinen|meiner|\
         mi|je|mes|mon|moi",
    ),
    company_own: WordSet::new(
        "vare|vaare|vores|vara|our|unsere|unseren|unser|unserem|unserer|uns|vart|vort|nos|notre",
    ),
    here: WordSet::new("her|here|hier|har|nedenfor|below|ici"),
    // An objection told as made before: "Jeg har tidligere protestert mot ...".
    told_before: WordSet::new(
        "tidligere|tidlegare|tidigere|tidigare|previously|earlier|already|allerede|redan|\
         bereits|fruher",
    ),
    ask_now: WordSet::new(
        "ber|bed|beder|krever|krev|kraver|vil|ville|onsker|ynskjer|onskar|want|ask|asking|request|\
         please|vennligst|venligst|bitte|would|need|trenger|bitten|mochte|will",
    ),
    after_negation: WordSet::new(
        "flere|fleire|more|mehr|fler|mer|meir|lenger|lengre|longer|laengere|langre|ha|motta|\
         receive|receiving|get|getting|want|onsker|vil|ynskjer|send|sende|senda|sending|schicken|\
         skicka|kontakt*|contact*|ring|ringe|ringa|call|calling|anrufen|bruk*|use|using|used|\
         verwend*|nutz*|selg*|sell*|dele|deler|share*|weitergeb*|consent|samtykk*|like|fa|bli|\
         blive|vera|vere|vaere|will|vill|mochte|modtage|need|uppringd|oppringt",
    ),
    restrict: with_eu(
        "begrens*|avgrens*|restrict*|limit|limited|limiting|sperr*|block|blocked|blockera*|\
         frys*|freeze|freezing|frozen|pause|paused|pausing|suspend*|stans*|innskrenk*|\
         einschrank*|begrans*|begraens*",
        eu_words::RESTRICT,
    ),
    use_verbs: WordSet::new(
        "bruk|bruke|brukes|bruker|bruka|brukast|use|using|used|process|processing|processed|\
         behandl*|handsam*|verwend*|nutz*|verarbeit*|anvand*|anvend*|videre|pass|share|sharing|\
         dele|deles|utlever*|disclose|weiter|vidare",
    ),
    keep: WordSet::new(
        "keep|kept|retain|preserve|store|behold|beholde|bevar*|oppbevar*|lagre|spar|spare|\
         aufbewahr*|behalten|spara|behalt|gem|gemme",
    ),
    formats: WordSet::new(
        "maskinlesbar*|maskinleseleg*|maskinlasbar*|maskinlaesbar*|maschinenlesbar*|\
         json|csv|xml|excel|xlsx|strukturert*|strukturer*|structured|standardformat*|format|\
         formatet|formaat|export*|eksport*|exporter*|exportier*|download*|nedlast*",
    ),
    moves: WordSet::new(
        "flytt*|move|moving|transfer*|overfor*|overfoer*|import*|bytte|bytter|byte|byter|\
         skifte|skifter|switch*|wechsel*|ubertrag*|uebertrag*|ubermittel*|reuse|gjenbruk*|\
         upload*|opplast*|konkurrent*|competitor*|elsewhere|portab*",
    ),
    access_nouns: with_eu(
        "innsyn*|innsikt|indsigt|insyn|insikt|registerutdrag|utdrag|auskunft*|einsicht*|kopi|\
         kopien|kopiar|kopier|kopia|kopian|kopior|copy|copies|kopie|kopien|oversikt*|oversyn|\
         oversigt|overview|oversikten|ubersicht|auszug|utskrift*|printout|sammanstallning*|\
         sammenstilling*|zusammenstellung*",
        eu_words::ACCESS,
    ),
    recordings: WordSet::new(
        "footage|cctv|opptak*|recording*|lydopptak*|videoopptak*|kameraopptak*|overvakning*|\
         video|videos|videoen|bilder|bildene|bileta|photos|calls|samtaleopptak*|samtalelogg*|\
         tape|tapes|aufnahme*|aufzeichnung*|inspelning*|optagelse*",
    ),
    know: WordSet::new(
        "vite|vita|veta|vide|know|wissen|erfahren|find|finne|informer*|inform|tell|fortell*|\
         oplys|informiert|confirm|bekreft*|bekrafta|bestatig*|oplyst|opplyst|lure|lurer|lurar|\
         undrar|undrer|wonder|wondering",
    ),
    question_words: WordSet::new(
        "what|wat|wot|which|who|whom|whether|if|hva|ka|hvilke|hvilken|hvilket|kva|kven|kvifor|vad|\
         vilka|vilken|vilket|vem|hvad|hvem|hvilke|welche|welcher|welches|was|wer|ob|om|hvorvidt",
    ),
    holding: WordSet::new(
        "have|has|got|hold|holds|held|store|stores|stored|storing|keep|keeps|kept|process|\
         processing|processed|collect*|lagr*|lagra|har|registr*|speicher*|gespeichert|verarbeit*|\
         behandl*|handsam*|samle*|innhent*|vet|know|knows|file|om|about|on|uber|haben|habt|hat|\
         hast|sparat|gemt|opbevar*",
    ),
    disclosing: WordSet::new(
        "share|shared|sharing|delt|dele|deler|delte|sold|solgt|sell|selling|disclos*|passed|\
         utlevert|gitt|given|weitergegeben|weitergeleitet|verkauft|delat|salt|solgt|videresendt|\
         sendt|sent|accessed|brukt|used",
    ),
    see: WordSet::new("see|se|sja|sehen|seen|view|look|titta"),
    // Handing over to the person: "send me everything you store about me", "disclosed to me",
    // "få utlevert kameraopptaka".
    giving: WordSet::new(
        "send|sende|senda|sendt|skicka|schicken|zusenden|post|mail|email|give|gi|gje|gee|provide|\
         provided|disclose|disclosed|utlever*|udlever*|release|forward|vis|show|hand",
    ),
    // A yes-or-no question's first word: "Har dere delt ...?", "Do you process ...?".
    yes_no: WordSet::new(
        "har|have|has|do|does|did|hat|haben|habt|hast|is|are|er|ar|wurde|wird|werden|lagrer|\
         behandler|behandlar|handsamar|deler|process|keep|hold|holder|sparar|behandlar",
    ),
    automated_words: WordSet::new("automat*|automatisk*|automatiser*|automatis*|maskinell*"),
    decisions: WordSet::new(
        "avgjerd*|avgjord*|avgjorelse*|avgjoerelse*|beslut*|decision*|decided|entschied*|\
         entscheidung*|afgorelse*|vedtak*|bedomning*|vurdering*|assessment*|scoring*|score",
    ),
    // Where the data came from: "Hvor har dere fått adressen min fra?", "Who gave you my
    // number?".
    obtained: WordSet::new(
        "fatt|fikk|fekk|fick|fatt|get|got|gotten|obtain*|bekommen|erhalten|hentet|henta|kjopt|\
         bought|purchased|funnet|found|gave|ga|gav|gab|given|gitt",
    ),
    please: WordSet::new(
        "please|pls|plz|kindly|vennligst|venligst|venleg|vennleg|snill|snille|bitte|tack|takk|\
         gerne|gjerne|garna",
    ),
    openers_left: WordSet::new(
        "how|hvordan|korleis|hur|wie|where|hvor|kor|var|wo|why|hvorfor|kvifor|varfor|warum",
    ),
    how: WordSet::new(
        "how|hvordan|korleis|hur|wie|como|comment|come|jak|kako|hogyan|cum|kaip|kuidas|miten|hoe",
    ),
    // Telling what one was told: "Jeg fikk e-post om at inaktive kontoer slettes", "you wrote
    // that my data would be erased".
    reporting: WordSet::new(
        "fikk|fekk|fick|got|received|mottok|told|informed|informert|informerte|skrev|wrote|said|\
         says|sier|notified|varslet|varsla|stated|mitgeteilt|schrieben|geschrieben|beskjed|\
         melding|brev|letter|email|epost|mail|notice|varsel",
    ),
    conditionals: WordSet::new("if|hvis|viss|dersom|wenn|falls|ifall|om|in|case|should"),
    possible: WordSet::new("possible|mulig|mogleg|mojligt|moglich|muligt|so|requested"),
    past_subjects: WordSet::new(
        "i|jeg|eg|jag|ich|we|vi|you|dere|dykk|ni|sie|they|de|har|have|has|had|hadde|habe|hat|\
         ve|already|allerede|alt|was|were|ble|vart|blev|blei|wurde|is|been|er|ist|got|accidentally",
    ),
    wishes: WordSet::new(
        "want|wants|wanted|like|would|ask|asking|request*|need|vil|ville|onsker|ynskjer|ber|\
         krever|krev|kreve|should|must|ma|skal|bor|be|bli|blir|blive|bliver|being|get|vert|verte|\
         shall|wish|soll|sollen|muss|mussen|mochte|bitte|vill|onskar|kraver|beder|onsker|please|\
         vennligst|venligst|kindly|fa|ha|kan|can|could|kunne|konnten|kannst|konnen|bedes",
    ),
    from_words: WordSet::new("from|fra|fraa|ur|fran|von|aus|off|av"),
    lists: WordSet::new(
        "list|lists|lista|liste|listen|listene|mailing*|mailinglist*|epostlist*|maillist*|\
         distribution|utsendelse*|nyhetsbrev*|newsletter*|sms*|verteiler*|utskick*|\
         adresselist*|markedsforingslist*|reklamelist*",
    ),
    registers: WordSet::new(
        "kundelist*|kundlist*|kunderegist*|kundregist*|customer|register*|registr*|database*|\
         databas*|system*|records|crm|arkiv*|archive*|medlemsregist*",
    ),
    future: WordSet::new(
        "will|shall|wird|werden|ll|gonna|going|planning|plan|intend|intends|due|scheduled|snart",
    ),
    about: WordSet::new("om|about|on|of|uber|pa|against"),
    // The phrase rules' negations, and "oppose", "nothing" and the EU languages' "ne", "no".
    negations: WordSet::new(&format!(
        "oppose|opposes|opposed|inget|ingenting|nichts|nothing|ingen|none|uten|utan|without|ohne|\
         ne|non|no|nu|arge|ara|ala|alkaa|μην|не|nem|{}",
        rule_words::NEGATIONS
    )),
    plain_negations: WordSet::new(rule_words::NEGATIONS),
    no_words: WordSet::new("no|ingen|inga|keine|kein|keinen"),
    processing: WordSet::new(rule_words::PROCESSING_NOUNS),
    holders: WordSet::new(
        "your|deres|dykkar|jeres|er|ert|era|ihre|ihrer|ihren|records|system*|register*",
    ),
    negations_after: WordSet::new("inte|ikke|ikkje|nicht|inget|ingenting|nichts|nothing|ej"),
    relatives: WordSet::new("som|that|which|who|die|der|das|was|wo|der|hvor|kor|vilka|vilket"),
    greetings: WordSet::new(
        "hei|hi|hello|hallo|hey|dear|kjaere|kaere|hej|ok|okay|god|good|morning|dag|morgen|\
         guten|tag|sehr|geehrte|geehrter|hejsan|heisann|halla",
    ),
    access_actions: WordSet::new(
        "innsyn*|innsikt|indsigt|insyn|registerutdrag|auskunft*|kopi|kopien|kopia|kopian|copy|\
         copies|kopie|oversikt*|oversyn|oversigt|overview|ubersicht|utlever*|send|sende|sendt|\
         file|fil|filen|data|opplysning*|oplysning*|uppgift*|information|informasjon",
    ),
    received: WordSet::new(
        "mottatt|mottok|motteke|mottekne|modtaget|modtog|fatt|fikk|fekk|got|received|erhalten|\
         bekommen|fick|fatt|gotten|had|hatt",
    ),
});

/// The token indexes of each sentence (sentence numbers may skip).
fn sentence_ranges(tokens: &[Token]) -> Vec<Option<(usize, usize)>> {
    let count = tokens.last().map_or(0, |t| t.sentence + 1);
    let mut ranges: Vec<Option<(usize, usize)>> = vec![None; count];
    for (i, t) in tokens.iter().enumerate() {
        let r = ranges[t.sentence].get_or_insert((i, i + 1));
        r.1 = i + 1;
    }
    ranges
}

/// The rights `words` asks for read by meaning, each with its span.
pub(super) fn read(words: &Words<'_>) -> Vec<Reading> {
    let tokens = &words.tokens;
    let ranges = sentence_ranges(tokens);
    let mut out = Vec::new();
    let mut previous: Vec<(usize, usize)> = Vec::new();
    for (sentence, range) in ranges.iter().enumerate() {
        let Some((start, end)) = *range else { continue };
        let here = Sentence {
            words,
            start,
            end,
            sentence,
        };
        if !words.guarded[sentence] && here.asks() && (!here.wonders() || here.asks_source()) {
            let before = &previous[previous.len().saturating_sub(2)..];
            out.extend(erasure(&here, before));
            out.extend(objection(&here, before));
            out.extend(restriction(&here, before));
            out.extend(rectification(&here, before));
            out.extend(portability(&here, before));
            out.extend(access(&here));
        }
        if !words.guarded[sentence] {
            previous.push((start, end));
        }
    }
    out
}

struct Sentence<'w, 'a> {
    words: &'w Words<'a>,
    start: usize,
    end: usize,
    sentence: usize,
}

impl<'w, 'a> Sentence<'w, 'a> {
    /// The sentence token `i` stands in.
    fn around(words: &'w Words<'a>, i: usize) -> Self {
        let tokens = &words.tokens;
        let sentence = tokens[i].sentence;
        let start = (0..i)
            .rev()
            .take_while(|&j| tokens[j].sentence == sentence)
            .last()
            .unwrap_or(i);
        let end = (i..tokens.len())
            .take_while(|&j| tokens[j].sentence == sentence)
            .last()
            .map_or(i + 1, |j| j + 1);
        Sentence {
            words,
            start,
            end,
            sentence,
        }
    }

    /// The change verb at `v` gives the new value: "Telefonnummeret mitt er endret til
    /// 99887766", "my surname has changed to Berg".
    fn gives_new_value(&self, v: usize) -> bool {
        v + 1 < self.end && matches!(self.word(v + 1), "til" | "to" | "till" | "zu" | "into")
    }

    fn tokens(&self) -> &[Token] {
        &self.words.tokens
    }
    fn word(&self, i: usize) -> &str {
        &self.words.tokens[i].word
    }
    fn find(&self, set: &WordSet) -> Option<usize> {
        (self.start..self.end).find(|&i| set.contains(self.word(i)))
    }
    fn has(&self, set: &WordSet) -> bool {
        self.find(set).is_some()
    }
    /// Whether a word of `set` stands within `n` words of token `i` in this sentence.
    fn near(&self, i: usize, n: usize, set: &WordSet) -> Option<usize> {
        let from = i.saturating_sub(n).max(self.start);
        let to = (i + n + 1).min(self.end);
        (from..to).find(|&j| j != i && set.contains(self.word(j)))
    }
    fn before(&self, i: usize, n: usize, set: &WordSet) -> bool {
        (i.saturating_sub(n).max(self.start)..i).any(|j| set.contains(self.word(j)))
    }

    /// A requester speaking, a subject line, an imperative, a question or "please".
    fn asks(&self) -> bool {
        let s = self.sentence;
        self.words.in_subject(&self.tokens()[self.start])
            || self.words.has_marker[s]
            || self.question()
            || self.has(&SETS.please)
    }

    fn question(&self) -> bool {
        let last = &self.tokens()[self.end - 1];
        let text = if self.words.in_subject(last) {
            self.words.subject
        } else {
            self.words.own.as_str()
        };
        text[last.end..]
            .chars()
            .find(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | ')' | '»' | '”'))
            == Some('?')
    }

    /// A sentence asking how, where or why, or what would happen if: it asks about a right,
    /// not for it ("Hvordan sletter jeg kontoen?", "Why was my account removed?", "If I
    /// delete my account, do I lose my points?"). "If possible, delete ..." still asks.
    fn wonders(&self) -> bool {
        let mut first = self.start;
        while first + 1 < self.end && SETS.greetings.contains(self.word(first)) {
            first += 1;
        }
        let w = self.word(first);
        if SETS.openers_left.contains(w) {
            return true;
        }
        // "Just out of curiosity, how long does it take ...?", "Nessa altura, como devo
        // proceder ...?": a question whose clause opens with "how", nothing asked before it.
        if self.question() {
            let tokens = self.tokens();
            for j in first..self.end {
                let w = self.word(j);
                if SETS.wishes.contains(w) || SETS.please.contains(w) {
                    break;
                }
                if j > first && tokens[j].clause != tokens[j - 1].clause && SETS.how.contains(w) {
                    return true;
                }
            }
        }
        SETS.conditionals.contains(w)
            && !matches!(w, "in" | "case" | "should")
            && !(first + 1 < self.end && SETS.possible.contains(self.word(first + 1)))
    }

    /// A newsletter's own footer: it asks its reader, in the singular or of its own
    /// mailings, with no writer asking for themselves ("Ønsker du ikke flere nyhetsbrev?",
    /// "Vill du inte längre få våra utskick?"), or points to a link ("Afmeld her", "Hier
    /// abmelden").
    fn newsletter_footer(&self) -> bool {
        let here = (self.start + 1..self.end.saturating_sub(1)).any(|i| {
            SETS.opt_out.contains(self.word(i))
                && (SETS.here.contains(self.word(i + 1)) || SETS.here.contains(self.word(i - 1)))
        });
        let offered = !self.has_writer()
            && (self.has(&SETS.reader) || self.has(&SETS.company_own))
            && self.question();
        offered || here
    }

    /// The writer speaks of themselves: "I", "jeg", "meg", "my".
    fn has_writer(&self) -> bool {
        (self.start..self.end)
            .any(|i| self.tokens()[i].capital_i || SETS.writer.contains(self.word(i)))
    }

    /// The word at `i` stops or objects: "stop", "unsubscribe", "object", and the split
    /// verbs "hold op med", "hør auf", "meld meg av", "tragt mich aus".
    fn stops(&self, i: usize) -> bool {
        let w = self.word(i);
        let then = |n: usize, words: &[&str]| {
            (i + 1..(i + 1 + n).min(self.end)).any(|j| words.contains(&self.word(j)))
        };
        match w {
            "hor" | "horen" => then(6, &["auf", "op"]),
            "hold" | "holdt" => then(1, &["op"]),
            _ => match SPLIT_UNSUBSCRIBE.iter().find(|(verb, ..)| *verb == w) {
                // "meld" needs the writer beside it ("meld meg av", not "meld fra om").
                Some((_, particles, n)) => {
                    then(*n, particles)
                        && (!w.starts_with("meld") || self.near(i, 2, &SETS.writer).is_some())
                }
                None => SETS.opt_out.contains(w),
            },
        }
    }

    /// The stop at `i` ends a mailing by itself: an unsubscribe, "meld meg av", "opt out".
    fn unsubscribes(&self, i: usize) -> bool {
        let w = self.word(i);
        SETS.unsubscribe.contains(w) || SPLIT_UNSUBSCRIBE.iter().any(|(verb, ..)| *verb == w)
    }

    /// What the stop at `i` ends is the company reaching the person: "stop sending me the
    /// post", "slutter å ringe meg", "Arrêtez les appels". Not a bill or a reminder.
    fn contact_after(&self, i: usize) -> Option<usize> {
        if self.word(i) == "stopped" || self.has(&SETS.not_personal) {
            return None;
        }
        (i + 1..(i + 5).min(self.end)).find(|&c| {
            let w = self.word(c);
            SETS.mailings.contains(w)
                || SETS.contact_verbs.contains(w)
                    && c + 1 < self.end
                    && SETS.writer.contains(self.word(c + 1))
        })
    }

    /// "Ta meg av lista", "take me off your mailing list", "Stryk meg fra utsendelseslistene":
    /// the verb and the list. A waiting list or a customer register is not a mailing.
    fn off_a_list(&self, before: &[(usize, usize)]) -> Option<(usize, usize)> {
        // A plain "list" is a mailing one when mail or marketing is spoken of ("Vil ikke ha
        // disse mailene mer. Ta meg av lista."); a club's list is not.
        let mailing = |b: &Sentence<'_, '_>| b.has(&SETS.marketing) || b.has(&SETS.mailings);
        let spoken_of = mailing(self)
            || any_before(self.words, before, mailing)
            || self
                .words
                .tokens
                .iter()
                .take_while(|t| self.words.in_subject(t))
                .any(|t| SETS.marketing.contains(&t.word) || SETS.mailings.contains(&t.word));
        (self.start..self.end).find_map(|v| {
            if !SETS.off_list_verbs.contains(self.word(v)) || negated(self.tokens(), v) {
                return None;
            }
            let me =
                (v + 1..(v + 3).min(self.end)).find(|&j| SETS.writer.contains(self.word(j)))?;
            let from = (me + 1..(me + 3).min(self.end))
                .find(|&j| SETS.from_words.contains(self.word(j)))?;
            (from + 1..(from + 5).min(self.end))
                .find(|&j| is_mailing_list(self.word(j), self.word(j - 1), spoken_of))
                .map(|list| (v, list))
        })
    }

    /// A question where the person's data came from: "Hvor har dere fått adressen min
    /// fra?", "Where did you get my number?", "Who gave you my number?". It asks for access
    /// (the source is the person's to know), though it opens with "where".
    fn asks_source(&self) -> bool {
        self.source().is_some()
    }

    fn source(&self) -> Option<usize> {
        if !self.question() {
            return None;
        }
        let first = self.word(self.start);
        let opens = matches!(
            first,
            "hvor" | "kor" | "where" | "var" | "wo" | "who" | "hvem"
        ) || first == "from"
            && self.start + 1 < self.end
            && self.word(self.start + 1) == "where";
        let got = self.find(&SETS.obtained)?;
        let number = (self.start..self.end)
            .any(|i| matches!(self.word(i), "number" | "nummer" | "nummeret" | "numret"));
        let whose = self.personal().is_some()
            && (number || self.has(&SETS.facts) || self.has(&SETS.data) || self.personal_data());
        (opens && whose).then_some(got)
    }

    /// Personal data of the writer's or of whom they write for, in this sentence: a
    /// possessive or object pronoun, or a data noun with one, or "personal data".
    fn personal(&self) -> Option<usize> {
        (self.start..self.end).find(|&i| {
            let w = self.word(i);
            SETS.me.contains(w)
                || w.starts_with("personopplysning")
                || w.starts_with("personopplysing")
                || w.starts_with("personuppgift")
                || w.starts_with("personoplysning")
                || w.starts_with("persondata")
                || w.starts_with("personenbezogen")
                || (w == "personal" && i + 1 < self.end && SETS.data.contains(self.word(i + 1)))
        })
    }

    /// Personal data in the strict sense: data nouns with the person in them ("mine
    /// opplysninger", "what info ... on me"), or data about the person ("om meg").
    fn personal_data(&self) -> bool {
        let has_data = self.has(&SETS.data);
        let about_me = (self.start + 1..self.end).any(|i| {
            matches!(
                self.word(i),
                "meg" | "me" | "mig" | "mich" | "mae" | "ham" | "henne" | "him"
            ) && SETS.about.contains(self.word(i - 1))
        });
        about_me || (has_data && self.personal().is_some())
    }

    /// A generic word for what is held, within six words of `i`, with the person right beside
    /// it: "my contact details", "opplysningene mine", "uppgiften om mig".
    fn persons_information(&self, i: usize) -> Option<usize> {
        self.near(i, 6, &SETS.information).filter(|&j| {
            let own = |k: usize| k >= self.start && k < self.end && SETS.me.contains(self.word(k));
            (j.saturating_sub(3)..j).any(own)
                || own(j + 1)
                || (own(j + 2) && SETS.about.contains(self.word(j + 1)))
        })
    }

    /// What the verb at `i` acts on is not personal data ("slette fakturaen", "delete the app").
    fn acts_on_other_thing(&self, i: usize) -> bool {
        let to = (i + 5).min(self.end);
        for j in i + 1..to {
            let w = self.word(j);
            if SETS.not_personal.contains(w) {
                return true;
            }
            if SETS.data.contains(w) {
                return false;
            }
        }
        false
    }

    /// The verb at `i` tells what was done or is planned, not what is asked: "I deleted it",
    /// "my account was removed", "someone wiped my playlists", "it will be deleted next
    /// month". A past form asks only after a wish: "I want it deleted", "at den blir slettet".
    fn told_not_asked(&self, i: usize) -> bool {
        let w = self.word(i);
        let chars = w.chars().count();
        // "deleted", "slettet", "oppdatert", "raderat", "slettede", "gelöscht".
        let stem = matches!(w, "forget" | "slet" | "ret" | "reset" | "set" | "get");
        let past = !stem
            && ["ed", "et", "ert", "ede", "ade"]
                .iter()
                .any(|e| w.ends_with(e))
            || (w.ends_with("at") && chars > 5)
            || (w.starts_with("ge") && w.ends_with('t') && chars > 6)
            || w == "frozen";
        // "sletta", "retta" (nynorsk: also the infinitive), "löschte", "raderade": past
        // only after the one who did it ("eg sletta", "dei retta").
        let maybe_past = w.ends_with('a') && chars > 4;
        let perfect = i > self.start && perfect_aux(self.word(i - 1));
        // A wish earlier in the clause: "I'd like all recordings of my calls erased".
        let clause = self.tokens()[i].clause;
        let wished = (i.saturating_sub(12).max(self.start)..i)
            .any(|j| self.tokens()[j].clause == clause && SETS.wishes.contains(self.word(j)))
            && !perfect;
        let planned = self.before(i, 3, &SETS.future);
        // Reported: "fikk e-post om at inaktive kontoer slettes" (what was told, not asked).
        // Within the dozen words before (a reported clause is short), so a long text stays fast.
        let reported = (i.saturating_sub(12).max(self.start + 1)..i).any(|t| {
            matches!(self.word(t), "at" | "that" | "dass" | "att")
                && self.before(t, 4, &SETS.reporting)
                && !self.before(t, 3, &SETS.wishes)
                && !(t + 1..i).any(|k| {
                    matches!(
                        self.word(k),
                        "ber"
                            | "bed"
                            | "krever"
                            | "want"
                            | "ask"
                            | "please"
                            | "vennligst"
                            | "bitte"
                    )
                })
        });
        // Asked before: "I've asked you to correct my data" (a reminder, read as what it is
        // about in its own sentence, not here).
        let asked_before = self.before(i, 4, &SETS.asked);
        planned
            || reported
            || asked_before
            || (past && !wished)
            || (maybe_past && !wished && self.before(i, 2, &SETS.past_subjects))
    }

    /// A negation anywhere before token `i` in its clause ("Jeg vil IKKE at kontoen min skal
    /// slettes", "I oppose the erasure"), or just after it where the language puts it
    /// ("radera dem inte", "Löschen Sie bitte nicht", "delete nothing").
    fn negated_broadly(&self, i: usize) -> bool {
        let tokens = self.tokens();
        let clause = tokens[i].clause;
        // Back within the clause, at most 15 words (a clause is short; a long text stays fast).
        let before = (i.saturating_sub(15).max(self.start)..i)
            .any(|j| tokens[j].clause == clause && SETS.negations.contains(self.word(j)));
        // Not past "and": "at den sperres og ikke gis ut" restricts and then negates another verb.
        let after = (i + 1..(i + 4).min(self.end))
            .take_while(|&j| {
                tokens[j].clause == clause
                    && !SETS.relatives.contains(self.word(j))
                    && !matches!(self.word(j), "og" | "and" | "und" | "och" | "et")
            })
            .any(|j| SETS.negations_after.contains(self.word(j)));
        before || after
    }
}

/// Whether `word` (after `previous`) names a list the person is mailed or called from:
/// "lista", "mailing list", "ringjelista", "utsendelseslistene"; not a waiting list, a
/// playlist, a journalist or a customer register.
fn is_mailing_list(word: &str, previous: &str, mailing_spoken_of: bool) -> bool {
    const PLAIN: [&str; 9] = [
        "list", "lista", "liste", "listen", "listene", "listane", "listan", "lists", "listor",
    ];
    const MAILING: [&str; 20] = [
        "mail",
        "epost",
        "email",
        "sms",
        "ring",
        "telefon",
        "utsend",
        "utskick",
        "nyhet",
        "nyheit",
        "news",
        "reklam",
        "marked",
        "marknad",
        "prospect",
        "call",
        "kontakt",
        "salg",
        "salj",
        "distribut",
    ];
    let list = if PLAIN.contains(&word) {
        mailing_spoken_of
    } else {
        SETS.lists.contains(word)
            || PLAIN.iter().any(|e| word.ends_with(e))
                && MAILING.iter().any(|m| word.starts_with(m))
    };
    let other = [
        "vente", "wait", "venta", "play", "spille", "spele", "onske", "wish",
    ]
    .iter()
    .any(|o| word.starts_with(o))
        || matches!(previous, "waiting" | "wait" | "guest" | "wish")
        || SETS.registers.contains(word);
    list && !other
}

/// "har", "have", "hatte": the auxiliary of a perfect ("har slettet", "have objected").
fn perfect_aux(word: &str) -> bool {
    matches!(
        word,
        "har" | "have" | "has" | "had" | "hadde" | "habe" | "hat" | "ve" | "hatte"
    )
}

/// Whether `word` asks for a copy: "copy", "kopien", "kopia".
pub(super) fn is_copy_word(word: &str) -> bool {
    matches!(
        word,
        "copy" | "copies" | "kopi" | "kopien" | "kopia" | "kopian" | "kopie" | "kopiar"
    )
}

/// Unsubscribing verbs written apart from their particle, with the particles and how far
/// after the verb they may stand: "meld meg av", "tragt mich aus dem Newsletter aus", "opt out".
const SPLIT_UNSUBSCRIBE: &[(&str, &[&str], usize)] = &[
    ("meld", &["av", "ab"], 3),
    ("melde", &["av", "ab"], 3),
    ("tragt", &["aus"], 6),
    ("trag", &["aus"], 6),
    ("tragen", &["aus"], 6),
    ("trage", &["aus"], 6),
    ("opt", &["out"], 1),
];

fn reading(right: Right, start: usize, end: usize) -> Reading {
    Reading {
        right,
        start: start.min(end),
        end: end.max(start) + 1,
    }
}

/// Whether one of the sentences just before (the spans `before`) names what `names` looks for.
fn any_before(
    words: &Words<'_>,
    before: &[(usize, usize)],
    names: impl Fn(&Sentence<'_, '_>) -> bool,
) -> bool {
    before.iter().any(|&(start, end)| {
        names(&Sentence {
            words,
            start,
            end,
            sentence: words.tokens[start].sentence,
        })
    })
}

/// Whether personal data is named in the sentences just before (what "delete it" means).
fn named_before(words: &Words<'_>, before: &[(usize, usize)]) -> bool {
    any_before(words, before, |s| {
        s.personal_data() || (s.has(&SETS.data) && s.personal().is_some())
    })
}

fn erasure(s: &Sentence<'_, '_>, before: &[(usize, usize)]) -> Option<Reading> {
    let verb = (s.start..s.end).find(|&i| {
        SETS.erase.contains(s.word(i))
            && !s.negated_broadly(i)
            && !s.told_not_asked(i)
            && !s.acts_on_other_thing(i)
    })?;
    // "Remove me from your mailing list" is an objection to marketing, not an erasure.
    let from_list = (verb + 1..s.end).any(|j| {
        SETS.from_words.contains(s.word(j))
            && (j + 1..(j + 4).min(s.end)).any(|k| SETS.lists.contains(s.word(k)))
            && !(j + 1..(j + 4).min(s.end)).any(|k| SETS.registers.contains(s.word(k)))
    });
    // "add me to your suppression list", "Fjern meg fra all markedsføring".
    let from_marketing = (verb + 1..s.end).any(|j| {
        SETS.from_words.contains(s.word(j))
            && (j + 1..(j + 4).min(s.end)).any(|k| SETS.marketing.contains(s.word(k)))
    });
    let names_a_list = verb + 1 < s.end && SETS.lists.contains(s.word(verb + 1));
    if from_list || from_marketing || names_a_list {
        return None;
    }
    if let Some(p) = s.personal() {
        return Some(reading(Right::Erasure, verb, p));
    }
    // "Then delete all of it": the data named just before.
    let points_back = s.near(verb, 3, &SETS.anaphors).is_some() || s.has(&SETS.data);
    (points_back && named_before(s.words, before)).then(|| reading(Right::Erasure, verb, verb))
}

fn objection(s: &Sentence<'_, '_>, before: &[(usize, usize)]) -> Option<Reading> {
    if s.newsletter_footer() {
        return None;
    }
    let marketing: Vec<usize> = (s.start..s.end)
        .filter(|&i| SETS.marketing.contains(s.word(i)))
        .collect();
    // Objecting outright: "stop", "unsubscribe", "I object", "reserverer meg", "hold op med".
    let stop = (s.start..s.end).find(|&i| s.stops(i) && !negated(s.tokens(), i));
    if let Some(stop) = stop {
        if let Some(&m) = marketing.first() {
            return Some(reading(Right::Objection, stop, m));
        }
        // "Det motsetter jeg meg", "Og stopp det": the marketing told just before.
        let marketing_before = any_before(s.words, before, |b| b.has(&SETS.marketing));
        if marketing_before && s.near(stop, 2, &SETS.anaphors).is_some() {
            return Some(reading(Right::Objection, stop, stop));
        }
        // "Unsubscribe", "opt out of product research", "Avregistrera mig": asked in a
        // subject, by the writer or with a "please"; a newsletter's "Unsubscribe | View in
        // browser" asks nothing.
        let asked = s.words.in_subject(&s.tokens()[stop]) || s.has_writer() || s.has(&SETS.please);
        if asked && s.unsubscribes(stop) {
            return Some(reading(Right::Objection, stop, stop));
        }
        // "Please stop sending me the post", "Arrêtez les appels".
        if let Some(c) = s.contact_after(stop) {
            return Some(reading(Right::Objection, stop, c));
        }
    }
    // "Ta meg av lista", "take me off your mailing list", "Stryk meg fra utsendelseslistene".
    if let Some((verb, list)) = s.off_a_list(before) {
        return Some(reading(Right::Objection, verb, list));
    }
    // Or a negated wish: "ikke flere nyhetsbrev", "no more offers", "I don't want you
    // using my data for targeted ads", "keine Werbung mehr", "never email me again".
    let (negation, no) = (&SETS.plain_negations, &SETS.no_words);
    let again = s.has(&SETS.again);
    // `more`: whether "more", "longer" count as the wish ("ikke flere nyhetsbrev").
    let wished = |i: usize, m: usize, more: bool| {
        let w = s.word(i);
        let wish_word = |j: usize| {
            SETS.after_negation.contains(s.word(j)) && (more || !SETS.again.contains(s.word(j)))
        };
        let wish = (i + 1..(i + 4).min(s.end)).any(wish_word) || (i > s.start && wish_word(i - 1));
        (negation.contains(w) || no.contains(w)) && (wish || (no.contains(w) && m == i + 1))
    };
    // The marketing is what the negated wish is about, so it comes after it.
    let negated_wish = marketing
        .iter()
        .find_map(|&m| (s.start..m).find(|&i| wished(i, m, true)).map(|i| (i, m)));
    // Mailings count with a "more" or "again": "Vil ikke ha disse mailene mer".
    let unwanted_mail = || {
        (s.start..s.end)
            .filter(|&m| again && SETS.mailings.contains(s.word(m)))
            .find_map(|m| (s.start..m).find(|&i| wished(i, m, false)).map(|i| (i, m)))
    };
    // "NEVER EMAIL ME AGAIN", "ikke ring meg igjen".
    let never_again = || {
        (s.start..s.end)
            .filter(|&i| negation.contains(s.word(i)))
            .find_map(|i| {
                let c = (i + 1..(i + 4).min(s.end))
                    .find(|&c| SETS.contact_verbs.contains(s.word(c)))?;
                let me = c + 1 < s.end && SETS.writer.contains(s.word(c + 1));
                (me && again).then_some((i, c))
            })
    };
    negated_wish
        .or_else(unwanted_mail)
        .or_else(never_again)
        .map(|(i, m)| reading(Right::Objection, i, m))
}

/// Words that name a restriction whatever it restricts.
const EXPLICIT_RESTRICTION: &[&str] = &[
    "begrens",
    "avgrens",
    "restrict",
    "einschrank",
    "begrans",
    "begraens",
    "sperr",
];

fn restriction(s: &Sentence<'_, '_>, before: &[(usize, usize)]) -> Option<Reading> {
    let data_here =
        s.personal_data() || s.has(&SETS.processing) || s.has(&SETS.data) || s.personal().is_some();
    // The data, or the record or fact being corrected ("do not disclose the record until it
    // has been corrected").
    let data_near = s.personal_data()
        || s.has(&SETS.data)
        || s.has(&SETS.records)
        || s.has(&SETS.facts)
        || named_before(s.words, before)
        || fact_named_before(s.words, before);
    // "Begrens behandlingen", "restrict the processing of my data", "sperr opplysningene".
    let on_hold = (s.start + 1..s.end).find(|&i| s.word(i) == "hold" && s.word(i - 1) == "on");
    let marketing = s.has(&SETS.marketing);
    if let Some(verb) = s.find(&SETS.restrict).or(on_hold)
        && !s.negated_broadly(verb)
        && data_here
        && !s.acts_on_other_thing(verb)
        && !s.told_not_asked(verb)
        // Stopping marketing is an objection; restricting it is still a restriction.
        && (!marketing || EXPLICIT_RESTRICTION.iter().any(|e| s.word(verb).starts_with(e)))
    {
        return Some(reading(Right::Restriction, verb, verb));
    }
    if marketing {
        return None;
    }
    // "Ikke bruk opplysningene mine mens klagen behandles", "stop using my data until you
    // have checked it", "ikke send den videre før dere har sjekket".
    let stop_use = (s.start..s.end).find(|&i| {
        SETS.use_verbs.contains(s.word(i))
            && !s.acts_on_other_thing(i)
            && (s.negated_broadly(i)
                || s.before(i, 3, &SETS.opt_out)
                || s.before(i, 3, &SETS.restrict))
    });
    let pending_is_time = s.has(&SETS.settled)
        || (s.start..s.end).any(|i| {
            let w = s.word(i);
            matches!(
                w,
                "mens"
                    | "while"
                    | "whilst"
                    | "until"
                    | "inntil"
                    | "tills"
                    | "indtil"
                    | "pending"
                    | "bis"
                    | "solange"
                    | "wahrend"
                    | "medan"
                    | "during"
            ) || (matches!(w, "til" | "for" | "before" | "innan" | "till")
                && i + 1 < s.end
                && matches!(
                    s.word(i + 1),
                    "dere"
                        | "you"
                        | "de"
                        | "dykk"
                        | "ni"
                        | "sie"
                        | "the"
                        | "it"
                        | "det"
                        | "saken"
                        | "klagen"
                        | "klagesaken"
                        | "den"
                        | "ho"
                        | "han"
                        | "hun"
                        | "dei"
                        | "they"
                        | "es"
                        | "er"
                ))
                // "before it is corrected", "innan den är rättad", "før ho er retta".
                || (matches!(w, "for" | "before" | "innan" | "until" | "bis" | "til" | "till")
                    && (i + 1..s.end).any(|j| SETS.correct.contains(s.word(j))))
                || (matches!(w, "sa" | "so")
                    && (s.start..s.end).any(|j| matches!(s.word(j), "lenge" | "long")))
        });
    match stop_use {
        Some(verb) if pending_is_time && data_near => Some(reading(Right::Restriction, verb, verb)),
        _ => None,
    }
}

/// "Don't delete it; keep it, but ..." asks to keep data unused: a restriction. Read over
/// the whole message, since the two halves are often two sentences.
pub(super) fn keep_instead_of_delete(words: &Words<'_>) -> Option<Reading> {
    let tokens = &words.tokens;
    let ranges = sentence_ranges(tokens);
    let sentences: Vec<Sentence<'_, '_>> = ranges
        .iter()
        .enumerate()
        .filter_map(|(sentence, r)| {
            r.map(|(start, end)| Sentence {
                words,
                start,
                end,
                sentence,
            })
        })
        .filter(|s| !words.guarded[s.sentence])
        .collect();
    // "Ikke slett ...", "Please don't.", "radera dem inte", "no borren nada".
    let negated_erase = sentences.iter().find_map(|s| {
        (s.start..s.end).find(|&i| SETS.erase.contains(s.word(i)) && s.negated_broadly(i))
    });
    let please_dont = (1..tokens.len()).find(|&i| {
        matches!(
            tokens[i].word.as_str(),
            "dont" | "not" | "ikke" | "ikkje" | "inte"
        ) && tokens[i - 1].word == "please"
            && tokens
                .get(i + 1)
                .is_none_or(|n| n.sentence != tokens[i].sentence)
    });
    let at = negated_erase.or(please_dont)?;
    // Then kept ("keep them", "behold"), kept unused ("dont use it", "ikkje bruk det"), or
    // needed for a claim ("jeg trenger dem i en rettssak"): a restriction.
    let keep = (at..tokens.len()).find(|&j| {
        SETS.keep.contains(&tokens[j].word)
            && !words.guarded[tokens[j].sentence]
            && !negated(tokens, j)
    });
    let unused = sentences.iter().find_map(|s| {
        (s.start..s.end).find(|&i| {
            SETS.use_verbs.contains(s.word(i)) && s.negated_broadly(i) && !s.acts_on_other_thing(i)
        })
    });
    let needed = sentences.iter().find_map(|s| s.find(&SETS.legal_need));
    keep.or(unused)
        .or(needed)
        .map(|k| reading(Right::Restriction, k, k))
}

/// Whether a fact of the person's, or one the recipient holds, is named in the sentences
/// just before ("The emergency contact on my file is my ex-partner").
fn fact_named_before(words: &Words<'_>, before: &[(usize, usize)]) -> bool {
    any_before(words, before, |s| {
        (s.has(&SETS.facts) || s.has(&SETS.records))
            && (s.personal().is_some() || s.has(&SETS.holders))
            && !s.has(&SETS.not_personal)
    })
}

fn rectification(s: &Sentence<'_, '_>, before: &[(usize, usize)]) -> Option<Reading> {
    let verb = (s.start..s.end).find(|&i| {
        SETS.correct.contains(s.word(i))
            && !s.negated_broadly(i)
            && !s.told_not_asked(i)
            && !ambiguous_rett(s, i)
    })?;
    // "Can you update me on ...", "change my password": not the person's facts.
    let next = if verb + 1 < s.end {
        s.word(verb + 1)
    } else {
        ""
    };
    if s.acts_on_other_thing(verb) || matches!(next, "me" | "meg" | "mig" | "mich" | "us" | "oss") {
        return None;
    }
    // The other EU languages' words stand without a fact list: "popravite v mojem profilu".
    let fact = s
        .near(verb, 8, &SETS.facts)
        .or_else(|| s.near(verb, 6, &SETS.records))
        .or_else(|| s.persons_information(verb))
        .or_else(|| {
            SETS.eu_correct
                .contains(s.word(verb))
                .then(|| s.personal())
                .flatten()
        });
    let Some(fact) = fact else {
        // "Please change it to my sister", "Oppdater til 22 33 44 55", "Rett dette": the
        // fact named just before.
        let points_back = s.gives_new_value(verb) || SETS.anaphors.contains(next);
        return (points_back && fact_named_before(s.words, before))
            .then(|| reading(Right::Rectification, verb, verb));
    };
    // Whose fact: the person's ("min adresse", "my name"), or what the company holds
    // ("your records", "i systemet deres"), or anyone's named in the sentence.
    let whose = s.personal().is_some() || s.has(&SETS.holders);
    whose.then(|| reading(Right::Rectification, verb, fact))
}

/// "rett", "retta", "ret" also mean "right", "directly" and "aimed": "markedsføring retta
/// mot meg", "rett og slett". They correct only first in a sentence or before what they correct.
fn ambiguous_rett(s: &Sentence<'_, '_>, i: usize) -> bool {
    if !matches!(s.word(i), "rett" | "retta" | "ret" | "rettet") {
        return false;
    }
    let next = if i + 1 < s.end { s.word(i + 1) } else { "" };
    // "rett og slett" only; "sjekket og rettet" corrects.
    let and_slett = next == "og" && i + 2 < s.end && s.word(i + 2) == "slett";
    if and_slett
        || matches!(
            next,
            "mot" | "til" | "fram" | "frem" | "inn" | "ut" | "for" | "pa"
        )
    {
        return true;
    }
    // After a passive or modal it is the verb: "må bli rettet", "skal rettes", "få den rettet".
    if i > s.start
        && matches!(
            s.word(i - 1),
            "bli"
                | "blir"
                | "vert"
                | "verte"
                | "blitt"
                | "vorte"
                | "ma"
                | "skal"
                | "bor"
                | "og"
                | "den"
                | "det"
                | "dem"
                | "dei"
        )
    {
        return false;
    }
    let first = i == s.start || (i > s.start && SETS.please.contains(s.word(i - 1)));
    !(first
        || SETS.anaphors.contains(next)
        || SETS.facts.contains(next)
        || SETS.me.contains(next)
        || matches!(
            next,
            "opp" | "feilen" | "feila" | "feilene" | "dei" | "de" | "dykk"
        ))
}

fn portability(s: &Sentence<'_, '_>, before: &[(usize, usize)]) -> Option<Reading> {
    let machine = (s.start..s.end.saturating_sub(1))
        .find(|&i| s.word(i) == "machine" && s.word(i + 1).starts_with("readab"));
    // Portability named in another EU language ("portabilité", "přenositelnost", "file CSV").
    if let Some(word) = s.find(&SETS.eu_portability)
        && !s.negated_broadly(word)
        && s.personal().is_some()
    {
        return Some(reading(Right::Portability, word, word));
    }
    let format = s.find(&SETS.formats).or(machine).or_else(|| {
        // "som fil", "as a file", "in a file I can import".
        (s.start + 1..s.end).find(|&i| {
            matches!(
                s.word(i),
                "fil" | "filen" | "file" | "files" | "filer" | "datei" | "fila"
            ) && matches!(
                s.word(i - 1),
                "som" | "as" | "a" | "en" | "ei" | "ein" | "als" | "one"
            )
        })
    })?;
    if matches!(s.word(format), "format" | "formatet" | "formaat") && !s.has(&SETS.moves) {
        return None;
    }
    let tokens = s.tokens();
    if negated(tokens, format) {
        return None;
    }
    let moves_here = s.find(&SETS.moves);
    let moves_near = moves_here.or_else(|| {
        // The move may be told in the next sentence ("... in CSV. I am switching banks.").
        (s.end..tokens.len().min(s.end + 25))
            .take_while(|&j| tokens[j].sentence <= s.sentence + 2)
            .find(|&j| SETS.moves.contains(&tokens[j].word))
    });
    let strong = !matches!(
        s.word(format),
        "format" | "formatet" | "formaat" | "excel" | "xlsx"
    ) && !s.word(format).starts_with("download");
    if moves_near.is_none() && !strong {
        return None;
    }
    let data = s.personal_data()
        || (s.has(&SETS.data) && s.personal().is_some())
        || s.personal().is_some()
        || named_before(s.words, before);
    data.then(|| reading(Right::Portability, format, moves_here.unwrap_or(format)))
}

fn access(s: &Sentence<'_, '_>) -> Option<Reading> {
    let tokens = s.tokens();
    if let Some(got) = s.source() {
        return Some(reading(Right::Access, s.start, got));
    }
    // A recording of the person handed over or asked for: "Eg ber om å få utlevert
    // kameraopptaka der eg er med", "Jag vill få ut övervakningsfilmen där jag syns".
    let other_right = s.has(&SETS.erase) || s.has(&SETS.correct) || s.has(&SETS.restrict);
    if let Some(rec) = (s.start..s.end).find(|&i| is_recording(s.word(i)))
        && !other_right
        && !s.has(&SETS.formats)
        && !s.has(&SETS.moves)
        && !s.negated_broadly(rec)
        && (s.has(&SETS.giving)
            || s.has(&SETS.access_nouns)
            || s.before(rec, 3, &SETS.wishes)
            || (s.start + 1..rec).any(|i| s.word(i) == "ut" && s.word(i - 1) == "fa"))
    {
        return Some(reading(Right::Access, rec, rec));
    }
    // A yes-or-no question whether the person's data is held or shared: "Har dere delt
    // personopplysningene mine med noen?", "Do you process my personal data?".
    if s.question() && SETS.yes_no.contains(s.word(s.start)) && s.personal_data() {
        let verb = (s.start + 1..s.end)
            .find(|&i| SETS.holding.contains(s.word(i)) || SETS.disclosing.contains(s.word(i)))
            .filter(|&i| !SETS.about.contains(s.word(i)) && !s.acts_on_other_thing(i));
        if let Some(v) = verb {
            return Some(reading(Right::Access, s.start, v));
        }
    }
    // Whether a decision about the person was made by a machine: "Er det gjort noka
    // automatisk avgjerd om meg?", "Wurde über meinen Kreditantrag automatisiert entschieden?".
    if let Some(a) = s.find(&SETS.automated_words)
        && s.near(a, 3, &SETS.decisions).is_some()
        && s.personal().is_some()
        && (s.question() || s.has(&SETS.know))
        && !s.negated_broadly(a)
    {
        return Some(reading(Right::Access, a, a));
    }
    // What is held handed over: "send me everything you store about me", "I would like all
    // information held about me to be disclosed to me", "post me a copy of whatever you have
    // on file".
    if let Some(give) = (s.start..s.end).find(|&i| SETS.giving.contains(s.word(i)))
        && (about_held(s) || on_file(s))
        && !s.has(&SETS.formats)
        && !s.has(&SETS.moves)
        && !s.negated_broadly(give)
        && !s.acts_on_other_thing(give)
        && !other_right
    {
        return Some(reading(Right::Access, give, give));
    }
    // "a copy of the CCTV footage", "en kopi av lydopptaket", "innsyn i det dere har om meg".
    if let Some(noun) = s.find(&SETS.access_nouns)
        && !s.word(noun).starts_with("auskunftei")
        && !s.word(noun).starts_with("auskunftssperr")
        && !s.negated_broadly(noun)
        && !s.acts_on_other_thing(noun)
        && (s.personal_data()
            || s.has(&SETS.recordings)
            || (s.start..s.end).any(|i| is_recording(s.word(i)))
            || s.personal().is_some())
    {
        let copy = is_copy_word(s.word(noun));
        // A copy of a letter or an invoice is not the person's data; a copy in a format is
        // access and portability both (portability is read there).
        if !copy || s.personal_data() || s.has(&SETS.recordings) {
            return Some(reading(Right::Access, noun, noun));
        }
    }
    // "Hva har dere lagret om meg?", "what info do u have on me", "jeg vil vite hvilke
    // opplysninger dere behandler om meg", "tell me who you shared my details with".
    let asked = s.find(&SETS.question_words)?;
    let knows = s.question() || s.has(&SETS.know) || s.has(&SETS.see);
    if !knows || negated(tokens, asked) {
        return None;
    }
    let holds = (asked + 1..s.end).find(|&i| SETS.holding.contains(s.word(i)));
    let shared = (s.start..s.end).find(|&i| SETS.disclosing.contains(s.word(i)));
    match (holds, shared) {
        (Some(h), _)
            if s.personal_data() && !SETS.about.contains(s.word(h))
                || s.personal_data() && about_held(s) =>
        {
            Some(reading(Right::Access, asked, h))
        }
        (_, Some(d)) if s.personal_data() || (s.personal().is_some() && s.has(&SETS.data)) => {
            Some(reading(Right::Access, asked, d))
        }
        _ => None,
    }
}

/// "whatever you have on file", "what ye hold on file": what is held on the person.
fn on_file(s: &Sentence<'_, '_>) -> bool {
    (s.start + 1..s.end.saturating_sub(1)).any(|i| {
        s.word(i) == "on"
            && matches!(s.word(i + 1), "file" | "record")
            && (s.start..i).any(|j| SETS.holding.contains(s.word(j)))
    })
}

/// Whether `word` names a recording: "kameraopptaka", "övervakningsfilmen", "optagelser",
/// "CCTV footage", "samtaleopptak".
fn is_recording(word: &str) -> bool {
    [
        "opptak",
        "optak",
        "video",
        "optagels",
        "inspelning",
        "overvakningsfilm",
        "overvakingsfilm",
        "footage",
        "recording",
        "aufnahme",
        "aufzeichnung",
        "cctv",
    ]
    .iter()
    .any(|r| word.contains(r))
}

/// "what … about me": the data held is named by "om meg" alone.
fn about_held(s: &Sentence<'_, '_>) -> bool {
    (s.start + 1..s.end).any(|i| {
        matches!(s.word(i), "meg" | "me" | "mig" | "mich" | "mae")
            && SETS.about.contains(s.word(i - 1))
            && (s.start..i - 1)
                .any(|j| SETS.holding.contains(s.word(j)) || SETS.data.contains(s.word(j)))
    })
}

/// Whether a right found at tokens `start..end`, by a phrase rule or by meaning, stands: not
/// in a sentence asking how, why or what if ("Where can I find the setting to delete my
/// history?"); not an action the message tells was done, is planned or is not wanted ("I
/// deleted my old account", "kontoer slettes etter to år", "Jeg vil IKKE at kontoen skal
/// slettes"); not a copy the person says they have received ("Takk, jeg har mottatt kopien").
pub(super) fn stands(words: &Words<'_>, right: Right, start: usize, end: usize) -> bool {
    let s = Sentence::around(words, start);
    let (from, to) = (s.start, s.end);
    if s.wonders() && !(right == Right::Access && s.asks_source()) {
        return false;
    }
    let end = end.min(to);
    if right == Right::Access {
        // The data spoken of is to be erased or corrected, not seen: "Jeg ber om at dere nå
        // sletter opplysningene om meg".
        let other = (start..end).any(|i| {
            (SETS.erase.contains(s.word(i)) || SETS.correct.contains(s.word(i)))
                && !s.negated_broadly(i)
                && !ambiguous_rett(&s, i)
        });
        if other {
            return false;
        }
        // Received: "jeg har mottatt kopien av personopplysningene mine", "I got the file".
        let got = (from..end).any(|i| {
            SETS.received.contains(s.word(i))
                && (i + 1..(i + 6).min(to)).any(|j| SETS.access_actions.contains(s.word(j)))
                && !s.before(i, 4, &SETS.wishes)
        });
        return !got;
    }
    if right == Right::Objection {
        if s.newsletter_footer() {
            return false;
        }
        // Told as made before, asking nothing now: "Jeg har tidligere protestert mot at dere
        // bruker dataene mine", "Eg har tidlegare sendt dykk ei innvending".
        let perfect = (from..start).any(|i| perfect_aux(s.word(i)));
        let stops: Vec<usize> = (start..end)
            .filter(|&i| SETS.opt_out.contains(s.word(i)))
            .collect();
        let told = s.has(&SETS.told_before)
            || (!stops.is_empty() && stops.iter().all(|&i| s.told_not_asked(i)));
        return !(perfect && told && !s.has(&SETS.ask_now));
    }
    let action = match right {
        Right::Erasure => &SETS.erase,
        Right::Rectification => &SETS.correct,
        Right::Restriction => &SETS.restrict,
        _ => return true,
    };
    let verbs: Vec<usize> = (start..end)
        .filter(|&i| action.contains(s.word(i)))
        .collect();
    // A fact told changed, with its new value, asks for the correction.
    let new_value = |v: usize| right == Right::Rectification && s.gives_new_value(v);
    // "Can you update me on my case?" asks for news, not a correction.
    let informs = |v: usize| {
        right == Right::Rectification
            && v + 2 < to
            && matches!(s.word(v + 1), "me" | "meg" | "mig" | "mich" | "us" | "oss")
            && matches!(
                s.word(v + 2),
                "on" | "om" | "pa" | "about" | "uber" | "regarding"
            )
    };
    // "rett og slett" means "simply".
    let simply = |v: usize| {
        right == Right::Erasure
            && v >= from + 2
            && s.word(v) == "slett"
            && s.word(v - 1) == "og"
            && s.word(v - 2) == "rett"
    };
    verbs.is_empty()
        || !verbs.iter().all(|&v| {
            s.negated_broadly(v)
                || (s.told_not_asked(v) && !new_value(v))
                || informs(v)
                || simply(v)
        })
}

/// Whether the message is a machine's: an automatic reply or notification ("This is an
/// automated message", "Svar venligst ikke på denne mail", "out of office"). Such mail asks
/// nothing, whatever words it holds.
pub(super) fn machine_sent(words: &Words<'_>) -> bool {
    let tokens = &words.tokens;
    (0..tokens.len()).any(|i| {
        SETS.automated
            .iter()
            .any(|p| p.match_at(tokens, i).is_some())
    })
}

/// Whether the change verb at token `i` asks for a change (for the correction in two steps):
/// not in a sentence asking how ("where do I change my number?"), not "rett til" (a right
/// to), not told as done or asked before.
pub(super) fn asks_change(words: &Words<'_>, i: usize) -> bool {
    let s = Sentence::around(words, i);
    !s.wonders()
        && !ambiguous_rett(&s, i)
        && !s.negated_broadly(i)
        && (!s.told_not_asked(i) || s.gives_new_value(i))
}
