//! Byte-level fast paths for ASCII text, which most archived news is: split
//! where a character predicate would decode every character.

/// The runs of an ASCII text's words that are already joined by single
/// spaces, in order: between two runs lies a gap of other `is_gap` bytes or
/// of more than one space. Joining the runs with one space gives the text's
/// words joined with one space, copied a run at a time rather than a word at
/// a time. Only meaningful on ASCII text (check with `str::is_ascii`); `is_gap`
/// must hold for the space.
pub fn spaced_runs(text: &str, is_gap: fn(u8) -> bool) -> SpacedRuns<'_> {
    SpacedRuns {
        text,
        is_gap,
        at: 0,
    }
}

/// The iterator of [`spaced_runs`].
pub struct SpacedRuns<'a> {
    text: &'a str,
    is_gap: fn(u8) -> bool,
    at: usize,
}

impl<'a> Iterator for SpacedRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let byte = |i: usize| bytes.get(i).copied();
        let gap = self.is_gap;
        let mut i = self.at;
        while byte(i).is_some_and(gap) {
            i += 1;
        }
        if i >= bytes.len() {
            self.at = i;
            return None;
        }
        let from = i;
        loop {
            while byte(i).is_some_and(|b| !gap(b)) {
                i += 1;
            }
            if byte(i) == Some(b' ') && byte(i + 1).is_some_and(|b| !gap(b)) {
                i += 1;
            } else {
                break;
            }
        }
        self.at = i;
        // Splitting ASCII text at ASCII bytes always lands on char boundaries.
        self.text.get(from..i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_at_double_spaces_and_other_gaps() {
        let space = |b: u8| b == b' ' || b == b'\n';
        let runs: Vec<&str> = spaced_runs("  one two  three\nfour five ", space).collect();
        assert_eq!(runs, ["one two", "three", "four five"]);
        assert_eq!(spaced_runs(" \n ", space).count(), 0);
        assert_eq!(spaced_runs("", space).count(), 0);
    }
}
