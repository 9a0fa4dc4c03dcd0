//! Checks a data map: first against itself, then against the tables and columns the customer
//! database really has. Every problem is one sentence naming the table and column.

use std::collections::{BTreeMap, BTreeSet};

use super::datamap::{DataMap, Erasure, TableMap};
use super::retention::Retention;

/// Tables and their columns, as the database reports them.
pub type Schema = BTreeMap<String, Vec<String>>;

/// Table names the desk keeps its own lookup index in.
pub const RESERVED_PREFIX: &str = "dsr_";

/// Problems a map has on its own, beyond each table's ([`table_problems`]): references
/// between entries, and the person table.
pub fn map_problems(map: &DataMap) -> Vec<String> {
    let mut problems = Vec::new();
    if map.tables.is_empty() {
        problems.push("the map lists no [[tables]]".to_string());
    }
    let mut seen = BTreeSet::new();
    for t in &map.tables {
        if !seen.insert(t.name.to_lowercase()) {
            problems.push(format!("table '{}' is listed twice", t.name));
        }
    }
    let mut ids = BTreeSet::new();
    for r in &map.recipients {
        if !ids.insert(r.id.to_lowercase()) {
            problems.push(format!("recipient '{}' is listed twice", r.id));
        }
    }
    if map.person_table().is_none() {
        problems.push(format!(
            "the person table '{}' has no [[tables]] entry saying what it holds",
            map.person.table
        ));
    }
    if map.person.name.is_empty() {
        problems.push("[person] name lists no columns".to_string());
    }
    problems
}

/// Problems of one table entry: rules that cannot work as written.
pub fn table_problems(map: &DataMap, t: &TableMap) -> Vec<String> {
    let mut problems = Vec::new();
    let name = &t.name;
    if name.to_lowercase().starts_with(RESERVED_PREFIX) {
        problems.push(format!(
            "table '{name}': names starting with '{RESERVED_PREFIX}' are the desk's own"
        ));
    }
    let is_person_table = name.eq_ignore_ascii_case(&map.person.table);
    if is_person_table {
        if !t.person_column.eq_ignore_ascii_case(&map.person.key) {
            problems.push(format!(
                "table '{name}' is the person table: its person_column must be its key '{}'",
                map.person.key
            ));
        }
        if t.erasure == Erasure::Hold {
            problems.push(format!(
                "table '{name}' is the person table: erasure cannot hold it (anonymise it instead, so held records keep their link)"
            ));
        }
    }
    if t.basis.is_empty() {
        problems.push(format!("table '{name}': basis names no legal basis"));
    }
    for r in &t.recipients {
        if map.recipient(r).is_none() {
            problems.push(format!(
                "table '{name}': recipient '{r}' is not defined in [[recipients]]"
            ));
        }
    }
    match &t.erasure {
        Erasure::Hold if t.retention.date_column().is_none() => problems.push(format!(
            "table '{name}': erasure 'hold' needs a retention rule with a date column (months or fiscal-year)"
        )),
        Erasure::Anonymise { set, clear } => {
            if set.is_empty() && clear.is_empty() {
                problems.push(format!(
                    "table '{name}': anonymise names no columns to set or clear"
                ));
            }
            if set
                .keys()
                .chain(clear.iter())
                .any(|c| c.eq_ignore_ascii_case(&t.person_column))
            {
                problems.push(format!(
                    "table '{name}': anonymise must not change the person column '{}'",
                    t.person_column
                ));
            }
        }
        _ => {}
    }
    if let Some(list) = &t.rectifiable {
        for c in list {
            let flag = |f: &Option<String>| f.as_ref().is_some_and(|f| f.eq_ignore_ascii_case(c));
            if c.eq_ignore_ascii_case(&t.person_column) {
                problems.push(format!(
                    "table '{name}': rectifiable must not list the person column '{c}'"
                ));
            } else if flag(&t.restricted_column)
                || (is_person_table && flag(&map.person.restricted_column))
            {
                problems.push(format!(
                    "table '{name}': rectifiable must not list the restriction flag '{c}'"
                ));
            }
        }
    }
    if let Some(o) = &t.on_objection
        && o.set.is_empty()
        && o.today.is_empty()
    {
        problems.push(format!("table '{name}': on_objection changes nothing"));
    }
    problems
}

/// Problems between the map and the database: missing tables and columns.
pub fn check_schema(map: &DataMap, schema: &Schema) -> Vec<String> {
    let mut problems = Vec::new();
    let lookup = |table: &str| {
        schema
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(table))
            .map(|(_, c)| c)
    };
    let known_tables = || {
        schema
            .keys()
            .filter(|t| !t.to_lowercase().starts_with(RESERVED_PREFIX))
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut need = |table: &str, what: &str, columns: Vec<&String>| match lookup(table) {
        None => problems.push(format!(
            "{what}: no table '{table}' in the customer database (it has: {})",
            known_tables()
        )),
        Some(have) => {
            for c in columns {
                if !have.iter().any(|h| h.eq_ignore_ascii_case(c)) {
                    problems.push(format!(
                        "{what}: table '{table}' has no column '{c}' (it has: {})",
                        have.join(", ")
                    ));
                }
            }
        }
    };
    let p = &map.person;
    let mut cols: Vec<&String> = vec![&p.key];
    cols.extend(&p.name);
    cols.extend(p.customer_number.iter());
    cols.extend(p.restricted_column.iter());
    need(&p.table, "[person]", cols);
    if let Some(s) = &map.suppression {
        let mut cols = vec![&s.email_hash_column, &s.date_column];
        cols.extend(s.reason_column.iter());
        need(&s.table, "[suppression]", cols);
    }
    for t in &map.tables {
        let mut cols: Vec<&String> = vec![&t.person_column];
        cols.extend(&t.email);
        cols.extend(&t.phone);
        if let Retention::Months { from, .. } | Retention::FiscalYear { from, .. } = &t.retention {
            cols.push(from);
        }
        if let Erasure::Anonymise { set, clear } = &t.erasure {
            cols.extend(set.keys());
            cols.extend(clear);
        }
        cols.extend(t.restricted_column.iter());
        cols.extend(t.rectifiable.iter().flatten());
        if let Some(o) = &t.on_objection {
            cols.extend(o.set.keys());
            cols.extend(&o.today);
        }
        need(&t.name, &format!("[[tables]] '{}'", t.name), cols);
    }
    problems
}

#[cfg(test)]
mod tests;
