//! Human-readable printers: ranked hits with highlighted snippets, and
//! extracted articles. Colour (ANSI) only when the caller asks for it.

use std::io::{self, Write};

use crate::article::Article;
use crate::search::{Hit, SearchResults, Snippet};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Prints search results as text.
pub struct TextPrinter {
    /// Emit ANSI colour and bold.
    pub color: bool,
}

impl TextPrinter {
    /// Writes every hit, then a one-line summary.
    pub fn write_search<W: Write>(&self, out: &mut W, results: &SearchResults) -> io::Result<()> {
        for hit in &results.hits {
            self.write_hit(out, hit)?;
        }
        let ms = results.elapsed.as_secs_f64() * 1000.0;
        let shown = results.hits.len();
        let noun = if results.total == 1 {
            "article"
        } else {
            "articles"
        };
        writeln!(
            out,
            "{} matching {noun}, {shown} shown ({ms:.1} ms)",
            results.total
        )
    }

    fn write_hit<W: Write>(&self, out: &mut W, hit: &Hit) -> io::Result<()> {
        let title = hit.title.as_deref().unwrap_or("(untitled)");
        if self.color {
            writeln!(out, "{BOLD}{}. {title}{RESET}", hit.rank)?;
        } else {
            writeln!(out, "{}. {title}", hit.rank)?;
        }
        let meta = byline(hit);
        if !meta.is_empty() {
            self.dim(out, &meta)?;
        }
        self.dim(out, hit.url.as_deref().unwrap_or(&hit.path))?;
        write!(out, "   ")?;
        self.write_snippet(out, &hit.snippet)?;
        writeln!(out)?;
        writeln!(out)
    }

    fn dim<W: Write>(&self, out: &mut W, line: &str) -> io::Result<()> {
        if self.color {
            writeln!(out, "   {DIM}{line}{RESET}")
        } else {
            writeln!(out, "   {line}")
        }
    }

    fn write_snippet<W: Write>(&self, out: &mut W, snippet: &Snippet) -> io::Result<()> {
        if !self.color {
            return write!(out, "{}", snippet.text);
        }
        let text = &snippet.text;
        let mut at = 0;
        for [start, end] in &snippet.highlights {
            let (start, end) = (*start, *end);
            if start < at
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            write!(
                out,
                "{}{MATCH}{}{RESET}",
                &text[at..start],
                &text[start..end]
            )?;
            at = end;
        }
        write!(out, "{}", &text[at..])
    }
}

/// `outlet · authors · date`, leaving out what is unknown.
fn byline(hit: &Hit) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(outlet) = &hit.outlet {
        parts.push(outlet.clone());
    }
    if !hit.authors.is_empty() {
        parts.push(hit.authors.join(", "));
    }
    if let Some(date) = &hit.published {
        parts.push(date.day().to_string());
    }
    parts.join(" · ")
}

/// Writes an extracted article as labelled fields and its body.
pub fn write_article<W: Write>(out: &mut W, a: &Article) -> io::Result<()> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "path:      {}", a.path)?;
    writeln!(out, "format:    {}", a.format.as_str())?;
    writeln!(out, "id:        {}", a.id)?;
    writeln!(out, "title:     {}", opt(&a.title))?;
    writeln!(out, "dek:       {}", opt(&a.dek))?;
    let authors = if a.authors.is_empty() {
        "-".to_string()
    } else {
        a.authors.join("; ")
    };
    writeln!(out, "authors:   {authors}")?;
    writeln!(out, "outlet:    {}", opt(&a.outlet))?;
    writeln!(
        out,
        "published: {}",
        a.published.map_or("-".to_string(), |p| p.to_string())
    )?;
    writeln!(out, "url:       {}", opt(&a.url))?;
    writeln!(out, "lang:      {}", opt(&a.lang))?;
    writeln!(out)?;
    writeln!(out, "{}", a.body)?;
    writeln!(out, "\n---")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: 2.0,
            id: "abc".into(),
            title: Some("Pardon granted".into()),
            authors: vec!["Ann Lee".into(), "Bo Park".into()],
            outlet: Some("Valley Star".into()),
            published: crate::extract::date::Published::parse("2021-03-09"),
            url: None,
            path: "corpus/a.txt".into(),
            snippet: Snippet {
                text: "the pardon was granted".into(),
                highlights: vec![[4, 10]],
            },
        }
    }

    #[test]
    fn plain_text_has_no_escape_codes() {
        let results = SearchResults {
            total: 1,
            hits: vec![hit()],
            elapsed: Duration::from_millis(3),
        };
        let mut out = Vec::new();
        TextPrinter { color: false }
            .write_search(&mut out, &results)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("1. Pardon granted\n   Valley Star · Ann Lee, Bo Park · 2021-03-09\n   corpus/a.txt\n   the pardon was granted\n"), "{text}");
        assert!(!text.contains('\x1b'));
        assert!(text.contains("1 matching article, 1 shown"));
    }

    #[test]
    fn colour_marks_exactly_the_highlighted_bytes() {
        let mut out = Vec::new();
        TextPrinter { color: true }
            .write_snippet(&mut out, &hit().snippet)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("the {MATCH}pardon{RESET} was granted")
        );
    }
}
