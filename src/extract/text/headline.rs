//! Finding the headline of a page copy: searched backwards from the main
//! run of prose among the menu lines, breadcrumbs and furniture above it.

use std::hash::{BuildHasher, Hasher};

use super::body::{is_prose, run_below, Run};
use super::rules;
use super::{ends_like_sentence, is_credit, is_date_line, is_furniture, is_long, word_count};
use crate::extract::authors::clean_name;
use crate::extract::authors::rules::ROLE_WORD;
use crate::extract::date::parse_date;

/// A line that could be a headline: a few words, not a sentence of prose,
/// not a byline or a date line.
pub(super) fn title_like(s: &str) -> bool {
    let words = word_count(s);
    let chars = s.chars().count();
    (words >= 2 || chars >= 12)
        && words <= rules::TITLE_MAX_WORDS
        && chars <= rules::TITLE_MAX_CHARS
        && !ends_like_sentence(s)
        && !s.ends_with(':')
        && s.chars().any(char::is_alphabetic)
        && !rules::BYLINE.is_match(s)
        && !is_date_line(s)
}

/// A line the headline search considers in a page copy: looser than
/// [`title_like`] (one word, a final full stop, a date inside a longer
/// headline are all possible), the score sorts them out.
pub(super) fn headline_candidate(s: &str) -> bool {
    let words = word_count(s);
    (1..=rules::TITLE_MAX_WORDS).contains(&words)
        && !continues_a_line(s)
        && s.chars().count() <= rules::TITLE_MAX_CHARS
        && !s.ends_with(':')
        && s.chars().any(char::is_alphabetic)
        && !(words <= rules::BYLINE_MAX_WORDS && rules::BYLINE.is_match(s))
        && !(words <= rules::DATE_LINE_MAX_WORDS && is_date_line(s))
}

/// A line opening with an ellipsis ("… this page", "...or why") or an
/// ampersand ("& Bo Park, Editor", a byline's second name) goes on from a
/// line or a link before it, as a teaser's or a menu's second half does;
/// a headline stands on its own.
fn continues_a_line(s: &str) -> bool {
    s.starts_with('…') || s.starts_with("...") || s.starts_with('&')
}

/// The last step of a breadcrumb trail ("Home » News » Headline" gives
/// "Headline"), where a page's trail ends in its headline; any other line
/// as it is.
pub(super) fn breadcrumb_tail(line: &str) -> &str {
    rules::BREADCRUMB_SEPARATORS
        .iter()
        .find(|sep| {
            let n = line.matches(**sep).count();
            n >= rules::BREADCRUMB_MIN_SEPARATORS
                || (n == 1
                    && line
                        .split(**sep)
                        .next()
                        .is_some_and(|root| rules::BREADCRUMB_ROOT.is_match(root)))
        })
        .and_then(|sep| line.rsplit(*sep).next())
        .map(str::trim)
        .filter(|tail| tail.chars().any(char::is_alphabetic))
        .unwrap_or(line)
}

/// A line of short codes in one case: "DE FR IT EN", "ab cd ef gh".
pub(super) fn is_code_row(line: &str) -> bool {
    let mut n = 0;
    let (mut upper, mut lower) = (true, true);
    for w in line.split_whitespace() {
        let len = w.chars().count();
        if !(2..=rules::CODE_MAX_CHARS).contains(&len) || !w.chars().all(char::is_alphabetic) {
            return false;
        }
        upper &= !w.chars().any(char::is_lowercase);
        lower &= !w.chars().any(char::is_uppercase);
        n += 1;
    }
    n >= rules::CODE_ROW_MIN && (upper || lower)
}

/// A line that is only a person's name: two or three capitalized words.
pub(super) fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && line.chars().count() <= 40
        && !rules::NOT_NAME_STARTS
            .iter()
            .any(|w| words[0].eq_ignore_ascii_case(w))
        && words.iter().enumerate().all(|(k, w)| {
            (w.starts_with(char::is_uppercase)
                || (k > 0 && crate::extract::authors::rules::NAME_PARTICLES.contains(w)))
                && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
        })
        && !rules::TITLE_JUNK.is_match(line)
        && !rules::JUNK_ANYWHERE.is_match(line)
        && clean_name(line).is_some()
}

/// A line that is a short label, a colon and a person's name: "Protokoll:
/// Anna Keller", "Interview: John Smith". The name must start with a
/// common given name: a title-case headline ("Storm warning: Coast Road
/// Closed") has the same form.
pub(super) fn is_labelled_name(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(label, rest)| {
        (1..=rules::NAME_LABEL_MAX_WORDS).contains(&word_count(label))
            && crate::extract::authors::personal_name(rest).as_deref() == Some(rest.trim())
    })
}

/// A byline or a date line right below line `i` (after at most one other
/// line, a standfirst), before the prose at `prose_start`. `meta` keeps
/// what each line was found to be, as many candidates share lines below.
fn header_below(lines: &[&str], i: usize, prose_start: usize, meta: &mut [Option<bool>]) -> bool {
    (i + 1..prose_start.max(i + 1))
        .filter(|&k| !lines[k].is_empty())
        .take(2)
        .any(|k| {
            *meta[k].get_or_insert_with(|| {
                let l = lines[k];
                // A date has a number; most lines below a menu entry do not
                // and are spared the date parser.
                l.chars().count() <= rules::META_LINE_MAX_CHARS
                    && (rules::BYLINE.is_match(l)
                        || rules::BYLINE_ALONE.is_match(l)
                        || (l.chars().any(char::is_numeric) && parse_date(l).is_some())
                        || (k > i + 1 || word_count(lines[i]) >= rules::DEK_MIN_WORDS)
                            && name_byline(lines, k))
            })
        })
}

/// A table of contents' entry as it may stand again as a subheading
/// further down, as a hash: numbering ("1.", "2.3", "4)") and bullets
/// dropped, ASCII letters case folded (subheadings are often set in
/// capitals). `None` for a line without letters. A hash of the bytes, not
/// the folded text, because every short line of the page gets one.
fn contents_key(line: &str) -> Option<u64> {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    let rest = if rest.len() < line.len() && rest.starts_with(char::is_whitespace) {
        rest
    } else {
        line.strip_prefix(rules::CONTENTS_BULLETS).unwrap_or(line)
    };
    let mut letters = false;
    let mut hash = foldhash::fast::FixedState::default().build_hasher();
    for b in rest.trim().bytes() {
        // Bytes of other scripts count as letters.
        letters |= b.is_ascii_alphabetic() || !b.is_ascii();
        hash.write_u8(b.to_ascii_lowercase());
    }
    letters.then(|| hash.finish())
}

/// The lines of a table of contents and the subheadings it lists (`long`
/// says which lines are long): a stack
/// of at least [`rules::CONTENTS_MIN_ENTRIES`] short lines each of which
/// stands again, in the same order, as a line of its own further down,
/// with prose between most of them (a section's first subsection may
/// follow its heading at once; a menu repeated in the footer has no prose
/// in it). Neither is the page's headline: the first subheading under the
/// table would otherwise win as the line right above the prose, repeated
/// on the page.
pub(super) fn contents_lines(lines: &[&str], prose: &[bool], long: &[bool]) -> Vec<bool> {
    let mut marked = vec![false; lines.len()];
    let short: Vec<bool> = lines
        .iter()
        .zip(long)
        .map(|(l, &g)| !l.is_empty() && !g)
        .collect();
    let keys: Vec<Option<u64>> = lines
        .iter()
        .zip(&short)
        .map(|(l, &s)| if s { contents_key(l) } else { None })
        .collect();
    // Every short line's key with where it stands, sorted by key, then
    // by place, to find where a key stands again after a line.
    let mut at: Vec<(u64, usize)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.map(|k| (k, i)))
        .collect();
    at.sort_unstable();
    let again = |k: usize, after: usize| {
        let key = keys.get(k).copied().flatten()?;
        let n = at.partition_point(|&e| e <= (key, after));
        at.get(n).filter(|e| e.0 == key).map(|e| e.1)
    };
    // Prose lines above each line, to ask "any prose between" at once.
    let mut prose_above = Vec::with_capacity(lines.len() + 1);
    prose_above.push(0usize);
    for &p in prose {
        prose_above.push(prose_above.last().copied().unwrap_or(0) + usize::from(p));
    }
    let prose_between = |a: usize, b: usize| {
        prose_above.get(b).copied().unwrap_or(0) > prose_above.get(a + 1).copied().unwrap_or(0)
    };
    let mut i = 0;
    while i < lines.len() {
        let end = (i..lines.len()).find(|&k| !short[k]).unwrap_or(lines.len());
        // (entry, where it stands again) for the entries read so far.
        let mut chain: Vec<(usize, usize)> = Vec::new();
        for k in i..end {
            let next = match chain.last() {
                Some(&(_, prev)) => again(k, prev),
                None => again(k, k),
            };
            let next = next.or_else(|| {
                mark_chain(&chain, &prose_between, &mut marked);
                chain.clear();
                again(k, k)
            });
            if let Some(j) = next {
                chain.push((k, j));
            }
        }
        mark_chain(&chain, &prose_between, &mut marked);
        i = end + 1;
    }
    marked
}

/// Marks a chain of contents entries and their subheadings when it is a
/// table of contents: long enough, and with prose between most of its
/// subheadings.
fn mark_chain(
    chain: &[(usize, usize)],
    prose_between: &impl Fn(usize, usize) -> bool,
    marked: &mut [bool],
) {
    let sections = chain
        .windows(2)
        .filter(|w| prose_between(w[0].1, w[1].1))
        .count();
    if chain.len() >= rules::CONTENTS_MIN_ENTRIES && 2 * sections >= chain.len() {
        for &(entry, subheading) in chain {
            for k in [entry, subheading] {
                if let Some(m) = marked.get_mut(k) {
                    *m = true;
                }
            }
        }
    }
}

/// Whether a line ends with a full stop (closing quotes aside), as a
/// standfirst does; an ellipsis is a teaser's end.
fn ends_with_full_stop(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', '»', '«', ')'])
        .ends_with('.')
        && !s.ends_with("...")
}

/// The rest of the run of prose that line `t`, itself prose, heads: `t`
/// is among the run's first lines and a byline or a date stands right
/// below it (a headline of a sentence or two, ending in a full stop).
fn headed_run(
    lines: &[&str],
    prose: &[bool],
    runs: &[Run],
    t: usize,
    meta: &mut [Option<bool>],
) -> Option<Run> {
    let r = runs.iter().find(|r| r.start <= t && t <= r.end)?;
    let above = (r.start..t).filter(|&k| prose[k]).count();
    if above > rules::RUN_HEAD_MAX_LINES || t == r.end {
        return None;
    }
    let start = (t + 1..=r.end).find(|&k| prose[k])?;
    if !header_below(lines, t, start, meta) {
        return None;
    }
    let head_chars: usize = (r.start..start)
        .filter(|&k| prose[k])
        .map(|k| lines[k].chars().count())
        .sum();
    Some(Run {
        start,
        end: r.end,
        chars: r.chars.saturating_sub(head_chars),
    })
}

/// Whether a byline stands above line `i` in the header block it belongs
/// to: within [`rules::UNDER_BYLINE_LINES`] short lines above it, a
/// byline, or a bare name that bylines a headline ([`name_byline`]).
/// Such a line is the byline's role, place, affiliation or a button
/// ("Contributing columnist", "Reporting from Washington", "Follow on X"),
/// no headline.
fn under_byline(lines: &[&str], i: usize) -> bool {
    (0..i)
        .rev()
        .filter(|&k| !lines[k].is_empty())
        .take(rules::UNDER_BYLINE_LINES)
        .take_while(|&k| !is_long(lines[k]))
        .any(|k| {
            let l = lines[k];
            (word_count(l) <= rules::BYLINE_MAX_WORDS
                && (rules::BYLINE.is_match(l) || rules::BYLINE_ALONE.is_match(l)))
                || name_byline(lines, k)
        })
}

/// Whether line `k` is a bare name that bylines the headline above it: a
/// person's name (a common given name first, see `personal_name`), or
/// any name under a line of at least [`rules::DEK_MIN_WORDS`] words (a
/// headline or a standfirst, not a menu's label), with a date line or a
/// time within [`rules::NAME_DATE_WITHIN`] lines below it.
fn name_byline(lines: &[&str], k: usize) -> bool {
    let l = lines[k];
    let under_headline = || {
        lines[..k]
            .iter()
            .rev()
            .find(|a| !a.is_empty())
            .is_some_and(|a| word_count(a) >= rules::DEK_MIN_WORDS)
    };
    (crate::extract::authors::personal_name(l).as_deref() == Some(l)
        || (is_name_line(l) && under_headline()))
        && date_within(lines, k, rules::NAME_DATE_WITHIN)
}

/// Whether a date line, or a time ("vandaag, 07:45"), stands within `n`
/// non-empty lines below line `k`, with only buttons and handles ("Follow
/// on X", "@annlee") between.
fn date_within(lines: &[&str], k: usize, n: usize) -> bool {
    for l in lines[k + 1..].iter().filter(|l| !l.is_empty()).take(n) {
        if l.chars().count() <= rules::META_LINE_MAX_CHARS
            && (is_date_line(l) || rules::DATE_TIME_ISH.is_match(l))
        {
            return true;
        }
        // Buttons and handles may stand between (a headline may not).
        if word_count(l) > rules::BUTTON_MAX_WORDS {
            return false;
        }
    }
    false
}

/// Scores every title-like line followed closely by prose and returns the
/// best. The signals, and their weights, are in [`title_score`].
pub(super) fn find_title(
    lines: &[&str],
    dropped: &[bool],
    prose: &[bool],
    runs: &[Run],
    main: Run,
    name: &[String],
) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    let mut scores: Vec<(f64, usize)> = Vec::new();
    let mut meta: Vec<Option<bool>> = vec![None; lines.len()];
    // Past this line no line heads prose any more: it is the last run's
    // first prose line that has too many others of the run above it.
    let last_cut = runs.last().map_or(0, |r| {
        (r.start..=r.end)
            .filter(|&k| prose[k])
            .nth(rules::RUN_HEAD_MAX_LINES)
            .unwrap_or(r.end + 1)
    });
    for (i, line) in lines.iter().enumerate() {
        if i > main.end || i >= last_cut {
            break;
        }
        if line.is_empty() || dropped[i] || !headline_candidate(line) || is_credit(line) {
            continue;
        }
        // A headline long enough to read as prose heads the rest of its
        // run when its byline or date stands right below it.
        let own = if prose[i] {
            headed_run(lines, prose, runs, i, &mut meta)
        } else {
            None
        };
        let Some(run) = own.or_else(|| run_below(lines, prose, runs, i)) else {
            continue;
        };
        let run = &run;
        // Lines between the candidate and the prose below it; share
        // buttons and other dropped lines do not count.
        let between = (i + 1..run.start)
            .filter(|&k| !lines[k].is_empty() && !dropped[k])
            .count();
        // Under a headline with its byline or date, one-word lines (share
        // buttons, tags) stand between header and prose and cost nothing,
        // and the prose may start further down.
        let header = header_below(lines, i, run.start, &mut meta);
        let between = if header && between > rules::FREE_BETWEEN {
            (i + 1..run.start)
                .filter(|&k| !lines[k].is_empty() && !dropped[k] && word_count(lines[k]) > 1)
                .count()
        } else {
            between
        };
        if between
            > if header {
                rules::HEADER_LOOKAHEAD
            } else {
                rules::TITLE_LOOKAHEAD
            }
        {
            continue;
        }
        // Whatever stands between a header and the prose (a playlist, a
        // gallery) costs a headline with its byline no more than this.
        let between = if header {
            between.min(rules::HEADER_BETWEEN_CAP)
        } else {
            between
        };
        // The rest of the main run counts as the main run.
        let main = if run.end == main.end && run.start > main.start {
            Run {
                start: run.start,
                ..main
            }
        } else {
            main
        };
        let mut score = title_score(lines, i, between, header, run, main, name);
        // A whole line of prose is a standfirst more often than a headline.
        if own.is_some() {
            score -= rules::PROSE_HEADLINE_PENALTY;
        }
        scores.push((score, i));
        if best.map_or(true, |(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    // A best line under a nearly as good candidate is a second line of
    // the headline above it: its standfirst when it is long and the line
    // above shorter, or its subtitle when it stands on the very next line
    // and is no longer than it (a kicker above a headline is shorter) but
    // not as short as a label.
    if let Some((best_score, b)) = best {
        let above = (0..b).rev().find(|&k| !lines[k].is_empty());
        let candidate_above = above.and_then(|p| scores.iter().find(|c| c.1 == p).copied());
        if let Some((score, p)) = candidate_above {
            let (words_above, words_best) = (word_count(lines[p]), word_count(lines[b]));
            let standfirst = (is_long(lines[b])
                || (ends_with_full_stop(lines[b]) && !ends_like_sentence(lines[p])))
                && words_best >= rules::DEK_MIN_WORDS
                && words_above < words_best;
            let subtitle =
                p + 1 == b && words_above >= words_best && words_best >= rules::SUBTITLE_MIN_WORDS;
            if score > best_score - rules::DEK_ABOVE_MARGIN
                && score > rules::TITLE_MIN_SCORE
                && (standfirst || subtitle)
            {
                best = Some((score, p));
            }
        }
    }
    best.filter(|(s, _)| *s > rules::TITLE_MIN_SCORE)
        .map(|(_, i)| i)
}

/// How much the line at `i` looks like the headline of the prose `run`
/// that starts `between` non-empty lines below it; `header` when a byline
/// or date line stands right below it.
pub(super) fn title_score(
    lines: &[&str],
    i: usize,
    between: usize,
    header: bool,
    run: &Run,
    main: Run,
    name: &[String],
) -> f64 {
    let line = lines[i];
    let words = word_count(line);
    let mut score = rules::WORDS_SCORE
        .iter()
        .find(|(most, _)| words <= *most)
        .map_or(rules::MANY_WORDS_SCORE, |(_, s)| *s);
    // Headlines start with a capital (or a digit or quote), menus often not.
    if line.chars().next().is_some_and(|c| !c.is_lowercase()) {
        score += rules::CAPITAL_START_BONUS;
    }
    if is_furniture(line) {
        score -= rules::FURNITURE_PENALTY;
    }
    if ends_like_sentence(line) {
        score -= rules::SENTENCE_PENALTY;
    }
    if rules::DATE_TIME_ISH.is_match(line) {
        score -= rules::DATE_TIME_PENALTY;
    }
    if rules::CAPTION_MARK.is_match(line) {
        score -= rules::CAPTION_PENALTY;
    }
    // A name with a role ("Ann Lee Education editor") is a byline. A bare
    // name cannot be told from a two-noun German headline, so it stays.
    if words <= rules::BYLINE_MAX_WORDS
        && ROLE_WORD.is_match(line)
        && line
            .split_whitespace()
            .take(2)
            .all(|w| w.starts_with(char::is_uppercase))
    {
        score -= rules::NAME_PENALTY;
    }
    // "Protokoll: Ann Lee", "Fotos: Bo Park": a short label and a name
    // credit a person, as a byline does.
    if is_labelled_name(line) {
        score -= rules::NAME_PENALTY;
    }
    // Several labels in a row ("Home | News | Sport") are a menu.
    if line.matches(" | ").count() >= 2 || line.matches(" • ").count() >= 2 {
        score -= rules::MENU_PENALTY;
    }
    // A row of codes ("DE FR IT EN", "abc def gh"): language or section
    // switches, in one case, no word longer than a code.
    if is_code_row(line) {
        score -= rules::MENU_PENALTY;
    }
    // A line in capitals over a longer title-like line is its kicker.
    let below = lines[i + 1..].iter().find(|l| !l.is_empty());
    if line.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !line.chars().any(char::is_lowercase)
        && below.is_some_and(|b| title_like(b) && word_count(b) > words)
    {
        score -= rules::KICKER_PENALTY;
    }
    // A bare name under a longer title-like line: the byline of that line.
    let above = lines[..i].iter().rev().find(|l| !l.is_empty());
    if is_name_line(line) && above.is_some_and(|a| title_like(a) && word_count(a) > words) {
        score -= rules::NAME_UNDER_TITLE_PENALTY;
    } else if is_name_line(line) && date_within(lines, i, 1) {
        // A bare name over a date line: the byline of a header block.
        score -= rules::NAME_PENALTY;
    }
    if words <= rules::UNDER_BYLINE_MAX_WORDS && under_byline(lines, i) {
        score -= rules::UNDER_BYLINE_PENALTY;
    }
    // A byline in the lines below ends with the line ("Author Ann Lee"):
    // the line is the author's name, printed above the article.
    let below_window = &lines[i + 1..(i + 1 + rules::TITLE_LOOKAHEAD).min(lines.len())];
    if below_window
        .iter()
        .any(|l| l.len() > line.len() && l.ends_with(line) && rules::BYLINE.is_match(l))
    {
        score -= rules::NAME_PENALTY;
    }
    // Prose just above means the line is a subheading inside the article.
    let above_prose = lines[..i]
        .iter()
        .rev()
        .filter(|l| !l.is_empty())
        .take(rules::SUBHEAD_LOOKBEHIND)
        .any(|l| is_prose(l, false));
    if above_prose {
        score -= rules::SUBHEAD_PENALTY;
    }
    // The page repeats its headline (breadcrumb, footer, share text);
    // menus repeat short labels too, so only a real phrase counts.
    if words >= rules::REPEAT_MIN_WORDS {
        if lines.iter().enumerate().any(|(j, l)| j != i && *l == line) {
            score += rules::REPEAT_BONUS;
        } else if lines.iter().any(|l| {
            l.len() > line.len()
                && l.len() <= line.len() + rules::REPEAT_INSIDE_MAX_EXTRA
                && l.contains(line)
        }) {
            score += rules::REPEAT_INSIDE_BONUS;
        }
    }
    // A byline or a date right below (after at most a standfirst).
    if header {
        score += rules::HEADER_BONUS;
    }
    // The file is named after the page: its title, or its url's slug.
    if super::file_name::mentions(line, name) {
        score += rules::NAME_WORD_BONUS;
    }
    score -= rules::BETWEEN_PENALTY * between.saturating_sub(rules::FREE_BETWEEN) as f64;
    // The more prose follows, the likelier it is the article's headline;
    // the page's biggest run is most often the article.
    score += rules::RUN_LENGTH_WEIGHT
        * ((run.chars as f64) / rules::RUN_LENGTH_UNIT_CHARS)
            .ln()
            .clamp(rules::RUN_LENGTH_LOG_MIN, rules::RUN_LENGTH_LOG_MAX);
    let leads_into_main = run.start < main.start
        && main.start.saturating_sub(run.end) <= rules::LEADS_INTO_MAIN_LINES;
    if run.start == main.start || leads_into_main {
        score += rules::MAIN_RUN_BONUS;
    }
    score
}
