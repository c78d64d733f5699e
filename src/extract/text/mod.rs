//! Plain-text copies of articles: find the headline, standfirst, byline,
//! outlet and stated date, and keep the article text without the page
//! furniture around it.
//!
//! Two shapes are handled. The simple one is "headline, blank line, body"
//! (the BBC corpus): the first line is the title and everything after it is
//! the body, with nothing stripped but the few line patterns that never occur
//! in article prose. The other is a browser's copy of a web page: navigation
//! lines at the top with the headline among them, a byline, photo captions,
//! "RELATED:" links and newsletter plugs inside the text, an author bio and a
//! footer at the end. There the body is the densest run of long lines, the
//! headline is searched backwards from it, and boilerplate lines are dropped
//! by the patterns in [`rules`]. Every pattern and threshold lives in that
//! module, with a note on what it is for; nothing here knows any site.
//!
//! A standfirst under the headline is the dek, and the body starts after
//! it.
//!
//! This file assembles the article; `headline` finds the headline, `body`
//! the runs of prose and what to drop from them; the names in byline lines
//! are read by [`crate::extract::authors::lines`].

use super::authors::clean_name;
use super::authors::lines::{byline_names, name_beside_date};
use super::date::parse_date;
use super::{Draft, ExtractError};
use crate::published::Published;
use body::{
    article_run, continue_body, ends_with_terminal, is_dek, is_dropped, lead_start, main_run,
    prose_lines, prose_runs, strip_body, Bio,
};
use headline::{breadcrumb_tail, contents_lines, find_title, is_name_line, title_like};

mod body;
mod file_name;
mod headline;
mod rules;
#[cfg(test)]
mod tests;

/// Tokens that are read as words when counting (any run without spaces).
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Counting stops at the thresholds: a paragraph is not read to its end,
/// and a line shorter in bytes than the character threshold is not
/// counted in characters at all.
fn is_long(s: &str) -> bool {
    (s.len() >= rules::LONG_LINE_CHARS
        && s.chars()
            .nth(rules::LONG_LINE_CHARS.saturating_sub(1))
            .is_some())
        || s.split_whitespace()
            .nth(rules::LONG_LINE_WORDS.saturating_sub(1))
            .is_some()
}

/// Ends like a sentence (a headline usually does not).
fn ends_like_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', '»', '«', ')']);
    s.ends_with(['.', '…'])
}

fn is_date_line(s: &str) -> bool {
    s.chars().count() <= rules::META_LINE_MAX_CHARS && parse_date(s).is_some()
}

/// Buttons, labels and other page furniture, never a headline or a name.
fn is_furniture(s: &str) -> bool {
    rules::TITLE_JUNK.is_match(s) || rules::JUNK_ANYWHERE.is_match(s)
}

fn is_credit(s: &str) -> bool {
    let n = s.chars().count();
    (n <= rules::META_LINE_MAX_CHARS && rules::CREDIT.is_match(s))
        || (n <= rules::CAPTION_MAX_CHARS && caption_with_credit(s))
}

/// A caption ending in its credit ([`rules::CAPTION_END`]): the credit's
/// colon or slash is near the end of the line, so only the line's tail is
/// searched (the pattern is slow on whole lines, and this runs on every
/// line).
fn caption_with_credit(s: &str) -> bool {
    let Some(mark) = s.rfind([':', '/']) else {
        return false;
    };
    if s.len() - mark > rules::CAPTION_CREDIT_TAIL_BYTES {
        return false;
    }
    let mut from = mark.saturating_sub(rules::CAPTION_CREDIT_LABEL_BYTES);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let label = s[from..mark].to_ascii_lowercase();
    rules::CAPTION_CREDIT_LABELS
        .iter()
        .any(|l| label.contains(l))
        && rules::CAPTION_END.is_match(&s[from..])
}

/// Trims a line, including the byte-order mark and zero-width characters
/// that copies from browsers carry.
fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}')
    })
}

/// What the header area (above the body) told us.
#[derive(Default)]
struct Header {
    authors: Vec<String>,
    published: Option<Published>,
}

/// Extracts a draft from a plain-text copy of an article.
pub fn extract(text: &str) -> Result<Draft, ExtractError> {
    extract_named(text, std::path::Path::new(""))
}

/// Extracts a draft from a plain-text copy of an article saved as `path`,
/// whose name may share words with the headline (see `file_name`).
pub fn extract_named(text: &str, path: &std::path::Path) -> Result<Draft, ExtractError> {
    // Soft hyphens are invisible hints for line breaking; copies keep them
    // inside words, where they break matching.
    let text: std::borrow::Cow<str> = if text.contains('\u{ad}') {
        text.replace('\u{ad}', "").into()
    } else {
        text.into()
    };
    let lines: Vec<&str> = text.lines().map(trim_line).collect();
    let nonempty: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let Some(&first) = nonempty.first() else {
        return Err(ExtractError::NoArticle("the text is empty".into()));
    };
    if is_simple_shape(&lines, &nonempty) {
        return Ok(simple(&lines, first));
    }
    Ok(page(&lines, &file_name::name_words(path)))
}

/// "Headline, blank line, body": the first line is title-like, a blank line
/// follows it, and the next paragraph is prose or at least a full sentence
/// (a page copy starts with a menu or a skip link instead).
fn is_simple_shape(lines: &[&str], nonempty: &[usize]) -> bool {
    let (Some(&first), Some(&second)) = (nonempty.first(), nonempty.get(1)) else {
        return false;
    };
    let head = lines[first];
    let next = lines[second];
    // Every paragraph on one line with blank lines between them: a text
    // written as paragraphs, not a copy of a page's many short lines.
    let one_line_paragraphs = || {
        nonempty.windows(2).all(|w| w[1] > w[0] + 1) && nonempty.iter().any(|&i| is_long(lines[i]))
    };
    // An archive dump whose opening lines are all blank-separated (a
    // headline, then fixture details such as a venue and a date) is still
    // the simple shape; a page copy has its menu lines packed together.
    let blank_separated_start = || {
        nonempty.len() > rules::SIMPLE_SPACED_LINES
            && nonempty[..=rules::SIMPLE_SPACED_LINES]
                .windows(2)
                .all(|w| w[1] > w[0] + 1)
    };
    title_like(head)
        && !rules::DOMAIN_LINE.is_match(head)
        && !is_dropped(head)
        && second > first + 1
        && (is_long(next)
            || (ends_with_terminal(next) && word_count(next) >= rules::SHORT_SENTENCE_WORDS)
            || one_line_paragraphs()
            || blank_separated_start())
        && !stacks_a_menu(lines)
}

/// Whether more than [`rules::SIMPLE_MAX_STACKED_SHORT`] short lines stand
/// one under the other somewhere in the text, as a menu's do.
fn stacks_a_menu(lines: &[&str]) -> bool {
    let mut stacked = 0;
    for l in lines {
        if l.is_empty() || is_long(l) {
            stacked = 0;
        } else {
            stacked += 1;
            if stacked > rules::SIMPLE_MAX_STACKED_SHORT {
                return true;
            }
        }
    }
    false
}

fn simple(lines: &[&str], first: usize) -> Draft {
    let mut d = Draft {
        title: Some(breadcrumb_tail(lines[first]).to_string()),
        ..Draft::default()
    };
    let rest = &lines[first + 1..];
    let (body, bio) = strip_body(rest, true, &[]);
    d.body = body;
    d.authors = bio
        .as_ref()
        .and_then(|b| b.name.clone())
        .into_iter()
        .collect();
    d.outlet = choose_outlet(rest, rest, bio.as_ref(), &d.authors);
    d
}

/// A browser's copy of a page, with the words of its file's name.
fn page(lines: &[&str], name: &[String]) -> Draft {
    let mut d = Draft::default();
    let mut dropped: Vec<bool> = lines.iter().map(|l| is_dropped(l)).collect();
    let long: Vec<bool> = lines.iter().map(|l| is_long(l)).collect();
    let prose = prose_lines(lines, &dropped, &long);
    // A table of contents and the subheadings it lists are set aside like
    // furniture: no headline among them, and the table does not cut the
    // lead above it from the prose below.
    for (d, c) in dropped.iter_mut().zip(contents_lines(lines, &prose, &long)) {
        *d |= c;
    }
    let runs = prose_runs(lines, &dropped, &prose);
    let Some(main) = main_run(lines, &runs) else {
        // No prose at all: keep what there is, the first title-like line as headline.
        d.title = lines
            .iter()
            .find(|l| title_like(l) && !is_dropped(l))
            .map(|l| l.to_string());
        let (body, _) = strip_body(lines, false, &[]);
        d.body = body;
        return d;
    };
    let title_at = find_title(lines, &dropped, &prose, &runs, main, name);
    // The article is the run of prose below the headline, continued to the
    // main run when that follows (an image or a code block split them).
    let (mut start, main_end) = match title_at.and_then(|t| article_run(lines, &prose, &runs, t)) {
        Some(r)
            if r.start <= main.start
                && main.start.saturating_sub(r.end) <= rules::MAX_SPLIT_LINES =>
        {
            (r.start, main.end)
        }
        Some(r) => (r.start, r.end),
        None => (main.start, main.end),
    };
    // A standfirst under the headline: the article starts after it, and
    // the byline and date lines between the two belong to the header.
    let mut dek_at = None;
    if let Some(t) = title_at {
        d.title = Some(breadcrumb_tail(lines[t]).to_string());
        let next = (t + 1..lines.len()).find(|&i| !lines[i].is_empty());
        if let Some(n) = next {
            if is_dek(lines, &prose, n, start, main_end) {
                d.dek = Some(lines[n].to_string());
                dek_at = Some(n);
                if n == start {
                    start = (n + 1..lines.len())
                        .find(|&i| prose[i])
                        .unwrap_or(n + 1)
                        .min(main_end.max(n + 1));
                }
            }
        }
    }
    let header_from = title_at.map_or(start.saturating_sub(rules::TITLE_WINDOW), |t| t + 1);
    // The body's first line before short opening sentences are taken in:
    // the header (byline, date) lies above it.
    let header_end = start;
    let header = read_header_area(lines, header_from, header_end);
    let published = choose_date(lines, header.published, title_at.unwrap_or(start));
    let end = continue_body(lines, &runs, main_end.max(start));
    // Short opening sentences above the prose still open the article; the
    // headline, the standfirst and the header lines above them do not.
    let floor = title_at
        .map_or(0, |t| t + 1)
        .max(dek_at.map_or(0, |n| n + 1));
    let start = lead_start(lines, start, floor);
    // The footer starts at the first footer marker after the body begins;
    // the body runs to the last long line before it (exclusive bounds).
    // A heading about the publisher ("About Acme"), a note on where the
    // story appeared or a rights notice ends the body in its second half.
    let half = start + (end.saturating_sub(start)) / 2;
    let footer = (start..lines.len())
        .find(|&i| {
            rules::FOOTER.is_match(lines[i])
                || (i > half
                    && ((word_count(lines[i]) <= rules::ABOUT_MAX_WORDS
                        && rules::ABOUT_SECTION.is_match(lines[i]))
                        || (rules::CLOSING_NOTE_WORDS.is_match(lines[i])
                            && rules::CLOSING_NOTE.is_match(lines[i]))))
        })
        .unwrap_or(lines.len())
        .max(start + 1)
        .min(lines.len());
    let body_end = (end + 1).clamp(start.min(footer), footer);
    let start = start.min(body_end);
    let credit = header_credit(lines, header.authors, header_from, header_end);
    // A byline under the lead paragraph names the authors, and is no
    // article text.
    let mut body_lines = lines[start..body_end].to_vec();
    if let Credit::InBody(at, _) = credit {
        if let Some(l) = at.checked_sub(start).and_then(|k| body_lines.get_mut(k)) {
            *l = "";
        }
    }
    let credited = credit.names();
    let (body, bio) = strip_body(&body_lines, false, credited);
    d.body = body;
    // An author bio just after the last long line is still looked at, for
    // the name and the outlet.
    let (_, tail_bio) = strip_body(&lines[body_end..footer], false, credited);
    let bio = bio.or(tail_bio);
    d.authors = choose_authors(credit, bio.as_ref());
    d.outlet = choose_outlet(
        &lines[start..footer],
        &lines[start..],
        bio.as_ref(),
        &d.authors,
    );
    d.published = published;
    d
}

/// Byline and date lines between the headline and the body.
fn read_header(lines: &[&str], header: &mut Header) {
    let mut prefix_alone = false;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        if line.chars().count() > rules::META_LINE_MAX_CHARS {
            prefix_alone = false;
            continue;
        }
        if prefix_alone && header.authors.is_empty() {
            header.authors.extend(clean_name(line));
        }
        prefix_alone = rules::BYLINE_ALONE.is_match(line);
        if prefix_alone {
            continue;
        }
        if rules::BYLINE.is_match(line) && header.authors.is_empty() {
            header.authors = byline_names(line);
        }
        if header.published.is_none() {
            header.published = parse_date(line);
            // "Dan Goodin - Apr 16, 2015": a name before the date.
            if header.published.is_some() && header.authors.is_empty() {
                header.authors.extend(name_beside_date(line, is_furniture));
            }
        }
    }
}

/// The byline and date of the header area: the lines between the
/// headline and the body (`from..to`), else, for what they lack, the few
/// lines just above the headline ([`rules::HEADER_ABOVE`]).
fn read_header_area(lines: &[&str], from: usize, to: usize) -> Header {
    let to = to.max(from).min(lines.len());
    let from = from.min(to);
    let mut header = Header::default();
    read_header(&lines[from..to], &mut header);
    if header.authors.is_empty() || header.published.is_none() {
        let mut above = Header::default();
        read_header(
            &lines[from.saturating_sub(rules::HEADER_ABOVE)..from],
            &mut above,
        );
        if header.authors.is_empty() {
            header.authors = above.authors;
        }
        if header.published.is_none() {
            header.published = above.published;
        }
    }
    header
}

/// The publication date: the header's (see [`read_header_area`]), else the
/// short date line nearest to the headline within [`rules::DATE_NEAR`]
/// lines either side (a dateline under a photo, a "published" line in a
/// side column).
fn choose_date(lines: &[&str], header: Option<Published>, anchor: usize) -> Option<Published> {
    header.or_else(|| {
        let near =
            anchor.saturating_sub(rules::DATE_NEAR)..(anchor + rules::DATE_NEAR).min(lines.len());
        let mut order: Vec<usize> = near.collect();
        order.sort_by_key(|&i| i.abs_diff(anchor));
        order.into_iter().find_map(|i| {
            let l = lines[i];
            (word_count(l) <= rules::DATE_NEAR_MAX_WORDS && !l.is_empty())
                .then(|| parse_date(l))
                .flatten()
        })
    })
}

/// Who the header area credits, and where.
enum Credit {
    /// The header's byline (see [`read_header_area`]).
    Header(Vec<String>),
    /// A bare name line between the headline and the body (a byline
    /// without "By").
    NameLine(String),
    /// A byline under the lead paragraph ("von Anna Müller" after the
    /// intro), on this line.
    InBody(usize, Vec<String>),
    /// None.
    Nobody,
}

impl Credit {
    /// The names credited, if any.
    fn names(&self) -> &[String] {
        match self {
            Credit::Header(names) | Credit::InBody(_, names) => names,
            Credit::NameLine(name) => std::slice::from_ref(name),
            Credit::Nobody => &[],
        }
    }
}

/// The credit of the header area, most trusted first: the header's
/// byline; a bare name line between the headline and the body
/// (`header_from..body_start`); a byline among the first
/// [`rules::BYLINE_IN_BODY_LINES`] short lines of the body.
fn header_credit(
    lines: &[&str],
    header: Vec<String>,
    header_from: usize,
    body_start: usize,
) -> Credit {
    if !header.is_empty() {
        return Credit::Header(header);
    }
    // A name line over a photo credit is the photo's caption.
    let area = &lines[header_from..body_start];
    let caption = |k: usize| {
        area[k + 1..]
            .iter()
            .find(|l| !l.is_empty())
            .is_some_and(|l| is_credit(l))
    };
    if let Some(name) = (0..area.len())
        .find(|&k| is_name_line(area[k]) && !caption(k))
        .and_then(|k| clean_name(area[k]))
    {
        return Credit::NameLine(name);
    }
    (body_start..lines.len())
        .filter(|&i| !lines[i].is_empty())
        .take(rules::BYLINE_IN_BODY_LINES)
        .filter(|&i| {
            word_count(lines[i]) <= rules::BYLINE_MAX_WORDS && rules::BYLINE.is_match(lines[i])
        })
        .map(|i| (i, byline_names(lines[i])))
        .find(|(_, names)| !names.is_empty())
        .map_or(Credit::Nobody, |(i, names)| Credit::InBody(i, names))
}

/// The authors: the header area's credit (see [`header_credit`]), else the
/// name an author bio opens with.
fn choose_authors(credit: Credit, bio: Option<&Bio>) -> Vec<String> {
    match credit {
        Credit::Header(names) | Credit::InBody(_, names) => names,
        Credit::NameLine(name) => vec![name],
        Credit::Nobody => bio.and_then(|b| b.name.clone()).into_iter().collect(),
    }
}

/// The outlet, most trusted first: an author bio naming it ("In addition
/// to Best Life, she has written for ..."); a closing line saying it
/// "has reached out" for comment (not an author's name); the copyright
/// line that closes the page, below any footer marker. `lines` is the
/// body to the footer, `page_end` the body to the end of the page.
fn choose_outlet(
    lines: &[&str],
    page_end: &[&str],
    bio: Option<&Bio>,
    authors: &[String],
) -> Option<String> {
    bio.and_then(|b| rules::OUTLET_BIO.captures(&b.text)?.get(1))
        .map(|m| m.as_str().to_string())
        .or_else(|| {
            lines.iter().rev().find_map(|l| {
                rules::OUTLET_REACHED
                    .captures(l)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().to_string())
                    .filter(|o| !authors.iter().any(|a| a.contains(o.as_str())))
            })
        })
        .or_else(|| {
            page_end.iter().rev().take(40).find_map(|l| {
                if l.chars().count() > rules::META_LINE_MAX_CHARS {
                    return None;
                }
                rules::OUTLET_COPYRIGHT
                    .captures(l)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().trim().to_string())
                    .filter(|o| o.chars().any(char::is_alphabetic))
            })
        })
}
