//! Carrying out a right for a request: the customer database changes and the request's
//! event (and Art. 19 checklist, and for erasure the decision) are kept in step through an
//! intent recorded first (`store::intents`), so a crash at any moment leaves no change
//! unrecorded and records none that was not made. Each operation first finishes any change
//! an earlier one left interrupted.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::erasure::{ErasurePlan, KeptRecords, TableEvidence, hex};
use super::interrupted::{WAIT_FOR_WRITER, commit_marked, finish_interrupted};
use super::updates::{Rectified, RestrictionLifted};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::change::Decide;
use crate::domain::deadline::oslo_date;
use crate::domain::marketing::{MarketingStopped, StopAction};
use crate::domain::request::{EventKind, RefusalGround, Request, Right, Verdict};
use crate::export::letters::{Lang, language, words};
use crate::store::{CustomerAction, RequestChange, Store};

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErasureDone {
    pub evidence: Vec<TableEvidence>,
    /// SHA-256 over the per-table hashes, in order.
    pub sha256: String,
    /// What was kept on legal hold, per kind of record and date, over all the customers.
    pub kept: KeptRecords,
    /// The last day anything is kept: the latest hold.
    pub hold_until: Option<NaiveDate>,
    /// The laws behind the holds, each once.
    pub laws: Vec<String>,
    /// ERASURE_LEGAL_OBLIGATION when records were kept on legal hold.
    pub ground: Option<RefusalGround>,
    /// The erasure decision recorded on the request, if it asked for erasure and had none.
    #[serde(skip)]
    pub decision: Option<RequestChange>,
}

/// The request and the customers linked to it; an error says how to link one.
pub fn linked_ids(store: &Store, reference: &str) -> Result<(Request, Vec<i64>)> {
    let request = store.get(reference)?;
    let ids: Vec<i64> = store
        .linked_customers(request.id)?
        .into_iter()
        .map(|l| l.customer_id)
        .collect();
    Ok((request, ids))
}

pub(super) fn need_linked(store: &Store, reference: &str) -> Result<(Request, Vec<i64>)> {
    let (request, ids) = linked_ids(store, reference)?;
    if ids.is_empty() {
        return Err(CustomerError::Invalid(format!(
            "{} has no linked customer; find the person in the customer records and link them first",
            request.reference
        )));
    }
    Ok((request, ids))
}

/// Recipients (id, name) of the named tables, each once: the Art. 19 checklist.
fn recipients_of<'a>(
    db: &CustomerDb,
    tables: impl Iterator<Item = &'a str>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in tables.filter_map(|t| db.map.table(t)) {
        for r in t.recipients.iter().filter_map(|r| db.map.recipient(r)) {
            if !out.iter().any(|(id, _)| *id == r.id) {
                out.push((r.id.clone(), r.name.clone()));
            }
        }
    }
    out
}

/// Finishes any change an earlier operation left interrupted, and returns where the
/// customer database is, for the intent of the change about to be made.
fn before_change(
    store: &mut Store,
    db: &mut CustomerDb,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    finish_interrupted(store, db, actor, now, WAIT_FOR_WRITER)?;
    Ok(db.path().to_path_buf())
}

/// What erasure would do for the request's linked customers today. Changes nothing.
pub fn erasure_preview(
    store: &Store,
    db: &CustomerDb,
    reference: &str,
    today: NaiveDate,
) -> Result<ErasurePlan> {
    let (_, ids) = need_linked(store, reference)?;
    db.erasure_plan(&ids, today)
}

/// Carries out exactly `plan` (refused if the data or the linked customers changed since),
/// records per table what was deleted, anonymised and kept with a hash of what was removed,
/// and decides the request's erasure right if still open: erased, or partial with
/// ERASURE_LEGAL_OBLIGATION when records must be kept, its reason saying per kind of record
/// how many are kept until when, and under which laws.
pub fn erase(
    store: &mut Store,
    db: &mut CustomerDb,
    reference: &str,
    plan: &ErasurePlan,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<ErasureDone> {
    erase_reporting(store, db, (reference, plan), actor, now, &mut |_| {})
}

/// [`erase`], saying to `progress` how many of the plan's rows are done.
pub fn erase_reporting(
    store: &mut Store,
    db: &mut CustomerDb,
    (reference, plan): (&str, &ErasurePlan),
    actor: &str,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(String),
) -> Result<ErasureDone> {
    let db_path = before_change(store, db, actor, now)?;
    let (request, mut ids) = need_linked(store, reference)?;
    let mut planned: Vec<i64> = plan.customers.iter().map(|c| c.customer_id).collect();
    ids.sort_unstable();
    planned.sort_unstable();
    if ids != planned || plan.today != oslo_date(now) {
        return Err(CustomerError::Changed);
    }
    let notify = recipients_of(db, plan.tables().map(|t| t.table.as_str()));
    let (deleted, anonymised, kept_rows) = plan.counts();
    let kept = plan.kept();
    let hold_until = kept.until();
    let laws = kept.laws.clone();
    let (tx, evidence) = db.begin_erasure(plan, &request.reference, progress)?;
    let mut all = Sha256::new();
    for e in &evidence {
        all.update(e.sha256.as_deref().unwrap_or("-").as_bytes());
        all.update(b"\n");
    }
    let sha256 = hex(&all.finalize());
    let summary = format!(
        "Erasure carried out: {deleted} rows deleted, {anonymised} anonymised, {kept_rows} kept on legal hold{}",
        held_in_words(&kept)
    );
    let (ground, verdict) = if kept.is_empty() {
        (None, Verdict::Erased)
    } else {
        // The reason goes into the letter to the person: in the request's language.
        let lang = request
            .original_text
            .as_deref()
            .and_then(language::detect)
            .unwrap_or(Lang::En);
        (
            Some(RefusalGround::ErasureLegalObligation),
            Verdict::Partial {
                ground: RefusalGround::ErasureLegalObligation,
                reason: words::kept_reason(&kept, lang),
            },
        )
    };
    let action = CustomerAction {
        kind: EventKind::Erased,
        summary,
        detail: serde_json::json!({
            "customers": planned,
            "tables": evidence,
            "sha256": sha256,
            "kept": kept,
            "hold_until": hold_until,
            "laws": laws,
            "as_of": plan.today,
        }),
        notify,
        decide: Some(Decide {
            items: vec![(Some(Right::Erasure), verdict)],
            until: hold_until,
            ..Decide::default()
        }),
    };
    let ((), decision) =
        store.record_customer_change(reference, &action, (actor, now), &db_path, |token| {
            commit_marked(tx, token, action.kind, now)
        })?;
    Ok(ErasureDone {
        evidence,
        sha256,
        kept,
        hold_until,
        laws,
        ground,
        decision,
    })
}

/// ` (3 invoices until 31 December 2031; 2 packing slips until 30 June 2030) under
/// bokføringsloven § 13 …`: the held part of the erasure event's summary, or nothing.
fn held_in_words(kept: &KeptRecords) -> String {
    if kept.is_empty() {
        return String::new();
    }
    let laws = words::kept_laws(kept, Lang::En);
    let under = if laws.is_empty() {
        String::new()
    } else {
        format!(" under {laws}")
    };
    format!(" ({}){under}", words::kept(kept, Lang::En))
}

/// Rectifies one field of a linked customer's row (`row` when the table holds several).
#[allow(clippy::too_many_arguments)]
pub fn rectify(
    store: &mut Store,
    db: &mut CustomerDb,
    reference: &str,
    customer_id: i64,
    (table, field, value): (&str, &str, Option<&str>),
    row: Option<i64>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Rectified> {
    let db_path = before_change(store, db, actor, now)?;
    let (request, ids) = need_linked(store, reference)?;
    if !ids.contains(&customer_id) {
        return Err(CustomerError::Invalid(format!(
            "customer {customer_id} is not linked to {}; link it first",
            request.reference
        )));
    }
    let notify = recipients_of(db, std::iter::once(table));
    let (tx, done) = db.begin_rectify(customer_id, table, field, value, row)?;
    let action = CustomerAction {
        kind: EventKind::Rectified,
        summary: format!(
            "Rectified {}.{} of customer {customer_id} ({} row{})",
            done.table,
            done.field,
            done.rows.len(),
            if done.rows.len() == 1 { "" } else { "s" }
        ),
        // Which field changed and a hash of the rows before; never the old value in clear.
        detail: serde_json::json!(done),
        notify,
        decide: None,
    };
    store.record_customer_change(reference, &action, (actor, now), &db_path, |token| {
        commit_marked(tx, token, action.kind, now)
    })?;
    Ok(done)
}

/// Restricts processing of the linked customers' data to storage (Art. 18).
pub fn restrict(
    store: &mut Store,
    db: &mut CustomerDb,
    reference: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let db_path = before_change(store, db, actor, now)?;
    let (request, ids) = need_linked(store, reference)?;
    let mut tables = Vec::new();
    for id in &ids {
        tables.extend(db.records(*id)?.tables().map(|t| t.table.clone()));
    }
    let notify = recipients_of(db, tables.iter().map(String::as_str));
    let (tx, newly) = db.begin_restrict(&ids, &request.reference, oslo_date(now))?;
    let action = CustomerAction {
        kind: EventKind::Restricted,
        summary: format!(
            "Processing restricted to storage for customer{} {}",
            if ids.len() == 1 { "" } else { "s" },
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        detail: serde_json::json!({"customers": ids, "newly_restricted": newly}),
        notify,
        decide: None,
    };
    store.record_customer_change(reference, &action, (actor, now), &db_path, |token| {
        commit_marked(tx, token, action.kind, now)
    })?;
    Ok(newly)
}

/// Lifts the restriction of the linked customers (Art. 18(3)): only once the person has
/// been told, on `told` (today or earlier). Refused when none of them is restricted.
pub fn lift_restriction(
    store: &mut Store,
    db: &mut CustomerDb,
    reference: &str,
    told: NaiveDate,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<RestrictionLifted>> {
    let db_path = before_change(store, db, actor, now)?;
    // That `told` is not in the future is the case workflow's check (`Case::lift_restriction`).
    let (request, ids) = need_linked(store, reference)?;
    let (tx, lifted) = db.begin_lift_restriction(&ids, told)?;
    if lifted.is_empty() {
        return Err(CustomerError::Invalid(format!(
            "no customer linked to {} is restricted; there is nothing to lift",
            request.reference
        )));
    }
    let who: Vec<String> = lifted.iter().map(|l| l.customer_id.to_string()).collect();
    let action = CustomerAction {
        kind: EventKind::RestrictionLifted,
        summary: format!(
            "Restriction lifted for customer{} {}; the person was told on {told} (Art. 18(3))",
            if who.len() == 1 { "" } else { "s" },
            who.join(", ")
        ),
        detail: serde_json::json!({"customers": lifted, "told_on": told}),
        notify: Vec::new(),
        decide: None,
    };
    store.record_customer_change(reference, &action, (actor, now), &db_path, |token| {
        commit_marked(tx, token, action.kind, now)
    })?;
    Ok(lifted)
}

/// Stops direct marketing to the linked customers and keeps it stopped (Art. 21(3)).
pub fn object_to_marketing(
    store: &mut Store,
    db: &mut CustomerDb,
    reference: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<MarketingStopped>> {
    let db_path = before_change(store, db, actor, now)?;
    let (request, ids) = need_linked(store, reference)?;
    let reason = format!("objection to direct marketing ({})", request.reference);
    let (tx, done) = db.begin_object(&ids, &reason, oslo_date(now))?;
    let action = CustomerAction {
        kind: EventKind::MarketingStopped,
        summary: stopped_summary(&done),
        detail: serde_json::json!(done),
        notify: Vec::new(),
        decide: None,
    };
    store.record_customer_change(reference, &action, (actor, now), &db_path, |token| {
        commit_marked(tx, token, action.kind, now)
    })?;
    Ok(done)
}

/// "Marketing stopped (Art. 21(3)): newsletter_subscriptions 1 row turned off, ..."
fn stopped_summary(done: &[MarketingStopped]) -> String {
    let mut per_table: Vec<(&str, StopAction, usize)> = Vec::new();
    for t in done.iter().flat_map(|d| &d.tables) {
        match per_table
            .iter_mut()
            .find(|(name, action, _)| *name == t.table && *action == t.action)
        {
            Some(entry) => entry.2 += t.rows,
            None => per_table.push((&t.table, t.action, t.rows)),
        }
    }
    let tables: Vec<String> = per_table
        .iter()
        .map(|(name, action, rows)| {
            let noun = if *rows == 1 { "row" } else { "rows" };
            format!("{name} {rows} {noun} {}", action.done())
        })
        .collect();
    let entries: usize = done.iter().map(|d| d.suppression_entries_added).sum();
    format!(
        "Marketing stopped (Art. 21(3)): {}; {entries} suppression {} added",
        if tables.is_empty() {
            "no table is marked marketing".to_string()
        } else {
            tables.join(", ")
        },
        if entries == 1 { "entry" } else { "entries" }
    )
}
