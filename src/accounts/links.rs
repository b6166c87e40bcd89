//! NOTE-4's pages: the link that confirms an address, the forgotten
//! password form, and the link that sets a new password. Every form posts
//! plainly without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::{check_reset_link, confirm_email, RequestPasswordReset, ResetPassword};
use crate::i18n::Msg;
use crate::ui::components::ErrorNote;
use crate::ui::context::use_i18n;
use crate::ui::forms::error_of;

fn token_of_query() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("token")).unwrap_or_default())
}

/// `/account/confirm?token=…`: opening the mail's link confirms the
/// address, once, within its hour.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_of_query();
    let outcome = Resource::new(move || token.get(), confirm_email);
    let answer = move || {
        Suspend::new(async move {
            match outcome.await {
                Ok(()) => view! {
                    <p class="notice notice-ok" role="status" data-testid="confirmed">
                        {move || i18n.t(Msg::AddressConfirmed)}
                    </p>
                    <p>
                        <a href=move || i18n.href("/")>{move || i18n.t(Msg::Home)}</a>
                    </p>
                }
                .into_any(),
                Err(e) => view! {
                    <ErrorNote error=Signal::stored(Some(e)) />
                    <p>
                        <a href=move || i18n.href("/settings")>{move || i18n.t(Msg::LinkNewFromSettings)}</a>
                    </p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=i18n.t(Msg::ConfirmTitle) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::ConfirmTitle)}</h1>
            <Suspense fallback=move || view! { <p>{move || i18n.t(Msg::Loading)}</p> }>{answer}</Suspense>
        </section>
    }
}

/// `/account/forgot`: an address in, always the same words out.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sent").is_some()) || matches!(action.value().get(), Some(Ok(_)));
    view! {
        <Title text=i18n.t(Msg::ForgotTitle) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::ForgotTitle)}</h1>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <ErrorNote error=error_of(action) />
                        <ActionForm action=action attr:class="stack">
                            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                            <p class="hint" id="forgot-hint">{move || i18n.t(Msg::ForgotHint)}</p>
                            <label for="email">{move || i18n.t(Msg::Email)}</label>
                            <input
                                id="email"
                                type="email"
                                name="email"
                                required
                                autocomplete="email"
                                aria-describedby="forgot-hint"
                            />
                            <button type="submit" class="primary" disabled=move || action.pending().get()>
                                {move || i18n.t(Msg::SendResetLink)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="notice notice-ok" role="status" data-testid="reset-sent">
                    {move || i18n.t(Msg::ResetLinkSent)}
                </p>
            </Show>
            <p>
                <a href=move || i18n.href("/signin")>{move || i18n.t(Msg::SignIn)}</a>
            </p>
        </section>
    }
}

/// `/account/reset?token=…`: the new password, twice, while the link works.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_of_query();
    let check = Resource::new(move || token.get(), check_reset_link);
    let action = ServerAction::<ResetPassword>::new();
    let form = move || {
        Suspend::new(async move {
            match check.await {
                Ok(()) => view! {
                    <ErrorNote error=error_of(action) />
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                        <input type="hidden" name="token" value=move || token.get() />
                        <label for="password">{move || i18n.t(Msg::NewPassword)}</label>
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
                        <label for="password_again">{move || i18n.t(Msg::NewPasswordAgain)}</label>
                        <input
                            id="password_again"
                            type="password"
                            name="password_again"
                            required
                            minlength="10"
                            autocomplete="new-password"
                        />
                        <button type="submit" class="primary" disabled=move || action.pending().get()>
                            {move || i18n.t(Msg::ChangePassword)}
                        </button>
                    </ActionForm>
                }
                .into_any(),
                Err(e) => view! {
                    <ErrorNote error=Signal::stored(Some(e)) />
                    <p>
                        <a href=move || i18n.href("/account/forgot")>{move || i18n.t(Msg::AskNewLink)}</a>
                    </p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=i18n.t(Msg::ResetTitle) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::ResetTitle)}</h1>
            <Suspense fallback=move || view! { <p>{move || i18n.t(Msg::Loading)}</p> }>{form}</Suspense>
        </section>
    }
}
