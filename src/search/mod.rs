//! Search: from a query string to ranked [`Hit`]s with snippets.
//!
//! The query goes through tantivy's `QueryParser` over the text fields, the
//! title weighted above the dek and the body (BM25); every word must match
//! unless the user writes `OR`. Hits carry plain lede values, never tantivy
//! types, so the printers in `output` stay independent of the index.

mod query;
mod snippet;

use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};
use thiserror::Error;

pub use query::QueryError;
pub use snippet::Snippet;

use crate::extract::date::Published;
use crate::index::{Fields, OpenIndex};

/// Errors while searching.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The query could not be understood.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The index could not be read.
    #[error("reading the index failed: {0}; if it was written by another lede version, rebuild it with `lede index --full`")]
    Index(#[from] tantivy::TantivyError),
}

/// What to search for and how many results to return.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The user's query, in lede's query syntax.
    pub query: String,
    /// At most this many hits.
    pub limit: usize,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// BM25 score (higher is better).
    pub score: f32,
    /// The article's stable id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date as the source stated it.
    pub published: Option<Published>,
    /// Canonical url.
    pub url: Option<String>,
    /// The source file.
    pub path: String,
    /// The best passage of the body, with the query's terms marked.
    pub snippet: Snippet,
}

/// The outcome of a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Articles matching the query in the whole index.
    pub total: usize,
    /// The returned hits, best first.
    pub hits: Vec<Hit>,
    /// Time spent searching and building snippets.
    pub elapsed: Duration,
}

/// Runs a search against an opened index.
pub fn search(index: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let started = Instant::now();
    let reader = index.index.reader()?;
    let searcher = reader.searcher();
    let query = query::parse(&index.index, &index.fields, &request.query)?;
    let (top, total) = searcher.search(
        &query,
        &(
            TopDocs::with_limit(request.limit.max(1)).order_by_score(),
            Count,
        ),
    )?;
    let snippets = snippet::Snippets::new(&searcher, &*query, index.fields.body)?;
    let mut hits = Vec::with_capacity(top.len());
    for (rank, (score, address)) in top.into_iter().take(request.limit).enumerate() {
        let doc = load(&searcher, address)?;
        hits.push(to_hit(&index.fields, &doc, rank + 1, score, &snippets));
    }
    Ok(SearchResults {
        total,
        hits,
        elapsed: started.elapsed(),
    })
}

fn load(searcher: &Searcher, address: DocAddress) -> tantivy::Result<TantivyDocument> {
    searcher.doc(address)
}

fn first(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn to_hit(
    f: &Fields,
    doc: &TantivyDocument,
    rank: usize,
    score: f32,
    snippets: &snippet::Snippets,
) -> Hit {
    let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
    Hit {
        rank,
        score,
        id: first(doc, f.id).unwrap_or_default(),
        title: first(doc, f.title),
        authors: doc
            .get_all(f.author)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        outlet: first(doc, f.outlet),
        published: first(doc, f.published_text).and_then(|s| Published::parse(&s)),
        url: first(doc, f.url),
        path: first(doc, f.path).unwrap_or_default(),
        snippet: snippets.snippet(body),
    }
}
