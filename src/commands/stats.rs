//! `lede stats`: what an index holds: articles, size on disk, date range,
//! languages, and the top outlets and authors.

use std::io::{self, Write};

use anyhow::Result;

use lede::output::{escape, json};

use super::{open_backend, Exit};
use crate::config::StatsConfig;

/// Runs `lede stats`.
pub fn run(config: &StatsConfig) -> Result<Exit> {
    let backend = open_backend(&config.target)?;
    let stats = backend.stats()?;
    let bytes = backend.bytes();
    let shown = backend.location();
    let roots = backend.roots();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.json {
        json::write_stats(&mut out, &shown, &stats, bytes, &roots)?;
    } else {
        writeln!(out, "index:     {}", escape::line(&shown))?;
        writeln!(out, "articles:  {}", stats.articles)?;
        if let Some(bytes) = bytes {
            writeln!(
                out,
                "size:      {:.1} MiB",
                bytes as f64 / (1024.0 * 1024.0)
            )?;
        }
        let range = match (stats.first, stats.last) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "-".to_string(),
        };
        writeln!(out, "published: {range} ({} undated)", stats.undated)?;
        writeln!(out, "roots:     {}", escape::line(&roots.join(", ")))?;
        writeln!(out)?;
        let printer = lede::output::text::TextPrinter { color: false };
        for facet in &stats.facets {
            printer.write_facet(&mut out, facet)?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
