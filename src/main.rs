//! dsr-desk: parse the command line, open the store, hand over; exit codes.
//!
//! Exit codes: 0 success, 1 an error (one line on stderr), 2 bad usage, 3 broken audit trail.

use clap::{CommandFactory, FromArgMatches};

use dsr_desk::cli::{self, Cli, Command};
use dsr_desk::config::{Config, Paths};
use dsr_desk::domain::text::one_line;
use dsr_desk::store::Store;

fn main() {
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let json = wants_json(&matches);
    // The demo's default is the demo database: a register named by DSR_DESK_DB is not its
    // target, only a path typed with --db.
    let db_typed = matches.value_source("db") == Some(clap::parser::ValueSource::CommandLine);
    let code = match run(cli, db_typed) {
        Ok(code) => code,
        // A reader that stops early (`dsr-desk list | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // Errors can quote what was typed or read from a file: one line, no escapes.
            let message = one_line(&format!("{e:#}"));
            let advice = cli::advice_for(&e);
            if json {
                // A script that asked for JSON gets its error as JSON too.
                let error = serde_json::json!({"error": message, "advice": advice, "exit": 1});
                eprintln!("{error}");
            } else {
                // A missing register reads as one sentence: "...; create one with ...".
                let sentence = e.downcast_ref::<dsr_desk::store::StoreError>().is_some();
                let advice = advice
                    .map(|a| {
                        if sentence {
                            format!("; {a}")
                        } else {
                            format!(" ({a})")
                        }
                    })
                    .unwrap_or_default();
                eprintln!("dsr-desk: {message}{advice}");
            }
            1
        }
    };
    std::process::exit(code);
}

/// Whether the command line asked for JSON (`--json` on the command or a subcommand).
fn wants_json(matches: &clap::ArgMatches) -> bool {
    matches
        .try_get_one::<bool>("json")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
        || matches.subcommand().is_some_and(|(_, sub)| wants_json(sub))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli, db_typed: bool) -> anyhow::Result<i32> {
    let now = cli.now.unwrap_or_else(chrono::Utc::now);
    let paths = Paths::standard();
    // What needs neither a config nor a register.
    match &cli.command {
        Some(Command::Deadline { extended, dates }) => return cli::run_deadline(*extended, dates),
        Some(docs @ (Command::Completions { .. } | Command::Man)) => return cli::run_docs(docs),
        _ => {}
    }
    let mut config = Config::load(cli.config.as_deref().unwrap_or(&paths.config_file))?;
    let mut db = cli::db_path(&cli, &config, &paths);
    match cli.command {
        Some(Command::Init(args)) => {
            return cli::register::init(&paths, &db, args, &config.actor(), now);
        }
        Some(Command::Demo {
            requests,
            customers,
            force,
        }) => {
            if !db_typed {
                db = paths.demo_db();
            }
            let refs = cli::build_demo(&paths, &db, requests, customers, force, now)?;
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
        // The standard demo file is rebuilt every time (when it is a demo register); a path
        // typed with --db may be a real register, so it is only ever created, never replaced.
        let (path, replace) = match &cli.db {
            Some(path) if db_typed => (path.clone(), false),
            _ => (paths.demo_db(), true),
        };
        db = path;
        let customers = dsr_desk::customers::demo::DEFAULT_CUSTOMERS;
        cli::build_demo(&paths, &db, 0, customers, replace, now)?;
        // On the demo one works as its officer (unless the config names one): what is
        // assigned to them is "mine".
        config
            .officer
            .get_or_insert_with(|| dsr_desk::demo::OFFICER.into());
    } else if let Some(key) = dsr_desk::config::load_audit_key(&paths)? {
        // Every store this process opens writes keyed, the desk's workers' too.
        Store::set_process_audit_key(key);
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
