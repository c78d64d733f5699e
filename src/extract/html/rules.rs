//! The HTML extractor's heuristics, kept as data: tag lists, class/id
//! patterns, meta keys in order of trust, and the thresholds of the body
//! scorer. Each entry says where it came from; the code that uses them lives
//! in the sibling modules and stays free of magic strings and numbers.
//!
//! Sources: Mozilla Readability (`Readability.js`, its regexes and scoring
//! weights), trafilatura (`xpaths.py`, `settings.py`) and what the test pages
//! in `shared/data` show in general (never a rule for one site).

use std::sync::LazyLock;

use regex::Regex;

/// Elements whose whole subtree never holds article text: code, media,
/// controls and page chrome (Readability's "unlikely" tags plus the HTML5
/// sectioning elements that hold site chrome).
pub const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "source",
    "nav",
    "aside",
    "footer",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "option",
    "dialog",
    "menu",
    "figure",
    "figcaption",
    "head",
    "title",
    "meta",
    "link",
    // Ruby annotations: the reading printed above East Asian characters,
    // which would split the words of the text.
    "rt",
    "rp",
];

/// Elements that are chrome when they are outside the article, but that a
/// page may also use inside it for the headline block; dropped from the body
/// either way since the body never repeats the headline or byline.
pub const HEADER_TAGS: &[&str] = &["header"];

/// Inline elements that class patterns never remove: a link inside a
/// sentence with `class="icon"` is still part of the sentence.
pub const INLINE_TAGS: &[&str] = &[
    "a", "em", "strong", "b", "i", "u", "sup", "sub", "abbr", "cite", "q", "mark", "small", "time",
    "code", "font", "s", "del", "ins", "kbd", "var", "dfn", "bdi", "bdo",
];

/// Elements that start a new paragraph in the body text.
pub const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "address",
    "hr",
    "br",
    "center",
    "details",
    "summary",
    "form",
    "fieldset",
    "body",
    "html",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
];

/// Elements scored as paragraphs by the body scorer (Readability's
/// `DEFAULT_TAGS_TO_SCORE`, without headings, which carry no prose).
pub const PARAGRAPH_TAGS: &[&str] = &["p", "pre", "td", "blockquote", "li", "dd"];

/// Container tags that a `div`-like element with only inline children turns
/// into a paragraph for scoring (Readability converts such divs to `p`).
pub const DIV_LIKE_TAGS: &[&str] = &["div", "section", "article", "main", "span", "font"];

/// Heading tags: kept as paragraphs in the body, but never scored.
pub const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Class/id fragments that mark boilerplate whatever else the element says
/// (share bars, related links, newsletter boxes, comments, ads). Matched as
/// substrings of the lowercased `class` and `id`.
pub static STRONG_BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"comment|disqus|share|sharing|social|related|newsletter|subscri|promo|advert|sponsor|",
        r"outbrain|taboola|breadcrumb|cookie|consent|gdpr|byline|caption|credit|recirc|",
        r"read-?more|more-?stories|most-?popular|trending|signup|sign-up|popup|",
        r"teaser|recommend|author-?bio|authorbio|about-?the-?author|rating|author-?(?:box|info|card|profile|details|description)|autor-?(?:box|info)|biography|about-?author|tag-?cloud|pagination|(?:^|[\s_-])pager|",
        r"skip-?link|print-?only|visually-?hidden|sr-only|screen-?reader|toolbar|jump-?link|",
        r"tag-?list|article-?tags|post-?tags|keywords|",
        // Sidebar widgets as WordPress and Blogger name them ("widget_text",
        // "textwidget", "PopularPosts"), not the "elementor-widget" boxes
        // that hold whole articles.
        r"(?:^|\s)(?:text)?widget|popular-?posts|",
        // Boxes inside the article that are not its text: affiliate and
        // copyright notices, donation and letter calls, tables of contents,
        // comment forms, reading times, teaser cards, author boxes ("sabox"
        // is WordPress's Simple Author Box), offers to buy the article
        // ("buy-box", as publishers' paywalls name it).
        r"disclaimer|affiliate|copyright|donation|(?:^|[\s_-])cta(?:$|[\s_-])|ez-toc|",
        r"(?:^|[\s_-])toc(?:$|[\s_-])|table-?of-?contents|captcha|(?:^|\s)respond(?:$|\s)|",
        r"kommentar|read-?time|reading-?time|image-?description|image-?subtitle|post-?card|",
        r"next-?post|nextstory|sabox|profile-?desc|community-?notice|buy-?box|",
        // Teaser snippets, "read more"/"more" blocks in French and German,
        // app-store badges, the site's name, loaders, tag links.
        r"snippet|savoir[-_]?plus|weitere-|app-?stores?|site-?name|(?:^|[\s_-])loading|tag-?links|",
        // Share bars named "sociable", field labels ("Release Date:"),
        // captions in Italian ("didascalia", "dida").
        r"sociable|(?:^|\s)field-?label(?:$|\s)|didascalia|(?:^|[\s_-])dida(?:$|[\s_-])|",
        r"further-?reading|see-?also|dateline|timestamp|publish-?date|post-?date|entry-?meta|",
        r"post-?meta|article-?meta|meta-?data|infobox|donate|(?:^|[\s_-])(?:ads?|adv|nav|menu|footer|header|tags?|meta|author|date|time|print|rss|login|share|hide|noprint|button|btn|icon|logo|social|follow|embed|video)(?:$|\s)"
    ))
    .expect("valid regex")
});

/// Class/id fragments that mark boilerplate unless the element also looks
/// like a content container (Readability's `unlikelyCandidates` minus the
/// strong ones above).
pub static WEAK_BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"footer|header|menu|navigation|community|extra|legends|remark|replies|shoutbox|skyscraper|supplement|aside|rail|hero|links|tools|widget|banner|masthead|sidebar")
        .expect("valid regex")
});

/// Class/id fragments that protect an element from the weak patterns
/// (Readability's `okMaybeItsACandidate`).
pub static MAYBE_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"and|article|body|column|content|main|shadow|story|entry|post|text")
        .expect("valid regex")
});

/// Class/id fragments of known article-body containers (trafilatura's
/// `BODY_XPATH` classes); such an element is never removed by class and its
/// score gets [`CONTENT_CLASS_BONUS`].
pub static CONTENT_CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"article-?body|articlebody|article__body|article-?content|article-?text|story-?body|",
        r"storybody|story-?content|story-?text|entry-?content|post-?content|post-?body|",
        r"post-?text|postbody|main-?content|body-?text|bodytext|text-?content|content-?body|",
        r"article__content|c-entry-content|rich-?text|field-?body|news-?text|single-?content|",
        r"page-?content|blog-?content|articletext|artikel|beitrag|inhalt|field-?-?name-?body"
    ))
    .expect("valid regex")
});

/// Class/id fragments that, beside a [`CONTENT_CONTAINER`] fragment, name
/// the text of another story in a list ("rp4wp-related-post-content",
/// "teaser-text-content"), not the article's body.
pub static OTHER_STORY_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"related|recirc|recommend|teaser|comment|more-?stories|popular")
        .expect("valid regex")
});

/// An element holding at least this share of the page's text is a layout
/// wrapper, never boilerplate by its class (our own safety net).
pub const WRAPPER_SHARE: f64 = 0.6;

/// An element holding this many characters of `<p>` text is not removed for
/// its class (a share-enabled wrapper around the whole story); our own
/// threshold, above what share bars and teaser lists hold.
pub const PROTECT_PARAGRAPH_CHARS: u32 = 1500;

/// An element holding this share of the page's `<p>` text is protected the
/// same way, for short articles (at least [`PROTECT_MIN_SHARE_CHARS`]).
pub const PROTECT_PARAGRAPH_SHARE: f64 = 0.5;

/// See [`PROTECT_PARAGRAPH_SHARE`].
pub const PROTECT_MIN_SHARE_CHARS: u32 = 300;

/// Class/id fragments of comment threads, removed whatever their size.
pub static COMMENTS_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"comment(?:s|[-_\s]|$)|disqus|repl(?:y|ies)|kommentar").expect("valid regex")
});

/// Readability's `positive` class weight pattern (+[`CLASS_WEIGHT`]).
pub static POSITIVE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story",
    )
    .expect("valid regex")
});

/// Readability's `negative` class weight pattern (-[`CLASS_WEIGHT`]).
pub static NEGATIVE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|",
        r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|",
        r"sponsor|shopping|tags|widget|byline|author|dateline|caption|credit"
    ))
    .expect("valid regex")
});

/// Readability's class weight.
pub const CLASS_WEIGHT: f64 = 25.0;

/// Bonus for an element that declares itself the article body
/// (`itemprop=articleBody`, or a [`CONTENT_CONTAINER`] class).
pub const CONTENT_CLASS_BONUS: f64 = 30.0;

/// Bonus for an `<article>` or `<main>` element.
pub const ARTICLE_TAG_BONUS: f64 = 10.0;

/// A paragraph shorter than this (characters) adds nothing to the score
/// (Readability: 25).
pub const MIN_PARAGRAPH_CHARS: usize = 25;

/// How many ancestor levels a paragraph's score reaches (Readability: 3;
/// we use 5 for pages that wrap each paragraph in extra divs).
pub const SCORE_ANCESTOR_LEVELS: usize = 5;

/// Readability's initial score of a candidate container by its tag:
/// sections of text gain, lists, forms and headings lose; other tags
/// start at 0.
pub const TAG_SCORES: &[(&[&str], f64)] = &[
    (&["div", "article", "main", "section"], 5.0),
    (&["pre", "td", "blockquote"], 3.0),
    (
        &["address", "ol", "ul", "dl", "dd", "dt", "li", "form"],
        -3.0,
    ),
    (&["h1", "h2", "h3", "h4", "h5", "h6", "th"], -5.0),
];

/// What a paragraph gives its ancestors (Readability's): this much for
/// being one...
pub const PARAGRAPH_POINTS: f64 = 1.0;
/// ...this much per comma in it...
pub const COMMA_POINTS: f64 = 1.0;
/// ...and a point per this many characters...
pub const CHARS_PER_POINT: f64 = 100.0;
/// ...up to this many points for its length.
pub const LENGTH_MAX_POINTS: f64 = 3.0;
/// A paragraph's points are divided by these for its parent and its
/// grandparent (Readability's)...
pub const ANCESTOR_DIVIDERS: [f64; 2] = [1.0, 2.0];
/// ...and, further up, by the level times this.
pub const FAR_ANCESTOR_DIVIDER_PER_LEVEL: f64 = 3.0;

/// A sibling of the top candidate joins the body when its score reaches this
/// share of the top score (Readability: 0.2, at least 10).
pub const SIBLING_SCORE_SHARE: f64 = 0.2;

/// Minimum sibling score for the above (Readability).
pub const SIBLING_MIN_SCORE: f64 = 10.0;

/// A sibling paragraph joins the body when it is longer than this and
/// its link density is below [`SIBLING_MAX_LINK_DENSITY`] (Readability: 80).
pub const SIBLING_PARAGRAPH_CHARS: usize = 80;

/// See [`SIBLING_PARAGRAPH_CHARS`] (Readability: 0.25).
pub const SIBLING_MAX_LINK_DENSITY: f64 = 0.25;

/// How the text of a link that shows its own web address starts (see
/// `shows_address` in `body.rs`): such links cite a source or a contact
/// (press releases, reference lists), and do not count as link text.
pub const ADDRESS_PREFIXES: &[&str] = &["http://", "https://", "www."];

/// In the chosen container, a paragraph with at least this link density is
/// dropped as navigation unless it is long ([`LINKY_KEEP_CHARS`]).
pub const MAX_LINK_DENSITY: f64 = 0.5;

/// How a link-dense paragraph that is a sentence ends: one with at least
/// [`MIN_PARAGRAPH_CHARS`] of words outside its links is kept as prose.
pub const LINKED_SENTENCE_END: &[char] = &['.', '!', '?'];

/// A link-dense paragraph this long is kept (a prose paragraph with many
/// inline links).
pub const LINKY_KEEP_CHARS: usize = 300;

/// Short lines that are boilerplate in any article (calls to action, ad
/// labels, share prompts); matched on the whole lowercased paragraph.
pub static BOILERPLATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:advertisement|anzeige|werbung|publicité|publicidad|sponsored|",
        r"share( this( article| story)?)?|teilen|follow us.*|read more|weiterlesen|mehr zum thema|",
        r"related( articles| stories)?|see also|continue reading.*|click here.*|",
        r"sign up.*newsletter.*|subscribe.*|image:.*|photo:.*|foto:.*|bild:.*|",
        r"getty images|ap photo.*|reuters|©.*|\(c\).*|copyright.*|all rights reserved.*|",
        r"top|back to top|nach oben|print|drucken|e-?mail|facebook|twitter|whatsapp|linkedin|",
        r"pinterest|reddit|comments?|kommentare?|\d+ comments?|loading.*|",
        r"tags?\b.*|schlagworte:.*|filed under.*|posted in.*|trending:?|related news|",
        r"(last )?updated\b.*\d.*|first published\b.*\d.*|published( on)?\b.*\d.*|",
        r"veröffentlicht( am)?\b.*\d.*|aktualisiert( am)?\b.*\d.*|stand:.*\d.*|",
        // Share prompts and links to other stories, in German and English.
        r"(?:seite|artikel|beitrag|this page|this post) teilen|(?:möchten sie|jetzt) .{0,30}teilen\??|",
        r"share (?:this|on) .{0,20}|(?:nächster|vorheriger|weitere) (?:artikel|beitrag|beiträge)|",
        r"next (?:article|post|story)|previous (?:article|post|story)|mehr interessantes|",
        r"das könnte sie auch interessieren|(?:lesen sie|lies) auch.{0,30}|you (?:may|might) also like.{0,20}|",
        r"more (?:from|on) .{0,30}|sie lesen gern .{0,30}\?)$"
    ))
    .expect("valid regex")
});

/// The longest a [`BOILERPLATE_LINE`] may be for the pattern to count.
pub const BOILERPLATE_LINE_MAX_CHARS: usize = 80;

/// JSON-LD `@type`s that describe an article, most specific first.
pub const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "MedicalWebPage",
    "WebPage",
    "ItemPage",
];

/// Meta keys for the headline, most trusted first.
pub const TITLE_KEYS: &[&str] = &[
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "dc.title",
    "citation_title",
    "headline",
    "title",
];

/// Meta keys for the standfirst.
pub const DEK_KEYS: &[&str] = &[
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "sailthru.description",
];

/// Meta keys for authors (their values may hold several names).
pub const AUTHOR_KEYS: &[&str] = &[
    "dc.creator",
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "citation_author",
    "dcterms.creator",
    "byl",
    "og:article:author",
    "authors",
];

/// Labels of a `twitter:labelN` meta whose `twitter:dataN` names the author
/// (Yoast SEO writes "Written by" / "Verfasst von" there).
pub static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:written by|author|by|verfasst von|geschrieben von|autor(?:in)?|von|écrit par|escrito por|scritto da)$")
        .expect("valid regex")
});

/// UTC hours at which a whole-hour timestamp is a local midnight of UTC+1
/// or UTC+2 (Central European winter and summer time), as CMSs that store
/// bare days write them; see `local_midnight` in `mod.rs`.
pub const MIDNIGHT_UTC_HOURS: &[i8] = &[22, 23];

/// The most hours a publisher's clock is off UTC (UTC-12 to UTC+14; 12
/// covers both but the Pacific's +13 and +14, which we leave out): a UTC
/// moment this close to midnight may fall on the url's local day.
pub const MAX_UTC_OFFSET_HOURS: i8 = 12;

/// Keys of [`DATE_KEYS`] that name no event: CMSs stamp them with the page's
/// last change as often as with its publication.
pub const VAGUE_DATE_KEYS: &[&str] = &["dc.date", "dcterms.date", "date", "created"];

/// Meta keys read only when the page states no publication date anywhere:
/// the last modification is then the best date the page gives (htmldate,
/// which trafilatura uses, does the same).
pub const LAST_RESORT_DATE_KEYS: &[&str] = &[
    "og:updated_time",
    "article:modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// The most words of a full name that may complete a one-word author
/// ("Todd" -> "Todd Bates"); longer strings are sentences or titles.
pub const MAX_COMPLETED_NAME_WORDS: usize = 4;

/// An author name that is an organisation (a legal form, a web address):
/// like the site's own name, it gives way to a person named by a later
/// source.
pub static ORGANISATION_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:gmbh|e\.\s?v|inc|llc|ltd|ag|plc|s\.a|verlag|online)\b|www\.|\.(?:com|de|at|ch|org|net)\b")
        .expect("valid regex")
});

/// Meta keys for the publication date, most trusted first.
pub const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "date",
    "article:post_date",
    "original-publish-date",
    "created",
    "last-modified-never",
];

/// Meta keys for the site's name.
pub const OUTLET_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "dc.publisher",
    "publisher",
    "citation_journal_title",
    "cre",
];

/// Meta keys for the canonical url.
pub const URL_KEYS: &[&str] = &["og:url", "twitter:url", "parsely-link", "dc.identifier"];

/// Meta keys for the declared language.
pub const LANG_KEYS: &[&str] = &["content-language", "dc.language", "language", "og:locale"];

/// Separators between a headline and a site name in `<title>` and og:title.
pub const TITLE_SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " : ", " -- ", " · ", " • ", " / ", " » ", " « ", ": ",
];

/// Class/id fragments of visible bylines.
pub static BYLINE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"byline|author|autor|writer|contributor|reporter|verfasser").expect("valid regex")
});

/// Class/id fragments of a kicker (overline, topic label) or its hidden
/// separator printed inside an `<h1>` before the headline proper; seen on
/// German and English news sites (`kicker`, `overline`, `topline`,
/// `dachzeile`, `subheadline`, `visually-hidden`, `sr-only`).
pub static KICKER_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"kicker|overline|top-?line|top-?title|dachzeile|roofline|eyebrow|sub-?heading|",
        r"subheadline|sub-?title|titleheader|visually-?hidden|sr-only|screen-reader|",
        r"hidden-?dash|(?:^|[\s_-])colon"
    ))
    .expect("valid regex")
});

/// The opening of a byline written as text ("By Ann Lee", "Von Anna Roth",
/// "Text: Ben Ode", "Eingestellt von ...", "Publicado por ..."), for pages
/// whose byline element carries no telling class.
pub static BYLINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // An optional bar or dash, or a numeric date and time, may come first
        // ("- Redaktion: Ann Lee", "06.11.2023 13:30 von Ann").
        r"^(?:[|·•–—-]+\s*|\d{1,2}\.\d{1,2}\.\d{2,4},?\s+(?:\d{1,2}:\d{2}\s+(?i:uhr\s+)?)?)?",
        r"(?i:by|von|text von|text:|texte?\s*:|written by|posted by|eingestellt von|",
        r"gespeichert von|geschrieben von|verfasst von|ein beitrag von|autor:|autorin:|",
        // Added with the text extractor's byline words: more labels in
        // German, Spanish and French.
        r"artikel von|(?:blog\s+)?beitrag von|gepostet von|veröffentlicht von|erstellt von|",
        r"publicado por|redaktion:|autoren:?|auteurs?\s*:)\s+\p{Lu}"
    ))
    .expect("valid regex")
});

/// A byline label standing alone in its own text node or element, with
/// the name in the next one (`<b>Von:</b> Anna Roth`, `<span>By</span>
/// <a>Ann Lee</a>`, `Gespeichert von <span class="username">...`); the
/// words of [`BYLINE_START`], after an optional bar or dash.
pub static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[|·•–—-]\s*)?(?i:(?:by|von|por|par|written by|posted by|",
        r"eingestellt von|gespeichert von|geschrieben von|verfasst von|ein beitrag von|",
        r"artikel von|beitrag von|gepostet von|veröffentlicht von|erstellt von|publicado por)\s*:?|",
        // Nouns label a byline only with a colon: alone they are menu items
        // ("Texte", "Autoren").
        r"(?:text|texte|autor|autorin|author|redaktion|auteur|autoren)\s*:)$"
    ))
    .expect("valid regex")
});

/// A copyright notice and its holder, as a text node writes it: "© 2019 Ann
/// Lee", "(c) Ann Lee • Imprint", "Copyright 2006-2008 by Ann Lee", or a
/// span of years and "by" after a licence link ("(<a>CC BY</a>) 2006-2008
/// by Ann Lee": the node then opens with the bracket).
/// The holder runs to a separator or "All rights reserved".
pub static COPYRIGHT_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[)\]]?\s*(?i:(?:(?:©|\(c\)|copyright|copyleft)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s*,?\s*)?(?:(?:by|von)\s+)?",
        r"|(?:\d{4}\s*[-–]\s*)?\d{4}\s+(?:by|von)\s+)",
        r"(?P<holder>\p{L}[^•|,;/©()\n]*?)",
        r"\s*(?:$|[•|,;/(]|\s[-–]\s|\.\s|(?i:all rights|alle rechte))"
    ))
    .expect("valid regex")
});

/// The longest text node read as a copyright notice, in bytes.
pub const COPYRIGHT_MAX_BYTES: usize = 120;

/// Tags whose text credits a picture, not the page: a copyright notice
/// there names a photographer.
pub const PICTURE_CREDIT_TAGS: &[&str] = &["figure", "figcaption", "picture"];

/// Class or id words of an element that holds a picture or its credit
/// (`image-copyright`, `photo-credit`, `bildnachweis`), looked for on the
/// few elements around a notice (a page's `<body>` may name images).
pub static PICTURE_CREDIT_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)image|img|photo|foto|bild|picture|caption|media|gallery").expect("valid regex")
});

/// How many elements around a copyright notice are checked against
/// [`PICTURE_CREDIT_CLASS`].
pub const PICTURE_CREDIT_LEVELS: usize = 3;

/// The longest label (in bytes) checked against [`BYLINE_LABEL`].
pub const LABEL_MAX_BYTES: usize = 24;

/// How many words a name signed under the article may have (a first name
/// and a surname, perhaps a middle name or initial).
pub const SIGNATURE_WORDS: std::ops::RangeInclusive<usize> = 2..=3;

/// The longest name signed under the article.
pub const SIGNATURE_MAX_CHARS: usize = 40;

/// The most nodes under an element that holds a [`BYLINE_LABEL`] (the label
/// and a wrapper or two).
pub const LABEL_MAX_NODES: usize = 3;

/// Class/id fragments of an element that holds a user's or an author's name
/// after a [`BYLINE_LABEL`]; there a lowercase handle counts as a name.
pub static NAME_ELEMENT_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"user|author|name|profile|(?:^|\s)fn(?:\s|$)").expect("valid regex")
});

/// Elements that may hold a text byline (see [`BYLINE_START`]).
pub const PREFIXED_BYLINE_TAGS: &[&str] = &[
    "p", "div", "span", "em", "i", "strong", "b", "small", "address", "h4", "h5", "h6", "li",
];

/// The most nodes under an element checked for a [`BYLINE_START`] byline
/// (a name, a link, a date); keeps the scan from reading every container's
/// text.
pub const PREFIXED_BYLINE_MAX_NODES: usize = 12;

/// The longest text a [`BYLINE_START`] byline may have; longer ones are
/// sentences ("By 2030 the city ..."). A byline with its date and section
/// ("Von Ann Lee am 07.08.2013 um 09:07 Uhr gespeichert unter Kultur") runs
/// to about 70.
pub const PREFIXED_BYLINE_MAX_CHARS: usize = 80;

/// Class/id fragments that disqualify a byline candidate: author bios,
/// "more by this author" boxes, avatars, picture credits and licences,
/// customer testimonials.
pub static NOT_BYLINE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"bio|avatar|image|img|photo|more|related|social|follow|twitter|desc|about|box|(?:^|[\s_-])card|widget|comment|licen[cs]e|credit|caption|testimonial")
        .expect("valid regex")
});

/// Class/id fragments of regions whose dates and authors are not the
/// article's: comments, sidebars, related-story lists, footers.
pub static FOREIGN_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"comment|disqus|repl(y|ies)|sidebar|related|recirc|more-?stories|most-?popular|trending|footer|widget|rail|recommend|promo|newsletter|(?:^|[\s_-])nav")
        .expect("valid regex")
});

/// Class/id fragments of a foreign region that, inside an `<article>`, is
/// the article's own box (its footer, its sidebar of credits and dates).
pub static ARTICLE_BOX_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"sidebar|footer").expect("valid regex"));

/// ...unless it also names one of these: other stories, comments, promotion
/// (the rest of [`FOREIGN_REGION`]).
pub static NOT_ARTICLE_BOX_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"comment|disqus|repl(y|ies)|related|recirc|more-?stories|most-?popular|trending|widget|rail|recommend|promo|newsletter")
        .expect("valid regex")
});

/// RDFa `property` values of an element whose `content` is the publication
/// date (Drupal writes `schema:dateCreated` and `dc:date` on spans).
pub static RDFA_DATE_PROPERTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s:])(?:datePublished|dateCreated)(?:\s|$)|^dc:date$|dcterms:(?:issued|created)",
    )
    .expect("valid regex")
});

/// Class/id fragments of visible date elements.
pub static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"publish|date|time|posted|pubdate|dateline|datum|meta|byline").expect("valid regex")
});

/// Class/id fragments of date elements that give the modification date.
pub static MODIFIED_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"modif|updat|edited|aktualisiert").expect("valid regex"));

/// Elements that start a new part of a byline element's text (see
/// `Dom::text_parts`): a name, a date and a job title in boxes of their own.
pub const BYLINE_PART_TAGS: &[&str] = &[
    "div",
    "p",
    "li",
    "time",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "ul",
    "ol",
    "dd",
    "dt",
    "address",
    "figure",
    "figcaption",
];

/// The most characters a visible byline element may hold.
pub const BYLINE_MAX_CHARS: usize = 200;

/// How many ancestors we look at when asking whether an element sits in a
/// foreign region (comments, sidebar).
pub const ANCESTOR_SCAN_LIMIT: usize = 40;

/// Titles that name no article: a page whose metadata title is one of these
/// takes its headline from the content's first heading.
pub const GENERIC_TITLES: &[&str] = &[
    "home",
    "homepage",
    "startseite",
    "blog",
    "news",
    "index",
    "aktuelles",
    "start",
    "untitled",
    "accueil",
    "inicio",
];

/// Title parts that label a section of any site, never a headline; they
/// go like a site name (WordPress themes write "Site » Blog Archive »
/// Post", German ones "Blog Archiv").
pub const GENERIC_TITLE_PARTS: &[&str] = &["blog archive", "blog archiv"];

/// The longest headline taken from a content heading.
pub const MAX_TITLE_CHARS: usize = 250;

/// Class/id fragments of an element that holds exactly the author's name
/// (microformats `author vcard`, `fn`, a class token `author` or
/// `author-name`), where a lowercase handle is a name. The class and id are
/// joined by a space, so a token ends at a space as well as at the end.
pub static AUTHOR_MARK_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"vcard|(?:^|\s)fn(?:\s|$)|(?:^|[\s_-])author(?:\s|$|[_-]name)")
        .expect("valid regex")
});

/// How many nodes after the first `<h1>` we look for a date standing alone
/// (trafilatura's htmldate looks at the header area the same way).
pub const HEADLINE_DATE_WINDOW: usize = 400;

/// A date standing alone at most this many nodes above the headline (a
/// kicker line, "21. Jan 2022 // Ann Lee") is taken before one found more
/// than [`FAR_BELOW_HEADLINE`] nodes below it (in teasers after a short
/// article).
pub const JUST_ABOVE_HEADLINE: usize = 10;

/// See [`JUST_ABOVE_HEADLINE`].
pub const FAR_BELOW_HEADLINE: usize = 40;

/// A date standing alone is at least this long ("1.2.2020")...
pub const HEADLINE_DATE_MIN_CHARS: usize = 6;

/// ...and at most this long ("Veröffentlicht am 26. Januar 2022, 10:00 Uhr").
pub const HEADLINE_DATE_MAX_CHARS: usize = 60;

/// A numeric date opening a paragraph, followed by a space or a dash: a
/// dateline (see `visible::dateline`).
pub static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})",
        // A written-out month only in brackets, as press releases set it
        // ("(21. November 2022) The ..."): bare, it opens a sentence about
        // that day.
        r"|\(((?:\d{1,2}\.?\s+\p{L}{3,}\.?|\p{L}{3,}\.?\s+\d{1,2},?)\s+(?:19|20)\d{2})\))",
        r"\s*(?:[-–—|:]\s)?\s*\S"
    ))
    .expect("valid regex")
});

/// A numeric date opening a title, before a separator.
pub static TITLE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\s*[|:–—-]\s")
        .expect("valid regex")
});

/// A label before a date that is not the article's: a member's sign-up
/// date in a forum or comment profile ("Registriert: 18.09.2008", "Joined:
/// March 2010", "Mitglied seit").
pub static JOINED_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)registriert|mitglied seit|dabei seit|joined|member since|registered")
        .expect("valid regex")
});

/// The most nodes under the parent of a date standing alone whose text is
/// read for a label ([`MODIFIED_TEXT`], [`JOINED_TEXT`]) in a sibling
/// element (`<dd><strong>Registriert:</strong> 18.09.2008</dd>`).
pub const DATE_LABEL_MAX_NODES: usize = 6;

/// Text that announces a modification date, not the publication date.
pub static MODIFIED_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)updated|modified|aktualisiert|geändert|last edit|mis à jour|actualizado")
        .expect("valid regex")
});

/// Headings that announce what follows the article: related stories,
/// recommendations, author bios (trafilatura's and Readability's
/// "related"/"more" boilerplate, as it reads in English, German, French,
/// Spanish and Italian).
pub static END_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:related( articles| stories| coverage| posts| content)?|read (more|next|also)|",
        r"more (from|on|stories|news|about)\b.*|you (may|might) (also )?(like|enjoy)\b.*|recommended( for you)?|",
        r"most (popular|read)|trending( now)?|about the author|über (den|die) autor(in)?|",
        r"(das )?könnte (dich|sie) auch interessieren.*|auch interessant.*|mehr zum thema.*|",
        r"weitere (artikel|beiträge|nachrichten|news|tourentipps).*|",
        r"ähnliche (artikel|beiträge|nachrichten|themen).*|verwandte (links|artikel|themen)|",
        r"weiterführende (links|artikel).*|empfohlene beiträge|beiträge zum thema|",
        r"aktuelle (news|nachrichten|artikel)|weiterlesen|lesen sie (auch|mehr)|zum weiterlesen|",
        r"explore further|see also|further reading|noch mehr .{0,30}|",
        r"à lire aussi|lire aussi|sur le même sujet|noticias relacionadas|te puede interesar|",
        r"leggi anche|articoli correlati|tags?|schlagwörter)[\s:.!…]*$"
    ))
    .expect("valid regex")
});

/// An [`END_MARKER`] followed by this many headed sections (a heading, then
/// a paragraph of at least [`SECTION_PROSE_CHARS`]) heads a box of links
/// inside the article, not the end of it; listicles put such boxes between
/// their sections (one section could be a teaser with its excerpt).
pub const SECTIONS_AFTER_INLINE_BOX: usize = 2;

/// See [`SECTIONS_AFTER_INLINE_BOX`]: a paragraph of prose, longer than a
/// teaser's excerpt line.
pub const SECTION_PROSE_CHARS: usize = 200;

/// The longest paragraph that can be an [`END_MARKER`].
pub const END_MARKER_MAX_CHARS: usize = 60;

/// An [`END_MARKER`] cuts the body only after this share of its text, so a
/// "Related" box at the top never swallows the article.
pub const END_MARKER_MIN_SHARE: f64 = 0.5;

/// Short lines that are picture credits: an agency or photo library name
/// with little else ("AFP / Jane Doe", "Foto: Getty Images").
pub static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^.{0,40}\b(?:getty ?images|afp|imago|picture[- ]alliance|shutterstock|istock(?:photo)?|",
        r"bestimage|keystone|epa|ap photo|reuters|dpa|unsplash|pixabay|adobe ?stock)\b.{0,40}$"
    ))
    .expect("valid regex")
});

/// Class/id fragments of an article's standfirst (lead, intro, teaser,
/// summary, excerpt, abstract, deck): the paragraph under the headline that
/// sums the story up. Pages put it in the `<header>` or in a box that the
/// boilerplate patterns remove ("teaser"), before the body container; it is
/// part of the article (trafilatura's evaluation expects it).
pub static LEAD_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[\s_-])(?:lead|intro|teaser|summary|excerpt|abstract|standfirst|dek|deck|",
        r"sub-?title|subline|hero-?_*text)"
    ))
    .expect("valid regex")
});

/// The body's opening paragraphs looked at for a standfirst the page
/// declares as its summary (see `body::Body::opening_apart`).
pub const OPENING_PARAGRAPHS: usize = 3;

/// A declared summary this short (in letters and digits) is not matched
/// against the body's opening paragraphs.
pub const MIN_DECLARED_OPENING_CHARS: usize = 12;

/// Elements that may hold a standfirst marked by [`LEAD_CLASS`].
pub const LEAD_TAGS: &[&str] = &["p", "div", "section", "h2", "span"];

/// Class/id fragments of a region whose text is never the standfirst even
/// when it sits before the body: other stories, promotion, comments, the
/// site's own header and its notices (cookies, sticky bars), and the
/// article header's captions, bylines and dates.
pub static NOT_LEAD_REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"related|recirc|recommend|more-?stories|popular|trending|newsletter|promo|sidebar|",
        r"cookie|consent|gdpr|banner|notice|infobar|sticky|popup|modal|overlay|masthead|",
        r"site-?header|top-?bar|toolbar|search|login|",
        r"rail|widget|comment|slider|carousel|(?:^|[\s_-])(?:nav|menu)|caption|credit|byline|",
        r"author|dateline|(?:^|[\s_-])(?:date|time|meta)(?:$|[\s_-])|",
        // A picture's description and a player's details (duration,
        // availability) stand beside a standfirst, and a subscription
        // offer before it: none of them is one.
        r"image|picture|photo|foto|figure|media|video|player|subscri|paywall|premium"
    ))
    .expect("valid regex")
});

/// How many ancestors of the best-scored candidate may hold its standfirst
/// (the `<article>` that holds both the header and the body is one to six
/// levels up on the pages we looked at).
pub const LEAD_SCOPE_LEVELS: usize = 6;

/// How many nodes before the best-scored candidate an `<h1>` may stand for
/// the standfirst search to start after it.
pub const LEAD_HEADLINE_WINDOW: usize = 300;

/// A standfirst has at least this many characters (longer than a byline
/// and date line in the header).
pub const LEAD_MIN_CHARS: u32 = 60;

/// The most characters of standfirst taken (one or two paragraphs).
pub const LEAD_MAX_CHARS: u32 = 1200;

/// The longest line that [`TAIL_MAX_LINES`] trimming drops from the end of
/// the body when it ends no sentence (a label, a widget title, a loader).
pub const TAIL_LINE_MAX_CHARS: usize = 60;

/// A call to action that ends the body: follow us, get our app or
/// newsletter, subscribe, log in to comment, support us (in English,
/// German and Spanish, as the test pages write them). A paragraph that
/// ends a quotation is the article's, whatever words it holds.
pub static CALL_TO_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:follow|folge[nt]?|s[ií]gue(?:nos)?|[uú]nete|join us|download|descarga|",
        r"subscri(?:be|ber)|suscr[ií]b|abonnier|newsletter|postfach|inbox|sign up|log in|",
        r"einloggen|anmelden|registrieren|support us|help us|unterstütze|hazte|",
        r"canal de|our channel|unseren? kanal)"
    ))
    .expect("valid regex")
});

/// Closing quotation marks.
pub const QUOTE_END: &[char] = &['"', '”', '»', '«', '’', '“'];

/// The longest [`CALL_TO_ACTION`] paragraph trimmed from the end.
pub const TAIL_CALL_MAX_CHARS: usize = 250;

/// The most lines trimmed from the end of the body.
pub const TAIL_MAX_LINES: usize = 3;

/// Trimming the tail always leaves at least this many paragraphs.
pub const TAIL_MIN_KEPT: usize = 3;

/// Characters that end a sentence (or a quoted or bracketed one).
pub const SENTENCE_END: &[char] = &[
    '.', '!', '?', '…', '"', '\'', '“', '”', '»', '«', '’', ')', ']', '。', '！', '？',
];

/// How many paragraphs at the top of the body may repeat the header
/// (headline, byline).
pub const HEADER_LINES: usize = 5;

/// The longest line at the top of the body dropped as a byline when it
/// names an author.
pub const BYLINE_LINE_MAX_CHARS: usize = 100;

/// When this many other candidates score within [`ALTERNATIVE_SHARE`] of the
/// top one and share an ancestor with it, the article is split across them
/// and the ancestor is taken (Readability: 3).
pub const MIN_ALTERNATIVES: usize = 3;

/// See [`MIN_ALTERNATIVES`] (Readability: 0.75).
pub const ALTERNATIVE_SHARE: f64 = 0.75;

/// The top candidate climbs to its parent while the parent holds no more
/// than this share of extra text (a wrapper div around the article)...
pub const CLIMB_SLACK_SHARE: f64 = 0.1;

/// ...plus this many characters (a date line, a label).
pub const CLIMB_SLACK_CHARS: f64 = 20.0;

/// How many levels above the top candidate a declared article body
/// ([`CONTENT_CONTAINER`], `itemprop=articleBody`) is looked for; the
/// paragraphs' parent sits up to six levels inside it on the trafilatura
/// pages we looked at (quoted sections, abstracts, live-blog entries).
pub const DECLARED_BODY_LEVELS: usize = 6;

/// The top candidate grows to that declared body when it holds at least
/// this share of its text (most of it: the rest is the article's own
/// paragraphs beside the candidate, not a page around it).
pub const DECLARED_BODY_SHARE: f64 = 0.5;

/// A sibling container joins the body only with at least this many commas
/// (prose, not a list of links).
pub const SIBLING_MIN_COMMAS: u32 = 2;

/// A heading that is almost all link text is a teaser title, not a subhead.
pub const HEADING_MAX_LINK_DENSITY: f64 = 0.9;

/// The longest title part that can be a site name.
pub const MAX_SITE_NAME_CHARS: usize = 40;

/// The visible `<h1>` replaces a metadata title that contains it when it is
/// at least this share of it (the rest is a kicker or a site suffix).
pub const KICKER_H1_SHARE: f64 = 0.4;

/// Page-chrome tags that are kept when they hold the article (the declared
/// body, or [`PROTECT_PARAGRAPH_CHARS`] of paragraph text).
pub const CHROME_TAGS: &[&str] = &["aside", "header"];

/// A body shorter than this (characters) is extracted again without the
/// class-based pruning, and the longer result wins.
pub const MIN_BODY_CHARS: usize = 50;

/// A single `<h1>` shorter than this is a label ("News"), not a headline.
pub const MIN_H1_TITLE_CHARS: usize = 10;

/// A single `<h1>` replaces the metadata title only with at least this many
/// words of three letters or more...
pub const MIN_H1_WORDS: usize = 3;

/// ...and when at least this share of them are in the metadata title.
pub const H1_WORD_OVERLAP: f64 = 0.5;
