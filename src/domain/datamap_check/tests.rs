//! The data map checks against the shipped map and deliberately broken ones.

use super::*;

const ORINOR: &str = include_str!("../../../assets/datamap/orinor.toml");

fn schema_of(map: &DataMap) -> Schema {
    let mut s = Schema::new();
    s.insert(
        "customers".into(),
        [
            "id",
            "customer_no",
            "first_name",
            "last_name",
            "processing_restricted",
        ]
        .map(String::from)
        .to_vec(),
    );
    for t in &map.tables {
        let mut cols = vec![t.person_column.clone()];
        cols.extend(t.email.iter().chain(&t.phone).cloned());
        cols.extend(t.retention.date_column().map(String::from));
        cols.extend(t.restricted_column.clone());
        cols.extend(t.rectifiable.iter().flatten().cloned());
        cols.extend(t.labels.keys().cloned());
        if let Erasure::Anonymise { set, clear } = &t.erasure {
            cols.extend(set.keys().chain(clear).cloned());
        }
        if let Some(o) = &t.on_objection {
            cols.extend(o.set.keys().chain(&o.today).cloned());
        }
        s.entry(t.name.clone()).or_default().extend(cols);
    }
    s.insert(
        "marketing_suppression".into(),
        ["email_sha256", "added_on", "reason"]
            .map(String::from)
            .to_vec(),
    );
    s
}

#[test]
fn the_shipped_map_parses_and_says_what_portability_covers() {
    let map = DataMap::parse(ORINOR).expect("orinor map");
    assert!(check_schema(&map, &schema_of(&map)).is_empty());
    let portable: Vec<&str> = map
        .tables
        .iter()
        .filter(|t| t.portable())
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        portable,
        vec![
            "customers",
            "contact_details",
            "cookie_consents",
            "newsletter_subscriptions",
            "orders"
        ]
    );
    let rectifiable = |t: &str| map.rectifiable(map.table(t).expect("table")).join(",");
    assert_eq!(rectifiable("customers"), "first_name,last_name");
    assert_eq!(
        rectifiable("contact_details"),
        "email,phone,street,postcode,city"
    );
    assert_eq!(rectifiable("orders"), "", "sales records are not rewritten");
    // Without a list, the columns the map names as identifying.
    let unlisted = DataMap::parse(&ORINOR.replace(
        "rectifiable = [\"email\", \"phone\", \"street\", \"postcode\", \"city\"]\n",
        "",
    ))
    .expect("map");
    let contact = unlisted.table("contact_details").expect("table");
    assert_eq!(unlisted.rectifiable(contact), ["email", "phone"]);
    let orders = map.table("ORDERS").expect("orders");
    assert_eq!(orders.erasure, Erasure::Hold);
    assert_eq!(
        orders.retention.law(),
        Some("bokføringsloven § 13 (1) nr. 1-4")
    );
}

#[test]
fn every_missing_table_and_column_is_named() {
    let map = DataMap::parse(ORINOR).expect("orinor map");
    let mut schema = schema_of(&map);
    schema.remove("shipments");
    if let Some(cols) = schema.get_mut("orders") {
        cols.retain(|c| c != "invoice_date" && c != "restricted");
    }
    let problems = check_schema(&map, &schema);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("'orders' has no column 'invoice_date'"));
    assert!(problems[1].contains("'orders' has no column 'restricted'"));
    assert!(problems[2].contains("no table 'shipments'"));
}

#[test]
fn a_map_that_contradicts_itself_is_refused() {
    let hold_person = ORINOR.replacen(
        "erasure = { action = \"anonymise\", set = { first_name = \"Slettet\", last_name = \"kunde\" }, clear = [\"customer_no\"] }",
        "erasure = { action = \"hold\" }",
        1,
    );
    let err = DataMap::parse(&hold_person).expect_err("hold on the person table");
    assert!(
        err.contains("'customers'") && err.contains("anonymise it instead"),
        "{err}"
    );
    // A table's problem names the line of its [[tables]] header, like a syntax error does.
    let header = hold_person
        .lines()
        .position(|l| l == "name = \"customers\"")
        .expect("the person table");
    assert!(
        err.starts_with(&format!("line {header}: table 'customers'")),
        "{err}"
    );
    let twice = format!(
        "{ORINOR}\n[[tables]]\nname = \"orders\"\ntitle = \"x\"\ncategory = \"sales\"\nperson_column = \"customer_id\"\npurpose = \"x\"\nbasis = \"contract\"\nretention = {{ rule = \"purpose\", note = \"x\" }}\nprovided_by_person = true\nerasure = {{ action = \"delete\" }}\n"
    );
    assert!(
        DataMap::parse(&twice)
            .expect_err("twice")
            .contains("'orders' is listed twice")
    );
    let flag = ORINOR.replacen(
        "rectifiable = [\"first_name\", \"last_name\"]",
        "rectifiable = [\"first_name\", \"processing_restricted\", \"id\"]",
        1,
    );
    let err = DataMap::parse(&flag).expect_err("flags are not rectifiable");
    assert!(
        err.contains("restriction flag 'processing_restricted'")
            && err.contains("person column 'id'"),
        "{err}"
    );
    let reserved = ORINOR.replacen("name = \"orders\"", "name = \"dsr_orders\"", 1);
    assert!(
        DataMap::parse(&reserved)
            .expect_err("reserved")
            .contains("desk's own")
    );
}

#[test]
fn record_names_are_optional_and_need_a_singular_and_a_plural() {
    let map = DataMap::parse(ORINOR).expect("orinor map");
    let orders = map.table("orders").expect("orders");
    let name = orders.record_name.as_ref().expect("named");
    let nb = name.nb.as_ref().expect("nb");
    assert_eq!((nb.counted(1), nb.counted(5)), ("faktura", "fakturaer"));
    assert_eq!(name.en.as_ref().map(|n| n.counted(2)), Some("invoices"));
    // A map written before record names existed still parses; its tables have none.
    let unnamed: String = ORINOR
        .lines()
        .filter(|l| !l.starts_with("record_name"))
        .map(|l| format!("{l}\n"))
        .collect();
    let old = DataMap::parse(&unnamed).expect("a map without record names");
    assert!(old.tables.iter().all(|t| t.record_name.is_none()));
    // Only English is fine; the Norwegian letter falls back to the title.
    let english = ORINOR.replacen(
        "record_name = { nb = [\"faktura\", \"fakturaer\"], nn = [\"faktura\", \"fakturaer\"], en = [\"invoice\", \"invoices\"] }",
        "record_name = { en = [\"invoice\", \"invoices\"] }",
        1,
    );
    let orders = DataMap::parse(&english).expect("english only");
    let name = orders.table("orders").and_then(|t| t.record_name.clone());
    assert!(name.is_some_and(|n| n.nb.is_none() && n.nn.is_none() && n.en.is_some()));
    for (broken, says) in [
        ("en = [\"invoice\"]", "[singular, plural]"),
        ("en = [\"invoice\", \" \"]", "[singular, plural]"),
        ("de = [\"Rechnung\", \"Rechnungen\"]", "unknown field"),
    ] {
        let text = ORINOR.replacen("en = [\"invoice\", \"invoices\"]", broken, 1);
        let err = DataMap::parse(&text).expect_err(broken);
        assert!(err.contains(says) && err.starts_with("line "), "{err}");
    }
}

/// The line of the `[[tables]]` header of table `name` in `text`.
fn header_line(text: &str, name: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == format!("name = \"{name}\""))
        .expect("the table is in the text");
    at - lines[..at]
        .iter()
        .rev()
        .position(|l| *l == "[[tables]]")
        .expect("under a header")
}

#[test]
fn the_shipped_map_marks_its_marketing_uses() {
    let map = DataMap::parse(ORINOR).expect("orinor map");
    let marketing: Vec<(&str, bool)> = map
        .marketing_tables()
        .map(|t| {
            let stop = t.on_objection.as_ref().expect("says how it stops");
            (t.name.as_str(), stop.delete)
        })
        .collect();
    assert_eq!(
        marketing,
        [("email_events", true), ("newsletter_subscriptions", false)]
    );
}

#[test]
fn a_marketing_table_that_cannot_be_stopped_is_refused_with_its_line() {
    const NEWSLETTER_STOP: &str =
        "on_objection = { set = { subscribed = 0 }, today = [\"unsubscribed_at\"] }\n";
    const STATISTICS_STOP: &str = "on_objection = { delete = true }\n";
    let refused = |text: String, table: &str, words: &[&str]| {
        let err = DataMap::parse(&text).expect_err(table);
        let line = format!("line {}: table '{table}'", header_line(&text, table));
        assert!(err.contains(&line), "expected «{line}» in: {err}");
        for w in words {
            assert!(err.contains(w), "expected «{w}» in: {err}");
        }
    };
    // Marked, but not saying how an objection stops it.
    refused(
        ORINOR.replacen(STATISTICS_STOP, "", 1),
        "email_events",
        &["marketing = true", "on_objection = { delete = true }"],
    );
    // Saying how, but not marked: an objection changes only what is marked.
    refused(
        ORINOR.replacen(
            "marketing = true\non_objection = { delete",
            "on_objection = { delete",
            1,
        ),
        "email_events",
        &["mark the table marketing = true"],
    );
    // The privacy notice's marketing category is a marketing use.
    refused(
        ORINOR.replacen(&format!("marketing = true\n{NEWSLETTER_STOP}"), "", 1),
        "newsletter_subscriptions",
        &["category 'marketing'"],
    );
    // Both ways at once, and neither.
    refused(
        ORINOR.replacen(
            NEWSLETTER_STOP,
            "on_objection = { set = { subscribed = 0 }, delete = true }\n",
            1,
        ),
        "newsletter_subscriptions",
        &["not both"],
    );
    refused(
        ORINOR.replacen(NEWSLETTER_STOP, "on_objection = { }\n", 1),
        "newsletter_subscriptions",
        &["changes nothing"],
    );
    // Rows the law keeps, and the person's own row, are never deleted by an objection.
    refused(
        ORINOR.replacen(
            "erasure = { action = \"hold\" }\nrestricted_column = \"restricted\"\n",
            "erasure = { action = \"hold\" }\nrestricted_column = \"restricted\"\nmarketing = true\non_objection = { delete = true }\n",
            1,
        ),
        "orders",
        &["legal hold"],
    );
    refused(
        ORINOR.replacen(
            "rectifiable = [\"first_name\", \"last_name\"]\n",
            "rectifiable = [\"first_name\", \"last_name\"]\nmarketing = true\non_objection = { delete = true }\n",
            1,
        ),
        "customers",
        &["person table"],
    );
}

#[test]
fn a_label_for_a_column_the_table_lacks_is_named() {
    let map = DataMap::parse(ORINOR).expect("orinor map");
    let schema = schema_of(&map);
    let misspelt = ORINOR.replacen("labels.customer_no =", "labels.customer_number =", 1);
    let map = DataMap::parse(&misspelt).expect("still a map");
    let problems = check_schema(&map, &schema);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("has no column 'customer_number'")),
        "{problems:?}"
    );
}
