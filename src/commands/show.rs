//! `lede show ID`: one indexed article in full, as text or in the
//! `extract --json` format.

use std::io::{self, Write};

use anyhow::Result;

use lede::index;
use lede::output::{json, text};
use lede::search::find_article;

use super::Exit;
use crate::cli::ShowArgs;

/// Runs `lede show` and returns its exit code.
pub fn run(args: ShowArgs) -> Result<Exit> {
    let opened = index::open(&args.index.path)?;
    let Some(article) = find_article(&opened, args.id.trim())? else {
        eprintln!(
            "lede: no article with id {:?} in {}; ids are printed by `lede search --json`",
            args.id,
            args.index.path.display()
        );
        return Ok(Exit::NoMatch);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        json::write_article(&mut out, &article)?;
    } else {
        text::write_article(&mut out, &article)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
