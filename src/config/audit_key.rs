//! The audit key file: 32 random bytes in hex, owner-only, in the config folder (or where
//! `DSR_DESK_AUDIT_KEY` says). It is kept apart from the database on purpose: whoever holds
//! only the database cannot forge or re-chain the audit trail.

use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Paths;
use crate::store::AuditKey;

/// The environment variable that names another key file (tests, a key on removable media).
pub const AUDIT_KEY_ENV: &str = "DSR_DESK_AUDIT_KEY";

/// The key file's name in the config folder.
const KEY_FILE: &str = "audit.key";

impl Paths {
    /// Where the audit key is: `DSR_DESK_AUDIT_KEY`, else `audit.key` beside the config file.
    pub fn audit_key_file(&self) -> PathBuf {
        match std::env::var_os(AUDIT_KEY_ENV).filter(|p| !p.is_empty()) {
            Some(path) => PathBuf::from(path),
            None => self
                .config_file
                .parent()
                .unwrap_or(Path::new("."))
                .join(KEY_FILE),
        }
    }
}

/// The audit key and where it is kept.
#[derive(Debug, Clone)]
pub struct AuditKeyFile {
    pub key: AuditKey,
    pub path: PathBuf,
    /// Whether this call made the key (false: it was there already).
    pub created: bool,
}

/// Makes the audit key if there is none yet (owner-only, 0600), else reads the one there is:
/// safe to call on every `init` and demo build. Registers written from then on are keyed.
///
/// `init` calls it before it opens the new register, then hands the key to the store so the
/// register's first event is keyed: `Store::set_process_audit_key(made.key)` (or
/// `store.set_audit_key`), and tells the officer `made.path` when `made.created`, to copy it
/// to every desk that writes the register and somewhere safe.
pub fn create_audit_key(paths: &Paths) -> anyhow::Result<AuditKeyFile> {
    let path = paths.audit_key_file();
    if let Some(key) = load_audit_key_at(&path)? {
        return Ok(AuditKeyFile {
            key,
            path,
            created: false,
        });
    }
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    let mut bytes = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("cannot read random bytes for the audit key")?;
    let key = AuditKey::from_bytes(bytes);
    // Written whole under a name of its own, then linked into place: a link never replaces
    // a file, so a second process either sees no key or a whole one, never a half-written.
    let temp = path.with_file_name(format!(
        ".{}.{}-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("audit.key"),
        std::process::id(),
        &key.to_hex()[..8]
    ));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temp)
        .and_then(|mut f| {
            f.write_all(format!("{}\n", key.to_hex()).as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| fs::hard_link(&temp, &path));
    let _ = fs::remove_file(&temp);
    match written {
        Ok(()) => Ok(AuditKeyFile {
            key,
            path,
            created: true,
        }),
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let key = load_audit_key_at(&path)?
                .with_context(|| format!("the audit key {} vanished", path.display()))?;
            Ok(AuditKeyFile {
                key,
                path,
                created: false,
            })
        }
        Err(e) => Err(e).with_context(|| format!("cannot write the audit key {}", path.display())),
    }
}

/// The audit key, if there is one. A key that others may read, or a file that is not a key,
/// is an error: a key anyone can read keys nothing.
pub fn load_audit_key(paths: &Paths) -> anyhow::Result<Option<AuditKey>> {
    load_audit_key_at(&paths.audit_key_file())
}

fn load_audit_key_at(path: &Path) -> anyhow::Result<Option<AuditKey>> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read the audit key {}", path.display()));
        }
    };
    let mode = fs::metadata(path)
        .map(|m| m.permissions().mode())
        .with_context(|| format!("cannot read the audit key {}", path.display()))?;
    if mode & 0o077 != 0 {
        bail!(
            "the audit key {} can be read by others; make it owner-only (chmod 600 {})",
            path.display(),
            path.display()
        );
    }
    match AuditKey::parse(&text) {
        Some(key) => Ok(Some(key)),
        None => bail!(
            "{} is not an audit key (64 hex digits); restore it from your copy",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths_in(dir: &Path) -> Paths {
        Paths {
            data_dir: dir.join("data"),
            config_file: dir.join("config").join("config.toml"),
        }
    }

    #[test]
    fn the_key_is_made_once_owner_only_and_read_back() {
        if std::env::var_os(AUDIT_KEY_ENV).is_some() {
            return; // the environment points elsewhere
        }
        let dir = tempfile::tempdir().expect("dir");
        let paths = paths_in(dir.path());
        assert!(load_audit_key(&paths).expect("none yet").is_none());
        let made = create_audit_key(&paths).expect("create");
        assert!(made.created);
        assert_eq!(made.path, dir.path().join("config").join("audit.key"));
        let mode = fs::metadata(&made.path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let again = create_audit_key(&paths).expect("again");
        assert!(!again.created);
        assert_eq!(again.key, made.key);
        assert_eq!(load_audit_key(&paths).expect("load"), Some(made.key));

        fs::set_permissions(&made.path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = load_audit_key(&paths).expect_err("readable by others");
        assert!(err.to_string().contains("chmod 600"), "{err}");
        fs::set_permissions(&made.path, fs::Permissions::from_mode(0o600)).expect("chmod");
        fs::write(&made.path, "not a key").expect("write");
        let err = load_audit_key(&paths).expect_err("broken");
        assert!(err.to_string().contains("not an audit key"), "{err}");
    }
}
