//! The article body: prune boilerplate, score the remaining containers by
//! the prose they hold (Readability's algorithm: paragraph length, commas,
//! link density, class weights), take the best container with its related
//! siblings, and write its text out paragraph by paragraph, dropping short
//! link-heavy blocks and boilerplate lines. The standfirst, which pages put
//! in the header or in a teaser box before the body, is read back in front,
//! and the short labels and calls to action left at either end are trimmed.
//!
//! Every pass is a loop over the flattened [`Dom`]: forward for what flows
//! from parents to children, backward for sums over subtrees.

use super::dom::{Dom, Kind};
use super::rules;

/// Per-node measures used by the scorer.
struct Measures {
    /// Whether the node (or an ancestor) is pruned as boilerplate.
    removed: Vec<bool>,
    /// Characters of text in the subtree (pruned parts excluded).
    chars: Vec<u32>,
    /// Characters of text inside links in the subtree.
    link_chars: Vec<u32>,
    /// Commas in the subtree's text.
    commas: Vec<u32>,
    /// Whether the subtree holds a block-level element.
    has_block: Vec<bool>,
}

/// The extracted body.
#[derive(Debug, Default)]
pub struct Body {
    /// Paragraphs separated by blank lines, after the standfirst.
    pub text: String,
    /// The standfirst the page shows before the body (paragraphs marked as
    /// its lead, or in the article's `<header>`), one string a paragraph;
    /// empty when there is none.
    pub standfirst: Vec<String>,
    /// The first `<h1>` or `<h2>` inside the chosen container: the headline
    /// on pages whose metadata only names the site.
    pub heading: Option<String>,
    /// Index of the chosen container's first node, if any.
    pub start: Option<usize>,
    /// Index of the best-scored candidate the container grew from (the
    /// paragraphs' own parent, before the climb to wrappers), if any.
    pub candidate: Option<usize>,
    /// For the first paragraphs of `text` (at most
    /// [`rules::OPENING_PARAGRAPHS`]), whether each stands apart from the
    /// article's run of paragraphs: marked as a lead ([`rules::LEAD_CLASS`]),
    /// or in another element than the paragraph after it (a summary box
    /// beside the story's container). A declared summary that is such a
    /// paragraph is a standfirst the page shows; one that is a paragraph
    /// like the others is the article's opening.
    pub opening_apart: Vec<bool>,
    /// For the same paragraphs, whether each is a heading (the headline
    /// repeated above the standfirst).
    pub opening_heading: Vec<bool>,
}

impl Body {
    /// Bytes of the standfirst and the text together.
    fn len(&self) -> usize {
        self.standfirst.iter().map(String::len).sum::<usize>() + self.text.len()
    }
}

/// Extracts the body text, paragraphs separated by blank lines, and the
/// standfirst before it.
pub fn extract(dom: &Dom<'_>, shape: &Shape) -> Body {
    let strict = extract_with(dom, shape, false);
    let chars = strict
        .standfirst
        .iter()
        .map(|p| p.chars().count())
        .sum::<usize>()
        + strict.text.chars().count();
    if chars >= rules::MIN_BODY_CHARS {
        return strict;
    }
    // Class patterns can remove a whole page whose markup calls everything a
    // comment (forums) or a teaser; without them, take the longer result.
    let lenient = extract_with(dom, shape, true);
    if lenient.len() > strict.len() {
        lenient
    } else {
        strict
    }
}

/// One extraction pass; `lenient` turns off the class-based pruning.
fn extract_with(dom: &Dom<'_>, shape: &Shape, lenient: bool) -> Body {
    if dom.is_empty() {
        return Body::default();
    }
    let m = measure(dom, shape, lenient);
    // With no paragraph to score (bare text in <body>), the body is the
    // container, in the last-resort lenient pass.
    let body = (0..dom.len()).find(|&i| lenient && dom.tag(i) == Some("body"));
    let Some((top, anchor)) = best_container(dom, &m).or(body.map(|b| (b, b))) else {
        return Body::default();
    };
    let parts = with_siblings(dom, &m, top);
    let mut paragraphs = Vec::new();
    let mut heading = None;
    for &part in &parts {
        if heading.is_none() {
            heading = first_heading(dom, &m, part);
        }
        collect_paragraphs(
            dom,
            part,
            |j| m.removed.get(j).copied().unwrap_or(true),
            &mut paragraphs,
        );
    }
    cut_trailing_extras(&mut paragraphs);
    let parent = dom.parent(top).unwrap_or(top);
    trim_tail(&mut paragraphs, |p| is_signature(dom, parent, p));
    trim_head(&mut paragraphs);
    let mut lead = lead_paragraphs(dom, shape, anchor);
    lead.retain(|l| !paragraphs.iter().any(|p| p.text.contains(l.text.as_str())));
    let join = |lines: &[Line]| {
        lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    // A page whose only text is its lead has it as its body.
    let (text, standfirst) = if paragraphs.is_empty() {
        (join(&lead), Vec::new())
    } else {
        (
            join(&paragraphs),
            lead.into_iter().map(|l| l.text).collect(),
        )
    };
    let opening = 0..paragraphs.len().min(rules::OPENING_PARAGRAPHS);
    let opening_apart = opening
        .clone()
        .map(|k| stands_apart(dom, &paragraphs, k))
        .collect();
    let opening_heading = paragraphs[opening].iter().map(|p| p.heading).collect();
    Body {
        text,
        standfirst,
        heading,
        start: parts.first().copied(),
        candidate: Some(anchor),
        opening_apart,
        opening_heading,
    }
}

/// Whether paragraph `k` stands apart from the run of paragraphs after it
/// (see [`Body::opening_apart`]): marked as a lead, set in bold as a
/// whole, or in another element than the paragraph after it.
fn stands_apart(dom: &Dom<'_>, paragraphs: &[Line], k: usize) -> bool {
    let Some(p) = paragraphs.get(k) else {
        return false;
    };
    let marked = std::iter::once(p.node)
        .chain(dom.parent(p.node))
        .any(|a| rules::LEAD_CLASS.is_match(dom.class_id(a)));
    let bold = || {
        let text = super::title::loose(&p.text);
        (p.node + 1..dom.end(p.node)).any(|j| {
            matches!(dom.tag(j), Some("strong" | "b")) && super::title::loose(&dom.text(j)) == text
        })
    };
    let Some(next) = paragraphs.get(k + 1) else {
        return marked || bold();
    };
    marked || (next.node != p.node && dom.parent(next.node) != dom.parent(p.node)) || bold()
}

/// Cuts the body at a heading that announces what follows the article
/// ("Related stories", "Über den Autor") when it comes after most of the
/// text: everything from there on is teasers and bios.
fn cut_trailing_extras(paragraphs: &mut Vec<Line>) {
    let total: usize = paragraphs.iter().map(|l| l.text.len()).sum();
    let mut before = 0usize;
    let mut i = 0;
    while i < paragraphs.len() {
        let p = &paragraphs[i].text;
        let at = before;
        before += p.len();
        let marker = p.chars().count() <= rules::END_MARKER_MAX_CHARS
            && rules::END_MARKER.is_match(p.trim())
            && at as f64 >= rules::END_MARKER_MIN_SHARE * total as f64;
        if !marker {
            i += 1;
            continue;
        }
        // A box of links inside a long article ("Most popular"
        // between two sections) is no end: when headed sections of prose
        // follow, only its heading goes (its links are dropped as
        // navigation).
        let sections = paragraphs[i + 1..]
            .windows(2)
            .filter(|w| {
                w[0].heading
                    && !w[1].heading
                    && w[1].text.chars().count() >= rules::SECTION_PROSE_CHARS
            })
            .count();
        if sections < rules::SECTIONS_AFTER_INLINE_BOX {
            paragraphs.truncate(i);
            return;
        }
        paragraphs.remove(i);
    }
}

/// Drops the short lines that end the body without ending a sentence:
/// labels ("More topics:", "Contact:"), widget titles, share prompts and
/// loaders left after the article's last paragraph. A longer run of such
/// lines is a list that ends the article (tour dates, prices) and stays, and
/// so does a name signed under the article (`keep`).
fn trim_tail(paragraphs: &mut Vec<Line>, keep: impl Fn(&str) -> bool) {
    let run = paragraphs
        .iter()
        .rev()
        .take(rules::TAIL_MAX_LINES + 1)
        .take_while(|p| is_tail_line(&p.text) && !keep(&p.text))
        .count();
    if run > rules::TAIL_MAX_LINES || paragraphs.len() < run + rules::TAIL_MIN_KEPT {
        return;
    }
    paragraphs.truncate(paragraphs.len() - run);
}

/// Drops the short lines that open the body without ending a sentence:
/// breadcrumbs, section labels, dates, reading times and kickers left above
/// the first paragraph (at most [`rules::TAIL_MAX_LINES`] of them).
fn trim_head(paragraphs: &mut Vec<Line>) {
    let run = paragraphs
        .iter()
        .take(rules::TAIL_MAX_LINES + 1)
        .take_while(|p| !p.heading && is_short_line(&p.text))
        .count();
    if run > rules::TAIL_MAX_LINES || paragraphs.len() < run + rules::TAIL_MIN_KEPT {
        return;
    }
    paragraphs.drain(..run);
}

/// Whether `p` is a short line that ends no sentence. A line ending with a
/// comma is a salutation or a sign-off ("Dear readers,", "Cheers,") that
/// the sentence after it continues, never a label.
fn is_short_line(p: &str) -> bool {
    let t = p.trim();
    t.chars().count() <= rules::TAIL_LINE_MAX_CHARS
        && (t.ends_with(':') || !t.ends_with(rules::SENTENCE_END))
        && !t.ends_with(',')
}

/// Whether `p` is a short line that ends no sentence, or a call to follow,
/// subscribe or log in (see [`trim_tail`]).
fn is_tail_line(p: &str) -> bool {
    let t = p.trim();
    is_short_line(t)
        || (t.chars().count() <= rules::TAIL_CALL_MAX_CHARS
            && !t.ends_with(rules::QUOTE_END)
            && rules::CALL_TO_ACTION.is_match(t))
}

/// Whether `t` is a name signed under the article: a name of the form
/// `visible::signature` takes ([`super::visible::signed_name_form`]), filling
/// an emphasis element of `root`.
fn is_signature(dom: &Dom<'_>, root: usize, t: &str) -> bool {
    let t = t.trim();
    super::visible::signed_name_form(t)
        && (root..dom.end(root))
            .any(|j| matches!(dom.tag(j), Some("b" | "strong" | "em" | "i")) && dom.text(j) == t)
}

/// The text of the first non-empty `<h1>` or `<h2>` under `root`.
fn first_heading(dom: &Dom<'_>, m: &Measures, root: usize) -> Option<String> {
    let end = dom.end(root);
    let mut j = root;
    while j < end {
        if m.removed.get(j).copied().unwrap_or(true) {
            j = dom.end(j).max(j + 1);
            continue;
        }
        if matches!(dom.tag(j), Some("h1" | "h2")) {
            let t = dom.text(j);
            if !t.is_empty() {
                return Some(t);
            }
        }
        j += 1;
    }
    None
}

fn tag_in(tag: Option<&str>, list: &[&str]) -> bool {
    tag.is_some_and(|t| list.contains(&t))
}

/// Whether element `i` is hidden from readers.
fn is_hidden(dom: &Dom<'_>, i: usize) -> bool {
    if dom.attr(i, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(i, "aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    dom.attr(i, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whether element `i` is boilerplate by its tag, visibility or class.
fn is_boilerplate(dom: &Dom<'_>, i: usize, shape: &Shape, lenient: bool) -> bool {
    let tag = dom.tag(i).unwrap_or("");
    if rules::DROP_TAGS.contains(&tag) || rules::HEADER_TAGS.contains(&tag) {
        // Some sites put the whole story in an <aside> or a <header>.
        return !(shape.holds_article(i) && rules::CHROME_TAGS.contains(&tag));
    }
    if matches!(tag, "html" | "body" | "main" | "article") || rules::INLINE_TAGS.contains(&tag) {
        return false;
    }
    if is_hidden(dom, i) {
        return true;
    }
    if dom
        .attr(i, "itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        return false;
    }
    let cls = dom.class_id(i);
    if cls.is_empty() || content_class(cls) {
        return false;
    }
    if lenient {
        return false;
    }
    if shape.protected(i) {
        // Even a big block goes when it is a comment thread.
        return rules::COMMENTS_CLASS.is_match(cls);
    }
    if rules::STRONG_BOILERPLATE.is_match(cls) {
        return true;
    }
    rules::WEAK_BOILERPLATE.is_match(cls) && !rules::MAYBE_CONTENT.is_match(cls)
}

/// Whether a class/id names an article-body container
/// ([`rules::CONTENT_CONTAINER`]) rather than the text of another story in
/// a list ([`rules::OTHER_STORY_CONTENT`]: "related-post-content") or a box
/// that a component-named page puts inside the body
/// ([`rules::STRONG_BOILERPLATE`]: "ArticleBody-read-time",
/// "article-body-infobox").
fn content_class(cls: &str) -> bool {
    rules::CONTENT_CONTAINER.is_match(cls)
        && !rules::OTHER_STORY_CONTENT.is_match(cls)
        && !rules::STRONG_BOILERPLATE.is_match(cls)
}

/// Whether element `i` declares itself the article body.
fn declares_body(dom: &Dom<'_>, i: usize) -> bool {
    dom.tag(i) == Some("main")
        || dom
            .attr(i, "itemprop")
            .is_some_and(|p| p.contains("articleBody"))
        || content_class(dom.class_id(i))
}

/// The page's shape before any pruning: subtree text sizes and which
/// elements hold a declared article body. Computed once and shared by the
/// body scorer and the byline finder.
pub struct Shape {
    /// Characters of text in each subtree (code excluded).
    pub raw: Vec<u32>,
    /// Whether each element holds (or is) a declared article-body container.
    pub holds_content: Vec<bool>,
    /// Characters of text inside `<p>` elements in each subtree.
    pub para_chars: Vec<u32>,
    /// Characters of text in `<body>`.
    pub page_chars: u32,
    /// Characters of `<p>` text in `<body>`.
    pub page_para_chars: u32,
}

impl Shape {
    /// Measures the page.
    pub fn new(dom: &Dom<'_>) -> Shape {
        let n = dom.len();
        // Text sizes, counted once; code never counts.
        let mut raw: Vec<u32> = (0..n)
            .map(|i| match dom.items.get(i).map(|it| it.kind) {
                Some(Kind::Text(t))
                    if !matches!(
                        dom.parent(i).and_then(|p| dom.tag(p)),
                        Some("script" | "style" | "noscript" | "template")
                    ) =>
                {
                    count_chars(t)
                }
                _ => 0,
            })
            .collect();
        for i in (0..n).rev() {
            let total = raw.get(i).copied().unwrap_or(0);
            if let Some(rp) = dom.parent(i).and_then(|p| raw.get_mut(p)) {
                *rp = rp.saturating_add(total);
            }
        }
        // Which elements hold a declared article-body container: their class
        // cannot make them boilerplate ("grid-layout--adrail" around the body).
        let mut holds_content = vec![false; n];
        for i in (0..n).rev() {
            let mut own = holds_content.get(i).copied().unwrap_or(false) || declares_body(dom, i);
            // A box of other stories holds their bodies, not the article's
            // (cards that mark their excerpts `itemprop=articleBody`).
            if own && rules::OTHER_STORY_CONTENT.is_match(dom.class_id(i)) {
                own = false;
                if let Some(h) = holds_content.get_mut(i) {
                    *h = false;
                }
            }
            if own {
                if let Some(h) = dom.parent(i).and_then(|p| holds_content.get_mut(p)) {
                    *h = true;
                }
            }
        }
        let mut para_chars = vec![0u32; n];
        for i in (0..n).rev() {
            let own = if dom.tag(i) == Some("p") {
                raw.get(i).copied().unwrap_or(0)
            } else {
                para_chars.get(i).copied().unwrap_or(0)
            };
            if let Some(x) = para_chars.get_mut(i) {
                *x = own;
            }
            if let Some(x) = dom.parent(i).and_then(|p| para_chars.get_mut(p)) {
                *x = x.saturating_add(own);
            }
        }
        let body = (0..n).find(|&i| dom.tag(i) == Some("body")).unwrap_or(0);
        let page_chars = raw.get(body).copied().unwrap_or(0);
        let page_para_chars = para_chars.get(body).copied().unwrap_or(0);
        Shape {
            raw,
            holds_content,
            para_chars,
            page_chars,
            page_para_chars,
        }
    }

    /// Whether element `i` holds the article for sure: the declared body, or
    /// [`rules::PROTECT_PARAGRAPH_CHARS`] of paragraph text.
    pub fn holds_article(&self, i: usize) -> bool {
        self.holds_content.get(i).copied().unwrap_or(false)
            || self.para_chars.get(i).copied().unwrap_or(0) >= rules::PROTECT_PARAGRAPH_CHARS
    }

    /// Whether element `i`'s class cannot make it boilerplate: it holds the
    /// declared article body, or most of the page's text (a layout wrapper
    /// whose class merely mentions a sidebar: "content_block right-sidebar").
    pub fn protected(&self, i: usize) -> bool {
        self.holds_content.get(i).copied().unwrap_or(false)
            || self.para_chars.get(i).copied().unwrap_or(0) >= rules::PROTECT_PARAGRAPH_CHARS
            || self.para_chars.get(i).copied().is_some_and(|p| {
                p >= rules::PROTECT_MIN_SHARE_CHARS
                    && f64::from(p)
                        >= rules::PROTECT_PARAGRAPH_SHARE * f64::from(self.page_para_chars)
            })
            || (self.page_chars > 0
                && f64::from(self.raw.get(i).copied().unwrap_or(0))
                    >= rules::WRAPPER_SHARE * f64::from(self.page_chars))
    }
}

fn measure(dom: &Dom<'_>, shape: &Shape, lenient: bool) -> Measures {
    let n = dom.len();
    let mut removed = vec![false; n];
    for i in 0..n {
        let inherited = dom
            .parent(i)
            .is_some_and(|p| removed.get(p).copied().unwrap_or(false));
        let own = !inherited && dom.tag(i).is_some() && is_boilerplate(dom, i, shape, lenient);
        if let Some(r) = removed.get_mut(i) {
            *r = inherited || own;
        }
    }

    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut commas = vec![0u32; n];
    let mut has_block = vec![false; n];
    for i in (0..n).rev() {
        if removed.get(i).copied().unwrap_or(true) {
            continue;
        }
        let Some(item) = dom.items.get(i) else {
            continue;
        };
        match item.kind {
            Kind::Text(t) => {
                if let Some(c) = chars.get_mut(i) {
                    *c = shape.raw.get(i).copied().unwrap_or(0);
                }
                if let Some(c) = commas.get_mut(i) {
                    *c = t
                        .chars()
                        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                        .count() as u32;
                }
            }
            Kind::Element(tag, _) => {
                // A link to a place on the same page (a table of contents,
                // a footnote) leads nowhere else: it is not link text.
                if tag == "a" && !dom.attr(i, "href").is_some_and(|h| h.starts_with('#')) {
                    let c = chars.get(i).copied().unwrap_or(0);
                    if let Some(l) = link_chars.get_mut(i) {
                        *l = c;
                    }
                }
            }
        }
        let Some(p) = dom.parent(i) else { continue };
        let (c, l, k) = (
            chars.get(i).copied().unwrap_or(0),
            link_chars.get(i).copied().unwrap_or(0),
            commas.get(i).copied().unwrap_or(0),
        );
        let block_here = has_block.get(i).copied().unwrap_or(false)
            || (tag_in(dom.tag(i), rules::BLOCK_TAGS) && dom.tag(i) != Some("br"));
        if let Some(x) = chars.get_mut(p) {
            *x = x.saturating_add(c);
        }
        if let Some(x) = link_chars.get_mut(p) {
            *x = x.saturating_add(l);
        }
        if let Some(x) = commas.get_mut(p) {
            *x = x.saturating_add(k);
        }
        if block_here {
            if let Some(x) = has_block.get_mut(p) {
                *x = true;
            }
        }
    }
    Measures {
        removed,
        chars,
        link_chars,
        commas,
        has_block,
    }
}

/// Characters of `t` once whitespace runs are collapsed (approximated as
/// non-whitespace characters plus one per run of whitespace between words).
fn count_chars(t: &str) -> u32 {
    let mut n = 0u32;
    let mut in_space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1;
                in_space = true;
            }
        } else {
            n += 1;
            in_space = false;
        }
    }
    n
}

fn link_density(m: &Measures, i: usize) -> f64 {
    let c = m.chars.get(i).copied().unwrap_or(0);
    if c == 0 {
        return 0.0;
    }
    f64::from(m.link_chars.get(i).copied().unwrap_or(0)) / f64::from(c)
}

/// Readability's initial score of a candidate from its tag and class.
fn initial_score(dom: &Dom<'_>, i: usize) -> f64 {
    let tag = dom.tag(i).unwrap_or("");
    let mut s = rules::TAG_SCORES
        .iter()
        .find(|(tags, _)| tags.contains(&tag))
        .map_or(0.0, |(_, score)| *score);
    if matches!(dom.tag(i), Some("article" | "main")) {
        s += rules::ARTICLE_TAG_BONUS;
    }
    let cls = dom.class_id(i);
    if !cls.is_empty() {
        if rules::NEGATIVE_CLASS.is_match(cls) {
            s -= rules::CLASS_WEIGHT;
        }
        if rules::POSITIVE_CLASS.is_match(cls) {
            s += rules::CLASS_WEIGHT;
        }
        if content_class(cls) {
            s += rules::CONTENT_CLASS_BONUS;
        }
    }
    if dom
        .attr(i, "itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        s += rules::CONTENT_CLASS_BONUS;
    }
    s
}

/// Scores containers and returns the body container, with the best-scored
/// candidate it grew from (the paragraphs' own parent, before the climb to
/// wrappers).
fn best_container(dom: &Dom<'_>, m: &Measures) -> Option<(usize, usize)> {
    let n = dom.len();
    let mut score: Vec<f64> = vec![0.0; n];
    let mut is_candidate = vec![false; n];
    for i in 0..n {
        if m.removed.get(i).copied().unwrap_or(true) {
            continue;
        }
        let tag = dom.tag(i);
        let Some(tag) = tag else { continue };
        let chars = m.chars.get(i).copied().unwrap_or(0) as usize;
        let is_para = rules::PARAGRAPH_TAGS.contains(&tag)
            || (rules::DIV_LIKE_TAGS.contains(&tag)
                && !m.has_block.get(i).copied().unwrap_or(true));
        let (text_chars, commas, start_level) = if is_para {
            (chars, m.commas.get(i).copied().unwrap_or(0), 1usize)
        } else if m.has_block.get(i).copied().unwrap_or(false) && tag != "body" && tag != "html" {
            // Loose text between block children (`text<br>text` pages): score
            // it as a paragraph of this element.
            let mut loose = chars;
            let mut loose_commas = m.commas.get(i).copied().unwrap_or(0);
            for c in dom.children(i) {
                if tag_in(dom.tag(c), rules::BLOCK_TAGS)
                    || m.has_block.get(c).copied().unwrap_or(false)
                {
                    loose = loose.saturating_sub(m.chars.get(c).copied().unwrap_or(0) as usize);
                    loose_commas =
                        loose_commas.saturating_sub(m.commas.get(c).copied().unwrap_or(0));
                }
            }
            (loose, loose_commas, 0usize)
        } else {
            continue;
        };
        if text_chars < rules::MIN_PARAGRAPH_CHARS {
            continue;
        }
        let base = rules::PARAGRAPH_POINTS
            + f64::from(commas) * rules::COMMA_POINTS
            + (text_chars as f64 / rules::CHARS_PER_POINT).min(rules::LENGTH_MAX_POINTS);
        // Walk up the ancestors, starting at the paragraph's parent (or the
        // element itself for loose text).
        let mut node = if start_level == 0 {
            Some(i)
        } else {
            dom.parent(i)
        };
        let mut level = 0usize;
        while let Some(a) = node {
            if level >= rules::SCORE_ANCESTOR_LEVELS {
                break;
            }
            if dom.tag(a).is_none() || matches!(dom.tag(a), Some("html")) {
                break;
            }
            if !is_candidate.get(a).copied().unwrap_or(true) {
                if let (Some(c), Some(s)) = (is_candidate.get_mut(a), score.get_mut(a)) {
                    *c = true;
                    *s = initial_score(dom, a);
                }
            }
            let divider = rules::ANCESTOR_DIVIDERS
                .get(level)
                .copied()
                .unwrap_or(level as f64 * rules::FAR_ANCESTOR_DIVIDER_PER_LEVEL);
            if let Some(s) = score.get_mut(a) {
                *s += base / divider;
            }
            level += 1;
            node = dom.parent(a);
        }
    }
    let mut best: Option<(usize, f64)> = None;
    let mut finals: Vec<(usize, f64)> = Vec::new();
    for i in 0..n {
        if !is_candidate.get(i).copied().unwrap_or(false) {
            continue;
        }
        let f = score.get(i).copied().unwrap_or(0.0) * (1.0 - link_density(m, i));
        if let Some(s) = score.get_mut(i) {
            *s = f;
        }
        finals.push((i, f));
        if best.map_or(true, |(_, b)| f > b) {
            best = Some((i, f));
        }
    }
    let (mut top, top_score) = best?;
    let anchor = top;
    // Readability: when several near-top candidates share an ancestor, the
    // article is split across them; take the ancestor.
    finals.sort_by(|a, b| b.1.total_cmp(&a.1));
    let alternatives: Vec<usize> = finals
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= rules::ALTERNATIVE_SHARE * top_score)
        .map(|(i, _)| *i)
        .collect();
    if alternatives.len() >= rules::MIN_ALTERNATIVES {
        let mut node = dom.parent(top);
        while let Some(a) = node {
            if matches!(dom.tag(a), Some("body" | "html") | None) {
                break;
            }
            let holds = alternatives
                .iter()
                .filter(|&&x| x > a && x < dom.end(a))
                .count();
            if holds >= rules::MIN_ALTERNATIVES {
                top = a;
                break;
            }
            node = dom.parent(a);
        }
    }
    // Climb while the parent holds just this candidate's text.
    while let Some(p) = dom.parent(top) {
        if matches!(dom.tag(p), Some("body" | "html") | None) {
            break;
        }
        let pc = m.chars.get(p).copied().unwrap_or(0);
        let tc = m.chars.get(top).copied().unwrap_or(0);
        if f64::from(pc)
            > f64::from(tc) * (1.0 + rules::CLIMB_SLACK_SHARE) + rules::CLIMB_SLACK_CHARS
        {
            break;
        }
        top = p;
    }
    // A declared article body a few levels up that the candidate fills at
    // least half of holds the rest of the article too: a post whose own
    // paragraphs stand beside a long quoted section, an abstract above the
    // sections of a paper (trafilatura takes such containers whole).
    let mut node = dom.parent(top);
    for _ in 0..rules::DECLARED_BODY_LEVELS {
        let Some(a) = node else { break };
        if matches!(dom.tag(a), Some("body" | "html" | "main") | None) {
            break;
        }
        if declares_body(dom, a) {
            let ac = f64::from(m.chars.get(a).copied().unwrap_or(0));
            let tc = f64::from(m.chars.get(top).copied().unwrap_or(0));
            if tc >= rules::DECLARED_BODY_SHARE * ac {
                top = a;
            }
            break;
        }
        node = dom.parent(a);
    }
    Some((top, anchor))
}

/// The article's standfirst: paragraphs before the best-scored candidate
/// `start`, within a few of its ancestors, that the page marks as a lead (class
/// [`rules::LEAD_CLASS`]) or that stand in the article's `<header>`; both are
/// pruned with the page chrome and the teasers, so they are read here from
/// the unpruned page.
fn lead_paragraphs(dom: &Dom<'_>, shape: &Shape, start: usize) -> Vec<Line> {
    let mut scope = None;
    let mut node = dom.parent(start);
    for _ in 0..rules::LEAD_SCOPE_LEVELS {
        let Some(a) = node else { break };
        if matches!(dom.tag(a), Some("body" | "html") | None) {
            break;
        }
        scope = Some(a);
        node = dom.parent(a);
    }
    // The standfirst follows the headline: when an <h1> comes shortly
    // before the candidate, the search starts after it, however far up
    // their common ancestor is (a header section beside the body's).
    let headline = (start.saturating_sub(rules::LEAD_HEADLINE_WINDOW)..start)
        .rev()
        .find(|&h| dom.tag(h) == Some("h1") && dom.end(h) <= start);
    let mut header_end = 0usize;
    let mut j = match (headline, scope) {
        (Some(h), _) => {
            let mut a = dom.parent(h);
            while let Some(x) = a {
                if dom.tag(x) == Some("header") {
                    header_end = dom.end(x);
                }
                a = dom.parent(x);
            }
            dom.end(h)
        }
        (None, Some(scope)) => scope + 1,
        (None, None) => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut taken = 0u32;
    while j < start {
        let Some(tag) = dom.tag(j) else {
            j += 1;
            continue;
        };
        if dom.end(j) > start {
            // An ancestor of the candidate: whatever its class says, the
            // standfirst may be inside it.
            j += 1;
            continue;
        }
        if not_lead_region(dom, j) {
            j = dom.end(j).max(j + 1);
            continue;
        }
        if tag == "header" {
            header_end = dom.end(j);
        }
        let chars = shape.raw.get(j).copied().unwrap_or(0);
        let marked = (tag == "p" && j < header_end)
            || (tag_in(Some(tag), rules::LEAD_TAGS) && rules::LEAD_CLASS.is_match(dom.class_id(j)));
        if marked
            && chars >= rules::LEAD_MIN_CHARS
            && taken + chars <= rules::LEAD_MAX_CHARS
            && f64::from(link_chars(dom, shape, j))
                < rules::SIBLING_MAX_LINK_DENSITY * f64::from(chars)
        {
            // Inside the standfirst, links are words of it.
            collect_paragraphs(
                dom,
                j,
                |k| k != j && dom.tag(k) != Some("a") && not_lead_region(dom, k),
                &mut out,
            );
            taken += chars;
            j = dom.end(j).max(j + 1);
            continue;
        }
        j += 1;
    }
    out
}

/// Whether element `i` never holds the standfirst: page chrome other than
/// the header, lists and links (teaser cards), hidden elements, the
/// headline, and [`rules::NOT_LEAD_REGION`] classes.
fn not_lead_region(dom: &Dom<'_>, i: usize) -> bool {
    let Some(tag) = dom.tag(i) else {
        return false;
    };
    if tag != "header" && rules::DROP_TAGS.contains(&tag) {
        return true;
    }
    if matches!(tag, "a" | "li" | "ul" | "ol" | "table" | "form" | "h1") {
        return true;
    }
    if rules::INLINE_TAGS.contains(&tag) {
        return false;
    }
    is_hidden(dom, i) || rules::NOT_LEAD_REGION.is_match(dom.class_id(i))
}

/// Characters of link text under element `i`.
fn link_chars(dom: &Dom<'_>, shape: &Shape, i: usize) -> u32 {
    let end = dom.end(i);
    let mut n = 0u32;
    let mut j = i;
    while j < end {
        if dom.tag(j) == Some("a") {
            n = n.saturating_add(shape.raw.get(j).copied().unwrap_or(0));
            j = dom.end(j).max(j + 1);
            continue;
        }
        j += 1;
    }
    n
}

/// The top candidate and those of its siblings that belong to the article.
fn with_siblings(dom: &Dom<'_>, m: &Measures, top: usize) -> Vec<usize> {
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    if matches!(dom.tag(parent), Some("html") | None) {
        return vec![top];
    }
    let top_chars = m.chars.get(top).copied().unwrap_or(0);
    let top_class = dom.class_id(top);
    let mut parts = Vec::new();
    for s in dom.children(parent) {
        if s == top {
            parts.push(s);
            continue;
        }
        if m.removed.get(s).copied().unwrap_or(true) || dom.tag(s).is_none() {
            continue;
        }
        let chars = m.chars.get(s).copied().unwrap_or(0) as usize;
        let ld = link_density(m, s);
        let same_class = !top_class.is_empty() && dom.class_id(s) == top_class;
        let keep = if same_class {
            chars >= rules::SIBLING_PARAGRAPH_CHARS && ld < rules::SIBLING_MAX_LINK_DENSITY
        } else if dom.tag(s) == Some("p") {
            (chars > rules::SIBLING_PARAGRAPH_CHARS && ld < rules::SIBLING_MAX_LINK_DENSITY)
                || (chars > 0 && ld == 0.0 && dom.text(s).ends_with('.'))
        } else {
            // A sibling container of prose, as long as a tenth of the top.
            f64::from(chars as u32)
                >= rules::SIBLING_SCORE_SHARE
                    * f64::from(top_chars).max(rules::SIBLING_MIN_SCORE * 10.0)
                && ld < rules::SIBLING_MAX_LINK_DENSITY
                && m.commas.get(s).copied().unwrap_or(0) >= rules::SIBLING_MIN_COMMAS
        };
        if keep {
            parts.push(s);
        }
    }
    parts
}

/// One paragraph of the body.
struct Line {
    /// Its text, whitespace collapsed.
    text: String,
    /// Whether it is a heading (`<h1>` to `<h6>`).
    heading: bool,
    /// The innermost block element it was written from.
    node: usize,
}

/// One paragraph being built.
#[derive(Default)]
struct Para {
    text: String,
    link_chars: usize,
    heading: bool,
    node: usize,
}

/// Writes the text of `root` as paragraphs, skipping the subtrees for which
/// `skip` is true (pruned ones) and dropping navigation-like blocks.
fn collect_paragraphs(
    dom: &Dom<'_>,
    root: usize,
    skip: impl Fn(usize) -> bool,
    out: &mut Vec<Line>,
) {
    let end = dom.end(root);
    let mut cur = Para {
        node: root,
        ..Para::default()
    };
    // The open block elements (where each starts and ends), and where the
    // open link ends.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut link_end = 0usize;
    let mut j = root;
    let innermost = |blocks: &[(usize, usize)]| blocks.last().map_or(root, |b| b.0);
    while j < end {
        while blocks.last().is_some_and(|&(_, e)| e <= j) {
            blocks.pop();
            flush(&mut cur, out);
            cur.node = innermost(&blocks);
        }
        if skip(j) {
            j = dom.end(j).max(j + 1);
            continue;
        }
        match dom.items.get(j).map(|it| it.kind) {
            Some(Kind::Text(t)) => {
                let before = cur.text.len();
                if cur.text.ends_with(|c: char| !c.is_whitespace())
                    && t.starts_with(char::is_whitespace)
                {
                    cur.text.push(' ');
                }
                super::dom::push_collapsed(&mut cur.text, t);
                if t.ends_with(char::is_whitespace)
                    && !cur.text.ends_with(' ')
                    && !cur.text.is_empty()
                {
                    cur.text.push(' ');
                }
                if j < link_end {
                    cur.link_chars += cur.text.len() - before;
                }
            }
            Some(Kind::Element(tag, _)) => {
                if tag == "br" {
                    flush(&mut cur, out);
                    cur.node = innermost(&blocks);
                } else if rules::BLOCK_TAGS.contains(&tag) {
                    flush(&mut cur, out);
                    cur.heading = rules::HEADING_TAGS.contains(&tag);
                    cur.node = j;
                    blocks.push((j, dom.end(j)));
                } else if tag == "a" && link_end <= j && !shows_address(dom, j) {
                    link_end = dom.end(j);
                }
            }
            None => {}
        }
        j += 1;
    }
    flush(&mut cur, out);
}

/// Whether link `a` shows its own address: its text opens with a web
/// address ("https://...", "www.example.org") or is an e-mail address. Such
/// a link is a source or a contact the article cites, not navigation.
fn shows_address(dom: &Dom<'_>, a: usize) -> bool {
    let Some(t) = (a + 1..dom.end(a)).find_map(|k| match dom.items.get(k)?.kind {
        Kind::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }) else {
        return false;
    };
    rules::ADDRESS_PREFIXES
        .iter()
        .any(|p| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p)))
        || (!t.contains(char::is_whitespace)
            && t.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !host.starts_with('.')
            }))
}

/// Ends the current paragraph, keeping it unless it is navigation or a
/// boilerplate line.
fn flush(cur: &mut Para, out: &mut Vec<Line>) {
    let p = std::mem::take(cur);
    let text = p.text.trim();
    if text.is_empty() {
        return;
    }
    let chars = text.len();
    let density = p.link_chars as f64 / chars as f64;
    // A sentence around its links ("Details are in <a>the report of the
    // ministry</a>.") is prose, however much of it the links hold, unless
    // it calls to follow or subscribe.
    let sentence = || {
        text.ends_with(rules::LINKED_SENTENCE_END)
            && chars.saturating_sub(p.link_chars) >= rules::MIN_PARAGRAPH_CHARS
            && !rules::CALL_TO_ACTION.is_match(text)
    };
    if !p.heading
        && density > rules::MAX_LINK_DENSITY
        && chars < rules::LINKY_KEEP_CHARS
        && !sentence()
    {
        return;
    }
    if p.heading && density > rules::HEADING_MAX_LINK_DENSITY {
        return;
    }
    if chars <= rules::BOILERPLATE_LINE_MAX_CHARS
        && (rules::BOILERPLATE_LINE.is_match(text) || rules::CREDIT_LINE.is_match(text))
    {
        return;
    }
    if !text.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Line {
        text: text.to_string(),
        heading: p.heading,
        node: p.node,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    /// The body text of a page with this `<body>` content.
    fn parts_of(content: &str) -> Body {
        let html = Html::parse_document(&format!(
            "<!doctype html><html><head><title>T</title></head><body>{content}</body></html>"
        ));
        let dom = Dom::new(&html);
        let shape = Shape::new(&dom);
        extract(&dom, &shape)
    }

    /// What a reader gets: the standfirst, then the body after it.
    fn body_of(content: &str) -> String {
        let b = parts_of(content);
        let mut parts = b.standfirst;
        parts.push(b.text);
        parts.retain(|p| !p.is_empty());
        parts.join("\n\n")
    }

    /// Paragraphs of prose long enough to be scored as the article.
    fn prose(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the story, with commas, clauses, and enough words \
                     to look like real prose that a reader would want to keep.</p>"
                )
            })
            .collect()
    }

    const LEAD: &str = "The council voted last night to close the old bridge to cars, \
                        after engineers found cracks in two of its piers.";

    #[test]
    fn standfirst_in_the_article_header_is_kept() {
        let page = format!(
            "<article><header><h1>Bridge closes</h1><p>By Ann Lee</p><p>{LEAD}</p></header>\
             <div class=\"story\">{}</div></article>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.starts_with(LEAD), "{body}");
        // The standfirst apart, and the body after it without it.
        let parts = parts_of(&page);
        assert_eq!(parts.standfirst, [LEAD]);
        assert!(!parts.text.contains(LEAD), "{}", parts.text);
        assert!(!body.contains("Ann Lee"), "{body}");
    }

    #[test]
    fn teaser_box_before_the_body_is_its_lead() {
        let page = format!(
            "<div class=\"news-single\"><div class=\"teaser-text\"><p>{LEAD}</p></div>\
             <div class=\"text\">{}</div>\
             <div class=\"teaser\"><a href=\"/x\">Another story about bridges and the council \
             that a reader might also want to read tonight</a></div></div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.starts_with(LEAD), "{body}");
        // The standfirst apart, and the body after it without it.
        let parts = parts_of(&page);
        assert_eq!(parts.standfirst, [LEAD]);
        assert!(!parts.text.contains(LEAD), "{}", parts.text);
        assert!(!body.contains("Another story"), "{body}");
    }

    #[test]
    fn a_cookie_notice_in_the_site_header_is_no_lead() {
        let page = format!(
            "<div class=\"page\"><header><div class=\"cookie-bar\"><p>This website uses \
             cookies. By continuing to use it you agree to our use of cookies and to our \
             terms.</p></div></header><main><div class=\"story\">{}</div></main></div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(!body.contains("cookies"), "{body}");
        assert!(body.contains("Paragraph 3"), "{body}");
    }

    #[test]
    fn labels_after_the_last_paragraph_are_trimmed() {
        let page = format!(
            "<div class=\"story\">{}<h3>More topics:</h3><p>Loading more content</p></div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.ends_with("want to keep."), "{body}");
    }

    #[test]
    fn a_list_that_ends_the_article_stays() {
        let dates: String = [
            "Sept. 18 Oslo",
            "Oct. 3 Bergen",
            "Oct. 9 Trondheim",
            "Oct. 10 Bodo",
        ]
        .iter()
        .map(|d| format!("<p>{d}</p>"))
        .collect();
        let body = body_of(&format!("<div class=\"story\">{}{dates}</div>", prose(4)));
        assert!(body.ends_with("Oct. 10 Bodo"), "{body}");
    }

    #[test]
    fn a_name_signed_under_the_article_stays() {
        let page = format!(
            "<div class=\"story\">{}<p><strong>Ann Lee</strong></p></div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.ends_with("Ann Lee"), "{body}");
    }

    #[test]
    fn a_call_to_follow_or_subscribe_after_the_article_is_trimmed() {
        let page = format!(
            "<div class=\"story\">{}<p>For the latest news from the city, follow the Daily \
             Example on Twitter and Facebook.</p><p>Get every story first in your inbox: sign up \
             for our free newsletter.</p></div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.ends_with("want to keep."), "{body}");
    }

    #[test]
    fn a_closing_quotation_is_no_call_to_action() {
        let quote = "He asked: “Who would subscribe to a paper that prints nothing but bad news?”";
        let body = body_of(&format!(
            "<div class=\"story\">{}<p>{quote}</p></div>",
            prose(4)
        ));
        assert!(body.ends_with(quote), "{body}");
    }

    #[test]
    fn a_wrapper_classed_as_a_sidebar_layout_still_yields_the_lead() {
        let page = format!(
            "<div class=\"page\"><div class=\"layout has-sidebar\"><article><header>\
             <h1>Bridge closes</h1><p>{LEAD}</p></header><div class=\"story\">{}</div>\
             </article></div></div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.starts_with(LEAD), "{body}");
        // The standfirst apart, and the body after it without it.
        let parts = parts_of(&page);
        assert_eq!(parts.standfirst, [LEAD]);
        assert!(!parts.text.contains(LEAD), "{}", parts.text);
    }

    #[test]
    fn labels_above_the_first_paragraph_are_trimmed() {
        let page = format!(
            "<div class=\"story\"><div>Winter Games</div><div>4 min read</div>{}</div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.starts_with("Paragraph 0"), "{body}");
    }

    #[test]
    fn a_salutation_above_the_first_paragraph_stays() {
        let body = body_of(&format!(
            "<div class=\"story\"><p>Dear readers,</p>{}</div>",
            prose(4)
        ));
        assert!(body.starts_with("Dear readers,"), "{body}");
    }

    #[test]
    fn a_heading_above_the_first_paragraph_stays() {
        let body = body_of(&format!(
            "<div class=\"story\"><h2>The early years</h2>{}</div>",
            prose(4)
        ));
        assert!(body.starts_with("The early years"), "{body}");
    }

    #[test]
    fn a_sidebar_text_widget_beside_the_story_is_dropped() {
        let page = format!(
            "<div class=\"content\"><div class=\"story\">{}</div><div class=\"main-aside\">\
             <div class=\"widget widget_text\"><p>Three friends write about the club, its away \
             games, its fans, and its history, with pictures and long reports.</p></div></div></div>",
            prose(3)
        );
        let body = body_of(&page);
        assert!(!body.contains("Three friends"), "{body}");
    }

    #[test]
    fn notice_boxes_inside_the_story_are_dropped() {
        let boxes = [
            "aawp-disclaimer",
            "affiliate-info",
            "article-copyright",
            "article-donation-CTA",
            "ez-toc-container",
            "review-captcha",
            "kommentarModul",
            "readingtime",
            "image-subtitle",
            "m-post-card",
            "saboxplugin-wrap",
            "sect_profile-descr",
            "community-notice text",
            "snippet snippet--article",
            "savoir_plus_block",
            "weitere-block",
            "appstores",
            "sitename",
            "loading",
            "tag-links",
            "sociable",
            "field-label",
            "dida",
            "c-article-buy-box",
        ];
        let kept: Vec<&str> = boxes
            .iter()
            .copied()
            .filter(|class| {
                let page = format!(
                    "<div class=\"story\">{}<div class=\"{class}\"><p>Some words in a box \
                     that the page adds, which are not part of the story.</p></div>{}</div>",
                    prose(2),
                    prose(2)
                );
                body_of(&page).contains("Some words in a box")
            })
            .collect();
        assert!(kept.is_empty(), "kept: {kept:?}");
    }

    #[test]
    fn the_lead_under_a_headline_in_a_section_of_its_own_is_found() {
        let page = format!(
            "<section class=\"intro-top\"><header><h1>Bridge closes</h1>\
             <h2 class=\"head__subtitle\">{LEAD}</h2></header></section>\
             <section class=\"intro\"><div class=\"body\"><div class=\"copy\">{}</div></div>\
             </section>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.starts_with(LEAD), "{body}");
        // The standfirst apart, and the body after it without it.
        let parts = parts_of(&page);
        assert_eq!(parts.standfirst, [LEAD]);
        assert!(!parts.text.contains(LEAD), "{}", parts.text);
    }

    #[test]
    fn ruby_readings_are_left_out_of_the_text() {
        let page = format!(
            "<div class=\"story\"><p>学生は<ruby>漢字<rt>かんじ</rt></ruby>を勉強します。</p>{}</div>",
            prose(4)
        );
        let body = body_of(&page);
        assert!(body.contains("学生は漢字を勉強します。"), "{body}");
    }

    #[test]
    fn the_declared_body_around_a_long_quoted_section_is_taken_whole() {
        let own = "<p>Our own view first: the council should have asked the people who cross \
                   the bridge every day, and it did not, which is why we wrote this.</p>";
        let page = format!(
            "<div class=\"page\"><div class=\"entry-content\">{own}{own}{own}\
             <div class=\"older\"><ul>{}</ul><div>{}</div></div></div>\
             <div class=\"widget\"><p>Links</p></div></div>",
            "<li>From our archive: an earlier note on the same bridge</li>".repeat(6),
            prose(20)
        );
        let body = body_of(&page);
        assert!(body.starts_with("Our own view first"), "{body}");
        assert!(body.contains("Paragraph 19"), "{body}");
    }

    #[test]
    fn the_text_boxes_of_related_posts_do_not_declare_the_body() {
        let card = "<li><div class=\"related-post-content\"><p>Another story, about the \
                    ferry, its timetable, and the harbour, that the site wants read next.</p>\
                    </div></li>";
        let page = format!(
            "<div class=\"entry-content\">{}<div class=\"related-posts\"><ul>{}</ul></div>\
             </div>",
            prose(4),
            card.repeat(3)
        );
        let body = body_of(&page);
        assert!(body.contains("Paragraph 3"), "{body}");
        assert!(!body.contains("Another story"), "{body}");
    }

    #[test]
    fn a_section_opening_with_links_within_the_page_joins_the_story() {
        let toc: String = ["How it started", "Who pays for it", "When it opens"]
            .iter()
            .enumerate()
            .map(|(i, q)| format!("<a href=\"#q{i}\">{q}: the questions this part answers</a><br>"))
            .collect();
        let page = format!(
            "<div class=\"wrap\"><div class=\"part\">{}</div><div class=\"part\"><div>{toc}</div>\
             <p>The bridge was first planned in the sixties, then shelved, and taken up again \
             when traffic grew.</p></div><div class=\"part\">{}</div></div>",
            prose(2),
            prose(10)
        );
        let body = body_of(&page);
        assert!(body.contains("first planned in the sixties"), "{body}");
        assert!(!body.contains("the questions this part answers"), "{body}");
    }

    #[test]
    fn sources_and_contacts_written_as_addresses_stay() {
        let body = body_of(&format!(
            "<div class=\"story\">{}<p>Source: <a href=\"https://example.org/report\">\
             https://example.org/report/2021/bridges</a></p><p><a href=\"mailto:desk@example.org\">\
             desk@example.org</a></p><p><a href=\"/more\">More stories from the city</a></p>{}</div>",
            prose(3),
            prose(1)
        ));
        assert!(
            body.contains("Source: https://example.org/report"),
            "{body}"
        );
        assert!(body.contains("desk@example.org"), "{body}");
        assert!(!body.contains("More stories"), "{body}");
    }

    #[test]
    fn a_box_of_links_between_sections_does_not_end_the_article() {
        let section = |n: u32| {
            format!(
                "<h3>{n}. Another reason</h3><p>Section {n} goes on at length, with commas, \
                 clauses, and examples, because a listicle explains each of its points in a \
                 paragraph of its own, with a reason and an example, before it moves on to the \
                 next one in the list.</p>"
            )
        };
        let boxed = "<ul><li><strong>Most popular</strong></li><li><a href=\"/a\">\
                     Why we sleep badly in winter</a></li></ul>";
        let body = body_of(&format!(
            "<div class=\"story\">{}{boxed}{}{}</div>",
            prose(4),
            section(3),
            section(4)
        ));
        assert!(body.contains("Section 4 goes on"), "{body}");
        assert!(!body.contains("Most popular"), "{body}");
        // At the end, the same box cuts what follows.
        let body = body_of(&format!(
            "<div class=\"story\">{}{}<h3>Most popular</h3><p>Why we sleep badly in \
             winter, and what helps, in a story from last year.</p></div>",
            prose(4),
            section(3)
        ));
        assert!(!body.contains("sleep badly"), "{body}");
    }

    #[test]
    fn a_box_of_related_stories_marked_as_article_bodies_is_dropped() {
        let card = "<article class=\"card\"><div itemprop=\"articleBody\">Another story, about \
                    the ferry, its timetable, and the harbour, that the site wants read next.</div>\
                    </article>";
        let page = format!(
            "<div class=\"story\">{}</div><div class=\"related-articles\">{}</div>",
            prose(4),
            card.repeat(3)
        );
        let body = body_of(&page);
        assert!(body.contains("Paragraph 3"), "{body}");
        assert!(!body.contains("Another story"), "{body}");
    }

    #[test]
    fn a_sentence_mostly_made_of_links_stays() {
        let body = body_of(&format!(
            "<div class=\"story\">{}<p>Details are given in <a href=\"/r\">the annual report of \
             the ministry of transport</a> and in <a href=\"/s\">the study</a>.</p>\
             <p><a href=\"/a\">Bridges</a> <a href=\"/b\">Ferries</a> <a href=\"/c\">Harbours\
             and the council</a> and more.</p><p>For the latest on bridges and ferries, follow \
             <a href=\"/i\">the Daily Example on Instagram</a>, <a href=\"/f\">the Daily Example on \
             Facebook</a> and \
             <a href=\"/t\">the Daily Example on Twitter</a>.</p>\
             {}</div>",
            prose(3),
            prose(1)
        ));
        assert!(
            body.contains("Details are given in the annual report"),
            "{body}"
        );
        assert!(!body.contains("Ferries"), "{body}");
        assert!(!body.contains("For the latest"), "{body}");
    }

    #[test]
    fn a_boilerplate_box_named_after_the_article_body_is_dropped() {
        let page = format!(
            "<div class=\"article-body\">{}<div class=\"article-body-infobox\"><p>The \
             committee, founded long ago, is the highest body of its kind and meets twice a \
             year in the capital.</p></div>{}</div>",
            prose(2),
            prose(2)
        );
        let body = body_of(&page);
        assert!(body.contains("Paragraph 1"), "{body}");
        assert!(!body.contains("The committee"), "{body}");
    }

    #[test]
    fn a_field_wrapper_with_a_hidden_label_is_kept() {
        let body = body_of(&format!(
            "<div class=\"story\">{}<div class=\"field field-name-text field-label-hidden\">\
             <p>Last, bake it for twenty minutes, let it cool, and serve it warm.</p></div></div>",
            prose(4)
        ));
        assert!(body.contains("bake it for twenty minutes"), "{body}");
    }
}
