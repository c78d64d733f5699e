//! Fuzzes the byte-level stage: byte-order marks, UTF-16 sniffing, declared
//! and guessed charsets, binary detection and format detection, then the
//! extractor the detected format selects. The first byte picks the file
//! name, so each extension hint is exercised.

#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["x.html", "x.txt", "x.json", "x.jsonl", "noext"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = std::path::Path::new(NAMES[pick as usize % NAMES.len()]);
    if let Ok(source) = lede::ingest::Source::decode(path, bytes) {
        let _ = lede::extract::extract(&source);
    }
});
