//! The user's own settings: for now, the preferred language.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::SaveSettings;
use crate::domain::Locale;
use crate::i18n::Msg;
use crate::ui::components::ErrorNote;
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::{error_of, follow_done};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show
            when=move || session.role().is_some()
            fallback=|| view! { <crate::ui::errors::NotAllowedPage /> }
        >
            <SettingsForm />
        </Show>
    }
}

#[component]
fn SettingsForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let action = ServerAction::<SaveSettings>::new();
    follow_done(action);
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some());
    let current = move || session.0.with(|s| s.locale_setting);
    view! {
        <Title text=i18n.t(Msg::Settings) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SettingsTitle)}</h1>
            <Show when=saved>
                <p class="notice notice-ok" role="status">{move || i18n.t(Msg::Saved)}</p>
            </Show>
            <ErrorNote error=error_of(action) />
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                <label for="locale">{move || i18n.t(Msg::PreferredLanguage)}</label>
                <select id="locale" name="locale">
                    <option value="" selected=move || current().is_none()>
                        {move || i18n.t(Msg::FollowBrowser)}
                    </option>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option value=l.code() selected=move || current() == Some(l)>
                                    {l.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="primary">{move || i18n.t(Msg::Save)}</button>
            </ActionForm>
        </section>
    }
}
