//! The page frame: skip link, header with navigation for the viewer's role,
//! language switch, main content, footer.

use leptos::prelude::*;
use leptos_meta::{Html, Meta, Title};
use leptos_router::hooks::use_location;

use crate::accounts::api::SignOut;
use crate::domain::{Locale, Role};
use crate::i18n::Msg;
use crate::ui::context::{localize_path, strip_locale, I18n, Session};
use crate::ui::errors::ErrorPage;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = Session::provide(crate::accounts::api::session_info);
    let i18n = I18n::provide(session);
    // Help pages describe themselves (their summary); every other page says
    // what Settle is, for search results and link previews.
    let describe = !Locale::is_help_path(&use_location().pathname.get_untracked());
    let location = use_location();
    let contact_href = move || {
        let here = location.pathname.get();
        let form = i18n.href("/help/contact");
        // On the contact pages themselves, the page says nothing new.
        if strip_locale(&here).starts_with("/help/contact") {
            form
        } else {
            format!("{form}?from={}", crate::ui::components::urlencode(&here))
        }
    };

    view! {
        <Html {..} lang=move || i18n.locale.get().code() />
        {describe.then(|| view! { <Meta name="description" content=move || i18n.t(Msg::Tagline) /> })}
        <Title formatter=|t: String| page_title(&t) />
        <a class="skip-link" href="#main">
            {move || i18n.t(Msg::SkipToContent)}
        </a>
        <header class="site-header">
            <a class="brand" href=move || i18n.href("/")>
                <span class="brand-mark" aria-hidden="true">"S"</span>
                {move || i18n.t(Msg::AppName)}
            </a>
            <Menu>
                <Nav />
                <LanguageSwitch />
            </Menu>
        </header>
        <main id="main" tabindex="-1">
            <ErrorBoundary fallback=|_| view! { <ErrorPage /> }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>{move || i18n.t(Msg::Tagline)}</p>
            <p>
                <a href=move || i18n.href("/help")>{move || i18n.t(Msg::HelpCenter)}</a>
                " · "
                // SUP-6: support is one link away from every page; the page
                // goes with the request.
                <a href=contact_href data-testid="footer-contact">{move || i18n.t(Msg::ContactTitle)}</a>
            </p>
        </footer>
    }
}

/// The navigation, language switch and sign-out, behind a "Menu" button on
/// narrow screens and laid out in the header on wide ones (style/main.css).
/// A `<details>`: it opens and closes without JavaScript and says whether
/// it is open to screen readers.
#[component]
fn Menu(children: Children) -> impl IntoView {
    let i18n = use_context::<I18n>().expect("i18n");
    view! {
        <details class="nav-menu">
            <summary class="nav-toggle" data-testid="menu">
                <span class="nav-toggle-icon" aria-hidden="true"></span>
                {move || i18n.t(Msg::Menu)}
            </summary>
            <div class="nav-panel">{children()}</div>
        </details>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let session = use_context::<Session>().expect("session");
    let i18n = use_context::<I18n>().expect("i18n");
    let links = move || -> Vec<(&'static str, Msg)> {
        match session.role() {
            // Browsing models is open to everyone; booking asks to sign in.
            None => vec![
                ("/models", Msg::Models),
                ("/signin", Msg::SignIn),
                ("/signup", Msg::SignUp),
            ],
            Some(Role::Client) => vec![
                ("/client", Msg::Home),
                ("/models", Msg::Models),
                ("/sessions", Msg::Sessions),
                ("/client/chats", Msg::Chats),
                ("/client/billing", Msg::Billing),
                ("/ratings", Msg::Ratings),
                ("/disputes", Msg::Disputes),
                ("/settings", Msg::Settings),
            ],
            Some(Role::Model) => vec![
                ("/model", Msg::Home),
                ("/model/calls", Msg::Calls),
                ("/sessions", Msg::Sessions),
                ("/model/chats", Msg::Chats),
                ("/model/billing", Msg::Billing),
                ("/ratings", Msg::Ratings),
                ("/disputes", Msg::Disputes),
                ("/settings", Msg::Settings),
            ],
            Some(Role::Support) => vec![
                ("/support", Msg::Home),
                ("/support/cases", Msg::CasesTitle),
                ("/support/replies", Msg::RepliesTitle),
                ("/support/customers", Msg::Customers),
                ("/support/reviews", Msg::ReviewQueue),
                ("/support/ratings", Msg::RatingQueue),
                ("/support/billing", Msg::Billing),
                ("/support/help", Msg::HelpCenter),
                ("/disputes", Msg::Disputes),
                ("/support/audit", Msg::AuditLog),
                ("/settings", Msg::Settings),
            ],
        }
    };
    let location = use_location();
    view! {
        <nav class="site-nav" aria-label=move || i18n.t(Msg::MainNav)>
            <ul>
                {move || {
                    let current = location.pathname.get();
                    links()
                        .into_iter()
                        .map(|(path, msg)| {
                            let is_current = strip_locale(&current) == path;
                            view! {
                                <li>
                                    <a
                                        href=i18n.href(path)
                                        aria-current=is_current.then_some("page")
                                    >
                                        {i18n.t(msg)}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <Show when=move || session.role().is_some()>
                    <NoticesLink />
                </Show>
            </ul>
            <Show when=move || session.role().is_some()>
                <UserBadge />
                <SignOutButton />
            </Show>
        </nav>
    }
}

/// NOTE-1: "Notifications 3" for a signed-in person: the count rendered
/// with the page, then kept up to date while the page is open by a few
/// lines of script listening to `/live/notices` (no wasm: for most pages
/// the count is the only live part). In the menu, so it is in the header
/// on wide screens and in the menu on phones.
#[component]
fn NoticesLink() -> impl IntoView {
    let i18n = use_context::<I18n>().expect("i18n");
    let location = use_location();
    let rendered = Resource::new(|| (), |_| crate::notifications::api::unread_notices());
    let current = move || strip_locale(&location.pathname.get()) == "/notifications";
    view! {
        <li>
            <a
                href=move || i18n.href("/notifications")
                aria-current=move || current().then_some("page")
                data-testid="notices-link"
            >
                {move || i18n.t(Msg::Notifications)}
                <Transition fallback=|| ()>
                    {move || {
                        rendered
                            .get()
                            .map(|first| {
                                let n = first.unwrap_or(0);
                                let label = i18n.t(Msg::NotificationsUnread);
                                view! {
                                    " "
                                    <span class="nav-count" data-count=n.to_string() aria-hidden="true" data-testid="notice-count">
                                        {n}
                                    </span>
                                    <span class="visually-hidden" data-label=label>
                                        {format!(" ({})", label.replace("{n}", &n.to_string()))}
                                    </span>
                                }
                            })
                    }}
                </Transition>
            </a>
            <script nonce=leptos::nonce::use_nonce() inner_html=LIVE_COUNT_SCRIPT></script>
        </li>
    }
}

/// Listens for the reader's unread count ("count" events; the server sends
/// it at once on every reconnection, so a drop loses nothing) and writes it
/// into the link, for the eye and for screen readers.
const LIVE_COUNT_SCRIPT: &str =
    "(()=>{if(!window.EventSource)return;const s=new EventSource('/live/notices');\
s.addEventListener('count',e=>{const n=parseInt(e.data,10);if(isNaN(n))return;\
const c=document.querySelector('[data-testid=notice-count]');if(!c)return;c.textContent=n;c.dataset.count=n;\
const l=c.nextElementSibling;if(l)l.textContent=' ('+l.dataset.label.replace('{n}',n)+')'})})()";

#[component]
fn UserBadge() -> impl IntoView {
    let session = use_context::<Session>().expect("session");
    let i18n = use_context::<I18n>().expect("i18n");
    let label = move || {
        session.0.with(|s| {
            s.user.as_ref().map(|u| {
                let role = match u.role {
                    Role::Client => Msg::RoleClient,
                    Role::Model => Msg::RoleModel,
                    Role::Support => Msg::RoleSupport,
                };
                format!(
                    "{} {} ({})",
                    i18n.t(Msg::SignedInAs),
                    u.display_name,
                    i18n.t(role)
                )
            })
        })
    };
    view! { <span class="user-badge" data-testid="user-badge">{label}</span> }
}

#[component]
fn SignOutButton() -> impl IntoView {
    let i18n = use_context::<I18n>().expect("i18n");
    let action = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
            <button type="submit" class="link-button">
                {move || i18n.t(Msg::SignOut)}
            </button>
        </ActionForm>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_context::<I18n>().expect("i18n");
    let location = use_location();
    view! {
        <nav class="lang-switch" aria-label=move || i18n.t(Msg::Language)>
            {Locale::ALL
                .into_iter()
                .map(|l| {
                    let href = move || {
                        let path = location.pathname.get();
                        localize_path(Some(l), strip_locale(&path))
                    };
                    view! {
                        <a
                            href=href
                            hreflang=l.code()
                            lang=l.code()
                            aria-current=move || (i18n.locale.get() == l).then_some("true")
                        >
                            {l.native_name()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The document title. leptos_meta 0.8 writes the server's `<title>` as
/// given, unescaped, so text a reader typed (a search) could close the tag;
/// the server escapes it. The browser sets `document.title` as plain text.
fn page_title(t: &str) -> String {
    let title = if t.is_empty() {
        "Settle".to_string()
    } else {
        format!("{t} · Settle")
    };
    if cfg!(feature = "ssr") {
        crate::domain::text::escape_html(&title)
    } else {
        title
    }
}
