//! The walk and the extraction workers of a run: the walker lists
//! the files in numbered batches; each worker looks up its files' sizes and
//! times (while the file table is still being read), compares them with the
//! table once it is, and reads, decodes and extracts the new and changed
//! ones, handing the results back in parts for the writing thread to apply
//! in walk order.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Mutex, RwLock};

use super::jobs::{Done, Job, Part};
use super::{part_bytes, BATCH_FILES, WALK_AHEAD};
use crate::index::sink::Preparer;
use crate::index::state::{content_hash, path_bytes, ContentHash, Cursor, FileTable, Stamp};
use crate::ingest::{self, walk, DecodeError, Stats, WalkEvent, WalkOptions};
use crate::pipeline::{process_in_parts, Processed};

/// Walks the roots and sends what it finds in numbered batches.
pub(super) fn walk_stage(
    roots: &[PathBuf],
    options: WalkOptions,
    stop: &AtomicBool,
    tx: SyncSender<(u64, Vec<Job>)>,
) {
    let mut batch = Vec::with_capacity(BATCH_FILES);
    let mut seq = 0u64;
    for event in walk(roots, options) {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let mut large = false;
        batch.push(match event {
            WalkEvent::File(path) => {
                large = ingest::may_hold_many(&path);
                Job::File(path)
            }
            WalkEvent::Ignored(_) => Job::Ignored,
            WalkEvent::Problem(path, reason) => Job::Problem(path, reason),
            WalkEvent::Unfollowed(path, target) => Job::Unfollowed(path, target),
        });
        if large || batch.len() >= BATCH_FILES {
            if tx.send((seq, std::mem::take(&mut batch))).is_err() {
                return;
            }
            seq += 1;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send((seq, batch));
    }
}

/// The walker's batches, numbered, shared by the workers (`None` once a
/// worker stopped early).
type SharedJobs = Mutex<Option<Receiver<(u64, Vec<Job>)>>>;

/// The file table as the workers see it: it loads while they start.
pub(super) const LOADING: u8 = 0;
pub(super) const LOADED: u8 = 1;
pub(super) const FAILED: u8 = 2;

/// Batches a worker looks at (stats) while the file table is still loading,
/// before it waits for the table: looking at the files is most of a re-run
/// that finds nothing changed, and reading a million files' table took a
/// quarter of such a run before the workers could start.
const EARLY_BATCHES: usize = WALK_AHEAD / 2;

/// One extraction worker: takes the next batch, looks at its files, compares
/// them with the table once it is loaded, extracts the changed ones, and
/// hands the results back in parts numbered by batch and part.
///
/// A worker that stops before the walk is done (Ctrl-C, a table that failed
/// to load, or the writer gave up and dropped its end) drops the shared
/// receiver, so the walker's next send fails and it stops too, instead of
/// waiting for room forever.
pub(super) fn extract_worker<P: Preparer>(
    rx: &SharedJobs,
    tx: SyncSender<Part<P::Doc>>,
    preparer: &P,
    table: &RwLock<FileTable>,
    loaded: &AtomicU8,
    stop: &AtomicBool,
) {
    let lock = || rx.lock().unwrap_or_else(|e| e.into_inner());
    let (mut stats, mut cursor) = (Stats::new(), Cursor::default());
    // Batches looked at while the table loads, in the order taken.
    let mut early: Vec<(u64, Vec<Looked<P::Doc>>)> = Vec::new();
    loop {
        let next = match lock().as_ref() {
            Some(rx) => rx.recv(),
            None => return,
        };
        let Ok((seq, batch)) = next else {
            break;
        };
        if stop.load(Ordering::SeqCst) {
            lock().take();
            return;
        }
        early.push((
            seq,
            batch.into_iter().map(|j| look_at(j, &mut stats)).collect(),
        ));
        if loaded.load(Ordering::Acquire) == LOADING && early.len() < EARLY_BATCHES {
            continue;
        }
        for (seq, looked) in early.drain(..) {
            if !finish_batch(seq, looked, &mut cursor, preparer, table, loaded, &tx) {
                lock().take();
                return;
            }
        }
    }
    // The walk is done; what was looked at early waits for the table.
    for (seq, looked) in early {
        if !finish_batch(seq, looked, &mut cursor, preparer, table, loaded, &tx) {
            return;
        }
    }
}

/// A job once its file was looked at.
enum Looked<D> {
    /// Nothing more to do.
    Done(Done<D>),
    /// Its size and time are known; next, the table is asked.
    Compare(PathBuf, Stamp),
}

/// A looked-at job once the table was asked.
enum Todo<D> {
    Done(Done<D>),
    /// New or changed: to read, with the content hash the index has.
    Read(PathBuf, Stamp, Option<ContentHash>),
}

/// Looks at one job's file: its size and modification time (no table
/// needed yet).
fn look_at<D>(job: Job, stats: &mut Stats) -> Looked<D> {
    let path = match job {
        Job::Ignored => return Looked::Done(Done::Ignored),
        Job::Problem(path, reason) => return Looked::Done(Done::Problem(path, reason)),
        Job::Unfollowed(path, target) => return Looked::Done(Done::Unfollowed(path, target)),
        Job::File(path) => path,
    };
    let meta = match stats.of(&path) {
        Ok(meta) => meta,
        Err(e) => {
            let err = match e.kind() {
                std::io::ErrorKind::NotFound => DecodeError::Vanished,
                _ => DecodeError::Io(e.to_string()),
            };
            return Looked::Done(skipped(path, &err));
        }
    };
    if !meta.is_file {
        let err = DecodeError::Io("not a regular file (a FIFO, socket or device)".into());
        return Looked::Done(skipped(path, &err));
    }
    let stamp = Stamp {
        size: meta.size,
        mtime_ns: meta.mtime_ns,
    };
    Looked::Compare(path, stamp)
}

/// Compares a batch with the table (under one read lock), reads and
/// extracts what changed, as `lede extract` does it (see `lede::pipeline`):
/// a file whose size and time, or else content, did not change is not
/// extracted again. Sends the results in parts; false when the run is
/// stopping (the table did not load, or the writer is gone).
fn finish_batch<P: Preparer>(
    seq: u64,
    looked: Vec<Looked<P::Doc>>,
    cursor: &mut Cursor,
    preparer: &P,
    table: &RwLock<FileTable>,
    loaded: &AtomicU8,
    tx: &SyncSender<Part<P::Doc>>,
) -> bool {
    let todo: Vec<Todo<P::Doc>> = {
        // The loader sets `loaded` before it lets go of the table.
        let table = table.read().unwrap_or_else(|e| e.into_inner());
        if loaded.load(Ordering::Acquire) != LOADED {
            return false;
        }
        looked
            .into_iter()
            .map(|l| compare(l, &table, cursor))
            .collect()
    };
    let mut outbox = Outbox {
        seq,
        part: 0,
        done: Vec::new(),
        bytes: 0,
        tx,
    };
    for todo in todo {
        let alive = match todo {
            Todo::Done(outcome) => outbox.push(outcome, 0),
            Todo::Read(path, stamp, prior) => read(path, stamp, prior, preparer, &mut outbox),
        };
        if !alive {
            return false;
        }
    }
    outbox.send(true)
}

/// Collects a batch's results and hands them to the writer in parts of
/// about [`PART_BYTES`] read, numbered within the batch.
struct Outbox<'a, D> {
    seq: u64,
    part: u32,
    done: Vec<Done<D>>,
    bytes: u64,
    tx: &'a SyncSender<Part<D>>,
}

impl<D> Outbox<'_, D> {
    /// Adds one result worth `bytes` read; false when the writer is gone.
    fn push(&mut self, done: Done<D>, bytes: u64) -> bool {
        self.done.push(done);
        self.bytes += bytes;
        self.bytes < part_bytes() || self.send(false)
    }

    /// Sends what was collected (`last`: the batch's final part).
    fn send(&mut self, last: bool) -> bool {
        let part = Part {
            seq: self.seq,
            part: self.part,
            last,
            done: std::mem::take(&mut self.done),
        };
        self.part += 1;
        self.bytes = 0;
        self.tx.send(part).is_ok()
    }
}

/// Asks the table about a looked-at file: unchanged when its size and time
/// are what the index has, else to read.
fn compare<D>(looked: Looked<D>, table: &FileTable, cursor: &mut Cursor) -> Todo<D> {
    let (path, stamp) = match looked {
        Looked::Done(done) => return Todo::Done(done),
        Looked::Compare(path, stamp) => (path, stamp),
    };
    let prior = table.get_next(path_bytes(&path), cursor).map(|record| {
        record.mark_seen();
        (record.stamp, record.hash)
    });
    match prior {
        Some((s, _)) if s == stamp => Todo::Done(Done::Unchanged),
        prior => Todo::Read(path, stamp, prior.map(|(_, h)| h)),
    }
}

/// Reads a new or changed file, and extracts it unless its content is what
/// the index has. A JSON Lines file is extracted and handed on in parts of
/// `PART_BYTES` of its lines ([`Done::Records`], then the last part as
/// [`Done::Extracted`]), so memory does not grow with the records of one
/// file. False when the writer is gone.
fn read<P: Preparer>(
    path: PathBuf,
    stamp: Stamp,
    prior: Option<ContentHash>,
    preparer: &P,
    outbox: &mut Outbox<P::Doc>,
) -> bool {
    let part = part_bytes();
    let hash = Cell::new(None);
    let mut alive = true;
    let outcome = process_in_parts(
        &path,
        part as usize,
        |bytes| {
            let h = content_hash(bytes);
            hash.set(Some(h));
            prior != Some(h)
        },
        |found, last| {
            let articles = found
                .articles
                .into_iter()
                .map(|a| preparer.prepare(a))
                .collect();
            let done = match (last, hash.get()) {
                (true, Some(hash)) => Done::Extracted {
                    path: path.clone(),
                    stamp,
                    hash,
                    articles,
                    warnings: found.warnings,
                },
                _ => Done::Records {
                    path: path.clone(),
                    articles,
                    warnings: found.warnings,
                },
            };
            alive = outbox.push(done, if last { stamp.size } else { part });
            alive
        },
    );
    match outcome {
        Processed::Extracted => alive,
        Processed::Abandoned => false,
        Processed::Stopped => match hash.get() {
            Some(hash) => outbox.push(Done::Touched { path, stamp, hash }, stamp.size),
            None => alive,
        },
        Processed::Skipped {
            kind,
            reason,
            unreadable,
        } => outbox.push(
            Done::Skipped {
                path,
                kind,
                reason,
                // An unreadable file may come back; one that is gone, empty
                // or binary now has no articles.
                drop_articles: !unreadable,
            },
            stamp.size,
        ),
    }
}

fn skipped<D>(path: PathBuf, err: &DecodeError) -> Done<D> {
    Done::Skipped {
        path,
        kind: err.kind(),
        reason: err.to_string(),
        // An unreadable file may come back; one that is gone, empty or
        // binary now has no articles.
        drop_articles: !matches!(err, DecodeError::Io(_)),
    }
}
