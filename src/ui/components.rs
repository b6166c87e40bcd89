//! Shared pieces: who is looking (session), in which language (i18n), and
//! the role gate every role-specific page sits behind.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::domain::{AppError, ErrorCode, Role};
use crate::i18n::Msg;
use crate::ui::context::{use_i18n, use_session};
pub use crate::ui::errors::set_status;

/// Shows its children only to the given role: anonymous readers are sent
/// to sign in (and back here afterwards), other roles see "not allowed"
/// with a 403. The server functions behind each page check again.
#[component]
pub fn RoleGate(role: Role, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || match session.role() {
        Some(r) if r == role => children().into_any(),
        Some(_) => view! { <crate::ui::errors::NotAllowedPage /> }.into_any(),
        None => view! { <SignInFirst /> }.into_any(),
    }
}

/// Sends a signed-out reader to sign in, and back here afterwards.
#[component]
pub fn SignInFirst() -> impl IntoView {
    let i18n = use_i18n();
    let here = use_location().pathname.get_untracked();
    let target = format!("{}?next={}", i18n.href("/signin"), urlencode(&here));
    view! { <Redirect path=target /> }
}

/// Percent-encodes a path for a query value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An error from a server function, worded for the reader, announced to
/// screen readers. Placed next to its form; when it appears (after a
/// submit, or on a page that came back refused) it is scrolled into view,
/// so a reader on a small screen sees it without looking for it. Focus
/// stays where it was.
#[component]
pub fn ErrorNote(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let note = NodeRef::<leptos::html::P>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // Runs each time a new note is mounted (a new error, a new element).
        if let Some(p) = note.get() {
            let options = leptos::web_sys::ScrollIntoViewOptions::new();
            options.set_block(leptos::web_sys::ScrollLogicalPosition::Center);
            options.set_inline(leptos::web_sys::ScrollLogicalPosition::Nearest);
            p.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    move || {
        error.get().map(|e| {
            view! {
                <p node_ref=note class="notice notice-error" role="alert" data-code=e.code.as_str()>
                    {i18n.error(&e)}
                </p>
            }
        })
    }
}

/// A form with a file for a multipart server function at `endpoint`, sent
/// as a plain post: the server function answers by sending the browser back
/// to the page, with the refusal in the address if there is one
/// (`UrlErrorNote`). A double click sends the same file twice; the server
/// functions behind it take the form's key, or are harmless to repeat.
#[component]
pub fn UploadForm(
    endpoint: &'static str,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <form class=class method="post" enctype="multipart/form-data" action=endpoint>
            {children()}
        </form>
    }
}

/// A refusal carried back in the address after a plain form post without
/// JavaScript (the server function at `endpoint` redirected to the page
/// with `__err`). For forms that are not `ActionForm`s, which show theirs
/// already. Decoded on the server and handed to the browser with the page.
#[component]
pub fn UrlErrorNote(endpoint: &'static str) -> impl IntoView {
    let error = SharedValue::new(move || url_error(endpoint)).into_inner();
    view! { <ErrorNote error=Signal::stored(error) /> }
}

#[cfg(feature = "ssr")]
fn url_error(endpoint: &str) -> Option<AppError> {
    use base64::Engine;
    let parts = use_context::<http::request::Parts>()?;
    let query = parts.uri.query()?;
    let path = format!("__path={}", urlencode(endpoint).replace('/', "%2F"));
    if !query.split('&').any(|p| p == path) {
        return None;
    }
    let raw = query.split('&').find_map(|p| p.strip_prefix("__err="))?;
    let raw = raw.replace("%3D", "=").replace("%3d", "=");
    let bytes = base64::engine::general_purpose::URL_SAFE.decode(raw).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(not(feature = "ssr"))]
fn url_error(_endpoint: &str) -> Option<AppError> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencode_keeps_slashes_and_escapes_the_rest() {
        assert_eq!(urlencode("/it/client"), "/it/client");
        assert_eq!(urlencode("/a b?c=d&e"), "/a%20b%3Fc%3Dd%26e");
    }
}

/// "3 dic 2026, 21:30": an instant in the reader's zone and language
/// (TIME-1), the same text on the server and in the browser.
pub fn fmt_time(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::ui::time::local(t)
}

/// A fresh idempotency key for a form: made on the server while rendering
/// (and handed to the browser with the page), or in the browser for pages
/// it builds itself.
pub fn new_form_key() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().simple().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        let r = || (js_sys::Math::random() * 4294967296.0) as u32;
        #[cfg(not(feature = "hydrate"))]
        let r = || 0u32;
        format!("{:08x}{:08x}{:08x}{:08x}", r(), r(), r(), r())
    }
}

/// A form key that stays the same through hydration and is renewed after
/// every completed submit (so a second, deliberate action gets its own key
/// while a double click reuses the first).
pub fn form_key(version: impl Fn() -> usize + Send + Sync + 'static) -> Signal<String> {
    let first = SharedValue::new(new_form_key).into_inner();
    let key = RwSignal::new(first);
    let seen = StoredValue::new(0usize);
    Effect::new(move |_| {
        let v = version();
        if v != seen.get_value() {
            seen.set_value(v);
            key.set(new_form_key());
        }
    });
    key.into()
}

/// Counts down from `secs` and hides itself and its children when the
/// time is up (the server refuses at the same moment, whatever the page
/// shows). An island: the page around it stays plain HTML. Without
/// JavaScript it shows the time left when the page loaded. Its words come
/// from the page (`left_word`: the catalogue stays on the server).
#[island]
pub fn Countdown(secs: i64, left_word: String, children: Children) -> impl IntoView {
    let left = RwSignal::new(secs);
    let group = NodeRef::<leptos::html::Span>::new();
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || {
                left.update(|l| *l = (*l - 1).max(0));
                // Time is up: the control leaves the page, not only the eye.
                if left.get_untracked() == 0 {
                    if let Some(el) = group.get_untracked() {
                        el.remove();
                    }
                }
            },
            std::time::Duration::from_secs(1),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });
    view! {
        <span class="countdown-group" node_ref=group hidden=move || left.get() <= 0>
            <span class="countdown" data-testid="refund-countdown" data-secs=move || left.get()>
                {move || {
                    format!(
                        "{} {}",
                        crate::domain::call::mm_ss(chrono::Duration::seconds(left.get())),
                        left_word,
                    )
                }}
            </span>
            " "
            {children()}
        </span>
    }
}

/// Renders a server resource: a loading line, the error worded for the
/// reader, or the view built from the value.
pub fn load<T, V>(
    resource: Resource<Result<T, AppError>>,
    view: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="loading">{i18n.t(Msg::Loading)}</p> }>
            {
                let view = view.clone();
                move || {
                    let view = view.clone();
                    Suspend::new(async move {
                        match resource.await {
                            Ok(v) => view(v).into_any(),
                            // A signed-out reader (or an expired session)
                            // signs in and comes back, as at a gated page.
                            Err(e) if e.code == ErrorCode::NotSignedIn => view! { <SignInFirst /> }.into_any(),
                            Err(e) => {
                                set_status(e.code.http_status());
                                view! {
                                    <p class="notice notice-error" role="alert" data-code=e.code.as_str()>
                                        {i18n.error(&e)}
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Transition>
    }
}
