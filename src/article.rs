//! The normalized [`Article`]: the hand-off between extraction and indexing.
//!
//! Every input format (HTML, plain text, JSON) is reduced to this one shape.
//! It is also lede's export format: `lede extract --json` prints it as one
//! JSON object per line, with every key present (null where unknown).

use serde::{Deserialize, Serialize};

use crate::published::Published;

/// The kind of file an article came from, detected by content and extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A saved web page.
    Html,
    /// A plain-text copy of an article or page.
    Text,
    /// A JSON document holding one article object or an array of them.
    Json,
    /// JSON Lines: one article object per line.
    Jsonl,
}

impl Format {
    /// The name used in JSON output and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }

    /// Parses the name written by [`Format::as_str`].
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "html" => Some(Format::Html),
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// One news article, normalized from whatever file it came from.
///
/// Serialized field order and names are the documented `extract --json`
/// format; absent values serialize as `null` (an empty array for `authors`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable identifier: a hash of the canonical url where there is one,
    /// else of the title and body, so the same article saved twice is one
    /// document.
    pub id: String,
    /// The file the article was read from, as given on the command line.
    pub path: String,
    /// The detected input format.
    pub format: Format,
    /// The canonical url of the article, if the source states one.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst or summary under the headline.
    pub dek: Option<String>,
    /// The authors, in the order the source gives them.
    pub authors: Vec<String>,
    /// The publication or site name.
    pub outlet: Option<String>,
    /// The publication date, only when the source states one.
    pub published: Option<Published>,
    /// ISO 639-1 code of the article's language, declared or detected.
    pub lang: Option<String>,
    /// The article text without boilerplate; paragraphs separated by a blank line.
    pub body: String,
}

impl Article {
    /// Computes the stable id for an article with this url, source record
    /// id (a scraper's own id), title and body, in that order of preference.
    ///
    /// The url is normalized first (scheme, `www.`, trailing slash, query
    /// tracking and fragment ignored) so that two saves of one page agree.
    pub fn stable_id(
        url: Option<&str>,
        record_id: Option<&str>,
        title: Option<&str>,
        body: &str,
    ) -> String {
        let mut hasher = blake3::Hasher::new();
        match (
            url.and_then(normalize_url),
            record_id.map(str::trim).filter(|r| !r.is_empty()),
        ) {
            (Some(u), _) => {
                hasher.update(b"url\0");
                hasher.update(u.as_bytes());
            }
            (None, Some(record)) => {
                hasher.update(b"record\0");
                hasher.update(record.as_bytes());
            }
            (None, None) => {
                hasher.update(b"content\0");
                hasher.update(title.unwrap_or("").trim().as_bytes());
                hasher.update(b"\0");
                // Whitespace differences (re-wrapped text) do not make a new
                // article. The words are hashed in one call: a call per word
                // made this a quarter of extracting a plain-text file.
                let mut words = Vec::with_capacity(body.len() + 1);
                push_words(body, &mut words);
                hasher.update(&words);
            }
        }
        let hash = hasher.finalize();
        hash.to_hex()[..16].to_string()
    }
}

/// Appends each whitespace-separated word of `s` to `out`, each followed by
/// one space. An ASCII text is read as bytes, runs of words already
/// single-spaced copied whole (see `ascii::spaced_runs`).
fn push_words(s: &str, out: &mut Vec<u8>) {
    if !s.is_ascii() {
        for word in s.split_whitespace() {
            out.extend_from_slice(word.as_bytes());
            out.push(b' ');
        }
        return;
    }
    // ASCII whitespace is the space and `\t` to `\r`.
    let is_space = |b: u8| b == b' ' || (0x09..=0x0d).contains(&b);
    for run in crate::ascii::spaced_runs(s, is_space) {
        out.extend_from_slice(run.as_bytes());
        out.push(b' ');
    }
}

/// Reduces a url to the part that identifies the page, or `None` when the
/// string is not an absolute http(s) url. The scheme is matched in any
/// case (`HTTPS://`), and a scheme's default port (`:443`, `:80`) is
/// dropped, as browsers do: both name the page the plain form names.
fn normalize_url(url: &str) -> Option<String> {
    let url = url.trim();
    let (default_ports, rest): (&[&str], &str) = match url.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (&["443"], rest),
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (&["80"], rest),
        Some(_) => return None,
        // Scheme-relative (`//host/path`): either scheme's default.
        None => (&["443", "80"], url.strip_prefix("//")?),
    };
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host_path, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match host_path.split_once('/') {
        Some((h, p)) => (h, p),
        None => (host_path, ""),
    };
    // An empty port (`host:/path`) is the default one too.
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.is_empty() || default_ports.contains(&port) => h,
        _ => host,
    };
    if host.is_empty() {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut out = format!("{host}/{}", path.trim_end_matches('/'));
    if let Some(query) = query {
        // Tracking parameters do not change the article.
        let kept: Vec<&str> = query
            .split('&')
            .filter(|kv| {
                let key = kv.split('=').next().unwrap_or("");
                !(key.starts_with("utm_")
                    || matches!(key, "fbclid" | "gclid" | "ref" | "cmp" | "ocid"))
            })
            .filter(|kv| !kv.is_empty())
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_url_saved_twice_has_one_id() {
        let a = Article::stable_id(
            Some("https://www.example.com/news/story/?utm_source=x#top"),
            Some("r1"),
            None,
            "a",
        );
        let b = Article::stable_id(Some("http://example.com/news/story"), None, Some("T"), "b");
        assert_eq!(a, b);
    }

    /// Regression: `HTTPS://` was no url (the scheme was matched in lower
    /// case only) and a default port made a second id, so one article
    /// saved twice could get two ids.
    #[test]
    fn scheme_case_and_default_ports_do_not_make_a_second_id() {
        let id = |u: &str| Article::stable_id(Some(u), None, None, "");
        let plain = id("https://example.com/news/story");
        assert_eq!(id("HTTPS://WWW.Example.com/news/story"), plain);
        assert_eq!(id("https://example.com:443/news/story"), plain);
        assert_eq!(id("Http://example.com:80/news/story/"), plain);
        assert_eq!(id("//example.com:443/news/story"), plain);
        assert_ne!(id("https://example.com:8443/news/story"), plain);
        // Not http(s): the content decides, as before.
        assert_eq!(
            Article::stable_id(Some("ftp://example.com/news/story"), None, Some("T"), "b"),
            Article::stable_id(None, None, Some("T"), "b")
        );
    }

    #[test]
    fn different_urls_differ() {
        let a = Article::stable_id(Some("https://example.com/a?id=1"), None, None, "");
        let b = Article::stable_id(Some("https://example.com/a?id=2"), None, None, "");
        assert_ne!(a, b);
    }

    #[test]
    fn without_url_the_content_decides_and_wrapping_does_not() {
        let a = Article::stable_id(None, None, Some("Title"), "one two\nthree");
        let b = Article::stable_id(None, None, Some("Title"), "one  two three ");
        let c = Article::stable_id(None, None, Some("Title"), "one two four");
        assert_eq!(a, b);
        assert_ne!(a, c);
        // Ids outlive versions of lede (indexes and scripts keep them):
        // the hashing must not change.
        assert_eq!(a, "85d22407af050d4f");
        // ASCII text is read as bytes, other text by characters: the same words.
        for text in [
            " one\ttwo \x0b\x07three  ",
            "caf\u{e9}\u{a0}two\u{2003} three\x07",
        ] {
            let mut words = Vec::new();
            push_words(text, &mut words);
            let expected: String = text.split_whitespace().map(|w| format!("{w} ")).collect();
            assert_eq!(String::from_utf8(words).unwrap(), expected);
        }
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn a_scrapers_record_id_identifies_records_without_url() {
        let a = Article::stable_id(None, Some("wire-1"), None, "");
        let b = Article::stable_id(None, Some("wire-2"), None, "");
        assert_ne!(a, b);
        assert_eq!(a, Article::stable_id(None, Some("wire-1"), Some("T"), "x"));
    }
}
