//! The controller's details and the letters' default language, kept in the register's `meta`
//! so that every officer (and every desk on the same database) signs alike.

use chrono::{DateTime, Utc};

use super::events::{EventKind, NewEvent, append};
use super::{Result, Store};
use crate::domain::controller::Controller;

const NAME: &str = "controller_name";
const ORG_NUMBER: &str = "controller_org_number";
const EMAIL: &str = "controller_email";
const ADDRESS: &str = "controller_address";
const LANGUAGE: &str = "letter_language";

impl Store {
    /// The controller's details, once a name, an organisation number and an e-mail address
    /// are stored (`None` before: a register made by an earlier version has none).
    pub fn controller(&self) -> Result<Option<Controller>> {
        let (Some(name), Some(org_number), Some(privacy_email)) = (
            self.setting(NAME)?,
            self.setting(ORG_NUMBER)?,
            self.setting(EMAIL)?,
        ) else {
            return Ok(None);
        };
        Ok(Some(Controller {
            name,
            org_number,
            privacy_email,
            address: self.setting(ADDRESS)?.unwrap_or_default(),
        }))
    }

    /// The language letters are written in when a request's own cannot be told (`nb`, `en`).
    pub fn letter_language(&self) -> Result<Option<String>> {
        self.setting(LANGUAGE)
    }

    /// Stores the controller's details and/or the letters' default language (checked by the
    /// caller), in one transaction with an event saying what they now are.
    pub fn set_register_details(
        &mut self,
        controller: Option<&Controller>,
        language: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if controller.is_none() && language.is_none() {
            return Ok(());
        }
        let tx = self.write_tx()?;
        let mut rows: Vec<(&str, &str)> = Vec::new();
        if let Some(c) = controller {
            rows.extend([
                (NAME, c.name.as_str()),
                (ORG_NUMBER, c.org_number.as_str()),
                (EMAIL, c.privacy_email.as_str()),
                (ADDRESS, c.address.as_str()),
            ]);
        }
        if let Some(l) = language {
            rows.push((LANGUAGE, l));
        }
        for (key, value) in &rows {
            tx.prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([key, value])?;
        }
        let mut said = Vec::new();
        if let Some(c) = controller {
            said.push(format!(
                "controller {} (org. no. {}, {})",
                c.name, c.org_number, c.privacy_email
            ));
        }
        if let Some(l) = language {
            said.push(format!("letter language {l}"));
        }
        append(
            &tx,
            NewEvent {
                request_id: None,
                at: now,
                actor,
                kind: EventKind::Settings,
                summary: format!("Register details set: {}", said.join("; ")),
                detail: serde_json::Value::Object(
                    rows.iter()
                        .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
                        .collect(),
                ),
            },
        )?;
        tx.commit()
    }
}
