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

impl QueryBuilder {
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
    fn tilde_on_a_word_is_a_fuzzy_match() {
        let q = builder(0).parse("clemancy~1").expect("parses");
        let debug = format!("{:?}", q.query);
        assert!(debug.contains("Fuzzy"), "{debug}");
    }
}
