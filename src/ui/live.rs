//! Live regions: server-rendered parts of a page that follow the server
//! while the page is open, without wasm. The page loader (`app::islands`)
//! listens to the region's event stream and, on each event, fetches the
//! page again and swaps the region for its new version. Forms inside stay
//! plain posts; a region the reader is typing in is left alone and says
//! that the page changed.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::ui::context::use_i18n;

/// `stream` is the region's server-sent events path (`/live/...`); `id`
/// names the region on its page (the new version replaces the old one
/// with the same id).
#[component]
pub fn LiveRegion(stream: String, id: &'static str, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="live-region" data-live=stream data-live-id=id>
            <p class="notice" role="status" data-live-note hidden>
                {i18n.t(Msg::LiveChanged)}
            </p>
            {children()}
        </div>
    }
}
