//! Sign-in and sign-up pages. Both forms post plainly without JavaScript;
//! hydrated, they answer in place and navigate without a reload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::components::{use_i18n, use_session, ErrorNote};
use crate::api::auth::{Done, SignIn, SignUp};
use crate::domain::AppError;
use crate::i18n::Msg;

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

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    follow_done(action);
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let show = RwSignal::new(false);
    view! {
        <Title text=i18n.t(Msg::SignIn) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SignIn)}</h1>
            <ErrorNote error=error_of(action) />
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                <Show when=move || !next().is_empty()>
                    <input type="hidden" name="next" value=next />
                </Show>
                <label for="email">{move || i18n.t(Msg::Email)}</label>
                <input id="email" type="email" name="email" required autocomplete="username" />
                <label for="password">{move || i18n.t(Msg::Password)}</label>
                <div class="password-row">
                    <input
                        id="password"
                        type=move || if show.get() { "text" } else { "password" }
                        name="password"
                        required
                        autocomplete="current-password"
                    />
                    <button
                        type="button"
                        class="secondary"
                        data-testid="toggle-password"
                        aria-pressed=move || show.get().to_string()
                        on:click=move |_| show.update(|s| *s = !*s)
                    >
                        {move || i18n.t(if show.get() { Msg::HidePassword } else { Msg::ShowPassword })}
                    </button>
                </div>
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || i18n.t(if action.pending().get() { Msg::Working } else { Msg::SignIn })}
                </button>
            </ActionForm>
            <p>
                {move || i18n.t(Msg::NoAccountYet)} " "
                <a href=move || i18n.href("/signup")>{move || i18n.t(Msg::SignUp)}</a>
            </p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    follow_done(action);
    view! {
        <Title text=i18n.t(Msg::SignUp) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SignUp)}</h1>
            <ErrorNote error=error_of(action) />
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                <fieldset class="choice">
                    <legend>{move || i18n.t(Msg::IAmA)}</legend>
                    <label>
                        <input type="radio" name="role" value="client" checked />
                        {move || i18n.t(Msg::JoinAsClient)}
                    </label>
                    <label>
                        <input type="radio" name="role" value="model" />
                        {move || i18n.t(Msg::JoinAsModel)}
                    </label>
                </fieldset>
                <label for="display_name">{move || i18n.t(Msg::DisplayName)}</label>
                <input id="display_name" name="display_name" required maxlength="60" autocomplete="nickname" />
                <label for="email">{move || i18n.t(Msg::Email)}</label>
                <input id="email" type="email" name="email" required autocomplete="email" />
                <label for="password">{move || i18n.t(Msg::Password)}</label>
                <input
                    id="password"
                    type="password"
                    name="password"
                    required
                    minlength="10"
                    autocomplete="new-password"
                    aria-describedby="password-hint"
                />
                <p id="password-hint" class="hint">{move || i18n.t(Msg::PasswordHint)}</p>
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || i18n.t(Msg::SignUp)}
                </button>
            </ActionForm>
            <p>
                {move || i18n.t(Msg::HaveAccount)} " "
                <a href=move || i18n.href("/signin")>{move || i18n.t(Msg::SignIn)}</a>
            </p>
        </section>
    }
}
