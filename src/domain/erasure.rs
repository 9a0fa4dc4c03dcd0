//! What an erasure did, as evidence: counts per table and a hash over the removed content,
//! never the content itself. Written by the customer records, read by the case summary.
//! And what it kept, grouped the way the person is told: per kind of record and date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::datamap::RecordName;

/// What erasure did to one table of one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEvidence {
    pub customer_id: i64,
    pub table: String,
    pub deleted: usize,
    pub anonymised: usize,
    /// Kept on legal hold.
    pub kept: usize,
    pub keep_through: Option<NaiveDate>,
    pub law: Option<String>,
    /// Over each deleted row and each anonymised row's old values; `None` if nothing left.
    pub sha256: Option<String>,
}

/// Records of one kind kept on legal hold until one date, summed over the customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptKind {
    pub table: String,
    /// The table's title, said when the data map gives the records no name.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_name: Option<RecordName>,
    pub count: usize,
    pub keep_through: NaiveDate,
    /// The law that requires keeping them.
    pub law: Option<String>,
}

/// What an erasure keeps, as the person is told it: per kind of record how many until when,
/// and the laws behind it, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptRecords {
    /// One entry per kind and date: kinds in the order first given, dates ascending.
    pub kinds: Vec<KeptKind>,
    /// In the order first given.
    pub laws: Vec<String>,
}

impl KeptRecords {
    /// Sums entries of the same table, date and law (one per customer and date, say) into
    /// one; entries with nothing kept are left out.
    pub fn of(entries: impl IntoIterator<Item = KeptKind>) -> KeptRecords {
        let mut kinds: Vec<KeptKind> = Vec::new();
        let mut tables: Vec<String> = Vec::new();
        for e in entries.into_iter().filter(|e| e.count > 0) {
            if !tables.contains(&e.table) {
                tables.push(e.table.clone());
            }
            match kinds
                .iter_mut()
                .find(|k| k.table == e.table && k.keep_through == e.keep_through && k.law == e.law)
            {
                Some(k) => k.count += e.count,
                None => kinds.push(e),
            }
        }
        let first_seen = |table: &str| tables.iter().position(|t| t == table);
        kinds.sort_by_key(|k| (first_seen(&k.table), k.keep_through));
        let mut laws: Vec<String> = Vec::new();
        for law in kinds.iter().filter_map(|k| k.law.as_ref()) {
            if !laws.contains(law) {
                laws.push(law.clone());
            }
        }
        KeptRecords { kinds, laws }
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Rows kept, all kinds.
    pub fn total(&self) -> usize {
        self.kinds.iter().map(|k| k.count).sum()
    }

    /// The last day anything is kept: the date the erasure is complete.
    pub fn until(&self) -> Option<NaiveDate> {
        self.kinds.iter().map(|k| k.keep_through).max()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::datamap::Noun;

    pub(crate) fn kind(table: &str, count: usize, through: &str) -> KeptKind {
        let (nb, en, law) = match table {
            "orders" => (
                ["faktura", "fakturaer"],
                ["invoice", "invoices"],
                "bokføringsloven § 13 (1) nr. 1-4",
            ),
            _ => (
                ["pakkseddel", "pakksedler"],
                ["packing slip", "packing slips"],
                "bokføringsloven § 13 (1) nr. 5-8",
            ),
        };
        let noun = |[one, many]: [&str; 2]| Noun {
            one: one.into(),
            many: many.into(),
        };
        KeptKind {
            table: table.into(),
            title: table.into(),
            record_name: Some(RecordName {
                nb: Some(noun(nb)),
                nn: None,
                en: Some(noun(en)),
            }),
            count,
            keep_through: through.parse().expect("date"),
            law: Some(law.into()),
        }
    }

    #[test]
    fn two_customers_sum_into_one_entry_per_kind_and_date() {
        let kept = KeptRecords::of([
            // Customer 1, then customer 2, each in the data map's table order.
            kind("orders", 2, "2031-12-31"),
            kind("shipments", 1, "2029-06-30"),
            kind("orders", 3, "2031-12-31"),
            kind("shipments", 2, "2029-06-30"),
            kind("shipments", 0, "2030-06-30"),
        ]);
        let seen: Vec<_> = kept
            .kinds
            .iter()
            .map(|k| (k.table.as_str(), k.count, k.keep_through.to_string()))
            .collect();
        assert_eq!(
            seen,
            [
                ("orders", 5, "2031-12-31".to_string()),
                ("shipments", 3, "2029-06-30".to_string())
            ]
        );
        assert_eq!(
            kept.laws,
            [
                "bokføringsloven § 13 (1) nr. 1-4",
                "bokføringsloven § 13 (1) nr. 5-8"
            ]
        );
        assert_eq!(kept.total(), 8);
        assert_eq!(kept.until(), Some("2031-12-31".parse().expect("date")));
    }

    #[test]
    fn one_kind_kept_until_several_dates_is_listed_by_date_and_its_law_once() {
        let kept = KeptRecords::of([
            kind("orders", 1, "2031-12-31"),
            kind("orders", 2, "2027-12-31"),
            kind("orders", 1, "2031-12-31"),
        ]);
        let seen: Vec<_> = kept.kinds.iter().map(|k| k.count).collect();
        assert_eq!(seen, [2, 2]);
        assert_eq!(kept.kinds[0].keep_through.to_string(), "2027-12-31");
        assert_eq!(kept.laws.len(), 1);
        assert!(KeptRecords::of([]).is_empty());
        assert_eq!(KeptRecords::of([]).until(), None);
    }
}
