//! Taking incoming messages in: a new request, a follow-up to one, a duplicate, or mail
//! filed away — decided and written in one transaction per message.

use super::sql::{Db, OptionalExtension, params};
use chrono::{DateTime, Months, Utc};
use serde::Serialize;

use super::events::{EventKind, NewEvent, append};
use super::requests::{NewRequest, insert_request};
use super::{Result, Store, classify};
use crate::domain::request::Right;
use crate::intake::{Incoming, ReceiptSource, scope_label};

/// What became of one incoming message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum ImportOutcome {
    Created {
        reference: String,
    },
    FollowUp {
        reference: String,
        matched_by: String,
    },
    /// A message continuing `follows` asked for rights that request does not have: they
    /// became a request of their own, with this message's receipt and deadline.
    NewRights {
        reference: String,
        follows: String,
        matched_by: String,
    },
    Duplicate {
        reference: Option<String>,
    },
    Skipped {
        reason: String,
    },
}

/// How intake read a request, for the request view ("why this right?").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IntakeInfo {
    pub subject: Option<String>,
    /// `(right, phrase)` pairs as recognised; an objection's scope follows its right when
    /// the message named one (labelled by [`crate::intake::scope_label`]).
    pub recognised: Vec<(String, String)>,
    pub note: Option<String>,
    pub unread: bool,
    /// Where the receipt time was read from (None for a request entered by hand).
    pub receipt_source: Option<ReceiptSource>,
    /// The request's last event when an officer last opened it: follow-ups after it are
    /// unread (None: not opened since intake, so every follow-up is).
    pub read_through: Option<i64>,
}

impl IntakeInfo {
    /// Whether the follow-up event `event_id` came after the officer last read the request.
    pub fn is_unread(&self, event_id: i64) -> bool {
        self.read_through.is_none_or(|last| event_id > last)
    }
}

/// How long after a request a message from the same sender counts as a follow-up to it.
const FOLLOW_UP_WINDOW: Months = Months::new(1);

impl Store {
    /// Takes one parsed message in. Re-importing the same message (same Message-ID, or same
    /// content when it has none) changes nothing and says which request it belongs to.
    pub fn import(
        &mut self,
        incoming: &Incoming,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ImportOutcome> {
        let suspension = self.suspension_enabled()?;
        let index_now = !self.defer_search_index;
        let tx = self.write_tx()?;
        let key = incoming.dedupe_key();
        let seen: Option<Option<String>> = tx
            .prepare_cached(
                "SELECT r.reference FROM intake_messages m LEFT JOIN requests r ON r.id = m.request_id
                 WHERE m.dedupe_key = ?1",
            )?
            .query_row([&key], |r| r.get(0))
            .optional()?;
        if let Some(reference) = seen {
            return Ok(ImportOutcome::Duplicate { reference });
        }
        // A request stored with this Message-ID before intake kept its own record.
        if let Some(id) = &incoming.message_id {
            let existing: Option<String> = tx
                .prepare_cached("SELECT reference FROM requests WHERE message_id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(reference) = existing {
                return Ok(ImportOutcome::Duplicate {
                    reference: Some(reference),
                });
            }
        }
        let record = |request_id: Option<i64>, role: &str| -> Result<()> {
            tx.prepare_cached(
                "INSERT INTO intake_messages (dedupe_key, message_id, request_id, role, source, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![key, incoming.message_id, request_id, role, incoming.source, now.to_rfc3339()])?;
            Ok(())
        };
        if let Some(reason) = &incoming.automated {
            record(None, "skipped")?;
            tx.commit()?;
            return Ok(ImportOutcome::Skipped {
                reason: reason.clone(),
            });
        }

        let thread = find_thread(&tx, incoming)?;
        // Rights the continued request does not have are a new request (legal-rules §3a).
        let new_rights: Vec<Right> = match &thread {
            Some((request_id, _, _)) => {
                let asked: String = tx
                    .prepare_cached("SELECT rights FROM requests WHERE id = ?1")?
                    .query_row([request_id], |r| r.get(0))?;
                let asked = super::requests::rights_from(&asked);
                incoming
                    .right_list()
                    .into_iter()
                    .filter(|r| !asked.contains(r))
                    .collect()
            }
            None => incoming.right_list(),
        };
        if let Some((request_id, reference, matched_by)) =
            thread.clone().filter(|_| new_rights.is_empty())
        {
            let subject = incoming.subject.as_deref().unwrap_or("(no subject)");
            follow_up(
                &tx,
                request_id,
                incoming,
                format!(
                    "Follow-up by {} from {}: {subject}",
                    incoming.channel, incoming.name
                ),
                ("attachments", serde_json::json!(incoming.attachments)),
                (actor, now),
            )?;
            record(Some(request_id), "follow-up")?;
            tx.commit()?;
            return Ok(ImportOutcome::FollowUp {
                reference,
                matched_by,
            });
        }

        let mut text = incoming.text.clone();
        if !incoming.attachments.is_empty() {
            let list: Vec<String> = incoming
                .attachments
                .iter()
                .map(|a| format!("{} ({}, {} bytes)", a.name, a.mime, a.size))
                .collect();
            text.push_str(&format!("\n\n[Attachments, not kept: {}]", list.join("; ")));
        }
        let new = NewRequest {
            received: incoming.received,
            channel: incoming.channel,
            requester: incoming.requester(),
            // Written for someone else: the sender acts for them (the mandate is the
            // officer's to see before anything is disclosed).
            agent: incoming
                .representative
                .as_ref()
                .map(|_| match &incoming.email {
                    Some(email) => format!("{} <{email}>", incoming.name),
                    None => incoming.name.clone(),
                }),
            agent_role: incoming
                .representative
                .as_deref()
                .map(crate::intake::role_of),
            rights: new_rights.clone(),
            message_id: incoming.message_id.clone(),
            original_text: Some(text),
            objection_scope: incoming.objection_scope(),
        };
        let mut recognised: Vec<(String, String)> = incoming
            .rights
            .iter()
            .filter(|r| new_rights.contains(&r.right))
            .map(|r| (r.right.to_string(), r.phrase.clone()))
            .collect();
        if let Some((scope, phrase)) = incoming.objection_reason() {
            recognised.push((scope_label(scope).to_string(), phrase.to_string()));
        }
        let why: Vec<String> = recognised
            .iter()
            .map(|(what, phrase)| format!("{what} («{phrase}»)"))
            .collect();
        let mut more = format!("; imported from {}", incoming.source);
        if !why.is_empty() {
            more.push_str(&format!("; recognised {}", why.join(", ")));
        }
        if new.rights.contains(&Right::Objection)
            && let (Some(m), Some(s)) =
                (&incoming.objection.marketing, &incoming.objection.situation)
        {
            more.push_str(&format!(
                "; objection scope left to triage: the message names direct marketing («{m}») and the particular situation («{s}»)"
            ));
        }
        more.push_str(&format!(
            "; received as read from {}",
            incoming.received_from.label()
        ));
        if let Some(note) = &incoming.received_note {
            more.push_str(&format!("; {note}"));
        }
        if let Some(phrase) = &incoming.representative {
            more.push_str(&format!(
                "; written for someone else («{phrase}»): check who the person is and the mandate"
            ));
        }
        if let Some((_, earlier, matched_by)) = &thread {
            more.push_str(&format!(
                "; a new right in a message continuing {earlier} ({matched_by}): see {earlier}"
            ));
        }
        let request = insert_request(&tx, &new, actor, now, suspension, index_now, &more)?;
        if let Some((earlier_id, _, _)) = &thread {
            follow_up(
                &tx,
                *earlier_id,
                incoming,
                format!(
                    "{} from {} asked for {} as well: a new request with its own deadline, see {}",
                    incoming.channel,
                    incoming.name,
                    crate::domain::request::rights_label(&new_rights),
                    request.reference
                ),
                ("new_request", serde_json::json!(request.reference)),
                (actor, now),
            )?;
        }
        tx.prepare_cached(
            "UPDATE requests SET subject = ?1, recognised = ?2, intake_note = ?3, unread = 1,
             receipt_source = ?4 WHERE id = ?5",
        )?
        .execute(params![
            incoming.subject,
            serde_json::to_string(&recognised).unwrap_or_default(),
            incoming.received_note,
            incoming.received_from.as_str(),
            request.id
        ])?;
        record(Some(request.id), "request")?;
        tx.commit()?;
        Ok(match thread {
            Some((_, follows, matched_by)) => ImportOutcome::NewRights {
                reference: request.reference,
                follows,
                matched_by,
            },
            None => ImportOutcome::Created {
                reference: request.reference,
            },
        })
    }

    /// How intake read a request (empty for one entered by hand).
    pub fn intake_info(&self, request_id: i64) -> Result<IntakeInfo> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT subject, recognised, intake_note, unread, receipt_source, read_through
                 FROM requests WHERE id = ?1",
            )?
            .query_row([request_id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            })
            .optional()?;
        Ok(match row {
            Some((subject, recognised, note, unread, source, read_through)) => IntakeInfo {
                subject,
                recognised: recognised
                    .and_then(|j| serde_json::from_str(&j).ok())
                    .unwrap_or_default(),
                note,
                unread,
                receipt_source: source.as_deref().and_then(ReceiptSource::parse),
                read_through,
            },
            None => IntakeInfo::default(),
        })
    }

    /// Marks a request as read (opened by an officer). Reading is not a change to the
    /// request, so it writes no event and does not make open forms stale.
    pub fn mark_read(&mut self, request_id: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE requests SET unread = 0,
                 read_through = (SELECT max(id) FROM events WHERE request_id = ?1)
                 WHERE id = ?1 AND unread = 1",
            )?
            .execute([request_id])
            .map_err(|e| classify(&self.path, e))?;
        Ok(())
    }
}

/// The request a message continues: by In-Reply-To/References, else an open request from
/// the same address received within the month before it.
/// A message joins request `request_id` as a follow-up event (its text, source and receipt,
/// and one more `extra` fact), and the request is marked unread.
fn follow_up(
    tx: &Db,
    request_id: i64,
    incoming: &Incoming,
    summary: String,
    extra: (&str, serde_json::Value),
    (actor, now): (&str, DateTime<Utc>),
) -> Result<()> {
    let mut detail = serde_json::json!({
        "source": incoming.source,
        "message_id": incoming.message_id,
        "received": incoming.received,
        "subject": incoming.subject,
        "text": incoming.text,
    });
    detail[extra.0] = extra.1;
    append(
        tx,
        NewEvent {
            request_id: Some(request_id),
            at: now,
            actor,
            kind: EventKind::FollowUp,
            summary,
            detail,
        },
    )?;
    tx.prepare_cached("UPDATE requests SET unread = 1 WHERE id = ?1")?
        .execute([request_id])?;
    Ok(())
}

fn find_thread(tx: &Db, incoming: &Incoming) -> Result<Option<(i64, String, String)>> {
    for id in &incoming.in_reply_to {
        let hit: Option<(i64, String)> = tx
            .prepare_cached(
                "SELECT r.id, r.reference FROM requests r WHERE r.message_id = ?1
                 UNION ALL
                 SELECT r.id, r.reference FROM intake_messages m JOIN requests r ON r.id = m.request_id
                 WHERE m.message_id = ?1 LIMIT 1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((request_id, reference)) = hit {
            return Ok(Some((request_id, reference, format!("reply to <{id}>"))));
        }
    }
    let Some(email) = &incoming.email else {
        return Ok(None);
    };
    let since = incoming
        .received
        .checked_sub_months(FOLLOW_UP_WINDOW)
        .unwrap_or(incoming.received);
    let hit: Option<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, reference FROM requests
             WHERE requester_email = ?1 AND is_open = 1 AND received_utc BETWEEN ?2 AND ?3
             ORDER BY received_utc DESC LIMIT 1",
        )?
        .query_row(
            params![
                email,
                since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                incoming
                    .received
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(hit.map(|(id, reference)| (id, reference, format!("same sender {email} within a month"))))
}
