//! Retention arithmetic: how long a record may or must be kept, from a date it carries.
//!
//! Bokføringsloven § 13: primary documentation (nr. 1–4) is kept 5 years after the end of the
//! fiscal year, nr. 5–8 3 years 6 months. A sale on 2025-03-10 (fiscal year ending 31
//! December) is held through 2030-12-31 and may be deleted from 2031-01-01.

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
        // Any year that has the date will do; 2023 is not a leap year, so 02-29 is refused.
        NaiveDate::from_ymd_opt(2023, month, day).ok_or_else(bad)?;
        Ok(FiscalYearEnd { month, day })
    }
}

impl From<FiscalYearEnd> for String {
    fn from(f: FiscalYearEnd) -> String {
        format!("{:02}-{:02}", f.month, f.day)
    }
}

impl FiscalYearEnd {
    /// The end of the fiscal year that `date` falls in.
    pub fn end_of_year_containing(self, date: NaiveDate) -> NaiveDate {
        let in_year = |y: i32| NaiveDate::from_ymd_opt(y, self.month, self.day);
        match in_year(date.year()) {
            Some(end) if end >= date => end,
            _ => in_year(date.year() + 1).unwrap_or(NaiveDate::MAX),
        }
    }
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
            Retention::FiscalYear { years, months, .. } => Some(add_months(
                fiscal.end_of_year_containing(date),
                years * 12 + months,
            )),
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
