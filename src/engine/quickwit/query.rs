//! lede's query, filters and order as a Quickwit search: the query text is
//! parsed with the same grammar the local search uses, then written back in
//! Quickwit's query language (tantivy's grammar) over the cluster's fields:
//! a plain word becomes its stems in every language the cluster holds, in
//! the combined field (`mapping::TEXT_STEM`: the headline, dek and body with
//! their weights, so that one BM25 over it approaches the local BM25F) and
//! the name fields; a phrase, a prefix (`word*`) or a word given a field is
//! looked for in the headline, dek and body fields (weighted 3, 1.5 and 1
//! as locally), stemmed likewise.
//! Filters become an Elasticsearch-style `bool` filter, which Quickwit's
//! `_elastic` API takes, so that the score is the query's alone.

use std::fmt::Write;

use serde_json::{json, Value};
use tantivy::query_grammar::{self, Delimiter, Occur, UserInputAst, UserInputLeaf};

use super::mapping::{name_words, stemmed, STEM_FIELDS, TEXT_STEM, TIMESTAMP_MIN};
use super::QuickwitError;
use crate::search::{Filters, QueryError};

use crate::search::natural::{bag_of_words, is_relaxable, is_stop_word};
use crate::search::Ranking;

/// Weight of each searchable field, as in the local ranking.
const WEIGHTS: &[(&str, f32)] = &[
    ("title", Ranking::DEFAULT.title),
    ("dek", Ranking::DEFAULT.dek),
    ("body", Ranking::DEFAULT.body),
];
const NAME_WEIGHTS: &[(&str, &str, f32)] = &[
    ("author", "author_text", Ranking::DEFAULT.names),
    ("outlet", "outlet_text", Ranking::DEFAULT.names),
];

/// A query in Quickwit's language, with the languages to stem for.
pub struct Translator<'a> {
    /// Analysis codes of the languages the cluster holds (`en`, `und` ...).
    pub languages: &'a [&'a str],
    /// Whether the index has the combined field ([`TEXT_STEM`]) that plain
    /// words are looked for in (indexes made before it have not).
    pub combined: bool,
}

impl Translator<'_> {
    /// The query with every word required, and, when it is a query of
    /// plain words (as the local search relaxes), the same words as a bag
    /// with any of them enough: function words dropped for the languages
    /// they are function words in, a repeated word weighted by the square
    /// root of its count. `None` for the second when nothing is left.
    pub fn translate_both(
        &self,
        query: &str,
        fuzzy: u32,
    ) -> Result<(String, Option<String>), QuickwitError> {
        let all = self.translate(query, fuzzy)?;
        let relaxable =
            fuzzy == 0 && query_grammar::parse_query(query).is_ok_and(|ast| is_relaxable(&ast));
        Ok((
            all,
            if relaxable {
                self.any_word(query)
            } else {
                None
            },
        ))
    }

    /// Any word of a text, as the local search's relaxed query.
    pub fn any_word(&self, text: &str) -> Option<String> {
        let ranking = Ranking::DEFAULT;
        let mut clauses = Vec::new();
        for (word, count) in bag_of_words(text) {
            let kept: Vec<&str> = self
                .languages
                .iter()
                .copied()
                .filter(|code| !is_stop_word(ranking.stop_words, code, &word))
                .collect();
            if kept.is_empty() {
                continue;
            }
            let narrowed = Translator {
                languages: &kept,
                combined: self.combined,
            };
            let mut out = String::new();
            let leaf = UserInputLeaf::Literal(query_grammar::UserInputLiteral {
                field_name: None,
                phrase: word.clone(),
                delimiter: Delimiter::None,
                slop: 0,
                prefix: false,
            });
            if narrowed.leaf(&leaf, &mut out).is_ok() && out != "(id:__none__)" {
                clauses.push(weighted(&out, ranking.repeats.weight(count)));
            }
        }
        (!clauses.is_empty()).then(|| clauses.join(" OR "))
    }

    /// Translates a user query; `fuzzy` > 0 (typo tolerance) has no
    /// equivalent on the cluster and is refused.
    pub fn translate(&self, query: &str, fuzzy: u32) -> Result<String, QuickwitError> {
        if fuzzy > 0 {
            return Err(unsupported("typo tolerance (--fuzzy)"));
        }
        if query.trim().is_empty() {
            return Err(QuickwitError::Query(QueryError::Empty));
        }
        let ast = query_grammar::parse_query(query).map_err(|_| {
            QuickwitError::Query(QueryError::Syntax {
                query: query.to_string(),
                detail: "it cannot be read as lede's query syntax".into(),
            })
        })?;
        let mut out = String::new();
        self.ast(&ast, &mut out)?;
        if out.trim().is_empty() {
            return Err(QuickwitError::Query(QueryError::Empty));
        }
        Ok(out)
    }

    fn ast(&self, ast: &UserInputAst, out: &mut String) -> Result<(), QuickwitError> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let only_not = !clauses.is_empty()
                    && clauses
                        .iter()
                        .all(|(o, _)| matches!(o, Some(Occur::MustNot)));
                out.push('(');
                if only_not {
                    out.push_str("+* ");
                }
                for (i, (occur, sub)) in clauses.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    // Every word must match unless the user says OR.
                    out.push_str(match occur {
                        Some(Occur::Should) => "",
                        Some(Occur::MustNot) => "-",
                        Some(Occur::Must) | None => "+",
                    });
                    self.ast(sub, out)?;
                }
                out.push(')');
            }
            UserInputAst::Boost(inner, boost) => {
                self.ast(inner, out)?;
                let _ = write!(out, "^{}", boost.into_inner());
            }
            UserInputAst::Leaf(leaf) => self.leaf(leaf, out)?,
        }
        Ok(())
    }

    fn leaf(&self, leaf: &UserInputLeaf, out: &mut String) -> Result<(), QuickwitError> {
        let lit = match leaf {
            UserInputLeaf::Literal(lit) => lit,
            UserInputLeaf::All => {
                out.push('*');
                return Ok(());
            }
            UserInputLeaf::Range { .. } => return Err(unsupported("ranges ([a TO b])")),
            UserInputLeaf::Set { .. } => return Err(unsupported("sets (field: IN [...])")),
            UserInputLeaf::Exists { .. } => return Err(unsupported("field:*")),
            UserInputLeaf::Regex { .. } => return Err(unsupported("regular expressions")),
        };
        let text = lit.phrase.as_str();
        let single = lit.delimiter == Delimiter::None && !text.contains(char::is_whitespace);
        let prefix = lit.prefix || (single && text.ends_with('*'));
        let text = text.trim_end_matches('*');
        if single
            && text
                .rsplit_once('~')
                .is_some_and(|(w, n)| !w.is_empty() && n.parse::<u32>().is_ok())
        {
            return Err(unsupported("typo tolerance (word~N)"));
        }
        let field = lit.field_name.as_deref();
        let mut terms: Vec<String> = Vec::new();
        // A plain word anywhere: one BM25 over the combined field.
        let combined = self.combined && field.is_none() && single && !prefix;
        if combined {
            let mut seen = Vec::new();
            for code in self.languages {
                let tokens = stemmed(code, text);
                if tokens.is_empty() || seen.contains(&tokens) {
                    continue;
                }
                terms.push(clause(TEXT_STEM, &tokens, single, prefix, lit.slop));
                seen.push(tokens);
            }
        }
        for &(name, weight) in WEIGHTS {
            if combined || field.is_some_and(|f| f != name) {
                continue;
            }
            let stem = STEM_FIELDS
                .iter()
                .find(|(f, _)| *f == name)
                .map_or(name, |(_, s)| *s);
            let mut seen = Vec::new();
            for code in self.languages {
                let tokens = stemmed(code, text);
                if tokens.is_empty() || seen.contains(&tokens) {
                    continue;
                }
                terms.push(weighted(
                    &clause(stem, &tokens, single, prefix, lit.slop),
                    weight,
                ));
                seen.push(tokens);
            }
        }
        for &(name, target, weight) in NAME_WEIGHTS {
            if field.is_some_and(|f| f != name) {
                continue;
            }
            let words = name_words(text);
            if !words.is_empty() {
                terms.push(weighted(
                    &clause(target, &words, single, prefix, lit.slop),
                    weight,
                ));
            }
        }
        match field {
            Some(f) if !["title", "dek", "body", "author", "outlet"].contains(&f) => {
                return Err(QuickwitError::Query(QueryError::UnknownField {
                    query: text.to_string(),
                    field: f.to_string(),
                    fields: crate::index::schema::QUERY_FIELDS.join(", "),
                }))
            }
            _ => {}
        }
        if terms.is_empty() {
            // Nothing searchable (punctuation only): matches nothing.
            out.push_str("(id:__none__)");
            return Ok(());
        }
        out.push('(');
        out.push_str(&terms.join(" OR "));
        out.push(')');
        Ok(())
    }
}

/// One field's clause for analyzed tokens: a term, a prefix or a phrase.
fn clause(field: &str, tokens: &[String], single: bool, prefix: bool, slop: u32) -> String {
    if single && tokens.len() == 1 {
        let star = if prefix { "*" } else { "" };
        format!("{field}:{}{star}", quote_term(&tokens[0]))
    } else {
        let slop = if slop > 0 {
            format!("~{slop}")
        } else {
            String::new()
        };
        format!("{field}:\"{}\"{slop}", tokens.join(" ").replace('"', ""))
    }
}

fn weighted(clause: &str, weight: f32) -> String {
    if weight == 1.0 {
        clause.to_string()
    } else {
        format!("{clause}^{weight}")
    }
}

/// A term as the grammar reads it: analyzed tokens are letters and digits,
/// anything else is escaped.
fn quote_term(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        if !c.is_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn unsupported(what: &str) -> QuickwitError {
    QuickwitError::Unsupported(format!(
        "{what} is not available on a Quickwit cluster; search the local index for it"
    ))
}

/// The filters as Elasticsearch `bool` filter clauses.
pub fn filter_clauses(filters: &Filters) -> Vec<Value> {
    let mut out = Vec::new();
    let terms = |field: &str, values: Vec<String>| json!({"terms": {field: values}});
    if !filters.authors.is_empty() {
        out.push(terms(
            "author_key",
            filters
                .authors
                .iter()
                .map(|a| crate::index::schema::key(a))
                .collect(),
        ));
    }
    if !filters.outlets.is_empty() {
        out.push(terms(
            "outlet_key",
            filters
                .outlets
                .iter()
                .map(|a| crate::index::schema::key(a))
                .collect(),
        ));
    }
    if !filters.langs.is_empty() {
        out.push(terms("lang", filters.langs.clone()));
    }
    if filters.since.is_some() || filters.until.is_some() {
        // The exact instant (undated articles have none, so they never pass
        // a date filter, as locally)...
        let mut exact = serde_json::Map::new();
        // ... and the same bounds on the timestamp field, where they are
        // safe with its clamped values, so that Quickwit prunes whole splits.
        let mut prune = serde_json::Map::new();
        if let Some(since) = filters.since {
            exact.insert("gte".into(), json!(since.as_second()));
            if since.as_second() > TIMESTAMP_MIN {
                prune.insert("gte".into(), json!(since.to_string()));
            }
        }
        if let Some(until) = filters.until {
            exact.insert("lt".into(), json!(until.as_second()));
            if until.as_second() > TIMESTAMP_MIN {
                prune.insert("lt".into(), json!(until.to_string()));
            }
        }
        out.push(json!({"range": {"published_at": exact}}));
        if !prune.is_empty() {
            out.push(json!({"range": {"published": prune}}));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(q: &str) -> String {
        Translator {
            languages: &["en", "de"],
            combined: false,
        }
        .translate(q, 0)
        .unwrap()
    }

    #[test]
    fn a_plain_word_is_looked_for_in_the_combined_field_when_the_index_has_it() {
        let tr = Translator {
            languages: &["en", "de"],
            combined: true,
        };
        let q = tr
            .translate("pardons \"prime minister\" clem* title:governor", 0)
            .unwrap();
        for part in [
            "text_stem:enpardon",
            "text_stem:depardon",
            "author_text:pardons^0.5",
            "body_stem:\"enprime enminist\"",
            "body_stem:enclem*",
            "title_stem:engovernor^3",
        ] {
            assert!(q.contains(part), "{part} missing in {q}");
        }
        assert!(!q.contains("body_stem:enpardon"), "{q}");
        assert!(!q.contains("text_stem:engovernor"), "{q}");
    }

    #[test]
    fn a_word_is_looked_for_by_its_stem_in_every_language_and_field() {
        let q = t("pardons");
        for part in [
            "title_stem:enpardon^3",
            "title_stem:depardon^3",
            "dek_stem:enpardon^1.5",
            "body_stem:enpardon",
            "author_text:pardons^0.5",
            "outlet_text:pardons^0.5",
        ] {
            assert!(q.contains(part), "{part} missing in {q}");
        }
        let two = t("pardons governor");
        assert!(
            two.starts_with("(+(") && two.contains(" +("),
            "every word must match: {two}"
        );
    }

    #[test]
    fn boolean_structure_phrases_fields_and_prefixes_carry_over() {
        let q = t("\"prime minister\" OR title:pardon -Trump");
        assert!(q.contains("body_stem:\"enprime enminist\""), "{q}");
        assert!(
            q.contains("title_stem:enpardon^3") && !q.contains("body_stem:enpardon"),
            "{q}"
        );
        assert!(q.contains("-("), "{q}");
        assert!(t("clem*").contains("body_stem:enclem*"), "{}", t("clem*"));
    }

    #[test]
    fn what_the_cluster_cannot_do_is_refused_by_name() {
        let tr = Translator {
            languages: &["en"],
            combined: true,
        };
        for q in ["kardashain~1", "title:[a TO c]", "body:/ab+/", "dek:*"] {
            match tr.translate(q, 0) {
                Err(QuickwitError::Unsupported(m)) => assert!(m.contains("Quickwit"), "{m}"),
                other => panic!("{q}: {:?}", other.map(|_| ())),
            }
        }
        assert!(matches!(
            tr.translate("pardon", 1),
            Err(QuickwitError::Unsupported(_))
        ));
    }

    #[test]
    fn filters_become_exact_term_and_range_clauses() {
        let filters = Filters {
            authors: vec!["Ann  LEE".into()],
            outlets: vec![],
            langs: vec!["en".into()],
            since: "2020-01-01T00:00:00Z".parse().ok(),
            until: None,
        };
        let clauses = filter_clauses(&filters);
        assert_eq!(clauses[0], json!({"terms": {"author_key": ["ann lee"]}}));
        assert_eq!(clauses[1], json!({"terms": {"lang": ["en"]}}));
        assert_eq!(
            clauses[2],
            json!({"range": {"published_at": {"gte": 1_577_836_800}}})
        );
        assert_eq!(
            clauses[3],
            json!({"range": {"published": {"gte": "2020-01-01T00:00:00Z"}}})
        );
    }
}
