//! Counts gathered in memory and written in batches, so counting costs a
//! request no database write: a help search is counted for support's
//! figures (HELP-6) this way. The worker writes what was counted every
//! round (about a second); a crash loses at most that round's counts,
//! which are figures, never money or messages.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Distinct keys kept between two writes; past this, new keys wait for
/// the next round's write (a flood of unique words cannot grow memory).
const MAX_KEYS: usize = 50_000;

/// Two counts per key (for searches: how many, and how many found nothing).
pub struct Tally<K> {
    counts: Mutex<HashMap<K, (i64, i64)>>,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Tally {
            counts: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash> Tally<K> {
    /// Adds to `key`'s counts; answers whether it was counted.
    pub fn add(&self, key: K, first: i64, second: i64) -> bool {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if !counts.contains_key(&key) && counts.len() >= MAX_KEYS {
            return false;
        }
        let c = counts.entry(key).or_default();
        c.0 += first;
        c.1 += second;
        true
    }

    /// Everything counted since the last take, for one write.
    pub fn take(&self) -> Vec<(K, (i64, i64))> {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut *counts).into_iter().collect()
    }

    /// A write failed: its counts wait for the next one.
    pub fn put_back(&self, rows: Vec<(K, (i64, i64))>) {
        for (key, (a, b)) in rows {
            self.add(key, a, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_are_taken_once() {
        let t: Tally<&str> = Tally::default();
        assert!(t.add("refund", 1, 0));
        assert!(t.add("refund", 1, 1));
        assert!(t.add("tip", 1, 0));
        let mut rows = t.take();
        rows.sort();
        assert_eq!(rows, vec![("refund", (2, 1)), ("tip", (1, 0))]);
        assert!(t.take().is_empty());
        t.put_back(rows);
        assert_eq!(t.take().len(), 2);
    }
}
