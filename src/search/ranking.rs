//! Ranking parameters, kept together as data: how much each field of an
//! article counts, BM25's saturation and length normalization, and which
//! model combines the fields. Every figure here was chosen by the relevance
//! harness (`examples/relevance.rs`) on all four test collections at once,
//! with one setting for all; the README's ranking section has the table.

/// How a plain word's matches in the fields of an article become a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// BM25F (Robertson, Zaragoza and Taylor, 2004): the word's frequency
    /// in each field, weighted and length-normalized per field, is summed
    /// into one frequency, which is saturated once. A word in the headline
    /// and the body counts more than in the body alone, but never more
    /// than a word that fills the article.
    Bm25f,
    /// BM25 computed in each field separately and summed, with the field
    /// weights as boosts: tantivy's default, and lede's ranking before
    /// BM25F. Kept to measure against.
    PerField,
}

/// The ranking parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// The model combining fields.
    pub model: Model,
    /// BM25's term-frequency saturation.
    pub k1: f32,
    /// BM25's length normalization in the body (0 none, 1 full).
    pub b: f32,
    /// Length normalization in the headline.
    pub b_title: f32,
    /// Weight of the headline relative to the body.
    pub title: f32,
    /// Weight of the dek (standfirst).
    pub dek: f32,
    /// Weight of the body.
    pub body: f32,
    /// Weight of the author and outlet names, scored apart from the text
    /// (a word matching a name still matches, so `every word` queries that
    /// name an author work, but an outlet called "Post" or "Times" does not
    /// lift all its articles over those about the subject).
    pub names: f32,
    /// Query expansion (`--expand`).
    pub feedback: Feedback,
    /// How much a word a relaxed query repeats counts.
    pub repeats: Repeats,
    /// Which function words relaxed queries, expansion and `similar` leave out.
    pub stop_words: StopWords,
}

/// The weight of a word a natural-language query uses several times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeats {
    /// Once, however often it is repeated (as lede's query syntax reads
    /// `a a`).
    Once,
    /// The square root of its count.
    Sqrt,
    /// Its count (BM25's query term frequency).
    Linear,
}

impl Repeats {
    /// The weight of a word used `count` times.
    pub fn weight(self, count: u32) -> f32 {
        match self {
            Repeats::Once => 1.0,
            Repeats::Sqrt => (count as f32).sqrt(),
            Repeats::Linear => count as f32,
        }
    }
}

/// Lists of function words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopWords {
    /// lede's English list (articles, pronouns, auxiliaries, prepositions,
    /// conjunctions, question words) and tantivy's lists for the other
    /// stemmed languages.
    Lede,
    /// tantivy's lists only (its English list is Lucene's 33 words).
    Tantivy,
    /// None.
    None,
}

/// Pseudo-relevance feedback (RM3): the best articles of a first search
/// lend their most telling words to a second. The figures are Anserini's
/// defaults for its published news runs (10 articles, 10 words, the
/// original query weighing half).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feedback {
    /// Articles read from the top of the first search.
    pub docs: usize,
    /// Words added.
    pub terms: usize,
    /// The original query's share of the expanded query's weight.
    pub original: f32,
    /// Words in more than this share of the articles (in their language)
    /// are never added: they say nothing about a subject.
    pub max_df: f32,
}

impl Ranking {
    /// lede's ranking.
    pub const DEFAULT: Ranking = Ranking {
        model: Model::Bm25f,
        k1: 2.0,
        b: 0.75,
        b_title: 0.75,
        title: 3.0,
        dek: 1.5,
        body: 1.0,
        names: 0.5,
        feedback: Feedback {
            docs: 10,
            terms: 10,
            original: 0.5,
            max_df: 0.1,
        },
        repeats: Repeats::Sqrt,
        stop_words: StopWords::Lede,
    };
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking::DEFAULT
    }
}
