//! The headers every answer carries, whichever path produced it (the
//! per-request middleware, or a kept help page answered before it).

use axum::http::{header, HeaderMap, HeaderValue};

/// What a page may do when the render set no policy of its own (pages that
/// load islands set one with their script nonce).
pub const DEFAULT_CSP: &str =
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/// No sniffing, no framing, no referrer to other sites, and the default
/// content policy unless the answer has one.
pub fn secure(h: &mut HeaderMap) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        );
    }
}
