//! Escaping text from the data before it reaches a terminal.
//!
//! A page's title, a url or a file name can hold control characters: an
//! escape sequence that sets the terminal's title or clears the screen, a
//! carriage return that overwrites what was printed, a newline in a file
//! name that forges a line on stderr, or a bidirectional override that
//! shows text in another order than it is. Every field printed as text
//! goes through here first, as ripgrep and `ls -b` do: such characters are
//! shown as escapes (`\x1b`, `\n`, `\u{202e}`), everything else as it is.
//! JSON output needs none of this: serde_json escapes control characters.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

/// True for characters that must not reach a terminal raw: C0 and C1
/// controls, DEL, and the bidirectional embeddings, overrides and isolates.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) || keep(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// A value printed on one line (a title, a name, a url, a message): every
/// unsafe character escaped, line breaks and tabs included.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Text printed over several lines (an article's body): line breaks and
/// tabs kept, every other unsafe character escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// A path printed on one line: lossy for names that are not UTF-8, then
/// escaped like [`line`].
pub fn path(p: &Path) -> String {
    line(&p.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_shown_as_escapes() {
        assert_eq!(line("plain Kardashián"), "plain Kardashián");
        assert_eq!(
            line("a\x1b]0;owned\x07b\x1b[2Jc"),
            "a\\x1b]0;owned\\x07b\\x1b[2Jc"
        );
        assert_eq!(line("one\ntwo\rthree\tfour"), "one\\ntwo\\rthree\\tfour");
        assert_eq!(line("x\u{202e}gnp.exe"), "x\\u{202e}gnp.exe");
        assert_eq!(line("c1 \u{9b}31m"), "c1 \\u{9b}31m");
        assert_eq!(line("del\x7f"), "del\\x7f");
    }

    #[test]
    fn bodies_keep_their_line_breaks() {
        assert_eq!(
            text("para one\n\npara\ttwo\x1b[31m"),
            "para one\n\npara\ttwo\\x1b[31m"
        );
    }

    #[test]
    fn paths_with_newlines_cannot_forge_a_line() {
        let p = Path::new("/tmp/a\nlede: indexed 0 articles.txt");
        assert_eq!(path(p), "/tmp/a\\nlede: indexed 0 articles.txt");
    }
}
