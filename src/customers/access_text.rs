//! The access package made readable: Markdown with the Art. 15 information first, then every
//! record by category; and per-table CSV files of the same records.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::access::AccessPackage;
use super::disclosure::NamedFile;

fn cell(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Markdown special characters escaped, and outside text kept to one line.
fn md(text: &str) -> String {
    let line = crate::domain::text::one_line(text);
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl AccessPackage {
    /// The package as a document a person can read.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let info = &self.information;
        let _ = writeln!(
            out,
            "# Your personal data at {}\n",
            md(&self.controller.name)
        );
        let _ = writeln!(
            out,
            "Answer to your request {} (GDPR Art. 15), prepared {} for {}.\n",
            self.reference,
            self.generated_on,
            md(&self.data_subject)
        );
        if !self.processing_confirmed {
            let _ = writeln!(out, "We process no personal data about you.\n");
        }
        let _ = writeln!(out, "## Why we process it, and on what legal basis\n");
        for p in &info.purposes {
            let _ = writeln!(
                out,
                "- **{}:** {} ({})",
                md(&p.data),
                md(&p.purpose),
                md(&p.legal_basis)
            );
        }
        let _ = writeln!(out, "\n## Categories of data\n");
        for c in &info.categories {
            let _ = writeln!(out, "- {}", md(c));
        }
        let _ = writeln!(out, "\n## Who receives it\n");
        for r in &info.recipients {
            let _ = writeln!(
                out,
                "- {} ({}, {})",
                md(&r.name),
                md(&r.role),
                md(&r.location)
            );
        }
        let _ = writeln!(out, "\n## How long we keep it\n");
        for r in &info.retention {
            let _ = writeln!(out, "- **{}:** {}", md(&r.data), md(&r.retention));
        }
        let _ = writeln!(out, "\n## Where it comes from\n\n{}\n", md(&info.source));
        let _ = writeln!(
            out,
            "## Automated decisions and profiling\n\n{}\n",
            md(&info.automated_decisions)
        );
        let _ = writeln!(
            out,
            "## Transfers outside the EU/EEA\n\n{}\n",
            md(&info.transfers)
        );
        let _ = writeln!(out, "## Your rights\n");
        for r in &info.rights {
            let _ = writeln!(out, "- {}", md(r));
        }
        let _ = writeln!(out, "\n{}\n", md(info.complaint));
        let _ = writeln!(out, "## The data\n");
        for customer in &self.customers {
            let _ = writeln!(
                out,
                "### {}{}\n",
                md(&customer.name),
                customer
                    .customer_number
                    .as_deref()
                    .map(|n| format!(" (customer {})", md(n)))
                    .unwrap_or_default()
            );
            for category in &customer.categories {
                let _ = writeln!(out, "#### {}\n", md(category.label));
                for table in &category.tables {
                    let _ = writeln!(
                        out,
                        "**{}** — {} ({})\n",
                        md(&table.title),
                        md(&table.purpose),
                        md(&table.basis_label)
                    );
                    for record in &table.records {
                        let fields: Vec<String> = record
                            .fields
                            .iter()
                            .map(|(k, v)| format!("{}: {}", md(k), md(&cell(v))))
                            .collect();
                        let hold = record
                            .held_until
                            .map(|d| format!(" _(kept until {d} by law, used for nothing else)_"))
                            .unwrap_or_default();
                        let _ = writeln!(out, "- {}{hold}", fields.join("; "));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }

    /// One CSV file per table holding records, every linked customer's rows together.
    pub fn table_csvs(&self) -> Vec<NamedFile> {
        let mut tables: Vec<(String, Vec<String>, Vec<Vec<String>>)> = Vec::new();
        for customer in &self.customers {
            for table in customer.categories.iter().flat_map(|c| c.tables.iter()) {
                let columns: Vec<String> = table
                    .records
                    .first()
                    .map(|r| r.fields.keys().cloned().collect())
                    .unwrap_or_default();
                let entry = match tables.iter_mut().position(|t| t.0 == table.table) {
                    Some(i) => &mut tables[i],
                    None => {
                        tables.push((table.table.clone(), columns.clone(), Vec::new()));
                        let last = tables.len() - 1;
                        &mut tables[last]
                    }
                };
                for record in &table.records {
                    entry.2.push(
                        entry
                            .1
                            .iter()
                            .map(|c| record.fields.get(c).map(cell).unwrap_or_default())
                            .collect(),
                    );
                }
            }
        }
        tables
            .into_iter()
            .filter(|t| !t.2.is_empty())
            .map(|(table, columns, rows)| {
                let name = format!("{}-access-{table}.csv", self.reference);
                (name, crate::export::register::csv_bytes(&columns, &rows))
            })
            .collect()
    }
}
