//! Runs lede over a test collection: the documents go through lede's own
//! pipeline (the JSON Lines extractor, language detection, the index
//! writer with its near-duplicate grouping), then every judged query runs
//! through [`crate::search::Engine`] as a user's search would, and the
//! ranking is scored.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use thiserror::Error;

use super::collection::Collection;
use super::metrics::{Scores, Tally, DEPTH};
use crate::article::Article;
use crate::index::{self, IndexError, OpenIndex, Writer};
use crate::pipeline::{self, FileOutcome};
use crate::search::{Engine, SearchError, SearchRequest};

/// Why a collection could not be run.
#[derive(Debug, Error)]
pub enum RunError {
    /// The documents could not be extracted.
    #[error("extracting {path}: {reason}")]
    Extract {
        /// The documents file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The index could not be written or opened.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A search failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The baseline's tantivy index failed.
    #[error("baseline index: {0}")]
    Baseline(#[from] tantivy::TantivyError),
}

/// How the harness may change articles before indexing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexVariant {
    /// As lede extracts them.
    AsExtracted,
    /// Each title in front of its body, with no headline: one text field.
    OneField,
    /// Every article in this language (`und`: none, so unstemmed),
    /// whatever was detected.
    Language(&'static str),
}

/// A collection indexed by lede.
pub struct LedeIndex {
    /// The opened index.
    pub opened: OpenIndex,
    engine: Engine,
    /// lede's article id -> the collection's document id.
    ids: HashMap<String, String>,
    /// Articles per detected language (`-` for none).
    pub languages: BTreeMap<String, usize>,
}

impl LedeIndex {
    /// Extracts the collection's `docs.jsonl` with lede and indexes it in
    /// `dir` (which must be empty or absent).
    pub fn build(collection: &Collection, dir: &Path) -> Result<LedeIndex, RunError> {
        LedeIndex::build_with(collection, dir, IndexVariant::AsExtracted)
    }

    /// [`LedeIndex::build`], changed as `variant` says, to measure what
    /// fields and languages cost.
    pub fn build_with(
        collection: &Collection,
        dir: &Path,
        variant: IndexVariant,
    ) -> Result<LedeIndex, RunError> {
        let mut articles = match pipeline::process(&collection.docs_path) {
            FileOutcome::Articles(articles, _) => articles,
            FileOutcome::Skipped(_, reason) => {
                return Err(RunError::Extract {
                    path: collection.docs_path.display().to_string(),
                    reason,
                })
            }
        };
        for a in &mut articles {
            match variant {
                IndexVariant::AsExtracted => {}
                IndexVariant::OneField => {
                    if let Some(title) = a.title.take() {
                        a.body = format!("{title}\n\n{}", a.body);
                    }
                }
                IndexVariant::Language(code) => a.lang = Some(code.to_string()),
            }
        }
        let opened = index::open_or_create(dir, true)?;
        let mut writer = Writer::new(&opened, index::DEFAULT_MEMORY_BYTES)?;
        let mut languages = BTreeMap::new();
        for a in &articles {
            *languages
                .entry(a.lang.clone().unwrap_or_else(|| "-".into()))
                .or_insert(0) += 1;
            writer.add(a)?;
        }
        writer.finish()?;
        let opened = index::open(dir)?;
        let ids = collection
            .docs
            .iter()
            .map(|d| {
                (
                    Article::stable_id(None, Some(&d.id), None, ""),
                    d.id.clone(),
                )
            })
            .collect();
        let engine = Engine::new(&opened)?;
        Ok(LedeIndex {
            opened,
            engine,
            ids,
            languages,
        })
    }

    /// The collection's document ids lede ranks for a request, best first
    /// (at most [`DEPTH`]; every copy of a story, none collapsed).
    pub fn rank(&self, request: &SearchRequest) -> Result<Vec<String>, RunError> {
        let mut request = request.clone();
        request.limit = DEPTH;
        request.offset = 0;
        request.snippets = 0;
        request.collapse = false;
        let results = self.engine.search(&request)?;
        Ok(results
            .hits
            .iter()
            .filter_map(|h| self.ids.get(&h.id).cloned())
            .collect())
    }
}

/// The figures of one run and its time per query.
#[derive(Debug, Clone, Copy)]
pub struct RunScores {
    /// MAP, P@10, nDCG@10.
    pub scores: Scores,
    /// Mean wall time per query (ranking to depth 1,000 and reading the hits).
    pub per_query: Duration,
    /// Queries lede refused (a syntax error, such as `word:` naming no
    /// field), scored as returning nothing.
    pub refused: usize,
}

/// Scores a ranking function over every judged query of a collection.
pub fn score(
    collection: &Collection,
    mut rank: impl FnMut(&str) -> Result<Vec<String>, RunError>,
) -> Result<RunScores, RunError> {
    let mut tally = Tally::default();
    let mut refused = 0;
    let started = Instant::now();
    for (topic, judged) in collection.judged() {
        let ranked = match rank(&topic.text) {
            Ok(ranked) => ranked,
            Err(RunError::Search(SearchError::Query(_))) => {
                refused += 1;
                Vec::new()
            }
            Err(e) => return Err(e),
        };
        tally.add(&ranked, judged);
    }
    let scores = tally.scores();
    Ok(RunScores {
        scores,
        per_query: started.elapsed() / scores.queries.max(1) as u32,
        refused,
    })
}

/// A query's words joined by `OR`, lowercased (so that a word such as
/// "AND" in a request typed in capitals is a word, not an operator),
/// without English stop words, with the characters of lede's query syntax
/// taken as separators: the query the ranking issue measured lede with.
pub fn any_word_query(text: &str) -> String {
    use tantivy::tokenizer::{
        Language, LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer, TokenStream,
    };
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("tantivy has English stop words"))
        .build();
    let mut words = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        words.push(t.text.clone());
    }
    words.join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::relevance::baseline::Baseline;

    /// A collection of four invented abstracts and two judged requests
    /// whose answers are plain: every run must rank them first.
    fn tiny(dir: &Path) -> Collection {
        let docs = [
            (
                "10",
                "Tidal power",
                "Turbines in the estuary turn the tides into electricity for the coast.",
            ),
            (
                "11",
                "Beekeeping in cities",
                "Rooftop hives in the city produce honey and help pollinate parks.",
            ),
            (
                "12",
                "",
                "Glaciers in the northern valleys retreated faster during the warm decade.",
            ),
            (
                "13",
                "Library fines",
                "The council abolished fines for late books at every branch library.",
            ),
        ];
        let mut text = String::new();
        for (id, title, body) in docs {
            text.push_str(&serde_json::json!({"id": id, "title": title, "body": body}).to_string());
            text.push('\n');
        }
        std::fs::write(dir.join("docs.jsonl"), text).unwrap();
        std::fs::write(
            dir.join("queries.jsonl"),
            "{\"id\": \"1\", \"text\": \"What do rooftop hives in cities produce?\"}\n{\"id\": \"2\", \"text\": \"retreat of glaciers: how fast?\"}\n{\"id\": \"3\", \"text\": \"unjudged\"}\n",
        )
        .unwrap();
        std::fs::write(dir.join("qrels.tsv"), "1\t11\t1\n2\t12\t2\n2\t10\t0\n").unwrap();
        Collection::load(dir).unwrap()
    }

    #[test]
    fn the_right_documents_come_first_through_lede_and_the_baseline() {
        let tmp = tempfile::tempdir().unwrap();
        let collection = tiny(tmp.path());
        assert_eq!(
            collection.judged().count(),
            2,
            "unjudged queries are left out"
        );
        let lede = LedeIndex::build(&collection, &tmp.path().join("index")).unwrap();
        let typed = score(&collection, |q| lede.rank(&SearchRequest::new(q))).unwrap();
        assert_eq!(typed.scores.queries, 2);
        assert_eq!(typed.refused, 0, "the colon is prose, not a field");
        assert!((typed.scores.map - 1.0).abs() < 1e-9, "{typed:?}");
        assert!((typed.scores.ndcg10 - 1.0).abs() < 1e-9, "{typed:?}");
        let baseline = Baseline::build(&collection).unwrap();
        let base = score(&collection, |q| Ok(baseline.rank(q)?)).unwrap();
        assert!((base.scores.map - 1.0).abs() < 1e-9, "{base:?}");
    }
}
