//! Fuzzes the JSON or JSON Lines file extractor: any text, read as `x.json`, must extract
//! or fail with an error, never panic, hang or exhaust memory.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let source = lede::ingest::Source::from_text("x.json", text.into_owned());
    let _ = lede::extract::extract(&source);
});
