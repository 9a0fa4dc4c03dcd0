//! The desk as an officer feels it: the release binary in a 200x50 pseudo-terminal at
//! 100,000 requests, each key timed from the write to the end of the redraw it causes.
//!
//! Run: `cargo build --release && cargo bench --bench desk_pty` (add `-- 20000` for another
//! request count). The binary is looked up in `$CARGO_TARGET_DIR/release` (else
//! `target/release`); build it first, the benchmark does not. Prints medians and worst
//! cases as ratios to a cursor move in the same run, against the targets of
//! docs/performance.md; no assertions, machines are noisy.
//!
//! A redraw ends at the last byte of output after the screen shows what the key asks for:
//! the reader stamps every chunk it feeds the terminal emulator, and a measurement waits
//! until the expected text is on the parsed screen and output has been quiet for a while,
//! then takes the stamp of the last chunk (the quiet wait itself is not counted).

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 50;
const COLS: u16 = 200;
const NOW: &str = "2026-11-25T10:00:00Z";
const QUIET: Duration = Duration::from_millis(40);
const TIMEOUT: Duration = Duration::from_secs(30);

fn binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let bin = target.join("release").join("dsr-desk");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first",
        bin.display()
    );
    bin
}

/// What the reader thread shares: the parsed screen and when output last arrived.
struct Screen {
    parser: vt100::Parser,
    last_output: Instant,
}

struct Desk {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Screen>>,
    started: Instant,
}

fn size() -> PtySize {
    PtySize {
        rows: ROWS,
        cols: COLS,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("nonzero")
}

fn env(dir: &Path) -> Vec<(&'static str, String)> {
    let d = dir.display().to_string();
    vec![
        ("DSR_DESK_NOW", NOW.into()),
        ("DSR_DESK_CONFIG", format!("{d}/config.toml")),
        ("HOME", d.clone()),
        ("XDG_DATA_HOME", d.clone()),
        ("XDG_CONFIG_HOME", d),
    ]
}

fn make_register(bin: &Path, dir: &Path, count: u64) {
    std::fs::write(dir.join("config.toml"), "officer = \"bench\"\n").expect("config");
    let built = Instant::now();
    let mut cmd = std::process::Command::new(bin);
    let db = dir.join("requests.db");
    cmd.args([
        "demo",
        "--requests",
        &count.to_string(),
        "--customers",
        "1000",
        "--db",
    ]);
    cmd.arg(&db);
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("DSR_DESK_DB");
    for (k, v) in env(dir) {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run dsr-desk demo");
    assert!(
        out.status.success(),
        "demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "demo register with {count} generated requests built in {:.1?}",
        built.elapsed()
    );
}

impl Desk {
    fn start(bin: &Path, dir: &Path) -> Desk {
        let pty = native_pty_system().openpty(size()).expect("open a pty");
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg("--db");
        cmd.arg(dir.join("requests.db"));
        cmd.cwd(dir);
        for var in ["NO_COLOR", "DSR_DESK_DB", "DSR_DESK_LOG", "USER"] {
            cmd.env_remove(var);
        }
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env(dir) {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn dsr-desk");
        drop(pty.slave);
        let shared = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            last_output: started,
        }));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let feed = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let at = Instant::now();
                        let mut s = feed.lock().expect("screen lock");
                        s.parser.process(&buf[..n]);
                        s.last_output = at;
                    }
                }
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Desk {
            _master: pty.master,
            writer,
            child,
            shared,
            started,
        }
    }

    fn contents(&self) -> String {
        self.shared
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .contents()
    }

    /// Waits until the screen satisfies `ok` and output went quiet; returns when the
    /// last output arrived.
    fn settle(&self, what: &str, ok: impl Fn(&str) -> bool) -> Instant {
        let start = Instant::now();
        loop {
            {
                let s = self.shared.lock().expect("screen lock");
                if ok(&s.parser.screen().contents()) && s.last_output.elapsed() >= QUIET {
                    return s.last_output;
                }
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    /// Sends `keys` and times them to the end of the redraw that satisfies `ok`.
    fn time(&mut self, keys: &str, what: &str, ok: impl Fn(&str) -> bool) -> Duration {
        // Whatever an earlier key caused is over before this one is sent.
        self.settle("quiet", |_| true);
        let sent = Instant::now();
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        let end = self.settle(what, ok);
        end.saturating_duration_since(sent)
    }

    fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"\x03");
        let _ = self.writer.flush();
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

/// The text after `label` in the queue's filter line, up to the next wide gap.
fn field(screen: &str, label: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.starts_with("View: "))?;
    let rest = &line[line.find(label)? + label.len()..];
    let end = rest.find("  ").unwrap_or(rest.len());
    Some(rest[..end].trim_end_matches('▏').to_string())
}

/// "Queue 3/2520": the selection's place and the total.
fn queue_position(screen: &str) -> Option<(u64, u64)> {
    let line = screen.lines().find(|l| l.starts_with(" Queue "))?;
    let word = line.split_whitespace().nth(1)?;
    let (at, total) = word.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
}

#[derive(Default)]
struct Op {
    name: &'static str,
    samples: Vec<Duration>,
}

impl Op {
    fn median(&self) -> Duration {
        common::median(self.samples.clone())
    }
    fn worst(&self) -> Duration {
        self.samples.iter().max().copied().unwrap_or_default()
    }
}

/// Seconds of CPU (user + system) the process has used, from /proc.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

const SEARCHES: [&str; 4] = ["hansen", "ann", "olsen", "ase"];

fn main() {
    let count = common::count_arg(100_000);
    let bin = binary();
    let dir = tempfile::tempdir().expect("temp dir");
    make_register(&bin, dir.path(), count);

    let mut launch = Op {
        name: "launch to first frame",
        ..Default::default()
    };
    for _ in 0..7 {
        let desk = Desk::start(&bin, dir.path());
        let end = desk.settle("the first frame", |s| queue_position(s).is_some());
        launch
            .samples
            .push(end.saturating_duration_since(desk.started));
        desk.quit();
    }

    let mut desk = Desk::start(&bin, dir.path());
    desk.settle("the first frame", |s| queue_position(s).is_some());
    // Background work started at launch is over before anything is timed.
    std::thread::sleep(Duration::from_secs(3));

    let mut cursor = Op {
        name: "cursor move (j, k)",
        ..Default::default()
    };
    for i in 0..60u64 {
        let (key, at) = if i % 2 == 0 { ("j", 2) } else { ("k", 1) };
        cursor.samples.push(desk.time(key, "the cursor", |s| {
            queue_position(s).is_some_and(|(p, _)| p == at)
        }));
    }

    // Every view and every right in turn, whatever the desk offers: each key changes the
    // label, and the cycle comes back to where it began.
    let mut view = Op {
        name: "view switch (f)",
        ..Default::default()
    };
    let mut right = Op {
        name: "right filter (R)",
        ..Default::default()
    };
    for (op, key, label, first) in [
        (&mut view, "f", "View: ", "open"),
        (&mut right, "R", "Right: ", "all"),
    ] {
        for _ in 0..3 {
            loop {
                let before = field(&desk.contents(), label).unwrap_or_default();
                op.samples.push(desk.time(key, label, |s| {
                    field(s, label).is_some_and(|f| f != before) && queue_position(s).is_some()
                }));
                if field(&desk.contents(), label).as_deref() == Some(first) {
                    break;
                }
            }
        }
    }

    let mut search_open = Op {
        name: "search per key, view open",
        ..Default::default()
    };
    let mut search_all = Op {
        name: "search per key, view all",
        ..Default::default()
    };
    let mut esc = Op {
        name: "Esc clearing a search",
        ..Default::default()
    };
    let mut paste = Op {
        name: "paste of 6 characters",
        ..Default::default()
    };
    for all in [false, true] {
        if all {
            // open -> ... -> all is seven steps forward.
            desk.time("F", "the view all", |s| {
                field(s, "View: ").as_deref() == Some("all")
            });
        }
        for _ in 0..2 {
            for term in SEARCHES {
                desk.time("/", "the search line", |s| s.contains("Search: ▏"));
                for n in 1..=term.len() {
                    let typed = &term[..n];
                    let t = desk.time(&term[n - 1..n], typed, |s| {
                        field(s, "Search: ").as_deref() == Some(typed)
                    });
                    if all {
                        &mut search_all
                    } else {
                        &mut search_open
                    }
                    .samples
                    .push(t);
                }
                esc.samples
                    .push(desk.time("\x1b", "the cleared search", |s| {
                        field(s, "Search: ").as_deref() == Some("/ to search")
                    }));
            }
        }
        for term in SEARCHES {
            desk.time("/", "the search line", |s| s.contains("Search: ▏"));
            paste.samples.push(desk.time(term, term, |s| {
                field(s, "Search: ").as_deref() == Some(term)
            }));
            desk.time("\x1b", "the cleared search", |s| {
                field(s, "Search: ").as_deref() == Some("/ to search")
            });
        }
    }
    desk.time("c", "the cleared filters", |s| {
        field(s, "View: ").as_deref() == Some("open")
    });

    let mut stats = Op {
        name: "statistics screen (S)",
        ..Default::default()
    };
    for _ in 0..7 {
        stats
            .samples
            .push(desk.time("S", "the statistics", |s| s.contains("on time (")));
        desk.time("\x1b", "the queue", |s| queue_position(s).is_some());
    }

    let pid = desk.pid();
    let rss = pid.and_then(rss_mb);
    let idle = pid.and_then(|pid| {
        let before = cpu_seconds(pid)?;
        std::thread::sleep(Duration::from_secs(3));
        Some(cpu_seconds(pid)? - before)
    });
    desk.quit();

    let base = cursor.median().as_secs_f64();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration| d.as_secs_f64() / base;
    println!("\n{count} generated requests, {COLS}x{ROWS}; ratios to the cursor move's median\n");
    println!(
        "| {:<28} | {:>9} | {:>9} | {:>8} | {:>8} | {:<26} | {:<4} |",
        "what", "median ms", "worst ms", "median x", "worst x", "target", "ok"
    );
    println!("|{}|", ["-"; 7].map(|_| "---").join("|"));
    let line = |op: &Op, target: &str, pass: bool| {
        println!(
            "| {:<28} | {:>9.2} | {:>9.2} | {:>8.1} | {:>8.1} | {:<26} | {:<4} |",
            op.name,
            ms(op.median()),
            ms(op.worst()),
            ratio(op.median()),
            ratio(op.worst()),
            target,
            if pass { "yes" } else { "NO" }
        );
    };
    line(&cursor, "<= 1 ms", ms(cursor.median()) <= 1.0);
    for op in [&view, &right, &esc] {
        line(op, "<= 3x", ratio(op.median()) <= 3.0);
    }
    for op in [&search_open, &search_all, &paste] {
        line(
            op,
            "median <= 5x, worst <= 15x",
            ratio(op.median()) <= 5.0 && ratio(op.worst()) <= 15.0,
        );
    }
    line(&stats, "<= 30x", ratio(stats.median()) <= 30.0);
    line(&launch, "<= 25x", ratio(launch.median()) <= 25.0);
    match rss {
        Some(mb) => println!(
            "\nresident memory after the run: {mb:.1} MB (target <= 64 MB: {})",
            if mb <= 64.0 { "yes" } else { "NO" }
        ),
        None => println!("\nresident memory: not readable here"),
    }
    match idle {
        Some(cpu) => println!(
            "CPU while idle for 3 s: {:.0} ms (target: none between ticks: {})",
            cpu * 1000.0,
            if cpu <= 0.02 { "yes" } else { "NO" }
        ),
        None => println!("CPU while idle: not readable here"),
    }
}
