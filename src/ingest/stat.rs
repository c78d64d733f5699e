//! File metadata in walk order: the size and modification time of each file
//! the walk lists, which is all a re-run needs to tell an unchanged file.
//!
//! The walk lists a directory's files together, so on Unix a [`Stats`] opens
//! each directory once (`O_PATH`) and looks its files up by name
//! (`fstatat`): the kernel resolves one name per file instead of every
//! component of the full path, which was most of the system time of a
//! re-run that found nothing to do. Elsewhere, and for a path without a
//! parent, it is `std::fs::metadata`.

use std::io;
use std::path::Path;
#[cfg(unix)]
use std::path::PathBuf;

/// What the walk needs to know of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMeta {
    /// A regular file (after following symlinks), not a FIFO, socket,
    /// device or directory.
    pub is_file: bool,
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since 1970 (negative before).
    pub mtime_ns: i64,
}

/// Looks up files' metadata, remembering the last directory opened.
#[derive(Default)]
pub struct Stats {
    #[cfg(unix)]
    dir: Option<(PathBuf, std::os::fd::OwnedFd)>,
}

impl Stats {
    /// A lookup with no directory open yet.
    pub fn new() -> Stats {
        Stats::default()
    }

    /// The metadata of `path`, following symlinks like `std::fs::metadata`
    /// (and failing with the same error kinds: `NotFound` for a file gone).
    pub fn of(&mut self, path: &Path) -> io::Result<FileMeta> {
        #[cfg(unix)]
        if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
            if !parent.as_os_str().is_empty() {
                return self.at(parent, name, path);
            }
        }
        std::fs::metadata(path).map(|m| from_std(&m))
    }

    #[cfg(unix)]
    fn at(&mut self, parent: &Path, name: &std::ffi::OsStr, path: &Path) -> io::Result<FileMeta> {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags};
        let open = matches!(&self.dir, Some((dir, _)) if dir == parent);
        if !open {
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            match rustix::fs::open(parent, flags, Mode::empty()) {
                Ok(fd) => self.dir = Some((parent.to_path_buf(), fd)),
                // Let the full path say what is wrong with it.
                Err(_) => {
                    self.dir = None;
                    return std::fs::metadata(path).map(|m| from_std(&m));
                }
            }
        }
        let (_, fd) = self.dir.as_ref().expect("opened above");
        let st = rustix::fs::statat(fd, name, AtFlags::empty())?;
        Ok(FileMeta {
            is_file: FileType::from_raw_mode(st.st_mode).is_file(),
            size: u64::try_from(st.st_size).unwrap_or(0),
            mtime_ns: (st.st_mtime as i64)
                .saturating_mul(1_000_000_000)
                .saturating_add(st.st_mtime_nsec as i64),
        })
    }
}

/// The same fields from the standard library's metadata.
fn from_std(meta: &std::fs::Metadata) -> FileMeta {
    use std::time::UNIX_EPOCH;
    let mtime_ns = match meta.modified() {
        Ok(t) => match t.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
        },
        Err(_) => 0,
    };
    FileMeta {
        is_file: meta.is_file(),
        size: meta.len(),
        mtime_ns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_across_directories_and_reports_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let files = [
            a.join("1.txt"),
            a.join("2.txt"),
            b.join("3.txt"),
            a.join("4.txt"),
        ];
        for (n, f) in files.iter().enumerate() {
            std::fs::write(f, "x".repeat(n * 10 + 1)).unwrap();
        }
        let mut stats = Stats::new();
        for f in &files {
            let std_meta = from_std(&std::fs::metadata(f).unwrap());
            assert_eq!(stats.of(f).unwrap(), std_meta, "{}", f.display());
        }
        assert_eq!(stats.of(&files[2]).unwrap().size, 21);
        // A directory is not a regular file.
        assert!(!stats.of(&b).unwrap().is_file);
        // A file gone since the walk, and one in a directory that is gone.
        let gone = stats.of(&a.join("gone.txt")).unwrap_err();
        assert_eq!(gone.kind(), io::ErrorKind::NotFound);
        let gone = stats.of(&dir.path().join("nodir/x.txt")).unwrap_err();
        assert_eq!(gone.kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_like_std() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "twelve bytes").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let meta = Stats::new().of(&link).unwrap();
        assert!(meta.is_file);
        assert_eq!(meta.size, 12);
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("missing"), &dangling).unwrap();
        let err = Stats::new().of(&dangling).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
