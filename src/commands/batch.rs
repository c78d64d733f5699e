//! `lede batch QUERIES_FILE`: many queries with the same filters; prints
//! each one's number of matches and writes every hit, naming its query,
//! to `--output` as CSV or JSON Lines.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::{open_backend, Exit};
use crate::config::{BatchConfig, HitFormat};
use lede::batch::{self, BatchError, Sink};
use lede::output::escape;

/// Runs `lede batch` and returns its exit code.
pub fn run(config: &BatchConfig) -> Result<Exit> {
    let text = std::fs::read(&config.file)
        .with_context(|| format!("cannot read {}", escape::path(&config.file)))?;
    let text = String::from_utf8_lossy(&text);
    let queries = match batch::parse(&text) {
        Ok(queries) => queries,
        Err(e) => return Ok(refuse(&config.file, e)),
    };
    let backend = open_backend(&config.target)?;
    if let Err(e) = batch::check(&*backend, &queries, &config.template) {
        return Ok(refuse(&config.file, e));
    }

    let to_stdout = config.output.as_deref() == Some(Path::new("-"));
    let out: Box<dyn Write> = match &config.output {
        None => Box::new(io::sink()),
        Some(_) if to_stdout => Box::new(io::stdout().lock()),
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot write {}", escape::path(path)))?,
        ),
    };
    let out = io::BufWriter::new(out);
    let mut sink = match (&config.output, config.format) {
        (None, _) => Sink::None,
        (Some(_), HitFormat::Csv) => Sink::csv(out)?,
        (Some(_), HitFormat::JsonLines) => Sink::JsonLines(out),
    };
    // The counts are for a person; they give way to the hits on stdout.
    let mut counts: Box<dyn Write> = if to_stdout {
        Box::new(io::stderr().lock())
    } else {
        Box::new(io::stdout().lock())
    };
    writeln!(counts, "{:>9}  query", "matches")?;
    let index = backend.location();
    let summary = batch::run(
        &*backend,
        &queries,
        &config.template,
        config.limit,
        &index,
        &mut sink,
        |q, found| {
            let name = escape::line(&q.name);
            for w in &found.warnings {
                eprintln!("lede: warning: {name}: {}", escape::line(w));
            }
            if q.name == q.query {
                writeln!(counts, "{:>9}  {name}", found.total)
            } else {
                writeln!(
                    counts,
                    "{:>9}  {name}: {}",
                    found.total,
                    escape::line(&q.query)
                )
            }
        },
    )?;
    sink.finish()?;
    let written = match &config.output {
        None => String::new(),
        Some(_) if to_stdout => format!(", {} hits", summary.returned),
        Some(path) => format!(
            ", {} hits written to {}",
            summary.returned,
            escape::path(path)
        ),
    };
    writeln!(
        counts,
        "{} queries, {} matched{written}",
        summary.queries, summary.matched
    )?;
    counts.flush()?;
    Ok(if summary.matched > 0 {
        Exit::Success
    } else {
        Exit::NoMatch
    })
}

/// Names every bad line of the file (`FILE:LINE: message`, as compilers
/// do), or what else keeps the batch from running.
fn refuse(file: &Path, e: BatchError) -> Exit {
    let file = escape::path(file);
    match e {
        BatchError::BadQueries(lines) => {
            for (line, message) in lines {
                eprintln!("lede: error: {file}:{line}: {}", escape::line(&message));
            }
            eprintln!("lede: no query ran; fix the lines above");
        }
        other => eprintln!("lede: error: {file}: {}", escape::line(&other.to_string())),
    }
    Exit::Error
}
