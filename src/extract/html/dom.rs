//! A flat, document-ordered view of a parsed page that every other pass
//! works on without recursion.
//!
//! html5ever builds a linked tree; walking it recursively would overflow the
//! stack on hostile pages nested a hundred thousand levels deep. [`Dom`]
//! flattens it once, iteratively, into a vector in pre-order where each node
//! knows its parent and where its subtree ends, so "all descendants" is a
//! range and "bottom-up" is a reverse loop.

use scraper::{Html, Node};

/// What a flattened node is.
#[derive(Debug, Clone, Copy)]
pub enum Kind<'a> {
    /// An element, with its lowercased tag name and its scraper element.
    Element(&'a str, &'a scraper::node::Element),
    /// A text node.
    Text(&'a str),
}

/// One node of the flattened page.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The element or text.
    pub kind: Kind<'a>,
    /// Index of the parent, or `usize::MAX` for the root's children.
    pub parent: usize,
    /// One past the index of this node's last descendant.
    pub end: usize,
}

/// The flattened page: nodes in document order.
#[derive(Debug)]
pub struct Dom<'a> {
    /// The nodes, in pre-order (a parent comes before its descendants).
    pub items: Vec<Item<'a>>,
    /// Per node, its lowercased `class` and `id` joined by a space (empty
    /// for text and for elements with neither).
    pub classes: Vec<String>,
}

/// Marks "no parent".
pub const NO_PARENT: usize = usize::MAX;

impl<'a> Dom<'a> {
    /// Flattens a parsed document; comments, doctypes and processing
    /// instructions are left out.
    pub fn new(html: &'a Html) -> Dom<'a> {
        let mut items: Vec<Item<'a>> = Vec::with_capacity(html.tree.nodes().len());
        // Indices (into `items`) of the elements currently open.
        let mut open: Vec<usize> = Vec::new();
        let root = html.tree.root();
        let mut node = match root.first_child() {
            Some(n) => n,
            None => return Dom::with_classes(items),
        };
        // An explicit depth-first walk: descend to the first child, else move
        // to the next sibling, else climb until an ancestor has one.
        loop {
            let kind = match node.value() {
                Node::Element(el) => Some(Kind::Element(el.name(), el)),
                Node::Text(t) => Some(Kind::Text(&t.text)),
                _ => None,
            };
            let is_element = matches!(kind, Some(Kind::Element(..)));
            if let Some(kind) = kind {
                let parent = open.last().copied().unwrap_or(NO_PARENT);
                let index = items.len();
                items.push(Item {
                    kind,
                    parent,
                    end: index + 1,
                });
                if is_element {
                    open.push(index);
                }
            }
            if is_element {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
            }
            // Close `node` and its ancestors until one has a next sibling.
            loop {
                if node.value().is_element() {
                    if let Some(index) = open.pop() {
                        let end = items.len();
                        if let Some(item) = items.get_mut(index) {
                            item.end = end;
                        }
                    }
                }
                if let Some(sibling) = node.next_sibling() {
                    node = sibling;
                    break;
                }
                match node.parent() {
                    Some(p) if p.id() != root.id() => node = p,
                    _ => return Dom::with_classes(items),
                }
            }
        }
    }

    fn with_classes(items: Vec<Item<'a>>) -> Dom<'a> {
        let classes = items
            .iter()
            .map(|it| match it.kind {
                Kind::Element(_, el) => class_id_of(el),
                Kind::Text(_) => String::new(),
            })
            .collect();
        Dom { items, classes }
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the page has no nodes at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The tag name of node `i`, if it is an element.
    pub fn tag(&self, i: usize) -> Option<&'a str> {
        match self.items.get(i)?.kind {
            Kind::Element(name, _) => Some(name),
            Kind::Text(_) => None,
        }
    }

    /// An attribute of element `i`.
    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        match self.items.get(i)?.kind {
            Kind::Element(_, el) => attr_of(el, name),
            Kind::Text(_) => None,
        }
    }

    /// The lowercased `class` and `id` of node `i`, space-separated (empty
    /// when it has neither).
    pub fn class_id(&self, i: usize) -> &str {
        self.classes.get(i).map_or("", String::as_str)
    }

    /// The parent of node `i`, if any.
    pub fn parent(&self, i: usize) -> Option<usize> {
        let p = self.items.get(i)?.parent;
        (p != NO_PARENT).then_some(p)
    }

    /// One past the last descendant of node `i`.
    pub fn end(&self, i: usize) -> usize {
        self.items.get(i).map_or(i, |it| it.end)
    }

    /// Indices of the direct children of node `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.end(i);
        let mut next = i + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let c = next;
            next = self.end(c).max(c + 1);
            Some(c)
        })
    }

    /// The text under node `i`, whitespace collapsed, skipping subtrees for
    /// which `skip` is true.
    pub fn text_where(&self, i: usize, skip: impl Fn(usize) -> bool) -> String {
        let mut out = String::new();
        let end = self.end(i);
        let mut j = i;
        while j < end {
            if skip(j) {
                j = self.end(j).max(j + 1);
                continue;
            }
            if let Some(Item {
                kind: Kind::Text(t),
                ..
            }) = self.items.get(j)
            {
                push_collapsed(&mut out, t);
            } else if self.tag(j) == Some("br") {
                push_collapsed(&mut out, " ");
            }
            j += 1;
        }
        out.trim_end().to_string()
    }

    /// The text under node `i` as a line of parts: `"; "` where a block
    /// element (one of `blocks`) starts, and a space where one text node's
    /// lowercase end meets the next one's capital (`<a>Ann Lee</a><a>Follow</a>`),
    /// so that names in separate boxes are not glued together.
    pub fn text_parts(&self, i: usize, blocks: &[&str]) -> String {
        let mut out = String::new();
        let end = self.end(i);
        for j in i + 1..end {
            match self.items.get(j).map(|it| it.kind) {
                Some(Kind::Text(t)) => {
                    let glued = out.chars().next_back().is_some_and(char::is_lowercase)
                        && t.chars().next().is_some_and(char::is_uppercase);
                    if glued {
                        out.push(' ');
                    }
                    push_collapsed(&mut out, t);
                }
                Some(Kind::Element(tag, _)) if blocks.contains(&tag) || tag == "br" => {
                    let trimmed = out.trim_end().len();
                    out.truncate(trimmed);
                    if !out.is_empty() && !out.ends_with(';') {
                        out.push_str("; ");
                    } else if !out.is_empty() {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
        out.trim_end().trim_end_matches(';').to_string()
    }

    /// The text under node `i`, whitespace collapsed.
    pub fn text(&self, i: usize) -> String {
        self.text_where(i, |_| false)
    }
}

/// An element's attribute by name. scraper's `Element::attr` interns the
/// name on every call (hashing it, and for a name that is no static atom,
/// such as `xml:lang`, taking a global lock); elements carry a few
/// attributes each, so comparing their names is cheaper.
pub fn attr_of<'a>(el: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    el.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// The lowercased `class` and `id` of an element, space-separated.
fn class_id_of(el: &scraper::node::Element) -> String {
    let class = attr_of(el, "class").unwrap_or("");
    let id = attr_of(el, "id").unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return String::new();
    }
    let mut s = String::with_capacity(class.len() + id.len() + 1);
    s.push_str(class);
    s.push(' ');
    s.push_str(id);
    s.make_ascii_lowercase();
    s
}

/// Appends `t` to `out` with whitespace runs collapsed to one space and no
/// leading space at the start.
pub fn push_collapsed(out: &mut String, t: &str) {
    for c in t.chars() {
        // Soft hyphens and zero-width spaces are invisible: drop them.
        if matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_children() {
        let html = Html::parse_document("<div id=a><p>one <b>two</b></p><p>three</p></div>");
        let dom = Dom::new(&html);
        let a = (0..dom.len())
            .find(|&i| dom.attr(i, "id") == Some("a"))
            .expect("div");
        let kids: Vec<_> = dom.children(a).filter_map(|c| dom.tag(c)).collect();
        assert_eq!(kids, ["p", "p"]);
        assert_eq!(dom.text(a), "one twothree");
    }

    #[test]
    fn text_parts_keep_boxes_apart() {
        let html = Html::parse_document(
            "<div id=a><span><a>Ann Lee</a><a>Follow</a></span><time>Today</time><div>Desk</div></div>",
        );
        let dom = Dom::new(&html);
        let a = (0..dom.len())
            .find(|&i| dom.attr(i, "id") == Some("a"))
            .expect("div");
        assert_eq!(
            dom.text_parts(a, &["div", "time"]),
            "Ann Lee Follow; Today; Desk"
        );
    }
}
