//! JSON and JSON Lines from scrapers: one article object, an array of them,
//! an object wrapping such an array, or one object per line.
//!
//! Scrapers disagree on field names, so each field is looked up through a
//! list of synonyms ([`KEYS`]); values may be strings, arrays of strings, or
//! objects with a `name` (authors, publishers). A corrupt line in a JSON
//! Lines file is reported and skipped; the good lines are kept.

use serde_json::{Map, Value};

use super::authors::{clean_name, split_byline};
use super::date::parse_date;
use super::{Draft, ExtractError};

use crate::article::Format;
use crate::published::Published;

/// Synonyms per field, most specific first, compared case-insensitively
/// (collected from newspaper3k/4k, news-please, trafilatura, Zyte and
/// schema.org exports).
struct Keys {
    title: &'static [&'static str],
    dek: &'static [&'static str],
    summary: &'static [&'static str],
    authors: &'static [&'static str],
    outlet: &'static [&'static str],
    date: &'static [&'static str],
    body: &'static [&'static str],
    url: &'static [&'static str],
    lang: &'static [&'static str],
    record_id: &'static [&'static str],
    /// Keys of an envelope object whose value is the array of articles.
    wrappers: &'static [&'static str],
}

const KEYS: Keys = Keys {
    title: &["title", "headline", "name"],
    // A standfirst the record says the article shows...
    dek: &["dek", "standfirst", "subtitle", "alternativeHeadline"],
    // ...else a summary it declares, which stands in for one (see
    // `Draft::dek_is_summary`).
    summary: &["description", "summary", "excerpt", "abstract"],
    authors: &["authors", "author", "byline", "creator", "creators", "by"],
    outlet: &[
        "outlet",
        "source",
        "site_name",
        "sitename",
        "source_domain",
        "publisher",
        "siteName",
        "publication",
    ],
    date: &[
        "published",
        "publishedAt",
        "date_publish",
        "datePublished",
        "pubDate",
        "published_at",
        "publish_date",
        "date",
        "created_at",
    ],
    body: &[
        "body",
        "text",
        "maintext",
        "content",
        "articleBody",
        "article_body",
        "fulltext",
    ],
    url: &[
        "url",
        "canonical_url",
        "link",
        "canonical",
        "permalink",
        "source_url",
    ],
    lang: &["lang", "language", "inLanguage", "locale"],
    record_id: &["id", "_id", "guid", "uuid", "doc_id", "article_id"],
    wrappers: &[
        "articles",
        "items",
        "data",
        "results",
        "documents",
        "docs",
        "entries",
    ],
};

/// Extracts drafts from a JSON document (`Format::Json`) or a JSON Lines file.
/// Returns the drafts and one warning per record that was skipped.
pub fn extract(text: &str, format: Format) -> Result<(Vec<Draft>, Vec<String>), ExtractError> {
    let text = text.trim_start_matches('\u{feff}');
    match format {
        Format::Jsonl => extract_lines(text),
        _ => {
            let value: Value = serde_json::from_str(text).map_err(|e| ExtractError::Malformed {
                format: "JSON",
                detail: format!("{e} (line {}, column {})", e.line(), e.column()),
            })?;
            let mut warnings = Vec::new();
            let drafts = drafts_from_value(&value, "", &mut warnings);
            Ok((drafts, warnings))
        }
    }
}

fn extract_lines(text: &str) -> Result<(Vec<Draft>, Vec<String>), ExtractError> {
    let mut all = (Vec::new(), Vec::new());
    lines_in_chunks(text, usize::MAX, |drafts, warnings| {
        all.0.extend(drafts);
        all.1.extend(warnings);
        true
    })?;
    Ok(all)
}

/// Reads a JSON Lines file record by record, handing the drafts of about
/// `chunk_bytes` of lines at a time to `emit` (with the warnings about
/// lines skipped among them), so that a file of a million records is never
/// held as a million drafts. `emit` returns false to stop early.
pub fn lines_in_chunks(
    text: &str,
    chunk_bytes: usize,
    mut emit: impl FnMut(Vec<Draft>, Vec<String>) -> bool,
) -> Result<(), ExtractError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut drafts = Vec::new();
    let mut warnings = Vec::new();
    let mut good_lines = 0usize;
    let mut bad_lines = 0usize;
    let mut bytes = 0usize;
    for (i, line) in text.lines().enumerate() {
        bytes += line.len() + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => {
                good_lines += 1;
                drafts.extend(drafts_from_value(
                    &value,
                    &format!("line {}: ", i + 1),
                    &mut warnings,
                ));
            }
            Err(e) => {
                bad_lines += 1;
                warnings.push(format!("line {}: invalid JSON ({e}); line skipped", i + 1));
            }
        }
        if bytes >= chunk_bytes {
            bytes = 0;
            if !emit(std::mem::take(&mut drafts), std::mem::take(&mut warnings)) {
                return Ok(());
            }
        }
    }
    if good_lines == 0 && bad_lines > 0 {
        return Err(ExtractError::Malformed {
            format: "JSON Lines",
            detail: format!("none of its {bad_lines} lines is valid JSON"),
        });
    }
    if !drafts.is_empty() || !warnings.is_empty() {
        emit(drafts, warnings);
    }
    Ok(())
}

/// Turns a parsed value into drafts: an array, a wrapper object or one article.
fn drafts_from_value(value: &Value, at: &str, warnings: &mut Vec<String>) -> Vec<Draft> {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Value::Object(obj) => Some(draft_from_object(obj)),
                _ => {
                    warnings.push(format!("{at}item {}: not an object; skipped", i + 1));
                    None
                }
            })
            .collect(),
        Value::Object(obj) => {
            if get(obj, KEYS.body).is_none() && get(obj, KEYS.title).is_none() {
                if let Some(Value::Array(items)) = get(obj, KEYS.wrappers) {
                    return drafts_from_value(&Value::Array(items.clone()), at, warnings);
                }
            }
            vec![draft_from_object(obj)]
        }
        _ => {
            warnings.push(format!("{at}not a JSON object or array; skipped"));
            Vec::new()
        }
    }
}

/// Looks a field up through its synonyms, ignoring case and null values.
fn get<'a>(obj: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| {
        obj.iter()
            .find(|(name, v)| name.eq_ignore_ascii_case(k) && !v.is_null())
            .map(|(_, v)| v)
    })
}

/// A value as text: strings as they are, numbers printed, objects by their
/// `name` (or `@value`), arrays joined as paragraphs.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(obj) => get(obj, &["name", "@value", "text", "value"]).and_then(as_text),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        _ => None,
    }
}

fn authors_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => split_byline(s),
        Value::Array(items) => items.iter().flat_map(authors_of).collect(),
        Value::Object(_) => as_text(value)
            .and_then(|name| clean_name(&name))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn date_of(value: &Value) -> Option<Published> {
    match value {
        Value::Number(n) => {
            // Epoch seconds, or milliseconds when too large to be seconds.
            let n = n.as_i64()?;
            let secs = if n > 100_000_000_000 { n / 1000 } else { n };
            let ts = jiff::Timestamp::from_second(secs).ok()?;
            Some(Published::Moment(
                ts.to_zoned(jiff::tz::TimeZone::UTC).datetime(),
                jiff::tz::Offset::UTC,
            ))
        }
        Value::Object(obj) => get(obj, &["$date", "@value", "value"]).and_then(date_of),
        other => parse_date(&as_text(other)?),
    }
}

fn draft_from_object(obj: &Map<String, Value>) -> Draft {
    let text = |keys| get(obj, keys).and_then(as_text);
    let raw = text(KEYS.body).unwrap_or_default();
    let body = if looks_like_markup(&raw) {
        markup_to_text(&raw)
    } else {
        super::paragraphs(&raw)
    };
    let shown = text(KEYS.dek);
    let dek_is_summary = shown.is_none();
    Draft {
        url: text(KEYS.url),
        title: text(KEYS.title),
        dek: shown.or_else(|| text(KEYS.summary)),
        dek_is_summary,
        authors: get(obj, KEYS.authors).map(authors_of).unwrap_or_default(),
        outlet: text(KEYS.outlet),
        published: get(obj, KEYS.date).and_then(date_of),
        lang: text(KEYS.lang),
        body,
        record_id: text(KEYS.record_id),
    }
}

/// Scrapers sometimes store the body as HTML (`<p>...</p>`).
fn looks_like_markup(s: &str) -> bool {
    let lower = s.get(..s.len().min(2000)).unwrap_or(s).to_ascii_lowercase();
    ["<p>", "<p ", "</p>", "<br", "<div", "</li>"]
        .iter()
        .any(|t| lower.contains(t))
}

/// Block elements whose start or end is a paragraph break.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
    "ul",
    "ol",
];

/// The text of an HTML fragment, block elements as paragraphs (entities
/// decoded by the HTML parser; walked iteratively, so depth cannot overflow).
fn markup_to_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len());
    for edge in fragment.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Text(t) => out.push_str(t),
                scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => out.push_str("\n\n"),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value() {
                    if BLOCKS.contains(&e.name()) {
                        out.push_str("\n\n");
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Draft {
        let (drafts, warnings) = extract(json, Format::Json).expect("valid JSON");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(drafts.len(), 1);
        drafts.into_iter().next().expect("one draft")
    }

    #[test]
    fn common_key_names_map_to_fields() {
        let d = one(
            r#"{"headline":"Dam opens","byline":"By Ann Lee and Bo Park",
            "publisher":{"@type":"Organization","name":"Valley Star"},
            "datePublished":"2021-03-09T14:20:00-05:00","articleBody":"Water flows.",
            "link":"https://valleystar.example/dam","inLanguage":"en-US"}"#,
        );
        assert_eq!(d.title.as_deref(), Some("Dam opens"));
        assert_eq!(d.authors, ["Ann Lee", "Bo Park"]);
        assert_eq!(d.outlet.as_deref(), Some("Valley Star"));
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            Some("2021-03-09T14:20:00-05:00")
        );
        assert_eq!(d.body, "Water flows.");
        assert_eq!(d.url.as_deref(), Some("https://valleystar.example/dam"));
        assert_eq!(d.lang.as_deref(), Some("en-US"));
    }

    #[test]
    fn author_arrays_of_objects_and_strings() {
        let d = one(r#"{"title":"t","authors":[{"name":"Ann Lee"},"Bo Park","Staff"],"text":"b"}"#);
        assert_eq!(d.authors, ["Ann Lee", "Bo Park"]);
    }

    #[test]
    fn arrays_and_wrappers() {
        let (d, _) = extract(
            r#"[{"title":"a","body":"x"},{"title":"b","body":"y"}, 3]"#,
            Format::Json,
        )
        .unwrap();
        assert_eq!(d.len(), 2);
        let (d, _) = extract(
            r#"{"articles":[{"title":"a"},{"title":"b"}]}"#,
            Format::Json,
        )
        .unwrap();
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn a_corrupt_line_is_skipped_and_reported() {
        let text = "{\"title\":\"a\",\"body\":\"x\"}\n{\"title\": oops\n\n{\"title\":\"c\",\"body\":\"z\"}\n";
        let (d, warnings) = extract(text, Format::Jsonl).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("line 2: invalid JSON"),
            "{warnings:?}"
        );
    }

    #[test]
    fn malformed_and_deeply_nested_json_are_errors_not_panics() {
        assert!(matches!(
            extract("{\"title\": ", Format::Json),
            Err(ExtractError::Malformed { .. })
        ));
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(extract(&deep, Format::Json).is_err());
        assert!(extract("not json\nat all", Format::Jsonl).is_err());
    }

    #[test]
    fn html_bodies_become_paragraphs() {
        let d = one(
            r#"{"title":"t","content":"<p>First &amp; best.</p><p>Second <b>bold</b> line.</p>"}"#,
        );
        assert_eq!(
            super::super::clean_body(&d.body),
            "First & best.\n\nSecond bold line."
        );
    }

    #[test]
    fn dates_in_several_shapes() {
        let d = |v: &str| date_of(&serde_json::from_str(v).unwrap()).map(|p| p.to_string());
        assert_eq!(
            d(r#""Mon, 15 Jun 2020 09:30:00 GMT""#).as_deref(),
            Some("2020-06-15T09:30:00Z")
        );
        assert_eq!(d(r#""2020-06-15""#).as_deref(), Some("2020-06-15"));
        assert_eq!(d("1592213400").as_deref(), Some("2020-06-15T09:30:00Z"));
        assert_eq!(d(r#""last week""#), None);
    }
}
