//! Which near-duplicate band keys (see `dedup`) the committed index may
//! hold: a Bloom filter, so the writer asks the index for duplicate
//! candidates only when one of an article's bands may match. Without it,
//! every added article costs one term lookup per band and per segment, a cost
//! that grows with the index (it was the writing thread's main cost at
//! 300,000 articles).
//!
//! The filter grows by layers (a scalable Bloom filter): when a layer is
//! full, a new one twice its size takes the next keys, and a key may be in
//! the set when any layer says so. A false positive only costs the lookup the
//! filter saves; there are no false negatives.

/// Bits per key of each layer, and probes per key: about 0.24% false
/// positives per full layer.
const BITS_PER_KEY: usize = 16;
const PROBES: usize = 4;
/// Keys the first layer holds.
const FIRST_LAYER: usize = 1 << 16;

struct Layer {
    bits: Vec<u64>,
    mask: u64,
    capacity: usize,
    len: usize,
}

impl Layer {
    fn new(capacity: usize) -> Layer {
        let bits = (capacity * BITS_PER_KEY).next_power_of_two().max(64);
        Layer {
            bits: vec![0; bits / 64],
            mask: bits as u64 - 1,
            capacity,
            len: 0,
        }
    }

    /// The bit positions of a key (double hashing of one 64-bit mix).
    fn probes(&self, key: u64) -> [u64; PROBES] {
        let h = super::dedup::mix(key ^ 0x9e37_79b9_7f4a_7c15);
        let (h1, h2) = (h & 0xffff_ffff, (h >> 32) | 1);
        std::array::from_fn(|i| h1.wrapping_add((i as u64).wrapping_mul(h2)) & self.mask)
    }

    fn insert(&mut self, key: u64) {
        for bit in self.probes(key) {
            self.bits[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        self.len += 1;
    }

    fn may_contain(&self, key: u64) -> bool {
        self.probes(key)
            .into_iter()
            .all(|bit| self.bits[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
}

/// A set of band keys that may answer "present" for a key never inserted,
/// but never "absent" for one that was.
pub struct BandFilter {
    layers: Vec<Layer>,
}

impl BandFilter {
    /// An empty filter sized for about `keys` keys before it grows.
    pub fn with_capacity(keys: usize) -> BandFilter {
        BandFilter {
            layers: vec![Layer::new(keys.max(FIRST_LAYER))],
        }
    }

    /// Adds a key.
    pub fn insert(&mut self, key: u64) {
        let last = self.layers.last().expect("a filter has a layer");
        if last.len >= last.capacity {
            let capacity = last.capacity * 2;
            self.layers.push(Layer::new(capacity));
        }
        self.layers
            .last_mut()
            .expect("a filter has a layer")
            .insert(key);
    }

    /// False when the key was certainly never inserted.
    pub fn may_contain(&self, key: u64) -> bool {
        self.layers.iter().any(|layer| layer.may_contain(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_forgets_a_key_across_layers() {
        let mut filter = BandFilter::with_capacity(0);
        let keys: Vec<u64> = (0..300_000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9))
            .collect();
        for &k in &keys {
            filter.insert(k);
        }
        assert!(
            filter.layers.len() > 1,
            "300,000 keys outgrow the first layer"
        );
        assert!(keys.iter().all(|&k| filter.may_contain(k)));
    }

    #[test]
    fn rarely_answers_for_keys_never_inserted() {
        let mut filter = BandFilter::with_capacity(100_000);
        for k in 0..100_000u64 {
            filter.insert(k << 20);
        }
        let false_positives = (0..100_000u64)
            .filter(|k| filter.may_contain((k << 20) | 1))
            .count();
        // 0.24% expected for a full layer; allow twice that.
        assert!(
            false_positives < 500,
            "{false_positives} false positives in 100,000"
        );
    }
}
