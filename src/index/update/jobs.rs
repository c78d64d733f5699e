//! What passes between the stages of a run: the walk's jobs, and the
//! workers' results, handed back in numbered parts.

use std::path::PathBuf;

use crate::index::state::{ContentHash, Stamp};

/// What the walk found, for the extraction stage.
pub(super) enum Job {
    /// A file to compare with the table, and read when it changed.
    File(PathBuf),
    /// A file of a kind lede does not read.
    Ignored,
    /// A path that could not be walked, and why.
    Problem(PathBuf, String),
    /// A symbolic link out of the roots, and where it leads.
    Unfollowed(PathBuf, PathBuf),
}

/// Part of a batch's results: a worker hands a batch back in parts of about
/// `PART_BYTES` read, numbered within the batch, the last one marked.
pub(super) struct Part<D> {
    pub seq: u64,
    pub part: u32,
    pub last: bool,
    pub done: Vec<Done<D>>,
}

/// What became of one job (`D`: an article as the sink takes it).
pub(super) enum Done<D> {
    /// Same size and time as the index has it.
    Unchanged,
    /// Read, and the content is what the index has: only the stamp changes.
    Touched {
        path: PathBuf,
        stamp: Stamp,
        hash: ContentHash,
    },
    /// A file's articles (for a file handed on in parts, its last part).
    Extracted {
        path: PathBuf,
        stamp: Stamp,
        hash: ContentHash,
        articles: Vec<D>,
        warnings: Vec<String>,
    },
    /// A part of a large file's articles; `Extracted` brings its last part.
    Records {
        path: PathBuf,
        articles: Vec<D>,
        warnings: Vec<String>,
    },
    /// The file yielded nothing.
    Skipped {
        path: PathBuf,
        kind: &'static str,
        reason: String,
        /// The file's content yields nothing now (or it is gone): its
        /// articles go. Otherwise (unreadable) they are kept.
        drop_articles: bool,
    },
    /// A file of a kind lede does not read.
    Ignored,
    /// A path the walk could not enter: files under it are not "deleted".
    Problem(PathBuf, String),
    /// A symbolic link out of the roots, not followed: its files are not
    /// walked, so the articles they gave (if an earlier run followed it) go.
    Unfollowed(PathBuf, PathBuf),
}
