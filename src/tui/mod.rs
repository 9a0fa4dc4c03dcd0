//! The terminal desk.

use chrono::{DateTime, Utc};

use crate::cli::Session;

/// Opens the desk on the store. (Until the full-screen desk lands: prints the queue.)
pub fn run(mut ctx: Session, _fixed_now: Option<DateTime<Utc>>) -> anyhow::Result<i32> {
    crate::cli::run(
        crate::cli::Command::List {
            status: "open".into(),
            right: None,
            json: false,
        },
        &mut ctx,
    )
}
