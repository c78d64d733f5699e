//! Natural-language queries: a question typed as it is ("What problems are
//! there in making up descriptive titles?") read as a bag of words.
//!
//! lede's query language asks for every word, which suits a few keywords
//! and fails a sentence: no article holds every word of a long question.
//! So a query made only of plain words (no operators, fields, quotes,
//! prefixes or typo marks) that fewer articles match in full than the page
//! asks for is relaxed: the articles with every word come first, as
//! always, and the articles with any of the words, ranked by BM25F, fill
//! the rest (the `any_word` query here). The relaxed query drops function
//! words ("what", "are", "in") in each language that has a list, and
//! weighs a word the question repeats more (by the square root of its
//! count).

use std::collections::HashMap;
use std::sync::LazyLock;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};
use tantivy::query_grammar::{Delimiter, Occur as UserOccur, UserInputAst, UserInputLeaf};
use tantivy::tokenizer::{RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};
use tantivy::Index;

use super::bm25f::WordQuery;
use super::ranking::{Ranking, StopWords};
use crate::index::schema::{LanguageFields, STEMMED};
use crate::index::Fields;

/// How the words of a query must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// Every word must match; when fewer articles than the page asks for
    /// have every word of a query of plain words, articles with any of its
    /// words fill the rest of the page, ranked after them.
    #[default]
    Auto,
    /// Every word must match, whatever the number of matches.
    All,
    /// Any word may match: the query is read as a bag of words (operators
    /// and field names count as words) and ranked by BM25F.
    Any,
}

/// English function words dropped from a relaxed query: articles,
/// pronouns, auxiliary and modal verbs, prepositions, conjunctions and
/// question words, which carry no topic. (tantivy's English list, Lucene's
/// 33 words, keeps "what", "how", "which", "have", "from"; measured on the
/// four test collections, this list gave the higher MAP, see the README.)
const ENGLISH: &[&str] = &[
    // articles and determiners
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "some",
    "any",
    "each",
    "every",
    "all",
    "both",
    "either",
    "neither",
    "no",
    "other",
    "such",
    "own",
    "same",
    // pronouns
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "one",
    // auxiliary and modal verbs
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "done",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "will",
    "would",
    // prepositions
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "among",
    "around",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "by",
    "during",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "on",
    "onto",
    "per",
    "since",
    "than",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "upon",
    "via",
    "with",
    "within",
    "without",
    // conjunctions and adverbs of degree
    "and",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "if",
    "then",
    "else",
    "because",
    "as",
    "while",
    "whether",
    "although",
    "though",
    "unless",
    "also",
    "too",
    "very",
    "just",
    "only",
    "not",
    "more",
    "most",
    "much",
    "many",
    "there",
    "here",
    // question words
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
];

/// Stop-word sets per language code: English above, the other stemmed
/// languages tantivy's lists (the Snowball project's).
static STOP_WORDS: LazyLock<HashMap<&'static str, StopList>> = LazyLock::new(|| {
    let mut lists = HashMap::new();
    lists.insert("en", StopList::Words(ENGLISH.iter().copied().collect()));
    for (code, language) in STEMMED {
        if *code == "en" {
            continue;
        }
        if let Some(filter) = StopWordFilter::new(*language) {
            lists.insert(*code, StopList::Filter(filter_analyzer(filter)));
        }
    }
    lists
});

/// tantivy's English list (Lucene's), to measure ours against.
static TANTIVY_ENGLISH: LazyLock<HashMap<&'static str, StopList>> = LazyLock::new(|| {
    StopWordFilter::new(tantivy::tokenizer::Language::English)
        .map(|filter| HashMap::from([("en", StopList::Filter(filter_analyzer(filter)))]))
        .unwrap_or_default()
});

/// A language's stop words: a set of ours, or tantivy's filter.
enum StopList {
    Words(std::collections::HashSet<&'static str>),
    Filter(TextAnalyzer),
}

fn filter_analyzer(filter: StopWordFilter) -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(filter)
        .build()
}

/// Whether a lowercased word is a function word in a language.
pub fn is_stop_word(lists: StopWords, code: &str, word: &str) -> bool {
    let list = match (lists, code) {
        (StopWords::None, _) => None,
        (StopWords::Tantivy, "en") => TANTIVY_ENGLISH.get(code),
        _ => STOP_WORDS.get(code),
    };
    match list {
        Some(StopList::Words(words)) => words.contains(word),
        Some(StopList::Filter(analyzer)) => {
            let mut analyzer = analyzer.clone();
            let mut stream = analyzer.token_stream(word);
            stream.next().is_none()
        }
        None => false,
    }
}

/// The distinct words of a text, lowercased, each with how often it occurs,
/// in order of first occurrence. Anything but letters and digits separates
/// words, so operators, quotes and field names become plain words.
pub fn bag_of_words(text: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        match at.get(&word) {
            Some(&i) => out[i].1 += 1,
            None => {
                at.insert(word.clone(), out.len());
                out.push((word, 1));
            }
        }
    }
    out
}

/// Whether a parsed query may be relaxed: it names no field, asks for no
/// prefix or typo, excludes nothing (`-word`, `NOT`), and is more than one
/// quoted phrase, so that "every word" is all it asks. Parentheses,
/// quotes, `AND` and `OR` may be in it: prose has them.
pub fn is_relaxable(ast: &UserInputAst) -> bool {
    let single_phrase = match ast {
        UserInputAst::Leaf(leaf) => quoted(leaf),
        UserInputAst::Clause(clauses) => {
            clauses.len() == 1 && matches!(&clauses[0].1, UserInputAst::Leaf(leaf) if quoted(leaf))
        }
        UserInputAst::Boost(..) => false,
    };
    !single_phrase && only_words(ast)
}

fn quoted(leaf: &UserInputLeaf) -> bool {
    matches!(leaf, UserInputLeaf::Literal(lit) if lit.delimiter != Delimiter::None)
}

fn only_words(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .all(|(occur, sub)| *occur != Some(UserOccur::MustNot) && only_words(sub)),
        UserInputAst::Leaf(leaf) => match &**leaf {
            UserInputLeaf::Literal(lit) => {
                lit.field_name.is_none() && !lit.prefix && !lit.phrase.contains(['~', '*'])
            }
            _ => false,
        },
        UserInputAst::Boost(inner, _) => only_words(inner),
    }
}

/// Punctuation of prose that lede's query syntax reads otherwise, or not
/// at all: a colon followed by a space after a word that names no field
/// ("Climate summit: what was agreed?" is no search in a field `summit`),
/// a dash followed by a space or a dash (a dash before a word still
/// excludes it), and slashes, which delimit a regular expression. Returns
/// the query with those read as spaces, when it has any.
pub fn prose(query: &str, fields: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(query.len());
    let mut changed = false;
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = chars.peek().map_or(true, |(_, n)| n.is_whitespace());
        let word = query[..i]
            .rsplit(|c: char| !c.is_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        let colon = c == ':' && next_is_space && !fields.contains(&word);
        let dash = c == '-' && (next_is_space || chars.peek().is_some_and(|(_, n)| *n == '-'));
        if colon || dash || c == '/' {
            out.push(' ');
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

/// The relaxed query over a bag of words: each word scored with BM25F in
/// every language for which it is not a function word, weighted as
/// [`Repeats`](super::ranking::Repeats) says; `None` when nothing but
/// function words is left.
pub fn any_word(
    index: &Index,
    fields: &Fields,
    languages: &[LanguageFields],
    words: &[(String, u32)],
    ranking: &Ranking,
) -> Option<Box<dyn Query>> {
    let clauses: Vec<(Occur, Box<dyn Query>)> =
        weighted_words(index, fields, languages, words, ranking)
            .into_iter()
            .map(|(query, weight)| (Occur::Should, boosted(Box::new(query), weight)))
            .collect();
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

/// A query scaled by a weight (left alone at 1).
pub fn boosted(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if weight == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, weight))
    }
}

/// Each word of a bag that is not a function word everywhere, as its BM25F
/// query with its weight.
pub fn weighted_words(
    index: &Index,
    fields: &Fields,
    languages: &[LanguageFields],
    words: &[(String, u32)],
    ranking: &Ranking,
) -> Vec<(WordQuery, f32)> {
    let mut out = Vec::new();
    for (word, count) in words {
        let kept: Vec<LanguageFields> = languages
            .iter()
            .filter(|l| !is_stop_word(ranking.stop_words, l.code, word))
            .copied()
            .collect();
        if kept.is_empty() {
            continue;
        }
        if let Some(query) = WordQuery::new(index, fields, &kept, word, ranking) {
            out.push((query, ranking.repeats.weight(*count)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query_grammar::parse_query;

    #[test]
    fn words_are_counted_lowercased_in_order() {
        assert_eq!(
            bag_of_words("Titles? What makes TITLES informative: titles-or-not"),
            [
                ("titles".to_string(), 3),
                ("what".to_string(), 1),
                ("makes".to_string(), 1),
                ("informative".to_string(), 1),
                ("or".to_string(), 1),
                ("not".to_string(), 1),
            ]
        );
    }

    #[test]
    fn queries_that_name_fields_or_exclude_words_are_not_relaxed() {
        let relaxable = |q: &str| is_relaxable(&parse_query(q).expect("parses"));
        for q in [
            "what problems are there in making up titles?",
            "clemency",
            "separation anxiety in infancy (i.e. up to two years of age)",
            "clemency OR pardon",
            "NON-USERS AND WHY",
            "\"prime minister\" pardon",
            "the concept of \"relevance\" in retrieval",
        ] {
            assert!(relaxable(q), "{q}");
        }
        for q in [
            "clemency -trump",
            "clemency NOT trump",
            "title:clemency pardon",
        ] {
            assert!(!relaxable(q), "{q}");
        }
    }

    #[test]
    fn prose_colons_and_slashes_are_spaces_but_field_names_stay() {
        let fields = ["title", "body"];
        assert_eq!(
            prose("Climate summit: what was agreed?", &fields).as_deref(),
            Some("Climate summit  what was agreed?")
        );
        assert_eq!(
            prose("internal /slip flow/ heat", &fields).as_deref(),
            Some("internal  slip flow  heat")
        );
        assert_eq!(
            prose("renal hypertrophy - - stimulus", &fields).as_deref(),
            Some("renal hypertrophy     stimulus")
        );
        assert_eq!(prose("clemency -trump", &fields), None);
        assert_eq!(prose("headline:clemency", &fields), None);
        assert_eq!(prose("title: clemency", &fields), None);
    }

    #[test]
    fn function_words_per_language() {
        let lede = StopWords::Lede;
        assert!(is_stop_word(lede, "en", "what"));
        assert!(!is_stop_word(lede, "en", "die"));
        assert!(is_stop_word(lede, "de", "die"));
        assert!(!is_stop_word(lede, "und", "the"));
        assert!(!is_stop_word(StopWords::Tantivy, "en", "what"));
        assert!(is_stop_word(StopWords::Tantivy, "en", "the"));
        assert!(!is_stop_word(StopWords::None, "en", "the"));
    }
}
