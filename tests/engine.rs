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

/// A request a fake cluster received: method, path, body.
type Seen = std::sync::Arc<std::sync::Mutex<Vec<(String, String, String)>>>;
/// Set while a fake cluster refuses ingests.
type Refuse = std::sync::Arc<std::sync::atomic::AtomicBool>;

/// A stand-in for a Quickwit cluster on a loopback port: it answers what
/// `lede index` asks (the index exists and is empty, ingests and delete
/// tasks succeed, or ingests are refused while `Refuse` is set) and records
/// every request. Returns its url.
fn fake_cluster() -> (String, Seen, Refuse) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Default::default();
    let log = seen.clone();
    let refuse = Refuse::default();
    let refusing = refuse.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or("").to_string();
            let path = parts.next().unwrap_or("").to_string();
            let mut length = 0;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = header.split_once(':') {
                    if k.eq_ignore_ascii_case("content-length") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let body = String::from_utf8_lossy(&body).into_owned();
            let (status, answer) = if path.contains("/ingest") {
                if refusing.load(std::sync::atomic::Ordering::SeqCst) {
                    (
                        "400 Bad Request",
                        r#"{"message":"refused for the test"}"#.to_string(),
                    )
                } else {
                    let docs = body.lines().filter(|l| !l.trim().is_empty()).count();
                    (
                        "200 OK",
                        format!(r#"{{"num_docs_for_processing":{docs},"num_rejected_docs":0}}"#),
                    )
                }
            } else if path.contains("_search") {
                (
                    "200 OK",
                    r#"{"hits":{"total":{"value":0},"hits":[]}}"#.to_string(),
                )
            } else {
                ("200 OK", r#"{"version":"0.9.0"}"#.to_string())
            };
            log.lock().unwrap().push((method, path, body));
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (url, seen, refuse)
}

#[test]
fn an_interrupted_cluster_run_is_withdrawn_by_the_next() {
    let dir = Dir::new();
    dir.write(
        "news/a.txt",
        "Ferry fares rise\n\nFares on the island ferry rise by a dollar in June.\n",
    );
    // A refused batch stops the run before anything is recorded, and the
    // ids it sent are in the journal.
    let (url, seen, refuse) = fake_cluster();
    refuse.store(true, std::sync::atomic::Ordering::SeqCst);
    let run = lede_in(
        dir.path(),
        &["index", "news", "--engine", &url, "--index", "state"],
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("refused for the test"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("state/engine-commit.json").exists());
    let journal = std::fs::read_to_string(dir.join("state/engine-inflight")).unwrap();
    let ids: Vec<&str> = journal.lines().collect();
    assert_eq!(ids.len(), 1, "{journal}");
    // As a killed run would have left it, long enough ago that what it
    // sent is published.
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .append(true)
        .open(dir.join("state/engine-inflight"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    // The next run deletes those ids before it sends anything, sends the
    // file again, and records it.
    refuse.store(false, std::sync::atomic::Ordering::SeqCst);
    seen.lock().unwrap().clear();
    let run = lede_in(
        dir.path(),
        &["index", "news", "--engine", &url, "--index", "state"],
    );
    run.expect_code(0);
    let seen = seen.lock().unwrap();
    let delete = seen
        .iter()
        .position(|(m, p, b)| m == "POST" && p.ends_with("/delete-tasks") && b.contains(ids[0]))
        .unwrap_or_else(|| panic!("no delete task for {}: {seen:?}", ids[0]));
    let ingest = seen
        .iter()
        .position(|(_, p, b)| p.contains("/ingest") && b.contains(ids[0]))
        .unwrap_or_else(|| panic!("the file was not sent again: {seen:?}"));
    assert!(delete < ingest, "{seen:?}");
    assert!(!dir.join("state/engine-inflight").exists());
    assert!(dir.join("state/engine-commit.json").exists());
}

#[test]
fn lede_serve_searches_a_cluster() {
    use lede::serve::{ServeOptions, Server, Source};
    let (url, seen, _) = fake_cluster();
    let server = Server::bind(&ServeOptions {
        source: Source::Cluster {
            url: url.clone(),
            index: "lede".into(),
        },
        addr: "127.0.0.1:0".parse().unwrap(),
        now: None,
    })
    .unwrap();
    let addr = server.local_addr().unwrap();
    let stop = server.stop_handle();
    let running = std::thread::spawn(move || server.run(false));
    let mut answer = ureq3::get(&format!("http://{addr}/api/search?q=ferry&match=all"))
        .call()
        .unwrap();
    let body = answer.body_mut().read_to_string().unwrap();
    let begin: serde_json::Value = serde_json::from_str(body.lines().next().unwrap()).unwrap();
    assert_eq!(begin["data"]["index"], format!("{url}/lede"), "{body}");
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .any(|(_, p, b)| p == "/api/v1/_elastic/lede/_search" && b.contains("ferry")),
        "the search did not reach the cluster"
    );
    // A bad query is the same 400 as on a local index.
    let bad = ureq3::get(&format!("http://{addr}/api/search?q=%22unclosed")).call();
    assert!(matches!(bad, Err(ureq3::Error::StatusCode(400))), "{bad:?}");
    stop.stop();
    running.join().unwrap().unwrap();
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
