//! Small SQL helpers over mapped tables: quoting names from the data map, reading rows as
//! JSON, writing configured values.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value as Json};

use super::Result;
use crate::domain::datamap::{DataMap, FieldValue, TableMap};

/// A table or column name from the data map, quoted for SQL. The map has been checked
/// against the schema, and quoting keeps even odd names from being read as SQL.
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Problems with tables that have no rowid (the desk addresses rows by it).
pub(crate) fn check_rowids(conn: &Connection, map: &DataMap) -> Vec<String> {
    map.tables
        .iter()
        .filter(|t| {
            conn.prepare(&format!("SELECT rowid FROM {} LIMIT 0", ident(&t.name)))
                .is_err()
        })
        .map(|t| {
            format!(
                "table '{}' is a WITHOUT ROWID table; the desk needs a rowid to address its rows",
                t.name
            )
        })
        .collect()
}

/// A stored value as JSON (blobs as hex, since JSON has no bytes).
pub(crate) fn to_json(v: ValueRef<'_>) -> Json {
    match v {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(i) => Json::from(i),
        ValueRef::Real(f) => Json::from(f),
        ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Json::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

/// A configured value as SQL.
pub(crate) fn to_sql(v: &FieldValue) -> Value {
    match v {
        FieldValue::Bool(b) => Value::Integer(i64::from(*b)),
        FieldValue::Integer(i) => Value::Integer(*i),
        FieldValue::Real(f) => Value::Real(*f),
        FieldValue::Text(t) => Value::Text(t.clone()),
    }
}

/// All columns of a person's rows of one table, by the link column.
pub(crate) fn person_rows_sql(table: &TableMap) -> String {
    format!(
        "SELECT rowid, * FROM {} WHERE {} = ?1 ORDER BY rowid",
        ident(&table.name),
        ident(&table.person_column)
    )
}

/// The rows of `table` that belong to a person, as (rowid, column -> value), by rowid.
pub(crate) fn person_rows(
    conn: &Connection,
    table: &TableMap,
    person: i64,
) -> Result<Vec<(i64, Map<String, Json>)>> {
    let mut stmt = conn.prepare_cached(&person_rows_sql(table))?;
    let names: Vec<String> = stmt.column_names().skip(1).map(str::to_string).collect();
    let mut rows = stmt.query([person])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut fields = Map::new();
        for (i, name) in names.iter().enumerate() {
            fields.insert(name.clone(), to_json(r.get_ref(i + 1)?));
        }
        out.push((r.get(0)?, fields));
    }
    Ok(out)
}

/// Whether the person table has this key.
pub(crate) fn person_exists(conn: &Connection, map: &DataMap, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT 1 FROM {} WHERE {} = ?1",
            ident(&map.person.table),
            ident(&map.person.key)
        ))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Name columns and the customer number (or NULL) of one person, by key.
pub(crate) fn person_summary_sql(map: &DataMap) -> String {
    let p = &map.person;
    let mut cols: Vec<String> = p.name.iter().map(|c| ident(c)).collect();
    cols.push(
        p.customer_number
            .as_deref()
            .map(ident)
            .unwrap_or_else(|| "NULL".into()),
    );
    format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        cols.join(", "),
        ident(&p.table),
        ident(&p.key)
    )
}

/// A person's display name and customer number, if the person exists.
pub(crate) fn person_summary(
    conn: &Connection,
    map: &DataMap,
    id: i64,
) -> Result<Option<(String, Option<String>)>> {
    let n = map.person.name.len();
    Ok(conn
        .prepare_cached(&person_summary_sql(map))?
        .query_row([id], |r| {
            let parts = (0..n)
                .map(|i| r.get::<_, Option<String>>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let name = parts
                .into_iter()
                .flatten()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            Ok((name, r.get::<_, Option<String>>(n)?))
        })
        .optional()?)
}

/// A person's customer number, if the map has one and the person exists.
pub(crate) fn customer_number(conn: &Connection, map: &DataMap, id: i64) -> Result<Option<String>> {
    Ok(person_summary(conn, map, id)?.and_then(|(_, n)| n))
}

/// The first non-empty value of column `c` in a person's rows of `t`.
pub(crate) fn first_value_sql(t: &TableMap, c: &str) -> String {
    format!(
        "SELECT {c} FROM {t} WHERE {p} = ?1 AND {c} IS NOT NULL AND {c} <> '' ORDER BY rowid LIMIT 1",
        c = ident(c),
        t = ident(&t.name),
        p = ident(&t.person_column)
    )
}

/// The first non-empty value of any of `columns` in the person's rows of each table, in map
/// order (the e-mail or phone a result list shows).
pub(crate) fn first_value(
    conn: &Connection,
    map: &DataMap,
    id: i64,
    columns: impl Fn(&TableMap) -> &[String],
) -> Result<Option<String>> {
    for t in &map.tables {
        for c in columns(t) {
            let v: Option<String> = conn
                .prepare_cached(&first_value_sql(t, c))?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if v.is_some() {
                return Ok(v);
            }
        }
    }
    Ok(None)
}
