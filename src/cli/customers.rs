//! The customer-database commands: lookup, records, linking, and carrying out each right.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::Subcommand;

mod text;

use super::Session;
use crate::customers::{self, CustomerDb, ErasurePlan, Match};
use crate::domain::deadline::oslo_date;
use crate::domain::request::EventKind;
use crate::domain::text::one_line;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Find customers by e-mail, phone, customer number or (part of) a name, best match first.
    Lookup {
        /// What to look for; several words are one query.
        query: Vec<String>,
        /// Look for the requester of this request (name, e-mail and phone together).
        #[arg(long, value_name = "REF", conflicts_with = "query")]
        request: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show every record held about a customer, grouped by the privacy notice's categories.
    Records {
        customer_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Link customers to a request (the person the request is about).
    Link {
        reference: String,
        #[arg(required = true)]
        customer_ids: Vec<i64>,
    },
    /// Remove a customer linked to a request by mistake.
    Unlink { reference: String, customer_id: i64 },
    /// Erase the linked customers' data: shows the preview; --yes carries it out.
    Erase {
        reference: String,
        /// Carry the erasure out (in one transaction).
        #[arg(long)]
        yes: bool,
        /// With --yes: only if the plan is still the previewed one (its fingerprint).
        #[arg(long, value_name = "FINGERPRINT", requires = "yes")]
        plan: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Correct one field of a linked customer's data (Art. 16).
    Rectify {
        reference: String,
        #[arg(long)]
        customer: i64,
        #[arg(long)]
        table: String,
        #[arg(long)]
        field: String,
        /// The correct value.
        #[arg(long, required_unless_present = "empty")]
        value: Option<String>,
        /// Empty the field instead (NULL).
        #[arg(long, conflicts_with = "value")]
        empty: bool,
        /// The row, when the customer has several in the table.
        #[arg(long)]
        row: Option<i64>,
    },
    /// Restrict processing of the linked customers' data to storage (Art. 18).
    Restrict { reference: String },
    /// Stop direct marketing to the linked customers, for good (Art. 21(3)).
    Object { reference: String },
    /// The Art. 19 checklist; with RECIPIENT, tick it off as notified.
    Notify {
        reference: String,
        recipient: Option<String>,
        /// When the recipient was notified (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Write the access package (JSON: every record + the Art. 15 information).
    Access {
        reference: String,
        #[arg(short = 'o', long = "out", value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// Nothing was found: write a negative confirmation (no customer linked).
        #[arg(long)]
        no_data: bool,
    },
    /// Write the portability export: the data the person provided, as JSON and CSV.
    Portability {
        reference: String,
        #[arg(short = 'o', long = "out", value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Use this customer database and data map (checked now) for every later command.
    Connect {
        customer_db: PathBuf,
        data_map: PathBuf,
    },
    /// Rebuild the customer lookup index (after customers were added outside the desk).
    Reindex,
}

fn open(ctx: &Session) -> anyhow::Result<CustomerDb> {
    let db = customers::open_for(&ctx.store)?;
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
        } => {
            let db = open(ctx)?;
            for id in customer_ids {
                if !db.exists(id)? {
                    bail!("no customer {id} in the customer database");
                }
                let label = db.label(id)?;
                let new = ctx
                    .store
                    .link_customer(&reference, id, &label, &actor, ctx.now)?;
                let state = if new { "linked" } else { "already linked" };
                writeln!(out, "{}: customer {id} ({label}) {state}", reference.trim())?;
            }
        }
        CustomerCommand::Unlink {
            reference,
            customer_id,
        } => {
            ctx.store
                .unlink_customer(&reference, customer_id, &actor, ctx.now)?;
            writeln!(out, "{}: customer {customer_id} unlinked", reference.trim())?;
        }
        CustomerCommand::Erase {
            reference,
            yes,
            plan,
            json,
        } => {
            let mut db = open(ctx)?;
            let preview = customers::erasure_preview(&ctx.store, &db, &reference, today)?;
            let fingerprint = fingerprint(&preview);
            if let Some(p) = plan.filter(|p| !fingerprint.starts_with(p.trim())) {
                bail!(
                    "the erasure plan changed since the preview ({} is now {fingerprint}); preview it again",
                    one_line(&p)
                );
            }
            if !yes {
                if json {
                    let mut v = serde_json::to_value(&preview)?;
                    v["fingerprint"] = fingerprint.clone().into();
                    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                } else {
                    text::write_plan(out, &preview)?;
                    writeln!(
                        out,
                        "\nNothing has changed yet. To carry this out: dsr-desk erase {} --yes --plan {fingerprint}",
                        reference.trim()
                    )?;
                }
                return Ok(0);
            }
            let done = customers::erase(
                &mut ctx.store,
                &mut db,
                &reference,
                &preview,
                &actor,
                ctx.now,
            )?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&done)?)?;
            } else {
                text::write_erased(out, reference.trim(), &done)?;
            }
        }
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
            let done = customers::rectify(
                &mut ctx.store,
                &mut db,
                &reference,
                customer,
                (&table, &field, value),
                row,
                &actor,
                ctx.now,
            )?;
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
            let newly = customers::restrict(&mut ctx.store, &mut db, &reference, &actor, ctx.now)?;
            writeln!(
                out,
                "{}: processing restricted to storage ({newly} newly restricted); notify the recipients: dsr-desk notify {}",
                reference.trim(),
                reference.trim()
            )?;
        }
        CustomerCommand::Object { reference } => {
            let mut db = open(ctx)?;
            let done = customers::object_to_marketing(
                &mut ctx.store,
                &mut db,
                &reference,
                &actor,
                ctx.now,
            )?;
            for d in done {
                writeln!(
                    out,
                    "{}: customer {}: marketing stopped ({} subscription rows off; {} address(es) on the suppression list)",
                    reference.trim(),
                    d.customer_id,
                    d.tables.iter().map(|t| t.1).sum::<usize>(),
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
                let on = date.unwrap_or(today);
                if on > today {
                    bail!("the notification date {on} is in the future");
                }
                ctx.store
                    .tick_recipient(&reference, &r, on, &actor, ctx.now)?;
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
            no_data,
        } => {
            let db = open(ctx)?;
            let package = customers::access_package(
                &ctx.store,
                &db,
                &reference,
                &ctx.config.controller,
                no_data,
                today,
            )?;
            let name = format!("{}-access.json", package.reference);
            let bytes = serde_json::to_vec_pretty(&package)?;
            let paths = deliver(
                ctx,
                &package.reference,
                EventKind::AccessPackage,
                vec![(name, bytes)],
                &dir,
                &actor,
            )?;
            for p in paths {
                writeln!(out, "{}", p.display())?;
            }
        }
        CustomerCommand::Portability {
            reference,
            out: dir,
        } => {
            let db = open(ctx)?;
            let request = ctx.store.get(&reference)?;
            let export = customers::portability(&ctx.store, &db, &reference)?;
            if export.tables.is_empty() {
                bail!(
                    "{} holds no data the person provided on consent or contract; refuse with PORTABILITY_NOT_APPLICABLE if that is the answer",
                    request.reference
                );
            }
            let r = &request.reference;
            let mut files = vec![(
                format!("{r}-portability.json"),
                serde_json::to_vec_pretty(&serde_json::json!({
                    "reference": r,
                    "generated_on": today,
                    "tables": export.tables,
                    "not_included": export.not_included,
                }))?,
            )];
            for t in &export.tables {
                files.push((
                    format!("{r}-portability-{}.csv", t.table),
                    t.to_csv().into_bytes(),
                ));
            }
            for p in deliver(ctx, r, EventKind::PortabilityExport, files, &dir, &actor)? {
                writeln!(out, "{}", p.display())?;
            }
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

fn deliver(
    ctx: &mut Session,
    reference: &str,
    kind: EventKind,
    files: Vec<(String, Vec<u8>)>,
    dir: &Path,
    actor: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    if !dir.exists() {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(customers::deliver_files(
        &mut ctx.store,
        reference,
        kind,
        files,
        dir,
        actor,
        ctx.now,
    )?)
}

fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(p).with_context(|| format!("cannot resolve {}", p.display()))
}

/// A short, stable fingerprint of a plan: what `--plan` checks.
fn fingerprint(plan: &ErasurePlan) -> String {
    use sha2::{Digest, Sha256};
    let bytes = serde_json::to_vec(plan).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
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
