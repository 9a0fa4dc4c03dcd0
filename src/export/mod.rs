//! Machine and human renderings of requests, shared by the command line and exports.
//!
//! - [`files`]: the one atomic, owner-only file writer and safe file names.
//! - [`summary`]: the case summary of one request (Markdown and JSON); [`case_facts`]: its
//!   standard sections' facts, read from the stores.
//! - [`register`]: every request in one CSV or JSON file, streamed.
//! - [`letters`]: response letters in bokmål and English from `assets/templates/`.
//! - [`record`]: summaries, letters and registers written as files, recorded in the audit
//!   trail with their SHA-256.
//! - [`calendar`]: deadlines as iCalendar events; [`due`]: what falls due soon.

pub mod calendar;
pub mod case_facts;
pub mod due;
pub mod files;
pub mod letters;
pub mod mail;
pub mod record;
pub mod register;
pub mod summary;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::domain::deadline::{Countdown, working_days_left};
use crate::domain::request::Request;
use crate::store::{Event, StoreError};

/// What can stop an export, each with a sentence a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{} already exists; it was not replaced", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {path}: {detail}")]
    Io { path: String, detail: String },
    #[error("'{0}' is not a plain file name; nothing is written outside the export folder")]
    UnsafeName(String),
    /// The export does not fit the request (e.g. an erasure letter for an access request).
    #[error("{0}")]
    NotApplicable(String),
    #[error("the export could not be made: {0}")]
    Render(String),
    /// Written, but its event could not be: the file was removed again.
    #[error("{path} was not kept: its export could not be recorded in the audit trail ({detail})")]
    NotRecorded { path: String, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ExportError {
    pub(crate) fn io(path: &std::path::Path, e: std::io::Error) -> ExportError {
        ExportError::Io {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
    }
}

/// The JSON form of a request (the documented fields first), as of `today`.
pub fn request_json(request: &Request, suspension_enabled: bool, today: NaiveDate) -> Value {
    let deadline = request.deadline(suspension_enabled);
    let refusal = request.refusal();
    let open = request.outcome().is_none();
    json!({
        "ref": request.reference,
        "received": request.received.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "received_date": request.receipt_date(),
        "due": deadline.in_force,
        "status": request.status,
        "rights": request.rights,
        "requester": request.requester,
        "outcome": request.outcome(),
        "refusal_ground": refusal.map(|(g, _)| g),
        "reason": refusal.map(|(_, r)| r),
        "channel": request.channel,
        "message_id": request.message_id,
        "needs_triage": request.needs_triage(),
        "overdue": open && deadline.in_force < today,
        "countdown": open.then(|| Countdown::new(deadline.in_force, today)),
        "working_days_left": open.then(|| working_days_left(deadline.in_force, today)),
        "extension": request.extension,
        "identity": {"status": request.identity, "method": request.identity_method},
        "assignee": request.assignee,
        "agent": request.agent,
        "agent_role": request.agent_role,
        "mandate": request.agent.as_ref().map(|_| request.mandate),
        "objection_scope": request.objection_scope,
        "decisions": request.decisions.iter().map(|d| json!({
            "right": d.right,
            "decision": d.kind,
            "ground": d.ground,
            "basis": d.ground.map(|g| g.basis()),
            "point": d.point,
            "until": d.until,
            "reason": d.reason,
            "internal": d.internal,
            "decided_by": d.decided_by,
            "decided_at": d.decided_at,
        })).collect::<Vec<_>>(),
        "closed_at": request.closed_at,
        "version": request.version,
    })
}

/// The full JSON of `show`: the request, its deadline explained, its events.
pub fn request_detail_json(
    request: &Request,
    events: &[Event],
    suspension_enabled: bool,
    today: NaiveDate,
) -> Value {
    let mut value = request_json(request, suspension_enabled, today);
    let deadline = request.deadline(suspension_enabled);
    if let Value::Object(map) = &mut value {
        map.insert(
            "deadline".into(),
            json!({
                "explained": deadline.steps(),
                "nominal": deadline.nominal,
                "one_month": deadline.deadline,
                "extended": deadline.extended,
                "adjusted_for_suspension": deadline.adjusted,
                "in_force": deadline.in_force,
            }),
        );
        map.insert("original_text".into(), json!(request.original_text));
        map.insert("events".into(), json!(events));
    }
    value
}
