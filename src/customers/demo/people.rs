//! The people of the demo customer database: the customers the demo requests are about
//! (some the same person, some only the same name or phone), and the word lists generated
//! customers are made from.

/// A customer placed at a fixed id, so the demo requests find (or miss) them on purpose.
pub(super) struct Known {
    pub first: &'static str,
    pub last: &'static str,
    pub email: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub street: &'static str,
    pub city: (&'static str, &'static str),
    /// Invoices dated this many days before today (with a packing slip each).
    pub invoices_days_ago: &'static [u64],
    pub newsletter: bool,
    /// The demo requester the demo's officer links this customer to (the link's basis is
    /// checked as for any link: the same e-mail or phone).
    pub linked_to: Option<&'static str>,
}

const OSLO: (&str, &str) = ("0155", "Oslo");

/// Ids 1.. in this order. Comments say which demo request finds the customer, and how.
#[rustfmt::skip]
pub(super) const KNOWN: &[Known] = &[
    // Åse Øverby: same e-mail, phone and name; linked while her access request is open.
    Known { first: "Åse", last: "Øverby", email: Some("ase.overby@example.no"), phone: Some("912 34 567"), street: "Thereses gate 14", city: ("0168", "Oslo"), invoices_days_ago: &[900, 200], newsletter: true, linked_to: Some("Åse Øverby") },
    // A different person with the same name spelled without the Norwegian letters.
    Known { first: "Ase", last: "Overby", email: Some("aseo@epost.example"), phone: Some("+47 934 56 789"), street: "Nygårdsgaten 3", city: ("5015", "Bergen"), invoices_days_ago: &[], newsletter: false, linked_to: None },
    // Lars Bjørnæs: same e-mail in other case; sales records inside and outside retention.
    Known { first: "Lars", last: "Bjørnæs", email: Some("Lars@Bjornaes.no"), phone: Some("0047 455 66 777"), street: "Kongens gate 9", city: ("7011", "Trondheim"), invoices_days_ago: &[2560, 1460, 400, 20], newsletter: true, linked_to: None },
    // Ingrid Haugen: another e-mail, but the same phone number and name.
    Known { first: "Ingrid", last: "Haugen", email: Some("ingrid.h@post.example"), phone: Some("+47 987 65 432"), street: "Strandgata 22", city: ("9008", "Tromsø"), invoices_days_ago: &[700], newsletter: false, linked_to: None },
    // Mohammed Ali: same e-mail and phone; subscribes to the newsletter.
    Known { first: "Mohammed", last: "Ali", email: Some("M.Ali@Example.com"), phone: Some("40122333"), street: "Grønlandsleiret 40", city: ("0190", "Oslo"), invoices_days_ago: &[120], newsletter: true, linked_to: None },
    // Kari Nordmann: same e-mail and phone; the address she wants corrected.
    Known { first: "Kari", last: "Nordmann", email: Some("kari.nordmann@example.no"), phone: Some("412 34 567"), street: "Storgata 10", city: OSLO, invoices_days_ago: &[60], newsletter: false, linked_to: None },
    // Emily Clarke: same e-mail; only old sales records, all past their retention.
    Known { first: "Emily", last: "Clarke", email: Some("emily.clarke@example.co.uk"), phone: Some("+44 7700 900123"), street: "Bygdøy allé 5", city: ("0257", "Oslo"), invoices_days_ago: &[3300], newsletter: true, linked_to: None },
    // Per Olav Dahl: wrote from a new address; only the name matches.
    Known { first: "Per Olav", last: "Dahl", email: Some("per.olav.dahl@epost.example"), phone: Some("+47 452 11 987"), street: "Torggata 2", city: ("3015", "Drammen"), invoices_days_ago: &[1000], newsletter: false, linked_to: None },
    // Jonas Berg: phoned in; the same number written another way.
    Known { first: "Jonas", last: "Berg", email: None, phone: Some("22 33 44 55"), street: "Markveien 35", city: ("0554", "Oslo"), invoices_days_ago: &[300], newsletter: false, linked_to: None },
    // Thomas Müller: the same e-mail ...
    Known { first: "Thomas", last: "Müller", email: Some("t.mueller@example.de"), phone: None, street: "Karl Johans gate 1", city: ("0154", "Oslo"), invoices_days_ago: &[500], newsletter: false, linked_to: None },
    // ... and a namesake spelled without the umlaut.
    Known { first: "Thomas", last: "Muller", email: Some("thomas.muller@post.example"), phone: Some("+49 151 2345 6789"), street: "Sandgata 8", city: ("4005", "Stavanger"), invoices_days_ago: &[], newsletter: false, linked_to: None },
    // Marte Kristiansen: same e-mail; linked, her access package written, answered.
    Known { first: "Marte", last: "Kristiansen", email: Some("marte.k@example.no"), phone: Some("+47 915 55 123"), street: "Parkveien 12", city: ("0350", "Oslo"), invoices_days_ago: &[150], newsletter: false, linked_to: Some("Marte Kristiansen") },
    // Geir Hansen: refused as excessive; still a customer.
    Known { first: "Geir", last: "Hansen", email: Some("geir.h@example.no"), phone: Some("+47 922 00 111"), street: "Elvegata 4", city: ("2317", "Hamar"), invoices_days_ago: &[30], newsletter: false, linked_to: None },
    // Nora Pedersen: same e-mail; linked, her access package written, then erased. Her
    // invoices are younger than bokføringsloven's five years: kept on hold, the rest erased.
    Known { first: "Nora", last: "Pedersen", email: Some("nora.p@example.no"), phone: Some("+47 913 40 286"), street: "Bjørkeveien 7", city: ("1440", "Drøbak"), invoices_days_ago: &[640, 180], newsletter: true, linked_to: Some("Nora Pedersen") },
];

/// Names no generated customer may carry all the words of: the known customers, and the demo
/// requesters who must find nobody (Sofie Lien, Hanne Solberg, Erik Johansen).
#[rustfmt::skip]
pub(super) const RESERVED: &[&str] = &[
    "ase overby", "lars bjornaes", "ingrid haugen", "mohammed ali", "kari nordmann",
    "emily clarke", "per olav dahl", "jonas berg", "thomas muller", "marte kristiansen",
    "geir hansen", "sofie lien", "hanne solberg", "erik johansen", "nora pedersen",
];

/// National numbers of the demo requests and known customers: generated phones avoid them.
#[rustfmt::skip]
pub(super) const RESERVED_PHONES: &[&str] = &[
    "91234567", "93456789", "45566777", "98765432", "40122333", "41234567", "45211987",
    "22334455", "91555123", "92200111", "91340286",
];

#[rustfmt::skip]
pub(super) const FIRST: &[&str] = &[
    "Ole", "Kari", "Lars", "Ingrid", "Per", "Anne", "Jan", "Marit", "Bjørn", "Liv", "Knut",
    "Solveig", "Håkon", "Åse", "Øystein", "Sigrid", "Jørgen", "Ragnhild", "Tor", "Astrid",
    "Geir", "Hilde", "Nils", "Berit", "Erik", "Randi", "Arne", "Gunn", "Terje", "Tone",
    "Ørjan", "Kjærsti", "Sølvi", "Gøril", "Bård", "Åsmund", "Jens", "Mette", "Morten",
    "Nina", "Eirik", "Silje", "Magnus", "Ida", "Sander", "Thea", "Emil", "Nora", "Jonas",
    "Emma", "Mathias", "Sara", "Henrik", "Maja", "Sindre", "Frøydis", "Dag", "Åshild",
    "Vegard", "Mari", "Trond", "Linn", "Ahmed", "Fatima", "Mohammed", "Aisha", "Piotr",
    "Agnieszka", "Tuan", "Linh", "Olav", "Marte", "Sofie", "Hanne", "Thomas", "Kristin",
];

/// Common surnames first: generated customers pick early ones more often.
#[rustfmt::skip]
pub(super) const LAST: &[&str] = &[
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
    "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge",
    "Moe", "Nygård", "Bakke", "Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Næss",
    "Sæther", "Aas", "Myhre", "Ødegård", "Løken", "Bråten", "Våge", "Græsdal", "Rønning",
    "Østby", "Øverby", "Bjørnæs", "Kvåle", "Sandvik", "Ahmed", "Nowak", "Tran", "Nordmann",
];

#[rustfmt::skip]
pub(super) const STREETS: &[&str] = &[
    "Storgata", "Kirkegata", "Skolegata", "Parkveien", "Bjørkeveien", "Granveien", "Fjordgata",
    "Sjøgata", "Løkkeveien", "Åsveien", "Bækkelundveien", "Vårveien", "Hagegata", "Elvegata",
];

#[rustfmt::skip]
pub(super) const CITIES: &[(&str, &str)] = &[
    ("0150", "Oslo"), ("0560", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"),
    ("4006", "Stavanger"), ("9008", "Tromsø"), ("4608", "Kristiansand"), ("3015", "Drammen"),
    ("1606", "Fredrikstad"), ("6002", "Ålesund"), ("8006", "Bodø"), ("2317", "Hamar"),
    ("1440", "Drøbak"), ("3510", "Hønefoss"),
];

#[rustfmt::skip]
pub(super) const EMAIL_DOMAINS: &[&str] =
    &["epost.example", "post.example", "mail.example", "net.example", "online.example"];

#[rustfmt::skip]
pub(super) const PAGES: &[&str] = &[
    "/", "/nettbutikk", "/produkter/kaffe", "/produkter/te", "/kampanje", "/kundeservice",
    "/min-side", "/handlekurv", "/kasse", "/personvern",
];
pub(super) const ACTIONS: &[&str] = &["view", "view", "view", "click", "search", "add-to-cart"];
#[rustfmt::skip]
pub(super) const DEVICES: &[(&str, &str)] = &[
    ("desktop", "1920x1080"), ("desktop", "2560x1440"), ("laptop", "1440x900"),
    ("mobile", "390x844"), ("mobile", "412x915"), ("tablet", "768x1024"),
];
#[rustfmt::skip]
pub(super) const CAMPAIGNS: &[&str] =
    &["Vårnyheter", "Sommersalg", "Høsttilbud", "Julegaver", "Nyhetsbrev", "Kundeklubb"];
pub(super) const CARRIERS: &[&str] = &["Posten", "Bring", "PostNord", "Helthjem"];
