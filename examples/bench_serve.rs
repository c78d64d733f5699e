//! Load test of `lede serve` (not a test): the real server over loopback,
//! driven by `wrk` (Debian's package) with a fixed mix of API requests,
//! for a bounded number of requests; prints requests per second, p50 and
//! p99 latency, errors, and the server's resident memory before, during
//! and after.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_search   # builds /tmp/lede-bench-search once
//! cargo run --release --example bench_serve -- [--index /tmp/lede-bench-search] [--requests 100000] [--connections 16] [--threads 2]
//! ```
//!
//! The mix is what the page and scripts ask: plain searches (single
//! terms, AND, OR, phrases, filters, a second page), the page's own search
//! with all four facets, timelines, an article by id. Requests go only to
//! 127.0.0.1, to the server this program starts and stops.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MIX: &[&str] = &[
    "/api/search?q=oil",
    "/api/search?q=election",
    "/api/search?q=profits&offset=10",
    "/api/search?q=bank+interest+rates",
    "/api/search?q=government+minister+said",
    "/api/search?q=coffee+OR+cocoa+OR+sugar",
    "/api/search?q=%22interest+rates%22",
    "/api/search?q=%22prime+minister%22",
    "/api/search?q=oil&outlet=Valley+Star&since=2018&until=2020",
    "/api/search?q=bank+interest+rates&author=Author+7&sort=newest",
    "/api/search?q=oil&facets=outlet,author,year,lang&limit=10",
    "/api/search?q=football+OR+rugby&facets=outlet,author,year,lang&limit=10",
    "/api/timeline?q=oil",
    "/api/timeline?q=%22prime+minister%22&by=year",
    "/api/article/00000000000003e8",
    "/api/search?q=football+OR+rugby",
];

/// wrk's script: each thread cycles through the mix from its own starting
/// point, counts answers that are not 200, and stops after its share.
const SCRIPT: &str = r#"
local paths = { PATHS }
local threads = {}
local next_id = 0
setup = function(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
init = function(args)
  counter = id * 7
  answers = 0
  bad = 0
  limit = tonumber(os.getenv("LEDE_BENCH_PER_THREAD"))
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
response = function(status, headers, body)
  answers = answers + 1
  if status ~= 200 then bad = bad + 1 end
  if answers >= limit then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local bad_total = 0
  local answered = 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    answered = answered + t:get("answers")
  end
  io.write(string.format(
    "LEDE answered=%d non200=%d socket_errors=%d seconds=%.3f p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    answered, bad_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"#;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn wrk(
    base: &str,
    script: &Path,
    requests: u64,
    connections: u64,
    threads: u64,
) -> anyhow::Result<String> {
    let out = Command::new("wrk")
        .args([
            "-t",
            &threads.to_string(),
            "-c",
            &connections.to_string(),
            "-d",
            "900s",
            "--timeout",
            "10s",
            "-s",
        ])
        .arg(script)
        .arg(base)
        .env("LEDE_BENCH_PER_THREAD", (requests / threads).to_string())
        .output()
        .map_err(|e| anyhow::anyhow!("cannot run wrk ({e}): apt-get install wrk"))?;
    anyhow::ensure!(
        out.status.success(),
        "wrk failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find(|l| l.starts_with("LEDE "))
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no figures from wrk: {text}"))
}

fn field(line: &str, key: &str) -> f64 {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut index = PathBuf::from("/tmp/lede-bench-search");
    let mut requests = 100_000u64;
    let mut connections = 16u64;
    let mut threads = 2u64;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--index" => index = PathBuf::from(value()),
            "--requests" => requests = value().parse()?,
            "--connections" => connections = value().parse()?,
            "--threads" => threads = value().parse()?,
            other => {
                anyhow::bail!("unknown argument {other}; see the header of examples/bench_serve.rs")
            }
        }
    }
    anyhow::ensure!(
        index.join("meta.json").is_file(),
        "no index at {}: build it with `cargo run --release --example bench_search`",
        index.display()
    );
    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("lede"))
        .filter(|p| p.exists())
        .ok_or_else(|| anyhow::anyhow!("build the binary first: cargo build --release"))?;

    let mut child = Command::new(&bin)
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(&index)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let server = Server(child);
    let pid = server.0.id();
    let mut line = String::new();
    stderr.read_line(&mut line)?;
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .ok_or_else(|| anyhow::anyhow!("the server said {line:?}"))?
        .to_string();
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let base = format!("http://{addr}");

    let paths: Vec<String> = MIX.iter().map(|p| format!("{p:?}")).collect();
    let script = std::env::temp_dir().join(format!("lede-bench-serve-{}.lua", std::process::id()));
    std::fs::File::create(&script)?
        .write_all(SCRIPT.replace("PATHS", &paths.join(", ")).as_bytes())?;

    println!(
        "lede serve on {base} over {} ({} requests in the mix)",
        index.display(),
        MIX.len()
    );
    let started_rss = rss_kib(pid);
    let warm = wrk(&base, &script, 2_000, connections, threads)?;
    let warm_rss = rss_kib(pid);
    println!(
        "warm-up: {} requests, {} not 200",
        field(&warm, "answered"),
        field(&warm, "non200")
    );

    // Memory every half second while the load runs.
    let running = Arc::new(AtomicBool::new(true));
    let peak = Arc::new(AtomicU64::new(0));
    let samples = {
        let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while running.load(Ordering::SeqCst) {
                let rss = rss_kib(pid);
                peak.fetch_max(rss, Ordering::SeqCst);
                seen.push(rss);
                std::thread::sleep(Duration::from_millis(500));
            }
            seen
        })
    };
    let t = Instant::now();
    let result = wrk(&base, &script, requests, connections, threads)?;
    let wall = t.elapsed().as_secs_f64();
    running.store(false, Ordering::SeqCst);
    let seen = samples.join().unwrap_or_default();
    let after_rss = rss_kib(pid);
    let _ = std::fs::remove_file(&script);

    let answered = field(&result, "answered");
    let seconds = field(&result, "seconds");
    println!(
        "{connections} connections, {threads} wrk threads, {} requests answered in {seconds:.1} s ({wall:.1} s wall)",
        answered
    );
    println!("requests/s: {:.0}", answered / seconds);
    println!(
        "latency: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.1} ms",
        field(&result, "p50_us") / 1000.0,
        field(&result, "p90_us") / 1000.0,
        field(&result, "p99_us") / 1000.0,
        field(&result, "max_us") / 1000.0
    );
    println!(
        "errors: {} answers not 200, {} socket errors",
        field(&result, "non200"),
        field(&result, "socket_errors")
    );
    let mib = |k: u64| k as f64 / 1024.0;
    let quarter = |i: usize| {
        seen.get(i * seen.len().saturating_sub(1) / 4)
            .copied()
            .unwrap_or(0)
    };
    println!(
        "server RSS: {:.1} MiB at start, {:.1} MiB after warm-up, {:.1} MiB after the run (peak {:.1} MiB; at 0/25/50/75/100% of the run: {:.1} / {:.1} / {:.1} / {:.1} / {:.1} MiB)",
        mib(started_rss),
        mib(warm_rss),
        mib(after_rss),
        mib(peak.load(Ordering::SeqCst)),
        mib(quarter(0)),
        mib(quarter(1)),
        mib(quarter(2)),
        mib(quarter(3)),
        mib(quarter(4)),
    );
    drop(server);
    Ok(())
}
