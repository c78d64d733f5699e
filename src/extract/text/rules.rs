//! The heuristics of the plain-text extractor, as data: every pattern and
//! threshold, each with a note on what it is for.

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
/// A text with more than this many short lines stacked without a blank
/// line between them holds a menu, a cookie panel or a link list: it is a
/// page copy, whatever its first lines look like. Texts written as
/// "headline, blank line, body" put blank lines between paragraphs (at
/// most 7 short lines in a row among the BBC corpus's 2,225 files, a
/// list); page copies that open with a title-like line and a long one (a
/// cookie notice, a server warning) stack 20 to 130 menu lines.
pub const SIMPLE_MAX_STACKED_SHORT: usize = 12;
/// The prose under a headline is continued to the page's main run of
/// prose when at most this many lines separate them.
pub const MAX_SPLIT_LINES: usize = 60;
/// The body is continued into a later run of prose across at most this
/// many lines when they read as article text (see `continue_body`); a
/// long list, table or box of job ads splits an article this far. On the
/// textdumps set 60 found 2 more passages and 1 more title than 40, with
/// nothing lost; 80 and 120 changed nothing more...
pub const CONTINUE_MAX_GAP_LINES: usize = 60;
/// ...each of at least this many words (menus are one-word labels).
pub const CONTINUE_MIN_WORDS: usize = 2;
/// A recipe's ingredient line: a quantity and a unit at its start ("250
/// g Mehl", "1 TL Backpulver", "½ cup sugar", "2 cuillères à soupe"), in
/// the languages most pages are in.
/// Only a line starting with a digit or a fraction is matched against it
/// (see `is_ingredient`).
pub static INGREDIENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)^(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*[-–]\s*\d+(?:[.,/]\d+)?)?\s*
        (?:g|gr|kg|mg|ml|cl|dl|l|el|tl|msp|esslöffel|teelöffel|prisen?|pck\.?|päckchen|packung(?:en)?|becher|dosen?|dose/n
          |tassen?|stücke?|zehen?|bund|scheiben?|gramm
          |cups?|tbsp|tsp|tablespoons?|teaspoons?|oz|ounces?|lbs?|pounds?|grams?|pinch(?:es)?|cloves?|cans?|slices?|handful
          |cuillères?|pincées?|gousses?|cucharadas?|cucharaditas?|tazas?|gramos|pizcas?|dientes?)\b",
    )
});
/// Between two runs of prose, at least this many ingredient lines make
/// the lines a recipe box (a list of ingredients under its one-word
/// headings, "Zutaten", "Zubereitung"): the body goes on over it.
pub const RECIPE_MIN_INGREDIENTS: usize = 3;
/// A body ending in a line with a colon ("You will need:") goes on over
/// at most this many lines of the block it announces (a list, a table,
/// code); the block ends at its first blank line or furniture line.
pub const ANNOUNCED_MAX_LINES: usize = 40;
/// After the last run of prose, up to this many more lines that are
/// sentences of at least [`TAIL_MIN_WORDS`] words close the article.
pub const TAIL_MAX_LINES: usize = 3;
/// See [`TAIL_MAX_LINES`]; shorter closing lines are too often a
/// site's tag line (5 and 6 let some in on the textdumps set).
pub const TAIL_MIN_WORDS: usize = 8;
/// A headline may stand inside a run of prose when at most this many
/// prose lines of the run are above it (see `run_below`). On the
/// textdumps set title accuracy went from .655 to .685 with 1; 2 and 3
/// found fewer titles and cost body passages.
pub const RUN_HEAD_MAX_LINES: usize = 1;
/// Up to this many short sentences above the first long line open the
/// article (see `lead_start`)...
pub const LEAD_MAX_LINES: usize = 2;
/// ...each of at least this many words. On the textdumps set 2 lines of
/// 4 words found 2 more passages and let no unwanted one in; 8 words
/// found none, 3 lines or 2 words barely more.
pub const LEAD_MIN_WORDS: usize = 4;
/// The main run is the first one at least this share of the largest.
pub const MAIN_RUN_SHARE: f64 = 0.5;
/// The headline search stops after this many short lines in a row
/// (a menu), walking up from the body.
pub const TITLE_WINDOW: usize = 25;
/// Lines below a headline candidate looked at for a byline, a date and
/// the start of the prose.
pub const TITLE_LOOKAHEAD: usize = 10;
/// A candidate with a byline or date right below it (a header) may
/// stand this many lines of two words or more above the prose: a video
/// playlist or a gallery often follows the header...
pub const HEADER_LOOKAHEAD: usize = 40;
/// ...and those lines cost it as if there were at most this many. On the
/// textdumps set title accuracy went .691 -> .705 with 40 and 8 (and
/// author .359 -> .371); 30 and 8 gave .699, 30 and 5 .697.
pub const HEADER_BETWEEN_CAP: usize = 8;
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
/// Bonus for a candidate sharing a word with the file's name (a saved page
/// is named by its title or its url's slug). On the textdumps set, title
/// accuracy .599 without it, .621 at 1.0, .641 at 2.0, .655 at 3.0, .661
/// at 4.0; kept at 3.0 so that the name weighs like a repeat of the line,
/// not more than every other signal together.
pub const NAME_WORD_BONUS: f64 = 3.0;
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
/// A line under a byline, within this many short lines of it, belongs
/// to the byline (see `headline::under_byline`)...
pub const UNDER_BYLINE_LINES: usize = 3;
/// ...and loses this much as a headline, when it is as short as a role
/// or a button...
pub const UNDER_BYLINE_PENALTY: f64 = 4.0;
/// ...of at most this many words (a headline may follow the byline).
pub const UNDER_BYLINE_MAX_WORDS: usize = 4;
/// A bare name is a byline when a date or a time stands within this many
/// lines below it (a relative time, a button may come first).
pub const NAME_DATE_WITHIN: usize = 4;
/// A headline candidate that is itself a line of prose (see
/// `headline::headed_run`) loses this much: such a line under a headline
/// is its standfirst more often.
pub const PROSE_HEADLINE_PENALTY: f64 = 2.0;
/// A button or a handle under a byline ("Follow on X", "Email") has at
/// most this many words.
pub const BUTTON_MAX_WORDS: usize = 3;
/// A headline rarely ends with a full stop; a standfirst often does.
pub const SENTENCE_PENALTY: f64 = 2.0;

// The weights of `headline::title_score`, which adds them up for each
// headline candidate; the best candidate above [`TITLE_MIN_SCORE`] wins.
// Tuned on the textdumps set (where a note says so) and kept round.

/// What a candidate's word count says, as (at most this many words,
/// score): one word is rarely a headline, two seldom, three often, four
/// to twenty usually...
pub const WORDS_SCORE: &[(usize, f64)] = &[(1, -2.0), (2, -0.5), (3, 1.0), (20, 2.0)];
/// ...and more than twenty words is a long one, or a sentence.
pub const MANY_WORDS_SCORE: f64 = 1.0;
/// Headlines start with a capital (or a digit or a quote); menu entries
/// often do not.
pub const CAPITAL_START_BONUS: f64 = 0.5;
/// A button, a label or other furniture ([`TITLE_JUNK`], [`JUNK_ANYWHERE`]).
pub const FURNITURE_PENALTY: f64 = 3.0;
/// A timestamp the date parser does not take ([`DATE_TIME_ISH`]).
pub const DATE_TIME_PENALTY: f64 = 3.0;
/// Prose just above a candidate ([`SUBHEAD_LOOKBEHIND`]) makes it a
/// subheading inside the article.
pub const SUBHEAD_PENALTY: f64 = 2.5;
/// A phrase of at least [`REPEAT_MIN_WORDS`] words that the page repeats
/// whole (a breadcrumb, a footer, share text); see also
/// [`REPEAT_INSIDE_BONUS`].
pub const REPEAT_BONUS: f64 = 2.0;
/// A byline or a date right below the candidate (after at most a
/// standfirst): a header.
pub const HEADER_BONUS: f64 = 3.0;
/// The cost of each line beyond [`FREE_BETWEEN`] between a candidate and
/// the prose below it.
pub const BETWEEN_PENALTY: f64 = 0.5;
/// The more prose follows a candidate, the likelier it is the article's
/// headline: this weight times the natural log of the run's length in
/// units of [`RUN_LENGTH_UNIT_CHARS`] characters...
pub const RUN_LENGTH_WEIGHT: f64 = 0.5;
/// ...(a run of this many characters adds nothing)...
pub const RUN_LENGTH_UNIT_CHARS: f64 = 300.0;
/// ...with the log kept between this...
pub const RUN_LENGTH_LOG_MIN: f64 = -2.0;
/// ...and this.
pub const RUN_LENGTH_LOG_MAX: f64 = 3.0;
/// The page's main run (or a run leading into it) is most often the
/// article: its headline gains this.
pub const MAIN_RUN_BONUS: f64 = 1.5;
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
/// A name after a label of at most this many words and a colon
/// ("Protokoll: Ann Lee") credits a person and is no headline.
pub const NAME_LABEL_MAX_WORDS: usize = 2;
/// Words that start a short headline ("Im Schlepptau", "The Garden")
/// and never a person's name: articles and prepositions of the languages
/// most pages are in. A two-word line starting with one is no byline.
pub const NOT_NAME_STARTS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "im", "am", "zum", "zur", "vom",
    "beim", "auf", "aus", "mit", "nach", "über", "unter", "für", "the", "a", "an", "in", "on",
    "at", "of", "for", "with", "le", "la", "les", "un", "une", "el", "los", "las", "il",
];
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
/// The same holds for a subtitle on the very next line under a headline
/// at least as long (on the textdumps set: 4 more titles right, 1 lost;
/// without the length condition 5 more and 3 lost, kickers above their
/// headline).
pub const DEK_ABOVE_MARGIN: f64 = 1.0;
/// Such a subtitle has at least this many words: a shorter line under a
/// longer one is a short headline under a column's label ("The Comeback").
pub const SUBTITLE_MIN_WORDS: usize = 3;
/// A run of prose that ends at most this many lines before the page's
/// main run leads into it (an intro or a lead paragraph split from the
/// body by an image or a box): its headline heads the article too.
pub const LEADS_INTO_MAIN_LINES: usize = 30;
/// A table of contents lists at least this many of the subheadings below
/// it (two short lines repeated further down may be a menu's).
pub const CONTENTS_MIN_ENTRIES: usize = 3;
/// Bullets a table of contents may set before its entries.
pub const CONTENTS_BULLETS: &[char] = &['•', '·', '-', '–', '*', '▸', '►'];
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

/// Marks of a photo caption or credit anywhere in a line ("Bild via
/// ...", "Photo: ..."): a caption sits between headline and prose and
/// must neither win the headline nor open the body as a standfirst.
pub static CAPTION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)©|\((?:foto|photo|bild|image|archiv\w*|symbolbild|illustration)\b|\b(?:foto|photo|bild|image|credit)s?\s*:|\bgetty\s*images\b|\b(?:foto|photo|bild|image)s?\s+via\b|\bmedia\s*caption|\bimage\s*caption|\bimage\s+copyright\b|/\s*(?:afp|reuters|dpa|epa|ap|getty)\b",
    )
});

/// An ellipsis inside a standfirst, before more words: a teaser that breaks
/// off for suspense ("They met... then it ended."), not the article's
/// opening paragraph, even where prose follows it at once.
pub static TEASER_ELLIPSIS: LazyLock<Regex> = LazyLock::new(|| re(r"(?:\.\.\.|…)\s*\w"));

/// A sentence ending inside a line, the next one starting after it: "...
/// zu werden. Offenbar ist ...". A long line with one after the last run
/// of prose still closes the article when its own last stop was lost (a
/// headline is one sentence). As a test for all prose lines it let 17
/// unwanted passages in on the textdumps set, for no passage found.
pub static INNER_SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"\p{Ll}{2}[.!?]\s+\p{Lu}\p{Ll}+\s+\p{Ll}"));

/// Lines that are page furniture wherever they appear: skip links,
/// "RELATED:" teasers and their kin in other languages ("Lesen Sie auch:
/// ...", "Lees ook:", "Leggi anche:", "Lee también:", "À lire aussi"),
/// newsletter plugs, share buttons ("Share full article", "Partager",
/// "Condividi:", "Deel dit artikel"), advertisement markers however they
/// are worded ("SKIP ADVERTISEMENT", "Story continues below
/// advertisement", "Advertentie"), and links set between arrows (">>
/// Headline <<").
pub static DROP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:
        (?:skip|jump)\s+to\s+(?:main\s+)?(?:content|navigation|main|article|search|site\s+index)\b
      | skip\s+navigation | zum\s+inhalt\s+springen | aller\s+au\s+contenu(?:\s+principal)?$ | ir\s+al\s+contenido
      | related\s*: | read\s+(?:more|also)\s*: | see\s+also\s*: | also\s+read\s*: | more\s*: | mehr\s+zum\s+thema\s*:
      | (?:lea|lee)(?:\s+(?:también|además|más))?\s*: | (?:auch\s+lesen|lesen\s+sie\s+(?:auch|mehr)|weiterlesen|mehr\s+dazu)\s*(?::|$)
      | (?:à\s+)?lire\s+(?:aussi|également)\b | pour\s+approfondir | también\s+te\s+puede\s+interesar
      | leggi\s+(?:anche|pure)\s*: | lees\s+(?:ook|meer)\s*: | leia\s+(?:também|mais)\s*:
      | (?:share|teilen|partager|condividi|compartir|compartilhar|delen|deel)
          (?:\s+(?:on|this|via|full|dit|dieses|diesen|cet|cette|este|esta|questo|sur)\b.*)?\s*:?$
      | teilen\s+sie\s+dies\s+mit | (?:diese[rns]?\s+)?(?:geschichte|artikel|beitrag)\s+teilen$
      | (?:skip\s+)?(?:advertisement|anzeige|werbung|advertentie|publicidad|publicité|pubblicità|reclame)
          (?:\s*[-–—:]?\s*(?:scroll|continue|weiter|bitte|sigue|continua|lees\s+verder)\b.*)?$
      | (?:the\s+)?(?:story|article|text|content)\s+continues\s+(?:below|after)\b.*$
      | continue\s+reading\s+(?:below|the\s+main\s+story)\b.*$
      | >>.*<<$
    )")
});

/// A time stamp alone on its line ("14:32", "11h20", "10.42 Uhr",
/// "2:32pm"): a live blog's entry starts under it. Dropped wherever it
/// stands.
pub static TIME_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\d{1,2}(?:[:.h]\d{2}|\s*h)(?:\s*(?:uhr|[ap]\.?m\.?|gmt|bst|cet|cest|et|utc))?$")
});

/// Notes that close a story without being part of it, in the languages
/// most pages are in: where it appeared in print ("A version of this
/// article appears in print on ...", "This story appears in the April
/// issue of ...", "Este reportaje se publicó en el número de ..."), and
/// a rights or redistribution notice ("© 2024 Wire. All rights
/// reserved. This material may not be published ...", "Está
/// expresamente prohibida la redistribución ...", "Alle Rechte
/// vorbehalten").
pub static CLOSING_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        ^(?:a\s+version\s+of\s+this\s+(?:article|story)\s+(?:appears|appeared)
          | this\s+(?:article|story|piece|report)\s+(?:appears|appeared|was\s+(?:first\s+)?published|originally\s+appeared)\s+(?:in|on)\b
          | (?:este|esta)\s+(?:reportaje|artículo|artigo|nota|crónica)\s+(?:se\s+publicó|fue\s+publicad[oa]|apareció|se\s+publicou)
          | (?:cet|cette)\s+(?:article|reportage|enquête)\s+(?:a\s+été\s+publié|est\s+paru|est\s+extrait)
          | (?:dieser|der)\s+(?:artikel|beitrag|text)\s+(?:erschien|ist\s+(?:zuerst|erstmals)\s+erschienen)
          | (?:questo|l')\s*(?:articolo|reportage)\s+(?:è\s+(?:stato\s+)?pubblicato|è\s+uscito)
          | (?:dit|het)\s+(?:artikel|verhaal)\s+(?:verscheen|is\s+eerder\s+verschenen)
        )
      | all\s+rights\s+reserved | alle\s+rechte\s+vorbehalten | tous\s+droits\s+réservés
      | todos\s+los\s+derechos\s+reservados | tutti\s+i\s+diritti\s+riservati | alle\s+rechten\s+voorbehouden
      | may\s+not\s+be\s+(?:published|reproduced|redistributed|copied)
      | prohibida\s+(?:la\s+)?(?:redistribución|reproducción) | (?:weiterverbreitung|vervielfältigung)\s+(?:ist\s+)?(?:nur|nicht|untersagt)
    ")
});

/// Words one of which every [`CLOSING_NOTE`] holds, looked for first (a
/// search for plain words is fast; the note's pattern is not, and the
/// footer search runs it over every line of a page).
pub static CLOSING_NOTE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)reserv|vorbehalt|voorbehoud|riservat|may not be|redistribu|prohibid|vervielf|weiterverbreit|version of this|appear|published|se publicó|fue publicad|apareció|publié|paru|extrait|erschien|pubblicato|uscito|verscheen|verschenen",
    )
});

/// A "read also" marker alone on its line: the line after it is the
/// teaser of another article.
pub static READ_ALSO_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:read\s+also|see\s+also|also\s+read|related|le[ae]\s+también|mehr\s+zum\s+thema|lesen\s+sie\s+auch|auch\s+lesen|à\s+lire\s+aussi)\s*[:.…]*$",
    )
});

/// Lines that close an article without being prose: rights notices,
/// paywall prompts, links to the previous or next article, a web address (a photo
/// credit such as "Ann Lee/photos.example.org"). A web address ends in a
/// common top-level domain: a file name in a code block ("# app.conf",
/// "requirements.txt") is none, and the block stays in the article.
pub static CLOSING_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)rechte\s+vorbehalten|rights\s+reserved|lesen\s+sie\s+weiter|weiterlesen|keep\s+reading|^(?:vorherige[rs]?|nächste[rs]?|previous|next)\s*(?:artikel|beitrag|post|article|story)|\w\.(?:com|org|net|edu|gov|info|biz|io|eu|de|at|ch|uk|fr|it|es|nl|be|pl|se|no|dk|fi|cz|ru|us|ca|au|nz|in|jp|ie|za|tv|me|co|ly|br|pt|mx|ar|cl|news|blog)(?:/|\s|$)",
    )
});

/// A cookie consent notice, in the languages most pages are in: the site
/// or "we" using cookies ("This website uses cookies", "Wir verwenden
/// Cookies", "Nous utilisons des cookies"), cookies and the reader's
/// consent ("... stimmst du der Verwendung von Cookies zu"), or a panel's
/// categories ("Diese Cookies sind notwendig", "Necessary cookies are").
/// An article about tracking says what cookies do, not that the page uses
/// them; a recipe's cookies are baked, not accepted.
/// The word itself, looked for first as plain text ("Cookie", "cookie",
/// "COOKIE" all hold one of these): [`COOKIE_NOTICE`] is slow, and runs
/// only on the few lines that have it.
pub const COOKIE: [&str; 2] = ["ookie", "OOKIE"];

/// See [`COOKIE`].
pub static COOKIE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries and unbounded gaps within one sentence keep
    // the regex on its fast engine; every word here is ASCII.
    re(r"(?ix)
        (?-u:\b)(?:we|wir|nous|this\s+(?:web)?site|our\s+(?:web)?site
           |(?:diese|unsere|die)\s+(?:web|internet)?(?:site|seite)|auf\s+(?:dieser|unserer)\s+(?:web)?(?:site|seite))(?-u:\b)
          [^.]*?(?-u:\b)(?:use|uses|using|are\s+using|verwende[a-z]*|benutze[a-z]*|nutze[a-z]*|utilis[a-z]*|setzen)(?-u:\b)[^.]*?cookie
      | (?-u:\b)(?:verwenden|nutzen|benutzen|setzen)\s+wir(?-u:\b)[^.]*?cookie
      | (?-u:\b)(?:utilizamos|usamos)\s+(?:[a-z]+\s+){0,2}cookies
      | cookie[^.]*?(?-u:\b)(?:zustimm[a-z]*|stimm[a-z]*\s+(?:du|sie)|einverstanden|einwillig[a-z]*|agree|consent|acepta|acceptez|opt-out)
      | (?-u:\b)(?:akzeptier[a-z]*|accept[a-z]*|zustimm[a-z]*)\s+[^.]*?cookie
      | ^(?:diese|these|die|notwendige|necessary|essential|statistische|statistic|marketing)(?-u:\b)[^.]*?cookies?\s+
          (?:sind|are|helfen|help|werden|ermöglichen|sammeln|collect|liefern|gewährleisten)
    ")
});

/// Newsletter plugs: "For more ... sign up for our daily newsletter.",
/// "Jetzt Newsletter abonnieren", and paywall prompts: "Subscribe to
/// read the full story." Only short lines, so prose that mentions a
/// newsletter is kept.
pub static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:sign\s+up|subscribe|register|abonnieren|anmelden)\b.{0,80}\b(?:newsletter|inbox|e-?mail updates|full\s+(?:story|article))|\bnewsletter\s+(?:abonnieren|anmelden|bestellen)\b|\bfull\s+(?:story|article)\b.{0,40}\bsubscribe",
    )
});

/// Lines after which nothing belongs to the article: tag lists, the
/// "Filed Under" block, comment sections, "related articles" and "you
/// may also like" headings, an author box's "About the author" / "Über
/// den Autor", a tag block's "Topics in this article" (in English and
/// German, the languages of most pages seen; other wordings were tried
/// and cost real text).
pub static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:
        filed\s+under | tags\s*: | topics\s*: | schlagworte\s*:
      | (?:themen|topics)\s+in\s+(?:diesem|this)\s+(?:artikel|article)$
      | (?:\d+\s+)?comments?$ | leave\s+a\s+(?:comment|reply) | kommentare?\s*:?$
      | hinterlasse\s+(?:jetzt\s+)?(?:einen\s+kommentar|eine\s+antwort)
      | related\s+(?:articles|stories|posts|coverage)$ | more\s+(?:from|stories|on\s+this)\b.{0,40}$
      | (?:ähnliche|verwandte|weitere)\s+(?:artikel|beiträge|themen|news|nachrichten)$
      | mehr\s+zum\s+thema$ | (?:das\s+)?könnte\s+(?:sie|dich)\s+(?:auch\s+)?interessieren
      | about\s+the\s+authors?$ | über\s+(?:den\s+autor|die\s+autorin|mich)$ | about\s+me$
    )")
});

/// The heading of a box about the publisher after the text of a press
/// release or a company's story ("About Cascadia Rail", "Über die Firma
/// Acme", "À propos de Nord Énergie", "Sobre Horta Viva", "Informazioni
/// su ...", "Over ..."): a short line, the word, then a capitalized name.
/// Only in the second half of the body does it end it (see `page`).
pub static ABOUT_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:about|über|à\s+propos\s+d[e'’]|acerca\s+de|sobre|informazioni\s+su|over)\s+(?:(?i:the|die|der|das|la|le|les|el|los|il|lo|de|het)\s+)?\p{Lu}[\w&'’.-]*(?:\s+[\w&'’.-]+){0,5}\s*:?$",
    )
});

/// See [`ABOUT_SECTION`]: the heading has at most this many words.
pub const ABOUT_MAX_WORDS: usize = 7;

/// Photo credits: an agency or "Photo:" marker on a short line. The
/// word boundaries are ASCII ones (every word here is ASCII): a Unicode
/// boundary keeps the regex off its fast engine, and this runs on every
/// line.
pub static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?:
        (?-u:\b)getty\s*images(?-u:\b) | (?-u:\b)shutterstock(?-u:\b) | (?-u:\b)istock(?:photo)?(?-u:\b) | (?-u:\b)ap\s+photo(?-u:\b)
      | (?-u:\b)via\s+(?:reuters|afp|ap)(?-u:\b) | /\s*(?:afp|reuters|ap|epa|dpa|getty)(?-u:\b)
      | ^(?:photo|photograph|image|picture|credit|foto|bild|imagen|immagine|beeld)s?\s*(?:by(?-u:\b)|:|credit|\.\.|…)
      | ^\(?(?:photo|foto)\s*[:/] | ^©
    )")
});

/// A caption's credit (see [`CAPTION_END`]) stands within this many bytes
/// of the end of the line after its colon or slash...
pub const CAPTION_CREDIT_TAIL_BYTES: usize = 240;
/// ...and its label ("Photograph", ". Foto") within this many before it.
pub const CAPTION_CREDIT_LABEL_BYTES: usize = 24;

/// A photo's caption that ends with its credit ("... at the spring
/// festival. Foto: Iván Robles", "... on Monday (Photo: Ann Lee)"); the
/// credit's label is one of [`CAPTION_CREDIT_LABELS`].
pub static CAPTION_END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[.!?]\s+|\s\()(?i:photo|photograph|foto|image|bild|imagen|immagine|beeld|credit)s?\s*[:/]\s*\p{Lu}[^.!?()]*\)?$",
    )
});

/// See [`CAPTION_END`], lowercase: a line without one just before its
/// last colon or slash is spared the pattern.
pub const CAPTION_CREDIT_LABELS: &[&str] = &[
    "photo", "foto", "image", "bild", "imagen", "immagine", "beeld", "credit",
];

/// A byline: "By Ann Lee", "Von Anna Müller", "Par", "Por", "Di", "Door",
/// "Av", "Ein Kommentar von", "Texto:", "Author: ...", and the
/// same after a publishing verb or a date: "Posted in News by Ann Lee",
/// "Veröffentlicht am 3. März 2020 von Ann", "October 19, 2019 by Ann".
pub static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)^[-–—/\s]*(?:(?:by|von|par|por|di|door|av|af|durch|artikel\s+von|eine?\s+[\w-]+\s+von|written\s+by|words\s+by|story\s+by|posted\s+by|escrito\s+por|scritto\s+da|écrit\s+par|geschreven\s+door|author|autor|authors|autoren|auteurs?|autore|autrice|redaktion\s*:|(?:text|texto|texte|testo|tekst)(?:\s+von|\s+de|\s+di|\s+door|\s*:)|(?:blog\s+)?beitrag\s+von)(?:\s*:)?\s+\S|(?-i:By\p{Lu})",
        r"|(?:posted|published|written|veröffentlicht|publiziert|geschrieben|verfasst|erstellt|eingestellt|gepostet|gespeichert|publicado|publié)\b.{0,60}?\s(?:by|von|por|par)\s+\S",
        r"|.{0,30}?\b\d{4}\s+(?:by|von)\s+\S)",
    ))
});

/// A byline prefix alone on its line, the name on the next one.
pub static BYLINE_ALONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:by|von|author|autor|written\s+by)\s*:?$"));

/// An author bio opens with a name and one of these verbs
/// ("<Name> is a writer ...", "<Name> ist Redakteurin ...", "<Name> est
/// journaliste ...", "<Name> es periodista ...", "<Name> è giornalista
/// ...", "<Name> is verslaggever ..."), then, within
/// [`BIO_ROLE_WITHIN`] words, one of [`BIO_ROLES`]...
pub const BIO_COPULAS: &[&str] = &["is", "was", "ist", "war", "est", "était", "es", "era", "è"];
/// ...or with a verb of a reporter's beat ("<Name> covers courts for
/// ...", "<Name> writes about food"), alone or before the word that
/// names the beat.
pub const BIO_BEATS: &[(&str, &str)] = &[
    ("covers", ""),
    ("couvre", ""),
    ("writes", "about"),
    ("reports", "on"),
    ("berichtet", "über"),
    ("schreibt", "über"),
    ("escribe", "sobre"),
    ("scrive", "di"),
];
/// See [`BIO_COPULAS`]: the words of a journalist's role, lowercase.
pub const BIO_ROLES: &[&str] = &[
    "writer",
    "journalist",
    "reporter",
    "editor",
    "correspondent",
    "columnist",
    "contributor",
    "author",
    "producer",
    "critic",
    "freelancer",
    "redakteur",
    "redakteurin",
    "journalistin",
    "korrespondent",
    "korrespondentin",
    "autor",
    "autorin",
    "kolumnist",
    "kolumnistin",
    "volontär",
    "volontärin",
    "reporterin",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "correspondant",
    "correspondante",
    "chroniqueur",
    "chroniqueuse",
    "éditorialiste",
    "periodista",
    "redactor",
    "redactora",
    "corresponsal",
    "columnista",
    "reportero",
    "reportera",
    "giornalista",
    "redattore",
    "redattrice",
    "corrispondente",
    "inviato",
    "inviata",
    "editorialista",
    "verslaggever",
    "redacteur",
];
/// See [`BIO_COPULAS`].
pub const BIO_ROLE_WITHIN: usize = 8;

/// A bio of an author the page credits opens with the name and any of
/// these verbs that describe a person ("Ann Lee is ...", "Ann Lee
/// covers ...", "Ann Lee ist ...", "Ann Lee a couvert ...").
pub const BIO_VERBS: &[&str] = &[
    "is",
    "was",
    "has",
    "covers",
    "writes",
    "reports",
    "ist",
    "war",
    "hat",
    "schreibt",
    "berichtet",
    "est",
    "était",
    "a",
    "couvre",
    "écrit",
    "es",
    "era",
    "ha",
    "cubre",
    "escribe",
    "è",
    "scrive",
    "segue",
    "schrijft",
    "heeft",
];

/// A bio's subject (a name) has at most this many words before its
/// verb...
pub const BIO_SUBJECT_MAX_WORDS: usize = 6;
/// ...and at most this many characters.
pub const BIO_SUBJECT_MAX_CHARS: usize = 60;

/// A bio of a credited author ends the text when at most this many long
/// lines of prose (other than bios and closing notes) follow it: a story
/// about its own author's namesake goes on for longer.
pub const BIO_MAX_PROSE_AFTER: usize = 1;

/// Where a bio or a closing line names the outlet: "In addition to
/// Best Life, she has written for ...".
pub static OUTLET_BIO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bIn addition to (?:writing for )?((?:The )?\p{Lu}[\w&'.-]*(?:\s+\p{Lu}[\w&'.-]*){0,4}),\s+(?:she|he|they)\s+(?:has|have)\s+(?:also\s+)?(?:written|contributed|worked)",
    )
});

/// "<Outlet> has reached out to ... for comment" at the start of a line.
pub static OUTLET_REACHED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^((?:The )?\p{Lu}[\w&'.-]*(?:\s+\p{Lu}[\w&'.-]*){0,4})\s+(?:has|have)\s+reached\s+out\b")
});

/// Copyright lines: "© 2023 Outlet", "© Copyright 2006 - 2023 Outlet
/// Inc.", "© Outlet 2016-2020".
pub static OUTLET_COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?([^.|,©]{2,60}?)\s*(?:,?\s*(?:inc|llc|ltd|gmbh|ag|plc)\b\.?)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:[.|,].*|all\s+rights\s+reserved.*)?$",
    )
});
