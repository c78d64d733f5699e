//! Ground truth for the evaluation sets in `shared/data`: where each page
//! lives and what extraction should find in it.
//!
//! Each set states its truth differently (see `shared/data/README.md`);
//! this module reads them all into one [`Page`] shape. A field the set does
//! not state for a page is [`None`] and is not scored; for dates, the
//! difference between "the set says there is no date" and "the set says
//! nothing" is kept in [`DateTruth`].

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use super::metrics::split_authors;
use crate::extract::date::parse_date;
use crate::published::Published;

/// The evaluation sets, in the order they are reported.
pub const SETS: &[&str] = &["zyte", "readability", "trafilatura", "textdumps"];

/// Why a set's truth could not be loaded.
#[derive(Debug, Error)]
pub enum TruthError {
    /// The truth file or directory could not be read.
    #[error(
        "cannot read {path}: {source} (is the data directory right? pass it as the first argument)"
    )]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The truth file is not valid JSON.
    #[error("{path} is not valid JSON: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        source: serde_json::Error,
    },
    /// The JSON does not have the shape this set's truth has.
    #[error("{path}: {detail}")]
    Shape {
        /// The file.
        path: PathBuf,
        /// What was expected.
        detail: String,
    },
    /// The set name is not one of [`SETS`].
    #[error("unknown set {0:?}; the sets are {SETS:?}")]
    UnknownSet(String),
}

/// What the truth says about a page's publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateTruth {
    /// The set does not say: not scored.
    Unknown,
    /// The set says the page states no date: giving one is wrong.
    NoDate,
    /// The calendar day, `YYYY-MM-DD`.
    Day(String),
}

/// One page to extract and what extraction should find in it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's name within its set (an id, a folder or a file name).
    pub name: String,
    /// The file to extract from.
    pub path: PathBuf,
    /// The full article text (zyte only).
    pub body: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The authors, split into normalized names (see [`split_authors`]).
    pub authors: Option<Vec<String>>,
    /// The publication's name.
    pub outlet: Option<String>,
    /// The publication day.
    pub date: DateTruth,
    /// Passages the body must contain.
    pub with: Vec<String>,
    /// Passages the body must not contain.
    pub without: Vec<String>,
}

impl Page {
    fn new(name: String, path: PathBuf) -> Page {
        Page {
            name,
            path,
            body: None,
            title: None,
            authors: None,
            outlet: None,
            date: DateTruth::Unknown,
            with: Vec::new(),
            without: Vec::new(),
        }
    }
}

/// Loads the pages of one set from the data directory `root`.
pub fn load_set(root: &Path, set: &str) -> Result<Vec<Page>, TruthError> {
    let mut pages = match set {
        "zyte" => zyte(&root.join("zyte")),
        "readability" => readability(&root.join("readability")),
        "trafilatura" => trafilatura(&root.join("trafilatura")),
        "textdumps" => textdumps(&root.join("textdumps")),
        other => Err(TruthError::UnknownSet(other.to_string())),
    }?;
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(pages)
}

fn read_json(path: &Path) -> Result<Value, TruthError> {
    let text = fs::read_to_string(path).map_err(|source| TruthError::Io {
        path: path.into(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| TruthError::Json {
        path: path.into(),
        source,
    })
}

fn object<'a>(v: &'a Value, path: &Path) -> Result<&'a serde_json::Map<String, Value>, TruthError> {
    v.as_object().ok_or_else(|| TruthError::Shape {
        path: path.into(),
        detail: "expected a JSON object mapping page names to their truth".into(),
    })
}

/// A non-empty string field.
fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An author field: a string to split, or a list of names.
fn authors(v: &Value, key: &str) -> Option<Vec<String>> {
    let names: Vec<String> = match v.get(key)? {
        Value::String(s) => split_authors(s),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(split_authors)
            .collect(),
        _ => return None,
    };
    (!names.is_empty()).then_some(names)
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The date at `key`: a parsable string is a day; `null` or an absent key
/// means `when_null` (sets differ on whether that states "no date").
fn date(v: &Value, key: &str, when_null: DateTruth) -> DateTruth {
    match v.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Published::parse(s)
            .or_else(|| parse_date(s))
            .map(|p| DateTruth::Day(p.day().to_string()))
            .unwrap_or(DateTruth::Unknown),
        _ => when_null,
    }
}

/// `zyte/ground-truth.json`: id -> {articleBody, url}; page `html/<id>.html.gz`.
fn zyte(dir: &Path) -> Result<Vec<Page>, TruthError> {
    let path = dir.join("ground-truth.json");
    let json = read_json(&path)?;
    let mut pages = Vec::new();
    for (id, v) in object(&json, &path)? {
        let mut page = Page::new(id.clone(), dir.join("html").join(format!("{id}.html.gz")));
        page.body = Some(
            v.get("articleBody")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        );
        pages.push(page);
    }
    Ok(pages)
}

/// `readability/<name>/expected-metadata.json` beside `source.html.gz`.
/// Every file has `publishedTime`, so `null` there states "no date".
fn readability(dir: &Path) -> Result<Vec<Page>, TruthError> {
    let entries = fs::read_dir(dir).map_err(|source| TruthError::Io {
        path: dir.into(),
        source,
    })?;
    let mut pages = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| TruthError::Io {
            path: dir.into(),
            source,
        })?;
        let case = entry.path();
        let meta = case.join("expected-metadata.json");
        if !meta.is_file() {
            continue;
        }
        let v = read_json(&meta)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut page = Page::new(name, case.join("source.html.gz"));
        page.title = text(&v, "title");
        page.authors = authors(&v, "byline");
        page.outlet = text(&v, "siteName");
        page.date = date(&v, "publishedTime", DateTruth::NoDate);
        pages.push(page);
    }
    Ok(pages)
}

/// `trafilatura/evaldata.json`: url -> {file, title, author, date, with,
/// without, ...}; page `html/<file>.gz`. Pages without metadata lack the
/// keys altogether; every page with a `date` key has a date, so an absent
/// date is "not stated by the truth" and not scored.
fn trafilatura(dir: &Path) -> Result<Vec<Page>, TruthError> {
    let path = dir.join("evaldata.json");
    let json = read_json(&path)?;
    let mut pages = Vec::new();
    for (url, v) in object(&json, &path)? {
        let file = v
            .get("file")
            .and_then(Value::as_str)
            .ok_or_else(|| TruthError::Shape {
                path: path.clone(),
                detail: format!("entry {url} has no \"file\""),
            })?;
        let mut page = Page::new(
            file.to_string(),
            dir.join("html").join(format!("{file}.gz")),
        );
        page.title = text(v, "title");
        page.authors = authors(v, "author");
        page.outlet = text(v, "sitename");
        page.date = date(v, "date", DateTruth::Unknown);
        page.with = strings(v, "with");
        page.without = strings(v, "without");
        pages.push(page);
    }
    Ok(pages)
}

/// `textdumps/truth.json`: "set/file.txt" -> {title, author, outlet, date,
/// with, without}. The dumps of readability pages inherit its explicit "no
/// date"; for the trafilatura dumps a null date means the truth is silent.
fn textdumps(dir: &Path) -> Result<Vec<Page>, TruthError> {
    let path = dir.join("truth.json");
    let json = read_json(&path)?;
    let mut pages = Vec::new();
    for (file, v) in object(&json, &path)? {
        let mut page = Page::new(file.clone(), dir.join(file));
        page.title = text(v, "title");
        page.authors = authors(v, "author");
        page.outlet = text(v, "outlet");
        let when_null = if file.starts_with("readability/") {
            DateTruth::NoDate
        } else {
            DateTruth::Unknown
        };
        page.date = date(v, "date", when_null);
        page.with = strings(v, "with");
        page.without = strings(v, "without");
        pages.push(page);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_authors_from_json() {
        let v: Value = serde_json::json!({"d": "2015-07-10T23:53:00-04:00", "n": null, "a": ["By Ann Lee", "Bo Park"], "s": "Ann Lee and Bo Park"});
        assert_eq!(
            date(&v, "d", DateTruth::Unknown),
            DateTruth::Day("2015-07-10".into())
        );
        assert_eq!(date(&v, "n", DateTruth::NoDate), DateTruth::NoDate);
        assert_eq!(date(&v, "missing", DateTruth::Unknown), DateTruth::Unknown);
        assert_eq!(authors(&v, "a"), authors(&v, "s"));
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_it() {
        let err = load_set(Path::new("/nonexistent/lede-data"), "zyte")
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("/nonexistent/lede-data/zyte/ground-truth.json")));
        assert!(matches!(
            load_set(Path::new("."), "nope"),
            Err(TruthError::UnknownSet(_))
        ));
    }
}
