//! `lede index` on real-archive conditions: incremental re-runs, copies of
//! one article, kills and Ctrl-C at any moment, a second writer, schema
//! versions, a read-only or full index directory, and every kind of hostile
//! input, each with one line on stderr, a count in the summary and exit 3.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{lede_env, Dir, Run};

/// An article file whose one distinctive word is `word`.
fn story(n: usize, word: &str) -> String {
    format!(
        "Council story number {n}\n\nThe council met on day {n} to discuss {word} and the budget for the harbour, \
         the library and the roads; members voted after a long debate about item {n}.\n"
    )
}

/// The number of articles `lede stats` reports.
fn articles(dir: &Dir) -> u64 {
    let run = dir.lede(&["stats", "--json"]);
    run.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("stats JSON");
    v["articles"].as_u64().expect("articles count")
}

/// How many articles match a query (0 when none).
fn count(dir: &Dir, query: &str) -> u64 {
    let run = dir.lede(&["search", "--count", query]);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    run.stdout.trim().parse().unwrap_or(0)
}

/// The summary line (the last line of stderr).
fn summary(run: &Run) -> &str {
    run.stderr.lines().last().unwrap_or("")
}

/// The stderr lines that mention `name`.
fn lines_about<'a>(run: &'a Run, name: &str) -> Vec<&'a str> {
    run.stderr.lines().filter(|l| l.contains(name)).collect()
}

fn spawn_index(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.arg("index")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("spawn lede index")
}

fn signal(child: &Child, sig: &str) {
    let status = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill {sig} failed");
}

/// Waits until the running indexer holds the lock and has loaded its file
/// table (the `files/` folder exists), or it exits.
fn wait_until_writing(dir: &Dir, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !dir.join("index/files").is_dir() && Instant::now() < deadline {
        if child.try_wait().expect("poll").is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A gzip file that inflates to more than the 64 MiB cap.
fn gzip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..65 {
        enc.write_all(&zeros).expect("compress");
    }
    enc.finish().expect("compress")
}

#[test]
fn a_rerun_reads_only_what_changed_and_never_duplicates() {
    let dir = Dir::new();
    for n in 0..4 {
        dir.write(&format!("in/s{n}.txt"), story(n, "zebra"));
    }
    let first = dir.lede(&["index", "in"]);
    first.expect_code(0);
    assert!(
        summary(&first).contains("indexed 4 articles from 4 files"),
        "{}",
        first.stderr
    );
    assert_eq!(articles(&dir), 4);

    // Nothing changed: nothing read, nothing written.
    let meta_before = std::fs::read(dir.join("index/meta.json")).unwrap();
    let again = dir.lede(&["index", "in"]);
    again.expect_code(0);
    assert!(
        summary(&again).contains("indexed 0 articles from 0 files")
            && summary(&again).contains("4 files unchanged"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read(dir.join("index/meta.json")).unwrap(),
        meta_before,
        "a re-run with no change must not commit"
    );

    // A changed file replaces its article; a deleted file takes its article
    // along; a new file adds one; a touched file is hashed, not re-extracted.
    dir.write("in/s0.txt", story(0, "okapi"));
    std::fs::remove_file(dir.join("in/s1.txt")).unwrap();
    dir.write("in/new.txt", story(9, "okapi"));
    let s2 = std::fs::read(dir.join("in/s2.txt")).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(dir.join("in/s2.txt"), s2).unwrap();
    let third = dir.lede(&["index"]);
    third.expect_code(0);
    let line = summary(&third);
    assert!(line.contains("indexed 2 articles from 2 files"), "{line}");
    assert!(line.contains("2 files unchanged"), "{line}");
    assert!(line.contains("1 file gone"), "{line}");
    assert_eq!(articles(&dir), 4);
    assert_eq!(count(&dir, "zebra"), 2);
    assert_eq!(count(&dir, "okapi"), 2);
    assert_eq!(
        count(&dir, "\"item 1\""),
        0,
        "the deleted file's article is gone"
    );

    // --full rebuilds to the same content.
    dir.lede(&["index", "--full"]).expect_code(0);
    assert_eq!(articles(&dir), 4);
    assert_eq!(count(&dir, "okapi"), 2);
}

#[test]
fn a_root_given_under_another_spelling_is_the_root_the_index_knows() {
    let dir = Dir::new();
    dir.write("in/a.txt", story(1, "zebra"));
    dir.write("in/b.txt", story(2, "okapi"));
    std::fs::create_dir_all(dir.join("other")).unwrap();
    dir.lede(&["index", "in"]).expect_code(0);
    assert_eq!(count(&dir, "okapi"), 1);

    // The same directory through a parent step (and, on Unix, a symlink):
    // the file deleted meanwhile goes, nothing is read again, and the index
    // still knows one root.
    std::fs::remove_file(dir.join("in/b.txt")).unwrap();
    let again = dir.lede(&["index", "other/../in"]);
    again.expect_code(0);
    let line = summary(&again);
    assert!(line.contains("1 file gone"), "{line}");
    assert!(line.contains("indexed 0 articles from 0 files"), "{line}");
    assert_eq!(count(&dir, "okapi"), 0);
    assert_eq!(count(&dir, "zebra"), 1);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("in"), dir.join("link")).unwrap();
        dir.write("in/c.txt", story(3, "ibex"));
        let linked = dir.lede(&["index", "link"]);
        linked.expect_code(0);
        assert!(
            summary(&linked).contains("indexed 1 article from 1 file"),
            "{}",
            linked.stderr
        );
    }
    let info: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("index/lede.json")).unwrap()).unwrap();
    assert_eq!(info["roots"].as_array().map(Vec::len), Some(1), "{info}");
    dir.lede(&["index"]).expect_code(0);
    assert_eq!(articles(&dir), 2);
}

#[test]
fn a_record_repeated_in_one_file_or_across_files_is_one_document() {
    // lede skips the delete of an id it has never written (in a new index,
    // or new to an old one); a repeated record must still be one document.
    let dir = Dir::new();
    let record = |animal: &str| {
        format!(
            "{{\"title\":\"{animal} census\",\"url\":\"https://example.org/{animal}\",\
             \"text\":\"Rangers counted the {animal}s of the valley again this spring.\"}}\n"
        )
    };
    dir.write("in/a.jsonl", record("tapir").repeat(3));
    dir.write("in/z.txt", story(4, "okapi"));
    dir.lede(&["index", "in"]).expect_code(0);
    assert_eq!(articles(&dir), 2);
    assert_eq!(count(&dir, "tapirs"), 1);
    // A later run: a copy in another file, and a new record twice.
    dir.write("in/b.jsonl", record("tapir"));
    dir.write("in/c.jsonl", record("quokka").repeat(2));
    dir.lede(&["index"]).expect_code(0);
    assert_eq!(articles(&dir), 3);
    assert_eq!((count(&dir, "tapirs"), count(&dir, "quokkas")), (1, 1));
}

#[test]
fn one_article_reached_by_two_paths_is_one_document_until_both_are_gone() {
    let dir = Dir::new();
    dir.write("in/a/copy.txt", story(1, "narwhal"));
    dir.write("in/b/copy.txt", story(1, "narwhal"));
    dir.write("in/other.txt", story(2, "walrus"));
    dir.lede(&["index", "in"]).expect_code(0);
    assert_eq!(articles(&dir), 2);
    std::fs::remove_file(dir.join("in/a/copy.txt")).unwrap();
    dir.lede(&["index"]).expect_code(0);
    assert_eq!(
        count(&dir, "narwhal"),
        1,
        "the other copy still produces it"
    );
    // The remaining copy is edited: the old version goes, the new one stays.
    dir.write("in/b/copy.txt", story(1, "beluga"));
    dir.lede(&["index"]).expect_code(0);
    assert_eq!((count(&dir, "narwhal"), count(&dir, "beluga")), (0, 1));
    std::fs::remove_file(dir.join("in/b/copy.txt")).unwrap();
    dir.lede(&["index"]).expect_code(0);
    assert_eq!(articles(&dir), 1);
}

#[test]
fn a_killed_run_leaves_a_searchable_index_and_the_rerun_completes_it() {
    let dir = Dir::new();
    let files = 1500;
    for n in 0..files {
        dir.write(&format!("in/{:02}/s{n}.txt", n % 30), story(n, "quokka"));
    }
    // Kill at growing moments; commit after every batch so kills land
    // between, during and after commits.
    let env = [("LEDE_COMMIT_INTERVAL_MS", "0")];
    let mut killed = 0;
    for delay in [40u64, 120, 250, 400] {
        let mut child = spawn_index(dir.path(), &["in"], &env);
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().expect("poll").is_none() {
            signal(&child, "-KILL");
            killed += 1;
        }
        let _ = child.wait();
        if crate::util::lede_in(dir.path(), &["stats"]).code == 0 {
            // Whatever was committed opens and searches.
            let found = count(&dir, "quokka");
            assert!(found <= files as u64, "{found}");
        }
    }
    assert!(
        killed > 0,
        "the corpus indexed before any kill; make it larger"
    );
    let run = dir.lede(&["index", "in"]);
    run.expect_code(0);
    assert_eq!(articles(&dir), files as u64);
    assert_eq!(count(&dir, "quokka"), files as u64);
    let again = dir.lede(&["index", "in"]);
    assert!(
        summary(&again).contains("indexed 0 articles from 0 files"),
        "{}",
        again.stderr
    );
}

#[test]
fn ctrl_c_commits_what_is_done_and_exits_130() {
    let dir = Dir::new();
    let files = 1500;
    for n in 0..files {
        dir.write(&format!("in/{:02}/s{n}.txt", n % 30), story(n, "tapir"));
    }
    let mut child = spawn_index(dir.path(), &["in"], &[]);
    wait_until_writing(&dir, &mut child);
    std::thread::sleep(Duration::from_millis(100));
    signal(&child, "-INT");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(130) => {
            assert!(stderr.contains("interrupted"), "{stderr}");
            assert!(
                count(&dir, "tapir") > 0,
                "work done before Ctrl-C was committed"
            );
        }
        // Finished before the signal arrived.
        Some(0) => {}
        other => panic!("exit {other:?}: {stderr}"),
    }
    dir.lede(&["index"]).expect_code(0);
    assert_eq!(count(&dir, "tapir"), files as u64);
}

#[test]
fn a_second_indexer_stops_at_once_and_search_works_meanwhile() {
    let dir = Dir::new();
    dir.write("in/a.txt", story(1, "ibex"));
    dir.lede(&["index", "in"]).expect_code(0);
    // Decompressing each bomb to the cap keeps the first run busy a while.
    let bomb = gzip_bomb();
    for n in 0..24 {
        dir.write(&format!("in/bomb{n}.html.gz"), &bomb);
    }
    let mut first = spawn_index(dir.path(), &["in"], &[]);
    std::thread::sleep(Duration::from_millis(30));
    let started = Instant::now();
    let second = dir.lede(&["index", "in"]);
    let search = dir.lede(&["search", "--count", "ibex"]);
    let first_done = first.try_wait().expect("poll").is_some();
    let _ = first.wait();
    assert!(!first_done, "the first run ended before the second started");
    second.expect_code(2);
    assert!(
        second
            .stderr
            .contains("another lede process is writing to the index"),
        "{}",
        second.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    search.expect_code(0);
    assert_eq!(search.stdout.trim(), "1");
}

#[test]
fn an_index_of_another_schema_version_is_refused_until_rebuilt() {
    let dir = Dir::new();
    dir.write("in/a.txt", story(1, "gnu"));
    dir.lede(&["index", "in"]).expect_code(0);
    let info_path = dir.join("index/lede.json");
    let mut info: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&info_path).unwrap()).unwrap();
    info["schema_version"] = serde_json::json!(1);
    std::fs::write(&info_path, serde_json::to_vec(&info).unwrap()).unwrap();
    for args in [&["search", "gnu"][..], &["index", "in"][..]] {
        let run = dir.lede(args);
        run.expect_code(2);
        assert!(
            run.stderr.contains("schema version 1") && run.stderr.contains("lede index --full"),
            "{}",
            run.stderr
        );
    }
    dir.lede(&["index", "--full", "in"]).expect_code(0);
    assert_eq!(count(&dir, "gnu"), 1);
}

#[test]
fn a_damaged_file_table_is_refused_with_advice_and_the_index_still_searches() {
    let dir = Dir::new();
    // Enough files that the workers are looking at files while the table
    // loads (they start before it is read).
    for n in 0..300 {
        dir.write(&format!("in/s{n:03}.txt"), story(n, "heron"));
    }
    dir.lede(&["index", "in"]).expect_code(0);
    let segments: Vec<PathBuf> = std::fs::read_dir(dir.join("index/files"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(segments.len(), 1, "{segments:?}");
    let mut bytes = std::fs::read(&segments[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x5a;
    std::fs::write(&segments[0], bytes).unwrap();
    dir.write("in/new.txt", story(999, "heron"));

    let run = dir.lede(&["index", "in"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("damaged") && run.stderr.contains("lede index --full"),
        "{}",
        run.stderr
    );
    // Nothing was written: the index searches as it was committed.
    assert_eq!(count(&dir, "heron"), 300);
    dir.lede(&["index", "--full", "in"]).expect_code(0);
    assert_eq!(count(&dir, "heron"), 301);
    dir.lede(&["index", "in"]).expect_code(0);
    assert_eq!(count(&dir, "heron"), 301);
}

/// A small tmpfs mounted for one test (root only), unmounted on drop.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: PathBuf, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(&at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Mount(at))
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .expect("remount");
        assert!(status.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_or_full_index_directory_is_a_clear_error_and_the_index_survives() {
    let dir = Dir::new();
    dir.write("in/a.txt", story(1, "eland"));
    // Root ignores permissions, so a read-only or full filesystem needs a
    // mount; without root, permissions do the job for the read-only case.
    let Some(mount) = Mount::tmpfs(dir.join("mnt"), "4m") else {
        dir.lede(&["index", "in", "--index", "ro"]).expect_code(0);
        let mut perms = std::fs::metadata(dir.join("ro")).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        std::fs::set_permissions(dir.join("ro"), perms).unwrap();
        dir.write("in/b.txt", story(2, "eland"));
        let run = dir.lede(&["index", "in", "--index", "ro"]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("check that the directory is writable"),
            "{}",
            run.stderr
        );
        eprintln!("not root: the full-disk case needs a tmpfs mount and was not exercised");
        return;
    };
    dir.lede(&["index", "in", "--index", "mnt/index"])
        .expect_code(0);

    // Full: 6 MB of articles in words that do not compress do not fit in 4 MB.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (0..6)
            .map(|i| (b'a' + ((seed >> (i * 5)) % 26) as u8) as char)
            .collect::<String>()
    };
    for n in 0..6 {
        let mut feed = String::new();
        for r in 0..20 {
            let body: Vec<String> = (0..7000).map(|_| word()).collect();
            feed.push_str(&format!(
                "{{\"title\":\"Eland report {n} {r}\",\"text\":\"eland {}\"}}\n",
                body.join(" ")
            ));
        }
        dir.write(&format!("in/more/m{n}.jsonl"), feed);
    }
    // Many small files after them: the walk is still sending batches when
    // the disk fills, and must stop with the run, not wait for room forever.
    for n in 0..3000 {
        dir.write(&format!("in/zz/s{n}.txt"), story(n, "heron"));
    }
    // Committing after every batch, so the disk fills mid-walk.
    let run = crate::util::lede_env(
        dir.path(),
        &["index", "in", "--index", "mnt/index", "--memory", "16"],
        &[("LEDE_COMMIT_INTERVAL_MS", "0")],
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("the disk is full")
            && run.stderr.contains("keeps its last commit")
            && run.stderr.contains("once disk space is freed"),
        "{}",
        run.stderr
    );
    let search = dir.lede(&["search", "--count", "eland", "--index", "mnt/index"]);
    search.expect_code(0);

    // Read-only: the write lock cannot be taken; searching still works.
    std::fs::remove_dir_all(dir.join("in/more")).unwrap();
    std::fs::remove_dir_all(dir.join("in/zz")).unwrap();
    dir.lede(&["index", "in", "--index", "mnt/index"]);
    mount.remount_read_only();
    dir.write("in/c.txt", story(3, "eland"));
    let run = dir.lede(&["index", "in", "--index", "mnt/index"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("Read-only file system") || run.stderr.contains("read-only"),
        "{}",
        run.stderr
    );
    let search = dir.lede(&["search", "--count", "eland", "--index", "mnt/index"]);
    search.expect_code(0);
}

#[test]
fn hostile_files_each_get_one_line_and_the_run_goes_on() {
    let dir = Dir::new();
    dir.write("in/good.txt", story(1, "okapi"));
    dir.write("in/empty.html", "");
    dir.write(
        "in/binary.html",
        [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0],
    );
    // 100 MB of text: refused from its size, never read into memory.
    let big = std::fs::File::create(dir.join("in/huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    dir.write("in/bomb.html.gz", gzip_bomb());
    dir.write(
        "in/deep.html",
        format!(
            "<html><head><title>Deep page about okapi</title></head><body>{}<p>The okapi is a \
             forest giraffe of the Congo basin, shy and rarely seen by visitors.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    dir.write(
        "in/deep.json",
        format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    dir.write(
        "in/feed.jsonl",
        "{\"title\":\"Okapi calf born\",\"text\":\"An okapi calf was born at the zoo this week.\"}\n\
         {\"title\": broken\n\
         {\"title\":\"Okapi calf named\",\"text\":\"The okapi calf at the zoo was named by visitors.\"}\n",
    );
    // A symlink loop (a directory linking to its parent) and a link to itself.
    std::os::unix::fs::symlink(".", dir.join("in/loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", dir.join("in/self.txt")).unwrap();
    // A FIFO would block a reader forever.
    let fifo = Command::new("mkfifo")
        .arg(dir.join("in/pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    // No read permission: root reads it anyway, others are refused.
    let locked = dir.write("in/locked.txt", story(2, "okapi"));
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&locked, perms).unwrap();
    let privileged = std::fs::File::open(&locked).is_ok();

    let run = dir.lede(&["index", "in"]);
    run.expect_code(3);
    let mut expected = vec![
        ("empty.html", "empty file"),
        ("binary.html", "binary"),
        ("huge.txt", "larger than 64 MiB"),
        ("bomb.html.gz", "larger than 64 MiB once decompressed"),
        ("deep.json", "malformed JSON"),
        ("feed.jsonl", "line 2"),
        ("in/loop", "symlink loop"),
        ("self.txt", "symbolic links"),
    ];
    if fifo {
        expected.push(("pipe.txt", "not a regular file"));
    }
    if !privileged {
        expected.push(("locked.txt", "permission denied"));
    }
    for (file, reason) in &expected {
        let lines = lines_about(&run, file);
        assert_eq!(lines.len(), 1, "one line for {file}:\n{}", run.stderr);
        assert!(lines[0].starts_with("lede: skipping "), "{}", lines[0]);
        assert!(
            lines[0].contains(reason),
            "{file}: wanted {reason:?} in {:?}",
            lines[0]
        );
    }
    assert!(lines_about(&run, "deep.html").is_empty(), "{}", run.stderr);
    if privileged {
        assert!(lines_about(&run, "locked.txt").is_empty(), "{}", run.stderr);
    }
    let line = summary(&run);
    let skipped = expected.len() - 1; // the JSONL line is a record, not a file
    assert!(line.contains(&format!("{skipped} files skipped")), "{line}");
    assert!(line.contains("1 bad record skipped"), "{line}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // good, deep.html, two feed records, and locked.txt when root reads it.
    let indexed = 4 + u64::from(privileged);
    assert_eq!(count(&dir, "okapi"), indexed);

    // A re-run retries the skipped files and reports them again, and still
    // duplicates nothing.
    let again = dir.lede(&["index", "in"]);
    again.expect_code(3);
    assert_eq!(count(&dir, "okapi"), indexed);
}

#[test]
fn invalid_utf8_in_every_format_is_decoded_not_refused() {
    let dir = Dir::new();
    // Latin-1 bytes (0xe9 = é) where UTF-8 is expected.
    dir.write(
        "in/page.html",
        b"<html><head><title>Caf\xe9 owners meet</title></head><body><p>The caf\xe9 owners of the old town met on Monday to talk about rents, terraces and the new parking rules for delivery vans.</p></body></html>".as_slice(),
    );
    dir.write(
        "in/note.txt",
        b"Caf\xe9 terrace rules\n\nThe caf\xe9 terraces may stay open until midnight in summer, the council said on Tuesday after a vote.\n".as_slice(),
    );
    dir.write(
        "in/one.json",
        b"{\"title\":\"Caf\xe9 prices\",\"text\":\"Prices at the caf\xe9 rose by ten cents this month.\"}".as_slice(),
    );
    dir.write(
        "in/feed.jsonl",
        b"{\"title\":\"Caf\xe9 one\",\"text\":\"The first caf\xe9 opened.\"}\n{\"title\":\"Caf\xe9 two\",\"text\":\"A second caf\xe9 opened.\"}\n".as_slice(),
    );
    let run = dir.lede(&["index", "in"]);
    run.expect_code(0);
    assert!(
        summary(&run).contains("indexed 5 articles from 4 files"),
        "{}",
        run.stderr
    );
    assert_eq!(count(&dir, "café"), 5);
}

#[test]
fn file_names_that_are_not_utf8_are_indexed_and_tracked_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new();
    std::fs::create_dir_all(dir.join("in")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-story.txt");
    std::fs::write(dir.join("in").join(name), story(1, "kudu")).unwrap();
    let run = dir.lede(&["index", "in"]);
    run.expect_code(0);
    assert_eq!(count(&dir, "kudu"), 1);
    let again = dir.lede(&["index", "in"]);
    assert!(
        summary(&again).contains("1 file unchanged"),
        "{}",
        again.stderr
    );
    std::fs::remove_file(dir.join("in").join(name)).unwrap();
    dir.lede(&["index", "in"]).expect_code(0);
    assert_eq!(count(&dir, "kudu"), 0);
}

#[test]
fn a_file_deleted_between_the_walk_and_the_read_is_reported_and_forgotten() {
    // The race itself, through the library: the walk finds the file, it is
    // deleted, the read reports it as vanished.
    let dir = Dir::new();
    dir.write("in/gone.txt", story(1, "dikdik"));
    let roots = [dir.join("in")];
    let found: Vec<PathBuf> = lede::ingest::walk(&roots, Default::default())
        .filter_map(|e| match e {
            lede::ingest::WalkEvent::File(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1);
    std::fs::remove_file(&found[0]).unwrap();
    let err = lede::ingest::read_bytes(&found[0]).unwrap_err();
    assert_eq!(err.kind(), "vanished");
    assert!(err.to_string().contains("deleted or moved"), "{err}");
    // Through the binary, a file that vanished takes its article along.
    dir.write("in/gone.txt", story(1, "dikdik"));
    dir.lede(&["index", "in"]).expect_code(0);
    std::fs::remove_file(dir.join("in/gone.txt")).unwrap();
    dir.lede(&["index", "in"]).expect_code(0);
    assert_eq!(count(&dir, "dikdik"), 0);
}

#[test]
fn the_commit_interval_can_be_shortened_for_tests() {
    // Periodic commits: with the interval at 0 every batch commits, and the
    // file table stays consistent across many commits.
    let dir = Dir::new();
    for n in 0..600 {
        dir.write(&format!("in/s{n:04}.txt"), story(n, "oryx"));
    }
    let run = lede_env(
        dir.path(),
        &["index", "in"],
        &[("LEDE_COMMIT_INTERVAL_MS", "0")],
    );
    run.expect_code(0);
    assert_eq!(count(&dir, "oryx"), 600);
    let again = dir.lede(&["index", "in"]);
    assert!(
        summary(&again).contains("600 files unchanged"),
        "{}",
        again.stderr
    );
}
