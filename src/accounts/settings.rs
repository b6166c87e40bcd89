//! The user's own settings: the preferred language, the time zone, and
//! e-mail (the address's confirmation, NOTE-4, and which kinds they get).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::{mail_settings, time_zones, SaveMailTopics, SaveSettings, SendConfirmation};
use crate::domain::notice::MailTopic;
use crate::domain::Locale;
use crate::i18n::Msg;
use crate::ui::components::ErrorNote;
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::error_of;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = use_session();
    view! {
        <Show
            when=move || session.role().is_some()
            fallback=|| view! { <crate::ui::errors::NotAllowedPage /> }
        >
            <SettingsForm />
            <MailForm />
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

/// E-mail: a note while the address is not confirmed (with a button for a
/// new link), and a box per kind of e-mail, ticked when it is sent.
#[component]
fn MailForm() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("mail_saved").is_some());
    let link_sent = move || query.with(|q| q.get("link_sent").is_some());
    let settings = Resource::new(
        move || query.with(|q| (q.get("mail_saved"), q.get("link_sent"))),
        |_| mail_settings(),
    );
    let save = ServerAction::<SaveMailTopics>::new();
    let send = ServerAction::<SendConfirmation>::new();
    let body = move || {
        Suspend::new(async move {
            let s = match settings.await {
                Ok(s) => s,
                Err(e) => return view! { <ErrorNote error=Signal::stored(Some(e)) /> }.into_any(),
            };
            let address = s.address.clone();
            let confirm = (!s.confirmed).then(|| {
                let (a1, a2) = (address.clone(), address.clone());
                view! {
                    <div data-testid="confirm-address">
                        <Show when=link_sent>
                            <p class="notice notice-ok" role="status" style="overflow-wrap:anywhere">
                                {let a = a1.clone(); move || i18n.t(Msg::NewLinkSent).replace("{address}", &a)}
                            </p>
                        </Show>
                        <ErrorNote error=error_of(send) />
                        <p style="overflow-wrap:anywhere">{move || i18n.t(Msg::ConfirmAddressNote).replace("{address}", &a2)}</p>
                        <ActionForm action=send>
                            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                            <button type="submit" class="secondary" disabled=move || send.pending().get()>
                                {move || i18n.t(Msg::SendNewLink)}
                            </button>
                        </ActionForm>
                    </div>
                }
            });
            let boxes = MailTopic::ALL
                .iter()
                .map(|t| {
                    let t = *t;
                    let on = !s.off.contains(&t);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=t.as_str() value="on" checked=on />
                            {move || i18n.t(crate::i18n::topic_label(t))}
                        </label>
                    }
                })
                .collect_view();
            view! {
                {confirm}
                <Show when=saved>
                    <p class="notice notice-ok" role="status">{move || i18n.t(Msg::MailTopicsSaved)}</p>
                </Show>
                <ErrorNote error=error_of(save) />
                <ActionForm action=save attr:class="stack">
                    <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                    <fieldset class="choice">
                        <legend>{move || i18n.t(Msg::MailTopicsHint)}</legend>
                        {boxes}
                    </fieldset>
                    <button type="submit" class="primary">{move || i18n.t(Msg::SaveMailTopics)}</button>
                </ActionForm>
            }
            .into_any()
        })
    };
    view! {
        <section class="card narrow" data-testid="mail-settings">
            <h2>{move || i18n.t(Msg::MailTopicsTitle)}</h2>
            <Suspense fallback=move || view! { <p>{move || i18n.t(Msg::Loading)}</p> }>{body}</Suspense>
        </section>
    }
}

/// Puts the device's own zone in the picker when the list has it.
const PROPOSE_ZONE_SCRIPT: &str = "(()=>{try{const s=document.getElementById('time_zone');\
const z=Intl.DateTimeFormat().resolvedOptions().timeZone;if([...s.options].some(o=>o.value===z))s.value=z}catch(e){}})()";

/// The time-zone picker (TIME-1): the zones the server knows, `selected`
/// chosen. With `propose`, the browser puts its own zone in as the page
/// loads (when the list has it), so a new person rarely has to look.
#[component]
pub(crate) fn ZoneSelect(selected: String, #[prop(optional)] propose: bool) -> impl IntoView {
    let i18n = use_i18n();
    let zones = Resource::new(|| (), |_| time_zones());
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
        <select id="time_zone" name="time_zone" aria-describedby="time-zone-hint" data-testid="time-zone">
            <Suspense>{options}</Suspense>
        </select>
        {propose.then(|| view! { <script nonce=leptos::nonce::use_nonce() inner_html=PROPOSE_ZONE_SCRIPT></script> })}
        <p id="time-zone-hint" class="hint">
            {move || i18n.t(Msg::TimeZoneHint)}
            {propose.then(|| view! { " " {move || i18n.t(Msg::TimeZoneProposed)} })}
        </p>
    }
}
