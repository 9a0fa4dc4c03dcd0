//! What an erasure did, as evidence: counts per table and a hash over the removed content,
//! never the content itself. Written by the customer records, read by the case summary.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
