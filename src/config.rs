//! Where files live and the officer's own settings (a TOML file in the config folder).
//!
//! The controller's details and the letters' default language are not here: they are the
//! register's (`dsr-desk init`, `dsr-desk settings`), so that every officer signs alike.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::domain::controller::Controller;

/// The config file's contents; every field has a default so a missing file is fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Who the audit trail names for changes made here; defaults to the login name.
    pub officer: Option<String>,
    /// Dates are Oslo dates by law for a Norwegian controller; kept for display.
    pub time_zone: String,
    /// The privacy mailbox the desk's `I` imports from: a Maildir, an mbox file or a
    /// folder of .eml files and web-form exports.
    pub mailbox: Option<PathBuf>,
    /// The company's customer database and its data map. When both are set they are used
    /// instead of the ones the request database remembers (`dsr-desk connect`).
    pub customer_db: Option<PathBuf>,
    pub data_map: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            officer: None,
            time_zone: "Europe/Oslo".into(),
            mailbox: None,
            customer_db: None,
            data_map: None,
        }
    }
}

impl Config {
    /// Reads the config file; a missing file gives the defaults, a broken one an error
    /// that names the file and the problem.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "the config file {} is not valid: {}",
                    path.display(),
                    e.message()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(anyhow::anyhow!(
                "cannot read the config file {}: {e}",
                path.display()
            )),
        }
    }

    /// The name recorded as the actor of changes.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_broken_file_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let missing = Config::load(&dir.path().join("none.toml")).expect("defaults");
        assert_eq!(missing, Config::default());
        // The controller's details moved into the register; an old config that still has
        // them is read as before, without them.
        let partial = dir.path().join("partial.toml");
        std::fs::write(
            &partial,
            "officer = \"Jon K\"\nlanguage = \"en\"\n[controller]\nname = \"ACME AS\"\n",
        )
        .expect("write");
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
}
