//! Writing articles: one tantivy `IndexWriter` (itself multithreaded) with a
//! memory budget. An article replaces any earlier document with its id, and
//! joins the duplicate group of an indexed article telling the same story
//! (see `dedup`).
//!
//! The costly, order-free part of adding an article (its tantivy document,
//! shingles and band keys) is done by [`prepare`], which extraction threads
//! call; the writer itself only looks up the duplicate group, adds it to the
//! document and hands the document to tantivy. Each commit carries a
//! payload (lede's file table generation, see `state`) that tantivy stores
//! atomically with the commit.
//!
//! lede's own write lock (`open::write_lock`) is taken at once; tantivy's
//! writer, with its threads and memory arenas, and the reader the duplicate
//! lookups search, start only when first needed, so a re-run that finds
//! nothing changed starts neither (they were a fifth of its time).

use std::cell::OnceCell;
use std::collections::HashMap;

use tantivy::directory::DirectoryLock;
use tantivy::schema::{Field, IndexRecordOption, Term, Value};
use tantivy::{
    DocAddress, DocId, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, SegmentReader,
    TantivyDocument, TERMINATED,
};

use super::band_filter::BandFilter;
use super::dedup;
use super::error::IndexError;
use super::merge::{CappedMerges, MERGE_BUDGET_BYTES};
use super::open::{lock_error, take_write_lock, OpenIndex};
use super::schema::Fields;
use crate::article::Article;

/// Default memory budget of the writer, shared by its threads.
pub const DEFAULT_MEMORY_BYTES: usize = 256 * 1024 * 1024;

/// Candidates checked per article when looking for its duplicate group.
const MAX_CANDIDATES: usize = 8;

/// Duplicate lookups in the committed index, per committed document, after
/// which the writer reads the index's band keys into a filter (see
/// `band_filter`). Measured on 1,000,000 synthetic articles: reading their
/// 8,000,000 keys took 4.5 s; a profile at 300,000 put a lookup near 18 us,
/// more as segments add up, so the scan costs roughly what 180,000 lookups
/// do, and a run adding fewer articles than a fifth of the index never
/// reads the keys.
const LOOKUPS_BEFORE_FILTER_PER_DOC: f64 = 0.2;

/// An article written since the last commit, for duplicate lookups that the
/// committed index cannot answer yet.
struct Pending {
    id: String,
    group: String,
    shingles: Vec<u64>,
}

/// An article made ready for [`Writer::add_prepared`]: its tantivy document
/// (all but the duplicate group, which only the writer can decide) and its
/// near-duplicate fingerprint.
#[derive(Debug)]
pub struct PreparedArticle {
    /// The article's stable id.
    pub id: String,
    doc: TantivyDocument,
    shingles: Vec<u64>,
    bands: Vec<u64>,
}

/// A body's near-duplicate fingerprint: its shingles, and the band keys of
/// its MinHash signature (none for a body too short to have one).
pub fn fingerprint(body: &str) -> (Vec<u64>, Vec<u64>) {
    let shingles = dedup::shingles(body);
    let bands = dedup::signature(&shingles)
        .map(|s| dedup::band_keys(&s))
        .unwrap_or_default();
    (shingles, bands)
}

/// Builds an article's document, shingles and band keys: the costly,
/// order-free part of adding it (pure; call it on any thread).
pub fn prepare(fields: &Fields, article: Article) -> PreparedArticle {
    let (shingles, bands) = fingerprint(&article.body);
    let doc = super::document::to_document(fields, &article, &bands);
    PreparedArticle {
        id: article.id,
        doc,
        shingles,
        bands,
    }
}

impl PreparedArticle {
    /// The tantivy document the writer would add for an article that is
    /// the first of its duplicate group: for benchmarks and tools that
    /// index lede's documents with tantivy alone.
    pub fn into_document(self, fields: &Fields) -> TantivyDocument {
        let mut doc = self.doc;
        doc.add_text(fields.group, &self.id);
        doc
    }
}

/// Whether an added article may replace a document already written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// A document with the same id may exist: delete it first.
    Any,
    /// No document has this id (the caller knows every id written).
    None,
}

/// Adds articles to an index and commits them.
pub struct Writer {
    index: Index,
    memory_bytes: usize,
    /// lede's write lock, held while the writer lives.
    _lock: std::sync::Arc<DirectoryLock>,
    /// tantivy's writer, started by the first change (see [`Writer::tantivy`]).
    writer: Option<IndexWriter<TantivyDocument>>,
    /// The committed index, opened by the first duplicate lookup.
    reader: OnceCell<IndexReader>,
    /// The payload of the last commit.
    payload: Option<String>,
    /// How many documents the index held when the writer was made.
    docs: u64,
    fields: Fields,
    /// The index directory: named in errors, and where the merge policy
    /// reads segment sizes.
    dir: std::path::PathBuf,
    pending: Vec<Pending>,
    pending_bands: HashMap<u64, Vec<usize>>,
    /// Ids deleted since the last commit: still in the committed index the
    /// duplicate lookups search, but no group to join (a changed file's
    /// new version would otherwise join its own old version's group).
    deleted: std::collections::HashSet<String>,
    /// Where the committed index holds the deleted ids (and the id being
    /// added), looked up only when a lookup finds committed candidates, so
    /// those are skipped without loading their stored documents (a changed
    /// file's new version always finds its old one).
    unresolved: Vec<String>,
    deleted_docs: std::collections::HashSet<DocAddress>,
    /// The band keys of the committed index, once known (see `band_filter`).
    committed_bands: Option<BandFilter>,
    /// Lookups in the committed index while `committed_bands` is unknown,
    /// and how many make reading the filter worth it.
    lookups: usize,
    lookups_before_filter: usize,
}

impl Writer {
    /// Takes the index's write lock; tantivy's writer gets `memory_bytes`
    /// when it starts.
    pub fn new(index: &OpenIndex, memory_bytes: usize) -> Result<Writer, IndexError> {
        let lock = match &index.lock {
            Some(lock) => lock.clone(),
            None => take_write_lock(&index.path)?,
        };
        let metas = index
            .index
            .load_metas()
            .map_err(|e| IndexError::tantivy(&index.path, e))?;
        sweep(&index.index, &index.path, &metas)?;
        let docs: u64 = metas.segments.iter().map(|s| u64::from(s.num_docs())).sum();
        // An empty index has no band keys: every candidate will be pending.
        let committed_bands = (docs == 0).then(|| BandFilter::with_capacity(0));
        let lookups_before_filter = (docs as f64 * LOOKUPS_BEFORE_FILTER_PER_DOC) as usize;
        Ok(Writer {
            index: index.index.clone(),
            memory_bytes,
            _lock: lock,
            writer: None,
            reader: OnceCell::new(),
            payload: metas.payload,
            docs,
            fields: index.fields.clone(),
            dir: index.path.clone(),
            pending: Vec::new(),
            pending_bands: HashMap::new(),
            deleted: Default::default(),
            unresolved: Vec::new(),
            deleted_docs: Default::default(),
            committed_bands,
            lookups: 0,
            lookups_before_filter,
        })
    }

    /// tantivy's writer, started on first use. Its own lock cannot be busy
    /// while lede's is held, unless a program other than lede writes here.
    fn tantivy(&mut self) -> Result<&mut IndexWriter<TantivyDocument>, IndexError> {
        let writer = match self.writer.take() {
            Some(writer) => writer,
            None => {
                let writer =
                    self.index
                        .writer(self.memory_bytes)
                        .map_err(|source| match source {
                            tantivy::TantivyError::LockFailure(e, _) => {
                                lock_error(e, &self.shown())
                            }
                            source => self.err(source),
                        })?;
                writer.set_merge_policy(Box::new(CappedMerges::new(
                    self.dir.clone(),
                    MERGE_BUDGET_BYTES,
                )));
                writer
            }
        };
        Ok(self.writer.insert(writer))
    }

    /// The committed index, opened on first use.
    fn reader(&self) -> Result<&IndexReader, IndexError> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader);
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| self.err(e))?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// The index directory as errors name it.
    fn shown(&self) -> String {
        self.dir.display().to_string()
    }

    fn err(&self, source: tantivy::TantivyError) -> IndexError {
        IndexError::tantivy(&self.dir, source)
    }

    /// Adds an article, replacing any document with the same id, in the
    /// duplicate group of the first indexed article that tells the same story.
    pub fn add(&mut self, article: &Article) -> Result<(), IndexError> {
        self.add_prepared(prepare(&self.fields, article.clone()), Replace::Any)
    }

    /// The field handles, for [`prepare`] on other threads.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Adds a prepared article (see [`Writer::add`]). With [`Replace::None`]
    /// the caller vouches that no document with this id exists, and the
    /// writer skips the delete: each delete is checked against every
    /// segment at commit, a cost that grows with the index.
    pub fn add_prepared(
        &mut self,
        prepared: PreparedArticle,
        replace: Replace,
    ) -> Result<(), IndexError> {
        let PreparedArticle {
            id,
            mut doc,
            shingles,
            bands,
        } = prepared;
        let group = if bands.is_empty() {
            id.clone()
        } else {
            self.find_group(&id, &shingles, &bands)?
                .unwrap_or_else(|| id.clone())
        };
        doc.add_text(self.fields.group, &group);
        if group != id {
            doc.add_text(self.fields.copy_of, &group);
        }
        let id_field = self.fields.id;
        let writer = self.tantivy()?;
        if replace == Replace::Any {
            writer.delete_term(Term::from_field_text(id_field, &id));
        }
        if let Err(e) = writer.add_document(doc) {
            let cause = self.worker_error().unwrap_or(e);
            return Err(self.err(cause));
        }
        if !bands.is_empty() {
            let slot = self.pending.len();
            for band in &bands {
                self.pending_bands.entry(*band).or_default().push(slot);
            }
            self.pending.push(Pending {
                id,
                group,
                shingles,
            });
        }
        Ok(())
    }

    /// Adds many prepared articles at once (see [`Writer::add_prepared`]),
    /// with one delete for all those that replace a document, issued before
    /// any of them is added: a delete per article costs tantivy a few
    /// hundred bytes until the commit (300 MB for a re-read file of a
    /// million records) and a check against every segment at the commit.
    /// An id given twice keeps its last article, as one added after the
    /// other would.
    pub fn add_all(&mut self, items: Vec<(PreparedArticle, Replace)>) -> Result<(), IndexError> {
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        let mut kept: Vec<(PreparedArticle, Replace)> = items
            .into_iter()
            .rev()
            .filter(|(p, _)| seen.insert(p.id.clone()))
            .collect();
        kept.reverse();
        let replaced: Vec<Term> = kept
            .iter()
            .filter(|(_, r)| *r == Replace::Any)
            .map(|(p, _)| Term::from_field_text(self.fields.id, &p.id))
            .collect();
        match replaced.len() {
            0 => {}
            1 => {
                let term = replaced.into_iter().next().expect("one term");
                self.tantivy()?.delete_term(term);
            }
            _ => {
                let query = tantivy::query::TermSetQuery::new(replaced);
                let writer = self.tantivy()?;
                let deleted = writer.delete_query(Box::new(query));
                deleted.map_err(|e| self.err(e))?;
            }
        }
        for (prepared, _) in kept {
            self.add_prepared(prepared, Replace::None)?;
        }
        Ok(())
    }

    /// When an indexing thread has died, `add_document` only says that it
    /// did; joining the threads, as a commit does, returns the error that
    /// killed it (a full disk, say), which is what the user needs to see.
    /// Nothing is committed.
    fn worker_error(&mut self) -> Option<tantivy::TantivyError> {
        match self.writer.as_mut()?.prepare_commit() {
            Err(e) => Some(e),
            Ok(prepared) => {
                let _ = prepared.abort();
                None
            }
        }
    }

    /// Deletes the article with this id (no document: nothing happens).
    pub fn delete(&mut self, id: &str) -> Result<(), IndexError> {
        let term = Term::from_field_text(self.fields.id, id);
        self.tantivy()?.delete_term(term);
        self.deleted.insert(id.to_string());
        self.unresolved.push(id.to_string());
        // A pending article with this id must not become a group leader.
        if let Some(p) = self.pending.iter_mut().find(|p| p.id == id) {
            p.shingles.clear();
        }
        Ok(())
    }

    /// Deletes every document; the next commit leaves an empty index.
    pub fn delete_all(&mut self) -> Result<(), IndexError> {
        let deleted = self.tantivy()?.delete_all_documents();
        deleted.map_err(|e| self.err(e))?;
        self.pending.clear();
        self.pending_bands.clear();
        self.unresolved.clear();
        self.deleted_docs.clear();
        self.committed_bands = Some(BandFilter::with_capacity(0));
        Ok(())
    }

    /// The group of an already written article telling the same story.
    fn find_group(
        &mut self,
        id: &str,
        shingles: &[u64],
        bands: &[u64],
    ) -> Result<Option<String>, IndexError> {
        // Articles written since the last commit first: most copies arrive together.
        let mut seen = std::collections::HashSet::new();
        for band in bands {
            for &slot in self.pending_bands.get(band).into_iter().flatten() {
                let p = &self.pending[slot];
                if p.id != id
                    && seen.insert(slot)
                    && seen.len() <= MAX_CANDIDATES
                    && dedup::jaccard(shingles, &p.shingles) >= dedup::THRESHOLD
                {
                    return Ok(Some(p.group.clone()));
                }
            }
        }
        if self.committed_bands.is_none() {
            self.lookups += 1;
            if self.lookups > self.lookups_before_filter {
                self.committed_bands = Some(self.read_committed_bands()?);
            }
        }
        let searcher = self.reader()?.searcher();
        let bands: Vec<u64> = bands
            .iter()
            .copied()
            .filter(|&b| {
                self.committed_bands
                    .as_ref()
                    .map_or(true, |f| f.may_contain(b))
            })
            .collect();
        if bands.is_empty() {
            return Ok(None);
        }
        let top = self.committed_candidates(&searcher, &bands)?;
        if top.is_empty() {
            return Ok(None);
        }
        for deleted in self.unresolved.drain(..) {
            self.deleted_docs
                .extend(committed_docs_of(&searcher, self.fields.id, &deleted));
        }
        let own = committed_docs_of(&searcher, self.fields.id, id);
        for address in top {
            if own.contains(&address) || self.deleted_docs.contains(&address) {
                continue;
            }
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.err(e))?;
            let text = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let candidate = text(self.fields.id);
            if candidate == id || self.deleted.contains(&candidate) {
                continue;
            }
            if dedup::jaccard(shingles, &dedup::shingles(&text(self.fields.body)))
                >= dedup::THRESHOLD
            {
                // The candidate's group: the one it copies, or its own.
                let group = Some(text(self.fields.copy_of))
                    .filter(|g| !g.is_empty())
                    .unwrap_or_else(|| text(self.fields.id));
                return Ok(Some(group));
            }
        }
        Ok(None)
    }

    /// The committed articles sharing the most of these band keys (at most
    /// [`MAX_CANDIDATES`], most shared first). Counted from the postings
    /// directly: a scored query would look every key up in every segment
    /// twice (once for its BM25 statistics), a tenth of a re-run that
    /// re-reads changed files.
    fn committed_candidates(
        &self,
        searcher: &tantivy::Searcher,
        bands: &[u64],
    ) -> Result<Vec<DocAddress>, IndexError> {
        let mut shared: HashMap<DocAddress, u32> = HashMap::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for &band in bands {
                let term = Term::from_field_u64(self.fields.lsh, band);
                for_each_live_doc(segment, &term, |doc| {
                    *shared.entry(DocAddress::new(ord as u32, doc)).or_default() += 1;
                })
                .map_err(|e| self.err(e))?;
            }
        }
        let mut top: Vec<(DocAddress, u32)> = shared.into_iter().collect();
        top.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(top
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(address, _)| address)
            .collect())
    }

    /// Every band key of the committed index, read from its term dictionaries.
    fn read_committed_bands(&self) -> Result<BandFilter, IndexError> {
        let searcher = self.reader()?.searcher();
        let io = |e: std::io::Error| self.err(e.into());
        let mut dictionaries = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.lsh)
                .map_err(|e| self.err(e))?;
            dictionaries.push(inverted);
        }
        let keys = dictionaries.iter().map(|d| d.terms().num_terms()).sum();
        let mut filter = BandFilter::with_capacity(keys);
        for inverted in &dictionaries {
            let mut terms = inverted.terms().stream().map_err(io)?;
            while terms.advance() {
                if let Ok(bytes) = <[u8; 8]>::try_from(terms.key()) {
                    filter.insert(u64::from_be_bytes(bytes));
                }
            }
        }
        Ok(filter)
    }

    /// The ids of every live document of the committed index (a repair
    /// compares them with the file table's; it reads every id's postings).
    pub fn committed_ids(&self) -> Result<foldhash::HashSet<u64>, IndexError> {
        let searcher = self.reader()?.searcher();
        let io = |e: std::io::Error| self.err(e.into());
        let mut ids = foldhash::HashSet::default();
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(self.fields.id)
                .map_err(|e| self.err(e))?;
            let alive = segment.alive_bitset();
            let mut terms = inverted.terms().stream().map_err(io)?;
            while terms.advance() {
                let Some(id) = std::str::from_utf8(terms.key())
                    .ok()
                    .and_then(super::state::parse_id)
                else {
                    continue;
                };
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                    .map_err(io)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if alive.map_or(true, |a| a.is_alive(doc)) {
                        ids.insert(id);
                        break;
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(ids)
    }

    /// How many documents the index held when the writer was made.
    pub fn committed_docs(&self) -> u64 {
        self.docs
    }

    /// The payload of the last commit (lede's file table generation).
    pub fn committed_payload(&self) -> Option<&str> {
        self.payload.as_deref()
    }

    /// Makes everything added so far durable and visible to searches. The
    /// last commit's payload (lede's file table generation) is kept, so a
    /// commit made outside `lede index` does not make it forget its files.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        let payload = self.payload.clone();
        self.commit_with_payload(payload.as_deref())
    }

    /// Like [`Writer::commit`], recording `payload` with the commit (`None`
    /// records none).
    pub fn commit_with_payload(&mut self, payload: Option<&str>) -> Result<(), IndexError> {
        let dir = self.dir.clone();
        let err = |source| IndexError::tantivy(&dir, source);
        let writer = self.tantivy()?;
        let mut prepared = writer.prepare_commit().map_err(&err)?;
        if let Some(payload) = payload {
            prepared.set_payload(payload);
        }
        prepared.commit().map_err(&err)?;
        self.payload = payload.map(str::to_string);
        if let Some(reader) = self.reader.get() {
            reader.reload().map_err(|e| self.err(e))?;
        }
        if let Some(filter) = &mut self.committed_bands {
            for &band in self.pending_bands.keys() {
                filter.insert(band);
            }
        }
        self.pending.clear();
        self.pending_bands.clear();
        self.deleted.clear();
        self.unresolved.clear();
        self.deleted_docs.clear();
        Ok(())
    }

    /// Commits and waits for the writer's threads (merges) to finish.
    pub fn finish(mut self) -> Result<(), IndexError> {
        self.commit()?;
        self.wait()
    }

    /// Waits for the writer's threads (merges) to finish, without
    /// committing (anything not committed is dropped).
    /// Files of segments merged away while the duplicate lookups' reader
    /// still held them are removed then (tantivy keeps them for its readers).
    pub fn wait(self) -> Result<(), IndexError> {
        let Some(writer) = self.writer else {
            return Ok(());
        };
        writer
            .wait_merging_threads()
            .map_err(|source| IndexError::tantivy(&self.dir, source))?;
        drop(self.reader);
        let metas = self
            .index
            .load_metas()
            .map_err(|e| IndexError::tantivy(&self.dir, e))?;
        sweep(&self.index, &self.dir, &metas)
    }
}

/// Removes what a killed run left in the index directory: files of
/// segments and deletions its last commit does not name (a leftover
/// deletions file would make the next commit of the same deletions fail),
/// and temporary files of atomic writes. Runs under lede's write lock,
/// before tantivy's writer starts, and under tantivy's meta lock, which
/// readers hold while they open the files `meta.json` names.
fn sweep(
    index: &Index,
    dir: &std::path::Path,
    metas: &tantivy::IndexMeta,
) -> Result<(), IndexError> {
    use tantivy::directory::{Directory, META_LOCK};
    let io = |source| IndexError::io(dir, source);
    let mut living = metas.list_segment_files();
    living.insert(std::path::PathBuf::from("meta.json"));
    let _readers_wait = index
        .directory()
        .acquire_lock(&META_LOCK)
        .map_err(|e| lock_error(e, &dir.display().to_string()))?;
    super::directory::sweep_leftovers(dir, &living).map_err(io)?;
    Ok(())
}

/// Where the committed index holds documents with this id (none when the
/// lookup fails: the caller then checks the loaded document's id).
fn committed_docs_of(searcher: &tantivy::Searcher, field: Field, id: &str) -> Vec<DocAddress> {
    let term = Term::from_field_text(field, id);
    let mut found = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let _ = for_each_live_doc(segment, &term, |doc| {
            found.push(DocAddress::new(ord as u32, doc));
        });
    }
    found
}

/// Calls `each` with every live document of one segment that holds `term`.
fn for_each_live_doc(
    segment: &SegmentReader,
    term: &Term,
    mut each: impl FnMut(DocId),
) -> tantivy::Result<()> {
    let inverted = segment.inverted_index(term.field())?;
    let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
        return Ok(());
    };
    let alive = segment.alive_bitset();
    let mut doc = postings.doc();
    while doc != TERMINATED {
        if alive.map_or(true, |a| a.is_alive(doc)) {
            each(doc);
        }
        doc = postings.advance();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;
    use crate::index::open_or_create;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            path: format!("{id}.txt"),
            format: Format::Text,
            url: None,
            title: Some("Harbour reopens".into()),
            dek: None,
            authors: Vec::new(),
            outlet: None,
            published: None,
            lang: Some("en".into()),
            body: body.into(),
        }
    }

    fn story(ending: &str) -> String {
        let lead = "The harbour reopened on Tuesday after three weeks of repairs to the \
            sea wall, which storms had broken in two places last month. Fishing boats \
            queued at the entrance from dawn, and the harbour master said the first \
            ferry would sail at noon if the wind stayed low. Engineers will inspect \
            the wall again in spring before the next season of storms arrives.";
        format!("{lead} {ending}")
    }

    /// The group a document was put in: the id it copies, or none.
    fn copy_of(index: &OpenIndex, id: &str) -> Option<String> {
        let reader = index.index.reader().unwrap();
        let searcher = reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(index.fields.id, id),
            IndexRecordOption::Basic,
        );
        let (_, address) = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .unwrap()
            .into_iter()
            .next()
            .expect("the document is indexed");
        let doc: TantivyDocument = searcher.doc(address).unwrap();
        doc.get_first(index.fields.copy_of)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }

    #[test]
    fn a_revised_article_does_not_join_the_group_of_its_deleted_old_version() {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path(), false).unwrap();
        let mut writer = Writer::new(&index, 50_000_000).unwrap();
        writer
            .add(&article("old", &story("Tolls stay unchanged.")))
            .unwrap();
        writer.finish().unwrap();

        // The file changed: its old article goes, the revised one comes in
        // the same run, while the old one is still in the committed index.
        let mut writer = Writer::new(&index, 50_000_000).unwrap();
        writer.delete("old").expect("delete");
        writer
            .add(&article("revised", &story("Tolls stay the same.")))
            .unwrap();
        writer.finish().unwrap();
        assert_eq!(copy_of(&index, "revised"), None);
    }

    #[test]
    fn copies_join_a_group_committed_in_an_earlier_run_with_or_without_the_band_filter() {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path(), false).unwrap();
        let original = article("original", &story("Tolls stay unchanged."));
        let mut writer = Writer::new(&index, 50_000_000).unwrap();
        writer.add(&original).unwrap();
        writer.finish().unwrap();

        // A later run: the filter is read from the index's term dictionaries.
        let mut writer = Writer::new(&index, 50_000_000).unwrap();
        assert!(
            writer.committed_bands.is_none(),
            "a non-empty index's bands are unknown at first"
        );
        let filter = writer.read_committed_bands().unwrap();
        let bands = prepare(&index.fields, original.clone()).bands;
        assert_eq!(bands.len(), 8);
        assert!(bands.iter().all(|&b| filter.may_contain(b)));
        writer.committed_bands = Some(filter);
        writer
            .add(&article("copy-1", &story("Tolls stay the same.")))
            .unwrap();
        writer.finish().unwrap();

        // Another run that asks the index directly.
        let mut writer = Writer::new(&index, 50_000_000).unwrap();
        writer
            .add(&article("copy-2", &story("Tolls are unchanged.")))
            .unwrap();
        writer
            .add(&article(
                "other",
                "A different story about a library that lends tools, \
                seeds and sewing machines to anyone with a card, run by volunteers on \
                Saturdays in the old fire station beside the market square.",
            ))
            .unwrap();
        writer.finish().unwrap();

        assert_eq!(copy_of(&index, "original"), None);
        assert_eq!(copy_of(&index, "copy-1").as_deref(), Some("original"));
        assert_eq!(copy_of(&index, "copy-2").as_deref(), Some("original"));
        assert_eq!(copy_of(&index, "other"), None);
    }
}
