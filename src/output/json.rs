//! JSON Lines printers.
//!
//! Search results are a stream of `{"type": ..., "data": ...}` records:
//!
//! ```text
//! {"type":"begin","data":{"query":"clemency Kardashian","index":"index"}}
//! {"type":"hit","data":{"rank":1,"score":7.31,"id":"9f2c...","title":"...","authors":["Ann Lee"],
//!   "outlet":"Valley Star","published":"2021-03-09T14:20:00-05:00","url":null,"path":"corpus/a.html",
//!   "snippet":{"text":"... sought clemency for ...","highlights":[[10,18]]}}}
//! {"type":"summary","data":{"total":3,"returned":1,"elapsed_ms":2.4}}
//! ```
//!
//! Highlights are byte offsets into the snippet's `text`, half-open.
//! Extracted articles are printed one per line with no envelope.

use std::io::{self, Write};

use serde::Serialize;

use crate::article::Article;
use crate::search::{Hit, SearchResults};

/// The `data` of a `begin` record.
#[derive(Debug, Serialize)]
struct Begin<'a> {
    query: &'a str,
    index: &'a str,
}

/// The `data` of a `summary` record.
#[derive(Debug, Serialize)]
struct Summary {
    total: usize,
    returned: usize,
    elapsed_ms: f64,
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

/// Writes a whole search result stream: begin, one hit per result, summary.
pub fn write_search<W: Write>(
    out: &mut W,
    query: &str,
    index: &str,
    results: &SearchResults,
) -> io::Result<()> {
    record(out, "begin", Begin { query, index })?;
    for hit in &results.hits {
        record::<W, &Hit>(out, "hit", hit)?;
    }
    let elapsed_ms = (results.elapsed.as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    record(
        out,
        "summary",
        Summary {
            total: results.total,
            returned: results.hits.len(),
            elapsed_ms,
        },
    )
}

/// Writes one extracted article as a JSON line.
pub fn write_article<W: Write>(out: &mut W, article: &Article) -> io::Result<()> {
    serde_json::to_writer(&mut *out, article)?;
    out.write_all(b"\n")
}
