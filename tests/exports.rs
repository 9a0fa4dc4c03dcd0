//! Exports from the demo data at the desk tests' fixed instant: golden files of the case
//! summaries (one with a linked customer, an erasure with a legal hold and a notified
//! recipient) and of every kind of letter, the JSON summary read back, the register, and the
//! calendar.
//!
//! The summaries' golden files live in `tests/golden/`: after a deliberate change, rewrite
//! them with `UPDATE_GOLDEN=1 cargo test --test exports` and read the diff before
//! committing. The letters, in bokmål, nynorsk and English, are insta snapshots in
//! `tests/snapshots/` (review with `cargo insta review`). In CI both are only compared.

mod common;

use std::path::PathBuf;

use chrono::Duration;
use common::*;
use dsr_desk::case::{Answer, Case, Decision, Edit};
use dsr_desk::customers;
use dsr_desk::domain::deadline::oslo_date;
use dsr_desk::domain::request::{EventKind, Request, Right, Status};
use dsr_desk::export::calendar;
use dsr_desk::export::case_facts::{Done, NoCustomerDb};
use dsr_desk::export::letters::{self, Lang, LetterKind, LetterSettings};
use dsr_desk::export::register::{self, RegisterFormat};
use dsr_desk::export::summary::{self, CaseSummary};
use dsr_desk::store::{Period, QueueFilter, Store, View};

/// Compares `actual` with `tests/golden/NAME`, or writes it when asked to (never in CI).
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some() && std::env::var_os("CI").is_none();
    if update {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("golden folder");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; create it with UPDATE_GOLDEN=1 cargo test --test exports",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  now:    {:?}\n\
             (UPDATE_GOLDEN=1 rewrites it after a deliberate change)\n--- now ---\n{actual}",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// The reference of the demo request from `name`.
fn reference_of(store: &Store, name: &str) -> String {
    let filter = QueueFilter {
        view: View::All,
        search: name.into(),
        ..QueueFilter::default()
    };
    let rows = store
        .page(&filter, now().date_naive(), 0, 5)
        .expect("search");
    assert_eq!(rows.len(), 1, "{name}: {rows:?}");
    rows[0].reference.clone()
}

/// Links the customer whose e-mail is the requester's (a sound link: the case checks it).
fn link_by_email(case: &mut Case<'_>, db: &customers::CustomerDb, reference: &str, email: &str) {
    let found = db.lookup(email, 5).expect("lookup");
    let customer = found.first().expect("a demo customer").customer_id;
    case.link(db, reference, customer, None).expect("link");
}

/// The demo with the open rectification, restriction, objection and access requests carried
/// out in the customer records and decided, all through the case workflow, so that every
/// kind of letter has a request whose record allows it.
fn decided_demo() -> InDir<Store> {
    let mut store = demo_store();
    let mut db = customers::open_for(&store).expect("customer db");
    let exports = store.dir().join("exports");
    let at = now() - Duration::hours(1);
    let [kari, jonas, mohammed, ingrid] = [
        "Kari Nordmann",
        "Jonas Berg",
        "Mohammed Ali",
        "Ingrid Haugen",
    ]
    .map(|name| reference_of(&store, name));
    let mut case = Case::new(&mut store, "jk", at);
    // Kari Nordmann's address, as her letter asks.
    link_by_email(&mut case, &db, &kari, "kari.nordmann@example.no");
    let customer = case.facts(&kari).expect("facts").linked[0].customer_id;
    case.rectify(
        &mut db,
        &kari,
        customer,
        ("contact_details", "street", Some("Storgata 1")),
        None,
    )
    .expect("rectify");
    // Jonas Berg phoned: his customer has the same number.
    let found = db.lookup("+47 22 33 44 55", 5).expect("lookup");
    let customer = found.first().expect("Jonas is a customer").customer_id;
    case.link(&db, &jonas, customer, None).expect("link");
    case.restrict(&mut db, &jonas).expect("restrict");
    // Mohammed Ali's objection is to direct marketing.
    link_by_email(&mut case, &db, &mohammed, "m.ali@example.com");
    case.stop_marketing(&mut db, &mohammed)
        .expect("stop marketing");
    // Ingrid Haugen's customer has another e-mail but her phone number.
    let found = db.lookup("98765432", 5).expect("lookup");
    let customer = found.first().expect("Ingrid is a customer").customer_id;
    case.link(&db, &ingrid, customer, None).expect("link");
    let dir = exports.join(&ingrid);
    let (r, files) = case
        .access_files(&db, &ingrid, false)
        .expect("access package");
    case.deliver(&r, EventKind::AccessPackage, false, files, (&dir, false))
        .expect("deliver the access package");
    let (r, files) = case
        .portability_files(&db, &ingrid)
        .expect("portability export");
    case.deliver(
        &r,
        EventKind::PortabilityExport,
        false,
        files,
        (&dir, false),
    )
    .expect("deliver the portability export");
    for reference in [&kari, &jonas, &mohammed, &ingrid] {
        case.edit(
            reference,
            None,
            &Edit::Decide(Decision::new(Answer::Answered)),
        )
        .unwrap_or_else(|e| panic!("decide {reference}: {e}"));
    }
    drop(case);
    store
}

/// What the case record says a letter's wording depends on.
fn wording(store: &Store, r: &Request) -> letters::LetterFacts {
    let facts =
        dsr_desk::case::CaseFacts::load(store, &r.reference, now().date_naive()).expect("facts");
    dsr_desk::case::letters::wording(&facts)
}

fn settings() -> LetterSettings {
    LetterSettings {
        controller: dsr_desk::config::Controller::demo(),
        today: now().date_naive(),
        suspension_enabled: false,
        templates: letters::Templates::shipped(),
    }
}

fn request(store: &Store, name: &str) -> Request {
    store.get(&reference_of(store, name)).expect("request")
}

#[test]
fn golden_case_summaries() {
    let store = demo_store();
    for (name, file) in [
        ("Nora Pedersen", "summary-partial-erasure.md"),
        ("Emily Clarke", "summary-extended.md"),
        ("Per Olav Dahl", "summary-identity-requested.md"),
    ] {
        let reference = reference_of(&store, name);
        let s = summary::summarize(
            &store,
            &reference,
            now(),
            &NoCustomerDb::not_connected(),
            Vec::new(),
        )
        .expect("summary");
        golden(file, &summary::markdown(&s));
    }
}

/// The demo with its customer database; Lars Bjørnæs's customer linked to his erasure request and erased (some sales records
/// kept on legal hold), and the hosting provider ticked as notified, through the case
/// workflow.
fn erased_with_hold() -> (InDir<Store>, String) {
    let mut store = demo_store();
    let mut db = customers::open_for(&store).expect("customer db");
    let lars = reference_of(&store, "Lars Bjørnæs");
    let mut case = Case::new(&mut store, "jk", now());
    link_by_email(&mut case, &db, &lars, "lars@bjornaes.no");
    let plan = case.erasure_preview(&db, &lars).expect("preview");
    assert!(
        plan.hold_until().is_some(),
        "the demo keeps some sales records"
    );
    case.erase(&mut db, &lars, &plan).expect("erase");
    case.notify(&lars, "hosting", now().date_naive())
        .expect("tick");
    drop(case);
    (store, lars)
}

#[test]
fn golden_summary_of_an_erasure_with_a_legal_hold() {
    let (store, lars) = erased_with_hold();
    let names = customers::summary_names(&store, &dsr_desk::config::Config::default());
    let s = summary::summarize(&store, &lars, now(), &*names, Vec::new()).expect("summary");
    let text = summary::markdown(&s);
    golden("summary-erasure-legal-hold.md", &text);
    // What the golden file must say, whatever else changes.
    for wanted in [
        "- Customer 3, customer number K100003; erased 2026-11-25, the name is no longer held; linked 2026-11-25 by jk",
        "### erasure (Art. 17)",
        "kept on legal hold until ",
        "under bokføringsloven § 13",
        "SHA-256 over the tables' evidence `",
        "- External hosting provider (hosting): notified on 2026-11-25 by jk",
        "(case-archive): **still to notify**",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing:\n{text}");
    }
    assert!(!text.contains("None recorded"), "{text}");
    assert!(
        !text.contains("Slettet"),
        "no placeholder passed off as a name"
    );
}

#[test]
fn linked_customers_are_named_from_the_customer_database_or_given_by_id() {
    let (store, _) = erased_with_hold();
    // Åse Øverby's customer is linked in the demo and not erased.
    let ase = reference_of(&store, "Åse Øverby");
    let names = customers::summary_names(&store, &dsr_desk::config::Config::default());
    let s = summary::summarize(&store, &ase, now(), &*names, Vec::new()).expect("summary");
    let c = &s.customers_linked[0];
    assert_eq!(
        (c.name.as_deref(), c.customer_number.as_deref()),
        (Some("Åse Øverby"), Some("K100001"))
    );
    assert!(summary::markdown(&s).contains("- Customer 1: Åse Øverby, customer number K100001;"));
    // Without the customer database the export still goes ahead: by id, saying why.
    let source = store.customer_source().expect("source").expect("set");
    std::fs::remove_file(&source.customer_db).expect("remove the customer database");
    let names = customers::summary_names(&store, &dsr_desk::config::Config::default());
    let s = summary::summarize(&store, &ase, now(), &*names, Vec::new()).expect("summary");
    let c = &s.customers_linked[0];
    assert_eq!(c.name, None);
    assert_eq!(c.customer_number.as_deref(), Some("K100001"));
    assert!(
        summary::markdown(&s).contains(
            "- Customer 1, customer number K100001 (name not shown: the customer database could not be opened)"
        ),
        "{}",
        summary::markdown(&s)
    );
}

#[test]
fn the_json_summary_parses_back_into_the_same_facts() {
    let store = decided_demo();
    for name in [
        "Nora Pedersen",
        "Emily Clarke",
        "Per Olav Dahl",
        "Ingrid Haugen",
    ] {
        let reference = reference_of(&store, name);
        let extra = vec![(
            summary::ART19_NOTIFICATIONS.to_string(),
            vec!["Hosting provider: notified 2026-11-20".to_string()],
        )];
        let s = summary::summarize(
            &store,
            &reference,
            now(),
            &NoCustomerDb::not_connected(),
            extra,
        )
        .expect("summary");
        let text = summary::json(&s).expect("json");
        let back: CaseSummary = serde_json::from_str(&text).expect("parses back");
        assert_eq!(back, s, "{name}");
        // And the facts are the stored ones, not just self-consistent.
        let r = store.get(&reference).expect("request");
        assert_eq!(back.reference, r.reference);
        assert_eq!(back.rights, r.rights);
        assert_eq!(back.deadline.in_force, r.deadline(false).in_force);
        assert_eq!(back.outcome, r.outcome());
        assert_eq!(back.decisions.len(), r.decisions.len());
        assert_eq!(back.audit_chain_head, store.chain_head().expect("head"));
        let events = store.events_of(r.id).expect("events");
        assert_eq!(back.timeline.len(), events.len());
        assert_eq!(back.sections[2].lines.len(), 1);
        // The stored links, and what was carried out in the customer records for them.
        let links = store.linked_customers(r.id).expect("links");
        assert_eq!(
            back.customers_linked
                .iter()
                .map(|c| c.customer_id)
                .collect::<Vec<_>>(),
            links.iter().map(|l| l.customer_id).collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(
            back.done_per_right.is_empty(),
            links.is_empty(),
            "{name}: {:?}",
            back.done_per_right
        );
    }
}

#[test]
fn the_json_summary_of_an_erasure_parses_back_into_the_stored_facts() {
    let (store, lars) = erased_with_hold();
    let names = customers::summary_names(&store, &dsr_desk::config::Config::default());
    let s = summary::summarize(&store, &lars, now(), &*names, Vec::new()).expect("summary");
    let text = summary::json(&s).expect("json");
    let back: CaseSummary = serde_json::from_str(&text).expect("parses back");
    assert_eq!(back, s);
    assert_eq!(back.format_version, summary::FORMAT_VERSION);
    let r = store.get(&lars).expect("request");
    // Customers linked: the stored links, with the number from the link and no name.
    let links = store.linked_customers(r.id).expect("links");
    assert_eq!(
        back.customers_linked
            .iter()
            .map(|c| c.customer_id)
            .collect::<Vec<_>>(),
        links.iter().map(|l| l.customer_id).collect::<Vec<_>>()
    );
    let c = &back.customers_linked[0];
    assert_eq!(c.customer_number.as_deref(), Some("K100003"));
    assert_eq!(c.erased_on, Some(now().date_naive()));
    assert_eq!(c.name, None);
    // What was done: the erasure event's own evidence, per table.
    let events = store.events_of(r.id).expect("events");
    let erased = events
        .iter()
        .find(|e| e.kind == EventKind::Erased)
        .expect("erased");
    assert_eq!(back.done_per_right.len(), 1);
    assert_eq!(back.done_per_right[0].right, Right::Erasure);
    let action = &back.done_per_right[0].actions[0];
    assert_eq!((action.event, action.by.as_str()), (erased.id, "jk"));
    let Done::Erased {
        customers,
        tables,
        sha256,
    } = &action.done
    else {
        panic!("not an erasure: {:?}", action.done);
    };
    assert_eq!(customers, &[3]);
    assert_eq!(erased.detail["sha256"], sha256.as_str());
    assert_eq!(
        serde_json::to_value(tables).expect("tables"),
        erased.detail["tables"]
    );
    let held: Vec<_> = tables.iter().filter(|t| t.kept > 0).collect();
    assert!(!held.is_empty());
    assert!(held.iter().all(|t| {
        t.keep_through.is_some()
            && t.law
                .as_deref()
                .is_some_and(|l| l.contains("bokføringsloven"))
    }));
    // Art. 19: the checklist, one ticked.
    let checklist = store.checklist(r.id).expect("checklist");
    assert_eq!(back.art19_notifications.len(), checklist.len());
    for (n, item) in back.art19_notifications.iter().zip(&checklist) {
        assert_eq!(
            (&n.recipient, &n.notified_on, &n.notified_by),
            (&item.recipient, &item.notified_on, &item.notified_by)
        );
    }
    let ticked: Vec<&str> = back
        .art19_notifications
        .iter()
        .filter(|n| n.notified_on.is_some())
        .map(|n| n.recipient.as_str())
        .collect();
    assert_eq!(ticked, ["hosting"]);
    // Nothing of the erased records reappears in the file.
    for erased in ["Kongens gate 9", "455 66 777", "Slettet"] {
        assert!(!text.contains(erased), "{erased}");
    }
}

#[test]
fn golden_letters_of_every_kind_in_every_language() {
    let store = decided_demo();
    let cases: [(LetterKind, &str, &str); 11] = [
        (
            LetterKind::Acknowledgement,
            "Hanne Solberg",
            "acknowledgement",
        ),
        (LetterKind::Identity, "Per Olav Dahl", "identity"),
        (LetterKind::Extension, "Emily Clarke", "extension"),
        (LetterKind::Access, "Ingrid Haugen", "access-portability"),
        (LetterKind::Erasure, "Erik Johansen", "erasure"),
        (LetterKind::Erasure, "Nora Pedersen", "erasure-partial"),
        (LetterKind::Rectification, "Kari Nordmann", "rectification"),
        (LetterKind::Restriction, "Jonas Berg", "restriction"),
        (LetterKind::Objection, "Mohammed Ali", "objection"),
        (LetterKind::Refusal, "Geir Hansen", "refusal-excessive"),
        (LetterKind::Refusal, "Anonymous Sender", "refusal-not-gdpr"),
    ];
    for (kind, name, file) in cases {
        let facts = dsr_desk::case::CaseFacts::load(
            &store,
            &reference_of(&store, name),
            now().date_naive(),
        )
        .expect("facts");
        for lang in Lang::ALL {
            // Written as the desk writes it: only if the record allows it.
            let text = dsr_desk::case::letters::write(kind, &facts, lang, &settings())
                .unwrap_or_else(|e| panic!("{kind} for {name} ({lang}): {e}"));
            // Reviewed by reading: plain words, the decision first, the law at the end of
            // its sentence (insta snapshots in tests/snapshots/).
            insta::assert_snapshot!(format!("letter-{file}.{lang}"), text);
        }
    }
}

#[test]
fn the_language_follows_the_request() {
    let store = demo_store();
    for (name, lang) in [
        ("Åse Øverby", Lang::Nb),
        ("Lars Bjørnæs", Lang::Nb),
        ("Mohammed Ali", Lang::En),
        ("Emily Clarke", Lang::En),
        ("Thomas Müller", Lang::En),
        ("Hanne Solberg", Lang::Nb),
    ] {
        assert_eq!(
            letters::language_of(&request(&store, name), Lang::Nb),
            lang,
            "{name}"
        );
    }
}

#[test]
fn every_refusal_in_the_demo_gets_its_three_statements() {
    let store = demo_store();
    for name in ["Geir Hansen", "Anonymous Sender", "Nora Pedersen"] {
        let r = request(&store, name);
        for lang in Lang::ALL {
            let text = letters::render(
                LetterKind::Refusal,
                &r,
                lang,
                &settings(),
                &wording(&store, &r),
            )
            .expect("letter");
            for s in letters::remedy_statements(lang) {
                assert!(text.contains(s), "{name} {lang}: {s}\n{text}");
            }
            // The officer's reason as written; what an erasure kept, in the letter's language.
            let reason = match wording(&store, &r).kept {
                Some(kept) => letters::words::kept_reason(&kept, lang),
                None => r
                    .refusal()
                    .map(|(_, why)| why)
                    .expect("a refusal")
                    .to_string(),
            };
            assert!(text.contains(&reason), "{name} {lang}: the reasons\n{text}");
        }
    }
}

fn register_csv(store: &Store, period: Period) -> (u64, Vec<csv::StringRecord>) {
    let mut buf = Vec::new();
    let today = oslo_date(now());
    let n =
        register::write(store, period, today, RegisterFormat::Csv, false, &mut buf).expect("write");
    let rows = csv::Reader::from_reader(buf.as_slice())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("valid CSV");
    (n, rows)
}

#[test]
fn the_register_has_one_row_per_request_with_its_outcome_and_timeliness() {
    let store = demo_store();
    let (n, rows) = register_csv(&store, Period::default());
    assert_eq!((n, rows.len()), (16, 16));
    let nora = reference_of(&store, "Nora Pedersen");
    let row = rows.iter().find(|r| r[0] == nora).expect("Nora's row");
    // reference, received, channel, rights, status, outcome, ground, due, extended, closed,
    // days to close, on time
    assert_eq!(&row[2], "email");
    assert_eq!(&row[3], "access erasure");
    assert_eq!(&row[4], "closed");
    assert_eq!(&row[5], "partial");
    assert_eq!(&row[6], "ERASURE_LEGAL_OBLIGATION");
    assert_eq!(&row[8], "no");
    assert_eq!(&row[10], "2");
    assert_eq!(&row[11], "yes");
    let emily = reference_of(&store, "Emily Clarke");
    let row = rows.iter().find(|r| r[0] == emily).expect("Emily's row");
    assert_eq!(
        (&row[5], &row[8], &row[9], &row[11]),
        ("", "yes", "", "open")
    );
    let mut buf = Vec::new();
    register::write(
        &store,
        Period::default(),
        oslo_date(now()),
        RegisterFormat::Json,
        false,
        &mut buf,
    )
    .expect("json");
    let json: serde_json::Value = serde_json::from_slice(&buf).expect("valid JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(16));
    assert_eq!(json[0]["on_time"].as_str().map(|s| s.len() > 1), Some(true));
}

#[test]
fn the_register_filters_by_receipt_date_and_pages_through_everything() {
    let mut store = demo_store();
    let today = now().date_naive();
    let from = today - Duration::days(30);
    let (_, recent) = register_csv(
        &store,
        Period {
            from: Some(from),
            to: Some(today),
        },
    );
    assert!(!recent.is_empty() && recent.len() < 16, "{}", recent.len());
    assert!(
        recent
            .iter()
            .all(|r| r[1].parse::<chrono::NaiveDate>().expect("date") >= from)
    );
    // More rows than one page holds, each exactly once.
    store
        .batch(|s| dsr_desk::demo::populate_bulk(s, 4_500, now()))
        .expect("bulk");
    let (n, rows) = register_csv(&store, Period::default());
    assert_eq!(n, 4_516);
    let mut refs: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap_or("")).collect();
    refs.sort_unstable();
    refs.dedup();
    assert_eq!(refs.len(), 4_516);
    let total = store
        .count(
            &QueueFilter {
                view: View::All,
                ..QueueFilter::default()
            },
            today,
        )
        .expect("count");
    assert_eq!(total, 4_516);
}

#[test]
fn calendar_uids_are_stable_and_names_stay_out() {
    let store = demo_store();
    let first = calendar::collect(&store, now(), false).expect("events");
    let later = calendar::collect(&store, now() + Duration::hours(3), false).expect("events");
    let uids =
        |events: &[calendar::DayEvent]| events.iter().map(|e| e.uid.clone()).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&later));
    let mut unique = uids(&first);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "a UID twice");
    let emily = reference_of(&store, "Emily Clarke");
    assert!(unique.contains(&format!("{emily}-deadline@dsr-desk")));
    let text = calendar::ics(&first, now());
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "unfolded line");
    for name in ["Øverby", "Emily", "Clarke"] {
        assert!(!text.contains(name), "{name} in the calendar");
    }
    let named = calendar::ics(
        &calendar::collect(&store, now(), true).expect("events"),
        now(),
    );
    assert!(named.contains("Emily Clarke"));
    // The extended request's notice reminder is withdrawn, an open one's is live.
    let notice = |reference: &str| {
        first
            .iter()
            .find(|e| e.uid == calendar::notice_uid(reference))
            .map(|e| e.cancelled)
    };
    assert_eq!(notice(&emily), Some(true));
    let hanne = reference_of(&store, "Hanne Solberg");
    assert_eq!(notice(&hanne), Some(false));
    // Requests closed in the last 30 days come as cancellations, so a re-import removes
    // them; older ones are left out.
    let of = |name: &str| {
        let reference = reference_of(&store, name);
        assert_eq!(store.get(&reference).expect("r").status, Status::Closed);
        first
            .iter()
            .filter(|e| e.uid.starts_with(&format!("{reference}-")))
            .map(|e| e.cancelled)
            .collect::<Vec<_>>()
    };
    assert_eq!(of("Anonymous Sender"), [true, true]);
    assert_eq!(of("Geir Hansen"), Vec::<bool>::new());
}
