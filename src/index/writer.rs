//! Writing articles: one tantivy `IndexWriter` (itself multithreaded) with a
//! memory budget; an article replaces any earlier document with its id.

use tantivy::schema::Term;
use tantivy::{DateTime, IndexWriter, TantivyDocument};

use super::open::{IndexError, OpenIndex};
use super::schema::{key, Fields};
use crate::article::Article;

/// Default memory budget of the writer, shared by its threads.
pub const DEFAULT_MEMORY_BYTES: usize = 256 * 1024 * 1024;

/// Adds articles to an index and commits them.
pub struct Writer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    path: String,
}

impl Writer {
    /// Takes the index's write lock with the given memory budget.
    pub fn new(index: &OpenIndex, memory_bytes: usize) -> Result<Writer, IndexError> {
        let path = index.path.display().to_string();
        let writer = index
            .index
            .writer(memory_bytes)
            .map_err(|source| match source {
                tantivy::TantivyError::LockFailure(..) => IndexError::Locked(path.clone()),
                source => IndexError::Tantivy {
                    path: path.clone(),
                    source,
                },
            })?;
        Ok(Writer {
            writer,
            fields: index.fields.clone(),
            path,
        })
    }

    /// Adds an article, replacing any document with the same id.
    pub fn add(&mut self, article: &Article) -> Result<(), IndexError> {
        let f = &self.fields;
        self.writer
            .delete_term(Term::from_field_text(f.id, &article.id));
        let doc = to_document(f, article);
        self.writer
            .add_document(doc)
            .map(|_| ())
            .map_err(|source| IndexError::Tantivy {
                path: self.path.clone(),
                source,
            })
    }

    /// Makes everything added so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer
            .commit()
            .map(|_| ())
            .map_err(|source| IndexError::Tantivy {
                path: self.path.clone(),
                source,
            })
    }

    /// Commits and waits for the writer's threads (merges) to finish.
    pub fn finish(mut self) -> Result<(), IndexError> {
        self.commit()?;
        self.writer
            .wait_merging_threads()
            .map_err(|source| IndexError::Tantivy {
                path: self.path,
                source,
            })
    }
}

fn to_document(f: &Fields, a: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, &a.id);
    doc.add_text(f.group, &a.id);
    doc.add_text(f.path, &a.path);
    doc.add_text(f.format, a.format.as_str());
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    let lang = f.language(a.lang.as_deref());
    if let Some(title) = &a.title {
        doc.add_text(f.title, title);
        doc.add_text(lang.title, title);
    }
    if let Some(dek) = &a.dek {
        doc.add_text(f.dek, dek);
        doc.add_text(lang.dek, dek);
    }
    doc.add_text(f.body, &a.body);
    doc.add_text(lang.body, &a.body);
    for author in &a.authors {
        doc.add_text(f.author, author);
        doc.add_text(f.author_key, key(author));
        doc.add_text(f.author_name, author);
    }
    if let Some(outlet) = &a.outlet {
        doc.add_text(f.outlet, outlet);
        doc.add_text(f.outlet_key, key(outlet));
        doc.add_text(f.outlet_name, outlet);
    }
    if let Some(published) = &a.published {
        doc.add_date(
            f.published,
            DateTime::from_timestamp_secs(published.timestamp().as_second()),
        );
        doc.add_text(f.published_text, published.to_string());
    }
    if let Some(lang) = &a.lang {
        doc.add_text(f.lang, lang);
    }
    doc
}
