//! Demo data for a first run: two support agents, three models, three
//! clients with credits, and a few calls per model, some ended within the
//! last hour (still refundable). Only into an empty database, and only when
//! asked (`SETTLE_DEMO_DATA=1`, which `make run` sets).

use chrono::{DateTime, Duration, Utc};

use crate::accounts::store::{create_account, NewAccount};
use crate::billing::store::{record_content_sale, record_show, ReportedSale, ReportedShow};
use crate::calls::store::{record_call, CallEvent, FinishedCall};
use crate::domain::ledger::Processor;
use crate::domain::{AppError, Credits, DisplayName, Email, Password, Role, UserId};
use crate::platform::db::Db;
use crate::platform::ledger::IdempotencyKey;
use crate::support::store::purchase;

/// Every demo account uses this password (listed in the README).
pub const DEMO_PASSWORD: &str = "settle-demo-2026";

pub const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    ("support@settle.test", "Sara", Role::Support),
    ("andrea@settle.test", "Andrea", Role::Support),
    ("giulia@settle.test", "Giulia", Role::Model),
    ("sofia@settle.test", "Sofia", Role::Model),
    ("marta@settle.test", "Marta", Role::Model),
    ("luca@settle.test", "Luca", Role::Client),
    ("marco@settle.test", "Marco", Role::Client),
    ("paolo@settle.test", "Paolo", Role::Client),
];

/// Credits each demo client bought, and through which processor.
const PURCHASES: &[(&str, i64, Processor)] = &[
    ("luca@settle.test", 2000, Processor::Paymentico),
    ("marco@settle.test", 1200, Processor::Epoch),
    ("paolo@settle.test", 800, Processor::SegPay),
];

/// (model, client, minutes ago it ended, length in seconds, price per minute)
const CALLS: &[(&str, &str, i64, i64, i64)] = &[
    ("giulia@settle.test", "luca@settle.test", 10, 4 * 60 + 12, 30),
    ("giulia@settle.test", "luca@settle.test", 50, 2 * 60, 30),
    ("giulia@settle.test", "marco@settle.test", 240, 9 * 60 + 40, 30),
    ("sofia@settle.test", "marco@settle.test", 25, 6 * 60, 25),
    ("sofia@settle.test", "paolo@settle.test", 26 * 60, 12 * 60, 25),
    ("marta@settle.test", "paolo@settle.test", 40, 3 * 60 + 5, 40),
    ("marta@settle.test", "luca@settle.test", 3 * 24 * 60, 15 * 60, 40),
];

/// (model, public area, private address, her rules)
const PROFILES: &[(&str, &str, &str, &str)] = &[
    (
        "giulia@settle.test",
        "Milano, Navigli",
        "Via Vigevano 18, 20144 Milano",
        "Please be on time and let me know in the chat if you are running late.",
    ),
    (
        "sofia@settle.test",
        "Roma, Trastevere",
        "Via della Lungaretta 42, 00153 Roma",
        "No alcohol before we meet. Home visits within 10 km only.",
    ),
    (
        "marta@settle.test",
        "Bologna, Centro",
        "Via Santo Stefano 7, 40125 Bologna",
        "Respect and discretion, always.",
    ),
];

/// Seeds when the database has no users yet; returns whether it did.
pub async fn seed_if_empty(db: &Db, now: DateTime<Utc>) -> Result<bool, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(db).await?;
    if count > 0 {
        return Ok(false);
    }
    let mut ids = Vec::new();
    for (email, name, role) in DEMO_ACCOUNTS {
        let id = create_account(
            db,
            NewAccount {
                email: Email::parse(email)?,
                display_name: DisplayName::parse(name)?,
                password: Password::parse_new(DEMO_PASSWORD.into())?,
                role: *role,
                locale: None,
                time_zone: crate::domain::time::ZoneName::default_zone(),
            },
            now,
        )
        .await?;
        ids.push((*email, id));
    }
    // The demo people's addresses count as confirmed (NOTE-4), so the
    // demo shows their e-mails in the outbox.
    sqlx::query("UPDATE users SET email_confirmed_at = created_at WHERE email_confirmed_at IS NULL")
        .execute(db)
        .await?;
    let id_of = |email: &str| -> UserId {
        ids.iter()
            .find(|(e, _)| *e == email)
            .map(|(_, id)| id.clone())
            .unwrap_or_else(UserId::generate)
    };
    for (email, amount, processor) in PURCHASES {
        let key = IdempotencyKey::derived("demo-purchase", email);
        purchase(
            db,
            &id_of(email),
            Credits::new(*amount),
            *processor,
            &key,
            now - Duration::days(7),
        )
        .await?;
    }
    for (email, area, address, rules) in PROFILES {
        crate::sessions::store::seed_profile(db, &id_of(email), area, address, rules).await?;
    }
    for (n, (model, client, ago, secs, price)) in CALLS.iter().enumerate() {
        let ended = now - Duration::minutes(*ago);
        let started = ended - Duration::seconds(*secs);
        record_call(
            db,
            FinishedCall {
                external_id: format!("demo-call-{n}"),
                client_id: id_of(client).to_string(),
                model_id: id_of(model).to_string(),
                kind: if n % 2 == 0 {
                    "video".into()
                } else {
                    "phone".into()
                },
                price_per_minute: *price,
                started_at: started,
                ended_at: ended,
                events: vec![
                    CallEvent {
                        at: started,
                        kind: "connected".into(),
                        detail: "both sides joined".into(),
                    },
                    CallEvent {
                        at: started + Duration::seconds(secs / 2),
                        kind: "quality".into(),
                        detail: "video 720p, 2% packet loss".into(),
                    },
                    CallEvent {
                        at: ended,
                        kind: "ended".into(),
                        detail: "hung up by the client".into(),
                    },
                ],
            },
            now,
        )
        .await?;
    }
    // Private shows (one within BILL-3's 5 minutes, one past them) and
    // content sales (BILL-4), as the streaming and content systems report
    // them, so each refund rule can be reached from the client's billing page.
    for (n, (model, client, watched_mins, price)) in SHOWS.iter().enumerate() {
        let ended = now - Duration::hours(2 + n as i64);
        let show = ReportedShow {
            external_id: format!("demo-show-{n}"),
            client_id: id_of(client).to_string(),
            model_id: id_of(model).to_string(),
            price_per_minute: *price,
            started_at: ended - Duration::minutes(30),
            ended_at: ended,
            watched_seconds: watched_mins * 60,
        };
        record_show(db, show, now).await?;
    }
    for (n, (model, client, kind, price, title)) in SALES.iter().enumerate() {
        let sale = ReportedSale {
            external_id: format!("demo-sale-{n}"),
            client_id: id_of(client).to_string(),
            model_id: id_of(model).to_string(),
            kind: kind.to_string(),
            price: *price,
            title: Some(title.to_string()),
        };
        record_content_sale(db, sale, now - Duration::hours(3)).await?;
    }
    Ok(true)
}

/// Demo private shows: model, client, minutes watched, price per minute.
const SHOWS: &[(&str, &str, i64, i64)] = &[
    ("giulia@settle.test", "luca@settle.test", 3, 8),
    ("sofia@settle.test", "luca@settle.test", 12, 6),
];

/// Demo content sales: model, client, photo or video, price, title.
const SALES: &[(&str, &str, &str, i64, &str)] = &[
    (
        "giulia@settle.test",
        "luca@settle.test",
        "photo",
        25,
        "Lake Como photo set",
    ),
    (
        "marta@settle.test",
        "marco@settle.test",
        "video",
        40,
        "Studio video, 8 minutes",
    ),
];
