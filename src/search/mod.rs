//! Search: from a query and options to ranked, paged, de-duplicated
//! [`Hit`]s with snippets, plus facets and timelines over all matches.
//!
//! Ranking is BM25F over the per-language text fields (`bm25f`), the
//! headline weighing more than the dek and the body ([`ranking`] holds the
//! parameters); `--recency` multiplies it by an exponential decay on the
//! publication date, and `--sort newest|oldest` orders by date instead. A
//! query of plain words that too few articles match in full is relaxed to
//! any of its words (`natural`); `--expand` adds words from the best hits
//! (`expand`); `similar` searches for an article's telling words
//! (`similar`). Copies of the same story (one duplicate group) are shown once,
//! as their best-ranked member, naming the other outlets. Hits carry plain
//! lede values, never tantivy types, so the printers stay independent of
//! the index.

mod bm25f;
mod expand;
pub mod facets;
mod filters;
pub mod natural;
pub mod params;
mod query;
pub mod ranking;
mod similar;
mod snippet;
mod stream;
mod view;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument};
use thiserror::Error;

pub use facets::{Bucket, Facet, FacetKind, Period};
pub use filters::{
    parse_date_spec, parse_lang, parse_span, DateSpecError, Edge, Filters, LangError,
};
pub use natural::Matching;
pub use query::QueryError;
pub use ranking::{Model, Ranking};
pub use snippet::{Fragment, TermSnippets};
pub use stream::Streamed;
pub use view::ArticleView;

use crate::index::document::{from_document, stored_text};
use crate::index::schema::QUERY_FIELDS;
use crate::index::{Fields, OpenIndex};
use crate::published::Published;

/// Errors while searching.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The query could not be understood.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The index could not be read.
    #[error("reading the index failed: {}; `lede check` finds damaged files, and `lede index --full` rebuilds the index", crate::index::describe(.0))]
    Index(#[from] tantivy::TantivyError),
    /// `similar` was given an id the index does not hold.
    #[error("no article with id {0:?} in the index; ids are printed by `lede search --json` and `lede extract --json`")]
    NoArticle(String),
    /// The article has no term that other articles share.
    #[error("article {0:?} has no word that another article shares, so nothing is like it")]
    NothingLike(String),
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25, optionally blended with recency).
    #[default]
    Relevance,
    /// Most recently published first; undated articles last.
    Newest,
    /// Earliest published first; undated articles last.
    Oldest,
}

/// Everything a search needs.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The user's query, in lede's query syntax.
    pub query: String,
    /// What narrows the matches.
    pub filters: Filters,
    /// Hit order.
    pub sort: Sort,
    /// Half-life, in seconds, of the recency decay blended into relevance.
    pub recency_half_life: Option<f64>,
    /// Hits to skip (after collapsing duplicates).
    pub offset: usize,
    /// At most this many hits.
    pub limit: usize,
    /// Fragments per hit.
    pub snippets: usize,
    /// Facets to count over all matches.
    pub facets: Vec<FacetKind>,
    /// Show each duplicate group once.
    pub collapse: bool,
    /// Edit distance allowed for every plain word (0 = exact).
    pub fuzzy: u32,
    /// "Now", for recency (injectable for tests).
    pub now: Timestamp,
    /// Ranking parameters (lede's own unless an evaluation varies them).
    pub ranking: Ranking,
    /// How the query's words must match.
    pub matching: Matching,
    /// Expand the query with words of its best matches (pseudo-relevance
    /// feedback, see the `expand` module) and search again.
    pub expand: bool,
    /// Instead of the query, find the articles most like the one with this
    /// id (see the `similar` module).
    pub similar_to: Option<String>,
}

impl SearchRequest {
    /// A request with lede's defaults: 10 hits, 2 fragments, duplicates collapsed.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            recency_half_life: None,
            offset: 0,
            limit: 10,
            snippets: 2,
            facets: Vec::new(),
            collapse: true,
            fuzzy: 0,
            now: Timestamp::now(),
            ranking: Ranking::DEFAULT,
            matching: Matching::Auto,
            expand: false,
            similar_to: None,
        }
    }
}

/// Another copy of the same story.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// The copy's id.
    pub id: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its source file.
    pub path: String,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank (counting the offset).
    pub rank: usize,
    /// The ranking score: BM25 (times the recency decay when asked).
    pub score: f32,
    /// The article's stable id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Byte ranges of the query's terms in the title, half-open.
    pub title_highlights: Vec<[usize; 2]>,
    /// Authors.
    pub authors: Vec<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date as the source stated it.
    pub published: Option<Published>,
    /// Language code.
    pub lang: Option<String>,
    /// Canonical url.
    pub url: Option<String>,
    /// The source file.
    pub path: String,
    /// The best passages of the body, in body order.
    pub snippets: Vec<Fragment>,
    /// The duplicate group's id.
    pub group: String,
    /// The other copies of this story, when duplicates are collapsed.
    pub duplicates: Vec<Member>,
}

/// The outcome of a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Articles matching the query in the whole index (every copy counted).
    pub total: usize,
    /// The returned hits, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matches, as requested.
    pub facets: Vec<Facet>,
    /// Warnings about parts of the query that were ignored.
    pub warnings: Vec<String>,
    /// Time spent searching, building snippets and facets.
    pub elapsed: Duration,
    /// True when the hits include articles without every word of the
    /// query: too few had all of them (they come first), or the request
    /// asked for any word.
    pub relaxed: bool,
    /// Articles with every word of the query (with the filters), when
    /// counted: `total` unless the query was relaxed.
    pub all_words: Option<usize>,
    /// The words `--expand` added to the query, most weighty first.
    pub expansion: Vec<String>,
}

/// A search engine over one opened index: its reader, and the languages the
/// index actually holds (queries only expand over those, which keeps them
/// small). Build one per process; each search takes a fresh searcher.
pub struct Engine {
    index: tantivy::Index,
    reader: tantivy::IndexReader,
    fields: Fields,
    languages: Vec<crate::index::schema::LanguageFields>,
    analyzers: expand::Analyzers,
}

impl Engine {
    /// Opens a reader on the index and notes which languages it holds.
    pub fn new(index: &OpenIndex) -> Result<Engine, SearchError> {
        let reader = index.index.reader()?;
        let searcher = reader.searcher();
        let has_terms = |field| {
            searcher.segment_readers().iter().any(|seg| {
                seg.inverted_index(field)
                    .map(|inv| inv.terms().num_terms() > 0)
                    .unwrap_or(false)
            })
        };
        let mut languages: Vec<_> = index
            .fields
            .languages
            .iter()
            .filter(|l| has_terms(l.body) || has_terms(l.title) || has_terms(l.dek))
            .copied()
            .collect();
        if languages.is_empty() {
            languages = index.fields.languages.clone();
        }
        Ok(Engine {
            index: index.index.clone(),
            reader,
            fields: index.fields.clone(),
            languages,
            analyzers: expand::Analyzers::default(),
        })
    }

    /// Parses a request's query and applies its filters.
    pub fn prepare(&self, request: &SearchRequest) -> Result<PreparedQuery, SearchError> {
        let searcher = self.reader.searcher();
        let any = (request.matching == Matching::Any)
            .then(|| {
                let words = natural::bag_of_words(&request.query);
                self.any_word(&words, request).map(|any| (words, any))
            })
            .flatten();
        let (query, warnings, words) = match (request.similar_to.as_deref(), any) {
            (Some(id), _) => {
                let like =
                    similar::like(&searcher, &self.index, &self.fields, id, &request.ranking)?;
                (request.filters.apply(&self.fields, like), Vec::new(), None)
            }
            (None, Some((words, any))) => (
                request.filters.apply(&self.fields, any),
                Vec::new(),
                Some(words),
            ),
            // As typed; with `--match any`, a query of function words only
            // ("the who").
            (None, None) => {
                let builder = query::QueryBuilder::new(
                    &self.index,
                    &self.fields,
                    &self.languages,
                    request.fuzzy,
                )
                .with_ranking(request.ranking);
                let (text, parsed) = self.parse_prose(&builder, &request.query)?;
                let words =
                    (parsed.relaxable && request.fuzzy == 0).then(|| natural::bag_of_words(&text));
                let query = request.filters.apply(&self.fields, parsed.query);
                (query, parsed.warnings, words)
            }
        };
        Ok(PreparedQuery {
            searcher,
            query,
            fields: self.fields.clone(),
            warnings,
            words,
        })
    }

    /// Parses a query; when the syntax refuses it, ignores part of it or
    /// reads an exclusion in it, and it holds prose punctuation the syntax
    /// misreads (see [`natural::prose`]), parses it again with that
    /// punctuation read as spaces, and keeps that reading when it ignores
    /// less or excludes nothing. Returns the text parsed.
    fn parse_prose(
        &self,
        builder: &query::QueryBuilder,
        query: &str,
    ) -> Result<(String, query::Parsed), SearchError> {
        let first = builder.parse(query);
        let troubled = match &first {
            Ok(parsed) => !parsed.warnings.is_empty() || !parsed.relaxable,
            Err(QueryError::UnknownField { .. } | QueryError::Syntax { .. }) => true,
            Err(_) => false,
        };
        let repaired = troubled
            .then(|| natural::prose(query, QUERY_FIELDS))
            .flatten()
            .and_then(|text| builder.parse(&text).ok().map(|parsed| (text, parsed)));
        match (first, repaired) {
            (Ok(first), Some((text, mut parsed)))
                if parsed.warnings.len() < first.warnings.len()
                    || (parsed.relaxable && !first.relaxable) =>
            {
                parsed.warnings.push(PROSE_WARNING.into());
                Ok((text, parsed))
            }
            (Ok(first), _) => Ok((query.to_string(), first)),
            (Err(_), Some((text, mut parsed))) => {
                parsed.warnings.push(PROSE_WARNING.into());
                Ok((text, parsed))
            }
            (Err(e), None) => Err(e.into()),
        }
    }

    /// The relaxed (any word) query over a bag of words, without filters:
    /// without function words when anything else is left.
    fn any_word(&self, words: &[(String, u32)], request: &SearchRequest) -> Option<Box<dyn Query>> {
        natural::any_word(
            &self.index,
            &self.fields,
            &self.languages,
            words,
            &request.ranking,
        )
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let started = Instant::now();
        let ranked = self.ranked(request, Some(request.limit))?;
        let Ranked {
            prepared,
            page,
            offset,
            limit,
            total,
            relaxed,
            all_words,
            shown,
            expansion,
        } = ranked;
        let searcher = &prepared.searcher;
        let mut hits = Vec::new();
        if limit > 0 && total > 0 {
            let highlight = shown.as_deref().unwrap_or(&*prepared.query);
            let mut snippets = snippet::Snippets::new(searcher, highlight, &prepared.fields);
            for (i, (key, address)) in page.into_iter().enumerate().skip(offset).take(limit) {
                let doc: TantivyDocument = searcher.doc(address)?;
                let mut hit = to_hit(
                    &prepared.fields,
                    &doc,
                    i + 1,
                    key,
                    request.snippets,
                    &mut snippets,
                );
                if request.collapse {
                    hit.duplicates = members(&prepared, &hit)?;
                }
                hits.push(hit);
            }
        }
        let facets = if request.facets.is_empty() {
            Vec::new()
        } else {
            let stats: facets::MatchStats = match &shown {
                Some(any) => searcher.search(&**any, &facets::StatsCollector { names: true })?,
                None => prepared.stats(true)?,
            };
            stats.facets(&request.facets)
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
            warnings: prepared.warnings,
            elapsed: started.elapsed(),
            relaxed,
            all_words,
            expansion,
        })
    }

    /// The ranking of a request's matches up to its offset plus `limit`
    /// (all matches when `None`), relaxed and expanded as asked: what
    /// [`Engine::search`] pages and [`Engine::search_each`] streams.
    fn ranked(&self, request: &SearchRequest, limit: Option<usize>) -> Result<Ranked, SearchError> {
        let prepared = self.prepare(request)?;
        let searcher = &prepared.searcher;
        // No page holds more articles than the index: a huge --limit or
        // --offset must not size the ranking's buffers.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = request.offset.min(docs);
        let limit = limit.unwrap_or(docs).min(docs - offset);
        let mut wanted = offset + limit;
        if request.expand {
            wanted = wanted.max(request.ranking.feedback.docs.min(docs));
        }
        let (mut page, mut total) =
            ranked_page(searcher, &*prepared.query, request, Vec::new(), wanted)?;
        let mut all_words = (request.matching != Matching::Any).then_some(total);
        let mut relaxed = request.matching == Matching::Any;
        let mut shown: Option<Box<dyn Query>> = None;
        if request.matching == Matching::Auto && total < wanted {
            if let Some(words) = &prepared.words {
                if let Some(any) = self.any_word(words, request) {
                    // Every match of every word is ranked already (fewer
                    // than the page): they come first, the rest after.
                    let (mut head, _) =
                        rank(searcher, &*prepared.query, request, wanted.max(1), false)?;
                    if request.sort == Sort::Relevance {
                        break_ties(searcher, &mut head)?;
                    }
                    let any = request.filters.apply(&self.fields, any);
                    let (merged, any_total) = ranked_page(searcher, &*any, request, head, wanted)?;
                    if any_total > total {
                        page = merged;
                        relaxed = true;
                        total = any_total;
                        shown = Some(any);
                    }
                }
            }
        }
        if request.matching == Matching::All {
            all_words = Some(total);
        }
        let mut expansion = Vec::new();
        if request.expand && total > 0 {
            let words = match (&prepared.words, request.matching) {
                (Some(words), Matching::Auto | Matching::Any) => natural::weighted_words(
                    &self.index,
                    &self.fields,
                    &self.languages,
                    words,
                    &request.ranking,
                ),
                _ => Vec::new(),
            };
            let original = if words.is_empty() {
                expand::Original::Required(prepared.query.box_clone())
            } else {
                expand::Original::Words(words)
            };
            let required = matches!(original, expand::Original::Required(_));
            if let Some(expanded) = expand::rm3(
                searcher,
                &self.index,
                &self.analyzers,
                &self.fields,
                original,
                &page,
                &request.ranking,
            )? {
                let query = request.filters.apply(&self.fields, expanded.query);
                (page, total) =
                    ranked_page(searcher, &*query, request, Vec::new(), offset + limit)?;
                relaxed |= !required;
                expansion = expanded.words;
            }
        }
        Ok(Ranked {
            prepared,
            page,
            offset,
            limit,
            total,
            relaxed,
            all_words,
            shown,
            expansion,
        })
    }
}

/// A request's ranked matches (see [`Engine::ranked`]).
struct Ranked {
    prepared: PreparedQuery,
    /// (score, address) from the first match on, collapsed when asked.
    page: Vec<(Score, DocAddress)>,
    /// The request's offset and the hits wanted after it, within the index.
    offset: usize,
    limit: usize,
    total: usize,
    relaxed: bool,
    all_words: Option<usize>,
    /// The query that matched, when relaxed to any word.
    shown: Option<Box<dyn Query>>,
    expansion: Vec<String>,
}

/// The ranked matches of `query` up to `wanted` hits after collapsing
/// duplicates (when asked), after `head` (matches ranked first, which the
/// query's own matches do not repeat), and the number of the query's
/// matches.
fn ranked_page(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    head: Vec<(Score, DocAddress)>,
    wanted: usize,
) -> Result<(Vec<(Score, DocAddress)>, usize), SearchError> {
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let mut fetch = if request.collapse {
        wanted.saturating_mul(3).saturating_add(10)
    } else {
        wanted
    }
    .saturating_add(head.len())
    .min(docs);
    let (mut ranked, total) = rank(searcher, query, request, fetch.max(1), true)?;
    if request.limit == 0 || total == 0 {
        return Ok((head, total));
    }
    if request.sort == Sort::Relevance {
        break_ties(searcher, &mut ranked)?;
    }
    let seen: std::collections::HashSet<DocAddress> = head.iter().map(|(_, a)| *a).collect();
    loop {
        let exhausted = ranked.len() < fetch || fetch >= docs;
        let mut merged = head.clone();
        merged.extend(ranked.into_iter().filter(|(_, a)| !seen.contains(a)));
        let kept = if request.collapse {
            collapse(searcher, merged)
        } else {
            merged
        };
        if kept.len() >= wanted || exhausted {
            return Ok((kept, total));
        }
        fetch = fetch.saturating_mul(4).min(docs);
        ranked = rank(searcher, query, request, fetch, false)?.0;
        if request.sort == Sort::Relevance {
            break_ties(searcher, &mut ranked)?;
        }
    }
}

/// Orders hits with exactly the same score by id (in relevance order,
/// where the score is the order), so that the same search on the same
/// articles gives the same order however the index was built (tantivy
/// breaks ties by where a document sits, which depends on how indexing
/// threads shared the work). Syndicated copies of one story score alike;
/// only the ids of such tied runs are read.
fn break_ties(searcher: &Searcher, ranked: &mut [(Score, DocAddress)]) -> Result<(), SearchError> {
    let mut start = 0;
    while start < ranked.len() {
        let score = ranked[start].0;
        let end = start
            + ranked[start..]
                .iter()
                .take_while(|(s, _)| *s == score)
                .count();
        if end - start > 1 {
            let mut keyed = Vec::with_capacity(end - start);
            for &(s, address) in &ranked[start..end] {
                let doc: TantivyDocument = searcher.doc(address)?;
                let id = stored_text(&doc, searcher.schema().get_field("id")?).unwrap_or_default();
                keyed.push((id, (s, address)));
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            for (slot, (_, hit)) in ranked[start..end].iter_mut().zip(keyed) {
                *slot = hit;
            }
        }
        start = end;
    }
    Ok(())
}

/// The warning when prose punctuation was read as spaces.
const PROSE_WARNING: &str =
    "read the query's colons, slashes and lone dashes as punctuation (a field is named as field:word, a word excluded as -word)";

/// A parsed, filtered query ready to run against one searcher.
pub struct PreparedQuery {
    searcher: Searcher,
    query: Box<dyn Query>,
    fields: Fields,
    warnings: Vec<String>,
    /// The query's words, when it may be relaxed.
    words: Option<Vec<(String, u32)>>,
}

impl PreparedQuery {
    /// Parses the request's query against a fresh engine (one-shot use).
    pub fn new(index: &OpenIndex, request: &SearchRequest) -> Result<PreparedQuery, SearchError> {
        Engine::new(index)?.prepare(request)
    }

    /// Whether the query may be relaxed to any of its words.
    pub fn relaxable(&self) -> bool {
        self.words.is_some()
    }

    /// Warnings about parts of the query that were ignored.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Number of matching articles.
    pub fn count(&self) -> Result<usize, SearchError> {
        Ok(self.searcher.search(&*self.query, &Count)?)
    }

    /// Publication dates of every match, and how many have none.
    pub fn stats(&self, names: bool) -> Result<facets::MatchStats, SearchError> {
        Ok(self
            .searcher
            .search(&*self.query, &facets::StatsCollector { names })?)
    }
}

/// Runs one search against an opened index.
pub fn search(index: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    Engine::new(index)?.search(request)
}

/// The top `n` matches in the request's order with the score shown to the
/// user, and (when `count`) the number of all matches, in one pass. Plain
/// relevance uses tantivy's own score order; dates and recency need the
/// publication date of every match.
fn rank(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    n: usize,
    count: bool,
) -> Result<(Vec<(Score, DocAddress)>, usize), SearchError> {
    if request.sort == Sort::Relevance && request.recency_half_life.is_none() {
        let top = TopDocs::with_limit(n).order_by_score();
        return Ok(if count {
            searcher.search(query, &(top, Count))?
        } else {
            (searcher.search(query, &top)?, 0)
        });
    }
    let strip =
        |v: Vec<((OrderKey, Score), DocAddress)>| v.into_iter().map(|((_, s), a)| (s, a)).collect();
    Ok(if count {
        let (top, total) = searcher.search(query, &(ranking(request, n), Count))?;
        (strip(top), total)
    } else {
        (strip(searcher.search(query, &ranking(request, n))?), 0)
    })
}

/// The collector of the top `n` matches in the request's order; each key
/// carries the score shown to the user: BM25 (times the recency decay).
fn ranking(
    request: &SearchRequest,
    n: usize,
) -> impl tantivy::collector::Collector<Fruit = Vec<((OrderKey, Score), DocAddress)>> {
    let now = request.now.as_second();
    let half_life = request.recency_half_life;
    let sort = request.sort;
    TopDocs::with_limit(n).tweak_score(move |segment: &SegmentReader| {
        let published = segment.fast_fields().date("published").ok();
        move |doc: DocId, score: Score| {
            let date = published
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| d.into_timestamp_secs());
            let decayed = match half_life {
                Some(h) => {
                    // Undated articles count as very old (ten half-lives), so
                    // they sink but keep their relative order; future dates count as new.
                    let age = date.map_or(10.0 * h, |d| (now - d).max(0) as f64);
                    score * 0.5f64.powf(age / h) as f32
                }
                None => score,
            };
            let key = match (sort, date) {
                (Sort::Relevance, _) => f64::from(decayed),
                (_, None) => f64::NEG_INFINITY,
                (Sort::Newest, Some(d)) => d as f64,
                (Sort::Oldest, Some(d)) => -(d as f64),
            };
            (OrderKey(key), decayed)
        }
    })
}

/// A total order on f64 sort keys (NaN never occurs; it would sort lowest).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderKey(f64);

impl PartialOrd for OrderKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.0.total_cmp(&other.0))
    }
}

/// Keeps the first (best-ranked) hit of each duplicate group.
fn collapse<K>(searcher: &Searcher, ranked: Vec<(K, DocAddress)>) -> Vec<(K, DocAddress)> {
    let mut columns: HashMap<u32, Option<tantivy::columnar::StrColumn>> = HashMap::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(ranked.len());
    let mut buf = String::new();
    for (key_score, address) in ranked {
        let column = columns.entry(address.segment_ord).or_insert_with(|| {
            searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .str("group")
                .ok()
                .flatten()
        });
        buf.clear();
        let group = column.as_ref().and_then(|c| {
            c.term_ords(address.doc_id)
                .next()
                .map(|ord| c.ord_to_str(ord, &mut buf))
        });
        let key = match group {
            Some(Ok(true)) => buf.clone(),
            // A document without a group is its own.
            _ => format!("{}:{}", address.segment_ord, address.doc_id),
        };
        if seen.insert(key) {
            out.push((key_score, address));
        }
    }
    out
}

/// Largest number of copies listed for one story.
pub const MAX_MEMBERS: usize = 50;

/// The other copies in a hit's duplicate group: the articles marked as
/// copies of the group's first article, and that article itself.
fn members(p: &PreparedQuery, hit: &Hit) -> Result<Vec<Member>, SearchError> {
    let copies = Term::from_field_text(p.fields.copy_of, &hit.group);
    if p.searcher.doc_freq(&copies)? == 0 {
        return Ok(Vec::new());
    }
    let term_query =
        |term| -> Box<dyn Query> { Box::new(TermQuery::new(term, IndexRecordOption::Basic)) };
    let query = BooleanQuery::new(vec![
        (Occur::Should, term_query(copies)),
        (
            Occur::Should,
            term_query(Term::from_field_text(p.fields.id, &hit.group)),
        ),
    ]);
    let top = p.searcher.search(
        &query,
        &TopDocs::with_limit(MAX_MEMBERS + 1).order_by_score(),
    )?;
    let mut out = Vec::new();
    for (_, address) in top {
        let doc: TantivyDocument = p.searcher.doc(address)?;
        let id = stored_text(&doc, p.fields.id).unwrap_or_default();
        if id != hit.id {
            out.push(Member {
                id,
                outlet: stored_text(&doc, p.fields.outlet),
                path: stored_text(&doc, p.fields.path).unwrap_or_default(),
            });
        }
    }
    out.sort_by(|a, b| a.outlet.cmp(&b.outlet).then_with(|| a.id.cmp(&b.id)));
    out.truncate(MAX_MEMBERS);
    Ok(out)
}

/// Looks up one article by its id.
pub fn find_article(
    index: &OpenIndex,
    id: &str,
) -> Result<Option<crate::article::Article>, SearchError> {
    let searcher = index.index.reader()?.searcher();
    let query = TermQuery::new(
        Term::from_field_text(index.fields.id, id),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match top.first() {
        Some((_, address)) => {
            let doc: TantivyDocument = searcher.doc(*address)?;
            Ok(Some(from_document(&index.fields, &doc)))
        }
        None => Ok(None),
    }
}

/// What `lede stats` reports of an index.
#[derive(Debug, Clone)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Earliest publication day.
    pub first: Option<jiff::civil::Date>,
    /// Latest publication day.
    pub last: Option<jiff::civil::Date>,
    /// Articles without a date.
    pub undated: u64,
    /// Top outlets, authors, languages and years.
    pub facets: Vec<Facet>,
}

/// Counts what an index holds.
pub fn index_stats(index: &OpenIndex) -> Result<IndexStats, SearchError> {
    let searcher = index.index.reader()?.searcher();
    let stats = searcher.search(
        &tantivy::query::AllQuery,
        &facets::StatsCollector { names: true },
    )?;
    let day = |secs: i64| {
        Timestamp::from_second(secs)
            .ok()
            .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
    };
    Ok(IndexStats {
        articles: searcher.num_docs(),
        first: stats.dates.iter().min().and_then(|&s| day(s)),
        last: stats.dates.iter().max().and_then(|&s| day(s)),
        undated: stats.undated,
        facets: stats.facets(&[
            FacetKind::Outlet,
            FacetKind::Author,
            FacetKind::Lang,
            FacetKind::Year,
        ]),
    })
}

fn to_hit(
    f: &Fields,
    doc: &TantivyDocument,
    rank: usize,
    score: f32,
    n: usize,
    snippets: &mut snippet::Snippets,
) -> Hit {
    let article = from_document(f, doc);
    let lang = article.lang.as_deref();
    let title_highlights = article
        .title
        .as_deref()
        .map(|t| snippets.title_highlights(lang, t))
        .unwrap_or_default();
    let fragments = snippets.fragments(lang, &article.body, n);
    let group = stored_text(doc, f.copy_of);
    Hit::new(article, rank, score, group, title_highlights, fragments)
}

impl Hit {
    /// The hit an article makes at `rank`, in the duplicate group `group`
    /// (its own id when `None`), with the query's marks; no copies yet.
    pub fn new(
        article: crate::article::Article,
        rank: usize,
        score: f32,
        group: Option<String>,
        title_highlights: Vec<[usize; 2]>,
        snippets: Vec<Fragment>,
    ) -> Hit {
        Hit {
            rank,
            score,
            group: group.unwrap_or_else(|| article.id.clone()),
            id: article.id,
            title: article.title,
            title_highlights,
            authors: article.authors,
            outlet: article.outlet,
            published: article.published,
            lang: article.lang,
            url: article.url,
            path: article.path,
            snippets,
            duplicates: Vec::new(),
        }
    }
}
