//! Back ends: where articles are searched. The commands and the printers
//! talk to a [`Backend`] and never know which one: the local tantivy index
//! ([`Local`]), or a Quickwit cluster ([`quickwit::Quickwit`]), which is how
//! lede scales past one machine without growing a distributed system of its
//! own. The trait is narrow — search, count, timeline, one article, stats —
//! so that another engine (Elasticsearch or OpenSearch, whose `_search` and
//! `_bulk` APIs Quickwit also speaks) needs only another implementation.
//! Indexing goes through the same split: the run (walk, workers, file table)
//! is `crate::index::update`, and each back end brings its
//! [`crate::index::sink::Sink`].

pub mod quickwit;

use thiserror::Error;

use crate::article::Article;
use crate::index::{IndexError, OpenIndex};
use crate::search::{
    facets::timeline, ArticleView, Bucket, Engine, Hit, IndexStats, Period, SearchError,
    SearchRequest, SearchResults, Streamed,
};

/// Why a back end could not answer.
#[derive(Debug, Error)]
pub enum EngineError {
    /// The local search failed (a bad query, say: its message says where).
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The local index could not be opened or read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The cluster could not be reached or refused the request.
    #[error(transparent)]
    Quickwit(#[from] quickwit::QuickwitError),
    /// Hits handed over could not be written (a full disk, a closed pipe).
    #[error(transparent)]
    Output(#[from] std::io::Error),
}

impl EngineError {
    /// Whether the request itself is at fault (a query that does not parse,
    /// an option the back end lacks), not the back end or the output.
    pub fn is_request(&self) -> bool {
        matches!(
            self,
            EngineError::Search(SearchError::Query(_))
                | EngineError::Quickwit(
                    quickwit::QuickwitError::Query(_) | quickwit::QuickwitError::Unsupported(_)
                )
        )
    }
}

/// The matching articles over time.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// One bucket per period, empty periods between the first and last included.
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: u64,
    /// Matching articles.
    pub total: usize,
    /// Parts of the query that were ignored.
    pub warnings: Vec<String>,
}

/// What a search back end answers. Every method takes the same
/// [`SearchRequest`] the local search does; a back end that cannot honour a
/// part of it (an option the cluster has no equivalent for) says so in an
/// error rather than answering something else.
pub trait Backend {
    /// Where the articles are, for `begin` records and messages.
    fn location(&self) -> String;
    /// Ranked, paged, de-duplicated hits, with facets when asked.
    fn search(&self, request: &SearchRequest) -> Result<SearchResults, EngineError>;
    /// The number of matching articles.
    fn count(&self, request: &SearchRequest) -> Result<usize, EngineError>;
    /// The matching articles over time, by `period`.
    fn timeline(&self, request: &SearchRequest, period: Period) -> Result<Timeline, EngineError>;
    /// One article by id.
    fn article(&self, id: &str) -> Result<Option<Article>, EngineError>;
    /// What the back end holds.
    fn stats(&self) -> Result<IndexStats, EngineError>;
    /// Bytes the index takes, when the back end knows.
    fn bytes(&self) -> Option<u64> {
        None
    }
    /// The directories the index was built from, when the back end keeps them.
    fn roots(&self) -> Vec<String> {
        Vec::new()
    }
    /// How many articles the back end holds (by default from its stats;
    /// cheaper where the back end keeps the number).
    fn articles(&self) -> Result<u64, EngineError> {
        Ok(self.stats()?.articles)
    }
    /// Checks that the request can run here (its query parses, its options
    /// are available) without running it; what of the query was ignored.
    fn check(&self, request: &SearchRequest) -> Result<Vec<String>, EngineError>;
    /// One article as a reader opens it: the query's terms marked when a
    /// request is given, and its copies, where the back end knows them (by
    /// default the article alone).
    fn view(
        &self,
        id: &str,
        request: Option<&SearchRequest>,
    ) -> Result<Option<ArticleView>, EngineError> {
        let _ = request;
        Ok(self.article(id)?.map(|article| ArticleView {
            article,
            title_highlights: Vec::new(),
            dek_highlights: Vec::new(),
            body_highlights: Vec::new(),
            duplicates: Vec::new(),
        }))
    }
    /// Runs a search and hands each hit to `each`, in order, from the
    /// request's offset on: at most `limit` of them, or all when `None`
    /// (the request's own limit is not used; facets are not counted). An
    /// error from `each` stops the search and is returned. Exports use it
    /// (`search --csv --all`, `batch`).
    fn search_each(
        &self,
        request: &SearchRequest,
        limit: Option<usize>,
        each: &mut dyn FnMut(Hit) -> Result<(), EngineError>,
    ) -> Result<Streamed, EngineError>;
}

/// The local tantivy index.
pub struct Local {
    opened: OpenIndex,
    engine: Engine,
}

impl Local {
    /// Searches an opened index.
    pub fn new(opened: OpenIndex) -> Result<Local, EngineError> {
        let engine = Engine::new(&opened)?;
        Ok(Local { opened, engine })
    }

    /// The opened index (for what only a local index has: its roots, its
    /// size on disk).
    pub fn index(&self) -> &OpenIndex {
        &self.opened
    }
}

impl Backend for Local {
    fn location(&self) -> String {
        self.opened.path.display().to_string()
    }

    fn search(&self, request: &SearchRequest) -> Result<SearchResults, EngineError> {
        Ok(self.engine.search(request)?)
    }

    fn count(&self, request: &SearchRequest) -> Result<usize, EngineError> {
        Ok(self.engine.prepare(request)?.count()?)
    }

    fn timeline(&self, request: &SearchRequest, period: Period) -> Result<Timeline, EngineError> {
        let prepared = self.engine.prepare(request)?;
        let stats = prepared.stats(false)?;
        Ok(Timeline {
            total: stats.dates.len() + stats.undated as usize,
            buckets: timeline(&stats.dates, period, true),
            undated: stats.undated,
            warnings: prepared.warnings().to_vec(),
        })
    }

    fn article(&self, id: &str) -> Result<Option<Article>, EngineError> {
        Ok(crate::search::find_article(&self.opened, id)?)
    }

    fn stats(&self) -> Result<IndexStats, EngineError> {
        Ok(crate::search::index_stats(&self.opened)?)
    }

    fn articles(&self) -> Result<u64, EngineError> {
        Ok(self.opened.articles()?.0)
    }

    fn check(&self, request: &SearchRequest) -> Result<Vec<String>, EngineError> {
        Ok(self.engine.prepare(request)?.warnings().to_vec())
    }

    fn view(
        &self,
        id: &str,
        request: Option<&SearchRequest>,
    ) -> Result<Option<ArticleView>, EngineError> {
        Ok(self.engine.article(id, request)?)
    }

    fn search_each(
        &self,
        request: &SearchRequest,
        limit: Option<usize>,
        each: &mut dyn FnMut(Hit) -> Result<(), EngineError>,
    ) -> Result<Streamed, EngineError> {
        self.engine.search_each(request, limit, each)
    }

    fn bytes(&self) -> Option<u64> {
        Some(crate::index::size_on_disk(&self.opened.path))
    }

    fn roots(&self) -> Vec<String> {
        self.opened
            .info
            .roots
            .iter()
            .map(|r| r.display().to_string())
            .collect()
    }
}
