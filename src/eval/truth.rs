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
pub const SETS: &[&str] = &["zyte", "readability", "trafilatura", "textdumps", "fundus"];

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
    /// The full article text (zyte, fundus). For fundus it is the text
    /// after the standfirst, which it never repeats.
    pub body: Option<String>,
    /// The standfirst followed by [`Page::body`] (fundus): the body some
    /// extractors give, which keep the standfirst in it.
    pub dek_and_body: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst (fundus; pages without one are not scored, since a
    /// page's declared summary may stand in where none is shown).
    pub dek: Option<String>,
    /// The language code (fundus: `<html lang>`, else the country's).
    pub lang: Option<String>,
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
    /// The site the page comes from, which groups pages into folds (see
    /// [`Page::fold`]): the host of its url where the truth gives one
    /// (zyte, trafilatura, and the trafilatura pages of textdumps), the
    /// outlet for fundus, the case's name without its number for
    /// readability ("nytimes-2" is "nytimes"; its truth has no url).
    pub site: String,
}

impl Page {
    fn new(name: String, path: PathBuf) -> Page {
        Page {
            site: name.clone(),
            name,
            path,
            body: None,
            dek_and_body: None,
            title: None,
            dek: None,
            lang: None,
            authors: None,
            outlet: None,
            date: DateTruth::Unknown,
            with: Vec::new(),
            without: Vec::new(),
        }
    }

    /// Which of `folds` groups the page falls in: a hash of its site, so
    /// every page of a site lands in the same fold, the same on every run.
    pub fn fold(&self, folds: usize) -> usize {
        let hash = blake3::hash(self.site.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        (u64::from_le_bytes(first) % folds.max(1) as u64) as usize
    }
}

/// The site of a url: its host, lowercased, without `www.`, a port or
/// subdomains (`edition.example.co.uk` is `example.co.uk`); the url itself
/// when it has no host.
pub fn site_of_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    // The registrable part: two labels, or three under a short
    // second-level label (`co.uk`, `com.au`).
    let keep = match labels.as_slice() {
        [.., sld, tld] if sld.len() <= 3 && tld.len() == 2 && labels.len() >= 3 => 3,
        _ => 2,
    };
    let from = labels.len().saturating_sub(keep);
    let site = labels[from..].join(".");
    if site.is_empty() {
        url.to_string()
    } else {
        site
    }
}

/// The site of a readability case: its name without a trailing number
/// (`nytimes-2` and `nytimes-3` are one site).
fn site_of_case(name: &str) -> String {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let stem = stem.trim_end_matches(['-', '_']);
    if stem.is_empty() {
        name.to_string()
    } else {
        stem.to_string()
    }
}

/// Loads the pages of one set from the data directory `root`.
pub fn load_set(root: &Path, set: &str) -> Result<Vec<Page>, TruthError> {
    let mut pages = match set {
        "zyte" => zyte(&root.join("zyte")),
        "readability" => readability(&root.join("readability")),
        "trafilatura" => trafilatura(&root.join("trafilatura")),
        "textdumps" => textdumps(root),
        "fundus" => fundus(&root.join("fundus")),
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
        if let Some(url) = text(v, "url") {
            page.site = site_of_url(&url);
        }
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
        page.site = site_of_case(&page.name);
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
        page.site = site_of_url(url);
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
/// A dump's site is its source page's: a trafilatura dump is matched to
/// its page by their identical passage lists (the dump's name does not
/// say which page it is), a readability dump by its name.
fn textdumps(root: &Path) -> Result<Vec<Page>, TruthError> {
    let dir = root.join("textdumps");
    let path = dir.join("truth.json");
    let json = read_json(&path)?;
    let passages = |v: &Value| (strings(v, "with"), strings(v, "without"));
    // The trafilatura set's passages, by the site of its url; without the
    // set beside it, each dump is a site of its own.
    let traf_path = root.join("trafilatura").join("evaldata.json");
    let traf = read_json(&traf_path).ok();
    let mut site_by_passages = std::collections::HashMap::new();
    if let Some(Value::Object(traf)) = &traf {
        for (url, v) in traf {
            site_by_passages.insert(passages(v), site_of_url(url));
        }
    }
    let mut pages = Vec::new();
    for (file, v) in object(&json, &path)? {
        let mut page = Page::new(file.clone(), dir.join(file));
        if let Some(case) = file.strip_prefix("readability/") {
            page.site = site_of_case(case.trim_end_matches(".txt"));
        } else if let Some(site) = site_by_passages.get(&passages(v)) {
            page.site = site.clone();
        }
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

/// `fundus/truth.json`: file -> {url, title, authors, date, dek, body,
/// lang, publisher, ...}; page `html/<file>`. Every page has a date. A
/// null `authors` is what fundus extracts where its parser reads none,
/// which need not mean the page names no one: not scored.
fn fundus(dir: &Path) -> Result<Vec<Page>, TruthError> {
    let path = dir.join("truth.json");
    let json = read_json(&path)?;
    let mut pages = Vec::new();
    for (file, v) in object(&json, &path)? {
        let mut page = Page::new(file.clone(), dir.join("html").join(file));
        page.site = text(v, "publisher")
            .or_else(|| text(v, "url").map(|u| site_of_url(&u)))
            .unwrap_or_else(|| file.clone());
        page.title = text(v, "title");
        page.authors = authors(v, "authors");
        page.date = date(v, "date", DateTruth::Unknown);
        page.dek = text(v, "dek");
        page.lang = text(v, "lang");
        let body = text(v, "body").unwrap_or_default();
        page.dek_and_body = Some(match &page.dek {
            Some(dek) => format!("{dek}\n\n{body}"),
            None => body.clone(),
        });
        page.body = Some(body);
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
    fn sites_group_a_hosts_pages_and_folds_are_stable() {
        assert_eq!(site_of_url("https://www.example.com/a/b"), "example.com");
        assert_eq!(
            site_of_url("http://edition.example.com:8080/x"),
            "example.com"
        );
        assert_eq!(site_of_url("https://news.example.co.uk/x"), "example.co.uk");
        assert_eq!(site_of_url("HTTPS://Example.ORG"), "example.org");
        assert_eq!(site_of_case("nytimes-2"), "nytimes");
        assert_eq!(site_of_case("001"), "001");
        let page = |site: &str| Page {
            site: site.into(),
            ..Page::new("p".into(), PathBuf::new())
        };
        // Two pages of one site share their fold, in any run.
        assert_eq!(page("example.com").fold(5), page("example.com").fold(5));
        let folds: std::collections::HashSet<usize> = (0..40)
            .map(|i| page(&format!("site{i}.example")).fold(5))
            .collect();
        assert!(folds.len() > 1 && folds.iter().all(|&f| f < 5));
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
