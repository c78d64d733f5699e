//! The synthetic news corpus and query set the search benchmarks share
//! (`bench_search`, `bench_engine`): articles made of sentences drawn at
//! random from the Reuters and BBC sets in `../shared/data` (read there,
//! never copied), with invented outlets, authors and dates over ten years,
//! so term statistics are those of real news text while no two articles
//! are near duplicates. The same seed always gives the same articles.

#![allow(dead_code)]

use std::path::Path;

use lede::article::{Article, Format};
use lede::published::Published;
use lede::search::{self, FacetKind, Filters, SearchRequest};

/// A tiny deterministic generator (xorshift64*), so every run builds the same corpus.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub const OUTLETS: &[&str] = &[
    "Capitol Wire",
    "Valley Star",
    "Harbor Ledger",
    "Northgate Tribune",
    "Midland Courier",
    "Riverbend Post",
    "Coastline Weekly",
    "Pinecrest Gazette",
    "Granite Valley Sentinel",
    "Lakeside Herald",
    "Summit Daily",
    "Prairie Dispatch",
    "Eastbrook Record",
    "Westfield Chronicle",
    "Bayview Observer",
    "Hillcrest Journal",
];

/// The benchmark's queries: kind, query, options as on the command line.
pub const QUERIES: &[(&str, &str, &[&str])] = &[
    ("single term", "oil", &[]),
    ("single term", "election", &[]),
    ("single term", "profits", &[]),
    ("AND", "bank interest rates", &[]),
    ("AND", "government minister said", &[]),
    ("OR", "coffee OR cocoa OR sugar", &[]),
    ("OR", "football OR rugby", &[]),
    ("phrase", "\"interest rates\"", &[]),
    ("phrase", "\"prime minister\"", &[]),
    (
        "filtered",
        "oil",
        &[
            "--outlet",
            "Valley Star",
            "--since",
            "2018",
            "--until",
            "2020",
        ],
    ),
    (
        "filtered",
        "bank interest rates",
        &["--author", "Author 7", "--sort", "newest"],
    ),
    (
        "natural",
        "what did the government say about interest rates",
        &[],
    ),
    ("natural", "why are oil prices falling", &[]),
    (
        "natural",
        "which football club sacked its manager after the defeat",
        &[],
    ),
    ("facets", "oil", &["--facets", "outlet,author,year,lang"]),
    ("facets", "\"prime minister\"", &["--facets", "outlet,year"]),
];

pub fn sentences(data: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut push_text = |text: &str| {
        for s in text.split(". ") {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if s.len() > 40 && s.len() < 400 {
                out.push(s);
            }
        }
    };
    if let Ok(entries) = std::fs::read_dir(data.join("reuters")) {
        for e in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                for line in text.lines() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                        push_text(v["body"].as_str().unwrap_or(""));
                    }
                }
            }
        }
    }
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        if let Ok(entries) = std::fs::read_dir(data.join("bbc").join(topic)) {
            for e in entries.flatten() {
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                push_text(&String::from_utf8_lossy(&bytes));
            }
        }
    }
    out
}

/// The `n` articles of the corpus, made from `data`'s sentences.
pub fn articles(data: &Path, n: usize) -> anyhow::Result<impl Iterator<Item = Article>> {
    let pool = sentences(data);
    anyhow::ensure!(
        pool.len() > 1000,
        "too few sentences under {}: is ../shared/data there?",
        data.display()
    );
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    Ok((0..n).map(move |i| {
        let k = 6 + rng.below(14);
        let body: Vec<&str> = (0..k)
            .map(|_| pool[rng.below(pool.len())].as_str())
            .collect();
        let title: String = pool[rng.below(pool.len())]
            .split_whitespace()
            .take(9)
            .collect::<Vec<_>>()
            .join(" ");
        let day = jiff::civil::date(2015, 1, 1)
            .checked_add(jiff::Span::new().days(rng.below(3650) as i64))
            .unwrap_or(jiff::civil::date(2015, 1, 1));
        let body = body.join(". ");
        Article {
            id: format!("{i:016x}"),
            path: format!("synthetic/{i}.txt"),
            format: Format::Text,
            url: None,
            title: Some(title),
            dek: None,
            authors: vec![format!("Author {}", rng.below(300))],
            outlet: Some(OUTLETS[rng.below(OUTLETS.len())].to_string()),
            published: (rng.below(20) != 0).then_some(Published::Day(day)),
            lang: Some("en".into()),
            body,
        }
    }))
}

/// A search request for a query and its command-line options.
pub fn request(query: &str, extra: &[&str]) -> SearchRequest {
    let mut r = SearchRequest::new(query);
    let mut filters = Filters::default();
    let mut it = extra.iter();
    while let Some(flag) = it.next() {
        let value = it.next().copied().unwrap_or("");
        match *flag {
            "--outlet" => filters.outlets.push(value.into()),
            "--author" => filters.authors.push(value.into()),
            "--since" => {
                filters.since = search::parse_date_spec(value, search::Edge::Start, r.now).ok()
            }
            "--until" => {
                filters.until = search::parse_date_spec(value, search::Edge::End, r.now).ok()
            }
            "--sort" => r.sort = search::Sort::Newest,
            "--facets" => r.facets = value.split(',').filter_map(FacetKind::parse).collect(),
            _ => {}
        }
    }
    r.filters = filters;
    r
}
