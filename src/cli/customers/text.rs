//! Plain-text renderings of customer records and erasures for the terminal: outside text is
//! always passed through `one_line`.

use std::io::{Result, Write};

use serde_json::Value;

use crate::customers::{CustomerRecords, ErasureDone, ErasurePlan, KeptRecords};
use crate::domain::text::one_line;
use crate::export::letters::{Lang, words};

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => one_line(s),
        other => other.to_string(),
    }
}

/// Every record, by category, each table with its purpose, basis, retention and recipients.
pub fn write_records(out: &mut impl Write, r: &CustomerRecords) -> Result<()> {
    writeln!(
        out,
        "Customer {} ({}) {}{}",
        r.customer_id,
        one_line(r.customer_number.as_deref().unwrap_or("no customer number")),
        one_line(&r.name),
        if r.restricted {
            "  [processing restricted: storage only]"
        } else {
            ""
        }
    )?;
    for c in &r.categories {
        writeln!(out, "\n{}", c.label)?;
        for t in &c.tables {
            writeln!(
                out,
                "  {} ({}, {} rows)",
                one_line(&t.title),
                t.table,
                t.records.len()
            )?;
            writeln!(out, "    purpose: {}", one_line(&t.purpose))?;
            writeln!(out, "    basis: {}", t.basis_label)?;
            writeln!(out, "    retention: {}", one_line(&t.retention))?;
            let names: Vec<String> = t.recipients.iter().map(|x| one_line(&x.name)).collect();
            writeln!(out, "    recipients: {}", names.join(", "))?;
            for rec in &t.records {
                let fields: Vec<String> = rec
                    .fields
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", value_text(v)))
                    .collect();
                let hold = rec
                    .held_until
                    .map(|d| format!("  [legal hold until {d}]"))
                    .unwrap_or_default();
                writeln!(out, "    #{} {}{hold}", rec.row_id, fields.join("; "))?;
            }
        }
    }
    if r.categories.is_empty() {
        writeln!(out, "\nNo records.")?;
    }
    Ok(())
}

/// The erasure preview: per customer and table, what is deleted, anonymised and kept.
pub fn write_plan(out: &mut impl Write, plan: &ErasurePlan) -> Result<()> {
    writeln!(out, "Erasure preview as of {}", plan.today)?;
    for line in plan.preview_lines() {
        // A blank line before each customer, as before.
        if !line.starts_with(' ') {
            writeln!(out)?;
        }
        writeln!(out, "{line}")?;
    }
    let (d, a, k) = plan.counts();
    writeln!(
        out,
        "\nTotal: {d} rows deleted, {a} anonymised, {k} kept on legal hold"
    )?;
    let kept = plan.kept();
    if let Some(until) = kept.until() {
        writeln!(out, "Kept on legal hold, per kind of record:")?;
        write_kept(out, "  ", &kept)?;
        writeln!(
            out,
            "The erasure will be partial: ERASURE_LEGAL_OBLIGATION (Art. 17(3)(b)){}; the last hold ends {until}.",
            under(&kept)
        )?;
    }
    Ok(())
}

/// One line per kind of record kept and its date, as the person is told it.
fn write_kept(out: &mut impl Write, indent: &str, kept: &KeptRecords) -> Result<()> {
    for k in &kept.kinds {
        writeln!(out, "{indent}{}", one_line(&words::kept_kind(k, Lang::En)))?;
    }
    Ok(())
}

/// ` under LAW and LAW`, or nothing when no law is named.
fn under(kept: &KeptRecords) -> String {
    match words::kept_laws(kept, Lang::En) {
        laws if laws.is_empty() => String::new(),
        laws => format!(" under {}", one_line(&laws)),
    }
}

/// What an erasure did, with its evidence hash and the decision it recorded.
pub fn write_erased(out: &mut impl Write, reference: &str, done: &ErasureDone) -> Result<()> {
    let sum = |f: fn(&crate::customers::TableEvidence) -> usize| -> usize {
        done.evidence.iter().map(f).sum()
    };
    writeln!(
        out,
        "{reference}: erased: {} rows deleted, {} anonymised, {} kept on legal hold; evidence sha256 {}",
        sum(|e| e.deleted),
        sum(|e| e.anonymised),
        sum(|e| e.kept),
        done.sha256
    )?;
    if let (Some(ground), Some(until)) = (done.ground, done.hold_until) {
        writeln!(
            out,
            "{reference}: {ground}{}; the last hold ends {until}:",
            under(&done.kept)
        )?;
        write_kept(out, &format!("{reference}:   "), &done.kept)?;
    }
    if let Some(decided) = &done.decision {
        writeln!(out, "{reference}: {}", decided.summary)?;
    }
    writeln!(
        out,
        "{reference}: notify the recipients: dsr-desk notify {reference}"
    )
}
