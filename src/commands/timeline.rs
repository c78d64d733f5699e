//! `lede timeline`: the matching articles over time, as a bar chart or as
//! JSON buckets.

use std::io::{self, Write};
use std::time::Instant;

use anyhow::Result;

use lede::output::{json, text::TextPrinter};
use lede::search::{facets::timeline, Engine};

use super::{open_index, Exit};
use crate::config::TimelineConfig;

/// Runs `lede timeline` and returns its exit code.
pub fn run(config: &TimelineConfig) -> Result<Exit> {
    let started = Instant::now();
    let opened = open_index(&config.index)?;
    let prepared = Engine::new(&opened)?.prepare(&config.request)?;
    let stats = prepared.stats(false)?;
    let total = stats.dates.len() + stats.undated as usize;
    let buckets = timeline(&stats.dates, config.by, true);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.json {
        let index = config.index.path.display().to_string();
        json::write_timeline(
            &mut out,
            &json::TimelineReport {
                query: &config.request.query,
                index: &index,
                by: config.by,
                buckets: &buckets,
                undated: stats.undated,
                total,
                elapsed: started.elapsed(),
            },
        )?;
    } else {
        TextPrinter {
            color: config.color,
        }
        .write_timeline(&mut out, &buckets, stats.undated, total)?;
    }
    out.flush()?;
    Ok(if total > 0 {
        Exit::Success
    } else {
        Exit::NoMatch
    })
}
