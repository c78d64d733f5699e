//! Extract: turn a decoded [`Source`] into normalized [`Article`]s, one
//! module per input format ([`html`], [`text`], [`json`]), with the shared
//! pieces in modules of their own: [`date`] (free-text dates into
//! [`Published`]), [`authors`] (bylines into names), [`lang`] (language
//! codes and detection).
//!
//! Every extractor fills a [`Draft`]; [`finish`] then tidies the fields the
//! same way for all formats, detects the language when the source does not
//! declare one, and computes the stable id.
//!
//! # Where each field is decided
//!
//! Each cell names the function that picks the field (its doc lists the
//! sources in order of trust) and where the heuristics it uses live. Paths
//! are relative to `src/extract/`; every format's thresholds and patterns
//! are in its `rules.rs`.
//!
//! | field | HTML (`html/`) | plain text (`text/`) | JSON (`json.rs`) | every format (`mod.rs`) |
//! |---|---|---|---|---|
//! | `url` | `choose_url` (canonical link, meta, JSON-LD) | none | first of `KEYS.url` | trimmed in `finish` |
//! | `title` | `choose_title`: `title::choose` (JSON-LD, meta, `<title>`, `<h1>`s), the single `<h1>`; `headline_or_heading` | `headline::find_title` (scored by `title_score`) | first of `KEYS.title` | `clean_line` |
//! | `dek` | `choose_dek` (the standfirst shown, `body::extract`; else the declared summary (JSON-LD, meta) when the page shows it apart from the story, `declared_opening`; else that summary) | `page`, the line under the headline when `body::is_dek` | first of `KEYS.dek`, else of `KEYS.summary` | `separate_dek` (a shortened standfirst gives way to its paragraph; a declared summary that only opens the body is no dek), `clean_line` |
//! | `authors` | `choose_authors`: `credited_authors` (JSON-LD and meta in `metadata.rs`, bylines in `visible.rs`), then `visible::signature`, `visible::copyright_holder` | `choose_authors` (`read_header_area`, `authors::lines`, the bio in `body.rs`) | first of `KEYS.authors` | split into names by `authors/` (rules in `authors/rules.rs`); duplicates dropped in `finish` |
//! | `outlet` | `choose_outlet` (JSON-LD, meta, `<title>`, host) | `choose_outlet` (bio, "has reached out", copyright line) | first of `KEYS.outlet` | `clean_line` |
//! | `published` | `choose_date`: `stated_date` (JSON-LD, meta, marked-up dates, url), `visible::headline_date`, `visible::text_date`, title, url | `choose_date` (`read_header_area`, the nearest date line) | first of `KEYS.date` (`date_of`) | parsed by `date::parse_date`, typed by [`Published`] |
//! | `lang` | `choose_lang` (`<html lang>`, meta, JSON-LD) | none | first of `KEYS.lang` | `lang::normalize`, else `lang::detect` in `finish` |
//! | `body` | `body::extract` (container scoring), `choose_dek` (what follows the standfirst), `drop_header_lines` | `page`: `body.rs` (`prose_runs`, `continue_body`, `strip_body`) | first of `KEYS.body` (`markup_to_text` or `paragraphs`) | `clean_body`; `separate_dek` (never repeats the dek) |
//! | `id` | from `url` | from title and body | `url`, else `KEYS.record_id` | `Article::stable_id` in `finish` |
//!
//! `path` and `format` come from [`crate::ingest`], which also decodes the
//! bytes (gzip, charsets).

pub mod authors;
pub mod date;
pub mod html;
pub mod json;
pub mod lang;
pub mod text;

use thiserror::Error;

use crate::article::{Article, Format};
use crate::ingest::Source;
use crate::published::Published;

/// Why a file yielded no article.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// The file is not valid for its format (bad JSON, say), with where and why.
    #[error("malformed {format}: {detail}")]
    Malformed {
        /// The format the file was read as.
        format: &'static str,
        /// What is wrong and where.
        detail: String,
    },
    /// The file parsed but holds nothing that looks like an article.
    #[error("no article found: {0}")]
    NoArticle(String),
}

impl ExtractError {
    /// A short label for the kind of problem, used to count skips in summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractError::Malformed { .. } => "malformed",
            ExtractError::NoArticle(_) => "no article",
        }
    }
}

/// What one file yields: its articles, and problems with parts of it that
/// did not stop the rest (a corrupt line in a JSON Lines file, say).
#[derive(Debug, Default)]
pub struct Extracted {
    /// The articles, in the order they appear in the file.
    pub articles: Vec<Article>,
    /// One message per skipped record, naming where it was.
    pub warnings: Vec<String>,
}

/// The fields an extractor found, before normalization.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    /// The canonical url.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst.
    pub dek: Option<String>,
    /// Whether `dek` is a summary the source declares (a page's
    /// description, a record's `summary`) standing in for a standfirst it
    /// does not show: such a summary that is merely the body's opening is
    /// no standfirst, and the body keeps it (see `separate_dek`).
    pub dek_is_summary: bool,
    /// Author names, already split into people.
    pub authors: Vec<String>,
    /// The publication's name.
    pub outlet: Option<String>,
    /// The stated publication date.
    pub published: Option<Published>,
    /// A declared language (any form: `en`, `en-US`, `English`).
    pub lang: Option<String>,
    /// The body, paragraphs separated by blank lines.
    pub body: String,
    /// A record's own id in a scraper's export; identifies articles without url.
    pub record_id: Option<String>,
}

/// Extracts every article from one decoded file.
pub fn extract(source: &Source) -> Result<Extracted, ExtractError> {
    let (drafts, warnings) = match source.format {
        Format::Html => (vec![html::extract(&source.text)?], Vec::new()),
        Format::Text => (
            vec![text::extract_named(&source.text, &source.path)?],
            Vec::new(),
        ),
        Format::Json | Format::Jsonl => json::extract(&source.text, source.format)?,
    };
    let path = source.display_path();
    let articles: Vec<Article> = drafts
        .into_iter()
        .filter_map(|d| finish(&path, source.format, d))
        .collect();
    if articles.is_empty() {
        return Err(ExtractError::NoArticle(
            "neither a headline nor any body text".into(),
        ));
    }
    Ok(Extracted { articles, warnings })
}

/// Extracts one file's articles a part at a time: a JSON Lines file in
/// parts of about `chunk_bytes` of its lines (so that a file of a million
/// records is never held as a million articles), any other file in one
/// part. `emit` gets each part's articles and warnings, and returns false
/// to stop. Fails as [`extract`] does when the file yields no article; the
/// parts emitted before that (which then held none) are moot.
pub fn extract_in_parts(
    source: &Source,
    chunk_bytes: usize,
    mut emit: impl FnMut(Extracted) -> bool,
) -> Result<(), ExtractError> {
    if source.format != Format::Jsonl {
        return extract(source).map(|found| {
            emit(found);
        });
    }
    let path = source.display_path();
    let mut any = false;
    let mut held_warnings = Vec::new();
    json::lines_in_chunks(&source.text, chunk_bytes, |drafts, warnings| {
        held_warnings.extend(warnings);
        let articles: Vec<Article> = drafts
            .into_iter()
            .filter_map(|d| finish(&path, source.format, d))
            .collect();
        if articles.is_empty() {
            // Warnings wait for a part with articles (or the final error).
            return true;
        }
        any = true;
        emit(Extracted {
            articles,
            warnings: std::mem::take(&mut held_warnings),
        })
    })?;
    if !any {
        return Err(ExtractError::NoArticle(
            "neither a headline nor any body text".into(),
        ));
    }
    if !held_warnings.is_empty() {
        emit(Extracted {
            articles: Vec::new(),
            warnings: held_warnings,
        });
    }
    Ok(())
}

/// Normalizes a draft into an article, or `None` when it holds nothing that
/// identifies an article (no title, body, url or record id).
pub fn finish(path: &str, format: Format, d: Draft) -> Option<Article> {
    let title = d.title.as_deref().map(clean_line).filter(|t| !t.is_empty());
    let dek = d.dek.as_deref().map(clean_line).filter(|t| !t.is_empty());
    let outlet = d
        .outlet
        .as_deref()
        .map(clean_line)
        .filter(|t| !t.is_empty());
    let url = d
        .url
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    let (dek, body) = separate_dek(dek, clean_body(&d.body), d.dek_is_summary);
    let record_id = d
        .record_id
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if title.is_none() && body.is_empty() && url.is_none() && record_id.is_none() {
        return None;
    }
    let mut authors: Vec<String> = Vec::new();
    for a in d.authors {
        let a = clean_line(&a);
        if !a.is_empty() && !authors.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
            authors.push(a);
        }
    }
    let lang = d
        .lang
        .as_deref()
        .and_then(lang::normalize)
        .or_else(|| lang::detect(title.as_deref(), &body));
    let id = Article::stable_id(url.as_deref(), record_id, title.as_deref(), &body);
    Some(Article {
        id,
        path: path.to_string(),
        format,
        url,
        title,
        dek,
        authors,
        outlet,
        published: d.published,
        lang,
        body,
    })
}

/// Most body paragraphs a standfirst may span.
const MAX_DEK_PARAGRAPHS: usize = 3;

/// A declared summary cut short with an ellipsis ("The council voted
/// ...") stands for the paragraph it begins when it holds at least this
/// many of its letters and digits.
const MIN_SHORTENED_DEK_CHARS: usize = 40;

/// The body never repeats the standfirst: opening paragraphs that together
/// are the dek (the same letters and digits, whatever the punctuation and
/// spacing) go from the body. A dek that is a summary cut short with an
/// ellipsis and begins the body's first paragraph gives way to that
/// paragraph, the standfirst as the page shows it, which then goes from
/// the body too. A body that would be left empty keeps its text.
///
/// A declared `summary` (see [`Draft::dek_is_summary`]) stands in for a
/// standfirst only where the page shows none: when it is the body's
/// opening paragraphs, or begins the first one, the page shows it as
/// article text, and it stays there; the dek is then none. (Both the Zyte
/// benchmark's and fundus's truths count such a paragraph as body.)
fn separate_dek(dek: Option<String>, body: String, summary: bool) -> (Option<String>, String) {
    let Some(d) = dek.as_deref() else {
        return (dek, body);
    };
    let loose_dek = loose(d);
    if loose_dek.is_empty() {
        return (dek, body);
    }
    let paras: Vec<&str> = blocks(&body).collect();
    let mut opening = String::new();
    for (k, p) in paras.iter().take(MAX_DEK_PARAGRAPHS).enumerate() {
        opening.push_str(&loose(p));
        if !loose_dek.starts_with(&opening) {
            break;
        }
        if opening == loose_dek {
            if summary {
                return (None, body);
            }
            if k + 1 == paras.len() {
                break;
            }
            return (dek, paras[k + 1..].join("\n\n"));
        }
    }
    let trimmed = d.trim_end();
    let shortened = trimmed
        .strip_suffix("...")
        .or_else(|| trimmed.strip_suffix('…'));
    let Some(first) = paras.first() else {
        return (dek, body);
    };
    if let Some(short) = shortened.or(summary.then_some(trimmed)) {
        let short = loose(short);
        if short.chars().count() >= MIN_SHORTENED_DEK_CHARS && loose(first).starts_with(&short) {
            if summary {
                return (None, body);
            }
            if paras.len() > 1 {
                return (Some(first.to_string()), paras[1..].join("\n\n"));
            }
        }
    }
    (dek, body)
}

/// Lowercase letters and digits only, for comparing texts whatever their
/// punctuation, quotes and spacing.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Collapses all whitespace runs to one space and trims.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    if s.is_ascii() {
        // Byte by byte (a ninth of extracting a plain-text file when done by
        // characters): in ASCII, the whitespace and control characters are
        // the bytes up to the space, and DEL. Runs of words already joined
        // by single spaces are copied whole.
        let is_sep = |b: u8| b <= b' ' || b == 0x7f;
        for run in crate::ascii::spaced_runs(s, is_sep) {
            push(run);
        }
        return out;
    }
    // Control characters (seen in old newswire feeds) are dropped, not kept as text.
    for word in s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        push(word);
    }
    out
}

/// Normalizes a body: each paragraph on one line with single spaces,
/// paragraphs separated by exactly one blank line.
pub fn clean_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for para in blocks(s) {
        let para = clean_line(para);
        if para.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out
}

/// The blocks of a text between blank lines: `s.split("\n\n")`, with
/// memchr's vectorized search (the standard library's two-way search for
/// the two newlines was nearly a third of cleaning a news agency's bodies).
pub fn blocks(s: &str) -> impl Iterator<Item = &str> {
    let mut breaks = memchr::memmem::find_iter(s.as_bytes(), b"\n\n");
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match breaks.next() {
            Some(at) => {
                start = Some(at + 2);
                Some(&s[from..at])
            }
            None => {
                start = None;
                Some(&s[from..])
            }
        }
    })
}

/// Recovers paragraphs from plain text that may mark them with blank lines,
/// with single newlines, or not at all inside hard-wrapped lines.
///
/// Text with blank lines keeps them as the paragraph breaks. Otherwise, when
/// most lines are of similar length (hard-wrapped at a fixed width), lines
/// are joined, breaking only after a clearly short line ending a sentence or
/// before an indented line; when they are not, every line is a paragraph.
pub fn paragraphs(text: &str) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    if !text.contains('\n') || memchr::memmem::find(text.as_bytes(), b"\n\n").is_some() {
        return text;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    let wrapped = lines.len() >= 3
        && (40..=100).contains(&median)
        && lengths.iter().filter(|&&n| n <= median + 8).count() * 10 >= lines.len() * 8;
    if !wrapped {
        return lines.join("\n\n");
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = lines[i - 1].trim_end();
            let short_end = prev.chars().count() * 10 < median * 7
                && prev.ends_with(['.', '!', '?', ':', '"', '\u{201d}']);
            let indented = line.starts_with([' ', '\t']);
            out.push_str(if short_end || indented { "\n\n" } else { " " });
        }
        out.push_str(line.trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_like_the_standard_split() {
        for text in [
            "",
            "a",
            "a\n\nb",
            "a\n\n\nb",
            "\n\n",
            "a\n\n\n\nb\n\n",
            "é\nx\n\nü",
        ] {
            let ours: Vec<&str> = blocks(text).collect();
            let std: Vec<&str> = text.split("\n\n").collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn body_paragraphs_are_normalized() {
        assert_eq!(clean_body("  a\n b \n\n\n\nc  d\n\n \n"), "a b\n\nc d");
    }

    #[test]
    fn lines_lose_control_characters_and_extra_whitespace_in_any_script() {
        assert_eq!(clean_line(" a\tb\x07c \x7f\x0bd\r"), "a b c d");
        assert_eq!(
            clean_line("\u{a0}caf\u{e9}\u{2003}b\x07c \u{85}d"),
            "caf\u{e9} b c d"
        );
        assert_eq!(clean_line(" \t\x01 "), "");
    }

    #[test]
    fn hard_wrapped_text_is_joined_into_paragraphs() {
        let wrapped = "The council voted on Tuesday to widen the\nriver path and to rebuild the old footbridge\nbefore the spring floods arrive next year.\n    A second vote on the budget is expected\nnext month, officials said on the record.";
        assert_eq!(
            paragraphs(wrapped),
            "The council voted on Tuesday to widen the river path and to rebuild the old footbridge before the spring floods arrive next year.\n\nA second vote on the budget is expected next month, officials said on the record."
        );
        assert_eq!(
            paragraphs("One.\nTwo words here.\nThree"),
            "One.\n\nTwo words here.\n\nThree"
        );
        assert_eq!(paragraphs("a\n\nb\nc"), "a\n\nb\nc");
    }

    fn one(name: &str, text: &str) -> Article {
        let source = Source::from_text(name, text.to_string());
        extract(&source)
            .expect("an article")
            .articles
            .swap_remove(0)
    }

    const LEAD: &str = "The harbour board voted on Monday to close the old ferry pier, \
        after divers found its piles rotten.";
    const NEXT: &str = "Repairs would have cost more than a new pier, the board's engineer \
        told the meeting, and the ferries will use the north quay from May.";

    /// The data model: `dek` is the standfirst, `body` the text after it,
    /// which never repeats it, whatever the format and however the source
    /// repeats it.
    #[test]
    fn the_body_starts_after_the_dek_in_every_format() {
        // JSON: a scraper's record with a standfirst its text opens with.
        let json = format!(
            r#"{{"title":"Ferry pier to close","standfirst":"{LEAD}","text":"{LEAD}\n\n{NEXT}"}}"#
        );
        let a = one("x.json", &json);
        assert_eq!(a.dek.as_deref(), Some(LEAD));
        assert_eq!(a.body, NEXT);
        // HTML: a standfirst in the article's header, shown apart, with
        // no summary declared.
        let html = format!(
            "<html><body><article><header><h1>Ferry pier to close</h1><p>{LEAD}</p></header>\
             <div class=\"story\"><p>{NEXT}</p><p>{NEXT}</p><p>{NEXT}</p></div></article></body></html>"
        );
        let a = one("x.html", &html);
        assert_eq!(a.dek.as_deref(), Some(LEAD));
        assert!(
            a.body.starts_with(NEXT) && !a.body.contains(LEAD),
            "{}",
            a.body
        );
    }

    /// Regression (the dek/body model, zyte body F1 0.977 -> 0.972): a
    /// declared summary that is only the body's first paragraph is no
    /// standfirst; the paragraph stays in the body and the dek is none.
    #[test]
    fn a_declared_summary_that_opens_the_body_stays_in_the_body() {
        let html = format!(
            "<html><head><meta name=\"description\" content=\"{LEAD}\"></head><body>\
             <article><h1>Ferry pier to close</h1><p>{LEAD}</p><p>{NEXT}</p><p>{NEXT}</p>\
             </article></body></html>"
        );
        let a = one("x.html", &html);
        assert_eq!(a.dek, None);
        assert!(a.body.starts_with(LEAD), "{}", a.body);
        // Only its first sentence, or cut short with an ellipsis.
        let first = "The harbour board voted on Monday to close the old ferry pier.";
        let body = format!("{first} Divers found its piles rotten.\n\n{NEXT}");
        for summary in [first.to_string(), format!("{}...", &LEAD[..60])] {
            let (dek, kept) = separate_dek(Some(summary), body.clone(), true);
            assert_eq!((dek, kept.as_str()), (None, body.as_str()));
        }
        // A record's description that opens its text, likewise.
        let json = format!(
            r#"{{"title":"Ferry pier to close","description":"{LEAD}","text":"{LEAD}\n\n{NEXT}"}}"#
        );
        let a = one("x.json", &json);
        assert_eq!(
            (a.dek.as_deref(), a.body.as_str()),
            (None, format!("{LEAD}\n\n{NEXT}").as_str())
        );
        // A summary that is not the body's opening stands in as the dek.
        let (dek, kept) = separate_dek(
            Some("Rotten piles doom the pier.".into()),
            body.clone(),
            true,
        );
        assert_eq!(
            (dek.as_deref(), kept.as_str()),
            (Some("Rotten piles doom the pier."), body.as_str())
        );
    }

    #[test]
    fn a_shortened_standfirst_gives_way_to_the_paragraph_it_begins() {
        let short = format!("{}...", &LEAD[..60]);
        let (dek, body) = separate_dek(Some(short), format!("{LEAD}\n\n{NEXT}"), false);
        assert_eq!(dek.as_deref(), Some(LEAD));
        assert_eq!(body, NEXT);
        // A standfirst over two paragraphs, with other quotes and spaces.
        let (dek, body) = separate_dek(
            Some("Pier to close.  \u{201c}Rotten\u{201d} piles found".into()),
            format!("Pier to close.\n\n\"Rotten\" piles found\n\n{NEXT}"),
            false,
        );
        assert!(dek.is_some());
        assert_eq!(body, NEXT);
        // A standfirst that is the whole body leaves the body its text; one
        // that merely begins the first paragraph, unshortened, takes nothing.
        let (_, body) = separate_dek(Some(LEAD.into()), LEAD.into(), false);
        assert_eq!(body, LEAD);
        let (dek, body) = separate_dek(Some("The harbour board voted".into()), LEAD.into(), false);
        assert_eq!(
            (dek.as_deref(), body.as_str()),
            (Some("The harbour board voted"), LEAD)
        );
    }

    #[test]
    fn an_empty_draft_is_no_article() {
        assert!(finish("x", Format::Text, Draft::default()).is_none());
        let d = Draft {
            title: Some(" A  title ".into()),
            ..Draft::default()
        };
        let a = finish("x", Format::Text, d).expect("article");
        assert_eq!(a.title.as_deref(), Some("A title"));
    }
}
