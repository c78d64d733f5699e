//! `lede index`: walk the roots, extract every file on all cores, and feed
//! the articles to one index writer; end with a summary on stderr.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rayon::prelude::*;

use lede::index::{self, Writer};
use lede::ingest::{walk, WalkEvent};
use lede::pipeline::{process, FileOutcome};

use super::{report_skip, Exit};

/// Files extracted in parallel before their articles go to the writer.
const BATCH: usize = 256;

/// Everything `lede index` needs, validated.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// Directories or files to index; empty means the roots the index
    /// already covers, or `corpus/`.
    pub roots: Vec<PathBuf>,
    /// The index directory.
    pub index: PathBuf,
    /// Rebuild from scratch.
    pub full: bool,
    /// Writer memory budget in bytes.
    pub memory_bytes: usize,
    /// Print no summary.
    pub quiet: bool,
}

/// What a run did, for the summary.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Files read (candidates found by the walk).
    pub files: usize,
    /// Articles written to the index.
    pub articles: usize,
    /// Skipped files by kind of problem.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Records skipped inside files that otherwise indexed.
    pub record_warnings: usize,
    /// Files of kinds lede does not read.
    pub ignored: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl IndexReport {
    fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    fn summary(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.articles as f64 / secs
        } else {
            0.0
        };
        let mut s = format!(
            "lede: indexed {} articles from {} files in {:.2} s ({:.0} articles/s)",
            self.articles, self.files, secs, rate
        );
        let skipped = self.skipped_total();
        if skipped > 0 {
            let kinds: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            s.push_str(&format!("; {skipped} files skipped ({})", kinds.join(", ")));
        } else {
            s.push_str("; 0 files skipped");
        }
        if self.record_warnings > 0 {
            s.push_str(&format!(
                "; {} bad records skipped inside files",
                self.record_warnings
            ));
        }
        if self.ignored > 0 {
            s.push_str(&format!(
                "; {} other files ignored (not html, txt, json or jsonl)",
                self.ignored
            ));
        }
        s
    }
}

/// Runs `lede index` and returns its exit code.
pub fn run(config: &IndexConfig) -> Result<Exit> {
    let report = build(config)?;
    if !config.quiet {
        eprintln!("{}", report.summary());
    }
    Ok(if report.skipped_total() > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}

/// Builds or updates the index; per-file problems are reported on stderr and
/// counted, only index-level failures are errors.
pub fn build(config: &IndexConfig) -> Result<IndexReport> {
    let started = Instant::now();
    let mut opened = index::open_or_create(&config.index, config.full)?;
    let roots = choose_roots(&config.roots, &opened.info.roots);
    for root in &roots {
        if !root.exists() {
            anyhow::bail!(
                "{} does not exist; give a directory or file to index",
                root.display()
            );
        }
    }
    let mut writer = Writer::new(&opened, config.memory_bytes)?;
    let mut report = IndexReport::default();
    let mut batch: Vec<PathBuf> = Vec::with_capacity(BATCH);
    for event in walk(&roots) {
        match event {
            WalkEvent::File(path) => {
                batch.push(path);
                if batch.len() == BATCH {
                    index_batch(&mut writer, &mut batch, &mut report)?;
                }
            }
            WalkEvent::Ignored(_) => report.ignored += 1,
            WalkEvent::Problem(path, reason) => {
                report_skip(&path, &reason);
                *report.skipped.entry("unwalkable").or_default() += 1;
            }
        }
    }
    index_batch(&mut writer, &mut batch, &mut report)?;
    writer
        .finish()
        .with_context(|| format!("committing the index at {}", config.index.display()))?;
    for root in roots {
        if !opened.info.roots.contains(&root) {
            opened.info.roots.push(root);
        }
    }
    opened.save_info()?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The roots to walk: those given, else those the index covers, else `corpus/`.
fn choose_roots(given: &[PathBuf], known: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        given.to_vec()
    } else if !known.is_empty() {
        known.to_vec()
    } else {
        vec![PathBuf::from("corpus")]
    }
}

fn index_batch(
    writer: &mut Writer,
    batch: &mut Vec<PathBuf>,
    report: &mut IndexReport,
) -> Result<()> {
    let outcomes: Vec<(PathBuf, FileOutcome)> = batch
        .par_drain(..)
        .map(|path| {
            let outcome = process(&path);
            (path, outcome)
        })
        .collect();
    for (path, outcome) in outcomes {
        report.files += 1;
        match outcome {
            FileOutcome::Articles(articles, warnings) => {
                for w in &warnings {
                    report_skip(&path, w);
                }
                report.record_warnings += warnings.len();
                for article in &articles {
                    writer.add(article)?;
                }
                report.articles += articles.len();
            }
            FileOutcome::Skipped(kind, reason) => {
                report_skip(&path, &reason);
                *report.skipped.entry(kind).or_default() += 1;
            }
        }
    }
    Ok(())
}

/// Builds the default index from `corpus/` when a search finds none.
pub fn build_default(index: &Path) -> Result<()> {
    eprintln!(
        "lede: no index at {}; building it from corpus/ first",
        index.display()
    );
    let config = IndexConfig {
        roots: vec![PathBuf::from("corpus")],
        index: index.to_path_buf(),
        full: false,
        memory_bytes: lede::index::DEFAULT_MEMORY_BYTES,
        quiet: false,
    };
    build(&config).map(|report| eprintln!("{}", report.summary()))
}
