//! Many writes at once: the demo's one-transaction load, and long writers (imports) that
//! commit in short batches so other writers wait a moment at most, never the whole run.

use std::time::{Duration, Instant};

use super::{Result, Store, classify, migrations, writer};

/// How long a batch of a long write may hold the write lock before it commits.
pub const BATCH_TIME: Duration = Duration::from_millis(400);

/// A pause between batches: a waiting writer polls every few milliseconds, so this lets
/// it in before the next batch takes the lock again.
const BETWEEN_BATCHES: Duration = Duration::from_millis(10);

impl Store {
    /// Runs many writes (demo data) as one transaction: each write inside becomes a
    /// savepoint of it, the disk is synced once, and an error from `load` undoes them all.
    pub fn batch<T>(&mut self, load: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.check_writable()?;
        let indexed_up_to = self.begin_batch()?;
        let result = load(self);
        match result {
            Ok(value) => {
                self.commit_batch(indexed_up_to)?;
                Ok(value)
            }
            Err(e) => {
                self.rollback_batch();
                Err(e)
            }
        }
    }

    /// Starts a long write in batches, saying who writes (e.g. "an import") to any writer
    /// that waits for the lock in vain meanwhile.
    pub fn bulk(&mut self, what: &str) -> Result<Bulk<'_>> {
        self.check_writable()?;
        let announced = writer::announce(&self.conn, what).map_err(|e| classify(&self.path, e))?;
        Ok(Bulk {
            store: self,
            announced,
            batch: None,
        })
    }

    /// BEGIN IMMEDIATE with the search index deferred; returns how far it is filled.
    fn begin_batch(&mut self) -> Result<i64> {
        // A larger page cache keeps the load's dirty pages in memory instead of spilling
        // them to the log page by page.
        self.conn.set_cache_kib(131_072)?;
        self.conn
            .open_transaction(true)
            .map_err(|e| classify(&self.path, e))?;
        let indexed_up_to = self
            .conn
            .query_row(
                self.conn.pick(
                    "SELECT coalesce(max(rowid), 0) FROM request_search",
                    "SELECT coalesce(max(id), 0) FROM request_search",
                ),
                (),
                |r| r.get(0),
            )
            .inspect_err(|_| self.rollback_batch())?;
        self.defer_search_index = true;
        Ok(indexed_up_to)
    }

    /// Indexes what the batch added, then commits; rolls back when either fails.
    fn commit_batch(&mut self, indexed_up_to: i64) -> Result<()> {
        let done = migrations::index_requests_after(&self.conn, indexed_up_to)
            .and_then(|()| self.conn.close_transaction(true));
        self.defer_search_index = false;
        let _ = self.conn.set_cache_kib(8192);
        done.map_err(|e| {
            self.rollback_batch();
            classify(&self.path, e)
        })
    }

    fn rollback_batch(&mut self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.close_transaction(false);
        }
        self.defer_search_index = false;
        let _ = self.conn.set_cache_kib(8192);
    }
}

/// A long write in progress, committed batch by batch; dropped, it rolls back the open batch
/// and stops naming itself as the writer.
pub struct Bulk<'s> {
    store: &'s mut Store,
    /// The holder row as written, to remove exactly it.
    announced: String,
    /// The open batch: when it began, and how far the search index was filled then.
    batch: Option<(Instant, i64)>,
}

impl Bulk<'_> {
    /// The store, inside the open batch (begun now when none is open): its writes become
    /// savepoints of the batch.
    pub fn store(&mut self) -> Result<&mut Store> {
        if self.batch.is_none() {
            let indexed_up_to = self.store.begin_batch()?;
            self.batch = Some((Instant::now(), indexed_up_to));
        }
        Ok(self.store)
    }

    /// Whether the open batch has held the lock long enough to commit.
    pub fn is_due(&self) -> bool {
        self.batch
            .is_some_and(|(began, _)| began.elapsed() >= BATCH_TIME)
    }

    /// Commits the open batch (if any) and pauses so that waiting writers get in; returns
    /// how long the batch held the lock.
    pub fn commit(&mut self) -> Result<Duration> {
        let Some((began, indexed_up_to)) = self.batch.take() else {
            return Ok(Duration::ZERO);
        };
        self.store.commit_batch(indexed_up_to)?;
        let held = began.elapsed();
        std::thread::sleep(BETWEEN_BATCHES);
        Ok(held)
    }

    /// Commits the last batch, with the holder row removed in the same transaction so the
    /// register never names a writer that has finished; returns how long it held the lock.
    pub fn finish(mut self) -> Result<Duration> {
        self.store()?;
        writer::withdraw(&self.store.conn, &self.announced)?;
        let Some((began, indexed_up_to)) = self.batch.take() else {
            return Ok(Duration::ZERO);
        };
        self.store.commit_batch(indexed_up_to)?;
        self.announced.clear();
        Ok(began.elapsed())
    }
}

impl Drop for Bulk<'_> {
    fn drop(&mut self) {
        if self.batch.take().is_some() {
            self.store.rollback_batch();
        }
        if !self.announced.is_empty() {
            let _ = writer::withdraw(&self.store.conn, &self.announced);
        }
    }
}
