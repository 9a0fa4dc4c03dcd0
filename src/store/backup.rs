//! An online backup of the register: SQLite's backup API copies a consistent snapshot while
//! other officers keep working; the copy is checked before it takes its name.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::identity::suffixed;
use super::{Result, Store, StoreError};

/// What a backup wrote and found when it checked the copy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// Events in the copy's audit trail, and its newest hash.
    pub events: u64,
    pub head: String,
}

impl Store {
    /// Copies the register to `target` (never over an existing file): into an owner-only
    /// temporary file in the same folder, then `PRAGMA integrity_check` and the audit chain
    /// checked on the copy, then renamed into place. On any failure nothing is left at
    /// `target` and the temporary file is removed.
    pub fn backup_to(&self, target: &Path) -> Result<BackupReport> {
        let io = |p: &Path, e: std::io::Error| StoreError::Io {
            path: p.display().to_string(),
            detail: e.to_string(),
        };
        if fs::symlink_metadata(target).is_ok() {
            return Err(StoreError::Exists {
                path: target.display().to_string(),
            });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                StoreError::Invalid(format!("{} is not a file name", target.display()))
            })?;
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|e| io(&tmp, e))?;
        let result = self.copy_and_check(&tmp).and_then(|(events, head)| {
            fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| io(&tmp, e))?;
            // A hard link fails if the name was taken meanwhile: no window in which a file
            // someone else made there could be replaced.
            match fs::hard_link(&tmp, target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(StoreError::Exists {
                        path: target.display().to_string(),
                    });
                }
                Err(_) if fs::symlink_metadata(target).is_err() => {
                    fs::rename(&tmp, target).map_err(|e| io(target, e))?
                }
                Err(e) => return Err(io(target, e)),
            }
            if let Ok(d) = fs::File::open(&dir) {
                let _ = d.sync_all();
            }
            let bytes = fs::metadata(target).map_err(|e| io(target, e))?.len();
            Ok(BackupReport {
                path: target.to_path_buf(),
                bytes,
                events,
                head,
            })
        });
        for suffix in ["", "-wal", "-shm"] {
            let _ = fs::remove_file(suffixed(&tmp, suffix));
        }
        result
    }

    /// Copies the register into `tmp` in one step (one read snapshot), then checks the copy.
    fn copy_and_check(&self, tmp: &Path) -> Result<(u64, String)> {
        {
            let mut copy = Connection::open(tmp)?;
            let Some(conn) = self.conn.as_sqlite() else {
                return Err(StoreError::Invalid(
                    "a register on PostgreSQL is backed up with pg_dump (README, \"PostgreSQL\")"
                        .into(),
                ));
            };
            Backup::new(conn, &mut copy)?.step(-1)?;
            let integrity: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if integrity != "ok" {
                return Err(StoreError::Corrupt {
                    path: tmp.display().to_string(),
                    detail: format!("the copy fails the integrity check: {integrity}"),
                });
            }
        }
        let copy = Store::open(tmp)?;
        let chain = copy.verify_chain()?;
        if let Some((id, why)) = chain.first_broken {
            return Err(StoreError::Invalid(format!(
                "the copy's audit trail is broken at event {id} ({why}); no backup was kept: run `dsr-desk audit verify`"
            )));
        }
        Ok((chain.events, chain.head))
    }
}
