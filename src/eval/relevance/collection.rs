//! A test collection for ranking: documents, natural-language queries and
//! graded relevance judgments, read from the layout of
//! `shared/data/ranking/<name>/` (`docs.jsonl` {id, title, body},
//! `queries.jsonl` {id, text}, `qrels.tsv` query id, document id, grade).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

/// The collections of `shared/data/ranking`, in the order they are reported.
pub const COLLECTIONS: &[&str] = &["cisi", "cran", "lisa", "med"];

/// Why a collection could not be read.
#[derive(Debug, Error)]
pub enum CollectionError {
    /// A file could not be read.
    #[error("cannot read {path}: {source} (is the ranking directory right? pass it as the first argument)")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line of a file does not have the expected shape.
    #[error("{path}, line {line}: {detail}")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        detail: String,
    },
}

/// One document.
#[derive(Debug, Clone, Deserialize)]
pub struct Doc {
    /// The collection's document id.
    pub id: String,
    /// Its title (empty where the collection has none).
    #[serde(default)]
    pub title: String,
    /// Its text.
    pub body: String,
}

/// One query.
#[derive(Debug, Clone, Deserialize)]
pub struct Topic {
    /// The collection's query id.
    pub id: String,
    /// The request as its author wrote it.
    pub text: String,
}

/// A collection held in memory.
#[derive(Debug, Clone)]
pub struct Collection {
    /// Its name (the directory's).
    pub name: String,
    /// Where `docs.jsonl` is.
    pub docs_path: PathBuf,
    /// The documents, in file order.
    pub docs: Vec<Doc>,
    /// The judged queries, in file order.
    pub topics: Vec<Topic>,
    /// Query id -> document id -> grade (only grades above zero).
    pub qrels: HashMap<String, HashMap<String, u32>>,
}

impl Collection {
    /// Reads the collection in `dir` (its name is the directory's).
    pub fn load(dir: &Path) -> Result<Collection, CollectionError> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let docs_path = dir.join("docs.jsonl");
        let docs = read_jsonl(&docs_path)?;
        let topics = read_jsonl(&dir.join("queries.jsonl"))?;
        let qrels_path = dir.join("qrels.tsv");
        let text = read(&qrels_path)?;
        let mut qrels: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let parsed = match parts.as_slice() {
                [q, d, g] => g.parse::<u32>().ok().map(|g| (*q, *d, g)),
                _ => None,
            };
            let Some((q, d, grade)) = parsed else {
                return Err(CollectionError::Line {
                    path: qrels_path,
                    line: i + 1,
                    detail: format!("expected `query-id doc-id grade`, got {line:?}"),
                });
            };
            if grade > 0 {
                qrels
                    .entry(q.to_string())
                    .or_default()
                    .insert(d.to_string(), grade);
            }
        }
        Ok(Collection {
            name,
            docs_path,
            docs,
            topics,
            qrels,
        })
    }

    /// The judged queries: those with at least one relevant document.
    pub fn judged(&self) -> impl Iterator<Item = (&Topic, &HashMap<String, u32>)> {
        self.topics
            .iter()
            .filter_map(|t| self.qrels.get(&t.id).map(|j| (t, j)))
    }
}

fn read(path: &Path) -> Result<String, CollectionError> {
    fs::read_to_string(path).map_err(|source| CollectionError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, CollectionError> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(line).map_err(|e| CollectionError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                detail: e.to_string(),
            })?,
        );
    }
    Ok(out)
}
