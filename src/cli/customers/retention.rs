//! `retention [--run]`: the legal holds whose keep-through date has passed, and ending them.

use std::io::Write;

use super::open;
use crate::cli::Session;
use crate::customers::{self, RetentionDue, RetentionEnded};
use crate::domain::deadline::oslo_date;
use crate::domain::text::one_line;

/// Lists what is due; with `run`, deletes it and records it on the requests.
pub(super) fn retention(
    ctx: &mut Session,
    out: &mut impl Write,
    run: bool,
    json: bool,
) -> anyhow::Result<()> {
    let actor = ctx.config.actor();
    let mut db = open(ctx)?;
    if !run {
        let due = db.retention_due(oslo_date(ctx.now))?;
        if json {
            writeln!(out, "{}", serde_json::to_string_pretty(&due)?)?;
        } else {
            write_due(out, &due)?;
        }
        return Ok(());
    }
    let done = customers::end_retention(&mut ctx.store, &mut db, &actor, ctx.now)?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&done)?)?;
    } else {
        write_ended(out, &done)?;
    }
    Ok(())
}

fn write_due(out: &mut impl Write, due: &RetentionDue) -> std::io::Result<()> {
    if due.is_empty() {
        writeln!(out, "No legal hold has ended as of {}.", due.today)?;
    } else {
        writeln!(
            out,
            "Legal holds ended as of {}: {} rows may no longer be kept",
            due.today,
            due.row_count()
        )?;
        for g in &due.groups {
            writeln!(
                out,
                "{}\t{}\t{} rows\tkept through {}\t{}\tcustomers {}",
                one_line(&g.request),
                g.table,
                g.rows.len(),
                g.kept_through().map(|d| d.to_string()).unwrap_or_default(),
                one_line(&g.law),
                g.customers()
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
    }
    if let Some(next) = due.next {
        writeln!(
            out,
            "Next: {} rows kept through {}, to be deleted after that day.",
            next.rows, next.keep_through
        )?;
    }
    if !due.is_empty() {
        writeln!(
            out,
            "Nothing has been deleted yet. To delete them: dsr-desk retention --run"
        )?;
    }
    Ok(())
}

fn write_ended(out: &mut impl Write, done: &RetentionEnded) -> std::io::Result<()> {
    if done.evidence.is_empty() {
        return writeln!(out, "No legal hold has ended as of {}.", done.today);
    }
    writeln!(
        out,
        "Deleted {} rows whose legal hold ended (as of {}):",
        done.deleted(),
        done.today
    )?;
    for e in &done.evidence {
        let gone = if e.already_gone > 0 {
            format!(" ({} were already gone)", e.already_gone)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}\t{}\t{} deleted{gone}\tsha256 {}",
            one_line(&e.request),
            e.table,
            e.deleted,
            e.sha256.as_deref().unwrap_or("-")
        )?;
    }
    for r in &done.unknown_requests {
        writeln!(
            out,
            "{}: not in this request database; the event was logged without a request",
            one_line(r)
        )?;
    }
    Ok(())
}
