//! The last line of defence: a panic anywhere in a command (tantivy stops
//! with a panic on some damaged index files) becomes an error message and
//! exit code 2 instead of Rust's panic report and exit code 101.
//! `RUST_BACKTRACE` set shows the usual report as well, for debugging.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

/// The message of the last panic, recorded by the hook.
static LAST: Mutex<Option<String>> = Mutex::new(None);

/// Runs `f`; a panic in it (or in a thread it joins) is returned as its
/// message.
pub fn run<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let default = panic::take_hook();
    let verbose = std::env::var_os("RUST_BACKTRACE").is_some();
    panic::set_hook(Box::new(move |info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "a panic without a message".to_string()),
        };
        let at = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST.lock() {
            last.get_or_insert(format!("{message}{at}"));
        }
        if verbose {
            default(info);
        }
    }));
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        LAST.lock()
            .ok()
            .and_then(|mut last| last.take())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}
