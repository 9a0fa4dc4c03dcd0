//! Right recognition on text: what must be recognised, and what must not.

use super::recognise;
use crate::domain::request::Right::{self, *};

fn rights(subject: &str, body: &str) -> Vec<Right> {
    recognise(subject, body)
        .into_iter()
        .map(|r| r.right)
        .collect()
}

#[track_caller]
fn check(cases: &[(&str, &str, &[Right])]) {
    for (subject, body, want) in cases {
        assert_eq!(
            &rights(subject, body),
            want,
            "subject {subject:?}, body {body:?}"
        );
    }
}

#[test]
fn norwegian_bokmal() {
    check(&[
        ("Innsynsbegjæring", "", &[Access]),
        ("", "Jeg ber om innsyn.", &[Access]),
        (
            "",
            "Jeg vil ha en kopi av opplysningene dere har.",
            &[Access],
        ),
        (
            "",
            "Jeg vil vite hvilke opplysninger dere har om meg.",
            &[Access],
        ),
        ("", "Slett meg!", &[Erasure]),
        ("", "Vennligst slett kontoen min.", &[Erasure]),
        (
            "",
            "Jeg krever at mine personopplysninger slettes.",
            &[Erasure],
        ),
        (
            "",
            "Kan dere rette navnet mitt? Det er stavet feil.",
            &[Rectification],
        ),
        (
            "",
            "Jeg ber om retting av feil opplysninger om meg.",
            &[Rectification],
        ),
        (
            "",
            "Jeg ber dere begrense behandlingen av opplysningene mine.",
            &[Restriction],
        ),
        (
            "",
            "Jeg protesterer mot at dere bruker mine opplysninger til profilering.",
            &[Objection],
        ),
        ("", "Jeg reserverer meg mot markedsføring.", &[Objection]),
        (
            "",
            "Jeg vil ikke lenger motta nyhetsbrev fra dere.",
            &[Objection],
        ),
        ("", "Jeg ber om dataportabilitet.", &[Portability]),
        (
            "",
            "Jeg vil flytte mine data til en annen leverandør.",
            &[Portability],
        ),
    ]);
}

#[test]
fn nynorsk() {
    check(&[
        (
            "",
            "Eg vil ha innsyn i kva opplysningar de har lagra om meg.",
            &[Access],
        ),
        (
            "",
            "Eg ynskjer at de slettar alle opplysningane mine.",
            &[Erasure],
        ),
        ("", "Eg vil bli gløymd.", &[Erasure]),
        ("", "Eg ber om at dataa mine blir sletta.", &[Erasure]),
        (
            "",
            "Eg ber dykk avgrense behandlinga av opplysningane mine.",
            &[Restriction],
        ),
        (
            "",
            "Eg motset meg at de brukar opplysningane mine til marknadsføring.",
            &[Objection],
        ),
        (
            "",
            "Eg vil ikkje lenger få nyheitsbrev frå dykk.",
            &[Objection],
        ),
        ("", "Eg melder meg av tilboda dykkar.", &[Objection]),
    ]);
}

#[test]
fn english() {
    check(&[
        ("DSAR", "", &[Access]),
        ("", "I am making a subject access request.", &[Access]),
        ("", "Please send me a copy of my personal data.", &[Access]),
        ("", "What personal data do you hold about me?", &[Access]),
        ("", "Please delete my data.", &[Erasure]),
        ("", "I invoke my right to be forgotten.", &[Erasure]),
        (
            "",
            "Please rectify my address, it is out of date.",
            &[Rectification],
        ),
        (
            "",
            "I want you to restrict processing of my data.",
            &[Restriction],
        ),
        (
            "",
            "I object to the processing of my personal data for profiling.",
            &[Objection],
        ),
        ("", "Please stop sending me marketing emails.", &[Objection]),
        ("", "Please unsubscribe me.", &[Objection]),
        // A copy is access (all the data); machine-readable, portability (what was provided).
        (
            "",
            "I want a machine-readable copy of my data.",
            &[Access, Portability],
        ),
        (
            "",
            "I am exercising my right to data portability.",
            &[Portability],
        ),
    ]);
}

#[test]
fn article_numbers_in_any_language() {
    check(&[
        ("", "Request under Article 15.", &[Access]),
        ("", "Ich beantrage Auskunft nach Art. 15 DSGVO.", &[Access]),
        ("Art. 21 DSGVO", "", &[Objection]),
        ("", "Begäran enligt artikel 17.", &[Erasure]),
        ("", "Krav etter artikkel 20.", &[Portability]),
        ("", "Solicitud según el artículo 17 del RGPD.", &[Erasure]),
        ("", "Richiesta ai sensi dell'articolo 15.", &[Access]),
        (
            "",
            "Demande au titre de l'article 16 du RGPD.",
            &[Rectification],
        ),
        ("", "GDPR 17 please.", &[Erasure]),
        ("", "jf. art. 15 og 17", &[Access, Erasure]),
        ("", "Art. 18(1)(a) applies.", &[Restriction]),
        // Bare numbers, other articles and ranges cite no right.
        ("", "Jeg har vært kunde i 15 år og har 17 ordre.", &[]),
        ("", "Faktura 15 forfaller 21. mars.", &[]),
        ("", "Behandlingen skjer etter art. 6 nr. 1 bokstav b.", &[]),
        ("", "Rettighetene i art. 15–21 gjelder.", &[]),
        ("", "Article 17 of your terms says otherwise, I think.", &[]),
        ("", "Etter artikkel 15 i avtalen skal jeg ha rabatt.", &[]),
    ]);
}

#[test]
fn several_rights_sorted_once_each() {
    let found = recognise(
        "Innsyn og sletting",
        "Jeg ber om innsyn. Slett deretter alle mine opplysninger. Slett kontoen min også. Jeg ber om innsyn igjen.",
    );
    let got: Vec<Right> = found.iter().map(|r| r.right).collect();
    assert_eq!(got, vec![Access, Erasure]);
    assert_eq!(
        found[0].phrase, "Innsyn",
        "the subject's phrase comes first"
    );
    assert_eq!(found[1].phrase, "Slett deretter alle mine opplysninger");
}

#[test]
fn ordinary_mail_asks_for_nothing() {
    check(&[
        (
            "Faktura",
            "Hvorfor er fakturaen min feil? Kan dere slette fakturaen og sende ny?",
            &[],
        ),
        ("", "Kan dere slette fakturaen og sende meg en ny?", &[]),
        ("", "Please delete this old meeting invite.", &[]),
        ("", "Please delete my old meeting invite, thanks.", &[]),
        ("", "Tusen takk for at dere slettet kontoen min!", &[]),
        ("", "Takk for hjelpen med innsyn i saken.", &[]),
        ("", "Du har rett til innsyn, retting og sletting.", &[]),
        ("", "Les mer om innsyn i personvernerklæringen.", &[]),
        ("", "Vår plattform automatiserer innsynsbegjæringer.", &[]),
        (
            "",
            "You have the right to request access to your personal data.",
            &[],
        ),
        ("", "I object to the price increase.", &[]),
        ("", "Jeg protesterer mot fakturaen.", &[]),
        ("", "Vi ber om innsyn i databehandleravtalen.", &[]),
        ("", "Jeg ber om innsyn i saken.", &[]),
        ("", "Can you restrict access to the shared folder?", &[]),
        ("", "Jeg vil rette en klage på leveransen.", &[]),
        (
            "",
            "Please send the invoice in a machine-readable format.",
            &[],
        ),
        ("", "Do you transfer my data outside the EU?", &[]),
        ("", "Please send me a copy of the invoice details.", &[]),
        ("", "Remove me from the CC list, please.", &[]),
    ]);
}

#[test]
fn negation_turns_a_phrase_around() {
    check(&[
        (
            "",
            "Jeg ønsker ikke at dere sletter mine opplysninger, men jeg vil ha innsyn.",
            &[Access],
        ),
        ("", "Please do not delete my account.", &[]),
        ("", "I don't want you to erase my data.", &[]),
    ]);
}

#[test]
fn thanks_in_advance_still_asks() {
    check(&[(
        "",
        "Takk på forhånd for at dere sletter mine data.",
        &[Erasure],
    )]);
    check(&[(
        "",
        "Thank you in advance for deleting my account.",
        &[Erasure],
    )]);
}

#[test]
fn a_list_unsubscribe_is_objection_not_erasure() {
    check(&[
        ("", "Slett meg fra nyhetsbrevet.", &[Objection]),
        ("", "Please remove me from your mailing list.", &[Objection]),
        ("", "Slett meg fra databasen deres.", &[Erasure]),
    ]);
}

#[test]
fn quoted_replies_are_not_the_requester_speaking() {
    let body = "Her er kundenummeret mitt.\n\nOn Mon, 5 Feb 2024, ORINOR wrote:\n> Du ba om sletting av alle mine opplysninger.";
    assert_eq!(rights("Kundenummer", body), vec![]);
    assert_eq!(rights("", "> Jeg ber om innsyn.\nTakk for svar."), vec![]);
    // A forwarded request is still the requester's own.
    let fwd = "-----Forwarded message-----\nJeg ber om innsyn i mine opplysninger.";
    assert_eq!(rights("Fwd: innsyn", fwd), vec![Access]);
}

#[test]
fn matching_ignores_case_and_diacritics_but_needs_whole_words() {
    check(&[
        ("", "JEG BER OM INNSYN", &[Access]),
        ("", "jeg vil bli glemt", &[Erasure]),
        ("", "Jeg ber om innsynet mitt", &[Access]),
        ("", "Jeg har kjøpt en maskinlesbar-skriver", &[]),
    ]);
}

#[test]
fn a_copy_must_be_of_personal_data() {
    check(&[
        (
            "",
            "Jeg vil ha en kopi av alle opplysningene dere har.",
            &[Access],
        ),
        ("", "Kan jeg få kopi av mine personopplysninger?", &[Access]),
        (
            "",
            "Jeg vil ha kopi av kvitteringen og opplysninger om leveringstid.",
            &[],
        ),
        ("", "Kan du sende meg kopi av fakturaen?", &[]),
    ]);
}

#[test]
fn gdpr_articles_cited_in_every_eu_language() {
    check(&[
        (
            "",
            "Žádám o přístup podle článku 15 obecného nařízení GDPR.",
            &[Access],
        ),
        (
            "",
            "Na základe článku 17 GDPR žiadam o vymazanie.",
            &[Erasure],
        ),
        ("", "Ζητώ πρόσβαση βάσει του άρθρου 15 του ΓΚΠΔ.", &[Access]),
        (
            "",
            "Na temelju članka 16 Opće uredbe tražim ispravak.",
            &[Rectification],
        ),
        (
            "",
            "Zahtevam dostop na podlagi člena 15 Splošne uredbe.",
            &[Access],
        ),
        (
            "",
            "Na podstawie art. 17 RODO proszę o usunięcie.",
            &[Erasure],
        ),
        ("", "Wnoszę na podstawie artykułu 21 RODO.", &[Objection]),
        (
            "",
            "A GDPR 15. cikke alapján kérem az adataimat.",
            &[Access],
        ),
        ("", "Prašau pagal BDAR 15 straipsnį.", &[Access]),
        ("", "Lūdzu saskaņā ar VDAR 17. pantu dzēst.", &[Erasure]),
        (
            "",
            "Palun isikuandmete kaitse üldmääruse artikli 15 alusel.",
            &[Access],
        ),
        (
            "",
            "Pyydän tietosuoja-asetuksen 15 artiklan mukaisesti.",
            &[Access],
        ),
        (
            "",
            "Solicit în temeiul articolul 20 din RGPD.",
            &[Portability],
        ),
        ("", "Моля, съгласно член 15 от ОРЗД.", &[Access]),
        ("", "Nitlob skont l-Artikolu 15 tal-GDPR.", &[Access]),
        ("", "Iarraim faoi Airteagal 15 den RGCS.", &[Access]),
        // 19 and 22 are not among the six rights; a range describes, it does not ask.
        ("", "A GDPR 22. cikke szerint.", &[]),
        ("", "Podle článků 15–21 máte povinnosti.", &[]),
    ]);
}

#[test]
fn contractions_count_as_the_first_person_and_copies_of_messages_are_access() {
    check(&[
        (
            "",
            "Please send me copies of all the emails and chat messages I've sent to customer service, plus any notes you've made about me.",
            &[Access],
        ),
        (
            "",
            "I'd like to opt out of all marketing communications, including push notifications in the app.",
            &[Objection],
        ),
    ]);
}

#[test]
fn machine_readable_and_nynorsk_address_forms() {
    check(&[
        (
            "",
            "Kan jeg få utlevert mine data i et maskinlesbart format, f.eks. JSON eller CSV?",
            &[Portability],
        ),
        (
            "",
            "Ta meg ut av kundelista og slett e-postadressa mi.",
            &[Erasure],
        ),
    ]);
}

#[test]
fn a_pronoun_or_bare_noun_points_back_to_personal_data_named_before() {
    check(&[
        (
            "",
            "Jeg hadde en profil hos dere for mange år siden. Kan dere slette den?",
            &[Erasure],
        ),
        (
            "",
            "There is an old picture of me on your page. Please delete it.",
            &[Erasure],
        ),
        (
            "",
            "Hva har dere lagret om meg? Slett alt.",
            &[Access, Erasure],
        ),
        (
            "",
            "My account is no longer needed. I want it removed.",
            &[Erasure],
        ),
        (
            "",
            "Sønnen min har laget en profil uten lov. Jeg ber om at profilen slettes.",
            &[Erasure],
        ),
        (
            "",
            "Jeg ber om at alle opplysninger om ham slettes.",
            &[Erasure],
        ),
    ]);
    // Nothing named before, an invoice nearer than the data, or their own plan.
    check(&[
        ("", "Kan dere slette den?", &[]),
        ("", "Fakturaen for mars er feil. Kan dere slette den?", &[]),
        (
            "",
            "Jeg har en konto hos dere. Fakturaen er feil, kan dere slette den?",
            &[],
        ),
        (
            "",
            "You said you no longer need my account and will delete it.",
            &[],
        ),
        // A blocked account is not a restriction of processing.
        ("", "Jeg har mistet kortet. Kan dere sperre den?", &[]),
    ]);
}

#[test]
fn personal_data_showing_the_writer_or_written_informally() {
    check(&[
        (
            "",
            "Kan dere fjerne bildet av meg fra nettsiden?",
            &[Erasure],
        ),
        ("", "pls delete my acc", &[Erasure]),
        ("", "wipe my profile", &[Erasure]),
        ("", "I want everything about me gone.", &[Erasure]),
        ("", "Please update my surname to Hansen.", &[Rectification]),
        (
            "",
            "Jeg ber om innsyn i journalen dere har om meg.",
            &[Access],
        ),
        ("", "Jeg ber om innsyn i journalen til saken.", &[]),
        ("", "I want the old logo gone.", &[]),
        ("", "Kan dere fjerne bildet av bilen fra nettsiden?", &[]),
    ]);
}

#[test]
fn a_polite_question_or_a_later_imperative_asks() {
    check(&[
        ("", "Kan dere slette kontoen hennes?", &[Erasure]),
        (
            "",
            "Hva har dere om meg? Når dere har svart, slett alt.",
            &[Access, Erasure],
        ),
        ("", "1) Then delete my account.", &[Erasure]),
        ("", "Kan dere slette fakturaen?", &[]),
        ("", "Når dere sletter fakturaen, send en ny.", &[]),
    ]);
}

#[test]
fn an_objection_may_point_back_to_what_it_is_against() {
    check(&[
        (
            "",
            "Dere bruker adressen min til reklame. Jeg protesterer.",
            &[Objection],
        ),
        (
            "",
            "Dere sender meg nyhetsbrev hver uke. Jeg vil ikke ha dem lenger.",
            &[Objection],
        ),
        ("", "Stop sending me ads.", &[Objection]),
        ("", "Slutta å senda meg tilbod.", &[Objection]),
        ("", "Take me off every mailing list.", &[Objection]),
        ("", "Jeg protesterer.", &[]),
        ("", "Fakturaen er for høy. Jeg protesterer.", &[]),
        (
            "",
            "Dere sendte meg en faktura. Jeg vil ikke ha den lenger.",
            &[],
        ),
        ("", "Please take me off the waiting list.", &[]),
    ]);
}

#[test]
fn a_correction_in_two_steps_from_what_a_record_says() {
    check(&[
        (
            "",
            "Your records say I was born in 1990. It was 1909. Please update this.",
            &[Rectification],
        ),
        (
            "",
            "Dere har feil telefonnummer på ham. Vennligst rett dette.",
            &[Rectification],
        ),
        (
            "",
            "Feil fødselsdato\nDen står som første mai. Vennligst endre.",
            &[Rectification],
        ),
        ("", "Dere har sendt feil vare. Kan dere fikse det?", &[]),
        (
            "",
            "Your website says the shop opens at nine. Please update it.",
            &[],
        ),
    ]);
}

#[test]
fn not_used_until_settled_is_restriction() {
    check(&[
        (
            "",
            "Please do not use my data until the dispute is settled.",
            &[Restriction],
        ),
        (
            "",
            "Jeg vil ikke at dere bruker opplysningene mine i kredittvurderingen.",
            &[Restriction],
        ),
        (
            "",
            "Inntil dere har kontrollert opplysningene, vil jeg ikke at dere bruker dem.",
            &[Restriction],
        ),
        (
            "",
            "Please don't use the old card until the new one arrives.",
            &[],
        ),
        (
            "",
            "Until you have verified the payment, we will not ship the order.",
            &[],
        ),
    ]);
}

#[test]
fn files_to_take_elsewhere_and_who_data_was_shared_with() {
    check(&[
        (
            "",
            "Jeg vil ha treningsloggen i CSV, slik at jeg kan gi den til en ny app.",
            &[Portability],
        ),
        (
            "",
            "Bitte senden Sie mir meine Daten als JSON.",
            &[Portability],
        ),
        (
            "",
            "Can I have my posts in a file I can upload elsewhere?",
            &[Portability],
        ),
        (
            "",
            "Please transfer my data directly to my new bank.",
            &[Portability],
        ),
        (
            "",
            "Jeg vil vite hvem dere har delt opplysningene mine med.",
            &[Access],
        ),
        ("", "Who have you shared my data with?", &[Access]),
        ("", "Kan dere sende fakturaen som CSV?", &[]),
        ("", "Please transfer the money directly to my account.", &[]),
        ("", "Who at your office handles invoices?", &[]),
    ]);
}

#[test]
fn everyday_phrasings() {
    check(&[
        ("", "Jeg vil se hva dere har lagret.", &[Access]),
        ("", "Hva vet dere om meg?", &[Access]),
        ("", "Har dere noen opplysninger om meg?", &[Access]),
        ("", "I'd like to request my personal data.", &[Access]),
        (
            "",
            "Jag vill få ett utdrag av mina personuppgifter.",
            &[Access],
        ),
        (
            "",
            "Jeg vil gerne have en kopi af mine personoplysninger.",
            &[Access],
        ),
        ("", "Kan jeg få dataene mine?", &[Access]),
        ("", "Kan jeg få dataene mine slettet?", &[Erasure]),
        (
            "",
            "Jeg vil ikke være kunde lenger, slett alt om meg.",
            &[Erasure],
        ),
        ("", "Ta meg ut av registeret.", &[Erasure]),
        ("", "I want you to forget me.", &[Erasure]),
        (
            "",
            "Please change my address to 5 Oak Road.",
            &[Rectification],
        ),
        ("", "Rett opp adressa mi.", &[Rectification]),
        ("", "Ret min adresse.", &[Rectification]),
        ("", "Etternavnet mitt er feil.", &[Rectification]),
        (
            "",
            "Telefonnummeret mitt er endret til 99887766.",
            &[Rectification],
        ),
        (
            "",
            "I have moved. My new address is 5 Oak Road.",
            &[Rectification],
        ),
        (
            "",
            "Dere har feil kontonummer på meg. Riktig er 1234.56.78903.",
            &[Rectification],
        ),
        (
            "",
            "My phone number is wrong (should be 07911 123456).",
            &[Rectification],
        ),
        (
            "",
            "Jeg ønsker ikke at dere bruker opplysningene mine til markedsføring.",
            &[Objection],
        ),
        ("", "Stop emailing me.", &[Objection]),
        (
            "",
            "Jeg vil overføre dataene mine til en annen tjeneste.",
            &[Portability],
        ),
        // Not asking for a right.
        ("", "Jeg har ret til at klage.", &[]),
        ("", "Please note our new address is 5 Oak Road.", &[]),
        (
            "",
            "The address on the invoice is wrong, it should be deleted.",
            &[],
        ),
        ("", "Can I get my invoice as a PDF?", &[]),
    ]);
}

#[test]
fn a_correction_pointing_back_or_setting_the_records_against_the_facts() {
    check(&[
        // The fact named before, the change asked after with a pronoun or a new value.
        (
            "",
            "The emergency contact on my file is my ex-partner. Please change it to my sister.",
            &[Rectification],
        ),
        (
            "",
            "Telefonnummeret dere har er til et sykehjem hun ikke lenger bor på. Oppdater til 22 33 44 55.",
            &[Rectification],
        ),
        // What the records say against what is so.
        (
            "",
            "Det står i brevet at eg er gift, men eg er skild. Endre det, takk.",
            &[Rectification],
        ),
        (
            "",
            "Hej, ni har registrerat mig som ogift, men jag är gift sedan 2020. Rätta uppgiften.",
            &[Rectification],
        ),
        // A passive after a modal, and "sjekket og rettet", correct; "rett og slett" does not.
        (
            "",
            "Fødselsdatoen min må bli rettet i systemet deres.",
            &[Rectification],
        ),
        (
            "",
            "hej telefonnumret ni har på mig är fel, rätt nummer är 070-412 33 98.",
            &[Rectification],
        ),
        ("", "I want my records corrected.", &[Rectification]),
        // Not corrections: news asked for, a company's own text, what was not received.
        ("", "Please update me on the status of my request.", &[]),
        (
            "",
            "Your website says you open at 9, but it was closed at 9.30. Please fix it.",
            &[],
        ),
        (
            "",
            "Dere skriver at pakken er levert, men jeg har ikke fått den. Kan dere rette opp i dette?",
            &[],
        ),
        (
            "",
            "My previous complaint was never answered. Please update your information on the website.",
            &[],
        ),
        (
            "",
            "Dette er rett og slett feil av dere, adressen min ble brukt.",
            &[],
        ),
    ]);
}

#[test]
fn an_objection_to_mailings_in_the_words_people_use() {
    check(&[
        // Unsubscribing stands alone when asked: a subject, the writer, a "please".
        ("Avmelding", "Vennligst avmeld meg.", &[Objection]),
        ("UNSUBSCRIBE", "", &[Objection]),
        ("", "Meld meg av, takk.", &[Objection]),
        // Stopping the company reaching the person, without a marketing word.
        ("", "Please stop texting me every Friday.", &[Objection]),
        ("", "Kan dere slutte å ringe meg?", &[Objection]),
        ("", "Never call me again.", &[Objection]),
        // Off a mailing list, or a plain list when mail is spoken of.
        ("", "Take me off your SMS list please.", &[Objection]),
        (
            "",
            "Jeg får e-poster fra dere hver dag. Ta meg av lista.",
            &[Objection],
        ),
        // The marketing told just before, the objection pointing back.
        (
            "",
            "Dere sender meg tilbud på SMS hver uke. Det protesterer jeg mot.",
            &[Objection],
        ),
        // Every marketing word in the sentence is read, not just the first.
        (
            "",
            "Jeg vet at dere bruker reklame, og jeg vil ikke lenger få nyhetsbrev.",
            &[Objection],
        ),
        // Not objections: a club's list, a waiting list, a newsletter's footer, an
        // objection told as made before, a bill.
        (
            "",
            "Kan dere fjerne meg fra lista over frivillige i koret?",
            &[],
        ),
        ("", "Please take me off the waiting list.", &[]),
        (
            "",
            "Vil du ikke lenger motta våre tilbud? Meld deg av her.",
            &[],
        ),
        ("", "Unsubscribe | View in browser", &[]),
        (
            "",
            "Jeg har tidligere protestert mot at dere bruker opplysningene mine.",
            &[],
        ),
        ("", "Please stop sending me invoices by post.", &[]),
        ("", "Jeg jobber ikke lenger i Posten.", &[]),
    ]);
}

#[test]
fn access_asked_as_a_question_of_source_sharing_decisions_or_recordings() {
    check(&[
        // Where the data came from, though it opens with "where".
        ("", "Hvor har dere fått mobilnummeret mitt fra?", &[Access]),
        ("", "Who gave you my number?", &[Access]),
        // Yes-or-no: held or shared.
        ("", "Har dere solgt opplysningene mine til noen?", &[Access]),
        ("", "Do you store any personal data about me?", &[Access]),
        // A decision made by a machine.
        (
            "",
            "Ble lånesøknaden min avgjort med en automatisk avgjørelse om meg?",
            &[Access],
        ),
        // A recording of the person handed over.
        (
            "",
            "Jeg ber om å få utlevert videoopptaket fra inngangen der jeg står i kø.",
            &[Access],
        ),
        // What is held handed over, with no question word.
        (
            "",
            "Please email me everything you hold about me.",
            &[Access],
        ),
        ("", "Kindly send me whatever you keep on file.", &[Access]),
        // A copy in a format is both; data handed over in a format is portability.
        (
            "",
            "Send meg en kopi av opplysningene mine som CSV, så jeg kan flytte dem.",
            &[Access, Portability],
        ),
        (
            "",
            "Jeg ber om å få utlevert opplysningene mine i et maskinlesbart format.",
            &[Portability],
        ),
        // Not access: asking how, the data to be erased, a recording to be deleted, a
        // sales pitch for automation.
        ("", "Where can I find my order number?", &[]),
        (
            "",
            "Jeg ber om at dere sletter opplysningene om meg.",
            &[Erasure],
        ),
        ("", "Please delete the CCTV footage of me.", &[Erasure]),
        ("", "Automatiser fakturaene dine med vårt verktøy.", &[]),
    ]);
}

#[test]
fn erasure_told_reported_or_wondered_about_is_not_asked() {
    check(&[
        // What one was told, in a clause after "that".
        (
            "",
            "Jeg fikk brev om at gamle kundekontoer slettes hvert år.",
            &[],
        ),
        ("", "You wrote that my data would be erased in March.", &[]),
        // "Without deleting" negates.
        (
            "",
            "Stans bruken av opplysningene mine til klagen er avgjort, men uten å slette noe.",
            &[Restriction],
        ),
        // A question whose clause opens with "how", nothing asked before it.
        (
            "",
            "Out of interest, how long do you take to delete an account?",
            &[],
        ),
        // Passed on to read.
        (
            "",
            "FYI, an article on how erasure requests get ignored.",
            &[],
        ),
        // Still asked: the wish before "at", a wish in the clause, a request then a question.
        ("", "Så jeg vil at dere sletter alt om meg.", &[Erasure]),
        (
            "",
            "Jeg fikk e-post om kontoen, og jeg ber om at den slettes.",
            &[Erasure],
        ),
        (
            "",
            "Please delete my data, and how long will it take?",
            &[Erasure],
        ),
    ]);
}

#[test]
fn not_used_until_corrected_is_a_restriction_beside_the_correction() {
    check(&[
        (
            "",
            "My credit file says I defaulted in 2021. That is wrong. Please fix it, and do not share the file with lenders until it has been corrected.",
            &[Rectification, Restriction],
        ),
        (
            "",
            "Adressa mi er feil hjå dykk. Rett ho, og ikkje send opplysningane mine vidare før ho er retta.",
            &[Rectification, Restriction],
        ),
        // A restriction verb then a negated other verb: "sperres og ikke gis ut".
        (
            "",
            "Jeg krever at opplysningen om meg sperres og ikke gis ut mens saken pågår.",
            &[Restriction],
        ),
        // "for this scoring" is a purpose, not a time.
        (
            "",
            "I object to being profiled. Please stop using my data for this scoring.",
            &[Objection],
        ),
    ]);
}
