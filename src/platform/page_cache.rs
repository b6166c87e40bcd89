//! Help pages as anonymous readers get them, rendered once and served from
//! memory until an edit (issue 7: the article page against nginx).
//!
//! Only GETs of reader help pages (`Locale::is_help_path`, not search or
//! contact) without any cookie are cached: a cookie may carry a session or
//! a vote, which change the page. The key is the path with its query and the `Accept-Language`
//! header (it picks the language of unprefixed paths). Support's saves of
//! an article or a processor clear everything, on every app server
//! (`AppState::help_changed`); entries also expire after a minute, a
//! backstop should a server miss that word. Help pages load no scripts (see `app::shell`), so
//! the inline data scripts Leptos writes for hydration are dropped.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::Locale;

const TTL: Duration = Duration::from_secs(60);
/// Beyond this the cache starts over; help pages are 10–40 KB.
const MAX_BYTES: usize = 8 * 1024 * 1024;
const MAX_PAGE: usize = 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    pages: HashMap<String, Page>,
    bytes: usize,
    /// Counts clears: a page rendered across one is not kept (it may show
    /// the text from before the edit).
    generation: u64,
}

struct Page {
    body: Bytes,
    content_type: HeaderValue,
    at: Instant,
}

impl PageCache {
    /// Forgets every page (an article or a processor was saved).
    pub fn clear(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.pages.clear();
        inner.bytes = 0;
        inner.generation += 1;
    }

    /// The page, or the generation to hand to `put` after rendering it.
    fn get(&self, key: &str) -> Result<(Bytes, HeaderValue), u64> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner
            .pages
            .get(key)
            .filter(|p| p.at.elapsed() < TTL)
            .map(|p| (p.body.clone(), p.content_type.clone()))
            .ok_or(inner.generation)
    }

    fn put(&self, generation: u64, key: String, body: Bytes, content_type: HeaderValue) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.generation != generation {
            return;
        }
        if inner.bytes + body.len() > MAX_BYTES {
            inner.pages.clear();
            inner.bytes = 0;
        }
        inner.bytes += body.len();
        let page = Page {
            body,
            content_type,
            at: Instant::now(),
        };
        if let Some(old) = inner.pages.insert(key, page) {
            inner.bytes -= old.body.len();
        }
    }
}

fn cache_key(req: &Request) -> Option<String> {
    if req.method() != Method::GET
        || req.headers().contains_key(header::COOKIE)
        || !Locale::is_help_path(req.uri().path())
        // Search runs every time: its cost is what the search row measures.
        || Locale::strip_prefix(req.uri().path()).starts_with("/help/search")
        // A contact request is private and changes with every answer.
        || Locale::strip_prefix(req.uri().path()).starts_with("/help/contact")
    {
        return None;
    }
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("");
    Some(format!("{target}\n{accept}"))
}

fn page(body: Bytes, content_type: HeaderValue, hit: bool) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(header::VARY, HeaderValue::from_static("accept-language, cookie"));
    h.insert(
        "x-page-cache",
        HeaderValue::from_static(if hit { "hit" } else { "miss" }),
    );
    response
}

pub async fn serve(State(pages): State<std::sync::Arc<PageCache>>, req: Request, next: Next) -> Response {
    let Some(key) = cache_key(&req) else {
        return next.run(req).await;
    };
    let generation = match pages.get(&key) {
        Ok((body, content_type)) => return page(body, content_type, true),
        Err(generation) => generation,
    };
    let response = next.run(req).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if response.status() != StatusCode::OK || !html {
        return response;
    }
    let content_type = response.headers()[header::CONTENT_TYPE].clone();
    let Ok(body) = axum::body::to_bytes(response.into_body(), MAX_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let body = Bytes::from(without_scripts(&body));
    pages.put(generation, key, body.clone(), content_type.clone());
    page(body, content_type, false)
}

/// The page without its `<script>…</script>` elements (hydration data that
/// nothing reads on a page that loads no scripts).
fn without_scripts(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</script>") {
            Some(end) => rest = &rest[start + end + "</script>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_dropped_and_the_rest_kept() {
        let html = b"<head><script nonce=\"x\">a=[1];</script><title>T</title></head><body>x<script>b</script></body>";
        assert_eq!(
            String::from_utf8(without_scripts(html)).unwrap(),
            "<head><title>T</title></head><body>x</body>"
        );
        assert_eq!(without_scripts(b"plain"), b"plain");
    }

    #[test]
    fn pages_clear() {
        let cache = PageCache::default();
        let html = HeaderValue::from_static("text/html");
        let generation = cache.get("k").unwrap_err();
        cache.put(generation, "k".into(), Bytes::from_static(b"page"), html.clone());
        assert!(cache.get("k").is_ok());
        cache.clear();
        assert!(cache.get("k").is_err());
    }

    #[test]
    fn a_page_rendered_across_a_clear_is_not_kept() {
        let cache = PageCache::default();
        let generation = cache.get("k").unwrap_err();
        cache.clear();
        cache.put(
            generation,
            "k".into(),
            Bytes::from_static(b"old"),
            HeaderValue::from_static("text/html"),
        );
        assert!(cache.get("k").is_err());
    }
}
