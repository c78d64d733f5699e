//! What can go wrong with an index, in words a user can act on.
//!
//! tantivy's own errors print Rust debug dumps (`FileAlreadyExists("…")`),
//! often nested so that one cause shows three times; [`describe`] turns
//! each kind into one plain sentence, and the variants below say what to
//! do. The tantivy error itself is kept, but not as the error's `source`,
//! so an error chain printed with `{:#}` shows the sentence once.

use std::path::Path;

use tantivy::directory::error::{OpenReadError, OpenWriteError};
use tantivy::TantivyError;
use thiserror::Error;

use super::schema::SCHEMA_VERSION;

/// Errors opening, checking or writing an index.
#[derive(Debug, Error)]
pub enum IndexError {
    /// No index exists at the path.
    #[error("no index at {0}; build one with `lede index DIR --index {0}`")]
    Missing(String),
    /// The directory holds something that is not a lede index.
    #[error("{0} is not a lede index{1}; choose another --index path, or remove what is there")]
    NotLede(String, String),
    /// The index was written by an incompatible version of lede.
    #[error("the index at {path} has schema version {found}, this lede needs {SCHEMA_VERSION}; rebuild it with `lede index --full --index {path}`")]
    Version {
        /// Index path.
        path: String,
        /// The version found on disk.
        found: u32,
    },
    /// Another process is writing to the index.
    #[error("another lede process is writing to the index at {0}; wait for it to finish")]
    Locked(String),
    /// Files of the index are missing or damaged.
    #[error("the index at {path} is damaged: {}; rebuild it with `lede index --full --index {path}` (`lede check --index {path}` lists every damaged file)", problems.join("; "))]
    Damaged {
        /// Index path.
        path: String,
        /// One line per damaged file.
        problems: Vec<String>,
    },
    /// Any other tantivy failure, described.
    #[error("index at {path}: {}", describe(error))]
    Tantivy {
        /// Index path.
        path: String,
        /// The underlying error (described in the message, not chained:
        /// its own text repeats itself).
        error: TantivyError,
    },
    /// A filesystem failure on the index directory.
    #[error("index at {path}: {}", describe_io(error))]
    Io {
        /// Index path.
        path: String,
        /// The underlying error (described in the message, not chained).
        error: std::io::Error,
    },
}

impl IndexError {
    /// A tantivy failure on the index at `path`; missing and damaged
    /// files become [`IndexError::Damaged`].
    pub fn tantivy(path: &Path, source: TantivyError) -> IndexError {
        let path = path.display().to_string();
        match damaged_file(&source) {
            Some(problem) => IndexError::Damaged {
                path,
                problems: vec![problem],
            },
            None => IndexError::Tantivy {
                path,
                error: source,
            },
        }
    }

    /// A filesystem failure on the index at `path`.
    pub fn io(path: &Path, source: std::io::Error) -> IndexError {
        IndexError::Io {
            path: path.display().to_string(),
            error: source,
        }
    }

    /// The operating system's error number behind this error, when there
    /// is one (also when tantivy kept only its text).
    pub fn os_code(&self) -> Option<i32> {
        match self {
            IndexError::Tantivy {
                error:
                    TantivyError::SystemError(m)
                    | TantivyError::InternalError(m)
                    | TantivyError::ErrorInThread(m),
                ..
            } => os_code(&std::io::Error::other(m.clone())),
            other => other.io_error().and_then(os_code),
        }
    }

    /// The underlying I/O error, when there is one (to tell a full disk
    /// or missing permissions from damage).
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            IndexError::Io { error, .. } => Some(error),
            IndexError::Tantivy { error, .. } => match error {
                TantivyError::IoError(e) => Some(e),
                TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. })
                | TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => {
                    Some(io_error)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// A missing or unreadable index file named by a tantivy error, as a
/// problem line (`None` for other errors).
fn damaged_file(e: &TantivyError) -> Option<String> {
    match e {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            Some(format!("{} is missing", p.display()))
        }
        TantivyError::DataCorruption(c) => Some(corruption(c)),
        _ => None,
    }
}

/// "FILE is damaged" for tantivy's data corruption error, whose fields are
/// private and whose only text is its debug form: ``Data corruption (in
/// file `"FILE"`): COMMENT.``
fn corruption(c: &tantivy::error::DataCorruption) -> String {
    let dump = format!("{c:?}");
    let file = dump
        .split_once("(in file `\"")
        .and_then(|(_, rest)| rest.split_once("\"`)"))
        .map(|(file, _)| file.to_string());
    match file {
        Some(file) => format!("{file} is damaged (it cannot be parsed)"),
        None => format!(
            "a file is damaged: {}",
            dump.trim_start_matches("Data corruption: ")
        ),
    }
}

/// One sentence for a tantivy error, without its debug dump.
pub fn describe(e: &TantivyError) -> String {
    match e {
        TantivyError::OpenWriteError(OpenWriteError::FileAlreadyExists(p)) => format!(
            "{} already exists (left by an interrupted run?)",
            p.display()
        ),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
            format!(
                "cannot write {}: {}",
                filepath.display(),
                describe_io(io_error)
            )
        }
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            format!("{} is missing", p.display())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!(
                "cannot read {}: {}",
                filepath.display(),
                describe_io(io_error)
            )
        }
        TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_)) => {
            "written by an incompatible version of tantivy".to_string()
        }
        TantivyError::IoError(io) => describe_io(io),
        TantivyError::LockFailure(_, Some(message)) => format!("cannot take a lock: {message}"),
        TantivyError::LockFailure(_, None) => "cannot take a lock".to_string(),
        TantivyError::DataCorruption(c) => corruption(c),
        // Some failures reach here as text only (a writer thread's I/O
        // error, say): what the text says of the OS error still applies.
        TantivyError::SystemError(message)
        | TantivyError::InternalError(message)
        | TantivyError::ErrorInThread(message) => {
            describe_io(&std::io::Error::other(message.clone()))
        }
        other => other.to_string(),
    }
}

/// The operating system's error number behind an I/O error, also when it is
/// wrapped in another I/O error (as tantivy wraps them).
pub fn os_code(e: &std::io::Error) -> Option<i32> {
    e.raw_os_error()
        .or_else(|| {
            e.get_ref()
                .and_then(|inner| inner.downcast_ref::<std::io::Error>())
                .and_then(os_code)
        })
        .or_else(|| {
            // Some wrappers keep only the text, which ends as the standard
            // library writes an OS error: "... (os error 28)".
            let text = e.to_string();
            let code = text.rsplit_once("(os error ")?.1.split_once(')')?.0;
            code.parse().ok()
        })
}

/// One sentence for an I/O error: what the user can do about the common ones.
pub fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // ENOSPC and EROFS by number: their `ErrorKind`s are newer than lede's
    // minimum Rust.
    match (e.kind(), os_code(e)) {
        (_, Some(28)) if cfg!(unix) => "the disk is full".to_string(),
        (_, Some(30)) if cfg!(unix) => "the file system is read-only".to_string(),
        (ErrorKind::PermissionDenied, _) => "permission denied".to_string(),
        (ErrorKind::NotFound, _) => "no such file or directory".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_recognized_however_it_is_wrapped() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(os_code(&full), Some(28));
        let wrapped = std::io::Error::other(std::io::Error::from_raw_os_error(28));
        assert_eq!(os_code(&wrapped), Some(28));
        let text_only = std::io::Error::other(format!("writing failed: {full}"));
        assert_eq!(os_code(&text_only), Some(28));
        if cfg!(unix) {
            assert_eq!(describe_io(&text_only), "the disk is full");
        }
        assert_eq!(
            os_code(&std::io::Error::other("no code (os error x)")),
            None
        );
    }
}
