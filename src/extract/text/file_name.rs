//! Words of the file's name, as evidence for the headline.
//!
//! A saved copy is usually named after its page: the browser names it by
//! the page title, a crawler by the url's last segment ("archive-host.de-
//! muffin-grundrezept.txt"). A headline candidate that contains one of
//! those words is likelier the headline than the menu entries, teasers and
//! share buttons around it. A host in the name ("example.com", "news.de")
//! names the site, not the article, so the words up to its last domain
//! ending are not used; nor are short words, numbers and hashes, which
//! name nothing.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// Domain endings that mark where a host ends inside a file name.
const DOMAIN_ENDINGS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "info", "io", "eu", "de", "at", "ch", "uk", "fr", "it",
    "es", "pl", "nl", "be", "cl", "ar", "mx", "br", "pt", "se", "no", "dk", "fi", "cz", "ru", "us",
    "ca", "au", "nz", "in", "jp", "ie", "za", "tv",
];

/// Shortest name word that counts (shorter ones match too much).
const MIN_WORD_CHARS: usize = 5;

/// The folded words of a file's name that may say what the article is.
pub(super) fn name_words(path: &Path) -> Vec<String> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let name = name
        .strip_suffix(".gz")
        .unwrap_or(name)
        .trim_end_matches(".txt")
        .trim_end_matches(".text");
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    let after_host = words
        .iter()
        .rposition(|w| DOMAIN_ENDINGS.contains(&w.as_str()))
        .map_or(0, |i| i + 1);
    words
        .into_iter()
        .skip(after_host)
        .filter(|w| w.chars().count() >= MIN_WORD_CHARS && names_something(w))
        .collect()
}

/// Not a number, a hash or an id: some letters, and not only hex digits.
fn names_something(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters * 2 > word.chars().count() && !word.chars().all(|c| c.is_ascii_hexdigit())
}

/// Lowercase, German umlauts spelled out (as urls spell them), other
/// accents dropped: "Mineralölabsatz" and "mineraloelabsatz" meet.
pub(super) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase() {
            match c {
                'ä' => out.push_str("ae"),
                'ö' => out.push_str("oe"),
                'ü' => out.push_str("ue"),
                'ß' => out.push_str("ss"),
                c => out.extend(
                    std::iter::once(c)
                        .nfd()
                        .filter(|c| !unicode_normalization::char::is_combining_mark(*c)),
                ),
            }
        }
    }
    out
}

/// Whether a line has one of the name's words among its own.
pub(super) fn mentions(line: &str, name: &[String]) -> bool {
    !name.is_empty()
        && line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= MIN_WORD_CHARS)
            .any(|w| {
                let w = fold(w);
                name.contains(&w)
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_numbers_and_hashes_are_not_name_words() {
        let words = |p: &str| name_words(Path::new(p));
        assert_eq!(
            words("dir/archive.org.muffins.net.grundrezept.txt"),
            ["grundrezept"]
        );
        assert_eq!(
            words("news-site.de-Buergermeisterwahl.txt"),
            ["buergermeisterwahl"]
        );
        assert_eq!(words("bbc.com.52241221.txt"), Vec::<String>::new());
        assert_eq!(
            words("0af99c85f22b451a93a75bbf99ac412e.txt"),
            Vec::<String>::new()
        );
        assert_eq!(words("000_302393db9f3fea9b.txt"), Vec::<String>::new());
        // A browser's name for a page: its title, site and all.
        assert_eq!(
            words("Winter storm closes roads _ Weather _ Gazette.txt"),
            ["winter", "storm", "closes", "roads", "weather", "gazette"]
        );
    }

    #[test]
    fn lines_mention_name_words_across_case_and_umlauts() {
        let name = name_words(Path::new("blog.de-mineraloelabsatz.txt"));
        assert!(mentions("MineralölINFO November (Mineralölabsatz)", &name));
        assert!(!mentions("Mineral oil news", &name));
        assert!(!mentions("anything", &[]));
    }
}
