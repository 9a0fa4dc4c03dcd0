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

#[path = "../common/mod.rs"]
mod common;
mod terminal;

use std::time::Duration;

use terminal::{
    COLS, Desk, ROWS, binary, cpu_seconds, field, make_register, queue_drawn, queue_position,
    rss_mb,
};

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
    // Down 30 rows, each a request not read before, then back up over them.
    for i in 0..60u64 {
        let (key, at) = if i < 30 { ("j", i + 2) } else { ("k", 60 - i) };
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
                    // An empty view (mine, with nothing assigned) has no position to show.
                    field(s, label).is_some_and(|f| f != before) && queue_drawn(s)
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
