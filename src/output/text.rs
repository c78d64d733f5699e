//! Human-readable printers: ranked hits with highlighted snippets, facet
//! tables, timelines as bar charts, index statistics, and extracted
//! articles. ANSI colour and bold only when the caller asks for them.

use std::io::{self, Write};

use super::escape::{line, text};
use crate::article::Article;
use crate::search::{Bucket, Facet, Fragment, Hit, SearchResults};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Widest bar of a timeline, in characters.
const BAR_WIDTH: u64 = 50;

/// Other outlets named in an "also in" line before "(+N)".
const ALSO_IN_NAMES: usize = 3;

/// Prints results as text.
pub struct TextPrinter {
    /// Emit ANSI colour and bold.
    pub color: bool,
}

impl TextPrinter {
    /// Writes every hit, the facets, then a one-line summary.
    pub fn write_search<W: Write>(&self, out: &mut W, results: &SearchResults) -> io::Result<()> {
        for hit in &results.hits {
            self.write_hit(out, hit)?;
        }
        for facet in &results.facets {
            self.write_facet(out, facet)?;
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
            "{} matching {noun}{}, {shown} shown ({ms:.1} ms)",
            results.total,
            relaxed_note(results)
        )?;
        if !results.expansion.is_empty() {
            writeln!(out, "expanded with: {}", results.expansion.join(", "))?;
        }
        Ok(())
    }

    fn write_hit<W: Write>(&self, out: &mut W, hit: &Hit) -> io::Result<()> {
        write!(out, "{}. ", hit.rank)?;
        match &hit.title {
            Some(title) => self.marked(out, title, &hit.title_highlights, true)?,
            None => write!(out, "(untitled)")?,
        }
        writeln!(out)?;
        let meta = byline(hit);
        if !meta.is_empty() {
            self.dim(out, &meta)?;
        }
        self.dim(out, hit.url.as_deref().unwrap_or(&hit.path))?;
        for fragment in &hit.snippets {
            write!(out, "   ")?;
            self.write_fragment(out, fragment)?;
            writeln!(out)?;
        }
        if !hit.duplicates.is_empty() {
            self.dim(out, &also_in(hit))?;
        }
        writeln!(out)
    }

    fn dim<W: Write>(&self, out: &mut W, value: &str) -> io::Result<()> {
        let value = line(value);
        if self.color {
            writeln!(out, "   {DIM}{value}{RESET}")
        } else {
            writeln!(out, "   {value}")
        }
    }

    fn write_fragment<W: Write>(&self, out: &mut W, fragment: &Fragment) -> io::Result<()> {
        // Paragraph breaks become spaces: same byte length, so ranges stay valid.
        let flat = fragment.text.replace(['\n', '\r', '\t'], " ");
        let ellipsis_before = fragment.offset > 0;
        if ellipsis_before {
            write!(out, "…")?;
        }
        self.marked(out, &flat, &fragment.highlights, false)?;
        write!(out, "…")
    }

    /// Writes `text` with `ranges` in the match colour (and the rest bold
    /// when `bold`); without colour, the text as it is.
    fn marked<W: Write>(
        &self,
        out: &mut W,
        text: &str,
        ranges: &[[usize; 2]],
        bold: bool,
    ) -> io::Result<()> {
        if !self.color {
            return write!(out, "{}", line(text));
        }
        let base = if bold { BOLD } else { "" };
        write!(out, "{base}")?;
        let mut at = 0;
        for &[start, end] in ranges {
            if start < at
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            write!(
                out,
                "{}{MATCH}{}{RESET}{base}",
                line(&text[at..start]),
                line(&text[start..end])
            )?;
            at = end;
        }
        write!(out, "{}{RESET}", line(&text[at..]))
    }

    /// Writes one facet as a small table.
    pub fn write_facet<W: Write>(&self, out: &mut W, facet: &Facet) -> io::Result<()> {
        if self.color {
            writeln!(out, "{BOLD}{}{RESET}", facet.facet.name())?;
        } else {
            writeln!(out, "{}", facet.facet.name())?;
        }
        let width = facet
            .counts
            .iter()
            .map(|(v, _)| line(v).chars().count())
            .max()
            .unwrap_or(0)
            .max(6);
        for (value, n) in &facet.counts {
            let value = line(value);
            writeln!(out, "  {value:<width$}  {n:>6}")?;
        }
        if facet.missing > 0 {
            writeln!(out, "  {:<width$}  {:>6}", "(none)", facet.missing)?;
        }
        writeln!(out)
    }

    /// Writes a timeline as one bar per period.
    pub fn write_timeline<W: Write>(
        &self,
        out: &mut W,
        buckets: &[Bucket],
        undated: u64,
        total: usize,
    ) -> io::Result<()> {
        let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
        for b in buckets {
            let len = (b.count * BAR_WIDTH).div_ceil(max) as usize;
            let bar = "█".repeat(len);
            if self.color {
                writeln!(out, "{}  {BOLD}{bar}{RESET} {}", b.start, b.count)?;
            } else {
                writeln!(out, "{}  {bar} {}", b.start, b.count)?;
            }
        }
        let noun = if total == 1 { "article" } else { "articles" };
        writeln!(out, "{total} matching {noun}, {undated} without a date")
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

/// "also in: Outlet B, Outlet C (+N)".
fn also_in(hit: &Hit) -> String {
    let mut names: Vec<String> = Vec::new();
    for m in &hit.duplicates {
        let name = m.outlet.clone().unwrap_or_else(|| m.path.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let extra = names.len().saturating_sub(ALSO_IN_NAMES);
    names.truncate(ALSO_IN_NAMES);
    let mut s = format!("also in: {}", names.join(", "));
    if extra > 0 {
        s.push_str(&format!(" (+{extra})"));
    }
    s
}

/// Writes an extracted article as labelled fields and its body.
pub fn write_article<W: Write>(out: &mut W, a: &Article) -> io::Result<()> {
    let opt = |v: &Option<String>| v.as_deref().map_or("-".into(), |v| line(v).into_owned());
    writeln!(out, "path:      {}", line(&a.path))?;
    writeln!(out, "format:    {}", a.format.as_str())?;
    writeln!(out, "id:        {}", line(&a.id))?;
    writeln!(out, "title:     {}", opt(&a.title))?;
    writeln!(out, "dek:       {}", opt(&a.dek))?;
    let authors = if a.authors.is_empty() {
        "-".to_string()
    } else {
        line(&a.authors.join("; ")).into_owned()
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
    writeln!(out, "{}", text(&a.body))?;
    writeln!(out, "\n---")
}

/// How the matches were counted when the query was relaxed to any of its
/// words: " with any of the words (N with all)".
fn relaxed_note(results: &SearchResults) -> String {
    match (results.relaxed, results.all_words) {
        (true, Some(all)) => format!(" with any of the words ({all} with all)"),
        (true, None) => " with any of the words".to_string(),
        (false, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{FacetKind, Member};
    use std::time::Duration;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: 2.0,
            id: "abc".into(),
            title: Some("Pardon granted".into()),
            title_highlights: vec![[0, 6]],
            authors: vec!["Ann Lee".into(), "Bo Park".into()],
            outlet: Some("Valley Star".into()),
            published: crate::published::Published::parse("2021-03-09"),
            lang: Some("en".into()),
            url: None,
            path: "corpus/a.txt".into(),
            snippets: vec![Fragment {
                text: "the pardon was\ngranted".into(),
                highlights: vec![[4, 10]],
                offset: 20,
            }],
            group: "abc".into(),
            duplicates: ["B", "C", "D", "E"]
                .iter()
                .map(|o| Member {
                    id: o.to_string(),
                    outlet: Some(format!("Outlet {o}")),
                    path: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_relaxed_or_expanded_search_says_so_in_its_last_lines() {
        let results = SearchResults {
            total: 12,
            hits: vec![hit()],
            facets: Vec::new(),
            warnings: Vec::new(),
            elapsed: Duration::from_millis(3),
            relaxed: true,
            all_words: Some(2),
            expansion: vec!["pardon".into(), "commutation".into()],
        };
        let mut out = Vec::new();
        TextPrinter { color: false }
            .write_search(&mut out, &results)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("12 matching articles with any of the words (2 with all), 1 shown"),
            "{text}"
        );
        assert!(
            text.ends_with("expanded with: pardon, commutation\n"),
            "{text}"
        );
    }

    #[test]
    fn plain_text_has_no_escape_codes() {
        let results = SearchResults {
            total: 1,
            hits: vec![hit()],
            facets: vec![Facet {
                facet: FacetKind::Outlet,
                counts: vec![("Valley Star".into(), 1)],
                missing: 0,
            }],
            warnings: Vec::new(),
            elapsed: Duration::from_millis(3),
            relaxed: false,
            all_words: Some(1),
            expansion: Vec::new(),
        };
        let mut out = Vec::new();
        TextPrinter { color: false }
            .write_search(&mut out, &results)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("1. Pardon granted\n   Valley Star · Ann Lee, Bo Park · 2021-03-09\n   corpus/a.txt\n   …the pardon was granted…\n   also in: Outlet B, Outlet C, Outlet D (+1)\n"),
            "{text}"
        );
        assert!(text.contains("outlet\n  Valley Star       1\n"), "{text}");
        assert!(!text.contains('\x1b'));
        assert!(
            text.ends_with("1 matching article, 1 shown (3.0 ms)\n"),
            "{text}"
        );
    }

    #[test]
    fn control_characters_from_the_data_never_reach_the_terminal() {
        let mut h = hit();
        h.title = Some("Pardon\x1b]0;pwned\x07 granted".into());
        h.title_highlights = vec![[0, 6]];
        h.url = Some("https://x.example/\x1b[2J".into());
        h.outlet = Some("Valley\rStar".into());
        h.snippets[0].text = "the pardon\x1b[31m was".into();
        let results = SearchResults {
            total: 1,
            hits: vec![h],
            facets: Vec::new(),
            warnings: Vec::new(),
            elapsed: Duration::from_millis(3),
            relaxed: false,
            all_words: Some(1),
            expansion: Vec::new(),
        };
        for color in [false, true] {
            let mut out = Vec::new();
            TextPrinter { color }
                .write_search(&mut out, &results)
                .unwrap();
            let printed = String::from_utf8(out).unwrap();
            // Only lede's own colour codes (ESC followed by '[' and digits).
            let stripped = [BOLD, MATCH, DIM, RESET]
                .iter()
                .fold(printed.clone(), |t, code| t.replace(code, ""));
            assert!(
                !stripped.contains('\x1b') && !stripped.contains('\r'),
                "{printed:?}"
            );
            assert!(
                stripped.contains("Pardon\\x1b]0;pwned\\x07 granted"),
                "{printed:?}"
            );
            assert!(stripped.contains("Valley\\rStar"), "{printed:?}");
        }
        let a = crate::article::Article {
            id: "x".into(),
            path: "a\nlede: forged.txt".into(),
            format: crate::article::Format::Text,
            url: None,
            title: Some("T\x1b[2J".into()),
            dek: None,
            authors: vec!["A\x1b[1m".into()],
            outlet: None,
            published: None,
            lang: None,
            body: "line one\n\nline\x1b[31m two".into(),
        };
        let mut out = Vec::new();
        write_article(&mut out, &a).unwrap();
        let printed = String::from_utf8(out).unwrap();
        assert!(!printed.contains('\x1b'), "{printed:?}");
        assert!(
            printed.contains("path:      a\\nlede: forged.txt\n"),
            "{printed:?}"
        );
        assert!(
            printed.contains("line one\n\nline\\x1b[31m two"),
            "{printed:?}"
        );
    }

    #[test]
    fn colour_marks_exactly_the_highlighted_bytes() {
        let mut out = Vec::new();
        TextPrinter { color: true }
            .marked(&mut out, "the pardon was", &[[4, 10]], false)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("the {MATCH}pardon{RESET} was{RESET}")
        );
    }

    #[test]
    fn timeline_bars_are_proportional() {
        let buckets = vec![
            Bucket {
                start: "2020-01-01".into(),
                count: 10,
            },
            Bucket {
                start: "2020-02-01".into(),
                count: 5,
            },
            Bucket {
                start: "2020-03-01".into(),
                count: 0,
            },
        ];
        let mut out = Vec::new();
        TextPrinter { color: false }
            .write_timeline(&mut out, &buckets, 2, 17)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0].matches('█').count(), 50);
        assert_eq!(lines[1].matches('█').count(), 25);
        assert_eq!(lines[2], "2020-03-01   0");
        assert_eq!(lines[3], "17 matching articles, 2 without a date");
    }
}
