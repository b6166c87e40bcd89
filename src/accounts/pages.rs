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
    // NOTE-4: back from setting a new password.
    let reset = move || query.with(|q| q.get("reset").is_some());
    let show = RwSignal::new(false);
    view! {
        <Title text=i18n.t(Msg::SignIn) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SignIn)}</h1>
            <Show when=reset>
                <p class="notice notice-ok" role="status" data-testid="password-changed">
                    {move || i18n.t(Msg::PasswordChanged)}
                </p>
            </Show>
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
                <a href=move || i18n.href("/account/forgot") data-testid="forgot-password">
                    {move || i18n.t(Msg::ForgotPassword)}
                </a>
            </p>
            <p>
                {move || i18n.t(Msg::NoAccountYet)} " "
                <a href=move || i18n.href("/signup")>{move || i18n.t(Msg::SignUp)}</a>
            </p>
        </section>
    }
}

/// A field's own message, shown when the browser's check stops the post
/// (the `invalid` event) and cleared as soon as the person types.
#[component]
fn FieldError(id: &'static str, msg: RwSignal<Option<Msg>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="field-error" role="alert" hidden=move || msg.get().is_none()>
            {move || msg.get().map(|m| i18n.t(m))}
        </p>
    }
}

/// Marks a field wrong in the reader's words instead of the browser's.
fn on_invalid(msg: RwSignal<Option<Msg>>, text: Msg) -> impl Fn(leptos::ev::Event) + Clone + 'static {
    move |ev: leptos::ev::Event| {
        ev.prevent_default();
        msg.set(Some(text));
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::ui::context::use_session();
    let action = ServerAction::<SignUp>::new();
    follow_done(action);
    let proposed = session.0.with_untracked(|s| s.zone.name.to_string());
    let (name_err, email_err, password_err, adult_err, terms_err) = (
        RwSignal::new(None),
        RwSignal::new(None),
        RwSignal::new(None),
        RwSignal::new(None),
        RwSignal::new(None),
    );
    let any_err = move || {
        [name_err, email_err, password_err, adult_err, terms_err]
            .iter()
            .any(|e| e.get().is_some())
    };
    let terms_href = move || crate::help::terms_path(i18n.locale.get());
    view! {
        <Title text=i18n.t(Msg::SignUp) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SignUp)}</h1>
            <ErrorNote error=error_of(action) />
            <p class="notice notice-error" role="alert" hidden=move || !any_err() data-testid="fix-before-sending">
                {move || i18n.t(Msg::FixBeforeSending)}
            </p>
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
                <input
                    id="display_name"
                    name="display_name"
                    required
                    maxlength="60"
                    autocomplete="nickname"
                    aria-describedby="display_name-error"
                    aria-invalid=move || name_err.get().is_some().then_some("true")
                    on:invalid=on_invalid(name_err, Msg::NeedDisplayName)
                    on:input=move |_| name_err.set(None)
                />
                <FieldError id="display_name-error" msg=name_err />
                <label for="email">{move || i18n.t(Msg::Email)}</label>
                <input
                    id="email"
                    type="email"
                    name="email"
                    required
                    autocomplete="email"
                    aria-describedby="email-error"
                    aria-invalid=move || email_err.get().is_some().then_some("true")
                    on:invalid=on_invalid(email_err, Msg::NeedEmail)
                    on:input=move |_| email_err.set(None)
                />
                <FieldError id="email-error" msg=email_err />
                <label for="password">{move || i18n.t(Msg::Password)}</label>
                <input
                    id="password"
                    type="password"
                    name="password"
                    required
                    minlength="10"
                    autocomplete="new-password"
                    aria-describedby="password-hint password-error"
                    aria-invalid=move || password_err.get().is_some().then_some("true")
                    on:invalid=on_invalid(password_err, Msg::NeedPassword)
                    on:input=move |_| password_err.set(None)
                />
                <p id="password-hint" class="hint">{move || i18n.t(Msg::PasswordHint)}</p>
                <FieldError id="password-error" msg=password_err />
                <crate::accounts::settings::ZoneSelect selected=proposed propose=true />
                <label class="check">
                    <input
                        type="checkbox"
                        name="adult"
                        required
                        data-testid="adult"
                        aria-describedby="adult-error"
                        on:invalid=on_invalid(adult_err, Msg::NeedAdult)
                        on:change=move |_| adult_err.set(None)
                    />
                    {move || i18n.t(Msg::ConfirmAdult)}
                </label>
                <FieldError id="adult-error" msg=adult_err />
                <label class="check">
                    <input
                        type="checkbox"
                        name="terms"
                        required
                        data-testid="terms"
                        aria-describedby="terms-error"
                        on:invalid=on_invalid(terms_err, Msg::NeedTerms)
                        on:change=move |_| terms_err.set(None)
                    />
                    {move || i18n.t(Msg::AcceptTerms)}
                </label>
                <p class="hint">
                    <a href=terms_href target="_blank" rel="noopener">{move || i18n.t(Msg::ReadTerms)}</a>
                </p>
                <FieldError id="terms-error" msg=terms_err />
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
