//! Answers computed once and kept in memory until what they were computed
//! from changes: help search result pages (HELP-2), cleared whenever an
//! article or the processors are saved on any app server.
//!
//! A computation that started before a clear must not store its answer
//! after it (it may have read the old text). Callers take a `Ticket`
//! before computing and hand it back with the answer; a clear in between
//! makes the ticket stale and the answer is not kept.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

pub struct Memo<K, V> {
    inner: Mutex<Inner<K, V>>,
    capacity: usize,
}

struct Inner<K, V> {
    answers: HashMap<K, V>,
    generation: u64,
}

/// Proof of which generation an answer was computed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u64);

/// Enough for every repeated query of a busy day; help result pages are
/// ~10 KB, so a full memo holds ~5 MB.
const DEFAULT_CAPACITY: usize = 512;

impl<K: Eq + Hash, V: Clone> Default for Memo<K, V> {
    fn default() -> Self {
        Memo::new(DEFAULT_CAPACITY)
    }
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    /// Keeps at most `capacity` answers; past it the memo starts over
    /// (simpler than an eviction order, and a full memo means the queries
    /// are not repeating anyway).
    pub fn new(capacity: usize) -> Self {
        Memo {
            inner: Mutex::new(Inner {
                answers: HashMap::new(),
                generation: 0,
            }),
            capacity,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The kept answer, or a ticket to compute and `keep` one.
    pub fn get(&self, key: &K) -> Result<V, Ticket> {
        let inner = self.lock();
        inner.answers.get(key).cloned().ok_or(Ticket(inner.generation))
    }

    /// Keeps `value` unless the memo was cleared since `ticket` was taken.
    pub fn keep(&self, ticket: Ticket, key: K, value: V) {
        let mut inner = self.lock();
        if inner.generation != ticket.0 {
            return;
        }
        if inner.answers.len() >= self.capacity && !inner.answers.contains_key(&key) {
            inner.answers.clear();
        }
        inner.answers.insert(key, value);
    }

    /// Forgets every answer, and every computation under way.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.answers.clear();
        inner.generation += 1;
    }

    pub fn len(&self) -> usize {
        self.lock().answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_kept_until_cleared() {
        let memo: Memo<&str, i32> = Memo::new(10);
        let ticket = memo.get(&"a").unwrap_err();
        memo.keep(ticket, "a", 1);
        assert_eq!(memo.get(&"a"), Ok(1));
        memo.clear();
        assert!(memo.get(&"a").is_err());
    }

    #[test]
    fn an_answer_computed_across_a_clear_is_not_kept() {
        let memo: Memo<&str, i32> = Memo::new(10);
        let ticket = memo.get(&"a").unwrap_err();
        memo.clear();
        memo.keep(ticket, "a", 1);
        assert!(memo.get(&"a").is_err(), "it may have read the old text");
    }

    #[test]
    fn a_full_memo_starts_over() {
        let memo: Memo<i32, i32> = Memo::new(2);
        for k in 0..3 {
            let t = memo.get(&k).unwrap_err();
            memo.keep(t, k, k);
        }
        assert_eq!(memo.len(), 1);
        assert_eq!(memo.get(&2), Ok(2));
    }
}
