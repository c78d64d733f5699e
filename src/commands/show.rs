//! `lede show ID`: one indexed article in full, as text or in the
//! `extract --json` format.

use std::io::{self, Write};

use anyhow::Result;

use lede::output::{escape, json, text};
use lede::search::find_article;

use super::{open_index, Exit};
use crate::config::ShowConfig;

/// Runs `lede show` and returns its exit code.
pub fn run(config: &ShowConfig) -> Result<Exit> {
    let opened = open_index(&config.index)?;
    let Some(article) = find_article(&opened, &config.id)? else {
        eprintln!(
            "lede: no article with id {:?} in {}; ids are printed by `lede search --json`",
            config.id,
            escape::path(&config.index.path)
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
