//! Mail as it arrives, end to end with the real binary: the receipt is when it reached our
//! server, and a later message asking for a new right becomes its own request.

mod common;

use std::path::Path;

use common::cli::Workspace;
use serde_json::Value;

const NOW: &str = "2026-12-03T09:00:00Z";

/// A register of its own, with this file's clock.
struct Desk(Workspace);

impl std::ops::Deref for Desk {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        &self.0
    }
}

impl Desk {
    fn new() -> Desk {
        Desk(Workspace::init(NOW))
    }

    /// Writes `raw` as a file and imports it; the one line it gives.
    fn import_mail(&self, name: &str, raw: &str) -> Value {
        let path = self.dir.path().join(name);
        std::fs::write(&path, raw).expect("write mail");
        self.import(&path)
    }

    fn import(&self, path: &Path) -> Value {
        let p = path.to_string_lossy().to_string();
        match self.json(&["import", "--json", &p]) {
            Value::Array(mut items) if items.len() == 1 => items.remove(0),
            other => panic!("not one line: {other}"),
        }
    }

    fn show(&self, reference: &str) -> String {
        let (code, out, err) = self.run(&["show", reference]);
        assert_eq!(code, 0, "{err}");
        out
    }
}

fn reference(line: &Value) -> String {
    line["ref"].as_str().expect("ref").to_string()
}

/// A message as our server stamped it (`received`) with the sender's own `date`.
fn mail(id: &str, from: &str, received: &str, date: &str, extra: &str, body: &str) -> String {
    format!(
        "Received: from mx.example.no by mail.acme.no with ESMTPS; {received}\r\n\
         From: {from}\r\nTo: personvern@acme.no\r\nSubject: Personvern\r\nDate: {date}\r\n\
         Message-ID: <{id}>\r\n{extra}\r\n{body}\r\n"
    )
}

#[test]
fn show_says_where_the_receipt_was_read_from() {
    let desk = Desk::new();
    let line = desk.import_mail(
        "late.eml",
        &mail(
            "late@example.no",
            "Kari Nordmann <kari@example.no>",
            "Tue, 1 Dec 2026 21:15:02 +0100",
            "Wed, 2 Dec 2026 08:00:00 +0100",
            "",
            "Jeg ber om innsyn i opplysningene dere har om meg.",
        ),
    );
    assert_eq!(line["result"], "created", "{line}");
    let r = reference(&line);
    let shown = desk.json(&["show", &r, "--json"]);
    assert_eq!(shown["receipt_source"], "received-header");
    assert_eq!(shown["received_date"], "2026-12-01", "{shown}");
    let text = desk.show(&r);
    assert!(
        text.contains("receipt read from: the topmost Received header (our mail server)"),
        "{text}"
    );
    assert!(text.contains("Date header says 2026-12-02 08:00"), "{text}");
}
