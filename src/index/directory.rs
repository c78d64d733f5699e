//! The directory an index lives in, as tantivy sees it: tantivy's memory-
//! mapped directory, with three differences that make an index directory
//! behave like every other file a tool writes, and a damaged or interrupted
//! one recoverable.
//!
//! - **Permissions follow the umask.** tantivy writes `meta.json` and
//!   `.managed.json` through a temporary file created private (0600), while
//!   segment files follow the umask (0644 with the usual 022): another user
//!   could read a shared index's data but not search it. Here every file
//!   is created with mode 0666 minus the umask, like `cp` or `tar` output.
//! - **Atomic writes leave recognisable leftovers.** A replacement is
//!   written to `.<name>.lede-tmp`, synced, renamed over the file, and the
//!   directory is synced; a process killed half way leaves that temporary
//!   file, which the next run removes (see [`sweep_leftovers`]).
//! - **Read-only media.** A reader opens without its meta lock where
//!   nothing can be written (see [`IndexDirectory::acquire_lock`]).
//!
//! Every file operation also passes a fault-injection point (`fault`), so
//! tests can kill the process at each step of a commit.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite, WatchCallback,
    WatchHandle, WritePtr, META_LOCK,
};
use tantivy::Directory;

use super::fault;

/// Suffix of the temporary file an atomic write goes through.
const TMP_SUFFIX: &str = ".lede-tmp";

/// tantivy's memory-mapped directory with lede's writing rules (see the
/// module documentation).
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    /// Opens the directory at `path` (which must exist).
    pub fn open(path: &Path) -> io::Result<IndexDirectory> {
        let inner = MmapDirectory::open(path).map_err(|e| io::Error::other(e.to_string()))?;
        Ok(IndexDirectory {
            inner,
            root: path.to_path_buf(),
        })
    }

    fn cannot_write(e: &io::Error) -> bool {
        // EROFS is 30 on Linux and the BSDs (`ErrorKind::ReadOnlyFilesystem`
        // is newer than lede's minimum Rust).
        e.kind() == io::ErrorKind::PermissionDenied || (cfg!(unix) && e.raw_os_error() == Some(30))
    }
}

/// Writes `data` to `path` atomically: a temporary file beside it (created
/// with the umask's permissions), synced, renamed over `path`, and the
/// directory synced, so a crash leaves either the old file or the new one.
pub fn atomic_write(path: &Path, data: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp_name = std::ffi::OsString::new();
    if !name.as_encoded_bytes().starts_with(b".") {
        tmp_name.push(".");
    }
    tmp_name.push(name);
    tmp_name.push(TMP_SUFFIX);
    let tmp = dir.join(tmp_name);
    fault::point("atomic write: temporary file");
    {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        file.write_all(data)?;
        fault::point("atomic write: before sync");
        file.sync_all()?;
    }
    fault::point("atomic write: before rename");
    fs::rename(&tmp, path)?;
    fault::point("atomic write: after rename");
    sync_dir(dir)
}

/// Makes renames and new files in `dir` durable (a no-op where directories
/// cannot be opened for that).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        fault::point("delete");
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        fault::point("create a segment file");
        let writer = self.inner.open_write(path)?;
        let inner = writer.into_inner().map_err(|e| OpenWriteError::IoError {
            io_error: Arc::new(e.into_error()),
            filepath: path.to_path_buf(),
        })?;
        Ok(BufWriter::new(Box::new(Faulty(inner))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        atomic_write(&self.root.join(path), data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        fault::point("sync the index directory");
        self.inner.sync_directory()
    }

    /// On a read-only filesystem (or a directory this user may not write)
    /// a reader opens without its meta lock. That lock only keeps a
    /// writer's garbage collection from deleting files a reader is opening,
    /// and no writer can run where nothing can be written: so an archive
    /// index on read-only media stays searchable.
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && Self::cannot_write(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// A segment file being written, with a fault point before it is sealed.
struct Faulty(Box<dyn TerminatingWrite + Send + Sync>);

impl Write for Faulty {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for Faulty {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        fault::point("seal a segment file");
        self.0.terminate_ref(token)
    }
}

/// What [`sweep_leftovers`] removed.
#[derive(Debug, Default)]
pub struct Swept {
    /// Files removed.
    pub removed: Vec<PathBuf>,
}

/// Removes what interrupted runs left in an index directory: temporary
/// files of atomic writes (lede's, and older tantivy's `.tmpXXXXXX`), and
/// segment files that the committed `meta.json` does not name (`living`).
/// Call it only while holding the index's write lock, before tantivy's
/// writer starts (whose new segments are not committed yet), and under
/// tantivy's meta lock, so that no reader is between reading `meta.json`
/// and opening the files it names.
pub fn sweep_leftovers(dir: &Path, living: &HashSet<PathBuf>) -> io::Result<Swept> {
    let mut swept = Swept::default();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let leftover =
            is_temporary(name) || (is_segment_file(name) && !living.contains(Path::new(name)));
        if leftover && entry.file_type().is_ok_and(|t| t.is_file()) {
            match fs::remove_file(entry.path()) {
                Ok(()) => swept.removed.push(entry.path()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(swept)
}

/// A temporary file of an atomic write: lede's `.NAME.lede-tmp`, or the
/// `.tmpXXXXXX` of the `tempfile` crate that tantivy's own directory uses.
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(TMP_SUFFIX) || name.starts_with(".tmp"))
}

/// A file of a tantivy segment: 32 hex digits (the segment id), a dot, and
/// a component (`idx`, `term`, `store`, `123.del`, ...).
pub fn is_segment_file(name: &str) -> bool {
    let Some((id, rest)) = name.split_once('.') else {
        return false;
    };
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) && !rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_and_temporary_names_are_told_apart_from_everything_else() {
        assert!(is_segment_file("1dfb5f219a2b440aad0f4044bbac2f02.idx"));
        assert!(is_segment_file("1dfb5f219a2b440aad0f4044bbac2f02.2328.del"));
        assert!(!is_segment_file("meta.json"));
        assert!(!is_segment_file("lede.json"));
        assert!(!is_segment_file("1dfb5f219a2b440aad0f4044bbac2f0.idx"));
        assert!(is_temporary(".meta.json.lede-tmp"));
        assert!(is_temporary(".tmp9TzvoB"));
        assert!(!is_temporary(".managed.json"));
        assert!(!is_temporary(".tantivy-meta.lock"));
    }

    #[test]
    fn the_sweep_removes_only_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let keep = "00000000000000000000000000000001.idx";
        let orphan = "00000000000000000000000000000002.7.del";
        for name in [
            keep,
            orphan,
            ".tmpAbC123",
            ".meta.json.lede-tmp",
            "meta.json",
            "notes.txt",
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        let living: HashSet<PathBuf> = [PathBuf::from(keep)].into();
        let swept = sweep_leftovers(dir.path(), &living).unwrap();
        assert_eq!(swept.removed.len(), 3);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [keep, "meta.json", "notes.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_writes_follow_the_umask_like_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::write(&plain, b"x").unwrap();
        let atomic = dir.path().join("atomic.json");
        atomic_write(&atomic, b"{}").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&atomic), mode(&plain));
        assert_eq!(fs::read(&atomic).unwrap(), b"{}");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }
}
