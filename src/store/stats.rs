//! Statistics for the accountability file: one pass over every request.
//!
//! Lateness follows the one timeliness rule (legal-rules.md §3). A closed request's standing
//! is fixed, but an open one turns late when its deadline in force passes, so open requests
//! are kept by deadline and counted against the day the figures are looked at.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::register::{DECISIONS_COLUMN, decisions_from, instant};
use super::requests::rights_from;
use super::{Result, Store};
use crate::domain::request::{FeeBasis, Outcome, RefusalGround, Right, Status, derive_outcome};
use crate::domain::timeliness::{Facts, is_refusal, open_on};

/// Opened and closed requests in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthStats {
    pub month: String,
    pub received: u64,
    pub closed: u64,
    pub closed_on_time: u64,
}

/// The fees charged on one basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeCount {
    pub basis: FeeBasis,
    pub count: u64,
    pub total_nok: u64,
}

/// Accountability figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub total: u64,
    pub closed: u64,
    /// Closed requests answered by their deadline in force, every refusal in them within
    /// the first month.
    pub closed_on_time: u64,
    /// Share of closed requests on time, 0..=1.
    pub on_time_rate: Option<f64>,
    pub median_days_to_close: Option<f64>,
    pub per_right: Vec<(Right, u64)>,
    /// Closed requests per outcome; messages closed as not a GDPR request are left out
    /// (they are no refusal) and counted in `not_a_gdpr_request`.
    pub per_outcome: Vec<(Outcome, u64)>,
    /// Requests refused, wholly or in part, per ground (a request once per ground it was
    /// refused on); NOT_A_GDPR_REQUEST is no refusal and is not among them.
    pub refusals: Vec<(RefusalGround, u64)>,
    /// Messages closed as NOT_A_GDPR_REQUEST.
    pub not_a_gdpr_request: u64,
    /// Reasonable fees charged (legal-rules §3a), per basis: how many, and NOK in total.
    pub fees: Vec<FeeCount>,
    /// Requests extended by two months (Art. 12(3)).
    pub extended: u64,
    /// Requests where identity was asked for (Art. 12(6)).
    pub identity_asked: u64,
    /// Open requests already late: a refusal in them was decided after the one-month deadline.
    pub open_refused_late: u64,
    /// The other open requests, counted per deadline in force, oldest first: which of them
    /// are late depends on the day ([`Stats::late`]).
    pub open_by_deadline: Vec<(NaiveDate, u64)>,
    pub months: Vec<MonthStats>,
}

impl Stats {
    /// Closed requests answered late, or with a refusal decided after the one-month deadline.
    pub fn closed_late(&self) -> u64 {
        self.closed - self.closed_on_time
    }

    /// Open requests late on `today` (an Oslo date): past their deadline in force, or with a
    /// late refusal already decided.
    pub fn open_late(&self, today: NaiveDate) -> u64 {
        let overdue: u64 = self
            .open_by_deadline
            .iter()
            .filter(|(due, _)| open_on(*due, today).is_late())
            .map(|(_, n)| n)
            .sum();
        self.open_refused_late + overdue
    }

    /// Every late request on `today`, closed or open, by the one timeliness rule.
    pub fn late(&self, today: NaiveDate) -> u64 {
        self.closed_late() + self.open_late(today)
    }
}

impl Store {
    /// Statistics over every request: timeliness, median days to close, per right, outcome,
    /// refusal ground and month, extensions and identity checks.
    pub fn stats(&self) -> Result<Stats> {
        // One pass: each request's decisions come along in one column, so neither the
        // outcome nor the timeliness needs a query per request.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.rights, r.received_date, r.due_date, r.closed_at, r.status,
                    r.extension_notified IS NOT NULL, r.suspension_requested IS NOT NULL,
                    {DECISIONS_COLUMN}
             FROM requests r"
        ))?;
        let mut stats = Stats::default();
        let mut days = Vec::new();
        let mut per_right = [0u64; Right::ALL.len()];
        let mut per_ground = [0u64; RefusalGround::ALL.len()];
        let mut months: BTreeMap<String, MonthStats> = BTreeMap::new();
        let mut outcomes: BTreeMap<Outcome, u64> = BTreeMap::new();
        let mut open_by_deadline: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        stmt.each((), |r| {
            let rights = rights_from(&r.get::<_, String>(0)?);
            let received: NaiveDate = r.get::<_, String>(1)?.parse().unwrap_or_default();
            let due: NaiveDate = r.get::<_, String>(2)?.parse().unwrap_or_default();
            let closed_at = r.get::<_, Option<String>>(3)?.as_deref().and_then(instant);
            let status = Status::parse(&r.get::<_, String>(4)?).unwrap_or(Status::Open);
            let decisions = r
                .get::<_, Option<String>>(7)?
                .as_deref()
                .map(decisions_from)
                .unwrap_or_default();
            stats.total += 1;
            stats.extended += r.get::<_, bool>(5)? as u64;
            stats.identity_asked += r.get::<_, bool>(6)? as u64;
            for right in &rights {
                per_right[*right as usize] += 1;
            }
            let mut grounds: Vec<RefusalGround> = decisions
                .iter()
                .filter(|d| is_refusal(d))
                .filter_map(|d| d.ground)
                .collect();
            grounds.sort_unstable();
            grounds.dedup();
            for g in grounds {
                per_ground[g as usize] += 1;
            }
            let not_gdpr = decisions
                .iter()
                .any(|d| d.ground == Some(RefusalGround::NotAGdprRequest));
            stats.not_a_gdpr_request += not_gdpr as u64;
            let month = |d: NaiveDate| d.format("%Y-%m").to_string();
            month_entry(&mut months, month(received)).received += 1;
            let facts = Facts::new(received, due, &decisions, status, closed_at);
            match (facts.closed, facts.settled()) {
                (Some(closed_day), settled) => {
                    let on_time = settled == Some(false);
                    stats.closed += 1;
                    stats.closed_on_time += on_time as u64;
                    days.push((closed_day - received).num_days());
                    let m = month_entry(&mut months, month(closed_day));
                    m.closed += 1;
                    m.closed_on_time += on_time as u64;
                    if let Some(o) = derive_outcome(&rights, &decisions).filter(|_| !not_gdpr) {
                        *outcomes.entry(o).or_default() += 1;
                    }
                }
                (None, Some(_)) => stats.open_refused_late += 1,
                (None, None) => *open_by_deadline.entry(facts.in_force).or_default() += 1,
            }
            Ok(true)
        })?;
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
        stats.refusals = RefusalGround::ALL
            .iter()
            .map(|g| (*g, per_ground[*g as usize]))
            .filter(|(_, n)| *n > 0)
            .collect();
        stats.per_outcome = outcomes.into_iter().collect();
        let (basis, amount) = (
            self.conn.json_text("detail", "basis"),
            self.conn.json_text("detail", "amount_nok"),
        );
        let mut fees = self.conn.prepare_cached(&format!(
            "SELECT {basis}, count(*), CAST(sum(CAST({amount} AS BIGINT)) AS BIGINT)
             FROM events WHERE kind = 'fee' GROUP BY 1 ORDER BY 1"
        ))?;
        stats.fees = fees
            .query_map((), |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })?
            .filter_map(|row| {
                let (basis, count, total) = row.ok()?;
                Some(FeeCount {
                    basis: FeeBasis::parse(&basis?)?,
                    count: count.max(0) as u64,
                    total_nok: total.unwrap_or(0).max(0) as u64,
                })
            })
            .collect();
        stats.open_by_deadline = open_by_deadline.into_iter().collect();
        stats.months = months.into_values().collect();
        Ok(stats)
    }
}

fn month_entry(months: &mut BTreeMap<String, MonthStats>, month: String) -> &mut MonthStats {
    months.entry(month.clone()).or_insert(MonthStats {
        month,
        received: 0,
        closed: 0,
        closed_on_time: 0,
    })
}

#[cfg(test)]
mod tests;
