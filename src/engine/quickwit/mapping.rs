//! lede's schema as a Quickwit index: the index config lede creates, and an
//! article as the JSON document it ingests.
//!
//! Quickwit 0.9 has no stemmers, so lede stems at ingest with its own
//! per-language analyzers (`crate::index::schema::analyzer`) into extra
//! fields (`title_stem`, `dek_stem`, `body_stem`), each token prefixed with
//! its language's two-letter code (`enpardon`, `debegnadig`): a query word
//! is stemmed the same way for every language and looked for with each
//! prefix, so `pardons` finds `pardon` in English text only, exactly as the
//! local index's per-language fields do. The prefix has a fixed length, so
//! no two (language, stem) pairs make the same token.
//!
//! Names and keys mirror the local schema: `*_key` fields (lowercased,
//! exact) for filters, `*_name` fields (as written) for facets, `*_text`
//! fields for query words; `published` is the index's timestamp field, so
//! date filters prune whole splits, and `published_day`/`_week`/`_month`/
//! `_year` hold the UTC day, Monday, first of month and first of year that
//! the local timeline buckets by, and `published_at` the exact instant.
//! Quickwit requires the timestamp in every document and only takes
//! 1972-2242, so an undated article gets the earliest instant it takes (and
//! no `published_at`).

use serde_json::{json, Map, Value};
use tantivy::tokenizer::TokenStream;

use crate::article::Article;
use crate::index::schema::{analyzer, key, name_analyzer, UNSTEMMED};
use crate::index::sink::{Preparer, Staged};

/// The earliest and latest instants (seconds) a Quickwit timestamp field
/// takes: 1972-04-13T23:59:55Z and 2242-03-16T12:56:31Z.
pub const TIMESTAMP_MIN: i64 = 72_057_595;
/// See [`TIMESTAMP_MIN`].
pub const TIMESTAMP_MAX: i64 = 8_589_934_591;
/// Seconds before what was ingested is published (searchable, and reached
/// by delete tasks).
pub const COMMIT_TIMEOUT_SECS: u64 = 5;

/// The text fields searched by word, with their stemmed twins.
pub const STEM_FIELDS: &[(&str, &str)] = &[
    ("title", "title_stem"),
    ("dek", "dek_stem"),
    ("body", "body_stem"),
];

/// The stems of the headline (three times), the dek (twice) and the body in
/// one field, with term frequencies only: one BM25 over it weighs a plain
/// word as the local BM25F does (the fields' weighted frequencies added,
/// then saturated once, with one length), where a BM25 summed over the
/// three fields saturates each apart and gives a word in a headline its
/// rarity among headlines. Phrases, prefixes and field queries still use
/// the fields themselves.
pub const TEXT_STEM: &str = "text_stem";
/// How often the headline and the dek repeat in [`TEXT_STEM`] (the local
/// weights are 3 and 1.5).
const TEXT_REPEATS: [usize; 2] = [3, 2];

/// The two-letter prefix of a language's stems (`xx` for languages lede
/// does not stem).
pub fn stem_prefix(code: &str) -> &str {
    if code == UNSTEMMED || code.len() != 2 {
        "xx"
    } else {
        code
    }
}

/// The analysis language of an article's language code: one with a
/// stemmer, else [`UNSTEMMED`].
pub fn analysis_code(lang: Option<&str>) -> &'static str {
    crate::index::schema::STEMMED
        .iter()
        .find(|(c, _)| Some(*c) == lang)
        .map_or(UNSTEMMED, |(c, _)| *c)
}

/// `text` analyzed for `code`, each token prefixed: the value of a
/// `*_stem` field, or the terms of a query word.
pub fn stemmed(code: &str, text: &str) -> Vec<String> {
    let prefix = stem_prefix(code);
    let mut analyzer = analyzer(code);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(format!("{prefix}{}", token.text));
    }
    out
}

/// `text` as the name analyzer cuts it (authors and outlets by word).
pub fn name_words(text: &str) -> Vec<String> {
    let mut analyzer = name_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The index config lede creates for an index named `index_id`.
pub fn index_config(index_id: &str) -> Value {
    let raw = |name: &str, fast: bool, stored: bool| json!({"name": name, "type": "text", "tokenizer": "raw", "fast": fast, "stored": stored, "indexed": true});
    let raw_array = |name: &str| json!({"name": name, "type": "array<text>", "tokenizer": "raw", "fast": true, "stored": false, "indexed": true});
    let stored_only =
        |name: &str| json!({"name": name, "type": "text", "indexed": false, "stored": true});
    let words = |name: &str| json!({"name": name, "type": "text", "tokenizer": "default", "record": "position", "stored": false, "fieldnorms": true});
    let mut fields = vec![
        raw("id", true, true),
        stored_only("path"),
        stored_only("format"),
        stored_only("url"),
        stored_only("title"),
        stored_only("dek"),
        stored_only("body"),
        json!({"name": "authors", "type": "array<text>", "indexed": false, "stored": true}),
        raw_array("author_key"),
        raw_array("author_name"),
        words("author_text"),
        stored_only("outlet"),
        raw("outlet_key", true, false),
        raw("outlet_name", true, false),
        words("outlet_text"),
        json!({"name": "published", "type": "datetime", "input_formats": ["rfc3339", "unix_timestamp"], "output_format": "unix_timestamp_secs", "fast_precision": "seconds", "fast": true, "stored": true, "indexed": true}),
        stored_only("published_text"),
        json!({"name": "published_at", "type": "i64", "fast": true, "stored": false, "indexed": true}),
        raw("published_day", true, false),
        raw("published_week", true, false),
        raw("published_month", true, false),
        raw("published_year", true, false),
        raw("lang", true, true),
        raw("group", true, true),
        raw("copy_of", false, true),
    ];
    for (_, stem) in STEM_FIELDS {
        fields.push(words(stem));
    }
    fields.push(json!({"name": TEXT_STEM, "type": "text", "tokenizer": "default", "record": "freq", "stored": false, "fieldnorms": true}));
    json!({
        "version": "0.8",
        "index_id": index_id,
        "doc_mapping": {
            "mode": "strict",
            "field_mappings": fields,
            "timestamp_field": "published",
        },
        "search_settings": {
            "default_search_fields": ["title_stem", "dek_stem", "body_stem"],
        },
        "indexing_settings": {
            "commit_timeout_secs": COMMIT_TIMEOUT_SECS,
            // Quickwit applies delete tasks only to mature splits (no longer
            // merged), 48 hours after they are made by default: five minutes
            // lets a deleted or replaced article go within minutes, at the
            // cost of merging fresh splits less.
            "merge_policy": {"type": "stable_log", "maturation_period": "5m"},
        },
    })
}

/// An article as lede ingests it, with its near-duplicate fingerprint (the
/// duplicate group is added by the sink, which alone can decide it).
#[derive(Debug)]
pub struct Document {
    /// The article's id.
    pub id: String,
    /// The JSON document, all but `group` and `copy_of`.
    pub json: Map<String, Value>,
    /// The body's shingles and band keys (`crate::index` near duplicates).
    pub shingles: Vec<u64>,
    /// The band keys of its MinHash signature.
    pub bands: Vec<u64>,
}

impl Staged for Document {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Builds documents on the extraction threads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Documents;

impl Preparer for Documents {
    type Doc = Document;

    fn prepare(&self, article: Article) -> Document {
        let (shingles, bands) = crate::index::fingerprint(&article.body);
        Document {
            id: article.id.clone(),
            json: document(&article),
            shingles,
            bands,
        }
    }
}

/// The JSON document of an article (without its duplicate group).
pub fn document(a: &Article) -> Map<String, Value> {
    let code = analysis_code(a.lang.as_deref());
    let mut doc = Map::new();
    let mut put = |k: &str, v: Value| {
        doc.insert(k.to_string(), v);
    };
    put("id", json!(a.id));
    put("path", json!(a.path));
    put("format", json!(a.format.as_str()));
    if let Some(url) = &a.url {
        put("url", json!(url));
    }
    let mut combined = String::new();
    for ((field, value), times) in [("title", &a.title), ("dek", &a.dek)]
        .into_iter()
        .zip(TEXT_REPEATS)
    {
        if let Some(text) = value {
            let stems = stemmed(code, text).join(" ");
            for _ in 0..times {
                combined.push_str(&stems);
                combined.push(' ');
            }
            put(field, json!(text));
            put(&format!("{field}_stem"), json!(stems));
        }
    }
    let body = stemmed(code, &a.body).join(" ");
    combined.push_str(&body);
    put("body", json!(a.body));
    put("body_stem", json!(body));
    put(TEXT_STEM, json!(combined));
    if !a.authors.is_empty() {
        put("authors", json!(a.authors));
        put(
            "author_key",
            json!(a.authors.iter().map(|n| key(n)).collect::<Vec<_>>()),
        );
        put("author_name", json!(a.authors));
        put("author_text", json!(a.authors.join(" ; ")));
    }
    if let Some(outlet) = &a.outlet {
        put("outlet", json!(outlet));
        put("outlet_key", json!(key(outlet)));
        put("outlet_name", json!(outlet));
        put("outlet_text", json!(outlet));
    }
    // Quickwit requires the timestamp field in every document, within its
    // range: an undated article gets the earliest instant it takes, a date
    // out of range the nearest bound. Filters and sorts read the exact
    // `published_at`, which undated articles lack (see `query`); the
    // timestamp field only lets Quickwit prune splits.
    put(
        "published",
        json!(a.published.map_or(TIMESTAMP_MIN, |p| p
            .timestamp()
            .as_second()
            .clamp(TIMESTAMP_MIN, TIMESTAMP_MAX))),
    );
    if let Some(published) = &a.published {
        let secs = published.timestamp().as_second();
        put("published_at", json!(secs));
        put("published_text", json!(published.to_string()));
        if let Ok(ts) = jiff::Timestamp::from_second(secs) {
            let day = ts.to_zoned(jiff::tz::TimeZone::UTC).date();
            let week = day
                .checked_sub(jiff::Span::new().days(day.weekday().to_monday_zero_offset()))
                .unwrap_or(day);
            put("published_day", json!(day.to_string()));
            put("published_week", json!(week.to_string()));
            put("published_month", json!(day.first_of_month().to_string()));
            put("published_year", json!(day.first_of_year().to_string()));
        }
    }
    if let Some(lang) = &a.lang {
        put("lang", json!(lang));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::published::Published;

    #[test]
    fn words_are_stemmed_in_the_articles_language_with_its_prefix() {
        assert_eq!(stemmed("en", "Pardons granted"), ["enpardon", "engrant"]);
        assert_eq!(stemmed("de", "Begnadigungen"), ["debegnad"]);
        // Languages without a stemmer: words as written, folded.
        assert_eq!(stemmed("und", "Kardashián"), ["xxkardashian"]);
    }

    #[test]
    fn a_document_carries_every_field_the_mapping_declares() {
        let a = Article {
            id: "0123456789abcdef".into(),
            path: "a.txt".into(),
            format: Format::Text,
            url: None,
            title: Some("Governor grants pardons".into()),
            dek: None,
            authors: vec!["Ann Lee".into()],
            outlet: Some("Valley Star".into()),
            published: Published::parse("2021-03-09T23:30:00-05:00"),
            lang: Some("en".into()),
            body: "The governor granted pardons.".into(),
        };
        let doc = document(&a);
        let declared: Vec<String> = index_config("lede")["doc_mapping"]["field_mappings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        for key in doc.keys() {
            assert!(declared.contains(key), "{key} is not in the mapping");
        }
        assert_eq!(doc["title_stem"], "engovernor engrant enpardon");
        // The headline three times (no dek), then the body.
        assert_eq!(
            doc[TEXT_STEM],
            "engovernor engrant enpardon engovernor engrant enpardon engovernor engrant enpardon \
             enthe engovernor engrant enpardon"
        );
        assert_eq!(doc["author_key"], json!(["ann lee"]));
        // The local timeline's day: the UTC day of the instant.
        assert_eq!(doc["published_day"], "2021-03-10");
        assert_eq!(doc["published_week"], "2021-03-08");
        assert_eq!(doc["published_month"], "2021-03-01");
        assert_eq!(doc["published_year"], "2021-01-01");
    }
}
