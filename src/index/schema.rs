//! The index schema: the only place that knows tantivy field names and how
//! each field is tokenized, stored and made fast.
//!
//! Headline, dek and body are indexed once per article, in the fields of the
//! article's language (`title_en`, `body_de`, ...), each with that language's
//! stemmer, so "pardons" finds "pardon" in English text without English
//! stemming mangling German or French. Languages without a stemmer go to the
//! `*_und` fields (words, lowercased, accents folded). Users never see these
//! names: queries say `title:`, `dek:`, `body:`, and `search::query` expands
//! them. Exact filters use untokenized, lowercased `*_key` fields; facets
//! read the fast `*_name` columns, which keep each name as written.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, IndexSettings};

use super::stem::CachedStemmer;

/// Bumped whenever the schema or analysis changes incompatibly; an index
/// written with another version is refused with advice to rebuild it.
pub const SCHEMA_VERSION: u32 = 4;

/// Languages with their own stemmer (ISO 639-1 code and tantivy's stemmer).
/// The code `und` (undetermined) collects every other language, unstemmed.
pub const STEMMED: &[(&str, Language)] = &[
    ("en", Language::English),
    ("de", Language::German),
    ("fr", Language::French),
    ("es", Language::Spanish),
    ("it", Language::Italian),
    ("pt", Language::Portuguese),
    ("nl", Language::Dutch),
    ("sv", Language::Swedish),
    ("da", Language::Danish),
    ("no", Language::Norwegian),
    ("fi", Language::Finnish),
    ("ru", Language::Russian),
];

/// The language code used for text in languages without a stemmer.
pub const UNSTEMMED: &str = "und";

/// The analyzer names: `lede` for names, `lede_<code>` per language.
const NAME_ANALYZER: &str = "lede";

/// Text fields indexed per language, as the user names them in queries.
pub const LANGUAGE_FIELDS: &[&str] = &["title", "dek", "body"];

/// The fields a user may name in a query (`title:pardon`).
pub const QUERY_FIELDS: &[&str] = &["title", "dek", "author", "outlet", "body"];

/// The title, dek and body fields of one analysis language.
#[derive(Debug, Clone, Copy)]
pub struct LanguageFields {
    /// ISO 639-1 code, or `und`.
    pub code: &'static str,
    /// Headline, analyzed for this language.
    pub title: Field,
    /// Standfirst, analyzed for this language.
    pub dek: Field,
    /// Body, analyzed for this language.
    pub body: Field,
}

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Stable article id (exact, stored).
    pub id: Field,
    /// Source file path (exact, stored).
    pub path: Field,
    /// Canonical url (exact, stored).
    pub url: Field,
    /// Input format name (exact, stored).
    pub format: Field,
    /// Headline as written (stored only; searched through the language fields).
    pub title: Field,
    /// Standfirst as written (stored only).
    pub dek: Field,
    /// Body as written (stored only, for snippets and `show`).
    pub body: Field,
    /// Author names, one value each (searchable, stored).
    pub author: Field,
    /// Lowercased author names for exact filtering.
    pub author_key: Field,
    /// Author names as written, for facets.
    pub author_name: Field,
    /// Outlet name (searchable, stored).
    pub outlet: Field,
    /// Lowercased outlet name for exact filtering.
    pub outlet_key: Field,
    /// Outlet name as written, for facets.
    pub outlet_name: Field,
    /// Publication instant, a fast column for ranges, sorting and facets
    /// (the date as stated is `published_text`).
    pub published: Field,
    /// Publication date as the source stated it (day or moment), stored.
    pub published_text: Field,
    /// ISO 639-1 language code (exact, stored, fast).
    pub lang: Field,
    /// Duplicate group: the id of the first article of the same story (a
    /// fast column only, for collapsing hits).
    pub group: Field,
    /// The group's id, stored and indexed only on the copies (articles whose
    /// group is not their own id): finding a story's copies, or an article's
    /// group, costs an index term and a stored value per copy, not per
    /// article. An article without it is the first of its group.
    pub copy_of: Field,
    /// Locality-sensitive hash bands of the body, for finding near duplicates.
    pub lsh: Field,
    /// The per-language text fields, `und` last.
    pub languages: Vec<LanguageFields>,
}

impl Fields {
    /// The text fields of the language an article was detected in.
    pub fn language(&self, lang: Option<&str>) -> &LanguageFields {
        let code = lang.unwrap_or(UNSTEMMED);
        self.languages
            .iter()
            .find(|l| l.code == code)
            .or_else(|| self.languages.last())
            .expect("the schema always has the und fields")
    }

    /// Every per-language variant of a user-facing field name (`title`, `dek`, `body`).
    pub fn variants(&self, name: &str) -> Vec<Field> {
        self.languages
            .iter()
            .filter_map(|l| match name {
                "title" => Some(l.title),
                "dek" => Some(l.dek),
                "body" => Some(l.body),
                _ => None,
            })
            .collect()
    }
}

fn codes() -> impl Iterator<Item = &'static str> {
    STEMMED
        .iter()
        .map(|(c, _)| *c)
        .chain(std::iter::once(UNSTEMMED))
}

/// The schema name of a per-language field: `title` in `de` is `title_de`.
pub fn language_field_name(name: &str, code: &str) -> String {
    format!("{name}_{code}")
}

fn analyzer_name(code: &str) -> String {
    format!("lede_{code}")
}

/// A searchable text field with positions; `norms` keeps BM25's length
/// norms, which short fields (the dek) do without, saving a byte per
/// document.
fn indexed_text(analyzer: &str, norms: Norms) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
            .set_fieldnorms(matches!(norms, Norms::Kept)),
    )
}

/// Whether a text field keeps BM25's length norms.
#[derive(Clone, Copy)]
enum Norms {
    Kept,
    Dropped,
}

/// An exact-match field (the whole value is one term) for lookups and
/// filters, never scored, so without length norms (tantivy's `STRING` keeps
/// a byte per document and field for them).
fn exact() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Bytes of stored documents compressed together: larger blocks compress
/// better (Reuters' store: 8.9 MB at 16 KiB, 8.4 at 32, 8.0 at 64), and
/// every hit shown decompresses one (at 64 KiB a whole `lede search` took
/// 10.5 ms at p50 over 100,000 articles, at 32 KiB 8.7 ms).
const DOCSTORE_BLOCK: usize = 32 * 1024;

/// How a new index stores documents: zstd blocks, which hold news text in a
/// third less space than tantivy's default lz4 (Reuters: 12.5 -> 8.0 MB).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// Builds the schema and returns it with its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let raw_fast = || TextOptions::default().set_fast("raw");
    let id = b.add_text_field("id", exact().set_stored());
    let path = b.add_text_field("path", STORED);
    let url = b.add_text_field("url", exact().set_stored());
    let format = b.add_text_field("format", STORED);
    let title = b.add_text_field("title", STORED);
    let dek = b.add_text_field("dek", STORED);
    let body = b.add_text_field("body", STORED);
    let author = b.add_text_field(
        "author",
        indexed_text(NAME_ANALYZER, Norms::Kept).set_stored(),
    );
    let author_key = b.add_text_field("author_key", exact());
    let author_name = b.add_text_field("author_name", raw_fast());
    let outlet = b.add_text_field(
        "outlet",
        indexed_text(NAME_ANALYZER, Norms::Kept).set_stored(),
    );
    let outlet_key = b.add_text_field("outlet_key", exact());
    let outlet_name = b.add_text_field("outlet_name", raw_fast());
    let published = b.add_date_field(
        "published",
        DateOptions::from(FAST).set_precision(DateTimePrecision::Seconds),
    );
    let published_text = b.add_text_field("published_text", STORED);
    let lang = b.add_text_field("lang", exact().set_stored().set_fast("raw"));
    let group = b.add_text_field("group", raw_fast());
    let copy_of = b.add_text_field("copy_of", exact().set_stored());
    let lsh = b.add_u64_field("lsh", NumericOptions::default().set_indexed());
    let languages = codes()
        .map(|code| {
            let analyzer = analyzer_name(code);
            LanguageFields {
                code,
                title: b.add_text_field(
                    &language_field_name("title", code),
                    indexed_text(&analyzer, Norms::Kept),
                ),
                dek: b.add_text_field(
                    &language_field_name("dek", code),
                    indexed_text(&analyzer, Norms::Dropped),
                ),
                body: b.add_text_field(
                    &language_field_name("body", code),
                    indexed_text(&analyzer, Norms::Kept),
                ),
            }
        })
        .collect();
    let fields = Fields {
        id,
        path,
        url,
        format,
        title,
        dek,
        body,
        author,
        author_key,
        author_name,
        outlet,
        outlet_key,
        outlet_name,
        published,
        published_text,
        lang,
        group,
        copy_of,
        lsh,
        languages,
    };
    (b.build(), fields)
}

/// Looks up the field handles in an opened index's schema; `None` when the
/// index was built with another schema.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let (expected, fields) = build();
    let same = expected.fields().all(|(_, entry)| {
        schema
            .get_field(entry.name())
            .ok()
            .map(|f| schema.get_field_entry(f))
            == Some(entry)
    });
    same.then_some(fields)
}

/// Registers lede's analyzers on an index (needed on every open).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(NAME_ANALYZER, name_analyzer());
    for (code, _) in STEMMED {
        index
            .tokenizers()
            .register(&analyzer_name(code), analyzer(code));
    }
    index
        .tokenizers()
        .register(&analyzer_name(UNSTEMMED), analyzer(UNSTEMMED));
}

/// The analyzer of names (authors, outlets): words, lowercased, accents folded.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer of one language's text (`code` from [`STEMMED`], else
/// [`UNSTEMMED`]): words, lowercased, stemmed, accents folded. A back end
/// other than tantivy stems with it too, so terms match alike.
pub fn analyzer(code: &str) -> TextAnalyzer {
    match STEMMED.iter().find(|(c, _)| *c == code) {
        // Stem before folding accents: the stemmers know their language's accents.
        Some((_, language)) => TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(48))
            .filter(LowerCaser)
            .filter(CachedStemmer::new(*language))
            .filter(AsciiFoldingFilter)
            .build(),
        None => name_analyzer(),
    }
}

/// The key stored for exact filters: lowercased, whitespace collapsed.
pub fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_fields_and_und_is_the_fallback() {
        let (schema, fields) = build();
        assert!(fields_of(&schema).is_some());
        assert_eq!(fields.language(Some("de")).code, "de");
        assert_eq!(fields.language(Some("ja")).code, UNSTEMMED);
        assert_eq!(fields.language(None).code, UNSTEMMED);
        assert_eq!(fields.variants("body").len(), STEMMED.len() + 1);
        assert!(fields.variants("author").is_empty());
    }
}
