//! HTML pages: parse once, flatten the tree ([`dom`]), read the metadata
//! ([`metadata`]) and the visible byline ([`visible`]), pick the headline
//! ([`title`]) and the body ([`body`]), and reconcile every field in order of
//! trust: JSON-LD, then OpenGraph and `article:*` meta, then other meta
//! vocabularies, then what the page shows, then the url. The heuristics
//! themselves are data in [`rules`].

mod body;
mod dom;
mod metadata;
mod prescan;
mod rules;
mod title;
mod visible;

use scraper::Html;

use super::authors::{personal_name, split_marked_byline};
use super::date::{date_from_url, day_first_date_from_url, parse_date};
use super::{Draft, ExtractError};
use crate::published::Published;
use dom::Dom;
use metadata::Metadata;
use visible::Visible;

/// What the choosers below read: the flattened page, which of its nodes
/// lie in foreign regions (comments, sidebars), its metadata and what it
/// shows.
struct Page<'a> {
    dom: &'a Dom<'a>,
    foreign: Vec<bool>,
    meta: Metadata,
    visible: Visible,
}

/// The names a page is known by, before its headline is settled: they are
/// stripped from titles and told apart from authors.
struct Names {
    /// The site's name from meta keys ([`rules::OUTLET_KEYS`]), unescaped.
    meta_outlet: Option<String>,
    /// The site's name from the url's host (`Example-news`).
    host: Option<String>,
    /// Every known name of the site, most trusted first: the JSON-LD
    /// publisher, the meta outlet, a JSON-LD site name, the host's name.
    sites: Vec<String>,
}

/// Extracts a draft from an HTML page.
///
/// Fails with [`ExtractError::NoArticle`] only when the page has neither a
/// headline nor any body text. Each field is decided by one `choose_*`
/// function below, which states its sources in order of trust.
pub fn extract(html: &str) -> Result<Draft, ExtractError> {
    let html = prescan::prepare(html);
    let doc = Html::parse_document(&html);
    let dom = Dom::new(&doc);
    let meta = Metadata::collect(&dom);
    let shape = body::Shape::new(&dom);
    let foreign = visible::foreign_regions(&dom, &shape);
    let visible = visible::collect(&dom, &foreign);
    let page = Page {
        dom: &dom,
        foreign,
        meta,
        visible,
    };

    let url = choose_url(&page.meta);
    let names = known_names(&page.meta, url.as_deref());
    let meta_title = page.meta.first(rules::TITLE_KEYS).map(unescape);
    let (headline, title_site) = choose_title(&page, meta_title.as_deref(), &names.sites);
    let outlet = choose_outlet(&page.meta, &names, title_site.as_deref());
    let lang = choose_lang(&page.meta);
    let extracted = body::extract(&dom, &shape);
    let (dek, dek_is_summary, text) = choose_dek(&page.meta, &extracted);
    let published = choose_date(
        &page,
        url.as_deref(),
        meta_title.as_deref(),
        headline.as_deref(),
        &names.sites,
        extracted.candidate,
    );
    let authors = choose_authors(&page, &names, title_site.as_deref(), &extracted);
    let headline = headline_or_heading(headline, &names.sites, extracted.heading);
    let body = drop_header_lines(&text, headline.as_deref(), &authors);

    if headline.is_none() && body.trim().is_empty() {
        return Err(ExtractError::NoArticle(
            "the page has neither a headline nor body text".into(),
        ));
    }
    Ok(Draft {
        url,
        title: headline,
        dek,
        dek_is_summary,
        authors,
        outlet,
        published,
        lang,
        body,
        ..Draft::default()
    })
}

/// The canonical url: `<link rel=canonical>` when absolute, else the meta
/// keys ([`rules::URL_KEYS`], `og:url` first), else JSON-LD's `url`.
fn choose_url(meta: &Metadata) -> Option<String> {
    meta.canonical
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta.first(rules::URL_KEYS).map(str::to_string))
        .or_else(|| meta.jsonld.url.clone())
        .map(|u| u.trim().to_string())
}

/// The site's names known before the title is settled (for stripping them
/// from it), see [`Names`].
fn known_names(meta: &Metadata, url: Option<&str>) -> Names {
    let meta_outlet = meta.first(rules::OUTLET_KEYS).map(unescape);
    let host = url.and_then(host_name);
    let sites = [
        meta.jsonld.publisher.as_deref().map(unescape),
        meta_outlet.clone(),
        meta.jsonld_site.clone(),
        host.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    Names {
        meta_outlet,
        host,
        sites,
    }
}

/// The headline, and the site's name found glued to `<title>` beside it.
/// [`title::choose`] reconciles JSON-LD `headline`, the meta titles
/// ([`rules::TITLE_KEYS`]), `<title>` and the `<h1>`s; then a page with a
/// single `<h1>` shows its headline there (trafilatura's rule: metadata
/// titles are often rewritten for search engines), when that `<h1>` is
/// about the same story, is no site name and no generic label.
fn choose_title(
    page: &Page<'_>,
    meta_title: Option<&str>,
    sites: &[String],
) -> (Option<String>, Option<String>) {
    let (meta, visible) = (&page.meta, &page.visible);
    let ld_headline = meta.jsonld.headline.as_deref().map(unescape);
    let src = title::Sources {
        jsonld: ld_headline.as_deref(),
        meta: meta_title,
        tag: meta.title_tag.as_deref(),
        h1s: &visible.h1s,
    };
    let (mut headline, title_site) = title::choose(&src, sites);
    if visible.h1_count == 1 {
        if let Some(h) = visible
            .h1s
            .first()
            .map(|h| h.trim().trim_end_matches(['¶', '§', '#']).trim_end())
        {
            let n = h.chars().count();
            if (rules::MIN_H1_TITLE_CHARS..=rules::MAX_TITLE_CHARS).contains(&n)
                && headline.as_deref().map_or(true, |t| title::related(h, t))
                && !title::is_site(h, sites)
                && !rules::GENERIC_TITLES.iter().any(|g| title::same(h, g))
            {
                headline = Some(h.to_string());
            }
        }
    }
    (headline, title_site)
}

/// A headline that only names the site (or says "Home"), or none at all,
/// gives way to the first heading of the article's container.
fn headline_or_heading(
    headline: Option<String>,
    sites: &[String],
    heading: Option<String>,
) -> Option<String> {
    let generic = headline.as_deref().is_some_and(|h| {
        title::is_site(h, sites) || rules::GENERIC_TITLES.iter().any(|g| title::same(h, g))
    });
    if generic || headline.is_none() {
        if let Some(h) = heading.filter(|h| h.chars().count() <= rules::MAX_TITLE_CHARS) {
            return Some(h);
        }
    }
    headline
}

/// The outlet: JSON-LD `publisher`, the meta keys ([`rules::OUTLET_KEYS`],
/// `og:site_name` first), a JSON-LD site name, the part of `<title>` that
/// names the site, the url's host.
fn choose_outlet(meta: &Metadata, names: &Names, title_site: Option<&str>) -> Option<String> {
    meta.jsonld
        .publisher
        .as_deref()
        .map(unescape)
        .or_else(|| names.meta_outlet.clone())
        .or_else(|| meta.jsonld_site.clone())
        .or_else(|| title_site.map(str::to_string))
        .or_else(|| names.host.clone())
        .filter(|s| !s.trim().is_empty())
}

/// The standfirst, whether it is only a declared summary, and the body
/// after it, which leaves it out:
/// 1. the standfirst the page shows before the body (paragraphs marked as
///    its lead, or in the article's `<header>`: see [`body::extract`]);
///    when the summary the page declares is its opening paragraphs, only
///    those (a photo's caption shown after them is body text, as before);
/// 2. else the summary the page declares stands in: JSON-LD
///    `description`, else the meta keys ([`rules::DEK_KEYS`],
///    `og:description` first), unless it is only the body's opening
///    paragraph, which then stays in the body (see `extract::finish`).
fn choose_dek(meta: &Metadata, extracted: &body::Body) -> (Option<String>, bool, String) {
    let declared = meta
        .jsonld
        .description
        .as_deref()
        .map(unescape)
        .or_else(|| meta.first(rules::DEK_KEYS).map(str::to_string));
    let shown = &extracted.standfirst;
    if shown.is_empty() {
        // A summary that is the body's opening paragraphs, standing apart
        // from the story's run of paragraphs, is the standfirst it shows.
        if let Some((from, to)) = declared
            .as_deref()
            .and_then(|d| declared_opening(d, extracted))
        {
            let paras: Vec<&str> = crate::extract::blocks(&extracted.text).collect();
            if paras.len() > to + 1 {
                let rest: Vec<&str> = paras[..from]
                    .iter()
                    .chain(&paras[to + 1..])
                    .copied()
                    .collect();
                return (
                    Some(paras[from..=to].join("\n\n")),
                    false,
                    rest.join("\n\n"),
                );
            }
        }
        return (declared, true, extracted.text.clone());
    }
    let loose = |s: &str| title::loose(s);
    let take = declared
        .as_deref()
        .map(loose)
        .filter(|d| !d.is_empty())
        .and_then(|d| {
            let mut opening = String::new();
            (0..shown.len()).find(|&k| {
                opening.push_str(&loose(&shown[k]));
                opening == d
            })
        })
        .map_or(shown.len(), |k| k + 1);
    let rest: Vec<&str> = shown[take..]
        .iter()
        .map(String::as_str)
        .chain(Some(extracted.text.as_str()).filter(|t| !t.is_empty()))
        .collect();
    (Some(shown[..take].join("\n\n")), false, rest.join("\n\n"))
}

/// The first and last of the body's opening paragraphs that together are
/// the declared summary `d` (or that the summary begins, shortened), below
/// the headings that open the body (the headline), when each of them
/// stands apart from the story's paragraphs
/// ([`body::Body::opening_apart`]).
fn declared_opening(d: &str, extracted: &body::Body) -> Option<(usize, usize)> {
    let d = title::loose(d);
    if d.chars().count() < rules::MIN_DECLARED_OPENING_CHARS {
        return None;
    }
    let mut from = None;
    let mut opening = String::new();
    for (k, p) in crate::extract::blocks(&extracted.text)
        .enumerate()
        .take(extracted.opening_apart.len())
    {
        let p = title::loose(p);
        let heading = extracted.opening_heading.get(k).copied().unwrap_or(false);
        if from.is_none() && heading && !d.starts_with(&p) && !p.starts_with(&d) {
            continue;
        }
        let from = *from.get_or_insert(k);
        if !extracted.opening_apart.get(k).copied().unwrap_or(false) {
            return None;
        }
        opening.push_str(&p);
        if opening.starts_with(&d) {
            return Some((from, k));
        }
        if !d.starts_with(&opening) {
            return None;
        }
    }
    None
}

/// The declared language: `<html lang>`, else the meta keys
/// ([`rules::LANG_KEYS`]), else JSON-LD's `inLanguage`. (When none is
/// declared, `extract::finish` detects it from the text.)
fn choose_lang(meta: &Metadata) -> Option<String> {
    meta.html_lang
        .clone()
        .or_else(|| meta.first(rules::LANG_KEYS).map(str::to_string))
        .or_else(|| meta.jsonld.lang.clone())
}

/// The publication date, most trusted source first:
/// 1. a date the metadata states, reconciled with what the page shows
///    ([`stated_date`]);
/// 2. a date standing alone near the headline, or a dateline opening the
///    first paragraph ([`visible::headline_date`]);
/// 3. a date-classed element's text ([`visible::text_date`]);
/// 4. a title that opens with a numeric date ([`rules::TITLE_DATE`]);
/// 5. a day-first date as a whole segment of the url;
/// 6. the last-resort meta keys ([`rules::LAST_RESORT_DATE_KEYS`]).
///
/// The headline area starts at the `<h1>` that holds the headline (a page
/// may open with an `<h1>` for screen readers that names the site), else at
/// the first `<h1>` that does not name the site (an empty one, or one
/// holding the site's name, is its logo), else at the body's best-scored
/// candidate (the container may have grown to a page wrapper that opens
/// far above the article).
fn choose_date(
    page: &Page<'_>,
    url: Option<&str>,
    meta_title: Option<&str>,
    headline: Option<&str>,
    sites: &[String],
    body_candidate: Option<usize>,
) -> Option<Published> {
    let (dom, foreign, meta, visible) = (page.dom, &page.foreign, &page.meta, &page.visible);
    let headline_h1 = headline.and_then(|t| {
        visible
            .h1s
            .iter()
            .position(|h| title::same(h, t))
            .and_then(|k| visible.h1_nodes.get(k).copied())
    });
    let first_h1 = visible
        .h1s
        .iter()
        .zip(&visible.h1_nodes)
        .find(|(h, _)| !title::is_site(h, sites))
        .map(|(_, &i)| i);
    let anchor = headline_h1.or(first_h1).or(body_candidate);
    let shown = || anchor.and_then(|a| visible::headline_date(dom, foreign, a));
    stated_date(meta, visible, url, shown)
        .or_else(shown)
        .or_else(|| visible::text_date(dom, foreign))
        .or_else(|| {
            // "08.11.2021 | Day of Remembrance", as some CMSs title event
            // and press pages.
            [meta_title, meta.title_tag.as_deref()]
                .into_iter()
                .flatten()
                .find_map(|t| rules::TITLE_DATE.captures(t.trim()))
                .and_then(|c| parse_date(c.get(1)?.as_str()))
        })
        .or_else(|| url.and_then(day_first_date_from_url))
        .or_else(|| {
            rules::LAST_RESORT_DATE_KEYS
                .iter()
                .find_map(|k| meta.all(k).find_map(parse_date))
        })
}

/// The authors, most trusted first:
/// 1. the names the page credits ([`credited_authors`]: JSON-LD, meta
///    keys, SEO labels, marked-up and visible bylines);
/// 2. a name signed in bold or italics under the article
///    ([`visible::signature`]);
/// 3. on a personal page, the holder of its copyright notice
///    ([`visible::copyright_holder`]), or the site named after its owner
///    ("Dr. Ann Lee", see [`personal_name`]).
fn choose_authors(
    page: &Page<'_>,
    names: &Names,
    title_site: Option<&str>,
    extracted: &body::Body,
) -> Vec<String> {
    let mut authors = credited_authors(&page.meta, &page.visible, &names.sites);
    if authors.is_empty() {
        if let Some(name) = extracted
            .start
            .and_then(|c| visible::signature(page.dom, c, &extracted.text))
        {
            authors.push(name);
        }
    }
    if authors.is_empty() {
        authors.extend(visible::copyright_holder(page.dom).or_else(|| {
            [names.meta_outlet.as_deref(), title_site]
                .into_iter()
                .flatten()
                .find_map(personal_name)
        }));
    }
    authors
}

/// Authors, most trusted source first, each one-word name or handle
/// completed from another source that spells the same person out
/// ("Stefanus" from JSON-LD, "Stefanus Stahl" in the byline). A name that
/// is also the outlet's stays when it is the only one: one-person sites and
/// desks sign with the site's name, and both evaluation sets count that as
/// the author.
fn credited_authors(meta: &Metadata, visible: &Visible, sites: &[String]) -> Vec<String> {
    let sources = author_sources(meta, visible);
    // A source that names only the site or an organisation gives way to a
    // later one that names someone else (metadata signed by the site, a
    // person in the visible byline).
    let only_site = |names: &Vec<String>| {
        names
            .iter()
            .all(|n| title::is_site(n, sites) || rules::ORGANISATION_NAME.is_match(n))
    };
    let Some(chosen) = sources
        .iter()
        .find(|s| !s.is_empty() && !only_site(s))
        .or_else(|| sources.iter().find(|s| !s.is_empty()))
    else {
        return Vec::new();
    };
    // Beside people, the outlet's name is a credit, not an author ("By Ann
    // Lee, CNN"); alone, it stays (see above).
    let people: Vec<&String> = chosen
        .iter()
        .filter(|n| !sites.iter().any(|s| title::same(n, s)))
        .collect();
    let chosen: Vec<&String> = if people.is_empty() {
        chosen.iter().collect()
    } else {
        people
    };
    chosen
        .into_iter()
        .map(|name| {
            if name.split_whitespace().count() > 1 {
                return name.clone();
            }
            let short = title::loose(name);
            sources
                .iter()
                .flatten()
                .find(|c| {
                    let words = c.split_whitespace().count();
                    words > 1
                        && words <= rules::MAX_COMPLETED_NAME_WORDS
                        && !short.is_empty()
                        && title::loose(c).starts_with(&short)
                })
                .cloned()
                .unwrap_or_else(|| name.clone())
        })
        .collect()
}

/// Every source of author names, most trusted first: JSON-LD, the meta
/// keys, an SEO label pair, `rel=author`/`itemprop=author`, byline classes,
/// and text bylines.
fn author_sources(meta: &Metadata, visible: &Visible) -> Vec<Vec<String>> {
    let unescaped =
        |names: &[String]| -> Vec<String> { names.iter().map(|n| unescape(n)).collect() };
    let mut sources = vec![unescaped(&meta.jsonld.authors)];
    for key in rules::AUTHOR_KEYS {
        let mut names = Vec::new();
        for v in meta.all(key) {
            if v.contains("://") || v.starts_with('@') {
                continue;
            }
            names.extend(split_marked_byline(&unescape(v)));
        }
        sources.push(names);
    }
    sources.push(labelled_author(meta).unwrap_or_default());
    sources.push(unescaped(&visible.marked_authors));
    sources.push(unescaped(&visible.byline_authors));
    sources.push(unescaped(&visible.prefixed_authors));
    sources.push(unescaped(&visible.labelled_authors));
    sources
}

/// The author that a `twitter:labelN` / `twitter:dataN` pair names
/// ("Written by" / "Ann Lee"), as SEO plugins write it.
fn labelled_author(meta: &Metadata) -> Option<Vec<String>> {
    for (key, label) in &meta.metas {
        let Some(n) = key.strip_prefix("twitter:label") else {
            continue;
        };
        if !rules::AUTHOR_LABEL.is_match(label.trim()) {
            continue;
        }
        let data_key = format!("twitter:data{n}");
        let names: Vec<String> = meta
            .all(&data_key)
            .flat_map(|v| split_marked_byline(&unescape(v)))
            .collect();
        if !names.is_empty() {
            return Some(names);
        }
    }
    None
}

/// The date the page states, most trusted source first: JSON-LD, the meta
/// keys, a date marked up in the page, the url, a `<time>`. When JSON-LD
/// and the meta keys disagree, the one that the page also shows near its
/// headline or in a `<time>` wins (a CMS or a plugin rewrites one of them
/// on every edit).
fn stated_date(
    meta: &Metadata,
    visible: &Visible,
    url: Option<&str>,
    shown: impl Fn() -> Option<Published>,
) -> Option<Published> {
    let ld_date = meta.jsonld.date.as_deref().and_then(parse_date);
    let meta_date = rules::DATE_KEYS
        .iter()
        .find_map(|k| meta.all(k).find_map(parse_date).map(|d| (*k, d)));
    // A bare "date" meta is what a CMS last stamped the page with, as often
    // the last edit as the publication: alone, it gives way to a date the
    // page marks as published, shows at its headline or in a `<time>`.
    if let (None, Some((key, d))) = (ld_date, meta_date) {
        if rules::VAGUE_DATE_KEYS.contains(&key) {
            let d = local_midnight(d);
            let seen = visible.marked_date.or_else(&shown).or(visible.time_date);
            if let Some(seen) = seen.map(local_midnight) {
                if seen.day() != d.day() {
                    return Some(seen);
                }
            }
        }
    }
    let stated: Vec<Published> = [ld_date, meta_date.map(|(_, d)| d)]
        .into_iter()
        .flatten()
        .map(local_midnight)
        .collect();
    let Some(first) = stated.first().copied() else {
        return visible
            .marked_date
            .map(local_midnight)
            .or_else(|| url.and_then(date_from_url))
            .or(visible.time_date.map(local_midnight));
    };
    let url_day = url.and_then(date_from_url);
    if stated.iter().all(|d| d.day() == first.day()) {
        // A meta tag alone against a <time> whose date the headline area
        // shows (usually the same element): what the reader sees wins.
        if meta.jsonld.date.is_none() && visible.marked_date.is_none() {
            if let Some(t) = visible.time_date.map(local_midnight) {
                if t.day() != first.day() && shown().is_some_and(|h| h.day() == t.day()) {
                    return Some(t);
                }
            }
        }
        return Some(url_day.map_or(first, |u| local_day(first, u)));
    }
    let seen: Vec<Published> = [shown(), visible.time_date.map(local_midnight)]
        .into_iter()
        .flatten()
        .collect();
    stated
        .iter()
        .find(|d| seen.iter().any(|s| s.day() == d.day()))
        .copied()
        .or(Some(first))
}

/// The url's day when `p` is a UTC moment that falls on the day before or
/// after it, within [`rules::MAX_UTC_OFFSET_HOURS`] of their boundary: the
/// url was written in the publisher's time zone (`2023-11-09T05:30Z` is
/// the evening of the 8th in Minnesota, `/2023/11/08/`).
fn local_day(p: Published, url_day: Published) -> Published {
    let Published::Moment(dt, off) = p else {
        return p;
    };
    let (day, u) = (dt.date(), url_day.day());
    if off != jiff::tz::Offset::UTC || day == u {
        return p;
    }
    let hour = dt.time().hour();
    let east = day.tomorrow().ok() == Some(u) && hour >= 24 - rules::MAX_UTC_OFFSET_HOURS;
    let west = day.yesterday().ok() == Some(u) && hour < rules::MAX_UTC_OFFSET_HOURS;
    if east || west {
        url_day
    } else {
        p
    }
}

/// A day that a CMS stored as local midnight east of Greenwich and wrote
/// in UTC (`2022-11-06T23:00:00Z` for 7 November in Berlin): a UTC moment
/// on one of [`rules::MIDNIGHT_UTC_HOURS`] with no minutes or seconds is the
/// next day. Other moments keep the offset the page gave.
fn local_midnight(p: Published) -> Published {
    let Published::Moment(dt, off) = p else {
        return p;
    };
    let t = dt.time();
    let on_the_hour = t.minute() == 0 && t.second() == 0 && t.subsec_nanosecond() == 0;
    if off == jiff::tz::Offset::UTC && on_the_hour && rules::MIDNIGHT_UTC_HOURS.contains(&t.hour())
    {
        if let Ok(next) = dt.date().tomorrow() {
            return Published::Day(next);
        }
    }
    p
}

/// The site's name from a url's host: `www.example-news.co.uk` gives
/// `Example-news`.
fn host_name(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let labels: Vec<&str> = host
        .split('.')
        .filter(|l| !l.is_empty() && *l != "www")
        .collect();
    // The label before the public suffix (one or two short labels).
    let name = match labels.as_slice() {
        [.., name, sld, tld] if sld.len() <= 3 && tld.len() == 2 => *name,
        [.., name, _tld] => *name,
        [name] => *name,
        _ => return None,
    };
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Removes what repeats the article's header at the top of the body: the
/// headline, and short byline lines naming an author ("By Ann Lee -").
fn drop_header_lines(body: &str, headline: Option<&str>, authors: &[String]) -> String {
    let authors: Vec<String> = authors.iter().map(|a| a.to_lowercase()).collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, para) in crate::extract::blocks(body).enumerate() {
        if i < rules::HEADER_LINES {
            if headline.is_some_and(|h| title::same(para, h)) {
                continue;
            }
            let lower = para.to_lowercase();
            if para.chars().count() <= rules::BYLINE_LINE_MAX_CHARS
                && authors.iter().any(|a| lower.contains(a.as_str()))
            {
                continue;
            }
        }
        out.push(para);
    }
    out.join("\n\n")
}

/// Decodes the HTML character references that JSON-LD and some meta
/// values carry escaped twice (`&amp;`, `&#8217;`, `&rsquo;`, `&euro;`), by
/// the HTML standard's rules for attribute values (htmlize): every named
/// reference, numeric ones as browsers read them (`&#146;`, a Windows-1252
/// quote in old CMS metadata, is `’`; `&#0;` is U+FFFD, never a NUL), and a
/// name without its semicolon left alone before `=` or a letter, so a
/// url's `&copy=` survives.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.trim().to_string();
    }
    htmlize::unescape_attribute(s).trim().to_string()
}

#[cfg(test)]
mod tests;
