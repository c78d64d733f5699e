//! Acceptance on the real public data in ../shared/data (read from there,
//! never copied): the seed article, the BBC set and the Reuters set.

use std::collections::HashMap;

use crate::util::{lede_in, parse_search, shared_data, ArticleJson, Dir};

fn extract_json(path: &std::path::Path) -> Vec<ArticleJson> {
    let run = lede_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["extract", "--json", path.to_str().unwrap()],
    );
    run.expect_code(0);
    run.json_lines()
}

#[test]
fn seed_article_fields_and_clean_body() {
    let seed = shared_data("seed/000_302393db9f3fea9b.txt");
    let articles = extract_json(&seed);
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Why Donald Trump Hung Up on Kim Kardashian, New Book Claims")
    );
    assert_eq!(a.authors, ["Lia Beck"]);
    assert_eq!(a.outlet.as_deref(), Some("Best Life"));
    assert_eq!(a.published, None);
    assert_eq!(
        a.dek.as_deref(),
        Some("They were working together... until he took offense about two things.")
    );
    assert!(
        a.body.starts_with("During Donald Trump's presidency"),
        "{}",
        a.body
    );
    assert!(
        a.body.ends_with(
            "Best Life has reached out to Kardashian and Trump for comment on Karl's new book."
        ),
        "{}",
        a.body
    );
    for junk in [
        "Skip to content",
        "RELATED:",
        "For more celebrity news",
        "Filed Under",
        "Lia Beck is a writer",
        "MANDEL NGAN",
        "Getty Images",
        "alongside Donald Trump in 2019",
    ] {
        assert!(!a.body.contains(junk), "{junk:?} in body");
    }
}

#[test]
fn seed_ranks_first_for_clemency_kardashian_among_bbc() {
    let dir = Dir::new();
    let ix = dir.join("ix");
    let run = lede_in(
        dir.path(),
        &[
            "index",
            shared_data("seed").to_str().unwrap(),
            shared_data("bbc").to_str().unwrap(),
            "--index",
            ix.to_str().unwrap(),
        ],
    );
    run.expect_code(0);
    let search = dir.lede(&[
        "search",
        "--json",
        "clemency Kardashian",
        "--index",
        ix.to_str().unwrap(),
    ]);
    search.expect_code(0);
    let (_, hits, _) = parse_search(&search);
    assert!(
        hits[0].path.ends_with("seed/000_302393db9f3fea9b.txt"),
        "{hits:?}"
    );
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Why Donald Trump Hung Up on Kim Kardashian, New Book Claims")
    );
    assert!(!hits[0].snippets.is_empty());
    assert!(hits[0].snippets.iter().all(|f| !f.highlights.is_empty()));
}

#[test]
fn every_bbc_file_is_titled_by_its_first_line() {
    let bbc = shared_data("bbc");
    let articles = extract_json(&bbc);
    let by_path: HashMap<&str, &ArticleJson> =
        articles.iter().map(|a| (a.path.as_str(), a)).collect();
    let mut checked = 0;
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        for entry in std::fs::read_dir(bbc.join(topic)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let text = match String::from_utf8(bytes.clone()) {
                Ok(t) => t,
                Err(_) => bytes.iter().map(|&b| b as char).collect(), // Latin-1
            };
            // Titles are whitespace-normalized, like every extracted field.
            let first = text
                .lines()
                .next()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let a = by_path
                .get(path.to_str().unwrap())
                .unwrap_or_else(|| panic!("no article from {}", path.display()));
            assert_eq!(
                a.title.as_deref(),
                Some(first.as_str()),
                "{}",
                path.display()
            );
            assert!(!a.body.is_empty(), "{}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 2225);
    let latin1 = by_path[bbc.join("sport/199.txt").to_str().unwrap()];
    assert!(latin1.body.contains('£'), "{}", latin1.body);
    assert!(!latin1.body.contains('\u{fffd}'));
}

#[test]
fn every_reuters_record_is_an_article_with_its_fields() {
    let reuters = shared_data("reuters");
    let articles = extract_json(&reuters);
    assert_eq!(articles.len(), 21_578);
    let mut i = 0;
    let mut files: Vec<_> = std::fs::read_dir(&reuters)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let src: serde_json::Value = serde_json::from_str(line).unwrap();
            let a = &articles[i];
            i += 1;
            let title = src["title"].as_str().unwrap_or("").trim();
            assert_eq!(a.title.is_some(), !title.is_empty(), "{line}");
            let body = src["body"].as_str().unwrap_or("");
            assert_eq!(a.body.is_empty(), body.trim().is_empty(), "{line}");
            if src["date"].as_str().is_some_and(|d| !d.trim().is_empty()) {
                let date = a
                    .published
                    .as_deref()
                    .unwrap_or_else(|| panic!("no date: {line}"));
                assert!(date.starts_with("1987-"), "{date}");
            }
            assert_eq!(a.outlet.as_deref(), Some("Reuters"));
        }
    }
}
