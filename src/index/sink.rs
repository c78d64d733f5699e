//! Where an update run writes its articles: the [`Sink`] a back end
//! implements. The local tantivy [`Writer`] is one; a cluster client is
//! another (`crate::engine`). The run itself (the walk, the workers, the
//! file table, reference counts, commits: `super::update`) is the same for
//! every sink, so a new back end only says how to prepare, add, delete and
//! commit.

use std::collections::HashSet;

use crate::article::Article;

use super::error::IndexError;
use super::schema::Fields;
use super::update::UpdateError;
use super::writer::{prepare, PreparedArticle, Replace, Writer};

/// An article as a sink takes it, which knows its id.
pub trait Staged: Send {
    /// The article's stable id.
    fn id(&self) -> &str;
}

impl Staged for PreparedArticle {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Turns an article into what a sink adds (the costly, order-free part,
/// run on the extraction threads).
pub trait Preparer: Sync {
    /// What the sink adds.
    type Doc: Staged;
    /// Prepares one article.
    fn prepare(&self, article: Article) -> Self::Doc;
}

/// A back end a run writes to.
pub trait Sink {
    /// What [`Sink::add_all`] takes.
    type Doc: Staged;
    /// What makes them, on the extraction threads.
    type Preparer: Preparer<Doc = Self::Doc>;
    /// Why it failed.
    type Error: Into<UpdateError>;

    /// A preparer for the extraction threads.
    fn preparer(&self) -> Self::Preparer;
    /// The payload of the last commit (the file table generation).
    fn committed_payload(&self) -> Option<&str>;
    /// How many articles the back end held when the run started.
    fn committed_docs(&self) -> u64;
    /// The ids of every article held, when the back end can list them
    /// (to repair a table and an index that disagree); `None` otherwise.
    fn committed_ids(&self) -> Result<Option<HashSet<u64>>, Self::Error>;
    /// Adds articles; those marked [`Replace::Any`] replace any article with
    /// their id (an id given twice keeps its last article).
    fn add_all(&mut self, items: Vec<(Self::Doc, Replace)>) -> Result<(), Self::Error>;
    /// Deletes the article with this id (none: nothing happens).
    fn delete(&mut self, id: &str) -> Result<(), Self::Error>;
    /// Deletes every article; the next commit leaves the back end empty.
    fn delete_all(&mut self) -> Result<(), Self::Error>;
    /// Makes everything added and deleted so far durable, recording
    /// `payload` with it atomically.
    fn commit_with_payload(&mut self, payload: &str) -> Result<(), Self::Error>;
}

impl Preparer for Fields {
    type Doc = PreparedArticle;

    fn prepare(&self, article: Article) -> PreparedArticle {
        prepare(self, article)
    }
}

impl Sink for Writer {
    type Doc = PreparedArticle;
    type Preparer = Fields;
    type Error = IndexError;

    fn preparer(&self) -> Fields {
        self.fields().clone()
    }

    fn committed_payload(&self) -> Option<&str> {
        Writer::committed_payload(self)
    }

    fn committed_docs(&self) -> u64 {
        Writer::committed_docs(self)
    }

    fn committed_ids(&self) -> Result<Option<HashSet<u64>>, IndexError> {
        Ok(Some(Writer::committed_ids(self)?.into_iter().collect()))
    }

    fn add_all(&mut self, items: Vec<(PreparedArticle, Replace)>) -> Result<(), IndexError> {
        Writer::add_all(self, items)
    }

    fn delete(&mut self, id: &str) -> Result<(), IndexError> {
        Writer::delete(self, id)
    }

    fn delete_all(&mut self) -> Result<(), IndexError> {
        Writer::delete_all(self)
    }

    fn commit_with_payload(&mut self, payload: &str) -> Result<(), IndexError> {
        Writer::commit_with_payload(self, Some(payload))
    }
}
