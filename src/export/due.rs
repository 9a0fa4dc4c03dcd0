//! What falls due within a number of days, overdue included: for cron jobs and mail.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::deadline::{Countdown, deadline, working_days_left};
use crate::domain::request::{Right, Status};
use crate::domain::text::one_line;
use crate::store::{QueueFilter, Store, StoreError, View};

const PAGE: u64 = 500;

/// One open request that falls due soon (or is overdue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    #[serde(rename = "ref")]
    pub reference: String,
    pub due: NaiveDate,
    pub countdown: Countdown,
    pub working_days_left: i64,
    pub rights: Vec<Right>,
    pub status: Status,
    pub extended: bool,
    /// The last day to notify an extension, while one is still possible.
    pub extension_notice_by: Option<NaiveDate>,
    /// Only when names were asked for.
    pub name: Option<String>,
}

/// Open requests due on or before `today + within` days, most urgent first.
pub fn due_within(
    store: &Store,
    today: NaiveDate,
    within: u64,
    names: bool,
) -> Result<Vec<DueItem>, StoreError> {
    let limit = today
        .checked_add_days(Days::new(within))
        .unwrap_or(NaiveDate::MAX);
    let filter = QueueFilter {
        view: View::Open,
        ..QueueFilter::default()
    };
    let mut items = Vec::new();
    let mut offset = 0;
    // The open queue is ordered by deadline: stop at the first one beyond the limit.
    'pages: loop {
        let page = store.page(&filter, today, offset, PAGE)?;
        for row in &page {
            if row.due > limit {
                break 'pages;
            }
            let one_month = deadline(row.received_date);
            items.push(DueItem {
                reference: row.reference.clone(),
                due: row.due,
                countdown: Countdown::new(row.due, today),
                working_days_left: working_days_left(row.due, today),
                rights: row.rights.clone(),
                status: row.status,
                extended: row.extended,
                extension_notice_by: (!row.extended && today <= one_month).then_some(one_month),
                name: names.then(|| one_line(&row.name)),
            });
        }
        if (page.len() as u64) < PAGE {
            break;
        }
        offset += PAGE;
    }
    Ok(items)
}
