//! Machine-readable metadata: JSON-LD objects, `<meta>` tags, `<title>`,
//! the canonical link and the declared language, gathered in one pass over
//! the page into a [`Metadata`] that the orchestrator reads field by field
//! in order of trust (JSON-LD, then OpenGraph and `article:*`, then the other
//! meta vocabularies).

use serde_json::Value;

use super::dom::{attr_of, Dom, Kind};
use super::rules;
use crate::extract::authors::split_marked_byline;

/// The most JSON values we visit in one page's JSON-LD; a bound against
/// hostile input.
const MAX_JSON_NODES: usize = 20_000;

/// What the article's JSON-LD object says.
#[derive(Debug, Default, Clone)]
pub struct JsonLd {
    /// `headline` (or `name` when the object is the article).
    pub headline: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Author names, split into people.
    pub authors: Vec<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
    /// `datePublished`, else `dateCreated`.
    pub date: Option<String>,
    /// `url` or `mainEntityOfPage`.
    pub url: Option<String>,
    /// `inLanguage`.
    pub lang: Option<String>,
}

/// The page's metadata, raw.
#[derive(Debug, Default)]
pub struct Metadata {
    /// `<meta>` key (lowercased name, property, itemprop or http-equiv) and
    /// content, in page order.
    pub metas: Vec<(String, String)>,
    /// The text of `<title>`.
    pub title_tag: Option<String>,
    /// `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// The best article object found in JSON-LD.
    pub jsonld: JsonLd,
    /// The publisher or site name found in any JSON-LD object (WebSite,
    /// Organization) when the article's own does not say.
    pub jsonld_site: Option<String>,
}

impl Metadata {
    /// Reads all metadata from the page.
    pub fn collect(dom: &Dom<'_>) -> Metadata {
        let mut meta = Metadata::default();
        let mut scripts: Vec<String> = Vec::new();
        for (i, item) in dom.items.iter().enumerate() {
            let Kind::Element(tag, el) = item.kind else {
                continue;
            };
            match tag {
                "meta" => {
                    let Some(content) = attr_of(el, "content") else {
                        continue;
                    };
                    for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                        if let Some(key) = attr_of(el, key_attr) {
                            // `property` may hold several space-separated keys (RDFa).
                            for key in key.split_whitespace() {
                                let mut key = key.to_ascii_lowercase();
                                // Dublin Core is written `dc.title` and `dc:title`.
                                if key.starts_with("dc:") || key.starts_with("dcterms:") {
                                    key = key.replacen(':', ".", 1);
                                }
                                meta.metas.push((key, content.to_string()));
                            }
                        }
                    }
                }
                "title" if meta.title_tag.is_none() && !in_svg(dom, i) => {
                    let t = dom.text(i);
                    if !t.is_empty() {
                        meta.title_tag = Some(t);
                    }
                }
                "link" => {
                    let rel = attr_of(el, "rel").unwrap_or("");
                    if meta.canonical.is_none() && rel.eq_ignore_ascii_case("canonical") {
                        meta.canonical = attr_of(el, "href").map(str::to_string);
                    }
                }
                "html" if meta.html_lang.is_none() => {
                    meta.html_lang = attr_of(el, "lang")
                        .or_else(|| attr_of(el, "xml:lang"))
                        .map(str::to_string)
                        .filter(|s| !s.trim().is_empty());
                }
                "script" => {
                    let ty = attr_of(el, "type").unwrap_or("");
                    if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                        scripts.push(dom.text(i));
                    } else if ty.trim().is_empty() {
                        let text = dom.text(i);
                        if is_untyped_jsonld(&text) {
                            scripts.push(text);
                        }
                    }
                }
                _ => {}
            }
        }
        let (ld, site) = read_jsonld(&scripts);
        meta.jsonld = ld;
        meta.jsonld_site = site;
        meta
    }

    /// The first non-empty value of the first key in `keys` that the page has.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// Every non-empty value of `key`, in page order.
    pub fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.metas
            .iter()
            .filter(move |(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }
}

/// Whether element `i` sits inside an `<svg>` (whose `<title>` is a tooltip).
/// How far into a script without a `type` the `"@context"` key of a
/// JSON-LD object may stand.
const UNTYPED_JSONLD_CONTEXT_WITHIN: usize = 40;

/// A `<script>` without a type that holds a JSON-LD object (some CMSs
/// forget the `application/ld+json` type): it opens with `{` and names its
/// `"@context"` at once.
pub fn is_untyped_jsonld(content: &str) -> bool {
    let t = content.trim_start();
    let end = t
        .char_indices()
        .nth(UNTYPED_JSONLD_CONTEXT_WITHIN)
        .map_or(t.len(), |(i, _)| i);
    t.starts_with('{') && t[..end].contains("\"@context\"")
}

fn in_svg(dom: &Dom<'_>, i: usize) -> bool {
    let mut p = dom.parent(i);
    let mut steps = 0;
    while let Some(j) = p {
        if dom.tag(j) == Some("svg") {
            return true;
        }
        steps += 1;
        if steps > rules::ANCESTOR_SCAN_LIMIT {
            break;
        }
        p = dom.parent(j);
    }
    false
}

/// Parses one JSON-LD script, forgiving the usual damage: HTML comment or
/// CDATA wrappers and raw newlines inside strings.
fn parse_script(text: &str) -> Option<Value> {
    let t = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("]]>")
        .trim_end_matches("//")
        .trim()
        .trim_end_matches(';');
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    let cleaned: String = t
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&cleaned).ok()
}

/// The `@type`s of a JSON-LD object.
fn types(obj: &serde_json::Map<String, Value>) -> Vec<&str> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A plain string from a JSON-LD value: a string, the first string of an
/// array, or an object's `name` / `@value`.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(as_text),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(as_text),
        _ => None,
    }
}

/// A url from `url`, `@id` or `mainEntityOfPage` (string or object).
fn as_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.starts_with("http") => Some(s.trim().to_string()),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(as_url),
        Value::Array(a) => a.iter().find_map(as_url),
        _ => None,
    }
}

/// Author names from a JSON-LD `author` value: a string, a Person, or an
/// array of either; organizations are skipped (they are the publisher).
fn authors_of(v: &Value, by_id: &dyn Fn(&str) -> Option<Value>, out: &mut Vec<String>) {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    for item in items.into_iter().take(20) {
        match item {
            Value::String(s) => out.extend(split_marked_byline(&super::unescape(s))),
            Value::Object(o) => {
                let resolved;
                let o = match (o.get("name"), o.get("@id").and_then(Value::as_str)) {
                    (None, Some(id)) => match by_id(id) {
                        Some(Value::Object(r)) => {
                            resolved = r;
                            &resolved
                        }
                        _ => continue,
                    },
                    _ => o,
                };
                // `["Person", "Organization"]` (a one-person site) is a person.
                let ts = types(o);
                if ts.iter().any(|t| t.contains("Organization")) && !ts.contains(&"Person") {
                    continue;
                }
                if let Some(name) = o.get("name").and_then(as_text) {
                    out.extend(split_marked_byline(&super::unescape(&name)));
                }
            }
            _ => {}
        }
    }
}

/// Finds the article object among all JSON-LD scripts (flattening `@graph`
/// and arrays) and reads its fields; also returns a site name found in a
/// WebSite or Organization object.
fn read_jsonld(scripts: &[String]) -> (JsonLd, Option<String>) {
    let mut objects: Vec<serde_json::Map<String, Value>> = Vec::new();
    let mut budget = MAX_JSON_NODES;
    for script in scripts {
        let Some(root) = parse_script(script) else {
            continue;
        };
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            match v {
                Value::Array(a) => stack.extend(a.into_iter().rev()),
                Value::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    if o.contains_key("@type") {
                        objects.push(o);
                    }
                }
                _ => {}
            }
        }
    }
    let by_id = |id: &str| -> Option<Value> {
        objects
            .iter()
            .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.len() > 1)
            .map(|o| Value::Object(o.clone()))
    };
    let rank = |o: &serde_json::Map<String, Value>| -> Option<usize> {
        let ts = types(o);
        let r = ts
            .iter()
            .filter_map(|t| rules::ARTICLE_TYPES.iter().position(|a| a == t))
            .min()?;
        // A WebPage counts only when it carries article fields.
        let is_page = rules::ARTICLE_TYPES
            .get(r)
            .is_some_and(|t| t.ends_with("Page"));
        if is_page && !o.contains_key("headline") && !o.contains_key("datePublished") {
            return None;
        }
        Some(r)
    };
    let best = objects
        .iter()
        .filter_map(|o| rank(o).map(|r| (r, o)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, o)| o);
    let site = objects.iter().find_map(|o| {
        let ts = types(o);
        (ts.iter()
            .any(|t| *t == "WebSite" || t.contains("Organization")))
        .then(|| o.get("name").and_then(as_text))
        .flatten()
    });
    let Some(o) = best else {
        return (JsonLd::default(), site);
    };
    let mut ld = JsonLd {
        headline: o.get("headline").and_then(as_text),
        description: o.get("description").and_then(as_text),
        date: o
            .get("datePublished")
            .or_else(|| o.get("dateCreated"))
            .and_then(as_text),
        url: o
            .get("url")
            .and_then(as_url)
            .or_else(|| o.get("mainEntityOfPage").and_then(as_url)),
        lang: o.get("inLanguage").and_then(as_text),
        ..JsonLd::default()
    };
    if ld.headline.is_none() && !types(o).iter().any(|t| t.ends_with("Page")) {
        ld.headline = o.get("name").and_then(as_text);
    }
    if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
        authors_of(a, &by_id, &mut ld.authors);
    }
    ld.publisher = o.get("publisher").and_then(|p| match p {
        Value::Object(po) if !po.contains_key("name") => po
            .get("@id")
            .and_then(Value::as_str)
            .and_then(by_id)
            .and_then(|r| r.get("name").and_then(as_text)),
        other => as_text(other),
    });
    (ld, site)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn graph_and_references() {
        let page = r##"<html lang="en-GB"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"Organization","@id":"#org","name":"The Daily Example"},
          {"@type":"WebPage","@id":"#page","name":"Page name"},
          {"@type":"NewsArticle","headline":"Real headline","datePublished":"2021-03-09T10:00:00Z",
           "dateModified":"2021-04-01","author":[{"@type":"Person","name":"Ann Lee"},"Bo Park"],
           "publisher":{"@id":"#org"}}]}
        </script></head><body></body></html>"##;
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let m = Metadata::collect(&dom);
        assert_eq!(m.jsonld.headline.as_deref(), Some("Real headline"));
        assert_eq!(m.jsonld.authors, ["Ann Lee", "Bo Park"]);
        assert_eq!(m.jsonld.publisher.as_deref(), Some("The Daily Example"));
        assert_eq!(m.jsonld.date.as_deref(), Some("2021-03-09T10:00:00Z"));
        assert_eq!(m.html_lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn cdata_wrapped_json_is_read() {
        for wrapped in [
            "<![CDATA[ {\"@type\":\"Article\",\"headline\":\"Wrapped\"} ]]>",
            "//<![CDATA[\n{\"@type\":\"Article\",\"headline\":\"Wrapped\"}\n//]]>",
        ] {
            let page = format!("<script type=\"application/ld+json\">{wrapped}</script>");
            let html = Html::parse_document(&page);
            let dom = Dom::new(&html);
            let m = Metadata::collect(&dom);
            assert_eq!(m.jsonld.headline.as_deref(), Some("Wrapped"), "{wrapped}");
        }
    }

    #[test]
    fn broken_json_is_forgiven() {
        let page = "<script type=\"application/ld+json\"><!--\n{\"@type\":\"Article\",\"headline\":\"Line\none\"}\n--></script>";
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let m = Metadata::collect(&dom);
        assert_eq!(m.jsonld.headline.as_deref(), Some("Line one"));
    }
}
