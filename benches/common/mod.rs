//! What the benchmarks share: medians, and a demo request database at scale.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use dsr_desk::store::Store;

/// The instant every benchmark pretends it is.
pub fn now() -> DateTime<Utc> {
    "2026-11-25T10:00:00Z".parse().expect("instant")
}

/// The request count from the command line (`cargo bench --bench X -- N`), else `default`.
pub fn count_arg(default: u64) -> u64 {
    std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(default)
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median of `runs` timed calls, after one warm-up call.
pub fn time(runs: usize, mut f: impl FnMut()) -> Duration {
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

/// The demo requests plus `count` generated ones, in `dir`; says how long it took.
pub fn demo_database(dir: &Path, count: u64) -> PathBuf {
    let path = dir.join("bench.db");
    let build = Instant::now();
    let mut store = Store::create(&path, dsr_desk::store::RegisterKind::Demo).expect("store");
    dsr_desk::demo::populate(&mut store, now()).expect("demo");
    store
        .batch(|s| dsr_desk::demo::populate_bulk(s, count, now()))
        .expect("bulk");
    println!("built {count} requests in {:.1?}", build.elapsed());
    path
}

/// The queue's count and first page for each search in view "all", each timed over `runs`.
pub fn search_figures(
    store: &Store,
    today: chrono::NaiveDate,
    searches: &[&str],
    runs: usize,
) -> Vec<(String, Duration)> {
    searches
        .iter()
        .map(|search| {
            let f = dsr_desk::store::QueueFilter {
                view: dsr_desk::store::View::All,
                search: (*search).into(),
                ..Default::default()
            };
            let figure = time(runs, || {
                store.count(&f, today).expect("count");
                store.page(&f, today, 0, 40).expect("page");
            });
            (format!("search '{search}' (count + page)"), figure)
        })
        .collect()
}
