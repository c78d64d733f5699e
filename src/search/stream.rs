//! Every hit of a search, one at a time: what exports (`lede search --csv
//! --all`, `lede batch`, the server's CSV) need, where a page of results
//! would have to hold them all. Only the ranking of the matches is kept
//! (an address and a score each, in the request's order, duplicates
//! collapsed as [`Engine::search`] does); each hit's stored document,
//! snippets and copies are read when the hit is handed over, and dropped
//! after.

use std::time::{Duration, Instant};

use tantivy::TantivyDocument;

use super::{break_ties, collapse, members, rank, snippet, to_hit, Engine, Hit, PreparedQuery};
use super::{SearchError, SearchRequest, Sort};

/// What a streamed search found.
#[derive(Debug, Clone)]
pub struct Streamed {
    /// Articles matching the query in the whole index (every copy counted).
    pub total: usize,
    /// Hits handed over.
    pub returned: usize,
    /// Warnings about parts of the query that were ignored.
    pub warnings: Vec<String>,
    /// Time spent, handing over included.
    pub elapsed: Duration,
}

impl PreparedQuery {
    /// What was ignored to make sense of the query, one message each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

impl Engine {
    /// Runs a search and hands each hit to `each`, in order, from the
    /// request's offset on: at most `limit` of them, or all when `limit` is
    /// `None` (the request's own `limit` is not used). Facets are not
    /// counted. An error from `each` (a closed connection, a full disk)
    /// stops the search and is returned.
    pub fn search_each<E: From<SearchError>>(
        &self,
        request: &SearchRequest,
        limit: Option<usize>,
        mut each: impl FnMut(Hit) -> Result<(), E>,
    ) -> Result<Streamed, E> {
        let started = Instant::now();
        let prepared = self.prepare(request)?;
        let total = prepared.count()?;
        let mut returned = 0;
        if total > 0 && limit != Some(0) {
            // All matches, ranked: the count sizes the collector exactly.
            let (mut ranked, _) = rank(&prepared, request, total, false)?;
            if request.sort == Sort::Relevance {
                break_ties(&prepared, &mut ranked)?;
            }
            if request.collapse {
                ranked = collapse(&prepared.searcher, ranked);
            }
            let mut snippets =
                snippet::Snippets::new(&prepared.searcher, &*prepared.query, &prepared.fields);
            let take = limit.unwrap_or(usize::MAX);
            for (i, (score, address)) in ranked.into_iter().enumerate().skip(request.offset) {
                if returned == take {
                    break;
                }
                let doc: TantivyDocument =
                    prepared.searcher.doc(address).map_err(SearchError::from)?;
                let mut hit = to_hit(
                    &prepared.fields,
                    &doc,
                    i + 1,
                    score,
                    request.snippets,
                    &mut snippets,
                );
                if request.collapse {
                    hit.duplicates = members(&prepared, &hit)?;
                }
                each(hit)?;
                returned += 1;
            }
        }
        Ok(Streamed {
            total,
            returned,
            warnings: prepared.warnings,
            elapsed: started.elapsed(),
        })
    }
}
