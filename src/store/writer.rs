//! Who is writing for long: a row in `meta` that a long writer (an import) commits when it
//! starts and removes when it ends, so that a writer that waited for the lock in vain is told
//! who holds it. A holder whose process is gone (it crashed, or was killed) is not named.

use super::sql::{Db, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The `meta` key of the row.
const KEY: &str = "long_writer";

/// What the row says: what is writing, and which process, by id and start time (a process
/// id alone may have been reused by an unrelated process since).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Holder {
    what: String,
    pid: u32,
    started: Option<u64>,
}

/// Commits the row naming this process as `what` (e.g. "an import"); returns the exact
/// value written, which [`withdraw`] needs so it never removes another writer's row.
pub(crate) fn announce(conn: &Db, what: &str) -> super::sql::Result<String> {
    let pid = std::process::id();
    let holder = Holder {
        what: what.to_string(),
        pid,
        started: process_start(pid),
    };
    let value = serde_json::to_string(&holder).unwrap_or_default();
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([KEY, value.as_str()])?;
    Ok(value)
}

/// Removes the row written by [`announce`] (when it is still ours).
pub(crate) fn withdraw(conn: &Db, value: &str) -> super::sql::Result<()> {
    conn.prepare_cached("DELETE FROM meta WHERE key = ?1 AND value = ?2")?
        .execute([KEY, value])?;
    Ok(())
}

/// What holds the register now, when a live process said so ("an import").
pub(crate) fn current(conn: &Db) -> Option<String> {
    let value: String = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")
        .ok()?
        .query_row([KEY], |r| r.get(0))
        .optional()
        .ok()??;
    let holder: Holder = serde_json::from_str(&value).ok()?;
    is_running(&holder).then_some(holder.what)
}

/// Whether the holder's process still runs: the same id and the same start time. Where the
/// start time cannot be read, nobody is named: better no name than a wrong one.
fn is_running(holder: &Holder) -> bool {
    holder.started.is_some() && process_start(holder.pid) == holder.started
}

/// When process `pid` started (clock ticks after boot), from `/proc`; `None` when it is not
/// running or this system has no `/proc`.
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    let (_, rest) = stat.rsplit_once(')')?;
    // Field 3 (state) comes first; the start time is field 22.
    rest.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Db {
        let conn = Db::sqlite(rusqlite::Connection::open_in_memory().expect("open"));
        conn.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            .expect("meta");
        conn
    }

    #[test]
    fn a_live_holder_is_named_and_withdrawn() {
        let conn = meta();
        assert_eq!(current(&conn), None);
        let value = announce(&conn, "an import").expect("announce");
        assert_eq!(current(&conn).as_deref(), Some("an import"));
        withdraw(&conn, "someone else's").expect("withdraw");
        assert_eq!(current(&conn).as_deref(), Some("an import"), "not ours");
        withdraw(&conn, &value).expect("withdraw");
        assert_eq!(current(&conn), None);
    }

    #[test]
    fn a_holder_whose_process_is_gone_is_not_named() {
        let conn = meta();
        // A process that ran and ended: its id is free (or reused, with another start time).
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let pid = child.id();
        child.wait().expect("wait");
        for started in [Some(1), process_start(std::process::id()).map(|s| s + 1)] {
            let stale = Holder {
                what: "an import".into(),
                pid,
                started,
            };
            let value = serde_json::to_string(&stale).expect("json");
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                [KEY, value.as_str()],
            )
            .expect("insert");
            assert_eq!(current(&conn), None, "{stale:?}");
        }
        // This process, but with another start time: a reused id.
        let reused = Holder {
            what: "an import".into(),
            pid: std::process::id(),
            started: process_start(std::process::id()).map(|s| s + 1),
        };
        assert!(!is_running(&reused));
    }
}
