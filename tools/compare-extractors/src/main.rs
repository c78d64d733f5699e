//! Compares lede's body extraction with dom_smoothie (a Readability port)
//! and rs-trafilatura on the same pages with the same metric: the Zyte
//! benchmark's shingle F1 (`lede::eval::metrics`) and pages per second of
//! extraction alone on one thread. The pages are read from `../shared/data`
//! (zyte/, and the `with`/`without` passages of trafilatura/).
//!
//! ```text
//! cd tools/compare-extractors && cargo run --release -- ../../../shared/data
//! ```
//!
//! A separate crate, so that CI and `cargo test` never build the other
//! extractors.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lede::eval::load_set;
use lede::eval::metrics::{aggregate, body_score, collapse_ws, passage_found};
use lede::ingest::Source;

type Extractor = fn(&str) -> String;

fn lede_body(html: &str) -> String {
    let source = Source::from_text("page.html", html);
    lede::extract::extract(&source)
        .ok()
        .and_then(|e| e.articles.into_iter().next())
        .map(|a| a.body)
        .unwrap_or_default()
}

fn smoothie_body(html: &str) -> String {
    dom_smoothie::Readability::new(html, None, None)
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn trafilatura_body(html: &str) -> String {
    rs_trafilatura::extract(html)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

const EXTRACTORS: &[(&str, Extractor)] = &[
    ("lede", lede_body),
    ("dom_smoothie 0.19", smoothie_body),
    ("rs-trafilatura 0.2", trafilatura_body),
];

fn read_html(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path)?;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        out
    } else {
        bytes
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn main() -> anyhow::Result<()> {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../../../shared/data".into()),
    );
    let zyte = load_set(&data, "zyte")?;
    let traf = load_set(&data, "trafilatura")?;
    let zyte_html: Vec<(String, String)> = zyte
        .iter()
        .filter_map(|p| Some((read_html(&p.path).ok()?, p.body.clone()?)))
        .collect();
    let traf_html: Vec<(String, &lede::eval::truth::Page)> = traf
        .iter()
        .filter_map(|p| Some((read_html(&p.path).ok()?, p)))
        .collect();
    println!(
        "{:<20} {:>9} {:>9} {:>9} {:>10} {:>10} {:>12}",
        "extractor", "zyte P", "zyte R", "zyte F1", "traf with", "traf w/o", "pages/s"
    );
    for (name, extract) in EXTRACTORS {
        let mut spent = Duration::ZERO;
        let mut scores = Vec::new();
        for (html, truth) in &zyte_html {
            let t = Instant::now();
            let body = extract(html);
            spent += t.elapsed();
            scores.push(body_score(&body, truth));
        }
        let (mut with_hit, mut with_all, mut without_hit, mut without_all) = (0, 0, 0, 0);
        for (html, page) in &traf_html {
            let t = Instant::now();
            let body = extract(html);
            spent += t.elapsed();
            let body = collapse_ws(&body);
            for p in &page.with {
                with_all += 1;
                with_hit += usize::from(passage_found(&body, p));
            }
            for p in &page.without {
                without_all += 1;
                without_hit += usize::from(!passage_found(&body, p));
            }
        }
        let agg = aggregate(&scores);
        let pages = (zyte_html.len() + traf_html.len()) as f64;
        println!(
            "{name:<20} {:>9.3} {:>9.3} {:>9.3} {:>10.3} {:>10.3} {:>12.1}",
            agg.precision,
            agg.recall,
            agg.f1,
            with_hit as f64 / with_all.max(1) as f64,
            without_hit as f64 / without_all.max(1) as f64,
            pages / spent.as_secs_f64()
        );
    }
    Ok(())
}
