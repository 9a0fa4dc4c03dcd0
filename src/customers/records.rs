//! Everything held about one person, grouped by the privacy notice's categories, each table
//! with what the data map says about it.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::sql::{self, ident};
use super::{CustomerDb, CustomerError, Result};
use crate::domain::datamap::{Category, LegalBasis, Recipient, TableMap};

pub(crate) const RESTRICTED_SQL: &str = "SELECT 1 FROM dsr_restrictions WHERE customer_id = ?1";

/// The person table's restriction flag of one person.
pub(crate) fn restricted_flag_sql(map: &crate::domain::datamap::DataMap, col: &str) -> String {
    format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        ident(col),
        ident(&map.person.table),
        ident(&map.person.key)
    )
}

/// Every row held about a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerRecords {
    pub customer_id: i64,
    pub customer_number: Option<String>,
    pub name: String,
    /// Processing is restricted (Art. 18): storage only.
    pub restricted: bool,
    /// Non-empty categories in the privacy notice's order.
    pub categories: Vec<CategoryRecords>,
}

/// The tables of one category that hold rows about the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRecords {
    pub category: Category,
    pub label: &'static str,
    pub tables: Vec<TableRecords>,
}

/// One table's rows about the person, with its purpose, basis, retention and recipients.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableRecords {
    pub table: String,
    pub title: String,
    pub purpose: String,
    pub basis: Vec<LegalBasis>,
    pub basis_label: String,
    pub retention: String,
    pub recipients: Vec<Recipient>,
    pub provided_by_person: bool,
    pub records: Vec<Record>,
    /// The data map's names for the columns, for the readable package.
    #[serde(skip)]
    pub labels: std::collections::BTreeMap<String, crate::domain::datamap::Label>,
}

/// One row: its columns in table order, and a legal hold if erasure left one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub row_id: i64,
    pub fields: Map<String, Json>,
    pub held_until: Option<NaiveDate>,
}

/// The few fields that name a customer in a list (a linked customer, a result row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerSummary {
    pub customer_id: i64,
    pub customer_number: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub restricted: bool,
}

impl CustomerRecords {
    /// Every table with rows, in category order.
    pub fn tables(&self) -> impl Iterator<Item = &TableRecords> {
        self.categories.iter().flat_map(|c| c.tables.iter())
    }

    pub fn row_count(&self) -> usize {
        self.tables().map(|t| t.records.len()).sum()
    }
}

impl CustomerDb {
    /// Everything held about a customer.
    pub fn records(&self, customer_id: i64) -> Result<CustomerRecords> {
        let (name, customer_number) = sql::person_summary(&self.conn, &self.map, customer_id)?
            .ok_or(CustomerError::NoSuchCustomer(customer_id))?;
        let mut categories: Vec<CategoryRecords> = Vec::new();
        for category in Category::ALL {
            let mut tables = Vec::new();
            for t in self.map.tables.iter().filter(|t| t.category == *category) {
                let rows = sql::person_rows(&self.conn, t, customer_id)?;
                if rows.is_empty() {
                    continue;
                }
                let holds = self.holds(&t.name, customer_id)?;
                tables.push(
                    self.describe(
                        t,
                        rows.into_iter()
                            .map(|(row_id, fields)| Record {
                                row_id,
                                fields,
                                held_until: holds.get(&row_id).copied(),
                            })
                            .collect(),
                    ),
                );
            }
            if !tables.is_empty() {
                categories.push(CategoryRecords {
                    category: *category,
                    label: category.label(),
                    tables,
                });
            }
        }
        Ok(CustomerRecords {
            customer_id,
            customer_number,
            name,
            restricted: self.is_restricted(customer_id)?,
            categories,
        })
    }

    /// Name, number, first e-mail and phone of a customer (e.g. one linked to a request).
    pub fn summary(&self, customer_id: i64) -> Result<CustomerSummary> {
        let (name, customer_number) = sql::person_summary(&self.conn, &self.map, customer_id)?
            .ok_or(CustomerError::NoSuchCustomer(customer_id))?;
        Ok(CustomerSummary {
            customer_id,
            customer_number,
            name,
            email: sql::first_value(&self.conn, &self.map, customer_id, |t| &t.email)?,
            phone: sql::first_value(&self.conn, &self.map, customer_id, |t| &t.phone)?,
            restricted: self.is_restricted(customer_id)?,
        })
    }

    /// A table's rows with what the data map says about the table.
    pub(crate) fn describe(&self, t: &TableMap, records: Vec<Record>) -> TableRecords {
        TableRecords {
            table: t.name.clone(),
            title: t.title.clone(),
            purpose: t.purpose.clone(),
            basis: t.basis.clone(),
            basis_label: t.basis_label(),
            retention: t.retention.describe(),
            recipients: t
                .recipients
                .iter()
                .filter_map(|r| self.map.recipient(r).cloned())
                .collect(),
            provided_by_person: t.provided_by_person,
            records,
            labels: t.labels.clone(),
        }
    }

    /// Whether processing of the customer's data is restricted (Art. 18).
    pub fn is_restricted(&self, customer_id: i64) -> Result<bool> {
        let listed = self
            .conn
            .prepare_cached(RESTRICTED_SQL)?
            .query_row([customer_id], |_| Ok(()))
            .optional()?
            .is_some();
        if listed {
            return Ok(true);
        }
        let Some(col) = &self.map.person.restricted_column else {
            return Ok(false);
        };
        let flag: Option<Option<i64>> = self
            .conn
            .prepare_cached(&restricted_flag_sql(&self.map, col))?
            .query_row([customer_id], |r| r.get(0))
            .optional()?;
        Ok(flag.flatten().unwrap_or(0) != 0)
    }

    /// The legal holds on a person's rows of one table: row -> kept through.
    fn holds(&self, table: &str, customer_id: i64) -> Result<HashMap<i64, NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT row_id, keep_through FROM dsr_holds WHERE customer_id = ?1 AND table_name = ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![customer_id, table], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = HashMap::new();
        for r in rows {
            let (id, date) = r?;
            if let Ok(d) = date.parse() {
                out.insert(id, d);
            }
        }
        Ok(out)
    }
}
