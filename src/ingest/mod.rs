//! Ingest: find the files under the roots the user names, and turn each one
//! into a [`Source`]: its path, detected [`Format`] and decoded text.
//!
//! This stage owns everything about bytes on disk (walking, gzip, charsets,
//! size caps, binary detection); the extractors downstream only see text.

mod decode;
mod detect;
mod stat;
mod walk;

use std::path::{Path, PathBuf};

pub use decode::{read_bytes, DecodeError, MAX_FILE_BYTES};
pub use detect::{detect_format, is_candidate, may_hold_many};
pub use stat::{FileMeta, Stats};
pub use walk::{unfollowed_reason, walk, WalkEvent, WalkOptions};

use crate::article::Format;

/// One input file, read and decoded, ready for extraction.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's path as reached from the root the user gave.
    pub path: PathBuf,
    /// The detected format.
    pub format: Format,
    /// The file's text, decoded to UTF-8 (and decompressed if it was gzip).
    pub text: String,
}

impl Source {
    /// Builds a source from text already in memory (tests, tools).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Source {
        let path = path.into();
        let text = text.into();
        let format = detect_format(&path, &text);
        Source { path, format, text }
    }

    /// Decodes a file's bytes (as returned by [`read_bytes`]) and detects
    /// its format.
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<Source, DecodeError> {
        let text = decode::decode(path, bytes)?;
        let format = detect_format(path, &text);
        Ok(Source {
            path: path.to_path_buf(),
            format,
            text,
        })
    }

    /// The path as a string for messages and the index (lossy for non-UTF-8 names).
    pub fn display_path(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

/// Reads, decompresses and decodes one file.
pub fn read(path: &Path) -> Result<Source, DecodeError> {
    let bytes = decode::read_bytes(path)?;
    Source::decode(path, &bytes)
}
