//! Retention arithmetic: how long a record may or must be kept, from a date it carries.
//!
//! Bokføringsloven § 13: primary documentation (nr. 1–4) is kept 5 years after the end of the
//! fiscal year, nr. 5–8 3 years 6 months. A sale on 2025-03-10 (fiscal year ending 31
//! December) is held through 2030-12-31 and may be deleted from 2031-01-01. Both periods end
//! on the last day of a month: a fiscal year ending 30 June keeps nr. 5–8 through 31
//! December three and a half years later, not 30 December.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::deadline::add_months;

/// The last day of a fiscal year, as month and day (31 December unless the company says
/// otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FiscalYearEnd {
    pub month: u32,
    pub day: u32,
}

impl Default for FiscalYearEnd {
    fn default() -> Self {
        FiscalYearEnd { month: 12, day: 31 }
    }
}

impl TryFrom<String> for FiscalYearEnd {
    type Error = String;

    /// Reads `MM-DD`, e.g. `12-31` or `06-30`.
    fn try_from(text: String) -> Result<Self, String> {
        let bad = || format!("fiscal_year_end '{text}' is not a month-day like 12-31");
        let (m, d) = text.trim().split_once('-').ok_or_else(bad)?;
        let (month, day) = (
            m.parse::<u32>().map_err(|_| bad())?,
            d.parse::<u32>().map_err(|_| bad())?,
        );
        // 2024 is a leap year, so 02-29 is accepted: it means the end of February, as 02-28
        // does, and is kept as 02-28 so the two compare equal.
        NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
        Ok(FiscalYearEnd {
            month,
            day: day.min(last_day(2023, month)),
        })
    }
}

impl From<FiscalYearEnd> for String {
    fn from(f: FiscalYearEnd) -> String {
        format!("{:02}-{:02}", f.month, f.day)
    }
}

impl FiscalYearEnd {
    /// Whether the year ends on the last day of its month, as fiscal years nearly always do.
    /// 02-28 counts: in a leap year that fiscal year ends on 29 February.
    pub fn at_month_end(self) -> bool {
        self.day >= last_day(2023, self.month)
    }

    /// The day this fiscal year ends on in calendar year `year`.
    fn in_year(self, year: i32) -> Option<NaiveDate> {
        let day = if self.at_month_end() {
            last_day(year, self.month)
        } else {
            self.day
        };
        NaiveDate::from_ymd_opt(year, self.month, day)
    }

    /// The end of the fiscal year that `date` falls in.
    pub fn end_of_year_containing(self, date: NaiveDate) -> NaiveDate {
        match self.in_year(date.year()) {
            Some(end) if end >= date => end,
            _ => self.in_year(date.year() + 1).unwrap_or(NaiveDate::MAX),
        }
    }
}

/// The number of the last day of `month` in `year` (28 to 31).
fn last_day(year: i32, month: u32) -> u32 {
    let first_of_next = match month {
        12 => NaiveDate::from_ymd_opt(year + 1, 1, 1),
        m => NaiveDate::from_ymd_opt(year, m + 1, 1),
    };
    first_of_next
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// The last day of the month `date` falls in.
fn end_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(last_day(date.year(), date.month()))
        .unwrap_or(date)
}

/// How long records of one kind are kept, as the data map states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Retention {
    /// A fixed period from a date column (e.g. Google Analytics 4 events: 14 months).
    Months {
        months: u32,
        from: String,
        note: String,
    },
    /// A period after the end of the fiscal year of a date column (bokføringsloven § 13).
    FiscalYear {
        #[serde(default)]
        years: u32,
        #[serde(default)]
        months: u32,
        from: String,
        law: String,
        note: String,
    },
    /// As long as the purpose lasts (the customer relationship, a consent): no fixed date.
    Purpose { note: String },
}

impl Retention {
    /// The date column the period runs from, if the rule has one.
    pub fn date_column(&self) -> Option<&str> {
        match self {
            Retention::Months { from, .. } | Retention::FiscalYear { from, .. } => Some(from),
            Retention::Purpose { .. } => None,
        }
    }

    /// The rule in words, for the Art. 15 information.
    pub fn describe(&self) -> String {
        match self {
            Retention::Months { note, .. } | Retention::Purpose { note } => note.clone(),
            Retention::FiscalYear { note, law, .. } => format!("{note} ({law})"),
        }
    }

    /// The law that requires keeping, if any.
    pub fn law(&self) -> Option<&str> {
        match self {
            Retention::FiscalYear { law, .. } => Some(law),
            _ => None,
        }
    }

    /// The last day a record dated `date` is kept (kept *through* that day).
    pub fn keep_through(&self, date: NaiveDate, fiscal: FiscalYearEnd) -> Option<NaiveDate> {
        match self {
            Retention::Months { months, .. } => {
                Some(add_months(date, *months).pred_opt().unwrap_or(date))
            }
            // § 13's periods end on the last day of a month. Adding months to a month's last
            // day can land short of it (30 June + 6 months is 30 December); a fiscal year
            // ending mid-month is rounded up to its month's end the same way.
            Retention::FiscalYear { years, months, .. } => Some(end_of_month(add_months(
                fiscal.end_of_year_containing(date),
                years * 12 + months,
            ))),
            Retention::Purpose { .. } => None,
        }
    }
}

/// Reads a stored date or timestamp (`2025-03-10`, `2025-03-10 14:02:00`, RFC 3339) as the
/// calendar date it names.
pub fn parse_record_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    t.get(..10).and_then(|d| d.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn bookkeeping(years: u32, months: u32) -> Retention {
        Retention::FiscalYear {
            years,
            months,
            from: "invoice_date".into(),
            law: "bokføringsloven § 13".into(),
            note: "sales records".into(),
        }
    }

    #[test]
    fn primary_documentation_is_kept_five_years_after_the_fiscal_year() {
        let fy = FiscalYearEnd::default();
        let rule = bookkeeping(5, 0);
        assert_eq!(
            rule.keep_through(d("2025-03-10"), fy),
            Some(d("2030-12-31"))
        );
        assert_eq!(
            rule.keep_through(d("2025-12-31"), fy),
            Some(d("2030-12-31"))
        );
        assert_eq!(
            rule.keep_through(d("2026-01-01"), fy),
            Some(d("2031-12-31"))
        );
    }

    #[test]
    fn secondary_documentation_is_kept_three_and_a_half_years() {
        let rule = bookkeeping(3, 6);
        assert_eq!(
            rule.keep_through(d("2025-05-01"), FiscalYearEnd::default()),
            Some(d("2029-06-30"))
        );
    }

    #[test]
    fn a_fiscal_year_ending_mid_year() {
        let fy = FiscalYearEnd::try_from("06-30".to_string()).expect("fy");
        assert_eq!(fy.end_of_year_containing(d("2025-06-30")), d("2025-06-30"));
        assert_eq!(fy.end_of_year_containing(d("2025-07-01")), d("2026-06-30"));
        assert_eq!(
            bookkeeping(5, 0).keep_through(d("2025-07-01"), fy),
            Some(d("2031-06-30"))
        );
        assert!(FiscalYearEnd::try_from("02-30".to_string()).is_err());
        assert!(FiscalYearEnd::try_from("December".to_string()).is_err());
    }

    fn year_end(text: &str) -> FiscalYearEnd {
        FiscalYearEnd::try_from(text.to_string()).expect("fiscal year end")
    }

    #[test]
    fn holds_end_on_the_last_day_of_a_month() {
        // § 4 of the rules: a fiscal year ending 30 June keeps nr. 5-8 through 31 December
        // three years later, not 30 December.
        let june = year_end("06-30");
        let slips = bookkeeping(3, 6);
        assert_eq!(
            slips.keep_through(d("2025-03-01"), june),
            Some(d("2028-12-31"))
        );
        assert_eq!(
            slips.keep_through(d("2025-07-01"), june),
            Some(d("2029-12-31"))
        );
        assert_eq!(
            bookkeeping(5, 0).keep_through(d("2025-03-01"), june),
            Some(d("2030-06-30"))
        );
        // A fiscal year ending 30 April: 3½ years on is 31 October, not 30 October.
        let april = year_end("04-30");
        assert_eq!(
            slips.keep_through(d("2025-04-30"), april),
            Some(d("2028-10-31"))
        );
        assert_eq!(
            bookkeeping(5, 0).keep_through(d("2025-05-01"), april),
            Some(d("2031-04-30"))
        );
        // The calendar year, for comparison: fiscal year 2025 keeps nr. 5-8 through
        // 30 June 2029 and nr. 1-4 through 31 December 2030.
        let december = FiscalYearEnd::default();
        assert_eq!(
            slips.keep_through(d("2025-12-31"), december),
            Some(d("2029-06-30"))
        );
    }

    #[test]
    fn a_fiscal_year_ending_in_february_follows_leap_years() {
        // 02-28 and 02-29 both mean the end of February.
        let feb = year_end("02-28");
        assert_eq!(year_end("02-29"), feb);
        assert!(feb.at_month_end());
        assert_eq!(String::from(feb), "02-28");
        // A sale on 29 February 2028 belongs to the fiscal year ending that day.
        assert_eq!(feb.end_of_year_containing(d("2028-02-29")), d("2028-02-29"));
        assert_eq!(feb.end_of_year_containing(d("2028-03-01")), d("2029-02-28"));
        assert_eq!(feb.end_of_year_containing(d("2027-02-28")), d("2027-02-28"));
        // 3½ years after the end of February is the end of August (31, not 28 or 29).
        let slips = bookkeeping(3, 6);
        assert_eq!(
            slips.keep_through(d("2025-02-28"), feb),
            Some(d("2028-08-31"))
        );
        assert_eq!(
            slips.keep_through(d("2028-02-29"), feb),
            Some(d("2031-08-31"))
        );
        // Five years after a February that had 28 days can end on a 29th, and the reverse.
        let primary = bookkeeping(5, 0);
        assert_eq!(
            primary.keep_through(d("2023-01-15"), feb),
            Some(d("2028-02-29"))
        );
        assert_eq!(
            primary.keep_through(d("2024-02-29"), feb),
            Some(d("2029-02-28"))
        );
    }

    #[test]
    fn a_fiscal_year_ending_mid_month_is_held_to_that_months_end() {
        let fy = year_end("06-15");
        assert!(!fy.at_month_end());
        assert_eq!(fy.end_of_year_containing(d("2025-06-16")), d("2026-06-15"));
        assert_eq!(
            bookkeeping(3, 6).keep_through(d("2025-06-15"), fy),
            Some(d("2028-12-31"))
        );
    }

    #[test]
    fn analytics_events_are_kept_fourteen_months() {
        let rule = Retention::Months {
            months: 14,
            from: "occurred_at".into(),
            note: "GA4".into(),
        };
        let fy = FiscalYearEnd::default();
        assert_eq!(
            rule.keep_through(d("2025-01-31"), fy),
            Some(d("2026-03-30"))
        );
        assert_eq!(
            Retention::Purpose { note: "x".into() }.keep_through(d("2025-01-01"), fy),
            None
        );
    }

    #[test]
    fn record_dates_are_read_from_dates_and_timestamps() {
        assert_eq!(parse_record_date("2025-03-10"), Some(d("2025-03-10")));
        assert_eq!(
            parse_record_date("2025-03-10T14:02:00Z"),
            Some(d("2025-03-10"))
        );
        assert_eq!(parse_record_date("10.03.2025"), None);
    }
}
