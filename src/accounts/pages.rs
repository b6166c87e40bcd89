//! Sign-in and sign-up pages: plain forms, server-rendered (no wasm). A few
//! lines of script show a password in clear text and word the sign-up
//! form's field checks; without JavaScript the server says the same.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::{SignIn, SignUp};
use crate::i18n::Msg;
use crate::ui::components::ErrorNote;
use crate::ui::context::use_i18n;
use crate::ui::forms::error_of;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    // NOTE-4: back from setting a new password.
    let reset = move || query.with(|q| q.get("reset").is_some());
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
                    <input id="password" type="password" name="password" required autocomplete="current-password" />
                    // Shown by its script: without JavaScript it could not work.
                    <button
                        type="button"
                        class="secondary"
                        data-testid="toggle-password"
                        aria-pressed="false"
                        hidden
                        data-show=move || i18n.t(Msg::ShowPassword)
                        data-hide=move || i18n.t(Msg::HidePassword)
                    >
                        {move || i18n.t(Msg::ShowPassword)}
                    </button>
                    <script nonce=leptos::nonce::use_nonce() inner_html=TOGGLE_PASSWORD_SCRIPT></script>
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

/// Shows the password in clear text and back: a few lines of script (no
/// wasm on the sign-in page), next to the button they drive.
const TOGGLE_PASSWORD_SCRIPT: &str = "(()=>{const b=document.currentScript.previousElementSibling;\
const i=document.getElementById('password');b.hidden=false;b.addEventListener('click',()=>{\
const on=i.type==='password';i.type=on?'text':'password';b.setAttribute('aria-pressed',String(on));\
b.textContent=on?b.dataset.hide:b.dataset.show})})()";

/// A field's own message in the reader's words, shown by the page's
/// script (`FIELD_ERRORS_SCRIPT`) when the browser's check stops the post.
#[component]
fn FieldError(id: &'static str, msg: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id=id class="field-error" role="alert" hidden>
            {move || i18n.t(msg)}
        </p>
    }
}

/// Instead of the browser's own bubble, a field the browser's check stops
/// shows its message (`<field id>-error`) and the form's "fix before
/// sending" note; typing in it clears them. A few lines of script, no wasm.
const FIELD_ERRORS_SCRIPT: &str = "(()=>{const f=document.currentScript.previousElementSibling;\
const all=document.querySelector('[data-testid=fix-before-sending]');\
const err=el=>document.getElementById((el.id||el.name)+'-error');\
const sync=()=>{all.hidden=!f.querySelector('[aria-invalid=true]')};\
f.addEventListener('invalid',e=>{const m=err(e.target);if(!m)return;e.preventDefault();m.hidden=false;\
e.target.setAttribute('aria-invalid','true');sync()},true);\
const clear=e=>{const m=err(e.target);if(m)m.hidden=true;e.target.removeAttribute('aria-invalid');sync()};\
f.addEventListener('input',clear);f.addEventListener('change',clear)})()";

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::ui::context::use_session();
    let action = ServerAction::<SignUp>::new();
    let proposed = session.0.with_untracked(|s| s.zone.name.to_string());
    let terms_href = move || crate::help::terms_path(i18n.locale.get());
    view! {
        <Title text=i18n.t(Msg::SignUp) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SignUp)}</h1>
            <ErrorNote error=error_of(action) />
            <p class="notice notice-error" role="alert" hidden data-testid="fix-before-sending">
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
                />
                <FieldError id="display_name-error" msg=Msg::NeedDisplayName />
                <label for="email">{move || i18n.t(Msg::Email)}</label>
                <input
                    id="email"
                    type="email"
                    name="email"
                    required
                    autocomplete="email"
                    aria-describedby="email-error"
                />
                <FieldError id="email-error" msg=Msg::NeedEmail />
                <label for="password">{move || i18n.t(Msg::Password)}</label>
                <input
                    id="password"
                    type="password"
                    name="password"
                    required
                    minlength="10"
                    autocomplete="new-password"
                    aria-describedby="password-hint password-error"
                />
                <p id="password-hint" class="hint">{move || i18n.t(Msg::PasswordHint)}</p>
                <FieldError id="password-error" msg=Msg::NeedPassword />
                <crate::accounts::settings::ZoneSelect selected=proposed propose=true />
                <label class="check">
                    <input
                        type="checkbox"
                        name="adult"
                        required
                        data-testid="adult"
                        aria-describedby="adult-error"
                    />
                    {move || i18n.t(Msg::ConfirmAdult)}
                </label>
                <FieldError id="adult-error" msg=Msg::NeedAdult />
                <label class="check">
                    <input
                        type="checkbox"
                        name="terms"
                        required
                        data-testid="terms"
                        aria-describedby="terms-error"
                    />
                    {move || i18n.t(Msg::AcceptTerms)}
                </label>
                <p class="hint">
                    <a href=terms_href target="_blank" rel="noopener">{move || i18n.t(Msg::ReadTerms)}</a>
                </p>
                <FieldError id="terms-error" msg=Msg::NeedTerms />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || i18n.t(Msg::SignUp)}
                </button>
            </ActionForm>
            <script nonce=leptos::nonce::use_nonce() inner_html=FIELD_ERRORS_SCRIPT></script>
            <p>
                {move || i18n.t(Msg::HaveAccount)} " "
                <a href=move || i18n.href("/signin")>{move || i18n.t(Msg::SignIn)}</a>
            </p>
        </section>
    }
}
