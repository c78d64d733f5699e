//! The relevance harness's output: one row per collection and run, the
//! mean of each run over the collections, a table for people and JSON for
//! scripts, and floors (`.ci/relevance-floors`) that CI keeps the figures
//! above. Writers are generic over [`io::Write`] so tests render into a
//! `Vec<u8>`.

use std::io::{self, Write};

use serde::Serialize;

use super::run::RunScores;
use crate::eval::floors::FloorsError;

/// The collection name of the rows averaging every collection.
pub const MEAN: &str = "mean";

/// The figures of one run on one collection.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The collection (or [`MEAN`]).
    pub collection: String,
    /// The run's name, as floors name it.
    pub run: String,
    /// What the run is.
    pub about: String,
    /// Mean average precision (ranking cut at 1,000).
    pub map: f64,
    /// Mean precision at 10.
    pub p10: f64,
    /// Mean nDCG at 10.
    pub ndcg10: f64,
    /// Judged queries.
    pub queries: usize,
    /// Wall time per query in the harness, in milliseconds.
    pub ms_per_query: f64,
    /// Queries lede refused (scored as returning nothing).
    pub refused: usize,
}

impl Row {
    /// A row from a run's scores.
    pub fn new(collection: &str, run: &str, about: &str, s: &RunScores) -> Row {
        Row {
            collection: collection.to_string(),
            run: run.to_string(),
            about: about.to_string(),
            map: s.scores.map,
            p10: s.scores.p10,
            ndcg10: s.scores.ndcg10,
            queries: s.scores.queries,
            ms_per_query: s.per_query.as_secs_f64() * 1000.0,
            refused: s.refused,
        }
    }

    /// The value of a measure named in a floors file.
    pub fn value(&self, measure: &str) -> Option<f64> {
        match measure {
            "map" => Some(self.map),
            "p10" => Some(self.p10),
            "ndcg10" => Some(self.ndcg10),
            _ => None,
        }
    }
}

/// Each run's mean over the collections it ran on (every collection
/// weighs the same, as the ranking issue's targets average them).
pub fn means(rows: &[Row]) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    for row in rows.iter().filter(|r| r.collection != MEAN) {
        let same: Vec<&Row> = rows
            .iter()
            .filter(|r| r.run == row.run && r.collection != MEAN)
            .collect();
        if out.iter().any(|r| r.run == row.run) {
            continue;
        }
        let n = same.len() as f64;
        let mean = |f: fn(&Row) -> f64| same.iter().map(|r| f(r)).sum::<f64>() / n;
        out.push(Row {
            collection: MEAN.to_string(),
            run: row.run.clone(),
            about: row.about.clone(),
            map: mean(|r| r.map),
            p10: mean(|r| r.p10),
            ndcg10: mean(|r| r.ndcg10),
            queries: same.iter().map(|r| r.queries).sum(),
            ms_per_query: mean(|r| r.ms_per_query),
            refused: same.iter().map(|r| r.refused).sum(),
        });
    }
    out
}

/// Writes the table, one line per row.
pub fn write_table<W: Write>(out: &mut W, rows: &[Row]) -> io::Result<()> {
    writeln!(
        out,
        "{:<10} {:<14} {:>6} {:>6} {:>8} {:>9}  about",
        "collection", "run", "MAP", "P@10", "nDCG@10", "ms/query"
    )?;
    let mut last = "";
    for r in rows {
        if !last.is_empty() && last != r.collection {
            writeln!(out)?;
        }
        last = &r.collection;
        let refused = if r.refused > 0 {
            format!(" ({} queries refused)", r.refused)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:<10} {:<14} {:>6.3} {:>6.3} {:>8.3} {:>9.1}  {}{refused}",
            r.collection, r.run, r.map, r.p10, r.ndcg10, r.ms_per_query, r.about
        )?;
    }
    Ok(())
}

/// Writes every row as one JSON array.
pub fn write_json<W: Write>(out: &mut W, rows: &[Row]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

/// One line of a relevance floors file: `collection run measure minimum`.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    /// The collection (or `mean`).
    pub collection: String,
    /// The run's name.
    pub run: String,
    /// `map`, `p10` or `ndcg10`.
    pub measure: String,
    /// The lowest acceptable value.
    pub minimum: f64,
}

/// Parses a floors file (`#` starts a comment).
pub fn parse_floors(text: &str) -> Result<Vec<Floor>, FloorsError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| FloorsError {
            line: i + 1,
            message,
        };
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [collection, run, measure, minimum] = parts.as_slice() else {
            return Err(err(format!(
                "expected `collection run measure minimum`, got {line:?}"
            )));
        };
        if !["map", "p10", "ndcg10"].contains(measure) {
            return Err(err(format!(
                "unknown measure {measure:?}; use map, p10 or ndcg10"
            )));
        }
        let minimum: f64 = minimum
            .parse()
            .map_err(|_| err(format!("{minimum:?} is not a number")))?;
        out.push(Floor {
            collection: collection.to_string(),
            run: run.to_string(),
            measure: measure.to_string(),
            minimum,
        });
    }
    Ok(out)
}

/// One message per floor the rows fall below, or that no row measured
/// (floors of collections that were not run are ignored).
pub fn check(floors: &[Floor], rows: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    for floor in floors {
        if floor.collection != MEAN && !rows.iter().any(|r| r.collection == floor.collection) {
            continue;
        }
        let row = rows
            .iter()
            .find(|r| r.collection == floor.collection && r.run == floor.run);
        match row.and_then(|r| r.value(&floor.measure)) {
            Some(v) if v + 1e-9 >= floor.minimum => {}
            Some(v) => problems.push(format!(
                "{} {} {} is {v:.3}, below its floor {:.3}",
                floor.collection, floor.run, floor.measure, floor.minimum
            )),
            None => problems.push(format!(
                "{} {} {} was not measured, but has a floor",
                floor.collection, floor.run, floor.measure
            )),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(collection: &str, run: &str, map: f64) -> Row {
        Row {
            collection: collection.into(),
            run: run.into(),
            about: String::new(),
            map,
            p10: 0.5,
            ndcg10: 0.5,
            queries: 10,
            ms_per_query: 1.0,
            refused: 0,
        }
    }

    #[test]
    fn floors_fail_below_and_pass_at_or_above() {
        let floors = parse_floors("# c\ncisi typed map 0.20\nmean typed map 0.25  # x\n").unwrap();
        let mut rows = vec![row("cisi", "typed", 0.19), row("med", "typed", 0.40)];
        rows.extend(means(&rows));
        let problems = check(&floors, &rows);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("cisi typed map is 0.190"));
        rows[0].map = 0.20;
        assert!(check(&floors, &rows).is_empty());
    }

    #[test]
    fn a_floor_on_a_run_that_did_not_run_is_a_problem() {
        let floors = parse_floors("cisi expand map 0.2").unwrap();
        assert_eq!(check(&floors, &[row("cisi", "typed", 0.3)]).len(), 1);
        // Collections not run are skipped.
        assert!(check(&floors, &[row("med", "typed", 0.3)]).is_empty());
    }

    #[test]
    fn malformed_floors_name_the_line() {
        assert_eq!(parse_floors("cisi typed map").unwrap_err().line, 1);
        assert_eq!(parse_floors("\ncisi typed recall 0.1").unwrap_err().line, 2);
        assert!(parse_floors("cisi typed map high").is_err());
    }

    #[test]
    fn means_weigh_every_collection_the_same() {
        let rows = vec![row("a", "r", 0.2), row("b", "r", 0.4)];
        let m = means(&rows);
        assert_eq!(m.len(), 1);
        assert!((m[0].map - 0.3).abs() < 1e-12);
        assert_eq!(m[0].queries, 20);
    }
}
