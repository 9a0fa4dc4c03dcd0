//! The register of every request, read a page at a time in id order (keyset paging: each
//! page starts where the last ended, so a page costs the same at row 1 and row 100,000).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::requests::rights_from;
use super::{Result, Store};
use crate::domain::request::{
    Channel, Decision, DecisionKind, FeeBasis, RefusalGround, Right, Status,
};

/// A request's decisions as one text column, `right:kind:ground:decided_at;...` in the order
/// decided (an empty right: the whole request), so that a pass over many requests needs no
/// query per request. The instant comes last: it has colons of its own.
pub(super) const DECISIONS_COLUMN: &str =
    "(SELECT string_agg(coalesce(d.right_asked, '') || ':' || d.kind || ':' ||
        coalesce(d.ground, '') || ':' || d.decided_at, ';' ORDER BY d.id)
     FROM decisions d WHERE d.request_id = r.id)";

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
    /// In the order decided, with what the outcome and the timeliness rule read: the right
    /// (`None` = the whole request), the kind, the ground and when. The reason and who decided
    /// are not read here and stay empty.
    pub decisions: Vec<Decision>,
    /// The reasonable fees charged (legal-rules §3a): amount in NOK and basis, oldest first.
    pub fees: Vec<(u64, FeeBasis)>,
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
        let (amount, basis) = (
            self.conn.json_text("e.detail", "amount_nok"),
            self.conn.json_text("e.detail", "basis"),
        );
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.id, r.reference, r.received_date, r.channel, r.rights, r.status, r.due_date,
                    r.extension_notified IS NOT NULL, r.closed_at, {DECISIONS_COLUMN},
                    (SELECT string_agg({amount} || ':' || {basis}, ';' ORDER BY e.id)
                     FROM events e WHERE e.request_id = r.id AND e.kind = 'fee')
             FROM requests r
             WHERE r.id > ?1
               AND (CAST(?2 AS TEXT) IS NULL OR r.received_date >= ?2)
               AND (CAST(?3 AS TEXT) IS NULL OR r.received_date <= ?3)
             ORDER BY r.id LIMIT ?4"
        ))?;
        let rows = stmt.query_map(
            super::sql::params![
                after_id,
                period.from.map(|d| d.to_string()),
                period.to.map(|d| d.to_string()),
                limit as i64
            ],
            |r| {
                let closed_at: Option<String> = r.get(8)?;
                let decisions: Option<String> = r.get(9)?;
                let fees: Option<String> = r.get(10)?;
                Ok(RegisterRow {
                    id: r.get(0)?,
                    reference: r.get(1)?,
                    received_date: r.get::<_, String>(2)?.parse().unwrap_or_default(),
                    channel: Channel::parse(&r.get::<_, String>(3)?).unwrap_or(Channel::Email),
                    rights: rights_from(&r.get::<_, String>(4)?),
                    status: Status::parse(&r.get::<_, String>(5)?).unwrap_or(Status::Open),
                    due: r.get::<_, String>(6)?.parse().unwrap_or_default(),
                    extended: r.get(7)?,
                    closed_at: closed_at.as_deref().and_then(instant),
                    decisions: decisions.as_deref().map(decisions_from).unwrap_or_default(),
                    fees: fees.as_deref().map(fees_from).unwrap_or_default(),
                })
            },
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// An RFC 3339 instant as stored.
pub(super) fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The fees of the register's fee column: `amount:basis;...`.
fn fees_from(text: &str) -> Vec<(u64, FeeBasis)> {
    text.split(';')
        .filter_map(|item| {
            let (amount, basis) = item.split_once(':')?;
            Some((amount.parse().ok()?, FeeBasis::parse(basis)?))
        })
        .collect()
}

/// The decisions of a [`DECISIONS_COLUMN`]; an item that does not read is left out.
pub(super) fn decisions_from(text: &str) -> Vec<Decision> {
    text.split(';')
        .filter_map(|item| {
            let mut parts = item.splitn(4, ':');
            let right = Right::parse(parts.next()?);
            let kind = DecisionKind::parse(parts.next()?)?;
            let ground = parts.next().and_then(RefusalGround::parse);
            let decided_at = instant(parts.next()?)?;
            Some(Decision {
                decided_at,
                ..Decision::outline(right, kind, ground)
            })
        })
        .collect()
}
