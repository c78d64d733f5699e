//! A cheap pass over the raw markup before html5ever parses it, doing two
//! things the parser would otherwise pay dearly for.
//!
//! It empties `<script>` (except JSON-LD), `<style>`, `<svg>`, `<noscript>`,
//! `<template>` and `<iframe>` elements and drops comments: their content is
//! never read, yet tokenizing it is a large share of the parse time on news
//! pages with hundreds of kilobytes of inline code and icons.
//!
//! It drops attributes nothing reads (`data-*`, `srcset`, `sizes`, event
//! handlers): once its code is gone, half of a news page's markup is
//! attribute values (a tenth in these), which html5ever copies one
//! character at a time.
//!
//! It guards against pathologically deep markup: html5ever checks element
//! scopes by scanning its stack of open elements, so each start tag costs
//! time proportional to the nesting depth and a page nested 100,000 levels
//! deep takes many seconds to parse. No real page nests more than a few
//! hundred levels, so start tags beyond [`MAX_DEPTH`] (and their matching end
//! tags) are dropped, keeping all text.

use std::borrow::Cow;

/// The deepest nesting kept; real pages stay well below (the deepest page in
/// our test sets nests under 100 levels).
pub const MAX_DEPTH: usize = 400;

/// What the scanner does with an element, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Never open for long: void elements and those whose end tag is
    /// optional and usually omitted, which would otherwise inflate the
    /// depth estimate.
    NotCounted,
    /// Raw text whose content is dropped.
    Unread,
    /// Raw text skipped to its end tag, kept (scripts only when JSON-LD,
    /// see [`is_unread_code`]).
    RawText,
    Other,
}

/// The class of a tag name, in any case (one lowercase copy and one match:
/// the scanner meets every tag of the page).
fn classify(name: &str) -> Class {
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Class::Other;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"param" | b"keygen" | b"p" | b"li" | b"dt"
        | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th" | b"tbody" | b"thead"
        | b"tfoot" | b"colgroup" | b"rb" | b"rt" | b"rp" | b"html" | b"head" | b"body" => {
            Class::NotCounted
        }
        b"style" | b"noscript" | b"iframe" | b"svg" | b"template" => Class::Unread,
        b"script" | b"textarea" | b"title" | b"xmp" => Class::RawText,
        _ => Class::Other,
    }
}

/// Whether an attribute is never read by extraction: `data-*` (scripts'
/// state, lazy-loading), responsive image lists and event handlers.
fn is_unread_attribute(name: &[u8]) -> bool {
    let starts = |p: &[u8]| {
        name.get(..p.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(p))
    };
    starts(b"data-")
        || (starts(b"on") && name.len() > 2)
        || name.eq_ignore_ascii_case(b"srcset")
        || name.eq_ignore_ascii_case(b"sizes")
}

/// The byte ranges, within `bytes[from..to]` (a start tag's attributes),
/// of attributes nothing reads, each with the whitespace before it.
fn unread_attributes(bytes: &[u8], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let at = |i: usize| bytes.get(i).copied().filter(|_| i < to);
    let mut i = from;
    while i < to {
        let start = i;
        while at(i).is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
            i += 1;
        }
        let name_start = i;
        while at(i).is_some_and(|b| !(b.is_ascii_whitespace() || b == b'/' || b == b'=')) {
            i += 1;
        }
        if i == name_start {
            break;
        }
        let name = bytes.get(name_start..i).unwrap_or(b"");
        let mut j = i;
        while at(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if at(j) == Some(b'=') {
            j += 1;
            while at(j).is_some_and(|b| b.is_ascii_whitespace()) {
                j += 1;
            }
            match at(j) {
                Some(q @ (b'"' | b'\'')) => {
                    let close = bytes.get(j + 1..to).and_then(|v| memchr::memchr(q, v));
                    j = close.map_or(to, |c| j + 1 + c + 1);
                }
                _ => {
                    while at(j).is_some_and(|b| !b.is_ascii_whitespace()) {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        if is_unread_attribute(name) {
            found.push((start, i));
        }
    }
    found
}

/// The name given to comments found by [`next_tag`].
const COMMENT: &str = "!--";

/// One tag found by the scanner.
struct Tag<'a> {
    /// Byte range of the whole tag, `<` to `>`.
    start: usize,
    end: usize,
    /// Lowercase-insensitive name as written.
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// Finds the next tag at or after `from`, skipping comments and raw text.
fn next_tag(s: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = s.as_bytes();
    let mut i = from;
    loop {
        let lt = i + memchr::memchr(b'<', bytes.get(i..)?)?;
        let rest = s.get(lt..)?;
        if rest.starts_with("<!--") {
            let end = lt
                + 4
                + memchr::memmem::find(rest.as_bytes().get(4..)?, b"-->")
                    .map_or(rest.len() - 4, |e| e + 3);
            return Some(Tag {
                start: lt,
                end,
                name: COMMENT,
                closing: false,
                self_closing: true,
            });
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_len = bytes
            .get(name_start..)?
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 {
            i = lt + 1;
            continue;
        }
        let gt = tag_end(bytes, name_start + name_len)?;
        let name = s.get(name_start..name_start + name_len)?;
        let self_closing = bytes.get(gt.saturating_sub(1)) == Some(&b'/');
        return Some(Tag {
            start: lt,
            end: gt + 1,
            name,
            closing,
            self_closing,
        });
    }
}

/// The index of the `>` that closes a tag whose attributes start at `from`,
/// skipping quoted attribute values (which may hold `>`).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += memchr::memchr3(b'>', b'"', b'\'', bytes.get(i..)?)?;
        let b = *bytes.get(i)?;
        if b == b'>' {
            return Some(i);
        }
        let opens_value = bytes
            .get(i.wrapping_sub(1))
            .is_some_and(|p| *p == b'=' || p.is_ascii_whitespace());
        i += 1;
        if opens_value {
            i += memchr::memchr(b, bytes.get(i..)?)? + 1;
        }
    }
}

/// Returns the page with script and style content and unread attributes
/// removed, and nesting beyond [`MAX_DEPTH`] cut.
pub fn prepare(html: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut skipped = 0usize;
    // Bytes of `html` before this offset are already in `out`.
    let mut copied = 0usize;
    let mut pos = 0usize;
    while let Some(tag) = next_tag(html, pos) {
        pos = tag.end;
        if tag.name == COMMENT {
            out.push_str(html.get(copied..tag.start).unwrap_or(""));
            copied = tag.end;
            continue;
        }
        let class = classify(tag.name);
        let counted = !(class == Class::NotCounted || tag.self_closing);
        let drop = counted
            && if tag.closing {
                if skipped > 0 {
                    skipped -= 1;
                    true
                } else {
                    depth = depth.saturating_sub(1);
                    false
                }
            } else if depth >= MAX_DEPTH {
                skipped += 1;
                true
            } else {
                depth += 1;
                false
            };
        if drop {
            out.push_str(html.get(copied..tag.start).unwrap_or(""));
            copied = tag.end;
            continue;
        }
        if !tag.closing {
            let attrs_from = tag.start + 1 + tag.name.len();
            for (from, to) in unread_attributes(html.as_bytes(), attrs_from, tag.end - 1) {
                out.push_str(html.get(copied..from).unwrap_or(""));
                copied = to;
            }
        }
        if tag.closing || tag.self_closing || !matches!(class, Class::Unread | Class::RawText) {
            continue;
        }
        // Raw text: find its end tag, and empty it when it is code.
        let close = format!("</{}", tag.name.to_ascii_lowercase());
        let rest = html.get(pos..).unwrap_or("");
        let content_end = find_end_tag(rest, &close).map_or(html.len(), |off| pos + off);
        if is_unread_code(html, &tag, class, html.get(pos..content_end).unwrap_or("")) {
            out.push_str(html.get(copied..pos).unwrap_or(""));
            copied = content_end;
        }
        pos = content_end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(html.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}

/// Whether a skipped element's content is never read: any of
/// [`Class::Unread`], and any `<script>` but JSON-LD (typed as such, or an
/// untyped script that holds a schema.org object, see
/// [`super::metadata::is_untyped_jsonld`]).
fn is_unread_code(html: &str, tag: &Tag<'_>, class: Class, content: &str) -> bool {
    if class == Class::Unread {
        return true;
    }
    if !tag.name.eq_ignore_ascii_case("script") {
        return false;
    }
    let attrs = html.get(tag.start..tag.end).unwrap_or("");
    !attrs.to_ascii_lowercase().contains("ld+json") && !super::metadata::is_untyped_jsonld(content)
}

/// Byte offset of the end tag `close` (lowercase, like `</script`) in
/// `hay`, ignoring ASCII case.
fn find_end_tag(hay: &str, close: &str) -> Option<usize> {
    let n = close.as_bytes();
    memchr::memmem::find_iter(hay.as_bytes(), b"</").find(|&i| {
        hay.as_bytes()
            .get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_without_code_are_untouched() {
        let p = "<div><p>a<p>b</div><title>x</title>";
        assert!(matches!(prepare(p), Cow::Borrowed(_)));
    }

    #[test]
    fn code_is_emptied_but_json_ld_kept() {
        let p = "<script>if (a<b) { x('</div>') }</script><STYLE>p{}</STYLE><!-- <p>old</p> -->\
                 <svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg>\
                 <script type=\"application/ld+json\">{\"a\":1}</script><p>text";
        assert_eq!(
            prepare(p),
            "<script></script><STYLE></STYLE><svg viewBox=\"0 0 1 1\"></svg>\
             <script type=\"application/ld+json\">{\"a\":1}</script><p>text"
        );
    }

    #[test]
    fn quoted_attributes_may_hold_brackets() {
        let p = "<iframe src=\"javascript:'<html><body>'\">fallback</iframe><p>text";
        assert_eq!(
            prepare(p),
            "<iframe src=\"javascript:'<html><body>'\"></iframe><p>text"
        );
    }

    #[test]
    fn unread_attributes_are_dropped_and_the_rest_kept() {
        let p = "<img class=\"a b\" data-src='x>y' srcset=\"a.jpg 1x, b.jpg 2x\" \
                 onclick=go() alt=\"data-x\"/><a href=\"/p?data-a=1\" data-n=1 \
                 itemprop=\"author\">Ann</a><p on>x</p>";
        assert_eq!(
            prepare(p),
            "<img class=\"a b\" alt=\"data-x\"/><a href=\"/p?data-a=1\" \
             itemprop=\"author\">Ann</a><p on>x</p>"
        );
    }

    #[test]
    fn deep_pages_are_cut_but_keep_text() {
        let n = MAX_DEPTH + 50;
        let p = format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = prepare(&p);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("text"));
    }
}
