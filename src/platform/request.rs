//! What a server function knows about its request: state, viewer, headers,
//! cookies, redirects, multipart forms.

use leptos::prelude::*;

use crate::domain::{AppError, ErrorCode, Locale, Role};
pub use crate::platform::auth::Viewer;
pub use crate::platform::state::AppState;

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

/// Reads a multipart form: its text fields (up to 4,000 bytes each) and
/// the bytes of the file field `file_field` (up to the upload cap, counted
/// while reading, so a larger body is never held whole).
pub async fn read_form(
    data: leptos::server_fn::codec::MultipartData,
    file_field: &str,
) -> Result<(std::collections::HashMap<String, String>, Vec<u8>), AppError> {
    use crate::domain::upload::MAX_BYTES;
    let bad = || AppError::new(ErrorCode::BadInput);
    let mut form = data.into_inner().ok_or_else(bad)?;
    let mut fields = std::collections::HashMap::new();
    let mut file = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(|_| bad())? {
        let name = field.name().unwrap_or_default().to_string();
        let is_file = name == file_field;
        let limit = if is_file { MAX_BYTES } else { 4000 };
        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| bad())? {
            if bytes.len() + chunk.len() > limit {
                return Err(if is_file {
                    AppError::new(ErrorCode::FileTooLarge)
                        .with_detail((MAX_BYTES / (1024 * 1024)).to_string())
                } else {
                    bad()
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            file = bytes;
        } else {
            fields.insert(name, String::from_utf8(bytes).map_err(|_| bad())?);
        }
    }
    Ok((fields, file))
}

/// The session token of this request (for sign-out).
pub fn session_token() -> Option<String> {
    let cookies = header("cookie")?;
    crate::platform::auth::token_from_cookie_header(&cookies).map(str::to_owned)
}

/// The cookie the page's first script sets from the browser's own zone
/// (`Intl…timeZone`); shown to people who have not signed in and proposed
/// at sign-up (TIME-1). Only a name the database knows is taken.
pub const BROWSER_ZONE_COOKIE: &str = "settle_tz";

pub fn browser_zone() -> Option<crate::domain::time::ZoneName> {
    let cookies = header("cookie")?;
    let raw = cookies.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == BROWSER_ZONE_COOKIE).then_some(value)
    })?;
    crate::platform::zones::parse_known(&raw.replace("%2F", "/").replace("%2f", "/")).ok()
}

/// `/it` or `/en` when the form was shown under a locale prefix, so the
/// redirect after a post keeps the reader's language.
pub fn localized_path(lang: &str, path: &str) -> String {
    match Locale::from_tag(lang) {
        Some(l) if lang.len() == 2 => format!("/{}{}", l.code(), path),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_keeps_the_locale_prefix() {
        assert_eq!(localized_path("it", "/client"), "/it/client");
        assert_eq!(localized_path("", "/client"), "/client");
        assert_eq!(localized_path("it-IT", "/client"), "/client");
        assert_eq!(localized_path("fr", "/"), "/");
    }
}
