//! When a command starts: finishing the changes to the customer database a crash
//! interrupted, and saying on stderr what became of each.

use std::time::Duration;

use super::Session;
use crate::customers::{self, Interrupted, InterruptedOutcome};
use crate::domain::text::one_line;

/// How long a starting command waits for a desk that may still be carrying a change out;
/// the change is checked again next time.
const WAIT_AT_START: Duration = Duration::from_millis(250);

/// Finishes every interrupted change it can; never fails the command that starts.
pub fn finish_interrupted(ctx: &mut Session) {
    let pending = match ctx.store.pending_intents() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("dsr-desk: cannot read the interrupted changes: {e}");
            return;
        }
    };
    if pending.is_empty() {
        return;
    }
    let mut db = match customers::open_configured(&ctx.store, &ctx.config) {
        Ok(db) => db,
        Err(e) => {
            eprintln!(
                "dsr-desk: {} interrupted change(s) to the customer database wait to be finished, but it cannot be opened: {}",
                pending.len(),
                one_line(&e.to_string())
            );
            return;
        }
    };
    let actor = ctx.config.actor();
    match customers::finish_interrupted(&mut ctx.store, &mut db, &actor, ctx.now, WAIT_AT_START) {
        Ok(done) => {
            for d in &done {
                eprintln!("dsr-desk: {}", sentence(d));
            }
        }
        Err(e) => eprintln!(
            "dsr-desk: the interrupted changes could not be finished: {}",
            one_line(&e.to_string())
        ),
    }
}

/// How many changes are still waiting to be finished; said by `audit verify`.
pub fn still_pending(ctx: &Session) -> anyhow::Result<usize> {
    Ok(ctx.store.pending_intents()?.len())
}

/// "DSR-2025-0006: an erasure started 2025-11-20 10:00 UTC was interrupted; ..."
fn sentence(d: &Interrupted) -> String {
    let what = format!(
        "{}: {} started {} was interrupted",
        one_line(&d.references.join(", ")),
        d.kind.change_noun(),
        d.started_at.format("%Y-%m-%d %H:%M UTC")
    );
    let how = match d.outcome {
        InterruptedOutcome::Completed => {
            "the customer database had been changed, and its record is completed now"
        }
        InterruptedOutcome::NotCarriedOut => {
            "the customer database had not been changed; recorded as not carried out"
        }
        InterruptedOutcome::Busy => {
            "the customer database is busy, perhaps still with this change; checked again next time"
        }
        InterruptedOutcome::OtherDatabase => {
            "it changes another customer database than the one connected; connect that one to finish it"
        }
    };
    let db = match d.outcome {
        InterruptedOutcome::OtherDatabase => format!(" ({})", one_line(&d.customer_db)),
        _ => String::new(),
    };
    format!("{what}; {how}{db}")
}
