//! The customer-database commands: lookup, records, linking, and carrying out each right.

mod args;
mod carry_out;
mod retention;
mod text;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

pub use args::CustomerCommand;

use super::{Session, case};
use crate::customers::{self, CustomerDb, Match};
use crate::domain::deadline::oslo_date;
use crate::domain::text::one_line;

fn open(ctx: &Session) -> anyhow::Result<CustomerDb> {
    let db = customers::open_configured(&ctx.store, &ctx.config)?;
    if db.index_is_stale() {
        eprintln!(
            "dsr-desk: customers were added since the lookup index was built; run `dsr-desk reindex`"
        );
    }
    Ok(db)
}

/// Runs one customer command.
pub fn run(command: CustomerCommand, ctx: &mut Session) -> anyhow::Result<i32> {
    let today = oslo_date(ctx.now);
    let actor = ctx.config.actor();
    let out = &mut std::io::stdout().lock();
    match command {
        CustomerCommand::Lookup {
            query,
            request,
            limit,
            json,
        } => {
            let db = open(ctx)?;
            let matches = match request {
                Some(r) => db.lookup_requester(&ctx.store.get(&r)?.requester, limit)?,
                None if query.is_empty() => bail!("say what to look for, or --request REF"),
                None => db.lookup(&query.join(" "), limit)?,
            };
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&matches)?)?;
            } else {
                for m in &matches {
                    write_match(out, m)?;
                }
            }
        }
        CustomerCommand::Records { customer_id, json } => {
            let records = open(ctx)?.records(customer_id)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&records)?)?;
            } else {
                text::write_records(out, &records)?;
            }
        }
        CustomerCommand::Link {
            reference,
            customer_ids,
            reason,
        } => {
            let db = open(ctx)?;
            for id in customer_ids {
                let new = case(ctx).link(&db, &reference, id, reason.as_deref())?;
                let label = db.label(id)?;
                let state = if new { "linked" } else { "already linked" };
                writeln!(out, "{}: customer {id} ({label}) {state}", reference.trim())?;
            }
        }
        CustomerCommand::Unlink {
            reference,
            customer_id,
        } => {
            case(ctx).unlink(&reference, customer_id)?;
            writeln!(out, "{}: customer {customer_id} unlinked", reference.trim())?;
        }
        CustomerCommand::NoData {
            reference,
            searched,
        } => {
            case(ctx).record_no_data(&reference, searched.as_deref())?;
            writeln!(out, "{}: recorded that no data is held", reference.trim())?;
        }
        CustomerCommand::Erase {
            reference,
            yes,
            plan,
            json,
        } => return carry_out::erase(ctx, out, &reference, yes, plan, json),
        CustomerCommand::Rectify {
            reference,
            customer,
            table,
            field,
            value,
            empty,
            row,
        } => {
            let mut db = open(ctx)?;
            let value = if empty { None } else { value.as_deref() };
            let done =
                case(ctx).rectify(&mut db, &reference, customer, (&table, &field, value), row)?;
            writeln!(
                out,
                "{}: rectified {}.{} of customer {customer}; notify the recipients: dsr-desk notify {}",
                reference.trim(),
                done.table,
                done.field,
                reference.trim()
            )?;
        }
        CustomerCommand::Restrict { reference } => {
            let mut db = open(ctx)?;
            let newly = case(ctx).restrict(&mut db, &reference)?;
            writeln!(
                out,
                "{}: processing restricted to storage ({newly} newly restricted); notify the recipients: dsr-desk notify {}",
                reference.trim(),
                reference.trim()
            )?;
        }
        CustomerCommand::Unrestrict { reference, told } => {
            let Some(told) = told else {
                bail!(
                    "tell the person before the restriction is lifted (Art. 18(3)), then give the date with --told YYYY-MM-DD"
                );
            };
            let mut db = open(ctx)?;
            let lifted = case(ctx).lift_restriction(&mut db, &reference, told)?;
            for l in lifted {
                writeln!(
                    out,
                    "{}: customer {}: restriction lifted (the person was told on {told})",
                    reference.trim(),
                    l.customer_id
                )?;
            }
        }
        CustomerCommand::Retention { run, json } => retention::retention(ctx, out, run, json)?,
        CustomerCommand::Object { reference } => {
            let mut db = open(ctx)?;
            let done = case(ctx).stop_marketing(&mut db, &reference)?;
            for d in done {
                writeln!(
                    out,
                    "{}: customer {}: marketing stopped ({}; {} address(es) on the suppression list)",
                    reference.trim(),
                    d.customer_id,
                    d.tables
                        .iter()
                        .map(|t| format!("{} {} {}", t.table, t.rows, t.action.done()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    d.suppressed_addresses
                )?;
            }
        }
        CustomerCommand::Notify {
            reference,
            recipient,
            date,
            json,
        } => {
            if let Some(r) = recipient {
                case(ctx).notify(&reference, &r, date.unwrap_or(today))?;
            }
            let request = ctx.store.get(&reference)?;
            let items = ctx.store.checklist(request.id)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
            } else if items.is_empty() {
                writeln!(out, "{}: no recipients to notify", request.reference)?;
            } else {
                for i in items {
                    let state = match i.notified_on {
                        Some(d) => format!("notified {d}"),
                        None => "not yet notified".into(),
                    };
                    writeln!(out, "{}\t{}\t{state}", i.recipient, one_line(&i.name))?;
                }
            }
        }
        CustomerCommand::Access {
            reference,
            out: dir,
            force,
            no_data,
        } => {
            let dir = dir.unwrap_or_else(|| request_folder(&reference));
            carry_out::access(ctx, out, &reference, &dir, no_data, force)?
        }
        CustomerCommand::Portability {
            reference,
            out: dir,
            force,
        } => {
            let dir = dir.unwrap_or_else(|| request_folder(&reference));
            carry_out::portability(ctx, out, &reference, &dir, force)?
        }
        CustomerCommand::Connect {
            customer_db,
            data_map,
        } => {
            let map = customers::load_map(&data_map)?;
            let db = CustomerDb::open(&customer_db, map)?;
            let (db_path, map_path) = (absolute(&customer_db)?, absolute(&data_map)?);
            ctx.store.set_customer_source(
                &db_path.display().to_string(),
                &map_path.display().to_string(),
                &actor,
                ctx.now,
            )?;
            writeln!(
                out,
                "customer database {} connected with the data map {} ({} tables)",
                db.path().display(),
                data_map.display(),
                db.map().tables.len()
            )?;
        }
        CustomerCommand::Reindex => {
            let report = open(ctx)?.reindex()?;
            writeln!(
                out,
                "indexed {} customers ({} keys){}",
                report.customers,
                report.keys,
                if report.link_indexes_added.is_empty() {
                    String::new()
                } else {
                    format!("; added indexes {}", report.link_indexes_added.join(", "))
                }
            )?;
        }
    }
    Ok(0)
}

fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(p).with_context(|| format!("cannot resolve {}", p.display()))
}

fn write_match(out: &mut impl Write, m: &Match) -> std::io::Result<()> {
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}{}",
        m.customer_id,
        one_line(m.customer_number.as_deref().unwrap_or("-")),
        one_line(&m.name),
        one_line(m.email.as_deref().unwrap_or("-")),
        one_line(m.phone.as_deref().unwrap_or("-")),
        m.reasons(),
        if m.restricted { "\trestricted" } else { "" }
    )
}

/// Where a request's files go by default: its own folder under the exports folder.
fn request_folder(reference: &str) -> std::path::PathBuf {
    super::exports::exports_dir().join(crate::export::files::safe_file_name(
        &reference.trim().to_ascii_uppercase(),
    ))
}
