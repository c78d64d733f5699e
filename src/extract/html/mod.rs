//! HTML pages (stub).
use super::{Draft, ExtractError};

/// Extracts a draft from an HTML page.
pub fn extract(_html: &str) -> Result<Draft, ExtractError> {
    Err(ExtractError::NoArticle("html not yet supported".into()))
}
