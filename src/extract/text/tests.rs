use super::headline::is_labelled_name;
use super::*;

const PAGE: &str = "Skip to content\n\nWhy the Mayor Walked Out of the Budget Talks, Aides Say\n\n\
    The talks had run for nine hours... until one number came up.\n\n\
    During the final session of the budget talks, the mayor listened to the council's proposals for almost an hour before he stood up and left the room without a word to anyone present.\n\n\
    RELATED: The Ten Best Parks in the City—Ranked by Readers.\n\n\
    Aides said the mayor had warned the council a week earlier that he would not accept any cut to the fire service, and that the proposal crossed that line.\n\n\
    The mayor at a press conference in the city hall in 2021\n\
    JANE DOE/CITY PRESS via Getty Images\n\n\
    The Daily Ledger has reached out to the mayor's office for comment on the talks.\n\n\
    For more city news delivered right to your inbox, sign up for our daily newsletter.\n\n\
    Sam Reed\n\
    Sam Reed is a writer living in Leeds. In addition to The Daily Ledger, she has written for several papers. Read more\n\
    Filed Under";

#[test]
fn a_page_copy_yields_its_parts() {
    let d = extract(PAGE).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Why the Mayor Walked Out of the Budget Talks, Aides Say")
    );
    assert_eq!(
        d.dek.as_deref(),
        Some("The talks had run for nine hours... until one number came up.")
    );
    assert_eq!(d.authors, ["Sam Reed"]);
    assert_eq!(d.outlet.as_deref(), Some("The Daily Ledger"));
    assert!(d.published.is_none());
    assert!(d.body.starts_with("During the final session"), "{}", d.body);
    assert!(d.body.ends_with("for comment on the talks."), "{}", d.body);
    for gone in [
        "Skip to",
        "RELATED",
        "sign up",
        "Filed Under",
        "is a writer",
        "JANE DOE",
        "press conference",
    ] {
        assert!(!d.body.contains(gone), "{gone:?} left in {}", d.body);
    }
}

#[test]
fn headline_blank_body_keeps_everything_after_the_headline() {
    let text = "Bank raises rates again\n\nThe central bank raised its main interest rate by a quarter point on Thursday, the third rise this year.\n\nAnalysts had expected the move.\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Bank raises rates again"));
    assert!(d.dek.is_none());
    assert!(d.authors.is_empty());
    assert_eq!(
        d.body,
        "The central bank raised its main interest rate by a quarter point on Thursday, the third rise this year.\n\nAnalysts had expected the move."
    );
}

#[test]
fn a_headline_starting_with_by_is_no_byline() {
    // Regression: "Byrds" matched the glued-byline pattern "ByName".
    let text = "Byrds producer dies at 62\n\nThe record producer, who was behind hits by the Byrds and others, has died aged 62.\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Byrds producer dies at 62"));
    assert!(d.authors.is_empty());
}

#[test]
fn a_short_first_paragraph_is_body_not_dek() {
    let text = "Club sacks striker\n\nThe club has sacked its striker.\n\nThe 25-year-old failed a test last month and was banned for seven months by the league.\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Club sacks striker"));
    assert!(d.dek.is_none());
    assert!(d.body.starts_with("The club has sacked its striker."));
}

#[test]
fn navigation_byline_and_date_above_the_body() {
    let text = "Home\nNews\nSport\nWeather\nCity council approves new harbour bridge\nThe vote ends a decade of argument.\nBy Ann Lee and Bo Park\nMarch 3, 2021\nShare\n\nThe city council voted on Tuesday to approve the new harbour bridge, ending a decade of argument over its cost and its route.\n\nConstruction is due to start next spring and should take four years, officials said at a briefing.\n\nAbout us\nContact\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("City council approves new harbour bridge")
    );
    assert_eq!(
        d.dek.as_deref(),
        Some("The vote ends a decade of argument.")
    );
    assert_eq!(d.authors, ["Ann Lee", "Bo Park"]);
    assert_eq!(
        d.published.map(|p| p.to_string()).as_deref(),
        Some("2021-03-03")
    );
    // The body starts after the standfirst and does not repeat it.
    assert!(d.body.starts_with("The city council voted"), "{}", d.body);
    assert!(d.body.ends_with("officials said at a briefing."));
}

#[test]
fn a_standfirst_is_the_dek_and_the_body_starts_after_it() {
    for standfirst in [
        "The vote ends a decade of argument over the crossing.",
        "A decade of argument over the cost and the route of the crossing ends with a vote",
        "The vote had been put off twice... until today.",
    ] {
        let header = format!("{standfirst}\nBy Ann Lee");
        let d = extract(&page_with(&header, "")).expect("draft");
        assert_eq!(d.dek.as_deref(), Some(standfirst));
        assert!(!d.body.contains(standfirst), "{}", d.body);
        assert!(d.body.starts_with("The city council voted"), "{}", d.body);
    }
}

/// A page copy: menu, `header` lines under the headline, then two
/// paragraphs of prose, with `in_body` after the first one.
fn page_with(header: &str, in_body: &str) -> String {
    format!(
        "Home\nNews\nSport\nWeather\nCity council approves new harbour bridge\n{header}\n\n\
         The city council voted on Tuesday to approve the new harbour bridge, ending a decade of argument over its cost and its route.\n\n\
         {in_body}\n\n\
         Construction is due to start next spring and should take four years, officials said at a briefing on Wednesday.\n"
    )
}

#[test]
fn bylines_after_a_verb_or_a_date_name_the_author() {
    for header in [
        "Posted in Local News by Ann Lee on March 3, 2021",
        "March 3, 2021 by Ann Lee",
        "Veröffentlicht am 3. März 2021 von Ann Lee",
        "by Ann Lee @annlee March 3, 2021: 12:41 PM ET",
        "von Ann Lee · 3. März 2021",
        "// By Ann Lee • Mar 3, 2021",
        "Blog Beitrag von Ann Lee",
        "Redaktion: Ann Lee",
    ] {
        let d = extract(&page_with(header, "")).expect("draft");
        assert_eq!(d.authors, ["Ann Lee"], "byline {header:?}");
    }
}

#[test]
fn a_name_beside_the_date_is_the_author() {
    for (header, author) in [
        ("Ann Lee / 03.03.2021 / 06:15", "Ann Lee"),
        ("Ann Lee 3.3.2021, 15:07 Uhr", "Ann Lee"),
        ("3. März 2021 Ann Lee Kultur", "Ann Lee"),
        ("March 3, 2021 | Ann Lee", "Ann Lee"),
    ] {
        let d = extract(&page_with(header, "")).expect("draft");
        assert_eq!(d.authors, [author], "line {header:?}");
    }
    // Words after a date that are not a name give no author.
    let d = extract(&page_with("March 3, 2021 leave a comment", "")).expect("draft");
    assert!(d.authors.is_empty(), "{:?}", d.authors);
}

#[test]
fn a_long_share_bar_does_not_hide_the_headline() {
    let share: String = [
        "Facebook",
        "Twitter",
        "Email",
        "WhatsApp",
        "Messenger",
        "LinkedIn",
    ]
    .iter()
    .map(|s| format!("Share this with {s}\n"))
    .collect::<String>()
    .repeat(2);
    let text = format!(
        "Home\nNews\nWorld\nTeaser about another story entirely\nHarbour bridge opens after ten years of work\n10 April 2020\n{share}\n\
         The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
         Thousands of people walked across it before the first cars were allowed on in the afternoon.\n"
    );
    let d = extract(&text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour bridge opens after ten years of work")
    );
    assert!(!d.body.contains("Share this"), "{}", d.body);
}

#[test]
fn the_copyright_line_in_the_footer_names_the_outlet() {
    for (line, outlet) in [
        (
            "© Copyright 2006 - 2024 Harbour Times Inc.",
            "Harbour Times",
        ),
        ("© Harbour Times 2016-2020", "Harbour Times"),
        (
            "Copyright © 2021 Harbour Times. All rights reserved.",
            "Harbour Times",
        ),
    ] {
        let text = format!("{}Tags:\nBridges\nAbout us\n{line}\n", page_with("", ""));
        let d = extract(&text).expect("draft");
        assert_eq!(d.outlet.as_deref(), Some(outlet), "line {line:?}");
    }
}

#[test]
fn a_breadcrumb_trail_ending_in_the_headline_gives_the_headline() {
    for trail in [
        "You are here: Home » Harbour » Bridge opens after ten years",
        "Forum>Harbour>Bridge opens after ten years",
        "Home / Harbour / 2021 / Bridge opens after ten years",
        "Search: Home » Bridge opens after ten years",
    ] {
        let text = format!(
            "{trail}\n\nThe new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n"
        );
        let d = extract(&text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Bridge opens after ten years"),
            "trail {trail:?}"
        );
    }
    // One separator is part of a headline.
    let d = extract("Fish and pain / a study\n\nThe study, run over three years, found that fish react to harm in ways that look a lot like pain.\n")
        .expect("draft");
    assert_eq!(d.title.as_deref(), Some("Fish and pain / a study"));
}

#[test]
fn comment_counters_and_hidden_addresses_are_no_headline() {
    for junk in [
        "75 comments from 51 posters",
        "Wire service - [email protected]",
    ] {
        let text = format!(
            "Home\nNews\nHarbour bridge opens after ten years of work\n{junk}\nBy Ann Lee\n\n\
             The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
             Thousands of people walked across it before the first cars were allowed on in the afternoon.\n"
        );
        let d = extract(&text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour bridge opens after ten years of work"),
            "line {junk:?}"
        );
    }
}

#[test]
fn a_headline_repeated_inside_another_line_wins_over_a_teaser() {
    let text = "Home\nNews\nHarbour bridge opens after ten years of work\nA ferry timetable for the spring is out\nBy Ann Lee\n\n\
        The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
        Thousands of people walked across it before the first cars were allowed on in the afternoon.\n\n\
        About us\nHarbour bridge opens after ten years of work | Harbour Times\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour bridge opens after ten years of work")
    );
}

#[test]
fn codes_times_follow_links_and_browser_notes_are_no_headline() {
    // Each line scores as the headline does, and comes first.
    for junk in [
        "DE FR IT EN",
        "Erstellt: vor 4 Stunden",
        "Updated 3 hours ago",
        "Lesedauer: ca. 4 Minuten",
        "Besucht uns auf Youtube",
        "This browser is not supported",
    ] {
        let text = format!(
            "Home\nNews\n{junk}\nHarbour bridge finally opens\n\n\
             The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\n\
             Thousands of people walked across it before the first cars were allowed on in the afternoon.\n"
        );
        let d = extract(&text).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour bridge finally opens"),
            "line {junk:?}"
        );
    }
}

#[test]
fn german_comment_and_related_headings_end_the_body() {
    for heading in [
        "Hinterlasse einen Kommentar",
        "Kommentare:",
        "Das könnte Sie auch interessieren",
        "Ähnliche Artikel",
        "Mehr zum Thema",
    ] {
        let text = format!(
            "{}{heading}\nA teaser about another story entirely, which goes on for a while and then stops.\n",
            page_with("", "")
        );
        let d = extract(&text).expect("draft");
        assert!(
            d.body
                .ends_with("officials said at a briefing on Wednesday."),
            "heading {heading:?}: {}",
            d.body
        );
    }
}

#[test]
fn a_long_list_inside_the_article_does_not_end_the_body() {
    let list: String = (1..=10).map(|n| format!("{n} spans of steel\n")).collect();
    let menu: String = (1..=10).map(|n| format!("Section{n}\n")).collect();
    let closing =
        "The bridge will be lit every night until the end of the year, the council said on Friday.";
    for (gap, kept) in [(&list, true), (&menu, false)] {
        let text = format!(
            "Home\nNews\nHarbour bridge opens after ten years of work\n\n\
             The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\
             It is made of:\n{gap}\n{closing}\n"
        );
        let d = extract(&text).expect("draft");
        assert_eq!(d.body.contains(closing), kept, "{}", d.body);
    }
}

#[test]
fn a_name_over_a_date_is_the_byline_not_the_headline() {
    let text = "Home\nNews\nAnn Lee\n12.03.2021 / 09:15\nHarbour bridge opens after ten years of work\n\n\
        The new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour bridge opens after ten years of work")
    );
}

#[test]
fn a_short_closing_sentence_ends_the_body() {
    let closing = "The full council report on the bridge is linked below.";
    let text = format!(
        "{}\n{closing}\n\nHarbour Times, news for the harbour.\n",
        page_with("", "")
    );
    let d = extract(&text).expect("draft");
    assert!(d.body.ends_with(closing), "{}", d.body);
    // A paywall prompt is no closing sentence.
    let text = format!(
        "{}\nChoose your plan now and keep reading the whole story today.\n",
        page_with("", "")
    );
    let d = extract(&text).expect("draft");
    assert!(!d.body.contains("keep reading"), "{}", d.body);
}

#[test]
fn read_also_and_share_lines_in_other_languages_are_dropped() {
    for line in [
        "Lea también: Ferry fares to rise next spring",
        "Lesen Sie auch",
        "À lire aussi",
        "Teilen Sie dies mit:",
        "Diesen Artikel teilen",
    ] {
        let d = extract(&page_with("By Ann Lee", line)).expect("draft");
        assert!(d.body.starts_with("The city council voted"), "{}", d.body);
        assert!(!d.body.contains(line), "{line:?} in {}", d.body);
    }
}

#[test]
fn a_byline_under_the_lead_paragraph_is_found() {
    let d = extract(&page_with("", "von Ann Lee")).expect("draft");
    assert_eq!(d.authors, ["Ann Lee"]);
    assert!(!d.body.contains("von Ann Lee"), "{}", d.body);
}

#[test]
fn a_byline_under_the_standfirst_is_found() {
    let header = "The vote ends a decade of argument over the cost and the route of the crossing.\n\nPhoto\n\nBy Ann Lee\n\nMarch 3, 2021";
    let d = extract(&page_with(header, "")).expect("draft");
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn dates_come_only_from_the_header() {
    let text = "Menu\nStory of the year\n\nThe festival, first held on 4 July 1976, returned this summer with more visitors than ever before and a new stage.\n";
    let d = extract(text).expect("draft");
    assert!(d.published.is_none());
}

#[test]
fn a_date_line_away_from_the_headline_is_found() {
    // The date sits in a side column, several lines above the headline.
    let text = "Home\nNews\n12.03.21, 09:15 Uhr\nWeather\nSport\nCulture\nTravel\nHarbour bridge opens after ten years of work\nShare\n\nThe new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n\nThousands of people walked across it before the first cars were allowed on in the afternoon.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour bridge opens after ten years of work")
    );
    assert_eq!(
        d.published.map(|p| p.day().to_string()).as_deref(),
        Some("2021-03-12")
    );
}

#[test]
fn relative_times_are_no_dates() {
    let text = "Menu\nHarbour bridge opens after ten years of work\nvor 3 Tagen\n\nThe new harbour bridge opened on Friday morning, ten years after the first plans were drawn up by the council.\n";
    let d = extract(text).expect("draft");
    assert!(d.published.is_none());
}

#[test]
fn a_footer_marker_inside_the_prose_ends_the_body() {
    // Regression: a footer line between two long lines once made the
    // body's end fall before its start and panicked on slicing.
    let long =
        "This sentence is long enough to count as prose. It is followed by another one here.";
    let text = format!("Menu\nA headline for the test\n\n{long}\nComments\n{long} Again.\n");
    let d = extract(&text).expect("draft");
    assert_eq!(d.body, long);
}

#[test]
fn odd_inputs_do_not_panic() {
    assert!(extract("").is_err());
    assert!(extract("  \n\t\n ").is_err());
    assert!(extract("one line").is_ok());
    let huge = "word ".repeat(2_000_000);
    assert!(extract(&huge).is_ok());
    for s in [
        "\u{feff}\u{200b}",
        "é\u{301}\n\n\u{10ffff}",
        "\r\n\r\nx\r\n",
        "By\n\nBy",
        "©",
        "Lia Beck is a writer",
    ] {
        let _ = extract(s);
    }
}

#[test]
fn the_file_name_points_at_the_headline_among_teasers() {
    let page = "Home\nNews\nHarbour bridge plan wins the council vote\nPhotos from the opening night\n\
        More from the city desk\nParking fees rise again next year\n\n\
        The city council voted on Tuesday to approve the new harbour bridge, ending a decade of argument over its cost and its route.\n\n\
        Construction is due to start next spring and should take four years, officials said at a briefing on Wednesday.\n";
    let unnamed = extract(page).expect("draft");
    assert_eq!(
        unnamed.title.as_deref(),
        Some("Parking fees rise again next year")
    );
    let path = std::path::Path::new("saved/gazette.com-harbour-bridge-vote.txt");
    let named = extract_named(page, path).expect("draft");
    assert_eq!(
        named.title.as_deref(),
        Some("Harbour bridge plan wins the council vote")
    );
    // A name without words of the page changes nothing.
    let hashed = std::path::Path::new("saved/5f2b9c0e7d1a4b3c.txt");
    assert_eq!(
        extract_named(page, hashed).expect("draft").title,
        unnamed.title
    );
}

#[test]
fn a_notice_line_above_the_menu_does_not_hide_the_headline() {
    // The notice is prose, so the run of prose starts there and takes in
    // the menu and the headline below it.
    let text = "Home\nNews\nSport\n\n\
        Our offices are closed on Monday for the holiday; orders placed now will ship on Tuesday.\n\n\
        News\nLocal\nHarbour ferry returns after winter repairs\n\n\
        The harbour ferry carried its first passengers of the year on Saturday. Three months of repairs at the yard are over.\n\n\
        The operator said the crossing would run every hour until the end of October, weather allowing.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour ferry returns after winter repairs")
    );
    assert!(
        d.body.starts_with("The harbour ferry carried"),
        "{}",
        d.body
    );
    assert!(!d.body.contains("offices are closed"), "{}", d.body);
}

#[test]
fn a_short_opening_sentence_above_the_prose_opens_the_body() {
    let text = "Menu\nSearch\n\nSnow closes the mountain pass for a week\n\nBy Ann Lee\n\n\
        The town woke to snow on Tuesday.\n\n\
        By noon the road over the pass was shut, and the council said it would stay closed until the ploughs could reach the summit.\n\n\
        Shops in the valley reported a rush on bread and candles as families prepared for several days without deliveries.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Snow closes the mountain pass for a week")
    );
    assert_eq!(d.authors, ["Ann Lee"]);
    assert!(
        d.body.starts_with("The town woke to snow on Tuesday."),
        "{}",
        d.body
    );
}

#[test]
fn share_and_tag_labels_under_a_byline_do_not_hide_the_headline() {
    let text = "Home\nNews\nSport\n\nCouncil approves new cycle lanes on the ring road\n\
        By Ann Lee\nMarch 3, 2021\n\
        Facebook\nTwitter\nEmail\nPrint\nTags\nTransport\nCycling\nCouncil\nRoads\nComments\nSave\n\n\
        The council voted on Tuesday to build protected cycle lanes along the whole of the ring road by the end of next year.\n\n\
        Work on the first section will start in the spring, the transport committee said after the vote.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Council approves new cycle lanes on the ring road")
    );
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn a_two_word_headline_starting_with_an_article_is_no_byline() {
    // "The Comeback" looks like a name (two capitalized words) under a
    // longer line; an article never starts a name. The file's name points
    // at the headline, as a saved page's name does.
    let text = "Home\nMusic\n\nWeekly column on the city's music scene and its venues\n\
        The Comeback\n\n\
        The old concert hall by the river reopened on Friday with a sold-out show, four years after the fire that closed it.\n\n\
        Its new owners rebuilt the stage and the balcony to the original plans and kept the ticket prices low.\n";
    let d = extract_named(text, std::path::Path::new("music/the-comeback.txt")).expect("draft");
    assert_eq!(d.title.as_deref(), Some("The Comeback"));
}

#[test]
fn a_playlist_between_the_header_and_the_prose_does_not_hide_the_headline() {
    let mut text = String::from(
        "Home\nWorld\n\nFloods cut off villages across the northern valleys\n\nBy Ann Lee\n\nMarch 3, 2021\n\n",
    );
    for i in 1..=14 {
        text.push_str(&format!("Video {i}: rescue teams reach another village\n"));
    }
    text.push_str(
        "\nHeavy rain on Sunday night swept away two bridges and left a dozen villages without road access, officials said on Monday.\n\n\
        Rescue teams used boats to reach families on the roofs of their houses, and the army sent helicopters with food and water.\n",
    );
    let d = extract(&text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Floods cut off villages across the northern valleys")
    );
    assert_eq!(d.authors, ["Ann Lee"]);
}

#[test]
fn a_list_announced_by_the_last_line_of_the_body_is_kept() {
    let text = "Home\nNews\nGarden shed rebuilt in a weekend\nBy Ann Lee\n\n\
        The old shed had stood at the bottom of the garden for forty years before the roof finally gave way in the storm last winter.\n\n\
        Rebuilding it took two days and a few simple tools, and the steps are easy to follow if you have:\n\n\
        a cordless drill\nfour sheets of plywood\ntwo boxes of screws\n\n\
        Share this\nAbout us\n";
    let d = extract(text).expect("draft");
    assert!(d.body.ends_with("two boxes of screws"), "{}", d.body);
    assert!(!d.body.contains("About us"), "{}", d.body);
}

#[test]
fn a_label_and_a_name_are_no_headline() {
    let text = "Home\nClub\nMinutes of the board meeting in October\nChair: Anna Keller\nMinutes: John Smith\nOctober 10, 2019\n\n\
        The board met on Thursday evening in the club house and agreed the budget for the coming season after a long debate.\n\n\
        The treasurer reported that membership fees had risen for the third year in a row, and the board thanked the volunteers.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Minutes of the board meeting in October")
    );
    assert!(is_labelled_name("Minutes: John Smith"));
    assert!(!is_labelled_name("Storm warning: Coast Road Closed"));
    assert!(!is_labelled_name("Council: the budget is agreed"));
}

#[test]
fn a_read_also_marker_alone_takes_its_teaser_along() {
    let page = |marker: &str, next: &str| {
        format!(
            "Home\nNews\nCity council approves new harbour bridge\nBy Ann Lee\n\n\
             The city council voted on Tuesday to approve the new harbour bridge, ending a decade of argument over its cost and its route.\n\n\
             The vote was close, with eleven members in favour and nine against after a debate that ran late into the night.\n\n\
             {marker}\n{next}\n\n\
             Construction is due to start next spring and should take four years, officials said at a briefing on Wednesday.\n"
        )
    };
    let teaser = "Mayor opens the new library on the river bank";
    for marker in ["Related", "Lesen Sie auch", "Lee también..."] {
        let d = extract(&page(marker, teaser)).expect("draft");
        assert!(!d.body.contains(teaser), "{}", d.body);
        assert!(!d.body.contains(marker), "{}", d.body);
        assert!(d.body.ends_with("on Wednesday."), "{}", d.body);
    }
    // Prose after the marker is the article going on.
    let prose = "The bridge will carry four lanes of traffic, two cycle lanes and a footpath on each side of the river.";
    let d = extract(&page("Related", prose)).expect("draft");
    assert!(d.body.contains(prose), "{}", d.body);
}

#[test]
fn the_body_starts_under_a_headline_that_stands_inside_a_run() {
    // Two promotional sentences above the headline join it to the prose
    // below; the article is the rest of that run, not the footer's prose.
    let text = "Home\nRadio\n\
        Listen to all eight of our stations with the official app on your phone today.\n\
        Enter your name to find out whether your lost documents are in our studios now.\n\
        Storm closes the coast road for a week\nBy Ann Lee\nMay 4, 2022\n\n\
        The coast road was closed on Tuesday after the storm washed away part of the sea wall near the harbour.\n\n\
        Engineers said the repairs would take at least a week, and buses will run on the hill road until then.\n\n\
        News\nSport\nWeather\nRadio\nTV\nPodcasts\nContact\nJobs\nAdverts\nHelp\n\n\
        All content is published under a licence unless stated otherwise, and the site runs on a common system.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Storm closes the coast road for a week")
    );
    assert!(
        d.body.starts_with("The coast road was closed"),
        "{}",
        d.body
    );
    assert!(d.body.contains("until then."), "{}", d.body);
}

#[test]
fn an_article_cut_by_code_outweighs_one_long_promo_above_it() {
    // Each paragraph alone is smaller than half the promo, the six of
    // them together twice its size: the promo is not the article.
    let promo = "Join our community of readers today and get every new guide delivered to you first, with exclusive offers, early access to our events, a monthly digest of the best stories, discounts from our partners and invitations to meet the writers in person at events in your city all year long.";
    let code = "let total = 0\nfor item in list\ntotal = total + item\nif total is large\nshow the total now\nreset the counter\nread the next list\nwrite the result out\nclose the open file\n";
    let para = |n: &str| {
        format!("This is the {n} step of the guide, which explains what the code below does and why each line matters here.")
    };
    let text = format!(
        "Home\n\n{promo}\n\nBlog\nGuides\nAbout\nShop\nJobs\nHelp\nPress\nLegal\nContact\n\n\
         Summing a list in a few lines\nBy Ann Lee\n\n{}\n\n{code}\n{}\n\n{code}\n{}\n\n{code}\n{}\n\n{code}\n{}\n\n{code}\n{}\n",
        para("first"),
        para("second"),
        para("third"),
        para("fourth"),
        para("fifth"),
        para("last")
    );
    let d = extract(&text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Summing a list in a few lines"));
    assert!(d.body.starts_with("This is the first step"), "{}", d.body);
    assert!(d.body.contains("the last step"), "{}", d.body);
    assert!(!d.body.contains("Join our community"), "{}", d.body);
}

#[test]
fn a_long_list_of_short_lines_between_prose_keeps_the_body_going() {
    let items: String = (1..=50)
        .map(|n| format!("Item {n} of the packing list\n"))
        .collect();
    let text = format!(
        "Home\nNews\nWhat to pack for a week in the mountains\nBy Ann Lee\n\n\
         A week in the mountains needs more kit than most people expect, and the list below covers all of it in order.\n\n\
         {items}\n\
         With all of that in the bag you are ready for the trail, whatever the weather does on the way up.\n"
    );
    let d = extract(&text).expect("draft");
    assert!(d.body.contains("Item 50 of the packing list"), "{}", d.body);
    assert!(d.body.ends_with("on the way up."), "{}", d.body);
}

#[test]
fn a_subtitle_on_the_next_line_does_not_take_the_headline() {
    // The headline and its shorter subtitle score alike but for the one
    // line the headline stands further from the prose.
    let text = "Home\nNews\nMenu\nHarbour town votes to close its old ferry pier for good\n\
        Repairs judged too costly\n\
        12 March 2021\n\n\
        The council of the harbour town voted on Monday night to close the old ferry pier, which has stood for more than a century.\n\n\
        Engineers had told the council that the repairs would cost more than a new pier, and that the old one was no longer safe.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour town votes to close its old ferry pier for good")
    );
    // A kicker above a longer headline stays a kicker.
    let text = text.replace(
        "Harbour town votes to close its old ferry pier for good\nRepairs judged too costly",
        "Ferry pier\nHarbour town votes to close its old ferry pier for good",
    );
    let d = extract(&text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("Harbour town votes to close its old ferry pier for good")
    );
}

#[test]
fn a_german_closing_quote_ends_a_sentence_unless_the_line_is_one_quotation() {
    assert!(ends_with_terminal(
        "Der Bürgermeister sagte am Abend: „Die Brücke wird gebaut.“"
    ));
    assert!(ends_with_terminal("Sie nannte es ‚eine gute Wahl.‘"));
    // A testimonial or pull quote is no sentence of the article's prose.
    assert!(!ends_with_terminal(
        "„Vielen Dank für die schnelle und freundliche Hilfe.“"
    ));
    assert!(ends_with_terminal("She said: “The bridge will be built.”"));
}

#[test]
fn a_link_between_arrows_is_dropped() {
    let text = page_with(
        "By Ann Lee",
        "The mayor said the money for the bridge had been set aside in last year's budget and would not be cut.\n\n\
         >> Harbour ferry to run again from May <<",
    );
    let d = extract(&text).expect("draft");
    assert!(!d.body.contains("Harbour ferry"), "{}", d.body);
    assert!(d.body.contains("would not be cut."), "{}", d.body);
}

#[test]
fn the_name_a_byline_gives_is_no_headline() {
    // The author's name stands above a notice long enough to pass for
    // prose; the byline under the headline names it again.
    let text = "Home\nArticles\nTight lines for all\n\
        JavaScript is disabled. For a better experience please enable JavaScript in your browser before you continue.\n\
        A new spinning rod on test: the long cast model\n\
        Author Tight lines for all\n\
        Published 21 January 2022\n\n\
        The new rod is built for long casts with light lures, and on the river it held up well in a strong wind over three days.\n\n\
        Its handle is short enough for a small reel, and the tip stays soft enough to feel a bite at the end of a long line.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("A new spinning rod on test: the long cast model")
    );
}

#[test]
fn a_line_opening_with_an_ellipsis_is_no_headline() {
    let text = "Home\nAbout\n… share this page\nSheep basics\n\n\
        Sheep are easy to keep once the field is fenced, but they need fresh water every day and their feet trimmed twice a year.\n\n\
        A small flock of four or five ewes is enough to keep an orchard's grass short through the summer months.\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Sheep basics"));
}

#[test]
fn a_closing_paragraph_about_someone_else_is_no_bio() {
    for (last, subject) in [
        (
            "She was an established author of crime novels when she turned to writing for children, and her new series has already been sold to eleven countries.",
            "She",
        ),
        (
            "Harbourtech is a key producer of the cranes used in the port, and the deal is expected to close next spring after the regulator has looked at it.",
            "Harbourtech",
        ),
    ] {
        let text = format!(
            "Novelist signs film deal for her first children's book\n\n\
             A novelist has sold the film rights to her first children's book for a sum the studio would not disclose, her agent said on Monday.\n\n\
             The book, set on a remote island, follows two siblings who look after a lighthouse while their parents are away at sea for the winter.\n\n\
             {last}"
        );
        let d = extract(&text).expect("draft");
        assert!(!d.authors.iter().any(|a| a == subject), "{:?}", d.authors);
        assert!(d.body.ends_with(last), "{}", d.body);
    }
}

#[test]
fn a_table_of_contents_neither_heads_the_page_nor_cuts_off_the_lead() {
    let text = "Home\nGarden\nKitchen\nHow to keep bees on a city roof\nAnn Lee\nEditor\n8 min\n\n\
        Beekeeping in a city is easier than most people think, as long as the hives are sheltered from the wind and the neighbours agree.\n\n\
        Contents\n1. Choosing the hive\n2. Where to put it\n3. Feeding in winter\n4. Harvesting honey\n5. Talking to the neighbours\n6. Costs\n7. Further reading\n8. Summary\n\
        Choosing the hive\n\n\
        A wooden hive with a sloping roof lasts for years and keeps the rain out better than the cheaper plastic boxes sold online.\n\n\
        Where to put it\n\n\
        The hive should face south-east and stand at least two metres from the edge of the roof, behind a screen that lifts the bees' flight path.\n\n\
        Feeding in winter\n\n\
        In a cold winter the colony needs sugar syrup from late autumn, given in a feeder on top of the frames so the bees stay warm.\n\n\
        Harvesting honey\n\n\
        Take the honey in late summer, leaving the colony enough for the winter, and spin the frames in a clean room with the windows shut.\n\n\
        Talking to the neighbours\n\n\
        A jar of honey at the end of the first season does more for good relations than any number of leaflets about how gentle bees are.\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("How to keep bees on a city roof"));
    assert!(
        d.body.starts_with("Beekeeping in a city is easier"),
        "{}",
        d.body
    );
}

#[test]
fn a_menu_repeated_in_the_footer_is_no_table_of_contents() {
    let lines = [
        "News",
        "Sport",
        "Weather",
        "",
        "Long enough line of prose to count as the article's text, ending.",
        "",
        "News",
        "Sport",
        "Weather",
    ];
    let long: Vec<bool> = lines.iter().map(|l| is_long(l)).collect();
    assert!(contents_lines(&lines, &long, &long).iter().all(|m| !m));
}

#[test]
fn a_copy_with_a_stack_of_menu_lines_is_no_headline_blank_body_text() {
    let mut text = String::from(
        "Notice from the server\n\n\
         Warning: the cache directory could not be written, so this page was built without it and may load slowly.\n\n",
    );
    for label in [
        "Recipes", "Cakes", "Bread", "Muffins", "Tarts", "Biscuits", "Desserts", "Drinks",
        "Seasons", "Spring", "Summer", "Autumn", "Winter", "Shop", "Contact",
    ] {
        text.push_str(label);
        text.push('\n');
    }
    text.push_str(
        "Honey muffins with almonds\nBy Ann Lee\n\n\
         These muffins keep for three days in a tin and taste best with a spoon of honey stirred into the batter just before baking.\n\n\
         Bake them for twenty minutes in a hot oven, then leave them to cool on a rack before you turn them out of the tin.\n",
    );
    let d = extract(&text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Honey muffins with almonds"));
    assert!(!d.body.contains("Cakes"), "{}", d.body);
}

#[test]
fn a_cookie_notice_is_no_article_text() {
    let text = "Our website uses cookies to improve its functions and to analyse how visitors use it, as described in our privacy policy.\n\
        Necessary cookies are required so that the basic functions of the site work on every device you use.\n\
        We use marketing cookies to show you content from our partners that fits your interests on other platforms too.\n\
        OK\nSettings\nHome\nRecipes\nShop\n\
        Tracking the trackers\n\n\
        Advertisers follow readers from site to site with cookies that the browser keeps for months unless it is told otherwise.\n\n\
        A new study counted more than forty such files on the average news page, most of them set by companies the reader has never heard of.\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Tracking the trackers"));
    assert!(
        d.body.starts_with("Advertisers follow readers"),
        "{}",
        d.body
    );
    assert!(d.body.ends_with("never heard of."), "{}", d.body);
    assert!(!d.body.contains("Our website"), "{}", d.body);
}

#[test]
fn a_recipe_box_between_intro_and_method_keeps_the_body_going() {
    let text = "Home\nRecipes\nLemon sheet cake\nBy Ann Lee\n\n\
        This lemon sheet cake is an easy classic for beginners: it bakes quickly, keeps for days and feeds a crowd.\n\n\
        My grandmother baked it for every summer party, and the recipe has hardly changed since she wrote it down for me.\n\n\
        The only secret is to beat the butter long enough, so that the cake stays light even with all the lemon juice in it.\n\
        Ingredients\n\
        300 g soft butter\n200 g sugar\n6 eggs\n350 g flour\n2 tsp baking powder\n3 tbsp lemon juice\n\
        Print\n\
        Method\n\
        Heat the oven to 175 degrees and line a baking tray with paper, then beat the butter and the sugar until pale.\n\
        Bake for about 25 minutes until golden, and leave the cake to cool before you cover it with the icing.\n\n\
        About us\nContact\n";
    let d = extract(text).expect("draft");
    assert_eq!(d.title.as_deref(), Some("Lemon sheet cake"));
    for kept in [
        "This lemon sheet cake",
        "350 g flour",
        "Heat the oven",
        "leave the cake to cool",
    ] {
        assert!(d.body.contains(kept), "{kept:?} missing from {}", d.body);
    }
}

#[test]
fn a_last_paragraph_that_lost_its_full_stop_still_closes_the_article() {
    let text = "Home\nNews\nThe council and the bridge\nBy Ann Lee\n\n\
        The council met again on Tuesday to talk about the bridge, and once more the members could not agree on its cost.\n\n\
        Some members want a cheaper design, others want to wait for the report, and the mayor wants a vote before the summer.\n\n\
        Towns like ours argue about bridges for decades. Maybe this time it will be different\n\n\
        Share this:\nTwitter\nFacebook\n";
    let d = extract(text).expect("draft");
    assert!(
        d.body.ends_with("Maybe this time it will be different"),
        "{}",
        d.body
    );
}

#[test]
fn a_byline_s_second_name_after_an_ampersand_is_no_headline() {
    let text = "Skip navigation\nOpinion\nThe Town That Closed Its Last School\n\
        By Ann Lee\n\
        & Bo Park in the Valley Office\n\
        May 3, 2021 | 9:15 AM\n\
        Tags\nEducation\n\n\
        When the last school in the valley closed in June, the children began a bus ride of almost an hour each way to the nearest town.\n\n\
        Parents say the ride is the least of it: the school was also the place where the village met, voted and held its summer fair.\n";
    let d = extract(text).expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("The Town That Closed Its Last School")
    );
}

#[test]
fn a_file_name_in_an_announced_code_block_is_no_web_address() {
    let text = "Home\nBlog\nSaving the shell history\nBy Ann Lee\n\n\
        For years I lost my shell history every time a terminal crashed, and it took me far too long to look for a fix.\n\n\
        The shell can write every command to its history file as soon as it runs, and it only needs two lines. In short:\n\n\
        # .bashrc.conf\n\
        shopt -s histappend\n\
        PROMPT_COMMAND='history -a'\n\n\
        Previous post\nNext post\n";
    let d = extract(text).expect("draft");
    assert!(d.body.contains("shopt -s histappend"), "{}", d.body);
}

#[test]
fn newsletter_and_paywall_prompts_in_either_order_are_dropped() {
    let text = "Home\nNews\nHarbour ferry returns after winter break\nBy Ann Lee\n\n\
        The harbour ferry is back on the water after its winter break, with two more crossings a day than last summer.\n\n\
        Jetzt Newsletter abonnieren\n\n\
        The operator says the new timetable follows a survey of passengers who asked for an earlier boat in the morning.\n\n\
        To view the full story, please subscribe to the Harbour Gazette.\n\n\
        Tickets can be bought on board or at the kiosk on the pier, which now opens half an hour before the first crossing.\n";
    let d = extract(text).expect("draft");
    assert!(d.body.contains("Tickets can be bought"), "{}", d.body);
    for gone in ["Newsletter", "full story"] {
        assert!(!d.body.contains(gone), "{gone:?} left in {}", d.body);
    }
}

#[test]
fn an_about_the_author_heading_in_german_ends_the_body() {
    let text = "Start\nWein\nDer Riesling im Keller\nVon Anna Keller\n\n\
        Ein Riesling braucht im Keller vor allem eines: Ruhe, eine gleichmäßige Temperatur und etwas Geduld beim Warten.\n\n\
        Wer die Flaschen liegend lagert, hält den Korken feucht und schützt den Wein so über viele Jahre vor zu viel Luft.\n\n\
        Über den Autor\n\n\
        Anna Keller schreibt seit zwanzig Jahren über Wein und hat mehrere Bücher über die Weinbaugebiete an der Mosel verfasst.\n";
    let d = extract(text).expect("draft");
    assert!(d.body.ends_with("zu viel Luft."), "{}", d.body);
}

#[test]
fn a_photo_caption_between_two_parts_of_the_article_keeps_the_body_going() {
    let text = "Home\nNews\nThe songs are getting shorter\nBy Ann Lee\n\n\
        Forget the long ballads of the past: the songs of the streaming age are shrinking, and musicians are paid by the stream.\n\n\
        Labels say that a listener who skips a song in its first thirty seconds does not count as a stream, so songs start fast.\n\n\
        Producers now put the chorus first and cut the long introductions that radio used to play while the presenter talked.\n\n\
        Seven songs to hear this week:\n\
        The long road home (Bo Park)\nSummer rain again (Cy Diaz)\nNorthern lights (Di Evans)\n\
        A small town waltz (Ed Fox)\nLast train out (Fay Gold)\nHarbour lights (Gus Hill)\nOpen roads (Hal Ives)\n\n\
        Festival news\n\n\
        A singer on stage at a festival in the summer. Photo: Jane Doe\n\n\
        The same is true of albums, which are shorter too and come out more often.\n\n\
        About us\nContact\n";
    let d = extract(text).expect("draft");
    assert!(d.body.ends_with("come out more often."), "{}", d.body);
}

#[test]
fn a_topics_in_this_article_heading_ends_the_body() {
    let text = "Start\nLeben\nWarum Gärtnern glücklich macht\nVon Anna Keller\n\n\
        Wer im Garten arbeitet, bewegt sich an der frischen Luft, sieht, was er geschafft hat, und kommt dabei zur Ruhe.\n\n\
        Schon eine halbe Stunde am Tag reicht, sagen Forschende, damit sich die Stimmung merklich und dauerhaft bessert.\n\n\
        Themen in diesem Artikel\n\
        Neue Studie: Warum wir im Winter mehr schlafen wollen\n\
        Diese zehn Zimmerpflanzen gefallen fast jeder Fensterbank, brauchen wenig Wasser und wachsen auch im Schatten gut.\n";
    let d = extract(text).expect("draft");
    assert!(d.body.ends_with("dauerhaft bessert."), "{}", d.body);
}

#[test]
fn furniture_in_other_wordings_and_languages_is_dropped() {
    for line in [
        "Lesen Sie auch: Ferry fares to rise next spring",
        "Lees ook: Veerpont vaart weer",
        "Leggi anche: Cinque sentieri per famiglie",
        "Lee también: La sequía obliga a cortar el agua",
        "À lire aussi : Les agriculteurs misent sur le biogaz",
        "SKIP ADVERTISEMENT",
        "Story continues below advertisement",
        "Advertentie",
        "Share full article",
        "Partager",
        "Condividi:",
        "14:32",
        "11h20",
        "Credit...Jo Fields for The Gull Gazette",
        "The pier at dawn on Monday. Foto: Bo Park",
    ] {
        let d = extract(&page_with("By Ann Lee", line)).expect("draft");
        assert!(d.body.starts_with("The city council voted"), "{}", d.body);
        assert!(!d.body.contains(line), "{line:?} in {}", d.body);
    }
}

#[test]
fn a_bio_of_the_credited_author_ends_the_body_whatever_its_wording() {
    for bio in [
        "Ann Lee covers city hall for the Harbour Times. Reach her at 555-0100.",
        "Ann Lee is a retired engineer and a contributing columnist for the Harbour Times.",
        "Ann Lee ist Redakteurin im Lokalressort der Harbour Times.",
        "Ann Lee est journaliste au service politique.",
    ] {
        let text = format!(
            "{}\n{bio}\nBo Park is a business reporter for the Harbour Times, covering the port.\n",
            page_with("By Ann Lee", "")
        );
        let d = extract(&text).expect("draft");
        assert_eq!(d.authors, ["Ann Lee"]);
        assert!(
            d.body
                .ends_with("officials said at a briefing on Wednesday."),
            "{bio:?}: {}",
            d.body
        );
    }
}

#[test]
fn closing_notes_and_about_boxes_end_the_body() {
    for tail in [
        "A version of this article appears in print on March 6, 2024, Section A, Page 14 of the edition with the headline: Bridge Approved.",
        "© 2024 Harbour Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        "© EFE 2023. Está expresamente prohibida la redistribución y la redifusión de todo o parte de los contenidos de los servicios de EFE.",
        "About Harbour Holdings\nHarbour Holdings owns and runs the ferries, the marina and the two car parks on the north quay of the harbour.",
    ] {
        let text = format!("{}\n{tail}\n", page_with("By Ann Lee", ""));
        let d = extract(&text).expect("draft");
        assert!(
            d.body.ends_with("officials said at a briefing on Wednesday."),
            "{tail:?}: {}",
            d.body
        );
    }
}

#[test]
fn a_wire_credit_in_brackets_closes_the_article() {
    let credit = "(Reporting by Ann Lee; Editing by Bo Park and Cy Diaz)";
    let text = format!("{}\n{credit}\n", page_with("By Ann Lee", ""));
    let d = extract(&text).expect("draft");
    assert!(d.body.ends_with(credit), "{}", d.body);
}

#[test]
fn a_name_over_a_photo_credit_is_a_caption_not_a_byline() {
    let d = extract(&page_with("Ann Lee\n© Bo Park (Harbour Wire)", "")).expect("draft");
    assert!(d.authors.is_empty(), "{:?}", d.authors);
}

#[test]
fn bylines_in_other_languages_name_the_author() {
    for (byline, name) in [
        ("Door Pieter van Dijk", "Pieter van Dijk"),
        ("Di Giulia Ferri", "Giulia Ferri"),
        ("di Sara Colombo", "Sara Colombo"),
        ("Par Claire Moreau", "Claire Moreau"),
        ("Por Ana Beltrán", "Ana Beltrán"),
        ("Ein Kommentar von Miriam Klose", "Miriam Klose"),
        ("Texto: Marta Quiroga", "Marta Quiroga"),
    ] {
        let d = extract(&page_with(&format!("{byline}\n12 April 2024"), "")).expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("City council approves new harbour bridge"),
            "{byline}"
        );
        assert_eq!(d.authors, [name], "{byline}");
    }
}

#[test]
fn a_role_place_or_button_under_the_byline_is_no_headline() {
    for under in [
        "Contributing columnist",
        "Reporting from Washington",
        "Follow on X\n@annlee\nEmail",
    ] {
        let d = extract(&page_with(
            &format!("By Ann Lee\n{under}\nMarch 3, 2021"),
            "",
        ))
        .expect("draft");
        assert_eq!(
            d.title.as_deref(),
            Some("City council approves new harbour bridge"),
            "{under}"
        );
        assert_eq!(d.authors, ["Ann Lee"]);
    }
    // A bare name, even with a particle, over a time and a date.
    let d = extract(&page_with(
        "Marloes de Wit\nvandaag, 07:45\n3 maart 2024",
        "",
    ))
    .expect("draft");
    assert_eq!(
        d.title.as_deref(),
        Some("City council approves new harbour bridge")
    );
    assert_eq!(d.authors, ["Marloes de Wit"]);
}

#[test]
fn a_headline_ending_in_a_full_stop_over_its_byline_is_the_headline() {
    let headline =
        "A boatyard that built for a century is closing. There is no one left to take it on.";
    let text = format!(
        "Home\nNews\nSport\n{headline}\nOwen Lachlan\nFollow on X\nTue 7 May 2024 06.00 BST\n\n\
         The last working boatyard on the river will close at the end of the month after its owners failed to find a buyer.\n\n\
         Its nine remaining staff were told on Monday, and the slipway will be offered to the council for public use.\n"
    );
    let d = extract(&text).expect("draft");
    assert_eq!(d.title.as_deref(), Some(headline));
    assert_eq!(d.authors, ["Owen Lachlan"]);
    assert!(
        d.body.starts_with("The last working boatyard"),
        "{}",
        d.body
    );
}
