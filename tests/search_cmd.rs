//! `lede index` and `lede search`: ranking, snippets, JSON records, exit
//! codes, and the first-use build of the default index.

use crate::util::{parse_search, Dir};

/// Three articles that mention clemency to different degrees, and one that does not.
fn small_archive(dir: &Dir) {
    dir.write(
        "corpus/strong.txt",
        "Governor weighs clemency for three inmates\n\nThe governor is weighing clemency petitions for three inmates, aides said. Clemency advocates, including Kim Kardashian, met with the governor's counsel on Friday.\n\nA decision on clemency is expected within weeks.\n",
    );
    dir.write(
        "corpus/passing.txt",
        "Budget talks stall at the statehouse\n\nLawmakers left the statehouse without a budget deal. The governor, who is also reviewing a clemency request, said talks would resume Monday.\n",
    );
    dir.write(
        "corpus/other.txt",
        "River festival draws record crowd\n\nMore than forty thousand people came to the river festival, organisers said, the most since it began.\n",
    );
    dir.write(
        "corpus/feed.jsonl",
        r#"{"title":"Pardon board schedules hearings","author":"Nia Hart","source":"Capitol Wire","date":"2021-02-01","text":"The pardon board scheduled hearings for March. Several applicants seek clemency after decades in prison, and Kardashian's advocacy group will testify."}"#,
    );
}

#[test]
fn first_search_builds_the_default_index_from_corpus() {
    let dir = Dir::new();
    small_archive(&dir);
    let run = dir.lede(&["search", "clemency Kardashian"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("building it from corpus/"),
        "{}",
        run.stderr
    );
    assert!(dir.join("index/meta.json").exists());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0], "1. Governor weighs clemency for three inmates",
        "{}",
        run.stdout
    );
    // Two articles have both words; fewer than a page, so those with one
    // of them follow (the search is relaxed, and says so).
    assert!(
        run.stdout
            .contains("3 matching articles with any of the words (2 with all), 3 shown"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );

    // The second search uses the index as it is.
    let again = dir.lede(&["search", "festival"]);
    again.expect_code(0);
    assert!(!again.stderr.contains("building"), "{}", again.stderr);
}

#[test]
fn json_stream_has_begin_hits_and_summary_with_valid_highlights() {
    let dir = Dir::new();
    small_archive(&dir);
    dir.lede(&["index", "corpus"]).expect_code(0);
    let run = dir.lede(&["search", "--json", "clemency"]);
    run.expect_code(0);
    let (begin, hits, summary) = parse_search(&run);
    assert_eq!(begin.query, "clemency");
    assert_eq!(begin.index, "index");
    assert_eq!(summary.total, 3);
    assert_eq!(summary.returned, 3);
    assert!(summary.elapsed_ms >= 0.0);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Governor weighs clemency for three inmates")
    );
    assert_eq!(hits.iter().map(|h| h.rank).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    for hit in &hits {
        assert!(!hit.snippets.is_empty(), "{hit:?}");
        for fragment in &hit.snippets {
            assert!(!fragment.highlights.is_empty(), "{hit:?}");
            for [start, end] in &fragment.highlights {
                assert_eq!(
                    fragment.text[*start..*end].to_lowercase(),
                    "clemency",
                    "{hit:?}"
                );
            }
        }
    }
    let strong = &hits[0];
    let [s, e] = strong.title_highlights[0];
    assert_eq!(&strong.title.as_deref().unwrap()[s..e], "clemency");
    let wire = hits
        .iter()
        .find(|h| h.outlet.as_deref() == Some("Capitol Wire"))
        .expect("jsonl article found");
    assert_eq!(wire.authors, ["Nia Hart"]);
    assert_eq!(wire.published.as_deref(), Some("2021-02-01"));
    assert!(wire.path.ends_with("feed.jsonl"));
}

#[test]
fn title_matches_rank_above_body_matches() {
    let dir = Dir::new();
    dir.write("c/title.txt", "Orchard harvest begins early\n\nFarmers started picking apples a week ahead of schedule this year because of the warm spring weather in the valley.\n");
    dir.write("c/body.txt", "County fair opens\n\nThe county fair opened with rides, a pie contest and a display about the orchard that supplies the school lunches.\n");
    dir.lede(&["index", "c", "--index", "ix"]).expect_code(0);
    let run = dir.lede(&["search", "--json", "orchard", "--index", "ix"]);
    let (_, hits, _) = parse_search(&run);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Orchard harvest begins early")
    );
}

#[test]
fn exit_codes_follow_grep() {
    let dir = Dir::new();
    small_archive(&dir);
    dir.lede(&["index", "corpus"]).expect_code(0);
    dir.lede(&["search", "clemency"]).expect_code(0);
    let none = dir.lede(&["search", "zeppelin"]);
    none.expect_code(1);
    assert!(
        none.stdout.contains("0 matching articles"),
        "{}",
        none.stdout
    );
    let (_, hits, summary) = parse_search(&dir.lede(&["search", "--json", "zeppelin"]));
    assert!(hits.is_empty());
    assert_eq!(summary.total, 0);
}

#[test]
fn bad_queries_are_errors_that_point_at_the_problem() {
    let dir = Dir::new();
    small_archive(&dir);
    dir.lede(&["index", "corpus"]).expect_code(0);
    let unknown = dir.lede(&["search", "headline:clemency"]);
    unknown.expect_code(2);
    assert!(
        unknown.stderr.contains("no field \"headline\""),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown.stderr.contains("title, dek, author, outlet, body"),
        "{}",
        unknown.stderr
    );
    let empty = dir.lede(&["search", "  "]);
    empty.expect_code(2);
    assert!(empty.stderr.contains("query is empty"), "{}", empty.stderr);
    assert!(!unknown.stderr.contains("panicked") && !empty.stderr.contains("panicked"));
}

#[test]
fn a_missing_index_is_an_error_with_advice() {
    let dir = Dir::new();
    let run = dir.lede(&["search", "clemency", "--index", "nowhere"]);
    run.expect_code(2);
    assert!(run.stderr.contains("no index at nowhere"), "{}", run.stderr);
    assert!(run.stderr.contains("lede index"), "{}", run.stderr);
}

#[test]
fn reindexing_replaces_articles_instead_of_duplicating_them() {
    let dir = Dir::new();
    small_archive(&dir);
    dir.lede(&["index", "corpus"]).expect_code(0);
    dir.lede(&["index", "corpus"]).expect_code(0);
    // The same file copied elsewhere is the same article.
    dir.write(
        "more/copy.txt",
        std::fs::read(dir.join("corpus/strong.txt")).unwrap(),
    );
    dir.lede(&["index", "more"]).expect_code(0);
    let (_, hits, summary) = parse_search(&dir.lede(&["search", "--json", "clemency"]));
    assert_eq!(summary.total, 3, "{hits:?}");
}

#[test]
fn index_summary_reports_counts_and_speed() {
    let dir = Dir::new();
    small_archive(&dir);
    dir.write("corpus/photo.jpg", [0xff, 0xd8, 0xff]);
    let run = dir.lede(&["index", "corpus"]);
    run.expect_code(0);
    let summary = run.stderr.lines().last().unwrap_or("");
    assert!(
        summary.starts_with("lede: indexed 4 articles from 4 files in "),
        "{summary}"
    );
    assert!(summary.contains("articles/s"), "{summary}");
    assert!(summary.contains("0 files skipped"), "{summary}");
    assert!(summary.contains("1 other file ignored"), "{summary}");
    assert!(dir.lede(&["index", "corpus", "-q"]).stderr.is_empty());
}

#[test]
fn help_documents_every_command_with_examples() {
    let dir = Dir::new();
    let top = dir.lede(&["--help"]);
    top.expect_code(0);
    for needle in ["index", "search", "extract", "Examples:", "Exit codes"] {
        assert!(
            top.stdout.contains(needle),
            "{needle:?} missing from --help:\n{}",
            top.stdout
        );
    }
    for cmd in ["index", "search", "extract"] {
        let help = dir.lede(&[cmd, "--help"]);
        help.expect_code(0);
        assert!(
            help.stdout.contains("Examples:"),
            "{cmd} --help:\n{}",
            help.stdout
        );
    }
}
