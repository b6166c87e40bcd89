use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

use crate::platform::clock::Clock;
use crate::platform::config::Config;
use crate::platform::db::Db;

/// Everything a request handler or server function may need.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub clock: Clock,
    pub config: Arc<Config>,
    pub live: Live,
    /// Anonymous readers' help pages (see `page_cache`).
    pub pages: Arc<crate::platform::page_cache::PageCache>,
    /// Whether the database was unreachable at the last look (see
    /// `http::per_request`).
    pub db_health: Arc<DbHealth>,
    /// Where e-mail goes (NOTE); `Keep` when no mail server is set.
    pub mailer: crate::platform::mailer::Mailer,
    /// Wakes the worker (`crate::worker`) after a write, so notices and
    /// mails leave at once instead of at its next round.
    pub work: Arc<tokio::sync::Notify>,
    /// HELP-6: help searches counted since the worker last wrote them
    /// (language, query, UTC day).
    pub searches: Arc<crate::platform::tally::Tally<SearchKey>>,
    /// HELP-2: result pages of repeated help searches.
    pub search_results: Arc<SearchResults>,
}

/// Help search result pages by language, query words and page size.
pub type SearchResults = crate::platform::memo::Memo<
    (crate::domain::Locale, Vec<String>, i64),
    Arc<Vec<crate::domain::help::SearchHit>>,
>;

/// Told on the live channel when the help center changed on any server.
pub const HELP_KEY: &str = "help";

impl AppState {
    /// The help center changed (an article or the processors were saved):
    /// this server forgets its kept pages and search results at once, so
    /// the editor's next page is fresh; the other app servers do when the
    /// live channel tells them (`follow_help_edits`), within a second.
    pub async fn help_changed(&self) {
        self.forget_help();
        self.live.notify(HELP_KEY).await;
    }

    fn forget_help(&self) {
        self.pages.clear();
        self.search_results.clear();
    }
}

/// Clears this server's help pages and search results whenever any server
/// says the help center changed, and after the live channel lost events
/// (which may have been such a change).
pub fn follow_help_edits(state: &AppState) -> tokio::task::JoinHandle<()> {
    use tokio::sync::broadcast::error::RecvError;
    let state = state.clone();
    let mut rx = state.live.subscribe();
    tokio::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(key) if key == HELP_KEY => state.forget_help(),
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => state.forget_help(),
                Err(RecvError::Closed) => return,
            }
        }
    })
}

/// A help search as it is counted: language code, normalised query, and
/// the UTC day (its first millisecond).
pub type SearchKey = (String, String, i64);

/// Set when a request found the database unreachable. While it is set,
/// each request first probes the database briefly and, if it is still
/// down, answers 503 at once instead of waiting out the pool's connection
/// timeout; the first probe that succeeds clears it.
#[derive(Default)]
pub struct DbHealth {
    down: std::sync::atomic::AtomicBool,
}

impl DbHealth {
    pub fn is_down(&self) -> bool {
        self.down.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn set_down(&self, down: bool) {
        self.down.store(down, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Live delivery: the id of every conversation that got a message is
/// broadcast; open chat pages listen (server-sent events) and reload their
/// history. On PostgreSQL the id goes through `NOTIFY settle_live`, and
/// every app server's listener rebroadcasts it to its own pages, so several
/// servers behind a load balancer all deliver.
#[derive(Clone)]
pub struct Live {
    local: tokio::sync::broadcast::Sender<String>,
    postgres: Option<crate::platform::db::Db>,
}

pub const LIVE_CHANNEL: &str = "settle_live";

/// The live key of one session (`/live/sessions/{id}`): told after every
/// step, by a person or by the clock.
pub fn session_key(id: &crate::domain::SessionId) -> String {
    format!("session:{}", id.as_str())
}

/// The live key of the direct chat between a model and a client
/// (`/live/chats/{other}`): told after every message in it.
pub fn chat_key(model: &crate::domain::UserId, client: &crate::domain::UserId) -> String {
    format!("chat:{}:{}", model.as_str(), client.as_str())
}

impl Live {
    /// In-process only (SQLite: one server).
    pub fn new() -> Live {
        Live {
            local: tokio::sync::broadcast::channel(1024).0,
            postgres: None,
        }
    }

    /// Fan-out across servers through PostgreSQL LISTEN/NOTIFY.
    pub async fn with_postgres(db: crate::platform::db::Db, url: &str) -> Result<Live, sqlx::Error> {
        let live = Live {
            local: tokio::sync::broadcast::channel(1024).0,
            postgres: Some(db),
        };
        let mut listener = sqlx::postgres::PgListener::connect(url).await?;
        listener.listen(LIVE_CHANNEL).await?;
        let local = live.local.clone();
        tokio::spawn(async move {
            loop {
                match listener.recv().await {
                    Ok(n) => {
                        let _ = local.send(n.payload().to_string());
                    }
                    // PgListener reconnects by itself; a page that missed an
                    // event catches up when its own stream reconnects, and
                    // kept help pages go in case an edit was missed.
                    Err(e) => {
                        tracing::warn!(%e, "live listener");
                        let _ = local.send(HELP_KEY.to_string());
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        Ok(live)
    }

    pub async fn notify(&self, conversation: &str) {
        match &self.postgres {
            Some(db) => {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(LIVE_CHANNEL)
                    .bind(conversation)
                    .execute(db)
                    .await;
                if let Err(e) = sent {
                    tracing::warn!(%e, "live notify");
                    let _ = self.local.send(conversation.to_string());
                }
            }
            // Nobody listening is fine.
            None => {
                let _ = self.local.send(conversation.to_string());
            }
        }
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<String> {
        self.local.subscribe()
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}
