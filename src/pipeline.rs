//! One file through the first two stages: read it (`ingest`), decode it,
//! then extract its articles (`extract`). `lede extract` ([`process`]) and
//! `lede index` ([`process_in_parts`], whose hook sees the raw bytes so the
//! index can skip a file whose content it already has) both go through
//! here, so they agree on what a file yields.

use std::path::Path;

use crate::article::Article;
use crate::extract::{self, Extracted};
use crate::ingest::{self, DecodeError, Source};

/// What became of one file, all its articles at once.
#[derive(Debug)]
pub enum FileOutcome {
    /// The file's articles, and warnings about parts of it that were skipped.
    Articles(Vec<Article>, Vec<String>),
    /// The file yielded nothing: a short kind (for counting) and the reason.
    Skipped(&'static str, String),
}

/// Reads, decodes and extracts one file. Never panics on bad input.
pub fn process(path: &Path) -> FileOutcome {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    let outcome = process_in_parts(
        path,
        usize::MAX,
        |_| true,
        |found, _| {
            articles.extend(found.articles);
            warnings.extend(found.warnings);
            true
        },
    );
    match outcome {
        Processed::Skipped { kind, reason, .. } => FileOutcome::Skipped(kind, reason),
        _ => FileOutcome::Articles(articles, warnings),
    }
}

/// What [`process_in_parts`] did with a file.
#[derive(Debug)]
pub enum Processed {
    /// Every part was handed on, the last one marked as such.
    Extracted,
    /// The hook stopped it before decoding.
    Stopped,
    /// The file yielded nothing.
    Skipped {
        /// A short kind, for counting.
        kind: &'static str,
        /// What went wrong, for the user.
        reason: String,
        /// The file could not be read now (permissions, an I/O error): it
        /// may come back, so what it gave before should be kept. False when
        /// its content yields nothing (gone, empty, binary, no article).
        unreadable: bool,
    },
    /// The receiver of the parts asked to stop.
    Abandoned,
}

/// Reads one file and hands its raw bytes to `hook` (which returns false to
/// stop there: the index knows this content), then decodes and extracts
/// it, handing the articles to `emit` in parts (a JSON Lines file in parts
/// of about `part_bytes` of its lines, any other file in one), each with
/// `true` when it is the last. `emit` returns false to stop. Never panics
/// on bad input.
pub fn process_in_parts(
    path: &Path,
    part_bytes: usize,
    hook: impl FnOnce(&[u8]) -> bool,
    mut emit: impl FnMut(Extracted, bool) -> bool,
) -> Processed {
    let decode_failed = |err: DecodeError| Processed::Skipped {
        kind: err.kind(),
        reason: err.to_string(),
        unreadable: matches!(err, DecodeError::Io(_)),
    };
    let bytes = match ingest::read_bytes(path) {
        Ok(bytes) => bytes,
        Err(err) => return decode_failed(err),
    };
    if !hook(&bytes) {
        return Processed::Stopped;
    }
    let source = match Source::decode(path, &bytes) {
        Ok(source) => source,
        Err(err) => return decode_failed(err),
    };
    drop(bytes);
    // Each part is held back until the next arrives, so the last is known.
    let mut held: Option<Extracted> = None;
    let mut alive = true;
    let outcome = extract::extract_in_parts(&source, part_bytes, |found| {
        if let Some(previous) = held.replace(found) {
            alive = emit(previous, false);
        }
        alive
    });
    if !alive {
        return Processed::Abandoned;
    }
    match (outcome, held) {
        (Ok(()), Some(last)) => {
            if emit(last, true) {
                Processed::Extracted
            } else {
                Processed::Abandoned
            }
        }
        (Ok(()), None) => Processed::Skipped {
            kind: "no article",
            reason: "no article found".into(),
            unreadable: false,
        },
        (Err(err), _) => Processed::Skipped {
            kind: err.kind(),
            reason: err.to_string(),
            unreadable: false,
        },
    }
}
