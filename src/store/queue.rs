//! The queue: one page of requests at a time, most urgent first, plus header counts. Every
//! query here is served by an index; nothing loads the whole table.

use super::sql::OptionalExtension;
use super::sql::{Engine, Val as Value};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

use super::requests::{rights_from, rights_mask};
use super::{Result, Store};
use crate::domain::request::{
    Channel, Decision, IdentityStatus, Outcome, Right, Status, derive_outcome,
};
use crate::domain::timeliness::{Facts, Timeliness};

/// Which requests the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    #[default]
    Open,
    Overdue,
    DueThisWeek,
    AwaitingIdentity,
    Extended,
    NeedsTriage,
    Closed,
    /// Open requests assigned to the officer at the desk ([`QueueFilter::officer`]).
    Mine,
    All,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Open,
        View::Overdue,
        View::DueThisWeek,
        View::AwaitingIdentity,
        View::Extended,
        View::NeedsTriage,
        View::Closed,
        View::Mine,
        View::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Open => "open",
            View::Overdue => "overdue",
            View::DueThisWeek => "due this week",
            View::AwaitingIdentity => "awaiting identity",
            View::Extended => "extended",
            View::NeedsTriage => "needs triage",
            View::Closed => "closed",
            View::Mine => "mine",
            View::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        let s = s.trim().to_ascii_lowercase().replace(['-', '_'], " ");
        View::ALL.into_iter().find(|v| v.label() == s)
    }
}

/// View, right and search text together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub view: View,
    pub right: Option<Right>,
    pub search: String,
    /// Whose requests the "mine" view shows: the assignee name the officer works under.
    /// Not a filter the officer sets, so clearing the filters keeps it.
    pub officer: String,
}

/// Searches this long or longer are looked up in the trigram index; shorter ones (one or
/// two characters, which the desk's in-memory queue answers) scan the folded texts.
pub const TRIGRAM_CHARS: usize = 3;

impl QueueFilter {
    /// No filter, for the officer named `officer` (the "mine" view's assignee).
    pub fn for_officer(officer: &str) -> QueueFilter {
        QueueFilter {
            officer: officer.trim().to_string(),
            ..QueueFilter::default()
        }
    }

    /// The same filter with view, right and search cleared (the officer stays).
    pub fn cleared(&self) -> QueueFilter {
        QueueFilter::for_officer(&self.officer)
    }

    /// Whether view, right or search narrow the queue.
    pub fn is_narrowed(&self) -> bool {
        *self != self.cleared()
    }

    /// The folded search text, if there is one: from the first character typed.
    pub fn active_search(&self) -> Option<String> {
        let folded = crate::domain::text::fold(self.search.trim());
        let folded = folded.trim();
        (!folded.is_empty()).then(|| folded.to_string())
    }
}

/// One queue line: what the table shows, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueRow {
    pub id: i64,
    pub reference: String,
    pub received: DateTime<Utc>,
    pub received_date: NaiveDate,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub rights: Vec<Right>,
    pub status: Status,
    pub due: NaiveDate,
    pub extended: bool,
    pub identity: IdentityStatus,
    pub assignee: Option<String>,
    pub channel: Channel,
    pub outcome: Option<Outcome>,
    /// How a closed request stood against its deadlines when it closed (on time, or how
    /// many days late); `None` while open (the countdown says it).
    pub standing: Option<Timeliness>,
    pub version: i64,
    /// Taken in by intake and not opened yet.
    pub unread: bool,
    /// When it was closed; `None` while open.
    pub closed_at: Option<DateTime<Utc>>,
}

/// The numbers in the queue's header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QueueCounts {
    pub open: u64,
    pub overdue: u64,
    pub due_today: u64,
    pub due_this_week: u64,
    pub awaiting_identity: u64,
    pub needs_triage: u64,
    /// Open requests taken in by intake and not opened yet.
    pub unread: u64,
    /// Open requests assigned to the officer at the desk (the "mine" view); filled in by
    /// the desk, which knows who that is.
    pub mine: u64,
}

pub(super) const ROW_COLUMNS: &str = "r.id, r.reference, r.received_utc, r.received_date, r.requester_name, \
    r.requester_email, r.requester_phone, r.rights, r.status, r.due_date, r.extension_notified, \
    r.identity_status, r.assignee, r.version, r.unread, r.channel, r.closed_at";

/// The queue's order: open requests by deadline, then id; closed ones newest first. The
/// in-memory index loads its rows in this order too.
pub(super) const OPEN_ORDER: &str = "r.is_open, r.due_date, r.id";
pub(super) const CLOSED_ORDER: &str = "r.is_open, r.closed_at DESC, r.id DESC";

/// The end of "this week": the coming Sunday (today included when it is one).
pub(super) fn week_end(today: NaiveDate) -> NaiveDate {
    today + Days::new(6 - today.weekday().num_days_from_monday() as u64)
}

/// The part of a WHERE clause a filter makes, with its parameters; `closed` chooses the half.
fn conditions(
    engine: Engine,
    filter: &QueueFilter,
    today: NaiveDate,
    closed: bool,
) -> Option<(String, Vec<Value>)> {
    let mut sql = vec![format!("r.is_open = {}", (!closed) as i32)];
    let mut args: Vec<Value> = Vec::new();
    let wants_closed = matches!(filter.view, View::Closed | View::All);
    let wants_open = filter.view != View::Closed;
    if (closed && !wants_closed) || (!closed && !wants_open) {
        return None;
    }
    match filter.view {
        View::Overdue => {
            sql.push("r.due_date < ?".into());
            args.push(Value::Text(today.to_string()));
        }
        View::DueThisWeek => {
            sql.push("r.due_date BETWEEN ? AND ?".into());
            args.push(Value::Text(today.to_string()));
            args.push(Value::Text(week_end(today).to_string()));
        }
        View::AwaitingIdentity => sql.push("r.status = 'awaiting-identity'".into()),
        View::Extended => sql.push("r.extension_notified IS NOT NULL".into()),
        View::NeedsTriage => sql.push("r.rights_mask = 0".into()),
        View::Mine => {
            sql.push("r.assignee = ?".into());
            args.push(Value::Text(filter.officer.clone()));
        }
        _ => {}
    }
    if let Some(right) = filter.right {
        sql.push("(r.rights_mask & ?) != 0".into());
        args.push(Value::Int(rights_mask(&[right])));
    }
    if let Some(search) = filter.active_search() {
        if search.chars().count() < TRIGRAM_CHARS || engine == Engine::Postgres {
            // On PostgreSQL, LIKE is what pg_trgm's index serves, at any length.
            // Too short for a trigram: a scan of the folded texts (the desk answers these
            // from memory once its queue is loaded; this serves the first second and the
            // commands).
            sql.push(
                match engine {
                    Engine::Sqlite => {
                        "r.id IN (SELECT rowid FROM request_search WHERE folded LIKE ? ESCAPE '\\')"
                    }
                    Engine::Postgres => {
                        "r.id IN (SELECT id FROM request_search WHERE folded LIKE ? ESCAPE '\\')"
                    }
                }
                .into(),
            );
            let escaped = search
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push(Value::Text(format!("%{escaped}%")));
        } else {
            // Trigram index: any substring of three or more characters, no scan.
            sql.push(
                "r.id IN (SELECT rowid FROM request_search WHERE request_search MATCH ?)".into(),
            );
            args.push(Value::Text(format!("\"{}\"", search.replace('"', "\"\""))));
            // Drive the query from the (few) matches, looked up by id, instead of walking the
            // queue index and probing each row: `+` keeps SQLite off the is_open index.
            sql[0] = format!("+{}", sql[0]);
        }
    }
    Some((sql.join(" AND "), args))
}

impl Store {
    /// A queue statement: with a search, planned for its pattern each time it runs (see
    /// `Db::prepare`); else kept prepared.
    fn queue_statement(
        &self,
        sql: &str,
        filter: &QueueFilter,
    ) -> super::sql::Result<super::sql::Stmt<'_>> {
        if filter.active_search().is_some() {
            self.conn.prepare(sql)
        } else {
            self.conn.prepare_cached(sql)
        }
    }

    /// Where `reference` stands in the queue the filter selects (0 = first), or `None` when
    /// the filter does not select it: so the desk's selection can follow a request that moved.
    pub fn position(
        &self,
        filter: &QueueFilter,
        today: NaiveDate,
        reference: &str,
    ) -> Result<Option<u64>> {
        let found: Option<(i64, bool, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT id, is_open, due_date, closed_at FROM requests WHERE reference = ?1",
            )?
            .query_row([reference.trim().to_ascii_uppercase()], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? == 1, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((id, open, due, closed_at)) = found else {
            return Ok(None);
        };
        let count = |cond: &str, mut args: Vec<Value>, before: &str, extra: Vec<Value>| {
            args.extend(extra);
            let sql = format!("SELECT count(*) FROM requests r WHERE {cond} AND ({before})");
            self.queue_statement(&sql, filter)
                .and_then(|mut st| st.query_row(args, |r| r.get::<_, i64>(0)))
                .map(|n| n as u64)
        };
        let Some((cond, args)) = conditions(self.conn.engine(), filter, today, !open) else {
            return Ok(None);
        };
        if count(&cond, args.clone(), "r.id = ?", vec![Value::Int(id)])? == 0 {
            return Ok(None);
        }
        // The same order as `page`: open by deadline then id; closed newest first.
        Ok(Some(if open {
            count(
                &cond,
                args,
                "r.due_date < ? OR (r.due_date = ? AND r.id < ?)",
                vec![Value::Text(due.clone()), Value::Text(due), Value::Int(id)],
            )?
        } else {
            let open_before = match conditions(self.conn.engine(), filter, today, false) {
                Some((c, a)) => count(&c, a, "1 = 1", Vec::new())?,
                None => 0,
            };
            let at = closed_at.unwrap_or_default();
            open_before
                + count(
                    &cond,
                    args,
                    "r.closed_at > ? OR (r.closed_at = ? AND r.id > ?)",
                    vec![Value::Text(at.clone()), Value::Text(at), Value::Int(id)],
                )?
        }))
    }

    /// How many requests the filter selects.
    pub fn count(&self, filter: &QueueFilter, today: NaiveDate) -> Result<u64> {
        let mut total = 0;
        for closed in [false, true] {
            if let Some((cond, args)) = conditions(self.conn.engine(), filter, today, closed) {
                let sql = format!("SELECT count(*) FROM requests r WHERE {cond}");
                total += self
                    .queue_statement(&sql, filter)?
                    .query_row(args, |r| r.get::<_, i64>(0))? as u64;
            }
        }
        Ok(total)
    }

    /// One page of the queue: open requests by deadline, then closed ones, newest first.
    pub fn page(
        &self,
        filter: &QueueFilter,
        today: NaiveDate,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<QueueRow>> {
        let mut rows = Vec::new();
        let mut skip = offset;
        for closed in [false, true] {
            let Some((cond, mut args)) = conditions(self.conn.engine(), filter, today, closed)
            else {
                continue;
            };
            let want = limit.saturating_sub(rows.len() as u64);
            if want == 0 {
                break;
            }
            let order = if closed { CLOSED_ORDER } else { OPEN_ORDER };
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM requests r WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?"
            );
            args.push(Value::Int(want as i64));
            args.push(Value::Int(skip as i64));
            let mut stmt = self.queue_statement(&sql, filter)?;
            let found = stmt
                .query_map(args.clone(), row_to_queue_row)?
                .collect::<std::result::Result<Vec<_>, _>>()?;
            // A page past the open half skips it whole: only then is the open half counted.
            if found.is_empty() && skip > 0 && !closed {
                let half = match conditions(self.conn.engine(), filter, today, false) {
                    Some((c, a)) => {
                        self.queue_statement(
                            &format!("SELECT count(*) FROM requests r WHERE {c}"),
                            filter,
                        )?
                        .query_row(a, |r| r.get::<_, i64>(0))? as u64
                    }
                    None => 0,
                };
                skip = skip.saturating_sub(half);
                continue;
            }
            skip = 0;
            rows.extend(found);
        }
        self.add_outcomes(&mut rows)?;
        Ok(rows)
    }

    /// Fills in the outcome of the closed rows, from their decisions.
    pub(super) fn add_outcomes(&self, rows: &mut [QueueRow]) -> Result<()> {
        for row in rows.iter_mut().filter(|r| r.status == Status::Closed) {
            let decisions = self.decisions_of(row.id)?;
            row.outcome = derive_outcome(&row.rights, &decisions);
            let (received, due, status, closed_at) =
                (row.received_date, row.due, row.status, row.closed_at);
            // A closed request's standing no longer depends on the day it is looked at: any
            // day will do, so the day it closed (or, not knowing it, its deadline).
            let day = closed_at
                .map(crate::domain::deadline::oslo_date)
                .unwrap_or(due);
            row.standing = Some(Facts::new(received, due, &decisions, status, closed_at).on(day));
        }
        Ok(())
    }

    fn decisions_of(&self, request_id: i64) -> Result<Vec<Decision>> {
        super::requests::decisions_for(&self.conn, request_id)
    }

    /// The header numbers, each an indexed count.
    pub fn counts(&self, today: NaiveDate) -> Result<QueueCounts> {
        let t = today.to_string();
        let w = week_end(today).to_string();
        let q = |sql: &str, args: &[&String]| -> Result<u64> {
            let args: Vec<Value> = args.iter().map(|a| Value::Text(a.to_string())).collect();
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(args, |r| r.get::<_, i64>(0))? as u64)
        };
        let open = "FROM requests WHERE is_open = 1";
        Ok(QueueCounts {
            open: q(&format!("SELECT count(*) {open}"), &[])?,
            overdue: q(&format!("SELECT count(*) {open} AND due_date < ?1"), &[&t])?,
            due_today: q(&format!("SELECT count(*) {open} AND due_date = ?1"), &[&t])?,
            due_this_week: q(
                &format!("SELECT count(*) {open} AND due_date BETWEEN ?1 AND ?2"),
                &[&t, &w],
            )?,
            awaiting_identity: q(
                &format!("SELECT count(*) {open} AND status = 'awaiting-identity'"),
                &[],
            )?,
            needs_triage: q(&format!("SELECT count(*) {open} AND rights_mask = 0"), &[])?,
            unread: q(&format!("SELECT count(*) {open} AND unread = 1"), &[])?,
            mine: 0,
        })
    }
}

pub(super) fn row_to_queue_row(r: &super::sql::Row<'_>) -> super::sql::Result<QueueRow> {
    let received: String = r.get(2)?;
    Ok(QueueRow {
        id: r.get(0)?,
        reference: r.get(1)?,
        received: DateTime::parse_from_rfc3339(&received)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default(),
        received_date: r.get::<_, String>(3)?.parse().unwrap_or_default(),
        name: r.get(4)?,
        email: r.get(5)?,
        phone: r.get(6)?,
        rights: rights_from(&r.get::<_, String>(7)?),
        status: Status::parse(&r.get::<_, String>(8)?).unwrap_or(Status::Open),
        due: r.get::<_, String>(9)?.parse().unwrap_or_default(),
        extended: r.get::<_, Option<String>>(10)?.is_some(),
        identity: IdentityStatus::parse(&r.get::<_, String>(11)?)
            .unwrap_or(IdentityStatus::NotRequired),
        assignee: r.get(12)?,
        channel: Channel::parse(&r.get::<_, String>(15)?).unwrap_or(Channel::Email),
        outcome: None,
        standing: None,
        closed_at: r
            .get::<_, Option<String>>(16)?
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|d| d.with_timezone(&Utc)),
        version: r.get(13)?,
        unread: r.get(14)?,
    })
}
