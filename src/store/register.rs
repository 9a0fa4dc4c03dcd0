//! The register of every request, read a page at a time in id order (keyset paging: each
//! page starts where the last ended, so a page costs the same at row 1 and row 100,000).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::requests::rights_from;
use super::{Result, Store};
use crate::domain::request::{Channel, DecisionKind, RefusalGround, Right, Status};

/// One request as the register needs it: stored facts only, nothing formatted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterRow {
    pub id: i64,
    pub reference: String,
    pub received_date: NaiveDate,
    pub channel: Channel,
    pub rights: Vec<Right>,
    pub status: Status,
    /// The deadline in force as last computed.
    pub due: NaiveDate,
    pub extended: bool,
    pub closed_at: Option<DateTime<Utc>>,
    /// `(right, decision, ground)` in the order decided; `None` right = the whole request.
    pub decisions: Vec<(Option<Right>, DecisionKind, Option<RefusalGround>)>,
}

/// Which receipt dates (Europe/Oslo, inclusive) the register covers; `None` = unbounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Store {
    /// Up to `limit` register rows with an id above `after_id`, received within `period`.
    /// Pass the last row's id to get the next page; an empty page is the end.
    pub fn register_page(
        &self,
        period: Period,
        after_id: i64,
        limit: u64,
    ) -> Result<Vec<RegisterRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.reference, r.received_date, r.channel, r.rights, r.status, r.due_date,
                    r.extension_notified IS NOT NULL, r.closed_at,
                    (SELECT group_concat(ifnull(d.right_asked, '') || ':' || d.kind || ':' ||
                                         ifnull(d.ground, ''), ';' ORDER BY d.id)
                     FROM decisions d WHERE d.request_id = r.id)
             FROM requests r
             WHERE r.id > ?1
               AND (?2 IS NULL OR r.received_date >= ?2)
               AND (?3 IS NULL OR r.received_date <= ?3)
             ORDER BY r.id LIMIT ?4",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![
                after_id,
                period.from.map(|d| d.to_string()),
                period.to.map(|d| d.to_string()),
                limit as i64
            ],
            |r| {
                let closed_at: Option<String> = r.get(8)?;
                let decisions: Option<String> = r.get(9)?;
                Ok(RegisterRow {
                    id: r.get(0)?,
                    reference: r.get(1)?,
                    received_date: r.get::<_, String>(2)?.parse().unwrap_or_default(),
                    channel: Channel::parse(&r.get::<_, String>(3)?).unwrap_or(Channel::Email),
                    rights: rights_from(&r.get::<_, String>(4)?),
                    status: Status::parse(&r.get::<_, String>(5)?).unwrap_or(Status::Open),
                    due: r.get::<_, String>(6)?.parse().unwrap_or_default(),
                    extended: r.get(7)?,
                    closed_at: closed_at.and_then(|t| {
                        DateTime::parse_from_rfc3339(&t)
                            .ok()
                            .map(|t| t.with_timezone(&Utc))
                    }),
                    decisions: decisions
                        .as_deref()
                        .map(parse_decisions)
                        .unwrap_or_default(),
                })
            },
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

fn parse_decisions(text: &str) -> Vec<(Option<Right>, DecisionKind, Option<RefusalGround>)> {
    text.split(';')
        .filter_map(|item| {
            let mut parts = item.split(':');
            let right = parts.next()?;
            let kind = DecisionKind::parse(parts.next()?)?;
            let ground = parts.next().and_then(RefusalGround::parse);
            Some((Right::parse(right), kind, ground))
        })
        .collect()
}
