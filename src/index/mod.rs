//! Index: the tantivy index on disk — its schema, opening, checking and
//! creating it, writing articles into it, and updating it from the files
//! under its roots ([`update`]).
//!
//! An index directory holds tantivy's files plus `lede.json`, which records
//! the schema version and the roots the index was built from,
//! `lede-verified.json` (the files whose checksums passed, see [`verify`]),
//! and `files/`, the table of indexed files that makes re-runs incremental
//! (`state`, private to this module: only [`update`] changes it).

mod band_filter;
pub(crate) mod dedup;
pub mod directory;
pub mod document;
mod error;
pub mod fault;
mod merge;
mod open;
pub mod schema;
pub mod sink;
mod state;
pub mod stem;
pub mod update;
pub mod verify;
mod writer;

pub use error::{describe, os_code, IndexError};
pub use open::{
    exists, open, open_or_create, open_state_dir, open_unchecked, size_on_disk, take_write_lock,
    IndexInfo, OpenIndex, StateDir,
};
pub use schema::Fields;
pub use state::StateError;
pub use update::{update, Cancel, Progress, UpdateConfig, UpdateError, UpdateReport};
pub use writer::{fingerprint, prepare, PreparedArticle, Replace, Writer, DEFAULT_MEMORY_BYTES};
