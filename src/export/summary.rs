//! The case summary of one request: everything the case record keeps (legal-rules.md §6),
//! as Markdown for people and JSON for machines, pinned to the audit chain's head.
//!
//! The JSON is [`CaseSummary`] itself, so it parses back into the same facts. Three sections
//! are always present: the customers linked, what was done per right in the customer records,
//! and the Art. 19 notifications, read from the stores by [`case_facts::gather`]; callers may
//! add lines to them or sections of their own. Empty, a section says so.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Oslo;
use serde::{Deserialize, Serialize};

use super::ExportError;
use super::case_facts::{
    self, ActionDone, CaseFacts, CustomerNames, Done, LinkedCustomer, Notification, RightDone,
};
use crate::domain::deadline::oslo_date;
use crate::domain::request::{
    Channel, DecisionKind, EventKind, IdentityStatus, Outcome, RefusalGround, Request, Requester,
    Right, Status,
};
use crate::domain::text::{one_line, sanitize};
use crate::domain::timeliness::{Timeliness, timeliness};
use crate::store::{Event, Store};

/// What the JSON says it is, so a reader can tell a summary from any other file.
pub const FORMAT: &str = "dsr-desk case summary";
/// 2: the standard sections' facts (`customers_linked`, `done_per_right`,
/// `art19_notifications`) as data. 3: `timeliness`.
pub const FORMAT_VERSION: u32 = 4;

/// The sections every summary carries, in this order, before any others.
pub const CUSTOMERS_LINKED: &str = "Customers linked";
pub const DONE_PER_RIGHT: &str = "What was done per right";
pub const ART19_NOTIFICATIONS: &str = "Art. 19 notifications";
pub const STANDARD_SECTIONS: [&str; 3] = [CUSTOMERS_LINKED, DONE_PER_RIGHT, ART19_NOTIFICATIONS];

/// One request's case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub format: String,
    pub format_version: u32,
    pub exported_at: DateTime<Utc>,
    #[serde(rename = "ref", alias = "reference")]
    pub reference: String,
    pub requester: Requester,
    pub agent: Option<String>,
    pub channel: Channel,
    pub received: DateTime<Utc>,
    /// The Europe/Oslo date of receipt: the day the deadline counts from.
    pub received_date: NaiveDate,
    /// Empty: the request still needs triage.
    pub rights: Vec<Right>,
    pub status: Status,
    pub assignee: Option<String>,
    pub deadline: DeadlineFacts,
    pub identity: IdentityFacts,
    pub decisions: Vec<DecisionFacts>,
    /// `None` while the request is open.
    pub outcome: Option<Outcome>,
    pub closed_at: Option<DateTime<Utc>>,
    /// How the request stands against its deadlines on the day of the summary
    /// (legal-rules.md §3); absent from summaries made before it was recorded.
    #[serde(default)]
    pub timeliness: Option<Timeliness>,
    /// The facts of the section "Customers linked".
    #[serde(default)]
    pub customers_linked: Vec<LinkedCustomer>,
    /// The facts of "What was done per right": only rights something was done for.
    #[serde(default)]
    pub done_per_right: Vec<RightDone>,
    /// The facts of "Art. 19 notifications": every recipient on the checklist.
    #[serde(default)]
    pub art19_notifications: Vec<Notification>,
    /// The standard sections (their `lines` are what callers added to the facts above) and
    /// any section a caller added.
    pub sections: Vec<Section>,
    pub timeline: Vec<TimelineEntry>,
    pub original_text: Option<String>,
    /// The newest event hash of the whole audit trail when the summary was made.
    pub audit_chain_head: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineFacts {
    pub nominal: NaiveDate,
    /// The hard one-month deadline; a refusal must be sent by it even when extended.
    pub one_month: NaiveDate,
    pub extension: Option<ExtensionFacts>,
    pub extended: Option<NaiveDate>,
    /// Whether the database counts a suspension while identity is checked (off by default).
    pub suspension_enabled: bool,
    pub suspended_days: Option<i64>,
    pub adjusted_for_suspension: Option<NaiveDate>,
    pub in_force: NaiveDate,
    /// The arithmetic as lines a person can follow.
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionFacts {
    pub notified: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityFacts {
    pub status: IdentityStatus,
    pub method: Option<String>,
    /// The reason for reasonable doubt, when identity was asked for.
    pub doubt: Option<String>,
    pub asked: Option<NaiveDate>,
    pub answered: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionFacts {
    /// `None`: the whole request (it named no right).
    pub right: Option<Right>,
    pub decision: DecisionKind,
    pub ground: Option<RefusalGround>,
    pub basis: Option<String>,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
    /// The point of the law a refusal rests on (§ 16(1) letter, Art. 17(3) point).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
    /// Records kept under a legal obligation until this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The officer's internal note: in the case record, never sent to the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_note: Option<String>,
}

/// A titled list of lines: the standard sections and any a caller adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: EventKind,
    pub summary: String,
    pub hash: String,
}

/// Builds the summary of `request` from its events, the chain head, the facts of the
/// standard sections and extra sections (`(heading, lines)`); lines under a standard heading
/// are added to that section.
pub fn build(
    request: &Request,
    events: &[Event],
    chain_head: &str,
    suspension_enabled: bool,
    now: DateTime<Utc>,
    facts: CaseFacts,
    extra: Vec<(String, Vec<String>)>,
) -> CaseSummary {
    let d = request.deadline(suspension_enabled);
    let mut sections: Vec<Section> = STANDARD_SECTIONS
        .iter()
        .map(|h| Section {
            heading: h.to_string(),
            lines: Vec::new(),
        })
        .collect();
    for (heading, lines) in extra {
        match sections
            .iter_mut()
            .find(|s| s.heading.eq_ignore_ascii_case(heading.trim()))
        {
            Some(s) => s.lines.extend(lines),
            None => sections.push(Section { heading, lines }),
        }
    }
    CaseSummary {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        exported_at: now,
        reference: request.reference.clone(),
        requester: request.requester.clone(),
        agent: request.agent.clone(),
        channel: request.channel,
        received: request.received,
        received_date: request.receipt_date(),
        rights: request.rights.clone(),
        status: request.status,
        assignee: request.assignee.clone(),
        deadline: DeadlineFacts {
            nominal: d.nominal,
            one_month: d.deadline,
            extension: d.extension.as_ref().map(|e| ExtensionFacts {
                notified: e.notified,
                reason: e.reason.clone(),
            }),
            extended: d.extended,
            suspension_enabled,
            suspended_days: d.suspended_days,
            adjusted_for_suspension: d.adjusted,
            in_force: d.in_force,
            steps: d.steps(),
        },
        identity: IdentityFacts {
            status: request.identity,
            method: request.identity_method.clone(),
            doubt: request.suspension.as_ref().map(|s| s.reason.clone()),
            asked: request.suspension.as_ref().map(|s| s.requested),
            answered: request.suspension.as_ref().and_then(|s| s.answered),
        },
        decisions: request
            .decisions
            .iter()
            .map(|x| DecisionFacts {
                right: x.right,
                decision: x.kind,
                ground: x.ground,
                basis: x.ground.map(|g| g.basis().to_string()),
                reason: x.reason.clone(),
                decided_by: x.decided_by.clone(),
                decided_at: x.decided_at,
                point: x.point.clone(),
                until: x.until,
                internal_note: x.internal.clone(),
            })
            .collect(),
        outcome: request.outcome(),
        closed_at: request.closed_at,
        timeliness: Some(timeliness(request, suspension_enabled, oslo_date(now))),
        customers_linked: facts.customers_linked,
        done_per_right: facts.done_per_right,
        art19_notifications: facts.art19_notifications,
        sections,
        timeline: events
            .iter()
            .map(|e| TimelineEntry {
                id: e.id,
                at: e.at,
                actor: e.actor.clone(),
                kind: e.kind,
                summary: e.summary.clone(),
                hash: e.hash.clone(),
            })
            .collect(),
        original_text: request.original_text.clone(),
        audit_chain_head: chain_head.to_string(),
    }
}

/// Reads what a summary needs from the store (and linked customers' names from `names`)
/// and builds it. The one way the command line and the desk make a summary.
pub fn summarize(
    store: &Store,
    reference: &str,
    now: DateTime<Utc>,
    names: &dyn CustomerNames,
    extra: Vec<(String, Vec<String>)>,
) -> Result<CaseSummary, ExportError> {
    let request = store.get(reference)?;
    let events = store.events_of(request.id)?;
    let head = store.chain_head()?;
    let facts = case_facts::gather(store, &request, &events, names)?;
    Ok(build(
        &request,
        &events,
        &head,
        store.suspension_enabled()?,
        now,
        facts,
        extra,
    ))
}

/// The summary as pretty JSON (one trailing newline).
pub fn json(summary: &CaseSummary) -> Result<String, ExportError> {
    let mut text =
        serde_json::to_string_pretty(summary).map_err(|e| ExportError::Render(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Outside text for Markdown: one line, no control characters, and the characters that
/// would turn it into markup (emphasis, links, HTML, table cells) escaped.
fn md(text: &str) -> String {
    let chars: Vec<char> = one_line(text).chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let alnum = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|x| x.is_alphanumeric())
        };
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' => true,
            // Inside a word (ERASURE_LEGAL_OBLIGATION) an underscore is never emphasis.
            '_' => !(alnum(i.checked_sub(1)) && alnum(Some(i + 1))),
            // At the start of a list item these would open a heading, quote or nested list.
            '#' | '>' | '+' | '-' | '=' => i == 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn oslo(at: DateTime<Utc>) -> String {
    at.with_timezone(&Oslo).format("%Y-%m-%d %H:%M").to_string()
}

fn or_dash(v: &Option<String>) -> String {
    v.as_deref().map(md).unwrap_or_else(|| "—".into())
}

fn right_label(r: Option<Right>) -> String {
    match r {
        Some(r) => format!("{r} ({})", r.article()),
        None => "the whole request".into(),
    }
}

/// The summary as Markdown for the case file.
pub fn markdown(s: &CaseSummary) -> String {
    let mut o = String::new();
    let mut line = |text: &str| {
        o.push_str(text);
        o.push('\n');
    };
    line(&format!("# Case summary {}", md(&s.reference)));
    line("");
    line(&format!(
        "Exported {} (Europe/Oslo) by dsr-desk. Audit-chain head at export: `{}`.",
        oslo(s.exported_at),
        s.audit_chain_head
    ));
    line("");
    line("## Request");
    line("");
    line(&format!("- **Requester:** {}", md(&s.requester.name)));
    line(&format!("- **E-mail:** {}", or_dash(&s.requester.email)));
    line(&format!("- **Phone:** {}", or_dash(&s.requester.phone)));
    line(&format!("- **Agent:** {}", or_dash(&s.agent)));
    line(&format!("- **Channel:** {}", s.channel));
    line(&format!(
        "- **Received:** {} Europe/Oslo ({}); receipt date {}",
        oslo(s.received),
        s.received
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        s.received_date
    ));
    let rights = if s.rights.is_empty() {
        "none named yet (needs triage)".to_string()
    } else {
        s.rights
            .iter()
            .map(|r| right_label(Some(*r)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    line(&format!("- **Rights:** {rights}"));
    line(&format!("- **Status:** {}", s.status));
    line(&format!("- **Assigned to:** {}", or_dash(&s.assignee)));
    let outcome = match (s.outcome, s.closed_at) {
        (Some(o), Some(at)) => format!("{o} (closed {})", oslo(at)),
        (Some(o), None) => o.to_string(),
        _ => "open".into(),
    };
    line(&format!("- **Outcome:** {outcome}"));
    // Only a late request gets a line: on time is what the deadlines below already promise.
    if let Some(sentence) = s.timeliness.and_then(Timeliness::sentence) {
        line(&format!("- **Timeliness:** {sentence}"));
    }
    line("");
    line("## Deadline");
    line("");
    line(&format!("- **In force:** {}", s.deadline.in_force));
    line(&format!(
        "- **One-month deadline:** {} (a refusal must be sent by this date)",
        s.deadline.one_month
    ));
    match (&s.deadline.extension, s.deadline.extended) {
        (Some(e), Some(to)) => {
            line(&format!(
                "- **Extended to:** {to} (notified {})",
                e.notified
            ));
            line(&format!(
                "- **Reasons for the extension:** {}",
                md(&e.reason)
            ));
        }
        _ => line("- **Extension:** none"),
    }
    if let Some(adjusted) = s.deadline.adjusted_for_suspension {
        line(&format!(
            "- **Adjusted for suspension:** {adjusted} ({} days)",
            s.deadline.suspended_days.unwrap_or(0)
        ));
    }
    line(&format!(
        "- **Suspension while identity is checked:** {}",
        if s.deadline.suspension_enabled {
            "counted (enabled for this database)"
        } else {
            "not counted (off)"
        }
    ));
    line("");
    line("How it was worked out:");
    line("");
    for (i, step) in s.deadline.steps.iter().enumerate() {
        line(&format!("{}. {}", i + 1, md(step.trim())));
    }
    line("");
    line("## Identity check");
    line("");
    line(&format!("- **Status:** {}", s.identity.status));
    if let Some(doubt) = &s.identity.doubt {
        line(&format!("- **Reason for reasonable doubt:** {}", md(doubt)));
    }
    if let Some(asked) = s.identity.asked {
        line(&format!(
            "- **Asked:** {asked}; **answered:** {}",
            s.identity
                .answered
                .map(|a| a.to_string())
                .unwrap_or_else(|| "not yet".into())
        ));
    }
    line(&format!("- **Method:** {}", or_dash(&s.identity.method)));
    line("- No copy of any identity document is kept.");
    line("");
    line("## Decisions");
    line("");
    if s.decisions.is_empty() {
        line("_No decision recorded yet._");
        line("");
    }
    for d in &s.decisions {
        line(&format!("### {}: {}", right_label(d.right), d.decision));
        line("");
        if let Some(g) = d.ground {
            line(&format!(
                "- **Ground:** {} ({})",
                g.as_str(),
                md(d.basis.as_deref().unwrap_or(g.basis()))
            ));
        }
        if let Some(point) = &d.point {
            line(&format!("- **Point of law:** ({})", md(point)));
        }
        if let Some(until) = d.until {
            line(&format!("- **Kept until:** {until}"));
        }
        if let Some(reason) = &d.reason {
            line(&format!("- **Reasoning:** {}", md(reason)));
        }
        if let Some(note) = &d.internal_note {
            line(&format!(
                "- **Internal note (never sent to the person):** {}",
                md(note)
            ));
        }
        line(&format!(
            "- **Decided by:** {}, {}",
            md(&d.decided_by),
            oslo(d.decided_at)
        ));
        line("");
    }
    for section in &s.sections {
        line(&format!("## {}", md(&section.heading)));
        line("");
        let mut body: Vec<String> = section
            .lines
            .iter()
            .map(|l| format!("- {}", md(l)))
            .collect();
        // Sub-headings last, so the caller's lines do not fall under one of them.
        body.extend(facts_markdown(s, &section.heading));
        if body.is_empty() {
            line("_None recorded._");
        } else {
            for l in &body {
                line(l);
            }
        }
        line("");
    }
    line("## Timeline");
    line("");
    line("| # | When (Oslo) | Who | What | Event hash |");
    line("|---|---|---|---|---|");
    for e in &s.timeline {
        line(&format!(
            "| {} | {} | {} | {}: {} | `{}` |",
            e.id,
            oslo(e.at),
            md(&e.actor),
            e.kind,
            md(&e.summary),
            e.hash.get(..16).unwrap_or(&e.hash)
        ));
    }
    line("");
    if let Some(text) = &s.original_text {
        line("## The request as received");
        line("");
        // Indented, every line: outside text cannot close the block and become markup.
        for l in sanitize(text, true).lines() {
            if l.trim().is_empty() {
                line("");
            } else {
                line(&format!("    {l}"));
            }
        }
        line("");
    }
    line("---");
    line("");
    line(&format!(
        "Audit-chain head at export: `{}`. Verify the trail with `dsr-desk audit verify`.",
        s.audit_chain_head
    ));
    o
}

/// `1 row`, `2 rows`: `one` and `many` are the two forms.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn customers_label(ids: &[i64]) -> String {
    let list = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!("customer{} {list}", if ids.len() == 1 { "" } else { "s" })
}

/// The Markdown lines of a standard section's facts (none for other headings).
fn facts_markdown(s: &CaseSummary, heading: &str) -> Vec<String> {
    let mut out = Vec::new();
    if heading == CUSTOMERS_LINKED {
        out.extend(s.customers_linked.iter().map(linked_customer_line));
    } else if heading == DONE_PER_RIGHT {
        for d in &s.done_per_right {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.push(format!("### {}", right_label(Some(d.right))));
            out.push(String::new());
            for a in &d.actions {
                action_lines(d.right, a, &mut out);
            }
        }
    } else if heading == ART19_NOTIFICATIONS {
        out.extend(s.art19_notifications.iter().map(|n| {
            let status = match (n.notified_on, &n.notified_by) {
                (Some(on), Some(by)) => format!("notified on {on} by {}", md(by)),
                (Some(on), None) => format!("notified on {on}"),
                (None, _) => "**still to notify**".into(),
            };
            format!("- {} ({}): {status}", md(&n.name), md(&n.recipient))
        }));
    }
    out
}

fn linked_customer_line(c: &LinkedCustomer) -> String {
    let mut text = format!("- Customer {}", c.customer_id);
    if let Some(name) = &c.name {
        text.push_str(&format!(": {}", md(name)));
    }
    if let Some(number) = &c.customer_number {
        text.push_str(&format!(", customer number {}", md(number)));
    }
    if let Some(on) = c.erased_on {
        text.push_str(&format!("; erased {on}, the name is no longer held"));
    } else if let Some(why) = &c.name_unavailable {
        text.push_str(&format!(" (name not shown: {})", md(why)));
    }
    let when = c
        .linked_at
        .map(|t| format!(" {}", oslo_date(t)))
        .unwrap_or_default();
    text.push_str(&format!("; linked{when} by {}", md(&c.linked_by)));
    text
}

fn action_lines(right: Right, a: &ActionDone, out: &mut Vec<String>) {
    let head = format!("- {}, {}:", oslo(a.at), md(&a.by));
    match &a.done {
        Done::FilesWritten { files } => {
            let what = match right {
                Right::Portability => "portability export",
                _ => "access package",
            };
            out.push(format!(
                "{head} {what} written, {}",
                count(files.len(), "file", "files")
            ));
            for f in files {
                out.push(format!(
                    "  - {}: {} bytes, SHA-256 `{}`",
                    md(&f.file),
                    f.bytes,
                    f.sha256
                ));
            }
        }
        Done::Rectified {
            customer_id,
            table,
            field,
            rows,
        } => out.push(format!(
            "{head} {}.{} of customer {customer_id} rectified ({}); the old value is not kept",
            md(table),
            md(field),
            count(*rows, "row", "rows")
        )),
        Done::Erased {
            customers,
            tables,
            sha256,
        } => {
            let sum =
                |f: fn(&crate::domain::erasure::TableEvidence) -> usize| tables.iter().map(f).sum();
            out.push(format!(
                "{head} erasure carried out for {}: {} deleted, {} anonymised, {} kept on legal hold; SHA-256 over the tables' evidence `{sha256}`",
                customers_label(customers),
                count(sum(|t| t.deleted), "row", "rows"),
                sum(|t| t.anonymised),
                sum(|t| t.kept),
            ));
            for t in tables {
                let mut parts = Vec::new();
                if t.deleted > 0 {
                    parts.push(format!("{} deleted", t.deleted));
                }
                if t.anonymised > 0 {
                    parts.push(format!("{} anonymised", t.anonymised));
                }
                if t.kept > 0 {
                    let until = t
                        .keep_through
                        .map(|d| format!(" until {d}"))
                        .unwrap_or_default();
                    let law = t
                        .law
                        .as_deref()
                        .map(|l| format!(" under {}", md(l)))
                        .unwrap_or_default();
                    parts.push(format!("{} kept on legal hold{until}{law}", t.kept));
                }
                if let Some(h) = &t.sha256 {
                    parts.push(format!("SHA-256 of what was removed `{h}`"));
                }
                let whose = if customers.len() > 1 {
                    format!(" (customer {})", t.customer_id)
                } else {
                    String::new()
                };
                out.push(format!("  - {}{whose}: {}", md(&t.table), parts.join("; ")));
            }
        }
        Done::Restricted { customers } => out.push(format!(
            "{head} processing restricted to storage for {}",
            customers_label(customers)
        )),
        Done::MarketingStopped { stopped } => {
            let customers: Vec<i64> = stopped.iter().map(|d| d.customer_id).collect();
            out.push(format!(
                "{head} direct marketing stopped for {}: every table the data map marks as marketing, {} added",
                customers_label(&customers),
                count(
                    stopped.iter().map(|d| d.suppression_entries_added).sum(),
                    "suppression entry",
                    "suppression entries"
                )
            ));
            for d in stopped {
                let whose = if stopped.len() > 1 {
                    format!(" (customer {})", d.customer_id)
                } else {
                    String::new()
                };
                for t in &d.tables {
                    let columns = if t.columns.is_empty() {
                        String::new()
                    } else {
                        let list: Vec<String> = t.columns.iter().map(|c| md(c)).collect();
                        format!(" ({})", list.join(", "))
                    };
                    out.push(format!(
                        "  - {}{whose}: {} {}{columns}",
                        md(&t.table),
                        count(t.rows, "row", "rows"),
                        t.action.done()
                    ));
                }
            }
        }
        Done::Recorded { summary } => out.push(format!("{head} {}", md(summary))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_outside_text() {
        assert_eq!(md("a*b_c|d _e_"), "a\\*b_c\\|d \\_e\\_");
        assert_eq!(md("<script>\u{1b}[2J"), "\\<script>␛");
        assert_eq!(md("+ 1 month -> x"), "\\+ 1 month -> x");
        assert_eq!(md("[link](x)"), "\\[link\\](x)");
    }

    #[test]
    fn standard_sections_are_always_there_and_filled_by_heading() {
        let request = Request {
            id: 1,
            ..Request::arrived(
                "DSR-2026-0001".into(),
                "2026-03-05T10:00:00Z".parse().expect("t"),
                Channel::Email,
                Requester {
                    name: "A".into(),
                    email: None,
                    phone: None,
                },
                &[Right::Erasure],
            )
        };
        let now = "2026-03-06T10:00:00Z".parse().expect("t");
        let s = build(
            &request,
            &[],
            "00",
            false,
            now,
            CaseFacts::default(),
            vec![],
        );
        let headings: Vec<&str> = s.sections.iter().map(|x| x.heading.as_str()).collect();
        assert_eq!(headings, STANDARD_SECTIONS);
        assert!(s.sections.iter().all(|x| x.lines.is_empty()));
        let extra = vec![
            (
                "art. 19 notifications".to_string(),
                vec!["Hosting AS".into()],
            ),
            ("Systems searched".to_string(), vec!["CRM".into()]),
        ];
        let s = build(&request, &[], "00", false, now, CaseFacts::default(), extra);
        assert_eq!(s.sections[2].lines, ["Hosting AS"]);
        assert_eq!(s.sections[3].heading, "Systems searched");
        let md = markdown(&s);
        assert!(
            md.contains("## Customers linked\n\n_None recorded._"),
            "{md}"
        );
        assert!(md.contains("## Systems searched\n\n- CRM"), "{md}");
        assert_eq!(s.deadline.in_force.to_string(), "2026-04-07");
    }

    #[test]
    fn a_late_request_says_how_late_and_an_on_time_one_says_nothing() {
        use crate::domain::deadline::Extension;
        use crate::domain::request::Decision;
        // Received 5 March 2026: one-month deadline 7 April, extended to 5 June.
        let closed_on = |kind: DecisionKind, ground: Option<RefusalGround>, at: &str| {
            let at: DateTime<Utc> = at.parse().expect("t");
            Request {
                id: 1,
                status: Status::Closed,
                closed_at: Some(at),
                extension: Some(Extension {
                    notified: "2026-03-20".parse().expect("d"),
                    reason: "many systems".into(),
                }),
                decisions: vec![Decision {
                    right: Some(Right::Access),
                    kind,
                    ground,
                    reason: Some("why".into()),
                    decided_by: "jk".into(),
                    decided_at: at,
                    internal: None,
                    point: None,
                    until: None,
                }],
                ..Request::arrived(
                    "DSR-2026-0001".into(),
                    "2026-03-05T10:00:00Z".parse().expect("t"),
                    Channel::Email,
                    Requester {
                        name: "A".into(),
                        ..Requester::default()
                    },
                    &[Right::Access],
                )
            }
        };
        let summary_of = |r: &Request| {
            let now = "2026-07-01T10:00:00Z".parse().expect("t");
            build(r, &[], "00", false, now, CaseFacts::default(), vec![])
        };
        let refused = closed_on(
            DecisionKind::Refused,
            Some(RefusalGround::ManifestlyExcessive),
            "2026-04-20T10:00:00Z",
        );
        let md = markdown(&summary_of(&refused));
        assert!(
            md.contains(
                "- **Timeliness:** refused 13 days late: a refusal is due within one month \
                 even when extended\n"
            ),
            "{md}"
        );
        let answered = closed_on(DecisionKind::Done, None, "2026-04-20T10:00:00Z");
        let s = summary_of(&answered);
        assert_eq!(s.timeliness, Some(Timeliness::OnTime));
        assert!(!markdown(&s).contains("Timeliness"));
        let late = closed_on(DecisionKind::Done, None, "2026-06-08T10:00:00Z");
        assert!(markdown(&summary_of(&late)).contains("- **Timeliness:** answered 3 days late\n"));
    }
}
