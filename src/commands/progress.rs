//! What a terminal shows of an index run: one line per skipped file or
//! record on stderr, a progress bar when stderr is a terminal (and `-q` is
//! not given), the summary at the end, and the Ctrl-C handler that asks the
//! run to stop.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use lede::index::{Progress, UpdateReport};
use lede::ingest::{walk, WalkEvent, WalkOptions};
use lede::output::escape;

/// Prints one line on stderr about a file that was skipped.
pub fn report_skip(path: &Path, reason: &str) {
    eprintln!("{}", skip_line(path, reason));
}

fn skip_line(path: &Path, reason: &str) -> String {
    format!(
        "lede: skipping {}: {}",
        escape::path(path),
        escape::line(reason)
    )
}

/// The progress of an index run on a terminal.
pub struct Terminal {
    bar: Option<ProgressBar>,
    articles: Arc<AtomicU64>,
    started: Instant,
}

impl Terminal {
    /// A progress bar on stderr when it is a terminal and `quiet` is not
    /// set; skip lines and notes are printed either way.
    pub fn new(quiet: bool) -> Terminal {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {human_pos}/{human_len} files  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("=> "));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Terminal {
            bar,
            articles: Arc::new(AtomicU64::new(0)),
            started: Instant::now(),
        }
    }

    fn line(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

impl Progress for Terminal {
    /// The bar's total comes from a second, cheap walk (names only) in the
    /// background.
    fn started(&self, roots: &[PathBuf], options: WalkOptions) {
        let Some(bar) = &self.bar else { return };
        let counter = bar.clone();
        let roots = roots.to_vec();
        let skip = options.skip.map(Path::to_path_buf);
        let follow_links = options.follow_links;
        std::thread::spawn(move || {
            let options = WalkOptions {
                skip: skip.as_deref(),
                follow_links,
            };
            let mut n = 0u64;
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
    }

    fn skipped(&self, path: &Path, reason: &str) {
        self.line(&skip_line(path, reason));
    }

    fn note(&self, message: &str) {
        self.line(&format!("lede: {}", escape::line(message)));
    }

    fn articles_done(&self, n: usize) {
        self.articles.fetch_add(n as u64, Ordering::Relaxed);
    }

    fn file_done(&self) {
        let Some(bar) = &self.bar else { return };
        let total = self.articles.load(Ordering::Relaxed);
        bar.inc(1);
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!("{total} articles, {:.0}/s", total as f64 / secs));
    }

    fn finished(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The flag Ctrl-C and SIGTERM set; the handler is installed once.
pub fn stop_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let set = Arc::clone(&flag);
        // Without a handler the default applies (the process dies, the
        // index keeps its last commit), so a failure here is not fatal.
        let _ = ctrlc::set_handler(move || set.store(true, Ordering::SeqCst));
        flag
    })
    .clone()
}

/// "1 file", "2 files": a count with its noun in the right number.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The run's one-line summary.
pub fn summary(report: &UpdateReport) -> String {
    let secs = report.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        report.articles as f64 / secs
    } else {
        0.0
    };
    let mut s = format!(
        "lede: indexed {} from {} in {:.2} s ({:.0} articles/s)",
        count(report.articles, "article"),
        count(report.files, "file"),
        secs,
        rate
    );
    if report.unchanged > 0 {
        s.push_str(&format!("; {} unchanged", count(report.unchanged, "file")));
    }
    if report.restored_files > 0 {
        s.push_str(&format!(
            "; {} read again to restore articles missing from the index",
            count(report.restored_files, "file")
        ));
    }
    if report.removed_files > 0 || report.deleted_articles > 0 {
        s.push_str(&format!(
            "; {} gone or emptied, {} deleted",
            count(report.removed_files, "file"),
            count(report.deleted_articles, "article")
        ));
    }
    let skipped = report.skipped_total();
    if skipped > 0 {
        let kinds: Vec<String> = report
            .skipped
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        s.push_str(&format!(
            "; {} skipped ({})",
            count(skipped, "file"),
            kinds.join(", ")
        ));
    } else {
        s.push_str("; 0 files skipped");
    }
    if report.record_warnings > 0 {
        s.push_str(&format!(
            "; {} skipped inside files",
            count(report.record_warnings, "bad record")
        ));
    }
    if report.ignored > 0 {
        s.push_str(&format!(
            "; {} ignored (not html, txt, json or jsonl)",
            count(report.ignored, "other file")
        ));
    }
    s
}
