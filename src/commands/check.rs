//! `lede check`: compute the checksum of every file of the index and read
//! every segment back; name each damaged file and the remedy.

use anyhow::Result;

use lede::index::{self, verify, IndexError};
use lede::output::escape;

use super::Exit;
use crate::config::CheckConfig;

/// Runs `lede check` and returns its exit code (0 whole, 2 damaged).
pub fn run(config: &CheckConfig) -> Result<Exit> {
    let path = &config.index.path;
    let opened = index::open_unchecked(path)?;
    // The files that pass are recorded only when no `lede index` is
    // running (which records its own files when it ends).
    let lock = index::take_write_lock(path).ok();
    let report = verify::check_all(&opened, lock.is_some())?;
    drop(lock);
    if !report.problems.is_empty() {
        return Err(IndexError::Damaged {
            path: path.display().to_string(),
            problems: report.problems,
        }
        .into());
    }
    let shown = escape::path(path);
    let (held, recorded) = opened.articles()?;
    if let Some(recorded) = recorded.filter(|&r| r != held) {
        anyhow::bail!(
            "the files of the index at {shown} are whole, but it holds {held} articles where its \
             last `lede index` run left {recorded}; run `lede index --index {shown}` to repair it"
        );
    }
    {
        eprintln!(
            "lede: the index at {shown} is whole: {} segments, {} files ({:.1} MiB) pass their \
             checksums, {} articles read back",
            report.segments,
            report.files,
            report.bytes as f64 / (1024.0 * 1024.0),
            report.documents
        );
    }
    Ok(Exit::Success)
}
