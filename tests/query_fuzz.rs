//! The query language under random input, on stable Rust in every test run:
//! thousands of queries built from the grammar's pieces (words, phrases,
//! fields, brackets balanced or not, NOT/AND/OR/-/+, `~N`, `*`, `^boost`,
//! ranges, control characters), nested up to far past the limit, must each
//! give hits or a clear error, never a panic or a stack overflow. The same
//! generator's seeds are where `fuzz/fuzz_targets/query.rs` (cargo-fuzz,
//! nightly) starts from for long runs; the inputs in `fuzz/regressions/query/`
//! (every crash a fuzzer ever found, kept as a regression) are replayed too.

use lede::index::{open_or_create, Writer};
use lede::ingest::Source;
use lede::search::{Engine, SearchError, SearchRequest};

/// A small deterministic generator (xorshift64*), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "pardon",
    "clemency",
    "Kardashián",
    "governor",
    "ferry",
    "rathaus",
    "x",
    "a",
    "é",
    "日本",
    "\u{202e}evil",
    "\x1b[2J",
    "",
    "*",
    "~",
    "^",
    ":",
    "\\",
    "\"",
    "'",
    "-",
    "+",
    "!",
    "&&",
    "||",
];
const FIELDS: &[&str] = &[
    "title", "dek", "body", "author", "outlet", "nope", "TITLE", "",
];
const OPS: &[&str] = &["AND", "OR", "NOT", "-", "+", "&&", "||", "!", "IN"];

/// One random query: `depth` is how deep brackets and operators may nest.
fn query(rng: &mut Rng, depth: usize, out: &mut String) {
    match rng.below(12) {
        0 if depth > 0 => {
            out.push('(');
            query(rng, depth - 1, out);
            if rng.below(5) > 0 {
                out.push(')');
            }
        }
        1 if depth > 0 => {
            out.push_str(OPS[rng.below(OPS.len())]);
            out.push(' ');
            query(rng, depth - 1, out);
        }
        2 => {
            out.push('"');
            for _ in 0..rng.below(4) {
                out.push_str(WORDS[rng.below(WORDS.len())]);
                out.push(' ');
            }
            if rng.below(4) > 0 {
                out.push('"');
            }
            if rng.below(3) == 0 {
                out.push_str(&format!("~{}", rng.below(5)));
            }
        }
        3 => {
            out.push_str(FIELDS[rng.below(FIELDS.len())]);
            out.push(':');
            out.push_str(WORDS[rng.below(WORDS.len())]);
        }
        4 => {
            out.push_str(WORDS[rng.below(WORDS.len())]);
            out.push_str(&format!("~{}", rng.below(4)));
        }
        5 => {
            out.push_str(WORDS[rng.below(WORDS.len())]);
            out.push('*');
        }
        6 => {
            out.push_str(WORDS[rng.below(WORDS.len())]);
            out.push_str(&format!("^{}", rng.below(100) as f32 / 7.0));
        }
        7 => out.push_str(match rng.below(6) {
            0 => "title:[a TO m]",
            1 => "{b TO *]",
            2 => "body:/(a|b)*c{1,900}/",
            3 => "dek:*",
            4 => "outlet: IN [a b c]",
            _ => "published:[2020 TO 2021}",
        }),
        8 if depth > 0 => {
            for _ in 0..1 + rng.below(3) {
                query(rng, depth - 1, out);
                out.push(' ');
                out.push_str(OPS[rng.below(OPS.len())]);
                out.push(' ');
            }
            query(rng, depth - 1, out);
        }
        9 => out.push(char::from_u32(rng.below(0x300) as u32).unwrap_or('?')),
        _ => out.push_str(WORDS[rng.below(WORDS.len())]),
    }
    if rng.below(3) == 0 {
        out.push(' ');
    }
}

fn engine() -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let index = open_or_create(&dir.path().join("index"), false).unwrap();
    let mut writer = Writer::new(&index, 16 << 20).unwrap();
    for (name, text) in [
        ("a.txt", "Governor grants clemency\n\nThe governor granted clemency to three prisoners on Friday after the pardon board met.\n"),
        ("b.json", r#"{"title":"Rat billigt Vertrag","author":"Anna Weber","source":"Der Bote","date":"2021-03-04","lang":"de","text":"Der Rat hat am Dienstag den neuen Vertrag für das Rathaus gebilligt."}"#),
        ("c.txt", "Ferry fares rise\n\nFares on the island ferry rise by a dollar in June, Kardashián said.\n"),
    ] {
        for article in lede::extract::extract(&Source::from_text(name, text)).unwrap().articles {
            writer.add(&article).unwrap();
        }
    }
    writer.finish().unwrap();
    let engine = Engine::new(&index).unwrap();
    (dir, engine)
}

/// Runs one query; an error must be a query error with a message.
fn check(engine: &Engine, q: &str, fuzzy: u32) {
    let mut request = SearchRequest::new(q);
    request.fuzzy = fuzzy;
    request.facets = vec![lede::search::FacetKind::Outlet];
    match engine.search(&request) {
        Ok(results) => assert!(results.hits.len() <= results.total),
        Err(SearchError::Query(e)) => assert!(!e.to_string().is_empty()),
        Err(other) => panic!("query {q:?} failed as no query should: {other}"),
    }
}

#[test]
fn random_queries_give_hits_or_an_error_never_a_panic() {
    let (_dir, engine) = engine();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..4000 {
        let mut q = String::new();
        // Mostly shallow queries, some nested far past the limit.
        let depth = if i % 10 == 0 { 300 } else { 6 };
        query(&mut rng, depth, &mut q);
        check(&engine, &q, (i % 3) as u32);
    }
}

#[test]
fn fuzzer_regressions_replay() {
    let (_dir, engine) = engine();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/query");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions/query exists") {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(q) = std::str::from_utf8(&bytes) {
            check(&engine, q, (bytes.len() % 3) as u32);
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression input in {}", dir.display());
}
