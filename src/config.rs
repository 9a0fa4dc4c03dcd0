//! Where files live and the controller's details (a TOML file in the config folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod audit_key;
pub use audit_key::{AUDIT_KEY_ENV, AuditKeyFile, create_audit_key, load_audit_key};

/// The controller as letters and exports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Controller {
    pub name: String,
    pub org_number: String,
    pub privacy_email: String,
}

impl Default for Controller {
    fn default() -> Self {
        Controller {
            name: "ORINOR AS".into(),
            org_number: "983 251 463".into(),
            privacy_email: "jk@orinor.no".into(),
        }
    }
}

/// The config file's contents; every field has a default so a missing file is fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub controller: Controller,
    /// Who the audit trail names for changes made here; defaults to the login name.
    pub officer: Option<String>,
    /// Dates are Oslo dates by law for a Norwegian controller; kept for display.
    pub time_zone: String,
    /// Letter language when a request's own cannot be told: `nb` or `en`.
    pub language: String,
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
            controller: Controller::default(),
            officer: None,
            time_zone: "Europe/Oslo".into(),
            language: "nb".into(),
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
    fn defaults_are_orinor_and_a_broken_file_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let missing = Config::load(&dir.path().join("none.toml")).expect("defaults");
        assert_eq!(missing.controller.org_number, "983 251 463");
        let partial = dir.path().join("partial.toml");
        std::fs::write(
            &partial,
            "officer = \"Jon K\"\n[controller]\nname = \"ACME AS\"\n",
        )
        .expect("write");
        let c = Config::load(&partial).expect("partial");
        assert_eq!(
            (
                c.controller.name.as_str(),
                c.controller.privacy_email.as_str()
            ),
            ("ACME AS", "jk@orinor.no")
        );
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
