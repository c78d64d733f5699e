//! Publication dates in free text: the ordered list of parsers that turn
//! the messy strings found in pages and feeds into the canonical
//! [`Published`] (defined in [`crate::published`], which every stage shares).
//!
//! A date is only ever produced from text the source states; nothing here
//! looks at a clock or a file's modification time. A value that carries only
//! a day stays a day (`2023-11-14`); a value with a time keeps its stated
//! offset (`2023-11-14T08:00:00-05:00`), and a time without an offset is
//! taken as UTC.

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use regex::Regex;

/// Re-exported for the stages that name it through here (search, output);
/// new code imports it from [`crate::published`].
use crate::published::Published;
use crate::published::YEARS;

/// Month names and abbreviations (lowercase, no dot): English, German,
/// French, Spanish, Italian, Portuguese, Dutch, Russian.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("febr", 2),
    ("février", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("mär", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("diciembre", 12),
    // Italian, Portuguese, Dutch and Russian (genitive, as dates write it).
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("января", 1),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("februari", 2),
    ("февраля", 2),
    ("março", 3),
    ("maart", 3),
    ("марта", 3),
    ("aprile", 4),
    ("апреля", 4),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("мая", 5),
    ("giugno", 6),
    ("junho", 6),
    ("июня", 6),
    ("luglio", 7),
    ("julho", 7),
    ("июля", 7),
    ("augustus", 8),
    ("августа", 8),
    ("settembre", 9),
    ("setembro", 9),
    ("сентября", 9),
    ("ottobre", 10),
    ("outubro", 10),
    ("октября", 10),
    ("dicembre", 12),
    ("dezembro", 12),
    ("декабря", 12),
    ("ноября", 11),
];

/// Whether a word is a month's name or abbreviation ("June", "Sept.").
pub fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

fn month_number(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

static MONTH_ALT: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    // Longest first, so "september" wins over "sep".
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
});

/// ISO 8601 / RFC 3339: `2023-11-14`, `2023-11-14T08:00:00.123+01:00`, `2023-11-14 08:00 Z`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(\d{4})-(\d{1,2})-(\d{1,2})
          (?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?
             \s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    )
    .expect("valid regex")
});

/// `2023/11/14` and `2023.11.14`.
static YMD_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b").expect("valid regex"));

/// German and European numeric dates: `14.11.2023`, `14.11.23` is too ambiguous and is skipped.
static DMY_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b").expect("valid regex"));

/// US numeric dates: `11/14/2023`.
static MDY_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").expect("valid regex"));

/// `Nov. 14, 2023`, `November 14th 2023`, with an optional time.
static MDY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
        *MONTH_ALT
    ))
    .expect("valid regex")
});

/// European numeric dates with a two-digit year, which are only taken
/// where nothing else can follow: before a time (`19.10.19, 08:16 Uhr`,
/// `28.09.19 12:44`) or at the end of the text or before a separator
/// (`Anna Roth | 06.11.23`). Elsewhere `1.2.19` may be a version or a
/// section number.
static DMY_DOT_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}\b|\s*$|\s*[|·•])",
    )
    .expect("valid regex")
});

/// `14 Gennaio 20`, `3. März 21)`: a written-out month with a two-digit
/// year, taken like [`DMY_DOT_SHORT`] only where nothing can follow it (the
/// end of the text, a closing bracket or a separator); elsewhere the two
/// digits may be a count ("on 5 May 20 people came").
static DMY_NAME_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})\.?\s+({})\.?\s+(\d{{2}})\s*(?:$|[)|·•])",
        *MONTH_ALT
    ))
    .expect("valid regex")
});

/// Day-first numeric dates with slashes, `17/02/2020`: read only when the
/// month-first reading is impossible (the first number is above 12).
static DMY_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").expect("valid regex"));

/// `14 November 2023`, `14. November 2023`, `14-NOV-1987`, `Tue, 14 Nov 2023 08:00:00 GMT`,
/// `8.Dezember 2010`, `22 Dec, 2016`, `11 de mayo de 2022`.
static DMY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\.\s*|[\s-]+)(?:de\s+)?({})\.?,?(?:[\s-]+de)?[\s-]+(\d{{4}})\b
          (?:,?\s+(\d{{1,2}}):(\d{{2}})(?::(\d{{2}})(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{{2}}:?\d{{2}})?)?",
        *MONTH_ALT
    ))
    .expect("valid regex")
});

/// Dates in url paths: `/2023/11/14/`, `/2023-11-14/`, `/20231114/`.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|\b)")
        .expect("valid regex")
});

fn make_date(y: &str, m: i8, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    Date::new(y, m, d).ok()
}

fn make_offset(text: Option<&str>) -> Option<Offset> {
    let Some(text) = text else {
        return Some(Offset::UTC);
    };
    if matches!(text, "Z" | "UTC" | "GMT") {
        return Some(Offset::UTC);
    }
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let hours: i32 = digits.get(0..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4)?.parse().ok()?;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

fn with_time(
    date: Date,
    h: Option<regex::Match>,
    mi: Option<regex::Match>,
    s: Option<regex::Match>,
    off: Option<regex::Match>,
) -> Option<Published> {
    let (Some(h), Some(mi)) = (h, mi) else {
        return Some(Published::Day(date));
    };
    let h: i8 = h.as_str().parse().ok()?;
    let mi: i8 = mi.as_str().parse().ok()?;
    let s: i8 = s.map_or(Some(0), |s| s.as_str().parse().ok())?;
    let time = Time::new(h, mi, s, 0).ok()?;
    let offset = make_offset(off.map(|m| m.as_str()))?;
    Some(Published::Moment(date.to_datetime(time), offset))
}

fn parse_iso(text: &str) -> Option<Published> {
    let c = ISO.captures(text)?;
    let m: i8 = c[2].parse().ok()?;
    let date = make_date(&c[1], m, &c[3])?;
    with_time(date, c.get(4), c.get(5), c.get(6), c.get(7))
}

fn parse_ymd_slash(text: &str) -> Option<Published> {
    let c = YMD_SLASH.captures(text)?;
    Some(Published::Day(make_date(&c[1], c[2].parse().ok()?, &c[3])?))
}

fn parse_dmy_dot(text: &str) -> Option<Published> {
    let c = DMY_DOT.captures(text)?;
    Some(Published::Day(make_date(&c[3], c[2].parse().ok()?, &c[1])?))
}

fn parse_dmy_dot_short(text: &str) -> Option<Published> {
    let c = DMY_DOT_SHORT.captures(text)?;
    // Two-digit years are this century's: news archives start in the 1990s
    // but a page with a two-digit year is recent.
    let year = format!("20{}", &c[3]);
    Some(Published::Day(make_date(&year, c[2].parse().ok()?, &c[1])?))
}

fn parse_dmy_name_short(text: &str) -> Option<Published> {
    let c = DMY_NAME_SHORT.captures(text)?;
    // This century's, as in `parse_dmy_dot_short`.
    let year = format!("20{}", &c[3]);
    Some(Published::Day(make_date(
        &year,
        month_number(&c[2])?,
        &c[1],
    )?))
}

fn parse_dmy_slash(text: &str) -> Option<Published> {
    let c = DMY_SLASH.captures(text)?;
    Some(Published::Day(make_date(&c[3], c[2].parse().ok()?, &c[1])?))
}

fn parse_mdy_slash(text: &str) -> Option<Published> {
    let c = MDY_SLASH.captures(text)?;
    Some(Published::Day(make_date(&c[3], c[1].parse().ok()?, &c[2])?))
}

fn parse_mdy_name(text: &str) -> Option<Published> {
    let c = MDY_NAME.captures(text)?;
    Some(Published::Day(make_date(
        &c[3],
        month_number(&c[1])?,
        &c[2],
    )?))
}

fn parse_dmy_name(text: &str) -> Option<Published> {
    let c = DMY_NAME.captures(text)?;
    let date = make_date(&c[3], month_number(&c[2])?, &c[1])?;
    with_time(date, c.get(4), c.get(5), c.get(6), c.get(7))
}

/// The parsers, most specific first: each is tried on the whole string and
/// the first that yields a valid date wins.
const PARSERS: &[fn(&str) -> Option<Published>] = &[
    parse_iso,
    parse_dmy_name,
    parse_mdy_name,
    parse_ymd_slash,
    parse_dmy_dot,
    parse_mdy_slash,
    parse_dmy_slash,
    parse_dmy_dot_short,
    parse_dmy_name_short,
];

/// Parses a date stated in free text (a meta value, a byline, a feed field).
pub fn parse_date(text: &str) -> Option<Published> {
    let text = text.trim();
    // Every parser reads the numbers it captures as ASCII digits (Rust's
    // integer parsing takes no others), so a text without one is no date:
    // most lines a page offers have none, and the patterns are many.
    if text.is_empty() || text.len() > 200 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    PARSERS.iter().find_map(|p| p(text))
}

/// Finds a publication day in a url path such as `/2023/11/14/slug`.
pub fn date_from_url(url: &str) -> Option<Published> {
    let c = URL_DATE.captures(url)?;
    Some(Published::Day(make_date(&c[1], c[2].parse().ok()?, &c[3])?))
}

/// A path segment that is a whole day-first date: `/meldungen/29-10-2021`.
static URL_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(\d{1,2})[-.](\d{1,2})[-.]((?:19|20)\d{2})(?:/|$|[?#])").expect("valid regex")
});

/// Finds a day written day-first as a whole segment of a url path
/// (`/news/29-10-2021`), only where the month-first reading is impossible
/// (the first number is above 12): `/03-04-2021` could be either.
pub fn day_first_date_from_url(url: &str) -> Option<Published> {
    let c = URL_DMY.captures(url)?;
    let day: i8 = c[1].parse().ok()?;
    if day <= 12 {
        return None;
    }
    Some(Published::Day(make_date(&c[3], c[2].parse().ok()?, &c[1])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn formats_found_in_news_pages() {
        let cases = [
            ("2023-11-14T08:00:00Z", "2023-11-14T08:00:00Z"),
            ("2023-11-14T08:00:00.000+01:00", "2023-11-14T08:00:00+01:00"),
            ("2023-11-14T08:00:00-0500", "2023-11-14T08:00:00-05:00"),
            ("2023-11-14 08:00", "2023-11-14T08:00:00Z"),
            ("2023-11-14", "2023-11-14"),
            ("Nov. 14, 2023", "2023-11-14"),
            ("Published November 14th, 2023 at 5pm", "2023-11-14"),
            ("14 November 2023", "2023-11-14"),
            ("14. November 2023", "2023-11-14"),
            ("Dienstag, 14. März 2023", "2023-03-14"),
            ("Tue, 14 Nov 2023 08:00:00 GMT", "2023-11-14T08:00:00Z"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"),
            ("14.11.2023", "2023-11-14"),
            ("2023/11/14", "2023-11-14"),
            ("11/14/2023", "2023-11-14"),
            ("21 Oct 2019 10:05", "2019-10-21T10:05:00Z"),
            ("Oct 21, 2019 at 10:05 am", "2019-10-21"),
            ("2019-10-21 | 10:05", "2019-10-21"),
            ("Mo, 21.10.2019", "2019-10-21"),
            ("Fri 22 Dec, 2016", "2016-12-22"),
            ("8.Dezember 2010 um 09:43", "2010-12-08"),
            ("miércoles, 11 de mayo de 2022", "2022-05-11"),
            ("3 settembre 2021", "2021-09-03"),
            ("15 августа 2016, 13:43", "2016-08-15T13:43:00Z"),
            ("Le 17/02/2020", "2020-02-17"),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).as_deref(), Some(want), "input {input:?}");
        }
    }

    #[test]
    fn two_digit_years_only_where_nothing_can_follow() {
        let cases = [
            ("19.10.19, 08:16 Uhr", "2019-10-19"),
            ("Erstellt am 01.01.23 um 08:35", "2023-01-01"),
            ("Anna Roth | 06.11.23", "2023-11-06"),
            ("Kultur, 2.11.22", "2022-11-02"),
            ("12.05.21 · Politik", "2021-05-12"),
            ("(Lyon, 3 mars 21)", "2021-03-03"),
            ("Berlin, 7. Juni 22", "2022-06-07"),
        ];
        for (input, want) in cases {
            assert_eq!(p(input).as_deref(), Some(want), "input {input:?}");
        }
    }

    #[test]
    fn a_written_month_with_two_digits_then_more_text_is_no_date() {
        assert_eq!(p("On 5 May 20 people came"), None);
    }

    #[test]
    fn what_is_not_a_date_stays_absent() {
        for input in [
            "",
            "vor 3 Tagen",
            "yesterday",
            "2023-13-45",
            "Volume 12",
            "0000-00-00",
            "3 days ago",
            "vor 2 Stunden",
            "2 hours ago",
            "Version 1.2.19 released today",
            "Abschnitt 3.4.12 der Norm",
            "31.02.19, 10:00",
            "13/13/2023",
        ] {
            assert_eq!(p(input), None, "input {input:?}");
        }
    }

    #[test]
    fn day_first_url_segments() {
        let d = |u: &str| day_first_date_from_url(u).map(|d| d.to_string());
        assert_eq!(
            d("https://ex.org/meldungen/29-10-2021").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(
            d("https://ex.org/news/29.10.2021/").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(d("https://ex.org/news/03-04-2021"), None);
        assert_eq!(d("https://ex.org/news/29-10-2021-gala"), None);
    }

    #[test]
    fn url_paths() {
        let d = |u: &str| date_from_url(u).map(|d| d.to_string());
        assert_eq!(
            d("https://x.com/2021/03/09/story-slug/").as_deref(),
            Some("2021-03-09")
        );
        assert_eq!(
            d("https://x.com/news/2021-03-09-story").as_deref(),
            Some("2021-03-09")
        );
        assert_eq!(
            d("https://x.com/news/20210309/story").as_deref(),
            Some("2021-03-09")
        );
        assert_eq!(d("https://x.com/news/12345678/story"), None);
    }

    #[test]
    fn canonical_forms_read_as_the_published_type_reads_them() {
        for s in [
            "2023-11-14",
            "2023-11-14T08:00:00Z",
            "2023-11-14T08:00:00-05:00",
            "1987-02-26T15:01:01+05:30",
        ] {
            assert_eq!(parse_date(s), Published::parse(s), "{s}");
            assert!(parse_date(s).is_some(), "{s}");
        }
    }
}
