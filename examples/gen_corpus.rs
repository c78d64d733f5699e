//! Writes a synthetic news corpus for benchmarks: N articles of about 3 KB,
//! deterministic for a seed, needing no shared data.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR N [--jsonl PER_FILE] [--seed S]
//! ```
//!
//! By default each article is one `.txt` file, 1,000 to a folder (an
//! archive of saved copies); with `--jsonl K`, K articles per `.jsonl` file
//! (a scraper's export).

#[path = "synth/mod.rs"]
mod synth;

use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus OUT_DIR N [--jsonl PER_FILE] [--seed S]";
    let (Some(out), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let per_file = flag("--jsonl");
    let seed = flag("--seed").unwrap_or(42);
    let out = PathBuf::from(out);
    let mut bytes = 0u64;
    match per_file {
        None => {
            for i in 0..n {
                let dir = out.join(format!("{:04}", i / 1000));
                if i % 1000 == 0 {
                    std::fs::create_dir_all(&dir)?;
                }
                let text = synth::article(seed, i).to_text();
                bytes += text.len() as u64;
                std::fs::write(dir.join(format!("{i:07}.txt")), text)?;
            }
        }
        Some(k) => {
            let k = k.max(1);
            std::fs::create_dir_all(&out)?;
            let mut i = 0;
            while i < n {
                let path = out.join(format!("{:06}.jsonl", i / k));
                let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
                for j in i..(i + k).min(n) {
                    let line = synth::article(seed, j).to_json_line();
                    bytes += line.len() as u64;
                    file.write_all(line.as_bytes())?;
                }
                file.flush()?;
                i += k;
            }
        }
    }
    eprintln!(
        "gen_corpus: wrote {n} articles ({:.1} MB) to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}
