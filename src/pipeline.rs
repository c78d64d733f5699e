//! One file through the first two stages: read and decode it (`ingest`),
//! then extract its articles (`extract`). Both `lede index` and
//! `lede extract` go through here, so they agree on what a file yields.

use std::path::Path;

use crate::article::Article;
use crate::extract;
use crate::ingest;

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// The file's articles, and warnings about parts of it that were skipped.
    Articles(Vec<Article>, Vec<String>),
    /// The file yielded nothing: a short kind (for counting) and the reason.
    Skipped(&'static str, String),
}

/// Reads, decodes and extracts one file. Never panics on bad input.
pub fn process(path: &Path) -> FileOutcome {
    let source = match ingest::read(path) {
        Ok(source) => source,
        Err(e) => return FileOutcome::Skipped(e.kind(), e.to_string()),
    };
    match extract::extract(&source) {
        Ok(found) => FileOutcome::Articles(found.articles, found.warnings),
        Err(e) => FileOutcome::Skipped(e.kind(), e.to_string()),
    }
}
