//! Walking the roots: every candidate file under each root, in a stable
//! order, with problems reported as events instead of stopping the walk.
//!
//! Symbolic links are followed only where they lead inside the roots being
//! walked, as ripgrep and fd do by default: a link to `/etc` inside an
//! archive must not put `/etc/shadow` into an index that other users can
//! search. `--follow` ([`WalkOptions::follow_links`]) follows every link.
//! The roots themselves are always followed (the user named them).

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
    /// A symbolic link leading out of the roots, not followed: the link and
    /// where it leads.
    Unfollowed(PathBuf, PathBuf),
}

/// How to walk.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions<'a> {
    /// A directory never entered (the index, when it lies under a root:
    /// lede must not index its own files).
    pub skip: Option<&'a Path>,
    /// Follow symbolic links that lead out of the roots too.
    pub follow_links: bool,
}

/// Walks every root (a directory or a single file), following symlinks
/// that stay inside the roots (all of them with `follow_links`) but not
/// looping on them, skipping hidden files and folders below a root.
pub fn walk<'a>(
    roots: &'a [PathBuf],
    options: WalkOptions<'a>,
) -> impl Iterator<Item = WalkEvent> + 'a {
    // Where each root really is, to tell where a link leads.
    let real_roots: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect();
    roots.iter().flat_map(move |root| RootWalk {
        root,
        real_roots: real_roots.clone(),
        follow_links: options.follow_links,
        inner: WalkDir::new(root)
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
                        || (e.file_type().is_dir() && options.skip.is_some_and(|s| e.path() == s)))
            }),
    })
}

/// The walk of one root.
struct RootWalk<'a, P> {
    root: &'a Path,
    real_roots: Vec<PathBuf>,
    follow_links: bool,
    inner: walkdir::FilterEntry<walkdir::IntoIter, P>,
}

impl<P: FnMut(&walkdir::DirEntry) -> bool> Iterator for RootWalk<'_, P> {
    type Item = WalkEvent;

    fn next(&mut self) -> Option<WalkEvent> {
        loop {
            let entry = match self.inner.next()? {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(self.root).to_path_buf();
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop, not followed".to_string()
                    } else if let Some(io) = err.io_error() {
                        describe_io(io)
                    } else {
                        err.to_string()
                    };
                    return Some(WalkEvent::Problem(path, reason));
                }
            };
            if entry.depth() > 0 && entry.path_is_symlink() && !self.follow_links {
                if let Some(target) = self.outside(entry.path()) {
                    if entry.file_type().is_dir() {
                        self.inner.skip_current_dir();
                    }
                    return Some(WalkEvent::Unfollowed(entry.into_path(), target));
                }
            }
            if entry.file_type().is_dir() {
                continue;
            }
            return Some(if is_candidate(entry.path()) {
                WalkEvent::File(entry.into_path())
            } else {
                WalkEvent::Ignored(entry.into_path())
            });
        }
    }
}

impl<P> RootWalk<'_, P> {
    /// Where a link leads when that is outside every root.
    fn outside(&self, link: &Path) -> Option<PathBuf> {
        let target = std::fs::canonicalize(link).ok()?;
        (!self.real_roots.iter().any(|r| target.starts_with(r))).then_some(target)
    }
}

/// Why a symbolic link was not followed, for the line that skips it.
pub fn unfollowed_reason(target: &Path) -> String {
    format!(
        "a symbolic link to {}, outside the roots being indexed; not followed \
         (--follow follows links out of the roots)",
        target.display()
    )
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn events(roots: &[PathBuf], follow_links: bool) -> Vec<String> {
        walk(
            roots,
            WalkOptions {
                skip: None,
                follow_links,
            },
        )
        .map(|e| match e {
            WalkEvent::File(p) => format!("file {}", p.file_name().unwrap().to_string_lossy()),
            WalkEvent::Ignored(p) => format!("ignored {}", p.display()),
            WalkEvent::Problem(p, r) => format!("problem {}: {r}", p.display()),
            WalkEvent::Unfollowed(p, _) => {
                format!("unfollowed {}", p.file_name().unwrap().to_string_lossy())
            }
        })
        .collect()
    }

    #[test]
    fn links_out_of_the_roots_are_not_followed_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let (root, secret) = (dir.path().join("archive"), dir.path().join("secret"));
        std::fs::create_dir_all(root.join("2020")).unwrap();
        std::fs::create_dir_all(&secret).unwrap();
        std::fs::write(root.join("2020/a.txt"), "a").unwrap();
        std::fs::write(secret.join("shadow.txt"), "s").unwrap();
        symlink(&secret, root.join("etc")).unwrap();
        symlink(secret.join("shadow.txt"), root.join("passwords.txt")).unwrap();
        // A link inside the root keeps working.
        symlink(root.join("2020"), root.join("latest")).unwrap();

        let roots = vec![root.clone()];
        let got = events(&roots, false);
        assert_eq!(
            got,
            [
                "file a.txt",
                "unfollowed etc",
                "file a.txt",
                "unfollowed passwords.txt"
            ],
            "{got:?}"
        );
        let got = events(&roots, true);
        assert!(got.contains(&"file shadow.txt".to_string()), "{got:?}");
        assert!(got.contains(&"file passwords.txt".to_string()), "{got:?}");
    }

    #[test]
    fn a_root_given_as_a_link_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/a.txt"), "a").unwrap();
        symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        let got = events(&[dir.path().join("link")], false);
        assert_eq!(got, ["file a.txt"]);
    }
}
