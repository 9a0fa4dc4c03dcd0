//! dsr-desk: parse the command line, open the store, hand over; exit codes.
//!
//! Exit codes: 0 success, 1 an error (one line on stderr), 2 bad usage, 3 broken audit trail.

use clap::Parser;

use dsr_desk::cli::{self, Cli, Command};
use dsr_desk::config::{Config, Paths};
use dsr_desk::domain::text::one_line;
use dsr_desk::store::Store;

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        // A reader that stops early (`dsr-desk list | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // Errors can quote what was typed or read from a file: one line, no escapes.
            let advice = e
                .downcast_ref::<dsr_desk::case::CaseError>()
                .and_then(cli::advice)
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            eprintln!("dsr-desk: {}{advice}", one_line(&format!("{e:#}")));
            1
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let now = cli.now.unwrap_or_else(chrono::Utc::now);
    let paths = Paths::standard();
    let config = Config::load(cli.config.as_deref().unwrap_or(&paths.config_file))?;
    let mut db = cli::db_path(&cli, &paths);
    match cli.command {
        Some(Command::Deadline { extended, dates }) => return cli::run_deadline(extended, &dates),
        Some(Command::Demo {
            requests,
            customers,
            force,
        }) => {
            let refs = cli::build_demo_with(&db, requests, customers, force, now)?;
            println!(
                "demo database with {} requests at {}",
                refs.len() as u64 + requests,
                db.display()
            );
            let (customer_db, _) = dsr_desk::customers::demo::paths_beside(&db);
            println!("demo customer database at {}", customer_db.display());
            return Ok(0);
        }
        _ => {}
    }
    if cli.demo {
        // The standard demo file is rebuilt every time; a path from --db or DSR_DESK_DB may be
        // a real register, so it is only ever created, never replaced.
        let (path, replace) = match &cli.db {
            Some(path) => (path.clone(), false),
            None => (paths.demo_db(), true),
        };
        db = path;
        cli::build_demo(&db, 0, replace, now)?;
    }
    let store = Store::open(&db)?;
    let mut ctx = cli::Session { store, config, now };
    // A change to the customer database that a crash interrupted is finished, or recorded
    // as not carried out, before anything else reads the register.
    cli::finish_interrupted(&mut ctx);
    match cli.command {
        Some(command) => cli::run(command, &mut ctx),
        None => dsr_desk::tui::run(ctx, cli.now),
    }
}
