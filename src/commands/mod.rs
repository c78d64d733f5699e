//! One file per command, each a thin adapter from its validated config
//! (`crate::config`) to the library's stages, returning the exit code; no
//! command imports another. What several share lives here and in
//! `progress` (what a terminal shows of an index run).

pub mod batch;
pub mod check;
pub mod extract;
pub mod index;
mod progress;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod timeline;

use std::path::PathBuf;

use anyhow::Result;

use lede::engine::quickwit::Quickwit;
use lede::engine::{Backend, Local};
use lede::index::{OpenIndex, UpdateConfig, DEFAULT_MEMORY_BYTES};
use lede::output::escape;

use crate::config::{IndexLocation, Target, DEFAULT_CORPUS};

pub use progress::report_skip;

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
    /// `lede index` stopped by Ctrl-C or SIGTERM; the work done is
    /// committed (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

/// The back end of a search: the local index (see [`open_index`]) or a
/// cluster.
pub fn open_backend(target: &Target) -> Result<Box<dyn Backend>> {
    Ok(match target {
        Target::Local(location) => Box::new(Local::new(open_index(location)?)?),
        Target::Cluster { url, index } => Box::new(Quickwit::new(url, index)?),
    })
}

/// Opens the index for reading: the default index (`./index`, when the
/// user named none) is built from `corpus/` first when it is missing. Warns
/// when the index holds fewer articles than its last run left.
pub fn open_index(location: &IndexLocation) -> Result<OpenIndex> {
    let path = &location.path;
    if location.is_default && !lede::index::exists(path) && PathBuf::from(DEFAULT_CORPUS).is_dir() {
        eprintln!(
            "lede: no index at {}; building it from {DEFAULT_CORPUS}/ first",
            escape::path(path)
        );
        let config = UpdateConfig {
            roots: vec![PathBuf::from(DEFAULT_CORPUS)],
            default_root: PathBuf::from(DEFAULT_CORPUS),
            index: path.clone(),
            full: false,
            memory_bytes: DEFAULT_MEMORY_BYTES,
            follow_links: false,
        };
        let stop = progress::stop_flag();
        let report = lede::index::update(&config, &stop, &progress::Terminal::new(false))?;
        eprintln!("{}", progress::summary(&report));
    }
    let opened = lede::index::open(path)?;
    if let (held, Some(recorded)) = opened.articles()? {
        if held < recorded {
            eprintln!(
                "lede: warning: the index at {} holds {held} articles, but its last `lede index` \
                 run left {recorded}; run `lede index --index {}` to restore the missing ones",
                escape::path(path),
                escape::path(path)
            );
        }
    }
    Ok(opened)
}
