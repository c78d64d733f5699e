//! Output: printers for search results and extracted articles (text, JSON
//! Lines, CSV), generic over `io::Write` so tests render into a `Vec<u8>`. They see lede's own values
//! (`Hit`, `Article`), never tantivy types.

pub mod csv;
pub mod escape;
pub mod json;
pub mod text;
