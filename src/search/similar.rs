//! Related coverage (`lede similar ID`): the articles most like a given
//! one, found by searching for its most telling terms.
//!
//! The article's headline, dek and body are reduced to terms by its
//! language's analyzer; each term's frequency is weighted as BM25F weighs
//! the fields (a headline word counts three times), and the terms are
//! ranked by that frequency times their rarity in the index (idf), as
//! Lucene's MoreLikeThis does. The best [`TERMS`] become one query of any of
//! them, each weighted by its rank score, scored with BM25F. The article's
//! own duplicate group (itself and its copies in other outlets) is left
//! out, so the hits are other coverage of the story: follow-ups, other
//! outlets' reporting, earlier pieces.

// foldhash: a fast seeded hash; SipHash was a tenth of expansion's time.
use foldhash::{HashMap, HashMapExt};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, Searcher, TantivyDocument};

use super::bm25f::WordQuery;
use super::natural::{boosted, is_stop_word};
use super::ranking::Ranking;
use super::SearchError;
use crate::index::Fields;

/// Terms searched for: MoreLikeThis's default.
pub const TERMS: usize = 25;

/// A term must occur in at least this many articles (the article itself
/// and one other) to say anything about likeness.
const MIN_DOC_FREQ: u64 = 2;

/// A term must weigh this much in the article (a headline word, or a word
/// used twice in the body).
const MIN_WEIGHTED_FREQ: f32 = 2.0;

/// The query for articles like the one with `id`, leaving out its
/// duplicate group.
pub fn like(
    searcher: &Searcher,
    index: &Index,
    fields: &Fields,
    id: &str,
    ranking: &Ranking,
) -> Result<Box<dyn Query>, SearchError> {
    let top = searcher.search(
        &TermQuery::new(
            Term::from_field_text(fields.id, id),
            IndexRecordOption::Basic,
        ),
        &TopDocs::with_limit(1).order_by_score(),
    )?;
    let Some((_, address)) = top.first() else {
        return Err(SearchError::NoArticle(id.to_string()));
    };
    let doc: TantivyDocument = searcher.doc(*address)?;
    let text_of = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
    let lang = fields.language(doc.get_first(fields.lang).and_then(|v| v.as_str()));
    let mut analyzer = index.tokenizer_for_field(lang.body)?;
    let mut weighted: HashMap<String, f32> = HashMap::new();
    for (field, weight) in [
        (fields.title, ranking.title),
        (fields.dek, ranking.dek),
        (fields.body, ranking.body),
    ] {
        let text = text_of(field);
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            let spelling = text[token.offset_from..token.offset_to].to_lowercase();
            let useful = token.text.chars().nth(1).is_some()
                && !token.text.chars().all(|c| c.is_ascii_digit())
                && !is_stop_word(ranking.stop_words, lang.code, &spelling);
            if useful {
                *weighted.entry(token.text.clone()).or_insert(0.0) += weight;
            }
        }
    }
    let docs = searcher.num_docs().max(1);
    let mut scored: Vec<(String, f32)> = Vec::new();
    for (term, tf) in weighted {
        if tf < MIN_WEIGHTED_FREQ {
            continue;
        }
        let df = searcher
            .doc_freq(&Term::from_field_text(lang.body, &term))?
            .max(searcher.doc_freq(&Term::from_field_text(lang.title, &term))?);
        if df < MIN_DOC_FREQ {
            continue;
        }
        let idf = (1.0 + (docs as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        scored.push((term, tf * idf));
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(TERMS);
    let best = scored.first().map_or(1.0, |(_, s)| *s);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = scored
        .iter()
        .map(|(term, score)| {
            let query = WordQuery::term(fields, lang, term, ranking);
            (Occur::Should, boosted(Box::new(query), score / best))
        })
        .collect();
    if clauses.is_empty() {
        return Err(SearchError::NothingLike(id.to_string()));
    }
    let group = doc
        .get_first(fields.copy_of)
        .and_then(|v| v.as_str())
        .unwrap_or(id);
    for field in [fields.id, fields.copy_of] {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(field, group),
                IndexRecordOption::Basic,
            )),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}
