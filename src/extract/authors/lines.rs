//! Names in the lines of a plain-text header: "By A and B", a name
//! beside a date ("Dan Goodin - Apr 16, 2015"), a name after one.

use super::rules::{
    DATE_OPENING_MAX_WORDS, NAME_BESIDE_DATE_WORDS, NAME_DATE_SEP, ROLE_WORD, YEAR_END,
};
use super::{clean_name, split_byline};
use crate::extract::date::{is_month_name, parse_date};

/// The names of a byline line ("By Ann Lee and Bo Park").
pub fn byline_names(line: &str) -> Vec<String> {
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

/// A name beside the date on a date line: before it, "Dan Goodin - Apr
/// 16, 2015", "Ann Lee / 22.04.2020", "Ann Lee 1 day ago"; or, when the
/// line starts with the date, the two capitalized words after it,
/// "16. April 2015 Ann Lee Kultur", "Apr 16, 2015 | Ann Lee".
///
/// `furniture` says which phrases the caller's format knows as page
/// furniture (buttons, labels), which are no name after a date.
pub fn name_beside_date(line: &str, furniture: impl Fn(&str) -> bool) -> Option<String> {
    name_before_date(line).or_else(|| name_after_date(line, furniture))
}

/// A name before the date on a date line ("Dan Goodin - Apr 16, 2015").
fn name_before_date(line: &str) -> Option<String> {
    let head = NAME_DATE_SEP.split(line).next()?;
    // Without a separator the name runs to the first digit, and the date
    // may open with its month ("Ann Lee June 4, 2019", "Published June 4").
    let head = match head.find(|c: char| c.is_ascii_digit()) {
        Some(d) => {
            let head = head[..d].trim_end();
            match head.rsplit_once(char::is_whitespace) {
                Some((before, last)) if is_month_name(last) => before.trim_end(),
                None if is_month_name(head) => "",
                _ => head,
            }
        }
        None => head,
    };
    if head.len() == line.len() || head.is_empty() || parse_date(head).is_some() {
        return None;
    }
    let words = head.split_whitespace().count();
    if !NAME_BESIDE_DATE_WORDS.contains(&words) || ROLE_WORD.is_match(head) {
        return None;
    }
    clean_name(head)
}

/// Two capitalized words after a date that opens a line ("16. April
/// 2015 Ann Lee Kultur").
fn name_after_date(line: &str, furniture: impl Fn(&str) -> bool) -> Option<String> {
    let year = YEAR_END.find_iter(line).last()?;
    // The date opens the line: a few words at most before its year.
    if !line.starts_with(|c: char| c.is_alphanumeric())
        || line[..year.start()].split_whitespace().count() > DATE_OPENING_MAX_WORDS
    {
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
    if furniture(&name) || ROLE_WORD.is_match(&name) {
        return None;
    }
    clean_name(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_that_opens_the_date_is_no_part_of_a_name() {
        let none = |_: &str| false;
        assert_eq!(name_beside_date("Published June 4, 2019", none), None);
        assert_eq!(name_beside_date("Updated Sept. 12, 2021", none), None);
        assert_eq!(
            name_beside_date("Tomasz Wrona March 3, 2020", none).as_deref(),
            Some("Tomasz Wrona")
        );
        // A given name that is also a month's stays a name.
        assert_eq!(
            name_beside_date("June Okafor - 4 May 2019", none).as_deref(),
            Some("June Okafor")
        );
    }
}
