//! The user's own settings: the preferred language and the time zone.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::{time_zones, SaveSettings};
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
            <Show when=move || session.role() == Some(crate::domain::Role::Model)>
                <crate::sessions::pages::PhotoForm />
            </Show>
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
                <ZoneSelect selected=session.0.with_untracked(|s| s.zone.name.to_string()) />
                <button type="submit" class="primary">{move || i18n.t(Msg::Save)}</button>
            </ActionForm>
        </section>
    }
}

/// The time-zone picker (TIME-1): the zones the server knows, `selected`
/// chosen. With `propose`, the browser puts its own zone in once the page
/// runs (when the list has it), so a new person rarely has to look.
#[component]
pub(crate) fn ZoneSelect(selected: String, #[prop(optional)] propose: bool) -> impl IntoView {
    let i18n = use_i18n();
    let zones = Resource::new(|| (), |_| time_zones());
    let select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        let (Some(el), Some(device)) = (select.get(), crate::ui::time::device_zone()) else {
            return;
        };
        if propose {
            let before = el.value();
            el.set_value(&device);
            if el.value() != device {
                el.set_value(&before);
            }
        }
    });
    let options = move || {
        let selected = selected.clone();
        Suspend::new(async move {
            let mut names = zones.await.unwrap_or_default();
            if !names.contains(&selected) {
                names.insert(0, selected.clone());
            }
            names
                .into_iter()
                .map(|z| {
                    let is = z == selected;
                    let label = z.replace('_', " ");
                    view! { <option value=z selected=is>{label}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <label for="time_zone">{move || i18n.t(Msg::TimeZone)}</label>
        <select id="time_zone" name="time_zone" node_ref=select aria-describedby="time-zone-hint" data-testid="time-zone">
            <Suspense>{options}</Suspense>
        </select>
        <p id="time-zone-hint" class="hint">
            {move || i18n.t(Msg::TimeZoneHint)}
            {propose.then(|| view! { " " {move || i18n.t(Msg::TimeZoneProposed)} })}
        </p>
    }
}
