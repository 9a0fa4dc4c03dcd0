//! Import speed: `cargo bench --bench intake [-- N]` writes N generated messages (default
//! 5,000) into a Maildir, then times parsing alone and the full import into a store.

use std::time::Instant;

use chrono::{DateTime, Utc};
use dsr_desk::store::Store;

const BODIES: &[&str] = &[
    "Hei,\n\nJeg ber om innsyn i alle personopplysninger dere har om meg, jf. artikkel 15.\n\nMvh",
    "Please delete all personal data you hold about me (Article 17 GDPR). Thank you.",
    "Hei! Kan dere rette adressen min? Den er feil i kundeforholdet.",
    "Hvorfor er fakturaen min høyere denne måneden?",
    "Jeg reserverer meg mot markedsføring og ber dere slette meg fra nyhetsbrevet.",
];

fn message(i: usize) -> String {
    let body = BODIES[i % BODIES.len()];
    let qp = i.is_multiple_of(3);
    let encoded = if qp {
        body.replace('ø', "=C3=B8")
            .replace('å', "=C3=A5")
            .replace('æ', "=C3=A6")
    } else {
        body.to_string()
    };
    format!(
        "From: =?utf-8?q?Kari_Nordmann_{i}?= <kari{i}@example.no>\r\nTo: personvern@orinor.no\r\n\
         Subject: =?utf-8?q?Personvern_foresp=C3=B8rsel_{i}?=\r\nDate: Mon, 3 Nov 2025 10:{:02}:00 +0100\r\n\
         Message-ID: <bench-{i}@example.no>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: {}\r\n\r\n{encoded}\r\n",
        i % 60,
        if qp { "quoted-printable" } else { "8bit" }
    )
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let now: DateTime<Utc> = "2026-11-25T10:00:00Z".parse().expect("instant");
    let dir = tempfile::tempdir().expect("temp dir");
    let maildir = dir.path().join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    for i in 0..count {
        std::fs::write(
            maildir.join("new").join(format!("{i}.bench:2,")),
            message(i),
        )
        .expect("write");
    }

    let start = Instant::now();
    let parsed = dsr_desk::intake::read_path(&maildir, now);
    let parse = start.elapsed();
    let ok = parsed.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, count, "every generated message parses");

    let mut store = Store::create(
        &dir.path().join("bench.db"),
        dsr_desk::store::RegisterKind::Register,
    )
    .expect("store");
    let start = Instant::now();
    let mut created = 0;
    dsr_desk::importer::import_path(&mut store, &maildir, "bench", now, &mut |line| {
        created += usize::from(line.result == "created" || line.result == "follow-up");
    });
    let import = start.elapsed();

    let start = Instant::now();
    let mut duplicates = 0;
    dsr_desk::importer::import_path(&mut store, &maildir, "bench", now, &mut |line| {
        duplicates += usize::from(line.result == "duplicate");
    });
    let again = start.elapsed();

    println!("{:<44} {:>10} {:>14}", "what", "time", "messages/s");
    let rate = |d: std::time::Duration| count as f64 / d.as_secs_f64();
    println!(
        "{:<44} {:>10.3?} {:>14.0}",
        format!("parse {count} messages (Maildir)"),
        parse,
        rate(parse)
    );
    println!(
        "{:<44} {:>10.3?} {:>14.0}",
        format!("import {created} into a store"),
        import,
        rate(import)
    );
    println!(
        "{:<44} {:>10.3?} {:>14.0}",
        format!("re-import ({duplicates} duplicates)"),
        again,
        rate(again)
    );
}
