//! Rows of the demo customer database: deterministic per customer id (each customer has its
//! own random stream), dated relative to `today`, written through prepared statements.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, Statement, params};

use super::people::{
    ACTIONS, CAMPAIGNS, CARRIERS, CITIES, DEVICES, EMAIL_DOMAINS, FIRST, KNOWN, Known, LAST, PAGES,
    RESERVED, RESERVED_PHONES, STREETS,
};
use super::rng::Rng;
use crate::domain::normalize::name_tokens;
use crate::domain::text::fold;

/// One customer before it is written.
struct Person {
    first: String,
    last: String,
    email: Option<String>,
    phone: Option<String>,
    street: String,
    city: (&'static str, &'static str),
    invoices_days_ago: Vec<u64>,
    newsletter: Option<bool>,
    created_days_ago: u64,
}

fn known(k: &Known) -> Person {
    Person {
        first: k.first.into(),
        last: k.last.into(),
        email: k.email.map(Into::into),
        phone: k.phone.map(Into::into),
        street: k.street.into(),
        city: k.city,
        invoices_days_ago: k.invoices_days_ago.to_vec(),
        newsletter: k.newsletter.then_some(true),
        created_days_ago: 3400,
    }
}

fn random_person(rng: &mut Rng, id: u64) -> Person {
    let (first, last) = loop {
        let mut first = rng.pick(FIRST).to_string();
        if rng.chance(12) {
            first = format!("{first} {}", rng.pick(FIRST));
        }
        let last = rng.pick_skewed(LAST).to_string();
        let words = name_tokens(&format!("{first} {last}"));
        let taken = RESERVED
            .iter()
            .any(|r| r.split(' ').all(|w| words.iter().any(|x| x == w)));
        if !taken {
            break (first, last);
        }
    };
    let email = rng.chance(92).then(|| {
        let local = format!("{}.{}", fold(&first), fold(&last)).replace([' ', '\''], ".");
        format!("{local}{id}@{}", rng.pick(EMAIL_DOMAINS))
    });
    let phone = rng.chance(85).then(|| {
        let n = national_number(rng);
        spell_phone(rng, &n)
    });
    let created_days_ago = rng.below(3650);
    let invoices = match rng.below(100) {
        0..30 => 0,
        30..60 => 1,
        60..80 => 2,
        80..95 => 3,
        _ => 4 + rng.below(3),
    };
    let oldest = created_days_ago.min(3285) + 1;
    Person {
        street: format!("{} {}", rng.pick(STREETS), 1 + rng.below(120)),
        city: *rng.pick(CITIES),
        invoices_days_ago: (0..invoices).map(|_| rng.below(oldest)).collect(),
        newsletter: rng.chance(40).then(|| rng.chance(85)),
        first,
        last,
        email,
        phone,
        created_days_ago,
    }
}

/// Eight digits: mostly mobiles (4xx, 9xx), never a number the demo requests use.
fn national_number(rng: &mut Rng) -> String {
    loop {
        let lead = if rng.chance(80) {
            *rng.pick(&[4u64, 9])
        } else {
            *rng.pick(&[2u64, 3, 5, 6, 7])
        };
        let n = format!("{lead}{:07}", rng.below(10_000_000));
        if !RESERVED_PHONES.contains(&n.as_str()) {
            return n;
        }
    }
}

/// The same number written the ways people and forms write it.
fn spell_phone(rng: &mut Rng, n: &str) -> String {
    let (a, b, c) = (&n[..3], &n[3..5], &n[5..]);
    match rng.below(7) {
        0 => format!("+47 {a} {b} {c}"),
        1 => format!("0047 {n}"),
        2 => format!("{a} {b} {c}"),
        3 => n.to_string(),
        4 => format!("+47-{a}-{b}-{c}"),
        5 => format!("(+47) {} {} {} {}", &n[..2], &n[2..4], &n[4..6], &n[6..]),
        _ => format!("+47{n}"),
    }
}

fn date(today: NaiveDate, days_ago: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days_ago)).unwrap_or(today)
}

fn stamp(rng: &mut Rng, day: NaiveDate) -> String {
    format!(
        "{day} {:02}:{:02}:{:02}",
        7 + rng.below(15),
        rng.below(60),
        rng.below(60)
    )
}

/// A time of day on one of the last `days` days.
fn recent(rng: &mut Rng, today: NaiveDate, days: u64) -> String {
    let day = date(today, rng.below(days));
    stamp(rng, day)
}

/// The prepared inserts, one per table, in the order of `SQL`.
struct Inserts<'c>(Vec<Statement<'c>>);

const SQL: [&str; 8] = [
    "INSERT INTO customers (id, customer_no, first_name, last_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO contact_details (customer_id, email, phone, street, postcode, city, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO web_events (customer_id, occurred_at, page, action, device, screen) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO email_events (customer_id, sent_at, campaign, opened, clicked, device, screen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO cookie_consents (customer_id, given_at, analytics, marketing, banner_version) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO newsletter_subscriptions (customer_id, list, subscribed, subscribed_at, unsubscribed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO orders (customer_id, order_no, invoice_no, invoice_date, amount_nok, billing_name, billing_address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO shipments (customer_id, order_no, shipped_at, delivery_address, carrier) VALUES (?1, ?2, ?3, ?4, ?5)",
];

/// Writes customers 1..=count (the known ones first) with all their rows.
pub(super) fn fill(conn: &Connection, count: u64, today: NaiveDate) -> rusqlite::Result<()> {
    let mut s = Inserts(
        SQL.iter()
            .map(|q| conn.prepare(q))
            .collect::<rusqlite::Result<_>>()?,
    );
    let mut invoice_no = 0u64;
    for id in 1..=count as i64 {
        let mut rng = Rng::for_customer(id as u64);
        let p = match KNOWN.get(id as usize - 1) {
            Some(k) => known(k),
            None => random_person(&mut rng, id as u64),
        };
        write_person(&mut s, &mut rng, id, &p, today, &mut invoice_no)?;
    }
    Ok(())
}

fn write_person(
    s: &mut Inserts<'_>,
    rng: &mut Rng,
    id: i64,
    p: &Person,
    today: NaiveDate,
    invoice_no: &mut u64,
) -> rusqlite::Result<()> {
    let created = date(today, p.created_days_ago);
    s.0[0].execute(params![
        id,
        format!("K{}", 100_000 + id),
        p.first,
        p.last,
        stamp(rng, created)
    ])?;
    let (postcode, city) = p.city;
    s.0[1].execute(params![
        id,
        p.email,
        p.phone,
        p.street,
        postcode,
        city,
        stamp(rng, created)
    ])?;
    if rng.chance(5) {
        // A second contact row: a work address and sometimes another phone.
        let work = format!(
            "{}@firma{}.example",
            fold(&p.first).replace(' ', "."),
            id % 997
        );
        let phone = rng.chance(50).then(|| {
            let n = national_number(rng);
            spell_phone(rng, &n)
        });
        s.0[1].execute(params![
            id,
            work,
            phone,
            None::<String>,
            None::<String>,
            None::<String>,
            recent(rng, today, 400)
        ])?;
    }
    // Web activity stays inside the 14 months Google Analytics keeps it.
    for _ in 0..rng.below(5) {
        let (device, screen) = rng.pick(DEVICES);
        let at = recent(rng, today, 420);
        s.0[2].execute(params![
            id,
            at,
            rng.pick(PAGES),
            rng.pick(ACTIONS),
            device,
            screen
        ])?;
    }
    for _ in 0..rng.below(3) {
        let (device, screen) = rng.pick(DEVICES);
        let at = recent(rng, today, 700);
        let opened = rng.chance(55);
        s.0[3].execute(params![
            id,
            at,
            rng.pick(CAMPAIGNS),
            opened,
            opened && rng.chance(30),
            device,
            screen
        ])?;
    }
    if rng.chance(70) {
        let at = recent(rng, today, 600);
        s.0[4].execute(params![id, at, rng.chance(60), rng.chance(35), "2023-12"])?;
    }
    if let Some(subscribed) = p.newsletter {
        let since = date(today, rng.below(1500) + 30);
        let until = (!subscribed).then(|| date(today, rng.below(30)).to_string());
        s.0[5].execute(params![
            id,
            "Nyhetsbrev",
            subscribed,
            since.to_string(),
            until
        ])?;
    }
    let billing_address = format!("{}, {} {}", p.street, p.city.0, p.city.1);
    for (k, days) in p.invoices_days_ago.iter().enumerate() {
        *invoice_no += 1;
        let day = date(today, *days);
        let order_no = format!("O{id}-{}", k + 1);
        let amount = (199 + rng.below(4800)) as f64 + 0.5 * rng.below(2) as f64;
        s.0[6].execute(params![
            id,
            order_no,
            format!("F{invoice_no:08}"),
            day.to_string(),
            amount,
            format!("{} {}", p.first, p.last),
            billing_address
        ])?;
        if rng.chance(85) || id as usize <= KNOWN.len() {
            let shipped = date(today, days.saturating_sub(1 + rng.below(3)));
            s.0[7].execute(params![
                id,
                order_no,
                shipped.to_string(),
                billing_address,
                rng.pick(CARRIERS)
            ])?;
        }
    }
    Ok(())
}
