//! The Quickwit back end through the real binary: an unreachable cluster
//! is a clear error (always run), and, against a live cluster, the same
//! indexing and searching as the local index gives the same articles,
//! counts, facets and timelines (`#[ignore]`d: run it with
//! `LEDE_TEST_QUICKWIT=http://127.0.0.1:7280 cargo test -- --ignored engine`).

use std::time::{Duration, Instant};

use crate::util::{lede_in, parse_stream, Dir};

#[test]
fn an_unreachable_cluster_is_a_clear_error_for_every_command() {
    let dir = Dir::new();
    dir.write(
        "news/a.txt",
        "Ferry fares rise\n\nFares on the island ferry rise in June.\n",
    );
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    for args in [
        vec!["search", "ferry", "--engine", &url],
        vec!["timeline", "ferry", "--engine", &url],
        vec!["stats", "--engine", &url],
        vec!["show", "0123456789abcdef", "--engine", &url],
        vec!["index", "news", "--engine", &url, "--index", "state"],
    ] {
        let run = lede_in(dir.path(), &args);
        run.expect_code(2);
        assert!(
            run.stderr.contains("cannot be reached"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    // Nothing was recorded as sent.
    assert!(!dir.join("state/engine-commit.json").exists());
    let bad = lede_in(
        dir.path(),
        &["search", "ferry", "--engine", "localhost:7280"],
    );
    bad.expect_code(2);
    assert!(bad.stderr.contains("not a cluster url"), "{}", bad.stderr);
}

/// The live cluster's url, from `LEDE_TEST_QUICKWIT`.
fn cluster() -> String {
    std::env::var("LEDE_TEST_QUICKWIT")
        .expect("set LEDE_TEST_QUICKWIT=http://HOST:7280 to run the live cluster tests")
}

/// Articles of the corpus, and edits to make after the first run.
fn corpus(dir: &Dir) {
    let stories = [
        ("a", "Governor grants clemency to three", "en", "2020-11-18", "The governor granted clemency to three prisoners after the pardon board met on Tuesday."),
        ("b", "Pardons rise in election year", "en", "2020-12-01", "Pardons granted by governors rose sharply in the election year, a study found."),
        ("c", "Ferry fares rise in June", "en", "2021-05-03", "Fares on the island ferry rise by a dollar in June, the operator said."),
        ("d", "Gouverneur begnadigt Häftlinge", "de", "2021-02-10", "Der Gouverneur hat drei Häftlinge begnadigt, teilte das Büro am Dienstag mit."),
        ("e", "Library extends hours", "en", "", "The public library will stay open until nine on weeknights, the board decided."),
    ];
    for (name, title, lang, date, body) in stories {
        dir.write(
            &format!("news/{name}.json"),
            serde_json::json!({"title": title, "lang": lang, "date": date, "author": "Ann Lee",
                "source": if name < "c" { "Capitol Wire" } else { "Valley Star" }, "text": body})
            .to_string(),
        );
    }
}

/// Runs a search on both back ends and returns (local, cluster) streams.
fn both(dir: &Dir, url: &str, index: &str, args: &[&str]) -> (String, String) {
    let mut local = args.to_vec();
    local.extend(["--index", "local"]);
    let mut remote = args.to_vec();
    remote.extend(["--engine", url, "--engine-index", index]);
    (
        lede_in(dir.path(), &local).stdout,
        lede_in(dir.path(), &remote).stdout,
    )
}

fn wait_for_count(dir: &Dir, url: &str, index: &str, want: &str) {
    let started = Instant::now();
    loop {
        let run = lede_in(
            dir.path(),
            &[
                "search",
                "*",
                "--count",
                "--engine",
                url,
                "--engine-index",
                index,
            ],
        );
        if run.stdout.trim() == want {
            return;
        }
        assert!(
            // Deletes wait for the split to mature (5 minutes), then for
            // the janitor's next pass (every minute).
            started.elapsed() < Duration::from_secs(600),
            "the cluster holds {} articles, not {want}: {}",
            run.stdout.trim(),
            run.stderr
        );
        std::thread::sleep(Duration::from_secs(5));
    }
}

#[test]
#[ignore = "needs a live Quickwit cluster: LEDE_TEST_QUICKWIT=http://127.0.0.1:7280"]
fn a_cluster_indexes_and_searches_as_the_local_index_does() {
    let url = cluster();
    let index = format!("lede-test-{}", std::process::id());
    let dir = Dir::new();
    corpus(&dir);
    lede_in(dir.path(), &["index", "news", "--index", "local", "-q"]).expect_code(0);
    lede_in(
        dir.path(),
        &[
            "index",
            "news",
            "--engine",
            &url,
            "--engine-index",
            &index,
            "--index",
            "state",
            "-q",
        ],
    )
    .expect_code(0);
    wait_for_count(&dir, &url, &index, "5");

    for query in [
        "pardons",
        "clemency OR ferry",
        "\"ferry fares\"",
        "title:rise",
        "gouverneur",
        "grant*",
    ] {
        let (local, remote) = both(
            &dir,
            &url,
            &index,
            &[
                "search",
                query,
                "--json",
                "--facets",
                "outlet,author,year,lang",
            ],
        );
        let ids = |s: &str| {
            let run = crate::util::Run {
                code: 0,
                stdout: s.to_string(),
                stderr: String::new(),
            };
            let stream = parse_stream(&run);
            let mut ids: Vec<String> = stream.hits.iter().map(|h| h.id.clone()).collect();
            ids.sort();
            (ids, stream.summary.total, format!("{:?}", stream.facets))
        };
        assert_eq!(ids(&local), ids(&remote), "{query}");
    }
    let (local, remote) = both(
        &dir,
        &url,
        &index,
        &[
            "timeline",
            "pardon OR ferry OR library",
            "--by",
            "month",
            "--json",
        ],
    );
    let buckets = |s: &str| {
        s.lines()
            .find(|l| l.contains("\"timeline\""))
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(buckets(&local), buckets(&remote));

    // A changed file and a deleted one: the re-run sends only those.
    dir.write("news/c.json", serde_json::json!({"title": "Ferry fares fall", "lang": "en", "text": "Fares on the island ferry fall in July."}).to_string());
    std::fs::remove_file(dir.join("news/e.json")).unwrap();
    let run = lede_in(
        dir.path(),
        &[
            "index",
            "--engine",
            &url,
            "--engine-index",
            &index,
            "--index",
            "state",
        ],
    );
    run.expect_code(0);
    assert!(
        run.stderr.contains("indexed 1 article from 1 file"),
        "{}",
        run.stderr
    );
    wait_for_count(&dir, &url, &index, "4");
    let (_, remote) = both(&dir, &url, &index, &["search", "fall", "--count"]);
    assert_eq!(remote.trim(), "1");

    // Cleaning up the test's index.
    let _ = std::process::Command::new("curl")
        .args([
            "-s",
            "-X",
            "DELETE",
            &format!("{url}/api/v1/indexes/{index}"),
        ])
        .output();
}
