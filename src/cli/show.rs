//! `show` as text: the request, the deadline worked out, decisions, events, the message.

use std::io::Write;

use chrono::NaiveDate;
use chrono_tz::Europe::Oslo;

use crate::domain::deadline::Countdown;
use crate::domain::request::rights_label;
use crate::domain::text::one_line;

/// What `show` prints: the request, its events, how intake read it.
pub(super) struct Shown<'a> {
    pub request: &'a crate::domain::request::Request,
    pub events: &'a [crate::store::Event],
    pub intake: &'a crate::store::IntakeInfo,
}

pub(super) fn write_request_text(
    out: &mut impl Write,
    shown: &Shown<'_>,
    suspension: bool,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let (r, events) = (shown.request, shown.events);
    let d = r.deadline(suspension);
    writeln!(out, "{}  {}", r.reference, one_line(&r.requester.name))?;
    for (label, value) in [
        ("e-mail", &r.requester.email),
        ("phone", &r.requester.phone),
        ("agent", &r.representation()),
    ] {
        if let Some(v) = value {
            writeln!(out, "  {label}: {}", one_line(v))?;
        }
    }
    writeln!(
        out,
        "  channel: {}   received: {} (Oslo date {})",
        r.channel,
        r.received.with_timezone(&Oslo).format("%Y-%m-%d %H:%M"),
        r.receipt_date()
    )?;
    if let Some(source) = shown.intake.receipt_source {
        writeln!(out, "  receipt read from: {}", source.label())?;
    }
    if let Some(note) = &shown.intake.note {
        writeln!(out, "  receipt note: {}", one_line(note))?;
    }
    writeln!(out, "  rights: {}", rights_label(&r.rights))?;
    match r.outcome() {
        Some(o) => writeln!(out, "  status: closed as {o}")?,
        None => writeln!(
            out,
            "  status: {}   due {} ({})",
            r.status,
            d.in_force,
            Countdown::new(d.in_force, today).short()
        )?,
    }
    writeln!(
        out,
        "  identity: {}{}",
        r.identity,
        r.identity_method
            .as_deref()
            .map(|m| format!(" ({})", one_line(m)))
            .unwrap_or_default()
    )?;
    writeln!(out, "\nDeadline")?;
    for step in d.steps() {
        writeln!(out, "  {}", one_line(&step))?;
    }
    if !r.decisions.is_empty() {
        writeln!(out, "\nDecisions")?;
        for dec in &r.decisions {
            writeln!(
                out,
                "  {}: {}{}{}",
                dec.right.map(|x| x.as_str()).unwrap_or("request"),
                dec.kind,
                dec.ground
                    .map(|g| format!(" {g} ({})", g.basis()))
                    .unwrap_or_default(),
                dec.reason
                    .as_deref()
                    .map(|x| format!(" - {}", one_line(x)))
                    .unwrap_or_default()
            )?;
        }
    }
    writeln!(out, "\nEvents")?;
    for e in events {
        writeln!(
            out,
            "  {}  {:<10} {}",
            e.at.with_timezone(&Oslo).format("%Y-%m-%d %H:%M"),
            one_line(&e.actor),
            one_line(&e.summary)
        )?;
    }
    if let Some(text) = &r.original_text {
        writeln!(
            out,
            "\nMessage\n{}",
            crate::domain::text::sanitize(text, true)
        )?;
    }
    Ok(())
}
