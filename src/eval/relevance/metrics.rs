//! Ranking metrics as `trec_eval` computes them: average precision over a
//! ranking cut at [`DEPTH`], precision at 10, and nDCG at 10 with the
//! judged grades as gains (log2 discount). Documents without a judgment
//! count as not relevant; a query's ideal ranking is its judged documents
//! by grade.

use std::collections::HashMap;

use serde::Serialize;

/// Rank cut-off of average precision (MAP is "MAP@1000" by convention).
pub const DEPTH: usize = 1000;

/// Average precision of one ranking: the mean, over every relevant
/// document, of the precision at its rank (0 when it is not retrieved).
pub fn average_precision(ranked: &[String], judged: &HashMap<String, u32>) -> f64 {
    if judged.is_empty() {
        return 0.0;
    }
    let mut found = 0usize;
    let mut sum = 0.0;
    for (i, id) in ranked.iter().take(DEPTH).enumerate() {
        if judged.contains_key(id) {
            found += 1;
            sum += found as f64 / (i + 1) as f64;
        }
    }
    sum / judged.len() as f64
}

/// Share of the first `k` ranks holding a relevant document.
pub fn precision_at(ranked: &[String], judged: &HashMap<String, u32>, k: usize) -> f64 {
    let hits = ranked
        .iter()
        .take(k)
        .filter(|id| judged.contains_key(*id))
        .count();
    hits as f64 / k as f64
}

/// Normalized discounted cumulative gain of the first `k` ranks.
pub fn ndcg_at(ranked: &[String], judged: &HashMap<String, u32>, k: usize) -> f64 {
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, id)| f64::from(judged.get(id).copied().unwrap_or(0)) * discount(i))
        .sum();
    let mut ideal: Vec<u32> = judged.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| f64::from(*g) * discount(i))
        .sum();
    if idcg > 0.0 {
        dcg / idcg
    } else {
        0.0
    }
}

/// The mean figures of one run over a collection's judged queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Mean average precision.
    pub map: f64,
    /// Mean precision at 10.
    pub p10: f64,
    /// Mean nDCG at 10.
    pub ndcg10: f64,
    /// Queries averaged over.
    pub queries: usize,
}

/// Accumulates per-query figures into [`Scores`].
#[derive(Debug, Default)]
pub struct Tally {
    sums: Scores,
}

impl Tally {
    /// Adds one query's ranking.
    pub fn add(&mut self, ranked: &[String], judged: &HashMap<String, u32>) {
        self.sums.map += average_precision(ranked, judged);
        self.sums.p10 += precision_at(ranked, judged, 10);
        self.sums.ndcg10 += ndcg_at(ranked, judged, 10);
        self.sums.queries += 1;
    }

    /// The means.
    pub fn scores(&self) -> Scores {
        let n = self.sums.queries.max(1) as f64;
        Scores {
            map: self.sums.map / n,
            p10: self.sums.p10 / n,
            ndcg10: self.sums.ndcg10 / n,
            queries: self.sums.queries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn judged(v: &[(&str, u32)]) -> HashMap<String, u32> {
        v.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    #[test]
    fn average_precision_counts_unretrieved_relevant_documents_as_misses() {
        let j = judged(&[("a", 1), ("c", 1), ("z", 1)]);
        // a at 1 (1/1), c at 3 (2/3), z never: (1 + 2/3 + 0) / 3.
        let ap = average_precision(&ids(&["a", "b", "c"]), &j);
        assert!((ap - (1.0 + 2.0 / 3.0) / 3.0).abs() < 1e-12, "{ap}");
        assert_eq!(average_precision(&ids(&["b"]), &j), 0.0);
    }

    #[test]
    fn precision_at_ten_divides_by_ten_even_for_short_rankings() {
        let j = judged(&[("a", 1)]);
        assert!((precision_at(&ids(&["a"]), &j, 10) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_uses_grades_as_gains() {
        let j = judged(&[("a", 4), ("b", 1)]);
        assert!((ndcg_at(&ids(&["a", "b"]), &j, 10) - 1.0).abs() < 1e-12);
        let swapped = ndcg_at(&ids(&["b", "a"]), &j, 10);
        let expected = (1.0 + 4.0 / 3f64.log2()) / (4.0 + 1.0 / 3f64.log2());
        assert!((swapped - expected).abs() < 1e-12, "{swapped}");
    }
}
