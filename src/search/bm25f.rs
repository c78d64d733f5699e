//! BM25F for a plain word of a query: its matches in the headline, dek and
//! body of an article are combined before they are saturated, instead of
//! scoring each field with BM25 and adding the scores.
//!
//! Summing per-field BM25 rewards a word for appearing in several fields
//! (each field saturates on its own, so a word in the headline and once in
//! the body scores nearly twice a word used ten times in the body) and
//! gives each field its own document frequency. BM25F (Robertson, Zaragoza
//! and Taylor, 2004) sums the word's per-field frequencies, each multiplied
//! by the field's weight and divided by the field's length normalization
//! (`1 - b + b * length / average length`), and saturates that sum once:
//! `idf * tf * (k1 + 1) / (k1 + tf)`.
//!
//! lede indexes text in per-language fields (`title_en`, `body_de`, ...), so
//! a word is one group of fields per language, each with the word as that
//! language's analyzer reduces it; an article's text lives in one language,
//! so one group matches it. Each group's statistics are its own language's:
//! the documents in that language (from the `lang` field), the average
//! field lengths over them, and the word's document frequency (the largest
//! of its fields'). Author and outlet names form a group of their own with
//! a small weight, so a word still matches a name.

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, FieldType, IndexRecordOption, Schema};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocId, DocSet, Index, Score, SegmentReader, Term, TERMINATED};

use super::ranking::{Model, Ranking};
use crate::index::schema::{LanguageFields, STEMMED, UNSTEMMED};
use crate::index::Fields;

/// Which documents a group's statistics are taken over.
#[derive(Debug, Clone)]
enum Population {
    /// Every document.
    All,
    /// The documents whose `lang` is this term.
    Lang(Term),
    /// The documents whose `lang` is none of these terms.
    Rest(Vec<Term>),
}

/// The word's term in one field, with the field's weight and length
/// normalization.
#[derive(Debug, Clone)]
struct FieldTerm {
    term: Term,
    weight: f32,
    b: f32,
}

/// The fields of one language (or the names) with the word in each,
/// whose weighted frequencies are summed and saturated together.
#[derive(Debug, Clone)]
struct Group {
    fields: Vec<FieldTerm>,
    population: Population,
    /// Multiplies the group's score (the field weight, when each field is
    /// a group of its own under [`Model::PerField`]).
    scale: f32,
}

/// A plain word scored with BM25F over the article's fields.
#[derive(Debug, Clone)]
pub struct WordQuery {
    groups: Vec<Group>,
    k1: f32,
}

impl WordQuery {
    /// The query for one word over the given languages' fields and the
    /// names, or `None` when some language's analyzer does not make exactly
    /// one term of it (a hyphenated word, say, which the query parser turns
    /// into a phrase).
    pub fn new(
        index: &Index,
        fields: &Fields,
        languages: &[LanguageFields],
        word: &str,
        ranking: &Ranking,
    ) -> Option<WordQuery> {
        let mut groups: Vec<Group> = Vec::with_capacity(languages.len() + 1);
        for lang in languages {
            let text = single_term(index, lang.body, word)?;
            push_language(&mut groups, fields, lang, &text, ranking);
        }
        if let Some(name) = single_term(index, fields.author, word) {
            let names = [
                (fields.author, ranking.names, ranking.b),
                (fields.outlet, ranking.names, ranking.b),
            ];
            let term = |field| Term::from_field_text(field, &name);
            push_group(&mut groups, ranking.model, &names, &term, Population::All);
        }
        Some(WordQuery {
            groups,
            k1: ranking.k1,
        })
    }

    /// The query for a term as one language's analyzer made it, in that
    /// language's fields only (an expansion term taken from articles in
    /// that language).
    pub fn term(
        fields: &Fields,
        lang: &LanguageFields,
        text: &str,
        ranking: &Ranking,
    ) -> WordQuery {
        let mut groups = Vec::with_capacity(1);
        push_language(&mut groups, fields, lang, text, ranking);
        WordQuery {
            groups,
            k1: ranking.k1,
        }
    }
}

/// Adds the headline, dek and body of one language, with a term in each.
fn push_language(
    groups: &mut Vec<Group>,
    fields: &Fields,
    lang: &LanguageFields,
    text: &str,
    ranking: &Ranking,
) {
    let term = |field| Term::from_field_text(field, text);
    let candidates = [
        (lang.title, ranking.title, ranking.b_title),
        (lang.dek, ranking.dek, ranking.b),
        (lang.body, ranking.body, ranking.b),
    ];
    push_group(
        groups,
        ranking.model,
        &candidates,
        &term,
        population(fields, lang.code),
    );
}

/// The documents in a language: those whose `lang` is its code, or for
/// `und`, those in no language with a stemmer.
fn population(fields: &Fields, code: &str) -> Population {
    if code == UNSTEMMED {
        Population::Rest(
            STEMMED
                .iter()
                .map(|(c, _)| Term::from_field_text(fields.lang, c))
                .collect(),
        )
    } else {
        Population::Lang(Term::from_field_text(fields.lang, code))
    }
}

/// Adds the fields (field, weight, b) as one group under BM25F, or as one
/// group each, scaled by its weight, under per-field BM25 (where, as in
/// tantivy, statistics are over every document).
fn push_group(
    groups: &mut Vec<Group>,
    model: Model,
    fields: &[(Field, f32, f32)],
    term: &dyn Fn(Field) -> Term,
    population: Population,
) {
    match model {
        Model::Bm25f => groups.push(Group {
            fields: fields
                .iter()
                .map(|&(field, weight, b)| FieldTerm {
                    term: term(field),
                    weight,
                    b,
                })
                .collect(),
            population,
            scale: 1.0,
        }),
        Model::PerField => {
            for &(field, weight, b) in fields {
                groups.push(Group {
                    fields: vec![FieldTerm {
                        term: term(field),
                        weight: 1.0,
                        b,
                    }],
                    population: Population::All,
                    scale: weight,
                });
            }
        }
    }
}

/// The one term `field`'s analyzer makes of `word`, if it makes exactly one.
fn single_term(index: &Index, field: Field, word: &str) -> Option<String> {
    let mut analyzer = index.tokenizer_for_field(field).ok()?;
    let mut stream = analyzer.token_stream(word);
    let first = stream.next()?.text.clone();
    if stream.next().is_some() {
        return None;
    }
    Some(first)
}

/// BM25's inverse document frequency (as Lucene and tantivy compute it).
fn idf(doc_freq: u64, docs: u64) -> f32 {
    let docs = docs.max(doc_freq);
    let x = (docs - doc_freq) as f32 + 0.5;
    (1.0 + x / (doc_freq as f32 + 0.5)).ln()
}

fn has_norms(schema: &Schema, field: Field) -> bool {
    match schema.get_field_entry(field).field_type() {
        FieldType::Str(options) => options
            .get_indexing_options()
            .is_some_and(|i| i.fieldnorms()),
        _ => false,
    }
}

impl Query for WordQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.word_weight(scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for group in &self.groups {
            for f in &group.fields {
                visitor(&f.term, false);
            }
        }
    }
}

impl WordQuery {
    /// The query bound to a searcher's statistics.
    fn word_weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<WordWeight> {
        let schema = scoring.schema();
        let mut sources = Vec::new();
        let mut groups = Vec::new();
        let stats: Option<&dyn Bm25StatisticsProvider> = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(statistics_provider),
            EnableScoring::Disabled { .. } => None,
        };
        for group in &self.groups {
            let g = groups.len();
            let mut idf_k1 = 0.0;
            let mut docs = 1u64;
            if let Some(stats) = stats {
                let all = stats.total_num_docs()?;
                docs = match &group.population {
                    Population::All => all,
                    Population::Lang(term) => stats.doc_freq(term)?,
                    Population::Rest(terms) => {
                        let mut rest = all;
                        for term in terms {
                            rest = rest.saturating_sub(stats.doc_freq(term)?);
                        }
                        rest
                    }
                }
                .max(1);
                let mut df = 0;
                for f in &group.fields {
                    df = df.max(stats.doc_freq(&f.term)?);
                }
                if df == 0 {
                    continue;
                }
                idf_k1 = idf(df, docs) * (self.k1 + 1.0) * group.scale;
            }
            for f in &group.fields {
                let field = f.term.field();
                let norms = has_norms(schema, field);
                let mut cache = [0.0f32; 256];
                if stats.is_some() && f.weight > 0.0 {
                    let average = match (stats, norms) {
                        (Some(stats), true) => {
                            (stats.total_num_tokens(field)? as f32 / docs as f32).max(1.0)
                        }
                        _ => 1.0,
                    };
                    for (id, slot) in cache.iter_mut().enumerate() {
                        let length = if norms {
                            FieldNormReader::id_to_fieldnorm(id as u8) as f32
                        } else {
                            average
                        };
                        *slot = f.weight / (1.0 - f.b + f.b * length / average);
                    }
                }
                sources.push(SourceSpec {
                    term: f.term.clone(),
                    norms,
                    cache: Arc::new(cache),
                    group: g,
                });
            }
            groups.push(GroupWeight { idf_k1 });
        }
        Ok(WordWeight {
            sources,
            groups,
            k1: self.k1,
        })
    }
}

/// One field's term, ready to open in a segment.
struct SourceSpec {
    term: Term,
    norms: bool,
    /// Field weight over length normalization, by fieldnorm id.
    cache: Arc<[f32; 256]>,
    group: usize,
}

/// A group's weight: its idf times (k1 + 1).
#[derive(Debug, Clone, Copy)]
struct GroupWeight {
    idf_k1: f32,
}

/// A [`WordQuery`] bound to a searcher's statistics.
struct WordWeight {
    sources: Vec<SourceSpec>,
    groups: Vec<GroupWeight>,
    k1: f32,
}

impl WordWeight {
    /// The scorer of one segment.
    fn word_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<WordScorer> {
        let mut sources = Vec::with_capacity(self.sources.len());
        for spec in &self.sources {
            let field = spec.term.field();
            let Some(postings) = reader
                .inverted_index(field)?
                .read_postings(&spec.term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let norms = if spec.norms {
                reader.get_fieldnorms_reader(field)?
            } else {
                FieldNormReader::constant(reader.max_doc(), 1)
            };
            sources.push(Source {
                postings,
                norms,
                cache: Arc::clone(&spec.cache),
                group: spec.group,
            });
        }
        let mut scorer = WordScorer {
            sources,
            groups: self.groups.iter().map(|g| g.idf_k1 * boost).collect(),
            k1: self.k1,
            doc: TERMINATED,
        };
        scorer.doc = scorer.first();
        Ok(scorer)
    }
}

impl Weight for WordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.word_scorer(reader, boost)?;
        if scorer.sources.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.word_scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        Ok(Explanation::new("BM25F", scorer.score()))
    }
}

/// One field's postings in a segment.
struct Source {
    postings: SegmentPostings,
    norms: FieldNormReader,
    cache: Arc<[f32; 256]>,
    group: usize,
}

/// The union of the word's postings in every field, scored with BM25F.
struct WordScorer {
    sources: Vec<Source>,
    groups: Vec<f32>,
    k1: f32,
    doc: DocId,
}

impl WordScorer {
    fn first(&self) -> DocId {
        self.sources
            .iter()
            .map(|s| s.postings.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for WordScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        let mut next = TERMINATED;
        for s in &mut self.sources {
            let mut d = s.postings.doc();
            if d == current {
                d = s.postings.advance();
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let mut next = TERMINATED;
        for s in &mut self.sources {
            let mut d = s.postings.doc();
            if d < target {
                d = s.postings.seek(target);
            }
            next = next.min(d);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.sources.iter().map(|s| s.postings.size_hint()).sum()
    }
}

impl Scorer for WordScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut score = 0.0;
        // Sources are in group order: sum each group's weighted frequency,
        // then saturate it.
        let mut group = usize::MAX;
        let mut tf = 0.0f32;
        for s in &self.sources {
            if s.postings.doc() != doc {
                continue;
            }
            if s.group != group {
                if tf > 0.0 {
                    score += self.groups[group] * tf / (self.k1 + tf);
                }
                group = s.group;
                tf = 0.0;
            }
            tf += s.postings.term_freq() as f32 * s.cache[s.norms.fieldnorm_id(doc) as usize];
        }
        if tf > 0.0 {
            score += self.groups[group] * tf / (self.k1 + tf);
        }
        score
    }
}
