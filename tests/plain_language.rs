#![cfg(feature = "ssr")]
//! Plain language (issue 16, NOTE-3's spirit for every screen): a person
//! reads words in their language, never an internal code. Every page kind
//! is rendered on the server under `/it/...`, for every role, with objects
//! present (purchases and refund requests, calls and call reviews,
//! disputes with messages, ratings and removal requests, sessions with
//! timeline events, help articles and revisions, the audit log, customers
//! and transactions), and its visible text must hold:
//!
//! 1. no stored code: none of the text forms of the enums that are stored
//!    or cross the wire (`text_enum!` values, transaction kinds, products,
//!    processors, audit actions, roles, error codes), none of their Rust
//!    (`Debug`) names, and no raw notice such as `money:` or `im_here`;
//! 2. no English catalogue text: an Italian page says nothing in the words
//!    of an English `Msg` that differs from its Italian one;
//! 3. no bare id: a UUID is never shown as the name of a thing.
//!
//! Text marked as another language (`lang="en"`: a translation's title) is
//! read in that language and skipped.
//!
//! A failure names the page, the role and each string that leaked.

mod support;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Request};
use chrono::{DateTime, Duration, Utc};
use settle::domain::billing::{Channel, ContentKind, Product, RequestSubject, SpendKind, Status};
use settle::domain::call::{CallKind, RequestStatus, Thumb};
use settle::domain::dispute::{DisputeState, MessageKind, Subject};
use settle::domain::help::Widget;
use settle::domain::ledger::{Processor, TxnKind};
use settle::domain::rating::{Ground, ReviewSource, ReviewStatus};
use settle::domain::session::{
    AdditionKind, CancelReason, Command, EventKind, Party, Payment, Scenario, Stage,
};
use settle::domain::{Credits, ErrorCode, Locale, Role, UserId};
use settle::i18n::Msg;
use settle::sessions::store::{Booking, Extra};
use support::money::{fund, person};
use support::{body_string, cookie_for, form_post, TestApp};

// ---- What counts as a code --------------------------------------------------

/// Raw stored forms that are never words.
const RAW: &[&str] = &[
    "im_here",
    "on_my_way",
    "addition_proposed",
    "money:",
    "pack_",
    "rule_violation",
    "credits_returned",
    "dispute_opened",
    "dispute_awaiting",
    "dispute_decided",
    "session:",
    "purchase:",
    "spend:",
    "Some(",
];

/// Codes that are also real Italian words, so an Italian sentence may hold
/// them: "video" (foto e video), "note" (le note), "team" (un team di
/// assistenza).
const ITALIAN_WORDS: &[&str] = &["video", "note", "team"];

/// Every code a page could print by mistake: each stored or wire enum's
/// text form (`as_str`/`code`), and its Rust name when that is unmistakably
/// a code (two or more capitals: `AwaitingModel`, `CallCharge`).
struct Codes {
    words: BTreeSet<String>,
    debug: BTreeSet<String>,
}

fn codes() -> Codes {
    let mut words = BTreeSet::new();
    let mut debug = BTreeSet::new();
    macro_rules! wire {
        ($($t:ty),* $(,)?) => {$(
            for v in <$t>::ALL {
                words.insert(v.as_str().to_string());
                debug.insert(format!("{v:?}"));
            }
        )*};
    }
    wire!(
        Channel,
        ContentKind,
        RequestSubject,
        SpendKind,
        Status,
        CallKind,
        RequestStatus,
        Thumb,
        DisputeState,
        MessageKind,
        Subject,
        Widget,
        Ground,
        ReviewSource,
        ReviewStatus,
        AdditionKind,
        CancelReason,
        EventKind,
        Party,
        Payment,
        Scenario,
        Stage,
    );
    for k in TxnKind::ALL {
        words.insert(k.as_str().to_string());
        debug.insert(format!("{k:?}"));
    }
    for p in Product::ALL {
        words.insert(p.code().to_string());
        debug.insert(format!("{p:?}"));
    }
    // Processors: the lowercase code only; their Rust names are their
    // brand names (SegPay, CentroBill), which pages do show.
    for p in Processor::ALL {
        words.insert(p.code().to_string());
    }
    for r in [Role::Client, Role::Model, Role::Support] {
        words.insert(r.as_str().to_string());
    }
    for code in [
        ErrorCode::NotSignedIn,
        ErrorCode::NotAllowed,
        ErrorCode::NotFound,
        ErrorCode::BadInput,
        ErrorCode::RuleViolation,
        ErrorCode::InsufficientCredits,
    ] {
        words.insert(code.as_str().to_string());
    }
    for a in [
        "dispute_awaiting",
        "dispute_decided",
        "review_decided",
        "billing_decided",
        "rating_removed",
        "rating_kept",
        "help_saved",
        "processor_saved",
    ] {
        assert!(settle::domain::audit::Action::parse(a).is_some(), "{a}");
        words.insert(a.to_string());
    }
    for w in ITALIAN_WORDS {
        words.remove(*w);
    }
    debug.retain(|d| d.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2);
    Codes { words, debug }
}

/// The English catalogue texts an Italian page must not contain: each
/// message whose English differs from its Italian, cut at its placeholders,
/// keeping the pieces of two words or more and at least 12 characters, and
/// leaving out a piece that the Italian catalogue itself contains.
fn english_texts() -> Vec<(Msg, String)> {
    let italian: Vec<&str> = Msg::ALL.iter().map(|m| m.text(Locale::It)).collect();
    let mut out = Vec::new();
    for m in Msg::ALL {
        let (en, it) = (m.text(Locale::En), m.text(Locale::It));
        if en == it {
            continue;
        }
        for piece in split_placeholders(en) {
            let piece = piece.trim();
            let long = piece.chars().count() >= 12 && piece.split_whitespace().count() >= 2;
            if long && !italian.iter().any(|i| i.contains(piece)) {
                out.push((*m, piece.to_string()));
            }
        }
    }
    out
}

fn split_placeholders(s: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        pieces.push(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    pieces.push(rest);
    pieces
}

// ---- What a person reads ----------------------------------------------------

/// The text a person reads on a page: the text between tags and the
/// attributes read aloud or shown on hover (`title`, `alt`, `placeholder`,
/// `aria-label`), without scripts (the serialized hydration data), styles
/// and comments, with entities decoded.
fn visible_text(html: &str) -> String {
    let mut html = html.to_string();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>"), ("<!--", "-->")] {
        html = cut_between(&html, open, close);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt..lt + gt + 1];
        // A part marked as another language (WCAG 3.1.2: a translation's
        // title, an English article in support's list) is read in that
        // language: skipped, up to its closing tag.
        if attribute(tag, "lang").is_some_and(|l| !l.starts_with("it")) {
            let name: String = tag[1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            rest = skip_element(&rest[lt + gt + 1..], &name);
            continue;
        }
        if !tag.starts_with("<meta") {
            for name in ["title", "alt", "placeholder", "aria-label"] {
                if let Some(v) = attribute(tag, name) {
                    out.push(' ');
                    out.push_str(v);
                    out.push(' ');
                }
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    decode(&out)
}

/// The rest of the page after the element whose opening tag was just
/// read (`name`), nested elements of the same name included.
fn skip_element<'a>(mut rest: &'a str, name: &str) -> &'a str {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 1;
    while depth > 0 {
        let (Some(c), o) = (rest.find(&close), rest.find(&open)) else {
            return "";
        };
        match o {
            Some(o) if o < c => {
                depth += 1;
                rest = &rest[o + open.len()..];
            }
            _ => {
                depth -= 1;
                rest = &rest[c + close.len()..];
            }
        }
    }
    rest
}

fn cut_between(s: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => rest = "",
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The words of a text that could be codes: whitespace-separated runs
/// without `@`, `/` or `.` inside (e-mail addresses, links and file names
/// carry codes that are not words), split on anything that is not a letter,
/// digit or underscore.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| {
            let inner = w.trim_end_matches(['.', ',', ';', ':', ')', '»', '”']);
            !inner.contains('@') && !inner.contains('/') && !inner.contains('.')
        })
        .flat_map(|w| w.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|t| !t.is_empty())
}

/// What leaked on one page, each with the words around its first
/// occurrence.
fn leaks(text: &str, codes: &Codes, english: &[(Msg, String)], allowed: &[&str]) -> Vec<String> {
    let mut found = std::collections::BTreeMap::new();
    let mut note = |what: String, at: usize, len: usize| {
        found.entry(what).or_insert_with(|| context(text, at, len));
    };
    for raw in RAW {
        if let Some(at) = text.find(raw) {
            note(format!("raw code {raw:?}"), at, raw.len());
        }
    }
    for t in tokens(text) {
        if allowed.contains(&t) {
            continue;
        }
        let at = t.as_ptr() as usize - text.as_ptr() as usize;
        if codes.words.contains(t) {
            note(format!("code {t:?}"), at, t.len());
        }
        if codes.debug.contains(t) {
            note(format!("enum name {t:?}"), at, t.len());
        }
        if t == "None" {
            note("Debug text \"None\"".to_string(), at, t.len());
        }
    }
    for w in text.split_whitespace() {
        if let Some(i) = uuid_in(w) {
            let at = w.as_ptr() as usize - text.as_ptr() as usize + i;
            note(format!("bare id {:?}", &w[i..i + 36]), at, 36);
        }
    }
    for (m, en) in english {
        if let Some(at) = text.find(en.as_str()) {
            note(format!("English {m:?}: {en:?}"), at, en.len());
        }
    }
    found
        .into_iter()
        .map(|(what, around)| format!("{what} in “{around}”"))
        .collect()
}

/// Where a word holds an id (a UUID, `8-4-4-4-12` hexadecimal digits):
/// a person never reads one as the name of a thing.
fn uuid_in(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    (0..b.len().saturating_sub(35)).find(|&i| {
        b[i..i + 36].iter().enumerate().all(|(j, c)| match j {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
    })
}

/// Up to 40 bytes of text either side of a find, on one line.
fn context(text: &str, at: usize, len: usize) -> String {
    let mut from = at.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + len + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- The objects ------------------------------------------------------------

struct World {
    app: TestApp,
    client: String,
    model: String,
    support: String,
    client_id: UserId,
    model_id: UserId,
    /// A call of the client with the model (refunded by her), one under an
    /// open review, one with a granted review.
    call: String,
    open_review: String,
    granted_review: String,
    disputes: Vec<String>,
    sessions: Vec<String>,
    support_refund_txn: String,
    article_id: String,
    category: String,
    articles: Vec<String>,
    /// SUP-6: the client's request, and an anonymous one with its key.
    contact_client: String,
    contact_anon: (String, String),
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path).header(header::ACCEPT_LANGUAGE, "it");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

async fn post(app: &TestApp, path: &str, cookie: &str, body: String) -> String {
    let res = app.request(form_post(path, cookie, body.clone())).await;
    let status = res.status();
    let text = body_string(res).await;
    assert!(status.is_success(), "{path} ({body}): {status} {text}");
    text
}

async fn one(app: &TestApp, sql: &str) -> String {
    let (v,): (String,) = sqlx::query_as(sql)
        .fetch_one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    v
}

async fn all(app: &TestApp, sql: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(sql)
        .fetch_all(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.into_iter().map(|(v,)| v).collect()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The demo data (people, purchases, calls with their logs, shows and
/// content sales, the help center), then one of everything a person can
/// make, each through the server function its form posts to.
async fn world() -> World {
    let app = TestApp::new().await;
    let now = app.state.clock.now();
    // The people and their data are made here, in Italian where a person
    // wrote them (the demo data's English titles and call logs are data,
    // not codes, and would only blur what this test looks for).
    settle::help::store::seed_if_empty(&app.db, now).await.unwrap();
    let client_id = person(&app.db, "Luca", Role::Client).await;
    let other_client = person(&app.db, "Marco", Role::Client).await;
    let model_id = person(&app.db, "Giulia", Role::Model).await;
    let other_model = person(&app.db, "Marta", Role::Model).await;
    let support_id = person(&app.db, "Sara", Role::Support).await;
    fund(&app.db, &client_id, 2000).await;
    fund(&app.db, &other_client, 1000).await;
    settle::sessions::store::seed_profile(
        &app.db,
        &model_id,
        "Milano, Navigli",
        "Via Vigevano 18, 20144 Milano",
        "Puntualità, per favore.",
    )
    .await
    .unwrap();
    for (n, (client, model, ago, secs)) in [
        (&client_id, &model_id, Duration::minutes(10), 252),
        (&client_id, &model_id, Duration::minutes(50), 120),
        (&client_id, &other_model, Duration::days(3), 900),
        (&other_client, &model_id, Duration::minutes(240), 580),
    ]
    .into_iter()
    .enumerate()
    {
        let ended = now - ago;
        let started = ended - Duration::seconds(secs);
        let event = |at, kind: &str, detail: &str| settle::calls::store::CallEvent {
            at,
            kind: kind.into(),
            detail: detail.into(),
        };
        settle::calls::store::record_call(
            &app.db,
            settle::calls::store::FinishedCall {
                external_id: format!("pl-call-{n}"),
                client_id: client.to_string(),
                model_id: model.to_string(),
                kind: if n % 2 == 0 { "video" } else { "phone" }.into(),
                price_per_minute: 30,
                started_at: started,
                ended_at: ended,
                events: vec![
                    event(started, "connected", "entrambi collegati"),
                    event(
                        started + Duration::seconds(secs / 3),
                        "quality",
                        "720p, perdita di pacchetti al 2%",
                    ),
                    event(
                        started + Duration::seconds(secs / 2),
                        "dropped",
                        "collegamento del cliente perso",
                    ),
                    event(
                        started + Duration::seconds(secs / 2 + 20),
                        "reconnected",
                        "di nuovo in linea",
                    ),
                    event(ended, "ended", "chiusa dal cliente"),
                ],
            },
            now,
        )
        .await
        .unwrap();
    }
    settle::billing::store::record_show(
        &app.db,
        settle::billing::store::ReportedShow {
            external_id: "pl-show-1".into(),
            client_id: client_id.to_string(),
            model_id: model_id.to_string(),
            price_per_minute: 8,
            started_at: now - Duration::hours(3),
            ended_at: now - Duration::hours(2),
            watched_seconds: 180,
        },
        now,
    )
    .await
    .unwrap();
    settle::billing::store::record_content_sale(
        &app.db,
        settle::billing::store::ReportedSale {
            external_id: "pl-sale-1".into(),
            client_id: client_id.to_string(),
            model_id: other_model.to_string(),
            kind: "photo".into(),
            price: 25,
            title: Some("Servizio fotografico al lago".into()),
        },
        now - Duration::hours(3),
    )
    .await
    .unwrap();
    let client = cookie_for(&app.db, &client_id, now).await;
    let model = cookie_for(&app.db, &model_id, now).await;
    let marco = cookie_for(&app.db, &other_client, now).await;
    let support = cookie_for(&app.db, &support_id, now).await;
    let (c, m) = (client_id.as_str(), model_id.as_str());

    // Billing: a pack and Premium bought, a tip, refund requests of the
    // pack (with its receipt), the tip (the model answers, support approves
    // part of it) and a photo set (refused by default).
    post(
        &app,
        "/api/billing/buy",
        &client,
        "product=pack_100&processor=epoch&form_key=pl-buy-1".into(),
    )
    .await;
    post(
        &app,
        "/api/billing/buy",
        &client,
        "product=premium_year&processor=centrobill&form_key=pl-buy-2".into(),
    )
    .await;
    post(
        &app,
        "/api/billing/tip",
        &client,
        format!("model_id={m}&amount=20&form_key=pl-tip-1"),
    )
    .await;
    let pack = one(
        &app,
        &format!("SELECT id FROM purchases WHERE client_id = '{c}' AND product = 'pack_100'"),
    )
    .await;
    let number = one(
        &app,
        &format!("SELECT payment_number FROM purchases WHERE id = '{pack}'"),
    )
    .await;
    post(
        &app,
        "/api/billing/ask_refund",
        &client,
        format!(
            "subject=purchase:{pack}&amount=&payment_number={}&reason=",
            enc(&number)
        ),
    )
    .await;
    let tip = one(
        &app,
        &format!("SELECT id FROM spends WHERE client_id = '{c}' AND kind = 'tip'"),
    )
    .await;
    post(
        &app,
        "/api/billing/ask_refund",
        &client,
        format!(
            "subject=spend:{tip}&amount=&payment_number=&reason={}",
            enc("Mancia inviata per sbaglio")
        ),
    )
    .await;
    let photos = one(
        &app,
        &format!("SELECT id FROM spends WHERE client_id = '{c}' AND kind = 'content'"),
    )
    .await;
    post(
        &app,
        "/api/billing/ask_refund",
        &client,
        format!(
            "subject=spend:{photos}&amount=&payment_number=&reason={}",
            enc("Foto diverse da quelle promesse")
        ),
    )
    .await;
    let tip_request = one(
        &app,
        &format!("SELECT id FROM billing_requests WHERE subject = 'spend:{tip}'"),
    )
    .await;
    post(
        &app,
        "/api/billing/answer",
        &model,
        format!(
            "id={tip_request}&statement={}",
            enc("Il cliente ha confermato la mancia in chat")
        ),
    )
    .await;
    post(
        &app,
        "/api/billing/decide",
        &support,
        format!("id={tip_request}&decision=approve&amount=10&note="),
    )
    .await;

    // Calls: the model refunds her most recent call (a notice in the chat),
    // rates another thumbs down with feedback; the client asks support to
    // review two calls, one granted.
    let calls = all(
        &app,
        &format!("SELECT id FROM calls WHERE client_id = '{c}' AND model_id = '{m}' ORDER BY ended_at DESC"),
    )
    .await;
    let call = calls[0].clone();
    post(&app, "/api/model/calls/refund", &model, format!("call_id={call}")).await;
    post(
        &app,
        "/api/model/calls/rate",
        &model,
        format!("call_id={}&thumb=down&lang=it", calls[1]),
    )
    .await;
    post(
        &app,
        "/api/calls/feedback",
        &model,
        format!(
            "call_id={}&feedback={}&lang=it",
            calls[1],
            enc("Linea disturbata")
        ),
    )
    .await;
    post(
        &app,
        "/api/chat/send",
        &client,
        format!("with={m}&body={}", enc("Ciao, a dopo!")),
    )
    .await;
    post(
        &app,
        "/api/client/calls/review",
        &client,
        format!(
            "call_id={}&reason={}&lang=it",
            calls[1],
            enc("La linea cadeva di continuo")
        ),
    )
    .await;
    let other_calls = all(
        &app,
        &format!("SELECT id FROM calls WHERE client_id = '{c}' AND model_id <> '{m}'"),
    )
    .await;
    post(
        &app,
        "/api/client/calls/review",
        &client,
        format!(
            "call_id={}&reason={}&lang=it",
            other_calls[0],
            enc("Non sentivo nulla")
        ),
    )
    .await;
    let open_review = one(
        &app,
        &format!("SELECT id FROM refund_requests WHERE call_id = '{}'", calls[1]),
    )
    .await;
    let granted_review = one(
        &app,
        &format!(
            "SELECT id FROM refund_requests WHERE call_id = '{}'",
            other_calls[0]
        ),
    )
    .await;
    post(
        &app,
        "/api/support/review/decide",
        &support,
        format!(
            "id={granted_review}&decision=grant&amount=5&note={}",
            enc("Due minuti persi per la linea")
        ),
    )
    .await;

    // Ratings: the client rates the model badly (she asks support to
    // remove it); another client's comment with a phone number flags
    // itself, and support removes it.
    // RATE-5: support hears a removal request from 48 to 72 hours after
    // the call, of a rating given within 24 hours of it.
    let old_call =
        support::money::call(&app.db, &client_id, &model_id, now, Duration::hours(60), 300, 10).await;
    let rating = settle::ratings::store::rate(
        &app.db,
        &old_call,
        &client_id,
        settle::domain::rating::Stars::parse("1").unwrap(),
        Some("Pessima, maleducata".into()),
        now - Duration::hours(59),
    )
    .await
    .unwrap();
    post(
        &app,
        "/api/ratings/rate",
        &client,
        format!("call_id={call}&stars=1&comment={}", enc("Pessima")),
    )
    .await;
    post(
        &app,
        "/api/ratings/request_removal",
        &model,
        format!(
            "id={rating}&ground=offensive_language&evidence={}",
            enc("Il commento mi offende")
        ),
    )
    .await;
    let marco_call = one(
        &app,
        &format!(
            "SELECT id FROM calls WHERE client_id = '{}'",
            other_client.as_str()
        ),
    )
    .await;
    post(
        &app,
        "/api/ratings/rate",
        &marco,
        format!(
            "call_id={marco_call}&stars=2&comment={}",
            enc("Chiamami al 333 123 4567")
        ),
    )
    .await;
    let flagged = all(&app, "SELECT id FROM rating_reviews WHERE source = 'flag'").await;
    assert!(!flagged.is_empty(), "a comment with a phone number flags itself");
    if let Some(f) = flagged.first() {
        post(
            &app,
            "/api/ratings/decide",
            &support,
            format!("id={f}&decision=remove&reason={}", enc("Dati personali")),
        )
        .await;
    }

    // Support's back office: a partial refund of a call (then deleted), a
    // withdrawal and its payout.
    let charge = one(
        &app,
        &format!("SELECT t.id FROM ledger_txns t WHERE t.customer_id = '{c}' AND t.kind = 'call_charge' AND NOT EXISTS (SELECT 1 FROM ledger_txns r WHERE r.refers_to = t.id) ORDER BY t.created_at LIMIT 1"),
    )
    .await;
    post(
        &app,
        "/api/support/refund",
        &support,
        format!(
            "customer={c}&txn={charge}&amount=3&reason={}&key=pl-refund-1",
            enc("Audio assente per un minuto")
        ),
    )
    .await;
    let refund = one(
        &app,
        &format!("SELECT id FROM ledger_txns WHERE refers_to = '{charge}' AND kind = 'support_refund'"),
    )
    .await;
    post(
        &app,
        "/api/support/refund",
        &support,
        format!(
            "customer={c}&txn={charge}&amount=2&reason={}&key=pl-refund-2",
            enc("Secondo rimborso parziale")
        ),
    )
    .await;
    post(
        &app,
        "/api/support/refund/delete",
        &support,
        format!(
            "customer={c}&txn={refund}&reason={}&key=pl-delete-1",
            enc("Registrato sulla chiamata sbagliata")
        ),
    )
    .await;
    post(
        &app,
        "/api/support/correction",
        &support,
        format!(
            "customer={c}&amount=-50&processor=segpay&reason={}&key=pl-correction-1",
            enc("Prelievo chiesto dal cliente")
        ),
    )
    .await;
    let correction = one(
        &app,
        &format!("SELECT id FROM ledger_txns WHERE customer_id = '{c}' AND kind = 'correction'"),
    )
    .await;
    post(
        &app,
        "/api/support/payout",
        &support,
        format!("customer={c}&txn={correction}&reference=SEG-2026-0042"),
    )
    .await;
    let support_refund_txn = charge.clone();

    // Sessions: one that ran (on the way, an addition proposed, arrived,
    // address, preferences, started, the addition confirmed) and one the
    // model cancelled for a broken rule at the meeting stage (a dispute).
    let profile = settle::sessions::store::profile(&app.db, &model_id)
        .await
        .unwrap();
    let mut sessions = Vec::new();
    for (n, hours) in [(1, 2), (2, 1)] {
        let start = now + Duration::hours(hours);
        let id = settle::sessions::store::book(
            &app.db,
            &client_id,
            Booking {
                model: model_id.clone(),
                scenario: Scenario::AtMyPlace,
                payment: Payment::Balance,
                start,
                venue_zone: settle::domain::time::ZoneName::default_zone(),
                tariff_id: profile.tariffs[0].id.clone(),
                service_ids: profile
                    .services
                    .iter()
                    .filter(|s| s.by_preference)
                    .map(|s| s.id.clone())
                    .take(1)
                    .collect(),
                client_address: None,
            },
            &format!("plain-language-session-{n}"),
            now,
        )
        .await
        .unwrap();
        sessions.push((id, start));
    }
    let act =
        |id: &settle::domain::SessionId, who: &UserId, cmd: Command, extra: Extra, at: DateTime<Utc>| {
            let (db, id, who) = (app.db.clone(), id.clone(), who.clone());
            async move {
                settle::sessions::store::act(&db, &id, &who, cmd.clone(), extra, at)
                    .await
                    .unwrap_or_else(|e| panic!("{cmd:?}: {e:?}"))
            }
        };
    let (ran, start) = sessions[0].clone();
    act(&ran, &client_id, Command::OnMyWay, Extra::default(), now).await;
    act(
        &ran,
        &client_id,
        Command::Propose {
            kind: AdditionKind::ExtraTariff,
            label: "Mezz'ora in più".into(),
            minutes: 30,
            price: Credits::new(40),
        },
        Extra::default(),
        now,
    )
    .await;
    let at = start - Duration::minutes(10);
    act(&ran, &client_id, Command::ImHere, Extra::default(), at).await;
    act(
        &ran,
        &model_id,
        Command::GiveAddress,
        Extra {
            address_details: Some("Scala B, interno 4, secondo piano".into()),
            ..Default::default()
        },
        at,
    )
    .await;
    let prefs = profile
        .services
        .iter()
        .filter(|s| s.by_preference)
        .take(1)
        .count();
    act(
        &ran,
        &model_id,
        Command::DeclarePreferences(vec![true; prefs]),
        Extra::default(),
        at,
    )
    .await;
    act(&ran, &model_id, Command::Start, Extra::default(), start).await;
    act(&ran, &model_id, Command::Confirm(0), Extra::default(), start).await;
    let (cancelled, start) = sessions[1].clone();
    act(
        &cancelled,
        &client_id,
        Command::ImHere,
        Extra::default(),
        start - Duration::minutes(20),
    )
    .await;
    act(
        &cancelled,
        &model_id,
        Command::Cancel(Some(CancelReason::RuleViolation)),
        Extra::default(),
        start - Duration::minutes(15),
    )
    .await;

    // Disputes: messages from both parties and a note for support in each;
    // the call review's dispute decided with a warning, the session's
    // marked as awaiting the decision.
    let disputes = all(&app, "SELECT id FROM disputes ORDER BY opened_at").await;
    assert!(disputes.len() >= 3, "{disputes:?}");
    let open_disputes = all(
        &app,
        &format!("SELECT id FROM disputes WHERE state <> 'decided' AND model_id = '{m}'"),
    )
    .await;
    for d in &open_disputes {
        post(
            &app,
            "/api/disputes/post",
            &client,
            format!("id={d}&body={}", enc("Vi racconto cosa è successo")),
        )
        .await;
        post(
            &app,
            "/api/disputes/post",
            &model,
            format!("id={d}&body={}", enc("La mia versione dei fatti")),
        )
        .await;
        post(
            &app,
            "/api/disputes/post",
            &support,
            format!("id={d}&body={}&note=1", enc("Controllare il registro")),
        )
        .await;
    }
    let call_dispute = one(
        &app,
        &format!("SELECT id FROM disputes WHERE subject_id = '{open_review}'"),
    )
    .await;
    post(
        &app,
        "/api/disputes/decide",
        &support,
        format!(
            "id={call_dispute}&refund=5&client_sanction=warning&client_days=&model_sanction=suspension&model_days=3&reason={}",
            enc("Linea instabile da entrambe le parti")
        ),
    )
    .await;
    let session_dispute = one(
        &app,
        &format!("SELECT id FROM disputes WHERE subject_id = '{cancelled}'"),
    )
    .await;
    post(
        &app,
        "/api/disputes/awaiting",
        &support,
        format!("id={session_dispute}"),
    )
    .await;

    // Billing support: support saves a processor's contacts as they are.
    let epoch = settle::billing::store::processors(&app.db, Locale::It)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.code == "epoch")
        .unwrap();
    post(
        &app,
        "/api/billing/processor",
        &support,
        format!(
            "code=epoch&regions_en={}&regions_it={}&advice_en={}&advice_it={}&contacts={}",
            enc(&epoch.regions_en),
            enc(&epoch.regions_it),
            enc(&epoch.advice_en),
            enc(&epoch.advice_it),
            enc(&settle::domain::billing::format_contacts(&epoch.contacts))
        ),
    )
    .await;

    // Help: a new revision of an Italian article by support.
    let article = settle::help::store::article(&app.db, Locale::It, "assistenza-pagamenti", None)
        .await
        .unwrap();
    let edit = settle::help::store::for_edit(&app.db, &article.id).await.unwrap();
    post(
        &app,
        "/api/help/save",
        &support,
        format!(
            "id={}&key={}&locale=it&category={}&slug={}&title={}&summary={}&body={}&popular=&base_revision={}&lang=it",
            article.id,
            edit.key,
            edit.category,
            edit.slug,
            enc(&edit.title),
            enc(&edit.summary),
            enc(&format!("{}\n\nUna riga aggiunta da Sara.\n", edit.body)),
            edit.revision
        ),
    )
    .await;
    let category = edit.category.clone();
    let articles = settle::help::store::admin_list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.locale == Locale::It)
        .map(|l| l.slug)
        .collect();

    // SUP-6 and HELP-6: a request from the client, answered; one from an
    // anonymous reader after a "No"; searches and a "No" counted.
    let sent = post(
        &app,
        "/api/contact/send",
        &client,
        "message=Dove+sono+i+miei+crediti%3F&email=&article=&page=%2Fit%2Fclient&lang=it".into(),
    )
    .await;
    let contact_client: String = serde_json::from_str(&sent).unwrap();
    post(
        &app,
        "/api/contact/answer",
        &support,
        format!("id={contact_client}&body=Sono+tornati+nel+tuo+portafoglio."),
    )
    .await;
    let key = "ab".repeat(32);
    let anon = settle::contact::store::open(
        &app.db,
        &settle::domain::contact::ContactDraft::parse(
            "Non ho capito come chiedere un rimborso.",
            "lettrice@example.com",
            false,
        )
        .unwrap(),
        settle::contact::store::Writer {
            account: None,
            limit_key: "contact:peer:test",
            reader_key: Some(&key),
        },
        settle::contact::store::Origin {
            locale: Locale::It,
            article: Some(&article.id),
            page: None,
        },
        now,
    )
    .await
    .unwrap();
    post(
        &app,
        "/api/contact/answer",
        &support,
        format!("id={anon}&body=Controllo+il+pagamento&note=1"),
    )
    .await;
    for q in ["rimborso", "zzqqxxjj"] {
        post(&app, "/api/help/search", &client, format!("locale=it&q={q}")).await;
    }
    post(
        &app,
        "/api/help/vote",
        &client,
        format!("article_id={}&vote=no&back=%2Fit%2Fhelp", article.id),
    )
    .await;

    World {
        contact_client,
        contact_anon: (anon.to_string(), key),
        client,
        model,
        support,
        client_id,
        model_id,
        call,
        open_review,
        granted_review,
        disputes,
        sessions: sessions.into_iter().map(|(id, _)| id.to_string()).collect(),
        support_refund_txn,
        article_id: article.id.to_string(),
        category,
        articles,
        app,
    }
}

// ---- The pages --------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Client,
    Model,
    Support,
}

/// Every page kind outside the session feature, for each role that opens it.
fn pages(w: &World) -> Vec<(Who, String)> {
    use Who::*;
    let (c, m) = (w.client_id.as_str(), w.model_id.as_str());
    let mut p: Vec<(Who, String)> = Vec::new();
    let mut add = |who: Who, path: String| p.push((who, path));
    // Public pages, for every role.
    for who in [Anonymous, Client, Model, Support] {
        for path in [
            "/it".to_string(),
            "/it/help".to_string(),
            "/it/help/search?q=rimborso".to_string(),
            "/it/help/search?q=zzqqxxjj".to_string(),
            format!("/it/help/c/{}", w.category),
            "/it/help/a/assistenza-pagamenti".to_string(),
            "/it/not-allowed".to_string(),
            "/it/settings".to_string(),
            "/it/ratings".to_string(),
            "/it/disputes".to_string(),
        ] {
            add(who, path);
        }
    }
    for path in [
        "/it/signin",
        "/it/signin?reset=1",
        "/it/signup",
        "/it/account/forgot",
        "/it/account/forgot?sent=1",
        "/it/account/reset?token=0000",
        "/it/account/confirm?token=0000",
        "/it/client",
        "/it/model",
        "/it/support",
    ] {
        add(Anonymous, path.into());
    }
    for slug in &w.articles {
        add(Anonymous, format!("/it/help/a/{slug}"));
    }
    for d in &w.disputes {
        add(Support, format!("/it/disputes/{d}"));
    }
    for (who, d) in [(Client, &w.disputes), (Model, &w.disputes)] {
        for d in d {
            add(who, format!("/it/disputes/{d}"));
        }
    }
    for q in [
        "?state=open",
        "?state=awaiting_decision",
        "?state=decided",
        "?age=1d",
    ] {
        add(Support, format!("/it/disputes{q}"));
    }
    // The client.
    let call = &w.call;
    for path in [
        "/it/client".to_string(),
        format!("/it/client/calls/{call}/rate"),
        format!("/it/client/calls/{call}/rate?step=feedback"),
        format!("/it/client/calls/{call}/rate?step=done"),
        format!("/it/client/calls/{call}/review"),
        "/it/client/chats".to_string(),
        format!("/it/client/chats/{m}"),
        "/it/client/billing".to_string(),
        "/it/client/billing?asked=awaiting_model".to_string(),
        "/it/client/billing?bought=EP-123".to_string(),
        "/it/client/checkout?product=pack_100".to_string(),
        "/it/client/checkout?product=premium_year".to_string(),
        format!("/it/ratings/call/{call}"),
    ] {
        add(Client, path);
    }
    // The model.
    for path in [
        "/it/model".to_string(),
        "/it/model/calls".to_string(),
        format!("/it/model/calls/{call}/rate"),
        format!("/it/model/calls/{call}/rate?step=feedback"),
        format!("/it/model/calls/{call}/rate?step=offer"),
        format!("/it/model/calls/{call}/rate?step=done"),
        format!("/it/model/calls/{call}/refund"),
        "/it/model/chats".to_string(),
        format!("/it/model/chats/{c}"),
        "/it/model/billing".to_string(),
        format!("/it/ratings/call/{call}"),
    ] {
        add(Model, path);
    }
    // Support.
    for path in [
        "/it/support".to_string(),
        "/it/support/customers".to_string(),
        "/it/support/customers?q=luca".to_string(),
        format!("/it/support/customers/{c}"),
        format!("/it/support/customers/{c}?kind=support_refund"),
        format!("/it/support/customers/{c}/txns/{}/refund", w.support_refund_txn),
        "/it/support/reviews".to_string(),
        "/it/support/reviews?status=granted".to_string(),
        "/it/support/reviews?status=declined".to_string(),
        "/it/support/reviews?status=".to_string(),
        format!("/it/support/reviews/{}", w.open_review),
        format!("/it/support/reviews/{}", w.granted_review),
        "/it/support/ratings".to_string(),
        "/it/support/ratings?status=removed".to_string(),
        "/it/support/help".to_string(),
        "/it/support/help/new".to_string(),
        format!("/it/support/help/{}", w.article_id),
        format!("/it/support/help/{}/revisions", w.article_id),
        format!("/it/support/help/{}/revisions?view=side", w.article_id),
        "/it/support/processors".to_string(),
        "/it/support/billing".to_string(),
        "/it/support/billing?status=approved".to_string(),
        "/it/support/billing?status=declined".to_string(),
        "/it/support/audit".to_string(),
        "/it/support/audit?action=money".to_string(),
        "/it/support/insights".to_string(),
        "/it/support/cases?kind=contact".to_string(),
        format!("/it/support/contact/{}", w.contact_client),
        format!("/it/support/contact/{}", w.contact_anon.0),
    ] {
        add(Support, path);
    }
    // SUP-6: the form (plain, and after a "No" from a page), and each
    // writer's own page of their request.
    for who in [Anonymous, Client] {
        add(who, "/it/help/contact".to_string());
        add(
            who,
            format!("/it/help/contact?article={}&from=/it/client", w.article_id),
        );
    }
    add(Client, format!("/it/help/contact/{}?sent=1", w.contact_client));
    add(
        Anonymous,
        format!(
            "/it/help/contact/{}?key={}&sent=1",
            w.contact_anon.0, w.contact_anon.1
        ),
    );
    p
}

/// The session feature's pages: the agenda, each session with its
/// timeline, the models and a model's booking page.
fn session_pages(w: &World) -> Vec<(Who, String)> {
    use Who::*;
    let mut p = Vec::new();
    for who in [Client, Model, Support] {
        p.push((who, "/it/sessions".to_string()));
        for s in &w.sessions {
            p.push((who, format!("/it/sessions/{s}")));
        }
    }
    for who in [Anonymous, Client, Model] {
        p.push((who, "/it/models".to_string()));
        p.push((who, format!("/it/models/{}", w.model_id)));
    }
    p
}

/// Codes a page may show because a person types them there: the
/// processors' contact editor takes `channel | value | note | note` lines,
/// and its hint names the channels.
fn allowed_on(path: &str) -> Vec<&'static str> {
    if path.starts_with("/it/support/processors") {
        Channel::ALL.iter().map(|c| c.as_str()).collect()
    } else {
        Vec::new()
    }
}

async fn check(w: &World, pages: &[(Who, String)]) -> Vec<String> {
    let codes = codes();
    let english = english_texts();
    assert!(english.len() > 100, "{} English texts", english.len());
    let mut failures = Vec::new();
    for (who, path) in pages {
        let cookie = match who {
            Who::Anonymous => None,
            Who::Client => Some(w.client.as_str()),
            Who::Model => Some(w.model.as_str()),
            Who::Support => Some(w.support.as_str()),
        };
        let res = w.app.request(get(path, cookie)).await;
        let status = res.status();
        let html = body_string(res).await;
        if status.is_server_error() {
            failures.push(format!("{path} as {who:?}: HTTP {status}"));
            continue;
        }
        let html = if path.starts_with("/it/support/processors") {
            // The contacts editor holds both languages' notes and the
            // channels' codes: it is the form's own input syntax.
            cut_between(&html, "<textarea name=\"contacts\"", "</textarea>")
        } else {
            html
        };
        let text = visible_text(&html);
        if std::env::var_os("PLAIN_LANGUAGE_DUMP").is_some() {
            let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("== {path} as {who:?}: HTTP {status}, {} chars\n{}\n", t.len(), t);
        }
        let found = leaks(&text, &codes, &english, &allowed_on(path));
        if !found.is_empty() {
            failures.push(format!("{path} as {who:?}:\n    {}", found.join("\n    ")));
        }
    }
    failures
}

#[tokio::test]
async fn plain_language_every_italian_page_has_no_english_catalogue_text_and_no_codes() {
    let w = world().await;
    let mut pages = pages(&w);
    pages.extend(session_pages(&w));
    let failures = check(&w, &pages).await;
    assert!(
        failures.is_empty(),
        "{} of {} pages show codes or English:\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n")
    );
}

/// The checker itself: it finds what it is meant to find, and lets Italian
/// through.
#[test]
fn plain_language_the_checker_finds_codes_and_english() {
    let codes = codes();
    let english = english_texts();
    let page = "<html><head><title>Pagamenti</title><script>{\"status\":\"awaiting_model\"}</script></head>\
        <body><p data-kind=\"call_charge\">Foto e video · 3 note</p>\
        <p>granted: ok</p><p>Anche in <a lang=\"en\" href=\"/en/x\">Asking support to <b>review</b> a call (English)</a></p><p>AwaitingModel</p><td>01a23c45-49f1-7519-98bf-6515a94088cc</td><p>money:tip</p>\
        <input placeholder=\"Search by name or e-mail\"><a href=\"mailto:billing@epoch.com\">billing@epoch.com</a></p></body></html>";
    let found: Vec<String> = leaks(&visible_text(page), &codes, &english, &[])
        .into_iter()
        .map(|f| f.split(" in “").next().unwrap_or_default().to_string())
        .collect();
    assert!(found.iter().any(|f| f.contains("\"granted\"")), "{found:?}");
    assert!(found.iter().any(|f| f.contains("AwaitingModel")), "{found:?}");
    assert!(found.iter().any(|f| f.contains("money:")), "{found:?}");
    assert!(found.iter().any(|f| f.contains("SearchCustomers")), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|f| f.contains("awaiting_model") || f.contains("call_charge")),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.contains("video") || f.contains("billing") || f.contains("epoch")),
        "{found:?}"
    );
    // `money:tip` is a raw code and holds the code `tip`.
    assert!(found.iter().any(|f| f.contains("\"tip\"")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("bare id")), "{found:?}");
    assert_eq!(found.len(), 6, "{found:?}");
    let _ = (Stage::Meeting, EventKind::Arrived, Party::Client);
}
