//! The register on a PostgreSQL server, chosen by its address: `--db postgres://USER@HOST/DB`.
//! The password comes from the address, else `PGPASSWORD`, else `~/.pgpass`, as libpq reads
//! them. TLS (rustls) always checks the server's certificate and name, against the system's
//! roots or `sslrootcert=FILE`; clear text goes only to the machine itself.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;

use postgres::config::Host;

use super::sql::{Db, PgSession};
use super::{Result, StoreError};

/// The channel every committed change to the register is announced on (see the schema's
/// `dsr_notify_change`).
pub(crate) const CHANGES: &str = "dsr_desk_register";

/// Whether `db` names a PostgreSQL register rather than a file.
pub fn is_address(db: &Path) -> bool {
    let text = db.to_string_lossy();
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// The address with its password, if any, left out: what messages show.
pub fn shown(address: &str) -> String {
    let Some((scheme, rest)) = address.split_once("://") else {
        return address.to_string();
    };
    let (auth, tail) = match rest.split_once('@') {
        Some((auth, tail)) if !auth.contains('/') => (auth, tail),
        _ => return address.to_string(),
    };
    let user = auth.split_once(':').map_or(auth, |(user, _)| user);
    format!("{scheme}://{user}@{tail}")
}

/// Connects to the register at `address`.
pub(crate) fn connect(address: &str) -> Result<Db> {
    Ok(Db::postgres(PgSession::new(client(address)?, address)))
}

/// A new session for a connection whose session the server dropped.
pub(crate) fn reconnect(address: &str) -> super::sql::Result<postgres::Client> {
    client(address).map_err(|e| super::sql::Error::Reconnect(e.to_string()))
}

/// What the address asks of TLS: its `sslmode` and `sslrootcert`, read here because the
/// client reads neither `verify-full` nor `sslrootcert`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TlsWanted {
    /// `None`: not said (clear text on this machine, TLS to any other).
    mode: Option<String>,
    root: Option<std::path::PathBuf>,
}

/// The address without `sslmode` and `sslrootcert`, and what they asked.
fn split_tls(address: &str) -> (String, TlsWanted) {
    let mut wanted = TlsWanted {
        mode: None,
        root: None,
    };
    let Some((base, query)) = address.split_once('?') else {
        return (address.to_string(), wanted);
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", v)) => wanted.mode = Some(v.to_ascii_lowercase()),
            Some(("sslrootcert", v)) => wanted.root = Some(v.into()),
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (rest, wanted)
}

/// The TLS client for PostgreSQL: rustls, verifying the server's certificate and name
/// against `root` (a PEM file) or the system's roots.
fn tls_client(
    root: Option<&Path>,
) -> std::result::Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match root {
        Some(file) => {
            let certs = CertificateDer::pem_file_iter(file)
                .map_err(|e| format!("cannot read sslrootcert {}: {e}", file.display()))?;
            for cert in certs {
                let cert = cert.map_err(|e| format!("sslrootcert {}: {e}", file.display()))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("sslrootcert {}: {e}", file.display()))?;
            }
        }
        None => {
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(cert);
            }
        }
    }
    if roots.is_empty() {
        return Err("no root certificate to check the server's against: install the system's (ca-certificates) or name one with sslrootcert=FILE".into());
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// A session with the server at `address`: TLS, verified, unless the server is this machine
/// and the address does not ask for it; clear text to another machine is refused.
fn client(address: &str) -> Result<postgres::Client> {
    let fail = |detail: String| StoreError::Io {
        path: shown(address),
        detail,
    };
    let (rest, tls) = split_tls(address);
    let mut config: postgres::Config = rest
        .parse()
        .map_err(|e| fail(format!("not a PostgreSQL address: {e}")))?;
    if config.get_user().is_none()
        && let Ok(user) = std::env::var("USER")
    {
        config.user(&user);
    }
    if config.get_password().is_none()
        && let Some(password) = password_for(&config)
    {
        config.password(password);
    }
    let local = config.get_hosts().iter().all(|h| match h {
        Host::Tcp(name) => is_loopback(name),
        Host::Unix(_) => true,
    });
    let encrypt = match tls.mode.as_deref() {
        None => !local,
        Some("disable") => false,
        Some("require" | "verify-ca" | "verify-full") => true,
        Some(other) => {
            return Err(fail(format!(
                "sslmode={other} is not one this dsr-desk takes: use disable (this machine only), require or verify-full (both check the certificate)"
            )));
        }
    };
    if !encrypt && !local {
        return Err(fail(
            "clear text (sslmode=disable) goes only to this machine (localhost or a Unix socket); \
             use sslmode=verify-full for another"
                .into(),
        ));
    }
    config.application_name("dsr-desk");
    let connected = if encrypt {
        config.ssl_mode(postgres::config::SslMode::Require);
        let tls = tls_client(tls.root.as_deref()).map_err(fail)?;
        config.connect(tls)
    } else {
        config.ssl_mode(postgres::config::SslMode::Disable);
        config.connect(postgres::NoTls)
    };
    connected.map_err(|e| fail(connection_sentence(&e)))
}

/// Counts the change notifications of the register at an address, on a session and a thread
/// of its own that waits for them (so a desk learns of another machine's commit at once,
/// without asking). Stops within half a second of being dropped.
pub(crate) struct Listener {
    heard: Arc<AtomicI64>,
    stop: Arc<AtomicBool>,
}

impl Listener {
    /// Starts listening; the notifications of session `own` (the caller's, which counts its
    /// own commits as it makes them) are not counted.
    pub(crate) fn start(address: &str, own: i32) -> Result<Listener> {
        let mut session = client(address)?;
        session
            .batch_execute(&format!("LISTEN {CHANGES}"))
            .map_err(super::sql::Error::from)?;
        let heard = Arc::new(AtomicI64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, stopped, address) = (heard.clone(), stop.clone(), address.to_string());
        std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                let next = session
                    .notifications()
                    .timeout_iter(Duration::from_millis(500))
                    .next();
                match next {
                    Ok(Some(n)) if n.process_id() == own => {}
                    Ok(Some(_)) => {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(None) => {}
                    Err(_) => {
                        // The session broke: count a change (the desk reads afresh) and
                        // listen again on a new one.
                        count.fetch_add(1, Ordering::Relaxed);
                        std::thread::sleep(Duration::from_secs(1));
                        if let Ok(mut fresh) = client(&address)
                            && fresh.batch_execute(&format!("LISTEN {CHANGES}")).is_ok()
                        {
                            session = fresh;
                        }
                    }
                }
            }
        });
        Ok(Listener { heard, stop })
    }

    /// How many notifications have arrived so far.
    pub(crate) fn heard(&self) -> i64 {
        self.heard.load(Ordering::Relaxed)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// A connection failure in one line a person can act on.
fn connection_sentence(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The password for `config` from `PGPASSWORD` or the first matching line of `~/.pgpass`
/// (or the file `PGPASSFILE` names), as libpq reads them.
fn password_for(config: &postgres::Config) -> Option<String> {
    if let Ok(password) = std::env::var("PGPASSWORD") {
        return Some(password);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let dbname = config.get_dbname().unwrap_or_default().to_string();
    let user = config.get_user().unwrap_or_default().to_string();
    pgpass_lookup(&text, [&host, &port, &dbname, &user])
}

/// The password of the first `host:port:database:user:password` line whose fields match
/// (`*` matches anything; `\:` and `\\` are a colon and a backslash).
pub(crate) fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            let [host, port, db, user, password] = fields.as_slice() else {
                return None;
            };
            let matches = [host, port, db, user]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field.as_str() == "*" || field.as_str() == want);
            matches.then(|| password.clone())
        })
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_files_and_shown_without_their_password() {
        assert!(is_address(Path::new("postgres://desk@localhost/dsr")));
        assert!(is_address(Path::new("postgresql://desk@localhost/dsr")));
        assert!(!is_address(Path::new("requests.db")));
        assert_eq!(
            shown("postgres://desk:s3cret@db.example:5433/dsr"),
            "postgres://desk@db.example:5433/dsr"
        );
        assert_eq!(
            shown("postgres://desk@localhost/dsr"),
            "postgres://desk@localhost/dsr"
        );
        assert_eq!(
            shown("postgres://localhost/dsr"),
            "postgres://localhost/dsr"
        );
    }

    #[test]
    fn pgpass_matches_field_by_field_with_wildcards_and_escapes() {
        let file = "# comment\n\
                    other:5432:dsr:desk:wrong\n\
                    localhost:5432:dsr:desk:pa\\:ss\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            pgpass_lookup(file, ["localhost", "5432", "dsr", "desk"]).as_deref(),
            Some("pa:ss")
        );
        assert_eq!(
            pgpass_lookup(file, ["localhost", "5433", "dsr", "desk"]).as_deref(),
            Some("fallback")
        );
        assert_eq!(pgpass_lookup("a:b:c:d:e", ["x", "b", "c", "d"]), None);
    }

    #[test]
    fn clear_text_to_another_machine_is_refused_before_connecting() {
        for address in [
            "postgres://desk@192.0.2.7/dsr?sslmode=disable",
            "postgres://desk@db.example/dsr?sslmode=disable",
        ] {
            match connect(address) {
                Err(StoreError::Io { detail, path }) => {
                    assert!(detail.contains("only to this machine"), "{detail}");
                    assert_eq!(path, address);
                }
                Err(other) => panic!("expected a refusal, got {other}"),
                Ok(_) => panic!("expected a refusal"),
            }
        }
        match connect("postgres://desk@localhost/dsr?sslmode=prefer") {
            Err(StoreError::Io { detail, .. }) => {
                assert!(detail.contains("sslmode=prefer"), "{detail}")
            }
            _ => panic!("expected sslmode=prefer refused"),
        }
    }

    #[test]
    fn the_tls_settings_are_read_off_the_address() {
        let (rest, tls) = split_tls(
            "postgres://desk@db.example/dsr?application_name=x&sslmode=verify-full&sslrootcert=/etc/ca.pem",
        );
        assert_eq!(rest, "postgres://desk@db.example/dsr?application_name=x");
        assert_eq!(tls.mode.as_deref(), Some("verify-full"));
        assert_eq!(tls.root.as_deref(), Some(Path::new("/etc/ca.pem")));
        let (rest, tls) = split_tls("postgres://desk@localhost/dsr");
        assert_eq!(
            (rest.as_str(), tls.mode),
            ("postgres://desk@localhost/dsr", None)
        );
    }
}

#[cfg(test)]
mod live_tests {
    use crate::domain::request::Right;
    use crate::store::Store;
    use crate::store::tests::{new, postgres_scratch, t};
    use std::path::Path;

    #[test]
    fn both_engines_reach_the_same_schema_version_with_the_same_columns() {
        let Some(address) = postgres_scratch() else {
            eprintln!("SKIPPED: no PostgreSQL test server (DSR_DESK_TEST_POSTGRES)");
            return;
        };
        let dir = tempfile::tempdir().expect("dir");
        let file = Store::create(
            &dir.path().join("r.db"),
            crate::store::RegisterKind::Register,
        )
        .expect("file");
        let server = Store::create(Path::new(&address), crate::store::RegisterKind::Register)
            .expect("server");
        assert_eq!(
            file.schema_version().expect("version"),
            server.schema_version().expect("version")
        );
        let names = |store: &Store, sql: &str, table: &str| -> Vec<String> {
            let mut names: Vec<String> = store
                .conn
                .query_map(sql, [table], |r| r.get(0))
                .expect("columns")
                .collect::<crate::store::sql::Result<_>>()
                .expect("names");
            names.sort();
            names
        };
        let tables: Vec<String> = file
            .conn
            .query_map(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'request_search%'",
                (),
                |r| r.get(0),
            )
            .expect("tables")
            .collect::<crate::store::sql::Result<_>>()
            .expect("names");
        assert!(tables.len() >= 9, "{tables:?}");
        for table in &tables {
            assert_eq!(
                names(&file, "SELECT name FROM pragma_table_info(?1)", table),
                names(
                    &server,
                    "SELECT column_name::text FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = ?1",
                    table
                ),
                "{table}"
            );
        }
    }

    #[test]
    fn an_empty_register_is_made_again_and_one_with_anything_in_it_is_refused() {
        let Some(address) = postgres_scratch() else {
            eprintln!("SKIPPED: no PostgreSQL test server (DSR_DESK_TEST_POSTGRES)");
            return;
        };
        let at = Path::new(&address);
        // An `init` that failed after the schema was made left nothing to lose.
        drop(Store::create(at, crate::store::RegisterKind::Register).expect("first"));
        let mut again = Store::create(at, crate::store::RegisterKind::Register).expect("again");
        again
            .add_request(
                &new("Kari", "2026-12-01T09:00:00Z", &[Right::Access]),
                "jk",
                t("2026-12-01T10:00:00Z"),
            )
            .expect("add");
        drop(again);
        match Store::create(at, crate::store::RegisterKind::Register) {
            Err(crate::store::StoreError::Exists { path }) => assert_eq!(path, address),
            Err(other) => panic!("expected Exists, got {other}"),
            Ok(_) => panic!("a register with a request in it was made again"),
        }
        let kept = Store::open(at).expect("open");
        assert_eq!(kept.verify_chain().expect("verify").events, 1);
    }

    #[test]
    fn a_register_larger_than_one_batch_moves_whole() {
        let Some(address) = postgres_scratch() else {
            eprintln!("SKIPPED: no PostgreSQL test server (DSR_DESK_TEST_POSTGRES)");
            return;
        };
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("r.db");
        let mut source = Store::create(&file, crate::store::RegisterKind::Register).expect("file");
        let now = t("2026-12-01T10:00:00Z");
        source
            .batch(|s| crate::demo::populate_bulk(s, 1_500, now))
            .expect("bulk");
        let mut target = Store::create(Path::new(&address), crate::store::RegisterKind::Register)
            .expect("target");
        let report = source.copy_into(&mut target).expect("move");
        let copied = |table: &str| {
            report
                .rows
                .iter()
                .find(|(t, _)| t == table)
                .map(|(_, n)| *n)
        };
        assert_eq!(copied("requests"), Some(1_500));
        assert_eq!(report.events, source.verify_chain().expect("verify").events);
        let filter = crate::store::QueueFilter {
            view: crate::store::View::All,
            ..Default::default()
        };
        let today = crate::domain::deadline::oslo_date(now);
        assert_eq!(
            target.count(&filter, today).expect("count"),
            source.count(&filter, today).expect("count")
        );
        let page = |s: &Store| -> Vec<String> {
            s.page(&filter, today, 700, 20)
                .expect("page")
                .into_iter()
                .map(|r| r.reference)
                .collect()
        };
        assert_eq!(
            page(&target),
            page(&source),
            "the same rows, in the same order"
        );
        // The search index was rebuilt for every request.
        let hit = page(&source)[0].clone();
        let found = crate::store::QueueFilter {
            view: crate::store::View::All,
            search: hit.to_lowercase(),
            ..Default::default()
        };
        assert_eq!(target.count(&found, today).expect("search"), 1);
    }

    #[test]
    fn a_session_the_server_dropped_is_opened_again_for_the_next_statement() {
        let Some(address) = postgres_scratch() else {
            eprintln!("SKIPPED: no PostgreSQL test server (DSR_DESK_TEST_POSTGRES)");
            return;
        };
        let mut store = Store::create(Path::new(&address), crate::store::RegisterKind::Register)
            .expect("create");
        let pid: i32 = store
            .conn
            .query_row("SELECT pg_backend_pid()", (), |r| r.get(0))
            .expect("pid");
        let server = crate::store::tests::postgres_server().expect("server");
        let mut admin = ::postgres::Client::connect(&server, ::postgres::NoTls).expect("admin");
        admin
            .execute("SELECT pg_terminate_backend($1)", &[&pid])
            .expect("terminate");
        std::thread::sleep(std::time::Duration::from_millis(200));
        // The first statement after the drop finds the session closed and opens another.
        let first = store.add_request(
            &new("Kari", "2026-12-01T09:00:00Z", &[Right::Access]),
            "jk",
            t("2026-12-01T10:00:00Z"),
        );
        let request = match first {
            Ok(r) => r,
            // The drop was seen only by that statement: the next one reconnects.
            Err(_) => store
                .add_request(
                    &new("Kari", "2026-12-01T09:00:00Z", &[Right::Access]),
                    "jk",
                    t("2026-12-01T10:00:00Z"),
                )
                .expect("after reconnecting"),
        };
        assert_eq!(
            store.get(&request.reference).expect("get").requester.name,
            "Kari"
        );
        assert!(store.verify_chain().expect("verify").is_intact());
    }

    #[test]
    fn a_verified_address_gets_an_encrypted_session() {
        let (Some(address), Some(ca)) = (
            postgres_scratch(),
            std::env::var("DSR_DESK_TEST_POSTGRES_CA").ok(),
        ) else {
            eprintln!("SKIPPED: no PostgreSQL test server with TLS (DSR_DESK_TEST_POSTGRES_CA)");
            return;
        };
        let db = super::connect(&format!("{address}?sslmode=verify-full&sslrootcert={ca}"))
            .expect("verified");
        let encrypted: bool = db
            .query_row(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                (),
                |r| r.get(0),
            )
            .expect("ssl");
        assert!(encrypted);
        let plain = super::connect(&address).expect("loopback");
        let encrypted: bool = plain
            .query_row(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                (),
                |r| r.get(0),
            )
            .expect("ssl");
        assert!(!encrypted, "clear text on loopback when not asked for");
    }

    #[test]
    fn another_session_s_commit_moves_the_change_mark_without_a_query() {
        let Some(address) = postgres_scratch() else {
            eprintln!("SKIPPED: no PostgreSQL test server (DSR_DESK_TEST_POSTGRES)");
            return;
        };
        let mut writer = Store::create(Path::new(&address), crate::store::RegisterKind::Register)
            .expect("create");
        let reader = Store::open(Path::new(&address)).expect("open");
        let before = reader.data_version().expect("version");
        writer
            .add_request(
                &new("Kari", "2026-12-01T09:00:00Z", &[Right::Access]),
                "jk",
                t("2026-12-01T10:00:00Z"),
            )
            .expect("add");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let mut after = before;
        while after == before && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
            after = reader.data_version().expect("version");
        }
        assert_ne!(after, before, "the reader heard of the commit");
        assert_eq!(
            reader.data_version().expect("version"),
            after,
            "and only once"
        );
    }
}
