//! Relevance evaluation: how well lede ranks, measured on classic test
//! collections with relevance judgments (`shared/data/ranking`): the
//! collections ([`collection`]), the metrics ([`metrics`]), a plain BM25
//! baseline to compare with ([`baseline`]), running lede itself over a
//! collection ([`run`]), and the table, JSON and floors ([`report`]).
//!
//! The `relevance` example is the command-line front end:
//! `cargo run --release --features eval --example relevance -- ../shared/data/ranking`.

pub mod baseline;
pub mod collection;
pub mod metrics;
pub mod report;
pub mod run;

pub use collection::{Collection, CollectionError, COLLECTIONS};
pub use metrics::Scores;
pub use run::{IndexVariant, LedeIndex, RunError, RunScores};
