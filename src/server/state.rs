use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

use super::clock::Clock;
use super::config::Config;
use super::db::Db;

/// Everything a request handler or server function may need.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub clock: Clock,
    pub config: Arc<Config>,
    pub live: Live,
}

/// Live delivery inside this server: the id of every conversation that got
/// a message is broadcast; open chat pages listen (server-sent events) and
/// reload their history. Several app servers on PostgreSQL would relay it
/// through LISTEN/NOTIFY (not built yet: see docs/decisions.md).
#[derive(Clone)]
pub struct Live(tokio::sync::broadcast::Sender<String>);

impl Live {
    pub fn new() -> Live {
        Live(tokio::sync::broadcast::channel(1024).0)
    }

    pub fn notify(&self, conversation: &str) {
        // Nobody listening is fine.
        let _ = self.0.send(conversation.to_string());
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<String> {
        self.0.subscribe()
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}
