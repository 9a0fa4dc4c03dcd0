//! The queue in memory: every request's place in the queue's order, what the views and the
//! right filter look at, and its searchable text as the trigram index holds it (folded once,
//! by the store, when the request was written). At 100,000 requests this is a few MB, and
//! a view switch or a search key is a scan of memory instead of a query.
//!
//! The index answers the same four questions as the SQL path in `queue.rs` (count, page,
//! position, header counts) with the same order and the same view predicates; a test holds
//! the two to the same answers for every view. A page's rows still come from the database,
//! by id, so what the table shows is always what is stored.

use super::sql::OptionalExtension;
use chrono::{Datelike, NaiveDate};
use memchr::memmem;

use super::queue::{
    CLOSED_ORDER, OPEN_ORDER, QueueCounts, QueueFilter, QueueRow, ROW_COLUMNS, View,
    row_to_queue_row, week_end,
};
use super::requests::rights_mask;
use super::{Result, Store};

/// What changes when anything is committed: the data version (other connections) and this
/// connection's own changes. Equal marks mean the register did not change in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeMark {
    pub data_version: i64,
    pub own_changes: u64,
}

const AWAITING_IDENTITY: u8 = 1;
const EXTENDED: u8 = 2;
const UNREAD: u8 = 4;

/// One request, compactly: 24 bytes plus its text.
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: i64,
    /// Days from the common era of the deadline in force.
    due: i32,
    /// Where the folded text starts in [`QueueIndex::text`].
    start: u32,
    rights: u16,
    /// Who the request is assigned to: an index into [`QueueIndex::assignees`], 0 for nobody.
    assignee: u16,
    flags: u8,
}

/// The queue in memory; see the module's documentation.
pub struct QueueIndex {
    /// Open requests first, by deadline and id; then closed ones, newest first.
    entries: Vec<Entry>,
    /// How many of `entries` are open.
    open: usize,
    /// Every entry's folded text, each ended by a NUL (which no search contains).
    text: Vec<u8>,
    /// The names requests are assigned to, each once; the first is nobody's.
    assignees: Vec<String>,
    /// The last selection, so that paging and moving in one filter scan nothing.
    last: Option<(QueueFilter, NaiveDate, Vec<u32>)>,
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

impl QueueIndex {
    /// Reads every request once, in the queue's order.
    pub fn load(store: &Store) -> Result<QueueIndex> {
        let mut index = QueueIndex {
            entries: Vec::new(),
            open: 0,
            text: Vec::new(),
            assignees: vec![String::new()],
            last: None,
        };
        for (open, order) in [(1, OPEN_ORDER), (0, CLOSED_ORDER)] {
            let sql = format!(
                "SELECT r.id, r.due_date, r.status = 'awaiting-identity',
                        r.extension_notified IS NOT NULL, r.rights_mask, r.unread,
                        (SELECT s.folded FROM request_search s WHERE s.{search_id} = r.id),
                        r.assignee
                 FROM requests r WHERE r.is_open = {open} ORDER BY {order}",
                search_id = store.conn.pick("rowid", "id"),
            );
            let mut stmt = store.conn.prepare(&sql)?;
            stmt.each((), |r| {
                let due: NaiveDate = r.get::<_, String>(1)?.parse().unwrap_or_default();
                let flags = (r.get::<_, bool>(2)? as u8 * AWAITING_IDENTITY)
                    | (r.get::<_, bool>(3)? as u8 * EXTENDED)
                    | (r.get::<_, bool>(5)? as u8 * UNREAD);
                let assignee = index.assignee_number(r.get::<_, Option<String>>(7)?);
                index.entries.push(Entry {
                    id: r.get(0)?,
                    due: day(due),
                    start: index.text.len() as u32,
                    rights: r.get::<_, i64>(4)? as u16,
                    assignee,
                    flags,
                });
                if let Some(text) = r.get::<_, Option<String>>(6)? {
                    index.text.extend_from_slice(text.as_bytes());
                }
                index.text.push(0);
                Ok(true)
            })?;
            if open == 1 {
                index.open = index.entries.len();
            }
        }
        index.entries.shrink_to_fit();
        index.text.shrink_to_fit();
        Ok(index)
    }

    /// The number standing for `name` in [`QueueIndex::assignees`], added if new (a register
    /// with more than 65,535 assignees shares the last number, which no filter matches).
    fn assignee_number(&mut self, name: Option<String>) -> u16 {
        let Some(name) = name.filter(|n| !n.is_empty()) else {
            return 0;
        };
        if let Some(at) = self.assignees.iter().position(|a| *a == name) {
            return at as u16;
        }
        if self.assignees.len() > usize::from(u16::MAX - 1) {
            return u16::MAX;
        }
        self.assignees.push(name);
        (self.assignees.len() - 1) as u16
    }

    /// How many requests the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The header numbers, as [`Store::counts`] has them.
    pub fn counts(&self, today: NaiveDate) -> QueueCounts {
        let (t, w) = (day(today), day(week_end(today)));
        let mut c = QueueCounts::default();
        for e in &self.entries[..self.open] {
            c.open += 1;
            c.overdue += (e.due < t) as u64;
            c.due_today += (e.due == t) as u64;
            c.due_this_week += (e.due >= t && e.due <= w) as u64;
            c.awaiting_identity += (e.flags & AWAITING_IDENTITY != 0) as u64;
            c.needs_triage += (e.rights == 0) as u64;
            c.unread += (e.flags & UNREAD != 0) as u64;
        }
        c
    }

    /// How many requests the filter selects, as [`Store::count`] has it.
    pub fn count(&mut self, filter: &QueueFilter, today: NaiveDate) -> u64 {
        self.select(filter, today);
        self.selection().len() as u64
    }

    /// The ids of one page, in the queue's order.
    pub fn page_ids(
        &mut self,
        filter: &QueueFilter,
        today: NaiveDate,
        offset: u64,
        limit: u64,
    ) -> Vec<i64> {
        self.select(filter, today);
        let entries = &self.entries;
        self.selection()
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .map(|i| entries[*i as usize].id)
            .collect()
    }

    /// Where the request with `id` stands in the filter's selection.
    pub fn position_of(&mut self, filter: &QueueFilter, today: NaiveDate, id: i64) -> Option<u64> {
        self.select(filter, today);
        let entries = &self.entries;
        self.selection()
            .iter()
            .position(|i| entries[*i as usize].id == id)
            .map(|at| at as u64)
    }

    /// Works out the entries the filter selects, unless the last answer was for it.
    fn select(&mut self, filter: &QueueFilter, today: NaiveDate) {
        let fresh = !matches!(&self.last, Some((f, d, _)) if f == filter && *d == today);
        if fresh {
            let found = self.scan(filter, today);
            self.last = Some((filter.clone(), today, found));
        }
    }

    /// The last selection, in the queue's order.
    fn selection(&self) -> &[u32] {
        self.last
            .as_ref()
            .map(|(_, _, v)| v.as_slice())
            .unwrap_or(&[])
    }

    fn scan(&self, filter: &QueueFilter, today: NaiveDate) -> Vec<u32> {
        let (t, w) = (day(today), day(week_end(today)));
        let right = filter.right.map(|r| rights_mask(&[r]) as u16);
        let view = filter.view;
        // Nobody's number when the officer has no requests (or no name): "mine" keeps none.
        let mine = self
            .assignees
            .iter()
            .skip(1)
            .position(|a| !filter.officer.is_empty() && *a == filter.officer)
            .map(|at| at as u16 + 1);
        // The view predicates of `queue::conditions`, one for one.
        let keep = |e: &Entry| {
            let by_view = match view {
                View::Overdue => e.due < t,
                View::DueThisWeek => e.due >= t && e.due <= w,
                View::AwaitingIdentity => e.flags & AWAITING_IDENTITY != 0,
                View::Extended => e.flags & EXTENDED != 0,
                View::NeedsTriage => e.rights == 0,
                View::Mine => Some(e.assignee) == mine,
                _ => true,
            };
            by_view && right.is_none_or(|m| e.rights & m != 0)
        };
        let mut ranges = Vec::new();
        if view != View::Closed {
            ranges.push(0..self.open);
        }
        if matches!(view, View::Closed | View::All) {
            ranges.push(self.open..self.entries.len());
        }
        let search = filter.active_search();
        let mut found = Vec::new();
        for range in ranges {
            match &search {
                None => found.extend(range.filter(|i| keep(&self.entries[*i])).map(|i| i as u32)),
                Some(q) => self.search(range, q.as_bytes(), &keep, &mut found),
            }
        }
        found
    }

    /// The entries in `range` whose text contains `needle` and that `keep` keeps: one pass
    /// of a substring search over their texts, skipping to the next entry after a hit.
    fn search(
        &self,
        range: std::ops::Range<usize>,
        needle: &[u8],
        keep: &impl Fn(&Entry) -> bool,
        found: &mut Vec<u32>,
    ) {
        if range.is_empty() {
            return;
        }
        let finder = memmem::Finder::new(needle);
        let end = self.text_start(range.end);
        let mut at = self.text_start(range.start);
        while let Some(hit) = finder.find(&self.text[at..end]) {
            let offset = at + hit;
            let i = self.entries.partition_point(|e| e.start as usize <= offset) - 1;
            if keep(&self.entries[i]) {
                found.push(i as u32);
            }
            at = self.text_start(i + 1);
            if at >= end {
                break;
            }
        }
    }

    fn text_start(&self, i: usize) -> usize {
        self.entries
            .get(i)
            .map(|e| e.start as usize)
            .unwrap_or(self.text.len())
    }
}

impl Store {
    /// The queue rows with these ids, in the order given (missing ids left out).
    pub fn queue_rows(&self, ids: &[i64]) -> Result<Vec<QueueRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let json = serde_json::to_string(ids).unwrap_or_default();
        let mut rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM requests r
                 WHERE r.id IN ({})",
                self.conn.pick(
                    "SELECT value FROM json_each(?1)",
                    "SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST(?1 AS jsonb))"
                )
            ))?
            .query_map([json], row_to_queue_row)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
        self.add_outcomes(&mut rows)?;
        Ok(rows)
    }

    /// The id of the request with `reference`.
    pub fn request_id(&self, reference: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM requests WHERE reference = ?1")?
            .query_row([reference.trim().to_ascii_uppercase()], |r| r.get(0))
            .optional()?)
    }
}

#[cfg(test)]
#[path = "queue_index_tests.rs"]
mod tests;
