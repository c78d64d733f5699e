//! Measures lede's extraction on the real pages in `shared/data` and prints
//! one table: body precision/recall/F1 (zyte, fundus), passage rates
//! (trafilatura, textdumps), title, author, outlet, date, dek and language
//! accuracy where a set has that truth, and pages per second of extraction
//! alone. With `--folds K`, every set's pages are also split by site into K
//! groups and each group's figures are printed with their spread.
//!
//! ```text
//! cargo run --release --features eval --example eval -- ../shared/data
//! cargo run --release --features eval --example eval -- ../shared/data --set textdumps --failures title
//! cargo run --release --features eval --example eval -- --json > eval.json
//! cargo run --release --features eval --example eval -- ../shared/data --folds 5
//! ```
//!
//! With `--floors FILE` (CI uses `.ci/eval-floors`), every figure listed
//! there must reach its floor.
//!
//! Exit code: 0 when every set ran (and met its floors), 1 when a figure is
//! below its floor, 2 when a set's truth or the floors file could not be
//! read (the other sets are still reported).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use lede::eval::{extract_set, floors, report, Field, SETS};

/// Evaluate lede's extraction against the ground truth in shared/data.
#[derive(Parser)]
struct Args {
    /// The data directory holding zyte/, readability/, trafilatura/,
    /// textdumps/ and fundus/.
    #[arg(default_value = "../shared/data")]
    data: PathBuf,
    /// Run one set only: zyte, readability, trafilatura, textdumps or fundus.
    #[arg(long, value_name = "NAME")]
    set: Option<String>,
    /// Print the figures as one JSON object instead of the table.
    #[arg(long)]
    json: bool,
    /// Also list the pages where FIELD is wrong, expected against got:
    /// body, with, without, title, author, outlet or date.
    #[arg(long, value_name = "FIELD", value_parser = parse_field)]
    failures: Option<Field>,
    /// Fail (exit 1) when a figure falls below the floor this file gives it.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
    /// Also split every set by site into K groups (the same site always in
    /// the same group) and print each group's figures and their spread, to
    /// see whether a figure holds on sites other than the ones it was tuned
    /// on.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..))]
    folds: Option<u16>,
}

fn parse_field(s: &str) -> Result<Field, String> {
    let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
    Field::parse(s)
        .ok_or_else(|| format!("unknown field {s:?}; the fields are {}", names.join(", ")))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let floors = match &args.floors {
        None => Vec::new(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| floors::parse(&t).map_err(|e| e.to_string()))
        {
            Ok(f) => f,
            Err(e) => {
                eprintln!("eval: floors file {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    let sets: Vec<&str> = match &args.set {
        Some(name) => vec![name.as_str()],
        None => SETS.to_vec(),
    };
    let mut reports = Vec::new();
    let mut fold_reports = Vec::new();
    let mut failed = false;
    for set in sets {
        match extract_set(&args.data, set) {
            Ok(x) => {
                reports.push(x.report());
                if let Some(k) = args.folds {
                    fold_reports.push(x.fold_reports(usize::from(k)));
                }
            }
            Err(e) => {
                eprintln!("eval: set {set}: {e}");
                failed = true;
            }
        }
    }
    if reports.is_empty() {
        return ExitCode::from(2);
    }
    let mut out = io::stdout().lock();
    let written = if args.json {
        report::write_json(&mut out, &reports, &fold_reports)
    } else {
        report::write_table(&mut out, &reports).and_then(|()| {
            if fold_reports.is_empty() {
                return Ok(());
            }
            writeln!(out)?;
            writeln!(
                out,
                "{} folds by site (a site's pages are all in one fold):",
                fold_reports.first().map_or(0, Vec::len)
            )?;
            report::write_folds(&mut out, &reports, &fold_reports)
        })
    }
    .and_then(|()| match args.failures {
        Some(field) => {
            writeln!(out)?;
            report::write_failures(&mut out, &reports, field)
        }
        None => Ok(()),
    });
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval: cannot write the report: {e}");
            return ExitCode::from(2);
        }
        Ok(()) => {}
    }
    if failed {
        return ExitCode::from(2);
    }
    let below = floors::check(&floors, &reports);
    for problem in &below {
        eprintln!("eval: {problem}");
    }
    if below.is_empty() {
        if !floors.is_empty() {
            eprintln!("eval: all {} floors met", floors.len());
        }
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
