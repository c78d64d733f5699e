//! Fuzzes the plain-text copy extractor: any text must extract or fail with
//! an error, never panic, hang or exhaust memory. The input's first line
//! names the file (`<first line>.txt`), so the words of file names that
//! count for the headline are fuzzed too.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (name, body) = text.split_once('\n').unwrap_or(("x", &text));
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, '/' | '\0'))
        .take(200)
        .collect();
    let source = lede::ingest::Source::from_text(format!("{name}.txt"), body.to_string());
    let _ = lede::extract::extract(&source);
});
