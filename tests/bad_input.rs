//! Bad input never panics, never stops a run and never loses indexed data:
//! each bad file gets one line on stderr, the summary counts it, exit code 3.

use crate::util::{parse_search, Dir};

#[test]
fn bad_files_are_skipped_with_one_line_each_and_counted() {
    let dir = Dir::new();
    dir.write("in/good.txt", "Library extends hours\n\nThe public library will stay open until nine on weeknights starting in May.\n");
    dir.write("in/empty.txt", "");
    dir.write(
        "in/binary.html",
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3, 0, 0],
    );
    dir.write("in/broken.json", "{\"title\": \"Unfinished");
    dir.write(
        "in/truncated.html.gz",
        [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2],
    );
    dir.write(
        "in/mixed.jsonl",
        "{\"title\":\"Ferry fares rise\",\"text\":\"Fares on the island ferry rise by a dollar in June.\"}\n{not json}\n{\"title\":\"Ferry adds night run\",\"text\":\"A late ferry will run on Fridays.\"}\n",
    );
    let run = dir.lede(&["index", "in"]);
    run.expect_code(3);
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("binary.html", "binary"),
        ("broken.json", "malformed JSON"),
        ("truncated.html.gz", "corrupt gzip"),
        ("mixed.jsonl", "line 2: invalid JSON"),
    ] {
        let lines: Vec<&str> = run.stderr.lines().filter(|l| l.contains(file)).collect();
        assert_eq!(lines.len(), 1, "one line for {file}:\n{}", run.stderr);
        assert!(lines[0].starts_with("lede: skipping "), "{}", lines[0]);
        assert!(
            lines[0].contains(reason),
            "{file}: wanted {reason:?} in {:?}",
            lines[0]
        );
    }
    let summary = run.stderr.lines().last().unwrap_or("");
    assert!(
        summary.contains("indexed 3 articles from 6 files"),
        "{summary}"
    );
    assert!(summary.contains("4 files skipped"), "{summary}");
    assert!(summary.contains("1 bad record skipped"), "{summary}");
    assert!(!run.stderr.contains("panicked"));

    let (_, hits, _) = parse_search(&dir.lede(&["search", "--json", "ferry"]));
    assert_eq!(hits.len(), 2);
}

#[test]
fn a_bad_run_does_not_lose_what_was_indexed_before() {
    let dir = Dir::new();
    dir.write(
        "a/good.txt",
        "Library extends hours\n\nThe public library will stay open until nine on weeknights.\n",
    );
    dir.lede(&["index", "a"]).expect_code(0);
    dir.write("b/bad.json", "[{\"title\": ");
    dir.lede(&["index", "b"]).expect_code(3);
    let run = dir.lede(&["search", "library"]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("1. Library extends hours"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_root_is_an_error_and_extract_reports_missing_files() {
    let dir = Dir::new();
    let run = dir.lede(&["index", "no-such-dir"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no-such-dir does not exist"),
        "{}",
        run.stderr
    );
    let run = dir.lede(&["extract", "nope.html"]);
    run.expect_code(3);
    assert!(
        run.stderr
            .contains("lede: skipping nope.html: no such file"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_index_directory_must_be_a_lede_index() {
    let dir = Dir::new();
    dir.write(
        "a/good.txt",
        "Library extends hours\n\nThe library stays open late.\n",
    );
    dir.write("notes/todo.txt", "my notes");
    let run = dir.lede(&["index", "a", "--index", "notes"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is not a lede index"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes/todo.txt")).unwrap(),
        "my notes"
    );
}
