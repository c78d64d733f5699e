//! Load test of `lede serve` (not a test): the real server over loopback,
//! driven by a fixed mix of API requests from N keep-alive connections at
//! once, for a bounded number of requests; prints requests per second,
//! p50/p90/p99 latency, errors, and the server's resident memory before,
//! during and after.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_search   # builds /tmp/lede-bench-search once
//! cargo run --release --example bench_serve -- [--index /tmp/lede-bench-search] [--requests 100000] [--connections 16]
//! ```
//!
//! The mix is what the page and scripts ask: plain searches (single
//! terms, AND, OR, phrases, filters, a second page), the page's own search
//! with all four facets, timelines, an article by id. The load comes from
//! this program's own threads, one blocking HTTP/1.1 connection each (wrk
//! stops only at the end of a duration, and a bounded count is asked
//! for); every latency is kept, so the percentiles are exact. Requests go
//! only to 127.0.0.1, to the server this program starts and stops.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn rss_kib(pid: u32) -> u64 {
    status_kib(pid, "VmRSS:")
}

/// A memory figure of /proc/PID/status, in KiB.
fn status_kib(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// What one connection saw.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    not_ok: u64,
    failed: u64,
}

/// Sends requests on one keep-alive connection until `next` reaches `total`.
fn connection(addr: &str, start: usize, next: &AtomicU64, total: u64) -> Seen {
    let mut seen = Seen::default();
    let open = || -> std::io::Result<(TcpStream, BufReader<TcpStream>)> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let reader = BufReader::new(stream.try_clone()?);
        Ok((stream, reader))
    };
    let Ok((mut stream, mut reader)) = open() else {
        seen.failed += 1;
        return seen;
    };
    loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= total {
            return seen;
        }
        let path = MIX[(start + i as usize) % MIX.len()];
        let t = Instant::now();
        let outcome = stream
            .write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
            .and_then(|()| read_response(&mut reader));
        match outcome {
            Ok(status) => {
                seen.latencies.push(t.elapsed());
                if status != 200 {
                    seen.not_ok += 1;
                }
            }
            Err(_) => {
                seen.failed += 1;
                match open() {
                    Ok((s, r)) => (stream, reader) = (s, r),
                    Err(_) => return seen,
                }
            }
        }
    }
}

/// Reads one response (status, headers, a body of Content-Length or
/// chunks); returns the status.
fn read_response(reader: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status line"))?;
    let mut length = None;
    let mut chunked = false;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let lower = header.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad("chunk size"))?;
            body.resize(size + 2, 0);
            reader.read_exact(&mut body)?;
            if size == 0 {
                return Ok(status);
            }
        }
    }
    body.resize(length.ok_or_else(|| bad("no length"))?, 0);
    reader.read_exact(&mut body)?;
    Ok(status)
}

/// Runs `total` requests from `connections` connections at once.
fn load(addr: &str, total: u64, connections: usize) -> (Seen, Duration) {
    let next = AtomicU64::new(0);
    let started = Instant::now();
    let mut all = Seen::default();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..connections)
            .map(|c| {
                let next = &next;
                s.spawn(move || connection(addr, c * 5, next, total))
            })
            .collect();
        for h in handles {
            if let Ok(seen) = h.join() {
                all.latencies.extend(seen.latencies);
                all.not_ok += seen.not_ok;
                all.failed += seen.failed;
            }
        }
    });
    (all, started.elapsed())
}

/// CPU time (user + system) the process has used, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line (11 and 12 here),
    // in clock ticks, which Linux reports at 100 per second.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut index = PathBuf::from("/tmp/lede-bench-search");
    let mut requests = 100_000u64;
    let mut connections = 16usize;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--index" => index = PathBuf::from(value()),
            "--requests" => requests = value().parse()?,
            "--connections" => connections = value().parse()?,
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

    println!(
        "lede serve on {addr} over {} ({} kinds of request in the mix)",
        index.display(),
        MIX.len()
    );
    let started_rss = rss_kib(pid);
    let (warm, _) = load(&addr, 2_000, connections);
    let warm_rss = rss_kib(pid);
    let warm_anon = status_kib(pid, "RssAnon:");
    println!(
        "warm-up: {} requests, {} not 200, {} failed",
        warm.latencies.len(),
        warm.not_ok,
        warm.failed
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
    let cpu_before = cpu_seconds(pid);
    let (mut run, took) = load(&addr, requests, connections);
    let cpu = cpu_seconds(pid) - cpu_before;
    running.store(false, Ordering::SeqCst);
    let rss_seen = samples.join().unwrap_or_default();
    let after_rss = rss_kib(pid);
    let after_anon = status_kib(pid, "RssAnon:");

    run.latencies.sort();
    let at = |p: f64| {
        let v = &run.latencies;
        v.get(((v.len().saturating_sub(1)) as f64 * p).round() as usize)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    let answered = run.latencies.len();
    println!(
        "{connections} connections, {answered} requests answered in {:.1} s",
        took.as_secs_f64()
    );
    println!(
        "requests/s: {:.0}; the server used {:.1} s of CPU, {:.2} ms per request ({:.2} cores busy)",
        answered as f64 / took.as_secs_f64(),
        cpu,
        cpu * 1000.0 / answered.max(1) as f64,
        cpu / took.as_secs_f64()
    );
    println!(
        "latency: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.1} ms",
        at(0.50),
        at(0.90),
        at(0.99),
        at(1.0)
    );
    println!(
        "errors: {} answers not 200, {} failed requests",
        run.not_ok, run.failed
    );
    let mib = |k: u64| k as f64 / 1024.0;
    let quarter = |i: usize| {
        rss_seen
            .get(i * rss_seen.len().saturating_sub(1) / 4)
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
    println!(
        "of which allocated (RssAnon): {:.1} MiB after warm-up, {:.1} MiB after the run; the rest is the index's mapped files",
        mib(warm_anon),
        mib(after_anon)
    );
    drop(server);
    Ok(())
}
