//! The demo requests' work in the customer records, once the demo customer database is
//! built: each step through the case workflow, so its guards decide what the demo may do.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::cases::{self, DemoRequest, Then, Work};
use super::{OFFICER, register_step, step_times};
use crate::case::{Case, CaseError, Decision, Edit};
use crate::customers::CustomerDb;
use crate::domain::deadline::oslo_date;
use crate::domain::matching::MatchField;
use crate::domain::request::EventKind;
use crate::export::ExportError;
use crate::export::files::safe_file_name;
use crate::store::{QueueFilter, Store, View};

/// Where the demo writes the files it hands out: `NAME-exports/` beside `NAME.db`, one
/// folder per request. The demo's own, never the desk's exports folder.
pub fn exports_beside(request_db: &Path) -> PathBuf {
    let stem = request_db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "demo".into());
    request_db
        .parent()
        .unwrap_or(Path::new(""))
        .join(format!("{stem}-exports"))
}

/// Does the demo requests' work in the customer records `db` (the demo customer database
/// the store is connected to) and the decisions it allows, dated as [`super::populate`]
/// dates their other steps. Files go to [`exports_beside`] the store.
pub fn finish(store: &mut Store, db: &mut CustomerDb, now: DateTime<Utc>) -> Result<(), CaseError> {
    let exports = exports_beside(store.path());
    clear_earlier(&exports).map_err(|(path, e)| ExportError::io(&path, e))?;
    for r in cases::all() {
        let from = r.records_from();
        if from == r.then.len() {
            continue;
        }
        let reference = find(store, &r, now)?;
        let received = store.get(&reference)?.received;
        let times = step_times(received, r.then.len(), now);
        for (then, when) in r.then.iter().zip(times).skip(from) {
            let Then::Records(work) = then else {
                register_step(store, &reference, then, when)?;
                continue;
            };
            for (k, w) in work.iter().enumerate() {
                let when = (when + chrono::Duration::minutes(5 * k as i64)).min(now);
                let mut case = Case::new(store, OFFICER, when);
                carry_out(&mut case, db, &r, &reference, w, &exports)?;
            }
        }
    }
    Ok(())
}

/// Removes the access packages an earlier demo left in `exports`, so that a rebuilt demo's
/// folder holds its own only. Only what the demo writes goes: files named
/// `REFERENCE-access...` in a folder named after a reference, and the folder once empty.
fn clear_earlier(exports: &Path) -> Result<(), (PathBuf, std::io::Error)> {
    let Ok(folders) = fs::read_dir(exports) else {
        return Ok(());
    };
    for folder in folders {
        let folder = folder.map_err(|e| (exports.to_path_buf(), e))?.path();
        let Some(reference) = folder.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !reference.starts_with("DSR-") || !folder.is_dir() {
            continue;
        }
        let prefix = format!("{reference}-access");
        for file in fs::read_dir(&folder).map_err(|e| (folder.clone(), e))? {
            let path = file.map_err(|e| (folder.clone(), e))?.path();
            let named = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix));
            if named && path.is_file() {
                fs::remove_file(&path).map_err(|e| (path.clone(), e))?;
            }
        }
        // Anything else in it is not the demo's: then the folder stays.
        let _ = fs::remove_dir(&folder);
    }
    Ok(())
}

/// The demo request `r` in the store: the one from its requester with its message (the
/// generated bulk requests may share a name, never an e-mail address).
fn find(store: &Store, r: &DemoRequest, now: DateTime<Utc>) -> Result<String, CaseError> {
    let missing = || {
        CaseError::Invalid(format!(
            "the demo request from {} is not in the store",
            r.name
        ))
    };
    let email = r.email.ok_or_else(missing)?;
    let filter = QueueFilter {
        view: View::All,
        right: None,
        search: email.into(),
        ..QueueFilter::default()
    };
    for row in store.page(&filter, oslo_date(now), 0, 50)? {
        let same_sender = row.name == r.name && row.email.as_deref() == Some(email);
        if same_sender && store.get(&row.reference)?.original_text.as_deref() == Some(r.text) {
            return Ok(row.reference);
        }
    }
    Err(missing())
}

fn carry_out(
    case: &mut Case<'_>,
    db: &mut CustomerDb,
    r: &DemoRequest,
    reference: &str,
    work: &Work,
    exports: &Path,
) -> Result<(), CaseError> {
    match work {
        Work::Link => {
            let ids = crate::customers::demo::customers_of(r.name);
            if ids.is_empty() {
                return Err(CaseError::Invalid(format!(
                    "no demo customer is {}; add them to the demo people",
                    r.name
                )));
            }
            for id in ids {
                // No reason given: the link stands only on a match the case accepts.
                case.link(db, reference, id, None)?;
            }
        }
        Work::AccessPackage => {
            let (reference, files) = case.access_files(db, reference, false)?;
            let dir = exports.join(safe_file_name(&reference));
            // A rebuilt demo writes the same files again: they are the demo's own.
            case.deliver(
                &reference,
                EventKind::AccessPackage,
                false,
                files,
                (&dir, true),
            )?;
        }
        Work::Erase => {
            let plan = case.erasure_preview(db, reference)?;
            case.erase(db, reference, &plan)?;
        }
        Work::NoDataHeld => {
            let requester = case.facts(reference)?.request.requester;
            let found = db.lookup_requester(&requester, 5)?;
            // The demo records nothing it has not checked: nobody with the requester's
            // e-mail, phone or whole name is in the customer database.
            if let Some(m) = found
                .iter()
                .find(|m| m.exact || m.matched_on != MatchField::Name)
            {
                return Err(CaseError::Invalid(format!(
                    "the demo customer database holds customer {} for {}; \"no data held\" would not be true",
                    m.customer_id, r.name
                )));
            }
            let by = match (&requester.email, &requester.phone) {
                (Some(_), Some(_)) => "e-mail, phone and name",
                (Some(_), None) => "e-mail and name",
                (None, Some(_)) => "phone and name",
                (None, None) => "name",
            };
            let searched = format!("the customer database by {by}");
            case.record_no_data(reference, Some(&searched))?;
        }
        Work::Decide(answer, rights) => {
            let decision = Decision {
                rights: rights.to_vec(),
                ..Decision::new(*answer)
            };
            case.edit(reference, None, &Edit::Decide(decision))?;
        }
    }
    Ok(())
}
