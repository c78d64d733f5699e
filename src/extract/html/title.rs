//! The headline: reconciles JSON-LD `headline`, `og:title`, `<title>` and
//! the first `<h1>`, and strips a site name glued to the front or back with
//! one of [`rules::TITLE_SEPARATORS`].

use super::rules;

/// Lowercases and keeps only letters and digits, for loose comparisons.
pub fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a visible headline `h1` is about the same story as a metadata
/// title: at least [`rules::MIN_H1_WORDS`] words, and that share of its
/// words ([`rules::H1_WORD_OVERLAP`]) found in the title.
pub fn related(h1: &str, title: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let (hw, tw) = (words(h1), words(title));
    if hw.len() < rules::MIN_H1_WORDS {
        return false;
    }
    let shared = hw.iter().filter(|w| tw.contains(w)).count();
    shared as f64 >= rules::H1_WORD_OVERLAP * hw.len() as f64
}

/// Whether two strings match loosely (same letters and digits).
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (loose(a), loose(b));
    !a.is_empty() && a == b
}

/// Whether `part` names the site: equal to a known site name, or one
/// contains the other, loosely.
pub fn is_site(part: &str, sites: &[String]) -> bool {
    let p = loose(part);
    if p.is_empty() {
        return false;
    }
    sites
        .iter()
        .map(|s| loose(s))
        .filter(|s| s.len() >= 2)
        .any(|s| {
            p == s
                || (p.len() <= rules::MAX_SITE_NAME_CHARS
                    && (s.contains(&p) || (p.contains(&s) && s.len() * 2 >= p.len())))
        })
}

/// Whether a title part is a CMS's label for a section of every site
/// ("Blog Archive" in WordPress's "Site » Blog Archive » Post").
fn is_generic_part(part: &str) -> bool {
    rules::GENERIC_TITLE_PARTS.iter().any(|g| same(part, g))
}

/// Splits `t` at the first separator found, trying them in order.
fn split_parts(t: &str) -> Option<Vec<&str>> {
    rules::TITLE_SEPARATORS.iter().find_map(|sep| {
        t.contains(sep).then(|| {
            t.split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect()
        })
    })
}

/// Removes site-name parts from a title; returns the title unchanged when no
/// part names the site.
pub fn strip_site(t: &str, sites: &[String]) -> String {
    let t = t.trim();
    let Some(parts) = split_parts(t) else {
        return t.to_string();
    };
    if parts.len() < 2 {
        return t.to_string();
    }
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !is_site(p, sites) && !is_generic_part(p))
        .collect();
    if kept.is_empty() || kept.len() == parts.len() {
        return t.to_string();
    }
    // Rejoin what is left with the separator that split it.
    let sep = rules::TITLE_SEPARATORS
        .iter()
        .find(|s| t.contains(*s))
        .copied()
        .unwrap_or(" ");
    kept.join(sep)
}

/// The part of a `<title>` that is the headline, when nothing else is known
/// (Readability: the part before the last separator, unless it is too short).
/// Splits `t` at the first separator that is not a colon or slash (those are
/// as often part of the headline as separators).
fn strong_split(t: &str) -> Option<Vec<&str>> {
    let sep = rules::TITLE_SEPARATORS
        .iter()
        .filter(|s| !matches!(**s, ": " | " / "))
        .find(|s| t.contains(*s))?;
    Some(
        t.split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

fn heuristic_split(t: &str) -> String {
    let Some(parts) = strong_split(t) else {
        return t.to_string();
    };
    match parts.as_slice() {
        [first, .., last] => {
            let head = if first.split_whitespace().count() >= 3 || first.len() >= last.len() {
                first
            } else {
                last
            };
            head.to_string()
        }
        _ => t.to_string(),
    }
}

/// Sources for the headline.
#[derive(Debug, Default)]
pub struct Sources<'a> {
    /// JSON-LD `headline`.
    pub jsonld: Option<&'a str>,
    /// `og:title` or another meta title.
    pub meta: Option<&'a str>,
    /// `<title>`.
    pub tag: Option<&'a str>,
    /// The first `<h1>` texts.
    pub h1s: &'a [String],
}

/// Picks and cleans the headline. Returns it and the site name found glued
/// to `<title>` (when the other part matched the headline).
pub fn choose(src: &Sources<'_>, sites: &[String]) -> (Option<String>, Option<String>) {
    let tag = src.tag.map(str::trim).filter(|t| !t.is_empty());
    let structured: Vec<&str> = [src.jsonld, src.meta]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let site_part = tag
        .and_then(strong_split)
        .filter(|p| p.len() >= 2)
        .and_then(|p| p.last().copied());
    let refs: Vec<String> = structured.iter().copied().chain(tag).map(loose).collect();
    // The h1 that the other sources confirm, else the first; an h1 that is
    // the site's name (a logo) is never the headline.
    let h1s: Vec<&str> = src
        .h1s
        .iter()
        // Permalink glyphs that documentation generators append to headings.
        .map(|h| h.trim().trim_end_matches(['¶', '§', '#']).trim_end())
        .filter(|h| !h.is_empty() && h.len() < rules::MAX_TITLE_CHARS && !is_site(h, sites))
        // An h1 that is the last part of "Headline | Site" is the site's logo.
        .filter(|h| !site_part.is_some_and(|p| same(p, h)))
        .collect();
    let h1 = h1s
        .iter()
        .copied()
        .find(|h| {
            let lh = loose(h);
            !lh.is_empty() && refs.iter().any(|r| r.contains(&lh))
        })
        .or_else(|| h1s.first().copied());
    // Structured titles, most trusted first, but one that no other source
    // confirms (a JSON-LD "headline" that is a page type, an og:title left
    // from another article) yields to one that is confirmed.
    let confirmed = |c: &str| {
        let lc = loose(c);
        let others = structured.iter().copied().chain(tag).chain(h1).map(loose);
        others
            .filter(|o| *o != lc && !o.is_empty())
            .any(|o| o.contains(&lc) || lc.contains(&o))
            || structured.iter().filter(|s| loose(s) == lc).count() > 1
    };
    // When no structured title is confirmed but the h1 and `<title>` agree,
    // the page's own headline wins over the metadata.
    let h1_in_tag = match (h1, tag) {
        (Some(h), Some(t)) => {
            let lh = loose(h);
            !lh.is_empty() && loose(t).contains(&lh)
        }
        _ => false,
    };
    let pick = structured
        .iter()
        .copied()
        .find(|c| confirmed(c))
        .or_else(|| structured.first().copied().filter(|_| !h1_in_tag));
    let mut title = None;
    if let Some(cand) = pick {
        let c = strip_site(cand, sites);
        // Some metadata carries the site name with no known site to match;
        // when the h1 is one of its parts, the h1 is the headline.
        title = Some(match (h1, split_parts(&c)) {
            (Some(h), Some(parts)) if parts.iter().any(|p| same(p, h)) => h.to_string(),
            _ => c,
        });
    }
    if title.is_none() {
        if let Some(t) = tag {
            let stripped = strip_site(t, sites);
            title = Some(if stripped != t {
                stripped
            } else if let Some(h) = h1.filter(|h| loose(t).contains(&loose(h))) {
                h.to_string()
            } else {
                heuristic_split(t)
            });
        } else if let Some(h) = h1 {
            title = Some(h.to_string());
        }
    }
    // The visible headline wins over a longer metadata title that merely
    // adds a kicker or a suffix around it.
    if let (Some(t), Some(h)) = (&title, h1) {
        let (lt, lh) = (loose(t), loose(h));
        if lh != lt
            && lt.contains(&lh)
            && lh.len() as f64 >= rules::KICKER_H1_SHARE * lt.len() as f64
        {
            title = Some(h.to_string());
        }
    }
    // A site name from `<title>`: the part that is not the headline.
    let site = match (&title, tag.and_then(split_parts)) {
        (Some(head), Some(parts)) if parts.len() == 2 => {
            let other = parts.iter().find(|p| !same(p, head));
            let matched = parts.iter().any(|p| same(p, head));
            other.filter(|_| matched).map(|p| p.to_string())
        }
        _ => None,
    };
    (title, site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffix_and_prefix() {
        let sites = vec!["The Daily Example".to_string()];
        assert_eq!(
            strip_site("Storm hits coast | The Daily Example", &sites),
            "Storm hits coast"
        );
        assert_eq!(
            strip_site("Daily Example - Storm hits coast", &sites),
            "Storm hits coast"
        );
        assert_eq!(
            strip_site("Why it matters: a story", &sites),
            "Why it matters: a story"
        );
    }

    #[test]
    fn h1_wins_over_a_title_tag_with_a_suffix() {
        let h1s = vec!["Storm hits coast".to_string()];
        let src = Sources {
            tag: Some("Storm hits coast — Examplia News"),
            h1s: &h1s,
            ..Sources::default()
        };
        let (t, site) = choose(&src, &[]);
        assert_eq!(t.as_deref(), Some("Storm hits coast"));
        assert_eq!(site.as_deref(), Some("Examplia News"));
    }
}
