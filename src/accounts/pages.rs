//! Sign-in and sign-up pages. Both forms post plainly without JavaScript;
//! hydrated, they answer in place and navigate without a reload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::{SignIn, SignUp};
use crate::i18n::Msg;
use crate::ui::components::ErrorNote;
use crate::ui::context::use_i18n;
use crate::ui::forms::{error_of, follow_done};

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
