//! Applying the workers' results, on the writing thread: articles added,
//! replaced and deleted by reference count, the file table's changes
//! recorded, files the walk did not find forgotten, and commits that store
//! the table's changes with the articles.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::jobs::Done;
use super::{Progress, UpdateError, UpdateReport};
use crate::index::sink::{Sink, Staged};
use crate::index::state::{
    format_id, key_path, parse_id, path_key, Change, FileRecord, FileTable, Journal, RefCounts,
    INCOMPLETE,
};
use crate::index::writer::Replace;
use crate::ingest::unfollowed_reason;

/// What the writing thread keeps during a run.
pub(super) struct RunState {
    /// The file table, read by the workers, updated here.
    pub table: Arc<RwLock<FileTable>>,
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
    /// A run's state before the table is read: `dirty` for a rebuild (its
    /// emptied index must be committed), the articles the last commit
    /// recorded, and a repair to make (held, recorded) when the index
    /// holds another number.
    pub fn new(
        ids_known: bool,
        dirty: bool,
        articles: Option<u64>,
        repair: Option<(u64, u64)>,
    ) -> RunState {
        RunState {
            table: Arc::new(RwLock::new(FileTable::default())),
            refs: None,
            ids_known,
            changes: Vec::new(),
            dirty,
            problem_dirs: Vec::new(),
            articles,
            in_progress: None,
            repair,
        }
    }

    /// The reference counts, counted from the table on first use: call it
    /// before changing a file's record, so the count sees the table as the
    /// index has it.
    fn refs(&mut self) -> &mut RefCounts {
        let table = &self.table;
        self.refs
            .get_or_insert_with(|| table.read().unwrap_or_else(|e| e.into_inner()).ref_counts())
    }
}

/// Counts: "1 file", "2 files".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// When the index holds another number of documents than its last commit
/// recorded, compares its ids with the table's: the files of articles it
/// lacks are read again (their records forget their content), and
/// articles no file produces are deleted.
pub(super) fn repair<S: Sink>(
    state: &mut RunState,
    writer: &mut S,
    table: &mut FileTable,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<(), UpdateError> {
    let Some((held, recorded)) = state.repair.take() else {
        return Ok(());
    };
    let Some(present) = writer.committed_ids().map_err(Into::into)? else {
        // This back end cannot list what it holds: nothing to compare.
        return Ok(());
    };
    let missing = table.forget_content(|r| r.ids.iter().any(|id| !present.contains(id)));
    let listed = table.ref_counts();
    let mut extra = 0;
    for &id in present.iter().filter(|id| !listed.contains_key(id)) {
        writer.delete(&format_id(id)).map_err(Into::into)?;
        extra += 1;
    }
    state.dirty |= extra > 0;
    report.restored_files += missing;
    report.deleted_articles += extra;
    progress.note(&format!(
        "the index holds {held} articles but its last run left {recorded}: \
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

/// Applies one result to the index and the table.
pub(super) fn apply<S: Sink>(
    done: Done<S::Doc>,
    state: &mut RunState,
    writer: &mut S,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<(), UpdateError> {
    match done {
        Done::Unchanged => {
            report.unchanged += 1;
            progress.file_done();
        }
        Done::Ignored => report.ignored += 1,
        Done::Unfollowed(path, target) => {
            progress.skipped(&path, &unfollowed_reason(&target));
            *report
                .skipped
                .entry("symlink out of the roots")
                .or_default() += 1;
        }
        Done::Problem(path, reason) => {
            progress.skipped(&path, &reason);
            *report.skipped.entry("unwalkable").or_default() += 1;
            state.problem_dirs.push(path);
        }
        Done::Touched { path, stamp, hash } => {
            report.unchanged += 1;
            progress.file_done();
            let key = path_key(&path);
            let mut table = state.table.write().unwrap_or_else(|e| e.into_inner());
            let ids = table.get(&key).map(|r| r.ids.clone()).unwrap_or_default();
            let record = FileRecord::new(stamp, hash, ids.clone());
            record.mark_seen();
            table.put(key.clone(), record);
            state.changes.push(Change::Put(key, stamp, hash, ids));
        }
        Done::Records {
            path,
            articles,
            warnings,
        } => {
            add_articles(&path, articles, &warnings, state, writer, report, progress)?;
        }
        Done::Extracted {
            path,
            stamp,
            hash,
            articles,
            warnings,
        } => {
            add_articles(&path, articles, &warnings, state, writer, report, progress)?;
            report.files += 1;
            progress.file_done();
            let Some(file) = state.in_progress.take() else {
                return Ok(());
            };
            let mut ids = file.new_ids;
            ids.sort_unstable();
            let ids: Box<[u64]> = ids.into();
            let record = FileRecord::new(stamp, hash, ids.clone());
            record.mark_seen();
            state
                .table
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .put(file.key.clone(), record);
            // The new references were counted as the articles came, so an
            // article the file still produces is never deleted here.
            release(&file.old_ids, state, writer, report)?;
            state.changes.push(Change::Put(file.key, stamp, hash, ids));
            state.dirty = true;
        }
        Done::Skipped {
            path,
            kind,
            reason,
            drop_articles,
        } => {
            report.files += 1;
            progress.file_done();
            progress.skipped(&path, &reason);
            *report.skipped.entry(kind).or_default() += 1;
            if drop_articles {
                forget_file(path_key(&path), state, writer, report)?;
            }
        }
    }
    Ok(())
}

/// Adds a file's articles (all of them, or one part of a large file),
/// counting a reference for each id the first time the file gives it.
fn add_articles<S: Sink>(
    path: &Path,
    articles: Vec<S::Doc>,
    warnings: &[String],
    state: &mut RunState,
    writer: &mut S,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<(), UpdateError> {
    state.refs(); // counted before this file's record changes
    for w in warnings {
        progress.skipped(path, w);
    }
    report.record_warnings += warnings.len();
    let key = path_key(path);
    let mut file = match state.in_progress.take() {
        Some(file) if file.key == key => file,
        _ => {
            let table = state.table.read().unwrap_or_else(|e| e.into_inner());
            let old_ids = table.get(&key).map(|r| r.ids.clone()).unwrap_or_default();
            InProgress {
                key,
                old_ids,
                new_ids: Vec::with_capacity(articles.len()),
                fresh: Default::default(),
            }
        }
    };
    report.articles += articles.len();
    progress.articles_done(articles.len());
    let mut batch = Vec::with_capacity(articles.len());
    for prepared in articles {
        let replace = match parse_id(prepared.id()) {
            Some(id) => {
                let first_here = file.fresh.insert(id);
                let known = state.refs().contains_key(&id);
                if first_here {
                    *state.refs().entry(id).or_default() += 1;
                    file.new_ids.push(id);
                }
                // New to the index and first in this file: nothing to replace.
                if first_here && !known && state.ids_known {
                    Replace::None
                } else {
                    Replace::Any
                }
            }
            None => Replace::Any,
        };
        batch.push((prepared, replace));
    }
    writer.add_all(batch).map_err(Into::into)?;
    state.dirty = true;
    state.in_progress = Some(file);
    Ok(())
}

/// Drops one file's references to its articles, deleting those no file
/// produces any more.
fn release<S: Sink>(
    ids: &[u64],
    state: &mut RunState,
    writer: &mut S,
    report: &mut UpdateReport,
) -> Result<(), UpdateError> {
    for id in ids {
        let gone = match state.refs().get_mut(id) {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            _ => true,
        };
        if gone {
            state.refs().remove(id);
            writer.delete(&format_id(*id)).map_err(Into::into)?;
            report.deleted_articles += 1;
            state.dirty = true;
        }
    }
    Ok(())
}

/// After a complete walk: files the table knows under the walked roots that
/// the walk did not find are gone, and so are their articles (unless another
/// file produces them).
pub(super) fn remove_unseen<S: Sink>(
    roots: &[PathBuf],
    state: &mut RunState,
    writer: &mut S,
    report: &mut UpdateReport,
) -> Result<(), UpdateError> {
    let gone: Vec<Box<[u8]>> = {
        let table = state.table.read().unwrap_or_else(|e| e.into_inner());
        table
            .iter()
            .filter(|(_, record)| !record.was_seen())
            .filter(|(key, _)| {
                let path = key_path(key);
                roots.iter().any(|r| path.starts_with(r))
                    && !state.problem_dirs.iter().any(|p| path.starts_with(p))
            })
            .map(|(key, _)| key.into())
            .collect()
    };
    for key in gone {
        forget_file(key, state, writer, report)?;
    }
    Ok(())
}

/// Removes a file from the table, with its references to its articles.
fn forget_file<S: Sink>(
    key: Box<[u8]>,
    state: &mut RunState,
    writer: &mut S,
    report: &mut UpdateReport,
) -> Result<(), UpdateError> {
    state.refs(); // counted before the record goes
    let old = state
        .table
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&key);
    if let Some(old) = old {
        report.removed_files += 1;
        release(&old.ids, state, writer, report)?;
        state.changes.push(Change::Remove(key));
    }
    Ok(())
}

/// Commits the articles and the table changes together: the table segment
/// is written first, then tantivy's commit names it. Nothing to commit,
/// nothing written (a re-run with no change touches nothing).
pub(super) fn commit<S: Sink>(
    state: &mut RunState,
    writer: &mut S,
    journal: &mut Journal,
    report: &mut UpdateReport,
    last: bool,
) -> Result<(), UpdateError> {
    if state.changes.is_empty() && !state.dirty {
        return Ok(());
    }
    if let Some(file) = &state.in_progress {
        // A file committed half way: its record lists the articles of both
        // versions now in the index, and a stamp no file has, so that the
        // next run reads it again if this one stops before its end.
        let mut ids: Vec<u64> = file.old_ids.iter().chain(&file.new_ids).copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let ids: Box<[u64]> = ids.into();
        let stamp = INCOMPLETE;
        let record = FileRecord::new(stamp, [0; 16], ids.clone());
        record.mark_seen();
        state
            .table
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .put(file.key.clone(), record);
        state
            .changes
            .push(Change::Put(file.key.clone(), stamp, [0; 16], ids));
    }
    let (generation, bytes) = if last && journal.should_compact() {
        let table = state.table.read().unwrap_or_else(|e| e.into_inner());
        journal.write_snapshot(&table)?
    } else {
        journal.write_delta(&state.changes)?
    };
    // Every article the table lists is one document (an article reached by
    // several files is counted once): what the index holds after this commit.
    let articles = state
        .refs
        .as_ref()
        .map(|r| r.len() as u64)
        .or(state.articles);
    writer
        .commit_with_payload(&generation.to_payload(articles))
        .map_err(Into::into)?;
    state.articles = articles;
    journal.committed_as(generation, bytes);
    state.changes.clear();
    state.dirty = false;
    report.commits += 1;
    Ok(())
}
