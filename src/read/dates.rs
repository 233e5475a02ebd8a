//! The one date check: whether a date a source gives could be right.
//!
//! `fetch → read page → store`: every source kind passes its dates through [`plausible`]
//! before they are stored (pages, feed items, sitemap entries, Mastodon and Bluesky posts).
//! A date that cannot be read as one (`2024-01-50`) is left out; so is one before 1990 or
//! more than a day in the future (a day: time zones), unless another date field of the same
//! document agrees with it (same calendar day). Kept dates are normalised as the reader
//! normalises page dates (RFC 3339 in UTC when the offset is known).

use super::html::dates::normalize;
use jiff::Timestamp;
use jiff::civil::Date;

/// The earliest year a collected date is believed without a second field agreeing.
pub const EARLIEST_YEAR: i16 = 1990;

/// `raw`, normalised, if it could be right at `now`; `others` are the document's other date
/// fields, whose agreement vouches for an unlikely date.
pub fn plausible(raw: &str, others: &[&str], now: Timestamp) -> Option<String> {
    let normalized = normalize(raw)?;
    let day = calendar_day(&normalized)?;
    if likely(day, now) {
        return Some(normalized);
    }
    let agrees = others
        .iter()
        .filter_map(|other| normalize(other))
        .any(|other| calendar_day(&other) == Some(day));
    agrees.then_some(normalized)
}

/// The calendar day of a normalised date ("2015-07-24…").
fn calendar_day(normalized: &str) -> Option<Date> {
    normalized.get(..10)?.parse().ok()
}

/// From 1990 to tomorrow.
fn likely(day: Date, now: Timestamp) -> bool {
    let tomorrow = now
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap_or(now)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    day.year() >= EARLIEST_YEAR && day <= tomorrow
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-05-10T12:00:00Z".parse().expect("a timestamp")
    }

    #[test]
    fn dates_that_cannot_exist_are_left_out() {
        assert_eq!(plausible("2024-01-50", &[], now()), None);
        assert_eq!(plausible("2024-02-30T10:00:00Z", &[], now()), None);
        assert_eq!(plausible("yesterday", &[], now()), None);
    }

    #[test]
    fn ordinary_dates_are_normalised() {
        assert_eq!(
            plausible("2026-05-04T08:30:00+02:00", &[], now()).as_deref(),
            Some("2026-05-04T06:30:00Z")
        );
        assert_eq!(
            plausible("2026-05-11", &[], now()).as_deref(),
            Some("2026-05-11"),
            "tomorrow somewhere"
        );
    }

    #[test]
    fn unlikely_dates_need_a_second_field_that_agrees() {
        assert_eq!(plausible("0001-01-01T00:00:00Z", &[], now()), None);
        assert_eq!(plausible("2999-01-01T00:00:00Z", &[], now()), None);
        assert_eq!(plausible("1985-06-01", &["2026-01-01"], now()), None);
        assert_eq!(
            plausible("1985-06-01T09:00:00Z", &["1985-06-01"], now()).as_deref(),
            Some("1985-06-01T09:00:00Z")
        );
    }
}
