//! `lede search`: open the index (building the default one from `corpus/`
//! on first use), run the query, print text or JSON Lines.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;

use lede::index;
use lede::output::{json, text::TextPrinter};
use lede::search::{self, SearchRequest};

use super::Exit;

/// Everything `lede search` needs, validated.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// The query string.
    pub query: String,
    /// The index directory.
    pub index: PathBuf,
    /// True when the user did not name an index (so it may be auto-built).
    pub default_index: bool,
    /// Maximum hits.
    pub limit: usize,
    /// JSON Lines output.
    pub json: bool,
    /// ANSI colour in text output.
    pub color: bool,
}

/// Runs `lede search` and returns its exit code.
pub fn run(config: &SearchConfig) -> Result<Exit> {
    if config.default_index && !index::exists(&config.index) && PathBuf::from("corpus").is_dir() {
        super::index::build_default(&config.index)?;
    }
    let opened = index::open(&config.index)?;
    let request = SearchRequest {
        query: config.query.clone(),
        limit: config.limit,
    };
    let results = search::search(&opened, &request)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.json {
        json::write_search(
            &mut out,
            &config.query,
            &config.index.display().to_string(),
            &results,
        )?;
    } else {
        TextPrinter {
            color: config.color,
        }
        .write_search(&mut out, &results)?;
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

/// Whether to colour: `--color`, a terminal on stdout, and `NO_COLOR`.
pub fn use_color(choice: crate::cli::ColorChoice) -> bool {
    use crate::cli::ColorChoice::*;
    match choice {
        Always => true,
        Never => false,
        Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
