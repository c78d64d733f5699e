//! Plain-text copies of articles (stub).
use super::{Draft, ExtractError};

/// Extracts a draft from a plain-text copy of an article.
pub fn extract(text: &str) -> Result<Draft, ExtractError> {
    Ok(Draft { body: text.to_string(), ..Draft::default() })
}
