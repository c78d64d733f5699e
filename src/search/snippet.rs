//! Snippets: the passages of an article's body that best match the query,
//! each with the matched terms' byte ranges and its offset in the body,
//! plus the matched ranges of the title. Built on tantivy's snippet
//! generator (one per language, since each language's fields hold their own
//! stemmed terms) but rendered by lede's own printers.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

use crate::index::Fields;

/// How many characters one fragment aims for.
const FRAGMENT_CHARS: usize = 180;

/// Longest title highlighted as a whole.
const TITLE_CHARS: usize = 1000;

/// A passage of the body with the query's terms marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The passage, starting and ending on word boundaries.
    pub text: String,
    /// Highlighted byte ranges into `text`, half-open `[start, end)`, sorted.
    pub highlights: Vec<[usize; 2]>,
    /// Byte offset of `text` in the article's body.
    pub offset: usize,
}

/// Builds snippets for one query, a generator per language met.
pub(super) struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    per_language: HashMap<&'static str, (SnippetGenerator, SnippetGenerator)>,
}

impl<'a> Snippets<'a> {
    pub(super) fn new(
        searcher: &'a Searcher,
        query: &'a dyn Query,
        fields: &'a Fields,
    ) -> Snippets<'a> {
        Snippets {
            searcher,
            query,
            fields,
            per_language: HashMap::new(),
        }
    }

    fn generators(&mut self, lang: Option<&str>) -> Option<&(SnippetGenerator, SnippetGenerator)> {
        let lf = *self.fields.language(lang);
        if !self.per_language.contains_key(lf.code) {
            let mut body = SnippetGenerator::create(self.searcher, self.query, lf.body).ok()?;
            body.set_max_num_chars(FRAGMENT_CHARS);
            let mut title = SnippetGenerator::create(self.searcher, self.query, lf.title).ok()?;
            title.set_max_num_chars(TITLE_CHARS);
            self.per_language.insert(lf.code, (body, title));
        }
        self.per_language.get(lf.code)
    }

    /// Up to `n` fragments of `body`, in body order; the body's opening when
    /// no term occurs in it (and `n` > 0).
    pub(super) fn fragments(&mut self, lang: Option<&str>, body: &str, n: usize) -> Vec<Fragment> {
        if n == 0 {
            return Vec::new();
        }
        let mut out = match self.generators(lang) {
            Some((generator, _)) => best_fragments(generator, body, n),
            None => Vec::new(),
        };
        if out.is_empty() && !body.is_empty() {
            out.push(Fragment {
                text: opening(body, FRAGMENT_CHARS),
                highlights: Vec::new(),
                offset: 0,
            });
        }
        out
    }

    /// Highlighted byte ranges of the title, empty when no term occurs in it.
    pub(super) fn title_highlights(&mut self, lang: Option<&str>, title: &str) -> Vec<[usize; 2]> {
        let Some((_, generator)) = self.generators(lang) else {
            return Vec::new();
        };
        let s = generator.snippet(title);
        let start = s.fragment_range().start;
        merge_adjacent(
            title,
            s.highlighted()
                .iter()
                .map(|r| [r.start + start, r.end + start])
                .collect(),
        )
    }
}

/// Picks the `n` best fragments: the best one, then the best of the text with
/// the chosen ones blanked out (with spaces, so byte offsets stay valid).
fn best_fragments(generator: &SnippetGenerator, body: &str, n: usize) -> Vec<Fragment> {
    let mut masked: Option<String> = None;
    let mut out: Vec<Fragment> = Vec::new();
    for _ in 0..n {
        let s = generator.snippet(masked.as_deref().unwrap_or(body));
        if s.highlighted().is_empty() {
            break;
        }
        let range = s.fragment_range();
        let Some(text) = body.get(range.clone()) else {
            break;
        };
        let highlights: Vec<[usize; 2]> =
            s.highlighted().iter().map(|r| [r.start, r.end]).collect();
        out.push(Fragment {
            text: text.to_string(),
            highlights: merge_adjacent(text, highlights),
            offset: range.start,
        });
        let m = masked.get_or_insert_with(|| body.to_string());
        m.replace_range(range.clone(), &" ".repeat(range.len()));
    }
    out.sort_by_key(|f| f.offset);
    out
}

/// Joins highlights separated only by spaces, so a phrase is marked as a whole.
fn merge_adjacent(text: &str, mut ranges: Vec<[usize; 2]>) -> Vec<[usize; 2]> {
    ranges.sort_unstable();
    let mut out: Vec<[usize; 2]> = Vec::with_capacity(ranges.len());
    for r in ranges {
        if r[0] > r[1] || r[1] > text.len() {
            continue;
        }
        match out.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            Some(last)
                if text
                    .get(last[1]..r[0])
                    .is_some_and(|gap| gap.chars().all(|c| c == ' ')) =>
            {
                last[1] = r[1]
            }
            _ => out.push(r),
        }
    }
    out
}

/// The first `max` characters of `body`, cut at a word boundary.
fn opening(body: &str, max: usize) -> String {
    let end = body.char_indices().nth(max).map_or(body.len(), |(i, _)| i);
    if end == body.len() {
        return body.to_string();
    }
    match body[..end].rfind(char::is_whitespace) {
        Some(at) if at > 0 => body[..at].trim_end().to_string(),
        _ => body[..end].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("one two three", 100), "one two three");
        assert_eq!(opening("alpha beta gamma", 12), "alpha beta");
    }

    #[test]
    fn adjacent_terms_merge_into_one_highlight() {
        let text = "the White House said";
        assert_eq!(merge_adjacent(text, vec![[10, 15], [4, 9]]), vec![[4, 15]]);
        assert_eq!(
            merge_adjacent("a, b", vec![[0, 1], [3, 4]]),
            vec![[0, 1], [3, 4]]
        );
    }
}
