//! Fuzzes the query language end to end: any string, as `lede search`
//! would receive it, against a small real index, must give hits or an
//! error, never a panic. The index is built once per fuzzing process.

#![no_main]

use std::sync::OnceLock;

use lede::index::{open_or_create, OpenIndex, Writer};
use lede::ingest::Source;
use lede::search::{Engine, SearchRequest};
use libfuzzer_sys::fuzz_target;

const PAGES: &[(&str, &str)] = &[
    ("a.txt", "Governor grants clemency\n\nThe governor granted clemency to three prisoners on Friday, her office said, after the pardon board recommended it.\n"),
    ("b.json", r#"{"title":"Kommission billigt Vertrag","author":"Anna Weber","source":"Der Bote","date":"2021-03-04","lang":"de","text":"Die Kommission hat am Dienstag den neuen Vertrag gebilligt."}"#),
    ("c.html", "<html><head><title>Ferry fares rise</title><meta name=author content='Li Wei'></head><body><article><p>Fares on the island ferry rise by a dollar in June, the operator said on Monday.</p></article></body></html>"),
];

fn fixture() -> &'static (tempfile::TempDir, OpenIndex) {
    static INDEX: OnceLock<(tempfile::TempDir, OpenIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = open_or_create(&dir.path().join("index"), false).expect("create index");
        let mut writer = Writer::new(&index, 16 << 20).expect("writer");
        for (name, text) in PAGES {
            let source = Source::from_text(*name, *text);
            for article in lede::extract::extract(&source)
                .expect("fixture extracts")
                .articles
            {
                writer.add(&article).expect("add");
            }
        }
        writer.finish().expect("commit");
        (dir, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let (_, index) = fixture();
    let Ok(engine) = Engine::new(index) else {
        return;
    };
    let mut request = SearchRequest::new(query);
    request.fuzzy = u32::from(data.len() % 3 == 0);
    let _ = engine.search(&request);
});
