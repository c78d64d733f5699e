//! The heuristics of author names, as data: the words and patterns that
//! introduce a byline, separate names, trail after them, or mark a string
//! as no person's name, and the size limits of a name. Each has a note on
//! what it is for; nothing here knows any site.

use std::sync::LazyLock;

use regex::Regex;

/// Prefixes that introduce a byline, matched case-insensitively at the start
/// (after whitespace is collapsed), with an optional colon.
pub static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:by|von|par|por|di|door|av|af|written by|words by|story by|reporting by|",
        r"posted by|published by|view all posts by|all posts by|more by|author|authors|autor|autorin|",
        r"autoren|autore|autrice|verfasst von|geschrieben von|veröffentlicht von|publiziert von|erstellt von|",
        r"eine? [\w-]+ von|beitrag von|artikel von|pressemitteilung von|text|texte|texto|testo|tekst|text von|",
        r"texto de|testo di|tekst door|escrito por|scritto da|écrit par|geschreven door|",
        r"interview|redakteur|redakteurin|redaktion|gepostet von|publicado por|auteur|auteurs|",
        r"blog beitrag von)",
        r"\s*:?\s+"
    ))
    .expect("valid regex")
});

/// A lead-in that ends with "by"/"von" after a verb or a date ("Posted on
/// March 3, 2020 by", "Veröffentlicht am 3. März von"): everything up to and
/// including the "by" goes; so does a bare date before it ("October 19,
/// 2019 by Ann Lee"), with a time ("06.11.2023 13:30 von Ann Lee").
pub static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^.*?\b(?:posted|published|written|updated|veröffentlicht|publiziert|geschrieben|",
        r"verfasst|erstellt|eingestellt|gepostet|gespeichert|publicado|publié)\b.{0,60}?\s(?:by|von|por|par)\s+|",
        r"^.{0,30}?\b\d{4}(?:,?\s+\d{1,2}:\d{2}(?:\s*uhr)?)?\s*[·•|,-]?\s+(?:by|von)\s+"
    ))
    .expect("valid regex")
});

/// Words that mark a string as a role or a desk, not a person. Explicit
/// author markup (JSON-LD, meta tags) may still sign with them ("Redaktion"),
/// and there they are kept; see [`NOT_A_NAME`].
pub const NOT_A_PERSON: &[&str] = &[
    "staff",
    "staff writer",
    "editor",
    "editors",
    "editorial",
    "editorial team",
    "newsroom",
    "team",
    "reporter",
    "correspondent",
    "contributor",
    "redaktion",
    "news desk",
    "wire",
    "agencies",
    "associated press",
    "reuters",
    "afp",
    "dpa",
];

/// Strings that are never a signature, even in explicit author markup:
/// placeholders, prefixes and link labels.
pub const NOT_A_NAME: &[&str] = &[
    "unknown",
    "anonymous",
    "admin",
    "administrator",
    "by",
    "von",
    "posted",
    "published",
    "veröffentlicht",
    "publiziert",
    "share",
    "teilen",
    "guest",
    "gast",
    "home",
    "author",
    "autor",
    "autorin",
    "more",
    "mehr",
    "read more",
    "comments",
    "kommentare",
    "follow",
    "folgen",
    "publiziert am",
    "veröffentlicht am",
    "posted on",
    "published on",
    "geschrieben am",
    "erstellt am",
    "por",
    "par",
    "di",
    "de",
    // Weekday abbreviations, left alone when a date sits in a box of its
    // own after the name ("Ann Lee; Fr; 3.11.").
    "mo",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    // A date's label in a box of its own after the name, or in a box of
    // the byline's class ("Last Updated: January 7, 2025").
    "updated",
    "aktualisiert",
    "last",
    "last updated",
    "zuletzt aktualisiert",
];

pub static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\||\s/\s|\n)\s*")
        .expect("valid regex")
});

pub static TRAILING_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\s*(?:[,|–—-]\s*)?\b(staff writer|senior writer|contributing writer|correspondent|",
        r"reporter|editor|columnist|contributor|chefredakteur(?:in)?|redakteur(?:in)?|",
        r"korrespondent(?:in)?|volontär(?:in)?|reporter(?:in)?|fotograf(?:in)?)\b.*$"
    ))
    .expect("valid regex")
});

/// A date or time trailing a name: " on March 3", " am 3. März", " at 10:00",
/// and weekday abbreviations glued after the name ("Tomas Spahn Fr").
pub static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:\s+(?:on|am|at|um|vom|published|updated)\b.*\d.*$|",
        r"\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?$)"
    ))
    .expect("valid regex")
});

/// What follows a name on a byline line and is never part of it: a
/// handle ("@ann_lee"), a date or count ("February 1, 2016", "1 day ago"),
/// a "Follow" button. Everything from the first such word on goes.
pub static TRAILING_NOISE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+(?:@\S|\S*\d|follow\b).*$").expect("valid regex"));

/// A note in brackets after a name ("Ann Lee (Pressesprecherin)"): a role
/// or an affiliation.
pub static TRAILING_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+\([^()]*\)$").expect("valid regex"));

/// A handle after a name in explicit author markup ("Ann Lee @annlee", as
/// SEO plugins fill `twitter:data1`): the handle goes, the name stays.
pub static TRAILING_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+@\w+$").expect("valid regex"));

/// A month or weekday name left at the end once the day number is cut
/// ("Steven Musil January"); English and German.
pub static TRAILING_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|\s+)(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|",
        r"june?|juni|july?|juli|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|okt(?:ober)?|",
        r"nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|monday|tuesday|wednesday|thursday|friday|",
        r"saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?$"
    ))
    .expect("valid regex")
});

/// Marks after which a byline line carries no more names: a bar, a middle
/// dot or a bullet before a date or a category ("von Ann · 18. Oktober 2019"), "in"
/// before a place or a section ("von Ann in Kultur, Reisen"), another
/// credit ("Text von Ann Lee Illustration von Bo Park").
pub static AFTER_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:(?-i:[·•|]|in)\s|(?:illustrations?|fotos?|photos?|bilder?)\s*(?:von\b|by\b|:)).*$")
        .expect("valid regex")
});

/// Words that make a comma-separated byline part a job title or an
/// affiliation, not a name: "By Ann Lee, Senior Staff Technologist, ACLU
/// Speech, Privacy, and Technology Project" names one person.
pub static ROLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:senior|staff|technologist|director|professor|analyst|fellow|project|manager|officer|chief|president|news|health|desk|editor|writer|reporter|correspondent|producer|columnist|contributor|university|institute|department|center|centre)\b")
        .expect("valid regex")
});

/// A label left without its name ("Artikel von", "Posted by"): ends with
/// the word that introduces the author.
pub static LABEL_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:by|von|par|por|di|door)$").expect("valid regex"));

/// Lowercase words that stand inside names ("Alexa von Heyden", "Ana de
/// la Cruz"); any other lowercase word makes a phrase, not a name.
pub const NAME_PARTICLES: &[&str] = &[
    "von", "van", "vom", "zu", "de", "der", "den", "del", "della", "di", "da", "das", "dos", "du",
    "la", "le", "ten", "ter", "bin", "al", "el",
];

/// Academic titles written before a name ("Dr. Ann Lee"), which are no
/// part of it.
pub static ACADEMIC_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Prof|Dr|Dipl\.-Ing|Mag|PD)\.?(?:\s+|$))+").expect("valid regex")
});

/// How many names, each a single word, make a byline a list of tags.
pub const MIN_SINGLE_WORD_LIST: usize = 3;

/// Legal forms of companies, which make a lowercase signature a company's.
pub const LEGAL_FORMS: &[&str] = &[
    "gmbh", "ag", "kg", "inc", "inc.", "llc", "ltd", "ltd.", "plc",
];

/// The most words of a marked signature that starts in lowercase.
pub const MAX_LOWERCASE_SIGNATURE_WORDS: usize = 3;

/// What separates a name from the date beside it on a date line
/// ("Dan Goodin - Apr 16, 2015", "Ann Lee, 22.04.2020").
pub static NAME_DATE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—|•·/]\s+|,\s+").expect("valid regex"));

/// The end of a year inside a date line ("... 2019 Ann Lee").
pub static YEAR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}\b").expect("valid regex"));

/// A name is at most this many characters...
pub const MAX_NAME_CHARS: usize = 60;

/// ...and at most this many words.
pub const MAX_NAME_WORDS: usize = 5;

/// A name that only its form marks as a person's (see `personal_name`)
/// has this many words: a given name and one to three more.
pub const PERSONAL_NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=4;

/// A name written beside a date on a date line ("Dan Goodin - Apr 16,
/// 2015") has this many words.
pub const NAME_BESIDE_DATE_WORDS: std::ops::RangeInclusive<usize> = 2..=4;

/// A date opens a line when at most this many words stand before its
/// year ("16. April 2015 Ann Lee").
pub const DATE_OPENING_MAX_WORDS: usize = 4;
