//! `lede index`: walk the roots, re-read only the files that changed since
//! the last run, extract them on all cores, and feed the articles to one
//! index writer; commit every few seconds; end with a summary on stderr.
//!
//! The run is a pipeline of three stages over bounded channels, so memory
//! stays flat however large the corpus: a walker thread lists the files in
//! batches; one extraction worker per core looks up each file's size and
//! modification time (starting while this thread reads the index's file
//! table), compares them with the table once it is read, then reads, hashes,
//! decodes and extracts the changed ones and builds their documents; this
//! thread puts the batches back in the walk's order (so a run is
//! deterministic), writes the articles, keeps the file table and its
//! reference counts (an article is deleted only when no file produces it
//! any more), and commits. Batches are small, so the writer is fed while
//! the workers extract the next ones.
//!
//! Each commit stores the file table's changes with the articles (see
//! `lede::index::state`), so a run killed at any moment leaves an index that
//! opens and searches at its last commit, and the next run finishes the
//! work without duplicates. Ctrl-C (or SIGTERM) commits what is done and
//! exits with code 130.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use lede::index::state::{
    articles_in_payload, format_id, Change, ContentHash, FileTable, Journal, RefCounts, Stamp,
};
use lede::index::{self, Prepared, Writer};
use lede::ingest::WalkOptions;

use super::Exit;

mod apply;
mod progress;
mod workers;

use apply::{apply, commit, remove_unseen};
use progress::{report_line, Progress};
use workers::{extract_worker, walk_stage, FAILED, LOADED, LOADING};

/// Files per batch handed to an extraction worker, which looks at each
/// one's size and time (so a re-run spreads that over all cores) and reads
/// the changed ones. The walk does not know sizes, so a file that may hold
/// many articles (JSON, JSON Lines) ends its batch: a few large exports are
/// still spread over all cores.
const BATCH_FILES: usize = 64;
/// Most bytes (on disk) a worker reads before handing back what it has
/// extracted of a batch: small enough that the writer is fed steadily and
/// memory stays flat, large enough to amortize handing over.
const PART_BYTES: u64 = 1024 * 1024;
/// Environment variable overriding [`PART_BYTES`] (tests use small parts to
/// commit a JSON Lines file half way).
const PART_ENV: &str = "LEDE_PART_BYTES";

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
/// Exit code after Ctrl-C or SIGTERM: what was done is committed (128 + SIGINT).
pub const EXIT_INTERRUPTED: i32 = 130;

/// Everything `lede index` needs, validated.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// Directories or files to index; empty means the roots the index
    /// already covers, or `corpus/`.
    pub roots: Vec<PathBuf>,
    /// The index directory.
    pub index: PathBuf,
    /// Rebuild from scratch.
    pub full: bool,
    /// Writer memory budget in bytes.
    pub memory_bytes: usize,
    /// Print no summary.
    pub quiet: bool,
    /// Follow symbolic links out of the roots too.
    pub follow_links: bool,
}

/// What a run did, for the summary.
#[derive(Debug, Default)]
pub struct IndexReport {
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
    /// The run was stopped by Ctrl-C or SIGTERM.
    pub interrupted: bool,
    /// Wall time.
    pub elapsed: Duration,
}

impl IndexReport {
    fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    fn summary(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.articles as f64 / secs
        } else {
            0.0
        };
        let mut s = format!(
            "lede: indexed {} from {} in {:.2} s ({:.0} articles/s)",
            count(self.articles, "article"),
            count(self.files, "file"),
            secs,
            rate
        );
        if self.unchanged > 0 {
            s.push_str(&format!("; {} unchanged", count(self.unchanged, "file")));
        }
        if self.restored_files > 0 {
            s.push_str(&format!(
                "; {} read again to restore articles missing from the index",
                count(self.restored_files, "file")
            ));
        }
        if self.removed_files > 0 || self.deleted_articles > 0 {
            s.push_str(&format!(
                "; {} gone or emptied, {} deleted",
                count(self.removed_files, "file"),
                count(self.deleted_articles, "article")
            ));
        }
        let skipped = self.skipped_total();
        if skipped > 0 {
            let kinds: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            s.push_str(&format!(
                "; {} skipped ({})",
                count(skipped, "file"),
                kinds.join(", ")
            ));
        } else {
            s.push_str("; 0 files skipped");
        }
        if self.record_warnings > 0 {
            s.push_str(&format!(
                "; {} skipped inside files",
                count(self.record_warnings, "bad record")
            ));
        }
        if self.ignored > 0 {
            s.push_str(&format!(
                "; {} ignored (not html, txt, json or jsonl)",
                count(self.ignored, "other file")
            ));
        }
        s
    }
}

/// "1 file", "2 files": a count with its noun in the right number.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Runs `lede index` and returns its exit code (0 all indexed, 3 some files
/// skipped; 130 after Ctrl-C, with the work done so far committed).
pub fn run(config: &IndexConfig) -> Result<Exit> {
    let stop = stop_flag();
    let report = build(config, &stop)?;
    if !config.quiet {
        eprintln!("{}", report.summary());
    }
    if report.interrupted {
        eprintln!(
            "lede: interrupted; what was indexed is committed, run `lede index --index {}` again to finish",
            config.index.display()
        );
        std::process::exit(EXIT_INTERRUPTED);
    }
    Ok(if report.skipped_total() > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}

/// The flag Ctrl-C and SIGTERM set; the handler is installed once.
fn stop_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let set = Arc::clone(&flag);
        // Without a handler the default applies (the process dies, the
        // index keeps its last commit), so a failure here is not fatal.
        let _ = ctrlc::set_handler(move || set.store(true, Ordering::SeqCst));
        flag
    })
    .clone()
}

/// Builds the default index from `corpus/` when a search finds none.
pub fn build_default(index: &Path) -> Result<()> {
    eprintln!(
        "lede: no index at {}; building it from corpus/ first",
        index.display()
    );
    let config = IndexConfig {
        roots: vec![PathBuf::from("corpus")],
        index: index.to_path_buf(),
        full: false,
        memory_bytes: lede::index::DEFAULT_MEMORY_BYTES,
        quiet: false,
        follow_links: false,
    };
    build(&config, &stop_flag()).map(|report| eprintln!("{}", report.summary()))
}

/// The roots to walk, absolute: those given, else those the index covers,
/// else `corpus/`. Roots inside another root are dropped (their files would
/// be walked twice).
fn choose_roots(given: &[PathBuf], known: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let chosen = if !given.is_empty() {
        given.to_vec()
    } else if !known.is_empty() {
        known.to_vec()
    } else {
        vec![PathBuf::from("corpus")]
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
        let abs = std::path::absolute(&root)
            .with_context(|| format!("cannot resolve {}", root.display()))?;
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

/// Builds or updates the index; per-file problems are reported on stderr and
/// counted, only index-level failures are errors.
pub fn build(config: &IndexConfig, stop: &AtomicBool) -> Result<IndexReport> {
    let started = Instant::now();
    // The write lock is taken first: nothing is touched while another
    // process writes.
    let mut opened = index::open_or_create(&config.index, config.full)?;
    if !config.full {
        // A damaged index is refused before anything is written to it.
        index::verify::verify_new(&opened)?;
    }
    let mut writer = Writer::new(&opened, config.memory_bytes)?;
    let shown = config.index.display().to_string();

    if config.full && !config.roots.is_empty() {
        opened.info.roots.clear();
    }
    let roots = choose_roots(&config.roots, &opened.info.roots)?;
    let mut report = IndexReport::default();
    let mut walked = Vec::new();
    for root in &roots {
        if root.exists() {
            walked.push(root.clone());
        } else if config.roots.is_empty() && !opened.info.roots.is_empty() {
            // A root the index knows is gone (an unmounted drive, say): keep
            // its articles rather than delete them, and say so.
            report_line(
                None,
                root,
                "indexed root no longer exists; its articles are kept",
            );
            *report.skipped.entry("missing root").or_default() += 1;
        } else {
            anyhow::bail!(
                "{} does not exist; give a directory or file to index",
                root.display()
            );
        }
    }
    // Record the roots now, so that `lede index` alone resumes an
    // interrupted first run.
    let mut roots_changed = false;
    for root in &walked {
        if !opened.info.roots.contains(root) {
            opened.info.roots.push(root.clone());
            roots_changed = true;
        }
    }
    if roots_changed || config.full {
        opened.save_info()?;
    }

    let index_dir =
        std::path::absolute(&config.index).with_context(|| format!("cannot resolve {shown}"))?;
    let mut report = std::thread::scope(|scope| {
        // The walk starts at once, and may run up to `WALK_AHEAD` batches
        // ahead of the workers (which look at its files while the file
        // table loads). Should anything below fail, `job_rx` goes with this
        // closure and the walker stops.
        let (job_tx, job_rx) = sync_channel::<(u64, Vec<Job>)>(WALK_AHEAD);
        let (walked, index_dir) = (&walked, &index_dir);
        std::thread::Builder::new()
            .name("lede-walk".into())
            .spawn_scoped(scope, move || {
                let options = WalkOptions {
                    skip: Some(index_dir),
                    follow_links: config.follow_links,
                };
                walk_stage(walked, options, stop, job_tx)
            })?;
        let (mut journal, mut state) = open_state(config, &mut writer, &shown)?;
        let report = finish_build(
            config,
            job_rx,
            walked,
            &mut state,
            &mut writer,
            &mut journal,
            report,
            stop,
        )?;
        // The file table and reference counts go with the process: freeing
        // 300,000 records one by one took 130-170 ms, an eighth of a re-run
        // that found nothing to do. (`lede` runs one index build per process.)
        std::mem::forget(state);
        Ok::<_, anyhow::Error>(report)
    })?;
    writer
        .wait()
        .with_context(|| format!("finishing the index at {shown}"))?;
    // The files this run wrote pass their checksums once, and are known
    // whole from then on (see `lede::index::verify`).
    index::verify::verify_new(&opened)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Opens the journal of the last commit, with an empty table that
/// [`run_pipeline`] fills while its workers start (and that stays empty for
/// `--full`).
fn open_state(
    config: &IndexConfig,
    writer: &mut Writer,
    shown: &str,
) -> Result<(Journal, RunState)> {
    let payload = writer.committed_payload().map(str::to_string);
    let mut journal = Journal::open(&config.index, payload.as_deref())
        .with_context(|| format!("reading the file table of the index at {shown}"))?;
    if config.full {
        writer.delete_all()?;
        journal.start_over();
    }
    // The table accounts for every document when it was committed with the
    // index (or the index is new or emptied): then an id it lacks is new.
    let ids_known = config.full || payload.is_some() || writer.committed_docs() == 0;
    let articles = if config.full {
        Some(0)
    } else {
        articles_in_payload(payload.as_deref())
    };
    let held = writer.committed_docs();
    let repair = articles
        .filter(|&recorded| recorded != held && !config.full)
        .map(|recorded| (held, recorded));
    let state = RunState {
        ids_known,
        refs: None,
        table: Arc::new(RwLock::new(FileTable::default())),
        changes: Vec::new(),
        dirty: config.full,
        problem_dirs: Vec::new(),
        articles,
        repair,
        in_progress: None,
    };
    Ok((journal, state))
}

/// Extracts and writes what the walk finds, removes what it did not find,
/// and makes the last commit.
#[allow(clippy::too_many_arguments)]
fn finish_build(
    config: &IndexConfig,
    job_rx: Receiver<(u64, Vec<Job>)>,
    walked: &[PathBuf],
    state: &mut RunState,
    writer: &mut Writer,
    journal: &mut Journal,
    mut report: IndexReport,
    stop: &AtomicBool,
) -> Result<IndexReport> {
    let shown = config.index.display().to_string();
    let progress = Progress::new(config.quiet, walked, &config.index, config.follow_links);
    let commit_every = std::env::var(COMMIT_ENV)
        .ok()
        .and_then(|ms| ms.parse::<u64>().ok())
        .map_or(COMMIT_EVERY, Duration::from_millis);
    // For `--full` the table stays empty: only what an interrupted run left
    // is cleared.
    let unreadable = Cell::new(false);
    let load = |journal: &mut Journal, table: &mut FileTable| {
        let read = if config.full {
            journal.remove_stale()
        } else {
            journal.read_table(table)
        };
        read.map_err(|err| {
            unreadable.set(true);
            anyhow::Error::new(err)
                .context(format!("reading the file table of the index at {shown}"))
        })
    };
    let outcome = run_pipeline(
        job_rx,
        state,
        writer,
        journal,
        &mut report,
        &progress,
        stop,
        commit_every,
        load,
    );
    if let Err(err) = outcome {
        progress.finish();
        if unreadable.get() {
            // Its own advice stands (a damaged table: `lede index --full`).
            return Err(err);
        }
        let remedy = remedy(&err);
        return Err(err.context(format!(
            "indexing into {shown} stopped; the index keeps its last commit, and \
             `lede index --index {shown}` resumes from there{remedy}"
        )));
    }
    report.interrupted = stop.load(Ordering::SeqCst);
    if !report.interrupted {
        remove_unseen(walked, state, writer, &mut report)?;
    }
    if let Err(err) = commit(state, writer, journal, &mut report, true) {
        let remedy = remedy(&err);
        return Err(err.context(format!(
            "committing to the index at {shown} failed; it keeps its last commit, and \
             `lede index --index {shown}` resumes from there{remedy}"
        )));
    }
    progress.finish();
    Ok(report)
}

/// When the index holds another number of documents than its last commit
/// recorded, compares its ids with the table's: the files of articles it
/// lacks are read again (their records forget their content), and
/// articles no file produces are deleted.
fn repair(
    state: &mut RunState,
    writer: &mut Writer,
    table: &mut FileTable,
    report: &mut IndexReport,
    progress: &Progress,
) -> Result<()> {
    let Some((held, recorded)) = state.repair.take() else {
        return Ok(());
    };
    let present = writer.committed_ids()?;
    let missing = table.forget_content(|r| r.ids.iter().any(|id| !present.contains(id)));
    let listed = table.ref_counts();
    let mut extra = 0;
    for &id in present.iter().filter(|id| !listed.contains_key(id)) {
        writer.delete(&format_id(id))?;
        extra += 1;
    }
    state.dirty |= extra > 0;
    report.restored_files += missing;
    report.deleted_articles += extra;
    progress.note(&format!(
        "lede: the index holds {held} articles but its last run left {recorded}: \
         re-reading the {} whose articles are missing{}",
        count(missing, "file"),
        if extra > 0 {
            format!(", deleting {}", count(extra, "article no file produces"))
        } else {
            String::new()
        }
    ));
    Ok(())
}

/// What to do before running again, from the error's cause: free disk
/// space or fix permissions (a damaged index carries its own advice).
fn remedy(err: &anyhow::Error) -> &'static str {
    let io = err.chain().find_map(|e| {
        e.downcast_ref::<index::IndexError>()
            .and_then(index::IndexError::io_error)
            .or_else(|| e.downcast_ref::<std::io::Error>())
    });
    match io {
        // ENOSPC by number: `ErrorKind::StorageFull` is newer than lede's minimum Rust.
        Some(io) if cfg!(unix) && index::os_code(io) == Some(28) => " once disk space is freed",
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            " once the permissions are fixed"
        }
        _ => "",
    }
}

/// What the writing thread keeps during a run.
struct RunState {
    /// The file table, read by the workers, updated here.
    table: Arc<RwLock<FileTable>>,
    /// How many files produce each article: counted from the table when
    /// first needed (a re-run that finds nothing changed never needs it).
    refs: Option<RefCounts>,
    /// `refs` holds every id in the index, so an article whose id it lacks
    /// is added without deleting an older copy first.
    ids_known: bool,
    /// Table changes since the last commit.
    changes: Vec<Change>,
    /// Articles were added or deleted since the last commit.
    dirty: bool,
    /// Paths the walk could not enter: files under them are not "deleted".
    problem_dirs: Vec<PathBuf>,
    /// The articles the index holds as of the last commit, when known.
    articles: Option<u64>,
    /// The file whose articles arrive in parts, while they do.
    in_progress: Option<InProgress>,
    /// The index holds a number of documents other than its last commit
    /// recorded (documents lost, say, to a segment dropped from
    /// `meta.json`): (held, recorded), to repair once the table is read.
    repair: Option<(u64, u64)>,
}

/// A file whose articles arrive in parts (a large JSON Lines file).
struct InProgress {
    /// The file's table key.
    key: Box<[u8]>,
    /// The ids its record held before this run read it.
    old_ids: Box<[u64]>,
    /// The ids of the parts applied so far, each counted once in `refs`.
    new_ids: Vec<u64>,
    fresh: foldhash::HashSet<u64>,
}

impl RunState {
    /// The reference counts, counted from the table on first use: call it
    /// before changing a file's record, so the count sees the table as the
    /// index has it.
    fn refs(&mut self) -> &mut RefCounts {
        let table = &self.table;
        self.refs
            .get_or_insert_with(|| table.read().unwrap_or_else(|e| e.into_inner()).ref_counts())
    }
}

/// What the walk found, for the extraction stage.
enum Job {
    /// A file to compare with the table, and read when it changed.
    File(PathBuf),
    Ignored,
    Problem(PathBuf, String),
    /// A symbolic link out of the roots, and where it leads.
    Unfollowed(PathBuf, PathBuf),
}

/// Part of a batch's results: a worker hands a batch back in parts of about
/// [`PART_BYTES`] read, numbered within the batch, the last one marked.
struct Part {
    seq: u64,
    part: u32,
    last: bool,
    done: Vec<Done>,
}

/// What became of one job.
enum Done {
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
        articles: Vec<Prepared>,
        warnings: Vec<String>,
    },
    /// A part of a large file's articles; `Extracted` brings its last part.
    Records {
        path: PathBuf,
        articles: Vec<Prepared>,
        warnings: Vec<String>,
    },
    Skipped {
        path: PathBuf,
        kind: &'static str,
        reason: String,
        /// The file's content yields nothing now (or it is gone): its
        /// articles go. Otherwise (unreadable) they are kept.
        drop_articles: bool,
    },
    Ignored,
    Problem(PathBuf, String),
    /// A symbolic link out of the roots, not followed: its files are not
    /// walked, so the articles they gave (if an earlier run followed it) go.
    Unfollowed(PathBuf, PathBuf),
}

/// Runs the workers over the walker's batches and applies their results
/// in walk order, committing every `commit_every`.
#[allow(clippy::too_many_arguments)]
fn run_pipeline(
    job_rx: Receiver<(u64, Vec<Job>)>,
    state: &mut RunState,
    writer: &mut Writer,
    journal: &mut Journal,
    report: &mut IndexReport,
    progress: &Progress,
    stop: &AtomicBool,
    commit_every: Duration,
    load: impl FnOnce(&mut Journal, &mut FileTable) -> Result<()>,
) -> Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (done_tx, done_rx) = sync_channel::<Part>(QUEUED_PER_WORKER * workers);
    let table = Arc::clone(&state.table);
    let loaded = AtomicU8::new(LOADING);
    let job_rx = Mutex::new(Some(job_rx));
    let fields = writer.fields().clone();
    std::thread::scope(|scope| -> Result<()> {
        // Held until the table is read: the workers look at their first
        // files meanwhile, and ask the table nothing before.
        let mut loading = table.write().unwrap_or_else(|e| e.into_inner());
        // Named threads, so profiles and debuggers tell the stages apart.
        for n in 0..workers {
            let (rx, done_tx, fields, table, loaded) =
                (&job_rx, done_tx.clone(), &fields, &table, &loaded);
            let spawned = std::thread::Builder::new()
                .name(format!("lede-extract-{n}"))
                .spawn_scoped(scope, move || {
                    extract_worker(rx, done_tx, fields, table, loaded, stop)
                });
            if let Err(err) = spawned {
                // Without its receiver the walker stops, and the workers
                // already started end (the table is never `LOADED`).
                job_rx.lock().unwrap_or_else(|e| e.into_inner()).take();
                return Err(err.into());
            }
        }
        drop(done_tx);
        let read = load(journal, &mut loading)
            .and_then(|()| repair(state, writer, &mut loading, report, progress));
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
        let mut waiting: BTreeMap<(u64, u32), Part> = BTreeMap::new();
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
                    if let Err(e) = apply(done, state, writer, report, progress) {
                        failure = Some(e);
                        break 'batches;
                    }
                }
                if stop.load(Ordering::SeqCst) {
                    break 'batches;
                }
                if last_commit.elapsed() >= commit_every {
                    if let Err(e) = commit(state, writer, journal, report, false) {
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
