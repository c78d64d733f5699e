//! [`Published`]: a publication date as precise as the source states it,
//! the one date type every stage shares. Extraction produces it
//! (`extract::date` parses the messy strings of pages and feeds into it),
//! the [`Article`](crate::article::Article) carries it, the index stores
//! and sorts by it, search filters and prints it.
//!
//! A value that carries only a day stays a day (`2023-11-14`); a value
//! with a time keeps its stated offset (`2023-11-14T08:00:00-05:00`).
//! Its text form, written by `Display` and read back by
//! [`Published::parse`], is the export format's.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Earliest and latest years accepted; anything else is a misread number.
pub const YEARS: std::ops::RangeInclusive<i16> = 1800..=2100;

/// A publication date as precise as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// Only the calendar day is known.
    Day(Date),
    /// A moment, with the offset from UTC the source gave (UTC when it gave none).
    Moment(DateTime, Offset),
}

impl Published {
    /// The calendar day of publication, in the source's own offset.
    pub fn day(&self) -> Date {
        match self {
            Published::Day(d) => *d,
            Published::Moment(dt, _) => dt.date(),
        }
    }

    /// The instant used for sorting and range filters; a bare day counts as
    /// its midnight UTC.
    pub fn timestamp(&self) -> Timestamp {
        let (dt, off) = match self {
            Published::Day(d) => (d.to_datetime(Time::midnight()), Offset::UTC),
            Published::Moment(dt, off) => (*dt, *off),
        };
        // Every value that passes `YEARS` is far inside jiff's range.
        TimeZone::fixed(off)
            .to_timestamp(dt)
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// Reads back exactly what [`Display`](fmt::Display) writes
    /// (`2023-11-14`, `2023-11-14T08:00:00Z`, `2023-11-14T08:00:00-05:00`):
    /// the export format and the index's stored form. Dates stated in free
    /// text (pages, feeds) are extraction's business:
    /// `extract::date::parse_date`.
    pub fn parse(text: &str) -> Option<Published> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<i32> {
            let part = text.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        if !YEARS.contains(&(y as i16)) {
            return None;
        }
        let date = Date::new(y as i16, m as i8, d as i8).ok()?;
        if b.len() == 10 {
            return Some(Published::Day(date));
        }
        if b.len() < 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let time = Time::new(
            digits(11..13)? as i8,
            digits(14..16)? as i8,
            digits(17..19)? as i8,
            0,
        )
        .ok()?;
        let offset = match &text[19..] {
            "Z" => Offset::UTC,
            o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) && &o[3..4] == ":" => {
                let secs = digits(20..22)? * 3600 + digits(23..25)? * 60;
                Offset::from_seconds(if o.starts_with('-') { -secs } else { secs }).ok()?
            }
            _ => return None,
        };
        Some(Published::Moment(date.to_datetime(time), offset))
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Day(d) => write!(f, "{}", d.strftime("%Y-%m-%d")),
            Published::Moment(dt, off) => {
                write!(f, "{}", dt.strftime("%Y-%m-%dT%H:%M:%S"))?;
                if *off == Offset::UTC {
                    f.write_str("Z")
                } else {
                    let secs = off.seconds();
                    let sign = if secs < 0 { '-' } else { '+' };
                    let secs = secs.abs();
                    write!(f, "{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)
                }
            }
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Published::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        for s in [
            "2023-11-14",
            "2023-11-14T08:00:00-05:00",
            "2023-11-14T08:00:00Z",
            "1987-02-26T15:01:01+05:30",
        ] {
            let d = Published::parse(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(d.to_string(), s);
            let json = serde_json::to_string(&d).expect("serializes");
            assert_eq!(json, format!("\"{s}\""));
            let back: Published = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, d);
        }
    }

    #[test]
    fn only_the_canonical_forms_are_read() {
        for s in [
            "2023-11-14 08:00",
            "14.11.2023",
            "2023-13-01",
            "2023-11-14T08:00:00+0500",
            "1700-01-01",
            "x",
        ] {
            assert_eq!(Published::parse(s), None, "{s}");
        }
        assert!(serde_json::from_str::<Published>("\"Nov. 14, 2023\"").is_err());
    }

    #[test]
    fn timestamp_respects_offset() {
        let d = Published::parse("2023-11-14T23:30:00-05:00").expect("parses");
        assert_eq!(d.day().to_string(), "2023-11-14");
        assert_eq!(d.timestamp().to_string(), "2023-11-15T04:30:00Z");
    }
}
