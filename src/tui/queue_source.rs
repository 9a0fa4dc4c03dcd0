//! Where the desk's queue and statistics come from: the in-memory index and cached figures
//! while they are in step with the register, else the database. The first frame comes from
//! the database; a worker with its own connection loads the index and the statistics
//! beside the loop, and again after every change (the desk's own or another officer's),
//! while the database answers meanwhile. Nothing waits for the worker.
//!
//! Typing bursts: while the loop drains a burst of keys (a paste, fast typing), a search
//! key only marks the queue stale; the loop reloads it once at the end of the burst.

use std::sync::mpsc::Sender;

use chrono::NaiveDate;

use super::app::App;
use super::jobs::DeskEvent;
use crate::store::{
    ChangeMark, QueueCounts, QueueFilter, QueueIndex, QueueRow, Stats, Store, StoreError,
};

/// What a worker loaded, at the register's state `mark` (taken before it started).
pub struct Loaded {
    mark: ChangeMark,
    index: QueueIndex,
    stats: Stats,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("mark", &self.mark)
            .field("requests", &self.index.len())
            .finish_non_exhaustive()
    }
}

/// The index and statistics with the register state they hold, and the burst state.
#[derive(Default)]
pub struct QueueSource {
    index: Option<(ChangeMark, QueueIndex)>,
    stats: Option<(ChangeMark, Stats)>,
    /// The state a worker is loading now.
    loading: Option<ChangeMark>,
    /// A burst of keys is being handled: search keys defer the reload.
    burst: bool,
    /// A search key changed the filter during the burst.
    stale: bool,
}

impl QueueSource {
    /// Forgets the index when the register changed since it was loaded.
    fn check(&mut self, store: &Store) -> Option<ChangeMark> {
        let mark = store.change_mark().ok();
        if self.index.as_ref().map(|(m, _)| *m) != mark {
            self.index = None;
        }
        mark
    }

    fn fresh_index(&mut self) -> Option<&mut QueueIndex> {
        self.index.as_mut().map(|(_, index)| index)
    }

    pub fn counts(&mut self, store: &Store, today: NaiveDate) -> Result<QueueCounts, StoreError> {
        match self.fresh_index() {
            Some(index) => Ok(index.counts(today)),
            None => store.counts(today),
        }
    }

    pub fn count(
        &mut self,
        store: &Store,
        filter: &QueueFilter,
        today: NaiveDate,
    ) -> Result<u64, StoreError> {
        match self.fresh_index() {
            Some(index) => Ok(index.count(filter, today)),
            None => store.count(filter, today),
        }
    }

    pub fn page(
        &mut self,
        store: &Store,
        filter: &QueueFilter,
        today: NaiveDate,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<QueueRow>, StoreError> {
        match self.fresh_index() {
            Some(index) => store.queue_rows(&index.page_ids(filter, today, offset, limit)),
            None => store.page(filter, today, offset, limit),
        }
    }

    pub fn position(
        &mut self,
        store: &Store,
        filter: &QueueFilter,
        today: NaiveDate,
        reference: &str,
    ) -> Result<Option<u64>, StoreError> {
        match self.fresh_index() {
            Some(index) => Ok(match store.request_id(reference)? {
                Some(id) => index.position_of(filter, today, id),
                None => None,
            }),
            None => store.position(filter, today, reference),
        }
    }

    /// The statistics: computed again only when the register changed.
    pub fn stats(&mut self, store: &Store) -> Result<Stats, StoreError> {
        let mark = store.change_mark()?;
        if let Some((m, stats)) = &self.stats
            && *m == mark
        {
            return Ok(stats.clone());
        }
        let stats = store.stats()?;
        self.stats = Some((mark, stats.clone()));
        Ok(stats)
    }

    /// Starts a worker loading the register as it is now, unless one is at it or the index
    /// is in step.
    fn start(&mut self, store: &Store, jobs: &Sender<DeskEvent>) {
        let Some(mark) = self.check(store) else {
            return;
        };
        if self.index.is_some() || self.loading == Some(mark) {
            return;
        }
        self.loading = Some(mark);
        let path = store.path().to_path_buf();
        let jobs = jobs.clone();
        std::thread::spawn(move || {
            let load = || -> Result<Loaded, StoreError> {
                let store = Store::open(&path)?;
                let index = QueueIndex::load(&store)?;
                let stats = store.stats()?;
                Ok(Loaded { mark, index, stats })
            };
            // On failure the database keeps answering; nothing to report.
            if let Ok(loaded) = load() {
                let _ = jobs.send(DeskEvent::Loaded(Box::new(loaded)));
            }
        });
    }
}

impl App {
    /// Checks the in-memory queue against the register before a reload, and has a worker
    /// load it again when it is out of step (only in the running desk, which has workers).
    pub fn keep_queue_in_step(&mut self) {
        match &self.jobs {
            Some(jobs) => self.source.start(&self.store, jobs),
            None => {
                self.source.check(&self.store);
            }
        }
    }

    /// Whether the queue is answered from memory now (else from the database).
    pub fn queue_in_memory(&self) -> bool {
        self.source.index.is_some()
    }

    /// A worker's load arrived: used when the register did not change since it started,
    /// else loaded again. Nothing on screen changes (the figures are the same).
    pub fn queue_loaded(&mut self, loaded: Loaded) {
        let source = &mut self.source;
        if source.loading == Some(loaded.mark) {
            source.loading = None;
        }
        if self.store.change_mark().ok() == Some(loaded.mark) {
            source.index = Some((loaded.mark, loaded.index));
            source.stats = Some((loaded.mark, loaded.stats));
        } else {
            self.keep_queue_in_step();
        }
    }

    /// The loop starts handling a burst of events.
    pub fn begin_burst(&mut self) {
        self.source.burst = true;
    }

    /// The burst is over: the queue is reloaded once if a search key changed it.
    pub fn end_burst(&mut self) {
        self.source.burst = false;
        self.flush_search();
    }

    /// Reloads the queue a deferred search key left stale.
    pub(crate) fn flush_search(&mut self) {
        if std::mem::take(&mut self.source.stale)
            && let Err(e) = self.reload()
        {
            self.flash = Some((false, e.to_string()));
        }
    }

    /// After a search key: reload now, or at the end of the burst.
    pub(crate) fn reload_after_search(&mut self) -> Result<(), StoreError> {
        if self.source.burst {
            self.source.stale = true;
            Ok(())
        } else {
            self.reload()
        }
    }
}
