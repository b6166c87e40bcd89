#![cfg(feature = "ssr")]
//! NOTE-4 through the whole server and a real SMTP server on loopback:
//! the link that confirms an address at sign-up, the forgotten password,
//! the mail limits, and Settings' choice of e-mails. Time is the test
//! clock; the worker runs one round at a time (`worker::run_once`).

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{DateTime, Duration, Utc};
use settle::domain::notice::{MailTopic, Notice, NoticeKind};
use settle::domain::{AppError, Locale, Role, UserId};
use settle::i18n::Msg;
use settle::worker::run_once;
use support::money::person;
use support::smtp::{Received, Smtp};
use support::{body_string, cookie_for, form_post, TestApp};

struct World {
    app: TestApp,
    smtp: Smtp,
}

async fn world() -> World {
    let smtp = Smtp::start();
    let app = TestApp::with_smtp(&smtp.url()).await;
    app.state.clock.set(t0());
    World { app, smtp }
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
        .unwrap()
        .to_utc()
}

fn anonymous_post(path: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

fn enc(s: &str) -> String {
    s.replace('@', "%40").replace(' ', "+")
}

impl World {
    async fn sign_up(&self, email: &str, lang: &str) -> UserId {
        let res = self
            .app
            .request(anonymous_post(
                "/api/auth/sign_up",
                format!(
                    "display_name=Ada&email={}&password=long+enough+pw&role=client&lang={lang}&adult=on&terms=on",
                    enc(email)
                ),
            ))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);
        support::user_id(&self.app.db, email).await
    }

    /// Asks for a reset; the answer's status and body.
    async fn forgot(&self, email: &str, lang: &str) -> (StatusCode, String) {
        let res = self
            .app
            .request(anonymous_post(
                "/api/account/forgot",
                format!("email={}&lang={lang}", enc(email)),
            ))
            .await;
        let status = res.status();
        (status, body_string(res).await)
    }

    async fn page(&self, path: &str, cookie: Option<&str>) -> String {
        let res = self.app.request(get(path, cookie)).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        body_string(res).await
    }

    /// Delivers what is due and answers the mails to `address` so far.
    async fn deliver(&self, address: &str) -> Vec<Received> {
        run_once(&self.app.state).await;
        self.smtp.mails_to(address)
    }

    /// The path of the link in a mail (without the public address).
    fn link_path(&self, mail: &Received) -> String {
        let base = &self.app.state.config.public_url;
        let start = mail.text.find(base.as_str()).expect("a link in the mail");
        let link: String = mail.text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        let path = link[base.len()..].to_string();
        assert!(mail.html.contains(&link), "the HTML part has the same link");
        path
    }

    async fn confirmed(&self, user: &UserId) -> bool {
        let (at,): (Option<i64>,) = sqlx::query_as("SELECT email_confirmed_at FROM users WHERE id = $1")
            .bind(user.as_str())
            .fetch_one(&self.app.db)
            .await
            .unwrap();
        at.is_some()
    }

    /// When the newest link of `user` for `purpose` stops working.
    async fn expires_at(&self, user: &UserId, purpose: &str) -> DateTime<Utc> {
        let (created, expires): (i64, i64) = sqlx::query_as(
            "SELECT created_at, expires_at FROM account_tokens WHERE user_id = $1 AND purpose = $2 \
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(user.as_str())
        .bind(purpose)
        .fetch_one(&self.app.db)
        .await
        .unwrap();
        assert_eq!(expires - created, 3_600_000, "a link lives one hour");
        DateTime::from_timestamp_millis(expires).unwrap()
    }

    async fn sessions_of(&self, user: &UserId) -> i64 {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
            .bind(user.as_str())
            .fetch_one(&self.app.db)
            .await
            .unwrap();
        n
    }

    async fn password_hash(&self, user: &UserId) -> String {
        let (h,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
            .bind(user.as_str())
            .fetch_one(&self.app.db)
            .await
            .unwrap();
        h
    }

    /// Sets a new password through a reset link's form.
    async fn reset(&self, path: &str, password: &str, again: &str) -> (StatusCode, String) {
        let token = path.split("token=").nth(1).unwrap();
        let res = self
            .app
            .request(anonymous_post(
                "/api/account/reset",
                format!(
                    "token={token}&password={}&password_again={}&lang=en",
                    enc(password),
                    enc(again)
                ),
            ))
            .await;
        let status = res.status();
        (status, body_string(res).await)
    }

    async fn sign_in(&self, email: &str, password: &str) -> StatusCode {
        self.app
            .request(anonymous_post(
                "/api/auth/sign_in",
                format!("email={}&password={}&lang=en", enc(email), enc(password)),
            ))
            .await
            .status()
    }
}

fn refusal(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn r_note_4_sign_up_mails_a_link_in_the_sign_up_language_that_confirms_once() {
    let w = world().await;
    let ada = w.sign_up("ada@example.com", "it").await;
    assert!(!w.confirmed(&ada).await, "a new address waits for its link");
    let mails = w.deliver("ada@example.com").await;
    assert_eq!(mails.len(), 1, "one confirmation mail");
    let mail = &mails[0];
    assert_eq!(mail.subject, Msg::ConfirmMailSubject.text(Locale::It));
    assert!(
        mail.text.contains(Msg::ConfirmMailBody.text(Locale::It)),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("lang=\"it\""));
    let path = w.link_path(mail);
    assert!(path.starts_with("/it/account/confirm?token="), "{path}");
    // The token is kept only as a hash.
    let token = path.split("token=").nth(1).unwrap();
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1")
        .bind(token)
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // The person can use the app meanwhile; Settings says where the link went.
    let cookie = cookie_for(&w.app.db, &ada, w.app.state.clock.now()).await;
    let settings = w.page("/en/settings", Some(&cookie)).await;
    assert!(
        settings.contains("Confirm your address: we sent a link to ada@example.com."),
        "{settings}"
    );

    // The link works once…
    let page = w.page(&path, None).await;
    assert!(page.contains(Msg::AddressConfirmed.text(Locale::It)), "{page}");
    assert!(w.confirmed(&ada).await);
    let settings = w.page("/en/settings", Some(&cookie)).await;
    assert!(!settings.contains("Confirm your address"), "{settings}");
    // …and a second time it says so, changing nothing.
    let again = w.page(&path, None).await;
    assert!(!again.contains(Msg::AddressConfirmed.text(Locale::It)), "{again}");
    assert!(again.contains("Questo link non è più valido."), "{again}");
    let (used,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM account_tokens WHERE used_at IS NOT NULL")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(used, 1);

    // English sign-up, English mail.
    w.sign_up("bea@example.com", "en").await;
    let mails = w.deliver("bea@example.com").await;
    assert_eq!(mails[0].subject, Msg::ConfirmMailSubject.text(Locale::En));
    assert!(w.link_path(&mails[0]).starts_with("/en/account/confirm?token="));
}

#[tokio::test]
async fn r_note_4_a_confirmation_link_works_at_59_59_and_not_at_60_00() {
    let w = world().await;
    let ada = w.sign_up("ada@example.com", "en").await;
    let bea = w.sign_up("bea@example.com", "en").await;
    let ada_link = w.link_path(&w.deliver("ada@example.com").await[0]);
    let bea_link = w.link_path(&w.deliver("bea@example.com").await[0]);

    w.app
        .state
        .clock
        .set(w.expires_at(&ada, "confirm").await - Duration::seconds(1));
    let page = w.page(&ada_link, None).await;
    assert!(page.contains(Msg::AddressConfirmed.text(Locale::En)), "{page}");
    assert!(w.confirmed(&ada).await);

    w.app.state.clock.set(w.expires_at(&bea, "confirm").await);
    let page = w.page(&bea_link, None).await;
    assert!(page.contains("This link is not valid any more."), "{page}");
    assert!(!page.contains(Msg::AddressConfirmed.text(Locale::En)));
    assert!(!w.confirmed(&bea).await, "an expired link changes nothing");
}

#[tokio::test]
async fn r_note_4_a_reset_answers_the_same_words_for_an_unknown_address_and_sends_nothing() {
    let w = world().await;
    person(&w.app.db, "known", Role::Client).await;
    let (known_status, known) = w.forgot("known@example.com", "en").await;
    let (unknown_status, unknown) = w.forgot("nobody@example.com", "en").await;
    assert_eq!(known_status, StatusCode::OK, "{known}");
    assert_eq!(unknown_status, known_status);
    assert_eq!(unknown, known, "the same answer, word for word");
    let words: String = serde_json::from_str(&known).unwrap();
    assert_eq!(
        words,
        "If an account uses this address, we have sent a link to it. It works once, within an hour."
    );
    // In Italian too, the same for both.
    let (_, it_known) = w.forgot("known@example.com", "it").await;
    let (_, it_unknown) = w.forgot("nessuno@example.com", "it").await;
    assert_eq!(it_known, it_unknown);
    assert_eq!(
        serde_json::from_str::<String>(&it_known).unwrap(),
        Msg::ResetLinkSent.text(Locale::It)
    );
    // Without JavaScript: the same redirect, to the page with the same words.
    let plain = |email: &str| {
        Request::post("/api/account/forgot")
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("email={}&lang=en", enc(email))))
            .unwrap()
    };
    let a = w.app.request(plain("known@example.com")).await;
    let b = w.app.request(plain("nobody2@example.com")).await;
    assert_eq!(a.status(), StatusCode::FOUND);
    assert_eq!(a.status(), b.status());
    assert_eq!(
        a.headers().get(header::LOCATION),
        b.headers().get(header::LOCATION)
    );
    let location = a.headers()[header::LOCATION].to_str().unwrap().to_string();
    let page = w.page(&location, None).await;
    assert!(page.contains(&words), "{page}");

    // Mails went to the account's address only.
    let known_mails = w.deliver("known@example.com").await;
    assert_eq!(known_mails.len(), 3);
    assert_eq!(known_mails[0].subject, Msg::ResetMailSubject.text(Locale::En));
    assert_eq!(known_mails[1].subject, Msg::ResetMailSubject.text(Locale::It));
    assert_eq!(w.smtp.mails().len(), 3, "nothing to addresses without an account");
    let (outbox,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox")
        .fetch_one(&w.app.db)
        .await
        .unwrap();
    assert_eq!(outbox, 3);
}

#[tokio::test]
async fn r_note_4_a_reset_link_sets_the_password_once_and_ends_every_session() {
    let w = world().await;
    let known = person(&w.app.db, "known", Role::Client).await;
    let now = w.app.state.clock.now();
    let phone = cookie_for(&w.app.db, &known, now).await;
    let _laptop = cookie_for(&w.app.db, &known, now).await;
    assert_eq!(w.sessions_of(&known).await, 2);

    // The sign-in page leads to the form.
    let signin = w.page("/en/signin", None).await;
    assert!(signin.contains("href=\"/en/account/forgot\""), "{signin}");
    assert!(signin.contains(Msg::ForgotPassword.text(Locale::En)));

    w.forgot("known@example.com", "en").await;
    let mails = w.deliver("known@example.com").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains(Msg::ResetMailBody.text(Locale::En)));
    let path = w.link_path(&mails[0]);
    assert!(path.starts_with("/en/account/reset?token="), "{path}");
    let form = w.page(&path, None).await;
    assert!(form.contains("name=\"password_again\""), "{form}");

    // Two different passwords, or a short one: refused, nothing changes.
    let before = w.password_hash(&known).await;
    let (status, body) = w
        .reset(&path, "a brand new password", "a brand new passwort")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(refusal(&body).detail.as_deref(), Some("passwords differ"));
    let (status, body) = w.reset(&path, "short", "short").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(refusal(&body).code.as_str(), "weak_password");
    assert_eq!(w.password_hash(&known).await, before);
    assert_eq!(w.sessions_of(&known).await, 2);

    // The new password is set, every session ends, nobody is signed in.
    let (status, body) = w
        .reset(&path, "a brand new password", "a brand new password")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let done: settle::ui::context::Done = serde_json::from_str(&body).unwrap();
    assert_eq!(done.target, "/en/signin?reset=1");
    assert!(done.session.user.is_none());
    assert_eq!(w.sessions_of(&known).await, 0);
    let res = w
        .app
        .request(form_post("/api/account/mail", &phone, String::new()))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the old session ended");
    let signin = w.page(&done.target, None).await;
    assert!(signin.contains("Your password is changed: sign in"), "{signin}");
    assert_eq!(
        w.sign_in("known@example.com", "a long test password").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        w.sign_in("known@example.com", "a brand new password").await,
        StatusCode::OK
    );

    // The link worked once.
    let (status, body) = w
        .reset(&path, "another new password", "another new password")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(refusal(&body).rule, Some(settle::domain::RuleId::Note4));
    let page = w.page(&path, None).await;
    assert!(page.contains("This link is not valid any more."), "{page}");
    assert!(page.contains("href=\"/en/account/forgot\""));
    assert_eq!(
        w.sign_in("known@example.com", "a brand new password").await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn r_note_4_a_reset_link_works_at_59_59_and_not_at_60_00() {
    let w = world().await;
    let ada = person(&w.app.db, "ada", Role::Client).await;
    let bea = person(&w.app.db, "bea", Role::Model).await;
    w.forgot("ada@example.com", "en").await;
    w.forgot("bea@example.com", "en").await;
    let ada_link = w.link_path(&w.deliver("ada@example.com").await[0]);
    let bea_link = w.link_path(&w.deliver("bea@example.com").await[0]);

    w.app
        .state
        .clock
        .set(w.expires_at(&ada, "reset").await - Duration::seconds(1));
    let (status, body) = w
        .reset(&ada_link, "a brand new password", "a brand new password")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let before = w.password_hash(&bea).await;
    w.app.state.clock.set(w.expires_at(&bea, "reset").await);
    let page = w.page(&bea_link, None).await;
    assert!(page.contains("This link is not valid any more."), "{page}");
    let (status, body) = w
        .reset(&bea_link, "a brand new password", "a brand new password")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        w.password_hash(&bea).await,
        before,
        "an expired link changes nothing"
    );
}

#[tokio::test]
async fn r_note_4_three_mails_an_hour_per_address_then_none_until_the_hour_is_over() {
    let w = world().await;
    person(&w.app.db, "known", Role::Client).await;
    let (_, first) = w.forgot("known@example.com", "en").await;
    for _ in 0..2 {
        w.app.state.clock.advance(Duration::minutes(10));
        w.forgot("known@example.com", "en").await;
    }
    assert_eq!(w.deliver("known@example.com").await.len(), 3);
    // The 4th within the hour: the same words, nothing sent.
    w.app.state.clock.advance(Duration::minutes(10));
    let (status, fourth) = w.forgot("known@example.com", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fourth, first, "the answer never says a limit was reached");
    assert_eq!(w.deliver("known@example.com").await.len(), 3);
    // An hour after the first, one counts no more: it sends again.
    w.app
        .state
        .clock
        .set(t0() + Duration::minutes(60) + Duration::seconds(1));
    w.forgot("known@example.com", "en").await;
    assert_eq!(w.deliver("known@example.com").await.len(), 4);

    // Settings' "send a new link" says it plainly, with from when.
    w.app.state.clock.set(t0() + Duration::hours(5));
    let ada = w.sign_up("ada@example.com", "en").await;
    let signed_up = w.app.state.clock.now();
    let cookie = cookie_for(&w.app.db, &ada, signed_up).await;
    for _ in 0..2 {
        let res = w
            .app
            .request(form_post("/api/account/confirm/send", &cookie, "lang=en".into()))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);
    }
    assert_eq!(
        w.deliver("ada@example.com").await.len(),
        3,
        "sign-up and two new links"
    );
    let res = w
        .app
        .request(form_post("/api/account/confirm/send", &cookie, "lang=en".into()))
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let err = refusal(&body_string(res).await);
    let from = err.at.expect("from when");
    assert!(from > signed_up + Duration::minutes(59) && from <= signed_up + Duration::minutes(61));
    let words = settle::i18n::error_message(&err, Locale::En);
    assert!(
        words.starts_with("You asked for 3 links in the last hour; you can ask again from "),
        "{words}"
    );
    assert_eq!(w.deliver("ada@example.com").await.len(), 3, "nothing sent");
    // Without JavaScript the refusal comes back to Settings and is shown there.
    let plain = Request::post("/api/account/confirm/send")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .header(header::REFERER, "http://localhost/en/settings")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("lang=en"))
        .unwrap();
    let res = w.app.request(plain).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()[header::LOCATION].to_str().unwrap().to_string();
    let location = location.strip_prefix("http://localhost").unwrap_or(&location);
    assert!(location.contains("__err="), "{location}");
    let page = w.page(location, Some(&cookie)).await;
    assert!(page.contains("You asked for 3 links in the last hour"), "{page}");
}

#[tokio::test]
async fn r_note_4_twenty_mails_an_hour_from_one_client_address() {
    let w = world().await;
    for n in 0..21 {
        person(&w.app.db, &format!("p{n}"), Role::Client).await;
    }
    for n in 0..21 {
        let (status, _) = w.forgot(&format!("p{n}@example.com"), "en").await;
        assert_eq!(status, StatusCode::OK);
    }
    run_once(&w.app.state).await;
    run_once(&w.app.state).await;
    assert_eq!(w.smtp.mails().len(), 20);
    assert!(w.smtp.mails_to("p20@example.com").is_empty());
}

#[tokio::test]
async fn r_note_4_settings_choose_which_kinds_of_e_mail_arrive() {
    let w = world().await;
    let known = person(&w.app.db, "known", Role::Client).await;
    let cookie = cookie_for(&w.app.db, &known, w.app.state.clock.now()).await;
    let settings = w.page("/en/settings", Some(&cookie)).await;
    for t in MailTopic::ALL {
        assert!(
            settings.contains(&format!("name=\"{}\"", t.as_str())),
            "{settings}"
        );
        assert!(settings.contains(settle::i18n::topic_label(*t).text(Locale::En)));
    }
    assert!(
        !settings.contains("Confirm your address"),
        "an operator-made account counts as confirmed"
    );

    // Everything but reminders stays ticked.
    let res = w
        .app
        .request(form_post(
            "/api/account/mail_topics",
            &cookie,
            "lang=en&sessions=on&disputes=on&money=on&messages=on".into(),
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", body_string(res).await);
    assert_eq!(
        settle::platform::outbox::opt_outs(&w.app.db, &known)
            .await
            .unwrap(),
        vec![MailTopic::Reminders]
    );
    let saved = w.page("/en/settings?mail_saved=1", Some(&cookie)).await;
    assert!(saved.contains(Msg::MailTopicsSaved.text(Locale::En)));

    let now = w.app.state.clock.now();
    let mut tx = settle::platform::db::begin_write(&w.app.db).await.unwrap();
    for (kind, key) in [
        (NoticeKind::Reminder24h, "reminder-1"),
        (NoticeKind::DisputeOpened, "dispute-1"),
    ] {
        settle::platform::outbox::notify(&mut tx, &known, &Notice::new(kind, key, "/disputes"), now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let mails = w.deliver("known@example.com").await;
    assert_eq!(mails.len(), 1, "the reminder's mail is not sent");
    assert_ne!(mails[0].subject, Msg::NoticeReminder24h.text(Locale::En));

    // Ticked again (a plain form post, without JavaScript): it arrives.
    let plain = Request::post("/api/account/mail_topics")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "lang=en&sessions=on&reminders=on&disputes=on&money=on&messages=on",
        ))
        .unwrap();
    let res = w.app.request(plain).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/en/settings?mail_saved=1");
    assert!(settle::platform::outbox::opt_outs(&w.app.db, &known)
        .await
        .unwrap()
        .is_empty());
    let mut tx = settle::platform::db::begin_write(&w.app.db).await.unwrap();
    settle::platform::outbox::notify(
        &mut tx,
        &known,
        &Notice::new(NoticeKind::Reminder1h, "reminder-2", "/sessions"),
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(w.deliver("known@example.com").await.len(), 2);
}
