//! JSON Lines printers.
//!
//! Search results are a stream of `{"type": ..., "data": ...}` records: one
//! `begin`, one `hit` per result, a `facets` record when facets were asked
//! for, and one `summary`. `lede timeline --json` writes `begin`, one
//! `timeline` and `summary`. The README documents every field with a worked
//! example. All highlight ranges are byte offsets, half-open `[start, end)`;
//! a fragment's ranges are relative to its `text`, whose own `offset` is
//! relative to the article's body. Extracted articles (`lede extract`,
//! `lede show`) are printed one per line with no envelope. A batch of
//! searches (`lede batch`) is `begin`, then per query one `query` record
//! followed by its `hit`s (each naming the query), and one `summary`.
//! `lede stats --json` is one object.

use std::io::{self, Write};

use serde::Serialize;

use crate::article::Article;
use crate::search::{Bucket, Facet, Hit, IndexStats, Period, SearchResults};

/// The `data` of a `begin` record.
#[derive(Debug, Serialize)]
struct Begin<'a> {
    query: &'a str,
    index: &'a str,
}

/// The `data` of a timeline `summary` record.
#[derive(Debug, Serialize)]
struct Summary {
    total: usize,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
}

/// The `data` of a search `summary` record: [`Summary`]'s keys, and how
/// the query's words matched.
#[derive(Debug, Serialize)]
struct SearchSummary<'a> {
    total: usize,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
    relaxed: bool,
    all_words: Option<usize>,
    expansion: &'a [String],
}

/// One facet in a `facets` record.
#[derive(Debug, Serialize)]
struct FacetJson<'a> {
    facet: &'a str,
    values: Vec<ValueCount<'a>>,
    missing: u64,
}

#[derive(Debug, Serialize)]
struct ValueCount<'a> {
    value: &'a str,
    count: u64,
}

/// The `data` of a `timeline` record.
#[derive(Debug, Serialize)]
struct Timeline<'a> {
    by: Period,
    buckets: &'a [Bucket],
    undated: u64,
}

#[derive(Serialize)]
struct Record<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    data: T,
}

fn record<W: Write, T: Serialize>(out: &mut W, kind: &str, data: T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Record { kind, data })?;
    out.write_all(b"\n")
}

fn millis(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// Writes the begin record.
pub fn write_begin<W: Write>(out: &mut W, query: &str, index: &str) -> io::Result<()> {
    record(out, "begin", Begin { query, index })
}

/// Writes a whole search result stream: begin, hits, facets, summary.
pub fn write_search<W: Write>(
    out: &mut W,
    query: &str,
    index: &str,
    offset: usize,
    results: &SearchResults,
) -> io::Result<()> {
    write_begin(out, query, index)?;
    for hit in &results.hits {
        record(out, "hit", hit)?;
    }
    if !results.facets.is_empty() {
        record(out, "facets", facets_json(&results.facets))?;
    }
    record(
        out,
        "summary",
        SearchSummary {
            total: results.total,
            returned: results.hits.len(),
            offset,
            elapsed_ms: millis(results.elapsed),
            relaxed: results.relaxed,
            all_words: results.all_words,
            expansion: &results.expansion,
        },
    )
}

fn facets_json(facets: &[Facet]) -> Vec<FacetJson<'_>> {
    facets
        .iter()
        .map(|f| FacetJson {
            facet: f.facet.name(),
            values: f
                .counts
                .iter()
                .map(|(v, n)| ValueCount {
                    value: v,
                    count: *n,
                })
                .collect(),
            missing: f.missing,
        })
        .collect()
}

/// What a timeline stream reports.
pub struct TimelineReport<'a> {
    /// The query as given.
    pub query: &'a str,
    /// The index path.
    pub index: &'a str,
    /// The bucket period.
    pub by: Period,
    /// The buckets, in time order.
    pub buckets: &'a [Bucket],
    /// Matching articles without a date.
    pub undated: u64,
    /// All matching articles.
    pub total: usize,
    /// Time spent.
    pub elapsed: std::time::Duration,
}

/// Writes a timeline stream: begin, timeline, summary.
pub fn write_timeline<W: Write>(out: &mut W, t: &TimelineReport) -> io::Result<()> {
    write_begin(out, t.query, t.index)?;
    record(
        out,
        "timeline",
        Timeline {
            by: t.by,
            buckets: t.buckets,
            undated: t.undated,
        },
    )?;
    record(
        out,
        "summary",
        Summary {
            total: t.total,
            returned: t.buckets.len(),
            offset: 0,
            elapsed_ms: millis(t.elapsed),
        },
    )
}

/// Writes one extracted article as a JSON line.
pub fn write_article<W: Write>(out: &mut W, article: &Article) -> io::Result<()> {
    serde_json::to_writer(&mut *out, article)?;
    out.write_all(b"\n")
}

/// Writes what `lede stats --json` prints of an index: one object.
pub fn write_stats<W: Write>(
    out: &mut W,
    index: &str,
    stats: &IndexStats,
    bytes: Option<u64>,
    roots: &[String],
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Stats<'a> {
        index: &'a str,
        articles: u64,
        bytes: Option<u64>,
        first_published: Option<String>,
        last_published: Option<String>,
        undated: u64,
        roots: &'a [String],
        facets: &'a [Facet],
    }
    serde_json::to_writer(
        &mut *out,
        &Stats {
            index,
            articles: stats.articles,
            bytes,
            first_published: stats.first.map(|d| d.to_string()),
            last_published: stats.last.map(|d| d.to_string()),
            undated: stats.undated,
            roots,
            facets: &stats.facets,
        },
    )?;
    out.write_all(b"\n")
}

/// Writes the `begin` record of a batch: the index and the number of queries.
pub fn write_batch_begin<W: Write>(out: &mut W, index: &str, queries: usize) -> io::Result<()> {
    #[derive(Serialize)]
    struct BatchBegin<'a> {
        index: &'a str,
        queries: usize,
    }
    record(out, "begin", BatchBegin { index, queries })
}

/// Writes the `query` record that opens one query's hits: its name, the
/// query, and how many articles match it (every copy counted).
pub fn write_batch_query<W: Write>(
    out: &mut W,
    name: &str,
    query: &str,
    total: usize,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Query<'a> {
        name: &'a str,
        query: &'a str,
        total: usize,
    }
    record(out, "query", Query { name, query, total })
}

/// Writes one hit of a batch: the `hit` record of a search, with the
/// query's name first.
pub fn write_batch_hit<W: Write>(out: &mut W, name: &str, hit: &Hit) -> io::Result<()> {
    #[derive(Serialize)]
    struct BatchHit<'a> {
        query: &'a str,
        #[serde(flatten)]
        hit: &'a Hit,
    }
    record(out, "hit", BatchHit { query: name, hit })
}

/// What a batch did, for its `summary` record.
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchSummary {
    /// Queries run.
    pub queries: usize,
    /// Queries that matched at least one article.
    pub matched: usize,
    /// Hits written, all queries together.
    pub returned: usize,
    /// Time spent.
    pub elapsed: std::time::Duration,
}

/// Writes the `summary` record of a batch.
pub fn write_batch_summary<W: Write>(out: &mut W, summary: &BatchSummary) -> io::Result<()> {
    #[derive(Serialize)]
    struct Summary {
        queries: usize,
        matched: usize,
        returned: usize,
        elapsed_ms: f64,
    }
    record(
        out,
        "summary",
        Summary {
            queries: summary.queries,
            matched: summary.matched,
            returned: summary.returned,
            elapsed_ms: millis(summary.elapsed),
        },
    )
}
