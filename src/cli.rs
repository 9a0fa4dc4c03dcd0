//! The command line: clap definitions and the non-interactive commands.

mod advice;
mod audit;
pub mod customers;
mod demo;
mod show;

pub use advice::{advice, advice_for};
pub use demo::{build_demo, build_demo_with};

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use clap::{Args, Parser, Subcommand};

use crate::case::{Answer, Decision, Edit, RefusalBasis};
use crate::config::{Config, Paths};
use crate::domain::deadline::{Countdown, deadline, extended_deadline, oslo_date};
use crate::domain::request::{
    AgentRole, Channel, FeeBasis, IdentityStatus, Mandate, ObjectionScope, RefusalGround,
    Requester, Right, agent_text, rights_label,
};
use crate::domain::text::one_line;
use crate::export::{request_detail_json, request_json};
use crate::store::{NewRequest, QueueFilter, Store, View};

pub mod exports;
mod interrupted;
pub mod register;

pub use interrupted::finish_interrupted;

#[derive(Debug, Parser)]
#[command(name = "dsr-desk", version, about = "A terminal desk for GDPR data-subject requests", long_about = None)]
pub struct Cli {
    /// The register: a file (default: the data folder's requests.db) or a PostgreSQL
    /// server's address, postgres://USER@HOST[:PORT]/DB.
    #[arg(long, global = true, env = "DSR_DESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file (default: the config folder's config.toml).
    #[arg(long, global = true, env = "DSR_DESK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Open the desk on a fresh demo database.
    #[arg(long)]
    pub demo: bool,
    /// Pretend the time is this instant (RFC 3339): for tests and reproducing a view.
    #[arg(long, global = true, env = "DSR_DESK_NOW", hide = true)]
    pub now: Option<DateTime<Utc>>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Register a request by hand; prints its reference.
    Add(AddArgs),
    /// List requests, most urgent first.
    List {
        /// open, overdue, due-this-week, awaiting-identity, extended, needs-triage, closed or all.
        #[arg(long, default_value = "open")]
        status: String,
        /// Only requests asking for this right.
        #[arg(long)]
        right: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one request: decisions, events and the deadline explained.
    Show {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Close a request (or some of its rights) as answered, erased, refused or partly done.
    Close(CloseArgs),
    /// Extend the deadline by two months (Art. 12(3)); the notice must go out within the first month.
    Extend {
        reference: String,
        /// The reasons, as told to the person.
        #[arg(long)]
        reason: String,
        /// When the person was told (default: today).
        #[arg(long, value_name = "DATE")]
        notified: Option<NaiveDate>,
    },
    /// Add a note to a request's timeline.
    Note { reference: String, text: String },
    /// Record an identity check: asked (with the reason for doubt), verified or failed.
    Identity {
        reference: String,
        /// requested, verified, failed or not-required.
        #[arg(long)]
        status: String,
        /// How identity was checked (for verified or failed).
        #[arg(long)]
        method: Option<String>,
        /// The reason for reasonable doubt (for requested).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Assign a request to an officer (empty name: unassign).
    Assign { reference: String, who: String },
    /// Record who acts for the person and whether they showed a mandate. With a mandate
    /// shown, letters go to the representative and name the person; without, nothing about
    /// the person goes to them.
    Agent {
        reference: String,
        #[arg(long, value_name = "shown|missing|unknown")]
        mandate: String,
        /// In what role they act.
        #[arg(long, value_name = "parent|guardian|lawyer|other")]
        role: Option<String>,
        /// Their name (default: the representative already recorded).
        #[arg(long)]
        name: Option<String>,
        #[arg(long, requires = "name")]
        email: Option<String>,
    },
    /// Set the rights a request asks for (triage).
    Rights {
        reference: String,
        #[arg(long = "right", value_name = "RIGHT")]
        rights: Vec<String>,
        /// What an objection is to: marketing (Art. 21(2), absolute) or situation (Art. 21(1)).
        #[arg(long, value_name = "marketing|situation")]
        objection_scope: Option<String>,
    },
    /// Record a reasonable fee: instead of refusing a manifestly unfounded or excessive
    /// request (Art. 12(5)(a)), or for further copies (Art. 15(3)).
    Fee {
        reference: String,
        /// The amount in NOK.
        #[arg(long)]
        amount: u32,
        /// 12(5)(a) or 15(3).
        #[arg(long, value_name = "12(5)(a)|15(3)")]
        basis: String,
        /// Why the fee is reasonable, as told to the person.
        #[arg(long)]
        reason: String,
    },
    /// Reopen a closed request.
    Reopen {
        reference: String,
        #[arg(long)]
        reason: String,
    },
    /// Print the deadline for each receipt date: DATE<TAB>DUE.
    Deadline {
        /// Print the extended (three-month) deadline instead.
        #[arg(long)]
        extended: bool,
        #[arg(required = true, value_name = "DATE")]
        dates: Vec<String>,
    },
    /// Take requests in from .eml files, Maildir folders, mbox files and web-form exports
    ///
    /// Web-form exports are CSV or JSON. Re-importing is safe: a message already taken in is
    /// reported as a duplicate. Follow-ups join their request.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Keep watching the paths and take new files in as they arrive (Ctrl-C stops).
        #[arg(long)]
        watch: bool,
    },
    /// Show or change the database's settings.
    Settings {
        /// Let the deadline stand still while identity is being checked (Art. 12(6)):
        /// on or off (off by default; the hard deadline is always shown too).
        #[arg(long, value_name = "on|off")]
        suspension: Option<String>,
        #[command(flatten)]
        details: register::DetailArgs,
    },
    /// Create the register, with the controller's details letters are signed with
    /// (asked for on a terminal when not given).
    Init(register::DetailArgs),
    /// Write an online backup of the register to PATH (never over a file), checked after
    /// writing: integrity and the audit trail.
    Backup {
        #[arg(value_name = "PATH")]
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Copy this register, audit trail and all, to a new register on PostgreSQL
    /// (postgres://USER@HOST[:PORT]/DB, an empty database); both trails are verified.
    Migrate {
        #[arg(long, value_name = "ADDRESS")]
        to: PathBuf,
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Exports(exports::ExportCommand),
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Build a fresh demo database.
    Demo {
        /// Also add this many generated requests (for trying the desk at scale).
        #[arg(long, default_value_t = 0)]
        requests: u64,
        /// The demo customer database beside it gets this many customers (up to 1,000,000).
        #[arg(long, value_name = "N", default_value_t = crate::customers::demo::DEFAULT_CUSTOMERS)]
        customers: u64,
        /// Replace the database if it exists.
        #[arg(long)]
        force: bool,
    },
    #[command(flatten)]
    Customers(customers::CustomerCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page as roff (e.g. `dsr-desk man > dsr-desk.1`).
    Man,
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Check the hash chain (keyed, with the audit key) and replay every request's events
    /// against its stored row; exits 3 and names each problem found.
    Verify {
        /// A head printed earlier by `audit head`: report the events missing after it.
        #[arg(long, value_name = "HASH")]
        head: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Print the audit trail's head hash, to keep outside the database (cron, mail, paper)
    /// and check later with `audit verify --head`.
    Head {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// A right asked for (repeat for several; none = needs triage).
    #[arg(long = "right", value_name = "RIGHT")]
    pub rights: Vec<String>,
    /// What an objection is to: marketing (Art. 21(2), absolute) or situation (Art. 21(1)).
    #[arg(long, value_name = "marketing|situation")]
    pub objection_scope: Option<String>,
    /// When it was received: RFC 3339 or a date (default: now).
    #[arg(long)]
    pub received: Option<String>,
    #[arg(long, default_value = "email")]
    pub channel: String,
    /// Someone acting for the person: their name (a mandate is recorded with `agent`).
    #[arg(long, value_name = "NAME")]
    pub agent: Option<String>,
    /// The representative's e-mail address: letters go there once a mandate is shown.
    #[arg(long, value_name = "E", requires = "agent")]
    pub agent_email: Option<String>,
    /// In what role the representative acts.
    #[arg(long, value_name = "parent|guardian|lawyer|other", requires = "agent")]
    pub agent_role: Option<String>,
    /// The request's text.
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["answered", "erased", "refused", "partial"])))]
#[command(after_help = CLOSE_HELP)]
pub struct CloseArgs {
    pub reference: String,
    #[arg(long)]
    pub answered: bool,
    #[arg(long)]
    pub erased: bool,
    /// Refuse on this ground code (see `dsr-desk close --help` for the list).
    #[arg(long, value_name = "GROUND")]
    pub refused: Option<String>,
    /// Partly done, partly refused on this ground code.
    #[arg(long, value_name = "GROUND")]
    pub partial: Option<String>,
    /// The reasons to the person, in the request's language: the letter states them
    /// (required with --refused and --partial).
    #[arg(long)]
    pub reason: Option<String>,
    /// An internal note on the decision: kept in the case record, never in a letter.
    #[arg(long, value_name = "TEXT")]
    pub internal: Option<String>,
    /// NATIONAL_RESTRICTION: the letter of personopplysningsloven § 16(1) it rests on (a-f).
    #[arg(long, value_name = "a..f")]
    pub section16: Option<String>,
    /// ERASURE_OTHER_EXCEPTION: the point of Art. 17(3) that applies (a, c or d).
    #[arg(long, value_name = "a|c|d")]
    pub exception: Option<String>,
    /// ERASURE_LEGAL_OBLIGATION: the date records are kept until.
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,
    /// Only these rights (default: every right not yet decided).
    #[arg(long = "right", value_name = "RIGHT")]
    pub rights: Vec<String>,
}

/// The refusal ground codes `close --help` promises (legal-rules §3; a test keeps it whole).
const CLOSE_HELP: &str = "\
Refusal ground codes (legal basis):
  ID_UNVERIFIED                   Art. 12(6)
  CANNOT_IDENTIFY                 Art. 11(2), 12(2)
  NO_AUTHORITY_AGENT              EDPB Guidelines 01/2022 §§ 80-81
  MANIFESTLY_UNFOUNDED            Art. 12(5)(b)
  MANIFESTLY_EXCESSIVE            Art. 12(5)(b)
  RIGHTS_OF_OTHERS                Art. 15(4), 20(4)
  NATIONAL_RESTRICTION            Art. 23 + personopplysningsloven § 16
  PORTABILITY_NOT_APPLICABLE      Art. 20(1), 20(3)
  ERASURE_NO_GROUND               Art. 17(1)
  ERASURE_LEGAL_OBLIGATION        Art. 17(3)(b)
  ERASURE_LEGAL_CLAIMS            Art. 17(3)(e)
  ERASURE_OTHER_EXCEPTION         Art. 17(3)(a), (c), (d)
  RECTIFICATION_DATA_ACCURATE     Art. 16
  RESTRICTION_CONDITIONS_NOT_MET  Art. 18(1)
  OBJECTION_COMPELLING_GROUNDS    Art. 21(1)
  OBJECTION_NOT_APPLICABLE        Art. 21(1), 21(6)
  NOT_A_GDPR_REQUEST              -";

/// An open desk: the store, the config and the clock every command works with.
pub struct Session {
    pub store: Store,
    pub config: Config,
    pub now: DateTime<Utc>,
}

pub fn parse_right(text: &str) -> anyhow::Result<Right> {
    Right::parse(text).ok_or_else(|| {
        anyhow!(
            "unknown right '{}'; use one of: {}",
            one_line(text),
            Right::choices()
        )
    })
}

pub fn parse_ground(text: &str) -> anyhow::Result<RefusalGround> {
    RefusalGround::parse(text).ok_or_else(|| {
        anyhow!(
            "unknown refusal ground '{}'; use one of: {}",
            one_line(text),
            RefusalGround::choices()
        )
    })
}

/// A date (`2025-03-05`, taken as noon Oslo time) or an RFC 3339 instant.
pub fn parse_instant(text: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    let date: NaiveDate = text.trim().parse().map_err(|_| {
        anyhow!(
            "'{}' is not a date (YYYY-MM-DD) or an RFC 3339 time",
            one_line(text)
        )
    })?;
    let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    Oslo.from_local_datetime(&noon)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| anyhow!("'{date}' has no noon in Europe/Oslo"))
}

fn parse_date(text: &str) -> anyhow::Result<NaiveDate> {
    text.trim()
        .parse()
        .map_err(|_| anyhow!("'{}' is not a date (YYYY-MM-DD)", one_line(text)))
}

/// Runs a non-interactive command; the caller prints errors and sets the exit code.
pub fn run(command: Command, ctx: &mut Session) -> anyhow::Result<i32> {
    let today = oslo_date(ctx.now);
    let actor = ctx.config.actor();
    let suspension = ctx.store.suspension_enabled()?;
    let out = &mut std::io::stdout().lock();
    match command {
        Command::Add(a) => {
            let rights = a
                .rights
                .iter()
                .map(|r| parse_right(r))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let channel = Channel::parse(&a.channel).ok_or_else(|| {
                anyhow!(
                    "unknown channel '{}'; use one of: {}",
                    one_line(&a.channel),
                    Channel::choices()
                )
            })?;
            let received = match &a.received {
                Some(t) => parse_instant(t)?,
                None => ctx.now,
            };
            let objection_scope = a.objection_scope.as_deref().map(parse_scope).transpose()?;
            if objection_scope.is_some() && !rights.contains(&Right::Objection) {
                bail!("--objection-scope goes with --right objection");
            }
            let new = NewRequest {
                received,
                channel,
                requester: Requester {
                    name: a.name.trim().to_string(),
                    email: clean(a.email),
                    phone: clean(a.phone),
                },
                agent: clean(a.agent)
                    .map(|name| agent_text(&name, a.agent_email.as_deref()))
                    .transpose()
                    .map_err(|e| anyhow!(e))?,
                agent_role: a.agent_role.as_deref().map(parse_role).transpose()?,
                rights,
                message_id: None,
                original_text: clean(a.text),
                objection_scope,
            };
            let request = case(ctx).add_request(&new)?;
            if a.json {
                writeln!(out, "{}", request_json(&request, suspension, today))?;
            } else {
                writeln!(out, "{}", request.reference)?;
            }
        }
        Command::List {
            status,
            right,
            json,
        } => {
            let view = View::parse(&status).ok_or_else(|| {
                anyhow!(
                    "unknown status '{}'; use one of: {}",
                    one_line(&status),
                    View::ALL
                        .iter()
                        .map(|v| v.label().replace(' ', "-"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let filter = QueueFilter {
                view,
                right: right.as_deref().map(parse_right).transpose()?,
                search: String::new(),
                officer: actor.clone(),
            };
            let total = ctx.store.count(&filter, today)?;
            let mut items = Vec::new();
            let mut offset = 0;
            while offset < total {
                for row in ctx.store.page(&filter, today, offset, 1000)? {
                    if json {
                        items.push(request_json(
                            &ctx.store.get(&row.reference)?,
                            suspension,
                            today,
                        ));
                    } else {
                        let countdown = match row.outcome {
                            Some(o) => o.to_string(),
                            None => Countdown::new(row.due, today).short(),
                        };
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            row.reference,
                            row.received_date,
                            row.due,
                            countdown,
                            one_line(&row.name),
                            rights_label(&row.rights)
                        )?;
                    }
                }
                offset += 1000;
            }
            if json {
                writeln!(out, "{}", serde_json::Value::Array(items))?;
            }
        }
        Command::Show { reference, json } => {
            let request = ctx.store.get(&reference)?;
            let events = ctx.store.events_of(request.id)?;
            let intake = ctx.store.intake_info(request.id)?;
            if json {
                let mut detail = request_detail_json(&request, &events, suspension, today);
                if let serde_json::Value::Object(map) = &mut detail {
                    map.insert(
                        "receipt_source".into(),
                        serde_json::json!(intake.receipt_source),
                    );
                }
                writeln!(out, "{}", serde_json::to_string_pretty(&detail)?)?;
            } else {
                let shown = show::Shown {
                    request: &request,
                    events: &events,
                    intake: &intake,
                };
                show::write_request_text(out, &shown, suspension, today)?;
            }
        }
        Command::Close(c) => {
            let answer = match (
                c.answered,
                c.erased,
                c.refused.as_deref(),
                c.partial.as_deref(),
            ) {
                (true, ..) => Answer::Answered,
                (_, true, ..) => Answer::Erased,
                (_, _, Some(g), _) => Answer::Refused(parse_ground(g)?),
                (_, _, _, Some(g)) => Answer::Partial(parse_ground(g)?),
                _ => bail!("say --answered, --erased, --refused GROUND or --partial GROUND"),
            };
            if matches!(answer, Answer::Refused(_) | Answer::Partial(_)) {
                need_reason(&c.reason)?;
            }
            let decision = Decision {
                answer,
                rights: c
                    .rights
                    .iter()
                    .map(|r| parse_right(r))
                    .collect::<anyhow::Result<_>>()?,
                reason: c.reason,
                internal: c.internal,
                basis: RefusalBasis {
                    point: c.section16.or(c.exception),
                    until: c.until,
                },
            };
            let applied = case(ctx).edit(&c.reference, None, &Edit::Decide(decision))?;
            writeln!(out, "{}: {}", applied.request.reference, applied.summary)?;
        }
        Command::Extend {
            reference,
            reason,
            notified,
        } => {
            let edit = Edit::Extend {
                reason,
                notified: notified.unwrap_or(today),
            };
            let applied = case(ctx).edit(&reference, None, &edit)?;
            let due = applied.request.deadline(suspension).in_force;
            writeln!(out, "{}: extended; due {due}", applied.request.reference)?;
        }
        Command::Note { reference, text } => {
            let applied = case(ctx).edit(&reference, None, &Edit::Note(text))?;
            writeln!(out, "{}: note added", applied.request.reference)?;
        }
        Command::Identity {
            reference,
            status,
            method,
            reason,
        } => {
            let status = IdentityStatus::parse(&status).ok_or_else(|| {
                anyhow!(
                    "unknown identity status '{}'; use one of: {}",
                    one_line(&status),
                    IdentityStatus::choices()
                )
            })?;
            let edit = Edit::Identity {
                status,
                method,
                reason,
            };
            let applied = case(ctx).edit(&reference, None, &edit)?;
            writeln!(out, "{}: {}", applied.request.reference, applied.summary)?;
        }
        Command::Agent {
            reference,
            mandate,
            role,
            name,
            email,
        } => {
            let mandate = Mandate::parse(&mandate).ok_or_else(|| {
                anyhow!(
                    "--mandate takes {}, not '{}'",
                    Mandate::choices(),
                    one_line(&mandate)
                )
            })?;
            let agent = name
                .map(|n| agent_text(&n, email.as_deref()))
                .transpose()
                .map_err(|e| anyhow!(e))?;
            let edit = Edit::Representative {
                agent,
                role: role.as_deref().map(parse_role).transpose()?,
                mandate,
            };
            let applied = case(ctx).edit(&reference, None, &edit)?;
            writeln!(out, "{}: {}", applied.request.reference, applied.summary)?;
        }
        Command::Assign { reference, who } => {
            let applied = case(ctx).edit(&reference, None, &Edit::Assign(Some(who)))?;
            writeln!(out, "{}: {}", applied.request.reference, applied.summary)?;
        }
        Command::Rights {
            reference,
            rights,
            objection_scope,
        } => {
            let rights = rights
                .iter()
                .map(|r| parse_right(r))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let scope = objection_scope.as_deref().map(parse_scope).transpose()?;
            let applied = case(ctx).edit(&reference, None, &Edit::Rights(rights, scope))?;
            writeln!(out, "{}: {}", applied.request.reference, applied.summary)?;
        }
        Command::Fee {
            reference,
            amount,
            basis,
            reason,
        } => {
            let basis = FeeBasis::parse(basis.trim().trim_start_matches("Art.").trim())
                .ok_or_else(|| {
                    anyhow!(
                        "--basis takes 12(5)(a) or 15(3), not '{}'",
                        one_line(&basis)
                    )
                })?;
            case(ctx).charge_fee(&reference, amount, basis, &reason)?;
            writeln!(
                out,
                "{}: fee of NOK {amount} recorded (Art. {basis})",
                reference.trim().to_ascii_uppercase()
            )?;
        }
        Command::Reopen { reference, reason } => {
            let applied = case(ctx).edit(&reference, None, &Edit::Reopen(reason))?;
            writeln!(out, "{}: {}", applied.request.reference, applied.summary)?;
        }
        Command::Import { paths, json, watch } => {
            if watch {
                // Watching goes file by file from the start (JSON lines as they come), so a
                // folder that is still empty is not a failure.
                return watch_paths(&mut ctx.store, &paths, (&actor, ctx.now), json);
            }
            let mut lines = Vec::new();
            let mut failed = 0;
            for path in &paths {
                crate::importer::import_path(&mut ctx.store, path, &actor, ctx.now, &mut |line| {
                    failed += usize::from(line.result == "failed");
                    if json {
                        lines.push(line);
                    } else {
                        let _ = writeln!(std::io::stdout(), "{}", line.text());
                    }
                });
            }
            if json {
                writeln!(out, "{}", serde_json::to_string(&lines)?)?;
            }
            if failed > 0 {
                eprintln!(
                    "dsr-desk: {failed} input(s) could not be imported; see the lines marked failed"
                );
                return Ok(1);
            }
        }
        Command::Exports(c) => return exports::run(c, ctx),
        Command::Settings {
            suspension: change,
            details,
        } => {
            let changed = register::change_details(ctx, &details, out)?;
            if let Some(value) = change {
                let on = match value.trim().to_ascii_lowercase().as_str() {
                    "on" | "true" | "yes" => true,
                    "off" | "false" | "no" => false,
                    _ => bail!("--suspension takes on or off, not '{}'", one_line(&value)),
                };
                let moved = ctx.store.set_suspension_enabled(on, &actor, ctx.now)?;
                writeln!(
                    out,
                    "suspension {}; {moved} open deadlines moved",
                    if on { "on" } else { "off" }
                )?;
            } else if !changed {
                register::show_details(ctx, out)?;
                writeln!(out, "suspension\t{}", if suspension { "on" } else { "off" })?;
            }
        }
        Command::Audit { action } => {
            let pending = interrupted::still_pending(ctx)?;
            if pending > 0 {
                eprintln!(
                    "dsr-desk: {pending} interrupted change(s) to the customer database are not finished yet; their requests' timelines do not show them until they are"
                );
            }
            return audit::run(action, &ctx.store, out);
        }
        Command::Customers(c) => return customers::run(c, ctx),
        Command::Backup { path, json } => return register::backup(ctx, &path, json, out),
        Command::Migrate { to, json } => return register::migrate(ctx, &to, json, out),
        Command::Deadline { .. }
        | Command::Demo { .. }
        | Command::Init(_)
        | Command::Completions { .. }
        | Command::Man => unreachable_command()?,
    }
    Ok(0)
}

/// `import --watch`: takes in every file there is, then every two seconds the files that
/// are new or changed, until stopped. Its clock starts at the session's `now` (the injected
/// one in tests and replays) and runs on from there.
fn watch_paths(
    store: &mut Store,
    paths: &[PathBuf],
    (actor, started_at): (&str, chrono::DateTime<chrono::Utc>),
    json: bool,
) -> anyhow::Result<i32> {
    let mut seen = crate::importer::Seen::default();
    let started = std::time::Instant::now();
    let now = || started_at + chrono::Duration::from_std(started.elapsed()).unwrap_or_default();
    loop {
        for path in paths {
            for file in crate::importer::files_in(path) {
                if !seen.is_new(&file) {
                    continue;
                }
                crate::importer::import_path(store, &file, actor, now(), &mut |line| {
                    let text = if json {
                        serde_json::to_string(&line).unwrap_or_default()
                    } else {
                        line.text()
                    };
                    println!("{text}");
                });
            }
        }
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
}

fn unreachable_command() -> anyhow::Result<()> {
    bail!("this command does not use a database")
}

/// `completions` and `man`: generated from the command line's own definition, so they
/// never drift from it. No database.
pub fn run_docs(command: &Command) -> anyhow::Result<i32> {
    let mut cli = <Cli as clap::CommandFactory>::command();
    // Made whole first: the generator panics on a closed pipe (`| head`), a write does not.
    let mut text = Vec::new();
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut cli, "dsr-desk", &mut text);
        }
        _ => clap_mangen::Man::new(cli).render(&mut text)?,
    }
    std::io::stdout().lock().write_all(&text)?;
    Ok(0)
}

/// `dsr-desk deadline`: pure arithmetic, no database.
pub fn run_deadline(extended: bool, dates: &[String]) -> anyhow::Result<i32> {
    let out = &mut std::io::stdout().lock();
    for text in dates {
        let receipt = parse_date(text)?;
        let due = if extended {
            extended_deadline(receipt)
        } else {
            deadline(receipt)
        };
        writeln!(out, "{receipt}\t{due}")?;
    }
    Ok(0)
}

fn parse_role(text: &str) -> anyhow::Result<AgentRole> {
    AgentRole::parse(text).ok_or_else(|| {
        anyhow!(
            "the role is one of {}, not '{}'",
            AgentRole::choices(),
            one_line(text)
        )
    })
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The case workflow for this command's officer and clock.
pub fn case(ctx: &mut Session) -> crate::case::Case<'_> {
    let actor = ctx.config.actor();
    crate::case::Case::new(&mut ctx.store, &actor, ctx.now)
}

pub fn parse_scope(text: &str) -> anyhow::Result<ObjectionScope> {
    ObjectionScope::parse(text).ok_or_else(|| {
        anyhow!(
            "unknown objection scope '{}'; use marketing (direct marketing, Art. 21(2)) or situation (the person's particular situation, Art. 21(1))",
            one_line(text)
        )
    })
}

fn need_reason(reason: &Option<String>) -> anyhow::Result<String> {
    clean(reason.clone()).with_context(|| {
        format!(
            "a refusal needs --reason with the written reasons (Art. 12(4)); ground codes: {}",
            RefusalGround::choices()
        )
    })
}

/// The register: --db / DSR_DESK_DB, else the config's `database`, else the standard data
/// folder's file.
pub fn db_path(cli: &Cli, config: &Config, paths: &Paths) -> PathBuf {
    cli.db
        .clone()
        .or_else(|| config.database.clone())
        .unwrap_or_else(|| paths.default_db())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_help_lists_every_refusal_ground_with_its_basis() {
        let lines: Vec<&str> = CLOSE_HELP.lines().skip(1).collect();
        assert_eq!(lines.len(), RefusalGround::ALL.len());
        for (line, ground) in lines.iter().zip(RefusalGround::ALL) {
            let (code, basis) = line.trim().split_once(' ').unwrap_or_default();
            assert_eq!((code, basis.trim()), (ground.as_str(), ground.basis()));
        }
        let mut cli = <Cli as clap::CommandFactory>::command();
        let help = cli
            .find_subcommand_mut("close")
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default();
        assert!(
            help.contains("ERASURE_LEGAL_OBLIGATION        Art. 17(3)(b)"),
            "{help}"
        );
    }
}
