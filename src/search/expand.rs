//! Query expansion by pseudo-relevance feedback (`--expand`): RM3
//! (Abdul-Jaleel et al., 2004, as Anserini runs it).
//!
//! The best articles of a first search are read back, each reduced to its
//! terms as its language's analyzer makes them (function words, numbers,
//! one-letter terms and terms in more than a tenth of the articles left
//! out). A relevance model weighs each term by its share of each article's
//! terms, times that article's score, summed over the articles; its
//! heaviest terms join the query's own words, each side weighing half, and
//! the search runs again. A story about "oil" brings "crude", "opec" and
//! "barrels" with it, so articles that use those words rank higher.
//!
//! A query of plain words becomes the weighted bag of its words and the
//! added terms, any of which may match. A query with syntax (fields,
//! exclusions) stays a condition every hit meets; the added terms only
//! reorder its matches.

use std::collections::hash_map::Entry;
// foldhash: a fast seeded hash; SipHash was a tenth of expansion's time.
use foldhash::{HashMap, HashMapExt};
use std::sync::Mutex;

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::{Field, Term, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DocAddress, Index, Score, Searcher, TantivyDocument};

use super::bm25f::WordQuery;
use super::natural::{boosted, is_stop_word};
use super::ranking::Ranking;
use crate::index::schema::{LanguageFields, STEMMED, UNSTEMMED};
use crate::index::Fields;

/// The query before expansion.
pub enum Original {
    /// The weighted words of a query of plain words.
    Words(Vec<(WordQuery, f32)>),
    /// A query with syntax, which every hit must still match.
    Required(Box<dyn Query>),
}

/// An expanded query and the words it added (as the articles spell them).
pub struct Expanded {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// The added words, heaviest first.
    pub words: Vec<String>,
}

/// One feedback term: its language, its text, its weight, and how often
/// each spelling of it was seen.
struct Candidate {
    lang: usize,
    weight: f32,
    spellings: HashMap<String, u32>,
}

/// Expands a query with the terms of the feedback articles (the first
/// search's best, with their scores). `None` when they yield no term.
pub fn rm3(
    searcher: &Searcher,
    index: &Index,
    analyzers: &Analyzers,
    fields: &Fields,
    original: Original,
    feedback: &[(Score, DocAddress)],
    ranking: &Ranking,
) -> tantivy::Result<Option<Expanded>> {
    let params = ranking.feedback;
    let mut model: HashMap<(usize, String), Candidate> = HashMap::new();
    for &(score, address) in feedback.iter().take(params.docs) {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text_of = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
        let code = doc.get_first(fields.lang).and_then(|v| v.as_str());
        let lang = fields.language(code);
        let Some(lang_index) = fields.languages.iter().position(|l| l.code == lang.code) else {
            continue;
        };
        let text = format!(
            "{}\n{}\n{}",
            text_of(fields.title),
            text_of(fields.dek),
            text_of(fields.body)
        );
        // Term -> its count and first spelling, or `None` for a term
        // never added (a function word, a number): each distinct term is
        // judged once, not each occurrence.
        let mut counts: HashMap<String, Option<(u32, String)>> = HashMap::new();
        let mut length = 0u32;
        analyzers.with(index, lang.body, |analyzer| {
            let mut stream = analyzer.token_stream(&text);
            while let Some(token) = stream.next() {
                match counts.get_mut(token.text.as_str()) {
                    Some(Some(entry)) => {
                        entry.0 += 1;
                        length += 1;
                    }
                    Some(None) => {}
                    None => {
                        let spelling = text[token.offset_from..token.offset_to].to_lowercase();
                        let kept = allowed(&token.text)
                            && !is_stop_word(ranking.stop_words, lang.code, &spelling);
                        length += u32::from(kept);
                        counts.insert(token.text.clone(), kept.then_some((1, spelling)));
                    }
                }
            }
        })?;
        if length == 0 {
            continue;
        }
        for (term, (tf, spelling)) in counts.into_iter().filter_map(|(t, c)| Some((t, c?))) {
            let candidate = model
                .entry((lang_index, term))
                .or_insert_with(|| Candidate {
                    lang: lang_index,
                    weight: 0.0,
                    spellings: HashMap::new(),
                });
            candidate.weight += score.max(0.0) * tf as f32 / length as f32;
            *candidate.spellings.entry(spelling).or_insert(0) += tf;
        }
    }
    let mut ranked: Vec<((usize, String), Candidate)> = model.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.weight
            .total_cmp(&a.1.weight)
            .then_with(|| a.0 .1.cmp(&b.0 .1))
    });
    let mut docs_in: HashMap<usize, u64> = HashMap::new();
    let mut chosen: Vec<(String, Candidate)> = Vec::new();
    for ((_, term), candidate) in ranked {
        if chosen.len() >= params.terms {
            break;
        }
        let lang = &fields.languages[candidate.lang];
        let docs = match docs_in.get(&candidate.lang) {
            Some(&n) => n,
            None => {
                let n = docs_in_language(searcher, fields, lang)?;
                docs_in.insert(candidate.lang, n);
                n
            }
        };
        let df = searcher.doc_freq(&Term::from_field_text(lang.body, &term))?;
        if df as f32 > params.max_df * docs as f32 {
            continue;
        }
        chosen.push((term, candidate));
    }
    if chosen.is_empty() {
        return Ok(None);
    }
    let total: f32 = chosen.iter().map(|(_, c)| c.weight).sum();
    if total <= 0.0 {
        return Ok(None);
    }
    let mut added = Vec::with_capacity(chosen.len());
    let mut words = Vec::with_capacity(chosen.len());
    for (term, candidate) in &chosen {
        let lang = &fields.languages[candidate.lang];
        let query = WordQuery::term(fields, lang, term, ranking);
        added.push((query, (1.0 - params.original) * candidate.weight / total));
        let spelling = candidate
            .spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_else(|| term.clone());
        words.push(spelling);
    }
    let query: Box<dyn Query> = match original {
        Original::Words(mut original) => {
            let sum: f32 = original.iter().map(|(_, w)| w).sum();
            for (_, weight) in &mut original {
                *weight *= params.original / sum;
            }
            original.extend(added);
            let clauses: Vec<(Occur, Box<dyn Query>)> = original
                .into_iter()
                .map(|(query, weight)| (Occur::Should, boosted(Box::new(query), weight)))
                .collect();
            Box::new(BooleanQuery::new(clauses))
        }
        Original::Required(query) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Must, boosted(query, params.original))];
            for (query, weight) in added {
                clauses.push((Occur::Should, boosted(Box::new(query), weight)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
    };
    Ok(Some(Expanded { query, words }))
}

/// Whether a term may be added: two characters or more, not only digits
/// (function words are left out by the caller).
pub fn allowed(term: &str) -> bool {
    term.chars().nth(1).is_some() && !term.chars().all(|c| c.is_ascii_digit())
}

/// The analyzers of an engine's fields, kept between searches so their
/// stem tables stay warm (a fresh analyzer stems every word of the
/// feedback articles anew).
#[derive(Default)]
pub struct Analyzers {
    analyzers: Mutex<HashMap<Field, TextAnalyzer>>,
}

impl Analyzers {
    /// Runs `f` with the analyzer of `field`.
    pub fn with<T>(
        &self,
        index: &Index,
        field: Field,
        f: impl FnOnce(&mut TextAnalyzer) -> T,
    ) -> tantivy::Result<T> {
        let mut map = self.analyzers.lock().unwrap_or_else(|e| e.into_inner());
        let analyzer = match map.entry(field) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(index.tokenizer_for_field(field)?),
        };
        Ok(f(analyzer))
    }
}

/// The number of articles in a language (for `und`, in no language with a
/// stemmer).
fn docs_in_language(
    searcher: &Searcher,
    fields: &Fields,
    lang: &LanguageFields,
) -> tantivy::Result<u64> {
    let of = |code: &str| searcher.doc_freq(&Term::from_field_text(fields.lang, code));
    if lang.code != UNSTEMMED {
        return of(lang.code);
    }
    let mut rest = searcher.num_docs();
    for (code, _) in STEMMED {
        rest = rest.saturating_sub(of(code)?);
    }
    Ok(rest)
}
