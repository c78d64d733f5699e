//! Whole-page tests of the HTML extractor on small hand-written fixtures.

use super::*;

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>")
}

/// Prose long enough to be scored as article paragraphs.
fn prose(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story, with commas, clauses, and enough words to look like real prose that a reader would want to keep.</p>"
            )
        })
        .collect()
}

fn day(d: &Draft) -> Option<String> {
    d.published.map(|p| p.day().to_string())
}

/// The draft of a page titled "Gardens in the rain" with this body.
fn gardens(body: &str) -> Draft {
    extract(&page("<title>Gardens in the rain</title>", body)).expect("article")
}

#[test]
fn jsonld_graph_wins_over_meta() {
    let head = r#"<title>Storm hits coast | Daily Example</title>
        <meta property="og:title" content="Storm hits the coast">
        <meta name="author" content="Meta Person">
        <meta property="article:published_time" content="2020-01-01T00:00:00Z">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Daily Example"},
          {"@type":"NewsArticle","headline":"Storm hits coast","datePublished":"2021-03-09T10:00:00+01:00",
           "author":{"@type":"Person","name":"Ann Lee"},"publisher":{"@type":"Organization","name":"Daily Example"}}]}</script>"#;
    let d = extract(&page(
        head,
        &format!("<article><h1>Storm hits coast</h1>{}</article>", prose(5)),
    ))
    .expect("article");
    assert_eq!(d.title.as_deref(), Some("Storm hits coast"));
    assert_eq!(d.authors, ["Ann Lee"]);
    assert_eq!(d.outlet.as_deref(), Some("Daily Example"));
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
    assert_eq!(d.lang.as_deref(), Some("en"));
}

#[test]
fn meta_only_page() {
    let head = r#"<title>Quiet day in town - Town Crier</title>
        <meta property="og:site_name" content="Town Crier">
        <meta property="og:title" content="Quiet day in town - Town Crier">
        <meta property="og:description" content="Nothing happened.">
        <meta property="og:url" content="https://towncrier.example/2019/05/04/quiet-day">
        <meta name="author" content="Jo Bloggs">
        <meta property="article:published_time" content="2019-05-04T08:00:00Z">
        <meta property="article:modified_time" content="2019-06-01T08:00:00Z">"#;
    let d = extract(&page(head, &prose(4))).expect("article");
    assert_eq!(d.title.as_deref(), Some("Quiet day in town"));
    assert_eq!(d.outlet.as_deref(), Some("Town Crier"));
    assert_eq!(d.dek.as_deref(), Some("Nothing happened."));
    assert_eq!(d.authors, ["Jo Bloggs"]);
    assert_eq!(day(&d).as_deref(), Some("2019-05-04"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://towncrier.example/2019/05/04/quiet-day")
    );
}

#[test]
fn visible_byline_only_with_several_authors() {
    let body = format!(
        r#"<article><h1>Bridge reopens</h1><div class="byline">By Ann Lee, Bo Park and Cy Diaz</div>
        <time datetime="2022-07-01T09:00:00Z">July 1</time>{}</article>"#,
        prose(4)
    );
    let d = extract(&page("<title>Bridge reopens</title>", &body)).expect("article");
    assert_eq!(d.authors, ["Ann Lee", "Bo Park", "Cy Diaz"]);
    assert_eq!(day(&d).as_deref(), Some("2022-07-01"));
    assert!(
        !d.body.contains("By Ann Lee"),
        "byline left in body: {}",
        d.body
    );
}

#[test]
fn comments_do_not_give_author_or_date() {
    let body = format!(
        r#"<div class="article-body">{}</div>
        <section class="comments"><div class="comment"><span class="author">Troll Person</span>
        <time datetime="2023-01-01T00:00:00Z">Jan 1</time><p>I disagree with this, strongly, for many reasons that I will now explain at length.</p></div></section>"#,
        prose(4)
    );
    let d = extract(&page("<title>Plain story</title>", &body)).expect("article");
    assert!(d.authors.is_empty(), "authors {:?}", d.authors);
    assert_eq!(day(&d), None);
    assert!(!d.body.contains("disagree"));
}

#[test]
fn json_ld_in_a_script_without_type_is_read() {
    let head = r#"<title>Storm hits coast</title>
        <script>{"@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Storm hits the coast", "datePublished": "2022-01-28T06:00:00+01:00",
        "author": {"@type": "Person", "name": "Ann Lee"}}</script>
        <script>var notJsonLd = {"a": 1};</script>"#;
    let d = extract(&page(head, &prose(3))).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2022-01-28"));
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn the_date_is_looked_for_under_the_headline_h1_not_a_hidden_site_h1() {
    // A screen-reader h1 naming the site opens the page; the date line sits
    // under the article's own h1, far below it.
    let menu: String = (0..150)
        .map(|i| format!("<li><a href='/s{i}'>Section {i}</a></li>"))
        .collect();
    let body = format!(
        r#"<h1 class="aural">Example Agency</h1><ul>{menu}</ul>
        <div id="content"><h1>Harbour bridge opens after ten years</h1>
        <div class="docdata"><span class="label">Datum:</span> <span class="value">18.10.2021</span></div>{}</div>"#,
        prose(3)
    );
    let d = extract(&page(
        "<title>Harbour bridge opens after ten years</title>",
        &body,
    ))
    .expect("article");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour bridge opens after ten years")
    );
    assert_eq!(day(&d).as_deref(), Some("2021-10-18"));
}

#[test]
fn an_author_marked_in_the_articles_own_aside_counts() {
    let body = format!(
        r#"<article><h1>Code coverage, used wisely</h1>{}
        <aside><p><span itemprop="author" itemscope><span itemprop="name">Ann Lee</span></span></p></aside></article>
        <aside class="sidebar"><a rel="author" href="/other">Other Person</a></aside>"#,
        prose(3)
    );
    let d = extract(&page("<title>Code coverage</title>", &body)).expect("article");
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn an_author_outside_any_article_in_an_aside_does_not_count() {
    let body = format!(
        r#"<div class="story">{}</div><aside><a rel="author" href="/x">Sidebar Person</a></aside>"#,
        prose(3)
    );
    let d = extract(&page("<title>Plain story</title>", &body)).expect("article");
    assert!(d.authors.is_empty(), "{:?}", d.authors);
}

#[test]
fn text_bylines_in_several_languages() {
    for byline in [
        "Publicado por Ana Díaz",
        "Gepostet von Ana Díaz | Wohnen",
        "Artikel von Ana Díaz",
    ] {
        let body = format!(
            "<article><h1>Harbour bridge opens</h1><p><em>{byline}</em></p>{}</article>",
            prose(3)
        );
        let d = extract(&page("<title>Harbour bridge opens</title>", &body)).expect("article");
        assert_eq!(d.authors, ["Ana Díaz"], "byline {byline:?}");
    }
}

#[test]
fn the_outlets_name_beside_a_person_is_no_author() {
    let head = r#"<title>Storm hits coast</title><meta property="og:site_name" content="Daily Example">
        <meta name="author" content="Ann Lee, Daily Example">"#;
    let d = extract(&page(head, &prose(3))).expect("article");
    assert_eq!(d.authors, ["Ann Lee"]);
    // Metadata signed by the site gives way to a person in the byline.
    let head = r#"<title>Storm hits coast</title><meta property="og:site_name" content="Daily Example">
        <meta name="author" content="Daily Example">"#;
    let body = format!(
        "<article><h1>Storm hits coast</h1><p class=\"byline\">By Ann Lee</p>{}</article>",
        prose(3)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(d.authors, ["Ann Lee"]);
    // So does one signed by a company.
    let head =
        r#"<title>Storm hits coast</title><meta name="author" content="Example Media GmbH">"#;
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(d.authors, ["Ann Lee"]);
    // Alone, the outlet's name is how the site signs.
    let head = r#"<title>Storm hits coast</title><meta property="og:site_name" content="Daily Example">
        <meta name="author" content="Daily Example">"#;
    let d = extract(&page(head, &prose(3))).expect("article");
    assert_eq!(d.authors, ["Daily Example"]);
}

#[test]
fn modified_date_is_not_the_publication_date() {
    let body = format!(
        r#"<article><p class="updated"><time class="updated" datetime="2024-02-02">Updated</time></p>
        <span itemprop="dateModified" content="2024-02-02"></span>
        <span itemprop="datePublished" content="2024-01-15"></span>{}</article>"#,
        prose(3)
    );
    let d = extract(&page("<title>A story</title>", &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2024-01-15"));
}

#[test]
fn boilerplate_boxes_are_removed_and_paragraphs_kept() {
    let body = format!(
        r##"<nav><a href="/">Home</a><a href="/world">World</a></nav>
        <main><article><h1>Title here</h1>
          <div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
          {}
          <h2>A subheading</h2>
          <p>First line<br>second line</p>
          <div class="newsletter-signup"><p>Sign up for our newsletter, it is great, and free, and daily.</p></div>
          <figure><img src="x.jpg"><figcaption>A caption, with credit, Photographer Name.</figcaption></figure>
          <ul class="related-links"><li><a href="/a">Another story, about something else entirely</a></li></ul>
          {}
        </article></main>
        <footer><p>Copyright, all rights, reserved, by the company, forever and ever.</p></footer>"##,
        prose(3),
        prose(2)
    );
    let d = extract(&page("<title>Title here</title>", &body)).expect("article");
    let paras: Vec<&str> = d.body.split("\n\n").collect();
    assert!(paras.contains(&"A subheading"), "{paras:?}");
    assert!(paras.contains(&"First line"), "{paras:?}");
    assert!(paras.contains(&"second line"), "{paras:?}");
    assert_eq!(
        paras.iter().filter(|p| p.starts_with("Paragraph")).count(),
        5,
        "{paras:?}"
    );
    for bad in [
        "Facebook",
        "newsletter",
        "caption",
        "Another story",
        "Copyright",
        "Home",
    ] {
        assert!(!d.body.contains(bad), "{bad} left in body: {paras:?}");
    }
    assert!(!d.body.starts_with("Title here"));
}

#[test]
fn inline_elements_join_and_blocks_split() {
    let body = "<article><p>One <b>bold</b> and <a href='/x'>a link</a> in a sentence that is long enough, surely, to count.</p><blockquote>A quoted line that is also long enough to count as prose, yes.</blockquote></article>";
    let d = extract(&page("", body)).expect("article");
    assert_eq!(
        d.body,
        "One bold and a link in a sentence that is long enough, surely, to count.\n\nA quoted line that is also long enough to count as prose, yes."
    );
}

#[test]
fn deeply_nested_page_does_not_overflow() {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 12);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("<p>Deep text, with commas, that is long enough to be scored as prose.</p>");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    let d = extract(&html).expect("article");
    assert!(d.body.contains("Deep text"));
}

#[test]
fn url_date_is_a_fallback() {
    let head = r#"<link rel="canonical" href="https://news.example.com/2018/11/30/slug">"#;
    let d = extract(&page(head, &prose(3))).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2018-11-30"));
    assert_eq!(d.outlet.as_deref(), Some("Example"));
}

#[test]
fn entities_in_jsonld_are_decoded() {
    assert_eq!(
        unescape("Tom &amp; Jerry&#8217;s &#x2019; &bogus; &"),
        "Tom & Jerry’s ’ &bogus; &"
    );
}

/// Regression: a hand-written table of about 50 entities turned `&#146;`
/// and `&#150;` (Windows-1252 quotes and dashes, common in old CMS
/// metadata) into control characters, `&#0;` into a NUL, and left
/// `&euro;` and `&copy;` undecoded.
#[test]
fn numeric_and_named_references_decode_as_browsers_read_them() {
    let head = r#"<script type="application/ld+json">{"@type":"NewsArticle",
        "headline":"The Mayor&#146;s Budget &#150; &euro;5m &amp; a &copy; Notice&#0;",
        "author":{"@type":"Person","name":"Ann&eacute;e &Oslash;stergaard"}}</script>"#;
    let d = extract(&page(head, &prose(3))).expect("article");
    assert_eq!(
        d.title.as_deref(),
        Some("The Mayor’s Budget – €5m & a © Notice\u{fffd}")
    );
    assert_eq!(d.authors, ["Année Østergaard"]);
    // Attribute rules: a name without its semicolon before `=` or a
    // letter is text, as in a url's query.
    assert_eq!(
        unescape("https://example.com/?a=1&copy=2&amp;b=3"),
        "https://example.com/?a=1&copy=2&b=3"
    );
}

#[test]
fn empty_page_is_no_article() {
    assert!(extract("").is_err());
    assert!(extract("<html><body><nav><a href='/'>Home</a></nav></body></html>").is_err());
}

#[test]
fn a_page_that_calls_everything_a_comment_still_has_a_body() {
    let body = format!(
        "<main><div class=\"forum-comment\">{}</div></main>",
        prose(3)
    );
    let d = extract(&page("<title>Forum thread</title>", &body)).expect("article");
    assert!(d.body.contains("Paragraph 0"), "body: {}", d.body);
}

#[test]
fn an_article_inside_an_aside_is_kept() {
    let body = format!(
        "<aside class=\"story\"><div itemprop=\"articleBody\">{}</div></aside><aside><p>Sidebar, with links, and more.</p></aside>",
        prose(3)
    );
    let d = extract(&page("<title>Odd markup</title>", &body)).expect("article");
    assert!(d.body.contains("Paragraph 2"), "body: {}", d.body);
    assert!(!d.body.contains("Sidebar"), "body: {}", d.body);
}

#[test]
fn a_single_related_h1_beats_a_rewritten_meta_title() {
    let head = r#"<meta property="og:title" content="Dead skin cells might be good for you">"#;
    let body = format!(
        "<article><h1>Are dead skin cells actually good for you?</h1>{}</article>",
        prose(3)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(
        d.title.as_deref(),
        Some("Are dead skin cells actually good for you?")
    );
    // An unrelated single h1 (a blog's name) does not.
    let body = format!(
        "<h1>Notes from the garden shed</h1><article>{}</article>",
        prose(3)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(
        d.title.as_deref(),
        Some("Dead skin cells might be good for you")
    );
}

#[test]
fn bare_text_in_deep_inline_markup_is_kept() {
    let html = format!(
        "<html><body>{}Deep bold text, with commas, long enough to count as prose.</body></html>",
        "<b>".repeat(100_000)
    );
    let d = extract(&html).expect("article");
    assert!(d.body.contains("Deep bold text"), "body: {}", d.body);
}

#[test]
fn seo_label_pair_names_the_author() {
    let head = r#"<title>Quiet harbour</title>
        <meta name="twitter:label1" content="Written by">
        <meta name="twitter:data1" content="Cy Diaz">
        <meta name="twitter:label2" content="Est. reading time">
        <meta name="twitter:data2" content="3 minutes">"#;
    let d = extract(&page(
        head,
        &format!("<article><h1>Quiet harbour</h1>{}</article>", prose(4)),
    ))
    .expect("article");
    assert_eq!(d.authors, ["Cy Diaz"]);
}

#[test]
fn one_person_site_signs_with_its_own_name() {
    let head = r##"<title>Garden notes</title>
        <script type="application/ld+json">{"@graph":[
          {"@type":["Person","Organization"],"@id":"#me","name":"Dana Cole"},
          {"@type":"BlogPosting","headline":"Garden notes","author":{"@id":"#me"},"publisher":{"@id":"#me"}}]}</script>"##;
    let d = extract(&page(
        head,
        &format!("<article><h1>Garden notes</h1>{}</article>", prose(4)),
    ))
    .expect("article");
    assert_eq!(d.authors, ["Dana Cole"]);
    assert_eq!(d.outlet.as_deref(), Some("Dana Cole"));
}

#[test]
fn teaser_classed_header_still_gives_the_byline() {
    let body = format!(
        "<article><h1>Bridge reopens</h1><div class=\"teaser-small__meta\"><p class=\"byline__author\">By <a href=\"/a/eve\">Eve Moss</a></p></div>{}</article>",
        prose(4)
    );
    let d = extract(&page("<title>Bridge reopens</title>", &body)).expect("article");
    assert_eq!(d.authors, ["Eve Moss"]);
}

#[test]
fn kicker_inside_the_h1_is_not_the_headline() {
    let body = format!(
        "<article><h1><span class=\"article-kicker\">Energy</span><span class=\"sr-only\">: </span><span class=\"title\">Town switches off its last coal plant</span></h1>{}</article>",
        prose(4)
    );
    let d = extract(&page(
        "<title>Energy: Town switches off its last coal plant</title>",
        &body,
    ))
    .expect("article");
    assert_eq!(
        d.title.as_deref(),
        Some("Town switches off its last coal plant")
    );
}

#[test]
fn byline_written_as_text_without_a_class() {
    let body = format!(
        "<article><h1>Lakeside festival returns</h1><p><i>Von Jana Kurz</i></p>{}<p>By 2030 the lake will be cleaner.</p></article>",
        prose(4)
    );
    let d = extract(&page("<title>Lakeside festival returns</title>", &body)).expect("article");
    assert_eq!(d.authors, ["Jana Kurz"]);
}

#[test]
fn utc_midnight_of_a_european_day_is_that_day() {
    let head = r#"<title>Ferry timetable changes</title>
        <meta property="article:published_time" content="2022-03-06T23:00:00Z">"#;
    let body = format!(
        "<article><h1>Ferry timetable changes</h1>{}</article>",
        prose(4)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2022-03-07"));
    let head = r#"<meta property="article:published_time" content="2022-03-06T23:10:00Z">"#;
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2022-03-06"));
}

#[test]
fn modification_time_only_when_nothing_else_is_stated() {
    let body = format!(
        "<article><h1>Ferry timetable changes</h1>{}</article>",
        prose(4)
    );
    let head = r#"<meta property="og:updated_time" content="2021-05-04T10:00:00+02:00">"#;
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-05-04"));
    let head = r#"<meta property="og:updated_time" content="2021-05-04T10:00:00+02:00">
        <meta property="article:published_time" content="2021-04-01T10:00:00+02:00">"#;
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-04-01"));
}

#[test]
fn one_word_author_is_completed_from_the_byline() {
    let head = r#"<title>Trail report</title>
        <script type="application/ld+json">{"@type":"BlogPosting","headline":"Trail report","author":{"@type":"Person","name":"Toma"}}</script>"#;
    let body = format!(
        "<article><h1>Trail report</h1><p class=\"byline\">By Toma Greene</p>{}</article>",
        prose(4)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(d.authors, ["Toma Greene"]);
}

#[test]
fn a_class_token_author_holds_a_handle() {
    // `class="author"` with no id: the token ends at the joining space.
    let body = format!(
        "<article><h1>Gardens in the rain</h1><div class=\"author-box\"><span class=\"author\">quillpen</span></div>{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(d.authors, ["quillpen"]);
}

#[test]
fn a_label_standing_alone_names_the_next_node() {
    let cases = [
        ("<div class=\"meta\"><span>By</span><span><a href=\"/people/ann\">Ann Lee</a></span></div>", "Ann Lee"),
        ("<p class=\"note\"><strong>Text:</strong> Ben Ode</p>", "Ben Ode"),
        ("<p><b>Von:</b><br><br> Cem Ay</p>", "Cem Ay"),
        ("<div class=\"submitted\">Gespeichert von <span class=\"username\">quillpen</span> am 24. Juli 2017</div>", "quillpen"),
    ];
    for (byline, name) in cases {
        let body = format!(
            "<article><h1>Gardens in the rain</h1>{byline}{}</article>",
            prose(4)
        );
        let d = gardens(&body);
        assert_eq!(d.authors, [name], "{byline}");
    }
    // A handle needs an element marked as a name.
    let body = format!(
        "<article><h1>Gardens in the rain</h1><p><b>Von</b> <span>hier</span></p>{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert!(d.authors.is_empty());
}

#[test]
fn a_marked_author_element_ends_at_the_name() {
    let body = format!(
        "<article><h1>Gardens in the rain</h1><div class=\"entry-meta-author\"><a href=\"/a/ann\">Ann</a> <a href=\"https://social.example/annlee\">annlee</a></div>{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(d.authors, ["Ann"]);
}

#[test]
fn a_bold_name_under_the_article_signs_it() {
    let signed = format!(
        "<article><h1>Gardens in the rain</h1>{}<p><b><i>Ann Lee</i></b></p></article>",
        prose(4)
    );
    let d = extract(&page("<title>Gardens in the rain</title>", &signed)).expect("article");
    assert_eq!(d.authors, ["Ann Lee"]);
    // Plain text that reads like a name, or a greeting, signs nothing.
    for last in [
        "<p>Ann Lee</p>",
        "<p><b>Viele Grüße!</b></p>",
        "<p><b>Mehr zum Thema Garten</b></p>",
    ] {
        let body = format!(
            "<article><h1>Gardens in the rain</h1>{}{last}</article>",
            prose(4)
        );
        let d = gardens(&body);
        assert!(d.authors.is_empty(), "{last}");
    }
}

#[test]
fn a_date_in_its_own_box_is_not_glued_to_the_name() {
    let body = format!(
        "<article><h1>Gardens in the rain</h1><div class=\"author\"><div class=\"name\"><a href=\"/a/ann\">Ann Lee</a></div><time>Hoy 13 horas</time></div>{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn the_article_s_own_sidebar_and_footer_give_its_date() {
    let boxes = [
        "<div class=\"sidebar\"><p class=\"when\"><time datetime=\"2021-03-09\">9 March</time></p></div>",
        "<footer><span property=\"schema:dateCreated\" content=\"2021-03-09T10:00:00+00:00\"></span></footer>",
    ];
    for b in boxes {
        let body = format!(
            "<article><h1>Gardens in the rain</h1>{}{b}</article>",
            prose(4)
        );
        let d = gardens(&body);
        assert_eq!(day(&d).as_deref(), Some("2021-03-09"), "{b}");
    }
    // A sidebar outside the article is the site's.
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{}</article><div class=\"sidebar\"><time datetime=\"2021-03-09\">9 March</time></div>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d), None);
}

#[test]
fn a_marked_publication_date_counts_outside_the_article_too() {
    let body = format!(
        "<div class=\"story\"><h1>Gardens in the rain</h1>{}<div class=\"footer meta\"><time itemprop=\"datePublished\" datetime=\"2021-03-09\">9.3.2021</time></div></div>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
    // Not in a list of other stories.
    let body = format!(
        "<div class=\"story\"><h1>Gardens in the rain</h1>{}</div><div class=\"sidebar\"><ul class=\"related\"><li><time itemprop=\"datePublished\" datetime=\"2021-03-09\">9.3.2021</time></li></ul></div>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d), None);
}

#[test]
fn a_dateline_opening_the_first_paragraph_dates_the_page() {
    let lead = "<p>3.2.2021 - The council met on Tuesday evening, and the gardens were the first item on a long agenda.</p>";
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{lead}{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d).as_deref(), Some("2021-02-03"));
    // A date later in a sentence is no dateline.
    let lead = "<p>The council met on 3.2.2021, and the gardens were the first item on a long agenda that evening.</p>";
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{lead}{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d), None);
}

#[test]
fn a_written_date_in_brackets_opening_the_first_paragraph_is_a_dateline() {
    let lead = "<p>(3. February 2021) The council met on Tuesday evening, and the gardens were the first item on a long agenda.</p>";
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{lead}{}</article>",
        prose(4)
    );
    assert_eq!(day(&gardens(&body)).as_deref(), Some("2021-02-03"));
    // Without brackets it opens a sentence about that day.
    let lead = "<p>3 February 2021 was the day the council met, and the gardens were the first item on a long agenda.</p>";
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{lead}{}</article>",
        prose(4)
    );
    assert_eq!(day(&gardens(&body)), None);
}

#[test]
fn without_a_headline_element_the_date_is_looked_for_at_the_article() {
    let menu = "<li><a href=\"/x\">S</a></li>".repeat(250);
    let body = format!(
        "<div class=\"wrap\"><ul class=\"menu\">{menu}</ul><div class=\"news\">\
         <h6>Gardens in the rain</h6><p>(3. February 2021) The council met on Tuesday evening, \
         and the gardens were the first item on a long agenda.</p>{}</div></div>",
        prose(4)
    );
    assert_eq!(day(&gardens(&body)).as_deref(), Some("2021-02-03"));
}

#[test]
fn when_json_ld_and_meta_disagree_the_shown_date_decides() {
    let head = r#"<title>Gardens in the rain</title>
        <meta property="article:published_time" content="2021-03-09T08:00:00+01:00">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Gardens in the rain","datePublished":"2021-03-01T10:00:00+01:00"}</script>"#;
    let shown = format!(
        "<article><h1>Gardens in the rain</h1><p class=\"when\">9 March 2021</p>{}</article>",
        prose(4)
    );
    let d = extract(&page(head, &shown)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
    // Nothing shown: JSON-LD stays first.
    let d = extract(&page(
        head,
        &format!(
            "<article><h1>Gardens in the rain</h1>{}</article>",
            prose(4)
        ),
    ))
    .expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-03-01"));
}

#[test]
fn a_utc_moment_near_midnight_takes_the_url_s_local_day() {
    let head = |url: &str| {
        format!(
            r#"<title>Gardens in the rain</title><link rel="canonical" href="{url}">
            <meta property="article:published_time" content="2021-03-08T23:11:59+00:00">"#
        )
    };
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{}</article>",
        prose(4)
    );
    let d = extract(&page(
        &head("https://news.example/2021/03/09/gardens/"),
        &body,
    ))
    .expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
    // A url a day earlier cannot be the same moment in any time zone.
    let d = extract(&page(
        &head("https://news.example/2021/03/07/gardens/"),
        &body,
    ))
    .expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-03-08"));
}

#[test]
fn a_meta_date_alone_gives_way_to_a_time_shown_by_the_headline() {
    let head = r#"<title>Gardens in the rain</title>
        <meta property="article:published_time" content="2021-11-17T10:00:00+01:00">"#;
    let shown = |extra: &str| {
        format!(
            "<article><h1>Gardens in the rain</h1><p class=\"when\"><time datetime=\"2021-03-09\">9 March 2021</time></p>{extra}{}</article>",
            prose(4)
        )
    };
    let d = extract(&page(head, &shown(""))).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
    // JSON-LD that agrees with the meta tag keeps it.
    let with_ld = format!(
        "{head}<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-11-17\"}}</script>"
    );
    let d = extract(&page(&with_ld, &shown(""))).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-11-17"));
}

#[test]
fn a_text_byline_may_follow_a_dash_or_a_date() {
    let cases = [
        ("<div class=\"when\">05.02.2020 <span>- Redaktion: Ann Lee (Pressesprecherin des Vereins)</span></div>", "Ann Lee"),
        ("<h2 class=\"kicker\">Gardens <span>06.11.2023 13:30 von Bo </span></h2>", "Bo"),
    ];
    for (byline, name) in cases {
        let body = format!(
            "<article><h1>Gardens in the rain</h1>{byline}{}</article>",
            prose(4)
        );
        let d = gardens(&body);
        assert_eq!(d.authors, [name], "{byline}");
    }
}

#[test]
fn a_text_byline_may_go_on_with_date_and_section() {
    let byline = "<p class=\"postmetadata\">Von Ann Lee am 07.08.2013 um 09:07 Uhr gespeichert unter Kommunizieren</p>";
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{byline}{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn a_title_opening_with_a_date_dates_an_undated_page() {
    let body = format!("<article><h1>Day of the gardens</h1>{}</article>", prose(4));
    let d = extract(&page(
        "<title>08.11.2021 | Day of the gardens, with talks and walks all over the old town</title>",
        &body,
    ))
    .expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-11-08"));
    // A date that is part of the headline, with no separator, dates nothing
    // (a title this long is no date line either).
    let d = extract(&page(
        "<title>8.11.2021 was the day the gardens of the old town opened to every visitor again</title>",
        &body,
    ))
    .expect("article");
    assert_eq!(day(&d), None);
}

#[test]
fn a_blog_archive_label_is_no_part_of_the_headline() {
    let body = format!("<article>{}</article>", prose(4));
    let head = "<meta property=\"og:site_name\" content=\"Example Site\"><title>Example Site » Blog Archive » Gardens in the rain</title>";
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(d.title.as_deref(), Some("Gardens in the rain"));
}

#[test]
fn a_member_s_sign_up_date_is_not_the_article_s() {
    let body = format!(
        "<div class=\"topic\"><h1>Gardens in the rain</h1><dl class=\"profile\"><dd><strong>Registriert:</strong> 18.09.2008, 05:56</dd></dl><p class=\"author\">Beitrag <span>21.01.2009, 05:42</span></p>{}</div>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d).as_deref(), Some("2009-01-21"));
    // Nor is a date labelled as an update in a sibling element.
    let body = format!(
        "<article><h1>Gardens in the rain</h1><p class=\"x\"><em>Last Updated:</em> 7 January 2025</p><p class=\"y\">9 March 2021</p>{}</article>",
        prose(4)
    );
    let d = gardens(&body);
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
}

#[test]
fn a_date_just_above_the_headline_beats_one_far_below() {
    let teasers: String = (0..30)
        .map(|i| format!("<li class=\"teaser\"><a href=\"/t/{i}\">Teaser {i}</a></li>"))
        .collect();
    let body = format!(
        "<div class=\"story\"><p class=\"kicker\">21. Jan 2022 // Ann Lee</p><h1>Gardens in the rain</h1><p>A short note on the gardens, with commas, clauses, and some words.</p></div><ul>{teasers}</ul><p class=\"x\">06. Aug 2020 // Tipps</p>"
    );
    let d = gardens(&body);
    assert_eq!(day(&d).as_deref(), Some("2022-01-21"));
}

#[test]
fn a_day_first_url_segment_dates_an_undated_page() {
    let head = r#"<title>Gardens in the rain</title><link rel="canonical" href="https://news.example/meldungen/29-10-2021">"#;
    let body = format!(
        "<article><h1>Gardens in the rain</h1>{}</article>",
        prose(4)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2021-10-29"));
}

#[test]
fn menu_items_picture_credits_and_testimonials_name_no_author() {
    for extra in [
        "<ul class=\"sub\"><li><a href=\"/texte\">Texte</a></li><li><a href=\"/cv\">Lebenslauf</a></li></ul>",
        "<p class=\"credit\"><span class=\"media-license-author\">zvg</span></p>",
        "<div class=\"testimonial-author-info\"><div>Kundin Ann L.</div></div>",
    ] {
        let body = format!("<article><h1>Gardens in the rain</h1>{extra}{}</article>", prose(4));
        let d = gardens(&body);
        assert!(d.authors.is_empty(), "{extra}: {:?}", d.authors);
    }
}

#[test]
fn a_personal_pages_copyright_holder_is_its_author() {
    let holder = |notice: &str| {
        gardens(&format!(
            "<article><h1>Gardens in the rain</h1>{}</article><footer><p>{notice}</p></footer>",
            prose(5)
        ))
        .authors
    };
    assert_eq!(holder("© 2021 Anna Roth • Impressum"), ["Anna Roth"]);
    assert_eq!(holder("(c) Anna Roth - All rights reserved"), ["Anna Roth"]);
    // A span of years after a licence link: the text node opens with the
    // link's closing bracket.
    assert_eq!(
        holder("(<a href=\"/licence\">CC BY</a>) 2006-2008 by Martin Weber"),
        ["Martin Weber"]
    );
    // A company holds a newspaper's copyright: no one is named.
    assert!(holder("© 2021 Gardening Weekly Media GmbH").is_empty());
    assert!(holder("Copyright 2021 Frankfurter Beobachter").is_empty());
}

#[test]
fn a_picture_credit_is_no_copyright_holder() {
    for credit in [
        "<div class=\"image-copyright\"><a href=\"/agency\">© Julia Berg (Agency)</a></div>",
        "<figure><img src=\"a.jpg\"><figcaption>© Julia Berg</figcaption></figure>",
    ] {
        let d = gardens(&format!(
            "<article><h1>Gardens in the rain</h1>{}{credit}</article>",
            prose(5)
        ));
        assert!(d.authors.is_empty(), "{credit}: {:?}", d.authors);
    }
}

#[test]
fn a_site_named_after_a_person_is_its_authors() {
    let site = |name: &str| {
        let head = format!(
            "<title>Gardens in the rain</title><meta property=\"og:site_name\" content=\"{name}\">"
        );
        extract(&page(
            &head,
            &format!(
                "<article><h1>Gardens in the rain</h1>{}</article>",
                prose(5)
            ),
        ))
        .expect("article")
        .authors
    };
    assert_eq!(site("Dr. Anna Roth"), ["Anna Roth"]);
    assert!(site("Frankfurter Beobachter").is_empty());
    assert!(site("Gardening Weekly").is_empty());
}

#[test]
fn a_byline_may_open_with_a_run_of_dashes() {
    let d = gardens(&format!(
        "<article><h1>Gardens in the rain</h1><div><em>---- by Anna Roth</em></div>{}</article>",
        prose(5)
    ));
    assert_eq!(d.authors, ["Anna Roth"]);
}

#[test]
fn a_bare_date_meta_gives_way_to_the_date_the_page_shows() {
    let dated = |head: &str, shown: &str| {
        let d = extract(&page(
            &format!("<title>Gardens in the rain</title>{head}"),
            &format!(
                "<article><h1>Gardens in the rain</h1>{shown}{}</article>",
                prose(5)
            ),
        ))
        .expect("article");
        day(&d)
    };
    let stamp = r#"<meta name="date" content="2022-01-26T14:32:06+02:00">"#;
    let marked = r#"<p><time itemprop="datePublished" datetime="2022-01-21">21.01.2022</time></p>"#;
    let time = r#"<p><time datetime="2022-01-21">Friday morning</time></p>"#;
    assert_eq!(dated(stamp, marked).as_deref(), Some("2022-01-21"));
    assert_eq!(dated(stamp, time).as_deref(), Some("2022-01-21"));
    assert_eq!(dated(stamp, "").as_deref(), Some("2022-01-26"));
    // A publication date stated as such still wins.
    let published =
        r#"<meta property="article:published_time" content="2022-01-26T14:32:06+02:00">"#;
    assert_eq!(dated(published, marked).as_deref(), Some("2022-01-26"));
}

#[test]
fn todays_date_beside_the_sites_logo_is_not_the_articles() {
    let head = r#"<title>Spring: Gardens in the rain | Daily Example</title>
        <meta property="og:site_name" content="Daily Example">"#;
    let body = format!(
        "<header><h1><a href=\"/\" class=\"logo\">Daily Example</a></h1><span>Wednesday, 26.02.2020</span></header>\
         <article><h1><span class=\"kicker\">Spring</span>Rain on the allotments</h1>\
         <p>01.05.2017</p>{}</article>",
        prose(5)
    );
    let d = extract(&page(head, &body)).expect("article");
    assert_eq!(day(&d).as_deref(), Some("2017-05-01"));
}

#[test]
fn a_date_in_the_navigation_bar_is_not_the_articles() {
    let d = gardens(&format!(
        "<div class=\"navtop\"><time datetime=\"2023-11-01T13:56:20+01:00\">Wednesday, 1 November 2023</time></div>\
         <article><h1>Gardens in the rain</h1><p><span class=\"text_datum\">31 October 2023.</span> The rain came.</p>{}</article>",
        prose(5)
    ));
    assert_eq!(day(&d).as_deref(), Some("2023-10-31"));
}

#[test]
fn an_indented_date_line_is_short() {
    let line = format!(
        "Daily Example ({}2021-03-09 08:00{})",
        "\n ".repeat(20),
        "\n ".repeat(20)
    );
    let d = gardens(&format!(
        "<article><h1>Gardens in the rain</h1><p>{line}</p>{}</article>",
        prose(4)
    ));
    assert_eq!(day(&d).as_deref(), Some("2021-03-09"));
}
