//! Every hit of a search, one at a time: what exports (`lede search --csv
//! --all`, `lede batch`, the server's CSV) need, where a page of results
//! would have to hold them all. Only the ranking of the matches is kept
//! (an address and a score each, in the request's order, duplicates
//! collapsed as [`Engine::search`] does); each hit's stored document,
//! snippets and copies are read when the hit is handed over, and dropped
//! after.

use std::time::{Duration, Instant};

use tantivy::TantivyDocument;

use super::{members, snippet, to_hit, Engine, Hit, SearchError, SearchRequest};

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
        let ranked = self.ranked(request, limit)?;
        let prepared = &ranked.prepared;
        let total = ranked.total;
        let mut returned = 0;
        if total > 0 && ranked.limit > 0 {
            let highlight = ranked.shown.as_deref().unwrap_or(&*prepared.query);
            let mut snippets =
                snippet::Snippets::new(&prepared.searcher, highlight, &prepared.fields);
            let page = ranked.page.iter().enumerate().skip(ranked.offset);
            for (i, &(score, address)) in page.take(ranked.limit) {
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
                    hit.duplicates = members(prepared, &hit)?;
                }
                each(hit)?;
                returned += 1;
            }
        }
        Ok(Streamed {
            total,
            returned,
            warnings: ranked.prepared.warnings,
            elapsed: started.elapsed(),
        })
    }
}
