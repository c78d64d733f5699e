//! Measures lede's ranking on the test collections of `shared/data/ranking`
//! (CISI, CRAN, LISA, MED): MAP, P@10 and nDCG@10 for lede's default
//! ranking and its options, beside a plain BM25 baseline computed in the
//! same run.
//!
//! ```text
//! cargo run --release --features eval --example relevance -- ../shared/data/ranking
//! cargo run --release --features eval --example relevance -- ../shared/data/ranking --collection med --ablations
//! cargo run --release --features eval --example relevance -- ../shared/data/ranking --floors .ci/relevance-floors
//! ```
//!
//! Each collection's documents go through lede's pipeline (`docs.jsonl`
//! read by the JSON Lines extractor, languages detected, the index writer)
//! into a temporary index; every judged query then runs through
//! `lede::search::Engine` as `lede search` runs it, to depth 1,000, with
//! every copy of a story shown (`--no-collapse`). The runs:
//!
//! - `baseline`: a bare tantivy index of one text field (title and body),
//!   the OR of the request's words without stop words, BM25;
//! - `before`: lede's ranking before BM25F (per-field BM25 summed, headline
//!   3x) on the same OR query, as the ranking issue measured it;
//! - `all`, `typed`, `any`: the request as typed, with every word required
//!   (`--match all`), lede's default (`--match auto`: every word, then any
//!   word when fewer than the 1,000 asked for have all), and any word
//!   (`--match any`); `typed-expand`, `any-expand`: the same with `--expand`.
//!
//! `--ablations` adds runs that change one thing each, to measure what it
//! costs or gains (field weighting, BM25 parameters, stop words, repeated
//! words, language detection, stemming). `--floors FILE` fails (exit 1)
//! when a figure falls below its floor.
//!
//! Exit code: 0 when every collection ran (and met its floors), 1 when a
//! figure is below its floor, 2 when a collection or the floors file could
//! not be read.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use lede::eval::relevance::baseline::Baseline;
use lede::eval::relevance::report::{self, Row};
use lede::eval::relevance::{run, Collection, IndexVariant, LedeIndex, COLLECTIONS};
use lede::search::ranking::{Repeats, StopWords};
use lede::search::{Matching, Model, Ranking, SearchRequest};

/// Measure lede's ranking against relevance judgments.
#[derive(Parser)]
struct Args {
    /// The directory holding cisi/, cran/, lisa/ and med/.
    #[arg(default_value = "../shared/data/ranking")]
    data: PathBuf,
    /// Run one collection only.
    #[arg(long, value_name = "NAME")]
    collection: Option<String>,
    /// Also run the ablations (one change each, on the any-word run).
    #[arg(long)]
    ablations: bool,
    /// Print the figures as JSON instead of the table.
    #[arg(long)]
    json: bool,
    /// Fail (exit 1) when a figure falls below the floor this file gives it.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
}

/// One run of lede: how the index is built, and the request.
struct LedeRun {
    key: &'static str,
    about: &'static str,
    index: IndexVariant,
    ranking: Ranking,
    matching: Matching,
    expand: bool,
    /// Search the OR of the words as a query string (as the issue did).
    or_string: bool,
}

const fn lede(key: &'static str, about: &'static str, matching: Matching) -> LedeRun {
    LedeRun {
        key,
        about,
        index: IndexVariant::AsExtracted,
        ranking: Ranking::DEFAULT,
        matching,
        expand: false,
        or_string: false,
    }
}

const fn ablation(key: &'static str, about: &'static str, ranking: Ranking) -> LedeRun {
    LedeRun {
        ranking,
        ..lede(key, about, Matching::Any)
    }
}

const D: Ranking = Ranking::DEFAULT;

/// lede's ranking before BM25F: per-field BM25 with tantivy's statistics,
/// the query parser's field boosts, each word once, tantivy's stop words.
const BEFORE: Ranking = Ranking {
    model: Model::PerField,
    k1: 1.2,
    names: 1.5,
    repeats: Repeats::Once,
    stop_words: StopWords::Tantivy,
    ..D
};

fn runs(ablations: bool) -> Vec<LedeRun> {
    let mut runs = vec![
        LedeRun {
            ranking: BEFORE,
            or_string: true,
            ..lede(
                "before",
                "lede before BM25F: per-field BM25 summed, OR of the words",
                Matching::Auto,
            )
        },
        lede("all", "as typed, every word (--match all)", Matching::All),
        lede(
            "typed",
            "as typed, lede's default (--match auto)",
            Matching::Auto,
        ),
        lede("any", "any word (--match any)", Matching::Any),
        LedeRun {
            expand: true,
            ..lede("typed-expand", "as typed, --expand", Matching::Auto)
        },
        LedeRun {
            expand: true,
            ..lede("any-expand", "any word, --expand", Matching::Any)
        },
    ];
    if ablations {
        runs.extend([
            LedeRun {
                index: IndexVariant::OneField,
                ..lede(
                    "one-field",
                    "any word; title folded into the body",
                    Matching::Any,
                )
            },
            ablation(
                "per-field",
                "any word; per-field BM25 summed, headline 3x",
                Ranking {
                    model: Model::PerField,
                    ..D
                },
            ),
            ablation(
                "per-field-t1",
                "any word; per-field BM25 summed, headline 1x",
                Ranking {
                    model: Model::PerField,
                    title: 1.0,
                    ..D
                },
            ),
            ablation(
                "title-1",
                "any word; headline weight 1",
                Ranking { title: 1.0, ..D },
            ),
            ablation(
                "title-2",
                "any word; headline weight 2",
                Ranking { title: 2.0, ..D },
            ),
            ablation(
                "title-5",
                "any word; headline weight 5",
                Ranking { title: 5.0, ..D },
            ),
            ablation(
                "k1-0.9-b-0.4",
                "any word; k1 0.9, b 0.4 (Anserini's)",
                Ranking {
                    k1: 0.9,
                    b: 0.4,
                    b_title: 0.4,
                    ..D
                },
            ),
            ablation(
                "k1-1.2",
                "any word; k1 1.2 (tantivy's)",
                Ranking { k1: 1.2, ..D },
            ),
            ablation("k1-1.5", "any word; k1 1.5", Ranking { k1: 1.5, ..D }),
            ablation(
                "tantivy-stops",
                "any word; tantivy's English stop words (Lucene's 33)",
                Ranking {
                    stop_words: StopWords::Tantivy,
                    ..D
                },
            ),
            ablation(
                "no-stops",
                "any word; no stop words",
                Ranking {
                    stop_words: StopWords::None,
                    ..D
                },
            ),
            ablation(
                "repeats-once",
                "any word; a repeated word counts once",
                Ranking {
                    repeats: Repeats::Once,
                    ..D
                },
            ),
            ablation(
                "repeats-linear",
                "any word; a repeated word counts as often as it is repeated",
                Ranking {
                    repeats: Repeats::Linear,
                    ..D
                },
            ),
            LedeRun {
                or_string: true,
                ..lede(
                    "or-string",
                    "BM25F on the OR of the words as a query string (repeats merged)",
                    Matching::Auto,
                )
            },
            LedeRun {
                index: IndexVariant::Language("en"),
                ..lede("lang-en", "any word; every article English", Matching::Any)
            },
            LedeRun {
                index: IndexVariant::Language("und"),
                ..lede(
                    "unstemmed",
                    "any word; no language, so no stemming",
                    Matching::Any,
                )
            },
        ]);
    }
    runs
}

fn measure(args: &Args, name: &str, rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let collection = Collection::load(&args.data.join(name))?;
    let baseline = Baseline::build(&collection)?;
    let b = run::score(&collection, |q| Ok(baseline.rank(q)?))?;
    rows.push(Row::new(
        name,
        "baseline",
        "BM25, one tantivy field, OR of the words",
        &b,
    ));
    let tmp = tempfile::tempdir()?;
    let mut indexes: Vec<(IndexVariant, LedeIndex)> = Vec::new();
    for r in runs(args.ablations) {
        if !indexes.iter().any(|(v, _)| *v == r.index) {
            let dir = tmp.path().join(format!("index{}", indexes.len()));
            indexes.push((r.index, LedeIndex::build_with(&collection, &dir, r.index)?));
        }
        let lede = &indexes
            .iter()
            .find(|(v, _)| *v == r.index)
            .expect("built")
            .1;
        let scores = run::score(&collection, |text| {
            let query = if r.or_string {
                run::any_word_query(text)
            } else {
                text.to_string()
            };
            let mut request = SearchRequest::new(query);
            request.ranking = r.ranking;
            request.matching = r.matching;
            request.expand = r.expand;
            lede.rank(&request)
        })?;
        rows.push(Row::new(name, r.key, r.about, &scores));
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let floors = match &args.floors {
        None => Vec::new(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| report::parse_floors(&t).map_err(|e| e.to_string()))
        {
            Ok(f) => f,
            Err(e) => {
                eprintln!("relevance: floors file {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    let names: Vec<&str> = match &args.collection {
        Some(name) => vec![name.as_str()],
        None => COLLECTIONS.to_vec(),
    };
    let mut rows = Vec::new();
    let mut failed = false;
    for name in names {
        if let Err(e) = measure(&args, name, &mut rows) {
            eprintln!("relevance: collection {name}: {e:#}");
            failed = true;
        }
    }
    if rows.is_empty() {
        return ExitCode::from(2);
    }
    let mean = report::means(&rows);
    rows.extend(mean);
    let mut out = io::stdout().lock();
    let written = if args.json {
        report::write_json(&mut out, &rows)
    } else {
        report::write_table(&mut out, &rows)
    }
    .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("relevance: cannot write the report: {e}");
            return ExitCode::from(2);
        }
        Ok(()) => {}
    }
    if failed {
        return ExitCode::from(2);
    }
    let below = report::check(&floors, &rows);
    for problem in &below {
        eprintln!("relevance: {problem}");
    }
    if below.is_empty() {
        if !floors.is_empty() {
            eprintln!("relevance: all {} floors met", floors.len());
        }
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
