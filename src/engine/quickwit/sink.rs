//! Indexing into a Quickwit cluster: the sink an update run writes through
//! (`crate::index::update::run`, the same run as for the local index).
//!
//! Articles are sent through Quickwit's ingest API in batches under its
//! request size limit; a replaced or deleted article is removed with a
//! delete task (by id, many ids per task). A commit sends what is pending
//! and only then records the file table's generation in this machine's
//! state directory (`engine-commit.json`, written atomically): a file is
//! marked done only once the cluster has acknowledged its articles, so a
//! killed run sends them again, and the cluster never lacks what the table
//! says it has. Quickwit applies delete tasks asynchronously (its janitor
//! rewrites the splits that hold deleted documents), so a replaced article
//! may show twice for a while after a run.
//!
//! A killed run leaves articles on the cluster that its file table does
//! not record, and the next run would send them again. So before each
//! batch goes out its ids are appended to a journal (`engine-inflight` in
//! the state directory), removed once the commit is recorded; a run that
//! finds a journal first waits until whatever the killed run sent has been
//! published, then deletes those ids (they are sent again with their files).
//!
//! An id that two files of one run both yield (one story saved twice under
//! its url) keeps its first version on the cluster when the second comes
//! soon after it: a delete task reaches only what is already published, so
//! the second copy cannot replace a first one still in flight. The local
//! index keeps the last version instead.
//!
//! Copies of one story are grouped among the articles sent between two
//! commits (as the local writer does for the articles it holds before a
//! commit); the cluster is not asked for earlier copies.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

use super::mapping::{Document, Documents};
use super::{Quickwit, QuickwitError};
use crate::index::dedup;
use crate::index::directory::atomic_write;
use crate::index::sink::Sink;
use crate::index::update::UpdateError;
use crate::index::Replace;

/// Largest ingest request, in bytes (Quickwit refuses bodies over 10 MiB).
const BATCH_BYTES: usize = 4 << 20;
/// Ids per delete task.
const DELETE_IDS: usize = 500;
/// The commit record in the state directory.
pub const COMMIT_FILE: &str = "engine-commit.json";
/// The ids sent since the last commit record, one per line.
pub const INFLIGHT_FILE: &str = "engine-inflight";
/// How long after it is sent an article may still be unpublished (a few
/// times the index's commit timeout, `mapping::COMMIT_TIMEOUT_SECS`).
const IN_FLIGHT: Duration = Duration::from_secs(6 * super::mapping::COMMIT_TIMEOUT_SECS);

/// An article sent since the last commit, for duplicate lookups.
struct Pending {
    id: String,
    group: String,
    shingles: Vec<u64>,
}

/// Writes a run's articles to a Quickwit index.
pub struct ClusterSink<'a> {
    cluster: &'a Quickwit,
    state: PathBuf,
    payload: Option<String>,
    docs: u64,
    batch: String,
    deletes: Vec<String>,
    pending: Vec<Pending>,
    pending_bands: HashMap<u64, Vec<usize>>,
    /// Ids in the batch not yet sent.
    batch_ids: Vec<String>,
    /// Ids sent (or waiting in the batch) that may not be published yet.
    recent: HashSet<String>,
    /// When each recent id was sent, oldest first.
    recent_order: VecDeque<(Instant, String)>,
    /// The in-flight journal, open while it holds ids.
    journal: Option<std::fs::File>,
    /// Articles the cluster acknowledged in this run.
    pub sent: u64,
}

impl<'a> ClusterSink<'a> {
    /// A sink into `cluster`, its commits recorded in `state`.
    pub fn new(cluster: &'a Quickwit, state: &Path) -> Result<ClusterSink<'a>, QuickwitError> {
        let payload = std::fs::read(state.join(COMMIT_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|v| v.get("payload").and_then(Value::as_str).map(str::to_string));
        let mut sink = ClusterSink {
            cluster,
            state: state.to_path_buf(),
            payload,
            docs: 0,
            batch: String::new(),
            deletes: Vec::new(),
            pending: Vec::new(),
            pending_bands: HashMap::new(),
            batch_ids: Vec::new(),
            recent: HashSet::new(),
            recent_order: VecDeque::new(),
            journal: None,
            sent: 0,
        };
        sink.withdraw_in_flight()?;
        sink.docs = cluster.count_of(&json!({"match_all": {}}))? as u64;
        Ok(sink)
    }

    /// Deletes what a killed run sent after its last commit record, once
    /// it has been published (see the module's documentation).
    fn withdraw_in_flight(&mut self) -> Result<(), QuickwitError> {
        let path = self.state.join(INFLIGHT_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(QuickwitError::State { path, error }),
        };
        let ids: Vec<String> = text
            .lines()
            .filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric()))
            .map(str::to_string)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if !ids.is_empty() {
            let age = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .unwrap_or_default();
            if let Some(wait) = IN_FLIGHT.checked_sub(age) {
                eprintln!(
                    "lede: the last run into this cluster index was interrupted; waiting {} s \
                     for what it sent to be published, to withdraw its {} unrecorded articles",
                    wait.as_secs().max(1),
                    ids.len()
                );
                std::thread::sleep(wait);
            }
            self.send_deletes(&ids)?;
        }
        std::fs::remove_file(&path).map_err(|error| QuickwitError::State { path, error })
    }

    /// Appends the batch's ids to the in-flight journal, durably.
    fn journal_batch(&mut self) -> Result<(), QuickwitError> {
        let path = self.state.join(INFLIGHT_FILE);
        let fail = |error| QuickwitError::State {
            path: path.clone(),
            error,
        };
        if self.journal.is_none() {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(fail)?;
            self.journal = Some(file);
        }
        let mut lines = self.batch_ids.join("\n");
        lines.push('\n');
        let file = self.journal.as_mut().expect("opened above");
        file.write_all(lines.as_bytes()).map_err(fail)?;
        file.sync_data().map_err(fail)
    }

    /// Removes the in-flight journal: what it listed is recorded.
    fn close_journal(&mut self) -> Result<(), QuickwitError> {
        if self.journal.take().is_some() {
            let path = self.state.join(INFLIGHT_FILE);
            std::fs::remove_file(&path).map_err(|error| QuickwitError::State { path, error })?;
        }
        Ok(())
    }

    /// Forgets the recent ids sent long enough ago to be published.
    fn expire_recent(&mut self, now: Instant) {
        while let Some((at, _)) = self.recent_order.front() {
            if now.duration_since(*at) < IN_FLIGHT {
                break;
            }
            let (_, id) = self.recent_order.pop_front().expect("front exists");
            self.recent.remove(&id);
        }
    }

    /// The group of an article sent since the last commit that tells the
    /// same story.
    fn group_of(&self, doc: &Document) -> Option<String> {
        let mut seen = HashSet::new();
        for band in &doc.bands {
            for &slot in self.pending_bands.get(band).into_iter().flatten() {
                let p = &self.pending[slot];
                if p.id != doc.id
                    && seen.insert(slot)
                    && dedup::jaccard(&doc.shingles, &p.shingles) >= dedup::THRESHOLD
                {
                    return Some(p.group.clone());
                }
            }
        }
        None
    }

    /// Sends the batch of documents.
    fn flush(&mut self) -> Result<(), QuickwitError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        self.journal_batch()?;
        let answer = self.cluster.client().post_ndjson(
            &format!(
                "/api/v1/{}/ingest?detailed_response=true",
                self.cluster.index_id()
            ),
            &self.batch,
        )?;
        self.sent += answer
            .get("num_docs_for_processing")
            .or_else(|| answer.get("num_ingested_docs"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if let Some(rejected) = answer.get("num_rejected_docs").and_then(Value::as_u64) {
            if rejected > 0 {
                let why = answer
                    .pointer("/parse_failures/0/message")
                    .and_then(Value::as_str)
                    .unwrap_or("no reason given");
                return Err(QuickwitError::BadResponse(format!(
                    "the cluster rejected {rejected} documents of a batch (the first: {why})"
                )));
            }
        }
        self.batch.clear();
        let now = Instant::now();
        for id in self.batch_ids.drain(..) {
            self.recent_order.push_back((now, id));
        }
        self.expire_recent(now);
        Ok(())
    }

    /// Sends delete tasks for the ids waiting.
    fn send_deletes(&mut self, ids: &[String]) -> Result<(), QuickwitError> {
        for chunk in ids.chunks(DELETE_IDS) {
            let query = format!("id: IN [{}]", chunk.join(" "));
            self.cluster.client().post_json(
                &format!("/api/v1/{}/delete-tasks", self.cluster.index_id()),
                &json!({"query": query, "search_field": ["id"]}),
            )?;
        }
        Ok(())
    }
}

impl From<QuickwitError> for UpdateError {
    fn from(e: QuickwitError) -> UpdateError {
        UpdateError::Sink(Box::new(e))
    }
}

impl Sink for ClusterSink<'_> {
    type Doc = Document;
    type Preparer = Documents;
    type Error = QuickwitError;

    fn preparer(&self) -> Documents {
        Documents
    }

    fn committed_payload(&self) -> Option<&str> {
        self.payload.as_deref()
    }

    fn committed_docs(&self) -> u64 {
        self.docs
    }

    fn committed_ids(&self) -> Result<Option<HashSet<u64>>, QuickwitError> {
        // The cluster is not listed: counts lag behind asynchronous
        // indexing, so a repair would read it wrong.
        Ok(None)
    }

    fn add_all(&mut self, items: Vec<(Document, Replace)>) -> Result<(), QuickwitError> {
        // An id given twice keeps its last article.
        let mut seen = HashSet::with_capacity(items.len());
        let mut kept: Vec<(Document, Replace)> = items
            .into_iter()
            .rev()
            .filter(|(d, _)| seen.insert(d.id.clone()))
            .collect();
        kept.reverse();
        // One sent a moment ago keeps its first version (see the module's
        // documentation).
        kept.retain(|(d, _)| !self.recent.contains(&d.id));
        // Older versions go before the new ones arrive (a delete task
        // applies to what the cluster published before it).
        let replaced: Vec<String> = kept
            .iter()
            .filter(|(_, r)| *r == Replace::Any)
            .map(|(d, _)| d.id.clone())
            .collect();
        self.send_deletes(&replaced)?;
        for (doc, _) in kept {
            let group = self.group_of(&doc).unwrap_or_else(|| doc.id.clone());
            let mut json = doc.json;
            json.insert("group".into(), json!(group));
            if group != doc.id {
                json.insert("copy_of".into(), json!(group));
            }
            let line = Value::Object(json).to_string();
            if self.batch.len() + line.len() + 1 > BATCH_BYTES {
                self.flush()?;
            }
            self.batch.push_str(&line);
            self.batch.push('\n');
            self.recent.insert(doc.id.clone());
            self.batch_ids.push(doc.id.clone());
            if !doc.bands.is_empty() {
                let slot = self.pending.len();
                for band in &doc.bands {
                    self.pending_bands.entry(*band).or_default().push(slot);
                }
                self.pending.push(Pending {
                    id: doc.id,
                    group,
                    shingles: doc.shingles,
                });
            }
        }
        Ok(())
    }

    fn delete(&mut self, id: &str) -> Result<(), QuickwitError> {
        self.deletes.push(id.to_string());
        if let Some(p) = self.pending.iter_mut().find(|p| p.id == id) {
            p.shingles.clear();
        }
        Ok(())
    }

    fn delete_all(&mut self) -> Result<(), QuickwitError> {
        // A rebuild: the index is made anew (at once: a cluster has no
        // commit that would swap the old content for the new).
        self.cluster.delete_index()?;
        self.cluster.ensure_index()?;
        self.batch.clear();
        self.batch_ids.clear();
        self.close_journal()?;
        self.recent.clear();
        self.recent_order.clear();
        self.deletes.clear();
        self.pending.clear();
        self.pending_bands.clear();
        self.docs = 0;
        Ok(())
    }

    fn commit_with_payload(&mut self, payload: &str) -> Result<(), QuickwitError> {
        let deletes = std::mem::take(&mut self.deletes);
        self.send_deletes(&deletes)?;
        self.flush()?;
        let record = json!({
            "engine": format!("{}/{}", self.cluster.client().base(), self.cluster.index_id()),
            "payload": payload,
        });
        let file = self.state.join(COMMIT_FILE);
        atomic_write(&file, record.to_string().as_bytes())
            .map_err(|error| QuickwitError::State { path: file, error })?;
        self.payload = Some(payload.to_string());
        self.close_journal()?;
        self.pending.clear();
        self.pending_bands.clear();
        Ok(())
    }
}

/// Builds or updates the cluster index from the files under its roots,
/// through the same run as the local index; `config.index` is the local
/// state directory (file table and roots).
pub fn update(
    config: &crate::index::UpdateConfig,
    cluster: &Quickwit,
    cancel: &crate::index::Cancel,
    progress: &dyn crate::index::Progress,
) -> Result<crate::index::UpdateReport, UpdateError> {
    let started = std::time::Instant::now();
    let engine = format!("{}/{}", cluster.client().base(), cluster.index_id());
    let mut state = crate::index::open_state_dir(
        &config.index,
        &engine,
        config.full,
        &[COMMIT_FILE, INFLIGHT_FILE],
    )?;
    if config.full {
        cluster.delete_index()?;
    }
    cluster.ensure_index()?;
    let mut sink = ClusterSink::new(cluster, &config.index)?;
    let mut report = crate::index::UpdateReport::default();
    let (walked, changed) =
        crate::index::update::plan_roots(config, &mut state.info, &mut report, progress)?;
    if changed {
        state.save_info()?;
    }
    crate::index::update::run(config, &walked, &mut sink, &mut report, progress, cancel)?;
    report.elapsed = started.elapsed();
    Ok(report)
}
