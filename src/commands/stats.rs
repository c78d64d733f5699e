//! `lede stats`: what an index holds: articles, size on disk, date range,
//! languages, and the top outlets and authors.

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use lede::output::escape;
use lede::search::Facet;

use super::{open_backend, Exit};
use crate::config::StatsConfig;

#[derive(Serialize)]
struct StatsJson<'a> {
    index: String,
    articles: u64,
    bytes: Option<u64>,
    first_published: Option<String>,
    last_published: Option<String>,
    undated: u64,
    roots: Vec<String>,
    facets: &'a [Facet],
}

/// Runs `lede stats`.
pub fn run(config: &StatsConfig) -> Result<Exit> {
    let backend = open_backend(&config.target)?;
    let stats = backend.stats()?;
    let bytes = backend.bytes();
    let report = StatsJson {
        index: backend.location(),
        articles: stats.articles,
        bytes,
        first_published: stats.first.map(|d| d.to_string()),
        last_published: stats.last.map(|d| d.to_string()),
        undated: stats.undated,
        roots: backend.roots(),
        facets: &stats.facets,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(out, "index:     {}", escape::line(&report.index))?;
        writeln!(out, "articles:  {}", report.articles)?;
        if let Some(bytes) = bytes {
            writeln!(
                out,
                "size:      {:.1} MiB",
                bytes as f64 / (1024.0 * 1024.0)
            )?;
        }
        let range = match (&report.first_published, &report.last_published) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "-".to_string(),
        };
        writeln!(out, "published: {range} ({} undated)", report.undated)?;
        writeln!(out, "roots:     {}", escape::line(&report.roots.join(", ")))?;
        writeln!(out)?;
        let printer = lede::output::text::TextPrinter { color: false };
        for facet in &stats.facets {
            printer.write_facet(&mut out, facet)?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
