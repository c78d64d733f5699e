//! lede: full-text search for directories of news articles.
//!
//! Data flows one way through the stages, one module each:
//! files -> [`ingest`] -> [`extract`] -> [`article::Article`] -> [`index`];
//! query -> [`search`] -> hits -> [`output`].

pub mod article;
pub mod ascii;
pub mod eval;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod search;
