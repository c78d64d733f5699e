//! Plain-text copies of articles: find the headline, standfirst, byline,
//! outlet and stated date, and keep the article text without the page
//! furniture around it.
//!
//! Two shapes are handled. The simple one is "headline, blank line, body"
//! (the BBC corpus): the first line is the title and everything after it is
//! the body, with nothing stripped but the few line patterns that never occur
//! in article prose. The other is a browser's copy of a web page: navigation
//! lines at the top with the headline among them, a byline, photo captions,
//! "RELATED:" links and newsletter plugs inside the text, an author bio and a
//! footer at the end. There the body is the densest run of long lines, the
//! headline is searched backwards from it, and boilerplate lines are dropped
//! by the patterns in [`rules`]. Every pattern and threshold lives in that
//! module, with a note on what it is for; nothing here knows any site.

use std::sync::LazyLock;

use regex::Regex;

use super::authors::{clean_name, split_byline, ROLE_WORD};
use super::date::{parse_date, Published};
use super::{Draft, ExtractError};

/// The heuristics, as data.
mod rules {
    use std::sync::LazyLock;

    use regex::Regex;

    /// A line is "long" (article prose rather than a menu entry or a button)
    /// when it has at least this many words...
    pub const LONG_LINE_WORDS: usize = 12;
    /// ...or at least this many characters (scripts without spaces).
    pub const LONG_LINE_CHARS: usize = 90;
    /// A long line counts as prose when it ends like a sentence, or
    /// whatever its end when it has at least this many words.
    pub const PROSE_ANY_END_WORDS: usize = 40;
    /// Two long lines belong to the same body when at most this many
    /// non-empty short lines separate them (subheads, list items, a caption).
    pub const MAX_GAP_LINES: usize = 8;
    /// A line ending like a sentence with at least this many words is a
    /// one-line paragraph (the opening of a "headline, blank, body" text).
    pub const SHORT_SENTENCE_WORDS: usize = 4;
    /// Opening lines that, all separated by blank lines after a title-like
    /// first line, mark the "headline, blank line, body" shape even when the
    /// first paragraphs are short (a match report's venue, date, referee).
    pub const SIMPLE_SPACED_LINES: usize = 6;
    /// The prose under a headline is continued to the page's main run of
    /// prose when at most this many lines separate them.
    pub const MAX_SPLIT_LINES: usize = 60;
    /// The body is continued into a later run of prose across at most this
    /// many lines when they read as article text (see `continue_body`)...
    pub const CONTINUE_MAX_GAP_LINES: usize = 40;
    /// ...each of at least this many words (menus are one-word labels).
    pub const CONTINUE_MIN_WORDS: usize = 2;
    /// After the last run of prose, up to this many more lines that are
    /// sentences of at least [`TAIL_MIN_WORDS`] words close the article.
    pub const TAIL_MAX_LINES: usize = 3;
    /// See [`TAIL_MAX_LINES`]; shorter closing lines are too often a
    /// site's tag line (5 and 6 let some in on the textdumps set).
    pub const TAIL_MIN_WORDS: usize = 8;
    /// The main run is the first one at least this share of the largest.
    pub const MAIN_RUN_SHARE: f64 = 0.5;
    /// The headline search stops after this many short lines in a row
    /// (a menu), walking up from the body.
    pub const TITLE_WINDOW: usize = 25;
    /// Lines below a headline candidate looked at for a byline, a date and
    /// the start of the prose.
    pub const TITLE_LOOKAHEAD: usize = 10;
    /// Only a line of at least this many words gains from being repeated
    /// on the page (menus repeat their short labels).
    pub const REPEAT_MIN_WORDS: usize = 4;
    /// A candidate found inside another, longer line ("Headline | Site",
    /// "Share: Headline", a trail ending in it) is the page's headline
    /// repeated, when that line is at most this many bytes longer (a long
    /// paragraph quoting a short phrase is no repeat)...
    pub const REPEAT_INSIDE_MAX_EXTRA: usize = 60;
    /// ...and gains this much, a little more than a whole-line repeat
    /// (tuned on the textdumps set: 2.0 to 3.0 all help, 2.5 most).
    pub const REPEAT_INSIDE_BONUS: f64 = 2.5;
    /// A candidate with prose this many non-empty lines above it is a
    /// subheading inside the article.
    pub const SUBHEAD_LOOKBEHIND: usize = 3;
    /// Lines above the headline searched for a byline or date.
    pub const HEADER_ABOVE: usize = 4;
    /// Bylines are short; a longer line starting "Von der ..." is a headline.
    pub const BYLINE_MAX_WORDS: usize = 8;
    /// A byline may follow the lead paragraph: the first this many
    /// non-empty lines of the body are searched when the header has none.
    pub const BYLINE_IN_BODY_LINES: usize = 6;
    /// Date lines are short; a longer line with a date is a headline.
    pub const DATE_LINE_MAX_WORDS: usize = 6;
    /// A headline rarely ends with a full stop; a standfirst often does.
    pub const SENTENCE_PENALTY: f64 = 2.0;
    /// Lines between a headline and its prose that cost nothing: a
    /// standfirst, a byline and a date are usual; the rest is a penalty.
    pub const FREE_BETWEEN: usize = 1;
    /// Lines either side of the headline searched for a date line when
    /// none stands between headline and prose.
    pub const DATE_NEAR: usize = 60;
    /// Such a date line is short: a date, a name, a label or two.
    pub const DATE_NEAR_MAX_WORDS: usize = 12;
    /// A caption (a credit mark inside the line) is no headline.
    pub const CAPTION_PENALTY: f64 = 3.0;
    /// A line that is only a person's name (and role) is a byline.
    pub const NAME_PENALTY: f64 = 3.0;
    /// A line that is only a person's name right under a longer title-like
    /// line is the byline of that headline, not a headline itself.
    pub const NAME_UNDER_TITLE_PENALTY: f64 = 3.0;
    /// A row of at least this many codes of at most [`CODE_MAX_CHARS`]
    /// letters ("DE FR IT EN") is a switch, not a headline.
    pub const CODE_ROW_MIN: usize = 4;
    /// See [`CODE_ROW_MIN`].
    pub const CODE_MAX_CHARS: usize = 3;
    /// A line of labels separated by bars or bullets is a menu.
    pub const MENU_PENALTY: f64 = 2.0;
    /// A short line in capitals right above a longer title-like line is a
    /// kicker (a rubric over the headline).
    pub const KICKER_PENALTY: f64 = 3.0;
    /// When the best candidate is a long line (a standfirst) and the line
    /// just above it is a shorter candidate scoring at most this much less,
    /// that shorter line is the headline and the long one its standfirst.
    pub const DEK_ABOVE_MARGIN: f64 = 1.0;
    /// A run of prose that ends at most this many lines before the page's
    /// main run leads into it (an intro or a lead paragraph split from the
    /// body by an image or a box): its headline heads the article too.
    pub const LEADS_INTO_MAIN_LINES: usize = 30;
    /// A candidate scoring at or below this is no headline at all.
    pub const TITLE_MIN_SCORE: f64 = 0.0;
    /// A headline has at most this many words and characters.
    pub const TITLE_MAX_WORDS: usize = 30;
    /// See [`TITLE_MAX_WORDS`].
    pub const TITLE_MAX_CHARS: usize = 250;
    /// A standfirst is a sentence of at least this many words...
    pub const DEK_MIN_WORDS: usize = 5;
    /// ...and at most this many characters.
    pub const DEK_MAX_CHARS: usize = 400;
    /// Bylines, date lines and credits are short; longer lines are prose.
    pub const META_LINE_MAX_CHARS: usize = 160;
    /// A photo caption above a credit line is at most this long.
    pub const CAPTION_MAX_CHARS: usize = 300;

    fn re(pattern: &str) -> Regex {
        Regex::new(pattern).expect("valid regex")
    }

    /// A line that is only a host name ("example.com"): a site's name
    /// printed above its menu, not the headline of a simple text.
    pub static DOMAIN_LINE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$"));

    /// Lines that are buttons, labels or teasers, never a headline.
    pub static TITLE_JUNK: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)^(?:
            share\b | comments?\b | \d+\s+comments? | credit | photo | image | video\b | watch\b | listen\b
          | menu\b | log\s*in | sign\s+(?:in|up) | subscribe | next\b | previous\b | prev\b | go\s+to\b | read\s+more
          | advertisement | follow\b | posted\b | related\b | more\s+from | from\s+the\s+section | your\s+video
          | home\b | search\b | newsletter | cookie | privacy | terms\b | contact\b | about\s+us
          | sie\s+sind\s+hier | you\s+are\s+here | (?:aktualisiert|updated|zuletzt\s+aktualisiert)\s*:
          | continue\s+reading | (?:seite\s+)?drucken | print\b | vorlesen | antworten$ | schreibe\s+eine | reply\b | zurück\b | back\s+to\b
        )")
    });

    /// Words that mark a line as site furniture wherever they stand in it:
    /// among them a comment counter ("12 comments", "75 with 51 posters"),
    /// the placeholder a page shows for a hidden e-mail address, "follow us
    /// on" links and notes that the browser is not supported.
    pub static JUNK_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:cookies?|datenschutz\w*|privacy|impressum|newsletter|über\s+uns|about\s+us|wer\s+ist\s+online|unsupported|javascript|anklicken|click\s+here|inbox|postfach|druckansicht|creative[-\s]commons|filed\s+to|(?:wurde|was)\s+(?:kopiert|copied)|warenkorb|add\s+to\s+(?:cart|basket)|min\.?\s+read|lesezeit|lesedauer|reading\s+time|tempo\s+di\s+lettura|tiempo\s+de\s+lectura|temps\s+de\s+lecture|(?:is|are)\s+(?:sponsored|supported|funded)\s+by|external\s+links?|klicken\s+sie|suche|durchsuchen|search|foto|photo|email\s+protected|(?:besucht|besuche|folgt|folge)\s+(?:uns|mir)\s+auf|follow\s+(?:us|me)\s+on|nicht\s+(?:mehr\s+)?unterstützt|not\s+(?:longer\s+)?supported|\d+\s+(?:kommentare?|comments?|antworten|replies|posters))\b|@|https?://|[›»>→]\s*$|\s[›»>]\s|^[‹<←]\s|^«\s[^»]*$",
        )
    });

    /// Timestamps and dates the date parser does not take (two-digit
    /// years, no year): "19.10.19, 08:16 Uhr", "18. September um 08:37".
    pub static DATE_TIME_ISH: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b\d{1,2}[:.]\d{2}\s*(?:uhr|am|pm|h)?\b.*$|^\W*\d{1,2}\.\d{1,2}\.\d{4}|^\W*\d{1,2}\.\d{1,2}\.\d{2}\b|\d{4}-\d{2}-\d{2}|^\W*\d{1,2}\.?\s*(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])\p{L}*\.?\s+\d{4}|^\W*(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])\p{L}*\.?\s+\d{1,2},?\s+\d{4}|\bvor\s+\d+\s+(?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
        )
    });

    /// The separators of a breadcrumb trail ("Home » News » Headline",
    /// "Forum>Phones>Headline", "Home / Essays / 2017 / Headline").
    pub const BREADCRUMB_SEPARATORS: [&str; 4] = ["»", "›", ">", " / "];
    /// A line is a breadcrumb trail when one separator occurs at least
    /// this often (a headline may hold one "/" or ">").
    pub const BREADCRUMB_MIN_SEPARATORS: usize = 2;

    /// The first step of a trail, after which one separator suffices:
    /// "Home » Headline", "Search: Home › Headline".
    pub static BREADCRUMB_ROOT: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:home|homepage|start|startseite|accueil|inicio)\s*$"));

    /// Marks of a photo caption or credit anywhere in a line: a caption
    /// sits between headline and prose and must not win the headline.
    pub static CAPTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)©|\((?:foto|photo|bild|image|archiv\w*|symbolbild|illustration)\b|\b(?:foto|photo|bild|image|credit)s?\s*:|\bgetty\s*images\b|\bmedia\s*caption|\bimage\s*caption|\bimage\s+copyright\b|/\s*(?:afp|reuters|dpa|epa|ap|getty)\b",
        )
    });

    /// Lines that are page furniture wherever they appear: skip links,
    /// "RELATED:" teasers ("Lea también:", "À lire aussi"), newsletter
    /// plugs, share buttons.
    pub static DROP_LINE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)^(?:
            (?:skip|jump)\s+to\s+(?:main\s+)?(?:content|navigation|main|article|search)\b
          | skip\s+navigation | zum\s+inhalt\s+springen | aller\s+au\s+contenu
          | related\s*: | read\s+(?:more|also)\s*: | see\s+also\s*: | also\s+read\s*: | more\s*: | mehr\s+zum\s+thema\s*:
          | (?:share|teilen)(?:\s+(?:on|this|via)\b.*)?$
          | lea(?:\s+(?:también|más))?\s*: | (?:auch\s+lesen|lesen\s+sie\s+auch|weiterlesen)\s*:?$
          | à\s+lire\s+aussi | pour\s+approfondir | también\s+te\s+puede\s+interesar
          | teilen\s+sie\s+dies\s+mit | (?:diese[rns]?\s+)?(?:geschichte|artikel|beitrag)\s+teilen$
          | advertisement$ | anzeige$ | werbung$
        )")
    });

    /// Lines that close an article without being prose: rights notices,
    /// paywall prompts, links to the previous or next article, a web address (a photo
    /// credit such as "Ann Lee/photos.example.org").
    pub static CLOSING_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)rechte\s+vorbehalten|rights\s+reserved|lesen\s+sie\s+weiter|weiterlesen|keep\s+reading|^(?:vorherige[rs]?|nächste[rs]?|previous|next)\s*(?:artikel|beitrag|post|article|story)|\w\.[a-z]{2,4}(?:/|\s|$)",
        )
    });

    /// Newsletter plugs: "For more ... sign up for our daily newsletter."
    /// Only short lines, so prose that mentions a newsletter is kept.
    pub static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?:sign\s+up|subscribe|register|abonnieren|anmelden)\b.{0,80}\b(?:newsletter|inbox|e-?mail updates)",
        )
    });

    /// Lines after which nothing belongs to the article: tag lists, the
    /// "Filed Under" block, comment sections, "related articles" and "you
    /// may also like" headings (in English and German, the languages of
    /// most pages seen; other wordings were tried and cost real text).
    pub static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)^(?:
            filed\s+under | tags\s*: | topics\s*: | schlagworte\s*:
          | (?:\d+\s+)?comments?$ | leave\s+a\s+(?:comment|reply) | kommentare?\s*:?$
          | hinterlasse\s+(?:jetzt\s+)?(?:einen\s+kommentar|eine\s+antwort)
          | related\s+(?:articles|stories|posts|coverage)$ | more\s+(?:from|stories|on\s+this)\b.{0,40}$
          | (?:ähnliche|verwandte|weitere)\s+(?:artikel|beiträge|themen|news|nachrichten)$
          | mehr\s+zum\s+thema$ | (?:das\s+)?könnte\s+(?:sie|dich)\s+(?:auch\s+)?interessieren
          | about\s+the\s+author$
        )")
    });

    /// Photo credits: an agency or "Photo:" marker on a short line.
    pub static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)(?:
            \bgetty\s*images\b | \bshutterstock\b | \bistock(?:photo)?\b | \bap\s+photo\b
          | \bvia\s+(?:reuters|afp|ap)\b | /\s*(?:afp|reuters|ap|epa|dpa|getty)\b
          | ^(?:photo|photograph|image|picture|credit|foto|bild)s?\s*(?:by\b|:|credit)
          | ^\(?(?:photo|foto)\s*[:/] | ^©
        )")
    });

    /// A byline: "By Ann Lee", "Von Anna Müller", "Author: ...", and the
    /// same after a publishing verb or a date: "Posted in News by Ann Lee",
    /// "Veröffentlicht am 3. März 2020 von Ann", "October 19, 2019 by Ann".
    pub static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        re(concat!(
            r"(?i)^[-–—/\s]*(?:(?:by|von|par|por|durch|artikel\s+von|ein\s+beitrag\s+von|written\s+by|words\s+by|story\s+by|posted\s+by|author|autor|authors|autoren|auteurs?|redaktion\s*:|text(?:\s+von|\s*:)|(?:blog\s+)?beitrag\s+von)(?:\s*:)?\s+\S|(?-i:By\p{Lu})",
            r"|(?:posted|published|written|veröffentlicht|publiziert|geschrieben|verfasst|erstellt|eingestellt|gepostet|gespeichert|publicado|publié)\b.{0,60}?\s(?:by|von|por|par)\s+\S",
            r"|.{0,30}?\b\d{4}\s+(?:by|von)\s+\S)",
        ))
    });

    /// A byline prefix alone on its line, the name on the next one.
    pub static BYLINE_ALONE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^(?:by|von|author|autor|written\s+by)\s*:?$"));

    /// The opening of an author bio: "<Name> is a writer ...".
    pub static BIO: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(.{3,60}?)\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:writer|journalist|reporter|editor|correspondent|columnist|contributor|author|producer|critic|freelancer)\b",
        )
    });

    /// Where a bio or a closing line names the outlet: "In addition to
    /// Best Life, she has written for ...".
    pub static OUTLET_BIO: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\bIn addition to (?:writing for )?((?:The )?\p{Lu}[\w&'.-]*(?:\s+\p{Lu}[\w&'.-]*){0,4}),\s+(?:she|he|they)\s+(?:has|have)\s+(?:also\s+)?(?:written|contributed|worked)",
        )
    });

    /// "<Outlet> has reached out to ... for comment" at the start of a line.
    pub static OUTLET_REACHED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^((?:The )?\p{Lu}[\w&'.-]*(?:\s+\p{Lu}[\w&'.-]*){0,4})\s+(?:has|have)\s+reached\s+out\b",
        )
    });

    /// Copyright lines: "© 2023 Outlet", "© Copyright 2006 - 2023 Outlet
    /// Inc.", "© Outlet 2016-2020".
    pub static OUTLET_COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?([^.|,©]{2,60}?)\s*(?:,?\s*(?:inc|llc|ltd|gmbh|ag|plc)\b\.?)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:[.|,].*|all\s+rights\s+reserved.*)?$",
        )
    });
}

/// Tokens that are read as words when counting (any run without spaces).
fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_long(s: &str) -> bool {
    word_count(s) >= rules::LONG_LINE_WORDS || s.chars().count() >= rules::LONG_LINE_CHARS
}

/// Ends like a sentence (a headline usually does not).
fn ends_like_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', '»', '«', ')']);
    s.ends_with(['.', '…'])
}

/// A line that could be a headline: a few words, not a sentence of prose,
/// not a byline or a date line.
fn title_like(s: &str) -> bool {
    let words = word_count(s);
    let chars = s.chars().count();
    (words >= 2 || chars >= 12)
        && words <= rules::TITLE_MAX_WORDS
        && chars <= rules::TITLE_MAX_CHARS
        && !ends_like_sentence(s)
        && !s.ends_with(':')
        && s.chars().any(char::is_alphabetic)
        && !rules::BYLINE.is_match(s)
        && !is_date_line(s)
}

/// A line the headline search considers in a page copy: looser than
/// [`title_like`] (one word, a final full stop, a date inside a longer
/// headline are all possible), the score sorts them out.
fn headline_candidate(s: &str) -> bool {
    let words = word_count(s);
    (1..=rules::TITLE_MAX_WORDS).contains(&words)
        && s.chars().count() <= rules::TITLE_MAX_CHARS
        && !s.ends_with(':')
        && s.chars().any(char::is_alphabetic)
        && !(words <= rules::BYLINE_MAX_WORDS && rules::BYLINE.is_match(s))
        && !(words <= rules::DATE_LINE_MAX_WORDS && is_date_line(s))
}

/// The last step of a breadcrumb trail ("Home » News » Headline" gives
/// "Headline"), where a page's trail ends in its headline; any other line
/// as it is.
fn breadcrumb_tail(line: &str) -> &str {
    rules::BREADCRUMB_SEPARATORS
        .iter()
        .find(|sep| {
            let n = line.matches(**sep).count();
            n >= rules::BREADCRUMB_MIN_SEPARATORS
                || (n == 1
                    && line
                        .split(**sep)
                        .next()
                        .is_some_and(|root| rules::BREADCRUMB_ROOT.is_match(root)))
        })
        .and_then(|sep| line.rsplit(*sep).next())
        .map(str::trim)
        .filter(|tail| tail.chars().any(char::is_alphabetic))
        .unwrap_or(line)
}

/// A line of short codes in one case: "DE FR IT EN", "ab cd ef gh".
fn is_code_row(line: &str) -> bool {
    let mut n = 0;
    let (mut upper, mut lower) = (true, true);
    for w in line.split_whitespace() {
        let len = w.chars().count();
        if !(2..=rules::CODE_MAX_CHARS).contains(&len) || !w.chars().all(char::is_alphabetic) {
            return false;
        }
        upper &= !w.chars().any(char::is_lowercase);
        lower &= !w.chars().any(char::is_uppercase);
        n += 1;
    }
    n >= rules::CODE_ROW_MIN && (upper || lower)
}

fn is_date_line(s: &str) -> bool {
    s.chars().count() <= rules::META_LINE_MAX_CHARS && parse_date(s).is_some()
}

fn is_credit(s: &str) -> bool {
    s.chars().count() <= rules::META_LINE_MAX_CHARS && rules::CREDIT.is_match(s)
}

/// Trims a line, including the byte-order mark and zero-width characters
/// that copies from browsers carry.
fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}')
    })
}

/// What the header area (above the body) told us.
#[derive(Default)]
struct Header {
    authors: Vec<String>,
    published: Option<Published>,
}

/// Extracts a draft from a plain-text copy of an article.
pub fn extract(text: &str) -> Result<Draft, ExtractError> {
    // Soft hyphens are invisible hints for line breaking; copies keep them
    // inside words, where they break matching.
    let text: std::borrow::Cow<str> = if text.contains('\u{ad}') {
        text.replace('\u{ad}', "").into()
    } else {
        text.into()
    };
    let lines: Vec<&str> = text.lines().map(trim_line).collect();
    let nonempty: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let Some(&first) = nonempty.first() else {
        return Err(ExtractError::NoArticle("the text is empty".into()));
    };
    if is_simple_shape(&lines, &nonempty) {
        return Ok(simple(&lines, first));
    }
    Ok(page(&lines))
}

/// "Headline, blank line, body": the first line is title-like, a blank line
/// follows it, and the next paragraph is prose or at least a full sentence
/// (a page copy starts with a menu or a skip link instead).
fn is_simple_shape(lines: &[&str], nonempty: &[usize]) -> bool {
    let (Some(&first), Some(&second)) = (nonempty.first(), nonempty.get(1)) else {
        return false;
    };
    let head = lines[first];
    let next = lines[second];
    // Every paragraph on one line with blank lines between them: a text
    // written as paragraphs, not a copy of a page's many short lines.
    let one_line_paragraphs = || {
        nonempty.windows(2).all(|w| w[1] > w[0] + 1) && nonempty.iter().any(|&i| is_long(lines[i]))
    };
    // An archive dump whose opening lines are all blank-separated (a
    // headline, then fixture details such as a venue and a date) is still
    // the simple shape; a page copy has its menu lines packed together.
    let blank_separated_start = || {
        nonempty.len() > rules::SIMPLE_SPACED_LINES
            && nonempty[..=rules::SIMPLE_SPACED_LINES]
                .windows(2)
                .all(|w| w[1] > w[0] + 1)
    };
    title_like(head)
        && !rules::DOMAIN_LINE.is_match(head)
        && !is_dropped(head)
        && second > first + 1
        && (is_long(next)
            || (ends_with_terminal(next) && word_count(next) >= rules::SHORT_SENTENCE_WORDS)
            || one_line_paragraphs()
            || blank_separated_start())
}

fn simple(lines: &[&str], first: usize) -> Draft {
    let mut d = Draft {
        title: Some(breadcrumb_tail(lines[first]).to_string()),
        ..Draft::default()
    };
    let rest = &lines[first + 1..];
    let (body, bio) = strip_body(rest, true);
    d.body = body;
    finish_meta(&mut d, rest, rest, bio);
    d
}

/// A browser's copy of a page.
fn page(lines: &[&str]) -> Draft {
    let mut d = Draft::default();
    let dropped: Vec<bool> = lines.iter().map(|l| is_dropped(l)).collect();
    let runs = prose_runs(lines, &dropped);
    let Some(main) = main_run(&runs) else {
        // No prose at all: keep what there is, the first title-like line as headline.
        d.title = lines
            .iter()
            .find(|l| title_like(l) && !is_dropped(l))
            .map(|l| l.to_string());
        let (body, _) = strip_body(lines, false);
        d.body = body;
        return d;
    };
    let title_at = find_title(lines, &dropped, &runs, main);
    // The article is the run of prose below the headline, continued to the
    // main run when that follows (an image or a code block split them).
    let (mut start, main_end) = match title_at.and_then(|t| runs.iter().find(|r| r.start > t)) {
        Some(r)
            if r.start <= main.start
                && main.start.saturating_sub(r.end) <= rules::MAX_SPLIT_LINES =>
        {
            (r.start, main.end)
        }
        Some(r) => (r.start, r.end),
        None => (main.start, main.end),
    };
    // A standfirst under the headline: the article starts after it, and
    // the byline and date lines between the two belong to the header.
    if let Some(t) = title_at {
        d.title = Some(breadcrumb_tail(lines[t]).to_string());
        let next = (t + 1..lines.len()).find(|&i| !lines[i].is_empty());
        if let Some(n) = next {
            if is_dek(lines, n, start, main_end) {
                d.dek = Some(lines[n].to_string());
                if n == start {
                    start = (n + 1..lines.len())
                        .find(|&i| is_prose(lines[i], dropped[i]))
                        .unwrap_or(n + 1)
                        .min(main_end.max(n + 1));
                }
            }
        }
    }
    let mut header = Header::default();
    let header_from = title_at.map_or(start.saturating_sub(rules::TITLE_WINDOW), |t| t + 1);
    read_header(&lines[header_from..start], &mut header);
    // A byline or date just above the headline.
    if header.authors.is_empty() || header.published.is_none() {
        let mut above = Header::default();
        read_header(
            &lines[header_from.saturating_sub(rules::HEADER_ABOVE)..header_from],
            &mut above,
        );
        if header.authors.is_empty() {
            header.authors = above.authors;
        }
        if header.published.is_none() {
            header.published = above.published;
        }
    }
    // No date in the header: the nearest short date line to the headline
    // (a dateline under a photo, a "published" line in a side column).
    if header.published.is_none() {
        let anchor = title_at.unwrap_or(start);
        let near =
            anchor.saturating_sub(rules::DATE_NEAR)..(anchor + rules::DATE_NEAR).min(lines.len());
        let mut order: Vec<usize> = near.collect();
        order.sort_by_key(|&i| i.abs_diff(anchor));
        header.published = order.into_iter().find_map(|i| {
            let l = lines[i];
            (word_count(l) <= rules::DATE_NEAR_MAX_WORDS && !l.is_empty())
                .then(|| parse_date(l))
                .flatten()
        });
    }
    // A bare name line between headline and body is a byline without "By".
    if header.authors.is_empty() {
        header.authors.extend(
            lines[header_from..start]
                .iter()
                .find(|l| is_name_line(l))
                .and_then(|l| clean_name(l)),
        );
    }
    // A byline under the lead paragraph ("von Anna Müller" after the
    // intro): the first few lines of the body, short lines only.
    if header.authors.is_empty() {
        header.authors = lines[start..]
            .iter()
            .filter(|l| !l.is_empty())
            .take(rules::BYLINE_IN_BODY_LINES)
            .filter(|l| word_count(l) <= rules::BYLINE_MAX_WORDS && rules::BYLINE.is_match(l))
            .map(|l| byline_names(l))
            .find(|names| !names.is_empty())
            .unwrap_or_default();
    }
    let end = continue_body(lines, &runs, main_end.max(start));
    // The footer starts at the first footer marker after the body begins;
    // the body runs to the last long line before it (exclusive bounds).
    let footer = (start..lines.len())
        .find(|&i| rules::FOOTER.is_match(lines[i]))
        .unwrap_or(lines.len())
        .max(start + 1)
        .min(lines.len());
    let body_end = (end + 1).clamp(start.min(footer), footer);
    let start = start.min(body_end);
    let (body, bio) = strip_body(&lines[start..body_end], false);
    d.body = body;
    // An author bio just after the last long line is still looked at, for
    // the name and the outlet.
    let (_, tail_bio) = strip_body(&lines[body_end..footer], false);
    d.authors = header.authors;
    d.published = header.published;
    finish_meta(
        &mut d,
        &lines[start..footer],
        &lines[start..],
        bio.or(tail_bio),
    );
    d
}

/// The body goes on past the end of its run of prose into the next runs
/// when what separates them reads as article text too: a list, a table,
/// short lines of at least [`rules::CONTINUE_MIN_WORDS`] words, with no
/// furniture, date, credit or footer marker among them; and then over a
/// few closing sentences. Returns the new last line of the body.
fn continue_body(lines: &[&str], runs: &[Run], run_end: usize) -> usize {
    let mut end = run_end;
    for r in runs.iter().filter(|r| r.start > run_end) {
        if r.start - end > rules::CONTINUE_MAX_GAP_LINES {
            break;
        }
        let text_between = lines[end + 1..r.start].iter().all(|l| {
            l.is_empty() || (word_count(l) >= rules::CONTINUE_MIN_WORDS && article_like(l))
        });
        if !text_between {
            break;
        }
        end = r.end;
    }
    // Closing sentences too short to count as prose ("The full report is
    // linked below.") still end the article.
    let mut taken = 0;
    for (i, l) in lines.iter().enumerate().skip(end + 1) {
        if taken == rules::TAIL_MAX_LINES {
            break;
        }
        if l.is_empty() {
            continue;
        }
        if !(word_count(l) >= rules::TAIL_MIN_WORDS
            && ends_with_terminal(l)
            && l.chars().count() <= rules::CAPTION_MAX_CHARS
            && article_like(l)
            && !rules::BYLINE.is_match(l)
            && !rules::BIO.is_match(l))
        {
            break;
        }
        end = i;
        taken += 1;
    }
    end
}

/// A line that may belong to the article's text: no furniture, date,
/// credit, caption or footer marker.
fn article_like(l: &str) -> bool {
    !is_dropped(l)
        && !is_credit(l)
        && !rules::FOOTER.is_match(l)
        && !rules::TITLE_JUNK.is_match(l)
        && !rules::JUNK_ANYWHERE.is_match(l)
        && !rules::DATE_TIME_ISH.is_match(l)
        && !rules::CAPTION_MARK.is_match(l)
        && !rules::CLOSING_FURNITURE.is_match(l)
        && parse_date(l).is_none()
}

/// A line of article prose: long, ending like a sentence (or very long),
/// and not a dropped or credit line. A long headline or a menu flattened
/// into one line does not end like a sentence.
fn is_prose(line: &str, dropped: bool) -> bool {
    !dropped
        && is_long(line)
        && (ends_with_terminal(line) || word_count(line) >= rules::PROSE_ANY_END_WORDS)
        && !is_credit(line)
}

/// Ends with sentence punctuation, in any script, allowing closing quotes.
fn ends_with_terminal(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', '»', '«', ')', ']']);
    s.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '؟', '।'])
}

/// The first line below the headline is a standfirst when it is one short
/// sentence-like line that is not a byline, date or credit, and prose
/// follows it.
fn is_dek(lines: &[&str], n: usize, start: usize, main_end: usize) -> bool {
    let line = lines[n];
    let words = word_count(line);
    let sentences = line.matches(['.', '!', '?']).count();
    n <= start
        && n < main_end
        && words >= rules::DEK_MIN_WORDS
        && line.chars().count() <= rules::DEK_MAX_CHARS
        && (sentences <= 1 || line.contains("..."))
        && !is_dropped(line)
        && !is_credit(line)
        && !is_date_line(line)
        && !rules::BYLINE.is_match(line)
}

/// A line that is only a person's name: two or three capitalized words.
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && line.chars().count() <= 40
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
        })
        && !rules::TITLE_JUNK.is_match(line)
        && !rules::JUNK_ANYWHERE.is_match(line)
        && clean_name(line).is_some()
}

/// Byline and date lines between the headline and the body.
fn read_header(lines: &[&str], header: &mut Header) {
    let mut prefix_alone = false;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        if line.chars().count() > rules::META_LINE_MAX_CHARS {
            prefix_alone = false;
            continue;
        }
        if prefix_alone && header.authors.is_empty() {
            header.authors.extend(clean_name(line));
        }
        prefix_alone = rules::BYLINE_ALONE.is_match(line);
        if prefix_alone {
            continue;
        }
        if rules::BYLINE.is_match(line) && header.authors.is_empty() {
            header.authors = byline_names(line);
        }
        if header.published.is_none() {
            header.published = parse_date(line);
            // "Dan Goodin - Apr 16, 2015": a name before the date.
            if header.published.is_some() && header.authors.is_empty() {
                header.authors.extend(name_beside_date(line));
            }
        }
    }
}

/// Scores every title-like line followed closely by prose and returns the
/// best. The signals, and their weights, are in [`title_score`].
fn find_title(lines: &[&str], dropped: &[bool], runs: &[Run], main: Run) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    let mut scores: Vec<(f64, usize)> = Vec::new();
    let mut next_run = 0;
    for (i, line) in lines.iter().enumerate() {
        if i > main.end {
            break;
        }
        while next_run < runs.len() && runs[next_run].start <= i {
            next_run += 1;
        }
        let Some(run) = runs.get(next_run) else { break };
        if line.is_empty() || dropped[i] || !headline_candidate(line) || is_credit(line) {
            continue;
        }
        // Lines between the candidate and the prose below it; share
        // buttons and other dropped lines do not count.
        let between = (i + 1..run.start)
            .filter(|&k| !lines[k].is_empty() && !dropped[k])
            .count();
        if between > rules::TITLE_LOOKAHEAD {
            continue;
        }
        let score = title_score(lines, i, between, run, main);
        scores.push((score, i));
        if best.map_or(true, |(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    // A long best line under a shorter, nearly as good candidate is the
    // standfirst of the headline above it.
    if let Some((best_score, b)) = best {
        let above = (0..b).rev().find(|&k| !lines[k].is_empty());
        let shorter = above.and_then(|p| scores.iter().find(|c| c.1 == p).copied());
        if let Some((score, p)) = shorter {
            if score > best_score - rules::DEK_ABOVE_MARGIN
                && score > rules::TITLE_MIN_SCORE
                && is_long(lines[b])
                && word_count(lines[b]) >= rules::DEK_MIN_WORDS
                && word_count(lines[p]) < word_count(lines[b])
            {
                best = Some((score, p));
            }
        }
    }
    best.filter(|(s, _)| *s > rules::TITLE_MIN_SCORE)
        .map(|(_, i)| i)
}

/// How much the line at `i` looks like the headline of the prose `run`
/// that starts `between` non-empty lines below it.
fn title_score(lines: &[&str], i: usize, between: usize, run: &Run, main: Run) -> f64 {
    let line = lines[i];
    let words = word_count(line);
    let mut score = match words {
        0 | 1 => -2.0,
        2 => -0.5,
        3 => 1.0,
        4..=20 => 2.0,
        _ => 1.0,
    };
    // Headlines start with a capital (or a digit or quote), menus often not.
    if line.chars().next().is_some_and(|c| !c.is_lowercase()) {
        score += 0.5;
    }
    if rules::TITLE_JUNK.is_match(line) || rules::JUNK_ANYWHERE.is_match(line) {
        score -= 3.0;
    }
    if ends_like_sentence(line) {
        score -= rules::SENTENCE_PENALTY;
    }
    if rules::DATE_TIME_ISH.is_match(line) {
        score -= 3.0;
    }
    if rules::CAPTION_MARK.is_match(line) {
        score -= rules::CAPTION_PENALTY;
    }
    // A name with a role ("Ann Lee Education editor") is a byline. A bare
    // name cannot be told from a two-noun German headline, so it stays.
    if words <= rules::BYLINE_MAX_WORDS
        && ROLE_WORD.is_match(line)
        && line
            .split_whitespace()
            .take(2)
            .all(|w| w.starts_with(char::is_uppercase))
    {
        score -= rules::NAME_PENALTY;
    }
    // Several labels in a row ("Home | News | Sport") are a menu.
    if line.matches(" | ").count() >= 2 || line.matches(" • ").count() >= 2 {
        score -= rules::MENU_PENALTY;
    }
    // A row of codes ("DE FR IT EN", "abc def gh"): language or section
    // switches, in one case, no word longer than a code.
    if is_code_row(line) {
        score -= rules::MENU_PENALTY;
    }
    // A line in capitals over a longer title-like line is its kicker.
    let below = lines[i + 1..].iter().find(|l| !l.is_empty());
    if line.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !line.chars().any(char::is_lowercase)
        && below.is_some_and(|b| title_like(b) && word_count(b) > words)
    {
        score -= rules::KICKER_PENALTY;
    }
    // A bare name under a longer title-like line: the byline of that line.
    let above = lines[..i].iter().rev().find(|l| !l.is_empty());
    if is_name_line(line) && above.is_some_and(|a| title_like(a) && word_count(a) > words) {
        score -= rules::NAME_UNDER_TITLE_PENALTY;
    } else if is_name_line(line)
        && below.is_some_and(|b| {
            b.chars().count() <= rules::META_LINE_MAX_CHARS && parse_date(b).is_some()
        })
    {
        // A bare name over a date line: the byline of a header block.
        score -= rules::NAME_PENALTY;
    }
    // Prose just above means the line is a subheading inside the article.
    let above_prose = lines[..i]
        .iter()
        .rev()
        .filter(|l| !l.is_empty())
        .take(rules::SUBHEAD_LOOKBEHIND)
        .any(|l| is_prose(l, false));
    if above_prose {
        score -= 2.5;
    }
    // The page repeats its headline (breadcrumb, footer, share text);
    // menus repeat short labels too, so only a real phrase counts.
    if words >= rules::REPEAT_MIN_WORDS {
        if lines.iter().enumerate().any(|(j, l)| j != i && *l == line) {
            score += 2.0;
        } else if lines.iter().any(|l| {
            l.len() > line.len()
                && l.len() <= line.len() + rules::REPEAT_INSIDE_MAX_EXTRA
                && l.contains(line)
        }) {
            score += rules::REPEAT_INSIDE_BONUS;
        }
    }
    // A byline or a date right below (after at most a standfirst).
    let mut others = 0;
    for l in lines[i + 1..run.start].iter().filter(|l| !l.is_empty()) {
        if l.chars().count() <= rules::META_LINE_MAX_CHARS
            && (rules::BYLINE.is_match(l)
                || rules::BYLINE_ALONE.is_match(l)
                || parse_date(l).is_some())
        {
            score += 3.0;
            break;
        }
        others += 1;
        if others > 1 {
            break;
        }
    }
    score -= 0.5 * between.saturating_sub(rules::FREE_BETWEEN) as f64;
    // The more prose follows, the likelier it is the article's headline;
    // the page's biggest run is most often the article.
    score += 0.5 * ((run.chars as f64) / 300.0).ln().clamp(-2.0, 3.0);
    let leads_into_main = run.start < main.start
        && main.start.saturating_sub(run.end) <= rules::LEADS_INTO_MAIN_LINES;
    if run.start == main.start || leads_into_main {
        score += 1.5;
    }
    score
}

fn is_dropped(line: &str) -> bool {
    rules::DROP_LINE.is_match(line)
        || (line.chars().count() <= rules::META_LINE_MAX_CHARS && rules::NEWSLETTER.is_match(line))
}

/// The article's run of prose: the first run at least
/// [`rules::MAIN_RUN_SHARE`] the size of the largest (comments and footers
/// come after the article and are sometimes longer).
fn main_run(runs: &[Run]) -> Option<Run> {
    let largest = runs.iter().map(|r| r.chars).max()?;
    runs.iter()
        .copied()
        .find(|r| r.chars as f64 >= rules::MAIN_RUN_SHARE * largest as f64)
}

/// A run of prose lines: first and last line index, and its size in chars.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    chars: usize,
}

/// The runs of long lines, two long lines being in one run when at most
/// [`rules::MAX_GAP_LINES`] short lines separate them.
fn prose_runs(lines: &[&str], dropped: &[bool]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut gap = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || dropped[i] {
            continue;
        }
        if is_prose(line, false) {
            let chars = line.chars().count();
            match runs.last_mut() {
                Some(r) if gap <= rules::MAX_GAP_LINES => {
                    r.end = i;
                    r.chars += chars;
                }
                _ => runs.push(Run {
                    start: i,
                    end: i,
                    chars,
                }),
            }
            gap = 0;
        } else {
            gap += 1;
        }
    }
    runs
}

fn byline_names(line: &str) -> Vec<String> {
    // "ByAlex Bozarjian": a copy that lost the space after "By".
    let spaced;
    let line = match line.strip_prefix("By") {
        Some(rest) if rest.starts_with(char::is_uppercase) => {
            spaced = format!("By {rest}");
            spaced.as_str()
        }
        _ => line,
    };
    split_byline(line)
}

static NAME_DATE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—|•·/]\s+|,\s+").expect("valid regex"));

/// The end of a year inside a date line ("... 2019 Ann Lee").
static YEAR_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{4}\b").expect("valid regex"));

/// A name beside the date on a date line: before it, "Dan Goodin - Apr
/// 16, 2015", "Ann Lee / 22.04.2020", "Ann Lee 1 day ago"; or, when the
/// line starts with the date, the two capitalized words after it,
/// "16. April 2015 Ann Lee Kultur", "Apr 16, 2015 | Ann Lee".
fn name_beside_date(line: &str) -> Option<String> {
    name_before_date(line).or_else(|| name_after_date(line))
}

fn name_before_date(line: &str) -> Option<String> {
    let head = NAME_DATE_SEP.split(line).next()?;
    // Without a separator the name runs to the first digit.
    let head = match head.find(|c: char| c.is_ascii_digit()) {
        Some(d) => head[..d].trim_end(),
        None => head,
    };
    if head.len() == line.len() || head.is_empty() || parse_date(head).is_some() {
        return None;
    }
    let words = word_count(head);
    if !(2..=4).contains(&words) || ROLE_WORD.is_match(head) {
        return None;
    }
    clean_name(head)
}

fn name_after_date(line: &str) -> Option<String> {
    let year = YEAR_END.find_iter(line).last()?;
    // The date opens the line: a few words at most before its year.
    if !line.starts_with(|c: char| c.is_alphanumeric()) || word_count(&line[..year.start()]) > 4 {
        return None;
    }
    let rest = line[year.end()..]
        .trim_start_matches(|c: char| c.is_whitespace() || "|/·•,-–—:".contains(c));
    let words: Vec<&str> = rest.split_whitespace().take(2).collect();
    if words.len() < 2
        || !words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
        })
    {
        return None;
    }
    let name = words.join(" ");
    if rules::TITLE_JUNK.is_match(&name)
        || rules::JUNK_ANYWHERE.is_match(&name)
        || ROLE_WORD.is_match(&name)
    {
        return None;
    }
    clean_name(&name)
}

/// A bio found at the end of the body: the author's name and the text.
struct Bio {
    name: Option<String>,
    text: String,
}

/// Drops boilerplate lines from a run of lines and joins the rest into a
/// body. `strict` keeps everything but the line patterns that never occur
/// in prose (for the simple shape). Returns the body and any author bio.
fn strip_body(lines: &[&str], strict: bool) -> (String, Option<Bio>) {
    let mut keep: Vec<bool> = lines.iter().map(|l| !l.is_empty()).collect();
    let mut bio: Option<Bio> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if is_dropped(line) {
            keep[i] = false;
            continue;
        }
        if is_credit(line) {
            keep[i] = false;
            // The caption sits right above its credit, in the same paragraph.
            if i > 0
                && !lines[i - 1].is_empty()
                && lines[i - 1].chars().count() <= rules::CAPTION_MAX_CHARS
            {
                keep[i - 1] = false;
            }
            continue;
        }
        if let Some(c) = rules::BIO.captures(line) {
            let subject = c.get(1).map_or("", |m| m.as_str());
            let above = if i > 0 { lines[i - 1] } else { "" };
            // "Lia Beck\nLia Beck is a writer ...": a name line above its bio.
            let named_above = !above.is_empty() && above == subject;
            // Prose can say "X is a writer" too; a bio is at the end or has its name above.
            let at_end = lines[i + 1..].iter().all(|l| l.is_empty() || !is_long(l));
            if named_above || at_end {
                keep[i] = false;
                if named_above {
                    keep[i - 1] = false;
                }
                bio = Some(Bio {
                    name: clean_name(subject),
                    text: line.to_string(),
                });
                if !strict {
                    // Everything after a bio is the page's footer.
                    keep[i..].iter_mut().for_each(|k| *k = false);
                    break;
                }
            }
        }
    }
    let mut body = String::new();
    let mut prev_kept = false;
    for (i, line) in lines.iter().enumerate() {
        if !keep[i] {
            if line.is_empty() || !prev_kept {
                prev_kept = false;
            }
            continue;
        }
        if !body.is_empty() {
            // Lines of one paragraph stay together; a blank line or a
            // dropped line between them starts a new paragraph.
            body.push_str(if prev_kept && i > 0 && !lines[i - 1].is_empty() {
                "\n"
            } else {
                "\n\n"
            });
        }
        body.push_str(line);
        prev_kept = true;
    }
    (body, bio)
}

/// Fills author and outlet from the bio and closing lines when the header
/// did not give them; `page_end` runs from the body to the end of the page,
/// past the footer marker, for the copyright line.
fn finish_meta(d: &mut Draft, lines: &[&str], page_end: &[&str], bio: Option<Bio>) {
    if let Some(bio) = &bio {
        if d.authors.is_empty() {
            d.authors.extend(bio.name.clone());
        }
        if let Some(c) = rules::OUTLET_BIO.captures(&bio.text) {
            d.outlet = c.get(1).map(|m| m.as_str().to_string());
        }
    }
    if d.outlet.is_none() {
        d.outlet = lines.iter().rev().find_map(|l| {
            rules::OUTLET_REACHED
                .captures(l)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
                .filter(|o| !d.authors.iter().any(|a| a.contains(o.as_str())))
        });
    }
    if d.outlet.is_none() {
        // The copyright line closes the page, below any footer marker.
        d.outlet = page_end.iter().rev().take(40).find_map(|l| {
            if l.chars().count() > rules::META_LINE_MAX_CHARS {
                return None;
            }
            rules::OUTLET_COPYRIGHT
                .captures(l)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().trim().to_string())
                .filter(|o| o.chars().any(char::is_alphabetic))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Skip to content\n\nWhy the Mayor Walked Out of the Budget Talks, Aides Say\n\n\
        The talks had run for nine hours... until one number came up.\n\n\
        During the final session of the budget talks, the mayor listened to the council's proposals for almost an hour before he stood up and left the room without a word to anyone present.\n\n\
        RELATED: The Ten Best Parks in the City—Ranked by Readers.\n\n\
        Aides said the mayor had warned the council a week earlier that he would not accept any cut to the fire service, and that the proposal crossed that line.\n\n\
        The mayor at a press conference in the city hall in 2021\n\
        JANE DOE/CITY PRESS via Getty Images\n\n\
        The Daily Ledger has reached out to the mayor's office for comment on the talks.\n\n\
        For more city news delivered right to your inbox, sign up for our daily newsletter.\n\n\
        Sam Reed\n\
        Sam Reed is a writer living in Leeds. In addition to The Daily Ledger, she has written for several papers. Read more\n\
        Filed Under";

    #[test]
    fn a_page_copy_yields_its_parts() {
        let d = extract(PAGE).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Why the Mayor Walked Out of the Budget Talks, Aides Say")
        );
        assert_eq!(
            d.dek.as_deref(),
            Some("The talks had run for nine hours... until one number came up.")
        );
        assert_eq!(d.authors, ["Sam Reed"]);
        assert_eq!(d.outlet.as_deref(), Some("The Daily Ledger"));
        assert!(d.published.is_none());
        assert!(d.body.starts_with("During the final session"), "{}", d.body);
        assert!(d.body.ends_with("for comment on the talks."), "{}", d.body);
        for gone in [
            "Skip to",
            "RELATED",
            "sign up",
            "Filed Under",
            "is a writer",
            "JANE DOE",
            "press conference",
        ] {
            assert!(!d.body.contains(gone), "{gone:?} left in {}", d.body);
        }
    }

    #[test]
    fn headline_blank_body_keeps_everything_after_the_headline() {
        let text = "Bank raises rates again\n\nThe central bank raised its main interest rate by a quarter point on Thursday, the third rise this year.\n\nAnalysts had expected the move.\n";
        let d = extract(text).expect("draft");
        assert_eq!(d.title.as_deref(), Some("Bank raises rates again"));
        assert!(d.dek.is_none());
        assert!(d.authors.is_empty());
        assert_eq!(
            d.body,
            "The central bank raised its main interest rate by a quarter point on Thursday, the third rise this year.\n\nAnalysts had expected the move."
        );
    }

    #[test]
    fn a_headline_starting_with_by_is_no_byline() {
        // Regression: "Byrds" matched the glued-byline pattern "ByName".
        let text = "Byrds producer dies at 62\n\nThe record producer, who was behind hits by the Byrds and others, has died aged 62.\n";
        let d = extract(text).expect("draft");
        assert_eq!(d.title.as_deref(), Some("Byrds producer dies at 62"));
        assert!(d.authors.is_empty());
    }

    #[test]
    fn a_short_first_paragraph_is_body_not_dek() {
        let text = "Club sacks striker\n\nThe club has sacked its striker.\n\nThe 25-year-old failed a test last month and was banned for seven months by the league.\n";
        let d = extract(text).expect("draft");
        assert_eq!(d.title.as_deref(), Some("Club sacks striker"));
        assert!(d.dek.is_none());
        assert!(d.body.starts_with("The club has sacked its striker."));
    }

    #[test]
    fn navigation_byline_and_date_above_the_body() {
        let text = "Home\nNews\nSport\nWeather\nCity council approves new harbour bridge\nThe vote ends a decade of argument.\nBy Ann Lee and Bo Park\nMarch 3, 2021\nShare\n\nThe city council voted on Tuesday to approve the new harbour bridge, ending a decade of argument over its cost and its route.\n\nConstruction is due to start next spring and should take four years, officials said at a briefing.\n\nAbout us\nContact\n";
        let d = extract(text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("City council approves new harbour bridge")
        );
        assert_eq!(
            d.dek.as_deref(),
            Some("The vote ends a decade of argument.")
        );
        assert_eq!(d.authors, ["Ann Lee", "Bo Park"]);
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            Some("2021-03-03")
        );
        assert!(d.body.starts_with("The city council voted"));
        assert!(d.body.ends_with("officials said at a briefing."));
    }

    /// A page copy: menu, `header` lines under the headline, then two
    /// paragraphs of prose, with `in_body` after the first one.
    fn page_with(header: &str, in_body: &str) -> String {
        format!(
            "Home\nNews\nSport\nWeather\nCity council approves new harbour bridge\n{header}\n\n\
             The city council voted on Tuesday to approve the new harbour bridge, ending a decade of argument over its cost and its route.\n\n\
             {in_body}\n\n\
             Construction is due to start next spring and should take four years, officials said at a briefing on Wednesday.\n"
        )
    }

    #[test]
    fn bylines_after_a_verb_or_a_date_name_the_author() {
        for header in [
            "Posted in Local News by Ann Lee on March 3, 2021",
            "March 3, 2021 by Ann Lee",
            "Veröffentlicht am 3. März 2021 von Ann Lee",
            "by Ann Lee @annlee March 3, 2021: 12:41 PM ET",
            "von Ann Lee · 3. März 2021",
            "// By Ann Lee • Mar 3, 2021",
            "Blog Beitrag von Ann Lee",
            "Redaktion: Ann Lee",
        ] {
            let d = extract(&page_with(header, "")).expect("draft");
            assert_eq!(d.authors, ["Ann Lee"], "byline {header:?}");
        }
    }

    #[test]
    fn a_name_beside_the_date_is_the_author() {
        for (header, author) in [
            ("Ann Lee / 03.03.2021 / 06:15", "Ann Lee"),
            ("Ann Lee 3.3.2021, 15:07 Uhr", "Ann Lee"),
            ("3. März 2021 Ann Lee Kultur", "Ann Lee"),
            ("March 3, 2021 | Ann Lee", "Ann Lee"),
        ] {
            let d = extract(&page_with(header, "")).expect("draft");
            assert_eq!(d.authors, [author], "line {header:?}");
        }
        // Words after a date that are not a name give no author.
        let d = extract(&page_with("March 3, 2021 leave a comment", "")).expect("draft");
        assert!(d.authors.is_empty(), "{:?}", d.authors);
    }

    #[test]
    fn a_long_share_bar_does_not_hide_the_headline() {
        let share: String = [
            "Facebook",
            "Twitter",
            "Email",
            "WhatsApp",
            "Messenger",
            "LinkedIn",
        ]
        .iter()
        .map(|s| format!("Share this with {s}\n"))
        .collect::<String>()
        .repeat(2);
        let text = format!(
            "Home\nNews\nWorld\nTeaser about another story entirely\nHarbour bridge opens after ten years of work\n10 April 2020\n{share}\n\
             The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
             Thousands of people walked across it before the first cars were allowed on in the afternoon.\n"
        );
        let d = extract(&text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour bridge opens after ten years of work")
        );
        assert!(!d.body.contains("Share this"), "{}", d.body);
    }

    #[test]
    fn the_copyright_line_in_the_footer_names_the_outlet() {
        for (line, outlet) in [
            (
                "© Copyright 2006 - 2024 Harbour Times Inc.",
                "Harbour Times",
            ),
            ("© Harbour Times 2016-2020", "Harbour Times"),
            (
                "Copyright © 2021 Harbour Times. All rights reserved.",
                "Harbour Times",
            ),
        ] {
            let text = format!("{}Tags:\nBridges\nAbout us\n{line}\n", page_with("", ""));
            let d = extract(&text).expect("draft");
            assert_eq!(d.outlet.as_deref(), Some(outlet), "line {line:?}");
        }
    }

    #[test]
    fn a_breadcrumb_trail_ending_in_the_headline_gives_the_headline() {
        for trail in [
            "You are here: Home » Harbour » Bridge opens after ten years",
            "Forum>Harbour>Bridge opens after ten years",
            "Home / Harbour / 2021 / Bridge opens after ten years",
            "Search: Home » Bridge opens after ten years",
        ] {
            let text = format!(
                "{trail}\n\nThe new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n"
            );
            let d = extract(&text).expect("draft");
            assert_eq!(
                d.title.as_deref(),
                Some("Bridge opens after ten years"),
                "trail {trail:?}"
            );
        }
        // One separator is part of a headline.
        let d = extract("Fish and pain / a study\n\nThe study, run over three years, found that fish react to harm in ways that look a lot like pain.\n")
            .expect("draft");
        assert_eq!(d.title.as_deref(), Some("Fish and pain / a study"));
    }

    #[test]
    fn comment_counters_and_hidden_addresses_are_no_headline() {
        for junk in [
            "75 comments from 51 posters",
            "Wire service - [email protected]",
        ] {
            let text = format!(
                "Home\nNews\nHarbour bridge opens after ten years of work\n{junk}\nBy Ann Lee\n\n\
                 The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
                 Thousands of people walked across it before the first cars were allowed on in the afternoon.\n"
            );
            let d = extract(&text).expect("draft");
            assert_eq!(
                d.title.as_deref(),
                Some("Harbour bridge opens after ten years of work"),
                "line {junk:?}"
            );
        }
    }

    #[test]
    fn a_headline_repeated_inside_another_line_wins_over_a_teaser() {
        let text = "Home\nNews\nHarbour bridge opens after ten years of work\nA ferry timetable for the spring is out\nBy Ann Lee\n\n\
            The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
            Thousands of people walked across it before the first cars were allowed on in the afternoon.\n\n\
            About us\nHarbour bridge opens after ten years of work | Harbour Times\n";
        let d = extract(text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour bridge opens after ten years of work")
        );
    }

    #[test]
    fn codes_times_follow_links_and_browser_notes_are_no_headline() {
        // Each line scores as the headline does, and comes first.
        for junk in [
            "DE FR IT EN",
            "Erstellt: vor 4 Stunden",
            "Updated 3 hours ago",
            "Lesedauer: ca. 4 Minuten",
            "Besucht uns auf Youtube",
            "This browser is not supported",
        ] {
            let text = format!(
                "Home\nNews\n{junk}\nHarbour bridge finally opens\n\n\
                 The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
                 Thousands of people walked across it before the first cars were allowed on in the afternoon.\n"
            );
            let d = extract(&text).expect("draft");
            assert_eq!(
                d.title.as_deref(),
                Some("Harbour bridge finally opens"),
                "line {junk:?}"
            );
        }
    }

    #[test]
    fn german_comment_and_related_headings_end_the_body() {
        for heading in [
            "Hinterlasse einen Kommentar",
            "Kommentare:",
            "Das könnte Sie auch interessieren",
            "Ähnliche Artikel",
            "Mehr zum Thema",
        ] {
            let text = format!(
                "{}{heading}\nA teaser about another story entirely, which goes on for a while and then stops.\n",
                page_with("", "")
            );
            let d = extract(&text).expect("draft");
            assert!(
                d.body
                    .ends_with("officials said at a briefing on Wednesday."),
                "heading {heading:?}: {}",
                d.body
            );
        }
    }

    #[test]
    fn a_long_list_inside_the_article_does_not_end_the_body() {
        let list: String = (1..=10).map(|n| format!("{n} spans of steel\n")).collect();
        let menu: String = (1..=10).map(|n| format!("Section{n}\n")).collect();
        let closing = "The bridge will be lit every night until the end of the year, the council said on Friday.";
        for (gap, kept) in [(&list, true), (&menu, false)] {
            let text = format!(
                "Home\nNews\nHarbour bridge opens after ten years of work\n\n\
                 The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\
                 It is made of:\n{gap}\n{closing}\n"
            );
            let d = extract(&text).expect("draft");
            assert_eq!(d.body.contains(closing), kept, "{}", d.body);
        }
    }

    #[test]
    fn a_name_over_a_date_is_the_byline_not_the_headline() {
        let text = "Home\nNews\nAnn Lee\n12.03.2021 / 09:15\nHarbour bridge opens after ten years of work\n\n\
            The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n";
        let d = extract(text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour bridge opens after ten years of work")
        );
    }

    #[test]
    fn a_short_closing_sentence_ends_the_body() {
        let closing = "The full council report on the bridge is linked below.";
        let text = format!(
            "{}\n{closing}\n\nHarbour Times, news for the harbour.\n",
            page_with("", "")
        );
        let d = extract(&text).expect("draft");
        assert!(d.body.ends_with(closing), "{}", d.body);
        // A paywall prompt is no closing sentence.
        let text = format!(
            "{}\nChoose your plan now and keep reading the whole story today.\n",
            page_with("", "")
        );
        let d = extract(&text).expect("draft");
        assert!(!d.body.contains("keep reading"), "{}", d.body);
    }

    #[test]
    fn read_also_and_share_lines_in_other_languages_are_dropped() {
        for line in [
            "Lea también: Ferry fares to rise next spring",
            "Lesen Sie auch",
            "À lire aussi",
            "Teilen Sie dies mit:",
            "Diesen Artikel teilen",
        ] {
            let d = extract(&page_with("By Ann Lee", line)).expect("draft");
            assert!(d.body.starts_with("The city council voted"), "{}", d.body);
            assert!(!d.body.contains(line), "{line:?} in {}", d.body);
        }
    }

    #[test]
    fn a_byline_under_the_lead_paragraph_is_found() {
        let d = extract(&page_with("", "von Ann Lee")).expect("draft");
        assert_eq!(d.authors, ["Ann Lee"]);
        assert!(!d.body.contains("von Ann Lee"), "{}", d.body);
    }

    #[test]
    fn a_byline_under_the_standfirst_is_found() {
        let header = "The vote ends a decade of argument over the cost and the route of the crossing.\n\nPhoto\n\nBy Ann Lee\n\nMarch 3, 2021";
        let d = extract(&page_with(header, "")).expect("draft");
        assert_eq!(d.authors, ["Ann Lee"]);
    }

    #[test]
    fn dates_come_only_from_the_header() {
        let text = "Menu\nStory of the year\n\nThe festival, first held on 4 July 1976, returned this summer with more visitors than ever before and a new stage.\n";
        let d = extract(text).expect("draft");
        assert!(d.published.is_none());
    }

    #[test]
    fn a_date_line_away_from_the_headline_is_found() {
        // The date sits in a side column, several lines above the headline.
        let text = "Home\nNews\n12.03.21, 09:15 Uhr\nWeather\nSport\nCulture\nTravel\nHarbour bridge opens after ten years of work\nShare\n\nThe new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\nThousands of people walked across it before the first cars were allowed on in the afternoon.\n";
        let d = extract(text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour bridge opens after ten years of work")
        );
        assert_eq!(
            d.published.map(|p| p.day().to_string()).as_deref(),
            Some("2021-03-12")
        );
    }

    #[test]
    fn relative_times_are_no_dates() {
        let text = "Menu\nHarbour bridge opens after ten years of work\nvor 3 Tagen\n\nThe new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n";
        let d = extract(text).expect("draft");
        assert!(d.published.is_none());
    }

    #[test]
    fn a_footer_marker_inside_the_prose_ends_the_body() {
        // Regression: a footer line between two long lines once made the
        // body's end fall before its start and panicked on slicing.
        let long =
            "This sentence is long enough to count as prose. It is followed by another one here.";
        let text = format!("Menu\nA headline for the test\n\n{long}\nComments\n{long} Again.\n");
        let d = extract(&text).expect("draft");
        assert_eq!(d.body, long);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert!(extract("").is_err());
        assert!(extract("  \n\t\n ").is_err());
        assert!(extract("one line").is_ok());
        let huge = "word ".repeat(2_000_000);
        assert!(extract(&huge).is_ok());
        for s in [
            "\u{feff}\u{200b}",
            "é\u{301}\n\n\u{10ffff}",
            "\r\n\r\nx\r\n",
            "By\n\nBy",
            "©",
            "Lia Beck is a writer",
        ] {
            let _ = extract(s);
        }
    }

    #[test]
    fn the_seed_page() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/seed/000_302393db9f3fea9b.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {path} not found");
            return;
        };
        let d = extract(&text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Why Donald Trump Hung Up on Kim Kardashian, New Book Claims")
        );
        assert_eq!(d.authors, ["Lia Beck"]);
        assert_eq!(d.outlet.as_deref(), Some("Best Life"));
        assert!(d.published.is_none());
        assert_eq!(
            d.dek.as_deref(),
            Some("They were working together... until he took offense about two things.")
        );
        assert!(d.body.starts_with("During Donald Trump's presidency"));
        assert!(d.body.ends_with(
            "Best Life has reached out to Kardashian and Trump for comment on Karl's new book."
        ));
        for gone in [
            "Skip to content",
            "RELATED:",
            "For more celebrity news",
            "Filed Under",
            "Lia Beck is a writer",
            "MANDEL NGAN",
            "alongside Donald Trump in 2019",
        ] {
            assert!(!d.body.contains(gone), "{gone:?} left in body");
        }
    }
}
