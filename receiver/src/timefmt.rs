//! The receiver's times, through the `cycle` crate's one dates module (no
//! calendar arithmetic of its own).

use std::time::{SystemTime, UNIX_EPOCH};

use cycle::dates::{format_utc_ms, IsoDate};

/// Current time as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn now_rfc3339() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format_unix_millis(d.as_millis() as i64)
}

/// Formats milliseconds since the Unix epoch as RFC 3339 UTC.
pub fn format_unix_millis(ms: i64) -> String {
    format_utc_ms(ms)
}

/// Checks a `YYYY-MM-DD` calendar date (as given to `--since` and `--before`).
/// Stored times are `YYYY-MM-DDTHH:MM:SS.mmmZ`, so comparing them with the date
/// as text compares instants at UTC midnight.
pub fn parse_date(s: &str) -> Result<(i64, u32, u32), String> {
    IsoDate::read(s)
        .map(|d| {
            (
                i64::from(d.year()),
                u32::from(d.month()),
                u32::from(d.day()),
            )
        })
        .map_err(|why| why.describe(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("2024-02-29"), Ok((2024, 2, 29)));
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2023-13-01").is_err());
        assert!(parse_date("2023-1-01").is_err());
        assert!(parse_date("2023-01-01T00:00").is_err());
        assert!(parse_date("２０２３-01-01").is_err());
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_unix_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            format_unix_millis(951_782_400_123),
            "2000-02-29T00:00:00.123Z"
        );
        assert_eq!(
            format_unix_millis(1_795_996_740_000),
            "2026-11-29T23:59:00.000Z"
        );
    }
}
