//! Calendar dates as the records keep them: `YYYY-MM-DD` text, compared as days since
//! 1970-01-01 (UTC). Why not a date crate: three conversions are all the records need.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `YYYY-MM-DD` for a day number.
pub fn iso(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day number of a `YYYY-MM-DD` date, or a message naming what is wrong.
pub fn parse(date: &str) -> Result<i64, String> {
    if date.is_empty() {
        return Err("the date is empty (write it YYYY-MM-DD)".to_owned());
    }
    crate::plan::check_date(date)?;
    let y = date[0..4]
        .parse()
        .map_err(|_| format!("bad year in {date:?}"))?;
    let m = date[5..7]
        .parse()
        .map_err(|_| format!("bad month in {date:?}"))?;
    let d = date[8..10]
        .parse()
        .map_err(|_| format!("bad day in {date:?}"))?;
    Ok(days_from_civil(y, m, d))
}

/// Seconds since 1970 now (0 if the clock is before 1970).
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Today's day number (UTC).
pub fn today() -> i64 {
    now_secs().div_euclid(86_400)
}

/// Today as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    iso(today())
}

/// A moment as `YYYY-MM-DD HH:MM UTC`: how signatures and addenda are dated.
pub fn stamp(secs: i64) -> String {
    let day = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02} UTC",
        iso(day),
        rem / 3600,
        (rem % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_leap_years_and_centuries() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso(0), "1970-01-01");
        assert_eq!(parse("2000-02-29"), Ok(11_016));
        for day in [-1, 0, 59, 11_016, 20_000, 30_000, 2_000_000] {
            assert_eq!(parse(&iso(day)), Ok(day), "{}", iso(day));
        }
        assert!(parse("2023-02-29").is_err());
        assert!(parse("").is_err());
        assert!(parse("12/01/2026").is_err());
    }

    #[test]
    fn stamps_read_as_utc_minutes() {
        assert_eq!(stamp(0), "1970-01-01 00:00 UTC");
        assert_eq!(
            stamp(86_400 + 3_600 * 13 + 60 * 7 + 59),
            "1970-01-02 13:07 UTC"
        );
    }
}
