//! Fault injection for the kill-safety tests, compiled into debug builds
//! only (a release build's [`point`] is empty).
//!
//! Every file operation of a commit (creating, sealing and deleting segment
//! files, each step of an atomic write, syncing the directory, writing the
//! file table) calls [`point`]. With `LEDE_FAULT_KILL_AT=N` in the
//! environment, the N-th point reached kills the process with SIGKILL,
//! exactly as a power cut or the OOM killer would stop it between two file
//! operations: no destructor runs and nothing is flushed. The tests in
//! `tests/faults.rs` run `lede index` once for every N until a run
//! completes, and check that the next run always recovers.

/// The environment variable naming the point to stop at (debug builds).
pub const KILL_AT_ENV: &str = "LEDE_FAULT_KILL_AT";

/// A place where a crash must leave a recoverable index.
#[inline]
pub fn point(what: &str) {
    #[cfg(debug_assertions)]
    hit(what);
    #[cfg(not(debug_assertions))]
    let _ = what;
}

#[cfg(debug_assertions)]
fn hit(what: &str) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;

    static KILL_AT: OnceLock<Option<u64>> = OnceLock::new();
    static REACHED: AtomicU64 = AtomicU64::new(0);
    let Some(kill_at) =
        *KILL_AT.get_or_init(|| std::env::var(KILL_AT_ENV).ok().and_then(|v| v.parse().ok()))
    else {
        return;
    };
    let n = REACHED.fetch_add(1, Ordering::SeqCst) + 1;
    if n == kill_at {
        eprintln!("lede: fault injection: killed at point {n} ({what})");
        kill_self();
    }
}

#[cfg(debug_assertions)]
fn kill_self() -> ! {
    #[cfg(unix)]
    {
        use rustix::process::{getpid, kill_process, Signal};
        let _ = kill_process(getpid(), Signal::KILL);
    }
    std::process::abort()
}
