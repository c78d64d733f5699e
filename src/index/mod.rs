//! Index: the tantivy index on disk — its schema, opening and creating it,
//! and writing articles into it.
//!
//! An index directory holds tantivy's files plus `lede.json`, which records
//! the schema version and the roots the index was built from, and `files/`,
//! the table of indexed files that makes re-runs incremental (see [`state`]).

mod band_filter;
mod dedup;
pub mod directory;
mod error;
pub mod fault;
mod merge;
mod open;
pub mod schema;
pub mod state;
pub mod stem;
pub mod verify;
mod writer;

pub use error::{describe, os_code, IndexError};
pub use open::{
    exists, open, open_or_create, open_unchecked, size_on_disk, take_write_lock, IndexInfo,
    OpenIndex,
};
pub use schema::Fields;
pub use writer::{prepare, Prepared, Replace, Writer, DEFAULT_MEMORY_BYTES};
