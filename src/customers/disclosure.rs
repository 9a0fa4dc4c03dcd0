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
