//! Letters as e-mail, end to end through the binary: a draft parsed back, a letter sent to a
//! real SMTP server on loopback (aiosmtpd, started here), a reply to it threading back, a
//! refused recipient and a server that is down (nothing recorded as sent for either).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

mod common;

use common::cli::{Workspace, write_message};

const NOW: &str = "2026-11-25T10:00:00Z";

/// The Python that has aiosmtpd: Debian's (`python3-aiosmtpd`) or the first on PATH.
fn python_with_aiosmtpd() -> Option<String> {
    ["/usr/bin/python3", "python3"].into_iter().find_map(|p| {
        Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| p.to_string())
    })
}

struct Server {
    child: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl Server {
    fn start(python: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let folder = tempfile::tempdir().expect("folder");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smtp/server.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(port.to_string())
            .arg(folder.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("ready line");
        assert_eq!(line.trim(), "ready");
        Server {
            child,
            port,
            folder,
        }
    }

    /// The messages it accepted, oldest first.
    fn received(&self) -> Vec<Vec<u8>> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read(p).expect("read"))
            .collect()
    }

    fn stop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A register of its own with a sender for e-mail and `port` on loopback as its server.
struct Desk(Workspace);

impl std::ops::Deref for Desk {
    type Target = Workspace;
    fn deref(&self) -> &Workspace {
        &self.0
    }
}

impl Desk {
    fn new(port: u16) -> Desk {
        let desk = Desk(Workspace::init(NOW));
        let config = format!(
            "officer = \"jk\"\n\n[mail]\nfrom = \"ACME Personvern <privacy@acme.no>\"\n\n\
             [mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"
        );
        std::fs::write(desk.config_file(), config).expect("config");
        desk
    }

    /// Imports one message from `from` with `id`, optionally replying to `reply_to`.
    fn receive(&self, from: &str, id: &str, reply_to: Option<&str>, body: &str) -> Value {
        let mail = self.dir.path().join("incoming");
        std::fs::create_dir_all(&mail).expect("mail");
        let id_header = format!("<{id}>");
        let reply_header = reply_to.map(|r| format!("<{r}>"));
        let mut headers = vec![
            ("From", from),
            ("Subject", "Personvern"),
            ("Date", "Mon, 23 Nov 2026 09:00:00 +0100"),
            ("Message-ID", id_header.as_str()),
        ];
        if let Some(r) = &reply_header {
            headers.push(("In-Reply-To", r.as_str()));
        }
        let name = format!("{}.eml", id.replace(['@', '.'], "_"));
        let path = write_message(&mail, &name, &headers, body);
        let lines = self.json(&["import", "--json", &path.to_string_lossy()]);
        lines[0].clone()
    }

    fn events(&self, reference: &str) -> Vec<Value> {
        self.json(&["show", reference, "--json"])["events"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

fn parse(raw: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a message")
}

#[test]
fn letters_leave_as_e_mail_and_only_what_the_server_took_is_recorded_as_sent() {
    let Some(python) = python_with_aiosmtpd() else {
        // CI installs it (.ci/run); a developer machine without it says so loudly.
        assert!(
            std::env::var_os("CI").is_none(),
            "aiosmtpd is needed: apt-get install python3-aiosmtpd (or pip install aiosmtpd)"
        );
        eprintln!("SKIPPED: no aiosmtpd (apt-get install python3-aiosmtpd)");
        return;
    };
    let mut server = Server::start(&python);
    let desk = Desk::new(server.port);
    let line = desk.receive(
        "Kari Nordmann <kari@example.no>",
        "k1@example.no",
        None,
        "Hei, jeg ber om innsyn i opplysningene dere har om meg.",
    );
    let reference = line["ref"].as_str().expect("ref").to_string();

    // A draft: parsed back, it is the letter, to Kari, under her message.
    let drafts = desk.dir.path().join("drafts");
    std::fs::create_dir_all(&drafts).expect("drafts");
    let (code, out, err) = desk.run(&[
        "letter",
        &reference,
        "acknowledgement",
        "--eml",
        "-o",
        &drafts.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{err}");
    let draft = std::fs::read(out.trim()).expect("the draft");
    let m = parse(&draft);
    assert_eq!(
        m.from().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("privacy@acme.no")
    );
    assert_eq!(
        m.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("kari@example.no")
    );
    assert!(
        m.subject().is_some_and(|s| s.contains(&reference)),
        "{:?}",
        m.subject()
    );
    assert_eq!(m.in_reply_to().as_text(), Some("k1@example.no"));
    assert!(m.body_text(0).is_some_and(|t| t.contains(&reference)));
    assert!(server.received().is_empty(), "a draft is not sent");

    // Sent: the server has it, the request records it with its Message-ID, and a copy is kept.
    let (code, out, err) = desk.run(&["letter", &reference, "acknowledgement", "--send"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("sent to kari@example.no"), "{out}");
    let received = server.received();
    assert_eq!(received.len(), 1);
    let sent = parse(&received[0]);
    let message_id = sent.message_id().expect("a Message-ID").to_string();
    assert_eq!(sent.in_reply_to().as_text(), Some("k1@example.no"));
    let events = desk.events(&reference);
    let recorded = events
        .iter()
        .find(|e| e["kind"] == "letter-sent")
        .expect("a letter-sent event");
    assert_eq!(recorded["detail"]["message_id"], message_id.as_str());
    assert_eq!(recorded["detail"]["recipients"][0], "kari@example.no");
    assert_eq!(
        recorded["detail"]["sha256"].as_str().map(str::len),
        Some(64)
    );
    let copy = out.trim().rsplit("copy at ").next().expect("copy path");
    // The copy is what the server took (its DATA ends with one more line break).
    let kept = String::from_utf8(std::fs::read(copy).expect("the copy")).expect("UTF-8");
    let took = String::from_utf8(received[0].clone()).expect("UTF-8");
    assert_eq!(kept.trim_end(), took.trim_end());

    // Her answer to the letter threads back to the request.
    let reply = desk.receive(
        "Kari Nordmann <kari@example.no>",
        "k2@example.no",
        Some(&message_id),
        "Takk for svaret.",
    );
    assert_eq!(reply["result"], "follow-up", "{reply}");
    assert_eq!(reply["ref"], reference.as_str());

    // A recipient the server refuses: one clear line, nothing recorded as sent.
    let refused = desk.receive(
        "Ola Refused <refused@example.no>",
        "o1@example.no",
        None,
        "Jeg ber om innsyn i opplysningene dere har om meg.",
    );
    let other = refused["ref"].as_str().expect("ref").to_string();
    let (code, _, err) = desk.run(&["letter", &other, "acknowledgement", "--send"]);
    assert_ne!(code, 0);
    eprintln!("refused recipient: {err}");
    assert!(
        err.contains("refused") && err.trim().lines().count() == 1,
        "{err}"
    );
    assert!(
        !desk
            .events(&other)
            .iter()
            .any(|e| e["kind"] == "letter-sent")
    );
    assert_eq!(server.received().len(), 1);

    // The server is down: one clear line, nothing recorded.
    server.stop();
    let (code, _, err) = desk.run(&["letter", &reference, "acknowledgement", "--send"]);
    eprintln!("server down: {err}");
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("127.0.0.1:{}", server.port)) && err.trim().lines().count() == 1,
        "{err}"
    );
    let sent_events = desk
        .events(&reference)
        .iter()
        .filter(|e| e["kind"] == "letter-sent")
        .count();
    assert_eq!(sent_events, 1);
}

#[test]
fn clear_text_goes_only_to_this_machine_and_a_letter_needs_a_sender() {
    let desk = Desk::new(2525);
    // No server needed: the refusal comes before any connection.
    let config = "[mail]\nfrom = \"ACME <privacy@acme.no>\"\n\n[mail.smtp]\nhost = \"mail.example.no\"\nsecurity = \"none\"\n";
    std::fs::write(desk.config_file(), config).expect("config");
    let line = desk.receive(
        "Kari Nordmann <kari@example.no>",
        "k1@example.no",
        None,
        "Hei, jeg ber om innsyn i opplysningene dere har om meg.",
    );
    let reference = line["ref"].as_str().expect("ref").to_string();
    let (code, _, err) = desk.run(&["letter", &reference, "acknowledgement", "--send"]);
    assert_ne!(code, 0);
    assert!(err.contains("only to this machine"), "{err}");
    std::fs::write(desk.config_file(), "").expect("config");
    let (code, _, err) = desk.run(&["letter", &reference, "acknowledgement", "--eml"]);
    assert_ne!(code, 0);
    assert!(err.contains("[mail] from"), "{err}");
    assert!(
        !desk
            .events(&reference)
            .iter()
            .any(|e| e["kind"] == "letter-sent")
    );
}
