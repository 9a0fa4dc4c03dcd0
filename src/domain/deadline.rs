//! Deadline arithmetic of Art. 12(3) GDPR under Regulation 1182/71 (legal-rules.md §1).
//!
//! Everything here is pure: receipt instants and "today" are passed in.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use chrono_tz::Europe::Oslo;
use serde::Serialize;

use super::holidays::{is_working_day, non_working_reason};

/// The calendar date of an instant in Europe/Oslo: receipt dates and "today" are Oslo dates.
pub fn oslo_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Oslo).date_naive()
}

/// Same day-of-month `n` months later, clamped to that month's last day.
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    // chrono clamps to the last day of the month, which is exactly 1182/71 Art. 3(2)(c).
    date.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// Moves a date forward past Saturdays, Sundays and Norwegian public holidays.
pub fn roll(date: NaiveDate) -> NaiveDate {
    roll_explained(date).0
}

/// `roll`, also listing each day skipped and why.
pub fn roll_explained(mut date: NaiveDate) -> (NaiveDate, Vec<(NaiveDate, String)>) {
    let mut skipped = Vec::new();
    while let Some(why) = non_working_reason(date) {
        skipped.push((date, why));
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    (date, skipped)
}

/// The one-month deadline for a request received on `receipt` (an Oslo date).
pub fn deadline(receipt: NaiveDate) -> NaiveDate {
    roll(add_months(receipt, 1))
}

/// The deadline extended by two further months: three months from receipt, rolled.
pub fn extended_deadline(receipt: NaiveDate) -> NaiveDate {
    roll(add_months(receipt, 3))
}

/// An extension under Art. 12(3): notified to the person, with reasons, before the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extension {
    pub notified: NaiveDate,
    pub reason: String,
}

/// A suspension while identity or clarification is awaited (Art. 12(6)); off by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suspension {
    pub requested: NaiveDate,
    pub reason: String,
    pub answered: Option<NaiveDate>,
}

/// Checks an extension notice date (Art. 12(3)): sent within the first month, not before
/// the request was received, and not in the future (`today`, in Oslo).
pub fn check_extension(
    receipt: NaiveDate,
    notified: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    let due = deadline(receipt);
    if notified > today {
        return Err(format!(
            "the extension notice date {notified} is in the future (today is {today}); record the notice once it is sent"
        ));
    }
    if notified > due {
        return Err(format!(
            "the extension notice date {notified} is after the one-month deadline {due}; \
             Art. 12(3) requires notice within the first month"
        ));
    }
    if notified < receipt {
        return Err(format!(
            "the extension notice date {notified} is before the request was received ({receipt})"
        ));
    }
    Ok(())
}

/// The day the GDPR began to apply: no request under it was received earlier.
pub const GDPR_APPLIES_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2018, 5, 25) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// How far a receipt time may lie ahead of this machine's clock: other clocks (a mail
/// server's, a web form's) run a little fast.
pub const RECEIPT_CLOCK_TOLERANCE: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// Checks a receipt time: not in the future (beyond the clock tolerance), not before the
/// GDPR applied. The one rule for the command line, the desk's form and intake.
pub fn check_receipt(received: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), String> {
    if received > now + RECEIPT_CLOCK_TOLERANCE {
        return Err(format!(
            "the receipt time {} is in the future",
            received.with_timezone(&Oslo).format("%Y-%m-%d %H:%M")
        ));
    }
    if oslo_date(received) < GDPR_APPLIES_FROM {
        return Err(format!(
            "the receipt date {} is before the GDPR applied ({GDPR_APPLIES_FROM})",
            oslo_date(received)
        ));
    }
    Ok(())
}

/// The deadline in force and every step that led to it, for display and for the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineExplanation {
    pub receipt: NaiveDate,
    /// One month after receipt, before rolling.
    pub nominal: NaiveDate,
    /// Days skipped after `nominal` and why (weekend or holiday names).
    pub rolled_over: Vec<(NaiveDate, String)>,
    /// The hard one-month deadline; a refusal must be sent by this date even when extended.
    pub deadline: NaiveDate,
    pub extension: Option<Extension>,
    /// Three months after receipt, rolled; set when an extension is recorded.
    pub extended: Option<NaiveDate>,
    pub extended_rolled_over: Vec<(NaiveDate, String)>,
    pub suspension: Option<Suspension>,
    /// Days the clock stood still (answer date minus request date) when suspension applies.
    pub suspended_days: Option<i64>,
    /// The deadline adjusted for the suspension; `None` when none applies or no answer yet.
    pub adjusted: Option<NaiveDate>,
    /// The date the desk counts down to.
    pub in_force: NaiveDate,
}

impl DeadlineExplanation {
    /// Works out the deadline in force. A suspension counts only when `suspension_enabled`
    /// (the configurable, off-by-default model) and its answer date is recorded.
    pub fn compute(
        receipt: NaiveDate,
        extension: Option<&Extension>,
        suspension: Option<&Suspension>,
        suspension_enabled: bool,
    ) -> Self {
        let nominal = add_months(receipt, 1);
        let (deadline, rolled_over) = roll_explained(nominal);
        let (extended, extended_rolled_over, base_nominal) = match extension {
            Some(_) => {
                let ext_nominal = add_months(receipt, 3);
                let (ext, skipped) = roll_explained(ext_nominal);
                (Some(ext), skipped, ext_nominal)
            }
            None => (None, Vec::new(), nominal),
        };
        let hard = extended.unwrap_or(deadline);
        let (suspended_days, adjusted) = match (suspension_enabled, suspension) {
            (true, Some(s)) => match s.answered {
                Some(answered) => {
                    let days = (answered - s.requested).num_days().max(0);
                    (
                        Some(days),
                        Some(roll(base_nominal + Days::new(days as u64))),
                    )
                }
                None => (None, None),
            },
            _ => (None, None),
        };
        DeadlineExplanation {
            receipt,
            nominal,
            rolled_over,
            deadline,
            extension: extension.cloned(),
            extended,
            extended_rolled_over,
            suspension: suspension.cloned(),
            suspended_days,
            adjusted,
            in_force: adjusted.unwrap_or(hard),
        }
    }

    /// The explanation as lines a person can follow, oldest step first.
    pub fn steps(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Received {} (Europe/Oslo date; that day is not counted)",
            self.receipt
        )];
        out.push(format!("+ 1 month = {}", self.nominal));
        for (day, why) in &self.rolled_over {
            out.push(format!("  {day} is {why}: moved to the next working day"));
        }
        out.push(format!(
            "Deadline {} (a refusal must be sent by this date)",
            self.deadline
        ));
        if let (Some(ext), Some(extended)) = (&self.extension, self.extended) {
            out.push(format!(
                "Extended by two months (notified {}: {}) -> receipt + 3 months = {}",
                ext.notified,
                ext.reason,
                add_months(self.receipt, 3)
            ));
            for (day, why) in &self.extended_rolled_over {
                out.push(format!("  {day} is {why}: moved to the next working day"));
            }
            out.push(format!("Extended deadline {extended}"));
        }
        if let Some(s) = &self.suspension {
            match (self.suspended_days, self.adjusted) {
                (Some(days), Some(adjusted)) => out.push(format!(
                    "Suspended {} -> {} ({days} days: {}) -> adjusted deadline {adjusted}",
                    s.requested,
                    s.answered.map(|a| a.to_string()).unwrap_or_default(),
                    s.reason
                )),
                _ => out.push(match s.answered {
                    Some(answered) => format!(
                        "Identity/clarification asked {} ({}), answered {answered}; the clock was \
                         not suspended (suspension is off)",
                        s.requested, s.reason
                    ),
                    None => format!(
                        "Identity/clarification asked {} ({}); the hard deadline still runs",
                        s.requested, s.reason
                    ),
                }),
            }
        }
        out.push(format!("In force: {}", self.in_force));
        out
    }
}

/// Where a deadline stands as seen from `today` (an Oslo date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "days")]
pub enum Countdown {
    /// Calendar days left (1 = due tomorrow).
    Left(i64),
    DueToday,
    /// Calendar days past the deadline.
    Overdue(i64),
}

impl Countdown {
    pub fn new(due: NaiveDate, today: NaiveDate) -> Self {
        let days = (due - today).num_days();
        match days {
            0 => Countdown::DueToday,
            d if d > 0 => Countdown::Left(d),
            d => Countdown::Overdue(-d),
        }
    }

    /// Short form for the queue: "12 d", "today", "3 d overdue".
    pub fn short(&self) -> String {
        match self {
            Countdown::Left(d) => format!("{d} d"),
            Countdown::DueToday => "today".into(),
            Countdown::Overdue(d) => format!("{d} d overdue"),
        }
    }
}

/// Working days after `today` up to and including `due`; negative when overdue
/// (minus the working days from the day after `due` through `today`).
pub fn working_days_left(due: NaiveDate, today: NaiveDate) -> i64 {
    let count = |from: NaiveDate, to: NaiveDate| {
        // Working days in (from, to].
        let mut n = 0;
        let mut d = from;
        while d < to {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if is_working_day(d) {
                n += 1;
            }
        }
        n
    };
    if due >= today {
        count(today, due)
    } else {
        -count(due, today)
    }
}

#[cfg(test)]
mod receipt_tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[test]
    fn a_receipt_is_neither_in_the_future_nor_before_the_gdpr() {
        let now = t("2026-12-01T12:00:00Z");
        assert!(check_receipt(now, now).is_ok());
        assert!(check_receipt(now + RECEIPT_CLOCK_TOLERANCE, now).is_ok());
        let ahead = now + RECEIPT_CLOCK_TOLERANCE + chrono::TimeDelta::seconds(1);
        assert!(check_receipt(ahead, now).is_err_and(|e| e.contains("future")));
        // 2018-05-24 22:30 UTC is already 25 May in Oslo.
        assert!(check_receipt(t("2018-05-24T22:30:00Z"), now).is_ok());
        assert!(check_receipt(t("2018-05-24T21:30:00Z"), now).is_err_and(|e| e.contains("GDPR")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// The worked vectors of legal-rules.md §1 (received, deadline, extended deadline), from the
    /// one table the unit tests and the command-line tests share.
    fn vectors() -> Vec<(&'static str, &'static str, &'static str)> {
        include_str!("../../assets/legal-vectors.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut f = l.split('\t');
                let mut next = || f.next().expect("three columns");
                (next(), next(), next())
            })
            .collect()
    }

    #[test]
    fn worked_vectors() {
        let vectors = vectors();
        assert_eq!(vectors.len(), 13, "every vector of the table");
        for (received, due, ext) in vectors {
            assert_eq!(deadline(d(received)), d(due), "deadline for {received}");
            assert_eq!(
                extended_deadline(d(received)),
                d(ext),
                "extension for {received}"
            );
        }
    }

    #[test]
    fn receipt_is_the_oslo_date() {
        let at: DateTime<Utc> = "2025-01-31T23:30:00Z".parse().expect("instant");
        assert_eq!(oslo_date(at), d("2025-02-01"));
        assert_eq!(deadline(oslo_date(at)), d("2025-03-03"));
        // Summer time: 22:30Z on 30 June is 00:30 on 1 July in Oslo.
        let summer: DateTime<Utc> = "2025-06-30T22:30:00Z".parse().expect("instant");
        assert_eq!(oslo_date(summer), d("2025-07-01"));
    }

    #[test]
    fn thirty_days_would_be_wrong() {
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_ne!(deadline(d("2025-01-31")), d("2025-01-31") + Days::new(30));
    }

    #[test]
    fn explanation_names_the_skipped_days() {
        let e = DeadlineExplanation::compute(d("2026-03-05"), None, None, false);
        assert_eq!(e.nominal, d("2026-04-05"));
        let reasons: Vec<_> = e.rolled_over.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(reasons, ["Easter Sunday", "Easter Monday"]);
        assert_eq!(e.in_force, d("2026-04-07"));
        assert!(e.steps().iter().any(|s| s.contains("Easter Monday")));
    }

    #[test]
    fn extension_moves_the_deadline_in_force_but_not_the_refusal_date() {
        let ext = Extension {
            notified: d("2025-03-20"),
            reason: "complex".into(),
        };
        let e = DeadlineExplanation::compute(d("2025-03-05"), Some(&ext), None, false);
        assert_eq!(e.deadline, d("2025-04-07"));
        assert_eq!(e.in_force, d("2025-06-05"));
    }

    #[test]
    fn extension_notice_must_come_within_the_first_month() {
        let today = d("2025-05-01");
        assert!(check_extension(d("2025-03-05"), d("2025-04-07"), today).is_ok());
        assert!(check_extension(d("2025-03-05"), d("2025-04-08"), today).is_err());
        assert!(check_extension(d("2025-03-05"), d("2025-03-04"), today).is_err());
        // A notice dated after today has not been sent yet.
        let early = d("2025-03-20");
        let future = check_extension(d("2025-03-05"), d("2025-03-21"), early);
        assert!(future.is_err_and(|e| e.contains("in the future")));
        assert!(check_extension(d("2025-03-05"), early, early).is_ok());
    }

    #[test]
    fn suspension_counts_only_when_enabled_and_answered() {
        let s = Suspension {
            requested: d("2025-03-10"),
            reason: "doubt".into(),
            answered: Some(d("2025-03-17")),
        };
        let off = DeadlineExplanation::compute(d("2025-03-05"), None, Some(&s), false);
        assert_eq!(off.in_force, d("2025-04-07"));
        let on = DeadlineExplanation::compute(d("2025-03-05"), None, Some(&s), true);
        // nominal 5 April + 7 days = 12 April (Saturday) -> Monday 14 April.
        assert_eq!(on.suspended_days, Some(7));
        assert_eq!(on.adjusted, Some(d("2025-04-14")));
        assert_eq!(on.in_force, d("2025-04-14"));
        assert_eq!(
            on.deadline,
            d("2025-04-07"),
            "the hard deadline is still shown"
        );
        let pending = Suspension {
            answered: None,
            ..s
        };
        let waiting = DeadlineExplanation::compute(d("2025-03-05"), None, Some(&pending), true);
        assert_eq!(waiting.in_force, d("2025-04-07"));
    }

    #[test]
    fn countdowns() {
        let due = d("2025-12-29");
        assert_eq!(Countdown::new(due, d("2025-12-17")).short(), "12 d");
        assert_eq!(Countdown::new(due, due).short(), "today");
        assert_eq!(Countdown::new(due, d("2026-01-01")).short(), "3 d overdue");
        // 22 Dec (Mon) -> 29 Dec: 23, 24, 29 are working days; 25, 26 holidays; 27, 28 weekend.
        assert_eq!(working_days_left(due, d("2025-12-22")), 3);
        assert_eq!(working_days_left(due, due), 0);
        assert_eq!(working_days_left(d("2025-12-24"), d("2025-12-29")), -1);
    }

    #[test]
    fn every_date_1900_to_2200_meets_the_invariants() {
        let mut day = d("1900-01-01");
        let end = d("2200-12-31");
        let mut previous = deadline(day);
        while day <= end {
            let due = deadline(day);
            let nominal = add_months(day, 1);
            assert!(is_working_day(due), "{day} -> {due}");
            assert!(due >= nominal && (due - nominal).num_days() <= 5, "{day}");
            assert!(due >= previous, "monotone at {day}");
            let ext = extended_deadline(day);
            assert!(is_working_day(ext) && ext > due, "{day}");
            previous = due;
            day = day.succ_opt().expect("date");
        }
    }

    proptest! {
        #[test]
        fn deadline_properties(days in 0i64..110_000, gap in 0i64..400) {
            let receipt = d("1900-01-01") + Days::new(days as u64);
            let later = receipt + Days::new(gap as u64);
            let due = deadline(receipt);
            prop_assert!(!matches!(due.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert!(is_working_day(due));
            prop_assert!(due >= add_months(receipt, 1));
            prop_assert!((due - add_months(receipt, 1)).num_days() <= 5);
            prop_assert!(deadline(later) >= due);
            prop_assert!(extended_deadline(receipt) >= due);
        }
    }
}
