//! Names in byline lines: "By A and B", a name beside a date, a name after
//! a date.

use std::sync::LazyLock;

use regex::Regex;

use super::rules;
use super::word_count;
use crate::extract::authors::{clean_name, split_byline, ROLE_WORD};
use crate::extract::date::parse_date;

pub(super) fn byline_names(line: &str) -> Vec<String> {
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

pub(super) static NAME_DATE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—|•·/]\s+|,\s+").expect("valid regex"));

/// The end of a year inside a date line ("... 2019 Ann Lee").
pub(super) static YEAR_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{4}\b").expect("valid regex"));

/// A name beside the date on a date line: before it, "Dan Goodin - Apr
/// 16, 2015", "Ann Lee / 22.04.2020", "Ann Lee 1 day ago"; or, when the
/// line starts with the date, the two capitalized words after it,
/// "16. April 2015 Ann Lee Kultur", "Apr 16, 2015 | Ann Lee".
pub(super) fn name_beside_date(line: &str) -> Option<String> {
    name_before_date(line).or_else(|| name_after_date(line))
}

pub(super) fn name_before_date(line: &str) -> Option<String> {
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

pub(super) fn name_after_date(line: &str) -> Option<String> {
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
