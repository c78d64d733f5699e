//! Which segments tantivy merges: its log-size levels, with no merge reading
//! more than [`MERGE_BUDGET_BYTES`] of segments.
//!
//! tantivy merges segments of similar size as they pile up, and reads the
//! segments of a merge through memory maps, whose pages count towards the
//! process's resident memory until the merge ends. Left alone, the last
//! merges of a large build read most of the index at once: two builds of
//! 1,000,000 synthetic files peaked at 1.8 and 1.9 GB resident, of which
//! 0.7 GB was lede's own memory and the rest the mapped pages of the final
//! merges (into a 1.2 GB segment). With the cap, the same build peaked at
//! 1.1 GB (0.5 GB of mapped pages) and what a merge maps stays bounded
//! whatever the archive's size, at the price of more segments, each
//! searched in turn (12 instead of 6 for that 1.3 GB index).

use std::collections::HashMap;
use std::path::PathBuf;

use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::SegmentMeta;

/// The most bytes of segments one merge reads: the writer's default memory
/// budget, so that a merge maps no more than indexing holds in its arenas.
pub const MERGE_BUDGET_BYTES: u64 = 256 * 1024 * 1024;

/// tantivy's [`LogMergePolicy`], with each merge cut to the smallest
/// segments it proposes that fit the byte budget.
#[derive(Debug)]
pub struct CappedMerges {
    inner: LogMergePolicy,
    /// The index directory, where segment sizes are read.
    dir: PathBuf,
    budget: u64,
}

impl CappedMerges {
    /// A policy for the index in `dir`, merging at most `budget` bytes at once.
    pub fn new(dir: PathBuf, budget: u64) -> CappedMerges {
        CappedMerges {
            inner: LogMergePolicy::default(),
            dir,
            budget,
        }
    }

    /// The bytes a merge reads of this segment: all its files. A file that
    /// cannot be read counts as the whole budget, so the segment is not
    /// merged on a guess.
    fn size(&self, segment: &SegmentMeta) -> u64 {
        let mut components = vec![
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
        ];
        if segment.has_deletes() {
            components.push(SegmentComponent::Delete);
        }
        components
            .into_iter()
            .map(|component| {
                let path = self.dir.join(segment.relative_path(component));
                std::fs::metadata(path).map_or(self.budget, |m| m.len())
            })
            .sum()
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let candidates = self.inner.compute_merge_candidates(segments);
        if candidates.is_empty() {
            return candidates;
        }
        let sizes: HashMap<SegmentId, u64> = segments
            .iter()
            .map(|segment| (segment.id(), self.size(segment)))
            .collect();
        candidates
            .into_iter()
            .filter_map(|candidate| cap(candidate, &sizes, self.budget))
            .collect()
    }
}

/// The smallest segments of a proposed merge that together fit the budget,
/// or nothing when fewer than two do (a merge of one segment only rewrites it).
fn cap(
    candidate: MergeCandidate,
    sizes: &HashMap<SegmentId, u64>,
    budget: u64,
) -> Option<MergeCandidate> {
    let size = |id: &SegmentId| sizes.get(id).copied().unwrap_or(budget);
    let mut ids = candidate.0;
    ids.sort_by_key(size);
    let mut total = 0u64;
    let fitting = ids
        .into_iter()
        .take_while(|id| {
            total = total.saturating_add(size(id));
            total <= budget
        })
        .collect::<Vec<_>>();
    (fitting.len() >= 2).then_some(MergeCandidate(fitting))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<SegmentId> {
        (0..n).map(|_| SegmentId::generate_random()).collect()
    }

    #[test]
    fn a_merge_keeps_the_smallest_segments_that_fit_the_budget() {
        let segments = ids(4);
        let sizes: HashMap<SegmentId, u64> = segments
            .iter()
            .zip([50, 10, 30, 20])
            .map(|(id, size)| (*id, size))
            .collect();
        let capped = cap(MergeCandidate(segments.clone()), &sizes, 60).expect("a merge");
        // 10 + 20 + 30 = 60 fits; adding the 50 would not.
        assert_eq!(capped.0, vec![segments[1], segments[3], segments[2]]);
    }

    #[test]
    fn no_merge_when_fewer_than_two_segments_fit() {
        let segments = ids(3);
        let sizes: HashMap<SegmentId, u64> = segments
            .iter()
            .zip([70, 80, 90])
            .map(|(id, s)| (*id, s))
            .collect();
        assert!(cap(MergeCandidate(segments), &sizes, 100).is_none());
    }

    #[test]
    fn a_segment_size_is_the_size_of_all_its_files() {
        use tantivy::schema::{Schema, STORED, TEXT};
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT | STORED);
        let index = tantivy::Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        writer
            .add_document(tantivy::doc!(body => "the harbour reopened on tuesday"))
            .unwrap();
        writer.commit().unwrap();
        let metas = index.searchable_segment_metas().unwrap();
        let [segment] = metas.as_slice() else {
            panic!("one segment expected, got {}", metas.len());
        };
        let prefix = segment.id().uuid_string();
        let on_disk: u64 = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.metadata().unwrap().len())
            .sum();
        let policy = CappedMerges::new(dir.path().to_path_buf(), MERGE_BUDGET_BYTES);
        assert!(on_disk > 0);
        assert_eq!(policy.size(segment), on_disk);
    }

    #[test]
    fn a_segment_of_unknown_size_is_not_merged() {
        let segments = ids(3);
        let sizes: HashMap<SegmentId, u64> = segments[..2].iter().map(|id| (*id, 10)).collect();
        let capped = cap(MergeCandidate(segments.clone()), &sizes, 100).expect("a merge");
        assert_eq!(capped.0.len(), 2);
        assert!(!capped.0.contains(&segments[2]));
    }
}
