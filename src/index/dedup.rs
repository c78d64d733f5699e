//! Near-duplicate detection: the same wire story published by several
//! outlets with small edits, or a page saved twice, becomes one duplicate
//! group.
//!
//! Each body is cut into shingles of [`SHINGLE_WORDS`] words and summarized
//! by a MinHash signature computed with one-permutation hashing (one hash
//! per shingle, [`SIGNATURE_LEN`] buckets, empty buckets filled from their
//! neighbours), so the cost is linear in the text. The signature is cut into
//! [`BANDS`] bands whose hashes are indexed as terms; articles sharing a band
//! are candidates, and a candidate is the same story when the exact Jaccard
//! similarity of the two shingle sets is at least [`THRESHOLD`]. Lookups go
//! through the index's term dictionary, never all pairs, so grouping stays
//! fast on millions of articles.

use std::collections::HashSet;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// MinHash values per signature.
pub const SIGNATURE_LEN: usize = 32;
/// Bands of the signature; rows per band = `SIGNATURE_LEN / BANDS`. With 8
/// bands of 4 rows a pair at Jaccard 0.8 shares a band with probability
/// 0.985, at 0.9 with 0.9998, a pair at 0.5 with 0.40 (then rejected by the
/// exact check). Each band is a term of every article, so bands cost index
/// space and indexing time: 16 bands were a fifth of the index.
pub const BANDS: usize = 8;
/// Jaccard similarity from which two bodies are the same story.
pub const THRESHOLD: f64 = 0.8;
/// Bodies with fewer shingles than this are too short to compare.
pub const MIN_SHINGLES: usize = 8;

/// 64-bit mixing (splitmix64 finalizer): spreads any input over all bits.
pub(super) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a over the lowercased word's characters, then mixed.
fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return ascii_word_hash(word.as_bytes());
    }
    let h = word
        .chars()
        .flat_map(char::to_lowercase)
        .fold(FNV_START, |h, c| fnv_step(h, c as u64));
    mix(h)
}

/// [`word_hash`] of an ASCII word (most words), given as bytes: no Unicode
/// case mapping, the same result.
fn ascii_word_hash(word: &[u8]) -> u64 {
    let h = word.iter().fold(FNV_START, |h, &b| {
        fnv_step(h, u64::from(b.to_ascii_lowercase()))
    });
    mix(h)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, c: u64) -> u64 {
    (h ^ c).wrapping_mul(0x0100_0000_01b3)
}

/// The hashes of a body's shingles (words are runs of letters and digits,
/// case-folded, so punctuation and case edits do not count as changes).
pub fn shingles(body: &str) -> Vec<u64> {
    let words: Vec<u64> = if body.is_ascii() {
        // The same words, split and hashed as bytes.
        body.as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(ascii_word_hash)
            .collect()
    } else {
        body.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash)
            .collect()
    };
    if words.len() < SHINGLE_WORDS {
        return Vec::new();
    }
    words
        .windows(SHINGLE_WORDS)
        .map(|w| w.iter().fold(0u64, |acc, &h| mix(acc.rotate_left(17) ^ h)))
        .collect()
}

/// The MinHash signature of a shingle set, by one-permutation hashing with
/// rotation densification; `None` when there are too few shingles.
pub fn signature(shingles: &[u64]) -> Option<[u64; SIGNATURE_LEN]> {
    if !has_distinct(shingles, MIN_SHINGLES) {
        return None;
    }
    // A bucket keeps its minimum, so repeated shingles change nothing and
    // need no set.
    let mut sig = [u64::MAX; SIGNATURE_LEN];
    for &h in shingles {
        let bucket = (h % SIGNATURE_LEN as u64) as usize;
        let value = h / SIGNATURE_LEN as u64;
        sig[bucket] = sig[bucket].min(value);
    }
    // Densify: an empty bucket borrows the next non-empty one's value,
    // salted by the distance so that borrowed values stay distinguishable.
    let filled = sig;
    for (i, slot) in sig.iter_mut().enumerate() {
        if *slot != u64::MAX {
            continue;
        }
        for step in 1..SIGNATURE_LEN {
            let v = filled[(i + step) % SIGNATURE_LEN];
            if v != u64::MAX {
                *slot = mix(v ^ step as u64);
                break;
            }
        }
    }
    Some(sig)
}

/// Whether `values` holds at least `n` distinct values (looking no further
/// than needed: most bodies show `n` in their first `n` shingles).
fn has_distinct(values: &[u64], n: usize) -> bool {
    let mut seen: Vec<u64> = Vec::with_capacity(n);
    for &v in values {
        if !seen.contains(&v) {
            seen.push(v);
            if seen.len() >= n {
                return true;
            }
        }
    }
    false
}

/// The band keys of a signature, each tagged with its band number so that
/// equal values in different bands never collide. Keys keep 32 bits of the
/// band's hash (a collision only adds a candidate, which the exact check
/// rejects), so they share their leading bytes in the term dictionary.
pub fn band_keys(sig: &[u64; SIGNATURE_LEN]) -> Vec<u64> {
    let rows = SIGNATURE_LEN / BANDS;
    sig.chunks(rows)
        .enumerate()
        .map(|(band, values)| {
            let h = values.iter().fold(band as u64, |acc, &v| mix(acc ^ v));
            ((band as u64) << 32) | (h >> 32)
        })
        .collect()
}

/// Exact Jaccard similarity of two shingle lists (as sets).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let a: HashSet<u64> = a.iter().copied().collect();
    let b: HashSet<u64> = b.iter().copied().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(&b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The county commission voted on Tuesday to approve a new contract for the regional water authority, ending months of negotiations over rates, maintenance costs and the future of the aging treatment plant on the east side of the river. Commissioners said the agreement would keep monthly bills flat for two years while the authority replaces pipes installed in the nineteen fifties. Residents who spoke at the meeting asked for more public reporting on lead testing, and the authority agreed to publish results every quarter.";

    #[test]
    fn a_lightly_edited_copy_shares_a_band_and_passes_the_threshold() {
        let edited = STORY
            .replace("on Tuesday", "Tuesday")
            .replace("Residents who spoke", "Several residents who spoke");
        let (a, b) = (shingles(STORY), shingles(&edited));
        assert!(jaccard(&a, &b) >= THRESHOLD, "{}", jaccard(&a, &b));
        let (sa, sb) = (signature(&a).unwrap(), signature(&b).unwrap());
        let (ka, kb) = (band_keys(&sa), band_keys(&sb));
        assert!(ka.iter().zip(&kb).any(|(x, y)| x == y), "no shared band");
    }

    #[test]
    fn different_stories_are_not_the_same() {
        let other = "Organisers of the harbour festival said a record number of visitors came to see the tall ships this weekend, with queues along the quay from early morning until the fireworks ended the celebrations late on Sunday night near the old lighthouse.";
        let (a, b) = (shingles(STORY), shingles(other));
        assert!(jaccard(&a, &b) < 0.1);
        let (ka, kb) = (
            band_keys(&signature(&a).unwrap()),
            band_keys(&signature(&b).unwrap()),
        );
        assert!(ka.iter().zip(&kb).all(|(x, y)| x != y));
    }

    #[test]
    fn ascii_and_unicode_words_hash_alike_in_any_case() {
        assert_eq!(word_hash("Pardon"), word_hash("pardon"));
        assert_eq!(word_hash("ÉTÉ"), word_hash("été"));
        assert_ne!(word_hash("pardon"), word_hash("pardons"));
        // The ASCII path gives what the general one gives.
        let general = |w: &str| {
            let h = w
                .chars()
                .flat_map(char::to_lowercase)
                .fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
                    (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
                });
            mix(h)
        };
        assert_eq!(word_hash("Kardashian"), general("Kardashian"));
    }

    #[test]
    fn ascii_bodies_give_the_shingles_and_signature_of_the_general_path() {
        // Band keys are indexed: a faster path must not change them.
        let general = |body: &str| -> Vec<u64> {
            let words: Vec<u64> = body
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(word_hash)
                .collect();
            words
                .windows(SHINGLE_WORDS)
                .map(|w| w.iter().fold(0u64, |acc, &h| mix(acc.rotate_left(17) ^ h)))
                .collect()
        };
        let body = "The Council's vote (7-2) on item 14b: parks, roads & the HARBOUR; \
                    members met at 9:30\tand left at 11.\n\nA second paragraph, \
                    with 2023 figures - and the same words: parks, roads.";
        assert_eq!(shingles(body), general(body));
        let sig = signature(&shingles(body)).expect("long enough");
        let mut doubled = shingles(body);
        doubled.extend(shingles(body));
        assert_eq!(signature(&doubled), Some(sig), "repeats change nothing");
        assert!(signature(&[1, 2, 3, 4, 5, 6, 7, 7, 7, 7]).is_none());
    }

    #[test]
    fn case_and_punctuation_do_not_matter_and_short_texts_are_skipped() {
        assert_eq!(
            shingles(STORY),
            shingles(&STORY.to_uppercase().replace(',', " ;"))
        );
        assert!(signature(&shingles("Too short to compare.")).is_none());
        assert_eq!(
            band_keys(&signature(&shingles(STORY)).unwrap()).len(),
            BANDS
        );
    }
}
