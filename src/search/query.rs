//! Query building: lede's query syntax (tantivy's grammar) turned into a
//! tantivy query over the index's per-language fields.
//!
//! The grammar is parsed first on its own, so that a syntax error can be
//! reported with its position or, where tantivy's lenient parser recovers,
//! ignored with a warning. Then the user's field names (`title`, `dek`,
//! `body`) are expanded to every language variant, `word~N` becomes a fuzzy
//! match with edit distance N, and every word must match unless joined
//! with `OR`.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, QueryParserError, RegexQuery,
};
use tantivy::query_grammar::{self, UserInputAst, UserInputLeaf};
use tantivy::schema::Field;
use tantivy::tokenizer::TokenStream;
use tantivy::Index;
use thiserror::Error;

use super::bm25f::WordQuery;
use super::ranking::Ranking;
use crate::index::schema::LanguageFields;
use crate::index::schema::{language_field_name, LANGUAGE_FIELDS, QUERY_FIELDS};
use crate::index::Fields;

/// Relative weight of each searchable field: a word in the headline says
/// more about an article than the same word deep in the body.
const BOOSTS: &[(&str, f32)] = &[
    ("title", 3.0),
    ("dek", 1.5),
    ("author", 1.5),
    ("outlet", 1.0),
    ("body", 1.0),
];

/// The largest edit distance `word~N` and `--fuzzy` accept.
const MAX_EDITS: u32 = 2;

/// Limits on what one query may cost, so that no query can exhaust the
/// stack, the memory or the patience of a shared machine. Measured on a
/// release build: the grammar's parser overflowed the main thread's 8 MiB
/// stack at about 3,000 nested `NOT`s or unbalanced `(` (fewer in debug
/// builds); 10,000 words took 200 MB to plan; each `word~2` cost 2.7 MB and
/// 35 ms on a 215,780-article index. The limits sit far above what a person
/// types and far below those costs.
pub mod limits {
    /// Brackets and `NOT`/`-`/`+` operators nested inside each other.
    pub const MAX_NESTING: usize = 64;
    /// Words, phrases and ranges in one query.
    pub const MAX_TERMS: usize = 1024;
    /// Words matched with typos (`word~N`, or every word with `--fuzzy`).
    pub const MAX_FUZZY: usize = 32;
    /// Words matched by prefix (`word*`).
    pub const MAX_PREFIX: usize = 64;
}

/// A query lede could not understand.
#[derive(Debug, Error)]
pub enum QueryError {
    /// The query is empty or only whitespace.
    #[error("the query is empty; give some words to search for, e.g. `lede search \"clemency\"`")]
    Empty,
    /// The query names a field that does not exist.
    #[error("invalid query {query:?}: there is no field {field:?}; searchable fields are {fields} (to search for a word followed by a colon, put it in quotes)")]
    UnknownField {
        /// The query.
        query: String,
        /// The unknown field.
        field: String,
        /// The fields that exist.
        fields: String,
    },
    /// The query would cost more than lede allows one query to.
    #[error("the query is too complex: {detail}; simplify it or split it into several searches")]
    TooComplex {
        /// Which limit it exceeds, and by how much.
        detail: String,
    },
    /// A syntax problem lede cannot recover from.
    #[error("invalid query {query:?}: {detail}")]
    Syntax {
        /// The query.
        query: String,
        /// What is wrong, and where.
        detail: String,
    },
}

/// A parsed query and what was ignored to make sense of it.
pub struct Parsed {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// One message per part of the query that was ignored.
    pub warnings: Vec<String>,
    /// Whether the query may be relaxed to any of its words (see
    /// [`super::natural::is_relaxable`]).
    pub relaxable: bool,
}

/// Builds queries for one index.
pub struct QueryBuilder {
    index: Index,
    exact: QueryParser,
    fuzzy: Vec<QueryParser>,
    fields: Fields,
    fuzzy_default: u32,
    ranking: Ranking,
}

impl QueryBuilder {
    /// A builder over the given languages' fields (those the index holds);
    /// `fuzzy` > 0 makes every plain word match within that many edits.
    pub fn new(
        index: &Index,
        fields: &Fields,
        languages: &[LanguageFields],
        fuzzy: u32,
    ) -> QueryBuilder {
        let mut fields = fields.clone();
        if !languages.is_empty() {
            fields.languages = languages.to_vec();
        }
        let fields = &fields;
        let make = |edits: u32| {
            let mut parser = QueryParser::for_index(index, default_fields(fields));
            parser.set_conjunction_by_default();
            for (name, boost) in BOOSTS {
                for field in user_field(fields, name) {
                    parser.set_field_boost(field, *boost);
                    if edits > 0 {
                        parser.set_field_fuzzy(field, false, edits as u8, true);
                    }
                }
            }
            parser
        };
        QueryBuilder {
            index: index.clone(),
            exact: make(0),
            fuzzy: (1..=MAX_EDITS).map(make).collect(),
            fields: fields.clone(),
            fuzzy_default: fuzzy.min(MAX_EDITS),
            ranking: Ranking::DEFAULT,
        }
    }

    /// The same builder with other ranking parameters.
    pub fn with_ranking(mut self, ranking: Ranking) -> QueryBuilder {
        self.ranking = ranking;
        self
    }

    /// Parses a user query.
    pub fn parse(&self, query: &str) -> Result<Parsed, QueryError> {
        if query.trim().is_empty() {
            return Err(QueryError::Empty);
        }
        check_nesting(query)?;
        let mut warnings = Vec::new();
        let ast = match query_grammar::parse_query(query) {
            Ok(ast) => ast,
            Err(_) => {
                let (ast, errors) = query_grammar::parse_query_lenient(query);
                if is_empty(&ast) {
                    let detail = errors
                        .first()
                        .map(|e| format!("{} at character {}", e.message, char_pos(query, e.pos)))
                        .unwrap_or_else(|| "nothing searchable in it".into());
                    return Err(QueryError::Syntax {
                        query: query.to_string(),
                        detail,
                    });
                }
                for e in &errors {
                    warnings.push(format!(
                        "ignored part of the query at character {} ({}); searching for the rest",
                        char_pos(query, e.pos),
                        e.message
                    ));
                }
                ast
            }
        };
        self.check_cost(&ast)?;
        let relaxable = super::natural::is_relaxable(&ast);
        let built = self.build(ast, query)?;
        Ok(Parsed {
            query: built,
            warnings,
            relaxable,
        })
    }

    fn build(&self, ast: UserInputAst, query: &str) -> Result<Box<dyn Query>, QueryError> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(clauses.len());
                for (occur, sub) in clauses {
                    let occur = match occur {
                        Some(query_grammar::Occur::Should) => Occur::Should,
                        Some(query_grammar::Occur::MustNot) => Occur::MustNot,
                        // Every word must match unless the user says OR.
                        Some(query_grammar::Occur::Must) | None => Occur::Must,
                    };
                    parts.push((occur, self.build(sub, query)?));
                }
                if !parts.is_empty() && parts.iter().all(|(o, _)| *o == Occur::MustNot) {
                    // "-word" alone means everything but that word.
                    parts.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(parts)))
            }
            UserInputAst::Boost(inner, boost) => Ok(Box::new(BoostQuery::new(
                self.build(*inner, query)?,
                boost.into_inner() as f32,
            ))),
            UserInputAst::Leaf(leaf) => self.leaf(*leaf, query),
        }
    }

    fn leaf(&self, leaf: UserInputLeaf, query: &str) -> Result<Box<dyn Query>, QueryError> {
        let (field, edits, leaf) = match leaf {
            UserInputLeaf::Literal(mut lit) => {
                let single_word = lit.delimiter == query_grammar::Delimiter::None
                    && !lit.phrase.contains(char::is_whitespace);
                let mut edits = if single_word && !lit.prefix {
                    self.fuzzy_default
                } else {
                    0
                };
                // `word~N` asks for N typos (the grammar keeps it in the word;
                // on a quoted phrase, `~N` is tantivy's slop and stays so).
                if single_word && (lit.prefix || lit.phrase.ends_with('*')) {
                    let word = lit.phrase.trim_end_matches('*');
                    return self.prefix(word, lit.field_name.as_deref(), query);
                }
                if single_word {
                    if let Some((word, n)) = lit.phrase.rsplit_once('~') {
                        if let (false, Ok(n)) = (word.is_empty(), n.parse::<u32>()) {
                            edits = n.min(MAX_EDITS);
                            lit.phrase = word.to_string();
                        }
                    }
                }
                (lit.field_name.clone(), edits, UserInputLeaf::Literal(lit))
            }
            UserInputLeaf::Exists { field } => {
                return Err(QueryError::Syntax {
                    query: query.to_string(),
                    detail: format!(
                        "`{field}:*` (any value of a field) is not supported; search for words \
                         in it instead, e.g. `{field}:pardon`"
                    ),
                })
            }
            UserInputLeaf::Regex { .. } => {
                return Err(QueryError::Syntax {
                    query: query.to_string(),
                    detail: "regular expressions (/.../) are not supported; `word*` matches \
                             words by their beginning"
                        .to_string(),
                })
            }
            other => (None, 0, other),
        };
        let parser = if edits == 0 {
            &self.exact
        } else {
            &self.fuzzy[edits as usize - 1]
        };
        let build = |leaf: UserInputLeaf| {
            parser
                .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))
                .map_err(|e| explain(query, e))
        };
        match field.as_deref() {
            Some(name) if LANGUAGE_FIELDS.contains(&name) => {
                let mut parts = Vec::with_capacity(self.fields.languages.len());
                for lang in &self.fields.languages {
                    let variant = language_field_name(name, lang.code);
                    parts.push((Occur::Should, build(with_field(leaf.clone(), variant))?));
                }
                Ok(Box::new(BooleanQuery::new(parts)))
            }
            Some(name) if !QUERY_FIELDS.contains(&name) => Err(QueryError::UnknownField {
                query: query.to_string(),
                field: name.to_string(),
                fields: QUERY_FIELDS.join(", "),
            }),
            _ => match self.plain_word(&leaf, edits) {
                Some(word) => Ok(Box::new(word)),
                None => build(leaf),
            },
        }
    }
}

/// Refuses queries nested deeper than [`limits::MAX_NESTING`], before the
/// grammar's recursive parser sees them: brackets (an unclosed one counts)
/// and unary operators (`NOT`, `-`, `+`) each add a level.
fn check_nesting(query: &str) -> Result<(), QueryError> {
    let (mut depth, mut unary, mut deepest) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    let mut word = String::new();
    let end_word = |word: &mut String, unary: &mut usize| {
        if word == "NOT" {
            *unary += 1;
        } else if !word.is_empty() {
            *unary = 0;
        }
        word.clear();
    };
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                end_word(&mut word, &mut unary);
                quoted = true;
                unary = 0;
            }
            '(' => {
                end_word(&mut word, &mut unary);
                depth += 1;
            }
            ')' => {
                end_word(&mut word, &mut unary);
                depth = depth.saturating_sub(1);
            }
            '-' | '+' if word.is_empty() => unary += 1,
            c if c.is_whitespace() => end_word(&mut word, &mut unary),
            c => word.push(c),
        }
        deepest = deepest.max(depth + unary);
        if deepest > limits::MAX_NESTING {
            return Err(QueryError::TooComplex {
                detail: format!(
                    "brackets and NOT/-/+ operators are nested more than {} levels deep",
                    limits::MAX_NESTING
                ),
            });
        }
    }
    Ok(())
}

impl QueryBuilder {
    /// Refuses queries with more terms, typo-tolerant words or prefixes
    /// than [`limits`] allows.
    fn check_cost(&self, ast: &UserInputAst) -> Result<(), QueryError> {
        #[derive(Default)]
        struct Cost {
            terms: usize,
            fuzzy: usize,
            prefix: usize,
        }
        fn walk(ast: &UserInputAst, fuzzy_default: u32, cost: &mut Cost) {
            match ast {
                UserInputAst::Clause(clauses) => {
                    for (_, sub) in clauses {
                        walk(sub, fuzzy_default, cost);
                    }
                }
                UserInputAst::Boost(inner, _) => walk(inner, fuzzy_default, cost),
                UserInputAst::Leaf(leaf) => {
                    cost.terms += 1;
                    if let UserInputLeaf::Literal(lit) = &**leaf {
                        let single = lit.delimiter == query_grammar::Delimiter::None
                            && !lit.phrase.contains(char::is_whitespace);
                        if single && (lit.prefix || lit.phrase.ends_with('*')) {
                            cost.prefix += 1;
                        } else if single
                            && (fuzzy_default > 0
                                || lit.phrase.rsplit_once('~').is_some_and(|(w, n)| {
                                    !w.is_empty() && n.parse::<u32>().is_ok_and(|n| n > 0)
                                }))
                        {
                            cost.fuzzy += 1;
                        }
                    }
                }
            }
        }
        let mut cost = Cost::default();
        walk(ast, self.fuzzy_default, &mut cost);
        let over = |n: usize, max: usize, what: &str| {
            (n > max).then(|| QueryError::TooComplex {
                detail: format!("it has {n} {what}, more than the {max} one query may have"),
            })
        };
        match over(cost.terms, limits::MAX_TERMS, "words and phrases")
            .or_else(|| over(cost.fuzzy, limits::MAX_FUZZY, "words matched with typos"))
            .or_else(|| over(cost.prefix, limits::MAX_PREFIX, "prefixes (word*)"))
        {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// A plain word (no field, quotes, prefix or typo allowance), scored
    /// with BM25F over the article's fields; `None` for anything else.
    fn plain_word(&self, leaf: &UserInputLeaf, edits: u32) -> Option<WordQuery> {
        let UserInputLeaf::Literal(lit) = leaf else {
            return None;
        };
        let plain = edits == 0
            && lit.field_name.is_none()
            && lit.delimiter == query_grammar::Delimiter::None
            && !lit.prefix
            && lit.slop == 0
            && !lit.phrase.contains(char::is_whitespace);
        if !plain {
            return None;
        }
        WordQuery::new(
            &self.index,
            &self.fields,
            &self.fields.languages,
            &lit.phrase,
            &self.ranking,
        )
    }

    /// `word*`: every indexed term that starts with the word, as each field's
    /// analyzer reduces it (so `pardons*` matches the stem `pardon...`).
    fn prefix(
        &self,
        word: &str,
        field: Option<&str>,
        query: &str,
    ) -> Result<Box<dyn Query>, QueryError> {
        let targets = match field {
            None => default_fields(&self.fields),
            Some(name) if QUERY_FIELDS.contains(&name) => user_field(&self.fields, name),
            Some(name) => {
                return Err(QueryError::UnknownField {
                    query: query.to_string(),
                    field: name.to_string(),
                    fields: QUERY_FIELDS.join(", "),
                })
            }
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for target in targets {
            let Ok(mut analyzer) = self.index.tokenizer_for_field(target) else {
                continue;
            };
            let mut stream = analyzer.token_stream(word);
            let Some(token) = stream.next().map(|t| t.text.clone()) else {
                continue;
            };
            let pattern = format!("{}.*", regex::escape(&token));
            if let Ok(q) = RegexQuery::from_pattern(&pattern, target) {
                parts.push((Occur::Should, Box::new(q)));
            }
        }
        if parts.is_empty() {
            return Err(QueryError::Syntax {
                query: query.to_string(),
                detail: format!("the prefix {word:?}* has no letters or digits to match"),
            });
        }
        Ok(Box::new(BooleanQuery::new(parts)))
    }
}

fn with_field(leaf: UserInputLeaf, name: String) -> UserInputLeaf {
    match leaf {
        UserInputLeaf::Literal(mut lit) => {
            lit.field_name = Some(name);
            UserInputLeaf::Literal(lit)
        }
        other => other,
    }
}

/// The fields searched when a query names none.
fn default_fields(fields: &Fields) -> Vec<Field> {
    let mut out = Vec::new();
    for name in QUERY_FIELDS {
        out.extend(user_field(fields, name));
    }
    out
}

/// The index fields behind a user-facing field name.
fn user_field(fields: &Fields, name: &str) -> Vec<Field> {
    match name {
        "author" => vec![fields.author],
        "outlet" => vec![fields.outlet],
        other => fields.variants(other),
    }
}

fn is_empty(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(c) => c.iter().all(|(_, sub)| is_empty(sub)),
        UserInputAst::Boost(inner, _) => is_empty(inner),
        UserInputAst::Leaf(_) => false,
    }
}

/// 1-based character position of a byte offset, for messages.
fn char_pos(query: &str, byte: usize) -> usize {
    let byte = byte.min(query.len());
    query.char_indices().take_while(|(i, _)| *i < byte).count() + 1
}

fn explain(query: &str, err: QueryParserError) -> QueryError {
    match err {
        QueryParserError::FieldDoesNotExist(field) => QueryError::UnknownField {
            query: query.to_string(),
            field,
            fields: QUERY_FIELDS.join(", "),
        },
        other => QueryError::Syntax {
            query: query.to_string(),
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;

    fn builder(fuzzy: u32) -> QueryBuilder {
        let (s, fields) = schema::build();
        let index = Index::create_in_ram(s);
        schema::register_analyzers(&index);
        QueryBuilder::new(&index, &fields, &[], fuzzy)
    }

    #[test]
    fn deeply_nested_queries_are_refused_before_parsing() {
        let b = builder(0);
        for query in [
            format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("{}x", "(".repeat(10_000)),
            format!("{}x", "NOT ".repeat(10_000)),
            format!("{}x", "-".repeat(10_000)),
            format!("a AND {}b", "(NOT ".repeat(40)),
        ] {
            match b.parse(&query) {
                Err(QueryError::TooComplex { detail }) => {
                    assert!(detail.contains("64"), "{detail}")
                }
                Err(other) => panic!("wanted TooComplex, got {other}"),
                Ok(_) => panic!("a query nested {} deep was accepted", query.len()),
            }
        }
        // Up to the limit parses, even on a test thread's 2 MiB stack in a
        // debug build.
        assert!(b
            .parse(&format!("{}x{}", "(".repeat(64), ")".repeat(64)))
            .is_ok());
        assert!(b.parse(&format!("{}x", "NOT ".repeat(63))).is_ok());
        assert!(b.parse(&format!("{}x", "(".repeat(64))).is_ok());
        // Reasonable nesting, and brackets inside quotes, are fine.
        assert!(b
            .parse("((pardon OR clemency) AND NOT (governor OR mayor))")
            .is_ok());
        assert!(b.parse(&format!("\"{}\"", "(".repeat(500))).is_ok());
    }

    #[test]
    fn queries_costing_too_much_are_refused_with_the_limit() {
        let words: Vec<String> = (0..1025).map(|i| format!("w{i}")).collect();
        let err = builder(0)
            .parse(&words.join(" OR "))
            .err()
            .expect("refused");
        assert!(err.to_string().contains("1025 words"), "{err}");
        let fuzzy: Vec<String> = (0..33).map(|i| format!("w{i}~2")).collect();
        let err = builder(0).parse(&fuzzy.join(" ")).err().expect("refused");
        assert!(err.to_string().contains("typos"), "{err}");
        // --fuzzy makes every word typo-tolerant.
        let plain: Vec<String> = (0..33).map(|i| format!("w{i}")).collect();
        assert!(builder(0).parse(&plain.join(" ")).is_ok());
        assert!(builder(1).parse(&plain.join(" ")).is_err());
        let prefixes: Vec<String> = (0..65).map(|i| format!("w{i}*")).collect();
        assert!(builder(0).parse(&prefixes.join(" ")).is_err());
    }

    #[test]
    fn tilde_on_a_word_is_a_fuzzy_match() {
        let q = builder(0).parse("clemancy~1").expect("parses");
        let debug = format!("{:?}", q.query);
        assert!(debug.contains("Fuzzy"), "{debug}");
    }
}
