//! Statistics for the accountability file: one pass over every request.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::requests::rights_from;
use super::{Result, Store};
use crate::domain::request::{Decision, Outcome, Right, derive_outcome};

/// Opened and closed requests in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthStats {
    pub month: String,
    pub received: u64,
    pub closed: u64,
    pub closed_on_time: u64,
}

/// Accountability figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub total: u64,
    pub closed: u64,
    pub closed_on_time: u64,
    /// Share of closed requests closed by their deadline in force, 0..=1.
    pub on_time_rate: Option<f64>,
    pub median_days_to_close: Option<f64>,
    pub per_right: Vec<(Right, u64)>,
    pub per_outcome: Vec<(Outcome, u64)>,
    pub months: Vec<MonthStats>,
}

impl Store {
    /// Statistics over every request: on-time rate, median days to close, per right, per month.
    pub fn stats(&self) -> Result<Stats> {
        // One pass: a closed request's decisions come along as `right:kind,...`, so the
        // outcome needs no query per request.
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.rights, r.received_date, r.due_date, r.closed_at, r.status,
                    CASE WHEN r.is_open = 0 THEN
                        (SELECT group_concat(ifnull(d.right_asked, '') || ':' || d.kind, ',')
                         FROM decisions d WHERE d.request_id = r.id)
                    END
             FROM requests r",
        )?;
        let mut rows = stmt.query([])?;
        let mut stats = Stats::default();
        let mut days = Vec::new();
        let mut per_right = [0u64; 6];
        let mut months: std::collections::BTreeMap<String, MonthStats> = Default::default();
        let mut outcomes: std::collections::BTreeMap<Outcome, u64> = Default::default();
        while let Some(r) = rows.next()? {
            let rights = rights_from(&r.get::<_, String>(1)?);
            let received: NaiveDate = r.get::<_, String>(2)?.parse().unwrap_or_default();
            let due: NaiveDate = r.get::<_, String>(3)?.parse().unwrap_or_default();
            stats.total += 1;
            for right in &rights {
                per_right[*right as usize] += 1;
            }
            let month = |d: NaiveDate| d.format("%Y-%m").to_string();
            month_entry(&mut months, month(received)).received += 1;
            let closed_at: Option<String> = r.get(4)?;
            if let (Some(closed_at), "closed") = (closed_at, r.get::<_, String>(5)?.as_str()) {
                let closed_day = crate::domain::deadline::oslo_date(
                    DateTime::parse_from_rfc3339(&closed_at)
                        .map(|d| d.with_timezone(&Utc))
                        .unwrap_or_default(),
                );
                let on_time = closed_day <= due;
                stats.closed += 1;
                stats.closed_on_time += on_time as u64;
                days.push((closed_day - received).num_days());
                let m = month_entry(&mut months, month(closed_day));
                m.closed += 1;
                m.closed_on_time += on_time as u64;
                let decided =
                    decisions_from_summary(&r.get::<_, Option<String>>(6)?.unwrap_or_default());
                if let Some(o) = derive_outcome(&rights, &decided) {
                    *outcomes.entry(o).or_default() += 1;
                }
            }
        }
        if stats.closed > 0 {
            stats.on_time_rate = Some(stats.closed_on_time as f64 / stats.closed as f64);
        }
        days.sort_unstable();
        if !days.is_empty() {
            let n = days.len();
            stats.median_days_to_close = Some(if n % 2 == 1 {
                days[n / 2] as f64
            } else {
                (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
            });
        }
        stats.per_right = Right::ALL
            .iter()
            .map(|r| (*r, per_right[*r as usize]))
            .collect();
        stats.per_outcome = outcomes.into_iter().collect();
        stats.months = months.into_values().collect();
        Ok(stats)
    }
}

/// Decisions from `right:kind,...` (an empty right: the whole request), with only what the
/// outcome is derived from.
fn decisions_from_summary(text: &str) -> Vec<Decision> {
    text.split(',')
        .filter_map(|item| {
            let (right, kind) = item.split_once(':')?;
            Some(Decision {
                right: Right::parse(right),
                kind: crate::domain::request::DecisionKind::parse(kind)?,
                ground: None,
                reason: None,
                decided_by: String::new(),
                decided_at: DateTime::<Utc>::UNIX_EPOCH,
            })
        })
        .collect()
}

fn month_entry(
    months: &mut std::collections::BTreeMap<String, MonthStats>,
    month: String,
) -> &mut MonthStats {
    months.entry(month.clone()).or_insert(MonthStats {
        month,
        received: 0,
        closed: 0,
        closed_on_time: 0,
    })
}
