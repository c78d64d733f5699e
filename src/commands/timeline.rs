//! `lede timeline`: the matching articles over time, as a bar chart or as
//! JSON buckets.

use std::io::{self, Write};
use std::time::Instant;

use anyhow::Result;

use lede::output::{json, text::TextPrinter};
use lede::search::{self, facets::timeline, Period, SearchRequest};

use super::search::{filters, now, open_index, use_color};
use super::Exit;
use crate::cli::{PeriodArg, TimelineArgs};

/// Runs `lede timeline` and returns its exit code.
pub fn run(args: TimelineArgs) -> Result<Exit> {
    let started = Instant::now();
    let mut request = SearchRequest::new(args.query.clone());
    request.now = now()?;
    request.filters = filters(&args.filters, request.now)?;
    request.fuzzy = args.filters.fuzzy.unwrap_or(0);
    let by = match args.by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let default_index = args.index.path.as_os_str() == "index";
    let opened = open_index(&args.index.path, default_index)?;
    let prepared = search::Prepared::new(&opened, &request)?;
    let stats = prepared.stats(false)?;
    let total = stats.dates.len() + stats.undated as usize;
    let buckets = timeline(&stats.dates, by, true);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        let index = args.index.path.display().to_string();
        json::write_timeline(
            &mut out,
            &json::TimelineReport {
                query: &args.query,
                index: &index,
                by,
                buckets: &buckets,
                undated: stats.undated,
                total,
                elapsed: started.elapsed(),
            },
        )?;
    } else {
        TextPrinter {
            color: use_color(args.color),
        }
        .write_timeline(&mut out, &buckets, stats.undated, total)?;
    }
    out.flush()?;
    Ok(if total > 0 {
        Exit::Success
    } else {
        Exit::NoMatch
    })
}
