//! Searching like a news researcher: filters, dates, sorting, paging,
//! counts, snippets, facets, timelines, duplicate groups and languages,
//! each on a fixture archive written here (JSON Lines, so every field is
//! under the test's control).

use serde_json::json;

use crate::util::{parse_stream, Dir, Run};

/// The wire story three outlets ran, with small edits each.
const WIRE: &str = "The state parole board recommended clemency on Thursday for four prisoners serving life terms for crimes committed as teenagers, sending the petitions to the governor for a final decision. The board voted three to two after a hearing that lasted more than six hours. Relatives of two victims urged the board to reject the requests, saying the sentences had been handed down by a jury and should stand. Advocates said the four men had spent decades earning degrees and mentoring younger inmates. The governor has ninety days to act on the recommendations and has not said how she will decide.";

fn record(
    title: &str,
    outlet: &str,
    authors: &[&str],
    date: Option<&str>,
    lang: &str,
    body: &str,
) -> String {
    json!({"title": title, "source": outlet, "authors": authors, "date": date, "language": lang, "text": body}).to_string()
}

/// A small archive over four years, one undated article, three copies of
/// one wire story, and articles in German and English.
fn archive() -> Dir {
    let dir = Dir::new();
    let wire_b = WIRE
        .replace("on Thursday", "Thursday")
        .replace("has not said", "has not yet said");
    let wire_c = WIRE
        .replace(
            "The governor has ninety days",
            "Gov. Ruth Alder has ninety days",
        )
        .replace("urged the board", "asked the board");
    let lines = [
        record("Parole board backs clemency for four lifers", "Capitol Wire", &["Ann Lee"], Some("2021-05-06T15:00:00Z"), "en", WIRE),
        record("Board recommends clemency for four", "Valley Star", &["Ann Lee"], Some("2021-05-06T18:00:00Z"), "en", &wire_b),
        record("Four lifers closer to clemency", "Harbor Ledger", &["Ann Lee"], Some("2021-05-07"), "en", &wire_c),
        record("Governor pardons two veterans", "Valley Star", &["Bo Park", "Cy Diaz"], Some("2019-03-02"), "en",
            "The governor pardoned two veterans whose convictions for minor drug offences had kept them from jobs. Pardons in the state are rare."),
        record("Pardon requests pile up", "Harbor Ledger", &["Cy Diaz"], Some("2020-07-15"), "en",
            "More than three hundred pardon requests are waiting for review, the clemency office said, the largest backlog in a decade."),
        record("Clemency office adds staff", "Capitol Wire", &["Dee Ross"], Some("2022-11-30"), "en",
            "The clemency office hired six lawyers to clear its backlog of pardon and commutation requests within a year."),
        record("Clemency debate has no date", "Riverside Notes", &["Eve Moss"], None, "en",
            "An undated essay about clemency and how governors use the pardon power in election years."),
        record("Gnadengesuche stapeln sich im Ministerium", "Lindenblatt", &["Jörg Brandt"], Some("2021-02-10"), "de",
            "Im Justizministerium stapeln sich die Gnadengesuche. Kein Pardon gebe es für Wiederholungstäter, sagte die Ministerin am Mittwoch in der Hauptstadt."),
        record("City opens new library branch", "Valley Star", &["Bo Park"], Some("2023-09-01"), "en",
            "The new branch library opened with a reading room, a maker space and longer weekend hours."),
    ];
    dir.write("archive/feed.jsonl", lines.join("\n"));
    dir.lede(&["index", "archive"]).expect_code(0);
    dir
}

fn titles(run: &Run) -> Vec<String> {
    parse_stream(run)
        .hits
        .into_iter()
        .map(|h| h.title.unwrap_or_default())
        .collect()
}

/// Runs a JSON search with a fixed clock.
fn search(dir: &Dir, args: &[&str]) -> Run {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    crate::util::lede_env(dir.path(), &all, &[("LEDE_NOW", "2023-12-31T12:00:00Z")])
}

#[test]
fn author_outlet_and_language_filters_are_exact_and_repeatable() {
    let dir = archive();
    let mut by_cy =
        titles(search(&dir, &["pardon OR clemency", "--author", "cy diaz"]).expect_code(0));
    by_cy.sort();
    assert_eq!(
        by_cy,
        ["Governor pardons two veterans", "Pardon requests pile up"]
    );
    // A partial name is not a name.
    search(&dir, &["pardon", "--author", "Cy"]).expect_code(1);
    let two = titles(
        search(
            &dir,
            &[
                "clemency OR pardon",
                "--outlet",
                "capitol wire",
                "--outlet",
                "HARBOR LEDGER",
                "--no-collapse",
            ],
        )
        .expect_code(0),
    );
    assert_eq!(two.len(), 4, "{two:?}");
    let de = parse_stream(search(&dir, &["Pardon", "--lang", "de"]).expect_code(0));
    assert_eq!(de.hits.len(), 1);
    assert_eq!(
        de.hits[0].title.as_deref(),
        Some("Gnadengesuche stapeln sich im Ministerium")
    );
    assert_eq!(de.hits[0].lang.as_deref(), Some("de"));
    assert_eq!(de.hits[0].url, None, "the record states no url");
}

#[test]
fn date_bounds_exclude_undated_articles_and_relative_spans_use_the_clock() {
    let dir = archive();
    let all = parse_stream(search(&dir, &["clemency", "--no-collapse"]).expect_code(0));
    assert!(
        all.hits.iter().any(|h| h.published.is_none()),
        "undated article found without a date filter"
    );
    let since = parse_stream(
        search(&dir, &["clemency", "--since", "2021", "--no-collapse"]).expect_code(0),
    );
    assert!(
        since
            .hits
            .iter()
            .all(|h| h.published.as_deref().is_some_and(|d| d >= "2021")),
        "{:?}",
        since.hits
    );
    assert_eq!(since.summary.total, 4);
    let until = titles(search(&dir, &["pardon OR clemency", "--until", "2020-07"]).expect_code(0));
    assert_eq!(until.len(), 2, "{until:?}");
    let window = titles(
        search(
            &dir,
            &[
                "clemency",
                "--since",
                "2021-05-07",
                "--until",
                "2021-05-07",
                "--no-collapse",
            ],
        )
        .expect_code(0),
    );
    assert_eq!(window, ["Four lifers closer to clemency"]);
    // Relative to LEDE_NOW = 2023-12-31: the last 14 months hold one clemency story.
    let recent = titles(search(&dir, &["clemency", "--since", "14m"]).expect_code(0));
    assert_eq!(recent, ["Clemency office adds staff"]);
    search(&dir, &["clemency", "--since", "12m"]).expect_code(1);
    let recent = titles(search(&dir, &["clemency", "--since", "61w"]).expect_code(0));
    assert_eq!(recent, ["Clemency office adds staff"]);
    let bad = search(&dir, &["clemency", "--since", "last tuesday"]);
    bad.expect_code(2);
    assert!(
        bad.stderr.contains("cannot read --since \"last tuesday\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn sorting_paging_and_counting() {
    let dir = archive();
    let newest = parse_stream(
        search(
            &dir,
            &["clemency OR pardon", "--sort", "newest", "--no-collapse"],
        )
        .expect_code(0),
    );
    let dates: Vec<Option<String>> = newest.hits.iter().map(|h| h.published.clone()).collect();
    assert_eq!(
        dates.first().cloned().flatten().as_deref(),
        Some("2022-11-30")
    );
    assert_eq!(
        dates.last().cloned().flatten(),
        None,
        "undated last: {dates:?}"
    );
    let oldest = parse_stream(
        search(
            &dir,
            &["clemency OR pardon", "--sort", "oldest", "--no-collapse"],
        )
        .expect_code(0),
    );
    assert_eq!(oldest.hits[0].published.as_deref(), Some("2019-03-02"));
    assert_eq!(oldest.hits.last().and_then(|h| h.published.clone()), None);

    let page1 = parse_stream(
        search(
            &dir,
            &["clemency OR pardon", "--limit", "2", "--no-collapse"],
        )
        .expect_code(0),
    );
    let page2 = parse_stream(
        search(
            &dir,
            &[
                "clemency OR pardon",
                "--limit",
                "2",
                "--offset",
                "2",
                "--no-collapse",
            ],
        )
        .expect_code(0),
    );
    assert_eq!(page2.hits[0].rank, 3);
    assert_eq!(page2.summary.offset, 2);
    assert!(page1
        .hits
        .iter()
        .all(|a| page2.hits.iter().all(|b| a.id != b.id)));
    let past = search(&dir, &["clemency", "--offset", "50"]);
    past.expect_code(1);
    assert!(parse_stream(&past).hits.is_empty());
    assert!(parse_stream(&past).summary.total > 0);

    let count = crate::util::lede_in(
        dir.path(),
        &["search", "clemency", "--count", "--no-collapse"],
    );
    count.expect_code(0);
    assert_eq!(count.stdout.trim(), "6");
    crate::util::lede_in(dir.path(), &["search", "zeppelin", "--count"]).expect_code(1);
}

#[test]
fn recency_blends_relevance_with_a_half_life() {
    let dir = archive();
    let plain = titles(search(&dir, &["pardon", "--no-collapse"]).expect_code(0));
    let recent = parse_stream(
        search(&dir, &["pardon", "--recency", "180d", "--no-collapse"]).expect_code(0),
    );
    assert_eq!(
        recent.hits[0].title.as_deref(),
        Some("Clemency office adds staff"),
        "plain order was {plain:?}"
    );
    assert!(recent.hits.windows(2).all(|w| w[0].score >= w[1].score));
    search(&dir, &["pardon", "--recency", "soon"]).expect_code(2);
}

#[test]
fn stemming_folding_fuzzy_prefix_and_phrases() {
    let dir = archive();
    // English stems: "pardoned" finds "pardons" and "pardon".
    let stems = titles(search(&dir, &["pardoned", "--lang", "en", "--no-collapse"]).expect_code(0));
    assert!(stems.len() >= 4, "{stems:?}");
    // German words are found by German stems, not by English ones.
    assert_eq!(
        titles(search(&dir, &["Gnadengesuch"]).expect_code(0)),
        ["Gnadengesuche stapeln sich im Ministerium"]
    );
    let english = titles(search(&dir, &["pardoning", "--no-collapse"]).expect_code(0));
    assert!(
        !english.iter().any(|t| t.starts_with("Gnadengesuche")),
        "German text was English-stemmed: {english:?}"
    );
    assert!(english.iter().any(|t| t == "Governor pardons two veterans"));
    // Accents folded both ways.
    assert!(!titles(search(&dir, &["Jorg"]).expect_code(0)).is_empty());
    // Typos, prefixes and phrases.
    assert!(!titles(search(&dir, &["clemancy~1"]).expect_code(0)).is_empty());
    assert!(!titles(search(&dir, &["clemancy", "--fuzzy"]).expect_code(0)).is_empty());
    assert!(
        !titles(search(&dir, &["vetreans", "--fuzzy"]).expect_code(0)).is_empty(),
        "a transposition is one edit"
    );
    search(&dir, &["clemancy"]).expect_code(1);
    assert!(!titles(search(&dir, &["clem*"]).expect_code(0)).is_empty());
    let phrase = parse_stream(search(&dir, &["\"parole board\"", "--no-collapse"]).expect_code(0));
    assert_eq!(phrase.summary.total, 3);
    for hit in &phrase.hits {
        let marked: Vec<&str> = hit
            .snippets
            .iter()
            .flat_map(|f| f.highlights.iter().map(move |[s, e]| &f.text[*s..*e]))
            .collect();
        assert!(
            marked
                .iter()
                .any(|m| m.eq_ignore_ascii_case("parole board")),
            "phrase highlighted whole: {marked:?}"
        );
    }
    // Negation and fields.
    let not = titles(search(&dir, &["clemency -parole", "--no-collapse"]).expect_code(0));
    assert!(
        not.iter()
            .all(|t| !t.contains("lifers") && !t.contains("four")),
        "{not:?}"
    );
    assert_eq!(
        titles(search(&dir, &["title:library"]).expect_code(0)),
        ["City opens new library branch"]
    );
    assert_eq!(
        titles(search(&dir, &["author:moss"]).expect_code(0)),
        ["Clemency debate has no date"]
    );
}

#[test]
fn malformed_queries_warn_or_point_at_the_problem() {
    let dir = archive();
    let lenient = search(&dir, &["clemency AND (board"]);
    lenient.expect_code(0);
    assert!(
        lenient
            .stderr
            .contains("lede: warning: ignored part of the query at character"),
        "{}",
        lenient.stderr
    );
    let hopeless = search(&dir, &["((("]);
    hopeless.expect_code(2);
    assert!(
        hopeless.stderr.contains("invalid query"),
        "{}",
        hopeless.stderr
    );
    assert!(
        hopeless.stderr.contains("at character"),
        "{}",
        hopeless.stderr
    );
}

#[test]
fn snippets_fragments_have_offsets_into_the_body_and_titles_are_highlighted() {
    let dir = archive();
    let s =
        parse_stream(search(&dir, &["board", "--snippets", "3", "--no-collapse"]).expect_code(0));
    let hit = &s.hits[0];
    assert!(hit.snippets.len() >= 2, "{hit:?}");
    assert!(
        hit.snippets
            .windows(2)
            .all(|w| w[0].offset + w[0].text.len() <= w[1].offset),
        "in body order, not overlapping"
    );
    let shown = crate::util::lede_in(dir.path(), &["show", &hit.id, "--json"]);
    shown.expect_code(0);
    let article: crate::util::ArticleJson = shown.json_lines().remove(0);
    for f in &hit.snippets {
        assert_eq!(&article.body[f.offset..f.offset + f.text.len()], f.text);
        let first = f.text.chars().next().unwrap();
        assert!(
            f.offset == 0
                || !article.body[..f.offset].ends_with(char::is_alphanumeric)
                || !first.is_alphanumeric(),
            "cut mid-word: {:?}",
            f.text
        );
    }
    let none = parse_stream(search(&dir, &["board", "--snippets", "0"]).expect_code(0));
    assert!(none.hits[0].snippets.is_empty());
    let titled = parse_stream(search(&dir, &["library"]).expect_code(0));
    let [a, b] = titled.hits[0].title_highlights[0];
    assert_eq!(&titled.hits[0].title.as_deref().unwrap()[a..b], "library");
}

#[test]
fn copies_of_one_story_collapse_into_one_hit_naming_the_others() {
    let dir = archive();
    let s = parse_stream(search(&dir, &["parole board clemency", "--match", "all"]).expect_code(0));
    assert_eq!(s.hits.len(), 1, "{:?}", s.hits);
    let hit = &s.hits[0];
    let mut others: Vec<String> = hit
        .duplicates
        .iter()
        .filter_map(|m| m.outlet.clone())
        .collect();
    others.sort();
    let mut all = others.clone();
    all.push(hit.outlet.clone().unwrap());
    all.sort();
    assert_eq!(all, ["Capitol Wire", "Harbor Ledger", "Valley Star"]);
    assert_eq!(others.len(), 2);
    assert!(hit
        .duplicates
        .iter()
        .all(|m| m.id != hit.id && m.path.ends_with("feed.jsonl")));
    let text = crate::util::lede_in(dir.path(), &["search", "parole board clemency"]);
    assert!(text.stdout.contains("also in: "), "{}", text.stdout);
    let every = parse_stream(
        search(
            &dir,
            &["parole board clemency", "--no-collapse", "--match", "all"],
        )
        .expect_code(0),
    );
    assert_eq!(every.hits.len(), 3);
    assert!(every
        .hits
        .iter()
        .all(|h| h.group == hit.group && h.duplicates.is_empty()));
    // Unrelated articles stay in groups of their own.
    let lib = parse_stream(search(&dir, &["library"]).expect_code(0));
    assert!(lib.hits[0].duplicates.is_empty());
}

#[test]
fn facets_count_all_matches_in_text_and_json() {
    let dir = archive();
    let s = parse_stream(
        search(
            &dir,
            &[
                "clemency OR pardon",
                "--facets",
                "outlet,author,year,lang",
                "--limit",
                "1",
                "--no-collapse",
            ],
        )
        .expect_code(0),
    );
    assert_eq!(s.hits.len(), 1);
    let facet = |name: &str| {
        s.facets
            .iter()
            .find(|f| f.facet == name)
            .unwrap_or_else(|| panic!("{name} facet"))
    };
    let outlets: Vec<(String, u64)> = facet("outlet")
        .values
        .iter()
        .map(|v| (v.value.clone(), v.count))
        .collect();
    assert_eq!(outlets[0], ("Capitol Wire".to_string(), 2));
    assert_eq!(
        outlets.iter().map(|o| o.1).sum::<u64>(),
        s.summary.total as u64
    );
    assert!(facet("author")
        .values
        .iter()
        .any(|v| v.value == "Ann Lee" && v.count == 3));
    let years: Vec<&str> = facet("year")
        .values
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(years, ["2019", "2020", "2021", "2022"]);
    assert_eq!(facet("year").missing, 1);
    assert_eq!(facet("lang").values[0].value, "en");
    let text = crate::util::lede_in(dir.path(), &["search", "clemency", "--facets", "outlet"]);
    assert!(text.stdout.contains("outlet\n  "), "{}", text.stdout);
    let bad = crate::util::lede_in(dir.path(), &["search", "clemency", "--facets", "colour"]);
    bad.expect_code(2);
    assert!(
        bad.stderr.contains("unknown facet \"colour\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn timeline_draws_bars_and_emits_buckets() {
    let dir = archive();
    let text = crate::util::lede_in(
        dir.path(),
        &["timeline", "clemency OR pardon", "--by", "year"],
    );
    text.expect_code(0);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", text.stdout);
    // 2021: the three copies of the wire story and the German article ("kein Pardon").
    assert!(
        lines[2].starts_with("2021-01-01  ") && lines[2].ends_with(" 4"),
        "{}",
        lines[2]
    );
    assert!(lines[2].matches('█').count() > lines[0].matches('█').count());
    assert!(lines[4].contains("1 without a date"), "{}", text.stdout);

    let json = crate::util::lede_in(
        dir.path(),
        &[
            "timeline", "clemency", "--by", "month", "--since", "2021", "--until", "2021", "--json",
        ],
    );
    json.expect_code(0);
    let records: Vec<serde_json::Value> = json.json_lines();
    assert_eq!(records[0]["type"], "begin");
    assert_eq!(records[1]["type"], "timeline");
    assert_eq!(records[1]["data"]["by"], "month");
    let buckets = records[1]["data"]["buckets"].as_array().unwrap();
    assert_eq!(buckets[0]["start"], "2021-05-01");
    assert_eq!(buckets[0]["count"], 3);
    assert_eq!(records[2]["type"], "summary");
    crate::util::lede_in(dir.path(), &["timeline", "zeppelin"]).expect_code(1);
}

#[test]
fn show_and_stats_describe_the_index() {
    let dir = archive();
    let s = parse_stream(search(&dir, &["library"]).expect_code(0));
    let shown = crate::util::lede_in(dir.path(), &["show", &s.hits[0].id]);
    shown.expect_code(0);
    assert!(
        shown
            .stdout
            .contains("title:     City opens new library branch"),
        "{}",
        shown.stdout
    );
    crate::util::lede_in(dir.path(), &["show", "0000000000000000"]).expect_code(1);
    let stats = crate::util::lede_in(dir.path(), &["stats"]);
    stats.expect_code(0);
    assert!(stats.stdout.contains("articles:  9"), "{}", stats.stdout);
    assert!(
        stats
            .stdout
            .contains("published: 2019-03-02 to 2023-09-01 (1 undated)"),
        "{}",
        stats.stdout
    );
    let json = crate::util::lede_in(dir.path(), &["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(v["articles"], 9);
    assert!(v["bytes"].as_u64().unwrap() > 0);
}
