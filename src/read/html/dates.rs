//! Publication dates as pages write them, normalised for the [`Document`](crate::Document).
//!
//! Part of `read page`. The rule, honest first:
//! - a timestamp with an offset or `Z` (ISO 8601 / RFC 3339, `+0100` included, or RFC 2822
//!   such as "Fri, 24 Jul 2015 10:00:00 GMT") becomes an RFC 3339 timestamp in UTC,
//!   "2015-07-24T09:00:00Z";
//! - a date and time without any offset stays local, "2015-07-24T10:00:00": inventing a `Z`
//!   would move it by the page's unknown time zone;
//! - a bare date stays "2015-07-24" for the same reason;
//! - anything else is dropped (`None`).

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

/// Normalises a date string as described in the module documentation.
pub fn normalize(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    let spaced = with_colon_offset(&raw.replacen(' ', "T", 1).replace(' ', ""));
    for candidate in [raw, spaced.as_str()] {
        if let Ok(timestamp) = candidate.parse::<Timestamp>() {
            return Some(timestamp.to_string());
        }
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(raw) {
        return Some(zoned.timestamp().to_string());
    }
    for candidate in [raw, spaced.as_str()] {
        if let Ok(datetime) = candidate.parse::<DateTime>()
            && candidate.contains('T')
        {
            return Some(datetime.strftime("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    let date_part = raw.get(..10).unwrap_or(raw);
    date_part
        .parse::<Date>()
        .ok()
        .map(|date| date.strftime("%Y-%m-%d").to_string())
}

/// "…T10:00:00+0100" → "…T10:00:00+01:00" (ISO 8601's basic offset, which pages use).
fn with_colon_offset(text: &str) -> String {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let basic_offset = n > 5
        && matches!(bytes.get(n - 5), Some(b'+' | b'-'))
        && bytes
            .get(n - 4..)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && text.contains('T');
    if !basic_offset {
        return text.to_string();
    }
    match (text.get(..n - 2), text.get(n - 2..)) {
        (Some(head), Some(minutes)) => format!("{head}:{minutes}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_utc() {
        assert_eq!(
            normalize("2015-07-24T10:00:00+01:00").as_deref(),
            Some("2015-07-24T09:00:00Z")
        );
        assert_eq!(
            normalize("2015-07-24T10:00:00.000Z").as_deref(),
            Some("2015-07-24T10:00:00Z")
        );
        assert_eq!(
            normalize("2015-07-24 10:00:00 +0100").as_deref(),
            Some("2015-07-24T09:00:00Z")
        );
        assert_eq!(
            normalize("Fri, 24 Jul 2015 10:00:00 GMT").as_deref(),
            Some("2015-07-24T10:00:00Z")
        );
    }

    #[test]
    fn local_times_and_dates_stay_local() {
        assert_eq!(
            normalize("2015-07-24T10:00:00").as_deref(),
            Some("2015-07-24T10:00:00")
        );
        assert_eq!(normalize("2015-07-24").as_deref(), Some("2015-07-24"));
        assert_eq!(normalize("last Tuesday"), None);
    }
}
