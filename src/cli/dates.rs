//! `--since` and `--until` values: a date (2024-05-01), an RFC 3339 time, or a span back
//! from now (7d, 2w, 3m, 1y). Both become RFC 3339 UTC bounds; `--until` a date includes
//! that whole day.

use anyhow::{Context, Result, bail};
use jiff::{Span, Timestamp, ToSpan, civil::Date, tz::TimeZone};

/// The lower bound: the start of the day, the time itself, or now minus the span.
pub fn since(value: &str) -> Result<String> {
    parse(value, false).with_context(|| format!("--since {value:?}"))
}

/// The exclusive upper bound: the end of the day, the time itself, or now minus the span.
pub fn until(value: &str) -> Result<String> {
    parse(value, true).with_context(|| format!("--until {value:?}"))
}

fn parse(value: &str, end_of_day: bool) -> Result<String> {
    let value = value.trim();
    if let Ok(ts) = value.parse::<Timestamp>() {
        return Ok(ts.to_string());
    }
    if let Ok(date) = value.parse::<Date>() {
        let day = if end_of_day { date.tomorrow()? } else { date };
        return Ok(day
            .to_zoned_datetime(TimeZone::UTC)?
            .timestamp()
            .to_string());
    }
    if let Some(span) = relative_span(value) {
        let now = Timestamp::now().to_zoned_datetime(TimeZone::UTC);
        return Ok(now.checked_sub(span)?.timestamp().to_string());
    }
    bail!("expected a date like 2024-05-01, an RFC 3339 time, or a span like 7d, 2w, 3m, 1y")
}

/// "7d", "2w", "3m", "1y" as a calendar span.
fn relative_span(value: &str) -> Option<Span> {
    let unit = value.chars().last()?;
    let count: i64 = value[..value.len() - unit.len_utf8()].parse().ok()?;
    if !(0..=10_000).contains(&count) {
        return None;
    }
    match unit {
        'd' => Some(count.days()),
        'w' => Some(count.weeks()),
        'm' => Some(count.months()),
        'y' => Some(count.years()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_utc_bounds() {
        assert_eq!(since("2024-05-01").unwrap(), "2024-05-01T00:00:00Z");
        assert_eq!(until("2024-05-01").unwrap(), "2024-05-02T00:00:00Z");
        assert_eq!(
            since("2024-05-01T12:00:00+02:00").unwrap(),
            "2024-05-01T10:00:00Z"
        );
    }

    #[test]
    fn spans_and_garbage() {
        assert!(since("7d").unwrap() < Timestamp::now().to_string());
        assert!(since("3m").is_ok());
        let err = format!("{:#}", since("yesterday").unwrap_err());
        assert!(err.contains("--since \"yesterday\""), "{err}");
    }
}
