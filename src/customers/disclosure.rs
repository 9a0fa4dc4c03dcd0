//! Disclosures for a request: the access package and the portability export of its linked
//! customers, and writing them as files recorded on the request with their SHA-256.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::rights::{linked_ids, need_linked};
use super::{AccessPackage, CustomerDb, CustomerError, HeldRequest, PortabilityExport, Result};
use crate::config::Controller;
use crate::domain::request::EventKind;
use crate::export::files::stage;
use crate::export::letters::Lang;
use crate::export::register::clean_json_of;
use crate::store::{CustomerAction, Store};

/// The access package for a request's linked customers (none linked: a negative
/// confirmation, only when `no_data` says that is what the officer found).
pub fn access_package(
    store: &Store,
    db: &CustomerDb,
    reference: &str,
    controller: &Controller,
    no_data: bool,
    today: NaiveDate,
) -> Result<AccessPackage> {
    let (request, ids) = if no_data {
        linked_ids(store, reference)?
    } else {
        need_linked(store, reference)?
    };
    let mut package = db.access_package(
        &request.reference,
        &request.requester.name,
        &ids,
        controller,
        today,
    )?;
    let default = crate::case::controller::letter_language(store).unwrap_or(Lang::Nb);
    package.language = crate::export::letters::language_of(&request, default);
    package.requests_held = store
        .requests_of_email(request.requester.email.as_deref())?
        .into_iter()
        .map(|r| HeldRequest {
            received: r.receipt_date(),
            outcome: (r.status == crate::domain::request::Status::Closed)
                .then(|| crate::domain::request::derive_outcome(&r.rights, &r.decisions))
                .flatten(),
            rights: r.rights,
            reference: r.reference,
        })
        .collect();
    Ok(package)
}

/// Writes files into `dir` (owner-only, atomically) and records them on the request with
/// their SHA-256: the manifest of what was disclosed.
#[allow(clippy::too_many_arguments)]
pub fn deliver_files(
    store: &mut Store,
    reference: &str,
    kind: EventKind,
    negative: bool,
    files: Vec<(String, Vec<u8>)>,
    (dir, overwrite): (&Path, bool),
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>> {
    crate::export::files::ensure_private_dir(dir)
        .map_err(|e| CustomerError::Invalid(e.to_string()))?;
    if let Some((name, _)) = files
        .iter()
        .find(|(name, _)| !overwrite && dir.join(name).exists())
    {
        return Err(CustomerError::FileExists(dir.join(name)));
    }
    let manifest: Vec<serde_json::Value> = files
        .iter()
        .map(|(name, bytes)| {
            serde_json::json!({"file": name, "bytes": bytes.len(), "sha256": hex(&Sha256::digest(bytes))})
        })
        .collect();
    let what = match kind {
        EventKind::AccessPackage if negative => "Negative confirmation (no data held)",
        EventKind::AccessPackage => "Access package",
        _ => "Portability export",
    };
    let action = CustomerAction {
        kind,
        summary: format!(
            "{what} written: {}",
            files
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        detail: serde_json::json!({"files": manifest, "negative": negative}),
        notify: Vec::new(),
        decide: None,
    };
    // The manifest goes into the folder too, so the package can be checked on its own.
    let manifest_file = (
        format!(
            "{}-{}-manifest.json",
            crate::domain::text::one_line(reference),
            if kind == EventKind::AccessPackage {
                "access"
            } else {
                "portability"
            }
        ),
        serde_json::to_vec_pretty(&serde_json::json!({"reference": reference, "files": manifest}))
            .map_err(|e| CustomerError::Invalid(e.to_string()))?,
    );
    // Each file is written whole under a temporary name before the event commits, and
    // moved into place only after: a package that cannot be recorded replaces nothing.
    let (staged, _) = store.record_customer_action(reference, &action, actor, now, || {
        let mut staged = Vec::new();
        for (name, bytes) in files.iter().chain(std::iter::once(&manifest_file)) {
            let path = dir.join(name);
            staged.push(stage(&path, true, |w| w.write_all(bytes)).map_err(|e| {
                CustomerError::Invalid(format!("cannot write {}: {e}", path.display()))
            })?);
        }
        Ok::<_, CustomerError>(staged)
    })?;
    staged
        .into_iter()
        .map(|file| {
            let path = file.path().to_path_buf();
            file.place().map_err(|e| {
                CustomerError::Invalid(format!(
                    "{} was recorded but could not be put in place: {e}",
                    path.display()
                ))
            })
        })
        .collect()
}

/// The portability export for a request's linked customers.
pub fn portability(store: &Store, db: &CustomerDb, reference: &str) -> Result<PortabilityExport> {
    let (_, ids) = need_linked(store, reference)?;
    db.portability(&ids)
}

/// A file to deliver: its name and its bytes.
pub type NamedFile = (String, Vec<u8>);

/// The files of an access package: the whole package as JSON, the same as a readable
/// Markdown document (the Art. 15 information first), and a CSV per table of records.
pub fn access_files(
    store: &Store,
    db: &CustomerDb,
    reference: &str,
    controller: &Controller,
    no_data: bool,
    today: NaiveDate,
) -> Result<(String, Vec<NamedFile>)> {
    let package = access_package(store, db, reference, controller, no_data, today)?;
    let r = package.reference.clone();
    let json = clean_json_of(&package)
        .and_then(|v| serde_json::to_vec_pretty(&v))
        .map_err(|e| CustomerError::Invalid(e.to_string()))?;
    let mut files = vec![
        (format!("{r}-access.json"), json),
        (format!("{r}-access.md"), package.to_markdown().into_bytes()),
    ];
    files.extend(package.table_csvs());
    Ok((r, files))
}

/// The files of a portability export: JSON of every portable table and a CSV per table.
/// Refused when nothing the person provided on consent or contract is held.
pub fn portability_files(
    store: &Store,
    db: &CustomerDb,
    reference: &str,
    today: NaiveDate,
) -> Result<(String, Vec<NamedFile>)> {
    let r = store.get(reference)?.reference;
    let export = portability(store, db, reference)?;
    if export.tables.is_empty() {
        return Err(CustomerError::Invalid(format!(
            "{r} holds no data the person provided on consent or contract; refuse with PORTABILITY_NOT_APPLICABLE if that is the answer"
        )));
    }
    let json = clean_json_of(&serde_json::json!({
        "reference": r,
        "generated_on": today,
        "tables": export.tables,
        "not_included": export.not_included,
    }))
    .and_then(|v| serde_json::to_vec_pretty(&v))
    .map_err(|e| CustomerError::Invalid(e.to_string()))?;
    let mut files = vec![(format!("{r}-portability.json"), json)];
    for t in &export.tables {
        files.push((
            format!("{r}-portability-{}.csv", t.table),
            t.to_csv().into_bytes(),
        ));
    }
    Ok((r, files))
}
