//! Ranking: on small collections written for these tests, the article a
//! reader wants must come first. BM25F's field weighting, natural-language
//! questions relaxed to any of their words, `--expand`, and `lede similar`.

use serde_json::json;

use lede::index;
use lede::search::{self, Matching, Model, Ranking, SearchRequest};

use crate::util::{parse_search, Dir};

/// One JSON Lines record.
fn record(title: &str, dek: Option<&str>, outlet: &str, date: &str, body: &str) -> String {
    json!({"title": title, "dek": dek, "source": outlet, "date": date, "language": "en", "text": body})
        .to_string()
}

/// Invented filler articles on other subjects, so that the words under
/// test are rare enough to tell articles apart (and so that expansion has
/// common words to leave out).
fn filler(n: usize) -> Vec<String> {
    const TOWNS: &[&str] = &[
        "Millbrook",
        "Ashford",
        "Corran",
        "Deepwell",
        "Elmstead",
        "Farrow",
    ];
    const SUBJECTS: &[(&str, &str)] = &[
        (
            "library",
            "The library extended its opening hours and added a reading room for students.",
        ),
        (
            "orchard",
            "Growers said the apple harvest came early after a dry and sunny summer.",
        ),
        (
            "marathon",
            "Runners crossed the finish line near the old mill as crowds cheered.",
        ),
        (
            "school",
            "Teachers welcomed a new science laboratory paid for by parents and local firms.",
        ),
        (
            "market",
            "Stallholders sold cheese, bread and honey at the busiest market in years.",
        ),
        (
            "museum",
            "The museum opened an exhibition of maps drawn by sailors two centuries ago.",
        ),
        (
            "choir",
            "The choir rehearsed every evening for the festival concert in the cathedral.",
        ),
    ];
    (0..n)
        .map(|i| {
            let town = TOWNS[i % TOWNS.len()];
            let (subject, sentence) = SUBJECTS[i % SUBJECTS.len()];
            record(
                &format!("{town} {subject} news, week {i}"),
                None,
                "Valley Star",
                "2022-05-01",
                &format!("{sentence} Residents of {town} said the week had been a good one. Officials thanked volunteers for their help number {i}."),
            )
        })
        .collect()
}

fn write_feed(dir: &Dir, records: &[String]) {
    dir.write("corpus/feed.jsonl", records.join("\n") + "\n");
}

/// A word in the headline, dek and body of one article against that word
/// and a rarer one in the body of another: the reader who asks for a ferry
/// strike wants the second.
fn ferry_collection() -> Vec<String> {
    let mut records = vec![
        record(
            "Ferry timetable for the summer",
            Some("Crossings to the island leave hourly from the ferry pier"),
            "Harbor Ledger",
            "2022-06-01",
            "The company published its summer timetable for the ferry, with crossings every hour.",
        ),
        record(
            "Dockworkers walk out at the port",
            None,
            "Harbor Ledger",
            "2022-06-02",
            "A strike by dockworkers stopped the ferry to the island on Monday, and union leaders said the walkout would last until wages were settled with the port authority.",
        ),
        record(
            "Teachers vote on pay offer",
            None,
            "Valley Star",
            "2022-06-03",
            "Teachers at the three secondary schools met in the sports hall on Wednesday evening to vote on the pay offer from the education board, which would raise salaries by four percent over two years and add a day of training each term. Union officials said members who rejected the offer could strike in the autumn.",
        ),
    ];
    for (title, body) in [
        (
            "New ferry ordered",
            "The island council ordered a new ferry from a shipyard in the north.",
        ),
        (
            "Ferry fares rise",
            "Fares on the ferry will rise by a tenth in January.",
        ),
        (
            "Ferry pier repaired",
            "Divers finished repairs to the ferry pier after the winter storms.",
        ),
        (
            "Ferry crew honoured",
            "The crew of the night ferry were honoured for a rescue at sea.",
        ),
        (
            "Ferry museum opens",
            "A museum of old ferry posters opened beside the harbour.",
        ),
    ] {
        records.push(record(title, None, "Valley Star", "2022-06-04", body));
    }
    records.extend(filler(10));
    records
}

fn titles_for(dir: &Dir, request: &SearchRequest) -> Vec<String> {
    let opened = index::open(&dir.join("index")).expect("open index");
    search::search(&opened, request)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.title.unwrap_or_default())
        .collect()
}

fn build_index(dir: &Dir) {
    dir.lede(&["index", "corpus"]).expect_code(0);
}

#[test]
fn bm25f_saturates_a_word_once_across_fields_where_per_field_bm25_does_not() {
    let dir = Dir::new();
    write_feed(&dir, &ferry_collection());
    build_index(&dir);
    let mut request = SearchRequest::new("ferry strike");
    request.matching = Matching::Any;
    request.collapse = false;
    let bm25f = titles_for(&dir, &request);
    assert_eq!(bm25f[0], "Dockworkers walk out at the port", "{bm25f:?}");
    // The same collection under the summed per-field BM25 lede used
    // before: the timetable's "ferry" in headline, dek and body outweighs
    // an article with both words. (This is what BM25F fixes.)
    request.ranking = Ranking {
        model: Model::PerField,
        k1: 1.2,
        ..Ranking::DEFAULT
    };
    let per_field = titles_for(&dir, &request);
    assert_eq!(
        per_field[0], "Ferry timetable for the summer",
        "{per_field:?}"
    );
}

#[test]
fn the_headline_counts_more_than_the_body() {
    let dir = Dir::new();
    let mut records = vec![
        record(
            "Lighthouse keeper retires after forty years",
            None,
            "Harbor Ledger",
            "2022-07-01",
            "After four decades on the rocks, the keeper handed over the keys on Friday and moved inland to live with her sister.",
        ),
        record(
            "Coastal walk reopens",
            None,
            "Harbor Ledger",
            "2022-07-02",
            "The coastal walk reopened past the cliffs, the old quarry and the lighthouse, with new fencing along the steepest stretch and benches every mile for walkers who want to stop and look at the sea.",
        ),
    ];
    records.extend(filler(10));
    write_feed(&dir, &records);
    build_index(&dir);
    // With the headline weighing as much as the body (1) the walk, whose
    // body is longer, comes first; at lede's 3 the keeper does.
    let titles = titles_for(&dir, &SearchRequest::new("lighthouse"));
    assert_eq!(
        titles,
        [
            "Lighthouse keeper retires after forty years",
            "Coastal walk reopens"
        ]
    );
}

/// A council story and others that share some of a question's words.
fn council_collection() -> Vec<String> {
    let mut records = vec![
        record(
            "Council approves harbor bridge design",
            Some("A cable-stayed span will replace the swing bridge by 2026"),
            "Harbor Ledger",
            "2022-03-10",
            "Councillors voted seven to two on Tuesday for the cable-stayed design of the new harbor bridge, ending two years of argument over cost and shipping clearance.",
        ),
        record(
            "Harbor dredging delayed",
            None,
            "Harbor Ledger",
            "2022-03-11",
            "Dredging of the harbor channel was put off until autumn because the contractor's barge broke down.",
        ),
        record(
            "Council budget meeting runs late",
            None,
            "Valley Star",
            "2022-03-12",
            "The council met until midnight and decided nothing about the budget for parks.",
        ),
    ];
    records.extend(filler(10));
    records
}

#[test]
fn a_question_no_article_answers_word_for_word_is_relaxed_to_any_word() {
    let dir = Dir::new();
    write_feed(&dir, &council_collection());
    build_index(&dir);
    let question = "What did the council decide about the new harbor bridge?";
    let run = dir.lede(&["search", question, "--json"]);
    run.expect_code(0);
    let (_, hits, summary) = parse_search(&run);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Council approves harbor bridge design")
    );
    assert!(summary.relaxed, "{}", run.stdout);
    assert_eq!(summary.all_words, Some(0));
    assert!(summary.expansion.is_empty());
    // Asking for every word finds nothing, and says so with exit code 1.
    let strict = dir.lede(&["search", question, "--match", "all", "--json"]);
    strict.expect_code(1);
    let (_, none, summary) = parse_search(&strict);
    assert!(none.is_empty() && !summary.relaxed);
    // Articles with every word come first when there are some, even if
    // others score higher on fewer words.
    let run = dir.lede(&["search", "council harbor", "--json"]);
    let (_, hits, summary) = parse_search(&run);
    assert_eq!(summary.all_words, Some(1));
    assert!(summary.relaxed);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Council approves harbor bridge design")
    );
    assert_eq!(hits.len(), 3, "{:?}", hits);
    // Function words alone are searched as typed, never refused.
    let run = dir.lede(&["search", "for the", "--match", "any", "--json"]);
    run.expect_code(0);
    let (_, hits, _) = parse_search(&run);
    assert!(!hits.is_empty());
    // A page full of articles with every word is not relaxed.
    let run = dir.lede(&["search", "council harbor", "--json", "--limit", "1"]);
    let (_, hits, summary) = parse_search(&run);
    assert_eq!((hits.len(), summary.total, summary.relaxed), (1, 1, false));
}

#[test]
fn prose_punctuation_is_read_as_punctuation_not_syntax() {
    let dir = Dir::new();
    write_feed(&dir, &council_collection());
    build_index(&dir);
    let run = dir.lede(&[
        "search",
        "Harbor bridge: what did the council decide / vote?",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("1. Council approves harbor bridge design"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("as punctuation"), "{}", run.stderr);
    // A field that does not exist, written as syntax, is still an error.
    dir.lede(&["search", "bridge:council"]).expect_code(2);
}

/// Clemency stories that also say "pardon", and one that only says
/// "pardon": a first search for clemency cannot find it; expansion can.
fn clemency_collection() -> Vec<String> {
    let mut records = vec![
        record(
            "Governor grants clemency to two veterans",
            None,
            "Capitol Wire",
            "2021-01-05",
            "The governor granted clemency to two veterans on Friday. The pardon board had recommended a pardon for both men after hearings in the autumn.",
        ),
        record(
            "Clemency petitions pile up",
            None,
            "Capitol Wire",
            "2021-02-05",
            "Clemency petitions are piling up on the governor's desk, and the pardon board says it needs more staff to review each pardon request.",
        ),
        record(
            "Advocates press for clemency",
            None,
            "Valley Star",
            "2021-03-05",
            "Advocates rallied for clemency outside the capitol, asking the pardon board to speed up its work on every pending pardon.",
        ),
        record(
            "Board recommends commutation for grandmother",
            None,
            "Valley Star",
            "2021-04-05",
            "The pardon board recommended a commutation for a grandmother serving a life sentence, sending the pardon file to the governor.",
        ),
    ];
    records.extend(filler(40));
    records
}

#[test]
fn expansion_finds_an_article_in_other_words_and_names_the_words_added() {
    let dir = Dir::new();
    write_feed(&dir, &clemency_collection());
    build_index(&dir);
    let plain = dir.lede(&["search", "clemency", "--json"]);
    let (_, hits, _) = parse_search(&plain);
    let commutation = Some("Board recommends commutation for grandmother");
    assert!(hits.iter().all(|h| h.title.as_deref() != commutation));
    let run = dir.lede(&["search", "clemency", "--expand", "--json"]);
    run.expect_code(0);
    let (_, hits, summary) = parse_search(&run);
    assert!(
        hits.iter().any(|h| h.title.as_deref() == commutation),
        "{hits:?}"
    );
    assert!(
        summary.expansion.iter().any(|w| w == "pardon"),
        "{:?}",
        summary.expansion
    );
    // The articles that use the word asked for still come first.
    assert!(hits[..3]
        .iter()
        .all(|h| h.title.as_deref().unwrap_or("").contains("lemency")));
    let text = dir.lede(&["search", "clemency", "--expand"]);
    assert!(text.stdout.contains("expanded with: "), "{}", text.stdout);
}

/// A story, a syndicated copy of it, a follow-up, and other news.
fn story_collection() -> Vec<String> {
    let story = "Engineers closed the Tarrow Street bridge on Monday after inspectors found cracks in two of its steel girders during a routine survey. The city said the bridge, built in 1931 and carrying twelve thousand vehicles a day, would stay shut to traffic for at least a month while the girders were tested in a laboratory. Buses will be diverted across the Mill Lane crossing, adding about ten minutes to journeys into the centre, and pedestrians can still use the footpath on the upstream side. The council apologised to drivers and said a decision on repairs would follow the tests.";
    let mut records = vec![
        record(
            "Tarrow Street bridge closed after inspectors find cracks",
            None,
            "Harbor Ledger",
            "2023-02-06",
            story,
        ),
        record(
            "Cracks close Tarrow Street bridge",
            None,
            "Valley Star",
            "2023-02-06",
            &story.replace("on Monday", "Monday"),
        ),
        record(
            "Tarrow Street bridge girders to be replaced",
            None,
            "Valley Star",
            "2023-03-20",
            "Tests on the cracked steel girders of the Tarrow Street bridge showed both must be replaced, the city said, keeping the 1931 bridge shut until summer. Buses will keep using the Mill Lane crossing.",
        ),
        record(
            "Mill Lane resurfacing finished",
            None,
            "Harbor Ledger",
            "2023-01-10",
            "Crews finished resurfacing Mill Lane ahead of schedule, the city said.",
        ),
    ];
    records.extend(filler(12));
    records
}

#[test]
fn similar_finds_the_follow_up_and_leaves_out_the_story_and_its_copies() {
    let dir = Dir::new();
    write_feed(&dir, &story_collection());
    build_index(&dir);
    let found = dir.lede(&["search", "Tarrow inspectors", "--json", "--match", "all"]);
    let (_, hits, _) = parse_search(&found);
    assert_eq!(hits.len(), 1, "the copy is collapsed into the story");
    assert_eq!(hits[0].duplicates.len(), 1);
    let id = hits[0].id.clone();
    let copy = hits[0].duplicates[0].id.clone();
    let run = dir.lede(&["similar", &id, "--json"]);
    run.expect_code(0);
    let (begin, similar, _) = parse_search(&run);
    assert_eq!(begin.query, id);
    assert_eq!(
        similar[0].title.as_deref(),
        Some("Tarrow Street bridge girders to be replaced")
    );
    assert!(similar.iter().all(|h| h.id != id && h.id != copy));
    // The copy asks for the same story, and gets the same answer.
    let from_copy = dir.lede(&["similar", &copy, "--json"]);
    let (_, again, _) = parse_search(&from_copy);
    assert_eq!(again[0].title, similar[0].title);
    assert!(again.iter().all(|h| h.id != id && h.id != copy));
    // Filters and the text format work as in `search`.
    let filtered = dir.lede(&["similar", &id, "--outlet", "Harbor Ledger", "--json"]);
    let (_, only, _) = parse_search(&filtered);
    assert!(
        only.iter()
            .all(|h| h.outlet.as_deref() == Some("Harbor Ledger")),
        "{only:?}"
    );
    let text = dir.lede(&["similar", &id]);
    text.expect_code(0);
    assert!(
        text.stdout
            .starts_with("1. Tarrow Street bridge girders to be replaced"),
        "{}",
        text.stdout
    );
    let missing = dir.lede(&["similar", "0000000000000000"]);
    missing.expect_code(2);
    assert!(
        missing.stderr.contains("no article with id"),
        "{}",
        missing.stderr
    );
}

#[test]
fn the_search_summary_keeps_its_keys_and_adds_the_new_ones() {
    let dir = Dir::new();
    write_feed(&dir, &council_collection());
    build_index(&dir);
    let run = dir.lede(&["search", "bridge", "--json"]);
    let last = run.stdout.lines().last().unwrap_or_default();
    let keys = [
        "total",
        "returned",
        "offset",
        "elapsed_ms",
        "relaxed",
        "all_words",
        "expansion",
    ];
    let at: Vec<Option<usize>> = keys
        .iter()
        .map(|k| last.find(&format!("\"{k}\":")))
        .collect();
    assert!(at.iter().all(Option::is_some), "{last}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{last}");
}
