//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// A server function takes one argument per form field.
#![allow(clippy::too_many_arguments)]
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use super::*;
use leptos::prelude::*;

/// The models anyone may browse (booking asks to sign in).
#[server(prefix = "/api", endpoint = "sessions/models")]
pub async fn list_models() -> Result<Vec<ModelCard>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let mut cards = crate::sessions::store::cards(&state.db).await?;
    for card in &mut cards {
        card.photo = card.photo.as_deref().map(photo_path);
    }
    Ok(cards)
}

/// A model's profile, for anyone; the balance only for a signed-in client.
#[server(prefix = "/api", endpoint = "sessions/profile")]
pub async fn model_profile(id: String) -> Result<ProfileView, AppError> {
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    let state = state()?;
    let id = UserId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let p = crate::sessions::store::profile(&state.db, &id).await?;
    let balance = match viewer() {
        Some(me) if me.role == Role::Client => {
            let mut conn = state.db.acquire().await?;
            let wallet = crate::domain::ledger::Account::Wallet(me.id.clone());
            Some(crate::platform::ledger::balance(&mut conn, &wallet).await?)
        }
        _ => None,
    };
    Ok(ProfileView {
        id: p.id,
        name: p.name,
        area: p.area,
        rules: p.rules,
        zone: p.zone,
        photo: p.photo.as_deref().map(photo_path),
        tariffs: p
            .tariffs
            .into_iter()
            .map(|t| TariffLine {
                id: t.id,
                minutes: t.minutes,
                price: t.price,
            })
            .collect(),
        services: p
            .services
            .into_iter()
            .map(|s| ServiceLine {
                id: s.id,
                name: s.name,
                by_preference: s.by_preference,
            })
            .collect(),
        balance,
        rating: crate::sessions::store::rating_summary(&state.db, &id)
            .await?
            .map(|(average, count)| RatingSummary { average, count }),
    })
}

/// TIME-2/3: the booking the form describes, with its start read in the
/// venue's zone (hers at her place, the client's own for a home visit).
#[cfg(feature = "ssr")]
async fn booking_from_form(
    db: &crate::platform::db::Db,
    me: &crate::platform::auth::Viewer,
    form: BookingForm,
) -> Result<(crate::sessions::store::Booking, bool), AppError> {
    use crate::domain::{ErrorCode, RuleId};
    let bad = |d: &str| {
        AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Meet1)
            .with_detail(d)
    };
    let model = UserId::parse(&form.model).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let scenario = Scenario::parse(&form.scenario).ok_or_else(|| bad("scenario"))?;
    let venue_zone = match scenario {
        Scenario::AtMyPlace => crate::sessions::store::zone_of(db, &model).await?,
        Scenario::HomeVisit => me.time_zone.clone(),
    };
    let local = chrono::NaiveDateTime::parse_from_str(
        &format!("{} {}", form.date.trim(), form.time.trim()),
        "%Y-%m-%d %H:%M",
    )
    .map_err(|_| bad("start_shape"))?;
    let resolved = crate::platform::zones::info(&venue_zone).resolve(local);
    let start = resolved.first_or_refuse()?;
    Ok((
        crate::sessions::store::Booking {
            model,
            scenario,
            payment: Payment::parse(&form.payment).ok_or_else(|| bad("payment"))?,
            start,
            venue_zone,
            tariff_id: form.tariff,
            service_ids: form.services.into_iter().take(20).collect(),
            client_address: form.address,
        },
        resolved.is_ambiguous(),
    ))
}

/// The booking form's fields, as both the quote and the booking read them.
#[cfg(feature = "ssr")]
struct BookingForm {
    model: String,
    scenario: String,
    payment: String,
    date: String,
    time: String,
    tariff: String,
    services: Vec<String>,
    address: Option<String>,
}

/// What the booking would be, before the client pays: its start at the
/// venue and in the client's own zone, the total, the free-cancellation
/// deadline (MEET-9) and the arrival window (MEET-5). Refuses what booking
/// would refuse, with the same words (a skipped hour: TIME-3).
#[server(prefix = "/api", endpoint = "sessions/quote")]
pub async fn quote_session(
    model: String,
    scenario: String,
    date: String,
    time: String,
    tariff: String,
) -> Result<QuoteView, AppError> {
    use crate::domain::session::{FREE_CANCEL, WINDOW};
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let form = BookingForm {
        model,
        scenario,
        payment: "balance".into(),
        date,
        time,
        tariff,
        services: Vec::new(),
        address: None,
    };
    let (booking, ambiguous) = booking_from_form(&state.db, &me, form).await?;
    let planned = crate::sessions::store::plan(&state.db, &booking, state.clock.now()).await?;
    let start = planned.session.start;
    Ok(QuoteView {
        start,
        venue: (*crate::platform::zones::info(&booking.venue_zone)).clone(),
        ambiguous,
        minutes: planned.session.minutes,
        total: planned.session.total(),
        window_opens: start - WINDOW,
        window_closes: start + WINDOW,
        free_cancel_until: start - FREE_CANCEL,
    })
}

/// MEET-1: books a session. `date` is `YYYY-MM-DD` and `time` `HH:MM`, the
/// local time at the venue (TIME-2); `services[]` the chosen service ids;
/// `address` for a home visit; `key` the form's token (a double submit
/// books once). Answers the session's page path.
#[server(prefix = "/api", endpoint = "sessions/book")]
pub async fn book_session(
    model: String,
    scenario: String,
    payment: String,
    date: String,
    time: String,
    tariff: String,
    services: Option<Vec<String>>,
    address: Option<String>,
    key: String,
    lang: String,
) -> Result<String, AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let form = BookingForm {
        model,
        scenario,
        payment,
        date,
        time,
        tariff,
        services: services.unwrap_or_default(),
        address,
    };
    let (booking, _) = booking_from_form(&state.db, &me, form).await?;
    let id = crate::sessions::store::book(&state.db, &me.id, booking, &key, state.clock.now()).await?;
    let next = crate::platform::request::localized_path(&lang, &format!("/sessions/{id}"));
    redirect_plain_form(&next);
    Ok(next)
}

/// A model's photo (multipart, the file `photo`): checked, cut to a square
/// and re-encoded on the server; replaces her previous one.
#[server(prefix = "/api", endpoint = "sessions/photo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_photo(data: leptos::server_fn::codec::MultipartData) -> Result<String, AppError> {
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    use crate::platform::uploads;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let (fields, file) = read_form(data, "photo").await?;
    let jpeg = tokio::task::spawn_blocking(move || uploads::square_jpeg(&file))
        .await
        .map_err(|_| AppError::new(ErrorCode::Internal))??;
    let dir = state.config.upload_dir.clone();
    let id = uploads::store_photo(&state.db, &dir, &jpeg, state.clock.now()).await?;
    match crate::sessions::store::set_photo(&state.db, &me.id, &id).await {
        Ok(old) => {
            if let Some(old) = old {
                uploads::discard_photo(&state.db, &dir, &old).await;
            }
        }
        Err(e) => {
            uploads::discard_photo(&state.db, &dir, &id).await;
            return Err(e);
        }
    }
    let lang = fields.get("lang").cloned().unwrap_or_default();
    redirect_plain_form(&localized_path(&lang, "/settings?photo=1"));
    Ok(photo_path(&id))
}

/// The photo the asking model shows now, if any.
#[server(prefix = "/api", endpoint = "sessions/my_photo")]
pub async fn my_photo() -> Result<Option<String>, AppError> {
    use crate::domain::Role;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Model)?;
    let p = crate::sessions::store::profile(&state.db, &me.id).await?;
    Ok(p.photo.as_deref().map(photo_path))
}

#[server(prefix = "/api", endpoint = "sessions/mine")]
pub async fn my_sessions() -> Result<Vec<SessionLine>, AppError> {
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_viewer()?;
    let party = match me.role {
        Role::Client => Party::Client,
        Role::Model => Party::Model,
        Role::Support => return Err(AppError::new(ErrorCode::NotAllowed)),
    };
    let rows = crate::sessions::store::list(&state.db, &me.id, party).await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionLine {
            id: r.id,
            other_name: r.other_name,
            scenario: r.scenario,
            start: r.start,
            stage: r.stage,
        })
        .collect())
}

/// A session's id as the booking form made it, else not found.
#[cfg(feature = "ssr")]
fn session_id(raw: &str) -> Result<crate::domain::SessionId, AppError> {
    crate::domain::SessionId::from_key(raw).ok_or_else(|| AppError::new(crate::domain::ErrorCode::NotFound))
}

#[server(prefix = "/api", endpoint = "sessions/view")]
pub async fn get_session(id: String) -> Result<SessionView, AppError> {
    use crate::domain::session::{FREE_CANCEL, WINDOW};
    use crate::platform::request::*;
    use crate::sessions::store as srv;
    let id = session_id(&id)?;
    let state = state()?;
    let me = require_viewer()?;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let (l, party) = srv::load(&mut conn, &id, &me.id).await?;
    drop(conn);
    let s = &l.session;
    let other = if party == Party::Client {
        l.model.clone()
    } else {
        l.client.clone()
    };
    let address = match party {
        Party::Client if s.model_address_visible_to_client() => Some(format!(
            "{} — {}",
            srv::model_address(&state.db, &l.model).await?,
            l.address_details.clone().unwrap_or_default()
        )),
        Party::Model if s.client_address_visible_to_model() => l.client_address.clone(),
        Party::Client if s.scenario == Scenario::HomeVisit => l.client_address.clone(),
        _ => None,
    };
    let dispute = crate::platform::cases::for_subject(
        &state.db,
        crate::platform::cases::Subject::Session,
        l.id.as_str(),
    )
    .await?;
    let mut prefs = s.preferences.clone().unwrap_or_default().into_iter();
    let allowed = s.allowed(party, now);
    Ok(SessionView {
        id: l.id.clone(),
        me: party,
        other_name: srv::name_of(&state.db, &other).await?,
        other_id: other,
        scenario: s.scenario,
        payment: s.payment,
        stage: s.stage,
        start: s.start,
        window_opens: s.start - WINDOW,
        window_closes: s.start + WINDOW,
        free_cancel_until: s.start - FREE_CANCEL,
        venue: (*crate::platform::zones::info(&l.venue_zone)).clone(),
        minutes: s.minutes,
        total: s.total(),
        refunded_now: s.refunded_now,
        services: s
            .services
            .iter()
            .map(|x| SessionService {
                name: x.name.clone(),
                by_preference: x.by_preference,
                provided: if x.by_preference { prefs.next() } else { None },
            })
            .collect(),
        additions: s.additions.clone(),
        address,
        allowed: allowed.clone(),
        cancel_reasons: s.cancel_reasons(party, now),
        dispute: dispute.map(|d| SessionDispute {
            id: d.id,
            state: d.state,
        }),
        timeline: srv::timeline(&state.db, &l.id).await?,
        // MEET-10: the other side sees a reason code, never the private text.
        cancelled_reason: s.cancellation.as_ref().and_then(|c| c.reason),
        complaint_until: allowed
            .contains(&CommandKind::Complain)
            .then(|| s.complaint_until())
            .flatten(),
    })
}

/// Every step of a session. `command`: on_my_way, im_here, give_address
/// (`details`), preferences (`prefs[]`: "yes"/"no" per service by
/// preference), start, propose (`kind`, `label`, `minutes`, `price`),
/// confirm / decline (`index`), cancel (`reason`, `other_text`), refund_now
/// (`amount`, `key`), finish, complain (`reason`, `other_text`).
#[server(prefix = "/api", endpoint = "sessions/act")]
pub async fn session_act(
    id: String,
    command: String,
    details: Option<String>,
    prefs: Option<Vec<String>>,
    kind: Option<String>,
    label: Option<String>,
    minutes: Option<String>,
    price: Option<String>,
    index: Option<String>,
    reason: Option<String>,
    other_text: Option<String>,
    amount: Option<String>,
    key: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::session::{AdditionKind, Command};
    use crate::domain::{ErrorCode, RuleId};
    use crate::platform::ledger::IdempotencyKey;
    use crate::platform::request::*;
    use crate::sessions::store::{act, Extra};
    let id = session_id(&id)?;
    let state = state()?;
    let me = require_viewer()?;
    let bad = |rule: RuleId| AppError::new(ErrorCode::BadInput).with_rule(rule);
    let credits = |v: &Option<String>, rule| v.as_deref().and_then(Credits::parse).ok_or_else(|| bad(rule));
    let cmd = match command.as_str() {
        "on_my_way" => Command::OnMyWay,
        "im_here" => Command::ImHere,
        "give_address" => Command::GiveAddress,
        "preferences" => {
            Command::DeclarePreferences(prefs.unwrap_or_default().iter().map(|p| p == "yes").collect())
        }
        "start" => Command::Start,
        "propose" => Command::Propose {
            kind: kind
                .as_deref()
                .and_then(AdditionKind::parse)
                .ok_or_else(|| bad(RuleId::Meet6))?,
            label: label.unwrap_or_default(),
            minutes: minutes
                .as_deref()
                .unwrap_or("0")
                .trim()
                .parse()
                .map_err(|_| bad(RuleId::Meet6))?,
            price: credits(&price, RuleId::Meet6)?,
        },
        "confirm" | "decline" => {
            let i: usize = index
                .as_deref()
                .unwrap_or("")
                .parse()
                .map_err(|_| bad(RuleId::Meet6))?;
            if command == "confirm" {
                Command::Confirm(i)
            } else {
                Command::Decline(i)
            }
        }
        "cancel" => Command::Cancel(
            reason
                .as_deref()
                .filter(|r| !r.is_empty())
                .map(|r| CancelReason::parse(r).ok_or_else(|| bad(RuleId::Meet9)))
                .transpose()?,
        ),
        // MEET-15: a problem reported after the end names one of its reasons.
        "complain" => Command::Complain(
            reason
                .as_deref()
                .and_then(CancelReason::parse)
                .filter(|r| crate::domain::session::COMPLAINT_REASONS.contains(r))
                .ok_or_else(|| bad(RuleId::Meet15))?,
        ),
        "refund_now" => Command::RefundNow(credits(&amount, RuleId::Meet13)?),
        "finish" => Command::Finish,
        _ => return Err(AppError::new(ErrorCode::BadInput)),
    };
    let other_text = match other_text.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Some(crate::domain::Reason::parse(t)?.as_str().to_string()),
        _ => None,
    };
    let key = key
        .filter(|k| !k.is_empty())
        .map(|k| IdempotencyKey::from_form("session", &k))
        .transpose()?;
    act(
        &state.db,
        &id,
        &me.id,
        cmd,
        Extra {
            address_details: details,
            other_text,
            key,
        },
        state.clock.now(),
    )
    .await?;
    // Both parties' open session pages load the new step; their chat shows
    // it too.
    state.live.notify(&crate::platform::state::session_key(&id)).await;
    if let Ok(mut conn) = state.db.acquire().await {
        if let Ok((l, _)) = crate::sessions::store::load(&mut conn, &id, &me.id).await {
            state
                .live
                .notify(&crate::platform::state::chat_key(&l.model, &l.client))
                .await;
        }
    }
    Ok(())
}
