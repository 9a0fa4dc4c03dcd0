//! A field of a linked customer the customer menu offers to rectify: how it is named in the
//! menu and carried in the option's value.

use crate::domain::datamap::ValueKind;
use crate::domain::text::one_line;

/// A field of a linked customer that may be rectified: one option of the menu's `field`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectifyTarget {
    pub customer_id: i64,
    /// Empty in privacy mode.
    pub customer_name: String,
    pub row: i64,
    /// Whether the customer has more rows in the table (then the row is named).
    pub one_of_several: bool,
    pub table: String,
    pub field: String,
    pub kind: ValueKind,
    /// Shown to help choose; `None` hides it (privacy mode).
    pub current: Option<String>,
}

/// Parts of an option value; a control character no table or column name holds.
const SEP: char = '\u{1f}';

impl RectifyTarget {
    /// The option value: starts with the table, so typing its first letter jumps to it.
    pub(super) fn value(&self) -> String {
        format!(
            "{}{SEP}{}{SEP}{}{SEP}{}{SEP}{}",
            self.table,
            self.field,
            self.customer_id,
            self.row,
            self.kind.as_str()
        )
    }

    pub(super) fn label(&self) -> String {
        let row = if self.one_of_several {
            format!(" row {}", self.row)
        } else {
            String::new()
        };
        let now = match &self.current {
            Some(v) if v.is_empty() => " (empty)".to_string(),
            Some(v) => format!(" = {}", shorten(&one_line(v), 30)),
            None => String::new(),
        };
        let who = if self.customer_name.is_empty() {
            format!("#{}", self.customer_id)
        } else {
            format!("#{} {}", self.customer_id, one_line(&self.customer_name))
        };
        format!("{}.{}{row}{now}  ({who})", self.table, self.field)
    }
}

/// (table, field, customer, row, kind) from an option value.
pub(super) fn parse_target(value: &str) -> Option<(String, String, i64, i64, ValueKind)> {
    let parts: Vec<&str> = value.split(SEP).collect();
    let [table, field, customer, row, kind] = parts.as_slice() else {
        return None;
    };
    Some((
        table.to_string(),
        field.to_string(),
        customer.parse().ok()?,
        row.parse().ok()?,
        ValueKind::parse(kind),
    ))
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
