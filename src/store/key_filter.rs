//! A Bloom filter over the settled cluster keys (`quote_keys`, see `clusters.rs`).
//!
//! Nearly every quote saved is new, and each of its keys was looked up in `quote_keys`, a
//! B-tree of about three keys per stored quote read at random places: at a million quotes,
//! an eighth of the time spent saving. The filter says "certainly not settled" for nearly
//! all of those keys from memory (about one in a hundred absent keys is still looked up).
//!
//! It lives in `quote_key_filter` (one row) and is rewritten by the merges that add to
//! `quote_keys`, in the same transaction, so it covers every settled key; a key deleted
//! since costs one lookup that finds nothing. A writer reads it again when another
//! connection committed (see `KeyLog::catch_up`). Blocked: a key's bits all lie in one
//! 64-byte block, one cache miss per test.

use rusqlite::{OptionalExtension, Transaction, params};

/// Bits per key it is sized for: about 1% false positives with seven probes.
const BITS_PER_KEY: u64 = 10;
const PROBES: u32 = 7;
/// Bits of the probe hash that choose one bit of a block.
const PROBE_BITS: u32 = 9;
const BLOCK_WORDS: usize = 8;
const BLOCK_BYTES: usize = BLOCK_WORDS * 8;
/// The smallest filter, sized for this many keys (80 KB).
const MIN_CAPACITY: u64 = 1 << 16;
/// A rebuilt filter has room for this many times the keys it holds, so rebuilds (a scan of
/// `quote_keys`) come at sizes growing geometrically.
const GROWTH: u64 = 2;

#[derive(Debug, Clone)]
pub(super) struct KeyFilter {
    words: Vec<u64>,
    /// Keys added since it was built (duplicates and deleted keys included).
    keys: u64,
    /// Keys it was sized for.
    capacity: u64,
}

impl KeyFilter {
    fn with_capacity(capacity: u64) -> KeyFilter {
        let capacity = capacity.max(MIN_CAPACITY);
        let blocks = (capacity * BITS_PER_KEY).div_ceil(BLOCK_BYTES as u64 * 8);
        KeyFilter {
            words: vec![0; blocks as usize * BLOCK_WORDS],
            keys: 0,
            capacity,
        }
    }

    /// The first word of the key's block, and the hash its probes are taken from.
    fn block_of(&self, key: i64) -> (usize, u64) {
        let hash = mix(key as u64);
        let blocks = (self.words.len() / BLOCK_WORDS) as u128;
        let block = ((u128::from(hash) * blocks) >> 64) as usize;
        (block * BLOCK_WORDS, mix(hash))
    }

    fn probes(mut probe_hash: u64) -> impl Iterator<Item = (usize, u64)> {
        (0..PROBES).map(move |_| {
            let bit = (probe_hash & ((1 << PROBE_BITS) - 1)) as usize;
            probe_hash >>= PROBE_BITS;
            (bit / 64, 1u64 << (bit % 64))
        })
    }

    pub(super) fn insert(&mut self, key: i64) {
        let (first, probe_hash) = self.block_of(key);
        for (word, mask) in Self::probes(probe_hash) {
            self.words[first + word] |= mask;
        }
        self.keys += 1;
    }

    /// False when the key was certainly never inserted.
    pub(super) fn may_hold(&self, key: i64) -> bool {
        let (first, probe_hash) = self.block_of(key);
        Self::probes(probe_hash).all(|(word, mask)| self.words[first + word] & mask != 0)
    }

    /// Whether `more` keys fit without raising the false positives above the design rate.
    pub(super) fn has_room_for(&self, more: u64) -> bool {
        self.keys.saturating_add(more) <= self.capacity
    }

    /// The stored filter, or `None` when there is none (or it is unreadable): then every
    /// key is looked up.
    pub(super) fn load(tx: &Transaction) -> rusqlite::Result<Option<KeyFilter>> {
        let stored = tx
            .prepare_cached("SELECT keys, capacity, bits FROM quote_key_filter WHERE id = 1")?
            .query_row([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, Vec<u8>>(2)?,
                ))
            })
            .optional()?;
        Ok(stored.and_then(|(keys, capacity, bits)| {
            let capacity = u64::try_from(capacity).ok()?;
            let mut filter = KeyFilter::with_capacity(capacity);
            if bits.len() != filter.words.len() * 8 {
                return None;
            }
            for (word, bytes) in filter.words.iter_mut().zip(bits.chunks_exact(8)) {
                *word = u64::from_le_bytes(bytes.try_into().ok()?);
            }
            filter.keys = u64::try_from(keys).ok()?;
            Some(filter)
        }))
    }

    /// Builds the filter from every key in `quote_keys`, with room to grow.
    pub(super) fn build(tx: &Transaction) -> rusqlite::Result<KeyFilter> {
        let settled: i64 = tx.query_row("SELECT count(*) FROM quote_keys", [], |row| row.get(0))?;
        let mut filter = KeyFilter::with_capacity(settled.max(0) as u64 * GROWTH);
        let mut keys = tx.prepare("SELECT key FROM quote_keys")?;
        let mut rows = keys.query([])?;
        while let Some(row) = rows.next()? {
            filter.insert(row.get(0)?);
        }
        Ok(filter)
    }

    pub(super) fn save(&self, tx: &Transaction) -> rusqlite::Result<()> {
        let bits: Vec<u8> = self.words.iter().flat_map(|w| w.to_le_bytes()).collect();
        tx.prepare_cached(
            "INSERT OR REPLACE INTO quote_key_filter (id, keys, capacity, bits)
             VALUES (1, ?1, ?2, ?3)",
        )?
        .execute(params![
            i64::try_from(self.keys).unwrap_or(i64::MAX),
            i64::try_from(self.capacity).unwrap_or(i64::MAX),
            bits
        ])?;
        Ok(())
    }
}

/// Builds and stores the filter over the keys settled before it existed (migration 0009).
pub(super) fn build_key_filter(tx: &Transaction) -> rusqlite::Result<()> {
    KeyFilter::build(tx)?.save(tx)
}

/// SplitMix64's finalizer: the keys are FNV-1a hashes, whose low bits mix poorly.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(count: i64, seed: i64) -> impl Iterator<Item = i64> {
        (0..count).map(move |n| (n ^ seed).wrapping_mul(0x2545_f491_4f6c_dd1d))
    }

    #[test]
    fn every_inserted_key_may_be_held() {
        let mut filter = KeyFilter::with_capacity(100_000);
        keys(100_000, 7).for_each(|key| filter.insert(key));
        assert!(keys(100_000, 7).all(|key| filter.may_hold(key)));
    }

    #[test]
    fn few_absent_keys_pass_at_capacity() {
        let mut filter = KeyFilter::with_capacity(100_000);
        keys(100_000, 7).for_each(|key| filter.insert(key));
        let passed = keys(100_000, 0x5555_5555)
            .filter(|&k| filter.may_hold(k))
            .count();
        assert!(passed < 2_000, "{passed} of 100,000 absent keys passed");
    }

    #[test]
    fn room_runs_out_at_capacity() {
        let mut filter = KeyFilter::with_capacity(MIN_CAPACITY);
        assert!(filter.has_room_for(MIN_CAPACITY));
        filter.insert(1);
        assert!(!filter.has_room_for(MIN_CAPACITY));
    }
}
