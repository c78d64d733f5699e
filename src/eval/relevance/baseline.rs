//! The plain BM25 baseline the harness compares lede with: a bare tantivy
//! index of one text field (title and body together), tokenized, lowercased,
//! English-stemmed (tantivy's snowball stemmer) and accent-folded, searched
//! with the OR of the query's words minus English stop words, scored by
//! tantivy's BM25 (k1 1.2, b 0.75). It is what a few lines of tantivy give,
//! and close to SQLite FTS5 with the porter stemmer, which the ranking issue
//! measured.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};
use tantivy::{Index, IndexReader, TantivyDocument, Term};

use super::collection::Collection;
use super::metrics::DEPTH;

const ANALYZER: &str = "baseline";

/// A one-field BM25 index of a collection, in memory.
pub struct Baseline {
    index: Index,
    reader: IndexReader,
    id: tantivy::schema::Field,
    text: tantivy::schema::Field,
}

impl Baseline {
    /// Indexes every document's title and body as one field.
    pub fn build(collection: &Collection) -> tantivy::Result<Baseline> {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let text = b.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let index = Index::create_in_ram(b.build());
        index.tokenizers().register(ANALYZER, analyzer());
        let mut writer = index.writer_with_num_threads(1, 64 << 20)?;
        for doc in &collection.docs {
            let mut d = TantivyDocument::default();
            d.add_text(id, &doc.id);
            d.add_text(text, format!("{}\n{}", doc.title, doc.body));
            writer.add_document(d)?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(Baseline {
            index,
            reader,
            id,
            text,
        })
    }

    /// The collection's document ids for a query, best first.
    pub fn rank(&self, query: &str) -> tantivy::Result<Vec<String>> {
        let mut analyzer = self
            .index
            .tokenizers()
            .get(ANALYZER)
            .expect("registered in build");
        let mut stops = words_without_stop_words();
        let mut kept = Vec::new();
        let mut stream = stops.token_stream(query);
        while let Some(t) = stream.next() {
            kept.push(t.text.clone());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in kept {
            let mut s = analyzer.token_stream(&word);
            while let Some(t) = s.next() {
                let term = Term::from_field_text(self.text, &t.text);
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(DEPTH).order_by_score(),
        )?;
        let mut out = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = doc.get_first(self.id).and_then(|v| v.as_str()) {
                out.push(id.to_string());
            }
        }
        Ok(out)
    }
}

/// A query's words, lowercased, without English stop words.
fn words_without_stop_words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("tantivy has English stop words"))
        .build()
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .filter(AsciiFoldingFilter)
        .build()
}
