//! lede as a library, without the binary: index a directory with
//! `lede::index::update`, follow it through a `Progress`, search it with
//! `lede::search::Engine`, update it again. This is what a second front end
//! (a server, another tool) does.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use lede::index::{update, Cancel, Progress, UpdateConfig};
use lede::search::{Engine, SearchRequest};

use crate::util::Dir;

/// Collects what a run reports.
#[derive(Default)]
struct Recorder {
    skipped: Mutex<Vec<(PathBuf, String)>>,
    files: Mutex<usize>,
}

impl Progress for Recorder {
    fn skipped(&self, path: &Path, reason: &str) {
        self.skipped
            .lock()
            .unwrap()
            .push((path.to_path_buf(), reason.to_string()));
    }

    fn file_done(&self) {
        *self.files.lock().unwrap() += 1;
    }
}

fn config(dir: &Dir) -> UpdateConfig {
    UpdateConfig {
        roots: vec![dir.join("news")],
        default_root: dir.join("news"),
        index: dir.join("idx"),
        full: false,
        memory_bytes: 32 << 20,
        follow_links: false,
    }
}

fn titles(dir: &Dir, query: &str) -> Vec<String> {
    let index = lede::index::open(&dir.join("idx")).unwrap();
    let engine = Engine::new(&index).unwrap();
    let results = engine.search(&SearchRequest::new(query)).unwrap();
    results.hits.into_iter().filter_map(|h| h.title).collect()
}

#[test]
fn a_library_user_indexes_searches_and_updates_without_the_binary() {
    let dir = Dir::new();
    dir.write(
        "news/bridge.txt",
        "Bridge reopens after repairs\n\nThe Mill Street bridge reopened on Monday after \
         six weeks of repairs, the city said, and buses return to it next week.\n",
    );
    dir.write(
        "news/feed.jsonl",
        "{\"title\":\"Library extends hours\",\"text\":\"The library will stay open until nine.\"}\n\
         {not json}\n",
    );
    dir.write("news/empty.txt", "");

    let recorder = Recorder::default();
    let report = update(&config(&dir), &Cancel::new(false), &recorder).unwrap();
    assert_eq!(report.articles, 2);
    assert_eq!(report.skipped_total(), 1, "{:?}", report.skipped);
    assert_eq!(report.record_warnings, 1);
    let skipped = recorder.skipped.lock().unwrap();
    assert!(
        skipped
            .iter()
            .any(|(p, r)| p.ends_with("empty.txt") && r.contains("empty")),
        "{skipped:?}"
    );
    assert!(skipped
        .iter()
        .any(|(p, r)| p.ends_with("feed.jsonl") && r.contains("line 2")));
    drop(skipped);
    assert_eq!(titles(&dir, "bridge"), ["Bridge reopens after repairs"]);

    // An update reads only what changed, and a deleted file's article goes.
    std::fs::remove_file(dir.join("news/bridge.txt")).unwrap();
    let report = update(&config(&dir), &Cancel::new(false), &()).unwrap();
    // (The empty file, which gave nothing, is looked at again.)
    assert_eq!((report.articles, report.deleted_articles), (0, 1));
    assert_eq!(report.unchanged, 1, "the JSON Lines file is not read again");
    assert!(titles(&dir, "bridge").is_empty());
    assert_eq!(titles(&dir, "library"), ["Library extends hours"]);
}

#[test]
fn a_cancelled_update_commits_what_it_did_and_says_so() {
    let dir = Dir::new();
    dir.write(
        "news/a.txt",
        "Harbour wall\n\nThe harbour wall was repaired over the winter.\n",
    );
    let report = update(&config(&dir), &Cancel::new(true), &()).unwrap();
    assert!(report.interrupted);
    // The next run completes it.
    let report = update(&config(&dir), &Cancel::new(false), &()).unwrap();
    assert!(!report.interrupted);
    assert_eq!(titles(&dir, "harbour"), ["Harbour wall"]);
}

#[test]
fn a_root_that_does_not_exist_is_an_error_naming_it() {
    let dir = Dir::new();
    let err = update(&config(&dir), &Cancel::new(false), &()).unwrap_err();
    assert!(
        err.to_string().contains("news") && err.to_string().contains("does not exist"),
        "{err}"
    );
}
