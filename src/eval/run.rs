//! Runs lede's extraction over one evaluation set and scores every page,
//! for the whole set or for the pages of some sites only (the folds).
//!
//! Reading and decoding a file is not timed; only [`crate::extract::extract`]
//! is, single-threaded, so pages per second measures extraction alone. A
//! file that cannot be read, or from which extraction returns an error,
//! counts as an empty prediction (no body, no fields) and is counted.
//!
//! The passages of the `with` and `without` lists are looked for in the
//! standfirst and the body together: the truths do not separate the two,
//! and lede's data model puts the standfirst in `dek` and the text after it
//! in `body`.

use std::fmt;
use std::time::Instant;

use serde::Serialize;

use super::metrics::{self, aggregate, body_score, BodyAggregate, BodyScore};
use super::truth::{load_set, DateTruth, Page, TruthError};
use crate::article::Article;
use crate::extract::lang;
use crate::{extract, ingest};

/// A page's body counts as a failure (for `--failures body`) below this F1.
pub const BODY_FAILURE_F1: f64 = 0.8;

/// The fields that are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The body text, by shingle F1 (zyte).
    Body,
    /// Passages the body must contain.
    With,
    /// Passages the body must not contain.
    Without,
    /// The headline.
    Title,
    /// The set of authors.
    Author,
    /// The publication's name.
    Outlet,
    /// The publication day.
    Date,
    /// The standfirst.
    Dek,
    /// The language code.
    Lang,
}

impl Field {
    /// Every field, in report order.
    pub const ALL: [Field; 9] = [
        Field::Body,
        Field::With,
        Field::Without,
        Field::Title,
        Field::Author,
        Field::Outlet,
        Field::Date,
        Field::Dek,
        Field::Lang,
    ];

    /// The field's name on the command line and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Body => "body",
            Field::With => "with",
            Field::Without => "without",
            Field::Title => "title",
            Field::Author => "author",
            Field::Outlet => "outlet",
            Field::Date => "date",
            Field::Dek => "dek",
            Field::Lang => "lang",
        }
    }

    /// Parses a name written by [`Field::as_str`].
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Hits out of scored cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rate {
    /// Cases that were right.
    pub hits: usize,
    /// Cases scored.
    pub total: usize,
}

impl Rate {
    /// The share of hits, or `None` when nothing was scored.
    pub fn value(&self) -> Option<f64> {
        (self.total > 0).then(|| self.hits as f64 / self.total as f64)
    }

    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }
}

/// One wrong field on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The page's name in its set.
    pub page: String,
    /// The field.
    pub field: Field,
    /// What the truth says.
    pub expected: String,
    /// What extraction gave.
    pub got: String,
}

/// The scores of one set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SetReport {
    /// The set's name.
    pub set: String,
    /// Pages in the set.
    pub pages: usize,
    /// Pages whose file could not be read or decoded.
    pub read_errors: usize,
    /// Pages from which extraction returned an error (or panicked).
    pub extract_errors: usize,
    /// Pages on which extraction panicked (included in `extract_errors`).
    pub panics: usize,
    /// Body precision, recall and F1, where the set has body truth.
    pub body: Option<BodyAggregateReport>,
    /// The body against the standfirst followed by the true body, where
    /// the set has both (fundus).
    pub dek_body: Option<BodyAggregateReport>,
    /// Share of `with` passages found.
    pub with: Rate,
    /// Share of `without` passages absent.
    pub without: Rate,
    /// Title accuracy.
    pub title: Rate,
    /// Author-set accuracy.
    pub author: Rate,
    /// Outlet accuracy.
    pub outlet: Rate,
    /// Publication-day accuracy.
    pub date: Rate,
    /// Standfirst accuracy, over pages whose truth has one.
    pub dek: Rate,
    /// Language-code accuracy.
    pub lang: Rate,
    /// Seconds spent in extraction, all pages, one thread.
    pub extract_seconds: f64,
    /// Every wrong field, for `--failures`.
    #[serde(skip)]
    pub failures: Vec<Failure>,
}

/// [`BodyAggregate`] in serializable form.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct BodyAggregateReport {
    /// Mean page precision.
    pub precision: f64,
    /// Mean page recall.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Pages in the precision mean (non-empty prediction).
    pub precision_pages: usize,
    /// Pages in the recall mean (non-empty truth).
    pub recall_pages: usize,
}

impl From<BodyAggregate> for BodyAggregateReport {
    fn from(a: BodyAggregate) -> Self {
        BodyAggregateReport {
            precision: a.precision,
            recall: a.recall,
            f1: a.f1,
            precision_pages: a.precision_pages,
            recall_pages: a.recall_pages,
        }
    }
}

impl SetReport {
    /// Pages per second of extraction alone.
    pub fn pages_per_second(&self) -> Option<f64> {
        (self.extract_seconds > 0.0).then(|| self.pages as f64 / self.extract_seconds)
    }

    /// The accuracy rate of a field other than the body.
    pub fn rate(&self, field: Field) -> Option<Rate> {
        match field {
            Field::Body => None,
            Field::With => Some(self.with),
            Field::Without => Some(self.without),
            Field::Title => Some(self.title),
            Field::Author => Some(self.author),
            Field::Outlet => Some(self.outlet),
            Field::Date => Some(self.date),
            Field::Dek => Some(self.dek),
            Field::Lang => Some(self.lang),
        }
    }
}

/// Extracts the set's first readable page once, untimed, so that the
/// pages-per-second figure measures extraction and not what a process pays
/// once: compiling lede's patterns on first use (measured with callgrind on
/// `lede extract` of one file: 70 million instructions for an HTML page, 200
/// million for a plain-text one, several times the page's own extraction).
fn warm_up(pages: &[Page]) {
    if let Some(source) = pages.iter().find_map(|page| ingest::read(&page.path).ok()) {
        let _ = std::panic::catch_unwind(|| extract::extract(&source));
    }
}

/// What extraction gave for one page.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The first article extracted from the page.
    Article(Box<Article>),
    /// The file could not be read or decoded.
    ReadError,
    /// Extraction returned an error or no article.
    ExtractError,
    /// Extraction panicked.
    Panic,
}

/// A set's pages, what extraction gave for each, and how long it took.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The set's name.
    pub set: String,
    /// The pages, with their truth.
    pub pages: Vec<Page>,
    /// What extraction gave, one per page.
    pub outcomes: Vec<Outcome>,
    /// Seconds of extraction, one per page (0 for unread pages).
    pub seconds: Vec<f64>,
}

/// Loads a set's truth and extracts every page, one thread, timing
/// extraction alone.
pub fn extract_set(root: &std::path::Path, set: &str) -> Result<Extraction, TruthError> {
    let pages = load_set(root, set)?;
    let mut outcomes = Vec::with_capacity(pages.len());
    let mut seconds = Vec::with_capacity(pages.len());
    warm_up(&pages);
    for page in &pages {
        let Ok(source) = ingest::read(&page.path) else {
            outcomes.push(Outcome::ReadError);
            seconds.push(0.0);
            continue;
        };
        let started = Instant::now();
        // A panic in an extractor is a bug to report, not a reason to
        // lose the whole run: it counts as an extraction error.
        let result = std::panic::catch_unwind(|| extract::extract(&source));
        seconds.push(started.elapsed().as_secs_f64());
        outcomes.push(match result {
            Ok(Ok(mut extracted)) if !extracted.articles.is_empty() => {
                Outcome::Article(Box::new(extracted.articles.swap_remove(0)))
            }
            Ok(_) => Outcome::ExtractError,
            Err(_) => Outcome::Panic,
        });
    }
    Ok(Extraction {
        set: set.to_string(),
        pages,
        outcomes,
        seconds,
    })
}

impl Extraction {
    /// Scores every page.
    pub fn report(&self) -> SetReport {
        self.report_where(|_| true)
    }

    /// Scores the pages of each of `folds` groups of sites (see
    /// [`Page::fold`]), in fold order.
    pub fn fold_reports(&self, folds: usize) -> Vec<SetReport> {
        (0..folds)
            .map(|k| self.report_where(|p| p.fold(folds) == k))
            .collect()
    }

    /// Scores the pages `keep` selects.
    pub fn report_where(&self, keep: impl Fn(&Page) -> bool) -> SetReport {
        let mut report = SetReport {
            set: self.set.clone(),
            ..SetReport::default()
        };
        let mut bodies: Vec<BodyScore> = Vec::new();
        let mut dek_bodies: Vec<BodyScore> = Vec::new();
        for ((page, outcome), secs) in self.pages.iter().zip(&self.outcomes).zip(&self.seconds) {
            if !keep(page) {
                continue;
            }
            report.pages += 1;
            report.extract_seconds += secs;
            let article = match outcome {
                Outcome::Article(a) => Some(a.as_ref()),
                Outcome::ReadError => {
                    report.read_errors += 1;
                    None
                }
                Outcome::ExtractError => {
                    report.extract_errors += 1;
                    None
                }
                Outcome::Panic => {
                    report.extract_errors += 1;
                    report.panics += 1;
                    fail(
                        &mut report,
                        page,
                        Field::Body,
                        "no panic".into(),
                        "extraction panicked".into(),
                    );
                    None
                }
            };
            if let Some(score) = score_page(page, article, &mut report) {
                bodies.push(score);
            }
            if let Some(truth) = &page.dek_and_body {
                dek_bodies.push(body_score(article.map_or("", |a| &a.body), truth));
            }
        }
        if !bodies.is_empty() {
            report.body = Some(aggregate(&bodies).into());
        }
        if !dek_bodies.is_empty() {
            report.dek_body = Some(aggregate(&dek_bodies).into());
        }
        report
    }
}

/// Loads a set's truth, extracts every page and scores it.
pub fn run_set(root: &std::path::Path, set: &str) -> Result<SetReport, TruthError> {
    Ok(extract_set(root, set)?.report())
}

fn short(s: &str) -> String {
    const MAX: usize = 160;
    let s = metrics::collapse_ws(s);
    if s.chars().count() <= MAX {
        s
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

fn fail(report: &mut SetReport, page: &Page, field: Field, expected: String, got: String) {
    report.failures.push(Failure {
        page: page.name.clone(),
        field,
        expected,
        got,
    });
}

/// Scores one page into `report`; returns its body score where the page has
/// body truth. `article` is `None` when extraction gave nothing.
pub fn score_page(
    page: &Page,
    article: Option<&Article>,
    report: &mut SetReport,
) -> Option<BodyScore> {
    let body = article.map_or("", |a| a.body.as_str());
    let dek = article.and_then(|a| a.dek.as_deref()).unwrap_or("");
    let collapsed = metrics::collapse_ws(&format!("{dek}\n\n{body}"));
    for passage in &page.with {
        let hit = metrics::passage_found(&collapsed, passage);
        report.with.add(hit);
        if !hit {
            fail(
                report,
                page,
                Field::With,
                passage.clone(),
                "(not in dek or body)".into(),
            );
        }
    }
    for passage in &page.without {
        let hit = !metrics::passage_found(&collapsed, passage);
        report.without.add(hit);
        if !hit {
            fail(
                report,
                page,
                Field::Without,
                passage.clone(),
                "(in dek or body)".into(),
            );
        }
    }
    if let Some(truth) = &page.title {
        let got = article.and_then(|a| a.title.clone()).unwrap_or_default();
        let hit = metrics::same_text(&got, truth);
        report.title.add(hit);
        if !hit {
            fail(report, page, Field::Title, truth.clone(), got);
        }
    }
    if let Some(truth) = &page.authors {
        let got = article.map(|a| a.authors.clone()).unwrap_or_default();
        let hit = metrics::same_authors(&got, truth);
        report.author.add(hit);
        if !hit {
            fail(
                report,
                page,
                Field::Author,
                truth.join("; "),
                got.join("; "),
            );
        }
    }
    if let Some(truth) = &page.outlet {
        let got = article.and_then(|a| a.outlet.clone()).unwrap_or_default();
        let hit = metrics::same_text(&got, truth);
        report.outlet.add(hit);
        if !hit {
            fail(report, page, Field::Outlet, truth.clone(), got);
        }
    }
    if let Some(truth) = &page.dek {
        let got = article.and_then(|a| a.dek.clone()).unwrap_or_default();
        let hit = metrics::same_text(&got, truth);
        report.dek.add(hit);
        if !hit {
            fail(report, page, Field::Dek, truth.clone(), got);
        }
    }
    if let Some(truth) = &page.lang {
        // Both sides as lede normalizes a declared code (`nb-NO`, `iw`).
        let expected = lang::normalize(truth).unwrap_or_else(|| truth.to_lowercase());
        let got = article.and_then(|a| a.lang.clone()).unwrap_or_default();
        let hit = got == expected;
        report.lang.add(hit);
        if !hit {
            fail(report, page, Field::Lang, expected, got);
        }
    }
    let got_day = article
        .and_then(|a| a.published)
        .map(|p| p.day().to_string());
    let expected_day = match &page.date {
        DateTruth::Unknown => None,
        DateTruth::NoDate => Some(None),
        DateTruth::Day(d) => Some(Some(d.clone())),
    };
    if let Some(expected) = expected_day {
        let hit = expected == got_day;
        report.date.add(hit);
        if !hit {
            let show = |d: Option<String>| d.unwrap_or_else(|| "(none)".into());
            fail(report, page, Field::Date, show(expected), show(got_day));
        }
    }
    let truth = page.body.as_deref()?;
    let score = body_score(body, truth);
    if score.f1() < BODY_FAILURE_F1 {
        let p = score.precision().map_or("-".into(), |p| format!("{p:.3}"));
        let r = score.recall().map_or("-".into(), |r| format!("{r:.3}"));
        fail(
            report,
            page,
            Field::Body,
            short(truth),
            format!("P={p} R={r}: {}", short(body)),
        );
    }
    Some(score)
}
