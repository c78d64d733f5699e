//! A damaged index is detected and always recoverable: missing, truncated
//! or altered segment files are named with the remedy by `search`, `index`
//! and `check`; documents lost from `meta.json` are restored by the next
//! `lede index`; `--full` rebuilds whatever state the directory is in; and
//! every file of an index follows the umask.

use std::path::{Path, PathBuf};

use crate::util::{lede_in, Dir, Run};

/// An index of 40 short articles in `idx`, built from `news/`.
fn indexed() -> Dir {
    let dir = Dir::new();
    for i in 0..40 {
        dir.write(
            &format!("news/s{i:02}.txt"),
            format!(
                "Council story {i}\n\nThe council met on day {i} to discuss the budget, the \
                 bridge repairs and the new library hours, and voted {i} times.\n"
            ),
        );
    }
    lede_in(dir.path(), &["index", "news", "--index", "idx", "-q"]).expect_code(0);
    dir
}

fn count(dir: &Dir) -> Run {
    lede_in(dir.path(), &["search", "*", "--count", "--index", "idx"])
}

/// The index's files of one kind (extension), sorted.
fn files_ending(dir: &Dir, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("idx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    files.sort();
    files
}

/// A damaged index: every reader names the file and `--full`; a plain
/// re-run refuses to write; `--full` rebuilds it completely.
fn assert_named_and_rebuilt(dir: &Dir, file: &Path) {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let search = count(dir);
    search.expect_code(2);
    assert!(
        search.stderr.contains(&name) && search.stderr.contains("lede index --full"),
        "{}",
        search.stderr
    );
    assert!(!search.stderr.contains("panicked"), "{}", search.stderr);
    let rerun = lede_in(dir.path(), &["index", "--index", "idx"]);
    rerun.expect_code(2);
    assert!(rerun.stderr.contains(&name), "{}", rerun.stderr);
    let check = lede_in(dir.path(), &["check", "--index", "idx"]);
    check.expect_code(2);
    assert!(check.stderr.contains(&name), "{}", check.stderr);

    lede_in(
        dir.path(),
        &["index", "--full", "news", "--index", "idx", "-q"],
    )
    .expect_code(0);
    assert_eq!(count(dir).expect_code(0).stdout.trim(), "40");
    lede_in(dir.path(), &["check", "--index", "idx"]).expect_code(0);
}

#[test]
fn a_truncated_segment_file_is_named_and_full_rebuilds() {
    let dir = indexed();
    let file = files_ending(&dir, ".idx").remove(0);
    let len = std::fs::metadata(&file).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    assert_named_and_rebuilt(&dir, &file);
}

#[test]
fn a_deleted_segment_file_is_named_and_full_rebuilds() {
    for ext in [".term", ".store", ".fieldnorm"] {
        let dir = indexed();
        let file = files_ending(&dir, ext).remove(0);
        std::fs::remove_file(&file).unwrap();
        assert_named_and_rebuilt(&dir, &file);
    }
}

#[test]
fn bytes_overwritten_in_place_are_found_by_search_and_by_check() {
    let dir = indexed();
    let file = files_ending(&dir, ".fast").remove(0);
    let mut bytes = std::fs::read(&file).unwrap();
    for b in bytes.iter_mut().skip(8).take(64) {
        *b ^= 0xff;
    }
    std::fs::write(&file, &bytes).unwrap();
    assert_named_and_rebuilt(&dir, &file);
}

#[test]
fn a_bit_flip_that_keeps_the_file_time_is_found_by_check() {
    let dir = indexed();
    let file = files_ending(&dir, ".fieldnorm").remove(0);
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[3] ^= 0x10;
    std::fs::write(&file, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    // Only a full check reads the file's content.
    let check = lede_in(dir.path(), &["check", "--index", "idx"]);
    check.expect_code(2);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        check.stderr.contains(&name) && check.stderr.contains("checksum"),
        "{}",
        check.stderr
    );
}

#[test]
fn documents_dropped_from_meta_json_are_reported_and_restored_by_the_next_run() {
    let dir = indexed();
    let meta_path = dir.join("idx/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    let segments = meta["segments"].as_array_mut().unwrap();
    let lost = segments.remove(0)["max_doc"].as_u64().unwrap();
    assert!(lost > 0);
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();

    let search = count(&dir);
    assert_eq!(search.stdout.trim(), (40 - lost).to_string());
    assert!(
        search.stderr.contains("holds") && search.stderr.contains("lede index"),
        "a short index is reported: {}",
        search.stderr
    );
    let rerun = lede_in(dir.path(), &["index", "--index", "idx"]);
    rerun.expect_code(0);
    assert!(rerun.stderr.contains("re-reading"), "{}", rerun.stderr);
    let search = count(&dir);
    assert_eq!(search.stdout.trim(), "40");
    assert!(search.stderr.is_empty(), "{}", search.stderr);
}

#[test]
fn full_rebuilds_an_index_whose_own_records_are_damaged() {
    for file in ["meta.json", ".managed.json", "lede.json"] {
        let dir = indexed();
        std::fs::write(dir.join("idx").join(file), b"{ not json").unwrap();
        let search = count(&dir);
        search.expect_code(2);
        assert!(
            !search.stderr.contains("panicked"),
            "{file}: {}",
            search.stderr
        );
        lede_in(
            dir.path(),
            &["index", "--full", "news", "--index", "idx", "-q"],
        )
        .expect_code(0);
        assert_eq!(count(&dir).expect_code(0).stdout.trim(), "40", "{file}");
    }
}

#[test]
fn full_never_clears_a_directory_holding_files_of_its_own() {
    let dir = Dir::new();
    dir.write(
        "news/a.txt",
        "Title\n\nA body of the article with enough words in it.\n",
    );
    dir.write("papers/thesis.txt", "my thesis");
    dir.write("papers/meta.json", "{}");
    let run = lede_in(
        dir.path(),
        &["index", "--full", "news", "--index", "papers"],
    );
    run.expect_code(2);
    assert!(run.stderr.contains("not a lede index"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(dir.join("papers/thesis.txt")).unwrap(),
        b"my thesis"
    );
    assert_eq!(std::fs::read(dir.join("papers/meta.json")).unwrap(), b"{}");
}

#[cfg(unix)]
#[test]
fn every_file_of_an_index_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = indexed();
    let reference = dir.write("reference.txt", "x");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let expected = mode(&reference);
    for entry in walkdir::WalkDir::new(dir.join("idx")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            assert_eq!(
                mode(entry.path()),
                expected,
                "{} does not follow the umask",
                entry.path().display()
            );
        }
    }
}

#[test]
fn two_runs_started_together_on_a_new_index_agree_on_who_writes() {
    let dir = Dir::new();
    for i in 0..30 {
        dir.write(
            &format!("news/{i}.txt"),
            format!("Story {i}\n\nText of story {i} here.\n"),
        );
    }
    for round in 0..5 {
        let index = format!("idx{round}");
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
                .args(["index", "news", "--index", &index, "-q"])
                .current_dir(dir.path())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() || stderr.contains("another lede process is writing"),
                "{stderr}"
            );
        }
        let run = lede_in(dir.path(), &["search", "*", "--count", "--index", &index]);
        assert_eq!(run.expect_code(0).stdout.trim(), "30");
    }
}
