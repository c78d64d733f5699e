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
//! Copies of one story are grouped among the articles sent between two
//! commits (as the local writer does for the articles it holds before a
//! commit); the cluster is not asked for earlier copies.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

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
        let docs = cluster.count_of(&json!({"match_all": {}}))? as u64;
        Ok(ClusterSink {
            cluster,
            state: state.to_path_buf(),
            payload,
            docs,
            batch: String::new(),
            deletes: Vec::new(),
            pending: Vec::new(),
            pending_bands: HashMap::new(),
            sent: 0,
        })
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
    let mut state =
        crate::index::open_state_dir(&config.index, &engine, config.full, &[COMMIT_FILE])?;
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
