//! lede's integration tests: one binary that runs the real `lede`
//! executable on directories written for each test and on the shared data.

mod util;

mod bad_input;
mod extract_cmd;
mod indexing;
mod ranking;
mod research;
mod search_cmd;
#[cfg(feature = "shared-data")]
mod shared_data;
