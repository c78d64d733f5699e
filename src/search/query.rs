//! Query building: lede's query syntax (tantivy's) over the text fields, with
//! field boosts and errors that point at the problem.

use tantivy::query::{Query, QueryParser, QueryParserError};
use tantivy::Index;
use thiserror::Error;

use crate::index::schema::QUERY_FIELDS;
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
    /// Any other syntax problem.
    #[error("invalid query {query:?}: {detail}{hint}")]
    Syntax {
        /// The query.
        query: String,
        /// What tantivy's parser said.
        detail: String,
        /// Where to look, when lede can tell.
        hint: String,
    },
}

/// Parses a user query; every term must match unless joined with `OR`.
pub fn parse(index: &Index, fields: &Fields, query: &str) -> Result<Box<dyn Query>, QueryError> {
    if query.trim().is_empty() {
        return Err(QueryError::Empty);
    }
    let default_fields = vec![
        fields.title,
        fields.dek,
        fields.author,
        fields.outlet,
        fields.body,
    ];
    let mut parser = QueryParser::for_index(index, default_fields);
    parser.set_conjunction_by_default();
    for (name, boost) in BOOSTS {
        if let Ok(field) = index.schema().get_field(name) {
            parser.set_field_boost(field, *boost);
        }
    }
    parser.parse_query(query).map_err(|e| explain(query, e))
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
            hint: hint(query),
        },
    }
}

/// Points at the usual culprits: unbalanced quotes and parentheses.
fn hint(query: &str) -> String {
    if query.matches('"').count() % 2 == 1 {
        let at = query.rfind('"').unwrap_or(0);
        return format!(
            "; the quote at character {} is never closed",
            query[..at].chars().count() + 1
        );
    }
    let mut depth = 0i32;
    for (i, c) in query.chars().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return format!("; the ')' at character {} has no matching '('", i + 1);
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        return "; a '(' is never closed".to_string();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_point_at_unbalanced_syntax() {
        assert!(hint("\"open phrase").contains("character 1"));
        assert!(hint("a) b").contains("')' at character 2"));
        assert!(hint("(a b").contains("never closed"));
        assert_eq!(hint("fine"), "");
    }
}
