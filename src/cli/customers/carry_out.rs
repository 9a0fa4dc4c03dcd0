//! Erasure, the access package and the portability export from the command line.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::{open, text};
use crate::cli::{Session, case};
use crate::customers::ErasurePlan;
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
    let mut db = open(ctx)?;
    let preview = case(ctx).erasure_preview(&db, reference)?;
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
    let done = case(ctx).erase(&mut db, reference, &preview)?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&done)?)?;
    } else {
        text::write_erased(out, reference.trim(), &done)?;
    }
    Ok(0)
}

/// `access REF`: the access package (or with `no_data` the negative confirmation) as
/// private files, recorded on the request.
pub(super) fn access(
    ctx: &mut Session,
    out: &mut impl Write,
    reference: &str,
    dir: &Path,
    no_data: bool,
    force: bool,
) -> anyhow::Result<()> {
    let db = open(ctx)?;
    let (r, files) = case(ctx).access_files(&db, reference, no_data)?;
    let paths = case(ctx).deliver(&r, EventKind::AccessPackage, no_data, files, (dir, force))?;
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
    let db = open(ctx)?;
    let (r, files) = case(ctx).portability_files(&db, reference)?;
    let paths = case(ctx).deliver(&r, EventKind::PortabilityExport, false, files, (dir, force))?;
    for p in paths {
        writeln!(out, "{}", p.display())?;
    }
    Ok(())
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
