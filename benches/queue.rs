//! Queue and desk timings at scale: `cargo bench --bench queue` (add `-- 100000` for the
//! request count; default 100,000). Prints medians in a table; no assertions, machines are
//! noisy. Each figure is measured against the same database in the same run.

mod common;

use common::time;
use std::time::Duration;

use dsr_desk::config::Config;
use dsr_desk::domain::deadline::oslo_date;
use dsr_desk::store::{QueueFilter, Store, View};
use dsr_desk::tui::app::{App, Clock};
use dsr_desk::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    let count = common::count_arg(100_000);
    let now = common::now();
    let today = oslo_date(now);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::demo_database(dir.path(), count);
    let store = Store::open(&path).expect("store");
    let mut rows: Vec<(String, Duration)> = Vec::new();

    rows.push((
        "counts for the header".into(),
        time(50, || {
            store.counts(today).expect("counts");
        }),
    ));
    for view in [View::Open, View::Overdue, View::Closed, View::All] {
        let f = QueueFilter {
            view,
            ..Default::default()
        };
        rows.push((
            format!("count + first page, view {}", view.label()),
            time(50, || {
                store.count(&f, today).expect("count");
                store.page(&f, today, 0, 40).expect("page");
            }),
        ));
    }
    let all = QueueFilter {
        view: View::All,
        ..Default::default()
    };
    let total = store.count(&all, today).expect("count");
    rows.push((
        "last page, view all".into(),
        time(20, || {
            store.page(&all, today, total - 40, 40).expect("page");
        }),
    ));
    rows.extend(common::search_figures(
        &store,
        today,
        &["b", "bj", "bjo", "bjor", "bjornaes", "DSR-2025-004", "zzzz"],
        20,
    ));
    rows.push((
        "statistics (every request)".into(),
        time(3, || {
            store.stats().expect("stats");
        }),
    ));
    rows.push((
        "get one request".into(),
        time(200, || {
            store.get("DSR-2025-0042").expect("get");
        }),
    ));
    drop(store);

    // The desk: open to first frame, and a keystroke to a redrawn frame.
    let launch = time(10, || {
        let store = Store::open(&path).expect("store");
        let app =
            App::new(store, Config::default(), Clock::Fixed(now), Theme::colour()).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        terminal
            .draw(|f| dsr_desk::tui::screens::draw(f, &app))
            .expect("draw");
    });
    rows.push(("desk: open database to first 200x50 frame".into(), launch));
    let store = Store::open(&path).expect("store");
    let mut app =
        App::new(store, Config::default(), Clock::Fixed(now), Theme::colour()).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    app.set_page_rows(dsr_desk::tui::screens::table_rows_for(50));
    let mut key = |code: KeyCode| {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        terminal
            .draw(|f| dsr_desk::tui::screens::draw(f, &app))
            .expect("draw");
    };
    rows.push((
        "desk: j (next row) to redrawn frame".into(),
        time(200, || key(KeyCode::Char('j'))),
    ));
    rows.push((
        "desk: PgDn to redrawn frame".into(),
        time(100, || key(KeyCode::PageDown)),
    ));
    rows.push((
        "desk: Enter + Esc (open, back)".into(),
        time(50, || {
            key(KeyCode::Enter);
            key(KeyCode::Esc);
        }),
    ));

    println!("{:<48} {:>12}", "what (median)", "time");
    for (what, t) in rows {
        println!("{what:<48} {:>12.3?}", t);
    }
}
