//! What `lede index` shows while it runs: one line per skipped file, and a
//! progress bar on a terminal.

use super::*;
use std::io::IsTerminal;
use std::sync::atomic::AtomicU64;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lede::ingest::{walk, WalkEvent, WalkOptions};
use lede::output::escape;

/// Prints one line on stderr about a file, above the progress bar if any.
pub(super) fn report_line(bar: Option<&ProgressBar>, path: &Path, reason: &str) {
    let line = format!(
        "lede: skipping {}: {}",
        escape::path(path),
        escape::line(reason)
    );
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

/// The progress bar: on stderr, only when it is a terminal and not `-q`.
/// The total comes from a second, cheap walk (names only) in the background.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
    articles: Arc<AtomicU64>,
    started: Instant,
}

impl Progress {
    pub(super) fn new(
        quiet: bool,
        roots: &[PathBuf],
        index_dir: &Path,
        follow_links: bool,
    ) -> Progress {
        let articles = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                articles,
                started,
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {human_pos}/{human_len} files  {msg}  ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        bar.enable_steady_tick(Duration::from_millis(200));
        let counter = bar.clone();
        let roots = roots.to_vec();
        let index_dir = std::path::absolute(index_dir).ok();
        std::thread::spawn(move || {
            let mut n = 0u64;
            let options = WalkOptions {
                skip: index_dir.as_deref(),
                follow_links,
            };
            for event in walk(&roots, options) {
                if let WalkEvent::File(_) = event {
                    n += 1;
                    if n % 4096 == 0 {
                        counter.set_length(n);
                    }
                }
            }
            counter.set_length(n);
        });
        Progress {
            bar: Some(bar),
            articles,
            started,
        }
    }

    pub(super) fn bar(&self) -> Option<&ProgressBar> {
        self.bar.as_ref()
    }

    /// Prints a line on stderr, above the bar if any.
    pub(super) fn note(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Counts articles added (of a file handed on in parts).
    pub(super) fn articles_done(&self, articles: usize) {
        self.articles.fetch_add(articles as u64, Ordering::Relaxed);
    }

    /// Counts a file done (its articles counted by [`Progress::articles_done`]).
    pub(super) fn file_done(&self) {
        let Some(bar) = &self.bar else { return };
        let total = self.articles.load(Ordering::Relaxed);
        bar.inc(1);
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!("{total} articles, {:.0}/s", total as f64 / secs));
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
