//! Kill safety: `lede index` stopped at every file operation of a commit
//! (with the fault-injection points of debug builds, `LEDE_FAULT_KILL_AT`)
//! must leave an index that the same command run again completes, with exactly the
//! articles a run that was never stopped gives, and nothing left over.

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::{copy_dir, lede_env, lede_in, parse_search, Dir};

/// Six short articles, then a change, a deletion and an addition.
fn corpus(dir: &Dir, files: usize) {
    for i in 0..files {
        dir.write(
            &format!("news/story-{i:03}.txt"),
            format!(
                "Harbour story number {i}\n\nThe harbour story {i} tells of the boats that \
                 left at dawn, the storm that turned them back, and the {i} people who waited \
                 on the pier for news of them.\n"
            ),
        );
    }
}

fn edit(dir: &Dir) {
    dir.write(
        "news/story-000.txt",
        "Harbour story revised\n\nThe revised harbour story tells of one boat that never \
         came back, and of the search that followed along the coast.\n",
    );
    std::fs::remove_file(dir.join("news/story-001.txt")).unwrap();
    dir.write(
        "news/story-new.txt",
        "Ferry resumes service\n\nThe ferry resumed service on Monday after a week of \
         repairs to its engine, the operator said.\n",
    );
}

/// The ids of every article in the index, and the run's stderr on failure.
fn ids(dir: &Path, index: &str) -> BTreeSet<String> {
    let run = lede_in(
        dir,
        &[
            "search",
            "*",
            "--json",
            "--limit",
            "1000",
            "--no-collapse",
            "--index",
            index,
        ],
    );
    run.expect_code(0);
    let (_, hits, summary) = parse_search(&run);
    assert_eq!(hits.len(), summary.total, "every article listed");
    hits.into_iter().map(|h| h.id).collect()
}

/// Nothing an interrupted run writes is left once a run completed: no
/// temporary files, and no segment file the last commit does not name.
fn assert_no_leftovers(index: &Path) {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).unwrap()).unwrap();
    let segments: Vec<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    for entry in std::fs::read_dir(index).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            !name.ends_with(".lede-tmp") && !name.starts_with(".tmp"),
            "temporary file left: {name}"
        );
        if let Some((id, _)) = name.split_once('.') {
            if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                assert!(
                    segments.contains(&id.to_string()),
                    "orphan segment file: {name}"
                );
            }
        }
    }
}

/// Runs `lede index` from the saved state `before`, killed at point
/// `1, 1 + stride, ...` in turn, until a run is not killed; after each kill
/// the same command run again must finish with the articles of a run that
/// was never stopped.
fn kill_at_every_point(
    dir: &Dir,
    before: &str,
    args: &[&str],
    env: &[(&str, &str)],
    stride: usize,
) {
    let index = dir.join("idx");
    let index_arg = index.to_str().unwrap();
    // `before` is the index each run starts from (none, when it does not
    // exist: the runs create the index).
    let restore = |index: &Path| {
        if dir.join(before).exists() {
            copy_dir(&dir.join(before), index);
        }
    };
    // The articles a run that is never stopped leaves.
    restore(&index);
    let mut full_args = args.to_vec();
    full_args.extend(["--index", index_arg, "-q"]);
    lede_env(dir.path(), &full_args, env).expect_code(0);
    let expected = ids(dir.path(), index_arg);
    assert!(!expected.is_empty());

    let mut killed = 0;
    for n in (1..2000).step_by(stride) {
        if index.exists() {
            std::fs::remove_dir_all(&index).unwrap();
        }
        restore(&index);
        let at = n.to_string();
        let mut env = env.to_vec();
        env.push(("LEDE_FAULT_KILL_AT", &at));
        let run = lede_env(dir.path(), &full_args, &env);
        if run.code == 0 {
            break;
        }
        assert!(
            run.stderr.contains("fault injection: killed at point"),
            "run {n} failed without being killed:\n{}",
            run.stderr
        );
        killed += 1;
        // The same command run again recovers and completes the work.
        let recover = lede_in(dir.path(), &full_args);
        assert_eq!(
            recover.code,
            0,
            "after a kill ({}) the next run failed:\n{}",
            run.stderr.trim(),
            recover.stderr
        );
        assert_eq!(ids(dir.path(), index_arg), expected, "after {}", run.stderr);
        assert_no_leftovers(&index);
    }
    assert!(killed >= 10, "only {killed} fault points were reached");
}

#[test]
fn a_rerun_killed_at_any_file_operation_of_its_commit_is_completed_by_the_next_run() {
    let dir = Dir::in_memory();
    corpus(&dir, 6);
    lede_in(dir.path(), &["index", "news", "--index", "idx0", "-q"]).expect_code(0);
    edit(&dir);
    // The re-run changes, deletes and adds: its commit writes a deletions
    // file, the step whose leftover once blocked every later commit.
    kill_at_every_point(&dir, "idx0", &["index"], &[], 1);
}

#[test]
fn a_first_run_killed_while_it_creates_the_index_is_completed_by_the_next_run() {
    let dir = Dir::in_memory();
    corpus(&dir, 3);
    // No index yet: the first points are the index's creation (meta.json,
    // then lede.json), a kill between which once left a directory that
    // every later run refused as "not a lede index".
    kill_at_every_point(&dir, "no-index", &["index", "news"], &[], 1);
}

#[test]
fn a_first_build_killed_between_commits_is_completed_by_the_next_run() {
    let dir = Dir::in_memory();
    corpus(&dir, 150);
    std::fs::create_dir(dir.join("empty")).unwrap();
    // An index with no articles yet, whose roots are the news folder.
    lede_in(dir.path(), &["index", "empty", "--index", "idx0", "-q"]).expect_code(0);
    // Three batches, each committed: kill points in every commit, sampled.
    kill_at_every_point(
        &dir,
        "idx0",
        &["index", "news"],
        &[("LEDE_COMMIT_INTERVAL_MS", "0")],
        7,
    );
}

/// A JSON Lines file of `n` records, some ids repeated across the file.
fn records(n: usize, edition: &str) -> String {
    let mut out = String::new();
    for i in 0..n {
        // Every 50th record repeats an earlier one's id (the last one wins).
        let id = if i % 50 == 49 { i - 40 } else { i };
        out.push_str(&format!(
            "{{\"id\":\"rec-{id}\",\"title\":\"Notice {id} {edition}\",\"text\":\"Public notice number {i} \
             of the {edition} edition, about the harbour, the ferry and the council.\"}}\n"
        ));
    }
    out
}

#[test]
fn a_json_lines_file_committed_half_way_is_completed_by_the_next_run() {
    let dir = Dir::in_memory();
    dir.write("feed/notices.jsonl", records(120, "first"));
    lede_in(dir.path(), &["index", "feed", "--index", "idx0", "-q"]).expect_code(0);
    // A new edition of the file (20 KiB), read in parts of 5 KiB, each
    // committed: kill points sampled across all the commits.
    dir.write("feed/notices.jsonl", records(110, "second"));
    let env = [
        ("LEDE_COMMIT_INTERVAL_MS", "0"),
        ("LEDE_PART_BYTES", "5000"),
    ];
    kill_at_every_point(&dir, "idx0", &["index"], &env, 37);
}
