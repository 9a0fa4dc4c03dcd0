//! Disclosures for a request: the access package and the portability export of its linked
//! customers, and writing them as files recorded on the request with their SHA-256.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::erasure::hex;
use super::rights::{linked_ids, need_linked};
use super::{AccessPackage, CustomerDb, CustomerError, PortabilityExport, Result, write_private};
use crate::config::Controller;
use crate::domain::request::EventKind;
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
    db.access_package(
        &request.reference,
        &request.requester.name,
        &ids,
        controller,
        today,
    )
}

/// Writes files into `dir` (owner-only, atomically) and records them on the request with
/// their SHA-256: the manifest of what was disclosed.
pub fn deliver_files(
    store: &mut Store,
    reference: &str,
    kind: EventKind,
    files: Vec<(String, Vec<u8>)>,
    dir: &Path,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>> {
    let manifest: Vec<serde_json::Value> = files
        .iter()
        .map(|(name, bytes)| {
            serde_json::json!({"file": name, "bytes": bytes.len(), "sha256": hex(&Sha256::digest(bytes))})
        })
        .collect();
    let what = match kind {
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
        detail: serde_json::json!({"files": manifest}),
        notify: Vec::new(),
        decide: None,
    };
    let (paths, _) = store.record_customer_action(reference, &action, actor, now, || {
        let mut paths = Vec::new();
        for (name, bytes) in &files {
            let path = dir.join(name);
            write_private(&path, bytes).map_err(|e| {
                CustomerError::Invalid(format!("cannot write {}: {e}", path.display()))
            })?;
            paths.push(path);
        }
        Ok::<_, CustomerError>(paths)
    })?;
    Ok(paths)
}

/// The portability export for a request's linked customers.
pub fn portability(store: &Store, db: &CustomerDb, reference: &str) -> Result<PortabilityExport> {
    let (_, ids) = need_linked(store, reference)?;
    db.portability(&ids)
}

/// A file to deliver: its name and its bytes.
pub type NamedFile = (String, Vec<u8>);

/// The files of an access package: one JSON document, named after the request.
pub fn access_files(
    store: &Store,
    db: &CustomerDb,
    reference: &str,
    controller: &Controller,
    no_data: bool,
    today: NaiveDate,
) -> Result<(String, Vec<NamedFile>)> {
    let package = access_package(store, db, reference, controller, no_data, today)?;
    let bytes =
        serde_json::to_vec_pretty(&package).map_err(|e| CustomerError::Invalid(e.to_string()))?;
    Ok((
        package.reference.clone(),
        vec![(format!("{}-access.json", package.reference), bytes)],
    ))
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
    let json = serde_json::to_vec_pretty(&serde_json::json!({
        "reference": r,
        "generated_on": today,
        "tables": export.tables,
        "not_included": export.not_included,
    }))
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
