//! lede: full-text search for directories of news articles.
//!
//! Data flows one way through the stages, one module each:
//! files -> [`ingest`] -> [`extract`] -> [`article::Article`] -> [`index`];
//! query -> [`search`] -> hits -> [`output`]. The types the stages hand
//! each other live apart from all of them: [`article`] and [`published`].
//! Front ends other than the command line build on these: [`batch`] (many
//! searches at once) and [`serve`] (the web page and HTTP API).

pub mod article;
pub mod ascii;
pub mod batch;
pub mod engine;
#[cfg(feature = "eval")]
pub mod eval;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod published;
pub mod search;
pub mod serve;
