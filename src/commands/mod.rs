//! One file per command, each a thin adapter from parsed arguments to a
//! typed `run(...)` over the library's stages, returning the exit code.

pub mod check;
pub mod extract;
pub mod index;
pub mod search;
pub mod show;
pub mod stats;
pub mod timeline;

/// Exit codes, as grep and ripgrep users expect, plus one for partial runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success: everything done (search: something matched).
    Success = 0,
    /// Search matched nothing.
    NoMatch = 1,
    /// A fatal error.
    Error = 2,
    /// Finished, but some files were skipped.
    Partial = 3,
}

/// Prints one line on stderr about a file that was skipped.
pub fn report_skip(path: &std::path::Path, reason: &str) {
    eprintln!(
        "lede: skipping {}: {}",
        lede::output::escape::path(path),
        lede::output::escape::line(reason)
    );
}

/// Why a symbolic link was not followed, for its skip line.
pub fn unfollowed(target: &std::path::Path) -> String {
    format!(
        "a symbolic link to {}, outside the roots being indexed; not followed \
         (--follow follows links out of the roots)",
        lede::output::escape::path(target)
    )
}
