//! Norway's public holidays (helligdagsloven § 2, lov 26.04.1947 nr. 1).
//!
//! Sundays are handled by the working-day check, not listed here. Two holidays can fall
//! on one date (17 May 2027 is also Whit Monday), so a year is a set of dates with names.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday for a Gregorian year: the anonymous Gregorian (Meeus/Jones/Butcher) computus.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction of the algorithm.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// Every named public holiday of `year` (Sundays excepted), in date order.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter_sunday(year);
    let rel = |offset: i64| {
        if offset >= 0 {
            easter + Days::new(offset as u64)
        } else {
            easter - Days::new((-offset) as u64)
        }
    };
    let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
    let mut list = vec![
        (fixed(1, 1), "New Year's Day"),
        (rel(-3), "Maundy Thursday"),
        (rel(-2), "Good Friday"),
        (easter, "Easter Sunday"),
        (rel(1), "Easter Monday"),
        (rel(39), "Ascension Day"),
        (rel(49), "Whit Sunday"),
        (rel(50), "Whit Monday"),
        (fixed(12, 25), "Christmas Day"),
        (fixed(12, 26), "Boxing Day"),
    ];
    if year >= 1947 {
        list.push((fixed(5, 1), "Labour Day"));
        list.push((fixed(5, 17), "Constitution Day"));
    }
    list.sort_by_key(|(d, _)| *d);
    list
}

/// The holiday names on `date` (empty when it is none); several when two coincide.
pub fn holiday_names(date: NaiveDate) -> Vec<&'static str> {
    holidays(date.year())
        .into_iter()
        .filter(|(d, _)| *d == date)
        .map(|(_, n)| n)
        .collect()
}

/// True on a public holiday (not counting ordinary Sundays).
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let easter = easter_sunday(date.year());
    let offset = (date - easter).num_days();
    if matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50) {
        return true;
    }
    match (date.month(), date.day()) {
        (1, 1) | (12, 25) | (12, 26) => true,
        (5, 1) | (5, 17) => date.year() >= 1947,
        _ => false,
    }
}

/// Why `date` is not a working day, or `None` when it is one.
pub fn non_working_reason(date: NaiveDate) -> Option<String> {
    let names = holiday_names(date);
    if !names.is_empty() {
        return Some(names.join(" / "));
    }
    match date.weekday() {
        Weekday::Sat => Some("Saturday".into()),
        Weekday::Sun => Some("Sunday".into()),
        _ => None,
    }
}

/// A working day: Monday to Friday and not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn easter_known_years() {
        for (y, e) in [
            (1900, "1900-04-15"),
            (1961, "1961-04-02"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2200, "2200-04-06"),
        ] {
            assert_eq!(easter_sunday(y), d(e), "Easter {y}");
        }
    }

    #[test]
    fn table_of_legal_rules_section_2() {
        let table = [
            (
                "Maundy Thursday",
                ["2025-04-17", "2026-04-02", "2027-03-25"],
            ),
            ("Easter Monday", ["2025-04-21", "2026-04-06", "2027-03-29"]),
            ("Ascension Day", ["2025-05-29", "2026-05-14", "2027-05-06"]),
            ("Whit Monday", ["2025-06-09", "2026-05-25", "2027-05-17"]),
        ];
        for (name, dates) in table {
            for s in dates {
                assert!(is_public_holiday(d(s)), "{name} {s}");
                assert!(holiday_names(d(s)).contains(&name), "{name} {s}");
            }
        }
    }

    #[test]
    fn ordinary_days_that_are_not_holidays() {
        for s in [
            "2025-12-24",
            "2025-12-31",
            "2025-04-19",
            "2025-06-07",
            "2026-12-24",
        ] {
            assert!(!is_public_holiday(d(s)), "{s}");
        }
        assert!(is_working_day(d("2025-12-24")));
        assert!(is_working_day(d("2025-12-31")));
    }

    #[test]
    fn two_holidays_on_one_date_in_2027() {
        let names = holiday_names(d("2027-05-17"));
        assert_eq!(names.len(), 2);
        assert!(names.contains(&"Whit Monday") && names.contains(&"Constitution Day"));
    }

    #[test]
    fn may_days_only_since_1947() {
        assert!(!is_public_holiday(d("1946-05-17")));
        assert!(is_public_holiday(d("1947-05-17")));
    }

    #[test]
    fn list_and_predicate_agree_1900_to_2200() {
        for y in 1900..=2200 {
            let list = holidays(y);
            for (date, _) in &list {
                assert!(is_public_holiday(*date), "{date}");
            }
            let mut day = d(&format!("{y}-01-01"));
            let mut count = 0;
            while day.year() == y {
                if is_public_holiday(day) {
                    count += 1;
                }
                day = day.succ_opt().expect("date");
            }
            let mut distinct: Vec<_> = list.iter().map(|(d, _)| *d).collect();
            distinct.dedup();
            assert_eq!(count, distinct.len(), "year {y}");
        }
    }
}
