//! Author names: splitting bylines into people and dropping what is not a
//! name (role words, "Staff", dates, "View all posts by").

use std::sync::LazyLock;

use regex::Regex;

/// Prefixes that introduce a byline, matched case-insensitively.
const BYLINE_PREFIXES: &[&str] = &[
    "by ",
    "von ",
    "par ",
    "por ",
    "written by ",
    "words by ",
    "story by ",
    "reporting by ",
    "posted by ",
    "view all posts by ",
    "author: ",
    "autor: ",
    "authors: ",
];

/// Words that mark a string as a role or a desk, not a person.
const NOT_A_PERSON: &[&str] = &[
    "staff",
    "staff writer",
    "editor",
    "editors",
    "editorial",
    "newsroom",
    "team",
    "admin",
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
    "unknown",
    "anonymous",
];

static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\|)\s*").expect("valid regex")
});

static TRAILING_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:[,|–—-]\s*)?\b(staff writer|senior writer|contributing writer|correspondent|reporter|editor|columnist|contributor)\b.*$")
        .expect("valid regex")
});

/// Splits a byline such as "By Ann Lee, Bo Park and Cy Diaz" into names,
/// dropping role words and entries that are not people.
pub fn split_byline(byline: &str) -> Vec<String> {
    let mut s = byline.trim().to_string();
    loop {
        let lower = s.to_lowercase();
        let Some(p) = BYLINE_PREFIXES.iter().find(|p| lower.starts_with(*p)) else {
            break;
        };
        s = s[p.len()..].trim_start().to_string();
    }
    SPLIT.split(&s).filter_map(clean_name).collect()
}

/// Cleans one candidate name, or `None` when it is not a person's name.
pub fn clean_name(raw: &str) -> Option<String> {
    let name = TRAILING_ROLE.replace(raw.trim(), "");
    let name = name.trim_matches(|c: char| c.is_whitespace() || ",;:|-–—·•".contains(c));
    let name = super::clean_line(name);
    if name.is_empty() || name.len() > 60 || name.chars().any(|c| c.is_ascii_digit() || c == '@') {
        return None;
    }
    let lower = name.to_lowercase();
    if NOT_A_PERSON.contains(&lower.as_str()) || lower.starts_with("http") {
        return None;
    }
    // A name is one to five words, and starts with an uppercase letter.
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    (words <= 5 && first.is_uppercase()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            split_byline("By Ann Lee, Bo Park and Cy Diaz"),
            ["Ann Lee", "Bo Park", "Cy Diaz"]
        );
        assert_eq!(split_byline("BY Ann Lee & Bo Park"), ["Ann Lee", "Bo Park"]);
        assert_eq!(
            split_byline("Von Anna Müller und Jörg Schmidt"),
            ["Anna Müller", "Jörg Schmidt"]
        );
        assert_eq!(split_byline("By Ann Lee, Staff Writer"), ["Ann Lee"]);
        assert_eq!(split_byline("Staff"), Vec::<String>::new());
        assert_eq!(split_byline("View all posts by Dana Cole"), ["Dana Cole"]);
    }
}
