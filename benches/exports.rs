//! Export timings at scale: `cargo bench --bench exports` (add `-- 100000` for the request
//! count; default 100,000). Prints medians in a table; no assertions, machines are noisy.
//! The register is written to a file through the same atomic writer the command uses.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use dsr_desk::export::files::write_atomic;
use dsr_desk::export::register::{self, RegisterFormat};
use dsr_desk::store::{Period, Store};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let count: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().expect("instant");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let build = Instant::now();
    {
        let mut store = Store::open(&path).expect("store");
        dsr_desk::demo::populate(&mut store, now).expect("demo");
        store
            .batch(|s| dsr_desk::demo::populate_bulk(s, count, now))
            .expect("bulk");
    }
    println!("built {count} requests in {:.1?}", build.elapsed());
    let store = Store::open(&path).expect("store");
    let mut rows: Vec<(String, Duration)> = Vec::new();
    for (label, format) in [
        ("register, CSV", RegisterFormat::Csv),
        ("register, JSON", RegisterFormat::Json),
    ] {
        let out = dir.path().join("register.out");
        rows.push((
            format!("{label}, {} rows to a file", count + 16),
            time(5, || {
                write_atomic(&out, true, |w| {
                    register::write(&store, Period::default(), format, false, w).map(drop)
                })
                .expect("register");
            }),
        ));
    }
    rows.push((
        "paging the register alone (no formatting)".into(),
        time(5, || {
            let mut after = 0;
            while let Some(last) = store
                .register_page(Period::default(), after, 2000)
                .expect("page")
                .last()
            {
                after = last.id;
            }
        }),
    ));
    println!("{:<50} {:>12}", "what", "median");
    for (what, took) in rows {
        println!("{what:<50} {took:>12.1?}");
    }
}
