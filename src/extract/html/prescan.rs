//! A guard against pathologically deep markup, applied before parsing.
//!
//! html5ever checks element scopes by scanning its stack of open elements,
//! so each start tag costs time proportional to the nesting depth and a page
//! nested 100,000 levels deep takes many seconds to parse. No real page
//! nests more than a few hundred levels, so a cheap scan estimates the depth
//! and, only when it exceeds [`MAX_DEPTH`], drops the start tags (and their
//! matching end tags) beyond it, keeping all text.

use std::borrow::Cow;

/// The deepest nesting kept; real pages stay well below (the deepest page in
/// our test sets nests under 100 levels).
pub const MAX_DEPTH: usize = 400;

/// Elements that are never open for long: void elements and those whose end
/// tag is optional and usually omitted, which would otherwise inflate the
/// estimate.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td",
    "th", "tbody", "thead", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is raw text, skipped to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript", "iframe"];

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
        let lt = i + s.get(i..)?.find('<')?;
        let rest = s.get(lt..)?;
        if rest.starts_with("<!--") {
            i = lt + 4 + rest.get(4..)?.find("-->").map_or(rest.len() - 4, |e| e + 3);
            continue;
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
        let gt = lt + rest.find('>')?;
        let name = s.get(name_start..name_start + name_len)?;
        let self_closing = bytes.get(gt.saturating_sub(1)) == Some(&b'/');
        return Some(Tag { start: lt, end: gt + 1, name, closing, self_closing });
    }
}

/// Whether `name` is in `list`, ignoring ASCII case.
fn listed(name: &str, list: &[&str]) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Returns the page unchanged when its estimated nesting stays within
/// [`MAX_DEPTH`], else a copy without the start and end tags beyond it.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    if max_depth(html) <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut skipped = 0usize;
    let mut copied = 0usize;
    scan(html, |tag| {
        if listed(tag.name, NOT_COUNTED) || tag.self_closing {
            return;
        }
        let drop = if tag.closing {
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
        }
    });
    out.push_str(html.get(copied..).unwrap_or(""));
    Cow::Owned(out)
}

/// The estimated deepest nesting of counted elements.
fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    scan(html, |tag| {
        if listed(tag.name, NOT_COUNTED) || tag.self_closing {
            return;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    });
    max
}

/// Calls `f` on every tag in document order, skipping the content of
/// raw-text elements.
fn scan<'a>(html: &'a str, mut f: impl FnMut(&Tag<'a>)) {
    let mut pos = 0;
    while let Some(tag) = next_tag(html, pos) {
        pos = tag.end;
        f(&tag);
        if !tag.closing && !tag.self_closing && listed(tag.name, RAW_TEXT) {
            // Jump to the matching end tag (ASCII case-insensitive search).
            let close = format!("</{}", tag.name.to_ascii_lowercase());
            let rest = html.get(pos..).unwrap_or("");
            match find_ascii_ci(rest, &close) {
                Some(off) => pos += off,
                None => break,
            }
        }
    }
}

/// Byte offset of `needle` (ASCII lowercase) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| {
        h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let p = "<div><p>a<p>b</div><script>if (a<b) {}</script>";
        assert!(matches!(limit_depth(p), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_are_cut_but_keep_text() {
        let n = MAX_DEPTH + 50;
        let p = format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = limit_depth(&p);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("text"));
    }
}
