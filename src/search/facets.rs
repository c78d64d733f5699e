//! Facets and timeline: counts over *all* articles matching a query (not
//! only the returned page), read from the index's fast columns by one
//! collector: outlets, authors, languages, and publication dates bucketed
//! by year, or by day, week, month or year for the timeline.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// What a facet counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    /// Articles per outlet.
    Outlet,
    /// Articles per author (an article counts once for each of its authors).
    Author,
    /// Articles per publication year.
    Year,
    /// Articles per language.
    Lang,
}

impl FacetKind {
    /// Parses a facet name as given to `--facets`.
    pub fn parse(name: &str) -> Option<FacetKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "outlet" | "outlets" => Some(FacetKind::Outlet),
            "author" | "authors" => Some(FacetKind::Author),
            "year" | "years" => Some(FacetKind::Year),
            "lang" | "language" | "langs" => Some(FacetKind::Lang),
            _ => None,
        }
    }

    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            FacetKind::Outlet => "outlet",
            FacetKind::Author => "author",
            FacetKind::Year => "year",
            FacetKind::Lang => "lang",
        }
    }
}

/// The counts of one facet, largest first (years in time order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    /// What was counted.
    pub facet: FacetKind,
    /// `(value, articles)`, at most [`MAX_VALUES`] of them.
    pub counts: Vec<(String, u64)>,
    /// Matching articles with no value for this facet (no outlet, no date ...).
    pub missing: u64,
}

/// Most values listed per facet.
pub const MAX_VALUES: usize = 20;

/// The period of one timeline bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// One bar of a timeline: the period's first day and its article count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// First day of the period, `YYYY-MM-DD`.
    pub start: String,
    /// Matching articles published in it.
    pub count: u64,
}

/// Raw per-match values gathered by [`StatsCollector`].
#[derive(Debug, Default)]
pub struct MatchStats {
    outlets: HashMap<String, u64>,
    authors: HashMap<String, u64>,
    langs: HashMap<String, u64>,
    no_outlet: u64,
    no_author: u64,
    no_lang: u64,
    /// Publication instants (seconds) of matching articles that have one.
    pub dates: Vec<i64>,
    /// Matching articles without a publication date.
    pub undated: u64,
}

impl MatchStats {
    /// The requested facets, in the order asked.
    pub fn facets(&self, kinds: &[FacetKind]) -> Vec<Facet> {
        kinds
            .iter()
            .map(|&facet| {
                let (counts, missing) = match facet {
                    FacetKind::Outlet => (top(&self.outlets), self.no_outlet),
                    FacetKind::Author => (top(&self.authors), self.no_author),
                    FacetKind::Lang => (top(&self.langs), self.no_lang),
                    FacetKind::Year => {
                        let buckets = timeline(&self.dates, Period::Year, false);
                        (
                            buckets
                                .into_iter()
                                .map(|b| (b.start[..4].to_string(), b.count))
                                .collect(),
                            self.undated,
                        )
                    }
                };
                Facet {
                    facet,
                    counts,
                    missing,
                }
            })
            .collect()
    }
}

fn top(counts: &HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts.iter().map(|(k, n)| (k.clone(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(MAX_VALUES);
    v
}

/// The first day of the period holding `day`.
fn period_start(day: Date, period: Period) -> Date {
    match period {
        Period::Day => day,
        Period::Week => {
            let back = day.weekday().to_monday_zero_offset();
            day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
        }
        Period::Month => day.first_of_month(),
        Period::Year => day.first_of_year(),
    }
}

fn next_period(start: Date, period: Period) -> Option<Date> {
    let span = match period {
        Period::Day => jiff::Span::new().days(1),
        Period::Week => jiff::Span::new().weeks(1),
        Period::Month => jiff::Span::new().months(1),
        Period::Year => jiff::Span::new().years(1),
    };
    start.checked_add(span).ok()
}

/// Buckets publication instants by period, in time order. With `fill`, the
/// empty periods between the first and last are included (a chart wants
/// them; a facet does not).
pub fn timeline(dates: &[i64], period: Period, fill: bool) -> Vec<Bucket> {
    let mut counts: HashMap<Date, u64> = HashMap::new();
    for &secs in dates {
        let Ok(ts) = Timestamp::from_second(secs) else {
            continue;
        };
        let day = ts.to_zoned(TimeZone::UTC).date();
        *counts.entry(period_start(day, period)).or_default() += 1;
    }
    buckets(counts, period, fill)
}

/// A timeline from counts per period (each period's first day, as another
/// back end counts them), with the empty periods between filled in.
pub fn fill(counts: &[(String, u64)], period: Period) -> Vec<Bucket> {
    let mut by_day: HashMap<Date, u64> = HashMap::new();
    for (start, n) in counts {
        if let Ok(day) = start.parse::<Date>() {
            *by_day.entry(period_start(day, period)).or_default() += n;
        }
    }
    buckets(by_day, period, true)
}

fn buckets(counts: HashMap<Date, u64>, period: Period, fill: bool) -> Vec<Bucket> {
    let mut keys: Vec<Date> = counts.keys().copied().collect();
    keys.sort_unstable();
    if fill {
        if let (Some(&first), Some(&last)) = (keys.first(), keys.last()) {
            let mut all = Vec::new();
            let mut d = first;
            // Bounded: a day-by-day chart of centuries is not useful.
            while d <= last && all.len() < 100_000 {
                all.push(d);
                match next_period(d, period) {
                    Some(n) => d = n,
                    None => break,
                }
            }
            keys = all;
        }
    }
    keys.into_iter()
        .map(|d| Bucket {
            start: d.to_string(),
            count: counts.get(&d).copied().unwrap_or(0),
        })
        .collect()
}

/// Collects facet values and dates of every matching article.
pub struct StatsCollector {
    /// Also read outlets, authors and languages (dates are always read).
    pub names: bool,
}

/// Per-segment half of [`StatsCollector`].
pub struct SegmentStats {
    outlet: Option<StrColumn>,
    author: Option<StrColumn>,
    lang: Option<StrColumn>,
    published: Option<Column<tantivy::DateTime>>,
    outlet_ords: HashMap<u64, u64>,
    author_ords: HashMap<u64, u64>,
    lang_ords: HashMap<u64, u64>,
    stats: MatchStats,
}

impl Collector for StatsCollector {
    type Fruit = MatchStats;
    type Child = SegmentStats;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStats> {
        let ff = reader.fast_fields();
        let names = |name: &str| {
            if self.names {
                ff.str(name).ok().flatten()
            } else {
                None
            }
        };
        Ok(SegmentStats {
            outlet: names("outlet_name"),
            author: names("author_name"),
            lang: names("lang"),
            published: ff.date("published").ok(),
            outlet_ords: HashMap::new(),
            author_ords: HashMap::new(),
            lang_ords: HashMap::new(),
            stats: MatchStats::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<MatchStats>) -> tantivy::Result<MatchStats> {
        let mut all = MatchStats::default();
        for f in fruits {
            for (k, n) in f.outlets {
                *all.outlets.entry(k).or_default() += n;
            }
            for (k, n) in f.authors {
                *all.authors.entry(k).or_default() += n;
            }
            for (k, n) in f.langs {
                *all.langs.entry(k).or_default() += n;
            }
            all.no_outlet += f.no_outlet;
            all.no_author += f.no_author;
            all.no_lang += f.no_lang;
            all.undated += f.undated;
            all.dates.extend(f.dates);
        }
        Ok(all)
    }
}

fn count_ords(
    column: &Option<StrColumn>,
    doc: DocId,
    counts: &mut HashMap<u64, u64>,
    missing: &mut u64,
) {
    let Some(col) = column else { return };
    let mut any = false;
    for ord in col.term_ords(doc) {
        *counts.entry(ord).or_default() += 1;
        any = true;
    }
    if !any {
        *missing += 1;
    }
}

fn resolve(column: &Option<StrColumn>, ords: HashMap<u64, u64>, into: &mut HashMap<String, u64>) {
    let Some(col) = column else { return };
    let mut name = String::new();
    for (ord, n) in ords {
        name.clear();
        if col.ord_to_str(ord, &mut name).unwrap_or(false) {
            *into.entry(name.clone()).or_default() += n;
        }
    }
}

impl SegmentCollector for SegmentStats {
    type Fruit = MatchStats;

    fn collect(&mut self, doc: DocId, _: Score) {
        count_ords(
            &self.outlet,
            doc,
            &mut self.outlet_ords,
            &mut self.stats.no_outlet,
        );
        count_ords(
            &self.author,
            doc,
            &mut self.author_ords,
            &mut self.stats.no_author,
        );
        count_ords(
            &self.lang,
            doc,
            &mut self.lang_ords,
            &mut self.stats.no_lang,
        );
        match self.published.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => self.stats.dates.push(d.into_timestamp_secs()),
            None => self.stats.undated += 1,
        }
    }

    fn harvest(mut self) -> MatchStats {
        resolve(
            &self.outlet,
            std::mem::take(&mut self.outlet_ords),
            &mut self.stats.outlets,
        );
        resolve(
            &self.author,
            std::mem::take(&mut self.author_ords),
            &mut self.stats.authors,
        );
        resolve(
            &self.lang,
            std::mem::take(&mut self.lang_ords),
            &mut self.stats.langs,
        );
        self.stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> i64 {
        s.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn buckets_by_period_with_gaps_filled() {
        let dates = [
            secs("2020-01-15T10:00:00Z"),
            secs("2020-01-20T10:00:00Z"),
            secs("2020-03-02T00:00:00Z"),
        ];
        let months = timeline(&dates, Period::Month, true);
        let got: Vec<(&str, u64)> = months.iter().map(|b| (b.start.as_str(), b.count)).collect();
        assert_eq!(
            got,
            [("2020-01-01", 2), ("2020-02-01", 0), ("2020-03-01", 1)]
        );
        let weeks = timeline(&dates, Period::Week, false);
        assert_eq!(weeks[0].start, "2020-01-13", "weeks start on Monday");
        assert_eq!(weeks.len(), 3);
        assert!(timeline(&[], Period::Day, true).is_empty());
    }

    #[test]
    fn facet_names() {
        assert_eq!(FacetKind::parse("Outlet"), Some(FacetKind::Outlet));
        assert_eq!(FacetKind::parse("years"), Some(FacetKind::Year));
        assert_eq!(FacetKind::parse("colour"), None);
    }
}
