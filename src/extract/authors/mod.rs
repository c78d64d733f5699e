//! Author names: splitting bylines into people and dropping what is not a
//! name (role words, "Staff", dates, "View all posts by"), wherever the
//! byline was found. The patterns and word lists are data in [`rules`];
//! [`lines`] finds names in the lines of a plain-text header; common
//! given names (`given_names`) tell a person's name from a company's.
//!
//! Where each format finds its bylines, and which source wins, is in the
//! table of [`crate::extract`]'s documentation.

mod given_names;
pub mod lines;
pub mod rules;

use rules::{
    ACADEMIC_TITLE, AFTER_NAMES, BYLINE_PREFIX, LABEL_END, LEAD_IN, LEGAL_FORMS,
    MAX_LOWERCASE_SIGNATURE_WORDS, MAX_NAME_CHARS, MAX_NAME_WORDS, MIN_SINGLE_WORD_LIST,
    NAME_PARTICLES, NOT_A_NAME, NOT_A_PERSON, PERSONAL_NAME_WORDS, ROLE_WORD, SPLIT, TRAILING_DATE,
    TRAILING_HANDLE, TRAILING_MONTH, TRAILING_NOISE, TRAILING_NOTE, TRAILING_ROLE,
};

/// Splits a byline such as "By Ann Lee, Bo Park and Cy Diaz" into names,
/// dropping role words and entries that are not people.
pub fn split_byline(byline: &str) -> Vec<String> {
    split_names(byline, false, false)
}

/// Like [`split_byline`], but also accepts one-word lowercase handles
/// ("gnaddrig"), for sources that mark the author explicitly (JSON-LD, an
/// `author` meta tag, `rel=author`) where a handle is a real signature.
pub fn split_marked_byline(byline: &str) -> Vec<String> {
    split_names(byline, true, false)
}

/// Like [`split_marked_byline`], for the text of a visible element marked as
/// the author's, which may go on after the name with a handle or a note
/// ("Ann Lee annlee", "Ann Lee - Desk"): a capitalized name ends before the
/// first word that cannot stand in one.
pub fn split_marked_text(byline: &str) -> Vec<String> {
    split_names(byline, true, true)
}

fn split_names(byline: &str, allow_handles: bool, cut_after_name: bool) -> Vec<String> {
    let mut s = crate::extract::clean_line(byline);
    // Decoration before the label ("// By Ann Lee", "— Von Ann Lee").
    s = s
        .trim_start_matches(|c: char| "/-–—|·•".contains(c) || c.is_whitespace())
        .to_string();
    if let Some(m) = LEAD_IN.find(&s) {
        s = s[m.end()..].to_string();
    }
    // Strip prefixes repeatedly ("By: Author: Ann Lee").
    for _ in 0..4 {
        match BYLINE_PREFIX.find(&s) {
            Some(m) if m.end() < s.len() => s = s[m.end()..].to_string(),
            _ => break,
        }
    }
    if !allow_handles {
        s = AFTER_NAMES.replace(&s, "").into_owned();
    }
    let mut out: Vec<String> = Vec::new();
    for part in SPLIT.split(&s) {
        // A label in a box of its own ("Quelle:", "Fotos:") is no name.
        if part.trim_end().ends_with(':') {
            continue;
        }
        // After a name, a role or an affiliation ends the list of names.
        if !out.is_empty() && ROLE_WORD.is_match(part) {
            break;
        }
        let name = if allow_handles {
            clean_handle(part).and_then(|n| {
                if cut_after_name {
                    leading_name(&n)
                } else {
                    Some(n)
                }
            })
        } else {
            clean_name(part)
        };
        if let Some(name) = name {
            if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    // Three or more single words are a list of sections or tags
    // ("Solar / Wind / Storage"), not people.
    if out.len() >= MIN_SINGLE_WORD_LIST && out.iter().all(|n| !n.contains(' ')) {
        out.clear();
    }
    out
}

/// Strips roles and trailing dates from a candidate and checks the parts
/// every name must pass; returns it with its first character.
fn tidy(raw: &str, marked: bool) -> Option<(String, char)> {
    let raw = TRAILING_HANDLE.replace(raw.trim(), "");
    // A visible byline may add a note in brackets; explicit markup keeps
    // its own ("Example News (www.example.com)" names an organisation).
    let raw = if marked {
        raw
    } else {
        TRAILING_NOTE.replace(&raw, "").into_owned().into()
    };
    let name = TRAILING_ROLE.replace(&raw, "");
    // Explicit markup that holds nothing but a role ("Staff Writer") signs
    // with it.
    let name = if marked && name.trim().is_empty() {
        raw.clone()
    } else {
        name
    };
    let name = TRAILING_DATE.replace(&name, "");
    // Only a name that had a date cut off loses a final month word
    // ("Steven Musil January 18"); "Theresa May" keeps hers.
    let name = match TRAILING_NOISE.find(&name) {
        Some(m) if !marked => TRAILING_MONTH.replace(&name[..m.start()], "").into_owned(),
        _ => name.into_owned(),
    };
    let name = name.trim_matches(|c: char| c.is_whitespace() || ",;:|/-–—·•()[]".contains(c));
    let name = crate::extract::clean_line(name);
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(|c| c.is_ascii_digit() || c == '@')
    {
        return None;
    }
    let lower = name.to_lowercase();
    if NOT_A_NAME.contains(&lower.as_str())
        || (!marked && NOT_A_PERSON.contains(&lower.as_str()))
        || LABEL_END.is_match(&lower)
        || lower.starts_with("http")
        || lower.contains("://")
    {
        return None;
    }
    let first = name.chars().next()?;
    (name.split_whitespace().count() <= MAX_NAME_WORDS).then_some((name, first))
}

/// Cleans one candidate name, or `None` when it is not a person's name.
pub fn clean_name(raw: &str) -> Option<String> {
    let (name, first) = tidy(raw, false)?;
    // A name starts with an uppercase letter (or a letter of a script
    // without case), and so does every later word but a particle.
    let capitalized = |w: &str| w.chars().next().is_some_and(|c| !c.is_lowercase());
    let words_ok = name
        .split_whitespace()
        .skip(1)
        .all(|w| capitalized(w) || NAME_PARTICLES.contains(&w));
    ((first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase())) && words_ok)
        .then_some(name)
}

/// A name that is plainly a person's: two to four words, the first a common
/// given name, the others capitalized surnames, initials or particles
/// ("Wolfgang Michal", "Dr. Ann P. de Lee" gives "Ann P. de Lee"). For names
/// that nothing but their form marks as an author's (a copyright notice, a
/// site's name), where a capitalized phrase is as likely a company's.
pub fn personal_name(raw: &str) -> Option<String> {
    let raw = ACADEMIC_TITLE.replace(raw.trim(), "");
    let name = clean_name(&raw)?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let surname = |w: &&str| {
        NAME_PARTICLES.contains(w)
            || w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
    };
    (PERSONAL_NAME_WORDS.contains(&words.len())
        && words.first().is_some_and(|w| given_names::is_given_name(w))
        && words.iter().skip(1).all(surname))
    .then_some(name)
}

/// Like [`clean_name`], but also accepts a one-word lowercase handle of at
/// least two letters, and a short signature that starts in lowercase but
/// capitalizes a later word ("der Michel", "revamp-it Webteam").
fn clean_handle(raw: &str) -> Option<String> {
    let (name, first) = tidy(raw, true)?;
    if first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase()) {
        return Some(name);
    }
    let words = name.split_whitespace().count();
    let later_capital = name
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    // A company ("acme GmbH") signs as a web agency, not as an author.
    let company = name
        .split_whitespace()
        .any(|w| LEGAL_FORMS.iter().any(|f| w.eq_ignore_ascii_case(f)));
    let signature =
        words == 1 || (words <= MAX_LOWERCASE_SIGNATURE_WORDS && later_capital && !company);
    (signature && first.is_alphabetic() && name.chars().count() >= 2).then_some(name)
}

/// The words of a capitalized name up to the first that cannot stand in a
/// name: a lowercase word other than a particle, or one without letters
/// ("Ann Lee annlee", "Ann Lee · annlee" give "Ann Lee"). Markup around a
/// name sometimes holds a handle or a note after it; but a capitalized word
/// after the cut makes the whole a phrase ("Photo from the Archive"), and
/// no name.
fn leading_name(name: &str) -> Option<String> {
    let fits = |k: usize, w: &str| {
        let starts_lower = w.chars().next().is_some_and(char::is_lowercase);
        k == 0
            || (w.chars().any(char::is_alphabetic)
                && (!starts_lower || NAME_PARTICLES.contains(&w)))
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let cut = (0..words.len())
        .find(|&k| !words.get(k).is_some_and(|w| fits(k, w)))
        .unwrap_or(words.len());
    let rest = words.get(cut..).unwrap_or_default();
    if rest
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    Some(words.get(..cut).unwrap_or_default().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_modification_stamp_names_no_one() {
        assert!(split_byline("Last Updated: January 7, 2025").is_empty());
        assert!(split_byline("Zuletzt aktualisiert: 7. Januar 2025").is_empty());
    }

    #[test]
    fn personal_names_start_with_a_given_name() {
        assert_eq!(
            personal_name("Wolfgang Michal").as_deref(),
            Some("Wolfgang Michal")
        );
        assert_eq!(
            personal_name("Prof. Dr. Ann P. de Lee").as_deref(),
            Some("Ann P. de Lee")
        );
        assert_eq!(personal_name("Frankfurter Rundschau"), None);
        assert_eq!(personal_name("Anna"), None);
        assert_eq!(personal_name("Anna Roth Media Group Holding"), None);
        assert_eq!(personal_name("Anna Roth & Sons"), None);
    }

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

    #[test]
    fn lead_ins_and_trailing_dates() {
        assert_eq!(
            split_byline("Veröffentlicht von Cem Basman"),
            ["Cem Basman"]
        );
        assert_eq!(split_byline("Autor: Jo Bloggs"), ["Jo Bloggs"]);
        assert_eq!(
            split_byline("Posted on March 3, 2020 by Ann Lee"),
            ["Ann Lee"]
        );
        assert_eq!(
            split_byline("Publiziert am 3. März 2020 von Ann Lee"),
            ["Ann Lee"]
        );
        assert_eq!(split_byline("Ann Lee on March 3, 2020"), ["Ann Lee"]);
        assert_eq!(split_byline("Tomas Spahn Fr"), ["Tomas Spahn"]);
        assert_eq!(split_byline("Tomas Spahn; Fr"), ["Tomas Spahn"]);
        assert_eq!(split_byline("Ann Lee; Monday"), ["Ann Lee"]);
        assert_eq!(split_byline("Solar / Wind / Storage"), Vec::<String>::new());
        assert_eq!(split_byline("Ann / Bo Park / Cy"), ["Ann", "Bo Park", "Cy"]);
        assert_eq!(
            split_byline("Ann Lee; Quelle:; Bo Park"),
            ["Ann Lee", "Bo Park"]
        );
        assert_eq!(split_byline("06.11.2023 13:30 von Ann"), ["Ann"]);
        assert_eq!(
            split_byline("Redaktion: Ann Lee (Pressesprecherin des Vereins)"),
            ["Ann Lee"]
        );
        assert_eq!(split_byline("By"), Vec::<String>::new());
        assert_eq!(split_byline("Publiziert am"), Vec::<String>::new());
        assert_eq!(
            split_byline("Interview: Harald Willenbrock"),
            ["Harald Willenbrock"]
        );
        assert_eq!(split_byline("Artikel von: Jo Bloggs"), ["Jo Bloggs"]);
        assert_eq!(
            split_byline("Christoph Hein Chefredakteur"),
            ["Christoph Hein"]
        );
        assert_eq!(split_byline("Por"), Vec::<String>::new());
        assert_eq!(split_marked_byline("Artikel von"), Vec::<String>::new());
    }

    #[test]
    fn what_follows_the_name_on_its_line_goes() {
        assert_eq!(
            split_byline("by Ann Lee @ann_lee February 1, 2016"),
            ["Ann Lee"]
        );
        assert_eq!(split_byline("By ANN LEE JULY 29, 2016"), ["ANN LEE"]);
        assert_eq!(split_byline("Ann Lee 1 day ago"), ["Ann Lee"]);
        assert_eq!(split_byline("By Ann Lee Follow"), ["Ann Lee"]);
        assert_eq!(split_byline("von Ann Lee · 18. Oktober 2019"), ["Ann Lee"]);
        assert_eq!(split_byline("October 19, 2019 by Ann Lee"), ["Ann Lee"]);
        assert_eq!(
            split_byline("Gespeichert von Ann Lee am 3. März 2021"),
            ["Ann Lee"]
        );
        assert_eq!(split_byline("von Ann Lee in Kultur, Reisen"), ["Ann Lee"]);
        assert_eq!(split_byline("Alexa von Heyden"), ["Alexa von Heyden"]);
        // A phrase is no name: every word but a particle is capitalized.
        assert_eq!(split_byline("Zuletzt geändert"), Vec::<String>::new());
        assert_eq!(
            split_marked_byline("Ann Lee, Senior Staff Technologist, Example Project"),
            ["Ann Lee"]
        );
        assert_eq!(
            split_byline("Text von Ann Lee Illustration von Bo Park"),
            ["Ann Lee"]
        );
        assert_eq!(split_byline("Publicado por Ana Díaz"), ["Ana Díaz"]);
        assert_eq!(split_byline("Auteur : Ann Lee"), ["Ann Lee"]);
        // A month-like word is only cut together with the date after it.
        assert_eq!(split_byline("By Theresa May"), ["Theresa May"]);
    }

    #[test]
    fn handles_only_where_marked() {
        assert_eq!(split_byline("gnaddrig"), Vec::<String>::new());
        assert_eq!(split_marked_byline("Autor: gnaddrig"), ["gnaddrig"]);
        assert_eq!(split_marked_byline("a"), Vec::<String>::new());
        assert_eq!(split_marked_byline("Redaktion"), ["Redaktion"]);
        assert_eq!(split_byline("Redaktion"), Vec::<String>::new());
    }

    #[test]
    fn marked_signatures() {
        assert_eq!(split_marked_byline("Ann Lee @annlee"), ["Ann Lee"]);
        assert_eq!(split_marked_byline("By Staff Writer"), ["Staff Writer"]);
        assert_eq!(split_byline("By Staff Writer"), Vec::<String>::new());
        assert_eq!(split_marked_byline("der Kurt"), ["der Kurt"]);
        assert_eq!(split_marked_byline("acme-it Webteam"), ["acme-it Webteam"]);
        assert_eq!(split_marked_byline("acme GmbH"), Vec::<String>::new());
        assert_eq!(split_byline("Red. /"), ["Red."]);
        assert_eq!(split_marked_byline("posted in news"), Vec::<String>::new());
        assert_eq!(split_marked_text("Ann Lee annlee"), ["Ann Lee"]);
        assert_eq!(split_marked_text("Ann Lee · annlee"), ["Ann Lee"]);
        assert_eq!(
            split_marked_text("Photo from the Archive"),
            Vec::<String>::new()
        );
        assert_eq!(split_byline("Ann Lee; Updated; 3 May"), ["Ann Lee"]);
        assert_eq!(split_marked_text("Ana de la Cruz"), ["Ana de la Cruz"]);
        assert_eq!(split_marked_byline("Ann lee"), ["Ann lee"]);
    }
}
