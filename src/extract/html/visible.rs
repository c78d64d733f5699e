//! What the visible page says about who wrote the article and when:
//! `rel=author` links, `itemprop=author`, elements whose class names a
//! byline, bylines written as text or after a label standing alone, a name
//! signed under the article, `<time>` elements, `itemprop=datePublished`
//! and RDFa dates, dates standing alone near the headline or opening its
//! first paragraph, and the first `<h1>`, all outside comments, sidebars and
//! related-story lists (but an article's own footer or sidebar counts); and
//! the person a copyright notice names, wherever it stands.

use super::dom::{attr_of, Dom, Kind};
use super::rules;
use crate::extract::authors::{
    clean_name, personal_name, split_byline, split_marked_byline, split_marked_text,
};
use crate::extract::date::parse_date;
use crate::published::Published;

/// Visible facts about the article, before reconciliation with metadata.
#[derive(Debug, Default)]
pub struct Visible {
    /// Authors from `rel=author` or `itemprop=author` (most reliable).
    pub marked_authors: Vec<String>,
    /// Authors from the first byline-classed element that yields names.
    pub byline_authors: Vec<String>,
    /// Authors from the first short element that opens with a byline
    /// word ("Von Anna Roth", "Text: Ben Ode"), whatever its class.
    pub prefixed_authors: Vec<String>,
    /// Authors from the node after a label standing alone
    /// (`<b>Text:</b> Ben Ode`, `<span>By</span><a>Ann Lee</a>`).
    pub labelled_authors: Vec<String>,
    /// The date of an `itemprop=datePublished` or a `<time pubdate>`.
    pub marked_date: Option<Published>,
    /// The first `<time>` (or date-classed element) outside foreign regions
    /// that is not a modification date.
    pub time_date: Option<Published>,
    /// The texts of the first `<h1>` elements outside foreign regions.
    pub h1s: Vec<String>,
    /// The node index of each of [`Visible::h1s`].
    pub h1_nodes: Vec<usize>,
    /// How many non-empty `<h1>` elements lie outside foreign regions.
    pub h1_count: usize,
}

/// Marks every node inside a foreign region (comments, sidebars, related
/// lists, footers); one forward pass, since parents come first.
pub fn foreign_regions(dom: &Dom<'_>, shape: &super::body::Shape) -> Vec<bool> {
    let mut foreign = vec![false; dom.len()];
    for i in 0..dom.len() {
        let inherited = dom
            .parent(i)
            .is_some_and(|p| foreign.get(p).copied().unwrap_or(false));
        let own = match dom.tag(i) {
            Some("aside" | "footer" | "nav") => true,
            Some("body" | "html" | "main" | "article") => false,
            Some(_) => !shape.protected(i) && rules::FOREIGN_REGION.is_match(dom.class_id(i)),
            None => false,
        };
        if let Some(f) = foreign.get_mut(i) {
            *f = inherited || own;
        }
    }
    foreign
}

/// Gathers the visible byline, dates and headline.
pub fn collect(dom: &Dom<'_>, foreign: &[bool]) -> Visible {
    let mut v = Visible::default();
    let is_foreign = |i: usize| foreign.get(i).copied().unwrap_or(false);
    let mut i = 0;
    while i < dom.len() {
        let Some(item) = dom.items.get(i) else { break };
        let Kind::Element(tag, _) = item.kind else {
            if v.labelled_authors.is_empty() && !is_foreign(i) {
                v.labelled_authors = label_then_name(dom, i).unwrap_or_default();
            }
            i += 1;
            continue;
        };
        if is_foreign(i) || matches!(tag, "script" | "style" | "head" | "noscript") {
            // An article's own <aside> or <footer> holds its credits and
            // dates: the names marked as its authors there count, and so
            // do its dates.
            if is_article_box(dom, i, tag) {
                if v.marked_authors.is_empty() {
                    v.marked_authors = (i..dom.end(i))
                        .find_map(|j| marked_author(dom, j).filter(|n| !n.is_empty()))
                        .unwrap_or_default();
                }
                for j in i..dom.end(i) {
                    note_dates(dom, j, &mut v);
                }
            } else if v.marked_date.is_none() && !matches!(tag, "script" | "style" | "noscript") {
                // Elsewhere only a date marked as the publication's counts,
                // outside comments and lists of other stories.
                v.marked_date = marked_date_in(dom, i);
            }
            // Skip the whole subtree.
            i = dom.end(i).max(i + 1);
            continue;
        }
        // Authors marked up as such.
        if v.marked_authors.is_empty() {
            if let Some(names) = marked_author(dom, i) {
                v.marked_authors = names;
            }
        }
        // Bylines by class.
        if v.byline_authors.is_empty() {
            let cls = dom.class_id(i);
            if !cls.is_empty()
                && rules::BYLINE_CLASS.is_match(cls)
                && !rules::NOT_BYLINE_CLASS.is_match(cls)
            {
                let text = dom.text_parts(i, rules::BYLINE_PART_TAGS);
                if !text.is_empty() && text.chars().count() <= rules::BYLINE_MAX_CHARS {
                    // An element marked as the author (`author vcard`) may
                    // hold a one-word handle.
                    v.byline_authors = if rules::AUTHOR_MARK_CLASS.is_match(cls) {
                        split_marked_text(&text)
                    } else {
                        split_byline(&text)
                    };
                }
            }
        }
        // Bylines by their opening words.
        if v.prefixed_authors.is_empty()
            && dom.end(i).saturating_sub(i) <= rules::PREFIXED_BYLINE_MAX_NODES
            && rules::PREFIXED_BYLINE_TAGS.contains(&tag)
        {
            let text = dom.text(i);
            if text.chars().count() <= rules::PREFIXED_BYLINE_MAX_CHARS
                && rules::BYLINE_START.is_match(&text)
            {
                v.prefixed_authors = split_byline(&text);
            }
        }
        if v.labelled_authors.is_empty()
            && dom.end(i).saturating_sub(i) <= rules::LABEL_MAX_NODES
            && rules::PREFIXED_BYLINE_TAGS.contains(&tag)
        {
            v.labelled_authors = label_then_name(dom, i).unwrap_or_default();
        }
        note_dates(dom, i, &mut v);
        if tag == "h1" && v.h1s.len() < 3 {
            let t = h1_text(dom, i);
            if !t.is_empty() {
                v.h1s.push(t);
                v.h1_nodes.push(i);
                v.h1_count += 1;
            }
        } else if tag == "h1" {
            v.h1_count += 1;
        }
        i += 1;
    }
    v
}

/// The person who holds the page's copyright: the holder named by the last
/// copyright notice on the page outside pictures and their credits ("© 2019
/// Ann Lee"), when the name is plainly a person's. A personal page's notice
/// names its author; a newspaper's names a company, and gives no one.
pub fn copyright_holder(dom: &Dom<'_>) -> Option<String> {
    let credit = |i: usize| {
        let mut p = dom.parent(i);
        let mut level = 0;
        while let Some(j) = p {
            level += 1;
            if dom
                .tag(j)
                .is_some_and(|t| rules::PICTURE_CREDIT_TAGS.contains(&t) || t == "script")
                || (level <= rules::PICTURE_CREDIT_LEVELS
                    && rules::PICTURE_CREDIT_CLASS.is_match(dom.class_id(j)))
            {
                return true;
            }
            p = dom.parent(j);
        }
        false
    };
    let holder = (0..dom.len()).rev().find_map(|i| {
        let Some(Kind::Text(t)) = dom.items.get(i).map(|it| it.kind) else {
            return None;
        };
        let t = t.trim();
        if t.is_empty() || t.len() > rules::COPYRIGHT_MAX_BYTES {
            return None;
        }
        let c = rules::COPYRIGHT_NOTICE.captures(t)?;
        (!credit(i)).then(|| c.name("holder").map(|h| h.as_str().to_string()))?
    })?;
    personal_name(&holder)
}

/// The first publication date marked up (see [`note_dates`]) under the
/// foreign region `i`, outside its comments and lists of other stories.
fn marked_date_in(dom: &Dom<'_>, i: usize) -> Option<Published> {
    let end = dom.end(i);
    let mut j = i;
    while j < end {
        if rules::NOT_ARTICLE_BOX_CLASS.is_match(dom.class_id(j)) {
            j = dom.end(j).max(j + 1);
            continue;
        }
        if dom.attr(j, "itemprop").is_some()
            || dom.attr(j, "property").is_some()
            || dom.tag(j) == Some("time")
        {
            let mut probe = Visible::default();
            note_dates(dom, j, &mut probe);
            if probe.marked_date.is_some() {
                return probe.marked_date;
            }
        }
        j += 1;
    }
    None
}

/// Records the dates that element `i` marks as the publication's
/// (`itemprop=datePublished`, RDFa `property` naming it, `<time pubdate>`)
/// or shows in a `<time>`, unless it marks a modification.
fn note_dates(dom: &Dom<'_>, i: usize, v: &mut Visible) {
    let Some(Kind::Element(tag, el)) = dom.items.get(i).map(|it| it.kind) else {
        return;
    };
    let itemprop = attr_of(el, "itemprop").unwrap_or("");
    let modified =
        itemprop.contains("dateModified") || rules::MODIFIED_CLASS.is_match(dom.class_id(i));
    if modified {
        return;
    }
    if v.marked_date.is_none()
        && (itemprop.contains("datePublished")
            || attr_of(el, "property").is_some_and(|p| rules::RDFA_DATE_PROPERTY.is_match(p))
            || (tag == "time" && attr_of(el, "pubdate").is_some()))
    {
        v.marked_date = attr_of(el, "datetime")
            .or_else(|| attr_of(el, "content"))
            .and_then(parse_date)
            .or_else(|| parse_date(&dom.text(i)));
    }
    if v.time_date.is_none() && tag == "time" {
        v.time_date = attr_of(el, "datetime")
            .and_then(parse_date)
            .or_else(|| parse_date(&dom.text(i)));
    }
}

/// The names of an author marked up as such at node `i` (`rel=author`,
/// `itemprop=author` or `creator`), or `None` when `i` is no such mark.
fn marked_author(dom: &Dom<'_>, i: usize) -> Option<Vec<String>> {
    let Some(Kind::Element(tag, el)) = dom.items.get(i).map(|it| it.kind) else {
        return None;
    };
    let rel_author = tag == "a"
        && attr_of(el, "rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("author"))
        });
    let itemprop = attr_of(el, "itemprop").unwrap_or("");
    if !rel_author
        && !itemprop
            .split_whitespace()
            .any(|p| p == "author" || p == "creator")
    {
        return None;
    }
    let text = name_in(dom, i)
        .or_else(|| attr_of(el, "content").map(str::to_string))
        .unwrap_or_default();
    Some(if text.chars().count() <= rules::BYLINE_MAX_CHARS {
        split_marked_byline(&text)
    } else {
        Vec::new()
    })
}

/// The names after node `i` when `i` (a text node or a small element)
/// holds only a byline label ("By", "Von:", "Gespeichert von"): the text of
/// the next sibling that is not white space or a `<br>`. A name that has an
/// element of its own marked as a user or a name may be a lowercase handle.
fn label_then_name(dom: &Dom<'_>, i: usize) -> Option<Vec<String>> {
    // The label's text: the node's own, or an element's only text node
    // (read in place; this runs on every small node until a label is found).
    let label = match dom.items.get(i)?.kind {
        Kind::Text(t) => t.trim(),
        Kind::Element(..) => {
            let mut texts = (i + 1..dom.end(i)).filter_map(|j| match dom.items.get(j)?.kind {
                Kind::Text(t) if !t.trim().is_empty() => Some(t.trim()),
                _ => None,
            });
            match (texts.next(), texts.next()) {
                (Some(t), None) => t,
                _ => return None,
            }
        }
    };
    if label.is_empty()
        || label.len() > rules::LABEL_MAX_BYTES
        || !rules::BYLINE_LABEL.is_match(label)
    {
        return None;
    }
    let parent = dom.parent(i);
    let mut k = dom.end(i).max(i + 1);
    while k < dom.len() && dom.parent(k) == parent {
        match dom.items.get(k)?.kind {
            Kind::Text(t) if t.trim().is_empty() => {}
            Kind::Element("br", _) => {}
            Kind::Text(t) => {
                let t = t.trim();
                return (t.chars().count() <= rules::PREFIXED_BYLINE_MAX_CHARS)
                    .then(|| split_byline(t));
            }
            Kind::Element(..) => {
                let t = dom.text(k);
                if t.chars().count() > rules::PREFIXED_BYLINE_MAX_CHARS {
                    return None;
                }
                let named =
                    (k..dom.end(k)).any(|j| rules::NAME_ELEMENT_CLASS.is_match(dom.class_id(j)));
                return Some(if named {
                    split_marked_byline(&t)
                } else {
                    split_byline(&t)
                });
            }
        }
        k = dom.end(k).max(k + 1);
    }
    None
}

/// The author's name signed under the article: the body's last paragraph
/// when it is a bare name of [`rules::SIGNATURE_WORDS`] capitalized words,
/// set in bold or italics inside the article's container
/// (`<p><b><i>Ann Lee</i></b></p>`). Plain text that reads like a name
/// ("Viele Grüße") is too often something else to count.
pub fn signature(dom: &Dom<'_>, container: usize, body: &str) -> Option<String> {
    let last = body.rsplit("\n\n").next()?.trim();
    if !signed_name_form(last) {
        return None;
    }
    let name = clean_name(last)?;
    let emphasis = |j: usize| matches!(dom.tag(j), Some("b" | "strong" | "em" | "i"));
    (container..dom.end(container))
        .rev()
        .find(|&j| emphasis(j) && dom.text(j) == last)
        .and_then(|j| {
            // The emphasis fills its paragraph.
            let mut p = dom.parent(j)?;
            while emphasis(p) {
                p = dom.parent(p)?;
            }
            (matches!(dom.tag(p), Some("p" | "div")) && dom.text(p) == last).then_some(name)
        })
}

/// Whether `t` has the form of a name signed under an article: a few
/// capitalized words ([`rules::SIGNATURE_WORDS`]) of letters, hyphens and
/// dots, at most [`rules::SIGNATURE_MAX_CHARS`] long.
pub fn signed_name_form(t: &str) -> bool {
    rules::SIGNATURE_WORDS.contains(&t.split_whitespace().count())
        && t.chars().count() <= rules::SIGNATURE_MAX_CHARS
        && t.chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-' || c == '.')
        && t.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// An `<aside>` or `<footer>` (or an element classed as a sidebar or a
/// footer, but not as comments or related stories) inside an `<article>`:
/// the article's own box of credits and dates (HTML's footer "typically
/// contains who wrote it"), not page furniture.
fn is_article_box(dom: &Dom<'_>, i: usize, tag: &str) -> bool {
    let cls = dom.class_id(i);
    let boxed = matches!(tag, "aside" | "footer")
        || (rules::ARTICLE_BOX_CLASS.is_match(cls) && !rules::NOT_ARTICLE_BOX_CLASS.is_match(cls));
    if !boxed {
        return false;
    }
    let mut p = dom.parent(i);
    while let Some(j) = p {
        if dom.tag(j) == Some("article") {
            return true;
        }
        p = dom.parent(j);
    }
    false
}

/// The headline in an `<h1>`, without a kicker or overline printed inside
/// it (`<span class="kicker">Climate</span><span class="sr-only">: </span>`)
/// or the separator after it; the whole text when nothing else is left.
fn h1_text(dom: &Dom<'_>, i: usize) -> String {
    let kicker = |j: usize| j != i && rules::KICKER_CLASS.is_match(dom.class_id(j));
    let full = dom.text(i);
    if !(i + 1..dom.end(i)).any(kicker) {
        return full;
    }
    let rest = dom.text_where(i, kicker);
    let rest = rest
        .trim_start_matches(|c: char| c.is_whitespace() || ":-–—|·•".contains(c))
        .to_string();
    if rest.chars().count() >= rules::MIN_H1_TITLE_CHARS {
        rest
    } else {
        full
    }
}

/// The name inside an author element: an `itemprop=name` descendant's
/// text or content, else the element's own text.
fn name_in(dom: &Dom<'_>, i: usize) -> Option<String> {
    let end = dom.end(i);
    for j in i + 1..end {
        if dom
            .attr(j, "itemprop")
            .is_some_and(|p| p.split_whitespace().any(|w| w == "name"))
        {
            let t = dom
                .attr(j, "content")
                .map(str::to_string)
                .unwrap_or_else(|| dom.text(j));
            if !t.is_empty() {
                return Some(t);
            }
        }
    }
    let t = dom.text(i);
    (!t.is_empty()).then_some(t)
}

/// Looks for a date stated in the visible text of date-classed elements
/// (`<span class="date">March 3, 2021</span>`), outside foreign regions.
pub fn text_date(dom: &Dom<'_>, foreign: &[bool]) -> Option<Published> {
    let mut i = 0;
    while i < dom.len() {
        if foreign.get(i).copied().unwrap_or(false)
            || matches!(dom.tag(i), Some("script" | "style" | "head"))
        {
            i = dom.end(i).max(i + 1);
            continue;
        }
        let cls = dom.class_id(i);
        if !cls.is_empty()
            && rules::DATE_CLASS.is_match(cls)
            && !rules::MODIFIED_CLASS.is_match(cls)
        {
            let text = dom.text(i);
            if !text.is_empty() && text.chars().count() <= rules::BYLINE_MAX_CHARS {
                if let Some(d) = parse_date(&text) {
                    return Some(d);
                }
            }
        }
        i += 1;
    }
    None
}

/// A date standing alone in a short text near the headline ("26. Januar
/// 2022", "Datum: 3.11.2023"): the first within [`rules::HEADLINE_DATE_WINDOW`]
/// nodes after the first `<h1>`, else within the window before it.
pub fn headline_date(dom: &Dom<'_>, foreign: &[bool], h1: usize) -> Option<Published> {
    let usable = |j: usize| -> Option<Published> {
        let Some(Kind::Text(t)) = dom.items.get(j).map(|it| it.kind) else {
            return None;
        };
        if foreign.get(j).copied().unwrap_or(true) {
            return None;
        }
        let t = t.trim();
        let n = spaced_len(t);
        if !(rules::HEADLINE_DATE_MIN_CHARS..=rules::HEADLINE_DATE_MAX_CHARS).contains(&n)
            || rules::MODIFIED_TEXT.is_match(t)
        {
            return None;
        }
        let parent = dom.parent(j)?;
        if matches!(
            dom.tag(parent),
            Some("script" | "style" | "a" | "option" | "noscript")
        ) || rules::MODIFIED_CLASS.is_match(dom.class_id(parent))
        {
            return None;
        }
        let date = parse_date(t)?;
        // A label in a sibling element may say whose date it is.
        if dom.end(parent) - parent <= rules::DATE_LABEL_MAX_NODES {
            let around = dom.text(parent);
            if rules::MODIFIED_TEXT.is_match(&around) || rules::JOINED_TEXT.is_match(&around) {
                return None;
            }
        }
        Some(date)
    };
    let after = (h1..dom.len().min(h1 + rules::HEADLINE_DATE_WINDOW))
        .find_map(|j| usable(j).map(|d| (j - h1, d)));
    let before = || {
        (h1.saturating_sub(rules::HEADLINE_DATE_WINDOW / 4)..h1)
            .rev()
            .find_map(|j| usable(j).map(|d| (h1 - j, d)))
    };
    // A date just above the headline beats one far below it (in a list
    // of teasers after a short article).
    let pick = match after {
        Some((dist, d)) if dist > rules::FAR_BELOW_HEADLINE => match before() {
            Some((b, bd)) if b <= rules::JUST_ABOVE_HEADLINE => Some(bd),
            _ => Some(d),
        },
        Some((_, d)) => Some(d),
        None => before().map(|(_, d)| d),
    };
    pick.or_else(|| dateline(dom, foreign, h1))
}

/// The length of `t` in characters with each run of white space counted
/// once: markup indented inside a text node (`( \n      2012-06-04
/// 09:20:26\n      )`) does not make a short date line long.
fn spaced_len(t: &str) -> usize {
    let mut n = 0;
    let mut in_space = false;
    for c in t.chars() {
        let space = c.is_whitespace();
        if !(space && in_space) {
            n += 1;
        }
        in_space = space;
    }
    n
}

/// A dateline: the first paragraph after the headline opens with a
/// numeric date ("01.02.2022 Die Zahl ...", "27.1.2022 - Bei der ..."), as
/// press releases and small news sites write it.
fn dateline(dom: &Dom<'_>, foreign: &[bool], h1: usize) -> Option<Published> {
    (h1..dom.len().min(h1 + rules::HEADLINE_DATE_WINDOW)).find_map(|j| {
        let Some(Kind::Text(t)) = dom.items.get(j).map(|it| it.kind) else {
            return None;
        };
        if foreign.get(j).copied().unwrap_or(true)
            || t.trim().chars().count() <= rules::HEADLINE_DATE_MAX_CHARS
            || dom
                .parent(j)
                .is_some_and(|p| matches!(dom.tag(p), Some("script" | "style" | "a" | "noscript")))
        {
            return None;
        }
        let c = rules::DATELINE.captures(t.trim_start())?;
        parse_date(c.get(1).or_else(|| c.get(2))?.as_str())
    })
}
