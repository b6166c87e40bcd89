//! Answers computed once and kept in memory until what they were computed
//! from changes: help search result pages (HELP-2), cleared whenever an
//! article or the processors are saved on any app server.
//!
//! A computation that started before a clear must not store its answer
//! after it (it may have read the old text). Callers take a `Ticket`
//! before computing and hand it back with the answer; a clear in between
//! makes the ticket stale and the answer is not kept.
//!
//! `get_or_compute` asks once per key: askers of an answer being computed
//! wait for it instead of computing it again (single flight), so the first
//! seconds after a start or an edit cost one search per query, not one per
//! reader.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

pub struct Memo<K, V> {
    inner: Mutex<Inner<K, V>>,
    capacity: usize,
}

struct Inner<K, V> {
    answers: HashMap<K, V>,
    /// Answers being computed in this generation, awaited by later askers.
    computing: HashMap<K, Arc<OnceCell<V>>>,
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
                computing: HashMap::new(),
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

    /// The kept answer; else the answer being computed for `key`, waited
    /// for; else `compute`'s, kept. An error is not kept: the next waiter
    /// computes again.
    pub async fn get_or_compute<E, F, Fut>(&self, key: K, compute: F) -> Result<V, E>
    where
        K: Clone,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        let (ticket, cell) = {
            let mut inner = self.lock();
            if let Some(v) = inner.answers.get(&key) {
                return Ok(v.clone());
            }
            let cell = inner.computing.entry(key.clone()).or_default().clone();
            (Ticket(inner.generation), cell)
        };
        let value = cell.get_or_try_init(compute).await?.clone();
        self.keep(ticket, key, value.clone());
        Ok(value)
    }

    /// Keeps `value` unless the memo was cleared since `ticket` was taken.
    pub fn keep(&self, ticket: Ticket, key: K, value: V) {
        let mut inner = self.lock();
        if inner.generation != ticket.0 {
            return;
        }
        inner.computing.remove(&key);
        if inner.answers.len() >= self.capacity && !inner.answers.contains_key(&key) {
            inner.answers.clear();
        }
        inner.answers.insert(key, value);
    }

    /// Forgets every answer, and every computation under way.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.answers.clear();
        inner.computing.clear();
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

    /// HELP-2 under load: 32 readers asking one new query at once cost one
    /// search, and all get its answer.
    #[tokio::test]
    async fn concurrent_askers_of_one_key_compute_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let memo: Arc<Memo<&str, i32>> = Arc::new(Memo::new(10));
        let runs = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(tokio::sync::Barrier::new(32));
        let askers = (0..32).map(|_| {
            let (memo, runs, gate) = (memo.clone(), runs.clone(), gate.clone());
            tokio::spawn(async move {
                gate.wait().await;
                memo.get_or_compute("q", || async {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    Ok::<_, ()>(7)
                })
                .await
            })
        });
        for asker in askers.collect::<Vec<_>>() {
            assert_eq!(asker.await.unwrap(), Ok(7));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(memo.get(&"q"), Ok(7));
    }

    #[tokio::test]
    async fn a_failed_computation_is_not_kept_and_the_next_asker_computes() {
        let memo: Memo<&str, i32> = Memo::new(10);
        assert_eq!(
            memo.get_or_compute("q", || async { Err("down") }).await,
            Err("down")
        );
        assert!(memo.get(&"q").is_err());
        assert_eq!(
            memo.get_or_compute("q", || async { Ok::<_, &str>(3) }).await,
            Ok(3)
        );
    }

    #[tokio::test]
    async fn an_answer_computed_across_a_clear_is_answered_but_not_kept() {
        let memo: Memo<&str, i32> = Memo::new(10);
        let got = memo
            .get_or_compute("q", || async {
                memo.clear();
                Ok::<_, ()>(1)
            })
            .await;
        assert_eq!(got, Ok(1));
        assert!(memo.get(&"q").is_err(), "it may have read the old text");
        // The next asker computes afresh rather than waiting on the old one.
        assert_eq!(memo.get_or_compute("q", || async { Ok::<_, ()>(2) }).await, Ok(2));
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
