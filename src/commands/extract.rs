//! `lede extract`: print what lede extracts from files, as text or as JSON
//! Lines (the export format), without touching the index.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;

use lede::ingest::{unfollowed_reason, walk, WalkEvent, WalkOptions};
use lede::output::{json, text};
use lede::pipeline::{process, FileOutcome};

use super::{report_skip, Exit};
use crate::config::ExtractConfig;

/// Runs `lede extract` over files and directories.
pub fn run(config: &ExtractConfig) -> Result<Exit> {
    let (paths, as_json) = (&config.paths, config.json);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut skipped = 0usize;
    for path in paths {
        if !path.exists() {
            report_skip(path, "no such file or directory");
            skipped += 1;
            continue;
        }
    }
    let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    let options = WalkOptions {
        skip: None,
        follow_links: config.follow_links,
    };
    for event in walk(&existing, options) {
        let path = match event {
            WalkEvent::File(path) => path,
            WalkEvent::Ignored(path) => {
                // A file named explicitly is read whatever its extension.
                if paths.contains(&path) {
                    path
                } else {
                    continue;
                }
            }
            WalkEvent::Problem(path, reason) => {
                report_skip(&path, &reason);
                skipped += 1;
                continue;
            }
            WalkEvent::Unfollowed(path, target) => {
                report_skip(&path, &unfollowed_reason(&target));
                skipped += 1;
                continue;
            }
        };
        match process(&path) {
            FileOutcome::Articles(articles, warnings) => {
                for w in &warnings {
                    report_skip(&path, w);
                }
                for article in &articles {
                    if as_json {
                        json::write_article(&mut out, article)?;
                    } else {
                        text::write_article(&mut out, article)?;
                    }
                }
            }
            FileOutcome::Skipped(_, reason) => {
                report_skip(&path, &reason);
                skipped += 1;
            }
        }
    }
    out.flush()?;
    Ok(if skipped > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}
