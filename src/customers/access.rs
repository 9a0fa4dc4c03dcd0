//! The access package (Art. 15: every record plus the information the article lists) and the
//! portability export (Art. 20: what the person provided, on consent or contract, as JSON and
//! CSV). Both are data; writing them to files is the caller's.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value as Json;

use super::records::CustomerRecords;
use super::{CustomerDb, Result};
use crate::config::Controller;
use crate::domain::datamap::{Recipient, Words};

/// The rights the person is told of (Art. 15(1)(e), 15(1)(f)).
const RIGHTS: &[&str] = &[
    "Rectification of inaccurate or incomplete data (Art. 16)",
    "Erasure (Art. 17)",
    "Restriction of processing (Art. 18)",
    "Data portability of the data you gave us on consent or contract (Art. 20)",
    "Objection to processing based on legitimate interests, and at any time to direct marketing (Art. 21)",
    "Withdrawal of consent at any time, without affecting processing before it (Art. 7(3))",
];

const COMPLAINT: &str = "You may complain to Datatilsynet (the Norwegian Data Protection Authority), Postboks 458 Sentrum, 0105 Oslo, postkasse@datatilsynet.no, www.datatilsynet.no (Art. 77), and you may take the matter to court (Art. 79).";

/// A copy of the data and the Art. 15 information, ready to serialise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessPackage {
    pub reference: String,
    pub generated_on: NaiveDate,
    pub controller: Controller,
    pub data_subject: String,
    /// Whether personal data about the person is processed at all (Art. 15(1)).
    pub processing_confirmed: bool,
    pub customers: Vec<CustomerRecords>,
    pub information: Art15Info,
    /// The privacy requests the person has made, and their outcome: what the desk itself
    /// holds about them.
    pub requests_held: Vec<HeldRequest>,
    /// The language the readable package is written in: the request's.
    #[serde(skip)]
    pub language: crate::export::letters::Lang,
    /// The data map's texts in bokmål and nynorsk, for the readable package.
    #[serde(skip)]
    pub translations: Translations,
}

/// The data map's own words in bokmål and nynorsk: per table, per recipient, and its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translations {
    pub map: (Option<Words>, Option<Words>),
    pub tables: std::collections::BTreeMap<String, (Option<Words>, Option<Words>)>,
    pub recipients: std::collections::BTreeMap<String, (Option<Words>, Option<Words>)>,
}

impl Translations {
    /// What `pick` gives in `lang` from one of the pairs, else `english`.
    pub fn say<'a>(
        pair: Option<&'a (Option<Words>, Option<Words>)>,
        lang: crate::export::letters::Lang,
        pick: impl Fn(&'a Words) -> Option<&'a String>,
        english: &'a str,
    ) -> &'a str {
        pair.and_then(|(nb, nn)| lang.pick(nb.as_ref(), nn.as_ref(), None))
            .and_then(pick)
            .map_or(english, String::as_str)
    }
}

/// One privacy request the person made, as the package tells of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldRequest {
    pub reference: String,
    pub received: NaiveDate,
    pub rights: Vec<crate::domain::request::Right>,
    /// None while it is open.
    pub outcome: Option<crate::domain::request::Outcome>,
}

/// What Art. 15(1)-(2) requires besides the copy, for the data actually held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Art15Info {
    pub purposes: Vec<Purpose>,
    pub categories: Vec<&'static str>,
    pub recipients: Vec<Recipient>,
    pub retention: Vec<RetentionLine>,
    pub source: String,
    pub automated_decisions: String,
    pub transfers: String,
    pub rights: Vec<&'static str>,
    pub complaint: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Purpose {
    /// The table it is said of, for its words in the reader's language.
    #[serde(skip)]
    pub table: String,
    pub data: String,
    pub purpose: String,
    pub legal_basis: String,
    /// The same bases, for the readable package to name in the person's language.
    #[serde(skip)]
    pub basis: Vec<crate::domain::datamap::LegalBasis>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionLine {
    #[serde(skip)]
    pub table: String,
    pub data: String,
    pub retention: String,
}

/// The data the person provided, processed on consent or contract (Art. 20(1)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortabilityExport {
    pub tables: Vec<PortableTable>,
    /// Tables with data about the person that portability does not cover, and why.
    pub not_included: Vec<(String, String)>,
}

/// One table of a portability export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortableTable {
    pub table: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Json>>,
}

impl CustomerDb {
    /// The access package for the customers linked to a request.
    pub fn access_package(
        &self,
        reference: &str,
        data_subject: &str,
        customers: &[i64],
        controller: &Controller,
        today: NaiveDate,
    ) -> Result<AccessPackage> {
        let records = customers
            .iter()
            .map(|id| self.disclosed_records(*id))
            .collect::<Result<Vec<_>>>()?;
        let mut purposes = Vec::new();
        let mut categories = Vec::new();
        let mut recipients: Vec<Recipient> = Vec::new();
        let mut retention = Vec::new();
        for c in &records {
            for cat in &c.categories {
                if !categories.contains(&cat.label) {
                    categories.push(cat.label);
                }
                for t in &cat.tables {
                    let p = Purpose {
                        table: t.table.clone(),
                        basis: t.basis.clone(),
                        data: t.title.clone(),
                        purpose: t.purpose.clone(),
                        legal_basis: t.basis_label.clone(),
                    };
                    if !purposes.contains(&p) {
                        purposes.push(p);
                        retention.push(RetentionLine {
                            table: t.table.clone(),
                            data: t.title.clone(),
                            retention: t.retention.clone(),
                        });
                    }
                    for r in &t.recipients {
                        if !recipients.contains(r) {
                            recipients.push(r.clone());
                        }
                    }
                }
            }
        }
        Ok(AccessPackage {
            reference: reference.to_string(),
            generated_on: today,
            controller: controller.clone(),
            data_subject: crate::domain::text::clean_name(data_subject),
            processing_confirmed: records.iter().any(|r| r.row_count() > 0),
            customers: records,
            information: Art15Info {
                purposes,
                categories,
                recipients,
                retention,
                source: self.map.source.clone(),
                automated_decisions: self.map.automated_decisions.clone(),
                transfers: self.map.transfers.clone(),
                rights: RIGHTS.to_vec(),
                complaint: COMPLAINT,
            },
            requests_held: Vec::new(),
            language: crate::export::letters::Lang::En,
            translations: Translations {
                map: (self.map.nb.clone(), self.map.nn.clone()),
                tables: self
                    .map
                    .tables
                    .iter()
                    .map(|t| (t.name.clone(), (t.nb.clone(), t.nn.clone())))
                    .collect(),
                recipients: self
                    .map
                    .recipients
                    .iter()
                    .map(|r| (r.id.clone(), (r.nb.clone(), r.nn.clone())))
                    .collect(),
            },
        })
    }

    /// A customer's records as they may leave the company in a package: every text value
    /// without control characters, escape sequences or direction overrides, whichever file
    /// (CSV, JSON, Markdown) it lands in.
    fn disclosed_records(&self, customer_id: i64) -> Result<super::CustomerRecords> {
        let mut records = self.records(customer_id)?;
        records.name = crate::domain::text::clean_name(&records.name);
        for category in &mut records.categories {
            for table in &mut category.tables {
                for record in &mut table.records {
                    for value in record.fields.values_mut() {
                        if let Json::String(s) = value
                            && let std::borrow::Cow::Owned(clean) =
                                crate::domain::text::export_value(s)
                        {
                            *s = clean;
                        }
                    }
                }
            }
        }
        Ok(records)
    }

    /// The portability export for the given customers.
    pub fn portability(&self, customers: &[i64]) -> Result<PortabilityExport> {
        let mut tables: Vec<PortableTable> = Vec::new();
        let mut not_included = Vec::new();
        for id in customers {
            let records = self.disclosed_records(*id)?;
            for t in records.tables() {
                let map_table = self.map.table(&t.table);
                if !map_table.is_some_and(|m| m.portable()) {
                    let why = if t.provided_by_person {
                        format!("processed on {}, not consent or contract", t.basis_label)
                    } else {
                        "not provided by the person".to_string()
                    };
                    let entry = (t.title.clone(), why);
                    if !not_included.contains(&entry) {
                        not_included.push(entry);
                    }
                    continue;
                }
                let columns: Vec<String> = t
                    .records
                    .first()
                    .map(|r| r.fields.keys().cloned().collect())
                    .unwrap_or_default();
                let rows = t
                    .records
                    .iter()
                    .map(|r| r.fields.values().cloned().collect())
                    .collect::<Vec<_>>();
                match tables.iter_mut().find(|p| p.table == t.table) {
                    Some(p) => p.rows.extend(rows),
                    None => tables.push(PortableTable {
                        table: t.table.clone(),
                        title: t.title.clone(),
                        columns,
                        rows,
                    }),
                }
            }
        }
        Ok(PortabilityExport {
            tables,
            not_included,
        })
    }
}

impl PortableTable {
    /// The table as CSV (RFC 4180, CRLF lines; cells that a spreadsheet would run as a
    /// formula are neutralised).
    pub fn to_csv(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| match v {
                        Json::Null => String::new(),
                        Json::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        String::from_utf8_lossy(&crate::export::register::csv_bytes(&self.columns, &rows))
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_where_needed() {
        let t = PortableTable {
            table: "t".into(),
            title: "T".into(),
            columns: vec!["a".into(), "b".into()],
            rows: vec![
                vec![Json::from("Storgata 1, Oslo"), Json::Null],
                vec![Json::from("say \"hei\""), Json::from(3)],
            ],
        };
        assert_eq!(
            t.to_csv(),
            "a,b\r\n\"Storgata 1, Oslo\",\r\n\"say \"\"hei\"\"\",3\r\n"
        );
    }
}
