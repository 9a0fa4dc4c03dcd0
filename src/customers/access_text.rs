//! The access package made readable: Markdown with the Art. 15 information first, then every
//! record by category; and per-table CSV files of the same records.

use std::fmt::Write as _;

use serde_json::Value as Json;

use super::access::{AccessPackage, Translations};
use super::package_words::{bases, category, column_label, package_words, value};
use crate::domain::datamap::{Category, Words};
use crate::domain::request::Outcome;
use crate::export::letters::{Lang, words};

/// A closed request's outcome in words.
fn outcome_word(o: Outcome, lang: Lang) -> &'static str {
    match (o, lang) {
        (Outcome::Answered, Lang::Nb | Lang::Nn) => "svart",
        (Outcome::Erased, Lang::Nb) => "slettet",
        (Outcome::Erased, Lang::Nn) => "sletta",
        (Outcome::Refused, Lang::Nb | Lang::Nn) => "avslått",
        (Outcome::Partial, Lang::Nb | Lang::Nn) => "delvis avslått",
        (Outcome::Answered, Lang::En) => "answered",
        (Outcome::Erased, Lang::En) => "erased",
        (Outcome::Refused, Lang::En) => "refused",
        (Outcome::Partial, Lang::En) => "partly refused",
    }
}
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
    /// The package as a document a person can read, in the request's language: who the
    /// controller is, the Art. 15 information, every record with its columns named and its
    /// values written out, and what the privacy team itself holds about the person.
    pub fn to_markdown(&self) -> String {
        let lang = self.language;
        let w = package_words(lang);
        let mut out = String::new();
        let c = &self.controller;
        let _ = writeln!(out, "# {} {}\n", w.title, md(&c.name));
        let _ = writeln!(
            out,
            "{} {}, {} {}, {}.\n",
            w.answer,
            self.reference,
            w.prepared,
            words::date(self.generated_on, lang),
            md(&self.data_subject)
        );
        let _ = writeln!(
            out,
            "- **{}:** {} ({} {}){}",
            w.controller,
            md(&c.name),
            w.org_number,
            md(&c.org_number),
            if c.address.trim().is_empty() {
                String::new()
            } else {
                format!(", {}", md(&c.address))
            }
        );
        let _ = writeln!(out, "- **{}:** {}\n", w.contact, md(&c.privacy_email));
        if !self.processing_confirmed {
            // A negative confirmation says that one thing, and where to complain.
            let _ = writeln!(out, "{}\n", w.none_processed);
            let _ = writeln!(out, "{}", w.complaint);
            return out;
        }
        let info = &self.information;
        let tr = &self.translations;
        let table = |name: &str| tr.tables.get(name);
        let _ = writeln!(out, "## {}\n", w.why);
        for p in &info.purposes {
            let t = table(&p.table);
            let _ = writeln!(
                out,
                "- **{}:** {} ({})",
                md(Translations::say(t, lang, |x| x.title.as_ref(), &p.data)),
                md(Translations::say(
                    t,
                    lang,
                    |x| x.purpose.as_ref(),
                    &p.purpose
                )),
                md(&bases(&p.basis, lang))
            );
        }
        let _ = writeln!(out, "\n## {}\n", w.categories);
        for c in &info.categories {
            let named = Category::ALL
                .iter()
                .find(|x| x.label() == *c)
                .map_or(*c, |x| category(*x, lang));
            let _ = writeln!(out, "- {}", md(named));
        }
        let _ = writeln!(out, "\n## {}\n", w.recipients);
        for r in &info.recipients {
            let named = match &r.legal_name {
                Some(legal) => format!("{} ({})", md(legal), md(&r.name)),
                None => md(&r.name),
            };
            let words = tr.recipients.get(&r.id);
            let _ = writeln!(
                out,
                "- **{named}:** {}; {}",
                md(Translations::say(words, lang, |x| x.role.as_ref(), &r.role)),
                md(Translations::say(
                    words,
                    lang,
                    |x| x.location.as_ref(),
                    &r.location
                ))
            );
        }
        let _ = writeln!(out, "\n## {}\n", w.retention);
        for r in &info.retention {
            let t = table(&r.table);
            let _ = writeln!(
                out,
                "- **{}:** {}",
                md(Translations::say(t, lang, |x| x.title.as_ref(), &r.data)),
                md(Translations::say(
                    t,
                    lang,
                    |x| x.retention.as_ref(),
                    &r.retention
                ))
            );
        }
        let map = Some(&tr.map);
        type Pick = fn(&Words) -> Option<&String>;
        let sections: [(&str, Pick, &str); 3] = [
            (w.source, |x| x.source.as_ref(), &info.source),
            (
                w.automated,
                |x| x.automated_decisions.as_ref(),
                &info.automated_decisions,
            ),
            (w.transfers, |x| x.transfers.as_ref(), &info.transfers),
        ];
        out.push('\n');
        for (heading, pick, english) in sections {
            let text = Translations::say(map, lang, pick, english);
            let _ = writeln!(out, "## {heading}\n\n{}\n", md(text));
        }
        let _ = writeln!(out, "## {}\n", w.rights);
        for r in w.rights_list {
            let _ = writeln!(out, "- {r}");
        }
        let _ = writeln!(out, "\n{}\n", w.complaint);
        let _ = writeln!(out, "## {}\n", w.data);
        for customer in &self.customers {
            let _ = writeln!(
                out,
                "### {}{}\n",
                md(&customer.name),
                customer
                    .customer_number
                    .as_deref()
                    .map(|n| format!(" ({} {})", w.customer, md(n)))
                    .unwrap_or_default()
            );
            for category in &customer.categories {
                let _ = writeln!(
                    out,
                    "#### {}\n",
                    md(self::category(category.category, lang))
                );
                for table in &category.tables {
                    let t = tr.tables.get(&table.table);
                    let _ = writeln!(
                        out,
                        "**{}** — {} ({})\n",
                        md(Translations::say(
                            t,
                            lang,
                            |x| x.title.as_ref(),
                            &table.title
                        )),
                        md(Translations::say(
                            t,
                            lang,
                            |x| x.purpose.as_ref(),
                            &table.purpose
                        )),
                        md(&bases(&table.basis, lang))
                    );
                    for record in &table.records {
                        let fields: Vec<String> = record
                            .fields
                            .iter()
                            .filter(|(_, v)| !v.is_null())
                            .map(|(k, v)| {
                                format!(
                                    "{}: {}",
                                    md(&column_label(&table.labels, k, lang)),
                                    md(&value(&table.labels, k, v, lang))
                                )
                            })
                            .collect();
                        let hold = record
                            .held_until
                            .map(|d| format!(" _({} {})_", w.kept_until, words::date(d, lang)))
                            .unwrap_or_default();
                        let _ = writeln!(out, "- {}{hold}", fields.join("; "));
                    }
                    out.push('\n');
                }
            }
        }
        if !self.requests_held.is_empty() {
            let _ = writeln!(out, "## {}\n\n{}\n", w.held_by_desk, w.held_intro);
            for r in &self.requests_held {
                let rights: Vec<&str> = r.rights.iter().map(|x| words::right(*x, lang)).collect();
                let outcome = r.outcome.map(|o| outcome_word(o, lang)).unwrap_or(w.open);
                let _ = writeln!(
                    out,
                    "- {} ({}): {}; {}",
                    r.reference,
                    words::date(r.received, lang),
                    words::list(&rights, lang),
                    outcome
                );
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
