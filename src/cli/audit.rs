//! `dsr-desk audit`: verify the trail (chain, keyed hashes, replay of every request, a head
//! seen earlier) and print its head.

use std::io::Write;

use anyhow::bail;

use super::AuditAction;
use crate::domain::text::one_line;
use crate::store::{ReplayReport, Store};

/// Exit code of a broken audit trail.
const BROKEN: i32 = 3;

pub(super) fn run(action: AuditAction, store: &Store, out: &mut impl Write) -> anyhow::Result<i32> {
    match action {
        AuditAction::Head { json } => {
            let (events, head) = store.chain_tip()?;
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"events": events, "head": head})
                )?;
            } else {
                writeln!(out, "{head}")?;
            }
            Ok(0)
        }
        AuditAction::Verify { head, json } => verify(store, head.as_deref(), json, out),
    }
}

fn verify(
    store: &Store,
    seen: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    if let Some(h) = seen {
        let h = h.trim();
        if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!(
                "'{}' is not a head hash (64 hex digits, as `dsr-desk audit head` prints)",
                one_line(h)
            );
        }
    }
    let chain = store.verify_chain()?;
    let replay = store.replay_check()?;
    let mut problems = Vec::new();
    problems.extend(chain.first_break());
    let seen_at = match seen {
        Some(h) => {
            let found = store.event_with_hash(h)?;
            if found.is_none() {
                problems.push(format!(
                    "the head seen earlier ({}) is not in the audit trail: the events after it were removed, or the trail was rewritten (it now ends at event {}, head {})",
                    h.trim(),
                    chain.events,
                    chain.head
                ));
            }
            found
        }
        None => None,
    };
    for d in &replay.differences {
        problems.push(format!(
            "{} differs from its events: {}",
            one_line(&d.reference),
            one_line(&d.what)
        ));
    }
    let checked = match (chain.keyed_from, chain.key_checked, store.has_audit_key()) {
        (Some(from), true, _) => format!("keyed from event {from}, checked with the audit key"),
        (Some(from), false, _) => format!(
            "integrity only: the trail is keyed from event {from} but the audit key is not here, so events forged by someone holding the database cannot be told apart"
        ),
        (None, _, true) => "integrity only: not keyed yet (it is from its next write)".into(),
        (None, _, false) => {
            "integrity only: not keyed (no audit key), so anyone holding the database could have rewritten it".into()
        }
    };
    if json {
        let mut v = serde_json::to_value(&chain)?;
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "checked".into(),
                (if chain.key_checked {
                    "keyed"
                } else {
                    "integrity"
                })
                .into(),
            );
            o.insert("replay".into(), serde_json::to_value(&replay)?);
            if let Some(h) = seen {
                o.insert(
                    "head_seen".into(),
                    serde_json::json!({"head": h.trim(), "event": seen_at}),
                );
            }
            o.insert("problems".into(), serde_json::to_value(&problems)?);
        }
        writeln!(out, "{v}")?;
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("dsr-desk: {p}");
        }
        return Ok(BROKEN);
    }
    if !json {
        writeln!(
            out,
            "audit trail intact: {} events, head {}; {checked}; {}{}",
            chain.events,
            chain.head,
            replayed(&replay),
            seen_at
                .map(|id| format!("; the head seen earlier is event {id}"))
                .unwrap_or_default()
        )?;
    }
    Ok(0)
}

fn replayed(r: &ReplayReport) -> String {
    let n = r.replayed;
    let mut text = format!(
        "{n} request{} match{} {} events",
        if n == 1 { "" } else { "s" },
        if n == 1 { "es" } else { "" },
        if n == 1 { "its" } else { "their" }
    );
    if !r.not_replayable.is_empty() {
        text.push_str(&format!(
            ", {} {}",
            r.not_replayable.len(),
            ReplayReport::not_replayable_note()
        ));
    }
    text
}
