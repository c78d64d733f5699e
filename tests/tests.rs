//! lede's integration tests: one binary that runs the real `lede`
//! executable on directories written for each test and on the shared data.

mod util;

mod bad_input;
mod damage;
mod extract_cmd;
mod extract_fixtures;
mod faults;
mod indexing;
mod research;
mod search_cmd;
mod security;
#[cfg(feature = "shared-data")]
mod shared_data;
