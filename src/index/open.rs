//! Opening and creating index directories, lede's write lock, and the
//! `lede.json` record of schema version and roots that lives beside
//! tantivy's own files.
//!
//! A writer takes the write lock before it looks at the directory (even
//! before the directory holds an index), so of two `lede index` runs
//! started at the same instant on a new path, the second is told another
//! process is writing instead of finding half an index. `--full` rebuilds
//! whatever state the directory is in: an index this lede can open and
//! check is emptied by the rebuild's own commit (so it stays searchable
//! until then); anything else is cleared first, file by file, removing only
//! the names an index is made of.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, DirectoryLock};
use tantivy::Index;

use super::directory::{self, is_segment_file, IndexDirectory};
use super::error::IndexError;
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::state::STATE_DIR;
use super::verify;

/// The name of lede's own record inside an index directory.
const INFO_FILE: &str = "lede.json";

/// lede's write lock file (see [`write_lock`]).
const LOCK_FILE: &str = "lede.lock";

/// The files an index directory is made of besides segment files and the
/// file table: tantivy's, lede's own, and their locks.
const INDEX_FILES: &[&str] = &[
    "meta.json",
    ".managed.json",
    INFO_FILE,
    LOCK_FILE,
    verify::VERIFIED_FILE,
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
];

/// lede's write lock: held by `lede index` for its whole run (tantivy's own
/// writer lock only while tantivy's writer runs, see `writer`), so a second
/// `lede index` on the same index stops at once.
pub fn write_lock() -> tantivy::directory::Lock {
    tantivy::directory::Lock {
        filepath: PathBuf::from(LOCK_FILE),
        is_blocking: false,
    }
}

/// lede's record of an index: the schema version and the roots indexed.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct IndexInfo {
    /// The schema version the index was written with.
    pub schema_version: u32,
    /// The directories and files the index was built from.
    #[serde(default)]
    pub roots: Vec<PathBuf>,
    /// For the state of an index kept on a cluster: the cluster's url and
    /// index (`http://host:7280/lede`); none for a local index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
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
    /// lede's write lock, when this index was opened for writing
    /// ([`open_or_create`]); a [`super::Writer`] made from it shares it.
    pub(super) lock: Option<Arc<DirectoryLock>>,
}

impl OpenIndex {
    /// The articles the index holds, and how many its last `lede index`
    /// run left (when that run recorded it): fewer held than recorded means
    /// documents were lost, and `lede index` restores them.
    pub fn articles(&self) -> Result<(u64, Option<u64>), IndexError> {
        let metas = self
            .index
            .load_metas()
            .map_err(|e| IndexError::tantivy(&self.path, e))?;
        let held = metas.segments.iter().map(|s| u64::from(s.num_docs())).sum();
        let recorded = super::state::articles_in_payload(metas.payload.as_deref());
        Ok((held, recorded))
    }

    /// Saves lede's record (after the roots changed).
    pub fn save_info(&self) -> Result<(), IndexError> {
        let io = |source| IndexError::io(&self.path, source);
        let json = serde_json::to_vec_pretty(&self.info).map_err(|e| io(e.into()))?;
        directory::atomic_write(&self.path.join(INFO_FILE), &json).map_err(io)
    }
}

fn read_info(path: &Path) -> Result<IndexInfo, IndexError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path.join(INFO_FILE))
        .map_err(|_| IndexError::NotLede(shown.clone(), format!(" (no {INFO_FILE})")))?;
    let info: IndexInfo = serde_json::from_slice(&bytes)
        .map_err(|_| IndexError::NotLede(shown.clone(), format!(" ({INFO_FILE} is damaged)")))?;
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

/// Opens an existing index for searching, after the cheap check that its
/// files are all there and unchanged since lede wrote them
/// ([`verify::quick_check`]): a damaged index is an error naming the
/// damaged files and the remedy, not a panic in the middle of a search.
pub fn open(path: &Path) -> Result<OpenIndex, IndexError> {
    let opened = open_unchecked(path)?;
    verify::quick_check(&opened)?;
    Ok(opened)
}

/// Opens an existing index without checking its files (`lede check` does
/// that itself, thoroughly).
pub fn open_unchecked(path: &Path) -> Result<OpenIndex, IndexError> {
    let shown = path.display().to_string();
    if !exists(path) {
        return Err(IndexError::Missing(shown));
    }
    let info = read_info(path)?;
    let dir = IndexDirectory::open(path).map_err(|e| IndexError::io(path, e))?;
    let index = Index::open(dir).map_err(|e| IndexError::tantivy(path, e))?;
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
        lock: None,
    })
}

/// Opens the index at `path` for writing, creating it (and the directory)
/// when absent. lede's write lock is taken first and held by the returned
/// index: a second writer fails with [`IndexError::Locked`].
///
/// With `full`, an index that this lede can open and whose files are whole
/// is returned as it is, and the caller empties it through its writer, so
/// that the rebuild replaces the old content only when it commits. Any
/// other state (another schema version, a damaged or half-written index)
/// is cleared and created anew.
pub fn open_or_create(path: &Path, full: bool) -> Result<OpenIndex, IndexError> {
    let io = |source| IndexError::io(path, source);
    std::fs::create_dir_all(path).map_err(io)?;
    let lock = take_write_lock(path)?;
    // Never write where something else lives: checked before anything is
    // touched, so a mistyped --index never loses a file.
    let contents = Contents::of(path).map_err(io)?;
    if let Some(name) = contents.foreign.first() {
        return Err(IndexError::NotLede(
            path.display().to_string(),
            format!(" (it holds {name})"),
        ));
    }
    if exists(path) {
        match open_unchecked(path) {
            Ok(mut opened) if !full || verify::quick_check(&opened).is_ok() => {
                opened.lock = Some(lock);
                return Ok(opened);
            }
            // Damaged, unreadable or another version: an error, unless a
            // rebuild was asked for or the directory holds no data at all
            // (a first run killed while it created the index, between
            // `meta.json` and `lede.json`).
            Err(e) if !full && contents.data => return Err(e),
            _ => {
                // Never while tantivy's lock is held by a program other than lede.
                ensure_tantivy_unlocked(path)?;
                clear(path)?;
            }
        }
    } else if contents.data && !full {
        return Err(IndexError::Damaged {
            path: path.display().to_string(),
            problems: vec!["meta.json is missing".to_string()],
        });
    } else if contents.index_files {
        // A rebuild, or a creation interrupted before `meta.json`.
        ensure_tantivy_unlocked(path)?;
        clear(path)?;
    }
    let (schema, fields) = schema::build();
    let dir = IndexDirectory::open(path).map_err(io)?;
    let index =
        Index::create(dir, schema, schema::settings()).map_err(|e| IndexError::tantivy(path, e))?;
    schema::register_analyzers(&index);
    let opened = OpenIndex {
        index,
        fields,
        path: path.to_path_buf(),
        info: IndexInfo {
            schema_version: SCHEMA_VERSION,
            roots: Vec::new(),
            engine: None,
        },
        lock: Some(lock),
    };
    opened.save_info()?;
    Ok(opened)
}

/// The local state of an index kept on a cluster: `lede.json` (the roots,
/// and which cluster index it tracks) and the file table, which make
/// re-runs incremental; the articles themselves are on the cluster.
pub struct StateDir {
    /// The directory.
    pub path: PathBuf,
    /// lede's record.
    pub info: IndexInfo,
    _lock: Arc<DirectoryLock>,
}

impl StateDir {
    /// Saves lede's record (after the roots changed).
    pub fn save_info(&self) -> Result<(), IndexError> {
        let io = |source| IndexError::io(&self.path, source);
        let json = serde_json::to_vec_pretty(&self.info).map_err(|e| io(e.into()))?;
        directory::atomic_write(&self.path.join(INFO_FILE), &json).map_err(io)
    }
}

/// Opens (or creates) the state directory of the cluster index `engine`
/// at `path`, holding its write lock. A directory that holds a local index,
/// or the state of another cluster index, is refused. With `full`, the file
/// table is emptied (`others` names files of the back end to remove too).
pub fn open_state_dir(
    path: &Path,
    engine: &str,
    full: bool,
    others: &[&str],
) -> Result<StateDir, IndexError> {
    let io = |source| IndexError::io(path, source);
    std::fs::create_dir_all(path).map_err(io)?;
    let lock = take_write_lock(path)?;
    let shown = path.display().to_string();
    if exists(path) {
        return Err(IndexError::NotLede(
            shown,
            " for a cluster (it holds a local index); give --index another directory for the \
             cluster's file table"
                .into(),
        ));
    }
    let info = match read_info(path) {
        Ok(info) if info.engine.as_deref() == Some(engine) => info,
        Ok(info) => {
            return Err(IndexError::NotLede(
                shown,
                format!(
                    " for {engine} (it keeps the file table of {}); give --index another directory",
                    info.engine.as_deref().unwrap_or("a local index")
                ),
            ))
        }
        Err(IndexError::Version { .. }) if full => IndexInfo::default(),
        Err(e) if path.join(INFO_FILE).exists() => return Err(e),
        Err(_) => IndexInfo::default(),
    };
    if full {
        let table = path.join(super::state::STATE_DIR);
        if table.is_dir() {
            super::state::clear_dir(&table).map_err(io)?;
        }
        for name in others {
            match std::fs::remove_file(path.join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                _ => {}
            }
        }
    }
    let state = StateDir {
        path: path.to_path_buf(),
        info: IndexInfo {
            schema_version: SCHEMA_VERSION,
            engine: Some(engine.to_string()),
            ..info
        },
        _lock: lock,
    };
    state.save_info()?;
    Ok(state)
}

/// Takes lede's write lock on the directory at `path` (released when the
/// last clone is dropped).
pub fn take_write_lock(path: &Path) -> Result<Arc<DirectoryLock>, IndexError> {
    let dir = IndexDirectory::open(path).map_err(|e| IndexError::io(path, e))?;
    let lock = dir
        .acquire_lock(&write_lock())
        .map_err(|e| lock_error(e, &path.display().to_string()))?;
    Ok(Arc::new(lock))
}

/// Fails with [`IndexError::Locked`] when a program holds tantivy's writer
/// lock (lede holds it only while its own writer runs, under lede's lock).
fn ensure_tantivy_unlocked(path: &Path) -> Result<(), IndexError> {
    use tantivy::directory::INDEX_WRITER_LOCK;
    let dir = IndexDirectory::open(path).map_err(|e| IndexError::io(path, e))?;
    let _released_on_drop = dir
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|e| lock_error(e, &path.display().to_string()))?;
    Ok(())
}

/// What an index directory holds.
struct Contents {
    /// Entries that are no part of an index (sorted).
    foreign: Vec<String>,
    /// Some file of an index other than a lock is there.
    index_files: bool,
    /// Data is there: a segment file, or a segment of the file table.
    data: bool,
}

impl Contents {
    fn of(path: &Path) -> std::io::Result<Contents> {
        let mut contents = Contents {
            foreign: Vec::new(),
            index_files: false,
            data: false,
        };
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type()?.is_dir();
            if name.ends_with(".lock") && INDEX_FILES.contains(&name.as_str()) {
                continue;
            }
            if (is_dir && name == STATE_DIR)
                || (!is_dir
                    && (INDEX_FILES.contains(&name.as_str())
                        || is_segment_file(&name)
                        || directory::is_temporary(&name)))
            {
                contents.index_files = true;
                contents.data |= is_segment_file(&name)
                    || (is_dir && name == STATE_DIR && super::state::holds_segments(&entry.path()));
            } else {
                contents.foreign.push(name);
            }
        }
        contents.foreign.sort();
        Ok(contents)
    }
}

/// Removes every file an index is made of (tantivy's files and segments,
/// the file table, lede's records, temporary files), and nothing else: a
/// rebuild of a directory that also holds other files refuses to start
/// before this is called. Lock files stay (the caller holds one).
fn clear(path: &Path) -> Result<(), IndexError> {
    let io = |source| IndexError::io(path, source);
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().map_err(io)?;
        if name == STATE_DIR && kind.is_dir() {
            super::state::clear_dir(&entry.path()).map_err(io)?;
        } else if kind.is_file()
            && !name.ends_with(".lock")
            && (INDEX_FILES.contains(&name.as_str())
                || is_segment_file(&name)
                || directory::is_temporary(&name))
        {
            std::fs::remove_file(entry.path()).map_err(io)?;
        }
    }
    directory::sync_dir(path).map_err(io)
}

/// A write lock held by another process, or a directory lede cannot write.
pub(super) fn lock_error(e: tantivy::directory::error::LockError, path: &str) -> IndexError {
    use tantivy::directory::error::LockError;
    match e {
        LockError::LockBusy => IndexError::Locked(path.to_string()),
        LockError::IoError(io) => IndexError::Io {
            path: path.to_string(),
            error: std::io::Error::new(
                io.kind(),
                format!("cannot take the write lock ({io}); check that the directory is writable"),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_another_process_writes_even_on_a_new_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new-index");
        let first = open_or_create(&path, false).unwrap();
        match open_or_create(&path, false) {
            Err(IndexError::Locked(p)) => assert_eq!(p, path.display().to_string()),
            Err(other) => panic!("wanted Locked, got {other}"),
            Ok(_) => panic!("a second writer opened the index"),
        }
        drop(first);
        assert!(
            open_or_create(&path, false).is_ok(),
            "free once the first is done"
        );
    }

    #[test]
    fn a_rebuild_clears_what_an_index_is_made_of_and_refuses_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        drop(open_or_create(&path, false).unwrap());
        // A damaged record: a plain open refuses, a rebuild clears it.
        std::fs::write(path.join(INFO_FILE), b"{").unwrap();
        assert!(matches!(open(&path), Err(IndexError::NotLede(..))));
        let rebuilt = open_or_create(&path, true).unwrap();
        drop(rebuilt);
        assert!(open(&path).is_ok());
        // A directory with a file of its own is never cleared.
        std::fs::write(path.join(INFO_FILE), b"{").unwrap();
        std::fs::write(path.join("notes.txt"), b"mine").unwrap();
        assert!(matches!(
            open_or_create(&path, true),
            Err(IndexError::NotLede(..))
        ));
        assert_eq!(std::fs::read(path.join("notes.txt")).unwrap(), b"mine");
    }
}
