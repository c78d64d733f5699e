//! Updating an index from the files under its roots: the one entry point,
//! [`update`], that `lede index`, the default build of `lede search` and
//! any library user drive. It owns the walk, the extraction workers, the
//! file table (`super::state`, private to the index) and its reference
//! counts, applying results, deletions and commits; a front end only says
//! what to index ([`UpdateConfig`]), when to stop ([`Cancel`]) and how to
//! show what happens ([`Progress`]), and gets an [`UpdateReport`].
//!
//! A run is a pipeline of three stages over bounded channels, so memory
//! stays flat however large the corpus: a walker thread lists the files in
//! batches (`workers::walk`); one extraction worker per core looks up each
//! file's size and modification time (starting while this thread reads the
//! index's file table), compares them with the table once it is read, then
//! reads, hashes, decodes and extracts the changed ones through
//! [`crate::pipeline`] and builds their documents; this thread puts the
//! batches back in the walk's order (so a run is deterministic), writes the
//! articles, keeps the file table and its reference counts (an article is
//! deleted only when no file produces it any more), and commits (`apply`).
//! Batches are small, so the writer is fed while the workers extract the
//! next ones.
//!
//! Each commit stores the file table's changes with the articles (see
//! `state`), so a run killed at any moment leaves an index that opens and
//! searches at its last commit, and the next run finishes the work without
//! duplicates. A cancelled run commits what is done and returns.

mod apply;
mod jobs;
mod workers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use thiserror::Error;

use super::error::IndexError;
use super::open::open_or_create;
use super::sink::Sink;
use super::state::{articles_in_payload, FileTable, Journal, StateError};
use super::verify::verify_new;
use super::writer::Writer;
use crate::ingest::WalkOptions;
use apply::RunState;
use jobs::{Job, Part};
use workers::{extract_worker, walk_stage, FAILED, LOADED, LOADING};

/// Files per batch handed to an extraction worker, which looks at each
/// one's size and time (so a re-run spreads that over all cores) and reads
/// the changed ones. The walk does not know sizes, so a file that may hold
/// many articles (JSON, JSON Lines) ends its batch: a few large exports are
/// still spread over all cores.
const BATCH_FILES: usize = 64;
/// Most bytes (on disk) a worker reads before handing back what it has
/// extracted of a batch, and the size of the parts a JSON Lines file is
/// extracted in: small enough that the writer is fed steadily and memory
/// stays flat (a file of a million records is never held whole), large
/// enough to amortize handing over.
const PART_BYTES: u64 = 1024 * 1024;
/// Environment variable overriding [`PART_BYTES`] (tests use small parts to
/// commit a JSON Lines file half way).
const PART_ENV: &str = "LEDE_PART_BYTES";
/// Extracted batches waiting for the writer, per worker.
const QUEUED_PER_WORKER: usize = 2;
/// Batches the walk may list ahead of the workers, when listing is briefly
/// slower than extraction. At most 131,072 paths (peak memory of a
/// 300,000-file re-run: 90 -> 115 MB).
const WALK_AHEAD: usize = 2048;
/// Default time between commits: a killed run loses at most this much work.
const COMMIT_EVERY: Duration = Duration::from_secs(5);
/// Environment variable overriding the commit interval, in milliseconds
/// (tests use it to commit after every batch).
const COMMIT_ENV: &str = "LEDE_COMMIT_INTERVAL_MS";

/// The part size: [`PART_BYTES`], or what `LEDE_PART_BYTES` says.
fn part_bytes() -> u64 {
    static PART: OnceLock<u64> = OnceLock::new();
    *PART.get_or_init(|| {
        std::env::var(PART_ENV)
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or(PART_BYTES)
    })
}

/// What to index, and how.
#[derive(Debug, Clone)]
pub struct UpdateConfig {
    /// Directories or files to index; empty means the roots the index
    /// already covers, or `default_root` for a new index.
    pub roots: Vec<PathBuf>,
    /// What a new index with no roots given indexes (lede: `corpus/`).
    pub default_root: PathBuf,
    /// The index directory.
    pub index: PathBuf,
    /// Rebuild from scratch.
    pub full: bool,
    /// Writer memory budget in bytes.
    pub memory_bytes: usize,
    /// Follow symbolic links out of the roots too.
    pub follow_links: bool,
}

/// Set to stop a run: it commits what is done and returns, with
/// [`UpdateReport::interrupted`] set.
pub type Cancel = AtomicBool;

/// How a front end follows a run. Every method has a default that does
/// nothing; the calls come from the run's writing thread.
pub trait Progress {
    /// The run starts walking these roots (absolute) with these options.
    fn started(&self, _roots: &[PathBuf], _options: WalkOptions) {}
    /// A file was skipped, or a record inside one (`reason` says which and
    /// why): a front end shows one line per call.
    fn skipped(&self, _path: &Path, _reason: &str) {}
    /// Something the user should know that is not about one file (a repair).
    fn note(&self, _message: &str) {}
    /// A file was done with (read, found unchanged, or skipped).
    fn file_done(&self) {}
    /// Articles were added.
    fn articles_done(&self, _n: usize) {}
    /// The run is over (before its summary is printed).
    fn finished(&self) {}
}

/// A [`Progress`] that shows nothing.
impl Progress for () {}

/// What a run did, for the summary.
#[derive(Debug, Default, Clone)]
pub struct UpdateReport {
    /// Files read (new or changed since the last run).
    pub files: usize,
    /// Articles written to the index.
    pub articles: usize,
    /// Files found unchanged (same size and time, or same content).
    pub unchanged: usize,
    /// Files gone or emptied since the last run, whose articles went too.
    pub removed_files: usize,
    /// Files read again because their articles were missing from the index.
    pub restored_files: usize,
    /// Articles deleted because no file produces them any more.
    pub deleted_articles: usize,
    /// Skipped files by kind of problem.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Records skipped inside files that otherwise indexed.
    pub record_warnings: usize,
    /// Files of kinds lede does not read.
    pub ignored: usize,
    /// Commits made.
    pub commits: usize,
    /// The run was cancelled (what was done is committed).
    pub interrupted: bool,
    /// Wall time.
    pub elapsed: Duration,
}

impl UpdateReport {
    /// Files skipped, all kinds together.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Why a run failed. Per-file problems are never errors: they are reported
/// through [`Progress::skipped`] and counted in the report.
#[derive(Debug, Error)]
pub enum UpdateError {
    /// The index could not be opened, checked or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The file table could not be read or written (its message has the advice).
    #[error(transparent)]
    FileTable(#[from] StateError),
    /// A root given to index does not exist.
    #[error("{0} does not exist; give a directory or file to index")]
    MissingRoot(PathBuf),
    /// A path could not be made absolute.
    #[error("cannot resolve {path}: {error}")]
    Resolve {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A thread of the run could not be started.
    #[error("cannot start a thread: {0}")]
    Thread(std::io::Error),
    /// The back end a run writes to failed (a cluster, say; its message
    /// says what to do).
    #[error(transparent)]
    Sink(Box<dyn std::error::Error + Send + Sync>),
    /// The run stopped after it started writing; the index keeps its last
    /// commit.
    #[error("{}, and `lede index --index {path}` resumes from there{}", stage.message(path), remedy(source))]
    Stopped {
        /// The index directory, as shown.
        path: String,
        /// Where it stopped.
        stage: Stage,
        /// Why.
        #[source]
        source: Box<UpdateError>,
    },
}

/// Where a run stopped.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// While extracting and writing.
    Indexing,
    /// In the last commit.
    Committing,
}

impl Stage {
    fn message(self, path: &str) -> String {
        match self {
            Stage::Indexing => {
                format!("indexing into {path} stopped; the index keeps its last commit")
            }
            Stage::Committing => {
                format!("committing to the index at {path} failed; it keeps its last commit")
            }
        }
    }
}

impl UpdateError {
    /// The operating system's error number behind this one, if any.
    fn os_code(&self) -> Option<i32> {
        match self {
            UpdateError::Index(e) => e.os_code(),
            UpdateError::Stopped { source, .. } => source.os_code(),
            other => other.io_error().and_then(super::os_code),
        }
    }

    /// The I/O error behind this one, if any.
    fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            UpdateError::Index(e) => e.io_error(),
            UpdateError::FileTable(StateError::Io { source, .. }) => Some(source),
            UpdateError::Thread(e) | UpdateError::Resolve { error: e, .. } => Some(e),
            UpdateError::Stopped { source, .. } => source.io_error(),
            _ => None,
        }
    }
}

/// What to do before running again, from the error's cause: free disk
/// space or fix permissions (a damaged index carries its own advice).
fn remedy(err: &UpdateError) -> &'static str {
    // ENOSPC and EACCES by number: `ErrorKind::StorageFull` is newer than
    // lede's minimum Rust, and some errors keep only their text.
    match err.os_code() {
        Some(28) if cfg!(unix) => " once disk space is freed",
        Some(13) if cfg!(unix) => " once the permissions are fixed",
        _ if err
            .io_error()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied) =>
        {
            " once the permissions are fixed"
        }
        _ => "",
    }
}

/// Builds or updates the local index; per-file problems go to `progress`
/// and are counted, only index-level failures are errors.
pub fn update(
    config: &UpdateConfig,
    cancel: &Cancel,
    progress: &dyn Progress,
) -> Result<UpdateReport, UpdateError> {
    let started = Instant::now();
    // The write lock is taken first: nothing is touched while another
    // process writes.
    let mut opened = open_or_create(&config.index, config.full)?;
    if !config.full {
        // A damaged index is refused before anything is written to it.
        verify_new(&opened)?;
    }
    let mut writer = Writer::new(&opened, config.memory_bytes)?;
    let mut report = UpdateReport::default();
    let (walked, changed) = plan_roots(config, &mut opened.info, &mut report, progress)?;
    if changed {
        opened.save_info()?;
    }
    run(config, &walked, &mut writer, &mut report, progress, cancel)?;
    writer.wait()?;
    // The files this run wrote pass their checksums once, and are known
    // whole from then on (see `super::verify`).
    verify_new(&opened)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Decides the roots a run walks (see [`choose_roots`]), reporting a known
/// root that is gone, and records new ones in `info` (true when it changed,
/// and must be saved before the run, so that `lede index` alone resumes an
/// interrupted first run).
pub(crate) fn plan_roots(
    config: &UpdateConfig,
    info: &mut super::IndexInfo,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<(Vec<PathBuf>, bool), UpdateError> {
    if config.full && !config.roots.is_empty() {
        info.roots.clear();
    }
    let roots = choose_roots(&config.roots, &info.roots, &config.default_root)?;
    let mut walked = Vec::new();
    for root in roots {
        if root.exists() {
            walked.push(root);
        } else if config.roots.is_empty() && !info.roots.is_empty() {
            // A root the index knows is gone (an unmounted drive, say): keep
            // its articles rather than delete them, and say so.
            progress.skipped(
                &root,
                "indexed root no longer exists; its articles are kept",
            );
            *report.skipped.entry("missing root").or_default() += 1;
        } else {
            return Err(UpdateError::MissingRoot(root));
        }
    }
    let mut changed = config.full;
    for root in &walked {
        if !info.roots.contains(root) {
            info.roots.push(root.clone());
            changed = true;
        }
    }
    Ok((walked, changed))
}

/// One run over `walked` into `sink`, whatever back end it is: the file
/// table (in `config.index`, `files/`) says what changed, and each commit
/// of the sink records the table's changes with the articles.
pub(crate) fn run<S: Sink>(
    config: &UpdateConfig,
    walked: &[PathBuf],
    sink: &mut S,
    report: &mut UpdateReport,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<(), UpdateError> {
    let index_dir = std::path::absolute(&config.index).map_err(|error| UpdateError::Resolve {
        path: config.index.clone(),
        error,
    })?;
    let options = WalkOptions {
        skip: Some(&index_dir),
        follow_links: config.follow_links,
    };
    progress.started(walked, options);
    let mut run = Run {
        config,
        walked,
        sink,
        report,
        progress,
        cancel,
    };
    let outcome = std::thread::scope(|scope| {
        // The walk starts at once, and may run up to `WALK_AHEAD` batches
        // ahead of the workers (which look at its files while the file
        // table loads). Should anything below fail, `job_rx` goes with this
        // closure and the walker stops.
        let (job_tx, job_rx) = sync_channel::<(u64, Vec<Job>)>(WALK_AHEAD);
        std::thread::Builder::new()
            .name("lede-walk".into())
            .spawn_scoped(scope, move || walk_stage(walked, options, cancel, job_tx))
            .map_err(UpdateError::Thread)?;
        let (mut journal, state) = run.open_state()?;
        let state = run.finish(job_rx, state, &mut journal)?;
        // The file table and reference counts are freed on a thread of
        // their own: freeing 300,000 records one by one took 130-170 ms, an
        // eighth of a re-run that found nothing to do.
        std::thread::spawn(move || drop(state));
        Ok::<(), UpdateError>(())
    });
    progress.finished();
    outcome
}

/// The roots to walk, absolute: those given, else those the index covers,
/// else `default_root`. Roots inside another root are dropped (their files
/// would be walked twice).
fn choose_roots(
    given: &[PathBuf],
    known: &[PathBuf],
    default_root: &Path,
) -> Result<Vec<PathBuf>, UpdateError> {
    let chosen = if !given.is_empty() {
        given.to_vec()
    } else if !known.is_empty() {
        known.to_vec()
    } else {
        vec![default_root.to_path_buf()]
    };
    // A directory given under another spelling than the index knows it by
    // ("../archive", a symlink) is the known root: the file table names its
    // files that way, and a second spelling would keep files it no longer
    // finds.
    let same_dir = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    for root in chosen {
        let abs = std::path::absolute(&root).map_err(|error| UpdateError::Resolve {
            path: root.clone(),
            error,
        })?;
        let abs = if known.contains(&abs) {
            abs
        } else {
            known
                .iter()
                .find(|k| same_dir(k, &abs))
                .cloned()
                .unwrap_or(abs)
        };
        if !roots.iter().any(|r| *r == abs || same_dir(r, &abs)) {
            roots.push(abs);
        }
    }
    let all = roots.clone();
    roots.retain(|r| !all.iter().any(|o| o != r && r.starts_with(o)));
    Ok(roots)
}

/// One run's writing side: what it writes to, reports to and stops on.
struct Run<'a, S> {
    config: &'a UpdateConfig,
    walked: &'a [PathBuf],
    sink: &'a mut S,
    report: &'a mut UpdateReport,
    progress: &'a dyn Progress,
    cancel: &'a Cancel,
}

impl<S: Sink> Run<'_, S> {
    /// Opens the journal of the last commit, with an empty table that
    /// [`Run::pipeline`] fills while its workers start (and that stays
    /// empty for `--full`).
    fn open_state(&mut self) -> Result<(Journal, RunState), UpdateError> {
        let full = self.config.full;
        let payload = self.sink.committed_payload().map(str::to_string);
        let mut journal = Journal::open(&self.config.index, payload.as_deref())?;
        if full {
            self.sink.delete_all().map_err(Into::into)?;
            journal.start_over();
        }
        // The table accounts for every document when it was committed with
        // the index (or the index is new or emptied): then an id it lacks
        // is new.
        let ids_known = full || payload.is_some() || self.sink.committed_docs() == 0;
        let articles = if full {
            Some(0)
        } else {
            articles_in_payload(payload.as_deref())
        };
        let held = self.sink.committed_docs();
        let repair = articles
            .filter(|&recorded| recorded != held && !full)
            .map(|recorded| (held, recorded));
        Ok((journal, RunState::new(ids_known, full, articles, repair)))
    }

    /// Extracts and writes what the walk finds, removes what it did not
    /// find, and makes the last commit.
    fn finish(
        &mut self,
        job_rx: Receiver<(u64, Vec<Job>)>,
        mut state: RunState,
        journal: &mut Journal,
    ) -> Result<RunState, UpdateError> {
        let shown = self.config.index.display().to_string();
        let stopped = |stage, err: UpdateError| match err {
            // A damaged table has its own advice (`lede index --full`).
            err @ UpdateError::FileTable(StateError::Corrupt(_)) => err,
            err => UpdateError::Stopped {
                path: shown.clone(),
                stage,
                source: Box::new(err),
            },
        };
        self.pipeline(job_rx, &mut state, journal)
            .map_err(|e| stopped(Stage::Indexing, e))?;
        self.report.interrupted = self.cancel.load(Ordering::SeqCst);
        if !self.report.interrupted {
            apply::remove_unseen(self.walked, &mut state, self.sink, self.report)
                .map_err(|e| stopped(Stage::Indexing, e))?;
        }
        apply::commit(&mut state, self.sink, journal, self.report, true)
            .map_err(|e| stopped(Stage::Committing, e))?;
        Ok(state)
    }

    /// Runs the workers over the walker's batches and applies their results
    /// in walk order, committing every few seconds.
    fn pipeline(
        &mut self,
        job_rx: Receiver<(u64, Vec<Job>)>,
        state: &mut RunState,
        journal: &mut Journal,
    ) -> Result<(), UpdateError> {
        let commit_every = std::env::var(COMMIT_ENV)
            .ok()
            .and_then(|ms| ms.parse::<u64>().ok())
            .map_or(COMMIT_EVERY, Duration::from_millis);
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (done_tx, done_rx) = sync_channel::<Part<S::Doc>>(QUEUED_PER_WORKER * workers);
        let table = Arc::clone(&state.table);
        let loaded = AtomicU8::new(LOADING);
        let job_rx = Mutex::new(Some(job_rx));
        let preparer = self.sink.preparer();
        let cancel = self.cancel;
        std::thread::scope(|scope| -> Result<(), UpdateError> {
            // Held until the table is read: the workers look at their first
            // files meanwhile, and ask the table nothing before.
            let mut loading = table.write().unwrap_or_else(|e| e.into_inner());
            // Named threads, so profiles and debuggers tell the stages apart.
            for n in 0..workers {
                let (rx, done_tx, preparer, table, loaded) =
                    (&job_rx, done_tx.clone(), &preparer, &table, &loaded);
                let spawned = std::thread::Builder::new()
                    .name(format!("lede-extract-{n}"))
                    .spawn_scoped(scope, move || {
                        extract_worker(rx, done_tx, preparer, table, loaded, cancel)
                    });
                if let Err(err) = spawned {
                    // Without its receiver the walker stops, and the workers
                    // already started end (the table is never `LOADED`).
                    job_rx.lock().unwrap_or_else(|e| e.into_inner()).take();
                    return Err(UpdateError::Thread(err));
                }
            }
            drop(done_tx);
            let read = self.load(journal, &mut loading).and_then(|()| {
                apply::repair(state, self.sink, &mut loading, self.report, self.progress)
            });
            let status = if read.is_ok() { LOADED } else { FAILED };
            loaded.store(status, Ordering::Release);
            drop(loading);
            if let Err(err) = read {
                job_rx.lock().unwrap_or_else(|e| e.into_inner()).take();
                return Err(err);
            }
            let mut last_commit = Instant::now();
            let mut failure = None;
            // Parts come back in any order; they are applied in the walk's.
            let mut waiting: BTreeMap<(u64, u32), Part<S::Doc>> = BTreeMap::new();
            let mut next = (0u64, 0u32);
            'batches: for part in done_rx.iter() {
                waiting.insert((part.seq, part.part), part);
                while let Some(part) = waiting.remove(&next) {
                    next = if part.last {
                        (next.0 + 1, 0)
                    } else {
                        (next.0, next.1 + 1)
                    };
                    for done in part.done {
                        let applied =
                            apply::apply(done, state, self.sink, self.report, self.progress);
                        if let Err(e) = applied {
                            failure = Some(e);
                            break 'batches;
                        }
                    }
                    if cancel.load(Ordering::SeqCst) {
                        break 'batches;
                    }
                    if last_commit.elapsed() >= commit_every {
                        if let Err(e) = apply::commit(state, self.sink, journal, self.report, false)
                        {
                            failure = Some(e);
                            break 'batches;
                        }
                        last_commit = Instant::now();
                    }
                }
            }
            // Dropping the receiver ends the other stages if we stopped early.
            drop(done_rx);
            failure.map_or(Ok(()), Err)
        })
    }

    /// Reads the committed file table (for `--full` it stays empty: only
    /// what an interrupted run left is cleared).
    fn load(&self, journal: &mut Journal, table: &mut FileTable) -> Result<(), UpdateError> {
        if self.config.full {
            journal.remove_stale()?;
        } else {
            journal.read_table(table)?;
        }
        Ok(())
    }
}
