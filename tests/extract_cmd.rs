//! `lede extract`: what each input format yields, as the export format.

use crate::util::{ArticleJson, Dir};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<title>Harbor board approves ferry pier | The Gull Gazette</title>
<link rel="canonical" href="https://gullgazette.example/2022/04/05/ferry-pier">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbor board approves ferry pier",
 "author":[{"@type":"Person","name":"Marisol Vega"},{"@type":"Person","name":"Tom Okafor"}],
 "publisher":{"@type":"Organization","name":"The Gull Gazette"},
 "datePublished":"2022-04-05T09:15:00-04:00","description":"A new pier opens by summer."}
</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a></nav>
<article><h1>Harbor board approves ferry pier</h1>
<p>The harbor board voted five to two on Monday night to build a new ferry pier at the north end of the bay, ending a debate that had run for three years.</p>
<p>Supporters said the pier would cut the morning crossing to the island by twenty minutes, while opponents warned about the cost of dredging the channel.</p>
<p>Construction is expected to begin in June, the board's chair said after the meeting.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Island school gets new roof</a></li></ul></aside>
<footer>Copyright The Gull Gazette. All rights reserved.</footer>
</body></html>"#;

#[test]
fn json_output_has_exactly_the_documented_keys_for_every_format() {
    let dir = Dir::new();
    dir.write("a/page.html", PAGE);
    dir.write("a/plain.txt", "Snow closes mountain pass\n\nThe state closed the mountain pass on Tuesday after a storm dropped two feet of snow overnight.\n\nCrews expect to reopen it by the weekend.\n");
    dir.write(
        "a/records.jsonl",
        concat!(
            r#"{"title":"Mill reopens","author":"Dee Ross","source":"Valley Star","date":"2020-06-15","text":"The old mill reopened as a bakery."}"#, "\n",
            r#"{"headline":"Bridge vote delayed","authors":["Ann Lee","Bo Park"],"publisher":{"name":"Valley Star"},"publishedAt":"2020-06-16T10:00:00Z","content":"The vote on the bridge was delayed a week."}"#, "\n",
        ),
    );
    let run = dir.lede(&["extract", "--json", "a"]);
    run.expect_code(0);
    let articles: Vec<ArticleJson> = run.json_lines();
    assert_eq!(articles.len(), 4, "{}", run.stdout);
    let documented = [
        "id",
        "path",
        "format",
        "url",
        "title",
        "dek",
        "authors",
        "outlet",
        "published",
        "lang",
        "body",
    ];
    for line in run.stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value.as_object().unwrap().len(), documented.len(), "{line}");
        // Every key is present, in the documented order.
        let positions: Vec<usize> = documented
            .iter()
            .map(|k| {
                line.find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("{k} missing: {line}"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "keys out of order: {line}"
        );
    }
    let page = &articles[0];
    assert_eq!(page.format, "html");
    // The path as given on the command line, so a script can open the file.
    assert_eq!(page.path, "a/page.html");
    assert_eq!(
        page.title.as_deref(),
        Some("Harbor board approves ferry pier")
    );
    assert_eq!(page.authors, ["Marisol Vega", "Tom Okafor"]);
    assert_eq!(page.outlet.as_deref(), Some("The Gull Gazette"));
    assert_eq!(page.published.as_deref(), Some("2022-04-05T09:15:00-04:00"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://gullgazette.example/2022/04/05/ferry-pier")
    );
    assert_eq!(page.lang.as_deref(), Some("en"));
    assert_eq!(page.dek.as_deref(), Some("A new pier opens by summer."));
    assert!(
        page.body.starts_with("The harbor board voted"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("\n\nSupporters said"),
        "paragraphs kept: {}",
        page.body
    );
    for junk in ["Related stories", "Island school", "Copyright", "Sports"] {
        assert!(!page.body.contains(junk), "{junk:?} in body: {}", page.body);
    }

    let jsonl: Vec<&ArticleJson> = articles.iter().filter(|a| a.format == "jsonl").collect();
    assert_eq!(jsonl[0].authors, ["Dee Ross"]);
    assert_eq!(jsonl[0].published.as_deref(), Some("2020-06-15"));
    assert_eq!(jsonl[1].authors, ["Ann Lee", "Bo Park"]);
    assert_eq!(jsonl[1].outlet.as_deref(), Some("Valley Star"));
    assert_eq!(jsonl[1].published.as_deref(), Some("2020-06-16T10:00:00Z"));

    let text = articles.iter().find(|a| a.format == "text").unwrap();
    assert_eq!(text.title.as_deref(), Some("Snow closes mountain pass"));
    assert_eq!(text.published, None, "no date is stated, none is invented");
    assert!(text.authors.is_empty());
}

#[test]
fn gzip_and_utf16_files_are_read_transparently() {
    use std::io::Write;
    let dir = Dir::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE.as_bytes()).unwrap();
    dir.write("page.html.gz", gz.finish().unwrap());
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Café owners rally\n\nOwners of small cafés marched to city hall to protest the new rent rules.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    dir.write("rally.txt", utf16);
    let run = dir.lede(&["extract", "--json", "page.html.gz", "rally.txt"]);
    run.expect_code(0);
    let articles: Vec<ArticleJson> = run.json_lines();
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Harbor board approves ferry pier")
    );
    assert_eq!(articles[1].title.as_deref(), Some("Café owners rally"));
    assert!(articles[1].body.contains("cafés"));
}

#[test]
fn the_same_page_saved_twice_has_one_id() {
    let dir = Dir::new();
    dir.write("one.html", PAGE);
    dir.write("copy/two.html", PAGE.replace("Copyright", "(c)"));
    let run = dir.lede(&["extract", "--json", "one.html", "copy/two.html"]);
    let articles: Vec<ArticleJson> = run.json_lines();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].id, articles[1].id);
}

#[test]
fn text_output_shows_every_field() {
    let dir = Dir::new();
    dir.write("page.html", PAGE);
    let run = dir.lede(&["extract", "page.html"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("title:     Harbor board approves ferry pier\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("authors:   Marisol Vega; Tom Okafor\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("published: 2022-04-05T09:15:00-04:00\n"),
        "{}",
        run.stdout
    );
}
