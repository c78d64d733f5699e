//! The indexing benchmark: `lede index` end to end on real HTML pages,
//! plain text and JSON Lines, and on a synthetic corpus at two sizes, each
//! beside a bare tantivy loop over the same extracted documents, so lede's
//! overhead shows as a ratio measured in the same run.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_index -- \
//!     [--data ../shared/data] [--work /tmp/lede-bench] [--synthetic 100000,1000000] [--only NAME]
//! ```
//!
//! `--synthetic 0` skips the synthetic corpus; `--only jsonl` runs one set
//! (`html`, `text`, `jsonl`, `records-in-one-file`: a million records in
//! one JSON Lines file, `synthetic-N`).
//!
//! For each set it prints articles/s and MB/s (of decoded input), peak
//! resident memory of the `lede index` process (from `/usr/bin/time`), the
//! index size relative to the extracted text, and the time of a re-run with
//! nothing changed and with 1% of the files changed; each timed run starts
//! after `sync`. Not part of
//! `cargo test`; the 1,000,000-article set needs about 4 GB of disk and some
//! minutes on two cores.

#[path = "synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tantivy::schema::{Schema, STORED, STRING, TEXT};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

/// The writer budget both lede and the bare loop get (lede's default).
const MEMORY: usize = 256 * 1024 * 1024;

struct Args {
    data: PathBuf,
    work: PathBuf,
    synthetic: Vec<u64>,
    only: Option<String>,
}

fn parse_args() -> Args {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    Args {
        data: value("--data").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
            PathBuf::from,
        ),
        work: value("--work")
            .map_or_else(|| std::env::temp_dir().join("lede-bench"), PathBuf::from),
        synthetic: value("--synthetic")
            .unwrap_or_else(|| "100000,1000000".into())
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .filter(|&n: &u64| n > 0)
            .collect(),
        only: value("--only"),
    }
}

/// One extracted article, as the bare loops index it.
type Doc = lede::article::Article;

/// What one `lede` run cost.
struct Timed {
    wall: Duration,
    max_rss_kb: Option<u64>,
    /// The most anonymous memory (what lede allocated, not the pages of
    /// index files it maps, which the kernel can drop) seen in samples
    /// every 20 ms.
    max_anon_kb: Option<u64>,
    /// User + system CPU seconds: steadier than wall time on a shared machine.
    cpu_secs: Option<f64>,
    code: i32,
    stderr: String,
}

fn lede_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    // target/release/examples/bench_index -> target/release/lede
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("lede"))
        .expect("target dir");
    if !bin.exists() {
        eprintln!(
            "{} is missing: run `cargo build --release` first",
            bin.display()
        );
        std::process::exit(2);
    }
    bin
}

/// Runs `lede` and times it, after `sync`: the corpus just generated or the
/// index just written would otherwise be written out during the timed run
/// (a 100,000-file run measured 9.8 s once, and 16.1 s when started while
/// the kernel was still writing out the 1,000,000-file set's 3 GB).
fn run_lede(args: &[&str]) -> Timed {
    let _ = Command::new("sync").status();
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "BENCH_RSS_KB=%M\nBENCH_CPU=%U %S"])
            .arg(lede_binary());
        c
    } else {
        Command::new(lede_binary())
    };
    cmd.args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("run lede");
    // Read stderr on the side, so a chatty run cannot fill the pipe while
    // this thread samples memory.
    let mut pipe = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        text
    });
    // Sampled on a thread of its own, so that waiting for the process
    // (below) times it exactly.
    let pid = child.id();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut max_anon_kb = None;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if let Some(kb) = anon_kb(pid) {
                    max_anon_kb = Some(max_anon_kb.unwrap_or(0).max(kb));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            max_anon_kb
        })
    };
    let status = child.wait().expect("wait for lede");
    let wall = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let max_anon_kb = sampler.join().unwrap_or_default();
    let stderr = reader.join().unwrap_or_default();
    let max_rss_kb = stderr
        .lines()
        .find_map(|l| l.strip_prefix("BENCH_RSS_KB="))
        .and_then(|v| v.trim().parse().ok());
    let cpu_secs = stderr
        .lines()
        .find_map(|l| l.strip_prefix("BENCH_CPU="))
        .and_then(|v| {
            v.split_whitespace()
                .map(|x| x.parse::<f64>().ok())
                .sum::<Option<f64>>()
        });
    Timed {
        wall,
        max_rss_kb,
        max_anon_kb,
        cpu_secs,
        code: status.code().unwrap_or(-1),
        stderr,
    }
}

/// Anonymous resident memory of `pid`, or of its child when `pid` is
/// `/usr/bin/time` running lede (Linux only).
fn anon_kb(pid: u32) -> Option<u64> {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok();
    let pid = children
        .as_deref()
        .and_then(|c| c.split_whitespace().next())
        .map_or(pid.to_string(), str::to_string);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn files_under(path: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Extracts every file the way `lede index` does (one thread, untimed):
/// the documents for the bare loop, and the decoded input size.
fn extract_all(root: &Path) -> (Vec<Doc>, u64) {
    let mut docs = Vec::new();
    let mut decoded = 0u64;
    let roots = [root.to_path_buf()];
    for event in lede::ingest::walk(&roots, Default::default()) {
        let lede::ingest::WalkEvent::File(path) = event else {
            continue;
        };
        let Ok(source) = lede::ingest::read(&path) else {
            continue;
        };
        decoded += source.text.len() as u64;
        if let Ok(found) = lede::extract::extract(&source) {
            docs.extend(found.articles);
        }
    }
    (docs, decoded)
}

/// Bytes of headline, dek and body: the extracted text.
fn text_bytes(docs: &[Doc]) -> u64 {
    docs.iter()
        .map(|a| {
            let len = |s: &Option<String>| s.as_ref().map_or(0, String::len);
            (len(&a.title) + len(&a.dek) + a.body.len()) as u64
        })
        .sum()
}

/// The bare loop: a minimal schema (id, title with the dek, body), one
/// writer with the same budget and tantivy's default threads, one commit.
fn bare_tantivy(dir: &Path, docs: &[Doc]) -> Bare {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("bare dir");
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", TEXT | STORED);
    let body = b.add_text_field("body", TEXT | STORED);
    let index = Index::create_in_dir(dir, b.build()).expect("bare index");
    let docs: Vec<TantivyDocument> = docs
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let mut t = a.title.clone().unwrap_or_default();
            if let Some(dek) = &a.dek {
                t.push(' ');
                t.push_str(dek);
            }
            doc!(id => n.to_string(), title => t, body => a.body.clone())
        })
        .collect();
    time_writes(dir, index, docs)
}

/// The same loop over lede's own documents: its schema (per-language
/// stemmed fields, author and outlet keys and facets, dates, near-duplicate
/// bands, zstd store), built from the articles beforehand, untimed. What
/// separates lede from this loop is walking, reading, extraction and
/// deciding duplicates; what separates this loop from the minimal one is
/// the schema.
fn bare_lede_schema(dir: &Path, docs: &[Doc]) -> Bare {
    let _ = std::fs::remove_dir_all(dir);
    let opened = lede::index::open_or_create(dir, true).expect("bare lede index");
    let fields = opened.fields.clone();
    let docs: Vec<TantivyDocument> = docs
        .iter()
        .map(|a| lede::index::prepare(&fields, a.clone()).into_document(&fields))
        .collect();
    time_writes(dir, opened.index, docs)
}

/// Documents indexed by one loop, and how long it took.
type Bare = (usize, Duration);

/// Adds the documents with one writer (lede's budget, tantivy's default
/// threads), commits and waits for merges: the timed part of a bare loop.
fn time_writes(dir: &Path, index: Index, docs: Vec<TantivyDocument>) -> Bare {
    let mut writer: IndexWriter = index.writer(MEMORY).expect("bare writer");
    let started = Instant::now();
    let n = docs.len();
    for d in docs {
        writer.add_document(d).expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    let took = started.elapsed();
    drop(index);
    let _ = std::fs::remove_dir_all(dir);
    (n, took)
}

fn articles_in(index: &Path) -> u64 {
    let out = Command::new(lede_binary())
        .args(["stats", "--json", "--index"])
        .arg(index)
        .output()
        .expect("lede stats");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v["articles"].as_u64().unwrap_or(0)
}

/// Changes 1% of the files (at least one): a correction appended to text,
/// one more record to JSON Lines, a comment to HTML (gzip appends a member).
fn touch_one_percent(root: &Path) -> usize {
    let files = files_under(root);
    let step = 100.min(files.len().max(1));
    let mut changed = 0;
    for path in files.iter().step_by(step) {
        let name = path.to_string_lossy();
        let extra: Vec<u8> = if name.ends_with(".jsonl") {
            b"{\"title\":\"Correction\",\"text\":\"An earlier version of this feed misstated a figure; it has been corrected.\"}\n".to_vec()
        } else if name.ends_with(".gz") {
            use std::io::Write;
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = enc.write_all(b"\n<!-- corrected -->\n");
            enc.finish().unwrap_or_default()
        } else {
            b"\n\nCorrection: an earlier version of this article misstated a figure.\n".to_vec()
        };
        let mut bytes = std::fs::read(path).unwrap_or_default();
        bytes.extend_from_slice(&extra);
        if std::fs::write(path, bytes).is_ok() {
            changed += 1;
        }
    }
    changed
}

struct Row {
    name: String,
    files: usize,
    articles: u64,
    decoded_mb: f64,
    text_mb: f64,
    lede: Timed,
    bare: Option<Bare>,
    bare_schema: Option<Bare>,
    index_mb: f64,
    rerun: Duration,
    changed: usize,
    rerun_changed: Duration,
}

fn report(row: &Row) {
    let secs = row.lede.wall.as_secs_f64();
    let rate = row.articles as f64 / secs;
    println!("== {} ==", row.name);
    println!(
        "  input: {} files, {:.1} MB decoded, {} articles, {:.1} MB extracted text",
        row.files, row.decoded_mb, row.articles, row.text_mb
    );
    let mb = |kb: Option<u64>| {
        kb.map_or("unknown".into(), |kb| {
            format!("{:.0} MB", kb as f64 / 1024.0)
        })
    };
    println!(
        "  lede index: {:.2} s, {:.0} articles/s, {:.1} MB/s, peak RSS {} (anonymous memory at most {})",
        secs,
        rate,
        row.decoded_mb / secs,
        mb(row.lede.max_rss_kb),
        mb(row.lede.max_anon_kb)
    );
    if let Some(cpu) = row.lede.cpu_secs {
        println!(
            "  lede index CPU: {:.2} s user+system, {:.0} us per article ({:.1} cores busy on average)",
            cpu,
            1e6 * cpu / (row.articles.max(1) as f64),
            cpu / secs
        );
    }
    if let Some((n, t)) = row.bare {
        let bare_rate = n as f64 / t.as_secs_f64();
        println!(
            "  bare tantivy: {n} docs in {:.2} s, {:.0} docs/s; lede/bare = {:.2}",
            t.as_secs_f64(),
            bare_rate,
            rate / bare_rate
        );
    }
    if let Some((n, t)) = row.bare_schema {
        let bare_rate = n as f64 / t.as_secs_f64();
        println!(
            "  bare tantivy, lede's schema and documents: {n} docs in {:.2} s, {:.0} docs/s; \
             lede/bare = {:.2}",
            t.as_secs_f64(),
            bare_rate,
            rate / bare_rate
        );
    }
    println!(
        "  index: {:.1} MB = {:.2}x the extracted text",
        row.index_mb,
        row.index_mb / row.text_mb.max(0.001)
    );
    println!(
        "  re-run, nothing changed (median of 5): {:.3} s ({:.2}% of the full run)",
        row.rerun.as_secs_f64(),
        100.0 * row.rerun.as_secs_f64() / secs
    );
    println!(
        "  re-run, {} files (1%) changed: {:.3} s ({:.2}% of the full run)",
        row.changed,
        row.rerun_changed.as_secs_f64(),
        100.0 * row.rerun_changed.as_secs_f64() / secs
    );
    if row.lede.code != 0 && row.lede.code != 3 {
        println!(
            "  lede exited {}: {}",
            row.lede.code,
            row.lede.stderr.trim()
        );
    }
}

/// Indexes `input` with lede (full, then the two re-runs) and the same
/// documents with the bare loop.
fn bench_set(name: &str, input: &Path, work: &Path, docs: Option<(Vec<Doc>, u64)>) -> Row {
    let index = work.join(format!("{name}.index"));
    let _ = std::fs::remove_dir_all(&index);
    let files = files_under(input).len();
    let idx = index.to_string_lossy().into_owned();
    let inp = input.to_string_lossy().into_owned();
    let lede = run_lede(&["index", "-q", "--index", &idx, &inp]);
    let articles = articles_in(&index);
    let index_mb = lede::index::size_on_disk(&index) as f64 / 1e6;
    // A re-run that finds nothing takes milliseconds on the smaller sets,
    // where one run can be off by a third on a shared machine: the median
    // of five.
    let mut reruns: Vec<Duration> = (0..5)
        .map(|_| run_lede(&["index", "-q", "--index", &idx]).wall)
        .collect();
    reruns.sort();
    let rerun = reruns[reruns.len() / 2];
    let changed = touch_one_percent(input);
    let rerun_changed = run_lede(&["index", "-q", "--index", &idx]).wall;
    let (bare, bare_schema, decoded, text) = match docs {
        Some((docs, decoded)) => {
            let text = text_bytes(&docs);
            let dir = work.join(format!("{name}.bare"));
            let bare = bare_tantivy(&dir, &docs);
            let bare_schema = bare_lede_schema(&dir, &docs);
            (Some(bare), Some(bare_schema), decoded, text)
        }
        None => (None, None, 0, 0),
    };
    Row {
        name: name.to_string(),
        files,
        articles,
        decoded_mb: decoded as f64 / 1e6,
        text_mb: text as f64 / 1e6,
        lede,
        bare,
        bare_schema,
        index_mb,
        rerun,
        changed,
        rerun_changed,
    }
}

fn copy_tree(
    from: &Path,
    to: &Path,
    keep: impl Fn(&Path) -> bool,
    rename: impl Fn(&Path) -> String,
) {
    for path in files_under(from).into_iter().filter(|p| keep(p)) {
        let dest = to.join(rename(&path));
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::copy(&path, &dest).expect("copy");
    }
}

fn main() {
    let args = parse_args();
    std::fs::create_dir_all(&args.work).expect("work dir");
    let wanted = |name: &str| args.only.as_deref().map_or(true, |o| name.starts_with(o));
    println!(
        "lede indexing benchmark ({} cores; writer budget {} MiB)",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        MEMORY >> 20
    );

    if wanted("html") {
        let input = args.work.join("html");
        let _ = std::fs::remove_dir_all(&input);
        for set in ["zyte", "readability", "trafilatura"] {
            let from = args.data.join(set);
            copy_tree(
                &from,
                &input.join(set),
                |p| p.to_string_lossy().ends_with(".gz"),
                |p| {
                    // readability keeps each page as <name>/source.html.gz.
                    let rel = p
                        .strip_prefix(&from)
                        .unwrap_or(p)
                        .to_string_lossy()
                        .replace('/', "_");
                    if rel.ends_with(".html.gz") {
                        rel
                    } else {
                        rel.replace(".gz", ".html.gz")
                    }
                },
            );
        }
        let docs = extract_all(&input);
        report(&bench_set("html", &input, &args.work, Some(docs)));
    }
    if wanted("text") {
        let input = args.work.join("bbc");
        let _ = std::fs::remove_dir_all(&input);
        let from = args.data.join("bbc");
        copy_tree(
            &from,
            &input,
            |p| p.extension().is_some_and(|e| e == "txt"),
            |p| {
                p.strip_prefix(&from)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            },
        );
        let docs = extract_all(&input);
        report(&bench_set("text", &input, &args.work, Some(docs)));
    }
    if wanted("jsonl") {
        let input = args.work.join("reuters");
        let _ = std::fs::remove_dir_all(&input);
        let from = args.data.join("reuters");
        copy_tree(
            &from,
            &input,
            |_| true,
            |p| {
                p.strip_prefix(&from)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            },
        );
        let docs = extract_all(&input);
        report(&bench_set("jsonl", &input, &args.work, Some(docs)));
    }
    if wanted("records-in-one-file") {
        // One JSON Lines file of 1,000,000 short records (just under the
        // 64 MiB cap): memory must not grow with the records of one file.
        let input = args.work.join("one-file");
        let _ = std::fs::remove_dir_all(&input);
        std::fs::create_dir_all(&input).expect("mkdir");
        let n = 1_000_000;
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(input.join("records.jsonl")).expect("create"),
        );
        for i in 0..n {
            use std::io::Write;
            let a = synth::article(7, i);
            let words = |s: &str, k: usize| s.split(' ').take(k).collect::<Vec<_>>().join(" ");
            writeln!(
                out,
                "{{\"title\":\"{} {i}\",\"text\":\"{}\"}}",
                words(&a.title, 2),
                words(&a.body, 3).trim_end_matches('.')
            )
            .expect("write");
        }
        drop(out);
        let file_bytes = std::fs::metadata(input.join("records.jsonl")).map_or(0, |m| m.len());
        let mut row = bench_set("records-in-one-file", &input, &args.work, None);
        row.decoded_mb = file_bytes as f64 / 1e6;
        row.text_mb = row.decoded_mb;
        report(&row);
        let _ = std::fs::remove_dir_all(&input);
    }
    for &n in &args.synthetic {
        let name = format!("synthetic-{n}");
        if !wanted(&name) {
            continue;
        }
        let input = args.work.join(&name);
        let _ = std::fs::remove_dir_all(&input);
        let started = Instant::now();
        let status = Command::new(lede_binary().with_file_name("examples").join("gen_corpus"))
            .arg(&input)
            .arg(n.to_string())
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("gen_corpus failed: run `cargo build --release --examples` first");
            std::process::exit(2);
        }
        eprintln!(
            "generated {n} articles in {:.0} s",
            started.elapsed().as_secs_f64()
        );
        let mut row = bench_set(&name, &input, &args.work, None);
        // The bare loop indexes the same articles from memory (no disk, no
        // extraction), pre-generated so generation is not timed; at most
        // 100,000 of them, to keep the benchmark's own memory small.
        let bare_n = n.min(100_000);
        let docs: Vec<Doc> = (0..bare_n)
            .flat_map(|i| {
                let text = synth::article(42, i).to_text();
                let source = lede::ingest::Source::from_text(format!("{i}.txt"), text);
                lede::extract::extract(&source).map_or_else(|_| Vec::new(), |f| f.articles)
            })
            .collect();
        let text: u64 = (0..n)
            .map(|i| {
                let a = synth::article(42, i);
                (a.title.len() + a.body.len()) as u64
            })
            .sum();
        row.text_mb = text as f64 / 1e6;
        row.decoded_mb = row.text_mb;
        let dir = args.work.join(format!("{name}.bare"));
        row.bare = Some(bare_tantivy(&dir, &docs));
        row.bare_schema = Some(bare_lede_schema(&dir, &docs));
        drop(docs);
        report(&row);
        let _ = std::fs::remove_dir_all(&input);
    }
}
