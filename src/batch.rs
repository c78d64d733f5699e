//! Batch searches: a list of names or queries run at once with the same
//! filters, each query's number of matches, and every hit written as CSV
//! or JSON Lines naming its query (`lede batch`, `POST /api/batch`), as
//! newsrooms do with a list of people or companies and re-run after new
//! documents arrive.
//!
//! A queries file holds one query per line; blank lines and lines starting
//! with `#` are skipped; `name<TAB>query` names a query (the name is what
//! the output calls it), else the query is its own name. Every query is
//! checked before any runs, so a typo on line 40 is reported (with every
//! other bad line) before anything is written.

use std::io::{self, Write};
use std::time::Instant;

use thiserror::Error;

use crate::engine::{Backend, EngineError};
use crate::output::csv::CsvWriter;
use crate::output::json::{self, BatchSummary};
use crate::search::{SearchRequest, Streamed};

/// Most queries in one batch (a file of names is a few thousand at most).
pub const MAX_QUERIES: usize = 10_000;

/// One query of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchQuery {
    /// Its line in the file, from 1.
    pub line: usize,
    /// What the output calls it: the name before a tab, else the query.
    pub name: String,
    /// The query, in lede's query syntax.
    pub query: String,
}

/// A batch that cannot run.
#[derive(Debug, Error)]
pub enum BatchError {
    /// The file holds no query.
    #[error(
        "no queries: give one query per line (`name<TAB>query` names one; `#` starts a comment)"
    )]
    Empty,
    /// The file holds more queries than a batch runs.
    #[error("{0} queries is more than a batch runs ({MAX_QUERIES}); split the file")]
    TooMany(usize),
    /// The index or cluster failed while the queries were checked.
    #[error(transparent)]
    Engine(EngineError),
    /// Some queries are bad; none ran.
    #[error("{}", .0.iter().map(|(line, m)| format!("line {line}: {m}")).collect::<Vec<_>>().join("\n"))]
    BadQueries(Vec<(usize, String)>),
}

/// An error while a batch runs.
#[derive(Debug, Error)]
pub enum RunError {
    /// The index or cluster failed.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The hits could not be written.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Reads a queries file.
pub fn parse(text: &str) -> Result<Vec<BatchQuery>, BatchError> {
    let mut queries = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // The tab is looked for before trimming, which would drop one that
        // ends the line (a name with no query).
        let (name, query) = match raw.split_once('\t') {
            Some((name, query)) => (name.trim(), query.trim()),
            None => (line, line),
        };
        if query.is_empty() {
            bad.push((i + 1, format!("the query named {name:?} is empty")));
            continue;
        }
        queries.push(BatchQuery {
            line: i + 1,
            name: if name.is_empty() { query } else { name }.to_string(),
            query: query.to_string(),
        });
    }
    if !bad.is_empty() {
        return Err(BatchError::BadQueries(bad));
    }
    match queries.len() {
        0 => Err(BatchError::Empty),
        n if n > MAX_QUERIES => Err(BatchError::TooMany(n)),
        _ => Ok(queries),
    }
}

/// Checks that every query parses (against this index's fields): all the
/// bad ones, with their lines, in one error. A failing back end stops the
/// check at once.
pub fn check(
    backend: &dyn Backend,
    queries: &[BatchQuery],
    template: &SearchRequest,
) -> Result<(), BatchError> {
    let mut bad: Vec<(usize, String)> = Vec::new();
    for q in queries {
        match backend.check(&request(template, q)) {
            Ok(_) => {}
            Err(e) if e.is_request() => bad.push((q.line, e.to_string())),
            Err(e) => return Err(BatchError::Engine(e)),
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(BatchError::BadQueries(bad))
    }
}

fn request(template: &SearchRequest, q: &BatchQuery) -> SearchRequest {
    SearchRequest {
        query: q.query.clone(),
        ..template.clone()
    }
}

/// Where a batch's hits go.
pub enum Sink<W: Write> {
    /// Nowhere: only the counts are wanted.
    None,
    /// CSV, the query's name in the first column.
    Csv(CsvWriter<W>),
    /// JSON Lines: `begin`, per query `query` then its `hit`s, `summary`.
    JsonLines(W),
}

impl<W: Write> Sink<W> {
    /// A CSV sink (its header written).
    pub fn csv(out: W) -> io::Result<Sink<W>> {
        Ok(Sink::Csv(CsvWriter::with_query_column(out)?))
    }

    /// Flushes the output and returns it.
    pub fn finish(self) -> io::Result<Option<W>> {
        match self {
            Sink::None => Ok(None),
            Sink::Csv(w) => w.into_inner().map(Some),
            Sink::JsonLines(mut w) => {
                w.flush()?;
                Ok(Some(w))
            }
        }
    }
}

/// Runs every query with the template's filters, order, snippets and
/// collapsing, writing at most `limit` hits of each (all when `None`) to
/// `sink`; `done` is told each query's outcome as it finishes. `index` is
/// what the JSON `begin` record calls the index. Call [`check`] first: a
/// query that does not parse stops the batch here.
pub fn run<W: Write>(
    backend: &dyn Backend,
    queries: &[BatchQuery],
    template: &SearchRequest,
    limit: Option<usize>,
    index: &str,
    sink: &mut Sink<W>,
    mut done: impl FnMut(&BatchQuery, &Streamed) -> io::Result<()>,
) -> Result<BatchSummary, RunError> {
    let started = Instant::now();
    let mut summary = BatchSummary {
        queries: queries.len(),
        ..BatchSummary::default()
    };
    if let Sink::JsonLines(out) = sink {
        json::write_batch_begin(out, index, queries.len())?;
    }
    for q in queries {
        let request = request(template, q);
        if let Sink::JsonLines(out) = sink {
            // The count opens the query's records, before its hits.
            let total = backend.count(&request)?;
            json::write_batch_query(out, &q.name, &q.query, total)?;
        }
        let limit = if matches!(sink, Sink::None) {
            Some(0)
        } else {
            limit
        };
        let streamed = backend.search_each(&request, limit, &mut |hit| {
            match sink {
                Sink::None => {}
                Sink::Csv(w) => w.write_batch_hit(&q.name, &hit)?,
                Sink::JsonLines(out) => json::write_batch_hit(out, &q.name, &hit)?,
            }
            Ok(())
        })?;
        summary.matched += usize::from(streamed.total > 0);
        summary.returned += streamed.returned;
        done(q, &streamed)?;
    }
    summary.elapsed = started.elapsed();
    if let Sink::JsonLines(out) = sink {
        json::write_batch_summary(out, &summary)?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queries_file_has_comments_blank_lines_and_names() {
        let text =
            "# people\n\nKardashian\nWhitcomb\t\"Dana Whitcomb\" OR governor\n  \t pardon \r\n";
        let q = parse(text).unwrap();
        assert_eq!(
            q,
            vec![
                BatchQuery {
                    line: 3,
                    name: "Kardashian".into(),
                    query: "Kardashian".into()
                },
                BatchQuery {
                    line: 4,
                    name: "Whitcomb".into(),
                    query: "\"Dana Whitcomb\" OR governor".into()
                },
                BatchQuery {
                    line: 5,
                    name: "pardon".into(),
                    query: "pardon".into()
                },
            ]
        );
    }

    #[test]
    fn empty_files_and_nameless_queries_are_refused() {
        assert!(matches!(
            parse("# only a comment\n\n"),
            Err(BatchError::Empty)
        ));
        let err = parse("ok\nsheriff\t  \n").unwrap_err().to_string();
        assert_eq!(err, "line 2: the query named \"sheriff\" is empty");
        let many = "x\n".repeat(MAX_QUERIES + 1);
        assert!(matches!(parse(&many), Err(BatchError::TooMany(_))));
    }
}
