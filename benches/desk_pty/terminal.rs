//! The desk in a pseudo-terminal for the benchmark: start it on a register, send keys, wait
//! for the screen and the end of the output, and read its memory and CPU from /proc.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 50;
pub const COLS: u16 = 200;
pub const NOW: &str = "2026-11-25T10:00:00Z";
pub const QUIET: Duration = Duration::from_millis(40);
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn binary() -> PathBuf {
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
pub struct Screen {
    parser: vt100::Parser,
    last_output: Instant,
}

pub struct Desk {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Screen>>,
    pub started: Instant,
}

pub fn size() -> PtySize {
    PtySize {
        rows: ROWS,
        cols: COLS,
        pixel_width: 0,
        pixel_height: 0,
    }
}

pub fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("nonzero")
}

pub fn env(dir: &Path) -> Vec<(&'static str, String)> {
    let d = dir.display().to_string();
    vec![
        ("DSR_DESK_NOW", NOW.into()),
        ("DSR_DESK_CONFIG", format!("{d}/config.toml")),
        ("HOME", d.clone()),
        ("XDG_DATA_HOME", d.clone()),
        ("XDG_CONFIG_HOME", d),
    ]
}

pub fn make_register(bin: &Path, dir: &Path, count: u64) {
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
    pub fn start(bin: &Path, dir: &Path) -> Desk {
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

    pub fn contents(&self) -> String {
        self.shared
            .lock()
            .expect("screen lock")
            .parser
            .screen()
            .contents()
    }

    /// Waits until the screen satisfies `ok` and output went quiet; returns when the
    /// last output arrived.
    pub fn settle(&self, what: &str, ok: impl Fn(&str) -> bool) -> Instant {
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
    pub fn time(&mut self, keys: &str, what: &str, ok: impl Fn(&str) -> bool) -> Duration {
        // Whatever an earlier key caused is over before this one is sent.
        self.settle("quiet", |_| true);
        let sent = Instant::now();
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        let end = self.settle(what, ok);
        end.saturating_duration_since(sent)
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    pub fn quit(mut self) {
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
pub fn field(screen: &str, label: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.starts_with("View: "))?;
    let rest = &line[line.find(label)? + label.len()..];
    let end = rest.find("  ").unwrap_or(rest.len());
    Some(rest[..end].trim_end_matches('▏').to_string())
}

/// The queue's title line is on the screen, with rows or saying there are none.
pub fn queue_drawn(screen: &str) -> bool {
    screen.lines().any(|l| l.starts_with(" Queue"))
}

/// "Queue 3/2520": the selection's place and the total.
pub fn queue_position(screen: &str) -> Option<(u64, u64)> {
    let line = screen.lines().find(|l| l.starts_with(" Queue "))?;
    let word = line.split_whitespace().nth(1)?;
    let (at, total) = word.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
}

/// Seconds of CPU (user + system) the process has used, from /proc.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

pub fn rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
