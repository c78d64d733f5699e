//! What the command line prints, pinned: one snapshot per command and
//! output format (exit code, stdout and stderr together, as ruff and uv
//! pin theirs), run on the sample corpus (`corpus/`, invented articles),
//! with the checkout's and the temporary directory's paths and all timings
//! filtered. A change to any output shows as a diff of the snapshot; accept
//! it with `INSTA_UPDATE=always cargo test` (or `cargo insta review`) once
//! it is what users should see.

use std::sync::OnceLock;

use crate::util::{lede_env, Dir, Run};

/// The corpus indexed once for all snapshots (an index is read-only here).
fn indexed() -> &'static Dir {
    static DIR: OnceLock<Dir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Dir::new();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let run = lede_env(
            dir.path(),
            &["index", corpus.to_str().unwrap(), "--index", "idx", "-q"],
            &[],
        );
        assert!(run.code == 0 || run.code == 3, "{}", run.stderr);
        dir
    })
}

/// Runs lede in the indexed directory at a fixed "now".
fn lede(args: &[&str]) -> Run {
    lede_env(indexed().path(), args, &[("LEDE_NOW", "2024-06-01")])
}

/// The run as one text: exit code, stdout, stderr.
fn shown(run: &Run) -> String {
    format!(
        "exit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        run.code, run.stdout, run.stderr
    )
}

/// Snapshots a run with paths and timings filtered.
macro_rules! snapshot {
    ($name:literal, $args:expr) => {{
        let run = lede(&$args);
        let root = env!("CARGO_MANIFEST_DIR");
        let tmp = indexed().path().display().to_string();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.add_filter(&regex_escape(root), "[ROOT]");
        settings.add_filter(&regex_escape(&tmp), "[TMP]");
        settings.add_filter(r#""elapsed_ms":[0-9.]+"#, r#""elapsed_ms":[MS]"#);
        settings.add_filter(r"\([0-9.]+ ms\)", "([MS] ms)");
        settings.add_filter(
            r"in [0-9.]+ s \([0-9]+ articles/s\)",
            "in [S] s ([N] articles/s)",
        );
        settings.add_filter(r#""bytes":\d+"#, r#""bytes":[BYTES]"#);
        settings.add_filter(r"size:      [0-9.]+ MiB", "size:      [SIZE] MiB");
        settings.bind(|| insta::assert_snapshot!($name, shown(&run)));
    }};
}

/// A literal text as a regex (insta filters are regexes).
fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[test]
fn search_text() {
    snapshot!(
        "search_text",
        [
            "search",
            "clemency Kardashian",
            "--index",
            "idx",
            "--color",
            "never"
        ]
    );
}

#[test]
fn search_json_with_facets() {
    snapshot!(
        "search_json",
        [
            "search",
            "clemency Kardashian",
            "--json",
            "--limit",
            "2",
            "--snippets",
            "1",
            "--facets",
            "outlet,year",
            "--index",
            "idx"
        ]
    );
}

#[test]
fn timeline_text_and_json() {
    snapshot!(
        "timeline_text",
        [
            "timeline",
            "clemency OR pardon",
            "--by",
            "year",
            "--index",
            "idx",
            "--color",
            "never"
        ]
    );
    snapshot!(
        "timeline_json",
        [
            "timeline",
            "clemency OR pardon",
            "--by",
            "year",
            "--json",
            "--index",
            "idx"
        ]
    );
}

#[test]
fn stats_text_and_json() {
    snapshot!("stats_text", ["stats", "--index", "idx"]);
    snapshot!("stats_json", ["stats", "--json", "--index", "idx"]);
}

#[test]
fn extract_text_and_json() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/html/harbor-ledger-ferry-terminal-rebuild.html"
    );
    snapshot!("extract_text", ["extract", page]);
    snapshot!("extract_json", ["extract", "--json", page]);
}

#[test]
fn errors_a_user_can_act_on() {
    snapshot!(
        "warning_query_recovered",
        [
            "search",
            "title:(pardon",
            "--index",
            "idx",
            "--color",
            "never"
        ]
    );
    snapshot!("error_query_syntax", ["search", "title:", "--index", "idx"]);
    snapshot!(
        "error_unknown_field",
        ["search", "headline:pardon", "--index", "idx"]
    );
    snapshot!(
        "error_too_nested",
        [
            "search",
            "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x",
            "--index",
            "idx"
        ]
    );
    snapshot!(
        "error_bad_date",
        [
            "search",
            "pardon",
            "--since",
            "last tuesday",
            "--index",
            "idx"
        ]
    );
    snapshot!(
        "error_bad_lang",
        ["search", "pardon", "--lang", "english", "--index", "idx"]
    );
    snapshot!("error_no_index", ["search", "pardon", "--index", "nowhere"]);
    snapshot!(
        "error_no_such_id",
        ["show", "0000000000000000", "--index", "idx"]
    );
    snapshot!(
        "error_missing_root",
        ["index", "no-such-dir", "--index", "other"]
    );
}
