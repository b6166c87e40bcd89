//! What a form does after its server function answers.

use leptos::prelude::*;

use crate::domain::AppError;

pub fn error_of<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// Whether `action` succeeded: answered in place (in an island), or as a
/// plain form post that came back to this page marked `__ok` (serve.rs).
pub fn succeeded<S>(action: ServerAction<S>) -> Signal<bool>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let plain = came_back_ok(S::PATH);
    Signal::derive(move || plain || matches!(action.value().get(), Some(Ok(_))))
}

#[cfg(feature = "ssr")]
fn came_back_ok(endpoint: &str) -> bool {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return false;
    };
    let marker = format!(
        "__ok={}",
        crate::ui::components::urlencode(endpoint).replace('/', "%2F")
    );
    parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == marker))
}

#[cfg(not(feature = "ssr"))]
fn came_back_ok(_endpoint: &str) -> bool {
    false
}
