//! Checking that an index's files are whole.
//!
//! tantivy ends every file it writes with a CRC-32 of its content. Reading
//! a whole index to check them all is what `lede check` does; doing it on
//! every search or re-run would read the whole index each time. So lede
//! remembers which files passed (`lede-verified.json`: each file's size
//! and modification time when its checksum was last found right), and:
//!
//! - a search ([`quick_check`]) only asks the file system: every file the
//!   last commit names must exist, and a file that passed must still have
//!   its size and time (anything written into it since changes them);
//! - `lede index` ([`verify_new`]) also computes the checksum of every file
//!   that has not passed yet or changed since, before it writes and again
//!   after its last commit, so the files it wrote are vouched for;
//! - `lede check` ([`check_all`]) computes every checksum and reads every
//!   segment: the only check that also finds a bit flipped in place
//!   without the file's time changing.
//!
//! A damaged file is reported with its name and the remedy
//! (`lede index --full`), never met as a panic in the middle of a search.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::IndexMeta;

use super::directory;
use super::error::IndexError;
use super::open::OpenIndex;

/// The record of files whose checksums were found right.
pub const VERIFIED_FILE: &str = "lede-verified.json";

/// The files of a tantivy segment, besides its deletions.
const SEGMENT_PARTS: &[&str] = &["idx", "pos", "term", "store", "fast", "fieldnorm"];

/// Size and modification time (ns) of a file when it passed its checksum.
type Stamp = (u64, i64);

#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    files: BTreeMap<String, Stamp>,
}

impl Record {
    fn load(index: &Path) -> Record {
        // A record that cannot be read vouches for nothing: every file is
        // then checked again by the next `lede index`.
        std::fs::read(index.join(VERIFIED_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn save(&self, index: &Path) -> Result<(), IndexError> {
        let json = serde_json::to_vec(self).map_err(|e| IndexError::io(index, e.into()))?;
        directory::atomic_write(&index.join(VERIFIED_FILE), &json)
            .map_err(|e| IndexError::io(index, e))
    }
}

/// The files the last commit names: every part of every segment, and the
/// deletions file of those with deletions.
pub fn committed_files(metas: &IndexMeta) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for segment in &metas.segments {
        let id = segment.id().uuid_string();
        files.extend(
            SEGMENT_PARTS
                .iter()
                .map(|p| PathBuf::from(format!("{id}.{p}"))),
        );
        if let Some(opstamp) = segment.delete_opstamp() {
            files.push(PathBuf::from(format!("{id}.{opstamp}.del")));
        }
    }
    files
}

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64);
    Some((meta.len(), mtime))
}

/// The damaged files found, one line each, as an error.
fn damaged(index: &OpenIndex, problems: Vec<String>) -> Result<(), IndexError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(IndexError::Damaged {
            path: index.path.display().to_string(),
            problems,
        })
    }
}

fn load_metas(index: &OpenIndex) -> Result<IndexMeta, IndexError> {
    index
        .index
        .load_metas()
        .map_err(|e| IndexError::tantivy(&index.path, e))
}

/// Asks the file system only: every committed file exists, and each one
/// that passed its checksum still has the size and time it had then.
pub fn quick_check(index: &OpenIndex) -> Result<(), IndexError> {
    let metas = load_metas(index)?;
    let record = Record::load(&index.path);
    let mut problems = Vec::new();
    for file in committed_files(&metas) {
        let name = file.to_string_lossy();
        match (stamp_of(&index.path.join(&file)), record.files.get(&*name)) {
            (None, _) => problems.push(format!("{name} is missing")),
            (Some(now), Some(then)) if now != *then => problems.push(format!(
                "{name} was changed after lede wrote it (its size or time differ)"
            )),
            _ => {}
        }
    }
    damaged(index, problems)
}

/// Whether a file's checksum is right; the problem line otherwise.
fn checksum(index: &OpenIndex, file: &Path) -> Result<(), String> {
    let name = file.to_string_lossy();
    let directory = index.index.directory();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        directory.validate_checksum(file)
    }));
    match outcome {
        Ok(Ok(true)) => Ok(()),
        Ok(Ok(false)) => Err(format!(
            "{name} fails its checksum (changed or damaged after lede wrote it)"
        )),
        Ok(Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_))) => {
            Err(format!("{name} is missing"))
        }
        Ok(Err(tantivy::directory::error::OpenReadError::IoError { io_error, .. }))
            if io_error.kind() == std::io::ErrorKind::InvalidData =>
        {
            Err(format!(
                "{name} is truncated or overwritten (it does not end as tantivy ends its files)"
            ))
        }
        Ok(Err(tantivy::directory::error::OpenReadError::IoError { io_error, .. })) => {
            Err(format!(
                "{name} cannot be read: {}",
                super::error::describe_io(&io_error)
            ))
        }
        Ok(Err(e)) => Err(format!("{name} cannot be read: {e}")),
        Err(_) => Err(format!("{name} cannot be read (its footer is damaged)")),
    }
}

/// [`quick_check`], and the checksum of every committed file that has not
/// passed one yet or changed since; records the files that pass. Call it
/// under the write lock.
pub fn verify_new(index: &OpenIndex) -> Result<(), IndexError> {
    let metas = load_metas(index)?;
    let old = Record::load(&index.path);
    let mut record = Record::default();
    let mut problems = Vec::new();
    for file in committed_files(&metas) {
        let name = file.to_string_lossy().into_owned();
        let Some(now) = stamp_of(&index.path.join(&file)) else {
            problems.push(format!("{name} is missing"));
            continue;
        };
        let passed = old.files.get(&name) == Some(&now) || {
            match checksum(index, &file) {
                Ok(()) => true,
                Err(problem) => {
                    problems.push(problem);
                    false
                }
            }
        };
        if passed {
            record.files.insert(name, now);
        }
    }
    damaged(index, problems)?;
    if record.files != old.files {
        record.save(&index.path)?;
    }
    Ok(())
}

/// What [`check_all`] looked at.
#[derive(Debug, Default, Serialize)]
pub struct CheckReport {
    /// Segments in the last commit.
    pub segments: usize,
    /// Files whose checksums were computed.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Live documents read back from the document store.
    pub documents: u64,
    /// One line per problem found.
    pub problems: Vec<String>,
}

/// Computes the checksum of every committed file and reads every segment
/// back (opening its parts, every stored document): a full check, as long
/// as reading the whole index takes. `save` records the files that passed
/// (only pass it while holding the write lock).
pub fn check_all(index: &OpenIndex, save: bool) -> Result<CheckReport, IndexError> {
    let metas = load_metas(index)?;
    let mut report = CheckReport {
        segments: metas.segments.len(),
        ..CheckReport::default()
    };
    let mut record = Record::default();
    for file in committed_files(&metas) {
        let name = file.to_string_lossy().into_owned();
        let Some(now) = stamp_of(&index.path.join(&file)) else {
            report.problems.push(format!("{name} is missing"));
            continue;
        };
        report.files += 1;
        report.bytes += now.0;
        match checksum(index, &file) {
            Ok(()) => {
                record.files.insert(name, now);
            }
            Err(problem) => report.problems.push(problem),
        }
    }
    if report.problems.is_empty() {
        match read_every_segment(index) {
            Ok(documents) => report.documents = documents,
            Err(problem) => report.problems.push(problem),
        }
    }
    if save && report.problems.is_empty() {
        record.save(&index.path)?;
    }
    Ok(report)
}

/// Opens every segment and reads every stored document of it.
fn read_every_segment(index: &OpenIndex) -> Result<u64, String> {
    let read = || -> tantivy::Result<u64> {
        let reader = index.index.reader()?;
        let searcher = reader.searcher();
        let mut documents = 0;
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(0)?;
            for doc in store.iter::<tantivy::TantivyDocument>(segment.alive_bitset()) {
                doc?;
                documents += 1;
            }
            for (field, entry) in index.index.schema().fields() {
                if entry.is_indexed() {
                    segment.inverted_index(field)?;
                }
            }
        }
        Ok(documents)
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(Ok(documents)) => Ok(documents),
        Ok(Err(e)) => Err(format!(
            "a segment cannot be read: {}",
            super::error::describe(&e)
        )),
        Err(_) => Err("a segment cannot be read (tantivy stopped on damaged data)".to_string()),
    }
}
