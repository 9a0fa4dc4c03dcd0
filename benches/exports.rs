//! Export timings at scale: `cargo bench --bench exports` (add `-- 100000` for the request
//! count; default 100,000). Prints medians in a table; no assertions, machines are noisy.
//! The register is written to a file through the same atomic writer the command uses.

mod common;

use common::time;
use std::time::Duration;

use dsr_desk::export::files::write_atomic;
use dsr_desk::export::register::{self, RegisterFormat};
use dsr_desk::store::{Period, Store};

fn main() {
    let count = common::count_arg(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::demo_database(dir.path(), count);
    let store = Store::open(&path).expect("store");
    let today = dsr_desk::domain::deadline::oslo_date(common::now());
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
                    register::write(&store, Period::default(), today, format, false, w).map(drop)
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
