//! What an objection to direct marketing did (Art. 21(2)-(3)), as evidence: per marketing
//! table of the data map how its use was stopped and for how many rows, and the suppression
//! list. Written by the customer records, read by the case summary.

use serde::{Deserialize, Serialize};

/// What an objection to marketing changed for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketingStopped {
    pub customer_id: i64,
    /// Every table the data map marks as marketing, in the map's order, and what was done.
    pub tables: Vec<TableStopped>,
    pub suppression_entries_added: usize,
    /// Addresses that now stay off the marketing lists (already there or added).
    pub suppressed_addresses: usize,
}

/// How one marketing table's use was stopped for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Recorded")]
pub struct TableStopped {
    pub table: String,
    pub action: StopAction,
    /// The columns set, when updated (the date columns set to the day included).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    pub rows: usize,
}

/// What was done to a marketing table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StopAction {
    /// The rows stay; the columns the map names (an unsubscribe flag) turn their use off.
    Updated,
    /// The rows are gone: nothing but marketing used them.
    Deleted,
}

impl StopAction {
    /// "turned off" / "deleted", for summaries.
    pub fn done(self) -> &'static str {
        match self {
            StopAction::Updated => "turned off",
            StopAction::Deleted => "deleted",
        }
    }
}

/// A table's entry as events recorded it: today's shape, or the `[table, rows]` pair of
/// events written before tables said how they were stopped (all were updates then).
#[derive(Deserialize)]
#[serde(untagged)]
enum Recorded {
    Now {
        table: String,
        action: StopAction,
        #[serde(default)]
        columns: Vec<String>,
        rows: usize,
    },
    Before(String, usize),
}

impl From<Recorded> for TableStopped {
    fn from(r: Recorded) -> TableStopped {
        match r {
            Recorded::Now {
                table,
                action,
                columns,
                rows,
            } => TableStopped {
                table,
                action,
                columns,
                rows,
            },
            Recorded::Before(table, rows) => TableStopped {
                table,
                action: StopAction::Updated,
                columns: Vec::new(),
                rows,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_entries_read_back_in_either_shape() {
        let now = TableStopped {
            table: "email_events".into(),
            action: StopAction::Deleted,
            columns: Vec::new(),
            rows: 2,
        };
        let json = serde_json::to_value(&now).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"table": "email_events", "action": "deleted", "rows": 2})
        );
        assert_eq!(
            serde_json::from_value::<TableStopped>(json).expect("back"),
            now
        );
        let before: TableStopped =
            serde_json::from_value(serde_json::json!(["newsletter_subscriptions", 1]))
                .expect("an earlier event");
        assert_eq!(
            (before.action, before.rows),
            (StopAction::Updated, 1),
            "{before:?}"
        );
    }
}
