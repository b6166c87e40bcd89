//! The HTTP surface: the Leptos app and server functions, static files,
//! `/healthz`, the test-only clock control, and the per-request middleware
//! (request id, session, same-origin check, security headers, one log line).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Instant;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::app::{shell, App};
use crate::domain::{AppError, ErrorCode, UserId};
use crate::platform::auth::{self, Viewer};
use crate::platform::state::AppState;

/// The longest a request may take before it is answered 503: every page
/// renders in full before its head is sent (see `app::PageRoutes`), so a
/// render that cannot finish fails here instead of holding a connection.
const RENDER_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// The whole site as one service: kept help pages in front of the router.
pub type Site = crate::platform::page_cache::Kept<Router>;

pub fn router(state: AppState) -> Site {
    // Once per process: generating the list renders the app with resource
    // loading suppressed by a process-wide flag (leptos_router's
    // `RouteList::generate`); a page rendered by another router meanwhile
    // would wait on its resources forever (leptos-rs/leptos#4773).
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    let routes = ROUTES.get_or_init(|| generate_route_list(App)).clone();
    let pkg_dir = format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    );
    // Hashed file names never change content: cache them for a year.
    let pkg = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    let mut app = Router::new()
        .route("/healthz", get(healthz))
        .route("/service/v1/calls", axum::routing::post(record_call))
        .route("/service/v1/shows", axum::routing::post(record_show))
        .route(
            "/service/v1/content-sales",
            axum::routing::post(record_content_sale),
        )
        .route("/live/disputes/{id}", get(dispute_events))
        .route("/live/sessions/{id}", get(session_events))
        .route("/live/chats/{with}", get(chat_events))
        .route("/live/notices", get(notice_events))
        .route("/n/{id}", get(open_notice))
        .route("/files/{id}", get(serve_file))
        .route("/support/customers/{id}/transactions.csv", get(transactions_csv))
        .route("/media/photos/{id}", get(serve_photo))
        .nest("/pkg", pkg)
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || {
                    provide_context(crate::ui::context::PublicUrl(state.config.public_url.clone()));
                    provide_context(state.clone())
                }
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        );
    if state.config.test_mode {
        app = app
            .route("/__test/clock", get(test_clock_get).post(test_clock_set))
            .route("/__test/user", get(test_user_id))
            .route("/__test/outbox", get(test_outbox));
    }
    let pages = state.pages.clone();
    let app = app
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Pages and answers compressed on the way out (brotli, else gzip):
        // a middle level, since it runs on every request (the wasm, JS and
        // CSS are compressed once, at build time, and passed as they are).
        // Event streams and images are left alone.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(tower_http::compression::CompressionLevel::Precise(5)),
        )
        .layer(middleware::from_fn_with_state(state.clone(), per_request))
        .with_state(state);
    // Kept help pages are answered before routing and the per-request work,
    // as a static file would be (a hit costs a lookup and a copy of headers).
    crate::platform::page_cache::Kept::new(pages, app)
}

async fn healthz(State(state): State<AppState>) -> Response {
    if crate::platform::db::ping(&state.db).await {
        (
            StatusCode::OK,
            Json(serde_json::json!({"status": "ok", "database": "up"})),
        )
            .into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({"status": "degraded", "database": "down"})),
        )
            .into_response()
    }
}

/// Server-to-server: the call system reports a finished call (CALL-1).
/// Authenticated by the bearer token in `SETTLE_SERVICE_TOKEN`; idempotent
/// by the call system's call id.
async fn record_call(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Json<crate::calls::store::FinishedCall>, axum::extract::rejection::JsonRejection>,
) -> Response {
    match service_body(&state, &headers, body) {
        Ok(call) => {
            let answer = crate::calls::store::record_call(&state.db, call, state.clock.now()).await;
            service_answer(answer.map(|r| (r.first_time, r)))
        }
        Err(refused) => *refused,
    }
}

/// Server-to-server: the streaming system reports a private show (BILL-3),
/// the same way as calls: bearer token, idempotent by its own id.
async fn record_show(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Json<crate::billing::store::ReportedShow>, axum::extract::rejection::JsonRejection>,
) -> Response {
    match service_body(&state, &headers, body) {
        Ok(show) => {
            let answer = crate::billing::store::record_show(&state.db, show, state.clock.now()).await;
            service_answer(answer.map(|r| (r.first_time, r)))
        }
        Err(refused) => *refused,
    }
}

/// Server-to-server: the content system reports a photo or video sale
/// (BILL-4), the same way as calls.
async fn record_content_sale(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Json<crate::billing::store::ReportedSale>, axum::extract::rejection::JsonRejection>,
) -> Response {
    match service_body(&state, &headers, body) {
        Ok(sale) => {
            let answer = crate::billing::store::record_content_sale(&state.db, sale, state.clock.now()).await;
            service_answer(answer.map(|r| (r.first_time, r)))
        }
        Err(refused) => *refused,
    }
}

/// The front door every `/service/v1` endpoint shares: the bearer token
/// and a JSON body, refused with the same answers everywhere.
fn service_body<T>(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    body: Result<Json<T>, axum::extract::rejection::JsonRejection>,
) -> Result<T, Box<Response>> {
    let Some(expected) = state.config.service_token.as_ref() else {
        return Err(Box::new(
            (
                StatusCode::NOT_FOUND,
                "the service endpoint is disabled (no SETTLE_SERVICE_TOKEN)",
            )
                .into_response(),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same_secret(given, expected.expose()) {
        return Err(Box::new(
            (StatusCode::UNAUTHORIZED, "a valid service token is required").into_response(),
        ));
    }
    match body {
        Ok(Json(b)) => Ok(b),
        Err(e) => {
            let err = AppError::new(ErrorCode::BadInput).with_detail(e.body_text());
            Err(Box::new((StatusCode::BAD_REQUEST, Json(err)).into_response()))
        }
    }
}

/// 201 for a new record, 200 for the same report again, the JSON error
/// with its status for a refusal.
fn service_answer<T: serde::Serialize>(answer: Result<(bool, T), AppError>) -> Response {
    match answer {
        Ok((true, body)) => (StatusCode::CREATED, Json(body)).into_response(),
        Ok((false, body)) => (StatusCode::OK, Json(body)).into_response(),
        Err(e) => (status_of(&e), Json(e)).into_response(),
    }
}

/// The HTTP status a refusal answers with (see `ErrorCode::http_status`).
fn status_of(e: &crate::domain::AppError) -> StatusCode {
    StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A model's current photo, for anyone (profiles are public). A new photo
/// gets a new id, so the answer can be cached for good.
async fn serve_photo(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    let found = match crate::sessions::store::is_current_photo(&state.db, &id).await {
        Ok(true) => crate::platform::uploads::read_photo(&state.db, &state.config.upload_dir, &id).await,
        Ok(false) => Err(crate::domain::AppError::new(crate::domain::ErrorCode::NotFound)),
        Err(e) => Err(e),
    };
    match found {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (status_of(&e), Json(e)).into_response(),
    }
}

/// An uploaded file, for the people it concerns (`uploads::open`): the
/// sniffed type, no guessing by the browser, and a sandbox so nothing in
/// the file can act as the site.
/// Support's CSV of a customer's transactions, with the page's filters
/// (`?kind=&from=&to=&q=`) and words in `?lang=` (else the viewer's
/// language). A download: support only, never cached.
async fn transactions_csv(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let locale = q
        .get("lang")
        .and_then(|l| crate::domain::Locale::from_tag(l))
        .or(viewer.locale)
        .unwrap_or_default();
    match crate::support::api::transactions_csv(&state.db, &viewer, &id, &q, locale).await {
        Ok((name, text)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            ],
            // A byte-order mark, so spreadsheets read the file as UTF-8.
            format!("\u{feff}{text}"),
        )
            .into_response(),
        Err(e) => (status_of(&e), Json(e)).into_response(),
    }
}

async fn serve_file(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match crate::platform::uploads::open(&state.db, &state.config.upload_dir, &id, &viewer).await {
        Ok((kind, bytes)) => {
            let disposition = if kind == crate::domain::upload::FileKind::Pdf {
                "attachment; filename=\"receipt.pdf\""
            } else {
                "inline"
            };
            (
                [
                    (header::CONTENT_TYPE, kind.content_type()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "private, no-store"),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                    (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'"),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => (status_of(&e), Json(e)).into_response(),
    }
}

/// Server-sent events for one dispute's members: "message" whenever the
/// conversation gets one. The browser reconnects on its own and reloads the
/// history when it does, so nothing is missed across a drop.
async fn dispute_events(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Some(id) = crate::domain::DisputeId::parse(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let conversation = match state.db.acquire().await {
        Ok(mut conn) => match crate::disputes::store::get(&mut conn, &id, &viewer.id, viewer.role).await {
            Ok(d) => d.conversation_id,
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    live_events(&state, conversation.as_str().to_string(), "message")
}

/// Server-sent events for one session's parties: "step" after every step
/// (a press, or the clock's). The page reloads the session on each one and
/// on every reconnection, so nothing is missed across a drop.
async fn session_events(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    let Some(axum::Extension(viewer)) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Some(id) = crate::domain::SessionId::from_key(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.db.acquire().await {
        Ok(mut conn) => {
            if crate::sessions::store::load(&mut conn, &id, &viewer.id)
                .await
                .is_err()
            {
                return StatusCode::NOT_FOUND.into_response();
            }
        }
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
    live_events(&state, crate::platform::state::session_key(&id), "step")
}

/// Server-sent events for a direct chat: "message" after every message in
/// it, for its model and client only (someone else's chat is not found).
async fn chat_events(
    State(state): State<AppState>,
    axum::extract::Path(with): axum::extract::Path<String>,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    use crate::domain::Role;
    let Some(axum::Extension(viewer)) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Some(other) = UserId::parse(&with) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (model, client) = match viewer.role {
        Role::Model => (viewer.id.clone(), other.clone()),
        Role::Client => (other.clone(), viewer.id.clone()),
        Role::Support => return StatusCode::NOT_FOUND.into_response(),
    };
    match crate::calls::store::contacts_of(&state.db, &viewer.id, viewer.role).await {
        Ok(contacts) if contacts.iter().any(|c| c.id == other) => {}
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
    live_events(
        &state,
        crate::platform::state::chat_key(&model, &client),
        "message",
    )
}

/// An event stream that says `event` each time `key` is told on the live
/// channel, and "reload" after falling behind (rather than miss anything).
fn live_events(state: &AppState, key: String, event: &'static str) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use tokio::sync::broadcast::error::RecvError;
    let rx = state.live.subscribe();
    let stream = futures::stream::unfold((rx, key), move |(mut rx, key)| async move {
        loop {
            let data = match rx.recv().await {
                Ok(k) if k == key => "new",
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => "reload",
                Err(RecvError::Closed) => return None,
            };
            let next = Event::default().event(event).data(data);
            return Some((Ok::<_, std::convert::Infallible>(next), (rx, key)));
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// Server-sent events for the signed-in reader's unread count (NOTE-1):
/// "count" with the number at once, then again whenever the worker says
/// their notices changed (`worker::live_key`), and after falling behind.
/// The browser reconnects on its own and gets the count again.
async fn notice_events(State(state): State<AppState>, viewer: Option<axum::Extension<Viewer>>) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use tokio::sync::broadcast::error::RecvError;
    let Some(axum::Extension(viewer)) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    // Listening before counting: a change between the two is not missed.
    let rx = state.live.subscribe();
    let key = crate::worker::live_key(viewer.id.as_str());
    let start = (rx, state.db.clone(), viewer.id, key, true);
    let stream = futures::stream::unfold(start, |(mut rx, db, user, key, first)| async move {
        if !first {
            loop {
                match rx.recv().await {
                    Ok(payload) if payload == key => break,
                    Ok(_) => continue,
                    // Fell behind: the count may have changed meanwhile.
                    Err(RecvError::Lagged(_)) => break,
                    Err(RecvError::Closed) => return None,
                }
            }
        }
        // A database error ends the stream; the browser reconnects.
        let n = crate::platform::outbox::unread_count(&db, &user).await.ok()?;
        let event = Event::default().event("count").data(n.to_string());
        Some((
            Ok::<_, std::convert::Infallible>(event),
            (rx, db, user, key, false),
        ))
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

#[derive(serde::Deserialize)]
struct OpenNoticeQuery {
    /// The language the list was read in (`it`, `en`), if its URL said.
    #[serde(default)]
    lang: String,
}

/// Opens a notice from the list or an e-mail: marks it read and sends the
/// reader on (303) to its page, in their language. Someone else's or an
/// unknown notice changes nothing and goes to the reader's own list.
async fn open_notice(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<OpenNoticeQuery>,
    viewer: Option<axum::Extension<Viewer>>,
) -> Response {
    use crate::domain::{Locale, NotificationId};
    use crate::ui::context::localize_path;
    use axum::response::Redirect;
    let asked = Locale::from_tag(&q.lang).filter(|_| q.lang.len() == 2);
    let Some(axum::Extension(viewer)) = viewer else {
        let back = match asked {
            Some(l) => format!("/n/{id}?lang={}", l.code()),
            None => format!("/n/{id}"),
        };
        let signin = localize_path(asked, "/signin");
        return Redirect::to(&format!(
            "{signin}?next={}",
            crate::ui::components::urlencode(&back)
        ))
        .into_response();
    };
    let locale = asked.or(viewer.locale);
    let opened = match NotificationId::parse(&id) {
        Some(n) => match crate::platform::outbox::open(&state.db, &viewer.id, &n, state.clock.now()).await {
            Ok(link) => link,
            Err(e) => return plain_error(status_of(&e), &e),
        },
        None => None,
    };
    let target = match opened {
        // Links are this site's own paths; anything else goes to the list.
        Some(link) if link.starts_with('/') && !link.starts_with("//") && !link.starts_with("/\\") => {
            // Other open pages of the reader update their count.
            state
                .live
                .notify(&crate::worker::live_key(viewer.id.as_str()))
                .await;
            link
        }
        _ => "/notifications".to_string(),
    };
    Redirect::to(&localize_path(locale, &target)).into_response()
}

/// Test mode only: the mails kept when no mail server is configured, newest
/// first, in the words they would be sent with.
async fn test_outbox(State(state): State<AppState>) -> Response {
    match crate::platform::outbox::kept(&state.db, 200).await {
        Ok(mails) => {
            let list: Vec<serde_json::Value> = mails
                .iter()
                .map(|m| {
                    let words = crate::worker::words(m, &state.config.public_url);
                    serde_json::json!({
                        "key": m.key,
                        "address": m.address,
                        "subject": words.as_ref().map(|w| w.subject.clone()),
                        "text": words.map(|w| w.text),
                    })
                })
                .collect();
            Json(list).into_response()
        }
        Err(e) => (status_of(&e), Json(e)).into_response(),
    }
}

/// Compares secrets by their hashes, so the time taken says nothing about
/// how much of the token was right.
fn same_secret(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}

#[derive(serde::Deserialize)]
struct ClockCommand {
    /// Seconds to move the clock by (may be negative).
    advance_seconds: Option<i64>,
    /// An RFC 3339 instant to jump to.
    set: Option<String>,
    reset: Option<bool>,
}

async fn test_clock_get(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "now": state.clock.now().to_rfc3339() }))
}

async fn test_clock_set(State(state): State<AppState>, Json(cmd): Json<ClockCommand>) -> Response {
    if cmd.reset == Some(true) {
        state.clock.reset();
    }
    if let Some(s) = cmd.advance_seconds {
        state.clock.advance(chrono::Duration::seconds(s));
    }
    if let Some(at) = cmd.set {
        match chrono::DateTime::parse_from_rfc3339(&at) {
            Ok(t) => state.clock.set(t.with_timezone(&chrono::Utc)),
            Err(_) => return (StatusCode::BAD_REQUEST, "set must be an RFC 3339 instant").into_response(),
        }
    }
    tracing::warn!(now = %state.clock.now(), "test clock moved");
    Json(serde_json::json!({ "now": state.clock.now().to_rfc3339() })).into_response()
}

#[derive(serde::Deserialize)]
struct UserQuery {
    email: String,
}

/// Test mode only: a user's id by e-mail, for end-to-end tests that act as
/// the call system.
async fn test_user_id(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<UserQuery>,
) -> Response {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
        .bind(q.email.to_lowercase())
        .fetch_optional(&state.db)
        .await
        .unwrap_or(None);
    match row {
        Some((id,)) => Json(serde_json::json!({ "id": id })).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Static files need no session; everything else gets one lookup.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico" || path == "/robots.txt" || path == "/healthz"
}

/// A state-changing request must come from our own pages: the browser's
/// `Origin` (or `Sec-Fetch-Site`) says where the form was. Forms posted
/// without JS carry `Origin` in every current browser.
fn same_origin(req: &Request) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site == "cross-site" {
            return false;
        }
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let host = host.to_str().unwrap_or("");
            origin.split_once("://").map(|(_, h)| h) == Some(host)
        }
        // Machine clients (the call system, curl) send no Origin.
        _ => true,
    }
}

/// A plain form post (no JavaScript) that succeeded and named no page of
/// its own is sent back to the page it came from (Leptos' answer); this adds
/// `__ok=<endpoint>` to that address so the page can say it worked
/// (`ui::forms::succeeded`), as a refusal comes back with `__err`.
fn mark_plain_success(response: &mut Response, referer: Option<&HeaderValue>, endpoint: &str) {
    let Some(back) = referer.and_then(|r| r.to_str().ok()) else {
        return;
    };
    if !response.status().is_redirection() {
        return;
    }
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
    else {
        return;
    };
    // Leptos' way back is the referring page itself (sometimes with an
    // empty query); a refusal carries `__err` and a page of the function's
    // own choosing has another path.
    let path_of = |u: &str| u.split(['?', '#']).next().unwrap_or("").to_string();
    if path_of(location) != path_of(back) || location.contains("__err=") {
        return;
    }
    let (page, fragment) = location
        .split_once('#')
        .map_or((location, None), |(p, f)| (p, Some(f)));
    let (base, query) = page.split_once('?').unwrap_or((page, ""));
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("__ok="))
        .map(str::to_string)
        .collect();
    parts.push(format!(
        "__ok={}",
        crate::ui::components::urlencode(endpoint).replace('/', "%2F")
    ));
    let target = match fragment {
        Some(f) => format!("{base}?{}#{f}", parts.join("&")),
        None => format!("{base}?{}", parts.join("&")),
    };
    if let Ok(v) = HeaderValue::from_str(&target) {
        response.headers_mut().insert(header::LOCATION, v);
    }
}

async fn per_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = uuid::Uuid::now_v7().to_string();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let referer = req.headers().get(header::REFERER).cloned();

    let mut user: Option<UserId> = None;
    let limit = body_limit(&path);
    let response = if !same_origin(&req) {
        early_error(&path, AppError::new(ErrorCode::CrossSiteRequest))
    } else if declared_length(&req).is_some_and(|n| n > limit) {
        early_error(&path, too_large(limit))
    } else if is_upload(&path) && method == Method::POST && !is_multipart_with_boundary(&req) {
        early_error(&path, AppError::new(ErrorCode::BadInput))
    } else if needs_database(&req, &path) && !database_answers(&state).await {
        early_error(&path, AppError::new(ErrorCode::Unavailable))
    } else {
        match with_bounded_body(req, limit).await {
            Ok(req) => with_viewer(&state, req, next, &path, &mut user).await,
            Err(e) => early_error(&path, e),
        }
    };
    let mut response = with_error_status(response).await;
    if method == Method::POST && path.starts_with("/api/") {
        mark_plain_success(&mut response, referer.as_ref(), &path);
    }
    // A write may have left notices and mails behind: the worker sends
    // them now rather than at its next round.
    if method == Method::POST && (response.status().is_success() || response.status().is_redirection()) {
        state.work.notify_one();
    }
    if response.status() == StatusCode::SERVICE_UNAVAILABLE && !is_static(&path) && !state.db_health.is_down()
    {
        // Busy is not down: only a database that does not answer a ping
        // within a second trips the short-cut.
        let state = state.clone();
        tokio::spawn(async move {
            if !crate::platform::db::ping_within(&state.db, std::time::Duration::from_secs(1)).await {
                tracing::warn!("database unreachable: answering 503 at once until it is back");
                state.db_health.set_down(true);
            }
        });
    }
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        h.insert("x-request-id", v);
    }
    crate::platform::headers::secure(h);
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let user = user.as_ref().map(|u| u.as_str()).unwrap_or("-");
    if is_static(&path) {
        tracing::debug!(%request_id, %method, %path, status, latency_ms, user, "request");
    } else {
        tracing::info!(%request_id, %method, %path, status, latency_ms, user, "request");
    }
    response
}

/// Server functions and signed-in pages need the database; static files
/// do not, and anonymous pages (help pages from the cache) may not.
fn needs_database(req: &Request, path: &str) -> bool {
    !is_static(path) && (path.starts_with("/api/") || req.headers().contains_key(header::COOKIE))
}

/// After a request found the database down: a short probe instead of the
/// pool's full connection timeout, until the database answers again.
async fn database_answers(state: &AppState) -> bool {
    if !state.db_health.is_down() {
        return true;
    }
    let up = crate::platform::db::ping_within(&state.db, std::time::Duration::from_millis(300)).await;
    if up {
        state.db_health.set_down(false);
    }
    up
}

/// A body sent without a length is read here, up to the limit, so that a
/// longer one is refused as too large rather than failing inside a handler.
async fn with_bounded_body(req: Request, limit: usize) -> Result<Request, AppError> {
    if declared_length(&req).is_some() || !matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH)
    {
        return Ok(req);
    }
    use http_body_util::BodyExt;
    let (parts, body) = req.into_parts();
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(Request::from_parts(parts, Body::from(collected.to_bytes()))),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(too_large(limit)),
        Err(_) => Err(AppError::new(ErrorCode::BadInput)),
    }
}

/// Looks up the session (when the request carries one) and runs the rest.
async fn with_viewer(
    state: &AppState,
    mut req: Request,
    next: Next,
    path: &str,
    user: &mut Option<UserId>,
) -> Response {
    let lookup = match (is_static(path), req.headers().get(header::COOKIE)) {
        (false, Some(cookie)) => match cookie.to_str().ok().and_then(auth::token_from_cookie_header) {
            Some(token) => auth::viewer_for_token(&state.db, token, state.clock.now()).await,
            None => Ok(None),
        },
        _ => Ok(None),
    };
    match lookup {
        Ok(viewer) => {
            if let Some(v) = viewer {
                *user = Some(v.id.clone());
                req.extensions_mut().insert::<Viewer>(v);
            }
            match tokio::time::timeout(RENDER_LIMIT, next.run(req)).await {
                Ok(response) => response,
                Err(_) => {
                    tracing::error!(%path, "no answer within {RENDER_LIMIT:?}: answered 503");
                    early_error(path, AppError::new(ErrorCode::Unavailable))
                }
            }
        }
        Err(e) => early_error(path, e),
    }
}

/// Server functions answer every error with 500; a refusal (a rule, bad
/// input, no permission) is not a server fault, so the status is set from
/// the error's code: 4xx for refusals, 5xx only for real faults.
async fn with_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<crate::domain::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The largest body a request may carry: an upload form (a 5 MB file and
/// its fields), or any other form (a help article of 100,000 characters,
/// percent-encoded, fits).
const UPLOAD_BODY_LIMIT: usize = 6 * 1024 * 1024;
const FORM_BODY_LIMIT: usize = 1024 * 1024;

/// The server functions that take multipart form data.
fn is_upload(path: &str) -> bool {
    matches!(
        path,
        "/api/billing/ask_refund_upload"
            | "/api/disputes/attach"
            | "/api/ratings/request_removal_upload"
            | "/api/sessions/photo"
    )
}

fn body_limit(path: &str) -> usize {
    if is_upload(path) {
        UPLOAD_BODY_LIMIT
    } else {
        FORM_BODY_LIMIT
    }
}

/// An upload must say it is multipart and name its boundary: Leptos's
/// multipart decoder panics on a request that does not.
fn is_multipart_with_boundary(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.starts_with("multipart/form-data")
                && v.split(';').any(|p| {
                    p.trim()
                        .strip_prefix("boundary=")
                        .is_some_and(|b| !b.trim_matches('"').is_empty())
                })
        })
}

fn declared_length(req: &Request) -> Option<usize> {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

fn too_large(limit: usize) -> AppError {
    AppError::new(ErrorCode::BodyTooLarge).with_detail((limit / (1024 * 1024)).to_string())
}

/// A failure before any handler ran (bad origin, database down, a body
/// over the limit): server functions answer their usual JSON error, pages
/// a minimal page.
fn early_error(path: &str, err: AppError) -> Response {
    let status = status_of(&err);
    let mut res = if path.starts_with("/api/") {
        (status, Json(err)).into_response()
    } else {
        plain_error(status, &err)
    };
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    res
}

/// A minimal page for failures before the app can render (bad origin,
/// database down): says what happened in both languages.
fn plain_error(status: StatusCode, err: &AppError) -> Response {
    use crate::domain::Locale;
    use crate::i18n::error_message;
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Settle</title></head>\
         <body><main><h1>{}</h1><p>{}</p><p lang=\"it\">{}</p></main></body></html>",
        status.as_u16(),
        error_message(err, Locale::En),
        error_message(err, Locale::It)
    );
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(origin: Option<&str>, site: Option<&str>) -> Request {
        let mut b = Request::builder()
            .method("POST")
            .uri("/api/x")
            .header("host", "127.0.0.1:3000");
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        if let Some(s) = site {
            b = b.header("sec-fetch-site", s);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn cross_site_posts_are_refused() {
        assert!(same_origin(&post(
            Some("http://127.0.0.1:3000"),
            Some("same-origin")
        )));
        assert!(!same_origin(&post(Some("http://evil.example"), None)));
        assert!(!same_origin(&post(None, Some("cross-site"))));
        assert!(same_origin(&post(None, None)), "machine clients send no Origin");
    }
}
