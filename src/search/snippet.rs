//! Snippets: the passages of an article's body that best match the query,
//! each with the matched terms' byte ranges and its offset in the body, and
//! the matched ranges of the title.
//!
//! The query's terms for the article's language fields are collected once
//! per language, each weighted by rarity (1 / (1 + document frequency), as
//! tantivy's snippet generator does). A text is then scanned word by word;
//! only words whose first letters could start one of those terms go through
//! the language's analyzer (stemming is the expensive part), so a body is
//! read once however many fragments are asked for. The best fragment is the
//! window of at most [`FRAGMENT_BYTES`] holding the most weight of distinct
//! terms; it is widened to start at a sentence (or at least a word) and to
//! end on a word boundary, never mid-word.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::query::Query;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Searcher;

use crate::index::Fields;

/// Longest fragment, in bytes of UTF-8.
const FRAGMENT_BYTES: usize = 200;

/// Leading characters compared before a word is analyzed.
const PREFIX_CHARS: usize = 2;

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

/// The query's terms in one language, ready to find in text.
struct Terms {
    weights: HashMap<String, f32>,
    prefixes: HashSet<String>,
    analyzer: TextAnalyzer,
}

/// A term found in a text: byte range and the term's weight key.
#[derive(Debug, Clone)]
struct Match {
    start: usize,
    end: usize,
    term: String,
    weight: f32,
}

impl Terms {
    /// The terms of `query` on `fields` (a language's title, dek and body).
    fn collect(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &[tantivy::schema::Field],
        analyzer: TextAnalyzer,
    ) -> Terms {
        let mut weights = HashMap::new();
        query.query_terms(&mut |term, _| {
            if !fields.contains(&term.field()) {
                return;
            }
            let value = term.value();
            let Some(text) = value.as_str() else {
                return;
            };
            let df = searcher.doc_freq(term).unwrap_or(0);
            if df > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + df as f32));
            }
        });
        let prefixes = weights
            .keys()
            .map(|t| t.chars().take(PREFIX_CHARS).collect())
            .collect();
        Terms {
            weights,
            prefixes,
            analyzer,
        }
    }

    /// Every occurrence of a term in `text`, in order.
    fn find(&mut self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        if self.weights.is_empty() {
            return out;
        }
        let mut start: Option<usize> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let word = &text[s..i];
            if !self.may_match(word) {
                continue;
            }
            let mut stream = self.analyzer.token_stream(word);
            if let Some(token) = stream.next() {
                if let Some(&weight) = self.weights.get(&token.text) {
                    out.push(Match {
                        start: s,
                        end: i,
                        term: token.text.clone(),
                        weight,
                    });
                }
            }
        }
        out
    }

    /// Cheap test before stemming: could this word's analysis start like a term?
    fn may_match(&self, word: &str) -> bool {
        let head: String = word
            .chars()
            .take(PREFIX_CHARS)
            .flat_map(char::to_lowercase)
            .collect();
        // Accented or non-Latin starts fold unpredictably: analyze them.
        !head.is_ascii() || self.prefixes.contains(&head)
    }
}

/// Builds snippets for one query, the terms of each language met.
pub(super) struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    fields: &'a Fields,
    per_language: HashMap<&'static str, Option<Terms>>,
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

    fn terms(&mut self, lang: Option<&str>) -> Option<&mut Terms> {
        let lf = *self.fields.language(lang);
        let (searcher, query) = (self.searcher, self.query);
        self.per_language
            .entry(lf.code)
            .or_insert_with(|| {
                let analyzer = searcher.index().tokenizer_for_field(lf.body).ok()?;
                Some(Terms::collect(
                    searcher,
                    query,
                    &[lf.title, lf.dek, lf.body],
                    analyzer,
                ))
            })
            .as_mut()
    }

    /// Up to `n` fragments of `body`, in body order; the body's opening when
    /// no term occurs in it (and `n` > 0).
    pub(super) fn fragments(&mut self, lang: Option<&str>, body: &str, n: usize) -> Vec<Fragment> {
        fragments(self.terms(lang), body, n)
    }

    /// Highlighted byte ranges of the title, empty when no term occurs in it.
    pub(super) fn title_highlights(&mut self, lang: Option<&str>, title: &str) -> Vec<[usize; 2]> {
        title_highlights(self.terms(lang), title)
    }
}

/// Snippets for terms known by their text and weight, per analysis
/// language (a back end other than the local index finds them; the
/// fragments are chosen exactly as for a local search with those weights).
pub struct TermSnippets {
    per_language: HashMap<String, Terms>,
}

impl TermSnippets {
    /// `weights`: per analysis language (`en`, `und` ...), each analyzed
    /// term with its weight (1 / (1 + its document frequency)).
    pub fn new(weights: HashMap<String, HashMap<String, f32>>) -> TermSnippets {
        let per_language = weights
            .into_iter()
            .map(|(code, weights)| {
                let prefixes = weights
                    .keys()
                    .map(|t| t.chars().take(PREFIX_CHARS).collect())
                    .collect();
                let analyzer = crate::index::schema::analyzer(&code);
                (
                    code,
                    Terms {
                        weights,
                        prefixes,
                        analyzer,
                    },
                )
            })
            .collect();
        TermSnippets { per_language }
    }

    /// Up to `n` fragments of `body` (in language `code`), as
    /// [`Snippets::fragments`].
    pub fn fragments(&mut self, code: &str, body: &str, n: usize) -> Vec<Fragment> {
        fragments(self.per_language.get_mut(code), body, n)
    }

    /// Highlighted byte ranges of a title (in language `code`).
    pub fn title_highlights(&mut self, code: &str, title: &str) -> Vec<[usize; 2]> {
        title_highlights(self.per_language.get_mut(code), title)
    }
}

fn fragments(terms: Option<&mut Terms>, body: &str, n: usize) -> Vec<Fragment> {
    if n == 0 {
        return Vec::new();
    }
    let matches = terms.map(|t| t.find(body)).unwrap_or_default();
    let mut out = best_fragments(body, matches, n);
    if out.is_empty() && !body.is_empty() {
        let end = word_end_before(body, FRAGMENT_BYTES.min(body.len()), 0);
        out.push(Fragment {
            text: body[..end].to_string(),
            highlights: Vec::new(),
            offset: 0,
        });
    }
    out
}

fn title_highlights(terms: Option<&mut Terms>, title: &str) -> Vec<[usize; 2]> {
    let matches = terms.map(|t| t.find(title)).unwrap_or_default();
    merge_adjacent(title, matches.iter().map(|m| [m.start, m.end]).collect())
}

/// Picks up to `n` non-overlapping fragments, best first, returned in body order.
fn best_fragments(body: &str, mut matches: Vec<Match>, n: usize) -> Vec<Fragment> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    while out.len() < n && !matches.is_empty() {
        // The window starting at each match, scored by its distinct terms.
        let mut best: Option<(f32, usize, usize)> = None;
        for i in 0..matches.len() {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut score = 0.0;
            let mut last = i;
            for (j, m) in matches.iter().enumerate().skip(i) {
                if m.end - matches[i].start > FRAGMENT_BYTES {
                    break;
                }
                if seen.insert(&m.term) {
                    score += m.weight;
                }
                last = j;
            }
            if best.map_or(true, |(s, _, _)| score > s) {
                best = Some((score, i, last));
            }
        }
        let Some((_, first, last)) = best else { break };
        let (lo, hi) = free_space(&taken, matches[first].start, body.len());
        let (start, end) = widen(body, matches[first].start, matches[last].end, lo, hi);
        let highlights: Vec<[usize; 2]> = matches
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .map(|m| [m.start - start, m.end - start])
            .collect();
        let text = &body[start..end];
        out.push(Fragment {
            text: text.to_string(),
            highlights: merge_adjacent(text, highlights),
            offset: start,
        });
        taken.push((start, end));
        matches.retain(|m| m.end <= start || m.start >= end);
    }
    out.sort_by_key(|f| f.offset);
    out
}

/// The gap between already taken fragments that holds `at`.
fn free_space(taken: &[(usize, usize)], at: usize, len: usize) -> (usize, usize) {
    let lo = taken
        .iter()
        .filter(|(_, e)| *e <= at)
        .map(|(_, e)| *e)
        .max()
        .unwrap_or(0);
    let hi = taken
        .iter()
        .filter(|(s, _)| *s >= at)
        .map(|(s, _)| *s)
        .min()
        .unwrap_or(len);
    (lo, hi)
}

/// Widens the span of matches `[first, last)` to a fragment of at most
/// [`FRAGMENT_BYTES`] within `[lo, hi)`: from the sentence (or word) before
/// it, to a word end after it.
fn widen(body: &str, first: usize, last: usize, lo: usize, hi: usize) -> (usize, usize) {
    let room = FRAGMENT_BYTES.saturating_sub(last - first);
    // Up to a third of the room before the first match: enough to start the sentence.
    let earliest = floor_boundary(body, first.saturating_sub(room / 3).max(lo));
    let start = sentence_start(body, earliest, first)
        .unwrap_or_else(|| word_start_after(body, earliest, first));
    let limit = ceil_boundary(body, (start + FRAGMENT_BYTES).min(hi).max(last));
    let end = word_end_before(body, limit, last);
    (start, end.max(last))
}

/// The last sentence start in `[from, to]`: after a line break, or after
/// `.`, `!` or `?` and a space when a capital letter, digit or quote follows
/// (so "Gov. Dana" and "3.5" do not count... unless a capital follows).
fn sentence_start(s: &str, from: usize, to: usize) -> Option<usize> {
    let window = &s[from..to];
    let mut best = None;
    for (i, c) in window.char_indices() {
        let after = i + c.len_utf8();
        let rest = &window[after..];
        let trimmed = rest.trim_start();
        let next = trimmed.chars().next();
        let starts_sentence = match c {
            '\n' => true,
            '.' | '!' | '?' => {
                rest.starts_with(char::is_whitespace)
                    && next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"'“‘«".contains(n))
                    // An initial or a short abbreviation ("Gov.", "U.S.") is not an end.
                    && window[..i].rsplit(|ch: char| !ch.is_alphanumeric()).next().map_or(true, |w| w.chars().count() > 3 || w.chars().all(|ch| ch.is_ascii_digit()))
            }
            _ => false,
        };
        if starts_sentence {
            best = Some(from + after + (rest.len() - trimmed.len()));
        }
    }
    best
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// The first word start at or after `from` (not after `limit`): a letter,
/// digit or opening quote not preceded by a letter or digit.
fn word_start_after(s: &str, from: usize, limit: usize) -> usize {
    let mut prev_alnum = s[..from].ends_with(char::is_alphanumeric);
    for (i, c) in s[from..limit].char_indices() {
        if !prev_alnum && (c.is_alphanumeric() || "\"'“‘«(".contains(c)) {
            return from + i;
        }
        prev_alnum = c.is_alphanumeric();
    }
    limit
}

/// The last word end at or before `limit` (not before `floor`).
fn word_end_before(s: &str, limit: usize, floor: usize) -> usize {
    if limit >= s.len()
        || !s[limit..].starts_with(char::is_alphanumeric)
        || !s[..limit].ends_with(char::is_alphanumeric)
    {
        return s[..limit].trim_end().len().max(floor);
    }
    match s[floor..limit].rfind(|c: char| !c.is_alphanumeric()) {
        Some(p) => s[..floor + p].trim_end().len().max(floor),
        None => limit,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn m(body: &str, word: &str, weight: f32) -> Vec<Match> {
        body.match_indices(word)
            .map(|(i, w)| Match {
                start: i,
                end: i + w.len(),
                term: word.to_lowercase(),
                weight,
            })
            .collect()
    }

    #[test]
    fn fragments_start_at_a_sentence_and_end_on_a_word() {
        let body = "First sentence about nothing much at all here. The board voted for clemency on Friday after a long hearing that went on and on and on into the night, and then some more words follow here to pass the limit of the fragment size for sure.";
        let f = best_fragments(body, m(body, "clemency", 1.0), 1);
        assert_eq!(f.len(), 1);
        assert!(f[0].text.starts_with("The board voted"), "{:?}", f[0].text);
        assert!(f[0].text.len() <= FRAGMENT_BYTES);
        let end = f[0].offset + f[0].text.len();
        assert!(
            !body[end..].starts_with(char::is_alphanumeric)
                || !body[..end].ends_with(char::is_alphanumeric),
            "cut mid-word: {:?}",
            f[0].text
        );
        let [s, e] = f[0].highlights[0];
        assert_eq!(&f[0].text[s..e], "clemency");
        assert_eq!(&body[f[0].offset..end], f[0].text);
    }

    #[test]
    fn several_fragments_do_not_overlap_and_come_in_body_order() {
        let filler = "word ".repeat(80);
        let body = format!("pardon one. {filler} pardon two. {filler} pardon three.");
        let f = best_fragments(&body, m(&body, "pardon", 1.0), 3);
        assert_eq!(f.len(), 3);
        assert!(f
            .windows(2)
            .all(|w| w[0].offset + w[0].text.len() <= w[1].offset));
        assert!(f.iter().all(|x| x.highlights.len() == 1));
    }

    #[test]
    fn the_window_with_more_distinct_terms_wins() {
        let filler = "word ".repeat(60);
        let body = format!("pardon pardon pardon. {filler} pardon and clemency together.");
        let mut matches = m(&body, "pardon", 0.5);
        matches.extend(m(&body, "clemency", 0.5));
        matches.sort_by_key(|x| x.start);
        let f = best_fragments(&body, matches, 1);
        assert!(f[0].text.contains("clemency"), "{:?}", f[0].text);
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

    #[test]
    fn multibyte_text_never_splits_a_character() {
        let body = "Ärger über Gnadengesuche: «Kein Pardon», sagte die Ministerin. ".repeat(10);
        let f = best_fragments(&body, m(&body, "Pardon", 1.0), 2);
        assert!(!f.is_empty());
        for x in f {
            assert_eq!(&body[x.offset..x.offset + x.text.len()], x.text);
        }
    }
}
