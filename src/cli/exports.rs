//! The export commands: case summaries, the register, letters, the deadline calendar and
//! the list of what falls due. Files go through the one atomic, owner-only writer.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::Session;
use crate::case::exports::{Choice, Prepared};
use crate::config::Paths;
use crate::domain::deadline::oslo_date;
use crate::domain::request::rights_label;
use crate::domain::text::one_line;
use crate::export::letters::{self, Lang, LetterKind};
use crate::export::register::RegisterFormat;
use crate::export::{ExportError, calendar, due, files};
use crate::store::Period;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export one request's case summary, or with --register every request in one file.
    Export(ExportArgs),
    /// Write a response letter (to stdout unless -o): acknowledgement, identity, extension,
    /// access, erasure, rectification, restriction, objection or refusal.
    Letter(LetterArgs),
    /// Write the open requests' deadlines as an iCalendar (.ics) file.
    Calendar(CalendarArgs),
    /// List the open requests due within DAYS days, overdue ones included (nothing due: no output).
    Due(DueArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The request to summarise.
    #[arg(required_unless_present = "register", conflicts_with = "register")]
    pub reference: Option<String>,
    /// Every request, one row each (CSV by default).
    #[arg(long)]
    pub register: bool,
    /// md or json for a summary (default md); csv or json for the register (default csv).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Only requests received on or after this date (Europe/Oslo).
    #[arg(long, value_name = "DATE", requires = "register")]
    pub from: Option<NaiveDate>,
    /// Only requests received on or before this date.
    #[arg(long, value_name = "DATE", requires = "register")]
    pub to: Option<NaiveDate>,
    /// Start the CSV with a byte-order mark, so Excel reads it as UTF-8.
    #[arg(long, requires = "register")]
    pub bom: bool,
    /// The file or folder to write to; `-` prints it (default: the data folder's exports/).
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct LetterArgs {
    pub reference: String,
    /// acknowledgement, identity, extension, access, erasure, rectification, restriction,
    /// objection or refusal.
    pub kind: String,
    /// nb, nn or en (default: the request's own language, else the register's).
    #[arg(long, value_name = "nb|en")]
    pub lang: Option<String>,
    /// The file or folder to write the letter to (default: print it). Only a letter written
    /// to a file is recorded in the audit trail.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Write it as an e-mail draft (.eml): from [mail] from, to the person (or the
    /// representative it is addressed to), threaded under the request's message, with the
    /// package attached to an access letter.
    #[arg(long, conflicts_with = "send")]
    pub eml: bool,
    /// Send it as that e-mail through [mail.smtp]; recorded as sent, with a copy under the
    /// request's exports folder, only once the server accepted it.
    #[arg(long)]
    pub send: bool,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The file or folder to write to; `-` prints it (default: the data folder's exports/).
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Put requesters' names in the events (left out by default: calendars are shared).
    #[arg(long)]
    pub names: bool,
    /// Replace the file if it exists (a calendar refreshed by cron).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How many days ahead to look; 0 = due today or overdue.
    #[arg(long, value_name = "DAYS")]
    pub within: u64,
    #[arg(long)]
    pub json: bool,
    /// Include requesters' names.
    #[arg(long)]
    pub names: bool,
}

/// The default export folder: `exports/` in the data folder.
pub fn exports_dir() -> PathBuf {
    files::default_exports_dir(&Paths::standard().data_dir)
}

/// Writes a prepared export where `output` says and says where it went, recorded in the
/// audit trail. `-` prints it instead: a view, like `show`, so nothing is recorded.
fn deliver(
    ctx: &mut Session,
    output: Option<&Path>,
    force: bool,
    export: &Prepared,
) -> anyhow::Result<()> {
    if output == Some(Path::new("-")) {
        let mut out = std::io::stdout().lock();
        export.write_to(&ctx.store, &mut out)?;
        out.flush()?;
        return Ok(());
    }
    let path = files::target_path(output, &exports_dir(), &export.file_name)?;
    let actor = ctx.config.actor();
    match export.write_file(&mut ctx.store, &path, force, &actor, ctx.now) {
        Ok(path) => {
            println!("{}", path.display());
            Ok(())
        }
        Err(e @ ExportError::Exists(_)) => Err(anyhow!("{e} (add --force to replace it)")),
        Err(e) => Err(e.into()),
    }
}

/// Writes an unrecorded file (the calendar) where `output` says, or prints it.
fn deliver_unrecorded(
    output: Option<&Path>,
    (default_name, force): (&str, bool),
    text: &str,
) -> anyhow::Result<()> {
    if output == Some(Path::new("-")) {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        return Ok(out.flush()?);
    }
    let path = files::target_path(output, &exports_dir(), default_name)?;
    match files::write_atomic(&path, force, |out| out.write_all(text.as_bytes())) {
        Ok(path) => {
            println!("{}", path.display());
            Ok(())
        }
        Err(e @ ExportError::Exists(_)) => Err(anyhow!("{e} (add --force to replace it)")),
        Err(e) => Err(e.into()),
    }
}

/// The export of `choice`, made by the case workflow; a summary names the linked customers
/// from the customer database when there is one.
fn prepare_export(ctx: &Session, choice: &Choice) -> anyhow::Result<Prepared> {
    let names = crate::customers::summary_names(&ctx.store, &ctx.config);
    Ok(crate::case::exports::prepare(
        &ctx.store,
        choice,
        &*names,
        &ctx.config.templates(),
        ctx.now,
    )?)
}

pub fn run(command: ExportCommand, ctx: &mut Session) -> anyhow::Result<i32> {
    let today = oslo_date(ctx.now);
    match command {
        ExportCommand::Export(a) if a.register => {
            let format = match a.format {
                None | Some(Format::Csv) => RegisterFormat::Csv,
                Some(Format::Json) => RegisterFormat::Json,
                Some(Format::Md) => bail!("the register is csv or json, not md"),
            };
            if a.bom && format == RegisterFormat::Json {
                bail!("--bom is for CSV (Excel); JSON never has one");
            }
            if let (Some(from), Some(to)) = (a.from, a.to)
                && from > to
            {
                bail!("--from {from} is after --to {to}");
            }
            let choice = Choice::Register {
                format,
                period: Period {
                    from: a.from,
                    to: a.to,
                },
                bom: a.bom,
            };
            let export = prepare_export(ctx, &choice)?;
            deliver(ctx, a.output.as_deref(), a.force, &export)?;
        }
        ExportCommand::Export(a) => {
            let reference = a.reference.unwrap_or_default();
            let json = match a.format {
                None | Some(Format::Md) => false,
                Some(Format::Json) => true,
                Some(Format::Csv) => bail!("a case summary is md or json; csv is for --register"),
            };
            let export = prepare_export(ctx, &Choice::Summary { reference, json })?;
            deliver(ctx, a.output.as_deref(), a.force, &export)?;
        }
        ExportCommand::Letter(a) => {
            let kind = LetterKind::parse(&a.kind).ok_or_else(|| {
                anyhow!(
                    "unknown letter '{}'; use one of: {}",
                    one_line(&a.kind),
                    LetterKind::choices()
                )
            })?;
            let request = ctx.store.get(&a.reference)?;
            let lang = match &a.lang {
                Some(l) => Lang::parse(l).ok_or_else(|| {
                    anyhow!("unknown language '{}'; use nb, nn or en", one_line(l))
                })?,
                None => letters::language_of(
                    &request,
                    crate::case::controller::letter_language(&ctx.store)?,
                ),
            };
            let choice = Choice::Letter {
                reference: request.reference.clone(),
                kind,
                lang,
            };
            if a.eml || a.send {
                let exports = exports_dir();
                let (mail, prepared) = crate::case::mail::outgoing(
                    &ctx.store,
                    &ctx.config,
                    &choice,
                    &exports,
                    ctx.now,
                )?;
                let actor = ctx.config.actor();
                if a.send {
                    if a.output.is_some() {
                        bail!(
                            "--send keeps its copy under the request's exports folder; -o is for --eml"
                        );
                    }
                    let copy = crate::case::mail::send(
                        &mut ctx.store,
                        &ctx.config,
                        (&request.reference, &mail),
                        &exports,
                        (&actor, ctx.now),
                    )?;
                    println!("sent to {}; copy at {}", mail.to.join(", "), copy.display());
                } else {
                    let name = crate::case::mail::draft_file_name(&prepared);
                    let path = files::target_path(a.output.as_deref(), &exports, &name)?;
                    match crate::case::mail::save_draft(
                        &mut ctx.store,
                        (&mail, &prepared),
                        (&path, a.force),
                        &actor,
                        ctx.now,
                    ) {
                        Ok(path) => println!("{}", path.display()),
                        Err(e @ ExportError::Exists(_)) => {
                            bail!("{e} (add --force to replace it)")
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                return Ok(0);
            }
            let export = prepare_export(ctx, &choice)?;
            // Printed unless -o: a view of the letter, not a copy that leaves the desk.
            let output = a.output.as_deref().unwrap_or(Path::new("-"));
            deliver(ctx, Some(output), a.force, &export)?;
        }
        ExportCommand::Calendar(a) => {
            let events = calendar::collect(&ctx.store, ctx.now, a.names)?;
            let text = calendar::ics(&events, ctx.now);
            // Not recorded: a calendar refreshed from cron would flood the trail with copies
            // of what the requests' own events already say.
            deliver_unrecorded(a.output.as_deref(), ("deadlines.ics", a.force), &text)?;
        }
        ExportCommand::Due(a) => {
            let items = due::due_within(&ctx.store, today, a.within, a.names)?;
            let mut out = std::io::stdout().lock();
            if a.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
            } else {
                for i in &items {
                    let mut line = format!(
                        "{}\t{}\t{}\t{}",
                        i.reference,
                        i.due,
                        i.countdown.short(),
                        rights_label(&i.rights)
                    );
                    if let Some(name) = &i.name {
                        line.push('\t');
                        line.push_str(name);
                    }
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(0)
}
