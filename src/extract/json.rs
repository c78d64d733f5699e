//! JSON and JSON Lines from scrapers (stub, filled in below).
use super::{Draft, ExtractError};
use crate::article::Format;

/// Extracts drafts from a JSON document or JSON Lines file.
pub fn extract(_text: &str, _format: Format) -> Result<(Vec<Draft>, Vec<String>), ExtractError> {
    Err(ExtractError::NoArticle("json not yet supported".into()))
}
