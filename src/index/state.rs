//! File state: which files the index was built from, with the size,
//! modification time and content hash each had, and the ids of the articles
//! each produced. `lede index` compares the files on disk with this table to
//! re-read only what changed, and to delete an article once no file
//! produces it any more.
//!
//! The table lives in `files/` inside the index directory, as a snapshot
//! plus the deltas written since, one segment file per commit. Which
//! segments are current is recorded in the payload of tantivy's own commit
//! (`meta.json`), so the table and the articles change together, atomically:
//! a segment is written and synced *before* the commit that names it, and a
//! crash at any point leaves the previous commit naming the previous
//! segments. Segments that no commit names are leftovers and are removed.
//!
//! Paths are kept as raw bytes, so file names that are not valid UTF-8 are
//! tracked exactly. Article ids (16 hex digits, see
//! [`crate::article::Article::stable_id`]) are kept as `u64`s: the table
//! costs about 100 bytes per file plus 8 per article, a few hundred MB for
//! millions of files.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The folder inside an index directory that holds the file table.
pub const STATE_DIR: &str = "files";

/// First bytes of every segment file; the digit is the format version.
const MAGIC: &[u8; 8] = b"LEDEFS1\n";
const SNAPSHOT: u8 = b'S';
const DELTA: u8 = b'D';
const PUT: u8 = 1;
const REMOVE: u8 = 2;

/// A longer path or id list in a segment means the file is corrupt.
const MAX_PATH_BYTES: u32 = 1 << 16;
const MAX_IDS: u32 = 1 << 24;

/// Why the file table could not be read or written.
#[derive(Debug, Error)]
pub enum StateError {
    /// A segment could not be read or written.
    #[error("file table {path}: {source}")]
    Io {
        /// The segment or folder.
        path: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A segment named by the last commit is damaged.
    #[error("file table {0} is damaged; rebuild the index with `lede index --full`")]
    Corrupt(String),
}

/// The stamp of a file whose articles were committed half way (a large
/// file, read in parts, when the run stopped): no file has it, so the next
/// run reads the file again. [`FileTable::forget_content`] uses it too.
pub const INCOMPLETE: Stamp = Stamp {
    size: u64::MAX,
    mtime_ns: i64::MIN,
};

/// Whether a file table folder holds any segment (data a run committed
/// or was about to).
pub fn holds_segments(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_str().is_some_and(|n| n.ends_with(".seg")))
    })
}

/// Removes the file table's segments (and their temporary files) from its
/// folder, then the folder if nothing else is in it (a rebuild).
pub fn clear_dir(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|s| {
            s.strip_suffix(".seg")
                .or_else(|| s.strip_suffix(".tmp"))
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        });
        if ours {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_dir(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound && fs::read_dir(dir)?.next().is_none() => {
            Err(e)
        }
        _ => Ok(()),
    }
}

/// What identifies a version of a file without reading it: its size and
/// modification time (nanoseconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since 1970 (negative before).
    pub mtime_ns: i64,
}

/// A content hash: the first 128 bits of BLAKE3 over the file's bytes
/// (decompressed, for gzip).
pub type ContentHash = [u8; 16];

/// Hashes a file's content.
pub fn content_hash(bytes: &[u8]) -> ContentHash {
    let full = blake3::hash(bytes);
    let mut out = [0u8; 16];
    out.copy_from_slice(&full.as_bytes()[..16]);
    out
}

/// An article id as stored in the table; `None` for a string that is not 16
/// hex digits (never produced by `Article::stable_id`).
pub fn parse_id(id: &str) -> Option<u64> {
    (id.len() == 16)
        .then(|| u64::from_str_radix(id, 16).ok())
        .flatten()
}

/// The article id string of a stored id.
pub fn format_id(id: u64) -> String {
    format!("{id:016x}")
}

/// What the index knows of one file.
#[derive(Debug)]
pub struct FileRecord {
    /// Size and modification time when it was last read.
    pub stamp: Stamp,
    /// Hash of its content then.
    pub hash: ContentHash,
    /// The articles it produced.
    pub ids: Box<[u64]>,
    /// Set when this run's walk found the file again.
    seen: AtomicBool,
}

impl FileRecord {
    /// A record of a file read now.
    pub fn new(stamp: Stamp, hash: ContentHash, ids: Box<[u64]>) -> FileRecord {
        FileRecord {
            stamp,
            hash,
            ids,
            seen: AtomicBool::new(false),
        }
    }

    /// Marks the file as found by this run's walk (callable from any thread).
    pub fn mark_seen(&self) {
        self.seen.store(true, Ordering::Relaxed);
    }

    /// Whether this run's walk found the file.
    pub fn was_seen(&self) -> bool {
        self.seen.load(Ordering::Relaxed)
    }
}

/// The key of a path in the table: its raw bytes.
pub fn path_key(path: &Path) -> Box<[u8]> {
    path_bytes(path).into()
}

/// A path's key without copying it, for lookups.
pub fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// The path of a table key.
pub fn key_path(key: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(OsStr::from_bytes(key))
    }
    #[cfg(not(unix))]
    {
        // Keys were made by `as_encoded_bytes`; on other platforms go through
        // a lossy string, which is exact for every valid-Unicode name.
        PathBuf::from(String::from_utf8_lossy(key).into_owned())
    }
}

/// Where one reader of the table expects its next record
/// ([`FileTable::get_next`]).
#[derive(Debug, Default)]
pub struct Cursor(usize);

/// How many files produce each article id.
pub type RefCounts = foldhash::HashMap<u64, u32>;

/// The file table: one record per indexed file.
///
/// Records are found by a 128-bit hash of the path (xxh3, seeded afresh in
/// each process), kept in the table itself, and the path is only read when
/// the table is listed: a lookup compares 16 bytes in place instead of
/// following a pointer to the path and comparing it (that chase and compare
/// were about an eighth of a re-run that found nothing changed). Two paths
/// of a million share a hash with odds of about 10^-27, and the random seed
/// keeps anyone from choosing names that do.
///
/// Records are kept in the order they were put, which is the walk's (a
/// build applies files in walk order, and a snapshot is written and read
/// back in table order). A re-run looks files up in that same order, so it
/// reads the records in sequence: in a hash table's own order each lookup
/// of a million-file table missed the cache twice, and lookups were a sixth
/// of a re-run that found nothing changed.
#[derive(Debug)]
pub struct FileTable {
    seed: u64,
    files: indexmap::IndexMap<[u64; 2], (Box<[u8]>, FileRecord), foldhash::fast::RandomState>,
}

impl Default for FileTable {
    fn default() -> FileTable {
        use std::hash::BuildHasher;
        FileTable {
            seed: foldhash::fast::RandomState::default().hash_one(0u8),
            files: Default::default(),
        }
    }
}

impl FileTable {
    /// The hash as two words: a `u128` would be aligned to 16 bytes and
    /// pad every entry by 8.
    fn hash(&self, key: &[u8]) -> [u64; 2] {
        let h = xxhash_rust::xxh3::xxh3_128_with_seed(key, self.seed);
        [h as u64, (h >> 64) as u64]
    }

    /// The record of a path, if the index knows it.
    pub fn get(&self, key: &[u8]) -> Option<&FileRecord> {
        self.files.get(&self.hash(key)).map(|(_, record)| record)
    }

    /// The record of a path, looked for first where `cursor` says the next
    /// one is: for lookups made in the walk's order that is the record
    /// found, and the hash table (whose slots a million-file table cannot
    /// keep in cache) is not touched at all.
    pub fn get_next(&self, key: &[u8], cursor: &mut Cursor) -> Option<&FileRecord> {
        let hash = self.hash(key);
        let (at, record) = match self.files.get_index(cursor.0) {
            Some((found, (_, record))) if *found == hash => (cursor.0, record),
            _ => self
                .files
                .get_full(&hash)
                .map(|(at, _, (_, record))| (at, record))?,
        };
        cursor.0 = at + 1;
        Some(record)
    }

    /// Number of files.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file is recorded.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every record.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &FileRecord)> {
        self.files.values().map(|(k, v)| (&**k, v))
    }

    /// Records (or replaces) a file.
    pub fn put(&mut self, key: Box<[u8]>, record: FileRecord) -> Option<FileRecord> {
        self.files
            .insert(self.hash(&key), (key, record))
            .map(|(_, old)| old)
    }

    /// Forgets a file (the last record takes its place in the order).
    pub fn remove(&mut self, key: &[u8]) -> Option<FileRecord> {
        self.files.swap_remove(&self.hash(key)).map(|(_, old)| old)
    }

    /// Forgets the stamp and hash of every record `pred` picks, so that the
    /// next comparison reads and extracts the file again (a repair of
    /// articles missing from the index); returns how many were picked.
    pub fn forget_content(&mut self, mut pred: impl FnMut(&FileRecord) -> bool) -> usize {
        let mut n = 0;
        for (_, record) in self.files.values_mut() {
            if pred(record) {
                record.stamp = INCOMPLETE;
                record.hash = [0; 16];
                n += 1;
            }
        }
        n
    }

    /// How many files produce each article.
    pub fn ref_counts(&self) -> RefCounts {
        let mut refs = RefCounts::with_capacity_and_hasher(self.files.len(), Default::default());
        for (_, record) in self.files.values() {
            for &id in record.ids.iter() {
                *refs.entry(id).or_default() += 1;
            }
        }
        refs
    }
}

/// One change to the table, as written to a delta segment.
#[derive(Debug)]
pub enum Change {
    /// A file was read: its new stamp, hash and article ids.
    Put(Box<[u8]>, Stamp, ContentHash, Box<[u64]>),
    /// A file is gone or yields nothing any more.
    Remove(Box<[u8]>),
}

/// Which segments a commit covers: the snapshot, and the last delta applied
/// on top of it. Stored as the tantivy commit payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generation {
    /// Number of the snapshot segment.
    pub snapshot: u64,
    /// Number of the last delta (equal to `snapshot` when there is none).
    pub last: u64,
}

/// A commit's payload: the file table generation it names, and how many
/// articles the index holds after it (so that a run can tell when the
/// index lost documents its table still lists). The key tells lede's
/// payloads from others.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    lede_files: Generation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    articles: Option<u64>,
}

impl Generation {
    /// Reads the generation from a commit payload (`None`: no table yet).
    pub fn from_payload(payload: Option<&str>) -> Option<Generation> {
        serde_json::from_str::<Payload>(payload?)
            .ok()
            .map(|p| p.lede_files)
    }

    /// The commit payload naming this generation, with the number of
    /// articles the index holds once it is committed, when known.
    pub fn to_payload(self, articles: Option<u64>) -> String {
        serde_json::to_string(&Payload {
            lede_files: self,
            articles,
        })
        .unwrap_or_default()
    }
}

/// How many articles the commit with this payload left in the index (`None`
/// for commits that did not record it).
pub fn articles_in_payload(payload: Option<&str>) -> Option<u64> {
    serde_json::from_str::<Payload>(payload?).ok()?.articles
}

/// The segment files of one index, and the generation last committed.
#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    committed: Option<Generation>,
    /// The next commit writes a snapshot of its changes alone (`--full`).
    start_over: bool,
    /// Bytes of the deltas since the snapshot, and of the snapshot.
    delta_bytes: u64,
    snapshot_bytes: u64,
}

fn segment_name(n: u64) -> String {
    format!("{n:010}.seg")
}

impl Journal {
    /// Loads the table that the commit with `payload` names, and removes
    /// segments no commit names ([`Journal::open`], then
    /// [`Journal::read_table`]).
    #[cfg(test)]
    pub fn load(
        index_dir: &Path,
        payload: Option<&str>,
    ) -> Result<(Journal, FileTable), StateError> {
        let mut journal = Journal::open(index_dir, payload)?;
        let mut table = FileTable::default();
        journal.read_table(&mut table)?;
        Ok((journal, table))
    }

    /// The journal of the commit with `payload`, its table not read yet.
    pub fn open(index_dir: &Path, payload: Option<&str>) -> Result<Journal, StateError> {
        let dir = index_dir.join(STATE_DIR);
        fs::create_dir_all(&dir).map_err(|source| StateError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        Ok(Journal {
            dir,
            committed: Generation::from_payload(payload),
            start_over: false,
            delta_bytes: 0,
            snapshot_bytes: 0,
        })
    }

    /// Reads the committed table into `table` (empty), and removes segments
    /// no commit names. Call only while holding the index's write lock, so
    /// no other process is writing segments.
    pub fn read_table(&mut self, table: &mut FileTable) -> Result<(), StateError> {
        if let Some(g) = self.committed {
            for n in g.snapshot..=g.last {
                let path = self.dir.join(segment_name(n));
                let bytes = read_segment(&path, n == g.snapshot, table)?;
                if n == g.snapshot {
                    self.snapshot_bytes = bytes;
                } else {
                    self.delta_bytes += bytes;
                }
            }
        }
        self.remove_stale()
    }

    /// Removes segment files outside the committed generation (left by a
    /// run that stopped before its commit).
    pub fn remove_stale(&self) -> Result<(), StateError> {
        let entries = fs::read_dir(&self.dir).map_err(|source| StateError::Io {
            path: self.dir.display().to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(n) = name
                .to_str()
                .and_then(|s| s.strip_suffix(".seg").or_else(|| s.strip_suffix(".tmp")))
                .and_then(|s| s.parse::<u64>().ok())
            else {
                continue;
            };
            let keep = self
                .committed
                .is_some_and(|g| n >= g.snapshot && n <= g.last)
                && name.to_str().is_some_and(|s| s.ends_with(".seg"));
            if !keep {
                // A leftover of an interrupted run; failing to remove it is harmless.
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }

    /// Forgets the table: the next segment written is a snapshot holding
    /// only the changes given to it (a rebuild with `--full`). Until that
    /// commit, the committed table stays as it was.
    pub fn start_over(&mut self) {
        self.start_over = true;
    }

    /// The generation last committed.
    #[cfg(test)]
    pub fn committed(&self) -> Option<Generation> {
        self.committed
    }

    fn next_number(&self) -> u64 {
        self.committed.map_or(1, |g| g.last + 1)
    }

    /// Writes a delta segment with `changes` and returns the generation a
    /// commit must name to include it. Nothing is current until
    /// [`Journal::committed_as`] is called after that commit succeeded.
    pub fn write_delta(&self, changes: &[Change]) -> Result<(Generation, u64), StateError> {
        let Some(base) = self.committed.filter(|_| !self.start_over) else {
            // No snapshot yet: the first segment must be one, even if empty.
            return self.write_snapshot_of(changes.iter().filter_map(|c| match c {
                Change::Put(k, s, h, ids) => Some((&**k, *s, *h, &**ids)),
                Change::Remove(_) => None,
            }));
        };
        let n = self.next_number();
        let bytes = self.write_segment(n, DELTA, |w| {
            for change in changes {
                match change {
                    Change::Put(key, stamp, hash, ids) => put_record(w, key, *stamp, hash, ids)?,
                    Change::Remove(key) => {
                        w.write_all(&[REMOVE])?;
                        write_bytes(w, key)?;
                    }
                }
            }
            Ok(())
        })?;
        Ok((
            Generation {
                snapshot: base.snapshot,
                last: n,
            },
            bytes,
        ))
    }

    /// Writes a snapshot of the whole table.
    pub fn write_snapshot(&self, table: &FileTable) -> Result<(Generation, u64), StateError> {
        self.write_snapshot_of(table.iter().map(|(k, r)| (k, r.stamp, r.hash, &*r.ids)))
    }

    fn write_snapshot_of<'a>(
        &self,
        records: impl Iterator<Item = (&'a [u8], Stamp, ContentHash, &'a [u64])>,
    ) -> Result<(Generation, u64), StateError> {
        let n = self.next_number();
        let bytes = self.write_segment(n, SNAPSHOT, |w| {
            for (key, stamp, hash, ids) in records {
                put_record(w, key, stamp, &hash, ids)?;
            }
            Ok(())
        })?;
        Ok((
            Generation {
                snapshot: n,
                last: n,
            },
            bytes,
        ))
    }

    /// Records that the commit naming `generation` succeeded; segments it
    /// replaced are removed.
    pub fn committed_as(&mut self, generation: Generation, bytes: u64) {
        let new_snapshot = self
            .committed
            .map_or(true, |g| g.snapshot != generation.snapshot);
        if new_snapshot {
            self.snapshot_bytes = bytes;
            self.delta_bytes = 0;
        } else {
            self.delta_bytes += bytes;
        }
        self.committed = Some(generation);
        self.start_over = false;
        if new_snapshot {
            // Older segments are no longer named by any commit.
            let _ = self.remove_stale();
        }
    }

    /// True when the deltas have grown enough that the next commit should
    /// write a snapshot instead (loading stays fast, the folder small).
    pub fn should_compact(&self) -> bool {
        let Some(g) = self.committed.filter(|_| !self.start_over) else {
            return true;
        };
        g.last - g.snapshot >= 64 || self.delta_bytes > self.snapshot_bytes / 4 + (1 << 20)
    }

    fn write_segment(
        &self,
        n: u64,
        kind: u8,
        body: impl FnOnce(&mut HashingWriter<BufWriter<File>>) -> io::Result<()>,
    ) -> Result<u64, StateError> {
        let tmp = self.dir.join(format!("{n:010}.tmp"));
        let path = self.dir.join(segment_name(n));
        let io_err = |source| StateError::Io {
            path: path.display().to_string(),
            source,
        };
        super::fault::point("file table: create a segment");
        let file = File::create(&tmp).map_err(io_err)?;
        let mut w = HashingWriter {
            inner: BufWriter::with_capacity(1 << 16, file),
            hasher: blake3::Hasher::new(),
            bytes: 0,
        };
        let written = (|| {
            w.write_all(MAGIC)?;
            w.write_all(&[kind])?;
            body(&mut w)?;
            let bytes = w.bytes;
            let digest = w.hasher.finalize();
            w.inner.write_all(digest.as_bytes())?;
            let file = w.inner.into_inner().map_err(|e| e.into_error())?;
            super::fault::point("file table: sync a segment");
            file.sync_all()?;
            Ok(bytes)
        })();
        let written = match written {
            Ok(bytes) => bytes,
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                return Err(io_err(e));
            }
        };
        super::fault::point("file table: rename a segment");
        fs::rename(&tmp, &path).map_err(io_err)?;
        // Make the rename itself durable before a commit names the segment.
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(written + 32)
    }
}

struct HashingWriter<W: Write> {
    inner: W,
    hasher: blake3::Hasher,
    bytes: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn write_bytes(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|&l| l <= MAX_PATH_BYTES)
        .ok_or_else(|| io::Error::other("path too long for the file table"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)
}

fn put_record(
    w: &mut impl Write,
    key: &[u8],
    stamp: Stamp,
    hash: &ContentHash,
    ids: &[u64],
) -> io::Result<()> {
    w.write_all(&[PUT])?;
    write_bytes(w, key)?;
    w.write_all(&stamp.size.to_le_bytes())?;
    w.write_all(&stamp.mtime_ns.to_le_bytes())?;
    w.write_all(hash)?;
    w.write_all(&(ids.len() as u32).to_le_bytes())?;
    for id in ids {
        w.write_all(&id.to_le_bytes())?;
    }
    Ok(())
}

/// Reads one segment into `table`; returns its size in bytes.
fn read_segment(path: &Path, snapshot: bool, table: &mut FileTable) -> Result<u64, StateError> {
    let shown = path.display().to_string();
    let file = File::open(path).map_err(|source| StateError::Io {
        path: shown.clone(),
        source,
    })?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    if total < (MAGIC.len() + 1 + 32) as u64 {
        return Err(StateError::Corrupt(shown));
    }
    let body_len = total - 32;
    // The hasher sees the buffer's large reads, not each field's few bytes.
    let mut r = BufReader::with_capacity(
        1 << 16,
        HashingReader {
            inner: file.take(body_len),
            hasher: blake3::Hasher::new(),
        },
    );
    let corrupt = || StateError::Corrupt(shown.clone());
    let mut head = [0u8; 9];
    r.read_exact(&mut head).map_err(|_| corrupt())?;
    let expected_kind = if snapshot { SNAPSHOT } else { DELTA };
    if &head[..8] != MAGIC || head[8] != expected_kind {
        return Err(corrupt());
    }
    if snapshot {
        // Room for every record at once (they take 80 to 130 bytes in a
        // snapshot): growing a million-record table doubles and moves it
        // over and over. Room not filled is never touched, so it costs
        // address space, not memory.
        table.files.reserve((total / 64) as usize);
    }
    let mut changes: Vec<Change> = Vec::new();
    loop {
        let mut tag = [0u8; 1];
        match r.read(&mut tag) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => return Err(corrupt()),
        }
        let change = read_change(&mut r, tag[0]).ok_or_else(corrupt)?;
        changes.push(change);
        if changes.len() >= 4096 && snapshot {
            // A snapshot fills an empty table: apply it in chunks to keep
            // memory flat (a bad checksum below fails the whole load).
            apply(table, changes.drain(..));
        }
    }
    // Reading stopped at the end of the body, so the buffer is empty and
    // everything read was hashed.
    let hashing = r.into_inner();
    let digest = hashing.hasher.finalize();
    let mut stored = [0u8; 32];
    hashing
        .inner
        .into_inner()
        .read_exact(&mut stored)
        .map_err(|_| corrupt())?;
    if digest.as_bytes() != &stored {
        return Err(corrupt());
    }
    apply(table, changes.into_iter());
    Ok(total)
}

fn apply(table: &mut FileTable, changes: impl Iterator<Item = Change>) {
    for change in changes {
        match change {
            Change::Put(key, stamp, hash, ids) => {
                table.put(key, FileRecord::new(stamp, hash, ids));
            }
            Change::Remove(key) => {
                table.remove(&key);
            }
        }
    }
}

fn read_change(r: &mut impl Read, tag: u8) -> Option<Change> {
    let mut u32b = [0u8; 4];
    let mut u64b = [0u8; 8];
    r.read_exact(&mut u32b).ok()?;
    let len = u32::from_le_bytes(u32b);
    if len > MAX_PATH_BYTES {
        return None;
    }
    let mut key = vec![0u8; len as usize];
    r.read_exact(&mut key).ok()?;
    let key = key.into_boxed_slice();
    match tag {
        REMOVE => Some(Change::Remove(key)),
        PUT => {
            r.read_exact(&mut u64b).ok()?;
            let size = u64::from_le_bytes(u64b);
            r.read_exact(&mut u64b).ok()?;
            let mtime_ns = i64::from_le_bytes(u64b);
            let mut hash = [0u8; 16];
            r.read_exact(&mut hash).ok()?;
            r.read_exact(&mut u32b).ok()?;
            let n = u32::from_le_bytes(u32b);
            if n > MAX_IDS {
                return None;
            }
            let mut ids = Vec::with_capacity(n as usize);
            for _ in 0..n {
                r.read_exact(&mut u64b).ok()?;
                ids.push(u64::from_le_bytes(u64b));
            }
            Some(Change::Put(
                key,
                Stamp { size, mtime_ns },
                hash,
                ids.into_boxed_slice(),
            ))
        }
        _ => None,
    }
}

struct HashingReader<R: Read> {
    inner: R,
    hasher: blake3::Hasher,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64) -> Stamp {
        Stamp {
            size,
            mtime_ns: 1_700_000_000_000_000_000,
        }
    }

    fn put(path: &str, size: u64, ids: &[u64]) -> Change {
        Change::Put(
            path.as_bytes().into(),
            stamp(size),
            content_hash(path.as_bytes()),
            ids.into(),
        )
    }

    #[test]
    fn ids_round_trip() {
        assert_eq!(parse_id("00ff00ff00ff00ff"), Some(0x00ff00ff00ff00ff));
        assert_eq!(format_id(0x00ff00ff00ff00ff), "00ff00ff00ff00ff");
        assert_eq!(parse_id("xyz"), None);
        assert_eq!(parse_id("00ff00ff00ff00fg"), None);
        let id = crate::article::Article::stable_id(None, None, Some("T"), "body");
        assert_eq!(parse_id(&id).map(format_id), Some(id));
    }

    #[test]
    fn deltas_apply_over_the_snapshot_and_only_committed_segments_count() {
        let dir = tempfile::tempdir().unwrap();
        let (mut journal, table) = Journal::load(dir.path(), None).unwrap();
        assert!(table.is_empty());
        let (g1, b1) = journal
            .write_delta(&[put("a.txt", 1, &[1, 2]), put("b.txt", 2, &[2])])
            .unwrap();
        journal.committed_as(g1, b1);
        let (g2, b2) = journal
            .write_delta(&[
                Change::Remove("a.txt".as_bytes().into()),
                put("c.txt", 3, &[3]),
            ])
            .unwrap();
        journal.committed_as(g2, b2);
        // A segment written but never committed (a crash before the commit).
        let (g3, _) = journal.write_delta(&[put("d.txt", 4, &[4])]).unwrap();
        assert_eq!(g3.last, g2.last + 1);

        let (journal, table) = Journal::load(dir.path(), Some(&g2.to_payload(None))).unwrap();
        assert_eq!(journal.committed(), Some(g2));
        assert_eq!(table.len(), 2);
        assert!(table.get(b"a.txt").is_none());
        assert_eq!(&*table.get(b"c.txt").unwrap().ids, &[3]);
        let refs = table.ref_counts();
        assert_eq!(refs.get(&2), Some(&1));
        // The uncommitted segment was removed as a leftover.
        assert!(!dir
            .path()
            .join(STATE_DIR)
            .join(segment_name(g3.last))
            .exists());

        let (g4, b4) = journal.write_snapshot(&table).unwrap();
        let mut journal = journal;
        journal.committed_as(g4, b4);
        let (_, again) = Journal::load(dir.path(), Some(&g4.to_payload(None))).unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(fs::read_dir(dir.path().join(STATE_DIR)).unwrap().count(), 1);
    }

    #[test]
    fn lookups_in_any_order_find_their_records_and_a_snapshot_keeps_the_order() {
        let dir = tempfile::tempdir().unwrap();
        let (mut journal, _) = Journal::load(dir.path(), None).unwrap();
        let names: Vec<String> = (0..50).map(|n| format!("dir/{n:03}.txt")).collect();
        let mut built = FileTable::default();
        apply(
            &mut built,
            names.iter().zip(1..).map(|(name, id)| put(name, id, &[id])),
        );
        let (g, b) = journal.write_snapshot(&built).unwrap();
        journal.committed_as(g, b);
        let (_, mut table) = Journal::load(dir.path(), Some(&g.to_payload(None))).unwrap();
        // Read back in the order put: each lookup finds the next record.
        let keys: Vec<&[u8]> = table.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, names.iter().map(|n| n.as_bytes()).collect::<Vec<_>>());
        let ids_of = |table: &FileTable, order: &[usize]| {
            let mut cursor = Cursor::default();
            order
                .iter()
                .map(|&n| {
                    table
                        .get_next(names[n].as_bytes(), &mut cursor)
                        .unwrap()
                        .ids[0]
                })
                .collect::<Vec<u64>>()
        };
        let in_order: Vec<usize> = (0..50).collect();
        assert_eq!(ids_of(&table, &in_order), (1..=50).collect::<Vec<u64>>());
        // Out of order, and after a removal moved the last record into a
        // hole, every lookup still finds its own record.
        let shuffled: Vec<usize> = (0..50).map(|n| (n * 17) % 50).collect();
        let want: Vec<u64> = shuffled.iter().map(|&n| n as u64 + 1).collect();
        assert_eq!(ids_of(&table, &shuffled), want);
        table.remove(names[10].as_bytes());
        let mut cursor = Cursor::default();
        assert!(table.get_next(names[10].as_bytes(), &mut cursor).is_none());
        let rest: Vec<usize> = (0..50).filter(|&n| n != 10).collect();
        let want: Vec<u64> = rest.iter().map(|&n| n as u64 + 1).collect();
        assert_eq!(ids_of(&table, &rest), want);
    }

    #[test]
    fn a_damaged_segment_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut journal, _) = Journal::load(dir.path(), None).unwrap();
        let (g, b) = journal.write_delta(&[put("a.txt", 1, &[1])]).unwrap();
        journal.committed_as(g, b);
        let seg = dir.path().join(STATE_DIR).join(segment_name(g.last));
        let mut bytes = fs::read(&seg).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0xff;
        fs::write(&seg, bytes).unwrap();
        let err = Journal::load(dir.path(), Some(&g.to_payload(None))).unwrap_err();
        assert!(err.to_string().contains("lede index --full"), "{err}");
    }

    #[test]
    fn non_utf8_names_are_kept_exactly() {
        let path = key_path(b"caf\xe9.txt");
        assert_eq!(&*path_key(&path), b"caf\xe9.txt");
    }
}
