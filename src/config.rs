//! Where files live and the officer's own settings (a TOML file in the config folder).
//!
//! The controller's details and the letters' default language are not here: they are the
//! register's (`dsr-desk init`, `dsr-desk settings`), so that every officer signs alike.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod audit_key;
pub use audit_key::{AUDIT_KEY_ENV, AuditKeyFile, create_audit_key, load_audit_key};

pub use crate::domain::controller::Controller;

/// The config file's contents; every field has a default so a missing file is fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Who the audit trail names for changes made here; defaults to the login name.
    pub officer: Option<String>,
    /// Receipt dates and deadlines are Oslo dates by Norwegian law: checked to be Europe/Oslo.
    pub time_zone: String,
    /// The privacy mailbox the desk's `I` imports from: a Maildir, an mbox file or a
    /// folder of .eml files and web-form exports.
    pub mailbox: Option<PathBuf>,
    /// The company's customer database and its data map. When both are set they are used
    /// instead of the ones the request database remembers (`dsr-desk connect`).
    pub customer_db: Option<PathBuf>,
    pub data_map: Option<PathBuf>,
    /// Letters as e-mail: the sender, and the server they are sent through.
    pub mail: Option<MailConfig>,
    /// A folder of the company's own letter templates (`nb/access.txt`, ...): each file
    /// there replaces the shipped template of the same name.
    pub templates: Option<PathBuf>,
    /// The register: a file, or a PostgreSQL server's address (`postgres://USER@HOST/DB`).
    /// `--db` and `DSR_DESK_DB` come before it.
    pub database: Option<PathBuf>,
}

/// `[mail]`: what letters sent as e-mail say they are from, and `[mail.smtp]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// e.g. "ORINOR Personvern <personvern@orinor.no>".
    pub from: Option<String>,
    pub smtp: Option<SmtpConfig>,
}

/// `[mail.smtp]`: the server letters are sent through. The password is never in the file:
/// `password_env` names the environment variable that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    /// Default: 465 for tls, 587 for starttls, 25 for none.
    pub port: Option<u16>,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password_env: Option<String>,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// TLS from the first byte (port 465).
    Tls,
    /// Plain, then upgraded with STARTTLS before anything else (port 587).
    Starttls,
    /// No encryption: only to a loopback address (a relay on this machine, a test server).
    None,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            officer: None,
            time_zone: "Europe/Oslo".into(),
            mailbox: None,
            customer_db: None,
            data_map: None,
            mail: None,
            templates: None,
            database: None,
        }
    }
}

impl Config {
    /// Reads the config file; a missing file gives the defaults, a broken one an error
    /// that names the file and the problem.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut config: Config = toml::from_str(&text).map_err(|e| {
                    // A misspelt or unknown key is named with its line, not silently ignored.
                    let line = error_line(&text, &e);
                    anyhow::anyhow!(
                        "the config file {} is not valid{}: {}",
                        path.display(),
                        line.map(|l| format!(" at line {l}")).unwrap_or_default(),
                        e.message()
                    )
                })?;
                // A relative templates folder is the config file's neighbour.
                if let (Some(t), Some(dir)) = (config.templates.as_mut(), path.parent())
                    && t.is_relative()
                {
                    *t = dir.join(&*t);
                }
                config.check().map_err(|why| {
                    anyhow::anyhow!("the config file {} is not valid: {why}", path.display())
                })?;
                Ok(config)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(anyhow::anyhow!(
                "cannot read the config file {}: {e}",
                path.display()
            )),
        }
    }

    /// The name recorded as the actor of changes.
    /// What a type cannot check: the time zone the law counts days in.
    fn check(&self) -> Result<(), String> {
        if self.time_zone.trim() != "Europe/Oslo" {
            return Err(format!(
                "time_zone = \"{}\": receipt dates and deadlines are counted in Europe/Oslo, as Norwegian law counts them; leave it out or set Europe/Oslo",
                crate::domain::text::one_line(&self.time_zone)
            ));
        }
        if let Some(folder) = &self.templates {
            check_templates(folder)?;
        }
        Ok(())
    }

    /// The letter templates: the shipped ones, with the company's own in their place.
    pub fn templates(&self) -> crate::export::letters::Templates {
        crate::export::letters::Templates::overridden_by(self.templates.clone())
    }

    pub fn actor(&self) -> String {
        self.officer
            .clone()
            .filter(|o| !o.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "officer".into())
    }
}

/// The standard folders (XDG on Linux) for the database and the config file.
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
}

impl Paths {
    pub fn standard() -> Paths {
        match directories::ProjectDirs::from("", "", "dsr-desk") {
            Some(dirs) => Paths {
                data_dir: dirs.data_dir().to_path_buf(),
                config_file: dirs.config_dir().join("config.toml"),
            },
            // No home folder (a bare service account): use the working folder.
            None => Paths {
                data_dir: PathBuf::from("."),
                config_file: PathBuf::from("dsr-desk.toml"),
            },
        }
    }

    pub fn default_db(&self) -> PathBuf {
        self.data_dir.join("requests.db")
    }

    pub fn demo_db(&self) -> PathBuf {
        self.data_dir.join("demo.db")
    }
}

/// The line a config error is on: an unknown key's own line (the parser may point at its
/// whole table), else where the parser points.
fn error_line(text: &str, e: &toml::de::Error) -> Option<usize> {
    let message = e.message();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    if let Some(key) = unknown {
        let found = text.lines().position(|l| {
            let l = l.trim_start();
            l == format!("[{key}]")
                || l.starts_with(&format!("[{key}."))
                || l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        if let Some(i) = found {
            return Some(i + 1);
        }
    }
    e.span().map(|span| {
        text.as_bytes()[..span.start.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    })
}

/// A templates folder must exist, and each template in it must replace a shipped one: a
/// misspelt file name would otherwise be ignored without a word.
fn check_templates(folder: &Path) -> Result<(), String> {
    let shown = folder.display();
    let langs = std::fs::read_dir(folder)
        .map_err(|e| format!("templates = \"{shown}\": cannot read the folder: {e}"))?;
    for lang in langs.flatten() {
        let Ok(files) = std::fs::read_dir(lang.path()) else {
            continue;
        };
        for file in files.flatten() {
            let name = format!(
                "{}/{}",
                lang.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            );
            if crate::export::letters::Templates::shipped_source(&name).is_none() {
                return Err(format!(
                    "templates = \"{shown}\": {name} replaces no shipped template (they are named like nb/access.txt, nn/_header.txt, en/refusal.txt)"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_broken_file_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let missing = Config::load(&dir.path().join("none.toml")).expect("defaults");
        assert_eq!(missing, Config::default());
        let partial = dir.path().join("partial.toml");
        std::fs::write(&partial, "officer = \"Jon K\"\n").expect("write");
        let c = Config::load(&partial).expect("partial");
        assert_eq!(c.actor(), "Jon K");
        let broken = dir.path().join("broken.toml");
        std::fs::write(&broken, "officer = [").expect("write");
        let err = Config::load(&broken).expect_err("broken").to_string();
        assert!(
            err.contains("broken.toml") && err.contains("not valid"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_and_unusable_values_are_refused_with_their_line() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("c.toml");
        let load = |text: &str| {
            std::fs::write(&file, text).expect("write");
            Config::load(&file).map_err(|e| e.to_string())
        };
        let typo = load("officer = \"jk\"\nmailbx = \"/var/mail\"\n").expect_err("typo");
        assert!(typo.contains("line 2") && typo.contains("mailbx"), "{typo}");
        // The controller's details live in the register now: an old section is named.
        let old = load("officer = \"jk\"\n[controller]\nname = \"ACME AS\"\n").expect_err("old");
        assert!(
            old.contains("line 2") && old.contains("controller"),
            "{old}"
        );
        let lang = load("language = \"en\"\n").expect_err("language");
        assert!(
            lang.contains("line 1") && lang.contains("language"),
            "{lang}"
        );
        let zone = load("time_zone = \"Europe/Stockholm\"\n").expect_err("zone");
        assert!(zone.contains("Europe/Oslo"), "{zone}");
        assert!(load("time_zone = \"Europe/Oslo\"\nofficer = \"jk\"\n").is_ok());
    }
}
