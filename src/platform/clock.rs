//! The one source of "now" for the server. Rules take `now` as an argument;
//! this is where it comes from. Tests may move it, and only a server started
//! in test mode exposes a control to do so.

use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Microseconds added to the system time. Zero in production. Finer
    /// than the millisecond so a clock set to an edge never reads a hair
    /// before it.
    offset_us: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::microseconds(self.offset_us.load(Ordering::Relaxed))
    }

    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }

    /// Moves time forward (or back) by `by`. Test-only by convention: the HTTP
    /// control is mounted only in test mode.
    pub fn advance(&self, by: Duration) {
        self.offset_us
            .fetch_add(by.num_microseconds().unwrap_or(i64::MAX), Ordering::Relaxed);
    }

    /// Sets the clock to an instant (the offset keeps it ticking from there).
    pub fn set(&self, to: DateTime<Utc>) {
        let offset = (to - Utc::now()).num_microseconds().unwrap_or(i64::MAX);
        self.offset_us.store(offset, Ordering::Relaxed);
    }

    pub fn reset(&self) {
        self.offset_us.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_now_forward() {
        let c = Clock::system();
        let before = c.now();
        c.advance(Duration::minutes(61));
        let moved = c.now() - before;
        assert!(moved >= Duration::minutes(61) && moved < Duration::minutes(62));
        c.reset();
        assert!(c.now() - before < Duration::minutes(1));
    }

    #[test]
    fn set_jumps_to_an_instant() {
        let c = Clock::system();
        let target = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        c.set(target);
        assert!((c.now() - target).num_seconds().abs() < 2);
    }
}
