//! Customer lookups at 1,000,000 customers: e-mail, phone, customer number and name, each
//! against the floor of a bare indexed key read in the same run. Prints medians.
//!
//!     cargo bench --bench customer_lookup
//!
//! `DSR_BENCH_CUSTOMERS` sets the size (default 1,000,000); `DSR_BENCH_DB` keeps the built
//! database at that path and reuses it on the next run (building 1M takes a while).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dsr_desk::customers::{CustomerDb, demo, load_map};
use dsr_desk::domain::request::Requester;
use rusqlite::Connection;

const SAMPLES: usize = 400;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: u64 = std::env::var("DSR_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(demo::MAX_CUSTOMERS);
    let scratch = tempfile::tempdir()?;
    let db_path = std::env::var("DSR_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| scratch.path().join("bench-customers.db"));
    let map_path = db_path.with_extension("toml");
    let today = chrono::Utc::now().date_naive();
    if !db_path.exists() {
        let started = Instant::now();
        demo::build(&db_path, &map_path, count, today)?;
        println!(
            "built {count} customers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let db = CustomerDb::open(&db_path, load_map(&map_path)?)?;
    let raw = Connection::open(&db_path)?;
    let people = sample(&raw, count)?;

    println!("{count} customers, {SAMPLES} different queries per row, median and 90th percentile");
    println!("{:<34} {:>10} {:>10}", "lookup", "median", "p90");
    let mut floor = raw.prepare("SELECT customer_id FROM dsr_keys WHERE kind = 1 AND key = ?1")?;
    report("floor: one indexed key read", &people, |p| {
        let _: Vec<i64> = floor
            .query_map([p.email.to_lowercase()], |r| r.get(0))
            .map(|rows| rows.filter_map(Result::ok).collect())
            .unwrap_or_default();
    });
    let look = |q: &str| {
        let _ = db.lookup(q, 20);
    };
    report("e-mail (any case)", &people, |p| {
        look(&p.email.to_uppercase())
    });
    report("phone (as stored: mixed spelling)", &people, |p| {
        look(&p.phone)
    });
    report("phone (0047 + national digits)", &people, |p| {
        look(&format!("0047 {}", p.national))
    });
    report("customer number", &people, |p| look(&p.number));
    report("full name (folded)", &people, |p| look(&p.ascii_name));
    report("part of a name (3 letters)", &people, |p| look(&p.prefix));
    report("requester: name + e-mail + phone", &people, |p| {
        let r = Requester {
            name: p.name.clone(),
            email: Some(p.email.clone()),
            phone: Some(p.phone.clone()),
        };
        let _ = db.lookup_requester(&r, 10);
    });
    Ok(())
}

/// A customer's identifiers, as queries.
struct Person {
    name: String,
    ascii_name: String,
    prefix: String,
    email: String,
    phone: String,
    national: String,
    number: String,
}

/// Customers spread over the whole id range that have an e-mail and a phone.
fn sample(conn: &Connection, count: u64) -> rusqlite::Result<Vec<Person>> {
    let mut stmt = conn.prepare(
        "SELECT c.first_name || ' ' || c.last_name, d.email, d.phone, c.customer_no
         FROM customers c JOIN contact_details d ON d.customer_id = c.id
         WHERE c.id = ?1 AND d.email IS NOT NULL AND d.phone IS NOT NULL",
    )?;
    let mut people = Vec::new();
    let mut id = 17u64;
    while people.len() < SAMPLES {
        id = (id * 7919 + 104_729) % count + 1;
        let found = stmt.query_row([id as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        });
        if let Ok((name, email, phone, number)) = found {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            let national = digits[digits.len().saturating_sub(8)..].to_string();
            let ascii_name = dsr_desk::domain::text::fold(&name);
            let last = ascii_name.split(' ').next_back().unwrap_or("").to_string();
            people.push(Person {
                prefix: last.chars().take(3).collect(),
                ascii_name,
                name,
                email,
                phone,
                national,
                number,
            });
        }
    }
    Ok(people)
}

fn report(label: &str, people: &[Person], mut f: impl FnMut(&Person)) {
    for p in people.iter().take(20) {
        f(p); // warm the cache and the prepared statements
    }
    let mut times: Vec<Duration> = people
        .iter()
        .map(|p| {
            let t = Instant::now();
            f(p);
            t.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!("{label:<34} {:>10} {:>10}", show(at(0.5)), show(at(0.9)));
}

fn show(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:.1} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    }
}
