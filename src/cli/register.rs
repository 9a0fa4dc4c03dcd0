//! The register itself: `init` (the only command besides `demo` that makes one), the
//! controller's details in `settings`, and `backup`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, Utc};
use clap::Args;

use super::Session;
use crate::domain::controller::{Controller, org_number};
use crate::domain::text::one_line;
use crate::export::letters::Lang;
use crate::store::{RegisterKind, Store, StoreError, inspect};

/// The controller's details, as `init` takes them and `settings` changes them.
#[derive(Debug, Clone, Default, Args)]
pub struct DetailArgs {
    /// The controller's legal name, as letters sign with it.
    #[arg(long, value_name = "ORG")]
    pub name: Option<String>,
    /// The controller's organisation number (nine digits).
    #[arg(long, value_name = "N")]
    pub org_number: Option<String>,
    /// The privacy contact's e-mail address letters give.
    #[arg(long, value_name = "E")]
    pub email: Option<String>,
    /// The controller's postal address (optional; empty: none).
    #[arg(long, value_name = "TEXT")]
    pub address: Option<String>,
    /// The letters' language when a request's own cannot be told.
    #[arg(long, value_name = "nb|en")]
    pub language: Option<String>,
}

impl DetailArgs {
    fn any(&self) -> bool {
        self.name.is_some()
            || self.org_number.is_some()
            || self.email.is_some()
            || self.address.is_some()
            || self.language.is_some()
    }
}

fn parse_language(text: &str) -> anyhow::Result<Lang> {
    Lang::parse(text)
        .ok_or_else(|| anyhow!("--language takes nb, nn or en, not '{}'", one_line(text)))
}

/// `dsr-desk init`: a new register at `path` with the controller's details in it. What the
/// flags leave out is asked for on a terminal; elsewhere it is refused.
pub fn init(
    paths: &crate::config::Paths,
    path: &Path,
    args: DetailArgs,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<i32> {
    match inspect(path) {
        Ok(None) => {}
        Ok(Some(_)) => bail!(
            "{} is already a register; `dsr-desk settings` shows and changes its details",
            path.display()
        ),
        Err(e) => bail!("{e}; init makes a register only where there is no file"),
    }
    let stdin = std::io::stdin();
    let (controller, language) = if stdin.is_terminal() {
        ask_missing(args, &mut stdin.lock(), &mut std::io::stderr())?
    } else {
        from_flags(args)?
    };
    // The audit key first, so the register's very first event is keyed.
    let key = crate::config::create_audit_key(paths)?;
    Store::set_process_audit_key(key.key.clone());
    let mut store = Store::create(path, RegisterKind::Register)?;
    if let Err(e) =
        store.set_register_details(Some(&controller), Some(language.as_str()), actor, now)
    {
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        return Err(e.into());
    }
    println!(
        "register created at {} for {} (org. no. {}); letters in {}",
        store.shown_path(),
        controller.name,
        controller.org_number,
        language.as_str()
    );
    if key.created {
        println!(
            "audit key created at {} (0600): copy it to every desk that writes this register, and keep a copy somewhere safe; without it the audit trail can be checked for integrity only",
            key.path.display()
        );
    }
    Ok(0)
}

/// The details from the flags alone: each one needed is named when missing.
fn from_flags(args: DetailArgs) -> anyhow::Result<(Controller, Lang)> {
    let missing: Vec<&str> = [
        ("--name", args.name.is_none()),
        ("--org-number", args.org_number.is_none()),
        ("--email", args.email.is_none()),
    ]
    .into_iter()
    .filter(|(_, m)| *m)
    .map(|(flag, _)| flag)
    .collect();
    if !missing.is_empty() {
        bail!(
            "init needs the controller's details letters are signed with: give {} (or run it on a terminal to be asked)",
            missing.join(", ")
        );
    }
    let language = args.language.as_deref().map(parse_language).transpose()?;
    let controller = Controller {
        name: args.name.unwrap_or_default(),
        org_number: args.org_number.unwrap_or_default(),
        privacy_email: args.email.unwrap_or_default(),
        address: args.address.unwrap_or_default(),
    }
    .checked()
    .map_err(|e| anyhow!(e))?;
    Ok((controller, language.unwrap_or(Lang::Nb)))
}

/// Asks on `out` for each detail the flags left out, reading answers from `input`, until
/// each is valid; the end of input gives up.
pub fn ask_missing(
    args: DetailArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> anyhow::Result<(Controller, Lang)> {
    let mut ask = |question: &str, check: &dyn Fn(&str) -> Result<String, String>| loop {
        write!(out, "{question}: ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            bail!("init stopped: no answer to \"{question}\"; nothing was created");
        }
        match check(line.trim()) {
            Ok(v) => return Ok(v),
            Err(e) => writeln!(out, "{e}")?,
        }
    };
    let name = match args.name {
        Some(n) => n,
        None => ask("The controller's legal name", &|t| {
            if t.is_empty() {
                Err("a name is needed".into())
            } else {
                Ok(t.into())
            }
        })?,
    };
    let org = match args.org_number {
        Some(n) => n,
        None => ask("Organisation number", &org_number)?,
    };
    let email = match args.email {
        Some(e) => e,
        None => ask("Privacy contact e-mail", &|t| {
            crate::domain::normalize::email(t)
                .map(|_| t.to_string())
                .ok_or_else(|| format!("'{}' is not an e-mail address", one_line(t)))
        })?,
    };
    let address = match args.address {
        Some(a) => a,
        None => ask("Postal address (Enter: none)", &|t| Ok(t.into()))?,
    };
    let language = match args.language.as_deref() {
        Some(l) => parse_language(l)?,
        None => {
            let l = ask("Letter language, nb, nn or en (Enter: nb)", &|t| {
                if t.is_empty() {
                    return Ok("nb".into());
                }
                Lang::parse(t)
                    .map(|l| l.as_str().to_string())
                    .ok_or_else(|| "nb, nn or en".into())
            })?;
            parse_language(&l)?
        }
    };
    let controller = Controller {
        name,
        org_number: org,
        privacy_email: email,
        address,
    }
    .checked()
    .map_err(|e| anyhow!(e))?;
    Ok((controller, language))
}

/// `settings` with details: changes them (what is not given stays). `Ok(false)`: none given.
pub fn change_details(
    ctx: &mut Session,
    args: &DetailArgs,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    if !args.any() {
        return Ok(false);
    }
    let language = args.language.as_deref().map(parse_language).transpose()?;
    let controller_given = args.name.is_some()
        || args.org_number.is_some()
        || args.email.is_some()
        || args.address.is_some();
    let controller = if controller_given {
        let current = ctx.store.controller()?.unwrap_or_default();
        let merged = Controller {
            name: args.name.clone().unwrap_or(current.name),
            org_number: args.org_number.clone().unwrap_or(current.org_number),
            privacy_email: args.email.clone().unwrap_or(current.privacy_email),
            address: args.address.clone().unwrap_or(current.address),
        };
        Some(merged.checked().map_err(|e| {
            anyhow!("{e} (a register without controller details needs --name, --org-number and --email together)")
        })?)
    } else {
        None
    };
    let actor = ctx.config.actor();
    ctx.store.set_register_details(
        controller.as_ref(),
        language.map(Lang::as_str),
        &actor,
        ctx.now,
    )?;
    if let Some(c) = &controller {
        writeln!(
            out,
            "controller: {} (org. no. {}), {}{}",
            c.name,
            c.org_number,
            c.privacy_email,
            if c.address.is_empty() {
                String::new()
            } else {
                format!(", {}", c.address)
            }
        )?;
    }
    if let Some(l) = language {
        writeln!(out, "letter language: {}", l.as_str())?;
    }
    Ok(true)
}

/// `settings` alone: the register's details, one `key<TAB>value` a line (empty: not set).
pub fn show_details(ctx: &Session, out: &mut impl Write) -> anyhow::Result<()> {
    let c = ctx.store.controller()?.unwrap_or_default();
    let language = crate::case::controller::letter_language(&ctx.store)?;
    let kind = ctx
        .store
        .register_kind()?
        .map(RegisterKind::as_str)
        .unwrap_or("register");
    for (key, value) in [
        ("register", kind),
        ("name", c.name.as_str()),
        ("org_number", c.org_number.as_str()),
        ("email", c.privacy_email.as_str()),
        ("address", c.address.as_str()),
        ("language", language.as_str()),
    ] {
        writeln!(out, "{key}\t{}", one_line(value))?;
    }
    Ok(())
}

/// `dsr-desk backup PATH`: an online backup, checked, owner-only, never over a file.
/// `dsr-desk migrate --to postgres://…`: the register copied to a new one on PostgreSQL.
pub fn migrate(
    ctx: &Session,
    to: &std::path::Path,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    use crate::store::postgres;
    if !postgres::is_address(to) {
        bail!("--to takes a PostgreSQL address (postgres://USER@HOST[:PORT]/DB)");
    }
    let kind = ctx.store.register_kind()?.unwrap_or(RegisterKind::Register);
    // An empty register an earlier move left behind (it failed, and copied nothing) is
    // used; one with anything in it is refused.
    let mut target = Store::create(to, kind)?;
    let report = ctx
        .store
        .copy_into(&mut target)
        .with_context(|| format!("the register was not moved to {}", target.shown_path()))?;
    if json {
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
    } else {
        let requests = report
            .rows
            .iter()
            .find(|(t, _)| t == "requests")
            .map_or(0, |(_, n)| *n);
        writeln!(
            out,
            "register copied to {}: {requests} requests, {} events; the audit trail verifies at both ends (head {})",
            report.target, report.events, report.head
        )?;
        writeln!(
            out,
            "work on it with --db {} (or DSR_DESK_DB, or database = \"…\" in the config); this file is left as it was",
            report.target
        )?;
    }
    Ok(0)
}

pub fn backup(
    ctx: &Session,
    path: &PathBuf,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    if std::fs::symlink_metadata(path).is_ok() {
        bail!(
            "{} exists; a backup never replaces a file: choose a new name",
            path.display()
        );
    }
    let report = ctx
        .store
        .backup_to(path)
        .with_context(|| format!("no backup written to {}", path.display()))?;
    if json {
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
    } else {
        writeln!(
            out,
            "backup written to {} ({} bytes); integrity ok, audit trail intact: {} events, head {}",
            report.path.display(),
            report.bytes,
            report.events,
            report.head
        )?;
    }
    Ok(0)
}

/// The command that helps past a register the store refused, for the error line.
pub fn advice(e: &StoreError) -> Option<String> {
    match e {
        StoreError::NoRegister { .. } => Some("create one with `dsr-desk init`".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_asks_for_what_is_missing_until_it_is_valid() {
        let args = DetailArgs {
            name: Some("ACME AS".into()),
            ..DetailArgs::default()
        };
        let mut input = std::io::Cursor::new("123\n974760673\nnobody\nprivacy@acme.no\n\nen\n");
        let mut out = Vec::new();
        let (c, lang) = ask_missing(args, &mut input, &mut out).expect("answers");
        let asked = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            (
                c.name.as_str(),
                c.org_number.as_str(),
                c.privacy_email.as_str(),
                c.address.as_str()
            ),
            ("ACME AS", "974 760 673", "privacy@acme.no", "")
        );
        assert_eq!(lang, Lang::En);
        assert!(!asked.contains("legal name"), "the name was given: {asked}");
        assert!(asked.contains("nine digits"), "{asked}");
        assert!(
            asked.contains("'nobody' is not an e-mail address"),
            "{asked}"
        );
    }

    #[test]
    fn init_gives_up_at_the_end_of_input() {
        let mut input = std::io::Cursor::new("ACME AS\n");
        let err = ask_missing(DetailArgs::default(), &mut input, &mut Vec::new())
            .expect_err("no org number")
            .to_string();
        assert!(
            err.contains("Organisation number") && err.contains("nothing was created"),
            "{err}"
        );
    }
}
