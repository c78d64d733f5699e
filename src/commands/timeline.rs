//! `lede timeline`: the matching articles over time, as a bar chart or as
//! JSON buckets.

use std::io::{self, Write};
use std::time::Instant;

use anyhow::Result;

use lede::output::{escape, json, text::TextPrinter};

use super::{open_backend, Exit};
use crate::config::TimelineConfig;

/// Runs `lede timeline` and returns its exit code.
pub fn run(config: &TimelineConfig) -> Result<Exit> {
    let started = Instant::now();
    let backend = open_backend(&config.target)?;
    let timeline = backend.timeline(&config.request, config.by)?;
    for w in &timeline.warnings {
        eprintln!("lede: warning: {}", escape::line(w));
    }
    let (buckets, total) = (timeline.buckets, timeline.total);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.json {
        let index = backend.location();
        json::write_timeline(
            &mut out,
            &json::TimelineReport {
                query: &config.request.query,
                index: &index,
                by: config.by,
                buckets: &buckets,
                undated: timeline.undated,
                total,
                elapsed: started.elapsed(),
            },
        )?;
    } else {
        TextPrinter {
            color: config.color,
        }
        .write_timeline(&mut out, &buckets, timeline.undated, total)?;
    }
    out.flush()?;
    Ok(if total > 0 {
        Exit::Success
    } else {
        Exit::NoMatch
    })
}
