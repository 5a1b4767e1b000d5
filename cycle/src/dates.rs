//! Every date and time the cycle, the form, the receiver and the staff tools
//! handle, in one module: calendar dates (`YYYY-MM-DD`), date-times with their
//! offset (RFC 3339, as a cycle's deadline), and UTC instants (`submitted_at`).
//!
//! Hand-written because these few formats are all that is needed and a date
//! crate would cost the applicant's wasm more than the whole rule engine.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A real calendar date, years 1000 to 9999. Orders as dates do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    year: u16,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// The date, if it is a real one.
    pub fn new(year: u16, month: u8, day: u8) -> Option<IsoDate> {
        let real = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && i64::from(day) <= days_in_month(i64::from(year), i64::from(month));
        real.then_some(IsoDate { year, month, day })
    }

    /// `2027-01-31`, and nothing else (no time, no spaces).
    pub fn parse(s: &str) -> Option<IsoDate> {
        IsoDate::read(s).ok()
    }

    /// As [`IsoDate::parse`], saying what is wrong.
    pub fn read(s: &str) -> Result<IsoDate, IsoDateProblem> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(IsoDateProblem::Shape);
        }
        let part = |from, len| digits(s, from, len).ok_or(IsoDateProblem::Shape);
        let (year, month, day) = (part(0, 4)?, part(5, 2)?, part(8, 2)?);
        if !(1..=12).contains(&month) {
            return Err(IsoDateProblem::NoSuchMonth(month as u8));
        }
        if year < 1000 || day < 1 || day > days_in_month(year, month) {
            return Err(IsoDateProblem::NoSuchDay {
                day: day as u8,
                month: month as u8,
            });
        }
        Ok(IsoDate {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IsoDate::parse(&s).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&s),
                &"a date like 2027-01-31",
            )
        })
    }
}

/// What is wrong with a date written as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsoDateProblem {
    /// Not of the form `2027-01-31`.
    Shape,
    NoSuchMonth(u8),
    NoSuchDay {
        day: u8,
        month: u8,
    },
}

impl IsoDateProblem {
    /// The problem in words, for staff, about the text `s`.
    pub fn describe(self, s: &str) -> String {
        match self {
            IsoDateProblem::Shape => {
                format!("`{s}` is not a date in the form YYYY-MM-DD, like 2021-01-31")
            }
            IsoDateProblem::NoSuchMonth(m) => format!("`{s}` has no month {m}"),
            IsoDateProblem::NoSuchDay { day, month } => {
                format!("`{s}` has no day {day} in month {month}")
            }
        }
    }
}

/// A moment with the offset it was written in (`2020-11-16T23:59:59-06:00`):
/// a deadline means one instant to every applicant, and staff read it in
/// their own time zone, so both are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Milliseconds since the Unix epoch.
    utc_ms: i64,
    /// Minutes east of UTC (`-06:00` is -360).
    offset_minutes: i16,
}

/// What is wrong with a date-time, for the cycle check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTimeProblem {
    /// Not of the form `2020-11-16T23:59:59-06:00`.
    Shape,
    /// No offset: the same words mean different moments to different applicants.
    NoOffset,
    /// The date does not exist (30 February).
    NoSuchDay,
    /// The time of day does not exist (24:00).
    NoSuchTime,
}

impl DateTimeProblem {
    /// The problem in words, for staff, about the text `s`.
    pub fn describe(self, s: &str) -> String {
        match self {
            DateTimeProblem::Shape => {
                format!("“{s}” is not a date-time like 2020-11-16T23:59:59-06:00")
            }
            DateTimeProblem::NoOffset => {
                format!("“{s}” needs a time zone offset, like -06:00 or Z")
            }
            DateTimeProblem::NoSuchDay => format!("“{s}” has no such day"),
            DateTimeProblem::NoSuchTime => format!("“{s}” has no such time of day"),
        }
    }
}

impl DateTime {
    /// The moment `date` at `hour:minute:second` local time, `offset_minutes` east of UTC.
    pub fn from_local(
        date: IsoDate,
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: i16,
    ) -> Option<DateTime> {
        if hour > 23 || minute > 59 || second > 59 || offset_minutes.unsigned_abs() >= 24 * 60 {
            return None;
        }
        let local_secs = date.days_since_epoch() * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second);
        Some(DateTime {
            utc_ms: (local_secs - i64::from(offset_minutes) * 60) * 1000,
            offset_minutes,
        })
    }

    /// The instant `ms` after the epoch, written in UTC.
    pub fn from_ms_utc(ms: i64) -> DateTime {
        DateTime {
            utc_ms: ms,
            offset_minutes: 0,
        }
    }

    /// Parses `2020-11-16T23:59:59-06:00` (or `Z`, optional fractional seconds).
    pub fn parse(s: &str) -> Result<DateTime, DateTimeProblem> {
        use DateTimeProblem::*;
        let b = s.as_bytes();
        // 19 bytes is a date-time without an offset: say what is missing.
        if b.len() < 19 {
            return Err(Shape);
        }
        if b[4] != b'-'
            || b[7] != b'-'
            || !(b[10] == b'T' || b[10] == b't')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(Shape);
        }
        let num = |from: usize, len: usize| digits(s, from, len).ok_or(Shape);
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(NoSuchDay);
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(NoSuchTime);
        }
        let mut i = 19;
        let mut millis = 0i64;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return Err(Shape);
            }
            let len = (i - start).min(3);
            millis = num(start, len)? * 10i64.pow(3 - len as u32);
        }
        let offset_minutes = match s.get(i..) {
            Some("Z" | "z") => 0,
            Some(rest)
                if rest.len() == 6
                    && (rest.starts_with('+') || rest.starts_with('-'))
                    && rest.as_bytes()[3] == b':' =>
            {
                let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
                if h > 23 || m > 59 {
                    return Err(Shape);
                }
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * (h * 60 + m)
            }
            Some("") => return Err(NoOffset),
            _ => return Err(Shape),
        };
        let days = days_from_civil(year, month, day);
        // A leap second reads as the last second of its minute.
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
        Ok(DateTime {
            utc_ms: secs * 1000 + millis,
            offset_minutes: offset_minutes as i16,
        })
    }

    /// Milliseconds since the Unix epoch.
    pub fn utc_ms(self) -> i64 {
        self.utc_ms
    }

    /// Minutes east of UTC.
    pub fn offset_minutes(self) -> i16 {
        self.offset_minutes
    }

    /// The wall-clock reading in its own offset.
    pub fn local(self) -> LocalTime {
        let local_ms = self.utc_ms + i64::from(self.offset_minutes) * 60_000;
        LocalTime::of_ms(local_ms)
    }
}

/// `2020-11-16T23:59:59-06:00`: seconds always, milliseconds when there are
/// any, `Z` for UTC. The canonical spelling a cycle file is written in.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = self.local();
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            l.date, l.hour, l.minute, l.second
        )?;
        if l.millis != 0 {
            write!(f, ".{:03}", l.millis)?;
        }
        match self.offset_minutes {
            0 => f.write_str("Z"),
            m => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

/// A wall-clock reading: date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub date: IsoDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub millis: u16,
}

impl LocalTime {
    fn of_ms(ms: i64) -> LocalTime {
        let secs = ms.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        LocalTime {
            // Years outside 1000..=9999 cannot come from a parsed date-time
            // moved by at most a day; the fallback keeps this total.
            date: IsoDate::new(y as u16, m as u8, d as u8).unwrap_or(IsoDate {
                year: 1970,
                month: 1,
                day: 1,
            }),
            hour: (sod / 3600) as u8,
            minute: ((sod % 3600) / 60) as u8,
            second: (sod % 60) as u8,
            millis: ms.rem_euclid(1000) as u16,
        }
    }
}

/// An instant as `YYYY-MM-DDTHH:MM:SS.mmmZ` (what `submitted_at` and the
/// receiver's `received_at` look like).
pub fn format_utc_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60,
        ms.rem_euclid(1000)
    )
}

fn digits(s: &str, from: usize, len: usize) -> Option<i64> {
    let part = s.get(from..from + len)?;
    if !part.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of days since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> i64 {
        DateTime::parse(s).unwrap().utc_ms()
    }

    #[test]
    fn parses_offsets_and_fractions() {
        assert_eq!(ms("1970-01-01T00:00:00Z"), 0);
        assert_eq!(ms("1970-01-01T00:00:01.5Z"), 1500);
        assert_eq!(ms("2020-11-16T23:59:59-06:00"), 1_605_592_799_000);
        assert_eq!(
            ms("2020-11-17T05:59:59+00:00"),
            ms("2020-11-16T23:59:59-06:00")
        );
        assert_eq!(ms("2024-02-29T12:00:00Z"), 1_709_208_000_000);
    }

    #[test]
    fn rejects_bad_date_times_saying_why() {
        use DateTimeProblem::*;
        for (bad, why) in [
            ("2020-11-16", Shape),
            ("2020-11-16T23:59:59", NoOffset),
            ("2020-02-30T00:00:00Z", NoSuchDay),
            ("2021-02-29T00:00:00Z", NoSuchDay),
            ("2020-13-01T00:00:00Z", NoSuchDay),
            ("2020-11-16T24:00:00Z", NoSuchTime),
            ("2020-11-16 23:59:59Z", Shape),
            ("next tuesday at noon", Shape),
            ("2020-11-16T23:59:59+6:00", Shape),
            ("2020-11-16T23:59:59.Z", Shape),
        ] {
            assert_eq!(DateTime::parse(bad), Err(why), "{bad}");
        }
        assert!(NoOffset.describe("x").contains("time zone"));
    }

    #[test]
    fn writes_back_the_canonical_spelling() {
        for (given, written) in [
            ("2020-11-16T23:59:59-06:00", "2020-11-16T23:59:59-06:00"),
            ("2020-11-16t23:59:59+05:30", "2020-11-16T23:59:59+05:30"),
            ("2020-11-16T23:59:59+00:00", "2020-11-16T23:59:59Z"),
            ("2020-11-16T23:59:59.250z", "2020-11-16T23:59:59.250Z"),
            ("2020-11-16T23:59:59.1234Z", "2020-11-16T23:59:59.123Z"),
        ] {
            let parsed = DateTime::parse(given).unwrap();
            assert_eq!(parsed.to_string(), written);
            assert_eq!(DateTime::parse(written), Ok(parsed), "round trip");
        }
    }

    #[test]
    fn local_readings_and_weekdays() {
        let t = DateTime::parse("2020-11-16T23:59:59-06:00").unwrap();
        let l = t.local();
        assert_eq!(l.date.to_string(), "2020-11-16");
        assert_eq!((l.hour, l.minute, l.second), (23, 59, 59));
        assert_eq!(l.date.weekday(), 0, "a Monday");
        let made = DateTime::from_local(l.date, 23, 59, 59, -360).unwrap();
        assert_eq!(made, t);
    }

    #[test]
    fn iso_dates_are_real() {
        assert!(IsoDate::parse("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2027-13-01",
            "0999-01-01",
            "2027-1-01",
            "2027-01-01T",
        ] {
            assert!(IsoDate::parse(bad).is_none(), "{bad}");
        }
        let a = IsoDate::parse("2027-01-31").unwrap();
        let b = IsoDate::parse("2027-02-01").unwrap();
        assert!(a < b);
        assert_eq!(a.to_string(), "2027-01-31");
    }

    #[test]
    fn utc_instants() {
        assert_eq!(format_utc_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_utc_ms(1_605_592_799_123), "2020-11-17T05:59:59.123Z");
        assert_eq!(format_utc_ms(-1), "1969-12-31T23:59:59.999Z");
    }
}
