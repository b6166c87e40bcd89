//! What a form does after its server function answers.

use leptos::prelude::*;

use crate::domain::AppError;
use leptos_router::hooks::use_navigate;

use crate::ui::context::{use_session, Done};

/// After a successful form (hydrated): update the session, then go on.
pub fn follow_done<S>(action: ServerAction<S>)
where
    S: leptos::server_fn::ServerFn<Output = Done, Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(done)) = action.value().get() {
            session.0.set(done.session);
            navigate(&done.target, Default::default());
        }
    });
}

/// After a successful form (hydrated) whose answer is the next page's path.
pub fn follow_target<S>(action: ServerAction<S>)
where
    S: leptos::server_fn::ServerFn<Output = String, Error = AppError> + Clone + Send + Sync + 'static,
{
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(target)) = action.value().get() {
            navigate(&target, Default::default());
        }
    });
}

pub fn error_of<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}
