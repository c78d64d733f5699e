//! `lede serve`'s API, over real HTTP on loopback: every endpoint answers
//! what the command line prints for the same search (byte for byte, but
//! for timings), every error status with the command line's message, the
//! security headers, the Host check, reloading after `lede index`, and the
//! `serve` command itself. `lede search --csv` and `lede batch` are tested
//! here too, beside the endpoints that share their printers.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use lede::serve::{ServeOptions, Server, Source, StopHandle};

use crate::util::{lede_env, Dir, Run};

/// "Now" for the server and the command line alike.
pub const NOW: &str = "2024-06-01";

/// A server on a free loopback port, stopped when dropped.
pub struct Served {
    pub base: String,
    stop: StopHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    pub fn start(index: &Path) -> Served {
        let server = Server::bind(&ServeOptions {
            source: Source::Index(index.to_path_buf()),
            addr: "127.0.0.1:0".parse().unwrap(),
            now: lede::search::params::fixed_now(Some(NOW)).unwrap(),
        })
        .expect("start the server");
        let base = format!("http://{}", server.local_addr().unwrap());
        let stop = server.stop_handle();
        let thread = std::thread::spawn(move || server.run(false).expect("serve"));
        Served {
            base,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `error` of a JSON error body.
    pub fn error(&self) -> String {
        let v: serde_json::Value = serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("error body is not JSON ({e}): {}", self.body));
        v["error"].as_str().expect("an error message").to_string()
    }

    #[track_caller]
    pub fn expect(&self, status: u16) -> &Answer {
        assert_eq!(self.status, status, "\n--- body:\n{}", self.body);
        self
    }
}

fn agent() -> ureq3::Agent {
    ureq3::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(mut response: ureq3::http::Response<ureq3::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .expect("read the body");
    Answer {
        status,
        headers,
        body,
    }
}

pub fn get(url: &str) -> Answer {
    answer(agent().get(url).call().expect("GET"))
}

fn get_with(url: &str, header: (&str, &str)) -> Answer {
    answer(
        agent()
            .get(url)
            .header(header.0, header.1)
            .call()
            .expect("GET"),
    )
}

fn post(url: &str, body: &str) -> Answer {
    answer(
        agent()
            .post(url)
            .content_type("text/plain")
            .send(body)
            .expect("POST"),
    )
}

/// The sample corpus indexed once for these tests, and its server.
struct Fixture {
    dir: Dir,
    server: Served,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = Dir::new();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let run = lede_env(
            dir.path(),
            &["index", corpus.to_str().unwrap(), "--index", "idx", "-q"],
            &[],
        );
        assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
        let server = Served::start(&dir.join("idx"));
        Fixture { dir, server }
    })
}

fn index() -> PathBuf {
    fixture().dir.join("idx")
}

/// `lede ARGS --index IDX` in the fixture at [`NOW`].
fn cli(args: &[&str]) -> Run {
    let idx = index();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--index", idx.to_str().unwrap()]);
    lede_env(fixture().dir.path(), &all, &[("LEDE_NOW", NOW)])
}

fn api(path_and_query: &str) -> Answer {
    get(&fixture().server.url(path_and_query))
}

/// JSON Lines with every `elapsed_ms` set to 0 (timings differ run to run).
fn untimed(text: &str) -> String {
    text.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            if let Some(ms) = v.pointer_mut("/data/elapsed_ms") {
                *ms = 0.into();
            }
            v.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The message a failed run prints after `lede: error: `.
fn cli_error(run: &Run) -> String {
    run.stderr
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("lede: error: "))
        .unwrap_or_else(|| panic!("no error line: {}", run.stderr))
        .to_string()
}

#[test]
fn search_answers_the_cli_json_stream() {
    let cases: &[(&str, &[&str])] = &[
        (
            "q=clemency+Kardashian&limit=1&snippets=1&facets=outlet,year",
            &["clemency Kardashian", "--limit", "1", "--snippets", "1", "--facets", "outlet,year"],
        ),
        (
            "q=clemency&outlet=Riverbend+Post&outlet=capitol+wire+service&since=2020&until=2021-06&sort=newest&collapse=false",
            &["clemency", "--outlet", "Riverbend Post", "--outlet", "capitol wire service",
              "--since", "2020", "--until", "2021-06", "--sort", "newest", "--no-collapse"],
        ),
        (
            "q=pardon+OR+clemency&lang=en&recency=180d&offset=2&limit=3&facets=author&facets=lang",
            &["pardon OR clemency", "--lang", "en", "--recency", "180d", "--offset", "2",
              "--limit", "3", "--facets", "author,lang"],
        ),
        ("q=kardashain~1&fuzzy=1&snippets=0", &["kardashain~1", "--fuzzy", "1", "--snippets", "0"]),
        ("q=nosuchwordanywhere", &["nosuchwordanywhere"]),
    ];
    for (query, args) in cases {
        let answer = api(&format!("/api/search?{query}"));
        answer.expect(200);
        assert_eq!(answer.header("content-type"), Some("application/x-ndjson"));
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        let run = cli(&all);
        assert!(run.code <= 1, "{}", run.stderr);
        assert_eq!(untimed(&answer.body), untimed(&run.stdout), "?{query}");
    }
}

#[test]
fn timeline_stats_and_article_answer_what_the_cli_prints() {
    let answer = api("/api/timeline?q=clemency+OR+pardon&by=year&since=2019");
    answer.expect(200);
    let run = cli(&[
        "timeline",
        "clemency OR pardon",
        "--by",
        "year",
        "--since",
        "2019",
        "--json",
    ]);
    assert_eq!(untimed(&answer.body), untimed(&run.stdout));
    assert_eq!(
        untimed(&api("/api/timeline?q=clemency").expect(200).body),
        untimed(&cli(&["timeline", "clemency", "--json"]).stdout),
        "by month when not given"
    );

    let answer = api("/api/stats");
    answer.expect(200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.body, cli(&["stats", "--json"]).stdout);

    let id = "14c0337c84ad4cd7";
    let answer = api(&format!("/api/article/{id}"));
    answer.expect(200);
    assert_eq!(answer.body, cli(&["show", id, "--json"]).stdout);
}

#[test]
fn the_article_view_marks_the_query_and_names_the_copies() {
    let answer = api("/api/article/14c0337c84ad4cd7/view?q=clemency+Kardashian");
    answer.expect(200);
    let v: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let body = v["article"]["body"].as_str().unwrap();
    let marks = v["body_highlights"].as_array().unwrap();
    assert!(marks.len() >= 2, "{marks:?}");
    for m in marks {
        let (s, e) = (
            m[0].as_u64().unwrap() as usize,
            m[1].as_u64().unwrap() as usize,
        );
        let word = body[s..e].to_lowercase();
        assert!(
            word.contains("clemency") || word.contains("kardashian"),
            "{word}"
        );
    }
    let title = v["article"]["title"].as_str().unwrap();
    let [s, e] = [0, 1].map(|i| v["title_highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&title[s..e], "Clemency");
    assert_eq!(v["duplicates"][0]["outlet"], "Capitol Wire Service");
    // Without a query: the article and its copies, nothing marked.
    let plain: serde_json::Value =
        serde_json::from_str(&api("/api/article/14c0337c84ad4cd7/view").expect(200).body).unwrap();
    assert_eq!(plain["body_highlights"].as_array().unwrap().len(), 0);
    assert_eq!(plain["duplicates"], v["duplicates"]);
}

#[test]
fn bad_input_is_a_400_with_the_cli_message_and_never_a_500() {
    // (URL, the same search on the command line)
    let shared: &[(&str, &[&str])] = &[
        (
            "/api/search?q=x&since=last+tuesday",
            &["search", "x", "--since", "last tuesday"],
        ),
        (
            "/api/search?q=x&lang=english",
            &["search", "x", "--lang", "english"],
        ),
        (
            "/api/search?q=x&facets=colour",
            &["search", "x", "--facets", "colour"],
        ),
        (
            "/api/search?q=x&recency=soon",
            &["search", "x", "--recency", "soon"],
        ),
        (
            "/api/search?q=x&since=2021&until=2020",
            &["search", "x", "--since", "2021", "--until", "2020"],
        ),
        ("/api/search?q=", &["search", ""]),
        ("/api/search", &["search", " "]),
        ("/api/search?q=nosuchfield:x", &["search", "nosuchfield:x"]),
        ("/api/search?q=dek:*", &["search", "dek:*"]),
        (
            "/api/search.csv?q=x&until=2020-13",
            &["search", "x", "--until", "2020-13", "--csv"],
        ),
        ("/api/timeline?q=title:", &["timeline", "title:"]),
    ];
    for (url, args) in shared {
        let answer = api(url);
        let run = cli(args);
        run.expect_code(2);
        assert_eq!(
            (answer.status, answer.error()),
            (400, cli_error(&run)),
            "{url}"
        );
    }
    let nested = format!("/api/search?q={}x{}", "(".repeat(70), ")".repeat(70));
    let answer = api(&nested);
    assert_eq!(answer.status, 400);
    assert!(
        answer.error().starts_with("the query is too complex"),
        "{}",
        answer.error()
    );

    // The server's own parameters.
    for (url, message) in [
        ("/api/search?q=x&outlets=a", "unknown parameter \"outlets\""),
        (
            "/api/search?q=x&limit=ten",
            "invalid value \"ten\" for limit: give a whole number",
        ),
        ("/api/search?q=x&limit=-1", "invalid value \"-1\" for limit"),
        (
            "/api/search?q=x&limit=5000",
            "limit 5000 is more than one page holds (1000)",
        ),
        (
            "/api/search?q=x&sort=best",
            "invalid value \"best\" for sort",
        ),
        ("/api/search?q=x&fuzzy=3", "invalid value \"3\" for fuzzy"),
        ("/api/search?q=x&q=y", "parameter \"q\" is given 2 times"),
        (
            "/api/search.csv?q=x&all=true&limit=3",
            "all=true asks for every match",
        ),
        (
            "/api/timeline?q=x&by=decade",
            "invalid value \"decade\" for by",
        ),
    ] {
        let answer = api(url);
        assert_eq!(answer.status, 400, "{url}: {}", answer.body);
        assert!(
            answer.error().starts_with(message),
            "{url}: {}",
            answer.error()
        );
    }
    let huge = api(&format!("/api/search?q=x&offset={}", u64::MAX));
    huge.expect(200);

    let answer = api("/api/article/0000000000000000");
    answer.expect(404);
    let run = cli(&["show", "0000000000000000"]);
    run.expect_code(1);
    assert!(answer
        .error()
        .starts_with("no article with id \"0000000000000000\""));
    assert!(run
        .stderr
        .contains("no article with id \"0000000000000000\""));
    api("/api/article/a%2Fb%2F..%2F..%2Fetc").expect(404);
    api("/api/article/x/view?q=clemency").expect(404);
    api("/api/nothing").expect(404);
    assert_eq!(
        answer_status(
            agent()
                .post(&fixture().server.url("/api/search?q=x"))
                .send("")
        ),
        405
    );
}

fn answer_status(r: Result<ureq3::http::Response<ureq3::Body>, ureq3::Error>) -> u16 {
    r.expect("a response").status().as_u16()
}

#[test]
fn csv_is_the_cli_csv_streamed_with_formulas_neutralized() {
    let answer = api("/api/search.csv?q=said&all=true&sort=oldest");
    answer.expect(200);
    assert_eq!(
        answer.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        answer.header("content-disposition"),
        Some("attachment; filename=\"lede-said.csv\"")
    );
    assert_eq!(
        answer.header("transfer-encoding"),
        Some("chunked"),
        "streamed"
    );
    let run = cli(&["search", "said", "--csv", "--all", "--sort", "oldest"]);
    run.expect_code(0);
    assert_eq!(answer.body, run.stdout);

    // Read back as a spreadsheet would: every match (copies collapsed), in order.
    let mut reader = csv::Reader::from_reader(answer.body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "rank",
            "score",
            "id",
            "title",
            "authors",
            "outlet",
            "published",
            "lang",
            "url",
            "path",
            "snippet"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let json = cli(&[
        "search", "said", "--json", "--limit", "1000", "--sort", "oldest",
    ]);
    let ids: Vec<String> = crate::util::parse_search(&json)
        .1
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(
        rows.iter().map(|r| r[2].to_string()).collect::<Vec<_>>(),
        ids
    );
    assert!(rows.len() > 30, "all matches, not a page: {}", rows.len());

    // A page by default, as `lede search --csv`.
    let page = api("/api/search.csv?q=clemency+OR+pardon&limit=2&offset=1");
    assert_eq!(
        page.body,
        cli(&[
            "search",
            "clemency OR pardon",
            "--csv",
            "--limit",
            "2",
            "--offset",
            "1"
        ])
        .stdout
    );
    assert_eq!(
        csv::Reader::from_reader(page.body.as_bytes())
            .records()
            .count(),
        2
    );
}

#[test]
fn batch_answers_counts_and_hits_like_lede_batch() {
    let queries = "# people\nKardashian\nWhitcomb\t\"Dana Whitcomb\"\nnosuchwordanywhere\n";
    let file = fixture().dir.write("queries.txt", queries);
    let server = &fixture().server;

    let answer = post(
        &server.url("/api/batch?since=2019&outlet=Riverbend+Post&outlet=Capitol+Wire+Service"),
        queries,
    );
    answer.expect(200);
    assert_eq!(answer.header("content-type"), Some("application/x-ndjson"));
    let records: Vec<serde_json::Value> = answer
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"));
    assert_eq!(kinds.last(), Some(&"summary"));
    let named: Vec<(&str, u64)> = records
        .iter()
        .filter(|r| r["type"] == "query")
        .map(|r| {
            (
                r["data"]["name"].as_str().unwrap(),
                r["data"]["total"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(named[0].0, "Kardashian");
    assert_eq!(named[1].0, "Whitcomb");
    assert_eq!(named[2], ("nosuchwordanywhere", 0));
    assert!(named[0].1 >= 1 && named[1].1 >= 1, "{named:?}");
    for hit in records.iter().filter(|r| r["type"] == "hit") {
        assert!(["Kardashian", "Whitcomb"].contains(&hit["data"]["query"].as_str().unwrap()));
        assert!(["Riverbend Post", "Capitol Wire Service"]
            .contains(&hit["data"]["outlet"].as_str().unwrap()));
    }

    // CSV over HTTP is `lede batch -o - --format csv`, byte for byte.
    let answer = post(
        &server.url("/api/batch?format=csv&since=2019&limit=1"),
        queries,
    );
    answer.expect(200);
    let out = fixture().dir.join("hits.csv");
    let run = cli(&[
        "batch",
        file.to_str().unwrap(),
        "--since",
        "2019",
        "-n",
        "1",
        "-o",
        out.to_str().unwrap(),
    ]);
    run.expect_code(0);
    assert_eq!(answer.body, std::fs::read_to_string(&out).unwrap());
    assert!(
        answer.body.starts_with("query,rank,score,id,"),
        "{}",
        answer.body
    );
    assert!(
        run.stdout.contains("3 queries, 2 matched"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Whitcomb: \"Dana Whitcomb\""),
        "{}",
        run.stdout
    );

    // Bad queries: every bad line named, nothing run, the CLI's message.
    let bad = "ok\ntitle:\nnosuchfield:x\n";
    let answer = post(&server.url("/api/batch"), bad);
    answer.expect(400);
    let badfile = fixture().dir.write("bad.txt", bad);
    let run = cli(&["batch", badfile.to_str().unwrap()]);
    run.expect_code(2);
    let lines: Vec<String> = answer.error().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (n, line) in [2, 3].iter().zip(&lines) {
        let message = line.strip_prefix(&format!("line {n}: ")).unwrap();
        assert!(
            run.stderr.contains(&format!("bad.txt:{n}: {message}\n")),
            "{}",
            run.stderr
        );
    }
    post(&server.url("/api/batch"), "# nothing\n").expect(400);
    post(&server.url("/api/batch?q=x"), "x").expect(400);
    post(&server.url("/api/batch?format=xml"), "x").expect(400);
    post(
        &server.url("/api/batch"),
        &"x\n".repeat(lede::batch::MAX_QUERIES + 1),
    )
    .expect(400);
}

#[test]
fn every_response_forbids_inline_script_and_foreign_hosts_are_refused() {
    for path in [
        "/",
        "/article/14c0337c84ad4cd7",
        "/assets/app.js",
        "/api/search?q=x",
        "/api/nothing",
    ] {
        let answer = api(path);
        let csp = answer.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
    }
    let page = api("/");
    page.expect(200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        !page.body.contains("<script>") && page.body.contains("<script src=\"/assets/app.js\"")
    );
    let script = api("/assets/app.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        !script.body.contains("innerHTML"),
        "the page sets data as text only"
    );
    let etag = script.header("etag").unwrap().to_string();
    let again = get_with(
        &fixture().server.url("/assets/app.js"),
        ("If-None-Match", &etag),
    );
    assert_eq!(again.status, 304);

    // DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1.
    let foreign = get_with(
        &fixture().server.url("/api/stats"),
        ("Host", "evil.example:7700"),
    );
    assert_eq!(foreign.status, 403);
    assert!(foreign.error().contains("localhost only"));
    assert!(foreign.header("content-security-policy").is_some());
    get_with(
        &fixture().server.url("/api/stats"),
        ("Host", "localhost:7700"),
    )
    .expect(200);
}

#[test]
fn hostile_articles_come_back_as_data_and_formulas_are_defused() {
    let dir = Dir::new();
    dir.write("news/hostile.jsonl", HOSTILE);
    let run = dir.lede(&["index", "news", "--index", "idx", "-q"]);
    assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
    let served = Served::start(&dir.join("idx"));
    let answer = get(&served.url("/api/search?q=hostile"));
    answer.expect(200);
    let hits: Vec<serde_json::Value> = answer
        .body
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["type"] == "hit")
        .collect();
    let titles: Vec<&str> = hits
        .iter()
        .map(|h| h["data"]["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"<img src=x onerror=\"window.__pwned=1\"> hostile headline"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"=HYPERLINK(\"http://evil.example\",\"hostile click\")"),
        "{titles:?}"
    );

    let csv = get(&served.url("/api/search.csv?q=hostile&all=true"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://evil.example\",\"hostile click\")".to_string()),
        "{cells:?}"
    );
    assert!(
        cells.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])),
        "{cells:?}"
    );
}

/// Articles whose every field tries to run script in a page or a formula
/// in a spreadsheet (invented).
pub const HOSTILE: &str = concat!(
    r#"{"id":"hostile-1","title":"<img src=x onerror=\"window.__pwned=1\"> hostile headline","author":"<script>window.__pwned=2</script>","source":"<b onmouseover=\"window.__pwned=3\">Evil Outlet</b>","url":"javascript:window.__pwned=4","date":"2021-03-04","text":"A hostile body with <script>window.__pwned=5</script> in it and javascript:alert(1) and a hostile <iframe src=javascript:window.__pwned=6></iframe> frame. It goes on about the hostile harbor for a while."}"#,
    "\n",
    r#"{"id":"hostile-2","title":"=HYPERLINK(\"http://evil.example\",\"hostile click\")","author":"@SUM(1+1)","source":"+Outlet","url":"https://example.org/ok","date":"2022-05-06","text":"-2+3 is how this hostile body starts, and it is about the harbor too."}"#,
    "\n"
);

#[test]
fn a_damaged_index_is_a_500_naming_the_remedy_and_the_server_goes_on() {
    let dir = Dir::new();
    for n in 0..5 {
        dir.write(
            &format!("news/{n}.txt"),
            format!("Harbor report {n}\n\nThe harbor master said the channel was dredged again in week {n}.\n"),
        );
    }
    dir.lede(&["index", "news", "--index", "idx", "-q"])
        .expect_code(0);
    let served = Served::start(&dir.join("idx"));
    // Scramble the stored articles in place (same size, so the mapped
    // files stay readable): what a bad disk does after lede wrote them.
    for entry in std::fs::read_dir(dir.join("idx")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "store") {
            use std::io::{Seek, Write};
            let len = std::fs::metadata(&path).unwrap().len();
            let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            file.seek(std::io::SeekFrom::Start(8)).unwrap();
            file.write_all(&vec![0xa5; len.saturating_sub(72) as usize])
                .unwrap();
        }
    }
    let answer = get(&served.url("/api/search?q=harbor"));
    assert_eq!(answer.status, 500, "{}", answer.body);
    assert!(answer.error().contains("lede check"), "{}", answer.error());
    let stats = get(&served.url("/api/stats"));
    assert_eq!(stats.status, 500, "{}", stats.body);
    assert!(
        stats.error().contains("lede index --full"),
        "{}",
        stats.error()
    );
    // Still serving: what does not read the stored articles works.
    get(&served.url("/api/timeline?q=harbor")).expect(200);
}

#[test]
fn a_running_server_sees_what_a_later_lede_index_commits() {
    let dir = Dir::new();
    dir.write(
        "news/first.txt",
        "Ferry schedule changes\n\nThe harbor ferry will run every twenty minutes from May.\n",
    );
    dir.lede(&["index", "news", "--index", "idx", "-q"])
        .expect_code(0);
    let served = Served::start(&dir.join("idx"));
    let total = |q: &str| -> u64 {
        let answer = get(&served.url(&format!("/api/search?q={q}")));
        answer.expect(200);
        let last = answer.body.lines().last().unwrap().to_string();
        let v: serde_json::Value = serde_json::from_str(&last).unwrap();
        v["data"]["total"].as_u64().unwrap()
    };
    assert_eq!(total("ferry"), 1);
    assert_eq!(total("lighthouse"), 0);
    dir.write(
        "news/second.txt",
        "Lighthouse keeper retires\n\nThe last lighthouse keeper on the point retired on Friday after forty years.\n",
    );
    // A language the index did not hold before: the reopened index searches it.
    dir.write(
        "news/third.txt",
        "Der Leuchtturm bleibt geöffnet\n\nDer alte Leuchtturm am Hafen bleibt für Besucher geöffnet, teilte die Stadt am Montag mit. Die Führungen beginnen im Mai.\n",
    );
    dir.lede(&["index", "news", "--index", "idx", "-q"])
        .expect_code(0);
    // tantivy checks meta.json twice a second; allow a slow machine a minute.
    let deadline = Instant::now() + Duration::from_secs(60);
    while total("lighthouse") == 0 {
        assert!(
            Instant::now() < deadline,
            "the server never saw the new commit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(total("ferry"), 1);
    while total("Leuchtturm") == 0 {
        assert!(
            Instant::now() < deadline,
            "the new language was never searched"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_serve_command_listens_on_loopback_says_where_and_stops_on_sigterm() {
    let dir = &fixture().dir;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["serve", "--index", "idx", "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lede serve");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let base = line
        .split("at ")
        .nth(1)
        .and_then(|s| s.split('/').nth(2))
        .map(|host| format!("http://{host}"))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    assert!(
        line.starts_with("lede: serving idx (") && line.contains(" articles) at http://127.0.0.1:"),
        "{line}"
    );
    let answer = get(&format!("{base}/api/stats"));
    answer.expect(200);
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));

    let run = crate::util::lede_in(
        dir.path(),
        &["serve", "--index", "idx", "--addr", "nonsense"],
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("cannot read --addr \"nonsense\""),
        "{}",
        run.stderr
    );
    let run = crate::util::lede_in(dir.path(), &["serve", "--index", "missing-idx"]);
    run.expect_code(2);
}

#[test]
fn search_csv_and_batch_on_the_command_line() {
    let run = cli(&["search", "clemency", "--csv", "--limit", "1"]);
    run.expect_code(0);
    assert_eq!(run.stdout.lines().count(), 2);
    let run = cli(&["search", "nosuchwordanywhere", "--csv"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "rank,score,id,title,authors,outlet,published,lang,url,path,snippet\r\n"
    );
    cli(&["search", "x", "--all"]).expect_code(2);
    cli(&["search", "x", "--csv", "--json"]).expect_code(2);
    cli(&["search", "x", "--csv", "--all", "--limit", "3"]).expect_code(2);

    let file = fixture().dir.write("names.txt", "Kardashian\n\nWhitcomb\n");
    let run = cli(&["batch", file.to_str().unwrap()]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("  matches  query\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("2 queries, 2 matched\n"),
        "{}",
        run.stdout
    );
    let out = fixture().dir.join("names.jsonl");
    let run = cli(&["batch", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    run.expect_code(0);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("{\"type\":\"begin\""), "{written}");
    assert!(run.stdout.contains("hits written to"), "{}", run.stdout);
    let run = cli(&[
        "batch",
        file.to_str().unwrap(),
        "-o",
        "-",
        "--format",
        "csv",
    ]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("query,rank,"), "hits on stdout");
    assert!(
        run.stderr.contains("2 queries, 2 matched"),
        "counts on stderr: {}",
        run.stderr
    );
    let none = fixture().dir.write("none.txt", "nosuchwordanywhere\n");
    cli(&["batch", none.to_str().unwrap()]).expect_code(1);
    cli(&["batch", "/nonexistent/queries.txt"]).expect_code(2);
}
