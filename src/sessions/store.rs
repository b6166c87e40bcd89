//! Booked sessions: booking with escrow (MEET-1), every step decided by
//! `domain::session::apply`, the money each step moves, the notices to the
//! other side, and the dispute a cancellation opens (MEET-9).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ledger::{self as plan, Account};
use crate::domain::notice::{reminder_due, Notice, NoticeKind, REMINDERS};
use crate::domain::session::{
    apply, Command, Due, Event, EventKind, Party, Payment, Scenario, Service, Session, Stage, WINDOW,
};
use crate::domain::time::ZoneName;
use crate::domain::{AppError, Credits, ErrorCode, Reason, RuleId, SessionId, UserId};
use crate::platform::cases::{self as disputes, NewDispute, Subject};
use crate::platform::db::begin_write;
use crate::platform::db::Db;
use crate::platform::db::{from_ms, ms};
use crate::platform::jobs::{self, Job, JobKind};
use crate::platform::ledger::{self, IdempotencyKey};
use crate::platform::messaging::{direct_conversation, post_message, MessageKind};
use crate::platform::outbox::notify;

pub fn scenario_code(s: Scenario) -> &'static str {
    s.as_str()
}

pub fn payment_code(p: Payment) -> &'static str {
    p.as_str()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tariff {
    pub id: String,
    pub minutes: i64,
    pub price: Credits,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedService {
    pub id: String,
    pub name: String,
    pub by_preference: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: UserId,
    pub name: String,
    pub area: String,
    pub rules: String,
    pub tariffs: Vec<Tariff>,
    pub services: Vec<OfferedService>,
    /// Her zone: the venue's for a session at her place (TIME-2).
    pub zone: ZoneName,
    /// Her photo's id, once she uploaded one.
    pub photo: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ModelRow {
    id: String,
    name: String,
    area: String,
}

/// Every model as the list shows her: area, rating, cheapest tariff and
/// services (a handful of models: one small query each is fine).
pub async fn cards(db: &Db) -> Result<Vec<crate::sessions::ModelCard>, AppError> {
    let mut cards = Vec::new();
    for (id, name, area) in profiles(db).await? {
        let p = profile(db, &id).await?;
        let from = p
            .tariffs
            .iter()
            .min_by_key(|t| t.price)
            .map(|t| crate::sessions::TariffLine {
                id: t.id.clone(),
                minutes: t.minutes,
                price: t.price,
            });
        let rating = rating_summary(db, &id)
            .await?
            .map(|(average, count)| crate::sessions::RatingSummary { average, count });
        cards.push(crate::sessions::ModelCard {
            id,
            name,
            area,
            rating,
            from,
            services: p.services.into_iter().map(|s| s.name).collect(),
            // The id; the server function turns it into the address.
            photo: p.photo,
        });
    }
    Ok(cards)
}

pub async fn profiles(db: &Db) -> Result<Vec<(UserId, String, String)>, AppError> {
    let rows: Vec<ModelRow> = sqlx::query_as::<_, ModelRow>(
        "SELECT u.id AS id, u.display_name AS name, p.area AS area FROM model_profiles p \
         JOIN users u ON u.id = p.model_id ORDER BY u.display_name",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (UserId::from_db(r.id), r.name, r.area))
        .collect())
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    name: String,
    area: String,
    rules: String,
    time_zone: String,
    photo: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TariffRow {
    id: String,
    minutes: i64,
    price: i64,
}

impl From<TariffRow> for Tariff {
    fn from(r: TariffRow) -> Tariff {
        Tariff {
            id: r.id,
            minutes: r.minutes,
            price: Credits::new(r.price),
        }
    }
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: String,
    name: String,
    kind: String,
}

impl From<ServiceRow> for OfferedService {
    fn from(r: ServiceRow) -> OfferedService {
        OfferedService {
            id: r.id,
            name: r.name,
            by_preference: r.kind == "by_preference",
        }
    }
}

pub async fn profile(db: &Db, model: &UserId) -> Result<Profile, AppError> {
    let row: Option<ProfileRow> = sqlx::query_as::<_, ProfileRow>(
        "SELECT u.display_name AS name, p.area AS area, p.rules AS rules, u.time_zone AS time_zone, \
         p.photo AS photo FROM model_profiles p JOIN users u ON u.id = p.model_id WHERE p.model_id = $1",
    )
    .bind(model.as_str())
    .fetch_optional(db)
    .await?;
    let Some(ProfileRow {
        name,
        area,
        rules,
        time_zone,
        photo,
    }) = row
    else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let tariffs: Vec<TariffRow> = sqlx::query_as::<_, TariffRow>(
        "SELECT id AS id, minutes AS minutes, price AS price FROM model_tariffs WHERE model_id = $1 ORDER BY minutes",
    )
    .bind(model.as_str())
    .fetch_all(db)
    .await?;
    let services: Vec<ServiceRow> = sqlx::query_as::<_, ServiceRow>(
        "SELECT id AS id, name AS name, kind AS kind FROM model_services WHERE model_id = $1 ORDER BY name",
    )
    .bind(model.as_str())
    .fetch_all(db)
    .await?;
    Ok(Profile {
        id: model.clone(),
        name,
        area,
        rules,
        tariffs: tariffs.into_iter().map(Tariff::from).collect(),
        services: services.into_iter().map(OfferedService::from).collect(),
        zone: ZoneName::parse(&time_zone).unwrap_or_else(|_| ZoneName::default_zone()),
        photo,
    })
}

pub struct Booking {
    pub model: UserId,
    pub scenario: Scenario,
    pub payment: Payment,
    pub start: DateTime<Utc>,
    /// TIME-2: where the start was entered (her zone at her place, the
    /// client's for a home visit).
    pub venue_zone: ZoneName,
    pub tariff_id: String,
    pub service_ids: Vec<String>,
    pub client_address: Option<String>,
}

/// What a booking would be, decided before anything is written: the same
/// checks for the quote the client reads and for the booking itself.
pub struct Planned {
    pub session: Session,
}

/// MEET-1: checks a booking against the model's profile and the clock.
pub async fn plan(db: &Db, b: &Booking, now: DateTime<Utc>) -> Result<Planned, AppError> {
    let bad = |detail: &str| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Meet1)
            .with_detail(detail)
    };
    if b.start < now + chrono::Duration::minutes(30) {
        return Err(bad("start").with_at(now + chrono::Duration::minutes(30)));
    }
    if b.start > now + chrono::Duration::days(365) {
        return Err(bad("start_far").with_at(now + chrono::Duration::days(365)));
    }
    let profile = profile(db, &b.model).await?;
    let tariff = profile
        .tariffs
        .iter()
        .find(|t| t.id == b.tariff_id)
        .ok_or_else(|| bad("tariff"))?;
    let mut services = Vec::new();
    for id in &b.service_ids {
        let s = profile
            .services
            .iter()
            .find(|s| &s.id == id)
            .ok_or_else(|| bad("service"))?;
        services.push(Service {
            name: s.name.clone(),
            by_preference: s.by_preference,
        });
    }
    let session = Session::new_booking(
        b.scenario,
        b.payment,
        b.start,
        tariff.minutes,
        tariff.price,
        services,
    );
    Ok(Planned { session })
}

/// MEET-2: a home visit needs the client's address.
fn client_address(b: &Booking) -> Result<Option<String>, AppError> {
    match (b.scenario, b.client_address.as_deref().map(str::trim)) {
        (Scenario::HomeVisit, Some(a))
            if (5..=300).contains(&a.chars().count()) && !a.chars().any(char::is_control) =>
        {
            Ok(Some(a.to_string()))
        }
        (Scenario::HomeVisit, _) => Err(AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Meet1)
            .with_detail("address")),
        (Scenario::AtMyPlace, _) => Ok(None),
    }
}

/// Sets a model's photo; answers the one it replaced, if any. Only a
/// model with a profile has a photo.
pub async fn set_photo(db: &Db, model: &UserId, photo: &str) -> Result<Option<String>, AppError> {
    let mut tx = begin_write(db).await?;
    let old: Option<Option<String>> =
        sqlx::query_scalar("SELECT photo FROM model_profiles WHERE model_id = $1")
            .bind(model.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let Some(old) = old else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    sqlx::query("UPDATE model_profiles SET photo = $1 WHERE model_id = $2")
        .bind(photo)
        .bind(model.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(old)
}

/// Whether `photo` is some model's current photo (only those are served).
pub async fn is_current_photo(db: &Db, photo: &str) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM model_profiles WHERE photo = $1")
        .bind(photo)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// A person's own zone (TIME-1).
pub async fn zone_of(db: &Db, user: &UserId) -> Result<ZoneName, AppError> {
    let zone: Option<String> = sqlx::query_scalar("SELECT time_zone FROM users WHERE id = $1")
        .bind(user.as_str())
        .fetch_optional(db)
        .await?;
    Ok(zone
        .and_then(|z| ZoneName::parse(&z).ok())
        .unwrap_or_else(ZoneName::default_zone))
}

/// MEET-1: a booking; a balance-paid one reserves the credits in escrow in
/// the same transaction.
/// `form_key` (the token the booking form made) becomes the session's id, so
/// a double submit books once.
pub async fn book(
    db: &Db,
    client: &UserId,
    b: Booking,
    form_key: &str,
    now: DateTime<Utc>,
) -> Result<SessionId, AppError> {
    IdempotencyKey::from_form("book", form_key)?;
    let address = client_address(&b)?;
    let Planned { session } = plan(db, &b, now).await?;

    let mut tx = begin_write(db).await?;
    let existing: Option<(String,)> = sqlx::query_as("SELECT id FROM bookings WHERE id = $1")
        .bind(form_key)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some((id,)) = existing {
        return Ok(SessionId::from_db(id));
    }
    // The form's key (checked above) is the session's id.
    let id = SessionId::from_db(form_key.to_string());
    sqlx::query(
        "INSERT INTO bookings (id, client_id, model_id, scenario, payment, start_at, stage, client_address, state, version, created_at, venue_zone) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11)",
    )
    .bind(id.as_str())
    .bind(client.as_str())
    .bind(b.model.as_str())
    .bind(b.scenario.as_str())
    .bind(b.payment.as_str())
    .bind(ms(b.start))
    .bind(session.stage.as_str())
    .bind(address)
    .bind(serde_json::to_string(&session).map_err(|e| crate::platform::db::internal("encode session", e))?)
    .bind(ms(now))
    .bind(b.venue_zone.as_str())
    .execute(&mut *tx)
    .await?;
    if session.is_secure() {
        let hold = plan::escrow_hold(
            client,
            id.as_str(),
            session.price,
            Reason::system("Session booked: credits held (MEET-1)"),
        );
        ledger::write(
            &mut tx,
            &hold,
            &IdempotencyKey::derived("session-hold", id.as_str()),
            Some(client),
            now,
        )
        .await
        .map_err(|e| {
            if e.code == ErrorCode::InsufficientCredits {
                e.with_rule(RuleId::Meet1)
            } else {
                e
            }
        })?;
    }
    let conversation = direct_conversation(&mut tx, &b.model, client, now).await?;
    post_message(
        &mut tx,
        &conversation,
        Some(client),
        MessageKind::System,
        &format!("session:{id}:booked"),
        None,
        now,
    )
    .await?;
    record_event(&mut tx, &id, 0, now, Some(Party::Client), EventKind::Booked, "").await?;
    // Reminders (NOTE-1) and the end of the window (MEET-14).
    for (kind, before) in REMINDERS {
        if let Some(due) = reminder_due(session.start, before, now) {
            let job = if kind == NoticeKind::Reminder24h {
                JobKind::Reminder24h
            } else {
                JobKind::Reminder1h
            };
            jobs::schedule(&mut tx, job, id.as_str(), due).await?;
        }
    }
    jobs::schedule(
        &mut tx,
        JobKind::WindowClosed,
        id.as_str(),
        session.start + WINDOW + chrono::Duration::milliseconds(1),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn record_event(
    conn: &mut sqlx::AnyConnection,
    session: &SessionId,
    seq: i64,
    at: DateTime<Utc>,
    actor: Option<Party>,
    kind: EventKind,
    detail: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO booking_events (session_id, seq, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(session.as_str())
        .bind(seq)
        .bind(ms(at))
        // Settle's own steps (MEET-14/15) are the system's.
        .bind(actor.map(|a| a.as_str()).unwrap_or("system"))
        .bind(kind.as_str())
        .bind(detail)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub fn event_code(e: &Event) -> &'static str {
    e.kind().as_str()
}

/// The session's row, for its two parties only.
pub struct Loaded {
    pub id: SessionId,
    pub client: UserId,
    pub model: UserId,
    pub session: Session,
    pub client_address: Option<String>,
    pub address_details: Option<String>,
    pub version: i64,
    /// TIME-2: the zone the session's start was booked in.
    pub venue_zone: ZoneName,
}

#[derive(sqlx::FromRow)]
struct BookingRow {
    #[sqlx(try_from = "String")]
    id: SessionId,
    client_id: String,
    model_id: String,
    /// The session as JSON.
    state: String,
    client_address: Option<String>,
    address_details: Option<String>,
    version: i64,
    venue_zone: String,
}

pub async fn load(
    conn: &mut sqlx::AnyConnection,
    id: &SessionId,
    viewer: &UserId,
) -> Result<(Loaded, Party), AppError> {
    let loaded = load_row(conn, id).await?;
    let party = if &loaded.client == viewer {
        Party::Client
    } else if &loaded.model == viewer {
        Party::Model
    } else {
        // Someone else's session: as if it did not exist.
        return Err(AppError::new(ErrorCode::NotFound));
    };
    Ok((loaded, party))
}

/// The session's row, whoever asks (a job: Settle itself).
async fn load_row(conn: &mut sqlx::AnyConnection, id: &SessionId) -> Result<Loaded, AppError> {
    let row = sqlx::query_as::<_, BookingRow>(
        "SELECT id AS id, client_id AS client_id, model_id AS model_id, state AS state, \
         client_address AS client_address, address_details AS address_details, version AS version, \
         venue_zone AS venue_zone FROM bookings WHERE id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    Ok(Loaded {
        session: serde_json::from_str(&row.state)
            .map_err(|e| crate::platform::db::internal("decode session", e))?,
        id: row.id,
        client: UserId::from_db(row.client_id),
        model: UserId::from_db(row.model_id),
        client_address: row.client_address,
        address_details: row.address_details,
        version: row.version,
        venue_zone: ZoneName::parse(&row.venue_zone).unwrap_or_else(|_| ZoneName::default_zone()),
    })
}

/// Extra input some commands carry from the form.
#[derive(Default)]
pub struct Extra {
    /// MEET-2: entrance, apartment, floor.
    pub address_details: Option<String>,
    /// MEET-10: the "other reason", for support only.
    pub other_text: Option<String>,
    /// For money commands: the form's key (a double click pays once).
    pub key: Option<IdempotencyKey>,
}

/// One step of a session: the domain decides, then state, money, notices
/// and a dispute (if any) are written in one transaction.
pub async fn act(
    db: &Db,
    id: &SessionId,
    actor: &UserId,
    cmd: Command,
    extra: Extra,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, AppError> {
    let mut tx = begin_write(db).await?;
    sqlx::query("UPDATE bookings SET version = version + 1 WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    let (loaded, party) = load(&mut tx, id, actor).await?;
    if let Some(key) = &extra.key {
        let used: Option<(String,)> = sqlx::query_as("SELECT id FROM ledger_txns WHERE idempotency_key = $1")
            .bind(key.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if used.is_some() {
            // A repeated click of a money step: the first one counted.
            tx.rollback().await?;
            return Ok(vec![]);
        }
    }
    if matches!(cmd, Command::GiveAddress) {
        let ok = extra
            .address_details
            .as_deref()
            .map(str::trim)
            .is_some_and(|d| (1..=200).contains(&d.chars().count()));
        if !ok {
            return Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Meet2));
        }
    }
    if matches!(cmd, Command::Complain(_)) && has_dispute(&mut tx, &loaded.id).await? {
        // One dispute per session: the one open already is where to write.
        return Err(AppError::rule(RuleId::Meet15).with_detail("disputed"));
    }
    let events = apply(&loaded.session, &cmd, party, now)?;
    let address_details = if matches!(cmd, Command::GiveAddress) {
        extra.address_details.as_deref().map(|d| d.trim().to_string())
    } else {
        loaded.address_details.clone()
    };
    persist(
        &mut tx,
        loaded,
        Some((party, actor)),
        &events,
        &extra,
        address_details,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(events)
}

async fn has_dispute(conn: &mut sqlx::AnyConnection, id: &SessionId) -> Result<bool, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM disputes WHERE subject_kind = $1 AND subject_id = $2")
            .bind(Subject::Session.as_str())
            .bind(id.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

/// Writes what `events` did: money, state, timeline, chat notices, the
/// dispute (if any), the notices of NOTE-1 and the jobs that follow
/// (MEET-14/15). `by`: the party who pressed, or `None` when Settle
/// itself acted (a job).
async fn persist(
    tx: &mut sqlx::AnyConnection,
    mut loaded: Loaded,
    by: Option<(Party, &UserId)>,
    events: &[Event],
    extra: &Extra,
    address_details: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = by.map(|b| b.1);
    let escrow = Account::Escrow(loaded.id.to_string());
    let version_key = |n: usize, what: &str| {
        IdempotencyKey::derived(what, &format!("{}:{}:{n}", loaded.id, loaded.version))
    };
    let names = Names::load(tx, &loaded).await?;
    let mut tell = Vec::<(UserId, Notice)>::new();
    let link = format!("/sessions/{}", loaded.id);
    let (seq,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM booking_events WHERE session_id = $1")
        .bind(loaded.id.as_str())
        .fetch_one(&mut *tx)
        .await?;
    for (n, event) in events.iter().enumerate() {
        // The event's key: a notice of it is told once (NOTE-2).
        let key = format!("session:{}:{}", loaded.id, seq + n as i64);
        let other_of = |p: Party| match p {
            Party::Client => (loaded.model.clone(), names.client.clone()),
            Party::Model => (loaded.client.clone(), names.model.clone()),
        };
        match event {
            Event::AdditionConfirmed { price, .. } if loaded.session.is_secure() => {
                let hold = plan::escrow_hold(
                    &loaded.client,
                    loaded.id.as_str(),
                    *price,
                    Reason::system("Addition confirmed (MEET-7)"),
                );
                ledger::write(tx, &hold, &version_key(n, "session-addition"), actor, now)
                    .await
                    .map_err(|e| {
                        if e.code == ErrorCode::InsufficientCredits {
                            e.with_rule(RuleId::Meet7)
                        } else {
                            e
                        }
                    })?;
            }
            Event::RefundedNow(amount) => {
                let back = plan::escrow_return(
                    &loaded.client,
                    loaded.id.as_str(),
                    *amount,
                    Reason::system("Given back by the model (MEET-13)"),
                );
                let key_ = extra
                    .key
                    .clone()
                    .unwrap_or_else(|| version_key(n, "session-refund"));
                ledger::write(tx, &back, &key_, actor, now).await?;
                // REF-5: neutral words, never who gave them back.
                tell.push((
                    loaded.client.clone(),
                    Notice::new(NoticeKind::CreditsBack, &key, "/client/billing").amount(*amount),
                ));
            }
            Event::Cancelled {
                escrow_back: true, ..
            } if loaded.session.is_secure() => {
                let held = ledger::balance(tx, &escrow).await?;
                if held.get() > 0 {
                    let back = plan::escrow_return(
                        &loaded.client,
                        loaded.id.as_str(),
                        held,
                        Reason::system("Session cancelled: credits returned (MEET-9)"),
                    );
                    ledger::write(tx, &back, &version_key(n, "session-cancel"), actor, now).await?;
                    tell.push((
                        loaded.client.clone(),
                        Notice::new(NoticeKind::CreditsBack, format!("{key}:back"), "/client/billing")
                            .amount(held),
                    ));
                }
            }
            Event::Released => {
                let held = ledger::balance(tx, &escrow).await?;
                let release = plan::escrow_release(
                    &loaded.client,
                    &loaded.model,
                    loaded.id.as_str(),
                    held,
                    loaded.session.total(),
                    Reason::system("Session completed: paid to the model"),
                );
                ledger::write(tx, &release, &version_key(n, "session-release"), actor, now).await?;
                // What she receives: her reward, not what was held.
                tell.push((
                    loaded.model.clone(),
                    Notice::new(NoticeKind::SessionPaid, &key, &link)
                        .name(&names.client)
                        .amount(release.amount),
                ));
            }
            _ => {}
        }
        // A dispute opened by this event: by a late cancellation (MEET-9),
        // a problem reported after the end, or a window that closed
        // unstarted (MEET-14: on the client's behalf, whose credits the
        // secure transaction holds).
        let opened = match event {
            Event::Cancelled {
                dispute: true,
                reason,
                by,
                ..
            } => Some((*by, *reason, extra.other_text.as_deref())),
            Event::Complained { by, reason } => Some((*by, Some(*reason), extra.other_text.as_deref())),
            Event::NotStarted { dispute: true } => Some((
                Party::Client,
                Some(crate::domain::session::CancelReason::NotStarted),
                None,
            )),
            _ => None,
        };
        if let Some((opened_by, reason, note)) = opened {
            let held = ledger::balance(tx, &escrow).await?;
            let dispute = disputes::open(
                tx,
                NewDispute {
                    subject: Subject::Session,
                    subject_id: loaded.id.as_str(),
                    client: &loaded.client,
                    model: &loaded.model,
                    opened_by,
                    reason: reason.map(|r| r.as_str()),
                    private_note: note.filter(|t| !t.trim().is_empty()),
                    held,
                },
                now,
            )
            .await?;
            for party in [Party::Client, Party::Model] {
                if by.is_some_and(|b| b.0 == party) && !matches!(event, Event::NotStarted { .. }) {
                    continue;
                }
                tell.push((
                    party_user(&loaded, party),
                    Notice::new(
                        NoticeKind::DisputeOpened,
                        format!("{key}:dispute"),
                        format!("/disputes/{dispute}"),
                    ),
                ));
            }
        }
        // NOTE-1: who is told what.
        match (event, by) {
            (Event::OnMyWay(p), _) => {
                let (to, name) = other_of(*p);
                tell.push((
                    to,
                    Notice::new(NoticeKind::OnMyWay, &key, &link)
                        .name(name)
                        .at(loaded.session.start),
                ));
            }
            (Event::Arrived(p), _) => {
                let (to, name) = other_of(*p);
                let kind = if loaded.session.scenario == Scenario::AtMyPlace {
                    NoticeKind::AddressNeeded
                } else {
                    NoticeKind::Arrived
                };
                tell.push((
                    to,
                    Notice::new(kind, &key, &link).name(name).at(loaded.session.start),
                ));
            }
            (Event::AdditionProposed(a), Some((p, _))) => {
                let (to, name) = other_of(p);
                tell.push((
                    to,
                    Notice::new(NoticeKind::AdditionProposed, &key, &link)
                        .name(name)
                        .text(&a.label),
                ));
            }
            (Event::Cancelled { by: p, .. }, _) => {
                let (to, name) = other_of(*p);
                tell.push((
                    to,
                    Notice::new(NoticeKind::SessionCancelled, &key, &link)
                        .name(name)
                        .at(loaded.session.start),
                ));
            }
            (Event::NotStarted { .. }, _) => {
                for party in [Party::Client, Party::Model] {
                    let (_, name) = other_of(party.other());
                    tell.push((
                        party_user(&loaded, party),
                        Notice::new(NoticeKind::SessionNotStarted, &key, &link)
                            .name(name)
                            .at(loaded.session.start + crate::domain::session::WINDOW),
                    ));
                }
            }
            (Event::Completed, None) => {
                for party in [Party::Client, Party::Model] {
                    let (_, name) = other_of(party.other());
                    tell.push((
                        party_user(&loaded, party),
                        Notice::new(NoticeKind::SessionFinished, &key, &link)
                            .name(name)
                            .at(loaded.session.scheduled_end()),
                    ));
                }
            }
            _ => {}
        }
    }
    loaded.session.evolve(events, now);
    // What happens by itself next (MEET-14/15).
    for event in events {
        match event {
            Event::Started(_) | Event::AdditionConfirmed { .. }
                if loaded.session.stage == Stage::InProgress =>
            {
                jobs::schedule(
                    tx,
                    JobKind::Overrun,
                    loaded.id.as_str(),
                    loaded.session.scheduled_end() + crate::domain::session::OVERRUN,
                )
                .await?;
            }
            Event::Completed if loaded.session.is_secure() => {
                if let Some(until) = loaded.session.complaint_until() {
                    jobs::schedule(tx, JobKind::Release, loaded.id.as_str(), until).await?;
                }
            }
            _ => {}
        }
    }
    sqlx::query("UPDATE bookings SET state = $1, stage = $2, address_details = $3 WHERE id = $4")
        .bind(
            serde_json::to_string(&loaded.session)
                .map_err(|e| crate::platform::db::internal("encode session", e))?,
        )
        .bind(loaded.session.stage.as_str())
        .bind(address_details)
        .bind(loaded.id.as_str())
        .execute(&mut *tx)
        .await?;
    let conversation = direct_conversation(tx, &loaded.model, &loaded.client, now).await?;
    for (n, event) in events.iter().enumerate() {
        let detail = match event {
            Event::Cancelled { reason, .. } => reason.map(|r| r.as_str()).unwrap_or("").to_string(),
            Event::Complained { reason, .. } => reason.as_str().to_string(),
            Event::RefundedNow(c) | Event::AdditionConfirmed { price: c, .. } => c.get().to_string(),
            Event::AdditionProposed(a) => format!("{} ({})", a.label, a.price),
            _ => String::new(),
        };
        record_event(
            tx,
            &loaded.id,
            seq + n as i64,
            now,
            by.map(|b| b.0),
            event.kind(),
            &detail,
        )
        .await?;
        // Each step shows in the pair's conversation.
        post_message(
            tx,
            &conversation,
            actor,
            MessageKind::System,
            &format!("session:{}:{}", loaded.id, event_code(event)),
            None,
            now,
        )
        .await?;
    }
    for (to, notice) in tell {
        notify(tx, &to, &notice, now).await?;
    }
    Ok(())
}

fn party_user(l: &Loaded, p: Party) -> UserId {
    match p {
        Party::Client => l.client.clone(),
        Party::Model => l.model.clone(),
    }
}

/// The two parties' display names, for the notices.
struct Names {
    client: String,
    model: String,
}

impl Names {
    async fn load(conn: &mut sqlx::AnyConnection, l: &Loaded) -> Result<Names, AppError> {
        Ok(Names {
            client: display_name(conn, &l.client).await?,
            model: display_name(conn, &l.model).await?,
        })
    }
}

async fn display_name(conn: &mut sqlx::AnyConnection, id: &UserId) -> Result<String, AppError> {
    let r: Option<(String,)> = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(r.map(|r| r.0).unwrap_or_default())
}

/// Sessions booked before the jobs existed get theirs (at every start; a
/// session that has them is left alone): the end of the window for those
/// whose window is still open, and a first look at the overrun for those
/// in progress (the job finds its instant and schedules itself again).
/// Windows that closed before the upgrade are left as they were: ending
/// them now would tell people about sessions long past.
pub async fn schedule_missing_jobs(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let mut tx = begin_write(db).await?;
    let window = sqlx::query(
        "INSERT INTO jobs (id, kind, subject_id, due_at) \
         SELECT 'start-w-' || id, $1, id, start_at + $2 FROM bookings \
         WHERE stage IN ('BeforeMeeting', 'Meeting') AND start_at + $2 > $3 \
         ON CONFLICT (kind, subject_id) DO NOTHING",
    )
    .bind(JobKind::WindowClosed.as_str())
    .bind((WINDOW + chrono::Duration::milliseconds(1)).num_milliseconds())
    .bind(ms(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let overrun = sqlx::query(
        "INSERT INTO jobs (id, kind, subject_id, due_at) \
         SELECT 'start-o-' || id, $1, id, start_at FROM bookings WHERE stage = 'InProgress' \
         ON CONFLICT (kind, subject_id) DO NOTHING",
    )
    .bind(JobKind::Overrun.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(window + overrun)
}

/// Runs one due job (MEET-14/15, reminders) in its own transaction, which
/// begins by marking it done: a job another server ran already changes
/// nothing here.
pub async fn run_job(db: &Db, job: &Job, now: DateTime<Utc>) -> Result<(), AppError> {
    let id = SessionId::from_db(job.subject.clone());
    let mut tx = begin_write(db).await?;
    // The booking's row first, then the job's: the order a step takes
    // (`act` schedules jobs after locking the booking), so the two never
    // wait for each other on PostgreSQL.
    sqlx::query("UPDATE bookings SET version = version + 1 WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
    if !jobs::take(&mut tx, job, now).await? {
        tx.rollback().await?;
        return Ok(());
    }
    let loaded = match load_row(&mut tx, &id).await {
        Ok(l) => l,
        // The session is gone (never in practice): nothing to do.
        Err(e) if e.code == ErrorCode::NotFound => {
            tx.commit().await?;
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let s = &loaded.session;
    let due = match job.kind {
        JobKind::Reminder24h | JobKind::Reminder1h => {
            // After a pause of the workers a late reminder would be wrong
            // ("in 24 hours" an hour before): only while it is still true.
            let still_true = match job.kind {
                JobKind::Reminder24h => now < s.start - chrono::Duration::hours(1),
                _ => now < s.start,
            };
            if s.stage == Stage::BeforeMeeting && still_true {
                let kind = if job.kind == JobKind::Reminder24h {
                    NoticeKind::Reminder24h
                } else {
                    NoticeKind::Reminder1h
                };
                let names = Names::load(&mut tx, &loaded).await?;
                let link = format!("/sessions/{}", loaded.id);
                let key = format!("session:{}:{}", loaded.id, job.kind.as_str());
                notify(
                    &mut tx,
                    &loaded.client,
                    &Notice::new(kind, &key, &link).name(&names.model).at(s.start),
                    now,
                )
                .await?;
                notify(
                    &mut tx,
                    &loaded.model,
                    &Notice::new(kind, &key, &link).name(&names.client).at(s.start),
                    now,
                )
                .await?;
            }
            Due::Never
        }
        JobKind::WindowClosed => s.window_check(now),
        JobKind::Overrun => s.overrun_check(now),
        JobKind::Release => {
            let disputed = has_dispute(&mut tx, &loaded.id).await?;
            s.release_check(disputed, now)
        }
    };
    match due {
        Due::Now(events) => {
            let details = loaded.address_details.clone();
            persist(&mut tx, loaded, None, &events, &Extra::default(), details, now).await?;
        }
        // Not yet (an extra tariff moved the end): look again then.
        Due::At(at) => jobs::schedule(&mut tx, job.kind, id.as_str(), at).await?,
        Due::Never => {}
    }
    tx.commit().await?;
    Ok(())
}

pub use crate::sessions::TimelineLine as TimelineEntry;

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    /// A party, or "system" for Settle's own steps.
    actor: String,
    #[sqlx(try_from = "String")]
    kind: EventKind,
    detail: String,
}

impl From<EventRow> for TimelineEntry {
    fn from(r: EventRow) -> TimelineEntry {
        TimelineEntry {
            at: from_ms(r.at),
            actor: Party::parse(&r.actor),
            kind: r.kind,
            detail: r.detail,
        }
    }
}

pub async fn timeline(db: &Db, id: &SessionId) -> Result<Vec<TimelineEntry>, AppError> {
    let rows: Vec<EventRow> = sqlx::query_as::<_, EventRow>(
        "SELECT at AS at, actor AS actor, kind AS kind, detail AS detail FROM booking_events \
         WHERE session_id = $1 ORDER BY seq",
    )
    .bind(id.as_str())
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(TimelineEntry::from).collect())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub id: SessionId,
    pub other_name: String,
    pub scenario: Scenario,
    pub start: DateTime<Utc>,
    pub stage: Stage,
}

#[derive(sqlx::FromRow)]
struct SessionListRow {
    #[sqlx(try_from = "String")]
    id: SessionId,
    other_name: String,
    #[sqlx(try_from = "String")]
    scenario: Scenario,
    start_at: i64,
    #[sqlx(try_from = "String")]
    stage: Stage,
}

impl From<SessionListRow> for SessionRow {
    fn from(r: SessionListRow) -> SessionRow {
        SessionRow {
            id: r.id,
            other_name: r.other_name,
            scenario: r.scenario,
            start: from_ms(r.start_at),
            stage: r.stage,
        }
    }
}

pub async fn list(db: &Db, user: &UserId, party: Party) -> Result<Vec<SessionRow>, AppError> {
    let (mine, other) = match party {
        Party::Client => ("client_id", "model_id"),
        Party::Model => ("model_id", "client_id"),
    };
    let sql = format!(
        "SELECT s.id AS id, u.display_name AS other_name, s.scenario AS scenario, s.start_at AS start_at, \
         s.stage AS stage FROM bookings s JOIN users u ON u.id = s.{other} \
         WHERE s.{mine} = $1 ORDER BY s.start_at DESC LIMIT 200"
    );
    let rows: Vec<SessionListRow> = sqlx::query_as::<_, SessionListRow>(&sql)
        .bind(user.as_str())
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(SessionRow::from).collect())
}

pub async fn model_address(db: &Db, model: &UserId) -> Result<String, AppError> {
    let (a,): (String,) = sqlx::query_as("SELECT address FROM model_profiles WHERE model_id = $1")
        .bind(model.as_str())
        .fetch_one(db)
        .await?;
    Ok(a)
}

pub async fn name_of(db: &Db, user: &UserId) -> Result<String, AppError> {
    let (n,): (String,) = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
        .bind(user.as_str())
        .fetch_one(db)
        .await?;
    Ok(n)
}

/// Demo profiles: an area, a private address, rules, tariffs and services.
pub async fn seed_profile(
    db: &Db,
    model: &UserId,
    area: &str,
    address: &str,
    rules: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO model_profiles (model_id, area, address, rules) VALUES ($1, $2, $3, $4)")
        .bind(model.as_str())
        .bind(area)
        .bind(address)
        .bind(rules)
        .execute(db)
        .await?;
    for (minutes, price) in [(60, 300), (120, 550)] {
        sqlx::query("INSERT INTO model_tariffs (id, model_id, minutes, price) VALUES ($1, $2, $3, $4)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(model.as_str())
            .bind(minutes)
            .bind(price)
            .execute(db)
            .await?;
    }
    for (name, kind) in [
        ("Dinner date", "standard"),
        ("Massage", "by_preference"),
        ("Photo walk", "by_preference"),
    ] {
        sqlx::query("INSERT INTO model_services (id, model_id, name, kind) VALUES ($1, $2, $3, $4)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(model.as_str())
            .bind(name)
            .bind(kind)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// The live ratings' average and count for a profile (removed ones don't
/// count): ratings after calls and after sessions (issue 16) alike.
pub async fn rating_summary(db: &Db, user: &UserId) -> Result<Option<(f32, usize)>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT stars FROM ratings WHERE rated_id = $1 AND removed_at IS NULL \
         UNION ALL SELECT stars FROM session_ratings WHERE rated_id = $1 AND removed_at IS NULL",
    )
    .bind(user.as_str())
    .fetch_all(db)
    .await?;
    let stars: Vec<crate::domain::rating::Stars> = rows
        .iter()
        .filter_map(|(s,)| crate::domain::rating::Stars::parse(&s.to_string()).ok())
        .collect();
    Ok(crate::domain::rating::summary(&stars))
}
