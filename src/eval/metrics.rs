//! The extraction metrics, as pure functions: the body score of the Zyte
//! article-extraction benchmark (4-token shingles), passage checks, and the
//! normalized comparison used for titles, authors and outlets.
//!
//! These follow `shared/data/README.md` exactly; where the README leaves a
//! choice open, the choice is written down on the function that makes it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Tokens are runs of word characters (Unicode `\w`), case kept.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// Shingle width of the body metric.
pub const SHINGLE: usize = 4;

/// Splits a text into `\w+` tokens.
pub fn tokenize(text: &str) -> Vec<&str> {
    TOKEN.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of shingles (runs of [`SHINGLE`] consecutive tokens) of a
/// token list. A list shorter than a shingle is one shingle; an empty list
/// has none, so an empty prediction contributes no predicted shingle.
pub fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < SHINGLE {
        out.insert(tokens.to_vec(), 1);
        return out;
    }
    for w in tokens.windows(SHINGLE) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// One page's body score: true positives, false positives and false
/// negatives, each divided by their sum so that every page weighs the same.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BodyScore {
    /// Shingles both in the prediction and the truth (multiset overlap).
    pub tp: f64,
    /// Predicted shingles beyond those in the truth.
    pub fp: f64,
    /// True shingles the prediction missed.
    pub fn_: f64,
}

impl BodyScore {
    /// tp / (tp + fp), or `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0.0).then(|| self.tp / d)
    }

    /// tp / (tp + fn), or `None` when the truth is empty.
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0.0).then(|| self.tp / d)
    }

    /// The page's own F1, for listing the worst pages.
    pub fn f1(&self) -> f64 {
        f1(
            self.precision().unwrap_or(0.0),
            self.recall().unwrap_or(0.0),
        )
    }
}

/// Scores a predicted body against the true one.
pub fn body_score(predicted: &str, truth: &str) -> BodyScore {
    let p_tokens = tokenize(predicted);
    let t_tokens = tokenize(truth);
    let p = shingles(&p_tokens);
    let t = shingles(&t_tokens);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (sh, &n) in &p {
        let m = t.get(sh).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let fn_: usize = t
        .iter()
        .map(|(sh, &m)| m.saturating_sub(p.get(sh).copied().unwrap_or(0)))
        .sum();
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return BodyScore::default();
    }
    BodyScore {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// Precision, recall and F1 over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BodyAggregate {
    /// Mean page precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean page recall over pages with a non-empty truth.
    pub recall: f64,
    /// 2PR / (P + R).
    pub f1: f64,
    /// Pages that entered the precision mean.
    pub precision_pages: usize,
    /// Pages that entered the recall mean.
    pub recall_pages: usize,
}

/// Aggregates page scores: precision is the mean of page precisions where
/// something was predicted, recall the mean of page recalls where the truth
/// has text, F1 their harmonic mean.
pub fn aggregate(scores: &[BodyScore]) -> BodyAggregate {
    let ps: Vec<f64> = scores.iter().filter_map(BodyScore::precision).collect();
    let rs: Vec<f64> = scores.iter().filter_map(BodyScore::recall).collect();
    let precision = mean(&ps);
    let recall = mean(&rs);
    BodyAggregate {
        precision,
        recall,
        f1: f1(precision, recall),
        precision_pages: ps.len(),
        recall_pages: rs.len(),
    }
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Harmonic mean of precision and recall (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Collapses every whitespace run to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a passage is in a body. Both sides are whitespace-collapsed
/// (so line breaks and paragraph breaks do not matter) and the match is a
/// case-sensitive substring test, as in trafilatura's own evaluation.
/// `body` must already be collapsed with [`collapse_ws`].
pub fn passage_found(collapsed_body: &str, passage: &str) -> bool {
    let p = collapse_ws(passage);
    !p.is_empty() && collapsed_body.contains(&p)
}

/// Normalizes a title, name or outlet for comparison: Unicode NFKC, then
/// lowercase (Rust's full Unicode lowercase mapping stands in for case
/// folding), whitespace runs collapsed, and punctuation or symbols trimmed
/// from both ends (inner punctuation is kept: "U.S." stays "u.s").
pub fn normalize(s: &str) -> String {
    let folded: String = s.nfkc().collect::<String>().to_lowercase();
    let collapsed = collapse_ws(&folded);
    collapsed
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Whether two strings are equal after [`normalize`].
pub fn same_text(predicted: &str, truth: &str) -> bool {
    normalize(predicted) == normalize(truth)
}

/// Separators between names in a truth author string: commas, semicolons,
/// ampersands, pipes, line breaks and the words "and"/"und".
static AUTHOR_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*(?:[,;&|\n]|\band\b|\bund\b)\s*").expect("valid regex"));

/// Leading "By"/"Von" on a truth author string.
static BY_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:by|von)\s+").expect("valid regex"));

/// Splits a truth author string into the set of normalized names. A
/// leading "By "/"Von " is dropped, then the string is split on the
/// separators in [`AUTHOR_SPLIT`]; a comma therefore always separates two
/// names ("Lee, Ann" counts as two, which the truth files do not use).
pub fn split_authors(s: &str) -> Vec<String> {
    let s = BY_PREFIX.replace(s, "");
    let mut out: Vec<String> = Vec::new();
    for part in AUTHOR_SPLIT.split(&s) {
        let n = normalize(part);
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Whether the predicted authors are the true set (order ignored, each name
/// normalized with [`normalize`]).
pub fn same_authors(predicted: &[String], truth: &[String]) -> bool {
    let p: HashSet<String> = predicted
        .iter()
        .map(|a| normalize(a))
        .filter(|a| !a.is_empty())
        .collect();
    let t: HashSet<String> = truth
        .iter()
        .map(|a| normalize(a))
        .filter(|a| !a.is_empty())
        .collect();
    p == t
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUTH: &str = "The council met on Monday. It voted to build a new bridge over the river.";

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_are_unicode_words_with_case_kept() {
        assert_eq!(
            tokenize("Straße, São-Paulo! 3x ü"),
            ["Straße", "São", "Paulo", "3x", "ü"]
        );
        assert_eq!(tokenize("  ...  "), Vec::<&str>::new());
    }

    #[test]
    fn identical_texts_score_one() {
        let s = body_score(TRUTH, TRUTH);
        assert_eq!(s.precision(), Some(1.0));
        assert_eq!(s.recall(), Some(1.0));
        let a = aggregate(&[s]);
        assert!(close(a.f1, 1.0));
    }

    #[test]
    fn an_extra_sentence_lowers_precision_by_the_expected_amount() {
        // Truth: 15 tokens -> 12 shingles. The prediction adds 3 tokens at
        // the end -> 15 shingles, of which the 12 true ones match.
        let predicted = format!("{TRUTH} Read more here");
        let s = body_score(&predicted, TRUTH);
        assert!(close(s.precision().unwrap_or(-1.0), 12.0 / 15.0));
        assert_eq!(s.recall(), Some(1.0));
        // Normalized by tp + fp + fn = 15.
        assert!(close(s.tp, 12.0 / 15.0) && close(s.fp, 3.0 / 15.0) && s.fn_ == 0.0);
    }

    #[test]
    fn case_matters_and_repeats_count_as_a_multiset() {
        let s = body_score("a b c d a b c d", "a b c d");
        // Predicted shingles: abcd, bcda, cdab, dabc, abcd -> 1 tp, 4 fp.
        assert!(close(s.precision().unwrap_or(-1.0), 1.0 / 5.0));
        let s = body_score("A b c d", "a b c d");
        assert_eq!(s.precision(), Some(0.0));
    }

    #[test]
    fn texts_under_four_tokens_are_one_shingle() {
        assert_eq!(shingles(&["a", "b"]).len(), 1);
        assert_eq!(body_score("Hello world", "Hello world").recall(), Some(1.0));
        assert_eq!(body_score("Hello", "Hello world").recall(), Some(0.0));
    }

    #[test]
    fn an_empty_prediction_adds_recall_zero_and_no_precision() {
        let empty = body_score("", TRUTH);
        assert_eq!(empty.precision(), None);
        assert_eq!(empty.recall(), Some(0.0));
        let perfect = body_score(TRUTH, TRUTH);
        let a = aggregate(&[perfect, empty]);
        assert!(close(a.precision, 1.0));
        assert!(close(a.recall, 0.5));
        assert!(close(a.f1, 2.0 * 0.5 / 1.5));
        assert_eq!((a.precision_pages, a.recall_pages), (1, 2));
    }

    #[test]
    fn passages_ignore_line_breaks() {
        let body = collapse_ws("First paragraph ends here.\n\nSecond  one\nstarts.");
        assert!(passage_found(&body, "ends here. Second one"));
        assert!(!passage_found(&body, "second one"));
        assert!(!passage_found(&body, "  "));
    }

    #[test]
    fn normalization_for_exact_match() {
        assert_eq!(
            normalize("  “Ｆｕｌｌ　Width”  Title!! "),
            "full width” title"
        );
        assert!(same_text("THE  Daily\nLedger.", "the daily ledger"));
        assert!(same_text("ﬁnal word", "Final Word"));
        assert!(same_text("U.S. News", "u.s. news"));
        assert!(!same_text("US News", "U.S. News"));
    }

    #[test]
    fn authors_compare_as_sets() {
        let truth = split_authors("By Ann Lee, Bo Park and Cy Diaz");
        assert_eq!(truth, ["ann lee", "bo park", "cy diaz"]);
        let predicted = vec![
            "Cy Diaz".to_string(),
            "ANN LEE".to_string(),
            "Bo Park".to_string(),
        ];
        assert!(same_authors(&predicted, &truth));
        assert!(!same_authors(&predicted[..2], &truth));
        assert_eq!(
            split_authors("Kelli  Miller\n   Health News"),
            ["kelli miller", "health news"]
        );
        assert_eq!(
            split_authors("Anna Müller und Jörg Schmidt"),
            ["anna müller", "jörg schmidt"]
        );
    }
}
