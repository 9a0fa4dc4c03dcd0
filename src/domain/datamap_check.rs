//! Checks a data map: first against itself, then against the tables and columns the customer
//! database really has. Every problem is one sentence naming the table and column.

use std::collections::{BTreeMap, BTreeSet};

use super::datamap::{Category, DataMap, Erasure, TableMap};
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
    marketing_problems(t, is_person_table, &mut problems);
    problems
}

/// A marketing table must say how an objection stops it (Art. 21(3): at once, every use),
/// in a way that can work; and only a marketing table is changed by one.
fn marketing_problems(t: &TableMap, is_person_table: bool, problems: &mut Vec<String>) {
    let name = &t.name;
    const HOW: &str = "on_objection = { set = { COLUMN = VALUE }, today = [DATE_COLUMN] } (the rows stay, their marketing use turned off) or on_objection = { delete = true } (the rows deleted)";
    if t.category == Category::Marketing && !t.marketing {
        problems.push(format!(
            "table '{name}': category 'marketing' is a marketing use: mark it marketing = true and say how an objection stops it with {HOW}"
        ));
    }
    let Some(o) = &t.on_objection else {
        if t.marketing {
            problems.push(format!(
                "table '{name}' is marked marketing = true but does not say how an objection to direct marketing stops that use: add {HOW}"
            ));
        }
        return;
    };
    if !t.marketing {
        problems.push(format!(
            "table '{name}': on_objection is what an objection to direct marketing does, and it changes only marketing tables: mark the table marketing = true, or remove on_objection"
        ));
    }
    let sets = !o.set.is_empty() || !o.today.is_empty();
    if o.delete && sets {
        problems.push(format!(
            "table '{name}': on_objection either deletes the rows or sets columns, not both"
        ));
    } else if !o.delete && !sets {
        problems.push(format!("table '{name}': on_objection changes nothing"));
    }
    if o.delete && is_person_table {
        problems.push(format!(
            "table '{name}' is the person table: an objection cannot delete it (set a column that turns marketing off instead)"
        ));
    }
    if o.delete && t.erasure == Erasure::Hold {
        problems.push(format!(
            "table '{name}': its rows may be kept on legal hold, so an objection cannot delete them (set a column that turns marketing off instead)"
        ));
    }
    if o.columns()
        .iter()
        .any(|c| c.eq_ignore_ascii_case(&t.person_column))
    {
        problems.push(format!(
            "table '{name}': on_objection must not change the person column '{}'",
            t.person_column
        ));
    }
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
            // A column named twice (a retention date that is also labelled) is missed once.
            let mut seen: Vec<&String> = Vec::new();
            for c in columns {
                if seen.contains(&c) {
                    continue;
                }
                seen.push(c);
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
        // A label for a column the table lacks would be ignored without a word.
        cols.extend(t.labels.keys());
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
