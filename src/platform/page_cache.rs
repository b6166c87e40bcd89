//! Help pages as anonymous readers get them, rendered once and served from
//! memory until an edit (issue 7, issue 20: the article page against nginx).
//!
//! Only GETs of reader help pages (`Locale::is_help_path`, not search or
//! contact) without any cookie are cached: a cookie may carry a session or
//! a vote, which change the page. The key is the path with its query and the `Accept-Language`
//! header (it picks the language of unprefixed paths). Support's saves of
//! an article or a processor clear everything, on every app server
//! (`AppState::help_changed`); entries also expire after a minute, a
//! backstop should a server miss that word. Help pages load no scripts (see `app::shell`), so
//! the inline data scripts Leptos writes for hydration are dropped.
//!
//! `Kept` wraps the whole router (`serve::router`): a hit is answered like
//! a static file, in the service's `call` with a ready future, before
//! routing, the session lookup and the per-request middleware, and is not
//! logged. Each page is kept as it is and compressed once with brotli and
//! gzip, with the headers of each form made once, so a hit compresses and
//! builds nothing.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::future::{ready, BoxFuture, Either, Ready};
use tower::Service;

use crate::domain::Locale;

const TTL: Duration = Duration::from_secs(60);
/// Beyond this the cache starts over; help pages are 10–40 KB (about a
/// third more with their compressed copies).
const MAX_BYTES: usize = 8 * 1024 * 1024;
const MAX_PAGE: usize = 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    pages: HashMap<String, Arc<Page>>,
    bytes: usize,
    /// Counts clears: a page rendered across one is not kept (it may show
    /// the text from before the edit).
    generation: u64,
}

/// One page in the three forms a reader may ask for, each with the headers
/// of its answer (in `Encoding` order).
struct Page {
    bodies: [Bytes; 3],
    heads: [HeaderMap; 3],
    at: Instant,
}

/// The encodings a kept page comes in, the reader's best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Br,
    Gzip,
    Plain,
}

impl Encoding {
    const ALL: [Self; 3] = [Self::Br, Self::Gzip, Self::Plain];

    fn coding(self) -> Option<&'static str> {
        match self {
            Self::Br => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Plain => None,
        }
    }

    /// The best encoding `Accept-Encoding` allows: brotli, then gzip, else
    /// none (an encoding with `q=0` is refused; `*` stands for any).
    fn chosen(headers: &HeaderMap) -> Self {
        let Some(accept) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
            return Self::Plain;
        };
        let mut br = None;
        let mut gzip = None;
        let mut any = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match name.as_str() {
                "br" => br = Some(!refused),
                "gzip" | "x-gzip" => gzip = Some(!refused),
                "*" => any = Some(!refused),
                _ => {}
            }
        }
        if br.or(any) == Some(true) {
            Self::Br
        } else if gzip.or(any) == Some(true) {
            Self::Gzip
        } else {
            Self::Plain
        }
    }
}

impl Page {
    /// Keeps the rendered page with its compressed copies (done once here,
    /// at the highest settings that still take a few milliseconds).
    fn new(plain: Bytes, content_type: HeaderValue) -> Self {
        use std::io::Write;
        let mut br = brotli::CompressorWriter::new(Vec::new(), 4096, 9, 22);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = br.write_all(&plain);
        let _ = gzip.write_all(&plain);
        let head = |encoding: Encoding| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, content_type.clone());
            if let Some(coding) = encoding.coding() {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            h.insert(
                header::VARY,
                HeaderValue::from_static("accept-encoding, accept-language, cookie"),
            );
            h.insert("x-page-cache", HeaderValue::from_static("hit"));
            crate::platform::headers::secure(&mut h);
            h
        };
        Self {
            bodies: [
                Bytes::from(br.into_inner()),
                Bytes::from(gzip.finish().unwrap_or_default()),
                plain,
            ],
            heads: Encoding::ALL.map(head),
            at: Instant::now(),
        }
    }

    fn size(&self) -> usize {
        self.bodies.iter().map(Bytes::len).sum()
    }

    fn answer(&self, encoding: Encoding, hit: bool) -> Response {
        let mut response = Response::new(Body::from(self.bodies[encoding as usize].clone()));
        *response.headers_mut() = self.heads[encoding as usize].clone();
        if !hit {
            response
                .headers_mut()
                .insert("x-page-cache", HeaderValue::from_static("miss"));
        }
        response
    }
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
    fn get(&self, key: &str) -> Result<Arc<Page>, u64> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner
            .pages
            .get(key)
            .filter(|p| p.at.elapsed() < TTL)
            .cloned()
            .ok_or(inner.generation)
    }

    fn put(&self, generation: u64, key: String, page: Arc<Page>) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.generation != generation {
            return;
        }
        if inner.bytes + page.size() > MAX_BYTES {
            inner.pages.clear();
            inner.bytes = 0;
        }
        inner.bytes += page.size();
        if let Some(old) = inner.pages.insert(key, page) {
            inner.bytes -= old.size();
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

/// The router behind the kept pages: a hit is answered here, anything
/// else goes on to `inner`, and a cacheable miss is kept on its way out.
#[derive(Clone)]
pub struct Kept<S> {
    pages: Arc<PageCache>,
    inner: S,
}

impl<S> Kept<S> {
    pub fn new(pages: Arc<PageCache>, inner: S) -> Self {
        Self { pages, inner }
    }
}

type Answer = Result<Response, Infallible>;

impl<S> Service<Request> for Kept<S>
where
    S: Service<Request, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Answer>, Either<S::Future, BoxFuture<'static, Answer>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        let Some(key) = cache_key(&req) else {
            return Either::Right(Either::Left(self.inner.call(req)));
        };
        let encoding = Encoding::chosen(req.headers());
        let generation = match self.pages.get(&key) {
            Ok(page) => return Either::Left(ready(Ok(page.answer(encoding, true)))),
            Err(generation) => generation,
        };
        // Rendered plain: the copies are made here, once, for every reader.
        req.headers_mut().remove(header::ACCEPT_ENCODING);
        let rendering = self.inner.call(req);
        let pages = self.pages.clone();
        Either::Right(Either::Right(Box::pin(async move {
            Ok(keep(&pages, generation, key, encoding, rendering.await?).await)
        })))
    }
}

/// Keeps a freshly rendered page (an HTML 200) and answers it in the
/// reader's encoding; anything else is passed on as it is.
async fn keep(
    pages: &PageCache,
    generation: u64,
    key: String,
    encoding: Encoding,
    response: Response,
) -> Response {
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
    let page = Arc::new(Page::new(Bytes::from(without_scripts(&body)), content_type));
    let answer = page.answer(encoding, false);
    pages.put(generation, key, page);
    answer
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

    fn html(text: &'static [u8]) -> Arc<Page> {
        Arc::new(Page::new(
            Bytes::from_static(text),
            HeaderValue::from_static("text/html"),
        ))
    }

    #[test]
    fn pages_clear() {
        let cache = PageCache::default();
        let generation = cache.get("k").err().unwrap();
        cache.put(generation, "k".into(), html(b"page"));
        assert!(cache.get("k").is_ok());
        cache.clear();
        assert!(cache.get("k").is_err());
    }

    #[test]
    fn a_page_rendered_across_a_clear_is_not_kept() {
        let cache = PageCache::default();
        let generation = cache.get("k").err().unwrap();
        cache.clear();
        cache.put(generation, "k".into(), html(b"old"));
        assert!(cache.get("k").is_err());
    }

    #[test]
    fn the_encoding_is_the_best_the_reader_accepts() {
        let chosen = |accept: Option<&str>| {
            let mut h = HeaderMap::new();
            if let Some(a) = accept {
                h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(a).unwrap());
            }
            Encoding::chosen(&h)
        };
        assert_eq!(chosen(None), Encoding::Plain);
        assert_eq!(chosen(Some("gzip, deflate, br, zstd")), Encoding::Br);
        assert_eq!(chosen(Some("gzip")), Encoding::Gzip);
        assert_eq!(chosen(Some("br;q=0, gzip;q=0.5")), Encoding::Gzip);
        assert_eq!(chosen(Some("br;q=0, gzip;q=0")), Encoding::Plain);
        assert_eq!(chosen(Some("identity")), Encoding::Plain);
        assert_eq!(chosen(Some("*")), Encoding::Br);
        assert_eq!(chosen(Some("*, br;q=0")), Encoding::Gzip);
    }
}
