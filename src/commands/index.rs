//! `lede index`: update the index through `lede::index::update`, with a
//! progress bar and skip lines on stderr, the summary at the end, and the
//! exit code: 0 all indexed, 3 some files skipped, 130 after Ctrl-C or
//! SIGTERM (with the work done so far committed).

use anyhow::Result;

use lede::engine::quickwit::Quickwit;
use lede::index::update;
use lede::output::escape;

use super::progress::{stop_flag, summary, Terminal};
use super::Exit;
use crate::config::IndexConfig;

/// Runs `lede index` and returns its exit code.
pub fn run(config: &IndexConfig) -> Result<Exit> {
    let stop = stop_flag();
    let progress = Terminal::new(config.quiet);
    let report = match &config.cluster {
        None => update(&config.update, &stop, &progress)?,
        Some((url, name)) => {
            let cluster = Quickwit::new(url, name)?;
            lede::engine::quickwit::sink::update(&config.update, &cluster, &stop, &progress)?
        }
    };
    if !config.quiet {
        eprintln!("{}", summary(&report));
    }
    if report.interrupted {
        eprintln!(
            "lede: interrupted; what was indexed is committed, run `lede index --index {}` again to finish",
            escape::path(&config.update.index)
        );
        return Ok(Exit::Interrupted);
    }
    Ok(if report.skipped_total() > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}
