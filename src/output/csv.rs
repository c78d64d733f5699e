//! CSV of search hits, for spreadsheets: `lede search --csv`, `lede batch`
//! and the server's `/api/search.csv` and `/api/batch` write the same
//! columns through this printer, one row per hit, as the hit is found.
//!
//! The format is RFC 4180: a header row, rows ended by CRLF, every text
//! cell in double quotes with inner quotes doubled (so commas, quotes and
//! line breaks in a title stay inside their cell). CSV is data, so the
//! text is otherwise kept as it is (no terminal escaping), with one
//! exception: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading `'`, as OWASP advises against CSV
//! injection, because a spreadsheet would run such a cell as a formula
//! (`=HYPERLINK(...)` in a headline is an attack on whoever opens the
//! export).

use std::io::{self, Write};

use crate::search::Hit;

/// The columns of a hit, in order (a batch puts `query` before them).
pub const COLUMNS: [&str; 11] = [
    "rank",
    "score",
    "id",
    "title",
    "authors",
    "outlet",
    "published",
    "lang",
    "url",
    "path",
    "snippet",
];

/// Characters a spreadsheet reads as the start of a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Separates several authors in one cell.
const AUTHOR_SEPARATOR: &str = "; ";

/// Writes hits as CSV rows, the header first.
pub struct CsvWriter<W: Write> {
    out: W,
    query_column: bool,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header of search hits.
    pub fn new(out: W) -> io::Result<CsvWriter<W>> {
        CsvWriter::start(out, false)
    }

    /// Writes the header of batch hits: the query's name, then the hit.
    pub fn with_query_column(out: W) -> io::Result<CsvWriter<W>> {
        CsvWriter::start(out, true)
    }

    fn start(mut out: W, query_column: bool) -> io::Result<CsvWriter<W>> {
        let query = query_column.then_some("query");
        let header: Vec<&str> = query.into_iter().chain(COLUMNS).collect();
        out.write_all(header.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        Ok(CsvWriter { out, query_column })
    }

    /// Writes one hit of a search.
    pub fn write_hit(&mut self, hit: &Hit) -> io::Result<()> {
        debug_assert!(!self.query_column);
        self.row(None, hit)
    }

    /// Writes one hit of a batch's query, named in the first column.
    pub fn write_batch_hit(&mut self, query: &str, hit: &Hit) -> io::Result<()> {
        debug_assert!(self.query_column);
        self.row(Some(query), hit)
    }

    fn row(&mut self, query: Option<&str>, hit: &Hit) -> io::Result<()> {
        let out = &mut self.out;
        if let Some(query) = query {
            cell(out, Some(query))?;
            out.write_all(b",")?;
        }
        write!(out, "{},{},", hit.rank, hit.score)?;
        let published = hit.published.map(|p| p.to_string());
        let authors = hit.authors.join(AUTHOR_SEPARATOR);
        // A snippet that crosses paragraphs stays on its row.
        let snippet = hit
            .snippets
            .first()
            .map(|f| f.text.split_whitespace().collect::<Vec<_>>().join(" "));
        let cells = [
            Some(hit.id.as_str()),
            hit.title.as_deref(),
            Some(authors.as_str()).filter(|a| !a.is_empty()),
            hit.outlet.as_deref(),
            published.as_deref(),
            hit.lang.as_deref(),
            hit.url.as_deref(),
            Some(hit.path.as_str()),
            snippet.as_deref(),
        ];
        for (i, value) in cells.into_iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            cell(out, value)?;
        }
        out.write_all(b"\r\n")
    }

    /// Flushes and returns the writer.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One text cell: quoted, quotes doubled, a formula's first character
/// neutralized; nothing at all for an absent value.
fn cell<W: Write>(out: &mut W, value: Option<&str>) -> io::Result<()> {
    let Some(value) = value else {
        return Ok(());
    };
    out.write_all(b"\"")?;
    if value.starts_with(FORMULA_STARTS) {
        out.write_all(b"'")?;
    }
    let mut rest = value;
    while let Some(i) = rest.find('"') {
        out.write_all(&rest.as_bytes()[..=i])?;
        out.write_all(b"\"")?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest.as_bytes())?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::published::Published;
    use crate::search::Fragment;

    fn hit(title: &str) -> Hit {
        Hit {
            rank: 3,
            score: 1.5,
            id: "abc".into(),
            title: Some(title.into()),
            title_highlights: Vec::new(),
            authors: vec!["Ann Lee".into(), "Bo Diaz".into()],
            outlet: None,
            published: Published::parse("2020-11-19"),
            lang: Some("en".into()),
            url: Some("https://example.org/a".into()),
            path: "news/a.html".into(),
            snippets: vec![Fragment {
                text: "one\n\ntwo".into(),
                highlights: Vec::new(),
                offset: 0,
            }],
            group: "abc".into(),
            duplicates: Vec::new(),
        }
    }

    fn rows(hits: &[Hit]) -> String {
        let mut w = CsvWriter::new(Vec::new()).unwrap();
        for h in hits {
            w.write_hit(h).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn rows_are_rfc_4180_with_every_text_cell_quoted() {
        // A snippet's paragraph break becomes a space: one row per line.
        assert_eq!(
            rows(&[hit("Say \"no\", twice")]),
            "rank,score,id,title,authors,outlet,published,lang,url,path,snippet\r\n\
             3,1.5,\"abc\",\"Say \"\"no\"\", twice\",\"Ann Lee; Bo Diaz\",,\"2020-11-19\",\
             \"en\",\"https://example.org/a\",\"news/a.html\",\"one two\"\r\n"
        );
    }

    #[test]
    fn formulas_are_neutralized_and_other_text_kept() {
        for (title, cell) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "\"'+1\""),
            ("-2 degrees", "\"'-2 degrees\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
            ("\rx", "\"'\rx\""),
            ("a=b \x1b[2J", "\"a=b \x1b[2J\""),
        ] {
            let out = rows(&[hit(title)]);
            assert!(out.contains(&format!(",{cell},")), "{title:?}: {out}");
        }
    }

    #[test]
    fn a_batch_names_the_query_first() {
        let mut w = CsvWriter::with_query_column(Vec::new()).unwrap();
        w.write_batch_hit("-sheriff", &hit("t")).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert!(out.starts_with("query,rank,score,"), "{out}");
        assert!(out.contains("\r\n\"'-sheriff\",3,1.5,"), "{out}");
    }
}
