//! The application shell: document, routes (each reachable with and without
//! a locale prefix: `/signin`, `/it/signin`, `/en/signin`), and layout.

pub mod home;
pub mod islands;
pub mod layout;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

use crate::accounts::links::{ConfirmPage, ForgotPasswordPage, ResetPasswordPage};
use crate::accounts::pages::{SignInPage, SignUpPage};
use crate::accounts::settings::SettingsPage;
use crate::app::home::{ClientHome, LandingPage, ModelHome};
use crate::app::layout::Layout;
use crate::billing::pages::{CheckoutPage, ClientBillingPage, ModelBillingPage, SupportBillingPage};
use crate::calls::chat::{ChatListPage, ChatPage};
use crate::calls::creator::{ModelCallsPage, ModelRatePage, RefundConfirmPage};
use crate::calls::customer::{ClientRatePage, ReviewRequestPage};
use crate::cases::pages::CasesPage;
use crate::contact::pages::{ContactPage, ContactRequestPage, SupportContactPage};
use crate::disputes::pages::{DisputePage, DisputesPage};
use crate::domain::Role;
use crate::help::pages::{
    HelpAdminPage, HelpArticlePage, HelpCategoryPage, HelpEditPage, HelpHomePage, HelpInsightsPage,
    HelpRevisionsPage, HelpSearchPage, ProcessorsAdminPage,
};
use crate::notifications::pages::NotificationsPage;
use crate::ratings::pages::{RateStarsPage, RatingQueuePage, RatingsPage};
use crate::replies::pages::RepliesPage;
use crate::sessions::pages::{BookPage, ModelsPage, SessionPage, SessionsPage};
use crate::support::pages::{
    AuditPage, CustomerDetailPage, CustomersPage, RefundPanelPage, ReviewPage, ReviewsPage, SupportHome,
};
use crate::ui::components::RoleGate;
use crate::ui::errors::{NotAllowedPage, NotFoundPage};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Help pages are complete on the server and work as plain links and
    // forms: readers download no wasm or JS for them (issue 7). Elsewhere
    // the loader fetches the wasm only for a page with islands.
    let scripts = (!is_help_page()).then(|| view! { <islands::IslandScripts options=options.clone() /> });
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                // TIME-1: tells the server the device's zone, for readers
                // who have not signed in and for the sign-up proposal.
                <script nonce=leptos::nonce::use_nonce() inner_html=ZONE_COOKIE_SCRIPT></script>
                {scripts}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

const ZONE_COOKIE_SCRIPT: &str = "try{document.cookie='settle_tz='+encodeURIComponent(\
    Intl.DateTimeFormat().resolvedOptions().timeZone)+';path=/;max-age=31536000;samesite=lax'}catch(e){}";

/// The page's CSP: scripts only with this response's nonce (Leptos puts it
/// on its own inline and module scripts) and what they load, wasm allowed
/// to compile; no plugins, no framing, forms and `<base>` on this site
/// only. Styles are not restricted (pages use style attributes).
fn content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = format!(
            "script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// A reader's help page, on the server (see `Locale::is_help_path`).
fn is_help_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .is_some_and(|parts| crate::domain::Locale::is_help_path(parts.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    false
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <ParentRoute path=path!("/it") view=Outlet>
                        <PageRoutes />
                    </ParentRoute>
                    <ParentRoute path=path!("/en") view=Outlet>
                        <PageRoutes />
                    </ParentRoute>
                    <PageRoutes />
                </Routes>
            </Layout>
        </Router>
    }
}

/// Every page, mounted once per locale prefix. Every page renders in full
/// before its head is sent (`SsrMode::Async`): its HTTP status depends only
/// on what it shows (a refusal's 403/404 is known before the head goes out),
/// and readers without JavaScript get complete pages. Each audience's pages
/// sit under one gated parent (`/client`, `/model`, `/support`); pages for
/// every signed-in person check who asks in their server functions.
#[component(transparent)]
fn PageRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("") view=LandingPage ssr=SsrMode::Async />
        <Route path=path!("signin") view=SignInPage ssr=SsrMode::Async />
        <Route path=path!("signup") view=SignUpPage ssr=SsrMode::Async />
        <Route path=path!("settings") view=SettingsPage ssr=SsrMode::Async />
        <Route path=path!("account/confirm") view=ConfirmPage ssr=SsrMode::Async />
        <Route path=path!("account/forgot") view=ForgotPasswordPage ssr=SsrMode::Async />
        <Route path=path!("account/reset") view=ResetPasswordPage ssr=SsrMode::Async />
        <Route path=path!("notifications") view=NotificationsPage ssr=SsrMode::Async />
        <Route path=path!("models") view=ModelsPage ssr=SsrMode::Async />
        <Route path=path!("models/:id") view=BookPage ssr=SsrMode::Async />
        <Route path=path!("sessions") view=SessionsPage ssr=SsrMode::Async />
        <Route path=path!("sessions/:id") view=SessionPage ssr=SsrMode::Async />
        <Route path=path!("ratings") view=RatingsPage ssr=SsrMode::Async />
        <Route path=path!("ratings/call/:id") view=RateStarsPage ssr=SsrMode::Async />
        <Route path=path!("disputes") view=DisputesPage ssr=SsrMode::Async />
        <Route path=path!("disputes/:id") view=DisputePage ssr=SsrMode::Async />
        <Route path=path!("not-allowed") view=NotAllowedPage ssr=SsrMode::Async />
        <Route path=path!("help") view=HelpHomePage ssr=SsrMode::Async />
        <Route path=path!("help/search") view=HelpSearchPage ssr=SsrMode::Async />
        <Route path=path!("help/c/:key") view=HelpCategoryPage ssr=SsrMode::Async />
        <Route path=path!("help/a/:slug") view=HelpArticlePage ssr=SsrMode::Async />
        <Route path=path!("help/contact") view=ContactPage ssr=SsrMode::Async />
        <Route path=path!("help/contact/:id") view=ContactRequestPage ssr=SsrMode::Async />
        <ParentRoute path=path!("client") view=|| view! { <Gate role=Role::Client /> } ssr=SsrMode::Async>
            <Route path=path!("") view=ClientHome ssr=SsrMode::Async />
            <Route path=path!("calls/:id/rate") view=ClientRatePage ssr=SsrMode::Async />
            <Route path=path!("calls/:id/review") view=ReviewRequestPage ssr=SsrMode::Async />
            <Route path=path!("chats") view=ChatListPage ssr=SsrMode::Async />
            <Route path=path!("chats/:id") view=ChatPage ssr=SsrMode::Async />
            <Route path=path!("billing") view=ClientBillingPage ssr=SsrMode::Async />
            <Route path=path!("checkout") view=CheckoutPage ssr=SsrMode::Async />
        </ParentRoute>
        <ParentRoute path=path!("model") view=|| view! { <Gate role=Role::Model /> } ssr=SsrMode::Async>
            <Route path=path!("") view=ModelHome ssr=SsrMode::Async />
            <Route path=path!("calls") view=ModelCallsPage ssr=SsrMode::Async />
            <Route path=path!("calls/:id/rate") view=ModelRatePage ssr=SsrMode::Async />
            <Route path=path!("calls/:id/refund") view=RefundConfirmPage ssr=SsrMode::Async />
            <Route path=path!("chats") view=ChatListPage ssr=SsrMode::Async />
            <Route path=path!("chats/:id") view=ChatPage ssr=SsrMode::Async />
            <Route path=path!("billing") view=ModelBillingPage ssr=SsrMode::Async />
        </ParentRoute>
        <ParentRoute path=path!("support") view=|| view! { <Gate role=Role::Support /> } ssr=SsrMode::Async>
            <Route path=path!("") view=SupportHome ssr=SsrMode::Async />
            <Route path=path!("cases") view=CasesPage ssr=SsrMode::Async />
            <Route path=path!("contact/:id") view=SupportContactPage ssr=SsrMode::Async />
            <Route path=path!("insights") view=HelpInsightsPage ssr=SsrMode::Async />
            <Route path=path!("replies") view=RepliesPage ssr=SsrMode::Async />
            <Route path=path!("customers") view=CustomersPage ssr=SsrMode::Async />
            <Route path=path!("customers/:id") view=CustomerDetailPage ssr=SsrMode::Async />
            <Route path=path!("customers/:id/txns/:txn/refund") view=RefundPanelPage ssr=SsrMode::Async />
            <Route path=path!("reviews") view=ReviewsPage ssr=SsrMode::Async />
            <Route path=path!("reviews/:id") view=ReviewPage ssr=SsrMode::Async />
            <Route path=path!("ratings") view=RatingQueuePage ssr=SsrMode::Async />
            <Route path=path!("help") view=HelpAdminPage ssr=SsrMode::Async />
            <Route path=path!("help/:id") view=HelpEditPage ssr=SsrMode::Async />
            <Route path=path!("help/:id/revisions") view=HelpRevisionsPage ssr=SsrMode::Async />
            <Route path=path!("processors") view=ProcessorsAdminPage ssr=SsrMode::Async />
            <Route path=path!("billing") view=SupportBillingPage ssr=SsrMode::Async />
            <Route path=path!("audit") view=AuditPage ssr=SsrMode::Async />
        </ParentRoute>
    }
    .into_inner()
}

/// The gate of one audience's pages: signed-out readers are sent to sign
/// in (and back), other roles see "not allowed" with a 403.
#[component]
fn Gate(role: Role) -> impl IntoView {
    view! {
        <RoleGate role=role>
            <Outlet />
        </RoleGate>
    }
}
