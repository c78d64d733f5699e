//! Evaluation of extraction against the real pages in `shared/data`: the
//! metrics ([`metrics`]), the ground truth of each set ([`truth`]), running
//! lede's extraction over a set and scoring it ([`run`]), and the table and
//! JSON renderings of the result ([`report`]).
//!
//! Built only with the `eval` cargo feature. The `eval` example is the
//! command-line front end:
//! `cargo run --release --features eval --example eval -- ../shared/data [--set zyte] [--json] [--failures title] [--floors .ci/eval-floors]`.
//!
//! [`relevance`] evaluates ranking the same way, on test collections with
//! relevance judgments.

pub mod floors;
pub mod metrics;
pub mod relevance;
pub mod report;
pub mod run;
pub mod truth;

pub use run::{extract_set, run_set, Extraction, Failure, Field, Outcome, Rate, SetReport};
pub use truth::{load_set, TruthError, SETS};
