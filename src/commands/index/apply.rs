//! Applying the workers' results, on the writing thread: articles added,
//! replaced and deleted by reference count, the file table's changes
//! recorded, files the walk did not find forgotten, and commits that store
//! the table's changes with the articles.

use super::*;
use lede::index::state::{format_id, key_path, parse_id, path_key, FileRecord};
use lede::index::Replace;

/// Applies one result to the index and the table.
pub(super) fn apply(
    done: Done,
    state: &mut RunState,
    writer: &mut Writer,
    report: &mut IndexReport,
    progress: &Progress,
) -> Result<()> {
    match done {
        Done::Unchanged => {
            report.unchanged += 1;
            progress.file_done();
        }
        Done::Ignored => report.ignored += 1,
        Done::Unfollowed(path, target) => {
            report_line(progress.bar(), &path, &crate::commands::unfollowed(&target));
            *report
                .skipped
                .entry("symlink out of the roots")
                .or_default() += 1;
        }
        Done::Problem(path, reason) => {
            report_line(progress.bar(), &path, &reason);
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
            report_line(progress.bar(), &path, &reason);
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
fn add_articles(
    path: &Path,
    articles: Vec<Prepared>,
    warnings: &[String],
    state: &mut RunState,
    writer: &mut Writer,
    report: &mut IndexReport,
    progress: &Progress,
) -> Result<()> {
    state.refs(); // counted before this file's record changes
    for w in warnings {
        report_line(progress.bar(), path, w);
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
        let replace = match parse_id(&prepared.id) {
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
    writer.add_all(batch)?;
    state.dirty = true;
    state.in_progress = Some(file);
    Ok(())
}

/// Drops one file's references to its articles, deleting those no file
/// produces any more.
fn release(
    ids: &[u64],
    state: &mut RunState,
    writer: &mut Writer,
    report: &mut IndexReport,
) -> Result<()> {
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
            writer.delete(&format_id(*id))?;
            report.deleted_articles += 1;
            state.dirty = true;
        }
    }
    Ok(())
}

/// After a complete walk: files the table knows under the walked roots that
/// the walk did not find are gone, and so are their articles (unless another
/// file produces them).
pub(super) fn remove_unseen(
    roots: &[PathBuf],
    state: &mut RunState,
    writer: &mut Writer,
    report: &mut IndexReport,
) -> Result<()> {
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
fn forget_file(
    key: Box<[u8]>,
    state: &mut RunState,
    writer: &mut Writer,
    report: &mut IndexReport,
) -> Result<()> {
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
pub(super) fn commit(
    state: &mut RunState,
    writer: &mut Writer,
    journal: &mut Journal,
    report: &mut IndexReport,
    last: bool,
) -> Result<()> {
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
        let stamp = lede::index::state::INCOMPLETE;
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
    writer.commit_with_payload(Some(&generation.to_payload(articles)))?;
    state.articles = articles;
    journal.committed_as(generation, bytes);
    state.changes.clear();
    state.dirty = false;
    report.commits += 1;
    Ok(())
}
