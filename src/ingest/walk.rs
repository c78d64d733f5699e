//! Walking the roots: every candidate file under each root, in a stable
//! order, with problems reported as events instead of stopping the walk.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::detect::is_candidate;

/// What the walker found.
#[derive(Debug)]
pub enum WalkEvent {
    /// A file lede should read.
    File(PathBuf),
    /// A file skipped because lede does not read its kind (images, styles ...).
    Ignored(PathBuf),
    /// A path that could not be walked (permission denied, a symlink loop, a
    /// root that does not exist), with the reason.
    Problem(PathBuf, String),
}

/// Walks every root (a directory or a single file), following symlinks but
/// not looping on them, skipping hidden files and folders below a root.
pub fn walk(roots: &[PathBuf]) -> impl Iterator<Item = WalkEvent> + '_ {
    walk_except(roots, None)
}

/// Like [`walk`], but never enters `skip` (the index directory, when it
/// lies under a root: lede must not index its own files).
pub fn walk_except<'a>(
    roots: &'a [PathBuf],
    skip: Option<&'a Path>,
) -> impl Iterator<Item = WalkEvent> + 'a {
    roots.iter().flat_map(move |root| {
        WalkDir::new(root)
            .follow_links(true)
            // Siblings share their parent's path, so comparing whole paths
            // orders them by name without parsing each one (walkdir's
            // `sort_by_file_name` parses both paths at every comparison).
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(move |e| {
                // The index is a directory: files are not compared with it
                // (a path comparison parses both paths).
                e.depth() == 0
                    || !(is_hidden(e.file_name())
                        || (e.file_type().is_dir() && skip.is_some_and(|s| e.path() == s)))
            })
            .filter_map(move |entry| match entry {
                Ok(e) if e.file_type().is_dir() => None,
                Ok(e) if is_candidate(e.path()) => Some(WalkEvent::File(e.into_path())),
                Ok(e) => Some(WalkEvent::Ignored(e.into_path())),
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop, not followed".to_string()
                    } else if let Some(io) = err.io_error() {
                        describe_io(io)
                    } else {
                        err.to_string()
                    };
                    Some(WalkEvent::Problem(path, reason))
                }
            })
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A short, user-facing reason for an I/O error.
pub(crate) fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}
