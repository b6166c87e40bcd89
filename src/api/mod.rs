//! Server functions, one module per feature. Thin by design: who is asking →
//! load → the domain decides → persist → reply. Every endpoint has an
//! explicit, stable path under `/api` (listed in docs/api.md).

pub mod auth;
pub mod backoffice;
pub mod billing;
pub mod calls;
pub mod disputes;
pub mod help;
pub mod ratings;
pub mod sessions;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::domain::{AppError, ErrorCode};

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::new(ErrorCode::Network),
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::new(ErrorCode::BadInput),
            _ => AppError::new(ErrorCode::Internal),
        }
    }
}

/// Server-side helpers every server function uses.
#[cfg(feature = "ssr")]
pub mod ssr {
    use leptos::prelude::*;

    use crate::domain::{AppError, ErrorCode, Role};
    pub use crate::server::auth::Viewer;
    pub use crate::server::state::AppState;

    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| AppError::new(ErrorCode::Internal))
    }

    fn parts() -> Option<http::request::Parts> {
        use_context::<http::request::Parts>()
    }

    /// The signed-in person, resolved once per request by the middleware.
    pub fn viewer() -> Option<Viewer> {
        parts()?.extensions.get::<Viewer>().cloned()
    }

    pub fn header(name: &str) -> Option<String> {
        parts()?.headers.get(name)?.to_str().ok().map(str::to_owned)
    }

    pub fn require_viewer() -> Result<Viewer, AppError> {
        viewer().ok_or_else(|| AppError::new(ErrorCode::NotSignedIn))
    }

    /// The role check every role-specific server function starts with.
    pub fn require_role(role: Role) -> Result<Viewer, AppError> {
        let v = require_viewer()?;
        if v.role == role {
            Ok(v)
        } else {
            Err(AppError::new(ErrorCode::NotAllowed))
        }
    }

    pub fn set_cookie(value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(value),
        ) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }

    /// A plain (no-JS) form post gets a 302 to `path`; a call from the
    /// hydrated page gets the answer and navigates itself.
    pub fn redirect_plain_form(path: &str) {
        if header("accept").is_some_and(|a| a.contains("text/html")) {
            leptos_axum::redirect(path);
        }
    }

    /// The session token of this request (for sign-out).
    pub fn session_token() -> Option<String> {
        let cookies = header("cookie")?;
        crate::server::auth::token_from_cookie_header(&cookies).map(str::to_owned)
    }
}
