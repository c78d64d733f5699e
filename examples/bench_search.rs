//! Search latency benchmark (not a test): builds an index of synthetic
//! articles assembled from real sentences, then times a fixed set of queries
//! in-process and as the whole `lede search` process a user runs, and prints
//! p50/p95/p99 per kind of query.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_search -- [--articles 100000] [--data ../shared/data] [--index /tmp/lede-bench-search]
//! ```
//!
//! Besides lede's default search it times natural-language questions
//! (relaxed to any word when no article has them all), `--expand` on the
//! same queries, and `similar` for 30 articles.
//!
//! The articles are made of sentences drawn at random from the Reuters and
//! BBC sets in `../shared/data` (read there, never copied), with invented
//! outlets, authors and dates over ten years, so term statistics are those
//! of real news text while no two articles are near duplicates. The index is
//! built once and reused when it already holds the requested number.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "news/mod.rs"]
mod news;

use lede::index::{self, Writer};
use lede::search;
use lede::search::SearchRequest;
use news::{request, QUERIES};

fn build(path: &Path, data: &Path, n: usize) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(path);
    let opened = index::open_or_create(path, true)?;
    let mut writer = Writer::new(&opened, index::DEFAULT_MEMORY_BYTES)?;
    let started = Instant::now();
    for (i, article) in news::articles(data, n)?.enumerate() {
        writer.add(&article)?;
        if i % 20_000 == 19_999 {
            writer.commit()?;
            eprintln!(
                "  {} articles indexed ({:.0}/s)",
                i + 1,
                (i + 1) as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    writer.finish()?;
    Ok(())
}

fn percentiles(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    (at(0.50), at(0.95), at(0.99))
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut n = 100_000usize;
    let mut data = PathBuf::from("../shared/data");
    let mut path = PathBuf::from("/tmp/lede-bench-search");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--data" => data = args.next().map(PathBuf::from).unwrap_or(data),
            "--index" => path = args.next().map(PathBuf::from).unwrap_or(path),
            other => anyhow::bail!(
                "unknown argument {other}; see the header of examples/bench_search.rs"
            ),
        }
    }
    let have = index::open(&path)
        .ok()
        .and_then(|o| o.index.reader().ok())
        .map(|r| r.searcher().num_docs());
    if have != Some(n as u64) {
        eprintln!(
            "building an index of {n} synthetic articles at {} ...",
            path.display()
        );
        let t = Instant::now();
        build(&path, &data, n)?;
        eprintln!("built in {:.1} s", t.elapsed().as_secs_f64());
    }
    let opened = index::open(&path)?;
    let engine = search::Engine::new(&opened)?;
    println!("index: {} ({} articles)", path.display(), n);
    println!();
    println!("in-process (one lede::search::Engine, 10 hits with 2 snippets each; 30 runs per query after 3 warm-up runs):");
    println!(
        "{:<12} {:<34} {:>8} {:>8} {:>8} {:>9}",
        "kind", "query", "p50 ms", "p95 ms", "p99 ms", "matches"
    );
    let mut all_in: Vec<Duration> = Vec::new();
    let mut facet_in: Vec<Duration> = Vec::new();
    let mut natural_in: Vec<Duration> = Vec::new();
    for (kind, q, extra) in QUERIES {
        let r = request(q, extra);
        for _ in 0..3 {
            engine.search(&r)?;
        }
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..30 {
            let t = Instant::now();
            let res = engine.search(&r)?;
            times.push(t.elapsed());
            total = res.total;
        }
        if *kind == "facets" {
            facet_in.extend(&times);
        } else if *kind == "natural" {
            natural_in.extend(&times);
        } else {
            all_in.extend(&times);
        }
        let (p50, p95, p99) = percentiles(times);
        println!(
            "{kind:<12} {:<34} {p50:>8.2} {p95:>8.2} {p99:>8.2} {total:>9}",
            format!("{q} {}", extra.join(" "))
                .chars()
                .take(34)
                .collect::<String>()
        );
    }
    let mut timeline_in = Vec::new();
    for q in ["oil", "\"prime minister\"", "bank interest rates"] {
        let r = request(q, &[]);
        for _ in 0..30 {
            let t = Instant::now();
            let prepared = engine.prepare(&r)?;
            let stats = prepared.stats(false)?;
            let _ = search::facets::timeline(&stats.dates, search::Period::Month, true);
            timeline_in.push(t.elapsed());
        }
    }
    let default_p50 = percentiles(all_in.clone()).0;
    let (a, b, c) = percentiles(all_in);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}",
        "all queries without facets (not natural)"
    );
    let (a, b, c) = percentiles(natural_in);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}",
        "natural-language questions"
    );
    let (a, b, c) = percentiles(facet_in);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}",
        "with facets over all matches"
    );
    let (a, b, c) = percentiles(timeline_in);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}",
        "timeline by month over all matches"
    );

    println!();
    println!(
        "in-process with --expand (the queries without facets; 30 runs each after 3 warm-up runs):"
    );
    let mut all_expand = Vec::new();
    let mut natural_expand = Vec::new();
    for (kind, q, extra) in QUERIES.iter().filter(|(k, _, _)| *k != "facets") {
        let mut r = request(q, extra);
        r.expand = true;
        for _ in 0..3 {
            engine.search(&r)?;
        }
        let mut times = Vec::new();
        let mut added = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            let res = engine.search(&r)?;
            times.push(t.elapsed());
            added = res.expansion;
        }
        if *kind == "natural" {
            natural_expand.extend(&times);
        } else {
            all_expand.extend(&times);
        }
        let (p50, p95, p99) = percentiles(times);
        println!(
            "{kind:<12} {:<34} {p50:>8.2} {p95:>8.2} {p99:>8.2}  +{}",
            format!("{q} {}", extra.join(" "))
                .chars()
                .take(34)
                .collect::<String>(),
            added.join(" ")
        );
    }
    let (a, b, c) = percentiles(all_expand);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}  ({:.2}x the default p50)",
        "all queries with --expand (not natural)",
        a / default_p50
    );
    let (a, b, c) = percentiles(natural_expand);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}",
        "natural-language questions with --expand"
    );

    println!();
    println!("in-process `similar` (30 articles spread over the index, 10 hits with 2 snippets each, after 3 warm-up runs):");
    let mut similar_times = Vec::new();
    for i in 0..33usize {
        let id = format!("{:016x}", (i * 3_331 + 17) % n);
        let mut r = SearchRequest::new("");
        r.similar_to = Some(id);
        let t = Instant::now();
        engine.search(&r)?;
        if i >= 3 {
            similar_times.push(t.elapsed());
        }
    }
    let (a, b, c) = percentiles(similar_times);
    println!("{:<47} {a:>8.2} {b:>8.2} {c:>8.2}", "similar ID");

    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("lede"))
        .filter(|p| p.exists());
    let Some(bin) = bin else {
        println!("\n(whole-process figures skipped: build the binary first with `cargo build --release`)");
        return Ok(());
    };
    println!();
    println!("whole process (`{} search QUERY --index ... --color never`, stdout discarded; 15 runs per query after 2 warm-up runs):", bin.display());
    let mut all_proc = Vec::new();
    for (kind, q, extra) in QUERIES {
        let mut times = Vec::new();
        for i in 0..17 {
            let t = Instant::now();
            let status = Command::new(&bin)
                .args(["search", q, "--index"])
                .arg(&path)
                .args(["--color", "never"])
                .args(*extra)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            let took = t.elapsed();
            anyhow::ensure!(
                status.code().is_some_and(|c| c <= 1),
                "lede search {q} failed: {status}"
            );
            if i >= 2 {
                times.push(took);
            }
        }
        all_proc.extend(&times);
        let (p50, p95, p99) = percentiles(times);
        println!(
            "{kind:<12} {:<34} {p50:>8.2} {p95:>8.2} {p99:>8.2}",
            format!("{q} {}", extra.join(" "))
                .chars()
                .take(34)
                .collect::<String>()
        );
    }
    let default_proc = percentiles(all_proc.clone()).0;
    let (a, b, c) = percentiles(all_proc);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}",
        "all queries, whole process"
    );
    let mut expand_proc = Vec::new();
    for (_, q, extra) in QUERIES {
        for i in 0..17 {
            let t = Instant::now();
            let status = Command::new(&bin)
                .args(["search", q, "--expand", "--index"])
                .arg(&path)
                .args(["--color", "never"])
                .args(*extra)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()?;
            let took = t.elapsed();
            anyhow::ensure!(
                status.code().is_some_and(|c| c <= 1),
                "lede search {q} --expand failed: {status}"
            );
            if i >= 2 {
                expand_proc.push(took);
            }
        }
    }
    let (a, b, c) = percentiles(expand_proc);
    println!(
        "{:<47} {a:>8.2} {b:>8.2} {c:>8.2}  ({:.2}x)",
        "all queries with --expand, whole process",
        a / default_proc
    );
    Ok(())
}
