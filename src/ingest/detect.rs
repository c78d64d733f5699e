//! Format detection: which extractor a file goes to, decided by its
//! extension (ignoring a trailing `.gz`) and confirmed by its first bytes.

use std::path::Path;

use crate::article::Format;

/// Extensions lede reads, each with the format it suggests. Files with no
/// extension are read too and sniffed.
const EXTENSIONS: &[(&str, Format)] = &[
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("shtml", Format::Html),
    ("txt", Format::Text),
    ("text", Format::Text),
    ("json", Format::Json),
    ("jsonl", Format::Jsonl),
    ("ndjson", Format::Jsonl),
];

/// What a file's name says of its format.
enum Named {
    /// A known extension.
    Known(Format),
    /// An extension lede does not read.
    Other,
    /// No extension (or a dot file): read and sniffed.
    Bare,
}

/// The name's extension, case aside, with a `.gz` suffix looked through.
/// Works on the name's bytes, without allocating: the walk asks it of
/// every file, and a re-run that finds nothing to do is mostly the walk.
fn named(path: &Path) -> Named {
    let Some(name) = path.file_name() else {
        return Named::Bare;
    };
    let mut name = name.as_encoded_bytes();
    if name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".gz") {
        name = &name[..name.len() - 3];
    }
    match name.iter().rposition(|&b| b == b'.') {
        None | Some(0) => Named::Bare,
        Some(dot) => {
            let ext = &name[dot + 1..];
            EXTENSIONS
                .iter()
                .find(|(e, _)| e.as_bytes().eq_ignore_ascii_case(ext))
                .map_or(Named::Other, |&(_, f)| Named::Known(f))
        }
    }
}

fn format_for_extension(path: &Path) -> Option<Format> {
    match named(path) {
        Named::Known(f) => Some(f),
        Named::Other | Named::Bare => None,
    }
}

/// True when the walker should read this file: a known extension, or none at all.
pub fn is_candidate(path: &Path) -> bool {
    !matches!(named(path), Named::Other)
}

/// True for a JSON or JSON Lines file by its name: a scraper's export, which
/// may hold thousands of articles where a page or a text copy holds one.
pub fn may_hold_many(path: &Path) -> bool {
    matches!(
        format_for_extension(path),
        Some(Format::Json | Format::Jsonl)
    )
}

/// Detects the format of decoded text, using the extension as a hint.
///
/// Content wins where it is unambiguous: a `.txt` that is really an HTML
/// page is read as HTML, a `.json` holding several objects on separate lines
/// as JSON Lines.
pub fn detect_format(path: &Path, text: &str) -> Format {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let looks_html = looks_like_html(head);
    match format_for_extension(path) {
        Some(Format::Json | Format::Jsonl) => json_flavour(head),
        Some(Format::Html) => Format::Html,
        Some(Format::Text) if looks_html => Format::Html,
        Some(Format::Text) => Format::Text,
        None if looks_html => Format::Html,
        None if head.starts_with('{') || head.starts_with('[') => json_flavour(head),
        None => Format::Text,
    }
}

fn looks_like_html(head: &str) -> bool {
    let start: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml") && start.contains("<html")
        || start.starts_with("<head")
        || start.starts_with("<body")
        || (start.starts_with("<!--") && start.contains("<html"))
}

/// A JSON array or object is `Json`; several top-level objects on separate
/// lines are `Jsonl`.
fn json_flavour(head: &str) -> Format {
    if head.starts_with('[') {
        return Format::Json;
    }
    let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    match lines.next() {
        Some(second)
            if first.starts_with('{') && first.ends_with('}') && second.starts_with('{') =>
        {
            Format::Jsonl
        }
        _ => Format::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_exports_are_the_files_that_may_hold_many_articles() {
        let many = |p: &str| may_hold_many(Path::new(p));
        assert!(many("feed.jsonl") && many("dump.JSON") && many("x.ndjson.gz"));
        assert!(!many("page.html") && !many("copy.txt") && !many("README"));
    }

    #[test]
    fn extension_and_content_agree() {
        let f = |p: &str, t: &str| detect_format(Path::new(p), t);
        assert_eq!(f("a.html", "<p>hi"), Format::Html);
        assert_eq!(f("a.html.gz", "<p>hi"), Format::Html);
        assert_eq!(f("a.txt", "Headline\n\nBody"), Format::Text);
        assert_eq!(f("a.txt", "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(f("a.json", "[{\"title\":\"x\"}]"), Format::Json);
        assert_eq!(f("a.json", "{\"a\":1}\n{\"a\":2}\n"), Format::Jsonl);
        assert_eq!(f("a.jsonl", "{\"a\":1}\n{\"a\":2}\n"), Format::Jsonl);
        assert_eq!(f("a.jsonl", "{\"a\":1}\n"), Format::Json);
        assert_eq!(f("README", "{\"a\":1}"), Format::Json);
        assert_eq!(f("README", "Just words"), Format::Text);
    }

    #[test]
    fn candidates() {
        assert!(is_candidate(Path::new("x/a.HTML")));
        assert!(is_candidate(Path::new("x/a.jsonl.gz")));
        assert!(is_candidate(Path::new("x/noext")));
        assert!(is_candidate(Path::new("x/.profile")) && is_candidate(Path::new("x/a.gz")));
        assert!(is_candidate(Path::new("x/Page.Html.GZ")));
        assert!(!is_candidate(Path::new("x/photo.jpg")));
        assert!(!is_candidate(Path::new("x/style.css.gz")));
    }
}
