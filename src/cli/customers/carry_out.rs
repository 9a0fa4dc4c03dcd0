//! Erasure, the access package and the portability export from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{open, text};
use crate::cli::Session;
use crate::customers::{self, ErasurePlan};
use crate::domain::deadline::oslo_date;
use crate::domain::request::EventKind;
use crate::domain::text::one_line;

/// `erase REF`: the preview; with `--yes` (and optionally the preview's fingerprint) the erasure.
pub(super) fn erase(
    ctx: &mut Session,
    out: &mut impl Write,
    reference: &str,
    yes: bool,
    plan: Option<String>,
    json: bool,
) -> anyhow::Result<i32> {
    let today = oslo_date(ctx.now);
    let actor = ctx.config.actor();
    let mut db = open(ctx)?;
    let preview = customers::erasure_preview(&ctx.store, &db, reference, today)?;
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
        reference,
        &preview,
        &actor,
        ctx.now,
    )?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&done)?)?;
    } else {
        text::write_erased(out, reference.trim(), &done)?;
    }
    Ok(0)
}

/// `access REF`: the access package as a private JSON file, recorded on the request.
pub(super) fn access(
    ctx: &mut Session,
    out: &mut impl Write,
    reference: &str,
    dir: &Path,
    no_data: bool,
    force: bool,
) -> anyhow::Result<()> {
    let today = oslo_date(ctx.now);
    let actor = ctx.config.actor();
    let db = open(ctx)?;
    let (r, files) = customers::access_files(
        &ctx.store,
        &db,
        reference,
        &ctx.config.controller,
        no_data,
        today,
    )?;
    let paths = deliver(
        ctx,
        &r,
        EventKind::AccessPackage,
        files,
        (dir, force),
        &actor,
    )?;
    for p in paths {
        writeln!(out, "{}", p.display())?;
    }
    Ok(())
}

/// `portability REF`: JSON of every portable table and a CSV per table.
pub(super) fn portability(
    ctx: &mut Session,
    out: &mut impl Write,
    reference: &str,
    dir: &Path,
    force: bool,
) -> anyhow::Result<()> {
    let today = oslo_date(ctx.now);
    let actor = ctx.config.actor();
    let db = open(ctx)?;
    let (r, files) = customers::portability_files(&ctx.store, &db, reference, today)?;
    let r = &r;
    for p in deliver(
        ctx,
        r,
        EventKind::PortabilityExport,
        files,
        (dir, force),
        &actor,
    )? {
        writeln!(out, "{}", p.display())?;
    }
    Ok(())
}

fn deliver(
    ctx: &mut Session,
    reference: &str,
    kind: EventKind,
    files: Vec<(String, Vec<u8>)>,
    (dir, force): (&Path, bool),
    actor: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    Ok(customers::deliver_files(
        &mut ctx.store,
        reference,
        kind,
        files,
        (dir, force),
        actor,
        ctx.now,
    )?)
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
