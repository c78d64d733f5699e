//! lede's integration tests: one binary that runs the real `lede`
//! executable on directories written for each test and on the shared data.

mod util;

mod bad_input;
mod browser;
mod damage;
mod engine;
mod extract_cmd;
mod extract_fixtures;
mod faults;
mod indexing;
mod library;
mod query_fuzz;
mod ranking;
mod research;
mod search_cmd;
mod security;
mod serve;
#[cfg(feature = "shared-data")]
mod shared_data;
mod snapshots;
