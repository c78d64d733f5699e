//! Opening and creating index directories, and the `lede.json` record of
//! schema version and roots that lives beside tantivy's own files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::Index;
use thiserror::Error;

use super::directory::{self, IndexDirectory};
use super::schema::{self, Fields, SCHEMA_VERSION};

/// The name of lede's own record inside an index directory.
const INFO_FILE: &str = "lede.json";

/// lede's write lock: held by `lede index` for its whole run (tantivy's own
/// writer lock only while tantivy's writer runs, see `writer`), so a second
/// `lede index` on the same index stops at once.
pub fn write_lock() -> tantivy::directory::Lock {
    tantivy::directory::Lock {
        filepath: PathBuf::from("lede.lock"),
        is_blocking: false,
    }
}

/// Errors opening or writing an index.
#[derive(Debug, Error)]
pub enum IndexError {
    /// No index exists at the path.
    #[error("no index at {0}; build one with `lede index DIR --index {0}`")]
    Missing(String),
    /// The directory holds something that is not a lede index.
    #[error("{0} is not a lede index (no {INFO_FILE}); choose another --index path or remove it")]
    NotLede(String),
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
    /// Any other tantivy or filesystem failure, with the path.
    #[error("index at {path}: {source}")]
    Tantivy {
        /// Index path.
        path: String,
        /// The underlying error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A filesystem failure on the index directory.
    #[error("index at {path}: {source}")]
    Io {
        /// Index path.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// lede's record of an index: the schema version and the roots indexed.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct IndexInfo {
    /// The schema version the index was written with.
    pub schema_version: u32,
    /// The directories and files the index was built from.
    #[serde(default)]
    pub roots: Vec<PathBuf>,
}

/// An opened index with its field handles.
pub struct OpenIndex {
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// Where it lives.
    pub path: PathBuf,
    /// lede's record.
    pub info: IndexInfo,
}

impl OpenIndex {
    /// Saves lede's record (after the roots changed).
    pub fn save_info(&self) -> Result<(), IndexError> {
        let io = |source| IndexError::Io {
            path: self.path.display().to_string(),
            source,
        };
        let json = serde_json::to_vec_pretty(&self.info).map_err(|e| io(e.into()))?;
        directory::atomic_write(&self.path.join(INFO_FILE), &json).map_err(io)
    }
}

fn read_info(path: &Path) -> Result<IndexInfo, IndexError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path.join(INFO_FILE)).map_err(|_| IndexError::NotLede(shown.clone()))?;
    let info: IndexInfo =
        serde_json::from_slice(&bytes).map_err(|_| IndexError::NotLede(shown.clone()))?;
    if info.schema_version != SCHEMA_VERSION {
        return Err(IndexError::Version {
            path: shown,
            found: info.schema_version,
        });
    }
    Ok(info)
}

/// Bytes of all files under an index directory (what `lede stats` reports
/// and the benchmark compares with the extracted text).
pub fn size_on_disk(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// True when `path` holds a tantivy index.
pub fn exists(path: &Path) -> bool {
    path.join("meta.json").is_file()
}

/// Opens an existing index for searching.
pub fn open(path: &Path) -> Result<OpenIndex, IndexError> {
    let shown = path.display().to_string();
    if !exists(path) {
        return Err(IndexError::Missing(shown));
    }
    let info = read_info(path)?;
    let dir = IndexDirectory::open(path).map_err(|source| IndexError::Io {
        path: shown.clone(),
        source,
    })?;
    let index = Index::open(dir).map_err(|source| IndexError::Tantivy {
        path: shown.clone(),
        source,
    })?;
    schema::register_analyzers(&index);
    let fields = schema::fields_of(&index.schema()).ok_or(IndexError::Version {
        path: shown,
        found: 0,
    })?;
    Ok(OpenIndex {
        index,
        fields,
        path: path.to_path_buf(),
        info,
    })
}

/// Opens the index at `path`, creating it (and the directory) when absent.
///
/// With `full`, an index that this lede cannot open (another schema
/// version) is removed and created anew; an index it can open is returned
/// as it is, and the caller empties it through its writer, so that the
/// rebuild replaces the old content only when it commits, and a second
/// process holding the index is detected before anything is touched.
pub fn open_or_create(path: &Path, full: bool) -> Result<OpenIndex, IndexError> {
    let shown = path.display().to_string();
    let io = |source| IndexError::Io {
        path: shown.clone(),
        source,
    };
    if exists(path) {
        match open(path) {
            Err(IndexError::Version { .. }) if full => {
                // Only remove what is recognisably a lede index, never an
                // arbitrary directory, and never one another process writes.
                if !path.join(INFO_FILE).is_file() {
                    return Err(IndexError::NotLede(shown));
                }
                ensure_unlocked(path)?;
                std::fs::remove_dir_all(path).map_err(io)?;
            }
            other => return other,
        }
    }
    if path.is_dir() && std::fs::read_dir(path).map_err(io)?.next().is_some() {
        return Err(IndexError::NotLede(shown));
    }
    std::fs::create_dir_all(path).map_err(io)?;
    let (schema, fields) = schema::build();
    let dir = IndexDirectory::open(path).map_err(|source| IndexError::Io {
        path: shown.clone(),
        source,
    })?;
    let index =
        Index::create(dir, schema, schema::settings()).map_err(|source| IndexError::Tantivy {
            path: shown.clone(),
            source,
        })?;
    schema::register_analyzers(&index);
    let opened = OpenIndex {
        index,
        fields,
        path: path.to_path_buf(),
        info: IndexInfo {
            schema_version: SCHEMA_VERSION,
            roots: Vec::new(),
        },
    };
    opened.save_info()?;
    Ok(opened)
}

/// Fails with [`IndexError::Locked`] when another process holds the
/// index's write lock (lede's, or tantivy's, which older versions held).
fn ensure_unlocked(path: &Path) -> Result<(), IndexError> {
    use tantivy::directory::{Directory, INDEX_WRITER_LOCK};
    let shown = path.display().to_string();
    let dir = IndexDirectory::open(path).map_err(|source| IndexError::Io {
        path: shown.clone(),
        source,
    })?;
    for lock in [&write_lock(), &*INDEX_WRITER_LOCK] {
        let _released_on_drop = dir.acquire_lock(lock).map_err(|e| lock_error(e, &shown))?;
    }
    Ok(())
}

/// A write lock held by another process, or a directory lede cannot write.
pub(super) fn lock_error(e: tantivy::directory::error::LockError, path: &str) -> IndexError {
    use tantivy::directory::error::LockError;
    match e {
        LockError::LockBusy => IndexError::Locked(path.to_string()),
        LockError::IoError(io) => IndexError::Io {
            path: path.to_string(),
            source: std::io::Error::new(
                io.kind(),
                format!("cannot take the write lock ({io}); check that the directory is writable"),
            ),
        },
    }
}
