//! The body of a page copy: runs of prose lines, the main run and where it
//! ends, and the lines dropped from it (captions, links, plugs; the author
//! bio is kept for the byline).

use super::rules;
use super::{is_credit, is_date_line, is_long, word_count};
use crate::extract::authors::clean_name;
use crate::extract::date::parse_date;

/// The body goes on past the end of its run of prose into the next runs
/// when what separates them reads as article text too: a list, a table,
/// short lines of at least [`rules::CONTINUE_MIN_WORDS`] words, or a
/// recipe box with its one-word headings, with no furniture, date or
/// footer marker among them (a photo's caption and credit may stand
/// there); then over a few closing sentences (a long last one may have
/// lost its full stop), and over the block a last line ending in a colon
/// announces. Returns the new last line of the body.
pub(super) fn continue_body(lines: &[&str], runs: &[Run], run_end: usize) -> usize {
    let mut end = run_end;
    for r in runs.iter().filter(|r| r.start > run_end) {
        if !continues_into(lines, end, r.start) {
            break;
        }
        end = r.end;
    }
    // Closing sentences too short to count as prose ("The full report is
    // linked below.") still end the article.
    let mut taken = 0;
    for (i, l) in lines.iter().enumerate().skip(end + 1) {
        if taken == rules::TAIL_MAX_LINES {
            break;
        }
        if l.is_empty() {
            continue;
        }
        // A closing line in brackets ("(Reporting by Ann Lee; Editing by
        // Bo Park)") is a whole one.
        let bracketed = l.starts_with('(') && l.ends_with(')');
        if !(word_count(l) >= rules::TAIL_MIN_WORDS
            && (ends_with_terminal(l)
                || bracketed
                || (is_long(l) && rules::INNER_SENTENCE_END.is_match(l)))
            && l.chars().count() <= rules::CAPTION_MAX_CHARS
            && article_like(l)
            && !rules::BYLINE.is_match(l)
            && bio_of(l, &[]).is_none())
        {
            break;
        }
        end = i;
        taken += 1;
    }
    announced_block_end(lines, end)
}

/// A body line ending with a colon announces what follows it: the next
/// block of lines (a list, a table, a few lines of code) belongs to the
/// article when each of them reads as article text. Returns the last line
/// of that block, or `end` when there is none.
pub(super) fn announced_block_end(lines: &[&str], end: usize) -> usize {
    let announces = lines.get(end).is_some_and(|l| l.trim_end().ends_with(':'));
    if !announces {
        return end;
    }
    let Some(first) = (end + 1..lines.len()).find(|&i| !lines[i].is_empty()) else {
        return end;
    };
    let mut last = end;
    for (i, l) in lines.iter().enumerate().skip(first) {
        if l.is_empty() || i - first >= rules::ANNOUNCED_MAX_LINES {
            break;
        }
        if word_count(l) < rules::CONTINUE_MIN_WORDS || !article_like(l) {
            break;
        }
        last = i;
    }
    last
}

/// Whether a body ending at line `end` goes on into prose starting at
/// `next`: at most [`rules::CONTINUE_MAX_GAP_LINES`] lines apart, with only
/// article text between them (see [`continue_body`]); a photo's caption
/// or credit among them does not stop it. One-word lines (a menu's
/// labels) do, unless the lines hold at least
/// [`rules::RECIPE_MIN_INGREDIENTS`] ingredient lines: then they are a
/// recipe box's headings and buttons ("Zutaten", "Print").
fn continues_into(lines: &[&str], end: usize, next: usize) -> bool {
    // Word counts first: a one-word menu label settles it without a regex.
    next.saturating_sub(end) <= rules::CONTINUE_MAX_GAP_LINES
        && lines.get(end + 1..next).is_some_and(|between| {
            let recipe = || {
                between
                    .iter()
                    .filter(|l| is_ingredient(l))
                    .nth(rules::RECIPE_MIN_INGREDIENTS - 1)
                    .is_some()
            };
            let label = |l: &str| word_count(l) < rules::CONTINUE_MIN_WORDS;
            // A photo's caption or credit between two runs of an article.
            let photo = |l: &str| is_credit(l) || rules::CAPTION_MARK.is_match(l);
            if between.iter().all(|l| l.is_empty() || !label(l)) {
                between
                    .iter()
                    .all(|l| l.is_empty() || article_like(l) || photo(l))
            } else {
                // A recipe box's headings and buttons ("Zutaten", "Print").
                recipe()
                    && between
                        .iter()
                        .all(|l| l.is_empty() || label(l) || article_like(l))
            }
        })
}

/// The body's first line, moved up from `start` over at most
/// [`rules::LEAD_MAX_LINES`] short sentences that open the article above
/// its first long line ("The town woke to snow."), or over the heading of
/// a live blog's first entry under its time stamp, never above `floor`.
pub(super) fn lead_start(lines: &[&str], start: usize, floor: usize) -> usize {
    let mut first = start;
    let mut taken = 0;
    for i in (floor..start).rev() {
        let Some(&l) = lines.get(i) else { break };
        if l.is_empty() {
            continue;
        }
        // A live blog's first entry: its heading under its time stamp.
        let under_time_stamp = i > floor
            && lines
                .get(i - 1)
                .is_some_and(|t| rules::TIME_STAMP.is_match(t));
        if under_time_stamp && taken < rules::LEAD_MAX_LINES && article_like(l) {
            first = i - 1;
            break;
        }
        if taken == rules::LEAD_MAX_LINES
            || word_count(l) < rules::LEAD_MIN_WORDS
            || !ends_with_terminal(l)
            || !article_like(l)
            || rules::BYLINE.is_match(l)
        {
            break;
        }
        first = i;
        taken += 1;
    }
    first
}

/// A line that may belong to the article's text: no furniture, date,
/// credit, caption or footer marker.
pub(super) fn article_like(l: &str) -> bool {
    !is_dropped(l)
        && !is_credit(l)
        && !rules::FOOTER.is_match(l)
        && !rules::TITLE_JUNK.is_match(l)
        && !rules::JUNK_ANYWHERE.is_match(l)
        && !rules::DATE_TIME_ISH.is_match(l)
        && !rules::CAPTION_MARK.is_match(l)
        && !rules::CLOSING_FURNITURE.is_match(l)
        && parse_date(l).is_none()
}

/// A line of article prose: long, ending like a sentence (or very long),
/// and not a dropped, credit or cookie notice line. A long headline or a
/// menu flattened into one line does not end like a sentence.
pub(super) fn is_prose(line: &str, dropped: bool) -> bool {
    prose_if_long(line, dropped, is_long(line))
}

/// [`is_prose`] for a line whose length was already looked at.
fn prose_if_long(line: &str, dropped: bool, long: bool) -> bool {
    !dropped
        && long
        && (ends_with_terminal(line) || word_count(line) >= rules::PROSE_ANY_END_WORDS)
        && !is_credit(line)
        && !is_cookie_notice(line)
}

/// Ends with sentence punctuation, in any script, allowing closing quotes.
/// German quotes close with “ and ‘ („…“, ‚…‘); a line that is one such
/// quotation from its first character is a testimonial or a pull quote,
/// not a sentence of the article's prose.
pub(super) fn ends_with_terminal(s: &str) -> bool {
    let german_quote_line = s.starts_with(['„', '‚']);
    let closing: &[char] = if german_quote_line {
        &['"', '\'', '”', '’', '»', '«', ')', ']']
    } else {
        &['"', '\'', '”', '’', '“', '‘', '»', '«', ')', ']']
    };
    s.trim_end_matches(closing)
        .ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '؟', '।'])
}

/// The first line below the headline is a standfirst when it is one short
/// sentence-like line that is not a byline, date or credit, and prose
/// follows it. A line that is itself the first line of the prose (`start`)
/// is a standfirst only as a teaser ([`rules::TEASER_ELLIPSIS`]) or when
/// what follows it is no prose (a byline, a date, a picture's credit):
/// a one-sentence line with more prose right under it is as likely the
/// article's opening paragraph, and stays in the body.
pub(super) fn is_dek(
    lines: &[&str],
    prose: &[bool],
    n: usize,
    start: usize,
    main_end: usize,
) -> bool {
    let line = lines[n];
    let words = word_count(line);
    let sentences = line.matches(['.', '!', '?']).count();
    let header_follows = || {
        (n + 1..lines.len())
            .find(|&i| !lines[i].is_empty())
            .is_some_and(|i| !prose[i])
    };
    (n < start || (n == start && (rules::TEASER_ELLIPSIS.is_match(line) || header_follows())))
        && n < main_end
        && words >= rules::DEK_MIN_WORDS
        && line.chars().count() <= rules::DEK_MAX_CHARS
        && (sentences <= 1 || line.contains("..."))
        && !is_dropped(line)
        && !is_credit(line)
        && !is_date_line(line)
        && !rules::BYLINE.is_match(line)
}

/// The headline of another article under a "read also" marker: a short
/// line, or one that does not end like a sentence (prose that follows the
/// marker is the article going on).
fn is_teaser_title(l: &str) -> bool {
    !is_long(l) || (l.chars().count() <= rules::META_LINE_MAX_CHARS && !ends_with_terminal(l))
}

/// A line dropped wherever it stands: page furniture, a short newsletter
/// plug.
pub(super) fn is_dropped(line: &str) -> bool {
    rules::DROP_LINE.is_match(line)
        || rules::TIME_STAMP.is_match(line)
        || (line.chars().count() <= rules::META_LINE_MAX_CHARS && rules::NEWSLETTER.is_match(line))
}

/// A cookie consent notice (see [`rules::COOKIE_NOTICE`]).
fn is_cookie_notice(line: &str) -> bool {
    rules::COOKIE.iter().any(|w| line.contains(w)) && rules::COOKIE_NOTICE.is_match(line)
}

/// A recipe's ingredient line (see [`rules::INGREDIENT`]); the first
/// character settles most lines without the regex.
fn is_ingredient(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_digit() || "½¼¾⅓⅔⅛".contains(c))
        && rules::INGREDIENT.is_match(line)
}

/// The article's run of prose: the first run of the first chain of runs
/// at least [`rules::MAIN_RUN_SHARE`] the size of the largest chain
/// (comments and footers come after the article and are sometimes
/// longer). A chain is runs the body would be continued over (see
/// [`continue_body`]): an article cut into small runs by code, lists or
/// tables weighs as a whole against one long block of comments or promos.
pub(super) fn main_run(lines: &[&str], runs: &[Run]) -> Option<Run> {
    // Each chain as the index of its first run and its size in chars.
    let mut chains: Vec<(usize, usize)> = Vec::new();
    for (k, r) in runs.iter().enumerate() {
        let continued = k
            .checked_sub(1)
            .and_then(|p| runs.get(p))
            .is_some_and(|p| continues_into(lines, p.end, r.start));
        match chains.last_mut() {
            Some(chain) if continued => chain.1 += r.chars,
            _ => chains.push((k, r.chars)),
        }
    }
    let largest = chains.iter().map(|c| c.1).max()?;
    chains
        .iter()
        .find(|c| c.1 as f64 >= rules::MAIN_RUN_SHARE * largest as f64)
        .and_then(|c| runs.get(c.0).copied())
}

/// A run of prose lines: first and last line index, and its size in chars.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) chars: usize,
}

/// The run of prose a headline at `t` heads: the first run below it, or
/// the rest of the run it stands in when at most
/// [`rules::RUN_HEAD_MAX_LINES`] prose lines of that run are above it (a
/// notice, a consent line or a long caption above the headline joined the
/// menu to the article).
pub(super) fn run_below(lines: &[&str], prose: &[bool], runs: &[Run], t: usize) -> Option<Run> {
    let next = runs.partition_point(|r| r.start <= t);
    if let Some(r) = next.checked_sub(1).and_then(|k| runs.get(k).copied()) {
        let prose = |k: &usize| prose[*k];
        if t < r.end && !prose(&t) {
            // Counting stops early: a long run is scanned once per line
            // otherwise.
            let head = (r.start..t)
                .filter(prose)
                .take(rules::RUN_HEAD_MAX_LINES + 1)
                .count();
            if head <= rules::RUN_HEAD_MAX_LINES {
                let start = (t + 1..=r.end).find(prose).unwrap_or(r.end);
                let head_chars: usize = (r.start..start)
                    .filter(prose)
                    .map(|k| lines.get(k).map_or(0, |l| l.chars().count()))
                    .sum();
                return Some(Run {
                    start,
                    end: r.end,
                    chars: r.chars.saturating_sub(head_chars),
                });
            }
        }
    }
    runs.get(next).copied()
}

/// The prose the article starts with under the headline at `t`: the rest
/// of the run the headline stands in (itself prose, or not), however much
/// of the run is above it (a box of teasers joined to the article by the page's menu), or
/// else the first run below it. Unlike [`run_below`], which decides
/// whether a line may head a run at all, this follows a headline already
/// chosen.
pub(super) fn article_run(lines: &[&str], prose: &[bool], runs: &[Run], t: usize) -> Option<Run> {
    let next = runs.partition_point(|r| r.start <= t);
    let inside = next.checked_sub(1).and_then(|k| runs.get(k).copied());
    match inside {
        Some(r) if t < r.end => {
            let start = (t + 1..=r.end)
                .find(|&k| prose.get(k).copied().unwrap_or(false))
                .unwrap_or(r.end);
            let head_chars: usize = (r.start..start)
                .filter(|&k| prose.get(k).copied().unwrap_or(false))
                .map(|k| lines.get(k).map_or(0, |l| l.chars().count()))
                .sum();
            Some(Run {
                start,
                end: r.end,
                chars: r.chars.saturating_sub(head_chars),
            })
        }
        _ => run_below(lines, prose, runs, t),
    }
}

/// Which lines are prose (see [`is_prose`]), worked out once per page;
/// `long` says which lines are long.
pub(super) fn prose_lines(lines: &[&str], dropped: &[bool], long: &[bool]) -> Vec<bool> {
    lines
        .iter()
        .zip(dropped)
        .zip(long)
        .map(|((l, &d), &g)| !l.is_empty() && prose_if_long(l, d, g))
        .collect()
}

/// The runs of long lines, two long lines being in one run when at most
/// [`rules::MAX_GAP_LINES`] short lines separate them.
pub(super) fn prose_runs(lines: &[&str], dropped: &[bool], prose: &[bool]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut gap = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() || dropped[i] {
            continue;
        }
        if prose[i] {
            let chars = line.chars().count();
            match runs.last_mut() {
                Some(r) if gap <= rules::MAX_GAP_LINES => {
                    r.end = i;
                    r.chars += chars;
                }
                _ => runs.push(Run {
                    start: i,
                    end: i,
                    chars,
                }),
            }
            gap = 0;
        } else {
            gap += 1;
        }
    }
    runs
}

/// A bio found at the end of the body: the author's name and the text.
pub(super) struct Bio {
    pub(super) name: Option<String>,
    pub(super) text: String,
}

/// Drops boilerplate lines from a run of lines and joins the rest into a
/// body; a "read also" marker alone on its line goes with the teaser
/// under it. `strict` keeps everything but the line patterns that never occur
/// in prose (for the simple shape). `authors` are the names the header
/// credits: a line that opens with one of them and describes them is
/// their bio wherever it stands after the text. Returns the body and any
/// author bio.
pub(super) fn strip_body(
    lines: &[&str],
    strict: bool,
    authors: &[String],
) -> (String, Option<Bio>) {
    let mut keep: Vec<bool> = lines.iter().map(|l| !l.is_empty()).collect();
    let mut bio: Option<Bio> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if rules::READ_ALSO_ALONE.is_match(line) {
            keep[i] = false;
            if let Some(n) = (i + 1..lines.len()).find(|&k| !lines[k].is_empty()) {
                if lines.get(n).is_some_and(|l| is_teaser_title(l)) {
                    keep[n] = false;
                }
            }
            continue;
        }
        if is_dropped(line) {
            keep[i] = false;
            continue;
        }
        if is_credit(line) {
            keep[i] = false;
            // The caption sits right above its credit, in the same
            // paragraph (unless the line is a caption ending in its credit).
            if i > 0
                && !rules::CAPTION_END.is_match(line)
                && !lines[i - 1].is_empty()
                && lines[i - 1].chars().count() <= rules::CAPTION_MAX_CHARS
            {
                keep[i - 1] = false;
            }
            continue;
        }
        if let Some((subject, name, credited)) = bio_of(line, authors) {
            let above = if i > 0 { lines[i - 1] } else { "" };
            // "Lia Beck\nLia Beck is a writer ...": a name line above its bio.
            let named_above = !above.is_empty() && above == subject;
            // Prose can say "X is a writer" too; a bio is at the end (only
            // other bios and closing notes after it), has its name above,
            // or is about a credited author.
            let prose_after = lines[i + 1..]
                .iter()
                .filter(|l| {
                    !l.is_empty() && is_long(l) && !is_dropped(l) && bio_of(l, authors).is_none()
                })
                .take(rules::BIO_MAX_PROSE_AFTER + 1)
                .count();
            let at_end = prose_after == 0;
            if named_above || at_end || (credited && prose_after <= rules::BIO_MAX_PROSE_AFTER) {
                keep[i] = false;
                if named_above {
                    keep[i - 1] = false;
                }
                bio = Some(Bio {
                    name: Some(name),
                    text: line.to_string(),
                });
                if !strict {
                    // Everything after a bio is the page's footer.
                    keep[i..].iter_mut().for_each(|k| *k = false);
                    break;
                }
            }
        }
    }
    let mut body = String::new();
    let mut prev_kept = false;
    for (i, line) in lines.iter().enumerate() {
        if !keep[i] {
            if line.is_empty() || !prev_kept {
                prev_kept = false;
            }
            continue;
        }
        if !body.is_empty() {
            // Lines of one paragraph stay together; a blank line or a
            // dropped line between them starts a new paragraph.
            body.push_str(if prev_kept && i > 0 && !lines[i - 1].is_empty() {
                "\n"
            } else {
                "\n\n"
            });
        }
        body.push_str(line);
        prev_kept = true;
    }
    (body, bio)
}

/// The bio a line opens: its subject as written, the subject as a name,
/// and whether that name is one of the credited `authors`. The subject is
/// the words before the first of [`rules::BIO_VERBS`] among the line's
/// first words, and must be a full name; then a credited author's name
/// and any of those verbs open a bio, another name only a copula and a
/// role ([`rules::BIO_COPULAS`], [`rules::BIO_ROLES`]) or a reporter's
/// beat ([`rules::BIO_BEATS`]). Words, not patterns: this runs on every
/// line.
fn bio_of<'a>(line: &'a str, authors: &[String]) -> Option<(&'a str, String, bool)> {
    let lower = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let words: Vec<&str> = line
        .split_whitespace()
        .take(rules::BIO_SUBJECT_MAX_WORDS + 2 + rules::BIO_ROLE_WITHIN)
        .collect();
    let k = (1..words.len().min(rules::BIO_SUBJECT_MAX_WORDS + 1))
        .find(|&k| rules::BIO_VERBS.contains(&words[k]))?;
    let verb_at = words[k].as_ptr() as usize - line.as_ptr() as usize;
    let subject = line[..verb_at].trim_end();
    if !(3..=rules::BIO_SUBJECT_MAX_CHARS).contains(&subject.chars().count()) {
        return None;
    }
    let name = full_name(subject)?;
    if authors.iter().any(|a| a.eq_ignore_ascii_case(&name)) {
        return Some((subject, name, true));
    }
    let verb = words[k];
    let next = words.get(k + 1).map(|w| lower(w)).unwrap_or_default();
    let beat = rules::BIO_BEATS
        .iter()
        .any(|(v, w)| *v == verb && (w.is_empty() || *w == next));
    let role = rules::BIO_COPULAS.contains(&verb)
        && words[k + 1..]
            .iter()
            .take(rules::BIO_ROLE_WITHIN)
            .any(|w| rules::BIO_ROLES.contains(&lower(w).as_str()));
    (beat || role).then_some((subject, name, false))
}

/// The subject of a bio line when it is a person's full name: two words or
/// more, each with a letter. The last paragraph of a story can read like a
/// bio ("She was an established author of love stories ...", "Guidant is a
/// key producer of equipment ..."), and is then the story's, not a byline.
fn full_name(subject: &str) -> Option<String> {
    let name = clean_name(subject)?;
    let mut words = name.split_whitespace();
    let lettered = words.clone().all(|w| w.chars().any(char::is_alphabetic));
    (words.nth(1).is_some() && lettered).then_some(name)
}
