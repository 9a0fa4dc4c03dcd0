//! The real `dsr-desk` binary in a pseudo-terminal: its output is parsed by a terminal
//! emulator (vt100) and the tests wait for text on the parsed screen, never for bytes in
//! the stream (ratatui sends only the cells that changed).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const NOW: &str = "2026-11-25T10:00:00Z";
/// Generous: a debug build on a busy two-core machine.
const TIMEOUT: Duration = Duration::from_secs(20);

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has rows and columns")
}

/// One run of the desk in a pty, with its screen as a terminal would show it.
struct Desk {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    reader: Option<JoinHandle<()>>,
    /// Every byte the desk wrote to the terminal so far.
    written: Arc<AtomicUsize>,
    /// The terminal's line settings before the desk started, to compare after it quit.
    termios_before: String,
}

/// A folder with a config that names the officer (the audit trail would otherwise name
/// whoever runs the tests) and room for the database.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("config.toml"), "officer = \"tester\"\n").expect("config");
        Workspace { dir }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("requests.db")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// The environment every run gets: a fixed clock, our files, no inherited choices.
    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DSR_DESK_NOW", NOW.into()),
            ("DSR_DESK_CONFIG", self.config().display().to_string()),
            ("HOME", self.dir.path().display().to_string()),
            ("XDG_DATA_HOME", self.dir.path().display().to_string()),
            ("XDG_CONFIG_HOME", self.dir.path().display().to_string()),
        ]
    }

    fn start(&self, args: &[&str], extra_env: &[(&str, &str)]) -> Desk {
        let pty = native_pty_system()
            .openpty(size(40, 120))
            .expect("open a pty");
        let termios_before = line_settings(pty.master.as_ref());
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dsr-desk"));
        cmd.args(args);
        cmd.cwd(self.dir.path());
        for var in ["NO_COLOR", "DSR_DESK_DB", "DSR_DESK_LOG", "USER"] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn dsr-desk");
        // Only the child holds the terminal side now, so the reader sees EOF when it exits.
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(40), nonzero(120), 0)));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let feed = Arc::clone(&parser);
        let written = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&written);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        count.fetch_add(n, Ordering::SeqCst);
                        feed.lock().expect("parser lock").process(&buf[..n])
                    }
                }
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Desk {
            master: pty.master,
            writer,
            child,
            parser,
            reader: Some(reader),
            written,
            termios_before,
        }
    }

    /// Runs a non-interactive command and returns its standard output.
    fn run(&self, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dsr-desk"));
        cmd.args(args).current_dir(self.dir.path());
        cmd.env_remove("DSR_DESK_DB").env_remove("NO_COLOR");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run dsr-desk");
        assert!(
            out.status.success(),
            "dsr-desk {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }
}

/// The pty's local and input modes (echo, canonical input, signals, CR translation).
fn line_settings(master: &dyn MasterPty) -> String {
    let t = master.get_termios().expect("the pty's settings");
    format!("{:?} {:?}", t.local_flags, t.input_flags)
}

impl Desk {
    fn screen(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    /// Waits until the parsed screen satisfies `ok`; fails with the screen on timeout.
    fn wait_for(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.parser.lock().expect("parser lock").screen()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the desk has written nothing for `quiet`, and returns how much it wrote.
    fn settled(&self, quiet: Duration) -> usize {
        let start = Instant::now();
        let mut last = (self.written.load(Ordering::SeqCst), Instant::now());
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.written.load(Ordering::SeqCst);
            if now != last.0 {
                last = (now, Instant::now());
            } else if last.1.elapsed() >= quiet {
                return now;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "the desk never stopped writing; the screen:\n{}",
                    self.screen()
                );
            }
        }
    }

    fn wait_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .expect("parser lock")
            .set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(rows, cols)).expect("resize pty");
    }

    /// Waits for the desk to exit and for its last output to be parsed; returns the exit code.
    fn finish(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for dsr-desk") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("dsr-desk did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        assert!(
            status.signal().is_none(),
            "dsr-desk died of a signal: {status:?}"
        );
        status.exit_code()
    }

    /// After the desk quit: the normal screen is back, with the cursor, without mouse
    /// reporting, and the line settings are what they were before it started.
    fn assert_terminal_restored(&self) {
        let parser = self.parser.lock().expect("parser lock");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on"
        );
        assert_eq!(
            line_settings(self.master.as_ref()),
            self.termios_before,
            "raw mode was not undone"
        );
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        // A failed test must not leave a desk running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn queue_shown(s: &vt100::Screen) -> bool {
    let text = s.contents();
    // The frame may arrive in pieces: wait for the footer, drawn after the rows.
    text.contains("Queue 1/")
        && text.contains("Countdown")
        && text.contains("DSR-")
        && text.contains("? help")
}

/// The reference on the queue's first row.
fn first_reference(screen: &str) -> String {
    // A row starts with the unread marker column (● or a space), then the reference.
    let line = screen
        .lines()
        .map(|l| l.trim_start_matches(['●', ' ']))
        .find(|l| l.starts_with("DSR-"))
        .expect("a queue row");
    line.split_whitespace()
        .next()
        .expect("reference")
        .to_string()
}

#[test]
fn refuse_the_most_urgent_request_then_find_it_stored() {
    let ws = Workspace::new();
    let db = ws.db();
    let db = db.to_str().expect("UTF-8 path");
    let mut desk = ws.start(&["--demo", "--db", db], &[]);
    desk.wait_for("the queue", queue_shown);
    desk.wait_for("the alternate screen", |s| s.alternate_screen());
    let screen = desk.screen();
    let reference = first_reference(&screen);
    assert!(
        screen
            .lines()
            .any(|l| l.trim_start().starts_with(&reference) && l.contains("overdue")),
        "the most urgent request is first:\n{screen}"
    );

    desk.send("\r");
    desk.wait_text("Deadline, worked out");
    desk.send("r");
    desk.wait_text(&format!("Refuse {reference}"));
    // Tab to the ground; `m` twice picks MANIFESTLY_EXCESSIVE; Tab to the reason.
    desk.send("\tmm");
    desk.wait_text("MANIFESTLY_EXCESSIVE");
    let reason =
        "Fourth identical request this month; nothing has changed since the copy sent on the 2nd.";
    desk.send("\t");
    desk.send(reason);
    desk.send("\r");
    desk.wait_text("Confirm");
    desk.send("y");
    desk.wait_text("closed as refused");
    desk.send("q");
    assert_eq!(desk.finish(), 0, "quit exits 0");
    desk.assert_terminal_restored();

    let json = ws.run(&["--db", db, "show", &reference, "--json"]);
    let shown: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(shown["ref"], reference.as_str());
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["outcome"], "refused");
    assert_eq!(shown["refusal_ground"], "MANIFESTLY_EXCESSIVE");
    assert_eq!(shown["reason"], reason);
    assert_eq!(shown["decisions"][0]["decided_by"], "tester");
    assert_eq!(shown["closed_at"], NOW);
}

#[test]
fn ctrl_c_quits_cleanly_even_with_a_form_open() {
    let ws = Workspace::new();
    let db = ws.db();
    let mut desk = ws.start(&["--demo", "--db", db.to_str().expect("UTF-8 path")], &[]);
    desk.wait_for("the queue", queue_shown);
    desk.send("o");
    desk.wait_text("Note on");
    desk.send("half a note");
    desk.wait_text("half a note");
    desk.send("\u{3}");
    assert_eq!(desk.finish(), 0, "Ctrl-C exits 0");
    desk.assert_terminal_restored();
}

#[test]
fn a_resize_relays_out_and_a_small_window_says_so() {
    let ws = Workspace::new();
    let db = ws.db();
    // NO_COLOR is honoured by the real binary: not one cell in colour.
    let mut desk = ws.start(
        &["--demo", "--db", db.to_str().expect("UTF-8 path")],
        &[("NO_COLOR", "1")],
    );
    desk.wait_for("the queue", queue_shown);
    desk.wait_text("9 d overdue");
    {
        let parser = desk.parser.lock().expect("parser lock");
        let screen = parser.screen();
        for row in 0..40 {
            for col in 0..120 {
                let cell = screen.cell(row, col).expect("cell");
                assert!(
                    cell.fgcolor() == vt100::Color::Default
                        && cell.bgcolor() == vt100::Color::Default,
                    "colour at ({col},{row}) under NO_COLOR:\n{}",
                    screen.contents()
                );
            }
        }
        // Without colour, urgency is carried by the monochrome theme: the overdue countdown
        // on an unselected row is underlined (crossterm drops colours under NO_COLOR by
        // itself, so this is what shows the desk chose its own monochrome theme).
        let text = screen.contents();
        let (row, line) = text
            .lines()
            .enumerate()
            .find(|(i, l)| *i > 5 && l.contains("d overdue"))
            .expect("a second overdue row");
        let col = line[..line.find("d overdue").expect("countdown")]
            .chars()
            .count()
            - 2;
        let cell = screen.cell(row as u16, col as u16).expect("cell");
        assert!(
            cell.underline() && cell.bold(),
            "the overdue countdown {:?} is not marked without colour",
            cell.contents()
        );
    }

    desk.resize(15, 60);
    desk.wait_text("too small");
    let screen = desk.screen();
    assert!(screen.contains("now 60x15"), "{screen}");
    assert!(
        !screen.contains("Countdown"),
        "no half-drawn queue:\n{screen}"
    );

    desk.resize(40, 120);
    desk.wait_for("the queue again", |s| {
        queue_shown(s) && !s.contents().contains("too small")
    });
    // Still working: open a request and come back.
    desk.send("\r");
    desk.wait_text("Deadline, worked out");
    desk.send("q");
    assert_eq!(desk.finish(), 0);
    desk.assert_terminal_restored();
}

#[test]
fn without_a_terminal_the_desk_refuses_to_start() {
    let ws = Workspace::new();
    let db = ws.db();
    let db = db.to_str().expect("UTF-8 path");
    let desk = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_dsr-desk"))
            .args(["--db", db])
            .envs(ws.env())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run dsr-desk")
    };
    // On a missing register it refuses as every command does, and creates nothing.
    let out = desk();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no register at") && err.contains("create one with `dsr-desk init`"),
        "{err}"
    );
    assert!(!ws.db().exists());
    ws.run(&["--db", db, "demo", "--customers", "200"]);
    let out = desk();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    // And it did not leave escape sequences behind.
    assert!(!out.stdout.contains(&0x1b), "{:?}", out.stdout);
}

#[test]
fn a_key_bound_to_nothing_sends_nothing_to_the_terminal() {
    let ws = Workspace::new();
    let db = ws.db();
    let mut desk = ws.start(&["--demo", "--db", db.to_str().expect("UTF-8 path")], &[]);
    desk.wait_for("the queue", queue_shown);
    // A message on the status line: a key that did anything would clear it.
    desk.send("I");
    desk.wait_text("no mailbox is set");
    // Past the frames and the tick that follows them.
    let quiet = Duration::from_millis(1500);
    let before = desk.settled(quiet);
    // Bound to nothing on the queue: Z, %, F5 and Insert.
    desk.send("Z%\x1b[15~\x1b[2~");
    let after = desk.settled(quiet);
    assert_eq!(after, before, "an unbound key redrew:\n{}", desk.screen());
    assert!(
        desk.screen().contains("no mailbox is set"),
        "{}",
        desk.screen()
    );
    // A bound key does draw.
    desk.send("j");
    desk.wait_for("the selection to move", |s| {
        s.contents().contains("Queue 2/")
    });
    desk.send("q");
    assert_eq!(desk.finish(), 0);
}
