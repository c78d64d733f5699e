//! Hostile input: symbolic links out of the roots, control characters in
//! file names and pages that would drive the terminal, queries built to
//! exhaust the stack or the memory, and writes outside the index.

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::{lede_in, parse_search, Dir};

const STORY: &str = "Harbour wall repaired\n\nThe harbour wall was repaired over the winter, \
                     and the ferry will dock there again from March, the port said.\n";

#[cfg(unix)]
#[test]
fn links_out_of_the_roots_are_not_indexed_unless_follow_is_given() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new();
    dir.write("archive/2021/wall.txt", STORY);
    dir.write(
        "private/diary.txt",
        "Private diary\n\nThe combination of the safe is written on the back of the clock.\n",
    );
    symlink(dir.join("private"), dir.join("archive/private-notes")).unwrap();
    symlink(dir.join("archive/2021"), dir.join("archive/latest")).unwrap();

    let run = lede_in(dir.path(), &["index", "archive", "--index", "idx"]);
    run.expect_code(3);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("private-notes"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(lines[0].contains("--follow"), "{}", lines[0]);
    let count = |q: &str| {
        lede_in(dir.path(), &["search", q, "--count", "--index", "idx"])
            .stdout
            .trim()
            .to_string()
    };
    assert_eq!(count("combination"), "0", "the private file stays out");
    assert_eq!(count("harbour"), "1", "a link inside the root is followed");

    lede_in(
        dir.path(),
        &["index", "archive", "--index", "idx", "--follow"],
    )
    .expect_code(0);
    assert_eq!(count("combination"), "1");
    // Without --follow again, what the link led to leaves the index.
    lede_in(dir.path(), &["index", "archive", "--index", "idx"]).expect_code(3);
    assert_eq!(count("combination"), "0");
}

#[cfg(unix)]
#[test]
fn control_characters_in_names_and_pages_never_reach_the_terminal_raw() {
    let dir = Dir::new();
    // A file name that would forge a line of lede's output, and an empty
    // file so that the name is printed on a skip line.
    dir.write("in/evil\nlede: indexed 999 articles\x1b[2J.txt", "");
    dir.write(
        "in/page.html",
        "<html><head><title>Ferry news</title></head><body><article>\
         <h1>Ferry \u{1b}]0;pwned\u{7} timetable</h1>\
         <p>The ferry timetable changes in spring, with an extra crossing on \
         Saturdays and an earlier one on weekdays, the operator said.</p>\
         </article></body></html>",
    );
    dir.write(
        "in/feed.jsonl",
        "{\"title\":\"Ferry fares\",\"url\":\"https://x.example/fares\\u001b[2J\\u001b]0;pwned\\u0007\",\
         \"text\":\"Ferry fares rise by a dollar in June, the operator said on Monday.\"}\n",
    );
    let run = lede_in(dir.path(), &["index", "in", "--index", "idx"]);
    run.expect_code(3);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    let forged = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("lede: indexed 999"))
        .count();
    assert_eq!(forged, 0, "a file name forged a line: {:?}", run.stderr);
    assert!(
        run.stderr
            .contains("evil\\nlede: indexed 999 articles\\x1b[2J.txt"),
        "{:?}",
        run.stderr
    );

    for args in [
        vec!["search", "ferry", "--index", "idx", "--color", "never"],
        vec!["extract", "in/page.html"],
        vec!["extract", "in/feed.jsonl"],
    ] {
        let run = lede_in(dir.path(), &args);
        assert!(
            !run.stdout.contains('\x1b') && !run.stdout.contains('\x07'),
            "{args:?}: {:?}",
            run.stdout
        );
    }
    // JSON keeps the characters, escaped by JSON itself.
    let run = lede_in(dir.path(), &["search", "fares", "--json", "--index", "idx"]);
    assert!(!run.stdout.contains('\x1b'));
    let (_, hits, _) = parse_search(&run);
    assert!(hits[0].url.as_deref().unwrap_or("").contains('\x1b'));
}

#[test]
fn queries_built_to_exhaust_the_machine_are_refused_with_the_limit() {
    let dir = Dir::new();
    dir.write("in/a.txt", STORY);
    lede_in(dir.path(), &["index", "in", "--index", "idx", "-q"]).expect_code(0);
    let nested = format!("{}harbour{}", "(".repeat(9000), ")".repeat(9000));
    let unbalanced = format!("{}harbour", "(".repeat(10_000));
    let nots = format!("{}harbour", "NOT ".repeat(10_000));
    let fuzzy: Vec<String> = (0..1000).map(|i| format!("word{i}~2")).collect();
    let fuzzy = fuzzy.join(" OR ");
    for query in [&nested, &unbalanced, &nots, &fuzzy] {
        let run = lede_in(dir.path(), &["search", query, "--index", "idx"]);
        run.expect_code(2);
        assert!(run.stderr.contains("too complex"), "{}", run.stderr);
        assert!(run.stderr.lines().count() <= 2, "{}", run.stderr);
    }
    for (flag, value) in [
        ("--limit", "1000000000"),
        ("--offset", "1000000000"),
        ("--offset", "4611686018427387904"),
        ("--offset", "9223372036854775807"),
        ("--limit", "18446744073709551615"),
    ] {
        let run = lede_in(
            dir.path(),
            &["search", "harbour", flag, value, "--json", "--index", "idx"],
        );
        let (_, hits, summary) = parse_search(&run);
        assert_eq!(summary.total, 1, "{flag} {value}");
        if flag == "--limit" {
            run.expect_code(0);
            assert_eq!(hits.len(), 1);
        } else {
            run.expect_code(1);
            assert!(hits.is_empty());
        }
    }
    // --limit 0 prints no hit but succeeds when something matched.
    let run = lede_in(
        dir.path(),
        &[
            "search", "harbour", "--limit", "0", "--json", "--index", "idx",
        ],
    );
    run.expect_code(0);
    let run = lede_in(
        dir.path(),
        &["search", "zeppelin", "--limit", "0", "--index", "idx"],
    );
    run.expect_code(1);
    // An unknown language is an error naming the codes lede stems.
    let run = lede_in(
        dir.path(),
        &["search", "harbour", "--lang", "zzzz", "--index", "idx"],
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("\"zzzz\"") && run.stderr.contains("en, "),
        "{}",
        run.stderr
    );
    lede_in(
        dir.path(),
        &["search", "harbour", "--lang", "EN-gb", "--index", "idx"],
    )
    .expect_code(0);
}

/// Every file under `root`, with its size and modification time.
fn snapshot(root: &Path, skip: &Path) -> BTreeSet<(String, u64, std::time::SystemTime)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.path() != skip)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            (
                e.path().display().to_string(),
                m.len(),
                m.modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn nothing_is_written_outside_the_index_directory() {
    let dir = Dir::new();
    for i in 0..20 {
        dir.write(
            &format!("in/{i}.txt"),
            format!("Story {i}\n\nThe text of story {i} is here.\n"),
        );
    }
    dir.write("in/bad.json", "{ broken");
    let before = snapshot(dir.path(), &dir.join("idx"));
    for args in [
        vec!["index", "in", "--index", "idx", "-q"],
        vec!["index", "--index", "idx", "-q"],
        vec!["search", "story", "--index", "idx"],
        vec!["check", "--index", "idx"],
        vec!["index", "--full", "in", "--index", "idx", "-q"],
    ] {
        lede_in(dir.path(), &args);
    }
    assert_eq!(snapshot(dir.path(), &dir.join("idx")), before);
}
