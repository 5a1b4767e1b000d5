//! US time zones for a cycle's deadline: staff choose a date, a time and a
//! zone ("Central"), the file keeps an RFC 3339 date-time with the offset
//! that zone has on that date (daylight saving time by the US rules), and
//! staff read it back in words ("Monday 16 November 2020, 11:59 pm Central").

use crate::dates::{DateTime, IsoDate};

/// Where a deadline's clock is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    Eastern,
    Central,
    Mountain,
    Pacific,
    Alaska,
    Hawaii,
    Utc,
    /// Any other fixed offset, written as it is.
    Other,
}

impl Zone {
    /// In the order the editor lists them.
    pub const ALL: [Zone; 8] = [
        Zone::Eastern,
        Zone::Central,
        Zone::Mountain,
        Zone::Pacific,
        Zone::Alaska,
        Zone::Hawaii,
        Zone::Utc,
        Zone::Other,
    ];

    /// The US zones, in the order a date-time's offset is matched to them.
    const US: [Zone; 6] = [
        Zone::Eastern,
        Zone::Central,
        Zone::Mountain,
        Zone::Pacific,
        Zone::Alaska,
        Zone::Hawaii,
    ];

    /// The zone in words, as a deadline reads ("… 11:59 pm Central").
    pub fn name(self) -> &'static str {
        match self {
            Zone::Eastern => "Eastern",
            Zone::Central => "Central",
            Zone::Mountain => "Mountain",
            Zone::Pacific => "Pacific",
            Zone::Alaska => "Alaska",
            Zone::Hawaii => "Hawaii",
            Zone::Utc => "UTC",
            Zone::Other => "Other offset",
        }
    }

    /// A stable key for a form control's value.
    pub fn key(self) -> &'static str {
        match self {
            Zone::Eastern => "eastern",
            Zone::Central => "central",
            Zone::Mountain => "mountain",
            Zone::Pacific => "pacific",
            Zone::Alaska => "alaska",
            Zone::Hawaii => "hawaii",
            Zone::Utc => "utc",
            Zone::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.key() == key)
    }

    /// What staff read in the list of zones.
    pub fn title(self) -> &'static str {
        match self {
            Zone::Eastern => "Eastern (New York, Atlanta)",
            Zone::Central => "Central (Chicago, Dallas)",
            Zone::Mountain => "Mountain (Denver)",
            Zone::Pacific => "Pacific (Los Angeles, Seattle)",
            Zone::Alaska => "Alaska (Anchorage)",
            Zone::Hawaii => "Hawaii (Honolulu, no daylight saving)",
            Zone::Utc => "UTC",
            Zone::Other => "Other offset from UTC",
        }
    }

    /// Minutes east of UTC in winter; `None` for [`Zone::Other`].
    fn standard(self) -> Option<i16> {
        match self {
            Zone::Eastern => Some(-300),
            Zone::Central => Some(-360),
            Zone::Mountain => Some(-420),
            Zone::Pacific => Some(-480),
            Zone::Alaska => Some(-540),
            Zone::Hawaii => Some(-600),
            Zone::Utc => Some(0),
            Zone::Other => None,
        }
    }

    fn keeps_daylight_saving(self) -> bool {
        match self {
            Zone::Eastern | Zone::Central | Zone::Mountain | Zone::Pacific | Zone::Alaska => true,
            Zone::Hawaii | Zone::Utc | Zone::Other => false,
        }
    }

    /// The zone's offset (minutes east of UTC) for a wall-clock reading on
    /// `date`; `None` for [`Zone::Other`], whose offset staff give.
    pub fn offset_at(self, date: IsoDate, hour: u8) -> Option<i16> {
        let standard = self.standard()?;
        Some(
            if self.keeps_daylight_saving() && daylight_saving(date, hour) {
                standard + 60
            } else {
                standard
            },
        )
    }

    /// The zone a date-time reads in: the first US zone whose offset on that
    /// local date is the one written, UTC for `Z`, else [`Zone::Other`].
    pub fn of(t: DateTime) -> Zone {
        let l = t.local();
        let offset = t.offset_minutes();
        if offset == 0 {
            return Zone::Utc;
        }
        Zone::US
            .into_iter()
            .find(|z| z.offset_at(l.date, l.hour) == Some(offset))
            .unwrap_or(Zone::Other)
    }
}

/// Whether US daylight saving time is in force at `hour` (local wall clock)
/// on `date`: it starts at 2:00 on its first day and ends at 2:00 daylight
/// time on its last (the repeated hour 1:00–1:59 is read as the first, daylight
/// one). The rules of 2007 on; 1987–2006 and before had their own.
pub fn daylight_saving(date: IsoDate, hour: u8) -> bool {
    let Some((start, end)) = dst_days(date.year()) else {
        return false;
    };
    let d = date.days_since_epoch();
    let (s, e) = (start.days_since_epoch(), end.days_since_epoch());
    if d == s {
        hour >= 2
    } else if d == e {
        hour < 2
    } else {
        d > s && d < e
    }
}

/// The first and last day of daylight saving time in `year` (always known
/// for the years a date can have; `None` keeps this total).
fn dst_days(year: u16) -> Option<(IsoDate, IsoDate)> {
    Some(if year >= 2007 {
        (nth_sunday(year, 3, 2)?, nth_sunday(year, 11, 1)?)
    } else if year >= 1987 {
        (nth_sunday(year, 4, 1)?, last_sunday(year, 10)?)
    } else {
        (last_sunday(year, 4)?, last_sunday(year, 10)?)
    })
}

fn nth_sunday(year: u16, month: u8, n: u8) -> Option<IsoDate> {
    let first = IsoDate::new(year, month, 1)?;
    // weekday: 0 = Monday … 6 = Sunday.
    let to_sunday = (6 + 7 - first.weekday()) % 7;
    IsoDate::new(year, month, 1 + to_sunday + 7 * (n - 1))
}

fn last_sunday(year: u16, month: u8) -> Option<IsoDate> {
    let last = (28..=31).rev().find_map(|d| IsoDate::new(year, month, d))?;
    IsoDate::new(year, month, last.day() - (last.weekday() + 1) % 7)
}

/// The date-time `date` at `hour:minute:second` on the clock of `zone`
/// (`other_offset` minutes east of UTC for [`Zone::Other`]).
pub fn at(
    date: IsoDate,
    hour: u8,
    minute: u8,
    second: u8,
    zone: Zone,
    other_offset: i16,
) -> Option<DateTime> {
    let offset = zone.offset_at(date, hour).unwrap_or(other_offset);
    DateTime::from_local(date, hour, minute, second, offset)
}

/// `+05:30` / `-06:00` for an offset in minutes.
pub fn offset_text(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Reads `+05:30`, `-6`, `-06:00`, `UTC-5` (minutes east of UTC), within ±23:59.
pub fn parse_offset(text: &str) -> Option<i16> {
    let t = text.trim();
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("utc"))
        .unwrap_or(t)
        .trim();
    let t = t.replace('−', "-");
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h.parse::<i16>().ok()?, m.parse::<i16>().ok()?),
        None => (rest.parse::<i16>().ok()?, 0),
    };
    (rest.len() <= 5 && (0..24).contains(&h) && (0..60).contains(&m)).then_some(sign * (h * 60 + m))
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Monday 16 November 2020".
pub fn date_in_words(date: IsoDate) -> String {
    let weekday = WEEKDAYS.get(usize::from(date.weekday())).unwrap_or(&"");
    let month = MONTHS
        .get(usize::from(date.month()).saturating_sub(1))
        .unwrap_or(&"");
    format!("{weekday} {} {month} {}", date.day(), date.year())
}

/// "11:59 pm", "9 am", "midnight", "midday" (GOV.UK style).
pub fn time_in_words(hour: u8, minute: u8) -> String {
    match (hour, minute) {
        (0, 0) => "midnight".into(),
        (12, 0) => "midday".into(),
        _ => {
            let (h, half) = match hour {
                0 => (12, "am"),
                1..=11 => (hour, "am"),
                12 => (12, "pm"),
                _ => (hour - 12, "pm"),
            };
            if minute == 0 {
                format!("{h} {half}")
            } else {
                format!("{h}:{minute:02} {half}")
            }
        }
    }
}

/// "Monday 16 November 2020, 11:59 pm Central" (UTC and other offsets are
/// named as such: "… 5 pm UTC", "… 5 pm UTC+05:30").
pub fn in_words(t: DateTime) -> String {
    let l = t.local();
    let zone = match Zone::of(t) {
        Zone::Other => format!("UTC{}", offset_text(t.offset_minutes())),
        z => z.name().to_string(),
    };
    format!(
        "{}, {} {zone}",
        date_in_words(l.date),
        time_in_words(l.hour, l.minute)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }
    fn t(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    #[test]
    fn daylight_saving_days_by_the_us_rules() {
        assert_eq!(dst_days(2020).unwrap(), (d("2020-03-08"), d("2020-11-01")));
        assert_eq!(dst_days(2021).unwrap(), (d("2021-03-14"), d("2021-11-07")));
        assert_eq!(dst_days(2027).unwrap(), (d("2027-03-14"), d("2027-11-07")));
        assert_eq!(dst_days(2000).unwrap(), (d("2000-04-02"), d("2000-10-29")));
        assert_eq!(dst_days(1980).unwrap(), (d("1980-04-27"), d("1980-10-26")));
        // The switch happens at 2 am.
        assert!(!daylight_saving(d("2021-03-14"), 1));
        assert!(daylight_saving(d("2021-03-14"), 3));
        assert!(daylight_saving(d("2021-11-07"), 1));
        assert!(!daylight_saving(d("2021-11-07"), 2));
        assert!(daylight_saving(d("2021-07-04"), 12));
        assert!(!daylight_saving(d("2021-12-25"), 12));
    }

    #[test]
    fn offsets_follow_the_date() {
        assert_eq!(Zone::Central.offset_at(d("2020-11-16"), 23), Some(-360));
        assert_eq!(Zone::Central.offset_at(d("2020-10-01"), 0), Some(-300));
        assert_eq!(Zone::Eastern.offset_at(d("2021-06-01"), 9), Some(-240));
        assert_eq!(Zone::Pacific.offset_at(d("2021-01-15"), 9), Some(-480));
        assert_eq!(Zone::Alaska.offset_at(d("2021-07-01"), 9), Some(-480));
        assert_eq!(Zone::Hawaii.offset_at(d("2021-07-01"), 9), Some(-600));
        assert_eq!(Zone::Utc.offset_at(d("2021-07-01"), 9), Some(0));
        assert_eq!(Zone::Other.offset_at(d("2021-07-01"), 9), None);
        let made = at(d("2021-11-15"), 23, 59, 59, Zone::Central, 0).unwrap();
        assert_eq!(made.to_string(), "2021-11-15T23:59:59-06:00");
        let summer = at(d("2021-06-30"), 17, 0, 0, Zone::Eastern, 0).unwrap();
        assert_eq!(summer.to_string(), "2021-06-30T17:00:00-04:00");
        let other = at(d("2021-06-30"), 17, 0, 0, Zone::Other, 330).unwrap();
        assert_eq!(other.to_string(), "2021-06-30T17:00:00+05:30");
    }

    #[test]
    fn zones_are_read_back_from_offsets() {
        assert_eq!(Zone::of(t("2020-11-16T23:59:59-06:00")), Zone::Central);
        assert_eq!(Zone::of(t("2020-10-01T00:00:00-05:00")), Zone::Central);
        // -05:00 in winter is Eastern standard time.
        assert_eq!(Zone::of(t("2021-01-10T00:00:00-05:00")), Zone::Eastern);
        assert_eq!(Zone::of(t("2021-07-10T12:00:00-07:00")), Zone::Pacific);
        assert_eq!(Zone::of(t("2021-07-10T12:00:00-06:00")), Zone::Mountain);
        assert_eq!(Zone::of(t("2021-01-10T12:00:00-07:00")), Zone::Mountain);
        assert_eq!(Zone::of(t("2021-01-10T12:00:00-10:00")), Zone::Hawaii);
        assert_eq!(Zone::of(t("2021-01-10T12:00:00Z")), Zone::Utc);
        assert_eq!(Zone::of(t("2021-01-10T12:00:00+05:30")), Zone::Other);
        for z in Zone::ALL {
            assert_eq!(Zone::from_key(z.key()), Some(z));
        }
    }

    #[test]
    fn deadlines_in_words() {
        assert_eq!(
            in_words(t("2020-11-16T23:59:59-06:00")),
            "Monday 16 November 2020, 11:59 pm Central"
        );
        assert_eq!(
            in_words(t("2020-10-01T00:00:00-05:00")),
            "Thursday 1 October 2020, midnight Central"
        );
        assert_eq!(
            in_words(t("2021-06-30T12:00:00-04:00")),
            "Wednesday 30 June 2021, midday Eastern"
        );
        assert_eq!(
            in_words(t("2021-06-30T09:05:00+05:30")),
            "Wednesday 30 June 2021, 9:05 am UTC+05:30"
        );
        assert_eq!(
            in_words(t("2021-06-30T17:00:00Z")),
            "Wednesday 30 June 2021, 5 pm UTC"
        );
        assert_eq!(time_in_words(0, 30), "12:30 am");
        assert_eq!(time_in_words(12, 30), "12:30 pm");
    }

    #[test]
    fn offsets_as_text() {
        assert_eq!(offset_text(-360), "-06:00");
        assert_eq!(offset_text(330), "+05:30");
        assert_eq!(parse_offset("+05:30"), Some(330));
        assert_eq!(parse_offset("UTC-6"), Some(-360));
        assert_eq!(parse_offset("−03:00"), Some(-180));
        assert_eq!(parse_offset("5"), None);
        assert_eq!(parse_offset("+24:00"), None);
        assert_eq!(parse_offset("+05:60"), None);
    }
}
