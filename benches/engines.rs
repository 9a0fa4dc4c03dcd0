//! The same register on both engines, side by side: `DSR_DESK_TEST_POSTGRES=postgres://…
//! cargo bench --bench engines [-- N]` (N requests, default 100,000; the address is a role
//! that may create databases, e.g. the one `.ci/postgres start DIR` prints). The SQLite
//! register is built, moved to PostgreSQL with `migrate`'s copy, and then each figure is
//! measured on both. Medians; no assertions, machines are noisy.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::time;
use dsr_desk::domain::deadline::oslo_date;
use dsr_desk::store::{QueueFilter, QueueIndex, RegisterKind, Store, View};

/// A fresh database on the server, and its address.
fn scratch(server: &str, name: &str) -> PathBuf {
    let mut admin = postgres::Client::connect(server, postgres::NoTls).expect("server");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .expect("drop");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create");
    let (head, _) = server.rsplit_once('/').expect("an address with a database");
    PathBuf::from(format!("{head}/{name}"))
}

/// A Maildir of `count` plain requests, for the import figure.
fn maildir(dir: &Path, count: usize) -> PathBuf {
    let maildir = dir.join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    for i in 0..count {
        let body = match i % 3 {
            0 => "Jeg ber om innsyn i alle personopplysninger dere har om meg, jf. artikkel 15.",
            1 => "Please delete all personal data you hold about me (Article 17 GDPR).",
            _ => "Hei! Kan dere rette adressen min? Den er feil.",
        };
        std::fs::write(
            maildir.join("new").join(format!("{i}.bench:2,")),
            format!(
                "From: Person {i} <person{i}@example.no>\r\nTo: personvern@orinor.no\r\n\
                 Subject: Personvern {i}\r\nDate: Mon, 3 Nov 2025 10:00:00 +0100\r\n\
                 Message-ID: <engines-{i}@example.no>\r\n\r\n{body}\r\n"
            ),
        )
        .expect("write");
    }
    maildir
}

fn figures(store: &Store, path: &Path) -> Vec<(String, Duration)> {
    let today = oslo_date(common::now());
    let mut rows = Vec::new();
    rows.push((
        "counts for the header".into(),
        time(20, || {
            store.counts(today).expect("counts");
        }),
    ));
    for view in [View::Open, View::Closed] {
        let f = QueueFilter {
            view,
            ..Default::default()
        };
        rows.push((
            format!("count + first page, view {}", view.label()),
            time(20, || {
                store.count(&f, today).expect("count");
                store.page(&f, today, 0, 40).expect("page");
            }),
        ));
    }
    rows.extend(common::search_figures(
        store,
        today,
        &["b", "bjornaes", "DSR-2025-004"],
        10,
    ));
    rows.push((
        "get one request".into(),
        time(100, || {
            store.get("DSR-2025-0042").expect("get");
        }),
    ));
    rows.push((
        "open + load the desk's queue index".into(),
        time(3, || {
            let s = Store::open(path).expect("open");
            QueueIndex::load(&s).expect("index");
        }),
    ));
    rows.push((
        "statistics (every request)".into(),
        time(3, || {
            store.stats().expect("stats");
        }),
    ));
    rows
}

fn main() {
    let Some(server) = std::env::var("DSR_DESK_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        eprintln!(
            "SKIPPED: set DSR_DESK_TEST_POSTGRES to a PostgreSQL role that may create databases"
        );
        return;
    };
    let count = common::count_arg(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = common::demo_database(dir.path(), count);
    let sqlite = Store::open(&file).expect("sqlite");
    let address = scratch(&server, "dsr_bench_engines");
    let start = Instant::now();
    let mut pg = Store::create(&address, RegisterKind::Demo).expect("postgres");
    sqlite.copy_into(&mut pg).expect("move");
    println!(
        "moved to PostgreSQL (copy + verify both trails) in {:.1?}",
        start.elapsed()
    );
    let on_sqlite = figures(&sqlite, &file);
    let on_pg = figures(&pg, &address);

    let messages = 2_000;
    let mail = maildir(dir.path(), messages);
    let import = |store: &mut Store| {
        let start = Instant::now();
        dsr_desk::importer::import_path(store, &mail, "bench", common::now(), &mut |_| {});
        start.elapsed()
    };
    let mut sqlite = sqlite;
    let import_sqlite = import(&mut sqlite);
    let import_pg = import(&mut pg);

    println!(
        "{:<44} {:>12} {:>12}",
        format!("at {count} requests (median)"),
        "SQLite",
        "PostgreSQL"
    );
    for ((what, a), (_, b)) in on_sqlite.iter().zip(&on_pg) {
        println!("{what:<44} {a:>12.3?} {b:>12.3?}");
    }
    println!(
        "{:<44} {import_sqlite:>12.3?} {import_pg:>12.3?}",
        format!("import {messages} messages")
    );
}
