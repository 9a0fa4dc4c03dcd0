//! The statements of a lookup: seeks on the desk's key index and FTS5 name matches.

use rusqlite::Connection;

use super::Result;
#[cfg(test)]
use super::sql;

/// Customers with one normalised key: an index seek on `dsr_keys_lookup`.
pub(crate) const KEY_EXACT_SQL: &str =
    "SELECT customer_id FROM dsr_keys WHERE kind = ?1 AND key = ?2 LIMIT 200";
/// Customers with a key in a range (a prefix): a range seek on the same index.
pub(crate) const KEY_RANGE_SQL: &str =
    "SELECT customer_id FROM dsr_keys WHERE kind = ?1 AND key >= ?2 AND key < ?3 LIMIT 200";
/// Folded names matching an FTS5 query, in rowid order (ranking is done on the candidates).
pub(crate) const NAME_SQL: &str =
    "SELECT rowid, name FROM dsr_names WHERE dsr_names MATCH ?1 LIMIT ?2";

/// Every statement a lookup runs, for checking their query plans.
#[cfg(test)]
pub(crate) fn statements(map: &crate::domain::datamap::DataMap) -> Vec<String> {
    let mut all = vec![
        KEY_EXACT_SQL.to_string(),
        KEY_RANGE_SQL.to_string(),
        NAME_SQL.to_string(),
        sql::person_summary_sql(map),
        super::records::RESTRICTED_SQL.to_string(),
    ];
    all.extend(
        map.person
            .restricted_column
            .iter()
            .map(|c| super::records::restricted_flag_sql(map, c)),
    );
    for t in &map.tables {
        // Not a lookup, but what opening a result runs: records by the link column.
        all.push(sql::person_rows_sql(t));
        for c in t.email.iter().chain(&t.phone) {
            all.push(sql::first_value_sql(t, c));
        }
    }
    all
}

/// Customer ids with `key` (or, with `end`, a key in `[key, end)`) of one kind.
pub(crate) fn ids(conn: &Connection, kind: i64, key: &str, end: Option<&str>) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    match end {
        None => {
            let mut stmt = conn.prepare_cached(KEY_EXACT_SQL)?;
            let rows = stmt.query_map(rusqlite::params![kind, key], |r| r.get(0))?;
            for r in rows {
                out.push(r?);
            }
        }
        Some(end) => {
            let mut stmt = conn.prepare_cached(KEY_RANGE_SQL)?;
            let rows = stmt.query_map(rusqlite::params![kind, key, end], |r| r.get(0))?;
            for r in rows {
                out.push(r?);
            }
        }
    }
    Ok(out)
}
