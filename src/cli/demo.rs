//! Building a demo register and its demo customer database.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};

use crate::config::Paths;
use crate::store::{RegisterKind, Store};

/// Builds a fresh demo register at `path`, with `customers` demo customers beside it. An
/// existing file is replaced only with `force`, and only when it is a demo register. The
/// demo is keyed: the audit key is made in `paths`' config folder if there is none yet
/// (`init` makes it the same way).
pub fn build_demo(
    paths: &Paths,
    path: &std::path::Path,
    requests: u64,
    customers: u64,
    force: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    let key = crate::config::create_audit_key(paths)?;
    Store::set_process_audit_key(key.key);
    build_demo_with(path, requests, customers, force, now)
}

/// `build_demo` without making an audit key: keyed only if this process has one (tests).
pub fn build_demo_with(
    path: &std::path::Path,
    requests: u64,
    customers: u64,
    force: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    crate::customers::demo::clamp_count(customers)?;
    if crate::store::postgres::is_address(path) {
        let shown = crate::store::postgres::shown(&path.to_string_lossy());
        let kind = Store::open(path)
            .ok()
            .and_then(|s| s.register_kind().ok().flatten());
        if kind == Some(RegisterKind::Register) {
            bail!(
                "{shown} is a register, not a demo: the demo never replaces one; choose another path with --db"
            );
        }
        bail!(
            "the demo is built in a file, with its demo customer database beside it: give --db a file path, not {shown}"
        );
    }
    let (customer_db, _) = crate::customers::demo::paths_beside(path);
    // The demo writes only demo registers: it replaces a file only when that file is one.
    match crate::store::inspect(path) {
        Ok(None) => {
            if customer_db.exists() {
                bail!(
                    "{} exists and is not known to be a demo's (there is no demo register beside it); move it away or choose another path with --db",
                    customer_db.display()
                );
            }
        }
        Ok(Some(found)) if found.kind == RegisterKind::Demo => {
            if !force {
                bail!(
                    "{} is a demo register; to replace it with a fresh demo run: dsr-desk demo --db {} --force",
                    path.display(),
                    path.display()
                );
            }
            for suffix in ["", "-wal", "-shm"] {
                let p = PathBuf::from(format!("{}{suffix}", path.display()));
                if p.exists() {
                    std::fs::remove_file(&p)
                        .with_context(|| format!("cannot remove {}", p.display()))?;
                }
            }
        }
        Ok(Some(_)) => bail!(
            "{} is a register, not a demo: the demo never replaces one; choose another path with --db",
            path.display()
        ),
        Err(e) => {
            bail!("{e}: the demo replaces only a demo register; choose another path with --db")
        }
    }
    let mut store = Store::create(path, RegisterKind::Demo)?;
    store.set_register_details(
        Some(&crate::domain::controller::Controller::demo()),
        Some("nb"),
        "demo",
        now,
    )?;
    let refs = crate::demo::populate(&mut store, now)?;
    if requests > 0 {
        store.batch(|s| crate::demo::populate_bulk(s, requests, now))?;
    }
    crate::customers::demo::build_beside(&mut store, customers, now)?;
    Ok(refs)
}
