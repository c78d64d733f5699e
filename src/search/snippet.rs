//! Snippets: the passage of an article's body that best matches the query,
//! with the matched terms' byte ranges, built from tantivy's snippet
//! generator but rendered by lede's own printers.

use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

/// How many characters a snippet aims for.
const SNIPPET_CHARS: usize = 220;

/// A passage of text with the query's terms marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Highlighted byte ranges into `text`, half-open `[start, end)`, sorted.
    pub highlights: Vec<[usize; 2]>,
}

/// Builds snippets for one query.
pub(super) struct Snippets {
    generator: SnippetGenerator,
}

impl Snippets {
    pub(super) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        body: Field,
    ) -> tantivy::Result<Snippets> {
        let mut generator = SnippetGenerator::create(searcher, query, body)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Ok(Snippets { generator })
    }

    /// The best passage of `body`; the body's opening when no term occurs in it.
    pub(super) fn snippet(&self, body: &str) -> Snippet {
        let s = self.generator.snippet(body);
        if s.is_empty() || s.highlighted().is_empty() {
            return Snippet {
                text: opening(body, SNIPPET_CHARS),
                highlights: Vec::new(),
            };
        }
        let fragment = s.fragment();
        // Paragraph breaks inside a fragment read better as spaces.
        let text = fragment.replace('\n', " ");
        Snippet {
            text,
            highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
        }
    }
}

/// The first `max` characters of `body`, cut at a word boundary.
fn opening(body: &str, max: usize) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(at) => format!("{}…", &cut[..at]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("one two three", 100), "one two three");
        assert_eq!(opening("alpha beta gamma", 12), "alpha beta…");
    }
}
