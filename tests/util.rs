//! Test helpers: a temporary directory to write files into, and a runner
//! for the real `lede` binary that captures exit code, stdout and stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

/// A temporary directory that is removed when dropped.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("create temp dir"),
        }
    }

    /// A temporary directory in memory (`/dev/shm`) where there is one: for
    /// tests that run `lede index` hundreds of times, whose commits' fsyncs
    /// dominate on a disk. A killed process loses nothing a sync would have
    /// saved (the kernel keeps its writes), so the tests check the same.
    pub fn in_memory() -> Dir {
        let shm = Path::new("/dev/shm");
        let tmp = if shm.is_dir() {
            tempfile::tempdir_in(shm).or_else(|_| tempfile::tempdir())
        } else {
            tempfile::tempdir()
        };
        Dir {
            tmp: tmp.expect("create temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Writes a file, creating parent directories.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dirs");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// Runs lede with the working directory set to this directory.
    pub fn lede(&self, args: &[&str]) -> Run {
        lede_in(self.path(), args)
    }
}

/// Copies a directory tree (an index, to run the same command on the same
/// state many times).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "\n--- exit code {} (wanted {code})\n--- stdout:\n{}\n--- stderr:\n{}\n",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Parses stdout as JSON Lines into `T`.
    pub fn json_lines<T: for<'de> Deserialize<'de>>(&self) -> Vec<T> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }
}

/// Runs lede in `dir`, with colour and the environment held steady.
pub fn lede_in(dir: &Path, args: &[&str]) -> Run {
    lede_env(dir, args, &[])
}

/// Runs lede in `dir` with extra environment variables (e.g. `LEDE_NOW`).
pub fn lede_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("LEDE_NOW");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run lede");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The shared real data beside the checkout; its absence fails the test
/// (CI always has it), it never skips silently. Only the tests behind the
/// `shared-data` feature read it.
#[cfg(feature = "shared-data")]
pub fn shared_data(rel: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    assert!(
        path.exists(),
        "{} is missing: the tests need ../shared/data beside the checkout",
        path.display()
    );
    path
}

/// One article as printed by `lede extract --json` (unknown keys rejected).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleJson {
    pub id: String,
    pub path: String,
    pub format: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub dek: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub body: String,
}

/// A record of `lede search --json`.
#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
pub enum SearchRecord {
    Begin(Begin),
    Hit(Box<HitJson>),
    Facets(Vec<FacetJson>),
    Summary(Summary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Begin {
    pub query: String,
    pub index: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitJson {
    pub rank: usize,
    pub score: f64,
    pub id: String,
    pub title: Option<String>,
    pub title_highlights: Vec<[usize; 2]>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub snippets: Vec<FragmentJson>,
    pub group: String,
    pub duplicates: Vec<MemberJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FragmentJson {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
    pub offset: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberJson {
    pub id: String,
    pub outlet: Option<String>,
    pub path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetJson {
    pub facet: String,
    pub values: Vec<ValueCount>,
    pub missing: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // the search-only keys are read by some tests only
pub struct Summary {
    pub total: usize,
    pub returned: usize,
    pub offset: usize,
    pub elapsed_ms: f64,
    /// Search only: whether the query was relaxed to any of its words.
    #[serde(default)]
    pub relaxed: bool,
    /// Search only: articles with every word, when counted.
    #[serde(default)]
    pub all_words: Option<usize>,
    /// Search only: the words `--expand` added.
    #[serde(default)]
    pub expansion: Vec<String>,
}

/// A search stream split into its records.
#[derive(Debug)]
pub struct Stream {
    pub begin: Begin,
    pub hits: Vec<HitJson>,
    pub facets: Vec<FacetJson>,
    pub summary: Summary,
}

/// Splits a search stream into its records, checking their order.
pub fn parse_stream(run: &Run) -> Stream {
    let mut records: Vec<SearchRecord> = run.json_lines();
    assert!(
        records.len() >= 2,
        "a stream has at least begin and summary: {}",
        run.stdout
    );
    let Some(SearchRecord::Summary(summary)) = records.pop() else {
        panic!("last record is not a summary: {}", run.stdout)
    };
    let mut iter = records.into_iter();
    let Some(SearchRecord::Begin(begin)) = iter.next() else {
        panic!("first record is not begin: {}", run.stdout)
    };
    let mut hits = Vec::new();
    let mut facets = Vec::new();
    for r in iter {
        match r {
            SearchRecord::Hit(h) => {
                assert!(facets.is_empty(), "hits come before facets");
                hits.push(*h)
            }
            SearchRecord::Facets(f) => facets = f,
            other => panic!("unexpected record between begin and summary: {other:?}"),
        }
    }
    Stream {
        begin,
        hits,
        facets,
        summary,
    }
}

/// Splits a search stream into its begin, hits and summary.
pub fn parse_search(run: &Run) -> (Begin, Vec<HitJson>, Summary) {
    let s = parse_stream(run);
    (s.begin, s.hits, s.summary)
}
