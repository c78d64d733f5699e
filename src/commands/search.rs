//! `lede search`: open the index (building the default one from `corpus/`
//! on first use), run the query with its filters, print text, JSON Lines or
//! CSV (with `--all`, every match, written as each is found).

use std::io::{self, Write};

use anyhow::Result;

use lede::output::{csv::CsvWriter, escape, json, text::TextPrinter};

use super::{open_backend, Exit};
use crate::config::SearchConfig;

/// Runs `lede search` and returns its exit code.
pub fn run(config: &SearchConfig) -> Result<Exit> {
    let backend = open_backend(&config.target)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.count_only {
        let total = backend.count(&config.request)?;
        writeln!(out, "{total}")?;
        out.flush()?;
        return Ok(if total > 0 {
            Exit::Success
        } else {
            Exit::NoMatch
        });
    }
    if config.csv {
        let mut csv = CsvWriter::new(out)?;
        let limit = (!config.all).then_some(config.request.limit);
        let streamed =
            backend.search_each(&config.request, limit, &mut |hit| Ok(csv.write_hit(&hit)?))?;
        for w in &streamed.warnings {
            eprintln!("lede: warning: {}", escape::line(w));
        }
        csv.into_inner()?;
        return Ok(
            if streamed.returned > 0 || (limit == Some(0) && streamed.total > 0) {
                Exit::Success
            } else {
                Exit::NoMatch
            },
        );
    }
    let results = backend.search(&config.request)?;
    for w in &results.warnings {
        eprintln!("lede: warning: {}", escape::line(w));
    }
    if config.json {
        let index = backend.location();
        json::write_search(
            &mut out,
            &config.request.query,
            &index,
            config.request.offset,
            &results,
        )?;
    } else {
        TextPrinter {
            color: config.color,
        }
        .write_search(&mut out, &results)?;
    }
    out.flush()?;
    // `--limit 0` asks for no hits, only the summary: like `--count`, it
    // succeeds when something matched. A page past the last hit is empty.
    let matched = if config.request.limit == 0 {
        results.total > 0
    } else {
        !results.hits.is_empty()
    };
    Ok(if matched {
        Exit::Success
    } else {
        Exit::NoMatch
    })
}
