//! The cluster benchmark (not a test): the `bench_search` corpus indexed
//! into a Quickwit cluster with `lede index --engine` and into a local index
//! with `lede index`, then every `bench_search` query run on both through
//! lede's library: ingest rate, query latency (p50/p95) through the
//! cluster's searcher node beside the local index's, how many of the top 10
//! the two share, and whether counts, facets and timelines agree.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_engine -- \
//!     [--articles 100000] [--engine http://127.0.0.1:7280] [--search http://127.0.0.1:7300] \
//!     [--data ../shared/data] [--work /tmp/lede-bench-engine] [--runs 10]
//! ```
//!
//! It needs a running cluster (README: "Beyond one machine"); `--engine`
//! is the node lede indexes through, `--search` the node searches go to
//! (a searcher-only node, to time what a reader of the cluster waits for).

#[path = "news/mod.rs"]
mod news;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lede::engine::quickwit::Quickwit;
use lede::engine::{Backend, Local};
use lede::search::{Period, SearchRequest};
use news::{request, QUERIES};

/// Records per JSON Lines file (each well under the 64 MiB file cap).
const PER_FILE: usize = 10_000;

struct Args {
    articles: usize,
    engine: String,
    search: String,
    data: PathBuf,
    work: PathBuf,
    runs: usize,
}

fn args() -> Args {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        argv.iter()
            .position(|a| a == name)
            .and_then(|i| argv.get(i + 1))
            .cloned()
    };
    Args {
        articles: value("--articles")
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000),
        engine: value("--engine").unwrap_or_else(|| "http://127.0.0.1:7280".into()),
        search: value("--search").unwrap_or_else(|| "http://127.0.0.1:7300".into()),
        data: value("--data").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
            PathBuf::from,
        ),
        work: value("--work")
            .map_or_else(|| PathBuf::from("/tmp/lede-bench-engine"), PathBuf::from),
        runs: value("--runs").and_then(|v| v.parse().ok()).unwrap_or(10),
    }
}

fn lede() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(Path::parent)
        .map(|d| d.join("lede"))
        .expect("target dir")
}

/// Runs `lede` and returns its wall time; stops on failure.
fn run_lede(args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(lede()).args(args).output().expect("run lede");
    if !out.status.success() && out.status.code() != Some(3) {
        eprintln!(
            "lede {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(2);
    }
    started.elapsed()
}

fn percentile(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

fn main() -> anyhow::Result<()> {
    let a = args();
    let corpus = a.work.join("articles");
    let marker = corpus.join(format!(".{}", a.articles));
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&corpus);
        std::fs::create_dir_all(&corpus)?;
        eprintln!(
            "writing {} articles to {} ...",
            a.articles,
            corpus.display()
        );
        let mut file = None;
        for (i, article) in news::articles(&a.data, a.articles)?.enumerate() {
            if i % PER_FILE == 0 {
                file = Some(std::io::BufWriter::new(std::fs::File::create(
                    corpus.join(format!("part-{:04}.jsonl", i / PER_FILE)),
                )?));
            }
            let record = serde_json::json!({
                "id": article.id, "title": article.title, "authors": article.authors,
                "outlet": article.outlet, "published": article.published.map(|p| p.to_string()),
                "lang": article.lang, "body": article.body,
            });
            if let Some(f) = file.as_mut() {
                writeln!(f, "{record}")?;
            }
        }
        drop(file);
        std::fs::write(&marker, b"")?;
    }
    let corpus_arg = corpus.to_string_lossy().into_owned();
    let local_dir = a.work.join("local");
    let state_dir = a.work.join("state");
    let (local_arg, state_arg) = (
        local_dir.to_string_lossy().into_owned(),
        state_dir.to_string_lossy().into_owned(),
    );

    println!("lede on a Quickwit cluster: {} articles", a.articles);
    let local_time = run_lede(&["index", &corpus_arg, "--index", &local_arg, "--full", "-q"]);
    println!(
        "  local index:   {:.1} s ({:.0} articles/s)",
        local_time.as_secs_f64(),
        a.articles as f64 / local_time.as_secs_f64()
    );
    let cluster = Quickwit::new(&a.engine, "bench")?;
    cluster.delete_index()?;
    let ingest = run_lede(&[
        "index",
        &corpus_arg,
        "--engine",
        &a.engine,
        "--engine-index",
        "bench",
        "--index",
        &state_arg,
        "--full",
        "-q",
    ]);
    println!(
        "  cluster ingest: {:.1} s ({:.0} articles/s acknowledged by the cluster)",
        ingest.as_secs_f64(),
        a.articles as f64 / ingest.as_secs_f64()
    );
    let reader = Quickwit::new(&a.search, "bench")?;
    let everything = SearchRequest::new("*");
    let waiting = Instant::now();
    while reader.count(&everything)? < a.articles {
        anyhow::ensure!(
            waiting.elapsed() < Duration::from_secs(900),
            "the cluster did not make every article searchable within 15 minutes"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    println!(
        "  searchable on the cluster {:.1} s after the ingest ended ({:.0} articles/s from the start)",
        waiting.elapsed().as_secs_f64(),
        a.articles as f64 / (ingest + waiting.elapsed()).as_secs_f64()
    );

    let local = Local::new(lede::index::open(&local_dir)?)?;
    println!();
    println!("{} runs per query after one warm-up; p50/p95 in ms; top 10 shared; counts, facets and timelines compared", a.runs);
    println!(
        "{:<10} {:<46} {:>7} {:>7} {:>7} {:>7} {:>6} {:>7} {:>7} {:>8}",
        "kind",
        "query",
        "local50",
        "local95",
        "qw50",
        "qw95",
        "top10",
        "counts",
        "facets",
        "timeline"
    );
    let (mut shared_sum, mut queries) = (0usize, 0usize);
    let (mut all_local, mut all_cluster) = (Vec::new(), Vec::new());
    for (kind, q, extra) in QUERIES {
        let r = request(q, extra);
        let time = |backend: &dyn Backend, out: &mut Vec<Duration>| -> anyhow::Result<_> {
            let result = backend.search(&r)?;
            for _ in 0..a.runs {
                let t = Instant::now();
                backend.search(&r)?;
                out.push(t.elapsed());
            }
            Ok(result)
        };
        let (mut tl, mut tq) = (Vec::new(), Vec::new());
        let lr = time(&local, &mut tl)?;
        let qr = time(&reader, &mut tq)?;
        all_local.extend(tl.iter().copied());
        all_cluster.extend(tq.iter().copied());
        let ids = |hits: &[lede::search::Hit]| -> std::collections::HashSet<String> {
            hits.iter().map(|h| h.id.clone()).collect()
        };
        let shared = ids(&lr.hits).intersection(&ids(&qr.hits)).count();
        shared_sum += shared;
        queries += 1;
        let facets_equal = format!("{:?}", lr.facets) == format!("{:?}", qr.facets);
        let lt = local.timeline(&r, Period::Year)?;
        let qt = reader.timeline(&r, Period::Year)?;
        let timeline_equal = lt.buckets == qt.buckets && lt.undated == qt.undated;
        println!(
            "{:<10} {:<46} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>3}/{:<2} {:>7} {:>7} {:>8}",
            kind,
            format!("{q} {}", extra.join(" "))
                .chars()
                .take(46)
                .collect::<String>(),
            percentile(&mut tl, 0.5),
            percentile(&mut tl, 0.95),
            percentile(&mut tq, 0.5),
            percentile(&mut tq, 0.95),
            shared,
            lr.hits.len().max(qr.hits.len()),
            if lr.total == qr.total {
                "equal".to_string()
            } else {
                format!("{}/{}", lr.total, qr.total)
            },
            if facets_equal { "equal" } else { "DIFFER" },
            if timeline_equal { "equal" } else { "DIFFER" },
        );
    }
    println!();
    println!(
        "all queries: local p50 {:.2} ms, p95 {:.2} ms; cluster p50 {:.2} ms, p95 {:.2} ms; top 10 shared on average {:.1}",
        percentile(&mut all_local, 0.5),
        percentile(&mut all_local, 0.95),
        percentile(&mut all_cluster, 0.5),
        percentile(&mut all_cluster, 0.95),
        shared_sum as f64 / queries.max(1) as f64
    );
    Ok(())
}
