//! Filters: exact author, outlet and language, and publication-date bounds
//! given as `2020`, `2020-06`, `2020-06-15`, an RFC 3339 moment, or a span
//! counted back from now (`30d`, `12w`, `6m`, `1y`). Filters narrow the
//! matches without changing their scores.

use std::ops::Bound;

use jiff::civil::Date;
use jiff::{Span, Timestamp, ToSpan};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::DateTime;
use thiserror::Error;

use crate::index::schema::key;
use crate::index::Fields;

/// A date or span lede could not read.
#[derive(Debug, Error)]
#[error("cannot read {flag} {value:?}: use a year (2020), a month (2020-06), a day (2020-06-15), or a span back from today (30d, 12w, 6m, 1y)")]
pub struct DateSpecError {
    /// The option, `--since` or `--until`.
    pub flag: &'static str,
    /// What the user gave.
    pub value: String,
}

/// A `--lang` value that is no language code.
#[derive(Debug, Error)]
#[error("--lang {value:?} is not a language code: use a two-letter ISO 639-1 code; {stemmed} have stemmers, any other code matches articles declared in that language")]
pub struct LangError {
    /// What the user gave.
    pub value: String,
    /// The codes with stemmers, listed for the user.
    pub stemmed: String,
}

/// Reads a `--lang` value: an ISO 639-1 code, in any case, with or without
/// a region (`en`, `EN`, `en-US` and `en_GB` are all `en`).
pub fn parse_lang(value: &str) -> Result<String, LangError> {
    let code = value
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if code.len() == 2 && isolang::Language::from_639_1(&code).is_some() {
        return Ok(code);
    }
    let stemmed: Vec<&str> = crate::index::schema::STEMMED
        .iter()
        .map(|(c, _)| *c)
        .collect();
    Err(LangError {
        value: value.to_string(),
        stemmed: stemmed.join(", "),
    })
}

/// What narrows a search.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Any of these authors (case-insensitive exact names).
    pub authors: Vec<String>,
    /// Any of these outlets (case-insensitive exact names).
    pub outlets: Vec<String>,
    /// Any of these languages (ISO 639-1 codes).
    pub langs: Vec<String>,
    /// Published at or after this instant.
    pub since: Option<Timestamp>,
    /// Published before this instant.
    pub until: Option<Timestamp>,
}

impl Filters {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.authors.is_empty()
            && self.outlets.is_empty()
            && self.langs.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }

    /// Wraps a query so that only filtered articles match, scores unchanged.
    pub fn apply(&self, fields: &Fields, query: Box<dyn Query>) -> Box<dyn Query> {
        if self.is_empty() {
            return query;
        }
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        let any_of = |field, values: &[String], normalize: fn(&str) -> String| -> Box<dyn Query> {
            let terms: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, &normalize(v)),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            Box::new(ConstScoreQuery::new(
                Box::new(BooleanQuery::new(terms)),
                0.0,
            ))
        };
        if !self.authors.is_empty() {
            parts.push((Occur::Must, any_of(fields.author_key, &self.authors, key)));
        }
        if !self.outlets.is_empty() {
            parts.push((Occur::Must, any_of(fields.outlet_key, &self.outlets, key)));
        }
        if !self.langs.is_empty() {
            parts.push((
                Occur::Must,
                any_of(fields.lang, &self.langs, |l| l.trim().to_ascii_lowercase()),
            ));
        }
        if self.since.is_some() || self.until.is_some() {
            let bound = |t: Option<Timestamp>, inclusive: bool| match t {
                None => Bound::Unbounded,
                Some(t) => {
                    let term = Term::from_field_date_for_search(
                        fields.published,
                        DateTime::from_timestamp_secs(t.as_second()),
                    );
                    if inclusive {
                        Bound::Included(term)
                    } else {
                        Bound::Excluded(term)
                    }
                }
            };
            let range = RangeQuery::new(bound(self.since, true), bound(self.until, false));
            parts.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(range), 0.0)),
            ));
        }
        Box::new(BooleanQuery::new(parts))
    }
}

/// Which end of a period a date spec gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// `--since`: the start of the period.
    Start,
    /// `--until`: the end of the period (exclusive), so `--until 2020` includes all of 2020.
    End,
}

/// Reads a `--since`/`--until` value relative to `now`.
pub fn parse_date_spec(
    value: &str,
    edge: Edge,
    now: Timestamp,
) -> Result<Timestamp, DateSpecError> {
    let flag = if edge == Edge::Start {
        "--since"
    } else {
        "--until"
    };
    let err = || DateSpecError {
        flag,
        value: value.to_string(),
    };
    let v = value.trim();
    if let Some(span) = parse_span(v) {
        let zoned = now.to_zoned(jiff::tz::TimeZone::UTC);
        return zoned
            .checked_sub(span)
            .map(|z| z.timestamp())
            .map_err(|_| err());
    }
    if let Ok(ts) = v.parse::<Timestamp>() {
        return Ok(ts);
    }
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| s.parse::<i16>().ok();
    let (start, period): (Date, Span) = match parts.as_slice() {
        [y] if y.len() == 4 => (
            Date::new(num(y).ok_or_else(err)?, 1, 1).map_err(|_| err())?,
            1.year(),
        ),
        [y, m] if y.len() == 4 => (
            Date::new(num(y).ok_or_else(err)?, num(m).ok_or_else(err)? as i8, 1)
                .map_err(|_| err())?,
            1.month(),
        ),
        [y, m, d] if y.len() == 4 => (
            Date::new(
                num(y).ok_or_else(err)?,
                num(m).ok_or_else(err)? as i8,
                num(d).ok_or_else(err)? as i8,
            )
            .map_err(|_| err())?,
            1.day(),
        ),
        _ => return Err(err()),
    };
    let date = match edge {
        Edge::Start => start,
        Edge::End => start.checked_add(period).map_err(|_| err())?,
    };
    date.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|_| err())
}

/// `30d`, `12w`, `6m`, `1y` as a calendar span.
pub fn parse_span(v: &str) -> Option<Span> {
    let unit = v.chars().last()?;
    let n: i64 = v[..v.len() - unit.len_utf8()].parse().ok()?;
    if !(0..=10_000).contains(&n) {
        return None;
    }
    match unit {
        'd' => Some(n.days()),
        'w' => Some(n.weeks()),
        'm' => Some(n.months()),
        'y' => Some(n.years()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-03-15T12:00:00Z".parse().unwrap()
    }

    fn spec(v: &str, edge: Edge) -> String {
        parse_date_spec(v, edge, now()).unwrap().to_string()
    }

    #[test]
    fn periods_cover_the_whole_year_month_or_day() {
        assert_eq!(spec("2020", Edge::Start), "2020-01-01T00:00:00Z");
        assert_eq!(spec("2020", Edge::End), "2021-01-01T00:00:00Z");
        assert_eq!(spec("2020-06", Edge::Start), "2020-06-01T00:00:00Z");
        assert_eq!(spec("2020-12", Edge::End), "2021-01-01T00:00:00Z");
        assert_eq!(spec("2020-06-15", Edge::End), "2020-06-16T00:00:00Z");
    }

    #[test]
    fn spans_count_back_from_the_injected_clock() {
        assert_eq!(spec("30d", Edge::Start), "2024-02-14T12:00:00Z");
        assert_eq!(spec("2w", Edge::Start), "2024-03-01T12:00:00Z");
        assert_eq!(spec("6m", Edge::Start), "2023-09-15T12:00:00Z");
        assert_eq!(spec("1y", Edge::End), "2023-03-15T12:00:00Z");
    }

    #[test]
    fn nonsense_is_an_error_naming_the_flag() {
        for bad in [
            "",
            "yesterday",
            "20x",
            "2020-13",
            "2020-02-30",
            "99999d",
            "1.5y",
        ] {
            let e = parse_date_spec(bad, Edge::Start, now()).unwrap_err();
            assert!(
                e.to_string().starts_with("cannot read --since"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn language_codes_are_checked_and_normalized() {
        assert_eq!(parse_lang("en").unwrap(), "en");
        assert_eq!(parse_lang(" DE ").unwrap(), "de");
        assert_eq!(parse_lang("en-US").unwrap(), "en");
        assert_eq!(parse_lang("pt_BR").unwrap(), "pt");
        let err = parse_lang("zzzz").unwrap_err().to_string();
        assert!(err.contains("\"zzzz\"") && err.contains("en, "), "{err}");
        assert!(parse_lang("zz").is_err());
        assert!(parse_lang("").is_err());
        assert!(parse_lang("english").is_err());
    }
}
