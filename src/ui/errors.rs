//! "Not found", "not allowed" and the error page, each with its HTTP status
//! when rendered on the server.

use leptos::prelude::*;
use leptos_meta::Title;

use super::context::use_i18n;
use crate::i18n::Msg;

#[component]
fn Problem(status: u16, title: Msg, body: Msg) -> impl IntoView {
    set_status(status);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t(title) />
        <section class="card narrow problem" data-status=status>
            <p class="status-code" aria-hidden="true">{status}</p>
            <h1>{move || i18n.t(title)}</h1>
            <p>{move || i18n.t(body)}</p>
            <p>
                <a href=move || i18n.href("/")>{move || i18n.t(Msg::BackHome)}</a>
            </p>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <Problem status=404 title=Msg::NotFoundTitle body=Msg::NotFoundBody /> }
}

#[component]
pub fn NotAllowedPage() -> impl IntoView {
    view! { <Problem status=403 title=Msg::NotAllowedTitle body=Msg::NotAllowedBody /> }
}

#[component]
pub fn ErrorPage() -> impl IntoView {
    view! { <Problem status=500 title=Msg::ErrorTitle body=Msg::ErrorBody /> }
}

/// Sets the HTTP status of the server-rendered page.
pub fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_code),
    ) {
        res.set_status(code);
    }
}
