//! RFC 3339 date-times with an explicit offset, reduced to Unix milliseconds.
//!
//! Hand-written because the cycle file needs only this one format and a date
//! crate would cost more wasm than the whole rule engine.

/// Parses `2020-11-16T23:59:59-06:00` (or `Z`, optional fractional seconds)
/// into milliseconds since the Unix epoch. The offset is required: a deadline
/// without a time zone means different moments to different applicants.
pub fn parse_rfc3339_ms(s: &str) -> Result<i64, String> {
    let b = s.as_bytes();
    let bad = || format!("“{s}” is not a date-time like 2020-11-16T23:59:59-06:00");
    // 19 bytes is a date-time without an offset: let the offset check below
    // say what is missing instead of the generic message.
    if b.len() < 19 {
        return Err(bad());
    }
    let num = |from: usize, len: usize| -> Result<i64, String> {
        let part = s.get(from..from + len).ok_or_else(bad)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        part.parse::<i64>().map_err(|_| bad())
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return Err(bad());
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(format!("“{s}” has no such day"));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!("“{s}” has no such time of day"));
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
            return Err(bad());
        }
        let frac = &s[start..i.min(start + 3)];
        millis = frac.parse::<i64>().map_err(|_| bad())? * 10i64.pow(3 - frac.len() as u32);
    }
    let offset_min = match &s[i..] {
        "Z" | "z" => 0,
        rest if rest.len() == 6
            && (rest.starts_with('+') || rest.starts_with('-'))
            && rest.as_bytes()[3] == b':' =>
        {
            let h = num(i + 1, 2)?;
            let m = num(i + 4, 2)?;
            if h > 23 || m > 59 {
                return Err(bad());
            }
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (h * 60 + m)
        }
        "" => return Err(format!("“{s}” needs a time zone offset, like -06:00 or Z")),
        _ => return Err(bad()),
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_min * 60;
    Ok(secs * 1000 + millis)
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

/// Days since 1970-01-01 (Howard Hinnant's civil-from-days inverse).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_and_fractions() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:01.5Z"), Ok(1500));
        assert_eq!(
            parse_rfc3339_ms("2020-11-16T23:59:59-06:00"),
            Ok(1_605_592_799_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2020-11-17T05:59:59+00:00"),
            parse_rfc3339_ms("2020-11-16T23:59:59-06:00")
        );
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T12:00:00Z"),
            Ok(1_709_208_000_000)
        );
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "2020-11-16",
            "2020-11-16T23:59:59",
            "2020-02-30T00:00:00Z",
            "2021-02-29T00:00:00Z",
            "2020-13-01T00:00:00Z",
            "2020-11-16T24:00:00Z",
            "2020-11-16 23:59:59Z",
            "next tuesday at noon",
            "2020-11-16T23:59:59+6:00",
        ] {
            assert!(parse_rfc3339_ms(bad).is_err(), "{bad} should be rejected");
        }
        assert!(parse_rfc3339_ms("2020-11-16T23:59:59")
            .unwrap_err()
            .contains("time zone"));
    }
}
