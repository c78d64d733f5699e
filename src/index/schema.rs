//! The index schema: the only place that knows tantivy field names and how
//! each field is tokenized, stored and made fast.
//!
//! Searchable text (`title`, `dek`, `author`, `outlet`, `body`) goes through
//! the `lede` analyzer (words, lowercased, accents folded). Exact filters use
//! separate untokenized `*_key` fields holding lowercased names, so that
//! `--author "Ann Lee"` matches the person and not every Ann.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

/// Bumped whenever the schema or analysis changes incompatibly; an index
/// written with another version is refused with advice to rebuild it.
pub const SCHEMA_VERSION: u32 = 1;

/// Name of the analyzer registered on every index lede opens.
pub const ANALYZER: &str = "lede";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable article id (exact, stored).
    pub id: Field,
    /// Source file path (exact, stored).
    pub path: Field,
    /// Canonical url (exact, stored).
    pub url: Field,
    /// Input format name (exact, stored).
    pub format: Field,
    /// Headline (searchable, stored).
    pub title: Field,
    /// Standfirst (searchable, stored).
    pub dek: Field,
    /// Author names, one value each (searchable, stored).
    pub author: Field,
    /// Lowercased author names for exact filtering.
    pub author_key: Field,
    /// Outlet name (searchable, stored).
    pub outlet: Field,
    /// Lowercased outlet name for exact filtering.
    pub outlet_key: Field,
    /// Publication instant (indexed, fast, stored) for ranges and sorting.
    pub published: Field,
    /// Publication date as the source stated it (day or moment), stored.
    pub published_text: Field,
    /// ISO 639-1 language code (exact, stored).
    pub lang: Field,
    /// Article text with positions (phrases), stored for snippets.
    pub body: Field,
}

/// The fields a user may name in a query (`title:pardon`), in the order
/// the query parser searches them by default.
pub const QUERY_FIELDS: &[&str] = &["title", "dek", "author", "outlet", "body"];

fn text(stored: bool, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(record),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

/// Builds the schema and returns it with its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        path: b.add_text_field("path", STRING | STORED),
        url: b.add_text_field("url", STRING | STORED),
        format: b.add_text_field("format", STRING | STORED),
        title: b.add_text_field("title", text(true, true)),
        dek: b.add_text_field("dek", text(true, true)),
        author: b.add_text_field("author", text(true, true)),
        author_key: b.add_text_field("author_key", STRING),
        outlet: b.add_text_field("outlet", text(true, true)),
        outlet_key: b.add_text_field("outlet_key", STRING | FAST),
        published: b.add_date_field(
            "published",
            DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
        ),
        published_text: b.add_text_field("published_text", STORED),
        lang: b.add_text_field("lang", STRING | STORED | FAST),
        body: b.add_text_field("body", text(true, true)),
    };
    (b.build(), fields)
}

/// Looks up the field handles in an opened index's schema.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        id: f("id")?,
        path: f("path")?,
        url: f("url")?,
        format: f("format")?,
        title: f("title")?,
        dek: f("dek")?,
        author: f("author")?,
        author_key: f("author_key")?,
        outlet: f("outlet")?,
        outlet_key: f("outlet_key")?,
        published: f("published")?,
        published_text: f("published_text")?,
        lang: f("lang")?,
        body: f("body")?,
    })
}

/// Registers lede's analyzer on an index (needed on every open).
pub fn register_analyzers(index: &Index) {
    let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(ANALYZER, analyzer);
}

/// The key stored for exact filters: lowercased, whitespace collapsed.
pub fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
