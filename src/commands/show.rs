//! `lede show ID`: one indexed article in full, as text or in the
//! `extract --json` format.

use std::io::{self, Write};

use anyhow::Result;

use super::{open_backend, Exit};
use crate::config::ShowConfig;
use lede::output::{escape, json, text};

/// Runs `lede show` and returns its exit code.
pub fn run(config: &ShowConfig) -> Result<Exit> {
    let backend = open_backend(&config.target)?;
    let Some(article) = backend.article(&config.id)? else {
        eprintln!(
            "lede: no article with id {:?} in {}; ids are printed by `lede search --json`",
            config.id,
            escape::line(&backend.location())
        );
        return Ok(Exit::NoMatch);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if config.json {
        json::write_article(&mut out, &article)?;
    } else {
        text::write_article(&mut out, &article)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
